"""The editors' pages: the review queue (`/review`) and the latest corrections (`/review/log`)."""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, render_template, request, url_for

from directory import store

from .auth import editors_only
from .db import get_db
from .present import page_numbers, parse_int

bp = Blueprint("review", __name__, url_prefix="/review")

# Headings of the item types, in the order of store.REVIEW_ITEM_TYPES.
TYPE_LABELS = dict(
    zip(
        store.REVIEW_ITEM_TYPES,
        (
            "Possibly one person",
            "Unsure who said it",
            "Unsure fact",
            "May not be a person",
            "Kind disputed",
            "No title or affiliation",
        ),
        strict=True,
    )
)
QUEUE_PAGE = 25


@bp.route("")
@editors_only
def queue():
    """What extraction is unsure of, most quotes affected first, each with its decisions."""
    items = store.review_queue(get_db())
    counts = Counter(item["type"] for item in items)
    kind = request.args.get("type")
    kind = kind if kind in TYPE_LABELS else None
    shown = [item for item in items if kind is None or item["type"] == kind]
    pages = max(1, -(-len(shown) // QUEUE_PAGE))
    page = parse_int(request.args.get("page"), 1, 1, pages)
    return render_template(
        "review/queue.html",
        items=shown[(page - 1) * QUEUE_PAGE : page * QUEUE_PAGE],
        total=len(shown),
        counts=counts,
        all_count=len(items),
        kind=kind,
        type_labels=TYPE_LABELS,
        low_confidence=store.LOW_CONFIDENCE,
        page=page,
        pages=pages,
        page_numbers=page_numbers(page, pages),
        page_url=lambda n: url_for("review.queue", type=kind, page=n),
        back=request.full_path.rstrip("?"),
    )


@bp.route("/log")
@editors_only
def log():
    """The latest corrections: what, on whom, by whom, when."""
    return render_template("review/log.html", corrections=store.list_recent_corrections(get_db()))
