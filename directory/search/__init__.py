"""Search over profiles: the facade the CLI, the web layer and the ingest call.

It takes and returns plain data; Whoosh and numpy stay behind it, so another engine could replace
them. The index is derived from the store and can always be rebuilt from it. The rest of the code
imports only the names below; the modules behind them:

- `sync`: moving records from the store into the index (the only code that does);
- `payloads`: the `/api/search` JSON, shared by the API and `directory search`;
- `writer`: add, replace, delete, rebuild; `storage`: version folders, the write lock, readers;
- `ranking`: a search, name suggestions and similar profiles, remembered per index generation
  (`memo`); `query`: an untrusted query string into scoring clauses; `scoring`: BM25 over
  posting arrays; `facets`, `highlights`;
- `schema`: the Whoosh schema and a record's document; `codec`: the on-disk posting format.
"""

from .memo import Answers
from .payloads import search_payload
from .query import SORTS
from .ranking import (
    Hit,
    SearchResults,
    forget_answers,
    search_profiles,
    similar_profiles,
    suggest_names,
)
from .schema import FACET_FIELDS
from .storage import copy_index, index_doc_count, index_exists, index_ids, index_versions
from .sync import rebuild_from_store, reindex_profiles, sync_index, with_leads
from .writer import delete_records, index_records, rebuild_index

# The facets a search counts and filters on, in the order pages show them.
FACETS = tuple(FACET_FIELDS)

__all__ = [
    "FACETS",
    "SORTS",
    "Answers",
    "Hit",
    "SearchResults",
    "copy_index",
    "delete_records",
    "forget_answers",
    "index_doc_count",
    "index_exists",
    "index_ids",
    "index_records",
    "index_versions",
    "rebuild_from_store",
    "rebuild_index",
    "reindex_profiles",
    "search_profiles",
    "search_payload",
    "similar_profiles",
    "suggest_names",
    "sync_index",
    "with_leads",
]
