"""OpenSpec reading: dialect detection by path and by content, and the CLI's view of requirements."""

import textwrap

from analysis.dialects.openspec import purpose_section, requirement_body, section_text
from analysis.model import Dialect
from analysis.parse import detect_dialect, parse_spec


def parse(text: str, path: str = "openspec/specs/auth/spec.md"):
    return parse_spec(textwrap.dedent(text).lstrip("\n"), path)


def test_detection_by_path():
    assert detect_dialect("openspec/specs/auth/spec.md", "") == Dialect.OPENSPEC
    assert detect_dialect("repo/openspec/specs/area/auth/spec.md", "") == Dialect.OPENSPEC
    assert detect_dialect("openspec/changes/add-x/specs/auth/spec.md", "") == Dialect.OPENSPEC_DELTA
    assert detect_dialect("openspec/changes/archive/2025-01-01-add-x/specs/auth/spec.md", "") == Dialect.OPENSPEC_DELTA
    assert detect_dialect(".kiro/specs/login/requirements.md", "") == Dialect.KIRO
    # A proposal is not a spec, even inside a change.
    assert detect_dialect("openspec/changes/add-x/proposal.md", "") != Dialect.OPENSPEC_DELTA


def test_detection_by_content_for_flattened_copies():
    main = "# Auth Specification\n## Purpose\nSign in.\n## Requirements\n### Requirement: Login\nx\n#### Scenario: a\n- y\n"
    delta = "## ADDED Requirements\n### Requirement: Login\nThe system SHALL x.\n#### Scenario: a\n- y\n"
    loose = "# User Profile Menu Specification\n## Capability\n菜单。\n## Requirements\n### REQ-001: 头像\n显示头像。\n"
    speckit = "# Feature Specification: X\n## Requirements\n### Functional\n- **FR-001**: System MUST x\n"
    assert detect_dialect("copy/spec.md", main) == Dialect.OPENSPEC
    assert detect_dialect("copy/spec.md", delta) == Dialect.OPENSPEC_DELTA
    assert detect_dialect("copy/spec.md", loose) == Dialect.OPENSPEC
    assert detect_dialect("copy/spec.md", speckit) == Dialect.SPECKIT
    # spec-kit's strong signs win over a Purpose/Requirements pair, which spec-kit specs can have too.
    speckit_with_purpose = "# Feature Specification: X\n## Purpose\nx\n## Requirements\n- **FR-001**: System MUST x\n"
    assert detect_dialect("copy/spec.md", speckit_with_purpose) == Dialect.SPECKIT


def test_main_spec_requirements_and_scenarios():
    document = parse("""
        # Auth Specification
        ## Purpose
        Sign-in for the web app.
        ## Requirements
        ### Requirement: Login
        **ID**: AUTH-1
        The system SHALL let users sign in.

        #### Scenario: Valid password
        - **WHEN** the password is right
        - **THEN** a session starts
        #### Scenario: Empty
        ### Requirement: Logout
        The system SHALL end sessions.
        """)
    login, logout = document.requirements
    assert (login.name, login.kind, login.section) == ("Login", "openspec", None)
    assert [s.name for s in login.scenarios] == ["Valid password", "Empty"]
    assert [s.empty for s in login.scenarios] == [False, True]
    assert login.scenarios[0].has_when and login.scenarios[0].has_then
    assert requirement_body(document, login) == "The system SHALL let users sign in."  # metadata dropped
    assert logout.scenarios == []
    assert section_text(document, purpose_section(document)) == "Sign-in for the web app."


def test_requirement_keyword_is_case_insensitive_and_names_keep_case():
    document = parse("""
        ## Requirements
        ### requirement: Single Sign-On
        The system SHALL x.
        """)
    assert [r.name for r in document.requirements] == ["Single Sign-On"]


def test_heading_in_a_fence_is_not_a_requirement():
    document = parse("""
        ## Requirements
        ### Requirement: Real
        The system SHALL x.
        ```markdown
        ### Requirement: Example only
        ```
        """)
    assert [r.name for r in document.requirements] == ["Real"]


def test_delta_sections_removed_bullets_and_renames():
    document = parse("""
        ## ADDED Requirements
        ### Requirement: Export
        The system SHALL export CSV.
        #### Scenario: a
        - **WHEN** x **THEN** y
        ## modified requirements
        ### Requirement: Login
        The system SHALL sign in.
        ## REMOVED Requirements
        - `### Requirement: Legacy export`
        ### Requirement: Old login
        ## RENAMED Requirements
        - FROM: `### Requirement: Sign in`
        - TO: `### Requirement: Log in`
        """, "openspec/changes/x/specs/auth/spec.md")
    assert [(r.name, r.section) for r in document.requirements] == [
        ("Export", "ADDED"), ("Login", "MODIFIED"), ("Legacy export", "REMOVED"), ("Old login", "REMOVED")]
    assert [(p.old, p.new) for p in document.renames] == [("Sign in", "Log in")]
    assert document.lines[document.renames[0].range.start.line][document.renames[0].range.start.character:].startswith("Sign in")


def test_cjk_and_crlf_and_bom_parse():
    text = "\ufeff# ノート\r\n## Purpose\r\nノートの要件。\r\n## Requirements\r\n### Requirement: ノート作成\r\nユーザーはノートを作成できる。\r\n#### Scenario: 作成\r\n- **WHEN** 作成 **THEN** 保存\r\n"
    document = parse_spec(text, "openspec/specs/notes/spec.md")
    assert [r.name for r in document.requirements] == ["ノート作成"]
    assert document.requirements[0].scenarios[0].name == "作成"


def test_garbage_never_raises():
    for text in ["", "#", "## Requirements\n###", "## RENAMED Requirements\n- TO: `### Requirement: x`\n", "\x00\x01", "#### Scenario:\n"]:
        for path in ("openspec/specs/a/spec.md", "openspec/changes/c/specs/a/spec.md"):
            document = parse_spec(text, path)
            assert document.error is None
