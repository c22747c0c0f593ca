"""Document links between a spec and its plan.md: mentions of the other file (or the title) link to it."""

from __future__ import annotations

import os

from lsprotocol import types as t

from analysis.text import Range
from lsp.convert import uri_to_path


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_DOCUMENT_LINK)
    def document_link(ls, params: t.DocumentLinkParams):
        from analysis import navigation

        session = ls.session
        uri = params.text_document.uri
        analysis = session.analyse(uri)
        if analysis.kind == "spec" and analysis.document is not None:
            target = session.plan_uri_for(uri)
            fallback = analysis.document.title_range
        elif analysis.kind == "plan":
            target = session.spec_uri_for_plan(uri)
            fallback = Range.of(0, 0, 0, len(analysis.lines[0])) if analysis.lines and analysis.lines[0] else None
        else:
            return []
        if target is None:
            return []
        text, _, _ = session.read_text(target)
        if text is None:
            return []
        name = os.path.basename(uri_to_path(target))
        return [t.DocumentLink(range=session.encoder.range_to_client(analysis.lines, rng), target=target, tooltip=f"Open {name}")
                for rng in navigation.links_to(analysis.lines, name, fallback)]
