"""Kiro `tasks.md` and `design.md`: the implementation checklist and the design beside `requirements.md`.

Each task is a checkbox item (`- [ ]`, `- [x]`, `- [-]`, `- [ ]*` for an optional task) with an optional number
(`1.`, `2.1`); sub-tasks are nested one level. Detail bullets under a task end with `_Requirements: 1.2, 3.4_`,
citing acceptance criterion 2 of requirement 1 and so on (a bare `4` cites the whole requirement); property tasks
cite `**Validates: Requirements 1.2**` and name the design.md correctness property they test
(`**Property 4: State Transition Validity**`, `… (Property 4)`). In design.md the citations sit under correctness properties
(`**Property 3: Deleting asks first**` or a `### Property 3` heading), which are read as items of kind `property`.
Only prose lines count (not code blocks). Depends on the markdown layer and the model only; no pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.model import KiroTask, SpecDocument, TaskReference
from analysis.text import Range

_TASK = re.compile(r"^(?P<indent>\s*)[-*+]\s+\[(?P<state>[ xX\-~])\](?P<optional>\s*\*)?\s+"
                   r"(?:(?P<id>\d+(?:\.\d+)*)\.?\s+)?(?P<title>.*?)\s*$")
# `_Requirements: 1.2, 3.4_`, `*Requirements: 2*`, `Requirements: 1.1-1.3` and `**Validates: Requirements 5.1, 5.2**`.
_REFERENCES = re.compile(r"(?P<label>(?:[_*]{1,2})?(?P<kind>Requirements?|Validates:?\s*Requirements?)\s*:?\s*(?:[_*]{1,2})?\s*)"
                         r"(?P<list>\d+(?:\.\d+)?(?:\s*(?:,|and|-|–)\s*\d+(?:\.\d+)?)*)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A task naming a correctness property of design.md: `**Property 4: State Transition Validity**`, `(Property 4)`.
# Capitalised, as Kiro writes it, so that `property test` in prose is not read as a citation.
_PROPERTY_CITATION = re.compile(r"\bProperty\s+(?P<id>\d+)\b(?:\s*[:：]\s*(?P<title>[^*_()\n—–]+?))?"
                                r"\s*(?=\*\*|__|\)|—|–|\s-\s|$)")


def extract_kiro_tasks(document: SpecDocument) -> None:
    lines = document.lines
    open_tasks: list[tuple[int, KiroTask]] = []  # (indent, task) from the outermost in
    for line_number, text in enumerate(lines):
        if "[" not in text and "equirement" not in text and "Property" not in text:
            continue
        if not document.tree.is_prose(line_number):
            continue
        match = _TASK.match(text)
        if match:
            indent = len(match.group("indent").expandtabs(4))
            while open_tasks and open_tasks[-1][0] >= indent:
                open_tasks.pop()
            parent = open_tasks[-1][1] if open_tasks else None
            number = match.group("id") or ""
            start = match.start("id") if number else match.start("state") - 1
            end = match.end("id") if number else match.end("state") + 1
            task = KiroTask(id=number, title=match.group("title").strip(), state=match.group("state").lower().replace("~", "-"),
                            optional=bool(match.group("optional")), line=line_number, end=line_number + 1,
                            depth=len(open_tasks), range=Range.of(line_number, start, line_number, end),
                            parent=parent.id if parent is not None else None)
            document.tasks.append(task)
            open_tasks.append((indent, task))
            _cite_properties(task, text, line_number)
            continue
        if not open_tasks:
            continue
        indent = len(text) - len(text.lstrip())
        if text.strip() and indent == 0 and not text.lstrip().startswith(("_", "*")):
            open_tasks.clear()  # a paragraph or heading at the margin ends the checklist item
            continue
        if text.strip():
            for _indent, task in open_tasks:
                task.end = line_number + 1
        open_tasks[-1][1].references.extend(_citations(text, line_number))
        if "Property" in text:
            _cite_properties(open_tasks[-1][1], text, line_number)


def _cite_properties(task: KiroTask, text: str, line_number: int) -> None:
    """The design.md properties a task line names, each occurrence its own citation (the title line's `(Property 4)`
    and the detail line's `**Property 4: …**` both navigate; the rule checks a property once per task)."""
    for match in _PROPERTY_CITATION.finditer(text):
        task.references.append(TaskReference(
            match.group("id"), Range.of(line_number, match.start("id"), line_number, match.end("id")), "property",
            (match.group("title") or "").strip()))


def _citations(text: str, line_number: int) -> list[TaskReference]:
    """Every requirement a line cites (`_Requirements: 1.2, 3.1-3.3_`, `**Validates: Requirements 4**`)."""
    found: list[TaskReference] = []
    for reference in _REFERENCES.finditer(text):
        kind = "validates" if reference.group("kind").lower().startswith("validates") else "requirements"
        for value, column, width in _targets(reference.group("list"), reference.start("list")):
            found.append(TaskReference(value, Range.of(line_number, column, line_number, column + width), kind))
    return found


def _targets(listed: str, offset: int) -> list[tuple[str, int, int]]:
    """The cited numbers of a reference list with their columns; a range `1.1-1.3` cites each criterion in it."""
    found = [(match.group(0), offset + match.start(), len(match.group(0))) for match in _NUMBER.finditer(listed)]
    out: list[tuple[str, int, int]] = []
    for index, (value, column, width) in enumerate(found):
        out.append((value, column, width))
        following = found[index + 1] if index + 1 < len(found) else None
        between = listed[column - offset + width:following[1] - offset] if following else ""
        if following and between.strip() in ("-", "–") and "." in value and "." in following[0]:
            head, low = value.rsplit(".", 1)
            other_head, high = following[0].rsplit(".", 1)
            if head == other_head and low.isdigit() and high.isdigit() and int(low) < int(high) <= int(low) + 50:
                out += [(f"{head}.{n}", column, width) for n in range(int(low) + 1, int(high))]
    return out


_PROPERTY = re.compile(r"^\s*(?:#{2,6}\s+|[-*]\s+)?(?:\*\*|__)?Property\s+(?P<id>\d+)\b\s*[:：.\-–—]?\s*(?P<title>.*?)(?:\*\*|__)?\s*$",
                       re.IGNORECASE)
_HEADING = re.compile(r"^\s*#{1,6}\s")


def extract_kiro_design(document: SpecDocument) -> None:
    """Correctness properties and the requirements each cites; citations outside any property are kept on an
    unnumbered item so that they are checked too."""
    current: KiroTask | None = None
    loose: KiroTask | None = None
    for line_number, text in enumerate(document.lines):
        if "roperty" not in text and "equirement" not in text and "#" not in text:
            continue
        if not document.tree.is_prose(line_number):
            continue
        match = _PROPERTY.match(text)
        if match:
            current = KiroTask(id=match.group("id"), title=match.group("title").strip(), state="", optional=False,
                               line=line_number, end=line_number + 1, depth=0,
                               range=Range.of(line_number, match.start("id"), line_number, match.end("id")), kind="property")
            document.tasks.append(current)
            continue
        if _HEADING.match(text):
            current = None  # a new section ends the property above it
            continue
        citations = _citations(text, line_number)
        if not citations:
            continue
        holder = current
        if holder is None:
            if loose is None:
                loose = KiroTask(id="", title="", state="", optional=False, line=line_number, end=line_number + 1,
                                 depth=0, range=Range.of(line_number, 0, line_number, 0), kind="property")
                document.tasks.append(loose)
            holder = loose
        holder.end = line_number + 1
        holder.references.extend(citations)
