"""Where the descriptor phrases after a name are, and where each one ends.

- an appositive: "Ren Xiao, a professor ... in Shanghai." (one phrase), "Kahn - a former
  historian, and a leading expert on X," (two);
- an organization alone: "Vladeck of the University of Texas";
- a bare role with no comma: "X mobile industry specialist for IDC";
- two descriptors joined by "and": "a professor at X and the director of its Y".

A phrase ends at a comma, a quotation mark, a dash or the sentence's end, unless the comma sits
inside a name ("University of California, San Diego", "Centre for Work, Family and Society") or
before a state ("Lawrenceville, N.J."). `directory.extract.descriptors` reads each phrase.
"""

from __future__ import annotations

import re

from directory.extract.employers import KIND_THEN_NAME_RE
from directory.extract.orgs import KIND_THEN_NAME, has_org_word
from directory.extract.roles import is_role_head, role_word
from directory.text import word_set

# Verbs that join a name to a role without making it a title of the mention ("Mrs. Clinton
# became secretary of state").
LINKING_VERBS = word_set(
    "became becomes become remains remained serves served named appointed elected called"
)
# Words that never sit inside a bare role ("Clinton or another government official").
FUNCTION_WORDS = word_set(
    """
    a an the another any some or and nor but of to in at for with by on as from than that this
    these those said says told is was are were be been his her their its our my your
    """
)

CONJ_DESCRIPTOR_RE = re.compile(
    r",?\s+and\s+(?:(?:also|currently|now|later)\s+)?(?:(?:a|an|the)\s+)?"
)
STATE_ABBREV_RE = re.compile(r"^[A-Z][a-z]{0,4}\.(?:\s?[A-Z]\.)?$")
QUOTE_CHARS = '"“”‘’`'


def appositive_spans(text: str, pos: int, limit: int) -> list[tuple[int, int, bool]]:
    """(start, end, org_only) spans of the descriptors that follow a name at `pos`.

    "Ren Xiao, a professor ... in Shanghai." gives one span; "Kahn - a former historian,
    and a leading expert on X," gives two; "Vladeck of the University of Texas" one span
    with org_only set.
    """
    rest = text[pos:limit]
    skip = re.match(r"(?:\s*\([^)]{1,40}\))?(?:,\s*\d{1,3},)?", rest)
    offset = pos + (skip.end() if skip else 0)
    rest = text[offset:limit]
    lead = re.match(r",\s+|\s+[-–—]+\s+", rest) or bare_role(rest)
    org_only = False
    if lead is None:
        lead = re.match(r"\s+(?=(?:of|from|at)\s+(?:the\s+)?[A-Z])", rest) or body_after(rest)
        org_only = True
        if lead is None:
            return []
    spans: list[tuple[int, int, bool]] = []
    start = offset + lead.end()
    while start < limit:
        end = descriptor_end(text, start, limit)
        spans.append((start, end, org_only))
        # "Misha Shah, 32, of Chicago, an account executive": after where the person is
        # from, a description set off by a comma is theirs too
        joiner = r",\s+(?:and\s+)?" if org_only else r",\s+and\s+"
        org_only = False
        follow = re.match(joiner + r"(?=(?:a|an|the)\s)", text[end:limit])
        if not follow:
            break
        start = end + follow.end()
    return spans


def body_after(rest: str) -> re.Match | None:
    """The gap before "of/from/at" and a body introduced by its kind, with no comma: "said
    Graham Cluley from anti-virus firm Sophos"."""
    return BODY_AFTER_RE.match(rest)


BODY_AFTER_RE = re.compile(rf"\s+(?=(?:of|from|at)\s+{KIND_THEN_NAME})")


def bare_role(rest: str) -> re.Match | None:
    """The gap before a role written after a name with no comma ("X mobile industry specialist
    for IDC"): up to three lowercase words ending in a role word."""
    words = re.match(r"\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\b", rest)
    if words is None:
        return None
    for word in words.group(1).split():
        if word in FUNCTION_WORDS or word in LINKING_VERBS or word.endswith(("ly", "ed")):
            return None  # "President Obama passionately rebuked critics": a verb phrase
        if is_role_head(word) and (role_word(word) == word or not word.endswith("s")):
            after = rest[words.end() :].lstrip()
            # "Bill Clinton pollster Douglas Schoen", "the Trump campaign manager, Corey
            # Lewandowski,": the role belongs to the next name.
            if after[:1].isupper() or re.match(r",\s+[A-Z]", after):
                return None
            return re.match(r"\s+", rest)
    return None


def descriptor_end(text: str, start: int, limit: int) -> int:
    """Where an appositive that starts at `start` ends: a comma, quote, dash or the sentence end.

    A comma followed by a place ("in Lawrenceville, N.J.") or by the rest of a university's
    name ("University of California, San Diego") does not end it.
    """
    i = start
    while i < limit:
        ch = text[i]
        opening = ch in QUOTE_CHARS and ch not in "’" or text.startswith("''", i)
        if opening and re.search(r"\b(?:co-)?author of\s*$", text[start:i]):
            # "author of ''America's Unwritten Constitution,''": the title is quoted.
            close = re.compile(r"''|[\"”]").search(text, i + (2 if text.startswith("''", i) else 1))
            if close and close.end() <= limit:
                return close.end()
        if ch in ";:" or ch in QUOTE_CHARS and ch not in "’":
            return i
        if ch in "-–—" and text[i - 1 : i] == " " and text[i + 1 : i + 2] == " ":
            return i - 1
        if ch == "'" and text[i + 1 : i + 2] == "'":
            return i
        if ch == "." and sentence_breaks(text, i):
            return i
        if ch == ",":
            nxt = re.match(r",\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?=[,.;\s]|$)", text[i:limit])
            if nxt and STATE_ABBREV_RE.match(nxt.group(1)) or nxt and continues_name(text, i):
                i += nxt.end()
                continue
            named = KIND_THEN_NAME_RE.match(text, start, limit)
            if named and text.find(",", named.end("kind")) == i:
                # "a spokeswoman for Nabisco's parent company, Mondelez International": the name
                # after the kind of body belongs to the descriptor (not the full stop)
                return named.end("name") - named.group("name").endswith(".")
            listed = comma_in_name(text, start, i, limit)
            if listed:
                i = listed  # "Centre for Work, Family and Society at Redbrook University"
                continue
            return i
        i += 1
    end = limit
    while end > start and text[end - 1] in " .\n":
        end -= 1
    return end


ABBREVIATIONS = word_set(
    """
    mr mrs ms dr st jr sr inc corp co ltd gen lt col capt sen rep gov prof dept univ no vs
    calif conn mass penn wash ariz colo fla ill mich minn tenn tex wis okla ore nev mont
    """
)


def sentence_breaks(text: str, dot: int) -> bool:
    """True when the full stop at `dot` ends a sentence ("at PC Pro. Apple's ..."), not an
    abbreviation ("N.J.", "Calif.", "Lt. Gen.")."""
    if not re.match(r"\s+[A-Z\"“‘']", text[dot + 1 : dot + 3]):
        return False
    word = re.search(r"([\w.]+)$", text[:dot])
    if word is None:
        return True
    word = word.group(1)
    return len(word) > 1 and "." not in word and word.lower() not in ABBREVIATIONS


# A body named for a list of things: "Centre for Work, Family and Society", "Department for
# Environment, Food and Rural Affairs".
LIST_NAME_HEAD_RE = re.compile(
    r"\b[A-Z][a-z]+\s+(?:for|of|on)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*$"
)
LIST_NAME_TAIL_RE = re.compile(
    r"(?:,\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})*,?\s+(?:and|&)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
)


# A firm named for its partners: "Smith, Barney & Co", "Fenwick, Hale & Stone", "Lowe, Marsh
# and Partners" (a surname after "at", "with", "of" or "for", then more and an ampersand).
FIRM_HEAD_RE = re.compile(r"\b(?:at|with|of|for)\s+[A-Z][\w'’-]*$")
FIRM_TAIL_RE = re.compile(
    r"(?:,\s+[A-Z][\w'’-]*){1,4},?\s+(?:&\s+[A-Z][\w'’-]*|and\s+(?:Co|Company|Partners|"
    r"Associates|Sons)\b)\.?"
)


def comma_in_name(text: str, start: int, comma: int, limit: int) -> int | None:
    """Where a name that runs on past a comma ends, or None: "Centre for Work, Family and
    Society" (a list of capitalised words closed by "and"), after an organisation word, or a
    firm named for its partners ("Smith, Barney & Co")."""
    if FIRM_HEAD_RE.search(text, max(start, comma - 40), comma):
        firm = FIRM_TAIL_RE.match(text, comma, limit)
        if firm:
            return firm.end()
    head = LIST_NAME_HEAD_RE.search(text, max(start, comma - 80), comma)
    if head is None or not has_org_word(head.group().split()[0]):
        return None
    tail = LIST_NAME_TAIL_RE.match(text, comma, limit)
    return tail.end() if tail else None


def continues_name(text: str, comma: int) -> bool:
    """True for "University of California, San Diego": a campus named after the comma."""
    before = text[max(0, comma - 60) : comma]
    after = re.match(
        r",\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*([,.;]|$|\s+(?!of|at)[a-z])", text[comma:]
    )
    return bool(re.search(r"University of [A-Z][\w-]*(?: [A-Z][\w-]*)?$", before)) and bool(after)


def conjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "a professor at X and the director of its Y" into its two descriptors.

    Only where both sides hold a role word, so "Center for Strategic and International
    Studies" and "journalist and dating expert" stay whole.
    """
    for match in CONJ_DESCRIPTOR_RE.finditer(text, start, end):
        left = text[start : match.start()]
        right = text[match.end() : end].split()[:5]
        # "the former governor and a presidential candidate": an article opens a second
        second = re.search(r"\band\s+an?\s", match.group())
        if (_holds_role(right) or second) and any(is_role_head(w) for w in left.split()):
            fresh = re.search(r"\band\s+(?:now|currently|later|also)\b", match.group())
            if not (fresh or second) and not re.search(r"\b(?:at|of|with|for|to)\s", left):
                continue  # "journalist and dating expert" is one title
            return [(start, match.start()), (match.end(), end)]
    return [(start, end)]


def _holds_role(words: list[str]) -> bool:
    """A role word among the first four words, not one that runs on into a capitalised name
    ("the Entertainment and Leisure Software Publishers Association")."""
    for word, nxt in zip(words[:4], [*words[1:], ""], strict=False):
        if is_role_head(word) and not (word[:1].isupper() and nxt[:1].isupper()):
            return True
    return False
