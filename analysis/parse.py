"""Parse a spec file into a `SpecDocument`: detect its dialect, then extract stories, scenarios,
requirements, IDs, entities, clarifications and inline markers, each with its source range.

Parsing never raises: any text gives a document, and problems become findings later. Depends on
`analysis.markdown`, `analysis.sections`, `analysis.entities` and `analysis.model`; never on pygls or lsprotocol.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import PurePosixPath

from analysis import memo
from analysis.entities import find_references
from analysis.dialects.common import line_range
from analysis.dialects.kiro import extract_kiro
from analysis.dialects.kiro_tasks import extract_kiro_design, extract_kiro_tasks
from analysis.dialects.openspec import extract_openspec
from analysis.dialects.speckit import ID_PATTERN, extract_speckit
from analysis.markdown import MarkdownTree, parse_markdown
from analysis.model import Dialect, IdOccurrence, Marker, Section, SpecDocument
from analysis.sections import classify_heading, clean_heading
from analysis.text import Range, split_lines, strip_bom

_NEEDS_CLARIFICATION = re.compile(r"\[NEEDS CLARIFICATION(?::?\s*([^\]]*))?\]", re.I)

_PURPOSE_HEADING = re.compile(r"^#{1,6}\s+Purpose\s*$", re.M | re.I)
_DELTA_HEADING = re.compile(r"^##\s+(ADDED|MODIFIED|REMOVED|RENAMED)\s+Requirements\s*$", re.M | re.I)
_REQUIREMENT_BLOCK = re.compile(r"^###\s*Requirement:", re.M | re.I)
_LEVEL4_HEADING = re.compile(r"^####\s", re.M)
_KIRO_REQUIREMENT = re.compile(r"^#{2,4}\s+(?:Requirement|需求|要件)\s*\d+", re.M | re.I)
_KIRO_CRITERIA = re.compile(r"Acceptance Criteria|验收标准|驗收標準|受け入れ基準", re.I)
_KIRO_TITLE = re.compile(r"^#\s+(Requirements Document|需求文[档檔]|要件定義書)", re.M | re.I)
_SPECKIT_TITLE = re.compile(r"^#\s+Feature Specification", re.M | re.I)
_USER_SCENARIOS = re.compile(r"^#{2,3}\s+User Scenarios", re.M | re.I)
_BOLD_FR_SC = re.compile(r"\*\*(FR|SC)-\d+")
_USER_STORY = re.compile(r"^#{2,3}\s+User Story\s+\d", re.M | re.I)
_PURPOSE_H2 = re.compile(r"^##\s+Purpose\s*$", re.M | re.I)
_REQUIREMENTS_H2 = re.compile(r"^##\s+Requirements\s*$", re.M | re.I)
_SPECIFICATION_TITLE = re.compile(r"^#\s+(?!Feature\b).*\bSpecification\s*$", re.M | re.I)
_LEVEL3_HEADING = re.compile(r"^###\s+\S", re.M)
_PLAIN_FR = re.compile(r"(?<![\w-])FR-\d")
_SPECKIT_SECTION = re.compile(r"^#{2,3}\s+(Requirements|Key Entities|Success Criteria|Functional Requirements)", re.M | re.I)


def _hash_line_starts(text: str) -> list[int]:
    """Offsets of the lines of `text` that start with `#` (lines as `re.M` sees them: after each `\\n`)."""
    starts = [0] if text.startswith("#") else []
    find = text.find
    index = find("\n#")
    while index >= 0:
        starts.append(index + 1)
        index = find("\n#", index + 2)
    return starts


__all__ = ["ID_PATTERN", "detect_dialect", "parse_spec", "parse_error_document"]


def detect_dialect(path: str, text: str, tree: MarkdownTree | None = None) -> Dialect:
    """From the path first (OpenSpec and Kiro pick their grammar by path), then from the content.

    Content detection matters for copies outside the canonical layout (corpora, attachments, scratch files).
    The order is deliberate: delta sections before main-spec signs (a delta has no Purpose); `### Requirement:`
    blocks with `####` scenarios and Kiro's numbered requirements before spec-kit; spec-kit's strong signs (its
    title, bold FR/SC IDs, numbered user stories) before the weaker OpenSpec signs (`## Purpose` with
    `## Requirements`, or a `# X Specification` title with a Requirements section), which plain spec-kit specs
    can also show.
    """
    parts = PurePosixPath(path.replace("\\", "/")).parts
    name = parts[-1].lower() if parts else ""
    if "openspec" in parts and name == "spec.md":
        index = len(parts) - 1 - parts[::-1].index("openspec")
        rest = parts[index + 1:]
        if rest[:1] == ("changes",) and "specs" in rest:
            return Dialect.OPENSPEC_DELTA
        if rest[:1] == ("specs",):
            return Dialect.OPENSPEC
    if ".kiro" in parts and name in ("requirements.md", "bugfix.md"):
        return Dialect.KIRO
    if ".kiro" in parts and name == "tasks.md":
        return Dialect.KIRO_TASKS
    if ".kiro" in parts and name == "design.md":
        return Dialect.KIRO_DESIGN
    sample = text[:200_000]
    # Every line-anchored sign starts with `#`, so it can only match where a line starts with `#`: trying the
    # patterns at those few offsets (`match` at a line start is what `search` would find there) is exact and
    # spares a full scan of the text per pattern, which ran on every keystroke.
    starts = _hash_line_starts(sample)

    def heading(pattern: re.Pattern[str]) -> bool:
        return any(pattern.match(sample, start) for start in starts)

    has_purpose = heading(_PURPOSE_HEADING)
    if heading(_DELTA_HEADING) and not has_purpose:
        return Dialect.OPENSPEC_DELTA
    if heading(_REQUIREMENT_BLOCK) and heading(_LEVEL4_HEADING):
        return Dialect.OPENSPEC
    if heading(_KIRO_REQUIREMENT) and _KIRO_CRITERIA.search(sample):
        return Dialect.KIRO
    if heading(_KIRO_TITLE):
        return Dialect.KIRO
    if heading(_SPECKIT_TITLE) or heading(_USER_SCENARIOS) or _BOLD_FR_SC.search(sample) or heading(_USER_STORY):
        return Dialect.SPECKIT
    if heading(_PURPOSE_H2) and heading(_REQUIREMENTS_H2):
        return Dialect.OPENSPEC
    if heading(_SPECIFICATION_TITLE) and heading(_REQUIREMENTS_H2) and heading(_LEVEL3_HEADING) \
            and not _PLAIN_FR.search(sample):
        return Dialect.OPENSPEC
    if name == "spec.md" and heading(_SPECKIT_SECTION):
        return Dialect.SPECKIT
    return Dialect.MARKDOWN


def parse_spec(text: str, path: str = "spec.md", dialect: Dialect | None = None, *, references: bool = True) -> SpecDocument:
    """Parse a spec of any dialect. Never raises.

    `references=False` skips finding where each entity is mentioned (`document.references`), which only the rules and
    navigation read: `specls plan` parses that way, as the plan engine finds mentions itself."""
    text = strip_bom(text)
    lines = split_lines(text)
    tree = parse_markdown(text, lines)
    tree = _unwrap_fenced_spec(text, lines, tree)
    if dialect is None:
        dialect = detect_dialect(path, text, tree)
    document = SpecDocument(path=path, text=text, lines=lines, dialect=dialect, tree=tree)
    document.content_offset = tree.front_matter_end
    _build_sections(document)
    try:
        if dialect == Dialect.SPECKIT or dialect == Dialect.MARKDOWN:
            extract_speckit(document)
        elif dialect in (Dialect.OPENSPEC, Dialect.OPENSPEC_DELTA):
            extract_openspec(document)
        elif dialect == Dialect.KIRO:
            extract_kiro(document)
        elif dialect == Dialect.KIRO_TASKS:
            extract_kiro_tasks(document)
        elif dialect == Dialect.KIRO_DESIGN:
            extract_kiro_design(document)
        _extract_common(document)
        if references:
            document.references = find_references(document, document.entities)
    except Exception as exc:  # a bug in an extractor must not stop analysis of the rest
        document.error = f"internal error while parsing: {type(exc).__name__}: {exc}"
    return document


def parse_error_document(path: str, error: str) -> SpecDocument:
    """A document for a file that could not be read; rules stay quiet and the error is reported once."""
    lines = [""]
    document = SpecDocument(path=path, text="", lines=lines, dialect=Dialect.MARKDOWN, tree=parse_markdown("", lines))
    document.error = error
    return document


def _unwrap_fenced_spec(text: str, lines: list[str], tree: MarkdownTree) -> MarkdownTree:
    """Some specs are pasted whole inside a ```markdown fence: parse the inside when nothing is outside."""
    prose_headings = [h for h in tree.headings if tree.is_prose(h.line)]
    if prose_headings:
        return tree
    fences = [b for b in tree.blocks if b.kind == "fence" and b.info.lower() in ("", "markdown", "md")]
    if not fences:
        return tree
    biggest = max(fences, key=lambda b: b.end - b.start)
    if biggest.end - biggest.start < 5:
        return tree
    inner = parse_markdown(text, lines, first_line=biggest.start + 1, last_line=max(biggest.start + 1, biggest.end - 1))
    return inner if inner.headings else tree


def _build_sections(document: SpecDocument) -> None:
    tree = document.tree
    headings = tuple(h for h in tree.headings if tree.is_prose(h.line) or h.line >= 0)
    # The outline depends on the headings, their lines' text and the line count only: typing in a paragraph
    # leaves it unchanged, and the sections (never modified after parsing) are reused.
    key = (headings, tuple(document.lines[heading.line] for heading in headings), len(document.lines))
    cached = _OUTLINE_CACHE.get(key)
    if cached is None:
        cached = _outline(document, headings)
        if memo.enabled():
            _OUTLINE_CACHE[key] = cached
            if len(_OUTLINE_CACHE) > 16:
                del _OUTLINE_CACHE[next(iter(_OUTLINE_CACHE))]
    sections, document.title, document.title_range = cached
    document.sections = list(sections)


_OUTLINE_CACHE: dict[tuple, tuple[tuple[Section, ...], str, Range | None]] = {}


def _outline(document: SpecDocument, headings: tuple) -> tuple[tuple[Section, ...], str, Range | None]:
    total = len(document.lines)
    # A section ends where the next heading of its level or higher starts: one pass with a stack of the headings
    # still open (their levels increase from bottom to top), not a scan of the later headings for each heading.
    ends = [total] * len(headings)
    open_headings: list[int] = []
    for index, heading in enumerate(headings):
        while open_headings and headings[open_headings[-1]].level >= heading.level:
            ends[open_headings.pop()] = heading.line
        open_headings.append(index)
    sections: list[Section] = []
    stack: list[int] = []
    for index, heading in enumerate(headings):
        end = ends[index]
        title = clean_heading(heading.text)
        line_text = document.lines[heading.line]
        start_col = line_text.find(heading.text[:20]) if heading.text else len(line_text)
        start_col = max(start_col, 0)
        section = Section(title=title, level=heading.level, line=heading.line, end=end, kind=classify_heading(heading.text),
                          range=line_range(document, heading.line),
                          # A setext heading's title can span lines; its range stays on the first one.
                          title_range=Range.of(heading.line, start_col, heading.line, min(start_col + len(title), len(line_text))))
        while stack and sections[stack[-1]].level >= heading.level:
            stack.pop()
        section.parent = stack[-1] if stack else None
        sections.append(section)
        stack.append(len(sections) - 1)
    first = next((s for s in sections if s.level == 1), None)
    document_title, title_range = "", None
    if first is not None:
        title = first.title
        title = re.sub(r"^(Feature Specification|Feature Spec|Specification|Spec)\s*:\s*", "", title, flags=re.I)
        title = re.sub(r"\s+Specification$", "", title)
        document_title = title.strip()
        title_range = first.title_range
    return tuple(sections), document_title, title_range


def _extract_common(document: SpecDocument) -> None:
    tree = document.tree
    defining: dict[int, set[int]] = {}
    for requirement in document.requirements:
        if requirement.id:
            defining.setdefault(requirement.range.start.line, set()).add(requirement.range.start.character)
    memoising = memo.enabled()
    if not memoising:
        # A document analysed once: no keys to build, and one ID scan of each piece's text instead of one per line.
        for begin, end, text in tree.pieces:
            _piece_markers_and_ids(document, begin, end, text, defining)
        return
    defining_lines = sorted(defining)
    # Markdown pieces hold every prose line (see `analysis.markdown`): an unchanged piece, with the same defining
    # IDs, has the same markers and IDs, so a keystroke walks the lines of one piece only.
    for begin, end, text in tree.pieces:
        first = bisect_left(defining_lines, begin)
        columns = tuple((line, frozenset(defining[line])) for line in defining_lines[first:bisect_left(defining_lines, end, lo=first)])
        key = (begin, end, text, bytes(tree.opaque[begin:end]), columns)
        found = _PIECE_MARKERS.get(key)
        if found is None:
            found = _markers_and_ids_between(document, begin, end, dict(columns), memoising)
            if memoising:
                if len(_PIECE_MARKERS) >= 2048:
                    _PIECE_MARKERS.clear()
                _PIECE_MARKERS[key] = found
        document.markers.extend(found[0])
        document.ids.extend(found[1])


_PIECE_MARKERS: dict[tuple, tuple[tuple[Marker, ...], tuple[IdOccurrence, ...]]] = {}


def _markers_and_ids_between(document: SpecDocument, begin: int, end: int, defining: dict[int, frozenset[int]],
                             memoising: bool) -> tuple[tuple[Marker, ...], tuple[IdOccurrence, ...]]:
    tree = document.tree
    no_columns: frozenset[int] = frozenset()
    scan_line = _line_markers_and_ids if memoising else _line_markers_and_ids.__wrapped__
    markers: list[Marker] = []
    ids: list[IdOccurrence] = []
    for line_number in range(begin, end):
        line = document.lines[line_number]
        if not tree.is_prose(line_number) or ("[" not in line and "-" not in line):
            continue
        line_markers, line_ids = scan_line(line_number, line, defining.get(line_number, no_columns))
        markers.extend(line_markers)
        ids.extend(line_ids)
    return tuple(markers), tuple(ids)


def _piece_markers_and_ids(document: SpecDocument, begin: int, end: int, text: str, defining: dict[int, set[int]]) -> None:
    """What `_markers_and_ids_between` finds in the piece of lines `begin`..`end` whose text is `text`, added to the
    document. IDs come from one pass over the text (an ID never spans a line break, and its boundary checks see a
    line break as they see the start or end of a line); clarification markers may run over a line break in the
    text, so they are still looked for line by line, on the few lines with a `[`."""
    lines = document.lines
    opaque = document.tree.opaque
    if "[" in text:
        for line_number in range(begin, end):
            line = lines[line_number]
            if "[" in line and not opaque[line_number]:
                for match in _NEEDS_CLARIFICATION.finditer(line):
                    document.markers.append(Marker("needs-clarification", match.group(0),
                                                   Range.of(line_number, match.start(), line_number, match.end())))
    ids = document.ids
    no_columns: set[int] = set()
    line_number = begin
    line_start = 0
    line_end = len(lines[begin])  # offset of the line break that ends `line_number`
    for match in _ids_in(text):
        start = match.start(1)
        while start > line_end:
            line_number += 1
            line_start = line_end + 1
            line_end = line_start + len(lines[line_number])
        if opaque[line_number]:
            continue
        column = start - line_start
        ids.append(IdOccurrence(match.group(1), Range.of(line_number, column, line_number, match.end(1) - line_start),
                                column in defining.get(line_number, no_columns)))


# Every ID prefix ends in R, C or M and a hyphen follows it: `ID_PATTERN` is tried only where that pair occurs, one
# and two characters before it (`FR-`, `NFR-`), instead of at every position of the text.
_ID_HINT = re.compile(r"[RCM]-")


def _ids_in(text: str) -> list[re.Match[str]]:
    """What `ID_PATTERN.finditer(text)` finds. An ID cannot start inside another (its lookbehind refuses a word
    character or hyphen before it, and only those make up an ID), so trying the positions before each hint, in
    order, finds the same matches in the same order."""
    found = []
    match_at = ID_PATTERN.match
    for hint in _ID_HINT.finditer(text):
        position = hint.start()
        for start in (position - 2, position - 1):
            if start >= 0:
                match = match_at(text, start)
                if match is not None:
                    found.append(match)
                    break
    return found


@lru_cache(maxsize=16384)
def _line_markers_and_ids(line_number: int, line: str, defining_columns: frozenset[int]) -> tuple[tuple[Marker, ...], tuple[IdOccurrence, ...]]:
    """The clarification markers and IDs of one line; cached by the line's number and text because a keystroke
    changes one line and building these objects for every line is most of the cost. The objects are shared
    between successive documents and never modified."""
    markers: list[Marker] = []
    ids: list[IdOccurrence] = []
    if "[" in line:
        for match in _NEEDS_CLARIFICATION.finditer(line):
            markers.append(Marker("needs-clarification", match.group(0), Range.of(line_number, match.start(), line_number, match.end())))
    if "-" in line:
        for match in ID_PATTERN.finditer(line):
            ids.append(IdOccurrence(match.group(1), Range.of(line_number, match.start(1), line_number, match.end(1)),
                                    match.start(1) in defining_columns))
    return tuple(markers), tuple(ids)


memo.register(_OUTLINE_CACHE, _PIECE_MARKERS, _line_markers_and_ids)
