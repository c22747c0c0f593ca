"""openspec-empty-purpose: a `## Purpose` heading with nothing under it.

`openspec validate` treats an empty Purpose exactly like a missing one ("Spec must have a Purpose section") and
fails the spec. A missing heading is `missing-section`'s finding; this rule covers the heading that is there
but empty, which `missing-section` cannot see. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.dialects.openspec import purpose_section, section_text
from analysis.model import Dialect, Severity
from analysis.rules import RuleContext, rule


@rule("openspec-empty-purpose", Severity.ERROR, "An OpenSpec Purpose section is empty.", dialects=(Dialect.OPENSPEC,))
def check(context: RuleContext):
    document = context.document
    section = purpose_section(document)
    if section is not None and not section_text(document, section):
        yield context.finding(section.range, "The Purpose section is empty, and openspec validate treats it as missing. "
                                             "Say what this capability is for (at least 50 characters).")
