import textwrap

from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.fixture import apply_edits, check_rule

RULE = "story-without-acceptance"
PATH = "specs/001-x/spec.md"


def check(fixture: str):
    return check_rule(fixture, RULE, PATH)



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
