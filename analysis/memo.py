"""When the analysis may memoise: the per-line and per-region caches that make a keystroke cheap pay off only for
documents that are edited, and for every other file they would only keep its text alive.

The language server edits documents on its event loop (the main thread) and scans the workspace in worker
threads, so memoising is on in the main thread and off elsewhere by default; `disabled()` switches it off around
the analysis of a file that is not open in the editor. Cached functions stay plain `functools.lru_cache`s: a
caller checks `enabled()` once per document and calls the cached function or its `__wrapped__` original, so the
check costs nothing per line. Keeping these caches to one thread also keeps their LRU bookkeeping free of races.
Standard library only; no pygls or lsprotocol.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

_state = threading.local()
_Function = TypeVar("_Function", bound=Callable)


def enabled() -> bool:
    """Whether results computed now may be kept for later documents."""
    value = getattr(_state, "enabled", None)
    if value is None:
        return threading.current_thread() is threading.main_thread()
    return value


@contextmanager
def _switched(name: str, value: bool) -> Iterator[None]:
    """This thread's `name` switch set to `value` inside the block, and restored after it."""
    previous = getattr(_state, name, None)
    setattr(_state, name, value)
    try:
        yield
    finally:
        setattr(_state, name, previous)


def disabled():
    """No memoising in this thread inside the block (files that are scanned, not edited)."""
    return _switched("enabled", False)


def forced(value: bool = True):
    """Memoising on (or off) in this thread inside the block, whatever the thread (tests, benchmarks)."""
    return _switched("enabled", value)


_CACHES: list = []


def register(*caches: object) -> None:
    """Record caches (dicts, or `lru_cache` functions) so that `clear` can empty them all."""
    _CACHES.extend(caches)


def clear() -> None:
    """Empty every registered cache (tests that need a cold analysis, memory pressure)."""
    for cache in _CACHES:
        getattr(cache, "cache_clear", getattr(cache, "clear", None))()


def line_caches():
    """Inside `disabled()`, keep only the per-line rule caches (`choose`) on in this thread: a check of many files
    meets the same template lines again and again, and those caches are bounded and cheap on a miss, while the
    per-document structures stay unmemoised."""
    return _switched("lines", True)


def choose(cached: _Function) -> _Function:
    """The `lru_cache`d function itself when memoising is on (or per-line caches are), else the original it wraps."""
    return cached if enabled() or getattr(_state, "lines", None) else cached.__wrapped__  # type: ignore[attr-defined]
