"""The workspace index: every known spec document, entity definitions across specs, and OpenSpec
main-spec lookup for deltas. It holds parsed documents keyed by path and is updated one file at a time.

Editor-agnostic: the language server feeds it open buffers and files on disk; the CLI feeds it the files it
checks. No pygls or lsprotocol.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterator

from analysis.entities import entity_key
from analysis.model import Dialect, EntityDefinition, SpecDocument
from analysis.parse import parse_error_document, parse_spec
from analysis.text import decode_bytes

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "env", ".env", "__pycache__", ".tox", ".nox",
                       ".mypy_cache", ".pytest_cache", "site-packages", "dist", "build", ".idea", ".vscode", "archive"})


def is_spec_path(path: str) -> bool:
    """Whether a path names a spec file specls analyses (any dialect)."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if not parts:
        return False
    name = parts[-1].lower()
    if ".kiro" in parts and name in ("requirements.md", "bugfix.md", *KIRO_COMPANIONS):
        return True
    if name == "spec.md":
        return True
    return False


KIRO_COMPANIONS = ("tasks.md", "design.md")
"""File names of the Kiro task list and design beside requirements.md (see `model.KIRO_COMPANION_DIALECTS`)."""


def is_kiro_companion_path(path: str) -> bool:
    """Whether a spec path is a Kiro tasks.md or design.md rather than the spec a plan is designed from."""
    return is_spec_path(path) and PurePosixPath(path.replace("\\", "/")).name.lower() in KIRO_COMPANIONS


def is_plan_path(path: str) -> bool:
    return PurePosixPath(path.replace("\\", "/")).name.lower() == "plan.md"


def iter_spec_files(root: Path, exclude: list[str] | None = None) -> Iterator[Path]:
    """Spec files under `root` (a file or a folder), skipping VCS, dependency and virtual-environment folders."""
    if root.is_file():
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not (d.startswith(".") and d != ".kiro"))
        for name in sorted(files):
            path = Path(folder) / name
            if not is_spec_path(str(path)):
                continue
            relative = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            if exclude and any(fnmatch.fnmatch(relative, pattern) for pattern in exclude):
                continue
            yield path


def read_spec(path: Path, *, display_path: str | None = None) -> SpecDocument:
    """Read and parse a spec file; unreadable files give a document with `error` set. Never raises."""
    shown = display_path or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return parse_error_document(shown, f"cannot read file: {exc.strerror or exc}")
    decoded = decode_bytes(data)
    if decoded.text is None:
        return parse_error_document(shown, decoded.error or "cannot decode file")
    return parse_spec(decoded.text, shown)


@dataclass
class WorkspaceIndex:
    documents: dict[str, SpecDocument] = field(default_factory=dict)
    """Parsed specs by path (absolute, or as the caller names them)."""

    def update(self, document: SpecDocument) -> None:
        self.documents[document.path] = document
        self.__dict__.pop("_entity_cache", None)

    def remove(self, path: str) -> None:
        if self.documents.pop(path, None) is not None:
            self.__dict__.pop("_entity_cache", None)

    def entity_definitions(self) -> dict[str, list[tuple[str, EntityDefinition]]]:
        """entity key -> [(path, definition)] over every known spec."""
        cache = self.__dict__.get("_entity_cache")
        if cache is None:
            cache = {}
            for path, document in self.documents.items():
                for definition in document.entities:
                    for name in (definition.name, *getattr(definition, "aliases", ())):
                        cache.setdefault(entity_key(name), []).append((path, definition))
            self.__dict__["_entity_cache"] = cache
        return cache

    def entity_names(self) -> list[str]:
        """Every entity name the known specs define, each once, in the order of `entity_definitions`."""
        names = self.__dict__.get("_entity_names")
        if names is None or self.__dict__.get("_entity_names_of") is not self.__dict__.get("_entity_cache"):
            seen: set[str] = set()
            names = []
            for entries in self.entity_definitions().values():
                for _path, definition in entries:
                    if definition.name not in seen:
                        seen.add(definition.name)
                        names.append(definition.name)
            self.__dict__["_entity_names"] = names
            self.__dict__["_entity_names_of"] = self.__dict__.get("_entity_cache")
        return names

    def defines_entity(self, name: str) -> bool:
        return entity_key(name) in self.entity_definitions()

    def kiro_requirements(self, tasks_path: str) -> SpecDocument | None:
        """The requirements.md a Kiro tasks.md cites, from the index or from disk; None when there is none."""
        return self._known_or_read(kiro_requirements_path(tasks_path), Dialect.KIRO)

    def kiro_design(self, path: str) -> SpecDocument | None:
        """The design.md beside a Kiro tasks.md, from the index or from disk; None when there is none."""
        return self._known_or_read(kiro_sibling_path(path, "design.md"), Dialect.KIRO_DESIGN)

    def kiro_tasks(self, path: str) -> SpecDocument | None:
        """The tasks.md beside a Kiro design.md, from the index or from disk; None when there is none."""
        return self._known_or_read(kiro_sibling_path(path, "tasks.md"), Dialect.KIRO_TASKS)

    def openspec_main_spec(self, delta_path: str) -> SpecDocument | None:
        """The main spec a delta applies to: `openspec/changes/<id>/specs/<cap>/spec.md` -> `openspec/specs/<cap>/spec.md`."""
        target = main_spec_path_for_delta(delta_path)
        return self._known_or_read(target, Dialect.OPENSPEC) if target is not None else None

    def _known_or_read(self, target: str, dialect: Dialect) -> SpecDocument | None:
        """The document at `target` from the index, else read from disk as `dialect`; None when absent or unreadable."""
        if target in self.documents:
            return self.documents[target]
        candidate = Path(target)
        if candidate.is_file():
            document = read_spec(candidate, display_path=target)
            if document.error is None:
                return parse_spec(document.text, target, dialect)
        return None


def kiro_requirements_path(tasks_path: str) -> str:
    """The requirements.md beside a Kiro tasks.md or design.md (same folder, same spelling of the path)."""
    return kiro_sibling_path(tasks_path, "requirements.md")


def kiro_sibling_path(path: str, name: str) -> str:
    """The file `name` in the folder of `path`, spelled as `path` is (`/` or `\\`)."""
    normalised = path.replace("\\", "/")
    folder = normalised.rsplit("/", 1)[0] if "/" in normalised else ""
    joined = f"{folder}/{name}" if folder else name
    return joined if "\\" not in path else joined.replace("/", "\\")


def main_spec_path_for_delta(delta_path: str) -> str | None:
    normalised = delta_path.replace("\\", "/")
    parts = normalised.split("/")
    if "openspec" not in parts:
        return None
    index = len(parts) - 1 - parts[::-1].index("openspec")
    rest = parts[index + 1:]
    if len(rest) < 5 or rest[0] != "changes":
        return None
    try:
        specs_at = rest.index("specs")
    except ValueError:
        return None
    capability = rest[specs_at + 1:-1]
    if not capability:
        return None
    return "/".join(parts[:index + 1] + ["specs", *capability, rest[-1]])
