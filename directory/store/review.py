"""The review queue: what extraction is unsure of, worth most first, and the corrections made.

Each item names the profiles it is about, the evidence that put it in the queue and the number
of quotes a fix would affect (`quotes`), by which the queue is ordered. An editor's decision is a
correction (merge, keep apart, split, confirm, set kind, hide), and every rule below leaves out
what a correction has decided, so a decided item leaves the queue and stays out after
`directory reprocess` (corrections are kept and replayed).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import sqlite_utils

from directory import resolve
from directory.models import FACT_FIELDS
from directory.text import tokens, word_set

from .duplicates import list_possible_duplicates
from .reading import SUMMARY_COLUMNS, VISIBLE, list_profile_summaries
from .records import FACT_RULES, QUOTES, Action, correction_view, fact_key

# Quotes and facts extracted with less confidence than this are listed. Quotes below it are those
# whose speaker the extractor inferred (a pronoun's reported speech, a role noun, a cue that
# follows the quote); facts below it come from "X is a ..." sentences or a bare honorific.
LOW_CONFIDENCE = 0.8
# A kind is disputed when the second most common kind is given by at least this share of the
# articles (1 article in 5): one misread article among many is not a dispute.
DISPUTED_SHARE = 0.2
# Words that make a name look like an organization's ("Northbank Group", "Harbour Council").
ORGANIZATION_WORDS = word_set(
    """university college institute institution centre center school department faculty
    foundation group company corporation inc ltd plc llc society association council party
    ministry agency committee commission office bank trust union fund"""
)
# The item types, in the order the queue shows them when they are worth the same.
REVIEW_ITEM_TYPES = ("duplicate", "attribution", "fact", "name", "kind", "missing")
RECENT_CORRECTIONS = 100


def review_queue(db: sqlite_utils.Database) -> list[dict]:
    """Every open review item, most quotes affected first (see the module's docstring)."""
    items = [
        *_duplicate_items(db),
        *_attribution_items(db),
        *_fact_items(db),
        *_name_items(db),
        *_kind_items(db),
        *_missing_items(db),
    ]
    ids = {i["profile_id"] for i in items} | {i["other_id"] for i in items if i.get("other_id")}
    summaries = {s["id"]: s for s in list_profile_summaries(db, sorted(ids))}
    for item in items:
        item["profile"] = summaries.get(item["profile_id"])
        if item.get("other_id"):
            item["other"] = summaries.get(item["other_id"])
    order = {t: n for n, t in enumerate(REVIEW_ITEM_TYPES)}
    items.sort(key=lambda i: (-i["quotes"], order[i["type"]], i["key"]))
    return [i for i in items if i["profile"] is not None]


def _item(kind: str, key: str, profile_id: int, quotes: int, **fields) -> dict:
    return {
        "type": kind,
        "key": f"{kind}:{key}",
        "profile_id": profile_id,
        "quotes": quotes,
        **fields,
    }


def _decided(db: sqlite_utils.Database, action: Action, field: str | None = None) -> list[dict]:
    """Corrections of one action (and field), oldest first."""
    sql = "SELECT person_id, other_id, article_id, field, value FROM corrections WHERE action = ?"
    params = [action.value]
    if field is not None:
        sql += " AND field = ?"
        params.append(field)
    return list(db.query(sql + " ORDER BY id", params))


def _duplicate_items(db: sqlite_utils.Database) -> list[dict]:
    """Pairs that may be one person (`list_possible_duplicates`): Merge or Keep apart."""
    return [
        _item(
            "duplicate",
            f"{pair['a']['id']}-{pair['b']['id']}",
            pair["a"]["id"],
            pair["quotes"],
            other_id=pair["b"]["id"],
            score=pair["score"],
            reasons_for=pair["for"],
            reasons_against=pair["against"],
        )
        for pair in list_possible_duplicates(db)
    ]


def _attribution_items(db: sqlite_utils.Database) -> list[dict]:
    """A profile's quotes in one article, some given to them with low confidence: confirm the
    speaker, or split the article off to a profile of its own."""
    confirmed = {(c["person_id"], c["value"]) for c in _decided(db, Action.CONFIRM, QUOTES)}
    # An appearance split off by an editor was looked at already: its new profile is not asked.
    split_off = {(c["other_id"], c["article_id"]) for c in _decided(db, Action.SPLIT)}
    low: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for row in db.query(
        f"""SELECT a.profile_id, q.article_id, q.text, q.kind, q.cue, q.start, q.confidence
            FROM quotes q JOIN appearances a ON a.id = q.appearance_id
            JOIN profiles p ON p.id = a.profile_id
            WHERE q.confidence < ? AND {VISIBLE} ORDER BY q.article_id, q.start""",
        [LOW_CONFIDENCE],
    ):
        key = (row["profile_id"], row["article_id"])
        if key not in confirmed and key not in split_off:
            low[key].append(row)
    if not low:
        return []
    totals = {
        (r["profile_id"], r["article_id"]): (r["n"], r["title"])
        for r in db.query(
            f"""SELECT a.profile_id, q.article_id, COUNT(*) AS n, ar.title
                FROM quotes q JOIN appearances a ON a.id = q.appearance_id
                JOIN profiles p ON p.id = a.profile_id JOIN articles ar ON ar.id = q.article_id
                WHERE {VISIBLE} GROUP BY a.profile_id, q.article_id"""
        )
    }
    items = []
    for (profile_id, article_id), quotes in low.items():
        count, title = totals.get((profile_id, article_id), (len(quotes), None))
        items.append(
            _item(
                "attribution",
                f"{profile_id}-{article_id}",
                profile_id,
                count,
                article={"id": article_id, "title": title},
                low_quotes=[
                    {k: q[k] for k in ("text", "kind", "cue", "start", "confidence")}
                    for q in quotes
                ],
            )
        )
    return items


def _fact_items(db: sqlite_utils.Database) -> list[dict]:
    """Facts no article states with confidence (the best reading of each below LOW_CONFIDENCE)
    and no editor confirmed: confirm them on the profile."""
    items = []
    for name in FACT_FIELDS:
        label = FACT_RULES[name].label
        confirmed = {
            (c["person_id"], fact_key(name, c["value"])) for c in _decided(db, Action.CONFIRM, name)
        }
        best: dict[tuple[int, str], dict] = {}
        for row in db.query(
            f"""SELECT a.profile_id, a.article_id, p.quote_count,
                       json_extract(j.value, '$.' || ?) AS label,
                       json_extract(j.value, '$.confidence') AS confidence
                FROM appearances a JOIN profiles p ON p.id = a.profile_id,
                     json_each(a.person, '$.' || ?) j
                WHERE {VISIBLE}""",
            [label, name],
        ):
            if not row["label"]:
                continue
            key = (row["profile_id"], fact_key(name, row["label"]))
            entry = best.setdefault(key, {**row, "confidence": 0.0, "articles": []})
            entry["confidence"] = max(entry["confidence"], row["confidence"] or 0.0)
            entry["articles"].append(row["article_id"])
        for (profile_id, folded), entry in best.items():
            if entry["confidence"] >= LOW_CONFIDENCE or (profile_id, folded) in confirmed:
                continue
            items.append(
                _item(
                    "fact",
                    f"{profile_id}-{name}-{folded}",
                    profile_id,
                    entry["quote_count"],
                    field=name,
                    value=entry["label"],
                    confidence=entry["confidence"],
                    articles=sorted(set(entry["articles"])),
                )
            )
    return items


def not_person_reasons(name: str, organizations: set[str], honorific: bool) -> list[str]:
    """Why a profile's name may not be a person's ("Labour": one word, an organization's word)."""
    words = name.split()
    folded = tokens(name)
    reasons = []
    if resolve.org_key(name) in organizations:
        reasons.append("the name of an organization in the directory")
    elif len(words) == 1 and folded and folded[0] in _organization_words(organizations):
        reasons.append("a word of an organization's name in the directory")
    if ORGANIZATION_WORDS & set(folded):
        reasons.append("holds a word organizations are named with")
    if len(words) == 1 and not honorific:
        reasons.append("only ever named by one word, without Mr, Ms, Dr or a title")
    if name.isupper() and len(name) > 1:
        reasons.append("written in capitals, like an acronym")
    if any(ch.isdigit() for ch in name):
        reasons.append("holds digits")
    return reasons


def _organization_words(organizations: set[str]) -> set[str]:
    """Every word of the directory's organization names but the generic ones ("of", "the")."""
    return {w for org in organizations for w in org.split()} - resolve.GENERIC_ORG_WORDS


def _name_items(db: sqlite_utils.Database) -> list[dict]:
    """Profiles whose name may not be a person's: hide them, or confirm the name."""
    confirmed = {c["person_id"] for c in _decided(db, Action.CONFIRM, "name")}
    organizations = {
        resolve.org_key(r["org_name"])
        for r in db.query("SELECT DISTINCT org_name FROM appearance_orgs")
    }
    organizations.discard("")
    honorific = {
        r["profile_id"]
        for r in db.query(
            "SELECT DISTINCT profile_id FROM appearances"
            " WHERE json_extract(person, '$.honorific') IS NOT NULL OR title IS NOT NULL"
        )
    }
    items = []
    for row in db.query(f"SELECT p.id, p.name, p.quote_count FROM profiles p WHERE {VISIBLE}"):
        if row["id"] in confirmed:
            continue
        reasons = not_person_reasons(row["name"], organizations, row["id"] in honorific)
        if reasons:
            items.append(
                _item("name", str(row["id"]), row["id"], row["quote_count"], reasons=reasons)
            )
    return items


def _kind_items(db: sqlite_utils.Database) -> list[dict]:
    """Profiles whose articles disagree on their kind: set the kind."""
    decided = {c["person_id"] for c in _decided(db, Action.SET_KIND)}
    decided |= {c["person_id"] for c in _decided(db, Action.CONFIRM, "kind")}
    kinds: dict[int, Counter] = defaultdict(Counter)
    quotes: dict[int, int] = {}
    for row in db.query(
        f"""SELECT a.profile_id, a.kind, COUNT(*) AS n, p.quote_count
            FROM appearances a JOIN profiles p ON p.id = a.profile_id
            WHERE {VISIBLE} GROUP BY a.profile_id, a.kind"""
    ):
        kinds[row["profile_id"]][row["kind"]] = row["n"]
        quotes[row["profile_id"]] = row["quote_count"]
    items = []
    for profile_id, counts in kinds.items():
        if profile_id in decided or len(counts) < 2:
            continue
        runner_up = counts.most_common(2)[1][1]
        if runner_up < DISPUTED_SHARE * counts.total():
            continue
        items.append(
            _item("kind", str(profile_id), profile_id, quotes[profile_id], kinds=dict(counts))
        )
    return items


def _missing_items(db: sqlite_utils.Database) -> list[dict]:
    """Experts without a title or an affiliation: give them one (or another kind)."""
    items = []
    for row in db.query(
        f"""SELECT {SUMMARY_COLUMNS} FROM profiles p WHERE {VISIBLE} AND p.kind = 'expert'
            AND (p.title IS NULL OR p.affiliation IS NULL)"""
    ):
        missing = [f for f in ("title", "affiliation") if not row[f]]
        items.append(
            _item("missing", str(row["id"]), row["id"], row["quote_count"], missing=missing)
        )
    return items


def list_recent_corrections(
    db: sqlite_utils.Database, limit: int = RECENT_CORRECTIONS
) -> list[dict]:
    """The latest corrections, newest first, each as the record shows it plus whether its
    profile is hidden now (so a log can offer to show it again)."""
    rows = list(
        db.query("SELECT * FROM corrections ORDER BY id DESC LIMIT ?", [max(0, int(limit))])
    )
    ids = {r["person_id"] for r in rows} | {r["other_id"] for r in rows if r["other_id"]}
    profiles = {}
    if ids:
        marks = ",".join("?" * len(ids))
        profiles = {
            r["id"]: r
            for r in db.query(
                f"SELECT id, slug, name, hidden FROM profiles WHERE id IN ({marks})", sorted(ids)
            )
        }
    slugs = {i: p["slug"] for i, p in profiles.items()}
    result = []
    for row in rows:
        entry = correction_view(row, slugs)
        profile = profiles.get(row["person_id"])
        entry["name"] = profile["name"] if profile else None
        entry["hidden_now"] = bool(profile and profile["hidden"])
        result.append(entry)
    return result
