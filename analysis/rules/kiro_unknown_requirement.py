"""kiro-unknown-requirement: a tasks.md or design.md cites a requirement or acceptance criterion that requirements.md
does not have.

Kiro tasks end with `_Requirements: 3.2, 4.1_` (criterion 2 of requirement 3, ...), and design.md correctness
properties and property tasks with `**Validates: Requirements 1.2**`. These links are how a reviewer, and Kiro itself,
trace work back to the spec; when requirements.md is edited (a criterion removed, requirements renumbered) nothing
updates them, and the citation then points at nothing or at the wrong criterion. The requirements.md in the same
folder is read from the workspace (or from disk); without one, nothing is reported. A bare number (`4`) must name a requirement; `N.M` must name its Mth
acceptance criterion. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.model import Dialect, Related, Severity
from analysis.rules import RuleContext, rule
from analysis.workspace import kiro_requirements_path


def requirements_of(context: RuleContext):
    workspace = context.index()
    return workspace.kiro_requirements(context.document.path)


def criteria_index(requirements) -> dict[str, object]:
    """`3` -> Requirement 3, `3.2` -> its second acceptance criterion, for every numbered Kiro requirement."""
    index: dict[str, object] = {}
    for requirement in requirements.requirements:
        if requirement.kind != "kiro" or not requirement.id:
            continue
        index.setdefault(requirement.id, requirement)
        for criterion in requirement.scenarios:
            index.setdefault(f"{requirement.id}.{criterion.index}", criterion)
    return index


@rule("kiro-unknown-requirement", Severity.ERROR,
      "A tasks.md or design.md citation (`_Requirements: N.M_`) names a requirement or criterion requirements.md lacks.",
      dialects=(Dialect.KIRO_TASKS, Dialect.KIRO_DESIGN))
def check(context: RuleContext):
    document = context.document
    if not any(reference.kind != "property" for task in document.tasks for reference in task.references):
        return
    requirements = requirements_of(context)
    if requirements is None or not any(r.kind == "kiro" for r in requirements.requirements):
        return
    known = criteria_index(requirements)
    target_path = kiro_requirements_path(document.path)
    for task in document.tasks:
        for reference in task.references:
            if reference.kind == "property" or reference.target in known:
                continue
            number = reference.target.split(".")[0]
            parent = known.get(number)
            noun = "Property" if task.kind == "property" else "Task"
            label = f"{noun} {task.id}" if task.id else \
                f"The {'citation' if task.kind == 'property' else 'task'} on line {reference.range.start.line + 1}"
            if parent is None:
                message = f"{label} cites Requirement {number}, which requirements.md does not have ({_numbers(known)})."
                related = []
            else:
                count = sum(1 for key in known if key.startswith(number + "."))
                message = (f"{label} cites criterion {reference.target}, but Requirement {number} has "
                           f"{count} acceptance criteri{'on' if count == 1 else 'a'}"
                           f"{f' ({number}.1–{number}.{count})' if count > 1 else ''}.")
                related = [Related(target_path, parent.range, f"Requirement {number}")]
            yield context.finding(reference.range, message, related=related,
                                  data={"target": reference.target, "task": task.id})


def _numbers(known: dict[str, object]) -> str:
    numbers = sorted((key for key in known if "." not in key), key=lambda n: int(n) if n.isdigit() else 0)
    return "it has requirements " + ", ".join(numbers) if numbers else "it has no numbered requirements"
