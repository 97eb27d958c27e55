"""Roles written with what they head, before a name: "head of equities Tom Lavery", "White
House chief of staff Denis McDonough", "Secretary of State John Kerry", "President of the Royal
Society Lord May"; a party's seat on a body: "the ranking Democrat on the Senate
Intelligence Committee"; and a post named by its portfolio: "Minister for Defence
Procurement"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from directory.extract.orgs import Chunk
from directory.extract.roles import LEADING_HEADS, is_role_head, role_word

# Roles that head what follows their "of" ("chief of staff", "head of equities").
OF_HEADS = LEADING_HEADS | {"chief"}


def role_before_of(doc: Doc, head: int) -> int | None:
    """The index of a role heading "of" and one to three lowercase words right before a name
    ("head of equities", "director of telecoms research", "chief of staff"), or a capitalised
    office with what it is of ("Secretary of State", see _office_before_of), else None."""
    if is_role_head(doc[head].text):
        return None
    if not _topic_word(doc[head]):
        return _office_before_of(doc, head)
    k = head
    while k > head - 3 and _topic_word(doc[k - 1]):
        k -= 1
    of = k - 1
    if of < 1 or doc[of].lower_ not in {"of", "for"}:
        return None
    role = doc[of - 1]
    return of - 1 if (role_word(role.text) or "") in OF_HEADS else None


def body_after_of(doc: Doc, start: int, end: int) -> Chunk | None:
    """The body an office is of, where the words after "of" name one as a whole ("President of
    the Royal Society"), not a bare word ("Secretary of State")."""
    if start < end and doc[start].lower_ == "the":
        start += 1
    span = doc[start:end]
    whole = end >= len(doc) or doc[end].ent_iob_ != "I"
    if len(span) < 2 or not whole or any(t.ent_type_ != "ORG" for t in span):
        return None
    return Chunk(span.text, span.start_char, span.end_char)


def _office_before_of(doc: Doc, head: int) -> int | None:
    """The index of an office named with a capitalised "of" before a name ("Secretary of State
    John Kerry", "Chancellor of the Exchequer Gordon Brown", "Director of National
    Intelligence James Clapper"), else None."""
    of = head
    while of > max(head - 3, 0) and _office_word(doc[of]):
        of -= 1
    if of < 1 or of == head or doc[of].text != "of":
        return None
    role = doc[of - 1]
    if role.is_title and is_role_head(role.text) and role.ent_type_ != "PERSON":
        return of - 1
    return None


def _office_word(tok: Token) -> bool:
    """A word of what a capitalised office is of: "State", "the Exchequer", "Homeland
    Security" (never a person's name)."""
    return (tok.is_title or tok.lower_ == "the") and tok.is_alpha and tok.ent_type_ != "PERSON"


def _topic_word(tok: Token) -> bool:
    """A lowercase word of what a role heads ("telecoms research", which the tagger may read
    as a verb)."""
    return tok.is_lower and tok.is_alpha and tok.pos_ in {"NOUN", "ADJ", "VERB"}


# "the ranking Democrat on the Senate Intelligence Committee", "the No. 2 Republican in the
# Senate": a party member's seat on a body, with up to three words saying which seat.
PARTY_SEAT_RE = re.compile(
    r"(?P<role>(?:[\w.-]+\s+){1,3}?(?:Democrat|Republican|Conservative|Tory))\s+(?:on|in)\s+"
    r"(?:the\s+)?(?P<body>[A-Z][\w.&'-]*(?:\s+(?:of|on|for|and|[A-Z][\w.&'-]*))*)$"
)


def party_seat(text: str) -> tuple[str, str] | None:
    """(seat, body) for a party member's seat on a body, written after an article is dropped
    ("ranking Democrat on the Senate Intelligence Committee"), else None: the party word is
    no body's name, and a bare one ("a Democrat from Ohio") holds no seat."""
    match = PARTY_SEAT_RE.fullmatch(text)
    if match is None:
        return None
    return match.group("role"), match.group("body")


# A post named by its portfolio: "Secretary of State for Culture, Media and Sport", "Minister
# for Defence Procurement", "Shadow Secretary of State for the Family", "State Minister for
# National Development Planning", "Minister of State". What follows "for" is a brief, not an
# employer; after "of", only "State" is one ("General Secretary of Unison" heads a union).
_CAP = r"[A-Z][\w'’-]*"
_BRIEF = rf"\s+for\s+(?:the\s+)?{_CAP}(?:(?:,\s+|\s+and\s+|\s+&\s+|\s+){_CAP})*"
PORTFOLIO_RE = re.compile(
    rf"(?:{_CAP}\s+){{0,3}}(?:[Ss]ecretary|[Mm]inister|[Cc]ommissioner)"
    rf"(?:\s+of\s+State(?:{_BRIEF})?|{_BRIEF})"
)


def portfolio_post(text: str) -> str | None:
    """The whole post when `text` is one named by its portfolio, else None: "Minister for
    Defence Procurement", "Secretary of State"; not a bare "Secretary" or "Industry Secretary"."""
    return text if PORTFOLIO_RE.fullmatch(text) else None
