"""Editors' corrections: merge, split, set-kind, hide, confirm.

Each correction is a row in its own table, never an edit of extracted data, so it survives
`directory reprocess` (`store.reapply_corrections` replays them in order). Applying one now has the
same effect as replaying it last, which is what these functions do inside one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import sqlite_utils

from directory import store
from directory.errors import InputError, NotFound
from directory.models import PERSON_KINDS

log = logging.getLogger(__name__)

CONFIRMABLE = store.SCALAR_FIELDS + store.FACT_LISTS


@dataclass
class CorrectionResult:
    """What a correction changed: profiles to re-index, profiles to drop from the index."""

    message: str
    touched: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def merge_profiles(db: sqlite_utils.Database, keep_slug: str, other_slug: str) -> CorrectionResult:
    """Fold `other_slug` into `keep_slug`; the old slug keeps resolving to the survivor."""
    keep = store.get_profile_id(db, keep_slug)
    other = store.get_profile_id(db, other_slug)
    if keep == other:
        raise InputError(f"{keep_slug} and {other_slug} are already one profile")
    with db.atomic():
        store.add_correction(db, "merge", keep, other_id=other)
        store.move_appearances(db, other, keep)
        store.refresh_profiles(db, [keep, other])
    survivor = store.get_expert_by_id(db, keep, include_hidden=True)
    return CorrectionResult(
        f"Merged {other_slug} into {survivor['slug']}", touched=[keep], removed=[other]
    )


def split_profile(db: sqlite_utils.Database, slug: str, article_id: str) -> CorrectionResult:
    """Move a profile's appearance in one article to a new profile of its own."""
    source = store.get_profile_id(db, slug)
    record = store.get_expert_by_id(db, source, include_hidden=True)
    article_ids = [a["id"] for a in record["articles"]]
    if article_id not in article_ids:
        raise NotFound(f"{slug} is not quoted in article {article_id}")
    if len(article_ids) == 1:
        raise InputError(f"{slug} is quoted in one article only; there is nothing to split")
    with db.atomic():
        new = store.create_profile_for_appearance(db, source, article_id)
        store.add_correction(db, "split", source, other_id=new, article_id=article_id)
        store.move_appearances(db, source, new, article_id)
        store.refresh_profiles(db, [source, new])
    new_slug = store.get_expert_by_id(db, new, include_hidden=True)["slug"]
    return CorrectionResult(
        f"Split article {article_id} of {slug} into {new_slug}", touched=[source, new]
    )


def set_kind(db: sqlite_utils.Database, slug: str, kind: str) -> CorrectionResult:
    """Set a profile's kind (expert, official, spokesperson, other), whatever articles say."""
    if kind not in PERSON_KINDS:
        raise InputError(f"unknown kind {kind!r}; use one of {', '.join(PERSON_KINDS)}")
    profile = store.get_profile_id(db, slug)
    with db.atomic():
        store.add_correction(db, "set-kind", profile, field_name="kind", value=kind)
        store.refresh_profiles(db, [profile])
    return CorrectionResult(f"Set the kind of {slug} to {kind}", touched=[profile])


def hide_profile(db: sqlite_utils.Database, slug: str, *, hidden: bool = True) -> CorrectionResult:
    """Hide a profile from listings, search and its page (or show it again)."""
    profile = store.get_profile_id(db, slug)
    with db.atomic():
        store.add_correction(db, "hide", profile, value="1" if hidden else "0")
        store.refresh_profiles(db, [profile])
    if hidden:
        return CorrectionResult(f"Hid {slug}", removed=[profile])
    return CorrectionResult(f"Showed {slug} again", touched=[profile])


def confirm_field(
    db: sqlite_utils.Database, slug: str, field_name: str, value: str | None = None
) -> CorrectionResult:
    """Mark a fact as confirmed by an editor; with `value`, set it (a change) and confirm it.

    Scalar fields (name, title, affiliation, kind) confirm the current value unless `value`
    replaces it; list fields (positions, publications, research_areas, editorial_roles) need
    `value` naming the item (an organization, title, topic or journal).
    """
    field_name = field_name.replace("-", "_")
    if field_name not in CONFIRMABLE:
        raise InputError(f"unknown field {field_name!r}; use one of {', '.join(CONFIRMABLE)}")
    profile = store.get_profile_id(db, slug)
    record = store.get_expert_by_id(db, profile, include_hidden=True)
    if field_name in store.SCALAR_FIELDS:
        value = value if value is not None else record[field_name]
        if value is None:
            raise InputError(f"{slug} has no {field_name} to confirm; give a value")
        if field_name == "kind" and value not in PERSON_KINDS:
            raise InputError(f"unknown kind {value!r}; use one of {', '.join(PERSON_KINDS)}")
    else:
        if not value:
            raise InputError(f"name the {field_name} item to confirm with a value")
        label = store.FACT_LABEL[field_name]
        wanted = store.fact_key(field_name, value)
        if not any(store.fact_key(field_name, f.get(label)) == wanted for f in record[field_name]):
            raise NotFound(f"{slug} has no {field_name} item {value!r}")
    with db.atomic():
        store.add_correction(db, "confirm", profile, field_name=field_name, value=value)
        store.refresh_profiles(db, [profile])
    return CorrectionResult(f"Confirmed the {field_name} of {slug}: {value!r}", touched=[profile])
