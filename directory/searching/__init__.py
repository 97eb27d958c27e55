"""Whoosh internals behind the `directory.search` facade: schema, storage, queries, facets."""
