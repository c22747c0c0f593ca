"""missing-section: a mandatory section of the spec's dialect is missing.

**What it finds.**
- spec-kit (current template): `User Scenarios & Testing`, `Requirements` and `Success Criteria`, the three
  sections the template marks `*(mandatory)*`. Specs written from the pre-October-2025 template (recognised by
  `### Primary User Story`, `## Review & Acceptance Checklist` or `## Execution Status`) had no Success
  Criteria, so only the first two are required there. Real-world spellings count: H2 or H3, with
  `*(mandatory)*` or `_(mandatory)_`, `User Stories`, `Functional Requirements`, `Requirements Update`,
  `Measurable Outcomes`, `Success Criteria (Final)`; user story headings also show the scenarios exist.
- OpenSpec main specs: `Purpose` and `Requirements`, at any heading level and in any case, as
  `openspec validate` looks for them. Both are errors, because `openspec validate` stops at them.
- Kiro `requirements.md`: `Introduction` and `Requirements` (localised headings such as `## 介紹` / `## 需求` count).

**Why it matters.** Later steps read these sections: planning reads the requirements, `/speckit.analyze` and
task generation read the scenarios and success criteria, and `openspec validate` rejects a spec without
them. A missing section is usually content that was never written or a heading that was renamed.

**Example.** A spec-kit spec with `## User Scenarios & Testing` and `## Requirements` but no
`## Success Criteria` gets one finding on its title.

**How to fix.** Write the section. The quick fix inserts its skeleton where the template puts it (before
the next mandatory section that exists, or after the previous one), ready to fill in.
No pygls or lsprotocol here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from analysis.dialects.openspec import purpose_section, requirements_section
from analysis.dialects.speckit import requirement_section_kind
from analysis.model import Dialect, Edit, Fix, Section, Severity, SpecDocument
from analysis.rules import RuleContext, rule
from analysis.text import Range


@dataclass(frozen=True)
class _Mandatory:
    name: str
    present: Callable[[SpecDocument], bool]
    skeleton: Callable[[SpecDocument], str]
    matches: Callable[[Section], bool]
    """Whether a section is this one (used to place the inserted skeleton)."""


def _titled(pattern: str) -> Callable[[Section], bool]:
    compiled = re.compile(pattern, re.I)
    return lambda section: bool(compiled.search(section.title))


_SPECKIT_SCENARIOS = lambda s: s.kind in ("user-scenarios", "primary-user-story") or bool(re.search(r"\buser (scenarios?|stories)\b", s.title, re.I))
_SPECKIT_REQUIREMENTS = lambda s: requirement_section_kind(s) in ("functional", "non-functional")
_SPECKIT_SUCCESS = lambda s: requirement_section_kind(s) == "success-criterion" or bool(re.search(r"\bsuccess (metrics|measures)\b", s.title, re.I))
# Exactly the headings `openspec validate` finds (its `findSection`: title only, any level, any case).
_OPENSPEC_PURPOSE = lambda s: s.title.strip().casefold() == "purpose"
_OPENSPEC_REQUIREMENTS = lambda s: s.title.strip().casefold() == "requirements"
_KIRO_INTRODUCTION = _titled(r"^(\d+\.?\s*)?(introduction|overview|summary|介紹|介绍|简介|簡介|概述|概要|引言|前言|はじめに|イントロダクション|소개|개요)\b")
_KIRO_REQUIREMENTS = _titled(r"^(\d+\.?\s*)?((functional |detailed |user )?requirements|需求|需求清單|需求列表|功能需求|要件|要求事項|機能要件|요구\s*사항)\s*$")


def _next_id(document: SpecDocument, prefix: str) -> str:
    numbers = [int(m.group(1)) for r in document.requirements if r.id for m in [re.fullmatch(rf"{prefix}-(\d+)", r.id)] if m]
    return f"{prefix}-{(max(numbers) + 1) if numbers else 1:03d}"


def _has_section(matches: Callable[[Section], bool]) -> Callable[[SpecDocument], bool]:
    return lambda document: any(matches(section) for section in document.sections if section.level >= 2)


_SPECKIT = [
    _Mandatory("User Scenarios & Testing", lambda d: bool(d.stories) or _has_section(_SPECKIT_SCENARIOS)(d),
               lambda d: "## User Scenarios & Testing *(mandatory)*\n\n### User Story 1 - … (Priority: P1)\n\n…\n\n"
                         "**Acceptance Scenarios**:\n\n1. **Given** …, **When** …, **Then** …\n",
               _SPECKIT_SCENARIOS),
    _Mandatory("Requirements", _has_section(_SPECKIT_REQUIREMENTS),
               lambda d: f"## Requirements *(mandatory)*\n\n### Functional Requirements\n\n- **{_next_id(d, 'FR')}**: System MUST …\n",
               _SPECKIT_REQUIREMENTS),
    _Mandatory("Success Criteria", _has_section(_SPECKIT_SUCCESS),
               lambda d: f"## Success Criteria *(mandatory)*\n\n### Measurable Outcomes\n\n- **{_next_id(d, 'SC')}**: …\n",
               _SPECKIT_SUCCESS),
]
_OPENSPEC = [
    _Mandatory("Purpose", lambda d: purpose_section(d) is not None, lambda d: "## Purpose\n\n…\n", _OPENSPEC_PURPOSE),
    _Mandatory("Requirements", lambda d: requirements_section(d) is not None,
               lambda d: "## Requirements\n" if d.requirements else
               "## Requirements\n\n### Requirement: …\nThe system SHALL …\n\n#### Scenario: …\n- **WHEN** …\n- **THEN** …\n",
               _OPENSPEC_REQUIREMENTS),
]
_KIRO = [
    _Mandatory("Introduction", _has_section(_KIRO_INTRODUCTION), lambda d: "## Introduction\n\n…\n", _KIRO_INTRODUCTION),
    _Mandatory("Requirements", _has_section(_KIRO_REQUIREMENTS),
               lambda d: "## Requirements\n" if d.requirements else
               "## Requirements\n\n### Requirement 1: …\n\n**User Story:** As a …, I want …, so that …\n\n#### Acceptance Criteria\n\n"
               "1. WHEN …, THE system SHALL …\n",
               _KIRO_REQUIREMENTS),
]


def mandatory_sections(document: SpecDocument) -> list[_Mandatory]:
    if document.dialect == Dialect.SPECKIT:
        return _SPECKIT[:2] if document.template_generation == "legacy" else _SPECKIT
    if document.dialect == Dialect.OPENSPEC:
        return _OPENSPEC
    if document.dialect == Dialect.KIRO:
        return _KIRO
    return []


@rule("missing-section", Severity.WARNING, "A mandatory section of the spec's template is missing.",
      dialects=(Dialect.SPECKIT, Dialect.OPENSPEC, Dialect.KIRO), fixable=True)
def check(context: RuleContext):
    document = context.document
    wanted = mandatory_sections(document)
    location = document.title_range or Range.of(min(document.content_offset, len(document.lines) - 1), 0)
    severity = Severity.ERROR if document.dialect == Dialect.OPENSPEC else None
    template = {Dialect.SPECKIT: "the spec-kit template", Dialect.OPENSPEC: "an OpenSpec spec", Dialect.KIRO: "a Kiro requirements.md"}[document.dialect]
    for index, section in enumerate(wanted):
        if section.present(document):
            continue
        edit = _insertion(document, wanted, index)
        yield context.finding(location, f"Missing mandatory section \"{section.name}\" ({template} requires it).", severity=severity,
                              fixes=[Fix(f"Add a \"{section.name}\" section", [edit])], data={"section": section.name})


def _insertion(document: SpecDocument, wanted: list[_Mandatory], index: int) -> Edit:
    """Insert the skeleton before the next mandatory section that exists, else after the previous one, else
    (for the first one, or when none exists) after the title block, else at the end of the file."""
    skeleton = wanted[index].skeleton(document)
    first_heading = _first_requirement_line(document) if skeleton.count("\n") == 1 else None
    if first_heading is not None:
        return Edit(Range.of(first_heading, 0, first_heading, 0), skeleton + "\n")
    for later in wanted[index + 1:]:
        section = next((s for s in document.sections if s.level >= 2 and later.matches(s)), None)
        if section is not None:
            line = _top_level(document, section).line
            return Edit(Range.of(line, 0, line, 0), skeleton + "\n")
    for earlier in reversed(wanted[:index]):
        section = next((s for s in document.sections if s.level >= 2 and earlier.matches(s)), None)
        if section is not None:
            end = _top_level(document, section).end
            if end < len(document.lines) and end > 0:
                return Edit(Range.of(end, 0, end, 0), skeleton + "\n")
            return append_block(document, skeleton)
    if index == 0:
        line = next((s.line for s in document.sections if s.level == 2), None)
        if line is not None:
            return Edit(Range.of(line, 0, line, 0), skeleton + "\n")
    return append_block(document, skeleton)


def _first_requirement_line(document: SpecDocument) -> int | None:
    """For a heading-only skeleton (requirements exist, the `## Requirements` heading does not): above the first one."""
    lines = [r.line for r in document.requirements if r.kind in ("openspec", "kiro")]
    return min(lines) if lines else None


def _top_level(document: SpecDocument, section: Section) -> Section:
    while section.parent is not None and section.level > 2:
        section = document.sections[section.parent]
    return section


def append_block(document: SpecDocument, skeleton: str) -> Edit:
    """An edit that adds `skeleton` after the last line, one blank line after the text."""
    last = len(document.lines) - 1
    end = len(document.lines[last])
    prefix = "\n" if document.lines[last] == "" else "\n\n"
    if last > 0 and document.lines[last] == "" and document.lines[last - 1].strip():
        prefix = "\n"
    return Edit(Range.of(last, end, last, end), prefix + skeleton)
