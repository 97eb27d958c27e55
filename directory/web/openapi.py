"""The OpenAPI 3.1 document of the JSON API, as plain data."""

from __future__ import annotations

from typing import Any

from directory.models import FACT_FIELDS
from directory.search import FACETS

NULLABLE_STRING = {"type": ["string", "null"]}
ARTICLE_REF = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": ["string", "integer"]},
        "title": NULLABLE_STRING,
        "url": NULLABLE_STRING,
        "outlet": NULLABLE_STRING,
        "published": NULLABLE_STRING,
    },
}
# Query strings never carry NUL (the app answers 400); a search needs at least one word character.
NO_NUL = "^[^\\u0000]*$"
HAS_WORD = "^[^\\u0000]*\\w[^\\u0000]*$"


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _json_response(description: str, schema_name: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


def _search_parameters(max_page_size: int, max_query_length: int, max_page: int) -> list[dict]:
    """The query parameters of /api/search."""
    parameters = [
        {
            "name": "q",
            "in": "query",
            "required": True,
            "description": "Names, organizations, topics or words from quotes.",
            "schema": {
                "type": "string",
                "minLength": 1,
                "maxLength": max_query_length,
                "pattern": HAS_WORD,
            },
        },
        {
            "name": "limit",
            "in": "query",
            "description": f"Results per page (clamped to 1..{max_page_size}).",
            "schema": {"type": "integer", "minimum": 1, "maximum": max_page_size, "default": 10},
        },
        {
            "name": "page",
            "in": "query",
            "description": "Page number, from 1 (clamped).",
            "schema": {"type": "integer", "minimum": 1, "maximum": max_page, "default": 1},
        },
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string", "enum": ["relevance", "quotes", "recent"]},
        },
        {
            "name": "all",
            "in": "query",
            "description": "Include officials, spokespeople and others, not only experts.",
            "schema": {"type": "integer", "enum": [0, 1]},
        },
    ]
    for name in FACETS:
        parameters.append(
            {
                "name": name,
                "in": "query",
                "description": f"Only results whose {name} facet has this value.",
                "schema": {"type": "string", "maxLength": 200, "pattern": NO_NUL},
            }
        )
    return parameters


def _schemas() -> dict[str, Any]:
    """Component schemas: errors, search results, expert and article records."""
    return {
        "Error": {
            "type": "object",
            "required": ["error", "status"],
            "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
        },
        "SearchResult": {
            "type": "object",
            "required": ["slug", "name", "title", "affiliation", "kind", "score", "highlights"],
            "properties": {
                "id": {"type": "integer"},
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "title": NULLABLE_STRING,
                "affiliation": NULLABLE_STRING,
                "kind": {"type": "string"},
                "score": {"type": "number"},
                "highlights": {},
                "quote_count": {"type": "integer"},
                "article_count": {"type": "integer"},
                "last_quoted": NULLABLE_STRING,
            },
        },
        "SearchResponse": {
            "type": "object",
            "required": ["query", "total", "results", "facets"],
            "properties": {
                "query": {"type": "string"},
                "total": {"type": "integer", "minimum": 0},
                "page": {"type": "integer"},
                "limit": {"type": "integer"},
                "results": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/SearchResult"},
                },
                "facets": {
                    "type": "object",
                    "description": "Facet name to [value, count] pairs.",
                    "additionalProperties": {
                        "type": "array",
                        "items": {
                            "type": "array",
                            "prefixItems": [{"type": "string"}, {"type": "integer"}],
                        },
                    },
                },
                "suggestion": NULLABLE_STRING,
            },
        },
        "Expert": {
            "type": "object",
            "required": ["slug", "name", "kind", "positions", "quotes"],
            "properties": {
                "id": {"type": "integer"},
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "aliases": {"type": "array", "items": {"type": "string"}},
                "kind": {"type": "string"},
                "title": NULLABLE_STRING,
                "affiliation": NULLABLE_STRING,
                **{name: {"type": "array", "items": {"type": "object"}} for name in FACT_FIELDS},
                "quotes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["text", "article"],
                        "properties": {"text": {"type": "string"}, "article": ARTICLE_REF},
                    },
                },
                "articles": {"type": "array", "items": ARTICLE_REF},
            },
        },
        "Article": {
            "type": "object",
            "required": ["id", "people"],
            "properties": {
                "id": {"type": ["string", "integer"]},
                "title": NULLABLE_STRING,
                "url": NULLABLE_STRING,
                "outlet": NULLABLE_STRING,
                "published": NULLABLE_STRING,
                "text": {"type": "string"},
                "people": {"type": "array", "items": {"type": "object"}},
            },
        },
        "Suggestions": {
            "type": "object",
            "required": ["query", "suggestions"],
            "properties": {
                "query": {"type": "string"},
                "suggestions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {"name": {"type": "string"}, "slug": NULLABLE_STRING},
                    },
                },
            },
        },
    }


def openapi_document(
    server_url: str = "",
    *,
    max_page_size: int = 100,
    max_query_length: int = 200,
    max_page: int = 500,
) -> dict[str, Any]:
    """The OpenAPI 3.1 document for /api/search, /api/experts, /api/articles and /api/suggest."""
    not_found = _error_response("No expert or article with that slug or id.")
    limited = _error_response("Too many requests; slow down.")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Expert directory API",
            "version": "1.0.0",
            "description": (
                "Search experts quoted in news articles and read their merged records, "
                "every quote and fact with the article it came from."
            ),
        },
        "servers": [{"url": server_url or "/"}],
        "paths": {
            "/api/search": {
                "get": {
                    "operationId": "searchExperts",
                    "summary": "Search experts",
                    "parameters": _search_parameters(max_page_size, max_query_length, max_page),
                    "responses": {
                        "200": _json_response("Ranked results with facets.", "SearchResponse"),
                        "400": _error_response("Empty, too long or unparseable query."),
                        "429": limited,
                    },
                }
            },
            "/api/experts/{slug}": {
                "get": {
                    "operationId": "getExpert",
                    "summary": "One expert's merged record",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "minLength": 1, "pattern": NO_NUL},
                        }
                    ],
                    "responses": {
                        "200": _json_response("The merged record.", "Expert"),
                        "301": {"description": "A merged-away slug: go to the surviving one."},
                        "404": not_found,
                        "429": limited,
                    },
                }
            },
            "/api/articles/{article_id}": {
                "get": {
                    "operationId": "getArticle",
                    "summary": "One article with the people quoted in it",
                    "parameters": [
                        {
                            "name": "article_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "minLength": 1, "pattern": NO_NUL},
                        }
                    ],
                    "responses": {
                        "200": _json_response("The article.", "Article"),
                        "404": not_found,
                        "429": limited,
                    },
                }
            },
            "/api/suggest": {
                "get": {
                    "operationId": "suggestNames",
                    "summary": "Names starting with the typed text",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string", "maxLength": 200, "pattern": NO_NUL},
                        }
                    ],
                    "responses": {
                        "200": _json_response("Up to eight names.", "Suggestions"),
                        "429": limited,
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }
