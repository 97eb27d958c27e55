"""Reporting cues as data: every family's example sentence in patterns.CUE_EXAMPLES gives its
speaker and the words reported."""

from __future__ import annotations

import pytest

from directory.extract import extract_article
from directory.extract.patterns import CUE_EXAMPLES, PHRASAL_CUES, SPEECH_VERBS
from directory.models import Article


@pytest.mark.parametrize(("family", "sentence", "speaker", "words"), CUE_EXAMPLES)
def test_reporting_verb_families(family, sentence, speaker, words):
    people = extract_article(Article(text=sentence)).people
    assert [p.name for p in people] == [speaker], family
    assert any(q.text.startswith(words) for q in people[0].quotes), family


def test_every_family_has_an_example():
    families = {f for f, *_ in CUE_EXAMPLES}
    assert families == {
        "say",
        "view",
        "object",
        "question",
        "phrasal",
        "as-puts",
        "quoted-as",
        "source-noun",
    }


def test_verb_forms_cover_the_issue_list():
    # recalled, remembered, blames, elaborated, wondered, informed, tweeted, saying
    for word in ("recalled", "remembered", "blames", "elaborated", "wondered", "informed"):
        assert word in SPEECH_VERBS
    assert {"tweeted", "saying"} <= SPEECH_VERBS
    assert PHRASAL_CUES["called"] == ("for", "on", "upon") and PHRASAL_CUES["fired"] == ("back",)


def test_verbs_that_double_their_last_consonant():
    assert {
        "admitted",
        "admitting",
        "quipped",
        "concurred",
        "signalled",
        "signaled",
    } <= SPEECH_VERBS
    assert {"admited", "quiped"}.isdisjoint(SPEECH_VERBS)
    assert PHRASAL_CUES["snapped"] == ("back",) and PHRASAL_CUES["hitting"] == ("back",)


@pytest.mark.parametrize(
    "sentence",
    [
        "Maria Lopez did not say whether she would stand again.",
        "Maria Lopez fired the coach on Tuesday.",
        "Maria Lopez called the meeting to order.",
        "The plan, as Maria Lopez put together in 2010, was dropped.",
    ],
)
def test_cue_words_that_report_nothing(sentence):
    people = extract_article(Article(text=sentence)).people
    assert all(not p.quotes for p in people)
