"""specls language server: a thin pygls layer over `analysis/`, plus the `specls` command line.

Importing this package must stay cheap: pygls is imported only by `lsp.server` (for `specls serve`).
"""
