"""Cross-file OpenSpec checks: a delta read against the main spec it applies to (from the workspace index
or from disk), which `openspec validate` does not do (its issues #1112, #1918, #1477)."""

import textwrap

from analysis.model import Severity
from analysis.parse import parse_spec
from analysis.rules import check_document
from analysis.workspace import WorkspaceIndex, read_spec
from tests.fixture import annotations

MAIN_PATH = "openspec/specs/auth/spec.md"
DELTA_PATH = "openspec/changes/add-x/specs/auth/spec.md"
MAIN = """\
# Auth Specification
## Purpose
Sign-in and session handling for every user of the web application.
## Requirements
### Requirement: Password Login
The system SHALL let users sign in with a password.
#### Scenario: Valid password
- **WHEN** the password is right
- **THEN** a session starts
#### Scenario: Wrong password
- **WHEN** the password is wrong
- **THEN** an error is shown
### Requirement: Logout
The system SHALL end sessions.
#### Scenario: Button
- **WHEN** the user clicks logout **THEN** the session ends
"""


def findings_for(fixture: str, rule: str, main: str | None = MAIN):
    text, expected, _ = annotations(fixture)
    workspace = WorkspaceIndex()
    if main is not None:
        workspace.update(parse_spec(main, MAIN_PATH))
    delta = parse_spec(text, DELTA_PATH)
    workspace.update(delta)
    found = [f for f in check_document(delta, workspace=workspace, only=[rule]).findings]
    got = [(f.range.start.line, f.range.start.character, f.range.end.character) for f in found]
    assert sorted(got) == sorted((line, start, end) for line, start, end, _ in expected), [f.message for f in found]
    return found, text


def test_modified_name_not_in_main_spec_suggests_the_nearest_and_fixes_it():
    found, _ = findings_for("""
        ## MODIFIED Requirements
        ### Requirement: Pasword Login
                         ^^^^^^^^^^^^^ openspec-delta-unknown-requirement
        The system SHALL let users sign in with a password or a passkey.
        #### Scenario: Valid password
        - **WHEN** x **THEN** y
        """, "openspec-delta-unknown-requirement")
    finding = found[0]
    assert finding.severity == Severity.ERROR
    assert "Did you mean \"Password Login\"" in finding.message
    assert finding.fixes[0].edits[0].new_text == "Password Login"
    assert finding.related[0].path == MAIN_PATH and finding.related[0].range.start.line == 4
    assert finding.data["suggestion"] == "Password Login"


def test_case_only_mismatch_is_an_error_with_a_safe_fix():
    found, _ = findings_for("""
        ## REMOVED Requirements
        - `### Requirement: logout`
                            ^^^^^^ openspec-delta-unknown-requirement
        """, "openspec-delta-unknown-requirement")
    assert found[0].severity == Severity.ERROR and found[0].fixes[0].safe
    assert found[0].fixes[0].edits[0].new_text == "Logout"


def test_removed_unknown_name_is_a_warning_and_renamed_source_an_error():
    found, _ = findings_for("""
        ## REMOVED Requirements
        ### Requirement: Fax login
                         ^^^^^^^^^ openspec-delta-unknown-requirement
        ## RENAMED Requirements
        - FROM: `### Requirement: Sign out`
                                  ^^^^^^^^ openspec-delta-unknown-requirement
        - TO: `### Requirement: Log out`
        """, "openspec-delta-unknown-requirement")
    assert [f.severity for f in sorted(found, key=lambda f: f.range.start)] == [Severity.WARNING, Severity.ERROR]


def test_renamed_target_that_exists_is_an_error():
    findings_for("""
        ## RENAMED Requirements
        - FROM: `### Requirement: Logout`
        - TO: `### Requirement: Password Login`
                                ^^^^^^^^^^^^^^ openspec-delta-unknown-requirement
        """, "openspec-delta-unknown-requirement")


def test_known_names_and_added_entries_pass():
    findings_for("""
        ## ADDED Requirements
        ### Requirement: Passkeys
        The system SHALL accept passkeys.
        #### Scenario: a
        - **WHEN** x **THEN** y
        ## REMOVED Requirements
        - `### Requirement: Logout`
        """, "openspec-delta-unknown-requirement")


def test_modified_against_a_missing_capability_is_info_like_the_cli():
    found, _ = findings_for("""
        ## MODIFIED Requirements
        ### Requirement: Password Login
                         ^^^^^^^^^^^^^^ openspec-delta-unknown-requirement
        The system SHALL x.
        #### Scenario: a
        - **WHEN** x **THEN** y
        """, "openspec-delta-unknown-requirement", main=None)
    assert found[0].severity == Severity.INFO and "does not exist" in found[0].message


def test_modified_dropping_a_scenario_is_an_error_whose_fix_copies_it():
    found, text = findings_for("""
        ## MODIFIED Requirements
        ### Requirement: Password Login
                         ^^^^^^^^^^^^^^ openspec-modified-drops-scenarios
        The system SHALL let users sign in with a password or a passkey.
        #### Scenario: valid  password
        - **WHEN** the password is right
        - **THEN** a session starts
        """, "openspec-modified-drops-scenarios")
    finding = found[0]
    assert finding.data["missing"] == ["Wrong password"]
    edit = finding.fixes[0].edits[0]
    assert edit.range.start.line == 5
    assert edit.new_text == "\n\n#### Scenario: Wrong password\n- **WHEN** the password is wrong\n- **THEN** an error is shown"


def test_main_spec_is_read_from_disk_when_not_indexed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "openspec/specs/auth").mkdir(parents=True)
    (tmp_path / MAIN_PATH).write_text(MAIN, encoding="utf-8")
    (tmp_path / "openspec/changes/add-x/specs/auth").mkdir(parents=True)
    (tmp_path / DELTA_PATH).write_text(textwrap.dedent("""\
        ## MODIFIED Requirements
        ### Requirement: Logouts
        The system SHALL end sessions.
        #### Scenario: Button
        - **WHEN** x **THEN** y
        """), encoding="utf-8")
    delta = read_spec(tmp_path / DELTA_PATH)
    found = [f for f in check_document(delta).findings if f.rule == "openspec-delta-unknown-requirement"]
    assert len(found) == 1 and found[0].data["suggestion"] == "Logout"


def test_added_that_exists_with_other_text_is_an_error_and_identical_is_info():
    found, _ = findings_for("""
        ## ADDED Requirements
        ### Requirement: Logout
                         ^^^^^^ openspec-delta-added-exists
        The system SHALL end sessions after an hour.
        #### Scenario: Timer
        - **WHEN** an hour passes **THEN** the session ends
        """, "openspec-delta-added-exists")
    assert found[0].severity == Severity.ERROR and "MODIFIED" in found[0].message
    identical = "## ADDED Requirements\n" + MAIN.split("## Requirements\n")[1].split("### Requirement: Logout")[0]
    delta = parse_spec(identical, DELTA_PATH)
    workspace = WorkspaceIndex()
    workspace.update(parse_spec(MAIN, MAIN_PATH))
    found = [f for f in check_document(delta, workspace=workspace).findings if f.rule == "openspec-delta-added-exists"]
    assert [f.severity for f in found] == [Severity.INFO]


def test_delta_purpose_is_ignored_for_an_existing_capability_and_wanted_for_a_new_one():
    fixture = """
        ## Purpose
        ^^^^^^^^^^ openspec-delta-purpose
        Better sign-in.
        ## ADDED Requirements
        ### Requirement: Passkeys
        The system SHALL accept passkeys.
        #### Scenario: a
        - **WHEN** x **THEN** y
        """
    found, _ = findings_for(fixture, "openspec-delta-purpose")
    assert "ignored" in found[0].message and found[0].related[0].path == MAIN_PATH
    found, _ = findings_for("""
        ## ADDED Requirements
        ^^^^^^^^^^^^^^^^^^^^^ openspec-delta-purpose
        ### Requirement: Passkeys
        The system SHALL accept passkeys.
        #### Scenario: a
        - **WHEN** x **THEN** y
        """, "openspec-delta-purpose", main=None)
    assert "TBD placeholder" in found[0].message and found[0].fixes
