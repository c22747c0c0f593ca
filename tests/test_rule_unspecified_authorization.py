"""unspecified-authorization: data-changing operations with no word on who may perform them."""

from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.fixture import annotations


def check(fixture: str, path: str = "specs/001-x/spec.md") -> list:
    text, expected, _ = annotations(fixture)
    document = parse_spec(text, path)
    found = [f for f in check_document(document, only=["unspecified-authorization"]).findings]
    assert sorted((f.range.start.line, f.range.start.character, f.range.end.character, f.rule) for f in found) == sorted(expected)
    return found


def test_one_finding_on_the_first_requirement_that_changes_data():
    found = check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST show reading lists
        - **FR-002**: Members MUST be able to create and delete reading lists
            ^^^^^^ unspecified-authorization
        - **FR-003**: Members MUST be able to publish a list
        """)
    assert found[0].data == {"verb": "create"}
    assert "who" in found[0].message and "Only" in found[0].message


def test_any_access_language_silences_it():
    for sentence in ("Only the list owner can delete a list.", "Members must be signed in.",
                     "Access is controlled by role.", "Editors need the manage-lists permission.",
                     "No authentication is required: this is a single-user tool."):
        check(f"""
            # Feature Specification: Lists
            ## Requirements
            - **FR-001**: Members MUST be able to create and delete reading lists
            ## Assumptions
            - {sentence}
            """)


def test_story_is_used_when_no_requirement_changes_data():
    check("""
        # Feature Specification: Lists
        ## User Scenarios & Testing
        ### User Story 1 - Curate (Priority: P1)
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unspecified-authorization
        As a reader, I want to archive old lists so that my page stays short.
        ## Requirements
        - **FR-001**: System MUST show reading lists
        """)


def test_operations_only_the_system_performs_do_not_count():
    check("""
        # Feature Specification: Build tool
        ## Requirements
        - **FR-001**: The CLI MUST create the output directory and remove stale files
        - **FR-002**: The validator MUST reject a spec without scenarios
        """)


def test_success_criteria_and_checklists_are_ignored():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST show reading lists
        ## Success Criteria
        - **SC-001**: Users create a list in under a minute
        ## Review & Acceptance Checklist
        - [ ] Roles and permissions are stated
        """)


def test_checklist_wording_does_not_count_as_authorization():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: Users MUST be able to delete reading lists
            ^^^^^^ unspecified-authorization
        ## Review & Acceptance Checklist
        - [ ] Roles and permissions are stated
        """)


def test_kiro_acceptance_criteria():
    check("""
        # Requirements Document
        ### Requirement 1: Lists
            ^^^^^^^^^^^^^^^^^^^^ unspecified-authorization
        **User Story:** As a reader, I want to delete a list, so that my page stays short
        #### Acceptance Criteria
        1. WHEN a reader deletes a list THE system SHALL remove it
        """, ".kiro/specs/lists/requirements.md")


def test_several_acting_roles_say_who_does_what():
    check("""
        # Feature Specification: Tournaments
        ## User Scenarios & Testing
        ### User Story 1 - Run a tournament (Priority: P1)
        As an organizer, I want to cancel a tournament so that players are told in time.
        1. **Given** a tournament, **When** a player registers, **Then** the player is listed
        ## Requirements
        - **FR-001**: Players MUST be able to register for tournaments
        """)


def test_one_generic_actor_does_not_say_who_may_act():
    check("""
        # Feature Specification: Lists
        ## User Scenarios & Testing
        ### User Story 1 - Keep lists (Priority: P1)
        As a user, I want to delete lists.
        ## Requirements
        - **FR-001**: Users and members MUST be able to delete reading lists
            ^^^^^^ unspecified-authorization
        """)
