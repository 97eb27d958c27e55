"""Reporting cues: each cue verb, 'according to' and 'as X puts it' outside quotes, with the
person (or body) speaking there and the clause they reported."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from directory.extract.descriptors import plural_before_role
from directory.extract.mentions import role_noun
from directory.extract.names import fold
from directory.extract.patterns import (
    AS_PUT_VERBS,
    HONORIFICS,
    KIN_NOUNS,
    OBJECT_CUE_VERBS,
    QUESTION_VERBS,
    ROLE_NOUNS,
    ROLE_PREFIX_WORDS,
    STRONG_SPEECH_VERBS,
    SUBJECT_PRONOUNS,
)
from directory.extract.people import People
from directory.extract.premodifiers import is_possessive
from directory.extract.quotes import QuoteSpan, title_case_headline_end, title_case_lines
from directory.extract.reporting import (
    ASSOCIATE_NOUNS,
    DOCUMENT_NOUNS,
    PERSON_OBJECT_VERBS,
    SAY_FORMS,
    SERVING_ROLES,
    TELL_FORMS,
    asked_or_citing,
    asks,
    charge_of,
    denied_report,
    gerund_subject,
    interrupting_name,
    inversion_allowed,
    judged,
    noun_phrase,
    object_read_as_subject,
    opening_as_clause,
    phrasal_particle,
    quoting_verb,
    reports,
    source_of_document,
    split_clause_end,
    stands_alone,
    subject_of,
    that_clause,
    that_clause_on_a_noun,
    trim,
    words_end,
)
from directory.extract.roles import is_role_head, role_word
from directory.text import word_set

NONPERSON = -2  # the speaker is a group, document or unnamed person: the quote is nobody's here


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


def inside_any(pos: int, spans: list[tuple[int, int]]) -> bool:
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


# Marks opening a clause of time, cause or condition: never what a cue reports.
ADVERBIAL_MARKS = word_set(
    "after before when while because since although though if unless until once"
)


def reports_itself(tok: Token) -> bool:
    """True for a reporting verb with a subject and a reported clause of its own ("Pence said
    in politics it takes time"), not "The fact that ... only adds to their reluctance"."""
    deps = {c.dep_ for c in tok.children}
    return tok.lower_ in STRONG_SPEECH_VERBS and "nsubj" in deps and "ccomp" in deps


# A comma and a relative pronoun right after a name: "Mr. Slinker, whose ...".
RELATIVE_OPENERS = frozenset({", whose", ", who"})


class CueFinder:
    """The cues of one doc, given its quotes and its people; `Attributor` builds on it."""

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
        other_headlines = title_case_lines(self.text)
        for k, sent in enumerate(self.sents):
            for tok in sent:
                if self.in_quote[tok.i]:
                    continue
                cue = None
                lower = tok.lower_
                if tok.pos_ in ("VERB", "AUX") and reports(tok):
                    cue = self._verb_cue(tok, k)
                elif (
                    lower == "according"
                    and tok.i + 1 < len(self.doc)
                    and self.doc[tok.i + 1].lower_ == "to"
                ):
                    cue = self._according_cue(tok, k)
                if cue is not None and tok.idx < headline_end:
                    cue = cue if self._named_again(cue, headline_end) else None
                if cue is not None and inside_any(tok.idx, other_headlines):
                    cue = None
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
        first = self.doc.char_span(names[0].start, names[0].end, alignment_mode="expand")
        if first is not None and first.start > sent.start and is_role_head(first[0].nbor(-1).text):
            return False  # "Former welfare minister Frank Field said": a post of his own
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
            # (past a "that": "told analysts that it had not negotiated")
            opening = self.text[cue.content[0] : cue.content[0] + 10].lower().split(" ", 2)
            first = opening[1] if opening[0] == "that" and len(opening) > 1 else opening[0]
            if first in ("it", "its", "it's", "it\u2019s"):
                its[cue.speaker] = its.get(cue.speaker, 0) + 1
        for cid, count in its.items():
            cluster = self.people.clusters[cid]
            named = [m for m in cluster.mentions if m.kind == "name"]
            one_word = len(cluster.words) == 1 and not any(m.honorifics for m in named)
            # one "it" ('Maddow said it's out of the question') may open any report; it takes
            # more to unmask a name the model reads as a person
            person = any(m.root >= 0 and self.doc[m.root].ent_type_ == "PERSON" for m in named)
            if one_word and 2 * count >= total[cid] and (count >= 2 or not person):
                name = " ".join(cluster.words)
                self.people.drop(cid, name)
                for cue in self.cues:
                    if cue.speaker == cid:
                        cue.speaker = NONPERSON
                        cue.organization = self.people.organizations.get(cid, name)

    def _verb_cue(self, verb: Token, k: int) -> Cue | None:
        quoting = quoting_verb(verb)
        if quoting is not None:
            return self._quoted_as_cue(verb, quoting, k)
        subject = subject_of(verb, self.in_quote)
        if subject is not None and subject.i > verb.i and not inversion_allowed(verb):
            return None  # "(think Eleanor Roosevelt and Hillary Clinton)" is no speech
        interrupted = None
        if subject is None or subject.i < verb.i and self.people.cluster_at(subject) is None:
            interrupted = interrupting_name(verb, self.in_quote)
            if interrupted is not None:
                subject = interrupted[0]
        speaker, conf, source = (None, 0.0, None) if subject is None else self._speaker(subject)
        if subject is None:
            # inverted order the parser did not label: "said Ren Xiao"
            for child in verb.rights:
                if verb.lower_ not in STRONG_SPEECH_VERBS:
                    break
                cid = self.people.cluster_at(child)
                # '"Q," tweeted Ian Moss': the parser may read the name as the verb's object
                # (not a coordination: "added Ernst and Young's Sanjay Mehta" is Mehta's)
                deps = ("attr", "npadvmod", "appos", "dep")
                joined = any(c.dep_ in ("cc", "conj") for c in child.children)
                if inversion_allowed(verb) and verb.lower_ not in PERSON_OBJECT_VERBS:
                    deps += () if joined else ("dobj",)
                # "said Jurgen den Hartog": the parser may read a name's particle as a verb
                inside_name = (
                    child.ent_type_ == "PERSON" and child.ent_iob_ == "I" and child.dep_ == "ccomp"
                )
                if cid is not None and (child.dep_ in deps or inside_name):
                    speaker, conf, source = cid, 0.9, self.people.mention_span(child)
                    break
        named_after = False
        if speaker is None and verb.lower_ in STRONG_SPEECH_VERBS and inversion_allowed(verb):
            # '"The risk," said Edward Leamer, an economist ..., "is that ...": the parser made
            # the name the subject of the quote's second half; the name right after the verb
            # (not "said Mr. Trump was a candidate": a name followed by its own verb)
            nxt = self.doc[verb.i + 1] if verb.i + 1 < len(self.doc) else None
            cid = None if nxt is None or self.in_quote[nxt.i] else self.people.cluster_at(nxt)
            span = self.people.mention_span(nxt) if cid is not None and cid >= 0 else None
            after = self.doc.char_span(span[1], span[1] + 1) if span else None
            if span and after is not None and after.text in {",", ".", ":", ";"}:
                speaker, conf, source = cid, 0.9, span
                named_after = True
        if speaker is None:
            subject = self._adjacent_subject(verb)
            if subject is not None:
                speaker, conf, source = self._speaker(subject)
                conf *= 0.95
        if interrupted is not None:
            # the sentence the cue stands in is what was said, as with "But, he said, ..."
            clause = interrupted[1]
            content = self._clause(
                min(verb.left_edge.i, clause.left_edge.i), clause.right_edge.i + 1
            )
        else:
            content = self._content(verb)
        if named_after and content is not None and content[0] <= source[0] < content[1]:
            content = None  # the parser's clause holds the name: no reported clause of its own
        elif content is not None and subject is not None and content[1] <= verb.idx:
            content = self._before_subject(content, subject)
        end = verb.idx + len(verb)
        cue = Cue(verb.i, verb.idx, end, verb.lower_, speaker, conf, k, content, source)
        if subject is not None:
            cue.subject = subject.i
            self._add_speakers(cue, subject)
        return cue

    def _before_subject(self, content: tuple[int, int], subject: Token) -> tuple[int, int]:
        """'... a settlement, her lawyer, Perry Wander, said': the parser hung the speaker's
        phrase on the reported clause; what was said stops where that phrase starts."""
        phrase = subject.head if subject.dep_ == "appos" and subject.head.i < subject.i else subject
        start = phrase.left_edge.idx
        if not content[0] < start < content[1]:
            return content
        return trim(self.text, content[0], start)

    def _quoted_as_cue(self, verb: Token, quoting: Token, k: int) -> Cue | None:
        """'Rates will rise, the paper quoted Maria Lopez as saying': the one quoted speaks,
        and what they said is the quoting verb's clause."""
        # "the paper quoted X as saying"; "X was quoted as saying"
        objects = [c for c in quoting.children if c.dep_ in ("dobj", "nsubjpass")]
        if not objects:
            return None
        speaker, conf, source = self._speaker(objects[0])
        # what was said hangs on the quoting verb or, after it, on "saying"
        content = self._content(quoting) or self._content(verb)
        end = verb.idx + len(verb)
        cue = Cue(verb.i, quoting.idx, end, "quoted as saying", speaker, conf, k, content, source)
        if speaker == NONPERSON:
            cue.organization = self.people.organization_at(objects[0])
        return cue

    def _adjacent_subject(self, verb: Token) -> Token | None:
        """'"...," the EPA's Andrew Fanara said.' when the parser hung the name on the quote:
        a name or he/she right before the verb (a comma between them or not), after a closing
        quote or after "with" before an -ing verb, is its subject."""
        k = verb.i - 1
        while k >= 0 and self.doc[k].pos_ == "ADV":
            k -= 1
        if k > 0 and self.doc[k].text == ",":
            k -= 1  # '"...," shop owner Hayriye Evren, told AP': a stray comma
        if k < 0 or self.in_quote[k] or self.doc[k].is_space:
            return None  # (a paragraph break stands between)
        tok = self.doc[k]
        described = tok.lower_ not in SUBJECT_PRONOUNS and self.people.cluster_at(tok) is None
        if described:
            # '"...," Gene Sperling, a top outside adviser, said': the name the appositive
            # before the verb describes
            tok = self._described_name(tok, verb)
            if tok is None:
                return None
        # the words before the name reach back to the quote's closing mark
        j = tok.left_edge.i if tok.left_edge.i < tok.i else tok.i
        while j > 0 and not self.in_quote[j - 1] and self.doc[j - 1].dep_ in ("compound", "det"):
            j -= 1
        before = self.doc[j - 1] if j > 0 else None
        if described and (before is None or before.is_space or j == tok.sent.start):
            return tok  # "Dan Jolin, features editor of Empire, says" opening the sentence
        if before is not None and (self.in_quote[before.i] or before.is_punct):
            return tok
        # "with finance minister Herve Gaymard telling parliament: ...": the parser may read
        # the name and the verb as one noun phrase
        if before is not None and before.lower_ == "with" and verb.tag_ == "VBG":
            return tok
        return None

    def _described_name(self, tok: Token, verb: Token) -> Token | None:
        """The person's name an appositive ending at `tok` (before `verb`) hangs on."""
        end = tok.i
        while tok.dep_ != "appos" and tok.head.i != tok.i and tok.head.i < verb.i:
            tok = tok.head
        if max((t.i for t in tok.subtree if not t.is_punct), default=-1) > end:
            return None  # the phrase goes on past the verb: no appositive ends at `tok`
        owner = self._described_by(tok)
        if (
            owner is None
            or self.in_quote[owner.i]
            or self.doc[owner.i + 1].text != ","
            or self.people.cluster_at(owner) is None
        ):
            return None
        return owner

    def _described_by(self, top: Token) -> Token | None:
        """The name before a phrase the parser read around it: its appositive's head; the
        subject of "Jolin features editor", a plural read as a verb ("Dan Jolin, features
        editor of Empire, says"); the subject of a relative clause's verb ("Mr. Slinker, whose
        latest start-up ... uses big data ..., said")."""
        subjects = [c for c in top.children if c.dep_ == "nsubj" and c.i < top.i]
        if subjects and self.doc[subjects[0].i + 1 : subjects[0].i + 3].text in RELATIVE_OPENERS:
            return subjects[0]
        if plural_before_role(top):
            return subjects[0] if subjects else None
        return top.head if top.dep_ == "appos" and top.head.i < top.i else None

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
        obj = source_of_document(objs[0])
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
        content_chars = trim(self.text, span.start_char, span.end_char) if len(span) else None
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
        # the appositive name first: "The EU's Humanitarian Aid Commissioner, Louis Michel,"
        # (the model may read words of the role before it as a name too)
        children = sorted(tok.children, key=lambda c: c.dep_ != "appos")
        # "the Lib Dem spokesman questioned": a name inside a role phrase the article opens
        # says whose the role is; the role's holder speaks
        owned = role_noun(tok) and any(c.dep_ == "det" for c in tok.children)
        for child in children:
            if owned and child.dep_ == "compound":
                continue
            if not group and child.dep_ in ("appos", "compound", "npadvmod"):
                cid = self.people.cluster_at(child)
                if cid is not None:
                    return cid, 0.9, self.people.mention_span(child)
        phrase = noun_phrase(tok)
        named = self._named_in_role(tok) or self._named_after_role(tok)
        if named is not None:
            return named[0], 0.9, named[1]
        cid = self.people.resolve_epithet(tok)
        if cid is not None:
            return cid, 0.8, phrase
        return NONPERSON, 0.0, phrase

    def _named_in_role(self, tok: Token) -> tuple[int, tuple[int, int]] | None:
        """'Head of Biology at the Kelvin Institute, Professor Alan Brodie, said': a role-noun
        subject whose phrase ends in an appositive name is that person."""
        # (a plural is a group: "The three scholars -- Mr. Tribe, Ms. Epstein and Mr. Amar --")
        role = tok.lower_ in ROLE_PREFIX_WORDS or is_role_head(tok.text) and tok.tag_ != "NNS"
        if not role or tok.pos_ not in ("NOUN", "PROPN"):
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

    def _named_after_role(self, tok: Token) -> tuple[int, tuple[int, int]] | None:
        """'Commission for Racial Equality chairman Trevor Phillips said', parsed with the
        body for the subject: a subject phrase that ends in a name right after a role word
        (or a possessive, or a role's subject phrase ending in a body's name or a field) is
        that person."""
        last = tok.right_edge
        if last.i == tok.i or last.pos_ != "PROPN":
            return None
        cid = self.people.cluster_at(last)
        if cid is None:
            return None
        for above in last.ancestors:
            if above.i == tok.i:
                break
            if above.pos_ in ("VERB", "AUX") and tok.lower_ not in DOCUMENT_NOUNS:
                # "A panel led by MSNBC's Chris Matthews agreed": the panel did (but "a court
                # document filed by state attorney Dave Aronberg" is his)
                return None
        serving = (role_word(tok.text) or "") in SERVING_ROLES
        if serving and any(c.dep_ == "prep" and c.lower_ in ("for", "to") for c in tok.children):
            return None  # "a spokesman for Labour chairman Ian Roe said": someone else speaks
        related = tok.lower_ in ASSOCIATE_NOUNS or tok.lower_ in KIN_NOUNS
        if related and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None  # "A close associate of former Yukos boss X has told a court"
        span = self.people.mention_span(last)
        first = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if first is None or first.start == 0:
            return None
        before = self.doc[first.start - 1]
        if is_role_head(before.text):
            return cid, span
        if last.i + 1 != tok.head.i:
            return None  # the name must end the subject right before its verb
        if is_possessive(before):
            return cid, span  # "War on Want's John Hilary said"
        # "Shadow leader of the Commons Oliver Heald said", "the minister for civil aviation
        # Praful Patel said": a role subject whose phrase ends in a body's name, or a field,
        # and the name after it (not "a spokesman for Michael Howard said")
        body = before.ent_type_ in ("ORG", "GPE", "NORP", "FAC") or (
            before.pos_ in ("PROPN", "NOUN")
            and before.dep_ == "compound"
            and before.lower_ not in ROLE_PREFIX_WORDS  # "a spokesman for Labour leader X"
        )
        if (tok.lower_ in ROLE_PREFIX_WORDS or is_role_head(tok.text)) and body:
            return cid, span
        return None

    def _content(self, verb: Token) -> tuple[int, int] | None:
        """The reported clause of a verb: 'said [that] the plan had failed', 'the plan had
        failed, he said', or the clause around a parenthetical 'But, he said, the plan ...'."""
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
            return None  # "a question about whether she thought ...": nothing was asserted
        if denied_report(verb):
            return None  # "did not disclose that ...", "failed to tell investors that ..."
        if asked_or_citing(verb):
            return None  # "when asked if he ...", "..., Frank cites a memo": no clause of his
        if any(judged(verb, c) for c in verb.children):
            return None  # "Mr. Romney found it difficult to ...": a judgement, not a finding
        if verb.lower_ in AS_PUT_VERBS:
            return self._around(verb)  # "The market, as X puts it, has lost its nerve"
        if opening_as_clause(verb):
            # "As Tory spokesman Oliver Letwin said, any chancellor would ...": the clause after
            hi = verb.right_edge.i + 1
            return self._clause(hi, verb.head.right_edge.i + 1)
        # (never a name the parser read as a clause: "said Jurgen den Hartog")
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.ent_type_ != "PERSON"]
        # "said [that] ..." before "..., he said"
        clauses.sort(key=lambda c: (c.i < verb.i, abs(c.i - verb.i)))
        for child in clauses:
            if asks(child) and verb.lower_ not in QUESTION_VERBS:
                continue  # "did not say whether he would run": nothing was asserted
            if child.i < verb.i and not self.in_quote[child.i] and reports_itself(child):
                continue  # 'Pence said ... but added, "...," Pence said.': a report of its own
            titled = self._clause_after_title(child, verb)
            if titled is not None:
                return titled
            start = object_read_as_subject(verb, child) or child.left_edge.i
            if child.i < verb.i and self.in_quote[child.i]:
                start = self._after_narration(child, start)
            end = child.right_edge.i + 1
            end = min(end, self._own_report(child))
            end = split_clause_end(child, end, clauses)
            if child.i < verb.i:
                end = min(end, verb.i)
                if end < len(self.doc) and self.doc[end].text in (":", ";"):
                    continue  # "X says that the show has critics: Y questioned ..." is X's
            return self._clause(start, end)
        misread = that_clause_on_a_noun(verb) if verb.lower_ in SAY_FORMS | TELL_FORMS else None
        if misread is not None:
            # "said during a news conference that he may wait": the parser hung the reported
            # clause on the noun before it, as a relative clause
            return self._clause(misread.left_edge.i, misread.right_edge.i + 1)
        if verb.lower_ in SAY_FORMS and verb.i > 0 and self.doc[verb.i - 1].text == ",":
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            sides = {c.i > verb.i for c in subjects}
            rest = self.doc[subjects[-1].right_edge.i + 1 : verb.sent.end] if subjects else ()
            # ... and the sentence ends with the name ("The tone, said Mr Milburn, would be
            # ..." goes on: a cue set inside the sentence)
            if sides == {True, False} and all(t.is_punct for t in rest):
                # "The promise ... appeals to whites ..., said Alan Abramowitz": the parser read
                # the reported clause's subject as the verb's, and its verb as a noun
                return self._clause(verb.sent.start, verb.i - 1)
        if verb.lower_ in SAY_FORMS:
            # the parser missed the clause: "Sturgeon said the public needed reassurance ..."
            right = [c for c in verb.rights if not c.is_punct]
            if (
                right
                and right[0].dep_ in ("dobj", "attr")
                and right[0].pos_ not in ("PRON", "PROPN")
                and self.people.cluster_at(right[0]) is None
            ) or (right and gerund_subject(verb, right[0])):
                return self._clause(verb.i + 1, verb.sent.end)
        if verb.lower_ in OBJECT_CUE_VERBS and any(c.dep_ == "dobj" for c in verb.children):
            charge = charge_of(verb)
            said = self._clause(charge.i + 1, words_end(verb)) if charge else None
            return said or self._clause(verb.i + 1, words_end(verb))
        particle = phrasal_particle(verb)
        if particle is not None and particle.dep_ in ("prep", "mark"):
            # "has called for a public inquiry", "called on ministers to act"
            return self._clause(particle.i + 1, words_end(verb))
        if verb.dep_ == "parataxis" and not self.in_quote[verb.head.i]:
            # "But, he said, the Mac mini changed that" / "The point is X, Hennessey said, and
            # ...": the whole clause around the parenthetical is what was said
            return self._around(verb)
        return None

    def _clause_after_title(self, child: Token, verb: Token) -> tuple[int, int] | None:
        """'said on NBC's ''Meet the Press'' on Sunday that Mr. Trump had shown ...': the parser
        read the quoted title as the reported clause; what was said is the that-clause on it."""
        if child.i < verb.i or not self.in_quote[child.i]:
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            return None  # 'claimed Labour had "developed" the notion that': a clause of its own
        for tok in child.subtree:
            if tok.dep_ in ("relcl", "acl") and not self.in_quote[tok.i] and that_clause(tok):
                return self._clause(tok.left_edge.i, tok.right_edge.i + 1)
        return None

    def _own_report(self, clause: Token) -> int:
        """Where a clause stops at a reporting verb joined to it ("it takes time ... but added,
        "..."": the parser hung "added" on the reported clause), else past its end."""
        for c in clause.children:
            # (not "he'd sit Putin down and tell him": one clause)
            own = c.dep_ == "conj" and c.lower_ in STRONG_SPEECH_VERBS and stands_alone(c)
            if own and not self.in_quote[c.i]:
                k = c.left_edge.i
                while k > clause.i and (self.doc[k - 1].dep_ == "cc" or self.doc[k - 1].is_punct):
                    k -= 1
                return k
        return clause.right_edge.i + 1

    def _around(self, verb: Token) -> tuple[int, int] | None:
        """The clause a parenthetical cue stands in, or its longer side when that clause is
        quoted: 'But, he said, the Mac mini changed that'."""
        head = verb.head
        if self.in_quote[head.i] or head.i == verb.i:
            return None
        if any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS for c in head.children):
            return None  # '"...," Cruz said, after Roe said ...': when, not what, he said
        start, end = head.left_edge.i, head.right_edge.i + 1
        whole = self._clause(start, end)
        if whole is not None and not self.quote_mask[whole[1] - 1]:
            return whole
        lo, hi = verb.left_edge.i, verb.right_edge.i + 1
        start, end = (hi, end) if end - hi >= lo - start else (start, lo)
        return self._clause(start, end)

    def _after_narration(self, clause: Token, start: int) -> int:
        """'When Trump used the words, "I'm not quite there yet," he was echoing Ryan': the
        narrator's clause about what a named person did or said, hung on the quoted one, is not
        said ('If the bill passes, "I think ...," he said' keeps the speaker's condition)."""
        for c in clause.lefts:
            if c.dep_ != "advcl" or self.in_quote[c.i] or c.right_edge.i < start:
                continue
            subjects = [s for s in c.children if s.dep_ == "nsubj"]
            if subjects and (reports(c) or self.people.cluster_at(subjects[0]) is not None):
                start = c.right_edge.i + 1
        return start

    def _clause(self, start: int, end: int) -> tuple[int, int] | None:
        while start < end and (self.doc[start].dep_ == "mark" or self.doc[start].is_punct):
            start += 1
        if start >= end or self.in_quote[start]:
            return None
        span = self.doc[start:end]
        return trim(self.text, span.start_char, span.end_char)
