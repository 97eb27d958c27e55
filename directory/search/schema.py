"""The Whoosh schema over expert profiles and the mapping from an expert record to a document."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.columns import VarBytesColumn
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.dmetaphone import double_metaphone
from whoosh.support.charset import accent_map

from directory.models import FACT_FIELDS
from directory.text import ADDRESS_WORDS

from .stemmer import light_stem
from .topics import Topic, encode_topics

# Bump whenever the schema, the codec or what goes into a field changes: older index versions
# are then ignored.
SCHEMA_VERSION = 12
# Quote text is the bulk of a profile; past this many characters extra quotes add little recall
# but slow indexing and grow the quote column (a head of state can have hundreds of quotes).
QUOTE_CHARS = 3000
CONTEXT_CHARS = 3000
PREFIX_MIN, PREFIX_MAX = 2, 12
FACET_SEPARATOR = "\x1f"
PASSAGE_SEPARATOR = " … "
# Between passages in a text column: ASCII, so a text of ASCII passages is read as bytes.
PASSAGE_BREAK = "\n"
# Prose fields whose text is kept in a column (`ColumnText`) rather than the stored fields.
TEXT_COLUMNS = ("quotes",)

# Names: no stemming and no stop words ("Van", "De" are name parts), accents folded.
NAME_ANALYZER = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
# Prose fields: accents folded before stemming so "Müller" and "Muller" index alike; only
# plurals are folded (`stemmer`), so "securities" never matches "security".
TEXT_ANALYZER = (
    RegexTokenizer()
    | LowercaseFilter()
    | CharsetFilter(accent_map)
    | StopFilter()
    | StemFilter(stemfn=light_stem, cachesize=50000)
)
# Words for "did you mean": folded but not stemmed, so a suggestion is a real word.
SPELL_ANALYZER = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter()
# Facet values are whole strings joined by a separator that no article text contains.
FACET_ANALYZER = RegexTokenizer(r"[^\x1f]+")

PROSE_FIELDS = (
    "title",
    "orgs",
    "places",
    "research",
    "pubs",
    "topics",
    "quotes",
    "context",
    "story",
)
FACET_FIELDS = {
    "kind": "kind",
    "organization": "f_org",
    "topic": "f_topic",
    "country": "f_country",
    "outlet": "f_outlet",
    "year": "year",
}


class ColumnText(TEXT):
    """A prose field whose text is kept in a column of its own, uncompressed, with passages
    split by PASSAGE_BREAK.

    A phrase check reads the text of hundreds of documents per query: from the stored fields
    each read decompressed and unpickled the whole document (about 13 µs on the bench's
    100,000-profile index, pages cached); a column hands back the bytes alone (about 5 µs).
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.column_type = VarBytesColumn()

    def to_column_value(self, value: str) -> bytes:
        return value.replace(PASSAGE_SEPARATOR, PASSAGE_BREAK).encode("utf-8")

    def from_column_value(self, value: bytes) -> str:
        return value.decode("utf-8").replace(PASSAGE_BREAK, PASSAGE_SEPARATOR)


def build_schema() -> Schema:
    """The index schema: searchable profile text, facet values and the few stored hit fields."""
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        slug=STORED(),
        display=STORED(),
        version=ID(sortable=True),
        name=TEXT(analyzer=NAME_ANALYZER),
        name_sound=KEYWORD(scorable=True),
        name_prefix=KEYWORD(),
        family=KEYWORD(),
        title=TEXT(analyzer=TEXT_ANALYZER, stored=True),
        orgs=TEXT(analyzer=TEXT_ANALYZER),
        places=TEXT(analyzer=TEXT_ANALYZER),
        research=TEXT(analyzer=TEXT_ANALYZER, stored=True),
        pubs=TEXT(analyzer=TEXT_ANALYZER),
        # What the person is quoted on (`topics`), and the same with article counts, stored.
        topics=TEXT(analyzer=TEXT_ANALYZER),
        topic_counts=STORED(),
        # No positions: they made quote postings several times slower to read. Phrases in
        # quotes are checked against the text in the field's column instead.
        quotes=ColumnText(analyzer=TEXT_ANALYZER, phrase=False),
        context=TEXT(analyzer=TEXT_ANALYZER, phrase=False),
        # The openings of the person's articles: what the stories were about.
        story=TEXT(analyzer=TEXT_ANALYZER, phrase=False),
        spell=TEXT(analyzer=SPELL_ANALYZER, phrase=False),
        kind=ID(stored=True),
        f_org=TEXT(analyzer=FACET_ANALYZER, phrase=False, stored=True),
        f_topic=TEXT(analyzer=FACET_ANALYZER, phrase=False),
        f_country=TEXT(analyzer=FACET_ANALYZER, phrase=False),
        f_outlet=TEXT(analyzer=FACET_ANALYZER, phrase=False),
        year=ID(),
        quote_count=NUMERIC(int, bits=32, sortable=True, stored=True),
        last_quoted=ID(sortable=True),
    )


def doc_id(value: str) -> Any:
    """The id as the store has it: an int when it is all digits."""
    return int(value) if value.isdigit() else value


def name_words(text: str) -> list[str]:
    """The folded words of a name, without honorifics ("Dr Jean-Philippe Cotis" -> jean,
    philippe, cotis)."""
    return [t.text for t in NAME_ANALYZER(text) if t.text not in ADDRESS_WORDS]


def sound_codes(word: str) -> list[str]:
    """Double Metaphone codes of one folded name word ("nielson" and "nielsen" -> NLSN)."""
    if len(word) < 3 or not word.isalpha():
        return []
    return [code for code in double_metaphone(word) if code]


def prefixes(word: str) -> list[str]:
    """Leading slices of a name word for as-you-type matching ("pouw" for "pouwelse")."""
    return [word[:n] for n in range(PREFIX_MIN, min(len(word), PREFIX_MAX) + 1)]


def _clean(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _unique(values: Iterable[Any]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        text = _clean(value)
        if text:
            seen.setdefault(text.lower(), text)
    return list(seen.values())


def _capped(parts: Iterable[str], limit: int) -> str:
    out, used = [], 0
    for part in parts:
        if used >= limit:
            break
        part = part[: limit - used]
        out.append(part)
        used += len(part) + 3
    return PASSAGE_SEPARATOR.join(out)


def _names(record: dict) -> list[str]:
    return _unique([record.get("name"), *(record.get("aliases") or [])])


def _family_words(record: dict, names: list[str]) -> list[str]:
    """Family-name words: the stated family name and the last word of each name form."""
    family = name_words(record.get("family_name") or "")
    for name in names:
        family += name_words(name)[-1:]
    return _unique(family)


def _organizations(record: dict) -> list[str]:
    values = list(record.get("organizations") or [])
    for position in record.get("positions") or []:
        values += [position.get("organization"), position.get("parent")]
    return _unique(values)


def _evidence_sentences(record: dict) -> list[str]:
    sentences = []
    for key in ("titles", *FACT_FIELDS):
        for item in record.get(key) or []:
            sentences += [e.get("sentence") for e in item.get("evidence") or []]
    return _unique(sentences)


def _year(date: Any) -> str:
    text = _clean(date)
    return text[:4] if re.match(r"\d{4}", text) else ""


def topic_fields(topics: list[Topic]) -> dict[str, str]:
    """The fields of a document that hold what the person is quoted on."""
    return {
        "topics": " ; ".join(t.topic for t in topics),
        "topic_counts": encode_topics(topics),
        "f_topic": FACET_SEPARATOR.join(t.topic for t in topics),
    }


def record_to_document(record: dict, topics: list[Topic] | None = None) -> dict[str, Any]:
    """The Whoosh document for one expert record (the shape in docs/architecture.md), with the
    topics the person is quoted on (`topics.choose_topics`)."""
    names = _names(record)
    words = _unique(w for n in names for w in name_words(n))
    name_text = " ".join(words)
    family = _family_words(record, names)
    positions = record.get("positions") or []
    titles = _unique(
        [record.get("title")]
        + [t.get("title") for t in record.get("titles") or []]
        + [p.get("role") for p in positions]
    )
    orgs = _organizations(record)
    acronyms = _unique(p.get("acronym") for p in positions)
    places = _unique(
        list(record.get("places") or [])
        + list(record.get("countries") or [])
        + [p.get(k) for p in positions for k in ("place", "country")]
    )
    research = _unique(a.get("topic") for a in record.get("research_areas") or [])
    pubs = _unique(
        [p.get("title") for p in record.get("publications") or []]
        + [r.get("journal") for r in record.get("editorial_roles") or []]
    )
    quotes = _capped(_unique(q.get("text") for q in record.get("quotes") or []), QUOTE_CHARS)
    article_titles = _unique(a.get("title") for a in record.get("articles") or [])
    context = _capped(_evidence_sentences(record) + article_titles, CONTEXT_CHARS)
    story = _capped(_unique(record.get("article_leads") or []), CONTEXT_CHARS)
    countries = _unique(list(record.get("countries") or []) + [p.get("country") for p in positions])
    last_quoted = _clean(record.get("last_quoted"))
    document = {
        "id": str(record["id"]),
        "slug": record.get("slug") or "",
        "display": record.get("name") or "",
        "version": _clean(record.get("version")),
        "name": name_text,
        "name_sound": " ".join(_unique(c for w in words for c in sound_codes(w))),
        "name_prefix": " ".join(_unique(p for w in words for p in prefixes(w))),
        "family": " ".join(family),
        "title": " ; ".join(titles),
        "orgs": " ; ".join(orgs + acronyms),
        "places": " ; ".join(places),
        "research": PASSAGE_SEPARATOR.join(research),
        "pubs": " ; ".join(pubs),
        **topic_fields(topics or []),
        "quotes": quotes,
        "context": context,
        "story": story,
        "spell": " ".join([name_text] + titles + orgs + places + research),
        "kind": record.get("kind") or "other",
        "f_org": FACET_SEPARATOR.join(orgs),
        "f_country": FACET_SEPARATOR.join(countries),
        "f_outlet": FACET_SEPARATOR.join(_unique(record.get("outlets") or [])),
        "year": _year(last_quoted),
        "quote_count": int(record.get("quote_count") or len(record.get("quotes") or [])),
        "last_quoted": last_quoted,
    }
    # Whoosh would index an empty string as a term of its own (an empty facet value).
    return {key: value for key, value in document.items() if value != ""}
