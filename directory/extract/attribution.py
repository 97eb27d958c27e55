"""Finding who said each quote: cue verbs and their subjects, colon and dash attributions,
`according to X`, reported speech, and quotes continued from an earlier attributed one."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from directory.extract.names import fold
from directory.extract.patterns import (
    AS_PUT_VERBS,
    HONORIFICS,
    OBJECT_CUE_VERBS,
    PHRASAL_CUES,
    QUESTION_VERBS,
    QUOTING_VERBS,
    ROLE_NOUNS,
    ROLE_PREFIX_WORDS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    STRONG_SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    WORK_NOUNS,
)
from directory.extract.people import Mention, People, role_noun
from directory.extract.quotes import QuoteSpan

NONPERSON = -2  # the speaker is a group, document or unnamed person: the quote is nobody's here
DASH_AFTER_RE = re.compile(r"[\s,.]*[\u2014\u2013-]+\s*")
SAY_FORMS = frozenset({"say", "says", "said", "saying"})
SENTENCE_BREAK_RE = re.compile(r"([\w']*)([.!?])[\"'\u201d\u2019]?\s+[\"'\u201c\u2018]?[A-Z]")
TITLE_WORDS_RE = re.compile(r"(?:[A-Z][\w.]*\s+)*")
SENTENCE_END_RE = re.compile(r"[.?!\u2026][\"'\u201d\u2019]*$")


@dataclass
class Cue:
    """A reporting verb (or 'according to') with its speaker and reported content."""

    token: int
    start: int
    end: int
    word: str
    speaker: int | None  # cluster id, NONPERSON, or None when no subject was found
    confidence: float
    sentence: int
    content: tuple[int, int] | None = None
    # the words naming the speaker at this cue ("Dr Ren", "he", "the professor")
    source: tuple[int, int] | None = None
    # an organisation, publication, place or group speaking ("Yukos said", "the FT reported")
    organization: str | None = None
    subject: int | None = None  # the subject token, when the cue has one


@dataclass
class Attributed:
    """A quote with the cluster that said it (NONPERSON with `organization` for a body's)."""

    cluster: int
    kind: str
    start: int
    end: int
    cue: str | None
    confidence: float
    source: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    organization: str | None = None


@dataclass
class Found:
    """Who said one direct quote, and why: the cue, or the words naming the speaker."""

    cluster: int
    cue: Cue | None
    confidence: float
    source: tuple[int, int] | None = None
    organization: str | None = None


def is_short(text: str, q: QuoteSpan) -> bool:
    """Scare quotes and fragments: a few words without sentence punctuation ('woke')."""
    body = text[q.start : q.end]
    return len(body.split()) <= 4 and not SENTENCE_END_RE.search(body.rstrip(", "))


def title_case_headline_end(text: str) -> int:
    """The end of the first line when it is a Title Case headline ('Bellwether County Says
    Trump Should Win GOP Nomination.'), else 0."""
    end = text.find("\n")
    end = len(text) if end == -1 else end
    words = [w for w in text[:end].split() if len(w) > 3 and w[0].isalpha()]
    if len(words) < 3:
        return 0
    capitalised = sum(w[0].isupper() for w in words)
    return end if capitalised >= 0.8 * len(words) else 0


def names_a_work(text: str, q: QuoteSpan) -> bool:
    """The marks hold the title of a work, not words someone said: a span after 'titled', a
    capitalised span after a work noun ('her book "The Long Slump"'), or a short span in Title
    Case ('"Coral Decline In Warm Seas"'); none ends a sentence."""
    before = text[max(0, q.outer_start - 30) : q.outer_start].lower().split()
    body = text[q.start : q.end].strip(" ,.")
    words = body.split()
    if not words or SENTENCE_END_RE.search(text[q.start : q.end]) or len(words) > 12:
        return False
    previous = before[-1].strip(",:") if before else ""
    if previous in ("titled", "entitled"):
        return True
    if q.outer_start <= text.find("\n"):
        return False  # a colon headline's quote is in Title Case anyway
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    title_case = words[0][0].isupper() and sum(w[0].isupper() for w in long_words) * 2 > len(
        long_words
    )
    if previous in WORK_NOUNS:
        return title_case  # 'her book "The Long Slump"', not 'called the film "lurid"'
    return 2 <= len(words) <= 8 and len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


class Attributor:
    """Attribution for one doc, given its quotes and its people."""

    def __init__(
        self,
        doc: Doc,
        text: str,
        quotes: list[QuoteSpan],
        people: People,
        in_quote: list[bool],
        quote_mask: bytearray,
        paragraph_of,
    ):
        self.quote_mask = quote_mask
        self.doc = doc
        self.text = text
        self.quotes = quotes
        self.people = people
        self.in_quote = in_quote
        self.paragraph_of = paragraph_of
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.cues: list[Cue] = []
        self.cues_by_sentence: dict[int, list[Cue]] = {}
        self.cue_by_token: dict[int, Cue] = {}

    def sentence_at(self, char: int) -> int:
        """Index of the sentence containing a character offset."""
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    # -- cues -----------------------------------------------------------------------------

    def find_cues(self) -> None:
        """Every reporting verb or 'according to' outside quotes, with its speaker. In a Title
        Case headline a cue counts only for a person the article names again ('Trump Says He
        ...'), not for a name seen only there ('Harwick Pollster Says Mayor Leads')."""
        headline_end = title_case_headline_end(self.text)
        for k, sent in enumerate(self.sents):
            for tok in sent:
                if self.in_quote[tok.i]:
                    continue
                cue = None
                lower = tok.lower_
                if tok.pos_ in ("VERB", "AUX") and _reports(tok):
                    cue = self._verb_cue(tok, k)
                elif (
                    lower == "according"
                    and tok.i + 1 < len(self.doc)
                    and self.doc[tok.i + 1].lower_ == "to"
                ):
                    cue = self._according_cue(tok, k)
                if cue is not None and tok.idx < headline_end:
                    cue = cue if self._named_again(cue, headline_end) else None
                if cue is not None:
                    self.cue_by_token[tok.i] = cue
                    self.cues.append(cue)
                    self.cues_by_sentence.setdefault(k, []).append(cue)
        self._unmask_organizations()
        self._name_nominal_speakers()

    def _named_again(self, cue: Cue, headline_end: int) -> bool:
        """The cue's speaker is a person named after the headline too."""
        if cue.speaker is None or cue.speaker < 0:
            return False
        mentions = self.people.clusters[cue.speaker].mentions
        return any(m.kind == "name" and m.start >= headline_end for m in mentions)

    def _name_nominal_speakers(self) -> None:
        """'France's finance minister has said the world faced "catastrophe" ... Herve Gaymard
        said ...': an unnamed role speaker named as a new speaker in the next sentence of the
        same paragraph, with no description of his own, is that person."""
        for cue in self.cues:
            if cue.speaker != NONPERSON or cue.organization or cue.subject is None:
                continue
            subject = self.doc[cue.subject]
            if subject.lower_ not in ROLE_NOUNS or subject.tag_ != "NN":
                continue
            nxt = cue.sentence + 1
            if nxt >= len(self.sents) or self.paragraph_of(self.sents[nxt].start_char) != (
                self.paragraph_of(cue.start)
            ):
                continue
            for later in self.cues_by_sentence.get(nxt, ()):
                if later.speaker is not None and later.speaker >= 0 and self._introduces(later):
                    cue.speaker, cue.confidence = later.speaker, 0.75
                    break

    def _introduces(self, cue: Cue) -> bool:
        """The cue's speaker is first named right there, bare ('Herve Gaymard said')."""
        cluster = self.people.clusters[cue.speaker]
        names = [m for m in cluster.mentions if m.kind == "name"]
        if not names or names[0].sentence != cue.sentence:
            return False
        sent = self.sents[cue.sentence]
        return not any(
            sent.start_char <= start < sent.end_char and fold(text).rstrip(".") not in HONORIFICS
            for text, start, _ in cluster.descriptors
        )

    def _unmask_organizations(self) -> None:
        """'Novartis said it had bought Hexal': a one-word name that reports about itself as
        'it' is an organization; its cues have no person."""
        its: dict[int, int] = {}
        total: dict[int, int] = {}
        for cue in self.cues:
            if cue.speaker is None or cue.speaker < 0 or cue.content is None:
                continue
            total[cue.speaker] = total.get(cue.speaker, 0) + 1
            first = self.text[cue.content[0] : cue.content[0] + 5].split(" ", 1)[0].lower()
            if first in ("it", "its", "it's", "it\u2019s"):
                its[cue.speaker] = its.get(cue.speaker, 0) + 1
        for cid, count in its.items():
            cluster = self.people.clusters[cid]
            named = [m for m in cluster.mentions if m.kind == "name"]
            one_word = len(cluster.words) == 1 and not any(m.honorifics for m in named)
            if one_word and 2 * count >= total[cid]:
                name = " ".join(cluster.words)
                self.people.drop(cid, name)
                for cue in self.cues:
                    if cue.speaker == cid:
                        cue.speaker = NONPERSON
                        cue.organization = self.people.organizations.get(cid, name)

    def _verb_cue(self, verb: Token, k: int) -> Cue | None:
        quoting = _quoting_verb(verb)
        if quoting is not None:
            return self._quoted_as_cue(verb, quoting, k)
        subject = _subject_of(verb, self.in_quote)
        if subject is not None and subject.i > verb.i and not _inversion_allowed(verb):
            return None  # "(think Eleanor Roosevelt and Hillary Clinton)" is no speech
        speaker, conf, source = (None, 0.0, None) if subject is None else self._speaker(subject)
        if subject is None:
            # inverted order the parser did not label: "said Ren Xiao"
            for child in verb.rights:
                if verb.lower_ not in STRONG_SPEECH_VERBS:
                    break
                cid = self.people.cluster_at(child)
                if cid is not None and child.dep_ in ("attr", "npadvmod", "appos", "dep"):
                    speaker, conf, source = cid, 0.9, self.people.mention_span(child)
                    break
        if speaker is None:
            subject = self._adjacent_subject(verb)
            if subject is not None:
                speaker, conf, source = self._speaker(subject)
                conf *= 0.95
        content = self._content(verb)
        end = verb.idx + len(verb)
        cue = Cue(verb.i, verb.idx, end, verb.lower_, speaker, conf, k, content, source)
        if subject is not None:
            cue.subject = subject.i
            self._add_speakers(cue, subject)
        return cue

    def _quoted_as_cue(self, verb: Token, quoting: Token, k: int) -> Cue | None:
        """'Rates will rise, the paper quoted Maria Lopez as saying': the one quoted speaks,
        and what they said is the quoting verb's clause."""
        objects = [c for c in quoting.children if c.dep_ == "dobj"]
        if not objects:
            return None
        speaker, conf, source = self._speaker(objects[0])
        content = self._content(quoting)
        end = verb.idx + len(verb)
        cue = Cue(verb.i, quoting.idx, end, "quoted as saying", speaker, conf, k, content, source)
        if speaker == NONPERSON:
            cue.organization = self.people.organization_at(objects[0])
        return cue

    def _adjacent_subject(self, verb: Token) -> Token | None:
        """'"...," the EPA's Andrew Fanara said.' when the parser hung the name on the quote:
        a name or he/she right before the verb, after a closing quote, is its subject."""
        k = verb.i - 1
        while k >= 0 and self.doc[k].pos_ == "ADV":
            k -= 1
        if k < 0 or self.in_quote[k]:
            return None
        tok = self.doc[k]
        if tok.lower_ not in SUBJECT_PRONOUNS and self.people.cluster_at(tok) is None:
            return None
        # the words before the name reach back to the quote's closing mark
        j = tok.left_edge.i if tok.left_edge.i < tok.i else tok.i
        while j > 0 and not self.in_quote[j - 1] and self.doc[j - 1].dep_ in ("compound", "det"):
            j -= 1
        before = self.doc[j - 1] if j > 0 else None
        if before is not None and (self.in_quote[before.i] or before.is_punct):
            return tok
        return None

    def _add_speakers(self, cue: Cue, subject: Token) -> None:
        """The organisation speaking when the subject names one. Words said jointly by several
        named people ('Forde, Okoro and Dunne found that ...') are no one person's quote."""
        if cue.speaker == NONPERSON:
            cue.organization = self.people.organization_at(subject)
            if cue.organization:
                cue.confidence = 0.9
            return
        if cue.speaker is None or self.people.cluster_at(subject) != cue.speaker:
            return
        # "A, B and C argued": the parser hangs "B and C" on A as an appositive at times
        todo = [c for c in subject.children if c.dep_ == "conj"]
        todo.extend(
            c
            for c in subject.children
            if c.dep_ == "appos"
            and self.people.cluster_at(c) is not None
            and any(g.dep_ == "conj" for g in c.children)
            and all(o.is_punct for o in subject.children if subject.i < o.i < c.i)
        )
        while todo:
            tok = todo.pop()
            cid = self.people.cluster_at(tok)
            if cid is not None and cid != cue.speaker:
                cue.speaker, cue.confidence = NONPERSON, 0.0
                return
            todo.extend(c for c in tok.children if c.dep_ == "conj")

    def _according_cue(self, tok: Token, k: int) -> Cue | None:
        to = self.doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return None
        obj = _source_of_document(objs[0])
        speaker, conf, source = self._speaker(obj)
        organization = self.people.organization_at(obj) if speaker == NONPERSON else None
        if organization:
            conf = 0.9
        sent = self.sents[k]
        # the reported content is the rest of the sentence, minus the 'according to' phrase
        phrase_start, phrase_end = tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i) + 1
        if phrase_start - sent.start >= sent.end - phrase_end:
            content = (sent.start, phrase_start)
        else:
            content = (phrase_end, sent.end)
        span = self.doc[content[0] : content[1]]
        content_chars = _trim(self.text, span.start_char, span.end_char) if len(span) else None
        return Cue(
            tok.i,
            tok.idx,
            to.idx + 2,
            "according to",
            speaker,
            conf,
            k,
            content_chars,
            source,
            organization,
        )

    def _speaker(self, tok: Token) -> tuple[int | None, float, tuple[int, int] | None]:
        """The person a subject token designates (or NONPERSON), with the words naming it."""
        cid = self.people.cluster_at(tok)
        if cid is not None:
            return cid, 0.95, self.people.mention_span(tok)
        own = (tok.idx, tok.idx + len(tok))
        if tok.lower_ in SUBJECT_PRONOUNS:
            cid = self.people.resolve_pronoun(tok)
            return (cid, 0.85, own) if cid is not None else (NONPERSON, 0.0, own)
        group = tok.tag_ in ("NNS", "NNPS")  # "Some candidates - Ted Cruz among them - said"
        for child in tok.children:
            if not group and child.dep_ in ("appos", "compound", "npadvmod"):
                cid = self.people.cluster_at(child)
                if cid is not None:
                    return cid, 0.9, self.people.mention_span(child)
        phrase = _noun_phrase(tok)
        named = self._named_in_role(tok)
        if named is not None:
            return named[0], 0.9, named[1]
        if role_noun(tok):
            cid = self.people.resolve_role(tok)
            if cid is not None:
                return cid, 0.8, phrase
        return NONPERSON, 0.0, phrase

    def _named_in_role(self, tok: Token) -> tuple[int, tuple[int, int]] | None:
        """'Head of Biology at the Kelvin Institute, Professor Alan Brodie, said': a role-noun
        subject whose phrase ends in an appositive name is that person."""
        if tok.lower_ not in ROLE_PREFIX_WORDS or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        for t in tok.subtree:
            if t.i <= tok.i or t.dep_ != "appos" or t.pos_ != "PROPN":
                continue
            # the name describes the subject, or a place or body where no person can be; not
            # another person ('a spokesman for the prosecutor, Alan Hevesi,')
            owner = t.head
            if owner.i != tok.i and owner.lower_ in ROLE_PREFIX_WORDS:
                return None
            cid = self.people.cluster_at(t)
            if cid is not None:
                return cid, self.people.mention_span(t)
        return None

    def _content(self, verb: Token) -> tuple[int, int] | None:
        """The reported clause of a verb: 'said [that] the plan had failed', 'the plan had
        failed, he said', or the clause around a parenthetical 'But, he said, the plan ...'."""
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
            return None  # "a question about whether she thought ...": nothing was asserted
        if verb.lower_ in AS_PUT_VERBS:
            return self._around(verb)  # "The market, as X puts it, has lost its nerve"
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        # "said [that] ..." before "..., he said"
        clauses.sort(key=lambda c: (c.i < verb.i, abs(c.i - verb.i)))
        for child in clauses:
            if _asks(child) and verb.lower_ not in QUESTION_VERBS:
                continue  # "did not say whether he would run": nothing was asserted
            start, end = child.left_edge.i, child.right_edge.i + 1
            if child.i < verb.i:
                end = min(end, verb.i)
                if end < len(self.doc) and self.doc[end].text in (":", ";"):
                    continue  # "X says that the show has critics: Y questioned ..." is X's
            return self._clause(start, end)
        if verb.lower_ in SAY_FORMS:
            # the parser missed the clause: "Sturgeon said the public needed reassurance ..."
            right = [c for c in verb.rights if not c.is_punct]
            if (
                right
                and right[0].dep_ in ("dobj", "attr")
                and right[0].pos_ not in ("PRON", "PROPN")
                and self.people.cluster_at(right[0]) is None
            ):
                return self._clause(verb.i + 1, verb.sent.end)
        if verb.lower_ in OBJECT_CUE_VERBS and any(c.dep_ == "dobj" for c in verb.children):
            return self._clause(verb.i + 1, verb.right_edge.i + 1)
        for child in verb.children:
            # "has called for a public inquiry", "called on ministers to act"
            if child.dep_ == "prep" and child.lower_ in PHRASAL_CUES.get(verb.lower_, ()):
                return self._clause(child.i + 1, verb.right_edge.i + 1)
        if verb.dep_ == "parataxis" and not self.in_quote[verb.head.i]:
            # "But, he said, the Mac mini changed that" / "The point is X, Hennessey said, and
            # ...": the whole clause around the parenthetical is what was said
            return self._around(verb)
        return None

    def _around(self, verb: Token) -> tuple[int, int] | None:
        """The clause a parenthetical cue stands in, or its longer side when that clause is
        quoted: 'But, he said, the Mac mini changed that'."""
        head = verb.head
        if self.in_quote[head.i] or head.i == verb.i:
            return None
        start, end = head.left_edge.i, head.right_edge.i + 1
        whole = self._clause(start, end)
        if whole is not None and not self.quote_mask[whole[1] - 1]:
            return whole
        lo, hi = verb.left_edge.i, verb.right_edge.i + 1
        start, end = (hi, end) if end - hi >= lo - start else (start, lo)
        return self._clause(start, end)

    def _clause(self, start: int, end: int) -> tuple[int, int] | None:
        while start < end and (self.doc[start].dep_ == "mark" or self.doc[start].is_punct):
            start += 1
        if start >= end or self.in_quote[start]:
            return None
        span = self.doc[start:end]
        return _trim(self.text, span.start_char, span.end_char)

    # -- direct quotes --------------------------------------------------------------------

    def attribute(self) -> list[Attributed]:
        """Attribute every quote span, then add reported speech; returns one list (items whose
        cluster is NONPERSON carry the organisation that said them)."""
        self.find_cues()
        self.cue_starts = [c.start for c in self.cues]
        results: list[Attributed] = []
        speaker_of: dict[int, int] = {}  # quote index -> cluster (or NONPERSON)
        self.organization_of: dict[int, str] = {}  # quote index -> organisation speaking
        for qi, q in enumerate(self.quotes):
            found = self._direct(qi, q, speaker_of)
            if found is None:
                continue
            speaker_of[qi] = found.cluster
            if found.organization:
                self.organization_of[qi] = found.organization
            cue = found.cue
            word = cue.word if cue else None
            cue_span = (cue.start, cue.end) if cue else None
            if found.cluster >= 0 or found.organization:
                results.append(
                    Attributed(
                        found.cluster,
                        "direct",
                        q.start,
                        q.end,
                        word,
                        found.confidence,
                        found.source,
                        cue_span,
                        found.organization,
                    )
                )
        results.extend(self._indirect(results))
        return results

    def _direct(self, qi: int, q: QuoteSpan, speaker_of: dict[int, int]) -> Found | None:
        text = self.text
        if names_a_work(text, q):
            return None  # 'her book "The Long Slump"', 'the study, titled "Warm Seas"'
        short = is_short(text, q)
        # a few words between marks are a quote only when a cue's clause holds them
        cue = self._cue_governing(q) if short else self._cue_near(q)
        if cue is not None and cue.speaker is not None:
            if short and cue.speaker == NONPERSON and not cue.organization:
                return None
            return Found(cue.speaker, cue, cue.confidence, cue.source, cue.organization)
        if short:
            return None
        dashed = self._dash_after(q)
        if dashed is not None:
            return Found(dashed[0], None, 0.85, dashed[1])
        if q.continues is not None and q.continues in speaker_of:
            prev = speaker_of[q.continues]
            return Found(prev, None, 0.85, None, self.organization_of.get(q.continues))
        lead = self._colon_lead(q)
        if lead is not None:
            return lead
        prev = self._previous_in_paragraph(qi, q, speaker_of)
        if prev is not None:
            return Found(prev, None, 0.8)
        following = self._cue_following(q)
        if following is not None:
            return Found(following.speaker, following, 0.7, following.source)
        return None

    def _cue_governing(self, q: QuoteSpan) -> Cue | None:
        """The cue verb whose clause holds the quote: 'Putin characterized it as "exemplary"'."""
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        for tok in span:
            for child in tok.children:
                # 'The market, as X puts it, "has lost its nerve"': the cue hangs on the quote
                cue = self.cue_by_token.get(child.i)
                outside = not span.start <= child.i < span.end
                if outside and cue is not None and cue.word in AS_PUT_VERBS:
                    return cue if cue.speaker is not None else None
            if span.start <= tok.head.i < span.end:
                continue
            node = tok.head
            for _ in range(6):
                if node.dep_ in ("nsubj", "nsubjpass", "appos", "poss"):
                    break  # 'George Miller, one of the "big four", said': not what he said
                cue = self.cue_by_token.get(node.i)
                if cue is not None and cue.speaker is not None and not self._separated(q, cue):
                    return cue if self.paragraph_of(cue.start) == q.paragraph else None
                if node.head is node:
                    break
                node = node.head
        return None

    def _cue_near(self, q: QuoteSpan) -> Cue | None:
        """The cue governing the quote, else the nearest cue in the sentences it touches."""
        governing = self._cue_governing(q)
        if governing is not None:
            return governing
        para = self.paragraph_of(q.start)
        first = self.sentence_at(max(q.start - 1, 0))
        last = self.sentence_at(q.end + 2)
        if self.paragraph_of(self.sents[last].start_char) != para:
            last = self.sentence_at(q.end)
        best, best_dist = None, None
        for k in range(first, last + 1):
            for cue in self.cues_by_sentence.get(k, ()):
                if cue.speaker is None:
                    continue
                if q.start <= cue.start < q.end or self._separated(q, cue):
                    continue
                if self.paragraph_of(cue.start) != para:
                    continue
                dist = q.start - cue.end if cue.end <= q.start else cue.start - q.end
                # a cue after the quote ("Q," he said) beats one as far before it
                dist = dist if cue.start >= q.end else dist + 3
                if self._quote_between(q, cue):
                    dist += 1000
                if best_dist is None or dist < best_dist:
                    best, best_dist = cue, dist
        return best

    def _separated(self, q: QuoteSpan, cue: Cue) -> bool:
        """A sentence ends between the quote and the cue: '"Q1." Rhodri Thomas said: "Q2"'
        (the parser often joins them into one sentence)."""
        text = self.text
        if cue.start >= q.end:
            between = text[q.outer_end : cue.start]
            if _has_sentence_break(between):
                return True
            ends_sentence = text[q.end - 1 : q.end] in (".", "!", "?")
            nxt = between.lstrip(" \u201d\"'\u2019,")[:1]
            return ends_sentence and nxt.isupper()
        return _has_sentence_break(text[cue.end : q.outer_start])

    def _quote_between(self, q: QuoteSpan, cue: Cue) -> bool:
        """Another quote lies between this quote and the cue (the cue belongs to that one)."""
        lo, hi = (cue.end, q.start) if cue.end <= q.start else (q.end, cue.start)
        return any(lo <= o.start and o.end <= hi and o is not q for o in self._quotes_near(lo, hi))

    def _quotes_near(self, lo: int, hi: int):
        starts = self._quote_starts()
        i = bisect.bisect_left(starts, lo)
        while i < len(self.quotes) and self.quotes[i].start < hi:
            yield self.quotes[i]
            i += 1

    def _quote_starts(self) -> list[int]:
        if not hasattr(self, "_qs"):
            self._qs = [q.start for q in self.quotes]
        return self._qs

    def _dash_after(self, q: QuoteSpan) -> tuple[int, tuple[int, int]] | None:
        """'"Q" - Commissioner Geoffrey Starks': a name right after a dash after the quote."""
        after = self.text[q.outer_end : q.outer_end + 8]
        m = DASH_AFTER_RE.match(after)
        if not m:
            return None
        pos = q.outer_end + m.end()
        # titles may stand between the dash and the name: "- Commissioner Grace Okafor"
        starts = self.people._starts
        i = bisect.bisect_left(starts, pos)
        if i < len(starts) and starts[i] - pos <= 40:
            between = self.text[pos : starts[i]]
            m = self.people.names[i]
            if TITLE_WORDS_RE.fullmatch(between) and m.kind == "name":
                return m.cluster, (m.start, m.end)
        # a signature line the model did not tag: '" -Commissioner Grace Okafor'
        line_end = self.text.find("\n", pos)
        line_end = len(self.text) if line_end == -1 else line_end
        span = self.doc.char_span(pos, line_end, alignment_mode="expand")
        if span is None or not 2 <= len(span) <= 6:
            return None
        words = [t for t in span if not t.is_space]
        names = [t for t in words if t.pos_ == "PROPN" and t.text[:1].isupper()]
        if len(names) >= 2 and all(
            t.text.lstrip("-\u2013\u2014")[:1].isupper() or t.is_punct for t in words
        ):
            cid = self.people.add_name(names[-2].i, names[-1].i + 1)
            if cid is not None:
                return cid, (names[-2].idx, names[-1].idx + len(names[-1]))
        return None

    def _name_at(self, pos: int) -> int | None:
        starts = self.people._starts
        i = bisect.bisect_left(starts, pos)
        if i < len(starts) and starts[i] <= pos + 1:
            m = self.people.names[i]
            if m.kind == "name":
                return m.cluster
        return None

    def _colon_lead(self, q: QuoteSpan):
        """'X said:' or 'Observes Mr Hadi:' or a headline 'Dr. Ben Carson: ...' before the quote,
        in the same paragraph or ending the previous one."""
        text = self.text
        before = text[max(0, q.start - 3) : q.start].rstrip("\u201c\"'` \u2018")
        pstart = self._paragraph_start(q.start)
        if before.endswith(":") or (pstart >= q.start - 2 and self._previous_ends_colon(pstart)):
            colon = text.rfind(":", 0, q.start)
            k = self.sentence_at(colon)
            cues = [c for c in self.cues_by_sentence.get(k, ()) if c.speaker is not None]
            if cues:
                cue = cues[-1]
                return Found(cue.speaker, cue, cue.confidence * 0.95, cue.source, cue.organization)
            m = self._name_ending_at(colon)
            if m is not None:
                return Found(m.cluster, None, 0.8, (m.start, m.end))
        # headline style: "Name: ... 'quote'"
        line = text[pstart : q.start]
        if ":" in line:
            m = self._name_ending_at(pstart + line.index(":"))
            if m is not None and self._name_at(pstart) == m.cluster:
                return Found(m.cluster, None, 0.75, (m.start, m.end))
        return None

    def _paragraph_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def _previous_ends_colon(self, pstart: int) -> bool:
        return self.text[:pstart].rstrip().endswith(":")

    def _name_ending_at(self, pos: int) -> Mention | None:
        ends = self.people.names
        i = bisect.bisect_left(self.people._starts, pos) - 1
        if i >= 0 and ends[i].kind == "name" and pos - 1 <= ends[i].end <= pos:
            return ends[i]
        return None

    def _previous_in_paragraph(self, qi: int, q: QuoteSpan, speaker_of: dict[int, int]):
        """'"Q1," he said. "Q2."' or 'X said the plan failed. "Q."': a quote with no cue goes
        to the last speaker of its paragraph (or of the previous one, when the quote opens its
        paragraph), when no other person is named in between."""
        para = q.paragraph
        last_pos, last_cid = -1, None
        for pj in range(qi - 1, -1, -1):
            prev = self.quotes[pj]
            if prev.paragraph < para - 1:
                break
            if pj in speaker_of and speaker_of[pj] >= 0:
                last_pos, last_cid = prev.start, speaker_of[pj]
                break
        ci = bisect.bisect_left(self.cue_starts, q.start) - 1
        while ci >= 0:
            cue = self.cues[ci]
            if self.paragraph_of(cue.start) < para - 1:
                break
            if cue.speaker is not None and cue.speaker >= 0:
                if cue.start > last_pos:
                    last_pos, last_cid = cue.start, cue.speaker
                break
            ci -= 1
        if last_cid is None or not self._starts_sentence(q):
            return None  # 'But they discussed how the law "was going to ..."' is theirs
        if self.paragraph_of(last_pos) != para and not self._opens_paragraph(q):
            return None
        # names inside the attribution's own sentence describe it ('said Murphy, using a term
        # Rubio has used'), unless they speak or are spoken to there ('assured Trump that')
        own_end = self.sents[self.sentence_at(last_pos)].end_char
        if self._other_person_between(last_pos, q.start, last_cid, own_end):
            return None
        return last_cid

    def _starts_sentence(self, q: QuoteSpan) -> bool:
        """The quote opens its sentence (or follows a colon): nothing outside it speaks."""
        k = self.sentence_at(q.outer_start)
        lo = self.sents[k].start_char
        before = self.text[lo : q.outer_start]
        if not before.strip(" \t\n\"'`\u201c\u2018(") or before.rstrip().endswith(":"):
            return True
        # '"A," he added, "B"' where the marks were unbalanced: all before it was quoted
        return all(self.quote_mask[i] or self.text[i].isspace() for i in range(lo, q.outer_start))

    def _opens_paragraph(self, q: QuoteSpan) -> bool:
        pstart = self._paragraph_start(q.start)
        return q.outer_start - pstart <= 1

    def _other_person_between(self, lo: int, hi: int, cid: int, describe_until: int = -1) -> bool:
        """Another person is named between lo and hi (before `describe_until`, only one who
        speaks or is spoken to counts)."""
        starts = self.people._starts
        i = bisect.bisect_left(starts, lo)
        while i < len(starts) and starts[i] < hi:
            m = self.people.names[i]
            other = m.kind == "name" and m.cluster != cid
            if other and (m.start >= describe_until or self._in_speech(m)):
                return True
            i += 1
        return False

    def _in_speech(self, m: Mention) -> bool:
        """The name is the subject or object of a reporting verb ('Jones assured Trump')."""
        if m.root < 0:
            return True
        head = self.doc[m.root].head
        return head.lower_ in SPEECH_VERBS

    def _cue_following(self, q: QuoteSpan) -> Cue | None:
        """A quote opening a paragraph, named in the next sentence: '"Q." So says X.'"""
        k = self.sentence_at(q.end) + 1
        if k >= len(self.sents) or self.paragraph_of(self.sents[k].start_char) != self.paragraph_of(
            q.start
        ):
            return None
        quoted = any(self.in_quote[t.i] for t in self.sents[k])
        for cue in self.cues_by_sentence.get(k, ()):
            speaks = (
                cue.speaker is not None and cue.speaker >= 0 and cue.word in STRONG_SPEECH_VERBS
            )
            if speaks and not quoted and cue.content is None:
                return cue
        return None

    # -- reported speech ------------------------------------------------------------------

    def _indirect(self, direct: list[Attributed]) -> list[Attributed]:
        """'X said that ...', 'according to X, ...': the reported clause of each cue whose
        speaker is a person, unless a direct quote already carries it."""
        out = []
        spans = sorted(c.content for c in self.cues if c.content and c.speaker is not None)
        for cue in self.cues:
            if cue.speaker is None or cue.content is None:
                continue
            if cue.speaker < 0 and not cue.organization:
                continue
            if _inside_any(cue.start, [s for s in spans if s != cue.content]):
                continue  # "According to X, Y warned that ...": the report is X's
            start, end = cue.content
            if end - start < 3:
                continue
            if self.text[end : end + 3].lstrip(" ,")[:1] == ":":
                continue  # "X said that, given the choice:" introduces the quote that follows
            if self.quote_mask[start]:
                continue
            cue_span = (cue.start, cue.end)
            conf = cue.confidence * 0.9
            out.append(
                Attributed(
                    cue.speaker,
                    "indirect",
                    start,
                    end,
                    cue.word,
                    conf,
                    cue.source,
                    cue_span,
                    cue.organization,
                )
            )
        return out


def _reports(tok: Token) -> bool:
    """Whether a verb token is a reporting cue, in any family of patterns.CUE_EXAMPLES."""
    lower = tok.lower_
    if lower in SPEECH_VERBS:
        return True
    particles = PHRASAL_CUES.get(lower)
    if particles and any(c.lower_ in particles for c in tok.children):
        return True  # "fired back that ..."
    if lower not in AS_PUT_VERBS:
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
    objects = {c.lower_ for c in tok.children if c.dep_ == "dobj"}
    return "as" in marks and "it" in objects  # "as X puts it"


def _asks(clause: Token) -> bool:
    """The clause is a question: 'whether the plan would survive', 'if it would work' (not
    'that if the critics saw it ...')."""
    first = clause.left_edge
    return first.dep_ == "mark" and first.lower_ in ("whether", "if") and first.head.i == clause.i


def _quoting_verb(verb: Token) -> Token | None:
    """'quoted X as saying': the quoting verb above a 'saying' with no subject of its own."""
    if verb.lower_ not in SAY_FORMS:
        return None
    node = verb.head
    if node.lower_ == "as":
        node = node.head
    return node if node.i != verb.i and node.lower_ in QUOTING_VERBS else None


def _source_of_document(tok: Token) -> Token:
    """'an analysis by Maria Lopez' -> Maria Lopez: the author of a cited document."""
    if tok.lower_ not in SOURCE_NOUNS:
        return tok
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return tok


def _inversion_allowed(verb: Token) -> bool:
    """A subject after its verb is a speaker only in reporting inversions: '"Q," said X',
    ', thinks X', 'Observes Mr Hadi:', 'So says X'."""
    if verb.i == verb.sent.start:
        return True
    prev = verb.doc[verb.i - 1]
    if prev.is_bracket:
        return False  # "(think Eleanor Roosevelt)"
    return prev.is_punct or prev.is_quote or prev.lower_ in ("so", "says", "but")


def _has_sentence_break(text: str) -> bool:
    """A sentence ends inside text: '. The', but not 'Dr. Tan' or 'J. Smith'."""
    for m in SENTENCE_BREAK_RE.finditer(text):
        word = m.group(1)
        if m.group(2) == "." and (word.lower() in HONORIFICS or len(word) <= 1):
            continue
        return True
    return False


def _inside_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether pos lies inside one of the sorted (start, end) spans."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    while i >= 0:
        start, end = spans[i]
        if start <= pos < end:
            return True
        if end < pos - 2000:
            break
        i -= 1
    return False


def _subject_of(verb: Token, in_quote: list[bool]) -> Token | None:
    """The subject of a verb, borrowed from the verb it is coordinated with ('and added')."""
    for _ in range(3):
        subjects = [
            c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not in_quote[c.i]
        ]
        if len(subjects) > 1 and _inversion_allowed(verb):
            subjects = [c for c in subjects if c.i > verb.i] or subjects  # "The market, said X,"
        for child in subjects:
            if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # "Ren Xiao, who said ..."
            return child
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
        else:
            return None
    return None


def _noun_phrase(tok: Token) -> tuple[int, int]:
    """The words of a subject up to its head: 'the professor', 'a spokeswoman for the firm'."""
    start = tok.left_edge
    end = tok
    for child in tok.rights:
        if child.dep_ in ("prep", "compound", "amod") and not child.is_punct:
            end = child.right_edge
        else:
            break
    return start.idx, end.idx + len(end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,;:":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:.":
        end -= 1
    return start, end
