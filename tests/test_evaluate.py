"""Scoring against a gold file (directory.evaluate)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from directory.errors import InputError
from directory.evaluate import (
    HONORIFIC_WORDS,
    evaluate_file,
    format_misses,
    format_report,
    name_words,
    names_match,
    orgs_match,
    score_article,
    title_correct,
)
from directory.models import Person, Position, Quote

GOLD = Path(__file__).parent / "fixtures" / "gold-small.jsonl"


@pytest.mark.parametrize(
    ("pred", "aliases", "gold", "gold_aliases", "expected"),
    [
        ("Ren Xiao", [], "Ren Xiao", [], True),
        ("Dr. Ren Xiao", [], "Ren Xiao", [], True),
        ("Mike Bednarek", [], "Mick Bednarek", [], False),
        ("Tony Cordesman", [], "Anthony Cordesman", [], False),
        ("Jon Smith", [], "Jonathan Smith", [], True),
        ("Bednarek", [], "Mick Bednarek", [], True),
        ("Hillary Rodham Clinton", [], "Hillary Clinton", [], True),
        ("Bill Clinton", [], "Hillary Clinton", [], False),
        ("Giulini", [], "Rudy Giuliani", ["Giulini"], True),
        ("Rudy Giuliani", ["Giulini"], "Giulini", [], True),
        # a place or agency before a title is no honorific, yet the names still match
        ("Kasich", [], "John Kasich", ["Ohio Gov. John Kasich"], True),
        ("Ohio Gov. John Kasich", [], "John Kasich", [], False),
        ("Lt. Gen. Mick Bednarek", [], "Mick Bednarek", [], True),
    ],
)
def test_names_match(pred, aliases, gold, gold_aliases, expected):
    person = Person(name=pred, aliases=aliases)
    assert names_match(person, {"name": gold, "aliases": gold_aliases}) is expected


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Dr. Ren Xiao's", ["ren", "xiao"]),
        ("Sen. Patty Murray", ["patty", "murray"]),
        ("Lt. Gen. Mick Bednarek", ["mick", "bednarek"]),
        ("FBI Director James Comey", ["fbi", "director", "james", "comey"]),
        ("South Carolina Sen. Lindsey Graham", ["south", "carolina", "sen", "lindsey", "graham"]),
    ],
)
def test_name_words_drop_only_leading_honorifics(name, words):
    assert name_words(name) == words


def test_honorifics_are_english_title_words_only():
    # words that merely stood before one gold name (a state, an agency, a branch) are not titles
    assert not HONORIFIC_WORDS & {"fbi", "navy", "south", "carolina", "ohio", "defense", "the"}


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ("professor of international politics", "professor of international politics", True),
        ("professor", "professor of international politics", True),
        ("senior fellow", "distinguished fellow; former senior adviser to Mr. Obama", True),
        ("chief executive", "senior fellow", False),
        (None, None, True),
        (None, "professor", False),
        ("professor", None, False),
    ],
)
def test_title_correct(pred, gold, expected):
    assert title_correct(pred, gold) is expected


def test_orgs_match():
    assert orgs_match("the Brookings Institution", "Brookings Institution")
    assert orgs_match("University of California, San Diego", "University of California")
    assert not orgs_match("Harvard University", "Yale University")


def test_score_article_counts_wrong_and_missed():
    text = 'Headline\n\n"Alpha beta gamma," said Ann Bell. "Delta epsilon," said Tom Cole.'
    item = {
        "text": text,
        "experts": [
            {
                "name": "Ann Bell",
                "aliases": [],
                "title": "economist",
                "affiliations": ["Kerr Bank"],
                "quotes": ["Alpha beta gamma"],
            },
        ],
        "other_speakers": [
            {
                "name": "Tom Cole",
                "aliases": [],
                "title": None,
                "affiliations": [],
                "quotes": ["Delta epsilon"],
            },
        ],
    }
    a = text.index("Alpha")
    d = text.index("Delta")
    people = [
        Person(
            name="Ann Bell",
            kind="expert",
            title="chief economist",
            positions=[Position(organization="Kerr Bank")],
            quotes=[
                Quote("Alpha beta gamma", "direct", "said", a, a + 16),
                Quote("Delta epsilon", "direct", "said", d, d + 13),
            ],
        ),
        Person(name="Someone Else", kind="expert"),
    ]
    counts = score_article(item, people)
    assert {
        k: counts[k]
        for k in (
            "speakers_tp",
            "experts_tp",
            "experts_pred",
            "quotes_found",
            "quotes_pred",
            "quotes_right",
            "title_right",
            "aff_found",
        )
    } == {
        "speakers_tp": 1,
        "experts_tp": 1,
        "experts_pred": 2,
        "quotes_found": 1,
        "quotes_pred": 2,
        "quotes_right": 1,
        "title_right": 1,
        "aff_found": 1,
    }
    assert "wrong quote: Ann Bell: Delta epsilon" in counts["misses"]
    assert "missed person: Tom Cole (other)" in counts["misses"]
    assert "extra person: Someone Else (expert)" in counts["misses"]


def test_evaluate_file_on_small_gold():
    result = evaluate_file(GOLD)
    m = result["measures"]
    assert result["articles"] == 2
    assert (m["experts"]["tp"], m["experts"]["predicted"], m["experts"]["gold"]) == (2, 2, 2)
    assert (m["speakers"]["tp"], m["speakers"]["predicted"], m["speakers"]["gold"]) == (4, 4, 5)
    assert (m["quotes"]["tp"], m["quotes"]["predicted"], m["quotes"]["gold"]) == (11, 11, 12)
    assert m["quotes"]["recall"] == pytest.approx(11 / 12)
    assert m["kind_accuracy"] == {"accuracy": 1.0, "right": 4, "total": 4}
    assert result["files"][0]["misses"] == []
    assert result["files"][1]["misses"] == [
        "gold quote not in text: Nobody Else: a quote that is not in the text",
        "missed quote: Nobody Else: a quote that is not in the text",
        "missed person: Nobody Else (other)",
    ]
    report = format_report(result)
    assert "experts" in report and "0.917" in report
    assert [e["miss"] for e in result["misses"]["speakers"]] == [
        "missed person: Nobody Else (other)"
    ]
    assert result["misses"]["title"] == [] and result["misses"]["affiliation"] == []
    study = format_misses(result)
    assert "== quotes: 2 misses" in study and "== title: 0 misses" in study
    json.dumps(result)


def test_bad_gold_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        evaluate_file(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"file": "nowhere.txt", "experts": []}\n', encoding="utf-8")
    with pytest.raises(InputError):
        evaluate_file(bad)


def test_misses_are_grouped_by_measure_with_what_was_predicted():
    text = 'Headline\n\n"Alpha beta," said Ann Bell, a researcher.'
    item = {
        "text": text,
        "experts": [
            {
                "name": "Ann Bell",
                "aliases": [],
                "title": "economist",
                "affiliations": ["Kerr Bank"],
                "quotes": ["Alpha beta"],
            }
        ],
        "other_speakers": [],
    }
    a = text.index("Alpha")
    person = Person(
        name="Ann Bell",
        kind="other",
        title="researcher",
        positions=[Position(organization="Kerr Trust")],
        quotes=[Quote("Alpha beta", "direct", "said", a, a + 10)],
    )
    counts = score_article(item, [person])
    by_measure = {}
    for entry in counts["study"]:
        by_measure.setdefault(entry["measure"], []).append(entry)
    assert set(by_measure) == {"experts", "kind", "title", "affiliation"}
    assert by_measure["experts"][0]["miss"] == "expert missed: Ann Bell: other"
    assert by_measure["affiliation"][0]["predicted_organizations"] == ["Kerr Trust (current)"]
    assert by_measure["title"][0]["predicted_title"] == "researcher"
    # the per-file list names a kind error once
    assert counts["misses"].count("wrong kind: Ann Bell: other") == 1
    assert not any(m.startswith("expert missed") for m in counts["misses"])


def test_cli_lists_misses_by_measure():
    from click.testing import CliRunner

    from directory.cli import cli

    result = CliRunner().invoke(cli, ["evaluate", str(GOLD), "--misses"])
    assert result.exit_code == 0
    assert "== speakers: 1 misses" in result.output
    assert "extract/nyt-style.txt: missed person: Nobody Else (other)" in result.output
