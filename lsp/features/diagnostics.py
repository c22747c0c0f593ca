"""Diagnostics, computed once per document version by the session and served both ways: pushed
(`textDocument/publishDiagnostics`, with the version) to clients without pull support, and pulled
(`textDocument/diagnostic` with result ids and unchanged reports, `workspace/diagnostic`) by clients that have it.
Results for a version that is no longer current are dropped.
"""

from __future__ import annotations

import asyncio

from lsprotocol import types as t

from lsp.convert import path_to_uri

IDENTIFIER = "specls"


def publish(ls, uri: str, *, force: bool = False) -> None:
    """Push the current analysis of `uri` (push clients only); unchanged results are not sent again."""
    session = ls.session
    if session.flags.pull_diagnostics:
        return
    analysis = session.analyse(uri)
    document = session.open_document(uri)
    if document is not None and analysis.version is not None and document.version != analysis.version:
        return  # stale: a newer change is queued and will publish
    if not force and session._pushed.get(uri) == analysis.result_id:
        return
    session._pushed[uri] = analysis.result_id
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
        uri=uri, diagnostics=analysis.diagnostics, version=analysis.version if document is not None else None))


def schedule(ls, uri: str, *, force: bool = False) -> None:
    """Analyse after one loop turn: changes already queued coalesce into a single analysis of the latest version."""
    session = ls.session
    previous = session._pending.get(uri)
    if previous is not None and not previous.done():
        previous.cancel()

    async def run() -> None:
        await asyncio.sleep(0)
        try:
            if session.flags.pull_diagnostics:
                session.analyse(uri)  # warm the cache so the client's pull is answered at once
            else:
                publish(ls, uri, force=force)
        except Exception as exc:  # logged, and the server keeps serving
            ls.report_server_error(exc, publish)
            return
        if session.kind_of(uri) == "spec":
            warm_plan_later(ls, uri)

    task = asyncio.ensure_future(run())
    session._pending[uri] = task


PLAN_IDLE_SECONDS = 1.0
"""Typing pause after which the plan is rebuilt: long enough that the (GIL-holding) build rarely overlaps a keystroke."""


def warm_plan_later(ls, uri: str) -> None:
    """Build the spec's plan once typing pauses (counted from the end of the last analysis), in a worker thread, so
    hovers and lenses find it ready."""
    from analysis.crossfile import plans_apply

    session = ls.session
    handles = session.__dict__.setdefault("_plan_warmers", {})
    previous = handles.pop(uri, None)
    if previous is not None:
        previous.cancel()
    loop = asyncio.get_running_loop()

    def start() -> None:
        handles.pop(uri, None)
        pending = session._pending.get(uri)
        if pending is not None and not pending.done():
            return  # a newer change is being analysed; its own timer follows
        analysis = session.analyses.get(uri)
        document = analysis.document if analysis is not None else None
        if document is None or document.error is not None or not plans_apply(document):
            return  # a Kiro checklist or design: no plan is designed from it
        future = loop.run_in_executor(None, session.plan_for, document)
        future.add_done_callback(
            lambda done: None if done.cancelled() or done.exception() is None else ls.report_server_error(done.exception(), warm_plan_later))

    handles[uri] = loop.call_later(PLAN_IDLE_SECONDS, start)


def schedule_related(ls, uri: str) -> None:
    """A spec's plan and a plan's spec have diagnostics that depend on each other (plan-stale, unknown routes)."""
    session = ls.session
    kind = session.kind_of(uri)
    related = None
    if kind == "spec":
        related = session.plan_uri_for(uri)
        if session.open_document(related) is None and related not in session.analyses:
            return
    elif kind == "plan":
        related = session.spec_uri_for_plan(uri)
    if related and not session.flags.pull_diagnostics:
        schedule(ls, related)


def refresh_all(ls) -> None:
    session = ls.session
    if session.flags.pull_diagnostics:
        if session.flags.diagnostic_refresh:
            ls.workspace_diagnostic_refresh(None)
        return
    uris = set(session.workspace_getter().text_documents) | {path_to_uri(p) for p in session.index.documents}
    for uri in uris:
        if session.kind_of(uri) != "other":
            schedule(ls, uri)


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_DIAGNOSTIC, t.DiagnosticOptions(identifier=IDENTIFIER, inter_file_dependencies=True,
                                                                    workspace_diagnostics=True))
    def document_diagnostic(ls, params: t.DocumentDiagnosticParams):
        analysis = ls.session.analyse(params.text_document.uri)
        if params.previous_result_id is not None and params.previous_result_id == analysis.result_id:
            return t.RelatedUnchangedDocumentDiagnosticReport(result_id=analysis.result_id)
        return t.RelatedFullDocumentDiagnosticReport(items=analysis.diagnostics, result_id=analysis.result_id)

    @server.feature(t.WORKSPACE_DIAGNOSTIC)
    def workspace_diagnostic(ls, params: t.WorkspaceDiagnosticParams):
        session = ls.session
        previous = {item.uri: item.value for item in params.previous_result_ids or []}
        uris = {path_to_uri(path) for path in session.index.documents}
        uris |= {uri for uri in session.workspace_getter().text_documents if session.kind_of(uri) != "other"}
        items = []
        for uri in sorted(uris):
            analysis = session.analyse(uri)
            document = session.open_document(uri)
            version = document.version if document is not None else None
            if previous.get(uri) == analysis.result_id:
                items.append(t.WorkspaceUnchangedDocumentDiagnosticReport(uri=uri, result_id=analysis.result_id, version=version))
            else:
                items.append(t.WorkspaceFullDocumentDiagnosticReport(uri=uri, items=analysis.diagnostics, version=version,
                                                                     result_id=analysis.result_id))
        return t.WorkspaceDiagnosticReport(items=items)
