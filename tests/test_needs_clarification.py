from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.fixture import annotations


def check(fixture: str, rule: str = "needs-clarification") -> None:
    text, expected, _ = annotations(fixture)
    document = parse_spec(text, "specs/001-x/spec.md")
    findings = [f for f in check_document(document).findings if f.rule == rule]
    got = [(f.range.start.line, f.range.start.character, f.range.end.character, f.rule) for f in findings]
    assert sorted(got) == sorted((line, start, end, label) for line, start, end, label in expected)


def test_marker_is_reported():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: System MUST log in via [NEEDS CLARIFICATION: which auth method?]
                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ needs-clarification
        """)


def test_marker_in_comment_or_code_is_not_reported():
    check("""
        # Feature Specification: X
        <!-- [NEEDS CLARIFICATION: not real] -->
        ```
        [NEEDS CLARIFICATION: code]
        ```
        """)


def test_checklist_sentence_is_not_a_marker():
    check("""
        # Feature Specification: X
        ## Review & Acceptance Checklist
        - [ ] No [NEEDS CLARIFICATION] markers remain
        """)
