"""Rendering a Plan as plan.md markdown: sections and their order, route groups, traceability, escaping, the
Mermaid erDiagram, design-only output, determinism and speed."""

from __future__ import annotations

import re
import time
from pathlib import Path

from markdown_it import MarkdownIt

from analysis.plan.model import Model, ModelField, Relationship, Route
from analysis.plan.render import (
    er_diagram,
    render_plan,
    render_regions,
    route_groups,
    slug,
)
from tests.golden.plans import empty_plan, library_plan

MARKDOWN = MarkdownIt("commonmark").enable("table")


def region(plan, region_id: str, embedded: bool = False) -> str:
    return next(r.text for r in render_regions(plan, embedded=embedded) if r.id == region_id)


def test_sections_appear_in_the_briefs_order():
    text = render_plan(library_plan())
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == ["1. API Routes", "2. Service Layer", "3. Data Models", "4. Error Handling", "5. Traceability",
                        "6. Not covered", "7. Assumptions and open questions", "8. Quality checklist"]
    assert text.count("\n# Backend Plan: Lending Library\n") == 1


def test_routes_are_grouped_per_resource_with_full_contract():
    text = region(library_plan(), "routes:loans")
    assert text.startswith("### Loans\n")
    assert "#### `POST /api/copies/{copy_id}/loans`" in text
    for line in ("- **Purpose**: lend a copy to a member.", "- **Authentication**: required: role `librarian`",
                 "- **Path parameters**: `copy_id`", "  - `member_id`: `int`, required",
                 "  - `due_on`: `date`, optional; defaults to 21 days", "- **Response**: 201 Created, `Loan`",
                 "  - 409 Conflict, `CopyOnLoanError`: the copy is already lent",
                 "- **Service**: `LoanService.lend`", "- **Spec**: FR-003, US1/AC1"):
        assert line in text.split("\n"), line
    assert [name for name, _ in route_groups(library_plan().routes)] == ["Books", "Loans"]


def test_route_index_table_lists_every_route():
    text = region(library_plan(), "routes")
    assert text.count("\n| POST |") == 3 and text.count("\n| GET |") == 2
    assert "**Authentication**: bearer session for members and librarians; catalogue reads are public." in text


def test_services_list_steps_transactions_and_sources():
    text = region(library_plan(), "services:loan-service")
    assert "#### `lend(librarian: User, copy_id: int, data: LoanCreate) -> Loan`" in text
    assert "2. checks no active loan holds the copy" in text
    assert "- **Transaction**: the availability check and the insert must not interleave" in text
    assert "- **Raises**: `CopyNotFoundError`, `CopyOnLoanError`" in text
    assert "Depends on: `BookService`. Integrations: `Mailer`." in text
    assert "`Mailer`: sends loan receipts. Failure answers 502 Bad Gateway. (FR-005)" in region(library_plan(), "services")


def test_models_show_keys_constraints_relationships_indexes_and_states():
    text = region(library_plan(), "models:loan")
    assert "| `copy_id` | `int` | foreign key → `Copy.id`, indexed |  |" in text
    assert "| `due_on` | `date` | after the loan date | FR-003 |" in text
    assert "| `status` | `LoanStatus` | default `active` |  |" in text
    assert "belongs to `Copy` via `copy_id` (required)" in text
    assert "- **Indexes**: (`copy_id`, `status`): find the active loan of a copy" in text
    assert "active → returned (`return`)" in text
    assert "optional" in region(library_plan(), "models:book")  # published_on


def test_mermaid_er_diagram_has_entities_keys_and_deduplicated_relationships():
    plan = library_plan()
    lines = er_diagram(plan)
    assert lines[0] == "erDiagram"
    assert "    int book_id FK" in lines and "    str isbn UK" in lines and "    int id PK" in lines
    # Book has-many Copy and Copy belongs-to Book describe one relationship: drawn once.
    assert sum(1 for line in lines if "Book" in line and "Copy" in line and "--" in line) == 1
    assert '  User ||--o{ Loan : "member_id"' in lines
    assert "```mermaid\nerDiagram\n" in region(plan, "models")


def test_mermaid_names_and_types_are_single_words():
    plan = empty_plan()
    plan.models = [Model("Ticket Type", fields=[ModelField("price", "Decimal | None"), ModelField("tags", "list[str]")],
                         relationships=[Relationship("many-to-many", "Tag Group", field="")])]
    lines = er_diagram(plan)
    assert "  Ticket_Type {" in lines and "    Decimal price" in lines and "    list_str tags" in lines
    assert '  Ticket_Type }o--o{ Tag_Group : "many-to-many"' in lines


def test_traceability_table_escapes_pipes_and_not_covered_is_listed():
    plan = library_plan()
    trace = region(plan, "traceability")
    assert "| FR-004 | Anyone MUST be able to search the catalogue \\| by title | GET /api/books |" in trace
    assert "- **SC-001**: a user-facing timing, not backend structure." in region(plan, "not-covered")
    rendered = MARKDOWN.render(trace)
    assert rendered.count("<tr>") == 4  # header + 3 rows: the escaped pipe did not add a column or a row


def test_assumptions_questions_and_evaluated_checklist():
    plan = library_plan()
    questions = region(plan, "questions")
    assert "- **A1** (assumed): members and librarians are roles of one User account." in questions
    assert "- **Q1** (open): how long is a loan when no due date is given?" in questions
    checklist = region(plan, "checklist")
    assert "- [x] All spec requirements are addressed: 3/3 functional requirements traced" in checklist
    assert "- [ ] Authentication/authorization is specified: who may register members is not said (Q1)" in checklist


def test_error_catalogue_sorted_by_status_with_one_response_format():
    text = region(library_plan(), "errors")
    rows = [line for line in text.split("\n") if line.startswith("| `")]
    assert [row.split("|")[2].strip() for row in rows] == ["400 Bad Request"] + ["404 Not Found"] * 3 + ["409 Conflict"] * 3
    assert text.count("**Response format**") == 1


def test_empty_plan_says_what_is_missing_instead_of_leaving_sections_blank():
    text = render_plan(empty_plan())
    assert "No routes: the spec describes no operation" in text
    assert "No data models" in text and "```mermaid" not in text
    assert "- no entities were found in the spec" in text


def test_embedded_rendering_is_one_heading_level_deeper():
    plan = library_plan()
    assert region(plan, "architecture", embedded=True).startswith("## Backend Architecture (generated by specls)\n")
    assert region(plan, "routes:books", embedded=True).startswith("#### Books\n")


def test_design_only_no_code_blocks_except_the_diagram():
    text = render_plan(library_plan())
    fences = re.findall(r"^```(\S*)", text, re.MULTILINE)
    assert fences == ["mermaid", ""]  # the opening and the closing fence of the one diagram
    assert not re.search(r"^\s*(def|class|import|from \S+ import|SELECT|CREATE TABLE)\b", text, re.MULTILINE)


def test_spec_text_cannot_break_out_of_a_line_or_hide_text():
    plan = library_plan()
    plan.routes[0].purpose = "line one\n# Heading\n<!-- hidden -->"
    plan.routes[0].path = "/api/`books`"
    text = region(plan, "routes:books")
    assert "\n# Heading" not in text and "<!-- hidden" not in text and "&lt;!-- hidden --&gt;" in text
    assert "`` POST /api/`books` ``" in text


def test_region_ids_are_unique_and_stable_slugs():
    plan = library_plan()
    plan.models.append(Model("Book", fields=[ModelField("id", "int", primary_key=True)]))
    ids = [r.id for r in render_regions(plan)]
    assert len(ids) == len(set(ids)) and "models:book-2" in ids
    assert slug("TicketType") == slug("Ticket Type") == "ticket-type" and slug("") == "item"


def test_every_region_ends_with_one_newline_and_no_trailing_whitespace():
    for item in render_regions(library_plan()) + render_regions(empty_plan(), embedded=True):
        assert item.text.endswith("\n") and not item.text.endswith("\n\n")
        assert all(line == line.rstrip() for line in item.text.split("\n"))
        assert "\n\n\n" not in item.text


def test_rendering_is_deterministic():
    assert render_plan(library_plan()) == render_plan(library_plan())


def test_markers_are_invisible_when_rendered():
    html = MARKDOWN.render(render_plan(library_plan()))
    visible = re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)
    assert "specls:begin" not in visible.replace("<code>specls:begin</code>", "")
    assert "sha256=" not in visible


def _big_plan(count: int):
    plan = library_plan()
    for index in range(count):
        plan.models.append(Model(f"Thing{index}", fields=[ModelField("id", "int", primary_key=True),
                                                          ModelField(f"thing{index - 1}_id", "int", foreign_key="x.id")],
                                 relationships=[Relationship("belongs-to", f"Thing{index - 1}", f"thing{index - 1}_id")]))
        plan.routes.append(Route("GET", f"/api/things{index}/{{thing_id}}", "read one", "public", f"Thing{index}",
                                 response=f"Thing{index}"))
    return plan


def test_rendering_is_fast_relative_to_parsing_the_spec():
    """The whole plan (regions, markers, hashes) renders in at most 3x the markdown-it parse time of its spec."""
    spec = Path(__file__).resolve().parents[1] / "examples/specs/specs/001-team-task-board/spec.md"
    text = spec.read_text(encoding="utf-8") if spec.is_file() else (
        "# Feature Specification: X\n\n" + "".join(f"- **FR-{n:03}**: Users MUST be able to do thing {n}.\n"
                                                   for n in range(1, 200)))
    parser = MarkdownIt("commonmark").enable("table")
    plan = library_plan()

    def best(function, repeat=15):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
        return min(times)

    parse_time = best(lambda: parser.parse(text))
    render_time = best(lambda: render_plan(plan))
    assert render_time <= 3 * parse_time, (render_time, parse_time)
    big = _big_plan(150)
    assert best(lambda: render_plan(big), 3) < 0.5  # 150 models and routes; ~0.03 s unloaded


def test_several_roles_are_listed_one_by_one():
    plan = library_plan()
    plan.routes[0].auth = "role:librarian,admin"
    assert "- **Authentication**: required: one of the roles `librarian`, `admin`" in region(plan, "routes:books")


def test_title_falls_back_to_the_spec_folder_and_notes_are_not_repeated():
    plan = empty_plan()
    plan.title, plan.spec_path = "Backend Plan", "openspec/specs/notifications/spec.md"
    plan.notes = list(plan.domain.notes)
    text = region(plan, "title")
    assert text.startswith("# Backend Plan: Notifications\n")
    assert text.count("no entities were found in the spec") == 1


def test_language_server_recognises_rendered_models_and_routes():
    """analysis.crossfile flags models and routes of plan.md that the current spec no longer produces; it must find
    them in the rendered layout (model headings `Name (SQLModel table)`, route headings `METHOD /path`)."""
    from analysis.crossfile import plan_findings

    text = render_plan(library_plan())
    assert "\n### Book (SQLModel table)\n" in text
    assert plan_findings(text, "plan.md", None, library_plan(), None) == []
    newer = library_plan()
    newer.models = [m for m in newer.models if m.name != "User"]
    newer.routes = [r for r in newer.routes if r.path != "/api/loans/{loan_id}/return"]
    found = {(f.rule, text.split("\n")[f.range.start.line][f.range.start.character:f.range.end.character])
             for f in plan_findings(text, "plan.md", None, newer, None)}
    assert found == {("plan-model-unknown", "User"), ("plan-route-unknown", "POST /api/loans/{loan_id}/return")}


_ER_ENTITY_OPEN = re.compile(r"^  [A-Za-z_][A-Za-z0-9_]* \{$")
_ER_ATTRIBUTE = re.compile(r"^    [A-Za-z_][A-Za-z0-9_]* [A-Za-z_][A-Za-z0-9_]*(?: (?:PK|FK|UK)(?:, (?:PK|FK|UK))*)?$")
_ER_RELATION = re.compile(r'^  [A-Za-z_][A-Za-z0-9_]* (?:\|\||\|o|\}o|\}\|)--(?:\|\||o\||o\{|\|\{) [A-Za-z_][A-Za-z0-9_]* : "[^"]+"$')


def assert_mermaid_er_syntax(lines: list[str]) -> None:
    """The subset of Mermaid's erDiagram grammar the renderer emits, line by line."""
    assert lines[0] == "erDiagram"
    inside = False
    for line in lines[1:]:
        if inside:
            if line == "  }":
                inside = False
            else:
                assert _ER_ATTRIBUTE.match(line), line
        elif _ER_ENTITY_OPEN.match(line):
            inside = True
        else:
            assert _ER_RELATION.match(line), line
    assert not inside


def test_er_diagrams_follow_mermaid_syntax_even_for_odd_names():
    assert_mermaid_er_syntax(er_diagram(library_plan()))
    plan = empty_plan()
    plan.models = [Model("3D Model", fields=[ModelField("2nd name", "3d-vector | None", primary_key=True, unique=True,
                                                        foreign_key="x")],
                         relationships=[Relationship("belongs-to", "Öwner \"x\"", field='a "b"'),
                                        Relationship("has-one", "Other")])]
    assert_mermaid_er_syntax(er_diagram(plan))


def test_er_diagrams_of_every_golden_plan_follow_mermaid_syntax():
    golden = Path(__file__).resolve().parent / "golden"
    plans = sorted(golden.rglob("plan.md"))
    assert plans
    for path in plans:
        for block in re.findall(r"^```mermaid\n(.*?)^```$", path.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL):
            assert_mermaid_er_syntax(block.rstrip("\n").split("\n"))


def test_field_descriptions_and_checklist_places_are_not_repeated():
    plan = empty_plan()
    plan.models = [Model("Order", description="an attendee's purchase", fields=[
        ModelField("id", "int", primary_key=True, description="primary key"),
        ModelField("payment_reference", "str", description="payment reference"),
        ModelField("total", "Decimal", constraints=[">= 0"], description="sum of the ticket prices")])]
    text = region(plan, "models:order")
    assert "| `id` | `int` | primary key |  |" in text
    assert "| `payment_reference` | `str` |  |  |" in text
    assert "| `total` | `Decimal` | >= 0; sum of the ticket prices |  |" in text
    assert "\nAn attendee's purchase.\n" in text
    from analysis.plan.model import ChecklistItem

    plan.checklist = [ChecklistItem("Services are separated", True, "one per aggregate (Order)", ["Order"]),
                      ChecklistItem("Requirements addressed", False, "FR-007 has no route", ["FR-007", "Edge Cases #1"])]
    checklist = region(plan, "checklist")
    assert "- [x] Services are separated: one per aggregate (Order)\n" in checklist
    assert "- [ ] Requirements addressed: FR-007 has no route (Edge Cases #1)\n" in checklist


def test_generic_kiro_title_falls_back_to_the_feature_folder_and_counts_read_well():
    plan = library_plan()
    plan.title, plan.spec_path = "Requirements Document", ".kiro/specs/stock-alerts/requirements.md"
    plan.routes = plan.routes[:1]
    plan.models = plan.models[:1]
    assert region(plan, "title").startswith("# Backend Plan: Stock alerts\n")
    assert "1 route in 1 group." in region(plan, "routes")
    assert "1 model (1 table)." in region(plan, "models")
