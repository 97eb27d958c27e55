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
