"""The spec-kit extractor on each real-world variant, with inline fixtures (no corpus text), plus a corpus
smoke test that runs only where the shared corpus exists."""

import glob
import textwrap

import pytest

from analysis.model import Dialect
from analysis.parse import parse_spec
from tests.shared_paths import CORPUS as SHARED_CORPUS

PATH = "specs/001-x/spec.md"


def parse(text: str):
    return parse_spec(textwrap.dedent(text).lstrip("\n"), PATH)


def stories(document):
    return [(s.key, s.title, s.priority, len(s.scenarios)) for s in document.stories]


def requirements(document):
    return [(r.id, r.kind, r.text) for r in document.requirements]


def test_current_template_story_with_hyphen_and_numbered_scenarios():
    document = parse("""
        # Feature Specification: Lists
        ## User Scenarios & Testing *(mandatory)*
        ### User Story 1 - Create a list (Priority: P1)
        As a user I create a list.

        **Why this priority**: Core.

        **Acceptance Scenarios**:

        1. **Given** no lists, **When** I create one, **Then** it appears
        2. **Given** a list, **When** I rename it, **Then** the new name shows
        """)
    assert document.dialect == Dialect.SPECKIT and document.template_generation == "current"
    assert stories(document) == [("1", "Create a list", "P1", 2)]
    story = document.stories[0]
    assert story.narrative == "As a user I create a list."
    assert story.has_acceptance_heading
    first = story.scenarios[0]
    assert (first.line, first.range.start.character, first.index, first.has_given, first.has_when, first.has_then) == (9, 3, 1, True, True, True)


def test_story_heading_variants_em_dash_letter_key_h2_colon_and_us_keys():
    document = parse("""
        # Feature Specification: X
        ### User Story 5 — Manage status (Priority: P5)
        1. **Given** a, **When** b, **Then** c
        ### User Story 1a - Import (Priority: P2)
        1. **Given** a, **When** b, **Then** c
        ## User Story 6 - Dashboard (Priority: P2)
        - **Goal**: a dashboard
        ### US-1: Browse events (P0)
        **Given** I open the page,
        **When** it loads,
        **Then** I see events.
        ### US2: Per-endpoint limits (Priority: P1)
        ### Story 3 - Share
        """)
    assert stories(document) == [("5", "Manage status", "P5", 1), ("1a", "Import", "P2", 1), ("6", "Dashboard", "P2", 0),
                                 ("1", "Browse events", "P0", 1), ("2", "Per-endpoint limits", "P1", 0), ("3", "Share", None, 0)]


def test_legacy_primary_user_story_with_separate_acceptance_section():
    document = parse("""
        # Feature Specification: Chat
        ## Execution Flow (main)
        ## User Scenarios & Testing *(mandatory)*
        ### Primary User Story
        A member chats with friends.
        ### Acceptance Scenarios
        1. **Given** a member, **When** they send, **Then** friends receive
        2. **Given** offline friends, **When** they return, **Then** they see it
        ### Edge Cases
        - What if the message is empty?
        ## Requirements *(mandatory)*
        - **FR-001**: System MUST deliver messages.
        ## Review & Acceptance Checklist
        - [ ] No [NEEDS CLARIFICATION] markers remain
        """)
    assert document.template_generation == "legacy"
    assert stories(document) == [("primary", "Primary User Story", None, 2)]
    assert document.stories[0].narrative == "A member chats with friends."
    assert requirements(document) == [("FR-001", "functional", "System MUST deliver messages.")]


def test_bulleted_given_with_nested_when_then():
    document = parse("""
        # Feature Specification: X
        ### User Story 1 - A (Priority: P1)
        **Acceptance Scenarios**:
        - **Given** a user
          - **When** they sign in
          - **Then** they see the dashboard
        - **Given** a guest, **When** they sign in, **Then** they see an error
        """)
    scenarios = document.stories[0].scenarios
    assert [(s.line, s.has_when, s.has_then) for s in scenarios] == [(3, True, True), (6, True, True)]


def test_gherkin_fence_in_a_story_is_split_into_scenarios():
    document = parse("""
        # Feature Specification: X
        ### US1: Rate limiting (Priority: P1)
        **Acceptance Scenarios:**
        ```gherkin
        Given a 100 requests/minute limit
        When a client makes 100 requests
        Then all succeed
        And the remaining header decreases

        When the client makes a 101st request
        Then it is rejected with 429
          X-RateLimit-Remaining: 0
        ```
        """)
    scenarios = document.stories[0].scenarios
    assert [(s.line, s.end, s.has_given, s.has_then) for s in scenarios] == [(4, 8, True, True), (9, 12, False, True)]


def test_plain_items_under_an_acceptance_label_are_text_scenarios_and_narrative_when_is_not_a_scenario():
    document = parse("""
        # Feature Specification: X
        ### User Story 4 - Kits (Priority: P2)
        When purchasing many identical items, managers create them in bulk.

        **Acceptance Criteria**:
        1. A manager can create ten child assets at once.
        2. Children inherit the parent's properties.
        """)
    scenarios = document.stories[0].scenarios
    assert [(s.style, s.text) for s in scenarios] == [("text", "A manager can create ten child assets at once."),
                                                      ("text", "Children inherit the parent's properties.")]


def test_localised_scenario_keywords_next_to_cjk_text():
    document = parse("""
        # 機能仕様: X
        ### User Story 3 - 買い物リストを管理する (Priority: P3)
        **Acceptance Scenarios**:
        1. **Given**ユーザーがログイン済み、**When**リストを開く、**Then**商品が表示される
        """)
    scenario = document.stories[0].scenarios[0]
    assert (scenario.has_given, scenario.has_when, scenario.has_then) == (True, True, True)


def test_requirement_id_forms_bold_plain_colon_and_dash():
    document = parse("""
        # Feature Specification: X
        ## Requirements *(mandatory)*
        ### Functional Requirements
        - **FR-001**: System MUST a.
        - FR-002: System MUST b.
        - **FR-003:** System MUST c.
        - FR-004 - System MUST d.
        1. **FR-005** System MUST e.
        - **FR-001a**: System MUST f.
        - **NFR-001**: p95 under 1 s.
        - **FR-**: System MUST g.
        """)
    assert [(r.id, r.text) for r in document.requirements] == [
        ("FR-001", "System MUST a."), ("FR-002", "System MUST b."), ("FR-003", "System MUST c."), ("FR-004", "System MUST d."),
        ("FR-005", "System MUST e."), ("FR-001a", "System MUST f."), ("NFR-001", "p95 under 1 s."), ("FR-", "System MUST g.")]
    assert document.requirements[0].range.start.character == 4 and document.requirements[0].range.end.character == 10
    assert document.requirements[6].kind == "non-functional"


def test_table_rows_and_heading_ids():
    document = parse("""
        # Feature Specification: X
        ## Requirements
        ### Functional Requirements
        | ID | Requirement | Priority |
        |----|-------------|----------|
        | FR-01 | Events list sorted by date | P0 |
        | **FR-02** | Events filterable | P1 |
        ## Functional Requirements
        ### FR-003: Rate Limit Enforcement
        The system MUST reject requests over the limit.

        ______________________________________________________________________

        ### FR-004: Headers
        Responses MUST include headers.
        """)
    assert requirements(document) == [
        ("FR-01", "functional", "Events list sorted by date P0"), ("FR-02", "functional", "Events filterable P1"),
        ("FR-003", "functional", "Rate Limit Enforcement The system MUST reject requests over the limit."),
        ("FR-004", "functional", "Headers Responses MUST include headers.")]
    assert (document.requirements[2].range.start.line, document.requirements[2].range.start.character) == (8, 4)


def test_ids_are_read_only_from_their_own_sections():
    document = parse("""
        # Feature Specification: X
        ## User Scenarios & Testing
        - **FR-099**: mentioned in a story, not defined here
        ## Requirements Update
        - **FR-007**: Home shows statistics.
        ## Success Criteria (Final)
        - **SC-001**: 90% of users find it.
        ## Review & Acceptance Checklist
        - [ ] **FR-100** covered
        ## Requirement Completeness Checklist
        - **FR-101**: not a definition
        """)
    assert requirements(document) == [("FR-007", "functional", "Home shows statistics."),
                                      ("SC-001", "success-criterion", "90% of users find it.")]
    assert {o.id for o in document.ids} >= {"FR-099", "FR-007", "SC-001"}


def test_spec_wrapped_in_a_code_fence():
    document = parse("""
        ```markdown
        # Feature Specification: Wrapped
        ## User Scenarios & Testing
        ### User Story 1 - A (Priority: P1)
        1. **Given** a, **When** b, **Then** c
        ## Requirements
        - **FR-001**: System MUST a.
        ```
        """)
    assert document.title == "Wrapped"
    assert stories(document) == [("1", "A", "P1", 1)]
    assert [r.id for r in document.requirements] == ["FR-001"]


def test_crlf_bom_and_front_matter():
    text = ("\ufeff---\ntitle: x\n---\n# Feature Specification: X\n## User Scenarios & Testing\n### User Story 1 - A (Priority: P1)\n"
            "1. **Given** a, **When** b, **Then** c\n## Requirements\n- **FR-001**: System MUST a.\n").replace("\n", "\r\n")
    document = parse_spec(text, PATH)
    assert document.content_offset == 3
    assert stories(document) == [("1", "A", "P1", 1)]
    assert requirements(document) == [("FR-001", "functional", "System MUST a.")]
    assert document.requirements[0].range.start.line == 8
    assert all("\r" not in line for line in document.lines)


def test_garbage_never_raises():
    for text in ("### User Story", "### User Story 1 -", "## Requirements\n- **FR-", "```gherkin\nThen\n", "| FR-1 |", "### FR-"):
        document = parse_spec(text, PATH)
        assert document.error is None


CORPUS = sorted(glob.glob(str(SHARED_CORPUS / "real" / "*" / "spec.md")))


@pytest.mark.skipif(not CORPUS, reason="the shared real-spec corpus is not available")
def test_every_real_spec_kit_story_and_requirements_section_is_read():
    for path in CORPUS:
        with open(path, encoding="utf-8", errors="replace") as handle:
            document = parse_spec(handle.read(), PATH)
        assert document.error is None, path
        if document.dialect != Dialect.SPECKIT:
            continue
        # Every story heading yields a story, and every spec with an FR bullet yields requirements.
        heading_count = sum(1 for s in document.sections if s.level >= 2 and
                            (s.title.lower().startswith(("user story", "us-", "us1", "us2")) or s.kind == "primary-user-story"))
        assert len(document.stories) >= heading_count, path
        if "**FR-" in document.text or "| FR-" in document.text or "### FR-" in document.text:
            assert any(r.id and r.id.startswith("FR-") for r in document.requirements), path
        scenarios = sum(len(s.scenarios) for s in document.stories)
        given_lines = sum(1 for i, line in enumerate(document.lines) if "**Given**" in line and document.tree.is_prose(i))
        assert scenarios >= given_lines * 0.9, path


def test_user_scenario_headings_with_lowercase_keywords_are_stories():
    document = parse("""
        # Feature Specification: Stock

        ## User Scenarios & Testing

        ### User Scenario 1 - Record stock movements

        As an operations user, I can add buy and sell transactions.

        **Acceptance scenarios**
        1. **Given** a valid BUY transaction, **when** the user submits it, **then** the transaction is stored.
        2. **Given** no stock, **when** the user submits a SELL, **then** it is rejected.
        """)
    assert stories(document) == [("1", "Record stock movements", None, 2)]


def test_a_note_bullet_that_speaks_of_notes_as_data_defines_them():
    document = parse("""
        # Feature Specification: Reader

        ### Key Entities

        - **Book**: a PDF or EPUB with metadata.
        - **Note**: Existing/future note rows that must cascade on deletion.
        """)
    assert [e.name for e in document.entities] == ["Book", "Note"]
    remark = parse("""
        # Feature Specification: Reader

        ### Key Entities

        - **Book**: a PDF or EPUB with metadata.
        - **Note**: the entities above are stored locally.
        """)
    assert [e.name for e in remark.entities] == ["Book"]


def test_a_translated_template_remark_after_a_heading_is_dropped():
    document = parse("""
        # Spesifikasi Fitur: Acara

        ## Requirements *(wajib)*

        - **FR-001**: Sistem HARUS menyediakan daftar acara.

        ### Key Entities *(sertakan jika fitur melibatkan data)*

        - **Event**: Merepresentasikan satu kegiatan publik.
        """)
    assert [e.name for e in document.entities] == ["Event"]


def test_key_entities_sub_headings_with_typed_field_bullets_are_the_entities():
    document = parse("""
        # Feature Specification: Pupils
        ## Key Entities

        ### Pupil
        - **Pupil Code** (text, unique, required)
        - **Date of Birth** (date, required)
        - **Gender** (enumerated: Male, Female, Other)

        ### Guardian Contact
        - **Full Name** (text, required)
        - **Is Primary** (boolean, default false)

        #### Core groups
        """)
    assert [e.name for e in document.entities] == ["Pupil", "Guardian Contact"]


def test_key_entities_sub_headings_that_group_entity_bullets_stay_groups():
    document = parse("""
        # Feature Specification: Pupils
        ## Key Entities

        ### Core Data
        - **Pupil**: a child enrolled in the school, with a name and a date of birth
        - **Guardian**: a parent who can be contacted (phone, email)

        ### Reference Data
        - **Grade**: a school year
        """)
    assert [e.name for e in document.entities] == ["Pupil", "Guardian", "Grade"]


def test_typed_field_bullets_under_an_entity_sub_heading_are_its_columns():
    from analysis.plan.design import build_plan

    plan = build_plan(parse("""
        # Feature Specification: Pupils
        ## Key Entities

        ### Pupil
        - **Pupil Code** (text, unique, required)
        - **Date of Birth** (date, required)
        - **Gender** (enumerated: Male, Female, Other)
        - **Created Date** (timestamp, auto)
        """))
    pupil = next(m for m in plan.models if m.name == "Pupil")
    fields = {f.name: f.type for f in pupil.fields}
    assert fields["date_of_birth"] == "date" and fields["created_date"] == "datetime"
    assert "pupil_code" in fields
    assert next(e for e in plan.enums if e.name == fields["gender"]).values == ["male", "female", "other"]


def test_a_remark_in_brackets_after_an_entity_sub_heading_is_no_part_of_its_name():
    document = parse("""
        # Feature Specification: Pupils
        ## Key Entities

        ### Pupil
        - **Pupil Code** (text, unique, required)
        - **Form ID** (reference to assigned form, required)

        ### Form (referenced, not defined in this feature)
        - **Form ID** (identifier)
        - **Form Name** (text)
        """)
    assert [e.name for e in document.entities] == ["Pupil", "Form"]


LABELLED_ENTITY = """
    # Feature Specification: Todos
    ## Key Entities

    ### Task
    **Description:** Represents a user's todo item with title, description, and completion status.

    **Attributes:**
    - id: Unique identifier (primary key)
    - user_id: Owner identifier (foreign key to User)
    - title: Task title (required, non-empty string)
    - completed: Completion status (boolean, default false)
    - created_at: Creation timestamp

    **Relationships:**
    - Each task belongs to exactly one user (many-to-one)

    **Validation Rules:**
    - title: Required, non-empty, maximum 255 characters
    - Timestamps: Automatically managed, immutable by API
    """


def test_a_key_entities_sub_heading_with_an_attributes_label_is_the_entity():
    document = parse(LABELLED_ENTITY)
    assert [e.name for e in document.entities] == ["Task"]  # not `Timestamps` from its validation rules


def test_plain_bullets_under_an_attributes_label_are_the_columns():
    from analysis.plan.design import build_plan

    plan = build_plan(parse(LABELLED_ENTITY))
    task = next(m for m in plan.models if m.name == "Task")
    fields = {f.name: f for f in task.fields}
    assert {"user_id", "title", "completed", "created_at"} <= set(fields)
    assert fields["completed"].type == "bool" and fields["title"].type == "str"
    # the validation rules and the description's prose add no columns of their own
    assert not {"timestamps", "completion_status", "required"} & set(fields)


def test_a_labelled_foreign_key_to_a_modelled_entity_is_a_relationship():
    from analysis.plan.infer import infer_domain

    domain = infer_domain(parse(LABELLED_ENTITY + """
    ### User
    **Attributes:**
    - id: Unique identifier
    - email: Sign-in address (unique)
    """))
    link = next(r for r in domain.entity("Task").relationships if r.target == "User")
    assert link.kind == "belongs-to" and link.field == "user_id"
    assert "user_id" not in {a.name for a in domain.entity("Task").attributes}
