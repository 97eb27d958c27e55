"""Hand-built extractions of invented articles holding one of each kind of doubt the review
queue lists: review tests need no model."""

from __future__ import annotations

from directory.models import Article, Extraction, Person, Position, Quote

VERSION = "review-1"

# Invented articles: (title, text). Every quote and fact below is cut from these texts.
FLOODS = (
    "River towns raise their walls",
    'Towns along the river are raising flood walls. "Every storm now runs straight into the'
    ' river," said Mara Quist, a hydrologist at Leeds Water Institute. "Councils must clear'
    ' their drains," she said. Mara Quist is an adviser to Calder Foundation.',
)
RESERVOIRS = (
    "Reservoirs leak as bills rise",
    'The regulator ordered repairs. "Customers pay for water that never reaches a tap," said'
    " Mara Quist, director of policy at Pennine Rivers Trust. The trust promised to act."
    ' "We will cap the bills," said Calder.',
)
BUDGET = (
    "Minister defends the budget",
    '"The sums add up," said Tomas Vell, the finance minister. "Growth will follow," said'
    " Tomas Vell. Economist Ines Oduya said the plan was fair.",
)
BUDGET_TWO = (
    "Budget passes its first vote",
    '"This is a careful budget," said Tomas Vell, an economist by training. "No more cuts,"'
    " he said.",
)


def article(title_text: tuple[str, str]) -> Article:
    title, text = title_text
    return Article(text=text, title=title, source=f"tests/review/{title}")


def quote(art: Article, text: str, confidence: float = 0.95) -> Quote:
    start = art.text.index(text)
    return Quote(text, "direct", "said", start, start + len(text), confidence)


def extractions(version: str = VERSION) -> list[Extraction]:
    """Four articles: two Mara Quists, a one-word name that is also an organization's word, a
    disputed kind, an expert without title or affiliation, a low-confidence quote and a
    low-confidence fact."""
    floods, reservoirs, budget, budget_two = map(article, (FLOODS, RESERVOIRS, BUDGET, BUDGET_TWO))
    quist = Person(
        "Mara Quist",
        given_name="Mara",
        family_name="Quist",
        kind="expert",
        title="hydrologist",
        positions=[
            Position("Leeds Water Institute", role="hydrologist", kind="current", confidence=0.9),
            Position("Calder Foundation", role="adviser", kind="current", confidence=0.75),
        ],
        quotes=[
            quote(floods, "Every storm now runs straight into the river,"),
            quote(floods, "Councils must clear their drains,", confidence=0.77),
        ],
    )
    quist_2 = Person(
        "Mara Quist",
        given_name="Mara",
        family_name="Quist",
        kind="official",
        title="director of policy",
        positions=[Position("Pennine Rivers Trust", role="director of policy", confidence=0.9)],
        quotes=[quote(reservoirs, "Customers pay for water that never reaches a tap,")],
    )
    calder = Person(
        "Calder",
        family_name="Calder",
        kind="other",
        quotes=[quote(reservoirs, "We will cap the bills,")],
    )
    vell = Person(
        "Tomas Vell",
        given_name="Tomas",
        family_name="Vell",
        kind="official",
        title="finance minister",
        quotes=[quote(budget, "The sums add up,"), quote(budget, "Growth will follow,")],
    )
    vell_2 = Person(
        "Tomas Vell",
        given_name="Tomas",
        family_name="Vell",
        kind="expert",
        quotes=[quote(budget_two, "This is a careful budget,"), quote(budget_two, "No more cuts,")],
    )
    oduya = Person(
        "Ines Oduya",
        given_name="Ines",
        family_name="Oduya",
        kind="expert",
        quotes=[quote(budget, "the plan was fair", 0.9)],
    )
    return [
        Extraction(floods, [quist], version),
        Extraction(reservoirs, [quist_2, calder], version),
        Extraction(budget, [vell, oduya], version),
        Extraction(budget_two, [vell_2], version),
    ]
