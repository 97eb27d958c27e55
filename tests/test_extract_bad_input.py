"""Bad input gives an empty people list or a clear error, never a traceback."""

from __future__ import annotations

import os

import pytest

from directory.errors import DirectoryError
from directory.extract import extract_article, extract_articles
from directory.extract.nlp import ModelNotInstalled, split_chunks
from directory.models import Article


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        '"',
        '""""""',
        "\u201c\u201c\u201d\u201d\u2018'''``",
        "\x00\x01\x02 binary \xff\xfe junk \x00",
        "No quotes in this text, only a statement by nobody.",
        '"Unclosed quote that never ends, said Ann Bell',
        '"Open" "close" "open again',
    ],
)
def test_bad_text_gives_a_result(text):
    result = extract_article(Article(text=text))
    assert isinstance(result.people, list)
    for person in result.people:
        for q in person.quotes:
            assert text[q.start : q.end] == q.text


def test_empty_text_has_no_people():
    assert extract_article(Article(text="")).people == []


def test_control_characters_keep_offsets():
    text = 'Intro\x00.\n\n"Prices will rise," said Ann Bell, an economist at Kerr Bank.\x07'
    (person,) = extract_article(Article(text=text)).people
    assert person.name == "Ann Bell"
    (quote,) = person.quotes
    assert text[quote.start : quote.end] == "Prices will rise"


def test_long_text_is_parsed_in_chunks_with_offsets_intact(monkeypatch):
    monkeypatch.setattr("directory.extract.nlp.CHUNK_CHARS", 2_000)
    paragraph = '"Costs keep rising," said Ann Bell, an economist at Kerr Bank.\n\n'
    filler = "The market was quiet again today and nothing much happened.\n\n"
    text = filler * 40 + paragraph + filler * 40 + paragraph
    assert len(split_chunks(text)) >= 3
    (person,) = extract_article(Article(text=text)).people
    assert [text[q.start : q.end] for q in person.quotes] == ["Costs keep rising"] * 2


def test_split_chunks_is_contiguous():
    text = ("word " * 50 + "\n") * 2000
    chunks = split_chunks(text, limit=10_000)
    assert "".join(chunks) == text
    assert all(len(c) <= 10_000 for c in chunks)


def test_five_megabyte_text_of_long_words():
    # 5 MB in few tokens: exercises max_length and chunking without a long parse
    filler = ("x" * 400 + " ") * 2_000 + "\n\n"
    text = (
        filler * (5_000_000 // len(filler) + 1) + '"Rates will fall," said Ann Bell, an economist.'
    )
    assert len(text) > 5_000_000
    (person,) = extract_article(Article(text=text)).people
    assert [text[q.start : q.end] for q in person.quotes] == ["Rates will fall"]


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("DIRECTORY_SLOW_TESTS"), reason="set DIRECTORY_SLOW_TESTS=1")
def test_five_megabyte_text():
    block = '"Rates will fall," said Ann Bell, an economist at Kerr Bank. ' * 20 + "\n\n"
    text = block * (5_000_000 // len(block) + 1)
    result = extract_article(Article(text=text))
    assert [p.name for p in result.people] == ["Ann Bell"]


def test_missing_model_is_a_clear_error():
    assert issubclass(ModelNotInstalled, DirectoryError)


def test_extract_articles_on_nothing():
    assert list(extract_articles([])) == []


def test_long_runs_of_marks_cost_linear_time():
    """A run without spaces is broken for spaCy (its tokenizer is quadratic in such runs)."""
    from directory.extract import clean_text

    text = '"' * 1000 + " said Ann Bell."
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert max(len(word) for word in cleaned.split()) < 64
    assert extract_article(Article(text='"' * 5000)).people == []


def test_a_list_bullet_against_a_name_is_blanked_for_the_parser():
    from directory.extract import clean_text

    text = (
        "Reading list\n-Ann Brook explains why.\n\u2022Tom Reed disagrees.\nwell-made -x\n-5 more"
    )
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert (
        cleaned
        == "Reading list\n Ann Brook explains why.\n Tom Reed disagrees.\nwell-made -x\n-5 more"
    )


def test_a_soft_hyphen_at_a_word_edge_is_blanked_inside_a_word_kept():
    from directory.extract import clean_text

    text = "said Ann \u00adBrook, a co\u00adoperative member"
    assert clean_text(text) == "said Ann  Brook, a co\u00adoperative member"


def test_markup_tags_are_blanked_their_words_kept():
    from directory.extract import clean_text

    text = (
        'More:\n<tweet pic="" author="jdoe" tweet_id="69">Candidate Ann Bell wants a tax cut.'
        "</tweet>. A <b>bold</b> claim: 3 < 4 and 5 > 2."
    )
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert "author" not in cleaned and "tweet" not in cleaned and "<b>" not in cleaned
    assert "Candidate Ann Bell wants a tax cut." in cleaned
    assert "A    bold     claim: 3 < 4 and 5 > 2." in cleaned


def test_a_tweets_attributes_say_nothing_about_the_name_inside_it():
    text = (
        "Sen. Ann Bell finished third in the caucuses.\n\n"
        '<tweet pic="" author="jdoe" timestamp="1454346000" tweet_id="694285">Establishment '
        "candidate Ann Bell wants a tax cut.</tweet>.\n\n"
        '"This is the moment," Bell said.'
    )
    people = extract_article(Article(text=text)).people
    assert [(p.name, p.kind) for p in people] == [("Ann Bell", "official")]
