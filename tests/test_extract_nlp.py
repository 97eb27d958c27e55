"""The spaCy pipeline as extraction loads it (directory.extract.nlp)."""

from __future__ import annotations

import pytest

from directory.extract import extract_article
from directory.extract.nlp import load_nlp
from directory.models import Article


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Ryan said,\u201cLook.\u201d", ["Ryan", "said", ",", "\u201c", "Look", ".", "\u201d"]),
        ("\u201cNo.\u201dHe left.", ["\u201c", "No", ".", "\u201d", "He", "left", "."]),
        ("It\u2019s \u201cwoke\u201d.", ["It", "\u2019s", "\u201c", "woke", "\u201d", "."]),
    ],
)
def test_curly_quotation_marks_glued_to_words_are_tokens_of_their_own(text, tokens):
    assert [t.text for t in load_nlp()(text)] == tokens


def test_a_quote_glued_to_its_cue_is_attributed():
    text = (
        "Ryan speaks\n\nHouse Speaker Paul Ryan spoke on the radio on Tuesday.\n\nRyan said,"
        "\u201cLook, these images have no place in a campaign. Candidates should know that.\u201d"
    )
    people = extract_article(Article(text=text)).people
    assert [(p.name, [q.cue for q in p.quotes]) for p in people] == [("Paul Ryan", ["said"])]
