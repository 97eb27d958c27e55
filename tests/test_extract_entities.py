"""Document-wide evidence about names (directory.extract.entities), on parses given by hand so
that each rule is tested on the reading that calls for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from directory.extract.entities import NameEvidence, _described_by
from directory.extract.patterns import ORG_NOUNS

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def parsed(tokens: list[tuple[str, str, str, int]], ents: list[tuple[int, int, str]] = ()):
    """A Doc from (word, pos, dep, head) rows; `ents` as (start, end, label)."""
    words = [t[0] for t in tokens]
    doc = Doc(
        English().vocab,
        words=words,
        spaces=[i + 1 < len(words) and words[i + 1] not in {",", "."} for i in range(len(words))],
        pos=[t[1] for t in tokens],
        deps=[t[2] for t in tokens],
        heads=[t[3] for t in tokens],
    )
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label)
                for s, e, label in ents]  # fmt: skip
    return doc


# "Eddie Garvin, who was a member of the BlogNet, a group of bloggers, said that it was real."
# with the parser's slip: "group" hung on Garvin as an appositive.
FAR_APPOSITIVE = [
    ("Eddie", "PROPN", "compound", 1),
    ("Garvin", "PROPN", "nsubj", 16),
    (",", "PUNCT", "punct", 1),
    ("who", "PRON", "nsubj", 4),
    ("was", "AUX", "relcl", 1),
    ("a", "DET", "det", 6),
    ("member", "NOUN", "attr", 4),
    ("of", "ADP", "prep", 6),
    ("the", "DET", "det", 9),
    ("BlogNet", "PROPN", "pobj", 7),
    (",", "PUNCT", "punct", 9),
    ("a", "DET", "det", 12),
    ("group", "NOUN", "appos", 1),
    ("of", "ADP", "prep", 12),
    ("bloggers", "NOUN", "pobj", 13),
    (",", "PUNCT", "punct", 1),
    ("said", "VERB", "ROOT", 16),
    ("that", "SCONJ", "mark", 19),
    ("it", "PRON", "nsubj", 19),
    ("was", "AUX", "ccomp", 16),
    ("real", "ADJ", "acomp", 19),
    (".", "PUNCT", "punct", 16),
]

# "Yukos, the oil firm, said it would appeal."
NEAR_APPOSITIVE = [
    ("Yukos", "PROPN", "nsubj", 6),
    (",", "PUNCT", "punct", 0),
    ("the", "DET", "det", 4),
    ("oil", "NOUN", "compound", 4),
    ("firm", "NOUN", "appos", 0),
    (",", "PUNCT", "punct", 0),
    ("said", "VERB", "ROOT", 6),
    ("it", "PRON", "nsubj", 9),
    ("would", "AUX", "aux", 9),
    ("appeal", "VERB", "ccomp", 6),
    (".", "PUNCT", "punct", 6),
]


@pytest.mark.parametrize(
    ("tokens", "end", "described"),
    [(NEAR_APPOSITIVE, 1, True), (FAR_APPOSITIVE, 2, False)],
)
def test_only_an_appositive_right_after_a_name_describes_it(tokens, end, described):
    assert _described_by(parsed(tokens), 0, end, ORG_NOUNS) is described


def test_a_person_described_past_a_relative_clause_stays_a_person():
    doc = parsed(FAR_APPOSITIVE, ents=[(0, 2, "PERSON"), (9, 10, "ORG")])
    assert NameEvidence(doc).not_person(["Eddie", "Garvin"]) is None


# '"It has changed," said Garvin.' after "Eddie Garvin", with Garvin tagged as a place.
SURNAME_AS_PLACE = [
    ("Eddie", "PROPN", "compound", 1),
    ("Garvin", "PROPN", "nsubj", 2),
    ("spoke", "VERB", "ROOT", 2),
    (".", "PUNCT", "punct", 2),
    ("It", "PRON", "nsubj", 5),
    ("changed", "VERB", "ccomp", 7),
    (",", "PUNCT", "punct", 7),
    ("said", "VERB", "ROOT", 7),
    ("Garvin", "PROPN", "nsubj", 7),
    (".", "PUNCT", "punct", 7),
]


def test_a_tie_between_person_and_place_goes_to_a_surname_given_in_full():
    doc = parsed(SURNAME_AS_PLACE, ents=[(0, 2, "PERSON"), (8, 9, "GPE")])
    assert NameEvidence(doc).not_person(["Garvin"]) is None
    # with no full name in the text, the place reading stands
    alone = [(w, pos, dep, head - 4) for w, pos, dep, head in SURNAME_AS_PLACE[4:]]
    assert NameEvidence(parsed(alone, ents=[(4, 5, "GPE")])).not_person(["Garvin"]) == "label"


def test_a_body_named_after_research_by_is_no_person():
    # "Research" heads the misparsed appositive: a word for what experts do names no person
    from directory.extract import extract_article
    from directory.extract.entities import PERSON_WORDS
    from directory.models import Article

    assert "research" not in PERSON_WORDS and "researcher" in PERSON_WORDS
    text = (
        "Research by technology firms Zentrix and Corvane revealed that 90% of office "
        "machines carry spyware.\n"
    )
    assert extract_article(Article(text=text)).people == []


def test_a_full_name_read_as_a_person_elsewhere_votes_for_its_surname():
    # "DJ Dana Kell spoke. Kell said. Founder Dana Kell agreed.": the model's place for
    # "Dana Kell" and its body for "Kell" lose to the full name it reads as a person
    rows = [
        ("DJ", "PROPN"), ("Dana", "PROPN"), ("Kell", "PROPN"), ("spoke", "VERB"), (".", "PUNCT"),
        ("Kell", "PROPN"), ("said", "VERB"), (".", "PUNCT"),
        ("Founder", "NOUN"), ("Dana", "PROPN"), ("Kell", "PROPN"), ("agreed", "VERB"),
        (".", "PUNCT"),
    ]  # fmt: skip
    tokens = [(w, p, "ROOT" if i == 0 else "dep", 0) for i, (w, p) in enumerate(rows)]
    doc = parsed(tokens, ents=[(1, 3, "GPE"), (5, 6, "ORG"), (8, 11, "PERSON")])
    assert NameEvidence(doc).not_person(["Kell"]) is None


def test_a_one_word_name_that_reports_and_is_never_named_in_full_is_a_publication():
    # "Kestrel reported that ...": an outlet; "Ann Kestrel ... Kestrel reported that": a reporter
    rows = [
        ("Kestrel", "PROPN", "nsubj", 1),
        ("reported", "VERB", "ROOT", 1),
        (".", "PUNCT", "punct", 1),
    ]
    assert NameEvidence(parsed(rows, ents=[(0, 1, "PERSON")])).not_person(["Kestrel"]) == (
        "publication"
    )
    named = [
        ("Ann", "PROPN", "compound", 1), ("Kestrel", "PROPN", "nsubj", 2),
        ("wrote", "VERB", "ROOT", 2), (".", "PUNCT", "punct", 2),
        ("Kestrel", "PROPN", "nsubj", 5), ("reported", "VERB", "ROOT", 5),
        (".", "PUNCT", "punct", 5),
    ]  # fmt: skip
    doc = parsed(named, ents=[(0, 2, "PERSON"), (4, 5, "PERSON")])
    assert NameEvidence(doc).not_person(["Kestrel"]) is None


# "Veteran comedian and broadcaster Cyril Fletcher has died": the parser hangs the "and" on the
# trade (first) or on the name (second).
TRADES_ON_THE_TRADE = [
    ("Veteran", "ADJ", "amod", 1),
    ("comedian", "NOUN", "nsubj", 7),
    ("and", "CCONJ", "cc", 1),
    ("broadcaster", "NOUN", "conj", 1),
    ("Cyril", "PROPN", "compound", 5),
    ("Fletcher", "PROPN", "appos", 1),
    ("has", "AUX", "aux", 7),
    ("died", "VERB", "ROOT", 7),
]
TRADES_ON_THE_NAME = [
    ("Veteran", "ADJ", "amod", 1),
    ("comedian", "NOUN", "nsubj", 7),
    ("and", "CCONJ", "cc", 1),
    ("broadcaster", "NOUN", "compound", 5),
    ("Cyril", "PROPN", "compound", 5),
    ("Fletcher", "PROPN", "conj", 1),
    ("has", "AUX", "aux", 7),
    ("died", "VERB", "ROOT", 7),
]


@pytest.mark.parametrize("tokens", [TRADES_ON_THE_TRADE, TRADES_ON_THE_NAME])
def test_a_trade_beside_a_persons_trade_names_no_body(tokens):
    # category 1: "broadcaster" may name a firm, but not beside "comedian"
    assert _described_by(parsed(tokens), 4, 6, ORG_NOUNS) is False


def test_a_kind_of_body_alone_before_a_name_describes_it():
    rows = [("supplier", "NOUN", "compound", 1), ("Ericsson", "PROPN", "ROOT", 1)]
    assert _described_by(parsed(rows), 1, 2, ORG_NOUNS) is True


def test_a_kind_of_body_the_tagger_read_as_a_verb_still_describes_the_name():
    # category 4: "housebuilder George Wimpey", with "housebuilder" tagged a verb
    rows = [
        ("housebuilder", "VERB", "compound", 2),
        ("Tom", "PROPN", "compound", 2),
        ("Brayford", "PROPN", "ROOT", 2),
    ]
    assert _described_by(parsed(rows), 1, 3, ORG_NOUNS) is True
    rows[0] = ("housebuilder", "VERB", "amod", 2)
    assert _described_by(parsed(rows), 1, 3, ORG_NOUNS) is False


def test_a_firm_named_like_a_person_after_its_kind_of_body_is_the_firm():
    from directory.extract import extract_article
    from directory.models import Article

    text = (
        "The housing market remains robust, according to mortgage lender Hale & Dunmore and "
        "housebuilder Tom Brayford. Brayford reported a 19% rise in profits and said sales were "
        "better than expected. Shares in Brayford rose 6%."
    )
    extraction = extract_article(Article(text=text))
    assert extraction.people == []
    assert {s.organization for s in extraction.statements} == {"Hale & Dunmore", "Tom Brayford"}


def test_a_place_of_two_words_read_as_a_person_is_nobody():
    # category 1: "Christie, the New Jersey governor": the model's person is a state
    rows = [
        ("the", "DET", "det", 3),
        ("New", "PROPN", "compound", 2),
        ("Jersey", "PROPN", "compound", 3),
        ("governor", "NOUN", "ROOT", 3),
    ]
    doc = parsed(rows, ents=[(1, 3, "PERSON")])
    assert NameEvidence(doc).not_person(["New", "Jersey"]) == "place"
    assert NameEvidence(doc).not_person(["Chris", "Christie"]) is None


def test_an_office_of_state_before_a_name_names_no_body():
    # category 1: "former secretary of state Hillary Clinton": "state" is the office's, and a
    # state is a body only where it names the person ("the state of Ohio")
    rows = [
        ("former", "ADJ", "amod", 1),
        ("secretary", "NOUN", "nmod", 5),
        ("of", "ADP", "prep", 1),
        ("state", "NOUN", "pobj", 2),
        ("Hillary", "PROPN", "compound", 5),
        ("Clinton", "PROPN", "ROOT", 5),
    ]
    assert _described_by(parsed(rows), 4, 6, ORG_NOUNS) is False


def test_the_models_labels_alone_do_not_outvote_a_full_name_with_a_known_given_name():
    # category 1: "Bernie Kell spoke. Kell said. Kell said. Kell said.", the surname read as a
    # body three times out of four
    def doc_with(given: str):
        rows = [(given, "PROPN"), ("Kell", "PROPN"), ("spoke", "VERB"), (".", "PUNCT")]
        rows += [("Kell", "PROPN"), ("said", "VERB"), (".", "PUNCT")] * 3
        tokens = [(w, p, "ROOT" if i == 0 else "dep", 0) for i, (w, p) in enumerate(rows)]
        return parsed(
            tokens, ents=[(0, 2, "PERSON"), (4, 5, "ORG"), (7, 8, "ORG"), (10, 11, "ORG")]
        )

    assert NameEvidence(doc_with("Bernie")).not_person(["Kell"]) is None
    # a first word the project does not know as a given name may be a body's
    assert NameEvidence(doc_with("Quorra")).not_person(["Kell"]) == "label"


def test_a_surname_ending_in_s_is_a_persons_not_a_plural():
    # category 1: the tagger reads "Rogers" of "Carl Rogers" as a plural noun ("the Carl
    # Rogers campaign", "a Rogers volunteer"); his words are his, not a body's statement
    from directory.extract import extract_article
    from directory.models import Article

    text = (FIXTURES / "campaign-trail.txt").read_text(encoding="utf-8")
    extraction = extract_article(Article(text=text))
    assert [(p.name, [q.text for q in p.quotes]) for p in extraction.people] == [
        ("Carl Rogers", ["We have got to fix the schools first."])
    ]
    assert extraction.statements == []


def test_a_name_right_after_the_noun_for_a_work_is_its_title():
    # category 7 (not people): "Hollis's gritty drama Wasp is about a single mother": the
    # film is nobody, so "she explains" goes to its director, not to the title
    from directory.extract import extract_article
    from directory.models import Article

    text = (FIXTURES / "short-film.txt").read_text(encoding="utf-8")
    people = extract_article(Article(text=text)).people
    assert [(p.name, len(p.quotes)) for p in people] == [("Andrea Hollis", 1)]


def test_a_name_that_speaks_after_the_noun_for_a_work_is_a_person():
    # "In her column Dowd said": the name after "column" is the subject of a reporting verb
    rows = [
        ("In", "ADP", "prep", 4), ("her", "PRON", "poss", 2), ("column", "NOUN", "pobj", 0),
        ("Dowd", "PROPN", "nsubj", 4), ("said", "VERB", "ROOT", 4), ("so", "ADV", "advmod", 4),
        (".", "PUNCT", "punct", 4),
    ]  # fmt: skip
    doc = parsed(rows, ents=[(3, 4, "PERSON")])
    assert NameEvidence(doc).not_person(["Dowd"]) is None
    rows[4] = ("smiled", "VERB", "ROOT", 4)
    assert NameEvidence(parsed(rows, ents=[(3, 4, "PERSON")])).not_person(["Dowd"]) == "work"


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # category 1: after a known given name, a job that also names a kind of body
        (
            "''I have searched the racks for a union label,'' said Bob Marley Tansey, a retired "
            "Postal Service letter carrier who lined up to hear him on Tuesday.",
            ["Bob Marley Tansey"],
        ),
        (
            '"It was a bad year," said Tom Vandell, publisher of Legal Notes, in a post.',
            ["Tom Vandell"],
        ),
    ],
)
def test_a_job_that_is_also_a_kind_of_body_leaves_a_known_given_name_a_person(text, people):
    from directory.extract import extract_article
    from directory.models import Article

    assert [p.name for p in extract_article(Article(text=text)).people] == people
