"""Routes a spec writes out itself: `GET /api/credits/balance`, "`PUT /examples/{id}` for updates", a table row
"| `GET /actuator/health` | ... |". When the authors name an endpoint, the plan keeps it as written (method, path
without query string or trailing slash) instead of re-deriving it from prose, and a derived route for the same
resource path yields to it. Pure functions over the spec model; no pygls or lsprotocol.
"""

from __future__ import annotations

from collections import Counter
import re
from dataclasses import dataclass

from analysis.entities import singular
from analysis.model import SpecDocument
from analysis.plan.design_text import requirement_label
from analysis.plan.model import SourceRef
from analysis.text import Range

# `GET /tasks`, and the method outside the path's code marks or in bold ("provide POST `/api/v1/tasks`", "**GET**
# /x"), a request to it ("sends a POST request to /api/tasks"), a table row (`| POST | /x |`) and several methods
# of one path (`GET/POST /tenants/{tid}/forms`).
_EXPLICIT = re.compile(r"(?<![\w/])(GET|POST|PUT|PATCH|DELETE)((?:\s*/\s*(?:GET|POST|PUT|PATCH|DELETE)\b)*)"
                       r"(?:\*\*|`)?(?:\s+requests?\s+(?:to|on)|\s+to|\s*\|)?\s+`?(/[A-Za-z0-9_{}\-./:]*)")
_METHOD_LIST = re.compile(r"GET|POST|PUT|PATCH|DELETE")
_PARAMETER = re.compile(r"\{[^}]*\}|:[A-Za-z_]\w*|<[^>]*>")
_VERSION_OR_PREFIX = re.compile(r"^/(?:api(?=/|$))?/?(?:v\d+(?:\.\d+)*(?=/|$))?")


def written_prefix(explicit: list["ExplicitRoute"]) -> str | None:
    """The prefix every route the spec writes starts with (`/api/v1`, `/v2`, `/api`), when they all share one; an
    empty string when they share none at all (`/tasks`), None when the spec writes no route or mixes prefixes."""
    counts = Counter(_VERSION_OR_PREFIX.match(route.path).group(0).rstrip("/") for route in explicit
                     if "health" not in route.path.casefold())
    if len(counts) == 1:
        return next(iter(counts))
    if len(counts) == 2 and "" in counts:
        # `/v1/inventory/{product_id}`, `/v1/inventory/low-stock` ... and one shorthand `GET /low-stock` in a
        # clarification: the prefix nearly every written route has (at least three in four of them).
        prefix = next(p for p in counts if p)
        if counts[prefix] >= 3 * counts[""]:
            return prefix
    return None


@dataclass(slots=True)
class ExplicitRoute:
    method: str
    path: str
    source: SourceRef


def find_explicit_routes(document: SpecDocument) -> list[ExplicitRoute]:
    """Every `METHOD /path` the spec writes, in prose, tables or code blocks, once each, with where it was written."""
    found: dict[tuple[str, str], ExplicitRoute] = {}
    required: set[tuple[str, str]] = set()
    called: set[tuple[str, str]] = set()  # read from a call with numbers where the route has its parameters
    if "/" not in document.text:
        return []
    for number, line in enumerate(document.lines):
        if "/" not in line:
            continue
        in_requirement = None  # found at the line's first written route (most lines with a slash have none)
        for match in _EXPLICIT.finditer(line):
            if in_requirement is None:
                in_requirement = _requirement_at(document, number) is not None
            path = match.group(3).split("?")[0].rstrip("/.:") or "/"
            if path == "/" or not re.search(r"[A-Za-z{]", path):
                continue
            numbered = _NUMBER_AFTER_NAME.search(path) is not None
            if numbered:
                path = _parameters_for_numbers(path)
            for method in (match.group(1), *_METHOD_LIST.findall(match.group(2))):
                key = (method, comparable_path(path))
                # Where the spec asks for it rather than calls it: a requirement's line wins over an earlier
                # scenario's ("When I POST to `/api/v1/tasks`" before "FR-004: System MUST provide POST ..."), and
                # a route written with its parameters over one read from a call.
                if key in found and key in called and not numbered:
                    called.discard(key)
                    found.pop(key)
                if key not in found or (key not in required and in_requirement):
                    if numbered:
                        called.add(key)
                    found[key] = ExplicitRoute(method, path, SourceRef(_label_at(document, number),
                                                                       Range.of(number, match.start(), number, match.end())))
                    if in_requirement:
                        required.add(key)
        if "`/" in line:
            for path, method, start, end in _bare_paths(line):
                path = _parameters_for_numbers(path) if _NUMBER_AFTER_NAME.search(path) else path
                key = (method, comparable_path(path))
                if key not in found:
                    found[key] = ExplicitRoute(method, path, SourceRef(_label_at(document, number),
                                                                       Range.of(number, start, number, end)))
    routes = _without_examples(list(found.values()))
    # `GET /low-stock` written in passing beside `GET /v1/inventory/low-stock`: the same route without its prefix
    # and base (fixed segments only, led by an API prefix or version), not a second one.
    compared = [(route, comparable_path(route.path), bool(_VERSION_OR_PREFIX.match(route.path).group(0).strip("/")))
                for route in routes]
    # So is `PUT /tasks/{id}` beside `PUT /api/{user_id}/tasks/{id}`: a scope of parameters only before it.
    return [route for route, short, prefixed in compared if prefixed or not any(
        other.method == route.method and longer != short and longer.endswith(short)
        and ((other_prefixed and "{}" not in longer[:len(longer) - len(short)]) or under_scope(longer, short))
        for other, longer, other_prefixed in compared)]


# "provide a `/quotes/random` endpoint that returns a random quote", "When a user requests `/quotes/meme`": an endpoint
# named by its path alone. (Not a file: no extension in its last segment.)
_BARE_ENDPOINT = re.compile(r"`(/[A-Za-z0-9_{}\-/:]*)`\s+(?:API\s+)?(?:endpoints?|routes?)\b"
                            r"|\b(?:requests?|calls?|hits?|GETs?)\s+(?:to\s+|on\s+)?`(/[A-Za-z0-9_{}\-/:]*)`"
                            r"|\b(?:endpoints?|routes?)\s+(?:at\s+)?`(/[A-Za-z0-9_{}\-/:]*)`", re.I)
_METHOD_WORD = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE)\b")
# What a read endpoint does: "returns", "serves", "retrieve"; or a request for a path is a read ("requests `/x`").
_READS = re.compile(r"\b(?:returns?|returning|serves?|retrieves?|fetch(?:es)?|lists?|gets?|reads?|shows?|displays?)\b",
                    re.I)


def _bare_paths(line: str) -> list[tuple[str, str, int, int]]:
    """(path, method, start, end) of each endpoint `line` names by its path alone: the method named beside it ("a
    `POST` to", "GET requests to `/x`"), else GET when the line reads ("returns", "requests `/x`"); none otherwise."""
    found = []
    for match in _BARE_ENDPOINT.finditer(line):
        path = (match.group(1) or match.group(2) or match.group(3)).rstrip("/:") or "/"
        if path == "/" or not re.search(r"[A-Za-z{]", path):
            continue
        methods = {word for word in _METHOD_WORD.findall(line)}
        if len(methods) == 1:
            method = methods.pop()
        elif not methods and (match.group(2) or _READS.search(line, match.end())):
            method = "GET"
        else:
            continue
        found.append((path, method, match.start(), match.end()))
    return found


# A number or a code (`AAPL`, `USD`) where a route has its parameter, after the collection it counts in:
# `/users/7/roles/3`, `/signal/AAPL` (not after an API prefix or version: `/api/v1/FAQ`).
_NUMBER_AFTER_NAME = re.compile(r"(?<=/)(?!(?:api|v\d+)/)([A-Za-z][\w-]*)/(\d+|[A-Z]{2,6}\d*)(?=/|$)")


def _parameters_for_numbers(path: str) -> str:
    """`/users/7/roles/3` -> `/users/{user_id}/roles/{role_id}`, `/signal/AAPL` -> `/signal/{signal_id}`: a call with
    numbers or codes is the route with parameters, each named after the collection before it."""
    return _NUMBER_AFTER_NAME.sub(lambda m: f"{m.group(1)}/{{{singular(m.group(1)).replace('-', '_').casefold()}_id}}",
                                  path)


# A value where a route has its parameter: `Michael`, `42`, `abc-123`, `fake-id` (not a word such as `search`).
_VALUE_SEGMENT = re.compile(r"^[A-Z]|\d|[-_]id$")


def _without_examples(routes: list[ExplicitRoute]) -> list[ExplicitRoute]:
    """Without the calls of a written route with a value in it: "requests `/quotes/Michael`" beside the route
    `/quotes/{speaker}`, "DELETE `/api/v1/tasks/abc-123`" beside `DELETE /api/v1/tasks/{task_id}` (a segment with a
    capital first, a digit or an `-id` end where the other has its parameter)."""
    templates = [(route.method, route.path.strip("/").split("/")) for route in routes if "{" in route.path]
    if not templates:
        return routes

    def example(route: ExplicitRoute) -> bool:
        parts = route.path.strip("/").split("/")
        return any(method == route.method and len(template) == len(parts) and all(
            part == fixed or (fixed.startswith("{") and _VALUE_SEGMENT.search(part))
            for part, fixed in zip(parts, template)) and parts != template for method, template in templates)

    return [route for route in routes if not example(route)]


def under_scope(longer: str, short: str) -> bool:
    """Whether comparable path `longer` is `short` after parameters only (`/{}/tasks` of `/tasks`): a scope the spec
    puts before its routes (a tenant, a user), not another resource."""
    if len(longer) <= len(short) or not longer.endswith(short):
        return False
    parts = [part for part in longer[:len(longer) - len(short)].split("/") if part]
    return bool(parts) and all(part == "{}" for part in parts)


_WRITTEN_PATH = re.compile(r"`(/[A-Za-z0-9_{}\-./]+)`|(?<![\w/])(?:GET|POST|PUT|PATCH|DELETE)\s+(/[A-Za-z0-9_{}\-./]+)")


_SCOPED_COLLECTION = re.compile(r"((?:/\{[a-z_]+\})+)/([a-z][a-z0-9-]*)(?:/\{[a-z_]+\}(?:/[a-z-]+)?)?/?")
_PARAMETER_NAME = re.compile(r"\{([a-z_]+)\}")
_EXAMPLE_WORD = re.compile(r"^(?:different|other|another|some|any|wrong|their|my|your|the|a)_")


def written_bases(document: SpecDocument, entities) -> dict[str, str]:
    """Where the spec says an entity's collection lives when that is not simply `/<plural>`: a written path such as
    `/platform/organizations` whose last segment is the entity's collection (prefix and version dropped), reached
    through fixed segments only."""
    from analysis.plan.design_routes import collection_segment

    if "/" not in document.text:
        return {}
    segments = {collection_segment(entity): entity.name for entity in entities}
    bases: dict[str, str] = {}
    for line in document.lines:
        if "/" not in line:
            continue
        for match in _WRITTEN_PATH.finditer(line):
            written = match.group(1) or match.group(2)
            parts = [p for p in comparable_path(written).split("/") if p]
            scope = _SCOPED_COLLECTION.fullmatch("/" + _VERSION_OR_PREFIX.sub("", written).lstrip("/")) \
                if "{" in written else None
            if scope is not None and segments.get(scope.group(2)) is not None:
                # `/api/{user_id}/tasks`: the collection under a scope of parameters only (whose tasks they are), a
                # path parameter of every route on it; an example's word for the value is no part of its name
                # (`/api/{different_user_id}/tasks`).
                names = [_EXAMPLE_WORD.sub("", name) for name in _PARAMETER_NAME.findall(scope.group(1))]
                name = segments[scope.group(2)]
                if name not in bases and all(names):
                    bases[name] = "".join(f"/{{{name}}}" for name in names) + "/" + scope.group(2)
                continue
            # The collection itself (no id after it), reached through fixed segments only: `/platform/organizations`.
            if len(parts) < 2 or "{}" in parts or any(_VALUE_SEGMENT.search(part) for part in parts[:-1]):
                continue  # (not a call with a value where the route has a parameter: `/users/1/roles`)
            name = segments.get(parts[-1])
            if name is not None and name not in bases:
                bases[name] = "/" + "/".join(parts)
    return bases


def comparable_path(path: str) -> str:
    """`/api/v1/examples/{id}/` and `/examples/{example_id}` compare equal: no prefix, version, slash or param names."""
    path = path.split("?")[0].rstrip("/")
    path = _VERSION_OR_PREFIX.sub("/", path, count=1)
    path = _PARAMETER.sub("{}", path)
    return "/" + "/".join(part for part in path.casefold().split("/") if part)


def _requirement_at(document: SpecDocument, line: int):
    """The requirement whose text holds `line`, or None."""
    return next((requirement for requirement in document.requirements
                 if requirement.line <= line < max(requirement.end, requirement.line + 1)), None)


def last_parameter(path: str) -> str:
    """The name of a path's last parameter (`task_id` of `/tasks/{task_id}`, `id` of `/tasks/:id`), or ''."""
    found = list(_PARAMETER.finditer(path))
    return found[-1].group(0).strip("{}<>:") if found else ""


def _label_at(document: SpecDocument, line: int) -> str:
    requirement = _requirement_at(document, line)
    if requirement is not None:
        return requirement_label(document, requirement)
    section = document.section_at(line)
    return section.title if section is not None else f"line {line + 1}"
