"""A memo with a bound, for the resources a process builds once and keeps for weeks.

The lemmatizer and the gazetteer remember answers they have worked out, keyed by
what the input asked (word forms, place names). A server or a Spark executor sees
new words and names for as long as it runs, so an unbounded dict there would grow
until the process is killed. `BoundedMemo` holds at most `cap` answers.

When full it forgets everything and starts again rather than evicting the least
recently used entry: a lookup then stays one call of the dict's own `get` (the
lemmatizer's is made once per token), where an LRU would have to reorder its
entries on every hit, about three times the cost. With a cap many times a feed's
working set, the few misses after a reset cost less than that reordering would.
A memo only saves work: what it forgets is worked out again, the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(Generic[K, V]):
    """Values by key, at most `cap` of them; a full memo forgets them all for a new one.

    `get(key)` is the value remembered for `key`, or None: a value cannot be None. It may
    be kept in a local for a loop: it stays this memo's `get` for the memo's life.
    """

    __slots__ = ("_values", "cap", "get")

    def __init__(self, cap: int) -> None:
        """An empty memo that will hold at most `cap` values."""
        if cap < 1:
            raise ValueError(f"a memo needs room for at least one value, not cap={cap}")
        self.cap = cap
        self._values: dict[K, V] = {}
        # The dict's own method, not a Python method around it: this is the hot path.
        self.get: Callable[[K], V | None] = self._values.get

    def put(self, key: K, value: V) -> None:
        """Remember `value` for `key`, first forgetting everything if the memo is full."""
        if len(self._values) >= self.cap and key not in self._values:
            self._values.clear()
        self._values[key] = value

    def __len__(self) -> int:
        return len(self._values)
