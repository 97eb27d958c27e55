"""Turning an untrusted search box string into a Whoosh query, without Whoosh's query parser.

Only plain words and "quoted phrases" are understood; every other character is a separator, so no
input can reach a parser error. Each word may match a name (exactly, by sound, by prefix or within
two edits) or the profile's prose fields, and counts once, for the field where it matches best.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import query as wq

from directory.errors import QueryError

from .schema import PREFIX_MAX, TEXT_ANALYZER, fold, name_words, sound_codes

MAX_WORDS = 24
MAX_PHRASES = 4
PHRASE = re.compile(r"[\"“”„«»]([^\"“”„«»]*)[\"“”„«»]?")
TOKEN = re.compile(r"\w+(?:\.\w+)*", re.UNICODE)

# Query-time boosts: a name or an affiliation match must outrank a passing mention in a quote.
NAME_BOOST = 6.0
SOUND_BOOST = 2.5
PREFIX_BOOST = 2.0
FUZZY_BOOST = 2.0
FIELD_BOOSTS = {
    "title": 2.5,
    "orgs": 3.0,
    "places": 1.5,
    "research": 2.5,
    "pubs": 2.0,
    "quotes": 1.0,
    "context": 0.8,
}
PHRASE_FIELDS = ("title", "orgs", "places", "research", "pubs", "quotes")
TIEBREAK = 0.3


@dataclass
class UserQuery:
    """The words and phrases read from a search box string."""

    text: str
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)


def clean_text(raw: object, max_length: int) -> str:
    """The query as one normalised line; QueryError when it is empty or too long."""
    if not isinstance(raw, str):
        raise QueryError("Type a name, an organization or a topic to search for.")
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    text = " ".join(text.split())
    if not text:
        raise QueryError("Type a name, an organization or a topic to search for.")
    if len(text) > max_length:
        raise QueryError(f"That query is too long: keep it under {max_length} characters.")
    return text


def read_query(text: str) -> UserQuery:
    """Split a cleaned query into phrases (between quote marks) and loose words."""
    parsed = UserQuery(text)
    for match in PHRASE.finditer(text):
        words = TOKEN.findall(match.group(1))
        if len(words) > 1 and len(parsed.phrases) < MAX_PHRASES:
            parsed.phrases.append(words[:MAX_WORDS])
        else:
            parsed.words.extend(words)
    parsed.words.extend(TOKEN.findall(PHRASE.sub(" ", text)))
    parsed.words = list(dict.fromkeys(parsed.words))[:MAX_WORDS]
    if not parsed.words and not parsed.phrases:
        raise QueryError("Type at least one word or name: punctuation alone finds nothing.")
    return parsed


def _stems(word: str) -> list[str]:
    return [t.text for t in TEXT_ANALYZER(word)]


def fuzzy_distance(word: str) -> int:
    """Edits allowed when matching a name word: none for short words, up to two for long ones."""
    if len(word) < 4 or not word.isalpha():
        return 0
    return 1 if len(word) < 6 else 2


def word_query(word: str) -> wq.Query | None:
    """Every way one word can match: the best-matching field counts, the rest add a little."""
    subs: list[wq.Query] = []
    for name in name_words(word):
        subs.append(wq.Term("name", name, boost=NAME_BOOST))
        subs += [wq.Term("name_sound", c, boost=SOUND_BOOST) for c in sound_codes(name)]
        if len(name) >= 3:
            subs.append(wq.Term("name_prefix", name[:PREFIX_MAX], boost=PREFIX_BOOST))
        distance = fuzzy_distance(name)
        if distance:
            subs.append(
                wq.FuzzyTerm(
                    "name",
                    name,
                    maxdist=distance,
                    prefixlength=1,
                    boost=FUZZY_BOOST,
                    constantscore=False,
                )
            )
    for stem in _stems(word):
        subs += [wq.Term(f, stem, boost=b) for f, b in FIELD_BOOSTS.items()]
    if not subs:
        return None
    return wq.DisjunctionMax(subs, tiebreak=TIEBREAK)


def phrase_query(words: list[str]) -> wq.Query | None:
    """A quoted phrase, matched as a phrase in a name or any prose field."""
    subs: list[wq.Query] = []
    names = [n for w in words for n in name_words(w)]
    if len(names) > 1:
        subs.append(wq.Phrase("name", names, boost=NAME_BOOST))
    stems = [s for w in words for s in _stems(w)]
    if len(stems) > 1:
        subs += [wq.Phrase(f, stems, boost=FIELD_BOOSTS[f]) for f in PHRASE_FIELDS]
    elif stems:
        subs += [wq.Term(f, stems[0], boost=FIELD_BOOSTS[f]) for f in PHRASE_FIELDS]
    if not subs:
        return None
    return wq.DisjunctionMax(subs, tiebreak=TIEBREAK)


def build_query(parsed: UserQuery) -> wq.Query:
    """The Whoosh query for a parsed user query; QueryError when no word is searchable."""
    clauses = [phrase_query(p) for p in parsed.phrases] + [word_query(w) for w in parsed.words]
    clauses = [c for c in clauses if c is not None]
    if not clauses:
        raise QueryError("Those words are too common to search for: add a name or a topic.")
    return clauses[0] if len(clauses) == 1 else wq.Or(clauses)


def suggest_correction(reader, parsed: UserQuery) -> str | None:
    """A 'did you mean' query: each unknown word replaced by the most common close word."""
    changed = False
    out = []
    for word in parsed.words:
        folded = fold(word)
        if len(folded) < 4 or reader.doc_frequency("spell", folded) or not folded.isalpha():
            out.append(word)
            continue
        best = None
        for candidate in reader.terms_within("spell", folded, 2, prefix=1):
            frequency = reader.doc_frequency("spell", candidate)
            if best is None or frequency > best[0]:
                best = (frequency, candidate)
        if best is None:
            out.append(word)
        else:
            out.append(best[1])
            changed = True
    return " ".join(out) if changed else None
