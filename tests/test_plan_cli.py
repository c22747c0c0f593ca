"""`specls plan`: printing markdown, JSON and OpenAPI; `--write` creating and updating plan.md in place;
`--check` as a CI drift gate; settings; refusing unsafe writes."""

from __future__ import annotations

import json
import os
import textwrap

import pytest
from openapi_spec_validator import validate

from analysis.plan.regions import parse_plan, parse_regions
from lsp.cli import main

SPEC = textwrap.dedent("""\
    # Feature Specification: Recipe Box

    ## User Scenarios & Testing *(mandatory)*

    ### User Story 1 - Save a recipe (Priority: P1)

    A cook saves a recipe with a title and ingredients.

    **Acceptance Scenarios**:

    1. **Given** a signed-in cook, **When** the cook saves a recipe with a title, **Then** the recipe is listed.

    ## Requirements *(mandatory)*

    ### Functional Requirements

    - **FR-001**: Cooks MUST be able to create recipes with a title (1–100 characters) and a list of ingredients.
    - **FR-002**: Cooks MUST be able to list their own recipes.

    ### Key Entities

    - **Recipe**: a dish — title, ingredients, owned by a Cook.
    - **Cook**: a person with an account.
    """)


@pytest.fixture
def spec(tmp_path):
    folder = tmp_path / "specs" / "001-recipes"
    folder.mkdir(parents=True)
    path = folder / "spec.md"
    path.write_text(SPEC, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["plan", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_prints_markdown_plan(spec, capsys):
    code, out, _ = run(capsys, spec)
    assert code == 0
    assert out.startswith("<!-- specls:plan spec=spec.md spec-sha256=")
    assert "# Backend Plan: Recipe Box" in out and "## 1. API Routes" in out
    assert not (spec.parent / "plan.md").exists()


def test_prints_plan_model_as_json(spec, capsys):
    code, out, _ = run(capsys, spec, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert {"models", "routes", "services", "errors"} <= set(data)
    assert data["models"] and all(model["name"] for model in data["models"])
    assert all({"name", "type"} <= set(f) for model in data["models"] for f in model["fields"])
    assert data["routes"] and all({"method", "path"} <= set(route) for route in data["routes"])


def test_prints_valid_openapi(spec, capsys):
    code, out, _ = run(capsys, spec, "--openapi")
    document = json.loads(out)
    validate(document)
    assert code == 0 and document["openapi"] == "3.1.0" and document["paths"]


def test_write_creates_then_is_idempotent(spec, capsys):
    code, _, err = run(capsys, spec, "--write")
    plan_path = spec.parent / "plan.md"
    assert code == 0 and "created" in err
    first = plan_path.read_bytes()
    assert parse_plan(first.decode()).header is not None
    code, _, err = run(capsys, spec, "--write")
    assert code == 0 and "up to date" in err and plan_path.read_bytes() == first


def test_check_is_a_drift_gate(spec, capsys):
    code, _, err = run(capsys, spec, "--check")
    assert code == 1 and "missing" in err
    run(capsys, spec, "--write")
    code, _, err = run(capsys, spec, "--check")
    assert code == 0 and "current" in err
    spec.write_text(SPEC.replace("(1–100 characters)", "(1–120 characters)"), encoding="utf-8")
    code, _, err = run(capsys, spec, "--check")
    assert code == 1 and "stale" in err
    run(capsys, spec, "--write")
    assert run(capsys, spec, "--check")[0] == 0


def test_check_several_specs_reports_the_worst(spec, tmp_path, capsys):
    other = tmp_path / "specs" / "002" / "spec.md"
    other.parent.mkdir(parents=True)
    other.write_text(SPEC, encoding="utf-8")
    run(capsys, spec, "--write")
    code, _, err = run(capsys, spec, other, "--check")
    assert code == 1 and "current" in err and "missing" in err


def test_write_keeps_person_text_and_edited_regions_and_can_overwrite(spec, capsys):
    run(capsys, spec, "--write")
    plan_path = spec.parent / "plan.md"
    text = plan_path.read_text(encoding="utf-8")
    errors_region = next(r for r in parse_regions(text) if r.id == "errors")
    lines = text.split("\n")
    lines.insert(errors_region.begin_line, "My own note.\n")
    lines[errors_region.begin_line + 3] += " (edited by me)"
    plan_path.write_text("\n".join(lines), encoding="utf-8")
    spec.write_text(SPEC + "- **FR-003**: Cooks MUST be able to delete their own recipes.\n", encoding="utf-8")

    code, _, err = run(capsys, spec, "--write")
    updated = plan_path.read_text(encoding="utf-8")
    assert code == 0 and "kept 1 region(s) you edited: errors" in err
    assert "My own note.\n" in updated and "(edited by me)" in updated
    assert run(capsys, spec, "--check")[0] == 0  # edited regions are kept, not stale

    code, _, err = run(capsys, spec, "--write", "--overwrite", "errors")
    assert code == 0 and "(edited by me)" not in plan_path.read_text(encoding="utf-8")
    assert "My own note.\n" in plan_path.read_text(encoding="utf-8")


def test_write_appends_to_a_plan_md_specls_did_not_create(spec, capsys):
    plan_path = spec.parent / "plan.md"
    original = "# Implementation Plan: Recipes\r\n\r\n## Summary\r\n\r\nSave recipes.\r\n"
    plan_path.write_bytes(original.encode())
    code, _, err = run(capsys, spec, "--write")
    data = plan_path.read_bytes()
    assert code == 0 and data.startswith(original.encode())
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF kept for the appended part too
    assert "not written by specls" in err
    assert run(capsys, spec, "--check")[0] == 0


def test_plan_file_name_setting_is_honoured(spec, capsys):
    (spec.parent / ".specls.toml").write_text('[plan]\nfile_name = "architecture.md"\n', encoding="utf-8")
    run(capsys, spec, "--write")
    assert (spec.parent / "architecture.md").is_file() and not (spec.parent / "plan.md").exists()


def test_refuses_to_write_through_a_symlink_out_of_the_spec_folder(spec, tmp_path, capsys):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("keep me", encoding="utf-8")
    (spec.parent / "plan.md").symlink_to(outside)
    code, _, err = run(capsys, spec, "--write")
    assert code == 2 and "outside the spec's folder" in err
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_usage_and_io_errors_exit_2(spec, tmp_path, capsys):
    assert run(capsys, tmp_path / "nope.md")[0] == 2
    assert run(capsys, spec, spec)[0] == 2  # printing takes one spec
    assert run(capsys, spec, "--overwrite", "errors")[0] == 2
    assert run(capsys, spec, "--write", "--format", "json")[0] == 2
    with pytest.raises(SystemExit):  # argparse: --write and --check exclude each other
        run(capsys, spec, "--write", "--check")
    (spec.parent / "plan.md").write_bytes(b"\xff\xfe\x00binary")
    code, _, err = run(capsys, spec, "--write")
    assert code == 2 and "UTF-16" in err and (spec.parent / "plan.md").read_bytes() == b"\xff\xfe\x00binary"


def test_permissions_of_an_existing_plan_are_kept(spec, capsys):
    run(capsys, spec, "--write")
    plan_path = spec.parent / "plan.md"
    os.chmod(plan_path, 0o640)
    spec.write_text(SPEC + "- **FR-003**: Cooks MUST be able to delete their own recipes.\n", encoding="utf-8")
    run(capsys, spec, "--write")
    assert plan_path.stat().st_mode & 0o777 == 0o640


def test_a_plan_does_not_depend_on_the_rule_only_entity_references():
    """`specls plan` parses with `references=False`: the plan engine finds entity mentions itself."""
    from pathlib import Path

    from analysis.parse import parse_spec
    from analysis.plan.design import build_plan
    from analysis.plan.model import to_json
    from analysis.plan.render import render_plan

    examples = Path(__file__).resolve().parent.parent / "examples" / "specs"
    specs = [p for p in sorted(examples.rglob("*.md")) if p.name in ("spec.md", "requirements.md")]
    assert len(specs) >= 5
    with_references = 0
    for spec in specs:
        text = spec.read_text(encoding="utf-8")
        full, lean = parse_spec(text, str(spec)), parse_spec(text, str(spec), references=False)
        with_references += bool(full.references)
        assert not lean.references
        assert render_plan(build_plan(full)) == render_plan(build_plan(lean)), spec
        assert to_json(build_plan(full)) == to_json(build_plan(lean)), spec
    assert with_references >= 3  # the comparison means something: most examples mention their entities
