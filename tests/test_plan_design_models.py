"""Model design details beyond the columns the spec names: SQLModel `Relationship()` attributes beside the key
columns, lifecycle timestamps for states that record an event, and a `name` for a pickable thing the spec gives no
label — each stated in the plan's assumptions where it is one.

Domain models are built by hand so these tests do not depend on inference quality; the specs are inline.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.design import action_record, build_plan
from analysis.plan.model import Attribute, DomainModel, Entity, Model, Plan, Relationship, StateMachine, Transition
from analysis.plan.openapi import build_openapi
from analysis.plan.render import er_diagram, render_plan
from tests.plan_helpers import plan_of as plan_from_text

SPEC = """
# Feature Specification: Boards

## Requirements

- **FR-001**: Members MUST be able to create boards and add cards to a board.
- **FR-002**: Members MUST be able to submit a card for review and approve submitted cards.
- **FR-003**: Members MUST be able to list shelves.
"""


def plan_of(*entities: Entity) -> Plan:
    return build_plan(parse_spec(textwrap.dedent(SPEC).lstrip("\n"), "specs/001-x/spec.md"),
                      domain=DomainModel(entities=list(entities)))


def model(plan: Plan, name: str) -> Model:
    return next(m for m in plan.models if m.name == name)


def fields(plan: Plan, name: str) -> dict[str, object]:
    return {f.name: f for f in model(plan, name).fields}


def board_and_cards() -> tuple[Entity, Entity]:
    board = Entity("Board", "Board", attributes=[Attribute("title", "str")])
    card = Entity("Card", "Card", attributes=[Attribute("title", "str")],
                  relationships=[Relationship("belongs-to", "Board", "board_id")])
    return board, card


def test_a_key_column_gets_relationship_attributes_on_both_sides():
    plan = plan_of(*board_and_cards())
    card, board = fields(plan, "Card"), fields(plan, "Board")
    assert card["board_id"].foreign_key == "Board.id" and not card["board_id"].relationship
    assert card["board"].relationship == "belongs-to" and card["board"].type == "Board"
    assert card["board"].back_populates == "cards"
    assert board["cards"].relationship == "has-many" and board["cards"].type == "list[Card]"
    assert board["cards"].back_populates == "board"


def test_a_key_named_for_a_role_names_both_attributes_for_it():
    member = Entity("Member", "Member", attributes=[Attribute("email", "str")])
    task = Entity("Task", "Task", attributes=[Attribute("title", "str")],
                  relationships=[Relationship("belongs-to", "Member", "assignee_id")])
    plan = plan_of(member, task)
    assert fields(plan, "Task")["assignee"].back_populates == "assignee_tasks"
    assert fields(plan, "Member")["assignee_tasks"].back_populates == "assignee"


def test_an_attribute_that_would_clash_with_a_column_is_left_out_and_its_partner_is_one_sided():
    board, card = board_and_cards()
    card.attributes.append(Attribute("board", "str"))  # the spec already has a `board` column
    plan = plan_of(board, card)
    assert not fields(plan, "Card")["board"].relationship
    assert fields(plan, "Board")["cards"].back_populates == ""


def test_relationship_attributes_stay_out_of_the_wire_format_and_the_diagram():
    plan = plan_of(*board_and_cards())
    schema = build_openapi(plan)["components"]["schemas"]["Card"]
    assert "board_id" in schema["properties"] and "board" not in schema["properties"]
    diagram = "\n".join(er_diagram(plan))
    assert " board_id" in diagram and " board\n" not in diagram and " cards" not in diagram
    text = render_plan(plan)
    assert "| `board` | `Board` | relationship (belongs-to, back_populates `cards`), not a column" in text


def test_states_that_record_an_event_get_a_timestamp_and_the_plan_says_so():
    board, card = board_and_cards()
    card.states = StateMachine("status", "CardStatus", ["draft", "submitted", "approved", "open"], initial="draft",
                               transitions=[Transition("draft", "submitted", "submit"),
                                            Transition("submitted", "approved", "approve")])
    plan = plan_of(board, card)
    card_fields = fields(plan, "Card")
    assert card_fields["submitted_at"].type == "datetime" and not card_fields["submitted_at"].required
    assert "approved_at" in card_fields
    assert "draft_at" not in card_fields and "open_at" not in card_fields  # the initial state; not an event
    assert any("Card.submitted_at" in a and "Card.approved_at" in a for a in plan.assumptions)


def test_a_state_of_not_yet_gets_no_timestamp_and_an_undoing_does():
    board, card = board_and_cards()
    card.states = StateMachine("status", "CardStatus", ["pending", "verified", "unverified", "published", "unpublished",
                                                        "unbanned"],
                               initial="pending", transitions=[Transition("pending", "verified", "verify")])
    card_fields = fields(plan_of(board, card), "Card")
    assert "verified_at" in card_fields and "unpublished_at" in card_fields and "unbanned_at" in card_fields
    assert "unverified_at" not in card_fields  # not verified (yet): no moment it happened


def test_a_pickable_thing_without_a_label_gets_an_assumed_name():
    shelf = Entity("Shelf", "Shelf", attributes=[Attribute("capacity", "int")])
    entry = Entity("AuditEntry", "Audit Entry", attributes=[Attribute("action", "str")])
    board, card = board_and_cards()
    plan = plan_of(shelf, entry, board, card)
    assert "name" in fields(plan, "Shelf")
    assert "name" not in fields(plan, "AuditEntry")  # an event record is not picked by name
    assert "name" not in fields(plan, "Board")  # it has a title
    assert any("`Shelf`" in a and "`name`" in a for a in plan.assumptions)
    assert not any("`AuditEntry`" in a and "no label" in a for a in plan.assumptions)


# ----------------------------------------------------------------------------- what an action leaves behind

ACTIONS_SPEC = """
## Requirements

### Functional Requirements

- **FR-001**: Guests MUST be able to create bookings for a room.
- **FR-002**: Guests MUST be able to cancel their bookings.
- **FR-003**: Members MUST be able to accept or decline invitations.
- **FR-004**: Admins MUST be able to deactivate and reactivate rooms.
- **FR-005**: Members MUST be able to archive chores.
- **FR-006**: Editors MUST be able to publish and unpublish articles.

### Key Entities

- **Booking**: A reservation of a room, with a start time and an end time.
- **Room**: A place that can be booked, with a name.
- **Invitation**: An invitation for a member to join a room.
- **Chore**: A household task with a title and an archived flag.
- **Article**: A page with a title and a body.
"""


def _method(plan: Plan, name: str):
    return next(m for s in plan.services for m in s.methods if m.name == name)


def test_an_action_on_a_thing_without_states_is_kept_in_a_timestamp_the_service_sets():
    plan = plan_from_text(ACTIONS_SPEC, "Household")
    booking = fields(plan, "Booking")
    assert booking["cancelled_at"].type == "datetime" and not booking["cancelled_at"].required
    assert [s.label for s in booking["cancelled_at"].sources] == ["FR-002"]
    assert "sets cancelled_at to the current time" in _method(plan, "cancel_booking").steps
    invitation = fields(plan, "Invitation")
    assert "accepted_at" in invitation and "declined_at" in invitation
    assert "sets declined_at to the current time" in _method(plan, "decline_invitation").steps
    # Undoing an event clears its moment.
    assert "published_at" in fields(plan, "Article")
    assert "clears published_at" in _method(plan, "unpublish_article").steps
    assert any("`Booking.cancelled_at`" in a and "`Invitation.declined_at`" in a for a in plan.assumptions)
    assert not any("records the" in step for s in plan.services for m in s.methods for step in m.steps)


def test_an_action_sets_the_flag_the_spec_already_has_and_adds_no_timestamp():
    plan = plan_from_text(ACTIONS_SPEC, "Household")
    chore = fields(plan, "Chore")
    assert "is_archived" in chore and "archived_at" not in chore
    assert "sets is_archived = true" in _method(plan, "archive_chore").steps
    room = fields(plan, "Room")
    assert room["is_active"].type == "bool" and "deactivated_at" not in room
    assert "sets is_active = false" in _method(plan, "deactivate_room").steps
    assert "sets is_active = true" in _method(plan, "reactivate_room").steps


def test_a_thing_with_states_keeps_its_moves_in_its_state_not_in_new_columns():
    board, card = board_and_cards()
    card.states = StateMachine("status", "CardStatus", ["draft", "submitted", "approved"], initial="draft",
                               transitions=[Transition("draft", "submitted", "submit"),
                                            Transition("submitted", "approved", "approve")])
    plan = plan_of(board, card)
    assert "approve_card" in {m.name for s in plan.services for m in s.methods}
    assert any(step.startswith("moves status to approved") for step in _method(plan, "approve_card").steps)
    # The rule itself: a column it would add is returned, one that is there is reused; a verb that keeps nothing
    # (merge, import) gives nothing.
    assert action_record("check-in", set()) == ("sets checked_in_at to the current time", action_record("check in", set())[1])
    assert action_record("archive", {"is_archived"}) == ("sets is_archived = true", None)
    assert action_record("restore", {"deleted_at"}) == ("clears deleted_at", None)
    assert action_record("restore", set()) is None and action_record("merge", set()) is None
