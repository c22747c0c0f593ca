"""Domain inference around people and the records they hold: joint subjects (`a patient and doctor have an
appointment`), role records keyed to the account that signs in, authors (`notes added by doctors`), references in a
role (`current location`), and the column phrasings that real Key Entities use (`lifecycle state`, `a lot code
captured at receive`, `name or company name`, `User's selected theme (light/dark/system)`).

Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.infer import infer_domain
from analysis.plan.model import Attribute, DomainModel, Entity


def domain(body: str) -> DomainModel:
    text = "# Feature Specification: Clinic\n\n" + textwrap.dedent(body).lstrip("\n")
    return infer_domain(parse_spec(text, "specs/001-x/spec.md"))


def entity(model: DomainModel, name: str) -> Entity:
    return next(e for e in model.entities if e.name == name)


def attribute(model: DomainModel, entity_name: str, name: str) -> Attribute | None:
    return next((a for a in entity(model, entity_name).attributes if a.name == name), None)


def links(model: DomainModel, name: str) -> set[tuple[str, str]]:
    """(target, key field) of every belongs-to of the entity."""
    return {(r.target, r.field) for r in entity(model, name).relationships if r.kind == "belongs-to"}


CLINIC = """
## User Scenarios & Testing

### User Story 1 - Book a visit (Priority: P1)

1. **Given** a patient and doctor have an appointment, **When** they open it, **Then** they see its time.
2. **Given** a doctor with a licence number, **When** they authenticate with email and password, **Then** they see
   their dashboard.
3. **Given** a patient, **When** they log in, **Then** they see their appointments.

## Requirements

- **FR-001**: Users MUST sign in with email and password.
- **FR-002**: Users MUST log in before booking.

### Key Entities

- **User**: an account that signs in, with email and password.
- **Patient**: a person seeking care.
- **Doctor**: a licensed practitioner.
- **Appointment**: a booked time slot with a start time.
- **Message**: communication records between patients and doctors within the messaging area.
- **Consultation Note**: professional notes added by doctors after a visit.
- **Supplier**: a company that ships medicines, with a name.
"""


def test_a_joint_subject_holds_the_record_together():
    model = domain(CLINIC)
    assert {("Patient", "patient_id"), ("Doctor", "doctor_id")} <= links(model, "Appointment")
    assert not any(target == "Appointment" for target, _ in links(model, "Doctor"))
    assert not any(target == "Appointment" for target, _ in links(model, "Patient"))


def test_records_between_two_people_belong_to_both_and_the_noun_is_no_field_list():
    model = domain(CLINIC)
    assert {("Patient", "patient_id"), ("Doctor", "doctor_id")} <= links(model, "Message")
    assert not any(target == "Message" for target, _ in links(model, "Doctor"))


def test_people_who_sign_in_beside_a_user_account_carry_its_key():
    model = domain(CLINIC)
    for person in ("Patient", "Doctor"):
        assert ("User", "user_id") in links(model, person), person
        relationship = next(r for r in entity(model, person).relationships if r.target == "User")
        assert "assumed" in relationship.description
    assert not any(target == "User" for target, _ in links(model, "Supplier"))  # nobody says a supplier signs in


def test_the_author_of_a_record_is_linked_from_its_opening():
    model = domain(CLINIC)
    assert ("Doctor", "doctor_id") in links(model, "ConsultationNote")


def test_user_defined_and_users_possessive_do_not_make_a_person():
    model = domain("""
        ## Requirements

        - **FR-001**: Users MUST be able to pick a theme.

        ### Key Entities

        - **Asset Category**: User-defined classification of assets, with a name.
        - **Theme Preference**: User's selected theme (light/dark/system) with persistence across sessions.
        """)
    assert not entity(model, "AssetCategory").is_actor
    assert not entity(model, "ThemePreference").is_actor
    theme = attribute(model, "ThemePreference", "theme")
    assert theme is not None and theme.enum_values == ["light", "dark", "system"]


def test_a_status_with_its_values_in_the_opening_is_the_lifecycle_column():
    model = domain("""
        ### Key Entities

        - **Connection State**: Represents the current VPN connection status (disconnected, connecting, connected).
          Includes the server endpoint and the last error.
        """)
    status = attribute(model, "ConnectionState", "status")
    assert status is not None and status.enum_values == ["disconnected", "connecting", "connected"]


def test_references_in_a_role_are_keyed_by_the_role_and_lifecycle_state_is_state():
    model = domain("""
        ### Key Entities

        - **Location**: a place in a store, with a code.
        - **Serial**: one physical unit. Has lifecycle state, current location, and notes.
        - **Transfer**: a move of stock. Carries source location, destination location, and a reason.
        """)
    assert ("Location", "current_location_id") in links(model, "Serial")
    assert attribute(model, "Serial", "state") is not None
    assert attribute(model, "Serial", "lifecycle_state") is None
    assert {("Location", "source_location_id"), ("Location", "destination_location_id")} <= links(model, "Transfer")


def test_a_participle_phrase_is_not_part_of_the_column_name_and_expiry_dates_stay_dates():
    model = domain("""
        ### Key Entities

        - **Lot**: a grouping of units identified by a lot code captured at receive, with optional expiry date.
        """)
    assert attribute(model, "Lot", "lot_code") is not None
    expiry = attribute(model, "Lot", "expiry_date")
    assert expiry is not None and expiry.type == "date" and not expiry.required
    assert attribute(model, "Lot", "lot_code_captured") is None


def test_either_of_two_columns_gives_both_optional():
    model = domain("""
        ### Key Entities

        - **Customer**: a person or company. Holds personal info (name or company name, contact type) and
          preferences (preferred channel, language).
        """)
    for name in ("name", "company_name"):
        column = attribute(model, "Customer", name)
        assert column is not None and not column.required, name
    assert attribute(model, "Customer", "preferred_channel") is not None
    assert attribute(model, "Customer", "language") is not None
    assert attribute(model, "Customer", "name_or_company_name") is None


def test_has_been_is_not_a_field_list():
    model = domain("""
        ## User Scenarios & Testing

        ### User Story 1 - Import (Priority: P1)

        1. **Given** a recipe has been imported, **When** I open it, **Then** I see its source.

        ### Key Entities

        - **Recipe**: a dish with a title.
        """)
    assert attribute(model, "Recipe", "been_imported") is None


def test_an_entity_that_only_qualifies_another_noun_is_no_parent():
    model = domain("""
        ### Key Entities

        - **Customer**: a buyer with a name.
        - **Site**: existing store entity, shown as read-only context in the customer history view.
        - **Ranking**: a customer's ranking within a specific site.
        """)
    assert not any(target == "Customer" for target, _ in links(model, "Site"))
    assert ("Site", "site_id") in links(model, "Ranking")


def test_an_entity_named_in_an_activity_on_it_is_no_parent():
    model = domain("""
        ### Key Entities

        - **Link**: a short path to an original URL.
        - **User**: a registered account for link management/API access.
        - **Check**: a validation of a customer for order creation.
        - **Order**: a purchase by a customer.
        """)
    assert not any(target == "Link" for target, _ in links(model, "User"))
    assert not any(target == "Order" for target, _ in links(model, "Check"))


def test_a_gloss_and_an_adverb_of_a_sort_are_no_columns():
    model = domain("""
        ## Requirements

        - **FR-001**: System MUST allow sorting recipes by rating, date added, or alphabetically by title.

        ### Key Entities

        - **Recipe**: a dish with a title and instructions.
        - **Rating**: A 1-5 star value associated with a recipe, representing user preference.
        """)
    recipe = {a.name for a in entity(model, "Recipe").attributes}
    assert "alphabetically" not in recipe and "title" in recipe and "date_added" in recipe
    assert "representing_user_preference" not in {a.name for a in entity(model, "Rating").attributes}


def test_a_reference_to_people_this_spec_does_not_model_is_a_key():
    model = domain("""
        ### Key Entities

        - **Saved View**: a named filter. Contains view name, owner (user reference), and filter criteria.
        """)
    owner = attribute(model, "SavedView", "owner_id")
    assert owner is not None and owner.type == "str"
    assert attribute(model, "SavedView", "owner") is None


def test_shared_things_a_person_holds_are_many_to_many_and_a_set_is_a_list_column():
    model = domain("""
        ### Key Entities

        - **User**: Represents an individual with access, has credentials, assigned roles and permissions.
        - **Role**: Represents a set of permissions that can be assigned to users (e.g., admin, moderator).
        - **Product**: an item for sale; includes name, price and availability status.
        - **Payment**: a charge for an order.
        - **Order**: a purchase; includes status (new, paid) and payment status.
        """)
    assert {(r.kind, r.target) for r in entity(model, "User").relationships} >= {("many-to-many", "Role")}
    assert entity(model, "UserRole").link
    assert not any(r.kind == "belongs-to" and r.target == "User" for r in entity(model, "Role").relationships)
    permissions = attribute(model, "Role", "permissions")
    assert permissions is not None and permissions.type == "list[str]"
    assert attribute(model, "Product", "status") is not None  # its one status column
    order = {a.name for a in entity(model, "Order").attributes}
    assert {"status", "payment_status"} <= order  # a second status stays qualified


def test_a_column_named_for_another_entity_key_is_a_link_and_speech_is_no_column():
    model = domain("""
        ## User Scenarios & Testing

        ### User Story 1 - RSVP (Priority: P1)

        1. **Given** an Event with free places, **When** I select my role, **Then** I see a confirmation.

        ### Key Entities

        - **Event**: id, title, capacity
        - **RSVP**: id, eventId, occurrenceDate, role
        """)
    assert ("Event", "event_id") in links(model, "RSVP")
    assert attribute(model, "RSVP", "event_id") is None  # the key column is the link, not a plain int
    event = {a.name for a in entity(model, "Event").attributes}
    assert not {"select_my_role", "i_see_a_confirmation"} & event


def test_username_password_authentication_gives_the_credentials():
    model = domain("""
        ## Requirements

        - **FR-001**: Users MUST be able to sign in; the product uses basic username/password authentication.

        ### Key Entities

        - **User**: a person who signs in.
        """)
    names = {a.name for a in entity(model, "User").attributes}
    assert {"username", "password_hash"} <= names


def test_kinds_of_an_entity_and_of_what_it_is_about_and_the_word_for_its_states():
    model = domain("""
        ## User Scenarios & Testing

        ### User Story 1 - Returns (Priority: P1)

        1. **Given** a return to a vendor, **When** it is sent back, **Then** it moves through `open` → `shipped` → `closed`.

        ### Key Entities

        - **Client**: An external company or individual who submits requests, with a name.
        - **Notification**: A system alert tied to an event (assignment, mention, deadline). Has a read flag.
        - **Vendor Return**: a document for goods sent back to a supplier; states `open` → `shipped` → `closed`.
        """)
    client_type = attribute(model, "Client", "client_type")
    assert client_type is not None and client_type.enum_values == ["company", "individual"]
    event_type = attribute(model, "Notification", "event_type")
    assert event_type is not None and event_type.enum_values == ["assignment", "mention", "deadline"]
    returns = entity(model, "VendorReturn")
    assert returns.states is not None and returns.states.field == "state"  # the definition says "states"


def test_belonging_to_a_thing_is_a_key_to_it():
    model = domain("""
        ### Key Entities

        - **Parent**: the adult who books for their children.
        - **Student**: A child eligible for a trial booking and belonging to one parent.
        """)
    assert ("Parent", "parent_id") in links(model, "Student")
