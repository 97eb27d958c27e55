"""Moving records from the store into the index: leads attached, batches, sync and rebuild."""

from __future__ import annotations

from storekit import sabato_clinton, sabato_cruz

from directory import search, store
from directory.search import rebuild_from_store, reindex_profiles, sync_index, with_leads


def test_each_record_carries_the_openings_of_its_articles(tmp_path):
    db = store.open_db(tmp_path / "directory.db")
    store.save_extraction(db, sabato_cruz())
    store.save_extraction(db, sabato_clinton())
    records = list(with_leads(db, store.iter_profile_records(db)))
    sabato = next(r for r in records if r["name"] == "Larry Sabato")
    ids = [a["id"] for a in sabato["articles"]]
    assert len(ids) == 2
    leads = store.article_leads(db, ids)
    assert sabato["article_leads"] == [leads[i] for i in ids]
    assert all(sabato["article_leads"])
    assert list(with_leads(db, [])) == []


def test_rebuild_sync_and_reindex_agree(tmp_path):
    db = store.open_db(tmp_path / "directory.db")
    result = store.save_extraction(db, sabato_cruz())
    index = tmp_path / "index"
    assert rebuild_from_store(db, index) == len(store.list_profile_versions(db))
    assert sync_index(db, index) == (0, 0)  # nothing changed since the rebuild
    assert reindex_profiles(db, index, result.person_ids) == len(result.person_ids)
    hits = search.search_profiles(index, "hard road in swing states", kinds=None).hits
    assert "larry-sabato" in [h.slug for h in hits]
