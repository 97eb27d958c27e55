"""The array codec: Whoosh reads its blocks as before, and scoring reads them as numpy arrays."""

from __future__ import annotations

from array import array

import numpy as np
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from directory.search import storage
from directory.search.codec import BLOCK_LIMIT
from directory.search.scoring import SegmentPostings, read_postings

SCHEMA = Schema(id=ID(stored=True), body=TEXT(phrase=False))


def build(folder, docs):
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), SCHEMA)
    writer = storage.writer(ix)
    for i, body in enumerate(docs):
        writer.add_document(id=str(i), body=body)
    writer.commit()
    return ix


def test_long_posting_lists_span_blocks_and_read_back_exactly(tmp_path):
    # "common" in every document (several blocks), "twice" twice in every third one.
    n = BLOCK_LIMIT * 2 + 37
    docs = ["common twice twice" if i % 3 == 0 else "common other" for i in range(n)]
    ix = build(tmp_path / "ix", docs)
    with ix.searcher() as searcher:
        segment = searcher.reader()
        whoosh_view = [(m[0], m[1]) for m in segment.postings("body", "twice").items_as("weight")]
        docs_out, weights = read_postings(segment, "body", "twice")
        assert list(zip(docs_out.tolist(), weights.tolist(), strict=True)) == whoosh_view
        assert docs_out.tolist() == list(range(0, n, 3))
        assert set(weights.tolist()) == {2.0}
        common, _ = read_postings(segment, "body", "common")
        assert common.tolist() == list(range(n))
        # Whoosh's own query path still reads these blocks.
        from whoosh.query import Term

        assert len(searcher.search(Term("body", "twice"), limit=None)) == len(range(0, n, 3))


def test_blocks_hold_typed_arrays(tmp_path):
    ix = build(tmp_path / "ix", ["alpha beta beta", "alpha beta"] * 50)
    with ix.searcher() as searcher:
        matcher = searcher.reader().postings("body", "beta")
        matcher._read_data()
        ids, weights, _ = matcher._data
        assert isinstance(ids, array) and ids.typecode == "H"
        assert isinstance(weights, array) and weights.typecode == "B"


def test_blocks_take_wider_types_only_where_narrow_ones_cannot_hold_them(tmp_path):
    # A gap of more than 65,535 documents needs 32 bits; a frequency over 255 a float.
    from directory.search.codec import ids_typecode, weights_typecode

    assert ids_typecode(65_535) == "H" and ids_typecode(65_536) == "I"
    assert weights_typecode(1.0, 255.0, True) == "B"
    assert weights_typecode(1.0, 256.0, True) == "f"
    assert weights_typecode(0.5, 2.0, False) == "f"
    n = 70_000
    docs = ["x"] * n
    docs[0], docs[-1] = "far " + "many " * 300, "far many many"
    ix = build(tmp_path / "ix", docs)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for term, (ids_code, weights_code) in {"far": ("I", None), "many": ("I", "f")}.items():
            matcher = reader.postings("body", term)
            matcher._read_data()
            ids, weights, _ = matcher._data
            assert ids.typecode == ids_code
            assert (weights.typecode if isinstance(weights, array) else None) == weights_code
        docs_out, weights = read_postings(reader, "body", "many")
        assert docs_out.tolist() == [0, n - 1] and weights.tolist() == [300.0, 2.0]
        many = reader.postings("body", "many")
        assert [m[1] for m in many.items_as("weight")] == [300.0, 2.0]


def test_blocks_are_stored_uncompressed(tmp_path):
    # Decompressing was about two fifths of the time to read a long posting list cold.
    n = BLOCK_LIMIT + 50
    ix = build(tmp_path / "ix", ["common" + (" rare" if i < 3 else "") for i in range(n)])
    with ix.searcher() as searcher:
        reader = searcher.reader()
        rare, common = reader.postings("body", "rare"), reader.postings("body", "common")
        assert rare._compression == 0 and common._compression == 0
        assert read_postings(reader, "body", "rare")[0].tolist() == [0, 1, 2]
        assert read_postings(reader, "body", "common")[0].tolist() == list(range(n))


def test_a_missing_term_reads_as_empty(tmp_path):
    ix = build(tmp_path / "ix", ["alpha"])
    with ix.searcher() as searcher:
        docs, weights = read_postings(searcher.reader(), "body", "zeta")
        assert docs.size == 0 and weights.size == 0


def test_the_shared_cache_keeps_within_its_budget_and_reuses_segments(tmp_path):
    ix = build(tmp_path / "ix", [f"word{i % 7} filler" for i in range(700)])
    cache = SegmentPostings(budget=250 * 8 + 2_000)
    with ix.searcher() as searcher:
        segment = searcher.reader()
        first = cache.get(segment, "body", "word1")
        assert cache.get(segment, "body", "word1")[0] is first[0]  # served from the cache
        for k in range(7):
            cache.get(segment, "body", f"word{k}")
        assert cache.used <= cache.budget
    with ix.searcher() as again:  # a new reader over the same segment shares the arrays
        docs, _ = cache.get(again.reader(), "body", "word6")
        assert np.array_equal(docs, np.arange(6, 700, 7))


def test_kept_postings_read_back_exactly_in_fewer_bytes(tmp_path):
    # "common" in every document is kept as a count per document, "twice" (a third of them)
    # as numbers with 16-bit counts: both read back as read from disk, in under 8 bytes a posting
    n = BLOCK_LIMIT * 2 + 37
    docs = ["common twice twice" if i % 3 == 0 else "common other" for i in range(n)]
    ix = build(tmp_path / "ix", docs)
    cache = SegmentPostings(budget=2**22)
    with ix.searcher() as searcher:
        segment = searcher.reader()
        for term in ("common", "twice"):
            expected = read_postings(segment, "body", term)
            cache.get(segment, "body", term)
            kept = cache.get(segment, "body", term)
            assert np.array_equal(kept[0], expected[0])
            assert np.array_equal(kept[1], expected[1])
            assert kept[0].dtype == np.int32 and kept[1].dtype == np.float32
        postings = n + len(range(0, n, 3))
        assert cache.used < postings * 8


def test_dense_scores_are_the_leaf_scores_spread_over_every_document(tmp_path):
    from directory.search.scoring import DENSE_SHARE, Leaf, Ranker

    n = BLOCK_LIMIT + 50
    docs = [("common " * (1 + i % 4)) + ("rare" if i % 40 == 0 else "other") for i in range(n)]
    ix = build(tmp_path / "ix", docs)
    with ix.searcher() as searcher:
        ranker = Ranker(searcher)
        leaf = Leaf("body", "common", 2.5)
        dense = ranker.dense_scores(leaf)
        spread = np.zeros(ranker.size, dtype=np.float32)
        numbers, scores = ranker.leaf_scores(leaf)
        spread[numbers] = scores
        assert np.array_equal(dense, spread)
        assert len(range(0, n, 40)) * DENSE_SHARE < n  # "rare" is scored document by document
        assert ranker.dense_scores(Leaf("body", "rare")) is None
