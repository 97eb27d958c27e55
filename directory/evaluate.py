"""Scoring extraction against a hand-made gold file (format: shared/eval/dev-gold.jsonl).

Each gold line names an article `file` (relative to the gold file's folder), its `experts` and
`other_speakers`, each with `name`, `aliases`, `title`, `affiliations`, `quotes` and optionally
`borderline`. The article is read whole (headline included) as the article text, so every gold
quote item is located by its exact occurrences in that text.

Matching rules (all comparisons on normalised text: accents folded, lower case, punctuation
other than inner hyphens and apostrophes removed, honorifics such as Mr/Dr./Sen. dropped):

- **Person match.** A predicted person matches a gold person when (a) their normalised full
  names are equal, or (b) their last words (surnames) are equal and their first words are
  compatible (equal, one a prefix of the other, or one name has a single word), or (c) the
  predicted name or one of its aliases equals a gold alias, or the gold name equals a predicted
  alias. Each gold person matches at most one predicted person (first come, in article order).
- **experts** P/R/F1: predicted people of kind `expert` against gold experts (borderline people
  counted as listed). A predicted expert matching a gold other speaker, or nobody, is a false
  positive.
- **speakers** P/R/F1: every predicted person against every gold person.
- **quotes**: a gold quote item is found when a predicted quote of the matched predicted person
  overlaps (by at least one character) one of the item's locations [pos, pos + len(item)) (every
  exact occurrence counts: an abstract or pull quote may repeat a body quote). Recall =
  found items / all gold items (items that cannot be located count as missed).
  Precision = predicted quotes that overlap some gold item of the gold person their speaker
  matches / all predicted quotes, including those of predicted people matching nobody.
- **kind accuracy**: over matched people whose gold entry is not `borderline`, the share where
  (predicted kind == "expert") equals (gold list == experts).
- **title accuracy** on matched gold experts: the gold title is split on "; " into descriptors.
  If the gold title is null, the prediction is right when it is null too. Otherwise it is right
  when, for some descriptor, the token F1 between predicted title and descriptor is at least
  0.5, or one's token set contains the other's (ignoring the words a, an, the, of, at, for, in,
  and, on, to). A null prediction is wrong.
- **affiliation recall** on matched gold experts: a gold affiliation is found when some
  predicted position's `organization`, `parent` or `acronym` matches it: equal token sets,
  one's token set containing the other's, or token F1 >= 0.67 (same stop words ignored), so
  "Harvard University" does not match "Yale University".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from directory.errors import InputError
from directory.models import Article, Person
from directory.text import fold, word_set

# Words that stand before a name as a courtesy form, a rank or an office ("Mr", "Dr.", "Lt.
# Gen.", "Sen.", "President"), dropped when names are compared. Words that only happen to
# precede a name in one text (a state, an agency, a department) are not here: such an alias
# still matches through the name rules, never through this list.
HONORIFIC_WORDS = word_set(
    """
    mr mrs ms miss mx sir dame lord lady baroness baron
    dr prof professor
    rev reverend fr father bishop archbishop cardinal rabbi imam sheikh
    gen general lt lieutenant col colonel maj capt captain cmdr commander adm admiral sgt sergeant
    president vice sen senator rep representative congressman congresswoman gov governor mayor
    judge justice secretary minister chancellor ambassador attorney director chairman chairwoman
    """
)
STOP_WORDS = {"a", "an", "the", "of", "at", "for", "in", "and", "on", "to", "its", "s"}
ORG_MIN_F1 = 0.67
WORD_RE = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def name_words(name: str) -> list[str]:
    """Normalised words of a name without honorifics or possessive: "Dr. Ren's" -> ['ren']."""
    words = [w.removesuffix("'s") for w in WORD_RE.findall(fold(name))]
    while len(words) > 1 and words[0] in HONORIFIC_WORDS:
        words.pop(0)
    return [w for w in words if w not in ("jr", "sr")] or words


def names_match(pred: Person, gold: dict) -> bool:
    """The person-match rule of the module docstring."""
    p = name_words(pred.name)
    g = name_words(gold["name"])
    if not p or not g:
        return False
    if p == g:
        return True
    if p[-1] == g[-1] and (
        len(p) == 1 or len(g) == 1 or p[0] == g[0] or p[0].startswith(g[0]) or g[0].startswith(p[0])
    ):
        return True
    gold_aliases = {" ".join(name_words(a)) for a in gold.get("aliases") or []}
    pred_forms = {" ".join(name_words(a)) for a in [pred.name, *pred.aliases]}
    return bool(gold_aliases & pred_forms) or " ".join(g) in pred_forms


def tokens(text: str | None) -> set[str]:
    """Content words of a phrase."""
    return {w for w in WORD_RE.findall(fold(text or "")) if w not in STOP_WORDS}


def phrases_match(pred: str | None, gold: str | None, min_f1: float = 0.5) -> bool:
    """Token containment either way, or token F1 >= min_f1."""
    a, b = tokens(pred), tokens(gold)
    if not a or not b:
        return False
    if a <= b or b <= a:
        return True
    common = len(a & b)
    return common > 0 and 2 * common / (len(a) + len(b)) >= min_f1


def orgs_match(pred: str | None, gold: str | None) -> bool:
    """Organization rule: containment either way, or token F1 >= 0.67 (so 'Harvard University'
    is not 'Yale University')."""
    return phrases_match(pred, gold, ORG_MIN_F1)


def title_correct(pred: str | None, gold: str | None) -> bool:
    """Title rule of the module docstring."""
    if gold is None:
        return pred is None
    if pred is None:
        return False
    return any(phrases_match(pred, part) for part in gold.split("; "))


def prf(tp: int, n_pred: int, n_gold: int, tp_recall: int | None = None) -> dict[str, float]:
    """Precision, recall and F1 (recall may use its own true-positive count)."""
    tp_r = tp if tp_recall is None else tp_recall
    p = tp / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "tp": tp,
        "predicted": n_pred,
        "found": tp_r,
        "gold": n_gold,
    }


def read_gold(gold_path: str | Path) -> list[dict]:
    """The gold lines, each with its article text loaded under `text`."""
    gold_path = Path(gold_path)
    try:
        lines = gold_path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{gold_path}: {exc.strerror or exc}") from exc
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            path = gold_path.parent / item["file"]
            item["text"] = path.read_text(encoding="utf-8")
        except (ValueError, KeyError, OSError) as exc:
            raise InputError(f"{gold_path}:{number}: {exc}") from exc
        items.append(item)
    return items


def match_people(people: list[Person], gold_people: list[dict]) -> dict[int, int]:
    """Predicted index -> gold index, each gold person used once."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for pi, person in enumerate(people):
        for gi, gold in enumerate(gold_people):
            if gi not in used and names_match(person, gold):
                pairs[pi] = gi
                used.add(gi)
                break
    return pairs


def _overlaps(quote, spans: list[tuple[int, int]]) -> bool:
    """Whether a predicted quote shares at least one character with one of the spans."""
    return any(quote.start < hi and lo < quote.end for lo, hi in spans)


def score_article(item: dict, people: list[Person]) -> dict[str, Any]:
    """Counts for one article, plus the misses to read."""
    text = item["text"]
    gold_people = [dict(g, expert=True) for g in item.get("experts", [])] + [
        dict(g, expert=False) for g in item.get("other_speakers", [])
    ]
    pairs = match_people(people, gold_people)
    gold_to_pred = {g: p for p, g in pairs.items()}
    c: dict[str, Any] = {k: 0 for k in COUNT_KEYS}
    misses: list[str] = []
    study: list[dict[str, Any]] = []

    def miss(measure: str, line: str, *, listed: bool = True, **detail: Any) -> None:
        # a kind error is listed once per file, though both kind and experts count it
        if listed:
            misses.append(line)
        study.append({"measure": measure, "miss": line, **detail})

    c["speakers_pred"], c["speakers_gold"], c["speakers_tp"] = (
        len(people),
        len(gold_people),
        len(pairs),
    )
    c["experts_pred"] = sum(p.kind == "expert" for p in people)
    c["experts_gold"] = sum(g["expert"] for g in gold_people)
    c["experts_tp"] = sum(
        1 for p, g in pairs.items() if people[p].kind == "expert" and gold_people[g]["expert"]
    )
    # every occurrence of each gold item (a pull quote or abstract may repeat a body quote)
    locations: list[list[list[tuple[int, int]]]] = []
    for g in gold_people:
        locs = []
        for q in g.get("quotes", []):
            spans = [(m.start(), m.start() + len(q)) for m in re.finditer(re.escape(q), text)]
            locs.append(spans)
            if not spans:
                miss("quotes", f"gold quote not in text: {g['name']}: {q[:50]}")
        locations.append(locs)
    for gi, g in enumerate(gold_people):
        c["quotes_gold"] += len(locations[gi])
        pred = people[gold_to_pred[gi]] if gi in gold_to_pred else None
        for spans, q in zip(locations[gi], g.get("quotes", []), strict=True):
            if pred is not None and any(_overlaps(x, spans) for x in pred.quotes):
                c["quotes_found"] += 1
            else:
                speaker = pred.name if pred is not None else None
                miss("quotes", f"missed quote: {g['name']}: {q[:60]}", predicted_speaker=speaker)
    for pi, person in enumerate(people):
        item_spans = [s for spans in locations[pairs[pi]] for s in spans] if pi in pairs else []
        for x in person.quotes:
            c["quotes_pred"] += 1
            if _overlaps(x, item_spans):
                c["quotes_right"] += 1
            else:
                miss("quotes", f"wrong quote: {person.name}: {x.text[:60]}", cue=x.cue)
        if pi not in pairs:
            miss(
                "experts" if person.kind == "expert" else "speakers",
                f"extra person: {person.name} ({person.kind})",
                **_facts_of(person),
            )
        elif person.kind == "expert" and not gold_people[pairs[pi]]["expert"]:
            g = gold_people[pairs[pi]]
            miss("experts", f"expert who is not: {g['name']}", listed=False, **_facts_of(person))
    for gi, g in enumerate(gold_people):
        if gi not in gold_to_pred:
            kind = "expert" if g["expert"] else "other"
            miss("experts" if g["expert"] else "speakers", f"missed person: {g['name']} ({kind})")
        elif g["expert"] and people[gold_to_pred[gi]].kind != "expert":
            person = people[gold_to_pred[gi]]
            line = f"expert missed: {g['name']}: {person.kind}"
            miss("experts", line, listed=False, **_facts_of(person))
    for pi, gi in pairs.items():
        g, person = gold_people[gi], people[pi]
        if not g.get("borderline"):
            c["kind_total"] += 1
            if (person.kind == "expert") == g["expert"]:
                c["kind_right"] += 1
            else:
                miss("kind", f"wrong kind: {g['name']}: {person.kind}", **_facts_of(person))
        if not g["expert"]:
            continue
        c["title_total"] += 1
        if title_correct(person.title, g.get("title")):
            c["title_right"] += 1
        else:
            miss(
                "title",
                f"wrong title: {g['name']}: {person.title!r} (gold {g.get('title')!r})",
                **_facts_of(person),
            )
        for aff in g.get("affiliations") or []:
            c["aff_total"] += 1
            orgs = [
                o
                for pos in person.positions
                for o in (pos.organization, pos.parent, pos.acronym)
                if o
            ]
            if any(orgs_match(o, aff) for o in orgs):
                c["aff_found"] += 1
            else:
                miss("affiliation", f"missed affiliation: {g['name']}: {aff}", **_facts_of(person))
    c["misses"] = misses
    c["study"] = study
    return c


def _facts_of(person: Person) -> dict[str, Any]:
    """What a predicted person was given, to read beside a miss."""
    return {
        "predicted_kind": person.kind,
        "predicted_title": person.title,
        "title_sentence": person.title_evidence[0].sentence if person.title_evidence else None,
        "predicted_organizations": [
            " / ".join(o for o in (pos.organization, pos.parent, pos.acronym, pos.place) if o)
            + f" ({pos.kind})"
            for pos in person.positions
        ],
    }


# The measures misses are grouped under, in report order.
MISS_MEASURES = ("experts", "speakers", "quotes", "kind", "title", "affiliation")
COUNT_KEYS = (
    "speakers_pred",
    "speakers_gold",
    "speakers_tp",
    "experts_pred",
    "experts_gold",
    "experts_tp",
    "quotes_gold",
    "quotes_found",
    "quotes_pred",
    "quotes_right",
    "kind_total",
    "kind_right",
    "title_total",
    "title_right",
    "aff_total",
    "aff_found",
)


def evaluate_file(gold_path: str | Path) -> dict[str, Any]:
    """Run extraction on every gold article and score it; returns measures and per-file misses."""
    from directory.extract import extract_articles

    items = read_gold(gold_path)
    articles = [
        Article(text=i["text"], title=i["text"].split("\n", 1)[0], id=i["file"]) for i in items
    ]
    totals = {k: 0 for k in COUNT_KEYS}
    files = []
    by_measure: dict[str, list[dict[str, Any]]] = {m: [] for m in MISS_MEASURES}
    for item, extraction in zip(items, extract_articles(articles), strict=True):
        counts = score_article(item, extraction.people)
        for k in COUNT_KEYS:
            totals[k] += counts[k]
        files.append({"file": item["file"], "misses": counts["misses"]})
        for entry in counts["study"]:
            by_measure[entry["measure"]].append({"file": item["file"], **entry})
    t = totals
    measures = {
        "experts": prf(t["experts_tp"], t["experts_pred"], t["experts_gold"]),
        "speakers": prf(t["speakers_tp"], t["speakers_pred"], t["speakers_gold"]),
        "quotes": prf(t["quotes_right"], t["quotes_pred"], t["quotes_gold"], t["quotes_found"]),
        "kind_accuracy": _ratio(t["kind_right"], t["kind_total"]),
        "title_accuracy": _ratio(t["title_right"], t["title_total"]),
        "affiliation_recall": _ratio(t["aff_found"], t["aff_total"]),
    }
    return {
        "gold": str(gold_path),
        "articles": len(items),
        "measures": measures,
        "files": files,
        "misses": by_measure,
    }


def _ratio(right: int, total: int) -> dict[str, float]:
    return {"accuracy": right / total if total else 0.0, "right": right, "total": total}


def format_report(result: dict[str, Any]) -> str:
    """A plain table of the measures of `evaluate_file`."""
    m = result["measures"]
    lines = [f"{result['articles']} articles from {result['gold']}", ""]
    lines.append(f"{'measure':<20}{'precision':>10}{'recall':>10}{'f1':>10}   counts")
    for key in ("experts", "speakers", "quotes"):
        v = m[key]
        counts = f"right {v['tp']}/{v['predicted']} predicted, found {v['found']}/{v['gold']} gold"
        lines.append(
            f"{key:<20}{v['precision']:>10.3f}{v['recall']:>10.3f}{v['f1']:>10.3f}   {counts}"
        )
    lines.append(f"{'':<20}{'accuracy':>10}")
    for key in ("kind_accuracy", "title_accuracy", "affiliation_recall"):
        v = m[key]
        lines.append(f"{key:<20}{v['accuracy']:>10.3f}{'':>20}   {v['right']}/{v['total']}")
    return "\n".join(lines)


def format_misses(result: dict[str, Any]) -> str:
    """The misses of `evaluate_file`, measure by measure, each with what was predicted."""
    lines: list[str] = []
    for measure, entries in result["misses"].items():
        lines += ["", f"== {measure}: {len(entries)} misses"]
        for e in entries:
            lines.append(f"{e['file']}: {e['miss']}")
            if e.get("predicted_kind") is not None:
                orgs = "; ".join(e["predicted_organizations"]) or "-"
                lines.append(
                    f"    predicted: {e['predicted_kind']}, title {e['predicted_title']!r}, "
                    f"organizations {orgs}"
                )
            if e.get("title_sentence"):
                lines.append(f"    title from: {e['title_sentence'][:160]}")
            if e.get("predicted_speaker"):
                lines.append(f"    quote given to: {e['predicted_speaker']}")
    return "\n".join(lines)
