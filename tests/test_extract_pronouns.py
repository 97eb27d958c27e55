"""Pronouns and role nouns ("he added", "the senator said") resolved to a named person."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from directory.extract import extract_article
from directory.extract.nlp import load_nlp
from directory.extract.pronouns import PronounResolver, honorific_noun
from directory.models import Article


def speakers(text: str) -> dict[str, list[str]]:
    found = extract_article(Article(text=text))
    return {p.name: [q.text for q in p.quotes] for p in found.people}


@pytest.mark.parametrize(
    "honorific, noun", [("Sen.", "senator"), ("Gov", "governor"), ("Governor", "governor")]
)
def test_an_honorific_stands_for_its_noun(honorific, noun):
    assert honorific_noun(honorific) == noun


def test_a_role_noun_finds_the_person_its_short_honorific_names():
    text = (
        "Sen. Ada Mworia (D-Kan.) defended her farm bill on Tuesday.\n\n"
        "“Nobody in my state asked for a subsidy cut,” the senator said during the debate.\n"
    )
    assert speakers(text) == {"Ada Mworia": ["Nobody in my state asked for a subsidy cut"]}


def test_the_dj_the_model_reads_as_a_body_is_the_dj_named_before():
    # category 1: "The DJ admitted" with "DJ" read as an organisation: a role noun, and the
    # person written with it before speaks
    text = (
        "DJ Ronan Hale has said that dance music is not dead. The DJ admitted, however, that "
        "his success had a downside.\n"
    )
    assert speakers(text) == {
        "Ronan Hale": ["dance music is not dead", "his success had a downside"]
    }


def test_a_role_noun_does_not_take_a_person_with_another_office():
    text = (
        "Gov. Ada Mworia defended her farm bill on Tuesday.\n\n"
        "“Nobody in my state asked for a subsidy cut,” the senator said during the debate.\n"
    )
    assert "Ada Mworia" not in speakers(text)


CAMPAIGN = (
    "Party leader Peter Mensah said on Sunday that the party would win.\n\n"
    "Campaign chief Samuel Okafor unveiled the party's slogan on Monday. "
    '"Not many people remember the old days fondly," he said.\n\n'
    "Nobody, he claimed, could picture Liberal Democrat leader Tom Banda walking up Downing "
    "Street. And Peter Mensah would be in the very front line of that campaign, he said. "
    '"Between now and the election the leader will be touring the country," he promised.\n\n'
    "Peter Mensah would continue his push for it in the Senate, he said.\n"
)


def test_a_name_inside_the_reported_words_does_not_take_the_paragraphs_voice():
    found = speakers(CAMPAIGN)
    assert found["Samuel Okafor"][2:] == [
        "And Peter Mensah would be in the very front line of that campaign",
        "Between now and the election the leader will be touring the country",
    ]


def test_with_no_voice_before_it_the_reported_name_may_be_the_speaker():
    found = speakers(CAMPAIGN)
    assert found["Peter Mensah"] == [
        "the party would win",
        "Peter Mensah would continue his push for it in the Senate",
    ]


def test_a_pronoun_after_a_role_that_spoke_goes_on_with_its_holder():
    # pronoun chains: "the Lib Dem spokesman questioned ... He urged" is the spokesman again,
    # not the nearer "Mr Brown"
    text = (
        "Tax books\n\nThe Liberal Democrats set out their plans on Monday. Lib Dem spokesman"
        " Vince Cable said the public did not know who to believe.\n\nMr Brown earmarked £1bn"
        " to help keep down council tax rises. But the Lib Dem spokesman questioned whether"
        " that money was being found from cuts to schools. He urged the government to scrap"
        " the tax completely.\n"
    )
    people = extract_article(Article(text=text)).people
    assert [(p.name, len(p.quotes)) for p in people] == [("Vince Cable", 3)]


def test_the_role_a_modifier_makes_another_post_names_nobody_holding_it():
    # "the chancellor" is not the shadow chancellor named before, nor is "he" after it
    text = (
        "Budget speech\n\nGordon Brown accused shadow chancellor Oliver Letwin of plotting"
        ' cuts. "We will never return to boom and bust," Mr Brown said.\n\nTurning to the'
        " economy, the chancellor said that stability would continue in a third term.\n\nHe"
        ' also pledged to fight poverty. "Housing is rightly now at the centre of our'
        ' manifesto," he said.\n'
    )
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    assert "Oliver Letwin" not in people
    assert any(q.text.startswith("Housing") for q in people["Gordon Brown"].quotes)


def test_a_name_whose_relative_clause_it_heads_is_the_pronouns_antecedent():
    # pronoun chains: "an administrator, John Marsh, who has launched ...", then "He has
    # alleged": Marsh, not the earlier speaker
    text = (
        '"I apologise to all who have suffered," Mr Hale said.\n\n'
        "Mr Hale spent several months in jail and was kept under house arrest. The firm is now "
        "being run by a state appointed administrator, John Marsh, who has launched lawsuits "
        "against 80 banks. He has alleged that these banks were aware of the true state of its "
        "finances."
    )
    assert speakers(text) == {
        "Hale": ["I apologise to all who have suffered"],
        "John Marsh": ["these banks were aware of the true state of its finances"],
    }


@pytest.mark.parametrize(
    ("text", "word", "unknown"),
    [
        # an unnamed antecedent blocks resolution: a name after a role noun, heading a
        # who-clause, that no person cluster holds
        (
            "The firm is run by an administrator, Enrico Valli, who has sued the banks.",
            "Valli",
            True,
        ),
        # the same name in no such place
        ("The firm is run by Enrico Valli and his sons.", "Valli", False),
    ],
)
def test_a_name_after_a_role_noun_the_model_missed_is_someone(text, word, unknown):
    doc = load_nlp()(text)
    resolver = SimpleNamespace(_token_cluster={}, in_quote=[False] * len(doc))
    tok = next(t for t in doc if t.text == word)
    assert PronounResolver._unknown_name(resolver, tok) is unknown


def test_the_speaker_no_named_person_was_described_as_blocks_a_pronoun():
    # category 5: '"...," said the woman, who did not want to be named' and then "she said":
    # the woman is nobody named, so the mayor two sentences back does not take her words
    text = (Path(__file__).parent / "fixtures" / "extract" / "flood-cashier.txt").read_text(
        encoding="utf-8"
    )
    assert speakers(text) == {
        "Joan Petrakis": [
            "the council would pay for the clean-up",
            "Nobody will be left to carry this alone",
        ]
    }


def test_a_name_inside_what_an_unnamed_speaker_reports_does_not_take_her_pronoun():
    # category 5: the spokeswoman spoke; the producer is only what she spoke of
    text = (
        "A BBC spokeswoman said Andi Peters would continue as executive producer on the show. "
        "She said that issues over the format were still to be decided."
    )
    assert speakers(text) == {}
    # a name that speaks after her still takes the pronoun
    text = (
        "A BBC spokeswoman declined to comment. Andi Peters said the show would go on. He said "
        "that the format was settled."
    )
    assert speakers(text) == {"Andi Peters": ["the show would go on", "the format was settled"]}


def test_an_epithet_no_one_was_described_with_still_leaves_the_pronoun_its_person():
    # "the businesswoman replied" is the named woman again, so "she added" goes on with her
    text = (
        "Asked about the plan, Dana Whitcombe said she backed it.\n\n"
        '"There should be a lot of checks," the businesswoman replied. "We can do it today," '
        "she added.\n"
    )
    assert speakers(text)["Dana Whitcombe"][-1] == "We can do it today"


def test_an_epithet_right_after_a_named_subject_with_no_role_is_that_person():
    # category 5: the text gave Marco Rubel no role, so "the Florida senator" is him
    text = (
        "A month after backing Tom Drake, Marco Rubel still believes the nominee is unfit. "
        '"I stand by everything I said," the Florida senator told the paper.'
    )
    assert speakers(text)["Marco Rubel"][-1] == "I stand by everything I said"


def test_a_party_member_named_by_place_is_the_main_subject_before_whatever_their_post():
    # category 1: "the Florida Republican" is a person, not the party, and the senator named
    text = (
        "Senator Marco Rubel of Florida declined to attack him on Sunday. Asked about it, the "
        "Florida Republican would only say that his record was worrisome."
    )
    assert speakers(text) == {"Marco Rubel": ["his record was worrisome"]}


def test_an_epithet_is_not_a_named_subject_the_text_gave_another_role():
    # an economist is no "professor": the professor is someone else
    text = (
        "Ann Leigh, an economist at Harbor Bank, said rates would rise. "
        '"It is bad," the professor said.'
    )
    assert speakers(text) == {"Ann Leigh": ["rates would rise"]}


def test_the_role_a_named_person_was_described_with_still_speaks_for_them():
    text = (
        "Mining company spokeswoman Ruth Amadi said the mine would reopen in May.\n\n"
        '"Every worker will be paid in full," the spokeswoman said. "We owe them that," she '
        "added.\n"
    )
    assert speakers(text) == {
        "Ruth Amadi": [
            "the mine would reopen in May",
            "Every worker will be paid in full",
            "We owe them that",
        ]
    }


def test_one_sentence_votes_once_for_a_persons_gender():
    # category 5: "She said she wished she had ..." after a sentence naming only Jonno is one
    # vote that Jonno is a woman, not three; three would outvote his "he" and send "He added"
    # to the late drummer named before
    text = (Path(__file__).parent / "fixtures" / "extract" / "burglar-tackled.txt").read_text(
        encoding="utf-8"
    )
    found = speakers(text)
    assert "Pete Lowry" not in found
    assert "he was glad the thieves were not hurt either" in found["Jonno Kestrel"]


def test_a_role_noun_subject_that_does_not_speak_still_carries_its_person():
    # category 5 (pronoun chains): "the admiral chuckled" is the admiral named before, so the
    # "he said" after it is his, not the general's named in between
    text = (
        "Adm. Ray Tolland commands the fleet. Gen. Ben Ostrow recently asked Admiral Tolland "
        "that question. Asked again later, the admiral chuckled.\n\n"
        "\u201cIt is good that my voice is low,\u201d he said.\n"
    )
    assert speakers(text) == {"Ray Tolland": ["It is good that my voice is low"]}


def test_an_unnamed_spokeswoman_under_the_stops_the_chain():
    # category 5: "The executive spokeswoman said ... She said" is nobody named, not a named
    # woman further back
    text = (
        "Ann Rudd, the health minister, said a review was under way.\n\n"
        "The executive spokeswoman said the leave was agreed by a psychiatrist. She said: "
        "\u201cMinisters were told of that, but they did not sign it off.\u201d\n"
    )
    assert speakers(text) == {"Ann Rudd": ["a review was under way"]}


def test_a_deputy_or_another_portfolio_is_not_the_bare_office():
    # category 5: "the prime minister" is not the "Deputy Prime Minister", and "the foreign
    # secretary" not the "Home Secretary"
    text = (
        "Minister hosts dinner\n\n"
        "At a dinner hosted by Deputy Prime Minister Tom Ardley the plans were discussed. "
        "Home Secretary Rolf Anders said the plans were sound.\n\n"
        "But the prime minister said he had not discussed the plans with anyone. The foreign "
        "secretary insisted the plans were for Parliament to decide.\n"
    )
    found = speakers(text)
    assert found.get("Tom Ardley", []) == []
    assert found.get("Rolf Anders") == ["the plans were sound"]


def test_a_role_with_the_same_modifier_is_the_same_post():
    # (the former ambassador of a "former UN Ambassador", the vice president of a "Vice
    # President"): a shared modifier makes no other post
    text = (
        "Former UN Ambassador Karl Brede spoke to reporters on Monday.\n\n"
        "The former ambassador said he would be honored to serve.\n"
    )
    assert speakers(text) == {"Karl Brede": ["he would be honored to serve"]}


def test_an_office_right_after_the_lead_is_the_person_the_lead_is_about():
    # category 5: BBC and US news open with a name and go on with an office
    text = (
        "Lords wrong on detainees - Vale\n\n"
        "Jack Vale has attacked the decision by the highest court on detainees.\n\n"
        "The foreign secretary said the right to life was the most important liberty.\n"
    )
    assert speakers(text) == {"Jack Vale": ["the right to life was the most important liberty"]}
    # (further on, a bare office is more often someone else)
    later = text.replace(
        "The foreign secretary said",
        "Mr Vale spoke to the BBC on Monday.\n\nThe foreign secretary said",
    )
    assert speakers(later).get("Jack Vale", []) == []


def test_an_office_after_the_lead_is_not_someone_the_text_names_in_its_report():
    text = (
        "Row over budget\n\n"
        "Jonathan Baume has spoken of competing agendas in the government.\n\n"
        "But the chancellor said Mr Baume was never at meetings between himself and the "
        "prime minister.\n"
    )
    assert speakers(text).get("Jonathan Baume", []) == []
