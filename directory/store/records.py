"""The rules that build one profile's record from its appearances and editors' corrections.

Pure functions over rows already read: which name, title, kind and affiliation a profile shows,
how facts from several articles merge, and what each correction changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, NamedTuple

from directory import resolve
from directory.models import FACT_FIELDS
from directory.text import NAME_KEY_HONORIFICS, tokens, word_set

EXPERT_SHARE_DIVISOR = 3  # a profile is an expert when >= 1/3 of its articles say so
DEFINITE_SHARE_DIVISOR = 4  # a kind other than "other" needs >= 1/4 of the articles
# Titles of heads of state and government, ministers and legislators.
OFFICE_WORDS = word_set(
    """president prime minister chancellor premier king queen senator governor mayor secretary
    taoiseach congressman congresswoman mp mep commissioner leader"""
)
# Words naming a university or a research body: a post there, even without a role, is expertise.
RESEARCH_BODY_WORDS = word_set(
    """university college institute institution school centre center laboratory research
    academy faculty polytechnic observatory"""
)
# Words that make an office word someone else's job (a press secretary speaks for one).
NOT_OFFICE_WORDS = word_set("press spokesman spokeswoman spokesperson aide adviser advisor")
SCALAR_FIELDS = ("name", "title", "affiliation", "kind")
# Confirming `quotes` with an article id says the profile's quotes in that article are theirs.
QUOTES = "quotes"


def _words(value: str | None) -> str:
    return " ".join(tokens(value))


class FactRule(NamedTuple):
    """How the items of one fact list merge across articles and are named by an editor."""

    label: str  # the item's field an editor names it by (a position's "organization")
    key: Callable[[str | None], str]  # the folded form of a label
    identity: Callable[[dict], Any]  # items with the same identity are one fact


# One rule per fact list of models.FACT_FIELDS (a test checks none is missing).
FACT_RULES = {
    "positions": FactRule(
        "organization",
        resolve.org_key,
        lambda f: (resolve.org_key(f.get("organization")), f.get("kind"), _words(f.get("role"))),
    ),
    "publications": FactRule("title", _words, lambda f: _words(f.get("title"))),
    "research_areas": FactRule("topic", _words, lambda f: _words(f.get("topic"))),
    "editorial_roles": FactRule(
        "journal",
        resolve.org_key,
        lambda f: (resolve.org_key(f.get("journal")), _words(f.get("role"))),
    ),
}


class Action(StrEnum):
    """What an editor's correction does; the value is what the `corrections` table stores."""

    MERGE = "merge"  # other_id's appearances join person_id
    SPLIT = "split"  # person_id's appearance in article_id moves to other_id
    SET_KIND = "set-kind"  # value is the kind
    HIDE = "hide"  # value "1" hides, "0" shows again
    CONFIRM = "confirm"  # field (and value) an editor confirmed or set
    KEEP_APART = "keep-apart"  # person_id and other_id are two people, whatever their names


# Who made a correction from the command line (an editor's username otherwise).
CLI_EDITOR = "cli"


def _chronological(app: dict) -> tuple[str, int]:
    """Articles by publication date; undated ones fall back to ingestion order."""
    return (app["article_published"] or "", app["seq"])


def assemble_record(
    row: dict,
    apps: list[dict],
    quotes: dict[int, list[dict]],
    corrections: list[dict],
    slugs: dict[int, str],
    merged_into: int | None,
) -> dict:
    """One expert record from a profile's appearances and its corrections."""
    apps = sorted(apps, key=_chronological)
    for app in apps:
        app["data"] = json.loads(app["person"])
        app["article"] = {
            "id": app["article_id"],
            "title": app["article_title"],
            "url": app["article_url"],
            "outlet": app["article_outlet"],
            "published": app["article_published"],
        }
    overrides, confirmed = _editor_values(corrections)
    # A merge folds another person's appearances in, but the survivor keeps its own name: only
    # appearances the resolver gave this profile name it (all of them for a profile made by a
    # split, which has none of its own).
    own = [app for app in apps if app.get("resolved_id") == row["id"]]
    name_app = _name_source(own or apps)
    name = overrides.get("name") or (name_app["name"] if name_app else row["name"])
    data = name_app["data"] if name_app else {}
    articles = list({app["article_id"]: app["article"] for app in apps}.values())
    dated = sorted(a["published"] for a in articles if a["published"])
    facts = {key: _merge_facts(apps, key, confirmed.get(key, set())) for key in FACT_FIELDS}
    titles = _merge_titles(apps, confirmed.get("title", set()))
    title = _voted_title(apps)
    checked = confirmed.get(QUOTES, set())  # articles whose attribution an editor confirmed
    ledger = [
        {
            **q,
            "article": app["article"],
            "confirmed": app["article_id"] in checked,
        }
        for app in apps
        for q in quotes.get(app["id"], [])
    ]
    record = {
        "id": row["id"],
        "slug": row["slug"],
        "name": name,
        "aliases": _aliases(apps, name),
        "given_name": data.get("given_name"),
        "family_name": data.get("family_name"),
        "honorific": next(
            (a["data"].get("honorific") for a in reversed(apps) if a["data"].get("honorific")), None
        ),
        "kind": overrides.get("kind") or _kind(apps, row["kind"], title),
        "title": overrides.get("title") or title,
        "titles": titles,
        "affiliation": overrides.get("affiliation") or _affiliation(apps),
        **facts,
        "quotes": ledger,
        "articles": articles,
        "article_count": len(articles),
        "quote_count": len(ledger),
        "first_quoted": dated[0] if dated else None,
        "last_quoted": dated[-1] if dated else None,
        "organizations": _distinct(
            n for p in facts["positions"] for n in (p.get("organization"), p.get("parent"))
        ),
        "places": _distinct(p.get("place") for p in facts["positions"]),
        "countries": _distinct(p.get("country") for p in facts["positions"]),
        "outlets": _distinct(a["outlet"] for a in articles),
        "kinds": dict(Counter(a["kind"] for a in apps)),
        "hidden": _hidden(corrections),
        "merged_into": merged_into,
        "merged_from": [
            slugs[c["other_id"]]
            for c in corrections
            if c["action"] == Action.MERGE and c["other_id"] in slugs
        ],
        "resolution": [_resolution(app) for app in apps],
        "confirmed": sorted(f for f in SCALAR_FIELDS if f in confirmed),
        "corrections": [correction_view(c, slugs) for c in corrections],
    }
    record["version"] = hashlib.sha256(
        json.dumps(record, sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    return record


def _editor_values(corrections: list[dict]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Values editors set (latest wins) and the facts they confirmed, by field."""
    overrides: dict[str, str] = {}
    confirmed: dict[str, set[str]] = defaultdict(set)
    for c in corrections:
        if c["action"] == Action.SET_KIND:
            overrides["kind"] = c["value"]
            confirmed["kind"].add(c["value"])
        elif c["action"] == Action.CONFIRM:
            if c["field"] in SCALAR_FIELDS:
                if c["value"] is not None:
                    overrides[c["field"]] = c["value"]
                confirmed[c["field"]].add(fact_key(c["field"], c["value"]))
            elif c["field"] == QUOTES:  # an article id, kept as it is
                confirmed[QUOTES].add(c["value"])
            else:
                confirmed[c["field"]].add(fact_key(c["field"], c["value"]))
    return overrides, confirmed


def fact_key(field_name: str, value: str | None) -> str:
    """The folded key facts of one field are grouped (and confirmed) by."""
    rule = FACT_RULES.get(field_name)
    return rule.key(value) if rule else _words(value)


def _name_source(apps: list[dict]) -> dict | None:
    """The appearance whose name is the fullest (most words bar honorifics, most used, earliest)."""
    if not apps:
        return None
    words = [resolve.name_slug(a["name"]).split("-") for a in apps]
    counts = Counter("-".join(w) for w in words)
    best = max(range(len(apps)), key=lambda i: (len(words[i]), counts["-".join(words[i])], -i))
    return apps[best]


def _aliases(apps: list[dict], name: str) -> list[str]:
    seen = {" ".join(tokens(name))}
    aliases = []
    for app in apps:
        for alias in [app["name"], *(app["data"].get("aliases") or [])]:
            key = " ".join(tokens(alias))
            if key and key not in seen:
                seen.add(key)
                aliases.append(alias)
    return aliases


def _resolution(app: dict) -> dict:
    """Why an appearance is this profile's: the resolver's score and reasons, per article."""
    reasons = json.loads(app["reasons"]) if app.get("reasons") else []
    if not reasons and app.get("reason"):
        reasons = [app["reason"]]
    return {
        "article": app["article"],
        "name": app["name"],
        "score": app.get("score"),
        "reasons": reasons,
    }


def clean_title(title: str | None) -> str | None:
    """A title as shown: the possessive left over from a cut phrase dropped ("'s former
    advisor" -> "former advisor"); None when nothing is left."""
    cleaned = re.sub(r"^\W*['’]s\s+", "", title or "").strip(" ,;:-")
    return cleaned if cleaned and cleaned[0].isalnum() else None


def title_weight(title: str, sentence: str | None, names: set[str]) -> float:
    """How much a title's evidence sentence shows it is the person's own, 0..1.

    1 when the title stands next to the person's name ("President Marsh", "Larry Sabato,
    director of ..."); 0 when the name only qualifies it ("a top Marsh adviser", "Marsh's
    spokesman": someone else's title); 0.25 when the sentence has the title far from any name;
    0.5 when the sentence does not hold the title at all (nothing to check it by).
    """
    words = [(m.group(), m.start()) for m in re.finditer(r"[\w'’.-]+", sentence or "")]
    folded = [" ".join(tokens(w)) for w, _ in words]
    wanted = tokens(title)
    if not wanted or not names:
        return 0.5
    best = None
    for i in range(len(folded) - len(wanted) + 1):
        if folded[i : i + len(wanted)] != wanted:
            continue
        before = re.sub(r"s$", "", folded[i - 1]) if i else ""
        gap = sentence[words[i - 1][1] + len(words[i - 1][0]) : words[i][1]] if i else ""
        end = i + len(wanted)
        if (folded[i - 1] in names or before in names) and "," not in gap:
            weight = 0.0
        elif names & set(folded[end : end + 2]) or _named_before(sentence, words, folded, i, names):
            weight = 1.0
        else:
            weight = 0.25
        best = weight if best is None else max(best, weight)
    return 0.5 if best is None else best


def _named_before(
    sentence: str, words: list[tuple[str, int]], folded: list[str], i: int, names: set[str]
) -> bool:
    """Whether the person is named just before a title, set off by a comma ("Marsh, the PM")."""
    for k in range(max(0, i - 4), i):
        gap = sentence[words[k][1] + len(words[k][0]) : words[i][1]]
        if folded[k] in names and "," in gap:
            return True
    return False


def _title_vote(app: dict) -> tuple[str, float] | None:
    """The appearance's title and the weight of its vote (None: no title)."""
    title = clean_title(app["title"])
    if title is None:
        return None
    evidence = app["data"].get("title_evidence") or []
    if not evidence:
        return title, 0.5
    names = {
        w
        for form in [app["name"], *(app["data"].get("aliases") or [])]
        for w in tokens(form)
        if w not in NAME_KEY_HONORIFICS
    }
    return title, max(title_weight(title, e.get("sentence"), names) for e in evidence)


def _voted_title(apps: list[dict]) -> str | None:
    """The title the person's own evidence gives most weight; a tie goes to the most recent.

    A title whose only evidence is someone else's ("a top Marsh adviser") gets no vote.
    """
    votes: Counter = Counter()
    latest: dict[str, int] = {}
    shown: dict[str, str] = {}
    for index, app in enumerate(apps):
        vote = _title_vote(app)
        if vote is None or not vote[1]:
            continue
        title, weight = vote
        key = " ".join(tokens(title))
        votes[key] += weight
        latest[key] = index
        shown[key] = title
    if not votes:
        return None
    best = max(votes, key=lambda k: (votes[k], latest[k]))
    return shown[best]


def holds_office(title: str | None) -> bool:
    """Whether a title names a head of state or government, a minister or a legislator."""
    words = set(tokens(title))
    return bool(words & OFFICE_WORDS) and not words & NOT_OFFICE_WORDS


def _only_a_home_town(app: dict) -> bool:
    """Whether an article's only fact about the person is a bare one-word place-like name with
    no role ("Tony Martin, of Burnley"), which says where someone lives, not what they know.

    An acronym (ING), a longer name (Bank of America), a university or research body, a title,
    a field or a work all count as saying something; so does nothing at all, where the extractor's
    own reading of the article stands.
    """
    data = app["data"]
    positions = data.get("positions") or []
    if not positions or clean_title(app["title"]):
        return False
    if data.get("research_areas") or data.get("publications"):
        return False
    for p in positions:
        name = (p.get("organization") or "").strip()
        if p.get("role") or p.get("acronym") or p.get("parent") or len(name.split()) != 1:
            return False
        if name.isupper() or set(tokens(name)) & RESEARCH_BODY_WORDS:
            return False
    return True


def _own_kind(app: dict) -> str:
    """The appearance's kind; an expert whose only fact is a home town counts as other."""
    return "other" if app["kind"] == "expert" and _only_a_home_town(app) else app["kind"]


def _kind(apps: list[dict], default: str, title: str | None = None) -> str:
    """The profile's kind from its articles' kinds, each counted only with its own evidence.

    An official when the title most of the evidence gives is an office (president, prime
    minister, minister, senator) and an article says so; an expert when a third of the articles
    quote the person as one (not for a home town alone); else the most common definite kind,
    when at least a quarter of the articles give one; else other.
    """
    # A third, not any: one misread article must not make a president quoted in 200 an expert.
    kinds = [_own_kind(a) for a in apps]
    if not kinds:
        return default
    if holds_office(title) and "official" in kinds:
        return "official"
    if kinds.count("expert") * EXPERT_SHARE_DIVISOR >= len(kinds):
        return "expert"
    definite = [k for k in kinds if k != "other"]
    if not definite or len(definite) * DEFINITE_SHARE_DIVISOR < len(kinds):
        return "other"
    counts = Counter(definite)
    top = max(counts.values())
    return next(k for k in reversed(definite) if counts[k] == top)


def _affiliation(apps: list[dict]) -> str | None:
    """The current post of the most recent article that gives one: 'Organization, Parent'.

    A post with no role counts only for someone quoted in that article as an expert, official or
    spokesperson: "Tony Martin, of Burnley" names a home town, not an employer.
    """
    for wanted in ("current", "held"):
        for app in reversed(apps):
            for pos in app["data"].get("positions") or []:
                if pos.get("kind") != wanted or not pos.get("organization"):
                    continue
                if not pos.get("role") and _own_kind(app) == "other":
                    continue
                parts = [pos["organization"]]
                if pos.get("parent") and pos["parent"] != pos["organization"]:
                    parts.append(pos["parent"])
                return ", ".join(parts)
    return None


def _merge_facts(apps: list[dict], name: str, confirmed: set[str]) -> list[dict]:
    """One entry per distinct fact across articles, with evidence, articles and first/last seen."""
    merged: dict[Any, dict] = {}
    for app in apps:
        for fact in app["data"].get(name) or []:
            key = FACT_RULES[name].identity(fact)
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = {**fact, "evidence": [], "articles": []}
                entry["confirmed"] = fact_key(name, fact.get(FACT_RULES[name].label)) in confirmed
            entry["confidence"] = max(entry.get("confidence") or 0.0, fact.get("confidence") or 0.0)
            entry["evidence"] += [
                {**e, "article": app["article"]} for e in fact.get("evidence") or []
            ]
            if app["article"] not in entry["articles"]:
                entry["articles"].append(app["article"])
    for entry in merged.values():
        _seen(entry)
    return list(merged.values())


def _merge_titles(apps: list[dict], confirmed: set[str]) -> list[dict]:
    """Every title the articles give, kept side by side when they disagree."""
    merged: dict[str, dict] = {}
    for app in apps:
        if not app["title"]:
            continue
        key = " ".join(tokens(app["title"]))
        entry = merged.setdefault(
            key,
            {"title": app["title"], "evidence": [], "articles": [], "confirmed": key in confirmed},
        )
        entry["evidence"] += [
            {**e, "article": app["article"]} for e in app["data"].get("title_evidence") or []
        ]
        if app["article"] not in entry["articles"]:
            entry["articles"].append(app["article"])
    for entry in merged.values():
        _seen(entry)
    return list(merged.values())


def _seen(entry: dict) -> None:
    dated = sorted(a["published"] for a in entry["articles"] if a["published"])
    entry["first_seen"] = dated[0] if dated else None
    entry["last_seen"] = dated[-1] if dated else None


def _distinct(values: Iterable[str | None]) -> list[str]:
    seen, result = set(), []
    for value in values:
        key = re.sub(r"\s+", " ", value or "").strip().lower()
        if key and key not in seen:
            seen.add(key)
            result.append(value)
    return result


def _hidden(corrections: list[dict]) -> bool:
    hidden = False
    for c in corrections:
        if c["action"] == Action.HIDE:
            hidden = c["value"] != "0"
    return hidden


def correction_view(c: dict, slugs: dict[int, str]) -> dict:
    """A correction as a record lists it: action, field, value, profiles by slug, by and at."""
    return {
        "id": c["id"],
        "action": c["action"],
        "field": c["field"],
        "value": c["value"],
        "article_id": c["article_id"],
        "person": slugs.get(c["person_id"]),
        "other": slugs.get(c["other_id"]) if c["other_id"] is not None else None,
        "created_at": c["created_at"],
        "by": c.get("by") or CLI_EDITOR,
        "at": c["created_at"],
    }
