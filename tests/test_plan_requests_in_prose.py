"""Operations asked for in prose shapes the route finder used to miss or misread.

- "allow only authenticated, admin-approved organizers to create events": the grant's subject may be a list of
  adjectives, and "admin-approved" does not make the admin the actor.
- "**Booking**: Purchase intent and fulfillment record ..." with "select ticket quantities and purchase available
  tickets": what a definition says the thing records is how people make one.
- "support creation and management of multiple calendars": coordinated nominals share what follows them.
- "allow order confirmation only when ...": an enabled nominal asks for its action, states listed or not.
- "provide a `/quotes/random` endpoint that returns ...": an endpoint named by its path alone.
- "set, edit, and track lifestyle, diet, and exercise goals": the other verbs of a list are not a long gap.
- "assign a ticket to one or more users" with a TicketAssignment modelled: an assignment is added to the ticket.
- "a user with product owner context" is a person, not an owner-only rule.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from analysis.parse import parse_spec
from analysis.plan.design_explicit import find_explicit_routes
from analysis.plan.model import Plan
from tests import plan_helpers
from tests.plan_helpers import route_keys


def plan_of(body: str, title: str = "Tickets") -> Plan:
    return plan_helpers.plan_of(body, title)


def route(plan: Plan, key: str):
    return next(r for r in plan.routes if f"{r.method} {r.path}" == key)


ORGANIZERS = """
## User Scenarios & Testing

### User Story 1 - Publish a concert (Priority: P1)

As an organizer, I want my concerts listed so that people find them.

## Requirements

- **FR-001**: System MUST allow visitors to browse a list of published concerts.
- **FR-002**: System MUST allow only authenticated, admin-approved organizers to create concerts.
- **FR-003**: System MUST allow admins to approve organizer requests.

### Key Entities

- **Concert**: a performance with a title, a venue and a date.
- **User**: an account holder with the attendee, organizer or admin role.
"""


def test_a_grant_to_people_described_by_a_list_of_adjectives() -> None:
    plan = plan_of(ORGANIZERS, "Concert Tickets")
    assert "POST /api/concerts" in route_keys(plan)
    # "admin-approved" organizers: the organizers create them, the admin only approved them before
    assert route(plan, "POST /api/concerts").auth == "role:organizer"


PURCHASES = """
## Requirements

- **FR-001**: System MUST allow visitors to browse a list of published concerts.
- **FR-002**: System MUST allow authenticated attendees to select seat quantities and purchase available seats.

### Key Entities

- **Concert**: a performance with a title, a venue and a date.
- **Reservation**: Purchase intent and fulfilment record linking the attendee, the concert and the quantity.
"""


def test_what_a_definition_records_is_how_one_is_made() -> None:
    found = route_keys(plan_of(PURCHASES, "Concert Tickets"))
    assert "POST /api/reservations" in found
    assert not any("/concerts/{concert_id}/" in key and key.startswith("POST") for key in found)


def test_a_definition_naming_no_act_makes_nothing() -> None:
    body = PURCHASES.replace("Purchase intent and fulfilment record", "A record")
    assert "POST /api/reservations" not in route_keys(plan_of(body, "Concert Tickets"))


def test_a_definition_naming_a_state_of_an_act_makes_nothing() -> None:
    body = PURCHASES.replace("Purchase intent and fulfilment record", "Purchase state of a seat,")
    assert "POST /api/reservations" not in route_keys(plan_of(body, "Concert Tickets"))


CALENDARS = """
## Requirements

- **FR-001**: System MUST support creation and management of multiple calendars per user.
- **FR-002**: System MUST allow users to create, edit, and delete events.

### Key Entities

- **Calendar**: a calendar owned by a user, with a name and a colour.
- **Event**: a scheduled event in a calendar, with a title and a start time.
"""


def test_coordinated_nominals_share_their_object() -> None:
    found = route_keys(plan_of(CALENDARS, "Calendars"))
    assert {"POST /api/calendars", "GET /api/calendars", "GET /api/calendars/{calendar_id}",
            "PUT /api/calendars/{calendar_id}", "DELETE /api/calendars/{calendar_id}"} <= found


def test_a_management_compound_names_a_feature_not_what_it_asks() -> None:
    body = CALENDARS.replace("support creation and management of multiple calendars per user",
                             "provide calendar management dashboards")
    found = route_keys(plan_of(body, "Calendars"))
    assert not {"DELETE /api/calendars/{calendar_id}", "POST /api/calendars"} & found


ORDERS = """
## Requirements

- **FR-001**: System MUST allow creation of an order only when a customer identifier is provided.
- **FR-002**: System MUST allow order confirmation only when the order contains at least one item.

### Key Entities

- **Order**: a customer's purchase, with a customer identifier and a total.
- **Order Item**: one product within an order, with a quantity.
"""


def test_an_enabled_nominal_asks_for_its_action_without_states() -> None:
    found = route_keys(plan_of(ORDERS, "Orders"))
    assert "POST /api/orders/{order_id}/confirm" in found


def test_a_nominal_of_handing_over_is_no_action_on_the_thing() -> None:
    body = ORDERS.replace("allow order confirmation only when the order contains at least one item",
                          "support optional order assignment to couriers")
    assert not any(key.endswith("/assign") for key in route_keys(plan_of(body, "Orders")))


def test_an_unenabled_nominal_asks_nothing() -> None:
    body = ORDERS.replace("allow order confirmation only when the order contains at least one item",
                          "send an email on order confirmation")
    assert not any(key.endswith("/confirm") for key in route_keys(plan_of(body, "Orders")))


QUOTES = """
## User Scenarios & Testing

### User Story 1 - Random quote (Priority: P1)

A fan wants a random quote.

**Acceptance Scenarios**:

1. **Given** the API is running, **When** a user requests `/quotes/random`, **Then** the system returns one quote
2. **Given** quotes by Michael exist, **When** a user requests `/quotes/Michael`, **Then** a quote by Michael is returned

## Requirements

- **FR-001**: System MUST serve quotes via HTTP GET requests only (read-only)
- **FR-002**: System MUST provide a `/quotes/random` endpoint that returns a randomly selected quote
- **FR-003**: System MUST provide a `/quotes/{speaker}` endpoint that returns a random quote by that speaker

### Key Entities

- **Quote**: a line from the show, with its text and its speaker.
"""


def test_an_endpoint_named_by_its_path_alone() -> None:
    found = route_keys(plan_of(QUOTES, "Quotes API"))
    assert {"GET /quotes/random", "GET /quotes/{speaker}"} <= found
    assert "GET /quotes/Michael" not in found  # a call of the `{speaker}` route with a value
    # "requests `/quotes/random`" calls an endpoint; it asks to make no quote
    assert not any(key.startswith("POST") for key in found)


def test_a_bare_path_needs_a_method_or_a_read() -> None:
    document = parse_spec(plan_helpers.spec_of("""
    ## Requirements

    - **FR-001**: The `/webhooks/payments` endpoint MUST be idempotent.
    - **FR-002**: Clients MUST send a `POST` to the `/payments` endpoint to start a payment.
    - **FR-003**: Source files live under `/src/app.py` and `/docs` (not endpoints).
    """, "Payments"), plan_helpers.PATH)
    found = {(r.method, r.path) for r in find_explicit_routes(document)}
    assert found == {("POST", "/payments")}


GOALS = """
## Requirements

- **FR-001**: Users MUST be able to set, edit, and track lifestyle, diet, and exercise goals.
- **FR-002**: System MUST allow customers to add, remove, and update quantities in their shopping cart.

### Key Entities

- **Goal**: a personal objective with a target and a deadline.
- **Cart**: a customer's shopping cart.
"""


def test_later_verbs_of_a_list_are_no_gap() -> None:
    found = route_keys(plan_of(GOALS, "Lifestyle Tracker"))
    assert {"PUT /api/goals/{goal_id}", "GET /api/goals"} <= found
    # "add, remove, and update quantities in their shopping cart": quantities are added, not carts
    assert "POST /api/carts" not in found
    assert not any(key.startswith("DELETE /api/cart") for key in found)


ASSIGNMENTS = """
## Requirements

- **FR-001**: System MUST allow any authenticated user with product owner context to create tickets within a project.
- **FR-002**: System MUST support assigning a ticket to one or more users simultaneously.

### Key Entities

- **Project**: a namespace grouping related tickets.
- **Ticket**: a work item with a title and a status. Belongs to a project.
- **TicketAssignment**: a relationship between a ticket and a user responsible for it. One ticket may have many
  assignments.
"""


def test_assigning_adds_the_modelled_assignment() -> None:
    plan = plan_of(ASSIGNMENTS)
    found = route_keys(plan)
    assert "POST /api/tickets/{ticket_id}/assignments" in found
    assert not any(key.endswith("/assign") for key in found)


def test_without_an_assignment_entity_assigning_is_an_action() -> None:
    body = ASSIGNMENTS.split("- **TicketAssignment**")[0]
    assert any(key.endswith("/assign") for key in route_keys(plan_of(body)))


def test_a_person_described_with_owner_is_no_owner_rule() -> None:
    plan = plan_of(ASSIGNMENTS)
    create = next(r for r in plan.routes if r.method == "POST" and r.path.endswith("/tickets"))
    assert create.auth == "authenticated"
    body = ASSIGNMENTS.replace("any authenticated user with product owner context", "authenticated users")
    body = body.replace("simultaneously.", "simultaneously.\n- **FR-003**: System MUST allow the ticket owner to edit the ticket.")
    edit = next(r for r in plan_of(body).routes if r.method == "PUT" and r.path.endswith("/tickets/{ticket_id}"))
    assert edit.auth == "owner"


STORY_OWNERSHIP = """
## Requirements

- **FR-001**: Users MUST be able to create tickets in a project. Users MUST be able to edit tickets they own.
- **FR-002**: Each assigned user MUST be able to submit their own progress update record on a ticket.
- **FR-003**: System MUST allow authenticated users to view tickets.

### Key Entities

- **Project**: a namespace grouping related tickets.
- **Ticket**: a work item with a title and a status. Belongs to a project.
- **Progress Update**: what an assigned user reports about a ticket. Belongs to a ticket.
"""


def test_an_ownership_sentence_limits_its_own_verbs() -> None:
    plan = plan_of(STORY_OWNERSHIP)
    routes = {f"{r.method} {r.path}": r.auth for r in plan.routes}
    edit = next(auth for key, auth in routes.items() if key.startswith("PUT ") and "tickets/{ticket_id}" in key)
    create = next(auth for key, auth in routes.items() if key.startswith("POST ") and key.endswith("/tickets"))
    assert edit == "owner"
    assert create == "authenticated"  # made in the project; "they own" is said of the edit


def test_a_verb_after_a_modelled_name_is_a_noun() -> None:
    plan = plan_of(STORY_OWNERSHIP)
    # "submit their own progress update record on a ticket": the record is the progress update, no ticket is made
    # by it (FR-001 makes them, in the project)
    assert any(key.startswith("POST ") and key.endswith("/progress-updates") for key in route_keys(plan))
    create = next(r for r in plan.routes if r.method == "POST" and r.path.endswith("/tickets"))
    assert [source.label for source in create.sources] == ["FR-001"]


SEARCH = """
## Requirements

- **FR-001**: System MUST provide a GET endpoint `/api/staff-members/search` that accepts pagination and filters.
- **FR-002**: System MUST support filtering by salary range with parameters `minSalary` and `maxSalary` (inclusive).
- **FR-003**: System MUST support filtering staff members by hire date with parameter `hiredAfter`.
- **FR-004**: Managers MUST be able to filter staff members by salary range and by team.

### Key Entities

- **Staff Member**: a person on the payroll, with a name, a salary, a team and a hire date.
"""


def test_a_written_search_route_is_the_derived_list() -> None:
    plan = plan_of(SEARCH, "Staff Directory")
    found = route_keys(plan)
    assert "GET /api/staff-members/search" in found
    assert "GET /api/staff-members" not in found
    search = route(plan, "GET /api/staff-members/search")
    names = [param.name for param in search.query]
    # the spec's own parameter names, wherever the phrase is used; the others as derived
    assert {"minSalary", "maxSalary", "hiredAfter", "team"} <= set(names)
    assert "salary_range" not in names and "hire_date" not in names


def test_an_error_the_spec_models_is_shown_not_served() -> None:
    found = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: System MUST display validation errors and MUST NOT create an account when a field is invalid.
    - **FR-002**: Users MUST be able to list their invoices.

    ### Key Entities

    - **Validation Error**: a user-facing feedback item describing a missing or invalid field.
    - **Invoice**: a bill with an amount and a due date.
    """, "Invoices"))
    assert "GET /api/invoices" in found
    assert not any("error" in key for key in found)


def test_crud_names_every_operation_on_its_thing() -> None:
    found = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: System MUST allow users to perform CRUD (Create, Read, Update, Delete) operations on pantry items.
    - **FR-002**: Admins MUST have goal CRUD endpoints.
    - **FR-003**: System MUST keep p95 latency under 200ms for standard CRUD operations on recipes.

    ### Key Entities

    - **Pantry Item**: a food a user keeps at home, with a name and a quantity.
    - **Goal**: a nutrition target with a name and a value.
    - **Recipe**: a named list of ingredients.
    """, "Pantry"))
    for base in ("/api/pantry-items", "/api/goals"):
        assert {f"POST {base}", f"GET {base}"} <= found
        assert any(key.startswith(f"DELETE {base}/{{") for key in found)
        assert any(key.startswith(f"PUT {base}/{{") for key in found)
    assert not any("/recipes" in key for key in found)  # a measure of the operations asks for none


def test_a_definition_s_two_word_noun_names_the_thing() -> None:
    found = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: System MUST allow tenants to submit maintenance requests via a text description.
    - **FR-002**: Managers MUST be able to list maintenance requests by property.
    - **FR-003**: Tenants MUST be able to see their maintenance requests.

    ### Key Entities

    - **WorkOrder**: Represents a maintenance request from initial submission through completion.
    - **Goal**: Represents a lifestyle, diet or exercise goal with a target.
    - **Tenant**: a person renting a unit.
    """, "Repairs"))
    assert {"POST /api/work-orders", "GET /api/work-orders"} <= found


def test_things_listed_before_a_place_are_added_there() -> None:
    found = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: System MUST allow users to add replies and attachments to their tickets.
    - **FR-002**: Agents MUST be notified of new replies from users.

    ### Key Entities

    - **Ticket**: a support request with a status.
    - **Comment**: Represents a reply on a ticket with content. Belongs to a specific Ticket.
    - **Attachment**: a file uploaded with a filename. Belongs to either a Ticket or a Comment.
    """, "Help Desk"))
    assert {"POST /api/tickets/{ticket_id}/comments", "POST /api/tickets/{ticket_id}/attachments"} <= found


def test_verbs_that_name_a_kind_of_operation_ask_for_nothing() -> None:
    plan = plan_helpers.plan_of("""
## Requirements

- **FR-001**: System MUST create an approval request when a user attempts a create, update, or delete operation that requires approval.
- **FR-002**: Admins MUST be able to grant read and write permissions on documents.
- **FR-003**: Managers MUST be able to approve or reject approval requests.

### Key Entities

- **Approval Request**: a pending change, with a status.
- **Approval**: one approver's decision on an approval request.
- **Document**: a file people share.
""", "Approvals")
    keys = route_keys(plan)
    assert not any("/approvals" in key or "/documents" in key for key in keys)
    assert "POST /api/approval-requests/{approval_request_id}/approve" in keys


def test_verbs_in_brackets_after_a_thing_act_on_it() -> None:
    plan = plan_helpers.plan_of("""
## Requirements

- **FR-001**: System MUST provide a managed list of task types (create, rename, deactivate).
- **FR-002**: System MUST prevent creation of new approval requests (update, delete, or archive) for a locked item.
- **FR-003**: System MUST NOT authenticate users yet. It is a prototype for now.

### Key Entities

- **Task Type**: a kind of task, with a name and an active flag.
- **Approval Request**: a pending change, with a status.
""", "Tasks")
    keys = route_keys(plan)
    assert {"POST /api/task-types", "PUT /api/task-types/{task_type_id}",
            "POST /api/task-types/{task_type_id}/deactivate"} <= keys
    # a bracket after a refusal says which kind; "MUST NOT authenticate users" asks for no sign-in
    assert not any("approval-requests" in key for key in keys)
    assert not any("/auth/" in key for key in keys)
    assert all(route.auth == "public" for route in plan.routes)


def test_webhooks_the_system_receives_get_an_endpoint() -> None:
    paid = plan_helpers.plan_of("""
## Requirements

- **FR-001**: System MUST take card payments through Stripe at checkout.
- **FR-002**: A payment webhook listener MUST verify each event's signature before marking the order paid.
- **FR-003**: System MUST send SMS receipts through Twilio when the customer opts in.

### Key Entities

- **Order**: a customer's purchase, with a total.
""", "Shop")
    hook = next(route for route in paid.routes if "/webhooks/" in route.path)
    assert (hook.method, hook.path, hook.auth) == ("POST", "/api/webhooks/stripe", "public")
    assert any(error.status == 401 for error in hook.errors)
    generic = plan_helpers.plan_of("""
## Requirements

- **FR-001**: The service MUST receive generic webhook events from any external system and store them.
- **FR-002**: The service MUST forward a notification to a Discord webhook URL.

### Key Entities

- **Webhook Event**: one received payload, with its source.
""", "Proxy")
    assert [key for key in route_keys(generic) if "/webhooks/" in key] == ["POST /api/webhooks/{source}"]
    # sending to a webhook is no endpoint of ours
    outbound = plan_helpers.plan_of("""
## Requirements

- **FR-001**: The system MUST post a message to the team's Slack webhook URL when a build fails.

### Key Entities

- **Build**: one run of the pipeline, with a status.
""", "Builds")
    assert not any("/webhooks/" in key for key in route_keys(outbound))
