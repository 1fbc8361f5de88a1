"""A cache kept by the server process for every session, which no visitor can empty.

Streamlit's st.cache_data and st.cache_resource are emptied for the whole server by the "clear caches"
message that any visitor's page may send (Streamlit handles it for every session alike): a flood of it
made every patient's next run wait for a new data check and new charts. What the app shares between
sessions lives here instead; it holds only what the data and the code decide, never what a patient enters.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class ProcessCache(Generic[Value]):
    """At most `size` values by key, the least recently used dropped first; safe across script threads."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Value]) -> Value:
        """The value kept for key, made (once, however many sessions ask at the same time) when there is none."""
        with self._lock:
            if key not in self._values:
                self._values[key] = make()
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
            self._values.move_to_end(key)
            return self._values[key]

    def forget(self, key: Hashable) -> None:
        with self._lock:
            self._values.pop(key, None)
