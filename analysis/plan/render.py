"""Render a `Plan` as the markdown body of plan.md: API Routes (one group per resource), Service Layer, Data Models
(with a Mermaid `erDiagram`), Error Handling, Traceability, Not covered, Assumptions and open questions, and the
evaluated Quality checklist.

The output is a list of regions, each with a stable id (`routes`, `routes:events`, `models:ticket-type`, ...) and its
text; `analysis.plan.regions` wraps them in markers and merges them into an existing file, so this module knows
nothing about markers or files. It describes a design and never emits implementation code: contracts are prose
lists and tables, the only fenced block is the Mermaid diagram. Deterministic (same Plan, same bytes), `\\n` line
endings, no trailing whitespace. Depends only on `analysis.plan.model`; no pygls or lsprotocol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from http import HTTPStatus
from pathlib import PurePosixPath

from analysis.plan.model import (
    Model,
    ModelField,
    Param,
    Plan,
    Route,
    Service,
    ServiceMethod,
    SourceRef,
    StateMachine,
)

__all__ = ["RenderedRegion", "render_plan", "render_regions", "route_groups", "slug"]


@dataclass(frozen=True, slots=True)
class RenderedRegion:
    id: str
    """Stable across regenerations of the same spec element: `kind` or `kind:slug`."""
    text: str
    """The region's markdown, `\\n`-terminated lines, ending with exactly one `\\n`."""


# --------------------------------------------------------------------------------------------- text helpers

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


# The text helpers below are memoised: a plan repeats most of its values (labels, types, names, paths) in several
# regions, and a lookup costs less than splitting and joining again. Bounded; the values are small strings.
@lru_cache(maxsize=4096)
def _inline(text: str) -> str:
    """One line of prose taken from the spec or the plan model.

    Newlines are collapsed so a value can never start a line of its own (a line starting with `<!--` would look
    like a region marker), and HTML comment openers are escaped so a value cannot hide the text after it.
    """
    if not text:
        return ""
    text = " ".join(text.split())  # what collapsing `\s+` and stripping give (both use str.isspace), faster
    if "--" in text:  # both comment markers contain it; most values contain neither
        text = text.replace("<!--", "&lt;!--").replace("-->", "--&gt;")
    return text


@lru_cache(maxsize=4096)
def _cell(text: str) -> str:
    """A table cell: inline text with pipes escaped (an unescaped pipe would split the cell)."""
    return _inline(text).replace("|", "\\|")


@lru_cache(maxsize=4096)
def _code(text: str) -> str:
    """An inline code span that survives backticks inside the value."""
    text = _inline(text)
    if not text:
        return ""
    fence = "`"
    while fence in text:
        fence += "`"
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def slug(name: str) -> str:
    """Region-id part of a name: `Ticket Type` / `TicketType` -> `ticket-type`."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name or "")
    return _SLUG_JUNK.sub("-", spaced.lower()).strip("-") or "item"


def _unique_ids(names: list[str], prefix: str) -> list[str]:
    """`prefix:slug` per name, with `-2`, `-3`... on collisions so every region id stays unique."""
    seen: dict[str, int] = {}
    ids = []
    for name in names:
        base = f"{prefix}:{slug(name)}"
        count = seen.get(base, 0) + 1
        seen[base] = count
        ids.append(base if count == 1 else f"{base}-{count}")
    return ids


def _labels(sources: list[SourceRef]) -> str:
    seen: list[str] = []
    for source in sources:
        label = _inline(source.label)
        if label and label not in seen:
            seen.append(label)
    return ", ".join(seen)


def _status_text(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _auth_text(auth: str) -> str:
    auth = _inline(auth)
    if auth in ("", "public"):
        return "none (public)"
    if auth == "authenticated":
        return "required: any signed-in account"
    if auth.startswith("role:"):
        roles = [role.strip() for role in auth[5:].split(",") if role.strip()]
        if len(roles) > 1:
            return f"required: one of the roles {', '.join(_code(role) for role in roles)}"
        return f"required: role {_code(roles[0] if roles else auth[5:])}"
    if auth == "owner":
        return "required: the owner of the resource only"
    if auth == "signature":
        return "request signature of the calling provider (no user session)"
    return auth


def _param_line(param: Param) -> str:
    details = [param.type and _code(param.type) or "untyped", "required" if param.required else "optional"]
    details += [_inline(constraint) for constraint in param.constraints if _inline(constraint)]
    line = f"{_code(param.name)}: {', '.join(details)}"
    if _inline(param.description):
        line += f"; {_inline(param.description)}"
    return line


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _sentence(text: str) -> str:
    text = _inline(text)
    return text if not text or text[-1] in ".!?:" else text + "."


# --------------------------------------------------------------------------------------------- sections

class _Writer:
    """Collects lines; `heading(depth, text)` honours the base level (1 standalone, 2 inside a foreign plan.md)."""

    def __init__(self, base_level: int) -> None:
        self.base_level = base_level
        self.lines: list[str] = []

    def heading(self, depth: int, text: str) -> None:
        self.lines.append(f"{'#' * min(6, self.base_level + depth)} {text}")
        self.lines.append("")

    def line(self, text: str = "") -> None:
        self.lines.append(text)

    def paragraph(self, text: str) -> None:
        if text:
            self.lines.append(text)
            self.lines.append("")

    def text(self) -> str:
        lines = [line.rstrip() for line in self.lines]
        while lines and not lines[-1]:
            lines.pop()
        # Never two blank lines in a row: they would differ from what a markdown formatter writes back.
        compact: list[str] = []
        for line in lines:
            if not line and compact and not compact[-1]:
                continue
            compact.append(line)
        return "\n".join(compact) + "\n"


def _title_region(plan: Plan, embedded: bool, base: int) -> RenderedRegion:
    out = _Writer(base)
    spec_name = PurePosixPath((plan.spec_path or "spec.md").replace("\\", "/")).name or "spec.md"
    link = f"[{spec_name}](<{spec_name}>)" if " " in spec_name else f"[{spec_name}]({spec_name})"
    if embedded:
        out.heading(0, "Backend Architecture (generated by specls)")
    else:
        out.heading(0, f"Backend Plan: {_document_title(plan, spec_name)}")
    dialect = f" ({_inline(plan.dialect)} spec)" if _inline(plan.dialect) else ""
    out.paragraph(f"Generated from {link}{dialect} by `specls plan`. A design only: API contracts, service "
                  "responsibilities, data models and error handling, traced to the spec; no implementation code.")
    out.paragraph("Each part sits between `specls:begin` and `specls:end` markers (invisible when rendered). "
                  "`specls plan --write` regenerates unedited parts, keeps and reports parts you edited, and never "
                  "touches text outside the markers.")
    # The design repeats some inference notes in `plan.notes`; a reader needs each one once.
    notes = list(dict.fromkeys(_inline(note) for note in [*plan.notes, *plan.domain.notes] if _inline(note)))
    if notes:
        out.paragraph("**Notes**:")
        for note in notes:
            out.line(f"- {note}")
    return RenderedRegion("architecture" if embedded else "title", out.text())


_GENERIC_TITLES = {"backend plan", "requirements document", "requirements", "feature specification", "specification",
                   "spec", "bugfix", "bugfix document", "design document"}


def _document_title(plan: Plan, spec_name: str) -> str:
    """The spec's title; when it names no feature (none, or Kiro's "Requirements Document"), the spec's folder, which
    does (`.kiro/specs/stock-alerts/` -> `Stock alerts`)."""
    title = _inline(plan.title)
    if title and title.casefold().rstrip(":") not in _GENERIC_TITLES:
        return title
    parts = [part for part in (plan.spec_path or "").replace("\\", "/").split("/")[:-1] if part and part != "."]
    if not parts:
        return title or spec_name
    words = re.sub(r"[-_]+", " ", parts[-1]).strip()
    return (words[:1].upper() + words[1:]) if words else parts[-1]


def route_groups(routes: list[Route]) -> list[tuple[str, list[Route]]]:
    """Routes grouped by `resource`, groups in order of first appearance (the design's order)."""
    groups: dict[str, list[Route]] = {}
    for route in routes:
        groups.setdefault(_inline(route.resource) or "Other", []).append(route)
    return list(groups.items())


def _routes_regions(plan: Plan, base: int) -> list[RenderedRegion]:
    out = _Writer(base)
    out.heading(1, "1. API Routes")
    if _inline(plan.auth_summary):
        out.paragraph(f"**Authentication**: {_sentence(plan.auth_summary)}")
    groups = route_groups(plan.routes)
    if not plan.routes:
        out.paragraph("No routes: the spec describes no operation that a backend API would expose.")
    else:
        out.paragraph(f"{_count(len(plan.routes), 'route')} in {_count(len(groups), 'group')}. Request and response bodies are JSON; "
                      "every error uses the response format of section 4.")
        out.line("| Method | Path | Purpose | Authentication | Success |")
        out.line("|---|---|---|---|---|")
        for route in plan.routes:
            out.line(f"| {_cell(route.method.upper())} | {_cell(_code(route.path))} | {_cell(route.purpose)} | "
                     f"{_cell(_auth_text(route.auth))} | {route.response_status} |")
    regions = [RenderedRegion("routes", out.text())]
    ids = _unique_ids([name for name, _ in groups], "routes")
    for region_id, (name, routes) in zip(ids, groups):
        regions.append(RenderedRegion(region_id, _route_group_text(name, routes, base)))
    return regions


def _route_group_text(name: str, routes: list[Route], base: int) -> str:
    out = _Writer(base)
    out.heading(2, name)
    for route in routes:
        out.heading(3, _code(f"{route.method.upper()} {route.path}"))
        out.line(f"- **Purpose**: {_sentence(route.purpose) or '(not stated)'}")
        out.line(f"- **Authentication**: {_auth_text(route.auth)}")
        path_params = re.findall(r"\{([^}/]+)\}", route.path)
        if path_params:
            out.line(f"- **Path parameters**: {', '.join(_code(p) for p in path_params)}")
        if route.query:
            out.line("- **Query**:")
            for param in route.query:
                out.line(f"  - {_param_line(param)}")
        if route.request:
            out.line("- **Request body** (`multipart/form-data`, an upload):" if route.is_upload
                     else "- **Request body**:")
            for param in route.request:
                out.line(f"  - {_param_line(param)}")
        response = f" {_code(route.response)}" if _inline(route.response) else " (no body)"
        out.line(f"- **Response**: {_status_text(route.response_status)},{response}")
        if route.errors:
            out.line("- **Errors**:")
            for error in sorted(route.errors, key=lambda e: e.status):
                when = f": {_inline(error.when)}" if _inline(error.when) else ""
                out.line(f"  - {_status_text(error.status)}, {_code(error.error)}{when}")
        if _inline(route.service_method):
            out.line(f"- **Service**: {_code(route.service_method)}")
        out.line(f"- **Spec**: {_labels(route.sources) or 'inferred (no single source)'}")
        out.line()
    return out.text()


def _signature(method: ServiceMethod) -> str:
    params = ", ".join(f"{p.name}: {p.type}" if p.type else p.name for p in method.params)
    return f"{method.name}({params}) -> {method.returns or 'None'}"


def _services_regions(plan: Plan, base: int) -> list[RenderedRegion]:
    out = _Writer(base)
    out.heading(1, "2. Service Layer")
    if not plan.services:
        out.paragraph("No services: there are no operations to implement.")
    else:
        out.paragraph("One service per aggregate. Routes only translate HTTP to a service call; services own "
                      "validation, authorization checks, transactions and calls to external systems.")
        out.line("| Service | Aggregate | Methods | Depends on |")
        out.line("|---|---|---|---|")
        for service in plan.services:
            depends = ", ".join(_code(d) for d in [*service.dependencies, *service.integrations]) or "—"
            out.line(f"| {_cell(_code(service.name))} | {_cell(service.aggregate)} | {len(service.methods)} | "
                     f"{_cell(depends)} |")
        out.line()
    if plan.integrations:
        out.paragraph("**Integrations** (external systems named in the spec):")
        for integration in plan.integrations:
            sources = _labels(integration.sources)
            out.line(f"- {_code(integration.name)}: {_sentence(integration.purpose)} Failure answers "
                     f"{_status_text(integration.failure_status)}." + (f" ({sources})" if sources else ""))
    regions = [RenderedRegion("services", out.text())]
    ids = _unique_ids([service.name for service in plan.services], "services")
    for region_id, service in zip(ids, plan.services):
        regions.append(RenderedRegion(region_id, _service_text(service, base)))
    return regions


def _service_text(service: Service, base: int) -> str:
    out = _Writer(base)
    out.heading(2, _inline(service.name))
    facts = [f"Aggregate: {_code(service.aggregate) or '—'}."]
    if service.dependencies:
        facts.append(f"Depends on: {', '.join(_code(d) for d in service.dependencies)}.")
    if service.integrations:
        facts.append(f"Integrations: {', '.join(_code(i) for i in service.integrations)}.")
    if _labels(service.sources):
        facts.append(f"Spec: {_labels(service.sources)}.")
    out.paragraph(" ".join(facts))
    for method in service.methods:
        out.heading(3, _code(_signature(method)))
        for number, step in enumerate(method.steps, 1):
            out.line(f"{number}. {_inline(step)}")
        if method.steps:
            out.line()
        if _inline(method.transaction):
            out.line(f"- **Transaction**: {_sentence(method.transaction)}")
        if method.raises:
            out.line(f"- **Raises**: {', '.join(_code(error) for error in method.raises)}")
        out.line(f"- **Spec**: {_labels(method.sources) or 'inferred (no single source)'}")
        out.line()
    return out.text()


def _field_constraints(model_field: ModelField) -> str:
    if model_field.relationship:
        # A SQLModel `Relationship()` attribute: no column, navigation to the related rows.
        back = f", back_populates {_code(model_field.back_populates)}" if model_field.back_populates else ""
        return f"relationship ({model_field.relationship}{back}), not a column"
    parts: list[str] = []
    if model_field.primary_key:
        parts.append("primary key")
    if model_field.foreign_key:
        parts.append(f"foreign key → {_code(model_field.foreign_key)}")
    if model_field.unique:
        parts.append("unique")
    if model_field.indexed:
        parts.append("indexed")
    if not model_field.required:
        parts.append("optional")
    if model_field.default is not None:
        parts.append(f"default {_code(model_field.default)}")
    parts += [_inline(c) for c in model_field.constraints if _inline(c)]
    return ", ".join(parts)


def _field_description(model_field: ModelField, constraints: str) -> str:
    """The field's description when it adds something: not a repeat of its name or of its constraints."""
    description = _inline(model_field.description)
    folded = description.casefold()
    if not description or folded == model_field.name.replace("_", " ").casefold():
        return ""
    if folded in constraints.casefold() or folded.replace("_", " ") in constraints.casefold():
        return ""
    return description


def _states_text(states: StateMachine) -> str:
    initial = f", initial {_code(states.initial)}" if states.initial else ""
    transitions = "; ".join(
        f"{_inline(t.source)} → {_inline(t.target)}" + (f" ({_code(t.trigger)})" if _inline(t.trigger) else "")
        for t in states.transitions)
    text = (f"{_code(states.field)}: {_code(states.enum)} with {', '.join(_code(s) for s in states.states)}"
            f"{initial}")
    return text + (f"; transitions: {transitions}" if transitions else "")


def _relationship_text(kind: str, target: str, via: str, required: bool, ownership: bool) -> str:
    phrases = {"belongs-to": "belongs to", "has-many": "has many", "many-to-many": "many-to-many with"}
    text = f"{phrases.get(kind, _inline(kind))} {_code(target)}"
    if via:
        text += f" via {_code(via)}"
    extras = []
    if kind == "belongs-to":
        extras.append("required" if required else "optional")
    if ownership:
        extras.append(f"owned by {_code(target)}: owner-only rules apply")
    return text + (f" ({', '.join(extras)})" if extras else "")


def _model_text(model: Model, base: int) -> str:
    out = _Writer(base)
    # `Name (SQLModel table)`, as the brief writes models; the language server finds model headings by this shape.
    out.heading(2, f"{_inline(model.name)} ({'SQLModel table' if model.table else 'SQLModel schema, not a table'})")
    description = _sentence(model.description) if _inline(model.description) else ""
    description = description[:1].upper() + description[1:]
    sources = f"Spec: {_labels(model.sources)}." if _labels(model.sources) else ""
    out.paragraph(" ".join(part for part in (description, sources) if part))
    if model.fields:
        out.line("| Field | Type | Constraints | Spec |")
        out.line("|---|---|---|---|")
        for model_field in model.fields:
            notes = _field_constraints(model_field)
            description = _field_description(model_field, notes)
            if description:
                notes = f"{notes}; {description}" if notes else description
            out.line(f"| {_cell(_code(model_field.name))} | {_cell(_code(model_field.type))} | {_cell(notes)} | "
                     f"{_cell(_labels(model_field.sources))} |")
        out.line()
    if model.relationships:
        out.line("- **Relationships**: " + "; ".join(
            _relationship_text(r.kind, r.target, r.field, r.required, r.ownership) for r in model.relationships))
    if model.indexes:
        out.line("- **Indexes**: " + "; ".join(
            f"({', '.join(_code(f) for f in index.fields)})" + (" unique" if index.unique else "")
            + (f": {_inline(index.reason)}" if _inline(index.reason) else "") for index in model.indexes))
    if model.validators:
        out.line("- **Validation rules**: " + "; ".join(_inline(v) for v in model.validators))
    if model.states:
        out.line(f"- **States**: {_states_text(model.states)}")
    return out.text()


_MERMAID_WORD = re.compile(r"[^A-Za-z0-9_]")


def _mermaid_name(name: str) -> str:
    word = _MERMAID_WORD.sub("_", name.strip()) or "Entity"
    return word if not word[0].isdigit() else f"E_{word}"


def _mermaid_type(type_name: str) -> str:
    # Mermaid attribute types are single words; `int | None` and `list[str]` are reduced to one.
    base = re.sub(r"\s*\|\s*None\b", "", type_name or "").strip()
    word = _MERMAID_WORD.sub("_", base).strip("_") or "string"
    return word if not word[0].isdigit() else f"t_{word}"


def er_diagram(plan: Plan) -> list[str]:
    """Mermaid `erDiagram` lines: one block per model with keys, one line per relationship (deduplicated)."""
    lines = ["erDiagram"]
    for model in plan.models:
        name = _mermaid_name(model.name)
        if not model.fields:
            continue
        lines.append(f"  {name} {{")
        for model_field in model.fields:
            if model_field.relationship:
                continue  # navigation, drawn as the relationship lines below
            keys = [key for key, on in (("PK", model_field.primary_key), ("FK", bool(model_field.foreign_key)),
                                        ("UK", model_field.unique and not model_field.primary_key)) if on]
            lines.append(f"    {_mermaid_type(model_field.type)} {_mermaid_name(model_field.name)}"
                         + (f" {', '.join(keys)}" if keys else ""))
        lines.append("  }")
    seen: set[tuple[str, ...]] = set()
    for model in plan.models:
        child = _mermaid_name(model.name)
        for relation in model.relationships:
            target = _mermaid_name(relation.target)
            label = (_inline(relation.field) or relation.kind).replace('"', "'")
            if relation.kind == "belongs-to":
                key = ("one-many", target, child)
                line = f"  {target} {'||' if relation.required else '|o'}--o{{ {child} : \"{label}\""
            elif relation.kind == "has-many":
                key = ("one-many", child, target)
                line = f"  {child} ||--o{{ {target} : \"has\""
            elif relation.kind == "many-to-many":
                key = ("many-many", *sorted((child, target)))
                line = f"  {child} }}o--o{{ {target} : \"{label}\""
            else:
                key = ("other", child, target, relation.kind)
                kind_label = _inline(relation.kind).replace('"', "'") or "related"
                line = f"  {child} |o--o| {target} : \"{kind_label}\""
            if key in seen:
                continue
            seen.add(key)
            lines.append(line.replace('""', '"related"'))
    return lines


def _models_regions(plan: Plan, base: int) -> list[RenderedRegion]:
    out = _Writer(base)
    out.heading(1, "3. Data Models")
    if not plan.models:
        out.paragraph("No data models: the spec names no entity that needs storing.")
    else:
        tables = sum(1 for model in plan.models if model.table)
        named = [f"`{m.name}.{f.name}`" for m in plan.models if m.table for f in m.fields if f.primary_key and f.name != "id"
                 and not f.foreign_key]
        key_types = {f.type for m in plan.models if m.table for f in m.fields if f.primary_key and not f.foreign_key}
        kind = {"int": "an integer", "UUID": "a UUID", "str": "a string"}.get(next(iter(key_types)), "a") \
            if len(key_types) == 1 else "a"  # (`UUID` where the spec says so, else `int`: see each model)
        keys = f"Every table has {kind} primary key " + (
            f"(`id`, or the name the spec gives it: {', '.join(named)})" if named else "`id`")
        out.paragraph(f"{_count(len(plan.models), 'model')} ({_count(tables, 'table')}). {keys}; foreign keys are indexed.")
    if plan.enums:
        out.paragraph("**Enums**:")
        for enum in plan.enums:
            sources = f" ({_labels(enum.sources)})" if _labels(enum.sources) else ""
            out.line(f"- {_code(enum.name)}: {', '.join(_code(v) for v in enum.values)}{sources}")
        out.line()
    if any(model.fields for model in plan.models):
        out.line("```mermaid")
        out.lines.extend(er_diagram(plan))
        out.line("```")
    regions = [RenderedRegion("models", out.text())]
    ids = _unique_ids([model.name for model in plan.models], "models")
    for region_id, model in zip(ids, plan.models):
        regions.append(RenderedRegion(region_id, _model_text(model, base)))
    return regions


def _errors_region(plan: Plan, base: int) -> RenderedRegion:
    out = _Writer(base)
    out.heading(1, "4. Error Handling")
    error_format = _inline(plan.error_format) or ('{ "error": { "code": "<CODE>", "message": "<text for people>", '
                                                  '"details": { } } }')
    if error_format.startswith("{"):
        error_format = _code(error_format)
    out.paragraph(f"**Response format** of every error: {error_format}")
    if not plan.errors:
        out.paragraph("No domain errors were identified.")
        return RenderedRegion("errors", out.text())
    out.line("| Error | HTTP status | Code | When | Spec |")
    out.line("|---|---|---|---|---|")
    for error in sorted(plan.errors, key=lambda e: (e.status, e.name)):
        out.line(f"| {_cell(_code(error.name))} | {_cell(_status_text(error.status))} | {_cell(_code(error.code))} | "
                 f"{_cell(error.description)} | {_cell(_labels(error.sources))} |")
    return RenderedRegion("errors", out.text())


def _trace_region(plan: Plan, base: int) -> RenderedRegion:
    out = _Writer(base)
    out.heading(1, "5. Traceability")
    if not plan.traceability:
        out.paragraph("The spec has no identified requirements to trace.")
        return RenderedRegion("traceability", out.text())
    out.line("| Spec | Requirement | Routes | Services | Models |")
    out.line("|---|---|---|---|---|")
    for row in plan.traceability:
        text = _inline(row.text)
        if len(text) > 120:
            text = text[:117].rstrip() + "…"
        out.line(f"| {_cell(row.spec_id)} | {_cell(text)} | {_cell(', '.join(row.routes) or '—')} | "
                 f"{_cell(', '.join(row.services) or '—')} | {_cell(', '.join(row.models) or '—')} |")
    return RenderedRegion("traceability", out.text())


def _not_covered_region(plan: Plan, base: int) -> RenderedRegion:
    out = _Writer(base)
    out.heading(1, "6. Not covered")
    if not plan.not_covered:
        out.paragraph("Every identified requirement maps to at least one route, service or model.")
    for item in plan.not_covered:
        out.line(f"- **{_inline(item.spec_id)}**: {_sentence(item.reason)}")
    return RenderedRegion("not-covered", out.text())


def _questions_region(plan: Plan, base: int) -> RenderedRegion:
    out = _Writer(base)
    out.heading(1, "7. Assumptions and open questions")
    if not plan.assumptions and not plan.open_questions:
        out.paragraph("None: the spec states everything this plan relies on.")
    for number, assumption in enumerate(plan.assumptions, 1):
        out.line(f"- **A{number}** (assumed): {_sentence(assumption)}")
    for number, question in enumerate(plan.open_questions, 1):
        out.line(f"- **Q{number}** (open): {_sentence(question)}")
    return RenderedRegion("questions", out.text())


def _checklist_region(plan: Plan, base: int) -> RenderedRegion:
    out = _Writer(base)
    out.heading(1, "8. Quality checklist")
    if not plan.checklist:
        out.paragraph("The checklist was not evaluated.")
    for item in plan.checklist:
        why = f": {_inline(item.why)}" if _inline(item.why) else ""
        # Places the reason already names are not repeated after it.
        places = [_inline(w) for w in item.where if _inline(w) and _inline(w) not in _inline(item.why)]
        where = f" ({', '.join(places)})" if places else ""
        out.line(f"- [{'x' if item.met else ' '}] {_inline(item.text)}{why}{where}")
    return RenderedRegion("checklist", out.text())


def render_regions(plan: Plan, *, embedded: bool = False) -> list[RenderedRegion]:
    """The plan as ordered regions. `embedded` renders for a plan.md specls did not create (one heading level
    deeper, an `architecture` region instead of the document title)."""
    base = 2 if embedded else 1
    regions = [_title_region(plan, embedded, base)]
    regions += _routes_regions(plan, base)
    regions += _services_regions(plan, base)
    regions += _models_regions(plan, base)
    regions.append(_errors_region(plan, base))
    regions.append(_trace_region(plan, base))
    regions.append(_not_covered_region(plan, base))
    regions.append(_questions_region(plan, base))
    regions.append(_checklist_region(plan, base))
    return regions


def render_plan(plan: Plan) -> str:
    """A fresh plan.md for `plan`: header, every region with its markers (see `analysis.plan.regions`)."""
    from analysis.plan.regions import update_plan

    return update_plan(None, plan).text
