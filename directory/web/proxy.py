"""nginx in front of gunicorn: slow clients are nginx's problem, not a worker thread's.

A gunicorn worker holds each connection in one of its few threads from the first byte of the
request to the last byte of the answer. A client that sends one header line a second holds a slot
for as long as it likes: with 40 of them, every slot was taken and `/healthz` timed out. nginx
reads whole requests (and buffers whole answers) in its event loop, where an idle connection
costs a few kilobytes, and only then hands the request to gunicorn over a Unix socket.

`directory serve --production` writes the configuration below into a private folder of its own
(never the data folder, which may be read-only), starts nginx on HOST:PORT once gunicorn listens
on the socket, and stops it when gunicorn stops. nginx is told to die with its parent
(PR_SET_PDEATHSIG), so even a SIGKILLed server leaves no nginx behind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import getpass
import grp
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

log = logging.getLogger(__name__)

# Debian installs nginx in /usr/sbin, which is not on an ordinary user's PATH.
NGINX_PLACES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
# A client has this long to send its whole request header (and each part of a body); a slow
# client past it is closed by nginx without ever reaching gunicorn.
CLIENT_TIMEOUT_S = 10
# Open client connections nginx holds at most: an idle one costs it a few kilobytes.
NGINX_CONNECTIONS = 4096
STARTUP_TIMEOUT_S = 10
PR_SET_PDEATHSIG = 1

CONFIG_TEMPLATE = """\
# Written by `directory serve --production`; regenerated at every start.
{user}worker_processes 1;
worker_rlimit_nofile {nofile};
pid {run}/nginx.pid;
error_log stderr warn;
events {{
    worker_connections {connections};
}}
http {{
    access_log off;
    server_tokens off;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    default_type application/octet-stream;

    # Slow clients: whole header within the timeout, closed on the spot when late.
    client_header_timeout {timeout}s;
    client_body_timeout {timeout}s;
    send_timeout {timeout}s;
    keepalive_timeout 15s;
    reset_timedout_connection on;
    client_max_body_size {max_body};
    client_header_buffer_size 1k;
    large_client_header_buffers 4 8k;

    server {{
        listen {listen};
        server_name _;
        location / {{
            proxy_pass http://unix:{socket}:;
            # One short connection per request: whichever gunicorn worker is free takes it.
            proxy_http_version 1.0;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header Connection close;
            proxy_buffering on;
            proxy_buffer_size 16k;
            proxy_buffers 32 16k;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


def find_nginx() -> str | None:
    """The nginx binary: on PATH, else where Debian and source builds put it; None if absent."""
    found = shutil.which("nginx")
    if found:
        return found
    return next((place for place in NGINX_PLACES if os.access(place, os.X_OK)), None)


def listen_address(host: str, port: int) -> str:
    """nginx's `listen` value for a host and port (IPv6 literals in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def nginx_config(
    run_dir: Path, socket_path: Path, host: str, port: int, *, max_body: int = 64 * 1024
) -> str:
    """The nginx configuration of the production front, as text."""
    user = ""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # As root, nginx would run its workers as `nobody`, who cannot reach the private socket.
        user = f"user {getpass.getuser()} {grp.getgrgid(os.getegid()).gr_name};\n"
    return CONFIG_TEMPLATE.format(
        user=user,
        nofile=NGINX_CONNECTIONS * 2 + 64,
        run=run_dir,
        connections=NGINX_CONNECTIONS,
        timeout=CLIENT_TIMEOUT_S,
        max_body=max_body,
        listen=listen_address(host, port),
        socket=socket_path,
    )


def _die_with_parent() -> None:
    """In the child before exec: receive SIGTERM when the process that started it dies."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class NginxFront:
    """One nginx process in front of gunicorn's Unix socket, started and stopped with it."""

    def __init__(self, binary: str, run_dir: Path, host: str, port: int, *, max_body: int):
        self.binary = binary
        self.run_dir = Path(run_dir)
        self.socket_path = self.run_dir / "gunicorn.sock"
        self.host = host
        self.port = port
        self.max_body = max_body
        self.process: subprocess.Popen | None = None
        self.owner: int | None = None  # the pid that started nginx: the only one to stop it

    @property
    def config_path(self) -> Path:
        """Where the generated configuration is written."""
        return self.run_dir / "nginx.conf"

    def start(self) -> None:
        """Write the configuration, start nginx and wait until it accepts connections."""
        self.config_path.write_text(
            nginx_config(
                self.run_dir, self.socket_path, self.host, self.port, max_body=self.max_body
            )
        )
        command = [
            self.binary,
            "-p", str(self.run_dir),
            "-c", str(self.config_path),
            "-e", "stderr",
            "-g", "daemon off;",
        ]  # fmt: skip
        linux = hasattr(os, "sched_getaffinity")
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent if linux else None
        )
        self.owner = os.getpid()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"nginx could not start on {listen_address(self.host, self.port)} "
                    f"(exit {self.process.returncode}; its message is above)"
                )
            if _accepts(self.host, self.port):
                log.info(
                    "nginx (pid %d) on http://%s in front of unix:%s",
                    self.process.pid,
                    listen_address(self.host, self.port),
                    self.socket_path,
                )
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not start listening within {STARTUP_TIMEOUT_S} s")

    def stop(self) -> None:
        """Stop nginx: SIGTERM (fast shutdown), then SIGKILL after 5 s. Only in the process that
        started it: gunicorn workers are forked with a copy of this object, and one that exits
        (recycled after its requests) must leave nginx running."""
        if self.owner != os.getpid():
            return
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _accepts(host: str, port: int) -> bool:
    """Whether something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False
