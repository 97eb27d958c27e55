"""The store: SQLite through sqlite-utils, the source of truth for articles, profiles and quotes.

Extracted data (articles, appearances of a person in an article, quotes) and editors' corrections
live in separate tables. Each appearance keeps the profile the resolver chose (`resolved_id`) and
the profile it belongs to once corrections are applied (`profile_id`); the merged expert record is
computed from the appearances of a profile plus its corrections, and a few summary columns of
`people` (name, kind, counts, dates, `version`) are materialised for listing and sorting.

The rest of the code imports the names below from `directory.store`; the modules behind them:
`db` (opening), `migrations`, `dedup` (near-duplicate articles), `writing` (saving extractions,
reprocess), `profiles` (profile rows and their summary columns), `corrections` (editors'
corrections, written and replayed), `reading` (every read) and `records` (the pure rules that
build a record).
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
from .profiles import (
    create_profile_for_appearance,
    move_appearances,
    refresh_profiles,
    unique_slug,
)
from .reading import (
    article_leads,
    count_experts,
    get_article,
    get_expert,
    get_expert_by_id,
    get_organization,
    get_profile_id,
    iter_expert_records,
    list_articles,
    list_duplicate_articles,
    list_expert_summaries,
    list_expert_versions,
    list_experts,
    list_organizations,
    list_possible_duplicates,
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
    "count_experts",
    "create_profile_for_appearance",
    "fact_key",
    "get_article",
    "get_expert",
    "get_expert_by_id",
    "get_organization",
    "get_profile_id",
    "hide_profile",
    "is_article_stored",
    "iter_expert_records",
    "iter_stored_articles",
    "jaccard",
    "list_articles",
    "list_duplicate_articles",
    "list_expert_summaries",
    "list_expert_versions",
    "list_experts",
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
