"""Keys to people in a role (`sender`, `author`) and several keys to one entity, in domain inference.

Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.infer import infer_domain
from analysis.plan.model import DomainModel


def domain(fixture: str) -> DomainModel:
    return infer_domain(parse_spec(textwrap.dedent(fixture).lstrip("\n"), "specs/001-x/spec.md"))


def keys(model: DomainModel, name: str) -> set[tuple[str, str]]:
    entity = next(e for e in model.entities if e.name == name)
    return {(r.target, r.field) for r in entity.relationships if r.kind == "belongs-to"}


def attribute_names(model: DomainModel, name: str) -> set[str]:
    return {a.name for a in next(e for e in model.entities if e.name == name).attributes}


def test_a_person_in_a_role_is_a_key_to_the_accounts():
    model = domain("""
        # Feature Specification: Chat

        ### Key Entities

        - **User**: a person with an account; has a display name.
        - **Message**: a single communication; contains content, timestamp, sender information.
        - **Memo**: a remark with an author and a body.
        """)
    assert ("User", "sender_id") in keys(model, "Message")
    assert "sender_information" not in attribute_names(model, "Message")
    assert ("User", "author_id") in keys(model, "Memo")


def test_two_roles_give_two_keys_to_one_entity():
    model = domain("""
        # Feature Specification: Mail

        ### Key Entities

        - **User**: a person with an account.
        - **Letter**: what one user writes to another — sender, recipient, subject, body.
        """)
    assert {("User", "sender_id"), ("User", "recipient_id")} <= keys(model, "Letter")


def test_role_words_stay_columns_without_an_account_entity():
    model = domain("""
        # Feature Specification: Books

        ### Key Entities

        - **Book**: a published work — title, author, year.
        """)
    assert "author" in attribute_names(model, "Book")
    assert keys(model, "Book") == set()


def test_a_role_that_is_an_entity_links_to_it():
    model = domain("""
        # Feature Specification: Reviews

        ### Key Entities

        - **User**: a person with an account.
        - **Reviewer**: a user who may approve documents.
        - **Document**: a file — title, reviewer.
        """)
    assert ("Reviewer", "reviewer_id") in keys(model, "Document")


def test_a_definition_naming_the_model_it_is_keeps_that_name():
    model = domain("""
        # Feature Specification: Rentals

        ## Requirements

        - **FR-001**: A customer account MUST be able to rent a car.

        ### Key Entities

        - **Customer Account**: a person who rents cars. Corresponds to the existing Customer concept in the domain.
        - **Car**: a vehicle with a plate.
        """)
    names = [e.name for e in model.entities]
    assert "Customer" in names and "CustomerAccount" not in names
    customer = next(e for e in model.entities if e.name == "Customer")
    assert customer.description.startswith("a person who rents cars")


def test_example_instances_give_a_name():
    model = domain("""
        # Feature Specification: Tasks

        ### Key Entities

        - **Label**: a marker for grouping tasks (e.g., bug, urgent, CRM, hardware).
        - **Profile**: a person's public page with details (e.g., bio, avatar).
        - **Identity**: an external account (e.g. a stable identifier and a verified email).
        - **Task**: a work item with a title.
        """)
    assert "name" in attribute_names(model, "Label")
    assert "name" not in attribute_names(model, "Profile")
    assert "name" not in attribute_names(model, "Identity")


def test_a_definition_related_to_another_via_many_to_many_names_its_link_table() -> None:
    text = textwrap.dedent("""
        # Feature Specification: Chores

        ### Key Entities

        - **Chore**: a job a user must do. Key attributes: title, due date.
        - **Label**: a reusable word for grouping chores. Key attributes: name. Related to Chore via many-to-many
          relationship (ChoreLabel junction table).
        """)
    domain = infer_domain(parse_spec(text, "specs/001-x/spec.md"))
    label = next(e for e in domain.entities if e.name == "Label")
    assert [(r.kind, r.target, r.field) for r in label.relationships] == [("many-to-many", "Chore", "ChoreLabel")]
    assert not any("many" in a.name or a.name == "chore_id" for a in label.attributes)
    link = next(e for e in domain.entities if e.name == "ChoreLabel")
    assert link.link


def test_a_link_names_the_thing_first_and_what_sorts_it_last() -> None:
    model = domain("""
        # Feature Specification: Shop

        ### Key Entities

        - **Category**: a shelf of the shop; has a name and holds many products.
        - **Product**: a thing for sale with a name and a price; belongs to many categories.
        - **Device**: a sensor with a serial number.
        - **Group**: a named set of devices.

        ## Requirements

        - **FR-001**: Admins MUST be able to assign devices to a group; devices can belong to multiple groups.
        """)
    names = {e.name for e in model.entities if e.link}
    assert "ProductCategory" in names and "CategoryProduct" not in names
    assert "DeviceGroup" in names and "GroupDevice" not in names


def test_an_entity_linking_two_others_holds_both_keys_past_an_aside() -> None:
    model = domain("""
        # Feature Specification: Cameras

        ### Key Entities

        - **Container**: a grouping unit with an optional `label` and up to 4 camera positions.
        - **CameraAssignment**: A relationship linking a camera (`device_id`) to a container position (1-4).
        - **Camera**: a device identified by its `device_id`, with a `status`.
        """)
    assert keys(model, "CameraAssignment") >= {("Camera", "camera_id"), ("Container", "container_id")}
    assert not keys(model, "Container")
    assert "up" not in attribute_names(model, "Container")


def test_membership_in_a_modelled_thing_is_a_key_to_it() -> None:
    model = domain("""
        # Feature Specification: Gear

        ### Key Entities

        - **Piece**: an equippable piece tied to a slot, with a main stat and membership in a Gear Set.
        - **Gear Set**: a named collection of pieces granting bonuses.
        - **Build**: a named configuration of one hero and up to five pieces.
        - **Hero**: a playable character with a name.
        """)
    assert ("GearSet", "gear_set_id") in keys(model, "Piece")
    assert "membership" not in attribute_names(model, "Piece")
    assert "up" not in attribute_names(model, "Build")


def test_a_thing_someone_has_in_a_state_is_a_condition_not_a_column() -> None:
    model = domain("""
        # Feature Specification: Timesheets

        ## Requirements

        - **FR-001**: The "Clock Out" button MUST be enabled only when the worker has an open (unclosed) shift record for
          the current day.
        - **FR-002**: A worker has a badge number and a home site.

        ### Key Entities

        - **Worker**: a person who clocks in and out.
        - **Shift Record**: one worked shift of a worker.
    """)
    names = attribute_names(model, "Worker")
    assert {"badge_number", "home_site"} <= names
    assert not any("open" in name or "shift_record" in name for name in names)


def test_a_status_that_says_active_or_inactive_needs_no_is_active_beside_it() -> None:
    model = domain("""
        # Feature Specification: Kiosks

        ## Requirements

        - **FR-001**: Operators MUST be able to deactivate a kiosk.

        ### Key Entities

        - **Kiosk**: Attributes: name, location, status (active / inactive).
        - **Screen**: a display; screens can be deactivated.
    """)
    assert "is_active" not in attribute_names(model, "Kiosk")
    assert "is_active" in attribute_names(model, "Screen")  # no status says it: the flag holds it


def test_groups_a_definition_places_inside_another_thing_are_its_own_not_shared() -> None:
    model = domain("""
        # Feature Specification: Drills

        ### Key Entities

        - **Section**: an ordered part of a session with a name, a target duration and zero or more Groups.
        - **Group**: a label-only container within a Section.
        - **Player**: a person; players can belong to one or more Teams.
        - **Team**: a named squad with zero or more Groups.
    """)
    assert ("Section", "section_id") in keys(model, "Group")
    assert not any(e.link and "Section" in e.name for e in model.entities)
    assert "more_groups" not in attribute_names(model, "Section")


def test_quoted_words_a_thing_contains_are_not_its_columns() -> None:
    model = domain("""
        # Feature Specification: Helpdesk

        ## Requirements

        - **FR-001**: System MUST escalate when a message contains pricing keywords: "pricing", "how much", "refund".
        - **FR-002**: Each message has a body and a channel.

        ### Key Entities

        - **Message**: one message of a customer.
    """)
    names = attribute_names(model, "Message")
    assert {"body", "channel"} <= names
    assert not {"pricing", "how_much", "refund"} & names


def test_a_plural_after_a_list_of_names_is_one_reference_each() -> None:
    model = infer_domain(parse_spec(textwrap.dedent("""
        # Feature Specification: Ratings

        ## Requirements

        - **FR-001**: Users MUST be able to rate entries.

        ### Key Entities

        - **User**: a person who rates.
        - **Entry**: a movie with a unique title.
        - **Rating**: a score (1-10), with user and entry references
        """).lstrip("\\n"), "specs/001-x/spec.md"))
    rating = next(e for e in model.entities if e.name == "Rating")
    assert {(r.kind, r.target) for r in rating.relationships} == {("belongs-to", "User"), ("belongs-to", "Entry")}


def _hierarchy_of(definition: str, extra: str = "") -> tuple[list[tuple[str, str, str, bool]], list[str]]:
    model = infer_domain(parse_spec(textwrap.dedent(f"""
        # Feature Specification: Shop

        ## Requirements

        - **FR-001**: Admins MUST be able to create categories.
        {extra}

        ### Key Entities

        - **Product**: a thing for sale with a name and a category.
        - **Category**: {definition}
        """).lstrip("\\n"), "specs/001-x/spec.md"))
    category = next(e for e in model.entities if e.name == "Category")
    return ([(r.kind, r.target, r.field, r.required) for r in category.relationships if r.target == "Category"],
            [a.name for a in category.attributes])


def test_a_thing_that_nests_in_itself_refers_to_its_parent() -> None:
    for definition, extra in (("product groupings with hierarchical structure, including name and parent-child relationships", ""),
                              ("a grouping with a name and an optional parent category", ""),
                              ("a grouping with a name", "- **FR-002**: Admins MUST be able to add subcategories to a category.")):
        links, columns = _hierarchy_of(definition, extra)
        assert ("belongs-to", "Category", "parent_id", False) in links, definition
        assert not {"hierarchical_structure", "parent_child_relationships", "subcategories"} & set(columns), columns


def test_no_self_reference_without_the_words_or_when_the_children_are_modelled() -> None:
    assert _hierarchy_of("a grouping with a name")[0] == []
    # `Subcategory` is an entity of its own: the children are modelled, not a parent key.
    model = infer_domain(parse_spec(textwrap.dedent("""
        # Feature Specification: Shop

        ### Key Entities

        - **Category**: a grouping with a name; each has subcategories.
        - **Subcategory**: a smaller grouping within a category.
        """).lstrip("\\n"), "specs/001-x/spec.md"))
    category = next(e for e in model.entities if e.name == "Category")
    assert not any(r.target == "Category" for r in category.relationships)


def test_a_qualified_plural_of_a_modelled_entity_is_its_rows_not_a_column():
    model = domain("""
        # Feature Specification: Tickets

        ### Key Entities

        - **Ticket**: a unit of work with title, status, file attachments, and comments.
        - **Attachment**: a file linked to a ticket with filename and size.
        - **Survey**: a questionnaire with a title and recommended tickets.
        """)
    assert "file_attachments" not in attribute_names(model, "Ticket")
    assert ("Ticket", "ticket_id") in keys(model, "Attachment")
    # `recommended tickets` picks existing tickets out: a participle is no kind, and no ticket belongs to a survey.
    assert "recommended_tickets" in attribute_names(model, "Survey")
    assert not any(target == "Survey" for target, _field in keys(model, "Ticket"))


CODE_RELATIONS = """
    # Feature Specification: Ledgers

    ## Requirements

    - **FR-001**: Users MUST be able to view a ledger and its entries.

    ```prisma
    model Ledger {
      id        String   @id @default(uuid())
      name      String
      entries   LedgerEntry[]
    }

    model LedgerEntry {
      id        String   @id @default(uuid())
      bookId    String
      amount    Int
      book      Ledger   @relation(fields: [bookId], references: [id])
    }

    model Post {
      id     Int    @id
      title  String
      tags   Tag[]
    }

    model Tag {
      id     Int    @id
      name   String
      posts  Post[]
    }
    ```

    ```typescript
    interface Basket {
      id: string;
      total: number;
      lines: BasketLine[];
    }

    interface BasketLine {
      sku: string;
      quantity: number;
    }
    ```
    """


def test_a_field_typed_as_another_model_of_the_code_is_a_key_not_a_column():
    model = domain(CODE_RELATIONS)
    entry = next(e for e in model.entities if e.name == "LedgerEntry")
    assert [(r.target, r.field, r.back) for r in entry.relationships if r.kind == "belongs-to"] == [
        ("Ledger", "book_id", "entries")]
    assert "book" not in attribute_names(model, "LedgerEntry")
    assert "entries" not in attribute_names(model, "Ledger")
    # Lists on both sides: many-to-many; a list on one side only: the other side's rows, under the spec's name.
    post = next(e for e in model.entities if e.name == "Post")
    assert [r.target for r in post.relationships if r.kind == "many-to-many"] == ["Tag"]
    line = next(e for e in model.entities if e.name == "BasketLine")
    assert [(r.target, r.back) for r in line.relationships if r.kind == "belongs-to"] == [("Basket", "lines")]


def test_the_plan_names_the_list_as_the_code_does():
    from analysis.plan.design import build_plan

    plan = build_plan(parse_spec(textwrap.dedent(CODE_RELATIONS).lstrip("\n"), "specs/001-x/spec.md"))
    ledger = {f.name: f.type for f in next(m for m in plan.models if m.name == "Ledger").fields}
    entry = {f.name: f.type for f in next(m for m in plan.models if m.name == "LedgerEntry").fields}
    assert ledger["entries"] == "list[LedgerEntry]"
    assert entry["book"] == "Ledger" and entry["book_id"] == "UUID"


def test_a_label_heading_a_list_of_columns_is_no_column_and_an_embedded_value_is_no_enum():
    model = domain("""
        # Feature Specification: Tournaments

        ### Key Entities

        - **Tournament**: a competition. Extended to include logistical details: location (club name, address),
          number of courts, and status (scheduled, completed).
        - **Location**: Embedded information within Tournament consisting of club name and full address.
        """)
    tournament = next(e for e in model.entities if e.name == "Tournament")
    columns = {a.name: a for a in tournament.attributes}
    assert "logistical_details" not in columns and "number_of_courts" in columns
    assert columns["location"].type == "json" and columns["location"].enum_values == []
    assert columns["status"].enum_values or tournament.states is not None


def test_a_perfect_tense_after_has_is_no_list_of_what_it_holds():
    model = domain("""
        # Feature Specification: Tournaments

        ### User Story 1 - Waitlist (Priority: P1)

        **Acceptance Scenarios**:

        1. **Given** a tournament has reached maximum capacity AND player is registered, **When** the player
           registers, **Then** the player is waitlisted.

        ### Key Entities

        - **Tournament**: a competition with name and capacity.
        - **Player**: a person who plays, with name.
        """)
    assert keys(model, "Tournament") == set()


def test_a_sort_key_in_a_clause_of_its_own_is_not_the_named_things():
    model = domain("""
        # Feature Specification: Tournaments

        ## Requirements

        - **FR-001**: System MUST display the waitlist according to the tournament's display setting while
          maintaining promotion order by registration timestamp.
        - **FR-002**: Players MUST be able to list tournaments sorted by start date.

        ### Key Entities

        - **Tournament**: a competition with name and capacity.
        """)
    assert "registered_at" not in attribute_names(model, "Tournament")
    assert "start_date" in attribute_names(model, "Tournament")


def test_what_an_invitation_or_request_admits_to_is_a_key_to_it() -> None:
    model = domain("""
        # Feature Specification: Rooms

        ### Key Entities

        - **Room**: A chat room with a name.
        - **Invitation**: Represents pending invitations for users to join rooms.
        - **Join Request**: A request to join a room, with a message.
        - **Pass**: A ticket for one visitor; the visitor may later ask to join a room.
        """)
    assert ("Room", "room_id") in keys(model, "Invitation")
    assert ("Room", "room_id") in keys(model, "JoinRequest")
    assert not keys(model, "Pass")  # only the opening sentence says what a thing admits to


def test_a_shared_kind_of_thing_granted_to_many_others_is_many_to_many() -> None:
    model = domain("""
        # Feature Specification: Access

        ### Key Entities

        - **User**: A person who signs in. Key attributes include username and associated accesses list.
        - **Access**: Represents an individual permission that can be granted to users.
        - **Ticket**: A support request with a title.
        - **Label**: A flexible label that can be applied to tickets for filtering.
        - **Vendor**: A service provider that can be assigned to tickets.
        """)
    user = next(e for e in model.entities if e.name == "User")
    assert ("many-to-many", "Access") in {(r.kind, r.target) for r in user.relationships}
    assert not any(r.kind == "has-many" and r.target == "Access" for r in user.relationships)
    assert "accesses_list" not in attribute_names(model, "User")  # the list is the linked rows, not a column
    label = next(e for e in model.entities if e.name == "Label")
    assert ("many-to-many", "Ticket") in {(r.kind, r.target) for r in label.relationships}
    vendor = next(e for e in model.entities if e.name == "Vendor")
    assert not any(r.kind == "many-to-many" for r in vendor.relationships)  # a provider is no shared label


def test_a_kind_that_can_be_put_in_a_place_is_shared_by_many_not_part_of_one() -> None:
    model = domain("""
        # Feature Specification: Rooms

        ### Key Entities

        - **Room**: A meeting room with a name.
        - **Equipment Type**: Represents a kind of equipment that can be offered in a room (e.g., projector).
        - **Poster**: A print that can be hung in a room.
        - **Seat**: A chair in a room.
        """)
    kinds = {(r.kind, r.target) for r in next(e for e in model.entities if e.name == "EquipmentType").relationships}
    assert ("many-to-many", "Room") in kinds and ("belongs-to", "Room") not in kinds
    assert not keys(model, "Poster")  # may be hung in one: no part of it, and no shared kind either
    assert ("Room", "room_id") in keys(model, "Seat")  # a part of one room
