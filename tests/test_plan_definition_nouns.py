"""The noun a definition calls its entity by is one of its names in the prose, and a requirement that supports things
on another makes people add and read them there.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from tests.plan_helpers import entity_of, plan_of, route_keys

TASKS = """
    ## Requirements

    - **FR-001**: Managers MUST be able to create tasks with title and deadline.
    - **FR-002**: Managers MUST be able to upload files to a task; files larger than 25 MB are refused.
    - **FR-003**: System MUST support comments on tasks.

    ### Key Entities

    - **Task**: a unit of work with title, deadline and status.
    - **Attachment**: A file linked to a task with filename and size.
    - **Comment**: A remark on a task with author and body.
    """


def test_a_definitions_noun_names_its_entity_in_the_prose():
    assert {"file", "files"} <= set(entity_of(TASKS, "Attachment", "Tasks").aliases)
    assert "POST /api/tasks/{task_id}/attachments" in route_keys(plan_of(TASKS, "Tasks"))


def test_a_supported_thing_on_another_is_added_and_read_there():
    keys = route_keys(plan_of(TASKS, "Tasks"))
    assert {"POST /api/tasks/{task_id}/comments", "GET /api/tasks/{task_id}/comments"} <= keys


def test_a_generic_or_shared_definition_noun_names_nothing():
    body = """
        ## Requirements

        - **FR-001**: Users MUST be able to create memos, drafts and letters; every record is kept for a year, and
          each letter is sent as a message.

        ### Key Entities

        - **Memo**: A record of a remark with body.
        - **Draft**: A record of an unfinished memo with body.
        - **Letter**: A message to a person, with body; a message is sent once.
        """
    assert entity_of(body, "Memo", "Memos").aliases == []
    assert entity_of(body, "Draft", "Memos").aliases == []
    assert entity_of(body, "Letter", "Memos").aliases == []  # `message` is too generic a word


DEALS = """
    ## Requirements

    - **FR-001**: The system MUST allow registered businesses to create deal posts including title and price.
    - **FR-002**: Customers MUST be able to view available deals.
    - **FR-003**: Businesses MUST be able to edit and pause offers.

    ### Key Entities

    - **Business**: A shop allowed to post deals; attributes include name.
    - **Offer**: A posted deal; attributes include title, price, status (active/paused).
    """


def test_a_definition_noun_after_a_participle_names_its_entity_and_its_posts_are_it():
    assert {"deal", "deals"} <= set(entity_of(DEALS, "Offer", "Deals").aliases)
    routes = route_keys(plan_of(DEALS, "Deals"))
    assert "POST /api/offers" in routes  # "create deal posts": the posts are the deals
    assert "GET /api/offers" in routes  # "view available deals"
