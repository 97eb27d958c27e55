"""Speaker-labelled transcripts: paragraphs that open with 'NAME:' (interviews, hearings, press
conferences, cable panels) are direct quotes of the labelled speaker.

    SEN. JOHN DOE (R-Ohio): We will not ...     ->  John Doe, "Senator (R-Ohio)"
    Chris Matthews: Seriously, seriously ...     ->  Chris Matthews
    MATTHEWS: Well, speculation is bad.         ->  the same Matthews
    "Alex Seitz-Wald: She is right ..."          ->  a label inside the opening quote mark
    Q: Where were you?  /  A: At home.          ->  Q is the interviewer (nobody); A the person
                                                    the article says was interviewed
    JANE ROE, director of the Kelvin Institute   ->  a cast list before the first turn gives
                                                    Jane Roe's title
    Dr. Ben Carson: Hillary Clinton 'Not Fit ...' ->  a colon headline (first line) by a person;
                                                    no turn of a dialogue, and never continued

A label counts when the text holds a dialogue (two turns or more), or when the label names a
person the article knows. Paragraphs without a label that lie between two turns continue the
turn before them. What a turn says is masked from the rest of the extraction, so a cue inside
it ("Bernie says he will pay ...") is not read as the article's own attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from directory.extract.entities import name_runs
from directory.extract.names import fold
from directory.extract.patterns import (
    HONORIFIC_NOUNS,
    HONORIFICS,
    NOT_SPEAKER_LABELS,
    ROLE_PREFIX_WORDS,
)
from directory.extract.places import is_only_a_place
from directory.text import word_set

LABEL_RE = re.compile(
    r"""^(?P<lead>[ \t]*["\u201c']?[ \t]*)
    (?P<label>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,5})
    (?:[ \t]*\((?P<paren>[^()\n]{1,40})\))?
    [ \t]*:[ \t]+(?P<rest>\S)""",
    re.VERBOSE,
)
# What follows a label in a table of figures: a number and at most two words after it.
FIGURE_RE = re.compile(r"[$\u00a3\u20ac]?\d[\d,.]*%?(?:[ \t]+\S+){0,2}[ \t]*$")
# Words no speaker's label holds past its first word: a heading's ("Stat of the Week").
LABEL_FUNCTION_WORDS = word_set("of the and for in on at to a an with")
HEADLINE_WORDS = 25
HEADLINE_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019-]*")
INTERVIEWER_LABELS = frozenset({"q", "question", "interviewer"})
ANSWER_LABELS = frozenset({"a", "answer"})
# Honorifics written out in a title: "SEN. JOHN DOE (R-Ohio)" -> "Senator (R-Ohio)".
TITLE_WORDS = {
    word: HONORIFIC_NOUNS.get(word, word).title()
    for word in word_set(
        """sen senator rep representative gov governor prof professor president judge mayor
        secretary gen adm chairman chairwoman ambassador"""
    )
}
CAST_LINE_RE = re.compile(
    r"""^[ \t]*(?P<name>[^,\n(\u2013\u2014-]{3,60}?)
    [ \t]*[,(\u2013\u2014-][ \t]*
    (?P<title>[^\n]{3,160})$""",
    re.VERBOSE,
)


@dataclass
class Turn:
    """One labelled paragraph: who (as the label writes it) and the span of what they said."""

    label_start: int
    label_end: int
    colon: int
    start: int
    end: int
    words: list[str]  # the name, title-cased: "John Doe"
    honorifics: list[str] = field(default_factory=list)
    title: str | None = None
    role: str = "name"  # "name", "interviewer" (Q:) or "answer" (A:)
    headline: bool = False  # what follows the label is capitalised as a headline


def find_turns(text: str) -> list[Turn]:
    """The speaker turns of a text, in order (empty for ordinary news copy)."""
    if ":" not in text:
        return []
    candidates: list[tuple[int, Turn]] = []
    pos = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        turn = _turn(line, pos)
        if turn is not None:
            turn.end = pos + len(line.rstrip())
            candidates.append((index, turn))
        pos += len(line) + 1
    # A headline ("Jane Roe: I Am Not The Radical In This Race") heads the article or a list of
    # links: it is no turn of a dialogue, and only the first line's is read.
    candidates = [(i, t) for i, t in candidates if not t.headline or i == 0]
    if not candidates:
        return []
    roles = {t.role for _, t in candidates}
    dialogue = (
        len([t for _, t in candidates if t.role == "name" and not t.headline]) >= 2
        or {
            "interviewer",
            "answer",
        }
        <= roles
    )
    turns = [
        (index, t)
        for index, t in candidates
        if t.role != "name" or dialogue or index == 0 or t.honorifics
    ]
    if not dialogue:
        # a lone label is a speaker only when it heads the text (a colon headline) or carries an
        # honorific; the caller still checks the name is a person's
        turns = [(index, t) for index, t in turns if t.role == "name"]
    _read_cast_list(lines, [t for _, t in turns])
    _strip_closing_marks(text, [t for _, t in turns])
    return [t for _, t in turns]


def _turn(line: str, pos: int) -> Turn | None:
    m = LABEL_RE.match(line)
    if m is None:
        return None
    label = m.group("label")
    words = label.replace("\u2019", "'").split()
    key = fold(label).rstrip(".")
    label_start, label_end = pos + m.start("label"), pos + m.end("label")
    colon, start = pos + _colon(line, m), pos + m.start("rest")
    if key in INTERVIEWER_LABELS or key in ANSWER_LABELS:
        role = "interviewer" if key in INTERVIEWER_LABELS else "answer"
        return Turn(label_start, label_end, colon, start, 0, [], role=role)
    if fold(words[0]).rstrip(".") in NOT_SPEAKER_LABELS or len(words) > 6:
        return None
    if any(ch.isdigit() for ch in label):
        return None  # "10:30", "Section 2:"
    if any(fold(w) in LABEL_FUNCTION_WORDS or fold(w).endswith("'s") for w in words[1:]):
        return None  # "STAT OF THE WEEK:", "POLITICO New York's Culture Report:": a heading
    if FIGURE_RE.match(line, m.start("rest")):
        return None  # a tally, not a turn: "Clinton: 1,769.", "Labour: 35% (up 2)"
    honorifics = []
    while len(words) > 1 and fold(words[0]).rstrip(".") in HONORIFICS:
        honorifics.append(_courtesy_case(words.pop(0)))
    names = [_name_case(w) for w in words]
    if not honorifics and _only_a_place(names):
        return None  # "New Hampshire: Charlie Arlinghaus, ...": a list's heading, no speaker
    title = _label_title(honorifics, m.group("paren"))
    headline = headline_case(line[m.start("rest") :])
    return Turn(
        label_start, label_end, colon, start, 0, names, honorifics, title, headline=headline
    )


def _only_a_place(names: list[str]) -> bool:
    """A label of two or more words naming a place and nothing more ("New Hampshire:"); one
    word may be a person's name ("Jordan:") and is left to the check that the name is one."""
    return len(names) > 1 and is_only_a_place(" ".join(names))


def headline_case(text: str) -> bool:
    """Whether a line is capitalised as a headline ("I Am Not The Radical In This Race"), not as
    speech: a short line where nearly every word longer than three letters starts with a
    capital (speech full of names, "And that's why Donald Trump is on his way to the White
    House", still has lower-case words)."""
    words = HEADLINE_WORD_RE.findall(text)
    long = [w for w in words if len(w) > 3]
    if len(words) > HEADLINE_WORDS or len(long) < 3:
        return False
    return sum(w[0].isupper() for w in long) >= 0.9 * len(long)


def _colon(line: str, m: re.Match) -> int:
    return line.index(":", m.end("label"))


def _name_case(word: str) -> str:
    """'MATTHEWS' -> 'Matthews', "O'HARE" -> "O'Hare", 'SEITZ-WALD' -> 'Seitz-Wald'."""
    if not word.isupper() or len(word) <= 2:
        return word
    return re.sub(r"[A-Z]+", lambda p: p.group(0)[0] + p.group(0)[1:].lower(), word)


def _courtesy_case(word: str) -> str:
    """'SEN.' -> 'Sen.', 'DR' -> 'Dr'."""
    return word[0] + word[1:].lower() if word.isupper() else word


def _label_title(honorifics: list[str], paren: str | None) -> str | None:
    """'SEN.' and '(R-Ohio)' -> 'Senator (R-Ohio)'."""
    words = [
        TITLE_WORDS[fold(h).rstrip(".")] for h in honorifics if fold(h).rstrip(".") in TITLE_WORDS
    ]
    title = " ".join(words)
    if paren:
        title = f"{title} ({paren.strip()})" if title else paren.strip()
    return title or None


def _read_cast_list(lines: list[str], turns: list[Turn]) -> None:
    """Titles from a cast list above the first turn: 'JANE ROE, director, Kelvin Institute'."""
    if not turns:
        return
    surnames = {fold(t.words[-1]): t for t in turns if t.words and t.title is None}
    if not surnames:
        return
    first = turns[0].label_start
    pos = 0
    for line in lines:
        if pos >= first:
            break
        m = CAST_LINE_RE.match(line)
        if m and _cast_line(line, m.group("title")):
            name_words = [w for w in m.group("name").split() if fold(w) not in ROLE_PREFIX_WORDS]
            if 1 <= len(name_words) <= 6 and all(w[:1].isupper() for w in name_words):
                for turn in turns:
                    if turn.words and fold(turn.words[-1]) == fold(_name_case(name_words[-1])):
                        turn.title = turn.title or m.group("title").strip().rstrip(".")
                        if len(turn.words) < len(name_words):
                            parsed = [
                                w for w in name_words if fold(w).rstrip(".") not in HONORIFICS
                            ]
                            turn.words = [_name_case(w) for w in parsed] or turn.words
        pos += len(line) + 1


def _cast_line(line: str, title: str) -> bool:
    """A cast-list line is short and no sentence: 'JANE ROE, director, Kelvin Institute'."""
    text = line.strip()
    return (
        ":" not in text
        and len(text) <= 120
        and not text.endswith((".", "?", "!"))
        and len(title.split()) <= 12
    )


def _strip_closing_marks(text: str, turns: list[Turn]) -> None:
    """A turn inside quotation marks ends before its closing mark."""
    for turn in turns:
        while turn.end > turn.start and text[turn.end - 1] in "\"\u201d'":
            turn.end -= 1
        while turn.end > turn.start and text[turn.end - 1].isspace():
            turn.end -= 1


def continuations(text: str, turns: list[Turn]) -> list[tuple[int, int, Turn]]:
    """Unlabelled paragraphs lying between two turns: (start, end, the turn they continue)."""
    out = []
    for before, after in zip(turns, turns[1:], strict=False):
        if before.role == "interviewer" or before.headline:
            continue
        pos = text.find("\n", before.end)
        while 0 <= pos < after.label_start:
            start = pos + 1
            end = text.find("\n", start)
            end = after.label_start if end == -1 or end > after.label_start else end
            body = text[start:end]
            if body.strip():
                lead = len(body) - len(body.lstrip())
                out.append((start + lead, start + len(body.rstrip()), before))
            pos = text.find("\n", start) if end < after.label_start else -1
    return out


def accepted_turns(doc, turns: list[Turn]) -> list[Turn]:
    """The turns to read: every turn of a dialogue; a lone label only when the model tags its
    name a person ('Dr. Ben Carson: ...' heading an article), every word of it but its
    honorifics ('Carly Fiorina Endorses Ted Cruz: ...' is a headline, no label)."""
    names = [t for t in turns if t.role == "name"]
    if len(names) >= 2 or any(t.role != "name" for t in turns):
        return turns
    out = []
    for turn in names:
        span = doc.char_span(turn.label_start, turn.label_end, alignment_mode="expand")
        words = [t for t in span or () if t.is_alpha and fold(t.text) not in HONORIFICS]
        if not words or not all(tok.ent_type_ == "PERSON" for tok in words):
            continue
        if len(words) == 1 and re.search(rf"\b{re.escape(words[0].lower_)}\b", doc.text):
            continue  # "Poll: 3 races are tight" over "a Quinnipiac University poll": a word
        out.append(turn)
    return out


def turn_spans(text: str, turns: list[Turn]) -> list[tuple[int, int, Turn]]:
    """What each turn says, and the unlabelled paragraphs continuing it, in text order."""
    spans = [(t.start, t.end, t) for t in turns if t.end > t.start]
    spans.extend(continuations(text, turns))
    return sorted(spans, key=lambda s: s[0])


def attribute_turns(people, turns: list[Turn], spans: list[tuple[int, int, Turn]]):
    """Direct quotes for the turns' speakers, and the titles the labels give, by cluster id.
    Q: turns are the interviewer's and nobody's; A: turns go to the one person the article
    names before the first question, if it names exactly one."""
    from directory.extract.attribution import Attributed

    speaker: dict[int, int | None] = {}
    titles: dict[int, str] = {}
    answer = _interviewee(people, turns)
    for turn in turns:
        if turn.role == "interviewer":
            cid = None
        elif turn.role == "answer":
            cid = answer
        else:
            cid = people.add_label(turn.label_start, turn.label_end, turn.words, turn.honorifics)
        speaker[id(turn)] = cid
        if cid is not None and turn.title and cid not in titles:
            titles[cid] = turn.title
    out = []
    for start, end, turn in spans:
        cid = speaker.get(id(turn))
        if cid is None:
            continue
        label = (turn.label_start, turn.label_end) if turn.role == "name" else None
        out.append(
            Attributed(cid, "direct", start, end, None, 0.9, label, (turn.colon, turn.colon + 1))
        )
    return out, titles


def _interviewee(people, turns: list[Turn]) -> int | None:
    """The person an interview is with: the only one named before its first question (a name
    the model missed there counts: two or three capitalised words it gave no other label)."""
    questions = [t.label_start for t in turns if t.role == "interviewer"]
    if not questions or not any(t.role == "answer" for t in turns):
        return None
    first = min(questions)
    named = {m.cluster for m in people.names if m.kind == "name" and m.start < first}
    if named:
        return named.pop() if len(named) == 1 else None
    doc = people.doc
    runs = [
        (start, end)
        for start, end in name_runs(doc)
        if 2 <= end - start <= 3
        and doc[end - 1].idx < first
        and all(t.ent_type_ in ("", "PERSON") and t.text.isalpha() for t in doc[start:end])
    ]
    if len(runs) != 1:
        return None
    return people.add_name(*runs[0])
