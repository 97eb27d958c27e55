"""Places every reader knows: countries, continents, world regions, the UK's nations, the US
states and the largest cities.

The model tags an unknown firm as a place as readily as a country ("co-founder of Blinvo" and
"president of France" both read GPE), so a role's "of"/"for" object can only be taken for an
employer once it is no place a reader would know. Towns are left out on purpose: a text that
uses one as a place says so ("in Burnley"), which `docorgs.OrgIndex.used_as_place` reads.
"""

from __future__ import annotations

from directory.text import word_set

# One word each, lower case; a name of several words is a place when any of its words is one
# ("North Yorkshire", "Asia Pacific", "South Korea").
PLACE_WORDS = word_set(
    """
    afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
    bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia
    botswana brazil brunei bulgaria burma burundi cambodia cameroon canada chad chile china
    colombia congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea
    estonia ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada
    guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland
    israel italy jamaica japan jordan kazakhstan kenya kosovo kuwait kyrgyzstan laos latvia
    lebanon lesotho liberia libya liechtenstein lithuania luxembourg macedonia madagascar
    malawi malaysia maldives mali malta mauritania mauritius mexico moldova monaco mongolia
    montenegro morocco mozambique myanmar namibia nepal netherlands holland nicaragua niger
    nigeria norway oman pakistan palestine panama paraguay peru philippines poland portugal
    qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia
    somalia spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand
    togo tonga tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan vanuatu venezuela
    vietnam yemen zambia zimbabwe
    africa america americas antarctica arctic asia australasia balkans baltic caribbean
    europe eurozone gulf oceania pacific atlantic scandinavia siberia
    north south east west northern southern eastern western central middle far
    britain england scotland wales ulster uk gb us usa
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    london paris berlin tokyo beijing shanghai moscow rome madrid brussels amsterdam geneva
    zurich frankfurt vienna dublin edinburgh cardiff belfast manchester birmingham glasgow
    chicago boston houston dallas atlanta seattle miami detroit sydney melbourne toronto
    montreal vancouver mumbai delhi bombay calcutta karachi lagos cairo nairobi johannesburg
    dubai riyadh tehran baghdad jerusalem istanbul athens lisbon warsaw prague stockholm
    oslo copenhagen helsinki seoul bangkok jakarta manila hanoi kabul islamabad
    """
)
# Names of several words whose words alone are no place ("Hong Kong", "Sri Lanka").
PLACE_NAMES = frozenset(
    {
        "hong kong",
        "sri lanka",
        "new zealand",
        "new york",
        "new jersey",
        "new mexico",
        "new hampshire",
        "los angeles",
        "san francisco",
        "silicon valley",
        "costa rica",
        "el salvador",
        "puerto rico",
        "sierra leone",
        "burkina faso",
        "ivory coast",
        "abu dhabi",
        "tel aviv",
        "cape town",
        "buenos aires",
        "rio de janeiro",
        "sao paulo",
        "kuala lumpur",
        "saudi arabia",
        "trinidad and tobago",
        "rhode island",
        "united states",
        "united kingdom",
        "united arab emirates",
        "czech republic",
        "dominican republic",
    }
)


def is_known_place(name: str) -> bool:
    """True for a country, region, US state or large city, or a name built on one ("North
    Yorkshire", "Asia Pacific", "New York"), as opposed to a name no reader would place."""
    lower = name.lower().replace(".", "")
    if lower in PLACE_NAMES:
        return True
    return any(word.strip(",'’") in PLACE_WORDS for word in lower.replace("-", " ").split())


# Words a country's or region's full name may have besides its place words ("Republic of
# Ireland", "Kingdom of Saudi Arabia").
PLACE_NAME_FILLERS = word_set(
    "republic kingdom state states island islands of the and greater upper lower new"
)
DIRECTIONS = word_set("north south east west northern southern eastern western central")


def is_only_a_place(name: str) -> bool:
    """True for a name that is a place and nothing more ("Iran", "South Korea", "Republic of
    Ireland"), not a body named for one ("GM Europe", "Texas Instruments")."""
    lower = name.lower().replace(".", "")
    for known in PLACE_NAMES:
        lower = lower.replace(known, " ")
    words = [w.strip(",'’") for w in lower.replace("-", " ").split()]
    if len(words) in (2, 3) and words[0] in DIRECTIONS:
        return True  # "South Korea", "North Yorkshire": a region, whatever its other words
    found = len(words) < len(name.split()) or any(w in PLACE_WORDS for w in words)
    return found and all(w in PLACE_WORDS or w in PLACE_NAME_FILLERS for w in words)
