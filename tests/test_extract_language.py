"""Input it cannot read is said, not swallowed: an article in another language is not extracted."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.extract import extract_article, extract_articles
from directory.extract.language import detect_language
from directory.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("foreign-fr.txt", "fr"),
        ("foreign-de.txt", "de"),
        ("bakery-prices.txt", "en"),
        ("nyt-style.txt", "en"),
        ("senate-hearing.txt", "en"),
    ],
)
def test_detect_language(name, language):
    assert detect_language(text(name)) == language


@pytest.mark.parametrize(
    "sample",
    [
        "",
        "Xi Jinping, Vladimir Putin, Emmanuel Macron.",
        "The minister said: « C'est une mesure nécessaire », and left.",
    ],
)
def test_short_or_mostly_english_text_counts_as_english(sample):
    assert detect_language(sample) == "en"


def test_a_foreign_article_is_reported_not_extracted():
    result = extract_article(Article(text=text("foreign-fr.txt")))
    assert (result.language, result.people, result.statements) == ("fr", [], [])
    assert result.to_dict()["language"] == "fr"


def test_foreign_articles_keep_their_place_in_a_batch():
    names = ["bakery-prices.txt", "foreign-de.txt", "nyt-style.txt"]
    results = list(extract_articles([Article(text=text(n)) for n in names], batch_size=2))
    assert [r.language for r in results] == ["en", "de", "en"]
    assert results[0].people and not results[1].people and results[2].people
