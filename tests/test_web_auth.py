"""Editors' sign-in: the form, sessions and their cookie, CSRF, failed sign-ins rate-limited,
the secret key kept in the data folder, and readers left alone."""

from __future__ import annotations

import stat

import pytest
from conftest import EDITOR, EDITOR_PASSWORD, csrf_token_of, sign_in

from directory import config, store
from directory.web import create_app
from directory.web.auth import LOGIN_FAILED, LOGIN_LIMITED, load_secret_key, safe_next


def hidden(client, slug: str) -> bool:
    db = store.open_db(config.db_path(client.application.config["DATA_DIR"]), read_only=True)
    try:
        return store.get_profile(db, slug, include_hidden=True)["hidden"]
    finally:
        db.close()


def test_the_login_form_has_the_fields_and_a_token(editing_app):
    page = editing_app.test_client().get("/login")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    for name in ('name="username"', 'name="password"', 'type="password"', 'name="csrf_token"'):
        assert name in text
    assert csrf_token_of(page)


def test_signing_in_sets_a_private_session_cookie_and_goes_to_the_queue(editing_app):
    client = editing_app.test_client()
    response = sign_in(client)
    assert (response.status_code, response.headers["Location"]) == (303, "/review")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert client.get("/review").status_code == 200


def test_the_cookie_is_secure_over_https(editing_dir, tmp_path):
    """Behind HTTPS means the site's public address is https: the request's own scheme is
    replaced by it, like its Host."""
    from directory.web import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(editing_dir),
            "RATELIMIT_STORAGE_URI": f"sqlite:///{tmp_path / 'counters.db'}",
            "PUBLIC_URL": "https://localhost",
        }
    )
    client = app.test_client()
    token = csrf_token_of(client.get("/login", base_url="https://localhost"))
    response = client.post(
        "/login",
        base_url="https://localhost",
        headers={"Referer": "https://localhost/login"},
        data={"username": EDITOR, "password": EDITOR_PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 303
    assert "Secure" in response.headers["Set-Cookie"]


def test_signing_in_goes_on_to_a_local_next_page_only(editing_app):
    client = editing_app.test_client()
    token = csrf_token_of(client.get("/login?next=/review/log"))
    form = {"username": EDITOR, "password": EDITOR_PASSWORD, "csrf_token": token}
    assert client.post("/login", data={**form, "next": "/review/log"}).headers["Location"] == (
        "/review/log"
    )
    other = editing_app.test_client()
    token = csrf_token_of(other.get("/login"))
    form["csrf_token"] = token
    assert other.post("/login", data={**form, "next": "https://evil.example/"}).headers[
        "Location"
    ] == ("/review")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/experts/ren-xiao", "/experts/ren-xiao"),
        ("/review?type=kind&page=2", "/review?type=kind&page=2"),
        ("https://evil.example/", "/d"),
        ("//evil.example/x", "/d"),
        ("/\\evil.example", "/d"),
        ("javascript:alert(1)", "/d"),
        ("review", "/d"),
        ("/a\nb", "/d"),
        ("", "/d"),
        (None, "/d"),
    ],
)
def test_safe_next(target, expected):
    assert safe_next(target, "/d") == expected


def test_sign_out_ends_the_session(editor_client):
    token = csrf_token_of(editor_client.get("/review"))
    response = editor_client.post("/logout", data={"csrf_token": token})
    assert (response.status_code, response.headers["Location"]) == (303, "/")
    assert editor_client.get("/review").status_code == 302


def test_sign_out_without_a_token_is_refused(editor_client):
    assert editor_client.post("/logout").status_code == 400
    assert editor_client.get("/review").status_code == 200


@pytest.mark.parametrize(
    ("username", "password"),
    [(EDITOR, "not the password"), ("mallory", EDITOR_PASSWORD), ("", ""), ("x" * 5000, "p")],
)
def test_a_wrong_user_and_a_wrong_password_get_the_same_answer(editing_app, username, password):
    client = editing_app.test_client()
    response = sign_in(client, username, password)
    assert response.status_code == 401
    assert LOGIN_FAILED in response.get_data(as_text=True)
    assert client.get("/review").status_code == 302


def test_the_sixth_failure_in_a_minute_answers_429_even_with_the_right_password(editing_app):
    client = editing_app.test_client()
    answers = [sign_in(client, EDITOR, f"guess {n}").status_code for n in range(5)]
    assert answers == [401] * 5
    blocked = sign_in(client, EDITOR, EDITOR_PASSWORD)
    assert blocked.status_code == 429
    assert LOGIN_LIMITED in blocked.get_data(as_text=True)
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    assert client.get("/review").status_code == 302


def test_failures_count_per_client_across_usernames(editing_app):
    client = editing_app.test_client()
    answers = [sign_in(client, f"user{n}", "wrong password").status_code for n in range(6)]
    assert answers == [401] * 5 + [429]


def test_failures_count_per_username_across_clients(editing_app):
    answers = []
    for n in range(6):
        client = editing_app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{n + 1}"
        answers.append(sign_in(client, EDITOR, "wrong password").status_code)
    assert answers == [401] * 5 + [429]
    elsewhere = editing_app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "10.0.1.1"
    assert sign_in(elsewhere, "bob", "wrong password").status_code == 401


def test_two_apps_on_one_counter_file_share_the_failures(editing_dir, tmp_path):
    # Two gunicorn workers are two apps over one data folder and one counter file.
    counters = {"RATELIMIT_STORAGE_URI": f"sqlite:///{tmp_path / 'shared.db'}"}
    apps = [create_app({"DATA_DIR": str(editing_dir), **counters}) for _ in range(2)]
    answers = [sign_in(apps[n % 2].test_client(), EDITOR, "wrong").status_code for n in range(6)]
    assert answers == [401] * 5 + [429]


def test_login_without_a_token_is_400_and_signs_nobody_in(editing_app):
    client = editing_app.test_client()
    client.get("/login")
    response = client.post("/login", data={"username": EDITOR, "password": EDITOR_PASSWORD})
    assert response.status_code == 400
    assert client.get("/review").status_code == 302


def test_a_token_from_another_session_is_refused(editing_app):
    other = csrf_token_of(editing_app.test_client().get("/login"))
    client = editing_app.test_client()
    client.get("/login")
    response = client.post(
        "/login", data={"username": EDITOR, "password": EDITOR_PASSWORD, "csrf_token": other}
    )
    assert response.status_code == 400


def test_anonymous_editors_pages_redirect_to_login(editing_app):
    client = editing_app.test_client()
    for path in ("/review", "/review/log", "/review?type=kind"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=/review")


@pytest.mark.parametrize(
    ("route", "form"),
    [
        ("hide", {}),
        ("unhide", {}),
        ("set-kind", {"kind": "official"}),
        ("confirm", {"field": "title"}),
        ("merge", {"other": "nadia-ferrer-2"}),
        ("split", {"article": "edit-floods"}),
        ("keep-apart", {"other": "nadia-ferrer-2"}),
    ],
)
def test_an_anonymous_post_answers_401_and_changes_nothing(editing_app, route, form):
    client = editing_app.test_client()
    token = csrf_token_of(client.get("/login"))  # even with a valid token of its own session
    before = client.get("/experts/nadia-ferrer.json").get_json()
    for data in (form, {**form, "csrf_token": token}):
        assert client.post(f"/experts/nadia-ferrer/{route}", data=data).status_code == 401
    assert client.get("/experts/nadia-ferrer.json").get_json() == before


def test_a_post_without_a_token_answers_400_and_hides_nothing(editor_client):
    assert editor_client.post("/experts/ren-xiao/hide").status_code == 400
    assert editor_client.post("/experts/ren-xiao/hide", data={"csrf_token": "x"}).status_code == (
        400
    )
    assert not hidden(editor_client, "ren-xiao")
    token = csrf_token_of(editor_client.get("/experts/ren-xiao"))
    assert editor_client.post("/experts/ren-xiao/hide", data={"csrf_token": token}).status_code == (
        303
    )
    assert hidden(editor_client, "ren-xiao")


def test_no_get_changes_anything(editor_client):
    for route in ("hide", "unhide", "set-kind", "confirm", "merge", "split", "keep-apart"):
        assert editor_client.get(f"/experts/ren-xiao/{route}").status_code == 405
    assert editor_client.get("/logout").status_code == 405
    assert not hidden(editor_client, "ren-xiao")
    assert editor_client.get("/review").status_code == 200


def test_a_reader_sees_no_controls_and_gets_no_cookie(editing_app, editor_client):
    reader = editing_app.test_client()
    for path in ("/", "/experts/ren-xiao", "/search?q=hydrologist", "/experts/nadia-ferrer"):
        response = reader.get(path)
        text = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        assert "csrf_token" not in text and "edit-form" not in text and "Sign out" not in text
        assert "private" not in response.headers.get("Cache-Control", "")


def test_an_editor_sees_controls_on_a_page_kept_private(editing_app, editor_client):
    reader = editing_app.test_client()
    before = reader.get("/experts/ren-xiao").get_data()
    page = editor_client.get("/experts/ren-xiao")
    text = page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "private, no-store"
    for action in ("hide", "set-kind", "confirm", "merge"):
        assert f'action="/experts/ren-xiao/{action}"' in text
    assert "Signed in as <strong>alice</strong>" in text
    # The editor's page was not remembered for readers, nor the reader's served to the editor.
    assert reader.get("/experts/ren-xiao").get_data() == before
    assert editor_client.get("/search?q=hydrologist").headers["Cache-Control"] == (
        "private, no-store"
    )
    assert "Sign out" in editor_client.get("/search?q=hydrologist").get_data(as_text=True)


def test_removing_the_user_or_changing_the_password_ends_their_sessions(editor_client):
    db = store.open_db(config.db_path(editor_client.application.config["DATA_DIR"]))
    store.remove_user(db, EDITOR)
    store.add_user(db, EDITOR, "a brand new password")
    db.close()
    assert editor_client.get("/review").status_code == 302


def test_the_secret_key_is_made_once_and_kept_private(tmp_path):
    key = load_secret_key(tmp_path)
    path = tmp_path / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_secret_key(tmp_path) == key and len(key) >= 32
    path.chmod(0o644)
    assert load_secret_key(tmp_path) == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_every_app_over_one_data_folder_shares_the_key(editing_dir):
    first, second = (create_app({"DATA_DIR": str(editing_dir)}) for _ in range(2))
    assert first.secret_key == second.secret_key
    assert (editing_dir / "secret_key").read_text().strip() == first.secret_key
    assert create_app({"DATA_DIR": str(editing_dir), "SECRET_KEY": "s" * 40}).secret_key == (
        "s" * 40
    )


def test_a_data_folder_that_cannot_hold_the_key_keeps_it_in_a_private_temp_folder(tmp_path):
    # (A read-only mount is the real case; root may write anywhere else, so a path under a file.)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    key = load_secret_key(blocker / "data")
    assert key == load_secret_key(blocker / "data") and len(key) >= 32


def test_the_secret_key_setting_comes_from_the_environment(monkeypatch, editing_dir):
    monkeypatch.setenv("DIRECTORY_SECRET_KEY", "e" * 48)
    assert create_app({"DATA_DIR": str(editing_dir)}).secret_key == "e" * 48


def test_the_token_of_the_login_page_still_works_after_signing_in(editing_app):
    client = editing_app.test_client()
    token = csrf_token_of(client.get("/login"))
    client.post(
        "/login", data={"username": EDITOR, "password": EDITOR_PASSWORD, "csrf_token": token}
    )
    assert client.post("/experts/ren-xiao/hide").status_code == 400
    assert not hidden(client, "ren-xiao")
    assert client.post("/experts/ren-xiao/hide", data={"csrf_token": token}).status_code == 303
    assert hidden(client, "ren-xiao")


def test_the_sign_in_page_is_never_stored_by_a_shared_cache(editing_app):
    assert editing_app.test_client().get("/login").headers["Cache-Control"] == "private, no-store"
