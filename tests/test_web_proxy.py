"""nginx in front of gunicorn: the generated configuration, and the real thing against slow
clients, hostile Host headers and a SIGKILLed server (skipped where nginx is not installed)."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from processes import still_alive

from directory.web.proxy import CLIENT_TIMEOUT_S, find_nginx, nginx_config

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
NGINX = find_nginx()
needs_nginx = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (apt-get install nginx; .ci/run installs it)"
)


def test_the_config_listens_on_the_address_and_proxies_to_the_socket(tmp_path):
    text = nginx_config(tmp_path, tmp_path / "gunicorn.sock", "127.0.0.1", 5000, max_body=65536)
    assert "listen 127.0.0.1:5000;" in text
    assert f"proxy_pass http://unix:{tmp_path / 'gunicorn.sock'}:;" in text
    assert f"client_header_timeout {CLIENT_TIMEOUT_S}s;" in text
    assert "client_max_body_size 65536;" in text
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in text  # replaced, never appended
    assert f"pid {tmp_path}/nginx.pid;" in text and "/var/" not in text
    assert "listen [::1]:8080;" in nginx_config(tmp_path, tmp_path / "s", "::1", 8080)


@needs_nginx
def test_the_config_is_valid_for_nginx(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config(tmp_path, tmp_path / "gunicorn.sock", HOST, free_port()))
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", "stderr"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert checked.returncode == 0, checked.stderr


# --- the real thing ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, host: str | None = None, timeout: float = 10):
    """One GET on a fresh connection: (status, headers, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": host} if host else {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def start_site(tmp_path: Path) -> tuple[subprocess.Popen, int, Path]:
    """`directory serve --production --front nginx` over the sample article, once it answers."""
    from directory.ingest import ingest_paths

    data = tmp_path / "data"
    ingest_paths(data, [ROOT / "data" / "samples"], jobs=1, progress=False)
    port = free_port()
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "directory", "--data", str(data), "serve", "--production",
             "--front", "nginx", "--host", HOST, "--port", str(port), "--workers", "2"],
            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            if fetch(port, "/healthz", timeout=2)[0] == 200:
                return proc, port, log_path
        except OSError:
            pass
        assert proc.poll() is None, log_path.read_text()
        assert time.monotonic() < deadline, "the server did not start within 60 s"
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    proc, port, log_path = start_site(tmp_path_factory.mktemp("nginx"))
    yield {"port": port, "proc": proc, "log": log_path}
    stop(proc)


def slow_client(port: int, stop_at: float) -> None:
    """A connection sending one header line a second, never finishing its request."""
    try:
        with socket.create_connection((HOST, port), timeout=2) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            line = 0
            while time.monotonic() < stop_at:
                time.sleep(1)
                line += 1
                sock.sendall(b"X-Slow-%d: 1\r\n" % line)
    except OSError:
        pass  # closed by the server: allowed


@needs_nginx
@pytest.mark.slow
def test_forty_slow_header_clients_do_not_starve_healthz(nginx_site):
    port = nginx_site["port"]
    stop_at = time.monotonic() + 14
    slow = [
        threading.Thread(target=slow_client, args=(port, stop_at), daemon=True) for _ in range(40)
    ]
    for thread in slow:
        thread.start()
    time.sleep(2)
    answered = []
    for _ in range(10):
        began = time.monotonic()
        try:
            status = fetch(port, "/healthz", timeout=5)[0]
            answered.append(status == 200 and time.monotonic() - began <= 2)
        except OSError:
            answered.append(False)
        time.sleep(max(0.0, 1 - (time.monotonic() - began)))
    for thread in slow:
        thread.join(20)
    assert sum(answered) >= 9, answered


@needs_nginx
def test_through_nginx_a_hostile_host_never_reaches_a_url(nginx_site):
    port = nginx_site["port"]
    status, headers, body = fetch(port, "/api/openapi.json", host="evil.example")
    assert status == 400 and headers["Cache-Control"] == "no-store"
    status, _, body = fetch(port, "/api/openapi.json")
    assert status == 200 and b"evil.example" not in body
    assert f'"url":"http://{HOST}:{port}"'.encode() in body
    status, headers, _ = fetch(port, "/experts//ren-xiao")
    assert status == 308 and headers["Location"] == f"http://{HOST}:{port}/experts/ren-xiao"


@needs_nginx
def test_a_client_cannot_set_script_name_through_nginx(nginx_site):
    conn = http.client.HTTPConnection(HOST, nginx_site["port"], timeout=10)
    conn.request("GET", "/experts/ren-xiao", headers={"SCRIPT_NAME": "/experts"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status == 200 and b'href="/experts/experts/' not in body


@needs_nginx
def test_a_worker_that_exits_leaves_nginx_and_the_socket_alone(nginx_site):
    """Workers leave gunicorn through the server's own frames (they were forked inside them):
    a recycled worker must not stop nginx or remove the socket folder."""
    proc, port = nginx_site["proc"], nginx_site["port"]
    nginx = {p for p in children_of(proc.pid) if is_nginx(p)}
    workers = children_of(proc.pid) - nginx
    assert nginx and workers
    for worker in workers:
        os.kill(worker, signal.SIGTERM)  # a graceful exit, as after MAX_REQUESTS
    deadline = time.monotonic() + 20
    while still_alive(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not still_alive(workers)
    deadline = time.monotonic() + 30
    while True:  # the arbiter starts new workers; nginx and its socket are still there
        try:
            if fetch(port, "/healthz", timeout=5)[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "the site did not come back"
        time.sleep(0.2)
    assert still_alive(nginx) == nginx


def is_nginx(pid: int) -> bool:
    """Whether a process is nginx (its master names itself `nginx: master process …`)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"nginx")
    except OSError:
        return False


def children_of(parent: int) -> set[int]:
    """Live (not zombie) processes whose parent is `parent`."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[1]) == parent:
            found.add(int(stat.parent.name))
    return found


@needs_nginx
@pytest.mark.slow
def test_a_sigkilled_server_leaves_no_nginx_or_worker_behind(tmp_path):
    proc, port, _ = start_site(tmp_path)
    try:
        # nginx's master and gunicorn's two workers; the second worker may still be booting
        # when the first answers on a loaded machine
        deadline = time.monotonic() + 30
        while len(children := children_of(proc.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        nginx = {p for p in children if is_nginx(p)}
        assert nginx and len(children) >= 3, children
    except BaseException:
        stop(proc)  # a failed check must not leave the server running
        raise
    # A SIGKILLed server cannot remove its private folder: the test does, afterwards.
    arguments = Path(f"/proc/{min(nginx)}/cmdline").read_bytes().decode().split()
    run_dir = Path(arguments[arguments.index("-p") + 1])
    assert run_dir.name.startswith("directory-serve-")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while still_alive(children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not still_alive(children)
    with pytest.raises(OSError):
        fetch(port, "/healthz", timeout=2)
    shutil.rmtree(run_dir, ignore_errors=True)
