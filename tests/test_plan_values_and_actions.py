"""Closed value lists written in prose, and the actions they give.

- "has a status of pending, accepted, declined, or expired" is one enum column with those values (a lifecycle), not
  five columns; so "accept or decline a pending invitation" are actions on the invitation.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from analysis.parse import parse_spec
from analysis.plan.infer import infer_domain
from analysis.plan.model import Plan
from tests import plan_helpers
from tests.plan_helpers import route_keys


def spec_of(body: str) -> str:
    return plan_helpers.spec_of(body, "Clubs")


def plan_of(body: str) -> Plan:
    return plan_helpers.plan_of(body, "Clubs")


def entity(body: str, name: str):
    return plan_helpers.entity_of(body, name, "Clubs")


INVITES = """
## Requirements

- **FR-001**: System MUST allow a club organiser to create an invitation for a contact's email address.
- **FR-002**: System MUST allow an invited contact to either accept or decline a pending invitation.

### Key Entities

- **Club**: a group of people who meet regularly.
- **Invitation**: an offer for a contact to join a club; has a status of pending, accepted, declined, cancelled,
  or expired, records which organiser created it, and has an expiry date.
"""


def test_a_status_of_a_list_is_one_enum_column() -> None:
    invitation = entity(INVITES, "Invitation")
    status = next(a for a in invitation.attributes if a.name == "status")
    assert status.enum_values == ["pending", "accepted", "declined", "cancelled", "expired"]
    names = {a.name for a in invitation.attributes}
    assert not names & {"accepted", "declined", "cancelled", "expired", "status_of_pending", "records"}
    assert invitation.states is not None and invitation.states.initial == "pending"


def test_the_values_make_the_verbs_actions() -> None:
    found = route_keys(plan_of(INVITES))
    assert any(key.startswith("POST ") and key.endswith("/accept") for key in found)
    assert any(key.startswith("POST ") and key.endswith("/decline") for key in found)


def test_one_of_and_either_lists() -> None:
    body = """
    ### Key Entities

    - **Membership**: a person's place in a club, with a role that is one of viewer, editor or owner.
    - **Meeting**: a date the club meets; has a visibility of either public or private.
    - **Task**: a job for the club, with a status of open, in progress, or done, and a title.
    """
    role = next(a for a in entity(body, "Membership").attributes if a.name == "role")
    assert role.enum_values == ["viewer", "editor", "owner"]
    visibility = next(a for a in entity(body, "Meeting").attributes if a.name == "visibility")
    assert visibility.enum_values == ["public", "private"]
    task = entity(body, "Task")
    assert next(a for a in task.attributes if a.name == "status").enum_values == ["open", "in_progress", "done"]
    assert "title" in {a.name for a in task.attributes}


def test_a_status_of_something_else_is_left_alone() -> None:
    body = """
    ### Key Entities

    - **Report**: a summary with the status of the latest import and a title.
    """
    names = {a.name for a in entity(body, "Report").attributes}
    assert "title" in names
    assert not any(a.enum_values for a in entity(body, "Report").attributes if a.name == "status")


PRONOUNS = """
## Requirements

- **FR-001**: System MUST allow a club organiser to create an invitation for a contact's email address.
- **FR-002**: System MUST allow the organiser who sent a pending invitation to cancel it before it is accepted.
- **FR-003**: Members MUST be able to upload photos of a meeting and delete them later.
- **FR-004**: When an organiser deletes a meeting, the system MUST confirm it by email.

### Key Entities

- **Invitation**: an offer for a contact to join; has a status of pending, accepted, or cancelled.
- **Photo**: a picture a member took at a meeting.
- **Meeting**: a date the club meets.
"""


def test_a_pronoun_object_is_the_thing_named_last_in_the_sentence() -> None:
    found = route_keys(plan_of(PRONOUNS))
    assert any(key.startswith("POST ") and key.endswith("/cancel") for key in found)
    assert any(key.startswith("DELETE ") and "/photos/" in key for key in found)


def test_a_pronoun_gives_no_action_the_thing_has_no_state_for() -> None:
    found = route_keys(plan_of(PRONOUNS))
    assert not any(key.endswith("/confirm") for key in found)


def test_a_pronoun_with_no_thing_named_before_it_asks_for_nothing() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to open the settings page and change it.

    ### Key Entities

    - **Meeting**: a date the club meets.
    """
    assert not any(key.startswith(("PUT ", "PATCH ")) for key in route_keys(plan_of(body)))


def test_things_associated_with_specific_others_each_belong_to_one() -> None:
    body = """
    ## Requirements

    - **FR-001**: System MUST enable members to add, edit, and delete remarks on venues.

    ### Key Entities

    - **Venue**: a place where the club meets, with an address.
    - **Remark**: member-written notes and discussions associated with specific venues.
    - **Kit**: a predefined set of equipment; for fixed kits: specific venue references.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    remark = next(e for e in domain.entities if e.name == "Remark")
    assert [(r.kind, r.target) for r in remark.relationships] == [("belongs-to", "Venue")]
    kit = next(e for e in domain.entities if e.name == "Kit")
    assert not any(r.kind == "belongs-to" and r.target == "Venue" for r in kit.relationships)
    found = route_keys(plan_of(body))
    assert "POST /api/venues/{venue_id}/remarks" in found


def test_a_filter_by_another_entity_lists_its_choices() -> None:
    body = """
    ## Requirements

    - **FR-001**: Visitors MUST be able to list published recipes and filter recipes by cuisine.
    - **FR-002**: Cooks MUST be able to create recipes.

    ### Key Entities

    - **Recipe**: a dish's ingredients and steps, with a title and a cuisine.
    - **Cuisine**: a style of cooking a recipe belongs to, with a name.
    """
    plan = plan_of(body)
    assert "GET /api/cuisines" in route_keys(plan)
    assert any(assumption.startswith("GET /api/cuisines") and "filter" in assumption for assumption in plan.assumptions)


def test_a_filter_named_after_another_entity_lists_its_choices() -> None:
    body = """
    ## User Scenarios & Testing

    ### User Story 1 - Browse recipes (Priority: P1)

    1. **Given** a visitor is browsing the recipes, **When** they apply a cuisine filter, **Then** only recipes of
       that cuisine are shown.

    ## Requirements

    - **FR-001**: Visitors MUST be able to list published recipes.
    - **FR-002**: Cooks MUST be able to create recipes.

    ### Key Entities

    - **Recipe**: a dish's ingredients and steps, with a title and a cuisine.
    - **Cuisine**: a style of cooking a recipe belongs to, with a name.
    """
    assert "GET /api/cuisines" in route_keys(plan_of(body))


def test_a_filter_by_a_column_lists_nothing_more() -> None:
    body = """
    ## Requirements

    - **FR-001**: Visitors MUST be able to list recipes and filter recipes by difficulty.

    ### Key Entities

    - **Recipe**: a dish, with a title and a difficulty.
    - **Cuisine**: a style of cooking, with a name.
    """
    assert not any("/cuisines" in key for key in route_keys(plan_of(body)))


def test_a_write_named_as_a_noun_after_an_enabling_verb_is_asked_for() -> None:
    body = """
    ## Requirements

    - **FR-001**: Members MUST be able to create invoices with an amount.
    - **FR-002**: System MUST allow invoice deletion with confirmation.
    - **FR-003**: System MUST support soft deletion of receipts.
    - **FR-004**: Receipt removal is logged; the system MUST NOT allow creation of receipts by guests.

    ### Key Entities

    - **Invoice**: a bill with an amount.
    - **Receipt**: proof of a payment, with a date.
    """
    found = route_keys(plan_of(body))
    assert "DELETE /api/invoices/{invoice_id}" in found
    assert "DELETE /api/receipts/{receipt_id}" in found
    assert "POST /api/receipts" not in found


def test_changing_a_part_of_a_thing_changes_the_thing() -> None:
    body = """
    ## Requirements

    - **FR-001**: Cooks MUST be able to create recipes with a title.
    - **FR-002**: System MUST allow the cook to update the cooking time of an existing recipe.

    ### Key Entities

    - **Recipe**: a dish, with a title and a cooking time.
    """
    assert "PUT /api/recipes/{recipe_id}" in route_keys(plan_of(body))


SHOP = """
## Requirements

- **FR-001**: System MUST provide product search functionality by name.
- **FR-002**: System MUST support adding products to a shopping cart.
- **FR-003**: System MUST provide a checkout process for completing purchases.
- **FR-004**: System MUST provide account management (profile, order history).
- **FR-005**: Staff MUST be able to create profiles for walk-in customers during checkout.

### Key Entities

- **Product**: an item for sale with a name and a price.
- **Order**: a completed purchase with shipping details.
- **Shopping Cart**: a temporary collection of products a customer intends to purchase.
"""


def test_a_cart_holds_things_that_exist_on_their_own_through_its_items() -> None:
    domain = infer_domain(parse_spec(spec_of(SHOP), "specs/001-x/spec.md"))
    item = next(e for e in domain.entities if e.name == "CartItem")
    assert item.link and {r.target for r in item.relationships} == {"Product", "ShoppingCart"}
    assert next(a for a in item.attributes if a.name == "quantity").type == "int"
    product = next(e for e in domain.entities if e.name == "Product")
    assert not any(r.kind == "belongs-to" and r.target == "ShoppingCart" for r in product.relationships)
    found = route_keys(plan_of(SHOP))
    assert "GET /api/products" in found  # searched at the top, not inside a cart
    assert "POST /api/shopping-carts/{shopping_cart_id}/products" in found
    assert not any(key.startswith("GET /api/shopping-carts/{shopping_cart_id}/products") for key in found)


def test_checking_out_makes_an_order_and_an_order_history_lists_orders() -> None:
    plan = plan_of(SHOP)
    found = route_keys(plan)
    assert "POST /api/orders" in found and "GET /api/orders" in found
    assert any(a.startswith("POST /api/orders") and "checking out" in a for a in plan.assumptions)


def test_checkout_as_the_setting_of_something_else_asks_for_no_order() -> None:
    body = SHOP.replace("- **FR-003**: System MUST provide a checkout process for completing purchases.\n", "")
    assert "POST /api/orders" not in route_keys(plan_of(body))


def test_a_thing_described_as_a_user_action_is_no_person_and_voting_makes_one() -> None:
    body = """
    ## Requirements

    - **FR-001**: System MUST allow users to vote on films without requiring authentication.
    - **FR-002**: Vote data MUST be retained indefinitely to maintain historical leaderboard integrity.

    ### Key Entities

    - **Film**: a title people vote on, with a name and a year.
    - **Vote**: User action on a film, captures the vote value and a timestamp.
    - **Leaderboard**: ranked list of films by aggregate votes.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    assert not next(e for e in domain.entities if e.name == "Vote").is_actor
    found = route_keys(plan_of(body))
    assert "POST /api/films/{film_id}/votes" in found
    assert not any(key.startswith(("POST /api/leaderboards", "PUT ", "DELETE ")) for key in found)


def test_a_detail_view_of_one_thing_reads_it_by_id() -> None:
    body = """
    ## Requirements

    - **FR-001**: System MUST allow creation of players with a unique display name.
    - **FR-002**: System MUST expose a player detail view including yearly metrics.
    - **FR-003**: System MUST show the level of detail the admin configured.

    ### Key Entities

    - **Player**: a person who plays rounds, with a display name.
    """
    found = route_keys(plan_of(body))
    assert "GET /api/players/{player_id}" in found


def test_what_the_people_allowed_to_make_it_make_is_theirs() -> None:
    body = """
    ## User Scenarios & Testing

    ### User Story 1 - Track spending (Priority: P1)

    As a renter, I want to add an expense entry so I can see my costs.

    ## Requirements

    - **FR-001**: System MUST allow users to add tags for each expense entry.
    - **FR-002**: System MUST allow users to add a product to their shopping basket.
    - **FR-003**: System MUST provide a secure login mechanism for renters; renters log in with email and password.

    ### Key Entities

    - **Expense Entry**: a single expense, with an amount.
    - **Tag**: a label for grouping entries.
    - **Product**: an item for sale, with a price.
    - **Shopping Basket**: the products a user intends to buy.
    - **User**: a person with an account who can log in.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))

    def owner(name: str) -> list[str]:
        entity = next(e for e in domain.entities if e.name == name)
        return [r.target for r in entity.relationships if r.kind == "belongs-to" and r.ownership]

    assert owner("Tag") == ["User"]
    assert owner("ExpenseEntry") == ["User"]
    assert owner("Product") == []  # put into a basket, not made


def test_what_an_administrator_adds_is_not_theirs() -> None:
    body = """
    ## User Scenarios & Testing

    ### User Story 1 - Stock the shop (Priority: P1)

    As a shop administrator, I want to add a product with a price.

    ## Requirements

    - **FR-001**: Users MUST be able to log in with email and password; users log in to buy.

    ### Key Entities

    - **Product**: an item for sale, with a price.
    - **User**: a person with an account who can log in.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    product = next(e for e in domain.entities if e.name == "Product")
    assert not any(r.ownership for r in product.relationships)


def test_a_definition_that_names_a_status_gives_a_status_column() -> None:
    body = """
    ### Key Entities

    - **Payment**: Represents payment transaction details and status.
    - **Report**: a summary with the status of the latest import and a title.
    - **Server**: a machine that answers with a status code.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    columns = {e.name: {a.name for a in e.attributes} for e in domain.entities}
    assert "status" in columns["Payment"]
    assert "status" not in columns["Report"] and "status" not in columns["Server"]


def test_optimistic_locking_gives_the_thing_a_row_version() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to update an expense.
    - **FR-002**: System MUST reject updates to an expense when the provided version does not match the current one.

    ### Key Entities

    - **Expense**: money spent, with an amount.
    - **Budget**: a monthly limit, with an amount.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    columns = {e.name: {a.name: a for a in e.attributes} for e in domain.entities}
    assert columns["Expense"]["version"].type == "int"
    assert "version" not in columns["Budget"]


def test_things_linked_through_a_third_stay_top_level() -> None:
    body = """
    ## Requirements

    - **FR-001**: Managers MUST be able to see a preview of items in each warehouse.
    - **FR-002**: System MUST allow users to register new items with a name and a code.
    - **FR-003**: System MUST allow users to create warehouses.

    ### Key Entities

    - **Warehouse**: a physical storage location with a name; stores multiple items.
    - **Item**: a product in the catalog with a name and a code; can be stored in multiple warehouses.
    - **Stock Level**: the quantity of a specific item in a specific warehouse; links item to warehouse.
    """
    found = route_keys(plan_of(body))
    assert "POST /api/items" in found
    assert not any(key.startswith("POST /api/warehouses/{warehouse_id}/items") for key in found)


def test_things_in_a_category_are_filed_under_it_not_owned_by_it() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to browse listings in a category and create listings in a category.
    - **FR-002**: Users MUST be able to edit and delete their own listings.
    - **FR-003**: Administrators MUST be able to create categories.

    ### Key Entities

    - **Listing**: an item for sale with a title, a price and a category.
    - **Category**: a grouping for organising listings.
    - **Category Rule**: a rule of a category, with a text.
    """
    found = route_keys(plan_of(body))
    assert {"POST /api/listings", "GET /api/listings", "PUT /api/listings/{listing_id}",
            "DELETE /api/listings/{listing_id}"} <= found
    assert not any(key.split()[1].startswith("/api/categories/{category_id}/listings") for key in found)


def test_assigning_a_thing_to_someone_is_an_action_without_a_state() -> None:
    body = """
    ## Requirements

    - **FR-001**: Staff MUST be able to assign conversations to team members for follow-up.
    - **FR-002**: Administrators MUST be able to assign roles to users.
    - **FR-003**: Staff MUST be able to assign priorities.

    ### Key Entities

    - **Conversation**: a thread of messages with a customer.
    - **Role**: a named set of permissions.
    - **Priority**: how urgent a conversation is.
    """
    found = route_keys(plan_of(body))
    assert "POST /api/conversations/{conversation_id}/assign" in found
    assert not any(key.endswith("/assign") and "/roles/" in key for key in found)
    assert not any(key.endswith("/assign") and "/priorities/" in key for key in found)


def test_named_states_are_the_status_values_and_joining_needs_members() -> None:
    body = """
    ## Requirements

    - **FR-001**: System MUST allow authenticated users to create new raffles with a draw date.
    - **FR-002**: System MUST allow raffles to have three states: "joining" (accepting participants), "open"
      (allowing draws), and "archived" (after the draw date).
    - **FR-003**: System MUST allow authenticated users to join raffles with multiple participants.

    ### Key Entities

    - **Raffle**: a draw among people, with a draw date and multiple participants.
    - **User**: a person with an account who can log in.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    raffle = next(e for e in domain.entities if e.name == "Raffle")
    assert raffle.states is not None and raffle.states.states == ["joining", "open", "archived"]
    assert "states" not in {a.name for a in raffle.attributes}
    assert "POST /api/raffles/{raffle_id}/join" in route_keys(plan_of(body))


def test_a_scenario_whose_outcome_is_that_no_such_option_exists_asks_for_nothing() -> None:
    body = """
    ## User Scenarios & Testing

    ### User Story 1 - Invitations only (Priority: P1)

    An organiser invites people; nobody gets in on their own.

    **Acceptance Scenarios**:

    1. **Given** a user never invited, **When** they look for a way to join a club on their own, **Then** no
       request-to-join option exists anywhere in the product.

    ## Requirements

    - **FR-001**: Administrators MUST be able to create clubs.

    ### Key Entities

    - **Club**: a reading group with a name and a member list.
    - **User**: a person with an account who can log in.
    """
    assert not any(key.endswith("/join") for key in route_keys(plan_of(body)))


def test_providing_authentication_for_someone_asks_for_sign_in() -> None:
    body = """
    ## Requirements

    - **FR-001**: System MUST provide secure authentication for admin users.
    - **FR-002**: Admin users MUST be able to create products.

    ### Key Entities

    - **Product**: an item for sale, with a price.
    - **Admin User**: an administrative user with authentication credentials.
    """
    assert "POST /api/auth/login" in route_keys(plan_of(body))


def test_people_who_sign_in_get_a_name_to_be_shown_by() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to log in with email and password; users log in to write notes.

    ### Key Entities

    - **User**: a person with an account who can log in, with an email.
    - **Author**: a person who can log in and writes posts, with a display name.
    """
    plan = plan_of(body)
    user = next(m for m in plan.models if m.name == "User")
    name = next(f for f in user.fields if f.name == "name")
    assert not name.required and "assumed" in name.description
    author = next(m for m in plan.models if m.name == "Author")
    assert "name" not in {f.name for f in author.fields}
    assert any("`User`" in a and "`name`" in a for a in plan.assumptions)


CLOCKING = """
## Requirements

- **FR-001**: System MUST allow employees to clock in to start tracking work time.
- **FR-002**: System MUST allow employees to clock out to stop tracking work time.
- **FR-003**: System MUST prevent employees from clocking in twice and MUST display the current clock-in status.

### Edge Cases

- What happens when an employee forgets to clock out?

### Key Entities

- **Employee**: a person who signs in, with a name and an email.
- **Time Entry**: one work session, with clock-in time, clock-out time and duration.
"""


def test_clocking_in_makes_the_entry_and_clocking_out_is_an_action_on_it() -> None:
    plan = plan_of(CLOCKING)
    keys = route_keys(plan)
    assert {"POST /api/time-entries", "POST /api/time-entries/{time_entry_id}/clock-out"} <= keys
    clock_out = next(r for r in plan.routes if r.path.endswith("/clock-out"))
    assert clock_out.auth == "owner"  # who clocked in clocks out
    assert [s.label for s in clock_out.sources] == ["FR-002"]  # not the edge case


def test_the_entry_clocking_in_makes_is_the_persons() -> None:
    entry = entity(CLOCKING, "TimeEntry")
    assert any(r.kind == "belongs-to" and r.target == "Employee" and r.ownership for r in entry.relationships)


def test_a_clock_in_time_or_status_is_no_request() -> None:
    body = CLOCKING.replace("- **FR-001**: System MUST allow employees to clock in to start tracking work time.\n", "") \
        .replace("- **FR-002**: System MUST allow employees to clock out to stop tracking work time.\n", "")
    keys = route_keys(plan_of(body))
    assert not any("time-entries" in key for key in keys)


MARKET = """
## Requirements

- **FR-001**: Users MUST be able to create listings with a title and a price.
- **FR-002**: System MUST allow users to flag listings as inappropriate.
- **FR-003**: Users MUST be able to bump their listing to extend its visibility.

### Key Entities

- **Listing**: an item for sale, with a title and a price.
- **Flag**: a report that a listing is inappropriate, with a reason.
"""


def test_flagging_a_thing_makes_a_flag_on_it_and_a_bump_is_an_action() -> None:
    keys = route_keys(plan_of(MARKET))
    assert "POST /api/listings/{listing_id}/flags" in keys
    assert "POST /api/listings/{listing_id}/bump" in keys


def _with(requirement: str) -> set[str]:
    return route_keys(plan_of(f"""
    ## Requirements

    - **FR-001**: Users MUST be able to create tasks.
    - **FR-002**: {requirement}

    ### Key Entities

    - **User**: a person who signs in, with an email.
    - **Task**: a thing to do, with a title.
    """))


def test_access_control_and_feature_names_ask_for_no_read_of_the_people_named() -> None:
    for requirement in ("System MUST restrict access to reports for non-subscribed users.",
                        "System MUST restrict access to time tracking features for non-subscribed users.",
                        "System MUST filter all task queries by the authenticated user's ID.",
                        "System MUST return 403 when a user attempts to access another user's data."):
        found = _with(requirement)
        assert not any(key.startswith("GET /api/users") for key in found), requirement


def test_a_persons_profile_is_still_the_person_and_a_plain_read_is_still_a_read() -> None:
    assert "GET /api/users/{user_id}" in _with("Admins MUST be able to view a user's profile.")
    assert "GET /api/tasks" in _with("Users MUST be able to access tasks by their title.")
    assert "PUT /api/tasks/{task_id}" in _with("Admins MUST be able to edit other users' tasks.")


def test_health_checks_the_spec_waits_for_or_names_are_a_health_route() -> None:
    for said in ("Operators MUST be able to call a health check endpoint.",
                 "The smoke script MUST wait for health before it runs.",
                 "When the stack starts, the API becomes healthy within 30 seconds."):
        assert "GET /api/health" in _with(said), said
    for said in ("Users MUST be able to record health metrics for each task.",
                 "Users MUST be able to verify health records of a task."):
        assert "GET /api/health" not in _with(said), said


CATALOGUE = """
## Requirements

- **FR-001**: Users MUST be able to create entries with a title and tags.
- **FR-002**: System MUST provide filtering of entries by tag.
- **FR-003**: System MUST provide admin-only functionality for managing tags.

### Key Entities

- **User**: a person who signs in, with an email and an admin flag.
- **Entry**: a film or a series, with a title; it has tags.
- **Tag**: a genre label, with a name.
"""


def test_functionality_for_managing_a_thing_is_its_management_by_whom_it_names() -> None:
    plan = plan_of(CATALOGUE)
    by_key = {f"{r.method} {r.path}": r for r in plan.routes}
    for key in ("POST /api/tags", "PUT /api/tags/{tag_id}", "DELETE /api/tags/{tag_id}"):
        assert by_key[key].auth == "role:admin", key


def test_a_read_one_sentence_gives_everyone_is_not_narrowed_by_a_role_in_another() -> None:
    plan = plan_of(CATALOGUE)
    listing = next(r for r in plan.routes if r.method == "GET" and r.path == "/api/tags")
    assert listing.auth == "authenticated"  # the filter's choices, for everyone who filters


def test_accounts_made_through_an_identity_provider_have_no_create_route() -> None:
    body = CATALOGUE.replace("- **FR-001**:", "- **FR-000**: System MUST allow users to create and authenticate user "
                             "accounts using OAuth2 via WorkOS.\n- **FR-001**:")
    keys = route_keys(plan_of(body))
    assert "POST /api/users" not in keys and "GET /api/auth/callback" in keys


ROOMS = """
## Requirements

- **FR-001**: Users MUST be able to select a meeting room and enter a start time and end time to book it.
- **FR-002**: System MUST show users whether a booking request was accepted or rejected.
- **FR-003**: System MUST create a booking when the selected room is free.

### Key Entities

- **User**: a person who signs in, with an email.
- **Room**: a meeting room, with a name and a capacity.
- **Booking**: a room held for a time range, with a start time and an end time.
"""


def test_selecting_a_thing_lists_its_choices_as_an_assumption() -> None:
    plan = plan_of(ROOMS)
    assert "GET /api/rooms" in route_keys(plan)
    assert any(a.startswith("GET /api/rooms:") and "choices" in a for a in plan.assumptions)


def test_whom_a_screen_shows_something_is_not_what_it_shows() -> None:
    assert not any(key.startswith("GET /api/users") for key in route_keys(plan_of(ROOMS)))


def test_a_selected_thing_or_a_system_choice_lists_nothing() -> None:
    body = ROOMS.replace("Users MUST be able to select a meeting room and enter", "Users MUST be able to enter")
    assert "GET /api/rooms" not in route_keys(plan_of(body))  # "the selected room" (FR-003) is no request
    body = ROOMS.replace("Users MUST be able to select a meeting room and enter",
                         "The system MUST select a room and users MUST enter")
    assert "GET /api/rooms" not in route_keys(plan_of(body))


DRAFT_ORDERS = """
## User Scenarios

### User Story 1 - Draft order (Priority: P1)

As a customer, I can create a draft order and add/remove items so that my cart is kept.

## Requirements

- **FR-001**: System MUST allow a customer to create a new order in status `DRAFT`.
- **FR-002**: System MUST allow a customer to add an item to a `DRAFT` order.
- **FR-003**: System MUST allow a customer to remove an item from a `DRAFT` order.
- **FR-004**: System MUST allow a customer to set or replace a shipping address on a `DRAFT` order.

### Key Entities

- **Order**: a customer's purchase, with a status (`DRAFT` → `SUBMITTED`), a list of items, and an optional
  shipping address.
- **OrderItem**: a line item, with a product id and a quantity.
- **ShippingAddress**: where the order goes, with a recipient name, a street and a city.
"""


def test_the_items_an_entity_lists_are_its_compound_named_entity() -> None:
    plan = plan_of(DRAFT_ORDERS)
    assert "Item" not in {model.name for model in plan.models}
    keys = route_keys(plan)
    # "add an item to a DRAFT order": the state before the order does not hide it.
    assert {"POST /api/orders/{order_id}/items", "DELETE /api/orders/{order_id}/items/{order_item_id}"} <= keys


def test_one_thing_set_on_another_is_a_singleton_under_it() -> None:
    assert "PUT /api/orders/{order_id}/shipping-address" in route_keys(plan_of(DRAFT_ORDERS))


REPORTS = """
## User Scenarios

### User Story 1 - Spending Reports (Priority: P1)

### User Story 2 - Manager Generates Reports (Priority: P2)

## Requirements

- **FR-001**: System MUST generate basic sales reports (daily, weekly, monthly).
- **FR-002**: System MUST provide invoice summary reports filterable by date range and status.
- **FR-003**: System MUST display a consolidated report after each import.
- **FR-004**: Users MUST be able to create invoices with an amount.

### Key Entities

- **Invoice**: a bill, with an amount and a status.
"""


def test_reports_the_spec_asks_for_are_one_read_each_with_their_period_and_filters() -> None:
    plan = plan_of(REPORTS)
    by_path = {r.path: r for r in plan.routes if r.method == "GET"}
    assert [p.name for p in by_path["/api/reports/sales"].query] == ["period"]
    assert "daily" in by_path["/api/reports/sales"].query[0].description
    assert [p.name for p in by_path["/api/reports/invoices"].query] == ["from", "to", "status"]
    assert "/api/reports/spending" in by_path  # a story titled "Spending Reports"
    assert by_path["/api/reports/sales"].service_method == "ReportService.sales_report"


def test_a_report_with_no_subject_or_named_for_who_asks_is_no_route() -> None:
    paths = {r.path for r in plan_of(REPORTS).routes}
    assert not any(p.startswith("/api/reports/") and p.split("/")[-1] in ("managers", "consolidateds", "consolidated")
                   for p in paths)


def test_the_settings_of_a_thing_are_one_under_it() -> None:
    keys = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: Clinic owners MUST be able to create clinics.
    - **FR-002**: Clinic owners MUST be able to configure the payment settings of their clinic.

    ### Key Entities

    - **Clinic**: a medical clinic, with a name.
    - **PaymentSettings**: how a clinic takes payments, with a deposit percentage; one per clinic.
    """))
    assert "PUT /api/clinics/{clinic_id}/payment-settings" in keys
    assert not any("{payment_settings_id}" in key for key in keys)


def test_a_route_names_each_source_once() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to register and log in with Google.

    ### Key Entities

    - **User**: a person who signs in, with a name.
    """
    plan = plan_of(body)
    for route in plan.routes:
        labels = [source.label for source in route.sources]
        assert len(labels) == len(set(labels)), (route.path, labels)


def test_a_name_after_without_or_with_is_no_object_of_the_verb() -> None:
    keys = _with("Guests MUST still be able to check out without an account and create tasks.")
    assert not any("check-out" in key or key.startswith("POST /api/users") for key in keys)
    assert "POST /api/tasks" in keys


RECIPES = """
## Requirements

- **FR-001**: Users MUST be able to create recipes with a title.
- **FR-002**: Recipes MUST be searchable by title and ingredient.
- **FR-003**: Users MUST be able to share a recipe with other users.
- **FR-004**: Users MUST be able to duplicate a recipe.
- **FR-005**: System MUST reject duplicate recipes and MUST keep a market share figure.

### Key Entities

- **User**: a person who signs in, with an email.
- **Recipe**: a dish, with a title and ingredients.
"""


def test_searchable_asks_for_the_list_with_its_search() -> None:
    listing = next(r for r in plan_of(RECIPES).routes if r.method == "GET" and r.path == "/api/recipes")
    assert "FR-002" in [s.label for s in listing.sources]
    assert {"title", "q"} <= {p.name for p in listing.query}


def test_sharing_with_people_and_duplicating_a_thing_are_actions_but_the_adjective_is_not() -> None:
    plan = plan_of(RECIPES)
    by_key = {f"{r.method} {r.path}": r for r in plan.routes}
    assert [s.label for s in by_key["POST /api/recipes/{recipe_id}/share"].sources] == ["FR-003"]
    assert [s.label for s in by_key["POST /api/recipes/{recipe_id}/duplicate"].sources] == ["FR-004"]


BOARD = """
## Requirements

- **FR-001**: Members MUST be able to create tasks within a project and assign them to other members.
- **FR-002**: Users MUST be able to export a project's tasks as CSV.
- **FR-003**: The system MUST display a dashboard with task counts per status.
- **FR-004**: Users MUST be able to create projects.

### Key Entities

- **User**: a person who signs in, with a name and an email.
- **Project**: a body of work, with a name.
- **Task**: a unit of work in a project, with a title and a status (todo, doing, done).
"""


def test_assigning_them_to_someone_is_an_action_with_the_assignee_and_no_state_check() -> None:
    plan = plan_of(BOARD)
    assign = next(r for r in plan.routes if r.path.endswith("/assign"))
    assert assign.path == "/api/tasks/{task_id}/assign"  # shallow: the task's own path
    assert [p.name for p in assign.request] == ["assignee_id"]
    assert "state transition" not in assign.purpose and 409 not in {e.status for e in assign.errors}
    method = next(m for s in plan.services for m in s.methods if m.name == "assign_task")
    assert "assignee_id" in [p.name for p in method.params]
    assert not any("allows 'assign'" in step for step in method.steps)


def test_a_projects_tasks_are_the_tasks_and_figures_about_tasks_are_no_read_of_one() -> None:
    keys = route_keys(plan_of(BOARD))
    assert "GET /api/projects/{project_id}/tasks/export" in keys and "GET /api/projects/export" not in keys
    assert not any(key.endswith("{task_id}") and key.startswith("GET") for key in keys)


CATALOGUE_ADMIN = """
## Requirements

- **FR-001**: Admins MUST be able to manage products and categories.
- **FR-002**: Customers MUST be able to save products to a wishlist.

### Key Entities

- **Customer**: a person who signs in, with an email and a name.
- **Product**: an item for sale, with a name and a price.
- **Category**: a group of products, with a name.
- **Wishlist**: products a customer saved for later.
"""


def test_a_verb_acts_on_each_thing_of_a_list_of_objects() -> None:
    keys = route_keys(plan_of(CATALOGUE_ADMIN))
    assert {"POST /api/categories", "DELETE /api/categories/{category_id}", "POST /api/products"} <= keys


def test_a_container_that_names_what_it_holds_first_links_it_and_saving_to_it_adds_a_link() -> None:
    plan = plan_of(CATALOGUE_ADMIN)
    keys = route_keys(plan)
    assert "POST /api/wishlists/{wishlist_id}/products" in keys
    assert not any(key.startswith(("GET /api/wishlists/{wishlist_id}/products/", "PUT /api/wishlists")) for key in keys)
    assert "WishlistItem" in {model.name for model in plan.models}


CLINIC = """
## Requirements

- **FR-001**: Patients MUST be able to book an appointment with a doctor.
- **FR-002**: Receptionists MUST be able to check in patients when they arrive.
- **FR-003**: Doctors MUST be able to write notes for each appointment.
- **FR-004**: Patients MUST be able to cancel their appointments.

### Key Entities

- **Patient**: a person who signs in, with a name and an email.
- **Receptionist**: staff who signs in, with a name.
- **Doctor**: a physician who signs in, with a name.
- **Appointment**: a visit, with a start time, a status (booked, checked_in, cancelled) and a reason.
"""


def test_a_verb_that_leads_to_the_first_state_makes_the_thing() -> None:
    plan = plan_of(CLINIC)
    keys = route_keys(plan)
    assert "POST /api/appointments/{appointment_id}/book" not in keys
    create = next(r for r in plan.routes if r.method == "POST" and r.path == "/api/appointments")
    assert "FR-001" in [s.label for s in create.sources]


def test_checking_in_people_moves_the_one_thing_with_that_state() -> None:
    keys = route_keys(plan_of(CLINIC))
    assert "POST /api/appointments/{appointment_id}/check-in" in keys
    assert not any(key.startswith("POST /api/patients") for key in keys)


def test_a_thing_the_spec_does_not_model_before_a_preposition_is_the_object() -> None:
    plan = plan_of(CLINIC)
    create = next(r for r in plan.routes if r.method == "POST" and r.path == "/api/appointments")
    assert "FR-003" not in [s.label for s in create.sources]  # "write notes for each appointment" makes notes


COURSEWORK = """
## Requirements

- **FR-001**: Students MUST be able to submit their work as a submission.
- **FR-002**: Instructors MUST be able to grade submissions and leave feedback.
- **FR-003**: Students MUST be able to submit a request for an extension.

### Key Entities

- **Student**: a learner who signs in, with a name and an email.
- **Submission**: a student's answer, with a file, a grade and feedback.
- **Request**: a student's ask for more time, with a reason.
"""


def test_submitting_makes_the_submission_grading_is_an_action_and_a_submitted_request_is_a_request() -> None:
    plan = plan_of(COURSEWORK)
    keys = route_keys(plan)
    assert {"POST /api/submissions/{submission_id}/grade", "POST /api/requests"} <= keys
    create = next(r for r in plan.routes if r.method == "POST" and r.path == "/api/submissions")
    assert "FR-003" not in [s.label for s in create.sources]


def test_a_refused_attempt_in_an_example_does_not_open_a_read_a_role_has() -> None:
    plan = plan_of("""
    ## User Scenarios

    ### User Story 1 - Admin sees users (Priority: P1)

    **Acceptance Scenarios**:

    1. **Given** a signed-in customer, **When** they try to view the list of users, **Then** access is denied.

    ## Requirements

    - **FR-001**: Admins MUST be able to view all users.

    ### Key Entities

    - **User**: a person who signs in, with an email and a role (admin, customer).
    """)
    listing = next(r for r in plan.routes if r.method == "GET" and r.path == "/api/users")
    assert listing.auth == "role:admin"


def test_reopening_is_an_action_only_for_a_thing_that_closes() -> None:
    saved = """
    ## Requirements

    - **FR-001**: Players MUST be able to save a loadout and reopen a saved loadout in a later session.

    ### Key Entities

    - **Loadout**: a named set of gear a player saves.
    """
    assert not any(key.endswith("/reopen") for key in route_keys(plan_of(saved)))
    tickets = """
    ## Requirements

    - **FR-001**: Agents MUST be able to close a ticket and reopen a closed ticket.

    ### Key Entities

    - **Ticket**: a request for help with a title and a status (open, closed).
    """
    assert any(key.startswith("POST ") and key.endswith("/reopen") for key in route_keys(plan_of(tickets)))


def test_assigning_a_thing_to_another_through_the_entity_linking_them_adds_and_removes_a_row() -> None:
    body = """
    ## Requirements

    - **FR-001**: Admins MUST be able to create racks with a label.
    - **FR-002**: Admins MUST be able to assign a sensor to a rack slot and unassign a sensor from a rack.

    ### Key Entities

    - **Rack**: a frame with a `label` and up to 8 slots.
    - **SensorPlacement**: A relationship linking a sensor (`serial`) to a rack slot (1-8), with a placement time.
    - **Sensor**: a device identified by its `serial`, with a `status` (online, offline).
    """
    found = route_keys(plan_of(body))
    assert "POST /api/racks/{rack_id}/sensors" in found
    assert "DELETE /api/racks/{rack_id}/sensors/{sensor_id}" in found
    assert not any(key.endswith("/assign") or key.endswith("/unassign") for key in found)


def test_health_probes_are_named_in_words() -> None:
    plan = plan_of("""
    ## Requirements

    - **FR-001**: Users MUST be able to create tasks.
    - **FR-002**: The service MUST expose liveness and readiness probes.

    ### Key Entities

    - **Task**: a thing to do, with a title.
    """)
    purposes = {r.path: r.purpose for r in plan.routes if r.path.startswith("/api/health")}
    assert purposes["/api/health/live"] == "service health (liveness probe)"
    assert purposes["/api/health/ready"] == "service health (readiness probe)"


def _health_paths(requirement: str) -> set[str]:
    plan = plan_of(f"""
    ## Requirements

    - **FR-001**: Users MUST be able to create tasks.
    - **FR-002**: {requirement}

    ### Key Entities

    - **Task**: a thing to do, with a title.
    """)
    return {r.path for r in plan.routes if r.path.startswith("/api/health")}


def test_health_routes_come_from_the_service_health_only() -> None:
    # The service's own health: a check endpoint, probes, the health of what it depends on.
    assert _health_paths("The service MUST provide health check endpoints.") == {"/api/health"}
    assert _health_paths("The system MUST expose liveness and readiness probes.") == \
        {"/api/health", "/api/health/live", "/api/health/ready"}
    assert _health_paths("The system MUST provide readiness and liveness health signaling.") == \
        {"/api/health", "/api/health/live", "/api/health/ready"}
    assert _health_paths("The system MUST report dependency health status.") == {"/api/health"}
    # The health of a thing of the domain, and readiness in business prose, ask for no endpoint.
    assert _health_paths("The system MUST show a color-coded health status for each task.") == set()
    assert _health_paths("Admins MUST see the integration health status on the connections page.") == set()
    assert _health_paths("Test suites MUST pass before release readiness is declared.") == set()
    assert _health_paths("Users MUST be able to indicate readiness to sleep.") == set()
    assert _health_paths("Operators MUST be able to track system health and identify issues.") == set()


def _shop(requirement: str, story_title: str = "Browse") -> set[str]:
    return route_keys(plan_of(f"""
    ## User Scenarios & Testing

    ### User Story 1 - {story_title} (Priority: P1)

    Shoppers look at products.

    ## Requirements

    - **FR-001**: Shoppers MUST be able to list products.
    - **FR-002**: {requirement}

    ### Key Entities

    - **Product**: a thing for sale, with a name and a price.
    - **Order**: a purchase of products, with a quantity, a total and a status (pending, paid, failed).
    """))


def test_ordering_things_makes_an_order_but_the_noun_and_a_sort_do_not() -> None:
    assert "POST /api/orders" in _shop("Shoppers MUST be able to order 1–10 products at once.")
    assert "POST /api/orders" not in _shop("Shoppers MUST be able to order products by price.")
    assert "POST /api/orders" not in _shop("Shoppers MUST be able to see order details.", "Order Management")
    # A payment that fails moves the order by itself: no route for people to fail it.
    assert not any(key.endswith("/fail") for key in _shop("Shoppers MUST be able to order 2 products."))


_ARTICLES = """
    ## Requirements

    - **FR-001**: Authenticated users MUST be able to create an article with a title, description, body, and tag list.
    - **FR-002**: Each article MUST have a unique slug, creation timestamp, update timestamp, and author profile.
    - **FR-003**: Authenticated article owners MUST be able to update title, description, body, and tag list.
    - **FR-004**: Readers MUST be able to retrieve a single article by slug anonymously.
    - **FR-005**: Readers MUST be able to retrieve a public article list anonymously.
    - **FR-006**: Public article lists MUST support filtering by author profile and tag.
    - **FR-007**: The system MUST expose the catalogue of tags.

    ### Key Entities

    - **Article**: a published text with a title, description, body, slug, and tag list.
    - **Tag**: a lowercase label attached to articles.
    - **Author Profile**: the public view of the person who wrote an article, part of an article.
    """


def test_a_filter_criterion_is_not_the_thing_read() -> None:
    # "filtering by author profile" filters the article list: the profiles are the filter's choices, listed flat
    # and as public as the list they filter, never a list nested under one article.
    plan = plan_of(_ARTICLES)
    auth = {f"{r.method} {r.path}": r.auth for r in plan.routes}
    assert not any("/articles/{article_id}/author-profiles" in key for key in auth)
    assert auth["GET /api/author-profiles"] == "public"
    assert auth["GET /api/tags"] == "public"
    assert auth["GET /api/articles"] == "public"


def test_anonymously_makes_a_route_public() -> None:
    auth = {f"{r.method} {r.path}": r.auth for r in plan_of(_ARTICLES).routes}
    assert auth["GET /api/articles/{article_id}"] == "public"
    refused = plan_of("""
    ## Requirements

    - **FR-001**: Users MUST be able to create reports.
    - **FR-002**: Users MUST be able to view a report, and MUST NOT view a report anonymously.

    ### Key Entities

    - **Report**: a summary with a title.
    """)
    assert {f"{r.method} {r.path}": r.auth for r in refused.routes}["GET /api/reports/{report_id}"] != "public"


def test_the_time_of_a_change_is_no_request_for_it() -> None:
    # "update timestamp, and author profile" names two columns; nobody is asked to update an author profile.
    keys = route_keys(plan_of(_ARTICLES))
    assert not any(key.startswith("PUT") and "author-profiles" in key for key in keys)


def test_a_list_of_fields_names_the_thing_whose_fields_they_are() -> None:
    # "article owners ... update title, description, body, and tag list": the article is updated, not a tag.
    keys = route_keys(plan_of(_ARTICLES))
    assert "PUT /api/articles/{article_id}" in keys
    assert not any(key.startswith("PUT /api/tags") for key in keys)


def test_allowing_duplication_of_a_thing_is_an_action_on_it() -> None:
    keys = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: Coaches MUST be able to create sections with a name.
    - **FR-002**: System MUST allow duplication of a section as an independent copy.
    - **FR-003**: Duplication of a section is logged.

    ### Key Entities

    - **Section**: a part of a practice plan, with a name.
    """))
    assert "POST /api/sections/{section_id}/duplicate" in keys


def _booking(sentence: str) -> set[str]:
    return route_keys(plan_of(f"""
    ## Requirements

    - **FR-001**: Users MUST be able to sign in with email and password.
    - **FR-002**: Users MUST be able to view available appointment slots.
    - **FR-003**: Users MUST be able to book an appointment.
    - **FR-004**: {sentence}

    ### Key Entities

    - **Appointment**: a booked visit, with a time slot and a payment status.
    - **Time Slot**: an available booking time with a start time and an end time.
    """))


def test_a_name_before_the_last_word_of_another_name_qualifies_it() -> None:
    # "appointment slots" with a Time Slot modelled: the slots are listed, no appointment is read by id.
    keys = _booking("Users MUST receive an email confirmation of each booking.")
    assert "GET /api/time-slots" in keys
    assert "GET /api/appointments/{appointment_id}" not in keys


def test_an_email_confirmation_of_a_booking_is_no_address_check() -> None:
    assert "POST /api/auth/verify-email" not in _booking("Users MUST receive an email confirmation of each booking.")
    assert "POST /api/auth/verify-email" in _booking("New accounts MUST be activated through an email confirmation link.")
    assert "POST /api/auth/verify-email" in _booking("Users MUST verify their email before signing in.")


_VOTING = """
    ## User Scenarios & Testing

    ### User Story 1 - Vote (Priority: P1)

    As a movie fan, I want to vote on movies I have seen, without needing to create an account or log in.

    ## Requirements

    - **FR-001**: System MUST allow users to vote on movies without requiring authentication.
    - **FR-002**: Users MUST be able to view leaderboards showing aggregated vote rankings.
    - **FR-003**: {extra}

    ### Key Entities

    - **Movie**: a film with a title and a poster.
    - **Vote**: a user's verdict on a movie, with a value (+1, -1, 0) and a session identifier.
    - **Leaderboard**: a ranked list of movies by their votes.
    """


def test_a_sign_in_people_are_spared_is_none() -> None:
    plan = plan_of(_VOTING.format(extra="Users MUST be able to list movies."))
    auth = {f"{r.method} {r.path}": r.auth for r in plan.routes}
    assert not any(key.startswith("POST /api/auth/") for key in auth)
    assert "User" not in {m.name for m in plan.models}
    assert set(auth.values()) == {"public"}
    # "leaderboards showing vote rankings" shows figures of the leaderboard; no vote is read by id.
    assert not any(key.startswith("GET") and key.endswith("{vote_id}") for key in auth)


def test_a_spared_sign_in_for_one_thing_keeps_accounts_for_the_rest() -> None:
    plan = plan_of(_VOTING.format(extra="Users MUST be logged in to create a leaderboard."))
    auth = {f"{r.method} {r.path}": r.auth for r in plan.routes}
    assert auth["POST /api/movies/{movie_id}/votes"] == "public"  # "without requiring authentication"
    assert "authenticated" in auth.values()


def _dispatch(extra: str) -> dict[str, str]:
    plan = plan_of(f"""
    ## Requirements

    - **FR-001**: System MUST allow dispatchers to create deliveries with an address.
    - **FR-002**: System MUST allow dispatchers to cancel a delivery.
    - **FR-003**: {extra}

    ### Key Entities

    - **Delivery**: a parcel on its way, with an address and a status (planned, cancelled).
    """)
    return {f"{r.method} {r.path}": r.auth for r in plan.routes}


def test_the_people_a_requirement_allows_are_its_role_when_the_spec_speaks_of_access() -> None:
    auth = _dispatch("System MUST enforce role-based permissions; only authorized roles may change deliveries.")
    assert auth["POST /api/deliveries"] == "role:dispatcher"
    # Without any word of access, nobody signs in: the plan assumes no accounts, and every route is public.
    assert set(_dispatch("System MUST keep deliveries for a year.").values()) == {"public"}


def test_a_state_change_named_as_a_noun_may_carry_an_aside() -> None:
    keys = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: Security staff MUST be able to issue credentials with an expiry date.
    - **FR-002**: System MUST allow revocation (immediate disable) of a credential.

    ### Key Entities

    - **Credential**: an access card with a number and a status (active, revoked).
    """))
    assert "POST /api/credentials/{credential_id}/revoke" in keys


def test_a_role_of_two_words_is_the_role_of_its_routes() -> None:
    plan = plan_of("""
    ## Requirements

    - **FR-001**: Employees MUST be able to submit timesheets.
    - **FR-002**: Team leads MUST be able to approve timesheets.
    - **FR-003**: Admin users MUST be able to delete timesheets.

    ### Key Entities

    - **Timesheet**: a week of hours, with a status (draft, submitted, approved).
    """)
    auth = {f"{r.method} {r.path}": r.auth for r in plan.routes}
    assert auth["POST /api/timesheets/{timesheet_id}/approve"] == "role:team_lead"
    assert auth["DELETE /api/timesheets/{timesheet_id}"] == "role:admin"  # an Admin User is the admin


def test_a_verb_after_a_word_of_time_asks_for_nothing() -> None:
    keys = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: Staff MUST be able to send messages to customers.
    - **FR-002**: After archive, all messages MUST stay readable; before delete, the system MUST ask to confirm.

    ### Key Entities

    - **Message**: a text sent to a customer, with a body.
    """))
    assert not any(key.endswith("/archive") for key in keys)
    assert not any(key.startswith("DELETE") for key in keys)


def test_a_persons_preferences_are_one_set_under_them() -> None:
    # "list the preferences of a user": one set per user, read and changed as one, named without the owner's name.
    keys = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: Users MUST be able to sign in with email and password.
    - **FR-002**: Users MUST be able to list the preferences of a user.
    - **FR-003**: Users MUST be able to update the preferences of a user.

    ### Key Entities

    - **User**: a person with an account, with an email.
    - **User Preferences**: the settings of one user (time zone, language), belonging to a user.
    """))
    assert {"GET /api/users/{user_id}/preferences", "PUT /api/users/{user_id}/preferences"} <= keys
    assert not any("{user_preferences_id}" in key for key in keys)


def _posts(extra: str) -> dict[str, str]:
    plan = plan_of(f"""
    ## Requirements

    - **FR-001**: System MUST allow authenticated users to create posts with a title.
    - **FR-002**: {extra}

    ### Key Entities

    - **Post**: a short text with a title.
    """)
    return {f"{r.method} {r.path}": r.auth for r in plan.routes}


def test_authenticated_people_mean_accounts_even_without_a_sign_in_of_its_own() -> None:
    assert _posts("System MUST keep posts for a year.")["POST /api/posts"] == "authenticated"
    # A spec that also serves people without an account does not say who needs one this way.
    assert _posts("System MUST rate-limit anonymous requests.")["POST /api/posts"] == "public"


def test_one_kind_of_person_a_requirement_allows_is_the_role() -> None:
    plan = plan_of("""
    ## Requirements

    - **FR-001**: System MUST allow an authenticated enterprise client to submit a bulk order with line items.
    - **FR-002**: System MUST allow an authenticated enterprise client to cancel one of their own orders.
    - **FR-003**: Access MUST be restricted by role.

    ### Key Entities

    - **Bulk Order**: an order of many items, with a status (active, cancelled).
    """)
    auth = {f"{r.method} {r.path}": r.auth for r in plan.routes}
    assert auth["POST /api/bulk-orders"] == "role:enterprise_client"


def test_changing_any_field_of_a_thing_changes_the_thing() -> None:
    keys = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: Users MUST be able to create tasks with a title.
    - **FR-002**: Users MUST be able to update any field of an existing task.

    ### Key Entities

    - **Task**: a to-do item with a title.
    """))
    assert "PUT /api/tasks/{task_id}" in keys


def test_an_endpoint_the_system_provides_is_for_people_to_call() -> None:
    keys = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: System MUST provide endpoint to create products with a name and a price.
    - **FR-002**: System MUST provide an API to update existing products.

    ### Key Entities

    - **Product**: an item for sale, with a name and a price.
    """))
    assert {"POST /api/products", "PUT /api/products/{product_id}"} <= keys


def test_a_requirement_under_an_admin_group_is_the_admins() -> None:
    plan = plan_of("""
    ## Requirements

    ### Functional Requirements

    **Catalogue**

    - **FR-001**: System MUST provide endpoint to list products.

    **Admin Product Management**

    - **FR-002**: System MUST provide endpoint to create products with a name and a price.
    - **FR-003**: Staff MUST be able to update products.

    ### Key Entities

    - **Product**: an item for sale, with a name and a price.
    """)
    auth = {f"{r.method} {r.path}": r.auth for r in plan.routes}
    assert auth["POST /api/products"] == "role:admin"
    assert auth["GET /api/products"] != "role:admin"
    assert auth["PUT /api/products/{product_id}"] == "role:staff"  # the sentence's own subject wins


def test_logging_a_thing_records_it_but_a_log_is_a_noun() -> None:
    keys = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: System MUST allow users to log climbing sessions with a date and a location.
    - **FR-002**: Users MUST log in to see their climbing sessions.
    - **FR-003**: Log entries MUST be kept for a year; the Activity Log System MUST store audit entries.

    ### Key Entities

    - **Climbing Session**: one visit to a gym, with a date and a location.
    - **Audit Entry**: a record of who changed what, with a timestamp.
    """))
    assert "POST /api/climbing-sessions" in keys
    assert not any(key.startswith("POST /api/audit-entries") for key in keys)


INVITATIONS = """
## Requirements

- **FR-001**: Community admins MUST be able to create invitations belonging to a community.
- **FR-002**: Community admins MUST be able to list the invitations of a community.
- **FR-003**: Invited users MUST be able to accept or decline an invitation.

### Key Entities

- **Community**: a group people join, with a name.
- **Invitation**: an invitation to join a community, with an email and a status (pending, accepted, declined).
"""


def test_a_move_of_a_nested_item_is_done_at_the_items_own_path() -> None:
    keys = route_keys(plan_of(INVITATIONS))
    assert "POST /api/communities/{community_id}/invitations" in keys
    assert "GET /api/communities/{community_id}/invitations" in keys
    assert {"POST /api/invitations/{invitation_id}/accept", "POST /api/invitations/{invitation_id}/decline"} <= keys
    assert not any(k.startswith("POST /api/communities/{community_id}/invitations/{") for k in keys)


MEETING_ROOMS = """
## User Scenarios & Testing

### User Story 1 - Book an Available Room (Priority: P1)

A user chooses a meeting room and a time range, then books it when the room is free.

## Requirements

- **FR-001**: Users MUST be able to book a room for a time range.
- **FR-002**: Users MUST be able to list rooms.
- **FR-003**: System MUST treat adjacent bookings as non-overlapping when one booking ends exactly at the next
  booking's start time.

### Key Entities

- **Room**: a meeting space, with a name and a capacity.
- **Booking**: a reservation of one room, with a start time and an end time.
"""


def test_booking_a_thing_makes_a_booking_at_its_own_collection() -> None:
    keys = route_keys(plan_of(MEETING_ROOMS))
    assert "POST /api/bookings" in keys
    assert not any(key.startswith("POST /api/rooms/") for key in keys)


def test_a_counted_thing_named_like_a_verb_is_no_request() -> None:
    plan = plan_of(MEETING_ROOMS)
    create = next(r for r in plan.routes if r.method == "POST" and r.path == "/api/bookings")
    assert "FR-003" not in [s.label for s in create.sources]


def test_a_scenario_that_marks_a_thing_in_a_state_names_no_action() -> None:
    body = """
    ## User Scenarios & Testing

    ### User Story 1 - Work a ticket (Priority: P1)

    1. **Given** a ticket in Open, **When** the member marks it In Progress, **Then** the status becomes In Progress.
    2. **Given** a ticket in In Progress, **When** the member closes it, **Then** the status becomes Closed.

    ## Requirements

    - **FR-001**: Members MUST be able to create tickets and update a ticket's status.

    ### Key Entities

    - **Ticket**: a support request, with a title and a status (open, in progress, closed).
    """
    keys = route_keys(plan_of(body))
    assert not any(key.endswith("/mark") for key in keys)
    assert "POST /api/tickets" in keys


def test_recategorizing_a_thing_edits_it() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to view transactions.
    - **FR-002**: The system MUST allow users to manually re-categorize a transaction.
    - **FR-003**: The system MUST automatically categorize downloaded transactions.

    ### Key Entities

    - **Transaction**: money that moved, with an amount, a date and a category.
    """
    keys = route_keys(plan_of(body))
    assert "PUT /api/transactions/{transaction_id}" in keys and "GET /api/transactions" in keys


BOUTIQUE = """
## User Scenarios & Testing

### User Story 1 - Manage orders (Priority: P1)

1. **Given** orders exist, **When** an admin requests all orders, **Then** a paginated list of orders is returned.
2. **Given** an order exists, **When** an admin views order details, **Then** the order is returned.

## Requirements

- **FR-001**: Customers MUST be able to place orders.
- **FR-002**: Admins MUST be able to list orders and view one order.
- **FR-003**: System MUST provide endpoint to soft-delete products (set is_active=false).
- **FR-004**: Customers MUST be able to list products.

### Key Entities

- **Order**: what a customer bought, with a total.
- **Product**: a thing for sale, with a name and a price.
"""


def test_requesting_all_of_a_thing_or_viewing_its_details_makes_none_and_soft_delete_deletes() -> None:
    plan = plan_of(BOUTIQUE)
    create = next(r for r in plan.routes if r.method == "POST" and r.path == "/api/orders")
    labels = [s.label for s in create.sources]
    assert "US1/AC1" not in labels and "US1/AC2" not in labels
    assert "role:admin" not in create.auth
    assert "DELETE /api/products/{product_id}" in route_keys(plan)


def test_joining_a_thing_whose_participants_are_modelled_adds_one_there() -> None:
    body = """
    ## Requirements

    - **FR-001**: System MUST allow a user to create a new estimation session.
    - **FR-002**: System MUST allow additional users to join an existing session using the session code.

    ### Key Entities

    - **Session**: an estimation room; attributes: code, status.
    - **Participant**: participantId, sessionId, displayName, joinedAt.
    """
    keys = route_keys(plan_of(body))
    assert "POST /api/sessions/{session_id}/participants" in keys and "POST /api/sessions" in keys
    assert not any(key.endswith("/join") for key in keys)


def test_connecting_a_provider_adds_one_and_connecting_to_something_adds_nothing() -> None:
    body = """
    ## Requirements

    - **FR-001**: Admin users MUST be able to connect communication providers and list messages.
    - **FR-002**: Users MUST be able to connect to their gateway using stored credentials.

    ### Key Entities

    - **Provider**: a messaging service the business uses, with a name and a type (sms, email).
    - **Gateway**: the network entry point, with an address.
    - **Message**: a message received from a provider, with a body.
    """
    keys = route_keys(plan_of(body))
    assert "POST /api/providers" in keys
    assert not any("/gateways" in key for key in keys)


def test_rescheduling_is_an_action_that_takes_the_new_time_not_a_general_edit():
    body = """
    ## Requirements

    - **FR-001**: Receptionists MUST be able to create, reschedule, and cancel appointments.

    ### Key Entities

    - **Appointment**: patient name, start time, end time, status (booked, cancelled)
    """
    plan = plan_of(body)
    keys = route_keys(plan)
    assert "POST /api/appointments/{appointment_id}/reschedule" in keys
    assert "PUT /api/appointments/{appointment_id}" not in keys
    route = next(r for r in plan.routes if r.path.endswith("/reschedule"))
    assert [p.name for p in route.request] == ["start_time", "end_time"]
    assert any(e.status == 400 for e in route.errors)


def test_a_plural_move_allowed_with_no_thing_named_is_the_move_of_the_one_thing_that_makes_it():
    body = """
    ## Requirements

    - **FR-001**: Customers MUST be able to buy offers.
    - **FR-002**: The system MUST allow cancellations up until the pickup time; after it a purchase is final.

    ### Key Entities

    - **Offer**: A posted deal; attributes include title, price, quantity.
    - **Purchase**: A purchase record; attributes include quantity, status (confirmed/canceled/refunded).
    """
    keys = route_keys(plan_of(body))
    assert "POST /api/purchases/{purchase_id}/cancel" in keys
    assert "POST /api/offers/{offer_id}/cancel" not in keys


def test_a_plural_move_refused_asks_for_nothing():
    body = """
    ## Requirements

    - **FR-001**: Customers MUST be able to buy offers.
    - **FR-002**: The system MUST NOT allow cancellations once a purchase is made.

    ### Key Entities

    - **Offer**: A posted deal; attributes include title, price, quantity.
    - **Purchase**: A purchase record; attributes include quantity, status (confirmed/canceled/refunded).
    """
    assert "POST /api/purchases/{purchase_id}/cancel" not in route_keys(plan_of(body))


def test_an_act_refused_only_in_a_case_exists_otherwise():
    body = """
    ## Requirements

    - **FR-001**: Editors MUST be able to create and list categories.
    - **FR-002**: System MUST prevent deletion of categories containing articles without confirmation.

    ### Key Entities

    - **Category**: name, description
    - **Article**: title, body, category
    """
    assert "DELETE /api/categories/{category_id}" in route_keys(plan_of(body))


def test_an_act_refused_outright_is_not_asked_for():
    body = """
    ## Requirements

    - **FR-001**: Editors MUST be able to create and list categories.
    - **FR-002**: System MUST prevent deletion of categories.

    ### Key Entities

    - **Category**: name, description
    """
    assert "DELETE /api/categories/{category_id}" not in route_keys(plan_of(body))


def test_answering_questions_makes_an_answer_under_the_question():
    body = """
    ## Requirements

    - **FR-001**: System MUST allow users to submit questions.
    - **FR-002**: System MUST allow designated users to answer submitted questions.

    ### Key Entities

    - **Question**: title, details, author
    - **Answer**: A response to a question. Attributes include content, author, and the question it answers.
    """
    keys = route_keys(plan_of(body))
    assert "POST /api/questions/{question_id}/answers" in keys
    assert "POST /api/answers" not in keys


def test_crud_endpoints_for_a_list_of_things_cover_each_of_them():
    body = """
    ## Requirements

    - **FR-001**: The API MUST provide CRUD endpoints for categories and budgets; budgets support a monthly target.

    ### Key Entities

    - **Category**: name, type
    - **Budget**: month, amount, category
    """
    keys = route_keys(plan_of(body))
    for base in ("/api/categories", "/api/budgets"):
        assert f"POST {base}" in keys and f"GET {base}" in keys
    assert "DELETE /api/budgets/{budget_id}" in keys


def test_removing_a_part_from_a_place_removes_that_part_not_the_place():
    body = """
    ## Requirements

    - **FR-001**: Customers MUST be able to add products to their shopping cart.
    - **FR-002**: System MUST allow customers to remove items from their shopping cart.
    - **FR-003**: Project owners MUST be able to remove collaborators from their projects.

    ### Key Entities

    - **Product**: name, price
    - **Shopping Cart**: the customer's cart. Attributes: customer, created date.
    - **Cart Item**: a product in a shopping cart. Attributes: shopping cart, product, quantity.
    - **Order Item**: a product in an order. Attributes: product, quantity.
    - **Project**: name, owner
    """
    keys = route_keys(plan_of(body))
    assert "DELETE /api/shopping-carts/{shopping_cart_id}/items/{cart_item_id}" in keys
    assert "DELETE /api/shopping-carts/{shopping_cart_id}" not in keys
    assert "DELETE /api/projects/{project_id}" not in keys  # the collaborators (not modelled) leave, not the project


def test_invitations_are_accepted_or_declined_without_states_listed():
    body = """
    ## Requirements

    - **FR-001**: Project owners MUST be able to invite other registered users as collaborators.
    - **FR-002**: Users MUST be able to accept or decline project invitations.

    ### Key Entities

    - **Project**: name, owner
    - **Project Invitation**: pending invitations for users to join projects
    """
    keys = route_keys(plan_of(body))
    assert {"POST /api/project-invitations/{project_invitation_id}/accept",
            "POST /api/project-invitations/{project_invitation_id}/decline"} <= keys


STORAGE = """
## Requirements

- **FR-001**: System MUST allow users to create, retrieve, update, and remove Containers within a Space.
- **FR-002**: System MUST allow Items to be created, retrieved, updated, moved, and removed.
- **FR-003**: System MUST allow users to create Spaces.

### Key Entities

- **Space**: A top-level place, such as a garage, with a name.
- **Container**: A box or shelf within a Space, with a name.
- **Item**: A stored thing inside a Container, with a name.
- **Image**: A picture of a Space, Container or Item; belongs to a Space, belongs to a Container, belongs to an Item.
"""


def test_every_participle_of_a_passive_list_asks_for_its_operation():
    routes = route_keys(plan_of(STORAGE))
    assert {"POST /api/items", "GET /api/items", "PUT /api/items/{item_id}", "DELETE /api/items/{item_id}"} <= routes


def test_a_thing_whose_name_only_ends_like_a_persons_is_removed_itself_not_a_record_keyed_to_both():
    routes = route_keys(plan_of(STORAGE))
    assert "DELETE /api/containers/{container_id}" in routes
    assert not any(route.startswith("DELETE") and "images" in route for route in routes)


def test_a_modelled_name_with_its_first_word_inflected_is_the_thing_acted_on():
    body = """
    ## Requirements

    - **FR-001**: Admins MUST be able to create, update, and deactivate doctor working schedules by date.
    - **FR-002**: Admins MUST be able to create doctors.
    - **FR-003**: Admins MUST be able to update doctor leave schedules.

    ### Key Entities

    - **Doctor**: A physician with a name.
    - **Work Schedule**: The hours a doctor works on a date; belongs to a Doctor.
    """
    plan = plan_of(body)
    routes = route_keys(plan)
    assert {"PUT /api/work-schedules/{work_schedule_id}", "POST /api/work-schedules/{work_schedule_id}/deactivate"} <= routes
    assert not any(r.method == "PUT" and r.path.startswith("/api/doctors") and any(s.label == "FR-001" for s in r.sources)
                   for r in plan.routes)  # the doctor only says whose schedules
    # "leave schedules" are no work schedules: another word before the head
    assert not any(r.path.startswith("/api/work-schedules") and any(s.label == "FR-003" for s in r.sources)
                   for r in plan.routes)
