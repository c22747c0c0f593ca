"""kiro-unknown-property: a tasks.md names a correctness property that the design.md beside it does not have, or
gives it another property's title.

**What it finds.** Kiro designs list numbered correctness properties (`### Property 4: State Transition Validity`),
and the property-test tasks name the one they test (`- **Property 4: State Transition Validity**`, `(Property 4)`).
When the design is edited (a property dropped, the list renumbered) nothing updates the tasks: the task then names
a property that is gone, or a number that now belongs to another property. Both are reported: a number design.md
does not define, and a title that is not the title design.md gives that number (compared without case and
punctuation). Without a design.md beside the tasks.md, or one with no numbered properties, nothing is reported.

**How to fix.** Point the task at the property it tests (the message names the one with that title, when there is
one), or add the property to design.md. No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.model import Dialect, Related, Severity
from analysis.rules import RuleContext, rule
from analysis.workspace import kiro_sibling_path


def design_of(context: RuleContext):
    workspace = context.index()
    return workspace.kiro_design(context.document.path)


def properties_of(design) -> dict[str, object]:
    """Property number -> the design.md property (its first definition), for every numbered property."""
    found: dict[str, object] = {}
    for item in design.tasks:
        if item.kind == "property" and item.id:
            found.setdefault(item.id, item)
    return found


def same_title(cited: str, defined: str) -> bool:
    def words(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.casefold()))
    return words(cited) == words(defined)


@rule("kiro-unknown-property", Severity.WARNING,
      "A tasks.md names a design.md correctness property (`Property N`) that design.md lacks or titles otherwise.",
      dialects=(Dialect.KIRO_TASKS,))
def check(context: RuleContext):
    document = context.document
    # One check per property and task: the titled citation when the task has one (`**Property 4: …**` under a
    # title that says `(Property 4)`), else the first.
    chosen: dict[tuple[int, str], object] = {}
    for task in document.tasks:
        for reference in task.references:
            if reference.kind != "property":
                continue
            key = (task.line, reference.target)
            if key not in chosen or (reference.title and not chosen[key][1].title):
                chosen[key] = (task, reference)
    cited = list(chosen.values())
    if not cited:
        return
    design = design_of(context)
    if design is None:
        return
    known = properties_of(design)
    if not known:
        return
    design_path = kiro_sibling_path(document.path, "design.md")
    for task, reference in cited:
        label = f"Task {task.id}" if task.id else f"The task on line {task.line + 1}"
        defined = known.get(reference.target)
        if defined is None:
            titled = _by_title(known, reference.title)
            hint = f"; its title is that of Property {titled.id}" if titled is not None else ""
            numbers = ", ".join(sorted(known, key=int))
            yield context.finding(
                reference.range,
                f"{label} names Property {reference.target}, which design.md does not define (it has properties "
                f"{numbers}){hint}.",
                related=[Related(design_path, titled.range, f"Property {titled.id}")] if titled is not None else [],
                data={"property": reference.target, "task": task.id})
        elif reference.title and defined.title and not same_title(reference.title, defined.title):
            titled = _by_title(known, reference.title)
            hint = f"; \"{reference.title}\" is Property {titled.id}" if titled is not None else ""
            related = [Related(design_path, defined.range, f"Property {defined.id}")]
            if titled is not None:
                related.append(Related(design_path, titled.range, f"Property {titled.id}"))
            yield context.finding(
                reference.range,
                f"{label} names Property {reference.target} \"{reference.title}\", but design.md's Property "
                f"{reference.target} is \"{defined.title}\"{hint}.",
                related=related, data={"property": reference.target, "task": task.id})


def _by_title(known: dict[str, object], title: str):
    if not title:
        return None
    return next((item for item in known.values() if item.title and same_title(title, item.title)), None)
