"""Identity across articles: name keys, evidence, and the rule that joins a person to a profile.

Resolution inside one article is the extractor's job (one Person per real person per article); this
module decides whether a Person from a new article is someone already in the directory. It is pure:
the store hands it the candidates (profiles sharing a family name) and writes what it decides.

Two mentions of the same full name are one person unless the evidence conflicts. Each decision is
a score in 0..1 with the reasons for and against it:

- the name sets the prior: the same full name (after folding accents, honorifics and middle
  initials) is strong, a known nickname a little weaker, an initial or a bare surname weak;
  different given names (Larry Sabato, Richard Sabato) never join;
- shared evidence raises it: a common organization, field or title word, both holding political
  office, a much-quoted profile of that very name;
- conflicting evidence lowers it: organizations on both sides with none in common, roles on both
  sides with nothing in common and no link between them (a farmer, a chief economist), Mr against
  Mrs, an expert against an official;
- a person joins the best profile scoring at least JOIN_SCORE. A bare surname ("Mr Greenspan")
  joins the one full-name profile of that surname it is compatible with, the one whose given
  name its own article writes with it, or a bearer quoted far more often than the next; when
  several fit about equally, it stays apart, and `store.list_possible_duplicates` lists the
  pair for an editor. Two bare names with one peer's style ("Lord Falconer") are one name.

`directory.bodies.not_a_person` is the rule that keeps organizations, publications, parties and
nationalities quoted as sources out of the profiles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from directory.models import Person
from directory.occupations import OCCUPATION_WORDS, POLITICAL_STEMS, sectors_of
from directory.text import HONORIFICS, NAME_KEY_HONORIFICS, NICKNAMES, ascii_fold, tokens, word_set

SUFFIXES = word_set("jr sr ii iii iv phd md qc obe mbe cbe")

# Words of a title or role that say nothing about the field (rank, seniority, filler).
GENERIC_FIELD_WORDS = word_set(
    """a an the of at in on for and or to with from by as former current
    professor prof associate assistant adjunct emeritus senior junior chief deputy head director
    fellow lecturer reader visiting president vice executive managing general principal leading
    lead top research researcher researchers co founder chair chairman chairwoman member staff
    new old who what studies study works work specialist expert analyst analysts
    university college institute school centre center department"""
)
# Words of a role that say nothing about what the person does (filler, seniority, time).
ROLE_FILLER_WORDS = word_set(
    """a an the of at in on for and or to with from by as s his her their its former current
    then ex senior junior deputy vice acting interim assistant associate new old who what
    top leading lead one also now once later still longtime long time"""
)
# Words of an organization name too common to identify it on their own.
GENERIC_ORG_WORDS = word_set(
    """the of and for at in on a an university college institute institution centre center school
    department dept faculty foundation group company co corp corporation inc ltd plc llc
    national international american british global new society association council"""
)

ORG_FUNCTION_WORDS = word_set("the of and for at in on a an")

MIN_STEM = 5

JOIN_SCORE = 0.5  # a person joins a profile scoring at least this
REVIEW_SCORE = 0.3  # profiles kept apart scoring at least this are listed for an editor
CLEAR_MARGIN = 0.15  # a bare surname joins only a profile this far ahead of the next one
# The prior of each name relation (what the name alone says).
NAME_PRIOR = {"same": 0.7, "reordered": 0.65, "nickname": 0.6, "compatible": 0.35, "surname": 0.5}
RELATION_LABELS = {
    "same": "same name",
    "reordered": "same name, in another order",
    "nickname": "same name, with a known nickname",
    "compatible": "compatible name (an initial, or a missing given name)",
}
# A profile quoted in many articles is a well-known person: a namesake is unlikely, and a bare
# surname in the news means the best-known bearer ((articles, bonus), checked in order).
PROMINENCE_BONUS = ((5, 0.15), (25, 0.25))
# A bare surname that fits several profiles about equally means the one quoted in this many
# times more articles than the next ("President Obama" beside a namesake quoted in 5).
BEST_KNOWN_RATIO = 5
# "Lord Falconer" is a peer's whole name, which no one else holds at the same time: two bare
# names with the same style are the same name.
STYLES = word_set("lord lady baroness baron viscount earl pope prince princess king queen")
SAME_STYLE = 0.3
NAMED_IN_ARTICLE = 0.3  # a bare surname's own article writes the profile's full name


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
    """The evidence one article gives about a person (a profile's is the union over articles)."""

    orgs: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)
    titled: bool = False  # a title or role is given, even one of only generic words
    roles: set[str] = field(default_factory=set)  # stemmed words of the person's own roles
    kinds: set[str] = field(default_factory=set)  # definite kinds (not "other")
    genders: set[str] = field(default_factory=set)  # 'm'/'f' from Mr, Mrs, Sir, Dame...
    # given names the article writes right before a bare surname ("Hillary" for "Clinton")
    given_in_text: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)  # a peer's or a sovereign's: Lord, Pope

    @property
    def empty(self) -> bool:
        """True when the article says nothing about who the person is."""
        return not (self.orgs or self.acronyms or self.fields or self.titled)

    @property
    def political(self) -> bool:
        """Whether a role is a political office (held or sought)."""
        return bool(self.roles & POLITICAL_STEMS) or "official" in self.kinds

    def to_dict(self) -> dict[str, list[str] | bool]:
        """JSON-ready form, stored with each appearance."""
        return {
            "orgs": sorted(self.orgs),
            "acronyms": sorted(self.acronyms),
            "fields": sorted(self.fields),
            "titled": self.titled,
            "roles": sorted(self.roles),
            "kinds": sorted(self.kinds),
            "genders": sorted(self.genders),
            "given_in_text": sorted(self.given_in_text),
            "styles": sorted(self.styles),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Iterable[str]] | None) -> Signals:
        """Rebuild from `to_dict` output (rows stored before a field existed lack it)."""
        data = data or {}
        return cls(
            orgs=set(data.get("orgs") or ()),
            acronyms=set(data.get("acronyms") or ()),
            fields=set(data.get("fields") or ()),
            titled=bool(data.get("titled")),
            roles=set(data.get("roles") or ()),
            kinds=set(data.get("kinds") or ()),
            genders=set(data.get("genders") or ()),
            given_in_text=set(data.get("given_in_text") or ()),
            styles=set(data.get("styles") or ()),
        )

    def update(self, other: Signals) -> None:
        """Add another article's evidence to this one (a profile's evidence is the union)."""
        self.orgs |= other.orgs
        self.acronyms |= other.acronyms
        self.fields |= other.fields
        self.titled = self.titled or other.titled
        self.roles |= other.roles
        self.kinds |= other.kinds
        self.genders |= other.genders
        self.given_in_text |= other.given_in_text
        self.styles |= other.styles


@dataclass
class Candidate:
    """An existing profile the store offers for a person: its names and pooled evidence."""

    profile_id: int
    names: list[NameKey] = field(default_factory=list)
    signals: Signals = field(default_factory=Signals)
    weight: int = 0  # appearances (articles) of the profile

    @property
    def full(self) -> bool:
        """Whether any article gives the profile's full name (not only a surname)."""
        return any(n.given for n in self.names)


@dataclass(frozen=True)
class Match:
    """A decision for one person: the profile it joins (None: a new profile), a score, why."""

    profile_id: int | None
    score: float
    reasons: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """The reasons as one line."""
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class Verdict:
    """How likely two bodies of evidence are one person: a score and the reasons either way."""

    score: float
    pros: tuple[str, ...]
    cons: tuple[str, ...]


def slugify(text: str | None, fallback: str = "person") -> str:
    """URL slug of a name: 'Ren Xiao' -> 'ren-xiao'."""
    slug = "-".join(tokens(text))[:80].strip("-")
    return slug or fallback


def name_slug(name: str | None) -> str:
    """The slug of a person's name without honorifics: 'Dr. Ren Xiao' -> 'ren-xiao'."""
    words, _ = _strip_name_tokens(tokens(name))
    return slugify(" ".join(words))


def _strip_name_tokens(words: list[str]) -> tuple[list[str], str | None]:
    """Drop honorifics and occupations in front ("Novelist Arthur Hailey": an occupation only
    before two more words) and split off a generational or degree suffix."""
    # nameparser 2.6.0 parsed the corpus's 4,136 profile names as this does but for 141: it kept
    # hyphenated given names whole (one key here), kept "de"/"bin" in the surname, and dropped a
    # title in front, which this does too; not adopted, it changes no profile this does not.
    while words and (
        words[0] in NAME_KEY_HONORIFICS or (words[0] in OCCUPATION_WORDS and len(words) > 2)
    ):
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
    # an office or an occupation taken for a given name ("MP George Galloway", "Actor Keanu
    # Reeves") is no part of the name: the written name is read instead
    given_words = [
        w
        for w in tokens(person.given_name)
        if w not in NAME_KEY_HONORIFICS and w not in OCCUPATION_WORDS
    ]
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


def role_words(text: str | None) -> set[str]:
    """Stemmed words of a role, ranks included ('chief economist' -> {'chief', 'econo'})."""
    return {
        _stem(w)
        for w in tokens(text)
        if w not in ROLE_FILLER_WORDS and not w.isdigit() and len(w) > 1
    }


def own_title(person: Person) -> str | None:
    """The person's title unless its evidence is someone else's sentence (None then).

    A title read from a sentence that never names the person ("Gordon Brown's former adviser"
    given to whoever is quoted next) is an extraction slip; so is a title that starts with a
    possessive ("'s former advisor").
    """
    title = (person.title or "").strip()
    if not title or not title[0].isalnum():
        return None
    if person.title_evidence:
        names = {w for w in tokens(person.name) if w not in NAME_KEY_HONORIFICS}
        for alias in person.aliases:
            names |= {w for w in tokens(alias) if w not in NAME_KEY_HONORIFICS}
        if names and not any(names & set(tokens(e.sentence)) for e in person.title_evidence):
            return None
    return title


def gender_of(person: Person) -> str | None:
    """'m' or 'f' when the person's own honorific says so (Mr, Mrs, Sir, Dame), else None.

    Aliases are left out: one misattributed "Mrs Clinton" among a man's aliases would set him
    apart from himself.
    """
    for form in (person.honorific or "", person.name):
        words = tokens(form)
        if words and (gender := HONORIFICS.get(words[0])):
            return gender
    return None


def honorific_in(forms: Iterable[str]) -> str | None:
    """The first honorific or title any form of a name opens with ("Lord" of "Lord Falconer")."""
    for form in forms:
        words = tokens(form)
        if len(words) > 1 and words[0] in HONORIFICS:
            return words[0]
    return None


def signals_of(person: Person) -> Signals:
    """The evidence a Person carries: organizations of its posts, field and role words, kind."""
    signals = Signals()
    title = own_title(person)
    for position in person.positions:
        for name in (position.organization, position.parent):
            key = org_key(name)
            if key:
                signals.orgs.add(key)
        if position.acronym:
            signals.acronyms.add(ascii_fold(position.acronym).replace(".", ""))
        signals.fields |= field_words(position.role)
        signals.roles |= role_words(position.role)
    for role in person.editorial_roles:
        key = org_key(role.journal)
        if key:
            signals.orgs.add(key)
    for area in person.research_areas:
        signals.fields |= field_words(area.topic)
    signals.fields |= field_words(title)
    signals.roles |= role_words(title)
    signals.titled = bool(title or any(p.role for p in person.positions))
    if person.kind and person.kind != "other":
        signals.kinds.add(person.kind)
    gender = gender_of(person)
    if gender:
        signals.genders.add(gender)
    for form in (person.name, *person.aliases):
        words = tokens(form)
        if len(words) > 1 and words[0] in STYLES:  # "Lord Falconer", not a Mr King
            signals.styles.add(words[0])
    return signals


def _initials(key: str) -> str:
    """Initials of an organization key without its function words ('iis' for the IIS)."""
    return "".join(w[0] for w in key.split() if w not in ORG_FUNCTION_WORDS)


def shared_orgs(a: Signals, b: Signals) -> list[str]:
    """The organizations two bodies of evidence share (name, acronym or distinctive words)."""
    shared = []
    for key in sorted(a.orgs):
        core = _org_core(key)
        for other in b.orgs:
            other_core = _org_core(other)
            if key == other or (core and other_core and (core <= other_core or other_core <= core)):
                shared.append(key)
                break
    short = (_short_names(a) & _long_names(b)) | (_short_names(b) & _long_names(a))
    shared += sorted(short - set(shared))[:1]
    named_in_titles = (a.fields & _org_stems(b)) | (b.fields & _org_stems(a))
    shared += sorted(named_in_titles)
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
    return 2 * len(shared_orgs(a, b)) + len(a.fields & b.fields)


def weigh_evidence(a: Signals, b: Signals) -> Verdict:
    """What two bodies of evidence say about being one person, beyond the name (score: a delta)."""
    pros: list[str] = []
    cons: list[str] = []
    delta = 0.0
    orgs = shared_orgs(a, b)
    if orgs:
        delta += min(0.4, 0.25 * len(orgs))
        pros.append("same organization: " + ", ".join(orgs[:3]))
    fields = sorted(a.fields & b.fields)
    if fields:
        delta += min(0.2, 0.07 * len(fields))
        pros.append("same field: " + ", ".join(fields[:4]))
    roles = sorted((a.roles & b.roles) - set(fields))
    if roles:
        delta += min(0.1, 0.05 * len(roles))
        pros.append("same title words: " + ", ".join(roles[:4]))
    political = a.political and b.political
    if political:
        delta += 0.1
        pros.append("both in political office or campaigns")
    if a.kinds & b.kinds:
        delta += 0.05
        pros.append("same kind: " + ", ".join(sorted(a.kinds & b.kinds)))
    if len(a.genders) == 1 and a.genders == b.genders:
        delta += 0.05
        pros.append("same form of address (Mr, Ms)")
    if len(a.genders) == 1 and len(b.genders) == 1 and a.genders != b.genders:
        delta -= 0.5
        cons.append("different forms of address (Mr / Mrs)")
    orgs_a, orgs_b = a.orgs | a.acronyms, b.orgs | b.acronyms
    if orgs_a and orgs_b and not orgs:
        delta -= 0.1 if political else 0.2
        cons.append(f"no organization in common ({_few(orgs_a)} / {_few(orgs_b)})")
    sectors_a, sectors_b = sectors_of(a.roles), sectors_of(b.roles)
    if sectors_a and sectors_b and not sectors_a & sectors_b and not (fields or orgs):
        delta -= 0.3
        cons.append(f"roles in different walks of life ({_few(sectors_a)} / {_few(sectors_b)})")
    if {"expert", "official"} <= (a.kinds | b.kinds) and not (a.kinds & b.kinds):
        delta -= 0.1
        cons.append("an expert on one side, an official on the other")
    return Verdict(delta, tuple(pros), tuple(cons))


def _few(values: Iterable[str]) -> str:
    items = sorted(values)
    return ", ".join(items[:3]) + (" ..." if len(items) > 3 else "")


def _given_relation(a: str | None, b: str | None) -> str:
    """'same', 'nickname', 'compatible' (an initial, a missing given name) or 'different'."""
    if a is None or b is None:
        return "compatible"
    if a == b:
        return "same"
    if len(a) == 1 or len(b) == 1:
        return "compatible" if a[0] == b[0] else "different"
    if NICKNAMES.get(a, a) == NICKNAMES.get(b, b):
        return "nickname"
    return "different"


def name_relation(a: NameKey, b: NameKey) -> str:
    """'same', 'reordered' (family name first), 'nickname', 'compatible' or 'different'."""
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return "different"
    if a.middle and b.middle and a.middle[0][0] != b.middle[0][0]:
        return "different"
    if a.family == b.family:
        return _given_relation(a.given, b.given)
    if a.given and b.given and a.sorted_tokens == b.sorted_tokens:
        return "reordered"
    return "different"


RELATION_ORDER = ("same", "reordered", "nickname", "compatible")


def best_relation(names: Iterable[NameKey], others: Iterable[NameKey]) -> str:
    """The closest relation between the names of one side and those of the other.

    Full names are compared with full names when both sides have one: a profile holding
    "Michelle Obama" and a bare "Obama" is still no "Barack Obama". A different given name on
    one of them, with no name of the other the same, keeps the sides apart.
    """
    names, others = list(names), list(others)
    if any(n.given for n in names) and any(n.given for n in others):
        names = [n for n in names if n.given]
        others = [n for n in others if n.given]
    found = {name_relation(a, b) for a in names for b in others}
    strong = next((r for r in ("same", "reordered", "nickname") if r in found), None)
    if strong:
        return strong
    if "different" in found and any(n.given for n in names) and any(n.given for n in others):
        return "different"
    return "compatible" if "compatible" in found else "different"


def _name_prior(key: NameKey, candidate: Candidate) -> tuple[float, str] | None:
    """What the names alone say: a prior and its reason, or None when they are different."""
    return _names_prior([key], key.given is not None, candidate.names, candidate.full)


def _names_prior(
    names: list[NameKey], full: bool, others: list[NameKey], others_full: bool
) -> tuple[float, str] | None:
    relation = best_relation(names, others)
    if relation == "different":
        return None
    if relation == "compatible" and full != others_full:
        return NAME_PRIOR["surname"], "surname of a full-name profile"
    return NAME_PRIOR[relation], RELATION_LABELS[relation]


def score_candidate(key: NameKey, signals: Signals, candidate: Candidate) -> Match | None:
    """How likely the person is the candidate profile (a score, capped at 1 only once the
    candidates are ranked, and why); None: never.

    A bare surname whose own article writes the candidate's full name ("Hillary Clinton's
    emails ... Clinton said") is more likely that person.
    """
    prior = _name_prior(key, candidate)
    if prior is None:
        return None
    score, label = prior
    verdict = weigh_evidence(signals, candidate.signals)
    score += verdict.score
    pros = [label, *verdict.pros]
    if key.given is None and _named_in_article(signals, candidate):
        score += NAMED_IN_ARTICLE
        pros.append("the article gives this full name")
    styles = sorted(signals.styles & candidate.signals.styles)
    if key.given is None and not candidate.full and styles:
        score += SAME_STYLE
        pros.append("the same style: " + ", ".join(styles))
    if label in ("same name", "surname of a full-name profile"):
        bonus = max((b for n, b in PROMINENCE_BONUS if candidate.weight >= n), default=0.0)
        if bonus:
            score += bonus
            pros.append(f"a much-quoted person of that name ({candidate.weight} articles)")
    if label == "surname of a full-name profile" and len(pros) == 1 and not _bare(signals):
        # a bare surname that says who it is ("President Obama") needs the profile to say so too,
        # or to be a well-known bearer; one that says nothing ("Mr Panke said") may join
        score = min(score, JOIN_SCORE - 0.05)
        verdict = Verdict(
            verdict.score,
            verdict.pros,
            (*verdict.cons, "nothing shared but the surname, and something said"),
        )
    reasons = tuple(pros) + tuple("against: " + c for c in verdict.cons)
    return Match(candidate.profile_id, round(max(0.0, score), 3), reasons)


def _named_in_article(signals: Signals, candidate: Candidate) -> bool:
    """Whether the article of a bare surname writes one of the candidate's given names with it."""
    given = {NICKNAMES.get(g, g) for g in signals.given_in_text}
    return any(n.given and NICKNAMES.get(n.given, n.given) in given for n in candidate.names)


def _bare(signals: Signals) -> bool:
    """Whether evidence says nothing about who the person is (no post, field, role or kind)."""
    return signals.empty and not signals.roles and not signals.kinds


def choose_profile(key: NameKey, signals: Signals, candidates: Iterable[Candidate]) -> Match:
    """The best profile for one person among the candidates, or Match(None, ...) for a new one.

    Scores are compared before they are capped at 1, so that strong evidence on both sides
    still ranks.
    """
    candidates = list(candidates)
    # the store offers the candidates of every person of the article at once: only a full-name
    # profile of this very name makes a bare surname pass over the bare ones ("Lord Falconer"
    # beside an unrelated "Jane Doe" still joins the other "Lord Falconer")
    if key.given is not None or any(
        c.full and any(n.family == key.family for n in c.names) for c in candidates
    ):
        # a full name starts a full-name profile rather than join a surname-only one (which the
        # store then gathers into it), and a bare surname is compared with full-name profiles
        candidates = [c for c in candidates if c.full]
    matches = [m for c in candidates if (m := score_candidate(key, signals, c))]
    if not matches:
        return Match(None, 1.0, ("no profile with a compatible name",))
    weight = {c.profile_id: c.weight for c in candidates}
    matches.sort(key=lambda m: (-m.score, -weight[m.profile_id], m.profile_id))
    best = matches[0]
    if best.score < JOIN_SCORE:
        return Match(
            None, round(1 - best.score, 3), ("no profile scores high enough", *best.reasons)
        )
    if key.given is None and len(matches) > 1 and matches[1].score > best.score - CLEAR_MARGIN:
        runner_up = weight[matches[1].profile_id]
        if weight[best.profile_id] < BEST_KNOWN_RATIO * max(1, runner_up):
            return Match(None, 0.5, ("surname fits several profiles about equally",))
        best = Match(
            best.profile_id,
            best.score,
            (*best.reasons, f"far better known than the next of that name ({runner_up} articles)"),
        )
    return Match(best.profile_id, min(1.0, best.score), best.reasons)


def assign_profiles(
    keys: list[NameKey],
    signals: list[Signals],
    candidates: Iterable[Candidate],
    sticky: Mapping[int, int] | None = None,
) -> list[Match]:
    """Decide a profile for every person of one article; no two people share a profile.

    `sticky` maps a person's index to the profile it had before a re-extraction, which wins so
    that ids do not move. The strongest matches are served first; a person whose best profile is
    already taken by someone else in the article gets a new profile, unless both have one full
    name (the extractor split one person in two).
    """
    candidates = list(candidates)
    sticky = dict(sticky or {})
    decisions: list[Match | None] = [None] * len(keys)
    taken: set[int] = set()
    for index, profile_id in sticky.items():
        if profile_id not in taken:
            decisions[index] = Match(profile_id, 1.0, ("kept from the previous extraction",))
            taken.add(profile_id)
    proposals = []
    for index, (key, signal) in enumerate(zip(keys, signals, strict=True)):
        if decisions[index] is None:
            proposals.append((choose_profile(key, signal, candidates), index))
    proposals.sort(key=lambda item: (item[0].profile_id is None, -item[0].score, item[1]))
    holders = {d.profile_id: keys[i] for i, d in enumerate(decisions) if d and d.profile_id}
    for match, index in proposals:
        holder = holders.get(match.profile_id) if match.profile_id is not None else None
        # two people of one article with one full name are the extractor's split of one person
        if holder is not None and not _one_name(holder, keys[index]):
            match = Match(None, 1.0, ("profile already taken by another person in this article",))
        if match.profile_id is not None:
            holders.setdefault(match.profile_id, keys[index])
        decisions[index] = match
    return [d if d is not None else Match(None, 1.0, ("no matching profile",)) for d in decisions]


def _one_name(a: NameKey, b: NameKey) -> bool:
    """Whether two full names of one article are one name (a nickname or order aside)."""
    return bool(a.given and b.given) and name_relation(a, b) in ("same", "reordered", "nickname")


def compare_profiles(a: Candidate, b: Candidate) -> Verdict | None:
    """How likely two profiles are one person (for review); None when their names differ."""
    prior = _names_prior(a.names, a.full, b.names, b.full)
    if prior is None:
        return None
    verdict = weigh_evidence(a.signals, b.signals)
    score = round(max(0.0, min(1.0, prior[0] + verdict.score)), 3)
    return Verdict(score, (prior[1], *verdict.pros), verdict.cons)
