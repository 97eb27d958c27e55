"""Store benchmark: save N synthetic articles (no model), then time the reads the web and index use.

    .venv/bin/python bench/store_records.py [--profiles 100000] [--db /tmp/bench.db]

Each synthetic article quotes one expert (2 quotes, 1 position); every tenth expert is quoted in a
second article, so resolution and merging run too. Prints a table of timings.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directory import store  # noqa: E402
from directory.models import Article, Extraction, Person, Position, Quote  # noqa: E402

GIVEN = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Erik",
    "Fatima",
    "Grace",
    "Hiro",
    "Ines",
    "Jamal",
    "Kofi",
    "Lena",
    "Maria",
    "Noor",
    "Omar",
]
FIELDS = [
    "economics",
    "politics",
    "history",
    "physics",
    "law",
    "medicine",
    "security",
    "energy",
    "trade",
    "climate",
]


def synthetic(n: int, who: int, version: str = "bench") -> Extraction:
    """The n-th synthetic article, quoting expert number `who`."""
    rng = random.Random(n)
    given, family = GIVEN[who % len(GIVEN)], f"Family{who}"
    field = FIELDS[who % len(FIELDS)]
    org = f"University of Place{who % 5000}"
    text = (
        f"Headline number {n}\n"
        f'"The outlook for {field} is uncertain," said {given} {family}, a professor of {field} '
        f"at {org}. {rng.random()}\n"
        f'"We will see," {family} added.\n'
    )
    first = text.index('"') + 1
    second = text.index('"We') + 1
    person = Person(
        name=f"{given} {family}",
        given_name=given,
        family_name=family,
        kind="expert",
        title=f"professor of {field}",
        positions=[Position(organization=org, role=f"professor of {field}", kind="current")],
        quotes=[
            Quote(text[first : first + 20], "direct", "said", first, first + 20, 0.9),
            Quote(text[second : second + 10], "direct", "added", second, second + 10, 0.9),
        ],
    )
    article = Article(
        text=text, title=f"Headline number {n}", published=f"2020-01-{n % 28 + 1:02d}"
    )
    return Extraction(article, [person], version)


def timed(label: str, fn, rows: list) -> object:
    started = time.perf_counter()
    result = fn()
    rows.append((label, time.perf_counter() - started))
    return result


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    db = store.open_db(path)
    rows: list[tuple[str, float]] = []
    count = args.profiles + args.profiles // 10

    def save_all():
        for n in range(count):
            # past the first pass, every tenth expert is quoted again in a new article
            who = n if n < args.profiles else (n - args.profiles) * 10
            store.save_extraction(db, synthetic(n, who))

    timed(f"save_extraction x{count}", save_all, rows)
    total = store.count_profiles(db)
    records = timed(
        "iter_profile_records (all)", lambda: sum(1 for _ in store.iter_profile_records(db)), rows
    )
    slug = store.list_profiles(db, limit=1)[0]["slug"]
    timed("get_profile x100", lambda: [store.get_profile(db, slug) for _ in range(100)], rows)
    for order in ("name", "quotes", "recent"):
        timed(
            f"list_profiles order={order} x100 (page 50)",
            lambda order=order: [
                store.list_profiles(db, kind="expert", order=order, offset=1000) for _ in range(100)
            ],
            rows,
        )
    timed("list_organizations", lambda: store.list_organizations(db, limit=24), rows)
    timed("stats x100", lambda: [store.stats(db) for _ in range(100)], rows)
    print(f"{total} profiles, {records} records, store {path} ({path.stat().st_size / 1e6:.0f} MB)")
    print(f"{'operation':<45} {'seconds':>10}")
    for label, seconds in rows:
        print(f"{label:<45} {seconds:>10.3f}")


if __name__ == "__main__":
    main()
