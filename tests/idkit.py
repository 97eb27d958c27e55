"""Hand-built extractions of the articles in tests/fixtures/identity: store tests need no model."""

from __future__ import annotations

from pathlib import Path

from storekit import evidence, quote

from directory import store
from directory.models import Article, Extraction, Person, Position, Quote, Statement

FIXTURES = Path(__file__).parent / "fixtures" / "identity"


def article(name: str) -> Article:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return Article(text=text, title=text.splitlines()[0], source=str(FIXTURES / name))


def lindqvist_bare(name: str = "rates-bare.txt", version: str = "t1") -> Extraction:
    art = article(name)
    words = art.text.split('"')[1]
    bare = Person(name="Lindqvist", honorific="Mr", aliases=["Mr Lindqvist"])
    bare.quotes = [quote(art, words)]
    return Extraction(art, [bare], version)


def lindqvist_full(version: str = "t1") -> Extraction:
    art = article("rates-full.txt")
    full = Person(
        name="Anders Lindqvist",
        given_name="Anders",
        family_name="Lindqvist",
        honorific="Mr",
        aliases=["Mr Lindqvist"],
        kind="official",
        title="governor",
        title_evidence=[evidence(art, "Anders Lindqvist, governor of the Riksmark central bank")],
        positions=[Position(organization="Riksmark central bank", role="governor")],
        quotes=[quote(art, "We cannot relax yet")],
    )
    return Extraction(art, [full], version)


def slugs(db) -> list[str]:
    return [s["slug"] for s in store.list_profiles(db)]


def oil_probe(version: str = "t1") -> Extraction:
    """Today's kind of extraction: a company and a newspaper read as people, plus a statement."""
    art = article("oil-probe.txt")
    said = art.text.index("said in a statement")
    northfield = Person(name="Northfield", quotes=[quote(art, "We are co-operating fully")])
    northfield.quotes[0].source_start = art.text.index("Northfield said")
    northfield.quotes[0].source_end = northfield.quotes[0].source_start + len("Northfield")
    northfield.quotes[0].cue_start, northfield.quotes[0].cue_end = said, said + 4
    ft = Person(
        name="FT",
        kind="expert",
        quotes=[quote(art, "the company had set aside funds", kind="indirect", cue="reported")],
    )
    start = art.text.index("Mr Halvorsen, the")
    halvorsen = Person(
        name="Halvorsen",
        honorific="Mr",
        aliases=["Mr Halvorsen"],
        title="former chief engineer",
        quotes=[
            Quote(
                "Nobody wanted to pay for the repairs",
                "direct",
                "said",
                art.text.index("Nobody"),
                art.text.index("Nobody") + 36,
                0.9,
                source_start=start,
                source_end=start + len("Mr Halvorsen"),
                cue_start=art.text.index("said the pipeline"),
                cue_end=art.text.index("said the pipeline") + 4,
            )
        ],
    )
    okafor = Person(
        name="Grace Okafor",
        given_name="Grace",
        family_name="Okafor",
        kind="expert",
        title="energy analyst",
        positions=[Position(organization="Kestrel Capital", role="energy analyst")],
        quotes=[quote(art, "The market has already priced in the worst")],
    )
    regulators = Statement(
        "Regulators' office",
        quote(art, "widened their inquiry into Northfield Oil", kind="indirect", cue="have"),
    )
    return Extraction(art, [northfield, ft, halvorsen, okafor], version, [regulators])


def marsh(name: str, **fields) -> Extraction:
    art = article(name)
    line = art.text.split('"')[1]
    helen = Person(
        name="Helen Marsh",
        given_name="Helen",
        family_name="Marsh",
        honorific="Mrs",
        quotes=[quote(art, line)],
        **fields,
    )
    return Extraction(art, [helen], "t1")
