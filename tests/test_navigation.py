"""Navigation over specs and plans (analysis.navigation): symbol at a cursor, definitions, references across spec and
plan, rename spellings, outline, folding, completion, hover text, code-lens facts. Inline fixtures with `$0`."""

from __future__ import annotations

from analysis import navigation
from analysis.parse import parse_spec
from analysis.text import Position
from tests.fixture import annotations

SPEC = """
    # Feature Specification: Library

    ## User Scenarios & Testing

    ### User Story 1 - Borrow a book (Priority: P1)

    A member borrows a Book Copy from the library.

    **Acceptance Scenarios**:

    1. **Given** an available book copy, **When** the member borrows it, **Then** the Book Copy is on loan.

    ## Requirements

    ### Functional Requirements

    - **FR-001**: System MUST let a member borrow Book Copies.
    - **FR-002**: System MUST record each Loan of a Book Copy.

    ### Key Entities

    - **Book Copy**: one physical copy of a title.
    - **Loan**: a book copy lent to a member, with a due date.
    """


def spec_at(fixture: str = SPEC):
    text, _, cursor = annotations(fixture)
    return parse_spec(text, "/ws/specs/001-library/spec.md"), cursor


def hit(fixture: str):
    document, cursor = spec_at(fixture)
    return navigation.symbol_at(document, cursor), document


def test_symbol_at_an_entity_reference_and_an_id():
    found, _ = hit(SPEC.replace("borrows a Book Copy", "borrows a Book C$0opy"))
    assert (found.kind, found.name) == ("entity", "Book Copy")
    found, _ = hit(SPEC.replace("**FR-002**", "**FR-0$002**"))
    assert (found.kind, found.name) == ("id", "FR-002")
    found, _ = hit(SPEC.replace("A member", "A mem$0ber"))
    assert found is None


def test_definition_and_references_reach_the_plan():
    found, document = hit(SPEC.replace("a Book Copy from", "a Book Co$0py from"))
    (definition,) = navigation.definitions(found, [document])
    assert document.lines[definition.range.start.line].startswith("- **Book Copy**")
    plan = {"/ws/specs/001-library/plan.md": ["### BookCopy (SQLModel)", "GET /api/book-copies", "- book_copy: x"]}
    locations = navigation.references(found, [document], plan)
    plan_hits = [loc for loc in locations if loc.path.endswith("plan.md")]
    assert [(loc.range.start.line, loc.range.start.character) for loc in plan_hits] == [(0, 4), (1, 9), (2, 2)]
    spec_hits = [loc for loc in locations if loc.path.endswith("spec.md")]
    assert len(spec_hits) == 7  # the definition and six mentions (any case, plural)


def test_rename_keeps_plural_pascal_and_snake_spellings():
    found, document = hit(SPEC.replace("a Book Copy from", "a Book Co$0py from"))
    plan = {"/ws/plan.md": ["### BookCopy (SQLModel)", "GET /api/book-copies", "- book_copy: x"]}
    edits = navigation.rename_edits(found, "Volume", [document], plan)
    assert [new for _, new in edits["/ws/plan.md"]] == ["Volume", "volumes", "volume"]
    assert sorted({new for _, new in edits[document.path]}) == ["Volume", "Volumes", "volume"]


def test_rename_rejects_bad_names():
    found, _ = hit(SPEC.replace("**FR-002**", "**FR-0$002**"))
    assert navigation.valid_new_name(found, "nonsense") is not None
    assert navigation.valid_new_name(found, "FR-010") is None


def test_outline_nests_requirements_and_entities_in_their_sections():
    document, _ = spec_at()
    (title,) = navigation.document_symbols(document)
    scenarios, requirements = title.children
    assert scenarios.children[0].kind == "story"
    functional, entities = requirements.children
    assert [s.name for s in functional.children] == ["FR-001", "FR-002"]
    assert [(s.name, s.kind) for s in entities.children] == [("Book Copy", "entity"), ("Loan", "entity")]


def test_folding_covers_sections_without_trailing_blank_lines():
    document, _ = spec_at()
    folds = navigation.folding_ranges(document)
    requirements = next(s for s in document.sections if s.title == "Requirements")
    assert navigation.Fold(requirements.line, len(document.lines) - 2, "region") in folds


def test_completion_offers_the_next_id():
    document, cursor = spec_at(SPEC.replace("- **FR-002**", "- FR-$0\n    - **FR-002**"))
    labels = [c.label for c in navigation.completions(document, cursor)]
    assert labels[-1] == "FR-003" and "FR-001" in labels


def test_completion_offers_missing_sections_only():
    document, cursor = spec_at(SPEC + "\n    ## Su$0\n")
    labels = [c.label for c in navigation.completions(document, cursor)]
    assert labels == ["Success Criteria"]


def test_completion_offers_a_scenario_snippet_in_a_story():
    document, cursor = spec_at(SPEC.replace("**Acceptance Scenarios**:\n", "**Acceptance Scenarios**:\n    $0\n"))
    (snippet,) = [c for c in navigation.completions(document, cursor) if c.kind == "snippet"]
    assert snippet.snippet.startswith("1. **Given** ${1:") and "${" not in snippet.insert_text


def test_entity_names_are_completed_from_a_prefix():
    document, cursor = spec_at(SPEC.replace("A member borrows", "A member Lo$0 borrows"))
    assert [c.label for c in navigation.completions(document, cursor) if c.kind == "entity"] == ["Loan"]


def test_id_hover_says_where_the_plan_mentions_it():
    document, _ = spec_at()
    text = navigation.id_hover("FR-002", [document], {"/ws/plan.md": ["x", "- Purpose: record a loan (FR-002)"]})
    assert "record each Loan" in text and "`/ws/plan.md` line 2" in text
    assert "Not mentioned" in navigation.id_hover("FR-001", [document], {"/ws/plan.md": ["x"]})


def test_entity_hover_without_plan_engine_says_so():
    document, _ = spec_at()
    text = navigation.entity_hover("Loan", [document], None, None)
    assert text.startswith("### Loan") and "due date" in text and "not available" in text and "line 23" in text


def test_code_lens_facts():
    document, _ = spec_at()
    facts = navigation.code_lens_facts(document, None, None, "missing")
    assert facts[0].title == "Generate plan" and facts[0].action == "generate-plan"
    assert [f.title for f in facts[1:]] == ["6 references", "2 references"]


def test_plan_symbol_at_finds_pascal_model_names():
    document, _ = spec_at()
    found = navigation.plan_symbol_at(["### BookCopy (SQLModel)"], Position(0, 6), [document])
    assert (found.kind, found.name) == ("entity", "Book Copy")


def test_links_to_plan_fall_back_to_the_title():
    document, _ = spec_at()
    assert navigation.links_to(document.lines, "plan.md", document.title_range) == [document.title_range]
