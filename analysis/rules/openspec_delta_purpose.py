"""openspec-delta-purpose: how archive will treat the `## Purpose` of a delta spec.

A delta's Purpose is read only when the delta creates its capability. For an existing capability archive warns
and ignores it, so the edit silently goes nowhere: say so, and point at the main spec's Purpose. For a new
capability without one, archive stamps the "TBD - created by archiving change ..." placeholder into the new spec
(which `openspec validate --strict` then rejects): suggest writing it now. Both are info, as they change no
verdict. Needs the change layout (`openspec/changes/<id>/specs/<cap>/spec.md`). No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.dialects.openspec import purpose_section
from analysis.model import Dialect, Edit, Fix, Related, Severity
from analysis.rules import RuleContext, rule
from analysis.rules.openspec_delta_unknown_requirement import load_main_spec
from analysis.text import Range
from analysis.workspace import main_spec_path_for_delta


@rule("openspec-delta-purpose", Severity.INFO, "A delta's Purpose will be ignored (existing capability) or is missing (new capability).",
      dialects=(Dialect.OPENSPEC_DELTA,), fixable=True)
def check(context: RuleContext):
    document = context.document
    target = main_spec_path_for_delta(document.path)
    if target is None or not document.requirements:
        return
    purpose = purpose_section(document)
    main = load_main_spec(context)
    if main is not None and purpose is not None:
        main_purpose = purpose_section(main)
        related = [Related(main.path, main_purpose.range, "the Purpose archive keeps")] if main_purpose else []
        yield context.finding(purpose.range, f"This `## Purpose` is ignored: {target} already exists, and archive reads a delta's "
                                             "Purpose only when it creates the capability. Edit the main spec's Purpose instead.",
                              related=related)
    elif main is None and purpose is None:
        fix = Fix("Add a ## Purpose section", [Edit(Range.of(0, 0, 0, 0), "## Purpose\n<what this new capability is for>\n\n")])
        yield context.finding(Range.of(0, 0, 0, len(document.lines[0])),
                              f"{target} does not exist yet, so this delta creates it; without a `## Purpose` here archive "
                              "writes a TBD placeholder that `openspec validate --strict` rejects.", fixes=[fix])
