"""Code actions: quick fixes carried in each diagnostic's `data`, `Generate/Update plan.md` (a source action anywhere
in a spec and the fix of plan-missing/plan-stale), `Overwrite region` for a hand-edited plan region, and
`source.fixAll.specls` (safe fixes only). `context.only` is honoured. Plan edits are expensive, so when the client can
resolve edits lazily they are computed in `codeAction/resolve`.
"""

from __future__ import annotations

from lsprotocol import types as t

from lsp.convert import diagnostic_fixes, text_edit_from_json, workspace_edit
from lsp.features import plan_edits

PLAN_KIND = "source.generatePlan.specls"
FIX_ALL_KIND = "source.fixAll.specls"
OVERWRITE_KIND = "source.overwritePlanRegion.specls"
KINDS = [t.CodeActionKind.QuickFix, t.CodeActionKind.Source, PLAN_KIND, FIX_ALL_KIND, OVERWRITE_KIND]


def _wanted(kind: str, only) -> bool:
    if not only:
        return True
    return any(kind == str(prefix) or kind.startswith(str(prefix) + ".") for prefix in only)


def _fix_edit(ls, fix: dict) -> t.WorkspaceEdit:
    changes = {uri: [text_edit_from_json(edit) for edit in edits] for uri, edits in fix["changes"].items()}
    flags = ls.session.flags
    versions = {}
    for uri in changes:
        document = ls.session.open_document(uri)
        versions[uri] = document.version if document is not None else None
    return workspace_edit(changes, document_changes=flags.document_changes, create_files=flags.create_files, versions=versions)


def _plan_action(ls, title: str, kind: str, spec_uri: str, overwrite: list[str], diagnostics=None) -> t.CodeAction:
    data = {"specls": "plan", "uri": spec_uri, "overwrite": overwrite}
    action = t.CodeAction(title=title, kind=kind, diagnostics=diagnostics, data=data)
    if not ls.session.flags.resolve_edit:
        resolve_plan_action(ls, action)
    return action


def resolve_plan_action(ls, action: t.CodeAction) -> t.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    result = plan_edits.build_plan_edit(ls, str(data.get("uri", "")), frozenset(data.get("overwrite") or []))
    if result.edit is None:
        action.disabled = t.CodeActionDisabledType(reason=result.message)
    else:
        action.edit = result.edit
    return action


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=KINDS, resolve_provider=True))
    def code_action(ls, params: t.CodeActionParams):
        session = ls.session
        uri = params.text_document.uri
        only = params.context.only
        kind = session.kind_of(uri)
        actions: list[t.CodeAction] = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != "specls":
                continue
            if _wanted(t.CodeActionKind.QuickFix, only):
                for fix in diagnostic_fixes(diagnostic):
                    actions.append(t.CodeAction(title=str(fix.get("title", "Fix")), kind=t.CodeActionKind.QuickFix,
                                                diagnostics=[diagnostic], edit=_fix_edit(ls, fix),
                                                is_preferred=bool(fix.get("safe")) or None))
                data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
                if data.get("plan") and kind == "spec":
                    verb = "Generate" if data["plan"] == "generate" else "Update"
                    actions.append(_plan_action(ls, f"{verb} plan.md", t.CodeActionKind.QuickFix, uri, [], [diagnostic]))
        spec_uri = uri if kind == "spec" else session.spec_uri_for_plan(uri) if kind == "plan" else None
        if spec_uri is None:
            return actions
        analysis = session.analyse(uri)
        spec_analysis = session.analyse(spec_uri)
        if _wanted(PLAN_KIND, only) and spec_analysis.document is not None and spec_analysis.document.error is None:
            state = spec_analysis.plan_state
            if state in ("missing", "stale"):  # None: no plan is designed from this document (a Kiro tasks.md)
                verb = "Generate" if state == "missing" else "Update"
                actions.append(_plan_action(ls, f"{verb} plan.md", PLAN_KIND, spec_uri, []))
        status = spec_analysis.plan_status
        if _wanted(OVERWRITE_KIND, only) and status is not None:
            for region in getattr(status, "edited_regions", []) or []:
                actions.append(_plan_action(ls, f"Overwrite hand-edited plan region `{region}`", OVERWRITE_KIND, spec_uri, [region]))
        if _wanted(FIX_ALL_KIND, only) and kind == "spec" and (only or any(d.source == "specls" for d in analysis.diagnostics)):
            combined: dict[str, list[t.TextEdit]] = {}
            taken: list[tuple] = []
            for diagnostic in analysis.diagnostics:
                for fix in diagnostic_fixes(diagnostic):
                    if not fix.get("safe"):
                        continue
                    edits = {u: [text_edit_from_json(e) for e in es] for u, es in fix["changes"].items()}
                    spans = [(u, (e.range.start.line, e.range.start.character), (e.range.end.line, e.range.end.character))
                             for u, es in edits.items() for e in es]
                    if any(u == v and a < d and c < b for u, a, b in spans for v, c, d in taken):
                        continue  # overlapping fixes: apply the first, the next run applies the rest
                    taken.extend(spans)
                    for u, es in edits.items():
                        combined.setdefault(u, []).extend(es)
                    break
            if combined:
                flags = session.flags
                actions.append(t.CodeAction(title="specls: fix all safe problems", kind=FIX_ALL_KIND,
                                            edit=workspace_edit(combined, document_changes=flags.document_changes,
                                                                create_files=flags.create_files,
                                                                versions={u: analysis.version for u in combined})))
        return actions

    @server.feature(t.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls, action: t.CodeAction):
        data = action.data if isinstance(action.data, dict) else {}
        if data.get("specls") == "plan" and action.edit is None:
            return resolve_plan_action(ls, action)
        return action
