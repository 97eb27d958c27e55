"""Title, affiliations and biography facts of one person, read around that person's mentions.

Entry point: `extract_facts(doc, mentions)`. Titles and current posts come from appositives
("X, chief economist at Y,", `directory.extract.appositives`), pre-modifiers and fronted roles
("Y chief economist X", "Y's X", "Its director, X,", `directory.extract.premodifiers`) and
copular sentences and relative clauses ("X is a senior fellow at Y", "who heads Y",
`directory.extract.clauses`), each phrase read by `directory.extract.descriptors`; biography
sentences ("He has held positions at ...") are read by `directory.extract.biography`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from directory.extract import biography
from directory.extract.appositives import appositive_spans, conjoined
from directory.extract.biography import sentence_evidence
from directory.extract.clauses import copular, parse_clause
from directory.extract.descriptors import (
    CONF_APPOSITIVE,
    CONF_HONORIFIC,
    CONF_PREMODIFIER,
    Descriptor,
    is_former,
    parse_descriptor,
)
from directory.extract.docorgs import doc_orgs
from directory.extract.employers import (
    body_appositive,
    research_group,
    speaking_body,
    subject_firm,
)
from directory.extract.orgs import doc_text
from directory.extract.premodifiers import fronted, is_office_title, possessive_body, premodifier
from directory.extract.quotes import title_case_headline_end
from directory.extract.roles import (
    EMPLOYEE_ROLES,
    is_role_head,
    is_standing,
    last_head_word,
    role_word,
)
from directory.models import EditorialRole, Evidence, Position, Publication, ResearchArea

# Courtesy titles no body's name opens with; narrower than text.COURTESY_HONORIFICS, as some
# do open with "Dr" or "Sir" ("Dr Barnardo's", "Sir John Soane's Museum").
COURTESY_RE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z]")
PRONOUNS = frozenset(
    {"he", "she", "his", "her", "him", "hers", "they", "their", "them", "i", "we", "you"}
)


@dataclass
class Facts:
    """Everything the article says about one person's posts and work."""

    title: str | None = None
    title_evidence: list[Evidence] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    research_areas: list[ResearchArea] = field(default_factory=list)
    editorial_roles: list[EditorialRole] = field(default_factory=list)
    # The phrases read around the person's names, as written ("from RIPMobile", "a strategist
    # who is representing the industry"), for deciding their kind.
    descriptions: list[str] = field(default_factory=list)


def extract_facts(doc: Doc, mentions: list[tuple[int, int]]) -> Facts:
    """Title, positions, publications, research areas and editorial roles of one person."""
    facts = Facts()
    mentions = sorted(set(mentions))
    titled: list[tuple[float, int, str, Evidence]] = []
    for m_start, m_end in mentions:
        pronoun = is_pronoun(doc, m_start, m_end)
        notes = facts.descriptions
        for descriptor in descriptors_at(doc, m_start, m_end, copula_only=pronoun, notes=notes):
            if descriptor.title and not is_standing(descriptor.title):
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
        if all(is_former(t[2]) for t in same):
            # "President Lula, a former trade union leader": the office held now comes first
            now = [t for t in titled if t[1] == best[1] and not is_former(t[2])]
            same = sorted(now, key=lambda t: -t[0])[:1] + same
        facts.title = "; ".join(dict.fromkeys(t[2] for t in same))
        facts.title_evidence = [best[3]]
    if mentions and not any(p.kind == "current" for p in facts.positions):
        # "Researchers at X tracked ... Lead researcher Dr Y said": a body a line before
        group = research_group(doc, mentions[0][0], facts.title, facts.descriptions)
        # or the body that spoke in the line before, for a post held inside one
        group = group or speaking_body(doc, mentions[0][0], facts.title)
        if group is not None:
            facts.positions.append(Position(organization=group, role=facts.title))
        # and a post no body is named with, anywhere, at the body the article is about; a
        # former post beside it leaves the current one to be understood ("Chief executive
        # Franklin Raines, a former senior official in the Clinton administration")
        parts = (facts.title or "").split("; ")
        held = {p.role for p in facts.positions}  # "who was chief economist at X": a past post
        for k, part in enumerate(parts if group is None else []):
            firm = None if part in held else subject_firm(doc, part)
            if firm is not None:
                organization, parts[k] = firm
                facts.title = "; ".join(parts)
                evidence = list(facts.title_evidence)
                facts.positions.append(Position(organization, role=parts[k], evidence=evidence))
                break
    expand_acronyms(doc, facts.positions)
    bio = biography.read_biography(doc, mentions)
    for pos in bio.positions:
        add_position(facts.positions, pos)
    facts.publications = merge_works(facts.publications + bio.publications)
    facts.research_areas = bio.research_areas
    facts.editorial_roles = bio.editorial_roles
    return facts


def expand_acronyms(doc: Doc, positions: list[Position]) -> None:
    """Give a body written as an acronym the full name the text defined for it: "the MDA's
    chairman" after "the Mobile Data Association (MDA)"."""
    index = doc_orgs(doc)
    for pos in positions:
        full = index.acronyms.get(pos.organization)
        if full:
            pos.acronym, pos.organization = pos.organization, full
        if pos.parent in index.acronyms:
            pos.parent = index.acronyms[pos.parent]


# "Richard Alba and Nancy Foner, sociologists at X": a second name after the first, then a comma
AND_NAME_RE = re.compile(r"\s+and\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*(?=,\s)")


def shared_appositive(doc: Doc, m_end: int, s_end: int, evidence: Evidence) -> list[Descriptor]:
    """The plural appositive after two coordinated names, read for the first of them too
    ("Richard Alba and Nancy Foner, sociologists at the City University of New York")."""
    text = doc_text(doc)
    pair = AND_NAME_RE.match(text, m_end, s_end)
    if pair is None:
        return []
    for a_start, a_end, org_only in appositive_spans(text, pair.end(), s_end):
        role = re.split(r"\s+(?:at|of|with|from|for|in)\s+", text[a_start:a_end])[0]
        head = last_head_word(role)
        if role_word(head) in (None, head.lower()):
            return []  # one name's own description: "X and Y, a professor at Z"
        parsed = parse_descriptor(doc, a_start, a_end, org_only=org_only)
        return [] if parsed is None else [Descriptor(*parsed, CONF_APPOSITIVE, evidence)]
    return []


def descriptors_at(
    doc: Doc,
    m_start: int,
    m_end: int,
    *,
    copula_only: bool = False,
    notes: list[str] | None = None,
) -> list[Descriptor]:
    """Every title phrase attached to one name mention: appositive, pre-modifier, copula.

    A pronoun mention ("He is a senior fellow at X") is read for the copula only. `notes`
    receives the phrases read, as written, with a relative clause after them ("who is
    representing the industry") and what a body named in them is said to be ("Germany's
    largest private bank"): what the person's kind is decided from.
    """
    notes = [] if notes is None else notes
    s_start, s_end = sentence_bounds(doc, m_start)
    evidence = sentence_evidence(doc, m_start, m_end)
    found: list[Descriptor] = []
    text = doc_text(doc)
    if copula_only:
        return copular(doc, m_end, s_end, evidence)
    after = MEMBER_LETTERS_AFTER_RE.match(text, m_end)
    if after is not None:
        m_end = after.end()  # what describes the person follows: "Ruth Kelly MP, the ..."
    letters = MEMBER_LETTERS_RE.search(text, m_start, m_end)
    # "analyst Mike Pole of ...": a role held at a firm, written right before the name
    before = re.search(r"([\w-]+)\s+$", text[max(s_start, m_start - 30) : m_start])
    employed = bool(before) and (role_word(before.group(1)) or "") in EMPLOYEE_ROLES
    # "a Rubio spokesman", "the Acme chief executive": a role right after a name the article
    # opens is the role of someone the name owns, not the name's own
    owned = re.search(r"\b(?:a|an|the)\s+$", text[max(s_start, m_start - 5) : m_start], re.I)
    for a_start, a_end, org_only in appositive_spans(text, m_end, s_end):
        if owned and not re.search(r"[,(\u2013\u2014-]", text[m_end:a_start]):
            break
        if text.startswith("who ", a_start):
            notes.append(text[a_start:a_end])
            parsed = parse_clause(doc, a_start, a_end)
            if parsed is not None:
                found.append(Descriptor(*parsed, CONF_APPOSITIVE, evidence))
            break
        parsed_any = False
        hint = None
        for d_start, d_end in conjoined(text, a_start, a_end):
            parsed = parse_descriptor(
                doc, d_start, d_end, org_only=org_only, parent_hint=hint, employed=employed
            )
            if parsed is None:
                break
            parsed_any = True
            found.append(Descriptor(*parsed, CONF_APPOSITIVE, evidence))
            notes.append(text[d_start:d_end])
            if parsed[1]:
                hint = parsed[1][0].organization
        if not parsed_any and org_only:
            continue  # "X, 32, of Chicago, an account executive": a town, then a post
        if not parsed_any:
            break
        about_body = body_appositive(text, a_end, s_end)
        if about_body:
            notes.append(f"of {about_body}")
        who = WHO_CLAUSE_RE.match(text, a_end, s_end)
        if who:
            notes.append(who.group().lstrip(", "))
        clause = re.search(r"\s+who\s", text[a_start:a_end])
        if clause:
            parsed = parse_clause(doc, a_start + clause.end() - 4, a_end)
            if parsed is not None:
                # "a former adviser who is now a senior fellow at X": both are titles.
                role = parsed[0] if parsed[0] and is_role_head(last_head_word(parsed[0])) else None
                found.append(Descriptor(role, parsed[1], [], CONF_APPOSITIVE, evidence))
    found.extend(shared_appositive(doc, m_end, s_end, evidence))
    ahead = fronted(doc, m_start, s_start, m_end)
    if ahead is not None:
        parsed = parse_descriptor(doc, *ahead, fronted=True)
        if parsed is not None and parsed[0]:
            found.append(Descriptor(*parsed, CONF_APPOSITIVE, evidence))
            notes.append(text[ahead[0] : ahead[1]])
    pre = premodifier(doc, m_start, m_end)
    if pre is not None and pre[3] >= s_start:
        title, org, former, _ = pre
        positions = []
        # "Donald Trump Finally Endorses House Speaker Paul Ryan.": in a Title Case headline
        # every word is capitalised, so no capitals there can be told for a body's name
        if org is not None and m_start < title_case_headline_end(text):
            org = None
        if org is not None:
            positions.append(
                Position(
                    organization=org.name,
                    role=title,
                    kind="former" if former else "current",
                )
            )
        # "Professor X" or "Sen. X" alone is the weakest title: any stated role wins over it.
        honorific = title == "Professor" or is_office_title(title)
        confidence = CONF_HONORIFIC if honorific and org is None else CONF_PREMODIFIER
        found.append(Descriptor(title, positions, [], confidence, evidence))
        notes.append(text[pre[3] : m_start].strip())
    elif pre is None:
        body = possessive_body(doc, m_start)
        if body is not None and body.start >= s_start:
            position = Position(organization=body.name, acronym=body.acronym)
            found.append(Descriptor(None, [position], [], CONF_PREMODIFIER, evidence))
            # "Deutsche Bank's X" reads like "X from Deutsche Bank": one of the body's own
            # people, an expert only where the body is a research or analysis house
            notes.append(f"from {body.name}")
    if letters is not None:
        # "Frank Field MP": the seat, written after the name; any other stated role wins
        found.append(Descriptor(letters.group(1), [], [], CONF_HONORIFIC, evidence))
    return found + copular(doc, m_end, s_end, evidence)


# A member's letters written after the name, in the mention or right after it ("Ruth Kelly MP").
MEMBER_LETTERS_RE = re.compile(r"\s(MP|MSP|MEP)$")
MEMBER_LETTERS_AFTER_RE = re.compile(r"\s+(MP|MSP|MEP)\b(?!['’])")

# A clause after a name that says what the person does: ", who is representing the industry".
WHO_CLAUSE_RE = re.compile(r",?\s+who\s+[^,.;:]{3,120}")


def sentence_bounds(doc: Doc, start: int) -> tuple[int, int]:
    """Character bounds of the sentence line holding offset `start`."""
    ev = sentence_evidence(doc, start)
    return ev.start, ev.end


def is_pronoun(doc: Doc, start: int, end: int) -> bool:
    """True when a mention is a pronoun ("He", "his") or lowercase nominal."""
    text = doc_text(doc)[start:end].strip()
    return text.lower() in PRONOUNS or not text[:1].isupper()


def add_position(positions: list[Position], new: Position) -> None:
    """Add a position, merging it into an existing one for the same organization and kind. A
    body named with a courtesy title ("Mr Farage") is a person read as a body: no post."""
    if COURTESY_RE.match(new.organization):
        return
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
