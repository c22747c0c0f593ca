"""The editor configs that no CI editor runs (Helix, Zed, Sublime, VS Code manifest) are at least well formed and
start the command the server really has."""

from __future__ import annotations

import json
import re
import tomllib

from tests.editors.conftest import CLIENT_CONFIG


def test_helix_languages_toml_starts_specls_serve() -> None:
    data = tomllib.loads((CLIENT_CONFIG / "helix" / "languages.toml").read_text(encoding="utf-8"))
    server = data["language-server"]["specls"]
    assert [server["command"], *server["args"]] == ["specls", "serve"]
    assert any("specls" in language["language-servers"] for language in data["language"])


def test_zed_extension_manifest() -> None:
    data = tomllib.loads((CLIENT_CONFIG / "zed" / "extension" / "extension.toml").read_text(encoding="utf-8"))
    assert "specls" in data["language_servers"]
    source = (CLIENT_CONFIG / "zed" / "extension" / "src" / "lib.rs").read_text(encoding="utf-8")
    assert '"serve"' in source


def test_sublime_settings_is_json_with_comments() -> None:
    text = (CLIENT_CONFIG / "sublime" / "LSP-specls.sublime-settings").read_text(encoding="utf-8")
    data = json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.M))
    assert data["clients"]["specls"]["command"] == ["specls", "serve"]


def test_vscode_manifest_commands_and_activation() -> None:
    package = json.loads((CLIENT_CONFIG / "vscode" / "package.json").read_text(encoding="utf-8"))
    commands = {command["command"] for command in package["contributes"]["commands"]}
    assert {"specls.generatePlan", "specls.updatePlan"} <= commands
    assert any("kiro" in event for event in package["activationEvents"])
    assert package["main"] == "./src/extension.js"
