"""openspec-delta-conflict: delta entries that contradict each other within one delta spec.

`openspec validate` rejects (all errors): a name in both MODIFIED and REMOVED, MODIFIED and ADDED, or ADDED and
REMOVED; MODIFIED using a name that RENAMED moves away (use the new name); a RENAMED target that ADDED also
creates; a RENAMED source that REMOVED also removes; a RENAMED FROM or TO repeated, or without its partner
line. Beyond the CLI, a repeated delta section header is an error too: the CLI keeps only the last one, so the
earlier section's entries silently disappear (#1801). Names compare with case and whitespace folded.
No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.dialects.openspec import delta_kind, fold_name, rename_lines
from analysis.model import Dialect, Related, Severity
from analysis.rules import RuleContext, rule

_PAIRS = (("MODIFIED", "REMOVED"), ("MODIFIED", "ADDED"), ("ADDED", "REMOVED"))


@rule("openspec-delta-conflict", Severity.ERROR, "Delta entries conflict (same name in two sections, bad RENAMED pairs, repeated sections).",
      dialects=(Dialect.OPENSPEC_DELTA,))
def check(context: RuleContext):
    document = context.document
    by_section: dict[str, dict[str, object]] = {"ADDED": {}, "MODIFIED": {}, "REMOVED": {}}
    for requirement in document.requirements:
        if requirement.section in by_section:
            by_section[requirement.section].setdefault(fold_name(requirement.name), requirement)
    for first, second in _PAIRS:
        for key, one in by_section[second].items():
            other = by_section[first].get(key)
            if other is None:
                continue
            # Reported on whichever entry comes later, pointing back at the earlier one.
            later, earlier = (one, other) if one.line > other.line else (other, one)
            yield context.finding(later.range, f"Requirement \"{later.name}\" is in both {first} and {second}.",
                                  related=[Related(document.path, earlier.range, f"the {earlier.section} entry")])
    seen_sections: dict[str, object] = {}
    sources: dict[str, object] = {}
    targets: dict[str, object] = {}
    for section in document.sections:
        kind = delta_kind(section)
        if kind is None:
            continue
        earlier = seen_sections.get(kind)
        if earlier is not None:
            yield context.finding(section.range, f"`## {kind} Requirements` appears twice; openspec keeps only the last one, so "
                                                 "the entries of the earlier section are silently dropped. Merge the two sections.",
                                  related=[Related(document.path, earlier.range, "first section")])
        seen_sections[kind] = section
        if kind != "RENAMED":
            continue
        for old, old_range, new, new_range in rename_lines(document, section):
            if old is None:
                yield context.finding(new_range, f"RENAMED `TO: {new}` has no `FROM:` line before it.")
                continue
            if new is None:
                yield context.finding(old_range, f"RENAMED `FROM: {old}` has no `TO:` line after it.")
                continue
            old_key, new_key = fold_name(old), fold_name(new)
            if old_key in sources:
                yield context.finding(old_range, f"Duplicate FROM in RENAMED: \"{old}\".")
            if new_key in targets:
                yield context.finding(new_range, f"Duplicate TO in RENAMED: \"{new}\".")
            sources.setdefault(old_key, old_range)
            targets.setdefault(new_key, new_range)
            modified = by_section["MODIFIED"].get(old_key)
            if modified is not None:
                yield context.finding(modified.range, f"MODIFIED uses the old name \"{old}\" that RENAMED changes; use the new "
                                                      f"header \"{new}\".", related=[Related(document.path, old_range, "renamed here")])
            added = by_section["ADDED"].get(new_key)
            if added is not None:
                yield context.finding(added.range, f"RENAMED TO collides with ADDED for \"{new}\".",
                                      related=[Related(document.path, new_range, "renamed here")])
            removed = by_section["REMOVED"].get(old_key)
            if removed is not None:
                yield context.finding(removed.range, f"Requirement \"{old}\" is both RENAMED and REMOVED.",
                                      related=[Related(document.path, old_range, "renamed here")])
