"""CPU time per request of given paths, in-process (Flask test client, no network), as a table.

    .venv/bin/python bench/route_cpu.py DATA_DIR PATH [PATH ...] [--repeat 1000] [--no-limits]

DATA_DIR is a data folder holding directory.db (for example one kept by `bench/load.py --keep`).
Each path is requested 100 times to warm up, then `--repeat` times, and the process's CPU time
per request is printed. The API rate limiter runs, with a limit no run can reach, unless
`--no-limits`. Remembered answers and pages count as they would in a worker: a repeated path is
served from memory after its first request.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    """Time each path and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=1000)
    parser.add_argument("--no-limits", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / "directory.db").exists():
        parser.error(f"no directory.db in {args.data}")

    from directory.web import create_app

    app = create_app(
        {
            "DATA_DIR": str(args.data),
            "RATELIMIT_ENABLED": not args.no_limits,
            "RATELIMIT_API": "100000000 per minute",
        }
    )
    client = app.test_client()
    print(f"{'path':<50}{'status':>8}{'CPU ms/request':>16}")
    for path in args.paths:
        for _ in range(100):
            client.get(path)
        started = time.process_time()
        for _ in range(args.repeat):
            response = client.get(path)
        per_request = (time.process_time() - started) / args.repeat * 1000
        print(f"{path:<50}{response.status_code:>8}{per_request:>16.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
