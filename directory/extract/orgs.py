"""Organization names: "X (ACR) at Y in Z" chains split into organizations, parents, places."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from directory.text import word_set

# Words that make a capitalized phrase an organization rather than a place.
ORG_WORDS = word_set(
    """
    university universities college school institute institution institutions center centre
    foundation association society council corporation corp company co inc ltd llc plc group
    bank agency office ministry department embassy consulate commission committee library
    project program programme laboratory lab labs academy museum hospital clinic trust fund
    federation union league alliance organisation organization network press times post journal
    magazine review news research securities partners capital holdings services consultancy
    gazette herald telegraph tribune chronicle courier
    church party court board bureau service forum initiative observatory authority chamber
    """
)
# Organization heads that keep "in PLACE" as part of the name ("the Chinese Embassy in Tokyo").
PLACE_NAMED = frozenset({"embassy", "consulate", "mission"})
# Lowercase words that may sit inside a proper name ("Institute of International Studies").
NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "&", "de", "du", "la", "in", "at"})
# Lowercase words allowed to end an organization name ("Empire magazine", "Jupiter research").
NAME_TAILS = frozenset({"magazine", "newspaper", "research"})
PLACE_LABELS = frozenset({"GPE", "LOC"})

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
# A body introduced by its kind, up to its name's first capital: "anti-virus firm S(ophos)".
KIND_THEN_NAME = (
    r"(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,2}"
    rf"(?:{'|'.join(sorted(BODY_NOUNS))})\s+[A-Z]"
)
ORG_LABELS = frozenset({"ORG", "FAC"})

ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z&.\-]{1,11})\)")
LEADING_ARTICLE_RE = re.compile(r"^(?:the|The)\s+")
POSSESSIVE_RE = re.compile(r"['’]s?\s+")
WORD_RE = re.compile(r"\S+")


@dataclass
class Chunk:
    """One named piece of an affiliation chain, with its offsets in the article text."""

    name: str
    start: int
    end: int
    acronym: str | None = None
    is_place: bool = False
    parent: str | None = None
    place_name: str | None = None
    prep: str = ""


def is_capitalized(word: str) -> bool:
    """True for words that start like a proper name ("Fudan", "U.S.", "3")."""
    word = word.lstrip("\"“‘'")
    return bool(word) and (word[0].isupper() or word[0].isdigit())


TEXT_KEY = "directory.extract.facts:text"


def doc_text(doc: Doc) -> str:
    """The doc's text, joined once per doc: `Doc.text` rebuilds it from every token each call."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def span_at(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering [start, end), or None when that range holds no token (only space,
    or outside the text)."""
    start, end = max(start, 0), min(end, len(doc_text(doc)))
    if end <= start:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def ent_labels(doc: Doc, start: int, end: int) -> set[str]:
    """The NER labels of entities overlapping the character span [start, end)."""
    span = span_at(doc, start, end)
    if span is None:
        return set()
    # Token by token: `Span.ents` walks every entity of the whole doc.
    return {token.ent_type_ for token in span if token.ent_type_}


def is_known_person(doc: Doc, chunk: Chunk) -> bool:
    """True when the chunk's last word ends a PERSON name elsewhere in the doc ("Christie")."""
    last = chunk.name.split()[-1]
    return any(ent.label_ == "PERSON" and ent[-1].text == last for ent in doc.ents)


def has_org_word(name: str) -> bool:
    """True when the name contains a word like University, Institute or Embassy."""
    return any(w.strip(".,'’").lower() in ORG_WORDS for w in name.split())


def proper_suffix(text: str) -> tuple[int, int] | None:
    """The span of the proper name that ends `text`, dropping lowercase descriptors before it.

    "the hawkish American Enterprise Institute" -> "American Enterprise Institute";
    "analysts Gartner" -> "Gartner"; "Empire magazine" -> "Empire magazine".
    """
    words = list(WORD_RE.finditer(text))
    while words and words[-1].group().lower() in NAME_TAILS and len(words) > 1:
        if is_capitalized(words[-2].group()):
            break
        words.pop()
    # "Lopes Filho & Associates consultancy", "the New Democrat Network think tank": the kind
    # of body, written after its name
    kind = 2 if len(words) > 2 and text[words[-2].start() :].lower() == "think tank" else 1
    if len(words) > kind and is_capitalized(words[-kind - 1].group()):
        last = words[-1].group()
        if last.islower() and (last in BODY_NOUNS and last not in NAME_TAILS or kind == 2):
            del words[-kind:]
    if not words:
        return None
    end = words[-1].end()
    start = None
    for match in reversed(words):
        word = match.group()
        if is_capitalized(word):
            start = match.start()
        elif word.lower() in NAME_JOINERS or (word.lower() in NAME_TAILS and match.end() == end):
            continue
        else:
            break
    if start is None:
        return None
    # A name never starts with a joiner; "the" in front is dropped by the caller.
    return start, end


def clean_chunk(text: str, offset: int) -> Chunk | None:
    """A chunk from raw text: acronym pulled out, leading article and descriptors dropped.

    A possessive names the parent ("the Institute of Education's Centre for X") or, when
    what follows is not a name ("Toshiba's European storage device division"), the
    organization itself.
    """
    acronym = None
    match = ACRONYM_RE.search(text)
    if match:
        acronym = match.group(1)
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    owner = None
    poss = POSSESSIVE_RE.search(text)
    if poss and re.search(r"['’]", poss.group()):
        owner = name_span(text[: poss.start()], offset)
        rest = name_span(text[poss.end() :], offset + poss.end())
        if owner is None:
            return rest
        if rest is None or not text[poss.end() :].strip()[:1].isupper():
            owner.acronym = acronym
            return owner
        if " " not in rest.name and has_org_word(rest.name):
            # "St Mary's Hospital", "King's College": the possessive is part of one name
            whole = name_span(text, offset)
            if whole is not None:
                whole.acronym = acronym
                return whole
        rest.parent, rest.acronym = owner.name, acronym
        return rest
    chunk = name_span(text, offset)
    if chunk is not None:
        chunk.acronym = acronym
    return chunk


def keeps_article(name: str) -> bool:
    """True for titles whose "The" is part of the name: "The Guardian", "The Hill" (one word,
    not an acronym, written with a capital T)."""
    words = name.split()
    return len(words) == 2 and words[0] == "The" and not words[1].isupper()


TRAILING_WHEN_RE = re.compile(
    r"\s+(?:on|in|at|since|until|by|last|this|next)\s+(?:(?:early|late)\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|(?:19|20)\d\d)\b.*$"
)


def name_span(text: str, offset: int) -> Chunk | None:
    """The proper name ending `text` as a chunk, or None when there is none."""
    stripped = text.rstrip(" .,;:")
    # "at Merrill Lynch on Thursday", "a super PAC in 2016": when, not part of the name
    stripped = TRAILING_WHEN_RE.sub("", stripped)
    # "analyst firm Gartner and someone who has followed ...": the name ends before the "and"
    run_on = re.search(r"\s+and\s+[a-z]", stripped)
    if run_on and not is_capitalized(stripped.split()[-1]):
        stripped = stripped[: run_on.start()]
    span = proper_suffix(stripped)
    if span is None:
        return None
    start, end = span
    lead = LEADING_ARTICLE_RE.match(stripped[start:end])
    if lead and not keeps_article(stripped[start:end]):
        start += lead.end()
    name = re.sub(r"\s{2,}", " ", stripped[start:end]).strip()
    if name.count(")") > name.count("("):
        name = name.replace(")", "").strip()  # "Republican PAC)": the rest of an aside
    if not name or not is_capitalized(name):
        return None
    return Chunk(name=name, start=offset + start, end=offset + end)


# Prepositions that separate the pieces of "Institute X at University Y in City".
CHAIN_SPLIT_RE = re.compile(
    r"\s+(at|in|based in|based at|with)\s+(?=(?:the\s+)?[A-Z])"
    # "at the hawkish American Enterprise Institute", "at analysts Gartner"
    r"|\s+(at|with)\s+(?=(?:the\s+)?(?:[a-z][\w-]*\s+){1,3}[A-Z])"
    # "for Company magazine and the Daily Express": two organizations side by side
    r"|\s+(and)\s+(?=the\s+[A-Z])"
)


def split_chain(text: str, offset: int, doc: Doc, first_prep: str) -> list[Chunk]:
    """Named pieces of an affiliation chain, each marked as a place or an organization.

    "the Institute of International Studies (IIS) at Fudan University in Shanghai" ->
    [Institute of International Studies (IIS), Fudan University, Shanghai (place)].
    """
    pieces: list[tuple[str, int, int]] = []
    prep, last = first_prep, 0
    for match in CHAIN_SPLIT_RE.finditer(text):
        pieces.append((prep, last, match.start()))
        prep = next(g for g in match.groups() if g)
        last = match.end()
    pieces.append((prep, last, len(text)))
    chunks: list[Chunk] = []
    for prep, start, end in pieces:
        chunk = clean_chunk(text[start:end], offset + start)
        if chunk is None:
            continue
        chunk.is_place = classify_place(doc, chunk, prep)
        chunk.prep = prep
        if chunks and merges_into_previous(chunks[-1], chunk, prep):
            prev = chunks[-1]
            prev.name = f"{prev.name} {prep} {chunk.name}"
            if prev.name.split()[0].lower() != "university":
                prev.place_name = chunk.name
            prev.end = chunk.end
            continue
        chunks.append(chunk)
    return chunks


def classify_place(doc: Doc, chunk: Chunk, prep: str) -> bool:
    """True when a chunk names a place (Shanghai, Lawrenceville), not an organization."""
    if has_org_word(chunk.name):
        return False
    labels = ent_labels(doc, chunk.start, chunk.end)
    if labels & ORG_LABELS:
        return False
    if labels & PLACE_LABELS:
        return True
    return prep.startswith("based") or prep == "in"


def merges_into_previous(prev: Chunk, chunk: Chunk, prep: str) -> bool:
    """True for "University of North Carolina at Chapel Hill" and "Chinese Embassy in Tokyo"."""
    if prev.is_place or prev.acronym or has_org_word(chunk.name):
        return False
    head = prev.name.split()[-1].lower()
    if prep == "in" and head in PLACE_NAMED and chunk.is_place:
        return True
    return prep == "at" and prev.name.lower().startswith("university of")


def parse_org(text: str, offset: int) -> Chunk | None:
    """One organization name from a list item: "the Shanghai Institute for ... (SIIS)"."""
    return clean_chunk(text, offset)


def joining_hyphen(tok: Token) -> bool:
    """True for a hyphen inside one word of a name, with no space either side ("T-Mobile",
    "Jeanne-Marie")."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.nbor(-1).whitespace_


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
