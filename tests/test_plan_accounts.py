"""What a password sign-in needs on the account, and the references a definition's list items make.

- A plan with a password sign-in or sign-up keeps what it checks on the account: a sign-in name (`email` unless the
  account has a username or phone), unique, and the password's hash. A `password` the spec lists is stored as
  `password_hash`. A sign-in by username takes `username` on the sign-in route.
- The one entity named for members or users (`Team Member`) holds the accounts when no User/Account/Member does:
  people in roles (`author`, `assignee`) are keys to it.
- `association to one task` and `team association` are references, not text columns.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from analysis.plan.model import Model, Plan
from tests import plan_helpers
from tests.plan_helpers import route_keys


def plan_of(body: str) -> Plan:
    return plan_helpers.plan_of(body, "Memos")


def model(plan: Plan, name: str) -> Model:
    return next(m for m in plan.models if m.name == name)


def columns(plan: Plan, name: str) -> dict[str, object]:
    return {f.name: f for f in model(plan, name).fields if not f.relationship}


SIGN_IN_NO_CREDENTIALS = """
## Requirements

- **FR-001**: Users MUST be able to log in to see their memos.
- **FR-002**: Users MUST be able to create memos with a title and a body.

### Key Entities

- **User**: a person who writes memos; has an email and a display name.
- **Memo**: a title and a body, written by a user.
"""


def test_a_password_sign_in_keeps_an_email_and_a_password_hash_on_the_account() -> None:
    plan = plan_of(SIGN_IN_NO_CREDENTIALS)
    assert "POST /api/auth/login" in route_keys(plan)
    user = columns(plan, "User")
    assert user["email"].unique and user["email"].type == "EmailStr"
    assert user["password_hash"].type == "str"
    assert "password" not in user
    assert any(index.fields == ["email"] and index.unique for index in model(plan, "User").indexes)
    assert any("User.password_hash" in text for text in plan.assumptions)
    assert any("User.email" in text and "unique" in text for text in plan.assumptions)
    # the things people write do not get credentials
    assert "password_hash" not in columns(plan, "Memo")


LISTED_PASSWORD = """
## Requirements

- **FR-001**: Users MUST be able to log in and change their password.

### Key Entities

- **User**: a person with a username, a password and a role.
"""


def test_a_listed_password_is_stored_as_its_hash() -> None:
    user = columns(plan_of(LISTED_PASSWORD), "User")
    assert "password" not in user
    assert "hash" in user["password_hash"].description
    assert user["username"].unique


USERNAME_SIGN_IN = """
## Requirements

- **FR-001**: System MUST let members log in.
- **FR-002**: Members MUST be able to create memos with a title.

### Key Entities

- **Member**: a person with a username and a display name.
- **Memo**: a title, written by a member.
"""


def test_an_account_signed_in_to_by_username_makes_it_unique_and_the_route_takes_it() -> None:
    plan = plan_of(USERNAME_SIGN_IN)
    member = columns(plan, "Member")
    assert "email" not in member
    assert member["username"].unique
    login = next(r for r in plan.routes if r.path.endswith("/auth/login"))
    assert [p.name for p in login.request] == ["username", "password"]
    assert any("username" in e.when for e in login.errors)
    # the shared default of the route is untouched: another plan still signs in by email
    other = next(r for r in plan_of(SIGN_IN_NO_CREDENTIALS).routes if r.path.endswith("/auth/login"))
    assert [p.name for p in other.request] == ["email", "password"]


NO_SIGN_IN = """
## Requirements

- **FR-001**: Users MUST be able to create memos with a title.

### Key Entities

- **User**: a person who writes memos; has an email and a display name.
- **Memo**: a title, written by a user.
"""


def test_without_a_sign_in_flow_the_account_gets_no_credentials() -> None:
    plan = plan_of(NO_SIGN_IN)
    assert not any("/auth/" in key for key in route_keys(plan))
    user = columns(plan, "User")
    assert "password_hash" not in user and not user["email"].unique


TEAM_MEMBERS = """
## Requirements

- **FR-001**: The system MUST allow authenticated team members to create a task with a title and an assignee.
- **FR-002**: The system MUST allow every authenticated member of the task's team to comment on the task.

### Key Entities

- **Task**: a work item with a title, creator, assignee and team association.
- **Comment**: a message with text, author, and association to one task.
- **Team Member**: an authenticated person who belongs to a team.
"""


def test_people_in_roles_are_keys_to_the_one_entity_named_for_members() -> None:
    plan = plan_of(TEAM_MEMBERS)
    comment, task = columns(plan, "Comment"), columns(plan, "Task")
    assert comment["author_id"].foreign_key == "TeamMember.id"
    assert task["assignee_id"].foreign_key == "TeamMember.id"
    assert "author" not in comment and "assignee" not in task


def test_an_association_to_one_record_is_a_key_to_it() -> None:
    plan = plan_of(TEAM_MEMBERS)
    comment, task = columns(plan, "Comment"), columns(plan, "Task")
    assert comment["task_id"].foreign_key == "Task.id"
    assert "association" not in comment
    # to a thing the spec does not model: the key it is known by
    assert "team_id" in task and task["team_id"].foreign_key is None
    assert "team_association" not in task


def test_members_of_a_records_team_are_not_members_of_the_record() -> None:
    plan = plan_of(TEAM_MEMBERS)
    assert "TaskMember" not in {m.name for m in plan.models}


ROLES_IN_A_CHINESE_LIST = """
## Requirements

- **FR-001**: 系統 MUST 允許客戶建立工單。

### Key Entities

- **User**: 具備 email 與顯示名稱。
- **Ticket**: 包含 title、status、assignee 與建立時間。
- **Reply**: 包含 author、content 與建立時間。
"""


def test_a_person_in_a_role_in_a_chinese_list_is_a_key_to_the_accounts() -> None:
    plan = plan_of(ROLES_IN_A_CHINESE_LIST)
    ticket, reply = columns(plan, "Ticket"), columns(plan, "Reply")
    assert ticket["assignee_id"].foreign_key == "User.id" and "assignee" not in ticket
    assert reply["author_id"].foreign_key == "User.id" and "author" not in reply


CUSTOMERS_AS_A_ROLE = """
## Requirements

- **FR-001**: Customers MUST be able to raise tickets with a title.
- **FR-002**: Agents MUST be able to close tickets.

### Key Entities

- **User**: a person with an email and a role (customer, agent, admin).
- **Ticket**: title, status, customer.
"""


def test_a_column_named_for_one_of_the_specs_kinds_of_people_is_a_key_to_the_accounts() -> None:
    ticket = columns(plan_of(CUSTOMERS_AS_A_ROLE), "Ticket")
    assert ticket["customer_id"].foreign_key == "User.id" and "customer" not in ticket


OWN_PROFILE = """
## Requirements

- **FR-001**: Users MUST be able to log in with email and password.
- **FR-002**: System MUST generate JWT access and refresh tokens with configurable expiry.
- **FR-003**: System MUST provide profile read/update for authenticated users.

### Key Entities

- **User**: id, email, display name, time zone, role, is verified
- **Refresh Token**: id, user id, token hash, expires at
"""


def test_reading_and_updating_ones_own_profile_is_the_signed_in_account_not_a_list_of_accounts() -> None:
    plan = plan_of(OWN_PROFILE)
    keys = route_keys(plan)
    assert {"GET /api/auth/me", "PATCH /api/auth/me"} <= keys
    assert "GET /api/users" not in keys  # "for authenticated users" says whom it serves, not what is read
    update = next(r for r in plan.routes if r.method == "PATCH" and r.path == "/api/auth/me")
    assert update.auth == "authenticated" and update.response == "User"
    # the columns a person edits on their profile, never their credentials or what grants access
    assert [p.name for p in update.request] == ["display_name", "time_zone"]
    assert all(not p.required for p in update.request)


def test_access_and_refresh_tokens_are_nouns_and_the_auth_flows_own_the_tokens_they_issue() -> None:
    plan = plan_of(OWN_PROFILE + "\n- **FR-004**: As a user, I can register, log in, refresh tokens and log out.\n")
    keys = route_keys(plan)
    assert "POST /api/auth/refresh" in keys
    assert not any("/refresh-tokens" in key for key in keys)


def test_a_profile_update_is_not_planned_twice_when_people_may_update_their_account_by_id() -> None:
    plan = plan_of(OWN_PROFILE.replace("- **FR-003**: System MUST provide profile read/update for authenticated users.",
                                       "- **FR-003**: Users MUST be able to update their profile.\n"
                                       "- **FR-005**: Users MUST be able to update their own user account."))
    keys = route_keys(plan)
    update = next(r for r in plan.routes if r.method == "PUT" and r.path == "/api/users/{user_id}")
    assert not update.auth.startswith("role:")
    assert "GET /api/auth/me" in keys and "PATCH /api/auth/me" not in keys


def test_an_admin_only_account_update_does_not_replace_ones_own_profile_update() -> None:
    plan = plan_of(OWN_PROFILE.replace("- **FR-003**: System MUST provide profile read/update for authenticated users.",
                                       "- **FR-003**: Users MUST be able to update their profile.\n"
                                       "- **FR-005**: Administrators MUST be able to update users."))
    by_id = next(r for r in plan.routes if r.method == "PUT" and r.path == "/api/users/{user_id}")
    assert by_id.auth.startswith("role:")
    own = next(r for r in plan.routes if r.method == "PATCH" and r.path == "/api/auth/me")
    assert own.auth == "authenticated"


def test_a_password_reset_record_gets_no_routes_beside_the_reset_flow() -> None:
    body = """
## Requirements

- **FR-001**: System MUST allow users to register and log in with email and password.
- **FR-002**: System MUST allow users to request password reset via email.
- **FR-003**: Administrators MUST be able to view password reset requests.

### Key Entities

- **User**: id, email, hashed password
- **Password Reset**: a reset request with a token, its expiry and whether it was used
"""
    keys = route_keys(plan_of(body.replace("- **FR-003**: Administrators MUST be able to view password reset requests.\n", "")))
    assert {"POST /api/auth/password-reset", "POST /api/auth/password-reset/confirm"} <= keys
    assert not any("/password-resets" in key for key in keys)
    # a statement of its own about the records keeps its route
    kept = route_keys(plan_of(body))
    assert any(key.startswith("GET /api/password-resets") for key in kept)
    assert not any(key.startswith("POST /api/password-resets") for key in kept)


def test_profiles_of_other_kinds_of_people_are_not_the_signed_in_account() -> None:
    plan = plan_of("""
## Requirements

- **FR-001**: Users MUST be able to log in with email and password.
- **FR-002**: Clinicians MUST be able to update a patient profile.

### Key Entities

- **User**: id, email, display name
- **Patient Profile**: id, name, date of birth
""")
    assert "PATCH /api/auth/me" not in route_keys(plan)


def test_a_password_named_in_a_scenario_beside_the_hash_is_never_a_column() -> None:
    plan = plan_of("""
## User Scenarios & Testing

### User Story 1 - Log in (Priority: P1)

A registered user signs in with their email and password.

**Acceptance Scenarios**:

1. **Given** a registered user with correct credentials, **When** they log in, **Then** they receive a token.
2. **Given** a registered user with an incorrect password, **When** they attempt to log in, **Then** the system
   rejects the request.

## Requirements

- **FR-001**: Users MUST be able to register and log in with email and password.

### Key Entities

- **User**: id, email, password hash, display name
""")
    names = set(columns(plan, "User"))
    assert "password_hash" in names and "password" not in names


HR = """
## User Scenarios & Testing

### User Story 1 - HR journeys (Priority: P1)

HR managers post job openings; employees see their onboarding tasks.

**Acceptance Scenarios**:

1. **Given** a new employee is hired, **When** I log in as an HR Manager, **Then** I can assign onboarding tasks.
2. **Given** I am a new hire, **When** I log in, **Then** I see a list of my onboarding tasks.

## Requirements

- **FR-001**: The system MUST provide user roles: HR Manager, Employee.
- **FR-002**: The system MUST allow HR Managers to create onboarding tasks.
- **FR-003**: The system MUST allow Employees to view and complete their onboarding tasks.

### Key Entities

- **User**: a person with an account and a role.
- **Onboarding Task**: a task a new employee completes, with a title and a due date.
"""


def test_journeys_that_start_by_signing_in_plan_the_sign_in_when_routes_check_roles() -> None:
    assert "POST /api/auth/login" in route_keys(plan_of(HR))


def test_one_scenario_that_signs_in_is_not_enough() -> None:
    one = HR.replace("2. **Given** I am a new hire, **When** I log in, **Then** I see a list of my onboarding tasks.\n", "")
    assert "POST /api/auth/login" not in route_keys(plan_of(one))


def test_an_account_made_at_setup_has_no_route() -> None:
    body = """
    ## Requirements

    - **FR-001**: Customers MUST be able to sign up with an email and a password; each account has one email.
    - **FR-002**: Admins MUST be able to list orders. The account of a customer sees their orders; an account is private.
    - **FR-003**: The first admin account MUST be created from environment settings, never from a public sign-up.
    - **FR-004**: Default categories MUST be loaded by a seed script.

    ### Key Entities

    - **Customer Account**: a person who orders, with an email and a role (customer, admin).
    - **Order**: what a customer bought, with a total.
    - **Category**: a group of menu items, with a name.
    """
    keys = route_keys(plan_helpers.plan_of(body, "Shop"))
    assert "POST /api/auth/signup" in keys  # (the spec's word: "sign up")
    assert not any("/accounts" in key or "/customer-accounts" in key or "/categories" in key for key in keys)


def test_a_question_about_passwords_and_a_services_credentials_ask_for_no_account_flow() -> None:
    body = """
    ## User Scenarios & Testing

    ### User Story 1 - Answer a support email (Priority: P1)

    A customer sends an email to support asking how to reset their password. The agent finds the answer and replies.

    ## Requirements

    - **FR-001**: Agents MUST be able to list tickets.
    - **FR-002**: System MUST store all API keys and database credentials in environment variables.

    ### Key Entities

    - **Ticket**: a customer's request, with a subject and a status (open, closed).
    """
    keys = route_keys(plan_helpers.plan_of(body, "Support"))
    assert "GET /api/tickets" in keys
    assert not any("/auth/" in key for key in keys)


AUTHENTICATED_ONLY = """
## User Scenarios & Testing

### User Story 1 - Tickets (Priority: P1)

A lead creates tickets. A ticket is assigned to one or more users.

**Acceptance Scenarios**:

1. **Given** a ticket has been created and assigned, **When** a user opens the activity history, **Then** they see
   one entry for creation and one for assignment — each with actor name and timestamp.
2. **Given** the ticket list is open, **When** a user filters by a specific assignee, **Then** only those tickets
   are shown.

## Requirements

- **FR-001**: System MUST allow any authenticated user with product owner context to create tickets, including
  title, description, and initial status.
- **FR-002**: System MUST support assigning a ticket to one or more users simultaneously.
- **FR-003**: Only authenticated users MAY see the activity history.

### Key Entities

- **Ticket**: a work item with a title, a description and a status.
- **TicketAssignment**: a relationship between a ticket and a user responsible for it.
"""


def test_authenticated_users_imply_the_account_entity() -> None:
    plan = plan_helpers.plan_of(AUTHENTICATED_ONLY, "Tickets")
    names = {m.name for m in plan.models}
    assert "User" in names
    # what the prose around "user" says belongs to other things: the grant's "with product owner context", the
    # history entries' "each with actor name and timestamp", who filters "by a specific assignee"
    assert not {"product_owner_context", "actor_name", "timestamp", "assignee", "title", "status"} & set(columns(plan, "User"))
    # the assignment already links tickets and users: no second link table
    assert "user_id" in columns(plan, "TicketAssignment")
    assert not {"UserTicket", "TicketUser"} & names


def test_one_authenticated_mention_implies_no_account() -> None:
    body = AUTHENTICATED_ONLY.replace("- **FR-003**: Only authenticated users MAY see the activity history.\n", "")
    body = body.replace("any authenticated user", "any person")
    assert "User" not in {m.name for m in plan_helpers.plan_of(body, "Tickets").models}


def test_a_definition_naming_its_own_records_in_the_plural_adds_no_column() -> None:
    plan = plan_helpers.plan_of(AUTHENTICATED_ONLY.replace(
        "a relationship between a ticket and a user responsible for it.",
        "a relationship between a ticket and a user responsible for it. One ticket may have many assignments."),
        "Tickets")
    assert "assignments" not in columns(plan, "TicketAssignment")


def test_the_person_a_record_is_for_is_a_key_to_the_accounts() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST log in with email and password before renting.
    - **FR-002**: Users MUST be able to log out.

    ### Key Entities

    - **User**: an account holder.
    - **Vehicle**: a rentable unit with a plate number.
    - **Rental Order**: record of a rental including customer, vehicle and status.
    """
    plan = plan_helpers.plan_of(body, "Rentals")
    order = {f.name: f for f in model(plan, "RentalOrder").fields}
    assert order["customer_id"].foreign_key == "User.id"
    assert "customer" not in order or order["customer"].relationship


def test_a_listed_account_that_the_spec_defines_is_a_key_to_it() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to record income and expense transactions.

    ### Key Entities

    - **Transaction**: an income or expense. Attributes: date, amount, category, account.
    - **Category**: a label for transactions. Attributes: name.
    - **Account**: a financial account. Attributes: name, type (cash/bank).
    """
    plan = plan_helpers.plan_of(body, "Budget")
    transaction = {f.name: f for f in model(plan, "Transaction").fields}
    assert transaction["account_id"].foreign_key == "Account.id"
    assert transaction["category_id"].foreign_key == "Category.id"


VISITOR_SIGN_UP = """
## User Scenarios & Testing

### User Story 1 - Sign In and Maintain a Session (Priority: P1)

A registered user signs in and keeps an authenticated session for a day.

## Requirements

- **FR-001**: The system MUST allow a visitor to create an account by providing an email address and a password.
- **FR-002**: On successful registration, the system MUST send a verification email containing a single-use link.
- **FR-003**: Users MUST be able to sign in once their email has been verified.
- **FR-004**: The system MUST lock an account after 10 failed sign-in attempts.
- **FR-005**: The system MUST notify the account owner when the account is locked.

### Key Entities

- **User Account**: a person able to sign in, with a unique email and a hashed password.
- **Session**: an authenticated period for a User Account, with an expiry.
"""


def test_a_visitor_creating_an_account_signs_up_and_a_verification_email_verifies_it() -> None:
    found = route_keys(plan_of(VISITOR_SIGN_UP))
    # (named as the spec words them: "registration", "sign in")
    assert {"POST /api/auth/register", "POST /api/auth/signin", "POST /api/auth/verify-email"} <= found
    # signing up is the account's creation: no second door to it, and no list of accounts for visitors
    assert not any(key.endswith("/accounts") or "/user-accounts" in key for key in found)
    # and a requirement asked for it: the story's "maintain a session" illustrates, it asks for no session routes
    assert not any("/sessions" in key for key in found)


def test_reading_a_verification_email_another_site_sent_verifies_nothing() -> None:
    found = route_keys(plan_of("""
    ## Requirements

    - **FR-001**: Testers MUST be able to receive and read a verification email in the web interface.
    - **FR-002**: Scripts MUST be able to wait for the verification email and list a mailbox's messages.

    ### Key Entities

    - **Mailbox**: a name at the service's domain.
    - **Message**: an email received in a mailbox, with a subject and a body.
    """))
    assert not any("verify" in key for key in found)


def test_changing_one_s_own_username_and_password_is_the_password_change_flow() -> None:
    found = route_keys(plan_of("""
    ## User Scenarios & Testing

    ### User Story 1 - Manage accounts (Priority: P1)

    1. **Given** the owner creates a new user, **When** they set a username and password, **Then** the user can log in.

    ## Requirements

    - **FR-001**: System MUST allow owner to change their own username and password.
    - **FR-002**: System MUST allow the owner to create user accounts with a role.

    ### Key Entities

    - **User**: a person with a username, a password and a role (owner, admin, viewer).
    """))
    assert {"POST /api/auth/change-password", "POST /api/auth/login"} <= found



EVENTS_WITH_EXAMPLES = """
## User Scenarios & Testing

### User Story 1 - Publish events (Priority: P1)

Applications need to publish business events (user registrations, order updates) to topics.

## Requirements

- **FR-001**: System MUST accept events from applications and publish them to their topic.

### Key Entities

- **Event**: a business event with a topic and a payload.
"""


def test_user_registrations_as_events_ask_for_no_sign_up() -> None:
    assert "POST /api/auth/register" not in route_keys(plan_of(EVENTS_WITH_EXAMPLES))
    # "user registration", the act, is still the sign-up flow
    asked = EVENTS_WITH_EXAMPLES.replace(
        "### Key Entities", "- **FR-002**: System MUST support user registration with an email and a password.\n\n"
        "### Key Entities")
    assert "POST /api/auth/register" in route_keys(plan_of(asked))


def test_logs_as_things_before_in_ask_for_no_sign_in() -> None:
    plan = plan_of("""
## User Scenarios & Testing

### User Story 1 - Read food logs (Priority: P1)

As a developer, I want to query food logs so that I can display food logs in the UI.

**Acceptance Scenarios**:

1. **Given** a member logs in, **When** they open the diary, **Then** today's food logs are listed

## Requirements

- **FR-001**: API MUST expose endpoints for listing food logs by date.

### Key Entities

- **Food Log**: the food eaten on one day, with calories.
""")
    assert "POST /api/auth/login" not in route_keys(plan)
    # the verb still signs in: "a member logs in" (a scenario step) in a spec that asks for sign-in
    plan = plan_of("""
## Requirements

- **FR-001**: Members MUST be able to log in and list their food logs.
- **FR-002**: When a member logs in, the system MUST show today's food logs in the diary.

### Key Entities

- **Food Log**: the food eaten on one day, with calories.
""")
    assert "POST /api/auth/login" in route_keys(plan)


def test_register_named_beside_login_asks_for_signing_up():
    body = """
    ## Requirements

    - **FR-001**: The API MUST allow authenticated users to create and list transactions.
    - **FR-002**: The API WILL require authentication using email/password with JWTs; provide register, login (JWT
      issuance), and token-refresh endpoints.

    ### Key Entities

    - **User**: owner of transactions (attributes: email, display name).
    - **Transaction**: amount, date, description.
    """
    keys = route_keys(plan_of(body))
    assert {"POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/refresh"} <= keys


def test_signing_up_or_in_calls_no_payment_provider_of_the_same_story():
    body = """
    ## User Scenarios & Testing

    ### User Story 1 - Buy tickets (Priority: P1)

    A visitor browses events, can register/login, and completes a ticket purchase paid by card through Stripe.

    ## Requirements

    - **FR-001**: Visitors MUST be able to browse events and buy tickets.

    ### Key Entities

    - **Event**: title, date, venue
    - **Ticket**: event, price, buyer
    """
    plan = plan_of(body)
    assert "POST /api/auth/register" in route_keys(plan)
    auth = next(s for s in plan.services if s.aggregate == "Auth")
    assert "PaymentGateway" not in auth.integrations
    assert not any("PaymentGateway" in step for m in auth.methods for step in m.steps)


def test_sign_in_by_an_existing_system_plans_no_sign_in_routes():
    body = """
    ## Requirements

    - **FR-001**: System MUST authenticate users via the existing Supabase authentication system before allowing any
      project operations.
    - **FR-002**: Authenticated users MUST be able to create new projects with custom names and descriptions.

    ### Key Entities

    - **Project**: name, description, owner
    """
    keys = route_keys(plan_of(body))
    assert not any("/auth/" in key for key in keys)
    assert "POST /api/projects" in keys
