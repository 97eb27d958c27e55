"""Remembered answers: kept per index generation, bounded, and never shared as mutable state."""

from __future__ import annotations

from directory import search
from directory.search import Answers


def test_an_answer_is_made_once_per_generation():
    answers, made = Answers(), []

    def make():
        made.append(1)
        return ["answer"]

    assert answers.get_or_make("g1", "q", make) == ["answer"]
    assert answers.get_or_make("g1", "q", make) == ["answer"]
    assert len(made) == 1
    answers.get_or_make("g2", "q", make)  # the index changed: made again
    assert len(made) == 2


def test_the_least_recently_used_answer_goes_first():
    answers = Answers(size=2)
    for key in ("a", "b"):
        answers.get_or_make("g", key, lambda k=key: k)
    answers.get_or_make("g", "a", lambda: "again")  # "a" is now the most recent
    answers.get_or_make("g", "c", lambda: "c")
    assert answers.get_or_make("g", "a", lambda: "remade") == "a"
    assert answers.get_or_make("g", "b", lambda: "remade") == "remade"


def record(id, name, title):
    """A minimal expert record in the store's shape."""
    return {
        "id": id,
        "slug": name.lower().replace(" ", "-"),
        "name": name,
        "kind": "expert",
        "title": title,
        "quotes": [],
        "version": f"{id}-1",
    }


def names(results):
    return [hit.name for hit in results.hits]


def test_search_sees_new_data_and_callers_cannot_spoil_an_answer(tmp_path):
    index = tmp_path / "index"
    search.index_records(
        index,
        [record(1, "Jakob Nielsen", "usability consultant"), record(2, "Ren Xiao", "professor")],
    )
    first = search.search_profiles(index, "usability")
    assert names(first) == ["Jakob Nielsen"]
    first.hits[0].highlights.append("<script>")
    first.hits.clear()
    again = search.search_profiles(index, "usability")
    assert names(again) == ["Jakob Nielsen"]
    assert "<script>" not in again.hits[0].highlights
    search.index_records(index, [record(40, "Uma Usability", "usability researcher")])
    assert "Uma Usability" in names(search.search_profiles(index, "usability"))


def test_the_sized_cache_keeps_within_entries_and_bytes():
    from directory.search.memo import SizedCache

    cache = SizedCache(entries=100, budget=10_000)
    for i in range(1_000):
        cache.put(i, "x" * 500)
    assert cache.used <= 10_000 and 0 < len(cache) < 100
    assert cache.get(999) == "x" * 500 and cache.get(0) is None
    cache.put("huge", "y" * 20_000)  # larger than the whole budget: not kept
    assert cache.get("huge") is None


def test_random_and_overlong_words_leave_every_cache_within_its_budget(tmp_path, monkeypatch):
    import random
    import resource
    import string

    from directory.search import ranking, scoring

    monkeypatch.setattr(scoring, "SHARED_POSTINGS", scoring.SegmentPostings(budget=200_000))
    monkeypatch.setattr(ranking, "_answers", search.Answers(2_000, 300_000))
    index = tmp_path / "index"
    search.rebuild_index(
        index,
        [record(i, f"Name{i} Family{i % 40}", f"economist of topic{i % 13}") for i in range(300)],
    )
    rng = random.Random(7)

    def word(low, high):
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(low, high)))

    peaks = []
    for _round in range(4):
        for _ in range(250):
            search.search_profiles(index, " ".join(word(3, 8) for _ in range(20)))
        for _ in range(50):
            search.search_profiles(index, word(150, 199))
        peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        assert scoring.SHARED_POSTINGS.used <= 200_000
        assert ranking._answers.used <= 300_000
    # Memory levels off: the last two rounds add (almost) nothing to the peak.
    assert peaks[-1] - peaks[1] < 20, peaks
