"""Child tables inferred from lists. A document's lines: `line items (SKU, ordered qty, unit cost)`, `lines`, and
`with lines carrying reason code, disposition` give `<Document>LineItem` / `<Document>Line` rows keyed to the document,
with the listed columns. A list people manage one by one (`saved addresses` that stories `save`) becomes a table of its
own. Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.infer import infer_domain
from analysis.plan.model import DomainModel, Entity


def domain(body: str) -> DomainModel:
    text = "# Feature Specification: Purchasing\n\n" + textwrap.dedent(body).lstrip("\n")
    return infer_domain(parse_spec(text, "specs/001-x/spec.md"))


def entity(model: DomainModel, name: str) -> Entity | None:
    return next((e for e in model.entities if e.name == name), None)


SPEC = """
### Key Entities

- **Item**: a product the shop stocks, with a code.
- **Purchase Order**: a document sent to a supplier with a header (supplier, notes) and line items (item, ordered
  qty, unit cost).
- **Return**: a document tied to a sale with lines carrying reason code, disposition, and a refund amount.
- **Transfer**: a move of stock. Carries source, destination, lines, and a reason.
"""


def test_line_items_with_columns_are_a_child_table_keyed_to_the_document():
    model = domain(SPEC)
    line = entity(model, "PurchaseOrderLineItem")
    assert line is not None
    assert ("PurchaseOrder", "purchase_order_id", True) in {(r.target, r.field, r.ownership) for r in line.relationships}
    assert ("Item", "item_id") in {(r.target, r.field) for r in line.relationships}
    assert {"ordered_qty", "unit_cost"} <= {a.name for a in line.attributes}
    order = entity(model, "PurchaseOrder")
    assert not any(a.name in ("line_items", "header") for a in order.attributes)
    assert "notes" in {a.name for a in order.attributes}


def test_lines_carrying_columns_keep_those_columns_off_the_document():
    model = domain(SPEC)
    line = entity(model, "ReturnLine")
    assert line is not None and {"reason_code", "disposition", "refund_amount"} <= {a.name for a in line.attributes}
    assert not {"reason_code", "disposition"} & {a.name for a in entity(model, "Return").attributes}


def test_bare_lines_make_an_empty_child_and_no_list_column():
    model = domain(SPEC)
    assert entity(model, "TransferLine") is not None
    assert "lines" not in {a.name for a in entity(model, "Transfer").attributes}


def test_a_list_people_manage_one_by_one_becomes_a_child_table():
    model = domain("""
        ## User Scenarios & Testing

        ### User Story 1 - Addresses (Priority: P1)

        Customers save addresses and view past orders.

        ### Key Entities

        - **Customer**: a buyer with an email, saved addresses and favourite colours.
        """)
    address = entity(model, "Address")
    assert address is not None
    assert ("Customer", "customer_id", True) in {(r.target, r.field, r.ownership) for r in address.relationships}
    columns = {a.name for a in entity(model, "Customer").attributes}
    assert "saved_addresses" not in columns and "addresses" not in columns
    assert "favourite_colours" in columns  # nobody manages them one by one: a column
    assert entity(model, "FavouriteColour") is None
