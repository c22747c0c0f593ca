"""Rename an entity (keeping each occurrence's spelling: plural, PascalCase, snake_case) or a requirement ID across
specs and plan.md, with prepareRename. Edits target open buffers at their current version.
"""

from __future__ import annotations

from lsprotocol import types as t
from pygls.exceptions import JsonRpcInvalidParams

from lsp.convert import path_to_uri, workspace_edit
from lsp.features.locations import hit_at
from analysis.text import split_lines


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls, params: t.PrepareRenameParams):

        hit, _, _, analysis = hit_at(ls.session, params.text_document.uri, params.position)
        if hit is None:
            return None
        return t.PrepareRenamePlaceholder(range=ls.session.encoder.range_to_client(analysis.lines, hit.range),
                                          placeholder=hit.name)

    @server.feature(t.TEXT_DOCUMENT_RENAME)
    def rename(ls, params: t.RenameParams):
        from analysis import navigation

        session = ls.session
        hit, specs, plans, _ = hit_at(session, params.text_document.uri, params.position)
        if hit is None:
            return None
        problem = navigation.valid_new_name(hit, params.new_name)
        if problem:
            raise JsonRpcInvalidParams(f"cannot rename: {problem}")
        changes: dict[str, list[t.TextEdit]] = {}
        versions: dict[str, int | None] = {}
        for path, edits in navigation.rename_edits(hit, params.new_name.strip(), specs, plans).items():
            uri = path_to_uri(path)
            text, version, _ = session.read_text(uri)
            lines = split_lines(text or "")
            versions[uri] = version
            changes[uri] = [t.TextEdit(range=session.encoder.range_to_client(lines, rng), new_text=new) for rng, new in edits]
        return workspace_edit(changes, document_changes=session.flags.document_changes, create_files=False, versions=versions)
