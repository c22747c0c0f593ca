"""Marked regions of plan.md: parsing, the in-place update contract (person text kept byte for byte, edited regions
kept and reported, foreign plan.md files never rewritten, line endings and BOM kept, idempotence) and plan status."""

from __future__ import annotations

import dataclasses
import re

from analysis.plan.design import spec_hash
from analysis.plan.model import Model, ModelField
from analysis.plan.regions import (
    line_edits,
    parse_plan,
    parse_regions,
    plan_status,
    region_sha256,
    update_plan,
)
from analysis.plan.render import render_regions
from tests.golden.plans import empty_plan, library_plan


def fresh(plan=None) -> str:
    return update_plan(None, plan or library_plan()).text


def region_text(text: str, region_id: str) -> str:
    region = next(r for r in parse_regions(text) if r.id == region_id)
    lines = text.splitlines(keepends=True)
    return "".join(lines[region.begin_line + 1:region.end_line])


def edit_region(text: str, region_id: str, old: str, new: str) -> str:
    body = region_text(text, region_id)
    assert old in body
    return text.replace(body, body.replace(old, new, 1), 1)


def changed_plan():
    """The library plan after a spec change: a route's purpose differs and the spec hash moved on."""
    plan = library_plan("2" * 64)
    plan.routes[0].purpose = "add a book to the catalogue by its ISBN"
    return plan


# ------------------------------------------------------------------------------------------ creating

def test_new_plan_starts_with_header_and_has_one_region_per_part():
    update = update_plan(None, library_plan())
    assert update.created and update.changed and not update.foreign
    parsed = parse_plan(update.text)
    assert parsed.header is not None and parsed.header.line == 0
    assert parsed.header.spec == "spec.md" and parsed.header.spec_sha256 == "0" * 64
    assert parsed.header.generator.startswith("specls ")
    assert [r.id for r in parsed.regions] == [r.id for r in render_regions(library_plan())]
    assert not parsed.problems and not any(r.edited for r in parsed.regions)


def test_regions_are_fine_grained_one_per_route_group_service_and_model():
    ids = [r.id for r in parse_regions(fresh())]
    assert {"routes:books", "routes:loans", "services:book-service", "services:loan-service",
            "models:book", "models:copy", "models:loan", "models:user"} <= set(ids)
    for section in ("title", "routes", "services", "models", "errors", "traceability", "not-covered", "questions",
                    "checklist"):
        assert section in ids


def test_region_hash_is_of_the_text_between_the_markers():
    text = fresh()
    for region in parse_regions(text):
        assert region.recorded_sha256 == region_sha256(region_text(text, region.id))


def test_region_ranges_point_at_the_marker_lines():
    text = fresh()
    lines = text.split("\n")
    for region in parse_regions(text):
        assert lines[region.begin_line].startswith(f"<!-- specls:begin {region.id} ")
        assert lines[region.end_line] == f"<!-- specls:end {region.id} -->"
        assert region.range.end.character == len(lines[region.end_line])
        assert region.body_lines == (region.begin_line + 1, region.end_line)


# ------------------------------------------------------------------------------------------ updating

def test_unchanged_spec_gives_identical_bytes():
    text = fresh()
    update = update_plan(text, library_plan())
    assert update.text == text and not update.changed and not update.kept_edited


def test_spec_change_regenerates_only_the_affected_region_and_header():
    text = fresh()
    update = update_plan(text, changed_plan())
    assert update.changed and update.updated == ["routes", "routes:books"]
    assert "add a book to the catalogue by its ISBN" in update.text
    assert parse_plan(update.text).header.spec_sha256 == "2" * 64


def test_text_outside_regions_is_kept_byte_for_byte():
    text = fresh()
    mine_top = "\nMy notes — ünïcödé, trailing spaces   \n\n"
    mine_middle = "> Decision (2026-06-01): loans are capped at 5.\n\n"
    text = text.replace("<!-- specls:begin routes ", mine_top + "<!-- specls:begin routes ", 1)
    text = text.replace("<!-- specls:begin services ", mine_middle + "<!-- specls:begin services ", 1)
    text += "\n## My appendix\n\nno newline at the end"
    update = update_plan(text, changed_plan())
    assert mine_top in update.text and mine_middle in update.text
    assert update.text.endswith("\n## My appendix\n\nno newline at the end")
    assert update_plan(update.text, changed_plan()).text == update.text


def test_edited_region_is_kept_and_reported():
    text = edit_region(fresh(), "routes:books", "search the catalogue.", "search the catalogue (by title only).")
    update = update_plan(text, changed_plan())
    assert update.kept_edited == ["routes:books"]
    assert "search the catalogue (by title only)." in update.text
    assert "add a book to the catalogue by its ISBN" not in region_text(update.text, "routes:books")
    # The index table in `routes` was not edited, so it is regenerated.
    assert "add a book to the catalogue by its ISBN" in region_text(update.text, "routes")
    assert plan_status("x", update.text).edited_regions == ["routes:books"]


def test_edited_region_is_regenerated_when_its_id_is_in_overwrite():
    text = edit_region(fresh(), "routes:books", "search the catalogue.", "search the catalogue (mine).")
    update = update_plan(text, changed_plan(), overwrite={"routes:books"})
    assert update.kept_edited == [] and update.overwritten == ["routes:books"]
    assert "(mine)" not in update.text
    assert not any(r.edited for r in parse_regions(update.text))


def test_region_that_disappears_is_removed_when_unedited_without_leaving_a_gap():
    plan = library_plan()
    plan.models = [m for m in plan.models if m.name != "User"]
    update = update_plan(fresh(), plan)
    assert update.removed == ["models:user"]
    assert "models:user" not in {r.id for r in parse_regions(update.text)}
    assert "\n\n\n" not in update.text
    assert update.text == fresh(plan)


def test_region_that_disappears_is_kept_when_edited():
    text = edit_region(fresh(), "models:user", "| `name` | `str` |", "| `name` | `str(80)` |")
    plan = library_plan()
    plan.models = [m for m in plan.models if m.name != "User"]
    update = update_plan(text, plan)
    assert update.kept_edited == ["models:user"] and update.removed == []
    assert "`str(80)`" in update.text


def test_new_region_goes_after_its_predecessor():
    text = fresh()
    plan = library_plan()
    plan.models.insert(3, Model("Fine", fields=[ModelField("id", "int", primary_key=True),
                                                ModelField("amount", "Decimal")]))
    update = update_plan(text, plan)
    assert update.added == ["models:fine"]
    ids = [r.id for r in parse_regions(update.text)]
    assert ids.index("models:fine") == ids.index("models:loan") + 1
    assert update.text == fresh(plan)


def test_new_region_after_a_kept_edited_predecessor_and_person_text():
    text = edit_region(fresh(), "models:loan", "find the active loan", "find THE active loan")
    text = text.replace("<!-- specls:begin models:user", "Person paragraph.\n\n<!-- specls:begin models:user")
    plan = library_plan()
    plan.models.insert(3, Model("Fine", fields=[ModelField("id", "int", primary_key=True)]))
    update = update_plan(text, plan)
    assert "find THE active loan" in update.text and "Person paragraph.\n\n" in update.text
    ids = [r.id for r in parse_regions(update.text)]
    assert ids.index("models:fine") == ids.index("models:loan") + 1


def test_header_line_is_regenerated_but_person_text_before_it_is_kept():
    text = "---\nowner: me\n---\n" + fresh()
    update = update_plan(text, changed_plan())
    assert update.text.startswith("---\nowner: me\n---\n<!-- specls:plan ")
    assert not update.foreign


# ------------------------------------------------------------------------------------------ foreign plan.md

SPEC_KIT_PLAN = """# Implementation Plan: Lending Library

**Branch**: `001-library` | **Date**: 2026-06-01 | **Spec**: [spec.md](spec.md)

## Summary

Lend books.

## Technical Context

**Language/Version**: Python 3.12

## Constitution Check

- [x] Simplicity
"""


def test_foreign_plan_is_never_rewritten_the_architecture_is_appended():
    update = update_plan(SPEC_KIT_PLAN, library_plan())
    assert update.foreign and not update.created and update.changed
    assert update.text.startswith(SPEC_KIT_PLAN)
    appended = update.text[len(SPEC_KIT_PLAN):]
    assert appended.startswith("\n<!-- specls:plan ")
    regions = parse_regions(update.text)
    assert regions[0].id == "architecture"
    # One level deeper than a standalone plan, so it nests under the existing document title.
    assert "\n## Backend Architecture (generated by specls)\n" in update.text
    assert "\n### 1. API Routes\n" in update.text and "\n## 1. API Routes\n" not in update.text


def test_foreign_plan_updates_only_its_generated_part_and_is_idempotent():
    first = update_plan(SPEC_KIT_PLAN, library_plan()).text
    again = update_plan(first, library_plan())
    assert again.text == first and not again.changed and again.foreign
    edited_summary = first.replace("Lend books.", "Lend books and magazines.")
    after = update_plan(edited_summary, changed_plan())
    assert after.text.startswith(SPEC_KIT_PLAN.replace("Lend books.", "Lend books and magazines."))
    assert after.updated == ["routes", "routes:books"]


def test_foreign_plan_without_final_newline():
    text = SPEC_KIT_PLAN.rstrip("\n")
    update = update_plan(text, library_plan())
    assert update.text.startswith(text + "\n\n<!-- specls:plan ")


# ------------------------------------------------------------------------------------------ encodings

def test_crlf_file_stays_crlf_and_unchanged_spec_is_a_no_op():
    text = fresh().replace("\n", "\r\n")
    assert update_plan(text, library_plan()).text == text
    update = update_plan(text, changed_plan())
    assert update.changed and "add a book to the catalogue by its ISBN" in update.text
    assert "\n" not in update.text.replace("\r\n", "")
    assert not any(r.edited for r in parse_regions(update.text))


def test_crlf_file_gets_crlf_for_inserted_regions():
    plan = library_plan()
    plan.models.append(Model("Fine", fields=[ModelField("id", "int", primary_key=True)]))
    update = update_plan(fresh().replace("\n", "\r\n"), plan)
    assert update.added == ["models:fine"] and "\n" not in update.text.replace("\r\n", "")


def test_byte_order_mark_is_kept():
    text = "\ufeff" + fresh()
    assert update_plan(text, library_plan()).text == text
    update = update_plan(text, changed_plan())
    assert update.text.startswith("\ufeff<!-- specls:plan ") and update.text.count("\ufeff") == 1


def test_empty_existing_file_gets_a_fresh_plan():
    update = update_plan("", library_plan())
    assert update.text == fresh() and not update.created and update.changed


# ------------------------------------------------------------------------------------------ malformed markers

def test_begin_marker_without_end_is_treated_as_person_text():
    text = fresh()
    text = text.replace("<!-- specls:end routes:loans -->\n", "", 1)
    parsed = parse_plan(text)
    assert any("routes:loans" in p and "no end marker" in p for p in parsed.problems)
    update = update_plan(text, library_plan())
    assert update.problems
    # The orphaned text is kept; the region is generated again after its predecessor.
    assert "#### `POST /api/copies/{copy_id}/loans`" in update.text
    assert [r.id for r in parse_regions(update.text)].count("routes:loans") == 1


def test_end_marker_without_begin_and_duplicate_ids_never_raise_or_lose_text():
    text = fresh() + "\n<!-- specls:end nothing -->\nmine\n" + "<!-- specls:begin errors sha256=" + "0" * 64 + \
        " -->\ncopy\n<!-- specls:end errors -->\n"
    parsed = parse_plan(text)
    assert any("without a matching begin" in p for p in parsed.problems)
    assert any("appears twice" in p for p in parsed.problems)
    update = update_plan(text, changed_plan())
    assert "\nmine\n" in update.text and "\ncopy\n" in update.text


def test_marker_like_text_in_the_plan_model_cannot_close_a_region():
    plan = library_plan()
    plan.routes[0].purpose = "evil\n<!-- specls:end routes:books -->\n<!-- specls:begin x sha256=" + "0" * 64 + " -->"
    text = fresh(plan)
    assert [r.id for r in parse_regions(text)] == [r.id for r in render_regions(plan)]
    assert not parse_plan(text).problems


# ------------------------------------------------------------------------------------------ status

SPEC = "# Feature Specification: Library\n\n- **FR-001**: Librarians MUST be able to add books.\n"


def test_status_missing_current_stale():
    plan = library_plan(spec_hash(SPEC))
    text = fresh(plan)
    assert plan_status(SPEC, None).state == "missing"
    status = plan_status(SPEC, text)
    assert status.state == "current" and status.recorded_spec_sha256 == spec_hash(SPEC)
    assert [r.id for r in status.regions] == [r.id for r in parse_regions(text)]
    assert plan_status(SPEC + "- **FR-002**: more\n", text).state == "stale"


def test_status_ignores_line_ending_changes_of_the_spec():
    text = fresh(library_plan(spec_hash(SPEC)))
    assert plan_status(SPEC.replace("\n", "\r\n"), text).state == "current"


def test_status_of_a_foreign_plan_without_generated_part_is_stale():
    status = plan_status(SPEC, SPEC_KIT_PLAN)
    assert status.state == "stale" and status.foreign and status.recorded_spec_sha256 is None
    assert status.problems


def test_status_of_empty_plan_model():
    text = fresh(empty_plan(spec_hash(SPEC)))
    assert plan_status(SPEC, text).state == "current"
    assert "no entities were found in the spec" in text


def test_plan_dataclass_replace_keeps_update_deterministic():
    # Regenerating from an equal (not identical) Plan object gives the same bytes.
    plan = library_plan()
    assert fresh(dataclasses.replace(plan)) == fresh(plan)


def test_a_markdown_formatter_run_is_not_an_edit():
    text = fresh()
    body = region_text(text, "errors")
    # What a formatter such as prettier does: pad and align tables, widen rules, blank lines, indentation.
    formatted = body.replace("|---|---|---|---|---|", "| --- | --- | :-: | ---- | --- |").replace("| `", "|   `")
    formatted = formatted.replace("\n\n", "\n\n\n") + "   \n"
    assert formatted != body
    text = text.replace(body, formatted, 1)
    assert not next(r for r in parse_regions(text) if r.id == "errors").edited
    update = update_plan(text, library_plan())
    assert update.kept_edited == [] and region_text(update.text, "errors") == body


def test_an_edit_that_matches_the_new_generation_is_accepted():
    text = edit_region(fresh(), "routes:books", "add a book to the catalogue.", "add a book to the catalogue by its ISBN.")
    update = update_plan(text, changed_plan())
    assert update.kept_edited == []
    assert not any(r.edited for r in parse_regions(update.text))


# ------------------------------------------------------------------------------------------ minimal edits

def apply_edits(text: str, edits) -> str:
    """Apply non-overlapping edits given in document order, as an editor would."""
    offsets = [0]
    for line in re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text):
        offsets.append(offsets[-1] + len(line))

    def offset(position):
        return offsets[position.line] + position.character if position.line < len(offsets) else len(text)

    for edit in reversed(edits):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def test_line_edits_touch_only_the_changed_lines():
    old = fresh()
    new = update_plan(old, changed_plan()).text
    edits = line_edits(old, new)
    assert apply_edits(old, edits) == new
    changed_lines = sum(edit.range.end.line - edit.range.start.line for edit in edits)
    assert 0 < changed_lines <= 8  # the header, two region markers and two purpose lines, not the whole file
    assert line_edits(new, new) == []


def test_line_edits_from_nothing_and_without_final_newline():
    assert apply_edits("", line_edits("", "a\nb\n")) == "a\nb\n"
    assert apply_edits("a\nb", line_edits("a\nb", "a\nc\n")) == "a\nc\n"
    assert apply_edits("x\r\ny\r\n", line_edits("x\r\ny\r\n", "x\r\nz\r\n")) == "x\r\nz\r\n"


def test_a_team_plan_whose_generated_title_was_unwrapped_stays_foreign():
    appended = update_plan(SPEC_KIT_PLAN, library_plan()).text
    architecture = next(r for r in parse_regions(appended) if r.id == "architecture")
    lines = appended.split("\n")
    del lines[architecture.end_line]
    del lines[architecture.begin_line]
    unwrapped = "\n".join(lines)
    update = update_plan(unwrapped, library_plan())
    assert update.foreign and "\n# Backend Plan" not in update.text
    assert update.text.startswith(SPEC_KIT_PLAN)


def test_front_matter_above_the_header_does_not_make_a_plan_foreign():
    text = "---\ntitle: plan\n---\n" + fresh()
    text = text.replace(region_text(text, "title"), "")  # even with its title region gone
    text = text.replace("<!-- specls:begin title sha256=", "<!-- gone ").replace("<!-- specls:end title -->", "")
    assert not parse_plan(text).foreign
