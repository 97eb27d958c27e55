"""Pure helpers that shape records for the templates: no Flask, no I/O."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from directory.resolve import org_key, slugify

POSITION_SECTIONS = (
    ("current", "Current positions"),
    ("held", "Positions held"),
    ("former", "Former positions"),
    ("visiting", "Visiting posts"),
)
# A timeline wider than this many months is drawn by year instead, so bars stay legible.
MAX_TIMELINE_MONTHS = 72


def parse_int(raw: str | None, default: int, low: int, high: int) -> int:
    """An integer query parameter clamped to [low, high]; junk gives the default."""
    try:
        value = int(str(raw).strip()) if raw is not None else default
    except ValueError:
        return default
    return max(low, min(high, value))


def group_positions(positions: Iterable[dict]) -> list[tuple[str, str, list[dict]]]:
    """Positions grouped into (kind, heading, items) sections, in the order a profile shows them."""
    items = list(positions)
    sections = []
    for kind, heading in POSITION_SECTIONS:
        chosen = [p for p in items if p.get("kind") == kind]
        if chosen:
            sections.append((kind, heading, chosen))
    return sections


def date_range(start: str | None, end: str | None) -> str:
    """A human date range for a position ('2019–2021', 'since 2019', 'until 2002'), or ''."""
    if start and end:
        return f"{start}–{end}"
    if start:
        return f"since {start}"
    if end:
        return f"until {end}"
    return ""


def organization_label(position: dict) -> str:
    """'Institute of International Studies (IIS), Fudan University' for a position."""
    label = position.get("organization") or ""
    if position.get("acronym") and position["acronym"] != label:
        label += f" ({position['acronym']})"
    if position.get("parent"):
        label += f", {position['parent']}"
    return label


def organization_slug(name: str | None) -> str:
    """The slug the store files an organization under ('' when it has none)."""
    return slugify(org_key(name), fallback="") if name else ""


@dataclass
class Bar:
    """One bar of the quote timeline."""

    label: str
    count: int
    x: float
    y: float
    height: float


@dataclass
class Timeline:
    """Quote counts per month (or year) laid out for an inline SVG."""

    bars: list[Bar] = field(default_factory=list)
    width: int = 0
    height: int = 120
    bar_width: float = 0.0
    max_count: int = 0
    undated: int = 0
    unit: str = "month"
    first: str = ""
    last: str = ""

    @property
    def summary(self) -> str:
        """A sentence describing the chart for screen readers."""
        dated = sum(b.count for b in self.bars)
        if not self.bars:
            return f"No dated quotes ({self.undated} undated)."
        text = f"{dated} dated quotes per {self.unit} from {self.first} to {self.last}"
        text += f", at most {self.max_count} in one {self.unit}."
        if self.undated:
            text += f" {self.undated} undated."
        return text


def _month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def _month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _valid_month(published: Any) -> str | None:
    """'YYYY-MM' from an ISO date string, or None."""
    if not isinstance(published, str) or len(published) < 7:
        return None
    month = published[:7]
    year, _, mon = month.partition("-")
    if year.isdigit() and mon.isdigit() and 1 <= int(mon) <= 12:
        return month
    return None


def quote_timeline(quotes: Sequence[dict], width: int = 640, height: int = 120) -> Timeline:
    """Count quotes per month of their article's date and lay the bars out for an SVG."""
    months: Counter[str] = Counter()
    undated = 0
    for quote in quotes:
        month = _valid_month((quote.get("article") or {}).get("published"))
        if month:
            months[month] += 1
        else:
            undated += 1
    timeline = Timeline(width=width, height=height, undated=undated)
    if not months:
        return timeline
    first, last = _month_index(min(months)), _month_index(max(months))
    if last - first + 1 > MAX_TIMELINE_MONTHS:
        timeline.unit = "year"
        counts = Counter()
        for month, count in months.items():
            counts[month[:4]] += count
        labels = [str(y) for y in range(int(min(counts)), int(max(counts)) + 1)]
    else:
        counts = months
        labels = [_month_label(i) for i in range(first, last + 1)]
    timeline.first, timeline.last = labels[0], labels[-1]
    timeline.max_count = max(counts.values())
    slot = width / len(labels)
    timeline.bar_width = max(1.0, slot * 0.8)
    chart = height - 20  # room for the axis labels under the bars
    for i, label in enumerate(labels):
        count = counts.get(label, 0)
        bar_height = math.ceil(chart * count / timeline.max_count) if count else 0
        timeline.bars.append(
            Bar(label, count, round(i * slot + slot * 0.1, 2), chart - bar_height, bar_height)
        )
    return timeline


@dataclass
class Span:
    """A marked span of article text: a quote (with its speaker) or an evidence sentence."""

    start: int
    end: int
    kind: str  # "quote" or "sentence"
    info: dict = field(default_factory=dict)


def _clip(spans: Iterable[Span], start: int, end: int) -> list[Span]:
    """Non-overlapping spans clipped to [start, end), earliest first; overlaps are cut."""
    chosen: list[Span] = []
    cursor = start
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        s, e = max(span.start, cursor, start), min(span.end, end)
        if s < e:
            chosen.append(Span(s, e, span.kind, span.info))
            cursor = e
    return chosen


def _pieces(start: int, end: int, spans: list[Span]) -> list[tuple[int, int, Span | None]]:
    """[start, end) cut into plain and spanned pieces."""
    pieces, cursor = [], start
    for span in spans:
        if span.start > cursor:
            pieces.append((cursor, span.start, None))
        pieces.append((span.start, span.end, span))
        cursor = span.end
    if cursor < end:
        pieces.append((cursor, end, None))
    return pieces


def _same_line(a: str | None, b: str | None) -> bool:
    """Whether two lines read the same, ignoring case, spacing and closing punctuation."""

    def norm(text: str | None) -> str:
        return " ".join((text or "").split()).rstrip(" .:").casefold()

    return bool(norm(a)) and norm(a) == norm(b)


def mark_article(
    text: str, quotes: Sequence[dict], sentences: Sequence[dict], title: str | None = None
) -> list[list[dict]]:
    """Article text as paragraphs of pieces: sentences hold quote marks; anchors are `at-<start>`.

    Each paragraph is a list of {"id", "sentence", "parts"}; each part is {"text", "id", "quote"}.
    Quotes are dicts with "start", "end" and whatever the template shows (speaker, slug, kind).
    Offsets outside the text are ignored, so a stale record never breaks the page. A first
    paragraph that repeats the `title` is left out: the page shows the headline already.
    """
    size = len(text)
    quote_spans = [
        Span(q["start"], q["end"], "quote", q)
        for q in quotes
        if isinstance(q.get("start"), int)
        and isinstance(q.get("end"), int)
        and 0 <= q["start"] < q["end"] <= size
    ]
    sentence_spans = [
        Span(s["start"], s["end"], "sentence", s)
        for s in sentences
        if isinstance(s.get("start"), int)
        and isinstance(s.get("end"), int)
        and 0 <= s["start"] < s["end"] <= size
    ]
    # Every quote and sentence start gets an anchor, even when an overlapping span won the mark.
    anchors = sorted({span.start for span in quote_spans + sentence_spans})
    used: set[str] = set()

    def anchor(offset: int) -> str | None:
        name = f"at-{offset}"
        if name in used or offset not in anchor_set:
            return None
        used.add(name)
        return name

    def cuts(start: int, end: int) -> list[int]:
        return [start, *(a for a in anchors if start < a < end), end]

    anchor_set = set(anchors)
    paragraphs = []
    cursor = 0
    headline = title
    for line in text.split("\n"):
        p_start, p_end = cursor, cursor + len(line)
        cursor = p_end + 1
        if not line.strip():
            continue
        if headline is not None:
            repeated, headline = _same_line(line, headline), None
            if repeated:
                continue
        paragraph = []
        sentences_here = _clip(sentence_spans, p_start, p_end)
        for s_start, s_end, sentence in _pieces(p_start, p_end, sentences_here):
            piece = {"id": anchor(s_start) if sentence else None, "sentence": bool(sentence)}
            parts = []
            quotes_here = _clip(quote_spans, s_start, s_end)
            for q_start, q_end, quote in _pieces(s_start, s_end, quotes_here):
                bounds = cuts(q_start, q_end)
                for a, b in zip(bounds, bounds[1:], strict=False):
                    parts.append(
                        {
                            "text": text[a:b],
                            "id": anchor(a),
                            "quote": quote.info if quote else None,
                            "last": bool(quote) and b == quote.info["end"],
                        }
                    )
            paragraph.append({**piece, "parts": parts})
        paragraphs.append(paragraph)
    return paragraphs


def page_numbers(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Page links to show: first, last and a window around the current page; None is a gap."""
    shown = {1, pages, *range(max(1, page - around), min(pages, page + around) + 1)}
    numbers: list[int | None] = []
    previous = 0
    for number in sorted(n for n in shown if 1 <= n <= pages):
        if number - previous > 1:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


def group_quotes(quotes: Iterable[dict]) -> list[dict]:
    """Quotes grouped by article, newest article first, quotes in text order within each."""
    groups: dict[Any, dict] = {}
    for quote in quotes:
        article = quote.get("article") or {}
        group = groups.setdefault(article.get("id"), {"article": article, "quotes": []})
        group["quotes"].append(quote)
    for group in groups.values():
        group["quotes"].sort(key=lambda q: q.get("start") or 0)
    # Undated articles go last; among equals, the order the store gave (ingestion order).
    ordered = sorted(
        groups.values(), key=lambda g: g["article"].get("published") or "", reverse=True
    )
    return ordered


# Longest stretch of article text shown as a quote's speaker or cue ("said Dr Ren").
ATTRIBUTION_CHARS = 80


def _span(text: str, quote: dict, start_key: str, end_key: str) -> tuple[int, str] | None:
    """(start, words) of one offset pair of a quote, or None when absent or out of range."""
    start, end = quote.get(start_key), quote.get(end_key)
    if not (isinstance(start, int) and isinstance(end, int)):
        return None
    if not 0 <= start < end <= len(text) or end - start > ATTRIBUTION_CHARS:
        return None
    words = " ".join(text[start:end].split())
    return (start, words) if words else None


def attribution(text: str, quote: dict) -> str | None:
    """The words of the article that attribute a quote, in their order there ("said Dr Ren",
    "Dr Ren told the BBC"), from its cue and source offsets; None without a speaker span."""
    source = _span(text, quote, "source_start", "source_end")
    if source is None:
        return None
    cue = _span(text, quote, "cue_start", "cue_end")
    parts = sorted(p for p in (source, cue) if p is not None)
    return " ".join(words for _, words in parts)


def with_attributions(groups: list[dict], texts: dict[Any, str]) -> list[dict]:
    """Ledger groups whose quotes carry `attribution` where their article's text is known."""
    out = []
    for group in groups:
        text = texts.get(group["article"].get("id"))
        if text is None:
            out.append(group)
            continue
        quotes = [{**q, "attribution": attribution(text, q)} for q in group["quotes"]]
        out.append({**group, "quotes": quotes})
    return out
