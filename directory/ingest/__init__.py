"""Ingest: read article files, extract, store and index them, with progress and a summary.

`readers` turns files of every supported format into Articles (or failures, one per bad input);
`pipeline` runs read -> extract (worker processes) -> store -> index; `progress` shows how far it
has got. The rest of the code imports the names below.
"""

from .pipeline import IngestSummary, ingest_paths
from .readers import IngestFailure, expand_paths, read_article, read_articles

__all__ = [
    "IngestFailure",
    "IngestSummary",
    "expand_paths",
    "ingest_paths",
    "read_article",
    "read_articles",
]
