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
