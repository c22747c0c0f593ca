from analysis.model import Dialect
from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.fixture import check_rule

RULE = "missing-acceptance-criteria"
SPECKIT = "specs/001-x/spec.md"


def check(fixture: str, path: str = SPECKIT):
    return check_rule(fixture, RULE, path)[1]


def test_spec_without_any_scenario_is_reported_on_its_title():
    findings = check("""
        # Feature Specification: Export
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ missing-acceptance-criteria
        ## User Scenarios & Testing
        ### User Story 1 - Export a report (Priority: P1)
        As an analyst I want to export a report as CSV.
        ## Requirements
        - **FR-001**: System MUST export CSV.
        """)
    assert "Acceptance Scenarios" in findings[0].message


def test_story_scenarios_count():
    check("""
        # Feature Specification: Export
        ### User Story 1 - Export (Priority: P1)
        **Acceptance Scenarios**:
        1. **Given** a report, **When** I export it, **Then** a CSV downloads
        """)


def test_orphan_acceptance_section_counts():
    check("""
        # Feature Specification: Export
        ## User Scenarios & Testing
        ### Acceptance Criteria
        - The CSV has one row per record.
        """)


def test_gherkin_fence_counts():
    check("""
        # Feature Specification: Export
        ## Scenarios
        ```gherkin
        Given a report
        When I export it
        Then a CSV downloads
        ```
        """)


def test_acceptance_checklist_does_not_count():
    check("""
        # Feature Specification: Export
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ missing-acceptance-criteria
        ## Review & Acceptance Checklist
        - [ ] No implementation details
        """)


def test_openspec_scenarios_count_and_their_absence_is_reported():
    check("""
        # auth Specification
        ## Purpose
        Sign-in.
        ## Requirements
        ### Requirement: Login
        The system SHALL sign users in.
        #### Scenario: ok
        - **WHEN** valid credentials
        - **THEN** signed in
        """, "openspec/specs/auth/spec.md")
    findings = check("""
        # auth Specification
          ^^^^^^^^^^^^^^^^^^ missing-acceptance-criteria
        ## Purpose
        Sign-in.
        ## Requirements
        ### Requirement: Login
        The system SHALL sign users in.
        """, "openspec/specs/auth/spec.md")
    assert "#### Scenario:" in findings[0].message


def test_kiro_criteria_count_also_when_localised():
    check("""
        # 需求文檔
        ## 需求
        ### 需求 1 - 股票管理
        #### 驗收標準
        1. WHEN 用户输入代号 THEN 系統 SHALL 新增股票
        """, ".kiro/specs/x/requirements.md")


def test_document_without_title_is_reported_on_its_first_line():
    text = "## Requirements\n- **FR-001**: System MUST export CSV.\n"
    findings = [f for f in check_document(parse_spec(text, SPECKIT), only=[RULE]).findings]
    assert [(f.range.start.line, f.range.start.character) for f in findings] == [(0, 0)]


def test_file_that_is_all_front_matter_gets_a_finding_inside_the_file():
    text = "---\ntitle: x\n---"
    findings = check_document(parse_spec(text, SPECKIT, dialect=Dialect.SPECKIT), only=[RULE]).findings
    assert [(f.range.start.line, f.range.end.line) for f in findings] == [(2, 2)]
