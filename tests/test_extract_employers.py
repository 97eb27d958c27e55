"""Whose post a role names (directory.extract.employers), on a whole invented article: names
the model reads as places, firms named for their partners, possessives, back references and
the body a research team was said to belong to a line before."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.extract import extract_article
from directory.extract.employers import subject_firm
from directory.extract.nlp import load_nlp
from directory.extract.places import is_known_place, is_only_a_place
from directory.models import Article

FIXTURE = Path(__file__).parent / "fixtures" / "facts" / "affiliations-unknown-names.txt"


def posts_in(path: Path) -> dict:
    """name -> (title, [(organization, place)]) of the current posts in a fixture article."""
    text = path.read_text(encoding="utf-8")
    return {
        p.name: (p.title, [(pos.organization, pos.place) for pos in p.positions])
        for p in extract_article(Article(text=text)).people
    }


@pytest.fixture(scope="module")
def found() -> dict:
    return posts_in(FIXTURE)


@pytest.mark.parametrize(
    ("category", "name", "title", "orgs"),
    [
        # a short or unknown name after "at", which the model reads as a town
        ("short name after at", "Jo Wren", "analyst", [("Stanmore", None)]),
        ("short name after at", "Phil Oakes", "security expert", [("Cranfield", None)]),
        ("short name after at", "Marta Lund", "strategist", [("Kelvin", None)]),
        # a firm named for its partners, commas and all
        (
            "organisation name with commas",
            "Tom Vale",
            "analyst",
            [("Smith, Barney & Co", None)],
        ),
        # a body's possessive right before the name, with a bare apostrophe
        ("possessive before the name", "Hugh Ferris", None, [("Capital Economics", None)]),
        (
            "possessive in the name",
            "Anne Cole",
            "consultant",
            [("St Mary's Hospital", "Paddington")],
        ),
        # "at the confederation": the body named a line before
        (
            "affiliation a sentence before",
            "Ian Moss",
            "head of policy",
            [("Confederation of Small Traders", None)],
        ),
        (
            "affiliation a sentence before",
            "Ann Pryor",
            "lead researcher",
            [("Kelvin University", None)],
        ),
        # "a GP in Leeds and spokeswoman for ...": GP is the role, not a body
        ("role word", "Ruth Gale", "GP", [("Royal College of GPs", None)]),
        # an organisation as a pre-modifier: words like "Global" inside an unknown firm's name,
        # and a bare apostrophe after a name ending in s
        ("org pre-modifier", "Kyle Moore", "analyst", [("Kelvin Global Markets", None)]),
        ("org pre-modifier", "Paul Conn", "music critic", [("The Times", None)]),
        # after a noun naming a kind of body, a name is that body whatever the model reads
        ("short name after at", "Dan Pike", "analyst", [("Ovum", None)]),
        ("short name after at", "Nina Holt", "senior analyst", [("Jupiter research", None)]),
        # a town's name before a role is a body the text names in full; a nationality is not
        ("org pre-modifier", "Ian Fogg", "analyst", [("Harlow Research", None)]),
        (
            "org pre-modifier",
            "Hugo Lane",
            "European director for policy",
            [("Tradelink", None)],
        ),
        # the name ends before "and someone who ..."
        ("short name after at", "Ann Weiss", "research director", [("Corvane", None)]),
        # "<role> X of Y" with no comma: a name of several words is the firm, a place is not
        (
            "short name after of",
            "Mike Pole",
            "aviation analyst",
            [("Dresdner Kleinwort Wasserstein", None)],
        ),
        ("short name after of", "Tony Marsh", None, []),
        # a report named for the body that wrote it
        (
            "affiliation of a report",
            "Alan Brace",
            "author of the Analysys report",
            [("Analysys", None)],
        ),
        # a publication's name ends in its kind ("Vox magazine"); "according to" it names no
        # place the way "moved to Vox" would
        ("org pre-modifier", "Clare Dunn", "editor", [("Vox magazine", None)]),
        # when it was said ends the name; the kind of body after a name is no part of it
        ("short name after at", "Ray Dunn", None, [("Tovell Lynch", None)]),
        (
            "kind of body after the name",
            "Rui Matos",
            "chief economist",
            [("Cardoso & Associates", "Porto")],
        ),
        ("kind of body after the name", "Sam Rhee", "president", [("New Civic Network", None)]),
        # a plural role word inside the firm's name is the firm's
        ("org pre-modifier", "Mia Kask", "analyst", [("Tarvo Partners", None)]),
        # a person's possessive before a role names whom it serves, not a body
        ("possessive before the name", "Reid Orme", "Mr Vance's lawyer", []),
        # a post held before becoming something else is no title
        ("past post", "Tim Gibb", None, []),
    ],
)
def test_employers(found, category, name, title, orgs):
    assert found[name] == (title, orgs), category


def test_a_town_the_text_writes_as_a_place_stays_a_place():
    text = (
        "Flood defences in Stanmore held overnight.\n\n"
        '"We were lucky," said Jo Wren, a volunteer at Stanmore.'
    )
    people = extract_article(Article(text=text)).people
    assert [p.positions for p in people] == [[]]


@pytest.mark.parametrize(
    "text",
    [
        # someone else commenting on a study is not one of its researchers
        "Researchers at Kelvin University tracked 2,000 patients. But Professor Ian Moss, who "
        'was not involved in the study, said: "The sample is small."',
        # two bodies: which one is not said
        "Researchers at Kelvin University and the Harlow Institute tracked 2,000 patients. "
        '"The results are striking," said lead researcher Dr Ian Moss.',
    ],
)
def test_no_research_body_when_the_text_does_not_say_which(text):
    people = extract_article(Article(text=text)).people
    assert [p.positions for p in people] == [[]]


@pytest.mark.parametrize(
    "text",
    [
        # a paper's or a country's possessive names no employer
        '"It was a flop," said the Harwick Gazette\'s Tom Hale.',
        '"It was a flop," said Britain\'s Tom Hale.',
        # only a person has a brother, whatever the model reads the name as
        '"This is a critique," said Tom Vance, German\'s brother and fellow film critic.',
    ],
)
def test_possessives_that_name_no_employer(text):
    people = extract_article(Article(text=text)).people
    assert [p.positions for p in people] == [[]]


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        # category 2: a body's possessive names the employer, whether or not its name says
        # it is a body
        ('"It will sell," said Microsoft\'s Ann Dorin.', [["Microsoft"]]),
        ('"It is great," said Coldplay\'s Chris Martin.', [["Coldplay"]]),
        # a person's name before "and" is no part of the body after it
        (
            "MSNBC's Alex Seitz-Wald and Reuters' Luciana Lopez argued that the plan was naive.",
            [["Reuters"]],
        ),
    ],
)
def test_a_bodys_possessive_names_the_employer(text, orgs):
    people = extract_article(Article(text=text)).people
    assert [[x.organization for x in p.positions] for p in people] == orgs


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        # category 2: a director or founder is "of" a body, never of a person, so a name the
        # model reads as a person there is the body; a known given name keeps it a person
        (
            "The race will be tight, said Dan Garten, director of Gotham Ghostwriters.",
            ["Gotham Ghostwriters"],
        ),
        (
            "The race will be tight, said Dan Garten, founder of Kestrel Vance.",
            ["Kestrel Vance"],
        ),
        ("The race will be tight, said Dan Garten, director of John Smith.", []),
    ],
)
def test_a_name_after_director_of_is_a_body(text, orgs):
    [person] = extract_article(Article(text=text)).people
    assert [x.organization for x in person.positions] == orgs


# An unknown firm the model reads as a place, after a role held at a firm or after a person's
# name, beside places that stay places: a country, a region, a town the text writes as one.
FIRMS_AS_PLACES = (
    Path(__file__).parent / "fixtures" / "facts" / "affiliations-firms-read-as-places.txt"
)


@pytest.fixture(scope="module")
def firms_as_places() -> dict:
    return posts_in(FIRMS_AS_PLACES)


@pytest.mark.parametrize(
    ("name", "title", "orgs"),
    [
        ("Tom Reed", "co-founder", [("Zentria", None)]),
        ("Ruth Kemble", "chief executive", [("Tovia", None)]),
        ("Dev Anand", "sales manager", [("Calvana", None)]),
    ],
)
def test_firm_read_as_a_place_after_a_role_of_or_for(firms_as_places, name, title, orgs):
    assert firms_as_places[name] == (title, orgs)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Lena Fry", "managing director"),  # "for Europe": a region a reader knows
        ("Ann Cole", "president"),  # "of France": a country
        ("Gail Pike", "manager"),  # "for Pelaria" where the text writes "in Pelaria"
    ],
)
def test_place_after_a_role_of_or_for_stays_a_place(firms_as_places, name, title):
    assert firms_as_places[name] == (title, [])


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("France", True),
        ("North Yorkshire", True),  # built on a compass word
        ("Asia-Pacific", True),
        ("Hong Kong", True),
        ("Zentria", False),
        ("Burnley", False),  # a town: the text must say "in Burnley" to make it a place
    ],
)
def test_places_a_reader_knows(name, known):
    assert is_known_place(name) is known


@pytest.mark.parametrize(
    ("name", "only"),
    [
        ("Iran", True),
        ("South Korea", True),  # a compass word and a region
        ("Republic of Ireland", True),
        ("United States", True),
        ("Asia Pacific", True),
        # a body named for a place, which `is_known_place` also knows
        ("Tarvo Germany", False),
        ("Texas Instruments", False),
        ("India Petrochemicals Limited", False),
        ("Burnley", False),
    ],
)
def test_a_place_and_nothing_more(name, only):
    assert is_only_a_place(name) is only


@pytest.mark.parametrize(
    ("name", "orgs"),
    [
        # "Veltrix is one of many companies ... said Steve Ash of Veltrix"
        ("Steve Ash", [("Veltrix", None)]),
        # "security firm Quorvant ... Carl Ibbot, from Quorvant,"
        ("Carl Ibbot", [("Quorvant", None)]),
    ],
)
def test_firm_read_as_a_place_after_a_name_when_the_text_calls_it_a_body(
    firms_as_places, name, orgs
):
    assert firms_as_places[name] == (None, orgs)


@pytest.mark.parametrize(
    "name",
    [
        "Tony Hart",  # "of Burnley" where the text writes "voters in Burnley"
        "Jill Moss",  # "from Dunmora", which the text never calls a body
    ],
)
def test_hometown_after_a_name_stays_a_place(firms_as_places, name):
    assert firms_as_places[name] == (None, [])


@pytest.mark.parametrize(
    "text",
    [
        # a site or a chain may be a place: no firm is said
        'Dunmora, a heritage site, drew crowds. "It was busy," said Jill Moss, from Dunmora.',
        # a place a reader knows is no body, whatever the text calls it
        'France is one of many countries. "It is hard," said Ann Cole, from France.',
    ],
)
def test_a_place_described_as_no_firm_stays_a_place(text):
    people = extract_article(Article(text=text)).people
    assert [p.positions for p in people] == [[]]


def test_a_date_after_in_is_no_employer_of_a_role_of():
    # the first name after "chairman of ..." is the date, after "in", not after "of"
    text = (
        '"Growth is steady," said Dr Ian Moss. Dr Moss - who became chairman of the Harlow '
        "Reserve for an unprecedented third term in June 2004 - will step down next year."
    )
    people = extract_article(Article(text=text)).people
    assert all(pos.organization != "June 2004" for p in people for pos in p.positions)


def test_an_aged_persons_town_the_model_reads_as_a_body_stays_a_place():
    # the mention itself is no evidence that the name is a body, and an age marks a hometown
    text = (
        '"We did nothing wrong," said one of the men. One of the men, Tom Hale, 34, from '
        "Orlbury, Gloucestershire, said he and the other seven protesters would plead not guilty."
    )
    people = extract_article(Article(text=text)).people
    assert [p.positions for p in people] == [[]]


def test_firm_read_as_a_person_after_a_role_with_its_own_of():
    # the role is its head before "of" ("vice president"), so "for Trellis" names the firm
    text = (
        '"It will change the car," said Ross Vane, vice president of business development '
        "for Trellis."
    )
    people = extract_article(Article(text=text)).people
    assert [[pos.organization for pos in p.positions] for p in people] == [["Trellis"]]


def test_a_person_after_a_role_with_its_own_of_is_no_firm():
    text = (
        "Senator Ann Trellis spoke first. "
        '"We will win," said Ross Vane, director of communications for Trellis.'
    )
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    assert people["Ross Vane"].positions == []


FIRM_REPORT = (
    "Harlow Minerals wins Chilean licence\n\n"
    "British mining firm Harlow Minerals has won a copper licence in Chile. Harlow Minerals "
    "already runs two mines there, and the deal gives Harlow the largest share of the field, "
    "ahead of Tessel Mining. "
)


def test_a_firms_officer_named_by_post_alone_works_at_the_firm_the_report_is_about():
    # affiliation: a report on one firm leaves its own officers' firm to be understood
    text = FIRM_REPORT + '"This licence doubles our reserves," said chief executive Ann Probert.'
    person = extract_article(Article(text=text)).people[0]
    assert person.title == "chief executive"
    assert [(p.organization, p.role) for p in person.positions] == [
        ("Harlow Minerals", "chief executive")
    ]
    assert person.positions[0].evidence[0].sentence.endswith("said chief executive Ann Probert.")


@pytest.mark.parametrize(
    "text",
    [
        # a bare "director" may direct a film, and a bare "president" a country
        FIRM_REPORT + '"The licence is good news," said director Ann Probert.',
        FIRM_REPORT + '"The licence is good news," said President Ann Probert.',
        # a role no firm holds as such
        FIRM_REPORT + '"The licence is good news," said geologist Ann Probert.',
        # two firms named as often: which one is not said
        "Harlow and Tessel merge\n\nHarlow Minerals and Tessel Mining agreed to merge. Harlow "
        "Minerals shareholders and Tessel Mining shareholders will vote, Harlow and Tessel "
        'said. "The deal makes sense," said chief executive Ann Probert.',
        # a firm the lead does not name is no subject of the report
        "Copper prices rise\n\nCopper prices rose on Monday as demand from China grew strongly "
        "again this year, traders said in London and in New York, where prices also rose. "
        "Harlow Minerals said more. Harlow Minerals gained. Harlow Minerals shares rose 5%. "
        '"The price is good news," said chief executive Ann Probert.',
    ],
)
def test_no_firm_from_the_report_when_the_post_or_the_subject_is_unclear(text):
    person = extract_article(Article(text=text)).people[0]
    assert person.positions == []


@pytest.mark.parametrize(
    ("title", "found"),
    [
        ("chief executive", ("Harlow Minerals", "chief executive")),
        ("chairman and chief executive", ("Harlow Minerals", "chairman and chief executive")),
        ("new finance director", ("Harlow Minerals", "new finance director")),
        # the firm's name the model did not read as one, before the post
        ("Harlow chief executive", ("Harlow Minerals", "chief executive")),
        ("Harlow Minerals' chairman", ("Harlow Minerals", "chairman")),
        ("geologist", None),
        ("Tessel chief executive", None),
    ],
)
def test_the_post_and_the_firm_of_an_officer_of_the_firm_reported_on(title, found):
    doc = load_nlp()(FIRM_REPORT)
    assert subject_firm(doc, title) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Phone sales boom, according to research from technology analysts Corvane.",
            ("Corvane", "mobile analyst"),
        ),
        # two houses of analysts: which one is not said
        (
            "Phone sales boom, say analysts Corvane. Research firm Tessel Data agreed.",
            None,
        ),
        ("Phone sales boom, say retailers.", None),
    ],
)
def test_an_analyst_named_by_post_alone_works_at_the_one_house_of_analysts(text, found):
    doc = load_nlp()(text + ' "Sales grew," said mobile analyst Ann Probert.')
    assert subject_firm(doc, "mobile analyst") == found


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        # no person has a chief technology officer: the model's PERSON is a firm
        (
            '"Games need room," said Mia Stone, chief technology officer for Varden Interactive.',
            ["Varden Interactive"],
        ),
        # a name that opens with a given name is a person, whatever the role
        ('"Games need room," said Mia Stone, chief technology officer for John Varden.', []),
        # a strategist may work for a candidate
        ('"We will win," said Mia Stone, chief strategist for Tovar Kessling.', []),
    ],
)
def test_a_firm_read_as_a_person_after_a_role_only_firms_fill(text, orgs):
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    assert [pos.organization for pos in people["Mia Stone"].positions] == orgs


@pytest.mark.parametrize(
    ("text", "title", "orgs"),
    [
        # affiliation given after the kind of body it is, set off by a comma
        (
            '"The fears are exaggerated," said Dr Ivo Marsh, head of the social policy think '
            "tank, the Harrow Research Group.",
            "head of the social policy think tank",
            ["Harrow Research Group"],
        ),
        (
            '"Sales will slow," said Ivo Marsh, an analyst at the research firm, Tallis.',
            "analyst",
            ["Tallis"],
        ),
        # a place or a person after the comma is no body
        (
            '"Sales will slow," said Ivo Marsh, an analyst at the research firm, London.',
            None,
            [],
        ),
    ],
)
def test_a_body_named_after_the_kind_of_body_a_post_is_at(text, title, orgs):
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    if title is not None:
        assert people["Ivo Marsh"].title == title
    assert [pos.organization for pos in people["Ivo Marsh"].positions] == orgs


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        # affiliation: "at <place>" short for the university the text names after the place
        (
            'Staff at Kelvin Metropolitan University studied the data. "The effect is small," '
            "said Ann Lee, a lecturer at Kelvin.",
            ["Kelvin Metropolitan University"],
        ),
        (
            'A team at the University of Hertfordshire studied the data. "The effect is small," '
            "said Ann Lee, a researcher at Hertfordshire.",
            ["University of Hertfordshire"],
        ),
        # with no such university the place stays a place
        (
            'Voters in Hertfordshire were unhappy. "The effect is small," said Ann Lee, an '
            "analyst at Hertfordshire.",
            [],
        ),
    ],
)
def test_a_place_after_at_is_the_university_the_text_names_after_it(text, orgs):
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    assert [pos.organization for pos in people["Ann Lee"].positions] == orgs


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        # titles and affiliations: a plural appositive after two names describes both
        (
            "Mara Quist and Ivo Marsh, sociologists at Kelvin University, published a book. "
            '"It is complex," Mara Quist said. "It is hard," Ivo Marsh said.',
            True,
        ),
        # a singular one describes only the name it follows
        (
            "Mara Quist and Ivo Marsh, a sociologist at Kelvin University, published a book. "
            '"It is complex," Mara Quist said. "It is hard," Ivo Marsh said.',
            False,
        ),
    ],
)
def test_a_plural_appositive_after_two_names_describes_both(text, shared):
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    assert people["Ivo Marsh"].title == "sociologist"
    first = people["Mara Quist"]
    assert (first.title == "sociologist") is shared
    assert ([pos.organization for pos in first.positions] == ["Kelvin University"]) is shared


def test_a_former_post_beside_an_officers_post_leaves_the_firm_to_be_understood():
    # affiliation: "Chief executive X, a former official in the Treasury": the past post is
    # no employer now, and the firm the report is about is
    text = (
        FIRM_REPORT + "Chief executive Ann Probert, a former senior official in the Treasury, "
        'said: "This licence doubles our reserves."'
    )
    person = extract_article(Article(text=text)).people[0]
    current = [(p.organization, p.role) for p in person.positions if p.kind == "current"]
    assert current == [("Harlow Minerals", "Chief executive")]


@pytest.mark.parametrize(
    ("text", "title", "orgs"),
    [
        # category 2: a hyphenated firm before a role; "general" after the head of a title
        (
            '"We monitor activity," Ann Dobrow, a Q-Mobile spokesperson said.',
            "spokesperson",
            ["Q-Mobile"],
        ),
        (
            '2004 was a "stellar year" said Tom Bennet, director general of Elspa.',
            "director general",
            ["Elspa"],
        ),
        # category 2: a firm named for a place is a firm, a region is a place
        (
            '"It is growing fast," said Rudi Fuchs, managing director of Tarvo Germany.',
            "managing director of Tarvo Germany",
            ["Tarvo Germany"],
        ),
        (
            '"It is growing fast," said Rudi Fuchs, managing director for North Yorkshire.',
            "managing director",
            [],
        ),
    ],
)
def test_short_unknown_names_of_firms(text, title, orgs):
    (person,) = extract_article(Article(text=text)).people
    assert (person.title, [p.organization for p in person.positions]) == (title, orgs)


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        # category 2: a post held inside a body, named right after that body spoke
        (
            "Drivers face new limits. The Harwick Motoring Trust said it was not sure the change "
            'would help. Road safety head Ann Howard said: "It remains to be seen."',
            ["Harwick Motoring Trust"],
        ),
        # a body that only figures in a clause, or does not speak, is nobody's employer
        (
            "The law faces a test, with the Rural Alliance saying many hunts will ride. "
            'Spokesman Tom Yeo said: "We expect most people to obey the law."',
            [],
        ),
        (
            'Tessaly did not comment. "The patents are fine," said spokeswoman Jill Sutter.',
            [],
        ),
    ],
)
def test_a_post_after_a_body_spoke_is_held_there(text, orgs):
    (person,) = extract_article(Article(text=text)).people
    assert [p.organization for p in person.positions] == orgs


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        # category 2: "US researchers, Pew Internet," names the body the study's author is at
        (
            "The study by US researchers, Pew Internet, suggests musicians back file-sharing. "
            '"Even successful artists doubt the lawsuits," said report author Ann Madden.',
            ["Pew Internet"],
        ),
        # category 2: "quoted in China Daily" says where the words ran, not whom he speaks for
        (
            '"No new plants will be built," said Zhou Ming, a spokesman for the State Chemicals '
            "Administration quoted in China Daily.",
            ["State Chemicals Administration"],
        ),
    ],
)
def test_the_body_a_description_gives_and_the_paper_that_quoted_it(text, orgs):
    (person,) = extract_article(Article(text=text)).people
    assert [p.organization for p in person.positions] == orgs


BOARD_ROW = Path(__file__).parent / "fixtures" / "extract" / "board-row.txt"


@pytest.fixture(scope="module")
def board_row() -> dict:
    """name -> (kind, title, organizations) of each person in the board-row article."""
    text = BOARD_ROW.read_text(encoding="utf-8")
    return {
        p.name: (p.kind, p.title, [pos.organization for pos in p.positions])
        for p in extract_article(Article(text=text)).people
    }


@pytest.mark.parametrize(
    ("category", "name", "expected"),
    [
        # two roles joined by "and" before a name are one title, at the firm before them
        (
            "coordinated roles",
            "Dana Whitlow",
            ("other", "president and chief executive", ["Lowmarsh"]),
        ),
        # a firm's chairman holds no office, where the title alone says it is a firm
        (
            "kind of a firm's officer",
            "Ed Brannagh",
            ("other", "chairman and chief executive officer", []),
        ),
        ("kind of a firm's officer", "Leo Tarrant", ("other", "Company president", [])),
        # a firm named for a place is no place; a kinsman's post is somebody else's
        (
            "kind of a firm's officer",
            "Arjun Kessar",
            ("other", "chairman of Delhi Petrochemicals Limited", ["Delhi Petrochemicals Limited"]),
        ),
        ("firm's economist", "Roger Pellow", ("expert", "chief economic advisor", ["Deloitte"])),
        # a kind of body, capitalised at a sentence's start, stands for the one the text named,
        # or for none
        (
            "kind of body before a role",
            "Alan Pryce",
            ("other", "chairman", ["Joint Scrutiny Committee"]),
        ),
        ("kind of body before a role", "Michael Brandt", ("official", "Party leader", [])),
        # "re-joined Labour's election campaign": joined Labour
        ("joined a body's campaign", "Jim Vane", ("other", None, ["Labour"])),
    ],
)
def test_board_row_titles_and_employers(board_row, category, name, expected):
    assert board_row[name] == expected, category


def test_a_kind_of_body_never_stands_for_one_named_inside_a_quote():
    # category 2: "Party Chairman Ron Piper" after a senator's quote names the Nazi Party:
    # the reporter points back to no body a speaker named
    text = (
        'Debate fallout\n\nOn Sunday, Senator Tom Reed said that Democrats were "afraid to offend'
        ' some Germans who may have been members of the Nazi Party but were not violent."\n\n'
        "Now, Republicans believe they have new ammunition. Party Chairman Ron Piper called the"
        ' remarks "a new low" and said: "This is a bizarre attempt to change the subject."'
    )
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    assert people["Ron Piper"].positions == []


@pytest.mark.parametrize(
    ("text", "title", "orgs"),
    [
        # category 2: a title word inside the body's name after "<kind of body> of" is the
        # body's ("Chief ... Officers"); the post is the word after it
        (
            "Association of Chief Police Officers president Dana Holm said the new powers were"
            " too weak.",
            "president",
            ["Association of Chief Police Officers"],
        ),
        # a title word after the body's name still starts the post
        (
            "Bank of America chief economist Mickey Levy said rates would rise.",
            "chief economist",
            ["Bank of America"],
        ),
        (
            "Institute of Directors Director General Miles Templeman said rates would rise.",
            "Director General",
            ["Institute of Directors"],
        ),
        # an exclamation mark written onto a firm's name is part of it
        ("Yahoo! chief executive Terry Semel said profits rose.", "chief executive", ["Yahoo!"]),
        # where no body is read from the name the post after it stands alone
        ('Kerrang! editor Ashley Bird said: "It is amazing."', "editor", []),
    ],
)
def test_a_title_word_inside_a_bodys_name_before_the_post(text, title, orgs):
    [person] = extract_article(Article(text=text)).people
    assert (person.title, [p.organization for p in person.positions]) == (title, orgs)


JUPITER = (
    "Consumers snub portable video\n\nProduced by Jupiter Research, the analysis found only 13%"
    " of Europeans want to watch video on the move. A separate report by Jupiter forecasts that"
    " the music market will grow. Digital music players will be behind this growth, said"
    " Jupiter. Jupiter also expects prices to fall.\n\n"
)


@pytest.mark.parametrize(
    "line",
    [
        '"Music players lead in Europe today," said Ian Fogg, Jupiter analyst.',
        '"Music players lead in Europe today," said Jupiter analyst Ian Fogg.',
    ],
)
def test_a_place_name_before_a_post_is_the_body_the_text_names_with_it(line):
    # category 2: the model reads "Jupiter" as a place at every mention; the text names
    # Jupiter Research, and writes the short form alone more often than the full one
    [person] = extract_article(Article(text=JUPITER + line)).people
    assert (person.title, [p.organization for p in person.positions]) == (
        "analyst",
        ["Jupiter Research"],
    )


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        # category 2: "from/of <kind of body> <Name>" with no comma names the body, whatever
        # the model reads the name as
        ('"The public might be caught out," said Tom Rauch from anti-virus firm Vexor.', ["Vexor"]),
        ('"The public might be caught out," said Tom Rauch of security firm Vexor.', ["Vexor"]),
        # a town after "from" is where someone is from
        ('"The public might be caught out," said Tom Rauch from Birmingham.', []),
    ],
)
def test_a_body_introduced_by_its_kind_after_a_name(text, orgs):
    [person] = extract_article(Article(text=text)).people
    assert [p.organization for p in person.positions] == orgs


@pytest.mark.parametrize(
    ("text", "title", "orgs"),
    [
        # category 2: a kind of body, a comma, then its name: the name is the employer, also
        # where a possessive names another body first
        (
            "The group is leaving, said Laura Guzman, a spokeswoman for Navisco's parent "
            "company, Mondavi International.",
            "spokeswoman",
            ["Mondavi International"],
        ),
        (
            "It was the right call, said Rob McDaniel, a senior executive at Carrow's parent "
            "company, United Techworks, on Monday.",
            "senior executive",
            ["United Techworks"],
        ),
    ],
)
def test_the_name_after_a_kind_of_body_is_the_employer(text, title, orgs):
    [person] = extract_article(Article(text=text)).people
    assert (person.title, [x.organization for x in person.positions]) == (title, orgs)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # category 2: a post "at" a body the text does not name keeps the body in the title,
        # as "dean of the journalism school" does
        (
            "The delay is costly, said Dana Pruitt, a budget manager at the county treasurer's "
            "office.",
            "budget manager at the county treasurer's office",
        ),
        (
            '"They were well prepared," said Ray Okafor, a maths teacher at the high school.',
            "maths teacher at the high school",
        ),
    ],
)
def test_a_post_at_a_body_written_in_lowercase_is_a_title(text, title):
    [person] = extract_article(Article(text=text)).people
    assert person.title == title
