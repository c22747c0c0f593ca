"""kiro-missing-user-story: a Kiro requirement without its `**User Story:** As a ..., I want ..., so that ...`.

Kiro writes one user story per requirement; it is what the acceptance criteria are judged against, and the
design's traceability starts there. Localised labels (`**用戶故事：**`, `**ユーザーストーリー:**`) count.
No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.model import Dialect, Edit, Fix, Severity
from analysis.rules import RuleContext, rule
from analysis.text import Range


@rule("kiro-missing-user-story", Severity.WARNING, "A Kiro requirement has no **User Story:** line.",
      dialects=(Dialect.KIRO,), fixable=True)
def check(context: RuleContext):
    document = context.document
    for requirement in document.requirements:
        if requirement.kind != "kiro" or requirement.user_story:
            continue
        line = requirement.line
        end = len(document.lines[line])
        fix = Fix("Add a User Story line", [Edit(Range.of(line, end, line, end),
                                                 "\n\n**User Story:** As a <role>, I want <capability>, so that <benefit>")])
        yield context.finding(requirement.range, f"Requirement {requirement.id} has no user story. Add `**User Story:** As a "
                                                 "<role>, I want <capability>, so that <benefit>` under the heading.",
                              fixes=[fix], data={"requirement": requirement.id})
