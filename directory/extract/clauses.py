"""Titles said with a verb after a name.

- copular: "X is a senior fellow at Y", "He was formerly an analyst at Y" (a past post is a
  position, not today's title);
- relative clauses: "who is now a fellow at X", "who teaches at X", "who heads the Port Workers
  Union".

Each phrase found is read by `directory.extract.descriptors.parse_descriptor`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from directory.extract import biography
from directory.extract.appositives import conjoined, descriptor_end
from directory.extract.descriptors import (
    CONF_COPULAR,
    Descriptor,
    chain_positions,
    find_boundary,
    is_org,
    parse_descriptor,
)
from directory.extract.orgs import doc_text, has_org_word, span_at, split_chain
from directory.extract.roles import TITLE_MODIFIERS, is_role_head, last_head_word
from directory.models import Evidence, Position
from directory.text import word_set


def copular(doc: Doc, m_end: int, s_end: int, evidence: Evidence) -> list[Descriptor]:
    """ "X is a senior fellow at Y" / "He was formerly an analyst at Y" after a mention."""
    text = doc_text(doc)
    copula = re.match(
        r"\s+(is|was)\s+(?:also\s+|currently\s+|now\s+|formerly\s+|previously\s+)*"
        r"(?=(?:a|an|the)\s)",
        text[m_end:s_end],
    )
    if not copula:
        return []
    c_start = m_end + copula.end()
    c_end = descriptor_end(text, c_start, s_end)
    past = bool(copula.group(1) == "was" or re.search(r"formerly|previously", copula.group()))
    found: list[Descriptor] = []
    for d_start, d_end in conjoined(text, c_start, c_end):
        parsed = parse_descriptor(doc, d_start, d_end, former=past)
        if parsed is None or parsed[0] is None or not is_role_head(last_head_word(parsed[0])):
            break
        title, positions, works = parsed
        # A past post ("He was an analyst at Y") is a position, not today's title.
        found.append(Descriptor(None if past else title, positions, works, CONF_COPULAR, evidence))
    return found


CLAUSE_COPULA_RE = re.compile(
    r"who\s+(?P<verb>is|was|has been|had been|served as|serves as|became|went on to become"
    # "who will remain as Aggregate chief executive": a post held now and kept
    r"|(?:will\s+)?(?:remains?(?:\s+as)?|(?:stays?\s+on|continues?)\s+as))"
    r"\s+(?:now\s+|also\s+|currently\s+)*"
)
CLAUSE_VERB_RE = re.compile(
    r"who\s+(?:now\s+|also\s+|currently\s+)?(?P<verb>[a-z]+s)\s+(?P<rest>.*)$"
)
# Participles after "who was" that give the post named next: "who was appointed chairman".
APPOINTED_WORDS = word_set("appointed named elected made promoted installed hired chosen")
# A few words of when before the post's "as": "named last week as ...".
NAMED_AS_RE = re.compile(r"(?:[\w-]+\s+){0,3}?as\s+")
# Verbs after "who" whose object is the organization led ("who heads the Port Workers Union").
LEADING_VERBS = frozenset({"heads", "chairs", "directs", "leads", "runs", "founded", "co-founded"})
# Verbs after "who" that say nothing about a post ("who says ...", "who has welcomed ...").
NON_POST_VERBS = word_set(
    """
    says argues believes thinks warns claims notes adds insists suggests predicts has is was
    does seems appears remains wants hopes fears knows
    """
)


def _opens_post(text: str) -> bool:
    """True for words that open a post ("chairman", "a director", "Acme chief executive")."""
    first = (text.split(maxsplit=1) or [""])[0]
    return (
        first in {"a", "an", "the"}
        or is_role_head(first)
        or first.lower() in TITLE_MODIFIERS
        or first[:1].isupper()
    )


def parse_clause(
    doc: Doc, start: int, end: int
) -> tuple[str | None, list[Position], list[str]] | None:
    """A relative clause after a name: "who is now a fellow at X", "who teaches at X",
    "who was coordinator for counterterrorism at the State Department from 2009 to 2012"."""
    text = doc_text(doc)[start:end]
    copula = CLAUSE_COPULA_RE.match(text)
    if copula:
        verb = copula.group("verb")
        if "remain" in verb and not verb.endswith("as") and not _opens_post(text[copula.end() :]):
            return None  # "who remains friendly with her former boss": a state, not a post
        former = verb in {"was", "had been", "served as"}
        post_start = start + copula.end()
        passive = span_at(doc, post_start, post_start + 1)
        if passive is not None and passive[0].tag_ == "VBN":
            if passive[0].lower_ not in APPOINTED_WORDS:
                return None  # "who was joined at the premiere by ...": no post at all
            # "who was appointed chairman of X", "who was named last week as a leader of X":
            # the post given, and held since
            post_start, former = passive[0].idx + len(passive[0]) + 1, False
            named_as = NAMED_AS_RE.match(doc_text(doc), post_start, end)
            post_start = named_as.end() if named_as else post_start
        parsed = parse_descriptor(doc, post_start, end, former=former)
        if parsed is None:
            return None
        title, positions, works = parsed
        if title is None or not any(is_role_head(w) for w in title.split()):
            return None
        if former:
            dates = biography.post_dates(text)
            for pos in positions:
                pos.kind = "former"
                pos.start, pos.end = dates
            sent = span_at(doc, start, start + 1)
            rest = doc_text(doc)[start : sent.sent.end_char if sent is not None else end]
            if re.search(r"\bbefore\s+(?:becoming|being|joining|he|she)\b", rest):
                title = None  # "who was a GP ... before becoming AM": no longer what they are
        return title, positions, works
    verb = CLAUSE_VERB_RE.match(text)
    if verb is None or verb.group("verb") in NON_POST_VERBS:
        return None
    rest_start = start + verb.start("rest")
    boundary = find_boundary(verb.group("rest"))
    if boundary is not None and boundary.group("prep") not in {"of", "in"}:
        chain_start = rest_start + boundary.end()
        prep = boundary.group("prep") or boundary.group("prep2")
        title_end = rest_start + boundary.start()
    elif verb.group("verb") in LEADING_VERBS:
        # "who heads the Port Workers Union": the organization is the object.
        chain_start, prep, title_end = rest_start, "of", None
    else:
        return None
    chunks = split_chain(text[chain_start - start :], chain_start, doc, prep)
    orgs = [c for c in chunks if not c.is_place and (has_org_word(c.name) or is_org(doc, c))]
    if not orgs:
        return None
    places = [c for c in chunks if c.is_place]
    title_end = title_end if title_end is not None else orgs[0].end
    title = doc_text(doc)[start + verb.start("verb") : title_end].strip()
    positions = chain_positions(orgs[:1], None, "current", places)
    return title, positions, []
