"""undefined-entity: a term used like an entity name (in requirements, stories, scenarios or another entity's
description) that no Key Entities, Glossary or data section defines, in this spec or another spec of the workspace.

Only specs that define entities are checked: without any definitions there is nothing to compare usage against,
and reporting every capitalised phrase would be noise. In Kiro files a `THE <Term> SHALL` system name is left
to kiro-undefined-glossary-term, so the same name is not reported twice. Candidate detection lives in `analysis.entities`
(`find_undefined_terms`); this module decides what to report, words the message and builds the fixes.
No pygls or lsprotocol.
"""

from __future__ import annotations

import re

from analysis.entities import closest_name, entity_key, find_undefined_terms, name_variants
from analysis.model import Dialect, Edit, Fix, Related, Severity, SpecDocument
from analysis.rules import RuleContext, rule
from analysis.text import Range

_ENTITY_SECTION_KINDS = ("key-entities", "glossary", "data-model")


@rule("undefined-entity", Severity.WARNING, "A term is used like an entity but is defined in no Key Entities or glossary.",
      fixable=True)
def check(context: RuleContext):
    document = context.document
    if not document.entities:
        return
    known_keys = _known_keys(document, context.workspace)
    defined_names = _defined_names(document, context.workspace)

    def is_defined(name: str) -> bool:
        return entity_key(name) in known_keys or entity_key(name.replace("_", " ")) in known_keys

    section = next((s for s in document.sections if s.kind in _ENTITY_SECTION_KINDS), None)
    home = section.title if section is not None else "Key Entities"
    first_by_key: dict[str, list] = {}
    for candidate in find_undefined_terms(document, is_defined):
        if document.dialect == Dialect.KIRO and _is_ears_system(document, candidate.range):
            continue  # kiro-undefined-glossary-term reports `THE <Term> SHALL`; one finding is enough
        first_by_key.setdefault(entity_key(candidate.text.replace("_", " ")), []).append(candidate)
    for occurrences in first_by_key.values():
        first = occurrences[0]
        name = first.text
        suggestion = closest_name(name.replace("_", " "), defined_names)
        message = f"'{name}' is used like an entity but is not defined"
        message += f"; did you mean '{suggestion}'?" if suggestion else f". Define it under {home} or rephrase."
        fixes = [_add_definition_fix(document, name)]
        if suggestion:
            fixes.append(Fix(f"Replace '{name}' with '{suggestion}'", [Edit(first.range, suggestion)]))
        related = [Related(document.path, other.range, f"'{name}' is also used here") for other in occurrences[1:6]]
        yield context.finding(first.range, message, fixes=fixes, related=related,
                              data={"name": name, "suggestion": suggestion})


def _is_ears_system(document: SpecDocument, range_: Range) -> bool:
    line = document.lines[range_.start.line]
    return bool(re.search(r"\bTHE\s+$", line[:range_.start.character])) and bool(re.match(r"\s+SHALL\b", line[range_.end.character:]))


def _known_keys(document: SpecDocument, workspace: object | None) -> set[str]:
    keys = {entity_key(variant) for definition in document.entities for variant in _all_names(definition.name)}
    definitions = getattr(workspace, "entity_definitions", None)
    if callable(definitions):
        keys.update(definitions().keys())
    return keys


def _all_names(name: str) -> list[str]:
    return [name, *name_variants(name)]


def _defined_names(document: SpecDocument, workspace: object | None) -> list[str]:
    """The document's entity names, then every other name the workspace defines, each once, in first-seen order."""
    names = [definition.name for definition in document.entities]
    defined_names = getattr(workspace, "entity_names", None)
    if callable(defined_names):
        # Computed once per workspace state: walking every definition of every spec for each checked document made
        # `specls check` quadratic in the number of specs (0.8 s of 6 s over 1,000 specs).
        seen = set(names)
        names.extend(name for name in defined_names() if name not in seen)
        return names
    definitions = getattr(workspace, "entity_definitions", None)
    if callable(definitions):
        seen = set(names)
        for entries in definitions().values():
            for _, definition in entries:
                if definition.name not in seen:
                    seen.add(definition.name)
                    names.append(definition.name)
    return names


def _add_definition_fix(document: SpecDocument, name: str) -> Fix:
    """Append `- **Name**: [describe]` to the entities section, or create a Key Entities section at the end."""
    stub = f"- **{name}**: [describe]"
    section = next((s for s in document.sections if s.kind in _ENTITY_SECTION_KINDS), None)
    if section is not None:
        last = section.line
        for line in range(section.line + 1, min(section.end, len(document.lines))):
            if document.lines[line].strip() and not document.lines[line].lstrip().startswith("#"):
                last = line
            if document.lines[line].lstrip().startswith("#"):
                break
        for definition in document.entities:
            if section.line < definition.line < section.end:
                last = max(last, definition.end - 1 if definition.end > definition.line else definition.line)
        while last > section.line and not document.lines[last].strip():
            last -= 1
        end = len(document.lines[last])
        return Fix(f"Add '{name}' to {section.title}", [Edit(Range.of(last, end, last, end), "\n" + stub)])
    last = len(document.lines) - 1
    end = len(document.lines[last])
    prefix = "\n" if document.lines[last].strip() else ""
    return Fix(f"Add a Key Entities section defining '{name}'",
               [Edit(Range.of(last, end, last, end), f"{prefix}\n### Key Entities\n\n{stub}\n")])
