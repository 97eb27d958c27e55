"""The seed article: every person, quote and kind fact of /work/shared/seed/expected.json
(the title, affiliation and biography facts are asserted in test_extract_facts.py)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from directory.extract import extract_article
from directory.models import Article

SEED = Path(__file__).resolve().parent.parent / "data" / "samples" / "xi-putin-trump-calls.txt"


@lru_cache(maxsize=1)
def seed():
    return extract_article(Article(text=SEED.read_text(encoding="utf-8")))


def by_name(name: str):
    (person,) = [p for p in seed().people if p.name == name]
    return person


def bare(text: str) -> str:
    return text.rstrip(".,")


def test_speakers_and_kinds():
    assert [(p.name, p.kind) for p in seed().people] == [
        ("Xi Jinping", "official"),
        ("Vladimir Putin", "official"),
        ("Ren Xiao", "expert"),
    ]


def test_ren_xiao_identity():
    ren = by_name("Ren Xiao")
    assert (ren.given_name, ren.family_name, ren.honorific) == ("Xiao", "Ren", "Dr.")
    assert "Dr. Ren" in ren.aliases


def test_family_name_first_from_bare_mentions():
    xi = by_name("Xi Jinping")
    assert (xi.given_name, xi.family_name) == ("Jinping", "Xi")
    putin = by_name("Vladimir Putin")
    assert (putin.given_name, putin.family_name) == ("Vladimir", "Putin")


def test_ren_xiao_has_exactly_his_two_direct_quotes():
    ren = by_name("Ren Xiao")
    assert [(q.kind, bare(q.text)) for q in ren.quotes] == [
        ("direct", "China is a pivotal major power"),
        (
            "direct",
            "The order of the calls reflects close coordination and communication between "
            "Beijing and Moscow",
        ),
    ]


def test_paraphrase_in_first_paragraph_is_nobodys():
    text = seed().article.text
    paraphrase = text.index("close coordination and communication")
    for person in seed().people:
        assert all(not (q.start <= paraphrase < q.end) for q in person.quotes)


def test_official_fragments():
    putin = [bare(q.text) for q in by_name("Vladimir Putin").quotes if q.kind == "direct"]
    xi = [bare(q.text) for q in by_name("Xi Jinping").quotes if q.kind == "direct"]
    assert putin == ["full confidence", "in eternal bloom", "exemplary"]
    assert xi == ["successfully defending global justice", "a new stage of development"]


def test_not_people():
    names = " ".join(p.name for p in seed().people)
    for absent in ("Trump", "George Washington", "Human Security", "Expert Background", "Xinhua"):
        assert absent not in names
    assert [p.name for p in seed().people if p.kind == "expert"] == ["Ren Xiao"]


def test_offsets_are_verbatim():
    text = seed().article.text
    for person in seed().people:
        for q in person.quotes:
            assert text[q.start : q.end] == q.text
