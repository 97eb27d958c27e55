"""Finding the spans between quotation marks: curly, straight, NYT '' and `` marks, quotes running
over several paragraphs, nested single quotes, and unbalanced marks (which never raise)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from directory.extract.patterns import WORK_NOUNS

# One regex finds every candidate mark; `''` and `` are matched before the single-char marks.
MARK_RE = re.compile(r"''|``|[\u201c\u201d\u201e\u00ab\u00bb\"\u2018\u2019']")
DOUBLE_OPENERS = {"\u201c", "\u201e", "\u00ab", "``"}
DOUBLE_CLOSERS = {"\u201d", "\u00bb"}
AMBIGUOUS_DOUBLE = {'"', "''"}
SINGLE_OPEN = {"\u2018", "'"}
SINGLE_CLOSE = {"\u2019", "'"}
# Characters after which a mark opens a quote rather than closing one.
SENTENCE_END_RE = re.compile(r"[.?!\u2026][\"'\u201d\u2019]*$")
# Words a title in Title Case writes in lower case ("Coral Decline in Warm Seas").
TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
    ]
)
OPEN_CONTEXT = set(" \t\u00a0([{\u2014\u2013-:;/,")


@dataclass
class QuoteSpan:
    """The text between one pair of marks: `start`/`end` exclude the marks themselves."""

    start: int
    end: int
    paragraph: int
    closed: bool = True
    # index of the segment this one continues (a quote reopened in the next paragraph)
    continues: int | None = None
    # True when the next segment continues this one
    continued: bool = False
    single: bool = False
    # offsets including the marks (and the comma before a closing mark)
    outer_start: int = 0
    outer_end: int = 0


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line: a paragraph in every format we ingest."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def _opens(para: str, i: int, mark: str) -> bool:
    """Whether the mark at para[i] can open a quote: at line start or after a space or bracket,
    and followed by a non-space (so `5" screen` or a closing mark never opens)."""
    before = para[i - 1] if i > 0 else " "
    after = para[i + len(mark)] if i + len(mark) < len(para) else " "
    if after.isspace():
        return False
    if mark in DOUBLE_OPENERS or mark == "\u2018":
        return True
    return before in OPEN_CONTEXT or before in "\u201c\u201d\"'"


def _reopens(para: str, i: int, mark: str) -> bool:
    """A straight double mark inside a quote that can only open: space before, word after."""
    before = para[i - 1] if i > 0 else " "
    after = para[i + len(mark)] if i + len(mark) < len(para) else " "
    return before.isspace() and (after.isalnum() or after in "\u2018'(")


def _closing_position(para: str, i: int, mark: str) -> bool:
    """An opening mark typed where a quote ends: '...problems for her here,“ said X' (a word
    or punctuation before it, a space or the line's end after it) closes the open quote."""
    before = para[i - 1] if i > 0 else " "
    after = para[i + len(mark)] if i + len(mark) < len(para) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:")


def _closes_single(para: str, i: int) -> bool:
    """A single mark closes a quote when a word ends before it and no letter follows it
    (so the apostrophes in "don't" and "Putin's" never close)."""
    before = para[i - 1] if i > 0 else " "
    after = para[i + 1] if i + 1 < len(para) else " "
    return not before.isspace() and not after.isalnum()


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_paragraph(text: str, pstart: int, pend: int, pindex: int) -> tuple[list[QuoteSpan], bool]:
    """Quotes in one paragraph; the flag says a double quote was still open at its end."""
    para = text[pstart:pend]
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_single = False
    for m in MARK_RE.finditer(para):
        mark, i = m.group(), m.start()
        if open_at is None:
            if mark in DOUBLE_OPENERS or mark in AMBIGUOUS_DOUBLE:
                if _opens(para, i, mark):
                    open_at, open_single = m.end(), False
            elif mark in SINGLE_OPEN and _opens(para, i, mark) and _has_single_close(para, m.end()):
                open_at, open_single = m.end(), True
            continue
        if open_single:
            if mark in SINGLE_CLOSE and i > open_at and _closes_single(para, i):
                spans.append(
                    _span(
                        text,
                        pstart + open_at,
                        pstart + i,
                        pindex,
                        single=True,
                        mark_end=pstart + m.end(),
                    )
                )
                open_at = None
            continue
        # inside a double quote: nested single marks are content
        if mark in AMBIGUOUS_DOUBLE and i > open_at and _reopens(para, i, mark):
            # '"A. "B' : a straight mark after a space and before a word opens a new quote
            spans.append(_span(text, pstart + open_at, pstart + i, pindex, closed=False))
            open_at = m.end()
        elif (
            mark in DOUBLE_CLOSERS
            or (mark in AMBIGUOUS_DOUBLE and i > open_at)
            or (mark in DOUBLE_OPENERS and i > open_at and _closing_position(para, i, mark))
        ):
            spans.append(
                _span(text, pstart + open_at, pstart + i, pindex, mark_end=pstart + m.end())
            )
            open_at = None
        elif mark in DOUBLE_OPENERS and i > open_at:
            # an opener before any closer: the previous quote was never closed
            spans.append(_span(text, pstart + open_at, pstart + i, pindex, closed=False))
            open_at = m.end()
    if open_at is not None and not open_single:
        spans.append(_span(text, pstart + open_at, pend, pindex, closed=False))
        return spans, True
    return spans, False


def _has_single_close(para: str, start: int) -> bool:
    return any(_closes_single(para, start + m.start()) for m in re.finditer("[’']", para[start:]))


def _span(text, start, end, pindex, *, closed=True, single=False, mark_end=None) -> QuoteSpan:
    outer_start, outer_end = start - 1, end if mark_end is None else mark_end
    while outer_start > 0 and text[outer_start - 1] in "`'":
        outer_start -= 1  # the first half of `` or ''
    start, end = _strip(text, start, end)
    # a comma before the closing mark belongs to the sentence around the quote
    while end > start and text[end - 1] in ",;":
        end -= 1
    return QuoteSpan(
        start,
        end,
        pindex,
        closed=closed,
        single=single,
        outer_start=max(0, outer_start),
        outer_end=max(outer_end, end),
    )


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quoted span in text, in order; a quote left open at a paragraph's end continues
    when the next paragraph opens with a mark, and is otherwise kept as unclosed."""
    quotes: list[QuoteSpan] = []
    paragraphs = paragraph_spans(text)
    carried: int | None = None
    for pindex, (pstart, pend) in enumerate(paragraphs):
        spans, left_open = _scan_paragraph(text, pstart, pend, pindex)
        spans = [s for s in spans if _has_word(text, s)]
        if carried is not None and spans and _starts_with_mark(text, pstart, spans[0].start):
            quotes[carried].continued = True
            quotes[carried].closed = True
            spans[0].continues = carried
        carried = None
        quotes.extend(spans)
        if left_open and spans:
            carried = len(quotes) - 1
    return quotes


def _has_word(text: str, span: QuoteSpan) -> bool:
    return any(c.isalnum() for c in text[span.start : span.end])


def _starts_with_mark(text: str, pstart: int, qstart: int) -> bool:
    return not text[pstart:qstart].strip(" \t\u00a0\u201c\u201e\"'`\u2018\u00ab")


def is_short(text: str, q: QuoteSpan) -> bool:
    """Scare quotes and fragments: a few words without sentence punctuation ('woke')."""
    body = text[q.start : q.end]
    return len(body.split()) <= 4 and not SENTENCE_END_RE.search(body.rstrip(", "))


# Words a programme's name follows: 'on "Meet the Press"', 'told "Fox and Friends"'.
PROGRAMME_LEADS = frozenset({"on", "of", "with", "to", "told"})


def names_a_work(text: str, q: QuoteSpan) -> bool:
    """The marks hold the title of a work, not words someone said: a span after 'titled', a
    capitalised span after a work noun ('her book "The Long Slump"'), a programme's name
    ('told NBC's "Today"'), or a short span in Title Case ('"Coral Decline In Warm Seas"');
    none ends a sentence."""
    raw = text[max(0, q.outer_start - 30) : q.outer_start].split()
    before = [w.lower() for w in raw]
    previous = before[-1].strip(",:") if before else ""
    inner = text[q.start : q.end].rstrip()
    # 'said on NBC's "Meet the Press."', 'told CNN's "New Day"': a broadcaster's programme
    owner = len(raw) > 1 and re.fullmatch(r"[A-Z][\w.&-]*(?:['’]s|s['’])", raw[-1])
    programme = previous in PROGRAMME_LEADS or bool(owner) and before[-2] in PROGRAMME_LEADS
    if (programme or previous in WORK_NOUNS) and inner.endswith("."):
        inner = inner[:-1]  # 'on the podcast "Here's the Thing."': the full stop is the sentence's
    body = inner.strip(" ,.")
    words = body.split()
    if not words or SENTENCE_END_RE.search(inner) or len(words) > 12:
        return False
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
    # Title Case leaves only the small words low: "It's not new in Virginia" is a sentence
    lowered = [w for w in words if not w[0].isupper() and w.lower() not in TITLE_SMALL_WORDS]
    if programme and words[0][0].isupper() and not lowered and len(words) <= 6:
        return True  # 'told the hosts of "Morning Joe"', 'said on "Meet the Press"'
    return (
        2 <= len(words) <= 8
        and len(long_words) >= 2
        and all(w[0].isupper() for w in long_words)
        and not lowered
    )


def title_case_headline_end(text: str) -> int:
    """The end of the first line when it is a Title Case headline ('Bellwether County Says
    Trump Should Win GOP Nomination.'), else 0."""
    end = text.find("\n")
    end = len(text) if end == -1 else end
    return end if _title_case(text[:end]) else 0


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines after the first written in Title Case: the headlines of other
    stories ("Marco Rubio Responds To Question By Saying We Need Fewer Philosophers."), which
    report nothing in this one."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        # every longer word capitalised: "From Ann Lee writing at The Post:" is no headline
        if line.start() > 0 and _title_case(line.group(), share=1.0, least=4):
            spans.append(line.span())
    return spans


def _title_case(line: str, share: float = 0.8, least: int = 3) -> bool:
    """Whether `share` of the line's words of four letters or more, at least `least` of them,
    open with a capital."""
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= least and sum(w[0].isupper() for w in words) >= share * len(words)
