"""Inline fixtures for analysis tests, in the style of rust-analyzer's test-utils.

A fixture is a spec written in the test. Annotations are lines made of spaces and carets followed by a
label, placed under the line they point at; they are removed before parsing:

    - **FR-001**: System MUST be fast
                                 ^^^^ vague-requirement

`$0` marks a cursor position (removed too). `annotations(text)` returns the clean text, the expected
(line, start, end, label) tuples and the cursor.
"""

from __future__ import annotations

import re
import textwrap

from analysis.text import Position

_ANNOTATION = re.compile(r"^(\s*)(\^+)\s*(.*)$")


def annotations(text: str) -> tuple[str, list[tuple[int, int, int, str]], Position | None]:
    text = textwrap.dedent(text).lstrip("\n")
    out_lines: list[str] = []
    expected: list[tuple[int, int, int, str]] = []
    cursor: Position | None = None
    for line in text.split("\n"):
        match = _ANNOTATION.match(line)
        if match and out_lines and line.strip().startswith("^"):
            start = len(match.group(1))
            expected.append((len(out_lines) - 1, start, start + len(match.group(2)), match.group(3).strip()))
            continue
        if "$0" in line:
            cursor = Position(len(out_lines), line.index("$0"))
            line = line.replace("$0", "", 1)
        out_lines.append(line)
    return "\n".join(out_lines), expected, cursor


def check_rule(fixture: str, rule: str, path: str = "specs/001-x/spec.md", settings=None, workspace=None):
    """Parse the fixture, run one rule, and assert its findings' ranges are exactly the annotated ones.

    Returns (clean text, findings) so a test can look further at messages, data and fixes.
    """
    from analysis.parse import parse_spec
    from analysis.rules import check_document

    text, expected, _ = annotations(fixture)
    document = parse_spec(text, path)
    if workspace is not None:
        workspace.update(document)
    arguments = {"only": [rule], "workspace": workspace}
    if settings is not None:
        arguments["settings"] = settings
    findings = check_document(document, **arguments).findings
    got = sorted((f.range.start.line, f.range.start.character, f.range.end.character) for f in findings)
    want = sorted((line, start, end) for line, start, end, _ in expected)
    assert got == want, [f"{f.range.start.line}:{f.range.start.character} {f.message}" for f in findings]
    return text, findings


def apply_edits(text: str, edits) -> str:
    """Apply `analysis.model.Edit`s (ranges in code points) to text, last edit first."""
    from analysis.text import split_lines

    lines = split_lines(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for edit in sorted(edits, key=lambda e: e.range.start, reverse=True):
        start = starts[edit.range.start.line] + edit.range.start.character
        end = starts[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text
