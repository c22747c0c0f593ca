"""Audit metadata and tenancy keys in domain inference: `created_by` and friends where the spec keeps them for every
record, agent nouns (`uploader`) named for their action, tenant keys where the spec scopes data per tenant.

Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.infer import infer_domain
from analysis.plan.model import DomainModel, Entity


def domain(fixture: str) -> DomainModel:
    return infer_domain(parse_spec(textwrap.dedent(fixture).lstrip("\n"), "specs/001-x/spec.md"))


def entity(model: DomainModel, name: str) -> Entity:
    return next(e for e in model.entities if e.name == name)


def attribute_names(model: DomainModel, name: str) -> set[str]:
    return {a.name for a in entity(model, name).attributes}


def keys(model: DomainModel, name: str) -> set[tuple[str, str]]:
    return {(r.target, r.field) for r in entity(model, name).relationships if r.kind == "belongs-to"}


_AUDITED = """
    # Feature Specification: Tool Library

    ## Requirements

    - **FR-001**: System MUST track creation and modification metadata (creator, created date, last modified by,
      last modified date) for its records.
    - **FR-002**: Members MUST be able to borrow tools.

    ### Key Entities

    - **Member**: a person with an account — name, email.
    - **Tool**: an item to lend — label, condition.
    - **Shelf**: where tools are kept — code.
    """


def test_metadata_kept_for_every_record_goes_on_every_stored_entity():
    model = domain(_AUDITED)
    for name in ("Tool", "Shelf"):
        names = attribute_names(model, name)
        # `last modified by` beside `last modified date`: the time column is named like its person column.
        assert {"created_by", "last_modified_by", "created_at", "last_modified_at"} <= names, name
        assert "updated_at" not in names, name
    created_by = next(a for a in entity(model, "Tool").attributes if a.name == "created_by")
    source = created_by.sources[0].range  # the phrase in the requirement that asks for it
    line = textwrap.dedent(_AUDITED).lstrip("\n").splitlines()[source.start.line]
    assert line[source.start.character:source.end.character] == "creator"


def test_metadata_named_without_saying_it_is_kept_adds_nothing():
    model = domain("""
        # Feature Specification: Boards

        ## Requirements

        - **FR-001**: The creator of a board MUST be able to delete it.

        ### Key Entities

        - **Board**: a named set of cards — title.
        - **Card**: a note on a board — text.
        """)
    assert "created_by" not in attribute_names(model, "Card")
    assert "last_modified_by" not in attribute_names(model, "Card")


def test_every_record_with_who_changed_it():
    model = domain("""
        # Feature Specification: Notes

        ## Requirements

        - **FR-001**: Every record MUST store who created it and who last updated it.

        ### Key Entities

        - **Notebook**: a group of pages — title.
        """)
    assert {"created_by", "last_updated_by"} <= attribute_names(model, "Notebook")


def test_an_uploader_is_the_person_who_uploaded_it():
    model = domain("""
        # Feature Specification: Files

        ### Key Entities

        - **User**: a person with an account; has a display name.
        - **Attachment**: a file on a task — filename, size, uploader.
        - **Request**: a change request — summary, approver, an author.
        """)
    assert ("User", "uploaded_by") in keys(model, "Attachment")
    assert ("User", "approved_by") in keys(model, "Request")
    assert ("User", "author_id") in keys(model, "Request")  # an author is not an action's agent: keeps its noun


def test_data_scoped_per_tenant_carries_a_tenant_key():
    model = domain("""
        # Feature Specification: Shop

        ## Requirements

        - **FR-001**: Staff MUST be able to record sales.

        ### Key Entities

        - **Product**: a thing on sale — title, price.
        - **Supplier**: who delivers products — company name.

        ## Assumptions

        - Multi-tenant isolation (one tenant per shop) applies to products.
        """)
    tenant_id = next(a for a in entity(model, "Product").attributes if a.name == "tenant_id")
    assert tenant_id.sources[0].label == "Assumptions"
    assert "tenant_id" not in attribute_names(model, "Supplier")  # the sentence scopes products only


def test_data_belonging_to_an_organization_links_to_it():
    model = domain("""
        # Feature Specification: Helpdesk

        ## Requirements

        - **FR-001**: Users MUST only access tickets and tags belonging to their own organization.
        - **FR-002**: Agents MUST be able to add a reply to a ticket.

        ### Key Entities

        - **Organization**: a customer company — name.
        - **Ticket**: a support request — subject, body.
        - **Tag**: a label — text.
        - **Reply**: an agent's answer — body.
        """)
    assert ("Organization", "organization_id") in keys(model, "Ticket")
    assert ("Organization", "organization_id") in keys(model, "Tag")
    assert ("Organization", "organization_id") not in keys(model, "Reply")


def test_an_organization_the_spec_does_not_model_is_no_key():
    model = domain("""
        # Feature Specification: Wiki

        ## Requirements

        - **FR-001**: Editors MUST only see pages belonging to their own organization.

        ### Key Entities

        - **Page**: a wiki page — title, body.
        """)
    assert not any(name.startswith(("organization", "tenant")) for name in attribute_names(model, "Page"))
    assert keys(model, "Page") == set()


def test_what_people_sign_in_with_is_kept_on_their_account():
    model = domain("""
        # Feature Specification: Clinic

        ## Requirements

        - **FR-001**: Patients MUST be able to sign up with their email and username.
        - **FR-002**: Staff MUST be able to log in using a password.
        - **FR-003**: Users MUST be able to book visits with a doctor.

        ### Key Entities

        - **User**: a person with an account — display name.
        - **Visit**: a booked appointment — date.
        """)
    user = entity(model, "User")
    names = {a.name: a for a in user.attributes}
    assert {"email", "username", "password_hash"} <= set(names)
    assert names["email"].unique and names["email"].sources[0].label == "FR-001"
    assert not {"email", "username"} & attribute_names(model, "Visit")


def test_no_account_entity_means_no_credentials_invented():
    model = domain("""
        # Feature Specification: Kiosk

        ## Requirements

        - **FR-001**: Visitors MUST be able to register with an email address.

        ### Key Entities

        - **Visit**: a stop at the kiosk — date.
        """)
    assert "email" not in attribute_names(model, "Visit")


def test_a_quoted_label_before_the_noun_names_the_instance():
    model = domain("""
        # Feature Specification: Boards

        ## Requirements

        - **FR-001**: Users MUST be able to drag a card into the "Done" lane.
        - **FR-002**: Users MUST be able to add cards to a lane.

        ### Key Entities

        - **Lane**: a vertical list on the board — position.
        - **Card**: a task on a lane — text.
        """)
    name = next(a for a in entity(model, "Lane").attributes if a.name == "name")
    assert name.sources[0].label == "FR-001"
    assert "name" not in attribute_names(model, "Card")


def test_a_quote_after_a_verb_that_is_an_entity_s_name_names_nothing():
    model = domain("""
        # Feature Specification: Links

        ## Requirements

        - **FR-001**: Given an existing link in my list, When I click "Delete", Then the link is removed.
        - **FR-002**: Owners MUST be able to archive the campaign "Spring" once it ends.

        ### Key Entities

        - **Link**: a short path — slug.
        - **Click**: one visit of a link — country.
        - **Campaign**: a group of links — budget.
        """)
    assert "name" not in attribute_names(model, "Click")
    assert "name" in attribute_names(model, "Campaign")


def test_fields_listed_in_brackets_after_a_fields_noun():
    model = domain("""
        # Feature Specification: Mail relay

        ### Key Entities

        - **Relay Profile**: the non-secret connection parameters (host name, protocol, optional port). Stored locally.
        - **Invoice**: a bill with a header (customer, terms, notes) and line items.
        - **Team**: a group of people (e.g. ops, sales, support).
        """)
    assert {"host_name", "protocol", "port"} <= attribute_names(model, "RelayProfile")
    assert {"terms", "notes"} <= attribute_names(model, "Invoice")
    assert not {"ops", "sales", "support"} & attribute_names(model, "Team")  # examples, not fields
