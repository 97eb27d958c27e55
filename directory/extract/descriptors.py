"""One descriptor phrase read into a title and the posts it names.

"a professor of international politics at the Institute of International Studies (IIS) at Fudan
University in Shanghai" -> the title "professor of international politics" and a position at the
Institute (parent Fudan University, place Shanghai). `directory.extract.appositives` finds the
phrases after a name, `directory.extract.premodifiers` and `directory.extract.clauses` those
before it or after a verb; `parse_descriptor` reads each one. Whose post a role names, when the
text says it indirectly, is decided in `directory.extract.employers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from directory.extract.appositives import QUOTE_CHARS
from directory.extract.docorgs import doc_orgs
from directory.extract.employers import (
    after_article,
    after_body_noun,
    back_reference,
    body_appositive,
    employer_or_place,
    employs,
    firm_read_as_person,
    is_hometown,
    kind_then_name,
    named_as_body,
    unknown_firm,
)
from directory.extract.offices import party_seat, portfolio_post
from directory.extract.orgs import (
    KIND_THEN_NAME,
    Chunk,
    clean_chunk,
    doc_text,
    ent_labels,
    has_org_word,
    is_capitalized,
    is_known_person,
    span_at,
    split_chain,
)
from directory.extract.patterns import FINITE_TAGS, KIN_NOUNS, SPEECH_VERBS
from directory.extract.roles import (
    EMPLOYEE_ROLES,
    LEADING_HEADS,
    WHOLE_FIRM_WORDS,
    is_role_head,
    last_head_word,
    role_word,
)
from directory.models import Evidence, Position

FORMER_WORDS = frozenset({"former", "ex", "retired", "erstwhile", "onetime", "one-time", "then"})
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
# Words tagged as verbs that belong to a role ("managing director", "acting chairman").
ROLE_MODIFIERS = frozenset({"managing", "acting", "leading", "presiding", "visiting", "retired"})

# The title and its organizations come before a relative clause ("who studies ...").
CLAUSE_RE = re.compile(
    r"\s+(?:who|whose|which|that|where|charged with|responsible for|until)\b|[;:]\s|\s[-–—]+\s"
    # "a spokesman for the State Tobacco Administration quoted in China Daily": the paper
    # that reported the words is no employer
    r"|\s+(?:quoted|cited|interviewed|speaking|writing)\s+(?:in|by|to|on)\b"
)
BOUNDARY_RE = re.compile(
    r"(?:^|\s+)(?P<prep>at|with|from|based at|based in|now at|working for|working at|in|for|of)\s+"
    r"(?=(?:the\s+|its\s+)?(?:''|[\"“‘])?[A-Z0-9])"
    # "at the government-funded Rand Corporation", "at analysts Gartner"
    r"|\s+(?P<prep2>at|with|of|for|from|now at|based at)\s+"
    r"(?=(?:the\s+)?(?:(?!(?:at|in|of|with|for|from|and|to)\s)[a-z][\w'’-]*\s+){1,3}[A-Z])"
    # a descriptor that is only "from anti-virus firm Sophos": a body introduced by its kind
    rf"|^(?P<prep3>at|of|from)\s+(?={KIND_THEN_NAME})"
)
# What follows an organization but is not part of it: "at MIT and one of the paper's authors".
TAIL_RE = re.compile(
    r"\s+and\s+(?:one|also|is|was|has|had|then|now|later|author|co-author)\b|\s+from\s+\d{4}\b"
    # "chief secretary to the Treasury in a statement": how it was said, not the post
    r"|\s+in\s+(?:a|an|his|her|their)\s+(?:\w+\s+)?(?:statement|interview|letter|e-?mail|"
    r"release|speech|tweet|post)s?\b"
)
ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)

CONF_APPOSITIVE = 0.9
CONF_PREMODIFIER = 0.8
CONF_COPULAR = 0.75
CONF_HONORIFIC = 0.6


@dataclass
class Descriptor:
    """One title phrase read next to a mention, with the posts and works it names."""

    title: str | None
    positions: list[Position]
    works: list[str]
    confidence: float
    evidence: Evidence


BODY_REPORT_RE = re.compile(
    r"(?:the\s+)?(?P<org>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,4})\s+"
    r"(?:report|study|survey|review|paper|index|poll)$"
)


def parse_descriptor(
    doc: Doc,
    start: int,
    end: int,
    *,
    org_only: bool = False,
    former: bool = False,
    parent_hint: str | None = None,
    fronted: bool = False,
    employed: bool = False,
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
    owner = re.match(r"(?:his|her|my|our|your|their)\s+", text, re.IGNORECASE) if fronted else None
    if owner:
        # "His lawyer, Tom Reyes,": a role serving someone the text has just named, with no
        # body of its own; "his successor as chairman" is no role of the person named
        role = text[owner.end() :]
        if not re.fullmatch(r"[a-z-]+(?: [a-z-]+){0,4}", role) or " as " in f" {role} ":
            return None
        if not is_role_head(last_head_word(role)):
            return None
        return role, [], []
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
    seat = party_seat(text.rstrip(" .,"))
    if seat is not None:
        return seat[0], [Position(organization=seat[1], role=seat[0], kind="current")], []
    post = portfolio_post(text.rstrip(" .,"))
    if post is not None:
        return post, [], []
    verb = first_finite_verb(doc, start, start + len(text))
    if verb is not None:
        # "economist at Global Insight said the MPC ...": the post ends before the verb.
        text = text[: verb - start]
        if plural_role_subject(text):
            return None  # "Mrs. Clinton, analysts said, has ...": the verb's own subject
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
    # "a spokeswoman for Nabisco's parent company, Mondelez International": the name after the
    # kind of body is the body, whatever the words before it name
    named = kind_then_name(doc, text, start)
    if named is not None:
        boundary = None
    role_text = text[: boundary.start()] if boundary else text
    back = None
    if boundary is None:
        # "an analyst at the firm", "the bank's chief economist": a body named earlier
        named = named or kind_then_name(doc, role_text, start)
        role_text, back = named or back_reference(doc, role_text, start)
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
    if is_former(role_text):
        former = True
    kind = "former" if former else "current"
    if words and words[0].lower() == "visiting":
        kind = "visiting"
    if words and words[-1].lower() == "veteran":
        kind = "former"  # "a 30-year veteran of the CIA": served there, not said to be there now
    title, role_org = split_role(doc, role_text, start)
    if title:
        title = singular_head(title)  # "Alba and Foner, sociologists at X": each a sociologist
    if title is None and role_text.strip() and role_org is None:
        # Neither a role ("US chief economist") nor a name ("Center for X"): not a title.
        return None
    if title and boundary and boundary.group("prep") == "of" and is_author(title):
        # "author of The Age of Oversupply": a work, not an employer.
        work = text[boundary.end() :].strip(QUOTE_CHARS + "', ")
        # "author of the Analysys report": the report is the body's, and so is its author
        body = BODY_REPORT_RE.match(work)
        positions = [Position(organization=body.group("org"), role=title)] if body else []
        return f"{title} of {text[boundary.end() :].strip()}", positions, [work]
    chunks: list[Chunk] = []
    prep = None
    if boundary:
        # "a pollster working for Priorities USA" is one "for" it
        prep = re.sub(
            r"^working ",
            "",
            boundary.group("prep") or boundary.group("prep2") or boundary.group("prep3"),
        )
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
                or firm_read_as_person(c, role_text)
                or employed
                and org_only
                or after_body_noun(doc, c)
                or after_article(doc, c)
                or " " not in c.name
                and not doc_orgs(doc).is_person(c.name)
                and employs(role_text)
            ]
        # "spokesman for Sanders" where the text names Bernie Sanders: a person, not a body;
        # but "magazine Mac Format" says what it is, whatever the model reads
        chunks = [
            c
            for c in chunks
            if has_org_word(c.name)
            or firm_read_as_person(c, role_text)
            or employed
            and org_only
            or after_body_noun(doc, c)
            or after_article(doc, c)
            or not doc_orgs(doc).is_person(c.name)
        ]
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
    if org_only and orgs and surname_of_named_person(doc, orgs[0].name):
        return None  # "Patrick Murray of Christie" after "Gov. Chris Christie": about him
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
            # "said Steve Ash of Zentrix" where the text calls Zentrix a firm elsewhere, or
            # right there ("from anti-virus firm Sophos")
            or orgs[0].prep in {"of", "from"}
            and named_as_body(doc, orgs[0].name, orgs[0].start)
            or after_body_noun(doc, orgs[0])
            # "analyst Mike Pole of Dresdner Kleinwort Wasserstein": after someone written with
            # a role held at a firm, a name of several words that is no place is the firm, even
            # where the model reads a person
            or employed
            and " " in orgs[0].name
            and not ent_labels(doc, orgs[0].start, orgs[0].end) & PLACE_LABELS
        )
    ):
        # "said Patrick Murray of Christie": without a comma, "of" must name an organization.
        return None
    if title and prep == "of" and orgs and title_takes_org(title, text, boundary):
        title = f"{title} of {text[boundary.end() : orgs[0].end - start].strip()}"
        title = re.sub(r"\bof its\b", "of the", title)
        if len(orgs) > 1 and orgs[1].prep == "at" and not has_org_word(orgs[0].name):
            # "Head of Chemistry at the Royal Institute": a department in the title, and the
            # body it belongs to the employer
            orgs = orgs[1:]
    if former and role_text.strip():
        title = role_text.strip()
    if title:
        title = re.sub(r"(?:\s+(?:of|in|for|at|to|with|and|on))+$", "", title).strip()
        if modifier_not_head(title):
            title = None  # "the coming general election": "general" modifies a thing
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


def is_former(text: str) -> bool:
    """True for a post said to be past: "former adviser", "ex-minister", "retired general"."""
    words = text.split()
    return bool(words) and words[0].lower().rstrip("-") in FORMER_WORDS or text.startswith("ex-")


def singular_head(title: str) -> str:
    """The title with a plural role head made singular ("sociologists" -> "sociologist")."""
    head = last_head_word(title)
    single = role_word(head)
    if not head.lower().endswith("ists") or single != head.lower()[:-1]:
        return title  # only the scholars' plurals role_word reads ("officers" stays a group)
    return re.sub(rf"\b{re.escape(head)}\b", head[: len(single)], title, count=1)


def is_author(title: str) -> bool:
    """True for "author", "co-author", "creator": their "of X" names a work."""
    head = title.split()[-1].lower().removesuffix("s")
    return head in {"author", "co-author", "creator", "co-creator"}


def modifier_not_head(title: str) -> bool:
    """A role word that only modifies the noun after it ("general election", "chief
    concern"): the phrase ends in a lowercase word that names no role."""
    words = title.split()
    head = last_head_word(title).strip(",.")
    return (
        len(words) > 1
        and words[-1] == head
        and head[:1].islower()
        and not is_role_head(head)
        and any(is_role_head(w) for w in words[:-1])
    )


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
    return tok.pos_ in {"VERB", "AUX"} and tok.tag_ != "VBN" and not plural_before_role(tok)


def plural_before_role(tok: Token) -> bool:
    """True for a plural noun before a role that the tagger read as a verb ("Dan Jolin,
    features editor of Empire"), which no reporting verb is ("says editor X")."""
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if tok.tag_ != "VBZ" or after is None or not after.is_lower:
        return False
    return is_role_head(after.text) and tok.lower_ not in SPEECH_VERBS


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
        if tok.i > span.start and (tok.tag_ in FINITE_TAGS or tok.pos_ == "SCONJ"):
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
        nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        if tok.lower_ == "working" and nxt in {"for", "at"}:
            continue  # "a pollster working for Priorities USA": where the post is held
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
        if tok.tag_ in FINITE_TAGS and not plural_before_role(tok):
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
        if topic_before(before):
            return match  # "an expert on Russia at the Wilson Center": the topic ends there
    return None


def topic_before(words: list[str]) -> bool:
    """True when the capitalised words ending `words` are a role's topic ("expert on Russia",
    "writes about Asia"), not the start of a name ("University of North Carolina")."""
    k = len(words)
    while k > 0 and is_capitalized(words[k - 1]):
        k -= 1
    return k >= 2 and words[k - 1] in {"on", "about"} and not is_capitalized(words[k - 2])


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
        kin = any(w.lower() in KIN_NOUNS for w in rest.split()[:3])
        if owner is not None and (
            kin or is_person(doc, owner) or doc_orgs(doc).is_person(owner.name)
        ):
            # "Sanders's spokesman": a person's aide, not an organization's; and only a
            # person has a brother ("German's brother and fellow comedian")
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
    if words[first].group().lower() in WHOLE_FIRM_WORDS:
        cut = first  # "Group Finance Director": the firm's own, at a body named apart
    if cut > first and not (campaign and not has_org_word(role_text[: words[cut].start()])):
        # ("the Hale campaign aide": a candidate's campaign, not a body named Hale)
        org_start = words[first].start()
        org_text = role_text[org_start : words[cut - 1].end()]
        labels = ent_labels(doc, offset + org_start, offset + org_start + len(org_text))
        span = span_at(doc, offset + org_start, offset + org_start + len(org_text))
        head = span_at(doc, offset + words[head_idx].start(), offset + words[head_idx].end())
        full, acronym = org_text, None
        if (role_word(words[head_idx].group()) or "") in EMPLOYEE_ROLES or org_text.isupper():
            # "Nate Elliott, Jupiter analyst" with Jupiter Research named elsewhere, and an
            # acronym the text spells out ("NUJ General Secretary")
            full, acronym = doc_orgs(doc).expand(org_text)
            if full == org_text and labels & PLACE_LABELS:
                full = doc_orgs(doc).body_of_place_name(org_text) or full
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


def plural_role_subject(text: str) -> bool:
    """True for words before a verb that name a group of role holders ("analysts", "many
    economists", "some experts"): the subject of a parenthetical clause, not a person's post
    ("one of the analysts" is one person)."""
    words = text.split()
    if not words or re.match(r"one\s+of\b", text.strip(), re.IGNORECASE):
        return False
    last = words[-1].rstrip(",")
    if not last[:1].islower():
        return False  # "a fund manager at Perpetual Trustees said": a body's name
    last = last.lower()
    return last.endswith("s") and role_word(last) not in {None, last}


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


def surname_of_named_person(doc: Doc, name: str) -> bool:
    """True for one word that ends a person's full name in the text ("Christie" after "Chris
    Christie"), whatever the model reads it as elsewhere."""
    if " " in name or has_org_word(name):
        return False
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == name for e in doc.ents)


def is_org(doc: Doc, chunk: Chunk) -> bool:
    """True when NER calls a chunk an organization and not a person or place."""
    labels = ent_labels(doc, chunk.start, chunk.end)
    return "ORG" in labels and not labels & {"PERSON", "GPE"}
