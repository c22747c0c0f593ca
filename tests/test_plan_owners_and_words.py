"""Who may reach a thing, said once for all of it ("users can only access their own tasks", "prevent users from
deleting notes created by other users"); list items that are not columns (a purpose after "for", the word "field",
kinds of input an edge case asks about, how a screen shows things, what a relationship does); and routes named and
placed in the spec's own words (its "sign up", a path it writes under a user scope, a toggle it asks for).

Inline fixtures written for these tests.
"""

from __future__ import annotations

from analysis.plan.infer_fields import parse_item, split_list
from tests.plan_helpers import entity_of, plan_of

NOTES = """
## User Scenarios & Testing

### User Story 1 - Keep notes (Priority: P1)

As a signed-in user, I want to view my notes with clear visual distinction between pinned and unpinned items so that
I can focus.

**Acceptance Scenarios**:

1. **Given** I am signed in, **When** I create a note, **Then** it appears in my list

### Edge Cases

- **Special characters**: How does the system handle notes with special characters, emojis, or formatting characters
  in titles and bodies?

## Requirements

### Functional Requirements

- **FR-001**: System MUST allow users to sign in with email and password.
- **FR-002**: System MUST allow signed-in users to create a note with a required title field (1-200 characters)
  and an optional body field (0-5000 characters).
- **FR-003**: System MUST allow users to list their notes, view a note's details, and update and delete notes.
- **FR-006**: Users MUST be able to archive a note.
- **FR-004**: System MUST enforce data isolation - users can only access their own notes.

### Key Entities

- **Note**: A single note owned by a specific user. Key attributes include:
  - Unique identifier for retrieval and modification
  - Title (required, 1-200 characters)
  - Body (optional)
  - Owner reference (immutable link to the user who created the note)
- **Note Share**: The relationship between a Note and a User it is shared with. This relationship:
  - Determines authorization for shared reads (view, comment)
"""


def _auth(plan, method: str, path: str) -> str:
    return next(route.auth for route in plan.routes if route.method == method and route.path == path)


def test_an_only_their_own_rule_makes_every_route_on_the_thing_the_owners():
    plan = plan_of(NOTES, "Notes")
    for method, path in (("GET", "/api/notes"), ("GET", "/api/notes/{note_id}"), ("PUT", "/api/notes/{note_id}"),
                         ("DELETE", "/api/notes/{note_id}"), ("POST", "/api/notes/{note_id}/archive")):
        assert _auth(plan, method, path) == "owner", (method, path)
    assert _auth(plan, "POST", "/api/notes") == "authenticated"  # its maker becomes the owner


def test_without_the_rule_the_routes_are_any_signed_in_accounts():
    plan = plan_of(NOTES.replace("users can only access their own notes", "notes are kept for a year"), "Notes")
    assert _auth(plan, "GET", "/api/notes/{note_id}") == "authenticated"
    assert _auth(plan, "PUT", "/api/notes/{note_id}") == "authenticated"


def test_a_rule_about_other_peoples_things_limits_only_the_verbs_it_names():
    body = NOTES.replace("users can only access their own notes",
                         "System MUST prevent users from modifying or deleting notes created by other users")
    plan = plan_of(body, "Notes")
    assert _auth(plan, "PUT", "/api/notes/{note_id}") == "owner"
    assert _auth(plan, "DELETE", "/api/notes/{note_id}") == "owner"
    assert _auth(plan, "GET", "/api/notes/{note_id}") == "authenticated"  # reading others' notes is not refused


def test_their_own_data_is_every_thing_an_account_owns():
    plan = plan_of(NOTES.replace("their own notes", "their own data"), "Notes")
    assert _auth(plan, "GET", "/api/notes/{note_id}") == "owner"


def test_a_role_keeps_its_own_rule():
    body = NOTES.replace("- **FR-004**:", "- **FR-005**: Admins MUST be able to delete any note.\n- **FR-004**:")
    plan = plan_of(body, "Notes")
    assert _auth(plan, "GET", "/api/notes/{note_id}") == "owner"
    deletes = [route.auth for route in plan.routes if route.method == "DELETE" and route.path == "/api/notes/{note_id}"]
    assert deletes and deletes[0] != "authenticated"


def test_an_update_of_columns_of_their_own_things_is_an_update():
    body = NOTES.replace("and update and delete notes.",
                         "and delete notes.\n- **FR-007**: System MUST allow users to update the title and body of their own notes.")
    plan = plan_of(body, "Notes")
    assert any(route.method in ("PUT", "PATCH") and route.path == "/api/notes/{note_id}" for route in plan.routes)


def test_none_of_the_words_around_the_columns_become_columns():
    note = entity_of(NOTES, "Note", "Notes")
    names = {attribute.name for attribute in note.attributes}
    assert {"title", "body"} <= names
    assert not names & {"modification", "title_field", "body_field", "clear_visual_distinction", "emojis",
                        "special_characters", "formatting_characters"}


def test_what_a_relationship_does_is_no_column_and_it_gets_no_assumed_name():
    plan = plan_of(NOTES, "Notes")
    share = next(model for model in plan.models if model.name == "NoteShare")
    names = {field.name for field in share.fields}
    assert "determines_authorization" not in names and "name" not in names


def test_two_purposes_after_for_are_one_item():
    assert split_list("Unique identifier for retrieval and modification") == [
        "Unique identifier for retrieval and modification"]
    assert split_list("name for display and sorting") == ["name for display and sorting"]
    # a plural after "for" is whom the column is for; what follows "and" is a second column
    assert split_list("price for adults and duration") == ["price for adults", "duration"]
    assert split_list("title and description") == ["title", "description"]


def test_the_word_field_is_not_part_of_the_columns_name():
    assert parse_item("an optional description field (0-5000 characters)").name == "description"
    assert parse_item("a due date column").name == "due_date"
    assert parse_item("custom field").name == "custom_field"  # a kind of field, not a column named "custom"
    assert parse_item("free-text field").name == "free_text_field"


def test_a_handled_kind_of_input_is_not_a_list_of_columns():
    body = """
## Requirements

### Functional Requirements

- **FR-001**: Customers MUST be able to place orders with a delivery address and a total.
- **FR-002**: System MUST handle orders with gift wrapping and express shipping gracefully.

### Key Entities

- **Order**: What a customer buys.
"""
    order = entity_of(body, "Order", "Shop")
    names = {attribute.name for attribute in order.attributes}
    assert {"delivery_address", "total"} <= names
    assert not names & {"gift_wrapping", "express_shipping"}


def test_the_account_flows_take_the_specs_own_words():
    body = """
## User Scenarios & Testing

### User Story 1 - Sign up (Priority: P1)

As a visitor, I want to sign up with my email so that I can sign in later and sign out when I leave.

**Acceptance Scenarios**:

1. **Given** I have no account, **When** I sign up, **Then** I can sign in

## Requirements

- **FR-001**: Users MUST be able to sign up with email and password.
- **FR-002**: Users MUST be able to sign in and sign out.
- **FR-003**: Users MUST be able to create tasks.
"""
    paths = {route.path for route in plan_of(body, "Todo").routes}
    assert {"/api/auth/signup", "/api/auth/signin", "/api/auth/signout"} <= paths
    worded = body.replace("sign up", "register").replace("sign in", "log in").replace("sign out", "log out")
    paths = {route.path for route in plan_of(worded, "Todo").routes}
    assert {"/api/auth/register", "/api/auth/login", "/api/auth/logout"} <= paths
    assert not paths & {"/api/auth/signup", "/api/auth/signin", "/api/auth/signout"}


def test_a_path_written_under_a_user_scope_scopes_the_collection():
    body = """
## Requirements

### Functional Requirements

- **FR-001**: Users MUST be able to create, view, update and delete their tasks.
- **FR-002**: System MUST verify that the token's user matches the user in the URL.

### Edge Cases

- What happens when a user edits the URL to reach `/api/{different_user_id}/tasks`? The system returns 403.

### Key Entities

- **Task**: A todo item with a title.
"""
    paths = {(route.method, route.path) for route in plan_of(body, "Todo").routes}
    assert ("GET", "/api/{user_id}/tasks") in paths and ("POST", "/api/{user_id}/tasks") in paths
    assert ("DELETE", "/api/{user_id}/tasks/{task_id}") in paths
    assert not any(path.startswith("/api/tasks") for _method, path in paths)


def test_a_definition_that_describes_is_no_column_list_and_its_next_sentence_is_read():
    body = """
## Requirements

- **FR-001**: System MUST allow a keyword set to be stored.

### Key Entities

- **Keyword Set**: User-defined, fallback, or imported terms used to find job posts, company pages, or events. It
  includes a name, source, lane, active state, and terms.
- **Tag**: label, colour, position. It includes a description.
"""
    keyword_set = entity_of(body, "KeywordSet", "Search")
    names = {attribute.name: attribute.type for attribute in keyword_set.attributes}
    assert {"name", "source", "lane", "terms", "is_active"} <= set(names) and names["is_active"] == "bool"
    assert not set(names) & {"user_defined", "fallback", "imported_terms", "company_pages", "events"}
    tag = {attribute.name for attribute in entity_of(body, "Tag", "Search").attributes}
    assert {"label", "colour", "position", "description"} <= tag


def test_a_toggle_of_a_things_completion_is_its_toggled_action():
    body = """
## Requirements

- **FR-001**: Users MUST be able to create, view, update and delete tasks.
- **FR-002**: Users MUST be able to toggle a task's completion status (completed ↔ incomplete).

### Key Entities

- **Task**: A todo item with a title and a completion status.
"""
    keys = {(route.method, route.path) for route in plan_of(body, "Todo").routes}
    assert ("PATCH", "/api/tasks/{task_id}/complete") in keys and ("PUT", "/api/tasks/{task_id}") in keys
    # without the toggle, no action: an update of the task is all the spec asks for
    keys = {(route.method, route.path) for route in plan_of(body.replace("toggle a task's completion status",
                                                                         "edit a task's title"), "Todo").routes}
    assert not any(path.endswith("/complete") for _method, path in keys)


SCHOOL = """
## Requirements

- **FR-001**: System MUST allow administrators to enroll new students with required information (name, date of
  birth, grade level).
- **FR-002**: System MUST allow administrators to view a list of all enrolled students.
- **FR-003**: System MUST allow teachers to mark daily attendance for their classes.
- **FR-004**: System MUST allow teachers to mark an attendance record as excused.

### Key Entities

- **Student**: A learner, with a name, a date of birth and a grade level.
- **Enrollment**: The act of registering a student into the school, with its entry date.
- **Attendance**: A daily attendance record for a student, with a date and a status (present, absent, excused).
"""


def test_enrolling_new_people_makes_them():
    keys = {(route.method, route.path) for route in plan_of(SCHOOL, "School").routes}
    assert ("POST", "/api/students") in keys
    assert not any(path.endswith("/enrollments") and method == "POST" for method, path in keys)


def test_marking_a_record_with_no_state_after_it_records_one():
    sources = {(route.method, route.path): {source.label for source in route.sources}
               for route in plan_of(SCHOOL, "School").routes}
    assert "FR-003" in sources[("POST", "/api/attendance")]
    # "mark ... as excused" names a state: a change of the record, not a second create
    assert "FR-004" not in sources[("POST", "/api/attendance")]
    assert "FR-003" not in sources[("PUT", "/api/attendance/{attendance_id}")]


def test_a_person_after_by_is_whose_rows_not_a_list_of_people():
    body = """
## Requirements

- **FR-001**: Users MUST be able to sign in with email and password.
- **FR-002**: Users MUST be able to create and view tasks.
- **FR-003**: System MUST filter all database queries by authenticated user ID (multi-user isolation).

### Key Entities

- **Task**: A todo item with a title.
"""
    keys = {(route.method, route.path) for route in plan_of(body, "Todo").routes}
    assert ("GET", "/api/tasks") in keys
    assert not any(path.startswith("/api/users") for _method, path in keys)
    # a list of people the spec does ask for is still one
    keys = {(route.method, route.path) for route in plan_of(
        body.replace("### Key Entities", "- **FR-004**: Admins MUST be able to view all users.\n\n### Key Entities"),
        "Todo").routes}
    assert ("GET", "/api/users") in keys


API_KEYS = """
## User Scenarios & Testing

### User Story 1 - Call the quote API (Priority: P1)

A registered user calls `/quotes/ACME` with their key and receives a quote.

## Requirements

- **FR-001**: Users MUST be able to sign in with email and password.
- **FR-002**: System MUST provide admin endpoints to list users, view user details, disable/enable users, and
  regenerate API keys.
- **FR-003**: System MUST invalidate old API keys immediately when an admin regenerates a user's key.
- **FR-004**: The system MUST enable teams to plan their work.

### Key Entities

- **User**: A person with an account, with an email and a name.
- **API Key**: A secret a user sends with each request, with a value and a creation time.
"""


def test_endpoints_provided_for_a_list_of_verbs_with_objects_are_the_admins():
    routes = {(route.method, route.path): route.auth for route in plan_of(API_KEYS, "Quotes").routes}
    assert routes[("GET", "/api/users")] == "role:admin"
    assert routes[("POST", "/api/users/{user_id}/disable")] == "role:admin"
    assert routes[("POST", "/api/users/{user_id}/enable")] == "role:admin"
    assert routes[("POST", "/api/api-keys/{api_key_id}/regenerate")] == "role:admin"
    # a user's key is theirs, not the user; "enable teams to plan" enables nothing
    assert ("POST", "/api/users/{user_id}/regenerate") not in routes
    assert not any(path.startswith("/api/teams") for _method, path in routes)


def test_a_code_in_a_called_path_is_its_parameter():
    paths = {route.path for route in plan_of(API_KEYS, "Quotes").routes}
    assert "/quotes/{quote_id}" in paths and "/quotes/ACME" not in paths and "/quotes/acme" not in paths


def test_a_verbs_own_object_before_the_next_verb_of_a_list_is_not_skipped():
    body = API_KEYS.replace("- **User**: A person with an account, with an email and a name.\n", "")
    keys = {(route.method, route.path) for route in plan_of(body, "Quotes").routes}
    # "list users, view user details, disable/enable users, and regenerate API keys" with no User modelled: the
    # users are listed, viewed and disabled; the keys are only regenerated
    assert ("POST", "/api/api-keys/{api_key_id}/regenerate") in keys
    assert not keys & {("GET", "/api/api-keys"), ("GET", "/api/api-keys/{api_key_id}"),
                       ("POST", "/api/api-keys/{api_key_id}/disable")}


LISTS = """
## User Scenarios & Testing

### User Story 1 - Keep lists (Priority: P1)

**Acceptance Scenarios**:

1. **Given** a signed-in user with an empty task list, **When** they create a task, **Then** it is shown.
2. **Given** a user with a completed task and an admin role, **When** they open the list, **Then** it is shown.
3. **Given** a list, **When** the user adds a task with a title, due date, and priority High, **Then** it is shown.
4. **Given** a signed-in user, **When** they attempt to edit another user's task, **Then** the system returns 403.
5. **Given** a token for user A, **When** the client requests the tasks with user B's ID, **Then** it returns 403.

## Requirements

- **FR-001**: Users MUST be able to sign in with email and password.
- **FR-002**: API MUST provide a POST endpoint that creates a new task for the authenticated user with title and
  optional description.
- **FR-003**: System MUST mark open tasks whose due date is before the user's current date as overdue.
- **FR-004**: Tasks are sorted by priority, and by creation order by default.

### Key Entities

- **Task List**: A named collection of tasks.
- **Task**: A todo item with a title, due date, priority (Low/Medium/High), done state, and creation and
  last-updated times.
"""


def test_what_a_scenarios_person_has_or_is_is_no_column_of_theirs():
    plan = plan_of(LISTS, "Lists")
    fields = {model.name: {field.name for field in model.fields} for model in plan.models}
    assert not fields["User"] & {"task_list", "completed_task", "admin_role", "task", "date", "title", "description"}
    assert {"title", "description", "priority", "due_date", "created_at", "updated_at"} <= fields["Task"]
    assert not fields["Task"] & {"priority_high", "default", "last_updated_times", "user_as_id", "user_bs_id"}


def test_a_bare_status_beside_a_completion_flag_is_that_flag():
    body = """
## User Scenarios & Testing

### User Story 1 - Finish tasks (Priority: P1)

**Acceptance Scenarios**:

1. **Given** I toggle a task's status, **When** I refresh the page, **Then** the task's completion status persists.

## Requirements

- **FR-001**: Users MUST be able to create tasks with the provided content.

### Key Entities

- **Task**: A todo item. Has content, completion status (boolean, default false), and a creation timestamp.
"""
    task = {attribute.name: attribute.type for attribute in entity_of(body, "Task", "Todo").attributes}
    assert task.get("completed") == "bool" and "status" not in task
    assert "content" in task and "provided_content" not in task
    # a status with values of its own stays beside the flag
    valued = body.replace("and a creation timestamp", "a status (open, blocked), and a creation timestamp")
    assert "status" in {attribute.name for attribute in entity_of(valued, "Task", "Todo").attributes}


def test_a_query_list_ends_where_the_next_query_verb_starts():
    body = """
## Requirements

- **FR-001**: Within a list the user sorts tasks by due date or priority and filters to show all, open, or done tasks.

### Key Entities

- **Task**: A todo item with a title, a due date and a priority.
"""
    names = {attribute.name for attribute in entity_of(body, "Task", "Todo").attributes}
    assert {"due_date", "priority"} <= names and "open" not in names


def test_free_text_search_and_storage_are_no_columns():
    body = """
## Requirements

- **FR-001**: Users MUST be able to search and filter cards by text, labels, or due dates.
- **FR-002**: System MUST support file attachments on cards with metadata storage (filename, size, upload date).

### Key Entities

- **Card**: A work item with a title and a due date.
- **Attachment**: A file on a card.
"""
    card = {attribute.name for attribute in entity_of(body, "Card", "Board").attributes}
    attachment = {attribute.name for attribute in entity_of(body, "Attachment", "Board").attributes}
    assert "text" not in card and "due_date" in card
    assert "metadata_storage" not in card | attachment


def test_a_length_over_its_limit_is_invalid_input_not_a_conflict():
    body = """
## User Scenarios & Testing

### Edge Cases

- **Very long titles**: How does the system handle task titles exceeding 500 characters?
- **Full list**: The system MUST reject a new task when the list already holds its maximum of 100 tasks.

## Requirements

- **FR-001**: Users MUST be able to create tasks.

### Key Entities

- **Task**: A todo item with a title.
"""
    plan = plan_of(body, "Todo")
    create = next(route for route in plan.routes if route.method == "POST" and route.path == "/api/tasks")
    by_status = {error.status: error for error in create.errors}
    assert "Edge Cases #1" in by_status[400].when
    # a count over a limit of the thing's state is still a conflict
    assert 409 in by_status and "Edge Cases #1" not in by_status[409].when
