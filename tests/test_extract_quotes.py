"""Quotation-mark spans (directory.extract.quotes): every mark style, paragraphs, bad marks."""

from __future__ import annotations

import pytest

from directory.extract.quotes import find_quotes, names_a_work, paragraph_spans


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
        # an opening mark typed where the quote ends still closes it
        (
            "\u201cIt could hurt her here,\u201c said Jo Bell. \u201cWe will see.\u201d",
            ["It could hurt her here", "We will see."],
        ),
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


@pytest.mark.parametrize(
    ("text", "work"),
    [
        ('Her paper, titled "Warm water", came out.', True),
        ('Her book "The Long Slump" came out.', True),
        ('The report "Coral Decline in Warm Seas" came out.', True),
        # a short sentence with a capitalised place is still something said
        ("\u201cIt\u2019s not new in Virginia,\u201d said Rep. Bo Scott.", False),
        ('Critics called the film "lurid" at once.', False),
        # category 7: a programme's name after "of" or "on"
        ('He told the hosts of "Morning Joe" that he was well.', True),
        ('She said on "Meet the Press" that it was over.', True),
        ('He dwelt on "the bulk of the responsibility" in his speech.', False),
        # category 7: a title closing the sentence, its full stop inside the marks
        ("He said so in May on the podcast \u201cHere\u2019s the Thing.\u201d", True),
        ('She wrote a memoir, "Tough Choices."', True),
        ('He recalled his memoir "An American Son."', True),
        ('Critics called the show "a mess."', False),
        # ... and a broadcaster's programme after "on", its full stop inside the marks too
        ("He said by telephone on NBC's ''Meet the Press.''", True),
        ('She spoke on ABC\'s "This Week With George Stephanopoulos."', True),
        ('He spoke on NBC\'s "A very long night."', False),
        ('She told "Fox and Friends" on Monday that it was over.', True),
        ("He told NBC\u2019s \u201cToday\u201d on Monday that he could not hear.", True),
        ('Clinton said in an interview with "Fox News Sunday."', True),
    ],
)
def test_names_a_work(text, work):
    [quote] = find_quotes(text)
    assert names_a_work(text, quote) is work
