"""Model design details beyond the columns the spec names: SQLModel `Relationship()` attributes beside the key
columns, lifecycle timestamps for states that record an event, and a `name` for a pickable thing the spec gives no
label — each stated in the plan's assumptions where it is one.

Domain models are built by hand so these tests do not depend on inference quality; the specs are inline.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.model import Attribute, DomainModel, Entity, Model, Plan, Relationship, StateMachine, Transition
from analysis.plan.openapi import build_openapi
from analysis.plan.render import er_diagram, render_plan

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
