"""Diagnostics end to end: a push-only client (VS Code profile without pull) and a pull client (Neovim profile),
workspace-wide reporting, versions, stale results, exact positions with emoji and CJK in both encodings."""

from __future__ import annotations

import asyncio


from lsprotocol import types as t

from tests.e2e.helpers import LINES, doc, open_spec, units, wait_for_version


def spec_uri(workspace):
    return (workspace / "specs" / "001-tickets" / "spec.md").as_uri()


async def test_push_client_gets_workspace_diagnostics_without_opening(vscode, workspace):
    uri = spec_uri(workspace)
    diagnostics = await wait_for_version(vscode, uri, None)
    codes = {d.code for d in diagnostics}
    assert {"needs-clarification", "plan-missing"} <= codes
    assert vscode.progress_reports, "the workspace scan reports work-done progress"
    (watchers,) = [r for r in vscode.registrations if r.method == "workspace/didChangeWatchedFiles"]
    options = watchers.register_options  # arrives as plain JSON on the client side
    globs = {w["globPattern"] for w in options["watchers"]}
    assert {"**/spec.md", "**/plan.md"} <= globs


async def test_push_diagnostics_follow_versions_and_utf16_positions(vscode, workspace):
    uri = spec_uri(workspace)
    open_spec(vscode, uri)
    diagnostics = await wait_for_version(vscode, uri, 1)
    marker = next(d for d in diagnostics if d.code == "needs-clarification")
    line = LINES[marker.range.start.line]
    assert marker.range.start.character == units(line[:line.index("[NEEDS")], "utf-16")
    title = next(d for d in diagnostics if d.code == "plan-missing")
    assert title.range.end.character == units(LINES[0], "utf-16")  # the emoji counts as two UTF-16 units
    # Two quick edits: the second removes the marker; the published result is for the latest version.
    start = t.Position(line=marker.range.start.line, character=marker.range.start.character)
    end = t.Position(line=marker.range.end.line, character=marker.range.end.character)
    vscode.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[t.TextDocumentContentChangePartial(range=t.Range(start=start, end=start), text="x")]))
    vscode.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[t.TextDocumentContentChangePartial(
            range=t.Range(start=start, end=t.Position(line=end.line, character=end.character + 1)), text="")]))
    diagnostics = await wait_for_version(vscode, uri, 3)
    assert "needs-clarification" not in {d.code for d in diagnostics}
    versions = [v for v in vscode.published[uri] if v is not None]
    assert versions == sorted(versions) and versions[-1] == 3, "never a stale version after a newer one"


async def test_pull_client_gets_reports_with_result_ids_and_utf8_positions(neovim, workspace):
    uri = spec_uri(workspace)
    assert uri not in neovim.diagnostics, "pull clients are not pushed to"
    open_spec(neovim, uri)
    report = await neovim.text_document_diagnostic_async(t.DocumentDiagnosticParams(text_document=doc(uri)))
    assert report.kind == "full" and report.result_id
    marker = next(d for d in report.items if d.code == "needs-clarification")
    line = LINES[marker.range.start.line]
    assert marker.range.start.character == units(line[:line.index("[NEEDS")], "utf-8")
    title = next(d for d in report.items if d.code == "plan-missing")
    assert title.range.end.character == units(LINES[0], "utf-8")
    again = await neovim.text_document_diagnostic_async(t.DocumentDiagnosticParams(
        text_document=doc(uri), previous_result_id=report.result_id))
    assert again.kind == "unchanged" and again.result_id == report.result_id
    workspace_report = await neovim.workspace_diagnostic_async(t.WorkspaceDiagnosticParams(previous_result_ids=[]))
    assert uri in {item.uri for item in workspace_report.items}


async def test_plan_md_reports_routes_and_models_the_spec_no_longer_has(vscode, workspace):
    uri = spec_uri(workspace)
    plan = workspace / "specs" / "001-tickets" / "plan.md"
    plan.write_text("# Plan\n\n### Widget (SQLModel)\n\n```\nDELETE /api/widgets/{id}\n```\n", encoding="utf-8")
    plan_uri = plan.as_uri()
    open_spec(vscode, plan_uri, plan.read_text())
    diagnostics = await wait_for_version(vscode, plan_uri, 1)
    codes = {d.code for d in diagnostics}
    assert {"plan-model-unknown", "plan-route-unknown"} <= codes

    async def spec_is_stale():  # the spec is re-checked once its plan appears
        while "plan-stale" not in {d.code for d in vscode.diagnostics.get(uri, [])}:
            await asyncio.sleep(0.02)
    await asyncio.wait_for(spec_is_stale(), 10)


async def test_binary_and_broken_documents_do_not_stop_the_server(vscode, workspace):
    bad = (workspace / "specs" / "002-bad" / "spec.md")
    bad.parent.mkdir(parents=True)
    uri = bad.as_uri()
    open_spec(vscode, uri, "\x00\x01binary" + "```\n" * 3 + "# " * 5000)
    diagnostics = await wait_for_version(vscode, uri, 1)
    assert diagnostics and diagnostics[0].code == "unreadable-file"
    hover = await vscode.text_document_hover_async(t.HoverParams(text_document=doc(uri), position=t.Position(line=0, character=1)))
    assert hover is None
