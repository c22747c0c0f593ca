"""kiro-task-numbering: Kiro task numbers that repeat, or a sub-task numbered for another parent (`3.1` under task 2).

Tasks are executed and referred to by number (Kiro's "Start task", reviews, commit messages): two tasks with one
number are ambiguous, and a sub-task whose prefix is not its parent's number was usually moved without being
renumbered. Unnumbered tasks are left alone. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.model import Dialect, Related, Severity
from analysis.rules import RuleContext, rule


@rule("kiro-task-numbering", Severity.WARNING, "Kiro task numbers repeat, or a sub-task's number does not start with its parent's.",
      dialects=(Dialect.KIRO_TASKS,))
def check(context: RuleContext):
    document = context.document
    seen: dict[str, object] = {}
    for task in document.tasks:
        if not task.id:
            continue
        first = seen.get(task.id)
        if first is not None:
            yield context.finding(task.range, f"Task {task.id} is numbered twice (first on line {first.line + 1}).",
                                  related=[Related(document.path, first.range, f"first task {task.id}")],
                                  data={"id": task.id})
        else:
            seen[task.id] = task
        if task.parent and "." in task.id and task.id.rsplit(".", 1)[0] != task.parent:
            yield context.finding(task.range, f"Sub-task {task.id} sits under task {task.parent}: its number should start "
                                              f"with {task.parent}. (moved without renumbering?)",
                                  data={"id": task.id, "parent": task.parent})
