import textwrap

from analysis.parse import parse_spec
from analysis.rules import check_document
from analysis.text import split_lines
from tests.fixture import annotations

RULE = "story-without-acceptance"
PATH = "specs/001-x/spec.md"


def check(fixture: str):
    text, expected, _ = annotations(fixture)
    findings = check_document(parse_spec(text, PATH), only=[RULE]).findings
    got = [(f.range.start.line, f.range.start.character, f.range.end.character, f.rule) for f in findings]
    assert sorted(got) == sorted(expected)
    return text, findings


def apply_edits(text: str, edits) -> str:
    lines = split_lines(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for edit in sorted(edits, key=lambda e: e.range.start, reverse=True):
        start = starts[edit.range.start.line] + edit.range.start.character
        end = starts[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


def test_story_without_scenarios_is_reported_on_its_heading():
    text, findings = check("""
        # Feature Specification: X
        ## User Scenarios & Testing
        ### User Story 1 - Share a list (Priority: P2)
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ story-without-acceptance
        As an owner I want to share my list.

        **Why this priority**: Sharing drives adoption.

        ---

        ### User Story 2 - Delete a list (Priority: P3)
        **Acceptance Scenarios**:
        1. **Given** a list, **When** I delete it, **Then** it is gone
        """)
    assert "User story 1 (Share a list)" in findings[0].message
    fixed = apply_edits(text, findings[0].fixes[0].edits)
    assert "**Why this priority**: Sharing drives adoption.\n\n**Acceptance Scenarios**:\n\n1. **Given** …, **When** …, **Then** …\n\n---" in fixed
    assert not check_document(parse_spec(fixed, PATH), only=[RULE]).findings


def test_empty_acceptance_label_gets_the_skeleton_under_it():
    text, findings = check("""
        # Feature Specification: X
        ### User Story 1 - Share (Priority: P1)
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ story-without-acceptance
        **Acceptance Scenarios**:

        ### Edge Cases
        """)
    fixed = apply_edits(text, findings[0].fixes[0].edits)
    assert "**Acceptance Scenarios**:\n\n1. **Given** …, **When** …, **Then** …\n\n### Edge Cases" in fixed
    assert not check_document(parse_spec(fixed, PATH), only=[RULE]).findings


def test_bulleted_and_plain_acceptance_items_count():
    check("""
        # Feature Specification: X
        ### User Story 1 - Share (Priority: P1)
        **Acceptance Scenarios**:
        - **Given** a list
          - **When** I share it
          - **Then** my friend sees it
        ### User Story 2 - Rename (Priority: P2)
        **Acceptance Criteria**:
        1. The owner can rename the list.
        """)


def test_legacy_primary_story_with_acceptance_section_is_fine_and_without_is_reported():
    check("""
        # Feature Specification: X
        ## User Scenarios & Testing *(mandatory)*
        ### Primary User Story
        A user shares a list.
        ### Acceptance Scenarios
        1. **Given** a list, **When** shared, **Then** visible
        """)
    text, findings = check("""
        # Feature Specification: X
        ## User Scenarios & Testing *(mandatory)*
        ### Primary User Story
        ^^^^^^^^^^^^^^^^^^^^^^ story-without-acceptance
        A user shares a list.
        ### Edge Cases
        - What if the list is empty?
        """)
    assert "Primary User Story" in findings[0].message


def test_other_dialects_are_not_checked():
    text = textwrap.dedent("""
        ## Requirements
        ### Requirement: Share
        The system SHALL share.
        """)
    assert not check_document(parse_spec(text, "openspec/specs/x/spec.md"), only=[RULE]).findings
