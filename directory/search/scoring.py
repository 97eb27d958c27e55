"""BM25 ranking in numpy over Whoosh's postings: Whoosh stores the index, numpy does the sums.

Whoosh's own matcher tree walks every posting in Python, several calls per document, which is
too slow for broad queries at 100,000 profiles. Here each term's posting list is read block by
block into arrays (cached per segment, for the whole process) and scored for all documents at once.
"""

from __future__ import annotations

import bisect
import math
from array import array
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from .memo import SizedCache

K1 = 1.2
B = 0.75
# Fields that are lists (organizations, titles, names) are less length-normalised: a person with
# nine affiliations should match "Fudan University" nearly as well as someone with one.
FIELD_B = {f: 0.55 for f in ("name", "title", "orgs", "places", "research", "pubs")}
# Bytes of posting arrays kept per process (least recently used go first): a posting is 8 bytes.
POSTINGS_BUDGET = 48 * 2**20
# The largest term frequency kept as a 16-bit count per document (see `_pack`).
DENSE_COUNT_MAX = 2**16 - 1
# Document frequencies remembered per index version (a query asks for each word in many fields).
FREQUENCIES_KEPT = 50_000
FREQUENCIES_BUDGET = 2**20
NAME_FIELDS = frozenset({"name", "name_sound", "name_prefix"})
MARKER_FIELD = "family"
STORY_FIELD = "story"
STORY_MIN_WORDS = 3
# Weight of name evidence when only one query word hits a document's name.
PARTIAL_NAME = 0.35
# A match is strong when the query words it supports (outside the story field, and not by
# fuzzy name matching) carry more than this share of the query's weight.
STRONG_COVERAGE = 0.5
# A word supports a match where it scores at least this share of its best score in the index:
# a passing use in a head of state's thousand quotes supports nothing.
SUPPORT_SHARE = 0.2
# In the share of the query a document matches (`coord`), each word counts by its weight; a
# generic role word ("analyst") counts this much, a stop word nothing.
GENERIC_COORD = 1.0
# A guessed spelling supports half as much as the word itself, and only where two query words
# hit the same name ("Jacob Nielson" for Jakob Nielsen).
FUZZY_SUPPORT = 0.5
# A term in more than 1/DENSE_SHARE of the documents is scored over whole arrays (`dense_scores`).
DENSE_SHARE = 16
BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


@dataclass
class Leaf:
    """One term in one field with its query-time boost; `fuzzy` when the term is a guess at
    the word (a sound code, a prefix, a spelling within edits) rather than the word itself."""

    field: str
    term: str
    boost: float = 1.0
    fuzzy: bool = False
    # The document frequency to weigh the term by, when not the field's own: a word is as rare
    # as it is across all of a profile's prose ("research" is rare among organization names,
    # not among profiles).
    df: int | None = None


@dataclass
class Clause:
    """One query word (or phrase): its best-matching leaf counts, the others add `tiebreak`.

    `weight` is what the word tells apart (its rarity; 0 for stop words and generic role words
    such as "expert" or "analyst"): a match is strong when the words it supports carry more than
    STRONG_COVERAGE of the query's weight. `name_like` says the word may stand for a name on
    its own (a family-name hit then counts fully).
    """

    leaves: list[Leaf] = field(default_factory=list)
    tiebreak: float = 0.3
    weight: float = 1.0
    name_like: bool = True


class ClauseHits:
    """One clause's leaf scores over every document: the best and the sum of its name leaves,
    of its other leaves and of its story leaves. An array is made only when a leaf of its kind
    hits: most words hit few of the fields, and each array costs a pass over every document."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.name_best = self.name_rest = self.exact = None
        self.text_best = self.text_rest = None
        self.story_best = None

    @property
    def found(self) -> bool:
        """Whether any leaf hit."""
        return not (self.name_best is None and self.text_best is None and self.story_best is None)

    def _zeros(self) -> np.ndarray:
        return np.zeros(self.size, dtype=np.float32)

    def add_dense(self, scores: np.ndarray, *, story: bool) -> None:
        """A leaf's scores for every document."""
        if story:
            if self.story_best is None:
                self.story_best = self._zeros()
            np.maximum(self.story_best, scores, out=self.story_best)
            return
        if self.text_best is None:
            self.text_best, self.text_rest = self._zeros(), self._zeros()
        np.maximum(self.text_best, scores, out=self.text_best)
        self.text_rest += scores

    def add(self, docs: np.ndarray, scores: np.ndarray, *, field: str, exact: bool) -> None:
        """A leaf's scores for the documents it occurs in."""
        if field == STORY_FIELD:
            if self.story_best is None:
                self.story_best = self._zeros()
            self.story_best[docs] = np.maximum(self.story_best[docs], scores)
            return
        if field in NAME_FIELDS:
            if self.name_best is None:
                self.name_best, self.name_rest = self._zeros(), self._zeros()
                self.exact = np.zeros(self.size, dtype=bool)
            if exact:
                self.exact[docs] = True
            best, rest = self.name_best, self.name_rest
        else:
            if self.text_best is None:
                self.text_best, self.text_rest = self._zeros(), self._zeros()
            best, rest = self.text_best, self.text_rest
        best[docs] = np.maximum(best[docs], scores)
        rest[docs] += scores

    def combined(self, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The best leaf and the sum of the leaves per document, name scores times `weight`
        (the arrays are reused: call once)."""
        if self.name_best is None:
            if self.text_best is None:
                return self._zeros(), self._zeros()
            return self.text_best, self.text_rest
        best = np.multiply(self.name_best, weight, out=self.name_best)
        rest = np.multiply(self.name_rest, weight, out=self.name_rest)
        if self.text_best is not None:
            np.maximum(best, self.text_best, out=best)
            rest += self.text_rest
        return best, rest


@dataclass
class Scores:
    """Per document: the score, and whether the match is strong (see Ranker.score)."""

    total: np.ndarray
    strong: np.ndarray
    coverage: np.ndarray | None = None


def _as_array(values) -> np.ndarray:
    # ArrayCodec blocks hold typed arrays (of several widths), read without copying; older
    # blocks hold tuples.
    if isinstance(values, array):
        return np.frombuffer(values, dtype=values.typecode)
    return np.asarray(values)


def _block_arrays(matcher) -> tuple[np.ndarray, np.ndarray]:
    """All (docnum, weight) pairs of one segment's posting list, a block at a time."""
    ids, weights = [], []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            raw_ids, raw_weights = matcher._data[0], matcher._data[1]
            block = _as_array(raw_ids)
            ids.append(block if matcher._byteids else np.cumsum(block, dtype=np.int32))
            n = len(block)
            if raw_weights is None:
                weights.append(np.ones(n, dtype=np.float32))
            elif isinstance(raw_weights, float):
                weights.append(np.full(n, raw_weights, dtype=np.float32))
            else:
                weights.append(_as_array(raw_weights).astype(np.float32, copy=False))
            matcher._next_block()
    else:  # inlined postings or another codec: the slow, generic way
        pairs = []
        while matcher.is_active():
            pairs.append((matcher.id(), matcher.weight()))
            matcher.next()
        if pairs:
            ids.append(np.array([p[0] for p in pairs], dtype=np.int32))
            weights.append(np.array([p[1] for p in pairs], dtype=np.float32))
    if not ids:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids).astype(np.int32, copy=False), np.concatenate(weights)


def values_of(matcher, wanted: np.ndarray) -> dict[int, object]:
    """The posting values (encoded positions, say) of the wanted documents (sorted
    segment-local numbers) in one posting list.

    Only blocks that may hold a wanted document are read, and they are searched as arrays:
    Whoosh's `skip_to` steps through a block one posting at a time in Python.
    """
    found: dict[int, object] = {}
    if not isinstance(matcher, W3LeafMatcher):  # inlined postings or another codec
        wanted_set = set(wanted.tolist())
        while matcher.is_active():
            if matcher.id() in wanted_set:
                found[matcher.id()] = matcher.value()
            matcher.next()
        return found
    start, count = 0, len(wanted)
    while matcher.is_active() and start < count:
        end = int(np.searchsorted(wanted, matcher.block_max_id(), side="right"))
        if end > start:
            if matcher._values is None:
                matcher._read_values()
            block = _as_array(matcher._data[0])
            ids = block if matcher._byteids else np.cumsum(block, dtype=np.int64)
            chunk = wanted[start:end]
            at = np.minimum(np.searchsorted(ids, chunk), len(ids) - 1)
            held = ids[at] == chunk
            values = matcher._values
            for docnum, i in zip(chunk[held].tolist(), at[held].tolist(), strict=True):
                found[docnum] = values[i]
            start = end
        matcher._next_block()
    return found


def segment_key(segment) -> tuple:
    """What names one segment of one index for the whole process: its folder and segment id."""
    storage = segment._storage
    return (getattr(storage, "folder", None) or id(storage), segment._segment.segment_id())


class SegmentPostings:
    """Posting arrays per (segment, field, term), shared by every thread and index version,
    within `budget` bytes.

    Segments never change once written, so a search after an ingest commit (a new index version
    with one more small segment) still finds the large segment's postings read, and the threads
    of a web worker share one cache. A term the segment lacks is not kept: looking it up again
    costs one hash probe, and keeping it would let random words grow the cache.
    """

    def __init__(self, budget: int = POSTINGS_BUDGET) -> None:
        self.budget = budget
        self._cache = SizedCache(2**31, budget, _packed_bytes)

    @property
    def used(self) -> int:
        """The bytes kept."""
        return self._cache.used

    def get(self, segment, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Segment-local document numbers and term frequencies of one term."""
        return _unpack(self.kept(segment, fieldname, term))

    def kept(self, segment, fieldname: str, term: str):
        """The term's postings in the form kept (see `_pack`): (numbers, frequencies), or a
        count for every document of the segment."""
        key = (*segment_key(segment), fieldname, term)
        found = self._cache.get(key)
        if found is not None:
            return found
        found = read_postings(segment, fieldname, term)
        if not len(found[0]):
            return found
        packed = _pack(found, segment.doc_count_all())
        self._cache.put(key, packed)
        return packed


def _pack(postings: tuple[np.ndarray, np.ndarray], size: int):
    """Postings as kept: frequencies as 16-bit counts (6 bytes a posting, not 8), and a term in
    most documents of a segment (a common word in quotes) as one count per document (2 bytes a
    document), so that more common words stay read. Weights that are not counts stay as read."""
    docs, tf = postings
    if not len(docs) or tf.max() > DENSE_COUNT_MAX or tf.min() < 1:
        return postings
    if not np.array_equal(tf, np.floor(tf)):
        return postings
    if len(docs) * 6 <= size * 2:
        return docs, tf.astype(np.uint16)
    counts = np.zeros(size, dtype=np.uint16)
    counts[docs] = tf
    return counts


def _unpack(kept) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(kept, tuple):
        docs, tf = kept
        return docs, tf if tf.dtype == np.float32 else tf.astype(np.float32)
    docs = np.flatnonzero(kept).astype(np.int32)
    return docs, kept[docs].astype(np.float32)


def _packed_bytes(kept) -> int:
    return kept.nbytes if isinstance(kept, np.ndarray) else kept[0].nbytes + kept[1].nbytes


def read_postings(segment, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """Segment-local document numbers and term frequencies of one term, read from disk."""
    try:
        raw = segment._text_to_bytes(fieldname, term)
        matcher = segment._terms.matcher(fieldname, raw, segment.schema[fieldname].format)
    except (TermNotFound, KeyError, AttributeError):
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    return _block_arrays(matcher)


SHARED_POSTINGS = SegmentPostings()


def _live_mask(leaves, size: int) -> np.ndarray:
    """True for every document not deleted, from each segment's (small) set of deletions.

    Asking the reader for every live document number walks all of them in Python (a fifth of a
    second at 100,000 profiles), once per index change and thread.
    """
    live = np.ones(size, dtype=bool)
    for segment, offset in leaves:
        if segment.has_deletions():
            deleted = np.fromiter(segment._perdoc.deleted_docs(), dtype=np.int64)
            live[deleted + offset] = False
    return live


class Ranker:
    """Per-version arrays for scoring: live documents, field lengths and cached postings."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.leaves = list(self.reader.leaf_readers())
        self._lengths: dict[str, tuple[np.ndarray, float]] = {}
        self._norms: dict[str, np.ndarray] = {}
        self._columns: dict[str, np.ndarray | list] = {}
        self._lexicons: dict[str, list[str]] = {}
        self._texts: dict[str, list] = {}
        self._frequencies = SizedCache(FREQUENCIES_KEPT, FREQUENCIES_BUDGET)
        self.live = _live_mask(self.leaves, self.size)

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """How many documents hold the term (as Whoosh's reader counts them); remembered, since
        planning one query asks for the same words in many fields."""
        key = (fieldname, term)
        found = self._frequencies.get(key)
        if found is None:
            found = self.reader.doc_frequency(fieldname, term)
            self._frequencies.put(key, found, 8)
        return found

    def terms_within(self, fieldname: str, text: str, maxdist: int, prefix: int = 0) -> list:
        """The field's terms within `maxdist` edits (Levenshtein) of `text`, sharing its first
        `prefix` letters.

        The field's terms are held in memory, sorted, so those sharing the prefix are one slice,
        which rapidfuzz compares in C (a Levenshtein automaton walked in Python costs
        milliseconds per word).
        """
        terms = self._lexicons.get(fieldname)
        if terms is None:
            terms = self._lexicons[fieldname] = sorted(
                t.decode("utf-8") if isinstance(t, bytes) else t
                for t in self.reader.lexicon(fieldname)
            )
        head = text[:prefix]
        low = bisect.bisect_left(terms, head)
        high = bisect.bisect_left(terms, head + "\U0010ffff") if head else len(terms)
        near = process.extract(
            text[prefix:],
            [t[prefix:] for t in terms[low:high]],
            scorer=Levenshtein.distance,
            score_cutoff=maxdist,
            limit=None,
        )
        return [terms[low + i] for _, _, i in near]

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers and term frequencies of one term (deleted documents included)."""
        ids, weights = [], []
        if not self.doc_frequency(fieldname, term):
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        for segment, offset in self.leaves:
            seg_ids, seg_weights = SHARED_POSTINGS.get(segment, fieldname, term)
            if len(seg_ids):
                ids.append(seg_ids + offset if offset else seg_ids)
                weights.append(seg_weights)
        if len(ids) == 1:
            return ids[0], weights[0]
        if ids:
            return np.concatenate(ids), np.concatenate(weights)
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)

    def lengths(self, fieldname: str) -> tuple[np.ndarray, float]:
        """Every document's length in a field, and the average."""
        if fieldname not in self._lengths:
            out = np.zeros(self.size, dtype=np.float32)
            for segment, offset in self.leaves:
                column = segment._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                if column is None:
                    continue
                raw = column._dbfile.get(column._basepos, column._count)
                codes = np.frombuffer(raw, dtype=np.uint8)
                out[offset : offset + len(codes)] = BYTE_LENGTHS[codes]
            average = self.reader.field_length(fieldname) / max(1, self.size)
            self._lengths[fieldname] = (out, max(average, 1.0))
        return self._lengths[fieldname]

    def norms(self, fieldname: str) -> np.ndarray:
        """BM25's length normalisation of every document in a field."""
        if fieldname not in self._norms:
            lengths, average = self.lengths(fieldname)
            b = FIELD_B.get(fieldname, B)
            self._norms[fieldname] = K1 * ((1 - b) + b * lengths / average)
        return self._norms[fieldname]

    def dense_scores(self, leaf: Leaf) -> np.ndarray | None:
        """BM25 scores of one leaf for every document (0 where the term is absent), when its
        posting list is long enough that whole-array arithmetic beats indexing by document;
        else None. Each score is computed exactly as `leaf_scores` computes it."""
        if self.doc_frequency(leaf.field, leaf.term) * DENSE_SHARE < self.size:
            return None
        tf = np.zeros(self.size, dtype=np.float32)
        postings = 0
        for segment, offset in self.leaves:
            kept = SHARED_POSTINGS.kept(segment, leaf.field, leaf.term)
            if isinstance(kept, np.ndarray):
                tf[offset : offset + len(kept)] = kept
                postings += int(np.count_nonzero(kept))
            elif len(kept[0]):
                tf[kept[0] + offset] = kept[1]
                postings += len(kept[0])
        if not postings:
            return None
        return self._bm25(leaf, tf, self.norms(leaf.field), postings)

    def leaf_scores(self, leaf: Leaf) -> tuple[np.ndarray, np.ndarray]:
        """BM25 scores of one leaf for the documents it occurs in."""
        docs, tf = self.postings(leaf.field, leaf.term)
        if not len(docs):
            return docs, tf
        return docs, self._bm25(leaf, tf, self.norms(leaf.field)[docs], len(docs))

    def _bm25(self, leaf: Leaf, tf: np.ndarray, norm: np.ndarray, postings: int) -> np.ndarray:
        """BM25 of term frequencies against their documents' length normalisation."""
        df = max(postings, leaf.df or 0)
        idf = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
        return (leaf.boost * idf) * tf * (K1 + 1) / (tf + norm)

    def score(self, clauses: list[Clause], *, coord: float = 0.0) -> np.ndarray:
        """Per document: the sum over clauses of its best leaf plus `tiebreak` x the others."""
        return self.score_matches(clauses, coord=coord).total

    def score_matches(self, clauses: list[Clause], *, coord: float = 0.0) -> Scores:
        """Per document: the sum over clauses of its best leaf plus `tiebreak` x the others,
        and whether the match is strong.

        Name evidence counts fully only when a query word hits a family name, or two hit the same
        name (or the query has one name-like word): "Nancy Reagan's influence" must not rank
        every Nancy first, while "Vladeck law professor" still finds Vladeck. A story (the
        opening of an article the person was quoted in) counts only where at least
        STORY_MIN_WORDS query words hit it: one word ("economist") is often about someone else
        quoted in the same story, several words name the story itself.
        With `coord`, a document matching fewer of the clauses is scaled down.

        A match is strong when it names the person (two query words hit the name, one of them
        as written, or a name-like word hits the family name as written), or when the query words
        it supports outside the story field, and not through a guessed spelling, carry at least
        more than STRONG_COVERAGE of the query's weight (`Clause.weight`).
        """
        parts = []
        name_hits = np.zeros(self.size, dtype=np.int16)
        exact_name_hits = np.zeros(self.size, dtype=np.int16)
        named_hits = np.zeros(self.size, dtype=np.int16)
        story_hits = np.zeros(self.size, dtype=np.int16)
        family_hit = np.zeros(self.size, dtype=bool)
        family_exact = np.zeros(self.size, dtype=bool)
        covered = np.zeros(self.size, dtype=np.float32)
        guessed = np.zeros(self.size, dtype=np.float32)
        name_capable = 0
        countable = 0.0
        for clause in clauses:
            name_capable += any(leaf.field in NAME_FIELDS for leaf in clause.leaves)
            prose = any(leaf.field not in NAME_FIELDS for leaf in clause.leaves)
            counted = clause.weight or GENERIC_COORD * prose
            countable += counted
            hits = self._clause_hits(clause, family_hit, family_exact)
            if hits.name_best is not None:
                name_found = hits.name_best > 0
                name_hits += name_found
                if clause.weight and clause.name_like:
                    exact_name_hits += hits.exact
                    named_hits += name_found
            if clause.weight:
                self._cover(clause.weight, hits, covered, guessed)
            if hits.story_best is not None:
                story_hits += hits.story_best > 0
            if hits.found:
                parts.append((hits, clause.tiebreak, counted))
        full = (name_hits >= min(2, name_capable)) | family_hit
        weight = np.where(full, 1.0, PARTIAL_NAME)
        weight = weight.astype(np.float32)
        story_counts = story_hits >= STORY_MIN_WORDS
        total = np.zeros(self.size, dtype=np.float32)
        matched = np.zeros(self.size, dtype=np.float32)
        for hits, tiebreak, counted in parts:
            best, rest = hits.combined(weight)
            if hits.story_best is not None:
                story = np.where(story_counts, hits.story_best, 0.0)
                np.maximum(best, story, out=best)
                rest += story
            rest -= best
            rest *= tiebreak
            rest += best
            total += rest
            matched += counted * (best > 0)
        if coord and countable:
            total *= (matched / countable) ** coord
        total[~self.live] = 0.0
        named = (exact_name_hits >= 2) | ((exact_name_hits >= 1) & (named_hits >= 2)) | family_exact
        covered += np.where(name_hits >= 2, FUZZY_SUPPORT, 0.0) * guessed
        query_weight = sum(clause.weight for clause in clauses)
        coverage = covered / query_weight if query_weight > 0 else covered
        strong = named | (coverage > STRONG_COVERAGE) if query_weight > 0 else named
        return Scores(total, strong & (total > 0), coverage)

    def _clause_hits(self, clause: Clause, family_hit, family_exact) -> ClauseHits:
        """One clause's leaf scores, best and summed, for names, other fields and stories; its
        family-name markers are set in `family_hit` and `family_exact`."""
        hits = ClauseHits(self.size)
        for leaf in clause.leaves:
            if leaf.field == MARKER_FIELD:
                if clause.name_like:
                    docs = self.postings(leaf.field, leaf.term)[0]
                    family_hit[docs] = True
                    if not leaf.fuzzy:
                        family_exact[docs] = True
                continue
            named = leaf.field in NAME_FIELDS
            if not named:
                dense = self.dense_scores(leaf)
                if dense is not None:
                    hits.add_dense(dense, story=leaf.field == STORY_FIELD)
                    continue
            docs, scores = self.leaf_scores(leaf)
            if len(docs):
                hits.add(docs, scores, field=leaf.field, exact=named and not leaf.fuzzy)
        return hits

    @staticmethod
    def _cover(weight: float, hits: ClauseHits, covered, guessed) -> None:
        """Add a weighted clause's support to `covered`, and its guessed name hits (a name hit
        not as written, where no other field supports the word) to `guessed`."""
        supported = None
        if hits.text_best is not None:
            text_best = hits.text_best
            supported = text_best >= max(SUPPORT_SHARE * text_best.max(), 1e-6)
        if hits.name_best is None:
            if supported is not None:
                covered += weight * supported
            return
        exact = hits.exact
        covered += weight * (exact if supported is None else supported | exact)
        found = (hits.name_best > 0) & ~exact
        guessed += weight * (found if supported is None else found & ~supported)

    def all_words(self, leaves: list[Leaf]) -> tuple[np.ndarray, np.ndarray]:
        """The live documents holding every leaf's term, and per document the sum of the leaves'
        scores: what `score` gives those documents for one clause per leaf, without the dozen
        passes over every document that its name and strength rules cost."""
        total = np.zeros(self.size, dtype=np.float32)
        if not all(self.doc_frequency(leaf.field, leaf.term) for leaf in leaves):
            return np.zeros(0, dtype=np.int64), total  # a word the field lacks: no document
        hits = np.zeros(self.size, dtype=np.int16)
        for leaf in leaves:
            docs, scores = self.leaf_scores(leaf)
            hits[docs] += 1
            total[docs] += scores
        total[~self.live] = 0.0
        return np.flatnonzero((hits == len(leaves)) & self.live), total

    def docs_with_all(self, leaves: list[Leaf]) -> np.ndarray:
        """A mask of the live documents containing every given term."""
        mask = self.live.copy()
        for leaf in leaves:
            term_mask = np.zeros(self.size, dtype=bool)
            term_mask[self.postings(leaf.field, leaf.term)[0]] = True
            mask &= term_mask
        return mask

    def column_text(self, fieldname: str, docnum: int) -> bytes:
        """One document's value in a text column, as stored (UTF-8 bytes)."""
        readers = self._texts.get(fieldname)
        if readers is None:
            readers = self._texts[fieldname] = [
                (offset, leaf.column_reader(fieldname, translate=False))
                for leaf, offset in self.leaves
            ]
        for offset, column in reversed(readers):
            if docnum >= offset:
                return column[docnum - offset]
        raise IndexError(docnum)

    def column(self, fieldname: str, kind=float) -> np.ndarray | list:
        """A sortable column's value for every document (numbers as an array)."""
        if fieldname not in self._columns:
            values = list(self.reader.column_reader(fieldname))
            self._columns[fieldname] = (
                np.array(values, dtype=np.float64) if kind is float else values
            )
        return self._columns[fieldname]
