"""The single-file OpenSpec rules, each against small inline specs (annotations mark expected findings)."""

from analysis.model import Severity
from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.fixture import annotations

MAIN = "openspec/specs/auth/spec.md"
DELTA = "openspec/changes/add-x/specs/auth/spec.md"
GOOD_PURPOSE = "Sign-in and session handling for every user of the web application."


def check(fixture: str, rule: str, path: str = MAIN):
    text, expected, _ = annotations(fixture)
    findings = [f for f in check_document(parse_spec(text, path), only=[rule]).findings]
    got = [(f.range.start.line, f.range.start.character, f.range.end.character) for f in findings]
    assert sorted(got) == sorted((line, start, end) for line, start, end, _ in expected), [f.message for f in findings]
    return findings


def test_empty_purpose():
    check("""
        # Auth
        ## Purpose
        ^^^^^^^^^^ openspec-empty-purpose
        ## Requirements
        """, "openspec-empty-purpose")


def test_purpose_too_short_and_long_enough():
    findings = check("""
        ## Purpose
        ^^^^^^^^^^ openspec-purpose-too-short
        Sign-in.
        ## Requirements
        """, "openspec-purpose-too-short")
    assert findings[0].severity == Severity.WARNING and "8 characters" in findings[0].message
    check(f"## Purpose\n{GOOD_PURPOSE}\n## Requirements\n", "openspec-purpose-too-short")


def test_purpose_placeholder_from_archive_and_leading_tbd():
    check("""
        ## Purpose
        TBD - created by archiving change add-auth. Update Purpose after archive.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ openspec-purpose-placeholder
        ## Requirements
        """, "openspec-purpose-placeholder")
    check("""
        ## Purpose
        TODO: write this once the API settles, it needs more words anyway.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ openspec-purpose-placeholder
        """, "openspec-purpose-placeholder")


def test_tbd_inside_a_sentence_or_spanish_todo_is_a_real_purpose():
    check("## Purpose\nThe retry budget is TBD pending benchmarks of the sign-in flow.\n", "openspec-purpose-placeholder")
    check("## Purpose\nTodo el acceso de usuarios pasa por este servicio de sesiones.\n", "openspec-purpose-placeholder")


def test_no_requirements():
    check(f"""
        ## Purpose
        {GOOD_PURPOSE}
        ## Requirements
        ^^^^^^^^^^^^^^^ openspec-no-requirements
        Nothing yet.
        """, "openspec-no-requirements")


def test_delta_header_in_main_spec_with_rename_fix():
    findings = check("""
        # Auth
        ## ADDED Requirements
        ^^^^^^^^^^^^^^^^^^^^^ openspec-delta-header-in-main-spec
        ### Requirement: Login
        The system SHALL x.
        """, "openspec-delta-header-in-main-spec")
    assert findings[0].fixes[0].edits[0].new_text == "Requirements"


def test_requirement_outside_requirements_section_in_main_spec():
    check(f"""
        ## Purpose
        {GOOD_PURPOSE}
        ### Requirement: Stray
        ^^^^^^^^^^^^^^^^^^^^^^ openspec-requirement-outside-section
        The system SHALL x.
        ## Requirements
        ### Requirement: Login
        The system SHALL x.
        """, "openspec-requirement-outside-section")


def test_orphan_requirement_in_delta_is_a_warning():
    findings = check("""
        ### Requirement: Orphan
        ^^^^^^^^^^^^^^^^^^^^^^^ openspec-requirement-outside-section
        The system SHALL x.
        ## ADDED Requirements
        ### Requirement: Export
        The system SHALL x.
        """, "openspec-requirement-outside-section", DELTA)
    assert findings[0].severity == Severity.WARNING


def test_duplicate_requirement_in_main_spec_links_the_first():
    findings = check("""
        ## Requirements
        ### Requirement: Login
        The system SHALL x.
        ### Requirement: Login
                         ^^^^^ openspec-duplicate-requirement
        The system SHALL y.
        ### Requirement: login
        The system SHALL z.
        """, "openspec-duplicate-requirement")
    assert "line 2" in findings[0].message and findings[0].related[0].range.start.line == 1


def test_duplicate_in_delta_section_folds_case_but_not_across_sections():
    check("""
        ## ADDED Requirements
        ### Requirement: Export
        The system SHALL x.
        ### Requirement: export
                         ^^^^^^ openspec-duplicate-requirement
        The system SHALL x.
        ## REMOVED Requirements
        ### Requirement: Import
        - `### Requirement: Import`
                            ^^^^^^ openspec-duplicate-requirement
        """, "openspec-duplicate-requirement", DELTA)


def test_requirement_too_long_is_info():
    long_text = "The system SHALL " + "do a thing and " * 40
    findings = check(f"""
        ## Requirements
        ### Requirement: Huge
                         ^^^^ openspec-requirement-too-long
        {long_text}
        """, "openspec-requirement-too-long")
    assert findings[0].severity == Severity.INFO


def test_non_requirement_heading_in_delta_and_main_with_fix():
    findings = check("""
        ## ADDED Requirements
        ### Requirment: Export
        ^^^^^^^^^^^^^^^^^^^^^^ openspec-non-requirement-heading
        The system SHALL x.
        """, "openspec-non-requirement-heading", DELTA)
    assert findings[0].fixes[0].edits[0].new_text == "Requirement: Export"
    check("""
        ## Requirements
        ### REQ-001: Avatar
        ^^^^^^^^^^^^^^^^^^^ openspec-non-requirement-heading
        Show the avatar.
        """, "openspec-non-requirement-heading")


def test_delta_without_sections_or_entries():
    check("""
        # Notes about auth
        ^^^^^^^^^^^^^^^^^^ openspec-delta-structure
        Some text.
        """, "openspec-delta-structure", DELTA)
    check("""
        ## ADDED Requirements
        ^^^^^^^^^^^^^^^^^^^^^ openspec-delta-structure
        Nothing here yet.
        """, "openspec-delta-structure", DELTA)


def test_delta_at_the_root_of_specs_needs_a_capability_folder():
    findings = check("""
        ## ADDED Requirements
        ^^^^^^^^^^^^^^^^^^^^^ openspec-delta-structure
        ### Requirement: Export
        The system SHALL x.
        """, "openspec-delta-structure", "openspec/changes/add-x/specs/spec.md")
    assert "capability path" in findings[0].message


def test_cross_section_conflicts():
    check("""
        ## ADDED Requirements
        ### Requirement: Export
        The system SHALL x.
        ## MODIFIED Requirements
        ### Requirement: export
                         ^^^^^^ openspec-delta-conflict
        The system SHALL x.
        ### Requirement: Sign in
                         ^^^^^^^ openspec-delta-conflict
        The system SHALL x.
        ## RENAMED Requirements
        - FROM: `### Requirement: Sign in`
        - TO: `### Requirement: Log in`
        - TO: `### Requirement: Dangling`
                                ^^^^^^^^ openspec-delta-conflict
        """, "openspec-delta-conflict", DELTA)


def test_repeated_delta_section_is_an_error():
    check("""
        ## ADDED Requirements
        ### Requirement: A
        The system SHALL x.
        ## ADDED Requirements
        ^^^^^^^^^^^^^^^^^^^^^ openspec-delta-conflict
        ### Requirement: B
        The system SHALL x.
        """, "openspec-delta-conflict", DELTA)


def test_a_clean_main_spec_and_delta_have_no_problems_from_openspec_rules():
    main = f"""# Auth Specification
## Purpose
{GOOD_PURPOSE}
## Requirements
### Requirement: Login
The system SHALL let users sign in.
#### Scenario: Valid password
- **WHEN** the password is right
- **THEN** a session starts
"""
    for path in (MAIN, DELTA):
        text = main if path == MAIN else main.split("## Requirements\n")[1].join(["## ADDED Requirements\n", ""])
        findings = [f for f in check_document(parse_spec(text, path)).findings if f.severity != Severity.INFO and
                    (f.rule.startswith("openspec-") or f.rule in ("missing-modal-verb", "requirement-without-scenario"))]
        assert findings == [], [(f.rule, f.message) for f in findings]


def test_removed_without_reason_or_migration_is_info():
    findings = check("""
        ## REMOVED Requirements
        ### Requirement: Fax login
                         ^^^^^^^^^ openspec-removed-without-reason
        **Reason**: nobody faxes
        ### Requirement: Legacy export
        **Reason**: replaced
        **Migration**: use the CSV export
        - `### Requirement: Old import`
                            ^^^^^^^^^^ openspec-removed-without-reason
        """, "openspec-removed-without-reason", DELTA)
    first = sorted(findings, key=lambda f: f.range.start)[0]
    assert first.severity == Severity.INFO and "**Migration**:" in first.message and "**Reason**" not in first.message
    assert first.fixes[0].edits[0].new_text == "\n**Migration**: <what to use instead>"
