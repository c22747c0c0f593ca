"""unused-entity: an entity defined under Key Entities (or a glossary / data section) that nothing else in the spec
mentions, nor any other spec of the workspace. Either the definition is stale or the requirements forget it.

A mention inside the entity's own definition does not count; a mention anywhere else does: another entity's
description, a clarification answer, or a shortened form of a multi-word name ("cost layers" for Inventory Cost
Layer) when no other entity shares that shortening. References come from `SpecDocument.references` (computed once
at parse time); the rest is searched only for entities still unused, and other workspace specs last.
No pygls or lsprotocol.
"""

from __future__ import annotations

from analysis.entities import compile_reference_pattern, entity_key, find_references, split_name
from analysis.model import EntityDefinition, Severity, SpecDocument
from analysis.rules import RuleContext, rule


@rule("unused-entity", Severity.INFO, "An entity is defined but never referenced elsewhere in the spec.")
def check(context: RuleContext):
    document = context.document
    if not document.entities:
        return
    # The defining line span of each name, looked up once per name rather than once per reference (a long spec
    # has thousands of references): the first definition of a name wins, as in `SpecDocument.entity`.
    spans: dict[str, range | None] = {}
    used: set[str] = set()
    for reference in document.references:
        name = reference.name
        if name in used:
            continue
        span = spans.get(name, False)
        if span is False:
            definition = document.entity(name)
            span = spans[name] = range(definition.line, max(definition.end, definition.line + 1)) if definition is not None else None
        if span is None or reference.range.start.line not in span:
            used.add(name)
    unused = [definition for definition in _distinct(document.entities) if definition.name not in used]
    if not unused:
        return
    unused = _still_unused_in_document(document, unused)
    unused = _still_unused_in_workspace(document, unused, context.workspace)
    for definition in unused:
        yield context.finding(definition.range,
                              f"Entity '{definition.name}' is defined but never referenced in the requirements, stories or "
                              "other entities. Reference it where it is used, or remove the definition.",
                              data={"name": definition.name})


def _still_unused_in_document(document: SpecDocument, unused: list[EntityDefinition]) -> list[EntityDefinition]:
    """Search every prose line, clarifications included, for the full names and their unambiguous shortenings."""
    tails_taken: dict[str, int] = {}
    for definition in document.entities:
        for tail in _tails(definition.name):
            tails_taken[entity_key(tail)] = tails_taken.get(entity_key(tail), 0) + 1
    full_keys = {entity_key(definition.name) for definition in document.entities}
    spellings: list[EntityDefinition] = []
    owner: dict[str, EntityDefinition] = {}
    for definition in unused:
        names = [definition.name] + [tail for tail in _tails(definition.name)
                                     if tails_taken.get(entity_key(tail)) == 1 and entity_key(tail) not in full_keys]
        for name in names:
            spellings.append(EntityDefinition(name=name, range=definition.range, line=definition.line, description="",
                                              source=definition.source, end=definition.end))
            owner[name] = definition
    pattern, variant_to_name = compile_reference_pattern(spellings)
    if pattern is None:
        return unused
    own_lines = {id(definition): range(definition.line, max(definition.end, definition.line + 1)) for definition in unused}
    found: set[int] = set()
    for line_number, line in enumerate(document.lines):
        if not line or not document.tree.is_prose(line_number):
            continue
        for match in pattern.finditer(line):
            name = variant_to_name.get(match.group(0).casefold())
            definition = owner.get(name) if name is not None else None
            if definition is not None and line_number not in own_lines[id(definition)] \
                    and not _is_defining_spot(document, line_number, match.start()):
                found.add(id(definition))
    return [definition for definition in unused if id(definition) not in found]


def _tails(name: str) -> list[str]:
    """`Inventory Cost Layer` -> `cost layer`, `layer`; `CustomerAddress` -> `address`; single words have none."""
    words = split_name(name)
    return [" ".join(words[index:]) for index in range(1, len(words))]


def _is_defining_spot(document: SpecDocument, line: int, column: int) -> bool:
    """Whether a match sits in the bold name of some definition bullet (`- **Cost Layer**:`)."""
    for definition in document.entities:
        if definition.range.start.line == line:
            colon = document.lines[line].find(":", definition.range.end.character)
            if definition.range.start.character <= column < (colon if colon >= 0 else definition.range.end.character):
                return True
    return False


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

