"""Primary key types: `int` unless the spec types its keys (`id (UUID)`, a Prisma `@default(uuid())`, "UUID primary
keys on all entities"); every key to a model, path parameter and service parameter takes the type of the key it names.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from openapi_spec_validator import validate

from analysis.plan.model import Plan
from analysis.plan.openapi import build_openapi
from analysis.plan.render import render_plan
from tests.plan_helpers import plan_of


def types(plan: Plan, model: str) -> dict[str, str]:
    return {f.name: f.type for f in next(m for m in plan.models if m.name == model).fields}


def path_parameter_schemas(plan: Plan) -> dict[str, dict]:
    document = build_openapi(plan)
    return {parameter["name"]: parameter["schema"] for item in document["paths"].values() for operation in item.values()
            for parameter in operation.get("parameters", []) if parameter["in"] == "path"}


LIBRARY = """
    ## Requirements

    - **FR-001**: Members MUST be able to create shelves and view a shelf.
    - **FR-002**: Members MUST be able to add books to a shelf and update a book.

    ### Key Entities

    - **Shelf**: a named group of books with name and description.
    - **Book**: a book on one shelf, with title and author.
    """


def test_keys_are_integers_when_the_spec_does_not_type_them():
    plan = plan_of(LIBRARY, "Library")
    assert types(plan, "Shelf")["id"] == "int"
    assert types(plan, "Book")["shelf_id"] == "int"
    assert path_parameter_schemas(plan)["shelf_id"] == {"type": "integer"}
    assert "Every table has an integer primary key `id`" in render_plan(plan)


def test_a_spec_wide_statement_makes_every_key_a_uuid():
    plan = plan_of(LIBRARY + "\n    - **Data Integrity**: UUID primary keys on all entities.\n", "Library")
    assert types(plan, "Shelf")["id"] == "UUID"
    assert types(plan, "Book")["id"] == "UUID"
    assert types(plan, "Book")["shelf_id"] == "UUID"
    assert path_parameter_schemas(plan)["shelf_id"] == {"type": "string", "format": "uuid"}
    validate(build_openapi(plan))
    assert "Every table has a UUID primary key `id`" in render_plan(plan)
    # Where the spec says so is traced on each key.
    key = next(f for f in next(m for m in plan.models if m.name == "Book").fields if f.primary_key)
    assert [s.label for s in key.sources] == ["Key Entities"]
    method = next(m for s in plan.services for m in s.methods if any(p.name == "shelf_id" for p in m.params))
    assert next(p.type for p in method.params if p.name == "shelf_id") == "UUID"


def test_one_entity_typed_as_uuid_types_its_key_and_the_keys_to_it():
    body = LIBRARY.replace("with name and description", "with id (UUID), name and description")
    plan = plan_of(body, "Library")
    assert types(plan, "Shelf")["id"] == "UUID"
    assert types(plan, "Book")["shelf_id"] == "UUID"
    assert types(plan, "Book")["id"] == "int"
    assert "Every table has a primary key `id`" in render_plan(plan)  # (one UUID, one integer: see each model)


def test_a_prisma_model_with_uuid_default_has_a_uuid_key():
    body = """
        ## Requirements

        - **FR-001**: Users MUST be able to view their wallet.

        ```prisma
        model Wallet {
          id        String   @id @default(uuid())
          balance   Int
        }
        ```
        """
    assert types(plan_of(body, "Wallets"), "Wallet")["id"] == "UUID"


def test_a_uuid_that_is_not_about_keys_changes_nothing():
    plan = plan_of(LIBRARY + "\n    - **FR-003**: Each shelf label MUST show the printer's UUID for support.\n", "Library")
    assert types(plan, "Shelf")["id"] == "int"
