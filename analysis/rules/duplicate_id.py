"""duplicate-id: the same requirement or success-criterion ID is defined twice.

**What it finds.** Two definitions of one `FR-`, `NFR-` or `SC-` ID in a spec-kit spec — two bullets
`- **FR-004**: …`, a bullet and a table row, or two `### FR-004` headings. Mentions of an ID in running text
are references, not definitions, and never count. The finding sits on the second (and any later)
definition and points back at the first one.

**Why it matters.** IDs are how plans, tasks, checklists and `/speckit.analyze` trace work back to the
spec; with two FR-004s, "implements FR-004" is ambiguous and coverage reports are wrong. Duplicates usually
come from copy-pasting a requirement or merging two edits.

**Example.**

```markdown
- **FR-004**: Users MUST be able to reset their password.
- **FR-004**: Users MUST be able to change their e-mail address.
```

**How to fix.** Renumber the later definition. The quick fix gives it the next free ID of its series
(`FR-009` if FR-008 is the highest), keeping the file's zero padding. References elsewhere that meant the
renumbered requirement need updating by hand.
No pygls or lsprotocol here.
"""

from __future__ import annotations

import re

from analysis.model import Dialect, Edit, Fix, Related, Requirement, Severity
from analysis.rules import RuleContext, rule

_SERIES = re.compile(r"^(FR|NFR|SC)-(?:([A-Z]+)-)?(\d+)")


@rule("duplicate-id", Severity.ERROR, "A requirement or success-criterion ID is defined more than once.",
      dialects=(Dialect.SPECKIT,), fixable=True)
def check(context: RuleContext):
    document = context.document
    first: dict[str, Requirement] = {}
    taken = {occurrence.id for occurrence in document.ids} | {r.id for r in document.requirements if r.id}
    highest: dict[str, int] = {}
    for requirement in document.requirements:
        identifier = requirement.id
        if not identifier or not _SERIES.match(identifier):
            continue
        original = first.get(identifier)
        if original is None:
            first[identifier] = requirement
            continue
        replacement = next_free_id(identifier, taken, highest)
        fixes = []
        if replacement:
            taken.add(replacement)
            fixes.append(Fix(f"Renumber to {replacement}", [Edit(requirement.range, replacement)]))
        yield context.finding(requirement.range, f"{identifier} is already defined on line {original.line + 1}; give this "
                                                 "requirement its own ID.", fixes=fixes,
                              related=[Related(document.path, original.range, f"first definition of {identifier}")],
                              data={"id": identifier, "replacement": replacement})


def next_free_id(identifier: str, taken: set[str], highest: dict[str, int] | None = None) -> str | None:
    """The next unused ID of the same series (prefix and category), with the same zero padding.

    `highest` caches the highest number per series across calls (one spec may have many duplicates)."""
    match = _SERIES.match(identifier)
    if not match:
        return None
    prefix, category, digits = match.groups()
    head = f"{prefix}-{category}-" if category else f"{prefix}-"
    if highest is None or head not in highest:
        numbers = [int(number) for other in taken if other.startswith(head)
                   for number in [re.match(r"\d*", other[len(head):]).group(0)] if number]
        if highest is None:
            highest = {}
        highest[head] = max(numbers, default=0)
    candidate = highest[head] + 1
    width = len(digits) if digits.startswith("0") or len(digits) > 1 else 1
    while f"{head}{candidate:0{width}d}" in taken:
        candidate += 1
    highest[head] = candidate
    return f"{head}{candidate:0{width}d}"
