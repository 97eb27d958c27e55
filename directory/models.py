"""Plain data passed between the stages: ingest -> extract -> resolve -> store -> index -> web."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

PERSON_KINDS = ("expert", "official", "spokesperson", "other")
POSITION_KINDS = ("current", "held", "former", "visiting")
QUOTE_KINDS = ("direct", "indirect")
EDITOR_ROLES = ("editor", "admin")  # the roles of users who sign in to correct the directory


@dataclass
class Evidence:
    """The sentence a fact was read from, with its character offsets in the article text."""

    sentence: str
    start: int
    end: int


@dataclass
class Position:
    """A post at an organization: current, held (undated), former or visiting."""

    organization: str
    acronym: str | None = None
    parent: str | None = None
    role: str | None = None
    kind: str = "current"
    place: str | None = None
    country: str | None = None
    start: str | None = None
    end: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0


@dataclass
class Publication:
    """A work the person wrote or co-wrote."""

    title: str
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0


@dataclass
class ResearchArea:
    """A field the person works on."""

    topic: str
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0


@dataclass
class EditorialRole:
    """An editorial post at a journal."""

    journal: str
    role: str = "editor"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0


@dataclass
class Quote:
    """A direct (verbatim, between marks) or indirect (reported) quote with its offsets."""

    text: str
    kind: str
    cue: str | None
    start: int
    end: int
    confidence: float = 0.0
    # Why the quote is this speaker's: the words naming the speaker at this quote ("Dr Ren", "he")
    # and the reporting cue ("said"), as offsets into the article text; None where nothing names it
    # (a quote that continues the previous one).
    source_start: int | None = None
    source_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass
class Statement:
    """Words attributed to an organisation, publication or body, not a person ("Yukos said")."""

    organization: str
    quote: Quote


@dataclass
class Person:
    """Everything one article says about one quoted person."""

    name: str
    aliases: list[str] = field(default_factory=list)
    given_name: str | None = None
    family_name: str | None = None
    honorific: str | None = None
    kind: str = "other"
    title: str | None = None
    positions: list[Position] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    research_areas: list[ResearchArea] = field(default_factory=list)
    editorial_roles: list[EditorialRole] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    title_evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Article:
    """One article as ingested: `text` is what every offset points into."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    id: str | None = None
    source: str | None = None
    author: str | None = None

    @property
    def sha256(self) -> str:
        """Hash of the exact text (offsets are only valid against this text)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def content_hash(self) -> str:
        """Hash of the whitespace-normalised text, used to store identical articles once."""
        normalised = re.sub(r"\s+", " ", self.text).strip().lower()
        return hashlib.sha256(normalised.encode("utf-8")).hexdigest()

    def meta(self) -> dict[str, Any]:
        """The article fields shown in `directory extract` output."""
        return {
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "sha256": self.sha256,
        }


@dataclass
class Extraction:
    """The extractor's output for one article."""

    article: Article
    people: list[Person] = field(default_factory=list)
    extractor_version: str = ""
    statements: list[Statement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape `directory extract` prints: the article and every person quoted in it."""
        return {
            "article": self.article.meta(),
            "people": [person_to_dict(p) for p in self.people],
            "extractor_version": self.extractor_version,
            "statements": [asdict(s) for s in self.statements],
        }


# A Person's fact lists (and a profile record's), each with the dataclass of one item: a new kind
# of fact starts here.
FACT_TYPES: dict[str, type] = {
    "positions": Position,
    "publications": Publication,
    "research_areas": ResearchArea,
    "editorial_roles": EditorialRole,
}
FACT_FIELDS = tuple(FACT_TYPES)


def person_to_dict(person: Person) -> dict[str, Any]:
    """A person as plain JSON-ready data."""
    return asdict(person)


def person_from_dict(data: dict[str, Any]) -> Person:
    """Rebuild a Person from `person_to_dict` output (used when reading stored extractions)."""

    def evidence(items):
        return [Evidence(**e) for e in items or []]

    return Person(
        name=data["name"],
        aliases=list(data.get("aliases") or []),
        given_name=data.get("given_name"),
        family_name=data.get("family_name"),
        honorific=data.get("honorific"),
        kind=data.get("kind") or "other",
        title=data.get("title"),
        **{
            name: [
                item_type(**{**item, "evidence": evidence(item.get("evidence"))})
                for item in data.get(name) or []
            ]
            for name, item_type in FACT_TYPES.items()
        },
        quotes=[Quote(**q) for q in data.get("quotes") or []],
        title_evidence=evidence(data.get("title_evidence")),
    )


def dump_extraction(extraction: Extraction) -> dict[str, Any]:
    """An extraction as plain data, whole: the article with its text and every field of every
    person, quote and statement (unlike `to_dict`, which shows the article's metadata only).
    What an extraction worker on another machine sends back; `load_extraction` reverses it."""
    return {
        "article": asdict(extraction.article),
        "people": [person_to_dict(p) for p in extraction.people],
        "extractor_version": extraction.extractor_version,
        "statements": [asdict(s) for s in extraction.statements],
    }


def load_extraction(data: dict[str, Any]) -> Extraction:
    """Rebuild an Extraction from `dump_extraction` output."""
    return Extraction(
        article=Article(**data["article"]),
        people=[person_from_dict(p) for p in data.get("people") or []],
        extractor_version=data.get("extractor_version") or "",
        statements=[
            Statement(organization=s["organization"], quote=Quote(**s["quote"]))
            for s in data.get("statements") or []
        ],
    )
