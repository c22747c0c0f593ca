"""openspec-non-requirement-heading: a `###` heading where OpenSpec expects `### Requirement: <name>`.

In a delta's ADDED/MODIFIED section such a heading (a divider, a typo like `### Requirment:`) is ignored by
validation and archive (INFO in the CLI, #498). In a main spec the CLI's two readers disagree about it: the
scenario check counts it as a requirement, the keyword and duplicate checks do not. No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.dialects.openspec import REQUIREMENT_HEADING, delta_kind, requirements_section
from analysis.model import Dialect, Edit, Fix, Severity
from analysis.rules import RuleContext, rule

_NEAR_KEYWORD = re.compile(r"^(?:req\w*|requirment|requirememt|requirements?)\s*[:\-–—]\s*(.+)$", re.I)


@rule("openspec-non-requirement-heading", Severity.INFO,
      "A `###` heading under Requirements or an ADDED/MODIFIED section is not a `Requirement:` heading.",
      dialects=(Dialect.OPENSPEC, Dialect.OPENSPEC_DELTA), fixable=True)
def check(context: RuleContext):
    document = context.document
    if document.dialect == Dialect.OPENSPEC:
        home = requirements_section(document)
        parents = [home] if home is not None else []
    else:
        parents = [s for s in document.sections if delta_kind(s) in ("ADDED", "MODIFIED")]
    for parent in parents:
        index = document.sections.index(parent)
        for section in document.sections:
            if section.parent != index or REQUIREMENT_HEADING.match(section.title):
                continue
            near = _NEAR_KEYWORD.match(section.title)
            fixes = [Fix("Write it as `Requirement: <name>`",
                         [Edit(section.title_range, f"Requirement: {near.group(1).strip() if near else section.title}")])]
            if document.dialect == Dialect.OPENSPEC_DELTA:
                message = (f"`{section.title}` is not a `### Requirement:` heading, so validation and archive ignore it "
                           "and everything under it.")
            else:
                message = (f"`{section.title}` is not a `### Requirement:` heading: openspec validate checks its scenarios "
                           "but not its SHALL/MUST keyword or duplicates, and archive cannot match it by name.")
            yield context.finding(section.range, message, fixes=fixes)
