"""Turning an untrusted search box string into scoring clauses, without Whoosh's query parser.

Only plain words and "quoted phrases" are understood; every other character is a separator, so no
input can reach a parser error. Each word may match a name (exactly, by sound, by prefix or within
two edits) or the profile's prose fields, and counts once, for the field where it matches best.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from directory import config
from directory.errors import QueryError
from directory.text import fold, other_forms, word_set

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
    "topics": 1.5,
    "quotes": 1.0,
    "context": 1.5,
    # A story the person was quoted in: weaker than anything said about or by the person.
    "story": 0.5,
}
PHRASE_FIELDS = ("title", "orgs", "places", "research", "pubs", "topics", "quotes")
TIEBREAK = 0.3
# Fields whose match supports a strong match: everything said by or about the person.
SUPPORT_FIELDS = tuple(f for f in FIELD_BOOSTS if f != "story")
# A word naming a place some profile holds a position in ("economist London") weighs this much
# in the `places` field: people placed there come first, others still follow.
PLACE_BOOST = 3.0
# A place qualifies the other words of a query ("economist London" asks for economists, London
# ones first), so beside words of weight it weighs at most this share of the lightest of them:
# a match on the place alone is never strong, and a match on the rest is.
PLACE_SHARE = 0.5
# Words naming a kind of person, not a subject: "cybersecurity expert" must not be a strong
# match for a dating expert. They still rank; they carry no weight towards a strong match.
GENERIC_WORDS = word_set(
    """
    expert specialist analyst professor prof lecturer researcher scientist scholar academic
    commentator consultant observer authority guru pundit adviser advisor fellow official
    spokesman spokeswoman spokesperson representative source someone somebody person people
    who whose which what about on
    """
)
# Query words longer than this are cut before any lookup: no word in an index is longer, and a
# fuzzy automaton's size grows with the word.
MAX_WORD_LENGTH = 40
# Words longer than this are never expanded by edit distance, and a query expands at most
# MAX_FUZZY_WORDS of its words: each expansion builds an automaton (milliseconds, and memory).
MAX_FUZZY_LENGTH = 20
MAX_FUZZY_WORDS = 4
# At most this many words of a query may name a person on their own (a family name as typed):
# past it, a query is a description, and "money" or "little" in it is a word, not a surname.
NAME_QUERY_WORDS = 3


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
            parsed.phrases.append([w[:MAX_WORD_LENGTH] for w in words[:MAX_WORDS]])
        else:
            parsed.words.extend(words)
    parsed.words.extend(TOKEN.findall(PHRASE.sub(" ", text)))
    parsed.words = list(dict.fromkeys(w[:MAX_WORD_LENGTH] for w in parsed.words))[:MAX_WORDS]
    if not parsed.words and not parsed.phrases:
        raise QueryError("Type at least one word or name: punctuation alone finds nothing.")
    return parsed


def stems(word: str) -> list[str]:
    """A word as the prose fields index it (folded, stemmed; nothing for a stop word)."""
    return [t.text for t in TEXT_ANALYZER(word)]


def fuzzy_distance(word: str) -> int:
    """Edits allowed when matching a name word: none for short or overlong words, up to two."""
    if len(word) < 4 or len(word) > MAX_FUZZY_LENGTH or not word.isalpha():
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


def name_leaves(name: str, reader, *, expand: bool = True) -> list[Leaf]:
    """Ways one folded word can match a name: exactly, by sound, as a prefix, within edits
    (only with `expand`)."""
    codes = sound_codes(name) if len(name) <= MAX_FUZZY_LENGTH else []
    leaves = [Leaf("name", name, NAME_BOOST)]
    leaves += [Leaf("name_sound", code, SOUND_BOOST, fuzzy=True) for code in codes]
    leaves += [Leaf("name", form, SOUND_BOOST) for form in sorted(other_forms(name))]
    # Markers (not scored): does the word hit a family name? Sound alone is too loose
    # ("Fudan" sounds like "Witney"), so only the word itself or a one-edit neighbour counts.
    markers = [Leaf("family", name, 0.0)]
    if len(name) >= 3:
        leaves.append(Leaf("name_prefix", name[:PREFIX_MAX], PREFIX_BOOST, fuzzy=True))
    distance = fuzzy_distance(name)
    # Only an unknown word is expanded by edit distance: the expansion costs milliseconds, and a
    # known word's misspellings are mostly caught by its sound code ("Nielson" -> NLSN).
    known = reader is None or is_known(reader, name)
    if distance and expand and not known:
        near = reader.terms_within("name", name, distance, prefix=1)
        for term in sorted(t for t in near if t != name)[:MAX_EXPANSIONS]:
            leaves.append(Leaf("name", term, FUZZY_BOOST, fuzzy=True))
            # Two edits reach too many surnames ("jamison" -> jackson) to count as a family hit.
            if Levenshtein.distance(name, term) <= 1:
                markers.append(Leaf("family", term, 0.0, fuzzy=True))
    return leaves + markers


def word_weight(word: str, reader) -> float:
    """What a query word tells apart: its rarity among profiles (0 for a stop word or a generic
    role word; an unknown word weighs the most)."""
    words = stems(word)
    if not words or fold(word) in GENERIC_WORDS or words[0] in GENERIC_WORDS:
        return 0.0
    size = max(1, getattr(reader, "size", 1))
    fields = SUPPORT_FIELDS + ("name",)
    found = max(reader.doc_frequency(f, s) for f in fields for s in words + name_words(word))
    return math.log(1 + size / (found + 1))


def prose_frequency(stem: str, reader) -> int | None:
    """How many profiles hold a stemmed word in some prose field (the largest field count)."""
    if reader is None:
        return None
    return max(reader.doc_frequency(f, stem) for f in FIELD_BOOSTS)


def names_place(word: str, reader) -> bool:
    """Whether a query word names a place some profile holds a position in."""
    return reader is not None and any(reader.doc_frequency("places", s) > 0 for s in stems(word))


def word_clause(word: str, reader, *, name_like: bool = True, expand: bool = True) -> Clause:
    """Every way one query word can match a profile (`expand`: by edit distance too)."""
    leaves: list[Leaf] = []
    for name in name_words(word):
        leaves += name_leaves(name, reader, expand=expand)
    place = names_place(word, reader)
    for stem in stems(word):
        df = prose_frequency(stem, reader)
        leaves += [
            Leaf(f, stem, PLACE_BOOST if place and f == "places" else boost, df=df)
            for f, boost in FIELD_BOOSTS.items()
        ]
    weight = word_weight(word, reader) if reader is not None else 1.0
    return Clause(leaves, TIEBREAK, weight, name_like)


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
    # A long query is a description: a name in it is what the story was about ("why Xi called
    # Putin"), so its words count as words, not as a name to find.
    content = [w for w in parsed.words if stems(w)]
    short = len(content) <= NAME_QUERY_WORDS
    plan.clauses = [
        word_clause(w, reader, name_like=short, expand=i < MAX_FUZZY_WORDS)
        for i, w in enumerate(parsed.words)
    ]
    places = [names_place(w, reader) for w in parsed.words]
    others = [c.weight for c, place in zip(plan.clauses, places, strict=True) if not place]
    lightest = min((w for w in others if w > 0), default=0.0)
    if lightest:
        for clause, place in zip(plan.clauses, places, strict=True):
            if place:
                clause.weight = min(clause.weight, PLACE_SHARE * lightest)
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
    for i, word in enumerate(parsed.words):
        folded = fold(word)
        if i >= MAX_FUZZY_WORDS or len(folded) < 4 or len(folded) > MAX_FUZZY_LENGTH:
            out.append(word)
            continue
        if not folded.isalpha() or is_known(reader, folded):
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
