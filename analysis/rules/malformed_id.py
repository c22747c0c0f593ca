"""malformed-id: a requirement ID in a bad form, and (as a hint) gaps in ID numbering.

**What it finds.**
- An `FR-`, `NFR-` or `SC-` ID that is not a well-formed ID: no number (`FR-`, `FR-x`), letters inside the
  number (`FR-1a2`), or a width that breaks the file's own convention (`FR-01` in a file whose other IDs are
  `FR-001`, `FR-002`…). Accepted forms: `FR-001`, `FR-001a` (an inserted requirement), `FR-1.2` (dotted
  numbering), `FR-AUTH-001` (a category), and the `NFR-` and `SC-` series. Numbers that outgrow the padding
  (`FR-1000` after `FR-999`) are fine.
- As a separate finding with hint severity: a gap in a series, e.g. `FR-005` right after `FR-003`. A series
  may start anywhere (a spec can continue another spec's numbering); only holes inside it are reported.

**Why it matters.** Tools that trace requirements (plans, task lists, `/speckit.analyze`, this tool's plan
engine) match IDs as text, so `FR-01` and `FR-001` are different requirements to them. A gap often means a
requirement was deleted while something still refers to it, or one was lost when merging edits.

**Example.**

```markdown
- **FR-001**: Users MUST be able to sign in.
- **FR-02**: Users MUST be able to sign out.
- **FR-004**: Sessions MUST expire after 30 minutes of inactivity.
```

Here `FR-02` is malformed, and `FR-004` gets a hint that `FR-003` is missing.

**How to fix.** Rewrite the ID in the file's convention (the quick fix pads or trims the zeros when the
result is free); for a gap, renumber or note why the number is unused (deleted requirements are often
kept as `- ~~**FR-003**: …~~ *(removed)*`; an ID mentioned anywhere in the spec is not reported as a gap).
No pygls or lsprotocol here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from analysis.model import Dialect, Edit, Fix, Requirement, Severity
from analysis.rules import RuleContext, rule

_PREFIX = re.compile(r"^(FR|NFR|SC)-")
_PLAIN = re.compile(r"^(FR|NFR|SC)-(?:([A-Z]+)-)?(\d+)([a-z]?)$")
_DOTTED = re.compile(r"^(FR|NFR|SC)-\d+(?:\.\d+)+[a-z]?$")


@rule("malformed-id", Severity.WARNING, "A requirement ID is malformed or breaks the file's numbering convention.",
      dialects=(Dialect.SPECKIT,), fixable=True)
def check(context: RuleContext):
    document = context.document
    definitions = [r for r in document.requirements if r.id and _PREFIX.match(r.id)]
    taken = {r.id for r in definitions}
    widths: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for requirement in definitions:
        match = _PLAIN.match(requirement.id)
        if match:
            widths[(match.group(1), match.group(2) or "")][len(match.group(3))] += 1
    for requirement in definitions:
        identifier = requirement.id
        match = _PLAIN.match(identifier)
        if match is None:
            if _DOTTED.match(identifier):
                continue
            yield context.finding(requirement.range, f"{identifier} is not a well-formed ID; use the form "
                                                     f"{identifier.split('-')[0]}-001.", data={"id": identifier})
            continue
        prefix, category, digits, suffix = match.groups()
        width = _convention(widths[(prefix, category or "")])
        if width is None or len(digits) == width or (len(digits) > width and not digits.startswith("0")):
            continue
        head = f"{prefix}-{category}-" if category else f"{prefix}-"
        expected = f"{head}{int(digits):0{width}d}{suffix}"
        fixes = [] if expected in taken else [Fix(f"Rewrite as {expected}", [Edit(requirement.range, expected)], safe=False)]
        yield context.finding(requirement.range, f"{identifier} does not follow this file's {head}{'0' * (width - 1)}1 numbering; "
                                                 f"write it as {expected}.", fixes=fixes, data={"id": identifier, "expected": expected})
    yield from _gaps(context, definitions)


def _convention(counter: Counter) -> int | None:
    """The zero-padded width most IDs of a series use, when there is a clear majority of at least two."""
    if not counter:
        return None
    (width, count), *rest = counter.most_common()
    if count < 2 or (rest and rest[0][1] == count):
        return None
    return width


def _gaps(context: RuleContext, definitions: list[Requirement]):
    # An ID that is mentioned anywhere (struck through as removed, "FR-047 - planned for later") is accounted for.
    mentioned = {occurrence.id for occurrence in context.document.ids}
    series: dict[tuple[str, str], dict[int, Requirement]] = defaultdict(dict)
    for requirement in definitions:
        match = _PLAIN.match(requirement.id)
        if match:
            series[(match.group(1), match.group(2) or "")].setdefault(int(match.group(3)), requirement)
    for (prefix, category), numbered in series.items():
        numbers = sorted(numbered)
        head = f"{prefix}-{category}-" if category else f"{prefix}-"
        for before, after in zip(numbers, numbers[1:]):
            if after - before <= 1:
                continue
            absent = [number for number in range(before + 1, after)
                      if not any(f"{head}{number:0{width}d}" in mentioned for width in range(1, 6))]
            if not absent:
                continue
            requirement = numbered[after]
            width = len(_PLAIN.match(requirement.id).group(3))
            missing = f"{head}{absent[0]:0{width}d}" if len(absent) == 1 else \
                f"{head}{absent[0]:0{width}d} to {head}{absent[-1]:0{width}d}"
            verb = "is" if len(absent) == 1 else "are"
            yield context.finding(requirement.range, f"{requirement.id} follows {numbered[before].id}: {missing} {verb} missing from "
                                                     "the numbering.", severity=Severity.HINT,
                                  data={"id": requirement.id, "missing": missing, "gap": True})
