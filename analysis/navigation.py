"""Editor-agnostic navigation over specs and their plans: what symbol is at a position, where entities and IDs are
defined and referenced (across every spec and plan.md known to the caller), rename edits, completion candidates,
the document-symbol tree, folding ranges, code-lens facts and hover text.

Everything here is plain data in the analysis core's terms (paths, 0-based lines, code-point characters). The plan
engine's objects (`DomainModel`, `Plan`) are passed in by the caller when it has them, so this module works — with
less to say — when no plan could be built. It never imports pygls or lsprotocol.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import inflection

from analysis.dialects.speckit import ID_PATTERN
from analysis.entities import entity_key, name_variants, plural, singular, split_name
from analysis.model import Dialect, SpecDocument
from analysis.plan.model import SourceRef
from analysis.text import Position, Range, split_lines

_ROUTE = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE)\s+(/[\w{}/.:-]*)")
_WORD = re.compile(r"[A-Za-z_][\w]*")
_ID_PREFIX_BEFORE_CURSOR = re.compile(r"(?<![\w-])([A-Z]{1,3})-(\d*)$")


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    range: Range


@dataclass(frozen=True, slots=True)
class SymbolHit:
    """What is under the cursor: an entity (by its defined name) or a requirement/criterion ID."""

    kind: str
    """`entity`, `id`, `criterion` (a `_Requirements: N.M_` citation in a Kiro tasks.md) or `property` (a
    `Property N` a tasks.md names, or the number of a correctness property in design.md)."""
    name: str
    range: Range
    path: str = ""
    """For `criterion` and `property`: the file it was found in (the requirements.md or design.md beside it is the
    one cited)."""


@dataclass(slots=True)
class OutlineSymbol:
    name: str
    kind: str
    """`section`, `story`, `requirement`, `entity`, `scenario`."""
    range: Range
    selection_range: Range
    detail: str = ""
    children: list["OutlineSymbol"] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Fold:
    start: int
    end: int
    kind: str
    """`region` or `comment`."""


@dataclass(frozen=True, slots=True)
class CompletionCandidate:
    label: str
    kind: str
    """`entity`, `id`, `section`, `snippet`."""
    detail: str = ""
    insert_text: str = ""
    snippet: str | None = None
    """The same insertion as an LSP snippet (tab stops), for clients that support them."""
    replace: Range | None = None
    """Text to replace (the partial word typed so far)."""


@dataclass(frozen=True, slots=True)
class LensFact:
    range: Range
    title: str
    action: str | None = None
    """`generate-plan` / `update-plan` when clicking the lens should do something."""


# ------------------------------------------------------------------------------------------- names and occurrences

def model_name(name: str) -> str:
    """`ticket types` -> `TicketType`: the PascalCase model name a plan uses for an entity."""
    words = split_name(name)
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return "".join(inflection.camelize(word) for word in words)


def _entity_pattern(name: str) -> re.Pattern[str] | None:
    variants = set(name_variants(name))
    pascal = model_name(name)
    if pascal:
        variants.add(pascal.casefold())
        variants.add(plural(pascal).casefold())
    if not variants:
        return None
    alternation = "|".join(re.escape(v) for v in sorted(variants, key=lambda v: (-len(v), v)))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


def _ids_pattern(identifier: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])")


def plan_occurrences_of_entity(plan_lines: Sequence[str], name: str) -> list[Range]:
    pattern = _entity_pattern(name)
    if pattern is None:
        return []
    return [Range.of(number, m.start(), number, m.end()) for number, line in enumerate(plan_lines) for m in pattern.finditer(line)]


def plan_occurrences_of_id(plan_lines: Sequence[str], identifier: str) -> list[Range]:
    pattern = _ids_pattern(identifier)
    return [Range.of(number, m.start(), number, m.end()) for number, line in enumerate(plan_lines) for m in pattern.finditer(line)]


def symbol_at(document: SpecDocument, position: Position) -> SymbolHit | None:
    """The entity or ID at `position` in a spec (or the requirement a Kiro task cites)."""
    for task in document.tasks:
        if task.kind == "property" and task.id and task.range.contains(position):
            return SymbolHit("property", task.id, task.range, document.path)
        if task.line <= position.line < task.end:
            for reference in task.references:
                if reference.range.contains(position):
                    kind = "property" if reference.kind == "property" else "criterion"
                    return SymbolHit(kind, reference.target, reference.range, document.path)
    for definition in document.entities:
        if definition.range.contains(position):
            return SymbolHit("entity", definition.name, definition.range)
    for reference in document.references:
        if reference.range.contains(position):
            return SymbolHit("entity", reference.name, reference.range)
    for occurrence in document.ids:
        if occurrence.range.start.line == position.line and occurrence.range.contains(position):
            return SymbolHit("id", occurrence.id, occurrence.range)
    return None


def plan_symbol_at(plan_lines: Sequence[str], position: Position, specs: Iterable[SpecDocument]) -> SymbolHit | None:
    """The entity or ID at `position` in a plan.md, judged against the entities the specs define."""
    if not 0 <= position.line < len(plan_lines):
        return None
    line = plan_lines[position.line]
    for match in ID_PATTERN.finditer(line):
        if match.start(1) <= position.character <= match.end(1):
            return SymbolHit("id", match.group(1), Range.of(position.line, match.start(1), position.line, match.end(1)))
    for spec in specs:
        for definition in spec.entities:
            pattern = _entity_pattern(definition.name)
            if pattern is None:
                continue
            for match in pattern.finditer(line):
                if match.start() <= position.character <= match.end():
                    return SymbolHit("entity", definition.name, Range.of(position.line, match.start(), position.line, match.end()))
    return None


def cited_criterion(hit: SymbolHit, specs: Iterable[SpecDocument]):
    """(requirements.md document, Requirement, criterion Scenario or None) for a `criterion` hit, when the
    requirements.md beside its tasks.md is known and has it."""
    from analysis.workspace import kiro_requirements_path

    target = kiro_requirements_path(hit.path)
    document = next((spec for spec in specs if spec.path == target), None)
    if document is None:
        return None
    number, _, criterion = hit.name.partition(".")
    requirement = next((r for r in document.requirements if r.kind == "kiro" and r.id == number), None)
    if requirement is None:
        return None
    scenario = next((c for c in requirement.scenarios if str(c.index) == criterion), None) if criterion else None
    if criterion and scenario is None:
        return None
    return document, requirement, scenario


def cited_property(hit: SymbolHit, specs: Iterable[SpecDocument]):
    """(design.md document, its correctness property) for a `property` hit, when the design.md beside the file the
    hit is in is known and defines that number."""
    from analysis.workspace import kiro_sibling_path

    target = kiro_sibling_path(hit.path, "design.md")
    document = next((spec for spec in specs if spec.path == target), None)
    if document is None:
        return None
    found = next((item for item in document.tasks if item.kind == "property" and item.id == hit.name), None)
    return (document, found) if found is not None else None


def property_hover(hit: SymbolHit, specs: Iterable[SpecDocument], display_path=lambda path: path) -> str:
    """The design.md correctness property a Kiro task names: its title, where it is, and its statement."""
    found = cited_property(hit, specs)
    if found is None:
        return f"### Property {hit.name}\n\nNot found in the design.md beside this file."
    document, item = found
    title = f"Property {item.id}" + (f": {item.title}" if item.title else "")
    statement = []
    for line in document.lines[item.line + 1:min(item.end + 12, len(document.lines))]:
        stripped = line.strip()
        if stripped.startswith("#") or (statement and not stripped):
            break
        if stripped and not stripped.startswith(("**Validates", "_Validates", "*Validates")):
            statement.append(stripped)
    body = f"\n\n> {' '.join(statement)}" if statement else ""
    cited = sorted({r.target for r in item.references})
    validates = f"\n\nValidates requirements {', '.join(cited)}" if cited else ""
    return f"### {title}\n\n{display_path(document.path)}:{item.line + 1}{body}{validates}"


def criterion_hover(hit: SymbolHit, specs: Iterable[SpecDocument], display_path=lambda path: path) -> str:
    """The requirement or acceptance criterion a Kiro task cites, quoted from requirements.md."""
    found = cited_criterion(hit, specs)
    if found is None:
        return f"### {hit.name}\n\nNot found in the requirements.md beside this tasks.md."
    document, requirement, scenario = found
    title = f"Requirement {requirement.id}" + (f": {requirement.name}" if requirement.name and requirement.name != f"Requirement {requirement.id}" else "")
    where = display_path(document.path)
    if scenario is None:
        story = f"\n\n{requirement.user_story}" if requirement.user_story else ""
        return f"### {title}\n\n{where}:{requirement.line + 1}{story}\n\n{len(requirement.scenarios)} acceptance criteria"
    quoted = " ".join(scenario.text.split())
    return f"### {hit.name} — {title}\n\n{where}:{scenario.line + 1}\n\n> {quoted}"


def definitions(hit: SymbolHit, specs: Iterable[SpecDocument]) -> list[Location]:
    if hit.kind == "property":
        found_property = cited_property(hit, specs)
        return [Location(found_property[0].path, found_property[1].range)] if found_property is not None else []
    if hit.kind == "criterion":
        found_criterion = cited_criterion(hit, specs)
        if found_criterion is None:
            return []
        document, requirement, scenario = found_criterion
        return [Location(document.path, (scenario or requirement).range)]
    found: list[Location] = []
    key = entity_key(hit.name)
    for spec in specs:
        if hit.kind == "entity":
            found.extend(Location(spec.path, d.range) for d in spec.entities if entity_key(d.name) == key)
        else:
            found.extend(Location(spec.path, r.range) for r in spec.requirements if r.id == hit.name)
    return found


def references(hit: SymbolHit, specs: Iterable[SpecDocument], plans: Mapping[str, Sequence[str]],
               include_declaration: bool = True) -> list[Location]:
    """Every occurrence of the symbol in the given specs and plans (`plans`: path -> lines)."""
    found: list[Location] = []
    if hit.kind == "property":
        # Every task of that folder's tasks.md naming the property, and the property itself.
        folder = os.path.dirname(hit.path)
        for spec in specs:
            if spec.dialect == Dialect.KIRO_TASKS and os.path.dirname(spec.path) == folder:
                found.extend(Location(spec.path, r.range) for task in spec.tasks for r in task.references
                             if r.kind == "property" and r.target == hit.name)
        if include_declaration:
            found.extend(definitions(hit, specs))
        found.sort(key=lambda loc: (loc.path, loc.range.start))
        return found
    if hit.kind == "criterion":
        # The same citation in the tasks.md files of that folder, and the criterion itself.
        folder = os.path.dirname(hit.path)
        for spec in specs:
            if spec.dialect == Dialect.KIRO_TASKS and os.path.dirname(spec.path) == folder:
                found.extend(Location(spec.path, r.range) for task in spec.tasks for r in task.references
                             if r.kind != "property" and r.target == hit.name)
        if include_declaration:
            found.extend(definitions(hit, specs))
        found.sort(key=lambda loc: (loc.path, loc.range.start))
        return found
    key = entity_key(hit.name)
    for spec in specs:
        if hit.kind == "entity":
            if include_declaration:
                found.extend(Location(spec.path, d.range) for d in spec.entities if entity_key(d.name) == key)
            found.extend(Location(spec.path, r.range) for r in spec.references if entity_key(r.name) == key)
        else:
            found.extend(Location(spec.path, o.range) for o in spec.ids if o.id == hit.name and (include_declaration or not o.defining))
    for path, lines in plans.items():
        ranges = plan_occurrences_of_entity(lines, hit.name) if hit.kind == "entity" else plan_occurrences_of_id(lines, hit.name)
        found.extend(Location(path, r) for r in ranges)
    found.sort(key=lambda loc: (loc.path, loc.range.start))
    return found


def _respell(old_text: str, old_name: str, new_name: str) -> str:
    """The new name written the way the old occurrence was: plural, PascalCase, snake/kebab case, lower case."""
    new_words = split_name(new_name)
    if not new_words:
        return new_name
    old_words = split_name(old_text)
    is_plural = bool(old_words) and old_words[-1] != singular(old_words[-1]) and entity_key(old_text) == entity_key(old_name)
    if is_plural:
        new_words[-1] = plural(singular(new_words[-1]))
    if " " not in old_text and "_" in old_text:
        return "_".join(new_words)
    if " " not in old_text and "-" in old_text:
        return "-".join(new_words)
    if " " not in old_text and len(old_words) > 1 or (" " not in old_text and old_text[:1].isupper() and " " not in new_name
                                                      and len(new_words) > 1):
        return "".join(inflection.camelize(word) for word in new_words)
    if old_text.islower():
        return " ".join(new_words)
    if old_text[:1].isupper() and " " in new_name:
        words = new_name.split()
        if is_plural:
            words[-1] = plural(singular(words[-1]))
        return " ".join(words)
    if is_plural:
        parts = new_name.split()
        parts[-1] = plural(singular(parts[-1]))
        return " ".join(parts)
    return new_name


def rename_edits(hit: SymbolHit, new_name: str, specs: Iterable[SpecDocument], plans: Mapping[str, Sequence[str]]
                 ) -> dict[str, list[tuple[Range, str]]]:
    """path -> [(range, new text)] renaming an entity (keeping each occurrence's spelling) or an ID everywhere."""
    specs = list(specs)
    edits: dict[str, list[tuple[Range, str]]] = {}
    text_of: dict[str, Sequence[str]] = {spec.path: spec.lines for spec in specs}
    text_of.update(plans)
    for location in references(hit, specs, plans):
        lines = text_of[location.path]
        line = lines[location.range.start.line]
        old_text = line[location.range.start.character:location.range.end.character]
        replacement = _respell(old_text, hit.name, new_name) if hit.kind == "entity" else new_name
        edits.setdefault(location.path, []).append((location.range, replacement))
    return edits


def valid_new_name(hit: SymbolHit, new_name: str) -> str | None:
    """Why `new_name` cannot be used, or None."""
    if not new_name.strip():
        return "the new name is empty"
    if hit.kind == "id" and not ID_PATTERN.fullmatch(new_name):
        return f"`{new_name}` is not a requirement ID (e.g. FR-012)"
    if hit.kind == "entity" and not re.fullmatch(r"[\w][\w '\-]*", new_name.strip()):
        return f"`{new_name}` is not a valid entity name"
    return None


# ------------------------------------------------------------------------------------------- outline and folding

def document_symbols(document: SpecDocument) -> list[OutlineSymbol]:
    """Sections nest as headings do; stories, requirements and entities sit in the section that holds them."""
    symbols: list[OutlineSymbol] = []
    section_symbols: list[OutlineSymbol] = []
    lines = document.lines
    for section in document.sections:
        end_line = max(section.line, min(section.end, len(lines)) - 1)
        symbol = OutlineSymbol(section.title or "(untitled)", "section",
                               Range.of(section.line, 0, end_line, len(lines[end_line])), section.title_range)
        section_symbols.append(symbol)
        parent = section_symbols[section.parent].children if section.parent is not None else symbols
        parent.append(symbol)

    def container(line: int) -> list[OutlineSymbol]:
        best = None
        for index, section in enumerate(document.sections):
            if section.line <= line < section.end and (best is None or section.level >= document.sections[best].level):
                best = index
        return section_symbols[best].children if best is not None else symbols

    story_lines = {section.line for section in document.sections}
    for story in document.stories:
        if story.line in story_lines:
            # The story is a heading: the section symbol already stands for it; mark it as a story.
            for index, section in enumerate(document.sections):
                if section.line == story.line:
                    section_symbols[index].kind = "story"
                    section_symbols[index].detail = story.priority or ""
        else:
            end_line = max(story.line, min(story.end, len(lines)) - 1)
            container(story.line).append(OutlineSymbol(story.title or f"Story {story.key}", "story",
                                                       Range.of(story.line, 0, end_line, len(lines[end_line])), story.range,
                                                       story.priority or ""))
    for requirement in document.requirements:
        end_line = max(requirement.line, min(requirement.end, len(lines)) - 1)
        name = requirement.id or requirement.name
        if requirement.line in story_lines:
            continue
        container(requirement.line).append(OutlineSymbol(name, "requirement",
                                                         Range.of(requirement.line, 0, end_line, len(lines[end_line])),
                                                         requirement.range, _shorten(requirement.text, 60)))
    for entity in document.entities:
        end_line = max(entity.line, min(entity.end or entity.line + 1, len(lines)) - 1)
        container(entity.line).append(OutlineSymbol(entity.name, "entity", Range.of(entity.line, 0, end_line, len(lines[end_line])),
                                                    entity.range, _shorten(entity.description, 60)))
    _sort_children(symbols)
    return symbols


def _sort_children(symbols: list[OutlineSymbol]) -> None:
    symbols.sort(key=lambda s: s.range.start)
    for symbol in symbols:
        _sort_children(symbol.children)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def folding_ranges(document: SpecDocument) -> list[Fold]:
    folds: list[Fold] = []
    lines = document.lines
    for section in document.sections:
        end = min(section.end, len(lines)) - 1
        while end > section.line and not lines[end].strip():
            end -= 1
        if end > section.line:
            folds.append(Fold(section.line, end, "region"))
    for block in document.tree.blocks:
        last = block.end - 1
        if last <= block.start:
            continue
        if block.kind == "html":
            folds.append(Fold(block.start, last, "comment"))
        elif block.kind in ("fence", "table", "blockquote") or (block.kind == "item" and block.depth == 0):
            folds.append(Fold(block.start, last, "region"))
    return sorted(set(folds), key=lambda f: (f.start, -f.end))


# ------------------------------------------------------------------------------------------- completion

SPECKIT_SECTIONS = ["User Scenarios & Testing *(mandatory)*", "Edge Cases", "Requirements *(mandatory)*", "Functional Requirements",
                    "Key Entities *(include if feature involves data)*", "Success Criteria *(mandatory)*", "Measurable Outcomes",
                    "Assumptions", "Clarifications"]
OPENSPEC_SECTIONS = ["Purpose", "Requirements", "ADDED Requirements", "MODIFIED Requirements", "REMOVED Requirements"]
KIRO_SECTIONS = ["Introduction", "Requirements", "Glossary"]

_SCENARIO_TEXT = "**Given** initial state, **When** action, **Then** expected outcome"
_SCENARIO_SNIPPET = "**Given** ${1:initial state}, **When** ${2:action}, **Then** ${3:expected outcome}"


def next_id(document: SpecDocument, prefix: str) -> str:
    highest = 0
    width = 3
    for requirement in document.requirements:
        if requirement.id and requirement.id.startswith(prefix + "-"):
            digits = re.match(r"\d+", requirement.id[len(prefix) + 1:])
            if digits:
                highest = max(highest, int(digits.group(0)))
                width = len(digits.group(0))
    return f"{prefix}-{highest + 1:0{width}d}"


def completions(document: SpecDocument, position: Position, specs: Iterable[SpecDocument] = ()) -> list[CompletionCandidate]:
    """What may be typed at `position`: IDs after `FR-`, section headings after `#`, entity names, scenario snippets."""
    if not 0 <= position.line < len(document.lines):
        return []
    line = document.lines[position.line]
    before = line[: position.character]
    candidates: list[CompletionCandidate] = []
    heading = re.match(r"^(#{1,6})\s*(.*)$", before)
    if heading:
        typed = heading.group(2)
        replace = Range.of(position.line, len(before) - len(typed), position.line, position.character)
        present = {s.title.casefold() for s in document.sections}
        names = {Dialect.OPENSPEC: OPENSPEC_SECTIONS, Dialect.OPENSPEC_DELTA: OPENSPEC_SECTIONS, Dialect.KIRO: KIRO_SECTIONS}.get(
            document.dialect, SPECKIT_SECTIONS)
        for name in names:
            cleaned = re.sub(r"\s*\*\(.*\)\*$", "", name)
            if cleaned.casefold() in present or not cleaned.casefold().startswith(typed.casefold().strip()):
                continue
            candidates.append(CompletionCandidate(cleaned, "section", "section heading", name, replace=replace))
        return candidates
    id_match = _ID_PREFIX_BEFORE_CURSOR.search(before)
    if id_match:
        replace = Range.of(position.line, id_match.start(), position.line, position.character)
        prefix = id_match.group(1)
        seen: set[str] = set()
        for requirement in document.requirements:
            if requirement.id and requirement.id.startswith(prefix + "-") and requirement.id not in seen:
                seen.add(requirement.id)
                candidates.append(CompletionCandidate(requirement.id, "id", _shorten(requirement.text, 80), requirement.id, replace=replace))
        if prefix in ("FR", "SC", "NFR"):
            fresh = next_id(document, prefix)
            candidates.append(CompletionCandidate(fresh, "id", "next free ID", fresh, replace=replace))
        return candidates
    word = re.search(r"[\w-]*$", before)
    typed = word.group(0) if word else ""
    replace = Range.of(position.line, position.character - len(typed), position.line, position.character)
    section = document.section_at(position.line)
    in_scenarios = section is not None and (section.kind in ("user-scenarios", "acceptance-scenarios", "primary-user-story")
                                            or any(s.line <= position.line < s.end for s in document.stories))
    if in_scenarios and re.match(r"^\s*(?:\d+[.)]|[-*+])?\s*[\w*]*$", before):
        number = re.match(r"^\s*(\d+)[.)]", before)
        bullet = "" if re.match(r"^\s*(?:\d+[.)]|[-*+])\s", before) else "1. "
        candidates.append(CompletionCandidate("Given/When/Then scenario", "snippet", "acceptance scenario",
                                              bullet + _SCENARIO_TEXT, bullet + _SCENARIO_SNIPPET,
                                              replace=replace if not number else replace))
    seen_names: set[str] = set()
    for spec in [document, *specs]:
        for definition in spec.entities:
            key = entity_key(definition.name)
            if key in seen_names:
                continue
            seen_names.add(key)
            if typed and not definition.name.casefold().startswith(typed.casefold()) and not any(
                    v.startswith(typed.casefold()) for v in name_variants(definition.name)):
                continue
            candidates.append(CompletionCandidate(definition.name, "entity", _shorten(definition.description, 80), definition.name,
                                                  replace=replace))
    return candidates


# ------------------------------------------------------------------------------------------- hover and lenses

def _fields_of(domain: object | None, name: str):
    if domain is None:
        return None
    try:
        return domain.entity(name)  # type: ignore[attr-defined]
    except Exception:
        return None


def routes_touching(plan: object | None, name: str) -> list:
    if plan is None:
        return []
    pascal = model_name(name)
    found = []
    for route in getattr(plan, "routes", []) or []:
        resource = getattr(route, "resource", "") or ""
        response = getattr(route, "response", "") or ""
        if entity_key(resource) == entity_key(name) or re.search(rf"\b{re.escape(pascal)}\b", response):
            found.append(route)
    return found


def entity_hover(name: str, specs: Sequence[SpecDocument], domain: object | None, plan: object | None,
                 display_path=lambda path: path) -> str:
    """Markdown: the inferred model of an entity (fields, relationships, states), its routes and where it is defined."""
    key = entity_key(name)
    definition = None
    defined_in = None
    for spec in specs:
        for candidate in spec.entities:
            if entity_key(candidate.name) == key:
                definition, defined_in = candidate, spec
                break
        if definition:
            break
    out = [f"### {name}"]
    if definition and definition.description:
        out.append(definition.description)
    entity = _fields_of(domain, name)
    if entity is not None:
        attributes = getattr(entity, "attributes", []) or []
        if attributes:
            out.append("| field | type | constraints |\n|---|---|---|")
            rows = []
            for attribute in attributes:
                limits = list(getattr(attribute, "constraints", []) or [])
                if getattr(attribute, "unique", False):
                    limits.insert(0, "unique")
                if not getattr(attribute, "required", True):
                    limits.insert(0, "optional")
                if getattr(attribute, "enum_values", None):
                    limits.append(" / ".join(attribute.enum_values))
                rows.append(f"| `{attribute.name}` | `{attribute.type}` | {', '.join(limits) or '—'} |")
            out[-1] += "\n" + "\n".join(rows)
        relationships = getattr(entity, "relationships", []) or []
        if relationships:
            out.append("**Relationships:** " + "; ".join(f"{r.kind} {r.target}" + (f" (`{r.field}`)" if r.field else "")
                                                         for r in relationships))
        aliases = getattr(entity, "aliases", []) or []
        if aliases:
            out.append("**Also called:** " + ", ".join(f"“{alias}”" for alias in aliases)
                       + (f" (its routes say `{entity.usual_name}`)" if getattr(entity, "usual_name", "") else ""))
        states = getattr(entity, "states", None)
        if states is not None and getattr(states, "states", None):
            text = "**States** (`" + states.field + "`): " + " → ".join(states.states)
            transitions = getattr(states, "transitions", []) or []
            if transitions:
                text += "\n\n" + "\n".join(f"- {t.source} → {t.target} on `{t.trigger}`" for t in transitions)
            out.append(text)
    elif domain is None:
        out.append("_No inferred model: the plan engine is not available._")
    routes = routes_touching(plan, name)
    if routes:
        out.append("**Routes:**\n" + "\n".join(f"- `{r.method} {r.path}` — {r.purpose}" for r in routes[:12])
                   + (f"\n- … and {len(routes) - 12} more" if len(routes) > 12 else ""))
    if definition and defined_in:
        out.append(f"Defined in `{display_path(defined_in.path)}` line {definition.line + 1}")
    return "\n\n".join(out)


def id_hover(identifier: str, specs: Sequence[SpecDocument], plans: Mapping[str, Sequence[str]], plan: object | None = None,
             display_path=lambda path: path) -> str:
    out = [f"### {identifier}"]
    for spec in specs:
        for requirement in spec.requirements:
            if requirement.id == identifier:
                out.append(requirement.text or "_(no text)_")
                out.append(f"Defined in `{display_path(spec.path)}` line {requirement.line + 1}")
                break
    trace = None
    for row in getattr(plan, "traceability", []) or []:
        if getattr(row, "spec_id", None) == identifier:
            trace = row
    if trace is not None and (trace.routes or trace.services or trace.models):
        parts = []
        if trace.routes:
            parts.append("routes " + ", ".join(f"`{r}`" for r in trace.routes))
        if trace.services:
            parts.append("services " + ", ".join(f"`{s}`" for s in trace.services))
        if trace.models:
            parts.append("models " + ", ".join(f"`{m}`" for m in trace.models))
        out.append("**Covered by** " + "; ".join(parts))
    covered = [(path, r) for path, lines in plans.items() for r in plan_occurrences_of_id(lines, identifier)]
    if covered:
        out.append("**In the plan:** " + ", ".join(f"`{display_path(path)}` line {r.start.line + 1}" for path, r in covered[:8]))
    elif plans:
        out.append("_Not mentioned in the plan._")
    return "\n\n".join(out)


def plan_line_sources(plan_lines: Sequence[str], position: Position, spec: SpecDocument, plan: object | None) -> str | None:
    """Hover in plan.md on a route or a model: the spec lines it came from."""
    if not 0 <= position.line < len(plan_lines):
        return None
    line = plan_lines[position.line]
    sources = None
    heading = None
    route_match = next((m for m in _ROUTE.finditer(line) if m.start() <= position.character <= m.end()), None)
    if route_match and plan is not None:
        method, path = route_match.group(1), route_match.group(2)
        for route in getattr(plan, "routes", []) or []:
            if route.method == method and route.path == path:
                sources, heading = route.sources, f"`{method} {path}` — {route.purpose}"
                break
        if sources is None:
            heading = f"`{method} {path}`"
            sources = []
    if sources is None:
        word = next((m for m in _WORD.finditer(line) if m.start() <= position.character <= m.end()), None)
        if word is None:
            return None
        for model in getattr(plan, "models", []) or []:
            if model.name == word.group(0):
                sources, heading = model.sources, f"model `{model.name}`"
                break
        if sources is None:
            definition = next((d for d in spec.entities if model_name(d.name) == word.group(0)), None)
            if definition is None:
                return None
            heading = f"model `{word.group(0)}`"
            sources = [SourceRef("Key Entities", definition.range)]
    out = [heading or ""]
    if not sources:
        out.append("_This route is not in the plan generated from the current spec: the spec may have changed._")
        return "\n\n".join(out)
    out.append("**From the spec:**")
    quoted = []
    for source in sources[:8]:
        source_range = getattr(source, "range", None)
        label = getattr(source, "label", "")
        if source_range is not None and 0 <= source_range.start.line < len(spec.lines):
            text = spec.lines[source_range.start.line].strip()
            quoted.append(f"- {label} (line {source_range.start.line + 1}): {_shorten(text, 160)}")
        else:
            quoted.append(f"- {label}")
    out.append("\n".join(quoted))
    return "\n\n".join(out)


def code_lens_facts(document: SpecDocument, domain: object | None, plan: object | None, plan_state: str | None) -> list[LensFact]:
    """`3 fields · 4 routes` on each entity definition; `Generate plan` / `Plan is stale` on the title."""
    facts: list[LensFact] = []
    title_range = document.title_range or (document.sections[0].range if document.sections else None)
    if title_range is not None and document.dialect != Dialect.MARKDOWN:
        if plan_state == "missing":
            facts.append(LensFact(title_range, "Generate plan", "generate-plan"))
        elif plan_state == "stale":
            facts.append(LensFact(title_range, "Plan is stale — update", "update-plan"))
        elif plan_state == "current":
            facts.append(LensFact(title_range, "Plan is current"))
    for definition in document.entities:
        entity = _fields_of(domain, definition.name)
        parts = []
        if entity is not None:
            count = len(getattr(entity, "attributes", []) or [])
            parts.append(f"{count} field{'s' if count != 1 else ''}")
        if plan is not None:
            count = len(routes_touching(plan, definition.name))
            parts.append(f"{count} route{'s' if count != 1 else ''}")
        count = sum(1 for r in document.references if entity_key(r.name) == entity_key(definition.name))
        parts.append(f"{count} reference{'s' if count != 1 else ''}")
        facts.append(LensFact(definition.range, " · ".join(parts)))
    return facts


# ------------------------------------------------------------------------------------------- document links

def links_to(lines: Sequence[str], file_name: str, fallback: Range | None) -> list[Range]:
    """Where a document mentions `file_name` (e.g. plan.md in a spec); the fallback range when it never does."""
    pattern = re.compile(rf"(?<![\w/-]){re.escape(file_name)}(?![\w])")
    found = [Range.of(n, m.start(), n, m.end()) for n, line in enumerate(lines) for m in pattern.finditer(line)]
    if not found and fallback is not None:
        found.append(fallback)
    return found


def plan_lines(text: str) -> list[str]:
    return split_lines(text)
