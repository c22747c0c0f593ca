"""One module per LSP feature; each exposes `register(server)`. Importing this package imports pygls."""

from __future__ import annotations


def register_all(server) -> None:
    from lsp.features import (code_actions, code_lens, commands, completion, definition, diagnostics, document_links,
                              folding, hover, lifecycle, rename, symbols, sync)

    for module in (lifecycle, sync, diagnostics, code_actions, commands, hover, definition, rename, symbols, completion,
                   code_lens, folding, document_links):
        module.register(server)
