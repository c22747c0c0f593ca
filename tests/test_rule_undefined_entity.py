"""undefined-entity: terms used like entity names that no definition covers; precision before recall."""

from analysis.parse import parse_spec
from analysis.rules import check_document
from analysis.workspace import WorkspaceIndex
from tests.fixture import annotations

# Indented like the fixtures it is appended to, so that dedenting the whole text works.
ENTITIES = """
        ### Key Entities

        - **Reading List**: a named list of books a member keeps
        - **Book**: a title in the catalogue
        - **Audit Log Entry**: who changed what, and when
        """


def findings(fixture: str, workspace=None, path: str = "specs/001-x/spec.md"):
    text, expected, _ = annotations(fixture)
    document = parse_spec(text, path)
    return [f for f in check_document(document, workspace=workspace, only=["undefined-entity"]).findings], expected


def check(fixture: str, workspace=None) -> None:
    got, expected = findings(fixture, workspace)
    actual = sorted((f.range.start.line, f.range.start.character, f.range.end.character, f.data["name"]) for f in got)
    assert actual == sorted(expected)


def test_capitalised_phrase_after_determiner_is_reported_with_suggestion():
    got, expected = findings("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST record the Audit Entry for every change to a reading list
                                             ^^^^^^^^^^^ Audit Entry
        """ + ENTITIES)
    assert [(f.range.start.line, f.range.start.character, f.range.end.character, f.data["name"]) for f in got] == expected
    finding = got[0]
    assert finding.data == {"name": "Audit Entry", "suggestion": "Audit Log Entry"}
    assert "Audit Entry" in finding.message and "Audit Log Entry" in finding.message
    assert [fix.title for fix in finding.fixes] == ["Add 'Audit Entry' to Key Entities", "Replace 'Audit Entry' with 'Audit Log Entry'"]
    assert finding.fixes[1].edits[0].new_text == "Audit Log Entry" and finding.fixes[1].edits[0].range == finding.range


def test_add_definition_fix_appends_stub_after_last_entity():
    got, _ = findings("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST store each ShelfLocation of a book
        """ + ENTITIES)
    edit = got[0].fixes[0].edits[0]
    text, _, _ = annotations("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST store each ShelfLocation of a book
        """ + ENTITIES)
    lines = text.split("\n")
    assert edit.new_text == "\n- **ShelfLocation**: [describe]"
    assert lines[edit.range.start.line].startswith("- **Audit Log Entry**")
    assert edit.range.start.character == len(lines[edit.range.start.line])


def test_add_definition_fix_creates_section_when_entities_come_from_a_glossary_only():
    got, _ = findings("""
        # Requirements Document
        ## Glossary
        - **Issue_Manager**: the automation that triages issues
        ### Requirement 1: Triage
        #### Acceptance Criteria
        1. WHEN an issue opens, THE Issue_Manager SHALL ask the Label_Assigner for labels
        2. WHEN labels are ready, THE Label_Writer SHALL store them
        """, path=".kiro/specs/triage/requirements.md")
    # `THE Label_Writer SHALL` belongs to kiro-undefined-glossary-term; the other use is reported here.
    assert [f.data["name"] for f in got] == ["Label_Assigner"]
    assert got[0].data["suggestion"] is None and got[0].message.endswith("Define it under Glossary or rephrase.")
    assert got[0].fixes[0].title == "Add 'Label_Assigner' to Glossary"


def test_camel_case_type_name_is_reported():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-002**: Each reading list MUST hold ordered ReadingListItem records
                                                          ^^^^^^^^^^^^^^^ ReadingListItem
        """ + ENTITIES)


def test_relation_list_in_an_entity_description_is_checked():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: Members MUST be able to keep a reading list of books
        ### Key Entities
        - **Reading List**: a list of books. Related to: Book, Shelf Location
                                                               ^^^^^^^^^^^^^^ Shelf Location
        - **Book**: a title in the catalogue
        """)


def test_each_name_is_reported_once_with_the_other_places_related():
    got, _ = findings("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST keep every ShelfLocation of a book
        - **FR-002**: System MUST show the ShelfLocation of a book
        """ + ENTITIES)
    assert len(got) == 1 and len(got[0].related) == 1 and got[0].related[0].range.start.line == 3


def test_defined_names_in_any_spelling_are_not_reported():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: Members MUST create a Reading List, add Books to the Reading Lists and view each ReadingList
        - **FR-002**: The system MUST write an AuditLogEntry and keep the Audit Log Entries for a year
        """ + ENTITIES)


def test_qualified_or_shortened_defined_names_are_not_reported():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST archive a Shared Reading List and keep the Entry for audits in the Audit Log
        - **FR-002**: System MUST keep every Entry and every Entry for each book
        """ + ENTITIES)


def test_actors_roles_ui_products_and_sentence_starts_are_not_reported():
    check("""
        # Feature Specification: Lists
        ## User Scenarios & Testing
        ### User Story 1 - Curate lists (Priority: P1)
        As a Head Librarian, I want to curate reading lists so that members find books.
        1. **Given** the Head Librarian is signed in, **When** they open the Settings Page, **Then** the Account Manager sees lists
        2. **Given** a Google Calendar, **When** the Kanban board opens, **Then** the Admin sees it
        ## Requirements
        - **FR-001**: Reading lists MUST sync with the Google Drive of each member
        - **FR-002**: System MUST support users in the United Kingdom and in Bristol
        - **FR-003**: Status MUST be "In Progress" or "Done"; the In Progress state is shown
        - **FR-004**: The GitHub integration and the WebSocket feed MUST stay in sync
        """ + ENTITIES)


def test_heading_texts_and_quoted_values_are_not_reported():
    check("""
        # Feature Specification: Dark Mode
        ## Requirements
        - **FR-001**: The app MUST remember the Dark Mode choice for every reading list
        - **FR-002**: A list named "Summer Reads" MUST be created for new members; the Summer Reads list is shared
        """ + ENTITIES)


def test_names_in_assumptions_are_products_not_entities():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST import each Goodreads Shelf as a reading list
        ## Assumptions
        - Members already have accounts in Goodreads.
        """ + ENTITIES)


def test_spec_without_entities_reports_nothing():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST record the Audit Entry for every ShelfLocation
        """)


def test_examples_and_external_notes_are_not_reported():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST tag each book (e.g. the Summer Picks Tag, the Staff Favourite)
        - **FR-002**: System MUST link a book to the Catalogue Record (from spec 002)
        """ + ENTITIES)


def test_single_capitalised_word_needs_consistent_use():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST attach the Shelf to a reading list
        - **FR-002**: A shelf MUST hold books
        """ + ENTITIES)
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST attach the Shelf to a reading list
                                             ^^^^^ Shelf
        - **FR-002**: Each book MUST sit on one Shelf at a time
        """ + ENTITIES)


def test_entity_defined_in_another_workspace_spec_is_not_reported():
    other = parse_spec("# Feature Specification: Shelves\n### Key Entities\n- **Shelf Location**: where a book sits\n",
                       "specs/002-shelves/spec.md")
    workspace = WorkspaceIndex()
    workspace.update(other)
    fixture = """
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST show the Shelf Location of each book
        """ + ENTITIES
    check(fixture, workspace)
    got, _ = findings(fixture)
    assert [f.data["name"] for f in got] == ["Shelf Location"]


def test_capitalisation_heuristics_are_off_for_languages_that_capitalise_nouns():
    check("""
        # Feature Specification: Listen
        ## Requirements
        - **FR-001**: Das System MUSS die Leseliste und jede Buchung für ein Mitglied speichern, die Ausleihe wird protokolliert
        - **FR-002**: Das System MUSS die Warteliste für eine Ausleihe und den Verlauf einer Buchung anzeigen
        ### Key Entities
        - **Leseliste**: eine Liste von Büchern
        """)


def test_code_spans_and_code_blocks_are_ignored():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST expose `ShelfLocation` and the `Audit Entry` to clients
        ```
        the Audit Entry ShelfLocation
        ```
        """ + ENTITIES)


def test_products_channels_and_organisations_are_not_reported():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: Members MUST share a reading list through the App Store listing and the Web Portal
        - **FR-002**: Lists MUST follow the Style Guide and the Checkout Flow, as agreed with the City Council
        """ + ENTITIES)


def test_code_type_names_are_not_domain_entities():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: The handler MUST return a structured ErrorResponse and log through the ListService
        - **FR-002**: Each reading list MUST keep ordered ShelfEntries
                                                          ^^^^^^^^^^^^ ShelfEntries
        """ + ENTITIES)


def test_names_called_existing_come_from_elsewhere():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: When the Curator Bot approves a list, the reading list MUST be published
        - **FR-002**: This feature reuses the existing Curator Bot
        """ + ENTITIES)


def test_ui_labels_and_action_phrases_are_not_reported():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: After the Sign In, the Search Results MUST show each reading list and the Help Center
        - **FR-002**: Pressing the Add Book opens the Config File in the Notification Center
        """ + ENTITIES)


def test_stub_fix_creates_a_key_entities_section_when_there_is_none():
    from analysis.rules.undefined_entity import _add_definition_fix

    document = parse_spec("# Feature Specification: Lists\n## Requirements\n- **FR-001**: Keep lists", "specs/001-x/spec.md")
    fix = _add_definition_fix(document, "Shelf")
    assert fix.title == "Add a Key Entities section defining 'Shelf'"
    edit = fix.edits[0]
    assert (edit.range.start.line, edit.range.start.character) == (2, len(document.lines[2]))
    assert edit.new_text == "\n\n### Key Entities\n\n- **Shelf**: [describe]\n"


BUSY_SPEC = """
        # Feature Specification: Team Task Board

        ## User Scenarios & Testing *(mandatory)*

        ### User Story 1 - Create tasks (Priority: P1)

        As a Project Manager, I want to create tasks on the Kanban Board so that the team sees the work.

        1. **Given** a signed-in Project Manager, **When** they open the New Task dialog, **Then** the Task Form appears
        2. **Given** the Free Plan, **When** a user adds a 51st task, **Then** the Upgrade Prompt is shown and the Billing Page opens
        3. **Given** the Team Lead approves a task, **When** the Daily Digest runs at 9:00 UTC, **Then** each Assignee gets an Email Notification
        4. **Given** the Dark Theme is on, **When** the user opens the Settings Panel, **Then** the Light/Dark toggle is shown
        5. **Given** a Task in the Done column, **When** the Sprint ends, **Then** the Burndown Chart updates

        ### Edge Cases

        - What happens when the Slack Integration is down? The Retry Queue holds messages.
        - What if the Product Owner deletes a Sprint that has tasks?

        ## Requirements *(mandatory)*

        - **FR-001**: System MUST let the Project Manager create, edit and delete a Task
        - **FR-002**: System MUST store each Task Comment and show the Activity Feed on the Task Detail view
        - **FR-003**: System MUST export the Weekly Report as PDF through the Export Service
        - **FR-004**: System MUST sync due dates with the Google Calendar and the Outlook Calendar
        - **FR-005**: System MUST comply with the General Data Protection Regulation and the WCAG 2.1 AA standard
        - **FR-006**: System MUST show the Pomodoro Timer and the Time Entry for every task
        - **FR-007**: Only the Workspace Owner can archive a Board; an Archived Board is read-only
        - **FR-008**: The Mobile App MUST show the Today View and the Inbox
        - **FR-009**: Each Label belongs to a Workspace and each Swimlane belongs to a Board

        ### Key Entities

        - **Task**: a unit of work with a title, status and assignee; belongs to a Board and a Sprint
        - **Board**: columns of tasks in a Workspace
        - **Sprint**: a time box
        - **Workspace**: the team's space. Related to: Board, Label, Member Invitation
        """


def test_busy_spec_reports_only_data_terms():
    """A spec full of capitalised UI labels, plans, products, roles and standards: only the data terms remain."""
    got, _ = findings(BUSY_SPEC)
    assert [f.data["name"] for f in got] == ["Email Notification", "Task Comment", "Weekly Report", "Time Entry",
                                            "Member Invitation"]


API_SPEC = """
        # Feature Specification: Payments API

        ## User Scenarios & Testing

        ### User Story 1 - Pay an invoice (Priority: P1)

        As a Billing Administrator, I want to refund a PaymentIntent so that the customer gets the money back.

        1. **Given** a PaymentIntent in the Succeeded state, **When** the admin issues a refund, **Then** a RefundRecord is created
        2. **Given** the Stripe Webhook fires, **When** the PaymentController receives it, **Then** the LedgerEntry is written
        3. **Given** an Invoice with a LineItem, **When** the Tax Engine runs, **Then** a TaxBreakdown is attached
        4. **Given** an Idempotency Key, **When** the request repeats, **Then** the same ChargeResponse is returned

        ## Requirements

        - **FR-001**: The API MUST accept a PaymentIntent and return a PaymentIntentResponse (HTTP 201)
        - **FR-002**: The system MUST write a LedgerEntry for every Charge and every Refund
        - **FR-003**: The system MUST use the existing CustomerProfile from the Accounts service
        - **FR-004**: The system MUST retry via the RetryPolicy and log to CloudWatch through the AuditLogger
        - **FR-005**: The system MUST store amounts in ISO 4217 minor units in PostgreSQL via SQLAlchemy
        - **FR-006**: Each Invoice belongs to a BillingAccount and references a PriceBook
        - **FR-007**: The system MUST reconcile with the Acme Bank each night using the SettlementFile format

        ## Assumptions

        - Stripe is the payment processor; Acme Bank provides settlement files.

        ### Key Entities

        - **PaymentIntent**: an attempt to collect money
        - **Invoice**: a bill for a BillingAccount
        - **LedgerEntry**: one double-entry line
        - **Charge**: money taken
        """


def test_api_spec_reports_domain_types_not_code_or_products():
    """CamelCase domain types are reported; controllers, responses, policies, loggers, products, names in
    Assumptions and names called existing are not."""
    got, _ = findings(API_SPEC)
    assert [f.data["name"] for f in got] == ["RefundRecord", "LineItem", "TaxBreakdown", "Idempotency Key",
                                            "BillingAccount", "PriceBook"]


def test_for_a_phrase_is_not_an_actor():
    check("""
        # Feature Specification: Lists
        ## Requirements
        - **FR-001**: System MUST keep a reading list for a ShelfOwnerGroup
                                                            ^^^^^^^^^^^^^^^ ShelfOwnerGroup
        """ + ENTITIES)


def test_code_ticked_names_count_where_entities_are_camel_case():
    camel = """
        # Feature Specification: Forms
        ## Requirements
        - **FR-001**: System MUST persist a `FormSubmission` and all `SubmissionAnswer` rows in one transaction
                                                                      ^^^^^^^^^^^^^^^^ SubmissionAnswer
        - **FR-002**: The `SimulationTab` MUST call `computeScore()` and raise `InvalidStateError` on bad input
        ### Key Entities
        - **FormSubmission**: a completed form
        """
    check(camel)
    check(camel.replace("FormSubmission", "Form Submission").replace("^^^^^^^^^^^^^^^^ SubmissionAnswer", ""))
