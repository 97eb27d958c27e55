"""Deciding a person's kind (expert, official, spokesperson, other) from title and context."""

from __future__ import annotations

import re

from directory.extract.names import fold
from directory.extract.patterns import (
    EXPERT_LEAD_WORDS,
    EXPERT_ORG_WORDS,
    EXPERT_WORDS,
    FORMER_LEGAL_WORDS,
    FORMER_OFFICE_WORDS,
    OFFICIAL_WORDS,
    PAST_WORDS,
    POLITICIAN_WORDS,
    SPOKESPERSON_PHRASES,
)
from directory.text import NEUTRAL_HONORIFICS

SERVES_RE = re.compile(r"\b(?:to|under)\b.*")
OTHER_PERSON_RE = re.compile(r"\b(?:to|under|for)\b.*")
PAST_TENURE_RE = re.compile(r"\bfrom (?:19|20)\d\d to (?:19|20)\d\d\b|\bthen-")
WORD_RE = re.compile(r"[\w'-]+")


def words_of(text: str) -> list[str]:
    """Lower-case, accent-folded words of a phrase."""
    return [w.strip("'.") for w in WORD_RE.findall(fold(text))]


def _former_official(phrases: list[str]) -> bool:
    """'retired Army Lt. Gen.', 'former Federal Reserve chairman', 'top terrorism adviser to
    then-President Bush': out of office, and never an elected politician. Words after 'to',
    'under' and 'for' describe somebody else and are ignored."""
    own: set[str] = set()
    for phrase in phrases:
        own.update(words_of(OTHER_PERSON_RE.sub(" ", fold(phrase))))
    past = bool(own & PAST_WORDS) or any(PAST_TENURE_RE.search(p) for p in phrases)
    return past and bool(own & FORMER_OFFICE_WORDS) and not own & POLITICIAN_WORDS


def decide_kind(
    descriptors: list[str], title: str | None = None, organizations: list[str] | tuple = ()
) -> str:
    """expert / official / spokesperson / other, from the phrases describing a person and the
    organizations they work at.

    'a professor of politics' -> expert; 'White House press secretary' -> spokesperson;
    'Sen.' or 'the Chancellor' -> official; 'chief executive of Nucor' -> other;
    'president of the Thomas B. Fordham Institute' -> expert (a think tank leads it);
    'chairs the political science department' at a university -> expert.
    """
    phrases = [p for p in [title, *descriptors] if p]
    words: set[str] = set()
    for phrase in phrases:
        # "former aide to Sen. Ted Cruz": the senator is somebody else
        words.update(words_of(SERVES_RE.sub(" ", phrase)))
    words -= NEUTRAL_HONORIFICS  # "Dr" or "Mr" decides nothing
    org_words: set[str] = set()
    for org in organizations:
        org_words.update(words_of(org))
    joined = " ".join(fold(p) for p in phrases)
    if any(p in joined for p in SPOKESPERSON_PHRASES):
        return "spokesperson"
    if words & EXPERT_WORDS:
        return "expert"
    if "former" in words and words & FORMER_LEGAL_WORDS:
        return "expert"  # a former prosecutor commenting on a case that is not theirs
    at_expert_org = bool((words | org_words) & EXPERT_ORG_WORDS)
    if at_expert_org and (words & EXPERT_LEAD_WORDS or not words & OFFICIAL_WORDS):
        return "expert"
    if _former_official(phrases):
        return "expert"  # a retired general or ex-adviser quoted for analysis
    if words & OFFICIAL_WORDS:
        return "official"
    if organizations and not words and not org_words & OFFICIAL_WORDS:
        # "David Page, of Investec Securities": quoted for a firm, with no role stated
        return "expert"
    return "other"
