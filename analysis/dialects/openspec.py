"""OpenSpec dialect: main specs (Purpose, Requirements, `### Requirement:` blocks with `#### Scenario:`) and
change deltas (ADDED / MODIFIED / REMOVED / RENAMED sections).

No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.dialects.common import collect_entities, strip_markup
from analysis.model import RenamePair, Requirement, Scenario, SpecDocument
from analysis.text import Range

_OPENSPEC_REQUIREMENT = re.compile(r"^requirement:\s*(.+)$", re.I)
_RENAME_FROM = re.compile(r"^\s*[-*]\s*FROM:\s*`?(?:###\s*)?Requirement:\s*(.+?)`?\s*$", re.I)
_RENAME_TO = re.compile(r"^\s*[-*]\s*TO:\s*`?(?:###\s*)?Requirement:\s*(.+?)`?\s*$", re.I)


def extract_openspec(document: SpecDocument) -> None:
    delta_kind: str | None = None
    current: Requirement | None = None
    requirement_level = 3
    for section in document.sections:
        if section.level == 2:
            delta_kind = {"delta-added": "ADDED", "delta-modified": "MODIFIED", "delta-removed": "REMOVED",
                          "delta-renamed": "RENAMED"}.get(section.kind or "")
        match = _OPENSPEC_REQUIREMENT.match(section.title)
        if section.level == 3 and match:
            name = match.group(1).strip()
            current = Requirement(id=None, name=name, text="", range=section.title_range, line=section.line, end=section.end,
                                  kind="openspec", section=delta_kind)
            body_lines = []
            for line in range(section.line + 1, section.end):
                text = document.lines[line]
                if re.match(r"^\s*#{1,6}\s", text) and document.tree.is_prose(line):
                    break
                if document.tree.is_prose(line) and text.strip() and not re.match(r"^\s*\*\*[\w ]+\*\*\s*:", text):
                    body_lines.append(text.strip())
            current.text = strip_markup(" ".join(body_lines))
            current.body_range = Range.of(section.line + 1, 0, max(section.line + 1, section.line + len(body_lines)), 0)
            document.requirements.append(current)
            requirement_level = section.level
            continue
        if section.level == 4 and current is not None and current.line < section.line < current.end:
            body = [document.lines[line] for line in range(section.line + 1, section.end) if document.tree.is_prose(line) and document.lines[line].strip()]
            text = strip_markup(" ".join(body))
            name = re.sub(r"^scenario:\s*", "", section.title, flags=re.I)
            current.scenarios.append(Scenario(text=text, range=section.title_range, line=section.line, end=section.end,
                                              index=len(current.scenarios) + 1, style="openspec", name=name,
                                              has_given=bool(re.search(r"\bGIVEN\b", text, re.I)),
                                              has_when=bool(re.search(r"\bWHEN\b", text, re.I)),
                                              has_then=bool(re.search(r"\bTHEN\b", text, re.I)), empty=not text))
        elif section.level <= requirement_level:
            current = None
    # REMOVED bullets (- `### Requirement: X`) and RENAMED pairs.
    for section in document.sections:
        if section.kind == "delta-removed":
            for line in range(section.line + 1, section.end):
                match = re.match(r"^\s*[-*]\s*`?###\s*Requirement:\s*(.+?)`?\s*$", document.lines[line], re.I)
                if match and document.tree.is_prose(line):
                    name = match.group(1).strip()
                    column = document.lines[line].find(name)
                    document.requirements.append(Requirement(id=None, name=name, text="", range=Range.of(line, column, line, column + len(name)),
                                                             line=line, end=line + 1, kind="openspec", section="REMOVED"))
        if section.kind == "delta-renamed":
            pending: tuple[str, int] | None = None
            for line in range(section.line + 1, section.end):
                text = document.lines[line]
                source = _RENAME_FROM.match(text)
                target = _RENAME_TO.match(text)
                if source:
                    pending = (source.group(1).strip(), line)
                elif target and pending is not None:
                    old, old_line = pending
                    column = document.lines[old_line].find(old)
                    document.renames.append(RenamePair(old, target.group(1).strip(), Range.of(old_line, column, old_line, column + len(old))))
                    pending = None
    # OpenSpec specs have no Key Entities; a Glossary or Data Model section may define terms.
    for section in document.sections:
        if section.kind in ("glossary", "key-entities", "data-model"):
            collect_entities(document, section.line + 1, section.end, "glossary" if section.kind == "glossary" else "key-entities")
