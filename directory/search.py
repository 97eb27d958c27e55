"""Search over expert profiles: the facade the CLI, the web layer and the pipeline call.

It takes and returns plain data; Whoosh stays behind it (`directory/searching/`), so another engine
could replace it. The index is derived from the store and can always be rebuilt from it.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from . import config, memo
from .errors import QueryError
from .searching import storage
from .searching.query import clean_text, read_query
from .searching.ranking import (
    Hit,
    SearchResults,
    doc_id,
    kind_mask,
    make_hit,
    order_docs,
    ranker_for,
    run_search,
)
from .searching.schema import (
    FACET_FIELDS,
    FACET_SEPARATOR,
    PREFIX_MAX,
    name_words,
    record_to_document,
)
from .searching.scoring import Clause, Leaf

__all__ = [
    "Hit",
    "SearchResults",
    "delete_records",
    "forget_answers",
    "index_doc_count",
    "index_exists",
    "index_ids",
    "index_records",
    "index_versions",
    "rebuild_index",
    "search_experts",
    "similar_experts",
    "suggest_names",
]

log = logging.getLogger(__name__)

SORTS = ("relevance", "quotes", "recent")
MAX_PAGE = 500
MAX_FILTER_VALUES = 20
_readers = storage.Readers()


_answers = memo.Answers()


def _open(index_dir: Path):
    """This thread's up-to-date view of the index, or None when it holds no documents."""
    opened = _readers.get(index_dir)
    if opened is None or opened.searcher.doc_count_all() == 0:
        return None
    return opened


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


# --- writing ---------------------------------------------------------------------------------


def index_records(index_dir: Path, records: Iterable[dict]) -> int:
    """Add or replace profiles (by `id`); hidden ones are removed. Returns how many were indexed."""
    count = 0
    with storage.write_lock(index_dir):
        writer = storage.writer(storage.open_for_writing(index_dir))
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
        writer = storage.writer(storage.open_for_writing(index_dir))
        for doc_id in ids:
            writer.delete_by_term("id", doc_id)
        writer.commit()


def rebuild_index(index_dir: Path, records: Iterable[dict]) -> int:
    """Build a complete index in a new folder, then swap it in atomically. Returns the count."""
    count = 0
    with storage.write_lock(index_dir):
        folder, ix = storage.new_version(index_dir)
        try:
            writer = storage.writer(ix, limitmb=256)
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


def index_exists(index_dir: Path) -> bool:
    """Whether a live index in the current format is there (it may be empty); no reader opened."""
    return storage.current_version(index_dir) is not None


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
    return {doc_id(ids[d]): versions[d] for d in reader.all_doc_ids()}


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
    opened = _open(index_dir)
    if not words or opened is None:
        return []
    ranker = ranker_for(opened)
    mask = ranker.docs_with_all([Leaf("name_prefix", w[:PREFIX_MAX]) for w in words])
    docs = np.flatnonzero(mask & kind_mask(opened, ranker, kinds))
    quotes = ranker.column("quote_count")
    docs = docs[np.lexsort((docs, -quotes[docs]))][: max(1, min(int(limit), 50))]
    hits = [make_hit(opened.searcher, d, 0.0) for d in docs]
    return [{"id": h.id, "slug": h.slug, "name": h.name, "kind": h.kind} for h in hits]


def similar_experts(
    index_dir: Path, id: Any, limit: int = 5, kinds: Iterable[str] | None = ("expert",)
) -> list[Hit]:
    """Profiles most like this one (more-like-this over its topics, quotes and organizations)."""
    opened = _open(index_dir)
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
    ranker = ranker_for(opened)
    scores = ranker.score(clauses)
    scores[docnum] = 0.0
    docs = np.flatnonzero((scores > 0) & kind_mask(opened, ranker, kinds))
    ordered = order_docs(opened, ranker, scores, docs, "relevance", max(1, min(int(limit), 50)))
    return [make_hit(searcher, d, scores[d]) for d in ordered]
