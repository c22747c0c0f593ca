"""Run the measured subprocesses with compiled bytecode, as an installed package runs.

`pip install` compiles third-party packages to `.pyc` files, and Python writes them for any package on its first
import. A machine that sets `PYTHONDONTWRITEBYTECODE=1` (these sandboxes do) never caches specls's own modules in
an editable checkout, so every `specls` process would recompile about 50 ms of source while pygls and lsprotocol
load from their caches: startup and first-request figures would measure the environment, not the code. This
compiles the repo's packages once into a temporary cache (`PYTHONPYCACHEPREFIX`, so the checkout is not touched)
and points every subprocess at it. Standard library only.
"""

from __future__ import annotations

import compileall
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def use_bytecode_cache() -> str:
    """Compile `analysis/` and `lsp/` into a temporary pycache prefix and make subprocesses use it; returns a line
    saying what was done, for the benchmark's output."""
    prefix = tempfile.mkdtemp(prefix="specls-pycache-")
    previous = sys.pycache_prefix
    sys.pycache_prefix = prefix
    try:
        for package in ("analysis", "lsp"):
            compileall.compile_dir(str(REPO / package), quiet=1)
    finally:
        sys.pycache_prefix = previous
    os.environ["PYTHONPYCACHEPREFIX"] = prefix
    was = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    note = " (this machine sets PYTHONDONTWRITEBYTECODE, which the subprocesses do not inherit)" if was else ""
    return f"bytecode: specls compiled once into {prefix}, as an installed package has it{note}"
