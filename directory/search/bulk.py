"""A full rebuild written fast: one segment per worker process, postings written as arrays.

Whoosh's own writer runs every token through a chain of generators, pools every posting, sorts
the pool and writes it back one posting at a time, looking up each document's field length on
the way: a 100,000-profile index took six minutes of one core. Here each worker process takes a
share of the records, analyses the large prose fields (quotes, context, story) with one cached
lookup per distinct word, keeps postings as integer arrays, sorts them with numpy and writes a
field's blocks with their statistics found for the whole field at once, in the same on-disk
format (`codec.write_field_postings`). The small fields go through Whoosh's own `field.index`
(once per distinct value), so every term is exactly what Whoosh would write;
`tests/test_search_bulk.py` checks the two writers give the same index. The parent then lists
the workers' segments in one table of contents: searching several segments costs little, since
`scoring` reads each term's postings per segment into arrays.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import queue
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from whoosh.filedb.filestore import FileStorage
from whoosh.index import _DEF_INDEX_NAME, TOC
from whoosh.support.charset import accent_map
from whoosh.util.numeric import byte_to_length, length_to_byte

from directory.errors import StoreError

from .codec import ArrayCodec, FieldPostingArrays, write_field_postings
from .schema import TEXT_ANALYZER, build_schema, record_to_document, topic_fields
from .stemmer import light_stem
from .topics import PhraseCounts, candidates, choose_topics

log = logging.getLogger(__name__)

# Fields analysed here rather than by Whoosh: large, no positions, TEXT_ANALYZER.
FAST_FIELDS = ("quotes", "context", "story")
CHUNK = 200
# Below this many records one process writes everything: starting workers costs more.
PARALLEL_MIN = 2_000
# Distinct small-field values remembered at once by a segment builder.
ANALYSED_LIMIT = 200_000


def _analysis_parts():
    """The tokenizer pattern, stop words and minimum size of TEXT_ANALYZER, read from it so the
    fast path cannot drift from the analyzer Whoosh uses for the same fields."""
    tokenizer, _lower, _charset, stop, _stem = TEXT_ANALYZER.items
    return _whole_matches(tokenizer.expression), frozenset(stop.stops), stop.min


def _whole_matches(pattern: re.Pattern) -> re.Pattern:
    """The same pattern with its groups made non-capturing, so `findall` gives whole tokens."""
    return re.compile(re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern.pattern), pattern.flags)


class Analyzer:
    """TEXT_ANALYZER for Frequency fields, one dictionary lookup per distinct word."""

    # The cached term of a word the analyzer drops (a stop word, a single letter).
    DROPPED = ""

    def __init__(self) -> None:
        self.pattern, self.stops, self.minsize = _analysis_parts()
        self.cache: dict[str, str] = {}

    def _term(self, token: str) -> str:
        text = token.lower().translate(accent_map)
        if len(text) < self.minsize or text in self.stops:
            return self.DROPPED
        return light_stem(text)

    def counts(self, text: str) -> Counter:
        """Each term's frequency in a text."""
        cache = self.cache
        tokens = self.pattern.findall(text)
        # Tokenising, looking up and counting all run in C; only new words are analysed here.
        terms = Counter(map(cache.get, tokens))
        if None in terms:
            for token in tokens:
                if token not in cache:
                    cache[token] = self._term(token)
            terms = Counter(map(cache.get, tokens))
        terms.pop(self.DROPPED, None)
        if len(cache) > 500_000:
            cache.clear()  # a bounded memory for huge vocabularies
        return terms


class FieldPostings:
    """One field's postings of one segment, as parallel arrays with terms as small integers."""

    def __init__(self) -> None:
        self.ids: dict[bytes, int] = {}
        self.terms = array("I")
        self.docs = array("I")
        self.weights = array("f")
        self.values: list[bytes] = []
        self.lengths: dict[int, int] = {}
        # Terms of the prose fields by their text: encoding each occurrence cost more than this.
        self.text_ids: dict[str, int] = {}

    def term_id(self, tbytes: bytes) -> int:
        """The integer of a term (new terms numbered in order of arrival)."""
        found = self.ids.get(tbytes)
        if found is None:
            found = self.ids[tbytes] = len(self.ids)
        return found


class SegmentBuilder:
    """Documents into one new segment of the index in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.storage = FileStorage(str(folder))
        self.schema = build_schema()
        self.codec = ArrayCodec()
        self.segment = self.codec.new_segment(self.storage, _DEF_INDEX_NAME)
        self.perdoc = self.codec.per_document_writer(self.storage, self.segment)
        self.fields: dict[str, FieldPostings] = {}
        self.analyzer = Analyzer()
        # Small fields repeat their values (a kind, a country, an employer): each distinct
        # value is analysed once.
        self.analysed: dict[tuple[str, object], tuple[list, list, list, int]] = {}
        self.count = 0

    def add(self, document: dict) -> None:
        """Add one document (as `schema.record_to_document` makes them)."""
        docnum = self.count
        self.perdoc.start_doc(docnum)
        for fieldname in sorted(document):
            value = document[fieldname]
            if value is None:
                continue
            field = self.schema[fieldname]
            length = 0
            if field.indexed:
                postings = self.fields.get(fieldname)
                if postings is None:
                    postings = self.fields[fieldname] = FieldPostings()
                length = self._index(postings, fieldname, field, value, docnum)
            self.perdoc.add_field(fieldname, field, value if field.stored else None, length)
            if field.column_type is not None:
                self.perdoc.add_column_value(
                    fieldname, field.column_type, field.to_column_value(value)
                )
        self.perdoc.finish_doc()
        self.count += 1

    def _index(self, postings: FieldPostings, fieldname, field, value, docnum) -> int:
        """Add one field value's postings; returns the field length (0 when not scorable)."""
        if fieldname in FAST_FIELDS:
            counts = self.analyzer.counts(value)
            ids = self._text_ids(postings, counts)
            weights = counts.values()
            postings.values = []  # Frequency values are rebuilt from the weights
            length = sum(weights)
        else:
            key = (fieldname, value)
            found = self.analysed.get(key)
            if found is None:
                if len(self.analysed) >= ANALYSED_LIMIT:
                    self.analysed.clear()
                found = self.analysed[key] = self._analyse(postings, field, value)
            ids, weights, values, length = found
            postings.values.extend(values)
        postings.terms.extend(ids)
        postings.docs.extend([docnum] * len(ids))
        postings.weights.extend(weights)
        if not field.scorable:
            return 0
        if length:
            # Postings carry the length as the lengths column keeps it: rounded to a byte.
            postings.lengths[docnum] = byte_to_length(length_to_byte(length))
        return length

    @staticmethod
    def _text_ids(postings: FieldPostings, counts: Counter) -> list[int]:
        """The term integers of a prose field's terms, numbering new ones."""
        text_ids = postings.text_ids
        ids = list(map(text_ids.get, counts))
        if None in ids:
            for term in counts:
                if term not in text_ids:
                    text_ids[term] = postings.term_id(term.encode("utf-8"))
            ids = list(map(text_ids.get, counts))
        return ids

    @staticmethod
    def _analyse(postings: FieldPostings, field, value) -> tuple[list, list, list, int]:
        """One value of a small field as Whoosh indexes it: term integers, weights, encoded
        values and the field length it adds."""
        ids, weights, values, length = [], [], [], 0
        for tbytes, freq, weight, vbytes in field.index(value):
            ids.append(postings.term_id(tbytes))
            weights.append(weight)
            values.append(vbytes)
            length += freq
        return ids, weights, values, length

    def finish(self):
        """Write the postings and close the segment; returns the Whoosh segment."""
        self.perdoc.close()
        writer = self.codec.field_writer(self.storage, self.segment)
        for fieldname in sorted(self.fields):
            self._write_field(writer, fieldname, self.fields[fieldname])
        writer.close()
        self.segment.set_doc_count(self.count)
        return self.segment

    def _write_field(self, writer, fieldname: str, postings: FieldPostings) -> None:
        fast = fieldname in FAST_FIELDS
        names = sorted(postings.ids)  # terms in byte order, as the terms table requires
        rank = np.empty(len(names), dtype=np.int64)
        rank[[postings.ids[n] for n in names]] = np.arange(len(names))
        terms = rank[np.frombuffer(postings.terms, dtype=np.uint32)]
        order = np.argsort(terms, kind="stable")  # documents stay in order within a term
        terms = terms[order]
        by_doc = np.zeros(self.count + 1, dtype=np.int64)
        by_doc[list(postings.lengths)] = list(postings.lengths.values())
        docs = np.frombuffer(postings.docs, dtype=np.uint32)[order]
        writer.start_field(fieldname, self.schema[fieldname])
        write_field_postings(
            writer,
            FieldPostingArrays(
                names=names,
                starts=np.flatnonzero(np.diff(terms, prepend=-1)),
                docs=docs,
                weights=np.frombuffer(postings.weights, dtype=np.float32)[order],
                # A Frequency field's values are its frequencies, rebuilt from the weights.
                values=None if fast else [postings.values[i] for i in order.tolist()],
                lengths=by_doc[docs],
            ),
        )
        writer.finish_field()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a segment is built.

    Building allocates millions of small containers that live until the segment is written and
    form almost no cycles, so every collection re-scans them for nothing. Reference counting
    still frees everything else as it goes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
def _shard(folder: str, records: Iterable[dict]) -> tuple[object, PhraseCounts, int]:
    """Write one segment from records: topics weighed by this share's own phrase counts."""
    kept = [r for r in records if not r.get("hidden")]
    found = [candidates(record) for record in kept]
    counts = PhraseCounts()
    for record, item in zip(kept, found, strict=True):
        counts.add(item)
        counts.add_name(record)
    builder = SegmentBuilder(Path(folder))
    for record, item in zip(kept, found, strict=True):
        document = record_to_document(record)
        document.update(topic_fields(choose_topics(item, counts)))
        builder.add({k: v for k, v in document.items() if v != ""})
    counts.seen.clear()
    counts.articles_seen.clear()
    return builder.finish(), counts, len(kept)


def _worker(folder: str, inbox, outbox) -> None:
    """A worker process: records arrive in chunks until None; the segment goes back."""

    def chunks() -> Iterator[dict]:
        while True:
            chunk = inbox.get()
            if chunk is None:
                return
            yield from chunk

    try:
        outbox.put(_shard(folder, chunks()))
    except BaseException as error:  # the parent reports it; the worker must not hang it
        outbox.put(error)


def build_segments(folder: Path, records: Iterable[dict], jobs: int | None = None):
    """Write every visible record into the empty index at `folder`: one segment per worker
    (`jobs`, default one per core), or one in this process for a small corpus. Returns (count,
    phrase counts)."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    records = iter(records)
    first = [r for _, r in zip(range(PARALLEL_MIN), records, strict=False)]
    if jobs == 1 or len(first) < PARALLEL_MIN:
        segment, counts, count = _shard(str(folder), [*first, *records])
        _write_toc(folder, [segment] if count else [])
        return count, counts
    # Forked, as the ingest's workers are: nothing to import again, nothing to pickle but records.
    context = multiprocessing.get_context("fork")
    inboxes = [context.Queue(maxsize=8) for _ in range(jobs)]
    outbox = context.Queue()
    workers = [
        context.Process(target=_worker, args=(str(folder), inbox, outbox), daemon=True)
        for inbox in inboxes
    ]
    for worker in workers:
        worker.start()
    try:
        chunk, turn = [], 0
        for record in _chain(first, records):
            chunk.append(record)
            if len(chunk) >= CHUNK:
                inboxes[turn % jobs].put(chunk)
                chunk, turn = [], turn + 1
        if chunk:
            inboxes[turn % jobs].put(chunk)
        for inbox in inboxes:
            inbox.put(None)
        results = _collect(outbox, workers)
    finally:
        for worker in workers:
            worker.join(timeout=60)
            if worker.is_alive():
                worker.terminate()
    failed = [r for r in results if isinstance(r, BaseException)]
    if failed:
        raise failed[0]
    segments = [segment for segment, _, count in results if count]
    counts = PhraseCounts()
    for _, part, _ in results:
        counts.merge(part)
    _write_toc(folder, segments)
    return sum(count for _, _, count in results), counts


def _collect(outbox, workers) -> list:
    """One result per worker; StoreError when a worker died without one (killed, out of
    memory) rather than waiting for it for ever."""
    results = []
    while len(results) < len(workers):
        try:
            results.append(outbox.get(timeout=1.0))
        except queue.Empty:
            dead = [w for w in workers if w.exitcode not in (None, 0)]
            if dead:
                raise StoreError(
                    f"an index-building process ended with status {dead[0].exitcode}"
                ) from None
    return results


def _chain(first: list[dict], rest: Iterator[dict]) -> Iterator[dict]:
    yield from first
    yield from rest


def _write_toc(folder: Path, segments: list) -> None:
    """Make `segments` the content of the index at `folder` (the next generation)."""
    storage = FileStorage(str(folder))
    generation = TOC._latest_generation(storage, _DEF_INDEX_NAME) + 1
    TOC(build_schema(), segments, generation).write(storage, _DEF_INDEX_NAME)
    for name in storage.list():
        if name.endswith(".toc") and name != TOC._filename(_DEF_INDEX_NAME, generation):
            storage.delete_file(name)
