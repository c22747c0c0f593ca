"""openspec-requirement-too-long: a requirement statement over 500 characters (`openspec validate` reports it
as INFO: "Consider breaking it down"). Main specs only, as in the CLI: a delta's long block is reported once
archive has merged it. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.dialects.openspec import requirement_body
from analysis.model import Dialect, Severity
from analysis.rules import RuleContext, rule

MAX_REQUIREMENT_TEXT_LENGTH = 500


@rule("openspec-requirement-too-long", Severity.INFO, "An OpenSpec requirement's text is longer than 500 characters.",
      dialects=(Dialect.OPENSPEC,))
def check(context: RuleContext):
    document = context.document
    for requirement in document.requirements:
        if requirement.kind not in ("openspec", "other") or requirement.section in ("REMOVED", "RENAMED"):
            continue
        length = len(requirement_body(document, requirement))
        if length > MAX_REQUIREMENT_TEXT_LENGTH:
            yield context.finding(requirement.range, f"Requirement text is very long ({length} characters, over "
                                                     f"{MAX_REQUIREMENT_TEXT_LENGTH}). Consider splitting it into smaller requirements.",
                                  data={"length": length})
