"""missing-acceptance-criteria: the spec has no acceptance criteria anywhere.

**What it finds.** A spec in which nothing says how to tell that the feature works: no Given/When/Then
scenario (in a user story, a legacy `### Acceptance Scenarios` section, a bulleted or fenced Gherkin block),
no non-empty `Acceptance Criteria` section or label, no OpenSpec `#### Scenario:` block and no Kiro
`#### Acceptance Criteria` item. The finding sits on the spec's title (line 1 when there is no title).

**Why it matters.** Acceptance criteria are what tests, reviews and `/speckit.analyze`-style coverage checks
are built from; a spec without any cannot be verified and usually means the user stories were never finished.

**Example.**

```markdown
# Feature Specification: Export
## User Scenarios & Testing
### User Story 1 - Export a report (Priority: P1)
As an analyst I want to export a report as CSV.
```

**How to fix.** Give each user story an `**Acceptance Scenarios**:` list of
`1. **Given** …, **When** …, **Then** …` items (spec-kit), each requirement a `#### Scenario:` with
`- **WHEN** …` / `- **THEN** …` bullets (OpenSpec), or each requirement an `#### Acceptance Criteria`
list in EARS form (Kiro). `story-without-acceptance` then points at any story still missing them.
No pygls or lsprotocol here.
"""

from __future__ import annotations

import re

from analysis.model import Dialect, Severity, SpecDocument
from analysis.rules import RuleContext, rule
from analysis.text import Range

_ACCEPTANCE_KINDS = ("acceptance-scenarios", "acceptance-criteria")
# Labels that introduce acceptance criteria, in English and in the languages seen in localised specs.
_ACCEPTANCE_LABEL = re.compile(r"(^scenario\s*:|acceptance (criteria|scenarios?|tests?)|验收标准|驗收標準|验收条件|受け入れ基準|受入基準|인수 기준|수용 기준|"
                               r"crit[eè]res d'acceptation|criterios de aceptaci[oó]n|akzeptanzkriterien)", re.I)
# An EARS criterion in a list item: a keyword, then SHALL (localised Kiro specs keep both in English).
_EARS = re.compile(r"^\s*(?:[-*+]|\d+(?:\.\d+)*[.)])\s+.*\b(WHEN|IF|WHILE|WHERE|THE)\b.*\bSHALL\b")
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_GIVEN_THEN = re.compile(r"(?<![A-Za-z])Given(?![A-Za-z]).*(?<![A-Za-z])Then(?![A-Za-z])", re.I | re.S)

_ADVICE = {
    Dialect.SPECKIT: "add an **Acceptance Scenarios** list (1. **Given** …, **When** …, **Then** …) under each user story",
    Dialect.OPENSPEC: "add a `#### Scenario:` with - **WHEN** … / - **THEN** … bullets under each requirement",
    Dialect.OPENSPEC_DELTA: "add a `#### Scenario:` with - **WHEN** … / - **THEN** … bullets under each requirement",
    Dialect.KIRO: "add an `#### Acceptance Criteria` list (1. WHEN …, THE system SHALL …) under each requirement",
}


def has_acceptance_criteria(document: SpecDocument) -> bool:
    """True when the document holds acceptance criteria in any of the forms the dialects use."""
    if any(story.scenarios for story in document.stories):
        return True
    if any(requirement.scenarios for requirement in document.requirements):
        return True
    tree = document.tree
    for section in document.sections:
        if section.kind in _ACCEPTANCE_KINDS and _has_prose(document, section.line + 1, section.end):
            return True
    for line_number, line in enumerate(document.lines):
        if not tree.is_prose(line_number) and not _in_gherkin_fence(document, line_number):
            continue
        if _GIVEN_THEN.search(line) or _EARS.search(line):
            return True
        heading = _HEADING.match(line)
        label = heading.group(1) if heading else line
        if _ACCEPTANCE_LABEL.search(label) and len(label) < 80 and "checklist" not in line.casefold() \
                and _has_prose(document, line_number + 1, min(len(document.lines), line_number + 6)):
            return True
    # Given on one line and Then on a later one, as in multi-line paragraphs and Gherkin blocks.
    for block in tree.blocks:
        if block.kind in ("paragraph", "item", "fence"):
            text = "\n".join(document.lines[block.start:block.end])
            if _GIVEN_THEN.search(text) and (block.kind != "fence" or _in_gherkin_fence(document, block.start)):
                return True
    return False


def _has_prose(document: SpecDocument, start: int, end: int) -> bool:
    for line in range(start, min(end, len(document.lines))):
        text = document.lines[line].strip()
        if text.startswith("#"):
            return False
        if document.tree.is_prose(line) and text and not re.fullmatch(r"[-_*=\s]+", text):
            return True
    return False


def _in_gherkin_fence(document: SpecDocument, line: int) -> bool:
    for block in document.tree.blocks:
        if block.kind == "fence" and block.start <= line < block.end:
            return block.info.split()[:1] in (["gherkin"], ["cucumber"], ["feature"], [])
    return False


@rule("missing-acceptance-criteria", Severity.WARNING, "The spec has no acceptance criteria anywhere.")
def check(context: RuleContext):
    document = context.document
    if has_acceptance_criteria(document):
        return
    first = min(document.content_offset, len(document.lines) - 1)  # front matter may fill the whole file
    location = document.title_range or Range.of(first, 0, first, len(document.lines[first]))
    advice = _ADVICE.get(document.dialect, _ADVICE[Dialect.SPECKIT])
    yield context.finding(location, f"The spec has no acceptance criteria: {advice}.")
