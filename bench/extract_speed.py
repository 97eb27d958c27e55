"""Extraction speed: the bare spaCy pass against the full extractor on the same texts.

    .venv/bin/python bench/extract_speed.py CORPUS_DIR [--limit N]

Reads every .txt file under CORPUS_DIR (sorted, the first N), then times
  1. spaCy:   the extractor's own pipeline (same model, same disabled pipes) over the texts;
  2. rules:   the extraction rules over those parsed docs (quotes, people, attribution, kinds,
              facts), without parsing again;
  3. extract: `extract_articles` end to end (parse + rules);
  4. entity rules: the pipeline's own entity components (nlp.ENTITY_RULE_PIPES), which run
     inside pass 1, timed apart by running them again over the parsed docs;
and prints words per second for each. Target: the rules, entity rules included, add at most
15% to the model's own pipes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directory.extract import extract_articles, extract_doc  # noqa: E402
from directory.extract.nlp import ENTITY_RULE_PIPES, load_nlp, parse_texts  # noqa: E402
from directory.models import Article  # noqa: E402


def read_corpus(folder: Path, limit: int | None) -> list[str]:
    """The texts of the first `limit` .txt files under folder, in path order."""
    paths = sorted(folder.rglob("*.txt"))[:limit]
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def main(argv: list[str] | None = None) -> int:
    """Time the three passes and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"Error: {args.corpus} is not a folder", file=sys.stderr)
        return 2
    texts = read_corpus(args.corpus, args.limit)
    if not texts:
        print(f"Error: no .txt files under {args.corpus}", file=sys.stderr)
        return 2
    words = sum(len(t.split()) for t in texts)
    load_nlp()
    list(parse_texts(texts[:5]))  # warm-up

    start = time.perf_counter()
    docs = list(parse_texts(texts))
    spacy_s = time.perf_counter() - start

    articles = [Article(text=t) for t in texts]
    start = time.perf_counter()
    people = sum(len(extract_doc(a, d).people) for a, d in zip(articles, docs, strict=True))
    rules_s = time.perf_counter() - start

    start = time.perf_counter()
    list(extract_articles(articles))
    full_s = time.perf_counter() - start

    pipes = [load_nlp().get_pipe(name) for name in ENTITY_RULE_PIPES]
    start = time.perf_counter()
    for doc in docs:
        for pipe in pipes:
            pipe(doc)
    entity_s = time.perf_counter() - start

    model_s = spacy_s - entity_s
    print(f"{len(texts)} articles, {words} words, {people} people quoted")
    print(f"{'pass':<14}{'seconds':>10}{'words/s':>12}")
    passes = [("spaCy", spacy_s), ("rules", rules_s), ("extract", full_s)]
    for name, seconds in [*passes, ("entity rules", entity_s)]:
        print(f"{name:<14}{seconds:>10.2f}{words / seconds:>12.0f}")
    share = 100 * (rules_s + entity_s) / model_s
    print(f"rules add {share:.1f}% to the model's own pipes (target <= 15%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
