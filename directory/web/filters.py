"""Jinja filters: labels, safe links and search snippets where only <mark> survives."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from directory.models import PERSON_KINDS

# In the order of PERSON_KINDS.
KIND_LABELS = dict(zip(PERSON_KINDS, ("Expert", "Official", "Spokesperson", "Other"), strict=True))
MARK_TAG = re.compile(r"(</?mark>)")


def kind_label(kind: str | None) -> str:
    """'Expert' for 'expert'; unknown kinds shown as they are."""
    return KIND_LABELS.get(kind or "", (kind or "").capitalize())


def capitalize_first(text: str | None) -> str:
    """The text with its first letter upper-cased and the rest untouched ('IIS' stays 'IIS')."""
    text = text or ""
    return text[:1].upper() + text[1:]


def http_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: article URLs never become javascript: links."""
    if isinstance(url, str) and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def highlight(fragments: list[str] | str | None) -> Markup:
    """Search snippets as HTML where only <mark> survives: everything else is re-escaped."""
    if isinstance(fragments, str):
        fragments = [fragments]
    rendered = []
    for fragment in fragments or []:
        out, marked = Markup(""), False
        for piece in MARK_TAG.split(fragment):
            if piece in ("<mark>", "</mark>"):
                marked = piece == "<mark>"
                continue
            text = html.unescape(piece)
            out += Markup("<mark>{}</mark>").format(text) if marked and text else escape(text)
        rendered.append(out)
    return Markup(" … ").join(rendered)


FILTERS = {
    "kind_label": kind_label,
    "capitalize_first": capitalize_first,
    "http_url": http_url,
    "highlight": highlight,
}
