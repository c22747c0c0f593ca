"""The distribution ships every package of the project: a package folder missing from pyproject's list would
install a `specls` that fails with ImportError outside the source tree (e.g. under `pipx install .`)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("analysis", "lsp")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found == listed


def test_console_script_points_at_the_cli() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["specls"] == "lsp.cli:main"
    from lsp.cli import main

    assert callable(main)
