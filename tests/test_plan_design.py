"""Tests of the backend design (`analysis.plan.design`): routes from what a spec asks for, models, services, errors,
traceability, honesty (not covered, open questions, assumptions) and the checklist.

Specs are written inline; domain models are built by hand so these tests do not depend on inference quality.
"""

from __future__ import annotations

import hashlib
import textwrap
import time

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from analysis.config import Settings
from analysis.parse import parse_spec
from analysis.plan.design import build_plan, spec_hash
from analysis.plan.infer import infer_domain
from analysis.plan.model import (Attribute, DomainModel, Entity, Plan, Relationship, StateMachine, Transition, to_json)
from tests.shared_paths import CORPUS as SHARED_CORPUS


def spec(text: str, path: str = "specs/001-x/spec.md"):
    return parse_spec(textwrap.dedent(text).lstrip("\n"), path)


def routes(plan: Plan) -> set[str]:
    return {f"{route.method} {route.path}" for route in plan.routes}


def route(plan: Plan, method: str, path: str):
    return next(r for r in plan.routes if r.method == method and r.path == path)


def entity(name: str, display: str | None = None, **kwargs) -> Entity:
    return Entity(name=name, display_name=display or name, **kwargs)


EVENTS = """
# Feature Specification: Events

## User Scenarios & Testing

### User Story 1 - Publish an event (Priority: P1)

An organizer creates an event and publishes it.

**Acceptance Scenarios**:

1. **Given** an organizer account, **When** the organizer creates an event with a title, **Then** the event is saved as a draft.
2. **Given** a draft event, **When** the organizer publishes it, **Then** it appears in the public event list.

## Requirements

### Functional Requirements

- **FR-001**: Organizers MUST be able to create, edit and publish events.
- **FR-002**: Organizers MUST be able to define ticket types per event, each with a name unique within the event.
- **FR-003**: Anyone MUST be able to list published events, filtered by city and sorted by start time.
- **FR-004**: The system MUST email each ticket to the attendee.
- **FR-005**: Organizers MUST be able to delete draft events.
- **FR-006**: The interface MUST be responsive on small screens.

## Success Criteria

- **SC-001**: An attendee completes a purchase in under 2 minutes.
"""


def events_domain() -> DomainModel:
    event = entity("Event", attributes=[Attribute("title", "str", constraints=["3..120 chars"]), Attribute("city", "str"),
                                        Attribute("starts_at", "datetime")],
                   states=StateMachine("status", "EventStatus", ["draft", "published"], initial="draft",
                                       transitions=[Transition("draft", "published", "publish")]))
    ticket_type = entity("TicketType", "Ticket Type", attributes=[Attribute("name", "str", unique=True)],
                         relationships=[Relationship("belongs-to", "Event", "event_id", ownership=True)])
    organizer = entity("Organizer", is_actor=True)
    return DomainModel(entities=[event, ticket_type, organizer], actors=["organizer"])


@pytest.fixture(scope="module")
def events_plan() -> Plan:
    return build_plan(spec(EVENTS), domain=events_domain())


# ----------------------------------------------------------------------------------------- spec_hash

def test_spec_hash_ignores_bom_and_line_endings():
    assert spec_hash("\ufeffa\r\nb\rc") == spec_hash("a\nb\nc") == hashlib.sha256(b"a\nb\nc").hexdigest()


def test_plan_carries_the_spec_hash(events_plan):
    assert events_plan.spec_sha256 == spec_hash(textwrap.dedent(EVENTS).lstrip("\n"))


# ----------------------------------------------------------------------------------------- routes

def test_routes_come_from_the_verbs_the_spec_uses(events_plan):
    assert {"POST /api/events", "PUT /api/events/{event_id}", "POST /api/events/{event_id}/publish",
            "GET /api/events", "DELETE /api/events/{event_id}"} <= routes(events_plan)


def test_no_blanket_crud_for_an_entity_nobody_acts_on():
    document = spec("""
        # Feature Specification: Notes
        ## Requirements
        - **FR-001**: Users MUST be able to create notes.
        - **FR-002**: Each note has an author.
    """)
    domain = DomainModel(entities=[entity("Note"), entity("Author")])
    plan = build_plan(document, domain=domain)
    assert "POST /api/notes" in routes(plan)
    assert not any("/authors" in r for r in routes(plan))
    assert "DELETE /api/notes/{note_id}" not in routes(plan)


def test_owned_entities_nest_under_their_owner(events_plan):
    assert "POST /api/events/{event_id}/ticket-types" in routes(events_plan)
    assert "POST /api/ticket-types" not in routes(events_plan)


def test_create_is_201_and_delete_is_204(events_plan):
    assert route(events_plan, "POST", "/api/events").response_status == 201
    assert route(events_plan, "DELETE", "/api/events/{event_id}").response_status == 204


def test_list_has_pagination_filters_and_sort(events_plan):
    listing = route(events_plan, "GET", "/api/events")
    names = {param.name for param in listing.query}
    assert {"page", "page_size", "city", "sort"} <= names
    assert listing.response == "Page[Event]"


def test_public_and_role_auth_follow_the_wording(events_plan):
    assert route(events_plan, "GET", "/api/events").auth == "public"
    assert route(events_plan, "POST", "/api/events").auth == "role:organizer"


def test_action_endpoint_for_a_state_transition_raises_409_on_a_wrong_state(events_plan):
    publish = route(events_plan, "POST", "/api/events/{event_id}/publish")
    assert any(e.status == 409 and e.error == "InvalidEventStateError" for e in publish.errors)


def test_unique_field_gives_a_409_on_create(events_plan):
    create = route(events_plan, "POST", "/api/events/{event_id}/ticket-types")
    assert any(e.status == 409 and "Name" in e.error for e in create.errors)
    assert any(e.status == 404 and e.error == "EventNotFoundError" for e in create.errors)


def test_adjectival_participles_and_system_side_effects_are_not_routes(events_plan):
    # "list published events" is not a publish request; "the system MUST email" is a side effect.
    assert route(events_plan, "POST", "/api/events/{event_id}/publish").sources[0].label == "FR-001"
    assert all(source.label != "FR-003" for source in route(events_plan, "POST", "/api/events/{event_id}/publish").sources)
    assert not any("ticket" in r and r.startswith("POST /api/tickets") for r in routes(events_plan))


def test_every_route_has_a_source_and_a_service_method(events_plan):
    for r in events_plan.routes:
        assert r.sources, r.path
        assert "." in r.service_method


def test_api_prefix_comes_from_settings():
    document = spec(EVENTS)
    settings = Settings.model_validate({"plan": {"api_prefix": "/v2"}})
    plan = build_plan(document, settings, domain=events_domain())
    assert "POST /v2/events" in routes(plan)
    plan = build_plan(document, Settings.model_validate({"plan": {"api_prefix": ""}}), domain=events_domain())
    assert "POST /events" in routes(plan)


def test_nested_child_drops_the_parent_prefix():
    document = spec("""
        # Feature Specification: Characters
        ## Requirements
        - **FR-001**: Users MUST be able to create a snapshot of a character's current state.
        - **FR-002**: Users MUST be able to retrieve all snapshots for a specific character.
    """)
    character = entity("Character")
    snapshot = entity("CharacterSnapshot", "Character Snapshot",
                      relationships=[Relationship("belongs-to", "Character", "character_id")])
    plan = build_plan(document, domain=DomainModel(entities=[character, snapshot]))
    assert {"POST /api/characters/{character_id}/snapshots", "GET /api/characters/{character_id}/snapshots"} <= routes(plan)


def test_scenario_outcomes_and_negations_do_not_make_routes():
    document = spec("""
        # Feature Specification: Reports
        ## User Scenarios & Testing
        ### User Story 1 - Reports (Priority: P1)
        A clerk files reports.

        **Acceptance Scenarios**:

        1. **Given** a report, **When** the clerk opens the dashboard, **Then** the system deletes the report.
        ## Requirements
        - **FR-001**: Reports cannot be used to restore an archive.
    """)
    domain = DomainModel(entities=[entity("Report"), entity("Archive")])
    plan = build_plan(document, domain=domain)
    assert not any(r.method == "DELETE" for r in plan.routes)
    assert not any(r.path.endswith("/restore") for r in plan.routes)


def test_auth_routes_when_the_spec_has_login():
    document = spec("""
        # Feature Specification: Accounts
        ## Requirements
        - **FR-001**: Visitors MUST be able to sign up with an email and password.
        - **FR-002**: Users MUST be able to log in and log out.
        - **FR-003**: Users MUST be able to reset their password by email.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("User", is_actor=True)]))
    assert {"POST /api/auth/signup", "POST /api/auth/login", "POST /api/auth/logout",
            "POST /api/auth/password-reset", "POST /api/auth/password-reset/confirm"} <= routes(plan)
    assert route(plan, "POST", "/api/auth/login").auth == "public"
    assert route(plan, "POST", "/api/auth/logout").auth == "authenticated"


def test_no_auth_routes_without_accounts(events_plan):
    assert not any("/auth/" in r for r in routes(events_plan))


def test_openspec_and_kiro_statements_produce_routes():
    openspec = parse_spec(textwrap.dedent("""
        # Bookmarks

        ## Purpose
        Keep links.

        ## Requirements

        ### Requirement: Save bookmarks
        Users SHALL be able to add bookmarks and delete bookmarks.

        #### Scenario: add
        - **WHEN** a user adds a bookmark
        - **THEN** it is stored
    """).lstrip("\n"), "openspec/specs/bookmarks/spec.md")
    plan = build_plan(openspec, domain=DomainModel(entities=[entity("Bookmark")]))
    assert {"POST /api/bookmarks", "DELETE /api/bookmarks/{bookmark_id}"} <= routes(plan)
    assert route(plan, "POST", "/api/bookmarks").sources[0].label == "Save bookmarks"
    kiro = parse_spec(textwrap.dedent("""
        # Requirements Document

        ### Requirement 1: Tasks

        **User Story:** As a user, I want to manage my tasks.

        #### Acceptance Criteria

        1. WHEN a user submits the form THE system SHALL create a task
        2. WHEN a user edits a task THE system SHALL update it
    """).lstrip("\n"), ".kiro/specs/tasks/requirements.md")
    plan = build_plan(kiro, domain=DomainModel(entities=[entity("Task")]))
    assert "PUT /api/tasks/{task_id}" in routes(plan)


# ----------------------------------------------------------------------------------------- models

def test_models_have_ids_foreign_keys_indexes_and_states(events_plan):
    models = {m.name: m for m in events_plan.models}
    event = models["Event"]
    fields = {f.name: f for f in event.fields}
    assert fields["id"].primary_key
    assert fields["status"].type == "EventStatus" and fields["status"].default == "draft"
    assert fields["city"].indexed  # filtered by city
    ticket_type = {f.name: f for f in models["TicketType"].fields}
    assert ticket_type["event_id"].foreign_key == "Event.id"
    assert ticket_type["name"].unique
    assert any(index.unique and index.fields == ["name"] for index in models["TicketType"].indexes)
    assert any(e.name == "EventStatus" and e.values == ["draft", "published"] for e in events_plan.enums)


def test_many_to_many_gets_a_link_model():
    document = spec("""
        # Feature Specification: Recipes
        ## Requirements
        - **FR-001**: Users MUST be able to add tags to recipes.
    """)
    recipe = entity("Recipe", relationships=[Relationship("many-to-many", "Tag")])
    plan = build_plan(document, domain=DomainModel(entities=[recipe, entity("Tag")]))
    link = next(m for m in plan.models if m.name == "RecipeTag")
    assert {f.foreign_key for f in link.fields} == {"Recipe.id", "Tag.id"}
    assert any("link table" in a for a in plan.assumptions)


# ----------------------------------------------------------------------------------------- services, errors, integrations

def test_services_per_aggregate_with_steps(events_plan):
    services = {s.name: s for s in events_plan.services}
    assert {"EventService", "TicketTypeService"} <= set(services)
    create = next(m for m in services["TicketTypeService"].methods if m.name == "create_ticket_type")
    assert any("not taken" in step for step in create.steps)
    assert create.sources and create.sources[0].label == "FR-002"


def test_named_integrations_and_their_errors(events_plan):
    assert any(i.name == "Mailer" and i.sources[0].label == "FR-004" for i in events_plan.integrations)
    errors = {e.name: e for e in events_plan.errors}
    assert errors["MailerError"].status == 502
    assert errors["EventNotFoundError"].status == 404
    assert errors["ValidationError"].status == 400
    assert errors["EventNotFoundError"].code == "EVENT_NOT_FOUND"
    assert "error" in events_plan.error_format


def test_rate_limits_give_a_429():
    document = spec("""
        # Feature Specification: API
        ## Requirements
        - **FR-001**: Users MUST be able to create notes.
        - **FR-002**: The API MUST rate limit clients to 100 requests per minute.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Note")]))
    assert any(e.status == 429 for e in plan.errors)


# ----------------------------------------------------------------------------------------- honesty

def test_traceability_and_not_covered(events_plan):
    rows = {row.spec_id: row for row in events_plan.traceability}
    assert "POST /api/events" in rows["FR-001"].routes
    not_covered = {n.spec_id: n.reason for n in events_plan.not_covered}
    assert "FR-006" in not_covered and "interface" in not_covered["FR-006"]
    assert "SC-001" in not_covered and "quality target" in not_covered["SC-001"]
    assert "FR-001" not in not_covered


def test_open_questions_list_clarification_markers():
    document = spec("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: Users MUST be able to create notes [NEEDS CLARIFICATION: who can see them?]
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Note")]))
    assert len(plan.open_questions) == 1 and "who can see them?" in plan.open_questions[0]


def test_assumptions_name_implied_routes(events_plan):
    assert any("GET /api/events/{event_id}" in a for a in events_plan.assumptions)


def test_checklist_has_the_seven_items(events_plan):
    assert len(events_plan.checklist) == 7
    assert events_plan.checklist[-1].met
    assert all(item.why for item in events_plan.checklist)


# ----------------------------------------------------------------------------------------- robustness

@pytest.mark.parametrize("text", ["", "# Title only", "\x00\x01 garbage", "- **FR-001**: " + "create " * 2000,
                                  "## Requirements\n- **FR-001**: Users MUST be able to\n"])
def test_never_raises_and_serialises(text):
    plan = build_plan(parse_spec(text, "spec.md"))
    assert isinstance(to_json(plan), dict)


def test_deterministic(events_plan):
    again = build_plan(spec(EVENTS), domain=events_domain())
    assert to_json(again) == to_json(events_plan)


def test_internal_error_becomes_a_note():
    document = spec(EVENTS)
    broken = DomainModel(entities=[None])  # type: ignore[list-item]
    plan = build_plan(document, domain=broken)
    assert plan.notes and "internal error" in plan.notes[-1]
    assert plan.spec_sha256 == spec_hash(document.text)


CORPUS = SHARED_CORPUS / "real"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="real corpus not available")
def test_fast_on_real_specs():
    from markdown_it import MarkdownIt

    paths = sorted(CORPUS.glob("*/spec.md"))[:12]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    parser = MarkdownIt("commonmark")
    start = time.perf_counter()
    for text in texts:
        parser.parse(text)
    markdown_time = time.perf_counter() - start
    documents = [parse_spec(text, str(p)) for text, p in zip(texts, paths)]
    start = time.perf_counter()
    for document in documents:
        build_plan(document)
    plan_time = time.perf_counter() - start
    assert plan_time <= max(3 * markdown_time, 0.05) * 4  # generous on a shared 2-core machine


# ----------------------------------------------------------------------------------------- route shaping details

def test_its_refers_to_the_thing_the_sentence_is_about():
    document = spec("""
        # Feature Specification: Events
        ## Requirements
        - **FR-001**: Only the event's organizer MAY define its ticket types.
    """)
    domain = DomainModel(entities=[entity("Event"), entity("TicketType", "Ticket Type",
                                                           relationships=[Relationship("belongs-to", "Event")])])
    plan = build_plan(document, domain=domain)
    assert "POST /api/events/{event_id}/ticket-types" in routes(plan)


def test_collection_actions():
    document = spec("""
        # Feature Specification: Tasks
        ## Requirements
        - **FR-001**: Users MUST be able to reorder tasks within a column.
        - **FR-002**: Users MUST be able to export expenses as CSV.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Task"), entity("Expense")]))
    assert {"PATCH /api/tasks/reorder", "GET /api/expenses/export"} <= routes(plan)


def test_scenarios_refine_requirement_resources_but_add_none():
    document = spec("""
        # Feature Specification: Shop
        ## User Scenarios & Testing
        ### User Story 1 - Buy (Priority: P1)
        A shopper buys.

        **Acceptance Scenarios**:

        1. **Given** a product, **When** the shopper creates a cart, **Then** it is empty.
        2. **Given** a product, **When** the shopper deletes the product, **Then** it is gone.
        3. **Given** a product, **When** the shopper searches products, **Then** it is listed.
        ## Requirements
        - **FR-001**: Staff MUST be able to add products.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Product"), entity("Cart")]))
    assert not any("/carts" in r for r in routes(plan))
    # A read a scenario names refines the resource; a write only a scenario mentions is illustration, not a request.
    assert "GET /api/products" in routes(plan)
    assert "DELETE /api/products/{product_id}" not in routes(plan)


def test_a_story_title_asks_like_a_requirement():
    document = spec("""
        # Feature Specification: Shop
        ## User Scenarios & Testing
        ### User Story 1 - Delete Products (Priority: P1)
        A clerk removes a product that is no longer sold; a clerk can also create a coupon on the way.

        ### User Story 2 - Manage Coupons (Priority: P2)
        Clerks look after coupons.
        ## Requirements
        - **FR-001**: Staff MUST be able to add products.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Product"), entity("Coupon")]))
    assert "DELETE /api/products/{product_id}" in routes(plan)
    assert not any("/coupons" in r for r in routes(plan))  # a narrative's create and a title's "manage" ask for nothing


def test_compound_name_nests_under_its_owner_even_a_person():
    document = spec("""
        # Feature Specification: Customers
        ## Requirements
        - **FR-001**: Clerks MUST be able to add customer addresses and delete customer addresses.
    """)
    customer = entity("Customer", is_actor=True)
    address = entity("CustomerAddress", "Customer Address", relationships=[Relationship("belongs-to", "Customer")])
    plan = build_plan(document, domain=DomainModel(entities=[customer, address]))
    assert {"POST /api/customers/{customer_id}/addresses",
            "DELETE /api/customers/{customer_id}/addresses/{customer_address_id}"} <= routes(plan)


def test_domain_ownership_alone_does_not_nest_routes():
    document = spec("""
        # Feature Specification: Orders
        ## Requirements
        - **FR-001**: Shoppers MUST be able to create orders and cancel orders.
        - **FR-002**: Managers MUST be able to add shelves to a store.
    """)
    order = entity("Order", relationships=[Relationship("belongs-to", "Store", ownership=True)],
                   states=StateMachine("status", "OrderStatus", ["open", "cancelled"], initial="open"))
    shelf = entity("Shelf", relationships=[Relationship("belongs-to", "Store", ownership=True)])
    plan = build_plan(document, domain=DomainModel(entities=[order, shelf, entity("Store")]))
    assert {"POST /api/orders", "POST /api/orders/{order_id}/cancel"} <= routes(plan)
    assert "POST /api/stores/{store_id}/shelves" in routes(plan)  # the wording places shelves in a store


# ----------------------------------------------------------------------------------------- refusals become errors

def test_refusals_in_scenarios_become_named_errors_on_the_right_routes(events_plan):
    document = spec("""
        # Feature Specification: Tickets
        ## User Scenarios & Testing
        ### User Story 1 - Check in (Priority: P1)
        Door staff check tickets.

        **Acceptance Scenarios**:

        1. **Given** a checked-in ticket, **When** staff scan it again, **Then** the scan is rejected with "already used".
        2. **Given** a paid order, **When** the attendee cancels it 1 hour before, **Then** the cancellation is refused with "refunds close 48 hours before the event".
        ## Requirements
        - **FR-001**: Staff MUST be able to create tickets.
        - **FR-002**: Attendees MUST be able to cancel orders.
    """)
    order = entity("Order", states=StateMachine("status", "OrderStatus", ["paid", "cancelled"]))
    plan = build_plan(document, domain=DomainModel(entities=[entity("Ticket"), order]))
    errors = {e.name: e for e in plan.errors}
    assert errors["TicketAlreadyUsedError"].status == 409
    assert errors["TicketAlreadyUsedError"].sources[0].label == "US1/AC1"
    assert errors["OrderWindowClosedError"].description == "refunds close 48 hours before the event"
    cancel = route(plan, "POST", "/api/orders/{order_id}/cancel")
    assert any(e.error == "OrderWindowClosedError" for e in cancel.errors)
    assert plan.checklist[4].met


def test_duplicate_and_validation_refusals():
    document = spec("""
        # Feature Specification: Accounts
        ## Edge Cases
        - A second account with the same email is rejected.
        - A title longer than 120 characters is refused as invalid.
        ## Requirements
        - **FR-001**: Admins MUST be able to create accounts and projects.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Account"), entity("Project")]))
    errors = {e.name: e for e in plan.errors}
    assert errors["AccountAlreadyExistsError"].status == 409
    assert any(s.label == "Edge Cases #2" for s in errors["ValidationError"].sources)


def test_own_records_are_owner_only():
    document = spec("""
        # Feature Specification: Orders
        ## Requirements
        - **FR-001**: Attendees MUST be able to cancel their own orders.
    """)
    order = entity("Order", states=StateMachine("status", "OrderStatus", ["paid", "cancelled"]))
    plan = build_plan(document, domain=DomainModel(entities=[order, entity("Attendee", is_actor=True)],
                                                   actors=["attendee"]))
    assert route(plan, "POST", "/api/orders/{order_id}/cancel").auth == "owner"


def test_the_owner_is_a_role_when_the_spec_has_owners_among_its_people():
    document = spec("""
        # Feature Specification: Shifts
        ## Requirements
        - **FR-001**: The owner MUST be able to edit shifts.
        - **FR-002**: Employees MUST be able to cancel their own shifts.
    """)
    shift = entity("Shift", states=StateMachine("status", "ShiftStatus", ["planned", "cancelled"]))
    people = [entity("Owner", is_actor=True), entity("Employee", is_actor=True)]
    plan = build_plan(document, domain=DomainModel(entities=[shift, *people], actors=["owner", "employee"]))
    # "the owner" names the business owner: a role, not the owner of the shift
    assert route(plan, "PUT", "/api/shifts/{shift_id}").auth == "role:owner"
    assert route(plan, "POST", "/api/shifts/{shift_id}/cancel").auth == "owner"


def test_who_acts_is_read_from_the_verbs_own_sentence_and_clause():
    document = spec("""
        # Feature Specification: Reviews
        ## User Scenarios & Testing
        ### User Story 1 - Reviews (Priority: P1)
        A signed-in customer whose order was delivered can rate it with a short comment. Staff approve or reject
        reviews.

        **Acceptance Scenarios**:

        1. **Given** a new review, **Then** it is hidden from the public until an admin approves it.
    """)
    review = entity("Review", states=StateMachine("status", "ReviewStatus", ["pending", "approved", "rejected"]))
    people = [entity("Customer", is_actor=True), entity("Staff", is_actor=True), entity("Admin", is_actor=True)]
    plan = build_plan(document, domain=DomainModel(entities=[review, *people], actors=["customer", "staff", "admin"]))
    approve = route(plan, "POST", "/api/reviews/{review_id}/approve")
    assert approve.auth.startswith("role:") and "customer" not in approve.auth  # never public, never the customer
    assert "staff" in route(plan, "POST", "/api/reviews/{review_id}/reject").auth


def test_an_actors_name_before_a_word_for_a_person_is_not_that_actor():
    document = spec("""
        # Feature Specification: Shared budgets
        ## Requirements
        - **FR-001**: An account manager MUST be able to archive budgets.
        - **FR-002**: An account MUST be able to export budgets.
    """)
    budget = entity("Budget", states=StateMachine("status", "BudgetStatus", ["open", "archived"]))
    plan = build_plan(document, domain=DomainModel(entities=[budget, entity("Account", is_actor=True)], actors=["account"]))
    assert route(plan, "POST", "/api/budgets/{budget_id}/archive").auth == "role:manager"
    assert route(plan, "GET", "/api/budgets/export").auth == "role:account"


def test_a_relative_clause_has_its_own_subject():
    document = spec("""
        # Feature Specification: Directory
        ## Requirements
        - **FR-001**: System MUST provide a client directory where managers can add, edit, and view clients.
    """)
    client = entity("Client", attributes=[Attribute("name", "str")])
    plan = build_plan(document, domain=DomainModel(entities=[client, entity("Manager", is_actor=True)],
                                                   actors=["manager"]))
    assert route(plan, "POST", "/api/clients").auth == "role:manager"
    assert route(plan, "PUT", "/api/clients/{client_id}").auth == "role:manager"


def test_a_roles_name_before_a_noun_names_a_thing_not_a_second_person():
    document = spec("""
        # Feature Specification: Directory

        ### User Story 1 - Manager Manages Client Directory (Priority: P1)

        A manager maintains a directory of clients.

        **Acceptance Scenarios**:

        1. **Given** the manager is in the client directory, **When** they add a new client, **Then** it is listed.

        ## Requirements
        - **FR-001**: Managers MUST be able to add clients.
    """)
    people = [entity("Manager", is_actor=True), entity("Client", is_actor=True, attributes=[Attribute("name", "str")])]
    plan = build_plan(document, domain=DomainModel(entities=people, actors=["manager", "client"]))
    assert route(plan, "POST", "/api/clients").auth == "role:manager"


def test_assigning_to_some_of_the_spec_s_people_is_an_action():
    document = spec("""
        # Feature Specification: Cases
        ## Requirements
        - **FR-001**: System MUST allow managers to assign tasks to one or more engineers.
        - **FR-002**: Lawyers MUST be able to assign cases to paralegals.
    """)
    people = [entity(name, is_actor=True) for name in ("Manager", "Engineer", "Lawyer", "Paralegal")]
    plan = build_plan(document, domain=DomainModel(entities=[entity("Task"), entity("Case"), *people],
                                                   actors=["manager", "engineer", "lawyer", "paralegal"]))
    assert route(plan, "POST", "/api/tasks/{task_id}/assign").auth == "role:manager"
    assert route(plan, "POST", "/api/cases/{case_id}/assign").auth == "role:lawyer"


def test_changing_a_column_of_a_thing_changes_the_thing():
    document = spec("""
        # Feature Specification: Board
        ## Requirements
        - **FR-001**: System MUST provide a board view with drag-and-drop functionality to change task status.
        - **FR-002**: Engineers MUST only change status on tasks assigned to them.
        - **FR-003**: Managers MUST be able to monitor the current stage of all leads.
        - **FR-004**: Managers MUST be able to write notes for each lead.
    """)
    task = entity("Task", attributes=[Attribute("title", "str"), Attribute("status", "str")])
    lead = entity("Lead", attributes=[Attribute("stage", "str")])
    people = [entity("Engineer", is_actor=True), entity("Manager", is_actor=True)]
    plan = build_plan(document, domain=DomainModel(entities=[task, lead, *people], actors=["engineer", "manager"]))
    assert "PUT /api/tasks/{task_id}" in routes(plan)
    assert "GET /api/leads" in routes(plan)
    # `notes` is no column of a lead: writing notes for one still asks for nothing the spec models.
    assert not any(r.method in ("POST", "PUT") and r.path.startswith("/api/leads") for r in plan.routes)


def test_changing_a_list_of_parts_of_a_thing_changes_the_thing():
    document = spec("""
        # Feature Specification: Links
        ## Requirements
        - **FR-001**: Users CAN update the Target URL, Tags, or Settings of an existing link.
        - **FR-002**: Users MUST be able to read the history, the owners and the audits of a report.
        - **FR-003**: Users MUST be able to create links.
    """)
    link = entity("Link", attributes=[Attribute("slug", "str"), Attribute("tags", "str")])
    report = entity("Report", attributes=[Attribute("title", "str")])
    plan = build_plan(document, domain=DomainModel(entities=[link, report, entity("User", is_actor=True)],
                                                   actors=["user"]))
    assert "PUT /api/links/{link_id}" in routes(plan)
    # None of the parts listed is a column of the report: what is read is not the report itself.
    assert not any(r.path.startswith("/api/reports") for r in plan.routes)


def test_removing_a_person_from_a_thing_removes_their_record_not_their_account():
    document = spec("""
        # Feature Specification: Projects
        ## Requirements
        - **FR-001**: Owners MUST be able to remove members from a project.
        - **FR-002**: Organizers MUST be able to remove players from event registrations.
    """)
    project, event = entity("Project"), entity("Event")
    member, player = entity("Member", is_actor=True), entity("Player")
    membership = entity("Membership", relationships=[Relationship("belongs-to", "Member", "member_id"),
                                                     Relationship("belongs-to", "Project", "project_id")])
    registration = entity("EventRegistration", "Event Registration", relationships=[
        Relationship("belongs-to", "Player", "player_id"), Relationship("belongs-to", "Event", "event_id", ownership=True)])
    plan = build_plan(document, domain=DomainModel(
        entities=[project, event, member, player, membership, registration, entity("Owner", is_actor=True),
                  entity("Organizer", is_actor=True)], actors=["owner", "organizer", "member"]))
    deletes = {r.path for r in plan.routes if r.method == "DELETE"}
    assert not any(path.startswith(("/api/members", "/api/players")) for path in deletes), deletes
    assert any("memberships" in path for path in deletes), deletes
    assert any("registrations" in path for path in deletes), deletes


def test_a_write_restricted_to_a_role_is_that_roles():
    document = spec("""
        # Feature Specification: Desk
        ## Requirements
        - **FR-001**: System MUST restrict account creation to managers only — no self-registration is allowed.
        - **FR-002**: System MUST limit deletion of tickets to managers.
        - **FR-003**: System MUST restrict duplication of tickets to managers.
    """)
    people = [entity("User", is_actor=True), entity("Manager", is_actor=True)]
    plan = build_plan(document, domain=DomainModel(entities=[entity("Ticket"), *people], actors=["user", "manager"]))
    assert route(plan, "POST", "/api/users").auth == "role:manager"
    assert route(plan, "DELETE", "/api/tickets/{ticket_id}").auth == "role:manager"
    assert route(plan, "POST", "/api/tickets/{ticket_id}/duplicate").auth == "role:manager"


def test_ears_response_is_not_a_request_unless_it_lets_someone_act():
    kiro = parse_spec(textwrap.dedent("""
        # Requirements Document

        ### Requirement 1: Labels

        **User Story:** As a maintainer, I want labels, so that I can triage.

        #### Acceptance Criteria

        1. WHEN an issue is opened, THE Labeler SHALL create a label
        2. WHEN a maintainer is signed in, THE system SHALL allow the maintainer to delete a report
    """).lstrip("\n"), ".kiro/specs/labels/requirements.md")
    plan = build_plan(kiro, domain=DomainModel(entities=[entity("Label"), entity("Report")]))
    assert "POST /api/labels" not in routes(plan)
    assert "DELETE /api/reports/{report_id}" in routes(plan)


def test_passive_requests_name_the_object_first():
    document = spec("""
        # Feature Specification: Returns
        ## Requirements
        - **FR-001**: System MUST allow vendor returns to be created and linked to an order.
        - **FR-002**: Published articles MUST NOT be deleted.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("VendorReturn", "Vendor Return"), entity("Article")]))
    assert "POST /api/vendor-returns" in routes(plan)
    assert not any(r.method == "DELETE" for r in plan.routes)




_WORDS = st.sampled_from(["- **FR-001**:", "Users", "MUST", "create", "delete", "events", "Event", "ticket types", "its",
                          "their own", "When", "Then", "Given", "refused", "\"sold out\"", "SHALL", "to be created", ",",
                          ".", "\n", "## Requirements\n", "### User Story 1 - X (Priority: P1)\n", "[NEEDS CLARIFICATION: x]",
                          "log in", "upload", "email", "per event", "of a", "list", "filtered by city", "'s"])


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, max_size=80))
def test_never_raises_on_spec_like_noise(words):
    plan = build_plan(parse_spec(" ".join(words), "spec.md"), domain=events_domain())
    assert not any("internal error" in note for note in plan.notes)
    for r in plan.routes:
        assert r.path.startswith("/api/") and r.sources


def test_routes_the_spec_writes_out_are_kept_as_written():
    document = spec("""
        # Feature Specification: Credits
        ## Requirements
        - **FR-001**: Users MUST be able to edit widgets.
        - **FR-002**: The API exposes `PUT /api/v1/widgets/{id}` for updates and `GET /api/credits/balance?user=1`.

        ```
        POST /api/credits/purchase
        ```
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Widget")]))
    got = routes(plan)
    assert {"PUT /api/v1/widgets/{id}", "GET /api/credits/balance", "POST /api/credits/purchase"} <= got
    assert "PUT /api/widgets/{widget_id}" not in got  # the written path wins
    patch = build_plan(document, Settings.model_validate({"plan": {"update_method": "PATCH"}}),
                       domain=DomainModel(entities=[entity("Widget")]))
    assert "PUT /api/v1/widgets/{id}" in routes(patch)
    assert not any(r.method == "PATCH" for r in patch.routes)  # the spec chose PUT for this path
    assert route(plan, "GET", "/api/credits/balance").sources[0].label == "FR-002"
    assert route(plan, "POST", "/api/credits/purchase").service_method == "CreditService.post_purchase"


def test_a_refused_attempt_does_not_grant_its_role():
    document = spec("""
        # Feature Specification: Board
        ## User Scenarios & Testing
        ### User Story 1 - Tasks (Priority: P1)
        Editors change tasks.

        **Acceptance Scenarios**:

        1. **Given** a viewer, **When** the viewer tries to edit a task, **Then** the edit is refused.
        ## Requirements
        - **FR-001**: Editors MUST be able to edit tasks.
    """)
    domain = DomainModel(entities=[entity("Task")], actors=["editor", "viewer"])
    plan = build_plan(document, domain=domain)
    assert route(plan, "PUT", "/api/tasks/{task_id}").auth == "role:editor"


def test_a_written_base_path_places_the_collection():
    document = spec("""
        # Feature Specification: Tenancy
        ## Requirements
        - **FR-001**: Superadmins MUST be able to create organizations in the platform area (`/platform/organizations`).
        - **FR-002**: Superadmins MUST be able to add users to an organization.
    """)
    organization = entity("Organization")
    user = entity("User", relationships=[Relationship("belongs-to", "Organization", ownership=True)])
    plan = build_plan(document, domain=DomainModel(entities=[organization, user]))
    got = routes(plan)
    assert {"POST /api/platform/organizations",
            "POST /api/platform/organizations/{organization_id}/users"} <= got
    assert any("/platform/organizations" in a for a in plan.assumptions)


def test_coordinated_modals_share_the_system_subject():
    document = spec("""
        # Feature Specification: Stock
        ## Requirements
        - **FR-001**: System MUST require the user to pick a location and MUST update the location immediately.
        - **FR-002**: Clerks MUST be able to create receipts.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Location"), entity("Receipt")]))
    assert not any(r.method in ("PUT", "PATCH") for r in plan.routes)
    assert "POST /api/receipts" in routes(plan)


def test_nested_create_takes_the_parent_from_the_path_not_the_body():
    document = spec("""
        # Feature Specification: Events
        ## Requirements
        - **FR-001**: Organizers MUST be able to add ticket types to an event.
    """)
    ticket_type = entity("TicketType", "Ticket Type", attributes=[Attribute("name", "str")],
                         relationships=[Relationship("belongs-to", "Event", "event_id")])
    plan = build_plan(document, domain=DomainModel(entities=[entity("Event"), ticket_type]))
    create = route(plan, "POST", "/api/events/{event_id}/ticket-types")
    assert [p.name for p in create.request] == ["name"]


def test_update_method_comes_from_settings_and_partial_updates_stay_patch():
    document = spec("""
        # Feature Specification: Notes
        ## Requirements
        - **FR-001**: Users MUST be able to edit notes.
        - **FR-002**: Users MUST be able to partially update their profiles (only the changed fields are sent).
    """)
    domain = DomainModel(entities=[entity("Note"), entity("Profile")])
    plan = build_plan(document, domain=domain)
    assert {"PUT /api/notes/{note_id}", "PATCH /api/profiles/{profile_id}"} <= routes(plan)
    assert route(plan, "PUT", "/api/notes/{note_id}").service_method == "NoteService.update_note"
    patch = build_plan(document, Settings.model_validate({"plan": {"updateMethod": "PATCH"}}), domain=domain)
    assert "PATCH /api/notes/{note_id}" in routes(patch)
    assert not any(r.method == "PUT" for r in patch.routes)


def test_update_method_setting_rejects_other_methods():
    from analysis.config import load_settings
    settings, messages = load_settings({"plan": {"updateMethod": "POST"}})
    assert settings.plan.update_method == "PUT" and any("update" in m.casefold() for m in messages)


def test_signed_in_users_alone_make_no_auth_routes():
    document = spec("""
        # Feature Specification: Events
        ## User Scenarios & Testing
        ### User Story 1 - RSVP (Priority: P1)
        As a logged-in member, I want to RSVP to an event.

        **Acceptance Scenarios**:

        1. **Given** I am logged in, **When** I RSVP to an event, **Then** my RSVP is saved.
        ## Requirements
        - **FR-001**: Members MUST be able to RSVP to events; cards show what changed since last login.
        - **FR-002**: Email addresses MUST be unique because they serve as login credentials.
        - **FR-003**: Members MUST be able to export reports for use elsewhere (e.g., a manual browser login).
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Event"), entity("Member", is_actor=True)]))
    assert not any("/auth/" in r for r in routes(plan))


def test_a_sign_in_requirement_builds_the_session_routes():
    document = spec("""
        # Feature Specification: Clinic
        ## Requirements
        - **FR-001**: System MUST authenticate patients via email address with JWT token-based sessions.
        - **FR-002**: Managers MUST create the accounts; no self-registration is allowed.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Patient", is_actor=True)]))
    got = routes(plan)
    assert {"POST /api/auth/login", "POST /api/auth/logout", "POST /api/auth/refresh"} <= got
    assert "POST /api/auth/register" not in got  # refused in the spec
    assert any("POST /api/auth/logout" in a for a in plan.assumptions)  # inferred, and said so


def test_every_transition_of_a_resource_is_an_action_route():
    document = spec("""
        # Feature Specification: Purchasing
        ## Requirements
        - **FR-001**: Clerks MUST be able to create purchase orders.
        - **FR-002**: A purchase order goes draft → submitted → approved → shipped; unpaid orders expire.
        - **FR-003**: When every line is received, the order advances to `received` automatically.
    """)
    machine = StateMachine("status", "PurchaseOrderStatus", ["draft", "submitted", "approved", "shipped", "expired", "received"],
                           initial="draft",
                           transitions=[Transition("draft", "submitted", "submit"), Transition("submitted", "approved", "approve"),
                                        Transition("approved", "shipped", "ship"), Transition("draft", "expired", "expire"),
                                        Transition("shipped", "received", "receive"),
                                        Transition("draft", "submitted", "statu"), Transition("draft", "approved", "")])
    order = entity("PurchaseOrder", "Purchase Order", states=machine)
    plan = build_plan(document, domain=DomainModel(entities=[order, entity("Vendor", states=machine)]))
    actions = {r for r in routes(plan) if r.startswith("POST /api/purchase-orders/{purchase_order_id}/")}
    assert actions == {f"POST /api/purchase-orders/{{purchase_order_id}}/{verb}" for verb in ("submit", "approve", "ship")}
    assert not any("/vendors" in r for r in routes(plan))  # nobody acts on vendors: their states make no routes
    assert any("moves from approved to shipped" in a for a in plan.assumptions)


def test_a_thing_there_is_one_of_has_no_id():
    document = spec("""
        # Feature Specification: Kanban
        ## Requirements
        - **FR-001**: Users MUST be able to view the board with its columns.
        - **FR-002**: Users MUST be able to create tasks and view a task.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Board"), entity("Task")]))
    got = routes(plan)
    assert "GET /api/board" in got and not any("/boards" in r for r in got)
    assert "GET /api/tasks/{task_id}" in got  # created, so many of them


def test_a_transition_the_spec_already_reaches_with_its_own_verb_adds_no_route():
    document = spec("""
        # Feature Specification: Patients
        ## Requirements
        - **FR-001**: Clerks MUST be able to deactivate and reactivate patients.
    """)
    machine = StateMachine("status", "PatientStatus", ["active", "inactive"], initial="active",
                           transitions=[Transition("active", "inactive", "deactivate"),
                                        Transition("inactive", "active", "activate")])
    plan = build_plan(document, domain=DomainModel(entities=[entity("Patient", states=machine)]))
    actions = {r.path.rsplit("/", 1)[-1] for r in plan.routes if r.method == "POST" and r.path.endswith(("activate"))}
    assert actions == {"deactivate", "reactivate"}


def test_an_edge_case_adds_no_auth_route_of_its_own():
    document = spec("""
        # Feature Specification: Shop
        ## User Scenarios & Testing
        ### Edge Cases
        - What happens when the access token expires during checkout?
        ## Requirements
        - **FR-001**: Users MUST be able to log in with email and password.
    """)
    got = routes(build_plan(document, domain=DomainModel(entities=[entity("User", is_actor=True)])))
    assert "POST /api/auth/login" in got and "POST /api/auth/refresh" not in got


def test_http_method_names_in_prose_are_not_actions():
    document = spec("""
        # Feature Specification: Scaffold
        ## Requirements
        - **FR-001**: System MUST include example routes demonstrating common patterns (GET, POST, DELETE, request bodies).
        - **FR-002**: Developers MUST be able to get a request by id.
    """)
    got = routes(build_plan(document, domain=DomainModel(entities=[entity("Request")])))
    assert got == {"GET /api/requests/{request_id}"}


def test_restoring_from_the_trash_lists_the_trash():
    document = spec("""
        # Feature Specification: Notes
        ## Requirements
        - **FR-001**: Users MUST be able to delete notes (moved to the trash).
        - **FR-002**: Users MUST be able to restore notes from the trash within 30 days.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Note")]))
    assert "GET /api/notes/trash" in routes(plan)
    trash = route(plan, "GET", "/api/notes/trash")
    assert {s.label for s in trash.sources} == {"FR-001", "FR-002"}
    assert trash.response == "list[Note]"


def test_a_trash_nobody_restores_from_adds_no_route():
    document = spec("""
        # Feature Specification: Notes
        ## Requirements
        - **FR-001**: Users MUST be able to delete notes (moved to the trash).
        - **FR-002**: System MUST automatically purge trashed notes after 30 days.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Note")]))
    assert "DELETE /api/notes/{note_id}" in routes(plan)
    assert not any(r.path.endswith("/trash") for r in plan.routes)


def test_each_role_that_registers_gets_its_own_sign_up():
    document = spec("""
        # Feature Specification: Clinic
        ## Requirements
        - **FR-001**: Visitors MUST be able to register as a patient with email and password.
        - **FR-002**: Visitors MUST be able to register as a doctor with their licence number.
        - **FR-003**: Users MUST be able to log in and log out.
    """)
    domain = DomainModel(entities=[entity("Patient"), entity("Doctor")])
    plan = build_plan(document, domain=domain)
    assert {"POST /api/auth/register/patient", "POST /api/auth/register/doctor"} <= routes(plan)
    assert "POST /api/auth/register" not in routes(plan)
    assert [s.label for s in route(plan, "POST", "/api/auth/register/doctor").sources] == ["FR-002"]


def test_sign_up_stays_one_route_when_a_statement_names_no_role():
    document = spec("""
        # Feature Specification: Clinic
        ## Requirements
        - **FR-001**: Visitors MUST be able to register as a patient with email and password.
        - **FR-002**: Users MUST be able to sign up and log in.
        - **FR-003**: Users MUST be able to register as a user with an email.
    """)
    domain = DomainModel(entities=[entity("Patient"), entity("User", is_actor=True)])
    plan = build_plan(document, domain=domain)
    assert "POST /api/auth/register" in routes(plan)
    assert not any(r.path.startswith("/api/auth/register/") for r in plan.routes)


def test_a_role_of_an_account_entity_gets_its_own_sub_collection():
    document = spec("""
        # Feature Specification: Tenancy
        ## Requirements
        - **FR-001**: Superadmins MUST be able to create organizations and create the first manager user for each organization.
        - **FR-002**: Managers MUST be able to create users within their organization.
    """)
    domain = DomainModel(actors=["superadmin", "organization_manager"], entities=[
        entity("Organization"), entity("User", is_actor=True, relationships=[Relationship("belongs-to", "Organization")])])
    plan = build_plan(document, domain=domain)
    assert {"POST /api/organizations/{organization_id}/managers", "GET /api/organizations/{organization_id}/managers",
            "POST /api/organizations/{organization_id}/users"} <= routes(plan)
    managers = route(plan, "POST", "/api/organizations/{organization_id}/managers")
    assert [s.label for s in managers.sources] == ["FR-001"]
    assert managers.service_method == "UserService.create_manager"


def test_a_word_that_is_no_role_does_not_split_the_collection():
    document = spec("""
        # Feature Specification: Tenancy
        ## Requirements
        - **FR-001**: Admins MUST be able to create the first new user for each organization.
    """)
    domain = DomainModel(actors=["admin"], entities=[
        entity("Organization"), entity("User", is_actor=True, relationships=[Relationship("belongs-to", "Organization")])])
    plan = build_plan(document, domain=domain)
    assert "POST /api/organizations/{organization_id}/users" in routes(plan)
    assert not any(r.path.endswith(("/admins", "/news")) for r in plan.routes)


def test_a_lookup_by_key_asks_for_a_read_by_id():
    document = spec("""
        # Feature Specification: Stock
        ## Requirements
        - **FR-001**: System MUST provide lookup by serial that returns its state history.
        - **FR-002**: Users MUST be able to create transfers.
    """)
    domain = DomainModel(entities=[entity("Serial"), entity("Transfer")])
    plan = build_plan(document, domain=domain)
    assert "GET /api/serials/{serial_id}" in routes(plan)
    assert [s.label for s in route(plan, "GET", "/api/serials/{serial_id}").sources] == ["FR-001"]


def test_a_lookup_only_a_scenario_mentions_adds_no_route():
    document = spec("""
        # Feature Specification: Stock
        ## User Scenarios & Testing
        ### User Story 1 - Move stock (Priority: P1)
        A clerk moves stock.

        **Acceptance Scenarios**:

        1. **Given** a transfer, **When** the clerk needs a serial lookup, **Then** it is shown.
        ## Requirements
        - **FR-001**: Users MUST be able to create transfers.
        - **FR-002**: System MUST NOT offer lookup by serial to cashiers.
    """)
    domain = DomainModel(entities=[entity("Serial"), entity("Transfer")])
    plan = build_plan(document, domain=domain)
    assert not any("/serials" in r.path for r in plan.routes)


def test_suggestions_the_system_computes_get_a_route_outside_the_collection():
    document = spec("""
        # Feature Specification: Recipes
        ## Requirements
        - **FR-001**: Users MUST be able to create recipes and tags.
        - **FR-002**: System MUST suggest relevant tags for a recipe based on its ingredients.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Recipe"), entity("Tag")]))
    suggest = route(plan, "POST", "/api/suggest-tags")
    assert [s.label for s in suggest.sources] == ["FR-002"]
    assert suggest.response == "list[Tag]"


def test_suggestions_a_story_mentions_or_a_requirement_forbids_add_no_route():
    document = spec("""
        # Feature Specification: Recipes
        ## User Scenarios & Testing
        ### User Story 1 - Cook (Priority: P1)
        As a cook, I want the system to suggest tags for my recipes.
        ## Requirements
        - **FR-001**: Users MUST be able to create recipes and tags.
        - **FR-002**: System MUST NOT recommend tags from other users.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Recipe"), entity("Tag")]))
    assert not any(r.path.endswith(("suggest-tags", "recommend-tags")) for r in plan.routes)


def test_how_a_screen_lays_things_out_asks_for_no_read():
    document = spec("""
        # Feature Specification: Board
        ## Requirements
        - **FR-001**: Users MUST be able to create tasks.
        - **FR-002**: System MUST display columns in a horizontal layout on desktop screens.
        - **FR-003**: System MUST display tasks with their due dates.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Task"), entity("Column")]))
    assert not any("/columns" in r.path for r in plan.routes)
    assert "GET /api/tasks" in routes(plan)


def test_statement_words_and_offsets_match_the_word_pattern_for_any_text() -> None:
    """The designer's words (hyphenated ones whole) and their offsets: shared with inference's word split for ASCII
    text, read with the word pattern otherwise; the same either way, also where case folding changes lengths."""
    import re

    from analysis.plan.design_text import tokens

    pattern = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
    for text in ("Users can check-in at the front desk", "FR-001: a user - or an admin - creates tags",
                 "-lead and trail-", "Die Straße", "naïve café", "x--y", "snake_case words", ""):
        lowered = text.casefold()
        source = lowered if len(lowered) == len(text) else text
        expected = [(m.span(), m.group().casefold()) for m in pattern.finditer(source)]
        spans, words = tokens(text)
        assert list(zip(spans, words)) == expected, text


def test_articles_follow_how_the_name_sounds() -> None:
    from analysis.plan.design_text import with_article

    assert [with_article(noun) for noun in ("Order", "Project", "User", "Unit", "URL", "Umbrella", "Hour", "SMS",
                                            "Hotel", "Euro")] == \
        ["an Order", "a Project", "a User", "a Unit", "a URL", "an Umbrella", "an Hour", "an SMS", "a Hotel", "a Euro"]


def test_a_requirement_that_gives_an_operation_to_users_is_not_narrowed_by_another_role() -> None:
    document = spec("""
        # Feature Specification: Market
        ## Requirements
        - **FR-001**: Users MUST be able to create listings with a title and a price.
        - **FR-002**: Administrators MUST be able to create listings in bulk for other users.
        - **FR-003**: Users MUST be able to edit listings.
        - **FR-004**: Only administrators can edit listings after they expire.
        - **FR-005**: HR users MUST be able to create employees.
        - **FR-006**: Users MUST be able to delete employees.
    """)
    listing, employee = entity("Listing"), entity("Employee")
    people = [entity("Administrator", is_actor=True), entity("Hr", is_actor=True)]
    plan = build_plan(document, domain=DomainModel(entities=[listing, employee, *people], actors=["admin", "hr"]))
    # FR-001 gives creation to any signed-in user: the administrators' bulk upload does not make it admin-only.
    assert route(plan, "POST", "/api/listings").auth == "authenticated"
    # "Only administrators" limits it, whatever another requirement grants.
    assert route(plan, "PUT", "/api/listings/{listing_id}").auth == "role:admin"
    # "HR users" are a role, not users in general.
    assert route(plan, "POST", "/api/employees").auth == "role:hr"


def test_a_new_top_level_record_has_no_owner_to_check_yet() -> None:
    document = spec("""
        # Feature Specification: Notes
        ## Requirements
        - **FR-001**: Users MUST be able to create their own notes and delete their own notes.
        - **FR-002**: Users MUST sign in with an email and a password to see their notes.
    """)
    plan = build_plan(document, domain=DomainModel(entities=[entity("Note"), entity("User", is_actor=True)], actors=["user"]))
    assert route(plan, "POST", "/api/notes").auth == "authenticated"
    assert route(plan, "DELETE", "/api/notes/{note_id}").auth == "owner"


def test_derived_routes_use_the_prefix_the_specs_own_routes_share() -> None:
    text = """
        # Feature Specification: Tasks
        ## Requirements
        - **FR-001**: Users MUST be able to create tasks and list tasks.
        - **FR-002**: The API MUST expose `GET /api/v1/users/{userId}` for a user's profile.
    """
    domain = DomainModel(entities=[entity("Task"), entity("User", is_actor=True)], actors=["user"])
    plan = build_plan(spec(text), domain=domain)
    assert {"POST /api/v1/tasks", "GET /api/v1/tasks", "GET /api/v1/users/{userId}"} <= routes(plan)
    assert any("`/api/v1`" in line for line in plan.assumptions)
    # A prefix the user chose wins over the spec's.
    chosen = build_plan(spec(text), Settings.model_validate({"plan": {"api_prefix": "/svc"}}), domain=domain)
    assert "POST /svc/tasks" in routes(chosen)


def test_a_shorthand_route_without_the_prefix_is_the_written_route_and_the_prefix_still_holds() -> None:
    text = """
        # Feature Specification: Stock
        ## Clarifications
        - Q: How do managers see low stock? → A: Only by querying GET /low-stock.
        ## Requirements
        - **FR-001**: System MUST provide an API endpoint to query inventory status for a product by product ID.
        - **FR-002**: The API exposes `GET /v1/inventory/{product_id}`, `GET /v1/inventory/low-stock` and
          `POST /v1/inventory/{product_id}/reserve`.
        ### Key Entities
        - **Inventory**: the stock of one product: product ID, total quantity, reserved quantity.
    """
    got = routes(build_plan(spec(text)))
    assert "GET /low-stock" not in got and "GET /v1/inventory/low-stock" in got
    # the prefix three in four written routes share; "by product ID" reads one, the written detail route
    assert "GET /v1/inventory/{product_id}" in got and "GET /v1/inventory" not in got and "GET /api/inventory" not in got


def test_routes_written_under_a_scope_of_parameters_take_the_derived_ones_and_their_shorthand() -> None:
    text = """
        # Feature Specification: Tasks
        ## Requirements
        - **FR-001**: Users MUST be able to create, list, update and delete their tasks, and complete a task.
        - **FR-002**: The API exposes `GET /api/{user_id}/tasks`, `POST /api/{user_id}/tasks`,
          `PUT /api/{user_id}/tasks/{id}`, `DELETE /api/{user_id}/tasks/{id}` and
          `PATCH /api/{user_id}/tasks/{id}/complete`; clients call `PUT /tasks/{id}` to edit one.
        ### Key Entities
        - **Task**: a thing to do, with a title and a status (open, completed).
    """
    got = routes(build_plan(spec(text)))
    assert {"GET /api/{user_id}/tasks", "POST /api/{user_id}/tasks", "PUT /api/{user_id}/tasks/{id}",
            "DELETE /api/{user_id}/tasks/{id}", "PATCH /api/{user_id}/tasks/{id}/complete"} <= got
    assert not any(key.startswith(("GET /api/tasks", "POST /api/tasks", "PUT /tasks", "PUT /api/tasks")) for key in got)


def test_a_gerund_that_is_a_subject_asks_for_nothing() -> None:
    text = """
        # Feature Specification: Stock
        ## Requirements
        - **FR-001**: System MUST treat inventory updates and event publishing as atomic: if event publishing fails,
          the inventory operation MUST be rolled back.
    """
    domain = DomainModel(entities=[entity("Inventory")])
    assert not any("publish" in key for key in routes(build_plan(spec(text), domain=domain)))


def test_a_first_column_named_for_the_entity_itself_is_its_primary_key() -> None:
    document = spec("""
        # Feature Specification: Chat
        ## Requirements
        - **FR-001**: Users MUST be able to create conversations.
        ### Key Entities
        - **User**: a learner. Key attributes: `user_id`, `display_name`, `email`.
        - **Conversation**: one session. Key attributes: `conversation_id`, `user_id`, `start_time`.
    """)
    plan = build_plan(document)
    conversation = next(m for m in plan.models if m.name == "Conversation")
    names = [f.name for f in conversation.fields]
    # The spec's name is the primary key's name: one key, not `id` beside a second identifier.
    assert names[0] == "conversation_id" and conversation.fields[0].primary_key and "id" not in names
    assert names.count("conversation_id") == 1
    user_key = next(f for f in conversation.fields if f.name == "user_id")  # the key to the User is not its own id
    assert not user_key.primary_key and user_key.foreign_key == "User.user_id"
    user = next(m for m in plan.models if m.name == "User")
    assert [f.name for f in user.fields if f.primary_key] == ["user_id"]
    create = next(r for r in plan.routes if r.method == "POST" and r.resource == "Conversation")
    assert "conversation_id" not in {p.name for p in create.request}


TITLES = """
    # Feature Specification: Movies
    ## User Scenarios & Testing
    ### User Story 1 - Add entries (Priority: P1)
    Members add movies to a shared list.
    **Acceptance Scenarios**:
    1. **Given** I try to add an entry with a duplicate title, **When** I submit the form, **Then** I receive an error message that the title already exists
    2. **Given** no entries match, **When** I filter, **Then** I see an empty list with appropriate message
    3. **Given** I'm an admin user, **When** I try to delete a platform that's in use, **Then** I receive an error message preventing deletion
    ## Requirements
    - **FR-001**: Users MUST sign in with an email and a password.
    - **FR-002**: Users MUST be able to create entries and edit entries.
    - **FR-003**: Admins MUST be able to delete platforms.
    - **FR-004**: System MUST prevent deletion of platforms that are in use.
    ### Key Entities
    - **User**: a person with an email.
    - **Entry**: Represents a movie or series with unique title and creator reference (created by).
    - **Platform**: a streaming service with a name.
"""


def test_who_created_a_record_comes_from_the_session_not_the_body() -> None:
    plan = build_plan(spec(TITLES))
    create = route(plan, "POST", "/api/entries")
    assert "created_by" not in {p.name for p in create.request}
    entry = next(m for m in plan.models if m.name == "Entry")
    assert "created_by" in {f.name for f in entry.fields}
    method = next(m for s in plan.services for m in s.methods if m.name == "create_entry")
    assert any("created_by to the signed-in account" in step for step in method.steps)


def test_enum_names_do_not_repeat_the_model_name() -> None:
    entry = next(m for m in build_plan(spec(TITLES)).models if m.name == "Entry")
    assert next(f for f in entry.fields if f.name == "entry_type").type == "EntryType"


def test_refusals_read_as_people_wrote_them() -> None:
    plan = build_plan(spec(TITLES))
    create = route(plan, "POST", "/api/entries")
    conflicts = [e for e in create.errors if e.status == 409]
    # "the title already exists" is the uniqueness error the unique title gives, not a second one.
    assert [e.error for e in conflicts] == ["EntryTitleTakenError"]
    assert "US1/AC1" in conflicts[0].when
    # "I'm ... that's" quotes nothing; a platform in use is its own conflict.
    delete = route(plan, "DELETE", "/api/platforms/{platform_id}")
    in_use = next(e for e in delete.errors if e.error == "PlatformInUseError")
    assert in_use.status == 409 and not any("m an admin" in e.when for e in delete.errors)
    # "with appropriate message" is what the screen says, not a column.
    entry = next(m for m in plan.models if m.name == "Entry")
    assert "message" not in {f.name for f in entry.fields}


def test_it_after_two_things_named_together_is_the_first() -> None:
    document = spec("""
        # Feature Specification: Tickets
        ## User Scenarios & Testing
        ### User Story 1 - Refund (Priority: P1)
        An attendee gets money back.
        **Acceptance Scenarios**:
        1. **Given** a paid order and an event starting in 3 days, **When** the attendee cancels it, **Then** the order is refunded.
        ## Requirements
        - **FR-001**: Attendees MUST be able to buy tickets.
    """)
    order = entity("Order", states=StateMachine("status", "OrderStatus", ["paid", "cancelled"],
                                                transitions=[Transition("paid", "cancelled", "cancel")]))
    event = entity("Event", states=StateMachine("status", "EventStatus", ["published", "cancelled"],
                                                transitions=[Transition("published", "cancelled", "cancel")]))
    plan = build_plan(document, domain=DomainModel(entities=[order, event, entity("Attendee", is_actor=True)],
                                                   actors=["attendee"]))
    keys = routes(plan)
    assert "POST /api/orders/{order_id}/cancel" in keys
    assert "POST /api/events/{event_id}/cancel" not in keys


def test_a_verb_after_and_has_its_own_subject_and_an_ability_taken_away_asks_nothing() -> None:
    document = spec("""
        # Feature Specification: Invitations
        ## User Scenarios & Testing
        ### User Story 1 - Administrator Invites and User Accepts (Priority: P1)
        An administrator invites a contact to the community.
        ### User Story 2 - Administrator Cancels an Invite (Priority: P2)
        The administrator who sent the invitation can cancel it, removing the invited person's ability to accept it.
        ## Requirements
        - **FR-001**: Administrators MUST be able to invite contacts.
        - **FR-002**: System MUST allow an invited contact to accept the invitation.
    """)
    invitation = entity("Invitation", states=StateMachine("status", "InvitationStatus", ["pending", "accepted", "cancelled"],
                                                          transitions=[Transition("pending", "accepted", "accept"),
                                                                       Transition("pending", "cancelled", "cancel")]))
    people = [entity("Administrator", is_actor=True), entity("User", is_actor=True)]
    plan = build_plan(document, domain=DomainModel(entities=[invitation, *people], actors=["admin", "user"]))
    assert route(plan, "POST", "/api/invitations/{invitation_id}/accept").auth == "authenticated"
    assert route(plan, "POST", "/api/invitations/{invitation_id}/cancel").auth == "role:admin"


def test_the_subject_of_a_verb_after_and_is_the_name_after_and() -> None:
    from analysis.plan.design_routes import _subject

    domain = DomainModel(entities=[entity("Manager", is_actor=True), entity("Client", is_actor=True),
                                   entity("Administrator", is_actor=True)], actors=["manager", "client", "admin"])
    title = "Manager Creates and Client Views a Task"
    assert _subject(title, title.index("Views"), domain).roles == {"client"}
    # Two verbs of one subject keep it: "As an admin, I want to view and manage customers".
    story = "As an admin user, I want to view and manage customer accounts"
    assert _subject(story, story.index("manage"), domain).roles == {"admin"}


def test_the_primary_key_never_clashes_with_a_409() -> None:
    document = spec("""
        # Feature Specification: Tasks
        ## Requirements
        - **FR-001**: Users MUST be able to create tasks and edit tasks.
        ### Key Entities
        - **Task**: a thing to do with a unique identifier, a unique code and a title.
    """)
    plan = build_plan(document)
    errors = {e.error for r in plan.routes for e in r.errors}
    assert "TaskIdTakenError" not in errors
    assert "TaskCodeTakenError" in errors
    assert not any("id is not taken" in step for s in plan.services for m in s.methods for step in m.steps)


def test_a_refusal_cut_short_says_so() -> None:
    from analysis.plan.design_errors import _short

    long = ("System MUST enforce serial number uniqueness among active projects, rejecting an edit that would set a "
            "number another active project already uses")
    cut = _short(long)
    assert cut.endswith(" …") and len(cut) <= 102 and not cut.endswith("a …")
    assert _short("the move is refused") == "the move is refused"


def test_marking_a_thing_as_deleted_is_a_soft_delete() -> None:
    plan = build_plan(spec("""
# Feature Specification: Books

## User Scenarios & Testing

### User Story 1 - Hide a book (Priority: P1)

**Acceptance Scenarios**:

1. **Given** a book is marked as deleted, **When** the reader opens the author's page, **Then** the book is not shown

## Requirements

- **FR-001**: System MUST allow readers to list books and to mark books as deleted.
- **FR-002**: Books marked as deleted MUST be kept in the database.

### Key Entities

- **Book**: a title by an author.
- **Author**: a writer, with a name.
"""))
    keys = routes(plan)
    assert "DELETE /api/books/{book_id}" in keys and not any(key.endswith("/delete") for key in keys)
    book = next(m for m in plan.models if m.name == "Book")
    author = next(m for m in plan.models if m.name == "Author")
    assert "deleted_at" in {f.name for f in book.fields}
    assert "deleted_at" not in {f.name for f in author.fields}  # named after "as deleted", not marked
    delete = next(s for service in plan.services for s in service.methods if s.name == "delete_book")
    assert any("soft delete" in step for step in delete.steps)


def test_a_definitions_short_name_is_read_by_the_routes_unless_it_names_people() -> None:
    text = """
# Feature Specification: Stock

## User Scenarios & Testing

### User Story 1 - Post jobs (Priority: P1)

As an Employer, I want to publish job postings.

## Requirements

- **FR-001**: The system MUST allow authorized users to create, edit and search stock items.
- **FR-002**: Employers MUST be able to create job postings.

### Key Entities

- **Product (Stock Item)**: an item in the catalogue with a unique SKU and a name.
- **Company (Employer)**: an employer organisation, with a name.
- **Job Posting**: an open position belonging to one company, with a title.
"""
    keys = routes(build_plan(spec(text)))
    assert {"POST /api/products", "PUT /api/products/{product_id}", "GET /api/products"} <= keys
    # "As an Employer": employers are people, not companies; "Stock Item" is the product's short name
    domain = infer_domain(spec(text))
    assert "Employer" not in domain.entity("Company").aliases and "Stock Item" in domain.entity("Product").aliases


def test_adding_a_thing_to_a_place_that_keeps_a_record_of_it_adds_that_record() -> None:
    plan = build_plan(spec("""
# Feature Specification: Gym

## Requirements

- **FR-001**: Trainer users MUST be able to create exercises and workout plans.
- **FR-002**: Trainer users MUST be able to add exercises to workout plans specifying sets and reps.
- **FR-003**: Trainer users MUST be able to remove exercises from workout plans.
- **FR-004**: Trainer users MUST be able to reorder exercises within a workout plan.

## User Scenarios & Testing

### User Story 1 - Plan a workout (Priority: P1)

**Acceptance Scenarios**:

1. **Given** a workout plan with three exercises, **When** I reorder the exercises, **Then** the new order is saved

### Key Entities

- **Trainer**: a person who coaches clients.
- **Exercise**: a physical exercise with a name. Exercise library is managed by trainers.
- **Workout Plan**: a training program, containing a name and an ordered list of planned exercises.
- **Planned Exercise**: an exercise within a workout plan with sets and reps. It maintains a reference to the Exercise.
"""))
    keys = routes(plan)
    # the library keeps its own exercises; adding one to a plan adds a PlannedExercise row there, removing takes it off
    assert "POST /api/exercises" in keys
    add = route(plan, "POST", "/api/workout-plans/{workout_plan_id}/exercises")
    assert "PlannedExercise" in add.purpose
    assert [(p.name, p.type) for p in add.request] == [("exercise_id", "int"), ("sets", "int"), ("reps", "int")]
    assert "DELETE /api/workout-plans/{workout_plan_id}/exercises/{exercise_id}" in keys
    assert "DELETE /api/exercises/{exercise_id}" not in keys
    # "Trainer users" are the trainers
    assert add.auth == "role:trainer"
    # the plan's records are reordered there, and the scenario's reordering is the same one
    assert [key for key in keys if "reorder" in key] == ["PATCH /api/workout-plans/{workout_plan_id}/exercises/reorder"]


def test_two_definitions_that_each_hold_many_of_the_other_are_linked_many_to_many() -> None:
    domain = infer_domain(spec("""
# Feature Specification: Books

## Requirements

- **FR-001**: Readers MUST be able to list books.

### Key Entities

- **Book**: Represents a published work with title, author(s), ISBN and description
- **Author**: Represents a book author with name, biography, and relationships to their books
- **Chapter**: a part of one book, with a title. Readers bookmark their books by chapter.
"""))
    author, book = domain.entity("Author"), domain.entity("Book")
    assert not any(r.kind == "belongs-to" and r.target == "Book" for r in author.relationships)
    assert any(r.kind == "many-to-many" and r.target == "Book" for r in author.relationships + book.relationships) \
        or any(r.kind == "many-to-many" and r.target == "Author" for r in book.relationships)
    # "a part of one book" is its own book, whatever "their books" says after it
    chapter = domain.entity("Chapter")
    assert any(r.kind == "belongs-to" and r.target == "Book" for r in chapter.relationships)
