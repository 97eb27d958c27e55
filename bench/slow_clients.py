"""Slow-header clients against `directory serve --production`: does /healthz still answer?

    .venv/bin/python bench/slow_clients.py [--slow 40] [--probes 10] [--front nginx|none|both]

Starts the production server on a free 127.0.0.1 port over a small data folder (one sample
article), opens `--slow` connections that each send a request line and then one header line a
second (never finishing the request), and meanwhile probes `/healthz` `--probes` times on fresh
connections, one a second, each with a 5 s timeout. Prints, per front, how many probes answered
within 1 s and 2 s, and their latencies. Every connection goes to 127.0.0.1 and the run ends by
itself (at most `--slow` connections, `--probes` probes, about `--probes` + 15 seconds).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples"
PROBE_TIMEOUT_S = 5.0


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(data: Path, port: int, front: str, log_path: Path) -> subprocess.Popen:
    """`directory serve --production --front FRONT` with 2 workers, once /healthz answers."""
    log = open(log_path, "wb")  # noqa: SIM115 (kept open for the server's lifetime)
    command = [sys.executable, "-m", "directory", "--data", str(data), "serve", "--production",
               "--host", HOST, "--port", str(port), "--workers", "2", "--front", front]  # fmt: skip
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {log_path.read_text()}")
        if probe(port, timeout=1.0) is not None:
            return proc
        time.sleep(0.2)
    stop(proc)
    raise RuntimeError("the server did not answer /healthz within 60 s")


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server we started, SIGKILL after 20 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def probe(port: int, timeout: float = PROBE_TIMEOUT_S) -> float | None:
    """Seconds for GET /healthz on a fresh connection, or None when it failed or timed out."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        ok = response.status == 200 and response.read() == b"ok"
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()
    return time.perf_counter() - started if ok else None


def slow_client(port: int, stop_at: float, opened: list) -> None:
    """One connection sending a header line a second until `stop_at`; never ends its request."""
    try:
        sock = socket.create_connection((HOST, port), timeout=2)
    except OSError:
        return
    opened.append(sock)
    try:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        line = 0
        while time.monotonic() < stop_at:
            time.sleep(1)
            line += 1
            sock.sendall(b"X-Slow-%d: %d\r\n" % (line, line))
    except OSError:
        pass  # the server closed it (nginx's header timeout): what a front should do
    finally:
        sock.close()


def measure(port: int, slow: int, probes: int) -> list[float | None]:
    """Open `slow` slow connections, then probe /healthz once a second `probes` times."""
    stop_at = time.monotonic() + probes + 3
    opened: list = []
    threads = [
        threading.Thread(target=slow_client, args=(port, stop_at, opened), daemon=True)
        for _ in range(slow)
    ]
    for thread in threads:
        thread.start()
    time.sleep(2)  # every slow connection open and accepted before the first probe
    results = []
    for _ in range(probes):
        began = time.monotonic()
        results.append(probe(port))
        time.sleep(max(0.0, 1 - (time.monotonic() - began)))
    for thread in threads:
        thread.join(timeout=PROBE_TIMEOUT_S + 5)
    return results


def summary(front: str, slow: int, results: list[float | None]) -> str:
    """One table row: how many probes answered within 1 s and 2 s, and their latencies."""
    within_1 = sum(1 for r in results if r is not None and r <= 1)
    within_2 = sum(1 for r in results if r is not None and r <= 2)
    shown = ", ".join("timeout" if r is None else f"{r * 1000:.0f}" for r in results)
    return f"| {front} | {slow} | {within_1}/{len(results)} | {within_2}/{len(results)} | {shown} |"


def main(argv=None) -> int:
    """Run the measurement for each front asked for and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=40, help="slow-header connections (1..500)")
    parser.add_argument("--probes", type=int, default=10, help="/healthz probes (1..60)")
    parser.add_argument("--front", choices=("nginx", "none", "both"), default="both")
    args = parser.parse_args(argv)
    if not (1 <= args.slow <= 500 and 1 <= args.probes <= 60):
        parser.error("--slow must be 1..500 and --probes 1..60")
    fronts = ("none", "nginx") if args.front == "both" else (args.front,)
    rows = []
    with tempfile.TemporaryDirectory(prefix="directory-slow-") as tmp:
        data = Path(tmp) / "data"
        subprocess.run(
            [sys.executable, "-m", "directory", "--data", str(data), "ingest", str(SAMPLE)],
            check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for front in fronts:
            port = free_port()
            server = start_server(data, port, front, Path(tmp) / f"server-{front}.log")
            try:
                rows.append(summary(front, args.slow, measure(port, args.slow, args.probes)))
            finally:
                stop(server)
    load = os.getloadavg()[0]
    print(f"slow-header connections against /healthz (1-minute load average {load:.1f})")
    print("| front | slow connections | probes within 1 s | within 2 s | probe latencies, ms |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
