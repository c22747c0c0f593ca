"""openspec-requirement-outside-section: a `### Requirement:` block the CLI never reads.

In a main spec, blocks outside `## Requirements` are invisible to validate, list and archive (error, as in the
CLI); blocks under a stray delta header are left to `openspec-delta-header-in-main-spec`. In a delta, blocks
outside the ADDED/MODIFIED/REMOVED/RENAMED sections are ignored by archive (warning, as in the CLI 1.13).
No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.dialects.openspec import REQUIREMENT_HEADING, delta_kind, requirements_section
from analysis.model import Dialect, Severity
from analysis.rules import RuleContext, rule


@rule("openspec-requirement-outside-section", Severity.ERROR,
      "A `### Requirement:` block sits outside the section OpenSpec reads requirements from.",
      dialects=(Dialect.OPENSPEC, Dialect.OPENSPEC_DELTA))
def check(context: RuleContext):
    document = context.document
    delta_sections = [s for s in document.sections if delta_kind(s) is not None]
    home = requirements_section(document)
    for section in document.sections:
        match = REQUIREMENT_HEADING.match(section.title)
        if section.level != 3 or not match:
            continue
        inside_delta = any(d.line < section.line < d.end for d in delta_sections)
        name = match.group(1).strip()
        if document.dialect == Dialect.OPENSPEC:
            if inside_delta or (home is not None and home.line < section.line < home.end):
                continue
            yield context.finding(section.range, f"Requirement \"{name}\" is outside the `## Requirements` section, so it is "
                                                 "invisible to openspec validate, list and archive. Move it under `## Requirements`.")
        elif not inside_delta:
            yield context.finding(section.range, f"Requirement \"{name}\" is not in a delta section (`## ADDED Requirements`, "
                                                 "`## MODIFIED Requirements`, ...), so archive ignores it.",
                                  severity=Severity.WARNING)
