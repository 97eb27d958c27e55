"""Search over expert profiles: the facade the CLI, the web layer and the pipeline call.

It takes and returns plain data; Whoosh stays behind it (`directory/searching/`), so another engine
could replace it. The index is derived from the store and can always be rebuilt from it.
"""

from __future__ import annotations

import html
import logging
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import highlight, sorting
from whoosh import query as wq

from . import config
from .errors import QueryError
from .searching import facets as facet_counts
from .searching import storage
from .searching.query import build_query, clean_text, read_query, suggest_correction
from .searching.schema import FACET_FIELDS, PREFIX_MAX, name_words, record_to_document

log = logging.getLogger(__name__)

SORTS = ("relevance", "quotes", "recent")
MAX_PAGE = 500
HIGHLIGHT_FIELDS = ("quotes", "research")

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


class MarkFormatter(highlight.Formatter):
    """Whoosh highlight formatter: escaped text, matched words wrapped in <mark>."""

    between = " … "

    def _text(self, text):
        return html.escape(text)

    def format_token(self, text, token, replace=False):
        """One matched word, escaped, inside <mark>."""
        return "<mark>" + html.escape(highlight.get_text(text, token, replace)) + "</mark>"


def _doc_id(value: str) -> Any:
    return int(value) if value.isdigit() else value


# --- writing ---------------------------------------------------------------------------------


def index_records(index_dir: Path, records: Iterable[dict]) -> int:
    """Add or replace profiles (by `id`); hidden ones are removed. Returns how many were indexed."""
    count = 0
    with storage.write_lock(index_dir):
        writer = storage.open_for_writing(index_dir).writer(limitmb=128)
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
        writer = storage.open_for_writing(index_dir).writer()
        for doc_id in ids:
            writer.delete_by_term("id", doc_id)
        writer.commit()


def rebuild_index(index_dir: Path, records: Iterable[dict]) -> int:
    """Build a complete index in a new folder, then swap it in atomically. Returns the count."""
    count = 0
    with storage.write_lock(index_dir):
        folder, ix = storage.new_version(index_dir)
        try:
            writer = ix.writer(limitmb=256)
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
    opened = _readers.get(index_dir)
    return 0 if opened is None else opened.searcher.doc_count()


def index_versions(index_dir: Path) -> dict[Any, str]:
    """The `version` of every indexed profile, by id, to compare with the store."""
    opened = _readers.get(index_dir)
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


def _sortedby(sort: str):
    if sort == "quotes":
        return [sorting.FieldFacet("quote_count", reverse=True), sorting.ScoreFacet()]
    if sort == "recent":
        return [
            sorting.FieldFacet("last_quoted", reverse=True),
            sorting.FieldFacet("quote_count", reverse=True),
        ]
    return None


def _hit(result) -> Hit:
    stored = result.fields()
    return Hit(
        id=_doc_id(stored["id"]),
        slug=stored.get("slug", ""),
        score=float(result.score or 0.0),
        name=stored.get("display", ""),
        kind=stored.get("kind", ""),
    )


def _highlights(result) -> list[str]:
    fragments = []
    stored = result.fields()
    for fieldname in HIGHLIGHT_FIELDS:
        if not stored.get(fieldname):
            continue
        snippet = result.highlights(fieldname, top=2)
        if snippet:
            fragments.append(snippet)
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
    user_query = build_query(parsed)
    opened = _readers.get(index_dir)
    if opened is None:
        return _empty_results(page, limit)
    try:
        return _search(opened, parsed, user_query, wanted, page, limit, sort)
    except QueryError:
        raise
    except Exception as exc:  # a Whoosh failure on odd input must reach the user as a message
        log.exception("search failed for %r", text)
        raise QueryError("That query could not be searched: try simpler words.") from exc


def _search(opened, parsed, user_query, wanted, page, limit, sort) -> SearchResults:
    searcher = opened.searcher
    columns = facet_counts.facet_columns(opened)
    size = searcher.doc_count_all()
    narrowing = [
        wq.Or([wq.Term(FACET_FIELDS[key], v) for v in sorted(values)])
        for key, values in wanted.items()
        if key != "kind"
    ]
    base_query = wq.And([user_query, *narrowing]) if narrowing else user_query
    base = np.fromiter(searcher.docs_for_query(base_query), dtype=np.int64)
    base_mask = facet_counts.mask_of(base, size)
    # The kind facet ignores the kind filter, so the user can see what switching kinds would give.
    if "kind" in wanted:
        kind_docs = columns["kind"].docs_with(wanted["kind"])
        result_mask = base_mask & facet_counts.mask_of(kind_docs, size)
    else:
        result_mask = base_mask
    total = int(result_mask.sum())
    facets = {
        key: facet_counts.count(column, base_mask if key == "kind" else result_mask)
        for key, column in columns.items()
    }
    suggestion = None if total else suggest_correction(searcher.reader(), parsed)
    hits: list[Hit] = []
    start = (page - 1) * limit
    if start < total:
        allowed = set(np.flatnonzero(result_mask).tolist())
        results = searcher.search(
            user_query, filter=allowed, limit=start + limit, sortedby=_sortedby(sort)
        )
        results.fragmenter = highlight.ContextFragmenter(maxchars=300, surround=60)
        results.formatter = MarkFormatter()
        for result in results[start : start + limit]:
            hit = _hit(result)
            hit.highlights = _highlights(result)
            hits.append(hit)
    return SearchResults(total, hits, facets, suggestion, page, limit)


def suggest_names(
    index_dir: Path, prefix: str, limit: int = 8, kinds: Iterable[str] | None = ("expert",)
) -> list[dict]:
    """Names starting with what has been typed so far (any word order), most quoted first."""
    if not isinstance(prefix, str):
        return []
    words = [w for w in name_words(prefix[:100]) if len(w) >= 2][:6]
    opened = _readers.get(index_dir)
    if not words or opened is None:
        return []
    clauses = [wq.Term("name_prefix", w[:PREFIX_MAX]) for w in words]
    if kinds:
        clauses.append(wq.Or([wq.Term("kind", k) for k in kinds]))
    results = opened.searcher.search(
        wq.And(clauses),
        limit=max(1, min(int(limit), 50)),
        sortedby=sorting.FieldFacet("quote_count", reverse=True),
    )
    return [
        {"id": h.id, "slug": h.slug, "name": h.name, "kind": h.kind}
        for h in (_hit(r) for r in results)
    ]


def similar_experts(
    index_dir: Path, id: Any, limit: int = 5, kinds: Iterable[str] | None = ("expert",)
) -> list[Hit]:
    """Profiles most like this one (more-like-this over its topics, quotes and organizations)."""
    opened = _readers.get(index_dir)
    if opened is None:
        return []
    searcher = opened.searcher
    docnum = searcher.document_number(id=str(id))
    if docnum is None:
        return []
    stored = searcher.stored_fields(docnum)
    clauses: list[wq.Query] = []
    sources = (("research", 6, 3.0), ("title", 4, 2.0), ("quotes", 12, 1.0))
    for fieldname, numterms, boost in sources:
        text = stored.get(fieldname)
        if text:
            for term, weight in searcher.key_terms_from_text(fieldname, text, numterms=numterms):
                clauses.append(wq.Term(fieldname, term, boost=boost * weight))
    organizations = [o for o in (stored.get("f_org") or "").split("\x1f") if o]
    clauses += [wq.Term("f_org", o, boost=2.0) for o in organizations]
    if not clauses:
        return []
    filter_query = wq.Or([wq.Term("kind", k) for k in kinds]) if kinds else None
    results = searcher.search(
        wq.Or(clauses),
        limit=max(1, min(int(limit), 50)),
        filter=filter_query,
        mask=wq.Term("id", str(id)),
    )
    return [_hit(r) for r in results]
