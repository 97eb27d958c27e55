"""Word lists as data: reporting (cue) verbs, honorifics and role nouns.

What each list matches, with example sentences:
    "Q," X said.  /  "Q," said X.  /  X said: "Q"  /  X told the BBC that ...  ->  SPEECH_VERBS
    X believes that ...  /  X thinks the plan will fail                      ->  VIEW_VERBS
    Dr Nobles, Mr. Frasca, Sen. Patty Murray, Lt. Gen. Mick Bednarek         ->  HONORIFICS
    "Q," the professor said.                                                 ->  ROLE_NOUNS
    George Washington University (tagged PERSON by the model)                ->  NOT_PERSON_WORDS
    "Q," the researchers said.                                               ->  EXPERT_WORDS

The vocabularies that decide a person's kind are in `directory.extract.roles`.
"""

from __future__ import annotations

# Honorifics are word lists every stage shares (directory.text); extraction reads them here.
from directory.text import COURTESY_HONORIFICS as COURTESY_HONORIFICS
from directory.text import HONORIFICS as HONORIFICS


def _forms(*stems: str) -> frozenset[str]:
    """Verb forms for each stem: 'say:said:says:saying' as given, or a regular verb inflected."""
    out: set[str] = set()
    for stem in stems:
        if ":" in stem:
            out.update(stem.split(":"))
            continue
        e = stem[:-1] if stem.endswith("e") else stem
        if stem.endswith("y") and stem[-2] not in "aeiou":
            out.update({stem, stem[:-1] + "ied", stem[:-1] + "ies", stem + "ing"})
        else:
            s = stem + ("es" if stem.endswith(("s", "sh", "ch", "x", "z")) else "s")
            out.update({stem, e + "ed", s, e + "ing"})
    return frozenset(out)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that introduce speech or a stated view, direct or reported.
SPEECH_VERBS = _forms(
    "say:said:says:saying",
    "tell:told:tells:telling",
    "write:wrote:writes:writing:written",
    "think:thought:thinks:thinking",
    "speak:spoke:speaks:speaking:spoken",
    "feel:felt:feels:feeling",
    "find:found:finds:finding",
    *_words(
        """add explain note argue warn state claim insist observe suggest comment remark declare
    announce acknowledge admit concede contend assert predict reply respond continue caution
    stress emphasise emphasize point recall agree maintain complain conclude confirm deny urge
    believe reckon estimate calculate describe characterise characterize call express frame ask
    tweet joke quip muse recount question worry fear report testify reveal mention signal
    hope expect tip accuse pledge cite vow promise assure welcome dismiss recommend propose
    concur
    """
    ),
)
# Verbs that are speech on their own (used when the speaker is named only after the quote).
STRONG_SPEECH_VERBS = _forms(
    "say:said:says:saying",
    "tell:told:tells:telling",
    "write:wrote:writes:writing:written",
    *_words(
        """add explain note argue warn state insist observe comment remark declare reply respond
    continue ask tweet"""
    ),
)
# Verbs of view, not speech: their subject is quoted only when a clause follows (X believes that).
VIEW_VERBS = _forms(
    "think:thought:thinks:thinking",
    "feel:felt:feels:feeling",
    "find:found:finds:finding",
    *_words("believe reckon fear worry hope expect promise vow pledge welcome"),
)
# Verbs whose reported content is their object: 'accused the chancellor of using ...',
# 'tipped Phil Davis for a prize', 'urged ministers to act'.
OBJECT_CUE_VERBS = _forms(*_words("accuse tip urge"))

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
SUBJECT_PRONOUNS = {"he": "m", "she": "f"}

# Words that show a PERSON entity is really an organization, place, work or event.
NOT_PERSON_WORDS = _words(
    """university college institute institution school center centre foundation association
    society council committee department ministry agency bank group inc corp corporation
    company ltd llc plc party union church hospital museum library academy press news times
    post journal magazine street avenue square airport award awards prize act report house
    project program programme fund trust network studios records media cup league
    club festival research securities capital partners united city rovers
    athletic san santa los las fort port europe america asia africa international global
    holdings"""
)

# Nouns that designate a person by role: "the professor said".
ROLE_NOUNS = _words(
    """professor analyst economist researcher scientist expert historian spokesman spokeswoman
    spokesperson minister senator president governor chairman chairwoman director official
    lawyer attorney strategist consultant chancellor secretary leader candidate nominee mayor
    judge editor critic author adviser advisor executive chief founder scholar lecturer fellow
    diplomat commissioner ambassador congressman congresswoman lawmaker politician head manager
    boss doctor specialist psychologist sociologist pollster campaigner activist correspondent
    administrator prosecutor general officer veteran"""
)

# Words of experts' descriptors that also designate a person by role: "the researchers said".
EXPERT_WORDS = _words(
    """professor prof analyst analysts economist researcher researchers scientist scientists
    expert historian strategist consultant scholar lecturer fellow specialist pollster
    psychologist sociologist academic critic reviewer editor guru qc theorist demographer
    futurist commentator author observer watcher research studies teaches economics physician
    epidemiologist statistician columnist journalist tracks monitors researches analyses"""
)
