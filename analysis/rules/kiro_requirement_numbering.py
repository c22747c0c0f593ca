"""kiro-requirement-numbering: Kiro requirements numbered twice or with a gap (`### Requirement 3` after 1).

Tasks and design properties cite criteria as `N.M` (`_Requirements: 3.2_`), so a duplicate number makes those
references ambiguous and a gap usually means a requirement was deleted without renumbering its references.
Only whole numbers are checked (`Requirement 1.1` sub-numbering is left alone). No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.model import Dialect, Related, Severity
from analysis.rules import RuleContext, rule


@rule("kiro-requirement-numbering", Severity.WARNING, "Kiro requirement numbers repeat or skip a number.",
      dialects=(Dialect.KIRO,))
def check(context: RuleContext):
    document = context.document
    seen: dict[int, object] = {}
    previous: int | None = None
    for requirement in document.requirements:
        if requirement.kind != "kiro" or not (requirement.id or "").isdigit():
            continue
        number = int(requirement.id)
        first = seen.get(number)
        if first is not None:
            yield context.finding(requirement.range, f"Requirement {number} is numbered twice (first on line {first.line + 1}); "
                                                     f"references like `_Requirements: {number}.1_` become ambiguous.",
                                  related=[Related(document.path, first.range, "first Requirement " + str(number))],
                                  data={"number": number})
        elif previous is not None and number > previous + 1:
            missing = ", ".join(str(n) for n in range(previous + 1, number))
            yield context.finding(requirement.range, f"Requirement {number} follows Requirement {previous}: number {missing} "
                                                     "is missing. Renumber, and update `_Requirements: N.M_` references.",
                                  data={"number": number, "missing": list(range(previous + 1, number))})
        seen.setdefault(number, requirement)
        previous = max(previous or 0, number)
