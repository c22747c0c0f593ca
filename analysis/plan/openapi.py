"""OpenAPI 3.1 description of a plan's routes: paths and operations (parameters, request bodies, responses, errors,
security), with the plan's models, enums and the error response format as component schemas.

The document is plain JSON data, valid against the OpenAPI 3.1 schema (the tests check it with
`openapi-spec-validator`). Every operation carries `x-specls-sources` (the spec IDs it came from) and
`x-specls-service` (the service method behind it), so the contract stays traceable. Type names of the plan model
(`str`, `Decimal`, `EmailStr`, `list[str]`, `Page[Event]`, `{ id, title }`, model and enum names) map to JSON Schema;
a name the plan does not define becomes an untyped object with that title rather than a dangling reference.
Depends only on `analysis.plan.model`; no pygls or lsprotocol.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

from analysis import __version__
from analysis.plan.design_text import key_types
from analysis.plan.model import ModelField, Param, Plan, Route

__all__ = ["build_openapi", "type_schema"]

_SCALARS: dict[str, dict[str, Any]] = {
    "str": {"type": "string"},
    "string": {"type": "string"},
    "file": {"type": "string", "contentMediaType": "application/octet-stream"},  # a file part of a multipart body
    "text": {"type": "string"},
    "int": {"type": "integer"},
    "integer": {"type": "integer"},
    "float": {"type": "number"},
    "number": {"type": "number"},
    # Money and other exact decimals travel as strings so no client rounds them through a float.
    "decimal": {"type": "string", "format": "decimal"},
    "bool": {"type": "boolean"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "time": {"type": "string", "format": "time"},
    "emailstr": {"type": "string", "format": "email"},
    "email": {"type": "string", "format": "email"},
    "httpurl": {"type": "string", "format": "uri"},
    "url": {"type": "string", "format": "uri"},
    "uuid": {"type": "string", "format": "uuid"},
    "json": {"type": "object"},
    "dict": {"type": "object"},
    "any": {},
    "none": {"type": "null"},
}
_COMPONENT_JUNK = re.compile(r"[^A-Za-z0-9._-]")
_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*(chars?|characters?)?\s*$", re.IGNORECASE)
_BOUND = re.compile(r"^\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")


def _component(name: str) -> str:
    return _COMPONENT_JUNK.sub("_", name.strip()) or "Schema"


def _split_top_level(text: str, separator: str) -> list[str]:
    """Split on `separator` outside brackets and braces: `dict[str, int] | None` -> two parts on `|`."""
    parts, depth, current = [], 0, []
    for char in text:
        if char in "[{(":
            depth += 1
        elif char in "]})":
            depth -= 1
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts]


def type_schema(type_name: str, known: set[str]) -> dict[str, Any]:
    """JSON Schema for a plan type name; `known` holds the component schema names that exist."""
    text = (type_name or "").strip()
    if not text:
        return {}
    alternatives = _split_top_level(text, "|")
    if len(alternatives) > 1:
        return {"anyOf": [type_schema(alternative, known) for alternative in alternatives]}
    optional = re.fullmatch(r"(?:Optional)\[(.*)\]", text)
    if optional:
        return {"anyOf": [type_schema(optional.group(1), known), {"type": "null"}]}
    generic = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]", text)
    if generic:
        outer, inner = generic.group(1).lower(), generic.group(2)
        if outer in ("list", "set", "tuple", "sequence"):
            schema: dict[str, Any] = {"type": "array", "items": type_schema(_split_top_level(inner, ",")[0], known)}
            if outer == "set":
                schema["uniqueItems"] = True
            return schema
        if outer == "page":
            return {"type": "object", "required": ["items", "page", "page_size", "total"], "properties": {
                "items": {"type": "array", "items": type_schema(inner, known)},
                "page": {"type": "integer", "minimum": 1},
                "page_size": {"type": "integer", "minimum": 1},
                "total": {"type": "integer", "minimum": 0}}}
        if outer == "dict":
            parts = _split_top_level(inner, ",")
            return {"type": "object", "additionalProperties": type_schema(parts[-1], known)}
    if text.startswith("{") and text.endswith("}"):
        properties: dict[str, Any] = {}
        for member in _split_top_level(text[1:-1], ","):
            name, _, member_type = member.partition(":")
            name = name.strip().rstrip("?")
            if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                properties[name] = type_schema(member_type, known) if member_type.strip() else {}
        return {"type": "object", "properties": properties}
    scalar = _SCALARS.get(text.lower())
    if scalar is not None:
        return dict(scalar)
    if _component(text) in known:
        return {"$ref": f"#/components/schemas/{_component(text)}"}
    return {"type": "object", "title": text}


def _constraint_keywords(schema: dict[str, Any], constraints: list[str]) -> dict[str, Any]:
    """Turn `3..120 chars`, `1..10`, `>= 0` into JSON Schema limits where the schema's type allows them."""
    schema = dict(schema)
    kind = schema.get("type")
    for constraint in constraints:
        if match := _RANGE.match(constraint):
            low, high = match.group(1), match.group(2)
            if kind == "string" and (match.group(3) or "format" not in schema) and low.isdigit() and high.isdigit():
                schema["minLength"], schema["maxLength"] = int(low), int(high)
            elif kind in ("integer", "number"):
                schema["minimum"], schema["maximum"] = _number(low), _number(high)
        elif (match := _BOUND.match(constraint)) and kind in ("integer", "number"):
            keyword = {">=": "minimum", "<=": "maximum", ">": "exclusiveMinimum", "<": "exclusiveMaximum"}[match.group(1)]
            schema[keyword] = _number(match.group(2))
    notes = [c for c in constraints if not _RANGE.match(c) and not _BOUND.match(c)]
    if notes:
        schema["description"] = "; ".join(notes)
    return schema


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _field_schema(model_field: ModelField, known: set[str]) -> dict[str, Any]:
    schema = _constraint_keywords(type_schema(model_field.type, known), model_field.constraints)
    descriptions = [text for text in (schema.get("description", ""), model_field.description) if text]
    if model_field.foreign_key:
        descriptions.append(f"references {model_field.foreign_key}")
    if descriptions:
        schema["description"] = "; ".join(descriptions)
    if model_field.primary_key:
        schema["readOnly"] = True
    return schema


def _param_schema(param: Param, known: set[str]) -> dict[str, Any]:
    schema = _constraint_keywords(type_schema(param.type, known), param.constraints)
    if param.description:
        schema["description"] = "; ".join(filter(None, (schema.get("description", ""), param.description)))
    return schema


def _object_schema(params: list[Param], known: set[str]) -> dict[str, Any]:
    # The first of two body fields with one name wins (a JSON object cannot hold both), and `required` stays unique.
    unique = list({p.name: p for p in reversed(params)}.values())[::-1]
    schema: dict[str, Any] = {"type": "object", "properties": {p.name: _param_schema(p, known) for p in unique}}
    required = [p.name for p in unique if p.required]
    if required:
        schema["required"] = required
    return schema


def request_media_type(route: Route) -> str:
    """An upload's body is a form with the file in it; every other body is JSON."""
    return "multipart/form-data" if route.is_upload else "application/json"


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Response"


def _operation_id(route: Route, used: set[str]) -> str:
    base = route.service_method.replace(".", "_") if route.service_method else \
        f"{route.method.lower()}_{re.sub(r'[^A-Za-z0-9]+', '_', route.path).strip('_')}"
    base = re.sub(r"[^A-Za-z0-9_]", "_", base) or "operation"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}_{number}", number + 1
    used.add(candidate)
    return candidate


def _path_parameter_schema(name: str, keys: dict[str, str]) -> dict[str, Any]:
    if name in keys:
        return type_schema(keys[name], set())
    return {"type": "integer"} if name == "id" or name.endswith("_id") else {"type": "string"}


def _security(auth: str) -> tuple[list[dict[str, list[str]]], str]:
    if auth in ("", "public"):
        return [], "Public: no authentication."
    if auth == "signature":
        return [{"providerSignature": []}], "Authenticated by the calling provider's request signature."
    if auth.startswith("role:"):
        roles = [role.strip() for role in auth[5:].split(",") if role.strip()]
        return [{"bearerAuth": []}], f"Requires a signed-in account with role {' or '.join(f'`{r}`' for r in roles)}."
    if auth == "owner":
        return [{"bearerAuth": []}], "Requires the signed-in owner of the resource."
    return [{"bearerAuth": []}], "Requires a signed-in account."


def _operation(route: Route, known: set[str], used_ids: set[str], keys: dict[str, str]) -> dict[str, Any]:
    security, auth_text = _security(route.auth)
    operation: dict[str, Any] = {
        "operationId": _operation_id(route, used_ids),
        "summary": route.purpose or f"{route.method.upper()} {route.path}",
        "description": auth_text,
        "tags": [route.resource or "Other"],
        "security": security,
    }
    parameters = [{"name": name, "in": "path", "required": True, "schema": _path_parameter_schema(name, keys)}
                  for name in dict.fromkeys(re.findall(r"\{([^}/]+)\}", route.path))]
    # OpenAPI forbids two parameters with the same name and location; the first one (path before query) wins.
    taken = {parameter["name"] for parameter in parameters}
    for param in route.query:
        if param.name in taken:
            continue
        taken.add(param.name)
        entry: dict[str, Any] = {"name": param.name, "in": "query", "required": param.required,
                                 "schema": _param_schema(param, known)}
        if param.description:
            entry["description"] = param.description
        parameters.append(entry)
    if parameters:
        operation["parameters"] = parameters
    if route.request:
        operation["requestBody"] = {"required": True, "content": {
            request_media_type(route): {"schema": _object_schema(route.request, known)}}}
    responses: dict[str, Any] = {}
    success: dict[str, Any] = {"description": _reason(route.response_status)}
    if route.response and route.response_status not in (204, 304):
        success["content"] = {"application/json": {"schema": type_schema(route.response, known)}}
    responses[str(route.response_status)] = success
    by_status: dict[int, list[str]] = {}
    for error in route.errors:
        by_status.setdefault(error.status, []).append(f"{error.error}: {error.when}" if error.when else error.error)
    for status in sorted(by_status):
        if str(status) in responses:
            continue
        responses[str(status)] = {"description": "; ".join(by_status[status]),
                                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    operation["responses"] = responses
    operation["x-specls-sources"] = [source.label for source in route.sources]
    if route.service_method:
        operation["x-specls-service"] = route.service_method
    return operation


def build_openapi(plan: Plan) -> dict[str, Any]:
    """The OpenAPI 3.1 document of `plan`'s routes, models and errors."""
    known = {_component(model.name) for model in plan.models} | {_component(enum.name) for enum in plan.enums}
    known.add("Error")
    schemas: dict[str, Any] = {}
    for enum in plan.enums:
        schemas[_component(enum.name)] = {"type": "string", "enum": list(dict.fromkeys(enum.values))}
    for model in plan.models:
        # Relationship attributes are navigation inside the service, not part of the wire format.
        fields = list({f.name: f for f in reversed(model.fields) if not f.relationship}.values())[::-1]
        schema: dict[str, Any] = {"type": "object", "properties": {f.name: _field_schema(f, known) for f in fields}}
        required = [f.name for f in fields if f.required]
        if required:
            schema["required"] = required
        if model.description:
            schema["description"] = model.description
        schemas[_component(model.name)] = schema
    schemas["Error"] = {
        "type": "object", "required": ["error"],
        "description": plan.error_format or "The response body of every error.",
        "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "enum": sorted({e.code for e in plan.errors if e.code})} if plan.errors
            else {"type": "string"},
            "message": {"type": "string"},
            "details": {"type": "object"}}}}}

    paths: dict[str, Any] = {}
    used_ids: set[str] = set()
    keys = key_types(plan.models)
    for route in plan.routes:
        method = route.method.lower()
        if method not in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            continue
        item = paths.setdefault(route.path if route.path.startswith("/") else "/" + route.path, {})
        if method not in item:
            item[method] = _operation(route, known, used_ids, keys)

    tags = [{"name": name} for name in dict.fromkeys(route.resource or "Other" for route in plan.routes)]
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": plan.title or "Backend API", "version": "0.1.0",
                 "description": f"Generated by specls {__version__} from {plan.spec_path} "
                                f"(sha256 {plan.spec_sha256}). Design contract; not an implementation."},
        "tags": tags,
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "description": "Session token of a signed-in account."},
            "providerSignature": {"type": "apiKey", "in": "header", "name": "X-Signature",
                                  "description": "Signature of a calling provider (webhooks)."}}},
    }
    return document
