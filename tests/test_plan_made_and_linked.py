"""What is made and how things are linked, when the spec says it in the system's voice or in other words: a
system's plain "create" of a thing nothing else makes is that thing's create; "booking" names the appointment or
reservation a spec models; a list of references points at things that exist on their own (many-to-many); a
defined "relationship between users and troupes" is the link itself; a passive refusal with a condition is a check.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from tests.plan_helpers import entity_of, plan_of, route_keys

HOTEL = """
## Requirements

- **FR-001**: Users MUST be able to view their reservations.
- **FR-002**: Users MUST be able to cancel their reservations.
- **FR-003**: System MUST create a reservation in a pending-payment state before payment processing begins.
- **FR-004**: System MUST create an invoice upon successful payment.
- **FR-005**: Users MUST be able to view their invoices.

### Key Entities

- **Reservation**: A stay a guest holds, with check-in date, check-out date and status.
- **Invoice**: What a guest owes, with an amount.
"""


def test_a_system_create_with_no_trigger_is_the_create_a_client_asks_for():
    keys = route_keys(plan_of(HOTEL, "Hotel"))
    assert "POST /api/reservations" in keys
    # "upon successful payment": made as a side effect of something else, no route of its own
    assert "POST /api/invoices" not in keys and "GET /api/invoices" in keys


def test_a_system_create_adds_nothing_when_people_already_make_the_thing():
    body = HOTEL.replace("- **FR-001**: Users MUST be able to view their reservations.",
                         "- **FR-001**: Guests MUST be able to create reservations.")
    plan = plan_of(body, "Hotel")
    creates = [r for r in plan.routes if r.method == "POST" and r.path == "/api/reservations"]
    assert len(creates) == 1 and "FR-001" in {source.label for source in creates[0].sources}


CLINIC = """
## Requirements

- **FR-001**: Patients MUST be able to submit a booking request with their contact details.
- **FR-002**: Admins MUST be able to confirm the booking of a patient.
- **FR-003**: Patients MUST be able to view their appointments.

### Key Entities

- **Appointment**: A scheduled visit of a patient, with a date, a time and a status.
- **Patient**: A person who visits the clinic, with a name and a phone number.
"""


def test_booking_names_the_appointment_a_spec_models():
    appointment = entity_of(CLINIC, "Appointment", "Clinic")
    assert "booking" in appointment.aliases
    assert "POST /api/appointments" in route_keys(plan_of(CLINIC, "Clinic"))


def test_booking_names_nothing_when_a_booking_is_modelled_too_or_is_only_a_verb():
    modelled = CLINIC + "- **Booking**: A hold on a room, with a start and an end.\n"
    assert "booking" not in entity_of(modelled, "Appointment", "Clinic").aliases
    verb_only = CLINIC.replace("submit a booking request", "book a slot from booking screens").replace(
        "the booking of", "booking requests of")
    assert "booking" not in entity_of(verb_only, "Appointment", "Clinic").aliases


RECIPES = """
## Requirements

- **FR-001**: Users MUST be able to create recipes.
- **FR-002**: Users MUST be able to edit their own recipes.
- **FR-003**: Users MUST be able to create recipe books.
- **FR-004**: Users MUST be able to add recipes to their recipe books.

### Key Entities

- **Recipe**: A dish someone wrote, with a title and instructions.
- **Recipe Book**: A user-created collection containing a title, a cover image and a list of recipe references
  (owned or saved).
"""


def test_a_list_of_references_points_at_things_of_their_own_many_to_many():
    book = entity_of(RECIPES, "RecipeBook", "Recipes")
    assert [(r.kind, r.target) for r in book.relationships if r.target == "Recipe"] == [("many-to-many", "Recipe")]
    recipe = entity_of(RECIPES, "Recipe", "Recipes")
    assert not any(r.kind == "belongs-to" and r.target == "RecipeBook" for r in recipe.relationships)
    keys = route_keys(plan_of(RECIPES, "Recipes"))
    # recipes are made on their own, not inside a book
    assert {"POST /api/recipes", "PUT /api/recipes/{recipe_id}"} <= keys
    assert not any(key.startswith("PUT /api/recipe-books/") for key in keys)


def test_a_list_of_the_things_themselves_stays_their_owner():
    owned = RECIPES.replace("a list of recipe references\n  (owned or saved)", "a list of recipes")
    recipe = entity_of(owned, "Recipe", "Recipes")
    assert any(r.kind == "belongs-to" and r.target == "RecipeBook" for r in recipe.relationships)


TROUPES = """
## Requirements

- **FR-001**: Users MUST be able to create troupes.
- **FR-002**: System MUST support many-to-many relationships between users and troupes (users can belong to multiple
  troupes).

### Key Entities

- **Troupe**: A group that users can belong to, with a name. Users can belong to multiple troupes through a membership.
- **User**: A person with an account, with a name.
- **User-Troupe Membership**: Represents the many-to-many relationship between users and troupes. Enables users to
  belong to multiple troupes and troupes to have multiple members.
"""


def test_the_defined_relationship_between_two_is_their_link_and_no_other_is_made():
    plan = plan_of(TROUPES, "Troupes")
    names = [model.name for model in plan.models]
    assert sorted(names) == ["Troupe", "User", "UserTroupeMembership"]
    membership = next(model for model in plan.models if model.name == "UserTroupeMembership")
    assert {"troupe_id", "user_id"} <= {field.name for field in membership.fields}


SHOP = """
## Requirements

- **FR-001**: Customers MUST be able to create orders.
- **FR-002**: An order MUST be rejected if it holds more than 20 items.
- **FR-003**: Managers MUST be able to reject orders.

### Key Entities

- **Order**: What a customer buys, with a total and a status (pending, accepted, rejected).
"""


def test_a_refusal_said_with_a_condition_is_a_check_not_an_action():
    assert "POST /api/orders/{order_id}/reject" in route_keys(plan_of(SHOP, "Shop"))  # a manager's action
    without = SHOP.replace("- **FR-003**: Managers MUST be able to reject orders.\n", "")
    assert "POST /api/orders/{order_id}/reject" not in route_keys(plan_of(without, "Shop"))


LEADS = """
## Requirements

- **FR-001**: System MUST allow opportunities from both lanes to be created, listed, filtered by lane, retrieved
  individually, and updated for manual review state.

### Key Entities

- **Opportunity**: A lead worth following, with a title, a lane and a score.
"""


def test_a_passive_list_reads_past_a_qualifier_of_the_thing_and_of_each_participle():
    keys = route_keys(plan_of(LEADS, "Leads"))
    assert {"POST /api/opportunities", "GET /api/opportunities", "GET /api/opportunities/{opportunity_id}",
            "PUT /api/opportunities/{opportunity_id}"} <= keys
    plan = plan_of(LEADS, "Leads")
    listing = next(r for r in plan.routes if r.method == "GET" and r.path == "/api/opportunities")
    assert "lane" in {p.name for p in listing.query}


BRANCHES = """
## Requirements

- **FR-001**: System MUST allow user accounts to be deactivated.
- **FR-002**: Staff MUST be able to view customer accounts.

### Key Entities

- **User**: A person who signs in, with an email and a role.
- **Customer Account**: What a customer owes, with a balance. Each customer has one account.
"""


def test_user_accounts_are_the_users_when_the_accounts_are_the_user():
    keys = route_keys(plan_of(BRANCHES, "Branches"))
    assert "POST /api/users/{user_id}/deactivate" in keys
    assert not any(key.endswith("/deactivate") and "account" in key for key in keys)


HISTORY = """
## Requirements

- **FR-001**: Users MUST be able to view their analyses.
- **FR-002**: System MUST provide user authentication and maintain user-specific analysis history.
- **FR-003**: System MUST let analysts create and delete analyses.

### Key Entities

- **Analysis**: The result of reading a report, with a score and a summary.
"""


def test_what_a_system_provides_is_a_noun_before_its_own_next_verb():
    keys = route_keys(plan_of(HISTORY, "Analyses"))
    # "let analysts create and delete": the people's verbs; "provide user authentication and maintain": the system's
    assert {"POST /api/analyses", "DELETE /api/analyses/{analysis_id}"} <= keys
    assert "PUT /api/analyses/{analysis_id}" not in keys


TABLES = """
## Requirements

- **FR-001**: System MUST define a Sessions table with columns: id, user_id, expires_at.
- **FR-002**: Users MUST be able to create memos.
- **FR-003**: Admins MUST see a memos table of every user's memos.

### Key Entities

- **Session**: A signed-in period of a user, with an expiry.
- **Memo**: A short text a user writes, with a body.
"""


def test_a_table_with_columns_stores_rows_while_a_table_of_things_lists_them():
    keys = route_keys(plan_of(TABLES, "Memos"))
    assert "GET /api/sessions" not in keys
    assert "GET /api/memos" in keys


def test_a_note_defined_as_a_thing_is_an_entity_and_a_remark_is_not():
    defined = """
    ## Requirements

    - **FR-001**: Users MUST be able to create notes.

    ### Key Entities

    - **Note**: A short text a user writes, with a body.
    """
    assert [m.name for m in plan_of(defined, "Notes").models] == ["Note"]
    remark = defined.replace("A short text a user writes, with a body.", "All entities are stored in one database.")
    assert "Note" not in [m.name for m in plan_of(remark, "Notes").models]


TODOS = """
## Requirements

- **FR-001**: Users MUST be able to create tasks.
- **FR-002**: Users MUST be able to mark tasks as complete.
- **FR-003**: System MUST allow users to toggle a task's completion status between complete and incomplete.
- **FR-004**: Users MUST be able to archive tasks.

### Key Entities

- **Task**: A thing to do, with a title and a completed flag.
"""


def test_a_toggled_action_is_a_partial_update_at_its_path_and_a_one_way_action_stays_a_post():
    plan = plan_of(TODOS, "Todos")
    methods = {r.path: r.method for r in plan.routes if r.path.endswith(("/complete", "/archive"))}
    assert methods == {"/api/tasks/{task_id}/complete": "PATCH", "/api/tasks/{task_id}/archive": "POST"}
    one_way = plan_of(TODOS.replace(
        "- **FR-003**: System MUST allow users to toggle a task's completion status between complete and incomplete.\n",
        ""), "Todos")
    assert {r.method for r in one_way.routes if r.path.endswith("/complete")} == {"POST"}
