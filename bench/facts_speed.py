"""Facts speed: `extract_facts` alone, over docs already parsed, and how it scales with length.

    .venv/bin/python bench/facts_speed.py CORPUS_DIR [--limit N] [--repeat K]

Reads the first N .txt files under CORPUS_DIR (sorted), parses them once, groups each doc's
PERSON entities by their last word into one mention list per person (a stand-in for the
extractor's clustering), then times `extract_facts` for every person. A second table times
one article repeated 1, 2, 4, ... K times, to show the cost grows linearly with the text.
Target: facts cost under 5% of the spaCy pass, and time per character flat as text grows.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directory.extract.facts import extract_facts  # noqa: E402
from directory.extract.nlp import load_nlp  # noqa: E402


def person_mentions(doc) -> list[list[tuple[int, int]]]:
    """One mention list per PERSON surname in the doc."""
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            groups[ent[-1].text].append((ent.start_char, ent.end_char))
    return list(groups.values())


def time_facts(docs) -> tuple[float, int]:
    """Seconds spent in extract_facts over every person of every doc, and the person count."""
    people = [(doc, m) for doc in docs for m in person_mentions(doc)]
    start = time.perf_counter()
    for doc, mentions in people:
        extract_facts(doc, mentions)
    return time.perf_counter() - start, len(people)


def main(argv: list[str] | None = None) -> int:
    """Print the two tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=16)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"Error: {args.corpus} is not a folder", file=sys.stderr)
        return 2
    paths = sorted(args.corpus.rglob("*.txt"))[: args.limit]
    if not paths:
        print(f"Error: no .txt files under {args.corpus}", file=sys.stderr)
        return 2
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    nlp = load_nlp()

    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    spacy_s = time.perf_counter() - start
    facts_s, people = time_facts(docs)
    chars = sum(len(t) for t in texts)
    print(
        f"{'articles':>8} {'chars':>9} {'people':>7} {'spaCy s':>8} {'facts s':>8} "
        f"{'facts/spaCy':>11} {'ms/person':>9}"
    )
    print(
        f"{len(texts):>8} {chars:>9} {people:>7} {spacy_s:>8.2f} {facts_s:>8.3f} "
        f"{facts_s / spacy_s:>10.1%} {1000 * facts_s / max(people, 1):>9.2f}"
    )

    print()
    print(f"{'copies':>6} {'chars':>9} {'people':>7} {'facts s':>8} {'us/char':>8}")
    base = max(texts, key=len)
    k = 1
    while k <= args.repeat:
        doc = nlp("\n".join([base] * k))
        seconds, n = time_facts([doc])
        print(
            f"{k:>6} {len(doc.text):>9} {n:>7} {seconds:>8.3f} "
            f"{1e6 * seconds / len(doc.text):>8.2f}"
        )
        k *= 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
