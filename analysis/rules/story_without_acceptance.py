"""story-without-acceptance: a user story with no acceptance scenarios.

**What it finds.** A spec-kit user story (`### User Story 1 - Title (Priority: P1)`, `### US-1: …`, or the
old template's `### Primary User Story`) under which no acceptance scenario can be found: no
Given/When/Then item, paragraph or Gherkin block, and no item under an `**Acceptance Scenarios**:` label.
The finding sits on the story's heading.

**Why it matters.** Each story is meant to be an independently testable slice; its acceptance scenarios
are the test. A story without them cannot be verified, and tasks generated from it have no definition of
done.

**Example.**

```markdown
### User Story 2 - Share a list (Priority: P2)
As an owner I want to share my list with a friend.
**Why this priority**: Sharing drives adoption.
```

**How to fix.** Add an acceptance scenario per behaviour the story promises. The quick fix inserts a
skeleton to fill in:

```markdown
**Acceptance Scenarios**:

1. **Given** …, **When** …, **Then** …
```

No pygls or lsprotocol here.
"""

from __future__ import annotations

import re

from analysis.model import Dialect, Edit, Fix, Severity, SpecDocument, Story
from analysis.rules import RuleContext, rule
from analysis.text import Range

SCENARIO_SKELETON = "1. **Given** …, **When** …, **Then** …"
_LABEL = re.compile(r"^\s*(?:(?:\*\*|__)\s*Acceptance (?:Scenarios?|Criteria)\b.*|#{3,6}\s*Acceptance (?:Scenarios?|Criteria)\b.*)$", re.I)


@rule("story-without-acceptance", Severity.WARNING, "A user story has no acceptance scenarios.",
      dialects=(Dialect.SPECKIT,), fixable=True)
def check(context: RuleContext):
    document = context.document
    for story in document.stories:
        if story.scenarios:
            continue
        name = "The Primary User Story" if story.key == "primary" else f"User story {story.key}" + (f" ({story.title})" if story.title else "")
        yield context.finding(story.range, f"{name} has no acceptance scenarios; add Given/When/Then scenarios that show "
                                           "how to test it.", fixes=[_skeleton_fix(document, story)], data={"story": story.key})


def _skeleton_fix(document: SpecDocument, story: Story) -> Fix:
    """Insert the skeleton under an existing empty label, or a label and the skeleton at the end of the story."""
    label = next((line for line in range(story.line + 1, story.end)
                  if _LABEL.match(document.lines[line]) and document.tree.is_prose(line)), None)
    if label is not None:
        end = len(document.lines[label])
        return Fix("Add an acceptance scenario skeleton", [Edit(Range.of(label, end, label, end), "\n\n" + SCENARIO_SKELETON)])
    last = _last_content_line(document, story)
    end = len(document.lines[last])
    text = "\n\n**Acceptance Scenarios**:\n\n" + SCENARIO_SKELETON
    return Fix("Add an acceptance scenarios section to the story", [Edit(Range.of(last, end, last, end), text)])


def _last_content_line(document: SpecDocument, story: Story) -> int:
    """The story's last non-blank line, ignoring a trailing `---` separator between stories."""
    for line in range(min(story.end, len(document.lines)) - 1, story.line, -1):
        text = document.lines[line].strip()
        if text and not re.fullmatch(r"(?:-{3,}|\*{3,}|_{3,})", text):
            return line
    return story.line
