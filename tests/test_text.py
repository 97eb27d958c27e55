"""The shared word lists and folding: names compare alike in every stage."""

from __future__ import annotations

import pytest

from directory import text


@pytest.mark.parametrize(
    ("raw", "folded", "ascii"),
    [
        ("Zoë Ó Briain", "zoe o briain", "zoe o briain"),
        ("O\u2019Hanlon", "o'hanlon", "ohanlon"),
        ("Søren", "søren", "sren"),
        (None, "", ""),
    ],
)
def test_fold_keeps_letters_and_ascii_fold_keeps_ascii(raw, folded, ascii):
    assert text.fold(raw) == folded
    assert text.ascii_fold(raw) == ascii


def test_tokens_join_apostrophes_and_hyphens():
    assert text.tokens("Jean-Philippe O'Hanlon, Jr.") == ["jeanphilippe", "ohanlon", "jr"]
    assert text.tokens(None) == []


def test_given_name_forms_are_symmetric_and_nicknames_name_one_full_form():
    assert text.other_forms("steve") == {"stephen", "steven", "stevie"}
    assert "steve" in text.other_forms("stephen")
    assert text.other_forms("chris") == {"christopher", "christine", "christina", "tina"}
    assert text.other_forms("zebedee") == frozenset()
    assert text.NICKNAMES["chris"] == "christopher"
    assert all(full not in text.NICKNAMES for full in text.NICKNAMES.values())


def test_the_honorific_lists_differ_only_where_their_uses_do():
    # A form of address is dropped everywhere; an office only where a name is keyed or read.
    assert {"dr", "mr", "sir"} <= text.ADDRESS_WORDS <= text.NAME_KEY_HONORIFICS
    assert "general" in text.NAME_KEY_HONORIFICS and "general" not in text.ADDRESS_WORDS
    assert text.NEUTRAL_HONORIFICS <= text.COURTESY_HONORIFICS <= set(text.HONORIFICS)
    assert "professor" in text.COURTESY_HONORIFICS - text.NEUTRAL_HONORIFICS
    assert text.HONORIFICS["sir"] == "m" and text.HONORIFICS["dame"] == "f"
    assert {"dr.", "sen."} <= text.HONORIFIC_TOKENS
