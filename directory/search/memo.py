"""Answers remembered while what they were made from is unchanged.

A search's hits are a pure function of the index generation and the query, a profile page of the
record versions it shows, and a results page of the payload it shows, so a process keeps recent
answers under keys that name those inputs. An answer is never stale: a change makes a new key
(or, for a new generation, drops every answer), and the old entries age out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

ANSWERS_KEPT = 2_000


class Answers:
    """A small thread-safe LRU of answers for one generation at a time (None: no generations)."""

    def __init__(self, size: int = ANSWERS_KEPT) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._generation: Hashable = None
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()

    def get_or_make(self, generation: Hashable, key: Hashable, make: Callable[[], Any]) -> Any:
        """The remembered answer for `key` in this generation, else `make()` (then remembered)."""
        with self._lock:
            if generation != self._generation:
                self._answers.clear()
                self._generation = generation
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
                return found
        answer = make()
        with self._lock:
            if generation == self._generation:
                self._answers[key] = answer
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return answer

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._answers.clear()
            self._generation = None
