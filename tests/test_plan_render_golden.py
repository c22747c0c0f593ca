"""Golden plans: hand-built Plans and every example spec (all dialects) rendered to plan.md and OpenAPI, compared
byte for byte with the reviewed files under tests/golden. After an intended change, regenerate them with
`python -m tests.golden.regenerate` and review the diff."""

from __future__ import annotations

import difflib
import json

import pytest
from openapi_spec_validator import validate

from analysis.plan.regions import parse_plan, plan_status, update_plan
from tests.golden.regenerate import (
    EXAMPLES,
    GOLDEN,
    ROOT,
    example_plan,
    example_specs,
    expected_files,
)

EXPECTED = expected_files()
HINT = "golden differs: if the change is intended, run `python -m tests.golden.regenerate` and review `git diff tests/golden`"


@pytest.mark.parametrize("path", sorted(EXPECTED), ids=lambda p: p.relative_to(GOLDEN).as_posix())
def test_golden_matches_byte_for_byte(path):
    assert path.is_file(), f"missing {path.relative_to(ROOT)}; {HINT}"
    actual, expected = path.read_bytes(), EXPECTED[path].encode("utf-8")
    if actual != expected:
        diff = difflib.unified_diff(actual.decode("utf-8", "replace").splitlines(keepends=True),
                                    expected.decode("utf-8").splitlines(keepends=True), "golden", "now", n=1)
        pytest.fail(f"{HINT}\n{''.join(list(diff)[:60])}", pytrace=False)


def test_no_leftover_goldens_for_removed_examples():
    on_disk = {p for p in (GOLDEN / "examples").rglob("*") if p.is_file()}
    assert on_disk <= set(EXPECTED), f"goldens without an example spec: {sorted(map(str, on_disk - set(EXPECTED)))}"


def test_examples_cover_every_dialect():
    dialects = {example_plan(spec).dialect for spec in example_specs()}
    assert {"spec-kit", "openspec", "openspec-delta", "kiro"} <= dialects, dialects


@pytest.mark.parametrize("spec", example_specs(), ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_example_plan_is_current_idempotent_and_valid_openapi(spec):
    plan = example_plan(spec)
    text = update_plan(None, plan).text
    assert update_plan(text, plan).text == text
    assert plan_status(spec.read_text(encoding="utf-8"), text).state == "current"
    assert not parse_plan(text).problems
    validate(json.loads((GOLDEN / "examples" / spec.parent.relative_to(EXAMPLES) / "openapi.json").read_text()))


def test_speckit_plan_golden_keeps_the_teams_text():
    existing = (GOLDEN / "speckit-plan" / "existing.md").read_text(encoding="utf-8")
    updated = (GOLDEN / "speckit-plan" / "updated.md").read_text(encoding="utf-8")
    assert updated.startswith(existing)
