"""Speakers, quotes and kinds on small literal articles (directory.extract end to end)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc, Span

from directory.extract import EXTRACTOR_VERSION, extract_article, extract_articles, extract_doc
from directory.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@cache
def extracted(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return extract_article(Article(text=text, title=text.split("\n", 1)[0]))


def people(name: str) -> list[dict]:
    """Each person's identity, kind and quotes as plain data (facts are tested elsewhere)."""
    return [
        {
            "name": p.name,
            "aliases": p.aliases,
            "given_name": p.given_name,
            "family_name": p.family_name,
            "honorific": p.honorific,
            "kind": p.kind,
            "quotes": [(q.kind, q.cue, q.text) for q in p.quotes],
        }
        for p in extracted(name).people
    ]


def test_said_after_and_pronouns_across_paragraphs():
    assert people("bakery-prices.txt") == [
        {
            "name": "Helen Marsh",
            "aliases": ["Ms Marsh"],
            "given_name": "Helen",
            "family_name": "Marsh",
            "honorific": "Ms",
            "kind": "expert",
            "quotes": [
                ("direct", "said", "Bakers have no room left to absorb the increase"),
                ("indirect", "added", "smaller shops were likely to close first"),
                ("indirect", "expects", "prices to stabilise by the summer"),
                ("direct", "said", "We are watching the harvest closely"),
                ("direct", None, "If it fails, everything changes."),
            ],
        },
        {
            "name": "Colin Brady",
            "aliases": ["Mr Brady"],
            "given_name": "Colin",
            "family_name": "Brady",
            "honorific": "Mr",
            "kind": "official",
            "quotes": [
                ("indirect", "told", "the government would not intervene"),
                ("direct", "said", "Markets must be allowed to work"),
            ],
        },
    ]


def test_family_name_first_role_noun_colon_and_according_to():
    assert people("river-study.txt") == [
        {
            "name": "Tan Wei",
            "aliases": ["Dr. Tan Wei", "Dr. Tan"],
            "given_name": "Wei",
            "family_name": "Tan",
            "honorific": "Dr.",
            "kind": "expert",
            "quotes": [
                ("direct", "said", "Nobody expected the numbers to be this high"),
                ("indirect", "said", "the particles came mostly from tyres and clothing"),
                ("direct", None, "We need filters at treatment plants. It is that simple."),
                ("indirect", "according to", "the cheapest fix is a change in washing habits"),
            ],
        },
        {
            "name": "Priya Nair",
            "aliases": [],
            "given_name": "Priya",
            "family_name": "Nair",
            "honorific": None,
            "kind": "spokesperson",
            "quotes": [
                ("direct", "said", "We welcome the research and will study it carefully."),
            ],
        },
    ]


def test_multi_paragraph_quote_dash_attribution_and_scare_quotes():
    found = people("council-vote.txt")
    assert [(p["name"], p["kind"]) for p in found] == [
        ("Anna Kowalski", "official"),
        ("Tom Reyes", "official"),
    ]
    assert found[0]["quotes"] == [
        ("direct", "said", "This is a good day for everyone who walks or cycles in the city"),
        ("direct", None, "It took four years of arguments to get here. We did not give up."),
        ("direct", "added", "Now the real work starts"),
    ]
    # "miracle" and "disaster" are scare quotes with nobody's cue: nobody's quotes
    assert found[1]["quotes"] == [
        ("indirect", "argued", "the scheme would hurt shop owners"),
        ("direct", None, "It is a vanity project"),
    ]


def test_nyt_marks_and_honorifics():
    assert [(p["name"], p["aliases"], p["kind"], p["quotes"]) for p in people("nyt-style.txt")] == [
        (
            "Laura Chen",
            ["Ms. Chen"],
            "expert",
            [
                ("direct", "said", "The evidence is clear"),
                ("direct", "said", "Imports cost jobs in some towns, and created them in others."),
                ("indirect", "said", "the effect was concentrated in a few regions"),
            ],
        ),
        (
            "Mark Ellison",
            ["Senator Mark Ellison", "Mr. Ellison"],
            "official",
            [("direct", "said", "We have heard this before")],
        ),
    ]


def test_quote_offsets_point_into_the_text():
    for name in ("bakery-prices.txt", "river-study.txt", "council-vote.txt", "nyt-style.txt"):
        extraction = extracted(name)
        text = extraction.article.text
        for person in extraction.people:
            for q in person.quotes:
                assert text[q.start : q.end] == q.text
                assert 0 < q.confidence <= 1


def test_organization_tagged_as_person_is_not_a_speaker():
    names = [p["name"] for p in people("river-study.txt")]
    assert not any("George Washington" in n for n in names)


def test_extract_articles_keeps_input_order_and_version():
    texts = [
        (FIXTURES / n).read_text(encoding="utf-8") for n in ("nyt-style.txt", "council-vote.txt")
    ]
    results = list(extract_articles([Article(text=t) for t in texts], batch_size=1))
    assert [r.people[0].name for r in results] == ["Laura Chen", "Anna Kowalski"]
    assert all(r.extractor_version == EXTRACTOR_VERSION for r in results)


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            '"Rates will fall," said Maria Lopez, an analyst at Ridge Capital.',
            "Maria Lopez",
            "Rates will fall",
        ),
        (
            'Maria Lopez, an analyst at Ridge Capital, said: "Rates will fall."',
            "Maria Lopez",
            "Rates will fall.",
        ),
        ("Maria Lopez told the BBC that rates would fall.", "Maria Lopez", "rates would fall"),
        ("Maria Lopez warned that rates would fall.", "Maria Lopez", "rates would fall"),
        # reporting-verb coverage: proclaim, allege
        ("Maria Lopez proclaimed that rates would fall.", "Maria Lopez", "rates would fall"),
        ("Maria Lopez alleged that the rates were rigged.", "Maria Lopez", "the rates were rigged"),
        ("Rates will fall, according to Maria Lopez.", "Maria Lopez", "Rates will fall"),
        # a cue set inside the sentence it reports, with the name's description after it
        (
            "The problem they face, said Ravi Mehta, head of mobile firm Textwise, is teaching "
            "people to send the messages.",
            "Ravi Mehta",
            "The problem they face, said Ravi Mehta, head of mobile firm Textwise, is teaching "
            "people to send the messages",
        ),
        (
            "What this means, said Stacey Holm, senior vice president of TV Listings Group, is "
            "that viewers need a simpler guide.",
            "Stacey Holm",
            "What this means, said Stacey Holm, senior vice president of TV Listings Group, is "
            "that viewers need a simpler guide",
        ),
        # a name right before the verb, which the parser reads inside a phrase before it
        (
            "At the Consumer Electronics Show in Las Vegas Microsoft boss Ray Gant said the "
            "console would be part of his vision.",
            "Ray Gant",
            "the console would be part of his vision",
        ),
        (
            'Plans were set out.\n\nShadow leader of the Commons Oliver Bramley said: "This will '
            'be part of our aim."',
            "Oliver Bramley",
            "This will be part of our aim.",
        ),
        (
            '"The days of the rich are over," the minister for civil aviation Ravi Mehta said.',
            "Ravi Mehta",
            "The days of the rich are over",
        ),
        (
            'Aid was cut. Act on Hunger\'s John Hale said: "Rhetoric cannot disguise it."',
            "John Hale",
            "Rhetoric cannot disguise it.",
        ),
        # "As X said," vouches for the clause after it
        (
            "As Tory spokesman Oliver Bramley said - any chancellor would use his budget to "
            "win votes.",
            "Oliver Bramley",
            "any chancellor would use his budget to win votes",
        ),
        ("As Ann Lee said, the economy is weak.", "Ann Lee", "the economy is weak"),
        # speaker identity: a capitalised post heading the subject is no name; its
        # appositive name speaks
        (
            "Argentine Economic Minister, Ramon Vallejo, told the French media that the "
            "government was considering a rise.",
            "Ramon Vallejo",
            "the government was considering a rise",
        ),
        # reporting-verb coverage: a reported clause opened by a gerund subject
        (
            "Mara Quist said having Dorrin at the top of the ticket puts them at risk.",
            "Mara Quist",
            "having Dorrin at the top of the ticket puts them at risk",
        ),
        # the parser read the reported clause's subject as the verb's, and its verb as a noun
        (
            "The promise to fix the roads appeals to voters who wish for a return to an era "
            "when a degree was not needed to earn a living, said Ivo Marsh, a demographer at "
            "Kelvin University.",
            "Ivo Marsh",
            "The promise to fix the roads appeals to voters who wish for a return to an era "
            "when a degree was not needed to earn a living",
        ),
        # a participle after a dash, hung inside a noun's clause, is the subject's
        (
            "Mara Quist dismissed Ian Roe\u2019s claims that the party is breaking federal law "
            "through its joint deal with the DNC \u2014 saying the rival campaign chose not to "
            "take the same help.",
            "Mara Quist",
            "the rival campaign chose not to take the same help",
        ),
    ],
)
def test_attribution_patterns(text, speaker, quote):
    result = extract_article(Article(text=text))
    assert [(p.name, [q.text for q in p.quotes]) for p in result.people] == [(speaker, [quote])]


@pytest.mark.parametrize(
    "text",
    [
        "A spokesman for Labour chairman Ian Roe said the views were his own.",
        "A panel of reporters led by WNTV's Chris Matson agreed that the plan was bad.",
        # "As X spoke," says when, not what
        "As Ann Lee spoke, the crowd grew impatient.",
        "As Ann Lee said this, the crowd grew impatient.",
        # a post written as a name, with no name given
        'Foreign Secretary said the talks had been "very productive" on Monday.',
        # a group or a poll named like a person
        'Senate Republicans said the meeting had been "very productive".',
        "A Morning Consult Poll found that he would draw from Clinton's support.",
    ],
)
def test_a_name_ending_the_subject_who_did_not_speak(text):
    assert extract_article(Article(text=text)).people == []


def test_said_before_a_name_and_its_own_clause_is_no_inserted_cue():
    text = (
        "Mr. Gale, whose latest firm sells data, said Mr. Brand was a candidate in the spirit "
        "of the valley."
    )
    result = extract_article(Article(text=text))
    assert [(p.name, [q.text for q in p.quotes]) for p in result.people] == [
        ("Gale", ["Mr. Brand was a candidate in the spirit of the valley"])
    ]


def test_speaker_named_only_after_the_first_quote():
    text = (
        'Traders were nervous.\n\n"Nobody knows where the floor is. We are guessing," '
        'said Omar Haddad, a strategist at Kestrel Bank.\n\n"The next week matters," he added.'
    )
    result = extract_article(Article(text=text))
    assert [(p.name, [q.text for q in p.quotes]) for p in result.people] == [
        (
            "Omar Haddad",
            ["Nobody knows where the floor is. We are guessing", "The next week matters"],
        )
    ]


def test_unnamed_and_group_speakers_are_not_people():
    text = (
        'Analysts said the fall was "overdone". A spokesman said: "We do not comment."\n\n'
        'The report said growth would slow. "It is bad news," the company said.'
    )
    assert extract_article(Article(text=text)).people == []


def quote_counts_and_statements(text: str) -> tuple[list[tuple[str, int]], list]:
    """Each person's name with their number of quotes, and the bodies' statements."""
    result = extract_article(Article(text=text))
    return [(p.name, len(p.quotes)) for p in result.people], result.statements


def speakers(text: str) -> list[tuple[str, list[str]]]:
    return [
        (p.name, [q.text for q in p.quotes]) for p in extract_article(Article(text=text)).people
    ]


def test_single_quotes_and_pronoun_after_paragraph_break():
    text = (
        "Hugh Hill, a doctor at Bay Hospital, said the wards were full.\n\n"
        "'If they do not get a bed they will wait for days,' he added."
    )
    assert speakers(text) == [
        ("Hugh Hill", ["the wards were full", "If they do not get a bed they will wait for days"])
    ]


def test_dash_and_colon_lead_ins_without_a_verb():
    text = (
        "The commission voted on Friday.\n\n"
        '"This rule protects every caller." -Commissioner Grace Okafor\n\n'
        "And from Chairwoman Lena Brandt:\n\n"
        '"We will review the rule again next year."'
    )
    assert speakers(text) == [
        ("Grace Okafor", ["This rule protects every caller."]),
        ("Lena Brandt", ["We will review the rule again next year."]),
    ]


def test_a_name_before_the_colon_after_a_group_that_spoke_is_the_one_quoted():
    # speaker identity: "Pollsters agree" is a cue with a group for its speaker, and the name
    # that opens the quote after the dash is the one quoted
    text = (
        "The polls were close.\n\n"
        "Pollsters agree - Ann Selby: \u201cThe biggest lesson was simple, and it was "
        "clear.\u201d\n\nMore counts came in."
    )
    assert speakers(text) == [
        ("Ann Selby", ["The biggest lesson was simple, and it was clear."]),
    ]


@pytest.mark.parametrize("speaker", ["His agent", "A spokeswoman for the studio", "The studio"])
def test_a_quote_with_no_cue_after_someone_unnamed_spoke_is_not_the_named_speakers(speaker):
    # category 5/6: the last to speak before the quote was no person of the text
    text = (
        '"I have no desire to change the villains," Tom Weir added. '
        f"{speaker} told the Times newspaper that the author was happy with the film. "
        '"Of course we want to make money, but he is a wonderful director."'
    )
    assert speakers(text) == [("Tom Weir", ["I have no desire to change the villains"])]


def test_an_epithet_or_a_verb_inside_someone_elses_report_does_not_stop_the_quote_going_on():
    # "the British actor" is how news names someone again: the quote after goes on with him
    text = (
        'Tom Weir said he had doubts. "I questioned whether I should come," the British actor '
        'said. "I thought it might be in bad taste."'
    )
    assert speakers(text)[0][1][-1] == "I thought it might be in bad taste."
    # a verb inside the words the spokeswoman reports is no one speaking, and she spoke last
    text = (
        "Tom Weir said he had doubts about the film. A BBC spokeswoman said Ann Cole would "
        'continue as producer. "We think the new slot will create a buzz."'
    )
    assert speakers(text) == [("Tom Weir", ["he had doubts about the film"])]


def test_a_clerics_office_designates_the_cleric_named_before():
    # category 1: "The archbishop added:" is Archbishop Tutu, not nobody, and the quote after
    # goes on with him, not with the minister named in between
    text = (
        "Archbishop Desmond Tutu has called for the release of the detainees. Foreign "
        "Secretary Jack Straw told the Commons that the US had agreed to release four men. The "
        'archbishop added: "What is happening to those left behind? "We in South Africa used '
        'to have a dispensation that detained people without trial."'
    )
    said = dict(speakers(text))
    assert said["Desmond Tutu"][1:] == [
        "What is happening to those left behind?",
        "We in South Africa used to have a dispensation that detained people without trial.",
    ]


def test_a_reported_clause_the_parser_split_in_two_is_one():
    # category 3: "expressed" read as a second clause of "said", with nothing between the two
    text = (
        "Tom Weir, the director, said the changes were being made after film studio New Line "
        "expressed concern."
    )
    assert speakers(text) == [
        ("Tom Weir", ["the changes were being made after film studio New Line expressed concern"])
    ]


def test_a_reported_clause_whose_subject_has_a_participle_is_one_clause():
    # category 3: "released" describes "the Iranians"; the clause goes on to "were close"
    text = (
        "John Kerrow said the Iranians released by the United States were close to finishing "
        "their sentences."
    )
    assert speakers(text) == [
        (
            "John Kerrow",
            ["the Iranians released by the United States were close to finishing their sentences"],
        )
    ]


def test_a_subject_read_as_the_verbs_object_opens_the_reported_clause():
    text = "Hilda Crane promised her entire program would be paid for by tax reform."
    assert speakers(text) == [
        ("Hilda Crane", ["her entire program would be paid for by tax reform"])
    ]


def test_interjecting_is_a_cue():
    text = 'Dan Cole tried to laugh it off by interjecting, "Only Rosie O\'Hara."'
    (person,) = extract_article(Article(text=text)).people
    assert [(q.cue, q.text) for q in person.quotes] == [("interjecting", "Only Rosie O'Hara.")]


def test_gloating_is_a_cue():
    # category 3: "And Mr. Christie gloated: ''...''"
    text = "And Mr. Kristof gloated: ''I told you he would not be ready.''"
    (person,) = extract_article(Article(text=text)).people
    assert [(q.cue, q.text) for q in person.quotes] == [
        ("gloated", "I told you he would not be ready.")
    ]


def test_mocking_words_are_a_cue():
    # category 3: "he mocks", "sneering that ..."
    text = 'Jon Chase wrote a column. "The market has not failed the workers," he mocks.'
    (person,) = extract_article(Article(text=text)).people
    assert [(q.cue, q.text) for q in person.quotes] == [
        ("mocks", "The market has not failed the workers")
    ]


def test_quote_with_no_cue_and_no_speaker_is_nobodys():
    text = "Alice Moor began talking to Bob Hale. 'The rain is late this year.' Bob Hale nodded."
    assert speakers(text) == []


def evidence(name: str) -> list[tuple[str, str | None, str | None]]:
    """(first words of each quote, the words naming its speaker there, its cue) in the text."""
    extraction = extracted(name)
    text = extraction.article.text
    out = []
    for person in extraction.people:
        for q in person.quotes:
            source = text[q.source_start : q.source_end] if q.source_start is not None else None
            cue = text[q.cue_start : q.cue_end] if q.cue_start is not None else None
            out.append((" ".join(q.text.split()[:3]), source, cue))
    return out


def test_every_quote_carries_its_source_and_cue_spans():
    assert evidence("bakery-prices.txt") == [
        ("Bakers have no", "Helen Marsh", "said"),
        ("smaller shops were", "She", "added"),
        ("prices to stabilise", "Ms Marsh", "expects"),
        ("We are watching", "she", "said"),
        ("If it fails,", None, None),
        ("the government would", "Colin Brady", "told"),
        ("Markets must be", "Mr Brady", "said"),
    ]


def said(name: str) -> dict[str, list[str]]:
    """Each person's quotes, by name, as their first four words."""
    return {
        p.name: [" ".join(q.text.split()[:4]) for q in p.quotes] for p in extracted(name).people
    }


def statements(name: str) -> list[tuple[str, str, str]]:
    """(organisation, cue, first four words) for each statement."""
    return [
        (s.organization, s.quote.cue, " ".join(s.quote.text.split()[:4]))
        for s in extracted(name).statements
    ]


def test_role_noun_before_name_is_not_the_speaker():
    # speaker identity: "Head of <dept> at <institute>, Professor X, said" is X, not "Head"
    found = said("reef-survey.txt")
    assert "Head" not in found
    assert found["Alan Brodie"] == ["the decline was faster"]


def test_coordinated_names_are_people_and_joint_words_nobodys():
    # speaker identity: "Forde, Okoro and Dunne" are three people (the model calls Okoro a
    # place); what they found together is no one person's quote
    found = said("reef-survey.txt")
    assert found["Ben Okoro"] == ["the figures were worse", "We counted every colony"]
    assert "Ann Forde" not in found and "Carla Dunne" not in found


def test_appositive_name_keeps_its_quote_over_the_name_in_its_description():
    # speaker identity: "Y, one of Prof X's students, says" is Y's
    found = said("reef-survey.txt")
    assert found["Lena Park"] == ["the fieldwork is slow", "You spend weeks on"]


def test_family_members_sharing_a_surname_stay_apart():
    found = said("reef-survey.txt")
    assert found["Tom Hale"] == ["bookings had halved"]
    assert found["Jean Hale"] == ["the couple would stay"]


def test_first_name_only_speaker_is_a_person():
    assert said("reef-survey.txt")["Sheila"] == ["she had watched the", "It used to glow"]


def test_towns_and_sentence_openers_are_not_speakers():
    names = list(said("reef-survey.txt"))
    assert not {"Harwick", "Meanwhile", "Meanwhile Harwick"} & set(names)
    assert statements("reef-survey.txt") == [("Harwick", "said", "it would appeal against")]


def test_organisations_publications_and_parties_make_statements_not_people():
    assert said("oil-dispute.txt")["Irina Volkova"] == ["Nobody will put money"]
    assert statements("oil-dispute.txt") == [
        ("Vostrum", "said", "it would take the"),
        ("Financial Times", "reported", "two banks had refused"),
        ("Financial Times", "said", "the banks feared further"),
        ("Democrats", "argued", "sanctions should be widened"),
        ("Republicans", "said", "they would wait for"),
        # "an article in Vedomost": a publication, though the model calls it a person
        ("Vedomost", "reported", "a third was expected"),
    ]


def test_unnamed_role_speaker_named_in_the_next_sentence_is_that_person():
    # "Russia's energy minister has said ... Pavel Orlov said ...": one person
    assert said("oil-dispute.txt")["Pavel Orlov"] == [
        'the ruling was "a',
        "a matter for the",
        "he would not comment",
    ]


def test_an_unnamed_role_speaker_is_not_the_next_speaker_with_a_post_of_their_own():
    # category 1: "Former welfare minister Frank Field MP said" names somebody else
    text = (
        "Budget row\n\n"
        "There was talk of a rift between the two men. But the prime minister said he had "
        "discussed the claims with the chancellor. Former welfare minister Frank Dorley MP "
        "said the prime minister should act.\n"
    )
    assert speakers(text) == [("Frank Dorley", ["the prime minister should act"])]


def test_statement_quotes_carry_their_spans():
    extraction = extracted("oil-dispute.txt")
    text = extraction.article.text
    first = extraction.statements[0].quote
    assert text[first.source_start : first.source_end] == "Vostrum"
    assert text[first.cue_start : first.cue_end] == "said"
    assert text[first.start : first.end] == first.text


def test_he_said_after_a_paragraph_about_a_speaker_is_that_speaker():
    # pronoun chains: "The first draft was commissioned by Gov. Ray Pryce. ''...,'' he said"
    # in a paragraph about Mr. Keller is Keller's, not the nearer Pryce's
    found = said("hospital-merger.txt")
    assert found["Keller"] == ["We will hold public"]
    assert "Ray Pryce" not in found


def test_unnamed_antecedent_blocks_a_named_person():
    # pronoun chains: "A spokeswoman ... said ... She added" is not the named professor's
    found = said("hospital-merger.txt")
    assert found["Helen Marsh"] == ["the deal would leave", "Patients will wait longer,"]


def test_pronoun_after_a_newly_introduced_person_and_an_object_name():
    found = said("hospital-merger.txt")
    assert found["Laura Quist"] == ["the unions had not"]
    # "Asked about Mr. Keller, he said": the paragraph's subject, not the object
    assert found["Sam Ortiz"] == ["the hearings would come"]


def test_name_run_on_past_a_dash_and_a_surname_tagged_as_a_noun():
    # speaker identity: "Carla Mendes - the host's producer - told" and "Mendes says"
    assert said("radio-host.txt")["Carla Mendes"] == [
        "the broadcasts had been",
        "the show was meant",
        "He was never telling",
        "He was asking questions.",
        "I would make every",
    ]


def test_speaker_right_before_the_verb_when_the_parser_hangs_the_name_on_the_quote():
    assert evidence("radio-host.txt")[5] == ("We are asking", "Martin Vega", "said")


def test_clause_ending_in_a_colon_introduces_the_quote_and_is_no_quote_itself():
    quotes = said("radio-host.txt")["Carla Mendes"]
    assert not any(q.startswith("given the choice") for q in quotes)


def test_partial_quote_in_someone_elses_sentence_is_not_the_last_speakers():
    found = said("radio-host.txt")
    assert not any("crossed a clear line" in q for quotes in found.values() for q in quotes)


def test_split_quote_around_a_long_description_gives_both_segments():
    # split quotes: '"A," said X, film critic at Y, "B"', and a short first fragment kept
    found = said("film-festival.txt")
    assert found["Oliver Grant"] == ["A triumph", "and the best thing"]
    assert found["Mina Hart"] == ["Bold", "Too long, but bold."]


@pytest.mark.parametrize(
    "text",
    [
        '"It is a mess," said Ruth Adler, a professor of economics at Kelvin University, '
        '"and it will get worse."',
        "''It is a mess,'' said Dr. Ruth Adler, a professor at Kelvin University, ''and it will "
        "get worse.''",
        'The market, said Ruth Adler, "is a mess, and it will get worse."',
    ],
)
def test_split_and_mid_sentence_quotes(text):
    assert [p for p, _ in speakers("The report came out on Monday.\n\n" + text)] == ["Ruth Adler"]


def test_titles_of_works_and_scare_quotes_are_not_quotes():
    # not quotes: a book and a film title, a scare-quoted word inside a paraphrase
    found = said("film-festival.txt")
    assert found["Anna Kowal"] == [
        'the "buzz" this year',
        "We had to turn",
        "it took her six",
    ]
    assert not any("Long Summer" in q or "Salt And" in q for qs in found.values() for q in qs)


def test_title_case_headline_says_is_no_speaker():
    # not quotes: "Harwick Pollster Says Mayor Holds Narrow Lead" makes nobody a speaker
    assert said("poll-headline.txt") == {"Dana Whitfield": ["It is close, but"]}


def test_title_case_headline_says_counts_for_a_person_named_again():
    text = (
        "Clinton Says Russians Hacked The Party Servers\n\n"
        "Hillary Clinton said on Sunday that Russian agents had hacked the servers.\n"
    )
    assert speakers(text) == [
        (
            "Hillary Clinton",
            ["Russians Hacked The Party Servers", "Russian agents had hacked the servers"],
        )
    ]


def test_cue_verbs_that_double_their_last_consonant():
    # reporting verbs: "admitted", "quipped", "tipped", "concurred" (admit* in patterns.py)
    assert said("ferry-strike.txt") == {
        "Fiona Dunmore": ["The dispute had been", "some members had wanted"],
        "Callum Reid": ['the island had "never', "never been so quiet"],
        "Ewan Blair": ["the new rota to", "settle things down for"],
        "Iain Lowrie": ["the review should be"],
    }


def test_an_abbreviation_ending_a_quote_before_its_comma_does_not_end_the_sentence():
    text = (
        "Networks face a crowded market.\n\n"
        "“We don’t think there’s room for four cable news networks in the U.S.,” Dana Kowal "
        "said. “There is hardly room for three.”"
    )
    result = extract_article(Article(text=text))
    [person] = result.people
    assert person.name == "Dana Kowal"
    first = person.quotes[0]
    assert (first.text, first.cue) == (
        "We don’t think there’s room for four cable news networks in the U.S.",
        "said",
    )


def test_a_role_word_the_model_reads_into_an_organization_still_names_a_person():
    # en_core_web_sm tags "Spokeswoman Jenna Holt" here as one ORG entity
    text = (
        "O'Malley's campaign says it will shift staff from its Baltimore headquarters to the "
        "early states. Spokeswoman Jenna Holt says the candidate has always run a lean "
        "campaign.\n\nHolt says the campaign will seek federal matching funds."
    )
    result = extract_article(Article(text=text))
    assert [(p.name, p.kind, len(p.quotes)) for p in result.people] == [
        ("Jenna Holt", "spokesperson", 2)
    ]
    assert result.statements == []


def test_a_name_before_someone_elses_role_says_whom_it_serves():
    text = (
        "Iowa changed the race\n\n"
        "Barack Obama himself seemed to recognise the moment. “Years from now, you will look "
        "back and say that this was the moment,” he said in his victory speech.\n\n"
        "Obama consultant Cornell Belcher, a pollster, picked up the thread. “Voters are "
        "beginning to see what they have in common,” Belcher said.\n\n"
        "Jamal Simmons, an Obama supporter, said he saw the shift in his own family."
    )
    kinds = {p.name: p.kind for p in extract_article(Article(text=text)).people}
    assert kinds == {"Barack Obama": "other", "Cornell Belcher": "expert", "Jamal Simmons": "other"}


def test_a_plural_role_before_a_name_marks_a_body_and_a_parenthetical_subject():
    # speaker identity: "consultants X" and "telecoms analysts X" are firms speaking, and
    # "Mrs. K, analysts said," gives her no title
    assert statements("plural-roles.txt") == [
        ("Norrow Insight", "according to", "Sales of home broadband"),
        ("Norrow Insight", "said", "41% of homes in"),
        ("Brightfield Data", "according to", "Demand would recover by"),
    ]
    found = {p.name: (p.kind, p.title) for p in extracted("plural-roles.txt").people}
    assert found == {
        "Maria Kelway": ("other", "chief executive"),
        "Owen Tarrant": ("expert", "analyst"),
    }


def test_a_dateline_before_the_speaker_is_not_the_subject():
    # reporting verbs: "WASHINGTON (AFP) - X has said": the parser's second subject, the
    # dateline's place, does not take the quote from the person
    text = (
        "Holt attacks trade stance\n\n"
        "Washington (AFP) \u2013 Democrat Mary Holt has taken a swipe at her rival's stance on "
        "trade, saying that \u201cbombastic comments\u201d do more harm than good.\n"
    )
    result = extract_article(Article(text=text))
    assert [(p.name, [q.cue for q in p.quotes]) for p in result.people] == [
        ("Mary Holt", ["saying"])
    ]
    assert result.statements == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # reporting verbs: the appositive name speaks, not role words the model reads as a name
        (
            "The EU's Humanitarian Aid Commissioner, Louis Marr, was quoted as saying that "
            "aid would arrive within days.",
            "Louis Marr",
        ),
        # '"Q," added X and Y's Z': the object the parser sees ("Fenwick") is no speaker
        ('"Demand is strong," added Fenwick and Hale\'s Sanjay Mehta.', "Sanjay Mehta"),
        # made to speak: the object of "forced", "pressed" is the speaker, not the subject
        (
            "Senator Ada Mworia forced the bank chief, Tom Kell, to admit that no executive "
            "had been punished.",
            "Tom Kell",
        ),
        (
            "Reporters pressed the minister, Joan Arku, to say when the dam would open.",
            "Joan Arku",
        ),
        # no object: the subject speaks ("went on to say")
        ("Tom Kell went on to say that staff had been fired.", "Tom Kell"),
        # a name and its appositive the parser hung on the clause before: the name speaks,
        # not that clause's subject
        (
            "And it wasn\u2019t a one-off or an accident \u2014 Dan Whitcombe, a spokesman for "
            "Ryan, told POLITICO that the House speaker gave Priebus a heads up.",
            "Dan Whitcombe",
        ),
        # the parser's second subject is the name's own description
        (
            "The agency has failed, she said. Ruth May, Tory shadow work and pensions "
            'secretary, said: "We have got to find a way to get those payments through."',
            "Ruth May",
        ),
        # a subject phrase with a body read as its head ends in the name after a role word
        (
            "Commission for Racial Equality chairman Trevor Ashdown said asylum applications "
            "were down 40%.",
            "Trevor Ashdown",
        ),
        # a participle after a name goes with its clause's subject, not with the name
        (
            'Senator Ada Mworia slammed Tom Kell, calling him a "loser."',
            "Ada Mworia",
        ),
        # the parser read "Vane features editor" as a clause: the name and its appositive
        # opening the sentence are the verb's subject
        (
            "Rita Vane, features editor of Lumen magazine, says classic shows have a built-in "
            "audience.",
            "Rita Vane",
        ),
        # '"Q1," said X, a description, "Q2"': the parser made X the subject of Q2's verb
        (
            '"The risk," said Edward Lemmer, an economist who is the director of the UCLA '
            'Anderson Forecast, "is that Sacramento gets rid of all the low-skilled jobs."',
            "Edward Lemmer",
        ),
        # a relative clause after the name, parsed with the name as its verb's subject
        (
            "Scott Slinkard, a 55-year-old entrepreneur in San Jose, gave the candidate $250 "
            "last summer. Mr. Slinkard, whose latest start-up, Paradata, uses big data to help "
            "brands find suppliers, said Mr. Trump was a candidate very much in the spirit of "
            "Silicon Valley: ''He's a start-up kind of guy.''",
            "Scott Slinkard",
        ),
        # a role subject ("chair") whose appositive name the parser hung on the body it heads
        (
            '"We have hardly started," the new chair of the Internet Standards Task Force, '
            "Brian Colter, says.",
            "Brian Colter",
        ),
    ],
)
def test_cues_name_the_right_speaker(text, speaker):
    assert [p for p, quotes in speakers(text) if quotes] == [speaker]


def test_name_in_a_phrase_opening_the_pronouns_clause_is_someone_else():
    # "he said" chains: "Like Gordon Hale, ..., he thinks" is not Hale, and neither is the
    # "he said" in the paragraph after it
    text = (
        "Ian Moss, an economist at Kelvin University, expects rates to fall. Like Gordon Hale, "
        "the bank's governor, he thinks inflation is tamed.\n\n"
        '"It is coming," he said.\n\n'
        '"It is cheap," said Ruth Dale, deputy editor at PC Weekly. Her readers will like it, '
        "she said."
    )
    assert speakers(text) == [
        ("Ian Moss", ["rates to fall", "inflation is tamed", "It is coming"]),
        ("Ruth Dale", ["It is cheap", "Her readers will like it"]),
    ]


@pytest.mark.parametrize("mark", ["?", "!"])
def test_a_question_or_exclamation_mark_before_the_cue_stands_for_a_comma(mark):
    text = (
        "Budget row\n\nSen. Ruth Adler told reporters on Monday that the plan would fail.\n\n"
        f'"Does anybody know what the plan costs{mark}" Adler asked. "Nobody does."'
    )
    person = extract_article(Article(text=text)).people[0]
    cues = {q.text: q.cue for q in person.quotes}
    assert cues[f"Does anybody know what the plan costs{mark}"] == "asked"


def test_a_firm_before_a_role_noun_speaks_as_a_body():
    text = (
        'Jet order\n\nNorthwind Airlines said it had looked at both aircraft. "We chose the jet'
        ' after careful study," said a Northwind Airlines spokesman.'
    )
    result = extract_article(Article(text=text))
    assert result.people == []
    assert {s.organization for s in result.statements} == {"Northwind Airlines"}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # speaker identity: "the Fennimore report" writes the firm's name as a body's, so the
        # market analyst it is titled with is a firm speaking, not a person with a profile
        (
            "Teen spending\n\nChildren aged 10 to 17 had an annual income of £700, said market"
            ' analyst Fennimore. "Teenagers spend most of it on soft drinks and clothes,"'
            " Fennimore said.\n\nAccording to the Fennimore report, teenagers are keen on"
            " personal care.\n",
            "Fennimore",
        ),
        # category 1: a one-word name reporting of itself as "it", the second time after
        # "that", is a body, though the model reads it as a person's
        (
            "In July, Kessler announced it had won approval to build a factory. Kessler told the"
            " BBC at that time that it had not negotiated with the regulator, and secured"
            ' approval from "the highest levels of government".',
            "Kessler",
        ),
    ],
)
def test_one_word_the_article_writes_as_a_body_speaks_as_a_body(text, body):
    result = extract_article(Article(text=text))
    assert result.people == []
    assert {s.organization for s in result.statements} == {body}


def test_one_report_opening_with_it_does_not_make_a_person_a_body():
    # "Kessler said it was out of the question": an "it" that opens a report once is no sign
    # of a body speaking of itself, where the model reads the name as a person
    text = (
        "Talk show\n\nOn Thursday, Kessler asked the senator about her running mate. "
        '"In any other year they would be on the list," Kessler said.\n\n'
        "Kessler said it was out of the question for the senator to pick a rival.\n"
    )
    assert quote_counts_and_statements(text) == ([("Kessler", 2)], [])


def test_answered_is_a_reporting_verb():
    text = (
        "The council was asked where the games should be held.\n\n"
        '"Denver," answered Paula Ortiz, a councillor. "We have the stadium already."\n\n'
        '"Not before 2030," she answered when asked about the date.\n'
    )
    assert speakers(text) == [
        ("Paula Ortiz", ["Denver", "We have the stadium already.", "Not before 2030"])
    ]


def test_a_name_inside_a_role_the_article_opens_owns_the_role():
    # speaker identity: "the Pike spokesman said" is the spokesman speaking, not Pike
    text = (
        'Zika fight\n\nSenator Gordon Pike voted for the bill on Monday. "We need to act now,"'
        " Tom Brill, a Pike spokesman, said on Tuesday.\n\nLater the Pike spokesman said that"
        ' the vote had been "a test of leadership".\n'
    )
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    assert "Gordon Pike" not in people  # quoted nowhere
    assert "a test of leadership" in [q.text for q in people["Tom Brill"].quotes]


def test_a_party_in_two_words_is_no_person_and_its_spokesman_is_named():
    text = (
        "Tax books\n\nLib Dem spokesman Vince Cable said the public did not know who to"
        " believe.\n\nBut the Lib Dem spokesman questioned whether that money was being found"
        " from cuts to education and health.\n"
    )
    assert quote_counts_and_statements(text) == ([("Vince Cable", 2)], [])


def test_a_name_with_a_particle_after_said_speaks_and_is_not_what_was_said():
    # speaker identity: the parser may read "den" in "Jurgen den Hartog" as a verb
    text = '"He did it all by hand," said Jurgen den Hartog, one of the researchers.'
    (person,) = extract_article(Article(text=text)).people
    assert (person.name, [q.text for q in person.quotes]) == (
        "Jurgen den Hartog",
        ["He did it all by hand"],
    )


def test_words_a_source_noun_holds_are_the_person_s_whose_tag_follows():
    # category 3: 'The report adds "...," said X': the report holds the words, X said them
    text = (
        'Firms fail on HIV\n\nThe report adds "an important building block to our understanding'
        " of how the business community is experiencing the HIV/Aids epidemic and to whether and"
        ' how it is reacting," said Dan Blom, professor of economics and demography at the'
        " Harvard School of Public Health."
    )
    assert speakers(text) == [
        (
            "Dan Blom",
            [
                "an important building block to our understanding of how the business community"
                " is experiencing the HIV/Aids epidemic and to whether and how it is reacting"
            ],
        )
    ]


def test_a_scare_quote_in_a_clause_a_source_noun_holds_is_not_the_next_speakers():
    # but a few words between marks, with ", saying" after them, stay the critics' term
    text = (
        "Obama rebukes critics\n\nPresident Obama passionately rebuked critics who say he should"
        ' condemn terrorists as "radical Islamists," saying calling the group by another name'
        " will do nothing to defeat it."
    )
    quotes = [q for _, qs in speakers(text) for q in qs]
    assert "radical Islamists" not in quotes


def test_a_stray_comma_between_a_name_and_its_verb_keeps_the_speaker():
    # category 5: '"...," shop owner Hayriye Evren, told AP' is hers, not the last speaker's
    text = (
        "Lira loses six zeros\n\n"
        '"The lira has been like funny money," Tevfik Aksoy, an economist at Deutsche Bank, told'
        ' Associated Press. Some are less happy. "If a person has 10 billion lira in investments'
        ' this will suddenly decrease," shop owner Hayriye Evren, told Associated Press.'
    )
    found = dict(speakers(text))
    assert found["Hayriye Evren"] == [
        "If a person has 10 billion lira in investments this will suddenly decrease"
    ]
    assert found["Tevfik Aksoy"] == ["The lira has been like funny money"]


def hand_parsed(rows, glued: set[int], sent_starts: set[int], people: list[tuple[int, int]]):
    """A Doc from (word, pos, tag, dep, head) rows: no space after the `glued` tokens, sentences
    opening at `sent_starts`, and person entities (start, end)."""
    words = [row[0] for row in rows]
    doc = Doc(
        English().vocab,
        words=words,
        spaces=[k not in glued and k + 1 < len(words) for k in range(len(words))],
        pos=[row[1] for row in rows],
        tags=[row[2] for row in rows],
        deps=[row[3] for row in rows],
        heads=[row[4] for row in rows],
        sent_starts=[k in sent_starts for k in range(len(words))],
    )
    doc.ents = [Span(doc, start, end, label="PERSON") for start, end in people]
    return doc


# "However Madrid was more subdued, with finance minister Tomas Arregui telling parliament:
# "We must save money."" with the parser's slip: the name and "telling" hung on "parliament" as
# one noun phrase. (word, pos, tag, dep, head) rows.
WITH_TELLING = [
    ("However", "ADV", "RB", "advmod", 2),
    ("Madrid", "PROPN", "NNP", "nsubj", 2),
    ("was", "AUX", "VBD", "ROOT", 2),
    ("more", "ADV", "RBR", "advmod", 4),
    ("subdued", "ADJ", "JJ", "acomp", 2),
    (",", "PUNCT", ",", "punct", 2),
    ("with", "ADP", "IN", "prep", 2),
    ("finance", "NOUN", "NN", "compound", 8),
    ("minister", "NOUN", "NN", "compound", 12),
    ("Tomas", "PROPN", "NNP", "compound", 10),
    ("Arregui", "PROPN", "NNP", "compound", 12),
    ("telling", "VERB", "VBG", "amod", 12),
    ("parliament", "NOUN", "NN", "pobj", 6),
    (":", "PUNCT", ":", "punct", 2),
    ('"', "PUNCT", "``", "punct", 16),
    ("We", "PRON", "PRP", "nsubj", 16),
    ("must", "AUX", "MD", "ROOT", 16),
    ("save", "VERB", "VB", "xcomp", 16),
    ("money", "NOUN", "NN", "dobj", 17),
    (".", "PUNCT", ".", "punct", 16),
    ('"', "PUNCT", "''", "punct", 16),
]


def test_the_headlines_of_other_stories_report_nothing():
    # category 7: a list of other stories' headlines in Title Case after the article
    text = (
        "Senators clash over tax credits\n\n"
        '"I know that Kurt is a committed isolationist; I\'m not," Dana Roldan said in'
        " response.\n\n"
        '"Related:"\n\n'
        "Candidates Resoundingly Reject The Idea Of A Minimum Wage Hike.\n\n"
        "Kurt Weller Scores Direct Hit On His Rival.\n\n"
        "Dana Roldan Responds To Question About Wages By Saying We Need Fewer Poets.\n\n"
        "Mayor Kent Ibsen Makes Sexist Joke To Bash Fed Chair Nora Vale\n"
    )
    assert dict(speakers(text)) == {
        "Dana Roldan": ["I know that Kurt is a committed isolationist; I'm not"]
    }


# 'Budget push\n\n"It is not fine for the economy today," Gene Sperling, a top adviser, said.'
# with the parser's slip: the name hung on the quote's verb, and "said" a sentence of its own.
# (word, pos, tag, dep, head) rows.
APPOSITIVE_BEFORE_SAID = [
    ("Budget", "PROPN", "NNP", "compound", 1),
    ("push", "NOUN", "NN", "ROOT", 1),
    ("\n\n", "SPACE", "_SP", "dep", 1),
    ('"', "PUNCT", "``", "punct", 5),
    ("It", "PRON", "PRP", "nsubj", 5),
    ("is", "AUX", "VBZ", "ROOT", 5),
    ("not", "PART", "RB", "neg", 5),
    ("fine", "ADJ", "JJ", "acomp", 5),
    ("for", "ADP", "IN", "prep", 7),
    ("the", "DET", "DT", "det", 10),
    ("economy", "NOUN", "NN", "pobj", 8),
    ("today", "NOUN", "NN", "npadvmod", 5),
    (",", "PUNCT", ",", "punct", 5),
    ('"', "PUNCT", "''", "punct", 5),
    ("Gene", "PROPN", "NNP", "compound", 15),
    ("Sperling", "PROPN", "NNP", "attr", 5),
    (",", "PUNCT", ",", "punct", 15),
    ("a", "DET", "DT", "det", 19),
    ("top", "ADJ", "JJ", "amod", 19),
    ("adviser", "NOUN", "NN", "appos", 15),
    (",", "PUNCT", ",", "punct", 15),
    ("said", "VERB", "VBD", "ROOT", 21),
    (".", "PUNCT", ".", "punct", 21),
]


@pytest.mark.parametrize(
    ("rows", "glued", "sent_starts", "person", "expected"),
    [
        # category 3: "with finance minister X telling parliament: ..." is X's, also where the
        # parser reads the name, the verb and its object as one noun phrase
        (
            WITH_TELLING,
            {4, 12, 14, 18, 19},
            {0, 14},
            (9, 11),
            ("Tomas Arregui", ["We must save money."]),
        ),
        # category 1: the name before an appositive before "said" speaks, also where the
        # parser hung it on the quote
        (
            APPOSITIVE_BEFORE_SAID,
            {1, 2, 3, 11, 12, 15, 19, 21},
            {0, 3, 21},
            (14, 16),
            ("Gene Sperling", ["It is not fine for the economy today"]),
        ),
    ],
)
def test_a_speaker_the_parser_hung_elsewhere(rows, glued, sent_starts, person, expected):
    doc = hand_parsed(rows, glued, sent_starts, [person])
    people = extract_doc(Article(text=doc.text), doc).people
    assert [(p.name, [q.text for q in p.quotes]) for p in people] == [expected]


def test_a_tag_after_the_quote_beats_a_later_report_the_parser_hung_it_on():
    text = (
        '"I did not say that. I did not say that," Cruz said, after Fox\'s Ann Roe said the '
        'senator had derisively referred to Gov. John Kasich as the "personal governor" of the '
        "Koch brothers."
    )
    assert speakers(text) == [
        ("Cruz", ["I did not say that. I did not say that"]),
        (
            "Ann Roe",
            [
                'the senator had derisively referred to Gov. John Kasich as the "personal '
                'governor" of the Koch brothers'
            ],
        ),
    ]


def test_a_report_stops_where_a_reporting_verb_joined_to_it_begins():
    text = (
        "Gov. Ann Kell endorsed the speaker on Tuesday. Kell said in politics it takes time to "
        'build those relationships but added, "I strongly support Paul Ryan, strongly endorse '
        'his re-election…we need Paul Ryan," Kell said.'
    )
    assert speakers(text) == [
        (
            "Ann Kell",
            [
                "it takes time to build those relationships",
                "I strongly support Paul Ryan, strongly endorse his re-election…we need Paul Ryan",
            ],
        )
    ]


def test_a_report_joined_to_the_clause_of_another_is_the_first_speakers():
    text = (
        "Damian Hockley and Peter Hulme-Crossley were elected in 2004. He said Mr "
        "Hulme-Crossley and himself had no intention of resigning and added that they felt "
        "that it was UKIP who were not being true to the electorate."
    )
    assert speakers(text) == [
        (
            "Damian Hockley",
            [
                "Mr Hulme-Crossley and himself had no intention of resigning",
                "they felt that it was UKIP who were not being true to the electorate",
            ],
        )
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # category 1: a trade a body may be called by too, ranked and held with a named body
        (
            '"HDTV is the latest must-have technology in homes," says Jo Flannery, a senior '
            "broadcaster with the CBS network in the US.",
            "Jo Flannery",
        ),
        # a plural role after a full name with a known given name is a slip, not a firm
        (
            '"The logo is absolutely the way forward," said David Merrow, analysts with '
            "Strategy Analytics.",
            "David Merrow",
        ),
    ],
)
def test_a_person_described_with_a_bodys_word_still_speaks(text, speaker):
    people, statements = quote_counts_and_statements(text)
    assert (people, statements) == ([(speaker, 1)], [])


def test_a_reporting_verb_sharing_the_clauses_modal_is_part_of_what_was_said():
    text = (
        "Ohio Gov. John Kasich spoke in Iowa. Kasich says he would sit Putin down and tell him "
        '"no more nonsense" at their first meeting.'
    )
    quotes = dict(speakers(text))["John Kasich"]
    assert (
        'he would sit Putin down and tell him "no more nonsense" at their first meeting' in quotes
    )


def test_a_name_after_its_verb_is_in_none_of_its_words():
    # category 1: "..., said Mr X, <clause>" where the parser hung the name inside the clause
    # after it: that clause, holding X's name, is not what X said
    text = (
        "Kevin Hogarth is a senior manager at the firm. Although teenage virus writers will "
        "still play around with malicious code, said Mr Hogarth, 2004 saw a significant rise "
        "in criminal use of malicious programs."
    )
    assert not [q for _, quotes in speakers(text) for q in quotes if "Hogarth" in q]


def test_a_bodys_output_and_a_kind_of_body_alone_are_no_person():
    # category 1: the model reads a firm as a person at every mention, but a person has no
    # "oil output"; and "Chamber" split from "the U.S. Chamber of Commerce" is nobody
    people, statements = quote_counts_and_statements(
        "Yukos will return to a US court on Wednesday. Yukos has said it will sue Baikal for "
        "$20bn in damages. The unit produces 60% of Yukos' oil output. Yukos claimed the sale "
        "will lead to the collapse of the company."
    )
    assert people == []
    assert {s.organization for s in statements} == {"Yukos"}
    people, _ = quote_counts_and_statements(
        "Pena Nieto said that NAFTA has been good and that the U.S. Chamber of Commerce thinks "
        'that 6 million jobs rely on trade. "Mexicans deserve respect," he said.'
    )
    assert "Chamber" not in [name for name, _ in people]


def test_the_speakers_phrase_the_parser_hung_on_the_reported_clause_is_not_said():
    # category 6 (what was said): "..., her lawyer, Perry Wander, said" with "lawyer" parsed
    # as a conjunct inside the reported clause; the words stop before the speaker's phrase
    text = (
        "The woman waited two years to sue because she was trying to negotiate a settlement, "
        "her lawyer, Perry Wander, said."
    )
    assert speakers(text) == [
        (
            "Perry Wander",
            ["The woman waited two years to sue because she was trying to negotiate a settlement"],
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Tom Kell declined to say how many staff had been fired.",
        "Tom Kell refused to say that the plant would close.",
        "Tom Kell did not disclose that the plant would close.",
    ],
)
def test_what_someone_would_not_say_is_not_their_quote(text):
    # category 7 (not quotes): a report withheld or denied is nobody's statement
    assert speakers(text) == []


def test_a_that_clause_the_parser_hung_on_a_programmes_quoted_title_is_what_was_said():
    # category 3: "said on NBC's ''Meet the Press'' on Sunday that ...": the parser reads the
    # title as the reported clause and hangs the that-clause on it
    text = (
        "Mr. Amari, who had addressed the convention on Thursday, said on NBC's ''Meet the "
        "Press'' on Sunday that Mr. Trump had shown disrespect to his wife."
    )
    assert speakers(text) == [("Amari", ["Mr. Trump had shown disrespect to his wife"])]
    # a scare-quoted verb with a subject of its own is the reported clause's own verb
    text = (
        'Cardinal Amari claimed Labour had "developed" the notion that it was the natural '
        "party of Catholics."
    )
    [(_, [quote])] = speakers(text)
    assert quote.startswith("Labour had")


@pytest.mark.parametrize(
    "text",
    [
        "Earlier on Tuesday his campaign manager, Ned Carver, says the streak proves the "
        "candidate can still close the gap in delegates, which stood at 263, according to "
        "the Associated Press.",
        "According to the Financial Times, chief operating officer Ned Carver said that the "
        "firm is looking at games companies.",
    ],
)
def test_a_body_reporting_what_a_person_says_leaves_them_their_words(text):
    # category 1 (speaker identity): the body after "according to" passes on what the named
    # person says; the person is the speaker, and the body says nothing of its own
    result = extract_article(Article(text=text))
    assert [(p.name, len(p.quotes)) for p in result.people] == [("Ned Carver", 1)]
    assert result.statements == []


@pytest.mark.parametrize(
    "text",
    [
        "A close associate of former Yukos boss Mikhail Dorkov has told a court that the "
        "charges against him are false.",
        "The wife of Labour leader Tom Reyes said the family would stay in the town.",
    ],
)
def test_someone_known_by_whom_they_stand_beside_is_not_that_person(text):
    # category 1 (speaker identity): "an associate of X", "the wife of X" speaks, not X
    assert speakers(text) == []


def test_a_narrators_clause_before_a_fronted_quote_is_not_said():
    # category 6 (what was said): the parser hangs "When Mr Hale used the words" on the quoted
    # clause; the quote marks show where the speaker's words begin
    text = (
        "Tom Hale spoke on Monday. When Mr Hale used the words, \u201cI am not there yet,\u201d "
        "he was echoing Ann Rees."
    )
    assert speakers(text) == [("Tom Hale", ["I am not there yet"])]
    # a condition the speaker sets is the speaker's own
    text = 'Tom Hale spoke on Monday. If the bill passes, "it will help," Mr Hale said.'
    [(_, quotes)] = speakers(text)
    assert any(q.startswith("the bill passes") for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "But Mr. Hale found it difficult in 2012 to overcome a heavy defeat in Miami.",
        "After attacking donors as insiders, Tom Hale is finding them reluctant to give.",
    ],
)
def test_what_someone_found_something_to_be_is_not_a_report(text):
    # category 7 (not quotes): "found it difficult" is a judgement, not a finding reported
    assert speakers(text) == []


def test_a_finding_misparsed_as_an_adjective_is_still_reported():
    text = "Lynn Varga finds that bringing up gender in the election hurts Trump."
    [(_, [quote])] = speakers(text)
    assert quote.startswith("bringing up gender")


def test_a_reported_clause_runs_on_past_a_hyphen_the_parser_split_it_at():
    # category 6 (what was said): "co-ordinate" parsed as three clauses of "announced"
    text = "Tom Hale has announced that four nations will co-ordinate a humanitarian drive."
    assert speakers(text) == [("Tom Hale", ["four nations will co-ordinate a humanitarian drive"])]


def test_a_dateline_before_a_fronted_report_is_not_said():
    # category 6 (what was said): where and when the story was filed is the paper's
    text = (
        "LOS ANGELES, Feb. 2 (UPI) \u2014 The next record is almost complete, singer Tom "
        "Hale recently revealed."
    )
    assert speakers(text) == [("Tom Hale", ["The next record is almost complete"])]


def test_a_condition_written_with_had_before_the_subject_is_no_report():
    # category 7 (not quotes): "had he denied the charge" is what did not happen
    text = (
        "Tom Hale pleaded guilty and was jailed for 15 years - it would have been longer had "
        "he denied the charge."
    )
    assert speakers(text) == []


def test_an_accusation_reports_the_charge_not_the_accused():
    # category 6 (what was said): "accused X of Y": Y is what was said of X
    text = "Tom Hale accused the chancellor of ducking tough choices on tax."
    assert speakers(text) == [("Tom Hale", ["ducking tough choices on tax"])]
    # a charge that is all quotation keeps the accused before it, so the words are not lost
    text = 'Tom Hale accused the two men of "squabbling like schoolboys".'
    [(_, quotes)] = speakers(text)
    assert 'the two men of "squabbling like schoolboys"' in quotes


def test_an_urging_stops_before_a_reporting_participle_of_its_own():
    # category 6 (what was said): 'urged X to ..., declaring: "..."' is two reports
    text = (
        'Tom Hale urged the two men to stop squabbling, declaring: "For goodness sake, rise '
        'above it."'
    )
    [(_, quotes)] = speakers(text)
    assert "the two men to stop squabbling" in quotes
