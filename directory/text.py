"""Words and names as every stage compares them: folding, tokens, honorifics, given-name forms.

Several lists below look alike but answer different questions, so each keeps its own name and a
comment on what it is for; merging two would change what extraction, identity or search do.
"""

from __future__ import annotations

import re
import unicodedata


def word_set(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words in `text` (word lists kept readable as prose)."""
    return frozenset(text.split())


# --- folding ---------------------------------------------------------------------------------


def fold(text: str | None) -> str:
    """Lower case with accents removed and curly apostrophes straightened: for comparing names.

    Letters without a decomposition stay as they are ('Søren' -> 'søren').
    """
    text = text or ""
    if text.isascii():
        return text.lower()  # nothing to decompose: the common case, and extraction's hot path
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def ascii_fold(text: str | None) -> str:
    """Lower-case ASCII form of a text: 'Zoë Ó Briain' -> 'zoe o briain' (other letters drop out).

    What identity keys, slugs and duplicate detection are built from: only [a-z0-9] survive.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


def tokens(text: str | None) -> list[str]:
    """ASCII-folded word tokens; apostrophes and hyphens join ('O'Hanlon' -> 'ohanlon')."""
    folded = re.sub(r"['’`\-\u2010-\u2015]", "", ascii_fold(text))
    return re.findall(r"[a-z0-9]+", folded)


# --- honorifics ------------------------------------------------------------------------------

# Extraction: the honorifics and titles that may precede a name in an article (lower case, no
# final dot), each with the gender it gives or None. A mention loses them ("Lt. Gen. Mick
# Bednarek" -> Mick Bednarek) and the gender lets a later "he" or "she" find the person.
HONORIFICS: dict[str, str | None] = {
    **dict.fromkeys(word_set("mr sir lord father king prince pope sheikh imam"), "m"),
    **dict.fromkeys(word_set("mrs ms miss dame lady baroness queen princess"), "f"),
    **dict.fromkeys(
        word_set(
            """dr prof professor rev reverend sen senator rep representative gov governor
            president gen lt col capt maj sgt adm judge justice mayor secretary chancellor
            minister commissioner chairman chairwoman speaker ambassador director detective
            det supt superintendent insp inspector cllr councillor officer rabbi bishop
            archbishop cardinal admiral colonel captain lieutenant sergeant
            commander brigadier corporal"""
        ),
        None,
    ),
}
# Extraction: the noun a short honorific stands for, so "the senator" can point back to "Sen.
# Patty Murray" (a spelled-out honorific is its own noun).
HONORIFIC_NOUNS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "prof": "professor",
    "rev": "reverend",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "maj": "major",
    "sgt": "sergeant",
    "adm": "admiral",
    "cmdr": "commander",
    "dr": "doctor",
    "det": "detective",
    "supt": "superintendent",
    "insp": "inspector",
    "cllr": "councillor",
}
# Extraction: the courtesy and academic forms kept as a person's `honorific` field ("Dr.");
# offices and ranks are titles, not forms of address.
COURTESY_HONORIFICS = word_set("mr mrs ms miss dr prof professor sir dame")
# Kinds: the forms of address that say nothing about what a person does ("Dr" or "Mr" decides
# no kind); unlike the courtesy forms, "professor" is left out, since it makes an expert.
NEUTRAL_HONORIFICS = word_set("mr mrs ms miss dr sir dame")
# Titles: spaCy tokens (with their full stops) just before a name that are a form of address or
# a rank, short or spelled out, not a title the person holds ("Sen." in "Sen. Patty Murray" is
# read elsewhere; "Colonel" in "Colonel Tim Collins" is a rank, not a title).
HONORIFIC_TOKENS = word_set(
    """
    dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord lady baroness prof prof. professor rev rev.
    reverend sen. sen rep. rep gov. gov lt. lt gen. gen capt. capt col. col maj. maj sgt. sgt
    adm. adm cmdr. hon. colonel captain lieutenant admiral sergeant brigadier
    """
)
# Identity: dropped from the front of a name before it is keyed, so "Sen. Ted Cruz", "Senator
# Cruz" and "Mr Cruz" meet. Offices and ranks count too: a person's office changes, the name
# does not.
NAME_KEY_HONORIFICS = word_set(
    """mr mrs ms miss mx dr doctor prof professor sir dame lord lady baroness rev reverend fr father
    sen senator rep gov governor president pres gen general col colonel capt captain lt maj major
    judge justice hon rabbi imam sheikh mp whip det detective supt superintendent insp inspector
    cllr councillor adm admiral lieutenant sgt sergeant cmdr commander brigadier"""
)
# Search: the forms of address left out of the name words indexed and searched, so a "Dr." in
# a query does not match every doctor. Offices and ranks stay searchable ("General", "Judge").
ADDRESS_WORDS = word_set(
    "dr prof professor mr mrs ms miss mx sir dame lord lady baroness rev reverend hon"
)


# --- given-name forms ------------------------------------------------------------------------

# Identity: each common nickname mapped to the one full name it shortens, so "Larry Sabato" and
# "Lawrence Sabato" are compatible (joined only with shared evidence). One form each, and only
# the commonest reading of an ambiguous one ("chris" -> christopher): a wrong join merges two
# people, which costs more than a missed one.
NICKNAMES = {
    "larry": "lawrence",
    "bill": "william",
    "will": "william",
    "bob": "robert",
    "rob": "robert",
    "jim": "james",
    "jimmy": "james",
    "mike": "michael",
    "tom": "thomas",
    "dave": "david",
    "dan": "daniel",
    "joe": "joseph",
    "chris": "christopher",
    "steve": "stephen",
    "tony": "anthony",
    "ben": "benjamin",
    "ed": "edward",
    "nick": "nicholas",
    "alex": "alexander",
    "andy": "andrew",
    "matt": "matthew",
    "pat": "patrick",
    "dick": "richard",
    "rick": "richard",
    "sam": "samuel",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "kate": "katherine",
    "jenny": "jennifer",
    "sue": "susan",
    "ken": "kenneth",
    "greg": "gregory",
    "jeff": "jeffrey",
    "jon": "jonathan",
    "tim": "timothy",
    "fred": "frederick",
    "freddie": "frederick",
    "bernie": "bernard",
    "pete": "peter",
    "chuck": "charles",
    "charlie": "charles",
    "steven": "stephen",
    "vince": "vincent",
    "maggie": "margaret",
    "len": "leonard",
    "geoff": "geoffrey",
    "doug": "douglas",
    "rudy": "rudolph",
}
# The curated `nicknames` package (1.0.1) was tried on the corpus's profiles: of 33 given-name
# pairs it joins within one family name, 9 are joined above and 24 not, among them several
# different people (Andrea/Andy Williams, Robert/Willie Walsh, Bill/Robert Ford); the unambiguous
# forms it found were added here, the package was not adopted.

# Search: groups of interchangeable given-name forms ("Steve Vladek" finds Stephen Vladeck). A
# query word in a group also matches the others, ambiguous forms in every group they belong to
# ("chris": christopher and christine): a wrong match only ranks a profile lower.
GIVEN_NAME_FORMS = [
    "stephen steven steve stevie",
    "michael mike mick mickey",
    "robert rob bob bobby robbie bert",
    "william will bill billy willie",
    "james jim jimmy jamie",
    "anthony tony",
    "thomas tom tommy",
    "richard rick rich dick ricky",
    "daniel dan danny",
    "david dave davey",
    "joseph joe joey",
    "jonathan jon jonny",
    "john jack johnny",
    "christopher chris",
    "christine chris christina tina",
    "katherine catherine kathleen kate katie kathy cathy kath",
    "elizabeth liz beth betty lizzie",
    "susan sue susie",
    "jennifer jen jenny",
    "alexander alex alec sasha",
    "alexandra alex sandra",
    "andrew andy drew",
    "benjamin ben benny",
    "samuel sam sammy",
    "samantha sam",
    "nicholas nick nicky",
    "patrick pat paddy",
    "patricia pat patty trish",
    "matthew matt",
    "gregory greg",
    "edward ed eddie ted ned",
    "frederick fred freddie",
    "lawrence laurence larry",
    "gerald gerry jerry",
    "jeremy jerry",
    "ronald ron ronnie",
    "donald don donnie",
    "kenneth ken kenny",
    "timothy tim timmy",
    "peter pete",
    "charles charlie chuck chas",
    "henry harry hank",
    "joshua josh",
    "zachary zach zack",
    "margaret maggie meg peggy",
    "abigail abby",
    "rebecca becky becca",
    "victoria vicky tori",
    "philip phillip phil",
    "douglas doug",
    "jeffrey jeffery jeff",
    "eugene gene",
    "raymond ray",
    "walter walt",
    "albert al bert",
    "alan allan allen al",
    "leslie les",
    "deborah debra debbie deb",
    "nathaniel nathan nat nate",
    "theodore theo ted teddy",
    "gabriel gabe",
    "frances fran",
    "francis frank",
    "franklin frank",
    "kimberly kim",
    "pamela pam",
    "cynthia cindy",
    "judith judy",
    "barbara barb",
    "isabel isabelle bella",
    "valerie val",
]


def _other_forms_index() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for group in GIVEN_NAME_FORMS:
        names = set(group.split())
        for name in names:
            out.setdefault(name, set()).update(names - {name})
    return {name: frozenset(others) for name, others in out.items()}


_OTHER_FORMS = _other_forms_index()


def other_forms(word: str) -> frozenset[str]:
    """The other given-name forms of a folded word ("steve" -> stephen, steven, stevie)."""
    return _OTHER_FORMS.get(word, frozenset())
