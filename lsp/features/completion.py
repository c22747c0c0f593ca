"""Completion: entity names, requirement IDs (existing and the next free one), missing section headings, and a
Given/When/Then scenario (a snippet with tab stops when the client supports snippets, plain text otherwise).
"""

from __future__ import annotations

from lsprotocol import types as t

from lsp.convert import completion_to_item


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=["-", "#"]))
    def completion(ls, params: t.CompletionParams):
        from analysis import navigation

        session = ls.session
        analysis = session.analyse(params.text_document.uri)
        if analysis.document is None:
            return None
        position = session.encoder.position_from_client(analysis.lines, params.position)
        others = [s for s in session.specs() if s.path != analysis.path]
        candidates = navigation.completions(analysis.document, position, others)
        items = [completion_to_item(c, analysis.lines, session.encoder, session.flags.snippets) for c in candidates]
        return t.CompletionList(is_incomplete=False, items=items)
