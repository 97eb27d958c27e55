"""The OpenAPI document and the JSON API checked against it by schemathesis (bounded)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from directory.web.openapi import openapi_document

API_PATHS = {"/api/search", "/api/experts/{slug}", "/api/articles/{article_id}", "/api/suggest"}


def test_document_lists_every_api_route(client, app):
    served = client.get("/api/openapi.json").get_json()
    assert served["openapi"] == "3.1.0"
    assert set(served["paths"]) == API_PATHS
    assert served["servers"] == [{"url": app.config["PUBLIC_URL"]}]
    search = served["paths"]["/api/search"]["get"]
    q = next(p for p in search["parameters"] if p["name"] == "q")
    assert q["required"] is True and q["schema"]["maxLength"] == 200
    assert set(search["responses"]) == {"200", "400", "429"}


def test_document_follows_config():
    doc = openapi_document("https://x.example", max_page_size=7, max_query_length=9, max_page=3)
    params = {p["name"]: p for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert params["limit"]["schema"]["maximum"] == 7
    assert params["q"]["schema"]["maxLength"] == 9
    assert params["page"]["schema"]["maximum"] == 3


def test_api_conforms_to_its_document(app):
    # Schemathesis' pytest plugin does not run under this pytest, so each operation's strategy
    # is driven by Hypothesis directly: a few examples each, through the WSGI app (no network).
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} == API_PATHS
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        check()
