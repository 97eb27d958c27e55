"""Answers remembered while what they were made from is unchanged, within a memory budget.

A search's hits are a pure function of the index generation and the query, a profile page of the
record versions it shows, and a results page of the payload it shows, so a process keeps recent
answers under keys that name those inputs. An answer is never stale: a change makes a new key
(or, for a new generation, drops every answer), and the old entries age out.

Every cache of a web worker is bounded in bytes as well as in entries: a client sending
thousands of distinct queries (random words, long words) must not grow a worker without end.
Sizes are estimates (`approx_size`), close enough to keep a budget.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

ANSWERS_KEPT = 2_000
ANSWER_BYTES = 4 * 2**20
# What a cache entry costs beyond its value: the key, the dictionary slot, the links.
ENTRY_BYTES = 200


def approx_size(value: Any, depth: int = 6) -> int:
    """A rough count of the bytes a value holds: strings, numbers, numpy arrays, containers
    and dataclasses, followed `depth` levels down."""
    nbytes = getattr(value, "nbytes", None)
    if isinstance(nbytes, int):
        return nbytes + 100
    if isinstance(value, str | bytes):
        return sys.getsizeof(value)
    if depth <= 0 or value is None or isinstance(value, int | float | bool):
        return 32
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = vars(value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(
            approx_size(k, depth - 1) + approx_size(v, depth - 1) for k, v in value.items()
        )
    if isinstance(value, list | tuple | set | frozenset):
        return sys.getsizeof(value) + sum(approx_size(item, depth - 1) for item in value)
    return sys.getsizeof(value)


class SizedCache:
    """A thread-safe LRU bounded both in entries and in (estimated) bytes."""

    def __init__(self, entries: int, budget: int, sizer: Callable[[Any], int] = approx_size):
        self.entries = entries
        self.budget = budget
        self.sizer = sizer
        self.used = 0
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()

    def get(self, key: Hashable) -> Any:
        """The value kept for `key` (now the most recently used), or None."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: Any, size: int | None = None) -> None:
        """Keep a value, dropping the least recently used ones past either bound. A value
        larger than the whole budget is not kept."""
        cost = (self.sizer(value) if size is None else size) + approx_size(key, 2) + ENTRY_BYTES
        if cost > self.budget:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.used -= old[1]
            self._items[key] = (value, cost)
            self.used += cost
            while self._items and (len(self._items) > self.entries or self.used > self.budget):
                _, (_, dropped) = self._items.popitem(last=False)
                self.used -= dropped

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()
            self.used = 0

    def __len__(self) -> int:
        return len(self._items)


class Answers:
    """Answers of one generation at a time (None: no generations), kept within `size` entries
    and `budget` bytes."""

    def __init__(
        self,
        size: int = ANSWERS_KEPT,
        budget: int = ANSWER_BYTES,
        sizer: Callable[[Any], int] = approx_size,
    ) -> None:
        self._lock = threading.Lock()
        self._generation: Hashable = None
        self._cache = SizedCache(size, budget, sizer)

    @property
    def used(self) -> int:
        """The bytes the kept answers are estimated to hold."""
        return self._cache.used

    def get_or_make(self, generation: Hashable, key: Hashable, make: Callable[[], Any]) -> Any:
        """The remembered answer for `key` in this generation, else `make()` (then remembered)."""
        with self._lock:
            if generation != self._generation:
                self._cache.clear()
                self._generation = generation
        found = self._cache.get(key)
        if found is not None:
            return found
        answer = make()
        with self._lock:
            if generation == self._generation:
                self._cache.put(key, answer)
        return answer

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._cache.clear()
            self._generation = None

    def __len__(self) -> int:
        return len(self._cache)
