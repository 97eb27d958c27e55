"""Speaker-labelled transcripts: hearings with a cast list, Q/A interviews, panels in news."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from spacy.tokens import Span

from directory.extract import extract_article
from directory.extract.nlp import load_nlp
from directory.extract.transcripts import accepted_turns, find_turns, headline_case
from directory.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@cache
def extracted(name: str):
    return extract_article(Article(text=(FIXTURES / name).read_text(encoding="utf-8")))


def said(name: str) -> dict[str, list[str]]:
    return {
        p.name: [" ".join(q.text.split()[:4]) for q in p.quotes] for p in extracted(name).people
    }


def test_hearing_labels_with_honorifics_and_party_give_quotes_and_titles():
    people = {p.name: p for p in extracted("senate-hearing.txt").people}
    assert said("senate-hearing.txt") == {
        "John Doe": ["Mr. Okafor, how many", "That is not fast", "Thank you both."],
        "David Okafor": ["About four hundred, senator."],
        # the unlabelled paragraph between two turns continues the turn before it
        "Jane Roe": ["The money is there.", "The reservoirs are full,"],
    }
    assert people["John Doe"].title == "Senator (R-Ohio)"
    assert people["John Doe"].aliases == ["Sen. John Doe", "Sen. Doe"]
    assert people["Jane Roe"].title == "director of the Kelvin Water Institute"
    assert people["David Okafor"].title == "commissioner, Federal Water Agency"


def test_turn_evidence_is_the_label_and_its_colon():
    extraction = extracted("senate-hearing.txt")
    text = extraction.article.text
    quote = extraction.people[0].quotes[0]
    assert text[quote.source_start : quote.source_end] == "SEN. JOHN DOE"
    assert text[quote.cue_start : quote.cue_end] == ":"


def test_question_and_answer_interview():
    # Q: is the interviewer and nobody; A: is the one person the introduction names; a saying
    # quoted inside an answer is not a quote of anyone else
    assert said("interview-qa.txt") == {
        "Marta Lindqvist": [
            "Because it teaches people",
            "Butter doubled in a",
            'A cookery school. "Cooking',
        ]
    }


def test_panel_quoted_inside_a_news_story():
    # a label inside the opening quote mark; a cue inside a turn ("Greta says she will pay") is
    # the speaker's words, not the article's attribution; the joint "A, B and C argued" is
    # nobody's; the author's closing paragraph is not a turn
    assert said("cable-panel.txt") == {
        "Paul Whitcombe": ["Seriously, who pays for", "But then I ask"],
        "Ana Ruiz": ["She is right about"],
        "Dev Malhotra": ["Nobody wants to be"],
    }


def test_colon_headline_by_a_person():
    text = (
        "Lena Brandt: The Rail Plan Is Dead\n\n"
        "Lena Brandt, the transport minister, told a conference on Monday that the plan had "
        "no future.\n"
    )
    found = {p.name: [q.text for q in p.quotes] for p in extract_article(Article(text=text)).people}
    assert found["Lena Brandt"][0] == "The Rail Plan Is Dead"


def test_a_colon_headline_whose_label_is_a_sentence_makes_no_person():
    # not quotes: "<Name> Endorses <Name>:" heads the article; no person is named that
    text = (
        "Lena Brandt Endorses Ivo Marsh: I Am Horrified By The Plan\n\n"
        "Lena Brandt threw her support behind Ivo Marsh on Monday, saying it was time for a "
        "change.\n"
    )
    names = [p.name for p in extract_article(Article(text=text)).people]
    assert not any("Endorses" in name for name in names)


@pytest.mark.parametrize(
    "text",
    [
        "Update: This story was corrected on Tuesday.\n\n"
        "WASHINGTON (Reuters): The Senate voted on the bill late on Monday.\n\n"
        "Note: Figures are in dollars.\n",
        # not quotes: "Poll:" heads the story and "Contributing:" credits a reporter
        "Poll: 3 battleground races are tight\n\n"
        "The races are close, a Harwick University poll shows.\n\n"
        "Contributing: Ann Kingsley.\n",
        # not quotes: a list of panel members under the state they come from
        "The panel was polled this week.\n\n"
        "New Hampshire: Tom Albers, Ann Barker, Rich Corso, Dean Daley.\n\n"
        "South Carolina: Andy Cole, Barry Wynne, Bob Medina.\n",
    ],
)
def test_lines_that_only_look_like_labels(text):
    assert find_turns(text) == []
    assert extract_article(Article(text=text)).people == []


def test_a_newsletters_headings_are_no_dialogue():
    # "STAT OF THE WEEK:" and a report's name heading a newsletter are no speakers: the
    # article's own quotes between them are read as news
    text = (
        "HARBOR CITY's Culture Report: The difficulty of dumping a landlord.\n\n"
        "Welcome to the weekly report.\n\n"
        '"They are not terminable at will," spokesman Ron Pavlik told the Courier in July.\n\n'
        "STAT OF THE WEEK: $43 million in subsidies for two studios.\n"
    )
    assert find_turns(text) == []
    people = extract_article(Article(text=text)).people
    assert [(p.name, [q.text for q in p.quotes]) for p in people] == [
        ("Ron Pavlik", ["They are not terminable at will"])
    ]


def test_a_table_of_figures_by_name_is_no_dialogue():
    text = (
        "The latest count of delegates\n\n"
        "These are the delegates won so far in primaries and caucuses.\n\n"
        "Maria Delgado: 1,769.\n\n"
        "Tom Whitaker: 1,501 delegates\n\n"
        "Ann Porter: 35% (up 2)\n"
    )
    assert find_turns(text) == []
    assert extract_article(Article(text=text)).people == []


def test_colon_headlines_make_no_dialogue():
    # a colon headline heads the article, another heads a link in a "Related" list, and a
    # profile box opens with "Name:": none is a turn of a dialogue, so the paragraphs between
    # them stay the article's own, and the economist quoted there keeps his quote
    assert said("colon-headlines.txt") == {
        "Maria Okonkwo": ["‘A Fair Wage Is", "Nobody who works a", "Higher pay will keep"],
        "Daniel Ferreira": ["We have seen this"],
    }
    turns = find_turns((FIXTURES / "colon-headlines.txt").read_text(encoding="utf-8"))
    assert [(t.words, t.headline) for t in turns] == [(["Maria", "Okonkwo"], True)]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("I Am Not The Radical In This Race.", True),
        ("Trump Must Decide If He Wants a Two-Pirate Ticket", True),
        ("Well, I think the Senate will vote on Tuesday.", False),
        ("Thank you, Mr. Chairman.", False),
        ("And that’s why Donald Trump is on his way to the White House", False),
        (
            "But, Governor Pence, I’ve got to ask you, because as “The Wall Street Journal” wrote",
            False,
        ),
    ],
)
def test_headline_case(line, expected):
    assert headline_case(line) is expected


def test_a_lone_label_the_text_writes_in_lower_case_is_a_word():
    # speaker identity: "Tide:" over "the tide turned" is no name, whatever the model reads
    text = "Tide: The Race Is Tight\n\nThe tide turned on Monday.\n"
    nlp = load_nlp()
    doc = nlp(text)
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    assert accepted_turns(doc, find_turns(text)) == []
    doc = nlp(text.replace("tide", "mood"))
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    assert [t.words for t in accepted_turns(doc, find_turns(text))] == [["Tide"]]
