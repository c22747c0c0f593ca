"""needs-clarification: every unresolved `[NEEDS CLARIFICATION: ...]` marker, plus one warning when more than
`max_clarifications` remain (spec-kit's /speckit.specify allows at most 3).

Markers inside code, HTML comments and the old template's checklist sentence ("No [NEEDS CLARIFICATION] markers
remain") are not unresolved questions: the parser only records markers in prose, and a marker with no question
text inside a checklist item is skipped here.
"""

from __future__ import annotations

import re

from analysis.model import Severity
from analysis.rules import RuleContext, rule

_CHECKLIST = re.compile(r"^\s*[-*]\s*\[[ xX]\]")


@rule("needs-clarification", Severity.WARNING, "An unresolved [NEEDS CLARIFICATION] marker remains in the spec.")
def check(context: RuleContext):
    document = context.document
    open_markers = []
    for marker in document.markers:
        if marker.kind != "needs-clarification":
            continue
        line = document.lines[marker.range.start.line]
        question = re.sub(r"^\[NEEDS CLARIFICATION:?\s*|\]$", "", marker.text, flags=re.I).strip()
        if not question and (_CHECKLIST.match(line) or re.search(r"\b(no|remain|markers?)\b", line, re.I)):
            continue
        open_markers.append((marker, question))
        sentence = question if question.endswith(("?", ".", "!")) else question + "."
        message = (f"Unresolved clarification: {sentence} Answer it (e.g. with /speckit.clarify) and replace the marker "
                   "with the decision." if question else
                   "Unresolved [NEEDS CLARIFICATION] marker. Answer the question and replace the marker with the decision.")
        yield context.finding(marker.range, message, data={"question": question})
    limit = context.settings.max_clarifications
    if len(open_markers) > limit:
        marker = open_markers[limit][0]
        yield context.finding(marker.range, f"{len(open_markers)} clarification markers remain; a spec should have at most "
                                            f"{limit}. Resolve the rest or make informed assumptions and list them under Assumptions.",
                              data={"count": len(open_markers)})
