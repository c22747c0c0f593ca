"""Routes from what the spec says people do: verbs in requirements (refined by stories and scenarios) applied to
entities.

Not blanket CRUD: an operation exists only when a statement asks for it (`create/add/register` → POST on the
collection, `view/list/browse/search` → GET, `edit/update/change` → PUT (or PATCH, setting `plan.updateMethod`;
PATCH always when the spec calls the update partial), `delete/remove` → DELETE, state verbs such as
`publish`/`approve`/`cancel` → `POST /things/{thing_id}/publish`, `reorder/import/export` → collection actions,
`add`/`remove` a thing on another it is linked to many-to-many → `POST`/`DELETE /articles/{article_id}/tags`, a
verb that makes a modelled thing named after it → its create: `comment on tasks` → `POST /tasks/{task_id}/comments`,
`invite people` → `POST /invitations`), and
every transition of a resource's state machine is an action too. Requirements define the resources; stories and
Given/When/Then scenarios only add reads and state actions on resources a requirement already acts on (a write only a
narrative mentions is illustration; a story's title asks like a requirement; Kiro criteria and OpenSpec scenarios are
requirements). The Given part of a scenario is context, its Then part an outcome, the "so that" part of a story a
benefit: none of them asks for an endpoint. Ownership wording ("ticket types per event", "a character's snapshots")
and compound names (`CustomerAddress`) nest routes; a thing the spec only ever speaks of as one ("the board") has no
id. Auth routes exist only when a requirement or story asks for an account flow (sign in, sign up, log out, password
reset), not when the spec merely mentions signed-in users. Each operation keeps the statements it came from and who
performs it (role, owner, public). Pure functions over the statements and the domain model; no pygls or lsprotocol, no
rendering.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from analysis.entities import plural, singular, split_name
from analysis.plan.design_text import (ACTOR_NAME, CLOCK_VERB, GENERIC_LAST_WORDS, PERSON_WORD, SPARED_BEFORE,
                                      EntityMatcher, Mention, PhraseIndex, Statement, clocked_entity, is_message,
                                      is_message_space, snake_case, tokens, with_article)
from analysis.plan.infer_fields import fold_accents
from analysis.plan.infer_lexicon import cjk_auth_flows, cjk_operations, has_cjk
from analysis.plan.model import DomainModel, Entity, ExternalSignIn, SourceRef


# ----------------------------------------------------------------------------------------- verb lexicon

_CREATE = ("create", "add", "register", "post", "book", "place", "record", "enter", "make", "schedule", "define",
           "write", "compose", "send", "upload", "save", "insert", "input", "reserve", "attach", "leave", "submit",
           "generate", "import", "invite", "request", "log", "issue", "connect")
_LIST = ("list", "browse", "search", "filter", "sort", "view", "see", "display", "show", "find", "retrieve", "get",
         "read", "review", "access", "query", "fetch", "look up", "export", "download", "monitor", "track", "print")
_UPDATE = ("edit", "update", "modify", "change", "rename", "adjust", "correct", "amend", "reorder", "move", "toggle",
           "replace", "configure", "customize", "customise", "mark", "categorize", "categorise", "recategorize",
           "recategorise", "re-categorize", "re-categorise")
_DELETE = ("delete", "remove", "discard", "erase", "destroy", "soft-delete", "soft delete")
_MANAGE = ("manage", "maintain", "administer", "crud")
_MANAGED_KINDS = ("create", "list", "detail", "update", "delete")
"""What managing a thing asks for."""
# Verbs that make a thing named after them (`comment on a task` makes a Comment): meaningful only when the spec models
# that thing; the lexicon's other verbs can make one too (`invite` an Invitation, `rate` a Rating), see `_NOUN_VERBS`.
_MAKE = ("comment", "reply", "answer", "bookmark", "react", "rsvp", "donate", "bid", "endorse", "nominate", "apply",
         "subscribe", "order", "purchase")
# What the head word of an entity's name says people do to make one: a Comment is made by commenting, an Invitation
# by inviting, a TournamentRegistration by registering.
_NOUN_VERBS = {"comment": "comment", "reply": "reply", "answer": "answer", "review": "review", "rating": "rate",
               "vote": "vote", "like": "like", "bookmark": "bookmark", "favorite": "favorite", "favourite": "favourite",
               "invitation": "invite", "invite": "invite", "booking": "book", "reservation": "reserve",
               "registration": "register", "enrollment": "enroll", "enrolment": "enrol", "subscription": "subscribe",
               "application": "apply", "rsvp": "rsvp", "reaction": "react", "donation": "donate", "bid": "bid",
               "endorsement": "endorse", "nomination": "nominate", "follow": "follow", "flag": "flag",
               "submission": "submit", "order": "order", "purchase": "purchase"}
_ACTION = ("approve", "reject", "publish", "unpublish", "archive", "unarchive", "restore", "activate", "deactivate",
           "reactivate", "cancel", "confirm", "complete", "close", "reopen", "submit", "ship", "receive", "merge",
           "anonymize", "anonymise", "duplicate", "clone", "share", "join", "accept", "decline", "resolve", "escalate",
           "lock", "unlock", "suspend", "ban", "unban", "block", "unblock", "verify", "dispatch", "refund", "pause",
           "resume", "finish", "enroll", "enrol", "withdraw", "check in", "check-in", "check out", "assign",
           "unassign", "transfer", "void", "expire", "renew", "retry", "sign", "rate", "favorite", "favourite", "pin",
           "flag", "follow", "unfollow", "like", "vote", "end", "bump", "grade", "reschedule", "disable", "enable",
           "regenerate")
# Verbs too common in prose to mean an action endpoint unless the entity's state machine has the matching state.
_STATE_ONLY = frozenset({"receive", "ship", "end", "expire", "void", "complete", "close", "reopen", "finish", "resolve", "transfer",
                         "verify", "confirm", "rate", "like", "lock", "unlock", "flag", "sign", "dispatch", "refund",
                         "assign", "unassign", "join", "ban", "unban", "block", "unblock", "duplicate", "clone", "accept",
                         "decline", "share", "follow", "unfollow", "vote", "pin", "favorite", "favourite", "withdraw",
                         "enroll", "enrol", "retry", "suspend", "escalate"})
# Verbs that act on a whole collection: `PATCH /tasks/reorder`, `POST /recipes/import`, `GET /orders/export`.
COLLECTION_ACTIONS = {"reorder": "PATCH", "import": "POST", "export": "GET", "trash": "GET"}
# Verbs that, without a matching state, simply make the thing (a submitted form, an opened ticket).
_ACTION_OR_CREATE = frozenset({"submit", "request", "schedule", "book", "reserve", "sign"})
_READ_REQUESTED = re.compile(r"\s+(?:all|every|a list of|the list of|a page of|the details of|details of)\b", re.I)
_ACCEPTED_FROM = re.compile(r"\s+(?:from|via|through|over|sent by|submitted by|posted by|uploaded by)\b", re.I)
# What makes a system's "create" a side effect of something else ("create an order upon successful checkout", "create
# new conversations when no id is given", "each update creates a new version", "creating the mailbox implicitly").
_SIDE_EFFECT = re.compile(r"\b(?:upon|when|whenever|once|after|implicitly|automatically|on first|for (?:every|each)|"
                          r"each \w+ creates?|permissions?)\b", re.IGNORECASE)
# Refusals said in the passive, and the condition that makes one a rule the service checks.
_REFUSED = frozenset({"rejected", "refused", "denied", "declined", "blocked"})
_CONDITION = re.compile(r"\s+(?:if|when|whenever|unless|where)\b", re.IGNORECASE)
# Verbs a system performs as a side effect; with the system as subject they are not routes.
_SYSTEM_SUBJECTS = re.compile(r"\b(system|application|app|server|backend|service|platform|api|tool|cli|engine|it)\b", re.I)
_ANONYMOUSLY = re.compile(r"\banonymously\b|\b(?:without|(?:not|never|n't) requir(?:e|es|ing)) (?:(?:requiring|needing|having|any need)(?: to)? |any )?"
                          r"(?:(?:create|creating|open|opening) (?:an? )?account|(?:sign(?:ing)?|log(?:ging)?) (?:in|up)|"
                          r"(?:an? )?(?:account|authentication|login|sign-?in|sign-?up|conta|cuenta|autentica[çc][ãa]o|"
                          r"autenticaci[óo]n)|authenticating|registering|registration)(?!\w)", re.I)


def presumes_accounts(statements: list[Statement]) -> bool:
    """Whether the spec speaks of people signed in ("allow authenticated users to post", "logged-in members"): the
    feature uses accounts, even when it builds no sign-in of its own. Not when it also serves people without one
    ("anonymous clients get lower limits"): who needs an account is then not told by this."""
    if any(("anonym" in s.lowered or "unauthenticated" in s.lowered) for s in statements):
        return False
    for statement in statements:
        lowered = statement.lowered
        if "authenticated" in lowered or "logged" in lowered or "signed" in lowered:
            for match in _SIGNED_IN_PEOPLE.finditer(statement.text):
                if not _NEGATION.search(statement.text, max(0, match.start() - 30), match.start()):
                    return True
    return False


_SIGNED_IN_PEOPLE = re.compile(r"\b(?<!un)(?:authenticated|logged[- ]in|signed[- ]in)\s+(?:[a-z]+\s+)?"
                               r"(?:users?|members?|customers?|clients?|accounts?|people|persons?|employees?|staff|"
                               r"admins?|administrators?)\b", re.I)


def spares_sign_in(statements: list[Statement]) -> bool:
    """Whether the spec says people act without an account ("vote without needing to create an account or log in",
    "browse anonymously"), not refused ("MUST NOT ... without signing in"), and nothing else in it signs in or has
    an account ("Given I am logged in, When I RSVP")."""
    spared = False
    for statement in statements:
        lowered = statement.lowered
        if "anonym" in lowered or "without" in lowered or "requir" in lowered:
            for match in _ANONYMOUSLY.finditer(statement.text):
                if not _NEGATION.search(statement.text, max(0, match.start() - 60), match.start()):
                    spared = True
        if any(word in lowered for word in ("log", "sign", "account", "authentic")):
            for match in _SIGNED_IN.finditer(statement.text):
                if not SPARED_BEFORE.search(statement.text, max(0, match.start() - 60), match.start()):
                    return False  # "Given I am logged in, When I RSVP": some things need an account
    return spared


_SIGNED_IN = re.compile(r"\b(?:log(?:s|ged|ging)?[- ]?in|login|sign(?:s|ed|ing)?[- ]?(?:in|up)|accounts?|"
                        r"authenticat\w*)\b", re.I)
_GRANT_BEFORE = re.compile(r"\b(?:allows?|permits?|lets?|enables?)\s[^.;]*\bto\s+$", re.I)
# Who acts though a system word stands beside them: "the user", "API consumers", "API clients", "app developers".
_PEOPLE_BESIDE_SYSTEM = re.compile(r"\b(?:user|admin|customer|member|I|we|consumers?|clients?|callers?|developers?|"
                                   r"integrators?)\b", re.I)
_PUBLIC_SUBJECTS = re.compile(r"\b(anyone|visitors?|visitantes?|guests?|anonymous|public|unauthenticated|everyone|"
                              r"non-members?)\b", re.I)
_ADMIN_SUBJECTS = re.compile(r"\b(admins?|administrators?|superusers?|super users?|operators?|staff|moderators?|managers?)\b"
                             r"(?!-[a-z]+ed\b)", re.I)  # ("admin-approved organizers" are organizers)
# (The owner of the thing has a determiner before it, "the owner", "its owner", "the ticket owner"; "a user with
# product owner context" describes a person.)
_OWNER_WORDS = re.compile(r"\b(their own|his own|her own|own|only the (?:\w+ )?(?:who|that) (?:created|owns)|only the \w+['’]s \w+|"
                          r"(?:the|its|their|his|her|an?)\s+(?:([\w-]+)\s+)?owner|owned by|they created|they own)\b", re.I)
# ("allow only authenticated, admin-approved organizers to create events": the adjectives may be a list)
_ALLOW = re.compile(r"\b(?:allow|allows|let|lets|enable|enables|permit|permits|support|supports)\s+(?:only\s+)?"
                    r"(?:the\s+|a\s+|an\s+|each\s+|all\s+|any\s+)?([a-z][\w-]*(?:,?[ ][\w-]+){0,5}?)\s+to\b", re.I)
# The verbs before this one in a list ("create, edit, and delete", "add and remove"): what may stand between a lead-in
# (`allow readers`, `require authentication for`, `prevent authors from`) and the verb it applies to; it ends each one.
_VERB_LIST_BEFORE = r"(?:[a-z]+(?:,\s+(?:(?:and|or)\s+)?|\s+(?:and|or|and/or)\s+)){0,3}$"
_ENABLING = re.compile(r"\b(?:allow|allows|allowing|support|supports|supporting|enable|enables|permit|permits|let|lets|provide|provides|offer|offers)\s+(?:(?:users?|people|staff|the|a|an|for|[a-z]+ers?|[a-z]+(?<!s)s)\s+){0,3}"
                       # `let readers add and remove tags`, `let clients create roles`: the later verbs of a list share
                       # the enabled subject.
                       + "(?P<verbs>" + _VERB_LIST_BEFORE.removesuffix("$") + ")$", re.I)
# Verbs that make a new thing even when it is named with what it holds ("create groups of devices"): not a link.
_LISTED_WORD = re.compile(r"[a-z]+")
_JOINERS = frozenset({"and", "or"})
_MAKES_NEW = frozenset({"create", "make", "define", "generate", "compose", "write", "build", "set up"})
_MEANS_WORDS = ("provide", "offer", "include", "expose", "display", "show")
# "System MUST provide a modal interface for adding new warehouses", "provide admin-only functionality for managing
# platforms": a means for people to do it.
_MEANS = re.compile(r"\b(?:provide|provides|offer|offers|include|includes|expose|exposes|display|displays|show|shows)\s+"
                    r"(?:(?:an?|the|one)\s+(?:[a-z-]+\s+){0,3}|(?:[a-z-]+\s+){0,2}(?:functionality|features?|tools?|"
                    r"capabilit(?:y|ies)|means|options?|controls?|interfaces?|screens?|pages?|endpoints?|apis?|"
                    r"routes?)\s+|"
                    # "a Kanban board view with drag-and-drop functionality to change task status": an ability
                    r"(?:an?|the|one)\s+(?:[\w-]+\s+){1,6}?(?:functionality|capabilit(?:y|ies)|features?|tools?|options?|"
                    r"controls?)\s+)(?:for|to)\s+"
                    # (each item of its list may name its object: "admin endpoints to list users, view user details,
                    # disable/enable users")
                    r"(?:[a-z-]+(?:\s+[a-z/-]+){0,3}(?:,\s+(?:(?:and|or)\s+)?|\s+(?:and|or|and/or)\s+|/)){0,6}$", re.I)
# "System MUST require authentication for creating, updating, or deleting posts": the system guards what people do.
_GUARDED = re.compile(r"\brequir(?:e|es|ed|ing)\s+(?:an?\s+|the\s+)?(?:authentication|authori[sz]ation|login|sign[- ]in|"
                      r"an account|permission|approval|(?:[a-z]+\s+)?role)s?\s+(?:for|to|before|when)\s+"
                      + _VERB_LIST_BEFORE, re.I)
_FOR_WHOM_TO = re.compile(r"\bfor\s+(?:the\s+|all\s+|each\s+)?([A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*)?)\s+to\s+"
                          + _VERB_LIST_BEFORE, re.I)
_ALLOW_HINTS = ("allow", "let", "enable", "permit", "support")
_ENABLING_REACH = 160
"""How far back `_ENABLING` can reach: a verb, three short words and spaces (generously)."""
_PRESENTATION = re.compile(r"\b(?:layouts?|side[- ]by[- ]side|desktop|viewports?|responsive|fonts?|animations?)\b", re.I)
_MODAL = re.compile(r"\b(MUST|SHALL|SHOULD|MAY|CAN|WILL|must|shall|should|may|can|will|needs? to|is able to|are able to)\b")


def _forms(lemma: str) -> set[str]:
    """Inflected forms of a (possibly two-word) verb: create/creates/created/creating, submit/submitted..."""
    head, _, tail = lemma.partition(" ")
    forms = {head, head + "s", head + "ed", head + "ing"}
    if head.endswith("e"):
        forms |= {head + "d", head[:-1] + "ing"}
    if head.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(head + "es")
    if head.endswith("y") and head[-2:-1] not in "aeiou":
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", head):
        forms |= {head + head[-1] + "ed", head + head[-1] + "ing"}
    irregular = {"make": {"made"}, "send": {"sent"}, "write": {"wrote", "written"}, "find": {"found"}, "see": {"saw", "seen"},
                 "get": {"got", "gotten"}, "leave": {"left"}, "read": set(), "file": set(), "log": {"logged", "logging"},
                 "end": set(), "pay": {"paid"}}
    forms |= irregular.get(head, set())
    return {f"{form} {tail}" if tail else form for form in forms}


def _lexicon() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for kind, lemmas in (("action", _ACTION), ("manage", _MANAGE), ("delete", _DELETE), ("update", _UPDATE),
                         ("list", _LIST), ("create", _CREATE), ("make", _MAKE)):
        for lemma in lemmas:
            for form in _forms(lemma):
                table.setdefault(form, (kind, lemma))
    return table


_VERBS = _lexicon()
_VERB_INDEX = PhraseIndex({form: form for form in _VERBS})
_CLAUSE_END = re.compile(r"[.;:!?()]|\b(?:when|then|so that|which|because|if|while|unless|after|before|where)\b", re.I)
_FILLER = r"(?:(?:a|an|the|their|its|his|her|my|our|your|each|every|all|any|one|new|existing|specific|given|selected|particular|single|multiple|several|other|that|this|these|those|more|own|individual|custom|saved)\s+)*"
_PARENT_LINK = re.compile(rf"^\s*(?:to|for|in|within|of|under|inside|into|belonging to|per|on|from)\s+{_FILLER}", re.I)
_NAMED_FILTER = re.compile(r"\b(?:a|an|the|their|its)\s+([a-z]+(?:\s[a-z]+)?)\s+filters?\b(?!\s+(?:by|on|for)\b)", re.I)
_QUERY_PHRASE = re.compile(r"\b(filter(?:ed|ing|s|able)?|sort(?:ed|ing|s|able)?|search(?:ed|ing|es|able)?|order(?:ed)?|group(?:ed)?)\s+(?:\w+\s+){0,3}?(?:by|on|for|within)\s+([\w ,/-]{2,80}?)(?=[.;:()]|\band\s+(?:sort|filter|search)|$)", re.I)


_MANY_BEFORE = re.compile(r"\b(?:each|every|any|all|other|another|multiple|several|which|per)\s+$", re.I)
_BY_ID_AFTER = re.compile(r"\s+(?:by|with)\s+(?:its\s+|their\s+|an?\s+|the\s+)?(?:id|ids|identifier|number|key)\b", re.I)
# Turning a thing off and back on, said together: "disable/enable users", "enable or disable accounts", "disable and
# re-enable".
_ENABLE_PAIR = re.compile(r"\b(?:disabl\w*\s*(?:/|,|or|and)\s*(?:re-?)?enabl\w*|enabl\w*\s*(?:/|,|or|and)\s*disabl\w*)",
                          re.I)
_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
_PARTIAL = re.compile(r"\bpartial(?:ly)?\b|\bonly the (?:changed|given|provided) fields\b", re.I)
_NOT_SLUG = re.compile(r"[^a-z0-9]")
_PREPOSITION = re.compile(r"\b(?:to|for|with|by|from|of)\b")
_WHEN_OR_IF = re.compile(r"\b(?:when|WHEN|if|IF)\b")
_POSSESSIVE_END = re.compile(r"\b(?:its|their)\s+$")
_POSSESSIVE_GAP = re.compile(r"['’]s?\s+(?:\w+\s+){0,2}")
_GIVEN = re.compile(r"\bGiven\b")
_WHEN = re.compile(r"\bWhen\b", re.I)
_THEN = re.compile(r"\bThen\b", re.I)
_COUNTED_BEFORE = re.compile(r"\b(?:a|an|the|one|each|every|next|previous|existing|another|other|same|any|no|this|"
                             r"that)\s+$", re.I)
_DETERMINER_NOUN_BEFORE = re.compile(r"(?<!\blet )(?<!\blets )(?<!\bhelp )(?<!\bhelps )(?<!\bmake )(?<!\bmakes )"
                                     r"(?<!\bhave )(?<!\bhas )(?<!\bwatch )(?<!\bsee )(?<!\bletting )"
                                     r"\b(?:the|a|an|this|that|each|every|its|their|your|my|our)\s+"
                                     r"(?![a-z]*(?:s|ly)\s+$)[a-z]+\s+$", re.I)
_DETERMINED = re.compile(r"\b(?:the|a|an|this|that|each|every|its|their|your|my|our|his|her)\s+(?:[a-z-]+\s+){0,3}$",
                         re.I)
# "a create, update, or delete operation", "read and write permissions": verbs that say what kind of act a noun is.
_KIND_OF_ACT_AFTER = re.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?[a-z]+|\s+(?:and|or|and/or)\s+[a-z]+){0,3}\s+"
                                r"(?:operations?|permissions?|rights|privileges)\b")
_MODAL_NEXT = re.compile(r"\s+(?:MUST|SHALL|SHOULD|MAY|must|shall|should|may|cannot)\b")
_MODAL_BEFORE = re.compile(r"\b(can|could|may|able to|allowed to|option to|choose to|want to|wants to|"
                           r"(?:allow|allows|enable|enables|let|lets|permit|permits)\s+(?:\w+\s+){0,3}to)\b", re.I)
_PERFECT = re.compile(r"\b(have|has|had)\s+(?:\w+\s+)?$", re.I)
_PRONOUN = re.compile(r"^\s*(?:it|them|him)\b", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|that|each|every|new|its|their|his|her|my|our|your)\s+$", re.I)
_PASSIVE = re.compile(r"\s+(?:\([^)]*\)\s+)?"
                      # "opportunities from both lanes to be created": a short qualifier of the thing
                      r"(?:(?:from|of|in|across|within)\s+(?:(?:both|all|each|every|the|its|their)\s+)?[a-z][\w-]*\s+)?"
                      r"(?:(?:can|could|may|must|should|shall|will|to|are able to|is able to)\s+)"
                      r"(not\s+)?be\s+(?:\w+ly\s+)?([a-z]+(?: in| up| out)?)\b", re.I)
# One more participle of a list after a passive's first ("to be created, retrieved, and removed").
# (Each may carry a few words of its own: "created, listed, filtered by lane, retrieved individually, and updated".)
_MORE_PARTICIPLES = re.compile(r"(?:\s+(?:by|individually|separately|directly)\b[^,;.()]{0,24}?)?"
                               r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:\w+ly\s+)?([a-z]+)\b", re.I)
_ONE_AT_A_TIME = re.compile(r"\s+(?:individually|one at a time|one by one|by (?:its |their )?id)\b", re.IGNORECASE)
# What is made when the service is set up, not asked for by anyone: "created from environment settings", "loaded
# by a seed script", "on startup".
_BY_SETUP = re.compile(r"\s+(?:automatically\s+)?(?:from|via|through|by|using|at|on|during|in)\s+(?:the\s+|an?\s+)?"
                       r"(?:environment|env\b|configuration|config\b|seed\b|seeding|seed data|seed scripts?|migrations?|"
                       r"deployment|deploy time|startup|start-up|bootstrap)", re.I)
_ATTEMPT = re.compile(r"\b(tries|try|trying|attempts?|attempting)\s+to\b|\b(refused|rejected|denied|forbidden|not allowed)\b", re.I)
_BENEFIT = re.compile(r"\bso (?:that|they|I|we|he|she|it|the|users?)\b|\bin order to\b", re.I)
_NEGATION = re.compile(r"\b(not|cannot|can't|never|no|without|nor|prevent\w*|prohibit\w*|forbid\w*|disallow\w*)\b(?!\s+only)[^.;,]*$", re.I)
_MARKED_AS = re.compile(r"\s+as\s+[\"“']?([A-Za-z][a-z-]+)")
# "mark attendance for a class", "mark attendance.": nothing names a state after what is marked, so it is recorded.
_RECORDED_MARK = re.compile(r"\s*(?:$|[.,;:)]|\s(?:for|in|on|at|during|per|each|every|by|with|of|from|daily|weekly)\b)",
                            re.I)
# Between a verb and a person named after "by": a thing the verb acts on that the spec does not model, then the
# person as its key ("filter all database queries by authenticated user ID", "scope every query by the user").
_CRITERION_GAP = re.compile(r"\s+(?:(?:all\s+|every\s+|each\s+|the\s+|their\s+)?(?:[a-z-]+\s+){0,2}[a-z-]+\s+)?by\s+"
                            r"(?:the\s+|their\s+|its\s+)?(?:(?:authenticated|current|signed-in|logged-in|owning|requesting)"
                            r"\s+)?", re.I)
_PERSONS_KEY = re.compile(r"['’]s?\s+(?:(?:api|access|secret|personal)\s+)?(?:keys?|tokens?|secrets?|credentials?)\b",
                          re.I)
_POSSESSIVE_MARK = re.compile(r"['’](?:s\b)?")
_OTHER_BEFORE = re.compile(r"\b(?:other|another)\s+$", re.I)
# "System MUST prevent authors from editing posts they did not create": the authors edit (their own).
_PREVENTED = re.compile(r"\b(?:prevent|prevents|stop|stops|block|blocks|forbid|forbids)\s+(?:(?:the|a|an|other)\s+)?"
                        r"[a-z]+\s+from\s+" + _VERB_LIST_BEFORE, re.I)
# "prevent authors from editing or deleting posts they did not create": refused on other people's records only,
# which says the operation exists (for the owner).
_OTHERS_ONLY = re.compile(r"[^.;]{0,60}?(?:\b(?:they|he|she|you|I|we)\s+(?:did not|didn['’]t|do not|don['’]t|does not|"
                          r"doesn['’]t)\s+(?:create|own|author|write|submit)|\bother\s+(?:users|authors|people|members|"
                          r"customers|players|students|teams)['’]|\bothers['’]|\bsomeone else['’]s\b|\bnot their own\b)", re.I)
# A refusal covers every verb of its list: "MUST NOT be able to add, remove, or reorder".
_NEGATED_LIST = re.compile(r"\b(?:not|cannot|never)\s+(?:be able to\s+|be allowed to\s+)?[a-z]+"
                           r"(?:,\s+(?:(?:and|or)\s+)?[a-z]+)*(?:,\s+|\s+)(?:(?:and|or|and/or)\s+)?$", re.I)
_PARTICIPLES = frozenset({"made", "sent", "written", "found", "seen", "left", "paid", "got", "gotten"})


def _is_participle(form: str, lemma: str) -> bool:
    return form != lemma.split(" ")[0] and (form.split(" ")[0].endswith("ed") or form.split(" ")[0] in _PARTICIPLES)


def _is_participle_form(word: str) -> bool:
    """Whether `word` is the participle of a verb the lexicon knows (`created`, `removed`)."""
    found = _VERBS.get(word)
    return found is not None and _is_participle(word, found[1])


def _action_spans(statement: Statement) -> list[tuple[int, int, bool]]:
    """Where a statement says what someone does: (start, end, needs a modal such as `can` before the verb).

    In Given/When/Then scenarios the Given part is context and the Then part is the outcome: only the When part
    asks for an operation, and a Then part only when it says someone *can* do something ("Then I can edit it").
    """
    text = statement.text
    if statement.kind != "scenario":
        # The benefit clause of a story or requirement ("so they can view or restore it") is not a request.
        lowered = statement.lowered
        benefit = _BENEFIT.search(text) if "so " in lowered or "in order" in lowered else None
        return [(0, benefit.start() if benefit else len(text), False)]
    shall = re.search(r"\bSHALL\b", text) if statement.requirement_kind == "kiro" else None
    if shall:
        # EARS: "WHEN <trigger> THE <system> SHALL <response>": the trigger is what someone does; the response asks
        # for an operation only when it lets someone do something ("SHALL allow users to export reports").
        return [(0, shall.start(), False), (shall.start(), len(text), True)]
    given = _GIVEN.search(text)
    when = _WHEN.search(text)
    then = _THEN.search(text)
    if not when and not then and not given:
        return [(0, len(text), False)]
    start = when.start() if when else (then.start() if then else len(text))
    end = then.start() if then and then.start() > start else len(text)
    spans = [(start, end, False)]
    if then and then.start() >= start:
        spans.append((then.start(), len(text), statement.requirement_kind != "kiro"))
    return spans


_LIST_NOUN_AFTER = re.compile(r"^\s+(?:list|lists|listing|listings|directory|catalog|catalogue|index|overview|table|grid|search|"
                              r"history)\b", re.I)
# "define a Sessions table with columns: ...": where the rows are stored, not a view that lists them.
_STORAGE_TABLE = re.compile(r"\s+tables?\b(?:\s+(?:with|having|containing|of)\s+(?:the\s+)?(?:following\s+)?"
                            r"(?:columns?|fields?)|\s*\(|\s*:)", re.IGNORECASE)
_LIST_NOUN_BEFORE = re.compile(r"\b(?:list|lists|listing|directory|catalog|catalogue|overview) of (?:all\s+)?(?:the\s+)?(?:\w+\s+)?$", re.I)
_NOMINALS = {"approval": "approve", "rejection": "reject", "cancellation": "cancel", "submission": "submit",
             "publication": "publish", "publishing": "publish", "activation": "activate", "deactivation": "deactivate",
             "reactivation": "reactivate", "archival": "archive", "archiving": "archive", "restoration": "restore",
             "anonymization": "anonymize", "anonymisation": "anonymize", "completion": "complete", "closure": "close",
             "confirmation": "confirm", "shipment": "ship", "receipt": "receive", "check-in": "check in",
             "suspension": "suspend", "verification": "verify", "assignment": "assign", "resolution": "resolve",
             "revocation": "revoke", "reinstatement": "reinstate", "issuance": "issue", "renewal": "renew",
             "termination": "terminate"}
# Nouns of writes: asked for only after a verb that enables them ("allow invoice deletion", "support soft deletion of
# delivery notes"); alone they name what happens ("deletion is logged").
_WRITE_NOMINALS = {"deletion": "delete", "removal": "delete", "creation": "create", "modification": "update",
                   "editing": "update", "duplication": "duplicate", "cloning": "clone", "updating": "update",
                   "retrieval": "list",
                   # "process booking requests": people ask for bookings, each request makes one; "provide real-time
                   # availability checking", "room lookup": reads of the list
                   "requests": "create", "checking": "list", "lookup": "list", "lookups": "list", "look-up": "list",
                   "browsing": "list", "selection": "list",
                   # "accept financial report uploads", "document upload": each upload makes one (see `upload`)
                   "upload": "create", "uploads": "create",
                   # "support creation and management of multiple calendars": every operation on them, asked for
                   # only with what it manages after it (see `_nominal_operations`)
                   "management": "manage"}
# "deletion of the invoice", "revocation (immediate disable) of a credential": what the noun acts on follows, also
# after other nominals coordinated with it ("creation and management of calendars", "editing, or removal of").
_NOMINAL_OF = re.compile(r"(?:,?\s+(?:and\s+|or\s+)?(?:creation|management|editing|deletion|removal|updating|"
                         r"modification|retrieval|viewing)\b){0,3}"
                         r"\s+(?:\([^()]{0,40}\)\s+)?(?:capabilit(?:y|ies)\s+|operations?\s+|endpoints?\s+)?(?:of|for)\s+"
                         r"(?:an?\s+|the\s+|existing\s+|their\s+|individual\s+|single\s+|all\s+|any\s+|multiple\s+|"
                         r"selected\s+|specific\s+|stored\s+){0,2}")
_COPY_NOMINALS = frozenset({"duplication", "cloning"})
"""Of these, the ones that copy a thing: an action on it (`POST /sections/{section_id}/duplicate`)."""
_NOMINALS_ALL = {**_NOMINALS, **_WRITE_NOMINALS}
_ASSIGNED_BEFORE = re.compile(r"\b(?:non-|un|already[- ])assigned\s+$", re.I)
_ASSIGNED_AFTER = re.compile(r"\s+(?:that|which)\s+(?:is|are)\s+(?:not\s+|already\s+)?assigned\b", re.I)
_PICKED_FROM = re.compile(r"\s+(?:from|among)\s+(?:(?:a|an|the|all|list of|\d+|two|three|four|five|six|seven|eight|"
                          r"nine|ten|several|predefined|existing|available|registered|active)\s+){0,3}", re.I)
_VERB_BEFORE_HYPHENATED = re.compile(r"(?:^|\b(?:to|can|cannot|may|must|will|should|shall|could|would|and|or|I|we|they|"
                                     r"you|he|she|who|MUST|SHALL|SHOULD|CAN|MAY))\s*(?:\w+ly\s+)?$")  # ("to manually re-...")
# Beside the determiners, words that make "issue" a noun: "any issue", "no issue", "an open/known/reported issue".
_ISSUE_NOUN_BEFORE = re.compile(r"\b(?:any|no|open|known|reported)\s+$", re.I)
_GERUND_SUBJECT = re.compile(r"\s+(?:fails?|failed|succeeds?|succeeded|is|are|was|were|completes?|completed|errors?|"
                             r"times out|timed out|breaks?|stops?|happens?|occurs?|as)\b")
_BY_ITS_ID = re.compile(r"[^.;,]{0,40}?\bby\s+(?:its\s+|their\s+|the\s+)?(?:[a-z]+\s+)?(?:id|identifier|key|uuid)\b", re.I)
_NAME_LABEL = re.compile(r"\([^()]{1,60}\)\s*:")
# (and the plurals of moves: "allow cancellations up until the pickup time")
_NOMINAL_PLURALS = {f"{nominal}s": lemma for nominal, lemma in _NOMINALS.items()
                    if not nominal.endswith(("ing", "t", "-in"))}
_NOMINAL_INDEX = PhraseIndex({nominal: nominal for nominal in (*_NOMINALS_ALL, *_NOMINAL_PLURALS)})
_PREVENTED_BEFORE = re.compile(r"\b(?:prevent|prevents|block|blocks|disallow|disallows|refuse|refuses|reject|rejects|"
                               r"forbid|forbids)\s+(?:the\s+)?$", re.I)
# The case a refused act is refused in, right after its object: "containing articles", "that are in use".
_REFUSED_CASE_AFTER = re.compile(r"\s+(?:that|which|who)\s+(?:are|is|have|has|still|contain|contains|hold|holds)\b|"
                                 r"\s+(?:containing|holding|having|with|in use|still|while|when|if|unless|once|after|"
                                 r"before|until)\b", re.I)
_RESTRICT_BEFORE = re.compile(r"\b(?:restrict|restricts|limit|limits|reserve|reserves)\s+(?:the\s+)?$", re.I)
_RESTRICTED_TO = re.compile(r"\s+to\s+(?:the\s+)?([a-z][a-z -]*?)(?:\s+only)?(?=\s*(?:[.,;:—–-]|$))", re.I)
_ENABLING_BEFORE = re.compile(r"\b(?:allow|allows|support|supports|enable|enables|permit|permits|provide|provides|offer|"
                              r"offers|process|processes|handle|handles|accept|accepts)\s+(?:[\w-]+\s+){0,3}$", re.I)


@dataclass(slots=True)
class _Found:
    """A verb occurrence, shaped like a regex match (`group(0)`, `start()`, `end()`)."""

    text: str
    begin: int
    finish: int

    def group(self, _index: int = 0) -> str:
        return self.text

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


# Limits an upload states: the file formats it takes (`PDF, DOCX, TXT, and MD formats`, `JPEG or PNG`) and its size.
_FILE_FORMATS = re.compile(r"\b(PDF|DOCX?|TXT|MD|HTML?|CSV|TSV|XLSX?|JSON|XML|ZIP|JPE?G|PNG|GIF|WEBP|HEIC|SVG|MP4|MOV|"
                           r"MP3|WAV|M4A|ODT|RTF|EPUB|iXBRL|XBRL)\b")
_FILE_SIZE = re.compile(r"\b(\d+(?:\.\d+)?)\s?(KB|MB|GB|kB|Mb|megabytes?|kilobytes?|gigabytes?)\b", re.I)


_TAKES_FILES = re.compile(r"\b(?:accepts?|receives?)\s+(?:(?:the|an?|their|uploaded|incoming)\s+)?", re.I)


def upload_limits(text: str) -> str:
    """`PDF, HTML; at most 50 MB`: what the statement of an upload says about its files (empty when nothing)."""
    formats = list(dict.fromkeys(match.group(1) for match in _FILE_FORMATS.finditer(text)))
    size = _FILE_SIZE.search(text)
    parts = []
    if formats:
        parts.append(", ".join(formats))
    if size is not None:
        unit = size.group(2).upper()[0] + "B"
        parts.append(f"at most {size.group(1)} {unit}")
    return "; ".join(parts)


def verb_kinds(text: str) -> set[str]:
    """The operation kinds the verbs of `text` ask for (`create`, `update`, `delete`, `list`, `action`, `manage`)."""
    return {_VERBS[found.group(0)][0] for found in _verbs_in(text)}


def _nominals_in(text: str) -> list[_Found]:
    return [_Found(key, start, end) for start, end, key, _value in _NOMINAL_INDEX.find(text)]


def _verbs_in(text: str) -> list[_Found]:
    return [_Found(key, start, end) for start, end, key, _value in _VERB_INDEX.find(text)]


@dataclass(slots=True)
class Operation:
    kind: str
    """`create`, `list`, `detail`, `update`, `delete`, `action` (on one item), `collection` (an action on the whole
    collection: reorder, import, export, trash), `compute` (the system works something out for given content:
    `POST /suggest-tags`), `attach` / `detach` (add an existing thing to, or take it off, another it is linked to
    many-to-many: "add and remove tags on an article" -> `POST`/`DELETE /articles/{article_id}/tags`), `auth`,
    `health`."""
    entity: Entity | None
    name: str = ""
    """The action verb (`publish`) or auth operation (`login`)."""
    parent: Entity | None = None
    parent_owned: bool = False
    """The parent came from an ownership relationship (item routes nest too), not only from the wording."""
    nest_items: bool = True
    """Item routes (`/{id}`, actions) nest under the parent too; False when only a domain ownership relationship, not
    the wording or a compound name, places the collection there (`POST /events/{event_id}/orders`, `POST /orders/{order_id}/cancel`)."""
    sources: list[SourceRef] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    public: bool = False
    owner: bool = False
    query: list[str] = field(default_factory=list)
    primary: bool = False
    """A requirement (not only a story or an example scenario) asks for it."""
    inferred: str = ""
    """Why the engine added this operation without a verb asking for it (an assumption), if it did."""
    partial: bool = False
    """An update the spec calls partial ("partially update a profile"): PATCH whatever the configured method. So is
    an action the spec says is toggled ("toggle a task's completion status"): `PATCH` at its path (`_mark_toggles`)."""
    singleton: bool = False
    """The spec speaks of one such thing only ("the board"): its routes have no id (`GET /board`)."""
    everyone: bool = False
    """A requirement gives it to any signed-in person ("users MUST be able to create listings"): another sentence's
    role ("administrators batch upload listings") does not narrow it."""
    only: bool = False
    """The wording limits it to its roles ("only admins can delete listings"): it narrows what `everyone` widens."""
    within: Entity | None = None
    """The thing the wording puts it on when its routes do not nest there ("a shipping address on an order"): where
    a singleton's routes go (`PUT /orders/{order_id}/shipping-address`)."""
    segment: str = ""
    """A role's own sub-collection of an account entity under its parent ("create the first manager user for each
    organization": `POST /organizations/{organization_id}/managers`); empty for the entity's own collection."""
    record: str = ""
    """For adding or removing a thing on a place: the entity whose row records it there (`PlannedExercise` when
    "add exercises to workout plans"), when no many-to-many link model does."""
    upload: str | None = None
    """For a create the spec words as an upload ("upload documents", "accept report uploads"): the file limits it
    states (`PDF, DOCX; at most 3 MB`, empty when none); None when nothing is uploaded."""

    def key(self) -> tuple:
        """Operations with the same key are one route: the same kind and verb on the same entity and parent."""
        return (self.kind, self.entity.name if self.entity else "", self.name, self.parent.name if self.parent else "",
                self.segment)

    def absorb(self, other: "Operation", *, with_nesting: bool = True) -> None:
        """Fold a duplicate found in another sentence into this one: every source, role and filter of both, and any
        flag either sets. `with_nesting=False` once nesting is decided: ownership and filters are then settled."""
        for source in other.sources:
            if all(s.label != source.label for s in self.sources):
                self.sources.append(source)
        if self.only or other.only:
            # "Only admins can delete listings": the roles the limiting sentence names, whatever another grants.
            self.roles = (self.roles if self.only else set()) | (other.roles if other.only else set())
            self.only, self.everyone = True, False
        elif (self.kind in ("list", "detail") and ((not self.roles and self.primary) or (not other.roles and other.primary))) \
                or (self.everyone and self.primary) or (other.everyone and other.primary):
            # A read a requirement gives everyone (filter choices), or any operation a requirement gives users, is
            # not narrowed by another sentence's role; an example or a refused attempt (not a requirement) widens nothing.
            self.roles = set()
            self.everyone = self.everyone or other.everyone
        else:
            # A new set: operations made from one verb share their roles set, and one absorbing another sentence's
            # role must not hand it to its siblings ("manage leads and enquiries" is not the clients' because
            # clients make enquiries).
            self.roles = self.roles | other.roles
        self.public = self.public or other.public
        self.owner = self.owner or other.owner
        self.primary = self.primary or other.primary
        self.partial = self.partial or other.partial
        self.record = self.record or other.record
        if other.upload is not None and (self.upload is None or len(other.upload) > len(self.upload)):
            self.upload = other.upload
        if with_nesting:
            self.parent_owned = self.parent_owned or other.parent_owned
            for name in other.query:
                if name not in self.query:
                    self.query.append(name)


# ----------------------------------------------------------------------------------------- subjects

@dataclass(slots=True)
class Subject:
    system: bool = False
    public: bool = False
    roles: set[str] = field(default_factory=set)
    owner: bool = False
    everyone: bool = False
    """The subject is people in general (`users`, `anyone signed in`), no role."""
    only: bool = False
    """The subject limits the verb to a role (`only admins`, `admin-only`)."""


# People in general, as a subject: `users`, `any user`, `anyone`, `signed-in users`.
_EVERYONE = re.compile(r"(?:(?:all|any|the|a|an|each|every|authenticated|signed[- ]in|logged[- ]in|registered|verified)\s+)*"
                       r"(?:users?|anyone|everyone|people)", re.I)
_ONLY_SUBJECT = re.compile(r"\bonly\b|-only\b", re.I)


def _owner_only(text: str, domain: DomainModel) -> bool:
    """Whether `text` limits an operation to the owner of the thing ("their own", "owned by"). When the spec's people
    include an owner (a business or property owner), the bare word names that role, not whoever owns the thing."""
    if "own" not in text.casefold():
        return False
    owner_role = any(actor == "owner" or actor.endswith(("_owner", " owner")) for actor in domain.actors)
    for match in _OWNER_WORDS.finditer(text):
        if not match.group(0).casefold().endswith("owner"):
            return True
        # "the owner", "the ticket owner"; not "a product owner" (a kind of person, when no Product is modelled)
        if not owner_role and (match.group(2) is None or _names_entity(match.group(2), domain)):
            return True
    return False


def _sentence_at(text: str, position: int) -> str:
    """The sentence of `text` around `position` (sentences end with ". ", "; " or "! ")."""
    start = max(text.rfind(". ", 0, position), text.rfind("; ", 0, position), text.rfind("! ", 0, position)) + 1
    ends = [end for end in (text.find(". ", position), text.find("; ", position), text.find("! ", position))
            if end >= 0]
    return text[start:min(ends) if ends else len(text)]


def _names_entity(word: str, domain: DomainModel) -> bool:
    word = singular(word.casefold())
    return any(split_name(entity.name)[-1].casefold() == word for entity in domain.entities) or word == "account"


# A sentence's subject before its verb: a few words, not a prepositional phrase ("On save, ...").
_NEW_SUBJECT = re.compile(r"(?!(?:on|in|at|for|with|after|before|upon|during|when|if|once|by|to|from)\b)[A-Za-z][\w-]*"
                          r"(?:\s+[\w-]+){0,3}\s*", re.I)
# A relative clause with its own subject before a later modal: "... a directory where managers can".
_RELATIVE_SUBJECT = re.compile(r"\b(?:where|whereby|in which|through which|so that|such that)\s+((?:(?:the|all|any|their|its)\s+)?"
                               r"[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})\s+$")
_CLAUSE_WORDS = re.compile(r"\b(?:until|unless|before|after|once|so|because|while|whereas)\b", re.I)


def _subject(text: str, position: int, domain: DomainModel) -> Subject:
    """Who performs the verb at `position`: `allow X to`, or the phrase before the modal, or a Given/When subject."""
    before = text[:position]
    subject_text = ""
    modals_subject = False  # the subject is the one before the sentence's modal ("Users MUST be able to ...")
    lowered = before.casefold()
    allowed = list(_ALLOW.finditer(before)) if any(hint in lowered for hint in _ALLOW_HINTS) else []
    if not allowed and " for " in lowered:
        # "provide a CRM for Realtors to manage leads": the people the means is for do the verb.
        allowed = list(_FOR_WHOM_TO.finditer(before, max(0, len(before) - 80)))
    if allowed:
        subject_text = allowed[-1].group(1)
    else:
        modals = list(_MODAL.finditer(before))
        when = list(_WHEN_OR_IF.finditer(before))
        sentence_end = max(before.rfind(". "), before.rfind("; ")) if modals else -1
        if when and (not modals or when[-1].start() > modals[-1].start()):
            subject_text = before[when[-1].end():]
        elif modals and sentence_end > modals[-1].start() and _NEW_SUBJECT.fullmatch(before, sentence_end + 2):
            # "... delivered can rate it. Staff approve or reject reviews": the modal is another sentence's.
            subject_text = before[sentence_end + 2:]
        elif modals:
            # "System MUST require the user to select X and MUST update Y": coordinated modals share the subject
            # before the first modal of the sentence.
            sentence = max(before.rfind(".", 0, modals[-1].start()), before.rfind(";", 0, modals[-1].start())) + 1
            first = next(m for m in modals if m.start() >= sentence) if any(m.start() >= sentence for m in modals) else modals[-1]
            relative = _RELATIVE_SUBJECT.search(before, first.end(), modals[-1].start()) \
                if modals[-1] is not first else None
            if relative is not None:
                # "System MUST provide a directory where managers can add, edit, and view clients": the clause
                # has a subject of its own.
                subject_text = relative.group(1)
            else:
                start = max(before.rfind(",", sentence, first.start()), sentence)
                subject_text = before[start:first.start()]
            modals_subject = True
        else:
            # "hidden from the public until an admin approves it": the subject follows the last clause word.
            subject_text = _CLAUSE_WORDS.split(before[-60:])[-1]
            joined = subject_text.rsplit(" and ", 1)
            if len(joined) == 2 and joined[1].strip() and _verbs_in(joined[0]):
                # "Administrator Invites and User Accepts": the verb after `and` has its own subject.
                subject_text = joined[1]
    subject = Subject()
    words = subject_text.strip()
    # "System MUST allow creating a customer": people create it. (The pattern ends the text: its tail suffices.)
    enabling = _ENABLING.search(before[-_ENABLING_REACH:])
    if enabling is not None and enabling.group("verbs") and not all(
            word in _VERBS for word in _LISTED_WORD.findall(enabling.group("verbs").casefold()) if word not in _JOINERS):
        enabling = None  # "provide user authentication and maintain a history": a noun, then the system's own verb
    enabling = enabling or (
        any(map(lowered.__contains__, _MEANS_WORDS)) and _MEANS.search(before[-_ENABLING_REACH:])) or (
        "requir" in lowered and _GUARDED.search(before[-_ENABLING_REACH:])) or (
        " from " in lowered and _PREVENTED.search(before[-_ENABLING_REACH:]) and _OTHERS_ONLY.match(text, position))
    if not allowed and not enabling and _SYSTEM_SUBJECTS.search(words) and not _PEOPLE_BESIDE_SYSTEM.search(words):
        subject.system = True
    if _PUBLIC_SUBJECTS.search(words):
        subject.public = True
    elif "anonym" in text or "without" in text:
        # "Readers MUST be able to retrieve an article anonymously": whoever it is needs no account for it.
        stop = _SENTENCE_MARK.search(text, position)
        # "allow a visitor, without login, to read": the grant before the verb says it too.
        grant = _GRANT_BEFORE.search(text, max(0, position - 80), position) \
            if text.endswith("to ", 0, position) and "without" in text[max(0, position - 80):position] else None
        anonymous = _ANONYMOUSLY.search(text, grant.start() if grant else position, stop.start() if stop else len(text))
        if anonymous is not None and not _NEGATION.search(text, max(0, anonymous.start() - 60), anonymous.start()):
            subject.public = True
    actor_entities = tuple(e.name.casefold() for e in domain.entities if e.is_actor) + tuple(domain.roles)
    matched = [(pattern, role) for pattern, role in _actor_patterns(tuple(domain.actors), actor_entities)
               if pattern.search(words)]
    if len(matched) == 1:
        subject.roles.add(matched[0][1])
    elif matched:
        spans = [(match.start(), match.end(), role) for pattern, role in matched for match in pattern.finditer(words)]
        # "the manager is in the client directory", "Manager Manages Client Directory": a role's name before a noun
        # names a thing (the directory), not a second person acting.
        acting = [span for span in spans if not _names_a_thing(words, span[1])]
        if acting and {role for _s, _e, role in acting} != {role for _s, _e, role in spans}:
            spans = acting
        for start, end, role in spans:
            # "Organization Managers": the longer name is the role, not the `manager` inside it.
            if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans):
                subject.roles.add(role)
    # "provide admin-only functionality for managing platforms": the means says who uses it.
    admin = _ADMIN_SUBJECTS.search(words) or (_ADMIN_SUBJECTS.search(enabling.group(0)) if enabling else None)
    if admin and not subject.roles:
        subject.roles.add(singular(admin.group(1).casefold()).replace(" ", "_").replace("administrator", "admin"))
    if subject.roles:
        subject.only = bool(_ONLY_SUBJECT.search(words))
    elif not subject.system and not subject.public and (allowed or modals_subject):
        subject.everyone = bool(_EVERYONE.fullmatch(words))
    return subject


# ----------------------------------------------------------------------------------------- operations

_SAME_ROLE = {"admin_user": "admin", "administrator_user": "admin", "admin_users": "admin"}
"""Actor names that are another name of a role (`Admin User` is the admin; so is any `<Role> User`)."""


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][a-z-]+)\b(?![-'’])")
_CLAUSE_CONTINUATIONS = frozenset({
    "and", "or", "is", "are", "was", "were", "has", "have", "had", "can", "could", "may", "might", "must", "will",
    "would", "should", "shall", "who", "that", "which", "with", "in", "on", "at", "to", "for", "from", "of", "by", "as",
    "the", "a", "an", "also", "then", "only", "not", "never", "already", "still", "now", "first", "again", "when", "if",
    "wants", "want", "needs", "need", "tries", "try", "attempts", "attempt", "opens", "open", "selects", "select",
    "clicks", "click", "sees", "see", "goes", "go", "navigates", "navigate", "enters", "enter", "logs", "log", "signs",
    "sign", "receives", "receive", "submits", "submit", "uses", "use", "does", "do", "did"})


def _names_a_thing(words: str, end: int) -> bool:
    """Whether the role name ending at `end` is followed by a noun it qualifies (`client directory`) rather than by
    a verb or a word that continues a clause (`the manager is`, `a manager maintains`)."""
    following = _NEXT_WORD.match(words, end)
    if following is None:
        return False
    word = following.group(1).casefold()
    return word not in _CLAUSE_CONTINUATIONS and word not in _VERBS and not word.endswith(("ed", "s", "ly"))


@lru_cache(maxsize=256)
def _actor_patterns(actors: tuple[str, ...], actor_entities: tuple[str, ...]) -> list[tuple[re.Pattern[str], str]]:
    """A word pattern per person actor (singular or plural) and the role it grants; "user" grants none."""
    patterns = []
    known = {snake_case(actor.replace(" ", "_")).casefold() for actor in actors} | set(actor_entities)
    for actor in actors:
        if not PERSON_WORD.search(actor) and actor.replace("_", "").casefold() not in actor_entities:
            continue
        if actor.casefold() in ("user", "users"):
            continue
        name = actor.casefold().replace("_", " ")  # `door_staff` is written "Door staff"
        variants = sorted({name, plural(name)}, key=len, reverse=True)
        # "an account owner", "the team manager": the actor's name before a word for a person is who they are not;
        # nor before a participle it compounds with ("admin-approved organizers" are organizers).
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(v).replace(r"\ ", r"[-\s]+") for v in variants) +
                             r")\b(?![-\s]+(?:owner|holder|manager|"
                             r"admin|administrator|lead|leader|creator)s?\b)(?!-[a-z]+ed\b)", re.I)
        role = snake_case(actor.replace(" ", "_")).casefold()
        role = _SAME_ROLE.get(role, role)
        if role.endswith(("_user", "_users")) and role.count("_") == 1 and role.rsplit("_", 1)[0] in known:
            role = role.rsplit("_", 1)[0]  # "Trainer users" are trainers, when trainers are people of the spec
        patterns.append((pattern, role))
    return patterns


def _states_of(entity: Entity) -> set[str]:
    if entity.states is None:
        return set()
    return {state.casefold().replace(" ", "_").replace("-", "_") for state in entity.states.states}


def is_transition(entity: Entity, lemma: str) -> bool:
    """Whether `lemma` names a transition of the entity's state machine (trigger or the state it leads to)."""
    if entity.states is None:
        return False
    head = lemma.replace(" ", "_").replace("-", "_")
    if any(t.trigger.casefold().replace(" ", "_").replace("-", "_") == head for t in entity.states.transitions):
        return True
    return bool(states_reached(entity, lemma))


def states_reached(entity: Entity, lemma: str) -> set[str]:
    """The states of the entity named after the verb: `ship` -> `shipped`, `activate` -> `active`."""
    if entity.states is None:
        return set()
    head = lemma.replace(" ", "_").replace("-", "_")
    states = _states_of(entity)
    candidates = {head + "ed", head + "d", head + "led", head.rstrip("e") + "ed", head + "_in", head + "ped"}
    special = {"cancel": {"canceled", "cancelled"}, "check_in": {"checked_in"}, "check_out": {"checked_out"},
               "activate": {"active"}, "deactivate": {"inactive", "deactivated"}, "close": {"closed"},
               "reopen": {"reopened", "open"},
               "complete": {"completed", "done"}, "send": {"sent"}, "pay": {"paid"}, "ship": {"shipped"},
               "submit": {"submitted"}, "publish": {"published"}, "archive": {"archived"}}
    candidates |= special.get(head, set())
    return states & candidates


def _parent_after(text: str, mention: Mention, mentions: list[Mention]) -> Mention | None:
    rest = text[mention.end:mention.end + 80]
    link = _PARENT_LINK.match(rest)
    if not link:
        return None
    offset = mention.end + link.end()
    found = next((m for m in mentions if m.start == offset and m.entity is not mention.entity), None)
    if found is None:
        # "on a DRAFT order", "to an open ticket": one of the parent's states may stand before it.
        state = re.match(r"[\w-]+\s+", text[offset:offset + 40])
        if state is not None:
            word = state.group(0).strip().casefold().replace("-", "_")
            found = next((m for m in mentions if m.start == offset + state.end() and m.entity is not mention.entity
                          and word in _states_of(m.entity)), None)
    return found


def _possessive_parent(text: str, mention: Mention, mentions: list[Mention]) -> Mention | None:
    """`a character's snapshots`: the entity just before the object in the possessive."""
    for other in mentions:
        if other.entity is mention.entity or other.end > mention.start:
            continue
        between = text[other.end:mention.start]
        if _POSSESSIVE_GAP.fullmatch(between):
            return other
    return None


def _owning_parent(entity: Entity, domain: DomainModel) -> tuple[Entity | None, bool]:
    """The owner an entity's routes nest under without wording that places them: a compound name that starts with the
    entity it belongs to (`CustomerAddress` belongs to `Customer`: `/customers/{customer_id}/addresses`). An ownership
    relationship alone does not nest: API authors keep main resources (`/purchase-orders`) at the top and filter by
    owner; the spec's wording ("ticket types per event") nests where it says so. A thing with a lifecycle of its own
    (`VendorRMA`: open, shipped, closed) is a main resource too, whatever its name starts with (`/vendor-rmas`)."""
    if entity.states is not None and entity.states.transitions:
        return None, False
    if is_message(entity):
        # Messages are listed and sent in their conversation (`/conversations/{id}/messages`); one is still edited
        # or marked read at its own path.
        space = next((domain.entity(r.target) for r in entity.relationships if r.kind == "belongs-to"
                      and domain.entity(r.target) is not None and is_message_space(domain.entity(r.target))), None)
        if space is not None:
            return space, False
    for relationship in entity.relationships:
        if relationship.kind != "belongs-to":
            continue
        parent = domain.entity(relationship.target)
        if parent is None or parent is entity or parent.link:
            continue
        words, parent_words = split_name(entity.name), split_name(parent.name)
        if len(words) > len(parent_words) and words[:len(parent_words)] == parent_words:
            return parent, True
    return None, False


def _related(entity: Entity, other: Entity) -> bool:
    names = {other.name.casefold(), other.display_name.casefold()}
    return any(r.target.casefold() in names for r in entity.relationships) or \
        any(r.target.casefold() in {entity.name.casefold(), entity.display_name.casefold()} for r in other.relationships)


_IRREGULAR_PARTICIPLES = {"paid": "pay", "sent": "send", "done": "complete", "read": "read", "won": "win", "lost": "lose"}


def _marked_action(word: str) -> str | None:
    """The verb of a state someone marks a thing as: `returned` -> `return`, `paid` -> `pay`, `approved` -> `approve`."""
    found = _VERBS.get(word)
    if found is not None and found[1] != "mark":
        return found[1]
    if word in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[word]
    if not word.endswith("ed") or len(word) < 5:
        return None
    for stem in (word[:-1], word[:-2], word[:-3]):
        if stem in _LEMMAS:
            return stem
    stem = word[:-2]
    return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "ls" else stem


def _starts_in(entity: Entity, lemma: str) -> bool:
    """Whether the state `lemma` leads to is where the entity's life starts ("book an appointment" when `booked` is
    its first state): the verb makes one, it moves none."""
    machine = entity.states
    if machine is None or not machine.states:
        return False
    first = (machine.initial or machine.states[0]).casefold().replace(" ", "_").replace("-", "_")
    reached = {t.target.casefold().replace(" ", "_").replace("-", "_") for t in machine.transitions
               if t.trigger.replace("-", " ").casefold() == lemma}
    return first in reached or first in {lemma + "ed", lemma + "d", lemma + lemma[-1:] + "ed"}


def _operation_kinds(kind: str, lemma: str, target: Mention, gap: str, text: str) -> list[tuple[str, str]]:
    """What a verb asks for on its object: (operation kind, action name)."""
    entity = target.entity
    if lemma == "mark":
        # "mark loans as returned", "mark the invoice as paid": the state change is the action (`return`, `pay`).
        state = _MARKED_AS.match(text, target.end)
        action = _marked_action(state.group(1).casefold()) if state else None
        if action in _DELETE:
            return [("delete", "")]  # "mark books as deleted": a (soft) delete, `DELETE /books/{book_id}`
        if action is not None:
            return [("action", action)]
        if state is None and _RECORDED_MARK.match(text, target.end):
            return [("create", "")]  # "mark daily attendance for their classes": the attendance is recorded
    if lemma in COLLECTION_ACTIONS and (target.plural or lemma != "reorder"):
        return [("collection", lemma)]
    if kind == "action" or lemma in _ACTION_OR_CREATE:
        if is_transition(entity, lemma) and not (lemma in _ACTION_OR_CREATE and _starts_in(entity, lemma)):
            return [("action", lemma)]
        return [("create", "")] if lemma in _ACTION_OR_CREATE else [("action", lemma)]
    if kind == "manage":
        return [(managed, "") for managed in _MANAGED_KINDS]
    if kind == "list":
        detail = not target.plural and not re.search(r"\b(all|list|every)\b", gap, re.I) \
            and not _LIST_NOUN_AFTER.match(text[target.end:target.end + 30])
        if lemma in ("list", "browse", "search", "filter", "sort", "export", "query", "monitor", "track"):
            detail = False
        if not target.plural and _BY_ITS_ID.match(text, target.end, target.end + 60):
            detail = True  # "query current inventory status for a product by product ID": one, by its key
        return [("detail" if detail else "list", "")]
    return [(kind, "")]


_RESPONSE_ONLY = ("Error", "Errors", "Exception")


def find_operations(statements: list[Statement], domain: DomainModel,
                    matcher: EntityMatcher | None = None) -> list[Operation]:
    """Every operation the statements ask for, merged per (kind, entity, name, parent)."""
    matcher = matcher or EntityMatcher(domain)
    merged: dict[tuple, Operation] = {}

    role_words = _role_words(domain)
    people_words = role_words | {split_name(e.name)[-1].casefold() for e in domain.entities if e.is_actor and e.name}
    heads = _head_nouns(domain)
    makers = _makers(domain)
    issue_modelled = any(split_name(e.name)[-1:] == ["issue"] for e in domain.entities)  # an Issue tracker

    signed_up: set[str] = set()
    system_made: list[Operation] = []

    def add(operation: Operation) -> None:
        if operation.entity is not None and operation.entity.name.endswith(_RESPONSE_ONLY):
            return  # "display validation errors" with a Validation Error modelled: a response, not a resource
        existing = merged.get(operation.key())
        if existing is None:
            merged[operation.key()] = operation
        else:
            existing.absorb(operation)

    # Names in Japanese, Korean or Chinese (`タスク` for Task): their statements are read by `cjk_operations`.
    cjk_names = {name: entity for entity in domain.entities if not entity.link and not entity.is_actor
                 for name in (entity.display_name, *entity.aliases) if has_cjk(name)}
    for statement in statements:
        if statement.kind not in ("requirement", "story", "scenario"):
            continue
        text = statement.text
        if cjk_names and statement.kind != "scenario" and has_cjk(text):
            for kind, entity, _start in cjk_operations(text, cjk_names):
                add(Operation(kind, entity, sources=[statement.ref()], primary=statement.kind == "requirement"))
        if statement.kind == "scenario" and ("no " in text or "not " in text) and \
                _NO_SUCH_OPTION.search(text, max(0, text.find("Then"))) and "Then" in text:
            continue  # "When they look for a way to join on their own, Then no join option exists": refused
        mentions = matcher.mentions(text)
        if " /" in text:
            mentions = _outside_paths(text, mentions)
        primary = statement.kind == "requirement" or statement.requirement_kind in ("kiro", "openspec")
        if not mentions:
            # "Owners MUST be able to invite people by email": what the verb makes need not be named.
            for verb in _verbs_in(text) if makers else ():
                lemma = _VERBS[verb.group(0).casefold()][1]
                if lemma in makers:
                    made = _made_by(statement, verb, lemma, makers, mentions, _action_spans(statement), domain, primary)
                    if made is not None:
                        add(made)
            if "account creation" in text.casefold():
                for operation in _nominal_operations(statement, mentions, domain, primary):
                    add(operation)
            continue
        spans: list[tuple[int, int, bool]] | None = None  # computed for the first verb with an entity in reach
        attempt: bool | None = None  # whether someone only tries (and is refused); computed at the first operation
        owner = False
        verbs = _verbs_in(text)
        # `(Remove role): The system MUST allow removing a role from a user`: a requirement's own name in brackets
        # before its sentence; the sentence says the same verb with whom and what, so the name's verb adds nothing.
        named = _NAME_LABEL.match(text) if text[:1] == "(" else None
        for verb in verbs:
            form = verb.group(0).casefold()
            kind, lemma = _VERBS[form]
            if lemma not in makers and not any(verb.end() <= m.start < verb.end() + 70 for m in mentions) and not (
                    kind in _PRONOUN_KINDS and text.startswith((" it", " them", " It", " Them"), verb.end())):
                continue  # no entity close enough after the verb to be its object, nothing made, no pronoun
            if named is not None and verb.start() < named.end() and any(
                    _VERBS[other.group(0).casefold()][1] == lemma for other in verbs if other.start() >= named.end()):
                continue
            if text[verb.start():verb.end()] in _HTTP_METHODS:
                continue  # "patterns (GET, POST, path parameters)": HTTP method names, not someone's action
            if lemma in ("enable", "disable") and not _ENABLE_PAIR.search(text):
                continue  # "enables teams to plan", "disable adaptive follow-ups": a pair ("disable/enable users") acts

            if _PATH_OBJECT.match(text, verb.end()):
                continue  # "When a user requests /quotes/random": a call of an endpoint the spec writes itself
            if "-" in form and verb.start() > statement.title_end and \
                    not _VERB_BEFORE_HYPHENATED.search(text, max(0, verb.start() - 12), verb.start()):
                continue  # "from check-in to diagnosis", "staff complete check-in": the noun ("can check-in" acts)
            if lemma == "issue" and (issue_modelled or _DETERMINER_BEFORE.search(text, max(0, verb.start() - 12), verb.start())
                                     or _ISSUE_NOUN_BEFORE.search(text, max(0, verb.start() - 12), verb.start())):
                continue  # "report an issue", an Issue tracker: the noun, not "issue prescriptions"
            if _COUNTED_BEFORE.search(text, max(0, verb.start() - 12), verb.start()) and any(
                    m.start == verb.start() for m in mentions):
                continue  # "when one booking ends", "the next booking's start": a thing the spec names, counted
            if form == lemma and _DETERMINER_NOUN_BEFORE.search(text, max(0, verb.start() - 30), verb.start()):
                continue  # "narrow the roadmap view by team", "the admin view": a noun after a singular noun
            if form == lemma and text[verb.start() - 1:verb.start()] == " " and any(
                    m.end == verb.start() - 1 and not m.plural
                    and _DETERMINED.search(text, max(0, m.start - 40), m.start) for m in mentions):
                continue  # "submit their own progress update record": a noun after a name the spec models
            if _MODAL_NEXT.match(text, verb.end()):
                continue  # "Price edits MUST NOT change past orders": the subject of a modal is a noun
            if form == lemma and _KIND_OF_ACT_AFTER.match(text, verb.end()):
                continue  # "attempts a create, update, or delete operation": kinds of an operation, nobody acts
            if form.endswith("ing") and _GERUND_SUBJECT.match(text, verb.end()):
                continue  # "if event publishing fails", "treat event publishing as atomic": a noun, nobody acts
            if lemma not in makers and any(m.plural and m.start <= verb.start() < m.end for m in mentions):
                continue  # "access to archived posts": a plural the spec names a thing by is a noun there
            if lemma in makers:
                if spans is None:
                    spans = _action_spans(statement)
                made = _made_by(statement, verb, lemma, makers, mentions, spans, domain, primary)
                if made is not None:
                    add(made)
                    continue
            if kind == "make":
                continue  # nothing the spec models is made by it
            if lemma == "log" and (_LOG_IN_AFTER.match(text, verb.end()) or form not in ("log", "logs") or not (
                    _LOG_VERB_BEFORE.search(text, max(0, verb.start() - 30), verb.start())
                    or (verb.start() < statement.title_end and not text[:verb.start()].strip()))):
                # "log in to view tasks" signs in; "Log events MUST be distinguishable", "the Activity Log System",
                # "logging configuration" name logs. A log is made only after a modal or `to`, or in a story's title.
                continue
            if kind in _PRONOUN_KINDS and text.startswith((" it", " them", " It", " Them"), verb.end()) \
                    and (_PRONOUN_OBJECT.match(text, verb.end()) or _PRONOUN_TO_SOMEONE.match(text, verb.end())):
                # "allow the administrator who sent an invitation to cancel it": the object is the thing named last.
                if spans is None:
                    spans = _action_spans(statement)
                found = _pronoun_operation(statement, text, verb, form, kind, lemma, mentions, spans, domain, primary)
                if found is not None:
                    add(found)
                continue
            if not any(verb.end() <= m.start < verb.end() + 70 for m in mentions):
                continue  # no entity close enough after the verb to be its object (checked first: it is cheap)
            if lemma in ("show", "display") and form.endswith("ing") and any(
                    m.end == verb.start() - 1 for m in mentions):
                continue  # "leaderboards showing aggregated vote rankings": what the named thing shows, no read
            if form.endswith("ing") and _FEATURE_AFTER.match(text, verb.end()):
                continue  # "restrict time tracking features for users": names a feature, asks for no read
            if lemma == "access" and _ACCESS_NOUN.match(text, verb.end()):
                continue  # "restrict access to reports for users": the noun (people's access), not a read
            if form.endswith("s") and _NOUN_COMPOUND_BEFORE.search(text, max(0, verb.start() - 40), verb.start()) and \
                    any(m.end == verb.start() - 1 and not m.plural for m in mentions):
                continue  # "filter all task queries by user ID": a noun after a name and a plural determiner
            if spans is None:
                spans = _action_spans(statement)
            if not _asks(text, verb, form, lemma, spans):
                continue
            clause_end = _CLAUSE_END.search(text, verb.end(), verb.end() + 70)
            limit = min(clause_end.start() if clause_end else len(text), verb.end() + 70)
            target = next((m for m in mentions if verb.end() <= m.start < limit), None)
            if target is None:
                continue
            if lemma in ("show", "display") and target.entity.is_actor and not text[verb.end():target.start].strip() \
                    and _RECIPIENT_AFTER.match(text, target.end):
                continue  # "show users whether a booking was accepted": who is shown, not what
            if _STATS_AFTER.match(text, target.end):
                continue  # "a dashboard with task counts per status": figures about the things, not the things
            if target.entity.is_actor and _PERSONS_KEY.match(text, target.end):
                continue  # "when an admin regenerates a user's key": a key of theirs, not the person
            if target.entity.is_actor and _CRITERION_GAP.fullmatch(text, verb.end(), target.start):
                continue  # "filter all database queries by authenticated user ID": whose rows, not a list of users
            if kind == "create" and not target.plural:
                made = _MADE_AFTER.match(text, target.end)
                if made is not None and not any(m.start == made.start(1) for m in mentions) \
                        and made.group(1).casefold() not in _NOT_A_THING_MADE:
                    continue  # "book event tickets": the tickets (of an event) are made, not the event
            possessor = None
            if target.entity.is_actor and _OTHERS_THINGS.match(text, target.end) and \
                    not any(target.end < m.start < limit for m in mentions):
                continue  # "access another user's data": things of the person's, not the person (a profile is)
            if _POSSESSIVE_MARK.match(text, target.end) and (target.entity.is_actor or _OTHER_BEFORE.search(
                    text, max(0, target.start - 10), target.start)) and any(target.end < m.start < limit for m in mentions):
                # "edit other authors' posts": the person owns the thing acted on, the next name.
                possessor = target
                target = next(m for m in mentions if target.end < m.start < limit)
            elif _POSSESSIVE_MARK.match(text, target.end):
                # "export a project's tasks": the thing acted on is the project's tasks, which live under it.
                owned = next((m for m in mentions if target.end < m.start < limit), None)
                if owned is not None and _POSSESSED_GAP.fullmatch(text, target.end, owned.start):
                    target = owned
            # "view available appointment slots" with a Time Slot modelled: the name qualifies a noun that is the
            # last word of another entity's name, and that entity is the thing.
            if heads:
                head = _HEAD_NOUN_AFTER.match(text, target.end)
                other = _head_entity(heads, head.group(1).casefold()) if head else None
                if other is None and head is not None:
                    # "doctor working schedules" with a Work Schedule modelled: its name, the first word inflected.
                    head = _HEAD_NOUN_AFTER.match(text, head.end())
                    other = _head_entity(heads, head.group(1).casefold()) if head else None
                    if other is not None and not text[target.end + 1:].casefold().startswith(
                            split_name(other.name)[0].casefold()[:4]):
                        other = None
                if other is not None and other is not target.entity:
                    target = Mention(other, target.start, head.end(), text[target.start:head.end()],
                                     head.group(1).casefold() != singular(head.group(1).casefold()))
            # "remove items from their cart" with a CartItem of the cart modelled: the word before the place names
            # the part of it that is acted on, and the place is where it lives.
            place_of_part = None
            part = _PART_OF_PLACE.fullmatch(text, verb.end(), target.start) if lemma in _PART_VERBS else None
            if part is not None:
                word = singular(part.group(1).casefold())
                parts = [e for e in domain.entities if e is not target.entity and not e.link
                         and split_name(e.name)[-1].casefold() == word
                         and any(r.kind == "belongs-to" and r.target == target.entity.name for r in e.relationships)]
                other = parts[0] if len(parts) == 1 else None
                if other is not None:
                    place_of_part = target
                    target = Mention(other, part.start(1), part.end(1), part.group(1),
                                     part.group(1).casefold() != singular(part.group(1).casefold()))
            # "Create Standard Tournament Categories": in a compound of two names the last one is the thing.
            following = next((m for m in mentions if m.start > target.start), None)
            while following is not None and following.start < limit and text[target.end:following.start] == " " \
                    and following.entity is not target.entity:
                target = following
                following = next((m for m in mentions if m.start > target.start), None)
            # Only words that may be between a verb and its object: adjectives, determiners, other verbs of a list
            # ("create, edit and publish events"), not a second noun phrase ("add notes to patient records" is fine).
            gap = text[verb.end():target.start]
            if "," in gap:
                # "article owners MUST be able to update title, description, body, and tag list": the verb acts on
                # the fields of the thing named before it, and the name last in the list is one more of its fields.
                holder = _fields_holder(gap, target, mentions, verb.start())
                if holder is not None:
                    target = Mention(holder.entity, holder.start, holder.end, holder.text, False)
                    gap = ""
            if _PRONOUN.match(gap):
                continue  # "edit it, define its ticket types": the object is the pronoun
            if lemma in _CRITERION_VERBS and _BY_CRITERION.fullmatch(gap) and any(
                    m.entity is not target.entity and m.end <= verb.start() for m in mentions):
                # "article lists support filtering by author": the author is the criterion, not what is read (the
                # filter's choices are listed with the article list's query parameters). Without the list named
                # ("provide filtering by genre tags"), the choices are what the statement asks to read.
                continue
            if _NOT_OBJECT_GAP.match(gap) or (lemma == "connect" and _CONNECT_TO.match(gap)):
                continue  # "guests can check out without an account", "connect to their VPN": no object of the verb
            if lemma not in _CRITERION_VERBS and gap.strip() and _CRITERION_END.search(gap):
                continue  # "View High-Level Roadmap by Department": the thing after "by" is how it is cut, not read
            if target.entity.is_actor and lemma not in _FOR_OBJECT_VERBS and _FOR_PEOPLE_GAP.fullmatch(gap):
                continue  # "provide profile read/update for authenticated users": whom it serves, not what is read
            # (counted without the later verbs of a list: "edit, and track lifestyle, diet, and exercise goals")
            core = _after_verb_list(gap) if "," in gap or " and " in gap or " or " in gap else gap
            if "," in core:
                then = _OBJECT_THEN_VERB.match(core)
                if then is not None and then.group(1).split("/")[0].casefold() in _VERBS:
                    continue  # "list users, view user details, and regenerate API keys": users (not modelled) are
                    # what is listed; the keys are another verb's
            if (len(core.split()) > 6 or len(core.split()) > 3 and _PREPOSITION.search(core)
                    or core is not gap and _LISTED_NOUN_PLACE.search(core)
                    or _UNNAMED_OBJECT.search(gap)) and not _PART_OF.fullmatch(gap) \
                    and not _names_a_column(gap, target.entity):
                # `update the title of an existing recipe` acts on the recipe: the gap is a part of it; "write notes
                # for each appointment" makes notes (not modelled), not appointments
                continue
            subject = _subject(text, verb.start(), domain)
            if statement.group and not subject.roles and not subject.public and not subject.system:
                _group_access(subject, statement.group)
            entity = target.entity
            if lemma == "request" and _READ_REQUESTED.match(gap):
                kind, lemma = "list", "list"  # "When an admin requests all orders": asks to read them, makes nothing
            received = subject.system and lemma == "accept" and not entity.is_actor and not entity.link and \
                not is_transition(entity, lemma) and _ACCEPTED_FROM.match(text, target.end) is not None
            if received:
                # "System MUST accept and store test results from Playwright test executions": the service takes
                # them in from its clients, a create (not an invitation someone accepts)
                kind, lemma = "create", "create"
            if subject.system and kind not in ("list",) and not received:
                if lemma == "create" and primary and len(gap.split()) <= 2 and not entity.is_actor and \
                        not entity.link and not _SIDE_EFFECT.search(_sentence_at(text, verb.start())):
                    # "System MUST create a reservation in a pending-payment state": made on a client's request
                    # when nothing else makes it (see below)
                    system_made.append(Operation("create", entity, sources=[statement.ref()], primary=True))
                continue
            if subject.system and _PRESENTATION.search(text):
                continue  # "the system MUST display columns in a horizontal layout": how a screen looks, not a read
            if entity.is_actor and kind in ("create",) and (lemma in ("register",) or (
                    subject.public and _REGISTER.search(text, verb.start(), target.end + 1))):
                # self-registration ("allow a visitor to create an account") is an auth route; a requirement that
                # asks for it still asks for something (stories only illustrate then)
                if primary:
                    signed_up.add(entity.name)
                continue
            if kind != "action" and _ISSUED_TOKEN.search(entity.name):
                continue  # "log in, refresh tokens": the auth flows issue and revoke these, people do not edit them
            if entity.is_actor and kind == "action" and not is_transition(entity, lemma):
                # "receptionists check in patients": the patient's visit moves (the one thing with that state).
                moved = [e for e in domain.entities if not e.is_actor and not e.link and is_transition(e, lemma)]
                if len(moved) == 1:
                    entity = moved[0]
                    target = Mention(entity, target.start, target.end, target.text, target.plural)
            # "assign a camera to a container" when a third entity (CameraAssignment) holds keys to both: a row of
            # that link, added to the container (`POST /containers/{container_id}/cameras`), and unassigning takes it off.
            # "users join an existing session" with a Participant of a session modelled, "assign a ticket to one or
            # more users" with a TicketAssignment of a ticket: one such record is added there (`POST
            # /sessions/{session_id}/participants`, `POST /tickets/{ticket_id}/assignments`).
            record_words = _RECORD_WORDS.get(lemma)
            if record_words is not None and not is_transition(entity, lemma) and not (
                    _has_members(entity, domain) if lemma == "join" else entity.is_actor):
                record = _joiner_of(entity, domain, record_words)
                if record is not None:
                    made = Operation("create", record, sources=[statement.ref()], roles=set(subject.roles),
                                     primary=primary or verb.start() < statement.title_end, public=subject.public)
                    made.parent, made.parent_owned, made.nest_items = entity, True, False
                    add(made)
                    continue
            through = None
            if lemma in ("assign", "unassign") and not is_transition(entity, lemma):
                place = _parent_after(text, target, mentions)
                if place is not None and not place.entity.is_actor and not place.entity.link and \
                        not _many_to_many(entity, place.entity) and _linked_through(entity, place.entity, domain):
                    through = place  # (many-to-many links are "added" in specs; "assigned" there: 0 of 4 contracts)
                elif place is not None and place.entity.is_actor and _many_to_many(entity, place.entity):
                    # "assign a role to a user" with roles and users linked many-to-many: a row of the link, under
                    # the person (`POST /users/{user_id}/roles`)
                    through = place
            if through is None and lemma in _STATE_ONLY and not is_transition(entity, lemma) and not (
                    lemma in _TO_SOMEONE_VERBS and (_TO_SOMEONE.match(text, target.end)
                                                    or _to_role(text, target.end, people_words))
                    and split_name(entity.name)[-1].casefold() not in _GIVEN_TO_PEOPLE) and not (
                    lemma == "share" and _WITH_SOMEONE.match(text, target.end)) and not (
                    lemma in ("duplicate", "clone") and _DETERMINER_GAP.fullmatch(gap)) and not (
                    lemma == "join" and _has_members(entity, domain)) and not (
                    lemma in ("accept", "decline") and split_name(entity.name)[-1].casefold() in _ANSWERED_THINGS):
                # ("assign conversations to team members", "share a recipe with other users" name whom, "duplicate
                # a recipe" has its article: actions without a state; "duplicate votes" is an adjective; "accept or
                # decline project invitations" answers them, states listed or not)
                continue
            if kind == "manage" and _QUALITY_AFTER.match(text, target.end):
                continue  # "maintain historical leaderboard integrity": a quality of it is kept, nothing is managed
            operation_kinds = _operation_kinds(kind, lemma, target, gap, text) if through is None else \
                [("attach" if lemma == "assign" else "detach", "")]
            parent_mention = place_of_part or _parent_after(text, target, mentions) or \
                _possessive_parent(text, target, mentions)
            shallow = False  # the list lives under the parent; each one keeps its own path
            if parent_mention is None and kind in ("list", "create"):
                # "display all tasks and comments for each project", "add replies and attachments to their tickets":
                # the place after a list of objects is each one's that the domain model keeps there (tasks of a
                # project; not comments, which are a task's).
                listed = _coordinated(text, target, mentions, limit)
                shared = _parent_after(text, listed[-1], mentions) if listed else None
                if shared is not None and _related(entity, shared.entity) and not _many_to_many(entity, shared.entity):
                    parent_mention, shallow = shared, True
            if kind == "delete" and parent_mention is not None and not parent_mention.entity.is_actor and (
                    entity.is_actor or PERSON_WORD.search(entity.name)):
                # "remove players from tournament registrations", "remove a member from a project": the person's
                # record in the thing goes, never the person's account.
                held = _record_of(entity, parent_mention.entity, domain)
                if held is not None and not entity.is_actor and not held.link and held is not parent_mention.entity \
                        and not ACTOR_NAME.search(entity.display_name):
                    # A name that only ends like a person's ("remove containers within a space") is not a person
                    # whose record in the place goes: a thing keyed to both (an image of either) is no such record.
                    held = None
                if held is not None:
                    entity = held
                    # A link record lives under the thing it is removed from; a record named itself ("tournament
                    # registrations") lives where it lives.
                    if not any(r.kind == "belongs-to" and r.target == parent_mention.entity.name
                               for r in held.relationships):
                        parent_mention = None
            if parent_mention is not None and parent_mention is possessor:
                parent_mention = None  # whose it is (owner-only rules), not where it lives
            if parent_mention is None and _POSSESSIVE_END.search(gap):
                # "the event's organizer MAY ... define its ticket types": `its` is the last entity named before.
                # The possessor is the thing the sentence is about, its first non-person entity, not a sibling object
                # of the same verb list ("define its ticket types or see its orders").
                sentence_start = max(text.rfind(".", 0, verb.start()), text.rfind(";", 0, verb.start())) + 1
                parent_mention = next((m for m in mentions if sentence_start <= m.start and m.end <= verb.start()
                                       and m.entity is not entity and not m.entity.is_actor), None)
            parent = parent_mention.entity if parent_mention is not None else None
            if parent is None and kind in ("create", "delete") and "assign" in text and (
                    _ASSIGNED_BEFORE.search(text, max(0, target.start - 20), target.start)
                    or _ASSIGNED_AFTER.match(text, target.end)):
                # "removing a non-assigned role", "removing a role that is not assigned": the role given to people
                # (linked to them many-to-many) is taken off one of them, not deleted.
                holders = [e for e in domain.entities if e.is_actor and not e.link and _many_to_many(entity, e)]
                if len(holders) == 1:
                    parent = holders[0]
            place = parent if parent is not None and not parent.is_actor and not parent.link else None
            # "add exercises to workout plans" with a Planned Exercise of a plan modelled: that record is added there
            held = held_in(entity, parent, domain) if parent is not None and lemma in ("add", "remove", "reorder") \
                else None
            if through is not None:
                parent = through.entity
            elif parent is not None and ((parent.is_actor and not _many_to_many(entity, parent)) or parent.link
                                         or not (_may_nest(entity, parent) or held is not None)):
                parent = None  # (a thing linked to people many-to-many is added to or removed from one: kept)
            owned_parent, nest_items = _owning_parent(entity, domain)
            # `items stored in each warehouse` when Inventory links items to warehouses: a view of the warehouse's
            # items, not the place the items live.
            parent_owned = parent is not None and not _many_to_many(entity, parent) \
                and not _linked_through(entity, parent, domain)
            if parent_owned and parent is not owned_parent and not shallow:
                nest_items = True  # the wording places it there ("characters belonging to an adventure")
            if owned_parent is not None and (parent is None or parent is owned_parent):
                parent, parent_owned = owned_parent, True
            # Someone who "tries to" and is refused is not granted the operation: their role does not widen its auth.
            if attempt is None:
                attempt, owner = bool(_ATTEMPT.search(text)), _owner_only(text, domain)
            # A create is only the owner's (of the thing it is made in) when its own sentence says so: "A product
            # owner creates a primary ticket ... Users can also edit tickets they own" limits the edit.
            made_by_owner = owner and _owner_only(_sentence_at(text, verb.start()), domain)
            roles = set() if attempt else set(subject.roles)
            # A story's title says what the story is for ("Delete Tasks"): a request, like a requirement's. Not "Manage
            # X": a title's manage is a theme, not a list of endpoints.
            asked = primary or (verb.start() < statement.title_end and kind != "manage")
            record = held.name if held is not None and lemma in ("add", "remove") else ""
            linked = parent is not None and (_many_to_many(entity, parent) or bool(record))
            for op_kind, name in operation_kinds:
                if linked and op_kind in ("create", "delete") and lemma not in _MAKES_NEW:
                    # "add tags to an article": the tag is put on the article (a row of their link model), and
                    # "remove tags from an article" takes it off again; neither makes nor deletes a tag.
                    op_kind = "attach" if op_kind == "create" else "detach"
                operation = Operation(op_kind, entity, name=name, sources=[statement.ref()], roles=roles, primary=asked,
                                      public=subject.public, owner=made_by_owner if op_kind == "create" else owner,
                                      everyone=subject.everyone and not attempt,
                                      only=subject.only and not attempt,
                                      partial=op_kind == "update" and bool(_PARTIAL.search(text)),
                                      upload=upload_limits(text) if op_kind == "create" and lemma == "upload" else None)
                if linked and op_kind == "create":
                    pass  # "create groups of devices": a new group of its own, not one made inside a device
                elif op_kind in ("create", "list", "collection") or (parent_owned and nest_items):
                    operation.parent = parent
                    operation.parent_owned = parent_owned
                    operation.nest_items = nest_items
                elif op_kind in ("attach", "detach"):
                    operation.parent, operation.nest_items, operation.record = parent, True, record
                elif place is not None and not _many_to_many(entity, place):
                    operation.within = place  # "set a shipping address on an order": where a singleton goes
                if role_words and entity.is_actor and op_kind in ("create", "list") and operation.parent is not None:
                    role = _role_before(gap, role_words)
                    if role:
                        operation.segment = plural(role)
                add(operation)
            # "manage products and categories": the verb acts on each thing of a list of objects the same way.
            coordinated = _coordinated(text, target, mentions, limit)
            for other in coordinated:
                if other.entity.is_actor or other.entity.link or other.entity is entity or \
                        any(k == "action" for k, _name in operation_kinds):
                    continue
                other_parent, other_nest = _owning_parent(other.entity, domain)
                place_after = (parent_mention or _parent_after(text, coordinated[-1], mentions)) \
                    if other_parent is None else None
                if place_after is not None and not place_after.entity.is_actor \
                        and not _many_to_many(other.entity, place_after.entity) and (any(
                            r.kind == "belongs-to" and r.target == place_after.entity.name
                            for r in other.entity.relationships)
                            or place_after.entity.display_name.casefold() in (other.entity.description or "").casefold()):
                    # "add replies and attachments to their tickets": the place after the list is each one's, when
                    # the thing belongs there or its definition names it ("Belongs to either a Ticket or a Comment")
                    other_parent, other_nest = place_after.entity, False
                for op_kind, name in operation_kinds:
                    operation = Operation(op_kind, other.entity, name=name, sources=[statement.ref()], roles=roles,
                                          primary=asked, public=subject.public,
                                          owner=made_by_owner if op_kind == "create" else owner)
                    if other_parent is not None and (op_kind in ("create", "list", "collection") or other_nest):
                        operation.parent, operation.parent_owned, operation.nest_items = other_parent, True, other_nest
                    add(operation)
        for mention in mentions:
            # "allow vendor RMAs to be created", "tasks can be reordered": the passive names the object first.
            passive = _PASSIVE.match(text, mention.end)
            if passive is None or passive.group(1):
                continue
            word = passive.group(2).casefold()
            if word in _LISTABLE:  # "recipes MUST be searchable by title": the list is asked for
                add(Operation("list", mention.entity, sources=[statement.ref()], primary=primary))
                continue
            # "allow Items to be created, retrieved, updated, moved, and removed": each participle of the list.
            words, end = [word], passive.end()
            ends = [end]  # where each participle ends ("retrieved individually": one at a time)
            more = _MORE_PARTICIPLES.match(text, end)
            while more is not None and _is_participle_form(more.group(1).casefold()):
                words.append(more.group(1).casefold())
                end = more.end()
                ends.append(end)
                more = _MORE_PARTICIPLES.match(text, end)
            if _BY_SETUP.match(text, end):
                continue  # "The first admin account MUST be created from environment settings": at setup, no route
            if words[-1] in _REFUSED and _CONDITION.match(text, end):
                continue  # "A booking MUST be rejected if it overlaps another": a validation, not someone's action
            subject = None
            for word, word_end in zip(words, ends):
                if not _is_participle_form(word):
                    continue
                kind, lemma = _VERBS[word]
                subject = subject or _subject(text, mention.start, domain)
                if (subject.system and kind != "list") or (lemma in _STATE_ONLY and not is_transition(mention.entity, lemma)):
                    continue
                owned_parent, nest_items = _owning_parent(mention.entity, domain)
                kinds = [("detail", "")] if kind == "list" and _ONE_AT_A_TIME.match(text, word_end) else \
                    _operation_kinds(kind, lemma, mention, "", text)
                for op_kind, name in kinds:
                    operation = Operation(op_kind, mention.entity, name=name, sources=[statement.ref()],
                                          roles=set(subject.roles), primary=primary, public=subject.public,
                                          owner=_owner_only(text, domain),
                                          partial=op_kind == "update" and bool(_PARTIAL.search(text)),
                                          upload=upload_limits(text) if op_kind == "create" and lemma == "upload"
                                          else None)
                    if owned_parent is not None and (op_kind in ("create", "list", "collection") or nest_items):
                        operation.parent, operation.parent_owned, operation.nest_items = owned_parent, True, nest_items
                    add(operation)
        for mention in mentions:
            # "a paginated customer list", "the list of vendors": a list the spec asks for, named as a noun.
            after = text[mention.end:mention.end + 30]
            before = text[max(0, mention.start - 30):mention.start]
            if _LIST_NOUN_AFTER.match(after) or (" of " in before.casefold() and _LIST_NOUN_BEFORE.search(before)):
                if not _NEGATION.search(before) and not _STORAGE_TABLE.match(text, mention.end):
                    add(Operation("list", mention.entity, sources=[statement.ref()], primary=primary))
            elif "detail" in after and not mention.plural and _DETAIL_NOUN_AFTER.match(after) \
                    and not _NEGATION.search(before):
                # "a player detail view", "the order details page": one of them, read by id.
                add(Operation("detail", mention.entity, sources=[statement.ref()], primary=primary))
        for operation in _nominal_operations(statement, mentions, domain, primary):
            add(operation)
        if "ccept" in text or "eceive" in text:
            # "System MUST accept invoice documents in PDF, JPG, and PNG formats": files that come in are uploads.
            for taken in _TAKES_FILES.finditer(text):
                named = next((m for m in mentions if m.start == taken.end()), None)
                limits = upload_limits(_sentence_at(text, taken.start())) if named is not None else ""
                if named is not None and _FILE_FORMATS.search(limits) and not named.entity.is_actor \
                        and not _NEGATION.search(text, max(0, taken.start() - 30), taken.start()):
                    add(Operation("create", named.entity, sources=[statement.ref()], primary=primary, upload=limits))
        if "CRUD" in text or "crud" in text:
            for operation in _crud_operations(statement, mentions, domain, primary):
                add(operation)
        if "(" in text:
            for operation in _bracketed_verbs(statement, mentions, primary):
                add(operation)
        if statement.kind == "requirement" and ("upport" in text or "nable" in text or "llow" in text):
            for operation in _supported_children(statement, mentions, domain, primary):
                add(operation)
    # What the system "creates" with no trigger of its own is made when a client asks for it, unless a requirement has
    # people make it: "System MUST create a reservation in a pending-payment state" is the reservation's create.
    made = {o.entity.name for o in merged.values() if o.kind == "create" and o.entity is not None and o.primary}
    for operation in system_made:
        if operation.entity.name not in made:
            add(operation)
    operations = _keep_primary(_unify_collections(list(merged.values())), signed_up)
    operations = _drop_illustrated_writes(operations, bool(signed_up))
    _add_transitions(operations, domain, statements, matcher)
    _mark_toggles(operations, statements, matcher)
    _mark_owned_only(operations, statements, matcher, domain)
    _add_query_parameters(operations, statements, matcher)
    _add_choices(operations, statements, matcher, domain)
    _add_implied_details(operations)
    _add_trash_views(operations, statements, matcher)
    _mark_singletons(operations, statements, matcher)
    _add_lookups(operations, statements, matcher)
    _add_suggestions(operations, statements, matcher)
    _add_checkout(operations, statements, domain)
    _add_clocking(operations, statements, domain)
    _add_reports(operations, statements, matcher, domain)
    return operations


# "a managed list of task types (create, rename, deactivate)": the things, then what people do with them.
_VERBS_IN_BRACKETS = re.compile(r"\s*\(\s*([a-z]+(?:\s*(?:,|/)\s*(?:and\s+|or\s+)?[a-z]+|\s+(?:and|or)\s+[a-z]+){1,6})"
                                r"\s*\)")


def _bracketed_verbs(statement: Statement, mentions: list[Mention], primary: bool) -> list[Operation]:
    """`provide a managed list of task types (create, rename, deactivate)`: each verb of a bracket right after a
    thing's name acts on it, when every word in the bracket is a verb (not a list of examples or values)."""
    text = statement.text
    found: list[Operation] = []
    for mention in mentions:
        listed = _VERBS_IN_BRACKETS.match(text, mention.end)
        if listed is None or mention.entity.is_actor or mention.entity.link:
            continue
        words = [word for word in re.split(r"[\s,/]+", listed.group(1)) if word and word not in ("and", "or")]
        # (three or more: "approval requests (update or delete)" says which kind of request; nothing refused)
        if len(words) < 3 or any(word not in _VERBS for word in words) or \
                _NEGATION.search(text, max(0, mention.start - 80), mention.start):
            continue
        for word in words:
            kind, lemma = _VERBS[word]
            for op_kind, name in _operation_kinds(kind, lemma, mention, "", text):
                found.append(Operation(op_kind, mention.entity, name=name, sources=[statement.ref()], primary=primary))
    return found


# "System MUST support comments on tasks", "support file attachments on tasks": the feature is people adding them.
_SUPPORT_BEFORE = re.compile(r"\b(?:support|supports|enable|enables|allow|allows)\s+(?:(?:file|multiple|optional|"
                             r"threaded|inline|public|private|unlimited|several|any number of)\s+)?$", re.I)
_ON_PARENT = re.compile(r"\s+(?:on|to|for|per|under)\s+(?:(?:a|an|the|each|every|any|individual|their)\s+)?", re.I)


def _supported_children(statement: Statement, mentions: list[Mention], domain: DomainModel,
                        primary: bool) -> list[Operation]:
    """`System MUST support comments on tasks`: people add the things the system supports to what holds them, and
    read them there. Only things the domain model keeps under that holder."""
    text = statement.text
    found: list[Operation] = []
    for thing, holder in pairwise(mentions):
        if not thing.plural or thing.entity.is_actor or holder.entity.is_actor or thing.entity is holder.entity \
                or not _ON_PARENT.fullmatch(text, thing.end, holder.start) \
                or not _SUPPORT_BEFORE.search(text, max(0, thing.start - 40), thing.start) \
                or _NEGATION.search(text, max(0, thing.start - 40), thing.start):
            continue
        if not any(r.kind == "belongs-to" and r.target == holder.entity.name for r in thing.entity.relationships):
            continue
        subject = _subject(text, thing.start, domain)
        for kind in ("create", "list"):
            # (shallow: one comment is still edited or deleted at its own path, `/comments/{comment_id}`)
            found.append(Operation(kind, thing.entity, parent=holder.entity, parent_owned=True, nest_items=False,
                                   sources=[statement.ref()], primary=primary, roles=set(subject.roles),
                                   public=subject.public))
    return found


# "perform CRUD (Create, Read, Update, Delete) operations on pantry items", "full CRUD on the catalog": the noun names
# every operation on the thing after it; so does "goal CRUD operations" on the thing before it.
_CRUD_ON = re.compile(r"\bCRUD\b(?:\s*\([^)]{0,60}\))?(?:\s+(?:operations?|functionality|endpoints?|actions?|"
                      r"capabilit(?:y|ies)|support))?\s+(?:on|for|of)\s+(?:(?:the|all|their|its|our|each)\s+)?", re.I)
_MEASURE = re.compile(r"\b(?:latency|p9\d|response times?|under \d|within \d|concurrent|per second|throughput)\b|\d\s?ms\b",
                      re.I)
_CRUD_AFTER = re.compile(r"\s+CRUD\b(?:\s+(?:operations?|functionality|endpoints?|actions?|capabilit(?:y|ies)))?", re.I)


def _crud_operations(statement: Statement, mentions: list[Mention], domain: DomainModel,
                     primary: bool) -> list[Operation]:
    """Every operation on the thing a "CRUD" noun names: "perform CRUD operations on pantry items", "task CRUD
    operations" (not in a measure of them: "p95 latency under 200ms for standard CRUD operations" names none)."""
    text = statement.text
    found: list[Operation] = []
    targets = [m for match in _CRUD_ON.finditer(text) for m in mentions if m.start == match.end()]
    # "CRUD endpoints for categories and budgets": each thing listed with the first
    targets += [other for first in targets for other in _coordinated(text, first, mentions, first.end + 40)
                if not other.entity.is_actor]
    targets += [m for m in mentions if _CRUD_AFTER.match(text, m.end)]
    if targets and _MEASURE.search(text):
        return []
    for target in targets:
        entity = target.entity
        if entity.link or _NEGATION.search(text, max(0, target.start - 40), target.start):
            continue
        subject = _subject(text, target.start, domain)
        owned_parent, nest_items = _owning_parent(entity, domain)
        for kind in _MANAGED_KINDS:
            operation = Operation(kind, entity, sources=[statement.ref()], primary=primary, roles=set(subject.roles),
                                  public=subject.public)
            if owned_parent is not None and (kind in ("create", "list") or nest_items):
                operation.parent, operation.parent_owned, operation.nest_items = owned_parent, True, nest_items
            found.append(operation)
    return found


# "remove items from their cart": a part (its name's last word) of the place after it.
_PART_VERBS = frozenset({"remove", "delete", "add", "update", "edit", "change", "view", "list"})
_PART_OF_PLACE = re.compile(r"\s+(?:(?:an?|the|their|its|his|her|all|any|some)\s+)?([a-z]{3,})\s+"
                            r"(?:from|in|on|to|of)\s+(?:(?:an?|the|their|its|his|her|my|your|our)\s+)?", re.I)
# Things people answer by accepting or declining them.
_ANSWERED_THINGS = frozenset({"invitation", "invite", "request", "offer", "proposal", "quote", "bid"})
_HANDED_OVER = frozenset({"assign", "issue", "receive", "ship", "check in"})
_TO_SOMEONE_AFTER = re.compile(r"\s+to\s+(?!be\b)")


def _nominal_operations(statement: Statement, mentions: list[Mention], domain: DomainModel,
                        primary: bool) -> list[Operation]:
    """What a nominal asks for: "allow deletion of tasks", "restrict account creation to managers only", "the
    approval of an expense" (a transition the entity has)."""
    text = statement.text
    found: list[Operation] = []
    for nominal in _nominals_in(text):
        word = nominal.group(0).casefold()
        if word in _NOMINAL_PLURALS:
            # "The system MUST allow cancellations up until the pickup time": the one thing that can be cancelled
            # (a plural move names no thing; with a thing named it reads as "cancellation of" would).
            lemma, head = _NOMINAL_PLURALS[word], nominal.start()
            movers = [e for e in domain.entities if not e.link and is_transition(e, lemma)]
            if len(movers) == 1 and _ENABLING_BEFORE.search(text, max(0, head - 60), head) and \
                    not _NEGATION.search(text, max(0, head - 60), head) and \
                    not any(m.start <= head < m.end for m in mentions):  # ("allow submissions" of a Submission)
                found.append(Operation("action", movers[0], name=lemma, sources=[statement.ref()], primary=primary))
            continue
        lemma = _NOMINALS_ALL[word]
        after = next((m for m in mentions if 0 <= m.start - nominal.end() <= 64 and
                      _NOMINAL_OF.fullmatch(text, nominal.end(), m.start)), None)
        before = next((m for m in mentions if 0 <= nominal.start() - m.end <= 1), None)
        if after is None and lemma == "list":
            # "allow selection from five predefined users": the list people pick from
            among = _PICKED_FROM.match(text, nominal.end())
            after = next((m for m in mentions if m.start == among.end()), None) if among else None
        # A noun the nominal compounds with says what it acts on ("availability checking for room bookings" checks
        # availability) for reads and requests; "deletion of tasks" names its object after.
        target = (before or after) if lemma == "list" or word == "requests" else (after or before)
        if target is None and word == "creation" and text.endswith(("account ", "Account "), 0, nominal.start()):
            # "account creation" where the accounts are called User or Member: the one account entity.
            accounts = [e for e in domain.entities if e.is_actor and not e.link
                        and e.name.casefold() in ("user", "account", "member", "useraccount")]
            if len(accounts) == 1:
                start = nominal.start() - len("account ")
                target = Mention(accounts[0], start, start + len("account"), "account", False)
        if lemma == "manage":
            target = after  # "management of calendars"; "inventory management" names a feature, not what it asks
        if target is None:
            continue
        if word in _WRITE_NOMINALS:
            head = min(nominal.start(), target.start)
            kind, name = ("action", lemma) if word in _COPY_NOMINALS else (lemma, "")
            # "restrict account creation to managers only": only that role does it (accounts included: people
            # do not sign themselves up then).
            restricted = _RESTRICT_BEFORE.search(text, max(0, head - 30), head) and \
                _RESTRICTED_TO.match(text, max(nominal.end(), target.end))
            role = restricted and next((r for p, r in _actor_patterns(tuple(domain.actors), tuple(
                e.name.casefold() for e in domain.entities if e.is_actor)) if p.fullmatch(restricted.group(1))), None)
            if role:
                found.extend(Operation(each, target.entity, name=name, sources=[statement.ref()], primary=primary,
                                       roles={role}) for each in (_MANAGED_KINDS if kind == "manage" else (kind,)))
                continue
            # "prevent deletion of categories containing articles": refused only in a case, so it exists otherwise.
            guarded = _PREVENTED_BEFORE.search(text, max(0, head - 30), head) is not None and \
                _REFUSED_CASE_AFTER.match(text, target.end) is not None
            if not guarded and (not _ENABLING_BEFORE.search(text, max(0, head - 60), head) or _NEGATION.search(
                    text, max(0, head - 60), head)) or (lemma == "create" and target.entity.is_actor):
                continue
            subject = _subject(text, head, domain)
            for kind in _MANAGED_KINDS if kind == "manage" else (kind,):
                found.append(Operation(kind, target.entity, name=name, sources=[statement.ref()], primary=primary,
                                       roles=set(subject.roles), public=subject.public,
                                       owner=_owner_only(text, domain),
                                       upload=upload_limits(text) if word in ("upload", "uploads") else None))
        elif is_transition(target.entity, lemma):
            found.append(Operation("action", target.entity, name=lemma, sources=[statement.ref()], primary=primary))
        elif not target.entity.is_actor and not target.entity.link and lemma not in _HANDED_OVER \
                and not _TO_SOMEONE_AFTER.match(text, max(nominal.end(), target.end)):
            # "System MUST allow order confirmation only when ...": enabled, the act is asked for as its verb would
            # be ("allow orders to be confirmed"), though the spec lists no states for it. Not a handing over
            # ("streaming platform assignment to entries": the thing is given to another).
            head = min(nominal.start(), target.start)
            if _ENABLING_BEFORE.search(text, max(0, head - 60), head) and not _NEGATION.search(
                    text, max(0, head - 60), head):
                subject = _subject(text, head, domain)
                found.append(Operation("action", target.entity, name=lemma, sources=[statement.ref()],
                                       primary=primary, roles=set(subject.roles), public=subject.public))
    return found


# "generate basic sales reports (daily, weekly, monthly)", "provide transaction summary reports filterable by date
# range and status", a story titled "Spending Reports": the words before `report` say what it reports on.
_REPORTS = re.compile(r"\b(?:generat\w*|provid\w*|view\w*|see|sees|show\w*|display\w*|produc\w*|export\w*|"
                      r"download\w*|run|runs|access\w*|get|gets|offer\w*)\s+(?:(?:a|an|the|their|its|basic|simple|"
                      r"detailed|summary|custom|standard|pre-built|periodic|aggregated?)\s+)*"
                      r"(?P<words>(?:[a-z][a-z-]*\s+){1,3}?)reports?\b|^\s*(?P<title>(?:[A-Za-z][a-z-]*\s+){1,2})Reports?\s*$",
                      re.I)
_REPORT_FILLER = frozenset({"summary", "summaries", "basic", "simple", "detailed", "custom", "standard", "overview",
                            "pre-built", "prebuilt", "various", "several", "multiple", "different", "useful", "key",
                            "periodic", "combined", "total", "totals", "analytics", "trend", "trends", "operational",
                            "financial", "activity", "status", "balance", "balances", "performance", "usage", "new"})
_PERIODS = ("daily", "weekly", "monthly", "quarterly", "yearly", "annual")
_REPORT_FILTERS = re.compile(r"\b(?:filter(?:able|ed)?|broken down|grouped|split)\s+(?:by|per)\s+([\w ,/-]{2,60}?)"
                             r"(?=[.;:()]|$)", re.I)


def _add_reports(operations: list[Operation], statements: list[Statement], matcher: EntityMatcher,
                 domain: DomainModel) -> None:
    """Reports the spec asks for: `GET /reports/sales`, one per subject, with the period and filters it names
    (`period`, `from`/`to` for a date range). The subject is the first word that is not a kind of report: an entity
    gives its collection's name (`transaction summary reports` -> `/reports/transactions`)."""
    found: dict[str, Operation] = {}
    people = {singular(actor.casefold()) for actor in domain.actors} | {"user", "customer", "employee", "member", "staff"}
    for statement in statements:
        if statement.kind not in ("requirement", "story") or "eport" not in statement.text:
            continue
        text = statement.text if statement.kind == "requirement" else statement.text[:statement.title_end]
        for match in _REPORTS.finditer(text):
            words = (match.group("words") or match.group("title") or "").casefold().split()
            if _NEGATION.search(text, max(0, match.start() - 40), match.start()):
                continue
            periods = [w for w in words if w in _PERIODS]
            content = [w for w in words if w not in _REPORT_FILLER and w not in _PERIODS and w not in _VERBS
                       and not (w.endswith("ed") and len(w) > 4)]  # "consolidated", "customized": a kind of report
            if not content or content[0] in ("a", "an", "the", "and", "or", "of", "for", "to", "all", "any"):
                continue
            entity = matcher.entity_of(content[0])
            if (entity is not None and entity.is_actor) or singular(content[0]) in people or \
                    _ADMIN_SUBJECTS.fullmatch(content[0]):
                continue  # "Manager Generates Reports": who asks, not what is reported on
            word = content[0]
            slug = collection_segment(entity) if entity is not None else (
                word if word.endswith(("s", "ing", "ation")) or not word.isalpha() else plural(word))
            subject = _subject(text, match.start(), domain)
            operation = found.get(slug)
            if operation is None:
                operation = found[slug] = Operation("report", None, name=slug, sources=[statement.ref()],
                                                    roles=set(subject.roles), primary=statement.kind == "requirement")
                operations.append(operation)
            elif all(s.label != statement.label for s in operation.sources):
                operation.sources.append(statement.ref())
            periods += [w for w in _PERIODS if re.search(rf"\b{w}\b", text[match.end():match.end() + 60], re.I)]
            if periods and "period" not in operation.query:
                operation.query.append("period=" + "|".join(dict.fromkeys(periods)))
            for filters in _REPORT_FILTERS.finditer(text, match.end()):
                for phrase in re.split(r",|\band\b|\bor\b|/", filters.group(1)):
                    name = "_".join(w for w in phrase.casefold().split() if w not in ("the", "a", "an", "their"))
                    names = ["from", "to"] if name in ("date_range", "date", "period", "time_range") else [name] if name else []
                    for param in names:
                        if param not in operation.query:
                            operation.query.append(param)


def _add_clocking(operations: list[Operation], statements: list[Statement], domain: DomainModel) -> None:
    """"Users MUST be able to clock in to start tracking work time ... clock out to stop": clocking in makes the
    thing with a clock-in time (`POST /time-entries`), clocking out is an action on it
    (`POST /time-entries/{time_entry_id}/clock-out`). Not a refusal, an edge case or the system doing it."""
    entity = None
    for statement in statements:
        if statement.kind not in ("requirement", "story", "scenario") or "unch" not in statement.text and \
                "lock" not in statement.text:
            continue
        for match in CLOCK_VERB.finditer(statement.text):
            text = statement.text
            if _NEGATION.search(text, max(0, match.start() - 40), match.start()) or \
                    _ATTEMPT.search(text, max(0, match.start() - 25), match.start()):
                continue  # "prevent users from clocking in twice", "tries to clock in while clocked in"
            entity = entity or clocked_entity(domain)
            if entity is None:
                return
            subject = _subject(text, match.start(), domain)
            if subject.system:
                continue
            primary = statement.kind == "requirement" or statement.requirement_kind in ("kiro", "openspec")
            # People clock their own time: only who clocked in clocks out.
            if match.group(1).casefold() == "in":
                found = Operation("create", entity, sources=[statement.ref()], primary=primary, roles=set(subject.roles),
                                  owner=True)
            else:
                found = Operation("action", entity, name="clock out", sources=[statement.ref()], primary=primary,
                                  roles=set(subject.roles), owner=True)
            existing = next((o for o in operations if o.key() == found.key()), None)
            if existing is None:
                operations.append(found)
            else:
                existing.absorb(found)


_CHOOSE = re.compile(r"\b(?:select|choose|pick)(?:s|ing)?\s+(?:an?\s+|the\s+|one\s+of\s+the\s+|their\s+|from\s+(?:the\s+)?)?"
                     r"(?:(?:available|existing|specific|desired|preferred)\s+)?", re.I)


def _add_choices(operations: list[Operation], statements: list[Statement], matcher: EntityMatcher,
                 domain: DomainModel) -> None:
    """"Users MUST be able to select a meeting room and enter a start and end time": people choose among the rooms,
    so the rooms are listed for them (`GET /rooms`), as a stated assumption. Not people (a list of them is no
    choice to offer lightly), not link rows, not what the system selects."""
    listed = {o.entity.name for o in operations if o.kind == "list" and o.entity is not None and o.parent is None}
    for statement in statements:
        if statement.kind not in ("requirement", "story") or not any(
                word in statement.text for word in ("select", "choose", "pick", "Select", "Choose", "Pick")):
            continue
        text = statement.text
        for match in _CHOOSE.finditer(text):
            # The thing right after the verb, or after one word more ("select a meeting room").
            mention = next((m for m in matcher.mentions(text) if m.start >= match.end()
                            and re.fullmatch(r"(?:[a-z]+\s+)?", text[match.end():m.start])), None)
            if mention is None or mention.entity.is_actor or mention.entity.link or mention.entity.name in listed:
                continue
            if _NEGATION.search(text, max(0, match.start() - 40), match.start()):
                continue
            subject = _subject(text, match.start(), domain)
            if subject.system:
                continue
            listed.add(mention.entity.name)
            operations.append(Operation("list", mention.entity, sources=[statement.ref()], roles=set(subject.roles),
                                        public=subject.public,
                                        inferred=f"people select {with_article(mention.entity.display_name)}: "
                                                 "its list gives the choices"))


_CHECKOUT_CONTEXT = re.compile(r"\b(?:during|at|before|after|until|from|in|without)\s+(?:the\s+|a\s+)?$", re.I)
_CHECKOUT = re.compile(r"\bcheckout\b|\bcheck-out (?:process|flow|page)\b", re.I)


def _add_checkout(operations: list[Operation], statements: list[Statement], domain: DomainModel) -> None:
    """"A checkout process for completing purchases": checking out turns the cart into an order, so it asks for
    `POST /orders` when the spec models orders (a library's "check out a book" is a loan: two words, not this)."""
    order = next((e for e in domain.entities if e.name in ("Order", "Purchase") and not e.link), None)
    if order is None or any(o.kind == "create" and o.entity is order for o in operations):
        return
    for statement in statements:
        if statement.kind not in ("requirement", "story") or "heck" not in statement.text:
            continue
        match = _CHECKOUT.search(statement.text)
        if match is None or _NEGATION.search(statement.text, max(0, match.start() - 40), match.start()) or \
                _CHECKOUT_CONTEXT.search(statement.text, max(0, match.start() - 12), match.start()):
            continue  # "create profiles during checkout": the checkout is the setting, not what is asked
        operations.append(Operation("create", order, sources=[statement.ref()], primary=statement.kind == "requirement",
                                    inferred=f"checking out makes {with_article(order.display_name)}"))
        return


_DETAIL_NOUN_AFTER = re.compile(r"\s+details?\s+(?:view|page|screen|panel|pane)\b|\s+detail\b(?!\s+(?:level|fields?))", re.I)
_MADE_AFTER = re.compile(r"[ -]([A-Za-z][a-z]+s)\b(?![-'’])")
# Words that name the thing itself in another way ("create user accounts", "create transfer documents"), or no noun.
_NOT_A_THING_MADE = frozenset({"details", "settings", "records", "items", "entries", "accounts", "documents", "profiles",
                               "forms", "posts", "postings", "listings", "instances", "objects", "requests", "as",
                               "is", "was", "has", "does",
                               "goes", "this", "its", "us", "yours", "ours", "always", "sometimes", "perhaps", "unless",
                               "across", "plus", "minus", "towards", "afterwards", "besides", "thus", "whereas"})
_QUALITY_AFTER = re.compile(r"\s+(?:integrity|consistency|accuracy|quality|performance|availability|security|privacy|"
                            r"compliance|continuity|uptime|standards?|health|freshness|correctness)\b", re.I)
_PART_OF = re.compile(r"\s*(?:the|its|their|any|every|each|all)\s+(?:[^\W\d_]+\s+){1,2}of\s+"
                      r"(?:an?|the|each|every|their(?:\s+own)?|its(?:\s+own)?|this|that)\s+"
                      r"(?:(?:existing|specific|given|selected|single)\s+)?", re.I)
# "change status on tasks", "update the deadline of a task": a column of the thing named after it; "update the
# Target URL, Tags, or Settings of an existing link": a list of its parts, one of them a column.
_COLUMN_PHRASE = r"[a-z]+(?: [a-z]+)?"
_COLUMN_GAP = re.compile(rf"\s*(?:(?:the|its|their)\s+)?({_COLUMN_PHRASE}(?:\s*,\s*(?:(?:and|or)\s+)?{_COLUMN_PHRASE})*"
                         rf"(?:,?\s+(?:and|or)\s+{_COLUMN_PHRASE})?)\s+(?:of|on|for|in)\s+"
                         r"(?:(?:an?|the|each|every|their(?:\s+own)?|its(?:\s+own)?|all|this|that|any)\s+)?"
                         r"(?:(?:existing|specific|given|selected|single)\s+)?", re.I)
_COLUMN_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.I)


def _names_a_column(gap: str, entity: Entity) -> bool:
    """Whether the words between a verb and the thing named after it are one of its columns and a preposition
    (`change status on tasks`): the verb acts on the thing, through that column."""
    found = _COLUMN_GAP.fullmatch(gap)
    if found is None:
        return False
    columns = set()
    for phrase in _COLUMN_LIST_SEPARATOR.split(found.group(1).casefold()):
        words = phrase.split()
        columns |= {"_".join(words), words[-1]}  # `the current stage` of a thing with a `stage`
    return any(attribute.name in columns for attribute in entity.attributes) or (
        entity.states is not None and entity.states.field in columns)


_NO_SUCH_OPTION = re.compile(r"(?:\bno\s+(?:[\w-]+\s+){0,4}(?:options?|buttons?|ways?|links?|controls?|"
                             r"endpoints?|features?|mechanisms?|paths?)\b.{0,60}?\b(?:exists?|is (?:shown|available|"
                             r"offered|provided|displayed))\b|\b(?:is|are) not (?:possible|available|offered|provided)\b)",
                             re.I)  # searched from the Then part on
_RECIPIENT_AFTER = re.compile(r"\s+(?:whether|if|that|what|which|how|when|where|why|their|his|her|its|an?|the|all|each|"
                              r"every|any|only)\b", re.I)
_OTHERS_THINGS = re.compile(r"['’]s?\s+(?:data|resources|content|records|files|items|documents|entries|stuff)\b", re.I)
_LOG_VERB_BEFORE = re.compile(r"(?:\bto|\b(?:must|shall|should|can|may|will|could))\s+(?:(?:be able to|also|quickly|"
                              r"easily)\s+)?$", re.I)
_LOG_IN_AFTER = re.compile(r"[- ]?(?:in|out|on|off|into)\b|\s+(?:in|out|on|off|into)\b", re.I)
_TIME_NOUN_INITIALS = ("t", "d", "T", "D")
_TEMPORAL_WORDS = frozenset({"after", "before", "during", "upon", "until", "since"})
_TIME_NOUN_AFTER = re.compile(r"\s+(?:timestamps?|time|times|dates?|datetime)\b(?!\s+(?:of|for|on|to)\b)", re.I)
_FEATURE_AFTER = re.compile(r"\s+(?:features?|functionality|functionalities|capabilit(?:y|ies)|modules?|pages?|screens?|"
                            r"views?|interfaces?|tools?|options?|menus?|process(?:es)?|workflows?|services?|systems?)\b", re.I)
_DETERMINER_GAP = re.compile(r"\s+(?:an?|the|their|his|her|its|any|an existing|existing|this|that)\s+(?:[a-z-]+\s+)?", re.I)
_LISTABLE = frozenset({"searchable", "filterable", "sortable", "browsable", "browseable", "listable", "discoverable"})
_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&|and/or|as well as)\s+)(?:(?:the|their|its|all|any|"
                          r"new|existing)\s+)?", re.I)


def _coordinated(text: str, target: Mention, mentions: list[Mention], limit: int) -> list[Mention]:
    """The names listed after the object with it ("products and categories", "users, roles and permissions")."""
    found = []
    last = target
    for mention in mentions:
        if mention.start < last.end or mention.start >= limit + 40:
            continue
        if not _COORDINATED.fullmatch(text, last.end, mention.start):
            break
        found.append(mention)
        last = mention
    return found


_STATS_AFTER = re.compile(r"\s+(?:counts?|statistics|stats|totals?|numbers|metrics|summar(?:y|ies)|trends?|analytics|"
                          r"charts?|breakdowns?|volumes?)\b", re.I)
_POSSESSED_GAP = re.compile(r"['’]s?\s+(?:[a-z-]+\s+)?")
_UNNAMED_OBJECT = re.compile(r"^\s*(?:(?:an?|the|their|his|her|its|some|new|short|private|personal)\s+)?(?!(?:an?|the|"
                             r"their|and|or|all|each|every|any|new|existing)\b)[a-z]{3,}s?\s+(?:for|to|on|about|into|onto"
                             r"|with|from)\s+", re.I)
# "read/update for authenticated users": the people an operation serves (after verbs that do not take `for` objects,
# unlike "search for users").
_FOR_PEOPLE_GAP = re.compile(r"(?:/[a-z]+)*\s+for\s+(?:(?:all|the|authenticated|signed[- ]in|logged[- ]in|registered|"
                             r"verified|their|its|other|each|every)\s+)*", re.I)
_FOR_OBJECT_VERBS = frozenset({"search", "find", "look up", "filter", "query", "request", "register", "apply", "vote"})
# Tokens the account flows issue (`RefreshToken`, `PasswordResetToken`, `EmailVerificationToken`): no routes of their own.
# (Access and authentication tokens are also what people make for devices and scripts: "generate a token for a box".)
_ISSUED_TOKEN = re.compile(r"(?:Refresh|Verification|Reset|Confirmation|MagicLink)Token$")
_CRITERION_VERBS = frozenset({"filter", "sort", "search", "group", "order"})
_BY_CRITERION = re.compile(r"\s+by\s+(?:(?:the|their|its|an?)\s+)?", re.I)
_CRITERION_END = re.compile(r"\S\s+(?:by|per)\s+(?:(?:the|their|its|an?|each)\s+)?$", re.I)
_CONNECT_TO = re.compile(r"\s*(?:to|with|via|through)\b", re.I)
_NOT_OBJECT_GAP = re.compile(r"\s*(?:without|with|from|unless|except)\b", re.I)
# "restrict access to reports", "access rights", "generate access and refresh tokens": the noun, not a read.
_ACCESS_NOUN = re.compile(r"\s+(?:to|rights?|control|levels?|permissions?|(?:and\s+refresh\s+)?tokens?)\b", re.I)
_NOUN_COMPOUND_BEFORE = re.compile(r"\b(?:all|their|our|its|these|those|your|my)\s+[a-z-]+\s$", re.I)
_PRONOUN_KINDS = frozenset({"update", "delete", "action"})
_PRONOUN_OBJECT = re.compile(r"\s+(?:it|them)\b(?!\s+(?:to|is|are|was|were|has|have|can|will|must|should)\b)", re.I)
_SENTENCE_MARK = re.compile(r"[.;!?]\s")


def _pronoun_operation(statement: Statement, text: str, verb, form: str, kind: str, lemma: str,
                       mentions: list[Mention], spans: list[tuple[int, int, bool]], domain: DomainModel,
                       primary: bool) -> Operation | None:
    """`cancel it`, `approve or reject them`: an edit, delete or state change of the last thing (not a person) named
    before the verb in the same sentence; None when there is none or the verb asks for nothing."""
    start = verb.start()
    sentence = max((m.end() for m in _SENTENCE_MARK.finditer(text, 0, start)), default=0)
    plural_pronoun = text[verb.end():verb.end() + 6].split()[0].casefold() == "them"
    before = [m for m in mentions if sentence <= m.start and m.end <= start and not m.entity.is_actor
              and not m.entity.link]
    # `them` is the last plural named ("notes about a meeting ... delete them"), `it` the last singular.
    same = [m for m in before if m.plural == plural_pronoun]
    antecedent = same[-1] if same else None
    if len(same) >= 2 and _NAMED_TOGETHER.fullmatch(text, same[-2].end, same[-1].start):
        # "Given a paid order and an event starting in 3 days, When the attendee cancels it": the first of two
        # things named together is what the scenario is about.
        antecedent = same[-2]
    if antecedent is None or not _asks(text, verb, form, lemma, spans):
        return None
    subject = _subject(text, start, domain)
    entity = antecedent.entity
    # "create tasks and assign them to other members": whom it is given to makes the action, as with a name.
    to_someone = lemma in _TO_SOMEONE_VERBS and bool(_PRONOUN_TO_SOMEONE.match(text, verb.end()))
    if subject.system or (lemma in _STATE_ONLY and not is_transition(entity, lemma) and not to_someone):
        return None
    if kind == "action" and not is_transition(entity, lemma) and not to_someone:
        return None  # "confirm it" after a delete: only a state the thing has makes a pronoun's action
    op_kind, name = ("action", lemma) if kind == "action" else (kind, "")
    attempt = bool(_ATTEMPT.search(text))
    operation = Operation(op_kind, entity, name=name, sources=[statement.ref()],
                          roles=set() if attempt else set(subject.roles), primary=primary, public=subject.public,
                          owner=_owner_only(text, domain), partial=op_kind == "update" and bool(_PARTIAL.search(text)))
    owned_parent, nest_items = _owning_parent(entity, domain)
    if owned_parent is not None and nest_items:
        operation.parent, operation.parent_owned, operation.nest_items = owned_parent, True, nest_items
    return operation


_NAMED_TOGETHER = re.compile(r"\s+and\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?", re.I)
_SUGGEST_BEFORE = re.compile(r"\b(suggest|recommend)(?:s|ed|ing)?\s+(?:(?:relevant|related|similar|appropriate|possible|"
                             r"matching|likely|new)\s+)?$", re.I)


_ABILITY_BEFORE = re.compile(r"['’]s\s+(?:ability|right|option|chance)\s+to\s+$", re.I)


def _head_nouns(domain: DomainModel) -> dict[str, Entity]:
    """The last word of each entity named with two words or more (`slot` -> TimeSlot), when no other entity's name ends
    in it and no entity is called by it alone."""
    found: dict[str, Entity | None] = {}
    alone = {e.name.casefold() for e in domain.entities}
    for entity in domain.entities:
        words = split_name(entity.name)
        if len(words) < 2 or entity.link or entity.is_actor:
            continue
        last = singular(words[-1].casefold())
        if last in alone or len(last) < 3 or last in GENERIC_LAST_WORDS:
            continue
        found[last] = None if last in found else entity
    return {word: entity for word, entity in found.items() if entity is not None}


_HEAD_NOUN_AFTER = re.compile(r"[ -]([A-Za-z]+)\b")


def _head_entity(heads: dict[str, Entity], word: str) -> Entity | None:
    """The entity whose last word `word` is, singular or plural (`slots` -> TimeSlot), without inflecting every word
    that follows a name: the plural forms of the few head words are tried as strings."""
    found = heads.get(word)
    if found is None and word.endswith("s"):
        found = heads.get(word[:-1]) or (heads.get(word[:-2]) if word.endswith("es") else None) or \
            (heads.get(word[:-3] + "y") if word.endswith("ies") else None)
    return found


def _group_access(subject: Subject, group: str) -> None:
    """A requirement listed under `**Admin Product Management**` or `#### Appointment Management (Admin)` is the
    admin's, when its own sentence names nobody. (A group marked public is not read: its reads merge with the
    admin's lists of the same things, "track an order" with "list all orders", and would open them to anyone.)"""
    if _ADMIN_GROUP.search(group):
        subject.roles.add("admin")


_ADMIN_GROUP = re.compile(r"\b(?:admin|admins|administrator|administrators|administration|back[- ]office)\b", re.I)


def _fields_holder(gap: str, target: Mention, mentions: list[Mention], verb_start: int) -> Mention | None:
    """The thing named before the verb whose fields the gap lists (`update title, description, and tag list`), when the
    name after the gap is one of its fields too (`tag_list` of Article). None when the gap is no list of its fields."""
    items = [snake_case(item.strip().replace(" ", "_")) for item in _FIELD_LIST_SPLIT.split(gap) if item.strip()]
    if not items:
        return None
    for mention in reversed(mentions):
        if mention.end > verb_start or mention.entity is target.entity or mention.entity.is_actor:
            continue
        names = {a.name for a in mention.entity.attributes}
        if sum(item in names for item in items) * 2 >= len(items) and any(
                name == snake_case(target.entity.name) or name.startswith(singular(target.text.casefold()) + "_")
                for name in names):
            return mention
    return None


_FIELD_LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.I)


def _asks(text: str, verb, form: str, lemma: str, spans: list[tuple[int, int, bool]]) -> bool:
    """Whether the verb at `verb` asks for something: inside an action span (after its modal where the span needs
    one), not a noun after a determiner, not negated, not a participle used as an adjective or passive."""
    start = verb.start()
    span = next((sp for sp in spans if sp[0] <= start < sp[1]), None)
    if span is None or (span[2] and not _MODAL_BEFORE.search(text[max(span[0], start - 30):start])):
        return False
    if _DETERMINER_BEFORE.search(text[max(0, start - 12):start]):
        return False  # "a new issue is created", "the record": a noun that looks like a verb
    if start > 4 and text[start - 1] == " " and text[start - 2] in "reglnREGLN" and \
            text[text.rfind(" ", 0, start - 1) + 1:start - 1].casefold() in _TEMPORAL_WORDS:
        return False  # "After merge, all transactions ... MUST be reachable": when something happens, not a request
    if text[verb.end() + 1:verb.end() + 2] in _TIME_NOUN_INITIALS and _TIME_NOUN_AFTER.match(text, verb.end()):
        return False  # "creation timestamp, update timestamp, author projection": the time of a change, a column
    if _ABILITY_BEFORE.search(text, max(0, start - 24), start):
        return False  # "removing the invited person's ability to accept it": what is taken away, not asked for
    window = text[max(span[0], start - 80):start]
    if (_NEGATION.search(text[max(span[0], start - 30):start]) or (
            ("not" in window or "NOT" in window or "never" in window) and _NEGATED_LIST.search(window))) \
            and not _OTHERS_ONLY.match(text, verb.end()):
        return False  # "cannot be used to restore", "MUST NOT delete", "MUST NOT be able to add, remove, or reorder"
    # "published events", "the order is saved": an adjective or a passive, not a request
    return not (_is_participle(form, lemma) and not _PERFECT.search(text[max(0, start - 25):start]))


def _makers(domain: DomainModel) -> dict[str, list[Entity]]:
    """verb lemma -> the entities it makes (`comment` -> [Comment], `register` -> [TournamentRegistration])."""
    found: dict[str, list[Entity]] = {}
    for entity in domain.entities:
        if entity.link or entity.is_actor:
            continue
        words = split_name(entity.name)
        lemma = _NOUN_VERBS.get(singular(words[-1].casefold())) if words else None
        if lemma is not None:
            found.setdefault(lemma, []).append(entity)
    for entity in domain.entities:
        # "**Booking**: Purchase intent and fulfillment record linking user, event, tier": what the definition says
        # it records is how people make one ("purchase available tickets"), when no entity is named for that act.
        first = _DEFINED_AS_ACT.match(entity.description) if entity.description and not entity.link \
            and not entity.is_actor else None
        lemma = _NOUN_VERBS.get(first.group(1).casefold()) if first else None
        if lemma is not None and lemma not in found:
            found[lemma] = [entity]
    return found


# (not a state or a rule about the act: "**Account Status**: Registration state of a user account")
_DEFINED_AS_ACT = re.compile(r"(?:(?:an?|the|one)\s+)?([A-Za-z]+)\b(?!-)(?!\s+(?:state|status|stage|flag|result|outcome|"
                             r"step|rules?|polic(?:y|ies)|settings?|limits?|window)\b)", re.I)


_MAKER_BEFORE = re.compile(r"(?:\b(?:to|can|could|may|must|shall|should|will|MUST|SHALL|SHOULD|MAY|CAN|WILL)|"
                           r"\b(?:let|lets|help|helps)\s+[a-z]+|"
                           # a scenario's `When they invite ...`, `When the owner invites ...`
                           r"\b(?:[Ww]hen|[Ii]f|[Oo]nce)\s+(?:[A-Za-z]+\s+){0,2}[A-Za-z]+)"
                           r"\s+(?:[a-z]+(?:,\s+|\s+(?:and|or)\s+)){0,2}$")
# "to select ticket quantities and purchase available tickets": a verb with its object before this one in a list.
_VERB_PHRASE_BEFORE = re.compile(r"\b(?:to|can|MUST|must|may|MAY)\s+([a-z]+)\s+(?:[a-z][\w-]*\s+){1,3}(?:and|or)\s+$")
_CREATE_LEMMAS = frozenset(_CREATE)
# A booking of a room, a seat or a slot is made at its own collection (`POST /bookings` with the `room_id` in the
# body), not under the thing booked: what every reference contract with bookings, reservations, appointments and
# orders does.
_RESERVING = frozenset({"book", "reserve", "rent", "hire", "order", "purchase", "buy", "schedule"})
_NOUN_FIRST = frozenset({"order", "purchase"})
_PREVIOUS_WORD = re.compile(r"\b([A-Za-z]+)\s+$")
_NOUN_FIRST_OBJECT = re.compile(r"\s+(?:\d|up to\b|an?\b|the\b|some\b|one\b|multiple\b|several\b|their\b|"
                                r"(?:(?:available|additional|more|extra|new|individual)\s+)?[a-z]+s\b)", re.I)
_SORTED_BY = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:by|alphabetically|chronologically|ascending|descending)\b", re.I)
_MADE_ON = re.compile(rf"^\s*(?:on|to|for|in|about|of|at)\s+{_FILLER}", re.I)


def _maker_before(text: str, start: int) -> bool:
    """Whether the words before `start` make the verb there a request: a modal or `to` before it, maybe with other
    verbs of a list between (`to select ticket quantities and purchase`)."""
    before = text[max(0, start - 60):start]
    if _MAKER_BEFORE.search(before):
        return True
    listed = _VERB_PHRASE_BEFORE.search(before)
    return listed is not None and (listed.group(1) in _VERBS or listed.group(1) in _CHOOSING)


_CHOOSING = frozenset({"select", "choose", "pick", "specify", "enter"})


_SIGNED_UP_NEW = frozenset({"enroll", "enrol", "register", "admit", "onboard"})
_NEW_BEFORE = re.compile(r"\s+(?:an?\s+|the\s+)?(?:new|new\s+and\s+existing)\s+", re.I)


def _made_by(statement: Statement, verb, lemma: str, makers: dict[str, list[Entity]], mentions: list[Mention],
             spans: list[tuple[int, int, bool]], domain: DomainModel, primary: bool) -> Operation | None:
    """`Members MUST be able to comment on tasks` -> create a Comment under the Task; `invite people` -> create an
    Invitation; `register a player for a tournament` -> create a TournamentRegistration under the Tournament (the thing
    after on/to/for is the parent; a direct object that is a person is who it is for, a body field). None when the verb
    is no request (no modal, a negation, a participle, the system as subject) or no modelled thing is made by it."""
    text = statement.text
    if not _asks(text, verb, verb.group(0).casefold(), lemma, spans):
        return None
    if lemma in _NOUN_FIRST:
        # `order`, `purchase` are nouns first ("Order Management", "order details"): a verb only after a modal or
        # `to`, before what is ordered, and not "order tasks by due date" (a sort).
        if not _maker_before(text, verb.start()) or not _NOUN_FIRST_OBJECT.match(text, verb.end()) \
                or _SORTED_BY.match(text, verb.end()):
            return None
        previous = _PREVIOUS_WORD.search(text, max(0, verb.start() - 30), verb.start())
        if previous is not None and previous.group(1).casefold() in _VERBS:
            return None  # "When an admin views order details": the object of another verb, a noun
    # Nothing needs to follow the verb, so it must read as one: after a modal or `to` (`MUST be able to comment`,
    # `can invite`, `let readers comment`), or opening a story's title, not a noun in a list (`(recommendations,
    # reviews)`).
    if not (_maker_before(text, verb.start()) or
            (verb.start() < statement.title_end and (not text[:verb.start()].strip()
                                                     or re.search(r"(?:\band|,)\s+$", text[:verb.start()])))):
        return None
    subject = _subject(text, verb.start(), domain)
    if subject.system:
        return None
    clause_end = _CLAUSE_END.search(text, verb.end(), verb.end() + 70)
    limit = min(clause_end.start() if clause_end else len(text), verb.end() + 70)
    after = [m for m in mentions if verb.end() <= m.start < limit]
    # The thing after on/to/for (`register a player for a tournament`, `comment on tasks`) is where it is made; else
    # a direct object that is no person (`rate recipes`); a person is who it is for (a body field, not a parent).
    parent = None
    previous_end = verb.end()
    for mention in after:
        link = _MADE_ON.match(text[previous_end:mention.start])
        if link is not None and link.end() == mention.start - previous_end:
            parent = mention
            break
        previous_end = mention.end
    if parent is None and after and re.fullmatch(rf"\s*{_FILLER}(?:[a-z]+ed\s+)?", text[verb.end():after[0].start]) \
            and not after[0].entity.is_actor:  # (`answer submitted questions`: a state before the object)
        parent = after[0]
    if parent is not None and lemma in _SIGNED_UP_NEW and _NEW_BEFORE.fullmatch(text, verb.end(), parent.start) \
            and not parent.entity.link:
        # "allow administrators to enroll new students": the students are made (their own create), not an
        # Enrollment of each
        return Operation("create", parent.entity, sources=[statement.ref()], roles=set(subject.roles),
                         primary=primary or verb.start() < statement.title_end, public=subject.public)
    candidates = makers[lemma]
    if parent is not None and parent.entity in candidates:
        parent = None  # `reply to a comment` when only Comment is made by... keeps it flat
    made = candidates[0] if len(candidates) == 1 else next(
        (e for e in candidates if parent is not None and split_name(e.name)[:len(split_name(parent.entity.name))]
         == split_name(parent.entity.name)), None)
    if made is None:
        return None
    if parent is not None and lemma in _CREATE_LEMMAS and parent.start - verb.end() < 20 \
            and re.fullmatch(rf"\s*{_FILLER}", text[verb.end():parent.start]) \
            and not _related(made, parent.entity) and not parent.entity.is_actor:
        return None  # "submit a request": the request is what is submitted, made as itself (not a Submission)
    owner = parent.entity if parent is not None and not parent.entity.is_actor and not parent.entity.link \
        and _may_nest(made, parent.entity) and lemma not in _RESERVING else None
    operation = Operation("create", made, sources=[statement.ref()], roles=set(subject.roles),
                          primary=primary or verb.start() < statement.title_end, public=subject.public)
    if owner is not None:
        operation.parent, operation.parent_owned, operation.nest_items = owner, True, True  # the wording places it
    return operation


def _add_suggestions(operations: list[Operation], statements: list[Statement], matcher: EntityMatcher) -> None:
    """"System MUST suggest relevant tags", "provide suggested tags for recipes": the system computes candidates for
    content people are still writing, so the route takes that content and stands outside any collection
    (`POST /suggest-tags`). Only requirements ask for it; a story or scenario illustrates."""
    have = {(o.name, o.entity.name) for o in operations if o.kind == "compute" and o.entity is not None}
    for statement in statements:
        if statement.kind != "requirement" and statement.requirement_kind not in ("kiro", "openspec"):
            continue
        lowered = statement.lowered
        if "suggest" not in lowered and "recommend" not in lowered:
            continue  # cheap test first
        text = statement.text
        for mention in matcher.mentions(text):
            found = _SUGGEST_BEFORE.search(text, max(0, mention.start - 30), mention.start)
            if found is None or mention.entity.link or _NEGATION.search(text[max(0, found.start() - 40):found.start()]):
                continue
            lemma = found.group(1).casefold()
            if (lemma, mention.entity.name) in have:
                operation = next(o for o in operations if o.kind == "compute" and o.name == lemma and o.entity is mention.entity)
                if all(s.label != statement.label for s in operation.sources):
                    operation.sources.append(statement.ref())
                continue
            have.add((lemma, mention.entity.name))
            operations.append(Operation("compute", mention.entity, name=lemma, sources=[statement.ref()], primary=True))


_LOOKUP_BEFORE = re.compile(r"\blook-?ups?\s+(?:by|of|for)\s+(?:an?\s+|the\s+|its\s+|their\s+)?$", re.I)
_LOOKUP_AFTER = re.compile(r"^\s+look-?ups?\b", re.I)


def _add_lookups(operations: list[Operation], statements: list[Statement], matcher: EntityMatcher) -> None:
    """"Provide lookup by serial", "a customer lookup": a requirement that asks, as a noun, to look one thing up by its
    key asks for `GET /serials/{serial_id}`. Added after the state transitions: a lookup is a read, it does not make
    the entity something this API moves through its states. Stories and scenarios illustrate; they add no lookup."""
    details = {o.entity.name: o for o in operations if o.kind == "detail" and o.entity is not None}
    for statement in statements:
        if statement.kind != "requirement" and statement.requirement_kind not in ("kiro", "openspec"):
            continue
        if "look" not in statement.lowered:
            continue  # cheap test first
        text = statement.text
        for mention in matcher.mentions(text):
            before = text[max(0, mention.start - 30):mention.start]
            if not (_LOOKUP_BEFORE.search(before) or _LOOKUP_AFTER.match(text, mention.end)):
                continue
            if _NEGATION.search(text[max(0, mention.start - 40):mention.start]):
                continue
            existing = details.get(mention.entity.name)
            if existing is not None:
                if all(s.label != statement.label for s in existing.sources):
                    existing.sources.append(statement.ref())
                existing.singleton = False  # looked up by a key: there are many
                continue
            details[mention.entity.name] = Operation("detail", mention.entity, sources=[statement.ref()], primary=True)
            operations.append(details[mention.entity.name])


_TRASH = re.compile(r"\b(?:trash(?:ed)?|recycle bin|wastebasket|deleted items)\b", re.I)
_FROM_TRASH = re.compile(r"\b(?:restor|recover|undelet|retriev|bring\w* back)\w*\b[^.;]{0,60}?\bfrom\s+(?:the\s+|their\s+|a\s+)?"
                         r"(?:trash|recycle bin|wastebasket)\b", re.I)


def _add_trash_views(operations: list[Operation], statements: list[Statement], matcher: EntityMatcher) -> None:
    """Soft-deleted things people restore "from the trash" need a place to be found again: `GET /recipes/trash` lists
    an entity's trashed items when the spec lets people delete it (a DELETE or a restore action exists) and a statement
    says they restore it from the trash. A trash the spec only mentions (an automatic purge) adds nothing."""
    deletable = {o.entity.name: o for o in operations if o.entity is not None and o.parent is None
                 and (o.kind == "delete" or (o.kind == "action" and o.name == "restore"))}
    if not deletable:
        return
    found: dict[str, list[SourceRef]] = {}
    restored: set[str] = set()
    for statement in statements:
        lowered = statement.lowered
        if "trash" not in lowered and "bin" not in lowered and "wastebasket" not in lowered and "deleted items" not in lowered:
            continue  # cheap test first: most statements never speak of a trash
        if not _TRASH.search(statement.text):
            continue
        names = {m.entity.name for m in matcher.mentions(statement.text) if m.entity.name in deletable}
        if len(names) != 1:
            continue  # the trash of which entity must be plain
        name = names.pop()
        found.setdefault(name, []).append(statement.ref())
        if _FROM_TRASH.search(statement.text):
            restored.add(name)
    for name, sources in found.items():
        if name not in restored:
            continue
        basis = deletable[name]
        operations.append(Operation("collection", basis.entity, name="trash", sources=sources, roles=set(basis.roles),
                                    owner=basis.owner, primary=True,
                                    inferred=f"{plural(basis.entity.display_name)} restored from the trash are listed there first"))


def _role_words(domain: DomainModel) -> frozenset[str]:
    """The roles people have (`organization_manager` -> `manager`), as single words no entity is called."""
    names = {" ".join(split_name(e.name)).casefold() for e in domain.entities}
    words = {singular(actor.replace("-", "_").split("_")[-1].casefold()) for actor in domain.actors if actor}
    return frozenset(w for w in words if len(w) > 2 and w not in names and w not in ("user", "account", "person"))


_TO_WHOM = re.compile(r"\s+to\s+(?:an?\s+|the\s+|another\s+|other\s+|their\s+|specific\s+|individual\s+)?"
                      r"(?:one or more\s+|one or several\s+|multiple\s+|several\s+)?([a-z]+)\b", re.I)


def _to_role(text: str, end: int, people: frozenset[str]) -> bool:
    """Whether `to <one of the spec's kinds of people>` follows (`assign tickets to dispatchers`): whom it is given to."""
    found = _TO_WHOM.match(text, end)
    return found is not None and singular(found.group(1).casefold()) in people


def _role_before(gap: str, role_words: frozenset[str]) -> str:
    """The role word right before an account entity ("the first *manager* user"), or ""."""
    words = gap.split()
    if not words:
        return ""
    word = singular(words[-1].strip(",;:").casefold())
    return word if word in role_words else ""


def _mark_singletons(operations: list[Operation], statements: list[Statement], matcher: EntityMatcher) -> None:
    """An entity the spec only reads or changes, never creates, lists or deletes, and never names in the plural ("the
    board") is a singleton resource: `GET /board`, not `GET /boards/{board_id}`."""
    kinds: dict[str, set[str]] = {}
    for operation in operations:
        if operation.entity is not None:
            kinds.setdefault(operation.entity.name, set()).add(operation.kind)
    # A person's preferences or settings are one set per owner even when a sentence "lists" them: read, not listed.
    one_set = {o.entity.name for o in operations if o.entity is not None and o.parent is not None
               and split_name(o.entity.name)[-1] in _PLURAL_BUT_ONE}
    candidates = {name for name, found in kinds.items()
                  if found <= {"detail", "update"} or (name in one_set and found <= {"detail", "update", "list"})}
    # A thing nested under another is one of many there, unless it is the other's settings ("payment settings" of a
    # clinic: `PUT /clinics/{clinic_id}/payment-settings`).
    candidates -= {o.entity.name for o in operations if o.entity is not None and o.parent is not None
                   and split_name(o.entity.name)[-1] not in _ONE_PER_OWNER}
    if not candidates:
        return
    for statement in statements:
        text = statement.text
        for mention in matcher.mentions(text):
            if mention.entity.name not in candidates:
                continue
            if (mention.plural and split_name(mention.entity.name)[-1] not in _PLURAL_BUT_ONE) \
                    or _MANY_BEFORE.search(text, max(0, mention.start - 12), mention.start) \
                    or _BY_ID_AFTER.match(text, mention.end) or _BY_ITS_ID.match(text, mention.end, mention.end + 60):
                candidates.discard(mention.entity.name)  # "boards", "each board", "a board by id": there are many
    within: dict[str, Entity] = {}
    for operation in operations:
        if operation.entity is not None and operation.entity.name in candidates and operation.within is not None:
            within.setdefault(operation.entity.name, operation.within)
    for operation in operations:
        if operation.entity is not None and operation.entity.name in candidates:
            operation.singleton = True
            if operation.kind == "list":
                operation.kind = "detail"  # (one set per owner: its "list" is the set)
            # "set a shipping address on an order": one per order, `PUT /orders/{order_id}/shipping-address`.
            place = within.get(operation.entity.name)
            if place is not None and operation.parent is None:
                operation.parent, operation.parent_owned, operation.nest_items = place, True, True


_ONE_PER_OWNER = frozenset({"settings", "preferences", "configuration", "config", "profile", "options"})
_PLURAL_BUT_ONE = frozenset({"settings", "preferences", "options"})  # "the payment settings": one thing
_AUTOMATIC_TRIGGERS = frozenset({"expire", "time out", "timeout", "lapse", "elapse"})
"""Moves that time makes, not a person: no endpoint."""
_LEMMAS = frozenset(lemma for lemma, _kind in ((v[1], v[0]) for v in _VERBS.values()))


def _trigger_verb(entity: Entity, trigger: str) -> str | None:
    """The action verb of a state transition (`cancel`, `check in`) when the trigger is one: a verb of the lexicon
    or the verb of the state it leads to (`ship` -> `shipped`), never a fragment or a timed move."""
    verb = trigger.strip().casefold().replace("_", " ")
    if not re.fullmatch(r"[a-z]{3,}(?:[ -][a-z]{2,})?", verb) or verb in _AUTOMATIC_TRIGGERS:
        return None
    if verb in _SETTER_VERBS:
        return None  # "marks it In Progress", "changes it to Done": the state is set, no move is named
    if verb in _LEMMAS:
        return verb
    states = _states_of(entity)
    if states & {verb + "ed", verb + "d", verb + verb[-1] + "ed", verb[:-1] + "ied" if verb.endswith("y") else ""}:
        return verb
    return None


# Verbs that set a state without naming the move: an edit of the status, no action endpoint of their own.
_SETTER_VERBS = frozenset({"mark", "set", "change", "update", "move", "edit", "modify", "toggle", "switch"})
# States nobody asks for: a payment fails, a hold expires, a job times out (the system or a provider moves it there).
_BY_ITSELF = frozenset({"failed", "expired", "timed_out", "errored", "lapsed", "bounced", "overdue", "stale"})


def _automatic_states(statements: list[Statement], matcher: EntityMatcher | None) -> set[tuple[str, str]]:
    """(entity, state) pairs the spec says are reached by themselves ("the PO advances to `closed` automatically");
    entity "" when the sentence names no entity the matcher knows (an abbreviation)."""
    found: set[tuple[str, str]] = set()
    for statement in statements:
        if "automatic" not in statement.lowered:
            continue
        for sentence in re.split(r"(?<=[.;])\s+", statement.text):
            if "automatic" not in sentence.casefold():
                continue
            named = {m.entity.name for m in matcher.mentions(sentence)} if matcher is not None else set()
            for word in tokens(sentence)[1]:
                for name in named or {""}:
                    found.add((name, word.replace("-", "_")))
    return found


# "toggle a task's completion status", "toggles it complete": the flag flips both ways (see `_mark_toggles`).
_TOGGLED = re.compile(r"\btoggl(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,3}?(complet\w*|done|publish\w*|archiv\w*|pin\w*|"
                      r"favou?rit\w*)", re.IGNORECASE)
_TOGGLED_LEMMAS = (("complet", "complete"), ("done", "complete"), ("publish", "publish"), ("archiv", "archive"),
                   ("pin", "pin"), ("favo", "favorite"))


def _mark_toggles(operations: list[Operation], statements: list[Statement], matcher: EntityMatcher) -> None:
    """An action the spec says is toggled ("toggle a task's completion status between complete and incomplete") flips
    a flag either way: a partial update of the thing at the action's path, `PATCH /tasks/{task_id}/complete`, not a
    one-way move (`POST`). A toggle of a thing the plan changes is that action even when no other sentence names
    the move ("Users MUST be able to toggle a task's completion status")."""
    toggled: dict[str, list[Statement]] = {}
    for statement in statements:
        if "oggl" in statement.text or "OGGL" in statement.text:
            for match in _TOGGLED.finditer(statement.text):
                for stem, lemma in _TOGGLED_LEMMAS:
                    if match.group(1).casefold().startswith(stem):
                        toggled.setdefault(lemma, []).append(statement)
    if not toggled:
        return
    for operation in operations:
        if operation.kind == "action" and operation.name in toggled:
            operation.partial = True
    for lemma, said in toggled.items():
        for statement in said:
            if statement.kind not in ("requirement", "story"):
                continue
            for mention in matcher.mentions(statement.text):
                entity = mention.entity
                changed = next((o for o in operations if o.entity is entity and o.kind == "update"), None)
                if changed is None or entity.is_actor or any(o.entity is entity and o.kind == "action" and o.name == lemma
                                                             for o in operations):
                    continue
                operations.append(Operation("action", entity, name=lemma, parent=changed.parent,
                                            parent_owned=changed.parent_owned, nest_items=changed.nest_items,
                                            sources=[statement.ref()], primary=statement.kind == "requirement",
                                            owner=changed.owner, roles=set(changed.roles), partial=True))


# "users can only access their own tasks", "can only view or modify entries they own", "can only access tasks they
# created": a rule over every operation on the thing, not one operation.
_ONLY_OWN = re.compile(r"\bonly\s+(?:be\s+able\s+to\s+)?(?:access|see|view|read|retrieve|manage|modify|edit|update|"
                       r"delete|work\s+with)(?:\s*(?:,|and|or|and/or)\s*(?:access|see|view|read|retrieve|manage|modify|"
                       r"edit|update|delete))*\s+(?:(?:their|his|her|your|my)\s+own\s+(?P<own>[\w\s-]{1,40}?)|"
                       r"(?P<made>[\w\s-]{1,40}?)\s+(?:(?:that|which)\s+)?(?:they|you|I|he|she)\s+(?:created|own|"
                       r"have\s+created))(?=$|[\s.,;:)(—–-])", re.IGNORECASE)

# "prevent users from accessing, viewing, updating, or deleting tasks owned by other users", "MUST NOT see other
# users' tasks": the same rule, said of everyone else's.
_OTHER_PEOPLES = re.compile(r"\b(?:access|see|view|read|retrieve|modify|edit|updat|delet|manag)\w*\s+"
                            r"(?:(?:the|any)\s+)?(?P<thing>[\w\s-]{1,40}?)\s+(?:owned\s+by|belonging\s+to|created\s+by|"
                            r"of)\s+(?:other|another|different)\s+(?:users?|accounts?|people|customers?|members?|tenants?)\b|"
                            r"\b(?:other|another|different)\s+(?:users?|accounts?|customers?|members?|tenants?)['’]s?\s+"
                            r"(?P<their>[\w-]+(?:\s[\w-]+)?)", re.IGNORECASE)
_OWNED_VERB = re.compile(r"\b(?:access|see|view|read|retriev|manag|modif|edit|updat|delet|work)", re.IGNORECASE)
_ALL_KINDS = ("list", "detail", "update", "delete", "action", "collection")
_OWNED_KINDS = {"acce": _ALL_KINDS, "mana": _ALL_KINDS, "work": _ALL_KINDS, "see": ("list", "detail", "collection"),
                "view": ("list", "detail", "collection"), "read": ("list", "detail", "collection"),
                "retr": ("list", "detail", "collection"), "modi": ("update", "action"), "edit": ("update", "action"),
                "upda": ("update", "action"), "dele": ("delete",)}
_REFUSED_TO_OTHERS = re.compile(r"\b(?:prevent\w*|not|cannot|can't|never|den(?:y|ies|ied)|forbid\w*|block\w*|reject\w*|"
                      r"isolat\w*|unable)\b", re.IGNORECASE)


def _mark_owned_only(operations: list[Operation], statements: list[Statement], matcher: EntityMatcher,
                     domain: DomainModel) -> None:
    """A rule that people reach only their own things ("users can only access their own tasks") makes every operation
    on those things the owner's: reading, changing, deleting and acting on one, and a list of only their own. Not a
    create (its maker becomes the owner), nor what a role or the public does (a rule for them says so itself).
    "their own data" is every thing that belongs to an account."""
    owned: dict[str, set[str]] = {}  # entity name -> the kinds of operation kept to the owner
    for statement in statements:
        if statement.kind == "edge-case":
            continue
        text, lowered = statement.text, statement.lowered
        found = [(match.group("own") or match.group("made"), match.group(0)) for match in _ONLY_OWN.finditer(text)] \
            if "only" in lowered else []
        if "other" in lowered or "another" in lowered or "different" in lowered:
            for match in _OTHER_PEOPLES.finditer(text):
                refused = _REFUSED_TO_OTHERS.search(text, max(0, match.start() - 120), match.start())
                if refused is not None:
                    found.append((match.group("thing") or match.group("their"), text[refused.start():match.end()]))
        for words, verbs in found:
            kinds = {kind for verb in _OWNED_VERB.findall(verbs) for kind in _OWNED_KINDS[verb.casefold()[:4]]}
            named = [m.entity for m in matcher.mentions(words) if not m.entity.is_actor and not m.entity.link]
            if not named and words.split()[-1].casefold() in ("data", "records", "information", "content", "resources",
                                                             "items"):
                named = [entity for entity in domain.entities if not entity.is_actor and not entity.link and any(
                    r.kind == "belongs-to" and r.ownership and (target := domain.entity(r.target)) is not None
                    and target.is_actor for r in entity.relationships)]
            for entity in named:
                owned.setdefault(entity.name, set()).update(kinds)
    if not owned:
        return
    for operation in operations:
        if operation.entity is not None and operation.kind in owned.get(operation.entity.name, ()) and \
                not operation.owner and not operation.roles and not operation.public:
            operation.owner = True


def _add_transitions(operations: list[Operation], domain: DomainModel, statements: list[Statement] = (),
                     matcher: EntityMatcher | None = None) -> None:
    """Every transition of a resource's state machine is an action endpoint (`POST /orders/{order_id}/cancel`), whether
    or not a statement names the verb next to the entity: the spec described the move ("draft → submitted →
    approved"). Only entities the plan already has routes for; the action nests where their item routes do."""
    by_entity: dict[str, list[Operation]] = {}
    for operation in operations:
        if operation.entity is not None:
            by_entity.setdefault(operation.entity.name, []).append(operation)
    automatic = _automatic_states(list(statements), matcher) if any(e.states for e in domain.entities) else set()
    for entity in domain.entities:
        existing = by_entity.get(entity.name)
        if not existing or entity.states is None or entity.link:
            continue
        names = {o.name.replace("-", " ") for o in existing if o.kind == "action"}
        # States the spec's own action verbs already reach ("reactivate" reaches `active`): no second way there.
        reached = set().union(*(states_reached(entity, name) | states_reached(entity, name.removeprefix("re"))
                                for name in names)) if names else set()
        nested = next((o for o in existing if o.parent is not None and o.parent_owned and o.nest_items), None)
        for transition in entity.states.transitions:
            verb = _trigger_verb(entity, transition.trigger)
            if verb is None or verb in names or verb in COLLECTION_ACTIONS \
                    or _NOUN_VERBS.get(singular(split_name(entity.name)[-1].casefold())) == verb:
                continue  # (ordering makes an Order; it moves no existing one)
            target = transition.target.casefold().replace(" ", "_").replace("-", "_")
            if target in reached or (entity.name, target) in automatic or ("", target) in automatic \
                    or target in _BY_ITSELF:
                continue  # the spec's own verb already gets there, or nobody does: it happens by itself
            names.add(verb)
            template = next((o for o in existing if o.kind in ("action", "update")), existing[0])
            operation = Operation("action", entity, name=verb,
                                  sources=list(transition.sources or entity.states.sources or template.sources),
                                  roles=set(template.roles), owner=template.owner, primary=True,
                                  inferred=f"the {entity.display_name} moves from {transition.source} to "
                                           f"{transition.target} by '{verb}'")
            if nested is not None:
                operation.parent, operation.parent_owned, operation.nest_items = nested.parent, True, True
            operations.append(operation)


# After a list of verbs, a noun and a place: "add, remove, and update quantities in shopping cart" acts on the
# quantities (not modelled), in the cart.
# The verb's own object, a comma, then the next verb of a list: the thing named later is that verb's.
# (Not a preposition before the comma: "search for, and disable stock items" shares the object.)
_OBJECT_THEN_VERB = re.compile(r"\s*(?:[\w'’/-]+\s+){0,3}?(?!(?:for|to|on|in|with|from|by|of|at|about|into|up|out)\s*,)"
                               r"[\w'’/-]+\s*,\s*(?:(?:and|or)\s+)?([a-z/-]+)\s", re.I)
_LISTED_NOUN_PLACE = re.compile(r"\b[a-z]+\s+(?:to|for|with|by|from|of|in|on|at|into|within)\b")
_LIST_LINK = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|and/or)\s+)?([a-z-]+)(?=[\s,])")


def _after_verb_list(gap: str) -> str:
    """`gap` after the verbs that open it: ", and track lifestyle, diet, and exercise " -> " lifestyle, diet, and
    exercise " (the other verbs of a list share the object)."""
    position = 0
    while True:
        link = _LIST_LINK.match(gap, position)
        if link is None or link.group(1) not in _VERBS or link.end() == position:
            return gap[position:]
        position = link.end()


_PATH_OBJECT = re.compile(r"\s+(?:to\s+|on\s+)?/[\w{]")


def _outside_paths(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions that are not words of a URL path: "When a user requests /quotes/random" names an endpoint, its
    `quotes` is no object of `requests`. (A path starts with a slash after a space; "tasks/projects" is no path.)"""
    kept = []
    for mention in mentions:
        chunk = text.rfind(" ", 0, mention.start) + 1
        if text.startswith("/", chunk) and "/" in text[chunk:mention.start + 1]:
            continue
        kept.append(mention)
    return kept


def _keep_primary(operations: list[Operation], asked: set[str] = frozenset()) -> list[Operation]:
    """Requirements say what the system offers; stories and Given/When/Then scenarios illustrate it. An entity that
    only a story or scenario acts on gets no routes when requirements act on other entities: scenarios refine the
    resources the requirements define, they do not add new ones. (Kiro criteria and OpenSpec scenarios *are* the
    requirements of their dialects and count as primary.) `asked`: entities a requirement acts on through an account
    flow instead of a route of theirs (signing up)."""
    primary_entities = {o.entity.name for o in operations if o.entity is not None and o.primary} | set(asked)
    if not primary_entities:
        return operations
    return [o for o in operations if o.entity is None or o.entity.name in primary_entities]


_ILLUSTRATED_KINDS = frozenset({"create", "update", "delete"})


def _drop_illustrated_writes(operations: list[Operation], asked: bool = False) -> list[Operation]:
    """When requirements list what the system offers, a create, update or delete that only a story's narrative or a
    scenario mentions is part of the illustration ("a doctor adds the notes to the patient's record"), not an endpoint
    the requirements ask for. Reads and state actions stay: stories often name the views and moves requirements imply."""
    if not asked and not any(o.primary for o in operations):
        return operations
    return [o for o in operations if o.primary or o.kind not in _ILLUSTRATED_KINDS]


def _unify_collections(operations: list[Operation]) -> list[Operation]:
    """One collection per owned entity: once the spec places an entity under an owner (`characters belonging to an
    adventure`, `a character's snapshots`), every route of that entity nests there. Many-to-many links
    (`add tags to recipes`) stay separate from the entity's own collection."""
    owners: dict[str, Operation] = {}
    for operation in operations:
        if operation.entity is not None and operation.parent is not None and operation.parent_owned:
            owners.setdefault(operation.entity.name, operation)
    # "reorder exercises within a workout plan", and a scenario's "When I reorder the exercises": one reordering,
    # where the requirement places it (a requirement's own unplaced one stays: "import a single book").
    placed = {(o.kind, o.entity.name, o.name): o for o in operations
              if o.kind == "collection" and o.entity is not None and o.parent is not None}
    merged: dict[tuple, Operation] = {}
    for operation in operations:
        if operation.kind == "collection" and operation.parent is None and operation.entity is not None and \
                not operation.primary and (operation.kind, operation.entity.name, operation.name) in placed:
            place = placed[(operation.kind, operation.entity.name, operation.name)]
            operation.parent, operation.parent_owned, operation.nest_items = \
                place.parent, place.parent_owned, place.nest_items
        owner = owners.get(operation.entity.name) if operation.entity is not None else None
        if owner is not None and operation.parent is None and \
                (owner.nest_items or operation.kind in ("create", "list", "collection")):
            operation.parent, operation.parent_owned, operation.nest_items = owner.parent, True, owner.nest_items
        existing = merged.get(operation.key())
        if existing is None:
            merged[operation.key()] = operation
        else:
            existing.absorb(operation, with_nesting=False)
    return list(merged.values())


def _has_members(entity: Entity, domain: DomainModel) -> bool:
    """Whether people take part in the entity through a link model (`DrawParticipant`, `TeamMember`): "join draws"
    then adds the person to it."""
    return any(other.link and any(r.target == entity.name for r in other.relationships)
               and any((person := domain.entity(r.target)) is not None and person.is_actor
                       for r in other.relationships if r.target != entity.name)
               for other in domain.entities)


_JOINER_WORDS = frozenset({"participant", "member", "attendee", "player", "membership", "guest", "subscriber"})


_ASSIGNMENT_WORDS = frozenset({"assignment", "assignee"})
_RECORD_WORDS = {"join": _JOINER_WORDS, "assign": _ASSIGNMENT_WORDS}
"""Verbs that add a record of someone's part in a thing, and the last words of the names such records have."""


def _joiner_of(entity: Entity, domain: DomainModel, words: frozenset[str] = _JOINER_WORDS) -> Entity | None:
    """The one entity that records someone's part in `entity` (a `Participant` with a key to the session; with
    `_ASSIGNMENT_WORDS`, a `TicketAssignment` with a key to the ticket), or None."""
    found = [other for other in domain.entities if other is not entity and not other.link
             and split_name(other.name)[-1].casefold() in words
             and any(r.kind == "belongs-to" and r.target == entity.name for r in other.relationships)]
    return found[0] if len(found) == 1 else None


def _record_of(person: Entity, thing: Entity, domain: DomainModel) -> Entity | None:
    """The record of a person in a thing: the thing itself when it holds a key to the person (a registration), else
    the one entity holding keys to both (a membership), else None."""
    if thing.link or any(r.kind == "belongs-to" and r.target == person.name for r in thing.relationships):
        return thing
    links = [third for third in domain.entities if third is not person and third is not thing and
             {r.target for r in third.relationships if r.kind == "belongs-to"} >= {person.name, thing.name}]
    return links[0] if len(links) == 1 else None


def _linked_through(entity: Entity, other: Entity, domain: DomainModel) -> bool:
    """Whether a third entity holds keys to both (`Inventory` links `Item` and `Warehouse`)."""
    return any(third is not entity and third is not other and
               {r.target for r in third.relationships if r.kind == "belongs-to"} >= {entity.name, other.name}
               for third in domain.entities)


def held_in(entity: Entity, other: Entity, domain: DomainModel) -> Entity | None:
    """The record of `entity` held in `other` (a `Planned Exercise` of a workout plan that references its
    `Exercise`): a third entity with keys to both, named for `entity`. "add exercises to workout plans" adds one."""
    words = [word.casefold() for word in split_name(entity.name)]
    for third in domain.entities:
        if third is entity or third is other:
            continue
        own = [word.casefold() for word in split_name(third.name)]
        if len(own) > len(words) and own[-len(words):] == words and \
                {r.target for r in third.relationships if r.kind == "belongs-to"} >= {entity.name, other.name}:
            return third
    return None


def _many_to_many(entity: Entity, other: Entity) -> bool:
    names = {other.name.casefold(), other.display_name.casefold()}
    own = {entity.name.casefold(), entity.display_name.casefold()}
    return any(r.kind == "many-to-many" and r.target.casefold() in names for r in entity.relationships) or \
        any(r.kind == "many-to-many" and r.target.casefold() in own for r in other.relationships)


def _may_nest(entity: Entity, parent: Entity) -> bool:
    """Wording may nest an entity under another unless the domain model ties it to a different owner, or the
    would-be parent belongs to the entity (`remove players from tournament registrations`: a registration is the
    player's, not the other way round)."""
    if split_name(parent.name)[-1:] and split_name(parent.name)[-1].casefold() in _CLASSIFIERS \
            and not entity.name.startswith(parent.name):
        return False  # "listings in a category": filed under it, not owned by it (`/listings?category_id=`)
    names = {entity.name.casefold(), entity.display_name.casefold()}
    if any(r.kind == "belongs-to" and r.target.casefold() in names for r in parent.relationships) and \
            not any(r.kind == "belongs-to" and r.target.casefold() in {parent.name.casefold(), parent.display_name.casefold()}
                    for r in entity.relationships):
        return False
    if _related(entity, parent):
        return True
    return not any(r.kind == "belongs-to" and r.ownership for r in entity.relationships)


_TO_SOMEONE_VERBS = frozenset({"assign", "unassign", "transfer"})
_TO_SOMEONE = re.compile(r"\s+to\s+(?:an?\s+|the\s+|another\s+|other\s+|their\s+|specific\s+|individual\s+)?"
                         r"(?:one or more\s+|one or several\s+|multiple\s+|several\s+)?(?:[a-z]+\s+)?"
                         r"(?:members?|users?|agents?|staff|employees?|technicians?|persons?|people|owners?|"
                         r"managers?|teammates?|colleagues?|reviewers?|volunteers?|drivers?|couriers?|assignees?|"
                         r"operators?|engineers?|workers?|doctors?|nurses?|teachers?|students?)\b", re.I)
# "assign them to other members": the pronoun is the object, whom it goes to follows.
_PRONOUN_TO_SOMEONE = re.compile(r"\s+(?:it|them)" + _TO_SOMEONE.pattern, re.I)
# "share a recipe with other users": whom it is shared with.
_WITH_SOMEONE = re.compile(_TO_SOMEONE.pattern.replace(r"\s+to\s+", r"\s+with\s+", 1), re.I)
# Things given to people rather than people given to them: "assign roles to users" links a role to a user.
_GIVEN_TO_PEOPLE = frozenset({"role", "permission", "tag", "label", "category", "badge", "group", "license", "licence"})
_CLASSIFIERS = frozenset({"category", "categories", "tag", "tags", "label", "labels", "type", "types", "kind", "kinds",
                          "genre", "genres", "topic", "topics", "classification"})
_QUERY_HINTS = ("filter", "sort", "search", "order", "group")
_QUERY_HINT = re.compile(r"\b(?:filter|sort|search|order|group)", re.I)


_PARAMETERS_NAMED = re.compile(r"\b(?:with|using|via)\s+(?:the\s+)?(?:query\s+)?parameters?:?\s+"
                               r"((?:[A-Za-z_][A-Za-z0-9_]*(?:\s*\([^()]*\))?(?:\s*,\s*|\s+and\s+|\s+or\s+)?){1,4})")
_PARAMETER_NAME = re.compile(r"\b(?!(?:and|or)\b)([A-Za-z_][A-Za-z0-9_]*)\b(?![^()]*\))")


def _query_key(phrase: str) -> str:
    """`the salary range ` -> `salary_range`: what a filter or sort phrase names, as a parameter name."""
    words = [w for w in re.findall(r"[a-z0-9]+", phrase.casefold()) if w not in ("the", "a", "an", "their", "its")]
    if words[:1] == ["by"]:
        del words[0]  # "by salary range and by team"
    return "_".join(words)


def _add_query_parameters(operations: list[Operation], statements: list[Statement], matcher: EntityMatcher) -> None:
    """Filter/sort/search parameters of list operations, from `filtered by city`, `sorted by start time`."""
    lists = [o for o in operations if o.kind == "list" and o.entity is not None]
    if not lists:
        return
    named = [(statement, {m.entity.name for m in matcher.mentions(statement.text)}) for statement in statements
             if any(map(statement.lowered.__contains__, _QUERY_HINTS)) and _QUERY_HINT.search(statement.text)]
    # What each statement filters, sorts or searches by: (verb, name) pairs, read once for every list operation.
    phrases: dict[int, list[tuple[str, str]]] = {}
    # "filtering by salary range with parameters minSalary and maxSalary": the spec's own names for what a phrase
    # filters by, wherever the phrase is used.
    given_names: dict[str, list[str]] = {}
    for statement, _entities in named:
        if "parameter" in statement.lowered:
            for match in _QUERY_PHRASE.finditer(statement.text):
                given = _PARAMETERS_NAMED.search(statement.text, match.start(2), match.end() + 80)
                if given is not None and given.start() >= match.start(2):
                    key = _query_key(statement.text[match.start(2):given.start()])
                    given_names.setdefault(key, _PARAMETER_NAME.findall(given.group(1)))
    for statement, _entities in named:
        pairs = phrases[id(statement)] = []
        for match in _NAMED_FILTER.finditer(statement.text):
            pairs.append(("filter", "_".join(match.group(1).casefold().split())))  # "select a category filter"
        for match in _QUERY_PHRASE.finditer(statement.text):
            verb = match.group(1).casefold()
            given = _PARAMETERS_NAMED.search(statement.text, match.start(2), match.end() + 80) if given_names else None
            phrase_list = match.group(2) if given is None else statement.text[match.start(2):given.start()]
            for phrase in re.split(r",|\bor\b|\band\b|/", phrase_list):
                key = _query_key(phrase)
                if key in given_names:
                    pairs.extend((verb, name) for name in given_names[key])
                elif key and key.count("_") <= 2:
                    pairs.append((verb, key))
    listed = {o.entity.name for o in lists}
    for operation in list(lists):
        attributes = {a.name: a for a in operation.entity.attributes}
        for statement, entities in named:
            if operation.entity.name not in entities:
                continue
            for verb, name in phrases[id(statement)]:
                choices = matcher.entity_of(name.replace("_", " ")) if verb.startswith("filter") else None
                if choices is not None and choices.name in listed and choices is not operation.entity \
                        and not operation.roles:
                    # The choices are read by whoever filters, even when a role manages them, and anonymously when
                    # the list they filter is public.
                    for other in lists:
                        if other.entity is choices and other.parent is None and (
                                other.roles or (operation.public and not other.public)):
                            other.roles = set()
                            other.public = other.public or operation.public
                            if all(s.label != statement.label for s in other.sources):
                                other.sources.append(statement.ref())
                if choices is not None and choices is not operation.entity and choices.name not in listed \
                        and not choices.is_actor and not choices.link:
                    # "filter posts by tag": the filter's choices are the tags, listed for people to pick from.
                    listed.add(choices.name)
                    made = Operation("list", choices, sources=[statement.ref()], roles=set(operation.roles),
                                     public=operation.public,
                                     inferred=f"{plural(operation.entity.display_name)} are filtered by "
                                              f"{choices.display_name}: its list gives the filter's choices")
                    operations.append(made)
                    lists.append(made)  # another list filtered by the same choices widens who reads them
                candidate = next((a for a in attributes if a == name or a == singular(name) or a.startswith(name)), None)
                param = candidate or name
                if verb.startswith("sort") or verb.startswith("order"):
                    param = f"sort={param}"
                elif verb.startswith("search") and candidate is None:
                    param = "q"
                if param not in operation.query:
                    operation.query.append(param)
            if re.search(r"\bsearch", statement.text, re.I) and "q" not in operation.query:
                operation.query.append("q")


def _add_implied_details(operations: list[Operation]) -> None:
    """A collection people add to is also listed: an assumption, recorded on the operation. Nothing more is implied: a
    thing that is created or edited is not also read by id unless the spec asks (over the reference contracts of 46
    real features, 3 of 32 such implied reads were in the authors' API)."""
    have = {(o.kind, o.entity.name) for o in operations if o.entity is not None}
    have |= {(o.kind, o.entity.name + "/" + o.segment) for o in operations if o.entity is not None and o.segment}
    for operation in list(operations):
        entity = operation.entity
        collection = entity.name + ("/" + operation.segment if operation.segment else "") if entity is not None else ""
        if entity is None or operation.kind != "create" or ("list", collection) in have:
            continue
        have.add(("list", collection))
        operations.append(Operation("list", entity, parent=operation.parent, parent_owned=operation.parent_owned,
                                    segment=operation.segment,
                                    sources=list(operation.sources), roles=set(operation.roles), owner=operation.owner,
                                    inferred=f"{plural(entity.display_name)} that people create are also listed"))


# ----------------------------------------------------------------------------------------- auth and health

_LOGIN = re.compile(r"\b(log(?:s|ged|ging)? ?in(?!\w)|sign(?:s|ed|ing)? ?in(?!\w)|login|authenticate (?:users?|patients?|customers?|members?|doctors?|admins?|with|via|using|by)|credentials|"
                    r"(?<=provide )(?:secure |user |password )?authentication(?= for\b)|(?<=provides )(?:secure |user |password )?authentication(?= for\b)|"
                    # "System MUST handle user authentication", "support secure user authentication"
                    r"\b(?:handle|handles|support|supports|implement|implements)\s+(?:(?:secure|robust|strong|basic)\s+)?user "
                    r"authentication|"
                    r"inici\w* (?:uma |una |la |a )?(?:sess[ãa]o|sesi[óo]n)|"
                    # Portuguese and Spanish: "autentique-se com usuário e senha", "autenticarse con correo"
                    r"autentique-se|autenticar-se|autentica-se|se autentique|autent[ií]c?(?:ar)?se|aut[eé]nticate)(?!\w)", re.I)
# What makes a login cue incidental: a state ("logged-in members"), a time ("since last login"), a noun phrase ("login
# credentials", "its detailed log in the panel").
_LOGIN_STATE = re.compile(r"^(?:logged|signed|credentials)", re.I)
_LOGIN_TIME_BEFORE = re.compile(r"\b(?:last|since|previous|recent|first|next)\s+$", re.I)
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|my|our|your|this|that|each)|\w+ed)\s+$", re.I)
_LOGIN_NOUN_AFTER = re.compile(r"\s+(?:credentials?|history|time|timestamps?|date|count|name|ids?|identifiers?)\b", re.I)
_REFUSED_BEFORE = re.compile(r"\b(?:no|not|never|without|cannot|can't|nor)\b[^.;,]*$", re.I)
_SESSION_WORDS = re.compile(r"\b(?:sessions?|tokens?|jwt|cookies?|sess[ãa]o|sesi[óo]n)\b", re.I)
_LOGOUT = re.compile(r"\b(log(?:s|ged|ging)? ?out|sign(?:s|ed|ing)? ?out|logout|end (?:their|the|a) session)\b", re.I)
# (and named beside signing in: "provide register, login (JWT issuance), and token-refresh endpoints",
# "login/registration")
_REGISTER = re.compile(r"\b(sign(?:s|ed|ing)? ?up|signup|self-regist\w*|"
                       r"regist(?:er|ration)(?=\s*(?:,|/|&|\band\b)\s*(?:and\s+)?log-?in\b)|"
                       r"log-?in\s*(?:,|/|&|\band\b)\s*(?:and\s+)?regist(?:er|ration)\b|"
                       r"(?:user|account) registration(?!s)|register (?:an? |their |new |own )?accounts?|register (?:with|as|using|via|for an account)|(?:to|can|must|shall|should|may|will|users?)\s+register(?=\s*(?:[.,;]|$|and\b|or\b))|create (?:an |their |a |new |own )?(?:user )?"
                       # (a Portuguese or Spanish spec is read with its verbs and articles in English: "create a conta")
                       r"(?:accounts?|conta|cuenta)(?!\w)|cadastr(?:e-se|ar-se|o de usu[aá]rio)|reg[ií]str(?:ese|arse))", re.I)
_REFRESH = re.compile(r"\b(refresh tokens?|token refresh|refresh(?:es|ed)? (?:the |their |a )?(?:session|token)|access tokens?|jwt|session (?:expir\w*|timeout)|sessions? (?:persist|across)|maintain (?:user )?sessions?)\b", re.I)
_PASSWORD_RESET = re.compile(r"\b((?:reset|forgot|forgotten|recover)\w* (?:their |a |the |his |her )?passwords?|password (?:reset|recovery))\b", re.I)
_HOW_TO_BEFORE = re.compile(r"\bhow (?:to|do (?:i|you|we|they)|can (?:i|you|we|they)|does one)\s+$", re.I)
# Credentials of a service, not of people: "database credentials", "API credentials", "SMTP credentials".
_SYSTEM_CREDENTIALS = re.compile(r"\b(?:database|db|api|service|cloud|smtp|aws|gcp|azure|provider|third-party|"
                                 r"integration|server|storage|payment|gateway|webhook|oauth client)\s+credentials\b", re.I)
_RECORDS_AFTER = re.compile(r"\s+(?:requests|tokens|records|attempts|history|logs|entries)\b", re.I)
# ("change their own username and password")
_PASSWORD_CHANGE = re.compile(r"\bchange (?:their |a |the |his |her |my )?(?:own )?(?:[a-z]+ (?:and|or) )?passwords?\b", re.I)
# ("send a verification email containing a single-use link", "sign in once their email has been verified"; not
# "receive and read a verification email" another site sent)
_VERIFY_EMAIL = re.compile(r"\b(verify (?:their |the |an? )?email|email (?:address )?verification|confirm (?:their |the )?email|"
                           r"(?:send|sends|sent|sending|issue|issues|request|requests)\s+(?:an?\s+|the\s+)?"
                           r"(?:new\s+|replacement\s+)?verification (?:e-?mail|link)s?|"
                           r"e-?mail (?:address )?(?:has been |is |was |being )?verified)\b", re.I)
# "email confirmation" confirms an address in sign-up prose ("confirm accounts by email confirmation link"); beside a
# booking or an order it is a message sent about that ("receive an email confirmation of the booking").
_EMAIL_CONFIRMATION = re.compile(r"\bemail (?:address )?confirmation\b", re.I)
_ACCOUNT_WORDS = re.compile(r"\b(?:accounts?|sign[ -]?(?:up|in)|regist\w*|log ?in|login|addresse?s?|links?|tokens?|"
                            r"verif\w*|activat\w*)\b", re.I)
_TRANSACTION_WORDS = re.compile(r"\b(?:book\w*|orders?|purchases?|payments?|pays?|appointments?|reservations?|"
                                r"tickets?|receipts?|invoices?)\b", re.I)
_ME = re.compile(r"\b(own profile|their profile|my profile|current user|logged[- ]in user|profile information|profile (?:read|view|retrieval)\b|view (?:their|his|her) (?:own )?(?:profile|account)|who is logged in|session info\w*)\b", re.I)
# "update their profile settings", "profile read/update", "manage their profile": the signed-in person changes their own
# account (`PATCH /auth/me`), not any account by id.
_ME_UPDATE = re.compile(r"\b(?:(?:update|edit|change|modify|manage)s?(?:/[a-z]+)?\s+(?:their|his|her|your|my|the user's)\s+"
                        r"(?:own\s+)?profile|profile\s+(?:read/)?(?:update|edit|management)s?)\b", re.I)
# "health check endpoints", "liveness and readiness probes", "dependency health status". Not the health of a domain
# thing ("the health status of each epic", "integration health status") nor readiness in business prose ("release
# readiness", "indicate readiness to sleep"): readiness counts next to liveness or a probe word.
_HEALTH = re.compile(r"\bhealth[- ]?(?:checks?|endpoints?|probes?|checking)\b|"
                     r"\b(?:service|system|api|server|backend|application|app|database|db)\s+health\s+(?:status|reports?)\b|"
                     r"\bdependenc(?:y|ies)\s+health\b|"
                     r"\bliveness\b|\breadiness(?=\s*(?:and|/|,|or)\s*liveness\b|\s+(?:probes?|checks?|endpoints?|signal\w*|"
                     r"health)\b)|(?:(?<=liveness and )|(?<=liveness or )|(?<=liveness, )|(?<=liveness/))readiness\b|"
                     # "wait for health", "the API becomes healthy": the service reports its health
                     r"\b(?:wait(?:s|ing)? for|verif(?:y|ies)|poll(?:s|ing)?)\s+(?:the\s+)?(?:service\s+)?"
                     r"health\b(?!\s+(?:metrics?|data|records?|status|information|insurance|conditions?|goals?|scores?|history|"
                     r"profiles?|issues?|checks?))|\b(?:api|service|server|backend|application|app)\s+(?:becomes?|is|reports?(?: as)?)\s+"
                     r"healthy\b", re.I)


_AUTHENTICATION = re.compile(r"\bauthenticat(?:e|es|ion)\b(?!\s+(?:is|are)\s+(?:required|needed))", re.I)
_REGISTER_HINTS = ("sign", "regist", "account", "conta", "cuenta", "cadastr", "regíst")
_AUTH_HINTS = ("log", "sign", "authent", "credential", "regist", "account", "token", "jwt", "session", "password",
               "email", "e-mail", "profile", "current user", "logged", "sess", "sesi", "autent", "conta", "cuenta",
               "cadastr", "regíst")
_FLOWS = ("login", "register", "logout", "password-reset", "change-password", "verify-email")
"""Operations that, asked for by a requirement or story, mean the feature builds the account flows itself."""


# Who or what may stand before the verb "log(s) in": a person, a pronoun, a modal or `to`, a clause's start.
_LOG_IN_SUBJECT = re.compile(r"(?:\b(?:[Tt]o|[Cc]an|cannot|could|[Mm]ust|MUST|[Mm]ay|MAY|might|will|would|should|shall|"
                             r"then|and|or|not|never|first|successfully|who|they|we|I|you|he|she|[Aa]dmins?|"
                             r"[Aa]dministrators?|[Ss]taff|[Pp]eople|[Pp]erson|[a-z]+(?:er|or|ist|ant|ent|ee)s?)|"
                             r"\b[A-Z][a-z]+|^|[.,;:!?*)(\"])\s*$")


def _noun_log(text: str, match: re.Match[str]) -> bool:
    """Whether a "log in"/"logs in" match is the noun `log` before "in" ("display food logs in the UI"), not the
    verb: the word before it is no person, pronoun, modal or `to`."""
    word = match.group(0).casefold()
    return word in ("log in", "logs in") and not _LOG_IN_SUBJECT.search(text, max(0, match.start() - 40),
                                                                            match.start())


def _asks_for_login(text: str) -> bool:
    """Whether `text` asks for signing in (the flow), not only mentions a signed-in state or a login detail."""
    for match in _LOGIN.finditer(text):
        word = match.group(0)
        before = text[max(0, match.start() - 40):match.start()]
        if _LOGIN_STATE.match(word) or _LOGIN_TIME_BEFORE.search(before):
            continue
        if text.count("(", 0, match.start()) > text.count(")", 0, match.start()):
            continue  # an aside "(e.g., manual browser login)" gives an example, it does not ask for the flow
        if word.casefold().startswith("log") and " " in word and (_NOUN_BEFORE.search(before) or _noun_log(text, match)):
            continue  # "view its detailed log in the panel", "display food logs in the UI": the noun `log`
        if word.casefold() == "login" and _LOGIN_NOUN_AFTER.match(text, match.end()):
            continue
        if SPARED_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            continue  # "vote without needing to create an account or log in": what people are spared
        if _EXISTING_SIGN_IN_AFTER.match(text, match.end()):
            continue  # "authenticate users via the existing Supabase authentication system": built elsewhere
        return True
    return False


# Signing in that another system already provides: "via the existing authentication system", "through the company's
# current login".
_EXISTING_SIGN_IN_AFTER = re.compile(r"\s+(?:(?:users|people|them|members|visitors)\s+)?(?:via|through|using|with|"
                                     r"by|against|from)\s+(?:the\s+|an?\s+|our\s+|their\s+)?(?:[\w'’]+\s+)?"
                                     r"(?:existing|current|already[- ]existing|shared|central(?:i[sz]ed)?)\b", re.I)


_REGISTER_AS = re.compile(r"\b(?:regist(?:er|ers|ered|ering|ration)|sign(?:s|ed|ing)?[- ]?up)\s+as\s+(?:an?\s+|the\s+|new\s+)*"
                          r"([a-z]+(?:[ -][a-z]+)?)", re.I)
_GENERIC_ACCOUNTS = frozenset({"user", "account", "member", "person", "visitor", "guest", "customer account"})


def _registered_roles(statements: list[Statement], role_names: dict[str, str]) -> dict[str, list[SourceRef]]:
    """The roles the register statements name ("register as a patient"), when every one of them names a role the
    domain model holds: each role gets its own sign-up (`POST /auth/register/patient`), since what a patient and a
    doctor give at sign-up differs. Empty when any statement registers someone unnamed ("users register")."""
    roles: dict[str, list[SourceRef]] = {}
    for statement in statements:
        named = [role_names.get(singular(m.group(1).casefold().replace("-", " "))) or
                 role_names.get(singular(m.group(1).casefold().split()[0])) for m in _REGISTER_AS.finditer(statement.text)]
        named = [name for name in named if name]
        if not named:
            return {}
        for name in named:
            roles.setdefault(name, []).append(statement.ref())
    return roles


def find_auth_operations(statements: list[Statement], admin_creates_users: bool,
                         role_names: dict[str, str] | None = None, external: ExternalSignIn | None = None,
                         passwords: bool = False, roles_checked: bool = False) -> list[Operation]:
    """Auth routes for what the spec says about accounts: login, logout, register, refresh, password reset, me (read
    or update the signed-in account).
    `role_names` maps an entity's singular lower-case name to its URL segment (`patient` -> `patient`): roles that
    register separately get their own sign-up route. With `external` (sign-in redirected to an identity provider),
    signing in is a redirect to the provider and its callback; the password flows stay only when the spec also has
    passwords (`passwords`: an account holds one, or it asks for a password flow)."""
    found: dict[str, Operation] = {}
    register_statements: list[Statement] = []
    scenario_logins: set[str] = set()  # scenarios whose step is signing in ("When I log in as an HR Manager")

    def note(name: str, statement: Statement) -> None:
        if statement.kind == "edge-case" and name not in found:
            return  # an edge case ("the session expires mid-checkout") adds to a flow, it does not ask for one
        operation = found.setdefault(name, Operation("auth", None, name=name,
                                                     public=name not in ("logout", "me", "update-me", "change-password")))
        if all(s.label != statement.label for s in operation.sources):
            operation.sources.append(statement.ref())

    flow = False  # a requirement or story asks for an account flow (not only for signed-in users)
    for statement in statements:
        if statement.kind in ("clarification", "non-functional"):
            continue  # "registration completes in under 3 minutes" is a target, not a request for an endpoint
        text = statement.text
        lowered = statement.lowered
        cjk = () if text.isascii() else cjk_auth_flows(text)
        if not cjk and not any(map(lowered.__contains__, _AUTH_HINTS)):
            continue
        before = set(found)
        for name in cjk:
            note(name, statement)
        password = "password" in lowered
        if any(map(lowered.__contains__, ("log", "sign", "authent", "credential", "sess", "sesi", "autent"))) \
                and any(not _SYSTEM_CREDENTIALS.search(text, max(0, m.start() - 30), m.end())
                        and not _noun_log(text, m) and not _REFUSED_BEFORE.search(text[max(0, m.start() - 25):m.start()])
                        for m in _LOGIN.finditer(text)):
            # (not "database credentials": a service's secrets, not people's; not "MUST NOT authenticate users yet")
            note("login", statement)
        if ("out" in lowered or "session" in lowered) and _LOGOUT.search(text):
            note("logout", statement)
        register = _REGISTER.search(text) if any(map(lowered.__contains__, _REGISTER_HINTS)) else None
        if register and _REFUSED_BEFORE.search(text[max(0, register.start() - 25):register.start()]):
            register = None  # "no self-registration is allowed"
        if register and not (admin_creates_users and _ADMIN_SUBJECTS.search(text[:register.start()])):
            note("register", statement)
            if _AUTHENTICATION.search(text):
                note("login", statement)  # "account registration and authentication": signing up, then in
            if statement.kind != "edge-case":  # an edge case adds to the flow; it does not say who signs up
                register_statements.append(statement)
        if any(map(lowered.__contains__, ("refresh", "token", "jwt", "session"))) and _REFRESH.search(text):
            note("refresh", statement)
        reset = _PASSWORD_RESET.search(text) if password else None
        if reset and _HOW_TO_BEFORE.search(text, max(0, reset.start() - 16), reset.start()):
            reset = None  # "asking how to reset their password": the topic of a question, not the flow
        if reset and not _RECORDS_AFTER.match(text, reset.end()):
            note("password-reset", statement)  # (not "list password reset tokens": the records, not the flow)
        if password and _PASSWORD_CHANGE.search(text):
            note("change-password", statement)
        if "mail" in lowered and (_VERIFY_EMAIL.search(text) or (
                _EMAIL_CONFIRMATION.search(text) and _ACCOUNT_WORDS.search(text) and not _TRANSACTION_WORDS.search(text))):
            note("verify-email", statement)
        if any(map(lowered.__contains__, ("profile", "current user", "logged", "account", "session"))) and _ME.search(text):
            note("me", statement)
        if "profile" in lowered and _ME_UPDATE.search(text):
            note("update-me", statement)
        primary = statement.kind in ("requirement", "story") or statement.requirement_kind in ("kiro", "openspec")
        if primary and not flow:
            asked = {name for name in _FLOWS if name in found and (name not in before or
                                                                    any(s.label == statement.label for s in found[name].sources))}
            flow = bool(asked - {"login"}) or ("login" in asked and (bool(cjk) or _asks_for_login(text)))
        elif statement.kind == "scenario" and "login" in found and statement.label not in scenario_logins \
                and any(s.label == statement.label for s in found["login"].sources) and _SCENARIO_LOGIN.search(text):
            scenario_logins.add(statement.label)
    if not flow and len(scenario_logins) >= 2 and roles_checked:
        # "When I log in as an HR Manager, Then ...", twice or more, in a spec whose routes check roles: the
        # feature's own journeys start by signing in, and nothing else in it gives people a way to.
        flow = True
    if not flow:
        return []  # the feature uses accounts someone else built: signed-in users, not sign-in endpoints
    # No `GET /auth/me` unless the spec asks for the current account (`_ME`): implied, it was in the authors'
    # contracts 2 times of 8 over 46 real features.
    for name in ("me", "update-me"):
        if name in found and "login" not in found:
            del found[name]
    if "login" in found and "logout" not in found and any(_SESSION_WORDS.search(s.text) for s in statements):
        found["logout"] = Operation("auth", None, name="logout", sources=list(found["login"].sources),
                                    inferred="a session the client starts, it can also end")
    if "password-reset" in found:
        # A reset is two steps: ask for the emailed link, then set the new password with its token.
        found["password-reset-confirm"] = Operation("auth", None, name="password-reset-confirm", public=True,
                                                    sources=list(found["password-reset"].sources))
    if "refresh" in found and "login" not in found:
        del found["refresh"]
    if external is not None and ("login" in found or "register" in found):
        _redirect_sign_in(found, external, passwords or external.passwords)
    roles = _registered_roles(register_statements, role_names or {}) if "register" in found else {}
    if roles:
        generic = found.pop("register")
        for segment, sources in roles.items():
            found[f"register/{segment}"] = Operation("auth", None, name=f"register/{segment}", public=True,
                                                     sources=sources or list(generic.sources))
    return list(found.values())


_SCENARIO_LOGIN = re.compile(r"\b(?:I|we|they|he|she)\s+log\s+in\b|\blogs\s+in\b", re.I)
_PASSWORD_FLOWS = ("password-reset", "password-reset-confirm", "change-password", "verify-email")


def _redirect_sign_in(found: dict[str, Operation], external: ExternalSignIn, passwords: bool) -> None:
    """Sign-in through an identity provider: `GET /auth/login` sends people to it, `GET /auth/callback` takes them
    back (the account is made at the first sign-in), one pair per provider when the spec names several. The
    password sign-in and sign-up go unless the spec has passwords as well ("register with email, or sign in with
    Google")."""
    asked = [found[name] for name in ("login", "register") if name in found]
    sources: list[SourceRef] = []
    for source in [source for operation in asked for source in operation.sources] + list(external.sources):
        if all(source.label != seen.label for seen in sources):
            sources.append(source)
    if not (passwords or any(name in found for name in _PASSWORD_FLOWS)):
        found.pop("login", None)
        found.pop("register", None)
    several = "/{provider}" if len(external.providers) > 1 else ""
    via = " or ".join(external.providers) or external.protocol
    found["provider-login" + several] = Operation(
        "auth", None, name="provider-login" + several, public=True, sources=list(sources))
    found["provider-callback" + several] = Operation(
        "auth", None, name="provider-callback" + several, public=True, sources=list(sources),
        inferred=f"{via} sends people back to it with a code to exchange for a session")


def find_health_operations(statements: list[Statement]) -> list[Operation]:
    operations: dict[str, Operation] = {}
    for statement in statements:
        lowered = statement.lowered
        if "health" not in lowered and "liveness" not in lowered and "readiness" not in lowered:
            continue
        for match in _HEALTH.finditer(statement.text):
            word = match.group(0).casefold()
            name = "live" if "live" in word else "ready" if "ready" in word or "readi" in word else ""
            operation = operations.setdefault(name, Operation("health", None, name=name, public=True))
            if all(s.label != statement.label for s in operation.sources):
                operation.sources.append(statement.ref())
    if operations and "" not in operations:
        first = next(iter(operations.values()))
        operations[""] = Operation("health", None, name="", public=True, sources=list(first.sources))
    return list(operations.values())


# Webhooks the system receives ("payment webhook listener", "verify webhook signatures from providers", "receive
# generic webhook events from any external system"), not ones it sends ("deliver to a Discord webhook URL").
_WEBHOOK_IN = re.compile(r"\b(?:receiv\w*|accept\w*|ingest\w*|handl\w*|process\w*|listen\w*|verif\w*|validat\w*)\b"
                         r"[^.;]{0,60}?\bwebhooks?\b(?!\s+(?:url|urls|destination|destinations|target|targets)\b)"
                         r"|\bwebhooks?\s+(?:listener|receiver|handler)s?\b"
                         r"|\bwebhooks?\s+(?:events?\s+)?from\b", re.I)
# Services that call a system back with webhooks, as their names are written.
_WEBHOOK_PROVIDERS = ("Stripe", "PayPal", "Twilio", "GitHub", "GitLab", "Shopify", "SendGrid", "Mailgun", "Slack",
                      "Square", "Adyen", "Razorpay", "Paddle", "Plaid", "Zoom", "Calendly", "HubSpot", "Gmail")
_PAYMENT_PROVIDERS = ("Stripe", "PayPal", "Square", "Adyen", "Razorpay", "Paddle")
_WEBHOOK_PROVIDER = re.compile(r"\b(" + "|".join(_WEBHOOK_PROVIDERS) + r")\b")


def find_webhook_operations(statements: list[Statement], text: str) -> list[Operation]:
    """The endpoint a provider calls back (`POST /webhooks/stripe`) when the spec says the system receives its
    webhooks; `POST /webhooks/{source}` when it names several senders or none. One per spec."""
    asked = [statement for statement in statements if statement.kind not in ("clarification", "non-functional")
             and "webhook" in statement.lowered and _WEBHOOK_IN.search(statement.text)]
    if not asked:
        return []
    named = {match.group(1) for statement in asked for match in _WEBHOOK_PROVIDER.finditer(statement.text)}
    if not named:
        # the one provider the spec uses; for a "payment webhook", the one payment provider it names
        named = {match.group(1) for match in _WEBHOOK_PROVIDER.finditer(text)}
        if len(named) > 1 and any("payment" in statement.lowered for statement in asked):
            named &= set(_PAYMENT_PROVIDERS)
    name = next(iter(named)).casefold() if len(named) == 1 else ""
    return [Operation("webhook", None, name=name, public=True, sources=[statement.ref() for statement in asked[:3]])]


# ----------------------------------------------------------------------------------------- paths

def singleton_segment(entity: Entity, parent: Entity | None = None) -> str:
    """`KanbanBoard` -> `kanban-board`: the path of a resource there is one of; under a `User`, `UserPreferences` ->
    `preferences` (the parent's name is already in the path)."""
    words = _without_owner_words(split_name(entity.name), parent.name if parent is not None else None)
    return "-".join(w for w in (_NOT_SLUG.sub("", word) for word in words) if w) or "item"


def collection_segment(entity: Entity, parent: Entity | None = None) -> str:
    """`TicketType` -> `ticket-types`; under `Character`, `CharacterSnapshot` -> `snapshots`; a `Blog Post` the spec
    calls "posts" -> `posts` (the path says what people call the thing)."""
    if entity.usual_name:
        return _segment(entity.usual_name, None)
    if entity.plural_name:
        return "-".join(_NOT_SLUG.sub("", word) for word in fold_accents(entity.plural_name).casefold().split())
    return _segment(entity.name, parent.name if parent is not None else None)


@lru_cache(maxsize=1024)
def _segment(name: str, parent_name: str | None) -> str:
    words = _without_owner_words(split_name(name) or ["item"], parent_name)
    words = [_NOT_SLUG.sub("", w) for w in words]
    words = [w for w in words if w] or ["item"]
    if words[-1].casefold() not in _MASS_NOUNS:
        words[-1] = plural(singular(words[-1]))
    return "-".join(words)


# Nouns that name an amount, not things one can count: a path says `/availability`, `/inventory`, `/staff`,
# `/history`, as API authors write them (never `/availabilities`).
_MASS_NOUNS = frozenset({"availability", "inventory", "feedback", "analytics", "metadata", "staff", "equipment",
                         "information", "attendance", "history", "content", "software", "hardware", "furniture",
                         "luggage", "baggage", "news", "advice", "knowledge", "research", "evidence"})


def _without_owner_words(words: list[str], parent_name: str | None) -> list[str]:
    """`Character Snapshot` under `Character` -> `Snapshot`: the parent's name is already in the path before it."""
    if parent_name is not None:
        parent_words = split_name(parent_name)
        if len(words) > len(parent_words) and words[:len(parent_words)] == parent_words:
            return words[len(parent_words):]
        # `Cart Item` under `Shopping Cart` -> `Item`: the parent's last words, what people call it, are there too
        for size in range(len(parent_words) - 1, 0, -1):
            if len(words) > size and words[:size] == parent_words[-size:]:
                return words[size:]
    return words


def id_param(entity: Entity) -> str:
    return snake_case(entity.name).casefold() + "_id"
