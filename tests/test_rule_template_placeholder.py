from tests.fixture import check_rule

RULE = "template-placeholder"
PATH = "specs/001-x/spec.md"


def check(fixture: str, path: str = PATH):
    return check_rule(fixture, RULE, path)


def fixed(text: str, finding) -> str:
    edit = finding.fixes[0].edits[0]
    lines = text.split("\n")
    line = lines[edit.range.start.line]
    lines[edit.range.start.line] = line[:edit.range.start.character] + edit.new_text + line[edit.range.end.character:]
    return "\n".join(lines)


def test_spec_kit_template_residue():
    check("""
        # Feature Specification: [FEATURE NAME]
                                 ^^^^^^^^^^^^^^ template-placeholder
        **Feature Branch**: `[###-feature-name]`
                             ^^^^^^^^^^^^^^^^^^ template-placeholder
        **Created**: [DATE]
                     ^^^^^^ template-placeholder
        **Input**: User description: "$ARGUMENTS"
                                      ^^^^^^^^^^ template-placeholder
        ### User Story 1 - [Brief Title] (Priority: P1)
                           ^^^^^^^^^^^^^ template-placeholder
        1. **Given** [initial state], **When** [action], **Then** [expected outcome]
                     ^^^^^^^^^^^^^^^ template-placeholder
                                               ^^^^^^^^ template-placeholder
                                                                  ^^^^^^^^^^^^^^^^^^ template-placeholder
        - **FR-001**: System MUST [specific capability]
                                  ^^^^^^^^^^^^^^^^^^^^^ template-placeholder
        - **[Entity 1]**: [What it represents, key attributes without implementation]
            ^^^^^^^^^^ template-placeholder
                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ template-placeholder
        - **SC-001**: [Measurable metric, e.g., "Users can complete account creation in under 2 minutes"]
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ template-placeholder
        ## Assumptions [REMOVE IF UNUSED]
                       ^^^^^^^^^^^^^^^^^^ template-placeholder
        - Timeout is [e.g., 30 seconds]
                     ^^^^^^^^^^^^^^^^^^ template-placeholder
        """)


def test_drafting_markers():
    text, findings = check("""
        # Feature Specification: X
        - **FR-001**: Pricing is TBD and TODO: ask ops ??? TKTK
                                 ^^^ template-placeholder
                                         ^^^^ template-placeholder
                                                       ^^^ template-placeholder
                                                           ^^^^ template-placeholder
        - Todo lists and TBDs are words; a to-do is fine
        """)
    assert fixed(text, findings[0]).split("\n")[1] == "- **FR-001**: Pricing is and TODO: ask ops ??? TKTK"


def test_links_checkboxes_clarifications_footnotes_code_and_comments_are_not_placeholders():
    check("""
        # Feature Specification: X
        See [the design doc](https://example.com/design) and [API Specification][api].
        - [ ] Describe what is left
        - [x] Done
        - **FR-001**: System MUST log in via [NEEDS CLARIFICATION: which auth method?]
        A footnote[^1] and `[FEATURE NAME]` in code.
        <!-- [FEATURE NAME] TODO -->
        ```
        TODO [specific capability]
        ```
        [api]: https://example.com/api
        """)


def test_message_templates_and_tags_in_real_specs_are_not_placeholders():
    check("""
        # Feature Specification: X
        - Show "A patient with phone number [PHONE] already exists (ID: [ID])".
        - Registered [date] by [user]; click [Save] or [Admin: Activate].
        - **FR-002**: Asset numbers use the format [ORG_PREFIX]-[SEQUENCE].
        - T012 [P] [US1] Add the model; steps [1, 2, 4, 8]; routes like /specs/[id].
        """)


def test_openspec_archive_purpose_is_left_to_its_own_rule_but_a_tbd_inside_it_is_reported():
    text, findings = check("""
        # auth Specification
        ## Purpose
        TBD - created by archiving change add-auth. Update Purpose after archive.
        Sign-in for members; the SSO provider is TBD.
                                                 ^^^ template-placeholder
        """, "openspec/specs/auth/spec.md")
    assert fixed(text, findings[0]).split("\n")[3] == "Sign-in for members; the SSO provider is."
    assert findings[0].fixes[0].safe is False
