"""Quotation-mark spans (directory.extract.quotes): every mark style, paragraphs, bad marks."""

from __future__ import annotations

import pytest

from directory.extract.quotes import find_quotes, paragraph_spans


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "the plan works," and left.', ["the plan works"]),
        ("\u201cIt is over,\u201d she said.", ["It is over"]),
        ("''Resolve matters,'' she said. ''We act.''", ["Resolve matters", "We act."]),
        ("``Old style'' marks", ["Old style"]),
        (
            "\u201cHe called it \u2018absurd\u2019 twice,\u201d she said.",
            ["He called it \u2018absurd\u2019 twice"],
        ),
        ("Tabloids called it \u2018historic\u2019 and don't care.", ["historic"]),
        ('A 5" screen and a 7" one.', []),
        ("No quotes here at all.", []),
        ("", []),
    ],
)
def test_marks(text, expected):
    assert spans(text) == expected


def test_quote_reopened_in_next_paragraph_continues():
    text = "\u201cFirst part of it.\n\n\u201cSecond part,\u201d he said."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["First part of it.", "Second part"]
    assert quotes[0].continued and quotes[0].closed
    assert quotes[1].continues == 0


def test_unclosed_quote_stops_at_paragraph_end():
    text = 'She said "this never closes\n\nNext paragraph "has one" here.'
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["this never closes", "has one"]
    assert quotes[0].closed is False and quotes[0].continues is None


def test_straight_mark_after_space_reopens():
    text = 'He said: "Kirkcaldy is home. "I am led to ponder," he added.'
    assert spans(text) == ["Kirkcaldy is home.", "I am led to ponder"]


@pytest.mark.parametrize(
    "text", ['"', '""', '"""""', "\u201c\u201d\u201c", "''''", "\u2018\u2019'\"`"]
)
def test_only_marks_give_nothing(text):
    assert find_quotes(text) == []


def test_outer_offsets_cover_marks_and_comma():
    text = 'x "Go now," he said.'
    (q,) = find_quotes(text)
    assert text[q.outer_start : q.outer_end] == '"Go now,"'


def test_paragraph_spans_skip_blank_lines():
    assert paragraph_spans("a\n\n  \nbc\n") == [(0, 1), (6, 8)]
