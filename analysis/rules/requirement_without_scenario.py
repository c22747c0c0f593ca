"""requirement-without-scenario: a requirement nobody can test because it has no scenario.

OpenSpec (main specs, and ADDED/MODIFIED blocks of deltas): a requirement needs at least one child heading
(`#### Scenario: ...`) with content under it; `openspec validate` fails the spec otherwise, so this is an error
there. A scenario heading with nothing under it does not count (the CLI's #1857), and the finding says so.
Kiro: a `### Requirement N` without acceptance criteria; Kiro's own workflow would still run, so a warning.
A scenario written as bold text or a bullet (`- **Scenario: x**`, `**Scenario**: x`) gets the CLI's hint that
scenarios must be level-4 headings, with a fix that rewrites those lines. REMOVED entries of a delta carry no
scenarios by design. A requirement that carries its criteria as a
checklist or under an "Acceptance Criteria" label (`**验收标准**:` in localised specs) gets a message saying
how to turn them into scenarios. No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.model import Dialect, Edit, Fix, Related, Severity
from analysis.rules import RuleContext, rule
from analysis.text import Range


@rule("requirement-without-scenario", Severity.ERROR,
      "An OpenSpec requirement has no non-empty scenario, or a Kiro requirement has no acceptance criteria.",
      dialects=(Dialect.OPENSPEC, Dialect.OPENSPEC_DELTA, Dialect.KIRO))
def check(context: RuleContext):
    document = context.document
    for requirement in document.requirements:
        if document.dialect == Dialect.KIRO:
            if requirement.kind == "kiro" and not requirement.scenarios:
                yield context.finding(requirement.range, f"Requirement {requirement.id} has no acceptance criteria. Add "
                                      "`#### Acceptance Criteria` with numbered EARS criteria (WHEN ..., THE <system> SHALL ...).",
                                      severity=Severity.WARNING, data={"requirement": requirement.name})
            continue
        if requirement.section == "REMOVED":
            continue
        if requirement.kind not in ("openspec", "other"):
            continue
        if any(not scenario.empty for scenario in requirement.scenarios):
            continue
        empty = [scenario for scenario in requirement.scenarios if scenario.empty]
        where = f"{requirement.section} requirement" if requirement.section else "Requirement"
        if empty:
            message = (f"{where} \"{requirement.name}\" has only empty scenarios: a `####` heading with nothing under it "
                       "does not count. Add `- **WHEN** ...` / `- **THEN** ...` lines under it.")
        elif _has_criteria_list(document, requirement):
            message = (f"{where} \"{requirement.name}\" lists acceptance criteria, but OpenSpec counts only `####` scenario "
                       "blocks: turn them into `#### Scenario: <name>` with `- **WHEN** ...` / `- **THEN** ...` lines.")
        else:
            message = (f"{where} \"{requirement.name}\" must have at least one scenario. Add a level-4 block: "
                       "`#### Scenario: <name>` followed by `- **WHEN** ...` and `- **THEN** ...`.")
        related = [Related(document.path, scenario.range, "empty scenario") for scenario in empty]
        fixes = []
        misformatted = _misformatted_scenarios(document, requirement)
        if misformatted and not empty:
            message = (f"{where} \"{requirement.name}\" has scenarios written as bold text or bullets; OpenSpec only counts "
                       "level-4 headings (`#### Scenario: <name>`).")
            fixes.append(Fix("Turn them into #### Scenario: headings",
                             [Edit(Range.of(line, 0, line, len(document.lines[line])), f"#### Scenario: {name}")
                              for line, name in misformatted], safe=False))
        yield context.finding(requirement.range, message, related=related, fixes=fixes, data={"requirement": requirement.name})


_CRITERIA_LABEL = re.compile(r"^\s*(?:\*\*|#+\s*)?(?:acceptance criteria|验收标准|驗收標準|受け入れ基準)", re.I)
_CHECKBOX = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s")


def _has_criteria_list(document, requirement) -> bool:
    lines = range(requirement.line + 1, min(requirement.end, len(document.lines)))
    return any(document.tree.is_prose(line) and (_CRITERIA_LABEL.match(document.lines[line]) or _CHECKBOX.match(document.lines[line]))
               for line in lines)


_LOOSE_SCENARIO = re.compile(r"^\s*(?:[-*+]\s+)?\*\*Scenario\s*(?::\s*(.+?)\s*\*\*|\*\*\s*:\s*(.+?))\s*$", re.I)


def _misformatted_scenarios(document, requirement) -> list[tuple[int, str]]:
    found = []
    for line in range(requirement.line + 1, min(requirement.end, len(document.lines))):
        match = _LOOSE_SCENARIO.match(document.lines[line])
        if match and document.tree.is_prose(line):
            found.append((line, (match.group(1) or match.group(2)).strip()))
    return found
