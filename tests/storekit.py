"""Hand-built extractions of the articles in tests/fixtures/store: store tests need no model."""

from __future__ import annotations

from pathlib import Path

from directory.models import Article, Evidence, Extraction, Person, Position, Quote

FIXTURES = Path(__file__).parent / "fixtures" / "store"
VERSION = "test-1"


def read_article(name: str, **meta) -> Article:
    """A fixture article: the first line is the headline, the whole file is the text."""
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    return Article(text=text, title=text.splitlines()[0], source=str(path), **meta)


def quote(article: Article, text: str, cue: str = "said", kind: str = "direct") -> Quote:
    """A quote of `text` with its offsets in the article."""
    start = article.text.index(text)
    return Quote(text=text, kind=kind, cue=cue, start=start, end=start + len(text), confidence=0.9)


def evidence(article: Article, sentence: str) -> Evidence:
    """An evidence span for a sentence of the article."""
    start = article.text.index(sentence)
    return Evidence(sentence=sentence, start=start, end=start + len(sentence))


def person(name: str, **fields) -> Person:
    """A Person with given/family names split the Western way unless given explicitly."""
    words = name.split()
    fields.setdefault("given_name", words[0] if len(words) > 1 else None)
    fields.setdefault("family_name", words[-1])
    return Person(name=name, **fields)


def sabato_cruz(version: str = VERSION, **meta) -> Extraction:
    """Larry Sabato, director of the University of Virginia's Center for Politics."""
    art = read_article("sabato-cruz.txt", **meta)
    larry = person(
        "Larry Sabato",
        aliases=["Sabato"],
        kind="expert",
        title="director",
        positions=[
            Position(
                organization="Center for Politics",
                parent="University of Virginia",
                role="director",
                kind="current",
                evidence=[evidence(art, "said Larry Sabato, director")],
                confidence=0.9,
            )
        ],
        quotes=[
            quote(art, "Ted Cruz lacks support from his colleagues in Congress", kind="indirect"),
            quote(art, "He could win solidly conservative states"),
        ],
    )
    return Extraction(art, [larry], version)


def sabato_clinton(version: str = VERSION, **meta) -> Extraction:
    """Larry Sabato again, with Richard Sabato (another person, same surname) in one article."""
    art = read_article("sabato-clinton.txt", **meta)
    larry = person(
        "Larry Sabato",
        aliases=["Prof Sabato"],
        honorific="Prof",
        kind="expert",
        title="director",
        positions=[
            Position(
                organization="University of Virginia's Center for Politics",
                role="director",
                kind="current",
                confidence=0.8,
            )
        ],
        quotes=[
            quote(art, "She will win if the president is still popular in November"),
            quote(art, "Something has to be big", cue="added"),
        ],
    )
    richard = person(
        "Richard Sabato",
        kind="other",
        title="president",
        positions=[
            Position(organization="building trades council", role="president", kind="current")
        ],
        quotes=[quote(art, "march behind")],
    )
    return Extraction(art, [larry, richard], version)


def smith(name: str, title: str, org: str | None, line: str, version: str = VERSION) -> Extraction:
    """John Smith of one of the smith-*.txt fixtures."""
    art = read_article(name)
    positions = [Position(organization=org, role=title, kind="current")] if org else []
    john = person("John Smith", kind="expert", title=title, positions=positions)
    john.quotes = [quote(art, line)]
    return Extraction(art, [john], version)


def smith_economist(version: str = VERSION) -> Extraction:
    """John Smith, chief economist at Barclays."""
    return smith(
        "smith-economist.txt", "chief economist", "Barclays", "Inflation is sticky", version
    )


def smith_farmer(version: str = VERSION) -> Extraction:
    """John Smith, a farmer in Devon (not the economist)."""
    return smith("smith-farmer.txt", "farmer", None, "The wheat has never looked better", version)


def table_rows(db) -> dict[str, list[tuple]]:
    """Every row of every table, in key order, without the columns that hold the time of writing
    (`*_at`): two stores built from the same input compare equal."""
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    rows = {}
    for table in sorted(tables):
        columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
        kept = [f'"{c}"' for c in columns if not c.endswith("_at")]
        order = ", ".join(str(n) for n in range(1, len(kept) + 1))
        rows[table] = db.execute(
            f'SELECT {", ".join(kept)} FROM "{table}" ORDER BY {order}'
        ).fetchall()
    return rows
