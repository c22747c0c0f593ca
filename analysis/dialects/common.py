"""Shared helpers of the dialect extractors: line ranges, block lookups, entity bullets, markup stripping.

No pygls or lsprotocol; depends on the markdown layer and the model only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from analysis import memo
from analysis.markdown import Block
from analysis.model import EntityDefinition, SpecDocument
from analysis.text import Range

ITEM_PREFIX = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
ENTITY_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
BOLD = re.compile(r"\*\*([^*]+?)\*\*|__([^_]+?)__")


_STRONG_OR_CODE = re.compile(r"(\*\*|__|`)")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?!\w)")


def strip_markup(text: str) -> str:
    """Drop emphasis, code ticks and list markers: text as a reader sees it (for messages and models).

    Cached: after a keystroke the document is extracted again and almost every item's text is unchanged.
    """
    return _strip_markup(text) if memo.enabled() else _strip_markup.__wrapped__(text)


@lru_cache(maxsize=16384)
def _strip_markup(text: str) -> str:
    # Each substitution only when its characters occur (most texts have no emphasis), and whitespace collapsed by
    # split/join, which gives what `\s+` -> " " and strip give (both use str.isspace): this runs on every item.
    text = ITEM_PREFIX.sub("", text)
    if "**" in text or "__" in text or "`" in text:
        text = _STRONG_OR_CODE.sub("", text)
    if "*" in text:
        text = _EMPHASIS.sub(r"\1", text)
    return " ".join(text.split())

def line_range(document: SpecDocument, line: int, column: int = 0) -> Range:
    text = document.lines[line] if 0 <= line < len(document.lines) else ""
    end = len(text.rstrip())
    return Range.of(line, min(column, end), line, end)



def blocks_in(document: SpecDocument, start: int, end: int, kinds: tuple[str, ...] = ("item", "paragraph")) -> list[Block]:
    # `parse_markdown` lists blocks in order of their first line, so a binary search finds the window; scanning
    # every block here made extraction quadratic (a 1 MB spec took 20 s).
    blocks = document.tree.blocks
    result = []
    for index in range(bisect_left(blocks, start, key=_block_start), len(blocks)):
        block = blocks[index]
        if block.start >= end:
            break
        if block.kind in kinds:
            result.append(block)
    return result


def region_key(document: SpecDocument, start: int, end: int) -> tuple:
    """Everything the extractors can read about lines `start`..`end`: their number and text, the markdown pieces
    their blocks come from (a block that starts inside may run past `end`; its piece holds it whole) and which
    lines are prose. Equal keys mean equal extraction results, which is what lets extractors cache per section
    and recompute only the regions an edit touched."""
    tree = document.tree
    return (start, end, tuple(document.lines[start:end]), tree.pieces_between(start, end), bytes(tree.opaque[start:end]))


def _block_start(block: Block) -> int:
    return block.start


def block_text(document: SpecDocument, block: Block, limit: int | None = None) -> str:
    stop = block.end if limit is None else min(block.end, limit)
    return "\n".join(document.lines[block.start:stop])


def item_first_lines(document: SpecDocument, item: Block) -> tuple[int, int]:
    """The lines of an item up to its first nested item (its own text)."""
    blocks = document.tree.blocks
    for index in range(bisect_right(blocks, item.start, key=_block_start), len(blocks)):
        block = blocks[index]
        if block.start >= item.end:
            break
        if block.kind == "item" and block.depth > item.depth:
            return item.start, block.start
    return item.start, item.end



def content_column(line: str) -> int:
    match = ITEM_PREFIX.match(line)
    return match.end() if match else len(line) - len(line.lstrip())



NOT_ENTITY_NAMES = re.compile(r"^(note|notes|example|examples|e\.g\.|relationships?|attributes?|fields?|constraints?|purpose|"
                              r"description|validation( rules)?|states?|lifecycle|overview|summary|key attributes|properties|"
                              r"indexes|indices|entity|entities|term|terms|name|definition|meaning)$", re.I)
# A `**Note**:` bullet that speaks of notes as things ("note rows", "a note a reader writes") defines them.
_NOTE_ENTITY = re.compile(r"^\s*(?:represents\b|an? (?:[\w-]+ ){0,2}(?:note|text|memo|annotation|comment|entry|record)\b)|\bnotes? (?:rows?|records?|entr(?:y|ies)|that|which|"
                          r"attached|written|a (?:user|reader|member))\b", re.I)
_NAME_SUFFIX = re.compile(r"\s+(?:entity|model|table|schema|object|record type)$", re.I)
_ALIAS = re.compile(r"^(.*?)\s*[(（]\s*([^()（）]*?)\s*[)）]\s*$")
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[A-Z_][A-Za-z0-9_]*)+$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")


def collect_entities(document: SpecDocument, start: int, end: int, source: str) -> None:
    """Record the entities defined between lines `start` and `end` (a Key Entities, Glossary or data section).

    Understood shapes: `- **Name**: ...`, `- **Name** (...)`, plain `- Name: ...` bullets, combined bullets
    (`- **Organizer**, **Attendee**: ...`), `A / B` alternatives (each its own entity), `Name (Alias)`, table
    rows (first cell is the name) and, in data sections, sub-headings (`### CreditAccount Entity`) whose own
    bullets are attributes rather than entities; in Key Entities too when most of a sub-heading's bullets are typed
    fields (`### Student` over `- **Date of Birth** (date, required)`, `- user_id: ...`) or an `**Attributes:**`
    label heads them.
    """
    headings = [h for h in document.tree.headings if start <= h.line < end and document.tree.is_prose(h.line)]
    attribute_ranges: list[tuple[int, int]] = []
    if headings and source in ("data-section", "key-entities"):
        base = min(h.level for h in headings)
        for index, heading in enumerate(headings):
            if heading.level != base:
                continue
            stop = next((h.line for h in headings[index + 1:] if h.level <= base), end)
            if source != "data-section" and not _field_bullets_under(document, heading.line + 1, stop):
                continue  # a Key Entities sub-heading groups entity bullets (`#### Core Data Structures`)
            name = _NAME_SUFFIX.sub("", strip_markup(heading.text)).strip(" :`")
            # Only data sections use sub-headings per entity; elsewhere a sub-heading starts other content.
            # Bullets under any sub-heading (an entity, or "Relationships") describe, they do not define.
            attribute_ranges.append((heading.line, stop))
            bare = _ALIAS.match(name)
            # `### Class (referenced, not defined in this feature)`: the remark in brackets is no part of the name.
            if _looks_like_name(bare.group(1).strip() if bare and bare.group(1).strip() else name):
                _add_entity(document, name, heading.line, heading.column, _first_paragraph(document, heading.line + 1, stop),
                            source, stop, allow_lowercase=False)
    for block in blocks_in(document, start, end, ("item",)):
        if block.depth > 0 or any(first < block.start < stop for first, stop in attribute_ranges):
            continue
        first, stop = item_first_lines(document, block)
        line_text = document.lines[first]
        match = ENTITY_BULLET.match(line_text)
        if not match:
            continue
        body_start = match.start(1)
        content = match.group(1)
        names: list[tuple[str, int]] = []
        bold_prefix = re.match(r"^((?:\s*(?:\*\*|__)[^*_]+?(?:\*\*|__)\s*(?:,|and|&|/)?\s*)+)", content)
        if bold_prefix:
            for bold in BOLD.finditer(bold_prefix.group(1)):
                inner = bold.group(1) or bold.group(2)
                raw = inner.strip().rstrip(":").strip()
                names.append((raw, body_start + bold.start() + 2 + (len(inner) - len(inner.lstrip()))))
            description = content[bold_prefix.end():].lstrip(" :-–—")
        else:
            plain = re.match(r"^`?([A-Z][\w]*(?:[ -][\w]+){0,3})`?\s*(?::|\s[-–—]\s|\()", content)
            if not plain:
                continue
            names.append((plain.group(1), body_start + content.find(plain.group(1))))
            description = content[plain.end():].lstrip(" :-–—")
        extra = " ".join(document.lines[first + 1:stop])
        description = strip_markup(description + " " + extra)
        for raw, column in names:
            for part, offset in _alternatives(raw):
                _add_entity(document, part, first, column + offset, description, source, block.end,
                            allow_lowercase=source != "data-section")
    for line in range(start, end):
        text = document.lines[line]
        if not text.lstrip().startswith("|") or not document.tree.is_prose(line) or _TABLE_SEPARATOR.match(text):
            continue
        if line + 1 < end and _TABLE_SEPARATOR.match(document.lines[line + 1]):
            continue  # the header row
        cells = text.strip().strip("|").split("|")
        if len(cells) < 2:
            continue
        name = strip_markup(cells[0]).strip("` ")
        column = text.find(name) if name else -1
        if column >= 0 and _looks_like_name(name):
            _add_entity(document, name, line, column, strip_markup(" ".join(cells[1:])), source, line + 1, allow_lowercase=True)


# `- **Date of Birth** (date, required)`, `- **Status** (enumerated: Active, Inactive)`: a field and its type.
_FIELD_TYPE_WORDS = (r"(?:text|string|str|int|integer|number|numeric|date|datetime|timestamp|time|boolean|bool|uuid|enum\w*|"
                     r"required|optional|unique|auto\w*|reference|identifier|decimal|float|json|foreign key|primary key|"
                     r"fk|pk)\b")
_TYPED_FIELD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__|`)?[^*_`:()]{1,48}(?:\*\*|__|`)?\s*(?:\(\s*(?:[\w-]+\s+)"
                                 r"{0,2}?|:\s*)" + _FIELD_TYPE_WORDS, re.I)


def _field_bullets_under(document: SpecDocument, start: int, stop: int) -> bool:
    """Whether the bullets under a sub-heading are its fields: at least two, and most of them typed."""
    bullets = typed = 0
    for line in range(start, stop):
        text = document.lines[line]
        if FIELDS_LABEL.match(text):
            return True  # `**Attributes:**` over its bullets: the sub-heading is the entity they belong to
        if not ITEM_PREFIX.match(text) or (len(text) - len(text.lstrip())) > 1:
            continue
        bullets += 1
        typed += bool(_TYPED_FIELD_BULLET.match(text) or _COLUMN_BULLET.match(text))
    return typed >= 2 and typed * 3 >= bullets * 2


# `**Attributes:**`, `Fields:`, `#### Attributes` (a label line, not a bullet) heading the field bullets.
FIELDS_LABEL = re.compile(r"^\s*(?:\*\*|__)?(?:key\s+)?(?:attributes|fields|properties|columns)(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*$",
                          re.I)
# `- user_id: Owner identifier`, `` - `created_at`: ... ``: a column's code name, then what it holds.
_COLUMN_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+`?[a-z][a-z0-9]*(?:_[a-z0-9]+)*`?\s*:")


def _looks_like_name(name: str) -> bool:
    return bool(name) and len(name) <= 60 and len(name.split()) <= 6 and not NOT_ENTITY_NAMES.match(name)


def _first_paragraph(document: SpecDocument, start: int, stop: int) -> str:
    collected: list[str] = []
    for line in range(start, stop):
        text = document.lines[line].strip()
        if not text:
            if collected:
                break
            continue
        if text.startswith(("#", "|", "```")):
            break
        collected.append(text)
    return strip_markup(" ".join(collected))


def _alternatives(raw: str) -> list[tuple[str, int]]:
    """`Site / Location / Bin` -> each part with its offset in `raw`; `Staff/Admin` likewise. A slash inside a
    name (`CI/CD Pipeline`, `Input/Output Device`) does not separate names: unspaced, it splits only words."""
    if "/" not in raw or "(" in raw:
        return [(raw, 0)]
    if " / " not in raw and not re.fullmatch(r"[A-Z][a-z]+(?:/[A-Z][a-z]+)+", raw):
        return [(raw, 0)]
    parts: list[tuple[str, int]] = []
    for match in re.finditer(r"[^/]+", raw):
        part = match.group(0).strip()
        if part:
            parts.append((part, match.start() + match.group(0).find(part)))
    return parts


# A name in Japanese, Korean or Chinese script (words may be spaced or hyphenated: `원본 레시피`, `레시피-태그 연결`).
_CJK_NAME = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+(?:[ -][\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+){0,3}")


def _add_entity(document: SpecDocument, raw: str, line: int, column: int, description: str, source: str, end: int,
                *, allow_lowercase: bool) -> None:
    raw = raw.strip().strip("`").strip().rstrip(":").strip()
    aliases: list[str] = []
    alias = _ALIAS.match(raw)
    name = raw
    if alias:
        name = alias.group(1).strip()
        inner = alias.group(2).strip().strip("`")
        # `Purchase Order (PO)`, `在庫アイテム（InventoryItem）` and `Chef (요리사)` carry an alias; `Nested sequence
        # (role)` a note.
        if inner and (re.fullmatch(r"[A-Z][A-Za-z0-9]*(?:[ _-][A-Z][A-Za-z0-9]*)*", inner) or not name.isascii()
                      or _CJK_NAME.fullmatch(inner)):
            aliases.append(inner)
    name = name.strip("`* ").strip()
    if name.casefold() in ("note", "notes") and _NOTE_ENTITY.search(description):
        pass  # "**Note**: note rows that cascade on deletion": notes are the data here, not a remark
    elif not name or not _looks_like_name(name) or name.startswith("[") or _FIELD_NAME.match(name):
        return
    if not allow_lowercase and name[:1].islower():
        return
    if document.entity(name) is not None:
        return
    text = document.lines[line]
    found = text.find(name, max(column - 2, 0))
    column = found if found >= 0 else max(0, min(column, len(text)))
    document.entities.append(EntityDefinition(name=name, range=Range.of(line, column, line, column + len(name)), line=line,
                                              description=description, source=source, end=max(end, line + 1),
                                              aliases=aliases))


memo.register(_strip_markup)
