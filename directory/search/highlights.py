"""Highlighted snippets: the passages holding the most query words, HTML-escaped, words in <mark>.

A small highlighter of our own rather than Whoosh's: it stems each distinct word once (cached)
instead of running the whole analyzer chain per token, which made highlighting the slowest part
of a search.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from whoosh.support.charset import accent_map

from .schema import PASSAGE_SEPARATOR, TEXT_ANALYZER

WORD = re.compile(r"\w+", re.UNICODE)
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
SNIPPET_CHARS = 240
LEAD_CHARS = 60


# Words of stored texts only (a query's words never come here), so the index's vocabulary bounds
# it; at most this many, each a short string.
@lru_cache(maxsize=100_000)
def stem_of(word: str) -> str | None:
    """A word as the prose fields index it (None for a stop word)."""
    tokens = [t.text for t in TEXT_ANALYZER(word)]
    return tokens[0] if tokens else None


def _matches(passage: str, stems: frozenset[str]) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(passage) if stem_of(m.group()) in stems]


def _window(passage: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """A stretch of at most SNIPPET_CHARS around the first match, cut at spaces."""
    if len(passage) <= SNIPPET_CHARS:
        return 0, len(passage)
    start = max(0, spans[0][0] - LEAD_CHARS)
    if start:
        space = passage.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(passage), start + SNIPPET_CHARS)
    if end < len(passage):
        space = passage.rfind(" ", start, end)
        end = space if space > spans[0][1] else end
    return start, end


def _render(passage: str, spans: list[tuple[int, int]]) -> str:
    start, end = _window(passage, spans)
    out, at = [], start
    for left, right in spans:
        if left < start or right > end:
            continue
        out += [
            html.escape(passage[at:left]),
            "<mark>",
            html.escape(passage[left:right]),
            "</mark>",
        ]
        at = right
    out.append(html.escape(passage[at:end]))
    return ("…" if start else "") + "".join(out) + ("…" if end < len(passage) else "")


def folded(text: str) -> str:
    """Accents folded as the prose analyzers fold them ("Zürich" -> "Zurich"). Only the
    non-ASCII stretches are translated: translating a whole quote costs more than searching it."""
    if text.isascii():
        return text
    return NON_ASCII.sub(lambda run: run.group().translate(accent_map), text)


@lru_cache(maxsize=256)
def _probe(stems: frozenset[str]) -> re.Pattern | None:
    """A pattern for the words of a lower-cased, folded passage that may have one of these
    stems: those starting with a stem's first letters (stemming only changes a word's end)."""
    heads = sorted({stem[: max(3, len(stem) - 1)] for stem in stems if len(stem) >= 2})
    if not heads:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, heads)) + r")\w*")


def snippet(text: str, stems: frozenset[str], passages: int = 2) -> str:
    """The best passages of `text` for these stems as safe HTML, or "" when none matches."""
    probe = _probe(stems)
    if probe is None:
        return ""
    scored = []
    for position, passage in enumerate(text.split(PASSAGE_SEPARATOR)):
        lowered = folded(passage.lower())
        # Ranking needs only which stems a passage holds: only the words the probe finds are
        # stemmed (where they stand is worked out for the chosen passages alone).
        distinct = len({stem_of(word) for word in probe.findall(lowered)} & stems)
        if distinct:
            scored.append((-distinct, position, passage))
    chosen = sorted(sorted(scored)[:passages], key=lambda item: item[1])
    return html.escape(PASSAGE_SEPARATOR).join(_render(p, _matches(p, stems)) for _, _, p in chosen)
