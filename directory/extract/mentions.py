"""Name mentions of people: the PERSON entities (with honorifics, minus places and bodies that
only look like names), the names the model missed, and the descriptor phrases around a name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from directory.extract.docorgs import doc_orgs
from directory.extract.names import (
    NAME_PARTICLES,
    SUFFIXES,
    fold,
    honorific_gender,
    is_person_name,
    parse_name,
)
from directory.extract.orgs import doc_text, entity_of, has_org_word
from directory.extract.patterns import (
    EXPERT_WORDS,
    GENDERED_NOUNS,
    GIVEN_NAME_GENDERS,
    HONORIFICS,
    KNOWN_GIVEN_NAMES,
    NOT_PERSON_WORDS,
    PERSON_NOUNS,
    ROLE_NOUNS,
    ROLE_PREFIX_WORDS,
    SENTENCE_OPENERS,
    SPEECH_VERBS,
)
from directory.extract.reporting import name_right_before
from directory.extract.roles import PARTY_WORDS, ROLE_HEADS, is_role_head

DASH_APPOS_RE = re.compile(r"\s*[,\u2013\u2014-]\s+(?:a|an)\s+([^,.;:()\u2013\u2014\n-]{3,120})")
# Entity labels that veto a one-word "person" seen under them as often as under PERSON.
NOT_PERSON_ENTS = {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
ROLE_WINDOW_PARAGRAPHS = 12
# Parts of speech that open a sentence without being a name ("Meanwhile", "But", "After").
OPENER_POS = frozenset({"ADV", "CCONJ", "SCONJ", "ADP", "INTJ", "DET", "PRON"})


@dataclass
class Mention:
    """One surface mention of a person: a name, a resolved pronoun or a role noun."""

    start: int
    end: int
    text: str
    kind: str  # "name" | "pronoun" | "role"
    cluster: int = -1
    honorifics: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    subject: bool = False
    # heads a who-clause it is the subject of: salient, after the sentence's own subjects
    relative: bool = False
    sentence: int = 0
    evidenced: bool = False
    root: int = -1  # the token index of the mention's syntactic head
    gender: str | None = None  # from an honorific or a family noun ("Mrs", "his wife")
    coordinated: bool = False  # found only as a conjunct of a person's name


def is_speaker(tok: Token) -> bool:
    """The token is the subject of a reporting verb ('he said', 'Smith told')."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lower_ in SPEECH_VERBS


def descriptors_of(head: Token, span: Span, token_cluster: dict) -> list[tuple[str, int, int]]:
    """Descriptor phrases attached to a name whose syntactic head is `head`."""
    out = []
    doc = head.doc
    # "X, a professor of politics at Y,"
    for child in head.children:
        if child.dep_ == "appos" and child.i > span.end - 1:
            out.append(_phrase(doc, child.left_edge.i, child.right_edge.i + 1))
    # "Richard Alba and Nancy Foner, sociologists at X,": a plural appositive of the first
    # name describes every name coordinated with it
    if head.dep_ == "conj" and head.head.i < span.start:
        for child in head.head.children:
            if child.dep_ == "appos" and child.i > span.end - 1 and child.tag_ == "NNS":
                out.append(_phrase(doc, child.left_edge.i, child.right_edge.i + 1))
    # "the director, John Smith," and "Professor of politics John Smith" (name is the appos)
    if head.dep_ == "appos" and head.head.i < span.start:
        h = head.head
        if h.i not in token_cluster:
            out.append(_phrase(doc, h.left_edge.i, h.i + 1))
    # "Paolo Pescatore mobile industry specialist for analysts IDC"
    if (
        head.dep_ == "compound"
        and head.head.i >= span.end
        and is_role_word(head.head)
        and not _names_whom_the_role_serves(doc, span, head.head)
    ):
        out.append(_phrase(doc, span.end, head.head.right_edge.i + 1))
    # "David Kahn - a former Yale historian and leading expert on code-breaking - said"
    m = DASH_APPOS_RE.match(doc_text(doc), span.end_char)
    if m:
        out.append((m.group(1).strip(), m.start(1), m.end(1)))
    # pre-modifiers: "Bristol University political scientist Anne Alexander"
    left = head.left_edge.i
    if left < span.start:
        start = left
        while start < span.start and doc[start].dep_ in ("det", "punct", "poss", "case"):
            if doc[start].dep_ == "poss" and doc[start].i in token_cluster:
                break
            start += 1
        if start < span.start and not any(
            doc[k].i in token_cluster for k in range(start, span.start)
        ):
            out.append(_phrase(doc, start, span.start))
    # "X is a professor at Y"
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lower_ in ("is", "was", "'s", "are"):
        for child in head.head.children:
            if child.dep_ == "attr":
                out.append(_phrase(doc, child.left_edge.i, child.right_edge.i + 1))
    return [d for d in out if d[0]]


def _names_whom_the_role_serves(doc: Doc, span: Span, role: Token) -> bool:
    """True when a name before a role noun says whom the role serves, not who holds it: "an
    Obama backer", "Obama consultant Cornell Belcher" (the role heads another name)."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.dep_ == "det" and before.head.i == role.i:
        return True
    holder = role.head
    return role.dep_ == "compound" and holder.i > role.i and holder.pos_ == "PROPN"


def _phrase(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    span = doc[start:end]
    return (span.text.strip(" ,"), span.start_char, span.end_char)


def find_name_mentions(doc: Doc, in_quote: list[bool]) -> list[Mention]:
    """PERSON entities (with honorifics in front), plus 'Mr Hadi'-style names the model missed,
    minus organizations, places and headings that only look like names."""
    mentions: list[Mention] = []
    covered: set[int] = set()
    sent_index = _sentence_index(doc)
    for ent in doc.ents:
        if ent.label_ != "PERSON" and not _mislabelled_person(ent):
            continue
        if ent.start in covered:
            continue  # the rest of a name already read ("Sandra den" + "Hamer")
        start = ent.start
        # "fellow Tory David Heathcoat-Amory": a party word the model took into the name
        while ent.end - start > 2 and doc[start].lower_ in PARTY_WORDS:
            start += 1
        # "Rhodri [Glyn Thomas]": a capitalised first name the model left out
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].ent_type_ == ""
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].dep_ == "compound"
            and ent.start - start < 1
            and not is_honorific(doc[start - 1])
            and not is_role_word(doc[start - 1])
            and not (doc[start - 1].is_sent_start and doc[start - 1].lower_.endswith("ing"))
            and not _inside_a_longer_name(doc, start - 1)
        ):
            start -= 1
        while start > 0:
            if is_honorific(doc[start - 1]):
                start -= 1
            elif start > 1 and doc[start - 1].text == "." and is_honorific(doc[start - 2]):
                start -= 2  # "Capt. Jeff Davis" when the tokenizer split off the dot
            else:
                break
        end = _name_end(doc, ent.start, ent.end)
        # "David Kahn -", "Ren Xiao's": punctuation and possessives are not the name
        while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "\u2019s")):
            end -= 1
        end = _cut_short_name_end(doc, start, end)
        if end <= start:
            continue
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and fold(nxt.text) in NOT_PERSON_WORDS and nxt.text[:1].isupper():
            continue  # "George Washington University"
        m = make_mention(doc, start, end, in_quote, sent_index)
        if m is not None:
            m.evidenced = ent.label_ != "PERSON"  # a role noun or appositive vouches for it
            mentions.append(m)
            covered.update(range(start, end))
    # honorific + capitalised word(s) that NER left out: "Mr Hadi", "Dr. Ren"
    for tok in doc:
        if tok.i in covered or not is_honorific(tok, courtesy_only=True):
            continue
        end = tok.i + 1
        while end < len(doc) and is_honorific(doc[end]):
            end += 1
        name_start = end
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and end - name_start < 3
        ):
            if doc[end].i in covered:
                break
            end += 1
        if end == name_start:
            continue
        end = _cut_short_name_end(doc, name_start, end)
        m = make_mention(doc, tok.i, end, in_quote, sent_index)
        if m is not None:
            mentions.append(m)
            covered.update(range(tok.i, end))
    mentions.extend(_coordinated_names(doc, mentions, in_quote, covered, sent_index))
    mentions.extend(_speaker_names(doc, in_quote, covered, sent_index))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _inside_a_longer_name(doc: Doc, k: int) -> bool:
    """ "Director of National Intelligence James Clapper": a capitalised word after another,
    no known given name itself, ends a body's or office's name, not a person's."""
    before = doc[k - 1] if k > 0 else None
    return (
        before is not None
        and before.pos_ == "PROPN"
        and before.text[:1].isupper()
        and not is_honorific(before)  # "Saudi Prince Alwaleed Bin Talal"
        and fold(doc[k].text) not in KNOWN_GIVEN_NAMES
    )


def _name_end(doc: Doc, start: int, end: int) -> int:
    """Where a name the model ran on past its end stops: at a spaced dash, a comma, a bracket
    or a colon ("Deborah Jordan Reynolds - Santilli's" -> "Deborah Jordan Reynolds")."""
    for k in range(start + 1, end):
        tok = doc[k]
        spaced_dash = tok.text in ("-", "\u2013", "\u2014") and doc[k - 1].whitespace_
        if spaced_dash or tok.text in (",", ";", ":", "(", ")"):
            return k
    return end


def _cut_short_name_end(doc: Doc, start: int, end: int) -> int:
    """Where a name the model cut short really ends: after the rest of a hyphenated surname
    ("Nadia Brook" + "-Kessler"), after a particle and the surname it opens ("Sandra" + "den
    Hamer"), or after the surname that follows a middle initial ("Bruce L" + "Castor Jr"); a
    name never ends with its middle initial."""
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].text[:1].isupper()
    ):
        end += 2
    if (
        end + 1 < len(doc)
        and doc[end].lower_ in NAME_PARTICLES
        and doc[end - 1].whitespace_
        and doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].pos_ == "PROPN"
    ):
        end += 2  # "Sandra" + "den Hamer"
    elif (
        end < len(doc)
        and all(is_honorific(doc[k]) for k in range(start, end - 1))
        and _heads_the_name(doc[end - 1], doc[end])
    ):
        end += 1  # "Deputy Speaker Sylvia" + "Heal agreed"
    elif end < len(doc) and _surname_after_given_name(doc[end - 1], doc[end]):
        end += 1  # "Lt. Gov. Patty" + "Judge": titles come before a name, never after it
    last = doc[end - 1]
    if (
        end - 1 > start
        and end < len(doc)
        and len(last.text.rstrip(".")) == 1
        and last.text[:1].isupper()
        and last.whitespace_
        and doc[end].pos_ == "PROPN"
        and doc[end].is_alpha
        and doc[end].text[:1].isupper()
        and not is_honorific(doc[end])
    ):
        end += 1
        if end < len(doc) and fold(doc[end].text).rstrip(".") in SUFFIXES:
            end += 1
    return end


def _surname_after_given_name(word: Token, nxt: Token) -> bool:
    """Whether a capitalised role word right after a known given name is its surname ("Patty
    Judge", "Nick Bishop"): English puts a title before a name, so it cannot be one here."""
    return (
        fold(word.text) in KNOWN_GIVEN_NAMES
        and word.dep_ == "compound"
        and word.head.i == nxt.i
        and word.whitespace_ == " "
        and _untagged_proper_noun(nxt)
        and is_role_word(nxt)
    )


def _untagged_proper_noun(tok: Token) -> bool:
    """A capitalised word (not an acronym) the model read as a proper noun but tagged as no
    entity: a surname it left out of the name before it."""
    return (
        tok.pos_ == "PROPN"
        and tok.is_alpha
        and tok.text[:1].isupper()
        and not tok.text.isupper()
        and tok.ent_type_ == ""
    )


def _heads_the_name(word: Token, nxt: Token) -> bool:
    """Whether `nxt` is the surname a one-word name leads into: the name's head, a capitalised
    proper noun the model left untagged, at the head of its phrase ("Sylvia Heal agreed")."""
    return (
        word.dep_ == "compound"
        and word.head.i == nxt.i
        and bool(word.whitespace_)
        and "\n" not in word.whitespace_
        and _untagged_proper_noun(nxt)
        and nxt.dep_ in ("nsubj", "nsubjpass", "appos", "pobj", "dobj", "conj")
        and fold(nxt.text) not in NOT_PERSON_WORDS
        and not is_role_word(nxt)
        and not is_honorific(nxt)
    )


def _coordinated_names(doc, mentions, in_quote, covered, sent_index) -> list[Mention]:
    """Names coordinated with a person's name, whatever the model tagged them: 'Researchers
    Forde, Okoro and Dunne' (Okoro tagged as a place)."""
    out = []
    todo = [doc[m.root] for m in mentions if m.root >= 0 and not m.evidenced]
    seen = {t.i for t in todo}
    while todo:
        tok = todo.pop()
        near = [c for c in tok.children if c.dep_ == "conj"]
        if tok.dep_ == "conj":
            near.append(tok.head)
        for other in near:
            if other.i in seen or other.i in covered or other.pos_ != "PROPN":
                continue
            seen.add(other.i)
            start = other.i
            while (
                start > 0
                and doc[start - 1].dep_ == "compound"
                and doc[start - 1].head.i == other.i
                and doc[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            m = make_mention(doc, start, other.i + 1, in_quote, sent_index)
            if m is None:
                continue
            m.coordinated = True
            out.append(m)
            covered.update(range(start, other.i + 1))
            todo.append(other)
    return out


def modifies_thing(tok: Token) -> bool:
    """'a Linux or Mac version', 'the Obama administration': a name modifying a thing."""
    if tok.dep_ == "conj" and tok.head.dep_ in ("compound", "nmod", "amod"):
        tok = tok.head
    head = tok.head
    return (
        tok.dep_ in ("compound", "nmod", "amod")
        and head.i > tok.i
        and head.pos_ == "NOUN"
        and not is_role_word(head)
    )


def is_role_word(tok: Token) -> bool:
    return tok.lower_ in ROLE_NOUNS or tok.lower_ in EXPERT_WORDS


def _mislabelled_person(ent: Span) -> bool:
    """A two-to-four-word proper name tagged ORG (or the like) that the context shows is a
    person: 'Jean-Philippe Cotis, the OECD's chief economist', 'professor Roy Williams',
    'Paolo Pescatore mobile industry specialist'."""
    if ent.label_ not in NOT_PERSON_ENTS or not 1 <= len(ent) <= 5:
        return False
    if len(ent) == 1:
        # "Suprnova administrator Sloncek": one word is a person only after a role noun, or
        # set after a noun for a person ("Trump's wife, Melania,")
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        return (
            before is not None
            and (before.lower_ in ROLE_NOUNS or _after_person_noun(ent))
            and ent.label_ != "NORP"  # "fellow Asian Indian": a people, not a name
            and ent[0].pos_ == "PROPN"
            and ent[0].text[:1].isupper()
            and fold(ent.text) not in NOT_PERSON_WORDS
        )
    words = [t for t in ent if t.text != "-"]
    if _role_then_name(words):
        return True  # "Spokeswoman Haley Morris says": the role word took the name into a body
    if any(t.pos_ != "PROPN" or not t.text[:1].isupper() for t in words):
        return False
    if any(fold(t.text) in NOT_PERSON_WORDS for t in ent) or is_honorific(ent[-1]):
        return False
    if ent.label_ in ("ORG", "FAC") and has_org_word(ent.text):
        return False  # "A US Embassy spokesman said": the body's spokesman, unnamed
    root = ent.root
    doc = ent.doc
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end and is_role_word(child):
            return True
    head = root.head
    if root.dep_ in ("compound", "appos", "nsubj") and head.i >= ent.end and is_role_word(head):
        return True
    if _after_person_noun(ent):
        return True  # "run by an administrator, Enrico Bondi, who"
    if ent.start > 0:
        before = doc[ent.start - 1]
        if is_role_word(before) or is_honorific(before):
            return True
    return False


def _after_person_noun(ent: Span) -> bool:
    """The name is set off by a comma right after a noun for a person, as its appositive:
    "Trump's wife, Melania,", "an administrator, Enrico Bondi,"."""
    root, doc = ent.root, ent.doc
    head = root.head
    return (
        root.dep_ == "appos"
        and ent.start >= 2
        and head.i == ent.start - 2
        and doc[ent.start - 1].text == ","
        and (head.lower_ in ROLE_NOUNS or head.lower_ in PERSON_NOUNS)
    )


def _role_then_name(words: list[Token]) -> bool:
    """True for a role word the model read as a common noun followed by two or three proper
    names and nothing else: "Spokeswoman Haley Morris" tagged as one organization."""
    role, rest = words[0], words[1:]
    return (
        role.pos_ == "NOUN"
        and role.lower_ in ROLE_PREFIX_WORDS
        and 2 <= len(rest) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest)
        and not any(fold(t.text) in NOT_PERSON_WORDS for t in rest)
    )


def _speaker_names(doc: Doc, in_quote: list[bool], covered: set[int], sent_index) -> list[Mention]:
    """Proper-noun subjects of speech verbs that NER did not tag: 'Parul Jain, deputy chief
    economist at Nomura, said ...', 'Sloncek said ...'."""
    out = []
    # "Eddie Griffin ... said", later '"...," said Griffin' with Griffin tagged a place: a
    # surname the text gives a person keeps naming that person
    named = doc_orgs(doc)
    for verb in doc:
        if verb.lower_ not in SPEECH_VERBS or verb.pos_ != "VERB" or in_quote[verb.i]:
            continue
        for subj in verb.children:
            if subj.dep_ != "nsubj" or subj.pos_ != "PROPN" or subj.i in covered:
                continue
            if not subj.text[:1].isupper():
                continue
            if subj.ent_type_ in NOT_PERSON_ENTS and not (
                named.is_person(subj.text) and subj.ent_iob_ == "B" and _alone_in_entity(subj)
            ):
                continue
            start = subj.i
            while (
                start > 0
                and doc[start - 1].dep_ == "compound"
                and doc[start - 1].head.i == subj.i
                and doc[start - 1].text[:1].isupper()
                and doc[start - 1].ent_type_ not in NOT_PERSON_ENTS
            ):
                start -= 1
            while start > 0 and is_honorific(doc[start - 1]):
                start -= 1
            if any(i in covered for i in range(start, subj.i + 1)) or _a_post(doc, start, subj):
                continue
            m = make_mention(doc, start, subj.i + 1, in_quote, sent_index)
            if m is not None:
                out.append(m)
                covered.update(range(start, subj.i + 1))
    return out


def _a_post(doc: Doc, start: int, subj: Token) -> bool:
    """'Argentine Economic Minister, Roberto Lavagna, told', 'Planning Minister said': a
    capitalised role word heading the subject is a post, not a surname, when its name follows
    as an appositive or a word that is no given name comes before it ('Howard Dean' stays)."""
    if subj.lower_ not in ROLE_HEADS:
        return False
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subj.children):
        return True
    return start < subj.i and fold(doc[start].text) not in KNOWN_GIVEN_NAMES


def _alone_in_entity(tok: Token) -> bool:
    """True when the token is a whole entity by itself."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.ent_iob_ != "I"


def _sentence_index(doc: Doc) -> dict[int, int]:
    return {s.start: k for k, s in enumerate(doc.sents)}


def make_mention(doc, start, end, in_quote, sent_index) -> Mention | None:
    for k in range(end - 1, start - 1, -1):
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            start = k + 1  # an entity running over a line break keeps its last line
            break
    start = _skip_openers(doc, start, end)
    if start >= end:
        return None
    span = doc[start:end]
    root = span.root
    # "presidential candidate Carly Fiorina strode onstage": right after a role noun the name
    # is the role's holder, whatever noun the parser hangs it on
    if modifies_thing(root) and not (start > 0 and is_role_word(doc[start - 1])):
        return None
    text = span.text
    parsed = parse_name(text)
    if not parsed.words or not is_person_name(" ".join(parsed.words)):
        return None
    words = _shared_surname(doc, end, parsed.words)
    if len(words) > 1 and all(fold(w) in ROLE_PREFIX_WORDS or fold(w) in HONORIFICS for w in words):
        # "the Lord Chief Justice": a post, not the name of who holds it (one word may be a
        # surname: "Dean said")
        return None
    sent = sent_index.get(span.sent.start, 0) if sent_index else 0
    m = Mention(
        span.start_char,
        span.end_char,
        text,
        "name",
        honorifics=parsed.honorifics,
        words=words,
        # "Trump's attorney, Alan Garten, said": the appositive of a subject is one, the
        # owner before it is not
        subject=root.dep_ in ("nsubj", "nsubjpass")
        or root.head.dep_ == "nsubj"
        and root.dep_ != "poss"
        or speaks_unparsed(root, in_quote),
        relative=relative_subject(root),
        sentence=sent,
        root=root.i,
        gender=honorific_gender(parsed.honorifics)
        or _family_gender(doc, span)
        or _given_name_gender(words),
    )
    if in_quote[start]:
        m.kind = "quoted-name"
    return m


def speaks_unparsed(root: Token, in_quote: list[bool]) -> bool:
    """'..., her lawyer, Perry Wander, said': the subject of a reporting verb the parser left
    without one (reporting.name_right_before), as salient as any subject for a pronoun after."""
    doc = root.doc
    k = root.right_edge.i + 1
    while k < len(doc) and doc[k].text == ",":
        k += 1
    if k == len(doc) or k == root.right_edge.i + 1 or doc[k].lower_ not in SPEECH_VERBS:
        return False
    verb = doc[k]
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    named = name_right_before(verb, in_quote)
    return named is not None and named.i == root.i


def _shared_surname(doc: Doc, end: int, words: list[str]) -> list[str]:
    """A given name alone before "and" and a full name shares its surname: "David and Jeanne
    Heidler" are David Heidler and Jeanne Heidler, as "Bill and Hillary Clinton" are."""
    if len(words) != 1 or fold(words[0]) not in KNOWN_GIVEN_NAMES or end + 2 >= len(doc):
        return words
    other = entity_of(doc[end + 1]) if doc[end].lower_ == "and" else None
    full = other is not None and other.start == end + 1 and other[0].ent_type_ == "PERSON"
    if not full or len(other) != 2 or not other[-1].is_title:
        return words
    return [words[0], other[-1].text]


def _given_name_gender(words: list[str]) -> str | None:
    """The gender a full name's given name tells ('Michael Howard'); none for one word alone,
    which may be a surname ('Howard')."""
    return GIVEN_NAME_GENDERS.get(fold(words[0])) if len(words) > 1 else None


def _family_gender(doc: Doc, span: Span) -> str | None:
    """The gender a gendered noun right before or beside a name gives: 'his wife Mary Smith',
    'Mary, his wife,', 'Her husband, Saeed Abedini,', 'spokeswoman Ann Lee'."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in GENDERED_NOUNS:
        return GENDERED_NOUNS[before.lower_]
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start and root.head.lower_ in GENDERED_NOUNS:
        return GENDERED_NOUNS[root.head.lower_]
    for child in span.root.children:
        if child.dep_ != "appos" or child.i < span.end or child.lower_ not in GENDERED_NOUNS:
            continue
        if not any(c.lower_ == "whose" for c in child.children):  # "X, whose husband,"
            return GENDERED_NOUNS[child.lower_]
    return None


def _skip_openers(doc: Doc, start: int, end: int) -> int:
    """The first token of a name after words that only look like part of it: a sentence-opening
    adverb ('Meanwhile Bradford'), or a role word before the name ('Head of Biology ...,
    Professor Alan Brodie', 'Lawyer Louise Christian', 'Pollsters Ann Selzer') or a party
    ('Lib Dem Norman Baker'), or a common noun opening the sentence ('Drummer Larry Mullen'),
    or any word before a full name the text also writes without it ('Vermonter Bernie
    Sanders'). A role word alone ('Head') leaves nothing."""
    while start < end:
        tok = doc[start]
        opener = tok.is_sent_start and (tok.lower_ in SENTENCE_OPENERS or tok.pos_ in OPENER_POS)
        # "Broadcaster Chris Evans": any role word before a full name (not "Dean Smith")
        role = (
            end - start > 2
            and is_role_head(tok.text)
            and not is_honorific(tok)  # "Senator Mark Ellison" keeps its title in the name
            and fold(tok.text) not in KNOWN_GIVEN_NAMES
        )
        # "Lib Dem Norman Baker", "Tory Theresa May": a party before a full name
        party = end - start > 2 and (
            tok.lower_ in PARTY_WORDS
            or tok.lower_ == "lib"
            and doc[start + 1].lower_ == "dem"
            or tok.lower_ == "dem"
            and start > 0
            and doc[start - 1].lower_ == "lib"
        )
        # a word, no given name itself, before a given name that opens a full name: no part
        # of it when it opens the sentence ("Drummer Larry Mullen", "Magistrate Lee Gilmore")
        # or when the text also names the person without it ("Vermonter Bernie Sanders")
        before_name = (
            end - start > 2
            and fold(tok.text) not in KNOWN_GIVEN_NAMES
            and fold(doc[start + 1].text) in KNOWN_GIVEN_NAMES
            and not is_honorific(tok)
        )
        extra = before_name and (
            tok.is_sent_start or _named_without(doc, tok, doc[start + 1 : end].text)
        )
        if not (opener or role or party or extra) and tok.lower_ not in ROLE_PREFIX_WORDS:
            break
        start += 1
    return start


def relative_subject(root: Token) -> bool:
    """'an administrator, Enrico Bondi, who has launched lawsuits': a name whose relative
    clause it is the subject of, as salient as a sentence's subject for a pronoun after it."""
    return any(
        c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children)
        for c in root.children
    )


def _named_without(doc: Doc, tok: Token, rest: str) -> bool:
    """True when the text writes the full name `rest` more often than with `tok` before it."""
    text = doc.text
    return text.count(rest) > text.count(f"{tok.text} {rest}")


def is_honorific(tok: Token, courtesy_only: bool = False) -> bool:
    word = tok.text.lower().rstrip(".")
    if not tok.text[:1].isupper():
        return False
    if courtesy_only:
        return word in ("mr", "mrs", "ms", "dr", "prof", "professor")
    return word in HONORIFICS


def role_noun(tok: Token) -> bool:
    """Whether a token is a role noun under a definite article: 'the professor' (but not 'the
    prime minister's spokesman', who is somebody else)."""
    if tok.lower_ not in ROLE_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "poss" for c in tok.children):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children)
