"""Common English given-name forms that name the same person ("Steve Vladek" -> Stephen Vladeck).

Each group lists interchangeable forms; a query word in a group also matches the others.
"""

from __future__ import annotations

GROUPS = [
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


def _index() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for group in GROUPS:
        names = set(group.split())
        for name in names:
            out.setdefault(name, set()).update(names - {name})
    return {name: frozenset(others) for name, others in out.items()}


OTHER_FORMS = _index()


def other_forms(word: str) -> frozenset[str]:
    """The other given-name forms of a folded word ("steve" -> stephen, steven, stevie)."""
    return OTHER_FORMS.get(word, frozenset())
