"""Document-wide evidence about names: whether a name the model calls a person is really an
organisation, publication, place or group, and the fullest form of an organisation's name.

The model often tags a company that speaks ("Yukos said") as a person. Each occurrence of a
name is read for what only organisations or groups have, and for what only people have, and the
verdict holds for the whole document:

    Yukos is tagged ORG or GPE elsewhere in the text             ->  label
    the FT reported / the Observer said                        ->  the
    Democrats argue / the Clintons (plural proper nouns)         ->  plural
    telecoms supplier Ericsson / Yukos, the oil firm,            ->  org-noun
    Ericsson, which makes ... / Acme Ltd                         ->  which, suffix
    an article in Politico / told Politico (never tagged PERSON)  ->  publication, audience
    ILO, FT, GOP (one word in capitals)                          ->  acronym
    New Jersey, South Carolina (a place of two words or more)     ->  place
    Yukos shares / a Yukos spokesman (a name modifying a thing)  ->  thing
against
    Mr Okoro, Dr. Ren (an honorific)                            ->  honorific
    Sheila, 34, / Sheila, a nurse, / pensioner Tom Hale          ->  age, role
    Sheila, who ...                                            ->  who
    Rowling revealed she had finished (he or she, not it)        ->  pronoun
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span, Token

from directory.bodies import PARTY_NAMES, PUBLISHING_VERBS
from directory.extract.docorgs import doc_orgs
from directory.extract.names import fold
from directory.extract.orgs import ORG_WORDS
from directory.extract.patterns import (
    EXPERT_ACTIVITY_WORDS,
    EXPERT_WORDS,
    HONORIFICS,
    KNOWN_GIVEN_NAMES,
    MEDIA_NOUNS,
    ORG_NOUNS,
    ORG_OWNED_NOUNS,
    ORG_SUFFIXES,
    PERSON_NOUNS,
    ROLE_NOUNS,
    ROLE_PREFIX_WORDS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    WORK_NOUNS,
)
from directory.extract.places import is_only_a_place
from directory.text import word_set

# Entity labels that say a name is not a person.
NOT_PERSON_ENTS = frozenset(
    {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
)
# Labels whose names may speak as a body: a company, a country, a party's voters.
SPEAKING_ENTS = frozenset({"ORG", "GPE", "NORP"})
# Signals strong enough to unmask a two-word name ("the Goldman Sachs", "Acme Holdings Ltd").
STRONG_SIGNALS = frozenset({"the", "org-noun", "which", "suffix"})
PERSON_WORDS = ROLE_NOUNS | (EXPERT_WORDS - EXPERT_ACTIVITY_WORDS) | PERSON_NOUNS
# Nouns for a kind of body that are people's jobs too ("a letter carrier", "a tour operator",
# "a publisher").
JOB_NOUNS = word_set("carrier operator publisher broadcaster provider")


def name_runs(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token ranges of capitalised proper-noun runs without their honorifics or
    role words: 'Yukos', 'Goldman Sachs', 'Okoro' in 'Mr Okoro', 'Ann Selzer' in 'Pollster
    Ann Selzer'."""
    runs = []
    i = 0
    n = len(doc)
    while i < n:
        if _name_token(doc[i]):
            j = i + 1
            while j < n and _name_token(doc[j]):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _surname_of_given_name(tok: Token, full_names: set[tuple[str, str]]) -> bool:
    """'DJ Beverly Bond' tagged a place: the last word of a two-word entity is a surname,
    whatever label the model gave the pair, after a known given name or where the model reads
    the same two words as a person elsewhere."""
    if tok.ent_iob_ != "I" or tok.i < 1 or tok.pos_ != "PROPN":
        return False
    given = tok.doc[tok.i - 1]
    if given.ent_iob_ != "B" or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I":
        return False
    key = fold(given.text)
    return key in KNOWN_GIVEN_NAMES or (key, fold(tok.text)) in full_names


def _name_token(tok: Token) -> bool:
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and not _is_honorific(tok)
        and tok.lower_ not in ROLE_PREFIX_WORDS
    )


class NameEvidence:
    """Evidence about every proper name of one doc, keyed by the folded words of the name."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.labels: dict[str, Counter] = defaultdict(Counter)
        self.org: dict[str, Counter] = defaultdict(Counter)
        self.person: dict[str, Counter] = defaultdict(Counter)
        # full names the model reads as a person somewhere: "Founder Beverly Bond"
        full_names = {
            (fold(e[-2].text), fold(e[-1].text))
            for e in doc.ents
            if e.label_ == "PERSON" and len(e) > 1
        }
        surnames = {surname for _, surname in full_names}
        # "Bernie Sanders": surnames the text gives a person with a given name the project knows
        self.given_surnames = {s for g, s in full_names if g in KNOWN_GIVEN_NAMES}
        for tok in doc:
            if tok.ent_type_ and tok.text[:1].isupper():
                person = tok.ent_type_ == "PERSON" or _surname_of_given_name(tok, full_names)
                self.labels[fold(tok.text)]["person" if person else "other"] += 1
        for start, end in name_runs(doc):
            key = " ".join(fold(t.text) for t in doc[start:end])
            self.org[key].update(_org_signals(doc, start, end, surnames))
            self.person[key].update(_person_signals(doc, start, end))

    def not_person(self, words: list[str]) -> str | None:
        """Why a name (its words, honorifics removed) is not a person here, or None."""
        key = " ".join(fold(w) for w in words)
        if key in PARTY_NAMES:
            return "party"  # "the Lib Dem spokesman": a party the model read as a person
        if self.person.get(key):
            return None
        if len(words) == 1 and key in SOURCE_NOUNS:
            return "source-noun"  # "Poll Finds Clinton Ahead" in a headline: a poll, nobody
        signals = self.org.get(key, Counter())
        if len(words) > 1:
            if is_only_a_place(" ".join(words)):
                return "place"  # "Christie, the New Jersey governor": a state, nobody
            strong = STRONG_SIGNALS & set(signals)
            return sorted(strong)[0] if strong else None
        if key in ORG_WORDS:
            return "org-word"  # "the U.S. Chamber of Commerce" split by the model: "Chamber"
        for signal in (
            "acronym",
            "plural",
            "suffix",
            "which",
            "the",
            "org-noun",
            "publication",
            "work",
        ):
            if signals.get(signal):
                return signal
        if signals.get("owned") or signals.get("thing", 0) >= 2:
            return "thing"
        votes = self.labels.get(key)
        if signals.get("audience") and not (votes and votes["person"]):
            return "audience"  # "told Politico", "according to Politico", never called a person
        # a tie goes to a surname the text gives someone in full: '"...," said Griffin' read
        # once as a place after "Eddie Griffin"
        tie_to_person = doc_orgs(self.doc).is_person(words[0])
        if signals.get("reports") and not tie_to_person:
            return "publication"  # a reporter is named in full somewhere; an outlet is not
        if votes and votes["other"] >= votes["person"] + (1 if tie_to_person else 0):
            # the model's labels alone do not outvote a full name with a known given name
            # ("the Bernie Sanders campaign ... Sanders stepped up")
            return None if key in self.given_surnames else "label"
        return None

    def is_person(self, words: list[str]) -> bool:
        """Whether anything in the doc shows the name is a person's (honorific, age, role)."""
        return bool(self.person.get(" ".join(fold(w) for w in words)))


def _org_signals(doc: Doc, start: int, end: int, surnames: set[str]) -> Counter:
    """What in the words around one occurrence shows an organisation or group. `surnames`:
    the last words of full names the model reads as a person's."""
    out: Counter = Counter()
    first, last = doc[start], doc[end - 1]
    if _is_honorific(first):
        return out
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    after = doc[end + 1] if end + 1 < len(doc) else None
    modifies = last.dep_ in ("compound", "nmod", "amod") and last.head.i >= end
    if prev is not None and prev.lower_ == "the" and not modifies:
        out["the"] += 1
    if end - start == 1:
        # the tagger reads a surname ending in -s as a plural ("Sanders" of "Bernie Sanders")
        plural_tag = last.tag_ == "NNPS" and fold(last.text) not in surnames
        # "Sanders and Clinton see": two subjects take a plural verb
        plural_verb = last.dep_ == "nsubj" and last.head.tag_ == "VBP"
        if plural_tag or plural_verb and not any(c.dep_ == "conj" for c in last.children):
            out["plural"] += 1
        if len(last.text) >= 2 and last.text.isupper() and last.text.isalpha():
            out["acronym"] += 1
        if modifies and last.head.pos_ == "NOUN" and last.head.lower_ not in PERSON_WORDS:
            out["owned" if last.head.lower_ in ORG_OWNED_NOUNS else "thing"] += 1
        if last.dep_ == "poss" and last.head.lower_ in ORG_OWNED_NOUNS:
            out["owned"] += 1
        if _titled_work(prev, last):
            out["work"] += 1
        if last.dep_ == "nsubj" and last.head.lower_ in PUBLISHING_VERBS:
            out["reports"] += 1  # "Politico reported Saturday that": a publication, or a reporter
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_.rstrip(".") in ORG_SUFFIXES:
        out["suffix"] += 1
    if nxt is not None and (
        nxt.lower_ == "which" or (nxt.text == "," and after is not None and after.lower_ == "which")
    ):
        out["which"] += 1
    # "Bob Mason, a retired letter carrier": after a known given name, a noun that names a
    # person's job as well as a kind of body says nothing
    given = fold(first.text) in KNOWN_GIVEN_NAMES and end - start > 1
    if _described_by(doc, start, end, ORG_NOUNS - JOB_NOUNS if given else ORG_NOUNS):
        out["org-noun"] += 1
    if prev is not None:
        out.update(_publication_signals(doc, start))
    return out


def _titled_work(prev: Token | None, name: Token) -> bool:
    """ "Arnold's gritty drama Wasp", "the album Paranoid": a name right after the noun for a
    work is its title; not one that speaks ("on his show Hannity said")."""
    return (
        prev is not None
        and prev.pos_ == "NOUN"
        and prev.lower_ in WORK_NOUNS
        and not (name.dep_ in ("nsubj", "nsubjpass") and name.head.lower_ in SPEECH_VERBS)
    )


def _publication_signals(doc: Doc, start: int) -> Counter:
    """'an article in Politico', 'wrote in the Observer' (a publication); 'told Politico',
    'according to Politico' (a publication or a person: counted apart)."""
    out: Counter = Counter()
    k = start - 1
    if doc[k].lower_ == "the":
        k -= 1
    if k < 0:
        return out
    word = doc[k].lower_
    if word == "in" and k > 0:
        j = k - 1
        while j > 0 and doc[j].pos_ in ("ADJ", "DET", "NUM"):
            j -= 1
        if doc[j].lower_ in MEDIA_NOUNS or doc[j].lower_ in ("wrote", "writes", "write"):
            out["publication"] += 1
    elif word == "told" or (word == "to" and k > 0 and doc[k - 1].lower_ == "according"):
        out["audience"] += 1
    return out


def _person_signals(doc: Doc, start: int, end: int) -> Counter:
    """What in the words around one occurrence shows a person."""
    out: Counter = Counter()
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    after = doc[end + 1] if end + 1 < len(doc) else None
    if _is_honorific(doc[start]) or (prev is not None and _is_honorific(prev)):
        out["honorific"] += 1
    if nxt is not None and nxt.text == "," and after is not None:
        if after.like_num and after.text.isdigit() and int(after.text) < 120:
            out["age"] += 1
        if after.lower_ == "who":
            out["who"] += 1
    if _described_by(doc, start, end, PERSON_WORDS):
        out["role"] += 1
    if speaks_of_self(doc[end - 1]):
        out["pronoun"] += 1
    return out


# Verbs whose object a he or she after them may be ("asked Rubio which states he could win").
ASKING_FORMS = word_set("ask asks asked asking question questions questioned pressed urged")


def speaks_of_self(tok: Token) -> bool:
    """'Rowling revealed she had finished': a subject reporting about itself as he or she."""
    if tok.dep_ != "nsubj":
        return False
    asked = tok.head.lower_ in ASKING_FORMS
    if asked and any(c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN" for c in tok.head.children):
        return False  # "Earhardt asked Rubio which states he could win": he may be Rubio
    for clause in tok.head.children:
        if clause.dep_ == "ccomp":
            for subject in clause.children:
                if subject.dep_ in ("nsubj", "nsubjpass") and subject.lower_ in ("he", "she"):
                    return True
    return False


def _described_by(doc: Doc, start: int, end: int, nouns: frozenset[str]) -> bool:
    """A noun from `nouns` stands right before the name ('supplier Ericsson', 'the band X') or
    heads its appositive ('Yukos, the oil firm,', 'Sheila, a nurse')."""
    prev = doc[start - 1] if start > 0 else None
    # (a compound noun the tagger read as a verb: "housebuilder George Wimpey")
    noun = prev is not None and (prev.pos_ in ("NOUN", "PROPN") or prev.dep_ == "compound")
    if noun and _noun_in(prev, nouns):
        if (
            prev.dep_ == "pobj"
            and prev.head.lower_ == "of"
            and prev.head.head.lower_ in PERSON_WORDS
        ):
            return False  # "former secretary of state Hillary Clinton": an office, not a body
        # not "comedian and broadcaster Cyril Fletcher": a person's trades, side by side (the
        # parser hangs the "and" on the trade or on the name)
        joined = prev if prev.dep_ == "conj" else doc[end - 1]
        other = joined.head
        return not (
            joined.dep_ == "conj"
            and other.i < prev.i
            and other.pos_ == "NOUN"
            and not _noun_in(other, nouns)
        )
    last = doc[end - 1]
    for child in last.children:
        if child.dep_ == "appos" and child.i >= end and child.pos_ == "NOUN":
            # only an appositive right after the name: in 'Eddie Griffin, who was a member of
            # the AfroSpear, a group of bloggers' the parser may hang the group on Griffin
            between = doc[end : child.i]
            if len(between) > 6 or any(t.pos_ in ("VERB", "AUX") for t in between):
                continue
            return _noun_in(child, nouns) and not _held_by_a_person(child)
    head = last.head
    return (
        last.dep_ == "appos"
        and head.i < start
        and head.pos_ == "NOUN"
        and _noun_in(head, nouns)
        and head.i >= start - 4
    )


# Words that rank a person in a trade, never a body: "a senior broadcaster".
RANK_WORDS = word_set("senior junior veteran chief")


def _held_by_a_person(noun: Token) -> bool:
    """True for a trade a person holds, though a body may be called so too: "Jo Flaherty, a
    senior broadcaster with the CBS network" (ranked, or working with a named body)."""
    if any(c.dep_ == "amod" and c.lower_ in RANK_WORDS for c in noun.children):
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("with", "at")
        and any(g.ent_type_ == "ORG" for g in c.subtree)
        for c in noun.children
    )


def _noun_in(tok: Token, nouns: frozenset[str]) -> bool:
    """The noun or its singular is in the list ('pollsters' -> 'pollster')."""
    word = tok.lower_
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)


def _is_honorific(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in HONORIFICS


SPEAKING_KEY = "directory.extract.entities:speaking"


def organization_name(doc: Doc, span: Span) -> str:
    """The fullest form in the text of the organisation a name stands for: the longest
    organisation, place or group entity holding the name's last word ('Yukos' -> 'Yukos Oil'),
    or the entity an acronym spells
    ('FT' -> 'Financial Times'), else the name itself without 'the' or a possessive."""
    name = _bare(span.text)
    word = fold(name.split()[-1]) if name else ""
    best = name
    for text, words in _speaking_entities(doc):
        if (word in words or _spells(name, text)) and len(text) > len(best):
            best = text
    return best


def _speaking_entities(doc: Doc) -> list[tuple[str, frozenset[str]]]:
    """Each organisation, place or group entity of a doc, bare, with its folded words; read
    once per doc, as every name of the doc is looked up in them."""
    found = doc.user_data.get(SPEAKING_KEY)
    if found is None:
        found = doc.user_data[SPEAKING_KEY] = [
            (text, frozenset(fold(w) for w in text.split()))
            for text in (_bare(ent.text) for ent in doc.ents if ent.label_ in SPEAKING_ENTS)
        ]
    return found


def _spells(acronym: str, name: str) -> bool:
    """'FT' spells 'Financial Times'; 'ILO' spells 'International Labour Organisation'."""
    if not (2 <= len(acronym) <= 6 and acronym.isupper() and acronym.isalpha()):
        return False
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return initials == acronym


def _bare(text: str) -> str:
    text = text.strip()
    for article in ("the ", "The "):
        if text.startswith(article):
            text = text[len(article) :]
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(ending):
            text = text[: -len(ending)]
    return text.strip()
