"""Titles written before a name.

- a pre-modifier, with no comma: "Bristol University political scientist Anne Alexander",
  "Empire magazine's film critic X", "former advisor Ed Balls", "President Xi Jinping";
- a fronted role, set off by a comma (BBC style): "The CBI's chief economist, Ian McCafferty,
  said", "Its director, Robert Chote, said".

`premodifier` reads the first into (title, organization, former, start); `fronted` finds the
span of the second, which `directory.extract.descriptors.parse_descriptor` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from directory.extract.descriptors import FORMER_WORDS, PLACE_LABELS, ROLE_MODIFIERS
from directory.extract.docorgs import doc_orgs
from directory.extract.employers import BACK_NOUN_WORDS, odd_norp, unknown_firm
from directory.extract.names import OFFICE_ADDRESSES
from directory.extract.offices import body_after_of, role_before_of
from directory.extract.orgs import (
    NAME_TAILS,
    ORG_WORDS,
    Chunk,
    doc_text,
    ent_labels,
    entity_of,
    has_org_word,
    is_capitalized,
    joining_hyphen,
    keeps_article,
    span_at,
)
from directory.extract.patterns import QUOTING_VERBS, SPEECH_VERBS
from directory.extract.roles import (
    ACRONYM_ROLES,
    COMMON_TITLE_WORDS,
    EMPLOYEE_ROLES,
    PARTY_WORDS,
    TITLE_MODIFIERS,
    is_role_head,
    role_word,
)
from directory.text import HONORIFIC_TOKENS, word_set


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
            doc[k].text.lower() in HONORIFIC_TOKENS
            # a title word, unless NER reads it as part of the name ("Dean Boyd")
            or is_role_head(doc[k].text)
            and doc[k].ent_type_ != "PERSON"
        )
    ):
        k += 1
    i = k - 1
    professor = False
    office = None
    while i >= 0 and doc[i].text.lower() in HONORIFIC_TOKENS and doc[i].text[:1].isupper():
        professor = professor or doc[i].text.lower() in {"professor", "prof", "prof."}
        if office is None and doc[i].text.lower() in OFFICE_HONORIFICS:
            office = doc[i]
        i -= 1
    head = i
    # "head of equities Tom Lavery", "White House chief of staff Denis McDonough": the role
    # stands before "of" and what it heads
    named_head = head
    of_role = role_before_of(doc, head) if head >= 0 else None
    if of_role is not None:
        i = head = of_role
    words: list[Token] = []
    while i >= 0 and len(words) < 10:
        tok = doc[i]
        hyphen = words and words[-1].text == "-" and not tok.whitespace_
        if is_possessive(tok) or tok.text == "-" and not tok.whitespace_ or hyphen:
            words.append(tok)  # a hyphen joins its neighbours: "Under-Secretary", "Wal-Mart"
        elif brand_mark(tok):
            words.append(tok)  # "Yahoo! chief executive Terry Semel"
        elif joins_roles(doc, tok, words):
            words.append(tok)  # "EBay president and chief executive Meg Whitman"
        elif stops_premodifier(doc, tok, head):
            break
        elif (
            tok.ent_type_ == "PERSON"
            # "Assistant Chief Constable X", "MSP X": a title the model took into the name
            and not ((tok.is_title or tok.lower_ in ACRONYM_ROLES) and is_role_head(tok.text))
            and tok.lower_ not in PARTY_WORDS  # "Labour MP X", read as a name's first word
            and not in_org_named_person(tok)
            and not lone_unknown_name(doc, tok, words)
        ):
            if words and is_possessive(words[-1]):
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
    if of_role is not None and words:
        words += list(doc[of_role + 1 : named_head + 1])
    owned = words and words[0].i > 0 and doc[words[0].i - 1].lower_ in PERSONAL_POSSESSIVES
    if owned and (role_word(words[-1].text.split("-")[-1]) or "") == "boss":
        return None  # "his ex-boss Bernie Ebbers": whom someone worked for, not a title
    if head >= 0 and words and is_role_head(doc[head].text):
        if not_own_role(doc, span, doc[head], words):
            return None
        head_text = doc[head].text
        if not head_text[:1].isupper() or doc[head].is_title or head_text.lower() in ACRONYM_ROLES:
            read = read_premodifier(doc, words)
            mark = next((k for k, w in enumerate(words) if brand_mark(w)), None)
            if mark is not None and read[1] is None:
                # "Black Girls Rock! Founder": no body read from the name; the post after it
                rest = words[mark + 1 :]
                return read_premodifier(doc, rest) if rest else None
            if of_role is not None and read[1] is None:
                # "President of the Royal Society Sir Paul Nurse": the body the office is of
                title, _, former, first = read
                return title, body_after_of(doc, of_role + 2, named_head + 1), former, first
            return read
    if professor:
        # "Carnegie Mellon Professor Raj Reddy": the university is written before the title
        org = premod_org(doc, [*words, doc[head + 1]]) if words else None
        return ("Professor", org, False, doc[head + 1].idx if head + 1 < len(doc) else start)
    if office is not None:
        # "Sen. Patty Murray", "Democratic Rep. Dina Titus", "former Rep. George Miller": the
        # office written as a form of address is the title where nothing else is said
        qualifier = len(words) <= 2 and all(
            w.ent_type_ in {"GPE", "LOC", "NORP"} or w.lower_ in FORMER_WORDS for w in words
        )
        first = words[0] if words and qualifier else office
        end_char = office.idx + len(office.text)
        former = first.text.lower() in FORMER_WORDS
        return doc_text(doc)[first.idx : end_char], None, former, first.idx
    return None


# Elected offices written as a form of address before a name.
OFFICE_HONORIFICS = OFFICE_ADDRESSES | {f"{word}." for word in OFFICE_ADDRESSES}


def is_office_title(title: str) -> bool:
    """True for a title that is only an office's form of address ("Sen.", "Democratic Rep.")."""
    return title.split()[-1].lower() in OFFICE_HONORIFICS


NEWS_WORDS = word_set(
    "times post journal magazine review news gazette herald telegraph tribune chronicle courier"
)


# A body's kind alone, no body's name ("Committee", "Party"); a paper's one word ("Times") is.
KINDS_OF_BODY = ORG_WORDS - NEWS_WORDS


def brand_mark(tok: Token) -> bool:
    """An exclamation mark written onto a capitalised name, part of it: "Yahoo!", "Kerrang!"."""
    return (
        tok.text == "!"
        and tok.i > 0
        and not tok.nbor(-1).whitespace_
        and tok.nbor(-1).text[:1].isupper()
        and tok.i + 1 < len(tok.doc)
        and tok.nbor(1).text[:1].isalpha()
    )


def is_possessive(tok: Token) -> bool:
    """True for a possessive mark: "'s", or a bare apostrophe after a plural or a name ending
    in s ("The Times' music critic", "Capital Economics' chief economist")."""
    if tok.text in {"'s", "’s"}:
        return True
    return tok.text in {"'", "’"} and tok.i > 0 and tok.doc[tok.i - 1].text.endswith("s")


def possessive_body(doc: Doc, start: int) -> Chunk | None:
    """The body whose possessive is written right before a name, with no role between them:
    "Screen International's Tom Hale", "the IFS's Carl Emmerson". None for a person's, a
    place's or a nationality's possessive ("Britain's Tom Hale", "Mr Brown's Ed Balls")."""
    span = span_at(doc, start, start + 1)
    if span is None or span.start < 2:
        return None
    if not is_possessive(doc[span.start - 1]):
        return None
    k = span.start - 2
    toks: list[Token] = []
    while k >= 0 and len(toks) < 6:
        tok = doc[k]
        inner = tok.lower_ in {"of", "for", "and", "&"} and toks
        if tok.ent_type_ == "PERSON" and toks and toks[-1].lower_ in {"and", "&"}:
            toks.pop()  # "Alex Seitz-Wald and Reuters' Luciana Lopez": two names, one body
            break
        if not (is_capitalized(tok.text) and not tok.is_sent_start or inner):
            if is_capitalized(tok.text) and tok.is_sent_start and tok.pos_ == "PROPN":
                toks.append(tok)  # "Gallup's Jeffrey Jones", not "As Breitbart's"
            break
        toks.append(tok)
        k -= 1
    toks.reverse()
    while toks and not is_capitalized(toks[0].text):
        toks = toks[1:]
    if not toks or any(is_role_head(t.text) or t.lower_ in HONORIFIC_TOKENS for t in toks):
        return None  # "Professor Hale's Tom Roe", "the chairman's": a person's
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    name = doc_text(doc)[s:e]
    if not keeps_article(name):
        name = re.sub(r"^The\s+", "", name)
    index = doc_orgs(doc)
    full, acronym = index.expand(name)
    # Only a name the model or the text calls a body ("Microsoft's Mike Coleman"); a paper's
    # possessive ("the Herald's Ann Roe") names a reporter, not a source's employer.
    body = has_org_word(name) or full != name or "ORG" in ent_labels(doc, s, e)
    if not body or NEWS_WORDS & word_set(name.lower()):
        return None
    if index.is_person(name) or index.is_place(name) or name in index.outlets:
        return None  # "the BBC's Nick Robson" after "told the BBC": a reporter, not a source
    return Chunk(name=full, start=s, end=e, acronym=acronym if full != name else None)


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
    if not words or (role_word(words[0].text) or "") == "":
        return False
    if words[-1].text[:1].isupper() and words[-1].lower_ not in ACRONYM_ROLES:
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


PERSONAL_POSSESSIVES = word_set("his her their my our your")


def trim_premodifier(words: list[Token]) -> list[Token]:
    """Drop what cannot open a title: "the", a date ("On Monday school inspection chief"), a
    place after "in" ("in Las Vegas Microsoft boss"), and the possessive of a person the scan
    stopped at ("Mr Brown's former advisor")."""
    if words and words[0].i > 0 and words[0].doc[words[0].i - 1].lower_ in {"in", "at"}:
        k = 0
        while k < len(words) - 1 and words[k].ent_type_ in PLACE_LABELS:
            k += 1
        words = words[k:]
    while words and (
        words[0].text.lower() in {"the", "of", "for"}
        or words[0].ent_type_ in {"DATE", "TIME"}
        or (words[0].pos_ in {"ADV", "CCONJ", "SCONJ", "INTJ"} or words[0].tag_ in {"JJR", "RBR"})
        and words[0].is_sent_start  # "Earlier British costume designer X": when, not what
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
    if tok.is_lower and tok.dep_ in CLAUSE_DEPS and not is_role_head(tok.text):
        return True  # "critics claim depict Tory leader X": a verb the tagger read as a noun
    if len(tok.text) > 1 and tok.text.endswith(".") and tok.text[:1].islower():
        return True  # "losses of $4m. Assistant US Attorney X": a sentence ended there
    if (
        tok.dep_ == "pobj"
        and tok.head.i < tok.i
        and tok.head.lower_ not in {"of", "for"}
        and not is_role_head(tok.text)
    ):
        return True  # "After the announcement WLGA spokesman X": the noun ends a phrase of its own
    if tok.pos_ in {"DET", "ADP"}:
        # "of"/"the" inside a name: "California Institute of Technology professor".
        inside_name = tok.i + 1 <= head and doc[tok.i + 1].is_title
        return not (tok.text.lower() in {"of", "for", "the"} and inside_name)
    return False


def joins_roles(doc: Doc, tok: Token, words: list[Token]) -> bool:
    """True for an "and" between two lowercase roles one person holds ("president and chief
    executive", "founder and director"), not between two names or bodies."""
    if tok.lower_ != "and" or tok.i == 0 or not words:
        return False
    before = doc[tok.i - 1]
    return (
        before.is_lower
        and is_role_head(before.text)
        and all(w.is_lower for w in words)
        and is_role_head(words[0].text)
    )


# Dependencies that head a clause, never a word of a noun phrase's pre-modifier.
CLAUSE_DEPS = frozenset({"ROOT", "xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp"})


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
    poss = next((k for k, t in enumerate(words) if is_possessive(t)), None)
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
    poss = next((k for k, t in enumerate(words) if is_possessive(t)), None)
    if poss is not None:
        org_toks, role_toks = words[:poss], words[poss + 1 :]
        owner = possessive_owner(doc, org_toks, role_toks)
        if owner is not True:
            return owner
    else:
        org_toks = []
        for tok in words[:-1]:
            sentence_start = tok.is_sent_start or tok.i == 0 or "\n" in doc[tok.i - 1].text
            joined = joining_hyphen(tok) or brand_mark(tok)
            if joined and org_toks:
                org_toks.append(tok)
                continue
            if tok.lower_ in NAME_TAILS and org_toks and is_capitalized(org_toks[-1].text):
                org_toks.append(tok)  # "Q magazine editor": the kind of body ends its name
                break
            if not is_capitalized(tok.text) and tok.text not in {"of", "for", "and", "&"}:
                break
            # a place ends it, but not "Jupiter analyst" where the text names Jupiter Research
            place = tok.ent_type_ in PLACE_LABELS and not org_toks and not odd_norp(tok)
            bare = (
                place
                and doc_orgs(doc).expand(tok.text)[0] == tok.text
                and doc_orgs(doc).body_of_place_name(tok.text) is None
            )
            if bare and not opens_known_body(doc, tok, words[-1]):
                break
            lower = tok.text.lower()
            if sentence_start and not tok.ent_type_ and lower in COMMON_TITLE_WORDS:
                break
            if tok.pos_ in {"ADV", "CCONJ", "SCONJ", "INTJ"}:
                break  # "However Nintendo president Satoru Iwata"
            firm_plural = org_toks and tok.ent_iob_ == "I" and tok.lower_.endswith("s")
            if (is_role_head(tok.text) or tok.lower_ in TITLE_MODIFIERS) and not (
                firm_plural or org_toks and _inside_body_name(doc, tok, org_toks)
            ):
                # but "Janco Partners analyst": a plural inside the firm's name, and
                # "Association of Chief Police Officers president": a title word inside it
                break
            org_toks.append(tok)
        while (
            org_toks
            and not is_capitalized(org_toks[-1].text)
            and org_toks[-1].lower_ not in NAME_TAILS
            and not brand_mark(org_toks[-1])
        ):
            org_toks.pop()
        role_toks = words[len(org_toks) :]
        owner = " ".join(t.text for t in org_toks)
        party = owner.lower() in PARTY_WORDS and doc_orgs(doc).known_name(owner)
        campaign = role_toks and role_toks[0].lower_ == "campaign" and not has_org_word(owner)
        if campaign and not party:
            # "Trump campaign chairman Paul Manafort": a candidate's campaign (but "Labour
            # campaign spokesman X": the party's)
            return None
    if not org_toks or not role_toks:
        return None
    # "head of equities": the role is the word before its "of"
    role = next((t.nbor(-1) for t in role_toks[1:] if t.lower_ in {"of", "for"}), role_toks[-1])
    s = org_toks[0].idx
    e = org_toks[-1].idx + len(org_toks[-1].text)
    labels = ent_labels(doc, s, e)
    name = doc_text(doc)[s:e]
    index = doc_orgs(doc)
    full, acronym = name, None
    if (role_word(role.text) or "") in EMPLOYEE_ROLES:
        full, acronym = index.expand(name)
    if full == name and len(org_toks) == 1 and org_toks[0].ent_type_ in PLACE_LABELS:
        full = index.body_of_place_name(name) or name  # "Jupiter analyst": Jupiter Research
    if poss is None and len(org_toks) == 1 and name.lower() in KINDS_OF_BODY:
        # "Committee chairman Alan Beith": a kind of body, capitalised, stands for the one the
        # text named ("the Constitutional Affairs Select Committee"), or for none it names
        full = index.named_with(name, s)
        if full is None:
            return None
        return PremodOrg(name=full, start=s, end=e, role_start=role_toks[0].idx)
    known = full != name or index.known_name(name)
    named = has_org_word(name) or "ORG" in labels or known
    if poss is None and not has_org_word(name) and full == name and portfolio(role):
        return None  # "Trade and Industry Secretary": a portfolio, not a body
    if poss is None and not named and not unknown_firm(doc, org_toks, role):
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


def _inside_body_name(doc: Doc, tok: Token, before: list[Token]) -> bool:
    """A capitalised title word inside a body's name: within an organisation the model read,
    or after "<kind of body> of" ("Association of Chief Police Officers")."""
    nxt = tok.i + 1
    if tok.ent_type_ == "ORG" and tok.ent_iob_ == "I" and nxt < len(doc):
        return doc[nxt].ent_iob_ == "I"
    of = next((k for k, t in enumerate(before) if t.lower_ == "of"), None)
    if of is None or not has_org_word(" ".join(t.text for t in before[:of])):
        return False
    # members, plural, or a word qualifying the next one ("Chief Police"), not the post
    # itself ("Institute of Directors Director General")
    after = doc[nxt] if nxt < len(doc) else None
    qualifies = after is not None and after.is_title and not is_role_head(after.text)
    return tok.tag_ == "NNPS" or tok.lower_.endswith("s") or qualifies


def opens_known_body(doc: Doc, tok: Token, role: Token) -> bool:
    """True for a place or nationality opening a capitalised run the text names elsewhere
    as a body ("Jewish Chronicle editor X" after "the editor of the Jewish Chronicle")."""
    end = tok.i
    while (
        end + 1 < role.i
        and is_capitalized(doc[end + 1].text)
        and not is_role_head(doc[end + 1].text)
    ):
        end += 1
    if end == tok.i:
        return False
    return doc_orgs(doc).known_name(doc_text(doc)[tok.idx : doc[end].idx + len(doc[end])])


# Roles whose capitalised pre-modifier names a portfolio ("Health Secretary", "Cabinet
# minister", "Pensions Ombudsman"), a body only with a body's word ("Home Office minister").
PORTFOLIO_ROLES = word_set("secretary minister commissioner ombudsman")


def portfolio(role: Token) -> bool:
    """True for a portfolio role ("Secretary", "minister")."""
    return (role_word(role.text) or "") in PORTFOLIO_ROLES


def possessive_owner(doc: Doc, org_toks: list[Token], role_toks: list[Token]):
    """What a possessive before a role names: True when it reads as a body (go on), a body the
    text named before for "the network's spokesman", or None for a country's or a common
    noun's ("Australia's Prime Minister", "the country's vice president")."""
    if not org_toks or not role_toks:
        return None
    if any(t.lower_ in HONORIFIC_TOKENS for t in org_toks):
        return None  # "Mr Ebbers' lawyer": whom the role serves, not a body
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


def _inside_name(doc: Doc, k: int) -> bool:
    """True for a comma between capitalised words of a body's name ("US Immigration, Customs
    and Enforcement"), which a role's "for" or "of" opens."""
    before, after = doc[k - 1], doc[k + 1]
    if not (before.pos_ == "PROPN" and is_capitalized(after.text) and after.pos_ == "PROPN"):
        return False
    j = k - 1
    while j > 0 and doc[j].pos_ == "PROPN":
        j -= 1
    return doc[j].lower_ in {"for", "of", "at"}


def _around_acronym(doc: Doc, k: int) -> bool:
    """True for a bracket around one capitalised acronym ("(IETF)")."""
    mid = k + 1 if doc[k].text == "(" else k - 1
    if mid < 1 or mid + 1 >= len(doc):
        return False
    inside = doc[mid]
    brackets = doc[mid - 1].text == "(" and doc[mid + 1].text == ")"
    return brackets and inside.is_alpha and inside.text.isupper()


# Tokens that may sit inside a role phrase written before a name and its comma.
FRONT_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "PART", "NUM", "X"})


def fronted(doc: Doc, m_start: int, s_start: int, m_end: int = -1) -> tuple[int, int] | None:
    """The span of a role phrase written before the name and a comma, BBC style: "The CBI's
    chief economist, Ian McCafferty, said", "Its director, Robert Chote, said", "said the
    firm's head of research, Ann Fell", "the play's organiser in Uganda, Sarah Mukasa,". None
    when the phrase holds no role, or when it is the object of a preposition ("In a letter to
    the chairman, Mr Smith wrote") and the name ending at `m_end` is no appositive closed by a
    comma ("singled out by Ofsted chief, David Bell, for")."""
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
        inner = tok.lower_ in {"of", "for", "at", "on", "in", "and", "&"} and k < i
        # "ambassador to the UN,": a role's "to" (not "up to the incoming president,")
        inner = inner or _role_to(doc, k) and k < i
        # "for US Immigration, Customs and Enforcement,": a comma inside a body's name
        inner = inner or tok.text == "," and 0 < k < i and _inside_name(doc, k)
        # "the chair of the Internet Engineering Task Force (IETF),": the body's acronym
        inner = inner or tok.text in "()" and _around_acronym(doc, k)
        if tok.lower_ in {"its", "his", "her", "their"} and not (
            k > 0 and doc[k - 1].lower_ == "of"
        ):
            first = k  # "Its director, Robert Chote,", "his lawyer, Ann Bell,"
            break
        if not (tok.pos_ in FRONT_POS or inner or is_possessive(tok) or tok.text == "-"):
            break
        first = k
        if tok.pos_ == "DET" and not (
            k > 0 and (doc[k - 1].lower_ in {"of", "for", "at", "on"} or _role_to(doc, k - 1))
        ):
            break  # "The director of the Institute for Fiscal Studies,": go on past "of the"
        k -= 1
    while first is not None and first < i and doc[first].lower_ in {"and", "&"}:
        first += 1  # "..., and European Union ambassador to the WTO, Carlo Trojan, said"
    heads = [t for t in doc[first : i + 1] if is_role_head(t.text)] if first is not None else []
    if not heads or heads[-1].tag_ in {"NNS", "NNPS"}:
        return None  # "... killing five Dallas police officers, Governor Mary Fallin said"
    if doc[first].pos_ in {"ADP"}:
        return None
    when = doc[first].is_sent_start
    while when and first < i and doc[first].ent_type_ in {"DATE", "TIME"}:
        first += 1  # "Yesterday Argentina's economy minister, Roberto Lavagna, said": when
    before = doc[first - 1] if first > 0 and doc[first - 1].idx >= s_start else None
    if when and before is not None and before.ent_type_ in {"DATE", "TIME"}:
        before = None
    if (
        before is not None
        and before.lemma_ == "be"
        and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < before.i for c in before.children)
    ):
        return None  # "Asked if she was a member of the group, Ms Kelly said": her predicate
    name = span_at(doc, m_start, m_start + 1)
    name = name[0] if name is not None else None
    while name is not None and name.dep_ in ("compound", "flat") and name.head.i > name.i:
        name = name.head
    apposed = name is not None and name.head.i == heads[-1].i
    if before is not None and not apposed and _object_of_silent_verb(heads[-1], before):
        return None  # "where voters support the president, Mrs. Clinton devotes": its object
    closed = m_end >= 0 and text.startswith(",", m_end)
    opener = before is not None and before.pos_ not in {"VERB", "AUX", "CCONJ", "PUNCT", "SPACE"}
    if opener and not (closed and before.pos_ == "ADP"):
        return None  # "In a letter to the chairman, Mr Smith wrote": not an appositive
    return doc[first].idx, end_char


def _role_to(doc: Doc, k: int) -> bool:
    """True for the "to" of a role: "ambassador to the UN", "adviser to the president"."""
    return doc[k].lower_ == "to" and k > 0 and is_role_head(doc[k - 1].text)


def _object_of_silent_verb(role: Token, verb: Token) -> bool:
    """The role is the object of a verb that reports nothing ("where voters support the
    president, Mrs. Clinton devotes", where the name is no appositive of it), not of one that
    can stand before its speaker's fronted role ("said the firm's head of research,
    Ann Fell", "quoted the bank's economist, Ann Fell, as saying")."""
    if role.dep_ != "dobj" or role.head.i != verb.i:
        return False
    return verb.lower_ not in SPEECH_VERBS and verb.lower_ not in QUOTING_VERBS
