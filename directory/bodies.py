"""Organizations, publications, parties and peoples quoted as sources: the not-a-person rule.

"Yukos said", "the FT reported", "Republicans say": such a source is not a person, so it must
never become a profile. `not_a_person` says why a name cannot be a person's, from word lists and
from how the same article uses the word, or None when nothing says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from directory.occupations import ROLE_WORDS
from directory.resolve import org_key
from directory.text import NAME_KEY_HONORIFICS, ascii_fold, word_set

# A name ending in one of these is an organization, a publication or a body, not a person.
ORGANIZATION_SUFFIXES = word_set(
    """inc ltd plc corp corporation llc llp co company companies group holdings bank airlines
    airways motors industries international institute university college council commission
    committee agency association union federation party ministry department police parliament
    government authority foundation fund society network news times journal herald gazette
    tribune telegraph magazine securities partners technologies systems pharmaceuticals
    insurance services hospital museum academy office"""
)
# One of these alone ("the Observer said") is an organization, a publication or a body.
ORGANIZATION_WORDS = ORGANIZATION_SUFFIXES | word_set(
    """banks airline office court congress senate board trust post guardian observer mail
    mirror express press radio television tv reuters telecom telecoms communications capital
    research consulting consultancy energy oil petroleum financial church library school club
    league team army navy government ministry treasury cabinet"""
)
# Parties and their members, and peoples, as a plural noun ("Republicans said", "Iraqis say").
PARTY_AND_PEOPLE_WORDS = word_set(
    """labour tories tory conservatives liberals democrats republicans socialists communists
    greens nationalists unionists libdems ukip snp gop dems reps whigs"""
)
# Parties written in two words, which the model may read as a person ("the Lib Dem spokesman").
PARTY_NAMES = frozenset(
    (
        "lib dem",
        "lib dems",
        "liberal democrat",
        "liberal democrats",
        "plaid cymru",
        "sinn fein",
        "new labour",
        "scottish labour",
        "welsh labour",
        "social democrats",
        "green party",
        "labour party",
    )
)
# Nationality words: "Americans", "Pakistanis", "the French" as quoted sources.
NATIONALITIES = word_set(
    """afghan albanian algerian american argentine argentinian armenian australian austrian
    azerbaijani bangladeshi belarusian belgian bolivian bosnian brazilian british briton
    bulgarian burmese cambodian cameroonian canadian chilean chinese colombian congolese
    croatian cuban cypriot czech danish dutch egyptian emirati english eritrean estonian
    ethiopian european filipino finnish french georgian german ghanaian greek guatemalan haitian
    honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian
    jamaican japanese jordanian kazakh kenyan korean kosovan kurdish kuwaiti kyrgyz lebanese
    liberian libyan lithuanian malaysian maltese mexican moldovan mongolian moroccan nepalese
    nigerian norwegian pakistani palestinian panamanian peruvian polish portuguese qatari
    romanian russian rwandan saudi scottish senegalese serbian singaporean slovak slovenian
    somali spanish sudanese swedish swiss syrian taiwanese tajik tanzanian thai tibetan turkish
    turkmen ugandan ukrainian uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean
    westerners europeans asians africans arabs muslims christians jews sunnis shias shiites
    kurds"""
)
# A word followed by one of these in the same article names a company ("Northfield Oil",
# "Kestrel shares"): words of trade, not of politics, so "the Trump campaign" names nobody's firm.
COMPANY_WORDS = word_set(
    """oil inc corp corporation plc ltd llc holdings airlines airways motors telecom telecoms
    pharmaceuticals securities industries technologies shares stock bank firm"""
)
# A word after one of these ("research firm Datamonitor", "oil giant Yukos") names a body.
TRADE_NOUNS = word_set(
    """firm firms company group giant maker makers operator provider retailer retailers bank
    agency analysts consultancy consultants website site newspaper newspapers magazine channel
    broadcaster publisher label band network carrier airline chain watchdog regulator
    organisation organization charity insurer lender supermarket brand outfit suitor agency
    service"""
)
# What a company or a publication has and a person does not ("Kestrel's shares", "Pew's survey").
ORGANIZATION_PARTS = word_set(
    """shares website report survey poll polls analysis data figures subscribers customers
    stores products users journalists reporters editors board"""
)
# Words in front of a name that cite a publication or a body ("according to Kestrel", "told
# Kestrel") or a place ("voters in Wexcombe,", "the MP for Wexcombe"); a person is cited so
# too, but is also introduced by a given name, an honorific or a title somewhere in the article.
AUDIENCE_CUES = r"according to|told|interview with|data from|figures from"
PLACE_CUES = r"in|across|throughout|near"
CONSTITUENCY_CUES = r"MP for|MEP for|MSP for|member for|constituency of"
# Deities and figures of scripture: quoted through a preacher or a book, never a source.
DEITIES = word_set("god allah jesus christ jehovah yahweh")
# A town then its county, state or country ("in Wexcombe, Barsetshire"): the second is a place.
PLACE_AFTER_PLACE = r"(?:in|near|at|from) [A-Z][\w'’-]+, "
# What a body runs and a person rarely does ("Politifact did a fact-check on ...").
CHECKS = r"fact[- ]check|survey|poll|study|analysis|audit|review|investigation"
# Relatives named by a first name alone: "his wife, Sheila,", "their daughter Emily".
KIN_NOUNS = (
    "wife|husband|widow|widower|son|daughter|father|mother|brother|sister|partner|girlfriend"
    "|boyfriend|fiancee|fiance|grandson|granddaughter|niece|nephew|stepson|stepdaughter"
)
# Capitalised words that open a clause in front of a name without being part of it.
CLAUSE_OPENERS = word_set(
    """the a an in at on for from and but or as so of to by with after before when while if
    since until according yesterday today meanwhile however also then now still last this"""
)
REPORTING_VERBS = "said|says|reported|reports|added|told|announced|claimed|argued|warned|insisted"
# What a publication does with a story ("Politico reported that"): a one-word name doing it,
# never named in full as a person, is the publication.
PUBLISHING_VERBS = ("reported", "reports", "revealed", "reveals", "published")
# Prefixes after which a capital letter inside one word still makes a surname (McDonald).
INNER_CAPITAL_PREFIXES = ("mc", "mac", "o'", "d'", "di", "de", "la", "le", "van", "von", "al-")


def _plural_forms(words: frozenset[str]) -> frozenset[str]:
    return words | {w + "s" for w in words} | {w + "es" for w in words}


_NOT_PERSON_SINGLE = (
    _plural_forms(NATIONALITIES)
    | PARTY_AND_PEOPLE_WORDS
    | ORGANIZATION_WORDS
    | _plural_forms(ROLE_WORDS)
)

# What a name of several words ends in when it names a group or a poll, never a person
# ("Senate Republicans", "Labour MPs", "the Morning Consult Poll"); only plurals, as a
# nationality or a role word may be a surname ("Ann English", "Tom Judge").
_GROUP_ENDINGS = (
    (_plural_forms(NATIONALITIES) - NATIONALITIES)
    | PARTY_AND_PEOPLE_WORDS
    | (_plural_forms(ROLE_WORDS) - ROLE_WORDS)
    | word_set("poll polls survey")
)


# A post held at a body, with the body's name blanked to NUL: "director general of Age Concern
# England" (never "spokesman for", which a person has too).
POST_AT_RE = re.compile(
    r"\b(?:director|head|chief executive|chairman|chairwoman|chair|president|general secretary"
    r"|chief)\s+(?:general\s+)?(?:of|at)\s+(?:the\s+)?\x00"
)


# probablepeople 0.5.6 was tried as this rule: on the corpus's profiles it called 69 of 1,500
# two-word people's names companies (Helmut Panke, Thierry Breton) and caught 31 of 359
# single-word names where the word lists alone catch 51; not adopted.
def not_a_person(
    name: str,
    *,
    honorific: str | None = None,
    organizations: Iterable[str] = (),
    text: str = "",
) -> str | None:
    """Why a name cannot be a person's (an organization, a publication, a party, a people), or
    None when nothing says so.

    `organizations` are the names the same article's extraction reads as organizations (its
    statements' speakers) and `text` the article: a single word the article itself uses as a
    company's ("Northfield Oil", "Kestrel shares") or a body's ("the Observer said") name is
    not a person there. Past what `named_as_body` finds, a single word is also weighed by how
    the article writes it (a deity, a common word, a capital only at sentence starts).
    """
    reason = named_as_body(name, honorific=honorific, organizations=organizations, text=text)
    if reason:
        return reason
    words, folded, honorific = _name_words(name, honorific)
    if len(words) != 1 or honorific and not words[0].isupper():
        return None
    word, key = words[0], folded[0]
    if key in DEITIES:
        return "a deity"
    if text and re.search(rf"\b{re.escape(word.lower())}\b", text):
        return "the article uses it as a common word"
    if text and _only_opens_sentences(word, text):
        return "a capitalised word only at the start of sentences"
    inner = word[1:]
    if any(c.isupper() for c in inner) and not key.startswith(INNER_CAPITAL_PREFIXES):
        return "a capital inside one word, as in a company's name"
    return None


def named_as_body(
    name: str,
    *,
    honorific: str | None = None,
    organizations: Iterable[str] = (),
    text: str = "",
) -> str | None:
    """Why a name is surely not a person's: an organization's suffix, a word for a body, a
    party or a people, an acronym, or a single word the article itself writes as a body's, a
    publication's or a place's name. None when nothing that strong says so."""
    words, folded, honorific = _name_words(name, honorific)
    if not words:
        return "no name"
    if len(words) > 1:
        if folded[-1] in ORGANIZATION_SUFFIXES or folded[0] == "the":
            return "an organization's name"
        if folded[0] in TRADE_NOUNS:
            return "a word for a body opens it"  # "Consultancy Strategy Analytics of Boston"
        if folded[-1] in _GROUP_ENDINGS:
            return "a group's or a poll's name"
        if " ".join(folded) in PARTY_NAMES:
            return "a party's name"
        if text and POST_AT_RE.search(text.replace(name, "\x00")):
            return "the article names a post held at it"
        return None
    word, key = words[0], folded[0]
    if key in {org_key(o) for o in organizations}:
        return "named as an organization in the same article"
    if honorific and not word.isupper():
        return None  # "Mr Panke", "Lord Falconer": a person, even with one name
    if key in _NOT_PERSON_SINGLE:
        return "a word for an organization, a publication, a party, a people or a role"
    if len(word) >= 2 and word.isupper():
        return "an acronym"
    if text and _named_as_organization(word, text):
        return "the article names it as a company or a body"
    if text and _short_name_defined(word, text):
        return "the article gives it as the short name of a body"
    if text and _part_of_longer_name(word, text):
        return "the article writes it only inside a longer name"
    if text and not _introduced_as_person(word, text):
        if re.search(rf"\b(?:{AUDIENCE_CUES}) {re.escape(word)}\b(?!['’])", text):
            return "the article cites it as a publication or a body"
        if re.search(rf"\b(?:{PLACE_CUES}) {re.escape(word)}(?:[,.;:]|\s+(?:and|or)\b)", text):
            return "the article uses it as a place"
        if re.search(rf"\b(?:{CONSTITUENCY_CUES}) {re.escape(word)}\b", text):
            return "the article uses it as a constituency"
        if re.search(rf"\b{PLACE_AFTER_PLACE}{re.escape(word)}\b", text):
            return "the article writes it after a place, as a region"
        if re.search(rf"\b(?:[Aa]n?|[Ee]very|[Ee]ach) (?:[a-z]+ )?{re.escape(word)}\b", text):
            return "the article counts it as a thing ('a tired Sim')"
        if re.search(rf"\b[A-Z][\w-]*['\u2019]s {re.escape(word)}\b", text):
            return "the article writes it as the name of a thing ('the Governor's Ball')"
        if re.search(rf"\b{re.escape(word)} (?:did|does|ran|runs) an? (?:{CHECKS})\b", text):
            return "the article has it run a check or a survey, as a body does"
        if _only_in_titles(word, text):
            return "the article writes it only in a title ('Dirt Off Your Shoulder')"
    return None


def _name_words(name: str, honorific: str | None) -> tuple[list[str], list[str], str | None]:
    """The words of a name without a possessive or honorifics, their folded forms, and the
    honorific (the one given, or "yes" when the name opened with one)."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    words = [re.sub(r"(?:['’]s|['’])$", "", w).strip(".,;:") for w in words]
    words = [w for w in words if w]
    folded = [ascii_fold(w) for w in words]
    while folded and folded[0].rstrip(".") in NAME_KEY_HONORIFICS:
        folded, words = folded[1:], words[1:]
        honorific = honorific or "yes"
    return words, folded, honorific


def _named_as_organization(word: str, text: str) -> bool:
    """Whether the article writes `word` as a company's or a body's name."""
    escaped = re.escape(word)
    nouns = "|".join(sorted(TRADE_NOUNS))
    works = "report|study|survey|poll|analysis|research|figures|data"
    case_sensitive = (
        rf"\b[Tt]he {escaped}(?:['’]s)? (?:{REPORTING_VERBS})\b",  # "the Observer said"
        rf"\b{escaped}['’]s? (?:{'|'.join(sorted(ORGANIZATION_PARTS))})\b",  # "Pew's survey"
        rf"\b{escaped} (?:{'|'.join(PUBLISHING_VERBS)})\b",
        rf"\b{escaped}, (?:the|a|an) [^,.;]{{0,40}}?\b(?:{nouns})[,.;]",  # "X, the news agency,"
        rf"\b(?:{works}) (?:by|from) {escaped}\b",  # "a report by Politico"
        rf"\b[Tt]he {escaped} (?:{works})\b",  # "the Kestrel report"
        rf"\b{escaped} (?:found|estimated|surveyed|polled) (?:that\b)?",  # "Kestrel found that"
    )
    any_case = (
        rf"\b{escaped}(?:['’]s)? (?:{'|'.join(sorted(COMPANY_WORDS))})\b",  # "Northfield Oil"
        rf"\b(?:{nouns}),? {escaped}\b",  # "research firm Datamonitor", "Group Menatep"
    )
    return any(re.search(p, text) for p in case_sensitive) or any(
        re.search(p, text, re.IGNORECASE) for p in any_case
    )


def _short_name_defined(word: str, text: str) -> bool:
    """Whether the article defines `word` as the short name of a body written out in capitals
    before it: "the Kestrel Payment Services Association (Kpsa)"; a person's name before it
    ("Ann Brook (Labour)") is no body's."""
    if f"({word})" not in text.replace("( ", "(").replace(" )", ")"):
        return False
    joiner = r"(?:(?:of|for|and|the|on|in|&)\s+)*"
    pattern = rf"((?:[A-Z][\w'’&.-]*\s+{joiner}){{2,}})\(\s*{re.escape(word)}\s*\)"
    return any(_names_a_body(m.group(1)) for m in re.finditer(pattern, text))


def _names_a_body(phrase: str) -> bool:
    """Whether capitalised words hold a word of an organization's name ("... Association")."""
    words = [ascii_fold(w) for w in phrase.split() if w[:1].isupper()]
    return len(words) >= 2 and any(
        w in ORGANIZATION_WORDS or w.rstrip("s") in ORGANIZATION_WORDS for w in words
    )


def _part_of_longer_name(word: str, text: str) -> bool:
    """Whether every use of `word` is inside a web address ("forum.kestrel.org") or a
    hyphenated name the article calls a company or a body ("supermarket group Harbour-Kestrel");
    a hyphenated surname cut short ("Ann Brook-Kestrel") is neither."""
    uses = list(re.finditer(rf"(?<![\w'’])({re.escape(word)})(?![\w'’])", text))
    if not uses:
        return False
    for m in uses:
        whole = re.search(r"[\w.-]*$", text[: m.start()]).group() + word
        whole += re.match(r"[\w.-]*", text[m.end() :]).group()
        whole = whole.strip(".-")
        if whole == word:
            return False
        dotted = re.fullmatch(r"\w+(?:\.\w+)+", whole) and not re.search(r"\.\s", whole)
        if not dotted and not _named_as_organization(whole, text):
            return False
    return True


def first_name_speaker(name: str, text: str) -> bool:
    """Whether the article gives a one-word name only to a relative or with an age ("his wife,
    Sheila,", "Lucy, 36,"), never after a given name, an honorific or a title: a first name."""
    word = name.strip()
    if " " in word or not word[:1].isupper() or _introduced_as_person(word, text):
        return False
    escaped = re.escape(word)
    kin = rf"\b(?:{KIN_NOUNS})s?,? {escaped}\b"
    aged = rf"\b{escaped}, (?:aged )?\d{{1,2}},"
    return bool(re.search(kin, text) or re.search(aged, text))


def _introduced_as_person(word: str, text: str) -> bool:
    """Whether the article writes `word` after a given name, an honorific or a title ("Ann
    Kestrel", "Mr Kestrel", "President Kestrel"): a capitalised word that opens no clause."""
    for m in re.finditer(rf"([A-Z][\w'’.-]*)\s+{re.escape(word)}\b", text):
        before = ascii_fold(m.group(1)).lower()
        if before.rstrip(".") in NAME_KEY_HONORIFICS:
            return True
        if before.endswith(("'s", "\u2019s")):
            continue  # "the Governor's Ball": a possessive is no given name
        if before.endswith(".") or before in CLAUSE_OPENERS:
            continue  # the end of the sentence before, or a word that opens a clause
        return True
    return False


def _only_in_titles(word: str, text: str) -> bool:
    """Whether every use of `word` runs on into capitalised small words, as a song's or a show's
    title does ("Dirt Off Your Shoulder"); a name does not ("Ann Dirt said")."""
    small = "Of|Off|The|In|On|Your|My|To|A|An|And|For|With|From|At|By|Me|You|Up|Down|Out"
    uses = re.findall(rf"\b{re.escape(word)}\b(?:['\u2019]s)?( (?:{small})\b)?", text)
    return bool(uses) and all(uses)


_SENTENCE_OPENING = re.compile(r"(?:[.!?:]['\"”’]?\s+|\n\s*|[\"“]\s*)$")


def _only_opens_sentences(word: str, text: str) -> bool:
    """Whether every use of `word` in the article opens a sentence ("Aides said ...")."""
    starts = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
    return bool(starts) and all(
        i == 0 or _SENTENCE_OPENING.search(text[max(0, i - 4) : i]) for i in starts
    )
