"""One search, start to finish: score, filter, count facets, order, and build the page of hits."""

from __future__ import annotations

import dataclasses
import logging
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.analysis.filters import STOP_WORDS
from whoosh.reading import TermNotFound

from directory import config
from directory.errors import QueryError

from . import facets as facet_counts
from . import storage
from .highlights import WORD, folded, snippet, stem_of
from .memo import Answers
from .query import (
    SORTS,
    clean_text,
    plan_query,
    read_filters,
    read_paging,
    read_query,
    stems,
    suggest_correction,
)
from .schema import (
    FACET_FIELDS,
    FACET_SEPARATOR,
    PREFIX_MAX,
    TEXT_COLUMNS,
    doc_id,
    name_words,
)
from .scoring import Clause, Leaf, Ranker, values_of
from .topics import decode_topics

log = logging.getLogger(__name__)

HIGHLIGHT_FIELDS = ("quotes", "research")
PHRASE_CANDIDATES = 300
# Documents matching fewer of the query words are scaled by (matched / words) ** COORD.
COORD = 0.5


@dataclass
class Hit:
    """One ranked profile: `highlights` are HTML fragments (text escaped, matches in <mark>)."""

    id: int
    slug: str
    score: float
    highlights: list[str] = field(default_factory=list)
    name: str = ""
    kind: str = ""
    match: str = "strong"


@dataclass
class SearchResults:
    """One page of hits, the total, facet counts over the whole result set, and a suggestion.

    Strong matches come first on every page; `strong` counts them over the whole result set.
    """

    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None = None
    page: int = 1
    limit: int = 20
    strong: int = 0


# Estimated bytes of an empty Hit, of the rest of an empty SearchResults, and of one facet
# pair besides its text.
HIT_BYTES = 1000
FRAME_BYTES = 1800
FACET_PAIR_BYTES = 100


def answer_size(answer: SearchResults | list[Hit]) -> int:
    """The bytes a remembered answer holds, estimated as `memo.approx_size` does but without
    walking every field and tuple (that walk cost a millisecond a search)."""
    whole = isinstance(answer, SearchResults)
    hits = answer.hits if whole else answer
    size = (FRAME_BYTES if whole else sys.getsizeof(hits)) + HIT_BYTES * len(hits)
    for hit in hits:
        size += sys.getsizeof(hit.slug) + sys.getsizeof(hit.name)
        size += sum(sys.getsizeof(fragment) for fragment in hit.highlights)
    if whole:
        size += sum(
            FACET_PAIR_BYTES + sys.getsizeof(value)
            for pairs in answer.facets.values()
            for value, _ in pairs
        )
        size += sys.getsizeof(answer.suggestion)
    return size


# Search and similar-profile answers of this process, per index generation.
_answers = Answers(sizer=answer_size)


def ranker_for(opened) -> Ranker:
    """The open index's Ranker, made once per index version."""
    ranker = opened.derived.get("ranker")
    if ranker is None:
        ranker = opened.derived["ranker"] = Ranker(opened.searcher)
    return ranker


def _recency(opened, ranker: Ranker) -> np.ndarray:
    """Each document's last-quoted date as a number (20160102), 0 when unknown."""
    recency = opened.derived.get("recency")
    if recency is None:
        values = ranker.column("last_quoted", kind=str)
        recency = np.array(
            [int(re.sub(r"\D", "", str(v))[:8].ljust(8, "0") or 0) for v in values],
            dtype=np.int64,
        )
        opened.derived["recency"] = recency
    return recency


def order_docs(
    opened, ranker: Ranker, scores, docs: np.ndarray, sort: str, count: int, strong=None
):
    """The first `count` of `docs` in the requested order, strong matches (when given) first."""
    if strong is not None:
        first, rest = docs[strong[docs]], docs[~strong[docs]]
        ordered = order_docs(opened, ranker, scores, first, sort, count)
        if len(ordered) < count and len(rest):
            ordered = np.concatenate(
                [ordered, order_docs(opened, ranker, scores, rest, sort, count - len(ordered))]
            )
        return ordered
    if not len(docs):
        return docs
    if sort == "relevance":
        if len(docs) > count:
            # The best `count`, ties at the edge broken by document number as the sort below
            # breaks them, so consecutive pages neither repeat nor skip a tied hit.
            keys = -scores[docs]
            edge = np.partition(keys, count - 1)[count - 1]
            better, tied = docs[keys < edge], np.sort(docs[keys == edge])
            docs = np.concatenate([better, tied[: count - len(better)]])
        return docs[np.lexsort((docs, -scores[docs]))]
    quotes = ranker.column("quote_count")
    if sort == "quotes":
        keys = (-scores[docs], -quotes[docs])
    else:
        keys = (-quotes[docs], -_recency(opened, ranker)[docs])
    return docs[np.lexsort(keys)][:count]


def make_hit(searcher, docnum: int, score: float, stored: dict | None = None) -> Hit:
    """A Hit from a document\'s stored fields."""
    stored = stored or searcher.stored_fields(int(docnum))
    return Hit(
        id=doc_id(stored["id"]),
        slug=stored.get("slug", ""),
        score=float(score),
        name=stored.get("display", ""),
        kind=stored.get("kind", ""),
    )


def _document(ranker: Ranker, docnum: int) -> dict:
    """A document's stored fields, with the texts kept in columns of their own (quotes)."""
    document = ranker.searcher.stored_fields(docnum)
    schema = ranker.searcher.schema
    for fieldname in TEXT_COLUMNS:
        raw = ranker.column_text(fieldname, docnum)
        document[fieldname] = schema[fieldname].from_column_value(raw)
    return document


def _highlights(stored: dict, terms: dict[str, set[str]]) -> list[str]:
    fragments = []
    for fieldname in HIGHLIGHT_FIELDS:
        text, wanted = stored.get(fieldname), terms.get(fieldname)
        if text and wanted:
            fragment = snippet(text, frozenset(wanted))
            if fragment:
                fragments.append(fragment)
    return fragments


@lru_cache(maxsize=256)
def _phrase_pattern(terms: tuple[str, ...], binary: bool = False) -> re.Pattern:
    """A cheap regular expression every lower-cased text holding the phrase matches.

    Stemming only changes the end of a word, so a word stemming to a term starts with the term's
    first letters; between two phrase words only dropped words (stop words and one-letter words)
    may stand. The pattern starts with a literal (the boundary is checked behind it), which lets
    the regular expression engine skip ahead to it. `binary` compiles it for ASCII bytes.
    """
    heads = [re.escape(t[: max(1, min(3, len(t) - 1))]) for t in terms]
    dropped = "|".join(sorted(STOP_WORDS, key=len, reverse=True))
    gap = rf"\w*(?:\W+(?:{dropped}|\w)\b)*\W+"
    first = heads[0] + rf"(?<=(?<!\w){heads[0]})"
    source = gap.join([first, *heads[1:]])
    return re.compile(source.encode("utf-8") if binary else source)


def _phrase_in_text(text: str | bytes, terms: list[str]) -> bool:
    """Whether the stemmed words of `text` (a string, or UTF-8 bytes as a text column holds
    them) hold `terms` side by side, in order."""
    if isinstance(text, bytes):
        if text.isascii():
            # Most quotes: the pattern runs on the bytes, and only a match is decoded.
            if not _phrase_pattern(tuple(terms), binary=True).search(text.lower()):
                return False
            return _stems_hold(text.decode("ascii"), terms)
        text = text.decode("utf-8")
    text = folded(text)
    if not _phrase_pattern(tuple(terms)).search(text.lower()):
        return False
    return _stems_hold(text, terms)


def _stems_hold(text: str, terms: list[str]) -> bool:
    stems = [s for s in (stem_of(w) for w in WORD.findall(text)) if s]
    n, first = len(terms), terms[0]
    return any(stems[i : i + n] == terms for i in range(len(stems) - n + 1) if stems[i] == first)


def _text_phrase_hits(ranker: Ranker, fieldname, terms, candidates, needed: int) -> list[int]:
    """Phrase hits read from a text column, for a field indexed without positions (quotes).

    Candidates come best first and the search stops at `needed` hits: each later candidate
    scores lower on the words, so with the phrase it cannot outrank a hit already found.
    """
    found = []
    for docnum in candidates.tolist():
        if _phrase_in_text(ranker.column_text(fieldname, docnum), terms):
            found.append(docnum)
            if len(found) >= needed:
                break
    return found


def _position_phrase_hits(searcher, fieldname, terms, candidates: np.ndarray) -> list[int]:
    """The candidates (sorted docnums) where the terms' positions follow one another."""
    found = []
    decode = searcher.schema[fieldname].format.decoder("positions")
    for sub, offset in searcher.leaf_searchers():
        local = candidates[(candidates >= offset) & (candidates < offset + sub.doc_count_all())]
        if not len(local):
            continue
        local = local - offset
        try:
            values = [values_of(sub.reader().postings(fieldname, t), local) for t in terms]
        except TermNotFound:
            continue
        for docnum in local.tolist():
            if not all(docnum in held for held in values):
                continue
            first, *rest = (decode(held[docnum]) for held in values)
            later = [set(positions) for positions in rest]
            if any(all(p + i in after for i, after in enumerate(later, 1)) for p in first):
                found.append(docnum + offset)
    return found


def _phrase_scores(searcher, ranker: Ranker, phrases, needed: int) -> tuple[np.ndarray, np.ndarray]:
    """Scores of quoted phrases (the phrase's word scores where the phrase is confirmed), and
    a mask of the documents where every phrase is confirmed.

    The phrase is checked for at most PHRASE_CANDIDATES documents per field (those where the
    words score best), which keeps a phrase of common words fast; `needed` is how many hits the
    page being shown can use.
    """
    total = np.zeros(ranker.size, dtype=np.float32)
    every = np.ones(ranker.size, dtype=bool)
    for parts in phrases:
        best = np.zeros(ranker.size, dtype=np.float32)
        for fieldname, terms, boost in parts:
            candidates, words = ranker.all_words([Leaf(fieldname, t, boost) for t in terms])
            if not len(candidates):
                continue
            if len(terms) == 1:
                best = np.maximum(best, words)
                continue
            if len(candidates) > PHRASE_CANDIDATES:
                top = np.argpartition(-words[candidates], PHRASE_CANDIDATES - 1)
                candidates = candidates[top[:PHRASE_CANDIDATES]]
            if searcher.schema[fieldname].format.supports("positions"):
                confirmed = _position_phrase_hits(searcher, fieldname, terms, np.sort(candidates))
            else:
                by_score = candidates[np.lexsort((candidates, -words[candidates]))]
                confirmed = _text_phrase_hits(ranker, fieldname, terms, by_score, needed)
            best[confirmed] = np.maximum(best[confirmed], words[confirmed])
        total += best
        every &= best > 0
    return total, every


def any_of(column, values: set[str], size: int) -> np.ndarray:
    """A mask of the documents having any of these facet values."""
    return facet_counts.mask_of(column.docs_with(values), size)


def run_search(opened, parsed, wanted, page, limit, sort) -> SearchResults:
    """Score, filter, count facets, order and page one search (see search.search_profiles)."""
    searcher = opened.searcher
    ranker = ranker_for(opened)
    columns = facet_counts.facet_columns(opened, ranker)
    plan = plan_query(parsed, ranker)
    scored = ranker.score_matches(plan.clauses, coord=COORD)
    scores, strong = scored.total, scored.strong
    if plan.phrases:
        phrase_scores, every_phrase = _phrase_scores(searcher, ranker, plan.phrases, page * limit)
        scores += phrase_scores
        scores[~ranker.live] = 0.0
        # A quoted phrase is the user's own words: a match without it is never strong.
        strong = (strong if plan.clauses else every_phrase) & every_phrase
    base_mask = scores > 0
    for key, values in wanted.items():
        if key != "kind":
            base_mask &= any_of(columns[key], values, ranker.size)
    # The kind facet ignores the kind filter, so the user can see what switching kinds would give.
    result_mask = base_mask
    if "kind" in wanted:
        result_mask = base_mask & any_of(columns["kind"], wanted["kind"], ranker.size)
    docs = np.flatnonzero(result_mask)
    total = len(docs)
    strong &= result_mask
    base_docs = np.flatnonzero(base_mask) if "kind" in wanted else docs
    facets = {
        key: facet_counts.count(column, base_docs if key == "kind" else docs)
        for key, column in columns.items()
    }
    # Unknown words only match names within a few edits, so offer the likelier spelling too.
    wanted_suggestion = not total or plan.unknown_words
    suggestion = suggest_correction(ranker, parsed) if wanted_suggestion else None
    hits: list[Hit] = []
    start = (page - 1) * limit
    if start < total:
        ordered = order_docs(opened, ranker, scores, docs, sort, start + limit, strong)
        for docnum in ordered[start : start + limit]:
            stored = _document(ranker, int(docnum))
            hit = make_hit(searcher, docnum, scores[docnum], stored)
            hit.highlights = _highlights(stored, plan.highlight_terms)
            hit.match = "strong" if strong[docnum] else "weak"
            hits.append(hit)
    return SearchResults(total, hits, facets, suggestion, page, limit, int(strong.sum()))


def kind_mask(opened, ranker: Ranker, kinds) -> np.ndarray:
    """A mask of the live documents of these kinds (all of them when `kinds` is empty)."""
    if not kinds:
        return ranker.live
    columns = facet_counts.facet_columns(opened, ranker)
    return ranker.live & any_of(columns["kind"], set(kinds), ranker.size)


# --- the questions the index answers ---------------------------------------------------------


def forget_answers() -> None:
    """Forget the remembered search answers of this process (benchmarks time the real work)."""
    _answers.clear()


def _generation(opened) -> tuple:
    """What identifies the index's content: its version folder and Whoosh generation."""
    return (str(opened.version), opened.searcher.reader().generation())


def _fresh(results: SearchResults) -> SearchResults:
    """A copy a caller may change without changing the remembered answer."""
    hits = [dataclasses.replace(h, highlights=list(h.highlights)) for h in results.hits]
    facets = {key: list(pairs) for key, pairs in results.facets.items()}
    return dataclasses.replace(results, hits=hits, facets=facets)


def _empty_results(page: int, limit: int, suggestion: str | None = None) -> SearchResults:
    return SearchResults(0, [], {key: [] for key in FACET_FIELDS}, suggestion, page, limit)


def search_profiles(
    index_dir: Path,
    query: str,
    *,
    page: int = 1,
    limit: int = 20,
    filters: dict | None = None,
    sort: str = "relevance",
    kinds: Iterable[str] | None = ("expert",),
) -> SearchResults:
    """Rank profiles for a search box query; QueryError (a friendly message) for unusable input."""
    text = clean_text(query, config.setting("MAX_QUERY_LENGTH"))
    page, limit = read_paging(page, limit)
    if sort not in SORTS:
        raise QueryError(f"Sort by one of: {', '.join(SORTS)}.")
    wanted = read_filters(filters, kinds)
    parsed = read_query(text)
    opened = storage.open_index(index_dir)
    if opened is None:
        return _empty_results(page, limit)
    key = (
        "search",
        text,
        page,
        limit,
        sort,
        tuple(sorted((facet, tuple(sorted(values))) for facet, values in wanted.items())),
    )
    try:
        results = _answers.get_or_make(
            _generation(opened), key, lambda: run_search(opened, parsed, wanted, page, limit, sort)
        )
        return _fresh(results)
    except QueryError:
        raise
    except Exception as exc:  # a Whoosh failure on odd input must reach the user as a message
        log.exception("search failed for %r", text)
        raise QueryError("That query could not be searched: try simpler words.") from exc


def suggest_names(
    index_dir: Path, prefix: str, limit: int = 8, kinds: Iterable[str] | None = ("expert",)
) -> list[dict]:
    """Names starting with what has been typed so far (any word order), most quoted first."""
    if not isinstance(prefix, str):
        return []
    words = [w for w in name_words(prefix[:100]) if len(w) >= 2][:6]
    opened = storage.open_index(index_dir)
    if not words or opened is None:
        return []
    ranker = ranker_for(opened)
    mask = ranker.docs_with_all([Leaf("name_prefix", w[:PREFIX_MAX]) for w in words])
    docs = np.flatnonzero(mask & kind_mask(opened, ranker, kinds))
    quotes = ranker.column("quote_count")
    docs = docs[np.lexsort((docs, -quotes[docs]))][: max(1, min(int(limit), 50))]
    hits = [make_hit(opened.searcher, d, 0.0) for d in docs]
    return [{"id": h.id, "slug": h.slug, "name": h.name, "kind": h.kind} for h in hits]


def profile_topics(index_dir: Path, id: Any) -> list[dict]:
    """What a profile is quoted on, best first: [{"topic", "articles"}] (articles: how many of
    the person's articles the phrase occurs in)."""
    opened = storage.open_index(index_dir)
    if opened is None:
        return []
    docnum = opened.searcher.document_number(id=str(id))
    if docnum is None:
        return []
    return decode_topics(opened.searcher.stored_fields(docnum).get("topic_counts"))


def similar_profiles(
    index_dir: Path, id: Any, limit: int = 5, kinds: Iterable[str] | None = ("expert",)
) -> list[Hit]:
    """Profiles most like this one (more-like-this over its topics, quotes and organizations)."""
    opened = storage.open_index(index_dir)
    if opened is None:
        return []
    key = ("similar", str(id), int(limit), tuple(kinds or ()))
    hits = _answers.get_or_make(
        _generation(opened), key, lambda: _similar(opened, id, limit, kinds)
    )
    return [dataclasses.replace(h) for h in hits]


def _similar(opened, id: Any, limit: int, kinds: Iterable[str] | None) -> list[Hit]:
    searcher = opened.searcher
    docnum = searcher.document_number(id=str(id))
    if docnum is None:
        return []
    ranker = ranker_for(opened)
    stored = _document(ranker, docnum)
    clauses: list[Clause] = []
    sources = (("research", 6, 3.0), ("title", 4, 2.0), ("quotes", 12, 1.0))
    for fieldname, numterms, boost in sources:
        text = stored.get(fieldname)
        if text:
            for term, weight in searcher.key_terms_from_text(fieldname, text, numterms=numterms):
                clauses.append(Clause([Leaf(fieldname, term, boost * weight)]))
    organizations = [o for o in (stored.get("f_org") or "").split(FACET_SEPARATOR) if o]
    clauses += [Clause([Leaf("f_org", o, 2.0)]) for o in organizations]
    # What the person is quoted on: a shared topic says more than a shared word of a title.
    for topic in decode_topics(stored.get("topic_counts")):
        clauses.append(Clause([Leaf("f_topic", topic["topic"], 4.0)]))
        words = [w for w in stems(topic["topic"]) if w]
        clauses += [Clause([Leaf("topics", w, 1.5)]) for w in words]
    if not clauses:
        return []
    scores = ranker.score(clauses)
    scores[docnum] = 0.0
    docs = np.flatnonzero((scores > 0) & kind_mask(opened, ranker, kinds))
    ordered = order_docs(opened, ranker, scores, docs, "relevance", max(1, min(int(limit), 50)))
    return [make_hit(searcher, d, scores[d]) for d in ordered]
