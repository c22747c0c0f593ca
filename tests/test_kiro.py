"""Kiro requirements.md: parsing (v1, v2, localised, numbered-paragraph criteria, table glossaries) and the
Kiro rules (numbering, user story, glossary terms)."""

import textwrap

from analysis.dialects.kiro import ears_pattern
from analysis.model import Dialect, Severity
from analysis.parse import detect_dialect, parse_spec
from analysis.rules import check_document
from tests.fixture import annotations

KIRO = ".kiro/specs/issues/requirements.md"


def parse(text: str, path: str = KIRO):
    return parse_spec(textwrap.dedent(text).lstrip("\n"), path)


def check(fixture: str, rule: str):
    text, expected, _ = annotations(fixture)
    found = [f for f in check_document(parse_spec(text, KIRO), only=[rule]).findings]
    got = [(f.range.start.line, f.range.start.character, f.range.end.character) for f in found]
    assert sorted(got) == sorted((line, start, end) for line, start, end, _ in expected), [f.message for f in found]
    return found


def test_v1_requirement_story_and_criteria():
    document = parse("""
        # Requirements Document
        ## Introduction
        A site.
        ## Requirements
        ### Requirement 1
        **User Story:** As a parent, I want to book a session, so that my child gets help.
        #### Acceptance Criteria
        1. WHEN a parent picks a slot THEN the system SHALL reserve it
           - nested note that belongs to criterion 1
        2. IF the slot is taken THEN the system SHALL say so
        """)
    (requirement,) = document.requirements
    assert (requirement.id, requirement.kind, requirement.name) == ("1", "kiro", "Requirement 1")
    assert requirement.user_story.startswith("As a parent")
    assert [c.index for c in requirement.scenarios] == [1, 2]
    first = requirement.scenarios[0]
    assert first.style == "ears" and first.has_when and first.has_then and first.has_shall
    assert first.range.start.character == 3  # after "1. "


def test_v2_titles_glossary_bullets_with_underscores():
    document = parse("""
        # Requirements Document
        ## Glossary
        - **Label_Assigner**: assigns labels
        - **Issue_Manager**: the automation
        ## Requirements
        ### Requirement 1: Automatic Label Assignment
        **User Story:** As a maintainer, I want labels, so that triage is fast.
        #### Acceptance Criteria
        1. WHEN an issue is opened, THE Label_Assigner SHALL add labels
        2. THE Issue_Manager SHALL log every action
        """)
    (requirement,) = document.requirements
    assert requirement.name == "Automatic Label Assignment"
    assert [e.name for e in document.entities] == ["Label_Assigner", "Issue_Manager"]
    assert len(requirement.scenarios) == 2


def test_numbered_paragraph_criteria_and_table_glossary():
    document = parse("""
        # Requirements Document: Multi-State
        ## 2. Glossary
        | Term | Definition |
        |------|------------|
        | **Work_Item** | A project item |
        ## 3. Functional Requirements
        ### Requirement 1: Monitoring
        **User Story:** As an admin, I want monitoring, so that I see states.
        #### Acceptance Criteria

        1.1. WHEN the system polls, THE Work_Item SHALL carry its state

        1.2. THE Work_Item SHALL be re-read on change
        """)
    (requirement,) = document.requirements
    assert [c.text for c in requirement.scenarios] == ["WHEN the system polls, THE Work_Item SHALL carry its state",
                                                       "THE Work_Item SHALL be re-read on change"]
    assert [e.name for e in document.entities] == ["Work_Item"]


def test_chinese_and_japanese_kiro_specs():
    chinese = parse("""
        # 需求文檔
        ## 需求
        ### 需求 1 - 股票管理功能
        **用戶故事：** 作為投資者，我希望能夠管理我的股票清單。
        #### 驗收標準
        1. WHEN 用戶輸入有效的股票代號 THEN 系統 SHALL 將該股票新增至股票清單
        2. WHEN 用戶要求刪除股票 THEN 系統 SHALL 從清單中移除該股票
        """)
    (requirement,) = chinese.requirements
    assert (requirement.id, requirement.name) == ("1", "股票管理功能")
    assert requirement.user_story.startswith("作為投資者")
    assert [c.has_shall for c in requirement.scenarios] == [True, True]
    japanese = parse("""
        # Requirements Document
        ## Requirements
        ### Requirement 1
        **User Story:** ユーザーとして、スコアを確認したい。
        #### Acceptance Criteria
        1. WHEN ユーザーがページを表示する THEN システムはスコアを表示する SHALL
        """)
    assert japanese.requirements[0].scenarios[0].has_shall
    for document in (chinese, japanese):
        mine = [f for f in check_document(document).findings
                if f.rule.startswith("kiro-") or f.rule in ("requirement-without-scenario", "missing-modal-verb")]
        assert mine == []


def test_content_detection_of_flattened_kiro_files():
    assert detect_dialect("copy/requirements.md", "# 需求文檔\n## 需求\n### 需求 1 - x\n#### 驗收標準\n1. WHEN a THEN 系統 SHALL b\n") == Dialect.KIRO
    assert detect_dialect("copy/requirements.md", "# Requirements Document\n## Introduction\nx\n") == Dialect.KIRO
    assert detect_dialect("copy/notes.md", "# Class Exploration - Requirements\n## Overview\nfree text\n") == Dialect.MARKDOWN


def test_free_form_requirements_file_gives_no_requirements_and_no_kiro_alarms():
    document = parse("""
        # Class Exploration - Requirements
        ## Overview
        A class directory.
        ## Core Features
        ### 1. Class Information
        - Class name
        """)
    assert document.requirements == []
    assert not [f for f in check_document(document).findings if f.rule.startswith("kiro-")]


def test_numbering_duplicates_and_gaps():
    found = check("""
        ## Requirements
        ### Requirement 1: A
        **User Story:** As a, I want b, so that c.
        ### Requirement 3: B
            ^^^^^^^^^^^^^^^^ kiro-requirement-numbering
        **User Story:** As a, I want b, so that c.
        ### Requirement 1: C
            ^^^^^^^^^^^^^^^^ kiro-requirement-numbering
        **User Story:** As a, I want b, so that c.
        """, "kiro-requirement-numbering")
    gap, duplicate = sorted(found, key=lambda f: f.range.start)
    assert "number 2 is missing" in gap.message and "numbered twice" in duplicate.message
    assert all(f.severity == Severity.WARNING for f in found)


def test_missing_user_story_with_fix():
    found = check("""
        ## Requirements
        ### Requirement 1: Login
            ^^^^^^^^^^^^^^^^^^^^ kiro-missing-user-story
        #### Acceptance Criteria
        1. WHEN x, THE System SHALL y
        ### Requirement 2: Logout
        **User Story:** As a user, I want to log out, so that I am safe.
        """, "kiro-missing-user-story")
    assert found[0].fixes[0].edits[0].new_text.startswith("\n\n**User Story:** As a <role>")


def test_undefined_glossary_term_suggests_the_nearest():
    found = check("""
        ## Glossary
        - **Label_Assigner**: assigns labels
        - **AdminAPI**: the admin API
        ## Requirements
        ### Requirement 1: Labels
        **User Story:** As a maintainer, I want labels, so that triage is fast.
        #### Acceptance Criteria
        1. WHEN an issue opens, THE Label_Asigner SHALL add labels
                                    ^^^^^^^^^^^^^ kiro-undefined-glossary-term
        2. THE AdminPanel SHALL show labels
               ^^^^^^^^^^ kiro-undefined-glossary-term
        3. WHEN x THEN the system SHALL y
        4. THE System SHALL z
        5. THE Label_Assigner SHALL be fast
        """, "kiro-undefined-glossary-term")
    assert found[0].fixes[0].edits[0].new_text == "Label_Assigner"


def test_no_glossary_means_no_glossary_findings():
    check("""
        ## Requirements
        ### Requirement 1: Labels
        **User Story:** As a maintainer, I want labels, so that triage is fast.
        #### Acceptance Criteria
        1. THE Label_Assigner SHALL add labels
        """, "kiro-undefined-glossary-term")


def test_ears_patterns():
    assert ears_pattern("THE Label_Assigner SHALL support labels") == "ubiquitous"
    assert ears_pattern("WHEN an issue opens, THE Bot SHALL label it") == "event-driven"
    assert ears_pattern("WHEN x THEN the system SHALL y") == "event-driven"
    assert ears_pattern("WHILE offline, THE App SHALL queue writes") == "state-driven"
    assert ears_pattern("IF the token expires, THEN THE Api SHALL return 401") == "unwanted-behaviour"
    assert ears_pattern("WHERE dark mode is on, THE Ui SHALL use dark colours") == "optional-feature"
    assert ears_pattern("FOR ALL valid inputs, parsing then printing SHALL round-trip") == "property"
    assert ears_pattern("WHILE offline, WHEN the user saves, THE App SHALL queue it") == "complex"
    assert ears_pattern("WHEN ユーザーが表示する THEN システムはスコアを表示する SHALL") == "event-driven"
    assert ears_pattern("系統在用戶登入時 WHEN 登入 SHALL 記錄") == "event-driven"
    assert ears_pattern("The page looks nice") is None
