"""The plan model: the domain model inferred from a spec and the backend design derived from it.

Plain dataclasses, JSON-serialisable with `to_json`. Every element keeps `sources`: the spec IDs and ranges it
came from, so plans are traceable and the language server can link back. This module declares types only;
no inference, no rendering, no pygls or lsprotocol.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from analysis.text import Range


@dataclass(slots=True)
class SourceRef:
    label: str
    """What a reader sees: `FR-001`, `US2/AC1`, `Key Entities`, `Edge Cases #2`, `Clarifications`."""
    range: Range | None = None


# ----------------------------------------------------------------------------------------- domain model

@dataclass(slots=True)
class Attribute:
    name: str
    """snake_case field name."""
    type: str
    """`str`, `text`, `int`, `Decimal`, `float`, `bool`, `date`, `datetime`, `EmailStr`, `HttpUrl`, `UUID`, `json`,
    an enum name (`OrderStatus`), or `list[str]`."""
    required: bool = True
    unique: bool = False
    indexed: bool = False
    default: str | None = None
    constraints: list[str] = field(default_factory=list)
    """Human-readable limits: `3..120 chars`, `>= 0`, `1..10`, `in the future`."""
    enum_values: list[str] = field(default_factory=list)
    description: str = ""
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class Relationship:
    kind: str
    """`belongs-to` (this entity holds a foreign key), `has-many`, `many-to-many`."""
    target: str
    """Entity name."""
    field: str = ""
    """The foreign-key field for belongs-to (`venue_id`), or the link model name for many-to-many."""
    required: bool = True
    ownership: bool = False
    """The target owns this entity (an owner-only rule applies; routes nest under it)."""
    description: str = ""
    sources: list[SourceRef] = dataclasses.field(default_factory=list)
    back: str = ""
    """For belongs-to: what the spec calls the list of these on the target (`transactions` of a CreditAccount), when
    it names one."""


@dataclass(slots=True)
class Transition:
    source: str
    target: str
    trigger: str
    """The action that causes it (`publish`, `cancel`), used for action endpoints."""
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class StateMachine:
    field: str
    """Usually `status`."""
    enum: str
    """Enum type name, e.g. `OrderStatus`."""
    states: list[str]
    initial: str | None = None
    transitions: list[Transition] = dataclasses.field(default_factory=list)
    sources: list[SourceRef] = dataclasses.field(default_factory=list)


@dataclass(slots=True)
class Entity:
    name: str
    """PascalCase model name (`TicketType`)."""
    display_name: str
    """As the spec writes it (`Ticket Type`)."""
    description: str = ""
    attributes: list[Attribute] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    states: StateMachine | None = None
    validators: list[str] = field(default_factory=list)
    """Rules from the text that a validator enforces (`end date after start date`)."""
    is_actor: bool = False
    """A person with an account (User-like); roles of one account may merge into one User model."""
    link: bool = False
    """A link model of a many-to-many relationship."""
    sources: list[SourceRef] = field(default_factory=list)
    definition_range: Range | None = None
    aliases: list[str] = field(default_factory=list)
    """Other names the spec uses for it (`post` for `Blog Post`), lower case."""
    usual_name: str = ""
    """The name the spec mostly uses when it is not the model's (`post` for `Blog Post`); its routes use it."""
    plurals: list[str] = field(default_factory=list)
    """Which of the aliases are plurals the spec's language forms (`tarefas`, `registros de processamento`)."""
    plural_name: str = ""
    """The plural the spec's language forms when English would form another (`opiniões` for `Opinião`); its routes
    use it (`/opinioes`)."""


@dataclass(slots=True)
class ExternalSignIn:
    """People sign in through an identity provider that keeps their credentials (OAuth, SSO, "log in with Google")."""
    providers: list[str] = field(default_factory=list)
    """The providers the spec names (`Google`, `Facebook`), in order; empty when it names only the protocol."""
    protocol: str = ""
    """The protocol or service the spec names (`OAuth`, `SSO`, `Auth0`), when it names one."""
    passwords: bool = False
    """The spec also has people sign up or in with a password ("email/password and Google OAuth registration")."""
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class DomainModel:
    entities: list[Entity] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    """Roles named in the spec (`organizer`, `attendee`, `admin`)."""
    roles: list[str] = field(default_factory=list)
    """The actors the spec lists as roles by name ("four user roles: Admin, Realtor, Affiliate, and Client"): people
    whatever their names look like."""
    notes: list[str] = field(default_factory=list)
    """What could not be inferred, said plainly (e.g. for non-English bodies)."""
    external_sign_in: ExternalSignIn | None = None
    """Set when sign-in is redirected to an identity provider: the plan's auth routes redirect there and take the
    provider's callback instead of taking passwords."""
    key_type: str = "int"
    """The type of every primary key unless an entity says otherwise: `UUID` when the spec says its keys are UUIDs
    ("UUID primary keys on all entities")."""
    key_sources: list[SourceRef] = field(default_factory=list)
    """Where the spec says so."""

    def entity(self, name: str) -> Entity | None:
        folded = name.casefold().replace(" ", "").replace("_", "")
        for entity in self.entities:
            if entity.name.casefold() == folded or entity.display_name.casefold().replace(" ", "") == folded:
                return entity
        return None


# ----------------------------------------------------------------------------------------- design

@dataclass(slots=True)
class Index:
    fields: list[str]
    unique: bool = False
    reason: str = ""


@dataclass(slots=True)
class ModelField:
    name: str
    type: str
    required: bool = True
    primary_key: bool = False
    unique: bool = False
    indexed: bool = False
    foreign_key: str | None = None
    """`Venue.id`."""
    default: str | None = None
    constraints: list[str] = field(default_factory=list)
    description: str = ""
    sources: list[SourceRef] = field(default_factory=list)
    relationship: str = ""
    """Set on a SQLModel `Relationship()` attribute, which is no column: `belongs-to`, `has-many` or
    `many-to-many`. Its `type` is the related model (`Project`, `list[Task]`)."""
    back_populates: str = ""
    """The attribute on the related model that points back (SQLModel's `back_populates`)."""


@dataclass(slots=True)
class Model:
    name: str
    table: bool = True
    description: str = ""
    fields: list[ModelField] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    indexes: list[Index] = field(default_factory=list)
    validators: list[str] = field(default_factory=list)
    states: StateMachine | None = None
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class EnumType:
    name: str
    values: list[str]
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class Param:
    name: str
    type: str
    required: bool = True
    constraints: list[str] = field(default_factory=list)
    description: str = ""


@dataclass(slots=True)
class RouteError:
    status: int
    error: str
    """Domain error name, e.g. `SoldOutError`."""
    when: str = ""


@dataclass(slots=True)
class Route:
    method: str
    path: str
    purpose: str
    auth: str
    """`public`, `authenticated`, `role:<name>`, `owner`, `signature` (webhooks)."""
    resource: str
    """Route group (the model or area it belongs to)."""
    request: list[Param] = field(default_factory=list)
    """Body fields."""
    query: list[Param] = field(default_factory=list)
    response_status: int = 200
    response: str = ""
    """Response shape: a model name, `Page[Model]`, or `{ fields }`."""
    errors: list[RouteError] = field(default_factory=list)
    service_method: str = ""
    """`OrderService.place_order`."""
    sources: list[SourceRef] = field(default_factory=list)
    link: str = ""
    """For a route that adds a thing to, or removes it from, another it is linked to many-to-many: the linked model
    (`Tag` on `POST /articles/{article_id}/tags`); the link model holds the rows."""

    @property
    def is_upload(self) -> bool:
        """Whether its body carries a file (a `multipart/form-data` form rather than JSON)."""
        return any(param.type == "file" for param in self.request)


@dataclass(slots=True)
class ServiceMethod:
    name: str
    params: list[Param] = field(default_factory=list)
    returns: str = "None"
    steps: list[str] = field(default_factory=list)
    """Validation, uniqueness and authorization checks, side effects, in order."""
    transaction: str = ""
    """Why a transaction spans several writes, when one does."""
    raises: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class Service:
    name: str
    aggregate: str
    methods: list[ServiceMethod] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)
    integrations: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class ErrorType:
    name: str
    status: int
    code: str
    """SCREAMING_SNAKE code in the error response."""
    description: str = ""
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class Integration:
    name: str
    """`PaymentGateway`, `Mailer`, ..."""
    purpose: str
    failure_status: int = 502
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class TraceRow:
    spec_id: str
    text: str = ""
    routes: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    range: Range | None = None


@dataclass(slots=True)
class NotCovered:
    spec_id: str
    reason: str
    range: Range | None = None


@dataclass(slots=True)
class ChecklistItem:
    text: str
    met: bool
    why: str
    where: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    title: str
    spec_path: str
    spec_sha256: str
    dialect: str
    domain: DomainModel
    models: list[Model] = field(default_factory=list)
    enums: list[EnumType] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    errors: list[ErrorType] = field(default_factory=list)
    error_format: str = ""
    integrations: list[Integration] = field(default_factory=list)
    auth_summary: str = ""
    traceability: list[TraceRow] = field(default_factory=list)
    not_covered: list[NotCovered] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    open_questions: list[str] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def to_json(value: Any) -> Any:
    """Dataclasses, enums and ranges to plain JSON values (ranges as 0-based {start:{line,character},end:{...}})."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    return value


def account_in(by_key: dict[str, Entity]) -> Entity | None:
    """The entity that holds people's accounts, from entities by their comparison key (`entity_key`): User, User
    Account, Account or Member; else the one entity named for members or users (`Team Member`, `Library User`)."""
    found = next((by_key[key] for key in ("user", "useraccount", "account", "member") if key in by_key), None)
    if found is not None:
        return found
    named = [entity for key, entity in by_key.items() if key.endswith(("member", "user")) and not entity.link]
    return named[0] if len(named) == 1 else None
