"""Ingest speed against the bare spaCy pipeline over the same texts and number of processes.

Usage: .venv/bin/python bench/ingest_speed.py CORPUS [--jobs N] [--limit N] [--phases ...]

Each phase runs in its own Python process (so peak memory is its own) and prints one row:
  spacy          nlp.pipe(texts, n_process=N) with the model extraction loads: the floor
  extract-spacy  extract_articles(articles, n_process=N): spaCy's own multiprocessing
  extract-pool   pipeline.extract_stream(articles, N): a process pool over extract_articles
  ingest         pipeline.ingest_paths into a temp data dir: read, extract, store, index
Target (issue 7): `ingest` in at most 1.3x the `spacy` time. Wall and CPU time (this process and
its workers) are both shown; the CPU ratio does not move when other jobs share the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHASES = ("spacy", "extract-spacy", "extract-pool", "ingest")
TARGET_RATIO = 1.3


def corpus_files(corpus: str, limit: int | None) -> list[str]:
    """The corpus's files, in ingest order; the first `limit` of them."""
    from directory.ingest import expand_paths

    files = list(expand_paths([corpus]))
    return files[:limit] if limit else files


def load_articles(files: list[str]):
    """The articles of the files (failures dropped)."""
    from directory.ingest import read_articles
    from directory.models import Article

    return [item for item in read_articles(files) if isinstance(item, Article)]


def run_phase(phase: str, corpus: str, jobs: int, limit: int | None) -> dict:
    """Run one phase in this process and return its timings and peak memory."""
    files = corpus_files(corpus, limit)
    articles = load_articles(files)
    words = sum(len(a.text.split()) for a in articles)
    started = time.perf_counter()
    cpu_before = _cpu_seconds()
    if phase == "spacy":
        from directory.extract.nlp import load_nlp

        nlp = load_nlp()
        started = time.perf_counter()  # the other phases load the model in their workers
        cpu_before = _cpu_seconds()
        for _ in nlp.pipe((a.text for a in articles), n_process=jobs, batch_size=32):
            pass
    elif phase == "extract-spacy":
        from directory.extract import extract_articles

        for _ in extract_articles(articles, n_process=jobs):
            pass
    elif phase == "extract-pool":
        from directory.ingest.pipeline import extract_stream

        for _ in extract_stream(articles, jobs):
            pass
    elif phase == "ingest":
        from directory.ingest import ingest_paths

        with tempfile.TemporaryDirectory(prefix="ingest-bench-") as data:
            started = time.perf_counter()  # reading counts here: ingest reads the files again
            cpu_before = _cpu_seconds()
            summary = ingest_paths(data, files, jobs=jobs, progress=False)
            if summary.failed:
                print(f"{summary.failed} failures: {summary.failures[:3]}", file=sys.stderr)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime - cpu_before
    return {
        "phase": phase,
        "articles": len(articles),
        "words": words,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "parent_mb": own.ru_maxrss / 1024,
        "worker_mb": workers.ru_maxrss / 1024,
    }


def _cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    """Run each phase in a fresh process and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    parser.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES))
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.corpus, args.jobs, args.limit)))
        return 0

    rows = []
    for phase in args.phases:
        command = [
            sys.executable,
            __file__,
            args.corpus,
            "--jobs",
            str(args.jobs),
            "--phase",
            phase,
        ]
        if args.limit:
            command += ["--limit", str(args.limit)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))

    print(
        f"corpus {args.corpus}: {rows[0]['articles']} articles, {rows[0]['words']} words, "
        f"jobs {args.jobs}, {os.cpu_count()} cores"
    )
    header = f"{'phase':<14} {'wall s':>7} {'CPU s':>7} {'articles/s':>11} {'words/s':>8} "
    print(header + f"{'wall x':>7} {'CPU x':>6} {'parent MB':>10} {'worker MB':>10}")
    base = next((r for r in rows if r["phase"] == "spacy"), None)
    for row in rows:
        wall = f"{row['seconds'] / base['seconds']:.2f}" if base else "-"
        cpu = f"{row['cpu_seconds'] / base['cpu_seconds']:.2f}" if base else "-"
        print(
            f"{row['phase']:<14} {row['seconds']:>7.1f} {row['cpu_seconds']:>7.1f} "
            f"{row['articles'] / row['seconds']:>11.1f} {row['words'] / row['seconds']:>8.0f} "
            f"{wall:>7} {cpu:>6} {row['parent_mb']:>10.0f} {row['worker_mb']:>10.0f}"
        )
    ingest = next((r for r in rows if r["phase"] == "ingest"), None)
    if base and ingest:
        ratio = ingest["seconds"] / base["seconds"]
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        print(
            f"ingest/spacy wall time = {ratio:.2f}x: {verdict} the {TARGET_RATIO}x target "
            f"(CPU time {ingest['cpu_seconds'] / base['cpu_seconds']:.2f}x; on a busy machine "
            "the CPU ratio is the steadier one)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
