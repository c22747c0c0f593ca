"""Document symbols (sections, stories, requirements, entities, nested as in the file) and workspace symbols."""

from __future__ import annotations

from lsprotocol import types as t

from lsp.convert import outline_to_information, outline_to_symbols, path_to_uri, symbol_kind


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls, params: t.DocumentSymbolParams):
        from analysis import navigation

        session = ls.session
        analysis = session.analyse(params.text_document.uri)
        if analysis.document is None:
            return []
        outline = navigation.document_symbols(analysis.document)
        if session.flags.hierarchical_symbols:
            return outline_to_symbols(outline, analysis.lines, session.encoder)
        return outline_to_information(outline, analysis.lines, params.text_document.uri, session.encoder)

    @server.feature(t.WORKSPACE_SYMBOL)
    def workspace_symbol(ls, params: t.WorkspaceSymbolParams):

        session = ls.session
        query = params.query.casefold()
        found: list[t.WorkspaceSymbol] = []
        for document in session.specs():
            uri = path_to_uri(document.path)
            items = [(e.name, "entity", e.range) for e in document.entities]
            items += [(r.id or r.name, "requirement", r.range) for r in document.requirements]
            items += [(f"Story {s.key}: {s.title}", "story", s.range) for s in document.stories]
            for name, kind, rng in items:
                if query and query not in name.casefold():
                    continue
                found.append(t.WorkspaceSymbol(name=name, kind=symbol_kind(kind), container_name=document.title or None,
                                               location=t.Location(uri=uri, range=session.encoder.range_to_client(document.lines, rng))))
                if len(found) >= 500:
                    return found
        return found
