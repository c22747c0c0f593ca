"""Text, JSON and GitHub Actions output of `analysis.report`, on hand-made findings (no rules involved)."""

from __future__ import annotations

import json

from analysis.model import Edit, Finding, Fix, Related, Severity
from analysis.report import render, render_github, render_json, render_text, summary_line
from analysis.text import Range


def finding(path="specs/001-a/spec.md", rule="needs-clarification", severity=Severity.WARNING,
            range_=Range.of(4, 29, 4, 57), message="Unresolved clarification: what?", **extra) -> Finding:
    return Finding(rule, severity, range_, message, path, **extra)


def test_text_line_is_one_based_path_line_col_severity_rule_message():
    assert render_text([finding()]) == ("specs/001-a/spec.md:5:30: warning needs-clarification "
                                        "Unresolved clarification: what?\n")


def test_text_is_sorted_by_path_then_position_and_messages_stay_on_one_line():
    out = render_text([finding(path="b/spec.md"), finding(range_=Range.of(9, 0, 9, 1), message="two\nlines"),
                       finding(range_=Range.of(0, 0))])
    assert out.splitlines() == [
        "b/spec.md:5:30: warning needs-clarification Unresolved clarification: what?",
        "specs/001-a/spec.md:1:1: warning needs-clarification Unresolved clarification: what?",
        "specs/001-a/spec.md:10:1: warning needs-clarification two lines",
    ]


def test_text_of_no_findings_is_empty():
    assert render_text([]) == ""


def test_summary_counts_severities_and_files():
    findings = [finding(), finding(severity=Severity.ERROR), finding(path="x/spec.md", severity=Severity.ERROR)]
    assert summary_line(findings, 3) == "Found 3 findings (2 errors, 1 warning) in 2 of 3 files."
    assert summary_line([], 1) == "No findings in 1 file."


def test_json_schema_fields_and_zero_based_ranges():
    fix = Fix("Replace the marker", [Edit(Range.of(4, 29, 4, 57), "OAuth")], safe=False)
    related = Related("openspec/specs/auth/spec.md", Range.of(2, 0, 2, 10), "defined here")
    report = json.loads(render_json([finding(fixes=[fix], related=[related], data={"question": "what?", "n": (1, 2)})], 7))
    assert report["version"] == 1
    assert report["tool"]["name"] == "specls"
    assert report["summary"] == {"files": 7, "findings": 1, "bySeverity": {"error": 0, "warning": 1, "info": 0, "hint": 0}}
    (item,) = report["findings"]
    assert item["path"] == "specs/001-a/spec.md"
    assert item["rule"] == "needs-clarification" and item["severity"] == "warning"
    assert item["range"] == {"start": {"line": 4, "character": 29}, "end": {"line": 4, "character": 57}}
    assert item["fixes"] == [{"title": "Replace the marker", "safe": False, "edits": [
        {"path": "specs/001-a/spec.md", "range": {"start": {"line": 4, "character": 29}, "end": {"line": 4, "character": 57}},
         "newText": "OAuth"}]}]
    assert item["related"][0]["path"] == "openspec/specs/auth/spec.md"
    assert item["data"] == {"question": "what?", "n": [1, 2]}


def test_json_keeps_non_ascii_text():
    out = render_json([finding(message="사용자 인증 방식?")], 1)
    assert "사용자 인증 방식?" in out


def test_github_annotation_command():
    assert render_github([finding()]) == (
        "::warning file=specs/001-a/spec.md,line=5,col=30,endLine=5,endColumn=58,title=specls needs-clarification"
        "::Unresolved clarification: what?\n")


def test_github_maps_info_and_hint_to_notice_and_error_to_error():
    out = render_github([finding(severity=Severity.INFO), finding(severity=Severity.HINT, path="b"),
                         finding(severity=Severity.ERROR, path="c")]).splitlines()
    assert [line.split(" ", 1)[0] for line in out] == ["::notice", "::error", "::notice"]


def test_github_escapes_message_and_properties():
    out = render_github([finding(path="a,b:c%/spec.md", message="50% done\nsecond line")])
    assert "file=a%2Cb%3Ac%25/spec.md," in out
    assert out.endswith("::50%25 done%0Asecond line\n")
    assert out.count("\n") == 1


def test_render_dispatches_by_name():
    assert render("text", [finding()], 1) == render_text([finding()])
    assert json.loads(render("json", [], 2))["summary"]["files"] == 2


def test_json_report_matches_its_documented_schema():
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).parent.parent / "docs" / "check-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    fix = Fix("Replace the marker", [Edit(Range.of(4, 29, 4, 57), "OAuth", "other/spec.md")])
    findings = [finding(fixes=[fix], related=[Related("a/spec.md", Range.of(0, 0), "here")], data={"x": {1, 2}}),
                finding(severity=Severity.HINT), finding(rule="unreadable-file", severity=Severity.ERROR)]
    for report in (json.loads(render_json(findings, 3)), json.loads(render_json([], 0))):
        assert not list(validator.iter_errors(report))
    broken = json.loads(render_json(findings, 3))
    broken["findings"][0]["range"]["start"]["line"] = -1
    assert list(validator.iter_errors(broken))
