"""Hover builds a plan only when its answer shows one: editors send hovers as the mouse moves, and building the plan
of a large spec takes a keystroke budget several times over. In process, with a stand-in for the language server.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from lsprotocol import types as t

from lsp.convert import path_to_uri
from lsp.features import hover
from lsp.session import Session

SPEC = """# Feature Specification: Loans

## Requirements

- **FR-001**: Members MUST be able to borrow a Book and return it.

### Key Entities

- **Book**: a title members borrow, with title and author.
"""


class FakeServer:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.handlers: dict[str, object] = {}

    def feature(self, name, _options=None):
        def decorate(function):
            self.handlers[name] = function
            return function
        return decorate


def hover_at(tmp_path: Path, line: int, character: int, text: str = SPEC) -> tuple[object, int]:
    path = tmp_path / "specs" / "001-loans" / "spec.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = path_to_uri(str(path))
    documents = {uri: SimpleNamespace(source=text, version=1, uri=uri)}
    session = Session(workspace_getter=lambda: SimpleNamespace(text_documents=documents))
    session.folders = [tmp_path]
    builds = []
    real = session.plan_for

    def counting(document, **kwargs):
        builds.append(document.path)
        return real(document, **kwargs)

    session.plan_for = counting
    server = FakeServer(session)
    hover.register(server)
    params = t.HoverParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line, character))
    return server.handlers[t.TEXT_DOCUMENT_HOVER](server, params), len(builds)


def test_a_hover_on_plain_text_builds_no_plan(tmp_path: Path) -> None:
    result, builds = hover_at(tmp_path, 0, 3)  # "Feature Specification"
    assert result is None and builds == 0


def test_a_hover_on_an_entity_shows_the_inferred_model(tmp_path: Path) -> None:
    line = SPEC.splitlines().index("- **Book**: a title members borrow, with title and author.")
    result, builds = hover_at(tmp_path, line, 5)
    assert result is not None and result.contents.value.startswith("### Book") and "`author`" in result.contents.value
    assert builds == 1


def test_a_hover_on_an_unreadable_spec_answers_nothing(tmp_path: Path) -> None:
    result, builds = hover_at(tmp_path, 0, 1, "\x00\x01binary" + "```\n" * 3)
    assert result is None and builds == 0
