"""Title, affiliations and biography facts of one person, read around that person's mentions.

Entry point: `extract_facts(doc, mentions)`. Titles and current posts come from appositives
("X, chief economist at Y,"), pre-modifiers ("Y chief economist X", "Y's X") and copular
sentences ("X is a senior fellow at Y"); biography sentences ("He has held positions at ...")
are read by `directory.extract.biography`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from directory.extract import biography
from directory.extract.biography import sentence_evidence
from directory.extract.orgs import (
    Chunk,
    clean_chunk,
    ent_labels,
    has_org_word,
    is_capitalized,
    split_chain,
    word_set,
)
from directory.models import EditorialRole, Evidence, Position, Publication, ResearchArea

log = logging.getLogger(__name__)

ROLE_HEADS = word_set(
    """
    academic adviser advisor administrator ambassador analyst anthropologist archaeologist
    architect attorney author biologist campaigner cardiologist chair chairman
    chairwoman chairperson chancellor chemist chief clinician co-author co-director
    co-founder columnist commentator commissioner consultant coordinator
    co-ordinator correspondent counsel counsellor counselor critic curator dean demographer
    deputy designer diplomat director doctor economist editor educator engineer
    epidemiologist executive expert fellow founder geographer guru head historian
    investigator journalist judge jurist lawyer lecturer librarian manager mathematician
    minister negotiator neuroscientist officer official partner pathologist physician
    physicist planner pollster president principal professor prosecutor psychiatrist
    psychologist publisher registrar researcher reviewer scholar scientist secretary
    senator specialist spokesman spokesperson spokeswoman statistician strategist
    superintendent surgeon teacher technologist theologian trader treasurer trustee
    vice-chair vice-chairman vice-president writer
    """
)
# Heads whose "of ORG" belongs in the title ("director of the Critical Threats Project").
LEADING_HEADS = word_set(
    """
    chair chairman chairwoman chairperson co-director coordinator co-ordinator dean director
    head manager president principal vice-president
    """
)
# Words before a name that are honorifics or ranks, not titles.
HONORIFICS = word_set(
    """
    dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord lady prof prof. professor rev rev.
    reverend sen. sen rep. rep gov. gov lt. lt gen. gen capt. capt col. col maj. maj sgt. sgt
    adm. adm cmdr. hon.
    """
)
FORMER_WORDS = frozenset({"former", "ex", "retired", "erstwhile", "onetime", "one-time"})
PRONOUNS = frozenset(
    {"he", "she", "his", "her", "him", "hers", "they", "their", "them", "i", "we", "you"}
)
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})

# The title and its organizations come before a relative clause ("who studies ...").
CLAUSE_RE = re.compile(
    r"\s+(?:who|whose|which|that|where|charged with|responsible for|until)\b|[,;:]\s|\s[-–—]+\s"
)
BOUNDARY_RE = re.compile(
    r"(?:^|\s+)(?P<prep>at|with|from|based at|based in|now at|in|for|of)\s+"
    r"(?=(?:the\s+|its\s+)?[A-Z0-9])"
)
ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
CONJ_DESCRIPTOR_RE = re.compile(r"\s+and\s+(?:also\s+)?(?:a|an|the)\s+")
STATE_ABBREV_RE = re.compile(r"^[A-Z][a-z]{0,4}\.(?:\s?[A-Z]\.)?$")
QUOTE_CHARS = '"“”‘’`'

CONF_APPOSITIVE = 0.9
CONF_PREMODIFIER = 0.8
CONF_COPULAR = 0.75
CONF_HONORIFIC = 0.6


@dataclass
class Facts:
    """Everything the article says about one person's posts and work."""

    title: str | None = None
    title_evidence: list[Evidence] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    research_areas: list[ResearchArea] = field(default_factory=list)
    editorial_roles: list[EditorialRole] = field(default_factory=list)


@dataclass
class Descriptor:
    """One title phrase read next to a mention, with the posts it names."""

    title: str | None
    positions: list[Position]
    confidence: float
    evidence: Evidence


def is_role_head(word: str) -> bool:
    """True for a noun that can head a title ("economist", "Professor", "vice-president")."""
    word = word.lower().strip(".,;:")
    if word in ROLE_HEADS:
        return True
    if "-" in word:
        return word.rsplit("-", 1)[-1] in ROLE_HEADS
    return word.endswith("ist") and len(word) > 5


def sentence_bounds(doc: Doc, start: int) -> tuple[int, int]:
    """Character bounds of the sentence line holding offset `start`."""
    ev = sentence_evidence(doc, start)
    return ev.start, ev.end


def is_pronoun(doc: Doc, start: int, end: int) -> bool:
    """True when a mention is a pronoun ("He", "his") or lowercase nominal."""
    text = doc.text[start:end].strip()
    return text.lower() in PRONOUNS or not text[:1].isupper()


# --- appositives: "X, a professor of politics at Y in Z," -------------------------------


def appositive_spans(text: str, pos: int, limit: int) -> list[tuple[int, int, bool]]:
    """(start, end, org_only) spans of the descriptors that follow a name at `pos`.

    "Ren Xiao, a professor ... in Shanghai." gives one span; "Kahn - a former historian,
    and a leading expert on X," gives two; "Vladeck of the University of Texas" one span
    with org_only set.
    """
    rest = text[pos:limit]
    skip = re.match(r"(?:\s*\([^)]{1,40}\))?(?:,\s*\d{1,3},)?", rest)
    offset = pos + (skip.end() if skip else 0)
    rest = text[offset:limit]
    lead = re.match(r",\s+|\s+[-–—]+\s+", rest)
    org_only = False
    if lead is None:
        lead = re.match(r"\s+(?=(?:of|from|at)\s+(?:the\s+)?[A-Z])", rest)
        org_only = True
        if lead is None:
            return []
    spans: list[tuple[int, int, bool]] = []
    start = offset + lead.end()
    while start < limit:
        end = descriptor_end(text, start, limit)
        spans.append((start, end, org_only))
        org_only = False
        follow = re.match(r",\s+and\s+(?=(?:a|an|the)\s)", text[end:limit])
        if not follow:
            break
        start = end + follow.end()
    return spans


def descriptor_end(text: str, start: int, limit: int) -> int:
    """Where an appositive that starts at `start` ends: a comma, quote, dash or the sentence end.

    A comma followed by a place ("in Lawrenceville, N.J.") or by the rest of a university's
    name ("University of California, San Diego") does not end it.
    """
    i = start
    while i < limit:
        ch = text[i]
        if ch in ";:" or ch in QUOTE_CHARS and ch not in "’":
            return i
        if ch in "-–—" and text[i - 1 : i] == " " and text[i + 1 : i + 2] == " ":
            return i - 1
        if ch == "'" and text[i + 1 : i + 2] == "'":
            return i
        if ch == ",":
            nxt = re.match(r",\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?=[,.;\s]|$)", text[i:limit])
            if nxt and STATE_ABBREV_RE.match(nxt.group(1)) or nxt and continues_name(text, i):
                i += nxt.end()
                continue
            return i
        i += 1
    end = limit
    while end > start and text[end - 1] in " .\n":
        end -= 1
    return end


def continues_name(text: str, comma: int) -> bool:
    """True for "University of California, San Diego": a campus named after the comma."""
    before = text[max(0, comma - 60) : comma]
    after = re.match(
        r",\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*([,.;]|$|\s+(?!of|at)[a-z])", text[comma:]
    )
    return bool(re.search(r"University of [A-Z][\w-]*(?: [A-Z][\w-]*)?$", before)) and bool(after)


def parse_descriptor(
    doc: Doc, start: int, end: int, *, org_only: bool = False, former: bool = False
) -> tuple[str | None, list[Position]] | None:
    """The title and positions in one descriptor, or None when it is not a title at all.

    "a professor of international politics at the Institute of International Studies (IIS)
    at Fudan University in Shanghai" -> ("professor of international politics",
    [Institute of International Studies (IIS), parent Fudan University, place Shanghai]).
    """
    text = doc.text[start:end]
    clause = CLAUSE_RE.search(text)
    if clause:
        text = text[: clause.start()]
    art = ARTICLE_RE.match(text)
    if art:
        text, start = text[art.end() :], start + art.end()
    text = text.rstrip(" .,")
    if not text:
        return None
    boundary = BOUNDARY_RE.search(text)
    role_text = text[: boundary.start()] if boundary else text
    if org_only and role_text.strip():
        return None
    words = role_text.split()
    if words and words[0].lower().rstrip("-") in FORMER_WORDS or role_text.startswith("ex-"):
        former = True
    kind = "former" if former else "current"
    if words and words[0].lower() == "visiting":
        kind = "visiting"
    title, role_org = split_role(doc, role_text, start)
    if title is None and role_text.strip() and role_org is None:
        # Neither a role ("US chief economist") nor a name ("Center for X"): not a title.
        return None
    positions: list[Position] = []
    chunks: list[Chunk] = []
    prep = None
    if boundary:
        prep = boundary.group("prep")
        chain_start = boundary.end()
        chunks = split_chain(text[chain_start:], start + chain_start, doc, prep)
        chunks = [c for c in chunks if "PERSON" not in ent_labels(doc, c.start, c.end)]
    orgs = [c for c in chunks if not c.is_place]
    places = [c for c in chunks if c.is_place]
    if title and prep == "of" and orgs and title_takes_org(title, text, boundary):
        title = f"{title} of {text[boundary.end() : orgs[0].end - start].strip()}"
        title = re.sub(r"\bof its\b", "of the", title)
    if former and role_text.strip():
        title = role_text.strip()
    if role_org is not None and orgs and prep == "now at":
        # "a former National Security Agency lawyer now at the Brookings Institution"
        positions.append(make_position(role_org, [], title, "former", places))
        positions.append(make_position(orgs[0], orgs[1:2], None, "current", places))
    elif role_org is not None:
        positions.append(make_position(role_org, orgs[:1], title, kind, places))
    elif orgs:
        positions.append(make_position(orgs[0], orgs[1:2], title, kind, places))
    if title is None and not positions:
        return None
    return title, positions


def make_position(
    org: Chunk, parents: list[Chunk], role: str | None, kind: str, places: list[Chunk]
) -> Position:
    """A position for `org`, nested in the first of `parents` if there is one."""
    parent = org.parent or (parents[0].name if parents else None)
    return Position(
        organization=org.name,
        acronym=org.acronym,
        parent=parent,
        role=role,
        kind=kind,
        place=org_place(org, places),
    )


def org_place(org: Chunk, places: list[Chunk]) -> str | None:
    """The place a post is in: one merged into its name ("Embassy in Tokyo") or the last place."""
    if org.place_name:
        return org.place_name
    return places[-1].name if places else None


def title_takes_org(title: str, text: str, boundary: re.Match) -> bool:
    """True when "of ORG" belongs in the title: a head role and a plain name after "of"."""
    head = title.split()[-1].lower()
    if head not in LEADING_HEADS:
        return False
    after = text[boundary.end() :]
    after = re.split(r"\s+(?:at|in|with)\s+", after, maxsplit=1)[0]
    after = re.sub(r"^(?:the|its)\s+", "", after)
    return all(
        is_capitalized(w) or w in {"of", "for", "and", "the", "on", "&"} for w in after.split()
    )


def split_role(doc: Doc, role_text: str, offset: int) -> tuple[str | None, Chunk | None]:
    """Split a role phrase: "the OECD's chief economist" -> ("chief economist", OECD).

    An organization written before the role ("a University of Washington professor") is
    pulled out; places and nationalities stay in the title.
    """
    role_text = role_text.rstrip()
    if not role_text:
        return None, None
    poss = re.search(r"['’]s\s+", role_text)
    if poss:
        owner = clean_chunk(role_text[: poss.start()], offset)
        rest = role_text[poss.end() :]
        title = rest if rest.split() and is_role_head(last_head_word(rest)) else None
        return title, owner
    words = list(re.finditer(r"\S+", role_text))
    head_idx = next((i for i, w in enumerate(words) if is_role_head(w.group())), None)
    if head_idx is None:
        org = clean_chunk(role_text, offset)
        if org and (has_org_word(org.name) or ent_labels(doc, org.start, org.end) & {"ORG"}):
            return None, org
        return None, None
    # Leading capitalized words that are an organization, not a place or nationality.
    cut = 0
    for i, w in enumerate(words[:head_idx]):
        word = w.group()
        if not is_capitalized(word) and word not in {"of", "for", "and", "&"}:
            break
        if is_role_head(word):
            break
        cut = i + 1
    if cut:
        org_text = role_text[: words[cut - 1].end()]
        labels = ent_labels(doc, offset, offset + len(org_text))
        if has_org_word(org_text) or ("ORG" in labels and not labels & PLACE_LABELS):
            title = role_text[words[cut].start() :]
            org = clean_chunk(org_text, offset)
            return title, org
    return role_text, None


def last_head_word(text: str) -> str:
    """The role noun of a title: the word before "of"/"in", else the last word."""
    words = re.split(r"\s+(?:of|in|for|on)\s+", text, maxsplit=1)[0].split()
    return words[-1] if words else ""


# --- pre-modifiers: "Bristol University political scientist Anne Alexander" -----------


def premodifier(doc: Doc, start: int) -> tuple[str | None, Chunk | None, bool, int] | None:
    """(title, organization, former, phrase start) written just before a name, if any."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return None
    i = span[0].i - 1
    professor = False
    while i >= 0 and doc[i].text.lower() in HONORIFICS:
        professor = professor or doc[i].text.lower() in {"professor", "prof", "prof."}
        i -= 1
    head = i
    words: list[Token] = []
    while i >= 0 and len(words) < 10:
        tok = doc[i]
        if tok.text in {"'s", "’s"} or tok.text == "-" and not tok.whitespace_:
            words.append(tok)
        elif stops_premodifier(doc, tok, head):
            break
        else:
            words.append(tok)
        i -= 1
    words.reverse()
    while words and words[0].text.lower() in {"the", "of", "for"}:
        words.pop(0)
    if head >= 0 and words and is_role_head(doc[head].text) and not doc[head].text[:1].isupper():
        return read_premodifier(doc, words)
    if head >= 0 and words and is_role_head(doc[head].text) and doc[head].is_title:
        return read_premodifier(doc, words)
    if professor:
        return ("Professor", None, False, span[0].i)
    return None


def stops_premodifier(doc: Doc, tok: Token, head: int) -> bool:
    """True for a token that cannot be part of a pre-modifier (a verb, "said", punctuation)."""
    if tok.is_punct or "\n" in tok.text or tok.pos_ in {"VERB", "AUX", "PRON", "SCONJ", "CCONJ"}:
        return True
    if tok.pos_ in {"DET", "ADP"}:
        # "of"/"the" inside a name: "California Institute of Technology professor".
        inside_name = tok.i + 1 <= head and doc[tok.i + 1].is_title
        return not (tok.text.lower() in {"of", "for", "the"} and inside_name)
    return False


def read_premodifier(doc: Doc, words: list[Token]) -> tuple[str | None, Chunk | None, bool, int]:
    """Split pre-modifier tokens into former marker, organization and role."""
    former = words[0].text.lower() in FORMER_WORDS
    first = words[0].idx
    end = words[-1].idx + len(words[-1].text)
    text = doc.text
    if former:
        title = text[first:end]
        org = clean_chunk(text[words[1].idx : end], words[1].idx) if len(words) > 1 else None
        org = premod_org(doc, words[1:]) if len(words) > 1 else None
        return title, org, True, first
    org = premod_org(doc, words)
    if org is None:
        return text[first:end], None, False, first
    role_start = org.role_start
    return text[role_start:end], org, False, first


@dataclass
class PremodOrg(Chunk):
    """An organization read from a pre-modifier, with where the role after it starts."""

    role_start: int = 0


def premod_org(doc: Doc, words: list[Token]) -> PremodOrg | None:
    """The organization at the front of a pre-modifier ("Empire magazine's", "EFF", "US Fed")."""
    poss = next((k for k, t in enumerate(words) if t.text in {"'s", "’s"}), None)
    if poss is not None:
        org_toks, role_toks = words[:poss], words[poss + 1 :]
    else:
        org_toks = []
        for tok in words[:-1]:
            sentence_start = tok.is_sent_start or tok.i == 0 or "\n" in doc[tok.i - 1].text
            if not is_capitalized(tok.text) and tok.text not in {"of", "for", "and", "&"}:
                break
            if tok.ent_type_ in PLACE_LABELS and tok.ent_type_ != "" and not org_toks:
                break
            if sentence_start and not tok.ent_type_:
                break
            if is_role_head(tok.text):
                break
            org_toks.append(tok)
        while org_toks and not is_capitalized(org_toks[-1].text):
            org_toks.pop()
        role_toks = words[len(org_toks) :]
    if not org_toks or not role_toks:
        return None
    s = org_toks[0].idx
    e = org_toks[-1].idx + len(org_toks[-1].text)
    labels = ent_labels(doc, s, e)
    name = doc.text[s:e]
    if poss is None and not (has_org_word(name) or "ORG" in labels):
        return None
    if labels & {"PERSON"} and not has_org_word(name):
        return None
    name = re.sub(r"^(?:The|the)\s+", "", name)
    return PremodOrg(name=name, start=s, end=e, role_start=role_toks[0].idx)


# --- the person's facts -------------------------------------------------------------------


def extract_facts(doc: Doc, mentions: list[tuple[int, int]]) -> Facts:
    """Title, positions, publications, research areas and editorial roles of one person."""
    facts = Facts()
    mentions = sorted(set(mentions))
    titled: list[tuple[float, int, str, Evidence]] = []
    for m_start, m_end in mentions:
        if is_pronoun(doc, m_start, m_end):
            continue
        for descriptor in descriptors_at(doc, m_start, m_end):
            if descriptor.title:
                titled.append(
                    (descriptor.confidence, m_start, descriptor.title, descriptor.evidence)
                )
            for pos in descriptor.positions:
                pos.evidence = [descriptor.evidence]
                pos.confidence = descriptor.confidence
                add_position(facts.positions, pos)
    if titled:
        best = max(titled, key=lambda t: (t[0], -t[1]))
        # Several descriptors on the same mention ("a professor ..., and the director ...").
        same = [t for t in titled if t[1] == best[1] and t[0] == best[0]]
        facts.title = "; ".join(dict.fromkeys(t[2] for t in same))
        facts.title_evidence = [best[3]]
    bio = biography.read_biography(doc, mentions)
    for pos in bio.positions:
        add_position(facts.positions, pos)
    facts.publications = bio.publications
    facts.research_areas = bio.research_areas
    facts.editorial_roles = bio.editorial_roles
    return facts


def descriptors_at(doc: Doc, m_start: int, m_end: int) -> list[Descriptor]:
    """Every title phrase attached to one name mention: appositive, pre-modifier, copula."""
    s_start, s_end = sentence_bounds(doc, m_start)
    evidence = sentence_evidence(doc, m_start, m_end)
    found: list[Descriptor] = []
    text = doc.text
    for a_start, a_end, org_only in appositive_spans(text, m_end, s_end):
        parsed = parse_descriptor(doc, a_start, a_end, org_only=org_only)
        if parsed is None:
            break
        title, positions = parsed
        found.append(Descriptor(title, positions, CONF_APPOSITIVE, evidence))
    pre = premodifier(doc, m_start)
    if pre is not None and pre[3] >= s_start:
        title, org, former, _ = pre
        positions = []
        if org is not None:
            positions.append(
                Position(
                    organization=org.name,
                    role=title,
                    kind="former" if former else "current",
                )
            )
        found.append(Descriptor(title, positions, CONF_PREMODIFIER, evidence))
        # A pre-modifier followed by "from Y" ("Health analyst X, from the Welsh Institute").
    copula = re.match(r"\s+(is|was)\s+(?=(?:a|an|the)\s)", text[m_end:s_end])
    if copula:
        c_start = m_end + copula.end()
        c_end = descriptor_end(text, c_start, s_end)
        parsed = parse_descriptor(doc, c_start, c_end, former=copula.group(1) == "was")
        if parsed is not None and parsed[0] is not None:
            found.append(Descriptor(parsed[0], parsed[1], CONF_COPULAR, evidence))
    return found


def add_position(positions: list[Position], new: Position) -> None:
    """Add a position, merging it into an existing one for the same organization and kind."""
    for pos in positions:
        same_org = pos.organization == new.organization or (
            pos.acronym and pos.acronym in {new.organization, new.acronym}
        )
        if same_org and pos.kind == new.kind:
            for attr in ("acronym", "parent", "role", "place", "country", "start", "end"):
                if getattr(pos, attr) is None and getattr(new, attr) is not None:
                    setattr(pos, attr, getattr(new, attr))
            for ev in new.evidence:
                if ev not in pos.evidence:
                    pos.evidence.append(ev)
            pos.confidence = max(pos.confidence, new.confidence)
            return
    positions.append(new)
