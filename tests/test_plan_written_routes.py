"""Routes a spec writes itself, in the shapes the route reader used to miss or leave bare.

- The method outside the path's code marks ("provide POST `/api/v1/tasks`"), a request to a path ("sends a POST
  request to /api/tasks"), a table row (`| POST | /x |`), several methods of one path (`GET/POST /x`).
- A call with a value where the written route has its parameter ("DELETE `/api/v1/tasks/abc-123`") is no route.
- A route written in a scenario and again in a requirement is traced to the requirement.
- A written route on a modelled thing's collection or item is that operation, with its contract (status, body,
  errors, service method), not a bare "as written" entry; a path whose parameter is no id stays as written.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from analysis.parse import parse_spec
from analysis.plan.design_explicit import find_explicit_routes
from analysis.plan.model import Plan
from tests import plan_helpers
from tests.plan_helpers import route_keys

TASKS = """
## User Scenarios & Testing

### User Story 1 - Create a task (Priority: P1)

As a signed-in user, I can create tasks.

**Acceptance Scenarios**:

1. **Given** I am signed in, **When** I POST to `/api/v1/tasks` with a title, **Then** I receive 201 Created
2. **Given** I own task "abc-123", **When** I DELETE `/api/v1/tasks/abc-123`, **Then** I receive 204 No Content
3. **Given** no such task, **When** I DELETE `/api/v1/tasks/fake-id`, **Then** I receive 404 Not Found

## Requirements

- **FR-001**: System MUST provide POST `/api/v1/tasks` for task creation
- **FR-002**: System MUST provide GET `/api/v1/tasks/{task_id}` for reading one task
- **FR-003**: System MUST provide DELETE `/api/v1/tasks/{task_id}` for task deletion
- **FR-004**: System MUST provide a `/api/v1/tags/{label}` endpoint that returns the tasks with that label

### Key Entities

- **Task**: a to-do item with a title (required, max 200 characters) and a completed flag.
- **Tag**: a label on tasks, with a name.
- **User**: an account with an email.
"""


def plan_of(body: str, title: str = "Tasks API") -> Plan:
    return plan_helpers.plan_of(body, title)


def written(body: str) -> set[tuple[str, str]]:
    document = parse_spec(plan_helpers.spec_of(body, "Routes"), plan_helpers.PATH)
    return {(r.method, r.path) for r in find_explicit_routes(document)}


def test_the_method_may_stand_outside_the_code_marks_or_in_bold() -> None:
    assert written("""
    ## Requirements

    - **FR-001**: System MUST provide POST `/api/v1/tasks` for task creation
    - **FR-002**: System MUST answer **GET** /api/v1/tasks/{id} with one task
    """) == {("POST", "/api/v1/tasks"), ("GET", "/api/v1/tasks/{id}")}


def test_requests_to_a_path_table_rows_and_method_lists() -> None:
    assert written("""
    ## Requirements

    - **FR-001**: The client sends a PUT request to /api/{user_id}/tasks/{id} with the new title.
    - **FR-002**: The mobile app POSTs nothing; it sends a GET request to `/api/{user_id}/tasks`.

    | Method | Path |
    |---|---|
    | POST | `/tenants/{tid}/forms` |

    - GET/PUT/DELETE /tenants/{tid}/forms/{fid} manage one form.
    """) == {("PUT", "/api/{user_id}/tasks/{id}"), ("GET", "/api/{user_id}/tasks"), ("POST", "/tenants/{tid}/forms"),
             ("GET", "/tenants/{tid}/forms/{fid}"), ("PUT", "/tenants/{tid}/forms/{fid}"),
             ("DELETE", "/tenants/{tid}/forms/{fid}")}


def test_a_call_with_a_value_is_no_route() -> None:
    found = route_keys(plan_of(TASKS))
    assert "DELETE /api/v1/tasks/{task_id}" in found
    assert not any("abc-123" in key or "fake-id" in key for key in found)


def test_a_written_route_on_a_modelled_thing_is_that_operation() -> None:
    plan = plan_of(TASKS)
    create = next(r for r in plan.routes if (r.method, r.path) == ("POST", "/api/v1/tasks"))
    assert create.purpose == "create a Task" and create.response_status == 201
    assert "title" in {p.name for p in create.request}
    assert create.service_method == "TaskService.create_task"
    # written in a scenario first, asked for by a requirement: traced to the requirement
    assert create.sources[0].label == "FR-001"
    read = next(r for r in plan.routes if (r.method, r.path) == ("GET", "/api/v1/tasks/{task_id}"))
    assert any(e.status == 404 for e in read.errors)
    # `{label}` names no tag: the tasks cut by a label, left as the spec writes it
    tagged = next(r for r in plan.routes if r.path == "/api/v1/tags/{label}")
    assert tagged.purpose.startswith("as written in the spec")


ROLES = """
## User Scenarios & Testing

### User Story 1 - Give a role to a user (Priority: P1)

**Acceptance Scenarios**:

1. **Given** user 7 and role 3 exist, **When** the client sends POST /users/7/roles/3, **Then** the role is assigned
2. **Given** user 7 has two roles, **When** the client sends GET /users/7/roles, **Then** both roles are listed

## Requirements

- **FR-001**: System MUST let clients create, list, update and delete roles.
- **FR-002**: System MUST expose GET /users/{userId}/roles listing the roles of a user.

### Key Entities

- **Role**: a named set of permissions, with a unique name.
"""


def test_a_call_with_a_value_places_no_collection() -> None:
    # `/users/7/roles` is a call of `/users/{userId}/roles`: roles are not kept under user 7
    found = route_keys(plan_of(ROLES))
    assert "POST /api/roles" in found and "DELETE /api/roles/{role_id}" in found
    assert not any("/7/" in key for key in found)
    # a call with numbers and no route written for it is that route, with parameters named for the collections
    assert "POST /users/{user_id}/roles/{role_id}" in found
    # "let clients create ...": the clients do it (not the system's own write)
    assert "PUT /api/roles/{role_id}" in found
