"""Folding ranges: sections, fenced code, HTML comments, tables, multi-line list items."""

from __future__ import annotations

from lsprotocol import types as t

from lsp.convert import fold_to_lsp


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_FOLDING_RANGE)
    def folding_range(ls, params: t.FoldingRangeParams):
        from analysis import navigation

        analysis = ls.session.analyse(params.text_document.uri)
        if analysis.document is None:
            return []
        return [fold_to_lsp(fold) for fold in navigation.folding_ranges(analysis.document)]
