"""Search over expert profiles: the facade the CLI, the web layer and the pipeline call.

It takes and returns plain data; Whoosh stays behind it (`directory/searching/`), so another engine
could replace it. The index is derived from the store and can always be rebuilt from it.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.reading import TermNotFound

from . import config
from .errors import QueryError
from .searching import facets as facet_counts
from .searching import storage
from .searching.highlights import WORD, snippet, stem_of
from .searching.query import clean_text, plan_query, read_query, suggest_correction
from .searching.schema import (
    FACET_FIELDS,
    FACET_SEPARATOR,
    PREFIX_MAX,
    name_words,
    record_to_document,
)
from .searching.scoring import Clause, Leaf, Ranker

log = logging.getLogger(__name__)

SORTS = ("relevance", "quotes", "recent")
MAX_PAGE = 500
HIGHLIGHT_FIELDS = ("quotes", "research")
PHRASE_CANDIDATES = 300
# Documents matching fewer of the query words are scaled by (matched / words) ** COORD.
COORD = 0.5

_readers = storage.Readers()


@dataclass
class Hit:
    """One ranked profile: `highlights` are HTML fragments (text escaped, matches in <mark>)."""

    id: int
    slug: str
    score: float
    highlights: list[str] = field(default_factory=list)
    name: str = ""
    kind: str = ""


@dataclass
class SearchResults:
    """One page of hits, the total, facet counts over the whole result set, and a suggestion."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None = None
    page: int = 1
    limit: int = 20


def _open(index_dir: Path):
    """This thread's up-to-date view of the index, or None when it holds no documents."""
    opened = _readers.get(index_dir)
    if opened is None or opened.searcher.doc_count_all() == 0:
        return None
    return opened


def _doc_id(value: str) -> Any:
    return int(value) if value.isdigit() else value


# --- writing ---------------------------------------------------------------------------------


def index_records(index_dir: Path, records: Iterable[dict]) -> int:
    """Add or replace profiles (by `id`); hidden ones are removed. Returns how many were indexed."""
    count = 0
    with storage.write_lock(index_dir):
        writer = storage.open_for_writing(index_dir).writer(limitmb=128, compound=False)
        try:
            for record in records:
                if record.get("hidden"):
                    writer.delete_by_term("id", str(record["id"]))
                    continue
                writer.update_document(**record_to_document(record))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
    return count


def delete_records(index_dir: Path, ids: Iterable[Any]) -> None:
    """Remove profiles from the index by id (unknown ids are ignored)."""
    ids = [str(i) for i in ids]
    if not ids or storage.current_version(index_dir) is None:
        return
    with storage.write_lock(index_dir):
        writer = storage.open_for_writing(index_dir).writer(compound=False)
        for doc_id in ids:
            writer.delete_by_term("id", doc_id)
        writer.commit()


def rebuild_index(index_dir: Path, records: Iterable[dict]) -> int:
    """Build a complete index in a new folder, then swap it in atomically. Returns the count."""
    count = 0
    with storage.write_lock(index_dir):
        folder, ix = storage.new_version(index_dir)
        try:
            # Separate files, not one compound file: Whoosh copies a compound file into memory,
            # while separate files are memory-mapped and shared by every web worker.
            writer = ix.writer(limitmb=256, compound=False)
            for record in records:
                if not record.get("hidden"):
                    writer.add_document(**record_to_document(record))
                    count += 1
            # One segment: the fastest shape to search.
            writer.commit(optimize=True)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        storage.publish(index_dir, folder)
    log.info("rebuilt the search index in %s: %d profiles", folder, count)
    return count


# --- consistency -----------------------------------------------------------------------------


def index_doc_count(index_dir: Path) -> int:
    """How many profiles the index holds."""
    opened = _open(index_dir)
    return 0 if opened is None else opened.searcher.doc_count()


def index_versions(index_dir: Path) -> dict[Any, str]:
    """The `version` of every indexed profile, by id, to compare with the store."""
    opened = _open(index_dir)
    if opened is None:
        return {}
    reader = opened.searcher.reader()
    ids = reader.column_reader("id")
    versions = reader.column_reader("version")
    return {_doc_id(ids[d]): versions[d] for d in reader.all_doc_ids()}


def index_ids(index_dir: Path) -> set:
    """The ids of every indexed profile."""
    return set(index_versions(index_dir))


# --- reading ---------------------------------------------------------------------------------


def _paging(page: Any, limit: Any) -> tuple[int, int]:
    try:
        page, limit = int(page), int(limit)
    except (TypeError, ValueError):
        raise QueryError("Page and limit must be whole numbers.") from None
    if page < 1 or page > MAX_PAGE:
        raise QueryError(f"Pages run from 1 to {MAX_PAGE}.")
    return page, max(1, min(limit, config.DEFAULTS["MAX_PAGE_SIZE"]))


def _wanted(filters: dict | None, kinds: Iterable[str] | None) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {}
    for key, value in (filters or {}).items():
        if key not in FACET_FIELDS:
            raise QueryError(f"Unknown filter {key!r}: use one of {', '.join(FACET_FIELDS)}.")
        values = [value] if isinstance(value, str | int) else list(value or [])
        values = {str(v).strip()[:300] for v in values if v is not None and str(v).strip()}
        if values:
            wanted[key] = values
    if "kind" not in wanted and kinds:
        wanted["kind"] = set(kinds)
    return wanted


def _ranker(opened) -> Ranker:
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


def _order(opened, ranker: Ranker, scores, docs: np.ndarray, sort: str, count: int):
    """The first `count` of `docs` in the requested order."""
    if sort == "relevance":
        if len(docs) > count:
            docs = docs[np.argpartition(-scores[docs], count - 1)[:count]]
        return docs[np.lexsort((docs, -scores[docs]))]
    quotes = ranker.column("quote_count")
    if sort == "quotes":
        keys = (-scores[docs], -quotes[docs])
    else:
        keys = (-quotes[docs], -_recency(opened, ranker)[docs])
    return docs[np.lexsort(keys)][:count]


def _hit(searcher, docnum: int, score: float, stored: dict | None = None) -> Hit:
    stored = stored or searcher.stored_fields(int(docnum))
    return Hit(
        id=_doc_id(stored["id"]),
        slug=stored.get("slug", ""),
        score=float(score),
        name=stored.get("display", ""),
        kind=stored.get("kind", ""),
    )


def _highlights(stored: dict, terms: dict[str, set[str]]) -> list[str]:
    fragments = []
    for fieldname in HIGHLIGHT_FIELDS:
        text, wanted = stored.get(fieldname), terms.get(fieldname)
        if text and wanted:
            fragment = snippet(text, frozenset(wanted))
            if fragment:
                fragments.append(fragment)
    return fragments


def _empty_results(page: int, limit: int, suggestion: str | None = None) -> SearchResults:
    return SearchResults(0, [], {key: [] for key in FACET_FIELDS}, suggestion, page, limit)


def search_experts(
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
    text = clean_text(query, config.DEFAULTS["MAX_QUERY_LENGTH"])
    page, limit = _paging(page, limit)
    if sort not in SORTS:
        raise QueryError(f"Sort by one of: {', '.join(SORTS)}.")
    wanted = _wanted(filters, kinds)
    parsed = read_query(text)
    opened = _open(index_dir)
    if opened is None:
        return _empty_results(page, limit)
    try:
        return _search(opened, parsed, wanted, page, limit, sort)
    except QueryError:
        raise
    except Exception as exc:  # a Whoosh failure on odd input must reach the user as a message
        log.exception("search failed for %r", text)
        raise QueryError("That query could not be searched: try simpler words.") from exc


def _phrase_in_text(text: str, terms: list[str]) -> bool:
    """Whether the stemmed words of `text` hold `terms` side by side, in order."""
    stems = [s for s in (stem_of(w) for w in WORD.findall(text)) if s]
    n = len(terms)
    return any(stems[i : i + n] == terms for i in range(len(stems) - n + 1))


def _phrase_hits(searcher, fieldname: str, terms: list[str], candidates: np.ndarray) -> list[int]:
    """The candidates (sorted docnums) where the terms occur in this order, side by side."""
    if not searcher.schema[fieldname].format.supports("positions"):
        # Stored text stands in for positions (quotes are indexed without them).
        return [
            int(d)
            for d in candidates
            if _phrase_in_text(searcher.stored_fields(int(d)).get(fieldname) or "", terms)
        ]
    found = []
    for sub, offset in searcher.leaf_searchers():
        local = candidates[(candidates >= offset) & (candidates < offset + sub.doc_count_all())]
        if not len(local):
            continue
        try:
            matchers = [sub.reader().postings(fieldname, term) for term in terms]
        except TermNotFound:
            continue
        for docnum in (local - offset).tolist():
            positions = []
            for matcher in matchers:
                if matcher.is_active():
                    matcher.skip_to(docnum)
                if not matcher.is_active() or matcher.id() != docnum:
                    break
                positions.append(set(matcher.value_as("positions")))
            else:
                first, rest = positions[0], positions[1:]
                if any(all(p + i in later for i, later in enumerate(rest, 1)) for p in first):
                    found.append(docnum + offset)
    return found


def _phrase_scores(searcher, ranker: Ranker, phrases) -> np.ndarray:
    """Scores of quoted phrases: the phrase's word scores where Whoosh confirms the phrase.

    Positions are checked for at most PHRASE_CANDIDATES documents per field (those where the
    words score best), which keeps a phrase of common words fast.
    """
    total = np.zeros(ranker.size, dtype=np.float32)
    for parts in phrases:
        best = np.zeros(ranker.size, dtype=np.float32)
        for fieldname, terms, boost in parts:
            leaves = [Leaf(fieldname, t, boost) for t in terms]
            candidates = np.flatnonzero(ranker.docs_with_all(leaves))
            if not len(candidates):
                continue
            words = ranker.score([Clause([leaf]) for leaf in leaves])
            if len(terms) == 1:
                best = np.maximum(best, words)
                continue
            if len(candidates) > PHRASE_CANDIDATES:
                top = np.argpartition(-words[candidates], PHRASE_CANDIDATES - 1)
                candidates = np.sort(candidates[top[:PHRASE_CANDIDATES]])
            confirmed = _phrase_hits(searcher, fieldname, terms, candidates)
            best[confirmed] = np.maximum(best[confirmed], words[confirmed])
        total += best
    return total


def _any_of(column, values: set[str], size: int) -> np.ndarray:
    return facet_counts.mask_of(column.docs_with(values), size)


def _search(opened, parsed, wanted, page, limit, sort) -> SearchResults:
    searcher = opened.searcher
    ranker = _ranker(opened)
    columns = facet_counts.facet_columns(opened, ranker)
    plan = plan_query(parsed, ranker)
    scores = ranker.score(plan.clauses, coord=COORD)
    if plan.phrases:
        scores += _phrase_scores(searcher, ranker, plan.phrases)
        scores[~ranker.live] = 0.0
    base_mask = scores > 0
    for key, values in wanted.items():
        if key != "kind":
            base_mask &= _any_of(columns[key], values, ranker.size)
    # The kind facet ignores the kind filter, so the user can see what switching kinds would give.
    result_mask = base_mask
    if "kind" in wanted:
        result_mask = base_mask & _any_of(columns["kind"], wanted["kind"], ranker.size)
    total = int(result_mask.sum())
    facets = {
        key: facet_counts.count(column, base_mask if key == "kind" else result_mask)
        for key, column in columns.items()
    }
    # Unknown words only match names within a few edits, so offer the likelier spelling too.
    wanted_suggestion = not total or plan.unknown_words
    suggestion = suggest_correction(ranker, parsed) if wanted_suggestion else None
    hits: list[Hit] = []
    start = (page - 1) * limit
    if start < total:
        ordered = _order(opened, ranker, scores, np.flatnonzero(result_mask), sort, start + limit)
        for docnum in ordered[start : start + limit]:
            stored = searcher.stored_fields(int(docnum))
            hit = _hit(searcher, docnum, scores[docnum], stored)
            hit.highlights = _highlights(stored, plan.highlight_terms)
            hits.append(hit)
    return SearchResults(total, hits, facets, suggestion, page, limit)


def _kind_mask(opened, ranker: Ranker, kinds) -> np.ndarray:
    if not kinds:
        return ranker.live
    columns = facet_counts.facet_columns(opened, ranker)
    return ranker.live & _any_of(columns["kind"], set(kinds), ranker.size)


def suggest_names(
    index_dir: Path, prefix: str, limit: int = 8, kinds: Iterable[str] | None = ("expert",)
) -> list[dict]:
    """Names starting with what has been typed so far (any word order), most quoted first."""
    if not isinstance(prefix, str):
        return []
    words = [w for w in name_words(prefix[:100]) if len(w) >= 2][:6]
    opened = _open(index_dir)
    if not words or opened is None:
        return []
    ranker = _ranker(opened)
    mask = ranker.docs_with_all([Leaf("name_prefix", w[:PREFIX_MAX]) for w in words])
    docs = np.flatnonzero(mask & _kind_mask(opened, ranker, kinds))
    quotes = ranker.column("quote_count")
    docs = docs[np.lexsort((docs, -quotes[docs]))][: max(1, min(int(limit), 50))]
    hits = [_hit(opened.searcher, d, 0.0) for d in docs]
    return [{"id": h.id, "slug": h.slug, "name": h.name, "kind": h.kind} for h in hits]


def similar_experts(
    index_dir: Path, id: Any, limit: int = 5, kinds: Iterable[str] | None = ("expert",)
) -> list[Hit]:
    """Profiles most like this one (more-like-this over its topics, quotes and organizations)."""
    opened = _open(index_dir)
    if opened is None:
        return []
    searcher = opened.searcher
    docnum = searcher.document_number(id=str(id))
    if docnum is None:
        return []
    stored = searcher.stored_fields(docnum)
    clauses: list[Clause] = []
    sources = (("research", 6, 3.0), ("title", 4, 2.0), ("quotes", 12, 1.0))
    for fieldname, numterms, boost in sources:
        text = stored.get(fieldname)
        if text:
            for term, weight in searcher.key_terms_from_text(fieldname, text, numterms=numterms):
                clauses.append(Clause([Leaf(fieldname, term, boost * weight)]))
    organizations = [o for o in (stored.get("f_org") or "").split(FACET_SEPARATOR) if o]
    clauses += [Clause([Leaf("f_org", o, 2.0)]) for o in organizations]
    if not clauses:
        return []
    ranker = _ranker(opened)
    scores = ranker.score(clauses)
    scores[docnum] = 0.0
    docs = np.flatnonzero((scores > 0) & _kind_mask(opened, ranker, kinds))
    ordered = _order(opened, ranker, scores, docs, "relevance", max(1, min(int(limit), 50)))
    return [_hit(searcher, d, scores[d]) for d in ordered]
