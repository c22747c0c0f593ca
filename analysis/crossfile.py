"""Cross-artifact checks between a spec and its plan.md, and the one bridge from editors to the plan engine.

Findings: `plan-missing` (hint, on a spec with no plan beside it), `plan-stale` (warning, the spec changed since the
plan was generated), and on plan.md: `plan-model-unknown` / `plan-route-unknown` (a model or route the current spec
no longer produces) and `plan-region-edited` (a generated region edited by hand). The plan engine
(`analysis.plan.design`, `infer`, `regions`) is imported lazily; when it is absent or fails, the functions here say so
in `PlanEngine.problem` and return nothing instead of raising. No pygls or lsprotocol.
"""

from __future__ import annotations

import importlib
import re
from pathlib import PurePosixPath
from typing import Any

from analysis.config import Settings
from analysis.model import KIRO_COMPANION_DIALECTS, Dialect, Finding, Severity, SpecDocument
from analysis.text import Range, split_lines

_MODEL_HEADING = re.compile(r"^\s*(?:#{2,6}\s+|)`?([A-Z][A-Za-z0-9]+)`?\s*\((?:SQLModel|table|model|enum)[^)]*\)", re.I)
_ROUTE_LINE = re.compile(r"^\s*(?:#{1,6}\s+)?`?(GET|POST|PUT|PATCH|DELETE)\s+(/[^\s`]*)")


def plan_path_for(spec_path: str, settings: Settings) -> str:
    return str(PurePosixPath(spec_path.replace("\\", "/")).parent / settings.plan.file_name)


_ENTRY_POINTS = {"build_plan": "analysis.plan.design", "infer_domain": "analysis.plan.infer",
                 "update_plan": "analysis.plan.regions", "plan_status": "analysis.plan.regions"}


class PlanEngine:
    """The plan engine's entry points, each imported on first use (checking a spec needs only `plan_status`, so the
    inference and design modules stay unloaded until a plan is built); `problem` says why one is unavailable."""

    def __init__(self) -> None:
        self.problem: str | None = None

    def __getattr__(self, name: str):
        module_name = _ENTRY_POINTS.get(name)
        if module_name is None:
            raise AttributeError(name)
        try:
            function = getattr(importlib.import_module(module_name), name)
        except Exception as exc:  # absent or broken: the editor features that need it degrade
            self.problem = f"the plan engine is not available: {module_name}.{name} ({type(exc).__name__}: {exc})"
            return None
        setattr(self, name, function)
        return function


_ENGINE = PlanEngine()


def plan_engine() -> PlanEngine:
    return _ENGINE


def safe_call(function, *args, **kwargs) -> tuple[Any, str | None]:
    """Call a plan-engine function; (result, None) or (None, why it failed)."""
    if function is None:
        return None, plan_engine().problem or "the plan engine is not available"
    try:
        return function(*args, **kwargs), None
    except Exception as exc:  # a plan-engine bug must not take the editor features down
        return None, f"{getattr(function, '__name__', 'plan engine')} failed: {type(exc).__name__}: {exc}"


def plan_state(spec_text: str, plan_text: str | None) -> tuple[str, Any]:
    """(`missing` | `current` | `stale` | `unknown`, the engine's PlanStatus or None)."""
    if plan_text is None:
        return "missing", None
    status, _ = safe_call(plan_engine().plan_status, spec_text, plan_text)
    if status is None:
        return "unknown", None
    return str(getattr(status, "state", "unknown")), status


def plans_apply(document: SpecDocument) -> bool:
    """Whether a plan.md is designed from this document: specs of every dialect, not a Kiro tasks.md or design.md
    (the checklist and the design beside requirements.md) and not plain markdown."""
    return document.dialect != Dialect.MARKDOWN and document.dialect not in KIRO_COMPANION_DIALECTS


def spec_findings(document: SpecDocument, state: str, plan_path: str) -> list[Finding]:
    """plan-missing / plan-stale on a spec, from `plan_state`. Unreadable and plain-markdown files get none."""
    if document.error is not None or not document.sections or not plans_apply(document):
        return []
    anchor = document.title_range or document.sections[0].title_range
    name = PurePosixPath(plan_path).name
    if state == "missing":
        return [Finding("plan-missing", Severity.HINT, anchor, f"No {name} beside this spec yet: the 'Generate {name}' code action "
                        "designs one (routes, services, models, errors) from it.", document.path, data={"plan": "generate"})]
    if state == "stale":
        return [Finding("plan-stale", Severity.WARNING, anchor, f"The spec changed since {name} was generated: run 'Update {name}' "
                        "(hand-edited regions are kept).", document.path, data={"plan": "update"})]
    return []


def plan_findings(plan_text: str, plan_path: str, spec: SpecDocument | None, plan: Any | None, status: Any | None) -> list[Finding]:
    """On plan.md: models and routes the current spec no longer produces, and generated regions edited by hand."""
    findings: list[Finding] = []
    lines = split_lines(plan_text)
    if plan is not None:
        model_names = {model.name for model in getattr(plan, "models", []) or []}
        model_names |= {enum.name for enum in getattr(plan, "enums", []) or []}
        routes = {(route.method, route.path) for route in getattr(plan, "routes", []) or []}
        for number, line in enumerate(lines):
            model = _MODEL_HEADING.match(line)
            if model and model.group(1) not in model_names and model_names:
                start = line.find(model.group(1))
                findings.append(Finding("plan-model-unknown", Severity.WARNING, Range.of(number, start, number, start + len(model.group(1))),
                                        f"Model `{model.group(1)}` no longer matches the spec: the spec defines no such entity. "
                                        "Update the plan or remove the model.", plan_path))
            route = _ROUTE_LINE.match(line)
            if route and routes and (route.group(1), route.group(2)) not in routes:
                start, end = route.start(1), route.end(2)
                findings.append(Finding("plan-route-unknown", Severity.WARNING, Range.of(number, start, number, end),
                                        f"Route `{route.group(1)} {route.group(2)}` no longer matches the spec: the plan generated "
                                        "from the current spec has no such route.", plan_path))
    for region in getattr(status, "regions", None) or []:
        if not getattr(region, "edited", False):
            continue
        number = min(region.begin_line, max(len(lines) - 1, 0))
        findings.append(Finding("plan-region-edited", Severity.INFO, Range.of(number, 0, number, len(lines[number]) if lines else 0),
                                f"The generated region `{region.id}` was edited by hand: updates keep your text and leave this "
                                "region as it is; use 'Overwrite region' to regenerate it.", plan_path, data={"region": region.id}))
    return findings
