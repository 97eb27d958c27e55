"""Title, affiliations and biography facts of one person, read around that person's mentions.

Entry point: `extract_facts(doc, mentions)`. Titles and current posts come from appositives
("X, chief economist at Y,"), pre-modifiers ("Y chief economist X", "Y's X") and copular
sentences ("X is a senior fellow at Y"); biography sentences ("He has held positions at ...")
are read by `directory.extract.biography`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from directory.extract import biography
from directory.extract.biography import sentence_evidence
from directory.extract.descriptors import (
    FORMER_WORDS,
    PLACE_LABELS,
    ROLE_MODIFIERS,
    appositive_spans,
    chain_positions,
    descriptor_end,
    find_boundary,
    is_org,
    is_role_head,
    last_head_word,
    parse_descriptor,
)
from directory.extract.orgs import (
    Chunk,
    doc_text,
    ent_labels,
    has_org_word,
    is_capitalized,
    keeps_article,
    span_at,
    split_chain,
    word_set,
)
from directory.models import EditorialRole, Evidence, Position, Publication, ResearchArea
from directory.text import HONORIFIC_TOKENS as HONORIFICS

PRONOUNS = frozenset(
    {"he", "she", "his", "her", "him", "hers", "they", "their", "them", "i", "we", "you"}
)
# Capitalized words that open a title rather than close an organization ("FBI General Counsel").
TITLE_MODIFIERS = word_set(
    """
    general deputy assistant associate chief senior vice executive managing acting principal
    lead special junior former interim
    """
)
CONJ_DESCRIPTOR_RE = re.compile(
    r",?\s+and\s+(?:(?:also|currently|now|later)\s+)?(?:(?:a|an|the)\s+)?"
)

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
    """One title phrase read next to a mention, with the posts and works it names."""

    title: str | None
    positions: list[Position]
    works: list[str]
    confidence: float
    evidence: Evidence


def sentence_bounds(doc: Doc, start: int) -> tuple[int, int]:
    """Character bounds of the sentence line holding offset `start`."""
    ev = sentence_evidence(doc, start)
    return ev.start, ev.end


def is_pronoun(doc: Doc, start: int, end: int) -> bool:
    """True when a mention is a pronoun ("He", "his") or lowercase nominal."""
    text = doc_text(doc)[start:end].strip()
    return text.lower() in PRONOUNS or not text[:1].isupper()


# --- pre-modifiers: "Bristol University political scientist Anne Alexander" -----------


def premodifier(
    doc: Doc, start: int, end: int
) -> tuple[str | None, Chunk | None, bool, int] | None:
    """(title, organization, former, phrase start) written just before a name, if any.

    The mention may itself start with the title ("President Xi Jinping", "Dr. Ren").
    """
    span = span_at(doc, start, max(end, start + 1))
    if span is None:
        return None
    k = span.start
    while (
        k < span.end - 1
        and doc[k].text[:1].isupper()
        and (
            doc[k].text.lower() in HONORIFICS
            # a title word, unless NER reads it as part of the name ("Dean Boyd")
            or is_role_head(doc[k].text)
            and doc[k].ent_type_ != "PERSON"
        )
    ):
        k += 1
    i = k - 1
    professor = False
    while i >= 0 and doc[i].text.lower() in HONORIFICS and doc[i].text[:1].isupper():
        professor = professor or doc[i].text.lower() in {"professor", "prof", "prof."}
        i -= 1
    head = i
    words: list[Token] = []
    while i >= 0 and len(words) < 10:
        tok = doc[i]
        if tok.text in {"'s", "’s"} or tok.text == "-" and not tok.whitespace_:
            words.append(tok)
        elif stops_premodifier(doc, tok, head) or tok.ent_type_ == "PERSON":
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
        return ("Professor", None, False, doc[head + 1].idx if head + 1 < len(doc) else start)
    return None


def stops_premodifier(doc: Doc, tok: Token, head: int) -> bool:
    """True for a token that cannot be part of a pre-modifier (a verb, "said", punctuation)."""
    if tok.text.lower() in ROLE_MODIFIERS:
        return False
    if tok.is_punct or tok.is_space or tok.pos_ in {"VERB", "AUX", "PRON", "SCONJ", "CCONJ"}:
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
    text = doc_text(doc)
    if former:
        title = text[first:end]
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
            if is_role_head(tok.text) or tok.text.lower() in TITLE_MODIFIERS:
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
    name = doc_text(doc)[s:e]
    if poss is None and not (has_org_word(name) or "ORG" in labels):
        return None
    if labels & {"PERSON"} and not has_org_word(name):
        return None
    before = doc[org_toks[0].i - 1] if org_toks[0].i > 0 else None
    if before is not None and before.text == "The" and keeps_article(f"The {name}"):
        name = f"The {name}"  # "The Guardian's film critic"
    elif not keeps_article(name):
        name = re.sub(r"^(?:The|the)\s+", "", name)
    return PremodOrg(name=name, start=s, end=e, role_start=role_toks[0].idx)


# --- the person's facts -------------------------------------------------------------------


def extract_facts(doc: Doc, mentions: list[tuple[int, int]]) -> Facts:
    """Title, positions, publications, research areas and editorial roles of one person."""
    facts = Facts()
    mentions = sorted(set(mentions))
    titled: list[tuple[float, int, str, Evidence]] = []
    for m_start, m_end in mentions:
        pronoun = is_pronoun(doc, m_start, m_end)
        for descriptor in descriptors_at(doc, m_start, m_end, copula_only=pronoun):
            if descriptor.title:
                titled.append(
                    (descriptor.confidence, m_start, descriptor.title, descriptor.evidence)
                )
            for work in descriptor.works:
                facts.publications.append(
                    Publication(work, [descriptor.evidence], descriptor.confidence)
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
    facts.publications = merge_works(facts.publications + bio.publications)
    facts.research_areas = bio.research_areas
    facts.editorial_roles = bio.editorial_roles
    return facts


def descriptors_at(
    doc: Doc, m_start: int, m_end: int, *, copula_only: bool = False
) -> list[Descriptor]:
    """Every title phrase attached to one name mention: appositive, pre-modifier, copula.

    A pronoun mention ("He is a senior fellow at X") is read for the copula only.
    """
    s_start, s_end = sentence_bounds(doc, m_start)
    evidence = sentence_evidence(doc, m_start, m_end)
    found: list[Descriptor] = []
    text = doc_text(doc)
    if copula_only:
        return copular(doc, m_end, s_end, evidence)
    for a_start, a_end, org_only in appositive_spans(text, m_end, s_end):
        if text.startswith("who ", a_start):
            parsed = parse_clause(doc, a_start, a_end)
            if parsed is not None:
                found.append(Descriptor(*parsed, CONF_APPOSITIVE, evidence))
            break
        parsed_any = False
        hint = None
        for d_start, d_end in conjoined(text, a_start, a_end):
            parsed = parse_descriptor(doc, d_start, d_end, org_only=org_only, parent_hint=hint)
            if parsed is None:
                break
            parsed_any = True
            found.append(Descriptor(*parsed, CONF_APPOSITIVE, evidence))
            if parsed[1]:
                hint = parsed[1][0].organization
        if not parsed_any:
            break
        clause = re.search(r"\s+who\s", text[a_start:a_end])
        if clause:
            parsed = parse_clause(doc, a_start + clause.end() - 4, a_end)
            if parsed is not None:
                # "a former adviser who is now a senior fellow at X": both are titles.
                role = parsed[0] if parsed[0] and is_role_head(last_head_word(parsed[0])) else None
                found.append(Descriptor(role, parsed[1], [], CONF_APPOSITIVE, evidence))
    pre = premodifier(doc, m_start, m_end)
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
        # "Professor X" alone is the weakest title: any stated role wins over it.
        confidence = CONF_HONORIFIC if title == "Professor" and org is None else CONF_PREMODIFIER
        found.append(Descriptor(title, positions, [], confidence, evidence))
    return found + copular(doc, m_end, s_end, evidence)


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


def conjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "a professor at X and the director of its Y" into its two descriptors.

    Only where both sides hold a role word, so "Center for Strategic and International
    Studies" and "journalist and dating expert" stay whole.
    """
    for match in CONJ_DESCRIPTOR_RE.finditer(text, start, end):
        left = text[start : match.start()]
        right = text[match.end() : end].split()[:4]
        if any(is_role_head(w) for w in right) and any(is_role_head(w) for w in left.split()):
            if not re.search(r"\b(?:at|of|with|for|to)\s", left):
                continue
            return [(start, match.start()), (match.end(), end)]
    return [(start, end)]


CLAUSE_COPULA_RE = re.compile(
    r"who\s+(?P<verb>is|was|has been|had been|served as|serves as|became|went on to become)"
    r"\s+(?:now\s+|also\s+|currently\s+)*"
)
CLAUSE_VERB_RE = re.compile(
    r"who\s+(?:now\s+|also\s+|currently\s+)?(?P<verb>[a-z]+s)\s+(?P<rest>.*)$"
)
# Verbs after "who" whose object is the organization led ("who heads the Port Workers Union").
LEADING_VERBS = frozenset({"heads", "chairs", "directs", "leads", "runs", "founded", "co-founded"})
# Verbs after "who" that say nothing about a post ("who says ...", "who has welcomed ...").
NON_POST_VERBS = word_set(
    """
    says argues believes thinks warns claims notes adds insists suggests predicts has is was
    does seems appears remains wants hopes fears knows
    """
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
        former = verb in {"was", "had been", "served as"}
        parsed = parse_descriptor(doc, start + copula.end(), end, former=former)
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


def add_position(positions: list[Position], new: Position) -> None:
    """Add a position, merging it into an existing one for the same organization and kind."""
    for pos in positions:
        same_org = pos.organization == new.organization or (
            pos.acronym and pos.acronym in {new.organization, new.acronym}
        )
        # "He joined X in 2011" (held, with a start) is the same post as "a fellow at X".
        joins = new.kind == "held" and pos.kind == "current"
        if same_org and (pos.kind == new.kind or joins):
            for attr in ("acronym", "parent", "role", "place", "country", "start", "end"):
                if getattr(pos, attr) is None and getattr(new, attr) is not None:
                    setattr(pos, attr, getattr(new, attr))
            for ev in new.evidence:
                if ev not in pos.evidence:
                    pos.evidence.append(ev)
            pos.confidence = max(pos.confidence, new.confidence)
            return
    positions.append(new)


def merge_works(works: list[Publication]) -> list[Publication]:
    """One publication per title, keeping every evidence sentence."""
    merged: dict[str, Publication] = {}
    for work in works:
        if work.title in merged:
            kept = merged[work.title]
            kept.evidence += [ev for ev in work.evidence if ev not in kept.evidence]
        else:
            merged[work.title] = work
    return list(merged.values())
