"""unused-entity: definitions nothing else mentions, in the spec or in the workspace."""

from analysis.parse import parse_spec
from analysis.rules import check_document
from analysis.workspace import WorkspaceIndex
from tests.fixture import annotations


def check(fixture: str, workspace=None, others: list[tuple[str, str]] = ()) -> None:
    text, expected, _ = annotations(fixture)
    if others:
        workspace = WorkspaceIndex()
        for path, other in others:
            workspace.update(parse_spec(other, path))
    document = parse_spec(text, "specs/001-x/spec.md")
    if workspace is not None:
        workspace.update(document)
    found = [f for f in check_document(document, workspace=workspace, only=["unused-entity"]).findings]
    assert all(f.severity.value == "info" for f in found)
    assert sorted((f.range.start.line, f.range.start.character, f.range.end.character, f.data["name"]) for f in found) == sorted(expected)


def test_entity_mentioned_nowhere_else_is_reported():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: Members MUST be able to keep reading lists of books
        ### Key Entities
        - **Reading List**: a named list of books
        - **Book**: a title
        - **Shelf**: where a book sits; a shelf holds many books
            ^^^^^ Shelf
        """)


def test_mention_in_another_entitys_description_counts():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: Members MUST be able to keep reading lists
        ### Key Entities
        - **Reading List**: a named list of books
        - **Book**: a title
        """)


def test_plural_and_compound_spellings_count_as_use():
    check("""
        # Feature Specification: Lists
        ## User Scenarios & Testing
        ### User Story 1 - Keep lists (Priority: P1)
        1. **Given** two ReadingLists, **When** I open them, **Then** I see their expense-reports
        ### Key Entities
        - **Reading List**: a named list
        - **Expense Report**: a claim
        """)


def test_mention_in_a_clarification_counts():
    check("""
        # Feature Specification: Lists
        ## Clarifications
        ### Session 2025-01-01
        - Q: Do shelves matter? → A: Yes, every shelf is tracked
        ## Requirements
        - **FR-001**: Members MUST keep reading lists
        ### Key Entities
        - **Reading List**: a named list
        - **Shelf**: where a book sits
        """)


def test_unambiguous_shortening_of_a_long_name_counts():
    check("""
        # Feature Specification: Stock
        ## Requirements
        - **FR-001**: System MUST value stock with FIFO cost layers
        - **FR-002**: System MUST record every stock count entry and each shelf address
        ### Key Entities
        - **ShelfAddress**: where a shelf is
        - **Inventory Cost Layer**: received cost per layer
        - **Stock Count Entry**: one counted line
        - **Audit Log Entry**: who changed what
            ^^^^^^^^^^^^^^^ Audit Log Entry
        """)


def test_use_in_another_spec_of_the_workspace_counts():
    fixture = """
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: Members MUST keep reading lists
        ### Key Entities
        - **Reading List**: a named list
        - **Shelf**: where a book sits
            ^^^^^ Shelf
        """
    check(fixture)
    text, _, _ = annotations(fixture)
    other = "# Feature Specification: Shelves\n## Requirements\n- **FR-001**: Staff MUST label every shelf\n"
    document = parse_spec(text, "specs/001-x/spec.md")
    workspace = WorkspaceIndex()
    workspace.update(parse_spec(other, "specs/002-shelves/spec.md"))
    workspace.update(document)
    assert [f for f in check_document(document, workspace=workspace, only=["unused-entity"]).findings] == []


def test_another_specs_own_definition_is_not_a_use():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: Members MUST keep reading lists
        ### Key Entities
        - **Reading List**: a named list
        - **Shelf**: where a book sits
            ^^^^^ Shelf
        """, others=[("specs/002-shelves/spec.md", "# Feature Specification: Storage\n### Key Entities\n- **Shelf**: a place for books\n")])


def test_spec_without_entities_reports_nothing():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: Members MUST keep reading lists
        """)
