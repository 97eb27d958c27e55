"""Document-centric expert search tried against the profile-centric one, alone and blended.

    .venv/bin/python bench/search_voting.py DATA QUERIES.jsonl [QUERIES.jsonl ...]

DATA is a directory built by `bench/search_quality.py` (the whole corpus plus the sample).
The profile-centric model is the site's search: one document per person. The document-centric
one (Balog et al.'s Model 2; a voting model after Macdonald & Ounis) ranks passages instead,
each of a person's quotes and the headline and opening of each article quoting them, with BM25
over the same analyzer, and lets each person's best passages vote: a person scores the sum of
their VOTES best passage scores, an article's passage counting half as much as their own quote.
The blend adds the two scores, each divided by its best, weighed by lambda. Prints Success@1,
Success@3 and MRR for each query file at several lambdas (0 is the site's search alone, 1 the
voting model alone), experts only as the site searches by default.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_quality import first_rank  # noqa: E402

from directory import config, search, store  # noqa: E402
from directory.search.query import GENERIC_WORDS, stems  # noqa: E402

K1, B = 1.2, 0.75
VOTES = 3
ARTICLE_SHARE = 0.5
POOL = 100
LAMBDAS = (0.0, 0.25, 0.5, 0.75, 1.0)


class Passages:
    """BM25 over passages, each tied to one person with a weight."""

    def __init__(self) -> None:
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths: list[int] = []
        self.owner: list[tuple[int, float]] = []

    def add(self, text: str, person: int, weight: float) -> None:
        """One passage of `person`'s."""
        terms = Counter(t for t in stems(text or "") if t)
        number = len(self.lengths)
        for term, tf in terms.items():
            self.postings[term].append((number, tf))
        self.lengths.append(sum(terms.values()))
        self.owner.append((person, weight))

    def people(self, query: str) -> dict[int, float]:
        """Each person's vote: the sum of their best passage scores for the query."""
        average = sum(self.lengths) / max(1, len(self.lengths))
        scores: dict[int, float] = defaultdict(float)
        words = {s for w in query.split() for s in stems(w) if s not in GENERIC_WORDS}
        for term in words:
            found = self.postings.get(term, [])
            if not found:
                continue
            idf = math.log(1 + (len(self.lengths) - len(found) + 0.5) / (len(found) + 0.5))
            for number, tf in found:
                norm = K1 * (1 - B + B * self.lengths[number] / average)
                scores[number] += idf * tf * (K1 + 1) / (tf + norm)
        best: dict[int, list[float]] = defaultdict(list)
        for number, score in scores.items():
            person, weight = self.owner[number]
            best[person].append(score * weight)
        return {p: sum(sorted(s, reverse=True)[:VOTES]) for p, s in best.items()}


def build_passages(db) -> tuple[Passages, dict[int, str]]:
    """Every visible expert's quotes and article openings as passages; names by id."""
    passages, names = Passages(), {}
    records = list(search.with_leads(db, store.iter_profile_records(db)))
    for record in records:
        if record.get("kind") != "expert":
            continue
        names[record["id"]] = record["name"]
        for quote in record.get("quotes") or []:
            passages.add(quote.get("text"), record["id"], 1.0)
        titles = [a.get("title") or "" for a in record.get("articles") or []]
        for title, lead in zip(titles, record.get("article_leads") or [], strict=False):
            passages.add(f"{title} {lead}", record["id"], ARTICLE_SHARE)
    return passages, names


class Named:
    """A ranked person, as `first_rank` reads hits."""

    def __init__(self, name: str) -> None:
        self.name = name


def blended(index_dir, passages, names, query: str, weight: float) -> list[Named]:
    """The first ten people of the blend at `weight` (0: the site's ranking)."""
    hits = search.search_profiles(index_dir, query, limit=POOL).hits
    profile = {h.id: h.score for h in hits}
    votes = passages.people(query)
    top_votes = sorted(votes, key=votes.get, reverse=True)[:POOL]
    ids = list(dict.fromkeys([h.id for h in hits] + top_votes))
    if not ids:
        return []
    best_profile = max(profile.values(), default=0) or 1.0
    best_vote = max(votes.values(), default=0) or 1.0

    def score(i: int) -> float:
        own = profile.get(i, 0.0) / best_profile
        vote = votes.get(i, 0.0) / best_vote
        return (1 - weight) * own + weight * vote

    by_score = sorted(ids, key=lambda i: (-score(i), i))
    ranked = [h.id for h in hits] if weight == 0 else by_score
    by_id = {h.id: h.name for h in hits}
    return [Named(by_id.get(i) or names.get(i, "")) for i in ranked[:10]]


def main(argv=None) -> int:
    """Score every query file at each lambda and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("queries", type=Path, nargs="+")
    args = parser.parse_args(argv)
    db = store.open_db(config.db_path(args.data), read_only=True)
    index_dir = config.index_path(args.data)
    passages, names = build_passages(db)
    print(f"{len(passages.lengths)} passages of {len(names)} experts")
    print(f"{'queries':<28}{'lambda':>8}{'S@1':>8}{'S@3':>8}{'MRR':>8}")
    for path in args.queries:
        items = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        items = [item for item in items if item["expected"]]
        for weight in LAMBDAS:
            ranks = [
                first_rank(blended(index_dir, passages, names, i["query"], weight), i["expected"])
                for i in items
            ]
            n = len(ranks) or 1
            s1 = sum(r == 1 for r in ranks) / n
            s3 = sum(r is not None and r <= 3 for r in ranks) / n
            mrr = sum(1 / r for r in ranks if r) / n
            print(f"{path.name:<28}{weight:>8.2f}{s1:>8.3f}{s3:>8.3f}{mrr:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
