from analysis.config import Settings
from tests.fixture import check_rule

RULE = "vague-requirement"
PATH = "specs/001-x/spec.md"


def check(fixture: str, path: str = PATH, settings: Settings | None = None):
    return check_rule(fixture, RULE, path, settings)[1]


def test_each_vague_word_is_reported_on_its_own_range():
    findings = check("""
        # Feature Specification: X
        ## Requirements
        - **FR-003**: Search results MUST load quickly and show various filters.
                                               ^^^^^^^ vague-requirement
                                                                ^^^^^^^ vague-requirement
        ## Success Criteria
        - **SC-002**: Most users find the export easy to use, etc.
                                                 ^^^^ vague-requirement
                                                              ^^^ vague-requirement
        """)
    assert "FR-003" in findings[0].message and "within 2 seconds" in findings[0].message


def test_a_number_or_unit_in_the_clause_measures_the_word():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: Search MUST be fast (p95 under 200 ms).
        - **FR-002**: Search MUST be fast, returning results within 2 seconds.
        - **FR-003**: The service MUST be reliable at 99.9% monthly availability.
        - **FR-004**: Users MUST be able to upload several files, up to ten at once.
        - **FR-005**: Map height adapts appropriately (full viewport on mobile, contained on desktop).
        - **FR-006**: System MUST return appropriate exit codes: 0 for success, 1 for failure.
        """)


def test_a_named_mechanism_makes_secure_concrete_but_not_quick():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: System MUST use secure password hashing with bcrypt.
        - **FR-002**: System MUST store tokens securely.
                                               ^^^^^^^^ vague-requirement
        - **FR-003**: Checkout MUST be quick with bcrypt.
                                       ^^^^^ vague-requirement
        """)


def test_names_idioms_compounds_quotes_code_and_purposes_are_not_read():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: Users MUST be able to use the Quick Add button.
        - **FR-002**: Validation MUST fail fast on invalid configuration.
        - **FR-003**: A category has a one-to-many relationship with items.
        - **FR-004**: The page MUST show "Please try again in a few minutes".
        - **FR-005**: The `fast` flag MUST skip the cache.
        - **FR-006**: Records MUST be sorted by date for easy review.
        """)


def test_only_requirement_text_is_read():
    check("""
        # Feature Specification: X
        ## User Scenarios & Testing
        ### User Story 1 - A fast and simple export (Priority: P1)
        Users want a quick, easy export.
        ## Requirements
        - **FR-001**: System MUST export CSV files.
        ## Assumptions
        - Some users have slow connections.
        """)


def test_repeated_domain_term_is_not_vague():
    check("""
        # Feature Specification: X
        ## User Scenarios & Testing
        A flexible kit groups assets; booking a flexible kit reserves them.
        ## Requirements
        - **FR-024**: System MUST support creation of flexible kits from asset pools.
        """)


def test_extra_words_from_settings():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: The dashboard MUST look modern.
                                              ^^^^^^ vague-requirement
        """, settings=Settings(vague_words=["modern"]))


def test_openspec_and_kiro_requirements():
    check("""
        # auth Specification
        ## Purpose
        Fast sign-in.
        ## Requirements
        ### Requirement: Login
        The system SHALL sign users in quickly.
                                       ^^^^^^^ vague-requirement
        #### Scenario: ok
        - **WHEN** valid credentials
        - **THEN** signed in
        """, "openspec/specs/auth/spec.md")
    check("""
        # Requirements Document
        ## Requirements
        ### Requirement 1: Errors
        #### Acceptance Criteria
        1. WHEN an analysis fails THEN the system SHALL display a user-friendly error message
                                                                  ^^^^^^^^^^^^^ vague-requirement
        2. WHEN an analysis fails THEN the system SHALL respond within 2 seconds
        """, ".kiro/specs/x/requirements.md")
