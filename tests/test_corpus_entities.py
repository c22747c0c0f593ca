"""Entity analysis over the real-world corpus (evaluation only; skipped when /work/shared/corpus is absent).

Checks that nothing crashes, that every definition and reference range lies inside its document and spells
what it claims, and that the entity rules run cleanly. The corpus files stay outside the repository.
"""

from pathlib import Path

import pytest

from analysis.rules import check_document
from analysis.workspace import WorkspaceIndex, read_spec
from tests.shared_paths import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS
ENTITY_RULES = ["undefined-entity", "unused-entity", "unspecified-authorization"]


def corpus_specs() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(path for folder in ("real", "dialects") for path in (CORPUS / folder).rglob("*.md")
                  if path.name in ("spec.md", "requirements.md"))


pytestmark = pytest.mark.skipif(not corpus_specs(), reason="corpus not available")


def inside(document, range_) -> bool:
    start, end = range_.start, range_.end
    if not (0 <= start.line < len(document.lines) and 0 <= end.line < len(document.lines)):
        return False
    return 0 <= start.character <= len(document.lines[start.line]) and 0 <= end.character <= len(document.lines[end.line]) \
        and (start.line, start.character) <= (end.line, end.character)


def test_entities_and_references_have_ranges_inside_the_document():
    specs = corpus_specs()
    with_entities = 0
    for path in specs:
        document = read_spec(path)
        assert document.error is None, (path, document.error)
        with_entities += bool(document.entities)
        for definition in document.entities:
            assert inside(document, definition.range), (path, definition)
            line = document.lines[definition.range.start.line]
            assert line[definition.range.start.character:definition.range.end.character] == definition.name, (path, definition)
        for reference in document.references:
            assert inside(document, reference.range), (path, reference)
            line = document.lines[reference.range.start.line]
            assert line[reference.range.start.character:reference.range.end.character] == reference.text, (path, reference)
            assert document.entity(reference.name) is not None
    assert with_entities >= len(specs) // 2


def test_entity_rules_run_without_errors_and_point_inside_the_document():
    documents = [read_spec(path) for path in corpus_specs()]
    workspace = WorkspaceIndex()
    for document in documents:
        workspace.update(document)
    for document in documents:
        for index in (None, workspace):
            result = check_document(document, workspace=index, only=ENTITY_RULES)
            assert result.problems == [], result.problems
            for finding in result.findings:
                assert inside(document, finding.range), (document.path, finding)
                for fix in finding.fixes:
                    assert all(inside(document, edit.range) for edit in fix.edits), (document.path, fix)
                if finding.rule == "undefined-entity":
                    line = document.lines[finding.range.start.line]
                    assert line[finding.range.start.character:finding.range.end.character] == finding.data["name"]
