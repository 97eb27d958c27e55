"""Whose post a role names: the body next to it, one named earlier, or no body at all.

A role phrase often names its employer in a form the model does not read as an organisation:

- a reference back: "an analyst at the firm", "the bank's chief economist", "its director";
- a noun naming a kind of body before a name: "anti-virus firm Sophos", "UK magazine Mac Format";
- a firm the model does not know, before a role held at firms: "Investec economist", "Corvane
  analyst";
- a place read as a body, or a body read as a place: "a lecturer at Leeds" (the university),
  "Tony Martin, of Burnley" (a voter's town).

`directory.extract.descriptors` and `directory.extract.premodifiers` ask these questions; the
article-wide answers (names, places, acronyms) come from `directory.extract.docorgs`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from directory.extract.docorgs import BACK_NOUNS, doc_orgs
from directory.extract.orgs import (
    BODY_NOUNS,
    Chunk,
    doc_text,
    ent_labels,
    has_org_word,
    joining_hyphen,
    keeps_article,
    span_at,
)
from directory.extract.patterns import KNOWN_GIVEN_NAMES, SPEECH_VERBS
from directory.extract.places import is_known_place, is_only_a_place
from directory.extract.roles import (
    ACRONYM_ROLES,
    COMMON_TITLE_WORDS,
    EMPLOYEE_ROLES,
    LEADING_HEADS,
    PARTY_WORDS,
    TITLE_MODIFIERS,
    firm_role,
    is_academic,
    is_nationality,
    last_head_word,
    role_word,
)
from directory.text import HONORIFIC_TOKENS, fold, word_set

# Posts that head a body "of" which they are, and never a person: "director of X", "founder
# of X".
HEADS_OF_BODIES = word_set("director founder co-founder cofounder")

# "at the firm", "the bank's", "its": a body the text has named before (the nouns and the
# kind of body each wants are docorgs.BACK_NOUNS).
BACK_NOUN_WORDS = frozenset(BACK_NOUNS)
BACK_NOUNS_RE = (
    "(?P<noun>"
    + "|".join(
        re.escape(n).replace(r"\ ", "[- ]") for n in sorted(BACK_NOUNS, key=len, reverse=True)
    )
    + ")"
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


def employs(role_text: str) -> bool:
    """True when a role is one held at a firm ("general manager", "chief economist", "vice
    president of business development": the head before its "of"), so a lone unknown word
    after it is the firm, whatever the model reads."""
    return (role_word(last_head_word(role_text)) or "") in EMPLOYEE_ROLES


def firm_read_as_person(chunk: Chunk, role_text: str) -> bool:
    """True for a name of two or more words after a role only firms fill, after "at" (where
    people work at bodies, not at people), or after a director or founder "of" (who may serve
    a person, but is never of one), which opens with no given name the project knows ("officer
    for Vivendi Universal", "vice president at Ask Jeeves", "director of Gotham Ghostwriters",
    not "for John Smith")."""
    words = chunk.name.split()
    known = fold(words[0]) in KNOWN_GIVEN_NAMES
    heads_body = chunk.prep == "of" and role_word(last_head_word(role_text)) in HEADS_OF_BODIES
    return (
        len(words) > 1 and not known and (firm_role(role_text) or chunk.prep == "at" or heads_body)
    )


def after_body_noun(doc: Doc, chunk: Chunk) -> bool:
    """True when a chunk follows a noun naming a kind of body ("magazine Mac Format")."""
    before = re.search(r"([\w-]+)\s+$", doc_text(doc)[max(0, chunk.start - 30) : chunk.start])
    return bool(before) and before.group(1).lower() in BODY_NOUNS


def after_article(doc: Doc, chunk: Chunk) -> bool:
    """True for a name after "the" that the model reads partly as a body ("director of the UCLA
    Anderson Forecast", where it read "Anderson Forecast" as a person): nobody is "the" X."""
    before = doc_text(doc)[max(0, chunk.start - 4) : chunk.start]
    return before.lower() == "the " and "ORG" in ent_labels(doc, chunk.start, chunk.end)


def employer_or_place(doc: Doc, chunk: Chunk, title: str | None, prep: str | None) -> None:
    """Make the first name after a role or a person's name the employer when the model read it
    as a place: "a lecturer at Leeds" (the university), "an economist with MM Warburg",
    "co-founder of Blinvo", "Steve Ash, from Zentrix" (where the text calls Zentrix a firm)."""
    role = role_word(last_head_word(title or "")) or ""
    scholar = is_academic(role) or role in RESEARCH_ROLE_WORDS
    academy = doc_orgs(doc).academy_named_for(chunk.name) if scholar and prep == "at" else None
    if academy:
        # "a researcher at Hertfordshire" where the text names the University of Hertfordshire
        # (a strategist "at Kelvin" works at a firm, whatever else the text names after it)
        chunk.is_place = False
        chunk.name = academy
        return
    if not chunk.is_place:
        return
    # the preposition right before this name: in "chairman of the Fed for a fifth term in
    # June 2004" the first name is the date after "in", and no employer
    if chunk.prep in {"of", "from"} and named_as_body(doc, chunk.name, chunk.start):
        chunk.is_place = False
        return
    if not title:
        return
    if chunk.prep in {"of", "for"}:
        if firm_after_role(doc, chunk, title):
            chunk.is_place = False
        return
    if prep not in {"at", "with"}:
        return
    if after_body_noun(doc, chunk):
        chunk.is_place = False  # "an analyst with research firm Jupiter"
        return
    index = doc_orgs(doc)
    if is_academic(role) or role in EMPLOYEE_ROLES and not index.is_place(chunk.name):
        chunk.is_place = False
    elif role and chunk.prep == "at" and not index.used_as_place(chunk.name):
        # "an analyst at Ovum", "an expert at Cranfield": people hold posts at bodies and live
        # in places, so a name after "<role> at" is the employer unless the text says "in <it>"
        # ("at Texas" is the Texas Instruments the text names in full)
        chunk.is_place = False
        chunk.name = index.longer_name(chunk.name) or chunk.name


def firm_after_role(doc: Doc, chunk: Chunk, title: str) -> bool:
    """True for "co-founder of Blinvo", "chief executive of Panmure", "a manager for Quorvant":
    a role held at a firm, then a name no reader would place and the text never writes as a
    place ("in Blinvo"), or a body named for a place ("head of Telekom Austria"). "President of
    France", "head of sales for Asia Pacific" and "director for North Yorkshire" keep their
    places."""
    role = role_word(last_head_word(title)) or ""
    if role not in EMPLOYEE_ROLES and role not in LEADING_HEADS:
        return False
    return not is_only_a_place(chunk.name) and not doc_orgs(doc).used_as_place(chunk.name)


# The body nouns that say "a firm or the like" wherever they stand, with their plurals ("one
# of many companies"); a site, station, chain or channel may be a place ("Whitby, a heritage
# site"), a paper or label a thing.
FIRM_NOUNS = BODY_NOUNS - {"site", "station", "chain", "channel", "paper", "label"}
BODY_FORMS = FIRM_NOUNS | {n[:-1] + "ies" if n.endswith("y") else n + "s" for n in FIRM_NOUNS}
BODY_ALTERNATION = "|".join(re.escape(n) for n in sorted(BODY_FORMS, key=len, reverse=True))


# "head of the social policy think tank, the Communications Research Group", "an analyst at the
# research firm, Ovum", "a spokeswoman for Nabisco's parent company, Mondelez International": a
# post at a kind of body, then that body's name set off by a comma.
KIND_THEN_NAME_RE = re.compile(
    r"(?P<role>.+?)\s+(?P<prep>at|with|of|for)\s+"
    r"(?P<kind>(?:the|a|an|[A-Z][\w&.-]*['\u2019]s)\s+(?:[a-z][\w-]*\s+){0,3}?"
    rf"(?i:think[- ]tank|{BODY_ALTERNATION}))\s*,\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:(?:of|for|on|and|&)\s+)?[A-Z][\w&'’.-]*)*)"
    r"(?=\s*(?:[,.;)]|$))"
)


def kind_then_name(doc: Doc, role_text: str, start: int) -> tuple[str, str] | None:
    """The title and the body for a post held at a kind of body whose name follows after a
    comma ("head of the think tank, the Communications Research Group"), or None. A person
    or a place after the comma is someone or somewhere else."""
    text = doc_text(doc)
    match = KIND_THEN_NAME_RE.match(text, start, min(len(text), start + len(role_text) + 200))
    if match is None:
        return None
    role_end = start + len(role_text.rstrip(" ,"))
    if not match.end("kind") <= role_end <= match.end("name"):
        return None
    name = match.group("name").rstrip(".")  # the sentence's full stop
    first = fold(name.split()[0])
    if is_known_place(name) or doc_orgs(doc).is_person(name) or first in HONORIFIC_TOKENS:
        return None
    title = match.group("role")
    if match.group("prep") == "of":
        title = f"{title} of {match.group('kind')}"  # "head of the social policy think tank"
    return title, name


def named_as_body(doc: Doc, name: str, start: int) -> bool:
    """True when the text names `name` as a body somewhere: the model reads it as an
    organisation there, a noun naming a kind of body goes before it ("security firm Zentrix"),
    or a description calls it one ("Zentrix is one of many companies", "Zentrix, a small
    firm, ..."). A town a voter comes from is never written so; one the text writes as a
    place ("in Zentrix") or any place a reader knows is no body. The mention at `start` is
    not evidence for itself."""
    index = doc_orgs(doc)
    if is_known_place(name) or index.used_as_place(name):
        return False
    if any(n == name and at != start for at, n in index.names):
        return True
    key = ("body", name)
    if key not in index.memo:
        index.memo[key] = body_words_around(index.text, name)
    return index.memo[key]


def body_words_around(text: str, name: str) -> bool:
    """True when a body noun is written right before `name` or in a description after it."""
    escaped = re.escape(name)
    before = rf"\b(?i:{BODY_ALTERNATION})\s+{escaped}\b"
    after = (
        rf"\b{escaped}(?:,|\s+(?:is|was))\s+(?:(?:just\s+)?one\s+of\s+)?(?:a|an|the|many)\s+"
        rf"(?:[\w-]+\s+){{0,4}}?(?i:{BODY_ALTERNATION})\b"
    )
    return bool(re.search(before, text) or re.search(after, text))


def is_hometown(doc: Doc, chunk: Chunk, start: int) -> bool:
    """True for "X, of Burnley" / "X, 45, from Whitby": a one-word name with nothing of a body
    about it (no organisation word, not an acronym, no "the", never called a firm or the like)
    that the text uses as a place or that follows an age."""
    name = chunk.name
    if " " in name or has_org_word(name) or name.isupper():
        return False
    text = doc_text(doc)
    if re.search(r"\bthe\s+$", text[max(0, chunk.start - 5) : chunk.start]):
        return False
    if re.search(r",\s*\d{1,3}\s*,\s*$", text[max(0, start - 12) : start]):
        return True  # "X, 34, from Y": an age is written for a private person, not an employee
    if named_as_body(doc, name, chunk.start):
        return False
    if ent_labels(doc, chunk.start, chunk.end) & {"GPE", "LOC"}:
        return True
    return doc_orgs(doc).is_place(name)


# What a body is said to be, right after its name: "of Berenberg, Germany's largest private
# bank", "of the Eurasia Group, a political risk and consulting company".
BODY_APPOSITIVE_RE = re.compile(
    r",\s+(?:a|an|the|[A-Z][\w.&-]*['’]s)\s+(?:[\w-]+\s+){0,6}?(?P<noun>[\w-]+)"
    r"(?=[,.;]|\s+(?:that|which|said|says|warned|told|added)\b)"
)


def body_appositive(text: str, end: int, limit: int) -> str | None:
    """The description of a body written after its name at `end`, when it names a kind of
    body ("Germany's largest private bank"), else None."""
    match = BODY_APPOSITIVE_RE.match(text, end, limit)
    if not match or match.group("noun").lower() not in BODY_NOUNS:
        return None
    # "Misha Shah, 32, of Chicago, an account executive for a tech firm": a post held at the
    # body describes the person, not the name before it
    words = match.group()[1:].split()
    for word, after in zip(words, words[1:], strict=False):
        if after in ("for", "at", "with") and role_word(word):
            return None
    return match.group()[1:].strip()


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
    capital = role.text.lower() not in {"professor", "prof", "prof."} | ACRONYM_ROLES
    if role.text[:1].isupper() and capital:
        return False  # "Communications Director", "Committee Chairman": a capitalised title
    index = doc_orgs(doc)
    name = " ".join(t.text for t in org_toks)
    if index.is_place(name) or index.is_person(name):
        return False
    for tok in org_toks:
        lower = tok.text.lower()
        if tok.is_sent_start and index.used_lowercase(lower):
            return False  # "Factory manager X said ... the factory": a common noun
        if tok.ent_type_ in {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "LANGUAGE"}:
            return False  # "an English professor at X": the subject, not the employer
        if tok.ent_type_ == "PERSON" and (len(org_toks) > 1 or index.is_person(tok.text)):
            return False  # "Obama adviser": a person's, not a firm's (a lone unknown word may be)
        if tok.ent_type_ == "NORP" and not odd_norp(tok):
            return False
        if lower in PARTY_WORDS:
            return False
        if tok is org_toks[0] and (lower in COMMON_TITLE_WORDS or lower in TITLE_MODIFIERS):
            return False  # "Leading economist", but "Kelvin Global Markets analyst" is a firm
        if tok.pos_ not in {"PROPN", "NOUN", "ADJ", "X"} and not joining_hyphen(tok):
            return False
    return True


# The body a research team or study belongs to, said before its members are named:
# "Researchers at Kelvin University tracked ...", "a study by the Harlow Institute",
# "say Cranfield University experts".
_NAME = r"[A-Z][\w'’&-]*(?:\s+(?:of|for|and|&|on|[A-Z][\w'’&-]*))*"
GROUP_AT_RE = re.compile(
    r"\b(?i:researchers|scientists|academics|experts|team|study|research|survey|report)\s+"
    rf"(?:at|from|by|of|led by)\s+(?:the\s+)?(?P<org>{_NAME})"
)
# "The study by US researchers, Pew Internet, suggests": the researchers, then their name
GROUP_NAMED_RE = re.compile(
    rf"\b(?i:researchers|scientists|academics|experts|analysts),\s+(?:the\s+)?(?P<org>{_NAME})"
)
GROUP_BEFORE_RE = re.compile(
    rf"(?P<org>{_NAME})\s+(?:researchers|scientists|academics|experts|team)\b"
)
# What says a person belongs to that group: a research role or having led the work.
RESEARCH_ROLE_WORDS = word_set(
    "researcher scientist author co-author leader professor lecturer academic fellow"
)
NOT_ONE_OF_THEM_RE = re.compile(
    r"\b(?:not involved|independent|outside|another|other|however|but)\b", re.IGNORECASE
)
LED_RE = re.compile(r"\b(?:led|leads|heads|headed|ran|runs|wrote|co-wrote|authored)\s+the\s+")


# A post at a firm written with no firm, which a report on one firm leaves to be understood
# ("said chief executive Finian O'Sullivan"); a bare "director" or "president" may head a film
# or a country, so each needs a word saying which.
_FIRM_OFFICER = (
    r"(?:(?:deputy|group|joint|acting|interim|founding|executive|non-executive)\s+)?"
    r"(?:chief\s+executive(?:\s+officer)?"
    r"|chief\s+(?:financial|operating|technology|technical|commercial|marketing|information)"
    r"\s+officer"
    r"|(?:managing|finance|financial|commercial|marketing|sales|operations|technical)\s+director"
    r"|chairman|chairwoman|ceo|cfo|coo|cto|boss|founder|co-founder"
    r"|spokesman|spokeswoman|spokesperson)"
)
# "new chief executive", "chairman and chief executive"
FIRM_OFFICER_RE = re.compile(
    rf"(?:new\s+)?{_FIRM_OFFICER}(?:\s+and\s+{_FIRM_OFFICER})?", re.IGNORECASE
)


# A body the text says is in the business of analysis ("technology analysts Gartner"), and
# the posts of its own people that a report on its work leaves without its name.
ANALYST_HOUSE_RE = re.compile(
    r"\b(?i:analysts|analyst\s+firm|research\s+(?:firm|group|company|house)|consultancy"
    r"|consultants|market\s+researchers?) (?P<org>[A-Z][\w&-]*(?: [A-Z][\w&-]*){0,3})"
)
ANALYST_RE = re.compile(
    r"(?:(?:senior|chief|principal|lead|[a-z]+)\s+)?(?:analyst|economist|researcher|strategist)",
    re.IGNORECASE,
)


def subject_firm(doc: Doc, title: str | None) -> tuple[str, str] | None:
    """The body the article is about and the post, for one of its officers the text names by
    post alone ("said chief executive Finian O'Sullivan" in a report on Burren Energy), or by
    a post after the body's name the model did not read as one ("Electrolux chief executive
    Hans Straberg"); None when the post or the body is not clear."""
    if not title:
        return None
    role = title.strip()
    if ANALYST_RE.fullmatch(role):
        # "mobile analyst Carolina Milanesi" in a report on research by "analysts Gartner":
        # the one body the text calls a house of analysts
        houses = {m.group("org") for m in ANALYST_HOUSE_RE.finditer(doc_text(doc))}
        return (houses.pop(), role) if len(houses) == 1 else None
    subject = doc_orgs(doc).subject
    if subject is None:
        return None
    for form in dict.fromkeys((subject, subject.split()[0])):
        named = re.match(rf"{re.escape(form)}(?:['’]s|['’])?\s+", role)
        if named:
            role = role[named.end() :]
            break
    return (subject, role) if FIRM_OFFICER_RE.fullmatch(role) else None


# Posts held inside a body, which a line after that body spoke leaves it to be understood;
# an analyst or an economist may comment on any body.
INSIDE_HEADS = word_set(
    """
    director head manager chief boss executive officer spokesman spokeswoman spokesperson
    chairman chairwoman founder co-founder
    """
)


def speaking_body(doc: Doc, start: int, title: str | None) -> str | None:
    """The one body that spoke in the sentence before the one naming a person at `start`, in
    the same paragraph, when the person is named by a post held inside a body and no body
    with it ("The AA Motoring Trust said it was not sure ... Road safety head Andrew Howard
    said")."""
    if not title or (role_word(last_head_word(title)) or "") not in INSIDE_HEADS:
        return None
    span = span_at(doc, start, start + 1)
    if span is None:
        return None
    sent = span.sent
    if sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    if "\n" in doc_text(doc)[before.start_char : sent.start_char]:
        return None  # a new paragraph
    index = doc_orgs(doc)
    bodies = {
        ent.text
        for ent in before.ents
        if ent.label_ == "ORG" and ent.root.dep_ == "nsubj" and _reports(ent.root.head)
    }
    bodies = {b for b in bodies if not index.is_person(b)} - index.outlets
    if len(bodies) != 1:
        return None
    body = bodies.pop()
    if not keeps_article(body):
        body = re.sub(r"^(?:The|the)\s+", "", body)
    # "Cadbury said ..." of "Cadbury Schweppes": the name the text gives in full
    longer = {n for _, n in index.names if n.startswith(body + " ")}
    return longer.pop() if len(longer) == 1 else body


def _reports(verb: Token) -> bool:
    """The main verb of its sentence, one that reports, not negated ("Bank of America said
    the tapes went missing"; not "with the Alliance saying", "Microsoft did not comment")."""
    return (
        verb.dep_ == "ROOT"
        and verb.lower_ in SPEECH_VERBS
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def research_group(doc: Doc, start: int, title: str | None, notes: list[str]) -> str | None:
    """The one body whose researchers the text named in the lines before a person it then
    introduces as one of them ("lead researcher Dr X", "Professor X, who led the work"), or
    None when the text names none or several."""
    role = role_word(last_head_word(title or "")) or ""
    research_role = role in RESEARCH_ROLE_WORDS or is_academic(role)
    if not research_role and not any(LED_RE.search(n) for n in notes):
        return None
    text = doc_text(doc)
    span = span_at(doc, start, start + 1)
    if span is not None and NOT_ONE_OF_THEM_RE.search(span.sent.text):
        return None  # "Professor Y, who was not involved in the study": someone else's view
    window_start = max(0, start - 400)
    window = text[window_start:start]
    found: set[str] = set()
    for regex in (GROUP_AT_RE, GROUP_NAMED_RE, GROUP_BEFORE_RE):
        for match in regex.finditer(window):
            name = match.group("org").strip()
            if regex is GROUP_AT_RE and re.match(r"(?:\s+the|\s*,)\s+[A-Z]", window[match.end() :]):
                found.add("")  # "at Kelvin University and the Harlow Institute": two bodies
            name = re.sub(r"\s+(?:of|for|and|&|on)$", "", name)
            name = re.sub(r"^(?:The|the)\s+", "", name)
            # "researchers, Pew Internet,": the text says what the name is, unless it is a
            # person's
            named = regex is GROUP_NAMED_RE and "PERSON" not in ent_labels(
                doc, window_start + match.start("org"), window_start + match.end("org")
            )
            if has_org_word(name) or doc_orgs(doc).known_name(name) or named:
                found.add(name)
    return found.pop() or None if len(found) == 1 else None
