"""Text primitives of the analysis core: positions, ranges, line tables and safe decoding.

Positions are 0-based lines and 0-based characters counted in Unicode code points, which is what a Python
string index is. Conversion to an editor's encoding (UTF-16 by default in LSP) happens only in `lsp/`.
This module must not depend on anything else in the project, nor on pygls or lsprotocol.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
"""Files larger than this are refused with a clear message instead of being analysed."""


@dataclass(frozen=True, slots=True, order=True)
class Position:
    line: int
    character: int


@dataclass(frozen=True, slots=True, order=True)
class Range:
    start: Position
    end: Position

    @staticmethod
    def of(line: int, start: int, end_line: int | None = None, end: int | None = None) -> "Range":
        """`Range.of(3, 4, 3, 9)`; a missing end line means the same line."""
        return Range(Position(line, start), Position(line if end_line is None else end_line, start if end is None else end))

    def contains(self, position: Position) -> bool:
        return self.start <= position <= self.end


# Thousands of positions and ranges are built per document. The `__init__` a frozen dataclass generates sets each
# field through `object.__setattr__`; setting the slots through their descriptors does the same a third faster.
# (Equality, ordering, hashing and immutability still come from the dataclass.)
_set_line = Position.__dict__["line"].__set__
_set_character = Position.__dict__["character"].__set__
_set_start = Range.__dict__["start"].__set__
_set_end = Range.__dict__["end"].__set__


def _position_init(self: Position, line: int, character: int) -> None:
    _set_line(self, line)
    _set_character(self, character)


def _range_init(self: Range, start: Position, end: Position) -> None:
    _set_start(self, start)
    _set_end(self, end)


Position.__init__ = _position_init  # type: ignore[method-assign]
Range.__init__ = _range_init  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The text of a file, or why it could not be read as text."""

    text: str | None
    error: str | None = None
    had_bom: bool = False


def decode_bytes(data: bytes, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> DecodedText:
    """Decode a spec file: UTF-8 (with or without BOM), refusing binary data and over-large files.

    A refused file gets a message a person can act on; nothing raises.
    """
    if len(data) > max_bytes:
        return DecodedText(None, f"file is too large to analyse ({len(data) / 1_048_576:.1f} MiB; the limit is "
                                 f"{max_bytes / 1_048_576:.0f} MiB)")
    had_bom = data.startswith(codecs.BOM_UTF8)
    if had_bom:
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return DecodedText(data.decode("utf-16"), None, True)
        except UnicodeDecodeError:
            return DecodedText(None, "file starts with a UTF-16 byte order mark but is not valid UTF-16")
    if b"\x00" in data[:8192]:
        return DecodedText(None, "file looks binary (it contains NUL bytes); only UTF-8 text is analysed")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return DecodedText(None, f"file is not valid UTF-8 (invalid byte 0x{data[exc.start]:02x} on line {line}); "
                                 "save it as UTF-8")
    return DecodedText(text, None, had_bom)


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def split_lines(text: str) -> list[str]:
    """Lines without their terminators; `\\r\\n`, `\\r` and `\\n` all end a line, as in LSP.

    The result always has one more entry than the number of line terminators, so a position on the
    empty last line after a final newline is valid.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def detect_newline(text: str) -> str:
    """The line ending a file mostly uses, so rewritten files keep it."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    return "\r\n" if crlf > lf else "\n"


def end_position(lines: list[str]) -> Position:
    return Position(len(lines) - 1, len(lines[-1]) if lines else 0)
