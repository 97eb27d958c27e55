"""Search quality: Success@1, Success@3 and MRR of the expert search on a query file.

    .venv/bin/python bench/search_quality.py ../shared/eval/dev-queries.jsonl
        [--corpus DIR ...] [--data DIR] [--jobs N] [--reingest] [--reindex] [--verbose]

Builds a directory (once; cached in --data, default bench/.cache/quality) by ingesting every
--corpus folder (default: ../shared/eval/corpus and data/samples/) through the real pipeline,
then runs each query through `search.search_profiles` (experts only, as the site does by
default) and looks for the expected people among the first 10 hits. `--reindex` rebuilds only
the search index from the stored profiles (to measure a search change without re-extracting).

A query of kind "absent" (`"expected": []`, a topic nobody in the corpus speaks on) passes when
every hit is a weak match; the others are scored by Success@1, Success@3 and MRR, and the share
of first hits that are strong matches is shown beside them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory import config, search, store  # noqa: E402

DEFAULT_CORPORA = [ROOT.parent / "shared" / "eval" / "corpus", ROOT / "data" / "samples"]
DEPTH = 10


def name_key(name: str) -> tuple[str, ...]:
    """A person's name as comparable words: folded, lower-case, without initials or punctuation."""
    folded = unicodedata.normalize("NFKD", name or "")
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return tuple(w for w in re.findall(r"[a-z']+", folded.replace("'", "")) if len(w) > 1)


def same_person(found: str, expected: str) -> bool:
    """Whether a hit's name is the expected name (a middle initial or name may be missing)."""
    a, b = name_key(found), name_key(expected)
    if not a or not b:
        return False
    return a == b or (a[0] == b[0] and a[-1] == b[-1])


def build(data: Path, corpora: list[Path], jobs: int | None) -> None:
    """Ingest the corpora into `data` with the project's pipeline."""
    from directory.ingest import pipeline

    started = time.perf_counter()
    summary = pipeline.ingest_paths(data, [str(c) for c in corpora], jobs=jobs)
    seconds = time.perf_counter() - started
    (data / "bench-built.json").write_text(
        json.dumps({"corpora": [str(c) for c in corpora], "seconds": round(seconds, 1)})
    )
    print(f"ingested {summary.read} articles in {seconds:.0f} s", file=sys.stderr)


def first_rank(hits, expected: list[str]) -> int | None:
    """The 1-based rank of the first hit that is one of the expected people."""
    for rank, hit in enumerate(hits, 1):
        if any(same_person(hit.name, e) for e in expected):
            return rank
    return None


def main(argv=None) -> int:
    """Build or reuse the directory, run the queries, print per-query ranks and the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", type=Path)
    parser.add_argument("--corpus", type=Path, action="append", dest="corpora")
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / ".cache" / "quality")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--reingest", action="store_true", help="ingest again from scratch")
    parser.add_argument("--reindex", action="store_true", help="rebuild the index from the store")
    parser.add_argument("--verbose", action="store_true", help="show the top 3 of each query")
    args = parser.parse_args(argv)

    try:
        queries = [json.loads(line) for line in args.queries.read_text().splitlines() if line]
    except (OSError, ValueError) as exc:
        parser.error(f"cannot read {args.queries}: {exc}")
    corpora = args.corpora or DEFAULT_CORPORA
    data = args.data
    if args.reingest and data.exists():
        import shutil

        shutil.rmtree(data)
    if not (data / "bench-built.json").exists():
        data.mkdir(parents=True, exist_ok=True)
        build(data, corpora, args.jobs)
    index_dir = config.index_path(data)
    db = store.open_db(config.db_path(data))
    if args.reindex:
        started = time.perf_counter()
        count = search.rebuild_from_store(db, index_dir)
        print(f"re-indexed {count} profiles in {time.perf_counter() - started:.1f} s")
    else:
        search.sync_index(db, index_dir)

    by_kind: dict[str, list[int | None]] = {}
    any_kind: list[int | None] = []
    first_strong: list[bool] = []
    absent_weak: list[bool] = []
    times = []
    print(f"{'rank':>4}  {'any':>4}  {'kind':<12} query -> expected")
    for item in queries:
        started = time.perf_counter()
        hits = search.search_profiles(index_dir, item["query"], limit=DEPTH).hits
        times.append((time.perf_counter() - started) * 1000)
        if item["kind"] == "absent":
            weak = all(h.match == "weak" for h in hits)
            absent_weak.append(weak)
            shown = "weak" if weak else "STRONG"
            print(f"{shown:>10}  {item['kind']:<12} {item['query']} -> (nobody)")
            if args.verbose and not weak:
                strong = [h.name for h in hits if h.match == "strong"]
                print("            strong: " + "; ".join(strong[:3]))
            continue
        first_strong.append(bool(hits) and hits[0].match == "strong")
        rank = first_rank(hits, item["expected"])
        anyone = search.search_profiles(index_dir, item["query"], limit=DEPTH, kinds=None).hits
        any_rank = first_rank(anyone, item["expected"])
        by_kind.setdefault(item["kind"], []).append(rank)
        any_kind.append(any_rank)
        shown = "-" if rank is None else str(rank)
        shown_any = "-" if any_rank is None else str(any_rank)
        print(
            f"{shown:>4}  {shown_any:>4}  {item['kind']:<12} {item['query']} -> {item['expected']}"
        )
        if args.verbose and rank != 1:
            print(
                "            top: "
                + "; ".join(f"{h.name} ({h.score:.1f}, {h.match})" for h in hits[:3])
            )

    def scores(ranks):
        n = len(ranks) or 1
        s1 = sum(r == 1 for r in ranks) / n
        s3 = sum(r is not None and r <= 3 for r in ranks) / n
        mrr = sum(1 / r for r in ranks if r) / n
        return s1, s3, mrr

    everything = [r for ranks in by_kind.values() for r in ranks]
    print()
    print(f"{'queries':<14}{'n':>4}{'S@1':>8}{'S@3':>8}{'MRR':>8}")
    for label, ranks in [*sorted(by_kind.items()), ("all", everything)]:
        s1, s3, mrr = scores(ranks)
        print(f"{label:<14}{len(ranks):>4}{s1:>8.3f}{s3:>8.3f}{mrr:>8.3f}")
    s1, s3, mrr = scores(any_kind)
    print(f"{'all, any kind':<14}{len(any_kind):>4}{s1:>8.3f}{s3:>8.3f}{mrr:>8.3f}")
    if first_strong:
        print(f"first hit a strong match: {sum(first_strong)}/{len(first_strong)}")
    if absent_weak:
        print(f"absent topics with only weak matches: {sum(absent_weak)}/{len(absent_weak)}")
    print(f"profiles indexed: {search.index_doc_count(index_dir)}")
    times.sort()
    print(f"search latency: p50 {times[len(times) // 2]:.1f} ms, max {times[-1]:.1f} ms")
    print("rank = first expected person among experts (the default search); any = all kinds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
