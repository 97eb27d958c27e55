"""Biography sentences: posts held, visiting posts, past posts, publications, research, editing.

Each pattern family reads one kind of sentence, e.g.

- held:      "He has held positions at several institutions, including A, B (BB), and C."
- visiting:  "She has held visiting positions at universities in England and Japan,
              including the University of Essex and Nagoya University."
- former:    "From 1999 to 2002, he worked at the Chinese Embassy in Tokyo."
- current:   "He oversees a research center at Massachusetts General Hospital."
- research:  "His research focuses on A, B, and C."
- writing:   "Dr. Lin has authored numerous publications, including A, B, and C."
- editing:   "He has served as an editor for several journals, including A and B."

A sentence counts for a person only when one of that person's mentions comes before the
pattern's trigger with no other named person in between.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc

from directory.extract.orgs import (
    Chunk,
    doc_text,
    ent_labels,
    has_org_word,
    is_known_person,
    span_at,
    split_chain,
)
from directory.extract.patterns import FINITE_TAGS
from directory.models import EditorialRole, Evidence, Position, Publication, ResearchArea

CONF_LIST = 0.8
CONF_FORMER = 0.75

# Where a list stops: a clause that comments on it rather than continuing it.
LIST_END_RE = re.compile(
    r",?\s+(?:where|which|who|providing|giving|before|after|while|when|because|a book|an?\s+\w+"
    r"\s+(?:calling|arguing|about))\b|;|\s[-–—]\s"
)
INCLUDING_RE = re.compile(r",?\s+(?:including|among them|such as|notably)\s+")

VISITING_RE = re.compile(
    r"\bvisiting\s+(?:positions?|posts?|appointments?|professorships?|fellowships?|"
    r"scholar(?:ships?)?|professor|fellow|researcher|lecturer)s?\s+(?:at|with|in)\s+(?P<list>.+)"
)
HELD_RE = re.compile(
    r"\b(?:has|have|had)\s+(?:also\s+)?(?:previously\s+)?held\s+"
    r"(?:(?:senior|teaching|research|academic|faculty|various|several|numerous|a number of)\s+)*"
    r"(?:positions|posts|appointments|roles)\s+(?:at|with|in)\s+(?P<list>.+)"
)
RESEARCH_RE = re.compile(
    r"\b(?:research|work|scholarship|studies)\s+(?:mainly\s+|primarily\s+|largely\s+)?"
    r"(?:focuses|focused|concentrates|concentrated|centres|centers|centred|centered)\s+on\s+"
    r"(?P<list>.+)"
    r"|\bresearch\s+interests\s+(?:include|includes|are|cover)\s+(?P<list2>.+)"
    r"|\bspeciali[sz](?:es|ed)\s+in\s+(?P<list3>.+)"
    # "who studies peer-to-peer networks"; "an expert on energy economics at MIT"
    r"|\bwho\s+(?:studies|researches)\s+(?P<list4>.+)"
    r"|\b(?:an?|the)\s+(?:leading\s+|noted\s+|prominent\s+)?(?:expert|specialist|authority)\s+"
    r"(?:on|in)\s+(?P<list5>.+)"
)
# Where a topic list stops short of the sentence end: the employer, or the attribution.
TOPIC_END_RE = re.compile(
    r"\s+(?:at|with|from|for)\s+(?:the\s+)?[A-Z]|,?\s+(?:said|says|told|added)\b"
)
WRITING_RE = re.compile(
    r"\b(?:authored|written|wrote|co-authored|co-written|published)\b[^.;]*?"
    r"(?:,\s+|\s+)(?:including|among them|such as)\s+(?P<list>.+)"
    r"|\b(?:the\s+)?(?:co-)?author\s+of\s+(?P<list2>[A-Z“\"‘'].+)"
)
# "his new book, Lawless World," / "her memoir ''Living History''": a work named right after.
BOOK_RE = re.compile(
    r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?:new|latest|recent|forthcoming|first|last|\d{4})\s+)?"
    r"(?P<kind>book|memoir|novel|biography)\s*,?\s+"
    r"(?:(?:''|[\"“‘])(?P<quoted>[^\"”’']{2,120}?)(?:''|[\"”’])|(?P<plain>[A-Z][^,;:]{1,100}?),)"
)
JOINED_RE = re.compile(
    r"\bjoined\s+(?P<chain>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of|for|and|the|on|&|[A-Z][\w&.'’-]*))*"
    r"(?:\s*\([A-Z][A-Za-z&.-]{1,11}\))?)(?:\s+in\s+(?P<year>\d{4})\b(?!s))?"
)
EDITING_RE = re.compile(
    r"\b(?:served|serves|serving|is|was|has been)\s+(?:also\s+)?as\s+(?:an?\s+|the\s+)?"
    r"(?P<role>(?:(?:associate|managing|deputy|contributing|senior|founding|executive|"
    r"co-)\s*)*editor(?:-in-chief)?|editor in chief|editorial board member)s?\s+"
    r"(?:for|of|on|at)\s+(?P<list>.+)"
    r"|\b(?:sits|sat|serves|served|is|was)\s+(?:also\s+)?on\s+the\s+"
    r"(?P<board>editorial\s+boards?)\s+of\s+(?P<list2>.+)"
)
FORMER_RE = re.compile(
    r"\b(?P<verb>(?:previously\s+|formerly\s+|once\s+)?(?:worked|served|was employed|taught))"
    r"\s+(?:as\s+(?:an?\s+|the\s+)?(?P<role>[a-z][\w\s-]*?)\s+)?(?:at|for|with|in)\s+"
    r"(?P<chain>(?:the\s+)?[A-Z].*)"
)
# A post held now, said with a verb: "He oversees a research centre at Massachusetts General
# Hospital", "She teaches at the Sorbonne", "He runs the economics unit of Corvane Securities".
CURRENT_RE = re.compile(
    r"\b(?P<verb>oversees|runs|heads|leads|directs|manages|works|teaches|lectures|researches)"
    r"\s+(?:(?:a|an|the|its)\s+(?P<unit>[a-z][\w\s-]{0,40}?)\s+)?(?:at|for|with|of)\s+"
    r"(?P<chain>(?:the\s+)?[A-Z].*)"
)
# Where the body's name after "worked at/for" ends: a clause mark, or "and" starting a new
# verb phrase ("once worked for Bush and has advised a super PAC").
CHAIN_END_RE = re.compile(r",|;|\s[-–—]\s|\s+and\s+(?=[a-z])")
HAS_WORKED_RE = re.compile(r"\b(?:has|have)\s+(?:also\s+)?(?:worked|served|taught)\s*$")
# "From 1999 to 2002," with the years, or with what is left when they were lost ("From to ,").
FROM_TO_RE = re.compile(
    r"\b[Ff]rom\s+(?P<start>\d{4})?\s*(?:to|until|through|-|–)\s*(?P<end>\d{4}|present)?\s*,?"
)
BETWEEN_RE = re.compile(r"\b[Bb]etween\s+(?P<start>\d{4})\s+and\s+(?P<end>\d{4})\b")
SINCE_RE = re.compile(r"\bsince\s+(?P<start>\d{4})\b")
QUOTE_STRIP = " \t\"“”‘’'*_"


@dataclass
class Biography:
    """Facts read from biography sentences about one person."""

    positions: list[Position] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    research_areas: list[ResearchArea] = field(default_factory=list)
    editorial_roles: list[EditorialRole] = field(default_factory=list)


def sentence_evidence(doc: Doc, start: int, end: int | None = None) -> Evidence:
    """The sentence holding [start, end), trimmed to its line so headings stay out."""
    end = start + 1 if end is None else end
    span = span_at(doc, start, max(end, start + 1))
    if span is None:
        return Evidence(doc_text(doc)[start:end], start, end)
    text = doc_text(doc)
    s, e = span[0].sent.start_char, span[-1].sent.end_char
    s = max(s, text.rfind("\n", s, start) + 1)
    line_end = text.find("\n", end, e)
    if line_end != -1:
        e = line_end
    while e > s and text[e - 1].isspace():
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return Evidence(text[s:e], s, e)


def split_list(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Items of "A, B, and C" / "A and B" / "A, B and C" with their offsets.

    Items keep their own "and" when the list has a serial comma ("Human Security and
    Cross-Border Cooperation in East Asia, B, and C"); without one, the last item is split
    on its last "and".
    """
    stop = LIST_END_RE.search(text)
    if stop:
        text = text[: stop.start()]
    text = text.rstrip(" .,")
    pieces: list[tuple[int, int]] = []
    last = 0
    for match in re.finditer(r",\s+", text):
        pieces.append((last, match.start()))
        last = match.end()
    pieces.append((last, len(text)))
    serial = False
    items: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(pieces):
        lead = re.match(r"(?:and|or)\s+", text[s:e])
        if lead and k == len(pieces) - 1 and k > 0:
            serial = True
            s += lead.end()
        items.append((s, e))
    if not serial:
        s, e = items[-1]
        joins = list(re.finditer(r"\s+(?:and|&)\s+", text[s:e]))
        if joins:
            cut = joins[-1]
            items[-1:] = [(s, s + cut.start()), (s + cut.end(), e)]
    out = []
    for s, e in items:
        tail = re.search(r"\s+(?:and|or)$", text[s:e])
        if tail:
            e = s + tail.start()  # "antitrust law and [has lectured ...]"
        while s < e and text[s] in QUOTE_STRIP:
            s += 1
        while e > s and text[e - 1] in QUOTE_STRIP + ".,":
            e -= 1
        if s < e:
            out.append((text[s:e], offset + s, offset + e))
    return out


def subject_before(doc: Doc, mentions: list[tuple[int, int]], s_start: int, trigger: int) -> bool:
    """True when one of the person's mentions precedes `trigger` in its sentence, with no other
    named person or organization, and no relative clause, between them."""
    # `mentions` is sorted: only those from the sentence start up to the trigger matter.
    before = []
    for m in mentions[bisect_left(mentions, (s_start, -1)) :]:
        if m[0] >= trigger:
            break
        before.append(m)
    if not before:
        return False
    last_end = max(m[1] for m in before)
    span = span_at(doc, last_end, trigger)
    if span is None:
        return True
    # "he got an offer from Echo Point, a publisher that specializes in ...": the pattern
    # belongs to whatever a relative pronoun or another name introduces, not to the person.
    between = doc_text(doc)[last_end:trigger]
    if re.search(r"\b(?:that|which|whose)\b", between):
        return False
    # "X, a researcher at Delft who studies ...": "who" takes the person over the employer.
    who = re.search(r"\bwho\s*$", between) or doc_text(doc).startswith("who ", trigger)
    others = {"PERSON"} if who else {"PERSON", "ORG"}
    # Token by token: `Span.ents` walks every entity of the whole doc.
    for token in span:
        if token.ent_type_ in others and not any(m[0] <= token.idx < m[1] for m in before):
            return False
    return True


def read_biography(doc: Doc, mentions: list[tuple[int, int]]) -> Biography:
    """Every biography fact in the sentences that mention the person."""
    mentions = sorted(mentions)
    bio = Biography()
    seen: set[int] = set()
    for m_start, _ in mentions:
        ev = sentence_evidence(doc, m_start)
        if ev.start in seen:
            continue
        seen.add(ev.start)
        read_sentence(doc, mentions, ev, bio)
    return bio


def read_sentence(doc: Doc, mentions: list[tuple[int, int]], ev: Evidence, bio: Biography) -> None:
    """Apply each pattern family to one sentence."""
    text, base = ev.sentence, ev.start

    def owned(match: re.Match) -> bool:
        return subject_before(doc, mentions, base, base + match.start())

    visiting = VISITING_RE.search(text)
    if visiting and owned(visiting):
        read_post_list(doc, visiting, base, "visiting", ev, bio)
    held = HELD_RE.search(text)
    if held and owned(held):
        read_post_list(doc, held, base, "held", ev, bio)
    research = RESEARCH_RE.search(text)
    if research and owned(research):
        group = next(g for g in ("list", "list2", "list3", "list4", "list5") if research.group(g))
        topics = research.group(group)
        stop = TOPIC_END_RE.search(topics)
        topics = topics[: stop.start()] if stop else topics
        verb = first_verb(doc, base + research.start(group), len(topics))
        for topic, _, _ in split_list(topics[:verb], 0):
            if topic not in {area.topic for area in bio.research_areas}:
                bio.research_areas.append(ResearchArea(topic, [ev], CONF_LIST))
    writing = WRITING_RE.search(text)
    if writing and owned(writing):
        group = "list" if writing.group("list") else "list2"
        for title in list_works(writing.group(group), quoted_first=group == "list2"):
            if title[:1].isupper() or title[:1].isdigit():
                bio.publications.append(Publication(title, [ev], CONF_LIST))
    for book in BOOK_RE.finditer(text):
        if not subject_before(doc, mentions, base, base + book.start("kind")):
            continue
        title = (book.group("quoted") or book.group("plain")).strip(QUOTE_STRIP + ".,")
        if title[:1].isupper() or title[:1].isdigit():
            bio.publications.append(Publication(title, [ev], CONF_LIST))
    joined = JOINED_RE.search(text)
    if joined and owned(joined):
        read_joined(doc, joined, base, ev, bio)
    editing = EDITING_RE.search(text)
    if editing and owned(editing):
        group = "list" if editing.group("list") else "list2"
        items = editing.group(group)
        offset = base + editing.start(group)
        inc = INCLUDING_RE.search(items)
        if inc:
            offset += inc.end()
            items = items[inc.end() :]
        role = (editing.group("role") or "editorial board member").lower()
        for journal, _, _ in split_list(items, offset):
            journal = re.sub(r"^the\s+", "", journal)
            if journal[:1].isupper():
                bio.editorial_roles.append(EditorialRole(journal, role, [ev], CONF_LIST))
        return
    former = FORMER_RE.search(text)
    if former and owned(former) and not HAS_WORKED_RE.search(text[: former.end("verb")]):
        read_former(doc, former, base, ev, bio)
        return
    current = CURRENT_RE.search(text)
    if current and owned(current):
        read_current(doc, current, base, ev, bio)


def first_verb(doc: Doc, start: int, length: int) -> int:
    """Offset, within the `length` chars from `start`, of the first finite verb ("antitrust law
    and has lectured ..."), or `length` when there is none."""
    span = span_at(doc, start, start + length)
    for tok in span or []:
        if tok.tag_ in FINITE_TAGS and tok.idx > start:
            return tok.idx - start
    return length


def list_works(items: str, *, quoted_first: bool) -> list[str]:
    """Work titles in "A, B, and C", or after "author of" in "''A, B,'' and co-author of C".

    Quotes bound a title, so "''Destiny and Power,'' a biography of ..." is one work.
    """
    quoted = re.match(r"(?:''|[\"“‘])(.{2,120}?)(?:''|[\"”’])", items)
    if quoted_first and quoted:
        works = [quoted.group(1).strip(QUOTE_STRIP + ",")]
        more = re.match(r"\s*,?\s*(?:and|&)\s+(.+)", items[quoted.end() :])
        if more is None:
            return works
        items = more.group(1)
    else:
        works = []
    for title, _, _ in split_list(items, 0):
        works.append(re.sub(r"^(?:the\s+)?(?:co-)?author\s+of\s+", "", title).strip(QUOTE_STRIP))
    return works


def read_post_list(
    doc: Doc, match: re.Match, base: int, kind: str, ev: Evidence, bio: Biography
) -> None:
    """Positions from "... at [universities in A, B and C,] including X, Y (YY) and Z"."""
    items = match.group("list")
    offset = base + match.start("list")
    countries: list[str] = []
    inc = INCLUDING_RE.search(items)
    if inc:
        prefix = items[: inc.start()]
        where = re.search(r"\bin\s+(?P<places>.+)$", prefix)
        if where:
            countries = [
                re.sub(r"^the\s+", "", c) for c, _, _ in split_list(where.group("places"), 0)
            ]
        offset += inc.end()
        items = items[inc.end() :]
    orgs: list[Chunk] = []
    for item, s, _ in split_list(items, offset):
        # "the Centre for Trade Studies in Geneva": the place is not part of the name.
        pieces = split_chain(item, s, doc, "at")
        chunk = next((c for c in pieces if not c.is_place), None)
        if chunk is None:
            continue
        places = [c.name for c in pieces if c.is_place]
        chunk.place_name = chunk.place_name or (places[-1] if places else None)
        labels = ent_labels(doc, chunk.start, chunk.end)
        if has_org_word(chunk.name) or labels & {"ORG", "FAC"} and not labels & {"GPE", "LOC"}:
            orgs.append(chunk)
    pair = len(countries) == len(orgs)
    for k, org in enumerate(orgs):
        bio.positions.append(
            Position(
                organization=org.name,
                acronym=org.acronym,
                parent=org.parent,
                kind=kind,
                place=org.place_name,
                country=countries[k] if pair else None,
                evidence=[ev],
                confidence=CONF_LIST,
            )
        )


def read_former(doc: Doc, match: re.Match, base: int, ev: Evidence, bio: Biography) -> None:
    """A past post: "From 1999 to 2002, he worked at the Chinese Embassy in Tokyo"."""
    chain = match.group("chain")
    chain_offset = base + match.start("chain")
    end = CHAIN_END_RE.search(chain)
    if end:
        chain = chain[: end.start()]
    prep = re.search(r"(at|for|with|in)\s+$", ev.sentence[: match.start("chain")])
    chunks = split_chain(chain, chain_offset, doc, prep.group(1) if prep else "at")
    orgs = [c for c in chunks if not c.is_place and "PERSON" not in ent_labels(doc, c.start, c.end)]
    if not orgs or not (
        has_org_word(orgs[0].name) or ent_labels(doc, orgs[0].start, orgs[0].end) & {"ORG"}
    ):
        return
    places = [c for c in chunks if c.is_place]
    start, end_year = post_dates(ev.sentence)
    org = orgs[0]
    bio.positions.append(
        Position(
            organization=org.name,
            acronym=org.acronym,
            parent=org.parent or (orgs[1].name if len(orgs) > 1 else None),
            role=match.group("role"),
            kind="former",
            place=org.place_name or (places[-1].name if places else None),
            start=start,
            end=end_year,
            evidence=[ev],
            confidence=CONF_FORMER,
        )
    )


def read_current(doc: Doc, match: re.Match, base: int, ev: Evidence, bio: Biography) -> None:
    """A post held now: "He oversees a research center at Massachusetts General Hospital"."""
    chain = match.group("chain")
    chain_offset = base + match.start("chain")
    end = CHAIN_END_RE.search(chain)
    if end:
        chain = chain[: end.start()]
    chunks = split_chain(chain, chain_offset, doc, "at")
    orgs = [c for c in chunks if not c.is_place and "PERSON" not in ent_labels(doc, c.start, c.end)]
    if not orgs or not (
        has_org_word(orgs[0].name) or ent_labels(doc, orgs[0].start, orgs[0].end) & {"ORG"}
    ):
        return
    places = [c for c in chunks if c.is_place]
    org = orgs[0]
    bio.positions.append(
        Position(
            organization=org.name,
            acronym=org.acronym,
            parent=org.parent,
            kind="current",
            place=org.place_name or (places[-1].name if places else None),
            evidence=[ev],
            confidence=CONF_FORMER,
        )
    )


POSSESSIVE_END_RE = re.compile(r"['’]s?$")


def read_joined(doc: Doc, match: re.Match, base: int, ev: Evidence, bio: Biography) -> None:
    """A post with its start: "He joined the Brookings Institution in 2005"."""
    chain_offset = base + match.start("chain")
    chunks = split_chain(match.group("chain"), chain_offset, doc, "at")
    orgs = [c for c in chunks if not c.is_place]
    if not orgs or not (
        has_org_word(orgs[0].name)
        or ent_labels(doc, orgs[0].start, orgs[0].end) & {"ORG"}
        and not is_known_person(doc, orgs[0])
    ):
        return
    org = orgs[0]
    places = [c for c in chunks if c.is_place]
    bio.positions.append(
        Position(
            # "re-joined Labour's election campaign": joined Labour
            organization=POSSESSIVE_END_RE.sub("", org.name),
            acronym=org.acronym,
            parent=org.parent,
            kind="held",
            place=org.place_name or (places[-1].name if places else None),
            start=match.group("year"),
            evidence=[ev],
            confidence=CONF_FORMER,
        )
    )


def post_dates(sentence: str) -> tuple[str | None, str | None]:
    """Start and end years stated in a sentence; None for any the text does not give."""
    for regex in (FROM_TO_RE, BETWEEN_RE):
        match = regex.search(sentence)
        if match:
            end = match.group("end")
            return match.group("start"), None if end == "present" else end
    since = SINCE_RE.search(sentence)
    if since:
        return since.group("start"), None
    return None, None
