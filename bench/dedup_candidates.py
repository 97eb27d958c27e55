"""Near-duplicate articles: the store's bottom-k sketches against datasketch's MinHash LSH.

    .venv/bin/pip install datasketch==2.0.0   # not a dependency of the project
    .venv/bin/python bench/dedup_candidates.py CORPUS

Saves every article of CORPUS (in reading order, without extraction) into a temporary store and
counts its near-duplicates and identical texts; then finds near-duplicates again with MinHash LSH
for the candidates under another headline, the same shingles, the same same-headline candidates
and the same exact Jaccard check, and compares the pairs. Last, it times the candidate search
alone: the store's sketch and its SQL query, against MinHash and an LSH query over the whole
corpus held in memory.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from datasketch import MinHash, MinHashLSH  # noqa: E402

from directory import store  # noqa: E402
from directory.ingest import read_articles  # noqa: E402
from directory.models import Article, Extraction  # noqa: E402
from directory.store import dedup  # noqa: E402

TIMED = 1000


def minhash(shingles: set[int], num_perm: int) -> MinHash:
    """The MinHash of a shingle set."""
    m = MinHash(num_perm=num_perm)
    m.update_batch([value.to_bytes(8, "big", signed=True) for value in shingles])
    return m


def with_lsh(articles: list[Article], num_perm: int, threshold: float) -> dict[str, str]:
    """{near-duplicate id: original id}, with LSH finding the candidates under another title."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    originals: dict[str, tuple] = {}
    by_title: dict[str | None, list[str]] = {}
    seen: set[str] = set()
    found = {}
    for article in articles:
        if article.content_hash in seen:
            continue
        seen.add(article.content_hash)
        article_id = article.content_hash[:12]
        mine = dedup.shingles(article.text)
        key = dedup.title_key(article.title, article.text)
        m = minhash(mine, num_perm)
        candidates = set(lsh.query(m)) if mine else set()
        candidates |= set(by_title.get(key, [])[: dedup.MAX_SKETCH_CANDIDATES])
        best, best_id = 0.0, None
        for candidate in sorted(candidates, key=lambda c: originals[c][2]):
            title, theirs, _ = originals[candidate]
            similarity = dedup.jaccard(mine, theirs)
            wanted = (
                dedup.NEAR_DUPLICATE_SAME_TITLE
                if key and title == key
                else dedup.NEAR_DUPLICATE_JACCARD
            )
            if similarity >= wanted and similarity > best:
                best, best_id = similarity, candidate
        if best_id is not None:
            found[article_id] = best_id
            continue
        originals[article_id] = (key, mine, len(originals))
        by_title.setdefault(key, []).append(article_id)
        if mine:
            lsh.insert(article_id, m)
    return found


def sketch_candidates(db, shingles: set[int]) -> list[str]:
    """The store's candidates under another headline (as `dedup.find_near_duplicate` asks)."""
    values = dedup.sketch(shingles)
    per_value = " UNION ALL ".join(
        "SELECT * FROM (SELECT article_id FROM article_sketches WHERE hash = ? LIMIT ?)"
        for _ in values
    )
    rows = db.query(
        f"""SELECT article_id, COUNT(*) AS n FROM ({per_value})
            GROUP BY article_id HAVING n >= ? ORDER BY n DESC LIMIT ?""",
        [
            *(x for value in values for x in (value, dedup.SKETCH_POSTINGS)),
            dedup.SKETCH_MIN_SHARED,
            dedup.MAX_SKETCH_CANDIDATES,
        ],
    )
    return [row["article_id"] for row in rows]


def main() -> None:
    corpus = sys.argv[1]
    articles = [a for a in read_articles([corpus]) if isinstance(a, Article)]
    db = store.open_db(Path(tempfile.mkdtemp()) / "directory.db")
    ours = {}
    for article in articles:
        saved = store.save_extraction(db, Extraction(article, [], "bench"))
        if saved.status == "duplicate" and saved.duplicate_of not in (None, saved.article_id):
            ours[saved.article_id] = saved.duplicate_of
    kinds = [d["kind"] for d in store.list_duplicate_articles(db)]
    print(
        f"{len(articles)} articles; the store: {kinds.count('near')} near-duplicates, "
        f"{kinds.count('identical')} identical texts"
    )
    for num_perm, threshold in ((128, 0.8), (128, 0.5), (64, 0.5)):
        theirs = with_lsh(articles, num_perm, threshold)
        same = set(ours.items()) & set(theirs.items())
        print(
            f"MinHash LSH (num_perm {num_perm}, threshold {threshold}): {len(theirs)} "
            f"near-duplicates, {len(same)} the same pairs as the store's"
        )
    shingles = [dedup.shingles(a.text) for a in articles[:TIMED]]
    started = time.perf_counter()
    for one in shingles:
        sketch_candidates(db, one)
    per = (time.perf_counter() - started) / len(shingles) * 1000
    print(f"the store's sketch + SQL candidates: {per:.2f} ms an article")
    for num_perm in (128, 64):
        lsh = MinHashLSH(threshold=0.8, num_perm=num_perm)
        for i, article in enumerate(articles):
            lsh.insert(str(i), minhash(dedup.shingles(article.text), num_perm))
        started = time.perf_counter()
        for one in shingles:
            lsh.query(minhash(one, num_perm))
        per = (time.perf_counter() - started) / len(shingles) * 1000
        print(f"MinHash (num_perm {num_perm}) + LSH query: {per:.2f} ms an article")


if __name__ == "__main__":
    main()
