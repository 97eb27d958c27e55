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
from directory.extract.docorgs import doc_orgs
from directory.extract.orgs import (
    Chunk,
    clean_chunk,
    doc_text,
    ent_labels,
    has_org_word,
    is_capitalized,
    is_known_person,
    keeps_article,
    span_at,
    split_chain,
    word_set,
)
from directory.extract.roles import (
    EMPLOYEE_ROLES,
    LEADING_HEADS,
    PARTY_WORDS,
    is_academic,
    is_nationality,
    role_word,
)
from directory.models import EditorialRole, Evidence, Position, Publication, ResearchArea

# Words before a name that are honorifics or ranks, not titles.
HONORIFICS = word_set(
    """
    dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord lady prof prof. professor rev rev.
    reverend sen. sen rep. rep gov. gov lt. lt gen. gen capt. capt col. col maj. maj sgt. sgt
    adm. adm cmdr. hon. colonel captain lieutenant admiral sergeant brigadier
    """
)
FORMER_WORDS = frozenset({"former", "ex", "retired", "erstwhile", "onetime", "one-time"})
PRONOUNS = frozenset(
    {"he", "she", "his", "her", "him", "hers", "they", "their", "them", "i", "we", "you"}
)
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
# Words tagged as verbs that belong to a role ("managing director", "acting chairman").
ROLE_MODIFIERS = frozenset({"managing", "acting", "leading", "presiding", "visiting", "retired"})
# Capitalized words that open a title rather than close an organization ("FBI General Counsel").
TITLE_MODIFIERS = word_set(
    """
    general deputy assistant associate chief senior vice executive managing acting principal
    lead special junior former interim shadow
    """
)
# Capitalised words that open a title at the start of a sentence without naming anybody
# ("Leading economist X said", "Independent analyst X").
COMMON_TITLE_WORDS = word_set(
    """
    leading top independent veteran prominent respected renowned noted distinguished
    influential young local eminent famous celebrated award-winning political economic
    financial industry market city stock bond equity film music theatre television art
    technology science health education legal constitutional military defence defense
    foreign domestic regional national international global european american british
    one another some many other """
)
# Verbs that join a name to a role without making it a title of the mention ("Mrs. Clinton
# became secretary of state").
LINKING_VERBS = word_set(
    "became becomes become remains remained serves served named appointed elected called"
)
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
    r"|\s+(?P<prep2>at|with|of|for|from|now at|based at)\s+"
    r"(?=(?:the\s+)?(?:(?!(?:at|in|of|with|for|from|and)\s)[a-z][\w'’-]*\s+){1,3}[A-Z])"
)
# What follows an organization but is not part of it: "at MIT and one of the paper's authors".
TAIL_RE = re.compile(
    r"\s+and\s+(?:one|also|is|was|has|had|then|now|later|author|co-author)\b|\s+from\s+\d{4}\b"
)
ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
CONJ_DESCRIPTOR_RE = re.compile(
    r",?\s+and\s+(?:(?:also|currently|now|later)\s+)?(?:(?:a|an|the)\s+)?"
)
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
    # The phrases read around the person's names, as written ("from RIPMobile", "a strategist
    # who is representing the industry"), for deciding their kind.
    descriptions: list[str] = field(default_factory=list)


@dataclass
class Descriptor:
    """One title phrase read next to a mention, with the posts and works it names."""

    title: str | None
    positions: list[Position]
    works: list[str]
    confidence: float
    evidence: Evidence


def is_role_head(word: str) -> bool:
    """True for a noun that can head a title ("economist", "Professor", "vice-president"),
    also when the source misspells it ("anaylst") or writes a plural ("analysts with X")."""
    return role_word(word) is not None


def sentence_bounds(doc: Doc, start: int) -> tuple[int, int]:
    """Character bounds of the sentence line holding offset `start`."""
    ev = sentence_evidence(doc, start)
    return ev.start, ev.end


def is_pronoun(doc: Doc, start: int, end: int) -> bool:
    """True when a mention is a pronoun ("He", "his") or lowercase nominal."""
    text = doc_text(doc)[start:end].strip()
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
        if word in FUNCTION_WORDS or word in LINKING_VERBS or word.endswith(("ly", "ed")):
            return None  # "President Obama passionately rebuked critics": a verb phrase
        if is_role_head(word) and (role_word(word) == word or not word.endswith("s")):
            after = rest[words.end() :].lstrip()
            # "Bill Clinton pollster Douglas Schoen", "the Trump campaign manager, Corey
            # Lewandowski,": the role belongs to the next name.
            if after[:1].isupper() or re.match(r",\s+[A-Z]", after):
                return None
            return re.match(r"\s+", rest)
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
            listed = comma_in_name(text, start, i, limit)
            if listed:
                i = listed  # "Centre for Work, Family and Society at Redbrook University"
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


# A body named for a list of things: "Centre for Work, Family and Society", "Department for
# Environment, Food and Rural Affairs".
LIST_NAME_HEAD_RE = re.compile(
    r"\b[A-Z][a-z]+\s+(?:for|of|on)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*$"
)
LIST_NAME_TAIL_RE = re.compile(
    r"(?:,\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})*,?\s+(?:and|&)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
)


def comma_in_name(text: str, start: int, comma: int, limit: int) -> int | None:
    """Where a name that runs on past a comma ends, or None: "Centre for Work, Family and
    Society" (a list of capitalised words closed by "and"), after an organisation word."""
    head = LIST_NAME_HEAD_RE.search(text, max(start, comma - 80), comma)
    if head is None or not has_org_word(head.group().split()[0]):
        return None
    tail = LIST_NAME_TAIL_RE.match(text, comma, limit)
    return tail.end() if tail else None


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
    fronted: bool = False,
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
    if fronted and re.match(r"its\s", text, re.IGNORECASE):
        pass  # "Its chief economist, Ruth Garner,": a body named before
    elif re.match(
        r"(?:its|his|her|their|our|whose|which|that|where|when|but|and|or|yet|so|because|"
        r"while|although|though|if|as|during|after|before|despite|amid|like|unlike|under|"
        r"since|until|following|in|on|by|into|over|about|against|without)\s",
        text,
        re.IGNORECASE if fronted else 0,
    ):
        return None  # "Hillary, but all the pundits have ...": no descriptor at all
    if fronted and re.match(r"(?:his|her|my|our|your|their)\s", text, re.IGNORECASE):
        return None  # "His lawyer, Tom Reyes,": whose aide the text has just said
    now = re.match(r"(?:now|currently|also|still)\s+", text)
    if now:
        text, start = text[now.end() :], start + now.end()  # "now chairman of Mersey TV"
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
        bare = not any(is_role_head(w) for w in text.split())
        if bare and not re.match(r"(?:of|from|at|with)\s", text) and not has_org_word(text):
            # "As for Mr. Bloomberg, Forbes says ...": a clause, not a descriptor (but
            # "Colin Asplin, Blackpool Hotel Association said" names his body)
            return None
    participle = trailing_participle(doc, start, start + len(text))
    if participle is not None:
        text = text[: participle - start]  # "a text message guru living in Britain"
    text = text.rstrip(" .,")
    if not text:
        return None
    boundary = find_boundary(text)
    role_text = text[: boundary.start()] if boundary else text
    back = None
    if boundary is None:
        # "an analyst at the firm", "the bank's chief economist": a body named earlier
        role_text, back = back_reference(doc, role_text, start)
        text = role_text if back else text
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
            # firm it misread ("at analysts Gartner"), and so it is after a noun naming a
            # kind of body ("of UK magazine Mac Format").
            chunks = [
                c
                for c in chunks
                if "PERSON" not in ent_labels(doc, c.start, c.end)
                or after_body_noun(doc, c)
                or " " not in c.name
                and not doc_orgs(doc).is_person(c.name)
                and employs(role_text)
            ]
        # "spokesman for Sanders" where the text names Bernie Sanders: a person, not a body
        chunks = [c for c in chunks if has_org_word(c.name) or not doc_orgs(doc).is_person(c.name)]
        if parent_hint and re.match(r"its\s", text[chain_start:]) and chunks:
            chunks[0].parent = parent_hint
        if chunks:
            employer_or_place(doc, chunks[0], title, prep)
            if not title and prep in {"of", "from"} and is_hometown(doc, chunks[0], start):
                chunks[0].is_place = True  # "Tony Martin, of Burnley": a voter's town
            if body_appositive(doc_text(doc), start + len(text), len(doc_text(doc))):
                chunks[0].is_place = False  # "of Berenberg, Germany's largest private bank"
    orgs = [c for c in chunks if not c.is_place]
    places = [c for c in chunks if c.is_place]
    if org_only and not (
        orgs
        and (
            has_org_word(orgs[0].name)
            or is_org(doc, orgs[0])
            and not is_known_person(doc, orgs[0])
            # "said analyst Jason Kenney at ING": people are "at" bodies, not "at" people
            or prep == "at"
            and not ent_labels(doc, orgs[0].start, orgs[0].end)
            # "Holger Schmieding of Berenberg, Germany's largest private bank,"
            or body_appositive(doc_text(doc), start + len(text), len(doc_text(doc)))
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
    if back and title and not positions:
        full, acronym = doc_orgs(doc).expand(back)
        positions.append(Position(organization=full, acronym=acronym, role=title, kind=kind))
    if title is None and not positions:
        return None
    return title, positions, []


# "at the firm", "the bank's", "its": a body the text has named before.
BACK_NOUNS_RE = (
    r"(?P<noun>firm|company|group|business|bank|consultancy|broker|organisation|organization|"
    r"agency|charity|body|institute|think[- ]tank|centre|center|university|college|school)"
)
BACK_NOUN_WORDS = frozenset(
    [
        "firm",
        "company",
        "group",
        "business",
        "bank",
        "consultancy",
        "broker",
        "organisation",
        "organization",
        "agency",
        "charity",
        "body",
        "institute",
        "think-tank",
        "centre",
        "center",
        "university",
        "college",
        "school",
    ]
)
BACK_AT_RE = re.compile(r"\s+(?:at|with|of|for)\s+(?:the|this|that)\s+" + BACK_NOUNS_RE + r"\s*$")
BACK_OWNER_RE = re.compile(
    r"^(?:(?:(?:the|this|that)\s+)?" + BACK_NOUNS_RE + r"['’]s|(?P<its>its))\s+",
    re.IGNORECASE,
)


def back_reference(doc: Doc, role_text: str, start: int) -> tuple[str, str | None]:
    """Split "analyst at the firm" / "the firm's chief economist" / "its director" into the
    role and the body the text named last before it (None when there is none)."""
    index = doc_orgs(doc)
    at = BACK_AT_RE.search(role_text)
    if at:
        return role_text[: at.start()], index.before(start, at.group("noun").lower())
    owner = BACK_OWNER_RE.match(role_text)
    if owner:
        noun = (owner.group("noun") or "").lower() or None
        return role_text[owner.end() :], index.before(start, noun)
    return role_text, None


# Nouns that name a kind of body just before its name ("anti-virus firm Sophos", "UK magazine
# Mac Format", "think-tank Demos"): what follows is that body, whatever the model reads.
BODY_NOUNS = word_set(
    """
    firm company group bank broker brokers consultancy analysts magazine newspaper paper
    website site publisher producer label charity think-tank agency network channel station
    retailer maker manufacturer giant chain operator carrier provider developer studio
    watchdog regulator insurer lender
    """
)


def employs(role_text: str) -> bool:
    """True when a role is one held at a firm ("general manager", "chief economist"), so a lone
    unknown word after its "of" is the firm, whatever the model reads."""
    words = role_text.split()
    return bool(words) and (role_word(words[-1]) or "") in EMPLOYEE_ROLES


def after_body_noun(doc: Doc, chunk: Chunk) -> bool:
    """True when a chunk follows a noun naming a kind of body ("magazine Mac Format")."""
    before = re.search(r"([\w-]+)\s+$", doc_text(doc)[max(0, chunk.start - 30) : chunk.start])
    return bool(before) and before.group(1).lower() in BODY_NOUNS


def employer_or_place(doc: Doc, chunk: Chunk, title: str | None, prep: str | None) -> None:
    """Make the first name after "<role> at/with" the employer when the model read it as a
    place: "a lecturer at Leeds" (the university), "an economist with MM Warburg"."""
    if not chunk.is_place or prep not in {"at", "with"} or not title:
        return
    role = role_word(last_head_word(title)) or ""
    if is_academic(role) or role in EMPLOYEE_ROLES and not doc_orgs(doc).is_place(chunk.name):
        chunk.is_place = False


def is_hometown(doc: Doc, chunk: Chunk, start: int) -> bool:
    """True for "X, of Burnley" / "X, 45, from Whitby": a one-word name with nothing of a body
    about it (no organisation word, not an acronym, no "the") that the text uses as a place or
    that follows an age."""
    name = chunk.name
    if " " in name or has_org_word(name) or name.isupper():
        return False
    text = doc_text(doc)
    if re.search(r"\bthe\s+$", text[max(0, chunk.start - 5) : chunk.start]):
        return False
    if ent_labels(doc, chunk.start, chunk.end) & {"GPE", "LOC"}:
        return True
    aged = re.search(r",\s*\d{1,3}\s*,\s*$", text[max(0, start - 12) : start])
    return bool(aged) or doc_orgs(doc).is_place(name)


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
    if span is None:
        return False
    tok = span[0]
    if tok.text.lower() in ROLE_MODIFIERS:
        # "acting chairman" is a role; "acting as a character reference" is a verb
        return tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "as"
    return tok.pos_ in {"VERB", "AUX"} and tok.tag_ != "VBN"


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


def trailing_participle(doc: Doc, start: int, end: int) -> int | None:
    """Offset of a present participle after the role word ("guru living in Britain"), which
    starts a clause about the person, not part of the title."""
    span = span_at(doc, start, end)
    if span is None:
        return None
    seen_role = False
    for tok in span:
        # "guru living in Britain", "the judge hearing the case": a clause on the noun;
        # "journalist and dating expert", "head of equities trading": part of the title
        clause = tok.dep_ in {"acl", "relcl", "advcl"}
        if tok.tag_ == "VBG" and seen_role and clause and tok.lower_ not in ROLE_MODIFIERS:
            return tok.idx
        seen_role = seen_role or is_role_head(tok.text)
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
    first_head = next(
        (
            w.start()
            for w in re.finditer(r"\S+", role_text)
            if w.group()[:1].islower() and is_role_head(w.group())
        ),
        None,
    )
    if poss and first_head is not None and first_head < poss.start():
        # "strategist on John McCain's campaign": the possessive is after the role
        poss = None
    if poss and re.search(r"['’]", poss.group()):
        owner = clean_chunk(role_text[: poss.start()], offset)
        rest = role_text[poss.end() :]
        if not (rest.split() and is_role_head(last_head_word(rest))):
            return None, None
        if owner is not None and (is_person(doc, owner) or doc_orgs(doc).is_person(owner.name)):
            # "Sanders's spokesman": a person's aide, not an organization's.
            owner = None
        if owner is not None and is_place(doc, owner):
            employee = (role_word(last_head_word(rest)) or "") in EMPLOYEE_ROLES
            if not employee or doc_orgs(doc).used_as_place(owner.name):
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
    campaign = cut < len(words) and words[cut].group().lower() == "campaign"
    if cut > first and not (campaign and not has_org_word(role_text[: words[cut].start()])):
        # ("the Hale campaign aide": a candidate's campaign, not a body named Hale)
        org_start = words[first].start()
        org_text = role_text[org_start : words[cut - 1].end()]
        labels = ent_labels(doc, offset + org_start, offset + org_start + len(org_text))
        span = span_at(doc, offset + org_start, offset + org_start + len(org_text))
        head = span_at(doc, offset + words[head_idx].start(), offset + words[head_idx].end())
        full, acronym = org_text, None
        if (role_word(words[head_idx].group()) or "") in EMPLOYEE_ROLES:
            # "Nate Elliott, Jupiter analyst" with Jupiter Research named elsewhere
            full, acronym = doc_orgs(doc).expand(org_text)
        person = doc_orgs(doc).is_person(org_text) and not has_org_word(org_text)
        if not person and (
            has_org_word(org_text)
            or ("ORG" in labels and not labels & PLACE_LABELS)
            or full != org_text
            or span is not None
            and head is not None
            and unknown_firm(doc, list(span), head[0])
        ):
            title = role_text if first else role_text[words[cut].start() :]
            org = clean_chunk(org_text, offset + org_start)
            if org is not None and full != org_text:
                org.name, org.acronym = full, acronym
            return title, org
    return role_text, None


def is_person(doc: Doc, chunk: Chunk) -> bool:
    """True when NER calls a chunk a person and nothing marks it as an organization; a lone
    word must also be a person the text names in full ("Sanders's", not "Capgemini's")."""
    if "PERSON" not in ent_labels(doc, chunk.start, chunk.end) or has_org_word(chunk.name):
        return False
    return " " in chunk.name or doc_orgs(doc).is_person(chunk.name)


def is_place(doc: Doc, chunk: Chunk) -> bool:
    """True when NER calls a chunk a country, city or region and nothing marks an organization."""
    labels = ent_labels(doc, chunk.start, chunk.end)
    return bool(labels & {"GPE", "LOC"}) and not labels & {"ORG"} and not has_org_word(chunk.name)


def last_head_word(text: str) -> str:
    """The role noun of a title: the word before "of"/"in", else the last word."""
    words = re.split(r"\s+(?:of|in|for|on)\s+", text, maxsplit=1)[0].split()
    return words[-1] if words else ""


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
        hyphen = words and words[-1].text == "-" and not tok.whitespace_
        if tok.text in {"'s", "’s"} or tok.text == "-" and not tok.whitespace_ or hyphen:
            words.append(tok)  # a hyphen joins its neighbours: "Under-Secretary", "Wal-Mart"
        elif stops_premodifier(doc, tok, head):
            break
        elif (
            tok.ent_type_ == "PERSON"
            and not in_org_named_person(tok)
            and not lone_unknown_name(doc, tok, words)
        ):
            if words and words[-1].text in {"'s", "’s"}:
                # "Mr Brown's former advisor Ed Balls": the title names whom they served
                words += owner_name(doc, i)
            break
        else:
            words.append(tok)
        i -= 1
    words.reverse()
    for k in range(len(words) - 1, 0, -1):
        if words[k].lower_ in {"of", "for"} and words[k - 1].text[:1].islower():
            # "investigation of Secretary Clinton": "of" joins a name only between capitals
            words = words[k + 1 :]
            break
    words = trim_premodifier(words)
    if head >= 0 and words and is_role_head(doc[head].text):
        if not_own_role(doc, span, doc[head], words):
            return None
        if not doc[head].text[:1].isupper() or doc[head].is_title:
            return read_premodifier(doc, words)
    if professor:
        # "Carnegie Mellon Professor Raj Reddy": the university is written before the title
        org = premod_org(doc, [*words, doc[head + 1]]) if words else None
        return ("Professor", org, False, doc[head + 1].idx if head + 1 < len(doc) else start)
    return None


def entity_of(tok: Token):
    """The entity span holding a token, or None: found from the token's IOB tags, so the cost
    is the entity's length, not the number of entities in the doc."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def in_org_named_person(tok: Token) -> bool:
    """True for a token of a "person" the model found that is named like an organisation
    ("Harwick Gazette film critic Mara Linden" read as one name)."""
    ent = entity_of(tok)
    if ent is None:
        return False
    return any(has_org_word(t.text) for t in ent if t.i >= tok.i)


def lone_unknown_name(doc: Doc, tok: Token, words: list[Token]) -> bool:
    """True for one capitalised word the model calls a person, right before a lowercase
    employee role, that the text names nowhere as a person ("said Corvane economist Priya
    Lomax"): more likely the firm."""
    if not words or words[-1].text[:1].isupper() or (role_word(words[0].text) or "") == "":
        return False
    if (role_word(words[0].text) or "") not in EMPLOYEE_ROLES:
        return False
    ent = entity_of(tok)
    return ent is not None and len(ent) == 1 and not doc_orgs(doc).is_person(tok.text)


def owner_name(doc: Doc, i: int) -> list[Token]:
    """The tokens of the person's name ending at token `i`, with an honorific before it, in
    reverse order (the pre-modifier scan reads right to left)."""
    out = []
    while i >= 0 and doc[i].ent_type_ == "PERSON":
        out.append(doc[i])
        i -= 1
    if i >= 0 and doc[i].text.lower().rstrip(".") in {"mr", "mrs", "ms", "dr", "sen", "rep"}:
        out.append(doc[i])
    return out


def trim_premodifier(words: list[Token]) -> list[Token]:
    """Drop what cannot open a title: "the", a date ("On Monday school inspection chief"), and
    the possessive of a person the scan stopped at ("Mr Brown's former advisor")."""
    while words and (
        words[0].text.lower() in {"the", "of", "for"}
        or words[0].ent_type_ in {"DATE", "TIME"}
        or words[0].pos_ in {"ADV", "CCONJ", "SCONJ", "INTJ"}
        and words[0].is_sent_start
        or words[0].text in {"'s", "’s", "'", "’"}
    ):
        words = words[1:]
    return words


def not_own_role(doc: Doc, span, head: Token, words: list[Token]) -> bool:
    """True when a role written before a name is not that person's: "fellow Sen. Ted Cruz"
    (an adjective), "The federal judge Trump was referring to" (the name is the subject of a
    clause about the judge)."""
    if head.text == "fellow" and len(words) == 1:
        return True
    root = span.root
    if root.dep_ not in {"nsubj", "nsubjpass"} or head.dep_ == "compound":
        return False
    if root.head.dep_ == "relcl" and root.head.head.i == head.i:
        return True
    # "The judge Trump was referring to is ...": a determined noun that is itself an argument
    first = words[0].i
    determined = first > 0 and doc[first - 1].lower_ == "the"
    return determined and head.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}


def stops_premodifier(doc: Doc, tok: Token, head: int) -> bool:
    """True for a token that cannot be part of a pre-modifier (a verb, "said", punctuation)."""
    if tok.text.lower() in ROLE_MODIFIERS:
        return False
    if tok.pos_ == "VERB" and tok.is_title and capitalised_run(doc, tok.i + 1, head):
        # "Trade Secretary Patricia Hale": the model reads a capitalised word as a verb
        return tok.lower_ in REPORTING_WORDS
    if tok.is_punct or tok.is_space or tok.pos_ in {"VERB", "AUX", "PRON", "SCONJ", "CCONJ"}:
        return True
    if tok.pos_ in {"DET", "ADP"}:
        # "of"/"the" inside a name: "California Institute of Technology professor".
        inside_name = tok.i + 1 <= head and doc[tok.i + 1].is_title
        return not (tok.text.lower() in {"of", "for", "the"} and inside_name)
    return False


REPORTING_WORDS = word_set("says said told tells asked adds added writes wrote according")


def capitalised_run(doc: Doc, start: int, head: int) -> bool:
    """True when tokens start..head are all capitalised and the head is a capitalised role."""
    return head >= start and all(doc[k].is_title for k in range(start, head + 1))


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
    poss = next((k for k, t in enumerate(words) if t.text in {"'s", "’s"}), None)
    if org is None and poss is not None and words[0].text[:1].islower() and poss + 1 < len(words):
        # "the country's vice president": the title is the role
        return text[words[poss + 1].idx : end], None, False, first
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
        owner = possessive_owner(doc, org_toks, role_toks)
        if owner is not True:
            return owner
    else:
        org_toks = []
        for tok in words[:-1]:
            sentence_start = tok.is_sent_start or tok.i == 0 or "\n" in doc[tok.i - 1].text
            joined = tok.text == "-" and not tok.whitespace_ and not doc[tok.i - 1].whitespace_
            if joined and org_toks:
                org_toks.append(tok)
                continue
            if not is_capitalized(tok.text) and tok.text not in {"of", "for", "and", "&"}:
                break
            if tok.ent_type_ in PLACE_LABELS and not org_toks and not odd_norp(tok):
                break
            lower = tok.text.lower()
            if sentence_start and not tok.ent_type_ and lower in COMMON_TITLE_WORDS:
                break
            if tok.pos_ in {"ADV", "CCONJ", "SCONJ", "INTJ"}:
                break  # "However Nintendo president Satoru Iwata"
            if is_role_head(tok.text) or tok.text.lower() in TITLE_MODIFIERS:
                break
            org_toks.append(tok)
        while org_toks and not is_capitalized(org_toks[-1].text):
            org_toks.pop()
        role_toks = words[len(org_toks) :]
        if (
            role_toks
            and role_toks[0].lower_ == "campaign"
            and not has_org_word(" ".join(t.text for t in org_toks))
        ):
            return None  # "Trump campaign chairman Paul Manafort": a candidate's campaign
    if not org_toks or not role_toks:
        return None
    s = org_toks[0].idx
    e = org_toks[-1].idx + len(org_toks[-1].text)
    labels = ent_labels(doc, s, e)
    name = doc_text(doc)[s:e]
    index = doc_orgs(doc)
    full, acronym = name, None
    if (role_word(role_toks[-1].text) or "") in EMPLOYEE_ROLES:
        full, acronym = index.expand(name)
    known = full != name or index.known_name(name)
    named = has_org_word(name) or "ORG" in labels or known
    if poss is None and not has_org_word(name) and full == name and portfolio(role_toks[-1]):
        return None  # "Trade and Industry Secretary": a portfolio, not a body
    if poss is None and not named and not unknown_firm(doc, org_toks, role_toks[-1]):
        return None
    if index.is_person(name) and not has_org_word(name):
        return None  # "Trump spokesperson Ron Lieberman": a person's, not a body's
    # a lone word the model calls a person may be a firm ("Corvane analyst"), not a longer name
    person = labels & {"PERSON"} and not has_org_word(name) and not known
    if person and (poss is not None or labels != {"PERSON"}):
        return None
    if full != name:
        return PremodOrg(name=full, start=s, end=e, acronym=acronym, role_start=role_toks[0].idx)
    before = doc[org_toks[0].i - 1] if org_toks[0].i > 0 else None
    if before is not None and before.text == "The" and keeps_article(f"The {name}"):
        name = f"The {name}"  # "The Guardian's film critic"
    elif not keeps_article(name):
        name = re.sub(r"^(?:The|the)\s+", "", name)
    return PremodOrg(name=name, start=s, end=e, role_start=role_toks[0].idx)


# Roles whose capitalised pre-modifier names a portfolio ("Health Secretary", "Cabinet
# minister", "Agriculture Secretary"), a body only with a body's word ("Home Office minister").
PORTFOLIO_ROLES = word_set("secretary minister commissioner")


def portfolio(role: Token) -> bool:
    """True for a portfolio role ("Secretary", "minister")."""
    return (role_word(role.text) or "") in PORTFOLIO_ROLES


def possessive_owner(doc: Doc, org_toks: list[Token], role_toks: list[Token]):
    """What a possessive before a role names: True when it reads as a body (go on), a body the
    text named before for "the network's spokesman", or None for a country's or a common
    noun's ("Australia's Prime Minister", "the country's vice president")."""
    if not org_toks or not role_toks:
        return None
    name = " ".join(t.text for t in org_toks)
    if not is_capitalized(org_toks[0].text):
        noun = org_toks[-1].lower_
        if noun in BACK_NOUN_WORDS:
            back = doc_orgs(doc).before(org_toks[0].idx, noun)
            if back:
                role_start = role_toks[0].idx
                return PremodOrg(name=back, start=role_start, end=role_start, role_start=role_start)
        return None
    labels = ent_labels(doc, org_toks[0].idx, org_toks[-1].idx + len(org_toks[-1].text))
    if labels & {"GPE", "LOC"} and not labels & {"ORG"} and not has_org_word(name):
        employee = (role_word(role_toks[-1].text) or "") in EMPLOYEE_ROLES
        if not employee or doc_orgs(doc).used_as_place(name):
            return None
    return True


def odd_norp(tok: Token) -> bool:
    """True for a word tagged as a nationality or group that does not read as one
    ("Investec"), unlike "British", "Iraqi", "Democratic" or "Tory"."""
    return tok.ent_type_ == "NORP" and not is_nationality(tok.text)


def unknown_firm(doc: Doc, org_toks: list[Token], role: Token) -> bool:
    """True for a name the model does not know, written before a role that people hold at a
    firm or university ("Investec economist", "Carnegie Mellon Professor", "Corvane analyst"),
    unless it reads as a place, nationality, party or common adjective ("US economist",
    "Democratic pollster", "Leading economist")."""
    if (role_word(role.text) or "") not in EMPLOYEE_ROLES:
        return False
    if role.text[:1].isupper() and role.text.lower() not in {"professor", "prof", "prof."}:
        return False  # "Communications Director", "Committee Chairman": a capitalised title
    index = doc_orgs(doc)
    name = " ".join(t.text for t in org_toks)
    if index.is_place(name) or index.is_person(name):
        return False
    for tok in org_toks:
        lower = tok.text.lower()
        if tok.is_sent_start and index.used_lowercase(lower):
            return False  # "Factory manager X said ... the factory": a common noun
        if tok.ent_type_ in {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL"}:
            return False
        if tok.ent_type_ == "PERSON" and (len(org_toks) > 1 or index.is_person(tok.text)):
            return False  # "Obama adviser": a person's, not a firm's (a lone unknown word may be)
        if tok.ent_type_ == "NORP" and not odd_norp(tok):
            return False
        if lower in PARTY_WORDS or lower in COMMON_TITLE_WORDS or lower in TITLE_MODIFIERS:
            return False
        if tok.pos_ not in {"PROPN", "NOUN", "ADJ", "X"}:
            return False
    return True


# --- the person's facts -------------------------------------------------------------------


def extract_facts(doc: Doc, mentions: list[tuple[int, int]]) -> Facts:
    """Title, positions, publications, research areas and editorial roles of one person."""
    facts = Facts()
    mentions = sorted(set(mentions))
    titled: list[tuple[float, int, str, Evidence]] = []
    for m_start, m_end in mentions:
        pronoun = is_pronoun(doc, m_start, m_end)
        notes = facts.descriptions
        for descriptor in descriptors_at(doc, m_start, m_end, copula_only=pronoun, notes=notes):
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
    for a_start, a_end, org_only in appositive_spans(text, m_end, s_end):
        if text.startswith("who ", a_start):
            notes.append(text[a_start:a_end])
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
            notes.append(text[d_start:d_end])
            if parsed[1]:
                hint = parsed[1][0].organization
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
    ahead = fronted(doc, m_start, s_start)
    if ahead is not None:
        parsed = parse_descriptor(doc, *ahead, fronted=True)
        if parsed is not None and parsed[0]:
            found.append(Descriptor(*parsed, CONF_APPOSITIVE, evidence))
            notes.append(text[ahead[0] : ahead[1]])
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
        notes.append(text[pre[3] : m_start].strip())
    return found + copular(doc, m_end, s_end, evidence)


# What a body is said to be, right after its name: "of Berenberg, Germany's largest private
# bank", "of the Eurasia Group, a political risk and consulting company".
BODY_APPOSITIVE_RE = re.compile(
    r",\s+(?:a|an|the|[A-Z][\w.&-]*['’]s)\s+(?:[\w-]+\s+){0,6}?(?P<noun>[\w-]+)"
    r"(?=[,.;]|\s+(?:that|which|said|says|warned|told|added)\b)"
)
# A clause after a name that says what the person does: ", who is representing the industry".
WHO_CLAUSE_RE = re.compile(r",?\s+who\s+[^,.;:]{3,120}")


def body_appositive(text: str, end: int, limit: int) -> str | None:
    """The description of a body written after its name at `end`, when it names a kind of
    body ("Germany's largest private bank"), else None."""
    match = BODY_APPOSITIVE_RE.match(text, end, limit)
    if match and match.group("noun").lower() in BODY_NOUNS:
        return match.group()[1:].strip()
    return None


# Tokens that may sit inside a role phrase written before a name and its comma.
FRONT_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "PART", "NUM", "X"})


def fronted(doc: Doc, m_start: int, s_start: int) -> tuple[int, int] | None:
    """The span of a role phrase written before the name and a comma, BBC style: "The CBI's
    chief economist, Ian McCafferty, said", "Its director, Robert Chote, said", "said the
    firm's head of research, Ann Fell". None when the phrase holds no role, or when it is the
    object of a preposition ("In a letter to the chairman, Mr Smith wrote")."""
    text = doc_text(doc)
    lo = max(s_start, m_start - 4)
    comma = re.search(r",\s*$", text[lo:m_start])
    if comma is None:
        return None
    end_char = lo + comma.start()
    span = span_at(doc, end_char - 1, end_char)
    if span is None:
        return None
    i = span[-1].i
    first = None
    k = i
    while k >= 0 and doc[k].idx >= s_start and i - k < 14:
        tok = doc[k]
        inner = tok.lower_ in {"of", "for", "at", "on", "and", "&"} and k < i
        if tok.lower_ == "its":
            first = k
            break
        if not (tok.pos_ in FRONT_POS or inner or tok.text in {"'s", "’s", "-"}):
            break
        first = k
        if tok.pos_ == "DET" and not (k > 0 and doc[k - 1].lower_ in {"of", "for", "at", "on"}):
            break  # "The director of the Institute for Fiscal Studies,": go on past "of the"
        k -= 1
    if first is None or not any(is_role_head(t.text) for t in doc[first : i + 1]):
        return None
    if doc[first].pos_ in {"ADP"}:
        return None
    before = doc[first - 1] if first > 0 and doc[first - 1].idx >= s_start else None
    if before is not None and before.pos_ not in {"VERB", "AUX", "CCONJ", "PUNCT", "SPACE"}:
        return None  # "In a letter to the chairman, Mr Smith wrote": not an appositive
    return doc[first].idx, end_char


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
            fresh = re.search(r"\band\s+(?:now|currently|later|also)\b", match.group())
            if not fresh and not re.search(r"\b(?:at|of|with|for|to)\s", left):
                continue  # "journalist and dating expert" is one title
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


def is_org(doc: Doc, chunk: Chunk) -> bool:
    """True when NER calls a chunk an organization and not a person or place."""
    labels = ent_labels(doc, chunk.start, chunk.end)
    return "ORG" in labels and not labels & {"PERSON", "GPE"}


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
