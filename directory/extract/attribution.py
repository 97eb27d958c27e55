"""Finding who said each quote: the cue governing or nearest it, colon and dash attributions,
quotes continued from an earlier attributed one, and the reported speech of each cue."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from directory.extract.cues import NONPERSON, Cue, CueFinder, inside_any
from directory.extract.mentions import Mention
from directory.extract.patterns import (
    AS_PUT_VERBS,
    FINITE_TAGS,
    HONORIFICS,
    ORG_NOUNS,
    PERSON_NOUNS,
    SPEECH_VERBS,
    STRONG_SPEECH_VERBS,
    VIEW_VERBS,
)
from directory.extract.quotes import QuoteSpan, is_short, names_a_work
from directory.extract.roles import is_nationality, role_word

# Words that bring in someone the text does not name: "a spokeswoman", "his agent".
INTRODUCING_WORDS = frozenset({"a", "an", "one", "another", "his", "her", "their"})
DASH_AFTER_RE = re.compile(r"[\s,.]*[\u2014\u2013-]+\s*")
SENTENCE_BREAK_RE = re.compile(r"([\w']*)([.!?])[\"'\u201d\u2019]?\s+[\"'\u201c\u2018]?[A-Z]")
TITLE_WORDS_RE = re.compile(r"(?:[A-Z][\w.]*\s+)*")


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


class Attributor(CueFinder):
    """Attribution for one doc, given its quotes and its people."""

    # -- direct quotes --------------------------------------------------------------------

    def attribute(self) -> list[Attributed]:
        """Attribute every quote span, then add reported speech; returns one list (items whose
        cluster is NONPERSON carry the organisation that said them)."""
        self.find_cues()
        self._leave_persons_reports()
        self.cue_starts = [c.start for c in self.cues]
        # the reported words of every cue with a speaker, sorted (see inside_any)
        self.report_spans = sorted(
            c.content for c in self.cues if c.content and c.speaker is not None
        )
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
        if cue is not None and not short and self._starts_sentence(q):
            # '"...," Trump said, after Quick said ...': the parser hung the quote on the
            # later verb; the tag right after the closing mark is the quote's
            cue = self._tag_after(q) or cue
        if cue is not None and cue.speaker == NONPERSON and not cue.organization and not short:
            # 'The report adds "...," said David Bloom': the words a source noun holds are
            # the person's whose tag follows the closing mark
            cue = self._tag_after(q) or cue
        if cue is not None and cue.speaker is not None:
            if short and cue.speaker == NONPERSON and not cue.organization:
                return None
            named = self._name_after_group(cue, q)
            if named is not None:
                return named
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
            # "... in the U.S.," Zucker said: an abbreviation's point, with a comma after it
            ends_sentence = (
                text[q.end - 1 : q.end] in (".", "!", "?")
                and "," not in text[q.end : q.outer_end + 1]
            )
            nxt = between.lstrip(" \u201d\"'\u2019,")[:1]
            if text[q.end - 1 : q.end] in ("?", "!") and _bare_tag(text, cue.end):
                return False  # '"Does anybody know?" Graham asked.': the mark stands for a comma
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

    def _name_after_group(self, cue: Cue, q: QuoteSpan) -> Found | None:
        """'Pollsters agree - Carl Bialik: "..."': a name right before the colon that opens
        the quote, after a cue whose speaker is an unnamed group, is the one quoted."""
        if cue.speaker != NONPERSON or cue.organization:
            return None
        before = self.text[max(0, q.start - 3) : q.start].rstrip("\u201c\"'` \u2018")
        if not before.endswith(":"):
            return None
        m = self._name_ending_at(self.text.rfind(":", 0, q.start))
        if m is None or m.start < cue.start:
            return None
        return Found(m.cluster, None, 0.8, (m.start, m.end))

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
            if cue.content is None and inside_any(cue.start, self.report_spans):
                # "A spokeswoman said Andi Peters would continue as producer": a verb that
                # reports nothing, inside the words someone else reports, is no one speaking
                ci -= 1
                continue
            if cue.speaker is not None and cue.speaker >= 0:
                if cue.start > last_pos:
                    last_pos, last_cid = cue.start, cue.speaker
                break
            if cue.start > last_pos and not self.quote_mask[cue.start] and self._unnamed(cue):
                # '"...," Weitz added. His agent told the Times that ... "Q."': someone no
                # person of the text (or a body) spoke last, so the quote is not Weitz's
                return None
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

    def _unnamed(self, cue: Cue) -> bool:
        """The cue's speaker is a body ("The studio said") or someone introduced without a
        name ("His agent told", "a spokeswoman said"); not a thing ("indicators are
        pointing"), a clause's own subject ("who they say they are", "urged the chancellor to
        admit"), a view ("who are expected to"), or "the British actor", which news writes
        for someone it has named."""
        verb = self.doc[cue.token]
        if verb.dep_ == "relcl" or verb.lower_ in VIEW_VERBS or verb.tag_ not in FINITE_TAGS:
            return False
        subject = self.doc[cue.subject] if cue.subject is not None else None
        if cue.organization:
            # (but "The South Carolina Republican admitted" is a person, read as a party)
            return subject is None or not is_nationality(subject.text)
        if subject is None:
            return False
        if subject.lower_ in ORG_NOUNS:
            return True
        if not (role_word(subject.lower_) or subject.lower_ in PERSON_NOUNS):
            return False
        det = [c.lower_ for c in subject.children if c.dep_ in ("det", "poss")]
        return bool(det) and det[0] in INTRODUCING_WORDS

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

    def _tag_after(self, q: QuoteSpan) -> Cue | None:
        """A person's cue right after the quote's closing mark and a comma ('"...," said X')."""
        for cue in self.cues_by_sentence.get(self.sentence_at(q.end), ()):
            if cue.start < q.outer_end or cue.speaker is None or cue.speaker < 0:
                continue
            if cue.word.endswith("ing"):
                continue  # not ", saying": a clause hung on the sentence's own subject
            between = self.text[q.outer_end : cue.start].strip(" ,")
            named = cue.source is not None and between == self.text[slice(*cue.source)]
            if not between or named:
                return cue  # '"...," said X' or '"...," X said'
        return None

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

    def _leave_persons_reports(self) -> None:
        """'His campaign manager, Jeff Weaver, says his streak is proof ..., according to the
        Associated Press': a body that reports what a person says is the conduit, not the
        speaker, so its 'according to' reports nothing and the person's clause is theirs."""
        persons = [
            c.start
            for c in self.cues
            if c.content is not None and c.speaker is not None and c.speaker >= 0
        ]
        for cue in self.cues:
            if cue.word == "according to" and cue.organization and cue.content:
                start, end = cue.content
                if any(start <= pos < end for pos in persons):
                    cue.content = None

    def _indirect(self, direct: list[Attributed]) -> list[Attributed]:
        """'X said that ...', 'according to X, ...': the reported clause of each cue whose
        speaker is a person, unless a direct quote already carries it."""
        out = []
        for cue in self.cues:
            if cue.speaker is None or cue.content is None:
                continue
            if cue.speaker < 0 and not cue.organization:
                continue
            if inside_any(cue.start, [s for s in self.report_spans if s != cue.content]):
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


def _has_sentence_break(text: str) -> bool:
    """A sentence ends inside text: '. The', but not 'Dr. Tan' or 'J. Smith'."""
    for m in SENTENCE_BREAK_RE.finditer(text):
        word = m.group(1)
        if m.group(2) == "." and (word.lower() in HONORIFICS or len(word) <= 1):
            continue
        return True
    return False


def _bare_tag(text: str, cue_end: int) -> bool:
    """Whether the cue's clause ends without introducing words of its own ('Graham asked.'),
    unlike 'Thomas said: "Q2"', whose cue belongs to the quote after it."""
    rest = re.split(r"[.!?\n]", text[cue_end : cue_end + 200], maxsplit=1)[0]
    return not any(mark in rest for mark in (":", '"', "\u201c", "\u2018"))
