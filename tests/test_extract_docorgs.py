"""What a whole article says about organisations (directory.extract.docorgs)."""

from __future__ import annotations

import pytest

from directory.extract.docorgs import doc_orgs, initials
from directory.extract.nlp import load_nlp

TEXT = (
    "Ports report\n\n"
    "The Northern Ports Authority (NPA) said traffic fell. Brackwater Partners agreed. "
    "Accountancy firm Ernst & Young urged caution, and Jupiter Research said sales rose. "
    "Voters in Burnley are angry, Mr Hale told the BBC. E&Y said more. Tom Hale said it too."
)


@pytest.fixture(scope="module")
def index():
    return doc_orgs(load_nlp()(TEXT))


def test_acronyms_defined_or_spelt_out(index):
    assert index.expand("NPA") == ("Northern Ports Authority", "NPA")
    assert index.expand("the NPA") == ("Northern Ports Authority", "NPA")
    assert index.expand("E&Y") == ("Ernst & Young", "E&Y")


def test_short_names_expand_to_the_named_body(index):
    assert index.expand("Jupiter") == ("Jupiter Research", None)
    assert index.expand("Corvane") == ("Corvane", None)


def test_places_and_people(index):
    assert index.is_place("Burnley")
    assert not index.is_place("Brackwater Partners")
    assert index.is_person("Hale")


def test_back_reference_finds_the_body_named_last(index):
    pos = TEXT.index("Voters")
    assert index.before(pos, "firm") in {"Jupiter Research", "Ernst & Young"}
    # an outlet the text reports through is never what "the company" points back to
    assert index.before(len(TEXT), "company") != "BBC"


def test_a_publication_is_what_the_magazine_or_the_newspaper_points_back_to():
    # category 2: "the newspaper's editor" is at the paper the text named, even one that
    # reported what someone told it
    text = (
        "Letters row\n\n"
        "Shares in Unilever fell, a trader told the Daily Courier. The row"
        ' grew. "We had a hundred letters," said the newspaper\'s editor, Ann Fraser.'
    )
    index = doc_orgs(load_nlp()(text))
    assert index.before(text.index("the newspaper"), "newspaper") == "Daily Courier"
    assert index.before(text.index("the newspaper"), "company") == "Unilever"


def test_initials():
    assert initials("Ernst & Young") == "E&Y"
    assert initials("Institute of Public Policy Research") == "IPPR"


def test_the_index_is_built_once_per_doc():
    doc = load_nlp()(TEXT)
    assert doc_orgs(doc) is doc_orgs(doc)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "Burwell wins licence\n\nMining firm Burwell Resources won a licence. Burwell "
            "Resources already runs a mine, and Burwell said more. Tessel Mining lost.",
            "Burwell Resources",
        ),
        # the headline and lead are about prices, not the firm named later
        (
            "Copper rises\n\nCopper prices rose in London and New York on strong demand. "
            "Burwell Resources gained. Burwell Resources said more. Burwell Resources rose.",
            None,
        ),
        # two firms named about as often
        (
            "Burwell and Tessel merge\n\nBurwell Resources and Tessel Mining will merge. "
            "Burwell Resources and Tessel said so. Burwell Resources agreed. Tessel agreed.",
            None,
        ),
        # named once or twice is no subject
        ("Licence won\n\nBurwell Resources won a licence in Chile on Monday.", None),
    ],
)
def test_the_body_an_article_is_about(text, subject):
    assert doc_orgs(load_nlp()(text)).subject == subject


def test_a_firm_the_model_misses_is_the_subject_when_it_opens_the_headline():
    text = (
        "Brindlex to cut 400 jobs\n\nThe appliance maker Brindlex will close two plants in"
        " Europe. Brindlex said costs had risen. Shares in Brindlex fell 3%."
    )
    assert doc_orgs(load_nlp()(text)).subject == "Brindlex"


@pytest.mark.parametrize(
    "headline",
    [
        "Germany to cut 400 jobs",  # a place
        "Chief to cut 400 jobs",  # a role
        "Brindlex to cut 400 jobs",  # below: a word the text also writes in lower case
    ],
)
def test_a_headline_opener_that_names_no_body(headline):
    text = (
        f"{headline}\n\nGermany and the chief of brindlex will close two plants. Germany said"
        " costs had risen. Chief Brindlex and Chief Germany agreed, Germany said."
    )
    assert doc_orgs(load_nlp()(text)).subject is None


def test_a_date_opening_the_headline_is_no_subject():
    text = (
        "Christmas shoppers flock to tills\n\nShops reported strong sales on the last Saturday"
        " before Christmas. Christmas trade was up 5%. Christmas Eve is next."
    )
    assert doc_orgs(load_nlp()(text)).subject is None


def test_a_firm_owned_is_no_place():
    text = "Shares in Brindlex fell. Voters in Burnley, angry, left. A stake in Corvane, the firm."
    index = doc_orgs(load_nlp()(text))
    assert index.used_as_place("Burnley")
    assert not index.used_as_place("Brindlex")
    assert not index.used_as_place("Corvane")


def test_a_short_name_written_alone_again_and_again_is_a_body_of_its_own():
    text = (
        "Barclays profits rise\n\nBarclays said profits rose. Earnings at Barclays Capital grew."
        " Barclays cautioned that growth may slow, and Barclays shares fell."
    )
    assert doc_orgs(load_nlp()(text)).expand("Barclays") == ("Barclays", None)
