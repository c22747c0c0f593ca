"""Plan generation end to end: the source action resolved lazily and applied (VS Code: CreateFile + TextDocumentEdit;
Neovim: plain `changes`), on-save regeneration into a dirty plan buffer, fixAll honouring `context.only`."""

from __future__ import annotations

import asyncio

from lsprotocol import types as t

from tests.e2e.conftest import SPEC
from tests.e2e.helpers import doc, open_spec, wait_for_version


def spec_uri(workspace):
    return (workspace / "specs" / "001-tickets" / "spec.md").as_uri()


def whole(line_count: int = 1) -> t.Range:
    return t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0))


async def code_actions(client, uri, only=None, diagnostics=()):
    return await client.text_document_code_action_async(t.CodeActionParams(
        text_document=doc(uri), range=whole(), context=t.CodeActionContext(diagnostics=list(diagnostics), only=only)))


async def test_generate_plan_action_is_resolved_lazily_and_applied(vscode, workspace):
    uri = spec_uri(workspace)
    open_spec(vscode, uri)
    diagnostics = await wait_for_version(vscode, uri, 1)
    missing = [d for d in diagnostics if d.code == "plan-missing"]
    actions = await code_actions(vscode, uri, diagnostics=missing)
    plan_actions = [a for a in actions if a.title == "Generate plan.md"]
    assert {a.kind for a in plan_actions} == {"quickfix", "source.generatePlan.specls"}
    assert all(a.edit is None for a in plan_actions), "plan generation is deferred to codeAction/resolve"
    resolved = await vscode.code_action_resolve_async(plan_actions[0])
    create, edit = resolved.edit.document_changes
    plan_uri = (workspace / "specs" / "001-tickets" / "plan.md").as_uri()
    assert isinstance(create, t.CreateFile) and create.uri == plan_uri
    text = edit.edits[0].new_text
    assert "specls:plan" in text and "Event" in text
    # The editor applies the edit and saves: the spec's plan-missing hint goes away.
    (workspace / "specs" / "001-tickets" / "plan.md").write_text(text, encoding="utf-8")
    vscode.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(
        changes=[t.FileEvent(uri=plan_uri, type=t.FileChangeType.Created)]))

    async def plan_hint_gone():
        while {"plan-missing", "plan-stale"} & {d.code for d in vscode.diagnostics[uri]}:
            await asyncio.sleep(0.02)
    await asyncio.wait_for(plan_hint_gone(), 10)
    lenses = await vscode.text_document_code_lens_async(t.CodeLensParams(text_document=doc(uri)))
    assert any(lens.command.title == "Plan is current" for lens in lenses)
    links = await vscode.text_document_document_link_async(t.DocumentLinkParams(text_document=doc(uri)))
    assert links and links[0].target == plan_uri


async def test_neovim_gets_plain_changes_and_on_save_edits_the_dirty_plan_buffer(neovim, workspace):
    uri = spec_uri(workspace)
    open_spec(neovim, uri)
    actions = await code_actions(neovim, uri, only=["source.generatePlan.specls"])
    assert [a.title for a in actions] == ["Generate plan.md"]
    resolved = await neovim.code_action_resolve_async(actions[0])
    plan_uri = (workspace / "specs" / "001-tickets" / "plan.md").as_uri()
    assert resolved.edit.document_changes is None and plan_uri in resolved.edit.changes
    generated = resolved.edit.changes[plan_uri][0].new_text
    (workspace / "specs" / "001-tickets" / "plan.md").write_text(generated, encoding="utf-8")
    # plan.md is open with unsaved text of the person's own at the top.
    dirty = "My notes, not saved yet.\n" + generated
    open_spec(neovim, plan_uri, dirty)
    neovim.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[t.TextDocumentContentChangeWholeDocument(text=SPEC.replace("a name and a price", "a name, a price and a quota"))]))
    neovim.text_document_did_save(t.DidSaveTextDocumentParams(text_document=doc(uri)))

    async def applied():
        while not neovim.applied_edits:
            await asyncio.sleep(0.02)
    await asyncio.wait_for(applied(), 10)
    edit = neovim.applied_edits[-1]
    new_text = edit.changes[plan_uri][0].new_text
    assert new_text.startswith("My notes, not saved yet.\n"), "the buffer's text, not the disk's, was updated"
    assert new_text != dirty


async def test_fix_all_honours_only(vscode, workspace):
    uri = spec_uri(workspace)
    open_spec(vscode, uri)
    await wait_for_version(vscode, uri, 1)
    actions = await code_actions(vscode, uri, only=["source.fixAll"])
    assert all(a.kind == "source.fixAll.specls" for a in actions)
    actions = await code_actions(vscode, uri, only=["quickfix"])
    assert all(a.kind == "quickfix" for a in actions)


async def test_quick_fix_from_a_finding_is_offered_with_its_edit(vscode, workspace):
    uri = (workspace / "specs" / "003-story" / "spec.md").as_uri()
    text = SPEC.replace("**Acceptance Scenarios**:\n\n1. **Given** a draft Event, **When** the organizer publishes it, **Then** attendees can see the Event.\n", "")
    open_spec(vscode, uri, text)
    diagnostics = await wait_for_version(vscode, uri, 1)
    with_fixes = [d for d in diagnostics if isinstance(d.data, dict) and d.data.get("fixes")]
    assert with_fixes, "a rule offers a fix (story skeleton, entity stub, ...)"
    actions = await code_actions(vscode, uri, only=["quickfix"], diagnostics=with_fixes[:1])
    fix = next(a for a in actions if a.title == with_fixes[0].data["fixes"][0]["title"])
    (change,) = fix.edit.document_changes
    assert change.text_document.uri == uri and change.text_document.version == 1 and change.edits


async def test_hand_edited_region_is_kept_and_overwritten_only_on_request(vscode, workspace):
    from analysis.parse import parse_spec
    from analysis.plan.design import build_plan
    from analysis.plan.regions import update_plan

    uri = spec_uri(workspace)
    plan_path = workspace / "specs" / "001-tickets" / "plan.md"
    spec_path = workspace / "specs" / "001-tickets" / "spec.md"
    generated = update_plan(None, build_plan(parse_spec(SPEC, str(spec_path)))).text
    lines = generated.split("\n")
    begin = next(n for n, line in enumerate(lines) if line.startswith("<!-- specls:begin routes:event "))
    lines.insert(begin + 2, "My own note inside a generated region.")
    plan_path.write_text("\n".join(lines), encoding="utf-8")
    open_spec(vscode, uri, SPEC.replace("a name and a price", "a name, a price and a quota"))
    diagnostics = await wait_for_version(vscode, uri, 1)
    assert "plan-stale" in {d.code for d in diagnostics}
    update = next(a for a in await code_actions(vscode, uri, only=["source.generatePlan.specls"]) if a.title == "Update plan.md")
    kept = (await vscode.code_action_resolve_async(update)).edit.document_changes[0].edits[0].new_text
    assert "My own note inside a generated region." in kept
    (overwrite,) = await code_actions(vscode, uri, only=["source.overwritePlanRegion.specls"])
    assert "routes:event" in overwrite.title
    replaced = (await vscode.code_action_resolve_async(overwrite)).edit.document_changes[0].edits[0].new_text
    assert "My own note inside a generated region." not in replaced
