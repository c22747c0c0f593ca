"""Block structure of a markdown file, with line ranges, built from markdown-it-py tokens.

Only block-level parsing runs (inline parsing is switched off: the spec model reads inline text with its
own cheap patterns). The file is cut at top-level ATX headings (`#`, `##`) that lie outside fenced code and
HTML comments, and each piece is parsed on its own and cached by its text: an edit re-parses only the piece
it touched, which is what keeps keystroke latency low on long specs. Cutting at such headings never changes
the block structure, because an ATX heading at column 0 closes every open block except fences and HTML blocks,
which the cutter tracks. A file analysed once (memoising off, see `analysis.memo`) is parsed in one pass instead,
which gives the same tree and falls back to the pieces where it would not. Never raises; depends only on
markdown-it-py, `analysis.memo` and `analysis.text`.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from analysis import memo
from analysis.text import split_lines

# markdown-it-py calls LOGGER.debug for every block rule it tries on every line. Even with debug logging off those
# calls cost about a third of block parsing, and specls never wants that output, so the logger is switched off.
logging.getLogger("markdown_it").disabled = True

_PARSER = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table")
_PARSER.disable(["inline", "text_join"], ignoreInvalid=True)

# Block rules that can only fire on a line a cheap scan finds, and that cost much when tried on every line: the
# setext-heading rule (an underline of `=` or `-` right after a non-blank line), the HTML-block and blockquote rules
# (a line whose content, after indentation and list markers, starts with `<` or `>`), indented code, fences, link
# reference definitions, tables and thematic breaks. A document with no such
# line is parsed without them: the same tokens, found faster (`tests/test_markdown_rules.py` checks the sameness).
# The line patterns start with the newline before the line, and run over the text with a newline put in front: `re`
# then jumps from newline to newline instead of trying `^` at every character. `(?=\n|\Z)` is `$` of MULTILINE.
_UNDERLINE = re.compile(r"\n[ \t>]*(?:=+|-+)[ \t\r\f\v]*(?=\n|\Z)")
_HTML_OR_QUOTE = re.compile(r"\n[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[<>]")
# An indented code block needs four columns of indentation (or a tab) among a line's leading spaces and markers.
_INDENTED = re.compile(r"\n[ >*+\-0-9.)]*?(?: {4}|\t)")
# A thematic break (`---`, `* * *`) needs three marks of one kind with only blanks between them, alone on its line
# after indentation, quote marks and list markers. The first pattern is a cheap test over the whole text (tables hold
# `---` too); the second finds a line of that shape. Both are compiled at first use (`_thematic_break`).
_RULE_MARKS = r"([-*_])[ \t]*\1[ \t]*\1"
_THEMATIC_BREAK = r"\n(?:[ \t>]|(?:[-*+]|\d{1,9}[.)])[ \t])*([-*_])(?:[ \t]*\1){2,}[ \t]*(?=\n|\Z)"
_break_patterns: tuple[re.Pattern[str], re.Pattern[str]] | None = None
_VARIANTS: dict[tuple[str, ...], MarkdownIt] = {}

_CACHE: "OrderedDict[str, _Piece]" = OrderedDict()

_CACHE_LIMIT = 4096

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_TOP_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    line: int
    text: str
    """The heading's text without the `#` marks, trimmed."""
    column: int
    """Character where `text` starts on its line."""


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    """One of: paragraph, item, fence, html, table, blockquote, hr."""
    start: int
    end: int
    """Exclusive end line."""
    depth: int = 0
    """List nesting for items (0 = top level) and paragraphs (number of enclosing items)."""
    ordered: bool = False
    info: str = ""
    """The info string of a fence (its language)."""


# Blocks and headings are built by the hundred per document: their slots are set through their descriptors, a
# third faster than the `object.__setattr__` calls of the `__init__` a frozen dataclass generates (equality,
# hashing and immutability still come from the dataclass).
_BLOCK_SLOTS = tuple(Block.__dict__[name].__set__ for name in ("kind", "start", "end", "depth", "ordered", "info"))
_HEADING_SLOTS = tuple(Heading.__dict__[name].__set__ for name in ("level", "line", "text", "column"))


def _block_init(self: Block, kind: str, start: int, end: int, depth: int = 0, ordered: bool = False,
                info: str = "") -> None:
    set_kind, set_start, set_end, set_depth, set_ordered, set_info = _BLOCK_SLOTS
    set_kind(self, kind)
    set_start(self, start)
    set_end(self, end)
    set_depth(self, depth)
    set_ordered(self, ordered)
    set_info(self, info)


def _heading_init(self: Heading, level: int, line: int, text: str, column: int) -> None:
    set_level, set_line, set_text, set_column = _HEADING_SLOTS
    set_level(self, level)
    set_line(self, line)
    set_text(self, text)
    set_column(self, column)


Block.__init__ = _block_init  # type: ignore[method-assign]
Heading.__init__ = _heading_init  # type: ignore[method-assign]


@dataclass(slots=True)
class MarkdownTree:
    lines: list[str]
    headings: list[Heading] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    opaque: bytearray = field(default_factory=bytearray)
    """1 for lines that are not prose: fenced code, HTML blocks (comments), front matter."""
    front_matter_end: int = 0
    """Number of front-matter lines at the top (0 when there is none)."""
    pieces: list[tuple[int, int, str]] = field(default_factory=list)
    """(first line, end line, text) of every separately parsed piece, in order: the blocks and headings of a piece
    depend on its text alone, so extractors use them to tell whether a region changed."""

    def pieces_between(self, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
        """The pieces that overlap lines `start`..`end`, which hold every block starting there."""
        pieces = self.pieces
        first = max(0, bisect_right(pieces, start, key=_piece_begin) - 1)
        last = bisect_left(pieces, end, key=_piece_begin, lo=first)
        return tuple(pieces[first:last])

    def is_prose(self, line: int) -> bool:
        return 0 <= line < len(self.opaque) and not self.opaque[line]


def _piece_begin(piece: tuple[int, int, str]) -> int:
    return piece[0]


@dataclass(slots=True)
class _Placed:
    """A piece's headings and blocks at absolute lines, as last placed: typing inside a line moves no piece,
    so the next parse reuses these objects instead of building them again."""

    begin: int
    stop: int
    headings: tuple[Heading, ...]
    blocks: tuple[Block, ...]
    opaque: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class _Piece:
    headings: tuple[Heading, ...]
    """At lines relative to the piece."""
    blocks: tuple[Block, ...]
    placed: _Placed | None = None


def _front_matter_length(lines: list[str]) -> int:
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, min(len(lines), 400)):
        if _FRONT_MATTER_END.match(lines[index]):
            return index + 1
    return 0


def _cut_points(lines: list[str], start: int) -> list[int]:
    """Lines where a new piece starts: top-level ATX headings outside fences and HTML comments."""
    points = [start]
    fence: str | None = None
    in_comment = False
    for index in range(start, len(lines)):
        line = lines[index]
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.lstrip(fence[0]).strip():
                fence = None
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        match = _FENCE_OPEN.match(line)
        if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence = match.group(1)
            continue
        if line.lstrip(" ").startswith("<!--") and "-->" not in line[line.find("<!--") + 4:]:
            in_comment = True
            continue
        if index > start and line.startswith("#") and _TOP_HEADING.match(line):
            points.append(index)
    return points


_NOTHING_TO_RECORD = frozenset({"paragraph_close", "heading_close", "blockquote_close", "table_close", "thead_open",
                                "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close", "th_open", "th_close",
                                "td_open", "td_close"})


def _structure(tokens: list, begin: int = 0, stop: int | None = None) -> tuple[list[Heading], list[Block], list[int]]:
    """Headings and blocks of a token stream, and the lines where top-level headings start. Headings are at the
    lines of the parsed text, with markdown-it's text (trimmed, one line; `_place_headings` adds the column and
    drops closing `#`s); blocks are moved down by `begin` lines and cut at line `stop` when one is given (so that a
    one-pass parse builds each block once, at its final lines)."""
    headings: list[Heading] = []
    blocks: list[Block] = []
    top_headings: list[int] = []
    item_depth = 0
    list_ordered: list[bool] = []
    pending_heading: tuple[int, int] | None = None
    limit = stop if stop is not None else float("inf")
    for token in tokens:
        kind = token.type
        # The most frequent tokens first: inline text (read only after a heading opens) and tokens that record
        # nothing (closings, table rows and cells).
        if kind == "inline":
            if pending_heading is not None:
                level, line = pending_heading
                # A setext heading may span several lines; its title is one line of text.
                headings.append(Heading(level, line, " ".join(token.content.split()), 0))
                pending_heading = None
            continue
        if kind in _NOTHING_TO_RECORD:
            continue
        mapping = token.map
        if kind == "heading_open" and mapping:
            pending_heading = (int(token.tag[1]), mapping[0])
            if token.level == 0:
                top_headings.append(mapping[0])
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_ordered.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if list_ordered:
                list_ordered.pop()
        elif kind == "list_item_open" and mapping:
            blocks.append(Block("item", mapping[0] + begin, min(mapping[1] + begin, limit), item_depth,
                                bool(list_ordered and list_ordered[-1])))
            item_depth += 1
        elif kind == "list_item_close":
            item_depth = max(0, item_depth - 1)
        elif kind == "paragraph_open" and mapping:
            blocks.append(Block("paragraph", mapping[0] + begin, min(mapping[1] + begin, limit), item_depth))
        elif kind in ("fence", "code_block") and mapping:
            blocks.append(Block("fence", mapping[0] + begin, min(mapping[1] + begin, limit), item_depth, info=token.info.strip()))
        elif kind == "html_block" and mapping:
            blocks.append(Block("html", mapping[0] + begin, min(mapping[1] + begin, limit), item_depth))
        elif kind == "table_open" and mapping:
            blocks.append(Block("table", mapping[0] + begin, min(mapping[1] + begin, limit), item_depth))
        elif kind == "blockquote_open" and mapping:
            blocks.append(Block("blockquote", mapping[0] + begin, min(mapping[1] + begin, limit), item_depth))
        elif kind == "hr" and mapping:
            blocks.append(Block("hr", mapping[0] + begin, min(mapping[1] + begin, limit), item_depth))
    return headings, blocks, top_headings


def _setext_underline(text: str) -> bool:
    """Whether some line is all `=` or all `-` right after a non-blank line: a setext heading may be there."""
    for match in _UNDERLINE.finditer("\n" + text):
        end = match.start() - 1  # the newline before the underline, in `text` (the match starts one character early)
        if end > 0 and text[text.rfind("\n", 0, end) + 1:end].strip():
            return True
    return False


def _thematic_break(text: str) -> bool:
    """Whether some line may be a thematic break (`hr`)."""
    global _break_patterns
    if _break_patterns is None:
        _break_patterns = (re.compile(_RULE_MARKS), re.compile(_THEMATIC_BREAK))
    marks, line = _break_patterns
    if not marks.search(text):
        return False
    # markdown-it ends a line at a lone `\r` too; the line pattern sees only `\n`.
    return line.search("\n" + (text.replace("\r", "\n") if "\r" in text else text)) is not None


def parser_for(text: str) -> MarkdownIt:
    """The parser for `text`: without the block rules no line of it can trigger (see `_UNDERLINE`)."""
    off = []
    # Literal marks first: a fence needs three backticks or tildes, a link reference definition `]:`, a table `|`.
    if "```" not in text and "~~~" not in text:
        off.append("fence")
    if "]:" not in text:
        off.append("reference")
    if "|" not in text:
        off.append("table")
    framed = "\n" + text  # for the line patterns
    if "\t" not in text and "    " not in text or not _INDENTED.search(framed):
        off.append("code")
    if not _setext_underline(text):
        off.append("lheading")
    if not _HTML_OR_QUOTE.search(framed):
        off += ["html_block", "blockquote"]
    if not _thematic_break(text):
        off.append("hr")
    if not off:
        return _PARSER
    key = tuple(off)
    parser = _VARIANTS.get(key)
    if parser is None:
        parser = _VARIANTS[key] = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table")
        parser.disable(["inline", "text_join", *off], ignoreInvalid=True)  # at most 2^8 - 1 variants
    return parser


def _tokens(text: str) -> list:
    try:
        return parser_for(text).parse(text)
    except Exception:  # markdown-it-py should not fail, but a parser bug must not take the analysis down
        return []


def _parse_piece(text: str) -> _Piece:
    cached = _CACHE.get(text)
    memoising = memo.enabled()
    if cached is not None:
        if memoising:
            _CACHE.move_to_end(text)
        return cached
    headings, blocks, _ = _structure(_tokens(text))
    piece = _Piece(tuple(headings), tuple(blocks))
    if len(text) < 200_000 and memoising:
        _CACHE[text] = piece
        if len(_CACHE) > _CACHE_LIMIT:
            _CACHE.popitem(last=False)
    return piece


def parse_markdown(text: str, lines: list[str] | None = None, *, first_line: int = 0, last_line: int | None = None) -> MarkdownTree:
    """Parse `text` (or the lines `first_line`..`last_line` of it) into a `MarkdownTree` with absolute lines."""
    if lines is None:
        lines = split_lines(text)
    stop = len(lines) if last_line is None else last_line
    tree = MarkdownTree(lines, opaque=bytearray(len(lines)))
    start = first_line
    if first_line == 0:
        tree.front_matter_end = _front_matter_length(lines)
        for index in range(tree.front_matter_end):
            tree.opaque[index] = 1
        start = tree.front_matter_end
    for index in range(0, first_line):
        tree.opaque[index] = 1
    for index in range(stop, len(lines)):
        tree.opaque[index] = 1
    points = _cut_points(lines[:stop], start) + [stop]
    for begin, end in zip(points, points[1:]):
        if begin < end:
            tree.pieces.append((begin, end, "\n".join(lines[begin:end]) + "\n"))
    if memo.enabled() or not _parse_whole(tree, lines, stop):
        for begin, _end, piece_text in tree.pieces:
            _add(tree, _place(piece_text, lines, begin, stop))
    return tree


def _parse_whole(tree: MarkdownTree, lines: list[str], stop: int) -> bool:
    """One parse of all the pieces together, for a document analysed once (nothing is memoised, so parsing the
    pieces separately would only repeat markdown-it's per-parse set-up). The result is the pieces' exactly when
    every cut point starts a top-level heading of the whole parse, because then no block spans two pieces and
    markdown-it starts each piece in the state a separate parse starts in; otherwise (a heading swallowed by an
    HTML block the cutter does not track, say) this returns False and the caller parses the pieces."""
    pieces = tree.pieces
    if not pieces:
        return True
    begin = pieces[0][0]
    headings, blocks, top_headings = _structure(_tokens("".join(piece[2] for piece in pieces)), begin, stop)
    starts = set(top_headings)
    if any(piece[0] - begin not in starts for piece in pieces[1:]):
        return False
    tree.headings.extend(_place_headings(headings, lines, begin))
    tree.blocks.extend(blocks)
    for first, last in _opaque_spans(blocks):
        tree.opaque[first:last] = b"\x01" * (last - first)
    return True


def _add(tree: MarkdownTree, placed: _Placed) -> None:
    tree.headings.extend(placed.headings)
    tree.blocks.extend(placed.blocks)
    for first, last in placed.opaque:
        tree.opaque[first:last] = b"\x01" * (last - first)


_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")


def _place(text: str, lines: list[str], begin: int, stop: int) -> _Placed:
    """The piece `text` parsed and placed at line `begin` (reusing the last placement when it is the same)."""
    piece = _parse_piece(text)
    placed = piece.placed
    if placed is not None and placed.begin == begin and placed.stop == stop:
        return placed
    placed = piece.placed = _placed(piece.headings, piece.blocks, lines, begin, stop)
    return placed


def _placed(piece_headings, piece_blocks, lines: list[str], begin: int, stop: int) -> _Placed:
    """A piece's headings and blocks, found at lines relative to `begin`, moved to absolute lines (blocks cut at
    `stop`), with the opaque line spans of its fenced code and HTML blocks."""
    blocks = tuple(Block(block.kind, block.start + begin, min(block.end + begin, stop), block.depth, block.ordered,
                         block.info) for block in piece_blocks)
    return _Placed(begin, stop, tuple(_place_headings(piece_headings, lines, begin)), blocks, tuple(_opaque_spans(blocks)))


def _place_headings(headings, lines: list[str], begin: int) -> list[Heading]:
    """Headings found at lines relative to `begin`, at absolute lines, with their column; an ATX heading loses its
    closing `#`s."""
    placed: list[Heading] = []
    for heading in headings:
        line = heading.line + begin
        raw = lines[line]
        text_value = heading.text
        if raw.lstrip().startswith("#"):
            column = len(raw) - len(raw.lstrip(" #\t"))
            text_value = _CLOSING_HASHES.sub("", text_value).strip()
            if set(text_value) == {"#"}:
                text_value = ""
        else:
            column = len(raw) - len(raw.lstrip())
        placed.append(Heading(heading.level, line, text_value, column))
    return placed


def _opaque_spans(blocks) -> list[tuple[int, int]]:
    """The line spans of fenced code and HTML blocks: not prose."""
    return [(block.start, block.end) for block in blocks if block.kind in ("fence", "html") and block.end > block.start]


memo.register(_CACHE)
