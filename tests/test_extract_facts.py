"""Titles, affiliations and biography facts of one person (directory.extract.facts)."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from directory.extract.facts import Facts, add_position, extract_facts
from directory.extract.nlp import load_nlp
from directory.models import Position

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "facts"
SEED = ROOT / "data" / "samples" / "xi-putin-trump-calls.txt"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def find(text: str, pattern: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of a whole-word pattern in text[start:end]."""
    end = len(text) if end is None else end
    return [(start + m.start(), start + m.end()) for m in re.finditer(pattern, text[start:end])]


def without_evidence(facts: Facts) -> dict:
    """The facts as plain data with evidence, confidence and the raw descriptions (read for the
    kind, tested in test_extract_kinds) left out."""

    def strip(value):
        if isinstance(value, dict):
            return {
                k: strip(v)
                for k, v in value.items()
                if k not in {"evidence", "title_evidence", "confidence", "descriptions"}
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(asdict(facts))


def all_evidence(facts: Facts) -> list:
    items = [*facts.positions, *facts.publications, *facts.research_areas, *facts.editorial_roles]
    return facts.title_evidence + [ev for item in items for ev in item.evidence]


def position(organization, **fields) -> dict:
    record = {
        "organization": organization,
        "acronym": None,
        "parent": None,
        "role": None,
        "kind": "current",
        "place": None,
        "country": None,
        "start": None,
        "end": None,
    }
    record.update(fields)
    return record


@pytest.fixture(scope="session")
def seed(nlp):
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    background = text.index("Expert Background")
    after = text.index("Implications for Global Order")
    mentions = find(text, r"\bRen Xiao\b") + find(text, r"\bDr\. Ren\b")
    mentions += find(text, r"\b(?:He|His|he)\b", background, after)
    return text, extract_facts(doc, mentions)


def test_seed_ren_xiao_exact_records(seed):
    _, facts = seed
    title = "professor of international politics"
    assert without_evidence(facts) == {
        "title": title,
        "positions": [
            position(
                "Institute of International Studies",
                acronym="IIS",
                parent="Fudan University",
                role=title,
                place="Shanghai",
            ),
            position("Fudan University", kind="held"),
            position("Shanghai Institute for International Studies", acronym="SIIS", kind="held"),
            position("Beijing Foreign Studies University", acronym="BFSU", kind="held"),
            position("University of Essex", kind="visiting", country="England"),
            position("University of Turku", kind="visiting", country="Finland"),
            position("Nagoya University", kind="visiting", country="Japan"),
            position("George Washington University", kind="visiting", country="United States"),
            # The article lost these dates ("From to ,"): none may be invented.
            position("Chinese Embassy in Tokyo", kind="former", place="Tokyo"),
        ],
        "publications": [
            {"title": "Human Security and Cross-Border Cooperation in East Asia"},
            {"title": "New Frontiers of China\u2019s Foreign Relations"},
            {"title": "China Debates Its Global Role"},
        ],
        "research_areas": [
            {"topic": "international relations in the Asia-Pacific region"},
            {"topic": "Northeast Asian security"},
            {"topic": "Chinese foreign policy"},
        ],
        "editorial_roles": [
            {"journal": "Globalizations", "role": "editor"},
            {"journal": "East Asia: An International Quarterly", "role": "editor"},
        ],
    }


def test_seed_evidence_is_the_sentence_without_its_heading(seed):
    text, facts = seed
    for ev in all_evidence(facts):
        assert text[ev.start : ev.end] == ev.sentence
    assert facts.title_evidence[0].sentence.startswith("\u201cChina is a pivotal major power")
    assert facts.positions[-1].evidence[0].sentence.startswith("From to , he worked")
    assert all(0 < item.confidence <= 1 for item in facts.positions)


@pytest.fixture(scope="session")
def analysts(nlp):
    text = (FIXTURES / "two-analysts.txt").read_text(encoding="utf-8")
    return text, nlp(text)


@pytest.mark.parametrize(
    ("name", "title", "positions"),
    [
        (
            "Mara Lindqvist",
            "senior fellow",
            [
                position(
                    "Centre for Maritime Policy",
                    acronym="CMP",
                    parent="Baltic State University",
                    role="senior fellow",
                    place="Riga",
                )
            ],
        ),
        # Same sentence, own appositive: never the first speaker's title.
        ("Tomas Berg", "analyst", [position("Nordhaven Capital", role="analyst")]),
        # Pre-modifier: "Nordhaven Capital chief economist Ines Kovac".
        ("Ines Kovac", "chief economist", [position("Nordhaven Capital", role="chief economist")]),
        # A newspaper keeps its "The"; the possessive names the employer.
        ("Nadia Holm", "film critic", [position("The Courier", role="film critic")]),
        # Only an organization: no title.
        ("Petra Ahl", None, [position("Institute for Freight Research")]),
        (
            "Oskar Lund",
            "director of the Harbour Studies Project",
            [
                position(
                    "Harbour Studies Project",
                    parent="University of Kelso",
                    role="director of the Harbour Studies Project",
                )
            ],
        ),
    ],
)
def test_titles_and_affiliations(analysts, name, title, positions):
    text, doc = analysts
    facts = extract_facts(doc, find(text, re.escape(name)))
    record = without_evidence(facts)
    assert (record["title"], record["positions"]) == (title, positions)


def test_biography_sentences_with_dates(nlp):
    text = (FIXTURES / "biography.txt").read_text(encoding="utf-8")
    mentions = find(text, r"\bAino Varis\b|\bDr\. Varis\b|\b(?:She|Her|she)\b")
    record = without_evidence(extract_facts(nlp(text), mentions))
    assert record["positions"] == [
        position(
            "Arctic Research Institute",
            role="professor of glaciology",
            place="Tromso",
        ),
        position("Lakeland University", kind="held"),
        position("Polar Data Centre", acronym="PDC", kind="held"),
        position("Northfield College", kind="held"),
        position("University of Bergen", kind="visiting", country="Norway"),
        position("McGill University", kind="visiting", country="Canada"),
        position(
            "Norwegian Embassy in Ottawa", kind="former", place="Ottawa", start="2001", end="2006"
        ),
    ]
    assert record["publications"] == [
        {"title": "Cold Water"},
        {"title": "Thin Ice"},
        {"title": "Melting Points"},
    ]
    assert record["research_areas"] == [
        {"topic": "sea ice dynamics"},
        {"topic": "glacier mass balance"},
        {"topic": "climate records"},
    ]
    assert record["editorial_roles"] == [
        {"journal": "Polar Letters", "role": "editor"},
        {"journal": "Ice: A Review", "role": "editor"},
    ]


@pytest.fixture(scope="session")
def clauses(nlp):
    text = (FIXTURES / "clauses.txt").read_text(encoding="utf-8")
    return text, nlp(text)


@pytest.mark.parametrize(
    ("name", "title", "positions", "publications"),
    [
        # Two descriptors joined by "and the"; "its" points back to the university.
        (
            "Rosa Mendel",
            "professor of economics; director of the Centre for Fiscal Research",
            [
                position("Westbrook University", role="professor of economics"),
                position(
                    "Centre for Fiscal Research",
                    parent="Westbrook University",
                    role="director of the Centre for Fiscal Research",
                ),
            ],
            [],
        ),
        # "former X who is now a Y at Z": the old post is former, the new one current.
        (
            "Karl Ostrow",
            "former Treasury adviser; senior fellow",
            [
                position("Treasury", role="former Treasury adviser", kind="former"),
                position("Halden Institute", role="senior fellow"),
            ],
            [],
        ),
        (
            "Yusuf Arslan",
            "chief economist",
            [
                position(
                    "Ministry of Finance",
                    role="chief economist",
                    kind="former",
                    start="2009",
                    end="2012",
                )
            ],
            [],
        ),
        # "author of X" names a work, never an employer.
        (
            "Dana Whitfield",
            "managing partner; author of The Long Deficit",
            [position("Corran Capital", role="managing partner")],
            [{"title": "The Long Deficit"}],
        ),
        # A clause that starts with a verb ("telling Channel Nine's ...") is no title.
        ("Lior Benn", "spokesman", [position("Crestline Group", role="spokesman")], []),
        # A veteran of an organization served there; it is no current employer.
        (
            "Ruth Adler",
            "20-year veteran",
            [position("Foreign Office", role="20-year veteran", kind="former")],
            [],
        ),
        # A country's possessive stays in the title.
        ("Ana Ruiz", "Chile's trade minister", [], []),
        # A role after the name without a comma, at a firm named after its kind.
        (
            "Mira Sato",
            "economic policy analyst",
            [position("Brightwater", role="economic policy analyst")],
            [],
        ),
    ],
)
def test_clauses_and_conjoined_descriptors(clauses, name, title, positions, publications):
    text, doc = clauses
    record = without_evidence(extract_facts(doc, find(text, re.escape(name))))
    assert (record["title"], record["positions"], record["publications"]) == (
        title,
        positions,
        publications,
    )


def test_a_persons_aide_has_no_employer(nlp):
    text = '"We disagree," said Tom Reyes, Senator Alice Moreno\'s spokesman, on Monday.'
    record = without_evidence(extract_facts(nlp(text), find(text, "Tom Reyes")))
    assert (record["title"], record["positions"]) == ("spokesman", [])


def test_biography_variants(nlp):
    text = (FIXTURES / "biography-variants.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    mentions = find(text, r"\bLena Park\b|\bPark\b|\b(?:She|Her|she)\b")
    record = without_evidence(extract_facts(doc, mentions))
    assert record == {
        "title": "economist",
        "positions": [
            position("Harbor Policy Institute", role="economist"),
            # "She is also a visiting fellow at ... in Geneva": the copula after a pronoun.
            position(
                "Centre for Trade Studies", role="visiting fellow", kind="visiting", place="Geneva"
            ),
            # "She was previously ...": a past post, and not her title.
            position("Meridian Bank", role="senior analyst", kind="former"),
            position("International Maritime Organization", kind="former", place="London"),
            position("Coastal State University", kind="former", start="1995", end="1999"),
        ],
        "publications": [{"title": "Harbors of Change"}, {"title": "Tides of Trade"}],
        "research_areas": [
            {"topic": "port logistics"},
            {"topic": "shipping finance"},
            {"topic": "trade law"},
        ],
        "editorial_roles": [
            {"journal": "Journal of Maritime Economics", "role": "editorial board member"}
        ],
    }
    reyes = without_evidence(extract_facts(doc, find(text, "Omar Reyes")))
    assert (reyes["title"], reyes["positions"]) == (
        "heads the Port Workers Union",
        [position("Port Workers Union")],
    )


def title_and_orgs(nlp, text: str, name: str) -> tuple[str | None, list[str]]:
    """The title and the employers' names the facts give the person named `name`."""
    record = without_evidence(extract_facts(nlp(text), find(text, name)))
    return record["title"], [p["organization"] for p in record["positions"]]


@pytest.mark.parametrize(
    ("text", "title", "orgs"),
    [
        # category 2: a post the person keeps, in a clause after the name
        (
            "Ann Tully, who will remain as Corbel chief executive, said the offer was fair.",
            "chief executive",
            ["Corbel"],
        ),
        (
            "Ann Tully, who stays on as chief executive of Corbel Industries, said it was fair.",
            "chief executive",
            ["Corbel Industries"],
        ),
        (
            "Ann Tully, who remains chairman of Corbel, said the offer was fair.",
            "chairman of Corbel",
            ["Corbel"],
        ),
        # a post given: held since ("was appointed chairman"), not a past post
        (
            "Ann Tully, who was appointed chairman of Corbel in 2003, said the offer was fair.",
            "chairman of Corbel",
            ["Corbel"],
        ),
        (
            "Ann Tully, who was named last week as chairman of Corbel, said the offer was fair.",
            "chairman of Corbel",
            ["Corbel"],
        ),
        # a passive after "who was" names no post
        ("Ann Tully, who was joined on stage by the band's singer, said it was fair.", None, []),
        # a state, not a post
        ("Ann Tully, who remains confident, said the offer was fair.", None, []),
        ("Ann Tully, who remains close to her old boss, said the offer was fair.", None, []),
    ],
)
def test_a_post_kept_in_a_clause_after_the_name(nlp, text, title, orgs):
    assert title_and_orgs(nlp, text, "Ann Tully") == (title, orgs)


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # category 2: a role fronted with "his" or "her" serves someone the text has named
        (
            'Mr Griffiths was jailed. But his lawyer, Ann Bellow, told the BBC it was "absurd".',
            "Ann Bellow",
            "lawyer",
            [],
        ),
        (
            "Her campaign manager, Rob Nook, said the race was close.",
            "Rob Nook",
            "campaign manager",
            [],
        ),
        # "one of his advisers" is no plural title of one person
        (
            "One of his advisers, Tad Dervin, told reporters that it was close.",
            "Tad Dervin",
            None,
            [],
        ),
        # a body's name with commas inside it, after a fronted role
        (
            "A spokesman for Harbor Immigration, Customs and Enforcement, Dean Boyle, said the "
            "group did not appear to be motivated by money.",
            "Dean Boyle",
            "spokesman",
            ["Harbor Immigration, Customs and Enforcement"],
        ),
    ],
)
def test_fronted_roles(nlp, text, name, title, orgs):
    assert title_and_orgs(nlp, text, name) == (title, orgs)


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # category 2: a role's "to" belongs to the title, fronted or after the name
        (
            "Several nations objected, and Nordland ambassador to the WTO, Karl Vesten, said "
            "the bid must be judged on trade alone.",
            "Karl Vesten",
            "Nordland ambassador to the WTO",
            [],
        ),
        (
            "Omar Said, Bolivia's envoy to the United Nations in Geneva, said accession would "
            "help.",
            "Omar Said",
            "Bolivia's envoy to the United Nations in Geneva",
            [],
        ),
        (
            '"The sums do not add up," Paul Amble, Labour\'s Chief Secretary to the Treasury, '
            "said.",
            "Paul Amble",
            "Chief Secretary to the Treasury",
            ["Labour"],
        ),
        # (an infinitive after "to" is no part of a post, and "up to" fronts nothing)
        (
            "Tom Reddle, the third MP to defect this year, said he was glad.",
            "Tom Reddle",
            None,
            [],
        ),
        (
            "It will be up to the incoming president of the European Commission, Jose Marvo, "
            "to adopt the plan.",
            "Jose Marvo",
            "incoming president of the European Commission",
            ["European Commission"],
        ),
    ],
)
def test_a_role_to_a_body(nlp, text, name, title, orgs):
    assert title_and_orgs(nlp, text, name) == (title, orgs)


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # category 2: a predicate with its own subject before the name is no fronted role
        (
            "Asked if she was the party's treasurer, Ann Bellow said it was private.",
            "Ann Bellow",
            None,
            [],
        ),
        # (an inverted copula still fronts a role)
        (
            "Among those quoted was the CBI's chief economist, Ian McCafferty, who said it was "
            "fair.",
            "Ian McCafferty",
            "chief economist",
            ["CBI"],
        ),
        # the object of a verb that reports nothing is no fronted role
        (
            "In states where voters back the president, Ann Bellow devotes her speech to him.",
            "Ann Bellow",
            None,
            [],
        ),
        # (after a verb that quotes, it is)
        (
            "The paper quoted the bank's chief economist, Ann Bellow, as saying rates would rise.",
            "Ann Bellow",
            "chief economist",
            [],
        ),
    ],
)
def test_a_predicate_before_the_name_is_no_fronted_role(nlp, text, name, title, orgs):
    assert title_and_orgs(nlp, text, name) == (title, orgs)


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # category 2: a role with "of" and what it heads, written before the name
        (
            '"It begins now," director of telecoms research Tony Lavelle said.',
            "Tony Lavelle",
            "director of telecoms research",
            [],
        ),
        (
            'White House chief of staff Denis Mayhew said it was "fine".',
            "Denis Mayhew",
            "chief of staff",
            ["White House"],
        ),
        # "of" after a word that heads nothing is no title
        ('The loss of revenue Tom Lavery said was "fine".', "Tom Lavery", None, []),
    ],
)
def test_a_role_of_something_before_the_name(nlp, text, name, title, orgs):
    assert title_and_orgs(nlp, text, name) == (title, orgs)


@pytest.fixture(scope="session")
def nyt_style(nlp):
    text = (FIXTURES / "nyt-style.txt").read_text(encoding="utf-8")
    return text, nlp(text)


@pytest.mark.parametrize(
    ("name", "title", "positions", "publications"),
    [
        # A work quoted NYT-style ('' ... '') after "author of".
        (
            "Akhil Amar",
            "professor of constitutional law; author of ''America's Unwritten Constitution,''",
            [position("Yale", role="professor of constitutional law")],
            [{"title": "America's Unwritten Constitution"}],
        ),
        # "and currently a ..." opens a second, current post.
        (
            "Rick Tyler",
            "former senior aide to Mr. Cruz; political analyst",
            [position("MSNBC", role="political analyst")],
            [],
        ),
        # "of Christie" without a comma, Christie being a person in the article: no employer.
        ("Patrick Murray", "political scientist", [], []),
        # Quotes bound the work: "''Salt and Iron,'' a history of ..." is one title.
        ("Joan Mercer", "author of ''Salt and Iron,''", [], [{"title": "Salt and Iron"}]),
        # A role word inside a complement ("adviser to President Bush") is not a pre-modifier.
        (
            "Douglas Holtz-Eakin",
            "former adviser to President George W. Bush; former director",
            [position("Congressional Budget Office", role="former director", kind="former")],
            [],
        ),
    ],
)
def test_nyt_style_descriptors(nyt_style, name, title, positions, publications):
    text, doc = nyt_style
    record = without_evidence(extract_facts(doc, find(text, re.escape(name))))
    assert (record["title"], record["positions"], record["publications"]) == (
        title,
        positions,
        publications,
    )


@pytest.mark.parametrize(
    ("name", "topics"),
    [
        # "an expert on X at Y": the topic stops before the employer.
        ("Chris Knott", [{"topic": "energy economics"}]),
        # "a researcher at Delft ... who studies X": "who" is the person, not the university.
        ("Jan Pauw", [{"topic": "peer-to-peer networks"}]),
        # The topic list ends where the next verb begins.
        ("Omar Reed", [{"topic": "antitrust law"}]),
    ],
)
def test_research_areas_from_descriptors(nlp, name, topics):
    text = (FIXTURES / "research-areas.txt").read_text(encoding="utf-8")
    record = without_evidence(extract_facts(nlp(text), find(text, name)))
    assert record["research_areas"] == topics


def test_joined_with_a_year_and_named_books(nlp):
    text = (FIXTURES / "joined-and-books.txt").read_text(encoding="utf-8")
    mentions = find(text, r"\bMaya Lund\b|\bLund\b|\b(?:She|Her|she|her)\b")
    record = without_evidence(extract_facts(nlp(text), mentions))
    # "joined the Orbis Institute in 2011" dates her current post there.
    assert record["positions"] == [
        position("Orbis Institute", role="senior fellow", start="2011"),
    ]
    assert record["publications"] == [{"title": "Borders of Trust"}, {"title": "Salt and Steel"}]


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        # The pronouns belong to someone else.
        (
            "Lena Holt spoke first. He said the plan failed, and his research focuses on ports.",
            r"Lena Holt",
        ),
        # The role after the name is the next person's pre-modifier.
        ("Unlike Jo Vale, media consultant Ed Marsh says the race is open.", r"Jo Vale"),
        ("Former Jo Vale pollster Ed Marsh was a guest on the show.", r"Jo Vale"),
        # What a relative clause says is about the publisher, not about her.
        (
            "Then she got an offer from Redline Press, a publisher that specializes in rare maps.",
            r"\bshe\b",
        ),
        # A comma after a name that opens a clause, not a title.
        ("Cuts loom for Ian Roe, telling Radio Nine's listeners that more was coming.", r"Ian Roe"),
        ("Behind Trump, with Christie lagging, came the rest.", r"Trump"),
    ],
)
def test_nothing_attached_from_other_phrases(nlp, text, pattern):
    facts = extract_facts(nlp(text), find(text, pattern))
    assert without_evidence(facts) == without_evidence(Facts())


@pytest.fixture(scope="session")
def seed_doc(nlp):
    return nlp(SEED.read_text(encoding="utf-8"))


@settings(max_examples=200, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(-5, 5400), st.integers(-3, 60)), max_size=4))
def test_any_mentions_give_facts_with_true_evidence(seed_doc, spans):
    """Mentions anywhere (spaces, past the end, backwards) never raise, and every evidence
    sentence is the article text at its offsets."""
    text = seed_doc.text
    facts = extract_facts(seed_doc, [(start, start + length) for start, length in spans])
    for ev in all_evidence(facts):
        assert text[ev.start : ev.end] == ev.sentence


# --- titles and affiliations, person by person on whole articles --------------------------


def people_of(name: str) -> dict:
    """Each person extracted from a fixture article: name -> (title, [(org, parent, acronym,
    place)])."""
    from directory.extract import extract_article
    from directory.models import Article

    text = (FIXTURES / name).read_text(encoding="utf-8")
    found = {}
    for person in extract_article(Article(text=text)).people:
        orgs = [
            (p.organization, p.parent, p.acronym, p.place)
            for p in person.positions
            if p.kind == "current"
        ]
        found[person.name] = (person.title, orgs)
    return found


@pytest.fixture(scope="module")
def bbc_affiliations():
    return people_of("affiliations-bbc.txt")


@pytest.mark.parametrize(
    ("category", "name", "title", "orgs"),
    [
        # an organisation written before the role, one the model does not know
        ("org pre-modifier", "Priya Lomax", "economist", [("Corvane", None, None, None)]),
        ("org pre-modifier", "Mara Linden", "film critic", [("Harwick Gazette", None, None, None)]),
        (
            "org pre-modifier",
            "Alan Pryce",
            "Professor",
            [("Castleford University", None, None, None)],
        ),
        # a short or unknown name after "at", a place-named university
        ("short name after at", "Ruth Okafor", "chief economist", [("Fenwick", None, None, None)]),
        ("short name after at", "Simon Tate", "lecturer", [("Lancaster", None, None, None)]),
        # an acronym defined earlier, used as a possessive in a title before the name
        (
            "acronym defined earlier",
            "Colin Ashby",
            "head of research",
            [("Northern Ports Authority", None, "NPA", None)],
        ),
        # the body named a sentence before: "Its chief economist", "the bank's"
        (
            "affiliation a sentence before",
            "Helen Marr",
            "chief economist",
            [("Brackwater Partners", None, None, None)],
        ),
        (
            "affiliation a sentence before",
            "Kelvin Ames",
            "head of markets",
            [("Brackwater Partners", None, None, None)],
        ),
        # a name with commas in it
        (
            "organisation name with commas",
            "Owen Fisk",
            "researcher",
            [("Centre for Work, Family and Society", "Redbrook University", None, None)],
        ),
    ],
)
def test_titles_and_affiliations_in_bbc_style(bbc_affiliations, category, name, title, orgs):
    assert bbc_affiliations[name] == (title, orgs), category


def test_titles_that_are_not_the_persons():
    found = people_of("titles-nyt.txt")
    # "fellow Sen. Gordon Pike": an adjective; "The federal judge Mr. Pike was referring to":
    # a clause about the judge; "the Pike campaign manager, Corey Vance,": Vance's title
    assert found["Gordon Pike"] == (None, [])
    assert found["Corey Vance"] == ("Pike campaign manager", [])
    # a possessive stays whole: never "'s former adviser"
    assert found["Tom Brill"] == ("Ms. Whitcombe's former adviser", [])
    assert found["Lena Ortiz"] == ("political scientist", [("Kenyon College", None, None, None)])


def test_a_role_after_a_name_opened_by_an_article_is_not_the_names(nlp):
    # titles: "a Pike spokesman" is a spokesman Pike has, not Pike's post
    text = (
        '"Murphy owes Floridians an explanation," Tom Brill, a Pike spokesman, said in a '
        "statement. The Pike chief of staff declined to comment. Pike analyst Ann Lee agreed."
    )
    doc = nlp(text)
    pike = find(text, r"Pike")
    assert extract_facts(doc, pike[:2]).title is None
    # the appositive after a name is still its own
    assert extract_facts(doc, find(text, "Tom Brill")).title == "spokesman"


def test_a_place_is_not_an_affiliation():
    found = people_of("voters-bbc.txt")
    assert found["Tony Marsh"] == (None, [])  # "Tony Marsh, of Burnley": a voter's town
    assert found["Jean Pollard"] == (None, [])  # "Jean Pollard, 64, from Whitby"
    # a place that qualifies a body stays the position's place
    assert found["Graham Holt"] == ("analyst", [("Corvane Securities", None, None, "Leeds")])


def test_a_post_held_now_said_with_a_verb(nlp):
    text = (
        '"It is neglected," said Ruth Ames, a neurology professor. '
        "She oversees a research centre at Harlow General Hospital."
    )
    doc = nlp(text)
    spans = find(text, "Ruth Ames") + find(text, r"\bShe\b")
    record = without_evidence(extract_facts(doc, spans))
    assert record["positions"] == [position("Harlow General Hospital")]


def test_a_past_post_ends_where_a_new_verb_phrase_starts(nlp):
    text = (
        '"Two people can do it," said Rick Vance, a strategist who once worked for Senator '
        "Hale and has advised a super PAC in 2016. He worked at the Institute of Science and "
        "Technology and later taught in Leeds."
    )
    doc = nlp(text)
    spans = find(text, "Rick Vance") + find(text, r"\bHe\b")
    record = without_evidence(extract_facts(doc, spans))
    assert [(p["organization"], p["kind"]) for p in record["positions"]] == [
        ("Institute of Science and Technology", "former")
    ]


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # a hyphen joins the words of a title or a name
        (
            "Treasury Under-Secretary Joan Hale said no.",
            "Joan Hale",
            "Treasury Under-Secretary",
            [],
        ),
        ('"Yes," said Wal-Mart spokesman Guy Webb.', "Guy Webb", "spokesman", ["Wal-Mart"]),
        # "of" joins a name only between capitals
        ("Its investigation of Secretary Ann Cole's email was slow.", "Ann Cole", "Secretary", []),
        # a verb or a preposition after the comma is no title
        ("Obama, acting as a character reference for Ms Cole, spoke.", "Obama", None, []),
        ("Ann Cole, during her tenure as envoy, said little.", "Ann Cole", None, []),
        # a portfolio before a minister's title is no employer; "now" opens no title
        ("Trade Secretary Patricia Hale said yes.", "Patricia Hale", "Trade Secretary", []),
        (
            "Phil Reed, now chairman of Mersey TV, said yes.",
            "Phil Reed",
            "chairman of Mersey TV",
            [],
        ),
        ("Attorney General Loretta Moss said no.", "Loretta Moss", "Attorney General", []),
        # a department in the title, the body after "at" the employer
        (
            '"It holds," said Alan Drew, Head of Chemistry at the Royal Institute.',
            "Alan Drew",
            "Head of Chemistry",
            ["Royal Institute"],
        ),
        # a phrase of its own before the title, or a sentence adverb, is not the title
        (
            "After the announcement WLGA finance spokesman Rhys Bowen said it was vital.",
            "Rhys Bowen",
            "finance spokesman",
            ["WLGA"],
        ),
        (
            "Earlier British costume designer Sally Pike said yes.",
            "Sally Pike",
            "British costume designer",
            [],
        ),
        # a role word that only modifies a thing is no title
        (
            "Turnout will rise in the coming general election, Carl Benn said.",
            "Carl Benn",
            None,
            [],
        ),
        # a sentence that ends in an abbreviation ends before the title
        (
            "Losses were more than $4m. Assistant US Attorney Scott Kirwan said so.",
            "Scott Kirwan",
            "Assistant US Attorney",
            [],
        ),
        # a member of parliament: a party's, not a body named "Labour MP"
        ("Mr Dunn, a prospective Labour MP, said no.", "Mr Dunn", "prospective Labour MP", []),
        # an acronym the text spells out, before any role
        (
            'The Guild of Ferry Pilots (GFP) objected. "No," said Mark Dale, GFP General '
            "Secretary.",
            "Mark Dale",
            "General Secretary",
            ["Guild of Ferry Pilots"],
        ),
        # "and" inside a body's name, before a role word that goes on into the name
        (
            '"Fine," said Rob Tenby, director general of the Comics and Graphic Novel '
            "Publishers Association.",
            "Rob Tenby",
            "director general",
            ["Comics and Graphic Novel Publishers Association"],
        ),
        # a role written in capitals after the firm's name
        ("Corvane CEO Priya Lomax said no.", "Priya Lomax", "CEO", ["Corvane"]),
        ("Veltra CFO Tom Kane said the quarter was strong.", "Tom Kane", "CFO", ["Veltra"]),
        # a capitalised title the model read as part of the name
        (
            "Assistant Chief Constable Dan Warr said no.",
            "Dan Warr",
            "Assistant Chief Constable",
            [],
        ),
    ],
)
def test_titles_are_clean_role_phrases(nlp, text, name, title, orgs):
    doc = nlp(text)
    record = without_evidence(extract_facts(doc, find(text, re.escape(name))))
    assert record["title"] == title
    assert [p["organization"] for p in record["positions"]][: len(orgs)] == orgs


def test_a_person_named_in_the_text_is_no_employer(nlp):
    text = '"It is fine," said Tom Roe, spokesman for Sanders. Bernie Sanders agreed.'
    record = without_evidence(extract_facts(nlp(text), find(text, "Tom Roe")))
    assert (record["title"], record["positions"]) == ("spokesman", [])


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # a country's or a common noun's possessive names no employer
        ("Australia's Prime Minister Jo Hale spoke.", "Jo Hale", "Australia's Prime Minister", []),
        (
            "But the country's vice president Jose Alves said no.",
            "Jose Alves",
            "vice president",
            [],
        ),
        # "the bank's" points back at the bank named before
        (
            'Marlow Bank cut rates. "It is fine," said the bank\'s chief economist Tom Hill.',
            "Tom Hill",
            "chief economist",
            ["Marlow Bank"],
        ),
    ],
)
def test_possessives_before_a_role(nlp, text, name, title, orgs):
    record = without_evidence(extract_facts(nlp(text), find(text, re.escape(name))))
    assert (record["title"], [p["organization"] for p in record["positions"]]) == (title, orgs)


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # "boss" is a title, but not a person's "ex-boss"; a place after "in" opens none
        ('"It is over," said Tarvo boss Ann Lowe.', "Ann Lowe", "boss", ["Tarvo"]),
        ("He testified against his ex-boss Ann Lowe on Monday.", "Ann Lowe", None, []),
        ("At a show in Las Vegas games boss Ann Lowe said no.", "Ann Lowe", "games boss", []),
        # a body's name in capitals before the verb is no group of role holders speaking
        (
            "However, Ann Lowe, a fund manager at Harlow Trustees said the stake was small.",
            "Ann Lowe",
            "fund manager",
            ["Harlow Trustees"],
        ),
        # a role's topic ends before the body it is held at
        (
            "Ann Lowe, an expert on Russia at the Harlow Centre in Leeds, said no.",
            "Ann Lowe",
            "expert on Russia",
            ["Harlow Centre"],
        ),
        (
            "Ann Lowe, a professor at the University of North Carolina at Chapel Hill, said no.",
            "Ann Lowe",
            "professor",
            ["University of North Carolina at Chapel Hill"],
        ),
        # a clause on the role noun ends the title
        (
            "He found Dan Lowe, a text message guru living in Leeds.",
            "Dan Lowe",
            "text message guru",
            [],
        ),
        # lower-case words with an apostrophe between "at" and the body's name
        (
            "Steve Rand, chief economist at the manufacturers' organisation EEF, said no.",
            "Steve Rand",
            "chief economist",
            ["EEF"],
        ),
        # a clause's subject after a comma is no descriptor; a body's name is
        ("As for Mr. Bloom, Forbes says he is rich.", "Bloom", None, []),
        (
            'Colin Ash, Blackpool Hotel Association said: "We tried."',
            "Colin Ash",
            None,
            ["Blackpool Hotel Association"],
        ),
        # category 2: "chief of staff to <a person>" is one title, with no body
        (
            '"No," said Jeremy Bask, who was the chief of staff to Leon E. Panetta.',
            "Jeremy Bask",
            "chief of staff to Leon E. Panetta",
            [],
        ),
        # a second description after "and a" is not part of the first
        (
            '"He has no plan," Jeb Bask, the former Florida governor and a Republican '
            "presidential candidate, told CNN.",
            "Jeb Bask",
            "former Florida governor",
            [],
        ),
    ],
)
def test_where_a_descriptor_ends(nlp, text, name, title, orgs):
    record = without_evidence(extract_facts(nlp(text), find(text, re.escape(name))))
    assert (record["title"], [p["organization"] for p in record["positions"]]) == (title, orgs)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Paula Ortiz, the mayor of Denver, spoke on Monday.", "mayor"),
        ("Paula Ortiz, a city councillor, spoke on Monday.", "city councillor"),
        ("Ohio Governor Paula Ortiz spoke on Monday.", "Ohio Governor"),
        # a party's member of parliament, the party read by the model as a first name
        ("Labour MP Paula Ortiz spoke on Monday.", "Labour MP"),
        ("Tory MP Paula Ortiz spoke on Monday.", "Tory MP"),
        # an office in capitals the model read as the name's first word, or written after it
        ("MSP Karen Whitefield wants shops shut on Christmas Day.", "MSP"),
        ("Labour MEP Karen Whitefield wants shops shut on Christmas Day.", "Labour MEP"),
        ('"It is a fair deal," said Paula Ortiz MP.', "MP"),
        ("Paula Ortiz MP, the education secretary, spoke on Monday.", "education secretary"),
        # an office written as a form of address, with the place, party or "former" before it
        ("Sen. Paula Ortiz (D-Colo.) spoke on Monday.", "Sen."),
        ("Colorado Gov. Paula Ortiz spoke on Monday.", "Colorado Gov."),
        ("Democratic Rep. Paula Ortiz spoke on Monday.", "Democratic Rep."),
        ("Former Rep. Paula Ortiz spoke on Monday.", "Former Rep."),
        # a stated role wins over the form of address; other words before it are no part of it
        ("Sen. Paula Ortiz, the chairwoman of the panel, spoke.", "chairwoman of the panel"),
        ("Republican presidential candidate Sen. Paula Ortiz spoke.", "Sen."),
        ("Recall Sen. Paula Ortiz damaging her reputation.", "Sen."),
    ],
)
def test_an_elected_office_is_a_title(nlp, text, title):
    name = "Karen Whitefield" if "Whitefield" in text else "Paula Ortiz"
    assert extract_facts(nlp(text), find(text, name)).title == title


def test_a_body_named_with_a_courtesy_title_is_a_person_and_no_post():
    positions: list[Position] = []
    add_position(positions, Position(organization="Mr Farage", role="MEP"))
    add_position(positions, Position(organization="Mrs. Hale", role="aide"))
    add_position(positions, Position(organization="Missouri State University", role="lecturer"))
    assert [p.organization for p in positions] == ["Missouri State University"]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        # a fronted role with a place in it
        (
            '"I am outraged," the play\'s organiser in Kampala, Sarah Mukasa, told the BBC.',
            "Sarah Mukasa",
            "organiser",
        ),
        # a fronted role inside a phrase, the name an appositive closed by a comma
        (
            "Faith schools were singled out by Ofsted chief, David Bell, for doing too little.",
            "David Bell",
            "chief",
        ),
        # the object of a preposition before a name that goes on to speak is no title
        ("In a letter to the chairman, Ann Lee wrote that it was wrong.", "Ann Lee", None),
        # roles of the arts and of campaigns
        ("Producer Barry Weiss said he was proud of the show.", "Barry Weiss", "Producer"),
        ("Ann Lee, agent for Harlow Tories, said it was wrong.", "Ann Lee", "agent"),
    ],
)
def test_a_role_phrase_before_the_name_and_a_comma(nlp, text, name, title):
    assert extract_facts(nlp(text), find(text, name)).title == title


@pytest.mark.parametrize(
    ("text", "name", "organization"),
    [
        (
            "Ian Hale, deputy editor of UK magazine Mac Format, said the machine would sell.",
            "Ian Hale",
            "Mac Format",
        ),
        (
            "Joe Lee, a football specialist at accountancy firm Grant Thornton, said so.",
            "Joe Lee",
            "Grant Thornton",
        ),
    ],
)
def test_a_body_named_after_a_noun_for_its_kind_is_the_employer_whatever_the_model_reads(
    nlp, text, name, organization
):
    facts = extract_facts(nlp(text), find(text, name))
    assert [p.organization for p in facts.positions] == [organization]


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # category 2: a plural noun before a role that the tagger reads as a verb
        (
            "Rita Vane, features editor of Lumen magazine, says classic shows have a built-in "
            "audience.",
            "Rita Vane",
            "features editor",
            ["Lumen magazine"],
        ),
        # a party the text names as a body runs the campaign a spokesman speaks for
        (
            "Labour has been accused of using crude images in posters. Labour campaign "
            "spokesman Fraser Kemp said the poster had been misunderstood.",
            "Fraser Kemp",
            "campaign spokesman",
            ["Labour"],
        ),
        # a verb the tagger reads as a noun opens no title
        (
            "Labour has been accused of using images in posters which critics claim depict "
            "Tory leader Michael Howard as Fagin.",
            "Michael Howard",
            "Tory leader",
            [],
        ),
        # a language before "professor" is the subject taught, not the employer
        (
            "''I would expect a novel set in the crisis to look at working women,'' said Susan "
            "Ferrow, an English professor at Nova Southeastern University in Fort Lauderdale, "
            "Fla.",
            "Susan Ferrow",
            "English professor",
            ["Nova Southeastern University"],
        ),
        # how it was said ends the title
        (
            '"The UK has entered 2005 on course to continue its record period of growth," said '
            "Paul Bolt, chief secretary to the Treasury in a statement.",
            "Paul Bolt",
            "chief secretary to the Treasury",
            [],
        ),
        # a day opening the sentence before a fronted role is when, not what
        (
            "Yesterday Argentina's economy minister, Roberto Lavella, said that he estimated "
            "the results would be ready next Thursday.",
            "Roberto Lavella",
            "Argentina's economy minister",
            [],
        ),
        # nobody is "the" X: a name after "the" the model reads partly as a body is one
        (
            '"It is over," said Jane Roe, the director of the UCLA Anderson Forecast.',
            "Jane Roe",
            "director of the UCLA Anderson Forecast",
            ["UCLA Anderson Forecast"],
        ),
        # "working for" a body names where the post is held
        (
            "''Good news for the country is bad news for them,'' said Geoff Garrow, a "
            "Democratic pollster working for Priorities USA, a super PAC supporting Hillary "
            "Clinton.",
            "Geoff Garrow",
            "Democratic pollster",
            ["Priorities USA"],
        ),
        # a body's acronym in brackets inside a fronted role
        (
            '"We have hardly started in reaching the whole population," the new chair of the '
            "Internet Standards Task Force (ISTF), Brian Colter, says. The ISTF runs the net.",
            "Brian Colter",
            "new chair",
            ["Internet Standards Task Force"],
        ),
    ],
)
def test_titles_and_employers_read_past_a_misreading(nlp, text, name, title, orgs):
    assert title_and_orgs(nlp, text, name) == (title, orgs)


def with_labels(nlp, text: str, phrase: str, label: str, skip: int):
    """The parsed text with every mention of `phrase` after the first `skip` labelled `label`,
    as the model labels it in some articles."""
    doc = nlp(text)
    found = [doc.char_span(s, e) for s, e in find(text, phrase)][skip:]
    doc.set_ents([Span(doc, f.start, f.end, label=label) for f in found], default="unmodified")
    return doc


@pytest.mark.parametrize(
    ("text", "phrase", "label", "skip", "name", "title", "orgs"),
    [
        # category 2: a nationality opening a body the text names is part of it
        (
            "The poster prompted concern from the editor of the Jewish Chronicle. Jewish "
            "Chronicle editor Ned Tarrow said it was crude.",
            "Jewish",
            "NORP",
            1,
            "Ned Tarrow",
            "editor",
            ["Jewish Chronicle"],
        ),
        # "of" and a surname the text gives a person is no employer
        (
            'Gov. Chris Christie left the race. "It just was never meant to be," said Monmouth '
            "University political scientist Pat Morrow of Christie, who suspended his "
            "campaign. Christie was proud.",
            "Christie",
            "ORG",
            1,
            "Pat Morrow",
            "political scientist",
            ["Monmouth University"],
        ),
        # a firm after "at" that the model reads as a person is the employer
        (
            "Ask Jeeves has bought the Bloglines website. Jim Lanzo, vice president of search "
            "properties at Ask Jeeves in the US, said it did not buy Bloglines for a foothold.",
            "Ask Jeeves",
            "PERSON",
            0,
            "Jim Lanzo",
            "vice president of search properties",
            ["Ask Jeeves"],
        ),
    ],
)
def test_employers_where_the_model_labels_a_name_otherwise(
    nlp, text, phrase, label, skip, name, title, orgs
):
    record = without_evidence(
        extract_facts(with_labels(nlp, text, phrase, label, skip), find(text, name))
    )
    assert (record["title"], [p["organization"] for p in record["positions"]]) == (title, orgs)


def test_a_post_set_off_after_a_persons_town_is_theirs(nlp):
    # category 2: after "of Chicago", the post set off by a comma is the person's, and the
    # body it is held at describes them, not the town (which is no employer)
    text = (
        '"I want the economy to flourish," says Misha Shahani, 32, of Chicago, an account '
        "executive for a tech firm that sells storage."
    )
    assert title_and_orgs(nlp, text, "Misha Shahani") == ("account executive for a tech firm", [])


def test_a_title_case_headline_names_no_body_before_a_name(nlp):
    # category 2: in "Trump Finally Endorses House Speaker Paul Ryan." every word is capitalised,
    # so "Finally Endorses House" is no employer
    text = (
        "Donald Trump Finally Endorses House Speaker Paul Ryland.\n\n"
        "Paul Ryland said on Friday that he welcomed the support."
    )
    assert title_and_orgs(nlp, text, "Paul Ryland") == ("Speaker", [])
