"""Corrections over HTTP: each route calls the store's correction as the signed-in editor,
records who and when, brings search up to date, and refuses bad input with a 4xx."""

from __future__ import annotations

import pytest
from conftest import csrf_token_of

from directory import config, search, store


def post(client, path: str, **form):
    """POST a form with the session's CSRF token, as the page's forms do."""
    token = csrf_token_of(client.get("/review/log"))
    return client.post(path, data={**form, "csrf_token": token})


def record(client, slug: str) -> dict:
    db = store.open_db(config.db_path(client.application.config["DATA_DIR"]), read_only=True)
    try:
        return store.get_profile(db, slug, include_hidden=True)
    finally:
        db.close()


def article_ids(client, slug: str) -> list[str]:
    """The ids of the articles quoting a profile, oldest first."""
    return [a["id"] for a in record(client, slug)["articles"]]


def search_slugs(client, query: str) -> list[str]:
    index = config.index_path(client.application.config["DATA_DIR"])
    return [hit.slug for hit in search.search_profiles(index, query, kinds=None).hits]


def test_hide_and_unhide(editor_client):
    response = post(editor_client, "/experts/ren-xiao/hide")
    assert (response.status_code, response.headers["Location"]) == (303, "/review/log")
    assert editor_client.get("/experts/ren-xiao").status_code == 404
    assert "ren-xiao" not in search_slugs(editor_client, "Ren Xiao")
    log = editor_client.get("/review/log").get_data(as_text=True)
    assert 'action="/experts/ren-xiao/unhide"' in log
    response = post(editor_client, "/experts/ren-xiao/unhide")
    assert (response.status_code, response.headers["Location"]) == (303, "/experts/ren-xiao")
    assert editor_client.get("/experts/ren-xiao").status_code == 200
    assert "ren-xiao" in search_slugs(editor_client, "Ren Xiao")
    assert [
        (c["action"], c["value"], c["by"]) for c in record(editor_client, "ren-xiao")["corrections"]
    ] == [("hide", "1", "alice"), ("hide", "0", "alice")]


def test_every_correction_shows_by_and_at_in_the_json_record(editor_client):
    post(editor_client, "/experts/ren-xiao/confirm", field="title")
    [correction] = editor_client.get("/experts/ren-xiao.json").get_json()["corrections"]
    assert correction["by"] == "alice"
    assert correction["at"].endswith("+00:00") and correction["at"][:2] == "20"
    assert (correction["action"], correction["field"]) == ("confirm", "title")


def test_set_kind(editor_client):
    response = post(editor_client, "/experts/nadia-ferrer-2/set-kind", kind="expert")
    assert response.headers["Location"] == "/experts/nadia-ferrer-2"
    assert record(editor_client, "nadia-ferrer-2")["kind"] == "expert"
    page = editor_client.get("/experts/nadia-ferrer-2").get_data(as_text=True)
    assert "Set the kind of nadia-ferrer-2 to expert." in page


@pytest.mark.parametrize(
    ("form", "field", "expected"),
    [
        ({"field": "title"}, "confirmed", ["title"]),
        ({"field": "affiliation", "value": "Fudan University"}, "affiliation", "Fudan University"),
    ],
)
def test_confirm_a_field_or_set_it(editor_client, form, field, expected):
    assert post(editor_client, "/experts/ren-xiao/confirm", **form).status_code == 303
    assert record(editor_client, "ren-xiao")[field] == expected


def test_confirm_a_position_and_the_quotes_of_an_article(editor_client):
    before = record(editor_client, "nadia-ferrer")
    organization = before["positions"][0]["organization"]
    post(editor_client, "/experts/nadia-ferrer/confirm", field="positions", value=organization)
    [floods] = article_ids(editor_client, "nadia-ferrer")
    post(editor_client, "/experts/nadia-ferrer/confirm", field="quotes", value=floods)
    after = record(editor_client, "nadia-ferrer")
    assert after["positions"][0]["confirmed"] is True
    assert {q["confirmed"] for q in after["quotes"]} == {True}
    page = editor_client.get("/experts/nadia-ferrer").get_data(as_text=True)
    assert "Speaker confirmed" in page


def test_merge_from_the_profile_page(editor_client):
    response = post(editor_client, "/experts/nadia-ferrer/merge", other="nadia-ferrer-2")
    assert response.headers["Location"] == "/experts/nadia-ferrer"
    merged = record(editor_client, "nadia-ferrer")
    assert [a["title"] for a in merged["articles"]] == [
        "River towns brace for a wetter winter",
        "Water company told to fix leaking reservoirs",
    ]
    assert editor_client.get("/experts/nadia-ferrer-2").status_code == 301
    assert search_slugs(editor_client, "Nadia Ferrer") == ["nadia-ferrer"]


def test_split_and_keep_apart(editor_client):
    [reservoirs] = article_ids(editor_client, "nadia-ferrer-2")
    post(editor_client, "/experts/nadia-ferrer/merge", other="nadia-ferrer-2")
    response = post(editor_client, "/experts/nadia-ferrer/split", article=reservoirs)
    assert response.status_code == 303
    assert article_ids(editor_client, "nadia-ferrer-3") == [reservoirs]
    response = post(editor_client, "/experts/nadia-ferrer/keep-apart", other="nadia-ferrer-3")
    assert response.status_code == 303
    assert [c["action"] for c in record(editor_client, "nadia-ferrer-3")["corrections"]] == [
        "split",
        "keep-apart",
    ]


def test_a_next_page_on_this_site_is_where_the_form_returns(editor_client):
    response = post(editor_client, "/experts/ren-xiao/confirm", field="name", next="/review")
    assert response.headers["Location"] == "/review"
    response = post(
        editor_client, "/experts/ren-xiao/confirm", field="name", next="https://evil.example/"
    )
    assert response.headers["Location"] == "/experts/ren-xiao"


@pytest.mark.parametrize(
    ("path", "form", "status"),
    [
        ("/experts/ren-xiao/set-kind", {"kind": "wizard"}, 400),
        ("/experts/ren-xiao/set-kind", {}, 400),
        ("/experts/ren-xiao/confirm", {"field": "shoe_size"}, 400),
        ("/experts/ren-xiao/confirm", {"field": "positions"}, 400),
        ("/experts/ren-xiao/confirm", {"field": "positions", "value": "Hogwarts"}, 404),
        ("/experts/ren-xiao/confirm", {"field": "quotes", "value": "edit-floods"}, 404),
        ("/experts/ren-xiao/confirm", {"field": "title", "value": "x" * 2000}, 400),
        ("/experts/ren-xiao/merge", {"other": "ren-xiao"}, 400),
        ("/experts/ren-xiao/merge", {"other": "nobody-at-all"}, 404),
        ("/experts/ren-xiao/merge", {}, 400),
        ("/experts/ren-xiao/split", {"article": "edit-floods"}, 404),
        ("/experts/ren-xiao/keep-apart", {"other": "ren-xiao"}, 400),
        ("/experts/nobody-at-all/hide", {}, 404),
        ("/experts/" + "x" * 300 + "/hide", {}, 404),
        ("/experts/ren-xiao/nonsense", {}, 404),
    ],
)
def test_bad_corrections_answer_4xx_and_change_nothing(editor_client, path, form, status):
    before = record(editor_client, "ren-xiao")
    response = post(editor_client, path, **form)
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)
    assert record(editor_client, "ren-xiao") == before


def test_an_unwritable_store_answers_503_not_500(editor_client, monkeypatch):
    from directory.errors import StoreError

    def refuse(*_args, **_kwargs):
        raise StoreError("the store is read-only")

    token = csrf_token_of(editor_client.get("/review/log"))
    monkeypatch.setattr(store, "open_db", refuse)
    response = editor_client.post("/experts/ren-xiao/hide", data={"csrf_token": token})
    assert response.status_code == 503


def test_the_cli_and_the_web_write_the_same_correction(editor_client):
    from click.testing import CliRunner

    from directory.cli import cli

    data = editor_client.application.config["DATA_DIR"]
    result = CliRunner().invoke(cli, ["--data", data, "set-kind", "ren-xiao", "official"])
    assert result.exit_code == 0
    post(editor_client, "/experts/ren-xiao/set-kind", kind="expert")
    corrections = record(editor_client, "ren-xiao")["corrections"]
    assert [(c["action"], c["value"], c["by"]) for c in corrections] == [
        ("set-kind", "official", "cli"),
        ("set-kind", "expert", "alice"),
    ]
