"""The conversion seam: code points ↔ UTF-16/UTF-8/UTF-32 with emoji and CJK, findings → diagnostics with their fixes
in `data`, and workspace edits shaped to the client."""

from __future__ import annotations

from hypothesis import given, strategies as st
from lsprotocol import types as t

from analysis.model import Edit, Finding, Fix, Severity
from analysis.text import Position, Range
from lsp.convert import (PositionEncoder, diagnostic_fixes, finding_to_diagnostic, text_edit_from_json, whole_text_edit,
                         workspace_edit)

LINE = "a😀b日本c"


def test_utf16_counts_astral_characters_twice():
    encoder = PositionEncoder("utf-16")
    assert [encoder.character_to_client(LINE, i) for i in range(len(LINE) + 1)] == [0, 1, 3, 4, 5, 6, 7]


def test_utf8_counts_bytes():
    encoder = PositionEncoder("utf-8")
    assert [encoder.character_to_client(LINE, i) for i in range(len(LINE) + 1)] == [0, 1, 5, 6, 9, 12, 13]


def test_utf32_is_code_points():
    encoder = PositionEncoder("utf-32")
    assert encoder.character_to_client(LINE, 3) == 3


def test_a_position_inside_a_surrogate_pair_rounds_down():
    encoder = PositionEncoder("utf-16")
    assert encoder.position_from_client([LINE], t.Position(line=0, character=2)) == Position(0, 1)


def test_positions_past_the_end_are_clamped():
    encoder = PositionEncoder("utf-16")
    assert encoder.position_from_client(["ab"], t.Position(line=0, character=99)) == Position(0, 2)
    assert encoder.position_from_client(["ab"], t.Position(line=5, character=0)) == Position(0, 2)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), st.data())
def test_round_trip_in_every_encoding(line, data):
    index = data.draw(st.integers(0, len(line)))
    for encoding in ("utf-8", "utf-16", "utf-32"):
        encoder = PositionEncoder(encoding)
        units = encoder.character_to_client(line, index)
        assert encoder.character_from_client(line, units) == index


def test_finding_becomes_a_diagnostic_with_fixes_in_client_units():
    lines = ["x 😀 TODO"]
    fix = Fix("Remove placeholder", [Edit(Range.of(0, 4, 0, 8), "")], safe=True)
    finding = Finding("template-placeholder", Severity.WARNING, Range.of(0, 4, 0, 8), "placeholder", "spec.md", fixes=[fix])
    diagnostic = finding_to_diagnostic(finding, lines, "file:///spec.md", PositionEncoder("utf-16"))
    assert (diagnostic.range.start.character, diagnostic.range.end.character) == (5, 9)
    assert diagnostic.severity == t.DiagnosticSeverity.Warning and diagnostic.code == "template-placeholder"
    (carried,) = diagnostic_fixes(diagnostic)
    assert carried["safe"] is True
    (edit,) = carried["changes"]["file:///spec.md"]
    assert text_edit_from_json(edit).range == t.Range(start=t.Position(line=0, character=5), end=t.Position(line=0, character=9))


def test_workspace_edit_shapes():
    edits = {"file:///p.md": [t.TextEdit(range=t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0)),
                                         new_text="x")]}
    rich = workspace_edit(edits, document_changes=True, create_files=True, create=["file:///p.md"], versions={"file:///p.md": None})
    assert isinstance(rich.document_changes[0], t.CreateFile) and isinstance(rich.document_changes[1], t.TextDocumentEdit)
    plain = workspace_edit(edits, document_changes=False, create_files=True, create=["file:///p.md"])
    assert plain.document_changes is None and list(plain.changes) == ["file:///p.md"]


def test_whole_text_edit_ends_at_the_buffer_end_in_client_units():
    edit = whole_text_edit(["one", "二😀"], "new", PositionEncoder("utf-16"))
    assert edit.range.end == t.Position(line=1, character=3)


def test_diagnostic_cache_reuses_unchanged_findings_and_sees_changed_lines():
    from lsp.convert import DiagnosticCache

    cache = DiagnosticCache()
    encoder = PositionEncoder("utf-16")
    finding = Finding("r", Severity.WARNING, Range.of(1, 2, 1, 4), "m", "spec.md")
    first = cache.convert(finding, ["a", "xx😀yy"], "file:///spec.md", encoder, related_information=True, lines_of=lambda p: [])
    again = cache.convert(finding, ["a", "xx😀yy", "new line"], "file:///spec.md", encoder, related_information=True,
                          lines_of=lambda p: [])
    assert again is first and cache.hits == 1
    moved = cache.convert(finding, ["a", "x😀xyy"], "file:///spec.md", encoder, related_information=True, lines_of=lambda p: [])
    assert moved is not first and (moved.range.start.character, moved.range.end.character) == (3, 5)
