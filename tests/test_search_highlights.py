"""Snippets: the passages holding the most query words, escaped, matches marked."""

from __future__ import annotations

from directory.search.highlights import snippet, stem_of
from directory.search.schema import PASSAGE_SEPARATOR


def stems(*words: str) -> frozenset[str]:
    return frozenset(stem_of(w) for w in words)


def test_an_accented_word_is_found_by_its_folded_stem():
    text = f"Prices fell.{PASSAGE_SEPARATOR}Bankers in Zürich were calm."
    assert snippet(text, stems("Zurich")) == "Bankers in <mark>Zürich</mark> were calm."


def test_a_stem_inside_another_word_is_no_match():
    # "rat" opens the stem of "rates" and sits inside "generation" and "separate".
    assert snippet("A separate generation of voters.", stems("rates")) == ""
    assert snippet("Rates rose.", stems("rates")) == "<mark>Rates</mark> rose."


def test_the_passages_with_most_query_words_are_chosen_in_text_order():
    text = PASSAGE_SEPARATOR.join(
        ["Oil is cheap.", "Nothing here.", "Oil prices fell.", "Prices of oil rose."]
    )
    fragments = snippet(text, stems("oil", "prices")).split("…")
    assert [f.strip() for f in fragments] == [
        "<mark>Oil</mark> <mark>prices</mark> fell.",
        "<mark>Prices</mark> of <mark>oil</mark> rose.",
    ]


def test_text_is_escaped_and_stems_of_one_letter_match_nothing():
    assert (
        snippet("<b>Oil</b> & gas", stems("oil")) == "&lt;b&gt;<mark>Oil</mark>&lt;/b&gt; &amp; gas"
    )
    assert snippet("a b c", frozenset({"b"})) == ""
