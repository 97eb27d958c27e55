"""What makes a verb report and where its speaker sits in the parse, on real parses."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from directory.extract.nlp import load_nlp
from directory.extract.reporting import (
    asked_or_citing,
    denied_report,
    gerund_subject,
    inversion_allowed,
    name_right_before,
    object_read_as_subject,
    opening_as_clause,
    participle_owner,
    phrasal_particle,
    reduced_relative,
    reports,
    source_of_document,
    subject_of,
    that_clause_on_a_noun,
)


def parse(text: str) -> Doc:
    return load_nlp()(text)


def verb(doc: Doc, word: str):
    return next(t for t in doc if t.text == word)


def subject(text: str, word: str) -> str | None:
    doc = parse(text)
    found = subject_of(verb(doc, word), [False] * len(doc))
    return None if found is None else found.text


def test_a_coordinated_verb_borrows_the_subject_of_the_first():
    assert subject("Mara Quist left the room and added that talks were over.", "added") == "Quist"


def test_a_speaker_made_to_speak_is_the_object_of_the_verb_above():
    assert subject("The panel pressed Olek Varga to admit the deal was late.", "admit") == "Varga"


def test_an_ing_verb_after_a_preposition_of_time_borrows_the_sentences_subject():
    # category 3: "after telling", "upon saying": what the subject said
    text = "Comedian Dana Pell was booed by the crowd after telling them that they were wrong."
    assert subject(text, "telling") == "Pell"
    assert subject("Dana Pell left the stage upon saying that the show was over.", "saying") == (
        "Pell"
    )
    # a modal's "by telling" is what may be said, not what was
    assert (
        subject("Dana Pell could end it by telling them that the show was over.", "telling") is None
    )
    # "without saying" reports nothing said
    assert (
        subject("Dana Pell left the stage without saying that the show was over.", "saying") is None
    )


def test_reporting_verbs_include_phrasal_cues_and_as_x_puts_it():
    doc = parse("She fired back that the plan was sound, as Ian Roe puts it.")
    assert reports(verb(doc, "fired"))
    assert reports(verb(doc, "puts"))
    assert not reports(verb(parse("She puts the cup down."), "puts"))


@pytest.mark.parametrize(
    ("text", "speaks"),
    [
        ('"We will win," he continued.', True),
        ('He continued: "We will win."', True),
        # category 7 (not quotes): going on with something is not going on speaking
        ("Mr Kerr is continuing in his job at the party headquarters.", False),
        ("She continued to campaign across the state.", False),
        ("He continues his work at the clinic.", False),
        ("Howard continued his scathing remarks.", True),
    ],
)
def test_continue_reports_only_when_it_goes_on_speaking(text, speaks):
    doc = parse(text)
    word = next(t for t in doc if t.lower_.startswith("continu"))
    assert reports(word) is speaks


def test_answering_a_question_gives_none_of_the_answers_words():
    # category 7 (not quotes): "struggled to answer a simple question" introduces no quote
    doc = parse("Ben Carver struggled to answer a simple question on Sunday.")
    assert not reports(verb(doc, "answer"))
    assert reports(verb(parse('"We will," Ben Carver answered.'), "answered"))


def test_the_particle_of_a_phrasal_cue_comes_after_the_verb():
    # category 3: "On Sunday, X called on tech firms to act": the "on" of the day is not it
    doc = parse(
        "On Sunday, Mary Clinton, the Democratic presidential front-runner, called on tech "
        "companies to become more aggressive."
    )
    particle = phrasal_particle(verb(doc, "called"))
    assert particle is not None and particle.i > verb(doc, "called").i
    doc = parse("Mary Clinton on Wednesday called upon the US to press China.")
    assert phrasal_particle(verb(doc, "called")).text == "upon"


def test_an_opening_as_clause_vouches_for_what_follows_only_when_it_says_something():
    said = parse("As Ann Lee said, the economy is weak.")
    assert opening_as_clause(verb(said, "said"))
    spoke = parse("As he spoke, the crowd cheered.")
    assert not opening_as_clause(verb(spoke, "spoke"))


def test_a_subject_after_its_verb_only_in_a_reporting_inversion():
    doc = parse('"It is over," said Ian Roe.')
    assert inversion_allowed(verb(doc, "said"))
    doc = parse("Many leaders (think Eleanor Roosevelt) wrote memoirs.")
    assert not inversion_allowed(verb(doc, "think"))


def test_the_author_of_a_cited_document_is_the_source():
    doc = parse("An analysis by Maria Lopez found the costs had doubled.")
    analysis = verb(doc, "analysis")
    assert source_of_document(analysis).text == "Lopez"


def test_a_name_the_parser_hung_on_an_opening_clause_is_the_subject_of_the_verb_after_it():
    # "Welcoming the ruling, Ann Kell, chief executive, said": "Kell" left as an unlabelled
    # dependent of "Welcoming", and "said" with no subject
    rows = [
        ("Welcoming", "VERB", "VBG", "advcl", 10), ("the", "DET", "DT", "det", 2),
        ("ruling", "NOUN", "NN", "dobj", 0), (",", "PUNCT", ",", "punct", 10),
        ("Ann", "PROPN", "NNP", "compound", 5), ("Kell", "PROPN", "NNP", "dep", 0),
        (",", "PUNCT", ",", "punct", 5), ("chief", "ADJ", "JJ", "amod", 8),
        ("executive", "NOUN", "NN", "appos", 5), (",", "PUNCT", ",", "punct", 5),
        ("said", "VERB", "VBD", "ROOT", 10), (".", "PUNCT", ".", "punct", 10),
    ]  # fmt: skip
    doc = Doc(
        load_nlp().vocab,
        words=[r[0] for r in rows],
        pos=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
    )
    assert name_right_before(doc[10], [False] * len(doc)).text == "Kell"


def test_a_gerund_opening_the_reported_clause_is_no_aside():
    # reporting-verb coverage: the parser hangs "having" on "said" and the clause's own verb
    # on the gerund; "said, laughing, that ..." keeps its aside
    doc = parse("Mara Quist said having Dorrin at the top of the ticket puts them at risk.")
    said = verb(doc, "said")
    assert gerund_subject(said, verb(doc, "having"))
    doc = parse("Mara Quist said, laughing, that the plan hurts farmers.")
    assert not gerund_subject(verb(doc, "said"), verb(doc, "laughing"))


def test_a_participle_set_off_inside_a_nouns_clause_goes_with_the_sentences_verb():
    doc = parse(
        "Mara Quist dismissed Ian Roe\u2019s claims that the party is breaking federal law "
        "through its joint deal with the DNC \u2014 saying the rival campaign chose not to take "
        "the same help."
    )
    assert participle_owner(verb(doc, "saying")).text == "dismissed"
    # the clause's own speaker keeps the participle
    doc = parse(
        "Ian Roe held a news conference in which he continued his attack, pointedly saying "
        "the country was not safe."
    )
    assert participle_owner(verb(doc, "saying")) is None


@pytest.mark.parametrize(
    ("text", "word", "clause"),
    [
        # category 3: "said during a news conference that he may wait": the reported clause
        (
            "Courted by most of the candidates and widely expected to be the party's top donor "
            "in the election, Adelson said earlier on Friday during a news conference that he "
            "may wait until February's primaries to decide who to back.",
            "said",
            "wait",
        ),
        # a true relative clause: "that" is its object, not its marker
        ("Tom Reed spoke at the meeting that the council held on Monday.", "spoke", None),
        # "told the Music Biz programme that the industry was struggling": the clause hung on
        # whom it was told to
        (
            "Tim Rauch, the head of Vexor Music until last year, told the BBC's Music Biz "
            "programme that the country's music industry was now struggling to survive.",
            "told",
            "struggling",
        ),
        # "with McCain telling reporters on Thursday he viewed ...": the clause right after
        # whom it was told to, hung on the sentence's verb
        (
            "The attack sparked a fresh debate, with Senator Joe Marcan telling reporters on "
            "Thursday he viewed Obama as responsible for the attack.",
            "telling",
            "viewed",
        ),
        # a true relative clause on whom it was told to
        ("Tom Reed told the man that the council hired about the plan.", "told", None),
    ],
)
def test_a_that_clause_the_parser_hung_on_a_noun_is_what_was_said(text, word, clause):
    doc = parse(text)
    found = that_clause_on_a_noun(verb(doc, word))
    assert (found.text if found is not None else None) == clause


def test_the_body_a_speaker_comes_from_does_not_take_the_speech():
    # category 1: "Tom Rauch from anti-virus firm Vexor said", parsed with the firm the
    # subject of "said" (or both of them): the person introduced from the firm speaks
    text = "Tom Rauch from anti-virus firm Vexor said the virus was spreading fast."
    assert subject(text, "said") == "Rauch"


def test_a_report_said_not_to_be_made_is_nobodys_statement():
    # category 7 (not quotes): "did not disclose that", "failed to tell investors that"
    doc = parse("Disney did not disclose that a subsidiary employed the wife of a director.")
    assert denied_report(verb(doc, "disclose"))
    doc = parse("Ann Lee failed to tell investors that the firm had debts.")
    assert denied_report(verb(doc, "tell"))
    doc = parse("Ann Lee told investors that the firm had debts.")
    assert not denied_report(verb(doc, "told"))


def test_the_name_right_before_the_verb_is_the_subject_of_a_list_without_and():
    # category 1: "... to Rubio to, now, Cruz, Wilkin said": the parser joins Wilkin to the
    # last name of the reported clause; with no "and" it is no list, and Wilkin speaks
    text = (
        "His allegiance has shifted from Carly Fiorina to Rubio to, now, Cruz, Wilkin said "
        "during his campaign speech."
    )
    assert subject(text, "said") == "Wilkin"
    assert subject("Cruz and Wilkin said they would vote.", "said") == "Cruz"


@pytest.mark.parametrize(
    ("text", "word", "nothing_of_theirs"),
    [
        # category 3: "when asked if", "was asked whether" put the question to the subject
        ("He told the paper so when asked if he still believes it.", "asked", True),
        ("Tom Cole was asked whether the deal was good.", "asked", True),
        # a citing verb with an object of its own cites that, not the clause before it
        (
            "The film ignored labour history - Frank cites a memo as evidence - but it won.",
            "cites",
            True,
        ),
        # (a question the subject asked, and "quoted X as saying", still report)
        ("Tom Cole had asked whether the deal was good.", "asked", False),
        ('Video games are "big business", the paper quoted Mr Chernin as saying.', "quoted", False),
    ],
)
def test_a_question_put_to_the_subject_or_a_cited_object_is_none_of_their_words(
    text, word, nothing_of_theirs
):
    assert asked_or_citing(verb(parse(text), word)) is nothing_of_theirs


def test_a_past_participle_with_no_auxiliary_is_no_verb_of_its_own():
    doc = parse("Kerry said the Iranians released by the United States were close to freedom.")
    assert reduced_relative(verb(doc, "released"))
    doc = parse("Kerry said the Iranians were released by the United States.")
    assert not reduced_relative(verb(doc, "released"))


def test_a_state_after_a_town_right_before_the_verb_is_no_speaker():
    # category 1: "retired in Cambridge, Mass., said": the state names the town, not a speaker
    text = '"I was glad," Mr. Daniloff, now 81 and retired in Cambridge, Mass., said by telephone.'
    doc = parse(text)
    assert name_right_before(verb(doc, "said"), [False] * len(doc)) is None


def test_a_party_described_after_a_name_right_before_the_verb_leaves_the_name_the_speaker():
    # category 1: "Representative Steve Cohen, Democrat of Tennessee, told": the party is
    # said of him, so he speaks, not a body called "Democrat"
    text = (
        "''That was a good speech you gave last night, Mr. President,'' Representative Steve "
        "Colby, Democrat of Tennessee, told Mr. Obama as he stopped."
    )
    doc = parse(text)
    in_quote = [t.i <= 14 for t in doc]
    assert name_right_before(verb(doc, "told"), in_quote).text == "Colby"


def test_a_clause_whose_subject_the_parser_made_the_verbs_object_starts_there():
    # category 3: "promised her program would be paid for" reports the program's funding
    doc = parse("Clinton promised her entire program would be paid for by tax reform.")
    promised, paid = verb(doc, "promised"), verb(doc, "paid")
    assert object_read_as_subject(promised, paid) == verb(doc, "her").i
    # (a clause with its own subject starts where it starts)
    doc = parse("Ann Lee told reporters the plan would work.")
    assert object_read_as_subject(verb(doc, "told"), verb(doc, "work")) is None
