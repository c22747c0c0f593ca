"""The specls language server: creates the pygls server, owns the `Session`, and registers one module per feature.

Handlers stay thin: read a snapshot from the session, convert positions at the edge (`lsp.convert`), call one
function of `analysis/`, convert back. Errors in a handler are logged with `window/logMessage` and answered as an
error response; the server keeps serving. pygls is imported here and in `lsp/features/` only.
"""

from __future__ import annotations

import logging
import traceback

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer

from analysis import __version__
from lsp.session import Session

log = logging.getLogger(__name__)


class SpeclsServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("specls", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Incremental)
        self.session = Session(workspace_getter=lambda: self.workspace, report_problem=self.show_problem)

    def show_problem(self, message: str) -> None:
        """One clear message for a settings problem (the session de-duplicates them)."""
        log.warning("%s", message)
        try:
            self.window_show_message(t.ShowMessageParams(type=t.MessageType.Warning, message=f"specls: {message}"))
        except Exception:  # before initialize there is no client to tell; the log has it
            pass

    def log_to_client(self, message: str, level: t.MessageType = t.MessageType.Log) -> None:
        try:
            self.window_log_message(t.LogMessageParams(type=level, message=message))
        except Exception:
            log.warning("%s", message)

    def report_server_error(self, error: Exception, source) -> None:
        """Log every handler failure to the client's log instead of a popup; requests still get an error response."""
        detail = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        log.error("specls handler error (%s): %s", getattr(source, "__name__", source), detail)
        self.log_to_client(f"specls internal error: {type(error).__name__}: {error}\n{detail}", t.MessageType.Error)


def create_server() -> SpeclsServer:
    from lsp.features import register_all

    server = SpeclsServer()
    register_all(server)
    return server
