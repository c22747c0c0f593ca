"""Kiro tasks.md and design.md: parsing the checklist, the correctness properties and their citations
(`_Requirements: N.M_`, `**Validates: Requirements N.M**`), the Kiro citation and task rules against the requirements.md
beside them, navigation from a citation to the criterion, and no plan from either file.

Inline fixtures written for these tests; the real Kiro folders under ../shared/corpus/dialects are read when present.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from analysis.crossfile import plans_apply
from analysis.model import Dialect
from analysis.navigation import SymbolHit, criterion_hover, definitions, references, symbol_at
from analysis.parse import parse_spec
from analysis.rules import check_document
from analysis.text import Position
from analysis.workspace import WorkspaceIndex, is_spec_path, read_spec
from tests.shared_paths import CORPUS

FOLDER = ".kiro/specs/lists"
REQUIREMENTS = """
# Requirements Document

## Introduction

Shared shopping lists.

## Requirements

### Requirement 1: Lists

**User Story:** As a shopper, I want lists, so that I remember things.

#### Acceptance Criteria

1. WHEN a shopper adds a list THEN THE List_Service SHALL store it
2. THE List_Service SHALL show every list of the shopper

### Requirement 2: Sharing

**User Story:** As a shopper, I want to share a list, so that others can help.

#### Acceptance Criteria

1. WHEN a shopper shares a list THEN THE List_Service SHALL email the invitee
"""
TASKS = """
# Implementation Plan

- [x] 1. Build lists
  - [x] 1.1 Store lists
    - Write the table
    - _Requirements: 1.1, 1.3_
  - [ ]* 1.2 Test lists
    - _Requirements: 1.1-1.2_
- [ ] 2. Sharing
  - [-] 2.1 Send invitations
    - **Validates: Requirements 2.1, 3**
  - [ ] 3.2 Moved here by mistake
  - [ ] 2.1 Numbered twice
- [x] 4. Done too early
  - [ ] 4.1 Still open

```markdown
- [ ] 9. Not a task: inside a code block
```
"""


def parse(text: str, name: str):
    return parse_spec(textwrap.dedent(text).lstrip("\n"), f"{FOLDER}/{name}")


def workspace() -> WorkspaceIndex:
    index = WorkspaceIndex()
    index.update(parse(REQUIREMENTS, "requirements.md"))
    return index


def findings(rule: str, tasks=None, index=None):
    document = tasks or parse(TASKS, "tasks.md")
    return [f for f in check_document(document, workspace=index or workspace()).findings if f.rule == rule]


def test_a_kiro_tasks_md_is_its_own_dialect_and_a_spec_file():
    document = parse(TASKS, "tasks.md")
    assert document.dialect == Dialect.KIRO_TASKS
    assert is_spec_path(f"{FOLDER}/tasks.md") and not is_spec_path("docs/tasks.md")
    assert not plans_apply(document)


def test_tasks_states_numbers_parents_and_citations():
    document = parse(TASKS, "tasks.md")
    tasks = {(t.id, t.title): t for t in document.tasks}
    assert [t.id for t in document.tasks] == ["1", "1.1", "1.2", "2", "2.1", "3.2", "2.1", "4", "4.1"]  # not the fenced one
    store = tasks[("1.1", "Store lists")]
    assert store.state == "x" and store.parent == "1" and store.depth == 1 and not store.optional
    assert [r.target for r in store.references] == ["1.1", "1.3"]
    line = document.lines[store.references[1].range.start.line]
    assert line[store.references[1].range.start.character:store.references[1].range.end.character] == "1.3"
    test = tasks[("1.2", "Test lists")]
    assert test.optional and [r.target for r in test.references] == ["1.1", "1.2"]  # the range 1.1-1.2
    send = tasks[("2.1", "Send invitations")]
    assert send.state == "-" and {(r.target, r.kind) for r in send.references} == {("2.1", "validates"), ("3", "validates")}


def test_unknown_criteria_and_requirements_are_errors_with_the_real_count():
    found = findings("kiro-unknown-requirement")
    messages = sorted(f.message for f in found)
    assert len(found) == 2
    assert "Task 1.1 cites criterion 1.3, but Requirement 1 has 2 acceptance criteria (1.1–1.2)." in messages
    assert any(m.startswith("Task 2.1 cites Requirement 3, which requirements.md does not have") for m in messages)
    criterion = next(f for f in found if f.data["target"] == "1.3")
    assert criterion.related and criterion.related[0].path == f"{FOLDER}/requirements.md"


def test_without_a_requirements_md_nothing_is_reported():
    assert findings("kiro-unknown-requirement", index=WorkspaceIndex()) == []


def test_numbering_repeats_and_foreign_parents():
    messages = [f.message for f in findings("kiro-task-numbering")]
    assert any("Task 2.1 is numbered twice" in m for m in messages)
    assert any(m.startswith("Sub-task 3.2 sits under task 2") for m in messages)
    assert len(messages) == 2


def test_a_checked_parent_with_an_open_required_child():
    found = findings("kiro-task-parent-done")
    assert [f.message for f in found] == ["Task 4 is checked off, but required sub-task 4.1 is still open."]
    # Task 1 is checked with an open child too, but that child (1.2) is optional.


def test_navigation_from_a_citation_to_the_criterion():
    tasks = parse(TASKS, "tasks.md")
    requirements = parse(REQUIREMENTS, "requirements.md")
    reference = next(t for t in tasks.tasks if t.id == "1.1").references[0]
    hit = symbol_at(tasks, Position(reference.range.start.line, reference.range.start.character + 1))
    assert hit == SymbolHit("criterion", "1.1", reference.range, tasks.path)
    (location,) = definitions(hit, [tasks, requirements])
    assert location.path == requirements.path
    assert requirements.lines[location.range.start.line].startswith("1. WHEN a shopper adds a list")
    text = criterion_hover(hit, [tasks, requirements])
    assert text.startswith("### 1.1 — Requirement 1: Lists") and "THE List_Service SHALL store it" in text
    cited = references(hit, [tasks, requirements], {}, include_declaration=True)
    assert {loc.path for loc in cited} == {tasks.path, requirements.path} and len(cited) == 3  # 1.1 twice + criterion
    missing = SymbolHit("criterion", "1.3", reference.range, tasks.path)
    assert definitions(missing, [tasks, requirements]) == []
    assert "Not found" in criterion_hover(missing, [tasks, requirements])


def test_specls_plan_refuses_a_tasks_md(tmp_path: Path):
    from lsp.cli import main

    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    (folder / "tasks.md").write_text(textwrap.dedent(TASKS), encoding="utf-8")
    assert main(["plan", str(folder / "tasks.md")]) == 2


@pytest.mark.skipif(not (CORPUS / "dialects").is_dir(), reason="the shared corpus is not present")
def test_real_kiro_folders_every_reported_citation_is_really_missing():
    checked = 0
    for tasks_path in sorted([*(CORPUS / "dialects").glob("*/tasks.md"), *(CORPUS / "dialects").glob("*/design.md")]):
        requirements_path = tasks_path.with_name("requirements.md")
        shown = f"{tasks_path.parent.name}/.kiro/specs/x/{tasks_path.name}"
        tasks = read_spec(tasks_path, display_path=shown)
        tasks = parse_spec(tasks.text, shown)
        index = WorkspaceIndex()
        if requirements_path.is_file():
            index.update(parse_spec(requirements_path.read_text(encoding="utf-8"), shown.replace(tasks_path.name, "requirements.md")))
        result = check_document(tasks, workspace=index)
        assert not result.problems
        known = None
        if requirements_path.is_file():
            requirements = index.documents[shown.replace(tasks_path.name, "requirements.md")]
            known = {r.id for r in requirements.requirements} | {f"{r.id}.{c.index}" for r in requirements.requirements
                                                                  for c in r.scenarios}
        for finding in result.findings:
            if finding.rule == "kiro-unknown-requirement":
                assert known is not None and finding.data["target"] not in known
                checked += 1
    assert checked > 0  # the corpus has dangling citations: the rule must find some


DESIGN = """
# Design Document

## Correctness Properties

**Property 1: Stored lists survive a restart**
*For any* list a shopper adds, reading it back gives the same list.
**Validates: Requirements 1.1**

### Property 2: Invitations go out once
*For any* share, exactly one email is sent.
**Validates: Requirements 2.1, 2.3**

## Testing Strategy

Property tests for each property above. Requirements 9 is out of scope.
"""


def test_design_properties_and_their_citations():
    design = parse(DESIGN, "design.md")
    assert design.dialect == Dialect.KIRO_DESIGN and not plans_apply(design)
    assert is_spec_path(f"{FOLDER}/design.md")
    properties = [(t.id, t.kind, [r.target for r in t.references]) for t in design.tasks]
    assert properties == [("1", "property", ["1.1"]), ("2", "property", ["2.1", "2.3"]), ("", "property", ["9"])]
    found = findings("kiro-unknown-requirement", tasks=design)
    messages = sorted(f.message for f in found)
    assert messages[0] == "Property 2 cites criterion 2.3, but Requirement 2 has 1 acceptance criterion."
    assert messages[1].startswith("The citation on line") and "cites Requirement 9" in messages[1]
    assert findings("kiro-task-numbering", tasks=design) == [] and findings("kiro-task-parent-done", tasks=design) == []
    reference = design.tasks[0].references[0]
    hit = symbol_at(design, reference.range.start)
    (location,) = definitions(hit, [design, parse(REQUIREMENTS, "requirements.md")])
    assert location.path == f"{FOLDER}/requirements.md"


def test_design_sections_kiro_writes_are_expected_and_the_fix_adds_them_in_order():
    from tests.fixture import apply_edits

    text = textwrap.dedent("""
        # Design Document

        ## Overview

        Lists for shoppers.

        ## Architecture

        One service.

        ## Testing Strategy

        Property tests.
        """).lstrip("\\n")
    design = parse_spec(text, f"{FOLDER}/design.md")
    found = {f.data["section"]: f for f in check_document(design).findings if f.rule == "kiro-design-missing-section"}
    assert set(found) == {"Components and Interfaces", "Data Models", "Error Handling"}
    assert all(f.severity.value == "info" for f in found.values())
    fixed = apply_edits(text, found["Error Handling"].fixes[0].edits)
    assert fixed.index("## Error Handling") < fixed.index("## Testing Strategy")  # where Kiro puts it
    only_overview = "# Design\n\n## Overview\n\nText."
    tail = parse_spec(only_overview, f"{FOLDER}/design.md")
    testing = next(f for f in check_document(tail).findings if f.data.get("section") == "Testing Strategy")
    assert apply_edits(only_overview, testing.fixes[0].edits).endswith("Text.\n\n## Testing Strategy\n\n…\n")


def test_a_design_in_another_language_is_not_checked_for_english_sections():
    design = parse_spec("# 設計\n\n## 概述\n\n文字。\n\n## 架構\n\n文字。\n", f"{FOLDER}/design.md")
    assert not [f for f in check_document(design).findings if f.rule == "kiro-design-missing-section"]


PROPERTY_TASKS = """
# Implementation Plan

- [ ] 1. Lists
  - [ ]* 1.1 Write property test for stored lists (Property 1)
    - **Property 1: Stored lists survive a restart**
    - **Validates: Requirements 1.1**
  - [ ]* 1.2 Write property test for invitations
    - **Property 1: Invitations go out once** — the design renumbered its properties
  - [ ]* 1.3 Write property test for sorting
    - **Property 7: Lists sort by name**
  - [ ] 1.4 Add a property test helper for list fixtures
"""


def property_index() -> WorkspaceIndex:
    index = workspace()
    index.update(parse(DESIGN, "design.md"))
    return index


def test_tasks_name_design_properties_with_their_titles():
    tasks = parse(PROPERTY_TASKS, "tasks.md")
    cited = [(t.id, r.target, r.title) for t in tasks.tasks for r in t.references if r.kind == "property"]
    # `(Property 1)` on the title line and `**Property 1: …**` below it are both citations (both navigate);
    # `a property test helper` (lower case) names nothing.
    assert cited == [("1.1", "1", ""), ("1.1", "1", "Stored lists survive a restart"),
                     ("1.2", "1", "Invitations go out once"), ("1.3", "7", "Lists sort by name")]
    # Property citations are not requirement citations.
    assert findings("kiro-unknown-requirement", tasks=tasks, index=property_index()) == []


def test_unknown_and_renumbered_properties_are_reported():
    found = findings("kiro-unknown-property", tasks=parse(PROPERTY_TASKS, "tasks.md"), index=property_index())
    messages = {f.data["task"]: f.message for f in found}
    assert set(messages) == {"1.2", "1.3"} and len(found) == 2  # a property is checked once per task
    assert messages["1.2"] == ('Task 1.2 names Property 1 "Invitations go out once", but design.md\'s Property 1 is '
                               '"Stored lists survive a restart"; "Invitations go out once" is Property 2.')
    assert messages["1.3"] == "Task 1.3 names Property 7, which design.md does not define (it has properties 1, 2)."
    renumbered = next(f for f in found if f.data["task"] == "1.2")
    assert [r.message for r in renumbered.related] == ["Property 1", "Property 2"]
    assert all(r.path == f"{FOLDER}/design.md" for r in renumbered.related)


def test_without_a_design_md_no_property_is_reported():
    assert findings("kiro-unknown-property", tasks=parse(PROPERTY_TASKS, "tasks.md"), index=workspace()) == []


def test_the_design_md_is_read_from_disk_beside_the_tasks(tmp_path: Path):
    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    (folder / "design.md").write_text(textwrap.dedent(DESIGN), encoding="utf-8")
    tasks = parse_spec(textwrap.dedent(PROPERTY_TASKS), str(folder / "tasks.md"))
    found = [f for f in check_document(tasks, workspace=WorkspaceIndex()).findings if f.rule == "kiro-unknown-property"]
    assert sorted(f.data["task"] for f in found) == ["1.2", "1.3"]


def test_navigation_between_a_task_and_the_property_it_names():
    from analysis.navigation import property_hover

    tasks = parse(PROPERTY_TASKS, "tasks.md")
    design = parse(DESIGN, "design.md")
    reference = next(r for r in next(t for t in tasks.tasks if t.id == "1.1").references if r.kind == "property" and r.title)
    hit = symbol_at(tasks, reference.range.start)
    assert hit == SymbolHit("property", "1", reference.range, tasks.path)
    (location,) = definitions(hit, [tasks, design])
    assert location.path == design.path and design.lines[location.range.start.line].startswith("**Property 1:")
    text = property_hover(hit, [tasks, design])
    assert text.startswith("### Property 1: Stored lists survive a restart")
    assert "reading it back gives the same list" in text and "Validates requirements 1.1" in text
    # From the property in design.md: the tasks naming it (1.1 twice: its title and its detail line; the renumbered
    # 1.2), and the property itself.
    from_design = symbol_at(design, design.tasks[0].range.start)
    assert from_design == SymbolHit("property", "1", design.tasks[0].range, design.path)
    found = references(from_design, [tasks, design], {}, include_declaration=True)
    assert [(loc.path, loc.range.start.line) for loc in found] == [
        (design.path, 4), (tasks.path, 3), (tasks.path, 4), (tasks.path, 7)]
    # The title line's `(Property 1)` navigates too.
    title_line = next(r for r in next(t for t in tasks.tasks if t.id == "1.1").references if r.kind == "property" and not r.title)
    assert definitions(symbol_at(tasks, title_line.range.start), [tasks, design]) == [location]
    missing = SymbolHit("property", "7", reference.range, tasks.path)
    assert definitions(missing, [tasks, design]) == [] and "Not found" in property_hover(missing, [tasks, design])
