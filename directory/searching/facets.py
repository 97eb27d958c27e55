"""Facet counts over a whole result set, from numpy arrays built once per index version."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .schema import FACET_FIELDS

FACET_LIMIT = 12


@dataclass
class FacetColumn:
    """One facet as (document, value) pairs: `docs[i]` has the value `values[vals[i]]`."""

    values: list[str]
    docs: np.ndarray
    vals: np.ndarray
    alphabetical: np.ndarray | None = None

    def docs_with(self, wanted: set[str]) -> np.ndarray:
        """Document numbers having any of the wanted values."""
        codes = [i for i, v in enumerate(self.values) if v in wanted]
        return np.unique(self.docs[np.isin(self.vals, codes)])


def _column(reader, fieldname: str) -> FacetColumn:
    values: list[str] = []
    docs: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    if fieldname in reader.indexed_field_names():
        for term in reader.lexicon(fieldname):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            ids = np.fromiter(reader.postings(fieldname, text).all_ids(), dtype=np.int64)
            docs.append(ids)
            vals.append(np.full(len(ids), len(values), dtype=np.int64))
            values.append(text)
    if not values:
        empty = np.zeros(0, dtype=np.int64)
        return FacetColumn([], empty, empty, empty)
    alphabetical = np.empty(len(values), dtype=np.int64)
    alphabetical[sorted(range(len(values)), key=lambda i: values[i].lower())] = np.arange(
        len(values)
    )
    return FacetColumn(values, np.concatenate(docs), np.concatenate(vals), alphabetical)


def facet_columns(open_index) -> dict[str, FacetColumn]:
    """The facet columns of an open index, cached until the index changes."""
    columns = open_index.derived.get("facets")
    if columns is None:
        reader = open_index.searcher.reader()
        columns = {key: _column(reader, fieldname) for key, fieldname in FACET_FIELDS.items()}
        open_index.derived["facets"] = columns
    return columns


def mask_of(docnums: np.ndarray, size: int) -> np.ndarray:
    """A boolean array over every document number, true for the given ones."""
    mask = np.zeros(size, dtype=bool)
    mask[docnums] = True
    return mask


def count(column: FacetColumn, mask: np.ndarray, limit: int = FACET_LIMIT) -> list[tuple]:
    """(value, count) pairs for the documents in `mask`, most frequent first."""
    if not column.values:
        return []
    counts = np.bincount(column.vals[mask[column.docs]], minlength=len(column.values))
    nonzero = np.flatnonzero(counts)
    # Most frequent first, ties in alphabetical order, without a Python sort over every value.
    order = nonzero[np.lexsort((column.alphabetical[nonzero], -counts[nonzero]))][:limit]
    return [(column.values[i], int(counts[i])) for i in order]
