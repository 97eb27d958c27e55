"""The `directory` command line: parses options, calls the library, prints one summary line."""

from __future__ import annotations

import functools
import json
import logging
import os
import signal
import sys
from pathlib import Path

import click

from . import config
from .errors import DirectoryError, InputError
from .models import EDITOR_ROLES, PERSON_KINDS

# The library raises DirectoryError subclasses; the CLI turns them into `Error: ...` and exit 1.


def _remember_data(ctx: click.Context, _param, value):
    """Store a --data value on the context; a command's own --data wins over the group's."""
    if value is not None:
        ctx.ensure_object(dict)["data"] = value
    return value


def data_option(command):
    """Add the common `--data DIR` option (env DIRECTORY_DATA) to a command."""
    return click.option(
        "--data",
        "data",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        callback=_remember_data,
        expose_value=False,
        is_eager=True,
        help="Data folder holding directory.db and index/ (env DIRECTORY_DATA, default ./data).",
    )(command)


def get_data_dir() -> Path:
    """The data folder chosen by --data on the command or the group, else env or default."""
    ctx = click.get_current_context()
    root = ctx.find_root()
    chosen = (ctx.obj or {}).get("data") or (root.obj or {}).get("data")
    return config.data_dir(chosen)


# Arguments that name files: bytes that are not UTF-8 are legal in a file name (Python keeps them
# as surrogate escapes, and open() gives them back), so only the other arguments are checked.
PATH_ARGUMENTS = frozenset({"paths", "file", "gold"})
# The status a shell reports for a writer stopped by its reader going away (128 + SIGPIPE).
SIGPIPE_STATUS = 128 + signal.SIGPIPE


def check_text_arguments(kwargs: dict) -> None:
    """Refuse text arguments holding bytes that are not UTF-8 (such as a lone \\x85), which
    could be neither stored nor printed, with a usage error naming the argument."""
    for name, value in kwargs.items():
        if name in PATH_ARGUMENTS:
            continue
        for item in value if isinstance(value, tuple) else (value,):
            if not isinstance(item, str):
                continue
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                shown = item.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
                raise click.UsageError(
                    f"{name.upper()} is not valid UTF-8 text: '{shown}'"
                ) from None


def reports_errors(command):
    """Turn library errors into `Error: ...` with exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        check_text_arguments(kwargs)
        try:
            return command(*args, **kwargs)
        except DirectoryError as error:
            raise click.ClickException(str(error)) from error
        except BrokenPipeError:
            # `directory export --all | head`: the reader has all it wanted. Say nothing, as
            # other tools in a pipe do, and keep Python from failing again on the final flush.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(SIGPIPE_STATUS)
        except OSError as error:
            reason = f"{error.strerror or error}: {error.filename or ''}".strip(": ")
            raise click.ClickException(reason) from error

    return wrapper


def open_store(*, read_only: bool = False):
    """Open the store of the chosen data folder (created on first write); in a folder that
    `directory publish` writes, its live snapshot, read-only."""
    from . import store

    data_dir = get_data_dir() if read_only else writable_data_dir()
    snapshot = config.published_snapshot(data_dir)
    if snapshot is not None:
        return store.open_db(config.db_path(snapshot), immutable=True)
    if read_only and not config.db_path(data_dir).exists():
        raise click.ClickException(f"no directory at {data_dir}: run `directory ingest PATH` first")
    if not read_only:
        data_dir.mkdir(parents=True, exist_ok=True)
    return store.open_db(config.db_path(data_dir), read_only=read_only)


def writable_data_dir() -> Path:
    """The chosen data folder, refused when it is one `directory publish` writes."""
    data_dir = get_data_dir()
    if config.published_snapshot(data_dir) is not None:
        raise click.ClickException(
            f"{data_dir} holds published snapshots, which never change: "
            "write to the data folder they were published from"
        )
    return data_dir


def live_data_dir() -> Path:
    """The chosen data folder, or its live snapshot when `directory publish` writes it."""
    data_dir = get_data_dir()
    return config.published_snapshot(data_dir) or data_dir


def _setting_help(name: str) -> str:
    """An option's help from its setting: what it is, its environment variable and default."""
    item = next(s for s in config.SETTINGS if s.name == name)
    return f"{item.help} [env {item.env_var}; default: {item.default}]"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@data_option
@click.version_option(package_name="expert-directory")
@click.option("-v", "--verbose", is_flag=True, help="Log what the library does, on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool):
    """An expert profile and citation directory built from news articles."""
    ctx.ensure_object(dict)
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@cli.command()
@data_option
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes (with --scheduler local: Dask workers).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Extract on a Dask cluster: tcp://HOST:PORT of a running scheduler, or 'local'.",
)
@reports_errors
def ingest(paths, jobs, scheduler):
    """Ingest files or folders of articles (or - for stdin): extract, resolve, store, index."""
    from .ingest import cluster_extractor, ingest_paths

    extractor = cluster_extractor(scheduler, jobs) if scheduler else None
    summary = ingest_paths(writable_data_dir(), list(paths), jobs=jobs, extractor=extractor)
    click.echo(summary.format())
    sys.exit(1 if summary.failed else 0)


@cli.command()
@data_option
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@reports_errors
def extract(file, fmt):
    """Print what extraction finds in one article, as JSON, without storing anything."""
    from .extract import extract_article
    from .ingest import read_article

    article = read_article(file)
    result = extract_article(article)
    if result.language != "en":
        raise InputError(f"{file}: not English ({result.language}); nothing extracted")
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))


@cli.command()
@data_option
@click.option("--rebuild", is_flag=True, help="Rebuild the index from the database.")
@reports_errors
def index(rebuild):
    """Bring the search index up to date with the database."""
    from .search import rebuild_from_store, sync_index

    db = open_store()
    index_dir = config.index_path(get_data_dir())
    if rebuild:
        count = rebuild_from_store(db, index_dir)
        click.echo(f"Rebuilt the index: {count} profiles.")
    else:
        added, removed = sync_index(db, index_dir)
        click.echo(f"Index up to date: {added} profiles indexed, {removed} removed.")


@cli.command()
@data_option
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--all-kinds", is_flag=True, help="Include officials, spokespeople and others.")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON.")
@reports_errors
def search(query, limit, all_kinds, as_json):
    """Search the directory as the web site does."""
    from .search import search_payload

    payload = search_payload(
        open_store(read_only=True),
        config.index_path(live_data_dir()),
        query,
        limit=limit,
        all_kinds=all_kinds,
    )
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for rank, hit in enumerate(payload["results"], 1):
        where = ", ".join(part for part in (hit["title"], hit["affiliation"]) if part)
        click.echo(f"{rank:>3}. {hit['name']} [{hit['kind']}] {hit['slug']}  {where}")
    click.echo(f"{payload['total']} result(s) for {query!r}.")
    if payload.get("suggestion"):
        click.echo(f"Did you mean: {payload['suggestion']}?")


@cli.command()
@data_option
@click.argument("slug", required=False)
@click.option("--all", "export_all", is_flag=True, help="Export every record.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonld", "vcard", "jsonl", "csv"]),
    default=None,
    help="json|jsonld|vcard for one record; jsonl|csv with --all.",
)
@click.option(
    "--base-url",
    default=None,
    help="The site's address in the exported URLs [default: PUBLIC_URL, else http://HOST:PORT].",
)
@reports_errors
def export(slug, export_all, fmt, base_url):
    """Write one record (SLUG) or every record (--all) to stdout."""
    from . import export as exporting
    from . import store

    if bool(slug) == bool(export_all):
        raise click.UsageError("give either SLUG or --all")
    base_url = base_url or config.public_url(config.load())
    db = open_store(read_only=True)
    out = sys.stdout
    if export_all:
        fmt = fmt or "jsonl"
        if fmt not in ("jsonl", "csv"):
            raise click.UsageError("--all writes jsonl or csv")
        exporting.write_all(store.iter_profile_records(db), fmt, out, base_url=base_url)
        return
    fmt = fmt or "json"
    if fmt not in ("json", "jsonld", "vcard"):
        raise click.UsageError("one record is written as json, jsonld or vcard")
    record = store.get_profile(db, slug)
    out.write(exporting.render_record(record, fmt, base_url))


@cli.command()
@data_option
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--misses", is_flag=True, help="Also list the misses, measure by measure.")
@reports_errors
def evaluate(gold, as_json, misses):
    """Score extraction against a gold file and print precision, recall and F1."""
    from .evaluate import evaluate_file, format_misses, format_report

    result = evaluate_file(gold)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(result))
        if misses:
            click.echo(format_misses(result))


@cli.command()
@data_option
@click.option("--host", default=None, help=_setting_help("HOST"))
@click.option("--port", type=int, default=None, help=_setting_help("PORT"))
@click.option("--production", is_flag=True, help="Serve with gunicorn.")
@click.option("--workers", type=click.IntRange(1, 64), default=None)
@click.option(
    "--front",
    type=click.Choice(["auto", "nginx", "none"]),
    default="auto",
    show_default=True,
    help="With --production: nginx in front of gunicorn (auto: when installed).",
)
@reports_errors
def serve(host, port, production, workers, front):
    """Serve the web site."""
    from .web.serving import serve_app

    host = host or config.setting("HOST")
    port = port or config.setting("PORT")
    serve_app(
        get_data_dir(), host=host, port=port, production=production, workers=workers, front=front
    )


@cli.command()
@data_option
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Snapshots kept in DEST, the new one included.",
)
@reports_errors
def publish(dest, keep):
    """Write a consistent read-only snapshot to DEST, for `directory serve --data DEST`."""
    from .publish import publish as publish_snapshot

    click.echo(publish_snapshot(live_data_dir(), dest, keep=keep).format())


def main():
    """Console-script entry point."""
    cli(prog_name="directory")


# ---------------------------------------------------------------------------------------------
# Editors' commands: duplicates, reprocess, merge, split, set-kind, hide, confirm. Corrections
# go through directory.store; the search index follows the profiles touched.
# ---------------------------------------------------------------------------------------------


def _follow_in_index(db, touched, removed) -> None:
    """Re-index corrected profiles; a failing index never undoes a saved correction."""
    from .search import reindex_profiles

    try:
        reindex_profiles(db, config.index_path(get_data_dir()), [*touched, *removed])
    except (DirectoryError, OSError) as error:
        click.echo(f"Warning: index not updated ({error}); run `directory index`.", err=True)


def _run_correction(action, *args, **kwargs) -> None:
    """Apply one correction, update the index, print its one-line summary."""
    db = open_store()
    result = action(db, *args, **kwargs)
    _follow_in_index(db, result.touched, result.removed)
    click.echo(result.message + ".")


@cli.command()
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print the lists as JSON.")
@reports_errors
def duplicates(as_json):
    """List pairs of profiles that may be one person (with the evidence either way), and
    articles stored as duplicates."""
    from . import store

    db = open_store(read_only=True)
    people = store.list_possible_duplicates(db)
    articles = store.list_duplicate_articles(db)
    if as_json:
        click.echo(json.dumps({"people": people, "articles": articles}, indent=2))
        return
    for pair in people:
        click.echo(
            f"Possibly one person ({pair['score']:.2f}, {pair['quotes']} quotes): "
            f"{_profile_line(pair['a'])}  |  {_profile_line(pair['b'])}"
        )
        for reason in pair["for"]:
            click.echo(f"  + {reason}")
        for reason in pair["against"]:
            click.echo(f"  - {reason}")
    for a in articles:
        if a["kind"] == "near":
            click.echo(
                f"Article {a['id']} repeats {a['duplicate_of']} ({a['similarity']}): {a['title']}"
            )
        else:
            click.echo(f"Article {a['id']} was read from {len(a['sources'])} files: {a['title']}")
    click.echo(
        f"{len(people)} pair(s) of profiles that may be one person, "
        f"{len(articles)} duplicate article(s)."
    )


def _profile_line(summary: dict) -> str:
    """'slug Name [kind] title, affiliation (N art.)' for one profile."""
    where = ", ".join(x for x in (summary["title"], summary["affiliation"]) if x)
    where = f" {where}" if where else ""
    return (
        f"{summary['slug']} {summary['name']} [{summary['kind']}]{where} "
        f"({summary['article_count']} art.)"
    )


@cli.command()
@data_option
@click.option("--force", is_flag=True, help="Re-extract every article, not only outdated ones.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True)
@reports_errors
def reprocess(force, jobs):
    """Re-run extraction over stored articles after the extractor changed; keeps corrections."""
    from . import store
    from .extract import EXTRACTOR_VERSION, extract_articles
    from .search import sync_index

    db = open_store()
    result = store.reprocess(
        db,
        lambda articles: extract_articles(articles, n_process=jobs),
        EXTRACTOR_VERSION,
        force=force,
    )
    try:
        indexed, removed = sync_index(db, config.index_path(get_data_dir()))
        index_note = f"index: {indexed} indexed, {removed} removed"
    except (DirectoryError, OSError) as error:
        index_note = f"index not updated ({error}); run `directory index`"
    click.echo(
        f"Reprocessed {result.seen} articles with extractor {EXTRACTOR_VERSION} "
        f"({result.updated} updated, {result.unchanged} unchanged); {index_note}."
    )


@cli.command()
@data_option
@click.argument("slug")
@click.argument("other")
@reports_errors
def merge(slug, other):
    """Merge profile OTHER into SLUG (OTHER's address keeps working)."""
    from .store import merge_profiles

    _run_correction(merge_profiles, slug, other)


@cli.command()
@data_option
@click.argument("slug")
@click.option("--article", "article_id", required=True, help="The article to move out.")
@reports_errors
def split(slug, article_id):
    """Move SLUG's quotes in one article to a new profile."""
    from .store import split_profile

    _run_correction(split_profile, slug, article_id)


@cli.command("keep-apart")
@data_option
@click.argument("slug")
@click.argument("other")
@reports_errors
def keep_apart_command(slug, other):
    """Record that SLUG and OTHER are two people: `duplicates` no longer lists them."""
    from .store import keep_apart

    _run_correction(keep_apart, slug, other)


@cli.command("set-kind")
@data_option
@click.argument("slug")
@click.argument("kind", type=click.Choice(PERSON_KINDS))
@reports_errors
def set_kind_command(slug, kind):
    """Set a profile's kind, whatever the articles say."""
    from .store import set_kind

    _run_correction(set_kind, slug, kind)


@cli.command()
@data_option
@click.argument("slug")
@click.option("--undo", is_flag=True, help="Show the profile again.")
@reports_errors
def hide(slug, undo):
    """Hide a profile from listings, search and its page."""
    from .store import hide_profile

    _run_correction(hide_profile, slug, hidden=not undo)


@cli.command()
@data_option
@click.argument("slug")
@click.argument("field")
@click.option("--value", default=None, help="Set this value (or name the item of a list field).")
@reports_errors
def confirm(slug, field, value):
    """Confirm FIELD (name, title, affiliation, kind, positions, ...) of a profile."""
    from .store import confirm_field

    _run_correction(confirm_field, slug, field, value)


# ---------------------------------------------------------------------------------------------
# Editors who sign in to the web site. Passwords come from stdin only, never from the command
# line, where other users of the machine could read them (ps, shell history).
# ---------------------------------------------------------------------------------------------


@cli.group()
@data_option
def users():
    """Add, list and remove the editors who sign in to the web site."""


@users.command("add")
@data_option
@click.argument("name")
@click.option(
    "--password-stdin",
    "password_stdin",
    is_flag=True,
    help="Read the password from stdin (its first line); required.",
)
@click.option("--role", type=click.Choice(EDITOR_ROLES), default="editor", show_default=True)
@reports_errors
def users_add(name, password_stdin, role):
    """Add an editor NAME; the password is read from stdin."""
    from .store import add_user

    if not password_stdin:
        raise click.UsageError("give --password-stdin and the password on stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    add_user(open_store(), name, password, role=role)
    click.echo(f"Added {role} {name}.")


@users.command("list")
@data_option
@reports_errors
def users_list():
    """List the editors: name, role and when they were added."""
    from .store import list_users

    found = list_users(open_store(read_only=True))
    for user in found:
        click.echo(f"{user['name']}  {user['role']}  added {user['created_at']}")
    click.echo(f"{len(found)} user(s).")


@users.command("remove")
@data_option
@click.argument("name")
@reports_errors
def users_remove(name):
    """Remove the editor NAME (their corrections keep their name)."""
    from .store import remove_user

    remove_user(open_store(), name)
    click.echo(f"Removed {name}.")
