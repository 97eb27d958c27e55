"""Extraction: quotes, the people who said them, their kind, and (via facts.py) their titles,
affiliations and biography. One spaCy pass per article; the rules run in linear time."""

from __future__ import annotations

import bisect
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from directory.bodies import named_as_body
from directory.extract.attribution import Attributed, Attributor
from directory.extract.docorgs import doc_orgs
from directory.extract.facts import extract_facts
from directory.extract.kinds import decide_kind
from directory.extract.language import ENGLISH, detect_language
from directory.extract.names import fold, knightly, parse_name
from directory.extract.nlp import load_nlp, parse_chunks
from directory.extract.patterns import GIVEN_NAME_FORMS, KNOWN_GIVEN_NAMES
from directory.extract.people import Cluster, People
from directory.extract.premodifiers import is_office_title
from directory.extract.quotes import QuoteSpan, find_quotes, paragraph_spans
from directory.extract.roles import role_word
from directory.extract.transcripts import accepted_turns, attribute_turns, find_turns, turn_spans
from directory.models import Article, Extraction, Person, Quote, Statement

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "2.24.0"
__all__ = ["EXTRACTOR_VERSION", "extract_article", "extract_articles", "load_nlp"]


def extract_article(article: Article) -> Extraction:
    """Extract the quoted people of one article."""
    return next(extract_articles([article]))


def extract_articles(
    articles: Iterable[Article], *, n_process: int = 1, batch_size: int = 32
) -> Iterator[Extraction]:
    """Extract many articles with one spaCy pipe, yielding results in input order."""
    pending: deque[Article] = deque()
    languages: deque[str] = deque()

    def texts():
        for article in articles:
            language = detect_language(article.text)
            pending.append(article)
            languages.append(language)
            # an article in another language is reported, not read: the parser gets nothing
            yield clean_text(article.text) if language == ENGLISH else ""

    partial: list[tuple[int, list[Person]]] = []
    for chunk in parse_chunks(texts(), n_process=n_process, batch_size=batch_size):
        if chunk.start == 0 and chunk.last:
            article, language = pending.popleft(), languages.popleft()
            if language != ENGLISH:
                yield Extraction(article, [], EXTRACTOR_VERSION, language=language)
            else:
                yield extract_doc(article, chunk.doc)
            continue
        # a long text: extract each chunk on its own and merge, so memory stays bounded
        piece = Article(text=pending[0].text[chunk.start : chunk.start + len(chunk.doc.text)])
        partial.append((chunk.start, extract_doc(piece, chunk.doc).people))
        if chunk.last:
            article = pending.popleft()
            languages.popleft()
            yield Extraction(article, merge_chunk_people(article.text, partial), EXTRACTOR_VERSION)
            partial = []


def merge_chunk_people(text: str, partial: list[tuple[int, list[Person]]]) -> list[Person]:
    """People found chunk by chunk, with offsets moved into the whole text and people of the
    same name merged."""
    merged: dict[str, Person] = {}
    for offset, people in partial:
        for person in people:
            _shift(person, offset)
            key = fold(person.name)
            if key not in merged:
                merged[key] = person
                continue
            into = merged[key]
            into.quotes.extend(person.quotes)
            into.aliases.extend(a for a in person.aliases if a not in into.aliases)
            into.positions.extend(person.positions)
            into.publications.extend(person.publications)
            into.research_areas.extend(person.research_areas)
            into.editorial_roles.extend(person.editorial_roles)
            into.title = into.title or person.title
    for person in merged.values():
        for q in person.quotes:
            q.text = text[q.start : q.end]
    return list(merged.values())


def _shift(person: Person, offset: int) -> None:
    for q in person.quotes:
        q.start += offset
        q.end += offset
        for name in ("source_start", "source_end", "cue_start", "cue_end"):
            value = getattr(q, name)
            if value is not None:
                setattr(q, name, value + offset)
    items = [*person.positions, *person.publications, *person.research_areas]
    evidence = list(person.title_evidence)
    for item in [*items, *person.editorial_roles]:
        evidence.extend(item.evidence)
    for ev in {id(ev): ev for ev in evidence}.values():  # shared evidence moves once
        ev.start += offset
        ev.end += offset


CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A list item's dash or bullet written against its first word ("-Jane Doe argues ..."): the
# tokenizer keeps it on the word, and the name is lost.
BULLET_RE = re.compile(r"(?m)^([ \t]*)[-\u2013\u2014\u2022*](?=[^\W\d_])")
# A soft hyphen at the edge of a word is invisible in print but glues itself to the word for
# the tokenizer ("Doug \u00adAndres"); inside a word it is left alone.
EDGE_SOFT_HYPHEN_RE = re.compile(r"(?<=\s)\u00ad+|\u00ad+(?=\s)")
# Markup left in a scraped article ("<tweet author=\"x\" tweet_id=\"1\">...</tweet>", "<b>"):
# its attributes would read as words ("author") about the next name; the words inside stay.
MARKUP_RE = re.compile(
    r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))?)*\s*/?>"
)
# spaCy's tokenizer peels prefixes and suffixes one character at a time, so a long run without
# spaces (thousands of quotation marks) costs quadratic time. No word is this long.
LONG_RUN_RE = re.compile(r"\S{64,}")
RUN_BREAK = 32
# A direct quote this short inside the speaker's own paraphrase is a scare quote, not an item.
SCARE_QUOTE_WORDS = 2


def clean_text(text: str | None) -> str:
    """The text spaCy sees: control bytes, markup tags, list bullets and soft hyphens at a
    word's edge blanked, same length as the article text, so every offset stays valid."""
    if not text:
        return ""
    text = BULLET_RE.sub(r"\1 ", CONTROL_RE.sub(" ", text))
    if "<" in text:
        text = MARKUP_RE.sub(lambda m: " " * len(m.group()), text)
    text = EDGE_SOFT_HYPHEN_RE.sub(lambda m: " " * len(m.group()), text)
    return LONG_RUN_RE.sub(_break_run, text)


def _break_run(match: re.Match) -> str:
    """Blank every RUN_BREAK-th character of a long run, keeping its length."""
    run = list(match.group())
    for i in range(RUN_BREAK, len(run), RUN_BREAK):
        run[i] = " "
    return "".join(run)


def extract_doc(article: Article, doc: Doc) -> Extraction:
    """Run the rules over a parsed doc of `article.text`."""
    text = article.text or ""
    if not text.strip() or len(doc) == 0:
        return Extraction(article, [], EXTRACTOR_VERSION)
    quotes = find_quotes(text)
    turns = accepted_turns(doc, find_turns(text))
    spans = turn_spans(text, turns)
    if spans:
        # a transcript's turns are its quotes: marks inside them are part of what was said
        quotes = [q for q in quotes if not _overlaps_any(q.outer_start, q.outer_end, spans)]
    mask = quote_mask(text, quotes)
    for start, end, _ in spans:
        mask[start:end] = b"\x01" * (end - start)
    in_quote = [bool(mask[t.idx]) for t in doc]
    para_starts = [s for s, _ in paragraph_spans(text)] or [0]

    def paragraph_of(pos: int) -> int:
        return bisect.bisect_right(para_starts, pos) - 1

    people = People(doc, in_quote, paragraph_of).build()
    said, titles = attribute_turns(people, turns, spans)
    attributed = Attributor(doc, text, quotes, people, in_quote, mask, paragraph_of).attribute()
    attributed.extend(said)
    mine = [a for a in attributed if a.cluster >= 0]
    persons = build_persons(doc, text, people, mine, titles)
    statements = build_statements(text, [a for a in attributed if a.cluster < 0])
    # "according to consultants Strategy Analytics", "oil industry analysts Douglas-Westwood":
    # a name whose title is a plural role is a firm or group speaking, not a person; and a name
    # the general rule reads as a body's ("a Japan Airlines spokesman") is no person either
    organizations = [s.organization for s in statements]
    speaking = [p for p in persons if _plural_title(p) or _a_body(p, organizations, text)]
    if speaking:
        persons = [p for p in persons if p not in speaking]
        statements.extend(Statement(b.name, q) for b in speaking for q in b.quotes)
        statements.sort(key=lambda s: s.quote.start)
    return Extraction(article, persons, EXTRACTOR_VERSION, statements)


def _a_body(person: Person, organizations: list[str], text: str) -> bool:
    """A name surely an organization's ("Japan Airlines", "a Japan Airlines spokesman"), or one
    word the article itself writes as a body's, a party's or a place's ("Wanadoo is set to
    trial", "Labour claims"). Weaker signs that one word is no name (a capital only at the
    start of sentences) are left to the store, which reads them across the article's people."""
    return bool(
        named_as_body(
            person.name, honorific=person.honorific, organizations=organizations, text=text
        )
    )


def _plural_title(person: Person) -> bool:
    """True for a title headed by a plural role noun ("analysts", "oil industry consultants"),
    unless the text makes the person one of them ("one of the family's attorneys")."""
    title = person.title or ""
    words = title.split()
    if not words or ";" in title or re.search(r"\b(?:of|at|for|with|and)\b", title):
        return False
    if any(re.search(r"\bone of\b", ev.sentence) for ev in person.title_evidence):
        return False
    if person.given_name and fold(person.given_name) in KNOWN_GIVEN_NAMES:
        return False  # "said David Mercer, analysts with Strategy Analytics": a slip
    last = words[-1].lower()
    return last.endswith("s") and role_word(last) not in {None, last}


def _overlaps_any(start: int, end: int, spans: list[tuple[int, int, object]]) -> bool:
    return any(start < e and s < end for s, e, _ in spans)


def build_statements(text: str, attributed: list[Attributed]) -> list[Statement]:
    """Organisations' words ('Yukos said', 'the FT reported'), in text order."""
    by_org: dict[str, list[Attributed]] = {}
    for a in attributed:
        if a.organization:
            by_org.setdefault(a.organization, []).append(a)
    out = []
    for organization, items in by_org.items():
        for a in _dedupe(sorted(items, key=lambda a: (a.start, a.end)), text):
            out.append(Statement(organization, _quote(text, a)))
    return sorted(out, key=lambda s: s.quote.start)


def quote_mask(text: str, quotes: list[QuoteSpan]) -> bytearray:
    """One byte per character: 1 inside a quote or on its marks."""
    mask = bytearray(len(text) + 1)
    for q in quotes:
        lo, hi = q.outer_start, min(len(text), q.outer_end)
        mask[lo:hi] = b"\x01" * (hi - lo)
    return mask


def build_persons(
    doc: Doc,
    text: str,
    people: People,
    attributed: list[Attributed],
    titles: dict[int, str] | None = None,
) -> list[Person]:
    """One Person per cluster that said something, in order of first mention."""
    by_cluster: dict[int, list[Attributed]] = {}
    for a in attributed:
        by_cluster.setdefault(a.cluster, []).append(a)
    named_people = doc_orgs(doc).person_words  # whom a "Sanders strategist" serves
    persons = []
    for cid in sorted(by_cluster, key=lambda c: _first_mention(people.clusters[c])):
        cluster = people.clusters[cid]
        items = _dedupe(sorted(by_cluster[cid], key=lambda a: (a.start, a.end)), text)
        person = _person(cluster)
        person.quotes = [_quote(text, a) for a in items]
        facts = _facts(doc, cluster)
        descriptors = [d[0] for d in cluster.descriptors]
        if facts is not None:
            person.title = facts.title
            person.title_evidence = list(facts.title_evidence or [])
            person.positions = list(facts.positions or [])
            person.publications = list(facts.publications or [])
            person.research_areas = list(facts.research_areas or [])
            person.editorial_roles = list(facts.editorial_roles or [])
            descriptors += facts.descriptions
        bare = person.title is None or is_office_title(person.title)
        if bare and titles and cid in titles:
            person.title = titles[cid]  # "SEN. JOHN DOE (R-Ohio):" or a transcript's cast list
        current = [p for p in person.positions if p.kind != "former"]
        organizations = [o for p in current for o in (p.organization, p.parent) if o]
        person.kind = decide_kind(descriptors, person.title, organizations, named_people)
        persons.append(person)
    return persons


def _quote(text: str, a: Attributed) -> Quote:
    """A Quote with the evidence of its attribution: who is named there, and the cue."""
    source = a.source or (None, None)
    cue = a.cue_span or (None, None)
    return Quote(
        text[a.start : a.end],
        a.kind,
        a.cue,
        a.start,
        a.end,
        round(a.confidence, 2),
        source_start=source[0],
        source_end=source[1],
        cue_start=cue[0],
        cue_end=cue[1],
    )


def _first_mention(cluster: Cluster) -> int:
    return min((m.start for m in cluster.mentions), default=0)


def _dedupe(items: list[Attributed], text: str = "") -> list[Attributed]:
    """Drop an indirect quote lying inside a direct one of the same person, repeats, and a
    scare-quoted word or two inside the person's own paraphrase ('said the "buzz" was ...')
    (items come sorted by start, so only the last few kept items can contain the next)."""
    out: list[Attributed] = []
    for a in items:
        recent = out[-8:]
        if any(b.start <= a.start and a.end <= b.end and _covers(b, a, text) for b in recent):
            continue
        out.append(a)
    return out


def _covers(b: Attributed, a: Attributed, text: str) -> bool:
    """Whether item b, which contains item a, makes a redundant."""
    if b.kind == "direct" or a.kind == b.kind:
        return True
    return a.kind == "direct" and len(text[a.start : a.end].split()) <= SCARE_QUOTE_WORDS


def _person(cluster: Cluster) -> Person:
    names = [m for m in cluster.mentions if m.kind in ("name", "quoted-name")]
    words = cluster.words
    name = " ".join(words)
    aliases = []
    seen = {fold(name)}
    for m in names:
        surface = parse_name(m.text)
        form = " ".join([*surface.honorifics, *surface.words])
        if fold(form) not in seen:
            seen.add(fold(form))
            aliases.append(form)
    if len(words) > 1:
        if not cluster.given_first and (cluster.family_first or _called_by_first_word(cluster)):
            family, given = words[0], " ".join(words[1:])
        else:
            given, family = words[0], words[-1]
    else:
        given, family = None, words[0]
    return Person(
        name=name,
        aliases=aliases,
        given_name=given,
        family_name=family,
        honorific=cluster.honorific,
    )


def _called_by_first_word(cluster: Cluster) -> bool:
    """'Xi Jinping ... Xi said': a person referred to by the first word of the name alone, and
    never by the last, has the family name first; "Sir John", or a known given name alone
    ("James"), says nothing of the order."""
    first, last = fold(cluster.words[0]), fold(cluster.words[-1])
    if first in GIVEN_NAME_FORMS:
        return False  # "James" alone is a given name ("his sons, Lachlan and James")
    alone = [
        fold(" ".join(parse_name(m.text).words))
        for m in cluster.mentions
        if m.kind == "name" and not knightly(m.honorifics)
    ]
    return first in alone and last not in alone


def _facts(doc: Doc, cluster: Cluster):
    spans = [(m.start, m.end) for m in cluster.mentions]
    try:
        return extract_facts(doc, spans)
    except Exception:  # a facts bug must not lose the person and their quotes
        log.exception("extract_facts failed for %s", " ".join(cluster.words))
        return None
