"""Extraction on a Dask cluster against a local ingest, and where the single writer stops scaling.

Usage: .venv/bin/python bench/cluster_scaling.py CORPUS_DIR [--limit 400] [--workers 1,2]
                                                   [--repeat 1]

Every run is the real command, `directory ingest`, in a new process over a fresh data folder and
the same files (the first --limit of the corpus, copied to a temp folder):

  local N       `directory ingest --jobs N`: a fork pool of N extraction processes
  cluster N     `directory ingest --scheduler tcp://...`, against a cluster started with the
                project's own `dask scheduler` and `dask worker --nworkers N --nthreads 1`, its
                workers warmed first (the model loaded), as a long-running cluster would be

It prints articles/s (wall time of the whole command) and the CPU seconds per article of every
process involved, then two ratios: N workers against 1 worker, and the cluster against a local
ingest with the same number of processes. With --repeat N each run is made N times, interleaved,
and the fastest counts (the others were slowed by whatever else ran). Then the writer alone:
`ingest_paths` fed extractions made beforehand (read, check, store and index; no extraction),
which is the ceiling of any cluster, and a projection for N machines from the measured
per-worker rate and that ceiling.

Wall rates move with whatever else runs on the machine; CPU per article moves much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
DIRECTORY = [sys.executable, "-m", "directory"]
# Targets of the issue, on 2 cores: 2 workers >= 1.7x one; the cluster >= 0.9x local.
TARGET_SCALING = 1.7
TARGET_VS_LOCAL = 0.9
MACHINES = (1, 2, 4, 8, 16, 32, 64)
WORKERS_PER_MACHINE = 2


def copy_corpus(corpus: Path, limit: int, into: Path) -> int:
    """The first `limit` files of the corpus (in ingest order) copied into `into`."""
    from directory.ingest import expand_paths

    into.mkdir(parents=True)
    files = list(expand_paths([str(corpus)]))[:limit]
    for number, name in enumerate(files):
        shutil.copyfile(name, into / f"{number:06d}-{Path(name).name}")
    return len(files)


def run_ingest(corpus: Path, data: Path, options: list[str], watch: list[int]) -> dict:
    """One `directory ingest` in a new process: its wall time, CPU, and summary line."""
    cpu_before = _children_cpu() + _cpu_of(watch)
    started = time.perf_counter()
    done = subprocess.run(
        [*DIRECTORY, "--data", str(data), "ingest", *options, str(corpus)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    cpu = _children_cpu() + _cpu_of(watch) - cpu_before
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest {options} failed:\n{done.stderr[-2000:]}")
    return {"seconds": seconds, "cpu": cpu, "summary": done.stdout.strip().splitlines()[-1]}


def stored_counts(data: Path) -> tuple:
    """Articles, profiles and quotes stored: every run must store the same."""
    import sqlite3

    from directory import config

    with sqlite3.connect(config.db_path(data)) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "profiles", "quotes")
        )


class Cluster:
    """`dask scheduler` and one `dask worker --nworkers N --nthreads 1`, as separate processes."""

    def __init__(self, workers: int, log_dir: Path):
        from directory.ingest.cluster import dask_environment

        self.workers = workers
        port = _free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        logs = open(log_dir / f"dask-{workers}.log", "w")  # noqa: SIM115 (closed in stop)
        self.logs = logs
        # The settings docs/deploy.md gives `dask worker`: Dask's profiler and frequent checks off.
        env = {**os.environ, **dask_environment()}
        self.scheduler = subprocess.Popen(
            [BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port)]
            + ["--no-dashboard"],
            stdout=logs,
            stderr=logs,
            env=env,
            start_new_session=True,
        )
        self.worker = subprocess.Popen(
            [BIN / "dask", "worker", self.address, "--nworkers", str(workers)]
            + ["--nthreads", "1", "--no-dashboard"],
            stdout=logs,
            stderr=logs,
            env=env,
            start_new_session=True,
        )

    def pids(self) -> list[int]:
        """Every process of the cluster: scheduler, nannies, workers."""
        import psutil

        found = []
        for pid in (self.scheduler.pid, self.worker.pid):
            try:
                process = psutil.Process(pid)
                found += [pid, *(p.pid for p in process.children(recursive=True))]
            except psutil.NoSuchProcess:
                continue
        return found

    def stop(self) -> None:
        """End the cluster's processes (each started in its own session)."""
        for process in (self.worker, self.scheduler):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in (self.worker, self.scheduler):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.logs.close()


def measure_writer(corpus: Path, work: Path) -> dict:
    """The writer alone: ingest_paths fed extractions made beforehand, as plain dicts."""
    from directory.ingest import expand_paths, ingest_paths, read_articles
    from directory.ingest.pipeline import LocalExtractor
    from directory.models import Article, dump_extraction, load_extraction

    files = list(expand_paths([str(corpus)]))
    articles = [a for a in read_articles(files) if isinstance(a, Article)]
    made = [dump_extraction(e) for e in LocalExtractor(2).extract(articles)]

    class PreExtracted:
        """Extractions made before the clock started, handed out in order."""

        def extract(self, _articles):
            for article, data in zip(_articles, made, strict=True):
                extraction = load_extraction(data)
                assert extraction.article.text == article.text
                yield extraction

        def describe(self) -> str:
            return ""

    started, cpu_before = time.perf_counter(), time.process_time()
    summary = ingest_paths(work / "writer", files, progress=False, extractor=PreExtracted())
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu": time.process_time() - cpu_before,
        "summary": summary.format(),
        "articles": summary.read,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--workers", default="1,2", help="Worker counts to compare, e.g. 1,2.")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each; the fastest counts.")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    work = Path(tempfile.mkdtemp(prefix="cluster-scaling-"))
    try:
        corpus = work / "corpus"
        articles = copy_corpus(args.corpus, args.limit, corpus)
        warm = work / "warm"
        copy_corpus(args.corpus, 16, warm)
        print(
            f"{articles} articles from {args.corpus}; {os.cpu_count()} cores; load now "
            f"{os.getloadavg()[0]:.1f}",
            flush=True,
        )
        best: dict[str, dict] = {}
        for attempt in range(args.repeat):
            for n in counts:
                for kind in ("local", "cluster"):
                    data = work / f"{kind}-{n}-{attempt}"
                    row = {"run": f"{kind} {n}", "n": n, **run_config(kind, n, corpus, warm, data)}
                    row["stored"] = stored_counts(data)
                    shutil.rmtree(data, ignore_errors=True)
                    _show(row, articles)
                    if row["run"] not in best or row["seconds"] < best[row["run"]]["seconds"]:
                        best[row["run"]] = row
        rows = list(best.values())
        writer = measure_writer(corpus, work)
        print_table(rows, articles, writer)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_config(kind: str, n: int, corpus: Path, warm: Path, data: Path) -> dict:
    """One measured ingest: local with `n` processes, or on a new cluster of `n` workers."""
    if kind == "local":
        return run_ingest(corpus, data, ["--jobs", str(n)], [])
    cluster = Cluster(n, data.parent)
    try:
        run_ingest(warm, data.with_name(data.name + "-warm"), ["--scheduler", cluster.address], [])
        return run_ingest(corpus, data, ["--scheduler", cluster.address], cluster.pids())
    finally:
        cluster.stop()


def _show(row: dict, articles: int) -> None:
    print(
        f"  {row['run']}: {articles / row['seconds']:.1f} articles/s; {row['summary']}", flush=True
    )


def print_table(rows: list[dict], articles: int, writer: dict) -> None:
    """The scaling table, the targets, the writer's ceiling and the projection."""
    rate = {row["run"]: articles / row["seconds"] for row in rows}
    print()
    print("| run | processes | seconds | articles/s | CPU s/article | vs local, same processes |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        local = rate.get(f"local {row['n']}")
        versus = f"{rate[row['run']] / local:.2f}x" if row["run"].startswith("cluster") else "-"
        print(
            f"| {row['run']} | {row['n']} | {row['seconds']:.1f} | {rate[row['run']]:.1f} | "
            f"{row['cpu'] / articles:.3f} | {versus} |"
        )
    same = {row["stored"] for row in rows}
    print(
        f"\nEvery run stored the same (articles, profiles, quotes): {same}"
        if len(same) == 1
        else f"\nRUNS DIFFER in what they stored: {[(r['run'], r['stored']) for r in rows]}"
    )
    checks = []
    if "cluster 1" in rate and "cluster 2" in rate:
        scaling = rate["cluster 2"] / rate["cluster 1"]
        checks.append(("2 workers / 1 worker", scaling, TARGET_SCALING))
    for n in (1, 2):
        if f"cluster {n}" in rate:
            checks.append(
                (
                    f"cluster {n} / local {n}",
                    rate[f"cluster {n}"] / rate[f"local {n}"],
                    TARGET_VS_LOCAL,
                )
            )
    for label, value, target in checks:
        verdict = "ok" if value >= target else "BELOW TARGET"
        print(f"{label}: {value:.2f}x (target >= {target}x): {verdict}")

    ceiling = writer["articles"] / writer["seconds"]
    print(
        f"\nWriter alone (read, store, index; extractions made beforehand): "
        f"{writer['seconds']:.1f} s, {ceiling:.0f} articles/s, "
        f"{writer['cpu'] / writer['articles'] * 1000:.1f} ms CPU per article"
    )
    widest = max(
        (row for row in rows if row["run"].startswith("cluster")),
        key=lambda row: row["n"],
        default=None,
    )
    if widest is None:
        return
    per_worker = rate[widest["run"]] / widest["n"]
    print(f"Per-worker rate ({widest['run']}, wall): {per_worker:.1f} articles/s")
    project("measured wall rates", per_worker, ceiling)
    # On a loaded machine every wall rate is a share of someone else's cores. CPU per article
    # is what a process would need with a core to itself: the workers' (the cluster run's CPU
    # less the writer's) and the writer's.
    writer_cpu = writer["cpu"] / writer["articles"]
    worker_cpu = widest["cpu"] / articles - writer_cpu
    print(
        f"\nCPU per article: extraction {worker_cpu * 1000:.0f} ms (on the workers), "
        f"the writer {writer_cpu * 1000:.1f} ms"
    )
    project("CPU per article, a core per process", 1 / worker_cpu, 1 / writer_cpu)


def project(basis: str, per_worker: float, ceiling: float) -> None:
    """The projected rate for N machines, and where the one writer becomes the bound."""
    print(
        f"\nProjection from {basis} ({per_worker:.1f} articles/s a worker, the writer's ceiling "
        f"{ceiling:.0f} articles/s), {WORKERS_PER_MACHINE} single-threaded workers a machine:"
    )
    print("| machines | workers | extraction/s | with the one writer | per day | bound |")
    print("|---|---|---|---|---|---|")
    for machines in MACHINES:
        workers = machines * WORKERS_PER_MACHINE
        extraction = workers * per_worker
        total = min(extraction, ceiling)
        bound = "extraction" if extraction < ceiling else "the writer"
        print(
            f"| {machines} | {workers} | {extraction:.0f} | {total:.0f} | "
            f"{total * 86400 / 1e6:.1f} M | {bound} |"
        )
    knee = ceiling / per_worker
    print(
        f"The single writer becomes the bottleneck at about {knee:.0f} workers "
        f"({knee / WORKERS_PER_MACHINE:.0f} machines): beyond that, more workers add nothing. "
        "The next step is to shard the writer (one store per outlet or per month, each with "
        "its own writer, merged at publish time)."
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_of(pids: list[int]) -> float:
    """CPU seconds so far of processes that are not our waited-for children (the cluster's)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    main()
