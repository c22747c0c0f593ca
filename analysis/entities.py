"""Entity names: their spelling variants (singular/plural, multi-word, CamelCase) and finding references.

Pluralisation comes from the `inflection` library, not a home-made list. Pure functions over strings and
the spec model; no pygls, no lsprotocol.
"""

from __future__ import annotations

import re
from functools import lru_cache

import inflection

from analysis.model import EntityDefinition, EntityReference, SpecDocument
from analysis.text import Range

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_ENTITY_SKIP_KINDS = frozenset({"clarifications", "session", "review-checklist", "execution-status", "execution-flow",
                                "quick-guidelines"})


def split_name(name: str) -> list[str]:
    """`TicketType`, `ticket_type`, `Ticket Type` -> `['ticket', 'type']`."""
    words: list[str] = []
    for chunk in re.split(r"[\s_\-/]+", name.strip()):
        if chunk:
            words.extend(part for part in _CAMEL.split(chunk) if part)
    return [word.casefold() for word in words]


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    return inflection.singularize(word) if word.isascii() else word


@lru_cache(maxsize=8192)
def plural(word: str) -> str:
    return inflection.pluralize(word) if word.isascii() else word


def entity_key(name: str) -> str:
    """A comparison key: lower case, singular last word, no separators (`Expense Reports` -> `expensereport`)."""
    words = split_name(name)
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return "".join(words)


@lru_cache(maxsize=4096)
def name_variants(name: str) -> tuple[str, ...]:
    """Spellings under which an entity may be referred to in prose, longest first, lower case."""
    words = split_name(name)
    if not words or not all(words):
        return ()
    last = words[-1]
    forms = {singular(last), plural(singular(last)), last}
    variants: set[str] = set()
    for form in forms:
        stem = words[:-1] + [form]
        variants.add(" ".join(stem))
        if len(stem) > 1:
            variants.add("".join(stem))
            variants.add("-".join(stem))
            variants.add("_".join(stem))
    return tuple(sorted(variants, key=lambda value: (-len(value), value)))


def compile_reference_pattern(definitions: list[EntityDefinition]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One alternation over every variant of every name, and the map from a variant back to its entity."""
    variant_to_name: dict[str, str] = {}
    for definition in definitions:
        for variant in name_variants(definition.name):
            variant_to_name.setdefault(variant, definition.name)
    if not variant_to_name:
        return None, {}
    alternation = "|".join(re.escape(variant) for variant in sorted(variant_to_name, key=lambda v: (-len(v), v)))
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
    return pattern, variant_to_name


def find_references(document: SpecDocument, definitions: list[EntityDefinition]) -> list[EntityReference]:
    """Every prose mention of a defined entity, excluding the defining occurrence itself."""
    pattern, variant_to_name = compile_reference_pattern(definitions)
    if pattern is None:
        return []
    defining = {(definition.range.start.line, definition.range.start.character) for definition in definitions}
    references: list[EntityReference] = []
    tree = document.tree
    section_kind_by_line = _section_kinds(document)
    for line_number, line in enumerate(document.lines):
        if not tree.is_prose(line_number) or not line.strip():
            continue
        kind = section_kind_by_line[line_number]
        if kind in _ENTITY_SKIP_KINDS:
            continue
        for match in pattern.finditer(line):
            if (line_number, match.start()) in defining:
                continue
            name = variant_to_name.get(match.group(0).casefold())
            if name is None:
                continue
            references.append(EntityReference(name, match.group(0), Range.of(line_number, match.start(), line_number, match.end()), kind or ""))
    return references


def _section_kinds(document: SpecDocument) -> list[str | None]:
    kinds: list[str | None] = [None] * len(document.lines)
    for section in sorted(document.sections, key=lambda s: s.level):
        for line in range(section.line, min(section.end, len(kinds))):
            if section.kind is not None or kinds[line] is None:
                kinds[line] = section.kind if section.kind is not None else kinds[line]
    return kinds


def closest_name(name: str, candidates: list[str]) -> str | None:
    """The defined name closest to `name` (by key, then edit ratio), or None when nothing is close."""
    import difflib

    if not candidates:
        return None
    key = entity_key(name)
    by_key = {entity_key(candidate): candidate for candidate in candidates}
    if key in by_key:
        return by_key[key]
    matches = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.75)
    if matches:
        return by_key[matches[0]]
    words = set(split_name(name))
    for candidate in candidates:
        if words and words & set(split_name(candidate)) and len(split_name(candidate)) > 1:
            return candidate
    return None
