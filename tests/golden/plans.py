"""Hand-built Plans used by the render, region, OpenAPI and golden tests while the design engine is written.

Each builder returns a fresh `Plan` (tests mutate them freely). They are small but exercise every part of the
renderer: route groups with path, query and body parameters, errors, services with steps and transactions,
models with keys, relationships, indexes, validators and a state machine, enums, integrations, traceability,
not-covered items, assumptions, questions and an evaluated checklist.
"""

from __future__ import annotations

from analysis.plan.model import (
    ChecklistItem,
    DomainModel,
    EnumType,
    ErrorType,
    Index,
    Integration,
    Model,
    ModelField,
    NotCovered,
    Param,
    Plan,
    Relationship,
    Route,
    RouteError,
    Service,
    ServiceMethod,
    SourceRef,
    StateMachine,
    TraceRow,
    Transition,
)


def _refs(*labels: str) -> list[SourceRef]:
    return [SourceRef(label) for label in labels]


def library_plan(spec_sha256: str = "0" * 64) -> Plan:
    """A lending library: books, copies and loans, with one external integration."""
    loan_states = StateMachine(
        field="status", enum="LoanStatus", states=["active", "returned", "overdue"], initial="active",
        transitions=[Transition("active", "returned", "return", _refs("FR-003")),
                     Transition("active", "overdue", "expire", _refs("Edge Cases #1"))])
    return Plan(
        title="Lending Library",
        spec_path="specs/001-library/spec.md",
        spec_sha256=spec_sha256,
        dialect="spec-kit",
        domain=DomainModel(actors=["member", "librarian"]),
        models=[
            Model("Book", description="A title in the catalogue.", sources=_refs("Key Entities"), fields=[
                ModelField("id", "int", primary_key=True),
                ModelField("isbn", "str", unique=True, indexed=True, constraints=["13 digits"], sources=_refs("FR-001")),
                ModelField("title", "str", constraints=["1..200 chars"], sources=_refs("FR-001")),
                ModelField("published_on", "date", required=False),
            ], relationships=[Relationship("has-many", "Copy")],
                validators=["ISBN check digit is valid"]),
            Model("Copy", sources=_refs("Key Entities"), fields=[
                ModelField("id", "int", primary_key=True),
                ModelField("book_id", "int", foreign_key="Book.id", indexed=True),
                ModelField("barcode", "str", unique=True, indexed=True, sources=_refs("FR-002")),
            ], relationships=[Relationship("belongs-to", "Book", field="book_id", ownership=True)]),
            Model("Loan", sources=_refs("Key Entities", "FR-003"), fields=[
                ModelField("id", "int", primary_key=True),
                ModelField("copy_id", "int", foreign_key="Copy.id", indexed=True),
                ModelField("member_id", "int", foreign_key="User.id", indexed=True),
                ModelField("due_on", "date", constraints=["after the loan date"], sources=_refs("FR-003")),
                ModelField("status", "LoanStatus", default="active"),
            ], relationships=[Relationship("belongs-to", "Copy", field="copy_id"),
                              Relationship("belongs-to", "User", field="member_id", required=True)],
                indexes=[Index(["copy_id", "status"], reason="find the active loan of a copy")],
                states=loan_states),
            Model("User", sources=_refs("Key Entities"), fields=[
                ModelField("id", "int", primary_key=True),
                ModelField("email", "EmailStr", unique=True, indexed=True),
                ModelField("name", "str"),
            ]),
        ],
        enums=[EnumType("LoanStatus", ["active", "returned", "overdue"], _refs("Key Entities"))],
        routes=[
            Route("POST", "/api/books", "add a book to the catalogue", "role:librarian", "Books",
                  request=[Param("isbn", "str", constraints=["13 digits"]), Param("title", "str"),
                           Param("published_on", "date", required=False)],
                  response_status=201, response="Book",
                  errors=[RouteError(400, "ValidationError", "a field is missing or malformed"),
                          RouteError(409, "DuplicateIsbnError", "the ISBN is already in the catalogue")],
                  service_method="BookService.add_book", sources=_refs("FR-001")),
            Route("GET", "/api/books", "search the catalogue", "public", "Books",
                  query=[Param("q", "str", required=False, description="words of the title"),
                         Param("page", "int", required=False, constraints=[">= 1"])],
                  response="Page[Book]", service_method="BookService.search", sources=_refs("FR-004")),
            Route("GET", "/api/books/{book_id}", "show a book with its copies", "public", "Books",
                  response="Book", errors=[RouteError(404, "BookNotFoundError")],
                  service_method="BookService.get_book", sources=_refs("FR-004")),
            Route("POST", "/api/copies/{copy_id}/loans", "lend a copy to a member", "role:librarian", "Loans",
                  request=[Param("member_id", "int"), Param("due_on", "date", required=False,
                                                              description="defaults to 21 days")],
                  response_status=201, response="Loan",
                  errors=[RouteError(404, "CopyNotFoundError"),
                          RouteError(409, "CopyOnLoanError", "the copy is already lent")],
                  service_method="LoanService.lend", sources=_refs("FR-003", "US1/AC1")),
            Route("POST", "/api/loans/{loan_id}/return", "return a lent copy", "role:librarian", "Loans",
                  response="Loan", errors=[RouteError(404, "LoanNotFoundError"),
                                           RouteError(409, "InvalidLoanStateError", "the loan is not active")],
                  service_method="LoanService.return_copy", sources=_refs("FR-003", "US1/AC2")),
        ],
        services=[
            Service("BookService", "Book", methods=[
                ServiceMethod("add_book", [Param("librarian", "User"), Param("data", "BookCreate")], "Book",
                              steps=["validates the ISBN check digit", "checks the ISBN is not in the catalogue",
                                     "creates the book"], raises=["ValidationError", "DuplicateIsbnError"],
                              sources=_refs("FR-001")),
                ServiceMethod("search", [Param("filters", "BookFilter")], "Page[Book]", sources=_refs("FR-004")),
                ServiceMethod("get_book", [Param("book_id", "int")], "Book", raises=["BookNotFoundError"]),
            ], sources=_refs("FR-001", "FR-004")),
            Service("LoanService", "Loan", methods=[
                ServiceMethod("lend", [Param("librarian", "User"), Param("copy_id", "int"), Param("data", "LoanCreate")],
                              "Loan", steps=["checks the copy exists", "checks no active loan holds the copy",
                                             "creates an active loan", "sends the member a receipt by email"],
                              transaction="the availability check and the insert must not interleave with another "
                                          "loan of the same copy",
                              raises=["CopyNotFoundError", "CopyOnLoanError"], sources=_refs("FR-003")),
                ServiceMethod("return_copy", [Param("librarian", "User"), Param("loan_id", "int")], "Loan",
                              steps=["checks the loan is active", "marks it returned"],
                              raises=["LoanNotFoundError", "InvalidLoanStateError"], sources=_refs("FR-003")),
            ], dependencies=["BookService"], integrations=["Mailer"]),
        ],
        errors=[
            ErrorType("ValidationError", 400, "VALIDATION_FAILED", "a field is missing or out of range"),
            ErrorType("BookNotFoundError", 404, "BOOK_NOT_FOUND"),
            ErrorType("CopyNotFoundError", 404, "COPY_NOT_FOUND"),
            ErrorType("LoanNotFoundError", 404, "LOAN_NOT_FOUND"),
            ErrorType("DuplicateIsbnError", 409, "DUPLICATE_ISBN", "the ISBN is already catalogued", _refs("FR-001")),
            ErrorType("CopyOnLoanError", 409, "COPY_ON_LOAN", "the copy is lent to someone else", _refs("US1/AC3")),
            ErrorType("InvalidLoanStateError", 409, "INVALID_LOAN_STATE"),
        ],
        integrations=[Integration("Mailer", "sends loan receipts", 502, _refs("FR-005"))],
        auth_summary="bearer session for members and librarians; catalogue reads are public",
        traceability=[
            TraceRow("FR-001", "Librarians MUST be able to add books by ISBN", ["POST /api/books"],
                     ["BookService.add_book"], ["Book"]),
            TraceRow("FR-003", "Librarians MUST be able to lend and take back copies",
                     ["POST /api/copies/{copy_id}/loans", "POST /api/loans/{loan_id}/return"],
                     ["LoanService.lend", "LoanService.return_copy"], ["Loan", "Copy"]),
            TraceRow("FR-004", "Anyone MUST be able to search the catalogue | by title", ["GET /api/books"],
                     ["BookService.search"], ["Book"]),
        ],
        not_covered=[NotCovered("SC-001", "a user-facing timing, not backend structure")],
        assumptions=["members and librarians are roles of one User account"],
        open_questions=["how long is a loan when no due date is given?"],
        checklist=[
            ChecklistItem("All spec requirements are addressed", True, "3/3 functional requirements traced"),
            ChecklistItem("Authentication/authorization is specified", False, "who may register members is not said",
                          ["Q1"]),
            ChecklistItem("No implementation code is included", True, "design only"),
        ],
    )


def empty_plan(spec_sha256: str = "1" * 64) -> Plan:
    """A spec from which nothing could be designed (e.g. prose only)."""
    return Plan(title="Notes", spec_path="spec.md", spec_sha256=spec_sha256, dialect="markdown",
                domain=DomainModel(notes=["no entities were found in the spec"]))
