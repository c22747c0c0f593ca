"""Kiro dialect: `.kiro/specs/*/requirements.md` with `### Requirement N[: Title]`, a `**User Story:**` line,
`#### Acceptance Criteria` in EARS form (WHEN/WHILE/IF/WHERE ... SHALL) and an optional Glossary.

No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.dialects.common import blocks_in, collect_entities, content_column, item_first_lines, line_range, strip_markup
from analysis.model import Requirement, Scenario, SpecDocument

_SHALL = re.compile(r"\bSHALL\b")
_KIRO_REQUIREMENT = re.compile(r"^requirement\s+(\d+(?:\.\d+)?)\s*(?::\s*(.*))?$", re.I)
_EARS_KEYWORDS = re.compile(r"\b(WHEN|WHILE|IF|WHERE|FOR ALL|THE)\b")


def extract_kiro(document: SpecDocument) -> None:
    for section in document.sections:
        match = _KIRO_REQUIREMENT.match(section.title)
        if not match or section.level not in (2, 3):
            continue
        number = match.group(1)
        title = (match.group(2) or "").strip()
        requirement = Requirement(id=number, name=title or f"Requirement {number}", text=title, range=section.title_range,
                                  line=section.line, end=section.end, kind="kiro")
        for line in range(section.line + 1, section.end):
            story = re.match(r"^\s*\*\*User Story:?\*\*:?\s*(.*)$", document.lines[line], re.I)
            if story:
                requirement.user_story = strip_markup(story.group(1))
                break
        criteria_section = next((s for s in document.sections if s.kind == "acceptance-criteria" and section.line < s.line < section.end), None)
        start = criteria_section.line + 1 if criteria_section else section.line + 1
        stop = criteria_section.end if criteria_section else section.end
        for block in blocks_in(document, start, stop, ("item",)):
            if block.depth > 0 and criteria_section is None:
                continue
            first, end = item_first_lines(document, block)
            text = strip_markup("\n".join(document.lines[first:end]))
            if criteria_section is None and not _EARS_KEYWORDS.search(text):
                continue
            requirement.scenarios.append(Scenario(text=text, range=line_range(document, first, content_column(document.lines[first])),
                                                  line=first, end=end, index=len(requirement.scenarios) + 1, style="ears",
                                                  has_when=bool(re.search(r"\b(WHEN|IF|WHILE|WHERE)\b", text)),
                                                  has_then=bool(re.search(r"\bTHEN\b", text)), has_shall=bool(_SHALL.search(text))))
        document.requirements.append(requirement)
    for section in document.sections:
        if section.kind in ("glossary", "key-entities", "data-model"):
            collect_entities(document, section.line + 1, section.end, "glossary")
