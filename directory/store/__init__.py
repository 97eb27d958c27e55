"""The store: SQLite through sqlite-utils, the source of truth for articles, profiles and quotes.

Extracted data (articles, appearances of a person in an article, quotes) and editors' corrections
live in separate tables. Each appearance keeps the profile the resolver chose (`resolved_id`) and
the profile it belongs to once corrections are applied (`profile_id`); the merged expert record is
computed from the appearances of a profile plus its corrections, and a few summary columns of
`profiles` (name, kind, counts, dates, `version`) are materialised for listing and sorting.

Words: a *person* is what one article says about someone (`models.Person`, an appearance); a
*profile* is one row of `profiles` gathering the appearances of one real person, of any kind; an
*expert* is a profile of kind `expert` (the routes say /experts/ for every profile).

The rest of the code imports the names below from `directory.store`; the modules behind them:
`db` (opening), `migrations`, `dedup` (near-duplicate articles), `writing` (saving extractions,
reprocess), `statements` (organizations' own words), `profiles` (profile rows and their summary
columns), `corrections` (editors' corrections, written and replayed), `reading` (every read),
`duplicates` (profiles that may be one person) and `records` (the pure rules that build a
record).
"""

from .corrections import (
    CorrectionResult,
    add_correction,
    confirm_field,
    hide_profile,
    merge_profiles,
    reapply_corrections,
    set_kind,
    split_profile,
)
from .db import open_db
from .dedup import jaccard, save_sketch, shingles, sketch, title_key
from .duplicates import list_possible_duplicates
from .profiles import (
    create_profile_for_appearance,
    move_appearances,
    refresh_profiles,
    unique_slug,
)
from .reading import (
    article_leads,
    count_profiles,
    get_article,
    get_organization,
    get_profile,
    get_profile_by_id,
    get_profile_id,
    iter_profile_records,
    list_articles,
    list_duplicate_articles,
    list_organizations,
    list_profile_summaries,
    list_profile_versions,
    list_profiles,
    profile_version,
    stats,
)
from .records import Action, fact_key
from .writing import (
    ReprocessResult,
    SaveResult,
    is_article_stored,
    iter_stored_articles,
    reprocess,
    save_extraction,
)

__all__ = [
    "Action",
    "CorrectionResult",
    "ReprocessResult",
    "SaveResult",
    "add_correction",
    "article_leads",
    "confirm_field",
    "count_profiles",
    "create_profile_for_appearance",
    "fact_key",
    "get_article",
    "get_profile",
    "get_profile_by_id",
    "get_organization",
    "get_profile_id",
    "hide_profile",
    "is_article_stored",
    "iter_profile_records",
    "iter_stored_articles",
    "jaccard",
    "list_articles",
    "list_duplicate_articles",
    "list_profile_summaries",
    "list_profile_versions",
    "list_profiles",
    "list_organizations",
    "list_possible_duplicates",
    "merge_profiles",
    "move_appearances",
    "open_db",
    "profile_version",
    "reapply_corrections",
    "refresh_profiles",
    "reprocess",
    "save_extraction",
    "save_sketch",
    "set_kind",
    "shingles",
    "sketch",
    "split_profile",
    "stats",
    "title_key",
    "unique_slug",
]
