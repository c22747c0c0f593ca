"""specls analysis core: editor-agnostic parsing, rules and plan inference for spec files.

Text in, plain data out. This package never imports pygls or lsprotocol (a test enforces it); the language
server in `lsp/` converts its results to protocol types at one seam.
"""

__version__ = "0.1.0"
