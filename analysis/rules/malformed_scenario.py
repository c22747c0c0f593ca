"""malformed-scenario: an acceptance scenario or criterion that is missing its outcome.

**What it finds.**
- spec-kit: a Given/When/Then scenario with a **Given** (or a **When**) but no **Then**. The keywords may come
  in any order and may sit in nested bullets or Gherkin lines below the first one; localised specs keep
  the English keywords, which are found next to any script.
- OpenSpec: a `#### Scenario:` whose text has **WHEN** (or **GIVEN**) but no **THEN**.
- Kiro: an acceptance criterion (EARS) without **SHALL** (any case), or an unwanted-behaviour criterion with
  the keyword **IF** (capitals) but no **THEN**. Both Kiro shapes are valid: v2 `WHEN x, THE Sys SHALL y` needs no THEN,
  and v1 `WHEN x THEN the system SHALL y` is fine too.

**Why it matters.** A scenario without an outcome cannot fail, so it tests nothing; an EARS criterion
without SHALL states no obligation. These are usually an unfinished sentence or a keyword lost in editing.

**Example.**

```markdown
1. **Given** a signed-in user, **When** they open Settings
```

**How to fix.** Finish the scenario with the expected outcome: `…, **Then** the settings page shows their
e-mail address`; in Kiro, state the response as `THE <system> SHALL …`.
No pygls or lsprotocol here.
"""

from __future__ import annotations

import re

from analysis.model import Scenario, Severity
from analysis.rules import RuleContext, rule

# "shall" in lower case still states the obligation; only the capitalised IF is an EARS keyword ("retry if it fails" is prose).
_SHALL = re.compile(r"(?<![A-Za-z])shall(?![A-Za-z])", re.I)
_IF = re.compile(r"(?<![A-Za-z])IF(?![A-Za-z])")
_THEN = re.compile(r"(?<![A-Za-z])THEN(?![A-Za-z])")


@rule("malformed-scenario", Severity.WARNING, "An acceptance scenario or criterion is missing its outcome (Then / THEN / SHALL).")
def check(context: RuleContext):
    document = context.document
    for story in document.stories:
        for scenario in story.scenarios:
            message = _gwt_problem(scenario)
            if message:
                yield context.finding(scenario.range, f"Scenario {scenario.index} of " +
                                      ("the Primary User Story" if story.key == "primary" else f"user story {story.key}") + f" {message}",
                                      data={"story": story.key, "scenario": scenario.index})
    for requirement in document.requirements:
        label = requirement.id if requirement.kind == "kiro" else requirement.name
        for scenario in requirement.scenarios:
            if scenario.style == "ears":
                message = _ears_problem(scenario)
                where = f"Acceptance criterion {requirement.id}.{scenario.index}" if requirement.id else f"Acceptance criterion {scenario.index}"
            elif scenario.style == "openspec":
                message = None if scenario.empty else _openspec_problem(scenario)
                where = f"Scenario \"{scenario.name}\" of requirement \"{label}\""
            else:
                message = _gwt_problem(scenario)
                where = f"Scenario {scenario.index} of {label}"
            if message:
                yield context.finding(scenario.range, f"{where} {message}", data={"requirement": label, "scenario": scenario.index})


def _gwt_problem(scenario: Scenario) -> str | None:
    if scenario.style != "gwt" or scenario.has_then:
        return None
    if scenario.has_given:
        return "has a Given but no Then: state the expected outcome (…, **Then** …)."
    if scenario.has_when:
        return "has a When but no Then: state the expected outcome (…, **Then** …)."
    return None


def _openspec_problem(scenario: Scenario) -> str | None:
    if scenario.has_then:
        return None
    if scenario.has_when or scenario.has_given:
        keyword = "WHEN" if scenario.has_when else "GIVEN"
        return f"has {keyword} but no THEN: add a - **THEN** … bullet with the expected outcome."
    return None


def _ears_problem(scenario: Scenario) -> str | None:
    text = scenario.text
    if not _SHALL.search(text):
        return "has no SHALL: state the response as THE <system> SHALL … (EARS)."
    if _IF.search(text) and not _THEN.search(text):
        return "starts an unwanted-behaviour condition with IF but has no THEN: write IF <condition>, THEN THE <system> SHALL …"
    return None
