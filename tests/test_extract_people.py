"""The people of one article (directory.extract.people): which name mentions are one person,
and the full name each person gets. Invented articles, read by the model, and parses given by
hand where a rule depends on the model missing a name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from test_extract_entities import parsed

from directory.extract import extract_article
from directory.extract.people import People
from directory.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@cache
def names_of(text: str) -> list[tuple[str, str | None, str]]:
    """Each quoted person's (name, given name, family name)."""
    article = Article(text=text, title=text.split("\n", 1)[0])
    return [(p.name, p.given_name, p.family_name) for p in extract_article(article).people]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a double surname, called by its first part
            "The port authority will sell new bonds next month, said Marisol Quintero Llanos, the"
            " authority's president.\n\nQuintero said the sale would cover repairs. \"We have no"
            ' other choice," Quintero said.',
            ("Marisol Quintero Llanos", "Marisol", "Llanos"),
        ),
        (  # a long name, called by a middle word
            "President Carlos Alberto Romero da Silva signed the bill on Monday.\n\n"
            '"This is a good day for workers," Romero said. Mr Romero\'s party had opposed it.',
            ("Carlos Alberto Romero da Silva", "Carlos", "Silva"),
        ),
        (  # a hyphenated surname, cut at the hyphen in the headline
            "Fenwick-Hale to stand again\n\nFormer broadcaster Robert Fenwick-Hale will contest"
            ' the seat again.\n\nMr Fenwick-Hale said: "The voters deserve a real choice."',
            ("Robert Fenwick-Hale", "Robert", "Fenwick-Hale"),
        ),
        (  # a name never ends with its middle initial
            "County prosecutor Dana R Holloway Jr, who led the case, said no charges would be"
            ' filed.\n\n"The evidence was not there," Holloway said.',
            ("Dana R Holloway", "Dana", "Holloway"),
        ),
        (  # particles, and the surname with its particles alone
            "Jury director Marieke van der Stoel said the festival would open with a short"
            ' film.\n\n"It is a brave choice," van der Stoel said.',
            ("Marieke van der Stoel", "Marieke", "Stoel"),
        ),
        (  # Sir goes with the given name: no family-name-first order
            "Sir Edmund Thorley was head of the county's schools for a decade.\n\n"
            '"He never missed a day," said a colleague. Sir Edmund said: "I was lucky."',
            ("Edmund Thorley", "Edmund", "Thorley"),
        ),
        (  # Dame and a given name before the full name
            'Dame Helen said the theatre would close in June. "It breaks my heart," Dame Helen'
            " said.\n\nDame Helen Carter, 71, has run the theatre since 1990.",
            ("Helen Carter", "Helen", "Carter"),
        ),
        (  # a stage name with a number
            'Rapper 7 Tower has ended his feud with a former protege. "We want to be role'
            ' models," 7 Tower said.\n\nIn a radio interview, 7 Tower said the pair had talked.',
            ("7 Tower", "7", "Tower"),
        ),
        (  # a nickname in quotes between the given name and the surname
            'The deal was the idea of board member Walter "Chip" Brannock.\n\nBrannock said he'
            ' had pressed for it for a year. "It was obvious," Brannock said.',
            ("Walter Brannock", "Walter", "Brannock"),
        ),
        (  # a singer known by her first name, whose full name the article gives
            'The singer Marla said the tour would go ahead. "We will play every date," Marla'
            " said.\n\nBorn Marla Quayle in Leeds, she signed her first deal at 16.",
            ("Marla Quayle", "Marla", "Quayle"),
        ),
        (  # a surname that is also a role word: titles come before a name, not after it
            "Senate race tightens\n\nThe senator will face former Lt. Gov. Sally Judge (D) in"
            ' November. "I am ready for this fight," Judge said on Tuesday.',
            ("Sally Judge", "Sally", "Judge"),
        ),
        (  # a party word the model took into the name
            "Budget row\n\nBut fellow Tory Harriet Wolsey-Barnes said the folly of the system was"
            ' plain. "It cannot last," she said.',
            ("Harriet Wolsey-Barnes", "Harriet", "Wolsey-Barnes"),
        ),
        (  # a list whose dashes touch the names
            "What to read\n-Tessa Marlow explains why the vote was close.\n",
            ("Tessa Marlow", "Tessa", "Marlow"),
        ),
    ],
)
def test_one_person_gets_the_full_name_the_article_gives(text, expected):
    assert names_of(text) == [expected]


def test_a_surname_with_mr_does_not_join_a_full_name_with_that_first_name():
    text = (
        'Mr Morgan said the plan would fail. "It cannot work," Mr Morgan said.\n\n'
        "Morgan Ellis, the council leader, disagreed."
    )
    assert names_of(text)[0][0] == "Morgan"


def test_a_prince_is_not_the_namesake_whose_given_name_is_his_name():
    text = (
        'Prince Edward said the charity would expand. "We owe it to the children," Prince'
        ' Edward said.\n\nThe trust\'s chairman, Edward Hale, agreed. "It is the right time,"'
        " Mr Hale said."
    )
    assert [name for name, _, _ in names_of(text)] == ["Edward", "Edward Hale"]


def test_a_courtesy_title_of_the_other_gender_is_another_person():
    # Mrs Grant is his wife: the given name Michael says the full name is a man's
    text = (
        'Leader backs plan\n\nMichael Grant, the party leader, backed the plan. "It is the'
        ' right thing to do," Mr Grant said.\n\nMrs Grant, a teacher, said: "We are very proud'
        ' of him."'
    )
    assert [name for name, _, _ in names_of(text)] == ["Michael Grant", "Grant"]


def test_a_ministry_before_a_role_is_no_person():
    text = (
        "Prison places row grows\n\nA former Home Office minister has called for a review of"
        ' sentencing rules. "The system is at breaking point," she said.\n\nA Cabinet Office'
        ' spokesman said the plan was sound. "It will work," he said.'
    )
    assert names_of(text) == []


def test_a_name_whose_short_form_is_a_firms_first_word_is_the_firm():
    # category 4 (kind): "France's Morvan Valtier ... Morvan shares slipped. Morvan said": the
    # one-word form is the first word, not a surname, and has shares; the man whose one-word
    # form is his family name, written first, stays a person
    text = (FIXTURES / "drinks-bid.txt").read_text(encoding="utf-8")
    found = extract_article(Article(text=text, title=text.split("\n", 1)[0]))
    assert [p.name for p in found.people] == ["Qin Dawei"]
    assert [s.organization for s in found.statements] == ["Morvan Valtier"]


def build(tokens, ents) -> People:
    doc = parsed(tokens, ents=ents)
    return People(doc, [False] * len(doc), lambda pos: 0).build()


# "Naureen Jahangir, a voter, agreed. Jahangir said so." with the first name untagged.
UNTAGGED_GIVEN_NAME = [
    ("Naureen", "PROPN", "compound", 1),
    ("Jahangir", "PROPN", "nsubj", 6),
    (",", "PUNCT", "punct", 1),
    ("a", "DET", "det", 4),
    ("voter", "NOUN", "appos", 1),
    (",", "PUNCT", "punct", 1),
    ("agreed", "VERB", "ROOT", 6),
    (".", "PUNCT", "punct", 6),
    ("Jahangir", "PROPN", "nsubj", 9),
    ("said", "VERB", "ROOT", 9),
    ("so", "ADV", "advmod", 9),
    (".", "PUNCT", "punct", 9),
]


def test_a_one_word_person_takes_the_given_name_the_text_writes_before_it():
    people = build(UNTAGGED_GIVEN_NAME, ents=[(8, 9, "PERSON")])
    assert [c.words for c in people.clusters if c.mentions] == [["Naureen", "Jahangir"]]


def test_a_known_given_name_counts_whatever_the_tagger_calls_it():
    # "Will Jahangir, a voter, agreed.": "Will" read as an auxiliary verb
    tokens = [("Will", "AUX", "aux", 6), *UNTAGGED_GIVEN_NAME[1:]]
    people = build(tokens, ents=[(8, 9, "PERSON")])
    assert [c.words for c in people.clusters if c.mentions] == [["Will", "Jahangir"]]
    tokens[0] = ("Shall", "AUX", "aux", 6)
    people = build(tokens, ents=[(8, 9, "PERSON")])
    assert [c.words for c in people.clusters if c.mentions] == [["Jahangir"]]


# "Naureen Jahangir left. Yusuf Jahangir stayed. Jahangir said so."
TWO_GIVEN_NAMES = [
    ("Naureen", "PROPN", "compound", 1),
    ("Jahangir", "PROPN", "nsubj", 2),
    ("left", "VERB", "ROOT", 2),
    (".", "PUNCT", "punct", 2),
    ("Yusuf", "PROPN", "compound", 5),
    ("Jahangir", "PROPN", "nsubj", 6),
    ("stayed", "VERB", "ROOT", 6),
    (".", "PUNCT", "punct", 6),
    ("Jahangir", "PROPN", "nsubj", 9),
    ("said", "VERB", "ROOT", 9),
    ("so", "ADV", "advmod", 9),
    (".", "PUNCT", "punct", 9),
]


def test_two_given_names_before_one_surname_leave_it_alone():
    people = build(TWO_GIVEN_NAMES, ents=[(8, 9, "PERSON")])
    assert [c.words for c in people.clusters if c.mentions] == [["Jahangir"]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "Poll Finds ...": the model may read the capitalised noun as a name; a poll, a study
        # or a survey is neither a person nor a body whose words these are
        (
            "Poll finds Ortiz would beat Kell\n\n"
            "A new poll finds Paula Ortiz would beat Tom Kell.\n\n"
            '"This is a big lead," said Ann Selzer, a pollster.\n',
            "Ann Selzer",
        ),
        # category 1: "state" after "secretary of" is the office's, not a kind of body
        (
            "Race tightens\n\nIn the Democratic race, Sen. Tom Reed kept his double-digit lead"
            " over former secretary of state Ann Corrigan.\n\n\"It's going to be a race to the"
            ' finish," Ann Corrigan said.',
            "Ann Corrigan",
        ),
    ],
)
def test_the_one_person_quoted_and_no_body(text, name):
    found = extract_article(Article(text=text))
    assert [p.name for p in found.people] == [name]
    assert found.statements == []


def test_a_police_rank_abbreviated_names_the_same_person():
    text = (
        "Fraud gang charged\n\nThe head of the unit, Acting Detective Chief Superintendent, "
        'Mick Dalby, said: "This investigation has disrupted organised criminals."\n\n'
        'Chief Supt Dalby went on to warn: "Your identity is precious."\n'
    )
    assert [p.name for p in extract_article(Article(text=text)).people] == ["Mick Dalby"]


def test_a_double_surname_names_the_person_written_in_full():
    # speaker identity: "Saumarez Smith" is Charles Saumarez Smith, not someone else
    text = (
        "Charles Saumarez Smith, director of the gallery, said visits rose. "
        '"We are delighted," said Mr Saumarez Smith.'
    )
    people = extract_article(Article(text=text)).people
    assert [(p.name, len(p.quotes)) for p in people] == [("Charles Saumarez Smith", 2)]


BOARD_ROW = FIXTURES / "board-row.txt"


@cache
def board_row_people() -> dict[str, list[str]]:
    text = BOARD_ROW.read_text(encoding="utf-8")
    return {p.name: sorted(p.aliases) for p in extract_article(Article(text=text)).people}


@pytest.mark.parametrize(
    ("name", "aliases"),
    [
        # category 1: a given name alone after a word of family ("His wife Selma") is the
        # person the text later names in full
        ("Selma Kessar", ["Selma"]),
        # a baroness is addressed by her surname, as a lady is
        ("Patricia Hollis", ["Baroness Hollis", "Lady Hollis"]),
        # a barrister's letters after a name the model reads as a body's
        ("Guy Penfold", []),
    ],
)
def test_board_row_people(name, aliases):
    assert board_row_people()[name] == aliases


BURGLAR = FIXTURES / "burglar-tackled.txt"


def test_a_given_name_read_as_a_name_at_every_mention_joins_the_full_name():
    # category 1: "Jonno said he was ..." after "Rock star Jonno Kestrel", and "His wife Marla"
    # before "Marla Kestrel"
    text = BURGLAR.read_text(encoding="utf-8")
    people = {p.name: p.aliases for p in extract_article(Article(text=text)).people}
    assert sorted(people) == ["Jonno Kestrel", "Marla Kestrel"]
    assert "Jonno" in people["Jonno Kestrel"]
    assert "Marla" in people["Marla Kestrel"]


CANDIDATE = FIXTURES / "candidate-husband.txt"


def quotes_by_person(text: str) -> dict[str, list[str]]:
    return {p.name: [q.text for q in p.quotes] for p in extract_article(Article(text=text)).people}


@cache
def candidate_people() -> dict[str, list[str]]:
    return quotes_by_person(CANDIDATE.read_text(encoding="utf-8"))


def test_a_name_right_after_a_role_noun_is_a_person_whatever_the_parse():
    # category 1: "GOP presidential candidate Carly Brennan strode onstage": the parser reads
    # "Brennan strode onstage" as a compound noun; the name after "candidate" is still hers,
    # and so are the "she said" quotes that follow and "Brennan told staff" after her
    # husband's name
    people = candidate_people()
    assert "There are two kinds of leaders" in people["Carly Brennan"]
    assert "If you are not leading, you are failing" in people["Carly Brennan"]
    assert "the deal was sound" in people["Carly Brennan"]
    assert "Frank Brennan" not in people


def test_the_surname_alone_stays_with_the_person_a_kinsman_is_introduced_by():
    # category 1: "her husband, Frank Lindqvist" comes after the text has called her
    # "Lindqvist"; "Lindqvist told staff" later is still her, and the husband says nothing
    text = (
        "Lindqvist pushed ahead with the merger\n\n"
        "Board chair Carla Lindqvist said the vote would be close. Lindqvist, 58, declined to be"
        " interviewed. Flying home, she told her husband, Frank Lindqvist, that it would be"
        ' "a fight from start to finish."\n\n'
        "Lindqvist told staff that the deal was sound."
    )
    people = quotes_by_person(text)
    assert list(people) == ["Carla Lindqvist"]
    assert "the deal was sound" in people["Carla Lindqvist"]


def test_a_kinsman_named_before_any_surname_alone_takes_it_as_before():
    # "Jeb Lorne ... his older brother, George Lorne": no one was "Lorne" alone before the
    # brother, so "Mr. Lorne" after him is the brother, as the most recent name
    text = (
        "Jeb Lorne, helped by George, goes after his rival\n\n"
        "The Lorne family rallied on Monday. Jeb Lorne brought his older brother, George Lorne,"
        " to vouch for him.\n\n"
        '"Labels are for soup cans," Mr. Lorne told the crowd.'
    )
    people = quotes_by_person(text)
    assert people == {"George Lorne": ["Labels are for soup cans"]}


def test_words_the_parser_hangs_on_a_name_from_inside_a_quote_describe_nobody():
    # category 4: "[Green Party hopeful Jill] Stein voters" is the speaker's words, not her
    # description: the polling guru is an expert, no official
    text = (
        "Clinton strategy\n\n"
        '"Clinton needs a strategy for targeting [Libertarian candidate Gary] Johnson & [Green'
        ' Party hopeful Jill] Stein voters," Dale Burrow, the polling guru who founded'
        ' pollcast.com tweeted on Wednesday. "They are clearly drawing more from her side of the'
        ' ledger now."'
    )
    people = extract_article(Article(text=text)).people
    assert [(p.name, p.kind, p.title) for p in people] == [
        ("Dale Burrow", "expert", "polling guru")
    ]


def test_a_rank_spelled_out_is_the_same_person_as_its_abbreviation():
    # category 1 (speaker identity): "Admiral Harris" is "Adm. Harry B. Harris Jr.", not a
    # second person
    text = (
        "Adm. Harry B. Harris Jr., who leads the Pacific Command, spoke on Monday.\\n\\n"
        '"We are ready," Admiral Harris said.'
    )
    result = extract_article(Article(text=text))
    assert [(p.name, len(p.quotes)) for p in result.people] == [("Harry B. Harris", 1)]


def test_a_name_with_a_nickname_in_quotation_marks_keeps_its_title():
    # category 2 (titles): the title before 'George "Jay" Keyborne' is his; the quoted
    # nickname had made the whole no name, and the title was lost
    text = (
        'It came from the nuclear physicist George "Jay" Keyborne. "It is a deal," Keyborne said.'
    )
    [person] = extract_article(Article(text=text)).people
    assert (person.name, person.title, person.kind) == (
        "George Keyborne",
        "nuclear physicist",
        "expert",
    )


@pytest.mark.parametrize(
    "text",
    [
        # category 1 (who a person is): a surname alone one slip of the keyboard from the
        # surname of one person named is theirs: letters swapped, a letter undoubled
        '"We wrote two dozen songs," said singer Anthony Kiedis. "We wrote new ones," Keidis '
        "continued.",
        '"It will cost more," said Jacques Barrot. "We must act," Barot added.',
    ],
)
def test_a_misspelt_surname_alone_is_the_person_named(text):
    people = extract_article(Article(text=text)).people
    assert len(people) == 1 and len(people[0].quotes) == 2


def test_a_misspelt_surname_that_could_be_two_people_stays_apart():
    text = (
        '"It will cost more," said Jacques Barrot. "It will not," said Marie Barrot. '
        '"We must act," Barot added.'
    )
    assert len(extract_article(Article(text=text)).people) == 3
