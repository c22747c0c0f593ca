"""unused-entity: an entity defined under Key Entities (or a glossary / data section) that nothing else in the spec
mentions, nor any other spec of the workspace. Either the definition is stale or the requirements forget it.

A mention inside the entity's own definition does not count; a mention in another entity's description does.
References come from `SpecDocument.references` (computed once at parse time); other workspace specs are searched
with the same compiled pattern, only for entities still unused. No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.entities import find_references
from analysis.model import EntityDefinition, Severity, SpecDocument
from analysis.rules import RuleContext, rule


@rule("unused-entity", Severity.INFO, "An entity is defined but never referenced elsewhere in the spec.")
def check(context: RuleContext):
    document = context.document
    if not document.entities:
        return
    used = {reference.name for reference in document.references if not _inside_own_definition(document, reference.name, reference.range.start.line)}
    unused = [definition for definition in _distinct(document.entities) if definition.name not in used]
    if not unused:
        return
    unused = _still_unused_in_workspace(document, unused, context.workspace)
    for definition in unused:
        yield context.finding(definition.range,
                              f"Entity '{definition.name}' is defined but never referenced in the requirements, stories or "
                              "other entities. Reference it where it is used, or remove the definition.",
                              data={"name": definition.name})


def _distinct(definitions: list[EntityDefinition]) -> list[EntityDefinition]:
    """One definition per defining spot: two extractors may read the same bullet (`Pull Request (PR)` and
    `Pull Request`); the first reading stands for both."""
    seen: set[tuple[int, int]] = set()
    distinct = []
    for definition in definitions:
        spot = (definition.range.start.line, definition.range.start.character)
        if spot not in seen:
            seen.add(spot)
            distinct.append(definition)
    return distinct


def _inside_own_definition(document: SpecDocument, name: str, line: int) -> bool:
    definition = document.entity(name)
    return definition is not None and definition.line <= line < max(definition.end, definition.line + 1)


def _still_unused_in_workspace(document: SpecDocument, unused: list[EntityDefinition], workspace: object | None) -> list[EntityDefinition]:
    documents = getattr(workspace, "documents", None)
    if not isinstance(documents, dict):
        return unused
    remaining = list(unused)
    for path, other in documents.items():
        if path == document.path or other is document or not remaining or getattr(other, "error", None) is not None:
            continue
        # The other spec's own definition of the same name is not a use of ours; any other mention is.
        defining = {(definition.range.start.line, definition.range.start.character) for definition in other.entities}
        found = {reference.name for reference in find_references(other, remaining)
                 if (reference.range.start.line, reference.range.start.character) not in defining}
        remaining = [definition for definition in remaining if definition.name not in found]
    return remaining

