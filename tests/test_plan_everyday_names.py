"""Everyday names and access rules.

- A compound entity the spec mostly calls by its last word (`Blog Post` → "the post", "their own posts") is matched by
  that word, and its routes use it (`/posts`); not when the word is mostly a verb ("users can view"), when another
  entity's name holds the word, or (for the path) when the full name is said more often.
- Access rules name operations: "require authentication for creating, updating, or deleting posts" asks for all three;
  "prevent authors from editing posts they did not create" says editing exists (for the owner).
- "other authors' posts": the thing acted on is the posts, not the authors.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.infer import infer_domain
from analysis.plan.model import Plan
from tests import plan_helpers
from tests.plan_helpers import route_keys

BLOG = """
## User Scenarios & Testing

### User Story 1 - Write posts (Priority: P1)

Authors write a post, keep the post as a draft and publish their own posts when ready.

1. **Given** an author, **When** they create a post with a title, **Then** the post is saved as a draft
2. **Given** a draft, **When** a reader lists the posts, **Then** each post shows its title

## Requirements

- **FR-001**: System MUST allow authors to create blog posts with a title and a body.
- **FR-002**: System MUST require authentication for creating, updating, or deleting posts.
- **FR-003**: System MUST let readers list published posts.

### Key Entities

- **Blog Post**: an article an author writes, with a title and a body.
- **Author**: a person who writes posts.
"""


def spec_of(body: str) -> str:
    return plan_helpers.spec_of(body, "Blog")


def plan_of(body: str) -> Plan:
    return plan_helpers.plan_of(body, "Blog")


def entity(body: str, name: str):
    return plan_helpers.entity_of(body, name, "Blog")


def test_the_last_word_the_spec_uses_alone_is_the_everyday_name_and_the_path() -> None:
    post = entity(BLOG, "BlogPost")
    assert post.aliases == ["post"] and post.usual_name == "post"
    found = route_keys(plan_of(BLOG))
    assert {"POST /api/posts", "GET /api/posts", "PUT /api/posts/{blog_post_id}",
            "DELETE /api/posts/{blog_post_id}"} <= found
    assert not any("/blog-posts" in key for key in found)


def test_the_model_keeps_the_name_the_spec_defines() -> None:
    plan = plan_of(BLOG)
    assert "BlogPost" in {m.name for m in plan.models}


def test_a_word_mostly_used_as_a_verb_is_no_everyday_name() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users can view the reports they saved; they can view a report and we view it too.
    - **FR-002**: Users can view their dashboard and the view shows a chart.
    - **FR-003**: Users can save a view of the report list; the view keeps its filters; each view has a name.

    ### Key Entities

    - **Saved View**: a named set of filters a user keeps.
    - **Report**: a chart a user builds.
    """
    assert entity(body, "SavedView").aliases == []


def test_a_plural_after_to_is_a_noun_not_a_verb() -> None:
    body = """
    ## Requirements

    - **FR-001**: Administrators MUST be able to create a profile for each person and suspend a profile.
    - **FR-002**: Administrators MUST be able to assign door templates to profiles and export the profile list.
    - **FR-003**: A profile holds a badge number; the profile shows the templates assigned to profiles.
    - **FR-004**: Operators MUST be able to search a profile by name.

    ### Key Entities

    - **Person Profile**: a person known to the door system, with a name and a badge number.
    """
    # "assign door templates to profiles": a noun in the plural after "to", not the infinitive "to profile"
    assert entity(body, "PersonProfile").usual_name == "profile"
    assert any(key.startswith("POST /api/profiles") for key in route_keys(plan_of(body)))


def test_a_word_another_name_ends_with_is_no_everyday_name() -> None:
    body = BLOG.replace("- **Author**: a person who writes posts.",
                        "- **Author**: a person who writes posts.\n- **Forum Post**: a reply in the forum.")
    assert entity(body, "BlogPost").aliases == []


def test_another_name_starting_with_the_word_is_not_counted_as_the_word_alone() -> None:
    body = """
    ## Requirements

    - **FR-001**: Staff MUST approve the loan request, then the loan starts; a student sees the loan request.
    - **FR-002**: A student may file a loan request; each loan request names a book; the loan request waits.
    - **FR-003**: Staff close the loan when the book is back; each loan has a due date; overdue loans are flagged.
    - **FR-004**: Staff MUST be able to list loans.

    ### Key Entities

    - **Loan Request**: a student's request to borrow a book.
    - **Active Loan**: a book a student has borrowed, with a due date.
    - **Book**: a title the library holds.
    """
    loan = entity(body, "ActiveLoan")
    assert loan.aliases == ["loan"] and loan.usual_name == "loan"
    assert entity(body, "LoanRequest").aliases == []
    found = route_keys(plan_of(body))
    assert any(key.startswith("GET /api/loans") for key in found)
    assert any("/loan-requests" in key for key in found) and not any("/requests" in key for key in found)


def test_a_full_name_said_more_often_keeps_the_path() -> None:
    body = """
    ## Requirements

    - **FR-001**: Staff MUST be able to create a delivery area, edit a delivery area and list delivery areas.
    - **FR-002**: Each delivery area has a fee; the area is shown at checkout; a customer picks an area.
    - **FR-003**: An order goes to one delivery area and the area fee is added; every area has a name.

    ### Key Entities

    - **Delivery Area**: a part of town the restaurant delivers to, with a fee.
    - **Order**: what a customer buys.
    """
    area = entity(body, "DeliveryArea")
    assert area.aliases == ["area"] and area.usual_name == ""
    assert "POST /api/delivery-areas" in route_keys(plan_of(body))


def test_refusing_other_peoples_records_says_the_operation_exists() -> None:
    body = """
    ## Requirements

    - **FR-001**: Authors MUST be able to create articles with a title.
    - **FR-002**: System MUST prevent authors from editing or deleting articles they did not create.

    ### Key Entities

    - **Article**: a text an author writes.
    """
    found = route_keys(plan_of(body))
    assert {"PUT /api/articles/{article_id}", "DELETE /api/articles/{article_id}"} <= found


def test_a_plain_refusal_still_asks_for_nothing() -> None:
    body = """
    ## Requirements

    - **FR-001**: Authors MUST be able to create articles with a title.
    - **FR-002**: Authors MUST NOT delete articles.

    ### Key Entities

    - **Article**: a text an author writes.
    """
    assert not any(key.startswith("DELETE") for key in route_keys(plan_of(body)))


def test_other_peoples_things_are_the_object_not_the_people() -> None:
    body = """
    ## Requirements

    - **FR-001**: Authors MUST be able to create articles with a title.
    - **FR-002**: Authors MUST be able to view other authors' published articles.

    ### Key Entities

    - **Article**: a text an author writes.
    - **Author**: a person who writes articles.
    """
    found = route_keys(plan_of(body))
    assert "GET /api/articles" in found
    assert not any(key.startswith("GET /api/authors") for key in found)


def test_a_means_the_system_provides_for_doing_something_asks_for_it() -> None:
    body = """
    ## Requirements

    - **FR-001**: System MUST allow managers to view a list of all warehouses.
    - **FR-002**: System MUST provide a modal interface for adding new warehouses with a name and a capacity.

    ### Key Entities

    - **Warehouse**: a building that stores goods, with a name and a capacity.
    """
    assert "POST /api/warehouses" in route_keys(plan_of(body))


def test_what_the_system_itself_provides_asks_for_nothing() -> None:
    body = """
    ## Requirements

    - **FR-001**: System MUST allow managers to view a list of all warehouses.
    - **FR-002**: System MUST provide a nightly job that archives warehouses.

    ### Key Entities

    - **Warehouse**: a building that stores goods, with a name and a capacity.
    """
    assert not any("archive" in key for key in route_keys(plan_of(body)))


def test_the_entity_hover_shows_the_everyday_name_and_its_routes() -> None:
    from analysis import navigation

    document = parse_spec(spec_of(BLOG), "specs/001-x/spec.md")
    domain = infer_domain(document)
    text = navigation.entity_hover("Blog Post", [document], domain, build_plan(document))
    assert "**Also called:** “post” (its routes say `post`)" in text
    assert "`GET /api/posts`" in text


def test_a_relationship_said_to_be_many_to_many_is_one_even_after_has_many() -> None:
    body = """
    ## Requirements

    - **FR-001**: Authors MUST be able to create articles with a title and tags.

    ### Key Entities

    - **Article**: a text an author writes, with a title.
    - **Label**: a word that groups articles, with a unique name.
    - **Relationships**:
      - One Article has many Labels, one Label belongs to many Articles (many-to-many)
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    by_name = {e.name: e for e in domain.entities}
    assert [(r.kind, r.target) for r in by_name["Label"].relationships] == [("many-to-many", "Article")]
    assert ("many-to-many", "Label") in [(r.kind, r.target) for r in by_name["Article"].relationships]
    assert [e.name for e in domain.entities if e.link] == ["ArticleLabel"]


CHAT = """
## Requirements

- **FR-001**: Users MUST be able to create an account and log in with an email and a password.
- **FR-002**: Users MUST be able to create group conversations with multiple participants.
- **FR-003**: Users MUST be able to send a message in a conversation.

### Key Entities

- **User**: a person with an account, with an email.
- **Conversation**: a chat between people, with a title.
- **Message**: a text sent in a conversation.
"""


def test_people_taking_part_in_a_thing_get_a_link_named_for_their_part() -> None:
    domain = infer_domain(parse_spec(spec_of(CHAT), "specs/001-x/spec.md"))
    by_name = {e.name: e for e in domain.entities}
    link = by_name["ConversationParticipant"]
    assert link.link and {r.target for r in link.relationships} == {"Conversation", "User"}
    assert ("many-to-many", "User") in [(r.kind, r.target) for r in by_name["Conversation"].relationships]


def test_a_things_members_compound_names_the_membership() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to create an account and log in with an email and a password.
    - **FR-002**: Coordinators MUST be able to create events for their team; all team members see the event.

    ### Key Entities

    - **User**: a person with an account, with an email.
    - **Team**: a group of people who run events, with a name.
    - **Event**: something a team organises, with a date.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    assert "TeamMember" in {e.name for e in domain.entities if e.link}


def test_a_membership_replaces_the_member_list_and_records_when_it_began() -> None:
    body = CHAT.replace("- **Conversation**: a chat between people, with a title.",
                        "- **Conversation**: a chat between people, with a title and a participant list.")
    document = parse_spec(spec_of(body), "specs/001-x/spec.md")
    domain = infer_domain(document)
    by_name = {e.name: e for e in domain.entities}
    assert "participant_list" not in {a.name for a in by_name["Conversation"].attributes}
    assert [a.name for a in by_name["ConversationParticipant"].attributes] == ["joined_at"]
    assert any("'membership'" in line and "`joined_at`" in line for line in build_plan(document).assumptions)


def test_participants_the_spec_models_itself_get_no_second_link() -> None:
    body = CHAT.replace("- **Message**", "- **Participant**: a person in a conversation, with a nickname.\n- **Message**")
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    assert not any(e.name == "ConversationParticipant" for e in domain.entities)


def test_prose_that_calls_a_name_an_entity_names_one() -> None:
    body = """
    ## Clarifications

    - Q: One shop or many? → A: Many shops in one instance; the data model requires a Shop/Account entity.
    - Q: Audit trail? → A: No new Audit entity; the existing log is enough.

    ## Requirements

    - **FR-001**: Owners MUST be able to add products with a name and a price.

    ### Key Entities

    - **Product**: something the shop sells, with a name and a price.
    """
    names = {e.name for e in infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md")).entities}
    assert "Shop" in names and "Audit" not in names and "Account" not in names


def test_line_items_each_referencing_a_thing_are_rows_of_their_own() -> None:
    body = """
    ## Requirements

    - **FR-001**: Shoppers MUST be able to add products to their cart.

    ### Key Entities

    - **Product**: something for sale, with a name and a price.
    - **Cart**: a shopper's intended purchases; contains line items each referencing a product, quantity.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    line = next(e for e in domain.entities if e.name == "CartLineItem")
    assert {r.target for r in line.relationships if r.kind == "belongs-to"} == {"Cart", "Product"}
    assert "quantity" in {a.name for a in line.attributes}


def test_marking_a_thing_as_a_state_is_that_action() -> None:
    body = """
    ## Requirements

    - **FR-001**: Librarians MUST be able to record a loan of a book to a reader.
    - **FR-002**: System MUST allow librarians to mark loans as returned.
    - **FR-003**: System MUST allow librarians to mark fines as paid.

    ### Key Entities

    - **Loan**: a book lent to a reader, with a due date.
    - **Fine**: money a reader owes for a late loan, with an amount.
    """
    found = route_keys(plan_of(body))
    assert {"POST /api/loans/{loan_id}/return", "POST /api/fines/{fine_id}/pay"} <= found
    assert "PUT /api/loans/{loan_id}" not in found


# ----------------------------------------------------------------------------- open-ended input

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.spec_strategies import plans_hold_up, spec_lines  # noqa: E402

_WORDS = ["the", "a", "their own", "posts", "post", "can", "view", "views", "MUST", "be able to",
          "require authentication for", "creating,", "updating, or", "deleting", "prevent authors from",
          "editing", "they did not create", "other authors'", "mark", "as returned", "as paid",
          "loans", "loan request", "members", "participants", "team", "with multiple",
          "(many-to-many)", "One Blog Post has many Tags", "a Shop entity", "no Audit entity",
          "provide a form for adding", "line items each referencing a product", "quantity", ".", ";"]
_DEFINITIONS = ["### Key Entities", "- **Blog Post**: an article with a title.", "- **Tag**: a label on posts.",
                "- **Saved View**: a filter set.", "- **Loan Request**: a request.", "- **Active Loan**: a loan.",
                "- **Team**: a group with a member list.", "- **User**: a person with an account, with an email.",
                "- **Cart**: purchases; contains line items each referencing a product, quantity.",
                "- **Product**: an item.", "- **Forum Post**: a reply."]
_LINES = spec_lines(_WORDS, _DEFINITIONS + ["## Requirements", "## Clarifications", ""])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES)
def test_the_new_rules_hold_up_on_any_mix_of_their_wording(lines):
    domain, plan = plans_hold_up("# Feature Specification: X\n\n" + "\n".join(lines))
    names = {e.name.casefold() for e in domain.entities}
    for entity in domain.entities:
        for alias in entity.aliases:
            assert alias.islower() and " " not in alias and alias not in names
        assert entity.usual_name in ("", *entity.aliases)
    for route in plan.routes:
        assert all(part == part.casefold() or part.startswith("{") for part in route.path.split("/"))


def test_a_plural_the_spec_names_a_thing_by_is_no_verb() -> None:
    body = BLOG + "- **Reader**: a person who reads posts.\n" + """
## More requirements

- **FR-004**: System MUST allow direct access to archived posts for readers who have the link.
"""
    found = route_keys(plan_of(body))
    assert not any(key.startswith("POST /api/readers") for key in found)


def test_a_refusal_covers_every_verb_of_its_list() -> None:
    body = """
    ## Requirements

    - **FR-001**: Coaches MUST be able to create programs with exercises.
    - **FR-002**: Athletes MUST NOT be able to add, remove, or reorder exercises.

    ### Key Entities

    - **Program**: a plan of training, with a name.
    - **Exercise**: one movement in a program, with a name.
    """
    found = route_keys(plan_of(body))
    assert not any(key.startswith("DELETE") or "reorder" in key for key in found)


def test_an_entity_that_links_two_others_holds_both_keys_and_they_hold_none() -> None:
    body = """
    ## Requirements

    - **FR-001**: Managers MUST be able to register items and add warehouses.
    - **SC-001**: 95% of users can add items to warehouses on their first attempt.

    ### Key Entities

    - **User**: a person with an account, with an email.
    - **Warehouse**: a storage location with a name; stores multiple items.
    - **Item**: a product in the master catalog, with a SKU; can be stored in multiple warehouses.
    - **Stock**: the quantity of a specific item in a specific warehouse; links item to warehouse.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    by_name = {e.name: e for e in domain.entities}
    kinds = lambda name: {(r.kind, r.target) for r in by_name[name].relationships}  # noqa: E731
    assert {("belongs-to", "Item"), ("belongs-to", "Warehouse")} <= kinds("Stock")
    assert not {t for k, t in kinds("Item") if k == "belongs-to"} and not any(t == "Item" for _k, t in kinds("Warehouse"))
    assert not any(t == "Item" for _k, t in kinds("User"))  # a success criterion says nothing of whose items are


def test_without_definitions_a_thing_requirements_keep_creating_and_retrieving_is_an_entity() -> None:
    body = """
    ## Requirements

    - **FR-001**: The system MUST support creating a transaction with product name, unit price and amount.
    - **FR-002**: The system MUST support retrieving a transaction by its identifier.
    - **FR-003**: The system MUST support deleting a transaction.
    """
    names = {e.name for e in infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md")).entities}
    assert "Transaction" in names


def test_the_specs_own_path_for_an_account_flow_replaces_the_generated_one() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to register with an email and a password, and log in.
    - **FR-002**: The API exposes `POST /signup` and `POST /signin` for this.

    ### Key Entities

    - **User**: a person with an account, with an email.
    """
    found = route_keys(plan_of(body))
    assert {"POST /signup", "POST /signin"} <= found
    assert "POST /api/auth/login" not in found and "POST /api/auth/register" not in found


def test_registration_and_authentication_are_sign_up_and_sign_in() -> None:
    body = """
    ## Requirements

    - **FR-001**: System MUST support role-based account registration and authentication for staff and patients.
    - **FR-002**: Staff MUST be able to create appointments.

    ### Key Entities

    - **User**: a person with an account, with an email.
    - **Appointment**: a visit at a time.
    """
    found = route_keys(plan_of(body))
    assert {"POST /api/auth/register", "POST /api/auth/login"} <= found


def test_things_that_belong_to_several_others_and_new_groups_of_them() -> None:
    body = """
    ## Requirements

    - **FR-001**: Admins MUST be able to add new devices.
    - **FR-002**: System MUST allow admins to create logical groups of devices.
    - **FR-003**: System MUST allow assigning devices to one or more groups simultaneously.

    ### Key Entities

    - **Device**: a monitored machine with a unique name.
    - **Group**: a named set of devices.
    """
    domain = infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md"))
    device = next(e for e in domain.entities if e.name == "Device")
    assert ("many-to-many", "Group") in [(r.kind, r.target) for r in device.relationships]
    found = route_keys(plan_of(body))
    assert {"POST /api/devices", "POST /api/groups"} <= found
    assert not any(key.startswith("POST /api/devices/{device_id}/groups") for key in found)
    said = body.replace("allow assigning devices to one or more groups simultaneously",
                        "keep the device list; devices can belong to multiple groups")
    device = next(e for e in infer_domain(parse_spec(spec_of(said), "specs/001-x/spec.md")).entities if e.name == "Device")
    assert ("many-to-many", "Group") in [(r.kind, r.target) for r in device.relationships]


def test_a_table_named_after_one_of_the_specs_own_headings_is_the_documents_table() -> None:
    body = """
    ## Requirements

    - **FR-001**: Owners MUST be able to add products with a name and a price.
    - **FR-002**: Sales MUST be written to the Daily Sales table each night.

    ### Key Entities

    - **Product**: something the shop sells, with a name and a price.

    ## Resolved Questions

    | ID | Decision |
    | -- | -------- |
    | Q1 | Prices include tax |

    ### How to record a decision

    Each decision MUST include the following fields in the Resolved Questions table:

    | Field | Description |
    | ----- | ----------- |
    | ID | The question's identifier |
    | Decision | The chosen answer |
    """
    names = {e.name for e in infer_domain(parse_spec(spec_of(body), "specs/001-x/spec.md")).entities}
    assert "ResolvedQuestions" not in names
    # A table no heading of the document names is still one of the data model.
    assert "DailySales" in names


MOVIES = """
## Requirements

- **FR-001**: Users MUST be able to add movie entries with a title, a streaming platform and genre tags.
- **FR-002**: Admins MUST be able to manage platforms and tags (create, list, delete).
- **FR-003**: Users MUST be able to filter entries by platform and by tags.
- **FR-004**: Deleting a tag MUST remove it from every entry; deleting a platform MUST clear it on entries.
- **FR-005**: Users MUST be able to pick a tag from the available tags and see the platform of an entry.
- **FR-006**: Each entry has at most one platform; the platform is optional, and a tag may label many entries.
- **FR-007**: Each streaming platform has a name; a streaming platform with entries cannot be deleted, and streaming
  platforms are listed by name.

### Key Entities

- **Entry**: a movie or series with a title.
- **Streaming Platform**: where an entry can be watched, with a name.
- **Genre Tag**: a label for entries (action, comedy), shared by many entries.
"""


def test_a_last_word_said_alone_after_a_verb_or_a_preposition_counts_too() -> None:
    paths = {r.path for r in plan_of(MOVIES).routes}
    # "manage platforms", "filter by platform": said alone as often as in full, so the paths say it alone
    assert "/api/platforms" in paths and "/api/streaming-platforms" not in paths


def test_a_three_letter_noun_and_a_link_named_after_it_do_not_block_the_everyday_name() -> None:
    paths = {r.path for r in plan_of(MOVIES).routes}
    assert "/api/tags" in paths and "/api/genre-tags" not in paths


def test_a_name_whose_first_word_is_what_the_spec_is_about_is_called_by_its_last_word() -> None:
    body = """
    ## Requirements

    - **FR-001**: Authors MUST be able to create a blog post, edit a blog post and delete blog posts.
    - **FR-002**: Readers MUST be able to list blog posts and read a blog post; each blog post has comments.
    - **FR-003**: The post shows its author; a reader opens the post; every post has a title.

    ### Key Entities

    - **Blog Post**: an article an author writes, with a title and a body.
    """
    # "blog post" six times, "post" alone three: in a spec about a blog, a post is what it is called.
    assert entity(body, "BlogPost").usual_name == "post"
    assert "POST /api/posts" in route_keys(plan_of(body))
    elsewhere = plan_helpers.plan_of(body, "Publishing Platform")
    assert "POST /api/blog-posts" in route_keys(elsewhere)


TODOS = """
## Requirements

- **FR-001**: Users MUST be able to create a todo with a title and mark a todo as completed.
- **FR-002**: Users MUST be able to list all todos and sort the existing todos.
- **FR-003**: Users MUST be able to delete a todo; the todo disappears while multiple todos stay.

### Key Entities

- **Todo Item**: one thing to do, with a title and a completed flag.
"""


def test_a_name_ending_in_a_generic_word_is_called_by_its_first_word() -> None:
    todo = entity(TODOS, "TodoItem")
    assert todo.aliases == ["todo"] and todo.usual_name == "todo"
    found = route_keys(plan_of(TODOS))
    assert {"POST /api/todos", "GET /api/todos", "DELETE /api/todos/{todo_item_id}"} <= found
    assert not any("todo-items" in key for key in found)


def test_a_first_word_never_counted_in_the_plural_is_an_adjective() -> None:
    body = """
    ## Requirements

    - **FR-001**: Doctors MUST be able to create a medical record for the medical consultation.
    - **FR-002**: Patients MUST be able to read their medical records; the medical history stays private.
    - **FR-003**: A medical team reviews each medical record; the medical staff signs it.

    ### Key Entities

    - **Medical Record**: a patient's consultation notes.
    """
    assert entity(body, "MedicalRecord").aliases == []
    assert "POST /api/medical-records" in route_keys(plan_of(body))


def test_a_name_starting_with_what_the_spec_is_about_needs_its_last_word_alone_only_three_times() -> None:
    body = """
    ## Requirements

    - **FR-001**: Users MUST be able to log climbing sessions with a date and notes.
    - **FR-002**: System MUST display a history of logged climbing sessions; a session shows its notes.
    - **FR-003**: Users MUST be able to list future sessions and past sessions.

    ### Key Entities

    - **Climbing Session**: one visit to a climbing gym, with a date and notes.
    """
    assert "POST /api/sessions" in route_keys(plan_helpers.plan_of(body, "Climbing Progress Tracker"))
    assert "POST /api/climbing-sessions" in route_keys(plan_helpers.plan_of(body, "Gym Log"))
