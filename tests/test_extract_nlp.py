"""The spaCy pipeline as extraction loads it (directory.extract.nlp)."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc, Span

from directory.extract import extract_article
from directory.extract.nlp import (
    dateline_entities,
    firm_entities,
    load_nlp,
    nickname_entities,
    person_entities,
    possessive_entities,
)
from directory.models import Article


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Ryan said,\u201cLook.\u201d", ["Ryan", "said", ",", "\u201c", "Look", ".", "\u201d"]),
        ("\u201cNo.\u201dHe left.", ["\u201c", "No", ".", "\u201d", "He", "left", "."]),
        ("It\u2019s \u201cwoke\u201d.", ["It", "\u2019s", "\u201c", "woke", "\u201d", "."]),
    ],
)
def test_curly_quotation_marks_glued_to_words_are_tokens_of_their_own(text, tokens):
    assert [t.text for t in load_nlp()(text)] == tokens


def test_a_quote_glued_to_its_cue_is_attributed():
    text = (
        "Ryan speaks\n\nHouse Speaker Paul Ryan spoke on the radio on Tuesday.\n\nRyan said,"
        "\u201cLook, these images have no place in a campaign. Candidates should know that.\u201d"
    )
    people = extract_article(Article(text=text)).people
    assert [(p.name, [q.cue for q in p.quotes]) for p in people] == [("Paul Ryan", ["said"])]


def merged_dateline(rest: list[tuple[str, str]], label: str) -> Doc:
    """'ROME - <rest> met ...' with the dateline and the rest read as one entity."""
    words = ["ROME", "-", *[w for w, _ in rest], "met", "."]
    pos = ["PROPN", "PUNCT", *[p for _, p in rest], "VERB", "PUNCT"]
    ents = [f"B-{label}"] + [f"I-{label}"] * (len(rest) + 1) + ["O", "O"]
    sent_starts = [True] + [False] * (len(words) - 1)
    return Doc(load_nlp().vocab, words=words, pos=pos, ents=ents, sent_starts=sent_starts)


@pytest.mark.parametrize(
    ("rest", "label", "ents"),
    [
        # the dateline is a place; a given name after it opens a person
        (
            [("Bernie", "PROPN"), ("Sanders", "PROPN")],
            "ORG",
            [("ROME", "GPE"), ("Bernie Sanders", "PERSON")],
        ),
        ([("Democrats", "PROPN")], "NORP", [("ROME", "GPE"), ("Democrats", "NORP")]),
        # a word that names nobody is left without an entity
        ([("Since", "SCONJ")], "GPE", [("ROME", "GPE")]),
    ],
)
def test_a_dateline_is_not_read_into_the_name_after_it(rest, label, ents):
    doc = dateline_entities(merged_dateline(rest, label))
    assert [(e.text, e.label_) for e in doc.ents] == ents


def test_a_speaker_after_a_dateline_is_a_person():
    text = (
        "Pope meeting\n\nROME - Bernie Sanders met privately with Pope Francis on Saturday, a "
        'detour from the election.\n\n"This was an invitation I could not refuse," Sanders said.'
    )
    people = extract_article(Article(text=text)).people
    assert [(p.name, len(p.quotes)) for p in people] == [("Bernie Sanders", 1)]


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        # the model reads the outlet's possessive and the name as one entity: split them
        (
            '"It will fail," Harbour Review\u2019s Noah Ellery tweeted Friday.',
            [("Harbour Review", "ORG"), ("Noah Ellery", "PERSON"), ("Friday", "DATE")],
        ),
        (
            '"It will fail," the Weekly Ledger\u2019s Ben Castor said.',
            [("Weekly Ledger", "ORG"), ("Ben Castor", "PERSON")],
        ),
        # a body's or a show's name after a possessive stays what it was
        ("Obama\u2019s State Department said no.", [("Obama\u2019s State Department", "ORG")]),
        (
            "He starred in Trump\u2019s Celebrity Apprentice last year.",
            [("Trump\u2019s Celebrity Apprentice", "ORG"), ("last year", "DATE")],
        ),
    ],
)
def test_a_name_after_an_outlets_possessive_is_a_person(text, ents):
    doc = load_nlp()(text)
    assert [(e.text, e.label_) for e in doc.ents] == ents


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        # a firm's name before a lowercase role and a person, read as a person: a body
        (
            '"We are delighted," said GW Pharma executive chairman Dr Geoffrey Guy.',
            [("GW Pharma", "ORG"), ("Geoffrey Guy", "PERSON")],
        ),
        (
            'Shares in Veltron Pharmaceuticals rose. "Yes," said Veltron Pharma chief executive '
            "Ann Reed.",
            [("Veltron Pharmaceuticals", "ORG"), ("Veltron Pharma", "ORG"), ("Ann Reed", "PERSON")],
        ),
        # a person whose surname the text uses alone, or who opens with a given name, stays one
        (
            "JD Vance senior adviser Ann Reed said no. Vance did not comment.",
            [("JD Vance", "PERSON"), ("Ann Reed", "PERSON")],
        ),
        (
            "Hillary Clinton campaign chairman John Podesta said no.",
            [("Hillary Clinton", "PERSON"), ("John Podesta", "PERSON")],
        ),
    ],
)
def test_a_firm_read_as_a_person_before_a_role_and_a_name_is_a_body(text, ents):
    doc = load_nlp()(text)
    assert [(e.text, e.label_) for e in doc.ents] == ents


@pytest.mark.parametrize(
    ("text", "people", "bodies"),
    [
        # category 1: the owner of a role only firms fill is a firm, at every mention
        (
            "The networks must cope, said Kestrel's chief technology officer Marc Dorin. "
            "Kestrel sells routers.",
            ["Kestrel", "Marc Dorin"],
            ["Kestrel", "Kestrel"],
        ),
        (
            "But Air Kerala's managing director Ravi Menon said the price was lower.",
            ["Air Kerala's", "Ravi Menon"],
            ["Air Kerala's"],
        ),
        # a surname of a person the text names in full, or a role a person may have, stays
        (
            "Barack Obama hired staff. Obama's chief economist Austan Goolsbee said no.",
            ["Barack Obama", "Obama", "Austan Goolsbee"],
            [],
        ),
        (
            "Trump's campaign manager Corey Lewandowski said no.",
            ["Trump", "Corey Lewandowski"],
            [],
        ),
    ],
)
def test_a_person_owning_a_role_only_firms_fill_is_a_body(text, people, bodies):
    doc = firm_entities(_labelled(text, dict.fromkeys(people, "PERSON"), "firm_entities"))
    assert sorted(e.text for e in doc.ents if e.label_ == "ORG") == sorted(bodies)


def test_the_possessive_step_leaves_a_doc_without_possessives_alone():
    doc = load_nlp()("Ann Bell met Tom Reed in Leeds.")
    assert [(e.text, e.label_) for e in possessive_entities(doc).ents] == [
        ("Ann Bell", "PERSON"),
        ("Tom Reed", "PERSON"),
        ("Leeds", "GPE"),
    ]


def test_a_columnist_named_after_an_outlets_possessive_is_quoted():
    text = (
        "Reporters know they are being spun.\n\n"
        '"It will annoy his critics," Harbour Review\u2019s Noah Ellery tweeted Friday.'
    )
    people = extract_article(Article(text=text)).people
    assert [(p.name, len(p.quotes)) for p in people] == [("Noah Ellery", 1)]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # the parser would end a sentence after a paragraph's first word ("Mary | Kay Henry")
        (
            "Talks\n\nMary Kay Henry said the union was ready.",
            ["Talks", "Mary Kay Henry said the union was ready."],
        ),
        (
            "Cricket\n\nEngland captain Michael Vaughan said the team was ready.",
            ["Cricket", "England captain Michael Vaughan said the team was ready."],
        ),
        ('Title\n\n"Yes," he said.', ["Title", '"Yes," he said.']),
        # a line break still ends a sentence
        ("Q: Why?\nA: Because.", ["Q: Why?", "A: Because."]),
    ],
)
def test_a_paragraph_opens_a_sentence_of_more_than_its_first_word(text, sentences):
    assert [s.text.strip() for s in load_nlp()(text).sents] == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # speaker identity: no sentence ends at a rank's full stop mid-sentence
        (
            '"It was bad," said Capt. Tom Hale of the Navy. He left.',
            ['"It was bad," said Capt. Tom Hale of the Navy.', "He left."],
        ),
        (
            "The plan, said Sgt. Maj. Ann Bell, was bad.",
            ["The plan, said Sgt. Maj. Ann Bell, was bad."],
        ),
        # (a whole word that is also a form of address still ends one)
        (
            "It was recorded by Claude King. He then wrote Ring of Fire.",
            ["It was recorded by Claude King.", "He then wrote Ring of Fire."],
        ),
        ("It was over. Mr. Tom Hale left.", ["It was over.", "Mr. Tom Hale left."]),
    ],
)
def test_a_rank_written_short_ends_no_sentence(text, sentences):
    assert [s.text.strip() for s in load_nlp()(text).sents] == sentences


def test_the_first_speaker_of_an_article_keeps_a_full_name_and_title():
    text = 'Cricket\n\nEngland captain Michael Vaughan said the team was "ready to win".\n'
    person = extract_article(Article(text=text)).people[0]
    assert (person.name, person.title) == ("Michael Vaughan", "England captain")


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a Title Case headline's verb read into the name before it
        (
            "Dennis Prager Tells NeverTrump Conservatives They Need To Change Course.\n\n"
            "Dennis Prager told listeners on Monday that conservatives need to change course.",
            ["Dennis Prager"],
        ),
        (
            "Ann Selby Tells Party Leaders To Change Course.\n\n"
            "Ann Selby told party leaders on Monday that they need to change course.",
            ["Ann Selby", "Ann Selby"],
        ),
    ],
)
def test_a_headline_verb_read_into_a_name_is_left_out_of_it(text, people):
    doc = load_nlp()(text)
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == people


def _labelled(text: str, labels: dict[str, str], pipe: str) -> Doc:
    """The text parsed without `pipe`, with every mention of each name given its label, as the
    model sometimes reads them; longer names first ("Fenwright" inside "Carla Fenwright" is
    taken)."""
    nlp = load_nlp()
    with nlp.select_pipes(disable=[pipe]):
        doc = nlp(text)
    spans: list[Span] = []
    for name in sorted(labels, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(name)}(?!\w)", text):
            span = doc.char_span(match.start(), match.end(), label=labels[name])
            if not any(span.start < s.end and s.start < span.end for s in spans):
                spans.append(span)
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def _as_bodies(text: str, names: list[str], people: tuple[str, ...] = ()) -> Doc:
    return _labelled(
        text, {**dict.fromkeys(names, "ORG"), **dict.fromkeys(people, "PERSON")}, "person_entities"
    )


@pytest.mark.parametrize(
    ("text", "names", "people"),
    [
        # speaker identity: a name the model reads as a body, with a role people hold after it
        (
            "Imogen Wexcombe, chair of the judging panel, said the entries were strong.",
            ["Imogen Wexcombe"],
            ["Imogen Wexcombe"],
        ),
        # ... and every other mention of it, by its last word too
        (
            "Carla Fenwright backed the plan on Monday.\n\nFenwright, the former Acme CEO who "
            "left in May, spoke next.",
            ["Carla Fenwright", "Fenwright", "Acme"],
            ["Carla Fenwright", "Fenwright"],
        ),
        # a name that reports something of itself as she, and its possessive elsewhere
        (
            "Rowan revealed she had finished the novel. JK Rowan's fifth book sold well.",
            ["JK Rowan's", "Rowan"],
            ["Rowan", "JK Rowan"],
        ),
        # a role a body holds too leaves a body
        ("Goldman Sachs, the adviser to the bank, said the deal was fair.", ["Goldman Sachs"], []),
        # a full name, hyphenated given name and all, whose surname a person takes with "Mrs"
        (
            "The founder of Kelpie Jeanne-Marie Vasseur agreed. Mrs Vasseur concluded.",
            ["Kelpie", "Jeanne-Marie Vasseur"],
            ["Jeanne-Marie Vasseur", "Mrs Vasseur"],
        ),
        # an event's name before a form of address is no given name
        (
            "At KDC Mr Vasseur spoke first. Mr Vasseur left.",
            ["KDC Mr Vasseur"],
            ["Mr Vasseur"],
        ),
        # but a body's name, or one word alone, stays a body
        (
            "Vasseur Holdings and Vasseur grew. Mrs Vasseur concluded.",
            ["Vasseur Holdings", "Vasseur"],
            ["Mrs Vasseur"],
        ),
        # a full name set off with the body it is from, then a verb of speech
        (
            'Kenji Moriyama, from Kaito\'s robotics laboratory, said: "We aimed high."',
            ["Kenji Moriyama", "Kaito"],
            ["Kenji Moriyama"],
        ),
    ],
)
def test_a_name_read_as_a_body_that_a_person_is_is_a_person(text, names, people):
    addressed = tuple(p for p in people if p.startswith(("Mr ", "Mrs ")))
    doc = person_entities(_as_bodies(text, names, addressed))
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == people


def test_a_name_the_model_tags_as_nothing_set_off_after_a_role_is_a_person():
    # speaker identity: "Theresa May" read as no entity at all, set off after her post
    text = 'The Shadow Secretary for the Family, Theresa Mayhew, said: "These plans are old."'
    doc = person_entities(_labelled(text, {"Shadow": "ORG"}, "person_entities"))
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Shadow", "ORG"),
        ("Theresa Mayhew", "PERSON"),
    ]
    # (not without a known given name, nor after a word that is no role)
    for other in ("Secretary for the Family, Mayhew Lane,", "garden, Theresa Mayhew,"):
        text = f"The {other} said it was old."
        assert not [e for e in person_entities(_labelled(text, {}, "person_entities")).ents]


def test_a_body_set_off_with_the_place_it_is_from_stays_a_body():
    text = 'Kaito Motors, from Osaka, said: "We aimed high."'
    doc = person_entities(
        _labelled(text, {"Kaito Motors": "ORG", "Osaka": "GPE"}, "person_entities")
    )
    assert [e.label_ for e in doc.ents] == ["ORG", "GPE"]


def test_a_name_read_as_a_place_that_reports_of_itself_as_he_is_a_person():
    # speaker identity: "Kasimov says he'll welcome advice", the name read as a place
    text = "Kasimov says he'll welcome advice from anyone. Britain says it will help."
    doc = person_entities(_labelled(text, {"Kasimov": "GPE", "Britain": "GPE"}, "person_entities"))
    assert [(e.text, e.label_) for e in doc.ents] == [("Kasimov", "PERSON"), ("Britain", "GPE")]


def test_a_name_that_asks_someone_about_him_does_not_report_of_itself():
    # speaker identity: in "Earl asked Rubio which states he could win", he may be Rubio
    text = "Earlsby asked Rubio which states he could win."
    labels = {"Earlsby": "GPE", "Rubio": "PERSON"}
    doc = person_entities(_labelled(text, labels, "person_entities"))
    assert [(e.text, e.label_) for e in doc.ents] == [("Earlsby", "GPE"), ("Rubio", "PERSON")]


@pytest.mark.parametrize(
    ("text", "labels", "people"),
    [
        # category 1 (speaker identity): a nickname in quotation marks breaks the name, and
        # the surname alone is read as a body
        (
            "Former Marine John \u201cTig\u201d Tavener found both issues disqualifying. "
            "\u201cThat is it,\u201d Tavener stated.",
            {"Marine John \u201cTig": "PERSON", "Tavener": "ORG"},
            ["John \u201cTig\u201d Tavener", "Tavener"],
        ),
        (
            "It came from the nuclear physicist George ''Jay'' Keyborne, who said so.",
            {"George": "PERSON", "Keyborne": "PERSON"},
            ["George ''Jay'' Keyborne"],
        ),
        # no given name before the marks: a title in quotation marks, not a nickname
        (
            "The Globe \u201cStar\u201d Award went to Tavener.",
            {"Tavener": "ORG"},
            [],
        ),
    ],
)
def test_a_nickname_in_quotation_marks_stays_inside_the_name(text, labels, people):
    doc = nickname_entities(_labelled(text, labels, "nickname_entities"))
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == people
