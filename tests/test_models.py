"""The plain data between stages: an extraction survives the trip to a worker and back."""

from __future__ import annotations

import dataclasses
import json

from directory.models import (
    FACT_TYPES,
    Article,
    EditorialRole,
    Evidence,
    Extraction,
    Person,
    Position,
    Publication,
    Quote,
    ResearchArea,
    Statement,
    dump_extraction,
    load_extraction,
)

TEXT = (
    "Port fees rise\n\n"
    '"Fees will double," said Dr Lena Marsh, a visiting fellow at the Harbour Institute, '
    "author of Tides of Trade and editor of the Journal of Shipping. The port authority said "
    '"nothing is decided".'
)


def span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def every_field_extraction() -> Extraction:
    """An extraction with a value (not a default) in every field of every dataclass."""
    sentence = Evidence(TEXT[16:], *span(TEXT[16:]))
    quote_start, quote_end = span("Fees will double,")
    return Extraction(
        article=Article(
            text=TEXT,
            title="Port fees rise",
            url="https://news.example/port-fees",
            outlet="Example News",
            published="2024-05-01",
            id="port-17",
            source="feeds/port.jsonl",
            author="Ann Writer",
        ),
        people=[
            Person(
                name="Lena Marsh",
                aliases=["Dr Marsh", "Marsh"],
                given_name="Lena",
                family_name="Marsh",
                honorific="Dr",
                kind="expert",
                title="visiting fellow",
                positions=[
                    Position(
                        organization="Harbour Institute",
                        acronym="HI",
                        parent="Harbour University",
                        role="fellow",
                        kind="visiting",
                        place="Rotterdam",
                        country="Netherlands",
                        start="2020",
                        end="2025",
                        evidence=[sentence],
                        confidence=0.8,
                    )
                ],
                publications=[Publication("Tides of Trade", [sentence], 0.7)],
                research_areas=[ResearchArea("shipping", [sentence], 0.6)],
                editorial_roles=[EditorialRole("Journal of Shipping", "editor", [sentence], 0.5)],
                quotes=[
                    Quote(
                        text="Fees will double,",
                        kind="direct",
                        cue="said",
                        start=quote_start,
                        end=quote_end,
                        confidence=0.9,
                        source_start=span("Dr Lena Marsh")[0],
                        source_end=span("Dr Lena Marsh")[1],
                        cue_start=span("said")[0],
                        cue_end=span("said")[1],
                    )
                ],
                title_evidence=[sentence],
            )
        ],
        extractor_version="9.9.9",
        statements=[
            Statement(
                organization="port authority",
                quote=Quote("nothing is decided", "direct", "said", *span("nothing is decided")),
            )
        ],
    )


def no_defaults(value, path="extraction") -> list[str]:
    """The paths of fields left at a dataclass default (None, empty, 0): the test must set all."""
    found = []
    if dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            found += no_defaults(getattr(value, item.name), f"{path}.{item.name}")
    elif isinstance(value, list):
        if not value:
            found.append(path)
        for number, item in enumerate(value):
            found += no_defaults(item, f"{path}[{number}]")
    elif value is None or value == 0 or value == "":
        found.append(path)
    return found


def test_the_fixture_sets_every_field():
    extraction = every_field_extraction()
    # A statement's quote has no source or cue spans: nothing names a speaker there.
    assert no_defaults(extraction) == [
        f"extraction.statements[0].quote.{name}"
        for name in ("confidence", "source_start", "source_end", "cue_start", "cue_end")
    ]
    assert set(FACT_TYPES) <= {f.name for f in dataclasses.fields(Person)}


def test_an_extraction_round_trips_through_plain_data_and_json():
    extraction = every_field_extraction()
    data = dump_extraction(extraction)
    assert json.loads(json.dumps(data)) == data  # plain data only: no dataclass inside
    assert load_extraction(json.loads(json.dumps(data))) == extraction


def test_the_dump_holds_the_whole_article_and_the_extract_json_besides():
    extraction = every_field_extraction()
    data = dump_extraction(extraction)
    assert data["article"]["text"] == TEXT
    shown = extraction.to_dict()
    assert {k: v for k, v in data.items() if k != "article"} == {
        k: v for k, v in shown.items() if k != "article"
    }
