"""Identity across articles: name keys, evidence, and the rule that joins a person to a profile.

Resolution inside one article is the extractor's job (one Person per real person per article); this
module decides whether a Person from a new article is someone already in the directory. It is pure:
the store hands it the candidates (profiles sharing a family name) and writes what it decides.

The rules, strongest first:
- exact full name (given + family, after folding honorifics, case and diacritics) and shared
  evidence (a common organization, field or research area) joins the profile;
- exact full name where the two sides give nothing comparable (a bare "Donald Trump said", or
  an organization on one side and only a field on the other) joins the
  profile of that name; when several exist it joins the most quoted one, since starting yet another
  profile for every bare mention would split one person into dozens;
- exact full name with evidence of the same kind on both sides (organizations, or field words)
  and none shared stays apart (and is listed by `store.list_possible_duplicates`);
- a compatible but not identical name (an initial, a nickname, a bare surname, family name first)
  joins only with shared evidence;
- different given names (Larry Sabato, Richard Sabato) never join.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from directory.models import Person
from directory.text import NAME_KEY_HONORIFICS, NICKNAMES, ascii_fold, tokens


def _wordset(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())


SUFFIXES = _wordset("jr sr ii iii iv phd md qc obe mbe cbe")

# Words of a title or role that say nothing about the field (rank, seniority, filler).
GENERIC_FIELD_WORDS = _wordset(
    """a an the of at in on for and or to with from by as former current
    professor prof associate assistant adjunct emeritus senior junior chief deputy head director
    fellow lecturer reader visiting president vice executive managing general principal leading
    lead top research researcher researchers co founder chair chairman chairwoman member staff
    new old who what studies study works work specialist expert analyst analysts
    university college institute school centre center department"""
)

# Words of an organization name too common to identify it on their own.
GENERIC_ORG_WORDS = _wordset(
    """the of and for at in on a an university college institute institution centre center school
    department dept faculty foundation group company co corp corporation inc ltd plc llc
    national international american british global new society association council"""
)

ORG_FUNCTION_WORDS = _wordset("the of and for at in on a an")

MIN_STEM = 5


@dataclass(frozen=True)
class NameKey:
    """A person's name folded for comparison: given and family names, middle names and suffix."""

    given: str | None
    family: str
    middle: tuple[str, ...] = ()
    suffix: str | None = None

    @property
    def full(self) -> str:
        """Given and family name, the key two mentions of one person share."""
        return f"{self.given} {self.family}" if self.given else self.family

    @property
    def sorted_tokens(self) -> str:
        """The name's tokens in sorted order, so family-name-first forms meet."""
        return " ".join(sorted(self.full.split()))


@dataclass
class Signals:
    """The evidence one article gives about a person: organizations and field words."""

    orgs: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)
    titled: bool = False  # a title or role is given, even one of only generic words

    @property
    def empty(self) -> bool:
        """True when the article says nothing about who the person is."""
        return not (self.orgs or self.acronyms or self.fields or self.titled)

    def to_dict(self) -> dict[str, list[str] | bool]:
        """JSON-ready form, stored with each appearance."""
        return {
            "orgs": sorted(self.orgs),
            "acronyms": sorted(self.acronyms),
            "fields": sorted(self.fields),
            "titled": self.titled,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Iterable[str]] | None) -> Signals:
        """Rebuild from `to_dict` output."""
        data = data or {}
        return cls(
            orgs=set(data.get("orgs") or ()),
            acronyms=set(data.get("acronyms") or ()),
            fields=set(data.get("fields") or ()),
            titled=bool(data.get("titled")),
        )

    def update(self, other: Signals) -> None:
        """Add another article's evidence to this one (a profile's evidence is the union)."""
        self.orgs |= other.orgs
        self.acronyms |= other.acronyms
        self.fields |= other.fields
        self.titled = self.titled or other.titled


@dataclass
class Candidate:
    """An existing profile the store offers for a person: its names and pooled evidence."""

    profile_id: int
    names: list[NameKey] = field(default_factory=list)
    signals: Signals = field(default_factory=Signals)
    weight: int = 0


@dataclass(frozen=True)
class Match:
    """A decision for one person: the profile it joins (None: a new profile) and why."""

    profile_id: int | None
    score: int
    reason: str


def slugify(text: str | None, fallback: str = "person") -> str:
    """URL slug of a name: 'Ren Xiao' -> 'ren-xiao'."""
    slug = "-".join(tokens(text))[:80].strip("-")
    return slug or fallback


def name_slug(name: str | None) -> str:
    """The slug of a person's name without honorifics: 'Dr. Ren Xiao' -> 'ren-xiao'."""
    words, _ = _strip_name_tokens(tokens(name))
    return slugify(" ".join(words))


def _strip_name_tokens(words: list[str]) -> tuple[list[str], str | None]:
    """Drop honorifics in front and split off a generational or degree suffix."""
    while words and words[0] in NAME_KEY_HONORIFICS:
        words = words[1:]
    suffix = None
    while len(words) > 1 and words[-1] in SUFFIXES:
        suffix = suffix or words[-1]
        words = words[:-1]
    return words, suffix


def name_key(person: Person) -> NameKey | None:
    """The folded name of a Person, using the extractor's given/family split when it has one."""
    words, suffix = _strip_name_tokens(tokens(person.name))
    family_words = tokens(person.family_name)
    given_words = tokens(person.given_name)
    if family_words and given_words:
        family = family_words[-1]
        given = given_words[0]
        middle = tuple(w for w in words if w not in family_words and w not in given_words)
        return NameKey(given=given, family=family, middle=middle, suffix=suffix)
    if not words:
        return None
    if family_words and len(words) > 1 and words[0] == family_words[-1]:
        # Family name written first ("Ren Xiao", family_name "Ren").
        return NameKey(given=words[1], family=words[0], middle=tuple(words[2:]), suffix=suffix)
    if len(words) == 1:
        return NameKey(given=None, family=words[0], suffix=suffix)
    return NameKey(given=words[0], family=words[-1], middle=tuple(words[1:-1]), suffix=suffix)


def org_key(name: str | None) -> str:
    """Folded organization name: "The Brookings Institution's" -> 'brookings institution'."""
    text = re.sub(r"['’]s\b", "", ascii_fold(name)).replace("&", " and ")
    words = tokens(text)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _org_core(key: str) -> frozenset[str]:
    """The distinctive words of an organization key ('brookings institution' -> {'brookings'})."""
    return frozenset(w for w in key.split() if w not in GENERIC_ORG_WORDS)


def _stem(word: str) -> str:
    """A crude stem so 'economist' meets 'economics' and 'political' meets 'politics'."""
    return word[:MIN_STEM]


def field_words(text: str | None) -> set[str]:
    """Stemmed words of a title, role or topic that name a field ('political scientist')."""
    return {
        _stem(w)
        for w in tokens(text)
        if w not in GENERIC_FIELD_WORDS and not w.isdigit() and len(w) > 2
    }


def signals_of(person: Person) -> Signals:
    """The evidence a Person carries: organizations of its posts, and field words of its title."""
    signals = Signals()
    for position in person.positions:
        for name in (position.organization, position.parent):
            key = org_key(name)
            if key:
                signals.orgs.add(key)
        if position.acronym:
            signals.acronyms.add(ascii_fold(position.acronym).replace(".", ""))
        signals.fields |= field_words(position.role)
    for role in person.editorial_roles:
        key = org_key(role.journal)
        if key:
            signals.orgs.add(key)
    for area in person.research_areas:
        signals.fields |= field_words(area.topic)
    signals.fields |= field_words(person.title)
    signals.titled = bool(person.title or any(p.role for p in person.positions))
    return signals


def _initials(key: str) -> str:
    """Initials of an organization key without its function words ('iis' for the IIS)."""
    return "".join(w[0] for w in key.split() if w not in ORG_FUNCTION_WORDS)


def _orgs_shared(a: Signals, b: Signals) -> int:
    """How many organizations two bodies of evidence share (name, acronym or distinctive words)."""
    shared = 0
    for key in a.orgs:
        core = _org_core(key)
        for other in b.orgs:
            other_core = _org_core(other)
            if key == other or (core and other_core and (core <= other_core or other_core <= core)):
                shared += 1
                break
    if _short_names(a) & _long_names(b) or _short_names(b) & _long_names(a):
        shared += 1
    return shared


def _short_names(signals: Signals) -> set[str]:
    """Acronyms, and one-word organization names that may be acronyms ('oecd')."""
    return signals.acronyms | {key for key in signals.orgs if " " not in key}


def _long_names(signals: Signals) -> set[str]:
    """What a short name may stand for: acronyms and the initials of organization names."""
    return signals.acronyms | {_initials(key) for key in signals.orgs}


def _org_stems(signals: Signals) -> set[str]:
    """Stems of the distinctive words of every organization ('investec securities' -> 'inves')."""
    return {_stem(w) for key in signals.orgs for w in _org_core(key) if len(w) > 2}


def shared_evidence(a: Signals, b: Signals) -> int:
    """Strength of the evidence two records share: 2 per organization, 1 per field word.

    An organization named inside a title ('Investec economist', 'Jupiter analyst') counts as an
    organization when the other record names it as one ('Investec Securities').
    """
    named_in_titles = len(a.fields & _org_stems(b)) + len(b.fields & _org_stems(a))
    return 2 * (_orgs_shared(a, b) + named_in_titles) + len(a.fields & b.fields)


def _given_relation(a: str | None, b: str | None) -> str:
    """'same', 'compatible' (initial, nickname, missing) or 'different'."""
    if a is None or b is None:
        return "compatible"
    if a == b:
        return "same"
    if len(a) == 1 or len(b) == 1:
        return "compatible" if a[0] == b[0] else "different"
    if NICKNAMES.get(a, a) == NICKNAMES.get(b, b):
        return "compatible"
    return "different"


def name_relation(a: NameKey, b: NameKey) -> str:
    """'same', 'compatible' or 'different' for two folded names."""
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return "different"
    if a.middle and b.middle and a.middle[0][0] != b.middle[0][0]:
        return "different"
    if a.family == b.family:
        return _given_relation(a.given, b.given)
    if a.given and b.given and a.sorted_tokens == b.sorted_tokens:
        return "compatible"
    return "different"


def comparable(a: Signals, b: Signals) -> bool:
    """Whether two records give the same kind of evidence, so that disjoint evidence conflicts.

    "at MIT" and "professor of economics" do not contradict each other (organizations on one
    side, a title on the other); "professor at Oxford" and "a plumber" do (two titles).
    """
    orgs_a, orgs_b = a.orgs | a.acronyms, b.orgs | b.acronyms
    return bool((orgs_a and orgs_b) or ((a.fields or a.titled) and (b.fields or b.titled)))


def score_candidate(key: NameKey, signals: Signals, candidate: Candidate) -> Match | None:
    """Whether a person is the candidate profile, and how strongly; None when they are apart."""
    relations = {name_relation(key, other) for other in candidate.names}
    if "same" in relations:
        relation = "same"
    elif "compatible" in relations:
        relation = "compatible"
    else:
        return None
    strength = shared_evidence(signals, candidate.signals)
    if relation == "same":
        if strength:
            return Match(candidate.profile_id, 10 + strength, "same name, shared evidence")
        if not comparable(signals, candidate.signals):
            return Match(candidate.profile_id, 1, "same name, no evidence to compare")
        return None
    if strength:
        return Match(candidate.profile_id, 5 + strength, "compatible name, shared evidence")
    return None


def choose_profile(key: NameKey, signals: Signals, candidates: Iterable[Candidate]) -> Match:
    """The best profile for one person among the candidates, or Match(None, ...) for a new one."""
    candidates = list(candidates)
    matches = [m for c in candidates if (m := score_candidate(key, signals, c))]
    if not matches:
        return Match(None, 0, "no matching profile")
    weight = {c.profile_id: c.weight for c in candidates}
    matches.sort(key=lambda m: (-m.score, -weight[m.profile_id], m.profile_id))
    best = matches[0]
    if key.given is None and len(matches) > 1 and matches[1].score == best.score:
        return Match(None, 0, "surname matches several profiles equally")
    return best


def assign_profiles(
    keys: list[NameKey],
    signals: list[Signals],
    candidates: Iterable[Candidate],
    sticky: Mapping[int, int] | None = None,
) -> list[Match]:
    """Decide a profile for every person of one article; no two people share a profile.

    `sticky` maps a person's index to the profile it had before a re-extraction, which wins so
    that ids do not move. The strongest matches are served first; a person whose best profile is
    already taken by someone else in the article gets a new profile.
    """
    candidates = list(candidates)
    sticky = dict(sticky or {})
    decisions: list[Match | None] = [None] * len(keys)
    taken: set[int] = set()
    for index, profile_id in sticky.items():
        if profile_id not in taken:
            decisions[index] = Match(profile_id, 100, "kept from the previous extraction")
            taken.add(profile_id)
    proposals = []
    for index, (key, signal) in enumerate(zip(keys, signals, strict=True)):
        if decisions[index] is None:
            proposals.append((choose_profile(key, signal, candidates), index))
    proposals.sort(key=lambda item: (-item[0].score, item[1]))
    for match, index in proposals:
        if match.profile_id is not None and match.profile_id in taken:
            match = Match(None, 0, "profile already taken by another person in this article")
        if match.profile_id is not None:
            taken.add(match.profile_id)
        decisions[index] = match
    return [d if d is not None else Match(None, 0, "no matching profile") for d in decisions]
