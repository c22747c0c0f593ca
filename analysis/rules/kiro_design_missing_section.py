"""kiro-design-missing-section: a Kiro design.md lacks one of the sections Kiro writes into every design.

**What it finds.** Kiro generates `## Overview`, `## Architecture`, `## Components and Interfaces`, `## Data Models`,
`## Error Handling` and `## Testing Strategy` (in that order, with `## Correctness Properties` before Error Handling
when it derives property tests). Over 160 real design.md files each of these appears in 127 to 151 of them, so a
missing one is usually a part of the design nobody wrote. Headings match at any level and in any case, and a
heading that contains the section's words counts (`## Architecture Overview`, `## System Components`). A design
written in another language (no Latin-script heading) is not checked.

**Why it matters.** Tasks are generated from the design: a design without error handling or a testing strategy
gives a task list without them.

**How to fix.** Write the section; the quick fix adds its heading where Kiro puts it. Reported as info: a design may
leave a section out on purpose. No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.model import Dialect, Edit, Fix, Severity
from analysis.rules import RuleContext, rule
from analysis.rules.missing_section import append_block
from analysis.text import Range

# Kiro's order, each with the words a heading must contain to count as that section.
_SECTIONS = (
    ("Overview", re.compile(r"\b(?:overview|introduction|summary)\b", re.I)),
    ("Architecture", re.compile(r"\barchitecture\b", re.I)),
    ("Components and Interfaces", re.compile(r"\bcomponents?\b|\binterfaces?\b", re.I)),
    ("Data Models", re.compile(r"\bdata\s+models?\b|\bdata\s+model(?:l)?ing\b|\bschemas?\b|\bentities\b", re.I)),
    ("Error Handling", re.compile(r"\berrors?\b|\bfailure", re.I)),
    ("Testing Strategy", re.compile(r"\btest(?:s|ing)?\b", re.I)),
)


@rule("kiro-design-missing-section", Severity.INFO, "A Kiro design.md has no Overview, Architecture, Components and "
      "Interfaces, Data Models, Error Handling or Testing Strategy section.", dialects=(Dialect.KIRO_DESIGN,), fixable=True)
def check(context: RuleContext):
    document = context.document
    titles = [section for section in document.sections if section.level >= 2]
    top = [section for section in titles if section.level == 2]
    if not top or sum(1 for section in top if re.search(r"[A-Za-z]{3}", section.title)) * 2 < len(top):
        return  # no sections, or sections named in another script: nothing to compare with
    anchor = document.title_range or titles[0].title_range
    present = [any(pattern.search(section.title) for section in titles) for _, pattern in _SECTIONS]
    for index, ((name, _pattern), found) in enumerate(zip(_SECTIONS, present)):
        if found:
            continue
        edit = _insertion(document, index, f"## {name}\n\n…\n")  # `…` marks what to write, as in missing-section
        yield context.finding(anchor, f'No "{name}" section: Kiro writes one into every design, and the task list is '
                                      f"generated from it.", fixes=[Fix(f"Add a {name} section", [edit])],
                              data={"section": name})


def _insertion(document, index: int, block: str) -> Edit:
    """The section's block before the first later Kiro section that exists, else after the last line."""
    for _name, pattern in _SECTIONS[index + 1:]:
        section = next((s for s in document.sections if s.level == 2 and pattern.search(s.title)), None)
        if section is not None:
            return Edit(Range.of(section.line, 0, section.line, 0), block + "\n")
    return append_block(document, block)
