"""How right the ingest's ETA is: each ETA shown against the time that was actually left.

    .venv/bin/python bench/progress_eta.py CORPUS [--limit N] [--jobs N] [--old REV]

Ingests the first N `.txt` files of CORPUS into a temporary data folder, recording every progress
update with its time, then replays the recording through the display: the plain line (read every
10 s and every 2 s) and tqdm's own estimate with its default smoothing and with none (what the bar
uses). `--old REV` also replays it through `directory/ingest/progress.py` as it was at git
revision REV (the line mode only). Prints, for each, the first ETA shown against the time left
then, and the median and worst relative error over every reading.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqdm import tqdm  # noqa: E402

from directory.ingest import pipeline, progress  # noqa: E402


class Clock:
    """A clock the replay moves."""

    now = 0.0

    def __call__(self) -> float:
        return self.now


def record(files: list[str], jobs: int) -> tuple[float, float, list[tuple]]:
    """Ingest the files; return the start and end times and every update (time, done, files,
    read)."""
    events: list[tuple] = []

    class Recorder(progress.Progress):
        def update(self, *, articles, files, read=None):
            events.append((time.monotonic(), articles, files, articles if read is None else read))
            super().update(articles=articles, files=files, read=read)

    pipeline.Progress = Recorder
    with tempfile.TemporaryDirectory() as data:
        started = time.monotonic()
        summary = pipeline.ingest_paths(data, files, jobs=jobs, progress=False)
        ended = time.monotonic()
    print(summary.format())
    return started, ended, events


def seconds(text: str) -> int | None:
    """The ETA in a progress line, in seconds."""
    if "ETA " not in text:
        return None
    parts = [int(p) for p in text.rsplit("ETA ", 1)[1].split(":")]
    return sum(p * 60**i for i, p in enumerate(reversed(parts)))


def replay_lines(module, total_files, started, events, interval) -> list[tuple[float, int]]:
    """(time, ETA) of each line a display module would print every `interval` seconds."""
    clock = Clock()
    clock.now = started
    kwargs = {"clock": clock} if "clock" in module.Progress.__init__.__code__.co_varnames else {}
    meter = module.Progress(total_files, stream=io.StringIO(), enabled=False, **kwargs)
    meter.started = started
    shown, last = [], started
    for t, done, files, read in events:
        clock.now = t
        meter.update(articles=done, files=files, read=read)
        if t - last >= interval:
            last = t
            eta = seconds(meter.status(t))
            if eta is not None:
                shown.append((t, eta))
    return shown


def replay_tqdm(total_files, started, events, interval, smoothing) -> list[tuple[float, int]]:
    """(time, ETA) tqdm would give, made at the first article done with the display's total."""
    clock = Clock()
    estimate = progress.Progress(total_files, stream=io.StringIO(), enabled=False, clock=clock)
    bar, shown, last = None, [], started
    for t, done, files, read in events:
        clock.now = t
        estimate.update(articles=done, files=files, read=read)
        if bar is None:
            if done:
                bar = tqdm(total=estimate.expected(), file=io.StringIO(), smoothing=smoothing)
                bar._time = clock
                bar.reset(total=estimate.expected())
                bar.initial = bar.n = bar.last_print_n = done
            continue
        bar.total = estimate.expected()
        bar.update(done - bar.n)
        if t - last >= interval:
            last = t
            d = bar.format_dict
            rate = d["rate"] or ((d["n"] - d["initial"]) / d["elapsed"] if d["elapsed"] else 0)
            if rate:
                shown.append((t, int((d["total"] - d["n"]) / rate)))
    return shown


def report(name: str, shown: list[tuple[float, int]], started: float, ended: float) -> None:
    """One line: the first ETA against the truth, then the median and worst errors."""
    if not shown:
        print(f"{name}: no ETA shown")
        return
    errors = [abs(eta - (ended - t)) / (ended - t) for t, eta in shown]
    t, eta = shown[0]
    print(
        f"{name}: first ETA at {t - started:.1f} s: {eta} s shown, {ended - t:.0f} s left; "
        f"median error {statistics.median(errors):.0%}, worst {max(errors):.0%} "
        f"over {len(errors)} readings"
    )


def old_module(rev: str):
    """directory/ingest/progress.py as it was at a git revision."""
    source = subprocess.run(
        ["git", "show", f"{rev}:directory/ingest/progress.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "old_progress.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("old_progress", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=1200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--old", metavar="REV", default=None)
    args = parser.parse_args()
    files = sorted(str(p) for p in args.corpus.rglob("*.txt"))[: args.limit]
    if not files:
        parser.error(f"no .txt files in {args.corpus}")
    started, ended, events = record(files, args.jobs)
    for interval in (10.0, 2.0):
        if args.old:
            shown = replay_lines(old_module(args.old), len(files), started, events, interval)
            report(f"old line, every {interval:g} s", shown, started, ended)
        shown = replay_lines(progress, len(files), started, events, interval)
        report(f"line, every {interval:g} s", shown, started, ended)
        for smoothing in (0.3, 0.0):
            shown = replay_tqdm(len(files), started, events, interval, smoothing)
            report(f"tqdm smoothing {smoothing:g}, every {interval:g} s", shown, started, ended)


if __name__ == "__main__":
    main()
