"""Regular-expression calls with a cheap compiled-pattern cache, for the hot loops of domain inference.

`re.search(pattern, text)` looks its pattern up in the `re` module's cache on every call, which costs more than
the match itself on the short strings inference works on (list items, clauses). These functions keep the
signatures of their `re` namesakes and memoise `re.compile` per (pattern, flags). No project dependencies.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["findall", "finditer", "fullmatch", "match", "search", "split", "sub"]

_compiled = lru_cache(maxsize=2048)(re.compile)


def search(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return _compiled(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return _compiled(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return _compiled(pattern, flags).fullmatch(string)


def finditer(pattern: str, string: str, flags: int = 0):
    return _compiled(pattern, flags).finditer(string)


def findall(pattern: str, string: str, flags: int = 0) -> list:
    return _compiled(pattern, flags).findall(string)


def sub(pattern: str, repl, string: str, count: int = 0, flags: int = 0) -> str:
    return _compiled(pattern, flags).sub(repl, string, count)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return _compiled(pattern, flags).split(string, maxsplit)
