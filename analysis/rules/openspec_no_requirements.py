"""openspec-no-requirements: a main spec whose Requirements section holds no requirement.

`openspec validate` fails such a spec ("Spec must have at least one requirement"). No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.dialects.openspec import requirements_section
from analysis.model import Dialect, Severity
from analysis.rules import RuleContext, rule


@rule("openspec-no-requirements", Severity.ERROR, "An OpenSpec main spec's Requirements section has no requirement.",
      dialects=(Dialect.OPENSPEC,))
def check(context: RuleContext):
    document = context.document
    section = requirements_section(document)
    if section is not None and not document.requirements:
        yield context.finding(section.range, "Spec must have at least one requirement: add `### Requirement: <name>` under "
                                             "this section, with a SHALL statement and a `#### Scenario:`.")
