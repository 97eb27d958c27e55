"""The light stemmer: plurals fold into their singular; words a reporter tells apart stay apart."""

from __future__ import annotations

import pytest

from directory.search.stemmer import light_stem


@pytest.mark.parametrize(
    "a, b",
    [
        ("security", "securities"),
        ("security", "secure"),
        ("policy", "police"),
        ("policies", "policing"),
        ("university", "universe"),
        ("organ", "organisation"),
        ("organs", "organisations"),
        ("general", "generous"),
        ("rates", "ratings"),
        ("economy", "economics"),
        ("arm", "arms"),
        ("good", "goods"),
        ("new", "news"),
        ("future", "futures"),
        ("communities", "communications"),
    ],
)
def test_words_a_reporter_tells_apart_stay_apart(a, b):
    assert light_stem(a) != light_stem(b)


@pytest.mark.parametrize(
    "plural, singular",
    [
        ("prices", "price"),
        ("policies", "policy"),
        ("universities", "university"),
        ("studies", "study"),
        ("taxes", "tax"),
        ("churches", "church"),
        ("classes", "class"),
        ("businesses", "business"),
        ("analyses", "analysis"),
        ("crises", "crisis"),
        ("women", "woman"),
        ("children", "child"),
        ("movies", "movie"),
        ("headaches", "headache"),
        ("voters", "voter"),
        ("ratings", "rating"),
        ("economists", "economist"),
    ],
)
def test_plurals_fold_into_their_singular(plural, singular):
    assert light_stem(plural) == light_stem(singular)


@pytest.mark.parametrize(
    "word", ["crisis", "bonus", "glass", "generous", "physics", "politics", "news", "gas", "it"]
)
def test_singulars_that_end_in_s_stay_whole(word):
    assert light_stem(word) == word


def test_a_stem_starts_as_its_word_does():
    # The phrase check in ranking looks for a stem's first letters in the text.
    for word in ["women", "children", "analyses", "movies", "policies", "leaves", "wolves"]:
        assert word[:3] == light_stem(word)[:3]
