"""The server's workspace scan (`lsp.features.lifecycle.scan_workspace`), in process with a stand-in for the
language server: specs the editor already has open are not read from disk again (reading and parsing them there only
competed with the first keystrokes in them), the others are indexed, and a pull client is asked to refresh only when
the index changed.

Inline fixtures written for these tests.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from analysis import workspace as workspace_module
from lsp.features import lifecycle
from lsp.convert import path_to_uri
from lsp.session import Session

SPEC = "# Feature Specification: {name}\n\n## Requirements\n\n- **FR-001**: Users MUST be able to create a {name}.\n"


class FakeServer:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.refreshes = 0
        self.logs: list[str] = []

    def workspace_diagnostic_refresh(self, _params) -> None:
        self.refreshes += 1

    def log_to_client(self, message, _kind=None) -> None:
        self.logs.append(message)


def scan(tmp_path: Path, open_names: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[FakeServer, list[str]]:
    for name in ("alpha", "beta"):
        folder = tmp_path / "specs" / f"001-{name}"
        folder.mkdir(parents=True)
        (folder / "spec.md").write_text(SPEC.format(name=name), encoding="utf-8")
    documents = {}
    for name in open_names:
        path = tmp_path / "specs" / f"001-{name}" / "spec.md"
        documents[path_to_uri(str(path))] = SimpleNamespace(source=path.read_text(), version=1, uri=path_to_uri(str(path)))
    session = Session(workspace_getter=lambda: SimpleNamespace(text_documents=documents))
    session.folders = [tmp_path]
    session.flags = replace(session.flags, pull_diagnostics=True, diagnostic_refresh=True)
    read: list[str] = []
    real = workspace_module.read_spec

    def counting(path, **kwargs):
        read.append(Path(path).parent.name)
        return real(path, **kwargs)

    monkeypatch.setattr(workspace_module, "read_spec", counting)
    server = FakeServer(session)
    asyncio.run(lifecycle.scan_workspace(server))
    return server, read


def test_open_specs_are_not_read_again_and_the_others_are_indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server, read = scan(tmp_path, ["alpha"], monkeypatch)
    assert read == ["001-beta"]
    assert [Path(p).parent.name for p in server.session.index.documents] == ["001-beta"]
    assert server.refreshes == 1 and server.logs[-1] == "specls indexed 2 spec file(s)"


def test_no_refresh_when_every_spec_is_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server, read = scan(tmp_path, ["alpha", "beta"], monkeypatch)
    assert read == [] and not server.session.index.documents and server.refreshes == 0


def test_entity_names_are_each_listed_once_and_follow_updates() -> None:
    from analysis.parse import parse_spec
    from analysis.rules.undefined_entity import _defined_names
    from analysis.workspace import WorkspaceIndex

    def spec(path: str, *names: str):
        body = "\n".join(f"- **{name}**: a thing." for name in names)
        return parse_spec(f"# Feature Specification: X\n\n## Requirements\n\n### Key Entities\n\n{body}\n", path)

    index = WorkspaceIndex()
    index.update(spec("specs/001-a/spec.md", "Order", "Customer"))
    index.update(spec("specs/002-b/spec.md", "Customer", "Invoice"))
    assert index.entity_names() == ["Order", "Customer", "Invoice"]
    own = spec("specs/003-c/spec.md", "Invoice", "Payment")
    assert _defined_names(own, index) == ["Invoice", "Payment", "Order", "Customer"]
    index.update(spec("specs/004-d/spec.md", "Refund"))
    assert index.entity_names()[-1] == "Refund"  # the cached list follows the index
    index.remove("specs/004-d/spec.md")
    assert "Refund" not in index.entity_names()
