"""Facet counts over a whole result set, from arrays built per segment and joined per version."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import memo
from .schema import FACET_FIELDS
from .scoring import read_postings, segment_key

FACET_LIMIT = 12
# Document lists of recent filter values kept per facet (filters repeat as a user pages).
FILTERS_KEPT = 64
FILTER_BYTES = 4 * 2**20


@dataclass
class FacetColumn:
    """One facet as value codes per document: `codes[j, d]` is 1 + the index in `values` of the
    j-th value of document d (0 where it has fewer). A count reads only the matched documents'
    codes in each of the rows, as many as the most values a document holds (one for kind, year
    and country). Row by row, each gather reads one contiguous array: gathering a document's
    values side by side took longer (on the bench's 100,000-profile index, for 40% of it:
    outlets, two values, 0.48 ms against 0.17; topics, six, 1.06 ms against 0.88)."""

    values: list[str]
    codes: np.ndarray
    alphabetical: np.ndarray | None = None
    cache: dict = field(default_factory=dict)
    totals: np.ndarray | None = None  # every document's counts, once asked for

    def docs_with(self, wanted: set[str]) -> np.ndarray:
        """Document numbers having any of the wanted values (cached: filters repeat)."""
        key = frozenset(wanted)
        if key not in self.cache:
            codes = [i + 1 for i, v in enumerate(self.values) if v in wanted]
            found = np.flatnonzero(np.isin(self.codes, codes).any(axis=0))
            held = sum(a.nbytes for a in self.cache.values())
            if len(self.cache) >= FILTERS_KEPT or held + found.nbytes > FILTER_BYTES:
                self.cache.clear()
            self.cache[key] = found
        return self.cache[key]


def code_rows(docs: np.ndarray, vals: np.ndarray, size: int, count: int) -> np.ndarray:
    """(document, value) pairs as rows of 1-based value codes over every document (see
    FacetColumn), in the smallest integer type holding `count` values."""
    dtype = np.uint16 if count < 2**16 - 1 else np.uint32
    order = np.lexsort((vals, docs))
    docs, vals = docs[order], vals[order]
    # The rank of each pair among its document's pairs: its row.
    starts = np.flatnonzero(np.diff(docs, prepend=-1))
    rank = np.arange(len(docs)) - np.repeat(starts, np.diff(np.append(starts, len(docs))))
    width = int(rank.max()) + 1 if len(rank) else 0
    codes = np.zeros((width, size), dtype=dtype)
    codes[rank, docs] = vals + 1
    return codes


# Facet columns of single segments kept per process: a segment never changes, so after an ingest
# adds a small segment only that one is read, and the large one's column is reused. The six
# columns of a 100,000-profile index take about 16 MB (its topics alone 8 MB), so the budget
# holds them twice over: within a smaller one the first search after each ingest read them all
# again (2 to 3 s at 100,000 profiles).
SEGMENT_COLUMNS_KEPT = 64
SEGMENT_COLUMN_BYTES = 32 * 2**20
_segment_columns = memo.Answers(SEGMENT_COLUMNS_KEPT, SEGMENT_COLUMN_BYTES)


def _segment_column(segment, fieldname: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(values, segment-local docs, value codes) of one facet in one segment."""
    key = (*segment_key(segment), fieldname)
    return _segment_columns.get_or_make(None, key, lambda: _read_segment_column(segment, fieldname))


def _read_segment_column(segment, fieldname: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    values: list[str] = []
    docs: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    if fieldname in segment.indexed_field_names():
        for term in segment.lexicon(fieldname):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            # Read apart from the shared postings: thousands of facet values would push out
            # the postings searches need.
            ids = read_postings(segment, fieldname, text)[0]
            docs.append(ids)
            vals.append(np.full(len(ids), len(values), dtype=np.int64))
            values.append(text)
    empty = np.zeros(0, dtype=np.int64)
    return (
        values,
        np.concatenate(docs) if docs else empty,
        np.concatenate(vals) if vals else empty,
    )


def _column(ranker, fieldname: str) -> FacetColumn:
    """One facet over the whole index: its segments' columns, with the value codes unified."""
    parts = [(_segment_column(segment, fieldname), offset) for segment, offset in ranker.leaves]
    values = sorted({value for (part_values, _, _), _ in parts for value in part_values})
    if not values:
        return FacetColumn([], np.zeros((0, ranker.size), dtype=np.uint16), np.zeros(0, np.int64))
    code = {value: i for i, value in enumerate(values)}
    docs, vals = [], []
    for (part_values, part_docs, part_vals), offset in parts:
        if part_values:
            remap = np.array([code[v] for v in part_values], dtype=np.int64)
            docs.append(part_docs.astype(np.int64) + offset)
            vals.append(remap[part_vals])
    alphabetical = np.empty(len(values), dtype=np.int64)
    alphabetical[sorted(range(len(values)), key=lambda i: values[i].lower())] = np.arange(
        len(values)
    )
    codes = code_rows(np.concatenate(docs), np.concatenate(vals), ranker.size, len(values))
    return FacetColumn(values, codes, alphabetical)


def facet_columns(open_index, ranker) -> dict[str, FacetColumn]:
    """The facet columns of an open index, cached until the index changes."""
    columns = open_index.derived.get("facets")
    if columns is None:
        columns = {key: _column(ranker, fieldname) for key, fieldname in FACET_FIELDS.items()}
        open_index.derived["facets"] = columns
    return columns


def mask_of(docnums: np.ndarray, size: int) -> np.ndarray:
    """A boolean array over every document number, true for the given ones."""
    mask = np.zeros(size, dtype=bool)
    mask[docnums] = True
    return mask


def _counts(column: FacetColumn, docs: np.ndarray) -> np.ndarray:
    """How many of `docs` hold each value (index i: values[i])."""
    counts = np.zeros(len(column.values) + 1, dtype=np.int64)
    for row in column.codes:
        counts += np.bincount(row[docs], minlength=len(counts))
    return counts[1:]


def _all_counts(column: FacetColumn) -> np.ndarray:
    if column.totals is None:
        column.totals = _counts(column, np.arange(column.codes.shape[1]))
    return column.totals


def count(column: FacetColumn, docs: np.ndarray, limit: int = FACET_LIMIT) -> list[tuple]:
    """(value, count) pairs for the documents `docs` (numbers, or a mask over every document),
    most frequent first."""
    if not column.values:
        return []
    size = column.codes.shape[1]
    if docs.dtype == bool:
        docs = np.flatnonzero(docs)
    if len(docs) * 2 > size:
        # Most of the index: every document's counts less those of the few not asked for
        others = np.ones(size, dtype=bool)
        others[docs] = False
        counts = _all_counts(column) - _counts(column, np.flatnonzero(others))
    else:
        counts = _counts(column, docs)
    nonzero = np.flatnonzero(counts)
    if len(nonzero) > limit:
        # Only values counted at least as often as the limit-th: sorting all 18,000 topics of
        # the bench's index took half a millisecond.
        kth = len(nonzero) - limit
        nonzero = nonzero[counts[nonzero] >= np.partition(counts[nonzero], kth)[kth]]
    # Most frequent first, ties in alphabetical order, without a Python sort over every value.
    order = nonzero[np.lexsort((column.alphabetical[nonzero], -counts[nonzero]))][:limit]
    return [(column.values[i], int(counts[i])) for i in order]
