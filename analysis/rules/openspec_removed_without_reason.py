"""openspec-removed-without-reason: a REMOVED requirement without the `**Reason**:` and `**Migration**:` lines the
OpenSpec template asks for.

Validation does not check them, but reviewers and whoever depended on the requirement read them: why it goes,
and what to use instead. Info only. Bullet-style removals (``- `### Requirement: X` ``) look for the lines
indented under the bullet or directly after it. No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.dialects.openspec import delta_kind
from analysis.model import Dialect, Edit, Fix, Severity
from analysis.rules import RuleContext, rule
from analysis.text import Range

_REASON = re.compile(r"^\s*(?:[-*]\s*)?\*\*Reason\*\*\s*:", re.I)
_MIGRATION = re.compile(r"^\s*(?:[-*]\s*)?\*\*Migration\*\*\s*:", re.I)
_NEXT_ENTRY = re.compile(r"^\s*(?:#{1,6}\s|[-*]\s*`?###)")


@rule("openspec-removed-without-reason", Severity.INFO, "A REMOVED requirement has no **Reason**: / **Migration**: lines.",
      dialects=(Dialect.OPENSPEC_DELTA,), fixable=True)
def check(context: RuleContext):
    document = context.document
    sections = [s for s in document.sections if delta_kind(s) == "REMOVED"]
    for requirement in document.requirements:
        if requirement.section != "REMOVED":
            continue
        section = next((s for s in sections if s.line < requirement.line < s.end), None)
        stop = section.end if section else len(document.lines)
        block = []
        for line in range(requirement.line + 1, stop):
            if _NEXT_ENTRY.match(document.lines[line]):
                break
            block.append(document.lines[line])
        missing = [label for label, pattern in (("Reason", _REASON), ("Migration", _MIGRATION))
                   if not any(pattern.match(text) for text in block)]
        if not missing:
            continue
        line = requirement.line
        end = len(document.lines[line])
        insert = "".join(f"\n**{label}**: <{'why it is removed' if label == 'Reason' else 'what to use instead'}>" for label in missing)
        yield context.finding(requirement.range, f"REMOVED \"{requirement.name}\" has no {' or '.join(f'**{m}**:' for m in missing)} "
                                                 "line: say why it goes and what replaces it.",
                              fixes=[Fix(f"Add {' and '.join(missing)}", [Edit(Range.of(line, end, line, end), insert)])])
