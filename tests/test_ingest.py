"""Readers: every source format, folders, stdin, and bad input reported as PATH[:LINE]: reason."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from directory import ingest
from directory.errors import InputError
from directory.ingest import IngestFailure, read_article, read_articles
from directory.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def fixture(*parts: str) -> str:
    return str(FIXTURES.joinpath(*parts))


def test_text_first_line_is_the_headline_and_stays_in_the_text():
    article = read_article(fixture("good", "headline.txt"))
    text = Path(fixture("good", "headline.txt")).read_text(encoding="utf-8")
    assert article == Article(
        text=text, title="Economists split over rate cut", source=fixture("good", "headline.txt")
    )


def test_text_whose_first_line_is_a_paragraph_has_no_title():
    article = read_article(fixture("good", "no-headline.txt"))
    assert article.title is None
    assert article.text.startswith("A long first paragraph")


def test_text_bom_stripped_and_entities_unescaped():
    article = read_article(fixture("good", "entities.txt"))
    assert article.title == "Café owners worried"
    assert article.text == (
        "Café owners worried\n\n"
        "Jean Dupré, a researcher at the Lyon Food Lab, said prices would rise.\n"
    )


def test_json_object_with_every_contract_field():
    article = read_article(fixture("good", "article.json"))
    assert article == Article(
        text=(
            "Port strike enters second week\n\nLabour historian Dr Ana Ruiz of the University of "
            'Valencia said the dispute "echoes the 1970s".'
        ),
        title="Port strike enters second week",
        url="https://news.example.org/port-strike",
        outlet="Example News",
        published="2024-03-05",
        id="a-1",
        source=fixture("good", "article.json"),
    )


def test_jsonl_bad_lines_reported_with_their_number_and_the_rest_go_on():
    path = fixture("articles.jsonl")
    items = list(read_articles([path]))
    assert [item.id if isinstance(item, Article) else str(item) for item in items] == [
        "j-1",
        "j-2",
        f"{path}:3: malformed JSON: Expecting value at column 47",
        f"{path}:4: no 'text' field",
        f"{path}:5: 'published' is not an ISO 8601 date: 'last tuesday'",
        "8",
    ]
    assert items[0].published == "2023-11-02"
    assert items[1].outlet == "Daily Example"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("binary.txt", "binary or not UTF-8"),
        ("latin1.txt", "binary or not UTF-8"),
        ("malformed.json", "malformed JSON: Invalid control character at column 40"),
    ],
)
def test_bad_files_give_one_failure_each(name, reason):
    path = fixture("bad", name)
    (item,) = list(read_articles([path]))
    assert isinstance(item, IngestFailure)
    assert item.path == path
    assert item.reason == reason
    with pytest.raises(InputError, match="^" + path):
        read_article(path)


def test_malformed_json_reports_its_line():
    (item,) = list(read_articles([fixture("bad", "malformed.json")]))
    assert item.line == 1


def test_missing_file_and_oversized_file(tmp_path, monkeypatch):
    missing = str(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + "word " * 50)
    monkeypatch.setattr(ingest, "MAX_ARTICLE_BYTES", 100)
    items = [str(item) for item in read_articles([missing, str(big)])]
    assert items == [f"{missing}: no such file", f"{big}: over 100 bytes (260 bytes)"]


def test_folders_are_read_recursively_in_order_skipping_unknown_and_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two\n\nSecond article.")
    (tmp_path / "a.txt").write_text("One\n\nFirst article.")
    (tmp_path / "notes.ann").write_text("T1\tSource 0 3\tOne")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot read.")
    titles = [item.title for item in read_articles([str(tmp_path)])]
    assert titles == ["One", "Two"]


def test_unknown_extension_is_sniffed(tmp_path):
    path = tmp_path / "article.dat"
    path.write_text('{"text": "Dr Ana Ruiz said so.", "title": "Sniffed"}')
    assert read_article(str(path)).title == "Sniffed"


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b'{"text": "x"}', "json"),
        (b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        (b"[{}]", "json"),
        (b"<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"WARC/1.0\r\n", "warc"),
        (b"\x1f\x8b\x08", "warc"),
        (b"Plain headline\n\nBody.", "text"),
    ],
)
def test_sniff_format(data, fmt):
    assert ingest.sniff_format(data) == fmt


def test_stdin_is_one_article(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From stdin\n\nBody text.")))
    assert read_article("-") == Article(
        text="From stdin\n\nBody text.", title="From stdin", source="-"
    )


def test_read_article_refuses_a_file_with_several_articles(tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text('{"text": "One."}\n{"text": "Two."}\n')
    with pytest.raises(InputError, match="holds 2 articles"):
        read_article(str(path))
