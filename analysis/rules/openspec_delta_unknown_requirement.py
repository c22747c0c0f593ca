"""openspec-delta-unknown-requirement: a delta names a requirement the main spec does not have.

`openspec validate` passes such a delta (its open issues #1112 and #1918) and `openspec archive` refuses it days
later. We read the main spec the delta applies to (`openspec/changes/<id>/specs/<cap>/spec.md` ->
`openspec/specs/<cap>/spec.md`, from the workspace index or from disk) and report:
- a MODIFIED or RENAMED-FROM name that matches no `### Requirement:` there (error), or a REMOVED one (warning:
  archive only warns), with the nearest existing name and a fix that writes it;
- a name that matches only after folding case or spacing (error: archive matches names exactly);
- a RENAMED target that already exists (error);
- MODIFIED or RENAMED against a capability with no main spec (info, as the CLI: archive allows only ADDED there).
No pygls or lsprotocol.
"""

from __future__ import annotations

import difflib

from analysis.dialects.openspec import delta_kind, fold_name, rename_lines
from analysis.model import Dialect, Edit, Fix, Related, Severity
from analysis.rules import RuleContext, rule
from analysis.text import Range
from analysis.workspace import main_spec_path_for_delta


def main_requirements(main) -> dict[str, object]:
    """Name -> requirement for the `### Requirement:` blocks of a main spec (the ones archive can match)."""
    named: dict[str, object] = {}
    for requirement in main.requirements:
        if requirement.kind == "openspec":
            named.setdefault(requirement.name.strip(), requirement)
    return named


def load_main_spec(context: RuleContext):
    workspace = context.index()
    return workspace.openspec_main_spec(context.document.path)


@rule("openspec-delta-unknown-requirement", Severity.ERROR,
      "A MODIFIED, REMOVED or RENAMED delta entry names a requirement that is not in the main spec.",
      dialects=(Dialect.OPENSPEC_DELTA,), fixable=True)
def check(context: RuleContext):
    document = context.document
    entries: list[tuple[str, str, Range]] = [(r.section, r.name, r.range) for r in document.requirements
                                             if r.section in ("MODIFIED", "REMOVED")]
    renames = [(old, old_range, new, new_range) for section in document.sections if delta_kind(section) == "RENAMED"
               for old, old_range, new, new_range in rename_lines(document, section) if old is not None and new is not None]
    entries += [("RENAMED", old, old_range) for old, old_range, _, _ in renames]
    if not entries:
        return
    target = main_spec_path_for_delta(document.path)
    if target is None:
        return
    main = load_main_spec(context)
    if main is None:
        changing = sorted({kind for kind, _, _ in entries if kind in ("MODIFIED", "RENAMED")})
        if changing:
            first = next(entry for entry in entries if entry[0] in changing)
            yield context.finding(first[2], f"The main spec {target} does not exist, and archive allows only ADDED requirements "
                                            f"for a new capability: {' and '.join(changing)} entries would make it refuse this delta.",
                                  severity=Severity.INFO, data={"main": target})
        return
    named = main_requirements(main)
    folded = {fold_name(name): name for name in named}
    for kind, name, where in entries:
        if name.strip() in named:
            continue
        exact = folded.get(fold_name(name))
        if exact is not None:
            yield context.finding(where, f"{kind} \"{name}\" matches \"{exact}\" in {main.path} only after ignoring case or "
                                         "spacing; archive matches names exactly and would refuse this delta.",
                                  fixes=[Fix(f"Use \"{exact}\"", [Edit(where, exact)], safe=True)],
                                  related=[Related(main.path, named[exact].range, "the requirement in the main spec")],
                                  data={"name": name, "suggestion": exact, "main": main.path})
            continue
        nearest = difflib.get_close_matches(name, list(named), n=1, cutoff=0.6)
        hint = f" Did you mean \"{nearest[0]}\"?" if nearest else ""
        severity = Severity.WARNING if kind == "REMOVED" else Severity.ERROR
        consequence = "archive skips it with a warning" if kind == "REMOVED" else "archive would refuse this delta"
        yield context.finding(where, f"{kind} \"{name}\" is not a requirement of {main.path}; {consequence}.{hint}",
                              severity=severity,
                              fixes=[Fix(f"Use \"{nearest[0]}\"", [Edit(where, nearest[0])])] if nearest else [],
                              related=[Related(main.path, named[nearest[0]].range, "closest requirement")] if nearest else [],
                              data={"name": name, "suggestion": nearest[0] if nearest else None, "main": main.path})
    for _, _, new, new_range in renames:
        existing = named.get(new.strip())
        if existing is not None:
            yield context.finding(new_range, f"RENAMED target \"{new}\" already exists in {main.path}; archive would refuse this delta.",
                                  related=[Related(main.path, existing.range, "existing requirement")])
