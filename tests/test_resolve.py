"""Identity rules across articles: name keys, evidence and the decision to join a profile."""

from __future__ import annotations

import pytest

from directory.models import Person, Position, ResearchArea
from directory.resolve import (
    Candidate,
    Match,
    NameKey,
    Signals,
    Verdict,
    assign_profiles,
    choose_profile,
    compare_profiles,
    name_key,
    name_relation,
    name_slug,
    org_key,
    shared_evidence,
    signals_of,
    slugify,
)
from directory.text import ascii_fold


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (Person(name="Larry Sabato"), NameKey("larry", "sabato")),
        (Person(name="Prof Sabato"), NameKey(None, "sabato")),
        (Person(name="Dr. Johan Pouwelse"), NameKey("johan", "pouwelse")),
        (Person(name="Michael E. O'Hanlon"), NameKey("michael", "ohanlon", ("e",))),
        (Person(name="José Ángel Gurría"), NameKey("jose", "gurria", ("angel",))),
        (Person(name="Martin Luther King Jr."), NameKey("martin", "king", ("luther",), "jr")),
        (Person(name="Ren Xiao", given_name="Xiao", family_name="Ren"), NameKey("xiao", "ren")),
        (Person(name="Ren Xiao", family_name="Ren"), NameKey("xiao", "ren")),
        (Person(name="Mr."), None),
        (Person(name="Admiral Harris"), NameKey(None, "harris")),
        (Person(name="Sgt. Ann Ray"), NameKey("ann", "ray")),
    ],
)
def test_name_key_folds_honorifics_diacritics_and_family_first(person, expected):
    assert name_key(person) == expected


def test_fold_slug_and_org_key():
    assert ascii_fold("Zoë Ó Briain") == "zoe o briain"
    assert slugify("Ren Xiao") == "ren-xiao"
    assert name_slug("Dr. Zoë Ó Briain") == "zoe-o-briain"
    assert slugify("!!!") == "person"
    assert org_key("The University of Virginia's Center for Politics") == (
        "university of virginia center for politics"
    )


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (NameKey("larry", "sabato"), NameKey("larry", "sabato"), "same"),
        (NameKey("larry", "sabato"), NameKey("richard", "sabato"), "different"),
        (NameKey("larry", "sabato"), NameKey(None, "sabato"), "compatible"),
        (NameKey("larry", "sabato"), NameKey("l", "sabato"), "compatible"),
        (NameKey("larry", "sabato"), NameKey("r", "sabato"), "different"),
        (NameKey("larry", "sabato"), NameKey("lawrence", "sabato"), "nickname"),
        (NameKey("xiao", "ren"), NameKey("ren", "xiao"), "reordered"),
        (NameKey("george", "bush", ("w",)), NameKey("george", "bush", ("h",)), "different"),
        (NameKey("john", "smith", (), "jr"), NameKey("john", "smith", (), "sr"), "different"),
    ],
)
def test_name_relation(a, b, relation):
    assert name_relation(a, b) == relation


def uva_director() -> Person:
    return Person(
        name="Larry Sabato",
        title="director",
        positions=[Position(organization="Center for Politics", parent="University of Virginia")],
    )


def test_signals_of_collects_orgs_acronyms_and_field_words():
    person = Person(
        name="Ren Xiao",
        title="professor of international politics",
        positions=[
            Position(organization="Institute of International Studies", acronym="IIS"),
        ],
        research_areas=[ResearchArea(topic="Chinese foreign policy")],
    )
    assert signals_of(person) == Signals(
        orgs={"institute of international studies"},
        acronyms={"iis"},
        fields={"inter", "polit", "chine", "forei", "polic"},
        titled=True,
        roles={"profe", "inter", "polit"},
    )


def test_shared_evidence_matches_nested_and_possessive_organizations():
    a = signals_of(uva_director())
    b = signals_of(
        Person(
            name="Larry Sabato",
            positions=[Position(organization="University of Virginia's Center for Politics")],
        )
    )
    farmer = signals_of(Person(name="John Smith", title="farmer"))
    assert shared_evidence(a, b) == 4  # both the university and its centre
    assert shared_evidence(a, farmer) == 0
    assert shared_evidence(Signals(acronyms={"iis"}), Signals(orgs={"institute of intl studies"}))


def test_an_organization_named_in_a_title_is_shared_evidence():
    analyst = signals_of(Person(name="Ian Fogg", title="Jupiter analyst"))
    researcher = signals_of(
        Person(
            name="Ian Fogg", title="analyst", positions=[Position(organization="Jupiter Research")]
        )
    )
    assert shared_evidence(analyst, researcher) == 2
    assert shared_evidence(analyst, signals_of(Person(name="Ian Fogg", title="farmer"))) == 0


def candidate(profile_id: int, name: NameKey, person: Person | None) -> Candidate:
    return Candidate(profile_id, [name], signals_of(person) if person else Signals())


LARRY = NameKey("larry", "sabato")


def test_same_name_with_shared_evidence_joins_with_its_reasons():
    match = choose_profile(LARRY, signals_of(uva_director()), [candidate(7, LARRY, uva_director())])
    assert match.profile_id == 7
    assert match.score == 1.0
    assert match.reasons[:2] == (
        "same name",
        "same organization: center for politics, university of virginia",
    )


def test_same_name_with_conflicting_roles_stays_apart():
    economist = Person(
        name="John Smith", title="chief economist", positions=[Position(organization="Barclays")]
    )
    farmer = Person(name="John Smith", title="farmer")
    key = NameKey("john", "smith")
    match = choose_profile(key, signals_of(farmer), [candidate(3, key, economist)])
    assert match.profile_id is None
    assert "against: roles in different walks of life (trades / academia, finance)" in match.reasons


def test_same_name_without_evidence_joins_the_most_quoted_profile_of_that_name():
    key = NameKey("david", "page")
    bare = Signals()
    economist = Person(name="David Page", title="economist")
    assert choose_profile(key, bare, [candidate(1, key, economist)]).profile_id == 1
    critic = Person(name="David Page", title="film critic")
    two = [candidate(1, key, economist), candidate(2, key, critic)]
    two[1].weight = 3
    assert choose_profile(key, bare, two) == Match(2, 0.7, ("same name",))


def test_a_much_quoted_profile_outweighs_one_odd_title():
    key = NameKey("donald", "trump")
    candidate_profile = candidate(1, key, Person(name="Donald Trump", title="economist"))
    odd = signals_of(Person(name="Donald J. Trump", title="farmer"))
    assert choose_profile(key, odd, [candidate_profile]).profile_id is None
    candidate_profile.weight = 12
    match = choose_profile(key, odd, [candidate_profile])
    assert match.profile_id == 1
    assert "a much-quoted person of that name (12 articles)" in match.reasons


def test_political_offices_do_not_conflict_with_each_other():
    key = NameKey("barack", "obama")
    senator = Person(name="Barack Obama", title="Senator", kind="official")
    president = Person(name="Barack Obama", title="President", kind="official")
    match = choose_profile(key, signals_of(president), [candidate(4, key, senator)])
    assert match.profile_id == 4
    assert "both in political office or campaigns" in match.reasons


def test_an_organization_and_a_field_do_not_conflict():
    key = NameKey("david", "autor")
    at_mit = Person(name="David Autor", positions=[Position(organization="MIT")])
    economist = Person(name="David Autor", title="professor of economics")
    match = choose_profile(key, signals_of(economist), [candidate(5, key, at_mit)])
    assert match == Match(5, 0.7, ("same name",))


def test_two_titles_conflict_even_when_one_is_only_generic_words():
    key = NameKey("john", "smith")
    oxford = Person(
        name="John Smith", title="professor", positions=[Position(organization="Oxford")]
    )
    plumber = Person(name="John Smith", title="plumber")
    assert choose_profile(key, signals_of(plumber), [candidate(1, key, oxford)]).profile_id is None


def test_a_known_nickname_is_the_same_name_and_an_initial_needs_evidence():
    lawrence = NameKey("lawrence", "sabato")
    uva = signals_of(uva_director())
    assert choose_profile(lawrence, Signals(), [candidate(7, LARRY, None)]).profile_id == 7
    initial = NameKey("l", "sabato")
    assert choose_profile(initial, Signals(), [candidate(7, LARRY, None)]).profile_id is None
    assert choose_profile(initial, uva, [candidate(7, LARRY, uva_director())]).profile_id == 7


def test_a_bare_surname_joins_the_one_full_name_profile_it_fits():
    bare_surname = NameKey(None, "sabato")
    uva = signals_of(uva_director())
    larry = candidate(7, LARRY, uva_director())
    match = choose_profile(bare_surname, Signals(), [larry])  # "Mr Sabato said": nothing else
    assert (match.profile_id, match.reasons) == (7, ("surname of a full-name profile",))
    farmer = signals_of(Person(name="Sabato", title="farmer"))
    match = choose_profile(bare_surname, farmer, [larry])
    assert match.profile_id is None
    assert "against: nothing shared but the surname, and something said" in match.reasons
    larry.weight = 5  # a well-known bearer of the surname
    assert choose_profile(bare_surname, signals_of(Person(name="S", kind="official")), [larry]) == (
        Match(
            7,
            0.65,
            ("surname of a full-name profile", "a much-quoted person of that name (5 articles)"),
        )
    )
    richard = candidate(8, NameKey("richard", "sabato"), Person(name="Richard Sabato"))
    richard.weight = 5
    both = [larry, richard]
    assert choose_profile(bare_surname, Signals(), both) == Match(
        None, 0.5, ("surname fits several profiles about equally",)
    )
    assert choose_profile(bare_surname, uva, both).profile_id == 7


def test_mr_and_mrs_of_one_surname_are_told_apart():
    bill = Person(name="Bill Clinton", honorific="Mr", aliases=["Mr Clinton"], kind="official")
    hillary = Person(name="Hillary Clinton", honorific="Mrs", kind="official")
    mrs = signals_of(Person(name="Clinton", honorific="Mrs"))
    candidates = [
        candidate(1, NameKey("bill", "clinton"), bill),
        candidate(2, NameKey("hillary", "clinton"), hillary),
    ]
    assert choose_profile(NameKey(None, "clinton"), mrs, candidates).profile_id == 2


def test_a_profile_holding_another_given_name_is_another_person():
    michelle = Candidate(
        3, [NameKey("michelle", "obama"), NameKey(None, "obama")], signals_of(Person(name="x"))
    )
    michelle.weight = 40
    assert choose_profile(NameKey("barack", "obama"), Signals(), [michelle]).profile_id is None


def test_a_full_name_never_joins_a_surname_only_profile():
    bare_profile = candidate(3, NameKey(None, "greenspan"), None)
    match = choose_profile(NameKey("alan", "greenspan"), Signals(), [bare_profile])
    assert match.profile_id is None


def test_different_given_names_never_join_even_with_shared_evidence():
    richard = NameKey("richard", "sabato")
    match = choose_profile(
        richard, signals_of(uva_director()), [candidate(7, LARRY, uva_director())]
    )
    assert match.profile_id is None


def test_family_name_first_joins_with_evidence():
    ren = Person(name="Ren Xiao", positions=[Position(organization="Fudan University")])
    match = choose_profile(
        NameKey("ren", "xiao"), signals_of(ren), [candidate(4, NameKey("xiao", "ren"), ren)]
    )
    assert match.profile_id == 4


def test_two_people_of_one_article_never_share_a_profile():
    uva = signals_of(uva_director())
    matches = assign_profiles(
        [LARRY, NameKey("l", "sabato")], [uva, uva], [candidate(7, LARRY, uva_director())]
    )
    assert [m.profile_id for m in matches] == [7, None]


def test_sticky_profile_wins_over_resolution():
    matches = assign_profiles([LARRY], [Signals()], [candidate(7, LARRY, None)], sticky={0: 9})
    assert matches == [Match(9, 1.0, ("kept from the previous extraction",))]


def test_compare_profiles_gives_reasons_either_way():
    economist = Candidate(
        1,
        [NameKey("john", "smith")],
        signals_of(Person(name="John Smith", title="chief economist")),
    )
    farmer = Candidate(
        2, [NameKey("john", "smith")], signals_of(Person(name="John Smith", title="farmer"))
    )
    verdict = compare_profiles(economist, farmer)
    assert verdict == Verdict(
        0.4, ("same name",), ("roles in different walks of life (academia, finance / trades)",)
    )
    assert compare_profiles(economist, Candidate(3, [NameKey("jane", "smith")])) is None


def test_a_bare_surname_joins_the_full_name_its_own_article_writes():
    bare_surname = NameKey(None, "sabato")
    larry = candidate(7, LARRY, None)
    richard = candidate(8, NameKey("richard", "sabato"), None)
    assert choose_profile(bare_surname, Signals(), [larry, richard]).profile_id is None
    # "Richard Sabato's report ... Sabato said": the article names which Sabato it means
    named = Signals(given_in_text={"richard"})
    match = choose_profile(bare_surname, named, [larry, richard])
    assert match.profile_id == 8
    assert "the article gives this full name" in match.reasons
    assert match.score <= 1.0
    # both named in the article: still a matter for an editor
    both = Signals(given_in_text={"richard", "larry"})
    assert choose_profile(bare_surname, both, [larry, richard]).profile_id is None


def test_a_bare_surname_means_the_far_better_known_bearer():
    bare_surname = NameKey(None, "obama")
    president = Signals(roles={"presi"}, kinds={"official"}, titled=True)
    barack = Candidate(
        1,
        [NameKey("barack", "obama")],
        signals_of(Person(name="Barack Obama", title="President", kind="official")),
        weight=40,
    )
    michelle = Candidate(
        2,
        [NameKey("michelle", "obama")],
        signals_of(Person(name="Michelle Obama", title="President", kind="official")),
        weight=5,
    )
    match = choose_profile(bare_surname, president, [barack, michelle])
    assert match.profile_id == 1
    assert match.reasons[-1] == "far better known than the next of that name (5 articles)"
    michelle.weight = 10  # a bearer quoted nearly as often: left to an editor
    assert choose_profile(bare_surname, president, [barack, michelle]).profile_id is None


def test_given_names_in_the_article_are_kept_with_the_evidence():
    signals = Signals(given_in_text={"ann"})
    assert Signals.from_dict(signals.to_dict()).given_in_text == {"ann"}
    assert Signals.from_dict({}).given_in_text == set()


def test_two_bare_names_with_the_same_style_are_one_name():
    peer = Person(name="Ashdown", aliases=["Lord Ashdown"])
    again = signals_of(Person(name="Ashdown", aliases=["Lord Ashdown"]))
    bare = NameKey(None, "ashdown")
    match = choose_profile(bare, again, [Candidate(3, [bare], signals_of(peer), weight=1)])
    assert match.profile_id == 3
    assert "the same style: lord" in match.reasons
    plain = signals_of(Person(name="Ashdown"))
    assert choose_profile(bare, plain, [Candidate(3, [bare], signals_of(peer))]).profile_id is None
    assert signals_of(Person(name="King")).styles == set()


def test_a_full_name_of_another_family_does_not_hide_the_bare_namesakes():
    """The store offers every family of an article at once: an unrelated full-name profile
    ("Jane Doe") must not keep "Lord Ashdown" from the other "Lord Ashdown"."""
    peer = Person(name="Ashdown", aliases=["Lord Ashdown"])
    bare = NameKey(None, "ashdown")
    other = Candidate(4, [NameKey("jane", "doe")], Signals(), weight=9)
    match = choose_profile(bare, signals_of(peer), [Candidate(3, [bare], signals_of(peer)), other])
    assert match.profile_id == 3
    full = Candidate(5, [NameKey("paddy", "ashdown")], signals_of(peer), weight=9)
    match = choose_profile(bare, signals_of(peer), [Candidate(3, [bare], signals_of(peer)), full])
    assert match.profile_id == 5  # a full name of this very family: the bare one is passed over
