"""Identity check over an ingested corpus: fused and split profiles of a gold file's experts.

    .venv/bin/directory --data /tmp/eval ingest ../shared/eval/corpus
    .venv/bin/python bench/resolution_check.py /tmp/eval ../shared/eval/dev-gold.jsonl

For every gold expert it finds the profiles quoted in the gold article under that name, then
reports profiles holding two different gold experts (fused) and store-wide totals.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directory import config, resolve, store  # noqa: E402
from directory.errors import NotFound  # noqa: E402
from directory.models import Article, Person  # noqa: E402


def folded(name: str) -> str:
    key = resolve.name_key(Person(name=name))
    return key.full if key else ""


def main() -> None:
    """Print the identity table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--watch", nargs="*", default=["Larry Sabato", "Michael O'Hanlon"])
    args = parser.parse_args()
    db = store.open_db(config.db_path(args.data))
    base = args.gold.parent
    experts_of_profile: dict[int, set[str]] = defaultdict(set)
    found = missing = 0
    for line in args.gold.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = (base / item["file"]).read_text(encoding="utf-8")
        article_id = Article(text=text).content_hash[:12]
        try:
            article = store.get_article(db, article_id)
        except NotFound:
            continue
        if article["duplicate_of"]:
            article = store.get_article(db, article["duplicate_of"])
        for expert in item["experts"]:
            names = {folded(n) for n in [expert["name"], *expert.get("aliases", [])]}
            family = folded(expert["name"]).split()[-1]
            people = [p for p in article["people"] if p["id"]]
            ids = {p["id"] for p in people if folded(p["name"]) in names} or {
                p["id"] for p in people if folded(p["name"]).split()[-1:] == [family]
            }
            found += bool(ids)
            missing += not ids
            for profile_id in ids:
                experts_of_profile[profile_id].add(expert["name"])
    fused = {i: names for i, names in experts_of_profile.items() if len(names) > 1}
    stats = store.stats(db)
    rows = [
        ("articles stored (originals)", stats["articles"]),
        ("near-duplicate articles", stats["duplicates"]),
        (
            "identical texts read from several files",
            len([d for d in store.list_duplicate_articles(db) if d["kind"] == "identical"]),
        ),
        ("profiles (all kinds)", stats["people"]),
        ("expert profiles", stats["experts"]),
        ("quotes in the ledger", stats["quotes"]),
        ("gold experts found in their article", found),
        ("gold experts not found", missing),
        ("profiles fusing two gold experts", len(fused)),
        ("pairs flagged as possibly one person", len(store.list_possible_duplicates(db))),
    ]
    for name in args.watch:
        matches = [
            s for s in store.list_profiles(db, limit=100000) if folded(s["name"]) == folded(name)
        ]
        rows.append(
            (f"profiles named {name} (articles each)", [m["article_count"] for m in matches])
        )
    print(f"{'measure':<45} value")
    for label, value in rows:
        print(f"{label:<45} {value}")
    for profile_id, names in fused.items():
        print(f"FUSED profile {profile_id}: {sorted(names)}")


if __name__ == "__main__":
    main()
