"""Navigation and robustness end to end: hover, definition, references, rename, completion, symbols, folding,
code lenses, an invalid setting, and a failing request followed by a working one."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types as t
from pygls.exceptions import JsonRpcInternalError, JsonRpcInvalidParams

from tests.e2e.helpers import LINES, doc, open_spec, position_of, wait_for_version


def spec_uri(workspace):
    return (workspace / "specs" / "001-tickets" / "spec.md").as_uri()


async def opened(client, workspace):
    uri = spec_uri(workspace)
    open_spec(client, uri)
    return uri


async def hover(client, uri, position):
    return await client.text_document_hover_async(t.HoverParams(text_document=doc(uri), position=position))


async def test_hover_on_entity_shows_the_inferred_model(vscode, workspace):
    uri = await opened(vscode, workspace)
    result = await hover(vscode, uri, position_of("Ticket Type 🎫"))
    text = result.contents.value
    assert text.startswith("### Ticket Type")
    assert "| field | type |" in text and "`price`" in text
    assert "Defined in `specs/001-tickets/spec.md` line 24" in text
    assert result.range.start == position_of("Ticket Type 🎫", offset=0)


async def test_hover_on_requirement_id_shows_its_text(neovim, workspace):
    uri = await opened(neovim, workspace)
    result = await hover(neovim, uri, position_of("FR-002", "utf-8"))
    assert "Ticket Types with a price" in result.contents.value


async def test_definition_and_references_of_an_entity(vscode, workspace):
    uri = await opened(vscode, workspace)
    where = position_of("Event and adds")
    definitions = await vscode.text_document_definition_async(t.DefinitionParams(text_document=doc(uri), position=where))
    assert [(d.uri, d.range.start.line) for d in definitions] == [(uri, LINES.index(next(l for l in LINES if l.startswith("- **Event**"))))]
    references = await vscode.text_document_references_async(t.ReferenceParams(
        text_document=doc(uri), position=where, context=t.ReferenceContext(include_declaration=True)))
    assert len(references) >= 5 and all(r.uri == uri for r in references)


async def test_rename_entity_keeps_each_spelling(vscode, workspace):
    uri = await opened(vscode, workspace)
    where = position_of("Ticket Type 🎫")
    prepared = await vscode.text_document_prepare_rename_async(t.PrepareRenameParams(text_document=doc(uri), position=where))
    assert prepared.placeholder == "Ticket Type"
    edit = await vscode.text_document_rename_async(t.RenameParams(text_document=doc(uri), position=where, new_name="Pass Kind"))
    (change,) = edit.document_changes
    assert change.text_document.version == 1
    new_texts = sorted(e.new_text for e in change.edits)
    assert new_texts == ["Pass Kind", "Pass Kind", "Pass Kinds"]
    with pytest.raises(JsonRpcInvalidParams):
        await vscode.text_document_rename_async(t.RenameParams(text_document=doc(uri), position=where, new_name=" "))


async def test_completion_of_ids_sections_and_scenarios(vscode, workspace):
    uri = await opened(vscode, workspace)
    line = LINES.index("- **SC-001**: An organizer publishes an event in under 2 minutes.") + 1
    vscode.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[t.TextDocumentContentChangePartial(range=t.Range(start=t.Position(line=line, character=0),
                                                                         end=t.Position(line=line, character=0)), text="- FR-")]))
    result = await vscode.text_document_completion_async(t.CompletionParams(text_document=doc(uri),
                                                                            position=t.Position(line=line, character=5)))
    labels = [item.label for item in result.items]
    assert "FR-004" in labels and "FR-001" in labels
    scenario_line = LINES.index("**Acceptance Scenarios**:") + 1
    result = await vscode.text_document_completion_async(t.CompletionParams(text_document=doc(uri),
                                                                            position=t.Position(line=scenario_line, character=0)))
    snippet = next(item for item in result.items if item.kind == t.CompletionItemKind.Snippet)
    assert snippet.insert_text_format == t.InsertTextFormat.Snippet and "${1:" in snippet.text_edit.new_text


async def test_symbols_folding_and_lenses(vscode, workspace):
    uri = await opened(vscode, workspace)
    symbols = await vscode.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=doc(uri)))
    (title,) = symbols
    names = [child.name for child in title.children]
    assert names[:2] == ["User Scenarios & Testing", "Requirements"]
    requirements = title.children[1]
    functional = {c.name: c for c in requirements.children}["Functional Requirements"]
    assert [c.name for c in functional.children] == ["FR-001", "FR-002", "FR-003"]
    entities = {c.name: c for c in requirements.children}["Key Entities"]
    assert [c.name for c in entities.children] == ["Event", "Ticket Type"]
    found = await vscode.workspace_symbol_async(t.WorkspaceSymbolParams(query="ticket"))
    assert [s.name for s in found] == ["Ticket Type"]
    folds = await vscode.text_document_folding_range_async(t.FoldingRangeParams(text_document=doc(uri)))
    assert any(f.start_line == 2 for f in folds)
    lenses = await vscode.text_document_code_lens_async(t.CodeLensParams(text_document=doc(uri)))
    titles = [lens.command.title for lens in lenses]
    assert titles[0] == "Generate plan" and lenses[0].command.command == "specls.generatePlan"
    assert any("fields" in title and "routes" in title for title in titles[1:])


async def test_invalid_setting_gives_one_message_and_defaults(vscode, workspace):
    uri = await opened(vscode, workspace)
    await wait_for_version(vscode, uri, 1)
    vscode.set_configuration({"maxClarifications": "many"}, section="specls")
    vscode.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings=None))

    async def message():
        while not any("maxClarifications" in m.message or "max_clarifications" in m.message for m in vscode.messages):
            await asyncio.sleep(0.02)
    await asyncio.wait_for(message(), 10)
    result = await hover(vscode, uri, position_of("FR-002"))
    assert result is not None
    assert sum("max" in m.message for m in vscode.messages) == 1


async def test_failing_request_is_an_error_response_and_the_server_keeps_serving(vscode, workspace):
    uri = await opened(vscode, workspace)
    with pytest.raises(JsonRpcInternalError):
        await vscode.workspace_execute_command_async(t.ExecuteCommandParams(command="specls.debug.raise"))

    async def logged():
        while not any("deliberate failure" in m.message for m in vscode.log_messages):
            await asyncio.sleep(0.02)
    await asyncio.wait_for(logged(), 5)
    result = await hover(vscode, uri, position_of("FR-002"))
    assert "Ticket Types with a price" in result.contents.value


KIRO_REQUIREMENTS = """# Requirements Document

## Introduction

Lists.

## Requirements

### Requirement 1: Lists

**User Story:** As a shopper, I want lists, so that I remember things.

#### Acceptance Criteria

1. WHEN a shopper adds a list THEN THE List_Service SHALL store it
"""
KIRO_TASKS = """# Implementation Plan

- [ ] 1. Store lists
  - _Requirements: 1.1, 1.4_
"""


async def test_kiro_task_citation_hover_definition_and_diagnostic(vscode, workspace):
    folder = workspace / ".kiro" / "specs" / "lists"
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(KIRO_REQUIREMENTS, encoding="utf-8")
    tasks_uri = (folder / "tasks.md").as_uri()
    open_spec(vscode, tasks_uri, KIRO_TASKS)
    diagnostics = await wait_for_version(vscode, tasks_uri, 1)
    assert [d.code for d in diagnostics] == ["kiro-unknown-requirement"]
    line = KIRO_TASKS.splitlines()[3]
    assert diagnostics[0].range.start == t.Position(line=3, character=line.index("1.4"))
    citation = t.Position(line=3, character=line.index("1.1") + 1)
    result = await hover(vscode, tasks_uri, citation)
    assert result.contents.value.startswith("### 1.1 — Requirement 1: Lists")
    assert "THE List_Service SHALL store it" in result.contents.value
    definitions = await vscode.text_document_definition_async(t.DefinitionParams(text_document=doc(tasks_uri), position=citation))
    assert [(d.uri, d.range.start.line) for d in definitions] == [((folder / "requirements.md").as_uri(), 14)]
    actions = await vscode.text_document_code_action_async(t.CodeActionParams(
        text_document=doc(tasks_uri), range=t.Range(start=citation, end=citation),
        context=t.CodeActionContext(diagnostics=[])))
    assert not any("plan.md" in action.title for action in actions or [])  # no plan from a checklist


KIRO_DESIGN = """# Design Document

## Correctness Properties

### Property 1: Stored lists survive a restart

*For any* list a shopper adds, reading it back gives the same list.

**Validates: Requirements 1.1**
"""
KIRO_PROPERTY_TASKS = """# Implementation Plan

- [ ]* 1. Property test for stored lists
  - **Property 1: Stored lists survive a restart**
  - **Property 2: Lists sort by name**
"""


async def test_kiro_property_hover_definition_and_diagnostic(vscode, workspace):
    folder = workspace / ".kiro" / "specs" / "properties"
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(KIRO_REQUIREMENTS, encoding="utf-8")
    (folder / "design.md").write_text(KIRO_DESIGN, encoding="utf-8")
    tasks_uri = (folder / "tasks.md").as_uri()
    open_spec(vscode, tasks_uri, KIRO_PROPERTY_TASKS)
    diagnostics = await wait_for_version(vscode, tasks_uri, 1)
    assert [(d.code, d.range.start.line) for d in diagnostics] == [("kiro-unknown-property", 4)]
    line = KIRO_PROPERTY_TASKS.splitlines()[3]
    named = t.Position(line=3, character=line.index("Property 1") + len("Property "))
    result = await hover(vscode, tasks_uri, named)
    assert result.contents.value.startswith("### Property 1: Stored lists survive a restart")
    assert "reading it back gives the same list" in result.contents.value
    definitions = await vscode.text_document_definition_async(t.DefinitionParams(text_document=doc(tasks_uri), position=named))
    assert [(d.uri, d.range.start.line) for d in definitions] == [((folder / "design.md").as_uri(), 4)]
