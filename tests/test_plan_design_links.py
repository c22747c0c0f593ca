"""Many-to-many links in the design: adding a thing to, and taking it off, another it is linked to (`add and remove
tags on an article` -> `POST`/`DELETE /articles/{article_id}/tags`), the `list[Other]` attribute on both sides of the
link, the later verbs of `let readers add and remove` sharing the enabled subject, and no nesting of an entity under
its own child (`remove players from tournament registrations`).

Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.infer import infer_domain
from analysis.plan.model import Plan
from tests import plan_helpers
from tests.plan_helpers import route_keys

READING = """
## Requirements

- **FR-001**: System MUST let readers save an article by its web address.
- **FR-002**: System MUST let readers add and remove tags on a saved article.

### Key Entities

- **Article**: a saved web page, with its address, title and its tags.
- **Tag**: a short label a reader attaches to articles.
"""


def plan_of(body: str) -> Plan:
    text = "# Feature Specification: Reading\n\n" + textwrap.dedent(body).lstrip("\n")
    return build_plan(parse_spec(text, "specs/001-x/spec.md"))


def routes(plan: Plan) -> dict[str, object]:
    return {f"{r.method} {r.path}": r for r in plan.routes}


def test_adding_and_removing_a_linked_thing_are_link_routes_not_crud() -> None:
    plan = plan_of(READING)
    found = routes(plan)
    add = found["POST /api/articles/{article_id}/tags"]
    remove = found["DELETE /api/articles/{article_id}/tags/{tag_id}"]
    assert "POST /api/tags" not in found and not any(path.startswith("DELETE /api/tags") for path in found)
    assert add.link == remove.link == "Tag" and add.resource == remove.resource == "Article"
    assert [p.name for p in add.request] == ["tag_id"] and add.response_status == 201
    assert {e.status for e in add.errors} == {400, 404, 409} and remove.response_status == 204
    assert add.purpose == "add a Tag to an Article (ArticleTag row)"
    service = next(s for s in plan.services if s.name == "ArticleService")
    method = next(m for m in service.methods if m.name == "add_tag")
    assert [p.name for p in method.params] == ["article_id", "tag_id"] and method.returns == "Tag"
    assert method.steps[-1] == "adds an ArticleTag row linking them"
    assert any(m.name == "remove_tag" and m.steps[-1] == "deletes the ArticleTag row linking them"
               for m in service.methods)


def test_both_sides_of_a_many_to_many_list_each_other() -> None:
    plan = plan_of(READING)
    fields = {m.name: {f.name: f for f in m.fields} for m in plan.models}
    assert fields["Article"]["tags"].type == "list[Tag]" and fields["Article"]["tags"].back_populates == "articles"
    assert fields["Tag"]["articles"].type == "list[Article]" and fields["Tag"]["articles"].back_populates == "tags"
    assert "article_tags" not in fields["Tag"]  # no list of link rows beside the list of articles
    assert fields["ArticleTag"]["article"].back_populates == ""


def test_the_later_verbs_of_an_enabled_list_are_peoples_actions() -> None:
    body = READING.replace("add and remove tags on a saved article", "view, archive or delete a saved article")
    assert "DELETE /api/articles/{article_id}" in routes(plan_of(body))


def test_no_entity_nests_under_its_own_child() -> None:
    body = """
    ## Requirements

    - **FR-001**: Organizers MUST be able to create players.
    - **FR-002**: Organizers MUST be able to remove players from tournament registrations.

    ### Key Entities

    - **Player**: a person who plays, with name.
    - **Tournament Registration**: a player's entry in a tournament; belongs to a Player.
    """
    found = routes(plan_of(body))
    assert not any("/tournament-registrations/{tournament_registration_id}/players" in path for path in found)


# ----------------------------------------------------------------------------- things named after what people do

TEAM = """
## User Scenarios & Testing

### User Story 1 - Create Standard Project Tasks (Priority: P1)

Owners set up the board.

## Requirements

- **FR-001**: Owners MUST be able to invite people by email address with the role Editor or Viewer.
- **FR-002**: Members MUST be able to comment on tasks and mention other members.
- **FR-003**: Organizers MUST be able to register a player for a tournament.
- **FR-004**: The system MUST NOT let members comment on archived projects.

### Key Entities

- **Project**: a body of work with a name.
- **Task**: a unit of work in a Project, with a title.
- **Invitation**: an offer to join a Project, with the invited email address and the role offered.
- **Comment**: text written by a member on a Task.
- **Player**: a person who plays, with a name.
- **Tournament**: a competition with a start date.
- **Tournament Registration**: a Player's entry in a Tournament.
"""


def test_a_verb_makes_the_thing_named_after_it() -> None:
    found = routes(plan_of(TEAM))
    # `invite people`: nothing modelled is named, yet an Invitation is made.
    assert found["POST /api/invitations"].sources[0].label == "FR-001"
    # `comment on tasks`: a Comment under the Task it is on, its item routes too (the wording places it there).
    assert "POST /api/tasks/{task_id}/comments" in found
    assert not any(key.split()[1].startswith("/api/comments") for key in found)
    # `register a player for a tournament`: a registration under the tournament; the player is who it is for.
    assert "POST /api/tournaments/{tournament_id}/registrations" in found
    assert not any(path.startswith("POST /api/players") for path in found)
    assert "POST /api/tournaments/{tournament_id}/players" not in found


def test_without_the_thing_modelled_the_verb_makes_nothing() -> None:
    body = TEAM.replace("- **Comment**: text written by a member on a Task.\n", "")
    assert not any("comments" in path for path in routes(plan_of(body)))


def test_in_a_compound_of_two_names_the_last_is_the_thing() -> None:
    found = routes(plan_of(TEAM))
    # The story title "Create Standard Project Tasks" creates tasks, not projects.
    assert not any(path == "POST /api/projects" for path in found)


def test_a_thing_with_its_own_lifecycle_is_a_main_resource_whatever_its_name_starts_with() -> None:
    body = """
    ## Requirements

    - **FR-001**: Staff MUST be able to create vendor RMAs and ship them.
    - **FR-002**: Customers MUST be able to add customer addresses.

    ### Key Entities

    - **Vendor**: a supplier with a name.
    - **Vendor RMA**: goods sent back to a vendor; belongs to a Vendor; status (open, shipped, closed); open → shipped → closed.
    - **Customer**: a buyer with an email.
    - **Customer Address**: one of a customer's addresses, with street and city.
    """
    found = routes(plan_of(body))
    assert "POST /api/vendor-rmas" in found and not any(path.startswith("POST /api/vendors/") for path in found)
    assert "POST /api/customers/{customer_id}/addresses" in found  # plain child data still nests under its owner


# ----------------------------------------------------------------------------- open-ended input

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.spec_strategies import plans_hold_up, spec_lines  # noqa: E402

_WORDS = ["Members", "MUST", "be able to", "comment on", "tasks", "invite", "people", "register",
          "a player", "for a tournament", "add and remove", "tags", "on a saved article", "let readers",
          "reviews", "(", ")", "When", "they", "customer reviews", "product catalog with", "name", ",",
          "and", "from", "remove", "players", "tournament registrations",
          "[NEEDS CLARIFICATION: delete messages?]", "Validation:", "showing"]
_DEFINITIONS = ["### Key Entities", "- **Task**: a unit of work with a title.", "- **Comment**: text on a Task.",
                "- **Invitation**: an offer.", "- **Article**: a page with its tags.", "- **Tag**: a label on articles.",
                "- **Player**: a person.", "- **Tournament**: a competition.",
                "- **Tournament Registration**: a Player's entry.", "- **Product**: an item.",
                "- **Customer**: a buyer with email and password."]
_LINES = spec_lines(_WORDS, _DEFINITIONS + ["## Requirements", "### User Story 1 - Comment on tasks (Priority: P1)", ""])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES)
def test_link_and_made_routes_hold_up_on_any_mix_of_their_wording(lines):
    _domain, plan = plans_hold_up("# Feature Specification: X\n\n" + "\n".join(lines))
    for route in plan.routes:
        assert route.service_method
        if route.link:
            assert route.method in ("POST", "DELETE") and route.resource != route.link


ROLES = """
## Requirements

- **FR-001**: The system MUST allow creating, updating and deleting users.
- **FR-002 (Assign role)**: The system MUST allow assigning a role to a user.
- **FR-003 (Remove role)**: The system MUST allow removing a role from a user; removing a role that is not assigned
  MUST be treated as a no-op.
- **FR-004**: The system MUST list the known roles.

### Key Entities

- **User**: an account with a username and an email; has assigned roles.
- **Role**: a named set of permissions shared by many users.
"""


def test_a_role_given_to_people_is_added_to_and_removed_from_one_of_them() -> None:
    found = routes(plan_of(ROLES))
    assert "POST /api/users/{user_id}/roles" in found
    assert "DELETE /api/users/{user_id}/roles/{role_id}" in found
    # removing a role from a user never deletes the role itself, whatever the wording around it
    assert not any(key.startswith("DELETE /api/roles") for key in found)
    assert found["DELETE /api/users/{user_id}/roles/{role_id}"].link == "Role"


def test_deleting_a_role_itself_stays_a_delete_of_the_role() -> None:
    found = routes(plan_of(ROLES.replace("- **FR-004**: The system MUST list the known roles.",
                                         "- **FR-004**: Administrators MUST be able to delete roles.")))
    assert "DELETE /api/roles/{role_id}" in found


LIBRARY = """
## Requirements

- **FR-001**: Members MUST be able to reserve books.

### Key Entities

- **User**: Represents library members with login credentials
- **Book**: Represents library collection items with title, author, and stock quantity
- **Reservation**: Links users to books they have reserved, includes reservation date and status
"""


def test_a_definition_opening_with_links_joins_the_two_and_reserving_makes_one() -> None:
    domain = infer_domain(parse_spec(plan_helpers.spec_of(LIBRARY, "Library"), plan_helpers.PATH))
    reservation = next(e for e in domain.entities if e.name == "Reservation")
    assert {("belongs-to", "User"), ("belongs-to", "Book")} <= {(r.kind, r.target) for r in reservation.relationships}
    assert "reserved" not in [a.name for a in reservation.attributes]  # "they have reserved": a tense
    book = next(e for e in domain.entities if e.name == "Book")
    assert any(r.field == "author_id" for r in book.relationships)  # the author's key stays
    keys = route_keys(plan_helpers.plan_of(LIBRARY, "Library"))
    assert "POST /api/reservations" in keys and "POST /api/books" not in keys
