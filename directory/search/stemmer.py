"""A light stemmer for the prose fields: plurals folded, nothing else.

Porter's stemmer cuts words to roots that join unrelated senses, which a reporter notices at
once: "security" and "securities" both became "secur", "policy" and "police" "polic",
"university" and "universe" "univers", "general" and "generous" "gener". This one only folds a
plural into its singular (prices -> price, policies -> policy, analyses -> analysis, women ->
woman) and leaves every other ending alone, so "rates" never matches "ratings" and "computer
security" never matches "securities". Plurals whose sense differs from the singular's
(securities, futures, arms, goods) stay as they are.
"""

from __future__ import annotations

from directory.text import word_set

# Plurals with a sense of their own in the news: folding them would join trading with safety.
OWN_SENSE = word_set(
    """
    arms customs damages earnings futures goods holdings humanities means news odds proceedings
    savings securities series species spirits surroundings whereabouts
    """
)

# Plurals no suffix rule reaches. Each keeps the singular's first three letters, which the
# phrase check of `ranking` relies on (a stemmed word starts as its surface form does).
IRREGULAR = {
    "women": "woman",
    "men": "man",
    "children": "child",
    "analyses": "analysis",
    "crises": "crisis",
    "theses": "thesis",
    "hypotheses": "hypothesis",
    "diagnoses": "diagnosis",
    "syntheses": "synthesis",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "heroes": "hero",
    "vetoes": "veto",
    "echoes": "echo",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "torpedoes": "torpedo",
    "wives": "wife",
    "lives": "life",
    "knives": "knife",
    "halves": "half",
    "thieves": "thief",
    "shelves": "shelf",
    "wolves": "wolf",
    # Plurals of words ending in -che, which the sibilant rule would cut too far.
    "headaches": "headache",
    "niches": "niche",
    "caches": "cache",
    "avalanches": "avalanche",
    "cliches": "cliche",
}

# Endings of singular words that look plural ("crisis", "bonus", "glass", "generous", "physics").
SINGULAR_ENDINGS = ("ss", "us", "is", "ics", "ous")
SIBILANT_ES = ("sses", "xes", "zzes", "ches", "shes")


def light_stem(word: str) -> str:
    """The singular of a lower-case English plural; any other word unchanged."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word in OWN_SENSE or word.endswith(SINGULAR_ENDINGS):
        return word
    if not word.endswith("s"):
        return _ie_as_y(word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"  # policies -> policy, universities -> university
    elif word.endswith(SIBILANT_ES):
        word = word[:-2]  # taxes -> tax, churches -> church, classes -> class
    else:
        word = word[:-1]  # prices -> price, ratings -> rating, voters -> voter
    return _ie_as_y(word)


def _ie_as_y(word: str) -> str:
    # "movies" cannot tell "movie" from "movy": both forms of such words meet at -y.
    return word[:-2] + "y" if len(word) >= 4 and word.endswith("ie") else word
