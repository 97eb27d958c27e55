"""The public address: absolute URLs from PUBLIC_URL, unknown hosts refused, proxies believed
only when configured, caching headers."""

from __future__ import annotations

import json
import re

import pytest

from directory.errors import InputError
from directory.web import create_app
from directory.web.hosts import allowed_hosts, host_allowed, public_url, split_host

PUBLIC = "https://experts.example.org"
EVIL = "evil.example"


@pytest.fixture
def site(web_data_dir):
    """The app with a configured public address, rate limits off."""
    return create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(web_data_dir),
            "RATELIMIT_ENABLED": False,
            "PUBLIC_URL": PUBLIC,
        }
    ).test_client()


def get(client, path, host=None, **environ):
    """GET with an explicit Host header (and extra WSGI environ keys)."""
    headers = {"Host": host} if host else {}
    return client.get(path, headers=headers, environ_base=environ)


@pytest.mark.parametrize(
    "path",
    [
        "/api/openapi.json",
        "/experts/ren-xiao",
        "/experts/ren-xiao.jsonld",
        "/experts/ren-xiao.vcf",
        "/search.csv?q=Ren",
        "/experts//ren-xiao",
    ],
)
def test_an_unknown_host_gets_400_and_is_never_echoed_into_a_link(site, path):
    response = get(site, path, EVIL)
    assert response.status_code == 400
    assert response.headers["Cache-Control"] == "no-store"
    assert "Location" not in response.headers


def test_absolute_urls_use_the_public_address_whatever_the_host(site):
    for host in ("experts.example.org", "localhost", "127.0.0.1:5000", None):
        openapi = get(site, "/api/openapi.json", host).get_json()
        assert openapi["servers"] == [{"url": PUBLIC}]
        jsonld = json.loads(get(site, "/experts/ren-xiao.jsonld", host).get_data(as_text=True))
        assert jsonld["@id"] == jsonld["url"] == f"{PUBLIC}/experts/ren-xiao"
        page = get(site, "/experts/ren-xiao", host).get_data(as_text=True)
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        assert json.loads(block.group(1))["@id"] == f"{PUBLIC}/experts/ren-xiao"
        vcard = get(site, "/experts/ren-xiao.vcf", host).get_data(as_text=True)
        assert f"URL:{PUBLIC}/experts/ren-xiao\r\n" in vcard
        csv_text = get(site, "/search.csv?q=Ren", host).get_data(as_text=True)
        assert f"{PUBLIC}/experts/ren-xiao" in csv_text
        redirect = get(site, "/experts//ren-xiao", host)
        assert redirect.status_code == 308
        assert redirect.headers["Location"] == f"{PUBLIC}/experts/ren-xiao"


def test_a_script_name_from_the_environment_never_moves_the_links(site):
    page = get(site, "/experts/ren-xiao", "localhost", SCRIPT_NAME="/evil").get_data(as_text=True)
    assert "/evil" not in page
    assert 'href="/experts/ren-xiao.vcf"' in page


def test_the_default_public_address_is_host_and_port(web_data_dir):
    app = create_app({"TESTING": True, "DATA_DIR": str(web_data_dir), "PORT": 8123})
    assert app.config["PUBLIC_URL"] == "http://127.0.0.1:8123"
    client = app.test_client()
    assert get(client, "/healthz", "127.0.0.1:8123").status_code == 200
    assert get(client, "/healthz", "localhost:9999").status_code == 200  # loopback: any port
    assert get(client, "/healthz", "10.0.0.7:8123").status_code == 400


def test_allowed_hosts_setting_names_more_hosts(web_data_dir):
    app = create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(web_data_dir),
            "PUBLIC_URL": PUBLIC,
            "ALLOWED_HOSTS": "experts.example.org, www.experts.example.org:8443",
        }
    )
    client = app.test_client()
    assert get(client, "/healthz", "www.experts.example.org:8443").status_code == 200
    assert get(client, "/healthz", "www.experts.example.org:8444").status_code == 400
    assert get(client, "/healthz", "EXPERTS.example.org.").status_code == 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Example.org:8080", ("example.org", "8080")),
        ("example.org", ("example.org", None)),
        ("[::1]:5000", ("::1", "5000")),
        ("[::1]", ("::1", None)),
        ("example.org.", ("example.org", None)),
    ],
)
def test_split_host(value, expected):
    assert split_host(value) == expected


def test_a_public_address_with_a_port_allows_only_that_port_besides_loopback():
    allowed = allowed_hosts({}, "http://experts.example.org:8080")
    assert host_allowed("experts.example.org:8080", allowed)
    assert not host_allowed("experts.example.org", allowed)
    assert host_allowed("experts.example.org:80", allowed_hosts({}, "http://experts.example.org"))
    assert host_allowed(EVIL, allowed_hosts({"ALLOWED_HOSTS": "*"}, PUBLIC))


@pytest.mark.parametrize("bad", ["ftp://x.example", "https://x.example/sub", "experts.example"])
def test_a_public_address_that_is_not_one_is_a_clear_error(bad):
    with pytest.raises(InputError, match="DIRECTORY_PUBLIC_URL"):
        public_url({"PUBLIC_URL": bad})


def test_forwarded_for_is_believed_only_from_a_configured_proxy(web_data_dir):
    from flask import request

    def remote_of(proxies: str, peer: str) -> str:
        app = create_app(
            {"TESTING": True, "DATA_DIR": str(web_data_dir), "PROXY_ADDRESSES": proxies}
        )
        app.add_url_rule("/peer", "peer", lambda: request.remote_addr)
        client = app.test_client()
        response = client.get(
            "/peer",
            headers={"X-Forwarded-For": "203.0.113.9"},
            environ_base={"REMOTE_ADDR": peer},
        )
        return response.get_data(as_text=True)

    assert remote_of("", "127.0.0.1") == "127.0.0.1"
    assert remote_of("10.1.0.0/16", "10.1.2.3") == "203.0.113.9"
    assert remote_of("10.1.0.0/16", "10.2.0.1") == "10.2.0.1"
    assert remote_of("unix", "") == "203.0.113.9"
    assert remote_of("", "") == ""
    with pytest.raises(InputError, match="PROXY_ADDRESSES"):
        remote_of("not-an-address", "127.0.0.1")


def test_pages_are_revalidated_static_files_cached_errors_never_stored(site):
    assert get(site, "/experts/ren-xiao").headers["Cache-Control"] == "no-cache"
    assert get(site, "/api/search?q=Ren").headers["Cache-Control"] == "no-cache"
    assert get(site, "/experts/no-such-person").headers["Cache-Control"] == "no-store"
    static = get(site, "/static/style.css")
    assert "max-age" in static.headers["Cache-Control"]
    assert "Host" not in static.headers.get("Vary", "")
