"""Profile audit: how well a data folder keeps one person to one profile, and people to people.

    .venv/bin/python bench/profile_audit.py DATA [--list]

Counts, over the visible profiles (not hidden, not merged away, quoted at least once):
- full names split over several profiles (given + family name, folded as identity folds them:
  accents, honorifics, middle names and known nicknames; a generational suffix is kept, since
  "Donald Trump Jr" is not "Donald Trump");
- surname-only profiles whose surname is the family name of a full-name profile;
- single-word profiles;
- profiles a general rule says are not people (`bodies.not_a_person`: organization, publication,
  party and nationality words, acronyms, company-style capitals);
- profiles per kind.
With --list, the names behind each count. Reads the store directly, so it runs on a data folder
built by any version of the directory.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directory import bodies, config, resolve, store  # noqa: E402
from directory.errors import DirectoryError  # noqa: E402
from directory.models import Person  # noqa: E402
from directory.text import NICKNAMES  # noqa: E402

VISIBLE = "hidden = 0 AND merged_into IS NULL AND article_count > 0"
# Suffixes that tell a son from his father ("Donald Trump Jr"): a different full name, unlike a
# degree or an honour ("Ian Hale QC"), which the comparison drops.
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def load_profiles(data: Path) -> list[dict]:
    """The visible profiles of a data folder: id, slug, name, kind, quote_count."""
    path = config.db_path(data)
    if not path.exists():
        raise SystemExit(f"no store at {path}")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    columns = {row["name"] for row in connection.execute("PRAGMA table_info(profiles)")}
    where = VISIBLE + (" AND absorbed_into IS NULL" if "absorbed_into" in columns else "")
    rows = connection.execute(
        f"SELECT id, slug, name, kind, quote_count FROM profiles WHERE {where} ORDER BY id"
    )
    profiles = [dict(row) for row in rows]
    connection.close()
    return profiles


def audit(profiles: list[dict]) -> dict[str, dict[str, list[str]]]:
    """The audit's groups: for each measure, a label -> the profile names behind it."""
    full_names: dict[str, list[str]] = defaultdict(list)
    families_with_full: set[str] = set()
    surname_only: list[tuple[str, dict]] = []
    single_word: list[str] = []
    not_people: list[str] = []
    for profile in profiles:
        key = resolve.name_key(Person(name=profile["name"]))
        if key is None:
            continue
        if key.given:
            given = NICKNAMES.get(key.given, key.given)
            generation = f" {key.suffix}" if key.suffix in GENERATIONS else ""
            full_names[f"{given} {key.family}{generation}"].append(profile["slug"])
            families_with_full.add(key.family)
        else:
            surname_only.append((key.family, profile))
            single_word.append(profile["name"])
        reason = bodies.not_a_person(profile["name"])
        if reason:
            not_people.append(f"{profile['name']} ({reason})")
    split = {name: slugs for name, slugs in full_names.items() if len(slugs) > 1}
    sharing = [p["name"] for family, p in surname_only if family in families_with_full]
    kinds = Counter(p["kind"] for p in profiles)
    return {
        "full names split over several profiles": {
            f"{name}: {len(slugs)} profiles": slugs
            for name, slugs in sorted(split.items(), key=lambda i: (-len(i[1]), i[0]))
        },
        "surname-only profiles sharing a surname with a full-name profile": {
            name: [] for name in sorted(sharing, key=str.lower)
        },
        "single-word profiles": {name: [] for name in sorted(single_word, key=str.lower)},
        "non-person profiles (general rule)": {name: [] for name in sorted(not_people)},
        "profiles per kind": {f"{kind}: {n}": [] for kind, n in sorted(kinds.items())},
    }


def listed_for_review(data: Path, split: dict[str, list[str]]) -> int | None:
    """How many split full names `directory duplicates` lists (None: a store without scores)."""
    try:
        db = store.open_db(config.db_path(data), read_only=True)
        pairs = store.list_possible_duplicates(db)
    except (DirectoryError, sqlite3.Error):
        return None
    listed = {frozenset((p["a"]["slug"], p["b"]["slug"])) for p in pairs}
    return sum(
        all(
            frozenset((a, b)) in listed or any(frozenset((a, c)) in listed for c in slugs)
            for a, b in zip(slugs, slugs[1:], strict=False)
        )
        for slugs in split.values()
    )


def main() -> None:
    """Print the audit of one data folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--list", action="store_true", help="print the names behind each count")
    args = parser.parse_args()
    profiles = load_profiles(args.data)
    groups = audit(profiles)
    split = groups["full names split over several profiles"]
    print(f"{'measure':<66} value")
    print(f"{'profiles (visible)':<66} {len(profiles)}")
    split_profiles = sum(len(slugs) for slugs in split.values())
    print(
        f"{'full names split over several profiles':<66} {len(split)} ({split_profiles} profiles)"
    )
    listed = listed_for_review(args.data, split)
    shown = "n/a (a store without resolution scores)" if listed is None else listed
    print(f"{'  of them listed by `directory duplicates`':<66} {shown}")
    for label in list(groups)[1:4]:
        print(f"{label:<66} {len(groups[label])}")
    print(f"{'profiles per kind':<66} " + ", ".join(groups["profiles per kind"]))
    if args.list:
        for label, items in groups.items():
            if label == "profiles per kind":
                continue
            print(f"\n## {label}")
            for name, slugs in items.items():
                print(f"  {name}" + (f"  [{', '.join(slugs)}]" if slugs else ""))


if __name__ == "__main__":
    main()
