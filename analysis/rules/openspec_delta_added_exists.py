"""openspec-delta-added-exists: an ADDED requirement whose name the main spec already has.

Archive refuses an ADDED block that already exists with different content (it should be MODIFIED); an identical
block is a harmless no-op (the change was synced early), reported as info only. `openspec validate` 1.13 shows
the refusal as an INFO dry run; we make the real conflict an error because archive will stop on it. Names match
exactly after trimming; contents compare line by line, ignoring trailing spaces and blank lines at the end.
No automatic fix: moving a block between sections is an edit to review. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.model import Dialect, Related, Severity
from analysis.rules import RuleContext, rule
from analysis.rules.openspec_delta_unknown_requirement import load_main_spec, main_requirements


def _block(document, requirement) -> list[str]:
    lines = [line.rstrip() for line in document.lines[requirement.line:requirement.end]]
    while lines and not lines[-1]:
        lines.pop()
    return lines


@rule("openspec-delta-added-exists", Severity.ERROR, "An ADDED delta requirement already exists in the main spec.",
      dialects=(Dialect.OPENSPEC_DELTA,))
def check(context: RuleContext):
    document = context.document
    added = [r for r in document.requirements if r.section == "ADDED"]
    if not added:
        return
    main = load_main_spec(context)
    if main is None:
        return
    named = main_requirements(main)
    for requirement in added:
        existing = named.get(requirement.name.strip())
        if existing is None:
            continue
        related = [Related(main.path, existing.range, "the requirement in the main spec")]
        if _block(document, requirement) == _block(main, existing):
            yield context.finding(requirement.range, f"ADDED \"{requirement.name}\" is already in {main.path} with the same "
                                                     "text; archive treats it as a no-op.", severity=Severity.INFO, related=related)
        else:
            yield context.finding(requirement.range, f"ADDED \"{requirement.name}\" already exists in {main.path} with different "
                                                     "text; archive would refuse this delta. Move it to `## MODIFIED Requirements` "
                                                     "(with all the scenarios to keep) or give it a new name.", related=related)
