"""Name parsing: honorifics, possessives, family-name-first order, and the not-a-person filter."""

from __future__ import annotations

import re
from dataclasses import dataclass

from directory.extract.patterns import COURTESY_HONORIFICS, HONORIFICS, NOT_PERSON_WORDS
from directory.text import fold

NAME_TOKEN_RE = re.compile(r"[^\W\d_][^\W\d_.'\u2019-]*(?:[.'\u2019-][^\W\d_]*)*\.?", re.UNICODE)
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "qc", "mp", "phd"}
# A continent ends a place's or a body's name ("Latin America", "Bank of America") but may open
# a person's ("Asia Argento").
CONTINENTS = frozenset({"america", "europe", "asia", "africa"})
# Lower-case words inside a name: "Nick van den Brul", "Ana de la Cruz", "Omar el Sayed".
NAME_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "da", "dos", "das", "bin", "ibn", "al", "el", "la", "le"}
    | {"del", "di", "du", "ter", "ten"}
)


@dataclass
class ParsedName:
    """A mention split into its honorific words and its name words (e.g. Dr. | Ren)."""

    honorifics: list[str]
    words: list[str]
    suffix: str | None = None

    @property
    def courtesy(self) -> str | None:
        """The last courtesy or academic honorific (Mr, Ms, Dr., Professor), as written."""
        for word in reversed(self.honorifics):
            if word.lower().rstrip(".") in COURTESY_HONORIFICS:
                return word
        return None


# Elected offices written as a form of address ("Sen. Patty Murray"), abbreviated, and with
# the words a state's name may go before ("OK Gov Fallin", "Ohio Governor X").
OFFICE_ADDRESSES = frozenset({"gov", "sen", "rep"})
OFFICES = OFFICE_ADDRESSES | {"governor", "senator"}


NICKNAME_RE = re.compile(r"(?:[\"\u201c\u2018]|'{1,2}|``)\w+(?:[\"\u201d\u2019]|'{1,2})")


def parse_name(text: str) -> ParsedName:
    """Split 'Lt. Gen. Mick Bednarek' into honorifics (Lt., Gen.) and words (Mick, Bednarek)."""
    text = re.sub(r"(?:'s|\u2019s|'|\u2019)$", "", text.strip())
    # 'George "Jay" Keyworth': a nickname in quotation marks is no part of the name
    words = [w for w in text.split() if not NICKNAME_RE.fullmatch(w)]
    honorifics = []
    if len(words) > 2 and words[1].lower().rstrip(".") in OFFICES and words[0][:1].isupper():
        words.pop(0)  # "OK Gov Fallin", "Ohio Gov. John Kasich": the office's state
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        honorifics.append(words.pop(0))
    # "the Reverend Adrian Rodgers"
    if (
        len(words) > 2
        and words[0].lower() == "the"
        and not honorifics
        and words[1].lower().rstrip(".") in HONORIFICS
    ):
        words.pop(0)
        while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
            honorifics.append(words.pop(0))
    # "chairman Norbert Ore.": the tokenizer keeps a state's abbreviation ("Ore.", "Miss.")
    # with the sentence's full stop, but no name ends in one
    last = words[-1] if len(words) > 1 else ""
    if re.fullmatch(r"[A-Z][a-z]{2,}\.", last) and last.lower()[:-1] not in SUFFIXES:
        words[-1] = last[:-1]
    suffix = None
    if len(words) > 1 and words[-1].lower().strip(".,") in SUFFIXES:
        suffix = words.pop().strip(",")
        words[-1] = words[-1].rstrip(",")
    return ParsedName(honorifics, words, suffix)


def knightly(honorifics: list[str]) -> bool:
    """Whether a name has Sir or Dame in front, which go with the given name ("Sir John"), not
    with the family name as Mr or Dr do."""
    return any(w.lower().rstrip(".") in ("sir", "dame") for w in honorifics)


def honorific_gender(honorifics: list[str]) -> str | None:
    """'m' or 'f' when an honorific says so (Mr, Ms, Mrs, Sir), else None."""
    for word in honorifics:
        gender = HONORIFICS.get(word.lower().rstrip("."))
        if gender:
            return gender
    return None


def is_person_name(text: str) -> bool:
    """False for organizations and fragments the model tags as PERSON
    (George Washington University, Human Security, 'Brexit')."""
    words = text.split()
    if not words or len(words) > 5:
        return False
    if len(words) == 1 and fold(words[0]).rstrip(".") in HONORIFICS:
        return False  # "Chancellor", "President": a title, not a name
    # organization words come first or last: "George Washington University", "Bank of X"
    first, last = fold(words[0]).strip(".,'"), fold(words[-1]).strip(".,'")
    if last in NOT_PERSON_WORDS or first in NOT_PERSON_WORDS - CONTINENTS:
        return False
    if any(not NAME_TOKEN_RE.fullmatch(w) for w in words):
        return False
    # every word of a name is capitalised, except particles (de, van, bin)
    for w in words:
        if not w[0].isupper() and fold(w) not in NAME_PARTICLES:
            return False
    return not text.isupper() or len(text) <= 3
