"""Operations named as nouns and paths named for amounts: "process booking requests" makes bookings; "provide
real-time availability checking for room bookings" reads availability (the noun it compounds with, not the thing
after "for"); an amount keeps its singular in a path (`/availability`, `/inventory`); "System MUST handle user
authentication" asks for signing in; a verb form right before a modal is a noun ("Price edits MUST NOT change past
orders").

Inline fixtures written for these tests.
"""

from __future__ import annotations

from analysis.plan.model import Plan
from tests import plan_helpers
from tests.plan_helpers import route_keys

STAY = """
## Requirements

- **FR-001**: System MUST display current room listings with pricing.
- **FR-002**: System MUST provide real-time availability checking for room bookings.
- **FR-003**: System MUST process booking requests with proper validation.

### Key Entities

- **Room**: Accommodation unit with pricing and capacity
- **Booking**: Reservation request with dates and contact information
- **Availability**: Real-time room availability for specific date ranges
"""


def plan_of(body: str) -> Plan:
    return plan_helpers.plan_of(body, "Stays")


def test_requests_for_a_thing_make_it() -> None:
    create = next(r for r in plan_of(STAY).routes if r.method == "POST" and r.path == "/api/bookings")
    assert [s.label for s in create.sources][:1] == ["FR-003"]


def test_checking_reads_the_noun_it_compounds_with_under_its_singular_path() -> None:
    plan = plan_of(STAY)
    read = next(r for r in plan.routes if r.path == "/api/availability")
    assert read.method == "GET" and "FR-002" in [s.label for s in read.sources]
    assert not any("availabilities" in r.path for r in plan.routes)
    rooms = next(r for r in plan.routes if r.method == "GET" and r.path == "/api/rooms")
    assert "FR-002" not in [s.label for s in rooms.sources]


def test_requests_that_are_modelled_stay_that_entity() -> None:
    keys = route_keys(plan_of(STAY.replace("- **Booking**: Reservation request with dates and contact information",
                                           "- **Booking Request**: a guest's request for a stay, with dates")))
    assert "POST /api/bookings" not in keys


def test_handling_user_authentication_asks_for_signing_in() -> None:
    keys = route_keys(plan_of("""
        ## Requirements

        - **FR-001**: Users MUST be able to send messages to the chat.
        - **FR-002**: System MUST handle user authentication [NEEDS CLARIFICATION: method not specified]

        ### Key Entities

        - **User**: a chat participant with a display name
        - **Message**: text a user sends
    """))
    assert "POST /api/auth/login" in keys


def test_making_a_things_parts_does_not_make_the_thing() -> None:
    body = """
        ## User Scenarios & Testing

        ### User Story 1 - Customer Books Event Tickets (Priority: P1)

        A Customer wants to book tickets for an event and pay for them.

        ## Requirements

        - **FR-001**: Admins MUST be able to create events at a venue.
        - **FR-002**: Admins MUST be able to create user accounts.

        ### Key Entities

        - **User**: an account with an email and a role (customer or admin)
        - **Event**: something that happens at a venue, with a date
        - **Venue**: a place with a name
    """
    create = next(r for r in plan_of(body).routes if r.method == "POST" and r.path == "/api/events")
    assert "customer" not in create.auth  # booking event tickets makes tickets, not events
    assert "POST /api/users" in route_keys(plan_of(body))  # "create user accounts" makes users


def test_a_verb_form_before_a_modal_is_its_subject_not_a_request() -> None:
    body = """
    ## Requirements

    - **FR-001**: Customers MUST be able to place orders.
    - **FR-002**: Admins MUST be able to edit item prices. Price edits MUST NOT change past orders.

    ### Key Entities

    - **Order**: what a customer bought, with a total.
    """
    keys = route_keys(plan_of(body))
    assert "POST /api/orders" in keys
    assert not any(key.startswith(("PUT /api/orders", "PATCH /api/orders")) for key in keys)


RESULTS = """
## Requirements

- **FR-001**: System MUST accept and store test results from CI test executions.
- **FR-002**: System MUST provide retrieval capabilities for test results with filtering by status.
- **FR-003**: System MUST allow updating of test result metadata.
- **FR-004**: System MUST support deletion of individual test results.
- **FR-005**: System MUST accept payments only in euros.

### Key Entities

- **Test Result**: the outcome of one test execution, with a name and a status (passed, failed, skipped).
- **Payment**: money received, with an amount.
"""


def test_an_api_that_accepts_things_from_its_clients_creates_them_and_nominals_ask_for_the_rest() -> None:
    keys = route_keys(plan_of(RESULTS))
    assert {"POST /api/test-results", "GET /api/test-results", "PUT /api/test-results/{test_result_id}",
            "DELETE /api/test-results/{test_result_id}"} <= keys
    assert not any("/payments" in key for key in keys)  # accepted in euros: a rule, not from anyone


def test_a_noun_after_a_singular_noun_and_the_thing_after_by_are_no_reads() -> None:
    body = """
    ## User Scenarios & Testing

    ### User Story 1 - View the Roadmap by Department and Team (Priority: P1)

    A department head sees the roadmap for their teams.

    ## Requirements

    - **FR-001**: The application MUST provide filters for users to narrow the roadmap view by Department and Team.
    - **FR-002**: Users MUST be able to list roadmap items.
    - **FR-003**: When creating a pull request, the system MUST include the roadmap item description.

    ### Key Entities

    - **Roadmap Item**: an epic on the roadmap, with a title and a status.
    - **Department**: an organisational unit, with a name.
    - **Team**: a group of engineers in a department, with a name.
    """
    keys = route_keys(plan_of(body))
    assert "GET /api/roadmap-items" in keys
    assert not any(key.startswith(("GET /api/department", "GET /api/team")) and "{" in key for key in keys)
    assert "GET /api/department" not in keys and "POST /api/roadmap-items" not in keys
