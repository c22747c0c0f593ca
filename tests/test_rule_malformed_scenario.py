from tests.fixture import check_rule

RULE = "malformed-scenario"
SPECKIT = "specs/001-x/spec.md"
OPENSPEC = "openspec/specs/auth/spec.md"
KIRO = ".kiro/specs/auth/requirements.md"


def check(fixture: str, path: str = SPECKIT):
    return check_rule(fixture, RULE, path)[1]


def test_given_without_then_is_reported():
    findings = check("""
        # Feature Specification: X
        ### User Story 1 - Settings (Priority: P1)
        **Acceptance Scenarios**:
        1. **Given** a signed-in user, **When** they open Settings
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ malformed-scenario
        2. **Given** a user, **When** they save, **Then** it is saved
        """)
    assert "Scenario 1 of user story 1 has a Given but no Then" in findings[0].message


def test_then_in_a_nested_bullet_or_a_later_paragraph_line_counts():
    check("""
        # Feature Specification: X
        ### User Story 1 - Settings (Priority: P1)
        **Acceptance Scenarios**:
        - **Given** a signed-in user
          - **When** they open Settings
          - **Then** they see their e-mail
        ### User Story 2 - Events (Priority: P1)
        **Given** I open the events page,
        **When** the page loads,
        **Then** I see events.
        """)


def test_localised_scenarios_keep_english_keywords_in_any_order():
    check("""
        # 機能仕様: X
        ### User Story 1 - 買い物リスト (Priority: P1)
        **Acceptance Scenarios**:
        1. **Given**ユーザーがログイン済み、**When**リストを開く、**Then**商品が表示される
        2. **When** 사용자가 저장하면 **Given** 로그인 상태에서 **Then** 저장된다
        """)


def test_prose_starting_with_when_is_not_a_scenario():
    check("""
        # Feature Specification: X
        ### User Story 1 - Kits (Priority: P2)
        When purchasing many identical items, managers need to create them in bulk.
        **Acceptance Scenarios**:
        1. **Given** a parent asset, **When** I save it, **Then** children are created
        """)


def test_openspec_when_without_then():
    findings = check("""
        ## Purpose
        Auth.
        ## Requirements
        ### Requirement: Login
        The system SHALL sign users in.
        #### Scenario: Valid login
             ^^^^^^^^^^^^^^^^^^^^^ malformed-scenario
        - **WHEN** valid credentials are submitted
        #### Scenario: Invalid login
        - **WHEN** the password is wrong
        - **THEN** an error is shown
        """, OPENSPEC)
    assert "WHEN but no THEN" in findings[0].message


def test_kiro_v1_and_v2_shapes_are_valid():
    check("""
        # Requirements Document
        ## Requirements
        ### Requirement 1: Login
        #### Acceptance Criteria
        1. WHEN a user submits valid credentials THEN the system SHALL sign them in
        2. WHEN a user submits valid credentials, THE Auth_Service SHALL issue a session
        3. IF the password is wrong, THEN THE Auth_Service SHALL show an error
        4. WHILE the account is locked, THE Auth_Service SHALL refuse sign-in
        5. WHEN 用户输入有效凭证 THEN 系统 SHALL 登录
        """, KIRO)


def test_kiro_criterion_without_shall_and_if_without_then():
    findings = check("""
        # Requirements Document
        ## Requirements
        ### Requirement 1: Login
        #### Acceptance Criteria
        1. WHEN a user submits valid credentials the user is signed in
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ malformed-scenario
        2. IF the password is wrong THE Auth_Service SHALL show an error
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ malformed-scenario
        """, KIRO)
    assert "no SHALL" in findings[0].message
    assert "IF but has no THEN" in findings[1].message
