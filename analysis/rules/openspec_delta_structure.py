"""openspec-delta-structure: a delta spec `openspec validate` cannot read as a delta.

Three cases, all errors in the CLI: a delta file with no `## ADDED|MODIFIED|REMOVED|RENAMED Requirements`
section; delta sections that hold no entry (no `### Requirement:` block, REMOVED bullet or RENAMED pair); and a
`specs/spec.md` directly under the change's `specs/` folder, which must live under a capability path
(`specs/<capability>/spec.md`, the CLI's #1385). No pygls or lsprotocol.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from analysis.dialects.openspec import delta_kind
from analysis.model import Dialect, Severity
from analysis.rules import RuleContext, rule
from analysis.text import Range


@rule("openspec-delta-structure", Severity.ERROR, "An OpenSpec delta has no delta sections, empty ones, or no capability folder.",
      dialects=(Dialect.OPENSPEC_DELTA,))
def check(context: RuleContext):
    document = context.document
    top = Range.of(0, 0, 0, len(document.lines[0]) if document.lines else 0)
    parts = PurePosixPath(document.path.replace("\\", "/")).parts
    if len(parts) >= 2 and parts[-2] == "specs" and "changes" in parts:
        yield context.finding(top, "A delta spec must live under a capability path: move it to specs/<capability>/spec.md.")
    sections = [section for section in document.sections if delta_kind(section) is not None]
    if not sections:
        yield context.finding(top, "No delta sections found. Add headers such as `## ADDED Requirements` or move non-delta "
                                   "notes outside specs/.")
        return
    if not document.requirements and not document.renames:
        names = ", ".join(f"## {delta_kind(section)} Requirements" for section in sections)
        yield context.finding(sections[0].range, f"Delta sections {names} were found, but no requirement entries parsed. Each "
                                                 "section needs at least one `### Requirement:` block (REMOVED may use bullets).")
