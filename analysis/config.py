"""The one typed settings model of specls, shared by the CLI and the language server.

Precedence, lowest to highest (later sources override earlier ones, key by key):
  1. the defaults below;
  2. `[tool.specls]` in the nearest `pyproject.toml`, then `.specls.toml` (same keys, top level), found by
     walking up from the spec's folder;
  3. editor settings: `initializationOptions`, then `workspace/configuration` (section `specls`) and
     `workspace/didChangeConfiguration` (language server only).
Keys are snake_case in TOML and camelCase on the wire; both spellings are accepted everywhere.
An invalid value never crashes anything: `load_settings` returns the defaults plus one message naming the bad key.
No pygls or lsprotocol here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

SeverityName = Literal["error", "warning", "info", "hint", "off"]


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True)


class PlanSettings(_Model):
    on_save: Literal["off", "update-if-exists", "always"] = Field(
        "update-if-exists", description="Regenerate plan.md when a spec is saved: never, only when plan.md exists, or always.")
    api_prefix: str = Field("/api", description="Path prefix of every generated route. Left at `/api`, a spec whose "
                                                "own written routes all share another prefix (`/api/v1`) gets that one.")
    update_method: Literal["PUT", "PATCH"] = Field(
        "PUT", description="HTTP method of generated edit/update routes: PUT (send the editable fields) or PATCH "
                           "(partial update). Routes the spec writes out and updates it calls partial keep their own method.")
    file_name: str = Field("plan.md", description="Name of the plan file written beside the spec.")


class Settings(_Model):
    select: list[str] = Field(default_factory=list, description="Rules to run (empty: all rules).")
    ignore: list[str] = Field(default_factory=list, description="Rules never to run.")
    severity: dict[str, SeverityName] = Field(default_factory=dict, description="Per-rule severity override, e.g. {\"vague-requirement\": \"info\"}; \"off\" disables a rule.")
    vague_words: list[str] = Field(default_factory=list, description="Extra unmeasurable words for vague-requirement (added to the built-in list).")
    max_clarifications: int = Field(3, ge=0, description="needs-clarification warns once more when more markers than this remain (spec-kit allows 3).")
    exclude: list[str] = Field(default_factory=list, description="Glob patterns of paths that `specls check` and the workspace scan skip.")
    plan: PlanSettings = Field(default_factory=PlanSettings, description="Plan generation settings.")


DEFAULT_SETTINGS = Settings()

CLIENT_ONLY_KEYS = frozenset({"server", "trace"})
"""Keys of the `specls` section that only the editor extension reads (how to start the server, tracing).
Editors send them along with the server settings; they are dropped, not reported as invalid."""


def merge_dicts(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_dicts(merged[key], value)
        else:
            merged[key] = value
    return merged


def _normalise_keys(data: Any) -> Any:
    """snake_case and kebab-case TOML keys -> the model's field names (camelCase is accepted as aliases)."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            name = str(key).replace("-", "_")
            # Rule names inside `severity` stay as written.
            out[name] = value if name == "severity" else _normalise_keys(value)
        return out
    return data


def load_settings(*layers: dict[str, Any] | None) -> tuple[Settings, list[str]]:
    """Merge layers (lowest precedence first) into Settings; on any invalid value, defaults plus messages."""
    merged: dict[str, Any] = {}
    for layer in layers:
        if isinstance(layer, dict):
            merged = merge_dicts(merged, _normalise_keys(_camel_to_snake(layer)))
    for key in CLIENT_ONLY_KEYS:
        merged.pop(key, None)
    try:
        return Settings.model_validate(merged), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            location = ".".join(str(part) for part in error["loc"]) or "(root)"
            problems.append(f"invalid specls setting `{location}`: {error['msg']}; using the defaults")
        return Settings(), problems[:1] if problems else []


def _camel_to_snake(data: Any) -> Any:
    import re

    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", str(key)).lower() if key != "severity" else key
            out[name] = value if name == "severity" else _camel_to_snake(value)
        return out
    return data


def find_file_settings(start: Path) -> tuple[dict[str, Any], list[str], Path | None]:
    """Read `[tool.specls]` from the nearest pyproject.toml and `.specls.toml`, walking up from `start`.

    Returns (merged raw settings, problems, the folder the settings came from).
    """
    problems: list[str] = []
    folder = start if start.is_dir() else start.parent
    for candidate in [folder, *folder.parents]:
        pyproject = candidate / "pyproject.toml"
        dotfile = candidate / ".specls.toml"
        found = False
        merged: dict[str, Any] = {}
        for path, table in ((pyproject, ("tool", "specls")), (dotfile, ())):
            if not path.is_file():
                continue
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                problems.append(f"{path}: cannot read settings: {exc}")
                continue
            for key in table:
                data = data.get(key, {}) if isinstance(data, dict) else {}
            if table and not data:
                continue
            found = True
            merged = merge_dicts(merged, data if isinstance(data, dict) else {})
        if found:
            return merged, problems, candidate
        if (candidate / ".git").exists():
            break
    return {}, problems, None


def settings_for(path: Path, *overrides: dict[str, Any] | None) -> tuple[Settings, list[str]]:
    raw, problems, _ = find_file_settings(path)
    settings, more = load_settings(raw, *overrides)
    return settings, problems + more
