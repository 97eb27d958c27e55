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
`alongside` (who is quoted with whom), `duplicates` (profiles that may be one person), `records`
(the pure rules that build a record), `review` (the review queue and the corrections log) and
`users` (editors who sign in to the web site).
"""

from .alongside import list_quoted_alongside
from .corrections import (
    CorrectionResult,
    add_correction,
    confirm_field,
    hide_profile,
    keep_apart,
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
from .records import CLI_EDITOR, Action, fact_key
from .review import LOW_CONFIDENCE, REVIEW_ITEM_TYPES, list_recent_corrections, review_queue
from .users import add_user, check_password, get_user, list_users, remove_user
from .writing import (
    ReprocessResult,
    SaveResult,
    is_article_stored,
    iter_stored_articles,
    reprocess,
    save_extraction,
)

__all__ = [
    "CLI_EDITOR",
    "LOW_CONFIDENCE",
    "REVIEW_ITEM_TYPES",
    "Action",
    "CorrectionResult",
    "ReprocessResult",
    "SaveResult",
    "add_correction",
    "add_user",
    "article_leads",
    "check_password",
    "confirm_field",
    "count_profiles",
    "create_profile_for_appearance",
    "fact_key",
    "get_article",
    "get_profile",
    "get_profile_by_id",
    "get_organization",
    "get_profile_id",
    "get_user",
    "hide_profile",
    "is_article_stored",
    "iter_profile_records",
    "iter_stored_articles",
    "jaccard",
    "keep_apart",
    "list_articles",
    "list_duplicate_articles",
    "list_profile_summaries",
    "list_profile_versions",
    "list_recent_corrections",
    "list_profiles",
    "list_quoted_alongside",
    "list_organizations",
    "list_possible_duplicates",
    "list_users",
    "merge_profiles",
    "move_appearances",
    "open_db",
    "profile_version",
    "reapply_corrections",
    "refresh_profiles",
    "remove_user",
    "reprocess",
    "review_queue",
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
