"""Regenerate the golden plans under tests/golden after an intended change to the plan engine or renderer.

    /work/venv/bin/python -m tests.golden.regenerate      (from the repository root; any Python with specls works)

Then review `git diff tests/golden` like any code change: the goldens are the readable record of what specls writes.
Cases:
  - `library/`, `empty/`: hand-built Plans (tests/golden/plans.py) rendered to plan.md and openapi.json, so the
    renderer is pinned independently of inference and design;
  - `speckit-plan/`: an existing plan.md written by a person (`existing.md`) and the result of updating it
    (`updated.md`), the appended-architecture case;
  - `examples/<path>/`: every spec under examples/specs (all dialects) through the whole engine
    (parse -> infer -> design -> render), as plan.md and openapi.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.model import Plan
from analysis.plan.openapi import build_openapi
from analysis.plan.regions import update_plan
from analysis.workspace import is_kiro_companion_path, is_spec_path
from tests.golden.plans import empty_plan, library_plan

GOLDEN = Path(__file__).resolve().parent
ROOT = GOLDEN.parents[1]
EXAMPLES = ROOT / "examples" / "specs"


def example_specs() -> list[Path]:
    """Spec files of every dialect under examples/specs, in a stable order (not a Kiro tasks.md: no plan is designed
    from a checklist)."""
    if not EXAMPLES.is_dir():
        return []
    return sorted(path for path in EXAMPLES.rglob("*.md")
                  if is_spec_path(path.relative_to(EXAMPLES).as_posix())
                  and not is_kiro_companion_path(path.relative_to(EXAMPLES).as_posix()))


def example_plan(spec: Path) -> Plan:
    # The path relative to examples/specs is what the plan records, so goldens do not depend on the checkout folder.
    relative = spec.relative_to(EXAMPLES).as_posix()
    return build_plan(parse_spec(spec.read_text(encoding="utf-8"), relative))


def openapi_text(plan: Plan) -> str:
    return json.dumps(build_openapi(plan), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def expected_files() -> dict[Path, str]:
    """Every golden file and the text it must hold."""
    files: dict[Path, str] = {}
    for name, plan in (("library", library_plan()), ("empty", empty_plan())):
        files[GOLDEN / name / "plan.md"] = update_plan(None, plan).text
        files[GOLDEN / name / "openapi.json"] = openapi_text(plan)
    existing = (GOLDEN / "speckit-plan" / "existing.md").read_text(encoding="utf-8")
    files[GOLDEN / "speckit-plan" / "updated.md"] = update_plan(existing, library_plan()).text
    for spec in example_specs():
        folder = GOLDEN / "examples" / spec.parent.relative_to(EXAMPLES)
        plan = example_plan(spec)
        files[folder / "plan.md"] = update_plan(None, plan).text
        files[folder / "openapi.json"] = openapi_text(plan)
    return files


def main() -> None:
    for path, text in expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old != text:
            path.write_text(text, encoding="utf-8", newline="")
            print(f"{'updated' if old is not None else 'created'} {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
