"""Replay the stored extractions of one data folder into a fresh store (no model needed).

    .venv/bin/python bench/store_replay.py /tmp/eval/data /tmp/replay/data

Times dedup + resolution + writing alone, and lets resolution rules be re-tried on real extractor
output in seconds instead of a full re-ingest. Prints a table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directory import config, store  # noqa: E402
from directory.models import Article, Extraction, Quote, Statement, person_from_dict  # noqa: E402


def stored_extractions(db) -> list[Extraction]:
    """Every stored article (originals and duplicates) with its extraction, in ingestion order."""
    result = []
    for row in db.query("SELECT * FROM articles ORDER BY seq"):
        raw = json.loads(row["extraction"] or "{}")
        sources = [
            r["source"]
            for r in db.query(
                "SELECT source FROM article_sources WHERE article_id = ? ORDER BY rowid",
                [row["id"]],
            )
        ] or [row["source"]]
        for source in sources:
            article = Article(
                text=row["text"],
                title=row["title"],
                url=row["url"],
                outlet=row["outlet"],
                published=row["published"],
                source=source,
                author=row["author"],
            )
            people = [person_from_dict(p) for p in raw.get("people") or []]
            statements = [
                Statement(organization=s["organization"], quote=Quote(**s["quote"]))
                for s in raw.get("statements") or []
            ]
            result.append(Extraction(article, people, row["extractor_version"] or "", statements))
    return result


def main() -> None:
    """Replay and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="data folder to read")
    parser.add_argument("target", type=Path, help="new data folder (its store must not exist)")
    args = parser.parse_args()
    source = store.open_db(config.db_path(args.source))
    if config.db_path(args.target).exists():
        parser.error(f"{config.db_path(args.target)} exists; pick a new folder")
    target = store.open_db(config.db_path(args.target))
    extractions = stored_extractions(source)
    started = time.perf_counter()
    statuses = Counter(store.save_extraction(target, e).status for e in extractions)
    seconds = time.perf_counter() - started
    stats = store.stats(target)
    rows = [
        ("articles replayed", len(extractions)),
        ("seconds", f"{seconds:.1f}"),
        ("articles per second", f"{len(extractions) / seconds:.0f}"),
        *sorted(statuses.items()),
        *stats.items(),
        ("groups flagged as possibly one person", len(store.list_possible_duplicates(target))),
    ]
    print(f"{'measure':<40} value")
    for label, value in rows:
        print(f"{label:<40} {value}")


if __name__ == "__main__":
    main()
