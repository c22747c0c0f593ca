"""openspec-purpose-too-short: a main spec's Purpose under 50 characters (`openspec validate` warns, so
`--strict` fails). A missing Purpose is `missing-section`'s finding, an empty one `openspec-empty-purpose`'s. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.dialects.openspec import purpose_section, section_text
from analysis.model import Dialect, Severity
from analysis.rules import RuleContext, rule

MIN_PURPOSE_LENGTH = 50
"""The CLI's MIN_PURPOSE_LENGTH, counted in characters of the trimmed section text."""


@rule("openspec-purpose-too-short", Severity.WARNING, "An OpenSpec Purpose is shorter than 50 characters.",
      dialects=(Dialect.OPENSPEC,))
def check(context: RuleContext):
    document = context.document
    section = purpose_section(document)
    if section is None:
        return
    text = section_text(document, section)
    if text and len(text) < MIN_PURPOSE_LENGTH:
        yield context.finding(section.range, f"Purpose section is too brief ({len(text)} characters; openspec validate wants at "
                                             f"least {MIN_PURPOSE_LENGTH}). Say what the capability is for and for whom.",
                              data={"length": len(text)})
