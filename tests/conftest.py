"""Shared pytest fixtures; kept tiny on purpose (inline fixtures live in each test, see tests/fixture.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


@pytest.fixture
def spec_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write files (`{relative path: text or bytes}`) under a temporary folder and make it the working folder."""
    monkeypatch.chdir(tmp_path)

    def write(files: dict[str, str | bytes]) -> Path:
        for relative, content in files.items():
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return tmp_path

    return write
