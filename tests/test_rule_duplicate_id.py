from analysis.model import Severity
from analysis.parse import parse_spec
from analysis.rules import check_document
from analysis.rules.duplicate_id import next_free_id
from tests.fixture import apply_edits, check_rule

RULE = "duplicate-id"
PATH = "specs/001-x/spec.md"


def check(fixture: str):
    return check_rule(fixture, RULE, PATH)



def test_second_definition_points_at_the_first_and_is_renumbered():
    text, findings = check("""
        # Feature Specification: X
        ## Requirements
        - **FR-004**: Users MUST reset their password.
        - **FR-008**: Users MUST sign out.
        - **FR-004**: Users MUST change their e-mail.
            ^^^^^^ duplicate-id
        """)
    finding = findings[0]
    assert finding.severity == Severity.ERROR
    assert "line 3" in finding.message
    assert [(r.range.start.line, r.range.start.character) for r in finding.related] == [(2, 4)]
    fixed = apply_edits(text, finding.fixes[0].edits)
    assert "- **FR-009**: Users MUST change their e-mail." in fixed
    assert not check_document(parse_spec(fixed, PATH), only=[RULE]).findings


def test_table_row_and_bullet_with_the_same_id_are_duplicates():
    check("""
        # Feature Specification: X
        ## Requirements
        | ID | Requirement |
        |----|-------------|
        | FR-01 | Events list page |
        - **FR-01**: Another requirement
            ^^^^^ duplicate-id
        """)


def test_references_and_distinct_series_are_not_duplicates():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: Users MUST sign in (see SC-001).
        - **FR-002**: Like FR-001 but for admins.
        ## Success Criteria
        - **SC-001**: 90% sign in first time.
        - **NFR-001**: p95 under 1 s.
        """)


def test_three_definitions_get_two_findings_with_distinct_new_ids():
    text, findings = check("""
        # Feature Specification: X
        ## Requirements
        - **SC-1**: a
        - **SC-1**: b
            ^^^^ duplicate-id
        - **SC-1**: c
            ^^^^ duplicate-id
        """)
    assert [f.data["replacement"] for f in findings] == ["SC-2", "SC-3"]


def test_next_free_id_keeps_padding_and_category():
    assert next_free_id("FR-004", {"FR-004", "FR-010", "FR-011"}) == "FR-012"
    assert next_free_id("FR-AUTH-002", {"FR-AUTH-002", "FR-001"}) == "FR-AUTH-003"
    assert next_free_id("NFR-7", {"NFR-7"}) == "NFR-8"
