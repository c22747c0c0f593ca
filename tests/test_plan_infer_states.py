"""Lifecycles written as arrow chains (`draft → submitted → approved`), wherever a spec puts them.

Inline fixtures written for these tests; each checks the states, their order (the first is the initial state), the
transitions with the action that causes them, and the chains that must not become lifecycles.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.infer import _verb_of_state, infer_domain
from analysis.plan.model import DomainModel, Entity


def domain(fixture: str) -> DomainModel:
    return infer_domain(parse_spec(textwrap.dedent(fixture).lstrip("\n"), "specs/001-x/spec.md"))


def entity(model: DomainModel, name: str) -> Entity:
    found = next((e for e in model.entities if e.name == name), None)
    assert found is not None, f"{name} not in {[e.name for e in model.entities]}"
    return found


def moves(model: DomainModel, name: str) -> list[tuple[str, str, str]]:
    machine = entity(model, name).states
    assert machine is not None, f"{name} has no state machine"
    return [(t.source, t.target, t.trigger) for t in machine.transitions]


PURCHASING = """
    # Feature Specification: Purchasing

    ## Requirements

    - **FR-001**: Buyers MUST be able to create purchase orders for a vendor.
    - **FR-002**: System MUST manage purchase order state through the lifecycle `draft` → `submitted` → `approved` → `closed`.
    - **FR-003**: Invoices go pending -> paid once the vendor is paid.

    ### Key Entities

    - **Purchase Order (PO)**: an order placed with a vendor; has a reference number and a total.
    - **Vendor**: a supplier with a name.
    - **Invoice**: what a vendor bills for a purchase order; has an amount.
    """


def test_chain_in_a_requirement_gives_a_state_column_and_transitions():
    model = domain(PURCHASING)
    order = entity(model, "PurchaseOrder")
    status = next(a for a in order.attributes if a.name == "state")  # the requirement says "state"
    assert status.enum_values == ["draft", "submitted", "approved", "closed"]
    assert order.states.initial == "draft"
    assert moves(model, "PurchaseOrder") == [("draft", "submitted", "submit"), ("submitted", "approved", "approve"),
                                             ("approved", "closed", "close")]


def test_ascii_arrow_and_irregular_past():
    model = domain(PURCHASING)
    assert entity(model, "Invoice").states.states == ["pending", "paid"]
    assert moves(model, "Invoice") == [("pending", "paid", "pay")]


def test_chain_source_points_at_the_chain():
    text = textwrap.dedent(PURCHASING).lstrip("\n")
    model = infer_domain(parse_spec(text, "specs/001-x/spec.md"))
    transition = entity(model, "PurchaseOrder").states.transitions[0]
    line = text.splitlines()[transition.sources[0].range.start.line]
    assert "`draft` → `submitted`" in line
    assert transition.sources[0].label == "FR-002"


def test_alternatives_branch_and_short_name_of_the_definition():
    model = domain("""
        # Feature Specification: Returns

        ## User Scenarios & Testing

        ### User Story 1 - Return goods (Priority: P1)

        1. **Given** an RMA is open, **When** a clerk reviews it, **Then** it moves requested → approved | rejected.

        ### Key Entities

        - **Return Authorization (RMA)**: permission to send goods back; has a reason.
        """)
    assert set(moves(model, "ReturnAuthorization")) >= {("requested", "approved", "approve"),
                                                        ("requested", "rejected", "reject")}


def test_chain_under_a_definition_and_two_word_states():
    model = domain("""
        # Feature Specification: Repairs

        ### Key Entities

        - **Ticket**: a repair request with a title.
          Lifecycle: new → in progress → on hold → resolved.
        """)
    assert entity(model, "Ticket").states.states == ["new", "in_progress", "on_hold", "resolved"]
    assert ("on_hold", "resolved", "resolve") in moves(model, "Ticket")


def test_chain_extends_a_declared_status():
    model = domain("""
        # Feature Specification: Shipping

        ### Key Entities

        - **Shipment**: a parcel on its way — status (packed, shipped, delivered).

        ## Requirements

        - **FR-001**: A shipment status goes packed → shipped → delivered → returned.
        """)
    shipment = entity(model, "Shipment")
    assert shipment.states.states == ["packed", "shipped", "delivered", "returned"]
    assert ("delivered", "returned", "return") in moves(model, "Shipment")


def test_chains_that_are_not_lifecycles():
    model = domain("""
        # Feature Specification: Navigation

        ## Requirements

        - **FR-001**: Users navigate Login → Dashboard → Settings to change a profile.
        - **FR-002**: Results are sorted by proximity of a member: same city → same country → global.
        - **FR-003**: A car shows not rented → "available" and rented → "leased".
        - **FR-004**: Data flows User → Order → Payment.

        ### Key Entities

        - **User**: a person with an account.
        - **Member**: a person in the directory with a city.
        - **Car**: a vehicle with a plate.
        - **Order**: a purchase; has a total.
        - **Payment**: money for an order.
        """)
    assert all(e.states is None for e in model.entities), [(e.name, e.states) for e in model.entities if e.states]


def test_a_chain_naming_no_entity_is_ignored():
    model = domain("""
        # Feature Specification: Board

        ## Notes

        The flow is draft → published.

        ### Key Entities

        - **Card**: a note on a board with a title.
        """)
    assert entity(model, "Card").states is None


def test_verb_of_state():
    vocabulary = {"submit", "approve", "cancel", "bill", "close"}
    assert _verb_of_state("submitted", vocabulary) == "submit"
    assert _verb_of_state("approved", vocabulary) == "approve"
    assert _verb_of_state("cancelled", vocabulary) == "cancel"
    assert _verb_of_state("billed", vocabulary) == "bill"
    assert _verb_of_state("verified", vocabulary) == "verify"
    assert _verb_of_state("shipped", set()) == "ship"
    assert _verb_of_state("archived", set()) == "archive"
    assert _verb_of_state("rejected", set()) == "reject"
    assert _verb_of_state("checked_in", set()) == "check in"
    assert _verb_of_state("paid", set()) == "pay"
    assert _verb_of_state("pending", set()) == ""


def test_the_column_takes_the_specs_word_for_it():
    model = domain("""
        # Feature Specification: Transfers

        ## Requirements

        - **FR-001**: System MUST track transfer state: draft → shipped → received.
        - **FR-002**: Counts go open->approved->posted as their status changes.

        ### Key Entities

        - **Transfer**: stock moved between locations.
        - **Count**: a stock take of a location.
        """)
    assert entity(model, "Transfer").states.field == "state"
    assert entity(model, "Count").states.field == "status"
    assert entity(model, "Count").states.states == ["open", "approved", "posted"]


def test_a_trigger_keeps_a_double_letter_of_its_own():
    model = domain("""
        # Feature Specification: Tournaments

        ## Requirements

        - **FR-001**: System MUST track tournament status (SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED).
        - **FR-002**: Once a tournament's start date has passed, the tournament should transition to IN_PROGRESS.
        - **FR-003**: Once the organizer has cancelled it, the tournament is marked CANCELLED.

        ### Key Entities

        - **Tournament**: a competition with name, start date and status (scheduled, in progress, completed, cancelled).
        """)
    assert ("scheduled", "in_progress", "pass") in moves(model, "Tournament")
    assert ("scheduled", "cancelled", "cancel") in moves(model, "Tournament")


HOLDS = """
# Feature Specification: Holds

## Requirements

- **FR-001**: The system MUST create a temporary reservation for an item with a quantity.
- **FR-002**: Reservation status MUST be exactly one of `pending`, `confirmed`, `cancelled`, or `expired`; allowed
  transitions are pending-to-confirmed, pending-to-cancelled, and pending-to-expired.
- **FR-003**: API consumers MUST be able to confirm and cancel reservations.
- **FR-004**: Order status MUST be one of Confirmed, Preparing, On the way, Delivered or Cancelled. Changes move
  forward only: Confirmed → Preparing → On the way → Delivered.

### Key Entities

- **Item**: A stocked thing with a name and a quantity.
- **Reservation**: A hold on an item's quantity, with a quantity and an expiration time.
- **Order**: A meal someone ordered, with a total.
"""


def test_a_rule_that_a_status_must_be_one_of_values_gives_the_states_and_pairs_give_moves():
    reservation = entity(domain(HOLDS), "Reservation")
    assert reservation.states is not None
    assert reservation.states.states == ["pending", "confirmed", "cancelled", "expired"]
    assert {(t.source, t.target) for t in reservation.states.transitions} == {
        ("pending", "confirmed"), ("pending", "cancelled"), ("pending", "expired")}


def test_a_chain_step_cut_short_is_the_listed_value_it_ends():
    order = entity(domain(HOLDS), "Order")
    assert order.states.states == ["confirmed", "preparing", "on_the_way", "delivered", "cancelled"]  # no `way`
    assert ("preparing", "on_the_way") in {(t.source, t.target) for t in order.states.transitions}


def test_api_consumers_act_and_a_move_named_by_its_state_checks_its_source():
    plan = build_plan(parse_spec(textwrap.dedent(HOLDS).lstrip("\n"), "specs/001-x/spec.md"))
    routes = {f"{r.method} {r.path}" for r in plan.routes}
    assert {"POST /api/reservations/{reservation_id}/confirm", "POST /api/reservations/{reservation_id}/cancel"} <= routes
    cancel = next(m for s in plan.services for m in s.methods if m.name == "cancel_reservation")
    assert "checks the current state is pending" in cancel.steps and "moves status to cancelled" in cancel.steps
