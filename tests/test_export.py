"""Exports of an expert record: JSON-LD, vCard 4.0, CSV (pure functions, no app)."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest

from directory import export

BASE = "https://directory.example"
RECORD = json.loads(
    (Path(__file__).parent / "fixtures" / "web" / "record-ren-xiao.json").read_text("utf-8")
)


@pytest.fixture
def record():
    """A fresh copy of the literal Ren Xiao record."""
    return copy.deepcopy(RECORD)


def walk_keys(node):
    """Every dict key and every @type value in a JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield ("key", key)
            if key == "@type":
                yield ("type", value)
            yield from walk_keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk_keys(item)


def test_jsonld_uses_only_the_schema_org_terms_it_declares(record):
    data = export.to_jsonld(record, BASE)
    for what, name in walk_keys(data):
        allowed = export.JSONLD_TERMS if what == "key" else export.JSONLD_TYPES
        assert name in allowed, f"{what} {name!r} is not a declared schema.org term"


def test_jsonld_person(record):
    data = export.to_jsonld(record, BASE)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Person"
    assert data["@id"] == "https://directory.example/experts/ren-xiao"
    assert data["name"] == "Ren Xiao"
    assert data["alternateName"] == ["Dr. Ren"]
    assert data["givenName"] == "Xiao"
    assert data["familyName"] == "Ren"
    assert data["honorificPrefix"] == "Dr."
    assert data["jobTitle"] == "professor of international politics"
    assert data["knowsAbout"] == ["Northeast Asian security", "Chinese foreign policy"]
    assert data["worksFor"] == [
        {
            "@type": "EmployeeRole",
            "roleName": "professor of international politics",
            "worksFor": {
                "@type": "Organization",
                "name": "Institute of International Studies",
                "alternateName": "IIS",
                "parentOrganization": {"@type": "Organization", "name": "Fudan University"},
                "location": {
                    "@type": "Place",
                    "name": "Shanghai",
                    "address": {"@type": "PostalAddress", "addressCountry": "China"},
                },
            },
        }
    ]
    assert data["alumniOf"] == [
        {
            "@type": "OrganizationRole",
            "startDate": "1999",
            "endDate": "2002",
            "alumniOf": {
                "@type": "Organization",
                "name": "Chinese Embassy in Tokyo",
                "location": {"@type": "Place", "name": "Tokyo"},
            },
        }
    ]
    assert [a["roleName"] for a in data["affiliation"]] == ["visiting position", "editor"]
    assert data["@reverse"] == {
        "author": [{"@type": "CreativeWork", "name": "China Debates Its Global Role"}]
    }
    assert data["subjectOf"] == [
        {
            "@type": "NewsArticle",
            "@id": "https://directory.example/articles/7",
            "headline": "Calls, in order",
            "url": "https://example.org/calls",
            "datePublished": "2025-02-03",
            "publisher": {"@type": "Organization", "name": "Example Post"},
            "hasPart": [
                {
                    "@type": "Quotation",
                    "text": "China is a pivotal major power",
                    "creator": {"@id": "https://directory.example/experts/ren-xiao"},
                    "isPartOf": {"@id": "https://directory.example/articles/7"},
                }
            ],
        }
    ]


def test_jsonld_text_cannot_close_a_script_block(record):
    record["name"] = "</script><script>alert(1)</script> & co"
    text = export.to_jsonld_text(record, BASE)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == record["name"]


def test_vcard(record):
    card = export.to_vcard(record, BASE)
    assert card.endswith("\r\n")
    assert "\n" not in card.replace("\r\n", "")
    assert card.split("\r\n") == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        "FN:Ren Xiao",
        "N:Ren;Xiao;;Dr.;",
        "NICKNAME:Dr. Ren",
        "TITLE:professor of international politics",
        "ORG:Fudan University;Institute of International Studies",
        "NOTE:Research areas: Northeast Asian security\\; Chinese foreign policy",
        "URL:https://directory.example/experts/ren-xiao",
        "END:VCARD",
        "",
    ]


def test_vcard_escapes_and_folds(record):
    record["title"] = "director, centre; " + "é" * 60
    card = export.to_vcard(record, BASE)
    lines = card.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = card.replace("\r\n ", "")
    assert "TITLE:director\\, centre\\; " + "é" * 60 + "\r\n" in unfolded


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("line\nnext", "line\\nnext"),
    ],
)
def test_escape_vcard(value, expected):
    assert export.escape_vcard(value) == expected


def test_csv_rows(record):
    text = export.to_csv_text([record], BASE)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        export.csv_header(),
        [
            "ren-xiao",
            "Ren Xiao",
            "expert",
            "professor of international politics",
            "Institute of International Studies, Fudan University",
            "Institute of International Studies; Chinese Embassy in Tokyo; University of Turku",
            "Northeast Asian security; Chinese foreign policy",
            "Dr. Ren",
            "1",
            "1",
            "2025-02-03",
            "2025-02-03",
            "https://directory.example/experts/ren-xiao",
        ],
    ]


def test_csv_guards_against_formulas(record):
    record["name"] = '=HYPERLINK("http://evil")'
    row = export.to_csv_row(record, BASE)
    assert row[1] == '\'=HYPERLINK("http://evil")'


def test_render_record_and_write_all(record):
    assert json.loads(export.render_record(record, "json", BASE)) == record
    assert json.loads(export.render_record(record, "jsonld", BASE))["@type"] == "Person"
    assert export.render_record(record, "vcard", BASE).startswith("BEGIN:VCARD\r\n")
    out = io.StringIO()
    assert export.write_all([record, record], "jsonl", out) == 2
    assert [json.loads(line)["slug"] for line in out.getvalue().splitlines()] == [
        "ren-xiao",
        "ren-xiao",
    ]
    with pytest.raises(ValueError):
        export.render_record(record, "xml", BASE)


@pytest.mark.parametrize(
    "brk", ["\u2028", "\u2029", "\x85", "\v", "\f", "\x1c", "\r\n", "\r", "\n"]
)
def test_every_kind_of_line_break_is_escaped_in_a_vcard(brk):
    record = {"slug": "eve", "name": f"Eve{brk}URL:http://evil.example", "title": f"a{brk}b"}
    card = export.to_vcard(record, "https://experts.example.org")
    lines = card.split("\r\n")
    assert "FN:Eve\\nURL:http://evil.example" in lines and "TITLE:a\\nb" in lines
    assert [line for line in lines if line.startswith("URL:")] == [
        "URL:https://experts.example.org/experts/eve"
    ]
    for line in lines:
        assert line.splitlines() in ([line], [])  # no break a reader could split on


def test_other_control_characters_are_dropped_from_a_vcard_but_tab_kept():
    assert export.escape_vcard("a\x00b\x1bc\x7fd\x9fe\tf") == "abcde\tf"
