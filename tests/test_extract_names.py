"""Name parsing and the not-a-person filter (directory.extract.names)."""

from __future__ import annotations

import pytest

from directory.extract.names import fold, honorific_gender, is_person_name, parse_name


@pytest.mark.parametrize(
    ("text", "honorifics", "words", "courtesy"),
    [
        ("Dr. Ren", ["Dr."], ["Ren"], "Dr."),
        ("Lt. Gen. Mick Bednarek", ["Lt.", "Gen."], ["Mick", "Bednarek"], None),
        ("Mr Pouwelse's", ["Mr"], ["Pouwelse"], "Mr"),
        ("Ren Xiao\u2019s", [], ["Ren", "Xiao"], None),
        ("the Reverend Adrian Rodgers", ["Reverend"], ["Adrian", "Rodgers"], None),
        ("Morris J. Brooks Jr.", [], ["Morris", "J.", "Brooks"], None),
        ("Professor", [], ["Professor"], None),
        # a state before an office held as a form of address is no part of the name
        ("OK Gov Fallow", ["Gov"], ["Fallow"], None),
        ("Ohio Gov. John Kasich", ["Gov."], ["John", "Kasich"], None),
        ("John Major Bell", [], ["John", "Major", "Bell"], None),
        # the tokenizer keeps a state's abbreviation with the full stop after it
        ("Norbert Ore.", [], ["Norbert", "Ore"], None),
        ("Morris J.", [], ["Morris", "J."], None),
        # category 1 (speaker identity): a rank spelled out is no part of the name, so
        # "Admiral Harris" meets "Adm. Harry B. Harris Jr."
        ("Admiral Harris", ["Admiral"], ["Harris"], None),
        ("Captain Jane Smith", ["Captain"], ["Jane", "Smith"], None),
        ("Lieutenant Colonel Ann Ray", ["Lieutenant", "Colonel"], ["Ann", "Ray"], None),
        # a nickname in quotation marks is no part of the name
        ('George "Jay" Keyworth', [], ["George", "Keyworth"], None),
        ("John \u201cTig\u201d Tiegen", [], ["John", "Tiegen"], None),
        ("Edward ''Ted'' Kennedy", [], ["Edward", "Kennedy"], None),
    ],
)
def test_parse_name(text, honorifics, words, courtesy):
    parsed = parse_name(text)
    assert (parsed.honorifics, parsed.words, parsed.courtesy) == (honorifics, words, courtesy)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ren Xiao", True),
        ("Kathleen Hall Jamieson", True),
        ("Bill Clinton", True),
        ("Ludwig van Beethoven", True),
        ("Pieter van den Berg", True),
        ("Omar el Sayed", True),
        ("Omar on Sayed", False),
        ("George Washington University", False),
        ("Bank of England", False),
        ("Expert Background: Ren Xiao", False),
        ("NATO", False),
        ("Chancellor", False),
        ("Lycos Europe", False),
        ("Home Office", False),  # a ministry read as a name before "minister"
        ("Cabinet Office", False),
        ("human security", False),
        ("", False),
    ],
)
def test_is_person_name(text, expected):
    assert is_person_name(text) is expected


def test_fold_and_gender():
    assert fold("Zo\u00eb O\u2019Hanlon") == "zoe o'hanlon"
    assert honorific_gender(["Ms"]) == "f"
    assert honorific_gender(["Dr."]) is None
