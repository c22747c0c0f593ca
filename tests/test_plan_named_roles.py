"""Roles the spec lists by name and who acts through a means: "System MUST have four user roles: Admin, Realtor,
Affiliate, and Client" makes each a role the routes check (whatever its name looks like) and the values of the
account's `role` column; "provide a CRM for Realtors to manage leads" is the realtors'; a role one sentence gives
one operation is never handed to the operations another verb made alongside it.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from analysis.plan.model import Plan
from tests import plan_helpers

HOMES = """
## Requirements

- **FR-001**: System MUST allow Realtors to list and manage properties.
- **FR-002**: System MUST provide a CRM for Realtors to manage leads and enquiries.
- **FR-003**: System MUST allow Clients to make enquiries on properties.
- **FR-004**: System MUST allow Affiliates to view their commission statistics and request payouts.
- **FR-005**: System MUST have four user roles: Admin, Realtor, Affiliate, and Client.

### Key Entities

- **User**: Represents an individual with an account on the platform. Attributes: User ID, Name, Email, Role.
- **Property**: A real estate property. Attributes: Name, Price, Realtor ID.
- **Lead**: A potential client interested in a property. Attributes: Name, Email, Property ID.
- **Enquiry**: A question from a Client about a property. Attributes: Message, Property ID, Client ID.
- **Payout**: A payment made to an Affiliate. Attributes: Amount, Date, Status.
"""


def plan_of(body: str) -> Plan:
    return plan_helpers.plan_of(body, "Homes")


def auth_of(plan: Plan, method: str, path: str) -> str:
    return next(r.auth for r in plan.routes if r.method == method and r.path == path)


def test_roles_listed_by_name_are_the_roles_routes_check() -> None:
    plan = plan_of(HOMES)
    assert auth_of(plan, "POST", "/api/payouts") == "role:affiliate"
    assert auth_of(plan, "POST", "/api/properties") == "role:realtor"
    user = next(m for m in plan.models if m.name == "User")
    role = next(f for f in user.fields if f.name == "role")
    assert next(e for e in plan.enums if e.name == role.type).values == ["admin", "realtor", "affiliate", "client"]


def test_the_people_a_means_is_for_do_its_verb() -> None:
    plan = plan_of(HOMES)
    assert auth_of(plan, "GET", "/api/leads") == "role:realtor"


def test_a_role_one_sentence_gives_is_not_handed_to_the_verbs_siblings() -> None:
    plan = plan_of(HOMES)
    # clients make enquiries (FR-003); the leads managed alongside enquiries (FR-002) stay the realtors'
    assert "client" not in auth_of(plan, "POST", "/api/leads")
    assert "client" not in auth_of(plan, "DELETE", "/api/leads/{lead_id}")


def test_a_role_list_needs_two_names() -> None:
    plan = plan_of(HOMES.replace("- **FR-005**: System MUST have four user roles: Admin, Realtor, Affiliate, and Client.",
                                 "- **FR-005**: System MUST have user roles: Admin."))
    assert auth_of(plan, "POST", "/api/payouts") != "role:affiliate"


def test_absorbing_another_sentences_role_leaves_the_shared_roles_of_siblings_alone() -> None:
    from analysis.plan.design_routes import Operation
    from analysis.plan.model import Entity

    lead, enquiry = Entity(name="Lead", display_name="Lead"), Entity(name="Enquiry", display_name="Enquiry")
    shared = {"realtor"}  # one verb ("manage leads and enquiries") makes both with one roles set
    leads, enquiries = Operation("create", lead, roles=shared), Operation("create", enquiry, roles=shared)
    enquiries.absorb(Operation("create", enquiry, roles={"client"}))
    assert enquiries.roles == {"realtor", "client"}
    assert leads.roles == {"realtor"}


CLINIC = """
## User Scenarios & Testing

### User Story 1 - Book a visit (Priority: P1)

As a patient, I want to book an appointment with a doctor.

### User Story 2 - Encounter (Priority: P2)

As clinic staff (receptionist, nurse, doctor, pharmacist), we can process a patient visit
from check-in to diagnosis, prescription, dispensing, and visit completion in one consistent workflow.

**Acceptance Scenarios**:

1. **Given** an appointment is scheduled for today, **When** staff complete check-in, clinical notes,
   and prescription steps, **Then** a medical record with visit details is stored.

## Requirements

- **FR-001**: System MUST allow patients to create appointments.
- **FR-002**: System MUST allow doctors to issue prescriptions and allow pharmacists to update dispensing status.
- **FR-003**: Patients MUST be able to report an issue with a prescription.

### Key Entities

- **Patient**: a person receiving care, with a name and a date of birth.
- **Doctor**: a clinician with a specialization.
- **Appointment**: a scheduled encounter between a patient and a doctor.
- **Prescription**: a medication order with a dosage.
"""


def test_issuing_a_thing_makes_it_for_the_people_a_requirement_allows() -> None:
    plan = plan_of(CLINIC)
    assert auth_of(plan, "POST", "/api/prescriptions") == "role:doctor"
    # "report an issue with a prescription": the noun, no second route and no patient on the doctors' route
    assert "patient" not in auth_of(plan, "POST", "/api/prescriptions")


def test_a_hyphenated_noun_after_a_preposition_is_no_action() -> None:
    assert not any("check-in" in r.path for r in plan_of(CLINIC).routes)
