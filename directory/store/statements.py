"""Statements: the words of organizations, publications and bodies quoted as sources.

"Yukos said", "the FT reported": such a source is not a person, so its words never make a
profile. They are kept with their evidence (the quote, its sentence, the spans, the article) and
shown on the organization's page, filed under the slug organization pages use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sqlite_utils

from directory import resolve
from directory.models import Quote, Statement

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n\s*")


def organization_slug(name: str | None) -> str:
    """The slug an organization is filed under ('' when its name has no letters or digits)."""
    return resolve.slugify(resolve.org_key(name), fallback="")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence(s) holding text[start:end]."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, max(0, start)):
        begin = match.end()
    after = _SENTENCE_END.search(text, max(start, end))
    finish = len(text) if after is None else after.start() + len(after.group().rstrip())
    return begin, max(finish, end)


def save_statements(
    db: sqlite_utils.Database, article_id: str, text: str, statements: Iterable[Statement]
) -> None:
    """Write one article's statements (after deleting any it had)."""
    db.execute("DELETE FROM statements WHERE article_id = ?", [article_id])
    for ord_, statement in enumerate(statements):
        slug = organization_slug(statement.organization)
        quote = statement.quote
        if not slug or not (quote.text or "").strip():
            continue
        begin, finish = sentence_around(text, quote.start, quote.end)
        db.execute(
            """INSERT INTO statements (article_id, ord, org_slug, org_name, text, kind, cue,
                   start, "end", confidence, source_start, source_end, cue_start, cue_end,
                   sentence, sentence_start, sentence_end)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                article_id,
                ord_,
                slug,
                " ".join(statement.organization.split()),
                quote.text,
                quote.kind,
                quote.cue,
                quote.start,
                quote.end,
                quote.confidence,
                quote.source_start,
                quote.source_end,
                quote.cue_start,
                quote.cue_end,
                " ".join(text[begin:finish].split()),
                begin,
                finish,
            ],
        )


def statements_of(name: str, quotes: Iterable[Quote]) -> list[Statement]:
    """A source that is not a person, as statements of the organization it names."""
    name = " ".join(name.split())
    return [Statement(organization=name, quote=quote) for quote in quotes]


def list_statements(db: sqlite_utils.Database, org_slug: str) -> list[dict]:
    """An organization's statements, newest article first, each with its evidence and article."""
    rows = db.query(
        """SELECT s.org_name, s.text, s.kind, s.cue, s.start, s."end", s.confidence,
                  s.source_start, s.source_end, s.cue_start, s.cue_end, s.sentence,
                  s.sentence_start, s.sentence_end, ar.id AS article_id, ar.title, ar.url,
                  ar.outlet, ar.published
           FROM statements s JOIN articles ar ON ar.id = s.article_id
           WHERE s.org_slug = ? AND ar.duplicate_of IS NULL
           ORDER BY ar.published IS NULL, ar.published DESC, ar.seq DESC, s.ord""",
        [org_slug],
    )
    found = []
    for row in rows:
        article = {
            "id": row.pop("article_id"),
            "title": row.pop("title"),
            "url": row.pop("url"),
            "outlet": row.pop("outlet"),
            "published": row.pop("published"),
        }
        row["evidence"] = {
            "sentence": row.pop("sentence"),
            "start": row.pop("sentence_start"),
            "end": row.pop("sentence_end"),
        }
        found.append({**row, "article": article})
    return found
