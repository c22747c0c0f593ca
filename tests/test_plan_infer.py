"""Domain-model inference (`analysis.plan.infer`): entities, attributes, relationships, states, actors, sources.

Every spec here is an inline fixture written for the test; `^^^ label` annotations point at the text a source
range must cover.
"""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.parse import parse_spec
from analysis.plan.infer import infer_domain
from analysis.plan.model import DomainModel, Entity, to_json
from tests.fixture import annotations


def domain(fixture: str, path: str = "specs/001-x/spec.md") -> DomainModel:
    return infer_domain(parse_spec(textwrap.dedent(fixture).lstrip("\n"), path))


def entity(model: DomainModel, name: str) -> Entity:
    found = next((e for e in model.entities if e.name == name), None)
    assert found is not None, f"{name} not in {[e.name for e in model.entities]}"
    return found


def attrs(model: DomainModel, name: str) -> dict:
    return {a.name: a for a in entity(model, name).attributes}


def relations(model: DomainModel, name: str) -> set[tuple[str, str]]:
    return {(r.kind, r.target) for r in entity(model, name).relationships}


EVENTS = """
    # Feature Specification: Events

    ## User Scenarios & Testing

    ### User Story 1 - Publish (Priority: P1)

    As an organizer, I publish events so that attendees find them.

    **Acceptance Scenarios**:

    1. **Given** a draft event, **When** the organizer publishes it, **Then** the event is "published".
    2. **Given** an issued pass, **When** door staff scan it, **Then** it becomes "checked in".

    ## Requirements

    ### Functional Requirements

    - **FR-001**: Organizers MUST be able to create events; each event has a title (3–120 characters), a
      description and a capacity (1–50,000).
    - **FR-002**: Organizers MUST be able to define pass types per event, each with a name unique within the event,
      a price (0.00 or more) and an optional per-order limit.

    ### Key Entities

    - **Event**: what is sold — start time, status (draft, published, cancelled); held at a Venue, owned by an
      Organizer.
    - **Venue**: a place with a name, address and city.
    - **Pass Type**: a price category of an Event — name, price.
    - **Booking**: an Attendee's purchase of passes of one Pass Type — quantity, total, contact email, website URL.
    - **Pass**: one seat of a Booking — unique code, status (issued, checked in, void), check-in time.
    - **Organizer**, **Attendee**, **Door Staff**: people with accounts; an Organizer owns events, Door Staff are
      assigned to events.
    """


# ----------------------------------------------------------------------------------------- entities

def test_key_entities_become_pascal_case_models():
    model = domain(EVENTS)
    names = [e.name for e in model.entities]
    for expected in ("Event", "Venue", "PassType", "Booking", "Pass", "Organizer", "Attendee", "DoorStaff"):
        assert expected in names
    assert entity(model, "PassType").display_name == "Pass Type"


def test_attributes_after_a_dash_and_with():
    model = domain(EVENTS)
    assert {"name", "address", "city"} <= set(attrs(model, "Venue"))
    assert {"start_time", "status"} <= set(attrs(model, "Event"))
    assert "what" not in attrs(model, "Event")


def test_types_from_names():
    model = domain(EVENTS)
    booking = attrs(model, "Booking")
    assert booking["quantity"].type == "int"
    assert booking["total"].type == "Decimal"
    assert booking["contact_email"].type == "EmailStr"
    assert booking["website_url"].type == "HttpUrl"
    assert attrs(model, "Event")["start_time"].type == "datetime"
    assert attrs(model, "Event")["description"].type == "text"


def test_limits_from_requirement_prose():
    model = domain(EVENTS)
    event = attrs(model, "Event")
    assert event["title"].constraints == ["3..120 chars"]
    assert event["capacity"].constraints == ["1..50000"]
    assert attrs(model, "PassType")["price"].constraints == [">= 0.00"]


def test_each_with_attaches_to_the_plural_noun_before_it():
    model = domain(EVENTS)
    pass_type = attrs(model, "PassType")
    assert pass_type["name"].unique
    assert pass_type["per_order_limit"].required is False
    assert pass_type["per_order_limit"].type == "int"


def test_closed_value_list_is_an_enum_and_a_state_machine():
    model = domain(EVENTS)
    status = attrs(model, "Event")["status"]
    assert status.enum_values == ["draft", "published", "cancelled"]
    assert status.type == "EventStatus"
    machine = entity(model, "Event").states
    assert machine is not None and machine.initial == "draft" and machine.enum == "EventStatus"


def test_transitions_from_scenarios():
    model = domain(EVENTS)
    event = entity(model, "Event").states
    assert [(t.source, t.target, t.trigger) for t in event.transitions] == [("draft", "published", "publish")]
    pass_machine = entity(model, "Pass").states
    assert ("issued", "checked_in", "scan") in [(t.source, t.target, t.trigger) for t in pass_machine.transitions]


def test_transitions_from_arrows_and_from_to():
    model = domain("""
        # Feature Specification: Returns
        ## Requirements
        - **FR-001**: A return moves from open to approved when a manager accepts it.
        ### Key Entities
        - **Return**: a request to send goods back — status (open, approved, shipped, closed); states open → approved → shipped → closed.
        """)
    transitions = [(t.source, t.target) for t in entity(model, "Return").states.transitions]
    assert ("open", "approved") in transitions and ("approved", "shipped") in transitions and ("shipped", "closed") in transitions


# ----------------------------------------------------------------------------------------- relationships

def test_belongs_to_and_ownership():
    model = domain(EVENTS)
    event = {r.target: r for r in entity(model, "Event").relationships if r.kind == "belongs-to"}
    assert event["Venue"].field == "venue_id" and not event["Venue"].ownership
    assert event["Organizer"].ownership
    assert ("belongs-to", "Event") in relations(model, "PassType")
    assert ("belongs-to", "Booking") in relations(model, "Pass")
    assert ("has-many", "PassType") in relations(model, "Event")


def test_possessive_is_ownership():
    model = domain(EVENTS)
    booking = {r.target: r for r in entity(model, "Booking").relationships if r.kind == "belongs-to"}
    assert booking["Attendee"].ownership
    assert "PassType" in booking


def test_many_to_many_gets_a_link_model():
    model = domain(EVENTS)
    link = entity(model, "EventDoorStaff")
    assert link.link
    assert {(r.kind, r.target) for r in link.relationships} == {("belongs-to", "Event"), ("belongs-to", "DoorStaff")}
    assert ("many-to-many", "Event") in relations(model, "DoorStaff")
    assert ("many-to-many", "Event") not in relations(model, "Organizer")


def test_each_x_has_one_or_more_y():
    model = domain("""
        # Feature Specification: Boards
        ## Requirements
        - **FR-001**: Each board has one or more columns, and a card belongs to exactly one column.
        ### Key Entities
        - **Board**: a workspace with a name.
        - **Column**: a stage with a title.
        - **Card**: a work item with a title.
        """)
    assert ("belongs-to", "Board") in relations(model, "Column")
    assert ("belongs-to", "Column") in relations(model, "Card")


# ----------------------------------------------------------------------------------------- actors

def test_actors_from_stories_and_people_with_accounts():
    model = domain(EVENTS)
    assert {"organizer", "attendee", "door_staff"} <= set(model.actors)
    assert entity(model, "Organizer").is_actor
    assert not entity(model, "Venue").is_actor


def test_implied_user_when_people_sign_in():
    model = domain("""
        # Feature Specification: Notes
        ## Requirements
        - **FR-001**: Users MUST be able to sign up with an email and a password.
        - **FR-002**: Users MUST be able to log in and create memos.
        ### Key Entities
        - **Memo**: a text with a title and a body.
        """)
    user = entity(model, "User")
    assert user.is_actor and user.sources and user.sources[0].label == "FR-001"


# ----------------------------------------------------------------------------------------- other evidence

def test_bare_identifier_list_with_types_and_uniqueness():
    model = domain("""
        # Feature Specification: Gym
        ## Requirements
        - **FR-001**: Members MUST be able to book sessions.
        ### Key Entities
        - **Member**: id (UUID), name, email (unique), passwordHash, role (ADMIN|COACH|CLIENT), joinedAt, isActive (default true)
        """)
    member = attrs(model, "Member")
    assert member["id"].type == "UUID"
    assert member["email"].unique and member["email"].type == "EmailStr"
    assert member["password_hash"].type == "str"
    assert member["role"].enum_values == ["admin", "coach", "client"]
    assert member["joined_at"].type == "datetime"
    assert member["is_active"].type == "bool" and member["is_active"].default == "true"
    assert {"admin", "coach", "client"} <= set(model.actors)


def test_entity_heading_with_field_bullets_and_code_block():
    model = domain("""
        # Billing

        ## Data Model

        ### Invoice Entity

        - **number**: Invoice number, unique
        - **amount**: Total due (0 or more)
        - **dueDate**: When payment is due
        - **paid**: Whether it is settled (optional)

        ```prisma
        model Payment {
          id        String   @id @default(uuid())
          invoiceId String
          amount    Decimal
          paidAt    DateTime?
        }
        ```
        """)
    invoice = attrs(model, "Invoice")
    assert invoice["number"].unique
    assert invoice["amount"].type == "Decimal" and invoice["amount"].constraints == [">= 0"]
    assert invoice["due_date"].type == "date"
    assert invoice["paid"].type == "bool" and not invoice["paid"].required
    payment = attrs(model, "Payment")
    assert set(payment) == {"id", "amount", "paid_at"}
    payment_entity = next(e for e in model.entities if e.name == "Payment")
    # `invoiceId` names the Invoice's key: it is the link to it, not a plain column.
    assert ("belongs-to", "Invoice", "invoice_id") in {(r.kind, r.target, r.field) for r in payment_entity.relationships}
    assert payment["paid_at"].required is False


def test_field_table_under_an_entity_heading():
    model = domain("""
        # Feature Specification: Patients
        ## Requirements
        - **FR-001**: Staff MUST be able to register a patient.
        ### Key Entities
        - **Patient**: a person receiving care.

        ## Patient fields

        | Field | Type | Required | Notes |
        |---|---|---|---|
        | `firstName` | String | yes | 1–50 characters |
        | `dateOfBirth` | Date | yes | in the past |
        | `phone` | String | no | |
        """)
    patient = attrs(model, "Patient")
    assert patient["first_name"].constraints == ["1..50 chars"]
    assert patient["date_of_birth"].type == "date"
    assert patient["phone"].required is False


def test_kiro_glossary_without_key_entities():
    model = domain("""
        # Requirements Document

        ## Glossary

        - **Recipe**: a dish with a title, ingredients and a rating (1-5).
        - **Recipe_Service**: the component that stores recipes.

        ## Requirements

        ### Requirement 1: Save recipes

        **User Story:** As a cook, I want to save recipes, so that I can find them.

        #### Acceptance Criteria

        1. WHEN a cook saves a recipe THEN THE system SHALL store its title.
        """, path=".kiro/specs/recipes/requirements.md")
    assert [e.name for e in model.entities] == ["Recipe"]
    assert attrs(model, "Recipe")["rating"].constraints == ["1..5"]
    assert "cook" in model.actors


def test_not_persisted_entity_is_not_a_model():
    model = domain("""
        # Feature Specification: Auth
        ## Requirements
        - **FR-001**: Users MUST be able to log in.
        ### Key Entities
        - **Account**: a registered user with an email and a display name.
        - **Access Token**: a short-lived credential. Not persisted; carries the user's identity.
        """)
    assert [e.name for e in model.entities] == ["Account"]


def test_implied_timestamps():
    model = domain("""
        # Feature Specification: Notes
        ## Requirements
        - **FR-001**: Users MUST be able to create and edit memos.
        - **FR-002**: The system MUST list tags alphabetically.
        ### Key Entities
        - **Memo**: a text with a title and a body.
        - **Tag**: a label with a name.
        """)
    assert {"created_at", "updated_at"} <= set(attrs(model, "Memo"))
    assert "created_at" not in attrs(model, "Tag")


# ----------------------------------------------------------------------------------------- sources

def test_sources_point_at_the_spec_text():
    text, expected, _ = annotations("""
        # Feature Specification: Shop
        ## Requirements
        - **FR-001**: Customers MUST be able to order products; each product has a price (0.00 or more).
                                                                                   ^^^^^ price
        ### Key Entities
        - **Product**: an item for sale — name, price.
            ^^^^^^^ Product
                                          ^^^^ name
        """)
    model = infer_domain(parse_spec(text, "spec.md"))
    product = entity(model, "Product")
    got = {("Product", product.sources[0].range.start.line, product.sources[0].range.start.character, product.sources[0].range.end.character)}
    for attribute in product.attributes:
        for source in attribute.sources:
            got.add((attribute.name, source.range.start.line, source.range.start.character, source.range.end.character))
    for line, start, end, label in expected:
        assert (label, line, start, end) in got
    assert product.sources[0].label == "Key Entities"
    assert {s.label for s in attrs(model, "Product")["price"].sources} == {"Key Entities", "FR-001"}


# ----------------------------------------------------------------------------------------- robustness

def test_non_english_body_adds_a_note_and_keeps_latin_identifiers():
    model = domain("""
        # 機能仕様: 在庫管理

        ## 要件

        - **FR-001**: システムは在庫アイテムを登録できなければならない。

        ### Key Entities

        - **在庫アイテム（InventoryItem）**: 品目名、数量、購入日を持つ (name, quantity, purchaseDate)
        - **カテゴリ**: 在庫アイテムを分類するラベル
        """)
    item = attrs(model, "InventoryItem")
    assert set(item) >= {"name", "quantity", "purchase_date"}
    assert item["purchase_date"].type == "date"
    assert entity(model, "カテゴリ").attributes == []
    assert any("not in English" in note for note in model.notes)


def test_empty_and_garbage_input_never_raise():
    for text in ("", "\x00\x01", "### Key Entities\n- **", "- **A**: (((((", "| Field |\n|---|\n| `x` |\n" * 3,
                 "```prisma\nmodel X {\n  a String\n", "### Key Entities\n- **X**: status (a, b); a → b → → c"):
        model = infer_domain(parse_spec(text, "spec.md"))
        assert isinstance(model, DomainModel)


def test_deterministic():
    first = to_json(domain(EVENTS))
    second = to_json(domain(EVENTS))
    assert first == second


def test_reference_named_in_brackets_and_clause_timestamps():
    model = domain("""
        # Feature Specification: Board
        ## Requirements
        - **FR-001**: Members MUST be able to comment on tasks.
        ### Key Entities
        - **Member**: a user's membership of the board, with a role and the date they joined.
        - **Task**: a unit of work with a title and an optional assignee (a Member).
        - **Comment**: text written by a Member on a Task, with the time it was posted and the time it was last edited.
        """)
    task = {r.field: r for r in entity(model, "Task").relationships if r.kind == "belongs-to"}
    assert task["assignee_id"].target == "Member" and task["assignee_id"].required is False
    assert "assignee" not in attrs(model, "Task")
    assert "joined_at" in attrs(model, "Member")
    comment = attrs(model, "Comment")
    assert comment["posted_at"].type == "datetime" and "updated_at" in comment
    assert {("belongs-to", "Member"), ("belongs-to", "Task")} <= relations(model, "Comment")


def test_only_acting_subjects_are_actors():
    model = domain("""
        # Feature Specification: Board
        ## Requirements
        - **FR-001**: Editors and owners MUST be able to move tasks.
        - **FR-002**: A task MUST keep its history.
        - **FR-003**: The system MUST email the assignee.
        ### Key Entities
        - **Task**: a unit of work with a title.
        """)
    assert model.actors == ["editor", "owner"]


def test_related_to_lists_are_links_not_columns():
    model = domain("""
        # Feature Specification: Assets
        ## Requirements
        - **FR-001**: Managers MUST be able to book assets.
        ### Key Entities
        - **Asset**: a physical item. Contains name, serial number. Related to: Category, Bookings.
        - **Category**: a classification with a name.
        - **Booking**: a reservation with a start date and an end date.
        """)
    asset = attrs(model, "Asset")
    assert set(asset) >= {"name", "serial_number"} and "bookings" not in asset and "category" not in asset
    assert ("belongs-to", "Category") in relations(model, "Asset")
    assert ("belongs-to", "Asset") in relations(model, "Booking")


def test_embedded_value_becomes_a_column_of_its_owner():
    model = domain("""
        # Feature Specification: Tournaments
        ## Requirements
        - **FR-001**: Organizers MUST be able to create tournaments.
        ### Key Entities
        - **Tournament**: a competition with a name and a start date.
        - **Venue Info**: Embedded information within Tournament consisting of club name and address.
        """)
    assert [e.name for e in model.entities] == ["Tournament"]
    assert attrs(model, "Tournament")["venue_info"].type == "json"


def test_backticked_field_list_names_a_record():
    model = domain("""
        # Feature Specification: API
        ## Requirements
        - **FR-001**: The API MUST return a structured error response with `detail`, `status_code` and `request_id` fields.
        """)
    error = attrs(model, "ErrorResponse")
    assert set(error) == {"detail", "status_code", "request_id"}
    assert error["status_code"].type == "int"


def test_the_record_named_after_a_preposition_and_no_bare_response():
    model = domain("""
        # Feature Specification: API
        ## Requirements
        - **FR-001**: A successful enqueue MUST return 202 with a response body containing `commandId` and `partitionId`.
        - **FR-002**: Failures MUST be answered with an error response with `code` and `message`.
        """)
    names = {e.name for e in model.entities}
    assert "ErrorResponse" in names
    assert not any(name.startswith("With") or name == "Response" for name in names)


def test_implied_columns_from_behaviour():
    model = domain("""
        # Feature Specification: Recipes
        ## Requirements
        - **FR-001**: Cooks MUST be able to create a tag named "Italian".
        - **FR-002**: Deleting a recipe MUST move it to the trash, from which it can be restored.
        - **FR-003**: Admins MUST be able to deactivate a cook account.
        ### Key Entities
        - **Recipe**: a dish with a title.
        - **Tag**: a label.
        - **Cook Account**: an account of a cook.
        """)
    assert "name" in attrs(model, "Tag")
    assert attrs(model, "Recipe")["deleted_at"].required is False
    assert attrs(model, "CookAccount")["is_active"].type == "bool"


def test_queried_fields_are_indexed_where_they_live():
    model = domain(EVENTS.replace("    ### Key Entities", """    - **FR-003**: Anyone MUST be able to list events, filtered by city and date range and sorted by start time.
    - **FR-004**: Staff MUST be able to search bookings by reference code.

    ### Key Entities"""))
    event = attrs(model, "Event")
    assert event["start_time"].indexed and "city" not in event and "date" not in event
    assert attrs(model, "Venue")["city"].indexed
    assert attrs(model, "Booking")["reference_code"].indexed


def test_the_field_of_an_entity():
    model = domain("""
        # Feature Specification: Tasks
        ## Requirements
        - **FR-001**: Members MUST be able to change the due date of a task and the number of tasks is shown.
        ### Key Entities
        - **Task**: a unit of work with a title.
        """)
    task = attrs(model, "Task")
    assert task["due_date"].type == "date" and "number" not in task


def test_slash_pairs():
    model = domain("""
        # Feature Specification: People
        ## Requirements
        - **FR-001**: Staff MUST be able to add contacts.
        ### Key Entities
        - **Contact**: a person with a first/last name, a name/title and a public/private visibility flag.
        - **Alert**: a notice. Has read/unread status.
        """)
    contact = attrs(model, "Contact")
    assert {"first_name", "last_name", "name", "title"} <= set(contact)
    assert contact["is_public"].type == "bool"
    assert attrs(model, "Alert")["is_read"].type == "bool"


WORDS = st.sampled_from(["Order", "orders", "Ticket Type", "status (a, b, c)", "with a name", "has one or more",
                         "belongs to", "an Attendee's", "3–120 characters", "`id`", "(", ")", "—", ",", "and", "→",
                         "Given", "When", "Then", '"paid"', "becomes", "filtered by", "named", "the", "of a", "**", ":",
                         "line items (sku, qty)", "lines carrying", "or", "current", "lifecycle state", "added by",
                         "between", "User", "logs in", "品目名、数量", "(light/dark)", "'s selected theme", "status",
                         # implied entities: events, sessions, sign-in in Japanese, stored things, named tables
                         "emits a structured event", "consumable by downstream integrations", "on creation, approval",
                         "sessions expire", "invalidates all existing sessions", "password", "ログイン", "アカウント",
                         "メールアドレスとパスワードで", "the backend for rate limit counters", "are stored in",
                         "**`order_lines` table**", "saving payment methods", "stateless"])
LINES = st.lists(st.one_of(
    st.builds(lambda words: "- **Order**: " + " ".join(words), st.lists(WORDS, max_size=12)),
    st.builds(lambda words: "- **FR-001**: " + " ".join(words), st.lists(WORDS, max_size=12)),
    st.builds(lambda words: "1. **Given** " + " ".join(words), st.lists(WORDS, max_size=12)),
    st.sampled_from(["### Key Entities", "## Requirements", "### Order Entity", "```prisma", "model Order {", "}", "```",
                     "| Field | Type |", "|---|---|", "| `name` | text |", "- **name**: the name", "",
                     "**Independent Test**: saving payment methods", "**`orders` table** — the orders:"]),
    st.text(max_size=30)), max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_any_text_gives_a_model_with_ranges_inside_the_document(lines):
    document = parse_spec("\n".join(lines), "specs/001-x/spec.md")
    model = infer_domain(document)
    assert not any("stopped early" in note for note in model.notes)
    for item in model.entities:
        sources = item.sources + [s for a in item.attributes for s in a.sources] + [s for r in item.relationships for s in r.sources]
        for source in sources:
            if source.range is None:
                continue
            start, end = source.range.start, source.range.end
            assert 0 <= start.line <= end.line < len(document.lines)
            assert 0 <= start.character <= len(document.lines[start.line])
            assert 0 <= end.character <= len(document.lines[end.line])


def test_entities_from_usage_when_nothing_defines_them():
    model = domain("""
        # notifications Specification

        ## Purpose
        Tell members about events.

        ## Requirements

        ### Requirement: Mention notification
        The system SHALL send a notification when someone mentions a member in a comment.

        #### Scenario: Mentioned
        - **WHEN** a member posts a comment containing "@ana"
        - **THEN** Ana receives a notification and the system stores the password

        ### Requirement: Assignment notification
        The system SHALL send a notification when a task is assigned.

        #### Scenario: Assigned
        - **WHEN** Ben assigns a task to Ana
        - **THEN** Ana receives a notification
        """, path="openspec/specs/notifications/spec.md")
    assert [e.name for e in model.entities] == ["Notification"]
    assert any("nouns" in note for note in model.notes)


def test_restoring_stock_is_not_soft_deletion():
    model = domain("""
        # Feature Specification: Stock
        ## Requirements
        - **FR-001**: When the stock of a product is restored above its threshold, the alert is closed.
        ### Key Entities
        - **Alert**: a warning with a level.
        """)
    assert "deleted_at" not in attrs(model, "Alert")


def test_qualified_lifecycle_column_is_the_status():
    model = domain("""
        # Feature Specification: Agents
        ## Requirements
        - **FR-001**: Developers MUST be able to start agents.
        ### Key Entities
        - **Agent**: a worker. Tracks the branch name and loop state (running/completed/failed).
        """)
    agent = attrs(model, "Agent")
    assert agent["state"].enum_values == ["running", "completed", "failed"]
    assert entity(model, "Agent").states.field == "state"


def test_parenthesised_identifiers_in_any_language_and_typed_flags():
    model = domain("""
        # Feature Specification: Board
        ## Requirements
        - **FR-001**: Members MUST be able to like posts.
        ### Key Entities
        - **Like**: 좋아요 정보 (userId, postId 매핑)
        - **Entry**: a registration, modified to track participation history (hasParticipated boolean).
        - **Field Rule**: Contains field name, data type and whether required.
        """)
    assert {"user_id", "post_id"} <= set(attrs(model, "Like"))
    assert attrs(model, "Entry")["has_participated"].type == "bool"
    assert attrs(model, "FieldRule")["required"].type == "bool"


def test_a_record_whose_status_changes_has_updated_at():
    model = domain("""
        # Feature Specification: Loans
        ## Requirements
        - **FR-001**: Librarians MUST be able to lend books.
        ### Key Entities
        - **Loan**: a lending of a book — due date, status (open, returned, overdue).
        """)
    assert "updated_at" in attrs(model, "Loan")


def test_what_a_person_creates_is_theirs():
    model = domain("""
        # Feature Specification: Clinic
        ## User Scenarios & Testing
        ### User Story 1 - Notes (Priority: P1)
        As a doctor, I want to write a visit record after each visit.
        ## Requirements
        - **FR-001**: Patients MUST be able to book appointments with a doctor.
        ### Key Entities
        - **Patient**: a person who receives care, with a name.
        - **Doctor**: a person who gives care, with a name.
        - **Appointment**: a time slot with a start time.
        - **Visit Record**: a text with a body.
        """)
    appointment = {r.target: r for r in entity(model, "Appointment").relationships if r.kind == "belongs-to"}
    assert appointment["Patient"].ownership and not appointment["Doctor"].ownership
    assert {r.target for r in entity(model, "VisitRecord").relationships if r.kind == "belongs-to" and r.ownership} == {"Doctor"}


def test_requirement_list_items_keep_their_trailing_limits():
    model = domain("""
        # Feature Specification: Events
        ## Requirements
        - **FR-001**: Organizers MUST be able to create, edit and publish events; each event has a title, a venue,
          a start time in the future and a capacity (1–50,000).
        ### Key Entities
        - **Event**: what is sold.
        - **Venue**: a place with a name.
        - **Organizer**, **Attendee**: people with accounts; an Organizer owns events.
        """)
    event = attrs(model, "Event")
    assert event["start_time"].constraints == ["in the future"]
    assert event["capacity"].constraints == ["1..50000"]
    assert relations(model, "Organizer") == {("has-many", "Event")}
    assert relations(model, "Attendee") == set()


def test_a_query_reuses_the_column_it_names_with_a_word_more_or_less():
    model = domain("""
        # Feature Specification: Todo

        ## Requirements

        - **FR-001**: Users MUST be able to search tasks by title keyword.
        - **FR-002**: Users MUST be able to search tasks by description keyword.
        - **FR-003**: Users MUST be able to filter tasks by priority.

        ### Key Entities

        - **Task**: a to-do item, with a title, a description, a priority level (high, medium, low) and a due date.
        """)
    fields = attrs(model, "Task")
    assert "title_keyword" not in fields and "description_keyword" not in fields
    assert fields["title"].indexed and fields["description"].indexed
    # `priority` is the `priority_level` column, which the filter indexes.
    assert "priority" not in fields and fields["priority_level"].indexed


def test_who_queries_and_what_they_use_are_not_columns_of_theirs():
    model = domain("""
        # Feature Specification: Market

        ## Requirements

        - **FR-001**: Users can search, filter by price, sort by expiration, and flag listings.
        - **FR-002**: System MUST shrink images on the user's device before upload.

        ### Key Entities

        - **User**: a person who sells things, with a display name.
        - **Listing**: an item for sale with a title and a price.
        """)
    assert set(attrs(model, "User")) & {"price", "expiration", "expires_at", "device"} == set()


def test_what_a_definition_says_the_thing_is_comes_before_its_list():
    model = domain("""
        # Feature Specification: Rentals

        ## Requirements

        - **FR-001**: Customers MUST be able to rent vehicles.

        ### Key Entities

        - **Vehicle**: Identifiable rental unit with type (Motorcycle/Car), badge (Luxury/Sport), availability status, and rental price
        """)
    fields = attrs(model, "Vehicle")
    assert "identifiable_rental_unit" not in fields
    assert fields["type"].enum_values == ["motorcycle", "car"]
    assert "rental_price" in fields


def test_what_a_role_may_do_is_not_a_column_of_the_account():
    model = domain("""
        # Feature Specification: Devices

        ## Requirements

        - **FR-001**: Owners MUST be able to add users.

        ### Key Entities

        - **User**: a system user with username, role (owner/admin/viewer) and language preference. Owner has full privileges, admin can configure devices, viewer can only view data.
        """)
    fields = attrs(model, "User")
    assert {"username", "role", "language_preference"} <= set(fields)
    assert not {"full_privileges", "admin"} & set(fields)


def test_a_query_of_something_a_thing_has_is_not_a_column_of_the_thing():
    model = domain("""
        # Feature Specification: Attendance

        ## Requirements

        - **FR-001**: The owner can select any employee and view their full attendance history filtered by date range.
        - **FR-002**: The owner can list employees filtered by department.

        ### Key Entities

        - **Employee**: a person on the payroll, with a name.
        """)
    fields = attrs(model, "Employee")
    assert "date" not in fields
    assert fields["department"].indexed


def test_credentials_of_an_account_are_what_sign_in_stores():
    model = domain("""
        # Feature Specification: Tracker

        ## Requirements

        - **FR-001**: Users MUST log in with an email and a password.
        - **FR-002**: Users MUST be able to log in to see their reports.

        ### Key Entities

        - **User**: a person with account credentials, an email and a display name.
        - **Doctor**: a clinician with a name and credentials.
        """)
    assert "account_credentials" not in attrs(model, "User")
    assert {"email", "password_hash"} <= set(attrs(model, "User"))
    # A doctor's credentials are qualifications, a column of their own.
    assert "credentials" in attrs(model, "Doctor")


def test_a_rule_that_a_column_is_unique_marks_it_with_the_rule_as_source():
    model = domain("""
        # Feature Specification: Devices

        ## Requirements

        - **FR-001**: Admins MUST be able to add devices with a name and a location.
        - **FR-002**: System MUST enforce unique device names across the system.
        - **FR-003**: Category titles MUST be unique within an account.
        - **FR-004**: System MUST enforce unique identifiers for every record.

        ### Key Entities

        - **Device**: a sensor with a name and a location.
        - **Category**: a grouping with a title.
        """)
    name = attrs(model, "Device")["name"]
    assert name.unique and "FR-002" in [s.label for s in name.sources]
    title = attrs(model, "Category")["title"]
    assert title.unique and "FR-003" in [s.label for s in title.sources]
    assert not attrs(model, "Device")["location"].unique


def test_plural_things_people_browse_and_enroll_in_are_entities_without_definitions():
    model = domain("""
        # Requirements Document

        ## Requirements

        ### Requirement 1

        **User Story:** As a learner, I want to browse courses, so that I can pick one.

        #### Acceptance Criteria

        1. WHEN a user browses courses THEN the system SHALL display their titles
        2. WHEN a user searches for products THEN the system SHALL provide filtering by category and price

        ### Requirement 2

        **User Story:** As a learner, I want to enroll in courses, so that I can learn.

        #### Acceptance Criteria

        1. WHEN a user enrolls in courses THEN the system SHALL record the enrollment
        """, path=".kiro/specs/learning/requirements.md")
    assert "Course" in [e.name for e in model.entities]
    # A product named in one requirement only is no entity; the user searching is not what is filtered.
    assert "Product" not in [e.name for e in model.entities]
    assert not any({"category", "price"} & {a.name for a in e.attributes} for e in model.entities)


def test_glossary_parts_of_the_software_screens_and_activities_are_not_entities():
    model = domain("""
        # Requirements Document

        ## Glossary

        - **Work_Item**: A project item representing a task, feature, or bug
        - **Requirements_Generator**: Component that analyzes work items and writes requirements
        - **Label_Assigner**: The component that assigns labels to issues
        - **Empty_State**: The UI displayed when no work items exist
        - **Navigation**: Moving between the list view and the editor view
        - **INITIAL_INVITE_EMAIL**: The template key of the first invitation email
        - **Reviewer**: A user of the system who approves work items

        ## Requirements

        ### Requirement 1

        **User Story:** As a lead, I want to create work items, so that work is tracked.

        #### Acceptance Criteria

        1. WHEN a lead creates a work item THEN THE system SHALL store it
        """, path=".kiro/specs/items/requirements.md")
    names = [e.name for e in model.entities]
    assert "WorkItem" in names and "Reviewer" in names
    assert not {"RequirementsGenerator", "LabelAssigner", "EmptyState", "Navigation", "INITIALINVITEEMAIL"} & set(names)


def test_fields_a_requirement_lists_for_the_table_that_stores_an_entity():
    model = domain("""
        # Requirements Document

        ## Glossary

        - **Audit Entry**: A single record of an action or event in the system
        - **Metadata**: Additional contextual information about the action stored as JSON

        ## Requirements

        ### Requirement 1: Storage

        **User Story:** As an administrator, I want actions recorded, so that I can audit them.

        #### Acceptance Criteria

        1. THE system SHALL store audit entries in a dedicated `activity_logs` table with fields for action, userId, metadata, ipAddress, and timestamp
        """, path=".kiro/specs/audit/requirements.md")
    assert [e.name for e in model.entities] == ["AuditEntry"]
    fields = attrs(model, "AuditEntry")
    assert {"action", "user_id", "ip_address", "timestamp"} <= set(fields)
    assert fields["metadata"].type == "json"


def test_history_of_modelled_things_screens_and_passives_are_not_columns():
    model = domain("""
        # Feature Specification: Invoices

        ## User Scenarios & Testing

        ### User Story 1 - Vendor analytics (Priority: P1)

        Users can view spending analytics for a single vendor with KPIs, charts, and export capability.

        **Acceptance Scenarios**:

        1. **Given** vendor has invoice history, **When** the chart loads, **Then** spending shows.
        2. **Given** user has sufficient invoice data, **When** insights load, **Then** trends show.

        ## Requirements

        - **FR-001**: System MUST allow users to delete vendors with confirmation dialog.
        - **FR-002**: Invitations MUST always originate from that community's administrator.

        ### Key Entities

        - **User**: a person with an email.
        - **Vendor**: a supplier with a name.
        - **Invoice**: a bill from a vendor with an amount.
        - **Community**: a neighbourhood group with its own membership and marketplace, administered by one or more admins.
        """)
    for name in ("User", "Vendor", "Community"):
        assert not {"invoice_history", "sufficient_invoice_data", "kp_is", "kpis", "confirmation_dialog",
                    "administered", "administrator"} & set(attrs(model, name)), name


def test_a_passive_query_still_belongs_to_the_thing_queried():
    model = domain("""
        # Feature Specification: Tasks

        ## Requirements

        - **FR-001**: Tasks can be filtered by priority.
        - **FR-002**: Users can search, filter by deadline, and export reports.

        ### Key Entities

        - **User**: a person with an email.
        - **Task**: a thing to do with a title.
        """)
    assert attrs(model, "Task")["priority"].indexed
    assert "deadline" not in attrs(model, "User")
