"""Real-editor test: batch Emacs with eglot loads the shipped `client-config/emacs/specls.el`, receives specls
diagnostics (pushed; eglot 1.9 has no pull support) and applies the generate-plan code action through
`specls-plan`; the plan.md it saves is checked."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.editors.conftest import CLIENT_CONFIG, require_program, server_command

HERE = Path(__file__).resolve().parent


def test_emacs_eglot_diagnostics_and_plan(spec_workspace: Path, tmp_path: Path) -> None:
    emacs = require_program("emacs")
    probe = subprocess.run([emacs, "--batch", "-q", "--eval", "(progn (require 'package) (package-initialize) (princ (if (require 'eglot nil t) \"ok\" \"no\")))"],
                           capture_output=True, text=True, timeout=60)
    if "ok" not in probe.stdout:
        import pytest
        pytest.skip("eglot is not available to batch Emacs (CI installs elpa-eglot)")
    out = tmp_path / "result.json"
    env = dict(os.environ, SPECLS_TEST_OUT=str(out), SPECLS_EMACS_CONFIG=str(CLIENT_CONFIG / "emacs"),
               SPECLS_CMD=json.dumps(server_command()), SPECLS_SPEC=str(spec_workspace), HOME=str(tmp_path))
    completed = subprocess.run([emacs, "--batch", "-q", "-l", str(HERE / "emacs_plan_test.el")], env=env,
                               capture_output=True, text=True, timeout=150)
    assert out.exists(), f"emacs wrote no result: {completed.stdout}\n{completed.stderr[-3000:]}"
    result = json.loads(out.read_text())
    assert result["errors"] == [], result
    assert result["diagnostics"] > 0, result
    assert result["plan_applied"] is True, result
    plan = spec_workspace.parent / "plan.md"
    assert plan.exists(), "specls-plan did not produce plan.md"
    text = plan.read_text(encoding="utf-8")
    assert "specls:begin" in text and "Loan" in text
