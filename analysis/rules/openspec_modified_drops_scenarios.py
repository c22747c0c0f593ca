"""openspec-modified-drops-scenarios: a MODIFIED block that leaves out scenarios the main spec still has.

Archive replaces the whole requirement block with the MODIFIED one, so a scenario missing from it is deleted
without anyone asking (the CLI's #1477). Scenarios match by name with case and spacing folded. The fix copies
the missing scenario blocks from the main spec to the end of the MODIFIED block. No pygls or lsprotocol.
"""

from __future__ import annotations


from analysis.dialects.openspec import fold_name
from analysis.model import Dialect, Edit, Fix, Related, Severity
from analysis.rules import RuleContext, rule
from analysis.rules.openspec_delta_unknown_requirement import load_main_spec, main_requirements
from analysis.text import Range


@rule("openspec-modified-drops-scenarios", Severity.ERROR,
      "A MODIFIED requirement omits scenarios the main spec has; archive would delete them.",
      dialects=(Dialect.OPENSPEC_DELTA,), fixable=True)
def check(context: RuleContext):
    document = context.document
    modified = [r for r in document.requirements if r.section == "MODIFIED"]
    if not modified:
        return
    main = load_main_spec(context)
    if main is None:
        return
    named = main_requirements(main)
    folded = {fold_name(name): requirement for name, requirement in named.items()}
    for requirement in modified:
        original = named.get(requirement.name.strip()) or folded.get(fold_name(requirement.name))
        if original is None:
            continue  # openspec-delta-unknown-requirement reports it
        kept = {fold_name(scenario.name) for scenario in requirement.scenarios}
        missing = [scenario for scenario in original.scenarios if fold_name(scenario.name) not in kept]
        if not missing:
            continue
        names = ", ".join(f"\"{scenario.name}\"" for scenario in missing)
        last = requirement.end - 1
        while last > requirement.line and not document.lines[last].strip():
            last -= 1
        copied = "\n\n".join("\n".join(main.lines[scenario.line:scenario.end]).rstrip() for scenario in missing)
        end = len(document.lines[last])
        fix = Fix("Copy the missing scenarios from the main spec", [Edit(Range.of(last, end, last, end), "\n\n" + copied)])
        yield context.finding(requirement.range, f"MODIFIED \"{requirement.name}\" omits scenario(s) {names} that {main.path} "
                                                 "still has; archive replaces the whole block and would delete them. Copy them "
                                                 "into the MODIFIED block (or remove them on purpose).",
                              fixes=[fix], related=[Related(main.path, s.range, "scenario in the main spec") for s in missing],
                              data={"missing": [s.name for s in missing], "main": main.path})
