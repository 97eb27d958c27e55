"""What a person is quoted on: keyphrases of their quotes and of the articles quoting them.

Candidates are the runs of content words between punctuation and function words ("oil prices",
"refinery capacity", "OPEC"), up to three words long, taken from the person's quotes and from the
headline of each article quoting them. A candidate scores by the number of the
person's articles it occurs in times its rarity among profiles (tf-idf across the corpus, the
document frequencies counted while the index is built), longer phrases a little ahead of single
words. The best few, none inside another, are the person's topics: shown on the profile with
their article counts, searched in the `topics` field and counted as the `topic` facet.

No spaCy here (only extraction loads a model): plain word runs are close to noun chunks in news
prose, cost microseconds, and need no second pass over the articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from directory.text import fold, word_set

from .stemmer import light_stem

MAX_WORDS = 3
# A longer run of content words is mostly a sentence with a verb the word list misses: only its
# single words are candidates.
MAX_RUN = 4
TOPICS_KEPT = 6
# Candidates kept per profile until the corpus counts are known (the best by article count).
CANDIDATES_KEPT = 40
# Quote text read per profile: past it, more quotes rarely change the best phrases.
QUOTE_CHARS = 1200
ARTICLES_READ = 40
# A longer phrase says more than a single word of the same rarity.
LENGTH_BONUS = {1: 0.6, 2: 1.6, 3: 1.8}
WORD = re.compile(r"\w[\w'’&-]*\w|\w")
# Words, and the punctuation between them (which ends a phrase).
SENTENCE_ENDS = frozenset(".!?\n")
# Longer words in capitals are shouting ("ABSTRACT"), not acronyms ("OPEC", "UNICEF").
ACRONYM_LETTERS = 6
TOKEN = re.compile(r"\w[\w'’&-]*\w|\w|[^\w\s]|\s[-–—]+\s|\n")
TOPIC_SEPARATOR = "\x1e"

# Function words, reporting verbs and vague words: they end a phrase and are never part of one.
BOUNDARY_WORDS = word_set(
    """
    a about above according across actually added adds after again against ago ahead all almost
    along already also although always am among an and another any anyone anything are around as
    ask asked at away back be became because become been before behind being believe believed
    below best better between beyond big both bring but by call called came can cannot come comes
    could day days did do does doing done down during each early either else enough especially
    even ever every everyone everything expect expected fact far few find first for found four
    from further get gets getting give given go goes going gone good got great had has have
    having he her here hers herself him himself his how however i if important in including
    indeed instead into is it its itself just keep kind know known large last later least less
    let like likely little long look looking lot lots made main make makes making many may maybe
    me mean means might more most mr mrs ms much must my myself need needs never new next no
    none nor not nothing now of off often old on once one only or other others otherwise our
    ours ourselves out over own part people per perhaps place point put quite rather really
    recent recently right said same saw say saying says second see seem seemed seems seen set
    several shall she should show shows since small so some someone something sometimes soon
    still such sure take taken takes tell than that the their theirs them themselves then there
    these they thing things think third this those though thought three through thus time times
    to today together told too took toward towards two under until up upon us use used very want
    wanted wants was way ways we week weeks well went were what whatever when where whether
    which while who whole whom whose why will with within without would year years yes yet you
    your yours yourself
    add allow allowed appear appears became begin began cause caused continue continued cut
    cuts decided fall falls fell feel felt grew grow grows happen happened help helped helps
    hit hits hold holds hope hoped keeps kept lead leads led leave leaves left lose lost meet
    move moved moves open opened pay paid plan planned plans raise raised rise rises rising
    rose run runs seek show showed shown start started stay stop suggest suggested tried try
    turn turned warn warned warns win won work worked works wrote
    mr mrs ms dr prof sir per cent percent million billion bn m
    """
)
# Words that end a phrase even when written with a capital.
DATE_WORDS = word_set(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday next last this
    """
)


@dataclass(slots=True)
class Candidate:
    """One keyphrase of one person: its articles and the ways it was written."""

    key: str
    articles: set = field(default_factory=set)
    forms: dict[str, int] = field(default_factory=dict)  # times each way was written
    quoted: set = field(default_factory=set)  # the articles where the person said it

    def display(self) -> str:
        """The phrase as most often written (the first written, among equals)."""
        return max(self.forms.items(), key=itemgetter(1))[0]


def _word_key(word: str) -> str:
    return light_stem(fold(word).replace("’", "'"))


def _shown(word: str, first: bool) -> str:
    """A word as a topic shows it: acronyms and names as written, other words in lower case."""
    if 1 < len(word) <= ACRONYM_LETTERS and word.isupper():
        return word
    if word[:1].isupper() and not first:
        return word
    return word.lower()


@lru_cache(maxsize=100_000)
def _word(word: str, first: bool) -> tuple[str, str] | None:
    """(key, shown form) of one word, or None for a word that ends a phrase (a function word, a
    number, punctuation, a contraction such as "it's")."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]  # "Clinton's" speaks of Clinton
    lower = fold(word)
    # A function word written with a capital inside a sentence is part of a name ("New York").
    named = not first and word[:1].isupper() and len(word) > 2
    if (lower in BOUNDARY_WORDS and not named) or lower in DATE_WORDS or len(word) < 2:
        return None
    if not any(c.isalpha() for c in word):
        return None
    if "'" in lower and lower.split("'")[0] in BOUNDARY_WORDS:
        return None
    return _word_key(word), _shown(word, first)


def phrases(text: str) -> list[tuple[str, str]]:
    """(key, shown form) of every candidate phrase in a text ("Oil prices rose" -> oil price,
    oil prices; oil; price, prices)."""
    # Built as one list: a profile has hundreds of phrases, and a generator per run cost more
    # than finding them.
    out: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []
    first = True
    for token in TOKEN.findall(text or ""):
        is_word = token[0].isalnum() or token[0] == "_"
        found = _word(token, first) if is_word else None
        first = token in SENTENCE_ENDS or (first and not is_word)
        if found is None:
            if run:
                _add_ngrams(run, out)
                run = []
        else:
            run.append(found)
    if run:
        _add_ngrams(run, out)
    return out


def _add_ngrams(run: list[tuple[str, str]], out: list[tuple[str, str]]) -> None:
    """Add a run's words (of three letters or more, or acronyms) and, for a short run, its
    phrases of two to MAX_WORDS words."""
    out += [(key, shown) for key, shown in run if len(key) >= 3 or shown.isupper()]
    if len(run) > MAX_RUN or len(run) < 2:
        return
    keys = [key for key, _ in run]
    shown = [form for _, form in run]
    for n in range(2, min(MAX_WORDS, len(run)) + 1):
        for i in range(len(run) - n + 1):
            out.append((" ".join(keys[i : i + n]), " ".join(shown[i : i + n])))


def _own_words(record: dict) -> set[str]:
    """The word keys of a person's names, titles and organizations."""
    texts = [record.get("name"), record.get("title"), *(record.get("aliases") or [])]
    texts += list(record.get("organizations") or [])
    for position in record.get("positions") or []:
        texts += [position.get(k) for k in ("organization", "parent", "role", "acronym")]
    texts += [t.get("title") for t in record.get("titles") or []]
    return {_word_key(w) for text in texts for w in WORD.findall(text or "")}


def _texts(record: dict) -> Iterable[tuple[str, object, str]]:
    """(source, article id, text) of what a profile's topics are read from: its quotes (up to
    QUOTE_CHARS), and the headlines of its ARTICLES_READ latest articles. Not the openings: they
    quote other people as often as they state the subject."""
    used = 0
    for i, quote in enumerate(record.get("quotes") or []):
        if used >= QUOTE_CHARS:
            break
        text = (quote.get("text") or "")[: QUOTE_CHARS - used]
        used += len(text)
        article = (quote.get("article") or {}).get("id")
        yield "quote", article if article is not None else f"{record.get('id')}-{i}", text
    articles = sorted(
        record.get("articles") or [], key=lambda a: a.get("published") or "", reverse=True
    )
    for article in articles[:ARTICLES_READ]:
        yield "article", article.get("id"), article.get("title") or ""


def candidates(record: dict) -> list[Candidate]:
    """A profile's candidate phrases: from its quotes and the headlines of the articles quoting
    it (`_texts`), each with the articles it occurs in (the best CANDIDATES_KEPT)."""
    # Most phrases of a profile occur once: count with sets and Counters, and build the
    # per-phrase details only for the few kept.
    in_article: dict[object, set[str]] = {}
    in_quote: dict[object, set[str]] = {}
    written: list[tuple[str, str]] = []
    for source, article, text in _texts(record):
        found = phrases(text)
        written += found
        keys = set(map(itemgetter(0), found))
        in_article.setdefault(article, set()).update(keys)
        if source == "quote":
            in_quote.setdefault(article, set()).update(keys)
    reach: Counter = Counter()
    for keys in in_article.values():
        reach.update(keys)
    # Most articles first, then longer phrases, then alphabetical: three stable sorts.
    ranked = sorted(
        sorted(sorted(reach), key=len, reverse=True), key=reach.__getitem__, reverse=True
    )
    own = _own_words(record)
    chosen = []
    for key in ranked:
        if own.issuperset(key.split()):
            continue  # the person's own name, title or employer is not a topic
        chosen.append(key)
        if len(chosen) >= CANDIDATES_KEPT:
            break
    kept = {key: Candidate(key, set(), {}, set()) for key in chosen}
    for article, keys in in_article.items():
        for key in keys & kept.keys():
            kept[key].articles.add(article)
    for article, keys in in_quote.items():
        for key in keys & kept.keys():
            kept[key].quoted.add(article)
    for (key, shown), times in Counter(p for p in written if p[0] in kept).items():
        kept[key].forms[shown] = times
    return list(kept.values())


@dataclass
class PhraseCounts:
    """In how many articles each candidate phrase occurs: the corpus side of tf-idf.

    An article's headline reaches every person quoted in it, so it is counted once per article
    (`seen` remembers which pairs were counted); a person's own quotes are theirs alone and
    count once per article they occur in.
    """

    articles: int = 0
    counts: Counter = field(default_factory=Counter)
    seen: set = field(default_factory=set)
    articles_seen: set = field(default_factory=set)
    names: set = field(default_factory=set)

    def add_name(self, record: dict) -> None:
        """Remember a profile's names: another person is not a topic ("quoted on: Maria Okafor")."""
        for name in [record.get("name"), *(record.get("aliases") or [])]:
            words = [_word_key(w) for w in WORD.findall(name or "")]
            if len(words) > 1:
                self.names.add(" ".join(words))

    def add(self, found: list[Candidate]) -> None:
        """Count one profile's candidates."""
        for candidate in found:
            quoted = candidate.quoted
            self.counts[candidate.key] += len(quoted)
            for article in candidate.articles - quoted:
                pair = hash((candidate.key, article))
                if pair not in self.seen:
                    self.seen.add(pair)
                    self.counts[candidate.key] += 1
            for article in candidate.articles:
                if article not in self.articles_seen:
                    self.articles_seen.add(article)
                    self.articles += 1

    def merge(self, other: PhraseCounts) -> None:
        """Add another part of the corpus's counts."""
        self.articles += other.articles
        self.counts.update(other.counts)
        self.names.update(other.names)

    def idf(self, key: str) -> float:
        """How rare a phrase is among articles (an unknown phrase counts as seen once)."""
        return math.log(1 + (self.articles + 1) / (self.counts.get(key, 0) + 1))


@dataclass
class Topic:
    """One topic of a profile: the phrase as shown and the number of articles it occurs in."""

    topic: str
    articles: int


def _recurs(candidate: Candidate, counts: PhraseCounts) -> bool:
    """Whether a candidate may be a topic: a phrase found in two articles; a single word also
    written as a name ("OPEC", "Windows") or said in two of the person's articles."""
    if " " in candidate.key:
        return len(candidate.articles) >= 2 or counts.counts.get(candidate.key, 0) >= 2
    shown = candidate.display()
    return len(candidate.articles) >= 2 or (
        shown[:1].isupper() and counts.counts.get(candidate.key, 0) >= 2
    )


def _overlap(a: str, b: str) -> bool:
    """Whether two phrases say the same thing: one inside the other, or sharing two words in a
    row ("Russian President Vladimir", "President Vladimir Putin")."""
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    pairs = {tuple(p) for p in zip(a.split(), a.split()[1:], strict=False)}
    return any(p in pairs for p in zip(b.split(), b.split()[1:], strict=False))


def choose_topics(found: list[Candidate], counts: PhraseCounts) -> list[Topic]:
    """The TOPICS_KEPT best candidates by article count x rarity, none inside another.

    A phrase must recur: in two of the person's articles, or in two articles of the corpus. A
    phrase found once in the whole corpus is mostly a stretch of a sentence ("central bank
    holds"), not a subject.
    """

    def score(c: Candidate) -> float:
        words = c.key.count(" ") + 1
        return len(c.articles) * counts.idf(c.key) * LENGTH_BONUS[words]

    recurring = [c for c in found if c.key not in counts.names and _recurs(c, counts)]
    chosen: list[Candidate] = []
    for candidate in sorted(recurring, key=lambda c: (-score(c), c.key)):
        if any(_overlap(candidate.key, c.key) for c in chosen):
            continue
        chosen.append(candidate)
        if len(chosen) >= TOPICS_KEPT:
            break
    # Shown most articles first; among equals, best first.
    chosen.sort(key=lambda c: -len(c.articles))
    return [Topic(c.display(), len(c.articles)) for c in chosen]


def encode_topics(topics: list[Topic]) -> str:
    """Topics as one stored string ("oil prices\x1f12\x1eOPEC\x1f3")."""
    return TOPIC_SEPARATOR.join(f"{t.topic}\x1f{t.articles}" for t in topics)


def decode_topics(text: str | None) -> list[dict]:
    """The stored string back as [{"topic", "articles"}]."""
    out = []
    for item in (text or "").split(TOPIC_SEPARATOR):
        topic, _, articles = item.partition("\x1f")
        if topic and articles.isdigit():
            out.append({"topic": topic, "articles": int(articles)})
    return out
