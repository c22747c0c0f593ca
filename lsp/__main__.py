"""`python -m lsp` starts the language server on stdio (same as `specls serve`)."""

import sys

from lsp.cli import main

sys.exit(main(["serve", *sys.argv[1:]]))
