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
