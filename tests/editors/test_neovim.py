"""Real-editor test: headless Neovim 0.7+ runs the shipped `client-config/neovim/lua/specls.lua`, receives specls
diagnostics for a spec, shows a hover with the inferred model, and applies the generate-plan code action; the
plan.md it saves is checked."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.editors.conftest import CLIENT_CONFIG, require_program, server_command

HERE = Path(__file__).resolve().parent


def test_neovim_diagnostics_hover_and_plan(spec_workspace: Path, tmp_path: Path) -> None:
    nvim = require_program("nvim")
    out = tmp_path / "result.json"
    env = dict(os.environ, SPECLS_TEST_OUT=str(out), SPECLS_NVIM_CONFIG=str(CLIENT_CONFIG / "neovim"),
               SPECLS_CMD=json.dumps(server_command()), SPECLS_SPEC=str(spec_workspace),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    completed = subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {HERE / 'nvim_plan_test.lua'}"],
                               env=env, cwd=spec_workspace.parent, capture_output=True, text=True, timeout=150)
    assert out.exists(), f"nvim wrote no result: {completed.stdout}\n{completed.stderr}"
    result = json.loads(out.read_text())
    assert result["errors"] == [], result
    assert result["diagnostics"] > 0, result
    assert "vague-requirement" in result["codes"], result
    assert "status" in result["hover"].lower(), result
    assert result["plan_applied"] is True, result
    plan = spec_workspace.parent / "plan.md"
    assert plan.exists(), "the plan code action did not produce plan.md"
    text = plan.read_text(encoding="utf-8")
    assert "specls:begin" in text and "Loan" in text
