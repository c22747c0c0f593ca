"""kiro-task-parent-done: a task is checked off while one of its required sub-tasks is still open.

A parent's checkbox is what a reader (and Kiro's task list) takes as "this part is finished"; a checked parent with
an open required sub-task hides unfinished work. Optional sub-tasks (`- [ ]*`, usually tests Kiro may skip) do not
count. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.model import Dialect, Related, Severity
from analysis.rules import RuleContext, rule


@rule("kiro-task-parent-done", Severity.WARNING, "A Kiro task is checked off while a required sub-task is still open.",
      dialects=(Dialect.KIRO_TASKS,))
def check(context: RuleContext):
    document = context.document
    for index, task in enumerate(document.tasks):
        if task.state != "x":
            continue
        children = []
        for other in document.tasks[index + 1:]:
            if other.depth <= task.depth:
                break
            if other.depth == task.depth + 1:
                children.append(other)
        open_children = [child for child in children if child.state != "x" and not child.optional]
        if open_children:
            names = ", ".join(child.id or f"on line {child.line + 1}" for child in open_children[:5])
            several = len(open_children) > 1
            label = f"Task {task.id}" if task.id else "This task"
            yield context.finding(task.range, f"{label} is checked off, but required sub-task{'s' if several else ''} "
                                              f"{names} {'are' if several else 'is'} still open.",
                                  related=[Related(document.path, child.range, "open sub-task") for child in open_children[:5]],
                                  data={"open": [child.id for child in open_children]})
