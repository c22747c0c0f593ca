"""Plan generation as workspace edits: build the plan of a spec, merge it into plan.md (the open buffer's text when the
file is open, else the disk, else a new file) and shape the edit to the client (CreateFile + TextDocumentEdit, or plain
`changes`). Never writes a file itself: edits go back to the editor, in a code action or via `workspace/applyEdit`.
Also the on-save regeneration that follows `plan.onSave`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types as t

from analysis.text import split_lines
from lsp.convert import path_to_uri, uri_to_path, whole_text_edit, workspace_edit


@dataclass
class PlanEdit:
    edit: t.WorkspaceEdit | None
    message: str
    plan_uri: str = ""
    created: bool = False
    kept_edited: tuple[str, ...] = ()


def build_plan_edit(ls, spec_uri: str, overwrite: frozenset[str] = frozenset()) -> PlanEdit:
    from analysis.crossfile import plan_engine, plan_path_for, safe_call

    session = ls.session
    document = session.spec_document(spec_uri)
    if document is None or document.error is not None:
        return PlanEdit(None, f"cannot plan {uri_to_path(spec_uri)}: " + (document.error if document else "not a spec"))
    settings = session.settings_for(document.path)
    plan_uri = path_to_uri(plan_path_for(document.path, settings))
    build = session.plan_for(document)
    if build.plan is None:
        return PlanEdit(None, f"cannot generate the plan: {build.problem}")
    existing, version, error = session.read_text(plan_uri)
    if error is not None:
        return PlanEdit(None, f"cannot update {uri_to_path(plan_uri)}: {error}")
    update, problem = safe_call(plan_engine().update_plan, existing, build.plan, overwrite=frozenset(overwrite))
    if update is None:
        return PlanEdit(None, f"cannot generate the plan: {problem}")
    if existing is not None and update.text == existing:
        return PlanEdit(None, "plan.md is already up to date", plan_uri, kept_edited=tuple(update.kept_edited))
    encoder = session.encoder
    old_lines = split_lines(existing) if existing is not None else [""]
    edit = whole_text_edit(old_lines, update.text, encoder)
    open_doc = session.open_document(plan_uri)
    shaped = workspace_edit({plan_uri: [edit]}, document_changes=session.flags.document_changes,
                            create_files=session.flags.create_files,
                            versions={plan_uri: open_doc.version if open_doc is not None else None},
                            create=[plan_uri] if existing is None else [])
    verb = "Generate" if existing is None else "Update"
    return PlanEdit(shaped, f"{verb} {uri_to_path(plan_uri)}", plan_uri, existing is None, tuple(update.kept_edited))


async def apply_plan(ls, spec_uri: str, overwrite: frozenset[str] = frozenset(), label: str = "specls: plan") -> dict:
    result = build_plan_edit(ls, spec_uri, overwrite)
    if result.edit is None:
        return {"applied": False, "message": result.message}
    if not ls.session.flags.apply_edit:
        return {"applied": False, "message": "the client does not support workspace/applyEdit"}
    response = await ls.workspace_apply_edit_async(t.ApplyWorkspaceEditParams(edit=result.edit, label=label))
    return {"applied": bool(response.applied), "message": result.message, "plan": result.plan_uri,
            "keptEdited": list(result.kept_edited)}


async def regenerate_on_save(ls, spec_uri: str) -> None:
    """`plan.onSave`: off | update-if-exists (default) | always."""
    from analysis.crossfile import plan_path_for

    try:
        session = ls.session
        settings = session.settings_for(uri_to_path(spec_uri))
        policy = settings.plan.on_save
        if policy == "off":
            return
        from analysis.crossfile import plans_apply

        document = session.spec_document(spec_uri)
        if document is None or not plans_apply(document):
            return  # a Kiro tasks.md: no plan is designed from it
        plan_uri = path_to_uri(plan_path_for(uri_to_path(spec_uri), settings))
        existing, _, _ = session.read_text(plan_uri)
        if existing is None and policy != "always":
            return
        result = await apply_plan(ls, spec_uri, label="specls: update plan on save")
        ls.log_to_client(f"specls on save: {result['message']} (applied: {result['applied']})", t.MessageType.Info)
    except Exception as exc:  # our own task: pygls would not report it
        ls.report_server_error(exc, regenerate_on_save)
