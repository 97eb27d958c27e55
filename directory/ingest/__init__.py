"""Ingest: read article files, extract, store and index them, with progress and a summary.

`readers` turns files of every supported format into Articles (or failures, one per bad input);
`pipeline` runs read -> extract (worker processes) -> store -> index; `cluster` moves extraction
to a Dask cluster; `progress` shows how far it has got. The rest of the code imports the names
below.
"""

from .pipeline import IngestSummary, LocalExtractor, ingest_paths
from .readers import IngestFailure, expand_paths, read_article, read_articles


def cluster_extractor(scheduler: str, jobs: int | None = None):
    """Extraction on the Dask cluster at `scheduler` (`tcp://HOST:PORT`, or `local` for `jobs`
    worker processes here), for `ingest_paths(extractor=...)`. Imports Dask only when called."""
    from .cluster import ClusterExtractor

    return ClusterExtractor(scheduler, jobs)


__all__ = [
    "IngestFailure",
    "IngestSummary",
    "LocalExtractor",
    "cluster_extractor",
    "expand_paths",
    "ingest_paths",
    "read_article",
    "read_articles",
]
