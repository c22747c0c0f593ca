"""The layering invariant: the analysis core never depends on pygls or lsprotocol, and `specls check` does not
load them either (it must start fast and run where only the core is needed)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("pygls", "lsprotocol")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__"):
            names.update(arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return names


def test_scanner_sees_every_import_form():
    source = "import pygls.server\nfrom lsprotocol import types\nimportlib.import_module('pygls')\nfrom . import x\n"
    path = ROOT / "tests" / "data" / "_architecture_probe.py"
    try:
        path.write_text(source, encoding="utf-8")
        assert imported_modules(path) == {"pygls.server", "lsprotocol", "pygls"}
    finally:
        path.unlink()


def test_no_analysis_module_imports_pygls_or_lsprotocol():
    offenders = []
    files = sorted((ROOT / "analysis").rglob("*.py"))
    assert len(files) > 10
    for path in files:
        for name in imported_modules(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


def test_analysis_never_imports_the_server_layer():
    offenders = [f"{path.relative_to(ROOT)} imports {name}" for path in sorted((ROOT / "analysis").rglob("*.py"))
                 for name in imported_modules(path) if name.split(".")[0] == "lsp"]
    assert not offenders, "\n".join(offenders)


def _loaded_after(code: str) -> list[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol'))))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_importing_the_analysis_core_loads_no_protocol_library():
    assert _loaded_after("import analysis, analysis.parse, analysis.rules, analysis.workspace, analysis.report\n"
                         "analysis.rules.load_rules()") == []


def test_specls_check_loads_no_protocol_library():
    assert _loaded_after("import contextlib, io, lsp.check_command\nwith contextlib.redirect_stdout(io.StringIO()):\n"
                         "    lsp.check_command.main(['--fail-on', 'never', 'examples/specs'])") == []
