"""The settings reference and the VS Code settings contribution are generated from the settings model and must
match it (run `python docs/generate_settings.py` after changing `analysis/config.py`)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("generate_settings", ROOT / "docs" / "generate_settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_settings_doc_matches_model() -> None:
    generator = _generator()
    assert (ROOT / "docs" / "settings.md").read_text(encoding="utf-8") == generator.settings_markdown()


def test_vscode_contribution_matches_model() -> None:
    generator = _generator()
    package = json.loads((ROOT / "client-config" / "vscode" / "package.json").read_text(encoding="utf-8"))
    assert package["contributes"]["configuration"] == generator.configuration_contribution()


def test_every_model_setting_is_documented() -> None:
    generator = _generator()
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for key in generator.server_settings():
        assert f"`{key}`" in text


def test_defaults_in_docs_are_the_code_defaults() -> None:
    from analysis.config import Settings

    generator = _generator()
    flat = generator.server_settings()
    assert flat["specls.plan.onSave"]["default"] == Settings().plan.on_save
    assert flat["specls.maxClarifications"]["default"] == Settings().max_clarifications
