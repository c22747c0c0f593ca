"""Attribute phrases (`analysis.plan.infer_fields`) and code-block models (`analysis.plan.infer_code`)."""

from __future__ import annotations

from analysis.parse import parse_spec
from analysis.plan.infer import infer_domain
from analysis.plan.infer_code import code_models
from analysis.plan.infer_fields import (
    describe_field,
    enum_values,
    field_name,
    infer_type,
    parse_item,
    pascal_case,
    read_limits,
    snake_case,
    split_list,
)


def test_split_list_keeps_brackets_and_splits_on_and():
    assert split_list("a title (3–120 characters), a description and a venue") == [
        "a title (3–120 characters)", "a description", "a venue"]
    assert split_list("status (draft, published, cancelled); name") == ["status (draft, published, cancelled)", "name"]


def test_names_in_code_lose_latin_accents_and_keep_other_scripts():
    assert pascal_case("Opinião Pública") == "OpiniaoPublica"
    assert pascal_case("Café") == "Cafe"
    assert snake_case("descrição") == "descricao"
    assert snake_case("Straße") == "strasse"
    assert pascal_case("在庫アイテム") == "在庫アイテム" and pascal_case("ガイド") == "ガイド"


def test_names():
    assert snake_case("Ticket Type") == "ticket_type"
    assert snake_case("isPrivate") == "is_private"
    assert snake_case("per-order limit") == "per_order_limit"
    assert pascal_case("ticket type") == "TicketType"
    assert pascal_case("Conta de usuário") == "ContaDeUsuario"
    assert field_name("creation timestamp") == ("created_at", "")
    assert field_name("last-updated timestamp") == ("updated_at", "")
    assert field_name("customer reference") == ("customer_id", "customer")
    assert field_name("reference to the order") == ("order_id", "order")
    assert field_name("email address") == ("email", "")


def test_parse_item_qualifiers():
    item = parse_item("an optional per-order limit")
    assert (item.name, item.type, item.required) == ("per_order_limit", "int", False)
    item = parse_item("email (unique)")
    assert (item.name, item.type, item.unique) == ("email", "EmailStr", True)
    item = parse_item("a start time in the future")
    assert (item.name, item.type, item.constraints) == ("start_time", "datetime", ["in the future"])
    item = parse_item("hashed password")
    assert item.name == "password_hash"
    item = parse_item("revocation flag")
    assert (item.name, item.type) == ("is_revoked", "bool")
    item = parse_item("performed by (user reference)")
    assert (item.name, item.reference) == ("performed_by", "user")
    assert parse_item("is stored in the cloud") is None
    assert parse_item("etc.") is None


def test_parse_item_returns_independent_copies():
    first = parse_item("status (open, closed)")
    first.enum_values.append("changed")
    first.name = "changed"
    second = parse_item("status (open, closed)")
    assert (second.name, second.enum_values) == ("status", ["open", "closed"])


def test_types():
    assert infer_type("price") == "Decimal"
    assert infer_type("quantity") == "int"
    assert infer_type("birth_date") == "date"
    assert infer_type("checked_in_at") == "datetime"
    assert infer_type("source_url") == "HttpUrl"
    assert infer_type("is_active") == "bool"
    assert infer_type("notes") == "text"
    assert infer_type("latitude") == "float"
    assert infer_type("id", "(UUID)") == "UUID"
    assert infer_type("owner_id") == "int"
    assert infer_type("images", plural=True) == "list[str]"
    assert infer_type("label") == "str"
    assert infer_type("estimated_reading_time") == "int" and infer_type("start_time") == "datetime"


def test_limits():
    assert read_limits("3–120 characters") == ["3..120 chars"]
    assert read_limits("1–50,000") == ["1..50000"]
    assert read_limits("0.00 or more, in the event's currency") == [">= 0.00"]
    assert read_limits("at most 500 characters") == ["<= 500 chars"]
    assert read_limits("a positive integer") == ["> 0"]
    assert read_limits("9-digit phone number") == ["9 chars"]
    assert read_limits("no limits here") == []


def test_enum_values():
    assert enum_values("draft, published, cancelled") == ["draft", "published", "cancelled"]
    assert enum_values("todo/in-progress/done") == ["todo", "in_progress", "done"]
    assert enum_values("ADMIN|COACH|CLIENT") == ["admin", "coach", "client"]
    assert enum_values("e.g., Italian, Vegetarian") == []
    assert enum_values("if imported") == []
    assert enum_values("3–120 characters") == []
    assert enum_values("enumerated: Male, Female, Other") == ["male", "female", "other"]
    # a column's type and flags are not its values
    assert enum_values("timestamp, auto") == []
    assert enum_values("user reference, auto") == []
    assert enum_values("auto-generated, unique identifier") == []


def test_describe_field_from_a_bullet():
    field = describe_field("dueDate?", "when it is due, default: tomorrow")
    assert (field.name, field.type, field.required, field.default) == ("due_date", "date", False, "tomorrow")
    field = describe_field("role", "one of: owner, editor, viewer")
    assert field.enum_values == ["owner", "editor", "viewer"]


def test_code_models():
    body = """
model Order {
  id        Int      @id
  total     Decimal
  notes     String?
  @@index([id])
}

interface Ticket {
  code: string;
  usedAt?: Date;
}

CREATE TABLE venues (
  id SERIAL PRIMARY KEY,
  city TEXT NOT NULL,
  PRIMARY KEY (id)
);

class Refund(BaseModel):
    amount: Decimal
    reason: str | None = None

    def total(self): ...
""".splitlines()
    models = {model.name: [name for _line, name, _type in model.fields] for model in code_models(body)}
    assert models == {"Order": ["id", "total", "notes"], "Ticket": ["code", "usedAt"], "venues": ["id", "city"],
                      "Refund": ["amount", "reason"]}


def test_who_last_changed_it_is_a_person_not_a_timestamp():
    assert parse_item("last modified by").name == "last_modified_by"
    assert parse_item("approved by").name == "approved_by"
    assert parse_item("last modified date").name == "updated_at"


def test_a_code_name_followed_by_its_type():
    visible = parse_item("`directory_visible` boolean (default false)")
    assert (visible.name, visible.type, visible.default) == ("directory_visible", "bool", "false")
    without_marks = parse_item("directory_visible boolean (default false)")  # markup already stripped
    assert (without_marks.name, without_marks.type) == ("directory_visible", "bool")
    badge = parse_item("`badge_status` column (values: pending/verified/revoked)")
    assert badge.name == "badge_status" and badge.enum_values == ["pending", "verified", "revoked"]
    assert parse_item("isPrivate boolean").name == "is_private"
    assert parse_item("due date").name == "due_date"  # plain words are not a code name


def test_participle_tails_and_flags():
    assert parse_item("a lot code captured at receive").name == "lot_code"
    assert parse_item("max speed in km").name == "max_speed"  # `speed` is no participle
    expiry = parse_item("optional expiry date")
    assert (expiry.name, expiry.type, expiry.required) == ("expiry_date", "date", False)
    assert parse_item("expiration time").name == "expires_at"
    assert (parse_item("active boolean").name, parse_item("active boolean").type) == ("is_active", "bool")
    assert parse_item("an incorrect password").name == "password"


def test_the_date_of_an_event_is_its_moment():
    assert (parse_item("upload date").name, parse_item("upload date").type) == ("uploaded_at", "datetime")
    assert parse_item("approval date").name == "approved_at"
    assert parse_item("purchase date").name == "purchase_date"  # not an event noun of the record itself
    assert parse_item("maximum participants").name == "max_participants"


def test_a_count_limit_before_a_noun_is_no_column_of_its_own():
    # `up to 4 camera positions`: a limited list of positions; `up to 500 characters`: a limit, not a column.
    positions = parse_item("up to 4 camera positions")
    assert positions is not None and positions.name == "camera_positions" and positions.plural
    assert parse_item("at most 3 photos").name == "photos"
    assert parse_item("up to 500 characters") is None
    assert parse_item("Up to 3 days") is None


def test_clauses_quantities_and_adverbs_are_not_column_names():
    for item in ("various prices exist", "more than one cycle", "or two member users", "other metadata",
                 "while maintaining audit trail", "safely using optimistic locking", "clearly indicate",
                 "recently joined", "exactly one author", "zero", "customer ID and", "newest first", "history of these",
                 "five core attributes"):
        assert parse_item(item) is None, item
    # words ending in -ly that name things stay
    assert parse_item("monthly budget").name == "monthly_budget"
    assert parse_item("family name").name == "family_name"
    assert parse_item("reply count").name == "reply_count"
    assert parse_item("zero or more tags").name == "tags"


def test_an_id_reference_is_one_key_not_an_id_of_an_id():
    assert field_name("customer ID reference") == ("customer_id", "customer")
    assert field_name("conversation identifier ref") == ("conversation_id", "conversation")
    assert field_name("id reference")[0] != "id_id"


def test_a_verb_that_says_what_is_kept_is_not_part_of_the_name():
    assert parse_item("captures vote value").name == "vote_value"


def test_words_that_judge_or_sign_a_value_are_not_part_of_its_name():
    amount = parse_item("a positive monetary amount")
    assert (amount.name, amount.type, amount.constraints) == ("amount", "Decimal", ["> 0"])
    quantity = parse_item("non-negative quantity")
    assert (quantity.name, quantity.constraints) == ("quantity", [">= 0"])
    assert parse_item("a descriptive label").name == "label"
    assert parse_item("a valid category").name == "category"
    # A sign before a word that is no number stays in the name.
    assert parse_item("positive feedback").name == "positive_feedback"


def test_a_verb_after_the_entity_is_not_a_column():
    assert parse_item("applies from its creation month onwards") is None
    assert parse_item("recurs every week") is None


def test_how_data_is_shown_is_not_a_column():
    assert parse_item("simple graph visualization") is None
    assert parse_item("a progress chart") is None
    assert parse_item("graph name").name == "graph_name"


def test_timestamps_of_events_are_one_column_each_named_for_the_event():
    assert parse_item("creation/update timestamps").name == "created_at"
    created, updated = parse_item("creation timestamps"), parse_item("update timestamps")
    assert (created.name, created.type, created.plural) == ("created_at", "datetime", False)
    assert updated.name == "updated_at"
    assert parse_item("issue timestamp").name == "issued_at"
    assert parse_item("a duplicate title").name == "title"


def test_pay_radii_and_periods_have_their_types():
    assert infer_type("regular_pay") == infer_type("net_pay") == infer_type("rent_income") == "Decimal"
    assert infer_type("pay_period") == "str"  # a period of pay, not an amount
    assert infer_type("geofence_radius") == "float"
    assert infer_type("period_start") == infer_type("billing_period_end") == "date"


def test_counts_are_integers_and_numbers_people_read_are_text():
    assert infer_type("total_conversation_count") == infer_type("current_streak") == infer_type("counter") == "int"
    assert infer_type("total_amount") == "Decimal"
    assert infer_type("order_number") == "str"
    assert infer_type("sequence_number") == "int"


def test_lifecycle_words_name_the_state_column():
    assert (parse_item("lifecycle states (draft/published)").name, parse_item("states (a/b)").name) == ("status", "status")
    assert parse_item("lifecycle state").name == "state"
    assert parse_item("the application") is None


def test_a_definition_that_says_what_it_is_before_that_or_which_is_no_bare_list():
    model = infer_domain(parse_spec(
        "# Feature Specification: Votes\n\n### Key Entities\n\n"
        "- **Movie**: Content item that users vote on, includes title, visual media, and aggregate vote score\n",
        "specs/001-x/spec.md"))
    movie = next(e for e in model.entities if e.name == "Movie")
    assert "content_item" not in {a.name for a in movie.attributes}
    assert "title" in {a.name for a in movie.attributes}


def test_a_qualifier_that_starts_like_a_word_of_values_is_no_list():
    # `optional` starts with `option`: no values "al" and "max_2000_characters"
    assert enum_values("optional, max 2000 characters") == []
    description = parse_item("Description (optional, max 2000 characters)")
    assert description.enum_values == [] and description.type == "text" and not description.required
    assert enum_values("options: draft, sent") == ["draft", "sent"]


def test_values_after_a_default_and_can_be():
    status = parse_item('Status (default: "pending", can be "pending", "in_progress", "completed")')
    assert status.enum_values == ["pending", "in_progress", "completed"] and status.default == "pending"
    status = parse_item("status (draft, sent; default draft)")
    assert status.enum_values == ["draft", "sent"] and status.default == "draft"
    assert parse_item("priority (can be low, medium, high)").enum_values == ["low", "medium", "high"]


def test_a_capitalised_word_before_a_type_word_is_not_camel_case():
    # `Creation` is a word, not a camel-case identifier typed `timestamp`
    assert (parse_item("Creation timestamp").name, parse_item("Creation timestamp").type) == ("created_at", "datetime")
    assert parse_item("Start date").name == "start_date"
    assert (parse_item("dueDate date").name, parse_item("dueDate date").type) == ("due_date", "date")
    # a word and a type name: the name and its type
    assert (parse_item("Price decimal").name, parse_item("Price decimal").type) == ("price", "Decimal")
    assert parse_item("platform enum").name == "platform"
    assert parse_item("phone number").name == "phone_number"


def test_a_quoted_example_value_is_one_piece_and_a_judged_value_no_name():
    assert split_list('title "Buy groceries" and description "Milk, eggs, bread"') == [
        'title "Buy groceries"', 'description "Milk, eggs, bread"']
    assert parse_item("an empty title").name == "title"
    assert parse_item("a blank description").name == "description"


def test_descriptions_and_clauses_in_a_definition_are_no_columns():
    assert parse_item("Collection of tasks belonging to a user") is None
    assert parse_item("maintains order") is None
    assert parse_item("provides filtering capabilities") is None
    assert parse_item("exclusive access to their own session data") is None
    assert parse_item("new information") is None
    assert parse_item("access level").name == "access_level"


def test_a_completion_status_is_the_completed_flag():
    for text in ("completion status", "completion status (boolean)", "Completed flag"):
        phrase = parse_item(text)
        assert (phrase.name, phrase.type) == ("completed", "bool"), text
    # with its own values it stays a status; other flags keep `is_`
    assert parse_item("completion status (not started, in progress, done)").enum_values == [
        "not_started", "in_progress", "done"]
    assert parse_item("revocation flag").name == "is_revoked"


def test_a_speaker_s_word_a_credential_a_filter_and_a_cut_description_are_no_columns():
    assert parse_item("my position").name == "position"  # "added to the waitlist with my position shown"
    assert parse_item("my JWT") is None  # "When I GET `/api/v1/tasks` with my JWT": the caller's credential
    assert parse_item("JWT token").name == "jwt_token"  # what a session keeps
    assert parse_item("completed filter") is None  # "listing tasks with optional `completed` filter"
    assert parse_item("Work item belonging") is None  # `Work item belonging to a user, with title ...`


def test_an_identifier_for_something_people_use_is_a_value_not_a_key():
    # "stable identifier" is the row's own id; a login or tracking identifier is a string people type or read
    assert field_name("stable identifier") == ("id", "")
    item = parse_item("login identifier")
    assert (item.name, item.type, item.reference) == ("login_identifier", "str", "")
    assert field_name("tracking identifier") == ("tracking_identifier", "")
    assert field_name("customer identifier") == ("customer_id", "customer")


def test_a_status_entity_that_only_lists_values_is_the_status_of_its_thing():
    text = """# Feature Specification: Trips

## Requirements

- **FR-001**: Dispatchers MUST be able to create trips and assign a trip to a driver.
- **FR-002**: Drivers MUST be able to mark a trip as completed.
- **FR-003**: Admins MUST be able to block and unblock user accounts.

### Key Entities

- **Trip**: a delivery from an origin to a destination.
- **TripStatus**: Enumeration of trip states (PENDING, ASSIGNED, IN_PROGRESS, COMPLETED)
- **User Account**: a person who signs in, with a display name.
- **Account Status**: Represents whether an account is active, blocked, or deleted.
- **Connection State**: the current connection status (connected, lost). Includes the last error and the server.
"""
    domain = infer_domain(parse_spec(text, "specs/001-trips/spec.md"))
    names = {entity.name for entity in domain.entities}
    assert "TripStatus" not in names and "AccountStatus" not in names
    trip = domain.entity("Trip")
    status = next(a for a in trip.attributes if a.name == "status")
    assert status.enum_values == ["pending", "assigned", "in_progress", "completed"]
    account = domain.entity("UserAccount")
    assert next(a for a in account.attributes if a.name == "status").enum_values == ["active", "blocked", "deleted"]
    # a state with columns of its own (and no thing of that name) stays an entity
    assert "ConnectionState" in names
    # with the values where the routes look for them, blocking an account and completing a trip are actions
    from analysis.plan.design import build_plan
    routes = {f"{r.method} {r.path}" for r in build_plan(parse_spec(text, "specs/001-trips/spec.md")).routes}
    assert "POST /api/trips/{trip_id}/complete" in routes
    assert any(key.endswith("/block") for key in routes)


def test_a_person_who_filters_gets_no_columns_of_what_they_filter():
    text = """# Feature Specification: Pantry

## Requirements

- **FR-001**: System MUST allow users to filter inventory by category, location, or expiration status.
- **FR-002**: Members MUST be able to search recipes by cuisine.

### Key Entities

- **User**: a person with an email.
- **Member**: a person in a household.
- **Recipe**: a dish with a name.
- **Category**: a kind of food, with a name.
- **Location**: where food is kept, with a name.
"""
    domain = infer_domain(parse_spec(text, "specs/001-pantry/spec.md"))
    user, member = domain.entity("User"), domain.entity("Member")
    assert not any(r.target in ("Category", "Location") for r in user.relationships)
    assert "cuisine" not in {a.name for a in member.attributes}
    assert "cuisine" in {a.name for a in domain.entity("Recipe").attributes}


def test_a_non_blank_column_is_the_column_with_that_limit_and_a_verb_is_no_column():
    assert parse_item("a non-blank description").name == "description"
    assert parse_item("a non-blank description").constraints == ["not blank"]
    assert parse_item("non-empty title (1-100 characters)").constraints == ["1..100 chars", "not blank"]
    assert parse_item("the same title and status be") is None  # "... status be distinguished"
    assert parse_item("Scheduled encounter linking patient") is None  # a clause of the definition, no column
    assert parse_item("perform other task actions allowed to administrators") is None  # an act, no column


def test_a_ticket_definition_in_sentences_gives_its_columns_values_and_no_stray_ones():
    from tests.plan_helpers import spec_of

    body = """
    ## Requirements

    - **FR-001**: Agents MUST be able to create tickets and move them through the lifecycle.
    - **FR-002**: The system MUST allow a user to search tickets by a keyword.

    ### Key Entities

    - **Ticket**: A support request. It has a unique identifier, a title, description, priority, and exactly one
      current status. Priority is one of LOW, MEDIUM, or HIGH. The status is one of OPEN, IN_PROGRESS, or CLOSED.
      An update changes only the fields included in that update.
    - **Status**: The lifecycle position of a ticket. A move to the same status is not allowed.
    """
    domain = infer_domain(parse_spec(spec_of(body, "Support"), "specs/001-x/spec.md"))
    assert [e.name for e in domain.entities if e.name == "Status"] == []  # the ticket's status, not a table
    ticket = next(e for e in domain.entities if e.name == "Ticket")
    columns = {a.name: a for a in ticket.attributes}
    assert columns["priority"].enum_values == ["low", "medium", "high"]
    assert columns["status"].enum_values == ["open", "in_progress", "closed"]
    assert not {"d", "a", "current_status_id"} & set(columns)  # "fields include|d", "by a keyword"
    assert not any(r.target == "Status" for r in ticket.relationships)


def test_values_in_capitals_after_a_column_are_its_values():
    from tests.plan_helpers import entity_of

    body = """
    ## Requirements

    - **FR-001**: Agents MUST be able to create tickets.

    ### Key Entities

    - **Ticket**: A support request. It has a title, description, and a priority of LOW, MEDIUM, or HIGH.
    """
    ticket = entity_of(body, "Ticket", "Support")
    assert next(a for a in ticket.attributes if a.name == "priority").enum_values == ["low", "medium", "high"]


def test_owner_information_is_a_key_to_the_owner():
    assert field_name("owner information") == ("owner_id", "owner")
    assert field_name("owner details") == ("owner_id", "owner")
    assert field_name("owning user") == ("user_id", "user")


def test_a_relationship_between_people_and_things_is_a_row_of_one_of_each_and_sign_in_elsewhere_stores_none():
    from tests.plan_helpers import spec_of

    body = """
    ## Requirements

    - **FR-001**: System MUST authenticate users via the existing Supabase authentication system.
    - **FR-002**: Users MUST log in to create projects and invite collaborators.

    ### Key Entities

    - **Project**: Represents a project with name, description, creation date, and owner information
    - **User**: Represents authenticated platform users with basic profile information
    - **Project Collaboration**: Represents the many-to-many relationship between users and projects, defining access
      levels
    """
    domain = infer_domain(parse_spec(spec_of(body, "Projects"), "specs/001-x/spec.md"))
    by_name = {e.name: e for e in domain.entities}
    collaboration = by_name["ProjectCollaboration"]
    assert {(r.kind, r.target) for r in collaboration.relationships} >= {("belongs-to", "User"), ("belongs-to", "Project")}
    assert "ProjectCollaborationMember" not in by_name
    project = by_name["Project"]
    assert any(r.kind == "belongs-to" and r.target == "User" and r.field == "owner_id" for r in project.relationships)
    assert not {"email", "password_hash"} & {a.name for a in by_name["User"].attributes}  # Supabase keeps them


def test_a_timestamp_named_with_a_participle_is_that_moment_and_a_count_is_an_integer():
    assert (parse_item("Last used timestamp").name, parse_item("Last used timestamp").type) == ("last_used_at", "datetime")
    assert parse_item("Used timestamp (when verification completed)").name == "used_at"
    assert parse_item("Last verification email sent timestamp").name == "last_verification_email_sent_at"
    assert parse_item("Verification email resend count").type == "int"
    assert parse_item("phone number").type == "str"  # a number people read, not a count
    assert parse_item("Email verified flag with verification timestamp").name != "email_verified_flag_with_verification_at"


def test_sign_in_with_a_provider_planned_for_the_future_is_no_sign_in_now():
    from tests.plan_helpers import spec_of

    body = """
    ## User Scenarios & Testing

    ### User Story 1 - SSO Authentication Preparation (Priority: P3)

    Future capability: Users will be able to authenticate using their Google or Apple accounts instead of
    email/password.

    **Acceptance Scenarios**:

    1. **Future**: User can choose to sign up with Google account

    ## Requirements

    - **FR-001**: System MUST allow new users to create an account using an email address and password.
    - **FR-002**: System MUST allow existing users to log in using their registered email and password.
    - **FR-003**: System MUST be architecturally prepared for future SSO integration (Google, Apple).
    - **SC-001**: The system can be extended to support SSO authentication without breaking email sign-in.
    """
    domain = infer_domain(parse_spec(spec_of(body, "Accounts"), "specs/001-x/spec.md"))
    assert domain.external_sign_in is None


def test_the_moment_of_an_event_noun_is_named_by_its_participle():
    assert field_name("issuance timestamp") == ("issued_at", "")
    assert field_name("redemption timestamp") == ("redeemed_at", "")
    assert field_name("termination timestamp") == ("terminated_at", "")
