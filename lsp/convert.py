"""The one conversion seam between the analysis core and LSP: positions and ranges (code points ↔ the negotiated
position encoding), findings → diagnostics (with their fixes carried in `data`), edits → workspace edits shaped to
what the client supports, and the plain navigation data → lsprotocol types.

Handlers call these functions and nothing else converts. Depends on lsprotocol and the analysis types only; it holds
no server state (client capabilities arrive as a `ClientFlags` value).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import unquote, urlparse

from lsprotocol import types as t

from typing import TYPE_CHECKING

from analysis.text import Position, Range

if TYPE_CHECKING:  # the analysis model is imported by the session on first use, not at startup
    from analysis.model import Finding
    from analysis.navigation import CompletionCandidate, Fold, OutlineSymbol

SOURCE = "specls"

_SEVERITY = {"error": t.DiagnosticSeverity.Error, "warning": t.DiagnosticSeverity.Warning,
             "info": t.DiagnosticSeverity.Information, "hint": t.DiagnosticSeverity.Hint}

_SYMBOL_KIND = {"section": t.SymbolKind.Namespace, "story": t.SymbolKind.Event, "requirement": t.SymbolKind.Key,
                "entity": t.SymbolKind.Struct, "scenario": t.SymbolKind.EnumMember}

_COMPLETION_KIND = {"entity": t.CompletionItemKind.Class, "id": t.CompletionItemKind.Reference,
                    "section": t.CompletionItemKind.Module, "snippet": t.CompletionItemKind.Snippet}


# ------------------------------------------------------------------------------------------- URIs

@lru_cache(maxsize=4096)
def uri_to_path(uri: str) -> str:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return uri
    return unquote(parsed.path)


@lru_cache(maxsize=4096)
def path_to_uri(path: str) -> str:
    if "://" in path:
        return path
    return Path(path).absolute().as_uri()


# ------------------------------------------------------------------------------------------- positions

@lru_cache(maxsize=4096)
def _utf16_prefix(line: str, character: int) -> int:
    prefix = line[:character]
    return len(prefix) + sum(1 for char in prefix if ord(char) > 0xFFFF)


@lru_cache(maxsize=4096)
def _utf8_prefix(line: str, character: int) -> int:
    return len(line[:character].encode("utf-8"))


def _from_units(line: str, units: int, encoding: str) -> int:
    """The code-point index at `units` client units into `line` (clamped; a unit inside a character rounds down)."""
    count = 0
    for index, char in enumerate(line):
        width = (2 if ord(char) > 0xFFFF else 1) if encoding == "utf-16" else len(char.encode("utf-8"))
        if count + width > units:
            return index
        count += width
    return len(line)


class PositionEncoder:
    """Code points ↔ client units for one negotiated encoding (`utf-16`, `utf-8` or `utf-32`)."""

    def __init__(self, encoding: str = "utf-16"):
        self.encoding = encoding if encoding in ("utf-8", "utf-16", "utf-32") else "utf-16"

    def character_to_client(self, line: str, character: int) -> int:
        character = max(0, min(character, len(line)))
        if self.encoding == "utf-32" or line.isascii():
            return character
        if self.encoding == "utf-16":
            return _utf16_prefix(line, character)
        return _utf8_prefix(line, character)

    def character_from_client(self, line: str, units: int) -> int:
        if self.encoding == "utf-32" or line.isascii():
            return max(0, min(units, len(line)))
        return _from_units(line, max(0, units), self.encoding)

    def position_to_client(self, lines: Sequence[str], position: Position) -> t.Position:
        line = lines[position.line] if 0 <= position.line < len(lines) else ""
        return t.Position(line=max(position.line, 0), character=self.character_to_client(line, position.character))

    def position_from_client(self, lines: Sequence[str], position: t.Position) -> Position:
        if position.line >= len(lines):
            return Position(max(len(lines) - 1, 0), len(lines[-1]) if lines else 0)
        return Position(position.line, self.character_from_client(lines[position.line], position.character))

    def range_to_client(self, lines: Sequence[str], range_: Range) -> t.Range:
        return t.Range(start=self.position_to_client(lines, range_.start), end=self.position_to_client(lines, range_.end))

    def range_from_client(self, lines: Sequence[str], range_: t.Range) -> Range:
        return Range(self.position_from_client(lines, range_.start), self.position_from_client(lines, range_.end))


# ------------------------------------------------------------------------------------------- diagnostics

def _edits_to_json(encoder: PositionEncoder, lines: Sequence[str], uri: str, edits, lines_of) -> dict[str, list[dict]]:
    """Edits grouped by URI, in client units, as plain JSON (they travel inside `Diagnostic.data`)."""
    grouped: dict[str, list[dict]] = {}
    for edit in edits:
        target_uri = path_to_uri(edit.path) if edit.path else uri
        target_lines = lines if not edit.path else lines_of(edit.path)
        client_range = encoder.range_to_client(target_lines, edit.range)
        grouped.setdefault(target_uri, []).append({
            "range": {"start": {"line": client_range.start.line, "character": client_range.start.character},
                      "end": {"line": client_range.end.line, "character": client_range.end.character}},
            "newText": edit.new_text})
    return grouped


def finding_to_diagnostic(finding: "Finding", lines: Sequence[str], uri: str, encoder: PositionEncoder, *,
                          related_information: bool = True, lines_of=lambda path: []) -> t.Diagnostic:
    """A finding as an LSP diagnostic; its fixes (already in client units) ride along in `data`."""
    data: dict = {"rule": finding.rule}
    if finding.fixes:
        data["fixes"] = [{"title": fix.title, "safe": fix.safe,
                          "changes": _edits_to_json(encoder, lines, uri, fix.edits, lines_of)} for fix in finding.fixes]
    for key in ("plan", "region"):
        if finding.data.get(key):
            data[key] = finding.data[key]
    related = None
    if related_information and finding.related:
        related = [t.DiagnosticRelatedInformation(
            location=t.Location(uri=path_to_uri(item.path) if item.path else uri,
                                range=encoder.range_to_client(lines if not item.path or path_to_uri(item.path) == uri
                                                              else lines_of(item.path), item.range)),
            message=item.message) for item in finding.related]
    return t.Diagnostic(range=encoder.range_to_client(lines, finding.range), message=finding.message,
                        severity=_SEVERITY.get(getattr(finding.severity, "value", finding.severity), t.DiagnosticSeverity.Warning), code=finding.rule,
                        source=SOURCE, related_information=related, data=data)


class DiagnosticCache:
    """Converted diagnostics reused across document versions: a finding whose rule, message, severity, ranges, fixes
    and the text of every line it touches are unchanged converts to the same diagnostic (most findings survive a
    keystroke elsewhere in the file). Bounded; cleared when it grows past `limit`."""

    def __init__(self, limit: int = 20_000):
        self.limit = limit
        self.entries: dict[tuple, t.Diagnostic] = {}
        self.hits = 0

    def convert(self, finding: "Finding", lines: Sequence[str], uri: str, encoder: PositionEncoder, *,
                related_information: bool, lines_of) -> t.Diagnostic:
        foreign = any(edit.path for fix in finding.fixes for edit in fix.edits) or any(
            item.path and path_to_uri(item.path) != uri for item in finding.related)
        if foreign:  # positions in other files depend on text this key does not see: convert afresh
            return finding_to_diagnostic(finding, lines, uri, encoder, related_information=related_information, lines_of=lines_of)
        touched = {finding.range.start.line, finding.range.end.line}
        touched.update(n for fix in finding.fixes for edit in fix.edits for n in (edit.range.start.line, edit.range.end.line))
        touched.update(n for item in finding.related for n in (item.range.start.line, item.range.end.line))
        texts = tuple(lines[n] if 0 <= n < len(lines) else None for n in sorted(touched))
        key = (uri, encoder.encoding, related_information, finding.rule, finding.message, str(finding.severity), finding.range,
               texts, repr(finding.fixes), repr(finding.related), repr(sorted(finding.data.items())) if finding.data else "")
        cached = self.entries.get(key)
        if cached is not None:
            self.hits += 1
            return cached
        if len(self.entries) >= self.limit:
            self.entries.clear()
        diagnostic = finding_to_diagnostic(finding, lines, uri, encoder, related_information=related_information, lines_of=lines_of)
        self.entries[key] = diagnostic
        return diagnostic


def diagnostic_fixes(diagnostic: t.Diagnostic) -> list[dict]:
    data = diagnostic.data
    if isinstance(data, dict) and isinstance(data.get("fixes"), list):
        return [fix for fix in data["fixes"] if isinstance(fix, dict) and isinstance(fix.get("changes"), dict)]
    return []


# ------------------------------------------------------------------------------------------- edits

def text_edit_from_json(edit: dict) -> t.TextEdit:
    start, end = edit["range"]["start"], edit["range"]["end"]
    return t.TextEdit(range=t.Range(start=t.Position(line=int(start["line"]), character=int(start["character"])),
                                    end=t.Position(line=int(end["line"]), character=int(end["character"]))),
                      new_text=str(edit["newText"]))


def workspace_edit(changes: dict[str, list[t.TextEdit]], *, document_changes: bool, create_files: bool,
                   versions: dict[str, int | None] | None = None, create: Iterable[str] = ()) -> t.WorkspaceEdit:
    """Shape edits to the client: `documentChanges` (with CreateFile for new files) when supported, else `changes`."""
    versions = versions or {}
    create = list(create)
    if document_changes:
        operations: list = []
        for uri in create:
            if create_files:
                operations.append(t.CreateFile(uri=uri, options=t.CreateFileOptions(ignore_if_exists=True)))
        for uri, edits in changes.items():
            operations.append(t.TextDocumentEdit(text_document=t.OptionalVersionedTextDocumentIdentifier(
                uri=uri, version=versions.get(uri)), edits=list(edits)))
        return t.WorkspaceEdit(document_changes=operations)
    return t.WorkspaceEdit(changes={uri: list(edits) for uri, edits in changes.items()})


def whole_text_edit(old_lines: Sequence[str], new_text: str, encoder: PositionEncoder) -> t.TextEdit:
    """Replace a whole buffer; its end is computed on the text the editor holds."""
    last = len(old_lines) - 1
    end = t.Position(line=max(last, 0), character=encoder.character_to_client(old_lines[last], len(old_lines[last])) if old_lines else 0)
    return t.TextEdit(range=t.Range(start=t.Position(line=0, character=0), end=end), new_text=new_text)


# ------------------------------------------------------------------------------------------- navigation data

def outline_to_symbols(symbols: Sequence["OutlineSymbol"], lines: Sequence[str], encoder: PositionEncoder) -> list[t.DocumentSymbol]:
    out = []
    for symbol in symbols:
        full = encoder.range_to_client(lines, symbol.range)
        selection = encoder.range_to_client(lines, symbol.selection_range)
        if not (full.start.line, full.start.character) <= (selection.start.line, selection.start.character) or \
                (selection.end.line, selection.end.character) > (full.end.line, full.end.character):
            selection = t.Range(start=full.start, end=full.start)
        out.append(t.DocumentSymbol(name=symbol.name or "(untitled)", kind=_SYMBOL_KIND.get(symbol.kind, t.SymbolKind.String),
                                    range=full, selection_range=selection, detail=symbol.detail or None,
                                    children=outline_to_symbols(symbol.children, lines, encoder) or None))
    return out


def outline_to_information(symbols: Sequence["OutlineSymbol"], lines: Sequence[str], uri: str, encoder: PositionEncoder,
                           container: str | None = None) -> list[t.SymbolInformation]:
    """Flat symbols for clients without hierarchical document-symbol support."""
    out = []
    for symbol in symbols:
        out.append(t.SymbolInformation(name=symbol.name or "(untitled)", kind=_SYMBOL_KIND.get(symbol.kind, t.SymbolKind.String),
                                       location=t.Location(uri=uri, range=encoder.range_to_client(lines, symbol.selection_range)),
                                       container_name=container))
        out.extend(outline_to_information(symbol.children, lines, uri, encoder, symbol.name))
    return out


def symbol_kind(kind: str) -> t.SymbolKind:
    return _SYMBOL_KIND.get(kind, t.SymbolKind.String)


def fold_to_lsp(fold: "Fold") -> t.FoldingRange:
    return t.FoldingRange(start_line=fold.start, end_line=fold.end,
                          kind=t.FoldingRangeKind.Comment if fold.kind == "comment" else t.FoldingRangeKind.Region)


def completion_to_item(candidate: "CompletionCandidate", lines: Sequence[str], encoder: PositionEncoder, snippets: bool) -> t.CompletionItem:
    use_snippet = snippets and candidate.snippet is not None
    text = candidate.snippet if use_snippet else candidate.insert_text or candidate.label
    edit = None
    if candidate.replace is not None:
        edit = t.TextEdit(range=encoder.range_to_client(lines, candidate.replace), new_text=text)
    return t.CompletionItem(label=candidate.label, kind=_COMPLETION_KIND.get(candidate.kind, t.CompletionItemKind.Text),
                            detail=candidate.detail or None, text_edit=edit, insert_text=None if edit else text,
                            insert_text_format=t.InsertTextFormat.Snippet if use_snippet else t.InsertTextFormat.PlainText,
                            filter_text=candidate.label)
