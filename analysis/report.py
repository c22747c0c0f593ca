"""Render findings for people and machines: plain text (gcc/ruff style), JSON (specls' own stable schema),
SARIF 2.1.0 (code-scanning tools) and GitHub Actions workflow commands (annotations on pull requests).

Input is plain analysis data (`Finding`s whose `path` is already the path to show) plus the rule registry for
descriptions; output is a string. Editor-agnostic: no pygls or lsprotocol, no file system access, no printing.
Text and GitHub output use 1-based lines and columns (columns count Unicode code points); JSON keeps the
analysis core's 0-based ranges; SARIF uses 1-based lines and columns with `columnKind: unicodeCodePoints`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from analysis import __version__
from analysis.model import Finding, Severity
from analysis.text import Range

JSON_SCHEMA_VERSION = 1
"""Bumped only on incompatible changes to the JSON output (fields are only ever added within a version)."""

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"

UNREADABLE_FILE_RULE = "unreadable-file"
"""The finding `check_document` gives a file that could not be read or decoded; not a registered rule."""


@dataclass(frozen=True)
class RuleInfo:
    """What reports say about a rule: its name, default severity, one-line summary and longer explanation."""

    name: str
    severity: Severity
    summary: str
    explanation: str = ""


def registered_rules() -> list[RuleInfo]:
    """Every registered rule plus the built-in `unreadable-file`, sorted by name."""
    from analysis.rules import iter_rules

    infos = [RuleInfo(rule.name, rule.severity, rule.summary, rule_explanation(rule.check)) for rule in iter_rules()]
    infos.append(RuleInfo(UNREADABLE_FILE_RULE, Severity.ERROR,
                          "The file could not be read as UTF-8 text (missing permission, binary data, invalid UTF-8, too large).",
                          "specls reads spec files as UTF-8 (a byte order mark is accepted). A file it cannot read or decode "
                          "gets this single finding on its first line, and the other files are still checked."))
    return sorted(infos, key=lambda info: info.name)


def rule_explanation(check: object) -> str:
    """The docstring of the module that defines a rule's check function (the rule's long explanation)."""
    module = sys.modules.get(getattr(check, "__module__", "") or "")
    return (module.__doc__ or "").strip() if module is not None else ""


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.range.start, f.range.end, f.rule, f.message))


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(finding.severity.value for finding in findings)
    return {severity.value: counts.get(severity.value, 0) for severity in Severity}


# --- text ---------------------------------------------------------------------------------------------------

def render_text(findings: Iterable[Finding]) -> str:
    """One line per finding, `path:line:col: severity rule message` (1-based), which editors' problem matchers parse."""
    lines = []
    for finding in sort_findings(findings):
        start = finding.range.start
        lines.append(f"{finding.path}:{start.line + 1}:{start.character + 1}: {finding.severity.value} {finding.rule} "
                     f"{_one_line(finding.message)}")
    return "".join(line + "\n" for line in lines)


def summary_line(findings: list[Finding], files_checked: int) -> str:
    """The human summary printed on stderr after text output."""
    files_word = "file" if files_checked == 1 else "files"
    if not findings:
        return f"No findings in {files_checked} {files_word}."
    counts = severity_counts(findings)
    parts = [f"{count} {name}{'' if count == 1 else 's'}" for name, count in counts.items() if count]
    with_findings = len({finding.path for finding in findings})
    total = len(findings)
    return (f"Found {total} finding{'' if total == 1 else 's'} ({', '.join(parts)}) in {with_findings} of "
            f"{files_checked} {files_word}.")


def _one_line(message: str) -> str:
    return " ".join(message.split())


# --- JSON ---------------------------------------------------------------------------------------------------

def range_json(range_: Range) -> dict:
    return {"start": {"line": range_.start.line, "character": range_.start.character},
            "end": {"line": range_.end.line, "character": range_.end.character}}


def finding_json(finding: Finding) -> dict:
    return {
        "path": finding.path,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "range": range_json(finding.range),
        "fixes": [{"title": fix.title, "safe": fix.safe,
                   "edits": [{"path": edit.path or finding.path, "range": range_json(edit.range), "newText": edit.new_text}
                             for edit in fix.edits]}
                  for fix in finding.fixes],
        "related": [{"path": related.path, "range": range_json(related.range), "message": related.message}
                    for related in finding.related],
        "data": _json_safe(finding.data),
    }


def render_json(findings: Iterable[Finding], files_checked: int) -> str:
    """The documented JSON report (docs/cli.md): schema version, tool, summary, findings with 0-based ranges."""
    ordered = sort_findings(findings)
    report = {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "specls", "version": __version__},
        "summary": {"files": files_checked, "findings": len(ordered), "bySeverity": severity_counts(ordered)},
        "findings": [finding_json(finding) for finding in ordered],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _json_safe(value: object) -> object:
    """Rules may put any small facts in `Finding.data`; keep what JSON can hold and stringify the rest."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_safe(item) for item in value]
    return str(value)


# --- SARIF 2.1.0 --------------------------------------------------------------------------------------------

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.HINT: "note"}


def _sarif_region(range_: Range) -> dict:
    # SARIF lines and columns are 1-based and endColumn points one past the last character, which is exactly
    # our exclusive end character plus one.
    return {"startLine": range_.start.line + 1, "startColumn": range_.start.character + 1,
            "endLine": range_.end.line + 1, "endColumn": range_.end.character + 1}


def _sarif_location(path: str, range_: Range, message: str | None = None) -> dict:
    location: dict = {"physicalLocation": {"artifactLocation": _artifact_location(path), "region": _sarif_region(range_)}}
    if message:
        location["message"] = {"text": message}
    return location


def _artifact_location(path: str) -> dict:
    """Paths inside the checked folder are relative to `%SRCROOT%` (what code scanning expects); others are file URIs."""
    from pathlib import PurePosixPath, PureWindowsPath
    from urllib.parse import quote

    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).is_absolute():
        return {"uri": "file://" + ("" if posix.startswith("/") else "/") + quote(posix, safe="/:")}
    return {"uri": quote(posix, safe="/"), "uriBaseId": "%SRCROOT%"}


def render_sarif(findings: Iterable[Finding], rules: list[RuleInfo] | None = None) -> str:
    """A SARIF 2.1.0 log with one run; every rule is described in `tool.driver.rules`, results point at them."""
    rules = rules if rules is not None else registered_rules()
    ordered = sort_findings(findings)
    known = {info.name for info in rules}
    # A finding from a rule the registry does not know (say, a rule added at run time) still gets a descriptor.
    rules = rules + [RuleInfo(name, Severity.WARNING, name) for name in sorted({f.rule for f in ordered} - known)]
    index = {info.name: position for position, info in enumerate(rules)}
    descriptors = []
    for info in rules:
        descriptor = {"id": info.name, "name": info.name, "shortDescription": {"text": info.summary},
                      "defaultConfiguration": {"level": _SARIF_LEVEL[info.severity]},
                      "properties": {"specls.severity": info.severity.value}}
        if info.explanation:
            descriptor["fullDescription"] = {"text": info.explanation}
            # Code scanning shows `help` in the alert panel; the explanations are written in markdown.
            descriptor["help"] = {"text": info.explanation, "markdown": info.explanation}
        descriptors.append(descriptor)
    results = []
    for finding in ordered:
        result: dict = {"ruleId": finding.rule, "ruleIndex": index[finding.rule], "level": _SARIF_LEVEL[finding.severity],
                        "message": {"text": finding.message}, "locations": [_sarif_location(finding.path, finding.range)],
                        "properties": {"specls.severity": finding.severity.value}}
        if finding.related:
            result["relatedLocations"] = [dict(_sarif_location(r.path, r.range, r.message), id=position)
                                          for position, r in enumerate(finding.related)]
        if finding.fixes:
            result["fixes"] = [_sarif_fix(finding, fix) for fix in finding.fixes]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "specls", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder specls check ran in."}}},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_fix(finding: Finding, fix) -> dict:
    by_path: dict[str, list] = {}
    for edit in fix.edits:
        by_path.setdefault(edit.path or finding.path, []).append(
            {"deletedRegion": _sarif_region(edit.range), "insertedContent": {"text": edit.new_text}})
    return {"description": {"text": fix.title},
            "artifactChanges": [{"artifactLocation": _artifact_location(path), "replacements": replacements}
                                for path, replacements in by_path.items()]}


# --- GitHub Actions -----------------------------------------------------------------------------------------

_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice", Severity.HINT: "notice"}


def _escape_data(text: str) -> str:
    # The escaping the Actions runner undoes (actions/toolkit `escapeData` / `escapeProperty`).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: Iterable[Finding]) -> str:
    """`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, one workflow command per finding."""
    lines = []
    for finding in sort_findings(findings):
        start, end = finding.range.start, finding.range.end
        properties = [f"file={_escape_property(finding.path)}", f"line={start.line + 1}", f"col={start.character + 1}",
                      f"endLine={end.line + 1}", f"endColumn={end.character + 1}",
                      f"title={_escape_property(f'specls {finding.rule}')}"]
        lines.append(f"::{_GITHUB_COMMAND[finding.severity]} {','.join(properties)}::{_escape_data(finding.message)}")
    return "".join(line + "\n" for line in lines)


FORMATS = ("text", "json", "sarif", "github")


def render(format_name: str, findings: list[Finding], files_checked: int) -> str:
    if format_name == "text":
        return render_text(findings)
    if format_name == "json":
        return render_json(findings, files_checked)
    if format_name == "sarif":
        return render_sarif(findings)
    if format_name == "github":
        return render_github(findings)
    raise ValueError(f"unknown report format {format_name!r}; choose one of {', '.join(FORMATS)}")
