"""openspec-purpose-placeholder: a Purpose nobody wrote: the sentence `openspec archive` stamps into a new
capability ("TBD - created by archiving change X. Update Purpose after archive.") or a leading TBD/TODO marker.

`openspec validate` 1.13 warns about both, so `--strict` fails. Like the CLI, a TBD inside a sentence is a real
Purpose with an open question and is left alone, and fenced code inside the Purpose is ignored; the finding
points at the placeholder line. No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.dialects.common import line_range
from analysis.dialects.openspec import purpose_section
from analysis.model import Dialect, Severity
from analysis.rules import RuleContext, rule

_ARCHIVE_SENTENCE = re.compile(r"TBD - created by archiving change .*?Update Purpose after archive", re.S)
_LEADING_MARKER = re.compile(r"^(?:TBD|TODO)(?![^\W_]|_)(?=[ \t]*(?:$|\n|[:\-–—.,;()\[\]{}]))", re.I)


@rule("openspec-purpose-placeholder", Severity.WARNING, "An OpenSpec Purpose is still a TBD placeholder.",
      dialects=(Dialect.OPENSPEC,))
def check(context: RuleContext):
    document = context.document
    section = purpose_section(document)
    if section is None:
        return
    lines = [line for line in range(section.line + 1, section.end) if document.tree.is_prose(line)]
    prose = "\n".join(document.lines[line] for line in lines).strip()
    if not prose:
        return
    leading = bool(_LEADING_MARKER.match(prose))
    if not leading and not _ARCHIVE_SENTENCE.search(prose):
        return
    target = next((line for line in lines if document.lines[line].strip() and
                   (leading or "TBD - created by archiving change" in document.lines[line])), lines[0])
    yield context.finding(line_range(document, target, len(document.lines[target]) - len(document.lines[target].lstrip())),
                          "Purpose is still a placeholder: replace it with what this capability is for. Edit the main spec "
                          "directly: a `## Purpose` in a delta is read only when the capability is created.")
