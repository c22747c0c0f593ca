"""OpenAPI 3.1 documents of plans: valid against the OpenAPI 3.1 schema, and faithful to the plan's routes."""

from __future__ import annotations

from pathlib import Path

import pytest
from openapi_spec_validator import validate

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.model import Model, ModelField, Param, Route, RouteError
from analysis.plan.openapi import build_openapi, type_schema
from tests.golden.plans import empty_plan, library_plan

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "specs"


def test_library_plan_is_valid_openapi_3_1():
    document = build_openapi(library_plan())
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {"/api/books", "/api/books/{book_id}", "/api/copies/{copy_id}/loans",
                                      "/api/loans/{loan_id}/return"}


def test_empty_plan_is_valid_openapi():
    validate(build_openapi(empty_plan()))


def test_operation_carries_contract_security_and_traceability():
    operation = build_openapi(library_plan())["paths"]["/api/copies/{copy_id}/loans"]["post"]
    assert operation["operationId"] == "LoanService_lend"
    assert operation["security"] == [{"bearerAuth": []}] and "librarian" in operation["description"]
    assert operation["parameters"] == [{"name": "copy_id", "in": "path", "required": True, "schema": {"type": "integer"}}]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["member_id"] and body["properties"]["due_on"]["format"] == "date"
    assert operation["responses"]["201"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Loan"}
    assert operation["responses"]["409"]["description"] == "CopyOnLoanError: the copy is already lent"
    assert operation["responses"]["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert operation["x-specls-sources"] == ["FR-003", "US1/AC1"]


def test_public_route_has_empty_security_and_query_parameters():
    operation = build_openapi(library_plan())["paths"]["/api/books"]["get"]
    assert operation["security"] == []
    assert [(p["name"], p["in"], p["required"]) for p in operation["parameters"]] == [("q", "query", False),
                                                                                     ("page", "query", False)]
    assert operation["parameters"][1]["schema"] == {"type": "integer", "minimum": 1}
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert page["properties"]["items"]["items"] == {"$ref": "#/components/schemas/Book"}


def test_models_and_enums_become_component_schemas():
    schemas = build_openapi(library_plan())["components"]["schemas"]
    assert schemas["LoanStatus"] == {"type": "string", "enum": ["active", "returned", "overdue"]}
    loan = schemas["Loan"]
    assert loan["properties"]["status"] == {"$ref": "#/components/schemas/LoanStatus"}
    assert "published_on" not in schemas["Book"]["required"]
    assert schemas["Book"]["properties"]["title"] == {"type": "string", "minLength": 1, "maxLength": 200}
    assert schemas["User"]["properties"]["email"] == {"type": "string", "format": "email"}
    assert set(schemas["Error"]["properties"]["error"]["properties"]["code"]["enum"]) >= {"COPY_ON_LOAN", "BOOK_NOT_FOUND"}


@pytest.mark.parametrize("type_name, expected", [
    ("int | None", {"anyOf": [{"type": "integer"}, {"type": "null"}]}),
    ("list[str]", {"type": "array", "items": {"type": "string"}}),
    ("Decimal", {"type": "string", "format": "decimal"}),
    ("datetime", {"type": "string", "format": "date-time"}),
    ("HttpUrl", {"type": "string", "format": "uri"}),
    ("UUID", {"type": "string", "format": "uuid"}),
    ("{ id, title: str }", {"type": "object", "properties": {"id": {}, "title": {"type": "string"}}}),
    ("Undefined", {"type": "object", "title": "Undefined"}),
    ("Book", {"$ref": "#/components/schemas/Book"}),
    ("dict[str, int]", {"type": "object", "additionalProperties": {"type": "integer"}}),
])
def test_type_names_map_to_json_schema(type_name, expected):
    assert type_schema(type_name, {"Book"}) == expected


def test_awkward_routes_stay_valid():
    plan = library_plan()
    plan.models.append(Model("Odd Name!", fields=[ModelField("x", "weird type<>")]))
    plan.routes += [
        Route("DELETE", "/api/books/{book_id}", "remove", "owner", "Books", response_status=204, response="Book",
              errors=[RouteError(404, "BookNotFoundError"), RouteError(404, "GoneError")]),
        Route("POST", "/api/payments/webhook", "provider callback", "signature", "Payments", response_status=204),
        Route("GET", "/api/books", "duplicate of an existing operation", "public", "Books"),
        Route("BREW", "/api/coffee", "not an HTTP method OpenAPI knows", "public", "Coffee"),
        Route("GET", "/api/odd", "refers to a model with an odd name", "authenticated", "Odd",
              query=[Param("n", "int", constraints=["1..10", "even"])], response="Odd Name!"),
    ]
    document = build_openapi(plan)
    validate(document)
    delete = document["paths"]["/api/books/{book_id}"]["delete"]
    assert "content" not in delete["responses"]["204"]
    assert delete["responses"]["404"]["description"] == "BookNotFoundError; GoneError"
    assert document["paths"]["/api/payments/webhook"]["post"]["security"] == [{"providerSignature": []}]
    assert "/api/coffee" not in document["paths"]
    odd = document["paths"]["/api/odd"]["get"]
    assert odd["parameters"][0]["schema"] == {"type": "integer", "minimum": 1, "maximum": 10, "description": "even"}
    assert odd["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Odd_Name_"}


def _example_specs() -> list[Path]:
    return sorted(path for path in EXAMPLES.rglob("*.md") if path.name in ("spec.md", "requirements.md"))


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/specs is not in this checkout")
def test_every_example_spec_gives_valid_openapi():
    specs = _example_specs()
    assert specs
    for spec in specs:
        plan = build_plan(parse_spec(spec.read_text(encoding="utf-8"), str(spec)))
        validate(build_openapi(plan))


def test_duplicate_parameters_and_fields_stay_valid():
    """Seen on real specs: a design with two `sort` query parameters; OpenAPI forbids duplicates."""
    plan = library_plan()
    plan.routes.append(Route("GET", "/api/books/{book_id}/copies", "list copies", "public", "Books",
                             query=[Param("sort", "str"), Param("sort", "int"), Param("book_id", "int")],
                             request=[Param("x", "str"), Param("x", "int", required=True)]))
    plan.models[0].fields.append(ModelField("title", "text"))
    document = build_openapi(plan)
    validate(document)
    parameters = document["paths"]["/api/books/{book_id}/copies"]["get"]["parameters"]
    assert [(p["name"], p["in"]) for p in parameters] == [("book_id", "path"), ("sort", "query")]
    assert parameters[1]["schema"] == {"type": "string"}
    body = document["paths"]["/api/books/{book_id}/copies"]["get"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["x"] and body["properties"]["x"] == {"type": "string"}
    assert document["components"]["schemas"]["Book"]["required"].count("title") == 1
