"""A real editor: headless Neovim (0.7 in CI, push diagnostics only) starts `specls serve`, receives diagnostics for a
spec, shows a hover with the model preview and lists the plan code action. Skipped only when `nvim` is not installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import make_workspace
from tests.e2e.helpers import position_of

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).parent / "editors" / "nvim_client.lua"


@pytest.mark.skipif(NVIM is None, reason="nvim not found on PATH (CI installs the Debian package `neovim`)")
def test_neovim_gets_diagnostics_hover_and_plan_action(tmp_path: Path):
    spec = make_workspace(tmp_path)
    out = tmp_path / "result.json"
    where = position_of("Ticket Type 🎫", "utf-16")
    env = dict(os.environ, SPECLS_FILE=str(spec), SPECLS_OUT=str(out), SPECLS_HOVER=f"{where.line}:{where.character}",
               SPECLS_CMD=json.dumps([sys.executable, "-m", "lsp"]), SPECLS_TIMEOUT_MS="15000",
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    subprocess.run([NVIM, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}"], env=env,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=90, check=False)
    result = json.loads(out.read_text())
    assert result["errors"] == []
    codes = {d["code"] for d in result["diagnostics"]}
    assert {"needs-clarification", "plan-missing"} <= codes
    assert result["vim_diagnostic_count"] == len(result["diagnostics"])
    assert result["hover"].startswith("### Ticket Type") and "`price`" in result["hover"]
    assert "Generate plan.md" in result["code_actions"]
