"""Editors' corrections: merge, split, set-kind, hide, confirm, keep apart; written and replayed.

Each correction is a row in its own table, never an edit of extracted data, so it survives
`directory reprocess`: `reapply_corrections` replays them in order, and a newly saved appearance
goes straight to the profile the merges and splits send it to (`effective_profile`). Applying one
now has the same effect as replaying it last, which is what the editor's actions do inside one
transaction. How each action shows in a record (a kind set, a fact confirmed, a profile hidden)
is `records.py`'s part, which also names the actions. Each correction records who made it (`by`:
an editor's username, or `cli`) and when.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import sqlite_utils

from directory.errors import InputError, NotFound
from directory.models import FACT_FIELDS, PERSON_KINDS

from .profiles import create_profile_for_appearance, move_appearances, refresh_profiles
from .reading import get_profile_by_id, get_profile_id
from .records import CLI_EDITOR, FACT_RULES, QUOTES, SCALAR_FIELDS, Action, fact_key
from .sql import now

log = logging.getLogger(__name__)

CONFIRMABLE = SCALAR_FIELDS + FACT_FIELDS + (QUOTES,)


@dataclass
class CorrectionResult:
    """What a correction changed: profiles to re-index, profiles to drop from the index."""

    message: str
    touched: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def merge_profiles(
    db: sqlite_utils.Database, keep_slug: str, other_slug: str, *, by: str = CLI_EDITOR
) -> CorrectionResult:
    """Fold `other_slug` into `keep_slug`; the old slug keeps resolving to the survivor."""
    keep = get_profile_id(db, keep_slug)
    other = get_profile_id(db, other_slug)
    if keep == other:
        raise InputError(f"{keep_slug} and {other_slug} are already one profile")
    with db.atomic():
        add_correction(db, Action.MERGE, keep, other_id=other, by=by)
        move_appearances(db, other, keep)
        refresh_profiles(db, [keep, other])
    survivor = get_profile_by_id(db, keep, include_hidden=True)
    return CorrectionResult(
        f"Merged {other_slug} into {survivor['slug']}", touched=[keep], removed=[other]
    )


def split_profile(
    db: sqlite_utils.Database, slug: str, article_id: str, *, by: str = CLI_EDITOR
) -> CorrectionResult:
    """Move a profile's appearance in one article to a new profile of its own."""
    source = get_profile_id(db, slug)
    record = get_profile_by_id(db, source, include_hidden=True)
    article_ids = [a["id"] for a in record["articles"]]
    if article_id not in article_ids:
        raise NotFound(f"{slug} is not quoted in article {article_id}")
    if len(article_ids) == 1:
        raise InputError(f"{slug} is quoted in one article only; there is nothing to split")
    with db.atomic():
        new = create_profile_for_appearance(db, source, article_id)
        add_correction(db, Action.SPLIT, source, other_id=new, article_id=article_id, by=by)
        move_appearances(db, source, new, article_id)
        refresh_profiles(db, [source, new])
    new_slug = get_profile_by_id(db, new, include_hidden=True)["slug"]
    return CorrectionResult(
        f"Split article {article_id} of {slug} into {new_slug}", touched=[source, new]
    )


def set_kind(
    db: sqlite_utils.Database, slug: str, kind: str, *, by: str = CLI_EDITOR
) -> CorrectionResult:
    """Set a profile's kind (expert, official, spokesperson, other), whatever articles say."""
    if kind not in PERSON_KINDS:
        raise InputError(f"unknown kind {kind!r}; use one of {', '.join(PERSON_KINDS)}")
    profile = get_profile_id(db, slug)
    with db.atomic():
        add_correction(db, Action.SET_KIND, profile, field_name="kind", value=kind, by=by)
        refresh_profiles(db, [profile])
    return CorrectionResult(f"Set the kind of {slug} to {kind}", touched=[profile])


def hide_profile(
    db: sqlite_utils.Database, slug: str, *, hidden: bool = True, by: str = CLI_EDITOR
) -> CorrectionResult:
    """Hide a profile from listings, search and its page (or show it again)."""
    profile = get_profile_id(db, slug)
    with db.atomic():
        add_correction(db, Action.HIDE, profile, value="1" if hidden else "0", by=by)
        refresh_profiles(db, [profile])
    if hidden:
        return CorrectionResult(f"Hid {slug}", removed=[profile])
    return CorrectionResult(f"Showed {slug} again", touched=[profile])


def confirm_field(
    db: sqlite_utils.Database,
    slug: str,
    field_name: str,
    value: str | None = None,
    *,
    by: str = CLI_EDITOR,
) -> CorrectionResult:
    """Mark a fact as confirmed by an editor; with `value`, set it (a change) and confirm it.

    Scalar fields (name, title, affiliation, kind) confirm the current value unless `value`
    replaces it; list fields (positions, publications, research_areas, editorial_roles) need
    `value` naming the item (an organization, title, topic or journal); `quotes` needs the id
    of an article, and confirms that the profile's quotes in it are theirs.
    """
    field_name = field_name.replace("-", "_")
    if field_name not in CONFIRMABLE:
        raise InputError(f"unknown field {field_name!r}; use one of {', '.join(CONFIRMABLE)}")
    profile = get_profile_id(db, slug)
    record = get_profile_by_id(db, profile, include_hidden=True)
    if field_name in SCALAR_FIELDS:
        value = value if value is not None else record[field_name]
        if value is None:
            raise InputError(f"{slug} has no {field_name} to confirm; give a value")
        if field_name == "kind" and value not in PERSON_KINDS:
            raise InputError(f"unknown kind {value!r}; use one of {', '.join(PERSON_KINDS)}")
    elif field_name == QUOTES:
        if value not in {a["id"] for a in record["articles"]}:
            raise NotFound(f"{slug} is not quoted in article {value!r}")
    else:
        if not value:
            raise InputError(f"name the {field_name} item to confirm with a value")
        label = FACT_RULES[field_name].label
        wanted = fact_key(field_name, value)
        if not any(fact_key(field_name, f.get(label)) == wanted for f in record[field_name]):
            raise NotFound(f"{slug} has no {field_name} item {value!r}")
    with db.atomic():
        add_correction(db, Action.CONFIRM, profile, field_name=field_name, value=value, by=by)
        refresh_profiles(db, [profile])
    return CorrectionResult(f"Confirmed the {field_name} of {slug}: {value!r}", touched=[profile])


def keep_apart(
    db: sqlite_utils.Database, slug: str, other_slug: str, *, by: str = CLI_EDITOR
) -> CorrectionResult:
    """Record that two profiles are different people: no longer listed as possible duplicates."""
    first = get_profile_id(db, slug)
    second = get_profile_id(db, other_slug)
    if first == second:
        raise InputError(f"{slug} and {other_slug} are one profile")
    with db.atomic():
        add_correction(
            db, Action.KEEP_APART, first, other_id=second, value=Action.KEEP_APART.value, by=by
        )
        refresh_profiles(db, [first, second])
    return CorrectionResult(f"Kept {slug} and {other_slug} apart", touched=[first, second])


# -- replay ------------------------------------------------------------------------------------


def add_correction(
    db: sqlite_utils.Database,
    action: Action,
    person_id: int,
    *,
    other_id: int | None = None,
    article_id: str | None = None,
    field_name: str | None = None,
    value: str | None = None,
    by: str = CLI_EDITOR,
) -> int:
    """Record one editor's correction (`by` the editor's username, or `cli`); returns its id."""
    cursor = db.execute(
        """INSERT INTO corrections (action, person_id, other_id, article_id, field, value,
               created_at, "by") VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        [action.value, person_id, other_id, article_id, field_name, value, now(), by],
    )
    return cursor.lastrowid


def path_corrections(db: sqlite_utils.Database) -> list[dict]:
    """The merges and splits, in the order editors made them."""
    return list(
        db.query(
            "SELECT action, person_id, other_id, article_id FROM corrections"
            " WHERE action IN (?, ?) ORDER BY id",
            [Action.MERGE.value, Action.SPLIT.value],
        )
    )


def effective_profile(path: list[dict], resolved_id: int, article_id: str) -> int:
    """The profile an appearance belongs to after replaying merges and splits in order."""
    profile = resolved_id
    for c in path:
        if c["action"] == Action.MERGE and profile == c["other_id"]:
            profile = c["person_id"]
        elif (
            c["action"] == Action.SPLIT
            and profile == c["person_id"]
            and article_id == c["article_id"]
        ):
            profile = c["other_id"]
    return profile


def reapply_corrections(db: sqlite_utils.Database) -> list[int]:
    """Recompute every appearance's profile from the resolver's choice plus all corrections.

    Run after a reprocess; returns the ids of every profile (all are refreshed).
    """
    with db.atomic():
        db.execute("UPDATE appearances SET profile_id = resolved_id")
        for c in path_corrections(db):
            if c["action"] == Action.MERGE:
                db.execute(
                    "UPDATE appearances SET profile_id = ? WHERE profile_id = ?",
                    [c["person_id"], c["other_id"]],
                )
            else:
                db.execute(
                    "UPDATE appearances SET profile_id = ? WHERE profile_id = ? AND article_id = ?",
                    [c["other_id"], c["person_id"], c["article_id"]],
                )
        ids = [row["id"] for row in db.query("SELECT id FROM profiles ORDER BY id")]
        refresh_profiles(db, ids)
    return ids
