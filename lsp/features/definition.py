"""Go to definition and find references for entities and requirement IDs, across every known spec and plan.md."""

from __future__ import annotations

from lsprotocol import types as t

from lsp.features.locations import hit_at, to_lsp_location


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_DEFINITION)
    def definition(ls, params: t.DefinitionParams):
        from analysis import navigation

        hit, specs, _, _ = hit_at(ls.session, params.text_document.uri, params.position)
        if hit is None:
            return None
        cache: dict = {}
        return [to_lsp_location(ls.session, loc, cache) for loc in navigation.definitions(hit, specs)] or None

    @server.feature(t.TEXT_DOCUMENT_REFERENCES)
    def references(ls, params: t.ReferenceParams):
        from analysis import navigation

        hit, specs, plans, _ = hit_at(ls.session, params.text_document.uri, params.position)
        if hit is None:
            return []
        cache: dict = {}
        found = navigation.references(hit, specs, plans, include_declaration=params.context.include_declaration)
        return [to_lsp_location(ls.session, loc, cache) for loc in found]
