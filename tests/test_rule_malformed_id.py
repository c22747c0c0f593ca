from analysis.model import Severity
from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.fixture import check_rule

RULE = "malformed-id"
PATH = "specs/001-x/spec.md"


def check(fixture: str):
    return check_rule(fixture, RULE, PATH)


def test_width_that_breaks_the_file_convention_is_reported_with_a_fix():
    text, findings = check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: Users MUST sign in.
        - **FR-02**: Users MUST sign out.
            ^^^^^ malformed-id
        - **FR-003**: Sessions MUST expire.
        """)
    assert findings[0].severity == Severity.WARNING
    assert "FR-002" in findings[0].message
    edit = findings[0].fixes[0].edits[0]
    fixed_line = text.split("\n")[3]
    fixed_line = fixed_line[:edit.range.start.character] + edit.new_text + fixed_line[edit.range.end.character:]
    assert fixed_line == "- **FR-002**: Users MUST sign out."


def test_ids_without_a_number_or_with_letters_inside_are_reported():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-**: Users MUST sign in.
            ^^^ malformed-id
        - **FR-1a2**: Users MUST sign out.
            ^^^^^^ malformed-id
        """)


def test_accepted_forms():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: a
        - **FR-001a**: inserted
        - **FR-002**: b
        - **FR-1.2**: dotted
        - **NFR-001**: c
        - **NFR-002**: d
        - **FR-AUTH-001**: category
        ## Success Criteria
        - **SC-001**: e
        - **SC-002**: f
        """)


def test_numbers_that_outgrow_the_padding_are_fine():
    lines = "\n".join(f"- **FR-{n:03d}**: System MUST do {n}." for n in range(995, 1002))
    text = "# Feature Specification: X\n## Requirements\n" + lines + "\n"
    assert not check_document(parse_spec(text, PATH), only=[RULE]).findings


def test_gap_is_a_hint_on_the_id_after_it():
    text, findings = check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: a
        - **FR-002**: b
        - **FR-005**: c
            ^^^^^^ malformed-id
        """)
    assert findings[0].severity == Severity.HINT
    assert "FR-003 to FR-004 are missing" in findings[0].message


def test_series_may_start_anywhere_and_mentioned_ids_are_not_gaps():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-007**: continues another spec
        - **FR-008**: b
        - ~~**FR-009**: dropped~~ *(out of scope)*
        - **FR-010**: c
        """)


def test_references_in_prose_are_not_definitions():
    check("""
        # Feature Specification: X
        ## User Scenarios & Testing
        Covers FR-01 and FR-7.
        ## Requirements
        - **FR-001**: a
        - **FR-002**: b
        """)
