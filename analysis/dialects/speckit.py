"""spec-kit dialect: user stories (current and pre-October-2025 templates), Given/When/Then scenarios,
FR/NFR/SC requirements read from their own sections only, Key Entities and clarification answers.

Real specs vary a lot around the template, and each variant below was seen in public specs: story headings
as H2 or H3, with a hyphen, an en or em dash or a colon, keyed `User Story 1`, `User Story 1a`, `User Scenario 1`, `US-1` or `US1`;
the old template's `### Primary User Story` with a separate `### Acceptance Scenarios`; scenarios as numbered
items, bullets (`- **Given**`), bare paragraphs or a fenced ```gherkin block; acceptance criteria that are
plain items under an `**Acceptance Scenarios**:` label (kept as `text` scenarios); requirement IDs bold or plain,
with or without a colon, in table rows or as `### FR-001: Title` headings; sections such as
`## Requirements Update` or `## Success Criteria (Final)`. Keyword patterns use ASCII letter boundaries so a
Given/When/Then next to CJK text (localised specs keep the English keywords) is still seen.
Depends on the markdown layer, the model and `analysis.sections`; no pygls or lsprotocol.
"""

from __future__ import annotations

import operator
import re
from collections import OrderedDict
from itertools import compress, repeat

from analysis import memo
from analysis.dialects.common import (blocks_in, collect_entities, content_column,
                                      item_first_lines, line_range, region_key, strip_markup)
from analysis.model import Clarification, Requirement, Scenario, Section, SpecDocument, Story
from analysis.sections import REQUIREMENT_KINDS, SUCCESS_KINDS
from analysis.text import Range

ID_PATTERN = re.compile(r"(?<![\w-])((?:FR|NFR|SC|PR|DR|AC|SR|BR|CR|UR|TR|QR|IR|DM)-(?:\d+(?:\.\d+)*[a-z]?|[A-Z]+-\d+[a-z]?))(?![\w-])")
_ID_AT_ITEM_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\]\s*)?(\*\*|__)?\s*((?:FR|NFR|SC|PR|DR|AC|SR|BR|CR|UR|TR|QR|IR|DM)-[\w.-]*)\s*(?::\s*)?(\*\*|__)?\s*[:.\-–—]?\s*(.*)$")
_TABLE_ID = re.compile(r"^\s*\|\s*(?:\*\*)?((?:FR|NFR|SC)-[\w.]+)(?:\*\*)?\s*\|")
_HEADING_ID = re.compile(r"^(?:\*\*|__)?((?:FR|NFR|SC)-[\w.]*)(?:\*\*|__)?\s*(?:[:.\-–—]\s*|$)(.*)$")
_STORY = re.compile(r"^(?:User\s+Story|User\s+Scenario|Story|US)\s*[-#]?\s*(\d+[a-z]?)\b\s*(?:[-–—:.]\s*)?(.*?)\s*$", re.I)
_PRIORITY = re.compile(r"\(\s*(?:Priority\s*:\s*)?(P\d+)\s*\)|\bPriority\s*:?\s*(P\d+)\b", re.I)
# ASCII letter boundaries instead of \b: CJK characters are \w, and localised specs write "Given用户…".
_GIVEN = re.compile(r"(?<![A-Za-z])(?:\*\*|__)?Given(?:\*\*|__)?(?![A-Za-z])", re.I)
_WHEN = re.compile(r"(?<![A-Za-z])(?:\*\*|__)?When(?:\*\*|__)?(?![A-Za-z])", re.I)
_THEN = re.compile(r"(?<![A-Za-z])(?:\*\*|__)?Then(?:\*\*|__)?(?![A-Za-z])", re.I)
_SCENARIO_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*(?:\*\*|__)?(?:(?:Scenario|AC|Example)[^:]{0,40}:\s*)?(?:\*\*|__)?\s*(?:\*\*|__)?(Given|When)(?![A-Za-z])", re.I)
_ACCEPTANCE_LABEL = re.compile(r"^\s*(?:(?:\*\*|__)\s*Acceptance (?:Scenarios?|Criteria|Tests?)\b|#{3,6}\s*Acceptance (?:Scenarios?|Criteria|Tests?)\b|Acceptance (?:Scenarios?|Criteria)\s*:)", re.I)
_STORY_LABEL = re.compile(r"^\s*(?:\*\*|__)(Why this priority|Independent Test|Acceptance Scenarios?|Acceptance Criteria|Edge Cases)", re.I)
_GHERKIN_INFO = frozenset({"gherkin", "cucumber", "feature", "bdd"})
_QA = re.compile(r"^\s*[-*+]\s*(?:\*\*)?Q(?:\d+)?(?:\*\*)?\s*[:.]\s*(.*?)\s*(?:→|->|=>|—>)\s*(?:\*\*)?A(?:\*\*)?\s*[:.]\s*(.*)$")
_LOOSE_REQUIREMENTS = re.compile(r"\brequirements?\b", re.I)
_NOT_REQUIREMENTS = re.compile(r"checklist|completeness|clarity|consistency|quality|traceab|coverage|validation|testing requirements", re.I)
_LOOSE_SUCCESS = re.compile(r"\b(success criteria|measurable outcomes)\b", re.I)


def extract_speckit(document: SpecDocument) -> None:
    sections = document.sections
    kinds = {s.kind for s in sections}
    if "primary-user-story" in kinds or "review-checklist" in kinds or "execution-status" in kinds:
        document.template_generation = "legacy"
    _extract_stories(document)
    # Requirements and success criteria, read only from their own sections (never from stories or checklists).
    seen_lines: set[int] = set()
    for section in sections:
        default_kind = requirement_section_kind(section)
        if default_kind is not None:
            _collect_requirements_cached(document, section, default_kind, seen_lines)
    document.requirements.sort(key=lambda requirement: (requirement.line, requirement.range.start.character))
    for section in sections:
        if section.kind in ("key-entities", "data-model"):
            collect_entities(document, section.line + 1, section.end, "key-entities" if section.kind == "key-entities" else "data-section")
    for section in sections:
        if section.kind == "clarifications":
            for line in range(section.line + 1, section.end):
                match = _QA.match(document.lines[line])
                if match and document.tree.is_prose(line):
                    document.clarifications.append(Clarification(strip_markup(match.group(1)), strip_markup(match.group(2)),
                                                                 line_range(document, line), line))


def requirement_section_kind(section: Section) -> str | None:
    """The default requirement kind of IDs found in `section`, or None when it is not a requirements section.

    Besides the normalised kinds, titles that merely contain "Requirements" or "Success Criteria" count
    (`## Requirements Update`, `## Success Criteria (Final)`), except checklist-like ones.
    """
    if section.kind in SUCCESS_KINDS:
        return "success-criterion"
    if section.kind == "non-functional-requirements":
        return "non-functional"
    if section.kind in REQUIREMENT_KINDS:
        return "functional"
    if section.kind is not None or section.level < 2:
        return None
    if _LOOSE_SUCCESS.search(section.title):
        return "success-criterion"
    if _LOOSE_REQUIREMENTS.search(section.title) and not _NOT_REQUIREMENTS.search(section.title):
        return "functional"
    return None


def _extract_stories(document: SpecDocument) -> None:
    sections = document.sections
    story_sections = [(section, match) for section in sections for match in [_STORY.match(section.title)]
                      if match and section.level >= 2 and document.tree.is_prose(section.line)]
    for index, (section, match) in enumerate(story_sections):
        priority_match = _PRIORITY.search(section.title)
        priority = (priority_match.group(1) or priority_match.group(2)).upper() if priority_match else None
        title = _PRIORITY.sub("", match.group(2)).strip(" -–—:")
        # A story ends at its section's end or at the next story heading, whatever its level (an H2 story may be
        # followed by H3 ones).
        end = min([section.end] + [other.line for other, _ in story_sections[index + 1:index + 2]])
        memoising = memo.enabled()
        # Without memoising nothing is stored, so the key (which reads the whole region) is not even built.
        key = (region_key(document, section.line, end), section.title, section.range) if memoising else None
        story = _STORY_CACHE.get(key) if memoising else None
        if story is None:
            story = Story(key=match.group(1).lower(), title=title, priority=priority, range=section.range, line=section.line, end=end)
            _collect_story(document, story, section.line + 1, end)
            if memoising:
                _remember(_STORY_CACHE, key, story)
        else:
            _STORY_CACHE.move_to_end(key)
        document.stories.append(story)
    legacy = next((s for s in sections if s.kind == "primary-user-story"), None)
    if legacy is not None:
        story = Story(key="primary", title="Primary User Story", priority=None, range=legacy.range, line=legacy.line, end=legacy.end)
        parent_end = sections[legacy.parent].end if legacy.parent is not None else len(document.lines)
        acceptance = [s for s in sections if s.kind in ("acceptance-scenarios", "acceptance-criteria") and legacy.line < s.line < parent_end]
        story.narrative = strip_markup(" ".join(line for index, line in enumerate(document.lines[legacy.line + 1:legacy.end], legacy.line + 1)
                                                if document.tree.is_prose(index)))
        for section in acceptance:
            story.has_acceptance_heading = True
            story.end = max(story.end, section.end)
            story.scenarios.extend(_scenarios_in(document, section.line + 1, section.end, start_index=len(story.scenarios) + 1,
                                                 plain_items=True))
        if not acceptance:
            story.scenarios = _scenarios_in(document, legacy.line + 1, legacy.end)
        document.stories.append(story)


def _collect_story(document: SpecDocument, story: Story, start: int, end: int) -> None:
    narrative: list[str] = []
    for line in range(start, end):
        text = document.lines[line]
        if _STORY_LABEL.match(text) or _ACCEPTANCE_LABEL.match(text):
            break
        if document.tree.is_prose(line) and text.strip() and not text.strip().startswith("#"):
            narrative.append(text.strip())
    story.narrative = strip_markup(" ".join(narrative))
    label = next((line for line in range(start, end) if _ACCEPTANCE_LABEL.match(document.lines[line]) and document.tree.is_prose(line)), None)
    story.has_acceptance_heading = label is not None
    # When the story has an acceptance label, its scenarios follow it: the narrative above may well start with "When …".
    story.scenarios = _scenarios_in(document, label + 1 if label is not None else start, end)
    if not story.scenarios and label is not None:
        # Acceptance criteria written as plain items ("1. User can …") under the label still are acceptance criteria.
        story.scenarios = _scenarios_in(document, label + 1, _label_end(document, label, end), plain_items=True)


def _label_end(document: SpecDocument, label: int, end: int) -> int:
    """Where the content under a bold label stops: the next bold label or heading."""
    for line in range(label + 1, end):
        text = document.lines[line]
        if document.tree.is_prose(line) and (_STORY_LABEL.match(text) or re.match(r"^\s*#{1,6}\s", text)):
            return line
    return end


def _scenarios_in(document: SpecDocument, start: int, end: int, start_index: int = 1, plain_items: bool = False) -> list[Scenario]:
    scenarios: list[Scenario] = []
    for block in sorted(blocks_in(document, start, end, ("item", "paragraph", "fence")), key=lambda b: (b.start, -b.end)):
        index = start_index + len(scenarios)
        if block.kind == "fence":
            scenarios.extend(_gherkin_scenarios(document, block, index))
            continue
        if block.kind == "paragraph" and block.depth > 0:
            continue
        first, stop = (item_first_lines(document, block) if block.kind == "item" else (block.start, block.end))
        text = "\n".join(document.lines[first:stop])
        if not _SCENARIO_START.match(document.lines[first]):
            if plain_items and block.kind == "item" and block.depth == 0 and strip_markup(text):
                scenarios.append(Scenario(text=strip_markup(text), range=line_range(document, first, content_column(document.lines[first])),
                                          line=first, end=stop, index=index, style="text"))
            continue
        if block.kind == "paragraph" and not re.match(r"^\s*(\*\*|__)", document.lines[first]) and \
                sum(bool(p.search(text)) for p in (_GIVEN, _WHEN, _THEN)) < 2:
            continue  # prose that merely starts with "When …" or "Given …"
        if block.kind == "item" and block.depth > 0 and any(s.line < first < s.end for s in scenarios):
            continue  # a nested "- When …" bullet belongs to the Given item above it
        scenario = Scenario(text=strip_markup(text), range=line_range(document, first, content_column(document.lines[first])), line=first,
                            end=stop, index=index, style="gwt", has_given=bool(_GIVEN.search(text)), has_when=bool(_WHEN.search(text)),
                            has_then=bool(_THEN.search(text)))
        if block.kind == "item" and stop < block.end:
            # "When"/"Then" may sit in nested bullets below the Given line.
            nested = "\n".join(document.lines[stop:block.end])
            scenario.has_then = scenario.has_then or bool(_THEN.search(nested))
            scenario.has_when = scenario.has_when or bool(_WHEN.search(nested))
            scenario.end = block.end
            scenario.text = strip_markup(text + "\n" + nested)
        scenarios.append(scenario)
    return scenarios


def _gherkin_scenarios(document: SpecDocument, fence: "object", start_index: int) -> list[Scenario]:
    """Scenarios in a fenced Gherkin block: a new one starts at `Scenario:`, or at a Given/When step
    after a Then; And/But steps and data lines (tables, headers, lists) stay with the scenario above."""
    lines = document.lines[fence.start + 1:max(fence.start + 1, fence.end - 1)]
    if fence.info.split()[:1] and fence.info.split()[0].lower() not in _GHERKIN_INFO:
        return []
    if not fence.info and not any(re.match(r"^\s*(Scenario|Given|Feature)\b", line) for line in lines):
        return []
    chunks: list[list[int]] = []
    current: list[int] = []
    seen_then = False
    for offset, text in enumerate(lines):
        line = fence.start + 1 + offset
        stripped = text.strip()
        if not stripped:
            continue  # blank lines separate scenarios only when the next line starts a new one (below)
        starts = re.match(r"^(Scenario( Outline)?|Example)\s*:", stripped, re.I) or (seen_then and re.match(r"^(Given|When)\b", stripped, re.I))
        if starts:
            if current:
                chunks.append(current)
            current, seen_then = [], False
        current.append(line)
        if re.match(r"^Then\b", stripped, re.I):
            seen_then = True
    if current:
        chunks.append(current)
    scenarios = []
    for chunk in chunks:
        text = "\n".join(document.lines[line] for line in chunk)
        if not (_GIVEN.search(text) or _WHEN.search(text)):
            continue
        first = chunk[0]
        name_match = re.match(r"^\s*Scenario(?: Outline)?\s*:\s*(.*)$", document.lines[first], re.I)
        scenarios.append(Scenario(text=strip_markup(text), range=line_range(document, first, content_column(document.lines[first])),
                                  line=first, end=chunk[-1] + 1, index=start_index + len(scenarios), style="gwt",
                                  name=name_match.group(1).strip() if name_match else "",
                                  has_given=bool(_GIVEN.search(text)), has_when=bool(_WHEN.search(text)), has_then=bool(_THEN.search(text))))
    return scenarios


# Extraction results of unchanged regions, reused on the next keystroke. A region's key holds its absolute lines,
# its text, its markdown blocks and what else the extraction reads, so a hit gives exactly what extracting again
# would: the model objects are shared between successive documents and are never modified after extraction.
# An edit that adds or removes a line shifts the regions below it, which are extracted again once.
_STORY_CACHE: OrderedDict[tuple, Story] = OrderedDict()
_REQUIREMENT_CACHE: OrderedDict[tuple, tuple[tuple[Requirement, ...], frozenset[int]]] = OrderedDict()
_CACHE_LIMITS = {id(_STORY_CACHE): 512, id(_REQUIREMENT_CACHE): 32}
"""Requirement regions are whole sections (hundreds of lines), stories are short: fewer of the former are kept."""


def _remember(cache: OrderedDict, key: tuple, value: object) -> None:
    cache[key] = value
    if len(cache) > _CACHE_LIMITS[id(cache)]:
        cache.popitem(last=False)


def _collect_requirements_cached(document: SpecDocument, section: Section, default_kind: str, seen_lines: set[int]) -> None:
    """`_collect_requirements`, reusing the previous result when the section and what it depends on are unchanged."""
    start, end = section.line + 1, section.end
    if not memo.enabled():  # nothing is stored without memoising: skip building the key (it reads the whole section)
        _collect_requirements(document, section, default_kind, seen_lines)
        return
    key = (region_key(document, section.line, end), default_kind, frozenset(line for line in seen_lines if start <= line < end),
           tuple((sub.line, sub.end, sub.title) for sub in document.sections if section.line < sub.line < end))
    cached = _REQUIREMENT_CACHE.get(key)
    if cached is not None:
        _REQUIREMENT_CACHE.move_to_end(key)
        document.requirements.extend(cached[0])
        seen_lines.update(cached[1])
        return
    before_requirements = len(document.requirements)
    before_seen = set(seen_lines)
    _collect_requirements(document, section, default_kind, seen_lines)
    _remember(_REQUIREMENT_CACHE, key, (tuple(document.requirements[before_requirements:]), frozenset(seen_lines - before_seen)))


def _collect_requirements(document: SpecDocument, section: Section, default_kind: str, seen_lines: set[int]) -> None:
    own_end = section.end
    for block in blocks_in(document, section.line + 1, own_end, ("item", "paragraph")):
        if block.start in seen_lines or (block.kind == "paragraph" and block.depth > 0):
            continue
        line_text = document.lines[block.start]
        match = _ID_AT_ITEM_START.match(line_text)
        if not match:
            continue
        identifier = match.group(2).rstrip(".:")
        if not _acceptable_identifier(identifier, match.group(2)):
            continue
        seen_lines.add(block.start)
        column = line_text.find(identifier)
        first, stop = item_first_lines(document, block) if block.kind == "item" else (block.start, block.end)
        body = strip_markup(match.group(4) + " " + " ".join(document.lines[first + 1:stop]))
        _add_requirement(document, identifier, body, block.start, column, block.end, default_kind,
                         line_range(document, block.start, column))
    # Table rows: only the section's lines with a pipe (picked in C) are tried.
    first = section.line + 1
    for line in compress(range(first, own_end), map(operator.contains, document.lines[first:own_end], repeat("|"))):
        match = _TABLE_ID.match(document.lines[line])
        if match and line not in seen_lines and document.tree.is_prose(line):
            seen_lines.add(line)
            identifier = match.group(1)
            column = document.lines[line].find(identifier)
            cells = [strip_markup(c) for c in document.lines[line].strip().strip("|").split("|")[1:]]
            _add_requirement(document, identifier, " ".join(c for c in cells if c), line, column, line + 1, default_kind,
                             line_range(document, line, column))
    # `### FR-001: Title` headings with the statement in the paragraphs below.
    for sub in document.sections:
        if not (section.line < sub.line < own_end) or sub.line in seen_lines:
            continue
        match = _HEADING_ID.match(sub.title)
        if not match or not _acceptable_identifier(match.group(1).rstrip(".:"), match.group(1)):
            continue
        identifier = match.group(1).rstrip(".:")
        seen_lines.add(sub.line)
        body_end = next((s.line for s in document.sections if sub.line < s.line < sub.end), sub.end)
        body_lines = [document.lines[line].strip() for line in range(sub.line + 1, body_end)
                      if document.tree.is_prose(line) and document.lines[line].strip() and not re.fullmatch(r"[-_*=\s]{3,}", document.lines[line])]
        column = document.lines[sub.line].find(identifier)
        _add_requirement(document, identifier, strip_markup(" ".join([match.group(2)] + body_lines)), sub.line, column, sub.end,
                         default_kind, Range.of(sub.line + 1, 0, body_end - 1, len(document.lines[body_end - 1])) if body_end > sub.line + 1 else None)


def _acceptable_identifier(identifier: str, raw: str) -> bool:
    """Well-formed IDs, and FR/NFR/SC IDs that are clearly meant as IDs but malformed (`FR-`, `FR-1a2`),
    which malformed-id reports."""
    return bool(ID_PATTERN.fullmatch(identifier) or re.fullmatch(r"(FR|NFR|SC)-[\w.]*", raw.rstrip(":")))


def _add_requirement(document: SpecDocument, identifier: str, body: str, line: int, column: int, end: int, default_kind: str,
                     body_range: Range | None) -> None:
    prefix = identifier.split("-")[0]
    kind = {"SC": "success-criterion", "NFR": "non-functional"}.get(prefix, default_kind)
    if prefix == "FR" and default_kind == "success-criterion":
        kind = "functional"
    document.requirements.append(Requirement(id=identifier, name=identifier, text=body,
                                             range=Range.of(line, column, line, column + len(identifier)),
                                             line=line, end=end, kind=kind, body_range=body_range))


memo.register(_STORY_CACHE, _REQUIREMENT_CACHE)
