from analysis.model import Severity
from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.fixture import annotations

MAIN = "openspec/specs/auth/spec.md"
DELTA = "openspec/changes/add-x/specs/auth/spec.md"
SPECKIT = "specs/001-x/spec.md"


def check(fixture: str, path: str = MAIN, lines_only: bool = False):
    """Annotations give the expected ranges; `lines_only` compares lines alone, for findings placed on a
    spec-kit requirement ID, whose exact span is the spec-kit extractor's business."""
    text, expected, _ = annotations(fixture)
    findings = [f for f in check_document(parse_spec(text, path), only=["missing-modal-verb"]).findings]
    got = [(f.range.start.line, f.range.start.character, f.range.end.character) for f in findings]
    if lines_only:
        assert sorted(line for line, _, _ in got) == sorted(line for line, _, _, _ in expected)
    else:
        assert sorted(got) == sorted((line, start, end) for line, start, end, _ in expected)
    return findings


def test_openspec_body_without_shall_or_must_is_a_warning():
    findings = check("""
        ## Requirements
        ### Requirement: Login
        Users can sign in with a password.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ missing-modal-verb
        #### Scenario: ok
        - **WHEN** x **THEN** y
        """)
    assert findings[0].severity == Severity.WARNING


def test_openspec_keyword_must_be_uppercase_whole_word():
    findings = check("""
        ## Requirements
        ### Requirement: Login
        Users shall sign in; MUSTARD is not a keyword.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ missing-modal-verb
        #### Scenario: ok
        - **WHEN** x **THEN** y
        """)
    assert "capitalised" in findings[0].message


def test_openspec_shall_in_body_passes_even_in_bold_or_next_to_cjk():
    check("""
        ## Requirements
        ### Requirement: Login
        The system **SHALL** let users sign in.
        #### Scenario: ok
        - **WHEN** x **THEN** y
        ### Requirement: 登录
        系统SHALL允许用户登录。
        #### Scenario: ok
        - **WHEN** x **THEN** y
        """)


def test_openspec_shall_only_in_header_is_an_error_with_a_fix():
    findings = check("""
        ## Requirements
        ### Requirement: The system SHALL log in users
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ missing-modal-verb
        #### Scenario: ok
        - **WHEN** x **THEN** y
        """)
    assert findings[0].severity == Severity.ERROR
    assert "not only in the header" in findings[0].message
    assert findings[0].fixes[0].edits[0].new_text == "\nThe system SHALL log in users"


def test_openspec_metadata_only_body_counts_as_the_body():
    check("""
        ## Requirements
        ### Requirement: Limits
        **Constraint**: The API MUST reject more than 10 requests a second.
        #### Scenario: ok
        - **WHEN** x **THEN** y
        """)


def test_openspec_non_english_body_warns_like_the_cli_and_says_how_to_fix():
    findings = check("""
        ## Requirements
        ### Requirement: ノート作成
        ユーザーはノートを作成できる。
        ^^^^^^^^^^^^^^^ missing-modal-verb
        #### Scenario: ok
        - **WHEN** x **THEN** y
        """)
    assert "non-English" in findings[0].message


def test_delta_removed_entries_are_not_checked():
    check("""
        ## MODIFIED Requirements
        ### Requirement: Export
        Exports happen nightly.
        ^^^^^^^^^^^^^^^^^^^^^^^ missing-modal-verb
        #### Scenario: ok
        - **WHEN** x **THEN** y
        ## REMOVED Requirements
        ### Requirement: Legacy
        """, DELTA)


def test_speckit_requirement_without_keyword():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: System MUST export reports
        - **FR-002**: Users can share lists
              ^^^^^^ missing-modal-verb
        - **SC-001**: 90% of users finish in a minute
        """, SPECKIT, lines_only=True)


def test_speckit_lowercase_keyword_is_info_with_a_capitalising_fix():
    findings = check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: System must export reports
                             ^^^^ missing-modal-verb
        """, SPECKIT)
    assert findings[0].severity == Severity.INFO
    assert findings[0].fixes[0].edits[0].new_text == "MUST"


def test_speckit_chinese_requirement_with_a_chinese_modal_passes():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: 系统必须支持导出报表
        - **FR-002**: 用户分享列表
              ^^^^^^ missing-modal-verb
        """, SPECKIT, lines_only=True)


def test_speckit_korean_requirement_with_a_korean_modal_passes():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: 시스템은 비밀번호 입력을 강제해야 합니다.
        - **FR-002**: 메인화면은 통계 정보를 제공함.
              ^^^^^^ missing-modal-verb
        """, SPECKIT, lines_only=True)


def test_speckit_translated_uppercase_keywords_count():
    check("""
        # Feature Specification: X
        ## Requirements
        - **FR-001**: O sistema DEVE permitir login com e-mail.
        - **FR-002**: Das System MUSS Sitzungen beenden.
        - **FR-003**: El sistema DEBERÍA recordar el idioma.
        """, SPECKIT, lines_only=True)
