"""Readers: every source format, folders, stdin, and bad input reported as PATH[:LINE]: reason."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from directory.errors import InputError
from directory.ingest import readers
from directory.ingest.readers import IngestFailure, read_article, read_articles
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
    monkeypatch.setenv("DIRECTORY_MAX_ARTICLE_BYTES", "100")
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
    assert readers.sniff_format(data) == fmt


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


def test_html_main_text_title_author_date_and_site_name():
    path = fixture("good", "harbour.html")
    article = read_article(path)
    assert article == Article(
        text=(
            "Harbour dredging plan divides experts\n"
            "The plan to deepen the harbour channel has split marine scientists, with some "
            "warning of lasting damage to the seabed.\n"
            "“Dredging on this scale will cloud the water for years,” said Dr Priya Nair, a "
            "marine ecologist at the University of Plymouth.\n"
            "Harbour master Colin Reid said the work was needed to keep larger ships coming to "
            "the port, and that the council had reviewed the environmental evidence in detail."
        ),
        title="Harbour dredging plan divides experts",
        outlet="Coast Gazette",
        published="2024-05-14",
        source=path,
        author="Lena Marsh",
    )


def test_html_without_a_stated_date_has_none():
    article = read_article(fixture("good", "undated.htm"))
    assert (article.title, article.published, article.outlet) == (
        "Library opening hours cut",
        None,
        None,
    )


def test_rss_entries_use_content_then_summary_and_the_feed_title_as_outlet():
    path = fixture("good", "science.rss")
    articles = list(read_articles([path]))
    assert articles == [
        Article(
            text=(
                "Alpine glaciers lost more ice last year than in any year on record.\n"
                "“The retreat is accelerating,” said Dr Hanna Vogt, a glaciologist at the "
                "University of Innsbruck."
            ),
            title="Glacier retreat speeds up",
            url="https://science.example.org/glacier",
            outlet="Example Science Desk",
            published="2024-04-02",
            id="https://science.example.org/glacier",
            source=path,
        ),
        Article(
            text=(
                "Wild bee counts rose for a second year, said ecologist Dr Sam Okafor of "
                "Leeds University."
            ),
            title="Bee numbers recover",
            url="https://science.example.org/bees",
            outlet="Example Science Desk",
            source=path,
        ),
    ]


def test_atom_entry():
    path = fixture("good", "policy.atom")
    assert read_article(path) == Article(
        text=(
            "Housing economist Dr Ruth Adler of the Urban Institute said rent caps "
            '"freeze the market in place".'
        ),
        title="Rent caps debated",
        url="https://policy.example.org/rent-caps",
        outlet="Policy Review",
        published="2024-05-30",
        id="urn:example:policy:rent",
        source=path,
    )


def test_feed_entry_without_text_is_reported_and_the_others_go_on(tmp_path):
    path = tmp_path / "mixed.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>Desk</title>"
        "<item><title>Empty</title><link>https://desk.example.org/empty</link></item>"
        "<item><title>Full</title><description>Dr Ana Ruiz said it was late.</description></item>"
        "</channel></rss>"
    )
    items = [
        str(item) if isinstance(item, IngestFailure) else item.title
        for item in read_articles([str(path)])
    ]
    assert items == [f"{path}: entry 1 (https://desk.example.org/empty): no article text", "Full"]


def test_every_good_fixture_reads_without_failure():
    items = list(read_articles([fixture("good")]))
    assert [item for item in items if isinstance(item, IngestFailure)] == []
    assert len(items) == 9


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("no-text.html", "no article text in the HTML"),
        ("no-entries.rss", "feed has no entries"),
    ],
)
def test_bad_html_and_feeds(name, reason):
    path = fixture("bad", name)
    assert [str(item) for item in read_articles([path])] == [f"{path}: {reason}"]


def write_warc(path: Path, records: list[tuple[str, str, bytes]], *, gzip: bool) -> None:
    """A WARC file of HTTP response records (uri, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for uri, content_type, body in records:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


WARC_RECORDS = [
    (
        "https://coast.example.org/harbour",
        "text/html; charset=utf-8",
        (FIXTURES / "good" / "harbour.html").read_bytes(),
    ),
    ("https://coast.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
    (
        "https://coast.example.org/menu",
        "text/html",
        (FIXTURES / "bad" / "no-text.html").read_bytes(),
    ),
    (
        "https://library.example.org/hours",
        "text/html",
        (FIXTURES / "good" / "undated.htm").read_bytes(),
    ),
]


@pytest.mark.parametrize("name", ["site.warc", "site.warc.gz"])
def test_warc_html_responses_with_their_target_uri(tmp_path, name):
    path = tmp_path / name
    write_warc(path, WARC_RECORDS, gzip=name.endswith(".gz"))
    items = list(read_articles([str(path)]))
    assert [(item.url, item.title) for item in items if isinstance(item, Article)] == [
        ("https://coast.example.org/harbour", "Harbour dredging plan divides experts"),
        ("https://library.example.org/hours", "Library opening hours cut"),
    ]
    failures = [str(item) for item in items if isinstance(item, IngestFailure)]
    assert len(failures) == 1
    assert failures[0].startswith(f"{path}: record at byte ")
    assert failures[0].endswith("(https://coast.example.org/menu): no article text in the HTML")


def test_broken_warc_is_one_failure(tmp_path):
    good = tmp_path / "good.warc.gz"
    write_warc(good, WARC_RECORDS[:1], gzip=True)
    broken = tmp_path / "broken.warc.gz"
    data = good.read_bytes()
    broken.write_bytes(data + b"not a warc record\r\n\r\n")
    items = list(read_articles([str(broken)]))
    assert [type(item).__name__ for item in items] == ["Article", "IngestFailure"]
    assert str(items[1]).startswith(f"{broken}: broken WARC record")


def test_warc_without_html_records(tmp_path):
    path = tmp_path / "images.warc"
    write_warc(path, WARC_RECORDS[1:2], gzip=False)
    assert [str(item) for item in read_articles([str(path)])] == [
        f"{path}: no HTML response records in the WARC"
    ]


def test_a_folder_without_article_files_is_reported(tmp_path):
    (tmp_path / "notes.md").write_text("nothing to ingest")
    assert [str(item) for item in read_articles([str(tmp_path)])] == [
        f"{tmp_path}: no article files in this folder"
    ]


def test_json_list_of_articles_reports_bad_items(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text('[{"text": "Dr Ana Ruiz said so.", "id": "x-1"}, {"title": "no text"}]')
    items = list(read_articles([str(path)]))
    assert items[0].id == "x-1"
    assert str(items[1]) == f"{path}: item 2: no 'text' field"


def test_html_in_a_declared_legacy_charset(tmp_path):
    path = tmp_path / "legacy.html"
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9 prices</title></head><body>'
        "<article><h1>Caf\xe9 prices</h1><p>Prices at every caf\xe9 in the old town rose again "
        "this spring, said Dr Jos\xe9 Alvarez, an economist at the University of Seville, "
        "who has tracked them for a decade.</p></article></body></html>"
    )
    path.write_bytes(page.encode("latin-1"))
    article = read_article(str(path))
    assert article.title == "Café prices"
    assert "said Dr José Alvarez, an economist" in article.text


def test_jsonl_bom_and_a_line_that_is_not_utf8(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"text": "caf\xc3\xa9 one", "id": "1"}\n'
        b'{"text": "bad \xff"}\n\n{"text": "two"}\n'
    )
    items = [
        item.text if isinstance(item, Article) else str(item) for item in read_articles([str(path)])
    ]
    assert items == ["café one", f"{path}:2: binary or not UTF-8", "two"]


# --- parse errors of every kind, special files, decompression bombs -------------------------

GOOD_JSON = '{"text": "Dr Ana Ruiz of the University of Valencia said the dispute was old."}'


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "A story.", "n": ' + "7" * 5000 + "}", "a number too long to read"),
        ('{"text": "A story.", "n": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply"),
        ('{"text": "A story.", "n": 1e999999999999999999}', None),
    ],
    ids=["5000-digit number", "nesting 5000 deep", "huge exponent"],
)
def test_json_that_the_parser_refuses_is_one_failure_line(tmp_path, content, reason):
    path = tmp_path / "odd.json"
    path.write_text(content)
    items = list(read_articles([path]))
    if reason is None:  # Python reads 1e999… as infinity: a number field we ignore, no failure
        assert [type(i) for i in items] == [Article]
        return
    assert items == [IngestFailure(str(path), None, f"malformed JSON: {reason}")]
    with pytest.raises(InputError, match=reason):
        read_article(path)


def test_jsonl_line_with_a_huge_number_fails_alone(tmp_path):
    path = tmp_path / "lines.jsonl"
    path.write_text(GOOD_JSON + "\n" + '{"text": "x", "n": ' + "9" * 5000 + "}\n" + GOOD_JSON)
    items = list(read_articles([path]))
    assert [type(i) for i in items] == [Article, IngestFailure, Article]
    assert str(items[1]) == f"{path}:2: malformed JSON: a number too long to read"


def test_stdin_with_a_huge_number_is_a_clear_error(monkeypatch):
    data = b'{"text": "x", "n": ' + b"1" * 5000 + b"}"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    with pytest.raises(InputError, match="^-: malformed JSON: a number too long to read$"):
        read_article("-")


def test_a_reader_that_breaks_unexpectedly_fails_its_file_alone(tmp_path, monkeypatch):
    def broken(path, data):
        raise RuntimeError("parser bug")
        yield  # pragma: no cover

    monkeypatch.setitem(readers.READERS, "text", broken)
    (tmp_path / "a.txt").write_text("Some text")
    (tmp_path / "b.json").write_text(GOOD_JSON)
    items = list(read_articles([tmp_path]))
    assert str(items[0]) == f"{tmp_path / 'a.txt'}: unreadable (RuntimeError: parser bug)"
    assert isinstance(items[1], Article)


def test_devices_fifos_and_symlinks_to_them_are_refused_without_reading(tmp_path):
    import os

    (tmp_path / "good.json").write_text(GOOD_JSON)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text("Linked text\nDr Ana Ruiz said so.")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    items = list(read_articles([tmp_path]))  # would hang on the FIFO or never end on /dev/zero
    failures = sorted(str(i) for i in items if isinstance(i, IngestFailure))
    reason = "not a regular file (a device, FIFO or socket)"
    assert failures == [f"{tmp_path / 'pipe.txt'}: {reason}", f"{tmp_path / 'zero.txt'}: {reason}"]
    assert sorted(i.source for i in items if isinstance(i, Article)) == [
        str(tmp_path / "good.json"),
        str(tmp_path / "link.txt"),
        str(tmp_path / "real.txt"),
    ]


def test_a_gzip_bomb_in_a_warc_costs_at_most_the_article_limit(tmp_path, monkeypatch):
    """A record unpacking to 64 MB, with a 1 MB article limit: refused, never held whole
    (reading it whole took more than 64 MB)."""
    import gzip
    import tracemalloc

    monkeypatch.setenv("DIRECTORY_MAX_ARTICLE_BYTES", str(1024 * 1024))
    size = 64 * 1024 * 1024
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % size
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\n"
        b"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n" % (len(http) + size)
    )
    path = tmp_path / "bomb.warc.gz"
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(head + http)
        block = b"<p>" + b"a" * (1024 * 1024 - 3)
        for _ in range(size // len(block)):
            out.write(block)
        out.write(b"\r\n\r\n")
    assert path.stat().st_size < size // 100
    tracemalloc.start()
    items = list(read_articles([path]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [str(i) for i in items] == [
        f"{path}: record at byte 0 (http://bomb.example/): over 1 MB uncompressed"
    ]
    assert peak < 24 * 1024 * 1024, f"peak {peak / 2**20:.1f} MB"
