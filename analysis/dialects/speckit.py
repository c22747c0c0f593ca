"""spec-kit dialect: user stories (current and pre-October-2025 templates), Given/When/Then scenarios,
FR/NFR/SC requirements read from their own sections only, Key Entities and clarification answers.

No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.dialects.common import (blocks_in, collect_entities, content_column,
                                      item_first_lines, line_range, strip_markup)
from analysis.model import Clarification, Requirement, Scenario, Section, SpecDocument, Story
from analysis.sections import REQUIREMENT_KINDS, SUCCESS_KINDS
from analysis.text import Range

ID_PATTERN = re.compile(r"(?<![\w-])((?:FR|NFR|SC|PR|DR|AC|SR|BR|CR|UR|TR|QR|IR|DM)-(?:\d+(?:\.\d+)*[a-z]?|[A-Z]+-\d+[a-z]?))(?![\w-])")
_ID_AT_ITEM_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\]\s*)?(\*\*|__)?\s*((?:FR|NFR|SC|PR|DR|AC|SR|BR|CR|UR|TR|QR|IR|DM)-[\w.-]+?)\s*(?::\s*)?(\*\*|__)?\s*[:.\-–—]?\s*(.*)$")
_TABLE_ID = re.compile(r"^\s*\|\s*(?:\*\*)?((?:FR|NFR|SC|C)-[\w.]+)(?:\*\*)?\s*\|")
_STORY = re.compile(r"^(?:User\s+Story|Story|US)\s*#?\s*(\d+[a-z]?)\b\s*(?:[-–—:.]\s*)?(.*?)\s*$", re.I)
_PRIORITY = re.compile(r"\(\s*Priority\s*:\s*(P\d+)\s*\)|\bPriority\s*:?\s*(P\d+)\b", re.I)
_GIVEN = re.compile(r"(?<![\w])(?:\*\*|__)?Given(?:\*\*|__)?(?![\w])", re.I)
_WHEN = re.compile(r"(?<![\w])(?:\*\*|__)?When(?:\*\*|__)?(?![\w])", re.I)
_THEN = re.compile(r"(?<![\w])(?:\*\*|__)?Then(?:\*\*|__)?(?![\w])", re.I)
_SCENARIO_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*(?:\*\*|__)?(?:Scenario[^:]*:\s*)?(?:\*\*|__)?\s*(?:\*\*|__)?(Given|When)\b", re.I)
_QA = re.compile(r"^\s*[-*+]\s*(?:\*\*)?Q(?:\d+)?(?:\*\*)?\s*[:.]\s*(.*?)\s*(?:→|->|=>|—>)\s*(?:\*\*)?A(?:\*\*)?\s*[:.]\s*(.*)$")


def extract_speckit(document: SpecDocument) -> None:
    sections = document.sections
    kinds = {s.kind for s in sections}
    if "primary-user-story" in kinds or "review-checklist" in kinds or "execution-status" in kinds:
        document.template_generation = "legacy"
    # Stories.
    for section in sections:
        match = _STORY.match(section.title)
        if not match or section.level < 2:
            continue
        rest = match.group(2)
        priority_match = _PRIORITY.search(section.title)
        priority = (priority_match.group(1) or priority_match.group(2)).upper() if priority_match else None
        title = _PRIORITY.sub("", rest).strip(" -–—:")
        story = Story(key=match.group(1).lower(), title=title, priority=priority, range=section.range, line=section.line, end=section.end)
        _collect_story(document, story, section.line + 1, section.end)
        document.stories.append(story)
    legacy = next((s for s in sections if s.kind == "primary-user-story"), None)
    if legacy is not None:
        story = Story(key="primary", title="Primary User Story", priority=None, range=legacy.range, line=legacy.line, end=legacy.end)
        parent_end = sections[legacy.parent].end if legacy.parent is not None else len(document.lines)
        acceptance = [s for s in sections if s.kind == "acceptance-scenarios" and legacy.line < s.line < parent_end]
        story.narrative = strip_markup(" ".join(document.lines[legacy.line + 1:legacy.end]))
        for section in acceptance:
            story.has_acceptance_heading = True
            story.end = max(story.end, section.end)
            story.scenarios.extend(_scenarios_in(document, section.line + 1, section.end, start_index=len(story.scenarios) + 1))
        document.stories.append(story)
    # Orphan scenarios (an Acceptance Scenarios section that belongs to no story) still count as acceptance criteria.
    # Requirements and success criteria, read only from their own sections.
    seen_lines: set[int] = set()
    for section in sections:
        if section.kind in REQUIREMENT_KINDS or section.kind in SUCCESS_KINDS:
            default_kind = "success-criterion" if section.kind in SUCCESS_KINDS else (
                "non-functional" if section.kind == "non-functional-requirements" else "functional")
            _collect_requirements(document, section, default_kind, seen_lines)
    # Key entities.
    for section in sections:
        if section.kind in ("key-entities", "data-model"):
            collect_entities(document, section.line + 1, _own_end(document, section), "key-entities" if section.kind == "key-entities" else "data-section")
    # Clarification answers.
    for section in sections:
        if section.kind == "clarifications":
            for line in range(section.line + 1, section.end):
                match = _QA.match(document.lines[line])
                if match and document.tree.is_prose(line):
                    document.clarifications.append(Clarification(strip_markup(match.group(1)), strip_markup(match.group(2)),
                                                                 line_range(document, line), line))


def _own_end(document: SpecDocument, section: Section) -> int:
    return section.end


def _collect_story(document: SpecDocument, story: Story, start: int, end: int) -> None:
    narrative: list[str] = []
    for line in range(start, end):
        text = document.lines[line]
        if re.match(r"^\s*\*\*(Why this priority|Independent Test|Acceptance Scenarios?)", text, re.I):
            break
        if document.tree.is_prose(line) and text.strip() and not text.strip().startswith("#"):
            narrative.append(text.strip())
    story.narrative = strip_markup(" ".join(narrative))
    for line in range(start, end):
        if re.match(r"^\s*(?:\*\*|__)?Acceptance (Scenarios?|Criteria)", document.lines[line], re.I) or \
                re.match(r"^\s*#{3,6}\s*Acceptance (Scenarios?|Criteria)", document.lines[line], re.I):
            story.has_acceptance_heading = True
            break
    story.scenarios = _scenarios_in(document, start, end)


def _scenarios_in(document: SpecDocument, start: int, end: int, start_index: int = 1) -> list[Scenario]:
    scenarios: list[Scenario] = []
    index = start_index
    for block in blocks_in(document, start, end):
        if block.kind == "paragraph" and block.depth > 0:
            continue
        first, stop = (item_first_lines(document, block) if block.kind == "item" else (block.start, block.end))
        text = "\n".join(document.lines[first:stop])
        if not _SCENARIO_START.match(document.lines[first]):
            continue
        plain = strip_markup(text)
        scenario = Scenario(text=plain, range=line_range(document, first, content_column(document.lines[first])), line=first, end=stop,
                            index=index, style="gwt", has_given=bool(_GIVEN.search(text)), has_when=bool(_WHEN.search(text)),
                            has_then=bool(_THEN.search(text)))
        if scenario.has_given and not scenario.has_then and stop < end:
            # "Then" may sit in a nested bullet below the Given line.
            nested = "\n".join(document.lines[stop:block.end])
            scenario.has_then = bool(_THEN.search(nested))
            scenario.has_when = scenario.has_when or bool(_WHEN.search(nested))
        scenarios.append(scenario)
        index += 1
    return scenarios


def _collect_requirements(document: SpecDocument, section: Section, default_kind: str, seen_lines: set[int]) -> None:
    for block in blocks_in(document, section.line + 1, section.end, ("item", "paragraph")):
        if block.start in seen_lines or (block.kind == "paragraph" and block.depth > 0):
            continue
        line_text = document.lines[block.start]
        match = _ID_AT_ITEM_START.match(line_text)
        if not match:
            continue
        identifier = match.group(2).rstrip(".:")
        if not ID_PATTERN.fullmatch(identifier):
            # Something like FR-x or FR-: still a requirement, reported by malformed-id.
            if not re.fullmatch(r"(FR|NFR|SC)-[\w.]*", identifier):
                continue
        seen_lines.add(block.start)
        column = line_text.find(identifier)
        first, stop = item_first_lines(document, block) if block.kind == "item" else (block.start, block.end)
        body = strip_markup(match.group(4) + " " + " ".join(document.lines[first + 1:stop]))
        kind = default_kind
        prefix = identifier.split("-")[0]
        if prefix == "SC":
            kind = "success-criterion"
        elif prefix == "NFR":
            kind = "non-functional"
        document.requirements.append(Requirement(id=identifier, name=identifier, text=body,
                                                 range=Range.of(block.start, column, block.start, column + len(identifier)),
                                                 line=block.start, end=block.end, kind=kind,
                                                 body_range=line_range(document, block.start, column)))
    for line in range(section.line + 1, section.end):
        match = _TABLE_ID.match(document.lines[line])
        if match and line not in seen_lines and document.tree.is_prose(line):
            seen_lines.add(line)
            identifier = match.group(1)
            column = document.lines[line].find(identifier)
            cells = [strip_markup(c) for c in document.lines[line].strip().strip("|").split("|")[1:]]
            document.requirements.append(Requirement(id=identifier, name=identifier, text=" ".join(c for c in cells if c),
                                                     range=Range.of(line, column, line, column + len(identifier)), line=line,
                                                     end=line + 1, kind=default_kind))
