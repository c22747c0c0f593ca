"""openspec-delta-header-in-main-spec: `## ADDED Requirements` (or MODIFIED/REMOVED/RENAMED) inside a main spec.

Delta sections belong in `openspec/changes/<id>/specs/`; in a main spec such a header ends the parsed
Requirements section, so the blocks under it are invisible to validate, list and archive (the CLI's #954).
Renaming the header to `## Requirements` is the usual fix when the spec was copied from a change.
No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.dialects.openspec import delta_kind, requirements_section
from analysis.model import Dialect, Edit, Fix, Severity
from analysis.rules import RuleContext, rule


@rule("openspec-delta-header-in-main-spec", Severity.ERROR, "A main spec contains a delta section header.",
      dialects=(Dialect.OPENSPEC,), fixable=True)
def check(context: RuleContext):
    document = context.document
    has_requirements = requirements_section(document) is not None
    for section in document.sections:
        kind = delta_kind(section)
        if kind is None:
            continue
        fixes = []
        if not has_requirements and kind in ("ADDED", "MODIFIED"):
            fixes.append(Fix("Rename to ## Requirements", [Edit(section.title_range, "Requirements")]))
        yield context.finding(section.range, f"Main spec contains the delta header `## {kind} Requirements`: it truncates the "
                                             "parsed `## Requirements` section, so the requirements under it are invisible to "
                                             "openspec validate, list and archive. Delta sections belong in "
                                             "openspec/changes/<id>/specs/.", fixes=fixes, data={"delta": kind})
