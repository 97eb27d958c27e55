"""Facet columns: value codes per document, counts and filters over any set of documents."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from directory import search
from directory.search import facets, ranking, storage
from directory.search.schema import FACET_FIELDS, FACET_SEPARATOR

COUNTRIES = ("UK", "US", "Germany")
OUTLETS = ("Daily Example", "Weekly Sample", "Evening Model", "Morning Test")


def record(i: int) -> dict:
    """A profile with a varying number of values per facet (none for some)."""
    orgs = [f"Org {i % 5}", f"Org {(i * 3) % 7}"][: i % 3]
    return {
        "id": i,
        "slug": f"person-{i}",
        "name": f"Person Number{i}",
        "kind": ("expert", "official", "other")[i % 3],
        "title": "economist",
        "positions": [{"organization": o, "kind": "current", "evidence": []} for o in orgs],
        "organizations": orgs,
        "quotes": [{"text": "Inflation will fall as rates rise."}],
        "countries": list(COUNTRIES[: i % 4]),
        "outlets": list(OUTLETS[i % 2 : i % 2 + 1 + i % 3]),
        "quote_count": 1,
        "last_quoted": f"{2010 + i % 4}-01-01" if i % 5 else "",
        "version": "1",
    }


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("facets") / "index"
    records = [record(i) for i in range(1, 41)]
    search.index_records(index_dir, records[:25])  # two segments, one deletion
    search.index_records(index_dir, records[25:])
    search.delete_records(index_dir, [7])
    return storage.open_index(index_dir)


def brute_counts(opened, fieldname: str, docs) -> Counter:
    """The old way: every stored document's values, counted one by one."""
    found = Counter()
    for docnum in docs:
        fields = opened.searcher.reader().stored_fields(int(docnum))
        doc_id = fields["id"]
        document = search.writer.documents([record(int(doc_id))])[0]
        value = document.get(fieldname)
        if value:
            found.update(value.split(FACET_SEPARATOR))
    return found


@pytest.mark.parametrize("key", [k for k in FACET_FIELDS if k != "topic"])
def test_counts_match_counting_each_document(opened, key):
    ranker = ranking.ranker_for(opened)
    column = facets.facet_columns(opened, ranker)[key]
    rng = np.random.default_rng(5)
    for share in (0.1, 0.4, 0.6, 0.9, 1.0):  # over half: all counts less the others'
        mask = (rng.random(ranker.size) < share) & ranker.live
        expected = brute_counts(opened, FACET_FIELDS[key], np.flatnonzero(mask))
        counted = facets.count(column, mask, limit=100)
        assert dict(counted) == dict(expected)
        assert facets.count(column, np.flatnonzero(mask), limit=100) == counted
        # Most frequent first, ties alphabetically.
        assert counted == sorted(counted, key=lambda pair: (-pair[1], pair[0].lower()))


def test_counts_of_no_documents_are_empty(opened):
    ranker = ranking.ranker_for(opened)
    column = facets.facet_columns(opened, ranker)["organization"]
    assert facets.count(column, np.zeros(ranker.size, dtype=bool)) == []


def test_docs_with_finds_every_document_holding_a_value(opened):
    ranker = ranking.ranker_for(opened)
    column = facets.facet_columns(opened, ranker)["country"]
    for wanted in ({"US"}, {"UK", "Germany"}, {"Nowhere"}):
        expected = [
            d
            for d in range(ranker.size)
            if ranker.live[d] and set(brute_counts(opened, "f_country", [d])) & wanted
        ]
        found = column.docs_with(wanted)
        assert [d for d in found.tolist() if ranker.live[d]] == expected


def test_code_rows_put_each_documents_values_in_its_row():
    docs = np.array([3, 0, 3, 1, 3], dtype=np.int64)
    vals = np.array([2, 0, 0, 1, 1], dtype=np.int64)
    codes = facets.code_rows(docs, vals, size=5, count=3)
    assert codes.shape == (3, 5)
    assert codes.dtype == np.uint16
    held = [sorted(int(c) for c in codes[:, d] if c) for d in range(5)]
    assert held == [[1], [2], [], [1, 2, 3], []]
