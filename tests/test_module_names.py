"""No module of the analysis core or the server binds one top-level name twice by accident.

The plan engine keeps hundreds of module-level patterns; a second `_SUBJECT_GAP = ...` far down a module silently
replaces the first for every function that reads it, and the damage shows only as missing columns in unrelated plans.
A rebinding that transforms the name's own value (`_INTEGRATIONS = tuple(... for ... in _INTEGRATIONS)`) is
deliberate and allowed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted([*(ROOT / "analysis").rglob("*.py"), *(ROOT / "lsp").rglob("*.py")])


def _bindings(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [target.id for target in node.targets if isinstance(target, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def rebound_names(source: str) -> list[str]:
    """Top-level names bound a second time with a value that does not read the name itself."""
    seen: set[str] = set()
    rebound: list[str] = []
    for node in ast.parse(source).body:
        for name in _bindings(node):
            if name in seen:
                value = getattr(node, "value", None)
                reads_itself = value is not None and any(
                    isinstance(inner, ast.Name) and inner.id == name for inner in ast.walk(value))
                if not reads_itself:
                    rebound.append(name)
            seen.add(name)
    return rebound


def test_the_check_finds_a_second_binding_and_allows_a_transform() -> None:
    assert rebound_names("A = 1\ndef f(): return A\nA = 2\n") == ["A"]
    assert rebound_names("A = (1, 2)\nA = tuple(x * 2 for x in A)\n") == []
    assert rebound_names("def f(): pass\nclass f: pass\n") == ["f"]


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_top_level_name_is_bound_twice(path: Path) -> None:
    assert rebound_names(path.read_text(encoding="utf-8")) == []
