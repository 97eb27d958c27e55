"""Expert records as JSON, schema.org JSON-LD, vCard 4.0 and CSV rows: pure functions, no Flask."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

SCHEMA_CONTEXT = "https://schema.org"

# Every key `to_jsonld` may write: JSON-LD keywords plus the schema.org terms we mean to use.
JSONLD_TERMS = frozenset(
    {
        "@context",
        "@type",
        "@id",
        "@reverse",
        "name",
        "alternateName",
        "givenName",
        "familyName",
        "honorificPrefix",
        "jobTitle",
        "description",
        "url",
        "worksFor",
        "affiliation",
        "alumniOf",
        "roleName",
        "startDate",
        "endDate",
        "parentOrganization",
        "location",
        "address",
        "addressCountry",
        "knowsAbout",
        "author",
        "subjectOf",
        "headline",
        "datePublished",
        "publisher",
        "hasPart",
        "text",
        "creator",
        "isPartOf",
    }
)

# Types `to_jsonld` may write as "@type".
JSONLD_TYPES = frozenset(
    {
        "Person",
        "Role",
        "OrganizationRole",
        "EmployeeRole",
        "Organization",
        "Place",
        "PostalAddress",
        "CreativeWork",
        "NewsArticle",
        "Quotation",
    }
)

CSV_COLUMNS = (
    "slug",
    "name",
    "kind",
    "title",
    "affiliation",
    "organizations",
    "research_areas",
    "aliases",
    "quote_count",
    "article_count",
    "first_quoted",
    "last_quoted",
    "url",
)

# Spreadsheet programs run a cell starting with these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VCARD_LINE_OCTETS = 75
# Line breaks of every kind (CRLF first, so it makes one break), then the control characters a
# vCard text value may not hold (tab is allowed).
_VCARD_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_VCARD_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def profile_url(base_url: str, slug: str) -> str:
    """The absolute URL of an expert's profile page."""
    return f"{base_url.rstrip('/')}/experts/{slug}"


def article_url(base_url: str, article_id: Any) -> str:
    """The absolute URL of an article page in the directory."""
    return f"{base_url.rstrip('/')}/articles/{article_id}"


def to_json_text(record: dict[str, Any], *, pretty: bool = False) -> str:
    """The full merged record as JSON text; `pretty` indents it for people to read.

    Web responses are compact: with `indent`, Python's json falls back to its pure-Python
    encoder, which made encoding most of the cost of a large record's JSON.
    """
    return json.dumps(record, ensure_ascii=False, indent=2 if pretty else None)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """The dict without None, empty string or empty list values."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _organization(position: dict[str, Any]) -> dict[str, Any]:
    """A schema.org Organization for a position's organization."""
    place = None
    if position.get("place") or position.get("country"):
        address = None
        if position.get("country"):
            address = {"@type": "PostalAddress", "addressCountry": position["country"]}
        place = _drop_empty({"@type": "Place", "name": position.get("place"), "address": address})
    parent = None
    if position.get("parent"):
        parent = {"@type": "Organization", "name": position["parent"]}
    return _drop_empty(
        {
            "@type": "Organization",
            "name": position.get("organization"),
            "alternateName": position.get("acronym"),
            "parentOrganization": parent,
            "location": place,
        }
    )


def _role(prop: str, role_type: str, position: dict[str, Any], role_name: str | None) -> dict:
    """A schema.org Role wrapping an Organization under `prop` (the Role pattern)."""
    return _drop_empty(
        {
            "@type": role_type,
            "roleName": role_name,
            "startDate": position.get("start"),
            "endDate": position.get("end"),
            prop: _organization(position),
        }
    )


def _news_article(article: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A schema.org NewsArticle for one source article (its @id is our article page)."""
    publisher = (
        {"@type": "Organization", "name": article["outlet"]} if article.get("outlet") else None
    )
    return _drop_empty(
        {
            "@type": "NewsArticle",
            "@id": article_url(base_url, article.get("id")),
            "headline": article.get("title"),
            "url": article.get("url"),
            "datePublished": article.get("published"),
            "publisher": publisher,
        }
    )


def to_jsonld(record: dict[str, Any], base_url: str) -> dict[str, Any]:
    """An expert record as a schema.org `Person` (JSON-LD), using only terms in JSONLD_TERMS."""
    person_id = profile_url(base_url, record["slug"])
    works_for, affiliation, alumni_of = [], [], []
    for position in record.get("positions") or []:
        if not position.get("organization"):
            continue
        kind = position.get("kind")
        role = position.get("role")
        if kind == "current":
            works_for.append(_role("worksFor", "EmployeeRole", position, role))
        elif kind == "former":
            alumni_of.append(_role("alumniOf", "OrganizationRole", position, role))
        elif kind == "visiting":
            name = role if role and "visiting" in role.lower() else f"visiting {role or 'position'}"
            affiliation.append(_role("affiliation", "OrganizationRole", position, name))
        else:
            affiliation.append(_role("affiliation", "OrganizationRole", position, role))
    for editorial in record.get("editorial_roles") or []:
        if editorial.get("journal"):
            affiliation.append(
                _role(
                    "affiliation",
                    "OrganizationRole",
                    {"organization": editorial["journal"]},
                    editorial.get("role") or "editor",
                )
            )

    articles: dict[Any, dict[str, Any]] = {}
    for article in record.get("articles") or []:
        articles.setdefault(article.get("id"), _news_article(article, base_url))
    for quote in record.get("quotes") or []:
        article = quote.get("article") or {}
        node = articles.setdefault(article.get("id"), _news_article(article, base_url))
        node.setdefault("hasPart", []).append(
            {
                "@type": "Quotation",
                "text": quote.get("text"),
                "creator": {"@id": person_id},
                "isPartOf": {"@id": node["@id"]},
            }
        )

    publications = [
        {"@type": "CreativeWork", "name": p["title"]}
        for p in record.get("publications") or []
        if p.get("title")
    ]
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Person",
        "@id": person_id,
        "url": person_id,
        "name": record.get("name"),
        "alternateName": list(record.get("aliases") or []),
        "givenName": record.get("given_name"),
        "familyName": record.get("family_name"),
        "honorificPrefix": record.get("honorific"),
        "jobTitle": record.get("title"),
        "worksFor": works_for,
        "affiliation": affiliation,
        "alumniOf": alumni_of,
        "knowsAbout": [a["topic"] for a in record.get("research_areas") or [] if a.get("topic")],
        "subjectOf": list(articles.values()),
        "@reverse": {"author": publications} if publications else None,
    }
    return _drop_empty(data)


def to_jsonld_text(record: dict[str, Any], base_url: str) -> str:
    """JSON-LD text safe to embed in an HTML <script> block (<, >, & escaped as \\u003c etc.)."""
    text = json.dumps(to_jsonld(record, base_url), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def escape_vcard(value: str) -> str:
    """A vCard text value with backslash, comma, semicolon and line breaks escaped (RFC 6350
    3.4), other control characters dropped.

    Every character Python's `splitlines` breaks at counts as a line break: a vCard reader that
    honours U+2028 or NEL, or a form feed, would otherwise start a new content line there, and
    the text after it could pose as a property of its own.
    """
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    value = _VCARD_BREAKS.sub("\\\\n", value)
    return _VCARD_CONTROLS.sub("", value)


def fold_vcard_line(line: str, limit: int = VCARD_LINE_OCTETS) -> str:
    """One content line folded at `limit` octets, never inside a UTF-8 character (RFC 6350 3.2)."""
    parts, current, size = [], [], 0
    for char in line:
        octets = len(char.encode("utf-8"))
        # Continuation lines start with a space, which counts against the limit.
        room = limit if not parts else limit - 1
        if size + octets > room:
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _current_position(record: dict[str, Any]) -> dict[str, Any] | None:
    """The first current position of a record, if any."""
    for position in record.get("positions") or []:
        if position.get("kind") == "current" and position.get("organization"):
            return position
    return None


def to_vcard(record: dict[str, Any], base_url: str) -> str:
    """An expert record as a vCard 4.0 (RFC 6350) with CRLF line ends and folded lines."""
    name = record.get("name") or record.get("slug") or ""
    n_parts = [
        record.get("family_name") or "",
        record.get("given_name") or "",
        "",
        record.get("honorific") or "",
        "",
    ]
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        f"FN:{escape_vcard(name)}",
        "N:" + ";".join(escape_vcard(part) for part in n_parts),
    ]
    aliases = [a for a in record.get("aliases") or [] if a]
    if aliases:
        lines.append("NICKNAME:" + ",".join(escape_vcard(a) for a in aliases))
    if record.get("title"):
        lines.append(f"TITLE:{escape_vcard(record['title'])}")
    position = _current_position(record)
    if position:
        # ORG is the organization name followed by unit names, largest first.
        units = [position.get("parent"), position["organization"]]
        lines.append("ORG:" + ";".join(escape_vcard(u) for u in units if u))
    elif record.get("affiliation"):
        lines.append(f"ORG:{escape_vcard(record['affiliation'])}")
    topics = [a["topic"] for a in record.get("research_areas") or [] if a.get("topic")]
    if topics:
        lines.append("NOTE:" + escape_vcard("Research areas: " + "; ".join(topics)))
    lines.append(f"URL:{profile_url(base_url, record['slug'])}")
    lines.append("END:VCARD")
    return "".join(fold_vcard_line(line) + "\r\n" for line in lines)


def _cell(value: Any) -> Any:
    """A CSV cell: lists joined with '; ', strings guarded against formula injection."""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value if v)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def csv_header() -> list[str]:
    """The column names of the CSV export."""
    return list(CSV_COLUMNS)


def to_csv_row(record: dict[str, Any], base_url: str = "") -> list[Any]:
    """One expert record (or summary) as a CSV row in `csv_header()` order."""
    organizations = record.get("organizations")
    if organizations is None:
        organizations = [p.get("organization") for p in record.get("positions") or []]
    topics = [a.get("topic") for a in record.get("research_areas") or []]
    values = {
        **record,
        "organizations": list(dict.fromkeys(o for o in organizations if o)),
        "research_areas": topics,
        "url": profile_url(base_url, record["slug"]) if base_url else f"/experts/{record['slug']}",
    }
    return [_cell(values.get(column)) for column in CSV_COLUMNS]


def to_csv_rows(records: Iterable[dict[str, Any]], base_url: str = "") -> Iterator[list[Any]]:
    """Rows for many records, header excluded."""
    for record in records:
        yield to_csv_row(record, base_url)


def to_csv_text(records: Iterable[dict[str, Any]], base_url: str = "") -> str:
    """A whole CSV document (header plus one row per record, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_header())
    writer.writerows(to_csv_rows(records, base_url))
    return buffer.getvalue()


def render_record(record: dict[str, Any], fmt: str, base_url: str) -> str:
    """One record as text in `fmt`: json, jsonld or vcard (used by `directory export SLUG`)."""
    if fmt == "json":
        return to_json_text(record, pretty=True) + "\n"
    if fmt == "jsonld":
        return json.dumps(to_jsonld(record, base_url), ensure_ascii=False, indent=2) + "\n"
    if fmt == "vcard":
        return to_vcard(record, base_url)
    raise ValueError(f"unknown format {fmt!r}: use json, jsonld or vcard")


def write_all(records: Iterable[dict[str, Any]], fmt: str, out, base_url: str = "") -> int:
    """Write every record to `out` as jsonl or csv and return how many were written."""
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(csv_header())
        for row in to_csv_rows(records, base_url):
            writer.writerow(row)
            count += 1
        return count
    raise ValueError(f"unknown format {fmt!r}: use jsonl or csv")
