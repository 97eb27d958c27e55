"""The fast rebuild writes the same index as Whoosh's own writer, in one segment or several."""

from __future__ import annotations

import random

import pytest
from whoosh import index as whoosh_index

from directory import search
from directory.search import bulk
from directory.search.codec import BLOCK_LIMIT, ArrayCodec
from directory.search.schema import build_schema, record_to_document
from directory.text import word_set

WORDS = sorted(
    word_set(
        "oil prices OPEC refinery capacity Müller naïve café the of and a I 2005 x*y e.g. U.S. "
        "rate rates ratings security securities policies police women analyses Zoë ÆON 北京 "
        "don't it's co-operate well-known 3.5 £160m"
    )
)


def make_record(i: int, rng: random.Random) -> dict:
    """A record with text in every field, some of it odd."""
    quotes = [
        {"text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30))), "kind": "direct"}
        for _ in range(rng.randint(0, 4))
    ]
    org = f"{rng.choice(WORDS)} Institute"
    return {
        "id": i,
        "slug": f"person-{i}",
        "name": f"{rng.choice(['Ren', 'Zoë', 'Jean-Paul', 'O’Hanlon'])} {rng.choice(WORDS)}{i}",
        "aliases": [f"Dr {rng.choice(WORDS)}"],
        "kind": rng.choice(["expert", "official", "other"]),
        "title": " ".join(rng.choice(WORDS) for _ in range(3)),
        "positions": [
            {"organization": org, "role": "analyst", "place": rng.choice(["London", None])}
        ],
        "research_areas": [{"topic": rng.choice(WORDS)}],
        "publications": [{"title": " ".join(rng.sample(WORDS, 3))}],
        "editorial_roles": [],
        "quotes": quotes,
        "articles": [{"id": f"a{i % 7}", "title": " ".join(rng.sample(WORDS, 4))}],
        "article_leads": [" ".join(rng.sample(WORDS, 8))] if i % 3 else [],
        "organizations": [org],
        "places": [],
        "countries": [rng.choice(["UK", "China"])],
        "outlets": ["Example Post"],
        "quote_count": len(quotes),
        "last_quoted": f"20{10 + i % 9}-0{1 + i % 9}-1{i % 9}",
        "version": f"{i}-1",
    }


RECORDS = [make_record(i, random.Random(i)) for i in range(1, 120)]


def index_contents(folder) -> dict:
    """Everything a reader sees: terms and postings of every field, stored fields, lengths,
    sortable columns."""
    ix = whoosh_index.open_dir(str(folder))
    out: dict = {"postings": {}, "stored": [], "lengths": {}, "columns": {}}
    with ix.reader() as reader:
        for fieldname in sorted(reader.indexed_field_names()):
            for term in reader.lexicon(fieldname):
                matcher = reader.postings(fieldname, term)
                items = []
                while matcher.is_active():
                    block = (
                        matcher.block_max_id(),
                        matcher.block_max_weight(),
                        matcher.block_min_length(),
                        matcher.block_max_length(),
                    )
                    items.append((matcher.id(), matcher.weight(), matcher.value(), block))
                    matcher.next()
                info = reader.term_info(fieldname, term)
                stats = (
                    info.weight(),
                    info.doc_frequency(),
                    info.min_length(),
                    info.max_length(),
                    info.max_weight(),
                    info.min_id(),
                    info.max_id(),
                )
                out["postings"][(fieldname, term)] = (items, stats)
        for docnum in range(reader.doc_count_all()):
            out["stored"].append(reader.stored_fields(docnum))
            for fieldname in reader.indexed_field_names():
                out["lengths"][(docnum, fieldname)] = reader.doc_field_length(docnum, fieldname)
        for fieldname in ("id", "version", "quote_count", "last_quoted", "quotes"):
            out["columns"][fieldname] = list(reader.column_reader(fieldname))
    return out


def written_both_ways(tmp_path, documents) -> tuple[dict, dict]:
    """The contents of an index written by the fast writer and by Whoosh's own."""
    slow = tmp_path / "slow"
    slow.mkdir()
    writer = whoosh_index.create_in(str(slow), build_schema()).writer(
        codec=ArrayCodec(), compound=False
    )
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    fast = tmp_path / "fast"
    fast.mkdir()
    whoosh_index.create_in(str(fast), build_schema())
    builder = bulk.SegmentBuilder(fast)
    for document in documents:
        builder.add(document)
    bulk._write_toc(fast, [builder.finish()])
    return index_contents(fast), index_contents(slow)


def test_the_fast_writer_writes_what_whoosh_writes(tmp_path):
    fast, slow = written_both_ways(tmp_path, [record_to_document(r) for r in RECORDS])
    assert fast == slow


def test_long_posting_lists_are_written_in_blocks_as_whoosh_writes_them(tmp_path):
    # More documents than a block holds: "common" and the kind span three blocks, "rare" and
    # each id one, and weights, lengths and values differ inside a block.
    rng = random.Random(7)
    documents = [
        {
            "id": str(i),
            "kind": "expert",
            "title": "analyst" if i % 5 else "analyst of oil",
            "quotes": "common " * (1 + i % 3) + ("rare" if i % 997 == 0 else rng.choice(WORDS)),
        }
        for i in range(BLOCK_LIMIT * 2 + 5)
    ]
    fast, slow = written_both_ways(tmp_path, documents)
    assert len(fast["postings"][("quotes", b"common")][0]) == len(documents)
    assert len(fast["postings"][("quotes", b"rare")][0]) == 3
    assert fast == slow


@pytest.mark.parametrize("query", ["oil prices", "security", "Müller", "Ren", "London analyst"])
def test_several_worker_segments_search_as_one(tmp_path, monkeypatch, query):
    monkeypatch.setattr(bulk, "PARALLEL_MIN", 10)
    monkeypatch.setattr(bulk, "CHUNK", 7)
    # Each worker weighs topics by its own share of the corpus: leave topics out to compare.
    records = [{**r, "articles": [], "quotes": []} for r in RECORDS]
    assert search.rebuild_index(tmp_path / "one", records, jobs=1) == len(records)
    assert search.rebuild_index(tmp_path / "two", records, jobs=2) == len(records)
    from directory.search import storage

    version = storage.current_version(tmp_path / "two")
    assert len(whoosh_index.open_dir(str(version)).reader().leaf_readers()) == 2

    def found(folder):
        hits = []
        for page in (1, 2):  # every hit: ties fall in document order, which differs
            results = search.search_profiles(folder, query, page=page, limit=100, kinds=None)
            hits += results.hits
        return (
            results.total,
            results.strong,
            sorted((h.id, round(h.score, 3), h.match) for h in hits),
        )

    assert found(tmp_path / "two") == found(tmp_path / "one")


def test_hidden_records_are_left_out_and_an_empty_rebuild_is_empty(tmp_path):
    records = [{**r, "hidden": r["id"] % 2 == 0} for r in RECORDS[:10]]
    assert search.rebuild_index(tmp_path / "index", records) == 5
    assert search.index_doc_count(tmp_path / "index") == 5
    assert search.rebuild_index(tmp_path / "empty", []) == 0
    assert search.search_profiles(tmp_path / "empty", "oil").total == 0
