import textwrap

from analysis.model import Severity
from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.fixture import apply_edits

RULE = "missing-section"
SPECKIT = "specs/001-x/spec.md"


def findings_of(text: str, path: str = SPECKIT):
    return check_document(parse_spec(text, path), only=[RULE]).findings



def spec(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_complete_current_spec_with_real_world_heading_variants_passes():
    assert not findings_of(spec("""
        # Feature Specification: X
        ### User Scenarios & Testing _(mandatory)_
        ### User Story 1 - A (Priority: P1)
        ### Requirements *(mandatory)*
        - **FR-001**: System MUST work.
        ## Success Criteria (Final)
        - **SC-001**: 90% of users succeed.
        """))


def test_missing_success_criteria_is_reported_on_the_title_and_the_fix_inserts_it_after_requirements():
    text = spec("""
        # Feature Specification: X
        ## User Scenarios & Testing *(mandatory)*
        ### User Story 1 - A (Priority: P1)
        ## Requirements *(mandatory)*
        ### Functional Requirements
        - **FR-001**: System MUST work.
        - **SC-004**: not here
        ## Assumptions
        - none
        """)
    findings = findings_of(text)
    assert [(f.range.start.line, f.range.start.character, f.data["section"]) for f in findings] == [(0, 2, "Success Criteria")]
    assert findings[0].severity == Severity.WARNING
    fixed = apply_edits(text, findings[0].fixes[0].edits)
    assert "- **SC-004**: not here\n## Success Criteria *(mandatory)*\n\n### Measurable Outcomes\n\n- **SC-005**: …\n\n## Assumptions" in fixed
    assert not findings_of(fixed)


def test_missing_requirements_is_inserted_before_success_criteria():
    text = spec("""
        # Feature Specification: X
        ## User Scenarios & Testing
        ### User Story 1 - A (Priority: P1)
        ## Success Criteria
        - **SC-001**: ok
        """)
    findings = findings_of(text)
    assert [f.data["section"] for f in findings] == ["Requirements"]
    fixed = apply_edits(text, findings[0].fixes[0].edits)
    assert "### User Story 1 - A (Priority: P1)\n## Requirements *(mandatory)*\n\n### Functional Requirements\n\n- **FR-001**: System MUST …\n\n## Success Criteria" in fixed
    assert not findings_of(fixed)


def test_missing_everything_appends_in_template_order():
    text = "# Feature Specification: X\n\nSome notes.\n"
    findings = findings_of(text)
    assert [f.data["section"] for f in findings] == ["User Scenarios & Testing", "Requirements", "Success Criteria"]
    fixed = text
    for _ in range(3):
        remaining = findings_of(fixed)
        if not remaining:
            break
        fixed = apply_edits(fixed, remaining[0].fixes[0].edits)
    assert not findings_of(fixed)
    order = [fixed.index(name) for name in ("## User Scenarios", "## Requirements", "## Success Criteria")]
    assert order == sorted(order)


def test_legacy_template_needs_no_success_criteria():
    assert not findings_of(spec("""
        # Feature Specification: X
        ## User Scenarios & Testing *(mandatory)*
        ### Primary User Story
        A user does a thing.
        ## Requirements *(mandatory)*
        - **FR-001**: System MUST work.
        ## Review & Acceptance Checklist
        - [ ] No implementation details
        """))


def test_openspec_purpose_missing_is_an_error_with_a_skeleton_fix():
    text = spec("""
        # auth Specification

        ## Requirements
        ### Requirement: Login
        The system SHALL sign users in.
        """)
    findings = findings_of(text, "openspec/specs/auth/spec.md")
    assert [(f.data["section"], f.severity) for f in findings] == [("Purpose", Severity.ERROR)]
    fixed = apply_edits(text, findings[0].fixes[0].edits)
    assert "# auth Specification\n\n## Purpose\n\n…\n\n## Requirements" in fixed


def test_openspec_sections_are_found_at_any_level_and_case():
    assert not findings_of(spec("""
        # auth Specification
        ### purpose
        Auth things.
        ### REQUIREMENTS
        """), "openspec/specs/auth/spec.md")


def test_kiro_needs_introduction_and_requirements_localised_names_count():
    path = ".kiro/specs/x/requirements.md"
    assert not findings_of(spec("""
        # 需求文檔
        ## 介紹
        平台。
        ## 需求
        ### 需求 1 - 股票管理
        """), path)
    assert not findings_of(spec("""
        # Requirements Document
        ## 1. Introduction
        Intro.
        ## 3. Functional Requirements
        ### Requirement 1: A
        """), path)
    text = spec("""
        # Requirements Document

        ### Requirement 1: Login
        **User Story:** As a user, I want to log in, so that I can work.
        """)
    findings = findings_of(text, path)
    assert [(f.data["section"], f.severity) for f in findings] == [("Introduction", Severity.WARNING), ("Requirements", Severity.WARNING)]
    # Requirements exist without their heading: the fix adds the heading only, above the first one.
    fixed = apply_edits(text, findings[1].fixes[0].edits)
    assert "\n## Requirements\n\n### Requirement 1: Login" in fixed
    assert fixed.count("### Requirement 1") == 1


def test_delta_specs_and_plain_markdown_are_not_checked():
    assert not findings_of("## ADDED Requirements\n### Requirement: A\nThe system SHALL a.\n", "openspec/changes/c/specs/auth/spec.md")
    assert not findings_of("# Notes\n\nNothing.\n", "notes/readme.md")
