"""Quote attribution against PolNeAR's own annotations, scored with citron's span metrics.

    .venv/bin/python bench/attribution_polnear.py CORPUS_DIR [--split train|dev|test|all]
        [--limit N] [--jobs N] [--misses FILE]

CORPUS_DIR holds `corpus/polnear/<split>/<name>.txt` and
`annotations/polnear/<split>/<name>_<annotator>.ann` (BRAT standoff: `T` lines for Source, Cue
and Content spans, `E` lines joining them into one attribution). An article annotated by more
than one annotator is scored against the first annotation file in name order. A `T` line whose
offsets do not parse (one file spills a span's text onto the next line) is skipped.

**Which gold attributions count.** PolNeAR annotates every attribution: groups, documents,
attitudes and actions as well as people's words. A directory of quoted people targets only these,
so an attribution is *in scope* when all of the following hold:

1. it has a Source span (`Attribution-no-source` is out of scope);
2. the source is one person, named or a pronoun: its text is "he" or "she" (any case), or the
   syntactic root of its longest piece, in en_core_web_sm's parse of the article, is a proper
   noun that is tagged PERSON there or whose word is part of a PERSON entity somewhere in the
   article ("Sen. Ted Cruz", "Trump", "campaign manager Corey Lewandowski"; not "Trump's
   campaign", "a spokesman", "the senator", "The Post"); and the root has no coordinated
   proper noun ("Trump and Ryan": a joint attribution, which no one person said);
3. the cue is a speech cue: "according to", a bare ":" or dash, or a cue containing a form of
   one of the verbs in SPEECH_CUE_VERBS below (say, tell, write, add, ask, tweet, ...; not
   believe, want, show, support).

**Which predictions count.** Every quote the extractor gives a person (organisations'
statements are not people's quotes and are left out). Quotes of one person sharing one cue are
one predicted attribution with several content spans; a quote with no cue joins the previous
quote of the same person (it continues it). A predicted attribution whose content overlaps no
in-scope gold content but does overlap an out-of-scope one is set aside (neither right nor wrong:
the gold has no person-and-speech answer there) and counted in the `set aside` line, split by why
the gold attribution was out of scope.

**Metrics** (as in bbc/citron's `citron/metrics.py`, on spaCy token offsets):
- exact source: a predicted attribution is right when some gold attribution's cue overlaps its
  cue and their source span lists are identical; gold attributions with no such prediction are
  missed. Exact content likewise with content span lists.
- overlap source/content: precision = tokens of predicted spans that lie in some gold span /
  tokens of predicted spans; recall = tokens of gold spans that lie in some predicted span /
  tokens of gold spans. This is the definition citron's README states ("the number of predicted
  tokens that overlap with correct tokens, compared to the total number of predicted and correct
  tokens"); its code sums the overlap over every predicted-gold pair, which counts a source
  shared by two gold attributions twice (precision above 100% on PolNeAR), so a token counts
  once here.
- paired (not in citron): a gold attribution is attributed when one predicted attribution
  overlaps both its content and its source; precision is the share of predicted attributions
  overlapping both the content and the source of some gold attribution.

Anchor: citron on PARC 3.0 (all attributions, not this filter) scores source overlap P/R/F1
97.4/75.8/85.3 and content overlap 93.2/75.3/83.3.

Tune on `train` only; `dev` checks; `test` is printed, never tuned on.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directory.extract import clean_text, extract_doc  # noqa: E402
from directory.extract.nlp import load_nlp  # noqa: E402
from directory.models import Article  # noqa: E402

SPLITS = ("train", "dev", "test")
T_LINE_RE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
E_LINE_RE = re.compile(r"^(E\d+)\t(.+)$")
WORD_RE = re.compile(r"[a-z]+")
# Verbs of speech: a cue holding one of their forms is a speech cue. Kept here, apart from the
# extractor's own cue list, so the filter does not follow what the extractor happens to know.
SPEECH_CUE_VERBS = WORD_RE.findall(
    """say tell write add ask note report announce suggest argue explain tweet
describe continue acknowledge declare claim state warn insist reply respond recall predict reveal
comment remark admit concede contend assert observe confirm deny stress emphasize emphasise
mention joke quip complain testify speak repeat conclude agree promise vow pledge call urge
caution wonder elaborate blame recount proclaim retort answer counter post"""
)
IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "writes", "writing", "written"],
    "speak": ["spoke", "speaks", "speaking", "spoken"],
}
PRONOUN_SOURCES = {"he", "she"}


def verb_forms(verbs: list[str]) -> frozenset[str]:
    """Base, -s, -ed and -ing forms of regular verbs, plus the listed irregular forms."""
    out: set[str] = set()
    for verb in verbs:
        out.add(verb)
        if verb in IRREGULAR:
            out.update(IRREGULAR[verb])
            continue
        stem = verb[:-1] if verb.endswith("e") else verb
        if verb.endswith("y") and verb[-2] not in "aeiou":
            out.update({verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"})
        else:
            plural = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
            doubled = verb + verb[-1] if re.search(r"[^aeiou][aeiou][pt]$", verb) else stem
            out.update({plural, doubled + "ed", doubled + "ing", stem + "ed", stem + "ing"})
    return frozenset(out)


SPEECH_CUE_WORDS = verb_forms(SPEECH_CUE_VERBS)

Span = tuple[int, int]  # character offsets


@dataclass
class Attribution:
    """One attribution: source, cue and content spans (character offsets, possibly several)."""

    sources: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    contents: list[Span] = field(default_factory=list)
    scope: str = "in"  # "in", or why it is out: "no-source", "source", "joint", "cue"


def parse_ann(text: str) -> list[Attribution]:
    """The attributions of one BRAT file (T lines whose offsets do not parse are skipped)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        m = T_LINE_RE.match(line)
        if m:
            pieces = []
            for piece in m.group(3).split(";"):
                start, end = piece.split()
                pieces.append((int(start), int(end)))
            spans[m.group(1)] = (m.group(2), pieces)
            continue
        m = E_LINE_RE.match(line)
        if m:
            roles = [tuple(part.split(":", 1)) for part in m.group(2).split()]
            events.append([r for r in roles if len(r) == 2])
    out = []
    for roles in events:
        a = Attribution()
        kind = roles[0][0] if roles else ""
        for role, ref in roles[1:]:
            if ref not in spans:
                continue
            pieces = spans[ref][1]
            if role == "Source":
                a.sources.extend(pieces)
            elif role == "Cue":
                a.cue.extend(pieces)
            elif role.startswith("Content"):
                a.contents.extend(pieces)
        if kind == "Attribution-no-source" or not a.sources:
            a.scope = "no-source"
        if a.contents or a.cue:
            out.append(a)
    return out


def is_speech_cue(text: str) -> bool:
    """'said', 'according to', 'told reporters', ':' (see SPEECH_CUE_VERBS)."""
    stripped = text.strip().lower()
    if stripped in (":", "-", "\u2014", "\u2013") or "according to" in stripped:
        return True
    return any(w in SPEECH_CUE_WORDS for w in WORD_RE.findall(stripped))


def source_scope(doc, person_words: set[str], sources: list[Span]) -> str:
    """'in' for 'he', 'she' or one named person; else why not: 'source' or 'joint'."""
    joined = " ".join(doc.text[s:e] for s, e in sources).strip().lower()
    if joined in PRONOUN_SOURCES:
        return "in"
    start, end = max(sources, key=lambda s: s[1] - s[0])
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "source"
    root = span.root
    named = root.ent_type_ == "PERSON" or (
        root.pos_ == "PROPN" and root.lower_ in person_words and root.text[:1].isupper()
    )
    if not named:
        return "source"
    if any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in root.children):
        return "joint"
    return "in"


def set_scope(doc, gold: list[Attribution]) -> None:
    """Mark each gold attribution in scope or out of it, by the rules of the module docstring."""
    person_words = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    for a in gold:
        if a.scope != "in":
            continue
        cue_text = " ".join(doc.text[s:e] for s, e in a.cue)
        a.scope = source_scope(doc, person_words, a.sources)
        if a.scope == "in" and (not a.cue or not is_speech_cue(cue_text)):
            a.scope = "cue"


def predictions(extraction) -> list[Attribution]:
    """People's quotes grouped into attributions: one per person and cue; a quote with no cue
    joins the previous quote of the same person."""
    out: list[Attribution] = []
    for person in extraction.people:
        by_cue: dict[tuple[int, int], Attribution] = {}
        last: Attribution | None = None
        for q in sorted(person.quotes, key=lambda q: q.start):
            if q.cue_start is None:
                if last is None:
                    last = Attribution(contents=[(q.start, q.end)])
                    if q.source_start is not None:
                        last.sources = [(q.source_start, q.source_end)]
                    out.append(last)
                else:
                    last.contents.append((q.start, q.end))
                continue
            key = (q.cue_start, q.cue_end)
            if key not in by_cue:
                a = Attribution(cue=[key])
                if q.source_start is not None:
                    a.sources = [(q.source_start, q.source_end)]
                by_cue[key] = a
                out.append(a)
            last = by_cue[key]
            last.contents.append((q.start, q.end))
    return out


# -- citron's span metrics, on token offsets ----------------------------------------------


def to_tokens(doc, spans: list[Span]) -> list[Span]:
    """Character spans as (first token, last token + 1), dropping spans that hold no token."""
    out = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end))
    return out


def overlapping(a: Span, b: Span) -> bool:
    """citron's are_overlapping_spans (touching spans count)."""
    return a[0] <= b[1] and a[1] > b[0]


def overlap(a: Span, b: Span) -> int:
    """Tokens two spans share (citron's get_overlap)."""
    start = min(a[1], max(a[0], b[0]))
    end = max(a[0], min(a[1], b[1]))
    return end - start


def spans_overlap(xs: list[Span], ys: list[Span]) -> int:
    """citron's get_spans_overlap."""
    return sum(overlap(x, y) for x in xs for y in ys)


def length(xs: list[Span]) -> int:
    """Tokens in a span list."""
    return sum(e - s for s, e in xs)


def token_set(span_lists) -> set[int]:
    """Every token index covered by the spans of the given span lists."""
    return {i for spans in span_lists for s, e in spans for i in range(s, e)}


def cue_overlaps(p: Attribution, g: Attribution) -> bool:
    """The cues overlap (both are single spans in citron; here any piece will do)."""
    return any(overlapping(a, b) for a in p.cue for b in g.cue)


def paired(p: Attribution, g: Attribution) -> bool:
    """The prediction overlaps both the gold content and the gold source."""
    return spans_overlap(p.contents, g.contents) > 0 and spans_overlap(p.sources, g.sources) > 0


def score_doc(pred: list[Attribution], gold: list[Attribution]) -> Counter:
    """Counts for one article (token spans), to be summed over articles."""
    c: Counter = Counter()
    for role in ("sources", "contents"):
        for p in pred:
            if any(cue_overlaps(p, g) and getattr(p, role) == getattr(g, role) for g in gold):
                c[f"{role}_exact_tp"] += 1
            else:
                c[f"{role}_exact_fp"] += 1
        for g in gold:
            if not any(cue_overlaps(p, g) and getattr(p, role) == getattr(g, role) for p in pred):
                c[f"{role}_exact_fn"] += 1
        gold_tokens = token_set(getattr(g, role) for g in gold)
        pred_tokens = token_set(getattr(p, role) for p in pred)
        for p in pred:
            c[f"{role}_pred_len"] += length(getattr(p, role))
            c[f"{role}_pred_hit"] += len(token_set([getattr(p, role)]) & gold_tokens)
        for g in gold:
            c[f"{role}_gold_len"] += length(getattr(g, role))
            c[f"{role}_gold_hit"] += len(token_set([getattr(g, role)]) & pred_tokens)
    c["paired_pred"] += len(pred)
    c["paired_gold"] += len(gold)
    c["paired_right"] += sum(any(paired(p, g) for g in gold) for p in pred)
    c["paired_found"] += sum(any(paired(p, g) for p in pred) for g in gold)
    return c


def evaluate_article(paths: tuple[Path, Path]) -> tuple[Counter, list[str]]:
    """Extract one article and score it; returns counts and lines describing its misses."""
    txt, ann = paths
    text = txt.read_text(encoding="utf-8")
    doc = next(load_nlp().pipe([clean_text(text)]))
    extraction = extract_doc(Article(text=text), doc)
    gold = parse_ann(ann.read_text(encoding="utf-8"))
    set_scope(doc, gold)
    pred = predictions(extraction)
    counts: Counter = Counter()
    for a in gold:
        counts[f"gold_{a.scope}"] += 1
    in_scope = [a for a in gold if a.scope == "in"]
    out_scope = [a for a in gold if a.scope != "in"]
    kept, aside = [], []
    for p in pred:
        if any(spans_overlap(p.contents, g.contents) for g in in_scope):
            kept.append(p)
            continue
        reasons = [g for g in out_scope if spans_overlap(p.contents, g.contents)]
        if reasons:
            counts[f"aside_{reasons[0].scope}"] += 1
            aside.append((p, reasons[0]))
        else:
            kept.append(p)
    tok_pred = [_tokens(doc, p) for p in kept]
    tok_gold = [_tokens(doc, g) for g in in_scope]
    counts.update(score_doc(tok_pred, tok_gold))
    counts["articles"] += 1
    lines = describe(doc, txt.name, kept, in_scope, tok_pred, tok_gold)
    lines.extend(f"{txt.name}\tASIDE-{g.scope}\t{show(doc, p)}\t{show(doc, g)}" for p, g in aside)
    return counts, lines


def _tokens(doc, a: Attribution) -> Attribution:
    return Attribution(to_tokens(doc, a.sources), to_tokens(doc, a.cue), to_tokens(doc, a.contents))


def describe(doc, name, pred, gold, tok_pred, tok_gold) -> list[str]:
    """Lines for the misses file: gold attributions not attributed and wrong predictions."""
    lines = []

    def paired(p, g):
        return spans_overlap(p.contents, g.contents) > 0 and spans_overlap(p.sources, g.sources) > 0

    for g, tg in zip(gold, tok_gold, strict=True):
        if not any(paired(tp, tg) for tp in tok_pred):
            lines.append(f"{name}\tMISSED\t{show(doc, g)}")
    for p, tp in zip(pred, tok_pred, strict=True):
        if not any(paired(tp, tg) for tg in tok_gold):
            lines.append(f"{name}\tWRONG\t{show(doc, p)}")
    return lines


def show(doc, a: Attribution) -> str:
    """'[source] <cue> content' for the misses file."""

    def part(spans):
        return " | ".join(doc.text[s:e][:90].replace("\n", " ") for s, e in spans)

    return f"[{part(a.sources)}] <{part(a.cue)}> {part(a.contents)}"


def article_paths(corpus: Path, split: str, limit: int | None) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs of one split, in name order, the first annotator of each."""
    texts = corpus / "corpus" / "polnear" / split
    anns = corpus / "annotations" / "polnear" / split
    pairs = {}
    for ann in sorted(anns.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        txt = texts / f"{name}.txt"
        if name not in pairs and txt.is_file():
            pairs[name] = (txt, ann)
    return [pairs[k] for k in sorted(pairs)][:limit]


def prf(tp: float, pred: float, gold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 from a hit count and the two totals."""
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(split: str, c: Counter, seconds: float) -> list[str]:
    """The table printed for one split."""
    lines = [
        f"== {split}: {c['articles']} articles, {c['gold_in']} gold attributions in scope "
        f"(out: {c['gold_source']} source not a person, {c['gold_joint']} joint, "
        f"{c['gold_cue']} not a speech cue, "
        f"{c['gold_no-source']} no source), "
        f"{c['paired_pred']} predicted, {seconds:.0f} s",
        f"{'measure':<22}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    rows = []
    for role, label in (("sources", "source"), ("contents", "content")):
        tp, fp, fn = (c[f"{role}_exact_{k}"] for k in ("tp", "fp", "fn"))
        rows.append((f"{label} exact", prf(tp, tp + fp, tp + fn)))
        p = c[f"{role}_pred_hit"] / c[f"{role}_pred_len"] if c[f"{role}_pred_len"] else 0.0
        r = c[f"{role}_gold_hit"] / c[f"{role}_gold_len"] if c[f"{role}_gold_len"] else 0.0
        rows.append((f"{label} overlap", (p, r, 2 * p * r / (p + r) if p + r else 0.0)))
    p = c["paired_right"] / c["paired_pred"] if c["paired_pred"] else 0.0
    r = c["paired_found"] / c["paired_gold"] if c["paired_gold"] else 0.0
    rows.append(("paired (who + what)", (p, r, 2 * p * r / (p + r) if p + r else 0.0)))
    for label, (p, r, f) in rows:
        lines.append(f"{label:<22}{100 * p:>8.1f}{100 * r:>8.1f}{100 * f:>8.1f}")
    lines.append(
        f"set aside (overlap only out-of-scope gold): {c['aside_source']} source not a person, "
        f"{c['aside_joint']} joint, "
        f"{c['aside_cue']} not a speech cue, {c['aside_no-source']} no source"
    )
    return lines


def run_split(corpus, split, limit, jobs, misses) -> list[str]:
    """Score one split and return its printed table."""
    paths = article_paths(corpus, split, limit)
    start = time.perf_counter()
    total: Counter = Counter()
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(evaluate_article, paths, chunksize=4))
    else:
        results = [evaluate_article(p) for p in paths]
    for counts, lines in results:
        total.update(counts)
        if misses is not None:
            misses.extend(lines)
    return report(split, total, time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    """Score the chosen splits and print one table per split."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N articles per split")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--misses", type=Path, help="write train's misses and wrong predictions here"
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "annotations" / "polnear").is_dir():
        print(f"Error: no annotations/polnear under {args.corpus}", file=sys.stderr)
        return 2
    misses: list[str] | None = [] if args.misses else None
    splits = SPLITS if args.split == "all" else (args.split,)
    for split in splits:
        # only train's misses are written: dev is checked and test scored, neither studied
        record = misses if split == "train" else None
        print("\n".join(run_split(args.corpus, split, args.limit, args.jobs, record)))
        print()
    if args.misses:
        args.misses.write_text("\n".join(misses or []) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
