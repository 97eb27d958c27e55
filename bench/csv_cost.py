"""What one `/search.csv` download costs, in-process: first, built again, and remembered.

    .venv/bin/python bench/csv_cost.py DATA_DIR QUERY [QUERY ...] [--repeat 20]

DATA_DIR is a data folder (for example one kept by `bench/load.py --keep`). For each query (all
kinds): the first download (searches and records cold), the median of five downloads with the
remembered CSVs forgotten each time (the searches behind them stay remembered, as in a worker
that served them before), and the median of `--repeat` downloads served from memory.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(client, path: str) -> tuple[float, str]:
    """Milliseconds for one GET, and the body."""
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed, response.get_data(as_text=True)


def main(argv=None) -> int:
    """Time the downloads of each query and print one line each."""
    from directory.web import create_app, pages

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    app = create_app({"DATA_DIR": str(args.data), "TESTING": True, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    for query in args.queries:
        path = f"/search.csv?q={quote(query)}&all=1"
        first, body = timed(client, path)
        rebuilt = []
        for _ in range(5):
            pages._csvs = pages.Answers(pages.CSVS_KEPT)
            rebuilt.append(timed(client, path)[0])
        remembered = [timed(client, path)[0] for _ in range(args.repeat)]
        again, kept = statistics.median(rebuilt), statistics.median(remembered)
        print(
            f"{query!r}: {body.count(chr(10)) - 1} rows; first {first:.0f} ms, "
            f"built again {again:.1f} ms, remembered {kept:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
