"""Turning an untrusted search box string into scoring clauses, without Whoosh's query parser.

Only plain words and "quoted phrases" are understood; every other character is a separator, so no
input can reach a parser error. Each word may match a name (exactly, by sound, by prefix or within
two edits) or the profile's prose fields, and counts once, for the field where it matches best.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from directory import config
from directory.errors import QueryError
from directory.text import fold, other_forms

from .schema import FACET_FIELDS, PREFIX_MAX, TEXT_ANALYZER, name_words, sound_codes
from .scoring import Clause, Leaf

SORTS = ("relevance", "quotes", "recent")
MAX_FILTER_VALUES = 20
MAX_WORDS = 24
MAX_PHRASES = 4
MAX_EXPANSIONS = 30
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
    # A story the person was quoted in: weaker than anything said about or by the person.
    "story": 0.5,
}
PHRASE_FIELDS = ("title", "orgs", "places", "research", "pubs", "quotes")
TIEBREAK = 0.3


@dataclass
class UserQuery:
    """The words and phrases read from a search box string."""

    text: str
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)


@dataclass
class Plan:
    """What to score: one clause per word, Whoosh phrase queries, and the words to highlight."""

    clauses: list[Clause] = field(default_factory=list)
    phrases: list[list[tuple[str, list[str], float]]] = field(default_factory=list)
    highlight_terms: dict[str, set[str]] = field(default_factory=dict)
    unknown_words: bool = False


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


def read_paging(page: Any, limit: Any) -> tuple[int, int]:
    """Page and page size as whole numbers in range; QueryError for anything else."""
    try:
        page, limit = int(page), int(limit)
    except (TypeError, ValueError):
        raise QueryError("Page and limit must be whole numbers.") from None
    max_page = config.setting("MAX_PAGE")
    if page < 1 or page > max_page:
        raise QueryError(f"Pages run from 1 to {max_page}.")
    return page, max(1, min(limit, config.setting("MAX_PAGE_SIZE")))


def read_filters(filters: dict | None, kinds: Iterable[str] | None) -> dict[str, set[str]]:
    """Facet filters as {facet: values}, checked and capped; `kinds` fills in the kind filter."""
    wanted: dict[str, set[str]] = {}
    if filters is not None and not isinstance(filters, dict):
        raise QueryError("Filters must map a facet to a value.")
    for key, value in (filters or {}).items():
        if key not in FACET_FIELDS:
            raise QueryError(f"Unknown filter {key!r}: use one of {', '.join(FACET_FIELDS)}.")
        many = isinstance(value, Iterable) and not isinstance(value, str | bytes)
        values = list(value)[:MAX_FILTER_VALUES] if many else [value]
        values = {str(v).strip()[:300] for v in values if v is not None and str(v).strip()}
        if values:
            wanted[key] = values
    if "kind" not in wanted and kinds:
        wanted["kind"] = set(kinds)
    return wanted


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


def stems(word: str) -> list[str]:
    """A word as the prose fields index it (folded, stemmed; nothing for a stop word)."""
    return [t.text for t in TEXT_ANALYZER(word)]


def fuzzy_distance(word: str) -> int:
    """Edits allowed when matching a name word: none for short words, up to two for long ones."""
    if len(word) < 4 or not word.isalpha():
        return 0
    return 1 if len(word) < 6 else 2


def is_known(reader, word: str) -> bool:
    # `reader` is anything with Whoosh's doc_frequency and terms_within: the Ranker.
    """Whether a folded word occurs in the index: in a name, a profile word or a quote."""
    if any(reader.doc_frequency(f, word) for f in ("name", "spell")):
        return True
    return any(
        reader.doc_frequency(f, s) for s in stems(word) for f in ("quotes", "context", "story")
    )


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two short words."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def name_leaves(name: str, reader) -> list[Leaf]:
    """Ways one folded word can match a name: exactly, by sound, as a prefix, within edits."""
    codes = sound_codes(name)
    leaves = [Leaf("name", name, NAME_BOOST)]
    leaves += [Leaf("name_sound", code, SOUND_BOOST) for code in codes]
    leaves += [Leaf("name", form, SOUND_BOOST) for form in sorted(other_forms(name))]
    # Markers (not scored): does the word hit a family name? Sound alone is too loose
    # ("Fudan" sounds like "Witney"), so only the word itself or a one-edit neighbour counts.
    markers = [Leaf("family", name, 0.0)]
    if len(name) >= 3:
        leaves.append(Leaf("name_prefix", name[:PREFIX_MAX], PREFIX_BOOST))
    distance = fuzzy_distance(name)
    # Only an unknown word is expanded by edit distance: the expansion costs milliseconds, and a
    # known word's misspellings are mostly caught by its sound code ("Nielson" -> NLSN).
    known = reader is None or is_known(reader, name)
    if distance and not known:
        near = reader.terms_within("name", name, distance, prefix=1)
        for term in sorted(t for t in near if t != name)[:MAX_EXPANSIONS]:
            leaves.append(Leaf("name", term, FUZZY_BOOST))
            # Two edits reach too many surnames ("jamison" -> jackson) to count as a family hit.
            if edit_distance(name, term) <= 1:
                markers.append(Leaf("family", term, 0.0))
    return leaves + markers


def word_clause(word: str, reader) -> Clause:
    """Every way one query word can match a profile."""
    leaves: list[Leaf] = []
    for name in name_words(word):
        leaves += name_leaves(name, reader)
    for stem in stems(word):
        leaves += [Leaf(f, stem, boost) for f, boost in FIELD_BOOSTS.items()]
    return Clause(leaves, TIEBREAK)


def phrase_parts(words: list[str]) -> list[tuple[str, list[str], float]]:
    """A quoted phrase as (field, terms, boost) per field it may occur in (the best one counts)."""
    parts: list[tuple[str, list[str], float]] = []
    names = [n for w in words for n in name_words(w)]
    if len(names) > 1:
        parts.append(("name", names, NAME_BOOST))
    stemmed = [s for w in words for s in stems(w)]
    if stemmed:
        parts += [(f, stemmed, FIELD_BOOSTS[f]) for f in PHRASE_FIELDS]
    return parts


def plan_query(parsed: UserQuery, reader) -> Plan:
    """The clauses to score for a parsed query against one index version."""
    plan = Plan()
    plan.clauses = [word_clause(w, reader) for w in parsed.words]
    plan.unknown_words = any(
        len(w) >= 4 and w.isalpha() and not is_known(reader, w)
        for word in parsed.words
        for w in name_words(word)
    )
    plan.phrases = [q for q in (phrase_parts(p) for p in parsed.phrases) if q]
    for clause in plan.clauses:
        for leaf in clause.leaves:
            plan.highlight_terms.setdefault(leaf.field, set()).add(leaf.term)
    for phrase in parsed.phrases:
        for word in phrase:
            for stem in stems(word):
                for fieldname in PHRASE_FIELDS:
                    plan.highlight_terms.setdefault(fieldname, set()).add(stem)
    return plan


def suggest_correction(reader, parsed: UserQuery) -> str | None:
    """A 'did you mean' query: each unknown word replaced by the most common close profile word
    (a name, title, organization, place or research area)."""
    changed = False
    out = []
    for word in parsed.words:
        folded = fold(word)
        if len(folded) < 4 or not folded.isalpha() or is_known(reader, folded):
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
            out.append(best[1].capitalize() if word[:1].isupper() else best[1])
            changed = True
    return " ".join(out) if changed else None
