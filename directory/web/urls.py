"""Flask with a memory for the URLs it builds: pages build dozens per request, most repeated.

Werkzeug's URL building costs tens of microseconds a call, and a search page or a large profile
builds 30 to 50 links (facets, articles, evidence), which made it about a fifth of the page's
time. A URL depends only on the endpoint, its values and the script root, so it is kept.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, has_request_context, request

URL_CACHE_SIZE = 20_000


class CachedUrlFlask(Flask):
    """Flask whose `url_for` remembers relative URLs (static files excepted: they are versioned
    by their modification time, which may change while the server runs)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built_urls: dict[tuple, str] = {}

    def url_for(
        self,
        /,
        endpoint: str,
        *,
        _anchor: str | None = None,
        _method: str | None = None,
        _scheme: str | None = None,
        _external: bool | None = None,
        **values: Any,
    ) -> str:
        """Flask's url_for; relative URLs inside a request are served from memory."""
        if _external or _scheme or endpoint == "static" or not has_request_context():
            return super().url_for(
                endpoint,
                _anchor=_anchor,
                _method=_method,
                _scheme=_scheme,
                _external=_external,
                **values,
            )
        local = endpoint.startswith(".")
        key = (
            endpoint,
            request.blueprint if local else None,
            request.script_root,
            _anchor,
            _method,
            tuple(sorted(values.items())),
        )
        try:
            found = self._built_urls.get(key)
        except TypeError:  # an unhashable value (a list of query values): build it each time
            return super().url_for(endpoint, _anchor=_anchor, _method=_method, **values)
        if found is None:
            found = super().url_for(endpoint, _anchor=_anchor, _method=_method, **values)
            if len(self._built_urls) >= URL_CACHE_SIZE:
                self._built_urls.clear()
            self._built_urls[key] = found
        return found
