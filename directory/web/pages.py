"""HTML pages: home, search (+ CSV), expert profiles and exports, articles, organizations."""

from __future__ import annotations

import csv
import io
import json
import logging
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from directory import export, store
from directory.errors import DirectoryError
from directory.models import PERSON_KINDS
from directory.search import Answers, profile_topics, similar_profiles

from .auth import current_editor
from .db import get_db, get_index_dir
from .filters import KIND_LABELS
from .payloads import (
    FACETS,
    SORTS,
    MovedProfile,
    check_slug,
    load_article,
    load_profile,
    read_search_args,
    run_search,
)
from .present import (
    date_range,
    group_positions,
    group_quotes,
    mark_article,
    organization_label,
    organization_slug,
    page_numbers,
    parse_int,
    quote_timeline,
    with_attributions,
)

log = logging.getLogger(__name__)
bp = Blueprint("site", __name__)

# In the order of PERSON_KINDS.
KIND_PLURALS = dict(
    zip(PERSON_KINDS, ("Experts", "Officials", "Spokespeople", "Others"), strict=True)
)
CSV_MAX_ROWS = 1000
SIMILAR_LIMIT = 5
ALONGSIDE_LIMIT = 5
# Articles shown in a profile's quote ledger before "show all" (a head of state has hundreds).
LEDGER_ARTICLES = 20
# Rendered profile and search pages a worker keeps (a large profile's page is about 100 KB),
# within a budget of bytes.
PAGES_KEPT = 300
PAGE_BYTES = 4 * 2**20
_pages = Answers(PAGES_KEPT, PAGE_BYTES)
# Search downloads a worker keeps (one of a thousand rows is about 300 KB).
CSVS_KEPT = 16
CSV_BYTES = 8 * 2**20
_csvs = Answers(CSVS_KEPT, CSV_BYTES)


@bp.app_context_processor
def template_helpers() -> dict[str, Any]:
    """Helpers every template may call."""
    return {
        "date_range": date_range,
        "organization_label": organization_label,
        "organization_slug": organization_slug,
        "kind_labels": KIND_LABELS,
        "kind_plurals": KIND_PLURALS,
    }


def search_url(args: dict[str, Any], **changes: Any) -> str:
    """The /search URL for the current arguments with some changed (None removes one)."""
    params: dict[str, Any] = {"q": args["query"], **args["filters"]}
    if args["sort"] != "relevance":
        params["sort"] = args["sort"]
    if args["all_kinds"] and "kind" not in args["filters"]:
        params["all"] = 1
    params.update(changes)
    return url_for("site.search", **{k: v for k, v in params.items() if v not in (None, "")})


@bp.route("/")
def index():
    """The home page: a search box and a browsable directory by kind."""
    db = get_db()
    kind = request.args.get("kind", "expert")
    kind = kind if kind in KIND_LABELS else "expert"
    size = current_app.config["PAGE_SIZE"]
    total = store.count_profiles(db, kind=kind)
    pages = max(1, -(-total // size))
    page = parse_int(request.args.get("page"), 1, 1, pages)
    experts = store.list_profiles(
        db, kind=kind, limit=size, offset=(page - 1) * size, order="quotes"
    )
    return render_template(
        "index.html",
        experts=experts,
        kind=kind,
        total=total,
        page=page,
        pages=pages,
        page_numbers=page_numbers(page, pages),
        page_url=lambda n: url_for("site.index", kind=kind, page=n, _anchor="browse"),
        stats=store.stats(db),
        organizations=store.list_organizations(db, limit=24),
    )


@bp.route("/search")
def search():
    """Search results with highlighted snippets, facets and pagination; an empty search goes
    to the home page's search box."""
    if not request.args.get("q", "").strip():
        return redirect(url_for("site.index"))
    args = read_search_args(current_app.config["PAGE_SIZE"])
    payload = run_search(args)
    return remembered_page(payload, lambda: render_search(args, payload))


def remembered_page(shown: Any, render) -> str:
    """The page `render()` makes, made once for each request path, query string, site address
    and `shown` (everything else the page displays, as JSON-able data): a change to any of them
    is a new page, so nothing remembered is ever stale. A signed-in editor's page (controls, a
    CSRF token) is made for them alone and never kept."""
    if current_editor() is not None:
        return render()
    key = (
        request.path,
        request.query_string,
        request.url_root,
        json.dumps(shown, sort_keys=True, default=str),
    )
    return _pages.get_or_make(None, key, render)


def render_search(args: dict[str, Any], payload: dict[str, Any]) -> str:
    """The search results page for a payload."""
    pages = max(1, -(-payload["total"] // args["limit"]))
    return render_template(
        "search.html",
        args=args,
        payload=payload,
        facets=FACETS,
        sorts=SORTS,
        pages=pages,
        page_numbers=page_numbers(args["page"], pages),
        search_url=lambda **changes: search_url(args, **changes),
        page_url=lambda n: search_url(args, page=n),
    )


@bp.route("/search.csv")
def search_csv():
    """The results of a search (up to CSV_MAX_ROWS) as a CSV download.

    Building up to a thousand full records is most of its cost, so the text is remembered under
    the ids in rank order and each record's version: a repeated download (the searches behind it
    are remembered too) costs two small queries, and any change to a record makes a new key.
    """
    args = read_search_args(current_app.config["MAX_PAGE_SIZE"])
    args["limit"] = current_app.config["MAX_PAGE_SIZE"]
    matches: dict[int, str] = {}
    for page in range(1, CSV_MAX_ROWS // args["limit"] + 1):
        payload = run_search({**args, "page": page})
        matches.update((row["id"], row["match"]) for row in payload["results"])
        if page * args["limit"] >= payload["total"]:
            break
    ids = list(matches)
    versions = store.list_profile_versions(get_db(), ids)
    base = request.url_root.rstrip("/")
    key = (base, tuple((i, versions.get(i), matches[i]) for i in ids))
    return Response(
        _csvs.get_or_make(None, key, lambda: csv_text(matches, base)),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="experts.csv"'},
    )


def csv_text(matches: dict[int, str], base: str) -> str:
    """The CSV of these profiles in this order, each with its match: one batch read of the
    full records."""
    ids = list(matches)
    by_id = {record["id"]: record for record in store.iter_profile_records(get_db(), ids=ids)}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*export.csv_header(), "match"])
    for i in ids:
        if i in by_id:
            writer.writerow([*export.to_csv_row(by_id[i], base), matches[i]])
    return buffer.getvalue()


@bp.app_errorhandler(MovedProfile)
def moved_profile(moved: MovedProfile):
    """Send a merged-away slug to the same view of the surviving profile."""
    endpoint = request.endpoint or "site.expert"
    return redirect(url_for(endpoint, slug=moved.slug), code=301)


def title_evidence(record: dict[str, Any]) -> list[dict]:
    """The evidence sentences of the record's current title."""
    return [
        evidence
        for entry in record.get("titles") or []
        if entry.get("title") == record.get("title")
        for evidence in entry.get("evidence") or []
    ]


def quoted_alongside(profile_id: int) -> list[dict[str, Any]]:
    """The people most often quoted in the same articles, as summaries with `shared`."""
    return store.list_quoted_alongside(get_db(), profile_id, limit=ALONGSIDE_LIMIT)


def topics_of(profile_id: int) -> list[dict[str, Any]]:
    """What the person is quoted on ({"topic", "articles"}); an index problem hides it."""
    try:
        return profile_topics(get_index_dir(), profile_id)
    except (DirectoryError, OSError) as error:
        log.warning("topics unavailable for %s: %s", profile_id, error)
        return []


def similar_to(profile_id: int, slug: str | None = None) -> list[dict[str, Any]]:
    """Up to SIMILAR_LIMIT similar experts as summaries; an index problem hides the section."""
    try:
        hits = similar_profiles(get_index_dir(), profile_id, limit=SIMILAR_LIMIT)
    except (DirectoryError, OSError) as error:
        log.warning("similar experts unavailable for %s: %s", slug or profile_id, error)
        return []
    ids = [hit.id for hit in hits if hit.id != profile_id]
    summaries = {s["id"]: s for s in store.list_profile_summaries(get_db(), ids)}
    return [summaries[i] for i in ids if i in summaries]


@bp.route("/experts/<slug>")
def expert(slug: str):
    """An expert's profile: facts with their evidence, the quote ledger, timeline, exports.

    The page is remembered under the versions of everything it shows (the record, the similar
    experts' summaries, the query string and the site's address), so a popular profile is
    rendered once per change rather than once per visit.
    """
    found = store.profile_version(get_db(), check_slug(slug))
    if found is None:  # unknown, hidden or merged away: load_profile answers 404 or redirects
        record = load_profile(slug)
        return render_expert(record, related(record["id"], slug))
    profile_id, version = found
    shown = related(profile_id, slug)
    return remembered_page([version, shown], lambda: render_expert(load_profile(slug), shown))


def related(profile_id: int, slug: str) -> dict[str, list[dict]]:
    """What a profile page shows from beyond the record: similar experts, the people quoted
    alongside, the topics the person is quoted on."""
    return {
        "similar": similar_to(profile_id, slug),
        "alongside": quoted_alongside(profile_id),
        "topics": topics_of(profile_id),
    }


def article_texts(groups: list[dict]) -> dict[Any, str]:
    """The texts of the ledger's articles whose quotes carry speaker offsets, by article id."""
    wanted = {
        group["article"].get("id")
        for group in groups
        if any(isinstance(q.get("source_start"), int) for q in group["quotes"])
    }
    texts = {}
    for article_id in sorted(i for i in wanted if i is not None):
        try:
            texts[article_id] = store.get_article(get_db(), article_id).get("text") or ""
        except DirectoryError:
            continue
    return texts


def render_expert(record: dict[str, Any], shown: dict[str, list[dict]]) -> str:
    """The profile page of a record."""
    base = request.url_root.rstrip("/")
    quotes = record.get("quotes") or []
    every_group = group_quotes(quotes)
    show_all = request.args.get("ledger") == "all"
    groups = every_group if show_all else every_group[:LEDGER_ARTICLES]
    groups = with_attributions(groups, article_texts(groups))
    return render_template(
        "experts/detail.html",
        record=record,
        sections=group_positions(record.get("positions") or []),
        title_evidence=title_evidence(record),
        other_titles=[
            t["title"] for t in record.get("titles") or [] if t["title"] != record["title"]
        ],
        quotes=quotes,
        groups=groups,
        hidden_groups=len(every_group) - len(groups),
        timeline=quote_timeline(quotes),
        similar=shown["similar"],
        alongside=shown["alongside"],
        topics=shown["topics"],
        jsonld=export.to_jsonld(record, base),
    )


@bp.route("/experts/<slug>.json")
def expert_json(slug: str):
    """The full merged record as JSON."""
    return Response(export.to_json_text(load_profile(slug)), mimetype="application/json")


@bp.route("/experts/<slug>.jsonld")
def expert_jsonld(slug: str):
    """The record as schema.org JSON-LD."""
    text = export.to_jsonld_text(load_profile(slug), request.url_root.rstrip("/"))
    return Response(text, mimetype="application/ld+json")


@bp.route("/experts/<slug>.vcf")
def expert_vcard(slug: str):
    """The record as a vCard 4.0 download."""
    record = load_profile(slug)
    return Response(
        export.to_vcard(record, request.url_root.rstrip("/")),
        mimetype="text/vcard",
        headers={"Content-Disposition": f'attachment; filename="{record["slug"]}.vcf"'},
    )


def article_marks(article: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    """The quotes (with speaker) and evidence sentences to mark in an article's text."""
    quotes, sentences = [], []
    for person in article.get("people") or []:
        for quote in person.get("quotes") or []:
            quotes.append({**quote, "speaker": person.get("name"), "slug": person.get("slug")})
        sentences += person.get("evidence") or []
    return quotes, sentences


@bp.route("/articles/<article_id>")
def article(article_id: str):
    """An article's text with every quote marked and linked to its speaker."""
    record = load_article(article_id)
    quotes, sentences = article_marks(record)
    return render_template(
        "articles/detail.html",
        article=record,
        paragraphs=mark_article(record.get("text") or "", quotes, sentences, record.get("title")),
        quote_count=len(quotes),
    )


@bp.route("/articles/<article_id>.json")
def article_json(article_id: str):
    """One article with the people quoted in it, as JSON."""
    return Response(export.to_json_text(load_article(article_id)), mimetype="application/json")


@bp.route("/organizations/<slug>")
def organization(slug: str):
    """An organization: the experts who hold or held a position there, and its own statements."""
    record = store.get_organization(get_db(), check_slug(slug))
    return render_template("organizations/detail.html", organization=record)


@bp.route("/healthz")
def healthz():
    """Liveness check."""
    return Response("ok", mimetype="text/plain")
