"""A team task board with no sign-in: "System MUST not require login or password" plans no sign-in and no
credentials; "Project: a collection of tasks" makes each task a project's; a list of objects before a place ("display
all tasks and comments for each project") lists each there that the model keeps there; comments allowed "per task"
are added and read under the task, and edited at their own path (shallow nesting).

Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.infer import infer_domain
from analysis.plan.model import Plan

BOARD = """
## Requirements

- **FR-001**: System MUST let a person pick their name from a fixed list of team members on launch.
- **FR-002**: System MUST allow users to create tasks and move tasks between columns.
- **FR-003**: System MUST allow unlimited comments per task card.
- **FR-004**: System MUST allow users to edit or delete only their own comments.
- **FR-005**: System MUST display all tasks and comments for each project.
- **FR-006**: System MUST not require login or password for access.

### Key Entities

- **User**: A predefined team member (attributes: name, role)
- **Project**: Represents a collection of tasks (attributes: name)
- **Task**: Represents a work item (attributes: title, description, status, comments)
- **Comment**: Represents a note on a task (attributes: author, text)
"""


def _text(body: str) -> str:
    return "# Feature Specification: Board\n\n" + textwrap.dedent(body).lstrip("\n")


def plan_of(body: str) -> Plan:
    return build_plan(parse_spec(_text(body), "specs/001-x/spec.md"))


def keys(plan: Plan) -> set[str]:
    return {f"{r.method} {r.path}" for r in plan.routes}


def test_a_spec_without_sign_in_plans_no_sign_in_and_no_credentials() -> None:
    plan = plan_of(BOARD)
    assert not any(r.path.startswith("/api/auth") for r in plan.routes)
    assert all(r.auth == "public" for r in plan.routes)
    user = next(m for m in plan.models if m.name == "User")
    assert not {"email", "password_hash"} & {f.name for f in user.fields}
    assert "without signing in" in plan.auth_summary


def test_sign_in_stays_when_the_spec_also_asks_for_it() -> None:
    plan = plan_of(BOARD.replace("- **FR-006**: System MUST not require login or password for access.",
                                 "- **FR-006**: Users MUST log in with email and password."))
    assert "POST /api/auth/login" in keys(plan)
    assert not all(r.auth == "public" for r in plan.routes)


def test_a_collection_of_modelled_things_owns_them() -> None:
    domain = infer_domain(parse_spec(_text(BOARD), "specs/001-x/spec.md"))
    link = next(r for r in domain.entity("Task").relationships if r.target == "Project")
    assert link.kind == "belongs-to" and link.field == "project_id"
    assert any(r.kind == "has-many" and r.target == "Task" for r in domain.entity("Project").relationships)


def test_a_collection_of_people_or_shared_things_is_not_ownership() -> None:
    domain = infer_domain(parse_spec(_text("""
        ## Requirements

        - **FR-001**: Admins MUST be able to create roles and grant permissions.

        ### Key Entities

        - **User**: A person with an email.
        - **Role**: Represents a set of permissions.
        - **Permission**: A named right to do something.
        - **Squad**: Represents a group of users.
    """), "specs/001-x/spec.md"))
    assert not any(r.kind == "belongs-to" and r.target == "Role" for r in domain.entity("Permission").relationships)
    assert not any(r.kind == "belongs-to" and r.target == "Squad" for r in domain.entity("User").relationships)


def test_a_list_before_a_place_lists_there_what_the_model_keeps_there_shallow() -> None:
    found = keys(plan_of(BOARD))
    assert {"GET /api/projects/{project_id}/tasks", "POST /api/projects/{project_id}/tasks"} <= found
    assert "PUT /api/tasks/{task_id}" in found  # one task keeps its own path
    assert not any(key.startswith("GET /api/projects/{project_id}/comments") for key in found)


def test_comments_allowed_per_task_are_added_and_read_there_and_edited_at_their_own_path() -> None:
    found = keys(plan_of(BOARD))
    assert {"POST /api/tasks/{task_id}/comments", "GET /api/tasks/{task_id}/comments"} <= found
    assert {"PUT /api/comments/{comment_id}", "DELETE /api/comments/{comment_id}"} <= found
    assert not any("/comments/{comment_id}" in key and key.split()[1].startswith("/api/tasks") for key in found)


def test_a_selection_from_people_lists_them() -> None:
    found = keys(plan_of(BOARD.replace(
        "- **FR-001**: System MUST let a person pick their name from a fixed list of team members on launch.",
        "- **FR-001**: System MUST allow selection from five predefined users on launch.")))
    assert "GET /api/users" in found
