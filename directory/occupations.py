"""Occupations: the words of political offices, the sectors jobs fall in, and the roles a person
is named by. Resolution compares them (a farmer and a chief economist are two people); the
not-a-person rule reads them ("Aides said" names nobody)."""

from __future__ import annotations

from collections.abc import Iterable

from directory.text import word_set

# Stems of political offices: two people who both hold or seek one may hold different ones over
# the years (a senator becomes president), so their roles do not conflict.
POLITICAL_STEMS = frozenset(
    w[:5]
    for w in word_set(
        """president presidential senator minister prime chancellor secretary governor mayor
        congressman congresswoman representative mp mep candidate nominee leader premier king
        queen ambassador diplomat councillor councilman speaker shadow commissioner politician
        lawmaker legislator campaign cabinet envoy whip taoiseach"""
    )
)

# Occupations by sector: two people whose roles fall only in different sectors (a farmer, a
# chief economist) are two people; ranks and jobs found in every sector (director, adviser,
# spokesman, founder) say nothing either way and are in none.
SECTOR_WORDS = {
    sector: frozenset(words.split())
    for sector, words in {
        "academia": """professor lecturer scholar researcher scientist academic historian
            economist sociologist psychologist physicist chemist biologist demographer
            political-scientist dean fellow""",
        "finance": """economist analyst banker trader investor broker accountant actuary
            fund-manager""",
        "politics": " ".join(sorted(POLITICAL_STEMS)) + " aide strategist pollster operative",
        "law": "lawyer attorney barrister solicitor judge prosecutor counsel",
        "media": """editor journalist reporter columnist correspondent critic broadcaster
            presenter host writer author novelist commentator blogger""",
        "medicine": "doctor surgeon nurse physician gp paramedic pharmacist psychiatrist",
        "trades": """farmer plumber builder electrician driver miner fisherman shopkeeper
            mechanic labourer worker baker butcher""",
        "arts": "actor actress singer musician artist dancer comedian composer rapper",
        "sport": "player footballer athlete coach striker goalkeeper cricketer",
        "religion": "bishop priest vicar rabbi imam cleric archbishop",
        "security": "soldier colonel sergeant constable detective commander admiral",
    }.items()
}
SECTORS = {sector: frozenset(w[:5] for w in words) for sector, words in SECTOR_WORDS.items()}
# Roles a person is named by ("Leader", "Aides said"): alone they name nobody in particular, and
# in front of a name ("Treasurer Peter Costello", "Novelist Arthur Hailey") they are no part of it.
ROLE_WORDS = word_set(
    """leader supervisor lawmaker aide staff staffer executive head chief official spokesman
    spokeswoman spokesperson analyst expert minister secretary chairman director manager
    president governor senator candidate nominee adviser advisor source insider treasurer"""
)
OCCUPATION_WORDS = ROLE_WORDS.union(*SECTOR_WORDS.values())


def sectors_of(roles: Iterable[str]) -> set[str]:
    """The sectors a set of stemmed role words belongs to."""
    roles = set(roles)
    return {sector for sector, stems in SECTORS.items() if roles & stems}
