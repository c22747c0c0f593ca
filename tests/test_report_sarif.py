"""SARIF 2.1.0 output: valid against the official schema (vendored in tests/data), rules described, 1-based regions."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from analysis.model import Edit, Finding, Fix, Related, Severity
from analysis.report import RuleInfo, registered_rules, render_sarif
from analysis.text import Range

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid(log: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def sample_findings() -> list[Finding]:
    return [
        Finding("needs-clarification", Severity.WARNING, Range.of(4, 29, 4, 57), "Unresolved clarification: what?",
                "specs/001 a/spec.md",
                fixes=[Fix("Use OAuth", [Edit(Range.of(4, 29, 4, 57), "OAuth"), Edit(Range.of(0, 0), "x", "other/spec.md")])],
                related=[Related("openspec/specs/auth/spec.md", Range.of(2, 0, 2, 10), "defined here")]),
        Finding("unreadable-file", Severity.ERROR, Range.of(0, 0), "file is not valid UTF-8", "specs/bad/spec.md"),
        Finding("some-new-rule", Severity.INFO, Range.of(1, 0, 3, 2), "info", "specs/001 a/spec.md"),
        Finding("needs-clarification", Severity.HINT, Range.of(7, 1, 7, 2), "hint", "specs/001 a/spec.md"),
    ]


def test_vendored_schema_is_the_official_sarif_2_1_0_schema():
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")


def test_log_is_valid_sarif_2_1_0():
    assert_valid(json.loads(render_sarif(sample_findings())))


def test_empty_log_is_valid_and_still_describes_every_rule():
    log = json.loads(render_sarif([]))
    assert_valid(log)
    ids = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == [info.name for info in registered_rules()]
    assert "needs-clarification" in ids and "unreadable-file" in ids


def test_schema_check_catches_a_broken_log():
    log = json.loads(render_sarif(sample_findings()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        assert_valid(log)


def test_result_points_at_its_rule_with_one_based_region_in_code_points():
    log = json.loads(render_sarif(sample_findings()))
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    first = next(r for r in run["results"] if r["ruleId"] == "needs-clarification" and r["level"] == "warning")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "specs/001%20a/spec.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 5, "startColumn": 30, "endLine": 5, "endColumn": 58}
    assert first["relatedLocations"][0]["message"]["text"] == "defined here"
    changes = first["fixes"][0]["artifactChanges"]
    assert [change["artifactLocation"]["uri"] for change in changes] == ["specs/001%20a/spec.md", "other/spec.md"]


def test_levels_map_info_and_hint_to_note():
    levels = {r["message"]["text"]: r["level"] for r in json.loads(render_sarif(sample_findings()))["runs"][0]["results"]}
    assert levels["info"] == "note" and levels["hint"] == "note"
    assert levels["file is not valid UTF-8"] == "error"


def test_rule_descriptor_carries_summary_explanation_and_default_level():
    rules = [RuleInfo("vague-requirement", Severity.INFO, "A requirement uses an unmeasurable word.", "Long text.")]
    (descriptor, unknown) = json.loads(render_sarif([sample_findings()[2]], rules))["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor == {"id": "vague-requirement", "name": "vague-requirement",
                          "shortDescription": {"text": "A requirement uses an unmeasurable word."},
                          "fullDescription": {"text": "Long text."}, "help": {"text": "Long text.", "markdown": "Long text."},
                          "defaultConfiguration": {"level": "note"},
                          "properties": {"specls.severity": "info"}}
    assert unknown["id"] == "some-new-rule"


def test_report_of_the_example_specs_is_valid_sarif_and_json(monkeypatch):
    """Real findings from every rule (with their fixes and related locations) survive both machine formats."""
    from analysis.report import render_json
    from lsp.check_command import check_paths

    examples = Path(__file__).resolve().parent.parent / "examples" / "specs"
    monkeypatch.chdir(examples)
    outcome = check_paths([Path(".")])
    assert len(outcome.findings) > 10
    log = json.loads(render_sarif(outcome.findings))
    assert_valid(log)
    assert len(log["runs"][0]["results"]) == len(outcome.findings)
    schema = json.loads((examples.parent.parent / "docs" / "check-report.schema.json").read_text(encoding="utf-8"))
    report = json.loads(render_json(outcome.findings, outcome.files_checked))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(report))


def test_absolute_paths_become_file_uris():
    finding = Finding("needs-clarification", Severity.WARNING, Range.of(0, 0), "m", "/tmp/other project/spec.md")
    log = json.loads(render_sarif([finding]))
    assert_valid(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///tmp/other%20project/spec.md"}
