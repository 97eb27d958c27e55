"""A server's memory under hostile searches: thousands of random words, then overlong ones.

    .venv/bin/python bench/search_memory.py DATA [--random 1500] [--long 200] [--workers N]

Starts `directory serve --production` over the data folder DATA (rate limits raised so every
request is served; the server's own number of workers unless --workers), warms every worker
with ordinary searches, sends `--random` searches of 20 random made-up words and then `--long`
searches of one 199-letter word, alternating between /search and /api/search, and prints the
resident memory of the server (gunicorn's master and workers, from /proc) before, every few
hundred requests, and after. Every cache of a worker is bounded in bytes, so the memory levels
off; the target is growth under 100 MB.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import fetch, free_port, server_memory_mb, start_server, stop  # noqa: E402

from directory.text import word_set  # noqa: E402
from directory.web.serving import default_workers  # noqa: E402

SEED = 20261204
REPORT_EVERY = 250
# Ordinary searches sent first, so every worker has opened the index and filled its caches with
# real traffic before the memory is measured.
WARM_UP = 300
WARM_WORDS = sorted(
    word_set(
        "economist analyst professor oil prices interest rates election voters security police "
        "university government market bank trade China Russia London Iraq health schools energy"
    )
)


def random_words(rng: random.Random, count: int) -> str:
    """`count` made-up lower-case words of 3 to 12 letters."""
    return " ".join(
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 12)))
        for _ in range(count)
    )


def queries(random_count: int, long_count: int) -> list[str]:
    """The hostile searches: random words first, then single overlong words."""
    rng = random.Random(SEED)
    out = [random_words(rng, 20) for _ in range(random_count)]
    out += [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(199)) for _ in range(long_count)
    ]
    return out


def main(argv=None) -> int:
    """Serve DATA, send the searches, print the memory curve and the growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--random", type=int, default=1500)
    parser.add_argument("--long", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None, help="default: the server's own")
    args = parser.parse_args(argv)

    port = free_port()
    log_path = Path(tempfile.gettempdir()) / f"search-memory-{port}.log"
    workers = args.workers or default_workers()
    proc = start_server(args.data, port, workers, "1000000 per minute", log_path)
    errors = 0
    try:
        rng = random.Random(SEED + 1)
        for i in range(WARM_UP):
            words = " ".join(rng.sample(WARM_WORDS, 2))
            route = "/search" if i % 2 else "/api/search"
            fetch(port, f"{route}?q={urllib.parse.quote(words)}")
        time.sleep(1)
        before = server_memory_mb(proc.pid)
        print(f"server memory before: {before:.0f} MB ({workers} workers)")
        started = time.perf_counter()
        found = queries(args.random, args.long)
        for i, query in enumerate(found, 1):
            route = "/search" if i % 2 else "/api/search"
            status, _ = fetch(port, f"{route}?q={urllib.parse.quote(query)}", timeout=30)
            errors += status not in (200, 400)
            if i % REPORT_EVERY == 0 or i == len(found):
                kind = "random" if i <= args.random else "long"
                print(f"  after {i:>5} searches ({kind}): {server_memory_mb(proc.pid):.0f} MB")
        after = server_memory_mb(proc.pid)
        seconds = time.perf_counter() - started
    finally:
        stop(proc)
    print(
        f"{len(found)} searches ({args.random} of 20 random words, {args.long} of one "
        f"199-letter word) in {seconds:.0f} s, answers other than 200/400: {errors}"
    )
    print(f"server memory after: {after:.0f} MB; grown by {after - before:.0f} MB (target < 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
