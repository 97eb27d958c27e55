"""Search latency at scale: a synthetic directory of N experts and M quotes, Whoosh vs SQLite FTS5.

    .venv/bin/python bench/search_speed.py [--experts 100000] [--quotes 1000000] [--queries 200]
                                           [--cache bench/.cache/speed] [--rebuild] [--jobs N]

Generates expert records (the shape of `store.iter_profile_records`) from a fixed seed into a file
(once; generating them is not part of the build), builds the search index with
`search.rebuild_index` reading them back from that file (`--jobs` worker processes, default one
per core; reused from the cache folder on later runs), times the
same varied queries through `GET /api/search` (Flask test client of `directory.web.create_app`,
over a store holding the same profiles' summaries), through `search.search_profiles` alone (page 1,
20 hits, facets and highlights included) and through SQLite FTS5 (bm25 top 20 plus the total)
over the same text, and prints p50/p95 latency and CPU time (robust to other load on the
machine), their ratio, the first searches after one profile
is indexed into a copy of the index (as after an ingest commit), the index build time and this
process's memory.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory import search  # noqa: E402
from directory.search import storage  # noqa: E402

SEED = 20261129


def _words(text: str) -> list[str]:
    return text.split()


SYLLABLES = _words(
    "ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti "
    "to va ve vi vo der son ner man sen ley ton ell ard ine ova ich berg feld"
)
TOPICS = _words(
    "inflation interest rates trade tariffs elections polling voter turnout climate energy oil "
    "security terrorism cyber privacy encryption vaccines public health obesity education schools "
    "universities immigration housing unemployment wages banking regulation antitrust media "
    "broadband games music film copyright patents diplomacy sanctions nuclear defence budget "
    "taxation pensions healthcare insurance agriculture water migration policing courts "
    "supreme constitution campaign finance lobbying surveillance artificial intelligence robotics"
)
ROLES = _words(
    "professor lecturer economist analyst researcher fellow director historian consultant "
    "pollster scientist lawyer"
)
ORG_KINDS = (
    "University of {}",
    "{} Institute",
    "{} Foundation",
    "{} Bank",
    "Centre for {} Studies",
)
COUNTRIES = _words("UK US France Germany China Japan India Brazil Canada Australia Italy Spain")
OUTLETS = [f"Outlet {i}" for i in range(1, 31)]


def pseudo_word(rng: random.Random, parts: int) -> str:
    """A pronounceable made-up word."""
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def make_vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    """Quote vocabulary: real topic words plus made-up ones, used with a Zipf-like skew."""
    words = list(TOPICS)
    while len(words) < size:
        words.append(pseudo_word(rng, rng.choice((1, 2, 2, 3))))
    return words


def zipf_index(rng: random.Random, size: int) -> int:
    """An index in [0, size) skewed toward small numbers (common words)."""
    return min(size - 1, int(size ** rng.random()) - 1)


def make_records(n_experts: int, n_quotes: int, seed: int = SEED):
    """Yield synthetic expert records in the store's record shape."""
    rng = random.Random(seed)
    vocab = make_vocabulary(rng)
    given = [pseudo_word(rng, 2).capitalize() for _ in range(3000)]
    family = [pseudo_word(rng, rng.choice((2, 3))).capitalize() for _ in range(30000)]
    orgs = [rng.choice(ORG_KINDS).format(pseudo_word(rng, 2).capitalize()) for _ in range(5000)]
    per_expert = [n_quotes // n_experts] * n_experts
    for i in range(n_quotes - sum(per_expert)):
        per_expert[i % n_experts] += 1
    kinds = ["expert"] * 6 + ["official", "spokesperson", "other", "other"]
    for i in range(n_experts):
        name = f"{rng.choice(given)} {rng.choice(family)}"
        org = orgs[zipf_index(rng, len(orgs))]
        topic = " ".join(rng.sample(TOPICS, 2))
        role = rng.choice(ROLES)
        year = rng.choice(range(2004, 2017))
        quotes = []
        for _ in range(per_expert[i]):
            words = [vocab[zipf_index(rng, len(vocab))] for _ in range(rng.randint(12, 30))]
            quotes.append({"text": " ".join(words).capitalize() + "."})
        yield {
            "id": i + 1,
            "slug": f"expert-{i + 1}",
            "name": name,
            "aliases": [],
            "kind": rng.choice(kinds),
            "title": f"{role} of {topic}",
            "affiliation": org,
            "positions": [{"organization": org, "role": role, "kind": "current", "evidence": []}],
            "research_areas": [{"topic": topic}],
            "publications": [],
            "editorial_roles": [],
            "quotes": quotes,
            "articles": [],
            "organizations": [org],
            "places": [],
            "countries": [rng.choice(COUNTRIES)],
            "outlets": rng.sample(OUTLETS, 2),
            "quote_count": len(quotes),
            "last_quoted": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "version": "1",
        }


def save_records(path: Path, records) -> int:
    """Write records to a file as a stream of pickles; returns how many."""
    count = 0
    with open(path, "wb") as handle:
        for record in records:
            pickle.dump(record, handle, protocol=5)
            count += 1
    return count


def load_records(path: Path):
    """Read the records of `save_records` back, one at a time."""
    with open(path, "rb") as handle:
        while True:
            try:
                yield pickle.load(handle)  # noqa: S301 (a file this bench wrote)
            except EOFError:
                return


def misspell(rng: random.Random, word: str) -> str:
    """One random edit inside a word (never the first letter)."""
    i = rng.randrange(1, len(word))
    op = rng.choice(("swap", "drop", "double"))
    if op == "swap" and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def make_queries(records_sample: list[dict], n: int, seed: int = SEED) -> list[str]:
    """A varied mix: full names, misspelled and family-first names, organizations, topics,
    long known-item descriptions and quoted phrases."""
    rng = random.Random(seed + 1)
    out = []
    makers = [
        lambda r: r["name"],
        lambda r: " ".join(misspell(rng, w) for w in r["name"].split()),
        lambda r: " ".join(reversed(r["name"].split())),
        lambda r: r["name"].split()[-1],
        lambda r: r["organizations"][0],
        lambda r: r["research_areas"][0]["topic"],
        lambda r: " ".join(rng.sample(r["quotes"][0]["text"].rstrip(".").split(), 3)),
        lambda r: f"{r['title']} at {r['organizations'][0]} on {rng.choice(TOPICS)}",
        lambda r: '"' + " ".join(r["quotes"][0]["text"].rstrip(".").split()[2:5]) + '"',
        lambda r: rng.choice(TOPICS),
    ]
    for i in range(n):
        out.append(makers[i % len(makers)](rng.choice(records_sample)))
    return out


def fts_expression(query: str) -> str:
    """The same query for FTS5: each word a quoted token, OR-ed; a phrase stays a phrase."""
    import re

    phrases = re.findall(r'"([^"]+)"', query)
    words = re.findall(r"\w+", re.sub(r'"[^"]+"', " ", query))
    parts = ['"' + " ".join(re.findall(r"\w+", p)) + '"' for p in phrases]
    parts += [f'"{w}"' for w in words]
    return " OR ".join(parts)


def build_fts(path: Path, records) -> None:
    """An FTS5 table over the same profile text (fields weighted in the query)."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIRTUAL TABLE profiles USING fts5("
        "name, title, orgs, research, quotes, kind UNINDEXED, tokenize='porter unicode61')"
    )
    db.executemany(
        "INSERT INTO profiles(rowid, name, title, orgs, research, quotes, kind) "
        "VALUES (?,?,?,?,?,?,?)",
        (
            (
                r["id"],
                r["name"],
                r["title"],
                " ; ".join(r["organizations"]),
                " ; ".join(a["topic"] for a in r["research_areas"]),
                " ".join(q["text"] for q in r["quotes"]),
                r["kind"],
            )
            for r in records
        ),
    )
    db.commit()
    db.close()


def time_fts(path: Path, queries: list[str]) -> tuple[list[float], list[float]]:
    """Latencies and CPU times (ms) of FTS5: top 20 experts by weighted bm25 plus the total."""
    db = sqlite3.connect(path)
    times, cpu = [], []
    for query in queries:
        expression = fts_expression(query)
        started, used = time.perf_counter(), time.process_time()
        db.execute(
            "SELECT rowid FROM profiles WHERE profiles MATCH ? AND kind = 'expert' "
            "ORDER BY bm25(profiles, 6.0, 2.5, 3.0, 2.5, 1.0) LIMIT 20",
            (expression,),
        ).fetchall()
        db.execute(
            "SELECT count(*) FROM profiles WHERE profiles MATCH ? AND kind = 'expert'",
            (expression,),
        ).fetchone()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    db.close()
    return times, cpu


def build_store(data: Path, records) -> None:
    """The profile summaries the API joins to each hit, written straight into the store's table."""
    from directory import config, store

    db = store.open_db(config.db_path(data))
    rows = (
        {
            "id": r["id"],
            "slug": r["slug"],
            "created_at": "2026-01-01T00:00:00",
            "name": r["name"],
            "kind": r["kind"],
            "title": r["title"],
            "affiliation": r["affiliation"],
            "quote_count": r["quote_count"],
            "article_count": 1,
            "last_quoted": r["last_quoted"],
            "version": r["version"],
        }
        for r in records
    )
    db["profiles"].insert_all(rows, batch_size=5000, replace=True)
    db.conn.commit()
    db.close()


def time_api(data: Path, queries: list[str]) -> tuple[list[float], list[float], int]:
    """Latencies and CPU times (ms) of GET /api/search?q=...&limit=20 through the Flask test
    client."""
    from directory.web import create_app

    app = create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    client.get("/api/search", query_string={"q": "warm up", "limit": 20})
    times, cpu, failures = [], [], 0
    for query in queries:
        search.forget_answers()
        started, used = time.perf_counter(), time.process_time()
        response = client.get("/api/search", query_string={"q": query, "limit": 20})
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        failures += response.status_code != 200
    return times, cpu, failures


def time_whoosh(index_dir: Path, queries: list[str]) -> tuple[list[float], list[float], int]:
    """Latencies and CPU times (ms) of search.search_profiles (page 1 of 20, facets,
    highlights)."""
    times, cpu, hits = [], [], 0
    for query in queries:
        search.forget_answers()  # time the search, not the remembered answer
        started, used = time.perf_counter(), time.process_time()
        results = search.search_profiles(index_dir, query, limit=20)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        hits += bool(results.hits)
    return times, cpu, hits


def time_after_change(index_dir: Path, n_experts: int, n_quotes: int) -> list[float]:
    """Latencies (ms) of the first searches after an ingest-like change: one profile indexed
    into a copy of the index, in this process (which has already searched the original)."""
    import shutil
    import tempfile

    queries = ["economist", "professor of trade", "inflation rates"]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "index"
        shutil.copytree(index_dir, copy)
        for query in queries:  # the copy's large segment is read once, as a worker had done
            search.search_profiles(copy, query)
        extra = next(make_records(1, n_quotes // n_experts, seed=SEED + 9))
        search.index_records(copy, [dict(extra, id=n_experts + 1, slug="added-expert")])
        times = []
        for query in queries:
            search.forget_answers()
            started = time.perf_counter()
            search.search_profiles(copy, query)
            times.append((time.perf_counter() - started) * 1000)
    return times


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its ended child processes (the build's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv=None) -> int:
    """Build (or reuse) the synthetic directory, time both engines, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experts", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache" / "speed")
    parser.add_argument("--rebuild", action="store_true", help="rebuild even if cached")
    parser.add_argument("--jobs", type=int, default=None, help="index-building processes")
    args = parser.parse_args(argv)

    cache = args.cache / f"{args.experts}-{args.quotes}"
    cache.mkdir(parents=True, exist_ok=True)
    index_dir, fts_path, meta_path = cache / "index", cache / "fts.db", cache / "meta.json"
    records_path = cache / "records.pickles"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    load_before = os.getloadavg()[0]
    if not records_path.exists() or not meta.get("generated_s"):
        started = time.perf_counter()
        save_records(records_path, make_records(args.experts, args.quotes))
        meta["generated_s"] = round(time.perf_counter() - started, 1)
        meta_path.write_text(json.dumps(meta))
    # A cached index in an older schema or format counts as none.
    if args.rebuild or not meta.get("built") or storage.current_version(index_dir) is None:
        jobs = args.jobs or os.cpu_count() or 1
        started, used = time.perf_counter(), _cpu_seconds()
        count = search.rebuild_index(index_dir, load_records(records_path), jobs=jobs)
        meta["whoosh_build_s"] = round(time.perf_counter() - started, 1)
        meta["whoosh_build_cpu_s"] = round(_cpu_seconds() - used, 1)
        meta["jobs"] = jobs
        meta["build_load"] = round(os.getloadavg()[0], 1)
        started = time.perf_counter()
        build_fts(fts_path, load_records(records_path))
        meta["fts_build_s"] = round(time.perf_counter() - started, 1)
        meta["built"] = count
        meta_path.write_text(json.dumps(meta))

    if args.rebuild or not (cache / "directory.db").exists():
        build_store(cache, make_records(args.experts, args.quotes))

    sample = []
    for record in make_records(args.experts, args.quotes):
        if record["kind"] == "expert" and record["id"] % 97 == 0:
            sample.append(record)
        if len(sample) >= 500:
            break
    queries = make_queries(sample, args.queries)

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    search.search_profiles(index_dir, "open the searcher")
    # A worker that has served other searches: the timed queries' own terms are still unread.
    time_whoosh(index_dir, make_queries(sample, args.queries, seed=SEED + 7))
    warm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    api_ms, api_cpu, failures = time_api(cache, queries)
    whoosh_ms, whoosh_cpu, answered = time_whoosh(index_dir, queries)
    fts_ms, fts_cpu = time_fts(fts_path, queries)
    after_change_ms = time_after_change(index_dir, args.experts, args.quotes)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    live = storage.current_version(index_dir) or index_dir
    size_mb = sum(f.stat().st_size for f in live.rglob("*") if f.is_file()) / 2**20

    print(f"synthetic directory: {meta['built']:,} profiles, {args.quotes:,} quotes")
    print(f"{len(queries)} queries, {answered} with at least one hit")
    print("(/api/search runs each query for the first time, after 200 other queries warmed the")
    print(" process; the repeat runs the same queries again through search_profiles alone)")
    print(
        f"load average: {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
        f"{meta.get('build_load', '?')} after the build ({os.cpu_count()} cores)"
    )
    print()
    print(
        f"{'':<30}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'CPU p50':>10}{'CPU p95':>10}"
        f"{'build s':>10}"
    )
    rows = (
        ("GET /api/search (Flask)", api_ms, api_cpu, meta["whoosh_build_s"]),
        ("search_profiles, repeated", whoosh_ms, whoosh_cpu, None),
        ("SQLite FTS5 (bm25)", fts_ms, fts_cpu, meta["fts_build_s"]),
    )
    for label, ms, cpu, build in rows:
        built = f"{build:>10.1f}" if build is not None else f"{'':>10}"
        print(
            f"{label:<30}{percentile(ms, 50):>10.1f}{percentile(ms, 95):>10.1f}"
            f"{max(ms):>10.1f}{percentile(cpu, 50):>10.1f}{percentile(cpu, 95):>10.1f}{built}"
        )
    print(
        f"{'ratio /api/search / FTS5':<30}{percentile(api_ms, 50) / percentile(fts_ms, 50):>10.2f}"
        f"{percentile(api_ms, 95) / percentile(fts_ms, 95):>10.2f}"
    )
    print(
        f"targets: /api/search p95 <= 20 ms, index build <= 90 s; the build used "
        f"{meta.get('jobs', '?')} processes; generating the records took "
        f"{meta['generated_s']} s (not counted)"
    )
    build_cpu = meta.get("whoosh_build_cpu_s", "?")
    print(f"index build CPU time (this process and its workers): {build_cpu} s")
    print()
    print(f"/api/search answers other than 200: {failures}")
    print(
        "first searches after one profile is indexed into a copy: "
        + ", ".join(f"{ms:.0f} ms" for ms in after_change_ms)
    )
    print(f"index size on disk (live version): {size_mb:.0f} MB")
    print(
        f"memory (max RSS): {rss_before:.0f} MB before opening, "
        f"{warm:.0f} MB after the warm-up queries, {rss:.0f} MB after"
    )
    slowest = sorted(zip(api_ms, queries, strict=True), reverse=True)[:5]
    print("slowest /api/search queries: " + "; ".join(f"{q!r} {ms:.0f} ms" for ms, q in slowest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
