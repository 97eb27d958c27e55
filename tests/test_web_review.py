"""The review queue and the corrections log as pages: editors only, items with their buttons,
a decision from the queue takes its item off and comes back to the queue."""

from __future__ import annotations

import re

import pytest
from conftest import EDITOR, EDITOR_PASSWORD, csrf_token_of, sign_in
from reviewkit import extractions


def item_keys(client, path: str = "/review") -> list[str]:
    return re.findall(r'data-key="([^"]+)"', client.get(path).get_data(as_text=True))


def test_the_queue_lists_the_duplicate_pair_first_with_its_buttons(editor_client):
    page = editor_client.get("/review")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    keys = item_keys(editor_client)
    duplicate = next(k for k in keys if k.startswith("duplicate:"))
    assert keys[0] == duplicate, keys
    assert "Possibly one person" in text and "same name" in text
    assert 'action="/experts/nadia-ferrer/merge"' in text
    assert 'action="/experts/nadia-ferrer/keep-apart"' in text
    assert 'name="other" value="nadia-ferrer-2"' in text


def test_the_queue_filters_by_type_and_pages(editor_client):
    all_keys = item_keys(editor_client)
    only = item_keys(editor_client, "/review?type=duplicate")
    assert only == [k for k in all_keys if k.startswith("duplicate:")]
    assert item_keys(editor_client, "/review?type=nonsense") == all_keys
    assert editor_client.get("/review?page=999").status_code == 200
    assert editor_client.get("/review?page=abc").status_code == 400


def test_keep_apart_from_the_queue_takes_the_pair_off_and_returns_to_the_queue(editor_client):
    token = csrf_token_of(editor_client.get("/review"))
    response = editor_client.post(
        "/experts/nadia-ferrer/keep-apart",
        data={"other": "nadia-ferrer-2", "next": "/review?type=duplicate", "csrf_token": token},
    )
    assert (response.status_code, response.headers["Location"]) == (303, "/review?type=duplicate")
    back = editor_client.get("/review?type=duplicate").get_data(as_text=True)
    assert "Kept nadia-ferrer and nadia-ferrer-2 apart." in back
    assert item_keys(editor_client, "/review?type=duplicate") == []


ITEM = re.compile(r'<li class="card review-item[^"]*" data-key="([^"]+)">(.*?)\n    </li>', re.S)
FORM = re.compile(r'<form class="edit-form[^"]*" method="post" action="([^"]+)">(.*?)</form>', re.S)
HIDDEN = re.compile(r'type="hidden" name="([^"]+)" value="([^"]*)"')


@pytest.fixture
def review_client(tmp_path):
    """An editor signed in to a directory holding every kind of review item (reviewkit)."""
    from directory import config, search, store
    from directory.web import create_app

    db = store.open_db(config.db_path(tmp_path))
    for extraction in extractions():
        store.save_extraction(db, extraction)
    search.rebuild_from_store(db, config.index_path(tmp_path))
    store.add_user(db, EDITOR, EDITOR_PASSWORD)
    db.close()
    app = create_app(
        {"DATA_DIR": str(tmp_path), "RATELIMIT_STORAGE_URI": f"sqlite:///{tmp_path / 'c.db'}"}
    )
    client = app.test_client()
    assert sign_in(client).status_code == 303
    return client


def test_every_kind_of_item_is_shown_with_its_decisions(review_client):
    page = review_client.get("/review").get_data(as_text=True)
    types = [key.split(":")[0] for key, _body in ITEM.findall(page)]
    assert types == ["kind", "duplicate", "attribution", "fact", "name", "missing"]
    for heading in ("Kind disputed", "No title or affiliation", "Unsure who said it"):
        assert heading in page
    assert "Councils must clear their drains," in page and "confidence 0.77" in page
    assert "Calder Foundation" in page and "a word of an organization" in page


def test_the_first_decision_of_each_item_takes_it_off(review_client):
    while True:
        page = review_client.get("/review").get_data(as_text=True)
        items = ITEM.findall(page)
        if not items:
            break
        key, body = items[0]
        action, form = FORM.search(body).groups()
        fields = dict(HIDDEN.findall(form))
        if 'name="value"' in form and "value" not in fields:
            fields["value"] = "Set by an editor"
        response = review_client.post(action, data=fields)
        assert (response.status_code, response.headers["Location"]) == (303, "/review"), key
        after = dict(ITEM.findall(review_client.get("/review").get_data(as_text=True)))
        # Gone; or, for an expert missing both title and affiliation, missing one thing less.
        assert key not in after or ("missing" in key and after[key] != body), key
    assert "Nothing to review." in page


def test_the_log_shows_who_did_what_and_when(editor_client):
    token = csrf_token_of(editor_client.get("/review"))
    editor_client.post("/experts/ren-xiao/confirm", data={"field": "title", "csrf_token": token})
    text = editor_client.get("/review/log").get_data(as_text=True)
    row = re.search(
        r"<tr>\s*<td><time[^>]*>([^<]+)</time></td>\s*<td>([^<]+)</td>\s*<td>confirm", text
    )
    assert row and row.group(2) == "alice" and row.group(1).startswith("20")
    assert '<a href="/experts/ren-xiao">Ren Xiao</a>' in text


def test_an_empty_log_and_an_empty_queue_say_so(editor_client):
    assert "No corrections yet." in editor_client.get("/review/log").get_data(as_text=True)
    assert "Nothing to review of this type." in editor_client.get("/review?type=name").get_data(
        as_text=True
    )
