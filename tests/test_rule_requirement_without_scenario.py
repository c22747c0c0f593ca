from analysis.model import Dialect, Severity
from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.fixture import annotations

MAIN = "openspec/specs/auth/spec.md"
DELTA = "openspec/changes/add-x/specs/auth/spec.md"
KIRO = ".kiro/specs/auth/requirements.md"


def check(fixture: str, path: str = MAIN, rule: str = "requirement-without-scenario"):
    text, expected, _ = annotations(fixture)
    findings = [f for f in check_document(parse_spec(text, path), only=[rule]).findings]
    got = [(f.range.start.line, f.range.start.character, f.range.end.character, f.rule) for f in findings]
    assert sorted(got) == sorted((line, start, end, rule) for line, start, end, _ in expected)
    return findings


def test_openspec_requirement_without_scenario_is_an_error():
    findings = check("""
        # Auth Specification
        ## Purpose
        Sign-in for every user of the web app, with sessions that expire.
        ## Requirements
        ### Requirement: Login
                         ^^^^^ requirement-without-scenario
        The system SHALL let users sign in.
        """)
    assert findings[0].severity == Severity.ERROR
    assert "at least one scenario" in findings[0].message


def test_scenario_with_content_satisfies_it():
    check("""
        # Auth Specification
        ## Requirements
        ### Requirement: Login
        The system SHALL let users sign in.
        #### Scenario: Valid password
        - **WHEN** the password is right
        - **THEN** a session starts
        """)


def test_empty_scenario_heading_does_not_count():
    findings = check("""
        # Auth Specification
        ## Requirements
        ### Requirement: Login
                         ^^^^^ requirement-without-scenario
        The system SHALL let users sign in.
        #### Scenario: Valid password
        ### Requirement: Logout
        The system SHALL end sessions.
        #### Scenario: Button
        - **WHEN** the user clicks logout **THEN** the session ends
        """)
    assert "only empty scenarios" in findings[0].message
    assert findings[0].related and findings[0].related[0].range.start.line == 4


def test_scenario_inside_a_fence_is_not_a_scenario():
    check("""
        # Auth Specification
        ## Requirements
        ### Requirement: Login
                         ^^^^^ requirement-without-scenario
        The system SHALL let users sign in, as in:
        ```markdown
        #### Scenario: Example
        - **WHEN** x
        ```
        """)


def test_non_requirement_heading_under_requirements_is_checked_like_the_cli():
    # The CLI's schema reader treats every child of Requirements as a requirement needing scenarios.
    check("""
        # Profile Specification
        ## Requirements
        ### REQ-001: 用户头像展示
            ^^^^^^^^^^^^^^^ requirement-without-scenario
        在页面顶部显示用户头像。
        """)


def test_a_localised_acceptance_checklist_gets_a_message_on_how_to_convert_it():
    findings = check("""
        # Profile Specification
        ## Requirements
        ### Requirement: 用户头像展示
                         ^^^^^^ requirement-without-scenario
        系统 SHALL 在页面顶部显示用户头像。

        **验收标准**:
        - [ ] 显示圆形头像
        """)
    assert "lists acceptance criteria" in findings[0].message


def test_delta_added_needs_a_scenario_but_removed_does_not():
    check("""
        ## ADDED Requirements
        ### Requirement: Export
                         ^^^^^^ requirement-without-scenario
        The system SHALL export CSV.
        ## REMOVED Requirements
        ### Requirement: Legacy export
        **Reason**: replaced
        """, DELTA)


def test_kiro_requirement_without_criteria_is_a_warning():
    findings = check("""
        # Requirements Document
        ## Requirements
        ### Requirement 1: Login
            ^^^^^^^^^^^^^^^^^^^^ requirement-without-scenario
        **User Story:** As a user, I want to sign in, so that I see my data.
        ### Requirement 2: Logout
        **User Story:** As a user, I want to sign out, so that nobody else uses my session.
        #### Acceptance Criteria
        1. WHEN the user clicks logout, THE Session_Manager SHALL end the session
        """, KIRO)
    assert findings[0].severity == Severity.WARNING


def test_speckit_is_not_checked():
    document = parse_spec("# Feature Specification: X\n## Requirements\n- **FR-001**: System MUST work\n", "specs/001-x/spec.md")
    assert document.dialect == Dialect.SPECKIT
    assert not [f for f in check_document(document).findings if f.rule == "requirement-without-scenario"]


def test_bold_or_bullet_scenarios_get_the_level_four_hint_and_a_fix():
    findings = check("""
        ## Requirements
        ### Requirement: Login
                         ^^^^^ requirement-without-scenario
        The system SHALL let users sign in.
        - **Scenario: Valid password**
          - **WHEN** right **THEN** signed in
        **Scenario**: Wrong password
        - **WHEN** wrong **THEN** error
        """)
    assert "level-4 headings" in findings[0].message
    assert [e.new_text for e in findings[0].fixes[0].edits] == ["#### Scenario: Valid password", "#### Scenario: Wrong password"]
