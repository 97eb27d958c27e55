"""Name mentions of people (directory.extract.mentions), on parses given by hand."""

from __future__ import annotations

import pytest
from test_extract_entities import SURNAME_AS_PLACE, parsed

from directory.extract.mentions import find_name_mentions
from directory.extract.nlp import load_nlp


def names(doc) -> list[str]:
    return [m.text for m in find_name_mentions(doc, [False] * len(doc))]


def test_a_speaker_tagged_as_a_place_is_named_when_the_text_gives_the_surname_in_full():
    doc = parsed(SURNAME_AS_PLACE, ents=[(0, 2, "PERSON"), (8, 9, "GPE")])
    assert names(doc) == ["Eddie Garvin", "Garvin"]


def test_a_place_that_speaks_is_no_person_when_nobody_bears_its_name():
    alone = [(w, pos, dep, head - 4) for w, pos, dep, head in SURNAME_AS_PLACE[4:]]
    assert names(parsed(alone, ents=[(4, 5, "GPE")])) == []


def test_a_people_after_a_role_noun_is_no_name():
    # "..., hotelier, fellow Asian Indian, and party fundraiser."
    tokens = [
        ("hotelier", "NOUN", "ROOT", 0),
        (",", "PUNCT", "punct", 0),
        ("fellow", "NOUN", "compound", 4),
        ("Asian", "PROPN", "compound", 4),
        ("Indian", "PROPN", "appos", 0),
        (".", "PUNCT", "punct", 0),
    ]
    assert names(parsed(tokens, ents=[(3, 4, "NORP"), (4, 5, "NORP")])) == []


def test_one_word_after_a_role_noun_is_a_name():
    # "... said Suprnova administrator Sloncek."
    tokens = [
        ("said", "VERB", "ROOT", 0),
        ("Suprnova", "PROPN", "compound", 2),
        ("administrator", "NOUN", "compound", 3),
        ("Sloncek", "PROPN", "nsubj", 0),
        (".", "PUNCT", "punct", 0),
    ]
    assert names(parsed(tokens, ents=[(3, 4, "ORG")])) == ["Sloncek"]


def test_a_post_made_only_of_title_words_is_no_name():
    doc = load_nlp()("The Lord Chief Justice, Lord Woolf, said it was pioneering work.")
    assert names(doc) == ["Lord Woolf"]


def test_a_role_word_before_a_full_name_is_not_part_of_it():
    doc = load_nlp()("Broadcaster Chris Evans has begun selling his possessions.")
    assert names(doc) == ["Chris Evans"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lib Dem Norman Baker said it was shameful.", "Norman Baker"),
        ("Labour Ann Lee spoke at the rally.", "Ann Lee"),
    ],
)
def test_a_party_before_a_full_name_is_not_part_of_it(text, name):
    assert names(load_nlp()(text)) == [name]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('Drummer Larry Mullen said the tour was "the best".', ["Larry Mullen"]),
        # an office after it stays, as an honorific does
        ('Families Minister Margaret Hodge said it was "a good day".', ["Minister Margaret Hodge"]),
        # a first word that is a given name opens the name itself
        ('Mary Ann Hale said it was "a good day".', ["Mary Ann Hale"]),
    ],
)
def test_a_common_noun_opening_the_sentence_before_a_given_name_is_not_part_of_it(text, found):
    assert names(load_nlp()(text)) == found


def test_a_word_before_a_full_name_the_text_also_writes_without_it_is_not_part_of_it():
    # speaker identity: "Vermonter Ann Selby" is the Ann Selby named before
    text = "Ann Selby spoke in Iowa. Later, Vermonter Ann Selby said the vote was a great moment."
    assert names(load_nlp()(text)) == ["Ann Selby", "Ann Selby"]


def _with_label(text: str, name: str, label: str):
    """The text parsed, with `name` (each time) given the model's label `label`."""
    doc = load_nlp()(text)
    spans = []
    start = 0
    while (at := text.find(name, start)) >= 0:
        spans.append(doc.char_span(at, at + len(name), label=label))
        start = at + len(name)
    doc.ents = spans
    return doc


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # speaker identity: a first name alone, set after a family noun, read as a place
        ("Ann Lee spoke first. Her husband, Tomas, is due to speak later.", "Tomas"),
        # a full name after a role noun, read as a place
        (
            "The firm is now run by an administrator, Enrico Valli, who has sued 80 banks.",
            "Enrico Valli",
        ),
    ],
)
def test_a_name_set_after_a_noun_for_a_person_is_a_person(text, name):
    assert name in names(_with_label(text, name, "GPE"))


def test_a_name_set_after_a_noun_for_a_thing_is_no_person():
    text = "The ship docked at its home port, Valletta, on Monday."
    assert names(_with_label(text, "Valletta", "GPE")) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # speaker identity: family members who share a surname are two people, each with it
        (
            "Clay's biographers, David and Jeanne Heidler, wrote that he was stubborn.",
            [["David", "Heidler"], ["Jeanne", "Heidler"]],
        ),
        # a given name before "and" and a lone surname shares nothing
        ("David and Heidler met.", [["David"], ["Heidler"]]),
    ],
)
def test_a_given_name_before_and_a_full_name_shares_its_surname(text, words):
    doc = load_nlp()(text)
    found = [m.words for m in find_name_mentions(doc, [False] * len(doc))]
    assert found == words


# "... a settlement, her lawyer, Perry Wander, said." as the model reads it: "lawyer" joined to
# "settlement", the name its appositive, "said" left without a subject.
LAWYER_SAID = [
    ("a", "DET", "det", 1),
    ("settlement", "NOUN", "ROOT", 1),
    (",", "PUNCT", "punct", 1),
    ("her", "PRON", "poss", 4),
    ("lawyer", "NOUN", "conj", 1),
    (",", "PUNCT", "punct", 4),
    ("Perry", "PROPN", "compound", 7),
    ("Wander", "PROPN", "appos", 4),
    (",", "PUNCT", "punct", 4),
    ("said", "VERB", "ROOT", 9),
    (".", "PUNCT", "punct", 9),
]


@pytest.mark.parametrize(("verb", "subject"), [("said", True), ("smiled", False)])
def test_the_name_before_a_reporting_verb_left_without_a_subject_is_its_subject(verb, subject):
    # category 5: a pronoun after "her lawyer, Perry Wander, said" goes on with Wander, so his
    # mention ranks as a subject, like any speaker's
    rows = [(w if w != "said" else verb, pos, dep, head) for w, pos, dep, head in LAWYER_SAID]
    doc = parsed(rows, ents=[(6, 8, "PERSON")])
    for tok in doc:
        tok.tag_ = "VBD" if tok.pos_ == "VERB" else tok.tag_
    [mention] = find_name_mentions(doc, [False] * len(doc))
    assert mention.text == "Perry Wander" and mention.subject is subject


@pytest.mark.parametrize("body", ["US Embassy", "British Embassy"])
def test_a_body_before_a_role_noun_is_no_name(body):
    # category 4: "A US Embassy spokesman said": the model's organisation before the role is
    # the body the unnamed spokesman speaks for, not a person the role vouches for
    doc = load_nlp()(f'Artists face delays. A {body} spokesman said: "We are aware of it."')
    assert names(doc) == []


def test_a_gendered_noun_a_name_stands_beside_gives_its_gender_but_not_through_whose():
    # category 1: "Her husband, Saeed Abedi," is a man (so "Mrs. Abedi" is not him), but
    # "Dorothy Wood, whose husband, ..." says nothing of Dorothy Wood
    doc = load_nlp()(
        "Her husband, Saeed Abedi, was free. Dorothy Wood, whose husband, Ty Wood, died, spoke."
    )
    genders = {m.text: m.gender for m in find_name_mentions(doc, [False] * len(doc))}
    assert genders["Saeed Abedi"] == "m"
    assert genders["Dorothy Wood"] != "m"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # category 1: the last word of an office or body's name is no given name the model
        # left out
        (
            "Director of National Intelligence James Clapper said the threat was real.",
            ["James Clapper"],
        ),
        ("Senate Minority Whip Dick Durbin said the bill was dead.", ["Dick Durbin"]),
        # (after an honorific it still may be: "Prince Alwaleed Bin Talal")
        ("Saudi Prince Alwaleed Bin Talal mocked the retweet.", ["Prince Alwaleed Bin Talal"]),
    ],
)
def test_a_word_ending_an_office_before_a_name_is_not_part_of_it(text, found):
    assert names(load_nlp()(text)) == found
