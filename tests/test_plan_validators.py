"""Rules between two columns of one model (`Entity.validators`): stated in the text, or the bounds of a range."""

from __future__ import annotations

from analysis.plan.render import render_plan
from tests.plan_helpers import entity_of, plan_of

TITLE = "Room bookings"


def _validators(body: str, name: str) -> list[str]:
    return entity_of(body, name, TITLE).validators


def test_a_stated_comparison_of_two_columns_is_a_validation_rule_with_its_source():
    body = """
    ## Requirements

    - **FR-001**: Members MUST be able to book a room.
    - **FR-002**: System MUST validate that every booking has an end time later than its start time.

    ### Key Entities

    - **Booking**: room, start time, end time, status
    """
    assert _validators(body, "Booking") == ["end_time after start_time (FR-002)"]


def test_a_refused_comparison_gives_the_opposite_rule():
    body = """
    ## Requirements

    - **FR-001**: Accountants MUST be able to create invoices.
    - **FR-002**: An invoice with a due date before its issue date is rejected.

    ### Key Entities

    - **Invoice**: number, issue date, due date, amount
    """
    assert _validators(body, "Invoice") == ["due_date on or after issue_date (FR-002)"]


def test_a_denied_comparison_gives_the_opposite_rule():
    body = """
    ## Requirements

    - **FR-001**: Accountants MUST be able to create invoices.
    - **FR-002**: System MUST check that the due date is not earlier than the issue date.
    - **FR-003**: The reserved quantity of a stock item cannot exceed the total quantity.

    ### Key Entities

    - **Invoice**: number, issue date, due date, amount
    - **Stock Item**: name, total quantity, reserved quantity
    """
    assert _validators(body, "Invoice") == ["due_date on or after issue_date (FR-002)"]
    assert _validators(body, "StockItem") == ["reserved_quantity <= total_quantity (FR-003)"]


def test_the_bounds_of_a_range_are_ordered():
    body = """
    ## Requirements

    - **FR-001**: Staff MUST be able to create time slots, leave requests and price bands.

    ### Key Entities

    - **Time Slot**: room, start time, end time
    - **Leave Request**: start date, end date, reason
    - **Price Band**: name, min price, max price
    """
    assert _validators(body, "TimeSlot") == ["end_time after start_time (the two bound one range)"]
    assert _validators(body, "LeaveRequest") == ["end_date on or after start_date (the two bound one range)"]
    assert _validators(body, "PriceBand") == ["max_price >= min_price (the two bound one range)"]


def test_a_date_range_column_is_stored_as_its_two_bounds():
    body = """
    ## Requirements

    - **FR-001**: Managers MUST be able to generate reports.

    ### Key Entities

    - **Report**: type, date range, data
    - **Blackout**: A period when rooms are closed. Attributes: reason, date time range
    """
    blackout = entity_of(body, "Blackout", TITLE)
    assert [(a.name, a.type) for a in blackout.attributes if "date" in a.name] == [
        ("start_date_time", "datetime"), ("end_date_time", "datetime")]
    report = entity_of(body, "Report", TITLE)
    names = [a.name for a in report.attributes]
    assert "date_range" not in names
    assert {"start_date", "end_date"} <= set(names)
    assert {a.type for a in report.attributes if a.name in ("start_date", "end_date")} == {"date"}
    assert report.validators == ["end_date on or after start_date (the two bound one range)"]


def test_no_rule_without_two_columns_of_one_thing_compared():
    body = """
    ## Requirements

    - **FR-001**: Members MUST be able to book a room at least 2 hours before the start time.
    - **FR-002**: Bookings MUST be confirmed before payment.
    - **FR-003**: The start time MUST be shown before the price on the receipt.

    ### Key Entities

    - **Booking**: room, start time, price, quantity
    """
    assert _validators(body, "Booking") == []


def test_the_service_checks_the_rules_on_create_and_update_and_the_model_lists_them():
    body = """
    ## Requirements

    - **FR-001**: Members MUST be able to create, edit and cancel bookings.
    - **FR-002**: System MUST validate that every booking has an end time later than its start time.

    ### Key Entities

    - **Booking**: room, start time, end time
    """
    plan = plan_of(body, TITLE)
    rule = "validates: end_time after start_time (FR-002)"
    methods = [m for service in plan.services for m in service.methods]
    assert any(rule in m.steps for m in methods if m.name.startswith("create"))
    assert any(rule in m.steps for m in methods if m.name.startswith("update"))
    assert "- **Validation rules**: end_time after start_time (FR-002)" in render_plan(plan)
