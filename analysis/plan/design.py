"""The backend design of a plan: models, routes, services, errors, integrations, traceability and the checklist.

`build_plan(document, settings, domain)` takes the domain model (from `analysis.plan.infer.infer_domain` unless one is
given) and designs everything else from what the spec says: routes only for the operations its statements ask for
(`design_routes`) plus the ones it writes out itself (`design_explicit`), a service per aggregate with the methods
behind those routes, domain errors mapped to HTTP statuses (refusals in scenarios become named errors,
`design_errors`), integrations the spec names, and for every element the spec IDs it came from. What the engine had to assume is listed
as an assumption; what produced nothing is listed as not covered. Deterministic, offline, never raises. Depends on the
spec model and the plan model only; no pygls or lsprotocol, no rendering.
"""

from __future__ import annotations

import hashlib
import re

import inflection

from analysis.config import DEFAULT_SETTINGS, PlanSettings, Settings
from analysis.entities import entity_key, plural, singular, split_name
from analysis.model import SpecDocument
from analysis.plan.design_routes import (COLLECTION_ACTIONS, Operation, collection_segment, find_auth_operations,
                                         find_health_operations, find_operations, find_webhook_operations, id_param,
                                         is_transition, presumes_accounts, singleton_segment, spares_sign_in, states_reached,
                                         verb_kinds)
from analysis.plan.design_errors import Refusal, find_refusals
from analysis.plan.design_explicit import (ExplicitRoute, comparable_path, find_explicit_routes, last_parameter,
                                           under_scope, written_bases, written_prefix)
from analysis.plan.design_text import EntityMatcher, Statement, clean, collect_statements, key_types, snake_case
from analysis.plan.design_text import with_article as _a
from analysis.plan.model import (Attribute, ChecklistItem, DomainModel, Entity, EnumType, ErrorType, Index, Integration,
                                 Model, ModelField, NotCovered, Param, Plan, Route, RouteError, Service,
                                 ServiceMethod, SourceRef, TraceRow, account_in)
from analysis.text import strip_bom

ERROR_FORMAT = '{ "error": { "code": "SNAKE_CASE_CODE", "message": "human-readable text", "details": { ... } } }'
_TIMESTAMPS = ("created_at", "updated_at")
# Who did something to the record: the signed-in account, set by the service.
_ACTOR_COLUMN = re.compile(r"(?:created|updated|modified|last_modified|deleted|submitted|recorded|uploaded|added|posted|"
                           r"performed|generated|changed|edited)_by(?:_id|_user_id)?")
_UPDATE_METHODS = ("PUT", "PATCH")


# A field that already shows a record to people: its name, title, code, number...
_LABEL_FIELDS = frozenset({"name", "title", "label", "subject", "code", "number", "username", "email", "handle", "slug",
                           "key", "display_name", "full_name", "first_name", "last_name", "phone", "url", "filename",
                           "file_name", "path", "question", "text", "content", "body", "value", "message", "sku",
                           "serial_number", "barcode", "identifier"})
# A state named by a past participle is an event that happened at a moment (`approved`, `sent`, `withdrawn`).
_EVENT_STATE = re.compile(r"[a-z]{2,}[^e_\W]ed|[a-z]+eed|sent|paid|sold|won|lost|held|withdrawn|taken|given|written|"
                          r"drawn|chosen|frozen|broken|spent|built|shipped")
# Verbs whose undoing is an event of its own: a thing is unpublished, unarchived, unlocked at some moment.
_UNDONE = frozenset({"publish", "archive", "lock", "block", "ban", "subscribe", "pin", "mute", "link", "follow", "list"})


# The columns an uploaded file needs to be served back, when the spec names none (`_FILE_COLUMN` finds one it names).
_FILE_COLUMNS = (("file_name", "str", "the uploaded file's name"), ("content_type", "str", "its media type"),
                 ("size_bytes", "int", "its size in bytes"), ("storage_key", "str", "where the file storage keeps it"))
_FROM_THE_FILE = re.compile(r"(?:original_)?file_?(?:name|type|size(?:_bytes)?|metadata)|content_type|mime_type|"
                            r"size(?:_bytes)?|[a-z_]+_at|storage_key|file_(?:path|url|key)|(?:[a-z]+_)?status")
_FILE_COLUMN = re.compile(r"(?:^|_)(?:file|path|url|uri|storage|blob|mime)(?:_|$)|filename|content_type")
# What an action on a thing without a state machine leaves behind, so the plan keeps it: the moment of an event
# (`POST /bookings/{id}/cancel` sets `cancelled_at`), a yes/no flag, or the undoing of an earlier event.
_RECORDED_ACTIONS = {
    "approve": "approved", "reject": "rejected", "publish": "published", "archive": "archived", "cancel": "cancelled",
    "confirm": "confirmed", "complete": "completed", "close": "closed", "submit": "submitted", "ship": "shipped",
    "receive": "received", "accept": "accepted", "decline": "declined", "resolve": "resolved", "escalate": "escalated",
    "lock": "locked", "suspend": "suspended", "ban": "banned", "block": "blocked", "verify": "verified",
    "dispatch": "dispatched", "refund": "refunded", "pause": "paused", "finish": "finished", "withdraw": "withdrawn",
    "void": "voided", "pay": "paid", "check in": "checked_in", "check out": "checked_out", "deliver": "delivered",
    "pin": "pinned", "anonymize": "anonymized", "anonymise": "anonymised"}
_UNDOING_ACTIONS = {"unpublish": ("published",), "unarchive": ("archived",), "restore": ("archived", "deleted"),
                    "reopen": ("closed",), "unlock": ("locked",), "unban": ("banned",), "unblock": ("blocked",),
                    "resume": ("paused",), "unpin": ("pinned",)}
_ACTIVE_FLAG_ACTIONS = {"activate": "true", "reactivate": "true", "deactivate": "false"}


def action_record(verb: str, names: set[str] | frozenset[str]) -> tuple[str, ModelField | None] | None:
    """How the action `verb` (`cancel`, `check-in`) is kept by a model with the columns `names` and no state
    machine: the service's step, and the column to add when the model has none for it (None: nothing to keep)."""
    verb = verb.replace("-", " ")
    flag = _ACTIVE_FLAG_ACTIONS.get(verb)
    if flag is not None:
        column = next((name for name in ("is_active", "active") if name in names), None)
        added = None if column else ModelField("is_active", "bool", default="true",
                                               description=f"whether it is active (the {verb} action sets it)")
        return f"sets {column or 'is_active'} = {flag}", added
    participle = _RECORDED_ACTIONS.get(verb)
    if participle is not None:
        flag_column = next((name for name in (f"is_{participle}", participle) if name in names), None)
        if flag_column is not None:
            return f"sets {flag_column} = true", None
        stamp = f"{participle}_at"
        added = None if stamp in names else ModelField(
            stamp, "datetime", required=False,
            description=f"when it was {participle.replace('_', ' ')} (the {verb} action sets it)")
        return f"sets {stamp} to the current time", added
    for undone in _UNDOING_ACTIONS.get(verb, ()):
        if f"{undone}_at" in names:
            return f"clears {undone}_at", None
        flag_column = next((name for name in (f"is_{undone}", undone) if name in names), None)
        if flag_column is not None:
            return f"sets {flag_column} = false", None
    return None


def _undone(participle: str) -> bool:
    """Whether `participle` (`published`, `banned`, `subscribed`) is of a verb whose undoing is an event."""
    return any(participle in (verb + "ed", verb + "d", verb + verb[-1] + "ed") for verb in _UNDONE)


_ASSUMED_PERSON_NAME = "name shown for the person (assumed: the spec names no name for its people)"
_PERSON_NAME_FIELDS = frozenset({"name", "full_name", "display_name", "first_name", "last_name", "username", "nickname",
                                 "user_name", "handle"})
_ASSUMED_LABEL = "display name (assumed: the spec names no label)"
_LABEL_SUFFIXES = ("_name", "_title", "_number", "_code", "_label", "_text")
# Records that are events, links or amounts rather than things people pick by name.
_UNLABELLED_NOUNS = frozenset({
    "entry", "log", "record", "event", "history", "transaction", "payment", "order", "registration", "booking",
    "reservation", "appointment", "message", "comment", "note", "review", "rating", "token", "session", "assignment",
    "membership", "ownership", "relationship", "association", "relation", "line", "snapshot", "version", "change",
    "scan", "request", "response", "result", "score", "ranking",
    "attempt", "answer", "submission", "notification", "invoice", "receipt", "return", "adjustment", "transfer",
    "shipment", "balance", "ledger", "layer", "vote", "like", "follow", "block", "mute", "credit", "rsvp", "ticket",
    "config", "configuration", "settings", "setting", "preference", "preferences", "state", "status", "metric",
    "report", "summary", "schedule", "period", "slot", "availability", "link", "mapping", "counter", "count", "cost",
    "fee", "price", "charge", "refund", "visit", "consultation", "attendance", "enrollment", "enrolment", "invitation",
    "invite", "waitlist", "queue", "job", "task", "run", "execution", "step", "audit", "alert", "reminder", "approval",
    "decision", "feedback", "reaction", "share", "view", "click", "download", "upload", "attachment", "photo", "image",
    "file", "document", "cart", "wishlist", "favorite", "favourite", "bookmark", "subscription", "participation",
    "result", "match", "game", "round", "lap", "measurement", "reading", "sample", "expense", "income", "deposit",
    "withdrawal", "loan", "bid", "offer", "quote", "estimate", "checkout", "checkin", "movement", "allocation",
    "reconciliation", "variance", "discrepancy", "assessment", "evaluation", "inspection", "maintenance", "repair",
    "post", "reply", "thread", "conversation", "chat", "item", "detail", "info", "information", "data", "history",
    "address", "contact", "location_history", "timer", "interval", "duration", "window", "range", "limit", "quota",
    "sequence", "counter", "id", "identifier", "key", "code", "secret", "credential", "password", "otp", "totp", "pin",
    "recommendation", "suggestion", "theme", "check", "model", "models", "identity", "consent", "merge", "filter",
    "hours", "policy", "rule", "interest", "application", "orchestrator", "jwt", "geography", "coordinates", "total",
    "progress", "usage", "statistic", "statistics", "stats", "analytics", "export", "import", "backup", "profile",
    "account", "number", "sale", "rma", "method", "threshold",
})


_ASSUMED_FOR = re.compile(r"\(assumed for '([^']+)'\)")


def _relationship_attributes(models: list[Model]) -> None:
    """SQLModel `Relationship()` attributes beside the key columns: `project: Project` for `project_id`, and
    `tasks: list[Task]` on the other side, each naming the other as `back_populates`. Attributes that would clash with a
    column or with each other are left out (the key column still carries the link)."""
    by_name = {model.name: model for model in models}
    # Link models of many-to-many relationships: both sides reach each other through `list[Other]` (SQLModel's
    # `link_model=`), so the link rows get no list of their own on either side (it would take the same name).
    links = {r.field for model in models for r in model.relationships if r.kind == "many-to-many"}
    wanted: list[tuple[Model, ModelField]] = []
    for model in models:
        for relationship in model.relationships:
            target = by_name.get(relationship.target)
            if target is None or relationship.kind != "belongs-to" or not relationship.field.endswith("_id"):
                continue
            role = relationship.field[:-3]
            own = snake_case(model.name)
            parent = snake_case(target.name)
            # `Character.snapshots` for CharacterSnapshot, `Order.items` for OrderItem: the parent's name is implied.
            children = plural(own[len(parent) + 1:] if own.startswith(parent + "_") else own)
            back = relationship.back or (children if role == parent else f"{role}_{children}")
            if model.name in links:
                back = ""  # the other side lists the linked models themselves, not the link rows
            wanted.append((model, ModelField(role, target.name, required=relationship.required,
                                             description=f"the {target.name} of `{relationship.field}`",
                                             relationship="belongs-to", back_populates=back)))
            if not target.table or target is model or model.name in links:
                continue
            wanted.append((target, ModelField(back, f"list[{model.name}]", required=False,
                                              description=f"the {model.name} rows whose `{relationship.field}` is this one",
                                              relationship="has-many", back_populates=role)))
    for model in models:
        for relationship in model.relationships:
            target = by_name.get(relationship.target)
            if relationship.kind != "many-to-many" or target is None:
                continue
            wanted.append((model, ModelField(plural(snake_case(target.name)), f"list[{target.name}]", required=False,
                                             description=f"linked through `{relationship.field}`",
                                             relationship="many-to-many", back_populates=plural(snake_case(model.name)))))
    taken = {model.name: {f.name for f in model.fields} for model in models}
    counts: dict[tuple[str, str], int] = {}
    for model, attribute in wanted:
        counts[(model.name, attribute.name)] = counts.get((model.name, attribute.name), 0) + 1
    for model, attribute in wanted:
        if attribute.name in taken[model.name] or counts[(model.name, attribute.name)] > 1 or not attribute.name:
            continue
        taken[model.name].add(attribute.name)
        model.fields.append(attribute)
    for model, attribute in wanted:
        target = by_name.get(attribute.type.removeprefix("list[").removesuffix("]"))
        if attribute.back_populates and (target is None or not any(
                f.name == attribute.back_populates and f.relationship for f in target.fields)):
            attribute.back_populates = ""  # its partner clashed with a column: a one-sided relationship


def _needs_label(entity_name: str, field_names: set[str]) -> bool:
    """Whether a model has nothing to show it by in a list and is the kind of thing that is picked by name."""
    if any(name in _LABEL_FIELDS or name.endswith(_LABEL_SUFFIXES) for name in field_names):
        return False
    head = snake_case(entity_name).rsplit("_", 1)[-1]
    return head not in _UNLABELLED_NOUNS and len(head) > 2 and entity_name.isascii()


def spec_hash(text: str) -> str:
    """sha256 of the spec text with the BOM stripped and CRLF/CR line ends as LF (stable across editors)."""
    normalised = strip_bom(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def build_plan(document: SpecDocument, settings: Settings = DEFAULT_SETTINGS, domain: DomainModel | None = None) -> Plan:
    """The whole backend design for one spec. Never raises: an internal error becomes a note on a minimal plan."""
    try:
        return _build(document, settings, domain)
    except Exception as exc:  # a design bug must not take the editor or the CLI down
        plan = Plan(title=document.title or "Backend Plan", spec_path=document.path, spec_sha256=spec_hash(document.text),
                    dialect=document.dialect.value, domain=domain or DomainModel())
        plan.notes.append(f"internal error while designing the plan: {type(exc).__name__}: {exc}")
        return plan


# ----------------------------------------------------------------------------------------- orchestration

def _infer(document: SpecDocument) -> DomainModel:
    try:
        from analysis.plan.infer import infer_domain
    except ImportError:
        return _domain_from_definitions(document)
    return infer_domain(document)


def _domain_from_definitions(document: SpecDocument) -> DomainModel:
    """The entity names the spec defines, without fields: used only while no inference module is installed."""
    domain = DomainModel(notes=["the domain model holds only the defined entity names (no inference available)"])
    for definition in document.entities:
        name = "".join(word.capitalize() for word in split_name(definition.name) if word.isascii())
        if name and domain.entity(name) is None:
            domain.entities.append(Entity(name=name, display_name=definition.name, description=definition.description,
                                          sources=[SourceRef(definition.name, definition.range)],
                                          definition_range=definition.range))
    return domain


def _build(document: SpecDocument, settings: Settings, domain: DomainModel | None) -> Plan:
    if domain is None:
        domain = _infer(document)
    statements = collect_statements(document)
    plan = Plan(title=document.title or "Backend Plan", spec_path=document.path, spec_sha256=spec_hash(document.text),
                dialect=document.dialect.value, domain=domain, error_format=ERROR_FORMAT)
    plan.notes.extend(domain.notes)
    if document.error:
        plan.notes.append(document.error)

    matcher = EntityMatcher(domain)
    operations = find_operations(statements, domain, matcher)
    admin_creates_users = any(o.kind == "create" and o.entity is not None and o.entity.is_actor and o.roles
                              for o in operations)
    role_names = {" ".join(split_name(e.display_name or e.name)).casefold(): singleton_segment(e)
                  for e in domain.entities if not e.link}
    role_names = {singular(name): segment for name, segment in role_names.items() if name not in ("user", "account")}
    passwords = any(attribute.name in ("password", "password_hash") for entity in domain.entities if entity.is_actor
                    for attribute in entity.attributes)
    operations += find_auth_operations(statements, admin_creates_users, role_names, domain.external_sign_in, passwords,
                                       roles_checked=any(o.roles for o in operations))
    operations = _without_flow_records(operations)
    external = domain.external_sign_in
    if external is not None and not (passwords or external.passwords):
        # "create and authenticate user accounts using OAuth2": the account is made at the first sign-in (the
        # provider's callback), not by a create route of its own.
        signing_in = {source.label for source in external.sources}
        operations = [o for o in operations if not (o.kind == "create" and o.entity is not None and o.entity.is_actor
                                                    and {s.label for s in o.sources} <= signing_in)]
    operations += find_health_operations(statements)
    operations += find_webhook_operations(statements, document.text)
    has_accounts = any(o.kind == "auth" for o in operations) or any(e.is_actor for e in domain.entities) or \
        bool(domain.actors) or presumes_accounts(statements)
    spared = False
    if has_accounts and not any(o.kind == "auth" or o.roles for o in operations) and spares_sign_in(statements):
        has_accounts, spared = False, True  # "vote without needing to create an account or log in", and nobody signs in

    plan.integrations = _find_integrations(statements)
    password_accounts = _signing_in(domain, operations)
    plan.models, plan.enums = _design_models(domain, operations, statements, plan, password_accounts)
    plan.routes = _design_routes(operations, settings, has_accounts, plan, document)
    _sign_in_name(plan, password_accounts)
    actions = {o.name: o.entity.name for o in operations if o.kind == "action" and o.entity is not None}
    refusals = find_refusals(statements, matcher, actions)
    _attach_refusals(plan, refusals)
    plan.services = _design_services(plan, operations, domain, statements, matcher)
    plan.errors = _design_errors(plan, domain, statements, refusals)
    plan.auth_summary = _auth_summary(plan, domain, has_accounts, spared)
    _trace(plan, document, statements, matcher)
    plan.open_questions = _open_questions(document)
    plan.checklist = _checklist(plan, document, refusals)
    return plan


# The record an account flow keeps, and the flow: `PasswordReset` is what `POST /auth/password-reset` writes.
_FLOW_RECORDS = (
    ("password-reset", re.compile(r"Password(?:Reset|Recovery)(?:Token|Request|Link|Code)?")),
    ("verify-email", re.compile(r"Email(?:Verification|Confirmation)(?:Token|Request|Link|Code)?")),
    ("refresh", re.compile(r"RefreshToken")),
)


def _without_flow_records(operations: list[Operation]) -> list[Operation]:
    """"request a password reset via email" asks for the reset flow (`POST /auth/password-reset`); when the spec also
    models the reset record (`PasswordReset`), the same words made `POST /password-resets` as well, a second door to
    the same thing. The flow's endpoints serve it: operations on a flow's record go when every statement behind them
    asked for the flow (a statement of their own, "admins list reset requests", keeps its route)."""
    flows = {o.name: {s.label for s in o.sources} for o in operations if o.kind == "auth"}
    if not flows:
        return operations
    kept = []
    for operation in operations:
        entity = operation.entity
        if entity is not None and operation.kind != "auth":
            served = next((labels for flow, pattern in _FLOW_RECORDS
                           if flow in flows and pattern.fullmatch(entity.name)
                           for labels in [flows[flow]]), None)
            if served is not None and {s.label for s in operation.sources} <= served:
                continue
        kept.append(operation)
    return kept


# ----------------------------------------------------------------------------------------- models

def _design_models(domain: DomainModel, operations: list[Operation], statements: list[Statement],
                   plan: Plan, password_accounts: list[Entity] | None = None) -> tuple[list[Model], list[EnumType]]:
    models: list[Model] = []
    enums: dict[str, EnumType] = {}
    labelled: list[str] = []
    stamped: list[str] = []
    recorded: list[str] = []
    filed: list[str] = []
    uploaded = {o.entity.name: o.sources[:1] for o in operations
                if o.kind == "create" and o.upload is not None and o.entity is not None}
    named_people: list[str] = []
    filtered = {(o.entity.name, q.split("=")[-1]) for o in operations if o.kind == "list" and o.entity for q in o.query}
    for entity in domain.entities:
        model = Model(name=entity.name, table=True, description=entity.description,
                      relationships=list(entity.relationships), validators=list(entity.validators),
                      states=entity.states, sources=list(entity.sources))
        own_id = _own_id(entity)
        if entity.link:
            model.fields += _link_fields(entity, domain)
        else:
            # The spec's own name for it (`conversation_id` listed first on Conversation) names the primary key.
            typed = own_id or next((a for a in entity.attributes if a.name == "id"), None)
            model.fields.append(ModelField(own_id.name if own_id else "id", key_type(domain, entity.name), primary_key=True,
                                           description="named as the spec names it" if own_id else "primary key",
                                           sources=list(typed.sources if typed else domain.key_sources)))
        names = {f.name for f in model.fields} | {"id"}
        for relationship in entity.relationships:
            if relationship.kind != "belongs-to":
                continue
            target = domain.entity(relationship.target)
            target_name = target.name if target else relationship.target
            fk = relationship.field or snake_case(target_name) + "_id"
            if fk in names:
                continue
            names.add(fk)
            model.fields.append(ModelField(fk, key_type(domain, target_name), required=relationship.required, indexed=True,
                                           foreign_key=f"{target_name}.{primary_key(domain, target_name)}",
                                           description=relationship.description or f"belongs to {target_name}",
                                           sources=list(relationship.sources)))
            model.indexes.append(Index([fk], reason=f"foreign key to {target_name}"))
        for attribute in entity.attributes:
            if attribute.name in names or attribute.name == "id":
                continue
            names.add(attribute.name)
            indexed = attribute.indexed or attribute.unique or (entity.name, attribute.name) in filtered
            model.fields.append(ModelField(attribute.name, attribute.type, required=attribute.required,
                                           unique=attribute.unique, indexed=indexed, default=attribute.default,
                                           constraints=list(attribute.constraints), description=attribute.description,
                                           sources=list(attribute.sources)))
            if attribute.unique:
                model.indexes.append(Index([attribute.name], unique=True, reason="unique in the spec"))
            elif (entity.name, attribute.name) in filtered:
                model.indexes.append(Index([attribute.name], reason="the spec filters, sorts or searches by it"))
            elif attribute.indexed:
                model.indexes.append(Index([attribute.name], reason="looked up by it"))
            if attribute.enum_values and attribute.type not in enums:
                enums[attribute.type] = EnumType(attribute.type, list(attribute.enum_values), list(attribute.sources))
        if entity.is_actor and not entity.link and not names & _PERSON_NAME_FIELDS and entity.name.isascii():
            # People who sign in are shown to others and greeted by a name; the spec names none: plan a `name`.
            names.add("name")
            model.fields.append(ModelField("name", "str", required=False, description=_ASSUMED_PERSON_NAME,
                                           sources=[SourceRef(s.label, s.range) for s in entity.sources[:1]]))
            named_people.append(entity.name)
        if not entity.link and not entity.is_actor and _needs_label(entity.name, names):
            # A thing people create and pick from lists (a category, a site, a column) is shown by a label, and
            # the spec names none: plan a `name`, as an assumption the plan states.
            names.add("name")
            model.fields.append(ModelField("name", "str", description=_ASSUMED_LABEL,
                                           sources=[SourceRef(s.label, s.range) for s in entity.sources[:1]]))
            labelled.append(entity.name)
        if entity.states is not None:
            states = entity.states
            if states.field not in names:
                names.add(states.field)
                filtered_state = (entity.name, states.field) in filtered
                model.fields.append(ModelField(states.field, states.enum, default=states.initial, indexed=filtered_state,
                                               description="state: " + ", ".join(states.states), sources=list(states.sources)))
                if filtered_state:
                    model.indexes.append(Index([states.field], reason="the spec filters by it"))
            if states.enum not in enums:
                enums[states.enum] = EnumType(states.enum, list(states.states), list(states.sources))
            # `shipped`, `cancelled`, `withdrawn`: a state that records an event gets the moment it happened, so the
            # history the spec's transitions imply can be answered without an audit table.
            initial = states.initial or (states.states[0] if states.states else None)
            for state in states.states:
                stamp = f"{state}_at"
                if state == initial or stamp in names or not _EVENT_STATE.fullmatch(state) or (
                        state.startswith("un") and not _undone(state[2:])):
                    continue  # ("unverified", "unassigned": not yet, no moment; "unpublished" was undone)
                names.add(stamp)
                model.fields.append(ModelField(stamp, "datetime", required=False,
                                               description=f"when it became {state} (lifecycle timestamp)",
                                               sources=list(states.sources)))
                stamped.append(f"{entity.name}.{stamp}")
        if not entity.link and entity.name in uploaded and not any(_FILE_COLUMN.search(name) for name in names):
            # An uploaded thing keeps what serving its file back needs; the spec names none of it.
            for name, type_name, what in _FILE_COLUMNS:
                names.add(name)
                model.fields.append(ModelField(name, type_name, description=f"{what} (assumed for the upload)",
                                               sources=[SourceRef(s.label, s.range) for s in uploaded[entity.name]]))
            filed.append(entity.name)
        if entity.states is None and not entity.link:
            for verb in dict.fromkeys(o.name for o in operations if o.kind == "action" and o.entity is entity):
                record = action_record(verb, names)
                if record is not None and record[1] is not None:
                    names.add(record[1].name)
                    record[1].sources = [SourceRef(s.label, s.range) for o in operations
                                         if o.kind == "action" and o.entity is entity and o.name == verb for s in o.sources[:1]]
                    model.fields.append(record[1])
                    recorded.append(f"{entity.name}.{record[1].name}")
        if not entity.link:
            added = [t for t in _TIMESTAMPS if t not in names
                     and not (t == "updated_at" and any(n.endswith("modified_at") for n in names))]
            for timestamp in added:
                model.fields.append(ModelField(timestamp, "datetime", description="set by the service"))
        models.append(model)
    models += _missing_link_models(domain, models, plan)
    _relationship_attributes(models)
    _sign_in_columns(models, password_accounts or [], operations, plan)
    if stamped:
        plan.assumptions.append("states that record an event get a nullable timestamp of when it happened: "
                                + ", ".join(f"`{name}`" for name in stamped))
    if filed:
        plan.assumptions.append("uploaded things keep their file's name, media type, size and storage key (the spec "
                                "names no file columns): " + ", ".join(f"`{name}`" for name in filed))
    if recorded:
        plan.assumptions.append("actions on things without states keep what they did in a column of their own (a "
                                "nullable timestamp of when it happened, or a flag): "
                                + ", ".join(f"`{name}`" for name in recorded))
    if named_people:
        plan.assumptions.append("the spec names no name for " + ", ".join(f"`{name}`" for name in named_people)
                                + "; each gets a `name` to be shown and greeted by")
    if labelled:
        plan.assumptions.append("the spec gives " + ", ".join(f"`{name}`" for name in labelled) + " no label; each gets a "
                                "`name` to show it by in lists (drop it if they are never shown)")
    grouped: dict[tuple[str, str], list[str]] = {}
    for model in models:
        for model_field in model.fields:
            group = _ASSUMED_FOR.search(model_field.description or "")
            if group:
                grouped.setdefault((model.name, group.group(1)), []).append(model_field.name)
    for (model_name, group), names in grouped.items():
        plan.assumptions.append(f"{model_name}'s '{group}' is not spelled out in the spec; planned as "
                                + ", ".join(f"`{name}`" for name in names) + " (the columns such a group usually holds)")
    if any(not e.link for e in domain.entities):
        named = [e.name for e in domain.entities if not e.link and _own_id(e) is not None]
        plan.assumptions.append("every table gets an integer `id` primary key and `created_at`/`updated_at` timestamps; "
                                "the spec does not name storage keys" + (
                                    f" (except the primary keys it names for {', '.join(named)})" if named else ""))
    return models, list(enums.values())


# What an account may sign in with, in the order one is preferred when it has several.
_SIGN_IN_NAMES = ("email", "email_address", "username", "user_name", "phone", "handle", "login")
_SIGN_IN_IDS = frozenset(_SIGN_IN_NAMES)


def _signing_in(domain: DomainModel, operations: list[Operation]) -> list[Entity]:
    """The entities people sign in to with a password, when the plan has a password sign-in or sign-up: the roles that
    sign up on their own routes (`POST /auth/register/patient`), else the account entity (User, Account, Member),
    else the only kind of person the spec has."""
    flows = [o.name for o in operations if o.kind == "auth"]
    if not any(flow in ("login", "register") or flow.startswith("register/") for flow in flows):
        return []
    people = [e for e in domain.entities if not e.link and e.is_actor]
    roles = {flow.partition("/")[2] for flow in flows if flow.startswith("register/")}
    if roles:
        return [e for e in people if singleton_segment(e) in roles]
    account = account_in({entity_key(e.display_name): e for e in domain.entities if e.display_name.isascii()})
    if account is not None:
        return [account]
    return people if len(people) == 1 else []


def _sign_in_columns(models: list[Model], entities: list[Entity], operations: list[Operation], plan: Plan) -> None:
    """What a password sign-in needs stored on the accounts people sign in to (`entities`): the address it takes
    (`email`, unless the account already has a sign-in name) and the password's hash. A `password` the spec lists is
    that hash: a password is never stored as written."""
    if not entities:
        return
    added: list[str] = []
    made_unique: list[str] = []
    by_name = {model.name: model for model in models}
    for entity in entities:
        model = by_name.get(entity.name)
        if model is None:
            continue
        names = {f.name for f in model.fields}
        origin = [SourceRef(s.label, s.range) for o in operations if o.kind == "auth" and o.name in ("login", "register")
                  for s in o.sources[:1]][:1] or [SourceRef(s.label, s.range) for s in entity.sources[:1]]
        for model_field in list(model.fields):
            if model_field.name == "password" and "password_hash" not in names:
                model_field.name, model_field.type = "password_hash", "str"
                model_field.description = "hash of the password (the password itself is never stored)"
                names.add("password_hash")
            elif model_field.name == "password":
                # ("an incorrect password" in a scenario, beside the hash the definition keeps): never a column
                model.fields.remove(model_field)
                names.discard("password")
        signs_in_with = next((f for n in _SIGN_IN_NAMES for f in model.fields if f.name == n), None)
        if signs_in_with is not None and not signs_in_with.unique:
            # Two accounts with the same sign-in name could not be told apart at sign-in.
            signs_in_with.unique = signs_in_with.indexed = True
            model.indexes = [index for index in model.indexes if index.fields != [signs_in_with.name]]
            model.indexes.append(Index([signs_in_with.name], unique=True, reason="people sign in with it"))
            made_unique.append(f"{model.name}.{signs_in_with.name}")
        if not names & _SIGN_IN_IDS:
            model.fields.insert(1, ModelField("email", "EmailStr", unique=True, indexed=True,
                                              description="signs in with it (assumed: the spec names no sign-in name)",
                                              sources=list(origin)))
            model.indexes.append(Index(["email"], unique=True, reason="people sign in with it"))
            added.append(f"{model.name}.email")
        if "password_hash" not in names:
            at = next((i for i, f in enumerate(model.fields) if f.name == "email"), 0) + 1
            model.fields.insert(at, ModelField("password_hash", "str", description="hash of the password people sign "
                                               "in with (the password itself is never stored)", sources=list(origin)))
            added.append(f"{model.name}.password_hash")
    if added:
        plan.assumptions.append("a password sign-in keeps what it checks on the account: "
                                + ", ".join(f"`{name}`" for name in added))
    if made_unique:
        plan.assumptions.append("people sign in with " + ", ".join(f"`{name}`" for name in made_unique)
                                + ", so it is unique")


def _sign_in_name(plan: Plan, entities: list[Entity]) -> None:
    """An account that has a username or phone and no email signs in with that: the sign-in and sign-up routes take it."""
    models = {model.name: model for model in plan.models}
    names = [{f.name for f in models[e.name].fields} for e in entities if e.name in models]
    if not names or any("email" in found for found in names):
        return
    name = next((n for n in _SIGN_IN_NAMES[2:] if all(n in found for found in names)), None)
    if name is None:
        return
    for route in plan.routes:
        if route.resource == "Auth" and route.service_method.startswith(("AuthService.login", "AuthService.register")):
            # (the route's params and errors are the shared defaults: replaced, never changed in place)
            route.request = [Param(name, "str", p.required, list(p.constraints), p.description) if p.name == "email" else p
                             for p in route.request]
            route.errors = [RouteError(e.status, e.error, e.when.replace("email", name)) for e in route.errors]
            route.response = route.response.replace("email", name)


def _link_fields(entity: Entity, domain: DomainModel) -> list[ModelField]:
    fields = []
    for relationship in entity.relationships:
        if relationship.kind != "belongs-to":
            continue
        target = domain.entity(relationship.target)
        name = target.name if target else relationship.target
        fields.append(ModelField(relationship.field or snake_case(name) + "_id", key_type(domain, name), primary_key=True,
                                 indexed=True, foreign_key=f"{name}.{primary_key(domain, name)}", description="primary key part",
                                 sources=list(relationship.sources)))
    return fields


def _missing_link_models(domain: DomainModel, models: list[Model], plan: Plan) -> list[Model]:
    """A link table for each many-to-many relationship whose link model the domain model does not define."""
    existing = {m.name for m in models}
    added: list[Model] = []
    for entity in domain.entities:
        for relationship in entity.relationships:
            if relationship.kind != "many-to-many":
                continue
            target = domain.entity(relationship.target)
            target_name = target.name if target else relationship.target
            name = relationship.field or "".join(sorted([entity.name, target_name]))
            if name in existing:
                continue
            existing.add(name)
            left, right = sorted([entity.name, target_name])
            fields = [ModelField(snake_case(left) + "_id", key_type(domain, left), primary_key=True, indexed=True,
                                 foreign_key=f"{left}.{primary_key(domain, left)}", description="primary key part"),
                      ModelField(snake_case(right) + "_id", key_type(domain, right), primary_key=True, indexed=True,
                                 foreign_key=f"{right}.{primary_key(domain, right)}", description="primary key part")]
            if fields[0].name == fields[1].name:
                fields[1].name = "related_" + fields[1].name
            added.append(Model(name=name, table=True, description=f"link table: {left} ↔ {right} (many-to-many)",
                               fields=fields, sources=list(relationship.sources)))
            plan.assumptions.append(f"{name} is a link table for the many-to-many relationship between {left} and {right}")
    return added


# ----------------------------------------------------------------------------------------- routes

def _design_routes(operations: list[Operation], settings: Settings, has_accounts: bool, plan: Plan,
                   document: SpecDocument) -> list[Route]:
    prefix = "/" + settings.plan.api_prefix.strip("/") if settings.plan.api_prefix.strip("/") else ""
    explicit = find_explicit_routes(document)
    spec_prefix = written_prefix(explicit)
    if spec_prefix and spec_prefix != prefix and settings.plan.api_prefix == _DEFAULT_PREFIX:
        # The spec writes `/api/v1/...` for its own routes: the derived ones use the same prefix, not the default.
        prefix = spec_prefix
        plan.assumptions.append(f"routes use the prefix `{spec_prefix}` that every route the spec writes starts with")
    routes: dict[tuple[str, str], Route] = {}
    models = {m.name: m for m in plan.models}
    bases = written_bases(document, [o.entity for o in operations if o.entity is not None])
    for name, base in sorted(bases.items()):
        plan.assumptions.append(f"{name} routes live under `{base}`, the path the spec writes for them")
    keys = key_types(plan.models)
    wording: dict[str, str] | None = None
    for operation in operations:
        route = _route_for(operation, prefix, has_accounts, models, bases, settings.plan.update_method, keys)
        if route is None:
            continue
        flow, _, role = operation.name.partition("/")
        flow = "login" if flow == "provider-login" else flow  # (`GET /auth/signin` to the provider, beside the POST)
        if route.resource == "Auth" and flow in _SPEC_AUTH_WORDS:
            wording = auth_wording(document.text) if wording is None else wording
            if flow in wording:
                # "Users sign up with email and password": the spec's own word names the route (`/auth/signup`)
                route.path = f"{prefix}/auth/{wording[flow]}" + (f"/{role}" if role else "")
        key = (route.method, route.path)
        if key in routes:
            existing = routes[key]
            for source in route.sources:
                if all(s.label != source.label for s in existing.sources):
                    existing.sources.append(source)
            continue
        routes[key] = route
        if operation.inferred:
            plan.assumptions.append(f"{route.method} {route.path}: {operation.inferred} (no statement asks for it directly)")
    segments: dict[str, list[Entity]] = {}
    for entity in plan.domain.entities:
        if not entity.link:
            segments.setdefault(collection_segment(entity), []).append(entity)

    def derive(entry: ExplicitRoute) -> Route | None:
        """The route the spec writes as the operation it is on a modelled thing, when its path says which one
        (`POST /api/v1/tasks` creates a Task): the same contract, errors and service method as a derived route."""
        operation = _written_operation(entry, segments)
        route = _route_for(operation, prefix, has_accounts, models, None, settings.plan.update_method, keys) \
            if operation is not None else None
        if route is not None:
            route.method, route.path, route.sources = entry.method, entry.path, [entry.source]
        return route

    merged = _merge_explicit(list(routes.values()), explicit, has_accounts, derive)
    update_me = next((r for r in merged if r.service_method == "AuthService.update_current_account"), None)
    if update_me is not None and any(r.method in ("PUT", "PATCH") and r.resource == update_me.response and r is not update_me
                                     and not r.auth.startswith("role:") for r in merged):
        # The plan already changes an account by id (`PUT /users/{user_id}`) and its holder may call it: that one
        # serves. Not when only a role may (an admin managing accounts): people still change their own profile.
        merged.remove(update_me)
    return merged


_AUTH_SYNONYMS = {"login": "login", "signin": "login", "sign-in": "login", "register": "register", "signup": "register",
                  "sign-up": "register", "logout": "logout", "signout": "logout", "sign-out": "logout", "me": "me",
                  "refresh": "refresh"}


# What a written method does on a collection path (`/tasks`) and on an item path (`/tasks/{id}`).
_WRITTEN_KINDS = {("POST", False): "create", ("GET", False): "list", ("GET", True): "detail", ("PUT", True): "update",
                  ("PATCH", True): "update", ("DELETE", True): "delete"}


def _written_operation(entry: ExplicitRoute, segments: dict[str, list[Entity]]) -> Operation | None:
    """The operation a written route is on one modelled thing: its path is the thing's collection (`/tasks`), or one
    of them (`/tasks/{id}`), after a version, prefix or scope of parameters only (`/api/{user_id}/tasks`)."""
    parts = [part for part in comparable_path(entry.path).split("/") if part]
    while parts and parts[0] == "{}":
        parts = parts[1:]
    if not parts or parts[0] == "{}" or len(parts) > 2 or (len(parts) == 2 and parts[1] != "{}"):
        return None
    kind = _WRITTEN_KINDS.get((entry.method, len(parts) == 2))
    entities = segments.get(parts[0].replace("_", "-").casefold(), [])
    if kind is None or len(entities) != 1:
        return None
    if len(parts) == 2:
        # The item's parameter names its id (`{id}`, `{task_id}`, `{taskId}`, `:id`), not a value the list is cut
        # by (`/quotes/{speaker}` reads a speaker's quotes).
        parameter = last_parameter(entry.path).casefold().replace("_", "").replace("-", "")
        name = entities[0].name.casefold()
        if parameter not in ("id", "uuid", name + "id", split_name(entities[0].name)[-1].casefold() + "id"):
            return None
    return Operation(kind, entities[0], sources=[entry.source], primary=True, partial=entry.method == "PATCH")


def _merge_explicit(routes: list[Route], explicit: list[ExplicitRoute], has_accounts: bool,
                    derive=None) -> list[Route]:
    """The spec's own `METHOD /path` lines win: a derived route for the same path takes the written path (and yields
    entirely when the spec updates with the other of PUT/PATCH); a written route nothing derived is the operation
    its path names on a modelled thing (`derive`), or else added as written."""
    if not explicit:
        return routes
    written = {(e.method, comparable_path(e.path)): e for e in explicit}
    if any("health" in e.path.casefold() for e in explicit):
        routes = [r for r in routes if r.resource != "Health"]  # the spec names its own probes
    kept: list[Route] = []
    for route in routes:
        key = (route.method, comparable_path(route.path))
        match = written.pop(key, None)
        if match is None and route.resource == "Auth":
            # `POST /login`, `POST /api/v1/auth/signup`: the spec's own path for the same account flow.
            flow = _AUTH_SYNONYMS.get(route.path.rstrip("/").rsplit("/", 1)[-1])
            same = next((k for k, e in written.items() if e.method == route.method and flow is not None
                         and _AUTH_SYNONYMS.get(k[1].rstrip("/").rsplit("/", 1)[-1]) == flow), None)
            match = written.pop(same) if same is not None else None
        if match is None:
            # `GET /api/{user_id}/tasks` written for the derived `GET /api/tasks`: the spec's scope before it.
            scoped = next((k for k in written if k[0] == route.method and under_scope(k[1], key[1])), None)
            match = written.pop(scoped) if scoped is not None else None
        if match is None and route.method == "GET" and not key[1].endswith("}") \
                and ("GET", key[1] + "/search") in written:
            # `GET /api/employees/search` written for the derived list: the spec's path for the same read (the
            # list's filters and pages are its parameters)
            match = written.pop(("GET", key[1] + "/search"))
        if match is None and route.method == "POST" and not key[1].endswith("}") and key[1].count("/") >= 3:
            # `PATCH /api/{user_id}/tasks/{id}/complete` written for the derived action `POST .../complete`: the
            # spec's method and path for the same move.
            moved = next((k for k in written if k[0] in ("PATCH", "PUT")
                          and (k[1] == key[1] or under_scope(k[1], key[1]))), None)
            match = written.pop(moved) if moved is not None else None
            if match is not None:
                route.method = match.method
        if match is not None:
            route.path = match.path
            route.sources.insert(0, match.source)
        elif route.method in ("PUT", "PATCH") and any(e.method in ("PUT", "PATCH") and comparable_path(e.path) == key[1]
                                                      for e in explicit):
            continue  # the spec updates this path with the other method
        kept.append(route)
    for entry in written.values():
        derived = derive(entry) if derive is not None else None
        if derived is not None:
            kept.append(derived)
            continue
        segments = [part for part in comparable_path(entry.path).split("/") if part and part != "{}"]
        resource = inflection.camelize(singular(segments[0].replace("-", "_"))) if segments else "Api"
        health = "health" in entry.path.casefold()
        action = "_".join(part.replace("-", "_") for part in segments[1:]) or (singular(segments[0]) if segments else "root")
        kept.append(Route(entry.method, entry.path, f"as written in the spec ({entry.source.label})",
                          "public" if health or not has_accounts else "authenticated", "Health" if health else resource,
                          response_status=204 if entry.method == "DELETE" else 200,
                          errors=[] if health else [RouteError(400, "ValidationError", "invalid request")],
                          service_method=f"{'Health' if health else resource}Service.{entry.method.lower()}_{action.replace('.', '_')}",
                          sources=[entry.source]))
    return kept



def primary_key(domain: DomainModel, name: str) -> str:
    """The primary key column of a model: `id`, or the spec's own name for it (`conversation_id`)."""
    entity = domain.entity(name)
    own = _own_id(entity) if entity is not None else None
    return own.name if own is not None else "id"


def key_type(domain: DomainModel, name: str) -> str:
    """The type of a model's primary key (and of every key to it): what the spec types the entity's own key as
    (`id (UUID)`, `id String @id @default(uuid())`, `patient_id VARCHAR(12)`), else the spec-wide key type (`UUID`
    when it says all its keys are UUIDs), else `int`."""
    entity = domain.entity(name)
    if entity is not None and not entity.link:
        own = _own_id(entity) or next((a for a in entity.attributes if a.name == "id"), None)
        if own is not None and own.type in ("UUID", "str"):
            return own.type
    return domain.key_type


def _own_id(entity: Entity) -> Attribute | None:
    """`Conversation: conversation_id, user_id, start_time`: a first listed column named for the entity itself is its
    primary key, not a second identifier (unless the spec gives it a format or values of its own)."""
    if entity.link or not entity.attributes:
        return None
    first = entity.attributes[0]
    own = {snake_case(entity.name) + "_id", split_name(entity.name)[-1].casefold() + "_id"}
    if first.name in own and first.type in ("int", "UUID", "str") and not first.constraints and not first.enum_values \
            and not any(r.kind == "belongs-to" and r.field == first.name for r in entity.relationships):
        return first
    return None


_PROBE_NAMES = {"live": "liveness", "ready": "readiness"}
_DEFAULT_PREFIX = PlanSettings.model_fields["api_prefix"].default


def _unique_columns(entity: Entity) -> list[Attribute]:
    """The unique columns people send, whose clash is a 409: not the primary key (`id`, or the spec's name for it),
    which the database gives out."""
    own = _own_id(entity)
    return [a for a in entity.attributes if a.unique and a.name != "id" and a is not own]


def _actor_columns(entity: Entity) -> list[str]:
    """The columns that record who acted (`created_by`, `updated_by_id`), as attributes or keys to the account."""
    names = [a.name for a in entity.attributes if _ACTOR_COLUMN.fullmatch(a.name)]
    names += [r.field for r in entity.relationships if r.kind == "belongs-to" and r.field and _ACTOR_COLUMN.fullmatch(r.field)
              and r.field not in names]
    return names


def _auth_of(operation: Operation, has_accounts: bool) -> str:
    if operation.public or not has_accounts:
        return "public"
    if operation.owner and operation.kind not in ("create", "list"):
        return "owner"  # "their own order", "only the event's organizer": narrower than the role
    if operation.roles:
        return "role:" + ",".join(sorted(operation.roles))
    if operation.owner and not (operation.kind == "create" and operation.parent is None):
        return "owner"  # (a new top-level record has no owner to check yet: its creator becomes it)
    return "authenticated"


def _body(entity: Entity, partial: bool, parent: Entity | None = None,
          keys: dict[str, str] | None = None) -> list[Param]:
    params = []
    own = _own_id(entity)
    for attribute in entity.attributes:
        if attribute.name in ("id", *_TIMESTAMPS) or (entity.states and attribute.name == entity.states.field) \
                or _ACTOR_COLUMN.fullmatch(attribute.name) or attribute is own:
            continue  # (`created_by`: the server takes who acts from the session, never from the body)
        params.append(Param(attribute.name, attribute.type, required=attribute.required and not partial,
                            constraints=list(attribute.constraints), description=attribute.description))
    in_path = {parent.name.casefold(), parent.display_name.casefold()} if parent is not None else set()
    for relationship in entity.relationships:
        if relationship.kind == "belongs-to" and not relationship.ownership and relationship.target.casefold() not in in_path \
                and not _ACTOR_COLUMN.fullmatch(relationship.field):
            params.append(Param(relationship.field or snake_case(relationship.target) + "_id",
                                (keys or {}).get(snake_case(relationship.target) + "_id", "int"),
                                required=relationship.required and not partial))
    return params


def _route_for(operation: Operation, prefix: str, has_accounts: bool, models: dict[str, Model],
               bases: dict[str, str] | None = None, update_method: str = "PUT",
               keys: dict[str, str] | None = None) -> Route | None:
    entity = operation.entity
    keys = key_types(list(models.values())) if keys is None else keys
    auth = _auth_of(operation, has_accounts)
    if operation.kind == "auth" and operation.name == "update-me":
        return _update_me_route(operation, prefix, models)
    if operation.kind == "auth":
        return _auth_route(operation, prefix)
    if operation.kind == "report":
        query = []
        for name in operation.query:
            if name.startswith("period="):
                query.append(Param("period", "str", required=False, description=name.split("=", 1)[1].replace("|", ", ")))
            elif name in ("from", "to"):
                query.append(Param(name, "date", required=False, description=f"{'start' if name == 'from' else 'end'} of the range"))
            else:
                query.append(Param(name, "str", required=False, description=f"filter by {name.replace('_', ' ')}"))
        subject = operation.name.replace("-", " ")
        return Route("GET", f"{prefix}/reports/{operation.name}", f"the {subject} report", auth, "Report", query=query,
                     response="{ summary, rows }",
                     errors=[RouteError(400, "ValidationError", "invalid period or filter"),
                             *([] if auth == "public" else [RouteError(401, "NotAuthenticatedError", "no valid session")])],
                     service_method=f"ReportService.{operation.name.replace('-', '_')}_report",
                     sources=list(operation.sources))
    if operation.kind == "webhook":
        source = operation.name or "{source}"
        sender = inflection.camelize(operation.name) if operation.name else "the sender"
        return Route("POST", f"{prefix}/webhooks/{source}", f"receive {sender}'s webhook events", "public", "Webhooks",
                     request=[Param("payload", "json", description="the event as the sender posts it, with its "
                                                                     "signature header")],
                     response="{ received: true }",
                     errors=[RouteError(400, "ValidationError", "a payload that cannot be read"),
                             RouteError(401, "InvalidSignatureError", "the signature does not verify")],
                     service_method=f"WebhookService.receive_{operation.name or 'event'}",
                     sources=list(operation.sources))
    if operation.kind == "health":
        path = f"{prefix}/health" + (f"/{operation.name}" if operation.name else "")
        return Route("GET", path, "service health" + (f" ({_PROBE_NAMES.get(operation.name, operation.name)} probe)" if operation.name else ""),
                     "public", "Health", response="{ status }", service_method="HealthService.check",
                     sources=list(operation.sources))
    if entity is None:
        return None
    parent = operation.parent
    bases = bases or {}
    if parent is not None:
        base = f"{prefix}{bases.get(parent.name, '/' + collection_segment(parent))}/{{{id_param(parent)}}}"
        collection = f"{base}/{operation.segment or collection_segment(entity, parent)}"
    else:
        collection = f"{prefix}{bases.get(entity.name, '/' + collection_segment(entity))}"
    item = f"{collection}/{{{id_param(entity)}}}"
    if operation.singleton:
        under = f"{prefix}{bases.get(parent.name, '/' + collection_segment(parent))}/{{{id_param(parent)}}}" \
            if parent is not None else prefix
        collection = item = f"{under}/{singleton_segment(entity, parent)}"
    snake = snake_case(entity.name)
    service = f"{entity.name}Service"
    not_found = RouteError(404, f"{entity.name}NotFoundError", f"no such {entity.display_name}")
    parent_not_found = [RouteError(404, f"{parent.name}NotFoundError", f"no such {parent.display_name}")] if parent else []
    auth_errors = [] if auth == "public" else [RouteError(401, "NotAuthenticatedError", "no valid session")]
    if auth.startswith("role:") or auth == "owner":
        auth_errors.append(RouteError(403, "ForbiddenError" if auth != "owner" else f"Not{entity.name}OwnerError",
                                      "not allowed to do this"))
    sources = list(operation.sources)
    resource = entity.name
    if operation.kind == "create":
        errors = [RouteError(400, "ValidationError", "a field is missing or out of range"), *auth_errors, *parent_not_found]
        errors += [RouteError(409, f"{entity.name}{inflection.camelize(a.name)}TakenError", f"{a.name} already used")
                   for a in _unique_columns(entity)]
        role = singular(operation.segment).replace("-", "_") if operation.segment and parent is not None else ""
        body = _body(entity, partial=False, parent=parent, keys=keys)
        purpose = f"create {_a(entity.display_name)}" + (f" with the {role} role" if role else "")
        if operation.upload is not None:
            # "accept financial report uploads in PDF and HTML up to 50MB": a form carrying the file, refused when
            # it is too large or of another format the spec names.
            limits = operation.upload
            # What the file itself tells (its name, type, size), the moment it arrives and the status its processing
            # sets are not asked for.
            body = [Param("file", "file", constraints=[limits] if limits else [], description="the uploaded file"),
                    *(param for param in body if not _FROM_THE_FILE.fullmatch(param.name))]
            purpose = f"upload {_a(entity.display_name)}"
            if "at most" in limits:
                errors.append(RouteError(413, "FileTooLargeError", f"the file is larger than {limits.split('at most ')[1]}"))
            if limits and not limits.startswith("at most"):
                errors.append(RouteError(415, "UnsupportedFileTypeError", f"not one of {limits.split(';')[0]}"))
        return Route("POST", collection, purpose, auth, resource, request=body, response_status=201,
                     response=entity.name, errors=errors,
                     service_method=f"{service}.{'upload' if operation.upload is not None else 'create'}_{role or snake}",
                     sources=sources)
    if operation.kind == "list":
        query = [Param(q.split("=")[-1] if not q.startswith("sort=") else "sort", "str", required=False,
                       description=("sort by " + q.split("=")[1]) if q.startswith("sort=") else
                       ("full-text search" if q == "q" else f"filter by {q}")) for q in operation.query]
        query += [Param("page", "int", required=False, constraints=[">= 1"], description="default 1"),
                  Param("page_size", "int", required=False, constraints=["1..100"], description="default 20")]
        errors = [RouteError(400, "ValidationError", "invalid filter or page"), *auth_errors, *parent_not_found]
        listed = operation.segment.replace("-", " ") if operation.segment and parent is not None else plural(entity.display_name)
        return Route("GET", collection, f"list {listed}" + (f" of {_a(parent.display_name)}" if parent else ""),
                     auth, resource, query=query, response=f"Page[{entity.name}]", errors=errors,
                     service_method=f"{service}.list_{listed.replace(' ', '_') if operation.segment else plural(snake)}",
                     sources=sources)
    if operation.kind == "detail":
        return Route("GET", item, f"read one {entity.display_name}", auth, resource, response=entity.name,
                     errors=[*auth_errors, not_found], service_method=f"{service}.get_{snake}", sources=sources)
    if operation.kind == "update":
        errors = [RouteError(400, "ValidationError", "a field is out of range"), *auth_errors, not_found]
        errors += [RouteError(409, f"{entity.name}{inflection.camelize(a.name)}TakenError", f"{a.name} already used")
                   for a in _unique_columns(entity)]
        # The configured method (PUT by default: what API authors mostly write), PATCH when the spec calls it partial.
        method = "PATCH" if operation.partial else update_method
        return Route(method, item, f"change {_a(entity.display_name)}", auth, resource,
                     request=_body(entity, partial=True, parent=parent, keys=keys), response=entity.name, errors=errors,
                     service_method=f"{service}.update_{snake}", sources=sources)
    if operation.kind in ("attach", "detach") and parent is not None:
        link_model = next((r.field for r in parent.relationships if r.kind == "many-to-many" and r.target == entity.name),
                          "") or next((r.field for r in entity.relationships
                                       if r.kind == "many-to-many" and r.target == parent.name), "")
        payload: list[Param] = []
        held = models.get(operation.record) if not link_model and operation.record else None
        if held is not None:
            # "add exercises to workout plans" with a `PlannedExercise` that references both: a row of it, with its
            # own columns (sets, reps) in the request
            link_model = held.name
            payload = [Param(f.name, f.type, required=f.required and f.default is None, constraints=list(f.constraints),
                             description=f.description)
                       for f in held.fields if not (f.primary_key or f.foreign_key or f.relationship
                                                    or f.name in ("created_at", "updated_at")
                                                    or "(assumed" in f.description)]
        service = f"{parent.name}Service"
        where = f" ({link_model} row)" if link_model else ""
        if operation.kind == "attach":
            errors = [RouteError(400, "ValidationError", f"no {snake}_id given"), *auth_errors, *parent_not_found,
                      not_found, RouteError(409, f"{entity.name}AlreadyAddedError",
                                            f"the {entity.display_name} is already on this {parent.display_name}")]
            return Route("POST", collection, f"add {_a(entity.display_name)} to {_a(parent.display_name)}{where}", auth,
                         parent.name, request=[Param(f"{snake}_id", keys.get(f"{snake}_id", "int"),
                                                     description=f"the {entity.display_name} to add"), *payload],
                         response_status=201, response=entity.name, errors=errors,
                         service_method=f"{service}.add_{snake}", sources=sources, link=entity.name)
        return Route("DELETE", item, f"remove {_a(entity.display_name)} from {_a(parent.display_name)}{where}", auth,
                     parent.name, response_status=204, response="no content",
                     errors=[*auth_errors, *parent_not_found,
                             RouteError(404, f"{entity.name}NotFoundError",
                                        f"no such {entity.display_name} on this {parent.display_name}")],
                     service_method=f"{service}.remove_{snake}", sources=sources, link=entity.name)
    if operation.kind == "delete":
        return Route("DELETE", item, f"delete {_a(entity.display_name)}", auth, resource, response_status=204,
                     response="no content", errors=[*auth_errors, not_found],
                     service_method=f"{service}.delete_{snake}", sources=sources)
    if operation.kind == "collection":
        method = COLLECTION_ACTIONS.get(operation.name, "POST")
        purpose = {"reorder": f"change the order of {plural(entity.display_name)}",
                   "import": f"import {plural(entity.display_name)} from a file or URL",
                   "export": f"export {plural(entity.display_name)} as a file",
                   "trash": f"list trashed (soft-deleted) {plural(entity.display_name)}"}.get(operation.name, operation.name)
        return Route(method, f"{collection}/{operation.name}", purpose, auth, resource,
                     request=[Param("ids", "list[int]", description="the new order")] if operation.name == "reorder" else
                     [Param("source", "str", description="file upload or URL")] if operation.name == "import" else [],
                     query=[Param("format", "str", required=False, description="csv or json")] if operation.name == "export" else [],
                     response=f"list[{entity.name}]" if operation.name != "export" else "file",
                     errors=([] if operation.name == "trash" else [RouteError(400, "ValidationError", "unreadable input")])
                     + [*auth_errors, *parent_not_found],
                     service_method=f"{service}.{operation.name}_{plural(snake)}" if operation.name != "trash"
                     else f"{service}.list_trashed_{plural(snake)}", sources=sources)
    if operation.kind == "compute":
        return Route("POST", f"{prefix}/{operation.name}-{collection_segment(entity)}",
                     f"{operation.name} {plural(entity.display_name)} for the given content", auth, resource,
                     request=[Param("content", "str", description="the text to work from")],
                     response=f"list[{entity.name}]", errors=[RouteError(400, "ValidationError", "no content"), *auth_errors],
                     service_method=f"{service}.{operation.name}_{plural(snake)}", sources=sources)
    if operation.kind == "action":
        verb = operation.name.replace(" ", "-")
        errors = [*auth_errors, not_found]
        # Only a move of its state machine can be refused for the state it is in ("assign" a task is no move).
        moves = entity.states is not None and is_transition(entity, operation.name)
        if moves:
            errors.append(RouteError(409, f"Invalid{entity.name}StateError", f"the {entity.display_name} cannot {operation.name} now"))
        # Giving it to someone names whom in the body.
        whom = [Param("assignee_id", keys.get("assignee_id") or keys.get("user_id", "int"),
                      description="the person it is assigned to")] \
            if operation.name == "assign" and not moves else []
        if whom:
            errors.append(RouteError(400, "ValidationError", "no such assignee"))
        if operation.name == "reschedule":
            # Moving it to another time names the new time (its time columns, or the slot it takes), not a general
            # edit: the old time is given up and the new one checked, in one step.
            whom = _new_time(entity, keys)
            errors.append(RouteError(400, "ValidationError", "no new time, or one in the past"))
        if parent is not None and operation.parent_owned and not operation.singleton:
            # Shallow: a move of one nested item is done at its own path (`POST /invitations/{invitation_id}/accept`,
            # not under the community): its id alone names it, and whoever acts on it (the invitee) may not know
            # the parent. What the API authors write: every action on a nested item in the reference contracts.
            item = f"{prefix}{bases.get(entity.name, '/' + collection_segment(entity))}/{{{id_param(entity)}}}"
        # (a toggled flag flips either way: a partial update at the action's path, not a one-way move)
        return Route("PATCH" if operation.partial else "POST", f"{item}/{verb}",
                     f"{operation.name} {_a(entity.display_name)}" + (" (state transition)" if moves else "") +
                     (" (toggles)" if operation.partial else ""), auth, resource, request=whom,
                     response=entity.name, errors=errors,
                     service_method=f"{service}.{verb.replace('-', '_')}_{snake}", sources=sources)
    return None


_TIME_COLUMN_SKIP = frozenset({*_TIMESTAMPS, "deleted_at"})  # a record's own bookkeeping, not when it takes place


def _new_time(entity: Entity, keys: dict[str, str]) -> list[Param]:
    """What rescheduling a thing takes: the slot it holds (a key to a `...Slot`), else its own date and time columns
    (`start_time`, `scheduled_at`, `date`), else a new start time."""
    slots = [Param(r.field, keys.get(r.field, "int"), description=f"the new {r.target}")
             for r in entity.relationships if r.kind == "belongs-to" and r.target.endswith("Slot")]
    if slots:
        return slots
    states = set(entity.states.states) if entity.states is not None else set()
    times = [Param(a.name, a.type, description=f"the new {a.name.replace('_', ' ')}") for a in entity.attributes
             if a.type in ("date", "datetime") and a.name not in _TIME_COLUMN_SKIP
             and a.name.removesuffix("_at") not in states]
    return times or [Param("starts_at", "datetime", description="the new start time")]


_AUTH_ROUTES = {
    "register": ("POST", "register", "create an account", 201, "{ id, email }", [Param("email", "EmailStr"), Param("password", "str", constraints=["strong"])],
                 [RouteError(400, "ValidationError", "invalid email or weak password"), RouteError(409, "AccountExistsError", "the email is already registered")]),
    "login": ("POST", "login", "start a session", 200, "{ access_token, refresh_token?, expires_in }", [Param("email", "str"), Param("password", "str")],
              [RouteError(400, "ValidationError"), RouteError(401, "InvalidCredentialsError", "wrong email or password")]),
    "logout": ("POST", "logout", "end the session", 204, "no content", [], [RouteError(401, "NotAuthenticatedError")]),
    "refresh": ("POST", "refresh", "exchange a refresh token for a new access token", 200, "{ access_token, expires_in }", [Param("refresh_token", "str")],
                [RouteError(401, "InvalidTokenError", "expired or revoked refresh token")]),
    "me": ("GET", "me", "the signed-in account", 200, "User", [], [RouteError(401, "NotAuthenticatedError")]),
    "password-reset": ("POST", "password-reset", "send a password reset link", 202, "no content", [Param("email", "EmailStr")],
                       [RouteError(400, "ValidationError")]),
    "password-reset-confirm": ("POST", "password-reset/confirm", "set a new password with the emailed reset token", 204, "no content",
                               [Param("token", "str"), Param("new_password", "str")],
                               [RouteError(400, "ValidationError", "weak password"), RouteError(400, "InvalidTokenError", "expired or used reset token")]),
    "change-password": ("POST", "change-password", "change the password", 204, "no content", [Param("current_password", "str"), Param("new_password", "str")],
                        [RouteError(400, "ValidationError"), RouteError(401, "InvalidCredentialsError")]),
    "verify-email": ("POST", "verify-email", "confirm an email address with the emailed token", 204, "no content", [Param("token", "str")],
                     [RouteError(400, "InvalidTokenError")]),
    # Sign-in through an identity provider (OAuth, SSO): a redirect there, and the callback it redirects back to.
    "provider-login": ("GET", "login", "send the browser to the identity provider's sign-in page", 302, "",
                       [Param("return_to", "str", required=False, description="where to go once signed in")],
                       [RouteError(400, "ValidationError", "unknown provider")]),
    "provider-callback": ("GET", "callback", "finish signing in: check the state, exchange the provider's code, make the "
                          "account at the first sign-in, start a session", 200, "{ access_token, expires_in }",
                          [Param("code", "str"), Param("state", "str")],
                          [RouteError(400, "InvalidSignInStateError", "missing code or a state that does not match"),
                           RouteError(502, "IdentityProviderError", "the identity provider did not answer")]),
}


# The account flows a spec may word two ways: the other word, and the spec's word (first) against ours (second).
_SPEC_AUTH_WORDS = {
    "register": ("signup", re.compile(r"\bsign[- ]?ups?\b", re.I), re.compile(r"\bregist(?:er|ration)\b", re.I)),
    "login": ("signin", re.compile(r"\bsign[- ]?ins?\b", re.I), re.compile(r"\blog[- ]?ins?\b", re.I)),
    "logout": ("signout", re.compile(r"\bsign[- ]?outs?\b", re.I), re.compile(r"\blog[- ]?outs?\b", re.I)),
}


def auth_wording(text: str) -> dict[str, str]:
    """The account flows the spec words its own way more often than ours: `{"register": "signup"}` when it says "sign
    up" more often than "register" or "registration" (and "sign in" / "sign out" over "log in" / "log out")."""
    return {flow: word for flow, (word, theirs, ours) in _SPEC_AUTH_WORDS.items()
            if len(theirs.findall(text)) > len(ours.findall(text))}


def _auth_route(operation: Operation, prefix: str) -> Route | None:
    flow, _, role = operation.name.partition("/")
    spec = _AUTH_ROUTES.get(flow)
    if spec is None:
        return None
    method, segment, purpose, status, response, body, errors = spec
    if role:  # a role with its own sign-up: `POST /auth/register/patient`
        segment, purpose = f"{segment}/{role}", f"{purpose} as {_a(role.replace('-', ' '))}"
    if role == "{provider}":  # one redirect and callback per provider: `GET /auth/login/{provider}`
        purpose = purpose.replace("the identity provider", "the chosen identity provider")
    auth = "public" if operation.public else "authenticated"
    method_name = {"password-reset": "request_password_reset", "password-reset-confirm": "reset_password",
                   "me": "current_account", "provider-login": "redirect_to_provider",
                   "provider-callback": "finish_provider_sign_in"}.get(
        flow, operation.name.replace("-", "_").replace("/", "_"))
    # A GET takes its inputs from the query string.
    request, query = (list(body), []) if method != "GET" else ([], list(body))
    return Route(method, f"{prefix}/auth/{segment}", purpose, auth, "Auth", request=request, query=query,
                 response_status=status, response=response, errors=list(errors),
                 service_method=f"AuthService.{method_name}", sources=list(operation.sources))


# Columns a person does not change by editing their profile: keys, sign-in names and credentials (their own flows),
# and what grants access (`role`, `status`, `is_verified`: set by the system or an administrator).
_NOT_SELF_EDITED = frozenset({"id", "created_at", "updated_at", "password", "password_hash", "role", "roles", "status",
                              *_SIGN_IN_NAMES})


def _update_me_route(operation: Operation, prefix: str, models: dict[str, Model]) -> Route:
    """`PATCH /auth/me`: the signed-in person changes their own account's profile. The body is the account's columns
    they may change, all optional; what signs in (sign-in name, password) changes through its own flows."""
    account = next((models[name] for name in ("User", "Account", "Member", "UserAccount") if name in models), None)
    request = [Param(field.name, field.type, required=False, constraints=list(field.constraints),
                     description=field.description)
               for field in (account.fields if account is not None else ())
               if field.name not in _NOT_SELF_EDITED and not field.name.startswith("is_") and not field.relationship
               and not field.primary_key and not field.foreign_key and not field.name.endswith("_id")
               and not (account.states is not None and field.name == account.states.field)]
    return Route("PATCH", f"{prefix}/auth/me", "update the signed-in account's own profile", "authenticated", "Auth",
                 request=request, response=account.name if account is not None else "User",
                 errors=[RouteError(400, "ValidationError", "a field is out of range"),
                         RouteError(401, "NotAuthenticatedError", "no valid session")],
                 service_method="AuthService.update_current_account", sources=list(operation.sources))


# ----------------------------------------------------------------------------------------- integrations

_INTEGRATIONS = (
    ("Mailer", "send emails", 502, r"\be-?mail(?:s|ed|ing)?\b"),
    ("PaymentGateway", "take payments and refunds", 502, r"\b(payments?|pay|pays|paid|refunds?|refunded|checkout|stripe|paypal|charge[sd]?|billing)\b"),
    ("SmsGateway", "send text messages", 502, r"\b(sms|text messages?)\b"),
    ("PushNotifier", "push notifications to devices", 502, r"\bpush notifications?\b"),
    ("Notifier", "notify people", 502, r"\bnotif(?:y|ies|ied|ication|ications)\b"),
    ("FileStorage", "store uploaded files", 503, r"\b(upload(?:s|ed|ing)?|attachments?|files? storage|images?|photos?|avatars?)\b"),
    ("PayrollSystem", "exchange payroll data", 502, r"\bpayroll\b"),
    ("CalendarService", "sync calendar entries", 502, r"\b(google calendar|outlook|ical|calendar (?:sync|integration|invite))\b"),
    ("IdentityProvider", "federated sign-in", 502, r"\b(oauth|sso|single sign-on|openid|saml|social login)\b"),
    ("Geocoder", "geocode addresses and maps", 502, r"\b(geocod\w*|google maps|map provider|gps)\b"),
    ("WebFetcher", "fetch and parse external web pages", 502, r"\b(fetch\w* (?:and \w+ )?(?:content )?from (?:web|external)|web pages?|scrap\w*)\b"),
)


_INTEGRATIONS = tuple((name, purpose, status, re.compile(pattern, re.I)) for name, purpose, status, pattern in _INTEGRATIONS)
# Cheap substring gates: a pattern runs only on statements containing one of its words (the regexes start with
# alternations, which Python's `re` cannot skip ahead for).
_INTEGRATION_HINTS = {"Mailer": ("mail",), "PaymentGateway": ("pay", "refund", "checkout", "stripe", "charge", "billing"),
                      "SmsGateway": ("sms", "text message"), "PushNotifier": ("push",), "Notifier": ("notif",),
                      "FileStorage": ("upload", "attachment", "storage", "image", "photo", "avatar"),
                      "PayrollSystem": ("payroll",), "CalendarService": ("calendar", "outlook", "ical"),
                      "IdentityProvider": ("oauth", "sso", "sign-on", "openid", "saml", "social login"),
                      "Geocoder": ("geocod", "maps", "map provider", "gps"), "WebFetcher": ("fetch", "web page", "scrap")}

_ANY_INTEGRATION_HINT = tuple(hint for hints in _INTEGRATION_HINTS.values() for hint in hints)
_HINT_OWNER = {hint: name for name, hints in _INTEGRATION_HINTS.items() for hint in hints}


def _find_integrations(statements: list[Statement]) -> list[Integration]:
    found: dict[str, Integration] = {}
    # The hint words the whole spec contains (one scan of all its text each), then only those per statement.
    everything = "\n".join(statement.lowered for statement in statements)
    hints = [hint for hint in _ANY_INTEGRATION_HINT if hint in everything]
    if not hints:
        return []
    for statement in statements:
        if statement.kind == "edge-case":
            continue
        lowered = statement.lowered
        hinted = {_HINT_OWNER[hint] for hint in hints if hint in lowered}
        if not hinted:
            continue
        for name, purpose, status, pattern in _INTEGRATIONS:
            if name in hinted and pattern.search(statement.text):
                integration = found.setdefault(name, Integration(name, purpose, status))
                if all(s.label != statement.label for s in integration.sources):
                    integration.sources.append(statement.ref())
    order = [name for name, *_ in _INTEGRATIONS]
    return sorted(found.values(), key=lambda i: order.index(i.name))


# ----------------------------------------------------------------------------------------- services

_CONCURRENCY = re.compile(r"\b(same (?:moment|time|instant)|simultaneous\w*|concurrent\w*|race|at once|double[- ]?(?:book|sell|spend|charge)\w*|"
                          r"over-?(?:sold|sell|booked|booking)|exactly one (?:\w+ )?succeeds?|last (?:seat|item|unit|slot))\b", re.I)


_CONCURRENCY_HINTS = ("same", "simultan", "concurren", "race", "at once", "double", "over", "exactly one", "last")


def _contended_entities(statements: list[Statement], matcher: EntityMatcher) -> dict[str, str]:
    """Entities the spec says two people may change at once (edge cases about the same moment, overselling)."""
    contended: dict[str, str] = {}
    for statement in statements:
        lowered = statement.lowered
        if any(map(lowered.__contains__, _CONCURRENCY_HINTS)) and _CONCURRENCY.search(statement.text):
            for mention in matcher.mentions(statement.text):
                if not mention.entity.is_actor:
                    contended.setdefault(mention.entity.name, statement.label)
    return contended


_ACCOUNT_INTEGRATIONS = frozenset({"Mailer", "SmsGateway", "IdentityProvider", "Notifier"})


def _design_services(plan: Plan, operations: list[Operation], domain: DomainModel, statements: list[Statement],
                     matcher: EntityMatcher) -> list[Service]:
    services: dict[str, Service] = {}
    routes_by_method: dict[str, list[Route]] = {}
    for route in plan.routes:
        routes_by_method.setdefault(route.service_method, []).append(route)
    integrations_by_label: dict[str, list[str]] = {}
    for integration in plan.integrations:
        for source in integration.sources:
            integrations_by_label.setdefault(source.label.split("/")[0], []).append(integration.name)
    contended = _contended_entities(statements, matcher)
    keys = key_types(plan.models)
    models = {model.name: model for model in plan.models}
    for qualified, routes in routes_by_method.items():
        service_name, _, method_name = qualified.partition(".")
        first = routes[0]
        entity = domain.entity(first.resource) if first.resource not in ("Auth", "Health", "Webhooks") else None
        service = services.setdefault(service_name, Service(service_name, first.resource))
        sources = []
        for route in routes:
            for source in route.sources:
                if all(s.label != source.label for s in sources):
                    sources.append(source)
        method = ServiceMethod(method_name, sources=sources)
        method.params, method.returns = _signature(first, entity, keys)
        model = models.get(entity.name) if entity is not None else None
        method.steps, method.raises = _steps(first, entity, domain,
                                             {f.name for f in model.fields} if model is not None else frozenset())
        named = sorted({name for s in sources for name in integrations_by_label.get(s.label.split("/")[0], [])}) \
            if first.method != "GET" else []
        if first.resource == "Auth":
            # "register/login, and complete a ticket purchase": signing up or in sends mail or texts, or asks the
            # identity provider; the story's payment is another method's.
            named = [name for name in named if name in _ACCOUNT_INTEGRATIONS]
        uploading = any(step.startswith("stores the file in FileStorage") for step in method.steps)
        if uploading and "FileStorage" not in named and any(i.name == "FileStorage" for i in plan.integrations):
            named.append("FileStorage")
        for integration in named:
            if not (uploading and integration == "FileStorage"):  # (its step says what is stored)
                method.steps.append(f"calls {integration} ({next(i.purpose for i in plan.integrations if i.name == integration)})")
            if integration not in service.integrations:
                service.integrations.append(integration)
        writes = [step for step in method.steps if step.startswith(("creates", "updates", "deletes", "moves"))]
        if uploading:
            method.transaction = ("the file is stored before the record is written, and deleted again when the write "
                                  "fails, so no record points at a missing file")
        elif named and writes:
            method.transaction = "the write and the outbox record of the external call commit together; the call runs after commit"
        if first.method == "POST" and entity is not None and any(r.kind == "has-many" and r.ownership for r in entity.relationships):
            method.transaction = method.transaction or f"the {entity.display_name} and its owned children are written together"
        if entity is not None and first.method == "POST" and entity.name in contended:
            label = contended[entity.name]
            method.transaction = method.transaction or (
                f"one transaction with a row lock on the {entity.display_name}: concurrent requests must not both "
                f"succeed ({label})")
        for source in sources:
            if all(s.label != source.label for s in service.sources):
                service.sources.append(source)
        service.methods.append(method)
    for service in services.values():
        entity = domain.entity(service.aggregate)
        if entity is None:
            continue
        for relationship in entity.relationships:
            if relationship.kind == "belongs-to":
                dependency = f"{relationship.target.replace(' ', '')}Service"
                if dependency in services and dependency != service.name and dependency not in service.dependencies:
                    service.dependencies.append(dependency)
    return list(services.values())


def _signature(route: Route, entity: Entity | None, keys: dict[str, str] | None = None) -> tuple[list[Param], str]:
    params: list[Param] = []
    if route.auth != "public":
        params.append(Param("actor", "User"))
    for name in re.findall(r"\{(\w+)\}", route.path):
        params.append(Param(name, (keys or {}).get(name, "int")))
    if route.link or (route.request and len(route.request) == 1 and route.request[0].name.endswith("_id")):
        params += [Param(p.name, p.type) for p in route.request]  # the id of the thing to add, or of the assignee
    elif route.request:
        params.append(Param("data", f"{entity.name if entity else route.resource}{'Update' if route.method in _UPDATE_METHODS else 'Create' if route.method == 'POST' and entity else 'Request'}"))
    if route.query:
        params.append(Param("filters", f"{route.resource}Filter"))
    returns = route.response if route.response and route.response != "no content" else "None"
    return params, returns


def _steps(route: Route, entity: Entity | None, domain: DomainModel,
           columns: set[str] | frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """The steps of the method behind `route` and the errors it raises; `columns` are the names of the fields of
    the entity's model."""
    steps, raises = _base_steps(route, entity, domain, columns)
    # Rules the spec states as refusals ("refused with ...", "rejected") are checks of the method that can break them.
    for error in route.errors:
        if error.status in (409, 403) and error.when and "(" in error.when and error.error not in " ".join(steps) \
                and not error.error.endswith("TakenError"):  # (a uniqueness check is its own step: "checks X is not taken")
            steps.insert(max(len(steps) - 1, 0), f"refuses with {error.error} when: {error.when}")
    return steps, raises


def _base_steps(route: Route, entity: Entity | None, domain: DomainModel,
                columns: set[str] | frozenset[str]) -> tuple[list[str], list[str]]:
    steps: list[str] = []
    raises: list[str] = [error.error for error in route.errors if error.status not in (401,)]
    if route.auth.startswith("role:"):
        steps.append(f"checks the actor has role {route.auth[5:]}")
    elif route.auth == "owner":
        steps.append("checks the actor owns the record")
    parents = re.findall(r"\{(\w+)_id\}", route.path)
    if entity is None:
        steps.append(route.purpose)
        return steps, raises
    snake = snake_case(entity.name)
    if route.link:
        # `POST /articles/{article_id}/tags`: the route's entity is the parent; the linked thing comes in the body
        # (adding) or the path (removing). One row of the link model is written or deleted.
        linked = domain.entity(route.link)
        shown = linked.display_name if linked is not None else route.link
        link_model = route.purpose.rsplit("(", 1)[-1].removesuffix(" row)") if route.purpose.endswith(" row)") else \
            "link"
        steps.append(f"loads the {entity.display_name} or raises {entity.name}NotFoundError")
        steps.append(f"loads the {shown} or raises {route.link}NotFoundError")
        if route.method == "POST":
            steps.append(f"refuses with {route.link}AlreadyAddedError when the {shown} is already on it")
            steps.append(f"adds {_a(link_model)} row linking them")
        else:
            steps.append(f"deletes the {link_model} row linking them")
        return steps, raises
    for parent in parents:
        if parent != snake:  # the entity's own id is loaded by the step of each method below
            steps.append(f"loads the {parent.replace('_', ' ')} or raises {inflection.camelize(parent)}NotFoundError")
    if route.method == "POST" and route.response_status == 201:
        constrained = [a for a in entity.attributes if a.constraints]
        if constrained:
            steps.append("validates " + "; ".join(f"{a.name} ({', '.join(a.constraints)})" for a in constrained[:6]))
        for validator in entity.validators[:4]:
            steps.append(f"validates: {validator}")
        for attribute in _unique_columns(entity):
            steps.append(f"checks {attribute.name} is not taken")
        upload = next((param for param in route.request if param.type == "file"), None)
        if upload is not None:
            if upload.constraints:
                steps.append(f"checks the file ({'; '.join(upload.constraints)})")
            key = "storage_key" if "storage_key" in columns else min(
                (name for name in columns if _FILE_COLUMN.search(name)),
                key=lambda name: (not re.search(r"path|url|uri|key", name), "file" not in name, name),
                default="")  # (where it is: `file_path` before `cover_path` and `file_metadata`)
            steps.append("stores the file in FileStorage" + (f" and keeps its {key}" if key else ""))
        if entity.states is not None and entity.states.initial:
            steps.append(f"sets {entity.states.field} = {entity.states.initial}")
        actors = _actor_columns(entity)
        if actors:
            steps.append(f"sets {', '.join(actors)} to the signed-in account")
        steps.append(f"creates the {entity.display_name} record")
    elif route.method in _UPDATE_METHODS:
        steps.append(f"loads the {entity.display_name} or raises {entity.name}NotFoundError")
        for attribute in _unique_columns(entity):
            steps.append(f"checks a changed {attribute.name} is not taken")
        for validator in entity.validators[:4]:
            steps.append(f"validates: {validator}")
        edited = [name for name in _actor_columns(entity) if not name.startswith("created")]
        if edited:
            steps.append(f"sets {', '.join(edited)} to the signed-in account")
        steps.append("updates the given fields")
    elif route.method == "DELETE":
        steps.append(f"loads the {entity.display_name} or raises {entity.name}NotFoundError")
        if any(attribute.name == "deleted_at" for attribute in entity.attributes):
            # The spec keeps what is deleted (trash, restore, "retained with deleted status"): a soft delete.
            steps.append(f"sets deleted_at (a soft delete: the {entity.display_name} row is kept)")
        else:
            steps.append(f"deletes the {entity.display_name}")
    elif route.method == "POST":
        verb = route.path.rsplit("/", 1)[-1].replace("-", " ")
        steps.append(f"loads the {entity.display_name} or raises {entity.name}NotFoundError")
        if entity.states is not None and is_transition(entity, verb):
            moves = [t for t in entity.states.transitions if t.trigger.replace("-", " ").casefold() == verb] or [
                t for t in entity.states.transitions  # (`pending-to-confirmed` names no verb: the state it reaches does)
                if not t.trigger and t.target in states_reached(entity, verb.replace(" ", "_"))]
            if moves:
                steps.append("checks the current state is " + " or ".join(sorted({t.source for t in moves})))
                steps.append(f"moves {entity.states.field} to {moves[0].target}")
            else:
                steps.append(f"checks the {entity.states.field} allows '{verb}'; updates {entity.states.field}")
        elif verb == "assign":
            steps.append("checks the assignee exists; sets the assignee")
        else:
            record = action_record(verb, columns)
            # (a column the model lacks is not named: a thing with states keeps its moves in its state)
            steps.append(record[0] if record is not None and record[1] is None else f"records the {verb}")
    elif route.method == "GET":
        if route.query:
            steps.append("applies " + ", ".join(p.name for p in route.query if p.name not in ("page", "page_size")) +
                         " and pagination" if len(route.query) > 2 else "paginates")
        else:
            steps.append(f"loads the {entity.display_name} or raises {entity.name}NotFoundError")
    return steps, raises


# ----------------------------------------------------------------------------------------- errors

def _attach_refusals(plan: Plan, refusals: list[Refusal]) -> None:
    """Each refusal goes to the writes of its entity that share its story or requirement (US1/AC3 -> routes from
    US1), or to all of that entity's writes when none does."""
    for refusal in refusals:
        if not refusal.entity or refusal.status == 404:
            continue
        writes = [r for r in plan.routes if r.resource == refusal.entity and r.method != "GET"]
        lowered = refusal.text.casefold()
        if refusal.error.endswith("AlreadyExistsError"):
            # "the title already exists" where the title is unique: the uniqueness error the routes already list.
            taken = next((e.error for r in writes for e in r.errors if e.error.endswith("TakenError") and e.when.endswith(
                " already used") and re.search(rf"\b{re.escape(e.when.split(' ')[0].replace('_', ' '))}\b", lowered)), None)
            if taken is not None:
                refusal.error = taken
        # The route whose action the refusal names ("tries to publish it"), else the writes of the same story or
        # requirement, else the entity's create route: a rule about what may be created.
        named = [r for r in writes if not r.path.endswith("}") and r.response_status != 201
                 and re.search(rf"\b{re.escape(r.path.rsplit('/', 1)[-1].replace('-', ' '))}", lowered)]
        family = refusal.source.label.split("/")[0]
        related = [r for r in writes if any(s.label.split("/")[0] == family for s in r.sources)]
        trigger = re.split(r"\bthen\b|\bSHALL\b", refusal.text, maxsplit=1, flags=re.I)[0]
        kinds = verb_kinds(trigger)
        by_kind = [r for r in related if (r.response_status == 201 and "create" in kinds)
                   or (r.method in _UPDATE_METHODS and "update" in kinds) or (r.method == "DELETE" and "delete" in kinds)]
        related = by_kind or related
        creates = [r for r in writes if r.response_status == 201]
        for route in named or related or creates:
            when = f"{refusal.message} ({refusal.source.label})"
            existing = next((e for e in route.errors if e.error == refusal.error), None)
            if existing is None:
                route.errors.append(RouteError(refusal.status, refusal.error, when))
            elif refusal.source.label not in existing.when:
                existing.when = f"{existing.when}; {when}" if existing.when else when


_RATE_LIMIT = re.compile(r"\brate[- ]limit\w*|\bthrottl\w*|\btoo many requests\b|\brequests? per (?:second|minute|hour)\b", re.I)


def _design_errors(plan: Plan, domain: DomainModel, statements: list[Statement], refusals: list[Refusal]) -> list[ErrorType]:
    errors: dict[str, ErrorType] = {}

    def add(name: str, status: int, description: str, sources: list[SourceRef] | None = None) -> None:
        error = errors.get(name)
        if error is None:
            error = errors[name] = ErrorType(name, status, snake_case(name.removesuffix("Error")).upper(), description)
        for source in sources or []:
            if all(s.label != source.label for s in error.sources):
                error.sources.append(source)

    add("ValidationError", 400, "a request field is missing, malformed or out of range")
    for refusal in refusals:
        if refusal.error == "ValidationError":
            add("ValidationError", 400, "", [refusal.source])
        else:
            add(refusal.error, refusal.status, refusal.message, [refusal.source])
    for route in plan.routes:
        for route_error in route.errors:
            add(route_error.error, route_error.status, route_error.when, route.sources[:2])
    for statement in statements:
        lowered = statement.lowered
        if ("rate" in lowered or "throttl" in lowered or "request" in lowered) and _RATE_LIMIT.search(statement.text):
            add("RateLimitExceededError", 429, "too many requests; retry after the Retry-After delay", [statement.ref()])
    for integration in plan.integrations:
        add(f"{integration.name}Error", integration.failure_status,
            f"{integration.name} failed or did not answer in time", list(integration.sources))
    order = {400: 0, 401: 1, 403: 2, 404: 3, 409: 4, 422: 5, 429: 6, 502: 7, 503: 8}
    return sorted(errors.values(), key=lambda e: (order.get(e.status, 9), e.name))


def _auth_summary(plan: Plan, domain: DomainModel, has_accounts: bool, spared: bool = False) -> str:
    if spared:
        return ("The spec says people use it without signing in: every route is public and there are no sign-in "
                "endpoints; who acts is whoever the client says (no rule can check it).")
    if not has_accounts:
        return "No accounts are described: every route is public (assumption)."
    roles = sorted({r.auth[5:] for r in plan.routes if r.auth.startswith("role:")})
    text = "Bearer token session for accounts; public routes need none."
    actors = [a for a in domain.actors if not re.fullmatch(r"any(one|body)|every(one|body)|some(one|body)|public|system|nobody", a, re.I)]
    if actors:
        text += " Actors: " + ", ".join(actors) + "."
    if roles:
        text += " Role-restricted routes: " + ", ".join(roles) + "."
    return text


# ----------------------------------------------------------------------------------------- traceability

def _trace(plan: Plan, document: SpecDocument, statements: list[Statement], matcher: EntityMatcher) -> None:
    routes_by_label: dict[str, list[str]] = {}
    for route in plan.routes:
        for source in route.sources:
            routes_by_label.setdefault(source.label.split("/")[0], []).append(f"{route.method} {route.path}")
    services_by_label: dict[str, list[str]] = {}
    for service in plan.services:
        for method in service.methods:
            for source in method.sources:
                services_by_label.setdefault(source.label.split("/")[0], []).append(f"{service.name}.{method.name}")
    for integration in plan.integrations:
        for source in integration.sources:
            services_by_label.setdefault(source.label.split("/")[0], []).append(integration.name)
    error_labels = {s.label.split("/")[0] for e in plan.errors for s in e.sources}
    # A requirement the data model implements ("enforce unique titles", "optional platform assignment") is covered.
    model_labels = {s.label.split("/")[0] for m in plan.models for f in m.fields for s in f.sources}
    model_labels |= {s.label.split("/")[0] for m in plan.models for r in m.relationships for s in r.sources}
    model_labels |= {s.label.split("/")[0] for m in plan.models if m.states is not None for s in m.states.sources}
    for statement in statements:
        if statement.kind in ("scenario", "edge-case", "story"):
            continue
        label = statement.label
        models = sorted({m.entity.name for m in matcher.mentions(statement.text)})
        row = TraceRow(label, (statement.shown or statement.text)[:160], sorted(set(routes_by_label.get(label, []))),
                       sorted(set(services_by_label.get(label, []))), models, statement.range)
        plan.traceability.append(row)
        if not row.routes and not row.services and label not in error_labels and label not in model_labels:
            plan.not_covered.append(NotCovered(label, _why_not_covered(statement, models), statement.range))
    story_statements = [statement for statement in statements if statement.kind == "story"]
    for index, story in enumerate(document.stories):
        label = f"US{story.key}" if story.key != "primary" else "Primary Story"
        routes = sorted({r for key, values in routes_by_label.items() if key == label for r in values})
        statement = story_statements[index] if index < len(story_statements) else None
        plan.traceability.append(TraceRow(label, clean(story.title)[:160], routes,
                                          sorted(set(services_by_label.get(label, []))),
                                          sorted({m.entity.name for m in _narrative_mentions(story, statement, matcher)}),
                                          story.range))


def _narrative_mentions(story, statement: Statement | None, matcher: EntityMatcher) -> list:
    """The entity mentions of a story's narrative. The story's statement (`Title. narrative`) was matched already:
    when it ends with the narrative, after `. ` (which no name spans), its mentions there are the narrative's."""
    narrative = clean(story.narrative)
    text = statement.text if statement is not None and statement.range == story.range else ""
    if narrative and text.isascii() and text.endswith(". " + narrative):
        start = len(text) - len(narrative)
        return [mention for mention in matcher.mentions(text) if mention.start >= start]
    return matcher.mentions(narrative)


_USER_INTERFACE = re.compile(r"\b(display|interface|screen|page|layout|ui|button|responsive|visual|theme|dark mode|pane|form)\b", re.I)


def _why_not_covered(statement: Statement, models: list[str]) -> str:
    text = statement.text
    if statement.kind == "non-functional" or statement.requirement_kind in ("success-criterion", "non-functional"):
        return "a quality target (timing, scale, usability), not backend structure"
    if _USER_INTERFACE.search(text):
        return "user-interface behaviour; no backend element"
    if models:
        return f"mentions {', '.join(models)} but no operation the engine recognises (needs a hand-designed route or rule)"
    return "no entity or operation recognised in the statement"


def _open_questions(document: SpecDocument) -> list[str]:
    questions = []
    for marker in document.markers:
        if marker.kind != "needs-clarification":
            continue
        line = marker.range.start.line
        section = document.section_at(line)
        context = clean(re.sub(r"\[NEEDS CLARIFICATION:?\s*", "", marker.text, flags=re.I).rstrip("]"))
        where = f"line {line + 1}" + (f" ({section.title})" if section else "")
        questions.append(f"{context or 'unspecified'} — {where}")
    return questions


# ----------------------------------------------------------------------------------------- checklist

def _checklist(plan: Plan, document: SpecDocument, refusals: list[Refusal]) -> list[ChecklistItem]:
    functional = [row for row in plan.traceability if not row.spec_id.startswith(("US", "Primary"))]
    uncovered = {n.spec_id for n in plan.not_covered}
    quality = {n.spec_id for n in plan.not_covered if n.reason.startswith(("a quality target", "user-interface"))}
    missing = sorted(uncovered - quality)
    items = [ChecklistItem(
        "All spec requirements are addressed", not missing,
        f"{len(functional) - len(uncovered)}/{len(functional)} requirements map to a route, service, error or model field"
        + (f"; {len(quality)} are UI or quality targets" if quality else "")
        + (f"; not covered: {', '.join(missing[:8])}" if missing else ""), missing[:8])]
    non_rest = [f"{r.method} {r.path}" for r in plan.routes
                if re.search(r"/(create|update|delete|get|list)[-/]?", r.path) or (r.method == "GET" and r.request)]
    items.append(ChecklistItem("API endpoints follow REST conventions", not non_rest,
                               "plural kebab-case resources, ids in the path, state changes as action sub-resources"
                               if not non_rest else "verbs in paths: " + ", ".join(non_rest), non_rest))
    aggregates = {s.aggregate for s in plan.services}
    items.append(ChecklistItem("Service layer has clear separation of concerns", bool(plan.services) or not plan.routes,
                               f"{len(plan.services)} services, one per aggregate ({', '.join(sorted(aggregates)[:8])})"
                               if plan.services else "no routes, so no services", sorted(aggregates)[:8]))
    tables = [m for m in plan.models if m.table]
    bare = [m.name for m in tables if sum(1 for f in m.fields if f.description != _ASSUMED_LABEL and not f.relationship) <= 3
            and not any(f.foreign_key for f in m.fields)]
    indexed = sum(1 for m in tables if m.indexes)
    items.append(ChecklistItem("Data models include proper constraints and indexes", bool(tables) and not bare,
                               f"{len(tables)} tables, {indexed} with indexes" + (f"; no fields inferred for {', '.join(bare[:6])}" if bare else "")
                               if tables else "no data models inferred", bare[:6]))
    refusal_labels = sorted({s.label for e in plan.errors if e.name != "ValidationError" for s in e.sources
                             if s.label.startswith(("US", "Edge", "Primary")) or "/" in s.label})
    unattached = sorted({r.source.label for r in refusals if not r.entity and r.error not in ("ValidationError", "ForbiddenError")})
    has_errors = len(plan.errors) > 1
    items.append(ChecklistItem("Error handling covers all failure scenarios", has_errors and not unattached,
                               f"{len(plan.errors)} error types with statuses and one response format; "
                               f"{len(refusal_labels)} refusals in scenarios and edge cases map to named errors"
                               + (f"; refusals not tied to an entity: {', '.join(unattached[:6])}" if unattached else ""),
                               refusal_labels[:8] + unattached[:6]))
    unclear_auth = [f"{r.method} {r.path}" for r in plan.routes if r.auth == "authenticated" and r.method != "GET"
                    and r.resource not in ("Auth",)]
    auth_ok = all(r.auth for r in plan.routes)
    items.append(ChecklistItem("Authentication/authorization is specified", auth_ok and not (plan.open_questions and any(
        re.search(r"auth|permission|role|access", q, re.I) for q in plan.open_questions)),
        plan.auth_summary + (f" {len(unclear_auth)} writes need only a session (no role named in the spec)." if unclear_auth else ""),
        unclear_auth[:6]))
    items.append(ChecklistItem("No implementation code is included (design only)", True,
                               "the plan describes contracts, steps and schemas in prose; no code is generated"))
    return items
