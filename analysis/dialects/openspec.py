"""OpenSpec dialect: main specs (Purpose, Requirements, `### Requirement:` blocks with `#### Scenario:`) and
change deltas (ADDED / MODIFIED / REMOVED / RENAMED sections), read the way `openspec validate` reads them.

The extractor mirrors the CLI's two readers: in a main spec every child heading of the first `Requirements`
section (any level, case-insensitive) is a requirement, and its child headings are its scenarios (`empty` when
nothing is under them, which the CLI does not count); in a delta only `### Requirement:` blocks inside level-2
delta sections count. The helpers at the bottom (`purpose_section`, `body_lines`, `fold_name`, ...) give rules the CLI's view of a document without
re-parsing it. Depends on the markdown layer and the model only; no pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.dialects.common import collect_entities, strip_markup
from analysis.model import Dialect, RenamePair, Requirement, Scenario, Section, SpecDocument
from analysis.text import Range

VALIDATE_EQUIVALENT_RULES = frozenset({
    "missing-section", "openspec-empty-purpose", "openspec-no-requirements", "openspec-delta-header-in-main-spec",
    "openspec-requirement-outside-section", "openspec-duplicate-requirement", "requirement-without-scenario",
    "missing-modal-verb", "openspec-purpose-too-short", "openspec-purpose-placeholder", "openspec-requirement-too-long",
    "openspec-non-requirement-heading", "openspec-delta-structure", "openspec-delta-conflict",
    "openspec-modified-drops-scenarios", "openspec-delta-unknown-requirement", "openspec-delta-added-exists",
})
"""The rules that together stand for `openspec validate` (plus the cross-file delta checks it lacks): select
them (`specls check --select ...`) to get its valid / `--strict` verdicts; the other rules are extra lint."""

REQUIREMENT_HEADING = re.compile(r"^requirement:\s*(.+)$", re.I)
"""The `Requirement:` keyword is case-insensitive in the CLI (#1031); the name keeps its case."""
SHALL_OR_MUST = re.compile(r"\b(SHALL|MUST)\b", re.ASCII)
"""The CLI's JavaScript `\\b` is ASCII-only, so `系统SHALL` matches there; `re.ASCII` keeps that behaviour."""
METADATA_LINE = re.compile(r"^\*\*[^*]+\*\*:")
DELTA_KINDS = {"delta-added": "ADDED", "delta-modified": "MODIFIED", "delta-removed": "REMOVED", "delta-renamed": "RENAMED"}
_DELTA_TITLE = re.compile(r"^(ADDED|MODIFIED|REMOVED|RENAMED)\s+Requirements$", re.I)
_REMOVED_BULLET = re.compile(r"^\s*[-*]\s*`?###\s*Requirement:\s*(.+?)`?\s*$", re.I)
RENAME_FROM = re.compile(r"^\s*[-*]\s*FROM:\s*`?(?:###\s*)?Requirement:\s*(.+?)`?\s*$", re.I)
RENAME_TO = re.compile(r"^\s*[-*]\s*TO:\s*`?(?:###\s*)?Requirement:\s*(.+?)`?\s*$", re.I)


def extract_openspec(document: SpecDocument) -> None:
    children: dict[int | None, list[int]] = {}
    for index, section in enumerate(document.sections):
        children.setdefault(section.parent, []).append(index)
    if document.dialect == Dialect.OPENSPEC_DELTA:
        _extract_delta(document, children)
    else:
        _extract_main(document, children)
    # OpenSpec specs have no Key Entities; a Glossary or Data Model section may define terms.
    for section in document.sections:
        if section.kind in ("glossary", "key-entities", "data-model"):
            collect_entities(document, section.line + 1, section.end, "glossary" if section.kind == "glossary" else "key-entities")


def _extract_main(document: SpecDocument, children: dict[int | None, list[int]]) -> None:
    requirements = requirements_section(document)
    if requirements is None:
        return
    index = document.sections.index(requirements)
    for child_index in children.get(index, []):
        child = document.sections[child_index]
        match = REQUIREMENT_HEADING.match(child.title)
        # A child heading that is not `Requirement:` is still a requirement to the CLI's schema checks
        # (scenarios), but not to its keyword and duplicate checks: kind "other" keeps the two apart.
        requirement = _requirement(document, child, match.group(1).strip() if match else child.title,
                                   "openspec" if match else "other", None)
        requirement.scenarios = _scenarios(document, children.get(child_index, []))
        document.requirements.append(requirement)


def _extract_delta(document: SpecDocument, children: dict[int | None, list[int]]) -> None:
    for section_index, section in enumerate(document.sections):
        kind = delta_kind(section)
        if kind is None:
            continue
        if kind in ("ADDED", "MODIFIED", "REMOVED"):
            for child_index in children.get(section_index, []):
                child = document.sections[child_index]
                if child.level != 3:
                    continue
                match = REQUIREMENT_HEADING.match(child.title)
                if not match:
                    continue
                requirement = _requirement(document, child, match.group(1).strip(), "openspec", kind)
                if kind != "REMOVED":
                    requirement.scenarios = _scenarios(document, children.get(child_index, []))
                document.requirements.append(requirement)
        if kind == "REMOVED":
            for line in range(section.line + 1, section.end):
                match = _REMOVED_BULLET.match(document.lines[line])
                if match and document.tree.is_prose(line):
                    name = match.group(1).strip()
                    column = document.lines[line].find(name)
                    document.requirements.append(Requirement(id=None, name=name, text="", range=Range.of(line, column, line, column + len(name)),
                                                             line=line, end=line + 1, kind="openspec", section="REMOVED"))
        if kind == "RENAMED":
            for old, old_range, new, _ in rename_lines(document, section):
                if old is not None and new is not None:
                    document.renames.append(RenamePair(old, new, old_range))
    document.requirements.sort(key=lambda requirement: requirement.line)


def _requirement(document: SpecDocument, section: Section, name: str, kind: str, delta: str | None) -> Requirement:
    line_text = document.lines[section.line]
    column = line_text.find(name) if name else -1
    name_range = Range.of(section.line, column, section.line, column + len(name)) if column >= 0 else section.title_range
    body = body_lines(document, section)
    text = strip_markup(" ".join(document.lines[line] for line in body))
    body_range = Range.of(body[0], 0, body[-1], len(document.lines[body[-1]])) if body else None
    return Requirement(id=None, name=name, text=text, range=name_range, line=section.line, end=section.end, kind=kind,
                       body_range=body_range, section=delta)


def _scenarios(document: SpecDocument, child_indices: list[int]) -> list[Scenario]:
    """Every child heading of a requirement is a scenario to the CLI (not only `#### Scenario:`)."""
    scenarios: list[Scenario] = []
    for child_index in child_indices:
        section = document.sections[child_index]
        lines = [document.lines[line] for line in range(section.line + 1, section.end) if document.lines[line].strip()]
        text = strip_markup(" ".join(lines))
        name = re.sub(r"^scenario:\s*", "", section.title, flags=re.I)
        scenarios.append(Scenario(text=text, range=section.title_range, line=section.line, end=section.end,
                                  index=len(scenarios) + 1, style="openspec", name=name,
                                  has_given=bool(re.search(r"\bGIVEN\b", text, re.I)),
                                  has_when=bool(re.search(r"\bWHEN\b", text, re.I)),
                                  has_then=bool(re.search(r"\bTHEN\b", text, re.I)),
                                  has_shall=bool(SHALL_OR_MUST.search(text)), empty=not lines))
    return scenarios


# ---- the CLI's view of a document, for rules ----------------------------------------------------------------


def purpose_section(document: SpecDocument) -> Section | None:
    """The first heading titled `Purpose` at any level (the CLI's `findSection` is that lenient)."""
    return next((s for s in document.sections if s.title.strip().casefold() == "purpose"), None)


def requirements_section(document: SpecDocument) -> Section | None:
    return next((s for s in document.sections if s.title.strip().casefold() == "requirements"), None)


def section_text(document: SpecDocument, section: Section) -> str:
    """What the CLI calls a section's content: every line up to the next heading of the same or a higher level."""
    return "\n".join(document.lines[section.line + 1:section.end]).strip()


def delta_kind(section: Section) -> str | None:
    """ADDED / MODIFIED / REMOVED / RENAMED for a level-2 delta section heading, else None."""
    if section.level != 2:
        return None
    match = _DELTA_TITLE.match(section.title.strip())
    return match.group(1).upper() if match else DELTA_KINDS.get(section.kind or "")


def body_lines(document: SpecDocument, section: Section) -> list[int]:
    """Line numbers of a requirement's body as the CLI reads it: up to the first heading, no blank or fenced
    lines, and `**Key**: value` metadata lines only when nothing else is there."""
    captured: list[int] = []
    metadata: list[int] = []
    for line in range(section.line + 1, section.end):
        text = document.lines[line]
        if not document.tree.is_prose(line):
            continue
        if re.match(r"^\s{0,3}#{1,6}(\s|$)", text):
            break
        stripped = text.strip()
        if not stripped:
            continue
        (metadata if METADATA_LINE.match(stripped) else captured).append(line)
    return captured or metadata


def requirement_section(document: SpecDocument, requirement: Requirement) -> Section | None:
    return next((s for s in document.sections if s.line == requirement.line), None)


def requirement_body(document: SpecDocument, requirement: Requirement) -> str:
    section = requirement_section(document, requirement)
    if section is None:
        return ""
    return "\n".join(document.lines[line].strip() for line in body_lines(document, section))


def fold_name(name: str) -> str:
    """Requirement names compared the way the CLI's conflict checks do: case and runs of whitespace folded."""
    return re.sub(r"\s+", " ", name.strip()).casefold()


def rename_lines(document: SpecDocument, section: Section) -> list[tuple[str | None, Range | None, str | None, Range | None]]:
    """RENAMED entries as (old, old range, new, new range); a FROM or TO without its partner has None on the other side."""
    entries: list[tuple[str | None, Range | None, str | None, Range | None]] = []
    pending: tuple[str, Range] | None = None
    for line in range(section.line + 1, section.end):
        if not document.tree.is_prose(line):
            continue
        text = document.lines[line]
        source = RENAME_FROM.match(text)
        target = RENAME_TO.match(text)
        if source:
            if pending is not None:
                entries.append((pending[0], pending[1], None, None))
            name = source.group(1).strip()
            column = text.find(name)
            pending = (name, Range.of(line, column, line, column + len(name)))
        elif target:
            name = target.group(1).strip()
            column = text.find(name)
            new_range = Range.of(line, column, line, column + len(name))
            if pending is not None:
                entries.append((pending[0], pending[1], name, new_range))
                pending = None
            else:
                entries.append((None, None, name, new_range))
    if pending is not None:
        entries.append((pending[0], pending[1], None, None))
    return entries
