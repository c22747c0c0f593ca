"""Kiro dialect: `.kiro/specs/*/requirements.md` with `### Requirement N[: Title]`, a `**User Story:**` line,
`#### Acceptance Criteria` in EARS form (WHEN/WHILE/IF/WHERE/THE ... SHALL; v1 `WHEN ... THEN the system SHALL`)
and an optional Glossary (bullets `- **Term**: definition` or a two-column table).

Localised specs keep the structure but translate the labels (`### 需求 1 - 标题`, `**用戶故事：**`, `#### 驗收標準`),
so the label patterns accept the Chinese and Japanese spellings seen in real Kiro repositories. Criteria are the
top-level items of the criteria section, or paragraphs numbered `1.1.` (which markdown does not read as a list).
Depends on the markdown layer and the model only; no pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.dialects.common import blocks_in, collect_entities, content_column, item_first_lines, line_range, strip_markup
from analysis.model import EntityDefinition, Requirement, Scenario, Section, SpecDocument
from analysis.text import Range

SHALL = re.compile(r"\bSHALL\b", re.ASCII)
"""ASCII word boundaries, so `系统SHALL` in a Chinese criterion still counts."""
REQUIREMENT_HEADING = re.compile(r"^(?:requirement|req|需求|要件|要求)\s*(\d+(?:\.\d+)?)\s*(?:[:：.\-–—]\s*(.*))?$", re.I)
USER_STORY = re.compile(r"^\s*(?:[-*]\s*)?\*\*(?:User Story|用户故事|用戶故事|ユーザーストーリー)\s*[:：]?\s*\*\*\s*[:：]?\s*(.*)$", re.I)
CRITERIA_HEADING = re.compile(r"^(?:acceptance criteria|验收标准|驗收標準|受け入れ基準|受入基準)\s*[:：]?$", re.I)
_NUMBERED_PARAGRAPH = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s+\S")
_EARS_KEYWORDS = re.compile(r"\b(WHEN|WHILE|IF|WHERE|FOR ALL|THE)\b", re.ASCII)
_TABLE_TERM = re.compile(r"^\s*\|\s*(?:\*\*|`)?([^|*`]+?)(?:\*\*|`)?\s*\|\s*([^|]*)\|")
_BULLET_TERM = re.compile(r"^\s*[-*+]\s+(?:\*\*|`)([^*`]+?)(?:\*\*|`)\s*[:：\-–—]\s*(.*)$")


def extract_kiro(document: SpecDocument) -> None:
    for section in document.sections:
        match = REQUIREMENT_HEADING.match(section.title.strip())
        if not match or section.level not in (2, 3, 4):
            continue
        number = match.group(1)
        title = strip_markup(match.group(2) or "")
        requirement = Requirement(id=number, name=title or f"Requirement {number}", text=title, range=section.title_range,
                                  line=section.line, end=section.end, kind="kiro")
        for line in range(section.line + 1, section.end):
            story = USER_STORY.match(document.lines[line])
            if story and document.tree.is_prose(line):
                requirement.user_story = strip_markup(story.group(1))
                break
        requirement.scenarios = _criteria(document, section)
        document.requirements.append(requirement)
    for section in document.sections:
        if section.kind in ("glossary", "key-entities", "data-model"):
            collect_entities(document, section.line + 1, section.end, "glossary")
            _collect_table_terms(document, section)


def criteria_section(document: SpecDocument, requirement: Section) -> Section | None:
    return next((s for s in document.sections if requirement.line < s.line < requirement.end
                 and (s.kind == "acceptance-criteria" or CRITERIA_HEADING.match(s.title.strip()))), None)


def _criteria(document: SpecDocument, section: Section) -> list[Scenario]:
    heading = criteria_section(document, section)
    start = heading.line + 1 if heading else section.line + 1
    stop = heading.end if heading else section.end
    if heading is None:
        # Some files write the criteria under a bold label instead of a heading.
        label = next((line for line in range(start, stop)
                      if re.match(r"^\s*\*\*(?:acceptance criteria|验收标准|驗收標準|受け入れ基準)\s*[:：]?\*\*", document.lines[line], re.I)), None)
        if label is not None:
            start = label + 1
    items = blocks_in(document, start, stop, ("item",))
    depth = min((block.depth for block in items), default=0)
    starts: list[tuple[int, int]] = []
    for block in items:
        if block.depth != depth:
            continue  # nested bullets belong to the criterion above them
        first, end = item_first_lines(document, block)
        starts.append((first, end))
    for block in blocks_in(document, start, stop, ("paragraph",)):
        if block.depth == 0 and _NUMBERED_PARAGRAPH.match(document.lines[block.start]):
            starts.append((block.start, block.end))
    criteria: list[Scenario] = []
    for first, end in sorted(starts):
        text = strip_markup(re.sub(r"^\s*\d+(?:\.\d+)+\.?\s+", "", "\n".join(document.lines[first:end])))
        if heading is None and not _EARS_KEYWORDS.search(text) and not SHALL.search(text):
            continue  # without a criteria heading, only EARS-looking bullets are criteria
        column = content_column(document.lines[first])
        numbered = re.match(r"^\s*\d+(?:\.\d+)+\.?\s+", document.lines[first])
        if numbered:
            column = numbered.end()
        criteria.append(Scenario(text=text, range=line_range(document, first, column), line=first, end=end,
                                 index=len(criteria) + 1, style="ears",
                                 has_when=bool(re.search(r"\b(WHEN|IF|WHILE|WHERE)\b", text, re.ASCII)),
                                 has_then=bool(re.search(r"\bTHEN\b", text, re.ASCII)), has_shall=bool(SHALL.search(text))))
    return criteria


def _collect_table_terms(document: SpecDocument, section: Section) -> None:
    """Glossary terms the shared entity reader skips: `| Term | Definition |` table rows, and Kiro v2's
    `- **Snake_Case_Term**: definition` bullets (underscores are part of the name there, not emphasis)."""
    for line in range(section.line + 1, section.end):
        text = document.lines[line]
        match = _TABLE_TERM.match(text) or _BULLET_TERM.match(text)
        if not match or not document.tree.is_prose(line):
            continue
        name = match.group(1).strip()
        if not name or set(name) <= set("-: ") or name.casefold() in ("term", "name", "用語", "术语", "術語"):
            continue
        if document.entity(name) is not None:
            continue
        column = text.find(name)
        document.entities.append(EntityDefinition(name=name, range=Range.of(line, column, line, column + len(name)), line=line,
                                                  description=strip_markup(match.group(2)), source="glossary", end=line + 1))


_EARS_LEADS = (("property", re.compile(r"^FOR\s+(ALL|ANY)\b", re.I)), ("state-driven", re.compile(r"^WHILE\b")),
               ("event-driven", re.compile(r"^WHEN\b")), ("unwanted-behaviour", re.compile(r"^IF\b")),
               ("optional-feature", re.compile(r"^WHERE\b")), ("ubiquitous", re.compile(r"^THE\b")))


def ears_pattern(text: str) -> str | None:
    """The EARS pattern of a criterion (for hover and outlines): `ubiquitous`, `event-driven`, `state-driven`,
    `unwanted-behaviour`, `optional-feature`, `property` (Kiro's FOR ALL), `complex` (two leading clauses such as
    WHILE ..., WHEN ...), or None when it follows no pattern. Localised criteria keep the English keywords but not
    always their order (`... SHALL` at the end in Japanese), so a criterion with SHALL and a keyword anywhere
    still gets the keyword's pattern."""
    plain = text.strip()
    leading = [name for name, pattern in _EARS_LEADS if pattern.match(plain)]
    if leading:
        clauses = re.findall(r"(?:^|,\s*)(WHILE|WHEN|IF|WHERE)\b", plain)
        return "complex" if len(set(clauses)) > 1 else leading[0]
    if not SHALL.search(plain):
        return None
    for name, keyword in (("state-driven", "WHILE"), ("event-driven", "WHEN"), ("unwanted-behaviour", "IF"),
                          ("optional-feature", "WHERE")):
        if re.search(rf"\b{keyword}\b", plain, re.ASCII):
            return name
    return "ubiquitous"


def glossary_sections(document: SpecDocument) -> list[Section]:
    return [section for section in document.sections if section.kind == "glossary"]
