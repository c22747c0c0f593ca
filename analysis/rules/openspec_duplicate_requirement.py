"""openspec-duplicate-requirement: two requirements with the same name in one main spec, or twice in the same
delta section (ADDED, MODIFIED, REMOVED; RENAMED FROM/TO duplicates are `openspec-delta-conflict`).

Archive matches requirements by name, so a duplicate makes the merge ambiguous; `openspec validate` fails it.
Names compare after trimming; case matters in main specs (as in the CLI) but not in deltas, whose checks fold
case and whitespace. The finding links to the first declaration. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.dialects.openspec import fold_name
from analysis.model import Dialect, Related, Severity
from analysis.rules import RuleContext, rule


@rule("openspec-duplicate-requirement", Severity.ERROR, "A requirement name is declared twice.",
      dialects=(Dialect.OPENSPEC, Dialect.OPENSPEC_DELTA))
def check(context: RuleContext):
    document = context.document
    seen: dict[tuple[str | None, str], object] = {}
    for requirement in document.requirements:
        if requirement.kind != "openspec":
            continue
        key = (requirement.section, fold_name(requirement.name) if requirement.section else requirement.name.strip())
        first = seen.get(key)
        if first is None:
            seen[key] = requirement
            continue
        where = f" in {requirement.section}" if requirement.section else ""
        yield context.finding(requirement.range, f"Requirement \"{requirement.name}\"{where} duplicates the requirement declared on "
                                                 f"line {first.line + 1}.",
                              related=[Related(document.path, first.range, "first declared here")],
                              data={"requirement": requirement.name, "first-line": first.line})
