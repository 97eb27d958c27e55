"""Occupations: political offices, sectors of jobs, the roles a person is named by."""

from __future__ import annotations

from directory.occupations import OCCUPATION_WORDS, POLITICAL_STEMS, ROLE_WORDS, sectors_of


def test_sectors_of_stemmed_role_words():
    assert sectors_of({"farme"}) == {"trades"}
    assert sectors_of({"chief", "econo"}) == {"academia", "finance"}
    assert sectors_of({"direc", "advis"}) == set()  # found in every sector


def test_offices_and_roles():
    assert {"presi", "senat", "minis"} <= POLITICAL_STEMS
    assert "spokesman" in ROLE_WORDS
    assert {"spokesman", "farmer", "economist"} <= OCCUPATION_WORDS
