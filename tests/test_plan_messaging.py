"""Conversations and their messages: a definition that opens with its verb (`Contains text content, timestamp,
sender`), the kind of text naming the column's type (`text content` -> `content: text`), `conversation context`
as a link to the conversation, the people taking part in a thread (`between users`, `participants`) through a
participation record, and messages that belong to the space they are sent in, listed and sent there
(`/conversations/{conversation_id}/messages`).

Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.infer import infer_domain
from analysis.plan.model import DomainModel, Plan

THREADS = """
## Requirements

- **FR-001**: Signed-in users MUST be able to send text messages to other users.
- **FR-002**: System MUST show the message history of a conversation.

### Key Entities

- **User**: A person using the app, with a display name and email.
- **Message**: Contains text content, timestamp, sender, delivery status, and conversation context
- **Conversation**: Represents a communication thread between users, contains message history and participants
"""

ROOMS = """
## Requirements

- **FR-001**: Users MUST be able to send messages to the room they joined.
- **FR-002**: Users MUST be able to view previous messages when joining a room.
- **FR-003**: Users MUST be able to edit their own messages.

### Key Entities

- **User**: A participant with a unique display name.
- **Message**: A piece of text a user sends, with its author and a timestamp.
- **Chat Room**: The space where messages are exchanged, with a name and a topic.
"""


def _text(body: str) -> str:
    return "# Feature Specification: Chat\n\n" + textwrap.dedent(body).lstrip("\n")


def domain_of(body: str) -> DomainModel:
    return infer_domain(parse_spec(_text(body), "specs/001-x/spec.md"))


def plan_of(body: str) -> Plan:
    return build_plan(parse_spec(_text(body), "specs/001-x/spec.md"))


def test_a_definition_opening_with_contains_lists_its_columns() -> None:
    message = domain_of(THREADS).entity("Message")
    names = [a.name for a in message.attributes]
    assert "contains" not in names and "text_content" not in names
    content = next(a for a in message.attributes if a.name == "content")
    assert content.type == "text"
    assert {"timestamp", "delivery_status"} <= set(names)


def test_conversation_context_is_a_link_to_the_conversation() -> None:
    message = domain_of(THREADS).entity("Message")
    assert "conversation_context" not in [a.name for a in message.attributes]
    link = next(r for r in message.relationships if r.target == "Conversation")
    assert link.kind == "belongs-to" and link.field == "conversation_id"


def test_people_in_a_thread_are_linked_through_a_participation_record() -> None:
    domain = domain_of(THREADS)
    conversation = domain.entity("Conversation")
    assert "participants" not in [a.name for a in conversation.attributes]
    assert not any(r.kind == "belongs-to" and r.target == "User" for r in conversation.relationships)
    link = domain.entity("ConversationParticipant")
    assert link is not None and link.link
    assert {r.target for r in link.relationships} == {"Conversation", "User"}
    assert any(r.kind == "many-to-many" and r.target == "User" for r in conversation.relationships)


def test_messages_are_listed_and_sent_in_their_conversation() -> None:
    found = {f"{r.method} {r.path}" for r in plan_of(THREADS).routes}
    assert "GET /api/conversations/{conversation_id}/messages" in found
    assert not {"GET /api/messages", "POST /api/messages"} & found


def test_a_message_belongs_to_the_room_it_is_sent_in_as_a_stated_assumption() -> None:
    domain = domain_of(ROOMS)
    link = next(r for r in domain.entity("Message").relationships if r.target == "ChatRoom")
    assert link.kind == "belongs-to" and link.field == "chat_room_id" and link.required
    assert "assumed" in link.description
    found = {f"{r.method} {r.path}" for r in plan_of(ROOMS).routes}
    assert {"POST /api/chat-rooms/{chat_room_id}/messages", "GET /api/chat-rooms/{chat_room_id}/messages"} <= found
    # one message is still edited at its own path
    assert "PUT /api/messages/{message_id}" in found


def test_with_two_kinds_of_space_a_message_belongs_to_either() -> None:
    domain = domain_of("""
        ## Requirements

        - **FR-001**: Users MUST be able to post messages in channels and send direct messages.

        ### Key Entities

        - **User**: A person with a username.
        - **Message**: One communication from a user, with content and a timestamp.
        - **Channel**: A named discussion space.
        - **Direct Conversation**: A private thread between exactly two users.
    """)
    links = {r.target: r for r in domain.entity("Message").relationships if r.kind == "belongs-to"}
    assert not links["Channel"].required and not links["DirectConversation"].required


def test_nothing_is_assumed_without_a_message_entity_or_a_space() -> None:
    domain = domain_of("""
        ## Requirements

        - **FR-001**: Users MUST be able to create memos in a notebook.

        ### Key Entities

        - **Memo**: A piece of text with a title.
        - **Notebook**: A named collection of memos.
        - **Channel**: A delivery channel for reminders (email, sms).
    """)
    assert not any(r.target == "Channel" for r in domain.entity("Memo").relationships)


COMMUNITIES = """
## Requirements

- **FR-001**: Administrators MUST be able to invite members to a community.

### Key Entities

- **Community**: A closed group with its own membership and marketplace, administered by administrators.
- **Membership**: A user's relationship to one specific community; has a status (active or revoked).
- **User**: A person who may hold memberships across multiple communities and invite community members.
"""


def test_a_membership_the_spec_models_gets_no_second_link_and_its_own_membership_is_the_communitys() -> None:
    domain = domain_of(COMMUNITIES)
    assert not any(e.link for e in domain.entities)  # no CommunityMember beside the spec's Membership
    assert not any(r.kind == "belongs-to" and r.target == "Membership" for r in domain.entity("Community").relationships)
    assert any(r.kind == "belongs-to" and r.target == "Community" for r in domain.entity("Membership").relationships)
