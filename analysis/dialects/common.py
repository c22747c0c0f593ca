"""Shared helpers of the dialect extractors: line ranges, block lookups, entity bullets, markup stripping.

No pygls or lsprotocol; depends on the markdown layer and the model only.
"""

from __future__ import annotations

import re

from analysis.markdown import Block
from analysis.model import EntityDefinition, SpecDocument
from analysis.text import Range

ITEM_PREFIX = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
ENTITY_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
BOLD = re.compile(r"\*\*([^*]+?)\*\*|__([^_]+?)__")


def strip_markup(text: str) -> str:
    """Drop emphasis, code ticks and list markers: text as a reader sees it (for messages and models)."""
    text = ITEM_PREFIX.sub("", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?!\w)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()

def line_range(document: SpecDocument, line: int, column: int = 0) -> Range:
    text = document.lines[line] if 0 <= line < len(document.lines) else ""
    end = len(text.rstrip())
    return Range.of(line, min(column, end), line, end)



def blocks_in(document: SpecDocument, start: int, end: int, kinds: tuple[str, ...] = ("item", "paragraph")) -> list[Block]:
    return [b for b in document.tree.blocks if b.kind in kinds and start <= b.start < end]


def block_text(document: SpecDocument, block: Block, limit: int | None = None) -> str:
    stop = block.end if limit is None else min(block.end, limit)
    return "\n".join(document.lines[block.start:stop])


def item_first_lines(document: SpecDocument, item: Block) -> tuple[int, int]:
    """The lines of an item up to its first nested item (its own text)."""
    for block in document.tree.blocks:
        if block.kind == "item" and block.depth > item.depth and item.start < block.start < item.end:
            return item.start, block.start
    return item.start, item.end



def content_column(line: str) -> int:
    match = ITEM_PREFIX.match(line)
    return match.end() if match else len(line) - len(line.lstrip())



NOT_ENTITY_NAMES = re.compile(r"^(note|notes|example|e\.g\.|relationships?|attributes?|fields?|constraints?|purpose|description|validation( rules)?|states?|lifecycle)$", re.I)


def collect_entities(document: SpecDocument, start: int, end: int, source: str) -> None:
    for block in blocks_in(document, start, end, ("item",)):
        if block.depth > 0:
            continue
        first, stop = item_first_lines(document, block)
        line_text = document.lines[first]
        match = ENTITY_BULLET.match(line_text)
        if not match:
            continue
        body_start = match.start(1)
        content = match.group(1)
        names: list[tuple[str, int]] = []
        description = ""
        bold_prefix = re.match(r"^((?:\s*(?:\*\*|__)[^*_]+?(?:\*\*|__)\s*(?:,|and|&|/)?\s*)+)", content)
        if bold_prefix:
            for bold in BOLD.finditer(bold_prefix.group(1)):
                raw = (bold.group(1) or bold.group(2)).strip().rstrip(":").strip()
                names.append((raw, body_start + bold.start() + 2 + (len(bold.group(1) or bold.group(2)) - len((bold.group(1) or bold.group(2)).lstrip()))))
            description = content[bold_prefix.end():].lstrip(" :-–—")
        else:
            plain = re.match(r"^`?([A-Z][\w]*(?:[ -][A-Z][\w]*){0,3})`?\s*(?::|\s[-–—]\s|\()", content)
            if not plain:
                continue
            names.append((plain.group(1), body_start + content.find(plain.group(1))))
            description = content[plain.end():].lstrip(" :-–—")
        extra = " ".join(document.lines[first + 1:stop])
        description = strip_markup(description + " " + extra)
        for raw, column in names:
            name = re.sub(r"\s*\(.*\)$", "", raw).strip().strip("`").strip()
            if not name or len(name) > 60 or NOT_ENTITY_NAMES.match(name) or name.startswith("["):
                continue
            if document.entity(name) is not None:
                continue
            column = line_text.find(name, max(column - 2, 0))
            document.entities.append(EntityDefinition(name=name, range=Range.of(first, column, first, column + len(name)), line=first,
                                                      description=description, source=source, end=block.end))


