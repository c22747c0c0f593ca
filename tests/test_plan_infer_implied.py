"""Entities the spec implies without defining them: sign-in in Japanese, Korean or Chinese (an implied `User` with
the credentials people sign in with), events emitted for other systems (an outbox `Event`), sessions that expire
or are revoked (`Session`), what a spec without definitions says is stored (`rate limit counters`), lists people
manage one by one that only a story's "Independent Test" names, and Given/When/Then keywords ending a list.

Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.infer import infer_domain
from analysis.plan.model import DomainModel, Entity


def domain(body: str, title: str = "Shop") -> DomainModel:
    text = f"# Feature Specification: {title}\n\n" + textwrap.dedent(body).lstrip("\n")
    return infer_domain(parse_spec(text, "specs/001-x/spec.md"))


def names(model: DomainModel) -> list[str]:
    return [e.name for e in model.entities]


def entity(model: DomainModel, name: str) -> Entity:
    return next(e for e in model.entities if e.name == name)


def columns(model: DomainModel, name: str) -> dict[str, str]:
    return {a.name: a.type for a in entity(model, name).attributes}


# ----------------------------------------------------------------------------- sign-in in other languages

JAPANESE = """
## ユーザーシナリオ

### User Story 1 - 在庫を登録する (Priority: P1)

ユーザーは購入した品目を在庫として登録する。

## Requirements

- **FR-001**: ユーザーは品目と数量を登録できなければならない
- **FR-002**: ユーザーはメールアドレスとパスワードでアカウントを作成・ログインできなければならない
- **FR-003**: ログインしていないユーザーは在庫にアクセスできてはならない

### Key Entities

- **在庫アイテム（InventoryItem）**: 品目名、数量（正の整数）、購入日を持つ
"""


def test_japanese_sign_in_implies_a_user_with_its_credentials() -> None:
    model = domain(JAPANESE, "在庫管理")
    user = entity(model, "User")
    assert user.is_actor
    assert columns(model, "User") == {"email": "EmailStr", "password_hash": "str"}
    email = next(a for a in user.attributes if a.name == "email")
    assert email.unique and email.sources[0].label == "FR-002"
    assert "implied" in user.description


def test_one_mention_of_signing_in_is_not_enough() -> None:
    body = JAPANESE.replace("- **FR-003**: ログインしていないユーザーは在庫にアクセスできてはならない\n", "")
    assert "User" not in names(domain(body, "在庫管理"))


def test_korean_and_chinese_sign_in_imply_a_user() -> None:
    korean = """
    ## Requirements

    - **FR-001**: 사용자는 이메일과 비밀번호로 로그인할 수 있어야 한다
    - **FR-002**: 로그인하지 않은 사용자는 게시글을 작성할 수 없다

    ### Key Entities

    - **게시글（Post）**: 제목, 내용, 작성자를 가진다
    """
    model = domain(korean, "게시판")
    assert set(columns(model, "User")) >= {"email", "password_hash"}
    chinese = """
    ## Requirements

    - **FR-001**: 用户必须能够使用邮箱和密码登录
    - **FR-002**: 未登录的用户不能创建任务

    ### Key Entities

    - **任务（Task）**: 标题、描述、截止日期
    """
    model = domain(chinese, "任务")
    assert set(columns(model, "User")) >= {"email", "password_hash"}


def test_a_defined_account_is_not_duplicated() -> None:
    body = JAPANESE + "- **ユーザー（User）**: メールアドレス、名前を持つ\n"
    model = domain(body, "在庫管理")
    assert names(model).count("User") == 1


# ----------------------------------------------------------------------------- emitted events

EVENTS = """
## Requirements

- **FR-001**: Staff MUST be able to create purchase orders.
- **FR-002**: System MUST emit a structured event (consumable by downstream integrations) on PO creation, approval,
  and each receipt.

### Key Entities

- **Purchase Order**: A document with vendor, status, and total.
"""


def test_events_for_downstream_consumers_get_an_outbox_model() -> None:
    model = domain(EVENTS)
    event = entity(model, "Event")
    assert list(columns(model, "Event")) == ["event_type", "payload", "occurred_at", "published_at"]
    assert "PO creation, approval" in next(a for a in event.attributes if a.name == "event_type").description
    assert not next(a for a in event.attributes if a.name == "published_at").required
    assert event.sources[0].label == "FR-002"
    assert "outbox" in event.description


def test_events_nobody_outside_consumes_are_not_modelled() -> None:
    body = EVENTS.replace(" (consumable by downstream integrations)", "")
    assert "Event" not in names(domain(body))


def test_a_defined_event_entity_is_kept() -> None:
    body = EVENTS + "- **Domain Event**: What happened, with its payload.\n"
    model = domain(body)
    assert "Event" not in names(model) and "DomainEvent" in names(model)


# ----------------------------------------------------------------------------- sessions

SESSIONS = """
## Requirements

- **FR-001**: Customers MUST sign in with email and password.
- **FR-002**: Customers MUST be able to log out.
- **FR-003**: All authentication sessions expire after 24 hours.

### Key Entities

- **Customer**: A shopper; includes email, password, and name.
"""


def test_sessions_that_expire_are_kept_by_the_server() -> None:
    model = domain(SESSIONS)
    session = entity(model, "Session")
    assert columns(model, "Session") == {"token_hash": "str", "expires_at": "datetime", "revoked_at": "datetime"}
    assert {(r.target, r.field) for r in session.relationships if r.kind == "belongs-to"} == {("Customer", "customer_id")}
    assert next(a for a in session.attributes if a.name == "token_hash").unique


def test_revoking_sessions_counts_too() -> None:
    body = SESSIONS.replace("All authentication sessions expire after 24 hours.",
                            "Changing the password invalidates all existing sessions.")
    assert "Session" in names(domain(body))


def test_stateless_authentication_and_other_sessions_give_no_session_model() -> None:
    stateless = SESSIONS + "\n## Assumptions\n\n- Authentication is stateless (signed tokens).\n"
    assert "Session" not in names(domain(stateless))
    counting = SESSIONS.replace("All authentication sessions expire after 24 hours.",
                                "A count session expires after one day.")
    assert "Session" not in names(domain(counting))
    token = SESSIONS + "- **Refresh Token**: An active session credential with an expiry.\n"
    assert "Session" not in names(domain(token))


def test_without_accounts_no_session_is_planned() -> None:
    body = """
    ## Requirements

    - **FR-001**: Sessions expire after 30 minutes of inactivity.

    ### Key Entities

    - **Report**: A summary with title and body.
    """
    assert "Session" not in names(domain(body))


# ----------------------------------------------------------------------------- what is stored

STORED = """
## Requirements

### FR-001: Distributed limits

The system MUST use Redis as the backend for rate limit counters to keep enforcement consistent.

### FR-002: Proxies

The test verifies token is stored in the browser.
"""


def test_a_spec_without_definitions_models_what_it_stores() -> None:
    model = domain(STORED, "Rate limiting")
    assert names(model) == ["RateLimitCounter"]
    counter = entity(model, "RateLimitCounter")
    assert counter.sources[0].label.startswith("FR-001")
    assert any("what it says is stored" in note for note in model.notes)


def test_stored_phrases_need_a_noun_phrase() -> None:
    body = """
    ## Requirements

    - **FR-001**: The system MUST persist results. Storage for it is provided by the platform.
    - **FR-002**: Each reading is stored in memory only.
    """
    # `results` has no determiner before `is/are stored`; `it` is no noun; a single singular word is not enough.
    assert names(domain(body, "Sensors")) == []


def test_specs_with_definitions_do_not_read_storage_phrases() -> None:
    body = STORED + "\n### Key Entities\n\n- **Client**: A caller with an API key.\n"
    assert names(domain(body, "Rate limiting")) == ["Client"]


# ----------------------------------------------------------------------------- managed lists and list ends

MANAGED = """
## User Scenarios & Testing

### User Story 1 - Account (Priority: P1)

Customers create accounts and view purchase history.

**Independent Test**: Can be tested by creating accounts and saving payment methods.

1. **Given** a customer's cart has items, **When** they navigate away and return within 24 hours, **Then** their
   cart contents are preserved.

## Requirements

- **FR-001**: Customers MUST be able to sign in.

### Key Entities

- **Customer**: Represents site users; includes email, payment methods, and preferences.
- **Cart**: Temporary shopping container; includes line items and expiration time.
"""


def test_a_list_the_independent_test_says_people_save_becomes_a_table() -> None:
    model = domain(MANAGED)
    method = entity(model, "PaymentMethod")
    assert {(r.target, r.field) for r in method.relationships if r.kind == "belongs-to"} == {("Customer", "customer_id")}
    assert "payment_methods" not in columns(model, "Customer")


def test_without_the_independent_test_the_list_stays_a_column() -> None:
    model = domain(MANAGED.replace(" and saving payment methods", ""))
    assert "PaymentMethod" not in names(model)
    assert columns(model, "Customer")["payment_methods"] == "list[str]"


def test_when_and_then_end_a_list_of_held_things() -> None:
    assert "return" not in columns(domain(MANAGED), "Cart")


def test_plans_build_for_every_fixture() -> None:
    for body, title in ((JAPANESE, "在庫管理"), (EVENTS, "Shop"), (SESSIONS, "Shop"), (STORED, "Limits"), (MANAGED, "Shop")):
        text = f"# Feature Specification: {title}\n\n" + textwrap.dedent(body).lstrip("\n")
        plan = build_plan(parse_spec(text, "specs/001-x/spec.md"))
        assert plan.models


# ----------------------------------------------------------------------------- written-out schemas

SCHEMA = """
## Requirements

- **FR-001**: Staff MUST register a patient with name, DOB and phone; the patient is active until deactivated.
- **FR-002**: Every change MUST write an audit log entry.
- **FR-003**: Users MUST log in before registering patients.
- **FR-004**: Users MUST sign in with their staff account.

### Key Entities

- **Patient**: A person registered at the clinic.
- **Audit Log Entry**: An immutable record of one write.

## Schema

### Patient Entity — Field Specification

#### System Fields (never editable by users)

| Field | Type | Required |
|---|---|---|
| `first_name` | String | yes |
| `last_name` | String | yes |
| `date_of_birth` | Date | yes |
| `phone` | String | yes |
| `status` | String | yes |
| `created_by` | String | yes |

**`patient_audit_log` table** — immutable audit trail:

| Column | Type |
|---|---|
| `operation` | VARCHAR(20) |
| `performed_by` | VARCHAR(100) |

Every write on a patient record MUST generate an audit log entry:

| Field | Value |
|---|---|
| `changed_fields` | names of the fields changed |
"""


def test_a_named_table_belongs_to_the_entity_sharing_most_of_its_words() -> None:
    model = domain(SCHEMA, "Clinic")
    assert {"operation", "performed_by", "changed_fields"} <= set(columns(model, "AuditLogEntry"))
    assert not {"operation", "performed_by", "changed_fields"} & set(columns(model, "Patient"))


def test_a_remark_in_brackets_does_not_name_the_owner() -> None:
    model = domain(SCHEMA, "Clinic")
    assert "created_by" in columns(model, "Patient")
    assert "created_by" not in columns(model, "User")  # `users` in the heading's remark


def test_prose_adds_no_columns_to_an_entity_whose_schema_is_written_out() -> None:
    model = domain(SCHEMA, "Clinic")
    patient = columns(model, "Patient")
    assert "date_of_birth" in patient and "dob" not in patient and "is_active" not in patient
    # With a short table (a partial list), the prose still adds what it names.
    short = SCHEMA.replace("| `status` | String | yes |\n| `created_by` | String | yes |\n", "")
    assert "dob" in columns(domain(short, "Clinic"), "Patient")


# ----------------------------------------------------------------------------- questions and test notes

QUESTIONS = """
## User Scenarios & Testing

### Edge Cases

- What happens when a channel is full? [NEEDS CLARIFICATION: maximum users per channel not specified]

## Requirements

- **FR-001**: Users MUST log in with a username and password.
- **FR-002**: Users MUST sign in before joining a channel.
- **FR-003**: Administrators MUST be able to moderate channels [NEEDS CLARIFICATION: delete messages, ban users?]
- **FR-004**: System MUST deliver messages with minimal latency.

### Key Entities

- **User**: A person with an account; has username and display name.
- **Channel**: A named discussion space with name and description.
- **Message**: One communication; has content and sender.
"""


def test_open_questions_state_no_data_and_no_behaviour() -> None:
    model = domain(QUESTIONS, "Chat")
    assert not [r for r in entity(model, "User").relationships if r.target == "Channel"]
    assert "minimal_latency" not in columns(model, "Message")
    text = "# Feature Specification: Chat\n\n" + textwrap.dedent(QUESTIONS).lstrip("\n")
    plan = build_plan(parse_spec(text, "specs/001-x/spec.md"))
    assert not [r for r in plan.routes if r.method == "DELETE" and "messages" in r.path]
    row = next(r for r in plan.traceability if r.spec_id == "FR-003")
    assert "[NEEDS CLARIFICATION: delete messages, ban users?]" in row.text  # shown as written


def test_a_validation_note_after_a_requirement_is_not_behaviour() -> None:
    body = """
    ## Requirements

    ### FR-001: Limits

    The system MUST reject requests over the limit.

    **Validation:** Test with two clients showing independent rate limit counters.

    ### Key Entities

    - **Client**: A caller with an API key.
    - **Rate Limit Counter**: The count of requests of one client in one window.
    """
    text = "# Feature Specification: Limits\n\n" + textwrap.dedent(body).lstrip("\n")
    plan = build_plan(parse_spec(text, "specs/001-x/spec.md"))
    assert not [r for r in plan.routes if "counters" in r.path]


# ----------------------------------------------------------------------------- credentials in the description

def test_credentials_from_the_input_line_and_from_creating_accounts() -> None:
    body = """
    **Feature Branch**: `001-chat`
    **Created**: 2026-01-01
    **Input**: User description: "a chat app. We'll use basic username/password authentication to begin with, and web import capability"

    ## Requirements

    - **FR-001**: Users MUST be able to log in before chatting.
    - **FR-002**: Users MUST sign in to see channels.

    ### Key Entities

    - **User**: a person with an account and profile information.
    - **Channel**: a named discussion space.
    """
    model = domain(body, "Chat")
    assert {"username", "password_hash"} <= set(columns(model, "User"))
    assert next(a for a in entity(model, "User").attributes if a.name == "username").sources[0].label == "Input"
    # The description is read for credentials only: its informal wording adds no other column.
    assert not any("import" in name for e in model.entities for name in columns(model, e.name))
    created = body.replace("basic username/password authentication", "a simple setup").replace(
        "Users MUST be able to log in before chatting.", "System MUST allow users to create accounts with email and password")
    assert {"email", "password_hash"} <= set(columns(domain(created, "Chat"), "User"))


# ----------------------------------------------------------------------------- groups named but not spelled out

def test_a_named_group_of_columns_becomes_the_columns_it_usually_holds_as_an_assumption() -> None:
    body = """
    ## Requirements

    - **FR-001**: Patients MUST be able to create profiles.

    ### Key Entities

    - **Patient**: a person seeking care, with medical history, personal information and contact details.
    - **Clinic**: a place of care, with name, personal information and profile information.
    """
    model = domain(body, "Clinic")
    patient = columns(model, "Patient")
    assert {"first_name": "str", "last_name": "str", "date_of_birth": "date", "email": "EmailStr",
            "phone": "str"}.items() <= patient.items()
    assert "personal_information" not in patient and "contact_details" not in patient
    born = next(a for a in entity(model, "Patient").attributes if a.name == "date_of_birth")
    assert not born.required and "assumed for 'personal information'" in born.description
    # Personal information is a person's; a place keeps the words as they are.
    clinic = columns(model, "Clinic")
    assert "first_name" not in clinic and "display_name" in clinic
    text = "# Feature Specification: Clinic\n\n" + textwrap.dedent(body).lstrip("\n")
    plan = build_plan(parse_spec(text, "specs/001-x/spec.md"))
    assert any(a.startswith("Patient's 'personal information' is not spelled out") and "`date_of_birth`" in a
               for a in plan.assumptions)


# ----------------------------------------------------------------------------- what people write about a thing

SHOP = """
## Requirements

- **FR-001**: System MUST display product catalog with name, price, images, and customer reviews.
- **FR-002**: System MUST degrade gracefully when non-critical services fail (recommendations, reviews).
- **FR-003**: Customers MUST sign in with email and password.
- **FR-004**: Customers MUST log in to buy.

### Key Entities

- **Product**: an item for sale.
- **Customer**: a person who buys; has email and password.
"""


def test_reviews_people_write_about_a_thing_are_rows_of_the_thing_and_the_author() -> None:
    model = domain(SHOP)
    review = entity(model, "Review")
    assert {(r.target, r.field) for r in review.relationships if r.kind == "belongs-to"} == {
        ("Product", "product_id"), ("Customer", "customer_id")}
    assert "implied" in review.description
    # `product catalog with name, price, ...` lists the product's columns.
    assert {"name", "price"} <= set(columns(model, "Product"))


def test_a_noun_in_a_list_is_no_verb_that_makes_a_thing() -> None:
    text = "# Feature Specification: Shop\n\n" + textwrap.dedent(SHOP).lstrip("\n")
    plan = build_plan(parse_spec(text, "specs/001-x/spec.md"))
    assert not [r for r in plan.routes if "reviews" in r.path]  # `(recommendations, reviews)` asks for nothing


def test_things_people_hold_are_not_authored_rows() -> None:
    body = SHOP.replace("and customer reviews", "and customer details")
    assert "Detail" not in names(domain(body))


# ----------------------------------------------------------------------------- prose that is no column

def test_values_after_a_field_name_success_criteria_capabilities_and_choices_are_no_columns() -> None:
    body = """
    ## User Scenarios & Testing

    ### User Story 1 - Track assets (Priority: P1)

    Managers track physical assets with unique serial numbers and status management.

    1. **Given** a manager, **When** they open the dashboard, **Then** they see assets with overdue or upcoming maintenance.

    ## Requirements

    - **FR-001**: System MUST prevent bookings for assets with status: In Use, Broken, Sold.
    - **SC-001**: Users can create a new asset with custom category and fields in under 60 seconds.

    ### Key Entities

    - **Asset**: a physical item with name, status and a medical history with versioning support.
    """
    model = domain(body, "Assets")
    asset = columns(model, "Asset")
    assert "broken" not in asset and "sold" not in asset  # values of `status`, not columns
    status = next(a for a in entity(model, "Asset").attributes if a.name == "status")
    assert {"in use", "broken", "sold"} <= {v.casefold().replace("_", " ") for v in status.enum_values}
    assert "custom_category" not in asset  # only a success criterion says it
    assert "status_management" not in asset  # what the system does, not data
    assert not any("_or_" in name for name in asset)  # `overdue or upcoming maintenance`
    assert "medical_history" in asset  # `... with versioning support` qualifies a column, it does not remove it


def test_clauses_are_no_column_names() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to view events.

    ### Key Entities

    - **Event**: a gathering with title, showing title, holding a media ref, and attributes including age.
    """
    event = columns(domain(body, "Events"), "Event")
    assert "title" in event
    assert not {"showing_title", "holding_a_media_ref", "attributes_including_age"} & set(event)


# ----------------------------------------------------------------------------- credentials people sign in with

RENTALS = """
## User Scenarios & Testing

### User Story 1 - See income (Priority: P1)

1. **Given** I am a logged-in landlord, **When** I open the dashboard, **Then** I see my total income

## Requirements

- **FR-001**: System MUST display total rent income.
- **FR-002**: System MUST provide a secure login mechanism for landlords.
- **SC-001**: Landlords can see the dashboard within 3 seconds of login.

### Key Entities

- **Rent Entry**: one rental period, with income and number of days.
"""


def test_the_people_who_log_in_named_after_it_imply_an_account() -> None:
    model = domain(RENTALS)
    assert "User" in names(model)
    assert entity(model, "User").is_actor


def test_an_account_without_credentials_gets_the_usual_ones_as_an_assumption() -> None:
    model = domain(RENTALS)
    assert columns(model, "User") | {"email": "EmailStr", "password_hash": "str"} == columns(model, "User")
    email = next(a for a in entity(model, "User").attributes if a.name == "email")
    assert email.unique and "assumed" in email.description
    plan = build_plan(parse_spec("# Feature Specification: Rent\n\n" + textwrap.dedent(RENTALS), "specs/001-x/spec.md"))
    assert any("sign-in" in assumption and "`password_hash`" in assumption for assumption in plan.assumptions)


def test_credentials_the_spec_names_are_not_doubled_by_assumed_ones() -> None:
    body = RENTALS.replace("a secure login mechanism for landlords.",
                           "a secure login mechanism for landlords, who log in with a username and password.")
    found = columns(domain(body), "User")
    assert "username" in found and "password_hash" in found and "email" not in found


def test_sign_in_through_another_identity_provider_assumes_no_password() -> None:
    for provider in ("sign in with Google", "log in through our company SSO", "OAuth 2.0 login"):
        body = RENTALS.replace("a secure login mechanism for landlords", f"landlords to {provider} as a login mechanism "
                               "for landlords")
        found = columns(domain(body), "User")
        assert "password_hash" not in found, provider


def test_sign_in_with_someone_elses_accounts_assumes_no_password() -> None:
    body = RENTALS + "\n## Assumptions\n\n- People sign in with the organisation's existing accounts.\n"
    assert "password_hash" not in columns(domain(body), "User")


SOCIAL = """
## Requirements

- **FR-001**: Users MUST be able to log in with Facebook or Google.
- **FR-002**: Users MUST be able to create lists and share them.

### Key Entities

- **User**: a person who signs in, with a display name.
- **List**: a named list of wishes.
"""


def _routes(body: str) -> set[str]:
    plan = build_plan(parse_spec("# Feature Specification: Lists\n\n" + textwrap.dedent(body), "specs/001-x/spec.md"))
    return {f"{route.method} {route.path}" for route in plan.routes}


def test_sign_in_through_named_providers_is_a_redirect_and_a_callback_per_provider() -> None:
    model = domain(SOCIAL)
    assert model.external_sign_in is not None
    assert model.external_sign_in.providers == ["Facebook", "Google"]
    assert [source.label for source in model.external_sign_in.sources] == ["FR-001"]
    routes = _routes(SOCIAL)
    assert {"GET /api/auth/login/{provider}", "GET /api/auth/callback/{provider}"} <= routes
    # The provider keeps the credentials: no password sign-in or sign-up of our own.
    assert "POST /api/auth/login" not in routes and "POST /api/auth/register" not in routes


def test_sign_in_through_one_protocol_is_one_redirect_and_its_callback() -> None:
    body = SOCIAL.replace("log in with Facebook or Google", "sign in through the company SSO")
    model = domain(body)
    assert model.external_sign_in is not None and model.external_sign_in.protocol == "SSO"
    assert model.external_sign_in.providers == []
    routes = _routes(body)
    # (the spec's word, "sign in", names the redirect; no password sign-in beside the SSO)
    assert {"GET /api/auth/signin", "GET /api/auth/callback"} <= routes
    assert not routes & {"POST /api/auth/login", "POST /api/auth/signin"}
    plan = build_plan(parse_spec("# Feature Specification: Lists\n\n" + textwrap.dedent(body), "specs/001-x/spec.md"))
    callback = next(route for route in plan.routes if route.path == "/api/auth/callback")
    assert [param.name for param in callback.query] == ["code", "state"] and not callback.request
    assert 502 in {error.status for error in callback.errors}  # the provider is a named external system
    assert any(assumption.startswith("GET /api/auth/callback") for assumption in plan.assumptions)


def test_passwords_beside_a_provider_keep_the_password_flows() -> None:
    body = SOCIAL.replace("log in with Facebook or Google.",
                          "register with email and password, or sign in with Google.\n"
                          "- **FR-003**: Users MUST be able to reset a forgotten password.")
    routes = _routes(body)
    # (the spec says "sign in" more often than "log in": both sign-in routes take its word)
    assert {"POST /api/auth/register", "POST /api/auth/signin", "GET /api/auth/signin", "GET /api/auth/callback"} <= routes


def test_password_sign_up_said_beside_the_provider_keeps_the_password_flows() -> None:
    body = SOCIAL.replace("log in with Facebook or Google.",
                          "register with email/password or with Google OAuth.")
    model = domain(body)
    assert model.external_sign_in is not None and model.external_sign_in.passwords
    assert {"POST /api/auth/register", "GET /api/auth/login", "GET /api/auth/callback"} <= _routes(body)
    # "no passwords": the provider only.
    body = SOCIAL.replace("log in with Facebook or Google.", "log in with Google; we keep no passwords.")
    assert not domain(body).external_sign_in.passwords


def test_a_provider_refused_or_left_for_later_is_no_redirect() -> None:
    for said in ("log in with email and password (no SSO)", "log in with email and password; Google login comes later"):
        body = SOCIAL.replace("log in with Facebook or Google", said)
        assert domain(body).external_sign_in is None, said
        assert "POST /api/auth/login" in _routes(body), said


def test_an_account_people_sign_in_to_in_several_roles_has_a_role_column() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to log in with email and password; users log in to order.
    - **FR-002**: Administrators MUST be able to create products.
    - **FR-003**: A new user MUST be able to browse products.

    ### Key Entities

    - **User**: a person with an account who can log in, with an email.
    - **Product**: an item for sale, with a price.
    """
    model = domain(body)
    role = next(a for a in entity(model, "User").attributes if a.name == "role")
    assert role.enum_values == ["user", "administrator"] and role.default == "user"


def test_a_role_modelled_as_its_own_entity_gives_no_role_column() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to log in with email and password; users log in to order.
    - **FR-002**: Administrators MUST be able to create products.

    ### Key Entities

    - **User**: a person with an account who can log in, with an email.
    - **Role**: a named set of permissions a user holds.
    - **Product**: an item for sale, with a price.
    """
    assert "role" not in columns(domain(body), "User")


def test_deactivation_reuses_an_active_column_the_spec_lists():
    body = """
    ## Requirements

    - **FR-001**: Admins MUST be able to create, rename and deactivate task types.

    ### Key Entities

    - **TaskType**: id, name, active (bool), createdAt
    """
    found = columns(domain(body, "Task types"), "TaskType")
    assert found["active"] == "bool" and "is_active" not in found
