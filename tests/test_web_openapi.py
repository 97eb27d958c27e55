"""The OpenAPI document and the JSON API checked against it by schemathesis (bounded)."""

from __future__ import annotations

import schemathesis
from conftest import csrf_token_of
from hypothesis import HealthCheck, given, settings

from directory.web.openapi import CORRECTION_FORMS, openapi_document

API_PATHS = {"/api/search", "/api/experts/{slug}", "/api/articles/{article_id}", "/api/suggest"}
EDITOR_PATHS = {"/login", "/logout", "/review", "/review/log"} | {
    f"/experts/{{slug}}/{route}" for route in CORRECTION_FORMS
}


def test_document_lists_every_api_route(client, app):
    served = client.get("/api/openapi.json").get_json()
    assert served["openapi"] == "3.1.0"
    assert set(served["paths"]) == API_PATHS | EDITOR_PATHS
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


def run_schemathesis(
    app,
    paths: set[str],
    *,
    cookies: dict | None = None,
    csrf_token: str | None = None,
    examples: int = 15,
    excluded=(),
):
    """Drive each operation of `paths` with generated requests through the WSGI app (no network)
    and check every answer against the document: documented status, content type and schema."""
    # Schemathesis' pytest plugin does not run under this pytest, so each operation's strategy
    # is driven by Hypothesis directly.
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [op for op in operations if op.path in paths]
    assert {op.path for op in operations} == paths
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            if cookies:
                case.cookies = {**(case.cookies or {}), **cookies}
            if csrf_token and isinstance(case.body, dict):
                case.body["csrf_token"] = csrf_token
            case.call_and_validate(excluded_checks=list(excluded))

        check()


def test_api_conforms_to_its_document(app):
    run_schemathesis(app, API_PATHS)


# A schema cannot say which CSRF token is the session's, nor which slugs, fields and articles
# exist, so a schema-valid form may rightly answer 400: that one check is left out for them.
FORMS_NEED_MORE_THAN_A_SCHEMA = (schemathesis.checks.positive_data_acceptance,)


def test_editors_routes_conform_for_a_reader(app):
    # Anonymous: every POST is refused (401, or 400 without a token) and changes nothing.
    before = app.test_client().get("/experts/ren-xiao.json").get_json()
    run_schemathesis(app, EDITOR_PATHS, examples=8, excluded=FORMS_NEED_MORE_THAN_A_SCHEMA)
    assert app.test_client().get("/experts/ren-xiao.json").get_json() == before


def test_editors_routes_conform_for_a_signed_in_editor(editing_app, editor_client):
    # Signed in, each generated form carrying the session's token: generated slugs, fields and
    # values reach the corrections, which answer 303, 400 or 404, never 500.
    token = csrf_token_of(editor_client.get("/review"))
    cookies = {"session": editor_client.get_cookie("session").value}
    paths = {p for p in EDITOR_PATHS if p.startswith("/experts/")} | {"/review", "/review/log"}
    run_schemathesis(
        editing_app,
        paths,
        cookies=cookies,
        csrf_token=token,
        examples=8,
        excluded=FORMS_NEED_MORE_THAN_A_SCHEMA,
    )
