"""`specls check`: file discovery, settings, formats, exit codes, unreadable files and parallel checking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.model import Severity
from analysis.rules import RULES, Rule, SPEC_DIALECTS
from lsp.check_command import PARALLEL_THRESHOLD, check_paths, main

UNCLEAR = """
    # Feature Specification: Login

    ## Requirements

    - **FR-001**: System MUST sign users in with [NEEDS CLARIFICATION: which identity provider?]
    """

CLEAR = """
    # Feature Specification: Logout

    ## Requirements

    - **FR-001**: System MUST end the session when the user signs out.
    """


ONLY_OWN_RULES = ("--select", "needs-clarification,unreadable-file")
"""Other rules evolve on their own; these tests look only at the rule they can predict."""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv) if "--select" in argv else [*ONLY_OWN_RULES, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_default_path_is_the_working_folder_and_paths_are_relative(spec_tree, capsys):
    spec_tree({"specs/001-login/spec.md": UNCLEAR, "specs/002-logout/spec.md": CLEAR})
    code, out, err = run(capsys)
    assert code == 1
    assert out.startswith("specs/001-login/spec.md:5:46: warning needs-clarification Unresolved clarification: which identity provider?")
    assert out.count("\n") == 1
    assert err.strip() == "Found 1 finding (1 warning) in 1 of 2 files."


def test_clean_specs_exit_zero(spec_tree, capsys):
    spec_tree({"specs/002-logout/spec.md": CLEAR})
    assert run(capsys, ".") == (0, "", "No findings in 1 file.\n")


@pytest.mark.parametrize("fail_on, expected", [("error", 0), ("warning", 1), ("info", 1), ("hint", 1), ("never", 0)])
def test_fail_on_threshold(spec_tree, capsys, fail_on, expected):
    spec_tree({"specs/001-login/spec.md": UNCLEAR})
    assert run(capsys, "--fail-on", fail_on)[0] == expected


def test_missing_path_is_a_usage_error(spec_tree, capsys):
    spec_tree({"specs/001-login/spec.md": UNCLEAR})
    code, out, err = run(capsys, "specs", "nope/spec.md")
    assert (code, out) == (2, "")
    assert "nope/spec.md: no such file or directory" in err


def test_unknown_rule_name_is_a_usage_error(spec_tree, capsys):
    spec_tree({"specs/001-login/spec.md": UNCLEAR})
    code, _, err = run(capsys, "--select", "needs-clarificaton")
    assert code == 2 and "unknown rule: needs-clarificaton" in err


def test_ignore_and_select_on_the_command_line(spec_tree, capsys):
    spec_tree({"specs/001-login/spec.md": UNCLEAR})
    assert run(capsys, *ONLY_OWN_RULES, "--ignore", "needs-clarification")[:2] == (0, "")
    assert run(capsys, "--select", "unreadable-file")[:2] == (0, "")
    assert run(capsys, "--select", "unreadable-file,needs-clarification")[0] == 1


def test_settings_come_from_specls_toml_and_pyproject(spec_tree, capsys):
    spec_tree({"a/specs/001-login/spec.md": UNCLEAR, "a/.specls.toml": 'ignore = ["needs-clarification"]\n',
               "b/specs/001-login/spec.md": UNCLEAR,
               "b/pyproject.toml": '[tool.specls]\nseverity = { "needs-clarification" = "error" }\n'})
    code, out, _ = run(capsys, "a", "b")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert out.startswith("b/specs/001-login/spec.md:5:46: error needs-clarification Unresolved clarification: "
                          "which identity provider?")


def test_exclude_setting_skips_matching_files(spec_tree, capsys):
    spec_tree({"specs/001-login/spec.md": UNCLEAR, "specs/002-draft/spec.md": UNCLEAR,
               ".specls.toml": 'exclude = ["specs/002-*/*"]\n'})
    _, out, _ = run(capsys)
    assert [line.split(":")[0] for line in out.splitlines()] == ["specs/001-login/spec.md"]


def test_dependency_and_vcs_folders_are_skipped(spec_tree, capsys):
    spec_tree({"node_modules/pkg/spec.md": UNCLEAR, ".venv/lib/spec.md": UNCLEAR, ".git/spec.md": UNCLEAR,
               "specs/002-logout/spec.md": CLEAR})
    assert run(capsys) == (0, "", "No findings in 1 file.\n")


def test_a_file_can_be_named_directly(spec_tree, capsys):
    spec_tree({"specs/001-login/spec.md": UNCLEAR, "specs/002-logout/spec.md": CLEAR})
    code, out, err = run(capsys, "specs/002-logout/spec.md")
    assert (code, out) == (0, "") and "1 file" in err


@pytest.mark.parametrize("content, words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"# Feature Specification: X\n\xff\xfe broken\n", "not valid UTF-8"),
])
def test_unreadable_file_is_a_finding_and_the_others_are_still_checked(spec_tree, capsys, content, words):
    spec_tree({"specs/000-bad/spec.md": content, "specs/001-login/spec.md": UNCLEAR})
    code, out, _ = run(capsys)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert lines[0].startswith("specs/000-bad/spec.md:1:1: error unreadable-file ") and words in lines[0]
    assert lines[1].startswith("specs/001-login/spec.md:5:46: warning needs-clarification")


def test_unreadable_file_can_be_ignored_like_a_rule(spec_tree, capsys):
    spec_tree({"specs/000-bad/spec.md": b"\x00\x01", "specs/002-logout/spec.md": CLEAR})
    assert run(capsys, "--select", "needs-clarification")[:2] == (0, "")
    assert run(capsys, *ONLY_OWN_RULES, "--ignore", "unreadable-file")[:2] == (0, "")
    spec_tree({".specls.toml": 'severity = { "unreadable-file" = "info" }\n'})
    code, out, _ = run(capsys)
    assert code == 0 and out.startswith("specs/000-bad/spec.md:1:1: info unreadable-file ")
    assert run(capsys, "--fail-on", "info")[0] == 1


def test_json_format(spec_tree, capsys):
    spec_tree({"specs/001-login/spec.md": UNCLEAR, "specs/002-logout/spec.md": CLEAR})
    code, out, err = run(capsys, "--format", "json")
    report = json.loads(out)
    assert code == 1 and err == ""
    assert report["summary"]["files"] == 2 and report["summary"]["findings"] == 1
    assert report["findings"][0]["range"]["start"] == {"line": 4, "character": 45}


def test_github_format(spec_tree, capsys):
    spec_tree({"specs/001-login/spec.md": UNCLEAR})
    _, out, _ = run(capsys, "--format", "github")
    assert out.startswith("::warning file=specs/001-login/spec.md,line=5,col=46,")


def test_sarif_format_is_valid(spec_tree, capsys):
    from tests.test_report_sarif import assert_valid

    spec_tree({"specs/001-login/spec.md": UNCLEAR, "specs/000-bad/spec.md": b"\x00\x01"})
    _, out, _ = run(capsys, "--format", "sarif")
    log = json.loads(out)
    assert_valid(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"needs-clarification", "unreadable-file"}


def test_cross_file_rules_see_every_spec_in_the_workspace(spec_tree, capsys, monkeypatch):
    seen: list[int] = []

    def probe(context):
        seen.append(len(context.workspace.documents))
        return []

    monkeypatch.setitem(RULES, "workspace-probe", Rule("workspace-probe", Severity.INFO, "test", SPEC_DIALECTS, probe))
    spec_tree({"specs/001-login/spec.md": UNCLEAR, "specs/002-logout/spec.md": CLEAR})
    run(capsys, "--select", "workspace-probe")
    assert seen == [2, 2]


def test_a_failing_rule_is_reported_on_stderr_and_the_others_still_run(spec_tree, capsys, monkeypatch):
    def broken(context):
        raise ValueError("boom")

    monkeypatch.setitem(RULES, "broken-rule", Rule("broken-rule", Severity.ERROR, "test", SPEC_DIALECTS, broken))
    spec_tree({"specs/001-login/spec.md": UNCLEAR})
    code, out, err = run(capsys, "--select", "broken-rule,needs-clarification")
    assert code == 1 and "warning needs-clarification" in out
    assert "specls check: internal error: rule broken-rule failed on specs/001-login/spec.md: ValueError: boom" in err


def test_parallel_run_gives_the_same_findings_as_a_serial_run(spec_tree, monkeypatch):
    import lsp.check_command as check_command

    parallel_runs = []
    original = check_command._check_all_parallel
    monkeypatch.setattr(check_command, "_check_all_parallel",
                        lambda *args: parallel_runs.append(args[-1]) or original(*args))
    files = {f"specs/{n:03d}-f/spec.md": (UNCLEAR if n % 3 else CLEAR) for n in range(PARALLEL_THRESHOLD + 10)}
    files["specs/999-bad/spec.md"] = b"\x00binary"
    root = spec_tree(files)
    serial = check_paths([root], jobs=1)
    assert parallel_runs == []
    parallel = check_paths([root], jobs=2)
    assert parallel_runs == [2]
    key = lambda f: (f.path, f.range.start, f.rule, f.message)  # noqa: E731
    assert parallel.files_checked == serial.files_checked == len(files)
    assert sorted(map(key, parallel.findings)) == sorted(map(key, serial.findings))
    assert len(serial.findings) > 30


EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "specs"


def test_examples_cover_every_dialect_and_template_generation():
    from analysis.workspace import iter_spec_files, read_spec

    documents = {path.relative_to(EXAMPLES).as_posix(): read_spec(path) for path in iter_spec_files(EXAMPLES)}
    dialects = {name: document.dialect.value for name, document in documents.items()}
    assert dialects == {
        ".kiro/specs/stock-alerts/design.md": "kiro-design",
        ".kiro/specs/stock-alerts/requirements.md": "kiro",
        ".kiro/specs/stock-alerts/tasks.md": "kiro-tasks",
        "openspec/changes/add-daily-digest/specs/notifications/spec.md": "openspec-delta",
        "openspec/specs/notifications/spec.md": "openspec",
        "specs/001-team-task-board/spec.md": "spec-kit",
        "specs/002-password-reset/spec.md": "spec-kit",
        "specs/003-reading-list/spec.md": "spec-kit",
    }
    assert documents["specs/003-reading-list/spec.md"].template_generation == "legacy"
    assert documents["specs/001-team-task-board/spec.md"].template_generation == "current"
    assert len(documents["specs/001-team-task-board/spec.md"].entities) == 6


def test_examples_show_their_deliberate_defects(monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    outcome = check_paths([Path(".")])
    found = {(finding.path.split("/")[1] if finding.path.startswith("specs/") else finding.path.split("/")[0], finding.rule)
             for finding in outcome.findings}
    expected = {
        ("001-team-task-board", "needs-clarification"), ("001-team-task-board", "missing-modal-verb"),
        ("002-password-reset", "story-without-acceptance"), ("002-password-reset", "malformed-scenario"),
        ("002-password-reset", "missing-section"), ("002-password-reset", "duplicate-id"),
        ("002-password-reset", "undefined-entity"), ("003-reading-list", "needs-clarification"),
        ("003-reading-list", "template-placeholder"), ("openspec", "requirement-without-scenario"),
        ("openspec", "openspec-delta-unknown-requirement"), (".kiro", "requirement-without-scenario"),
        (".kiro", "malformed-scenario"), (".kiro", "vague-requirement"), (".kiro", "kiro-undefined-glossary-term"),
        (".kiro", "kiro-unknown-requirement"), (".kiro", "kiro-task-parent-done"),
    }
    assert expected <= found, sorted(expected - found)
    assert outcome.problems == []


def test_specls_entry_point_runs_check(spec_tree):
    import subprocess
    import sys

    root = spec_tree({"specs/001-login/spec.md": UNCLEAR})
    command = [sys.executable, "-m", "lsp.cli", "check", "--select", "needs-clarification", str(root)]
    result = subprocess.run(command, cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{(root / 'specs/001-login/spec.md').as_posix()}:5:46: warning needs-clarification "
                                    "Unresolved clarification: which identity provider?")
    assert result.stdout.count("\n") == 1
    assert result.stderr.strip().endswith("Found 1 finding (1 warning) in 1 of 1 file.")
    missing = subprocess.run([sys.executable, "-m", "lsp.cli", "check", str(root / "nope")],
                             cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr


def test_overlapping_paths_check_each_file_once(spec_tree, capsys):
    spec_tree({"specs/001-login/spec.md": UNCLEAR})
    code, out, err = run(capsys, "specs", "specs/001-login/spec.md", ".")
    assert code == 1 and out.count("\n") == 1 and "in 1 of 1 file" in err


def test_files_outside_the_working_folder_are_shown_with_absolute_paths(spec_tree, capsys, tmp_path_factory, monkeypatch):
    root = spec_tree({"specs/001-login/spec.md": UNCLEAR})
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    _, out, _ = run(capsys, str(root))
    assert out.startswith(f"{(root / 'specs/001-login/spec.md').as_posix()}:5:46: warning needs-clarification ")


def test_a_file_that_cannot_be_opened_is_a_finding(spec_tree, capsys):
    root = spec_tree({"specs/002-logout/spec.md": CLEAR})
    (root / "specs/003-gone").mkdir()
    (root / "specs/003-gone/spec.md").symlink_to(root / "nowhere.md")
    code, out, _ = run(capsys)
    assert code == 1
    assert out.startswith("specs/003-gone/spec.md:1:1: error unreadable-file cannot read file: ")
    assert out.count("\n") == 1
