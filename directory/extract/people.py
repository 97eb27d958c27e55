"""Clustering name mentions into the people of one article, and lookups by token and offset."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from directory.extract.entities import SPEAKING_ENTS, NameEvidence, organization_name
from directory.extract.mentions import (
    Mention,
    descriptors_of,
    find_name_mentions,
    is_honorific,
    is_role_word,
    is_speaker,
    make_mention,
    modifies_thing,
)
from directory.extract.names import (
    CONTINENTS,
    NAME_PARTICLES,
    fold,
    honorific_gender,
    is_person_name,
    knightly,
    parse_name,
)
from directory.extract.patterns import (
    GIVEN_NAME_FORMS,
    KIN_NOUNS,
    KNOWN_GIVEN_NAMES,
    NOT_PERSON_WORDS,
    ROLE_PREFIX_WORDS,
    SENTENCE_OPENERS,
)
from directory.extract.places import is_known_place
from directory.extract.pronouns import PronounResolver
from directory.extract.roles import slips
from directory.occupations import ROLE_WORDS

# Words that give someone's full name after the name they are known by.
FULL_NAME_RE = re.compile(r"\b(?:full name|real name|born|n\u00e9e)\s+$", re.IGNORECASE)
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"})


@dataclass
class Cluster:
    """A person in one article: every mention, name words and the descriptors read around them."""

    id: int
    words: list[str]
    mentions: list[Mention] = field(default_factory=list)
    family_first: bool = False
    given_first: bool = False  # called by the given name alone ("Sir John", "Jamelia")
    gender: str | None = None
    descriptors: list[tuple[str, int, int]] = field(default_factory=list)
    honorific: str | None = None

    @property
    def key(self) -> str:
        """Folded full name, for comparing clusters."""
        return " ".join(fold(w) for w in self.words)


class People(PronounResolver):
    """The persons of one doc, with lookups by character offset."""

    def __init__(self, doc: Doc, in_quote: list[bool], paragraph_of):
        self.doc = doc
        self.in_quote = in_quote
        self.paragraph_of = paragraph_of
        self.clusters: list[Cluster] = []
        self.names: list[Mention] = []
        self._token_cluster: dict[int, int] = {}
        self._pronoun_of: dict[int, int] = {}
        self._kin_owned: dict[int, bool] = {}  # cluster id -> _kin_of_surname_owner
        self._starts: list[int] = []
        # names the model tagged as people that the document shows are organisations or groups
        self.organizations: dict[int, str] = {}
        self.dropped_mentions: list[tuple[int, int, str]] = []
        self._org_tokens: dict[int, str] | None = None

    # -- building -------------------------------------------------------------------------

    def build(self) -> People:
        """Find name mentions, cluster them, read descriptors and resolve pronouns."""
        self.names = find_name_mentions(self.doc, self.in_quote)
        self._cluster()
        self.names = [m for m in self.names if m.cluster >= 0]
        for m in self.names:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self._token_cluster[tok.i] = m.cluster
        self._starts = [m.start for m in self.names]
        self._read_descriptors()
        self._resolve_pronouns()
        return self

    def _cluster(self) -> None:
        by_key: dict[str, int] = {}
        for m in self.names:
            key = " ".join(fold(w) for w in m.words)
            cid = by_key.get(key)
            if cid is not None and not self._compatible(cid, m.gender):
                cid = None  # "Mr Smith" after "his wife Mary Smith"
            if cid is None:
                cid = self._match(m)
            if cid is None:
                cid = len(self.clusters)
                self.clusters.append(Cluster(cid, list(m.words)))
            by_key.setdefault(key, cid)
            self._add(cid, m)
        self._merge_early_short_names()
        self._add_untagged_surnames()
        self._drop_non_persons()
        self._complete_one_word_names()

    def _add_untagged_surnames(self) -> None:
        """'Lynch still has the final say': a known surname the model did not tag this time
        joins the most recent person with that surname."""
        surnames: dict[str, list[Cluster]] = {}
        for c in self.clusters:
            vouched = any(m.evidenced or m.coordinated or m.honorifics for m in c.mentions)
            if c.mentions and (len(c.words) > 1 or vouched):
                # "Suprnova administrator Sloncek ... Sloncek said": one-word names vouched for
                surnames.setdefault(fold(c.words[-1]), []).append(c)
        if not surnames:
            return
        covered = set()
        for m in self.names:
            covered.update(range(m.start, m.end))
        added = []
        for tok in self.doc:
            if not tok.text[:1].isupper() or tok.idx in covered:
                continue
            # the tagger calls a surname a common noun at times ("Mendes says ...")
            if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and is_speaker(tok)):
                continue
            owners = surnames.get(fold(tok.text))
            if not owners or self.in_quote[tok.i]:
                continue
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].pos_ == "PROPN":
                continue  # part of a longer name ("Lynch Street", "Brooks Jr.")
            if modifies_thing(tok):
                continue  # "the Obama administration"
            prev = self.doc[tok.i - 1] if tok.i > 0 else None
            if (
                prev is not None
                and prev.pos_ == "PROPN"
                and prev.text[:1].isupper()
                and not is_honorific(prev)
            ):
                # "Bill Clinton" the model missed, beside a known "Hillary Clinton"
                m = make_mention(self.doc, prev.i, tok.i + 1, self.in_quote, {})
                if m is not None:
                    m.sentence = self._sentence_of(tok)
                    cid = self._match(m)
                    if cid is None:
                        cid = len(self.clusters)
                        self.clusters.append(Cluster(cid, list(m.words)))
                    self._add(cid, m)
                    added.append(m)
                continue
            before = [c for c in owners if c.mentions[0].start < tok.idx] or owners
            before = [c for c in before if not self._kin_of_surname_owner(c)] or before
            m = Mention(tok.idx, tok.idx + len(tok), tok.text, "name", words=[tok.text], root=tok.i)
            m.subject = tok.dep_ in ("nsubj", "nsubjpass")
            m.sentence = self._sentence_of(tok)
            self._add(before[-1].id, m)
            added.append(m)
        if added:
            self.names = sorted(self.names + added, key=lambda m: m.start)
            for c in self.clusters:
                c.mentions.sort(key=lambda m: m.start)

    def _sentence_of(self, tok: Token) -> int:
        if not hasattr(self, "_sent_starts"):
            self._sent_starts = [s.start for s in self.doc.sents]
        return bisect.bisect_right(self._sent_starts, tok.i) - 1

    def _drop_non_persons(self) -> None:
        """'Yukos said', 'the FT reported', 'Democrats argued': a name the document shows is an
        organisation, publication or group (entities.NameEvidence) is not a person; it is kept
        in `organizations` so its words become the organisation's statements."""
        evidence = NameEvidence(self.doc)
        roots = {m.root: c.id for c in self.clusters for m in c.mentions if m.root >= 0}
        for c in self.clusters:
            if not c.mentions or any(m.honorifics for m in c.mentions):
                continue  # "Mr Okoro", "President Lula"
            if len(c.words) == 1 and any(m.evidenced for m in c.mentions):
                continue  # "Suprnova administrator Sloncek"
            reason = evidence.not_person(c.words)
            if reason is None and self._first_word_names_a_body(c, evidence):
                reason = "first-word"
            if reason is None:
                continue
            if reason == "label" and self._coordinated_with_person(c, roots, evidence):
                continue  # "Forde, Okoro and Dunne": the model's GPE for Okoro is a slip

            if reason in ("source-noun", "work"):
                # a poll or a study speaks for whoever ran it, not as a body; a film is no one
                self.drop(c.id)
                continue
            first = c.mentions[0]
            span = self.doc.char_span(first.start, first.end, alignment_mode="expand")
            self.drop(c.id, organization_name(self.doc, span) if span else first.text)

    def _first_word_names_a_body(self, c: Cluster, evidence: NameEvidence) -> bool:
        """'France's Pernod Ricard ... Pernod shares slipped': a person named again by one word
        is named by the surname, or a given name; a name whose only short form is a first word
        that is no given name, and that the text shows is a body's, is a firm's."""
        if len(c.words) < 2 or fold(c.words[0]) in KNOWN_GIVEN_NAMES:
            return False
        short = {fold(m.words[0]) for m in c.mentions if m.kind == "name" and len(m.words) == 1}
        if short != {fold(c.words[0])}:
            return False
        return evidence.not_person(c.words[:1]) not in (None, "label", "audience")

    def drop(self, cid: int, organization: str | None = None) -> None:
        """Unmake a cluster that turned out not to be a person; an organisation's name mentions
        are kept so what they say becomes its statements."""
        c = self.clusters[cid]
        if organization:
            self.organizations[cid] = organization
            self.dropped_mentions.extend((m.start, m.end, organization) for m in c.mentions)
            self._org_tokens = None
        for m in c.mentions:
            m.cluster = -1
        c.mentions = []
        if self._token_cluster:
            self._token_cluster = {i: k for i, k in self._token_cluster.items() if k != cid}
            self.names = [m for m in self.names if m.cluster >= 0]
            self._starts = [m.start for m in self.names]

    def _coordinated_with_person(
        self, c: Cluster, roots: dict[int, int], evidence: NameEvidence
    ) -> bool:
        """A mention coordinated with another person's name: 'Forde, Okoro and Dunne'."""
        doc = self.doc
        for m in c.mentions:
            if m.root < 0:
                continue
            tok = doc[m.root]
            near = [tok.head] if tok.dep_ == "conj" else []
            near.extend(child for child in tok.children if child.dep_ == "conj")
            for other in near:
                cid = roots.get(other.i)
                if cid is None or cid == c.id:
                    continue
                words = self.clusters[cid].words
                if len(words) > 1 or evidence.not_person(words) is None:
                    return True
        return False

    def organization_at(self, tok: Token) -> str | None:
        """The organisation, publication, place or group a token names ('Yukos', 'the FT',
        'Democrats'), if it names one."""
        if self._org_tokens is None:
            self._org_tokens = {}
            for ent in self.doc.ents:
                if ent.label_ in SPEAKING_ENTS:
                    name = organization_name(self.doc, ent)
                    for i in range(ent.start, ent.end):
                        self._org_tokens[i] = name
            for m in self.dropped_mentions:
                span = self.doc.char_span(m[0], m[1], alignment_mode="expand")
                if span is not None:
                    for t in span:
                        self._org_tokens[t.i] = m[2]
        if tok.i in self._token_cluster:
            return None
        return self._org_tokens.get(tok.i)

    def _match(self, m: Mention) -> int | None:
        """The most recent cluster this mention can name: 'Ren' or 'Dr. Ren' -> Ren Xiao; a part
        of a longer name ('Acosta' of 'Melba Acosta Febo') only when no name ends in it."""
        words = [fold(w) for w in m.words]
        part = None
        for c in reversed(self.clusters):
            if not self._compatible(c.id, m.gender):
                continue  # family members share a surname, not a person
            cw = [fold(w) for w in c.words]
            if len(words) == 1:
                if words[0] == cw[-1]:
                    if self._kin_of_surname_owner(c):
                        continue
                    return c.id
                if part is None and _part_of_name(cw, words[0]):
                    part = c.id
                if len(cw) > 1 and words[0] == cw[0]:
                    # a courtesy title on the first word means family-name-first (Dr. Ren),
                    # but Sir and Dame go with a given name (Sir John)
                    if m.honorifics and not knightly(m.honorifics):
                        c.family_first = True
                    return c.id
            elif len(cw) == 1:
                if cw[0] == words[-1] or _part_of_name(words, cw[0]):
                    c.words = list(m.words)
                    return c.id
            elif words[0] in NAME_PARTICLES and cw[-len(words) :] == words:
                return c.id  # "van der Stoel" of "Marieke van der Stoel"
            elif (
                len(cw) > len(words)
                and cw[-len(words) :] == words
                and words[0] not in KNOWN_GIVEN_NAMES
            ):
                return c.id  # "Saumarez Smith" of "Charles Saumarez Smith": a double surname
            elif cw[-1] == words[-1] and _first_names_compatible(cw[0], words[0]):
                if len(words) > len(cw):
                    c.words = list(m.words)
                return c.id
        if part is None and len(words) == 1:
            return self._misspelt_surname(words[0], m.gender)
        return part

    def _misspelt_surname(self, word: str, gender: str | None) -> int | None:
        """'Anthony Kiedis ... Keidis continued': a surname alone that is one slip of the keyboard
        from the surname of one person named, and names nobody else, is theirs."""
        if len(word) < 5 or word in KNOWN_GIVEN_NAMES:
            return None
        found = {
            c.id
            for c in self.clusters
            if self._compatible(c.id, gender)
            and len(c.words) > 1
            and (word in slips(fold(c.words[-1])) or fold(c.words[-1]) in slips(word))
        }
        return found.pop() if len(found) == 1 else None

    def _merge_early_short_names(self) -> None:
        """'Obama ... Barack Obama', 'Lula ... Luiz Inacio Lula da Silva': a one-word cluster
        seen before the full name joins it. A first name joins only when no full name ends in
        it, and it is a known given name, goes with Sir or Dame ('Sir John ... Sir John
        Gieve'), follows a word of family ('his wife Selma') or is read as a person's name at
        every mention; a Mr Morgan, a Prince Charles or a 'Politico' is not Morgan Ellis,
        Charles Kennedy or 'Politico Wallace'."""
        full = [c for c in self.clusters if len(c.words) > 1]
        for c in self.clusters:
            if len(c.words) != 1 or not c.mentions:
                continue
            word = fold(c.words[0])
            folded = [(f, [fold(w) for w in f.words]) for f in full if f.mentions]
            targets = [f for f, fw in folded if fw[-1] == word or _part_of_name(fw, word)]
            styled = [m for m in c.mentions if m.honorifics]
            given = False
            if not targets and all(knightly(m.honorifics) for m in styled):
                firsts = [f for f, fw in folded if fw[0] == word]
                named = styled or word in KNOWN_GIVEN_NAMES or self._after_kin_noun(c)
                if named or self._read_as_given(c, firsts) or any(map(self._given_in_full, firsts)):
                    targets, given = firsts, True
            # "Mrs Howard" in an article about Michael Howard is his wife
            targets = [f for f in targets if self._compatible(f.id, c.gender)]
            if len(targets) == 1:
                target = targets[0]
                target.given_first = target.given_first or given
                for m in c.mentions:
                    self._add(target.id, m)
                c.mentions = []
        for c in self.clusters:
            c.mentions.sort(key=lambda m: m.start)

    def _read_as_given(self, c: Cluster, firsts: list[Cluster]) -> bool:
        """Whether the model reads every mention of the one word as a person's name, and the
        text gives one person that first name in full ("Rock star Ozzy Osbourne ... Ozzy
        said")."""
        if len(firsts) != 1 or is_known_place(c.words[0]):
            return False  # "Lesotho ... Lesotho Hats": a country the model took for a person
        mentions = [*c.mentions, *firsts[0].mentions]
        return all(m.root >= 0 and self.doc[m.root].ent_type_ == "PERSON" for m in mentions)

    def _after_kin_noun(self, c: Cluster) -> bool:
        """Whether the text calls the one-word name someone's kin ("his wife Sharon"): a given
        name, so "Sharon Osbourne" later is her."""
        return self._kin_mention_start(c) is not None

    def _kin_mention_start(self, c: Cluster) -> int | None:
        """Where the text first names the cluster right after a word of family ("his wife
        Sharon", "her husband, Frank Fiorina")."""
        for m in c.mentions:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            k = span.start - 1
            if k > 0 and self.doc[k].text == ",":
                k -= 1
            if k >= 0 and self.doc[k].lower_ in KIN_NOUNS:
                return m.start
        return None

    def _kin_of_surname_owner(self, c: Cluster) -> bool:
        """ "Fiorina declined ... she told her husband, Frank Fiorina, ...": a full name given
        as someone's kin where the text already calls someone else by that surname alone; the
        surname alone goes on naming them ("Fiorina later defended it")."""
        if len(c.words) < 2:
            return False
        if c.id not in self._kin_owned:
            kin_at = self._kin_mention_start(c)
            self._kin_owned[c.id] = kin_at is not None and self._surname_alone_before(
                fold(c.words[-1]), kin_at
            )
        return self._kin_owned[c.id]

    def _surname_alone_before(self, surname: str, end: int) -> bool:
        """Whether the text writes the surname on its own, outside quotes, before `end`, for
        a person ("the Bush family" is no one)."""
        in_names = set()
        for m in self.names:
            if len(m.words) > 1:
                in_names.update(range(m.start, m.end))
        for tok in self.doc:
            if tok.idx >= end:
                return False
            if (
                tok.text[:1].isupper()
                and fold(tok.text) == surname
                and not self.in_quote[tok.i]
                and tok.idx not in in_names
                and not modifies_thing(tok)  # "the Bush family"
            ):
                return True
        return False

    def _given_in_full(self, c: Cluster) -> bool:
        """Whether the text gives the cluster's name as someone's full name ("the singer, full
        name Jamelia Davis", "born Marla Quayle"): who is called by the first word alone."""
        text = self.doc.text
        return any(FULL_NAME_RE.search(text, max(0, m.start - 12), m.start) for m in c.mentions)

    def _complete_one_word_names(self, clusters: list[Cluster] | None = None) -> None:
        """'Fiorina: ...' in an article that writes 'Carly Fiorina' only where the model saw no
        name: a one-word person takes the one given name the text writes right before the word
        (`_given_name_at`), and that place becomes a mention of them; failing that, a number
        the text writes with the word every time is part of the name ('50 Cent')."""
        doc = self.doc
        owner: dict[int, int] = {}
        for m in self.names:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and m.cluster >= 0:
                owner.update((t.i, m.cluster) for t in span)
        by_word: dict[str, tuple[Cluster, str]] = {}
        for c in self.clusters if clusters is None else clusters:
            # "Palm Beach County Supervisor": a role word taken for a name gets no given name
            if len(c.words) == 1 and c.mentions and fold(c.words[0]) not in ROLE_WORDS:
                word = fold(c.words[0])
                by_word[word.split("-")[0]] = (c, word)  # "Reed" opens "Reed-Veal"
        found: dict[int, dict[str, tuple[int, int, list[str]]]] = {}
        numbers: dict[int, list[tuple[str | None, str | None]]] = {}
        for tok in doc:
            c, word = by_word.get(fold(tok.text), (None, ""))
            if c is None or owner.get(tok.i, c.id) != c.id:
                continue
            end = _word_end(doc, tok, word)
            if end is None:
                continue
            before, after = doc[tok.i - 1] if tok.i else None, doc[end] if end < len(doc) else None
            numbers.setdefault(c.id, []).append(
                (
                    before.text if before is not None and before.is_digit else None,
                    after.text if after is not None and after.is_digit else None,
                )
            )
            given = _given_name_at(doc, tok.i)
            if given is None or given[0] in owner:
                continue
            start, words = given
            name = doc[tok.i : end].text
            if words[-1].endswith(("'", "\u2019")):
                words = [*words[:-1], words[-1] + name]  # "O'" + "Neill"
            else:
                words = [*words, name]
            found.setdefault(c.id, {})[" ".join(fold(w) for w in words)] = (start, end, words)
        added = []
        for cid, seen in numbers.items():
            c = self.clusters[cid]
            names = found.get(cid, {})
            if len(names) == 1:
                start, end, words = next(iter(names.values()))
            elif not names and len({n for n, _ in seen}) == 1 and seen[0][0]:
                c.words = [seen[0][0], c.words[0]]  # "50 Cent" each time
                continue
            elif not names and len({n for _, n in seen}) == 1 and seen[0][1]:
                c.words = [c.words[0], seen[0][1]]  # "Andre 3000" each time
                continue
            else:
                continue  # "Bill Clinton" and "Hillary Clinton" both: no one given name
            if not is_person_name(" ".join(words)):
                continue
            c.words = words
            if end - 1 not in owner:
                m = make_mention(doc, start, end, self.in_quote, {})
                if m is not None:
                    m.sentence = self._sentence_of(doc[start])
                    self._add(cid, m)
                    added.append(m)
        if added:
            self.names = sorted(self.names + added, key=lambda m: m.start)
            for c in self.clusters:
                c.mentions.sort(key=lambda m: m.start)
            if self._starts:  # a transcript's label, after the lookups were built
                self._starts = [m.start for m in self.names]
                for m in added:
                    span = doc.char_span(m.start, m.end, alignment_mode="expand")
                    self._token_cluster.update((t.i, m.cluster) for t in span or ())

    def _add(self, cid: int, m: Mention) -> None:
        c = self.clusters[cid]
        m.cluster = cid
        c.mentions.append(m)
        gender = m.gender or honorific_gender(m.honorifics)
        if gender and not c.gender:
            c.gender = gender
        parsed_courtesy = parse_name(m.text).courtesy
        if parsed_courtesy and not c.honorific:
            c.honorific = parsed_courtesy

    def _read_descriptors(self) -> None:
        """Appositives, pre-modifiers and predicate nominals: 'X, a professor at Y'."""
        doc = self.doc
        for m in self.names:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            c = self.clusters[m.cluster]
            for word in m.honorifics:
                c.descriptors.append((word, m.start, m.end))
            head = span.root
            for desc in descriptors_of(head, span, self._token_cluster):
                if not self._opens_in_quote(desc[1], desc[2]):
                    c.descriptors.append(desc)

    def _opens_in_quote(self, start: int, end: int) -> bool:
        """'"... [Green Party hopeful Jill] Stein voters," Nate Silver said': words the parser
        hung on a name from inside a quote describe nobody."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) > 0 and self.in_quote[span.start]

    def add_name(self, start: int, end: int) -> int | None:
        """Make doc[start:end] a name mention found late (a signature line), joining the
        person it names or starting one; returns the cluster id."""
        m = make_mention(self.doc, start, end, self.in_quote, {})
        if m is None:
            return None
        m.sentence = self._sentence_of(self.doc[start])
        cid = self._match(m)
        if cid is None:
            cid = len(self.clusters)
            self.clusters.append(Cluster(cid, list(m.words)))
        self._add(cid, m)
        self.clusters[cid].mentions.sort(key=lambda x: x.start)
        for i in range(start, end):
            self._token_cluster[i] = cid
        return cid

    def add_label(
        self, start: int, end: int, words: list[str], honorifics: list[str]
    ) -> int | None:
        """Make a transcript label ('SEN. JOHN DOE', 'MATTHEWS') a name mention of the person
        it names, joining the person named so elsewhere or starting one; returns the cluster."""
        if not words or not is_person_name(" ".join(words)):
            return None
        text = " ".join([*honorifics, *words])  # "Sen. John Doe", not "SEN. JOHN DOE"
        m = Mention(start, end, text, "name", honorifics=list(honorifics), words=list(words))
        m.gender = honorific_gender(honorifics)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            m.root = span.root.i
            m.sentence = self._sentence_of(span.root)
        cid = self._match(m)
        if cid is None:
            cid = len(self.clusters)
            self.clusters.append(Cluster(cid, list(words)))
        self._add(cid, m)
        self.clusters[cid].mentions.sort(key=lambda x: x.start)
        if len(self.clusters[cid].words) == 1:
            self._complete_one_word_names([self.clusters[cid]])
        i = bisect.bisect_left(self._starts, start)
        self.names.insert(i, m)
        self._starts.insert(i, start)
        if span is not None:
            for tok in span:
                self._token_cluster[tok.i] = cid
        return cid

    def is_named_person(self, start: int, end: int) -> bool:
        """Whether the model or the document calls the words at start..end a person."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        if any(t.ent_type_ == "PERSON" for t in span):
            return True
        return any(self._token_cluster.get(t.i) is not None for t in span)

    # -- lookups --------------------------------------------------------------------------

    def cluster_at(self, tok: Token) -> int | None:
        """The cluster whose name covers this token, if any."""
        return self._token_cluster.get(tok.i)

    def mention_span(self, tok: Token) -> tuple[int, int]:
        """The character span of the name mention covering a token (the token alone if none)."""
        i = bisect.bisect_right(self._starts, tok.idx) - 1
        if i >= 0 and self.names[i].start <= tok.idx < self.names[i].end:
            return self.names[i].start, self.names[i].end
        return tok.idx, tok.idx + len(tok)

    def _compatible(self, cid: int, gender: str | None) -> bool:
        c = self.clusters[cid]
        return not (gender and c.gender and c.gender != gender)


def _part_of_name(words: list[str], word: str) -> bool:
    """Whether a longer name is also called by `word` ('Acosta' for 'Melba Acosta Febo', 'Lula'
    for 'Luiz Inacio Lula da Silva', 'Kilroy' for 'Robert Kilroy-Silk'); words are folded."""
    if len(words) < 2:
        return False
    if "-" in words[-1] and word in words[-1].split("-"):
        return True
    # the first of two surnames, a particle perhaps between: "Acosta Febo", "Lula da Silva"
    inner = words[-3] if len(words) > 3 and words[-2] in NAME_PARTICLES else words[-2]
    return len(words) > 2 and word == inner and word not in NAME_PARTICLES


def _word_end(doc: Doc, tok: Token, word: str) -> int | None:
    """The token after a one-word name that starts at `tok` ("Reed" "-" "Veal" for "reed-veal"),
    or None when the text there is another word."""
    if "-" not in word:
        return tok.i + 1
    span = doc.char_span(tok.idx, tok.idx + len(word))
    if span is None or fold(span.text) != word:
        return None
    return span.end


def _given_name_at(doc: Doc, i: int) -> tuple[int, list[str]] | None:
    """The given name written right before doc[i] (its first token, and the words kept): 'Carly'
    of 'Carly Fiorina', with a particle ('Sandra den Hamer') or a quoted nickname ('George
    "Jay" Keyworth', the nickname left out) between."""
    k, kept = i - 1, []
    if k > 0 and doc[k].lower_ in NAME_PARTICLES and doc[k].whitespace_:
        kept, k = [doc[k].text], k - 1
    elif k > 1 and doc[k].text in ("'", "\u2019") and doc[k - 1].text == "O":
        if doc[k - 1].whitespace_:
            return None
        kept, k = [doc[k - 1].text + doc[k].text], k - 2  # "Rory O' Neill", a space astray
    elif (
        k > 2
        and doc[k].text in QUOTE_MARKS
        and doc[k - 2].text in QUOTE_MARKS
        and doc[k - 1].is_alpha
        and doc[k - 1].text[:1].isupper()
    ):
        k -= 3
    if k < 0 or not _given_name_before(doc[k], doc[i]):
        return None
    if (
        k > 0
        and doc[k - 1].lower_ in ("the", "a", "an")
        and fold(doc[k].text) not in KNOWN_GIVEN_NAMES
    ):
        # "the Joint Staff": a body or a thing, not a given name; "the Bernie Sanders
        # campaign" is his
        return None
    return k, [doc[k].text, *kept]


def _given_name_before(given: Token, name: Token) -> bool:
    """Whether `given` can be the given name written before the one-word name `name`: a
    capitalised proper name, or a known given name ('Will'), on the same line; no honorific,
    role, opener, body or nationality word ('Swiss Re'), and no object of another word ('told
    Politico Wallace was ...')."""
    if not (given.is_alpha and given.text[:1].isupper() and not given.text.isupper()):
        return False
    known = fold(given.text) in GIVEN_NAME_FORMS
    if given.pos_ != "PROPN" and given.ent_type_ != "PERSON" and not known:
        return False
    if not given.whitespace_ or "\n" in given.whitespace_:
        return False
    if is_honorific(given) or is_role_word(given):
        return False
    if given.lower_ in ROLE_PREFIX_WORDS or given.lower_ in SENTENCE_OPENERS:
        return False
    if given.ent_type_ == "NORP":
        return False
    if given.dep_ in ("dobj", "dative", "pobj", "iobj") and given.head.i != name.i:
        return False
    return fold(given.text) not in NOT_PERSON_WORDS - CONTINENTS


def _first_names_compatible(a: str, b: str) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    return a == b or a.startswith(b) or b.startswith(a)
