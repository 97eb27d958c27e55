"""Readers for every article source format: text, JSON, JSON lines, HTML, RSS/Atom and WARC."""

from __future__ import annotations

import codecs
import contextlib
import html
import io
import json
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

from directory import config
from directory.errors import InputError
from directory.models import Article

logger = logging.getLogger(__name__)

STDIN = "-"
# A first line longer than this is a paragraph, not a headline (some files have no headline).
MAX_HEADLINE_CHARS = 200
# Fewer words than this left after boilerplate removal means the page held no article.
MIN_HTML_WORDS = 12
JSON_FIELDS = ("title", "url", "outlet", "published", "id")

FORMAT_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}


@dataclass
class IngestFailure:
    """One input that could not be read: a file, a JSON line, a feed entry or a WARC record."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class _Failed(Exception):
    """Internal: one unit of input failed, with an optional line number."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


def read_articles(paths: Iterable[str | os.PathLike]) -> Iterator[Article | IngestFailure]:
    """Every article in the given files and folders (recursively; `-` is stdin), or a failure."""
    for path in expand_paths(paths):
        yield from read_path(path)


def read_article(path: str | os.PathLike) -> Article:
    """The one article in a file (or `-` for stdin); raises InputError with the reason."""
    items = list(read_path(str(path)))
    failures = [item for item in items if isinstance(item, IngestFailure)]
    articles = [item for item in items if isinstance(item, Article)]
    if failures:
        raise InputError(str(failures[0]))
    if not articles:
        raise InputError(f"{path}: no article found")
    if len(articles) > 1:
        raise InputError(f"{path}: holds {len(articles)} articles; give a file with one")
    return articles[0]


def expand_paths(paths: Iterable[str | os.PathLike]) -> Iterator[str]:
    """Files to read, in a stable order: folders are walked recursively, hidden entries skipped.

    Inside a folder only files with a known extension are taken (so notes and annotation files
    sitting next to articles are not reported as failures); a file named explicitly is always
    read, its format sniffed when the extension does not say.
    """
    for raw in paths:
        path = str(raw)
        if path == STDIN or not os.path.isdir(path):
            yield path
            continue
        found = False
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and format_by_suffix(name):
                    found = True
                    yield os.path.join(root, name)
        if not found:
            yield path  # read_path reports the folder as holding no articles


def format_by_suffix(path: str) -> str | None:
    """The format an extension names (`text`, `json`, `jsonl`, `html`, `feed`, `warc`) or None."""
    lower = path.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    return FORMAT_BY_SUFFIX.get(os.path.splitext(lower)[1])


def sniff_format(data: bytes) -> str:
    """The format of some bytes, judged from how they begin."""
    if data[:2] == b"\x1f\x8b" or data.startswith(b"WARC/"):
        return "warc"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        first_line = head.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.endswith(b"}") and b"\n{" in data[:65536] else "json"
    if head.startswith(b"["):
        return "json"
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf")) or (
        head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)
    ):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<!--")):
        return "html"
    return "text"


def read_path(path: str) -> Iterator[Article | IngestFailure]:
    """The articles in one file (or stdin), or failures; never raises for bad input."""
    try:
        yield from _read_path(path)
    except _Failed as failure:
        yield IngestFailure(path, failure.line, failure.reason)
    except MemoryError:
        yield IngestFailure(path, None, "too large to read in memory")
    except RecursionError:
        yield IngestFailure(path, None, "nested too deeply to read")
    except Exception as error:  # a parser's own bug or limit must not sink the whole run
        logger.debug("reading %s failed", path, exc_info=True)
        yield IngestFailure(path, None, f"unreadable ({_short_error(error)})")


def _short_error(error: BaseException) -> str:
    """A one-line reason from an unexpected error, its type named."""
    text = " ".join(str(error).split())[:160]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _read_path(path: str) -> Iterator[Article | IngestFailure]:
    """read_path's work; raises _Failed for the file as a whole."""
    if path != STDIN and os.path.isdir(path):
        raise _Failed("no article files in this folder")
    fmt = format_by_suffix(path) if path != STDIN else None
    if fmt in STREAM_READERS:
        # Collections can be large: read them a record at a time, not whole.
        with _open(path) as stream:
            yield from STREAM_READERS[fmt](path, stream)
        return
    data = _read_bytes(path, fmt)
    fmt = fmt or sniff_format(data)
    if fmt in STREAM_READERS:
        yield from STREAM_READERS[fmt](path, io.BytesIO(data))
    else:
        yield from READERS[fmt](path, data)


def _read_bytes(path: str, fmt: str | None) -> bytes:
    """The raw bytes of a file or stdin, refusing missing, unreadable and oversized files."""
    limit = config.setting("MAX_ARTICLE_BYTES")
    if path == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _Failed(f"over {_megabytes(limit)}")
        return data
    with _open(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        # Feeds and sniffed collections may be large; each article in them is checked.
        if size > limit and fmt not in ("jsonl", "feed"):
            raise _Failed(f"over {_megabytes(limit)} ({size} bytes)")
        try:
            return handle.read()
        except OSError as error:
            raise _Failed(f"unreadable ({error.strerror or error})") from None


def _open(path: str) -> BinaryIO:
    """A regular file opened for binary reading; raises _Failed with a plain reason.

    Devices, FIFOs and sockets (or symlinks to them) are refused: /dev/zero never ends and a FIFO
    blocks until someone writes. O_NONBLOCK keeps the open itself from waiting on a FIFO, and the
    check is made on the opened descriptor, so the file cannot be swapped in between.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _Failed("no such file") from None
    except IsADirectoryError:
        raise _Failed("is a folder") from None
    except PermissionError:
        raise _Failed("permission denied") from None
    except OSError as error:
        raise _Failed(f"unreadable ({error.strerror or error})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _Failed("is a folder")
        if not stat.S_ISREG(mode):
            raise _Failed("not a regular file (a device, FIFO or socket)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size} bytes"
    return f"{size / (1024 * 1024):g} MB"


def decode_text(data: bytes) -> str:
    """UTF-8 text with any BOM stripped; raises _Failed for binary or non-UTF-8 bytes."""
    if b"\x00" in data:
        raise _Failed("binary or not UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Failed("binary or not UTF-8") from None


def _check_unicode(value: str, name: str) -> None:
    # JSON may escape a lone surrogate (\ud800), which no UTF-8 text, SQLite or Whoosh can hold.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Failed(f"'{name}' holds a lone surrogate escape (not valid Unicode)") from None


def _check_size(text: str) -> None:
    size = len(text.encode("utf-8"))
    limit = config.setting("MAX_ARTICLE_BYTES")
    if size > limit:
        raise _Failed(f"over {_megabytes(limit)} ({size} bytes)")


def clean_text(text: str) -> str:
    """The text as it will be stored: HTML entities unescaped, Windows line ends made plain."""
    if "&" in text:
        text = html.unescape(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_headline(text: str) -> str | None:
    """The headline: the first line when it is short and followed by more text, else None."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if first and rest.strip() and len(first) <= MAX_HEADLINE_CHARS:
        return first
    return None


def read_text(path: str, data: bytes) -> Iterator[Article]:
    """A plain-text article; its first line is the headline (and stays in the text)."""
    text = clean_text(decode_text(data))
    _check_size(text)
    if not text.strip():
        raise _Failed("empty")
    yield Article(text=text, title=split_headline(text), source=path)


def read_json(path: str, data: bytes) -> Iterator[Article | IngestFailure]:
    """A JSON article object (or a list of them)."""
    text = decode_text(data)
    if not text.strip():
        raise _Failed("empty")
    value = _parse_json(text, with_line=True)
    if isinstance(value, list):
        for number, item in enumerate(value, 1):
            try:
                yield article_from_json(item, path)
            except _Failed as failure:
                yield IngestFailure(path, None, f"item {number}: {failure.reason}")
        if not value:
            raise _Failed("empty JSON list")
        return
    yield article_from_json(value, path)


def read_jsonl(path: str, stream: BinaryIO) -> Iterator[Article | IngestFailure]:
    """One JSON article object per line; a bad line is reported with its number, the rest go on."""
    found = False
    for number, raw in enumerate(stream, 1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        found = True
        try:
            value = _parse_json(decode_text(raw).rstrip("\r\n"))
            yield article_from_json(value, path)
        except _Failed as failure:
            yield IngestFailure(path, number, failure.reason)
    if not found:
        raise _Failed("empty")


def _parse_json(text: str, *, with_line: bool = False) -> object:
    """Parsed JSON; every way it can fail (syntax, a huge number, deep nesting) is a _Failed."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise _Failed(_json_reason(error), error.lineno if with_line else None) from None
    except RecursionError:
        raise _Failed("malformed JSON: nested too deeply") from None
    except ValueError as error:
        # Python refuses to convert integers of more than 4,300 digits (CVE-2020-10735).
        if "digits" in str(error):
            raise _Failed("malformed JSON: a number too long to read") from None
        raise _Failed(f"malformed JSON: {_short_error(error)}") from None
    except MemoryError:
        raise _Failed("malformed JSON: too large to parse in memory") from None


def _json_reason(error: json.JSONDecodeError) -> str:
    message = error.msg.removesuffix(" at").removesuffix(" starting")
    return f"malformed JSON: {message} at column {error.colno}"


def article_from_json(value: object, path: str) -> Article:
    """An Article from a contract JSON object: `text` required, the other fields optional."""
    if not isinstance(value, dict):
        raise _Failed("not a JSON object")
    text = value.get("text")
    if not isinstance(text, str):
        raise _Failed("no 'text' field" if text is None else "'text' is not a string")
    _check_unicode(text, "text")
    text = clean_text(text)
    if not text.strip():
        raise _Failed("empty 'text'")
    _check_size(text)
    fields = {}
    for name in JSON_FIELDS:
        field_value = value.get(name)
        if field_value is None:
            continue
        if name == "id" and isinstance(field_value, int) and not isinstance(field_value, bool):
            field_value = str(field_value)
        if not isinstance(field_value, str):
            raise _Failed(f"'{name}' is not a string")
        _check_unicode(field_value, name)
        fields[name] = field_value.strip() or None
    if fields.get("published"):
        fields["published"] = iso_date(fields["published"])
    return Article(text=text, source=path, **fields)


def iso_date(value: str) -> str:
    """An ISO 8601 date (`YYYY-MM-DD`) from an ISO date or date-time; raises _Failed otherwise."""
    value = value.strip()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise _Failed(f"'published' is not an ISO 8601 date: {value!r}") from None


def read_html(path: str, data: bytes) -> Iterator[Article]:
    """An HTML page: trafilatura's main text, title, author, date and site name (as outlet)."""
    yield article_from_html(data, path)


def article_from_html(data: bytes, source: str, url: str | None = None) -> Article:
    """An Article from an HTML page; raises _Failed when the page holds no article text."""
    import trafilatura

    if b"\x00" in data:
        raise _Failed("binary or not UTF-8")
    if not data.strip():
        raise _Failed("empty")
    try:
        page: str | bytes = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        page = data  # trafilatura reads the page's declared charset
    document = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # trafilatura finds the date with htmldate; only dates the page states, no guessing
        # from copyright lines or free text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = clean_text(document.text or "") if document is not None else ""
    # Menus and cookie banners survive extraction as a few words; an article has more.
    if len(text.split()) < MIN_HTML_WORDS:
        raise _Failed("no article text in the HTML")
    _check_size(text)
    return Article(
        text=text,
        title=(document.title or "").strip() or None,
        url=url or document.url or None,
        outlet=(document.sitename or "").strip() or None,
        published=_safe_iso_date(document.date),
        source=source,
        author=(document.author or "").strip() or None,
    )


def _safe_iso_date(value: str | None) -> str | None:
    """An ISO date from a value a parser found, or None when it is not one."""
    if not value:
        return None
    try:
        return iso_date(value)
    except _Failed:
        return None


def read_feed(path: str, data: bytes) -> Iterator[Article | IngestFailure]:
    """An RSS or Atom feed: each entry's text, link and date; the feed's title as outlet."""
    import feedparser

    if not data.strip():
        raise _Failed("empty")
    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.get("bozo") and not feed.feed:
            raise _Failed(f"not an RSS or Atom feed ({feed.get('bozo_exception')})")
        raise _Failed("feed has no entries")
    outlet = (feed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(feed.entries, 1):
        try:
            yield article_from_entry(entry, path, outlet)
        except _Failed as failure:
            where = entry.get("link") or entry.get("id") or entry.get("title") or ""
            label = f"entry {number}" + (f" ({where})" if where else "")
            yield IngestFailure(path, None, f"{label}: {failure.reason}")


def article_from_entry(entry, source: str, outlet: str | None) -> Article:
    """An Article from one feedparser entry."""
    contents = entry.get("content") or []
    body = max((c.get("value") or "" for c in contents), key=len, default="")
    body = body or entry.get("summary") or ""
    text = clean_text(html_fragment_text(body))
    if not text.strip():
        raise _Failed("no article text")
    _check_size(text)
    title = clean_text(html_fragment_text(entry.get("title") or "")).strip() or None
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    published = date(*parsed[:3]).isoformat() if parsed else None
    return Article(
        text=text,
        title=title,
        url=entry.get("link") or None,
        outlet=outlet,
        published=published,
        id=entry.get("id") or None,
        source=source,
        author=entry.get("author") or None,
    )


# Elements that start a new line of text.
_BLOCK_TAG_WORDS = (
    "address article aside blockquote br dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section table td th tr ul"
)
BLOCK_TAGS = frozenset(_BLOCK_TAG_WORDS.split())


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per block, inline spaces collapsed."""
    import lxml.html
    from lxml.etree import ParserError

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    parts: list[str] = []
    _collect_text(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect_text(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else None
    if tag in ("script", "style") or tag is None:
        return
    block = tag in BLOCK_TAGS
    if block:
        parts.append("\n")
    parts.append(element.text or "")
    for child in element:
        _collect_text(child, parts)
        parts.append(child.tail or "")
    if block:
        parts.append("\n")


def read_warc(path: str, stream: BinaryIO) -> Iterator[Article | IngestFailure]:
    """Each HTML response record of a WARC file, with its target URI as the url."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(stream)
    iterator = iter(records)
    found = False
    pages = 0
    while True:
        # warcio prints a warning on stderr when a record's length is wrong: catch it, so
        # the user sees one failure line, not a raw dump.
        with contextlib.redirect_stderr(io.StringIO()) as warnings:
            try:
                record = next(iterator, None)
            except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
                reason = _warc_error(error)
                raise _Failed(f"broken WARC record{_warc_offset(records)}: {reason}") from None
        if warnings.getvalue():
            logger.debug("warcio: %s", warnings.getvalue())
            yield IngestFailure(
                path, None, f"broken WARC record{_warc_offset(records)}: bad length"
            )
        if record is None:
            break
        found = True
        if record.rec_type not in ("response", "resource") or not _is_html(record):
            continue
        pages += 1
        uri = record.rec_headers.get_header("WARC-Target-URI")
        try:
            yield article_from_html(_read_limited(record.content_stream()), path, url=uri)
        except _Failed as failure:
            reason = f"record{_warc_offset(records)} ({uri}): {failure.reason}"
            yield IngestFailure(path, None, reason)
        except (OSError, EOFError, ValueError) as error:
            reason = _warc_error(error)
            yield IngestFailure(path, None, f"broken WARC record{_warc_offset(records)}: {reason}")
    if not found:
        raise _Failed("empty")
    if not pages:
        raise _Failed("no HTML response records in the WARC")


def _read_limited(stream) -> bytes:
    """A record's (decompressed) payload, refused past MAX_ARTICLE_BYTES without reading on:
    a gzip bomb costs at most the limit in memory, and warcio skips the rest in small reads."""
    limit = config.setting("MAX_ARTICLE_BYTES")
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise _Failed(f"over {_megabytes(limit)} uncompressed")
    return body


def _warc_error(error: Exception) -> str:
    """A short printable reason from a warcio error (which may quote binary bytes)."""
    reason = str(error).split(", first line")[0].split(":")[0]
    return " ".join(reason.split())[:120] or type(error).__name__


def _warc_offset(records) -> str:
    """' at byte N' for the current WARC record, or nothing when warcio cannot tell."""
    try:
        return f" at byte {records.get_record_offset()}"
    except (TypeError, AttributeError):
        return ""


def _is_html(record) -> bool:
    """Whether a WARC record's payload is an HTML page."""
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    content_type = (headers.get_header("Content-Type") or "") if headers else ""
    return "html" in content_type.lower()


STREAM_READERS = {"jsonl": read_jsonl, "warc": read_warc}
READERS = {
    "text": read_text,
    "json": read_json,
    "html": read_html,
    "feed": read_feed,
}
