"""requirement-without-scenario: a requirement nobody can test because it has no scenario.

OpenSpec (main specs, and ADDED/MODIFIED blocks of deltas): a requirement needs at least one child heading
(`#### Scenario: ...`) with content under it; `openspec validate` fails the spec otherwise, so this is an error
there. A scenario heading with nothing under it does not count (the CLI's #1857), and the finding says so.
Kiro: a `### Requirement N` without acceptance criteria; Kiro's own workflow would still run, so a warning.
REMOVED entries of a delta carry no scenarios by design. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.model import Dialect, Related, Severity
from analysis.rules import RuleContext, rule


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
        else:
            message = (f"{where} \"{requirement.name}\" must have at least one scenario. Add a level-4 block: "
                       "`#### Scenario: <name>` followed by `- **WHEN** ...` and `- **THEN** ...`.")
        related = [Related(document.path, scenario.range, "empty scenario") for scenario in empty]
        yield context.finding(requirement.range, message, related=related, data={"requirement": requirement.name})
