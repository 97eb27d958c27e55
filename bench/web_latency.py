"""Server-side latency of the main pages, through the WSGI app (no network), as a table.

Usage: .venv/bin/python bench/web_latency.py CORPUS_OR_DATA_DIR [--repeat N]

A folder holding directory.db is used as it is; anything else is ingested into a temporary data
folder first. Times are per request inside Flask (rendering included), median and 95th percentile.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def data_dir_for(path: Path) -> Path:
    """A data folder: `path` itself if it holds a store, else a fresh ingest of it."""
    if (path / "directory.db").exists():
        return path
    from directory.ingest import ingest_paths

    data = Path(tempfile.mkdtemp(prefix="web-bench-"))
    print(ingest_paths(data, [path]))
    return data


def routes(client) -> list[str]:
    """Representative URLs: home, searches, the most quoted profile and one of its articles."""
    answer = client.get("/api/search?q=the&all=1&sort=quotes&limit=1").get_json()
    if "results" not in answer:
        raise SystemExit(f"the data folder cannot be searched: {answer.get('error')}")
    top = answer["results"]
    slug = top[0]["slug"] if top else "none"
    record = client.get(f"/experts/{slug}.json").get_json() or {}
    quotes = record.get("quotes") or [{"article": {"id": "none"}}]
    article = quotes[0]["article"]["id"]
    return [
        "/",
        "/search?q=professor",
        "/search?q=professor&kind=expert&sort=quotes",
        "/api/search?q=professor&limit=20",
        "/api/suggest?q=ma",
        f"/experts/{slug}",
        f"/experts/{slug}.json",
        f"/experts/{slug}.jsonld",
        f"/articles/{article}",
        "/search.csv?q=professor",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    from directory.web import create_app

    app = create_app({"DATA_DIR": str(data_dir_for(args.path)), "RATELIMIT_ENABLED": False})
    client = app.test_client()
    print(f"{'route':60} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'KB':>7}")
    for url in routes(client):
        timings, response = [], None
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        size = len(response.data) / 1024
        print(
            f"{url[:60]:60} {response.status_code:>6} {statistics.median(timings):>10.1f}"
            f" {p95:>8.1f} {size:>7.1f}"
        )


if __name__ == "__main__":
    main()
