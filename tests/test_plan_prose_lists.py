"""Columns a requirement lists for an entity's details: "edit business profile details including legal name, display
name, registered address, primary phone, and primary email, with validation for required fields" gives those five
columns (what is done with the list is none of them).

Inline fixtures written for these tests.
"""

from __future__ import annotations

from tests import plan_helpers

SETTINGS = """
## Requirements

- **FR-001**: System MUST let authorized users edit business profile details including legal name, display name,
  registered address, primary phone, and primary email, with validation for required fields.

### Key Entities

- **Business Profile**: Represents the organization's identity shown on documents.
"""


def test_the_details_a_requirement_lists_are_the_entitys_columns() -> None:
    names = [a.name for a in plan_helpers.entity_of(SETTINGS, "BusinessProfile", "Settings").attributes]
    assert {"legal_name", "display_name", "registered_address", "primary_phone", "primary_email"} <= set(names)
    assert "validation" not in names


AGGREGATE = """
## Requirements

- **FR-001**: System MUST provide an API endpoint to reserve inventory for a product.

### Domain Model

#### Aggregate: Inventory
- **Aggregate Root**: Inventory (identified by ProductId)
- **State**:
  - ProductId: string (unique identifier)
  - TotalQuantity: integer (total stock on hand)
  - ReservedQuantity: integer (stock held for pending orders)
- **Derived State**:
  - AvailableQuantity: integer = TotalQuantity - ReservedQuantity
- **Invariants**:
  - AvailableQuantity ≥ 0 (cannot have negative available stock)
"""


def test_field_bullets_under_a_label_bullet_are_columns_and_the_labels_are_not() -> None:
    names = [a.name for a in plan_helpers.entity_of(AGGREGATE, "Inventory", "Stock").attributes]
    assert {"product_id", "total_quantity", "reserved_quantity", "available_quantity"} <= set(names)
    assert not {"state", "derived_state", "invariants", "aggregate_root"} & set(names)


def test_a_possessor_in_a_listed_item_is_a_link_and_the_rest_is_the_column() -> None:
    body = """
        ## Requirements

        - **FR-001**: Doctors MUST be able to view medical records.

        ### Key Entities

        - **Patient**: a person receiving care, with a name.
        - **Medical Record**: Contains patient's chronological health information and version history.
    """
    record = plan_helpers.entity_of(body, "MedicalRecord", "Clinic")
    assert any(r.kind == "belongs-to" and r.target == "Patient" for r in record.relationships)
    names = [a.name for a in record.attributes]
    assert "chronological_health_information" in names and "patient_chronological_health_information" not in names


LINKS = """
## Requirements

- **FR-001**: Visitors MUST be able to open a short link.

### Key Entities

- **Short Link**: A shortened address
  - Original long URL
  - Analytics token (random, used to read stats)
- **Visit**: One opening of a short link
  - Short link reference
  - Timestamp of visit
  - Device type (mobile, desktop, tablet)
  - User agent string
  - IP address
- **Reminder**: A single nudge with properties including description text and creation timestamp
"""


def test_plain_bullets_nested_under_a_definition_are_its_columns() -> None:
    visit = plan_helpers.entity_of(LINKS, "Visit", "Links")
    names = {a.name: a for a in visit.attributes}
    assert {"visited_at", "device_type", "user_agent", "ip_address"} <= set(names)
    assert ("belongs-to", "ShortLink") in [(r.kind, r.target) for r in visit.relationships]
    assert names["visited_at"].type == "datetime"
    assert names["device_type"].enum_values == ["mobile", "desktop", "tablet"]
    link = plan_helpers.entity_of(LINKS, "ShortLink", "Links")
    assert {"original_long_url", "analytics_token"} <= {a.name for a in link.attributes}


def test_properties_including_a_list_and_a_type_word_after_the_name() -> None:
    note = plan_helpers.entity_of(LINKS, "Reminder", "Links")
    names = {a.name: a for a in note.attributes}
    assert "description" in names and names["description"].type == "text"
    assert "created_at" in names
    assert not any("properties" in name for name in names)


INVOICES = """
## Requirements

- **FR-001**: Users MUST be able to create an invoice with line items (description, quantity, unit price).

### Key Entities

- **Invoice**: a bill sent to a customer, with a number, a status (draft, sent, paid), line items and totals.
- **Invoice Item**: a billed entry within one invoice, with a description, a quantity and a unit price.
"""


def test_line_items_of_a_document_are_the_item_entity_the_spec_defines() -> None:
    domain = plan_helpers.infer_domain(plan_helpers.parse_spec(plan_helpers.spec_of(INVOICES, "Billing"),
                                                               plan_helpers.PATH))
    names = [e.name for e in domain.entities]
    assert "InvoiceItem" in names and "InvoiceLineItem" not in names
    item = next(e for e in domain.entities if e.name == "InvoiceItem")
    assert ("belongs-to", "Invoice") in [(r.kind, r.target) for r in item.relationships]


def test_a_status_with_its_value_and_the_things_own_fields_are_no_columns() -> None:
    body = """
    ## Requirements

    - **FR-001**: The system MUST create each new invoice with status Draft, an issue date and a due date.
    - **FR-002**: The system MUST show an invoice with every required invoice field and its custom fields.

    ### Key Entities

    - **Invoice**: a bill sent to a customer, with a number and a status (draft, sent, paid).
    """
    names = [a.name for a in plan_helpers.entity_of(body, "Invoice", "Billing").attributes]
    assert {"issue_date", "due_date", "status"} <= set(names)
    assert "status_draft" not in names and "invoice_field" not in names
