"""Clustering name mentions into persons, and resolving pronouns and role nouns to them."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from directory.extract.entities import SPEAKING_ENTS, NameEvidence, organization_name
from directory.extract.names import fold, honorific_gender, is_person_name, parse_name
from directory.extract.orgs import doc_text
from directory.extract.patterns import (
    EXPERT_WORDS,
    GENDERED_NOUNS,
    HONORIFICS,
    NOT_PERSON_WORDS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    ROLE_PREFIX_WORDS,
    SENTENCE_OPENERS,
    SPEECH_VERBS,
)

# Nouns for people speaking without a name; such a speaker between a pronoun and a named
# person blocks resolving the pronoun to that person ("a spokeswoman said ... she added").
UNNAMED_SPEAKER_NOUNS = (ROLE_NOUNS | PERSON_NOUNS | frozenset({"aide", "source", "insider"})) - {
    "professor",
    "president",
}
# How far back (in paragraphs) a pronoun or role noun may look for the person it designates.
PRONOUN_WINDOW_PARAGRAPHS = 3
PRONOUN_WINDOW_SENTENCES = 1
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
    sentence: int = 0
    evidenced: bool = False
    root: int = -1  # the token index of the mention's syntactic head
    gender: str | None = None  # from an honorific or a family noun ("Mrs", "his wife")
    coordinated: bool = False  # found only as a conjunct of a person's name


@dataclass
class Cluster:
    """A person in one article: every mention, name words and the descriptors read around them."""

    id: int
    words: list[str]
    mentions: list[Mention] = field(default_factory=list)
    family_first: bool = False
    gender: str | None = None
    descriptors: list[tuple[str, int, int]] = field(default_factory=list)
    honorific: str | None = None

    @property
    def key(self) -> str:
        """Folded full name, for comparing clusters."""
        return " ".join(fold(w) for w in self.words)


class People:
    """The persons of one doc, with lookups by character offset."""

    def __init__(self, doc: Doc, in_quote: list[bool], paragraph_of):
        self.doc = doc
        self.in_quote = in_quote
        self.paragraph_of = paragraph_of
        self.clusters: list[Cluster] = []
        self.names: list[Mention] = []
        self._token_cluster: dict[int, int] = {}
        self._pronoun_of: dict[int, int] = {}
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
            if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and _speaks(tok)):
                continue
            owners = surnames.get(fold(tok.text))
            if not owners or self.in_quote[tok.i]:
                continue
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].pos_ == "PROPN":
                continue  # part of a longer name ("Lynch Street", "Brooks Jr.")
            if _modifies_thing(tok):
                continue  # "the Obama administration"
            prev = self.doc[tok.i - 1] if tok.i > 0 else None
            if (
                prev is not None
                and prev.pos_ == "PROPN"
                and prev.text[:1].isupper()
                and not _is_honorific(prev)
            ):
                # "Bill Clinton" the model missed, beside a known "Hillary Clinton"
                m = _make_mention(self.doc, prev.i, tok.i + 1, self.in_quote, {})
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
            if reason is None:
                continue
            if reason == "label" and self._coordinated_with_person(c, roots, evidence):
                continue  # "Forde, Okoro and Dunne": the model's GPE for Okoro is a slip

            first = c.mentions[0]
            span = self.doc.char_span(first.start, first.end, alignment_mode="expand")
            self.drop(c.id, organization_name(self.doc, span) if span else first.text)

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
        """The most recent cluster this mention can name: 'Ren' or 'Dr. Ren' -> Ren Xiao."""
        words = [fold(w) for w in m.words]
        for c in reversed(self.clusters):
            if not self._compatible(c.id, m.gender):
                continue  # family members share a surname, not a person
            cw = [fold(w) for w in c.words]
            if len(words) == 1:
                if words[0] == cw[-1]:
                    return c.id
                if len(cw) > 1 and words[0] == cw[0]:
                    # a courtesy title on the first word means family-name-first (Dr. Ren)
                    if m.honorifics:
                        c.family_first = True
                    return c.id
            elif len(cw) == 1:
                if cw[0] == words[-1]:
                    c.words = list(m.words)
                    return c.id
            elif cw[-1] == words[-1] and _first_names_compatible(cw[0], words[0]):
                if len(words) > len(cw):
                    c.words = list(m.words)
                return c.id
        return None

    def _merge_early_short_names(self) -> None:
        """'Obama ... Barack Obama': a one-word cluster seen before the full name joins it."""
        full = [c for c in self.clusters if len(c.words) > 1]
        for c in self.clusters:
            if len(c.words) != 1 or not c.mentions:
                continue
            word = fold(c.words[0])
            targets = [f for f in full if fold(f.words[-1]) == word and f.mentions]
            if len(targets) == 1:
                target = targets[0]
                for m in c.mentions:
                    self._add(target.id, m)
                c.mentions = []
        for c in self.clusters:
            c.mentions.sort(key=lambda m: m.start)

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
            for desc in _descriptors_of(head, span, self._token_cluster):
                c.descriptors.append(desc)

    def _resolve_pronouns(self) -> None:
        """Resolve every he/she/his/her outside quotes, in text order (see _resolve), after
        reading people's genders from the pronouns that can only mean them."""
        self._by_sentence: dict[int, list[tuple[int, int, bool, bool]]] = {}
        for m in self.names:
            if m.kind == "name" and m.cluster >= 0:
                speaks = m.root >= 0 and _speaks(self.doc[m.root])
                entry = (m.start, m.cluster, m.subject, speaks)
                self._by_sentence.setdefault(m.sentence, []).append(entry)
        for items in self._by_sentence.values():
            items.sort()
        self._unnamed = self._unnamed_speakers()
        pronouns = [t for t in self.doc if t.lower_ in PERSON_PRONOUNS and not self.in_quote[t.i]]
        self._read_genders(pronouns)
        for tok in pronouns:
            cid = self._resolve(tok)
            if cid is None:
                continue
            self._pronoun_of[tok.i] = cid
            subject = tok.dep_ in ("nsubj", "nsubjpass")
            # a resolved subject pronoun carries its person into the next sentences
            entry = (tok.idx, cid, subject, subject and _speaks(tok))
            bisect.insort(self._by_sentence.setdefault(self._sentence_of(tok), []), entry)
            m = Mention(tok.idx, tok.idx + len(tok), tok.text, "pronoun", cid, root=tok.i)
            self.clusters[cid].mentions.append(m)
        for c in self.clusters:
            c.mentions.sort(key=lambda m: m.start)

    def _unnamed_speakers(self) -> dict[int, list[tuple[int, str | None]]]:
        """Per sentence, (offset, gender) of people who speak without a name: 'a spokeswoman
        said', 'one official told', 'the firm's spokesman said'."""
        out: dict[int, list[tuple[int, str | None]]] = {}
        for tok in self.doc:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN":
                continue
            if tok.lower_ not in UNNAMED_SPEAKER_NOUNS or tok.i in self._token_cluster:
                continue
            if not _speaks(tok) or self.in_quote[tok.i]:
                continue
            if any(c.dep_ == "appos" and c.i in self._token_cluster for c in tok.children):
                continue  # "the spokeswoman, Ann Lee, said" is named
            det = [c.lower_ for c in tok.children if c.dep_ == "det"]
            owner = [c for c in tok.children if c.dep_ == "poss"]
            unnamed = (det and det[0] in ("a", "an", "one", "another")) or (
                owner
                and owner[0].i not in self._token_cluster
                and owner[0].lower_ not in PERSON_PRONOUNS
            )
            if unnamed:
                entry = (tok.idx, GENDERED_NOUNS.get(tok.lower_))
                out.setdefault(self._sentence_of(tok), []).append(entry)
        return out

    def _read_genders(self, pronouns: list[Token]) -> None:
        """'Clinton fired back ... She added': a subject he/she whose sentence, or the one
        before, names exactly one person (and no unnamed speaker) votes for that person's
        gender; a person without an honorific or family noun takes a clear majority."""
        votes: dict[int, dict[str, int]] = {}
        for tok in pronouns:
            gender = PERSON_PRONOUNS[tok.lower_]
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            sent = self._sentence_of(tok)
            for k in (sent, sent - 1):
                people = {
                    cid for start, cid, _, _ in self._by_sentence.get(k, ()) if start < tok.idx
                }
                if self._unnamed.get(k) or len(people) > 1:
                    break
                if people:
                    cid = people.pop()
                    counts = votes.setdefault(cid, {"m": 0, "f": 0})
                    counts[gender] += 1
                    break
        for cid, counts in votes.items():
            c = self.clusters[cid]
            if c.gender is None:
                if counts["m"] >= 3 * counts["f"] and counts["m"]:
                    c.gender = "m"
                elif counts["f"] >= 3 * counts["m"] and counts["f"]:
                    c.gender = "f"

    def add_name(self, start: int, end: int) -> int | None:
        """Make doc[start:end] a name mention found late (a signature line), joining the
        person it names or starting one; returns the cluster id."""
        m = _make_mention(self.doc, start, end, self.in_quote, {})
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

    def resolve_pronoun(self, tok: Token) -> int | None:
        """The person a he/she pronoun was resolved to."""
        return self._pronoun_of.get(tok.i)

    def _resolve(self, tok: Token) -> int | None:
        """Walking back sentence by sentence: the first subject of a compatible gender (a name
        or an already resolved pronoun) in the nearest sentence that names someone. An unnamed
        speaker there ('a spokeswoman said ... she added') means the pronoun is nobody named.
        A 'he said' whose nearest names are not subjects ('criticised by Jones') goes to the
        person last speaking in the window; otherwise to the first person named there."""
        gender = PERSON_PRONOUNS.get(tok.lower_)
        later = self._main_subject_after(tok)
        if later is not None and self._compatible(later, gender):
            return later
        sent = self._sentence_of(tok)
        para = self.paragraph_of(tok.idx)
        speaking = tok.dep_ in ("nsubj", "nsubjpass") and _speaks(tok)
        fallback = None
        for k in range(sent, -1, -1):
            if k < sent and self._sentence_paragraph(k) <= para - PRONOUN_WINDOW_PARAGRAPHS:
                break
            items = [
                item
                for item in self._by_sentence.get(k, ())
                if item[0] < tok.idx and self._compatible(item[1], gender)
            ]
            unnamed = [
                start
                for start, g in self._unnamed.get(k, ())
                if start < tok.idx and (g is None or gender is None or g == gender)
            ]
            if not items and not unnamed:
                continue
            subjects = [item for item in items if item[2]]
            if unnamed and (not subjects or max(unnamed) > subjects[-1][0]):
                return fallback  # nobody named, unless a nearer name was already found
            if subjects and fallback is None:
                return subjects[0][1]
            if subjects:
                # past the nearest names: the subject of this paragraph, or who last spoke
                if self._sentence_paragraph(k) == para:
                    return subjects[0][1]
                speakers = [item[1] for item in subjects if item[3]]
                return speakers[0] if speakers else fallback
            if fallback is None:
                fallback = items[0][1]
                if not speaking or self._introduced_in(fallback, k):
                    return fallback  # "One view came from Brian Gammage, of Gartner. He said:"
        return fallback

    def _introduced_in(self, cid: int, k: int) -> bool:
        """The person is introduced in sentence k: first named there, with a description
        ('Brian Gammage, vice-president of research at Gartner')."""
        names = [m for m in self.clusters[cid].mentions if m.kind == "name"]
        if not names or names[0].sentence != k:
            return False
        sent = self.doc[self._sent_starts[k]].sent
        lo, hi = sent.start_char, sent.end_char
        return any(
            lo <= start < hi and fold(text).rstrip(".") not in HONORIFICS
            for text, start, _ in self.clusters[cid].descriptors
        )

    def _sentence_paragraph(self, k: int) -> int:
        return self.paragraph_of(self.doc[self._sent_starts[k]].idx)

    def _main_subject_after(self, tok: Token) -> int | None:
        """'Even as he accused the department, Giuliani went on': a pronoun in a clause that
        opens the sentence refers to the main clause's named subject that follows it."""
        verb = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "advcl" or verb.i > verb.head.i:
            return None
        for child in verb.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i > tok.i:
                return self._token_cluster.get(child.i)
        return None

    def _compatible(self, cid: int, gender: str | None) -> bool:
        c = self.clusters[cid]
        return not (gender and c.gender and c.gender != gender)

    def resolve_role(self, tok: Token) -> int | None:
        """The person a role noun designates ('the professor said', 'the Russian leader'): the
        most recent person described with that noun, else with a role of the same kind
        (leader ~ President), preferring one whose descriptors share the noun's modifiers."""
        from directory.extract.kinds import decide_kind

        noun = tok.lower_
        limit = self.paragraph_of(tok.idx) - ROLE_WINDOW_PARAGRAPHS
        modifiers = {fold(c.text) for c in tok.children if c.dep_ in ("amod", "compound")}
        role_kind = decide_kind([noun])
        best, best_key = None, None
        for c in self.clusters:
            last = max((m.start for m in c.mentions if m.start < tok.idx), default=-1)
            if last < 0 or self.paragraph_of(last) < limit:
                continue
            words = {w for d in c.descriptors for w in fold(d[0]).split()}
            if noun in words:
                rank = 2
            elif (
                modifiers & words
                and role_kind != "other"
                and decide_kind([d[0] for d in c.descriptors]) == role_kind
            ):
                rank = 1
            else:
                continue
            key = (rank, len(modifiers & words), last)
            if best_key is None or key > best_key:
                best, best_key = c.id, key
        return best


def _speaks(tok: Token) -> bool:
    """The token is the subject of a reporting verb ('he said', 'Smith told')."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lower_ in SPEECH_VERBS


def _first_names_compatible(a: str, b: str) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    return a == b or a.startswith(b) or b.startswith(a)


def _descriptors_of(head: Token, span: Span, token_cluster: dict) -> list[tuple[str, int, int]]:
    """Descriptor phrases attached to a name whose syntactic head is `head`."""
    out = []
    doc = head.doc
    # "X, a professor of politics at Y,"
    for child in head.children:
        if child.dep_ == "appos" and child.i > span.end - 1:
            out.append(_phrase(doc, child.left_edge.i, child.right_edge.i + 1))
    # "the director, John Smith," and "Professor of politics John Smith" (name is the appos)
    if head.dep_ == "appos" and head.head.i < span.start:
        h = head.head
        if h.i not in token_cluster:
            out.append(_phrase(doc, h.left_edge.i, h.i + 1))
    # "Paolo Pescatore mobile industry specialist for analysts IDC"
    if head.dep_ == "compound" and head.head.i >= span.end and _is_role_word(head.head):
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
        start = ent.start
        # "Rhodri [Glyn Thomas]": a capitalised first name the model left out
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].ent_type_ == ""
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].dep_ == "compound"
            and ent.start - start < 1
            and not _is_honorific(doc[start - 1])
            and not _is_role_word(doc[start - 1])
            and not (doc[start - 1].is_sent_start and doc[start - 1].lower_.endswith("ing"))
        ):
            start -= 1
        while start > 0:
            if _is_honorific(doc[start - 1]):
                start -= 1
            elif start > 1 and doc[start - 1].text == "." and _is_honorific(doc[start - 2]):
                start -= 2  # "Capt. Jeff Davis" when the tokenizer split off the dot
            else:
                break
        end = _name_end(doc, ent.start, ent.end)
        # "David Kahn -", "Ren Xiao's": punctuation and possessives are not the name
        while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "\u2019s")):
            end -= 1
        if end <= start:
            continue
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and fold(nxt.text) in NOT_PERSON_WORDS and nxt.text[:1].isupper():
            continue  # "George Washington University"
        m = _make_mention(doc, start, end, in_quote, sent_index)
        if m is not None:
            m.evidenced = ent.label_ != "PERSON"  # a role noun or appositive vouches for it
            mentions.append(m)
            covered.update(range(start, end))
    # honorific + capitalised word(s) that NER left out: "Mr Hadi", "Dr. Ren"
    for tok in doc:
        if tok.i in covered or not _is_honorific(tok, courtesy_only=True):
            continue
        end = tok.i + 1
        while end < len(doc) and _is_honorific(doc[end]):
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
        m = _make_mention(doc, tok.i, end, in_quote, sent_index)
        if m is not None:
            mentions.append(m)
            covered.update(range(tok.i, end))
    mentions.extend(_coordinated_names(doc, mentions, in_quote, covered, sent_index))
    mentions.extend(_speaker_names(doc, in_quote, covered, sent_index))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _name_end(doc: Doc, start: int, end: int) -> int:
    """Where a name the model ran on past its end stops: at a spaced dash, a comma, a bracket
    or a colon ("Deborah Jordan Reynolds - Santilli's" -> "Deborah Jordan Reynolds")."""
    for k in range(start + 1, end):
        tok = doc[k]
        spaced_dash = tok.text in ("-", "\u2013", "\u2014") and doc[k - 1].whitespace_
        if spaced_dash or tok.text in (",", ";", ":", "(", ")"):
            return k
    return end


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
            m = _make_mention(doc, start, other.i + 1, in_quote, sent_index)
            if m is None:
                continue
            m.coordinated = True
            out.append(m)
            covered.update(range(start, other.i + 1))
            todo.append(other)
    return out


def _modifies_thing(tok: Token) -> bool:
    """'a Linux or Mac version', 'the Obama administration': a name modifying a thing."""
    if tok.dep_ == "conj" and tok.head.dep_ in ("compound", "nmod", "amod"):
        tok = tok.head
    head = tok.head
    return (
        tok.dep_ in ("compound", "nmod", "amod")
        and head.i > tok.i
        and head.pos_ == "NOUN"
        and not _is_role_word(head)
    )


def _is_role_word(tok: Token) -> bool:
    return tok.lower_ in ROLE_NOUNS or tok.lower_ in EXPERT_WORDS


def _mislabelled_person(ent: Span) -> bool:
    """A two-to-four-word proper name tagged ORG (or the like) that the context shows is a
    person: 'Jean-Philippe Cotis, the OECD's chief economist', 'professor Roy Williams',
    'Paolo Pescatore mobile industry specialist'."""
    if ent.label_ not in NOT_PERSON_ENTS or not 1 <= len(ent) <= 5:
        return False
    if len(ent) == 1:
        # "Suprnova administrator Sloncek": one word is a person only after a role noun
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        return (
            before is not None
            and before.lower_ in ROLE_NOUNS
            and ent[0].pos_ == "PROPN"
            and ent[0].text[:1].isupper()
            and fold(ent.text) not in NOT_PERSON_WORDS
        )
    words = [t for t in ent if t.text != "-"]
    if any(t.pos_ != "PROPN" or not t.text[:1].isupper() for t in words):
        return False
    if any(fold(t.text) in NOT_PERSON_WORDS for t in ent) or _is_honorific(ent[-1]):
        return False
    root = ent.root
    doc = ent.doc
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end and _is_role_word(child):
            return True
    head = root.head
    if root.dep_ in ("compound", "appos", "nsubj") and head.i >= ent.end and _is_role_word(head):
        return True
    if ent.start > 0:
        before = doc[ent.start - 1]
        if _is_role_word(before) or _is_honorific(before):
            return True
    return False


def _speaker_names(doc: Doc, in_quote: list[bool], covered: set[int], sent_index) -> list[Mention]:
    """Proper-noun subjects of speech verbs that NER did not tag: 'Parul Jain, deputy chief
    economist at Nomura, said ...', 'Sloncek said ...'."""
    out = []
    for verb in doc:
        if verb.lower_ not in SPEECH_VERBS or verb.pos_ != "VERB" or in_quote[verb.i]:
            continue
        for subj in verb.children:
            if subj.dep_ != "nsubj" or subj.pos_ != "PROPN" or subj.i in covered:
                continue
            if subj.ent_type_ in NOT_PERSON_ENTS or not subj.text[:1].isupper():
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
            while start > 0 and _is_honorific(doc[start - 1]):
                start -= 1
            if any(i in covered for i in range(start, subj.i + 1)):
                continue
            m = _make_mention(doc, start, subj.i + 1, in_quote, sent_index)
            if m is not None:
                out.append(m)
                covered.update(range(start, subj.i + 1))
    return out


def _sentence_index(doc: Doc) -> dict[int, int]:
    return {s.start: k for k, s in enumerate(doc.sents)}


def _make_mention(doc, start, end, in_quote, sent_index) -> Mention | None:
    for k in range(end - 1, start - 1, -1):
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            start = k + 1  # an entity running over a line break keeps its last line
            break
    start = _skip_openers(doc, start, end)
    if start >= end:
        return None
    span = doc[start:end]
    root = span.root
    if _modifies_thing(root):
        return None
    text = span.text
    parsed = parse_name(text)
    if not parsed.words or not is_person_name(" ".join(parsed.words)):
        return None
    sent = sent_index.get(span.sent.start, 0) if sent_index else 0
    m = Mention(
        span.start_char,
        span.end_char,
        text,
        "name",
        honorifics=parsed.honorifics,
        words=parsed.words,
        subject=root.dep_ in ("nsubj", "nsubjpass") or root.head.dep_ in ("nsubj",),
        sentence=sent,
        root=root.i,
        gender=honorific_gender(parsed.honorifics) or _family_gender(doc, span),
    )
    if in_quote[start]:
        m.kind = "quoted-name"
    return m


def _family_gender(doc: Doc, span: Span) -> str | None:
    """The gender a gendered noun right before or beside a name gives: 'his wife Mary Smith',
    'Mary, his wife,', 'spokeswoman Ann Lee'."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in GENDERED_NOUNS:
        return GENDERED_NOUNS[before.lower_]
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.lower_ in GENDERED_NOUNS:
            return GENDERED_NOUNS[child.lower_]
    return None


def _skip_openers(doc: Doc, start: int, end: int) -> int:
    """The first token of a name after words that only look like part of it: a sentence-opening
    adverb ('Meanwhile Bradford'), or a role word before the name ('Head of Biology ...,
    Professor Alan Brodie', 'Lawyer Louise Christian', 'Pollsters Ann Selzer'). A role word
    alone ('Head') leaves nothing."""
    while start < end:
        tok = doc[start]
        opener = tok.is_sent_start and (tok.lower_ in SENTENCE_OPENERS or tok.pos_ in OPENER_POS)
        if not opener and tok.lower_ not in ROLE_PREFIX_WORDS:
            break
        start += 1
    return start


def _is_honorific(tok: Token, courtesy_only: bool = False) -> bool:
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
