"""Editors' corrections over HTTP: hide, unhide, set-kind, confirm, merge, split, keep-apart.

Each route calls the store's correction (the same function as the CLI command), with `by` the
signed-in editor, then brings the search index up to date. Every one is a POST for editors only;
`auth.guard_posts` has checked the session and the CSRF token before the view runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, request, url_for

from directory import config, store
from directory.errors import DirectoryError, InputError
from directory.search import reindex_profiles

from .auth import MAX_FIELD, current_editor, editors_only, safe_next
from .db import data_dir, get_index_dir
from .payloads import check_slug

log = logging.getLogger(__name__)
bp = Blueprint("editing", __name__, url_prefix="/experts/<slug>")


def form_value(name: str, *, required: bool = True) -> str | None:
    """A form field, stripped; 400 when a required one is missing or any is too long."""
    value = " ".join(request.form.get(name, "").split())
    if len(value) > MAX_FIELD:
        abort(400, f"The field {name!r} is too long.")
    if not value:
        if required:
            abort(400, f"The field {name!r} is missing.")
        return None
    return value


def apply(action: Callable, slug: str, *args, after: str | None = None, **kwargs):
    """Run one store correction as the signed-in editor, re-index, and go back where the form
    said (`next`), else to `after`, else to the profile."""
    check_slug(slug)
    db = store.open_db(config.db_path(data_dir()))
    try:
        result = action(db, slug, *args, by=current_editor().name, **kwargs)
        try:
            reindex_profiles(db, get_index_dir(), [*result.touched, *result.removed])
        except (DirectoryError, OSError) as error:
            log.warning("index not updated after a correction: %s", error)
            flash("The correction is saved, but search has not caught up: run `directory index`.")
    except InputError as error:
        abort(400, str(error))
    finally:
        db.close()
    log.info("%s: %s", current_editor().name, result.message)
    flash(result.message + ".")
    default = after or url_for("site.expert", slug=slug)
    return redirect(safe_next(request.form.get("next"), default), code=303)


@bp.route("/hide", methods=["POST"])
@editors_only
def hide(slug: str):
    """Hide a profile from listings, search and its page."""
    return apply(store.hide_profile, slug, hidden=True, after=url_for("review.log"))


@bp.route("/unhide", methods=["POST"])
@editors_only
def unhide(slug: str):
    """Show a hidden profile again."""
    return apply(store.hide_profile, slug, hidden=False)


@bp.route("/set-kind", methods=["POST"])
@editors_only
def set_kind(slug: str):
    """Set the kind (`kind`: expert, official, spokesperson, other)."""
    return apply(store.set_kind, slug, form_value("kind"))


@bp.route("/confirm", methods=["POST"])
@editors_only
def confirm(slug: str):
    """Confirm a field (`field`), or set it to `value` and confirm it."""
    return apply(
        store.confirm_field, slug, form_value("field"), form_value("value", required=False)
    )


@bp.route("/merge", methods=["POST"])
@editors_only
def merge(slug: str):
    """Fold the profile `other` into this one."""
    return apply(store.merge_profiles, slug, check_slug(form_value("other")))


@bp.route("/split", methods=["POST"])
@editors_only
def split(slug: str):
    """Move this profile's appearance in `article` to a new profile."""
    return apply(store.split_profile, slug, form_value("article"))


@bp.route("/keep-apart", methods=["POST"])
@editors_only
def keep_apart(slug: str):
    """Record that this profile and `other` are two people."""
    return apply(store.keep_apart, slug, check_slug(form_value("other")))
