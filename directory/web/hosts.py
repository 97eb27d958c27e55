"""The site's own address: absolute URLs never come from the request's Host header.

A Host header is whatever the client typed. Were it used, `Host: evil.example` would put
evil.example into the JSON-LD `@id`, the vCard URL, the CSV's url column, the OpenAPI server and
every redirect, and a shared cache could hand that page to other readers. So a WSGI layer in front
of the app checks the Host against the allowed names (an unknown one answers 400) and then
replaces it, with the scheme and script root, by the configured public address before Flask or
Werkzeug look at the request: `request.url_root`, `url_for(_external=True)` and routing redirects
all build on it. The client's address and scheme are taken from X-Forwarded-For and
X-Forwarded-Proto only when the request came from a configured proxy.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from flask import Flask, request
from werkzeug.exceptions import BadRequest

from directory.config import public_url
from directory.errors import InputError

# Names that reach this machine only from itself: always allowed, whatever the port.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
# A Unix-socket peer has no address: only a front the server started itself can connect.
UNIX_PEER = "unix"
UNKNOWN_HOST_KEY = "directory.unknown_host"
# Caches may keep a page but must ask again before reusing it: pages follow the store.
PAGE_CACHE_CONTROL = "no-cache"


def split_host(value: str) -> tuple[str, str | None]:
    """A Host header (or allowed-hosts entry) as (name, port or None); names lower-cased."""
    value = value.strip().lower()
    if value.startswith("["):  # an IPv6 literal, [::1]:5000
        name, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None
        return name, port or None
    name, sep, port = value.rpartition(":")
    if not sep or not port.isdigit():
        return value.rstrip("."), None
    return name.rstrip("."), port


def allowed_hosts(config, public: str) -> set[tuple[str, str | None]]:
    """The (name, port) pairs accepted in a Host header; a None port accepts any port."""
    entries = [e for e in (config.get("ALLOWED_HOSTS") or "").split(",") if e.strip()]
    if not entries:
        parts = urlsplit(public)
        entries = [parts.netloc]
        if parts.port is None:
            default = "443" if parts.scheme == "https" else "80"
            entries.append(f"{parts.hostname}:{default}")
    allowed = {split_host(entry) for entry in entries}
    allowed |= {(name, None) for name in LOOPBACK_HOSTS}
    return allowed


def host_allowed(host: str, allowed: set[tuple[str, str | None]]) -> bool:
    """Whether a Host header names this site."""
    if ("*", None) in allowed:
        return True
    name, port = split_host(host)
    return (name, port) in allowed or (name, None) in allowed


def proxy_networks(value: str | Iterable[str]) -> tuple[list, bool]:
    """The configured proxies as networks, and whether a Unix-socket peer counts as one."""
    items = value.split(",") if isinstance(value, str) else list(value)
    networks, unix = [], False
    for item in (i.strip() for i in items):
        if not item:
            continue
        if item == UNIX_PEER:
            unix = True
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise InputError(
                f"DIRECTORY_PROXY_ADDRESSES: {item!r} is not an IP address or network"
            ) from None
    return networks, unix


class PublicAddress:
    """WSGI middleware: check the Host, then present every request as made to the public URL."""

    def __init__(self, wsgi_app, public: str, allowed, proxies: str = ""):
        self.wsgi_app = wsgi_app
        parts = urlsplit(public)
        self.scheme = parts.scheme
        self.netloc = parts.netloc
        self.server_name = parts.hostname or ""
        self.server_port = str(parts.port or (443 if parts.scheme == "https" else 80))
        self.allowed = allowed
        self.networks, self.unix_proxy = proxy_networks(proxies)

    def from_proxy(self, peer: str) -> bool:
        """Whether the peer is a configured proxy, whose forwarding headers are believed."""
        if not peer:
            return self.unix_proxy
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def __call__(self, environ, start_response):
        if self.from_proxy(environ.get("REMOTE_ADDR", "")):
            # The proxy sets X-Forwarded-For to the address it saw; the last entry is its own.
            forwarded = environ.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
            if forwarded:
                environ["REMOTE_ADDR"] = forwarded
        host = environ.get("HTTP_HOST", "")
        if host and not host_allowed(host, self.allowed):
            environ[UNKNOWN_HOST_KEY] = host
        environ["HTTP_HOST"] = self.netloc
        environ["SERVER_NAME"] = self.server_name
        environ["SERVER_PORT"] = self.server_port
        environ["wsgi.url_scheme"] = self.scheme
        # Never a client's (or a proxy's) prefix: the site lives at the root of its address.
        environ["SCRIPT_NAME"] = ""
        return self.wsgi_app(environ, start_response)


def refuse_unknown_host() -> None:
    """400 for a Host header that names another site (before any view or redirect)."""
    host = request.environ.get(UNKNOWN_HOST_KEY)
    if host is not None:
        raise BadRequest(f"This site does not answer to the host {host[:100]!r}.")


def cache_headers(response):
    """Errors are never stored by caches; pages and data are revalidated before reuse.

    No `Vary: Host`: no response depends on the Host header any more.
    """
    if response.status_code >= 400:
        response.headers["Cache-Control"] = "no-store"
    elif "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = PAGE_CACHE_CONTROL
    return response


def init_hosts(app: Flask) -> None:
    """Install the public address, the Host check and the caching headers on `app`."""
    public = public_url(app.config)
    app.config["PUBLIC_URL"] = public
    app.wsgi_app = PublicAddress(
        app.wsgi_app,
        public,
        allowed_hosts(app.config, public),
        app.config.get("PROXY_ADDRESSES") or "",
    )
    app.before_request(refuse_unknown_host)
    app.after_request(cache_headers)
