"""One descriptor phrase read into a title and the posts it names.

"a professor of international politics at the Institute of International Studies (IIS) at Fudan
University in Shanghai" -> the title "professor of international politics" and a position at the
Institute (parent Fudan University, place Shanghai). `directory.extract.facts` finds the phrases
around a person's mentions; this module reads each one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from directory.extract.orgs import (
    Chunk,
    clean_chunk,
    doc_text,
    ent_labels,
    has_org_word,
    is_capitalized,
    is_known_person,
    span_at,
    split_chain,
    word_set,
)
from directory.models import Position

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
    vice-chair vice-chairman vice-president writer veteran aide
    """
)
# Heads whose "of ORG" belongs in the title ("director of the Critical Threats Project").
LEADING_HEADS = word_set(
    """
    chair chairman chairwoman chairperson co-director coordinator co-ordinator dean director
    head manager president principal vice-president
    """
)
FORMER_WORDS = frozenset({"former", "ex", "retired", "erstwhile", "onetime", "one-time"})
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
# Words tagged as verbs that belong to a role ("managing director", "acting chairman").
ROLE_MODIFIERS = frozenset({"managing", "acting", "leading", "presiding", "visiting", "retired"})
# Words that never sit inside a bare role ("Clinton or another government official").
FUNCTION_WORDS = word_set(
    """
    a an the another any some or and nor but of to in at for with by on as from than that this
    these those said says told is was are were be been his her their its our my your
    """
)

# The title and its organizations come before a relative clause ("who studies ...").
CLAUSE_RE = re.compile(
    r"\s+(?:who|whose|which|that|where|charged with|responsible for|until)\b|[;:]\s|\s[-–—]+\s"
)
BOUNDARY_RE = re.compile(
    r"(?:^|\s+)(?P<prep>at|with|from|based at|based in|now at|in|for|of)\s+"
    r"(?=(?:the\s+|its\s+)?(?:''|[\"“‘])?[A-Z0-9])"
    # "at the government-funded Rand Corporation", "at analysts Gartner"
    r"|\s+(?P<prep2>at|with|of|for|now at|based at)\s+"
    r"(?=(?:the\s+)?(?:(?!(?:at|in|of|with|for|from|and)\s)[a-z][\w-]*\s+){1,3}[A-Z])"
)
# What follows an organization but is not part of it: "at MIT and one of the paper's authors".
TAIL_RE = re.compile(
    r"\s+and\s+(?:one|also|is|was|has|had|then|now|later|author|co-author)\b|\s+from\s+\d{4}\b"
)
ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
STATE_ABBREV_RE = re.compile(r"^[A-Z][a-z]{0,4}\.(?:\s?[A-Z]\.)?$")
QUOTE_CHARS = '"“”‘’`'


def is_role_head(word: str) -> bool:
    """True for a noun that can head a title ("economist", "Professor", "vice-president")."""
    word = word.lower().strip(".,;:")
    if word in ROLE_HEADS:
        return True
    if "-" in word:
        return word.rsplit("-", 1)[-1] in ROLE_HEADS
    return word.endswith("ist") and len(word) > 5


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
    lead = re.match(r",\s+|\s+[-–—]+\s+", rest) or bare_role(rest)
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


def bare_role(rest: str) -> re.Match | None:
    """The gap before a role written after a name with no comma ("X mobile industry specialist
    for IDC"): up to three lowercase words ending in a role word."""
    words = re.match(r"\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\b", rest)
    if words is None:
        return None
    for word in words.group(1).split():
        if word in FUNCTION_WORDS:
            return None
        if is_role_head(word):
            after = rest[words.end() :].lstrip()
            # "Bill Clinton pollster Douglas Schoen": the role belongs to the next name.
            return None if after[:1].isupper() else re.match(r"\s+", rest)
    return None


def descriptor_end(text: str, start: int, limit: int) -> int:
    """Where an appositive that starts at `start` ends: a comma, quote, dash or the sentence end.

    A comma followed by a place ("in Lawrenceville, N.J.") or by the rest of a university's
    name ("University of California, San Diego") does not end it.
    """
    i = start
    while i < limit:
        ch = text[i]
        opening = ch in QUOTE_CHARS and ch not in "’" or text.startswith("''", i)
        if opening and re.search(r"\b(?:co-)?author of\s*$", text[start:i]):
            # "author of ''America's Unwritten Constitution,''": the title is quoted.
            close = re.compile(r"''|[\"”]").search(text, i + (2 if text.startswith("''", i) else 1))
            if close and close.end() <= limit:
                return close.end()
        if ch in ";:" or ch in QUOTE_CHARS and ch not in "’":
            return i
        if ch in "-–—" and text[i - 1 : i] == " " and text[i + 1 : i + 2] == " ":
            return i - 1
        if ch == "'" and text[i + 1 : i + 2] == "'":
            return i
        if ch == "." and sentence_breaks(text, i):
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


ABBREVIATIONS = word_set(
    """
    mr mrs ms dr st jr sr inc corp co ltd gen lt col capt sen rep gov prof dept univ no vs
    calif conn mass penn wash ariz colo fla ill mich minn tenn tex wis okla ore nev mont
    """
)


def sentence_breaks(text: str, dot: int) -> bool:
    """True when the full stop at `dot` ends a sentence ("at PC Pro. Apple's ..."), not an
    abbreviation ("N.J.", "Calif.", "Lt. Gen.")."""
    if not re.match(r"\s+[A-Z\"“‘']", text[dot + 1 : dot + 3]):
        return False
    word = re.search(r"([\w.]+)$", text[:dot])
    if word is None:
        return True
    word = word.group(1)
    return len(word) > 1 and "." not in word and word.lower() not in ABBREVIATIONS


def continues_name(text: str, comma: int) -> bool:
    """True for "University of California, San Diego": a campus named after the comma."""
    before = text[max(0, comma - 60) : comma]
    after = re.match(
        r",\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*([,.;]|$|\s+(?!of|at)[a-z])", text[comma:]
    )
    return bool(re.search(r"University of [A-Z][\w-]*(?: [A-Z][\w-]*)?$", before)) and bool(after)


def parse_descriptor(
    doc: Doc,
    start: int,
    end: int,
    *,
    org_only: bool = False,
    former: bool = False,
    parent_hint: str | None = None,
) -> tuple[str | None, list[Position], list[str]] | None:
    """The title, positions and works in one descriptor, or None when it is not a title at all.

    "a professor of international politics at the Institute of International Studies (IIS)
    at Fudan University in Shanghai" -> ("professor of international politics",
    [Institute of International Studies (IIS), parent Fudan University, place Shanghai]).
    """
    text = doc_text(doc)[start:end]
    clause = CLAUSE_RE.search(text)
    if clause:
        text = text[: clause.start()]
    if re.match(r"(?:its|his|her|their|our|whose|which|that|where|when)\s", text):
        return None
    art = ARTICLE_RE.match(text)
    if art:
        text, start = text[art.end() :], start + art.end()
    age = re.match(r"\d+-year-old\s+", text)
    if age:
        text, start = text[age.end() :], start + age.end()
    tail = TAIL_RE.search(text)
    if tail:
        text = text[: tail.start()]
    verb = first_finite_verb(doc, start, start + len(text))
    if verb is not None:
        # "economist at Global Insight said the MPC ...": the post ends before the verb.
        text = text[: verb - start]
    text = text.rstrip(" .,")
    if not text:
        return None
    boundary = find_boundary(text)
    role_text = text[: boundary.start()] if boundary else text
    if org_only and role_text.strip() or has_finite_verb(doc, start, start + len(role_text)):
        return None
    lone_prep = boundary and not role_text.strip() and (boundary.group("prep") or "")
    if lone_prep and lone_prep not in {"of", "from", "at", "for", "based at", "based in"}:
        # Only "X, of/from/at Y" names an organization alone; "X, with Christie" does not.
        return None
    if starts_with_verb(doc, start) or names_someone_else(doc, start, start + len(role_text)):
        return None
    words = role_text.split()
    if words and words[0].lower().rstrip("-") in FORMER_WORDS or role_text.startswith("ex-"):
        former = True
    kind = "former" if former else "current"
    if words and words[0].lower() == "visiting":
        kind = "visiting"
    if words and words[-1].lower() == "veteran":
        kind = "former"  # "a 30-year veteran of the CIA": served there, not said to be there now
    title, role_org = split_role(doc, role_text, start)
    if title is None and role_text.strip() and role_org is None:
        # Neither a role ("US chief economist") nor a name ("Center for X"): not a title.
        return None
    if title and boundary and boundary.group("prep") == "of" and is_author(title):
        # "author of The Age of Oversupply": a work, not an employer.
        work = text[boundary.end() :].strip(QUOTE_CHARS + "', ")
        return f"{title} of {text[boundary.end() :].strip()}", [], [work]
    chunks: list[Chunk] = []
    prep = None
    if boundary:
        prep = boundary.group("prep") or boundary.group("prep2")
        chain_start = boundary.end()
        chunks = split_chain(text[chain_start:], start + chain_start, doc, prep)
        if prep not in {"at", "with", "now at", "based at"}:
            # "adviser for Sen. Lamar Alexander"; after "at", NER's PERSON is usually a
            # firm it misread ("at analysts Gartner").
            chunks = [c for c in chunks if "PERSON" not in ent_labels(doc, c.start, c.end)]
        if parent_hint and re.match(r"its\s", text[chain_start:]) and chunks:
            chunks[0].parent = parent_hint
    orgs = [c for c in chunks if not c.is_place]
    places = [c for c in chunks if c.is_place]
    if org_only and not (
        orgs
        and (
            has_org_word(orgs[0].name) or is_org(doc, orgs[0]) and not is_known_person(doc, orgs[0])
        )
    ):
        # "said Patrick Murray of Christie": without a comma, "of" must name an organization.
        return None
    if title and prep == "of" and orgs and title_takes_org(title, text, boundary):
        title = f"{title} of {text[boundary.end() : orgs[0].end - start].strip()}"
        title = re.sub(r"\bof its\b", "of the", title)
    if former and role_text.strip():
        title = role_text.strip()
    if title:
        title = re.sub(r"(?:\s+(?:of|in|for|at|to|with|and|on))+$", "", title).strip()
    chain_kind = "current" if prep == "now at" else kind
    positions: list[Position] = []
    if role_org is not None:
        nested = orgs[:1] if prep in {"at", "of"} and not former else []
        positions.append(make_position(role_org, nested, title, kind, places))
        if not nested:
            positions += chain_positions(orgs, None if former else title, chain_kind, places)
    else:
        positions += chain_positions(orgs, title, chain_kind, places)
    if title is None and not positions:
        return None
    return title, positions, []


def is_author(title: str) -> bool:
    """True for "author", "co-author": their "of X" names a work."""
    return title.split()[-1].lower() in {"author", "co-author", "authors", "co-authors"}


def chain_positions(
    orgs: list[Chunk], role: str | None, kind: str, places: list[Chunk]
) -> list[Position]:
    """Positions of an organization chain: "X at Y" nests X in Y; "X and the Y" are two posts."""
    positions: list[Position] = []
    k = 0
    while k < len(orgs):
        org = orgs[k]
        nested = orgs[k + 1 : k + 2] if k + 1 < len(orgs) and orgs[k + 1].prep != "and" else []
        positions.append(make_position(org, nested, role, kind, places))
        k += 1 + len(nested)
        while k < len(orgs) and orgs[k].prep != "and":
            k += 1
    return positions


def starts_with_verb(doc: Doc, start: int) -> bool:
    """True for a phrase that opens with a verb ("telling ABC's This Week that ...")."""
    span = span_at(doc, start, start + 1)
    if span is None or span[0].text.lower() in ROLE_MODIFIERS:
        return False
    return span[0].pos_ in {"VERB", "AUX"} and span[0].tag_ != "VBN"


def names_someone_else(doc: Doc, start: int, end: int) -> bool:
    """True for a role that is a pre-modifier of another name ("pollster Douglas Schoen")."""
    if end <= start:
        return False
    span = span_at(doc, start, end)
    if span is None:
        return False
    heads = []
    for tok in span:
        if tok.pos_ == "ADP":
            break  # "adviser to President George W. Bush": a complement names whom they serve
        if is_role_head(tok.text):
            heads.append(tok)
    # Only the last role word counts: "Senator Alice Moreno's spokesman" is a spokesman.
    return bool(heads) and heads[-1].i + 1 < len(doc) and doc[heads[-1].i + 1].ent_type_ == "PERSON"


def first_finite_verb(doc: Doc, start: int, end: int) -> int | None:
    """Offset of the first finite verb in [start, end), if any."""
    if end <= start:
        return None
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    for tok in span:
        if tok.i > span.start and (tok.tag_ in {"VBD", "VBZ", "VBP", "MD"} or tok.pos_ == "SCONJ"):
            return tok.idx
        if tok.text == "by" and tok.nbor().text == "the" and tok.nbor(2).text == "time":
            return tok.idx
    return None


def has_finite_verb(doc: Doc, start: int, end: int) -> bool:
    """True when a would-be title holds a finite verb ("the research was conducted by ...")."""
    if end <= start:
        return False
    span = span_at(doc, start, end)
    if span is None:
        return False
    for tok in span:
        if tok.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
            return True
        # "the first woman elected as president", "asked about the need"
        nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
        if tok.tag_ == "VBN" and nxt is not None and nxt.text in {"as", "by", "about", "to"}:
            return True
    return False


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


def find_boundary(text: str) -> re.Match | None:
    """Where the role ends and its organizations begin: the first "at"/"of"/... that follows a
    lowercase word, so "of" inside "University of Washington professor" is not one."""
    for match in BOUNDARY_RE.finditer(text):
        before = text[: match.start()].split()
        if not before or not is_capitalized(before[-1]) or is_role_head(before[-1]):
            return match
    return None


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
    poss = re.search(r"['’]s?\s+", role_text)
    if poss and re.search(r"['’]", poss.group()):
        owner = clean_chunk(role_text[: poss.start()], offset)
        rest = role_text[poss.end() :]
        if not (rest.split() and is_role_head(last_head_word(rest))):
            return None, None
        if owner is not None and is_person(doc, owner):
            # "Sanders's spokesman": a person's aide, not an organization's.
            owner = None
        if owner is not None and is_place(doc, owner):
            # "India's finance minister": the country is part of the title.
            return role_text, None
        return rest, owner
    words = list(re.finditer(r"\S+", role_text))
    head_idx = next((i for i, w in enumerate(words) if is_role_head(w.group())), None)
    if head_idx is None:
        org = clean_chunk(role_text, offset)
        if org and (has_org_word(org.name) or ent_labels(doc, org.start, org.end) & {"ORG"}):
            return None, org
        return None, None
    # Leading capitalized words that are an organization, not a place or nationality.
    first = 1 if words[0].group().lower() in FORMER_WORDS else 0
    cut = 0
    for i, w in enumerate(words[:head_idx]):
        if i < first:
            continue
        word = w.group()
        if not is_capitalized(word) and word not in {"of", "for", "and", "&"}:
            break
        if is_role_head(word):
            break
        cut = i + 1
    if cut > first:
        org_start = words[first].start()
        org_text = role_text[org_start : words[cut - 1].end()]
        labels = ent_labels(doc, offset + org_start, offset + org_start + len(org_text))
        if has_org_word(org_text) or ("ORG" in labels and not labels & PLACE_LABELS):
            title = role_text if first else role_text[words[cut].start() :]
            org = clean_chunk(org_text, offset + org_start)
            return title, org
    return role_text, None


def is_person(doc: Doc, chunk: Chunk) -> bool:
    """True when NER calls a chunk a person and nothing marks it as an organization."""
    return "PERSON" in ent_labels(doc, chunk.start, chunk.end) and not has_org_word(chunk.name)


def is_place(doc: Doc, chunk: Chunk) -> bool:
    """True when NER calls a chunk a country, city or region and nothing marks an organization."""
    labels = ent_labels(doc, chunk.start, chunk.end)
    return bool(labels & {"GPE", "LOC"}) and not labels & {"ORG"} and not has_org_word(chunk.name)


def last_head_word(text: str) -> str:
    """The role noun of a title: the word before "of"/"in", else the last word."""
    words = re.split(r"\s+(?:of|in|for|on)\s+", text, maxsplit=1)[0].split()
    return words[-1] if words else ""


def is_org(doc: Doc, chunk: Chunk) -> bool:
    """True when NER calls a chunk an organization and not a person or place."""
    labels = ent_labels(doc, chunk.start, chunk.end)
    return "ORG" in labels and not labels & {"PERSON", "GPE"}
