"""Document sync (incremental), saves, watched files and configuration changes: the only handlers that change
session state. Diagnostics are scheduled after each change with no perceptible delay (one loop turn, so a burst of
queued changes coalesces into one analysis); plan regeneration on save follows `plan.onSave`.
"""

from __future__ import annotations

import asyncio

from lsprotocol import types as t

from lsp.convert import uri_to_path
from lsp.features import diagnostics, lifecycle


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: t.DidOpenTextDocumentParams):
        diagnostics.schedule(ls, params.text_document.uri, force=True)
        diagnostics.schedule_related(ls, params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: t.DidChangeTextDocumentParams):
        diagnostics.schedule(ls, params.text_document.uri)
        diagnostics.schedule_related(ls, params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: t.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        session = ls.session
        session.forget(uri)
        if session.kind_of(uri) == "spec":
            # The spec stays in the index from disk: its diagnostics are still reported (workspace-wide).
            document, _ = session.parse(uri)
            if document is not None:
                session.index.update(document)
            else:
                session.remove_file(uri)
        if not session.flags.pull_diagnostics:
            diagnostics.schedule(ls, uri, force=True)

    @server.feature(t.TEXT_DOCUMENT_DID_SAVE, t.SaveOptions(include_text=False))
    def did_save(ls, params: t.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        if ls.session.kind_of(uri) == "spec":
            from lsp.features import plan_edits

            task = asyncio.ensure_future(plan_edits.regenerate_on_save(ls, uri))
            ls.session.background.add(task)
            task.add_done_callback(ls.session.background.discard)
        diagnostics.schedule_related(ls, uri)

    @server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls, params: t.DidChangeWatchedFilesParams):
        session = ls.session
        for change in params.changes:
            path = uri_to_path(change.uri)
            if path.endswith(("pyproject.toml", ".specls.toml")):
                session.file_settings_changed()
                diagnostics.refresh_all(ls)
                continue
            if session.open_document(change.uri) is not None:
                continue
            if change.type == t.FileChangeType.Deleted:
                session.remove_file(change.uri)
                if not session.flags.pull_diagnostics:
                    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=change.uri, diagnostics=[]))
            elif session.kind_of(change.uri) == "spec":
                session.forget(change.uri)
                diagnostics.schedule(ls, change.uri, force=True)
            diagnostics.schedule_related(ls, change.uri)
        if session.flags.pull_diagnostics and session.flags.diagnostic_refresh:
            ls.workspace_diagnostic_refresh(None)

    @server.feature(t.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls, params: t.DidChangeConfigurationParams):
        settings = params.settings
        if ls.session.flags.configuration:
            await lifecycle.fetch_configuration(ls)
        elif isinstance(settings, dict):
            ls.session.set_editor_configuration(settings)
        diagnostics.refresh_all(ls)
