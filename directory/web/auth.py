"""Editors' sign-in: sessions, the secret key, CSRF on every POST, failed sign-ins rate-limited.

Readers need no account and never get a session: only /login and the editors' pages write the
session cookie (HttpOnly, SameSite=Lax, Secure when the request came over HTTPS). Flask-Login keeps
who is signed in; Flask-WTF's CSRF token guards every state-changing request, checked after the
sign-in check so an anonymous POST answers 401 whatever it carries. Failed sign-ins count in the
same SQLite counter file as the API rate limit (`limits.py`), so every gunicorn worker sees them.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import math
import os
import secrets
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from limits import parse as parse_limit
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from directory import config, store
from directory.errors import DirectoryError
from directory.models import EDITOR_ROLES

from .db import get_db

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)

SECRET_FILE = config.SECRET_KEY_FILE
# A signed-in editor stays signed in this long after their last request.
SESSION_LIFETIME = timedelta(hours=12)
LOGIN_FAILED = "That username and password do not match an editor."
LOGIN_LIMITED = "Too many failed sign-ins. Wait a minute, then try again."
MAX_FIELD = 1024
_csrf = CSRFProtect()


class Editor(UserMixin):
    """A signed-in user. The session holds the name and a tag of the password hash, so removing
    the user or giving them a new password signs out every session they had."""

    def __init__(self, name: str, role: str, password_hash: str):
        self.name = name
        self.role = role
        # Keyed with the app's secret, so the cookie tells nothing about the hash it came from.
        key = str(current_app.secret_key).encode()
        self._tag = hmac.new(key, password_hash.encode(), hashlib.sha256).hexdigest()[:16]

    def get_id(self) -> str:
        """What the session remembers: `name:tag`."""
        return f"{self.name}:{self._tag}"


def init_auth(app: Flask) -> None:
    """Install the secret key, the session cookie rules, Flask-Login, CSRF and the routes."""
    conf = app.config
    app.secret_key = conf.get("SECRET_KEY") or load_secret_key(Path(conf["DATA_DIR"]))
    app.session_interface = SessionInterface()
    # Flask's defaults hold these keys already (HttpOnly on, SameSite unset): set them here.
    conf["SESSION_COOKIE_HTTPONLY"] = True
    conf["SESSION_COOKIE_SAMESITE"] = conf.get("SESSION_COOKIE_SAMESITE") or "Lax"
    conf["PERMANENT_SESSION_LIFETIME"] = SESSION_LIFETIME
    conf.setdefault("WTF_CSRF_TIME_LIMIT", int(SESSION_LIFETIME.total_seconds()))
    # The token is checked in `guard_posts`, after the sign-in check, not by CSRFProtect's hook.
    conf["WTF_CSRF_CHECK_DEFAULT"] = False
    _csrf.init_app(app)

    manager = LoginManager()
    manager.init_app(app)
    manager.user_loader(load_editor)
    manager.unauthorized_handler(unauthorized)
    manager.session_protection = None  # the name:tag id already ties a session to its password

    # init_limits chose the counter file (one per data folder, shared by every worker).
    storage = storage_from_string(conf["RATELIMIT_STORAGE_URI"])
    app.extensions["directory_login_limiter"] = FixedWindowRateLimiter(storage)
    app.before_request(guard_posts)
    app.after_request(keep_private)
    app.context_processor(lambda: {"editor": current_editor()})
    app.register_blueprint(bp)


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure when configured so, or when this request is HTTPS (behind ProxyFix too)."""
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


# -- the secret key ------------------------------------------------------------------------------


def load_secret_key(data_dir: Path) -> str:
    """The key kept in the data folder, made on first use; every worker reads the same file.

    A data folder that cannot be written (a published snapshot) keeps it in a private folder
    of the system's temp folder instead, one per data folder.
    """
    for folder in (data_dir, _private_temp_folder(data_dir)):
        try:
            return _read_or_create_key(folder / SECRET_FILE)
        except OSError as error:
            log.info("no secret key in %s (%s)", folder, error)
    raise DirectoryError(f"cannot keep a secret key in {data_dir} nor in the temp folder")


def _private_temp_folder(data_dir: Path) -> Path:
    tag = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    user = getattr(os, "getuid", lambda: "user")()
    folder = Path(tempfile.gettempdir()) / f"directory-secret-{user}-{tag}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
        raise PermissionError(f"{folder} belongs to another user")
    return folder


def _read_or_create_key(path: Path) -> str:
    """Read the key at `path`, or write a new one (mode 0600) if none exists. Two workers
    starting at once both write a candidate and link it into place; the first link wins and
    both read the winner."""
    if not path.exists():
        candidate = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.link(candidate, path)
        except FileExistsError:
            pass
        finally:
            candidate.unlink(missing_ok=True)
    if path.stat().st_mode & 0o077:
        log.warning("%s is readable by others; making it private (0600)", path)
        path.chmod(0o600)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise PermissionError(f"{path} holds no usable key")
    return key


# -- who is signed in ----------------------------------------------------------------------------


def load_editor(user_id: str) -> Editor | None:
    """The editor a session names, if they still exist with the same password (Flask-Login)."""
    name, _, tag = (user_id or "").partition(":")
    try:
        user = store.get_user(get_db(), name)
    except DirectoryError as error:
        log.warning("cannot check a session: %s", error)
        return None
    if user is None or user["role"] not in EDITOR_ROLES:
        return None
    editor = Editor(user["name"], user["role"], user["password_hash"])
    return editor if secrets.compare_digest(editor.get_id(), f"{name}:{tag}") else None


def current_editor() -> Editor | None:
    """The signed-in editor, or None for a reader."""
    return current_user if current_user.is_authenticated else None


def unauthorized():
    """A reader asking for an editors' page: GETs go to the sign-in page, anything else is 401."""
    if request.method in ("GET", "HEAD"):
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    abort(401, "Sign in as an editor first.")


def editors_only(view):
    """Let signed-in editors through; others are sent to sign in (GET) or answered 401."""
    view.editors_only = True

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if current_editor() is None:
            return unauthorized()
        return view(*args, **kwargs)

    return wrapper


def guard_posts():
    """Before any view: a state-changing request to an editors' route needs a session, then
    every one needs the session's CSRF token (400 without it; nothing runs)."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not request.endpoint:
        return None
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "editors_only", False) and current_editor() is None:
        return unauthorized()
    _csrf.protect()
    return None


def keep_private(response):
    """Pages made for a signed-in editor, and the sign-in pages (which set a session cookie),
    are never stored by a shared cache."""
    if request.blueprint == "auth" or (
        request.endpoint != "static" and current_editor() is not None
    ):
        response.headers["Cache-Control"] = "private, no-store"
    return response


def safe_next(target: str | None, default: str) -> str:
    """`target` when it is a path on this site, else `default` (no open redirect)."""
    if not target or len(target) > MAX_FIELD or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if any(ord(ch) < 32 for ch in target):
        return default
    return target


# -- the routes ----------------------------------------------------------------------------------


def _attempt_keys(username: str) -> list[tuple[str, str]]:
    """The counters a failed sign-in adds to: one per username, one per client address."""
    return [
        ("login-user", username.lower()[:MAX_FIELD]),
        ("login-client", request.remote_addr or ""),
    ]


def _login_page(status: int, message: str | None = None, username: str = ""):
    next_url = safe_next(request.values.get("next"), "")
    page = render_template("login.html", message=message, username=username, next_url=next_url)
    return page, status


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form (GET); sign in and go on to `next` or the review queue (POST)."""
    if request.method == "GET":
        return _login_page(200)
    username = request.form.get("username", "").strip()[:MAX_FIELD]
    password = request.form.get("password", "")
    limiter = current_app.extensions["directory_login_limiter"]
    item = parse_limit(current_app.config["LOGIN_ATTEMPTS"])
    keys = _attempt_keys(username)
    blocked = [key for key in keys if not limiter.test(item, *key)]
    if blocked:
        reset = max(limiter.get_window_stats(item, *key).reset_time for key in blocked)
        page, status = _login_page(429, LOGIN_LIMITED, username)
        return page, status, {"Retry-After": str(max(1, math.ceil(reset - time.time())))}
    user = store.check_password(get_db(), username, password)
    if user is None or user["role"] not in EDITOR_ROLES:
        for key in keys:
            limiter.hit(item, *key)
        log.info("failed sign-in for %r from %s", username[:64], request.remote_addr)
        return _login_page(401, LOGIN_FAILED, username)
    # A new session, keeping only the CSRF token, so the page that sent this form (and any
    # other open before signing in) can still post with the token it holds.
    token = session.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    session.clear()
    if token:
        session[current_app.config["WTF_CSRF_FIELD_NAME"]] = token
    login_user(Editor(user["name"], user["role"], user["password_hash"]))
    session.permanent = True
    log.info("%s signed in from %s", user["name"], request.remote_addr)
    return redirect(safe_next(request.form.get("next"), url_for("review.queue")), code=303)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out and forget the session."""
    logout_user()
    session.clear()
    return redirect(url_for("site.index"), code=303)
