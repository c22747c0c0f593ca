"""Domain-model inference: entities, attributes, relationships, lifecycle states and actors from a parsed spec.

`infer_domain(document)` reads what the parser found (Key Entities, glossary and data-section definitions,
requirements, stories and their scenarios, edge cases, clarification answers) plus strong textual evidence
(headings such as `### Order Entity`, model definitions in code blocks) and returns a `DomainModel`. Every
entity, attribute, relationship and state machine keeps `sources` pointing at the spec text it came from, so a
plan is traceable and the language server can show it in hovers. Attribute lists are parsed by
`analysis.plan.infer_fields`, code-block models by `analysis.plan.infer_code`; hot regular expressions go through
`analysis.plan.infer_patterns`.

Lifecycles come from status values, Given/When/Then moves and arrow chains anywhere in the spec
(`draft → submitted → approved`), each transition with the verb that causes it.

Deterministic, offline, never raises, and cheap next to parsing: each passage is split into words once and the
rules look words up in sets before any regular expression runs.
What cannot be inferred is said in `DomainModel.notes` rather than invented. Depends on the spec model, the entity
name helpers and the plan model only; never on pygls or lsprotocol.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, islice, pairwise, repeat

from analysis.dialects.common import FIELDS_LABEL, strip_markup
from analysis.dialects.speckit import ID_PATTERN
from analysis.entities import entity_key, name_variants, plural, singular, split_name
from analysis.model import SpecDocument
from analysis.plan import infer_patterns as rx
from analysis.plan import languages
from analysis.plan.design_text import (ACTOR_NAME, CLOCK_VERB, PERSON_WORD, SPARED_BEFORE, clocked_entity, is_message,
                                      is_message_space, without_open_questions,
                                      without_test_note, word_parts)
from analysis.plan.infer_lexicon import cjk_credentials, cjk_fields, cjk_item_word, cjk_sign_in, has_cjk, is_cjk_list
from analysis.plan.infer_code import CodeModel, code_models
from analysis.plan.infer_fields import (
    FieldPhrase,
    describe_field,
    enum_values,
    fold_accents,
    field_name,
    infer_type,
    mask_brackets,
    parse_item,
    pascal_case,
    snake_case,
    split_list,
    split_top_level,
)
from analysis.plan.model import (
    Attribute,
    DomainModel,
    Entity,
    ExternalSignIn,
    Relationship,
    SourceRef,
    StateMachine,
    Transition,
    account_in,
)
from analysis.text import Range

__all__ = ["infer_domain"]


def infer_domain(document: SpecDocument) -> DomainModel:
    """The domain model of a spec. Deterministic and offline; never raises (a failure becomes a note)."""
    inference = _Inference(document)
    try:
        return inference.run()
    except Exception as exc:  # noqa: BLE001 -- a bug here must not take the plan or a hover down with it
        model = inference.model
        model.notes.append(f"domain inference stopped early: {type(exc).__name__}: {exc}")
        return model


# ----------------------------------------------------------------------------------------- text passages

class _Tokens:
    """A text split into lower-cased words and the separators around them: `parts` alternates separator, word,
    separator, ... (it starts and ends with a separator, possibly empty). `offset(j)` is where `parts[j]` starts,
    summed on demand: callers ask for a few offsets, mostly in increasing order, so a running cursor is cheaper
    than a table of every offset."""

    __slots__ = ("_index", "_position", "lowered", "parts")

    def __init__(self, lowered: str, parts: tuple[str, ...]) -> None:
        self.lowered = lowered
        self.parts = parts
        self._index = 0
        self._position = 0

    def offset(self, j: int) -> int:
        if j < self._index:
            self._index, self._position = 0, 0
        self._position += sum(map(len, self.parts[self._index:j]))
        self._index = j
        return self._position


@dataclass(slots=True)
class _Passage:
    """A piece of spec prose with where it came from: a requirement, a scenario, an edge case, a definition."""

    label: str
    start: int
    end: int
    text: str
    entity: str | None = None
    """For a definition: the key of the entity it defines."""

    def __post_init__(self) -> None:
        # An open `[NEEDS CLARIFICATION: maximum users per channel?]` asks; it states no data.
        if "[" in self.text:
            self.text = without_open_questions(self.text)


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"'“])|\s*;\s+")
_LIST_TRIGGER = re.compile(
    r"(?:\b(?:key |core |main |primary )?(?:attributes|fields|properties|columns|data)\s*(?:includes?\b|are\b|:)\s*:?"
    r"|\b(?:include|includes|including|contain|contains|containing|consisting of|consists of|composed of|comprising|"
    r"made up of|combining|holds|stores|tracks|captures|records|carries|with|has|have|having|defined by|"
    r"identified by|described by)\b"
    r"|\s[—–]\s|:\s)", re.IGNORECASE)
_ACTOR_WORDS = re.compile(r"\b(people|person|persons|user accounts?|accounts?|individuals?|humans?|members?|"
                          r"who (?:can )?(?:log|sign) in|registered|staff|employees?|customers?)\b", re.IGNORECASE)
_MANAGING_PERSON = re.compile(r"(?:\w+ )?(?:admin|administrator|moderator|owner|manager|supervisor)s?", re.IGNORECASE)
_NOT_ENTITY_SUFFIX = re.compile(r"(?:^|\s)(?:system|service|api|application|app|module|component|page|screen|view|"
                                r"ui|interface|server|engine|handler|controller|endpoint|middleware|library|framework|"
                                r"tool|cli|process|workflow|flow|feature|mode|dashboard|button|form|modal|dialog|"
                                r"widget|layout|router|hook|provider|pipeline|script)s?$", re.IGNORECASE)
# A glossary entry that says it is a part of the software, a tool or a screen, not data.
_COMPONENT_GLOSS = re.compile(r"\s*(?:(?:the|an?)\s+)?(?:(?!(?:of|for|in|on|with|to|through|by|from|that|which|who|and|"
                              r"or|is|are)\b)[\w/-]+\s+){0,3}?(?:component|service|system|module|engine|tool|library|"
                              r"framework|platform|workflow|pipeline|script|job|worker|daemon|process|endpoint|api|ui|tab|"
                              r"page|screen|view|panel|widget|button|modal|dialog|hook|function|class|utility|helper|cli|"
                              r"command|runner|scheduler|handler|integration|model used|message displaying)\b"
                              # an activity, not a thing: `Navigation: Moving between the list view and the editor`
                              r"|\s*(?-i:[A-Z][a-z]+ing)\s+(?:between|from|to|through|the|a|an)\b", re.IGNORECASE)
# `Metadata: Additional contextual information about the action stored as JSON`: a JSON column of another record.
_JSON_VALUE = re.compile(r"\b(?:stored|kept|saved|held)\s+as\s+(?:a\s+)?json\b|\bjson\s+(?:object|blob|field|column|document)\b",
                         re.IGNORECASE)
_CODE_SKIP_SUFFIX = re.compile(r"(?:Request|Response|Props|Params|Dto|DTO|Input|Output|Payload|Error|Exception|"
                               r"Handler|Service|Controller|Router|Middleware|Repository|Repo|Store|Hook|Context|"
                               r"Provider|Component|Test|Tests|Spec|Args|Result|Results|Schema|Factory|Builder|View|"
                               r"Props|State|Action|Actions|Reducer|Api|API|Client|Manager|Helper|Utils?)$")
_ENTITY_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:entity|model|table|aggregate|collection|record)\s*[:：]\s*`?(?P<a>[\w][\w .-]{0,60}?)`?"
    r"|`?(?P<b>[A-Za-z][\w .-]{0,60}?)`?\s+(?:entity|model|table|aggregate|collection|record))"
    r"\s*(?:\([^)]*\))?\s*$", re.IGNORECASE)
_FIELD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__|`)+([A-Za-z_][\w]*(?:(?: - | )[A-Za-z][\w]*){0,4})\??(?:\*\*|__|`)+\s*(?:\(([^)]*)\))?\s*[:：—–-]?\s*(.*)$")
# Under `**Attributes:**` (`FIELDS_LABEL`): another label that ends its bullets, and such a bullet.
_SUB_LABEL = re.compile(r"^\s*(?:\*\*|__)?[A-Z][\w /&()-]{1,40}?(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*$")
_PERFECT_TENSE = re.compile(r"(?:has|have|had)\s+(?:already\s+|not\s+|never\s+|just\s+)?[a-z]+ed\b(?!\s+(?:by|to)\b)",
                            re.IGNORECASE)
_ITEMS_LEAD = re.compile(r"(?:(?:the|its|their|key|core|main)\s+)?(?:properties|attributes|fields|details|information)\s+"
                         r"(?:including|includes|include|such as|like|:)\s*", re.IGNORECASE)
# Items that are no column: a status with its value ("with status Draft"), the thing's own fields ("every required
# invoice field").
_NOT_A_COLUMN_ITEM = re.compile(r"(?:(?:status|state)\s+(?:[A-Z][\w-]*|[\"'`“][^\"'`”]{1,30}[\"'`”])"
                                r"|(?:(?:all|every|each|any|the)\s+)?(?:(?:required|other|its|their)\s+)?"
                                r"(?P<owner>[\w'’]+)\s+fields?)$")
_BULLET_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_PLAIN_FIELD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+`?([a-z][a-z0-9]*(?:_[a-z0-9]+)*)`?\s*[:：—–]\s*(.*)$")
_FOREIGN_KEY_TO = re.compile(r"(?i)\b(?:foreign key|fk|references?|reference to)\s*(?:to|→|->)?\s*(?:the\s+|an?\s+)?`?([A-Z]\w*)")
# "four user roles: Admin, Realtor, Affiliate, and Client", "roles are Admin and Member"; in the account's own
# definition, "(Can be Admin, Realtor, Affiliate, or Client)".
_ROLE_LIST = re.compile(r"\b(?:(?:two|three|four|five|six|\d)\s+)?(?:user\s+|account\s+)?roles\s*(?::|are|include|\()\s*:?\s*"
                        r"((?:[A-Z][\w-]*(?: [A-Z][\w-]*)?)(?:\s*,\s*(?:and\s+|or\s+)?[A-Z][\w-]*(?: [A-Z][\w-]*)?|"
                        r"\s+(?:and|or)\s+[A-Z][\w-]*(?: [A-Z][\w-]*)?)+)")
_CAN_BE_LIST = re.compile(r"\b[Cc]an be (?:an?\s+)?((?:[A-Z][\w-]*)(?:\s*,\s*(?:and\s+|or\s+)?(?:an?\s+)?[A-Z][\w-]*|"
                          r"\s+(?:and|or)\s+(?:an?\s+)?[A-Z][\w-]*)+)")
# A field under a label bullet: `  - ProductId: string (unique identifier)`, `  - total_quantity: integer`.
_NESTED_FIELD = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\s*:\s*(\S.*)$")
_ALLOWED_PEOPLE = re.compile(r"\ballows?\s+(?:only\s+)?(?:authorized\s+|authorised\s+)?([a-z]+s)\s+to\b")
_POSSESSOR_ITEM = re.compile(r"^\s*(?:the\s+|each\s+|a\s+)?([A-Za-z][\w-]*(?: [A-Za-z][\w-]*)?)['’]s\s+(\S.*)$")
_GENERIC_ENTITY_WORDS = frozenset({"entity", "entities", "model", "models", "table", "tables", "data", "schema",
                                   "database", "core", "key", "new", "existing", "modified", "domain"})
# Said of the defined thing itself (at the start of a sentence): the spec declines to model it here.
_NOT_MODELLED = re.compile(r"(?:^|[.;]\s+)(?:it is |this is )?(?:not (?:persisted|stored|saved|managed here|modell?ed here)|"
                           r"never (?:persisted|stored)|in-memory only)\b|\bdoes not redefine\b", re.IGNORECASE)
_BACKTICK_FIELDS = re.compile(
    r"(?P<noun>\b[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)\s+(?:format\s+|object\s+|shape\s+|schema\s+|body\s+)?"
    r"(?:with|has|have|includes?|including|contains?|containing|carries|exposes)\s+(?:the\s+)?(?:(?:fields?|attributes?|"
    r"properties|columns|keys)\s*:?\s*)?(?P<fields>`[A-Za-z_]\w*`(?:\s*\([^)]*\))?(?:\s*,\s*(?:and\s+)?`[A-Za-z_]\w*`"
    r"(?:\s*\([^)]*\))?|\s+and\s+`[A-Za-z_]\w*`(?:\s*\([^)]*\))?)+)")
_RECORD_NOUN = re.compile(r"\b(?:response|record|entry|event|message|payload|settings|profile|snapshot|summary|"
                          r"token|item|log|report|receipt|config|configuration)$", re.IGNORECASE)
# Tried only where one of `_PROSE_TRIGGER_WORDS` starts a word of the lower-cased text.
_PROSE_TRIGGER_WORDS = frozenset({"has", "have", "with", "include", "includes", "including", "contain", "contains",
                                  "containing", "store", "stores", "record", "records", "capture", "captures", "track",
                                  "tracks", "must"})
# "handle tasks with special characters", "handling of orders with ...": input of some kind, not what it holds.
_HANDLED_BEFORE = re.compile(r"\bhandl(?:e|es|ed|ing)\s+(?:of\s+)?(?:(?:the|an?|their|its|any|all|such)\s+)?(?:[\w-]+\s+)?$",
                             re.IGNORECASE)
# A clause inside an item of a definition's opening list: the list describes the thing ("terms used to identify
# relevant job posts"), it does not name its columns.
_DESCRIBING_CLAUSE = re.compile(r"\w\s+(?:used\s+(?:to|for|by|in)|that|which|who|whose)\s+\w")
_PROSE_TRIGGER = re.compile(r"(?:has|have|with|includes?|including|contains?|containing|stores?|records?|captures?|"
                            r"tracks?|must have|must include|must store|must record|must capture)\s+"
                            r"(?:an?|the|its|their|one|optional|required)?\b")
# "only when the employee has an open check-in for the current day", "has an unpaid invoice": a thing in a state the
# person has now (a condition), not a column.
_IN_A_STATE = re.compile(r"\s*(?:open|active|pending|unpaid|outstanding|overdue|unclosed|unresolved|ongoing|expired|"
                         r"unread|incomplete|existing)\b(?!\s*(?:[,:/]|and\b|or\b))")
# `a recipe has been imported`, `a tournament has reached maximum capacity`: a perfect tense, not what it holds.
_NOT_A_LIST = re.compile(r"(?:been|being|to|no|not|already|also|never|just|reached|exceeded|passed|started|begun|"
                         r"ended|elapsed|occurred|happened|become|gone|joined|left|made|taken|given|sent|changed)\b")
# (`edit business profile details including legal name, ...`: the details are the entity's columns)
_SUBJECT_GAP = re.compile(r"\s*(?:model|entity|record|table|object|catalog|catalogue|directory|details|information|info|"
                          r"fields|attributes)?\s*(?:\([^)]*\))?\s*(?:from\s+\S+\s+)?"
                          r"(?:MUST|SHALL|SHOULD|must|shall|should|can|will|each|always|also|to|now|already)?\s*")
# `store audit entries in a dedicated `activity_logs` table with fields for ...`: the table holds the entity.
_STORED_IN_TABLE = re.compile(r"\s+(?:in|into)\s+(?:an?|the)\s+(?:(?:dedicated|separate|new|single|own)\s+)?`?[\w.]+`?\s+"
                              r"(?:table|collection)\s*", re.IGNORECASE)
_FIELDS_LEAD = re.compile(r"^\s*(?:the\s+)?(?:fields?|columns?|attributes?|properties)\s*(?:for|of|:|like|such as|including)\s*",
                          re.IGNORECASE)
# What a person in a scenario is or has, not a column: "a user with a completed goal", "with an admin role".
_SITUATION_STATES = frozenset({"completed", "archived", "draft", "published", "approved", "upcoming", "pending",
                               "active", "inactive", "empty", "registered", "new", "existing", "negative", "positive",
                               "expired", "valid", "invalid", "overdue", "open", "closed", "unread", "saved"})
_SITUATION_NOUNS = frozenset({"role", "roles", "token", "tokens", "data", "question", "questions", "account", "session",
                              "permission", "permissions", "history", "device", "registered"})
_DONE_FLAGS = frozenset({"completed", "is_completed", "done", "is_done"})
_SOMEONE_ELSES = re.compile(r"\b(?:another|other|different|a\s+different|any\s+other)\s+$", re.IGNORECASE)
_PREPOSITION_GAP = re.compile(r"\s*(?:at|in|on|for|to|from|of|per|into|under|within|inside|by)\s+"
                              r"(?:an?|the|its|their|each|one)?\s*"
                              # ("a new task for the authenticated user with a title": the task has the title)
                              r"(?:(?:authenticated|current|signed-in|logged-in|requesting|given|selected)\s+)?",
                              re.IGNORECASE)
_LIST_END = re.compile(r"(?<=[a-z0-9)])[.;](?:\s|$)|\s+(?:so that|which|who|when|where|while|and then|but|"
                       r"MUST|SHALL|SHOULD|must|shall|should|if|When|Then|Given)\s+|"
                       # `..., and primary email, with validation for required fields`: what is done with the list
                       r",\s+(?:with|using|via)\s+(?:validation|checks?|confirmation|support|the\s+ability)\b")
# Words that say a record is edited or dated, matched against a passage's words (a set look-up per word is several
# times cheaper than scanning the text with an alternation).
_EDIT_WORDS = frozenset({"edit", "edits", "edited", "editing", "update", "updates", "updated", "modify", "modifies",
                         "modified", "change", "changes", "changed", "rename", "renames", "move", "moves", "reorder",
                         "reorders"})
_EDITED_AFTER = re.compile(r"\s*(?:\w+\s+){0,3}?(?:is|are|be|gets?)\s+(?:\w+\s+)?(?:edited|updated|modified|changed|renamed|moved)",
                           re.IGNORECASE)
_CREATED_WORDS = frozenset({
    "create", "creates", "created", "creation", "add", "adds", "added", "submit", "submits", "submitted", "post", "posts",
    "posted", "upload", "uploads", "uploaded", "register", "registers", "registered", "book", "books", "booked", "place",
    "places", "placed", "record", "records", "recorded", "log", "logs", "logged", "send", "sends", "sent", "issue",
    "issues", "issued", "generate", "generates", "generated", "save", "saves", "saved", "store", "stores", "stored",
    "newest", "oldest", "recently", "latest", "history", "chronological", "timestamp", "timestamps", "audit"})
_TIMESTAMP_CUES = _EDIT_WORDS | _CREATED_WORDS | {"most", "when"}
_ACTIVATION_WORDS = re.compile(r"\b(?:deactivat\w*|reactivat\w*|inactive|active/inactive|enable[sd]?/disable[sd]?|"
                               r"disabled)\b", re.IGNORECASE)
_SOFT_DELETE_WORDS = re.compile(r"\b(?:soft[- ]delet\w*|trash|recycle bin|undelet\w*|restor\w* (?:an? |the )?(?:deleted|removed)|"
                                r"restor\w* from)\b", re.IGNORECASE)
# "mark books as deleted", "a book is marked as deleted": the thing just before is kept with a deleted mark.
_MARKED_DELETED = re.compile(r"\b(?:mark|flag)\w* (?:\w+ ){0,3}?as deleted\b", re.IGNORECASE)
_STATUS_NOUN = re.compile(r"\b(?:and|with|its|their|a|the|current|own|including|includes|tracks?|tracking|has)\s+"
                          r"(?:[a-z]+\s+)?status\b(?!\s+(?:of|code|codes|page|bar|message|messages|check|checks)\b)")
_ITS_STATUS = re.compile(r"\b(?:its|their) (status|state)\b")
_NAMED_AFTER = re.compile(r"\s+(?:named|called|titled)\s+[\"“'`]?\w|\s+[\"“][^\"”]{2,40}[\"”]")
# `the "To Do" column`, `a "Weekend Kit" kit`: a quoted label right before the noun names that instance.
_CLOSE_QUOTES = frozenset('"”')
_NAMED_BEFORE = re.compile(r"\b(?:the|an?|this|that|each|its|their)\s+[\"“][^\"”]{1,40}[\"”]\s+$")
_TITLED_AFTER = re.compile(r"\s+titled")
# `When I click "Delete"`, `they can order "Latte"`: the entity's name is the verb there, and the quote its object.
_VERB_POSITION = re.compile(r"\b(?:I|you|we|they|he|she|users?|then|to|can|must|should|will|may)\s+$", re.I)
_WORD = re.compile(r"[^\W_]+")
# `_everyday_names`: the word after a name, and the words before one that show it is a noun or a verb.
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
_WORD_AT = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Three-letter last words that are whole nouns of their own (`Genre Tag` is "a tag"); others that short are too often
# parts of other words or not nouns at all.
_SHORT_EVERYDAY = frozenset({"tag", "car", "pet", "job", "bid", "fee", "bus", "van", "bed", "kit", "bin", "cab"})
# Last words of a name that only say it is one of something: `Todo Item` is "a todo".
_GENERIC_TAILS = frozenset({"item", "entry", "record"})
# `recipe references`, `asset IDs`: what a list of them points at (right after the name of the thing).
_REFERENCES_TO = re.compile(r"\w+\s+(?:references|refs|ids)\b", re.IGNORECASE)
# One kind of thing under three names: a spec that models one calls it by the others too (see `_booking_synonyms`).
_BOOKED_THINGS = frozenset({"booking", "reservation", "appointment"})
_NOUN_BEFORE = frozenset({"the", "a", "an", "their", "his", "her", "its", "our", "your", "my", "own", "each", "every",
                          "all", "any", "no", "this", "these", "those", "new", "existing", "multiple", "many", "several",
                          "some", "other", "another"})
_VERB_BEFORE = frozenset({"can", "could", "may", "might", "must", "should", "shall", "will", "would", "to", "i", "they",
                          "we", "you", "cannot"})
# Last words that name a kind of thing rather than the thing (`Order Status`, `Cart Item`, `Leave Request`).
# `_memberships`: people's part in a thing (the word), and the words that place them in it.
_MEMBERS = re.compile(r"\b(members?|participants?|memberships?)(?: list)?\b", re.IGNORECASE)
_WITH_MEMBERS = re.compile(r"\b(?:with|has|have|having|includes?|including|contains?|holds?|lists?)\s+(?:(?:multiple|many|several|"
                           r"one or more|two or more|a list of|a set of|its|their|a|the|all)\s+){0,2}$", re.IGNORECASE)
# `contains message history and participants`: the people are a later item of the definition's list.
_LISTED_MEMBERS = re.compile(r"\b(?:with|has|have|includes?|including|contains?|holds?|lists?)\s+[^.;:]{0,70}?"
                             r"(?:,|\band)\s+(?:(?:the|its|their|all)\s+)?$", re.IGNORECASE)
_MEMBERS_OF = re.compile(r"\s+(?:in|of)\s+(?:an?|the|each|every|their|this|that)?\s*", re.IGNORECASE)
# `_entities_called_so`: "a Shop/Account entity", "the Tournament model" (a capitalised name, then the word).
_CALLED_ENTITY_BEFORE = re.compile(r"\b(?:a|an|the|new)\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:/[A-Z][A-Za-z]+)?\s+(?:entity|model|table)\b")
_NO_ENTITY_BEFORE = re.compile(r"\b(?:no|not|without|instead of|never|nor)\b[^.;]*$", re.IGNORECASE)
# `_association`: "links item to warehouse", "connects a student with a course"; "of a specific item in a specific
# warehouse".
_LINKS_LEAD = re.compile(r"\b(?:links?|linking|connects?|connecting|joins?|joining|associates?|associating|maps?|mapping|"
                         r"pairs?|pairing)\s+(?:an?\s+|the\s+|each\s+|one\s+)?", re.IGNORECASE)
# (`linking a camera (`device_id`) to a container position`: an aside in brackets may stand between)
_LINKS_JOINT = re.compile(r"(?:\s*[（(][^()（）]{0,60}[)）])?\s+(?:to|with|and)\s+(?:an?\s+|the\s+|each\s+|one\s+|its\s+)?",
                          re.IGNORECASE)
_SPECIFIC_LEAD = re.compile(r"\bof\s+(?:an?\s+|the\s+|one\s+)?(?:specific|particular|given|single)\s+", re.IGNORECASE)
_SPECIFIC_JOINT = re.compile(r"\s+(?:in|at|for|on)\s+(?:an?\s+|the\s+|one\s+)?(?:specific|particular|given|single)\s+",
                             re.IGNORECASE)
_MEMBER_LISTS = frozenset({"members", "member_list", "member_ids", "participants", "participant_list", "participant_ids",
                           "memberships"})
_BACKTICKED_NAME = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*)`")
_CLAUSE_MARK = re.compile(r"[.;:]")
_BELONG_TO_SEVERAL = re.compile(r"\s+(?:can |may |must )?(?:also )?belong to\s+(?:multiple|many|several|one or more)\s+",
                                re.IGNORECASE)
_INTO_SEVERAL = re.compile(r"\b(?:assign(?:s|ed|ing)?|add(?:s|ed|ing)?)\s+(?:the\s+|their\s+)?", re.IGNORECASE)
_INTO_SEVERAL_JOINT = re.compile(r"\s+to\s+(?:one or more|multiple|several|many)\s+", re.IGNORECASE)
_LINK_TABLE_NAME = re.compile(r"`?\b([A-Z][a-z]+(?:[A-Z][a-z]+)+)\b`?\s+(?:junction|join|joining|link|linking|"
                              r"association|pivot|bridge|mapping)\s+(?:table|entity|model)\b")
_VERSION_HINTS = ("match", "same version", "stale version", "outdated version", "expected version")
_SIGN_IN_WORD = re.compile(r"log(?:s|ged|ging)?[ -]?in|sign(?:s|ed|ing)?[ -]?(?:in|up)")
# The noun a definition calls its entity by: "A file linked to a task", "A system-generated alert tied to an event".
# (also "Represents a maintenance request from initial submission": a verb of definition first, and a head of two
# words)
_DEFINITION_HEAD = re.compile(r"(?i)\s*(?:(?:represents|describes|models)\s+)?(?:an?|the|one)\s+(?:[a-z]+-[a-z]+\s+)?"
                              r"(?:[a-z]{3,}(?:ed|ing)\s+(?=[a-z]{3,}\s*[,.;:(]|[a-z]{3,}\s*$))?"  # `a posted deal;`
                              r"((?:(?![a-z]+(?:ed|ing)\b)[a-z]{3,}\s+(?![a-z]+(?:ed|ing)\b))?[a-z]{3,})(?=\s+(?:that|which|who|"
                              r"linked|attached|tied|belonging|with|for|of|on|in|to|from|used|representing|describing)\b"
                              r"|\s*[,.;:(]|\s*$)")
_MODIFIER_LIST_AFTER = re.compile(r"\s*,\s*[a-z]+(?:\s*,\s*[a-z]+)*,?\s+(?:and|or)\s+[a-z]+\s+[a-z]+", re.I)
_GENERIC_DEFINITION_HEADS = frozenset({
    "record", "entry", "item", "object", "thing", "entity", "instance", "collection", "set", "list", "type", "kind",
    "piece", "unit", "representation", "reference", "link", "group", "information", "data", "value", "person",
    "user", "individual", "people", "snapshot", "version", "copy", "configuration", "setting", "settings", "model",
    "table", "row", "document", "resource", "structure", "container", "mapping", "relationship", "association",
    "event", "action", "state", "status", "summary", "view", "page", "part", "component", "element", "detail",
    "details", "way", "means", "description", "definition", "specification", "log", "history", "profile", "account",
    "member", "system", "service", "process", "request", "response", "message", "result", "number", "name"})
# A generic word a Japanese, Korean or Chinese entity name may end in: item, data, information, record, entry.
_CJK_GENERIC_TAIL = re.compile(r"(?:アイテム|項目|データ|情報|レコード|エントリー?|아이템|항목|데이터|정보|레코드|"
                               r"项目|数据|數據|信息|資訊|记录|記錄|条目|條目)$")
# A label that heads a list of columns inside it: "includes contact details: phone, email".
_GROUP_LABEL = re.compile(r"(?i)\b(?:details|information|info|data|fields|attributes|properties|columns|metadata|"
                          r"settings)\s*$")
# A field typed as a model (`account CreditAccount @relation(...)`, `author: User;`, `posts Post[]`): the model's name,
# whether it is a list, and the key columns Prisma names in `@relation(fields: [accountId])`.
_CODE_MODEL_TYPE = re.compile(r"^\s*([A-Z][A-Za-z0-9]*)(\[\])?\??\s*(?:;|$|@|//|\|)")
_RELATION_FIELDS = re.compile(r"@relation\([^)]*?\bfields:\s*\[\s*(\w+)")
# The spec's keys are UUIDs: "UUID primary keys on all entities", "all entities use UUID (...) as primary keys",
# "Primary Keys (UUIDs)", "all IDs are UUIDs", "identifiers are UUID v4".
_UUID_KEYS = re.compile(
    r"(?i)\b(?:uuid|guid)s?\b[^.;\n]{0,40}?\bprimary keys?\b|\bprimary keys?\b[^.;\n]{0,20}?\b(?:uuid|guid)s?\b|"
    r"\b(?:all|every)\b[^.;\n]{0,30}?\b(?:ids|identifiers|keys)\b[^.;\n]{0,20}?\b(?:uuid|guid)s?\b|"
    r"\b(?:ids|identifiers)\s+(?:are|use)\s+(?:v4\s+)?(?:uuid|guid)s?\b")
_OPTIMISTIC = re.compile(r"\boptimistic (?:locking|lock|concurrency)\b|\bversion (?:does not|doesn't|do not|no longer) "
                         r"match\w*|\bversion mismatch\b|\b(?:same|stale|outdated|expected) version\b", re.IGNORECASE)
_CONTAINER_WORDS = frozenset({"cart", "basket", "bag", "wishlist", "playlist", "favorites", "favourites", "watchlist"})
_COUNTED_CONTAINERS = frozenset({"cart", "basket", "bag"})
_HOLDS = re.compile(r"\b(?:collection|list|set|selection|group)\s+of\s+(?:(?:the|all|selected|chosen)\s+)?", re.IGNORECASE)
_HELD_FIRST = re.compile(r"\s*(?:the\s+|all\s+|any\s+)?", re.IGNORECASE)
_ADDED_TO = re.compile(r"\s+to\s+(?:an?|the|their|his|her|my|your|its)?\s*((?:\w+\s+)?\w+)", re.IGNORECASE)
_PUT_INTO = re.compile(r"\s+(?:to|into|onto|in)\s+(?:an?\s+|the\s+|their\s+|his\s+|her\s+|its\s+|my\s+|your\s+)?")
_PRIVILEGED_ROLE = re.compile(r"(?:^|_)(?:admin|administrator|superuser|super_admin|staff|manager|moderator|operator|"
                              r"supervisor|editor|reviewer|approver|agent|support)(?:$|_)")
# `three states: "joining" (accepting participants), "open" (...), and "archived"`
_NAMED_STATES = re.compile(r"\b(?:(?:two|three|four|five|six|seven|\d)\s+)?(?:states|statuses|stages)\s*:\s*"
                           r"(?P<values>(?:[\"“'`][^\"”'`]{1,30}[\"”'`][^\"“'`.;]{0,80}?){2,8})(?=[.;]|$)")
_QUOTED_VALUE = re.compile(r"[\"“'`]([^\"”'`]{1,30})[\"”'`]")
_ALLOWED_TO = re.compile(r"\s+to\s+(?:\w+ly\s+)?")
_ALLOWING = re.compile(r"\b(?:allow|allows|let|lets|enable|enables|permit|permits)\s+(?:the\s+|a\s+|an\s+|each\s+|all\s+|"
                       r"registered\s+|signed-in\s+|authenticated\s+)?$", re.IGNORECASE)
_ADMIN_ROLE = re.compile(r"\b(?:admin\w*|staff|manager|operator|moderator|superuser|owner of the|employee|clerk)\b",
                         re.IGNORECASE)
_STORY_ROLE = re.compile(r"\s*As an?\s+((?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+)\s*(?:,|\bI\b)")
_CARDINALITY = re.compile(r"\b(?:many|one)-to-(?:many|one)\b", re.IGNORECASE)
_SAID_MANY_TO_MANY = re.compile(r"\bmany[- ]to[- ]many\b|\b[MN]:[MN]\b", re.IGNORECASE)
_NOT_EVERYDAY = frozenset({"type", "item", "line", "status", "state", "detail", "info", "data", "record", "entry", "value",
                           "setting", "group", "level", "history", "summary", "number", "name", "code", "date", "time",
                           "response", "request", "application", "model", "config", "configuration", "view", "list"})
_LETTERS = re.compile(r"[^\W\d_]+")
_ENGLISH_WORDS = frozenset({"the", "and", "of", "to", "is", "with", "for", "when", "must", "in", "be", "that", "an", "or",
                            "as", "on", "by", "it", "are", "can", "should", "will", "not", "this", "from", "each", "shall",
                            "then", "given", "if", "has", "have", "their", "its", "which", "only", "all", "any"})
_ENGLISH_BYTES = frozenset(word.encode() for word in _ENGLISH_WORDS)
_ONLY_LETTERS = bytes(code if 97 <= code <= 122 else 32 for code in range(256))
_QUERY_BY = re.compile(r"\b(?:filter(?:ed|s|ing)?|sort(?:ed|s|ing)?|search(?:ed|es|ing)?|group(?:ed|s|ing)?|"
                       r"order(?:ed)?|look(?:ed)? up|find|finds)(?:\s+[\w-]+){0,3}?\s+by\s+(?:their\s+|its\s+|the\s+)?")
_QUERY_WORDS = frozenset({"filter", "filtered", "filters", "filtering", "sort", "sorted", "sorts", "sorting", "search",
                          "searched", "searches", "searching", "group", "grouped", "groups", "grouping", "order",
                          "ordered", "look", "looked", "find", "finds"})  # a `_QUERY_BY` match starts with one of these
_FIELD_OF = re.compile(r"\b(?:the|its|their)\s+(?P<noun>(?:[a-z]+\s){0,2}[a-z]+)\s+of\s+(?:the|an?|each|every|their|its|this|that)\s+")
_OF_BEFORE = re.compile(r"\bof\s+(?:the|an?|each|every|their|its|this|that)\s+$")
_OF_SKIP = frozenset({"number", "list", "set", "group", "collection", "kind", "type", "end", "rest", "owner", "creator",
                      "members", "member", "copy", "version", "status", "state", "use", "creation", "deletion", "name"})
_DATA_HEADING = re.compile(r"\b(?:entity|entities|model|fields?|attributes|schema|data|table|record|properties|columns)\b",
                           re.IGNORECASE)
_NOT_DATA_HEADING = re.compile(r"\b(?:log|logs|logging|audit|index|indexes|indexing|config|configuration|environment|"
                               r"docker|metrics|errors?|messages?|events?|api|endpoints?|requests?|responses?)\b",
                               re.IGNORECASE)
# Columns a field table or code block must list before prose may add no more to its entity (a short table is
# often a partial one: `new fields` of an existing entity).
_PROSE_SCHEMA_COLUMNS = 6
_PROSE_NAME = re.compile(r"_(?:a|an|the)_|^(?:showing|holding|including|using|having|being|making)_|_including_")
# `status: In Use, Broken, Sold` after a list trigger: one column and its values.
# `a status of pending, accepted, declined, or expired`, `a role that is one of viewer, editor or owner`.
_VALUES_OF_WORDS = ("status", "state", "stage", "phase", "role", "priority", "level", "visibility")
_VALUE_WORD = r"(?!(?:or|and|the|a|an)\b)[a-z][\w-]*"
_VALUES_OF = re.compile(rf"\b(status|state|stage|phase|role|priority|level|visibility)\s+(?:of\s+(?:either\s+|one of\s+)?|"
                        rf"(?:that is |which is |is )?(?:one of|either)\s+)((?:{_VALUE_WORD}(?: {_VALUE_WORD})?\s*,\s*)*{_VALUE_WORD}(?: {_VALUE_WORD})?"
                        rf"\s*,?\s+(or|and)\s+{_VALUE_WORD})\b", re.IGNORECASE)  # (`a priority of LOW, MEDIUM or HIGH`)
# `Reservation status MUST be exactly one of `pending`, `confirmed`, or `expired``: a rule naming the values.
_COLUMN_MUST_BE_ONE_OF = re.compile(r"\b(status|state|stage|phase|priority|visibility|role)\s+"
                                    r"(?:MUST|must|SHALL|shall|SHOULD|should|will|can|is|are)\s+(?:be\s+|always\s+be\s+)?"
                                    r"(?:exactly\s+|always\s+)?(?:one of|either)\s*:?\s+([^.;()]+)", re.IGNORECASE)
# `Priority is one of LOW, MEDIUM, or HIGH.` in a definition: the values of that column, in a sentence of their own.
_COLUMN_IS_ONE_OF = re.compile(r"(?:^|[.;:]\s+)(?:(?:the|its|a|an|each|every)\s+)?([A-Za-z][A-Za-z ]{0,30}?)\s+"
                               r"(?:is|are|must be|can be|may be|should be|shall be|will be)\s+"
                               r"(?:one of|either)\s*:?\s+([^.;()]+)", re.IGNORECASE)


def _values_in_brackets(match: re.Match[str]) -> str:
    """`status of draft, sent, or paid` -> `status (draft, sent, or paid)`; not `status of pending reviews and approvals`
    (an `and` list needs commas to be values)."""
    if match.group(3) == "and" and "," not in match.group(2):
        return match.group(0)
    return f"{match.group(1)} ({match.group(2)})"


_EACH_ITS_OWN = re.compile(r"(?:specific|particular|given|respective|individual)\s+(?:\w+\s+){0,2}\w+"
                           r"(?<!reference)(?<!references)(?<!refs)(?<!ids)(?<!keys)(?<!links)[\s.;]*", re.IGNORECASE)
_FIELD_THEN_VALUES = re.compile(r"\s*(status|state|type|kind|category|level|priority|role)\s*:\s+(?=\S)", re.IGNORECASE)
# What people write about a thing, as a list item of it: `customer reviews`, `member comments`, `user ratings`.
_AUTHORED = re.compile(r"(?:(?:the|its|their|all)\s+)?([A-Za-z]+(?:\s[A-Za-z]+)?)\s+"
                       r"(reviews|comments|ratings|replies|votes|reactions|questions|answers|testimonials)",
                       re.IGNORECASE)
# A group of columns named but not spelled out, and the columns such a group usually holds.
_GROUPING = re.compile(r"(?:(?:the|their|its|his|her|basic)\s+)?(personal|contact|profile)\s+"
                       r"(?:information|info|details|data)", re.IGNORECASE)
_GROUPING_COLUMNS = {
    "personal": (("first_name", "str", True, "first name"), ("last_name", "str", True, "last name"),
                 ("date_of_birth", "date", False, "date of birth")),
    "contact": (("email", "EmailStr", False, "email address"), ("phone", "str", False, "phone number")),
    "profile": (("display_name", "str", True, "name shown to others"), ("avatar_url", "HttpUrl", False, "picture"),
                ("bio", "text", False, "short self-description")),
}
_INPUT_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?Input(?:\*\*|__)?\s*:", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^()]*\)")
# A lead-in naming the table a column table describes: `**\`patient_audit_log\` table**`, `Table: \`orders\``.
_NAMED_TABLE = re.compile(r"`([a-z][a-z0-9_]*)`\s*(?:\*\*|__)?\s+table\b|\btable\s*:?\s*`([a-z][a-z0-9_]*)`", re.IGNORECASE)
# What the spec says is stored: `the backend for rate limit counters`, `persistent storage for sessions`,
# `sessions are persisted in`, `stores uploaded files in`.
_STORED = re.compile(
    r"\b(?:backend|storage|store|database|table|cache)\s+for\s+(?:the\s+|all\s+|each\s+)?"
    r"(?P<after>[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,3}?)(?=\s*(?:[.,;:()]|$|\s+(?:to|and|in|on|with|so|per|across|that|which)\b))"
    r"|(?:^\s*(?:[-*+]\s+)?|[.;:]\s+|\b(?:the|all|each|every|their|its|our)\s+)"
    r"(?P<before>[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2}?)\s+(?:are|is)\s+(?:stored|persisted|saved|kept)\s+(?:in|to)\b")
_STORED_SKIP = frozenset({"the", "a", "an", "all", "each", "every", "its", "their", "our", "any", "distributed",
                          "persistent", "shared", "separate", "existing", "new"})
_STORED_NOT_NOUN = frozenset({"it", "this", "that", "these", "those", "which", "what", "and", "or", "of", "is", "are",
                              "be", "not", "only", "also", "must", "should", "will", "can", "never", "then"})
# Sessions that end: `authentication sessions expire after 24 hours`, `a customer's session expires`,
# `invalidates all existing sessions`. Only sessions of signing in: `count session`, `chat session` are other things.
_SESSION_ENDS = re.compile(
    r"\b(?:(?:authentication|authenticated|auth|login|user|active|current|existing|their|his|her|all|the|a|an|"
    r"[A-Za-z]+['’]s)\s+)+sessions?\b[^.;]{0,40}?\b(?:expir\w*|time[sd]? out|timeouts?|revok\w*|invalidat\w*)"
    r"|\b(?:invalidat\w*|revok\w*|expir\w*)\s+(?:(?:the|their|all|any|every|existing|active|current|user|"
    r"authentication|other)\s+)+sessions?\b", re.IGNORECASE)
_SESSION_KEYS = frozenset({"session", "usersession", "authsession", "loginsession", "refreshtoken", "token",
                           "accesstoken", "authtoken", "sessiontoken", "apitoken"})
# `emit a structured event ... on PO creation, approval, and each receipt`, `publishes domain events (created, paid)`.
_EMITS_EVENT = re.compile(r"\b(?:emits?|emitted|emitting|publish(?:es|ed|ing)?)\s+(?:an?\s+|the\s+)?"
                          r"(?:(?:structured|domain|integration|business|change)\s+)?events?\b"
                          r"(?:[^.;]*?\bon\s+(?P<kinds>[^.;()]{3,80}))?")
# Someone outside the feature consumes them.
_EVENT_CONSUMER = re.compile(r"\bdownstream\b|\bintegrations?\b|\bconsum(?:e|es|ed|er|ers|able)\b|\bsubscribers?\b|"
                             r"\bwebhooks?\b|\bother (?:services|systems)\b")
_IMPLIED_ACCOUNT = "An account that signs in (implied: the spec describes sign-in but names no account entity)."
# ("any authenticated user MAY create tickets": people sign in, though the spec never says how)
_SIGN_IN = re.compile(r"\b(?:log(?:s|ged)? ?in|login|sign(?:s|ed)?[- ]?(?:in|up)|registers?|registration|user accounts?|"
                      r"authenticated users?)\b", re.IGNORECASE)
# The same over lower-cased text without the leading `\b` (several times faster on a whole document).
# `a secure login mechanism for renters`, `logged-in members`: the people who sign in, named.
_SIGN_IN_PERSON = re.compile(r"\b(?:log(?:ged)?[- ]?in|sign(?:ed)?[- ]?in)\b(?:\s+\w+){0,2}?\s+(?:for|as|by)\s+"
                             r"(?:an?\s+|the\s+|all\s+|registered\s+)?(?!(?:hours|minutes|days|seconds|weeks|months|years)\b)"
                             r"[a-z]{3,}(?:s|er|or|ant|ent|ist|ee)\b|"
                             r"\b(?:logged|signed)[- ]in\s+[a-z]{3,}(?:s|er|or|ant|ent|ist|ee)\b", re.IGNORECASE)
_ALLOWED_ROLE = re.compile(r"\ballows?\s+(?:only\s+)?(?:(?:an?|the)\s+)?(?:(?:authori[sz]ed|authenticated|registered|"
                           r"logged-in|signed-in|designated|all|internal|external)\s+)*"
                           r"((?:[A-Za-z][a-z]+\s+){0,2}[A-Za-z][a-z]+)\s+to\s+[a-z]")
_ACCESS_WORDS = re.compile(r"\b(?:roles?|permissions?|authori[sz]\w*|log ?in|sign ?in|accounts?|authenticat\w*)\b")
"""Searched in the lower-case text."""
_GENERIC_PEOPLE = re.compile(r"(?:users?|visitors?|guests?|people|persons?|members?|customers?|clients?|others?|"
                             r"developers?|readers?|viewers?|consumers?|callers?|servers?|browsers?|systems?|services?|"
                             r"components?|containers?|parsers?|providers?|adapters?|handlers?|workers?|listeners?|"
                             r"filters?|controllers?)", re.IGNORECASE)
_SPARING_WORD = re.compile(r"without|no need|not (?:need|have) to|never (?:need|have) to", re.IGNORECASE)
_SIGN_IN_LOWER = re.compile(r"(?:log(?:s|ged)? ?in|login|sign(?:s|ed)?[- ]?(?:in|up)|registers?|registration|"
                            r"user accounts?|authenticated users?)\b")
_ACTED_ON = re.compile(
    r"\b(?:creates?|adds?|posts?|saves?|stores?|deletes?|edits?|updates?|assigns?|receives?|sends?|archives?|books?|"
    r"submits?|uploads?|cancels?|approves?|rejects?|publishes?|orders?|schedules?|records?|closes?|opens?|reopens?|"
    r"completes?|renames?|moves?|imports?|exports?|shares?|invites?|registers?|tags?|"
    # "support creating a transaction", "retrieving a transaction by its identifier"
    r"creating|adding|saving|storing|deleting|editing|updating|retrieving|recording|submitting|uploading|cancell?ing|"
    r"approving|rejecting|publishing|scheduling|booking|archiving|registering)\s+(?:an?|the|their|its|his|her|each|"
    r"every|one|all|any|another|that|this)\s+(?:(?:new|existing|in-app|daily|weekly|single|same|different|other|specific|"
    r"valid|invalid|public|private|past|future|active|own|last|first|next|previous|recent|draft|low-stock)\s+)*"
    r"([a-z]{3,})\b")
# `WHEN a user browses products`, `adds products to cart`, `enrolls in a course`: plural objects without a determiner,
# and the verbs that take theirs after a preposition.
_ACTED_ON_PLURAL = re.compile(
    r"\b(?:browses?|browsing|purchases?|purchasing|buys?|buying|books?|manages?|managing|lists?|listing|"
    r"searches for|searching for|views?|viewing|creates?|adds?|deletes?|edits?|uploads?|enrolls? in|enrolling in|"
    r"registers? for|subscribes? to|rates?|reviews?)\s+(?:(?:an?|the|their|its|each|all|any|new|existing)\s+)?"
    r"([a-z]{3,}s)\b(?!\s+(?:to|of|for|in|on|with|by|that|which|and)\b)")
_NOT_USAGE_NOUNS = frozenset({
    "way", "time", "list", "view", "page", "screen", "button", "form", "field", "option", "setting", "data",
    "information", "detail", "error", "change", "action", "access", "request", "response", "value", "number",
    "feature", "system", "thing", "item", "link", "result", "message", "reason", "step", "attempt", "copy", "note",
    "one", "same", "rest", "part", "end", "start", "state", "status", "update", "event", "check", "test", "new",
    # Attribute-like nouns: acted on, but columns rather than models.
    "email", "password", "name", "title", "description", "address", "phone", "code", "text", "content", "query",
    "filter", "search", "input", "output", "label", "date", "amount", "price", "quantity",
})
# Matched only where one of `_CREATE_VERBS` starts a word.
_CREATE_VERBS = frozenset({"create", "creates", "add", "adds", "save", "saves", "post", "posts", "upload", "uploads",
                           "book", "books", "place", "places", "submit", "submits", "write", "writes", "publish",
                           "publishes", "open", "opens", "start", "starts", "send", "sends"})
_CREATES = re.compile(r"(?:create|creates|add|adds|save|saves|post|posts|upload|uploads|book|books|place|places|"
                      r"submit|submits|write|writes|publish|publishes|open|opens|start|starts|send|sends)\s+"
                      r"(?:(?:a|an|the|new|their|his|her|own|one|or more|multiple)\s+)*")
_RELATION_VERB = re.compile(r"\s+(?:(?:can|may|must|will|always|only)\s+)*(?:has|have|contains?|holds?|includes?|"
                            r"owns?|per|belongs?|manages?|creates?|are|is|be|get|gets)\b", re.IGNORECASE)
_ARROWS = ("→", "->", "=>", "⟶", "➔", "➜")  # `-->` and `—>` contain `->`; `in` finds these faster than a pattern
_ARROW_ONLY = re.compile(r"→|-->|->|=>|⟶|➔|➜|—>")
_ARROW = re.compile(r"\s*(?:→|-->|->|=>|⟶|➔|➜|—>)\s*")
# A chain: a state, then one or more arrows each followed by a state (alternatives joined by `|`, `/`, `or`).
# Possessive quantifiers and a start at a word boundary keep the pattern from backtracking through every split of
# a word (it is tried just before each arrow of a line).
_WORD_TAIL = r"(?:\w|-(?!-?>))*+"  # letters, digits, hyphens, but not the hyphen of an arrow (`draft->sent`)
_STATE_TOKEN = rf"[*_`\"'“]*+[A-Za-z]{_WORD_TAIL}(?: [a-z]{_WORD_TAIL})?[*_`\"'”]*+"
_ARROW_CHAIN = re.compile(
    rf"(?<![\w`*\"'“-])(?:[A-Za-z]{_WORD_TAIL} )?{_STATE_TOKEN}(?:\s*(?:→|-->|->|=>|⟶|➔|➜|—>)\s*{_STATE_TOKEN}"
    rf"(?:\s*(?:\||/|\bor\b)\s*{_STATE_TOKEN})*)+")
_QUOTES = frozenset("\"'“”`")
_STATUS_AFTER = re.compile(r"\s*(?:'s\s+)?(?:status|state|lifecycle|life cycle|workflow)\b", re.IGNORECASE)
_STATE_CONTEXT = re.compile(r"\b(?:status(?:es)?|states?|lifecycle|life cycle|transitions?|workflow|stages?|phases?)\b",
                            re.IGNORECASE)
_STATE_WORDS = frozenset({"draft", "pending", "active", "inactive", "open", "new", "done", "paid", "unpaid", "sent",
                          "in_progress", "on_hold", "todo", "to_do", "ready", "live", "expired", "overdue", "due",
                          "available", "unavailable", "blocked", "waiting", "queued", "running", "failed", "closed",
                          "complete", "final", "void", "valid", "invalid", "online", "offline", "idle", "busy",
                          "scheduled", "confirmed", "requested", "reserved", "booked", "suspended", "disabled",
                          "enabled", "locked", "unlocked", "accepted", "declined", "processing", "shipped", "sold",
                          "in_review", "under_review", "awaiting_payment", "partially_paid", "checked_in", "checked_out"})
_NOT_STATE_WORDS = frozenset({"the", "and", "then", "user", "users", "system", "api", "page", "screen", "click", "clicks",
                              "given", "when", "step", "next", "back", "home", "yes", "true", "false", "null", "none"})
_STATE_PREFIXES = frozenset({"in", "on", "under", "partially", "awaiting", "not", "out", "ready", "pending"})
_STATE_PARTICLES = frozenset({"in", "out", "up", "off", "over", "back"})
_IRREGULAR_STATES = {"paid": "pay", "sent": "send", "sold": "sell", "held": "hold", "built": "build", "won": "win",
                     "lost": "lose", "active": "activate", "inactive": "deactivate", "withdrawn": "withdraw",
                     "written": "write", "taken": "take", "given": "give", "chosen": "choose", "frozen": "freeze"}
_SILENT_E_STEMS = ("v", "at", "iz", "is", "ir", "ur", "c", "g", "ul", "os", "u", "bl", "dl", "let", "ot", "id", "as",
                   "ag", "rg", "ng", "ic", "ov")
# People in a role towards a record; as an attribute each is a key to the accounts (`sender` -> `sender_id`).
_PERSON_ROLES = frozenset({"author", "sender", "recipient", "receiver", "creator", "assignee", "reporter", "reviewer",
                           "approver", "uploader", "requester", "submitter", "owner",
                           # people a record is for, when the spec keeps them as accounts (`including customer,
                           # vehicle, rental period`: a key to the account, not a text column)
                           "customer", "client", "buyer", "seller", "guest", "patient", "student", "tenant", "renter",
                           "driver", "passenger", "employee", "attendee", "applicant", "visitor"})
# A definition that names the model it is: `Corresponds to the existing Customer concept`, `maps to the Order table`.
# The agent noun of an action done to the record itself names the column for that action, as designers do.
_AGENT_FIELDS = {"creator": "created_by", "uploader": "uploaded_by", "approver": "approved_by",
                 "submitter": "submitted_by", "requester": "requested_by"}
_SAME_AS = re.compile(r"\b(?i:corresponds to|maps to|is stored as|is persisted as|is represented by|same as)\s+(?:the\s+|an?\s+)?"
                      r"(?:existing\s+)?`?([A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*)?)`?\s+(?:concept|entity|model|table|"
                      r"record|type|class|aggregate)\b")
_FIELDS_NOUNS = frozenset({"parameters", "fields", "attributes", "properties", "details", "settings", "header", "metadata"})
# (Case-sensitive with explicit capitals: an ignore-case pattern scans several times slower.)
_FIELDS_IN_BRACKETS = re.compile(r"\b(?:[Pp]arameters|[Ff]ields|[Aa]ttributes|[Pp]roperties|[Dd]etails|[Ss]ettings|[Hh]eader|"
                                 r"[Mm]etadata)\s*[（(]([^()（）]{3,300})[)）]")
_INSTANCE_EXAMPLES = re.compile(r"(?P<before>[\w-]++)\s*\((?:e\.g\.?|eg\.?|for example|such as|like)[,:]?\s*"
                                r"(?P<items>[^()]{3,160})\)", re.IGNORECASE)
# Examples after these are values of a column or parts of a record, not names of instances.
_NOT_INSTANCE_NOUNS = frozenset({"details", "fields", "attributes", "information", "info", "data", "properties",
                                 "metadata", "settings", "values", "types", "type", "statuses", "status", "states",
                                 "formats", "format", "channels", "channel", "levels", "level", "units", "modes",
                                 "preferences", "options", "contents", "content", "identifiers", "identifier"})
_NO_ITEMS = re.compile(r"[\s,;]*")  # what `split_list` finds no item in
_GIVEN_WHEN_THEN = re.compile(r"\bGiven\b(.*?)\bWhen\b(.*?)\bThen\b(.*)$", re.IGNORECASE | re.DOTALL)
_GENERIC_FIELD_NAMES = frozenset({"name", "title", "description", "date", "start_date", "end_date", "type", "status",
                                  "notes", "label", "summary", "content", "start_time", "end_time", "state", "kind"})
_COMPOUND_FIELDS = ("name|title|description|status|email|e-mail|phone|phone number|address|slug|colou?r|price|deadline|"
                    "priority|rating|capacity|location|notes|start date|end date|due date")
# A rule that a column is unique: `enforce unique titles`, `SKUs must be unique`, `no two rooms may have the same name`.
_UNIQUE_RULE = re.compile(r"\b(?:enforce|require|ensure|guarantee|maintain)s?\s+unique\s+"
                          r"([a-z]+(?: (?!across|among|for|per|within|in|of|on|to|and|or|by|at|between)[a-z]+)?)\b"
                          r"|\b([a-z]+)\s+(?:MUST|must|should|SHOULD|shall|SHALL)\s+be\s+unique\b"
                          r"|\bno two\s+[a-z]+\s+(?:can|may|should|must|will)\s+(?:have|share|use)\s+the\s+same\s+([a-z]+)\b")
# A definition that says its entity nests in itself.
_HIERARCHY_WORDS = re.compile(r"\bhierarchical(?:ly)?\b|\bparent[- /]child\b|\b\d+-level (?:hierarch|tree|structure|nesting)|"
                              r"\bself-referenc|\bparent_?id\b|\bsupports? (?:a )?hierarchy\b", re.IGNORECASE)
# Words that nest a noun in its own kind: `subcategories`, `sub-tasks`, `parent category`, `child folders`, `nested
# comments`, `the category tree`, `a hierarchy of locations` (lower-cased text): the literal each starts at (or, with
# a leading space, ends with) and the pattern that takes the noun.
_NESTING = (("sub", re.compile(r"sub-?([a-z]{3,})\b")), ("parent ", re.compile(r"parent ([a-z]{3,})\b")),
            ("child ", re.compile(r"child ([a-z]{3,})\b")), ("nested ", re.compile(r"nested ([a-z]{3,})\b")),
            ("hierarchy of ", re.compile(r"hierarchy of ([a-z]{3,}s)\b")),
            (" hierarchy", re.compile(r"\b([a-z]{3,}) hierarchy\b")), (" tree", re.compile(r"\b([a-z]{3,}) tree\b")))
_SHARED_DEFINITION = re.compile(r"^[^:—–]{1,80}?\s/\s")
_DISTRIBUTED_REFERENCES = re.compile(r"([A-Za-z][\w ]*?)\s+(references|refs|ids|IDs|identifiers|keys)")
# Between a name and a query, a modal of the active voice makes the name who queries (`Users can search, filter by
# price`), and `then` starts a new clause (`WHEN a user searches THEN the system SHALL provide filtering by`); a
# passive keeps it what is queried (`Tasks can be filtered by priority`).
_CLAUSE_BREAK = re.compile(r"\b(?:then|THEN|Then)\b|\b(?:can|could|may|must|should|shall|will|are able to|is able to)\b"
                           r"(?!\s+(?:only\s+)?be\b)|\b(?:while|whereas|although)\b", re.IGNORECASE)
# What a record of one thing's tie to another is called: a `TicketAssignment`, an `Enrollment`, a `ProjectMembership`.
_LINK_NOUNS = frozenset({"assignment", "assignments", "membership", "member", "participant", "participation",
                         "enrollment", "enrolment", "registration", "subscription", "allocation", "association",
                         "mapping", "link", "attendance", "booking", "reservation"})
_LEADING_ARTICLE = re.compile(r"^(?:an?|the|its|their)\s+", re.I)
# ("Has many Bottles and one Collection": what it has, not a key it holds)
_COUNTED_ITEM = re.compile(r"(?:one|many|multiple|several|zero|\d+)\b", re.I)
_GRANTED_BEFORE = re.compile(r"\b(?:allow|allows|let|lets|enable|enables|permit|permits)\s+(?:[\w,-]+\s+){0,4}$", re.I)
_GRANTED_VERB = re.compile(r"^[^.;]{0,80}?\bto\s+[a-z]+")
# (`search by keyword` leaves no word; nor does `filter by text` or `free text`: a full-text search, no column)
_NO_WORD_LEFT = re.compile(r"(?:an?|the|any|some|its|their|his|her|one)?\s*(?:(?:free[- ])?text|full[- ]text)?",
                           re.IGNORECASE)
_ACTIVE_QUERY = re.compile(r"(?:filters|sorts|searches|groups|orders|finds)\b")
_THEIR = re.compile(r"\b(?:their|its|his|her|my|our|your)\b", re.IGNORECASE)
_POSSESSIVE_SKIP = frozenset({
    "own", "behalf", "ability", "request", "requests", "permission", "permissions", "consent", "view", "perspective",
    "side", "choice", "part", "history", "list", "data", "information", "details", "detail", "page", "screen",
    "account", "session", "needs", "preference", "preferences", "experience", "access", "control", "context",
    "lifecycle", "state", "behavior", "behaviour", "responsibility", "identity", "scope", "way", "time", "turn",
    "place", "existing", "new", "previous", "next", "entire", "full", "whole", "same", "only", "other", "actual",
    "real", "most", "main", "in", "a", "an", "the",
    # What a person has or uses that no record holds: `on the user's device`, `the customer's browser`.
    "device", "devices", "browser", "computer", "machine", "clipboard", "inbox", "desktop",
})
_NON_LATIN = re.compile(r"[^\x00-\x7f\u00c0-\u024f\u2000-\u206f\u2190-\u21ff]")
_NON_LATIN_RUN = re.compile(r"[^\x00-\x7f\u00c0-\u024f\u2000-\u206f\u2190-\u21ff]+")


class _Inference:
    def __init__(self, document: SpecDocument) -> None:
        self.document = document
        self.model = DomainModel()
        self.by_key: dict[str, Entity] = {}
        self.passages: list[_Passage] = []
        self.mention_pattern: re.Pattern[str] | None = None
        self.variant_to_key: dict[str, str] = {}
        self.definition_keys: dict[tuple[int, str], list[str]] = {}
        self.embedded: list = []
        self.foreign: bool | None = None
        self.romance: bool | None = None  # Portuguese or Spanish prose (see `_romance`)
        self.local_names_read = False  # `_local_names` ran on a Portuguese, Spanish or Indonesian spec
        self.text_lower: str | None = None  # the document's text in lower case, made once (see `_lower`)
        self.sign_in_at: list[int] | None = None  # where sign-in words start in it, found once (see `_sign_in_words`)
        self.mention_cache: dict[str, list[tuple[int, int, str, bool]]] = {}
        self.first_words: set[str] = set()
        self.token_cache: dict[str, _Tokens] = {}
        self.extra_names: dict[str, list[str]] = {}  # entity key -> other names the spec gives it
        self.line_starts: list[int] | None | bool = False  # False: not computed yet
        self.folded_lines: list[str | None] = [None] * len(document.lines)  # case-folded on first use by `_locate`
        self.word_variants: dict[tuple[str, ...], str] = {}
        self.phrase_keys: dict[str, str | None] = {}
        self.sizes_by_first_word: dict[str, list[int]] = {}
        self.wide_passages: list[_Passage] | None = None
        self.wide_text = ""  # the wide passages' texts joined, for a first test over all of them at once
        self.unnamed: list[str] = []  # list items in another language that the lexicon does not know
        # Entities whose columns the spec writes out as a schema (a field table or a code block), with how many
        # columns it lists; from `_PROSE_SCHEMA_COLUMNS` on, prose in stories and requirements adds no more columns.
        self.schema_columns: dict[int, int] = {}
        self.definition_aliases: list[tuple[str, str]] = []  # (entity key, short name its definition gives)
        # A defined entity that is "the relationship between users and troupes" -> the keys of the two it links.
        self.links_between: dict[str, set[str]] = {}
        # Pairs of entities another entity links (`Inventory` links an item to a warehouse): no direct key between them.
        self.associated: set[frozenset[str]] = set()
        self.prose_phase = False

    # ------------------------------------------------------------------ driver

    def run(self) -> DomainModel:
        document = self.document
        if document.error and not document.lines:
            return self.model
        self._entities_from_definitions()
        self._entities_from_headings()
        self._entities_from_code()
        if not self.model.entities:
            self._entities_from_usage()
            self._entities_from_storage()
        self._entities_called_so()
        self._implied_user()
        self._everyday_names()
        self._booking_synonyms()
        self._account_phrase()
        self._local_names()
        self._definition_nouns()
        self._cjk_short_names()
        self._build_mentions()
        self._embedded_values()
        self._backticked_field_lists()
        self._field_tables()
        self._collect_passages()
        for passage in self.passages:
            if passage.entity is not None:
                self._attributes_from_definition(passage)
                if " one of " in passage.text or " either " in passage.text:
                    self._column_values(passage)
        # Every rule below reads mentions of entities; passages that name none (and define none) are skipped once.
        named = [passage for passage in self.passages if passage.entity is not None or self._mentions(passage.text)]
        self.prose_phase = True
        for passage in named:
            if passage.entity is None and not passage.label.startswith("SC-"):
                # A success criterion measures an outcome ("create an asset with custom category in under 60 s"); the
                # columns it seems to list were measured to be noise (7 of 7 on the corpus).
                self._attributes_from_prose(passage)
                self._possessive_attributes(passage)
                self._compound_attributes(passage)
            self._implied_attributes(passage)
            if " one of " in passage.text or " either " in passage.text:
                self._stated_values(passage)
        self.prose_phase = False
        for passage in named:
            self._relationships_from(passage)
        for passage in named:
            self._creator_ownership(passage)
        self._clocked_entries()
        self._memberships(named)
        self._containers(named)
        self._message_spaces()
        self._hierarchies(named)
        self._uniqueness_rules(named)
        self.prose_phase = True
        for passage in named:
            if passage.entity is None:
                self._query_attributes(passage)
        self.prose_phase = False
        self._mutual_lists()
        self._managed_collections()
        self._actors()
        self._account_roles()
        self._role_accounts()
        self._people_in_roles()
        self._aliases_for_design()
        chains = self._lifecycle_chains()
        self._status_value_entities()
        self._named_states()
        self._states()
        self._chain_transitions(chains)
        self._record_metadata()
        self._tenant_scoping()
        self._sign_in_credentials()
        self._external_sign_in()
        self._assumed_credentials()
        self._emitted_events()
        self._sessions()
        self._optimistic_locking()
        self._key_type()
        self._implied_timestamps()
        self._validators()
        self._redundant_links()
        self._finish()
        self._language_note()
        return self.model

    # ------------------------------------------------------------------ entities

    def _add_entity(self, display: str, source: SourceRef, definition_range: Range | None = None,
                    description: str = "") -> Entity | None:
        display = rx.sub(r"\s+", " ", display.strip().strip("`*_\"'").strip())
        # `在庫アイテム（InventoryItem）`: the Latin identifier in brackets names the model.
        alias = rx.search(r"[（(]\s*([A-Za-z][\w ]*?)\s*[)）]", display)
        if alias and _NON_LATIN.search(display[:alias.start()]):
            display = alias.group(1)
        display = rx.sub(r"\s*[（(].*$", "", display).strip()
        if not display or len(display) > 60 or display.casefold() in _GENERIC_ENTITY_WORDS:
            return None
        latin = not _NON_LATIN.search(display)
        name = pascal_case(display) if latin else rx.sub(r"\s+", "", display)
        if not name:
            return None
        key = entity_key(display) if latin else display.casefold()
        existing = self.by_key.get(key)
        if existing is not None:
            if not _has_source(existing.sources, source.label):
                existing.sources.append(source)
            if description and not existing.description:
                existing.description = description
            return existing
        entity = Entity(name=name, display_name=display, description=description, sources=[source],
                        definition_range=definition_range)
        self.by_key[key] = entity
        self.model.entities.append(entity)
        return entity

    def _entities_from_definitions(self) -> None:
        document = self.document
        data_fields: dict[int, list] = {}
        for definition in document.entities:
            label = {"key-entities": "Key Entities", "glossary": "Glossary"}.get(definition.source, "Data Model")
            if definition.source == "data-section" and rx.fullmatch(r"[a-z_][\w]*", definition.name):
                # A field bullet (`- **userId**: ...`) under a data section, not an entity.
                data_fields.setdefault(definition.line, []).append(definition)
                continue
            if definition.source == "glossary" and (_NOT_ENTITY_SUFFIX.search(definition.name.replace("_", " "))
                                                    or _COMPONENT_GLOSS.match(definition.description)
                                                    or _JSON_VALUE.search(definition.description)
                                                    or (definition.name.isupper() and len(definition.name) > 6)):
                continue  # (`Label_Assigner`: "The component that assigns labels"; `INITIAL_INVITE_EMAIL`: a constant)
            if _NOT_MODELLED.search(definition.description):
                continue
            names = [definition.name]
            line_text = document.lines[definition.line] if definition.line < len(document.lines) else ""
            alias = rx.match(r"^\s*[（(]\s*`?([A-Za-z][\w ]*?)`?\s*[)）]", line_text[definition.range.end.character:])
            if alias and _NON_LATIN.search(definition.name):
                # `在庫アイテム（InventoryItem）`: the Latin identifier in brackets names the model.
                names = [alias.group(1)]
            elif rx.search(r"\s*/\s*|,\s+", definition.name) and definition.name.isascii():
                names = [part for part in rx.split(r"\s*/\s*|\s*,\s*|\s+and\s+", definition.name) if part.strip()]
            embedded = rx.match(r"^\(?(?:an?\s+)?(?i:embedded)\b.*?\b(?:in|within|inside)\s+(?:an?\s+|the\s+)?([A-Z][\w]*(?: [A-Z][\w]*)?)",
                                definition.description)
            if embedded:
                # A value object embedded in another entity is a column of that entity, not a model of its own.
                self.embedded.append((definition, embedded.group(1)))
                continue
            same_as = _SAME_AS.search(definition.description) if len(names) == 1 else None
            if same_as and entity_key(same_as.group(1)) != entity_key(names[0]):
                # `Customer Account: ... Corresponds to the existing Customer concept`: the model keeps that name; the
                # spec's own name stays a spelling of it.
                self.extra_names.setdefault(entity_key(same_as.group(1)), []).append(names[0])
                names = [same_as.group(1)]
            for name in names:
                entity = self._add_entity(name, SourceRef(label, definition.range), definition.range, definition.description)
                if entity is not None:
                    self.definition_keys.setdefault((definition.line, definition.name), []).append(self._key_for(entity))
                    if name != definition.name and _NON_LATIN.search(definition.name) \
                            and definition.name not in entity.aliases:
                        entity.aliases.append(definition.name)  # `タスク（Task）`: the prose says タスク

    def _entities_from_headings(self) -> None:
        """`### Order Entity`, `#### Model: Order`: a heading that declares an entity, with its field bullets or table."""
        document = self.document
        for section in document.sections:
            if section.kind is not None:
                continue
            match = _ENTITY_HEADING.match(strip_markup(section.title))
            if not match:
                continue
            display = (match.group("a") or match.group("b") or "").strip()
            if not display or display.casefold() in _GENERIC_ENTITY_WORDS or len(display.split()) > 4:
                continue
            if _NOT_ENTITY_SUFFIX.search(display):
                continue
            entity = self._add_entity(display, SourceRef(section.title, section.title_range), section.title_range)
            if entity is None:
                continue
            own_end = next((s.line for s in document.sections if section.line < s.line < section.end), section.end)
            self._field_bullets(entity, section.line + 1, own_end, section.title)

    def _backticked_field_lists(self) -> None:
        """`error response with `detail`, `status_code`, `request_id` fields`: a named shape with identifier fields.

        The fields go to the entity the phrase names; a new entity is created only when the phrase ends with a
        noun that denotes a record (response, record, entry, event, message, payload, settings, profile...)."""
        document = self.document
        if document.text.count("`") < 4:
            return
        # Two backticked identifiers at least: lines with four backticks, counted without a Python loop over lines.
        lines = document.lines
        for line in compress(range(len(lines)), map((3).__lt__, map(str.count, lines, repeat("`")))):
            text = lines[line]
            if not document.tree.is_prose(line):
                continue
            match = _BACKTICK_FIELDS.search(text)
            if not match:
                continue
            names = rx.findall(r"`([A-Za-z_][\w]*)`", match.group("fields"))
            if len(names) < 2:
                continue
            # (`returns 202 with a response body containing ...`: the words after the last preposition or verb)
            noun = rx.sub(r"^.*\b(?:with|in|for|of|to|on|by|from|returns?|returning|responds?|sends?|receives?)\s+", "",
                          match.group("noun").strip(), flags=re.IGNORECASE)
            phrase = rx.sub(r"^(?:(?:the|a|an|each|every|all|structured|standard|consistent|proper|valid|new|json|"
                            r"common|unified|single|same)\s+)+", "", noun, flags=re.IGNORECASE)
            key = self._key_of_phrase(phrase)
            if key is not None:
                owner = self.by_key[key]
            elif _RECORD_NOUN.search(phrase) and 2 <= len(phrase.split()) <= 3:  # (a bare "response" names nothing)
                owner = self._add_entity(phrase.title() if phrase.islower() else phrase,
                                         SourceRef(self._label_at(line), Range.of(line, match.end("noun") - len(phrase), line,
                                                                                  match.end("noun"))))
                if owner is None:
                    continue
                self._build_mentions()
            else:
                continue
            label = self._label_at(line)
            for field_match in rx.finditer(r"`([A-Za-z_][\w]*)`\s*(\([^)]*\))?", match.group("fields")):
                field = describe_field(field_match.group(1), field_match.group(2) or "")
                column = match.start("fields") + field_match.start(1)
                self._add_attribute(owner, field, SourceRef(label, Range.of(line, column, line, column + len(field_match.group(1)))),
                                    field_match.group(2) or "")

    def _entities_from_usage(self) -> None:
        """Without any definition (OpenSpec, Kiro without a glossary), nouns that requirements and scenarios act on
        again and again (`creates a task`, `receives a notification`) are the entities. Only nouns used in at least
        two different requirements or scenarios count, so a passing mention does not become a model."""
        if self._foreign_language():
            return
        document = self.document
        seen: dict[str, set[str]] = {}
        first: dict[str, tuple[str, int, int, int]] = {}
        texts: list[tuple[str, int, int]] = []
        for requirement in document.requirements:
            label = requirement.name or requirement.id or "requirement"
            texts.append((label, requirement.line, min(requirement.end, requirement.line + 8)))
            for scenario in requirement.scenarios:
                texts.append((f"{label}/{scenario.name or scenario.index}", scenario.line, scenario.end))
        for story in document.stories:
            for scenario in story.scenarios:
                texts.append((f"US{story.key}/AC{scenario.index}", scenario.line, scenario.end))
        acted_on: dict[int, list[tuple[str, int, int]]] = {}  # per line: a requirement and its scenarios share lines
        for label, start, end in texts:
            for line in range(start, min(end, len(document.lines))):
                nouns = acted_on.get(line)
                if nouns is None:
                    nouns = acted_on[line] = [
                        (singular(match.group(1).casefold()), match.start(1), match.end(1))
                        for match in _ACTED_ON.finditer(document.lines[line])] + [
                        (singular(match.group(1).casefold()), match.start(1), match.end(1))
                        for match in _ACTED_ON_PLURAL.finditer(document.lines[line])] if document.tree.is_prose(line) else []
                for noun, noun_start, noun_end in nouns:
                    if noun in _NOT_USAGE_NOUNS or len(noun) < 3:
                        continue
                    seen.setdefault(noun, set()).add(label.split("/")[0])
                    first.setdefault(noun, (label, line, noun_start, noun_end))
        for noun, labels in sorted(seen.items(), key=lambda item: first[item[0]][1:3]):
            if len(labels) < 2:
                continue
            label, line, start, end = first[noun]
            entity = self._add_entity(noun.title(), SourceRef(label, Range.of(line, start, line, end)))
            if entity is not None:
                entity.description = "Inferred from how the requirements use it (no definition in the spec)."
        if self.model.entities:
            self.model.notes.append("The spec defines no entities; these were inferred from the nouns that several of its "
                                    "requirements and scenarios act on.")

    def _entities_from_storage(self) -> None:
        """Without any definition, what the spec says is stored is data to model: `use Redis as the backend for rate
        limit counters`, `sessions are persisted in the database` -> `RateLimitCounter`, `Session`. Only prose counts,
        and only plural nouns or nouns of two or more words, so `store the result` does not become a model."""
        if self._foreign_language():
            return
        document = self.document
        lowered = self._lower()
        if not any(word in lowered for word in ("stor", "persist", "backend for", "database for", "table for",
                                                "saved in", "saved to", "kept in")):
            return
        found = []
        for line, text in enumerate(document.lines):
            if text.isspace() or not text or not document.tree.is_prose(line):
                continue
            for match in _STORED.finditer(text):
                phrase = next(group for group in (match.group("before"), match.group("after")) if group)
                words = phrase.lower().split()
                while words and words[0] in _STORED_SKIP:
                    words = words[1:]
                if not words or any(word in _STORED_NOT_NOUN for word in words) or words[-1] in _NOT_USAGE_NOUNS:
                    continue
                if len(words) == 1 and not _is_plural_word(words[-1]):
                    continue
                start = match.start("before") if match.group("before") else match.start("after")
                found.append((line, start, start + len(phrase), words))
        added = []
        for line, start, end, words in found:
            display = " ".join(words[:-1] + [singular(words[-1])]).title()
            before = len(self.model.entities)
            entity = self._add_entity(display, SourceRef(self._label_at(line), Range.of(line, start, line, end)))
            if entity is not None and len(self.model.entities) > before:
                entity.description = "Inferred from what the spec says is stored (no definition in the spec)."
                added.append(entity.name)
        if added:
            self.model.notes.append("The spec defines no entities; " + ", ".join(added) + " came from what it says "
                                    "is stored.")

    def _entities_called_so(self) -> None:
        """"Data model requires a Shop/Account entity", "an Organization entity representing a workspace": prose that
        calls a name an entity, model or table names one (the first of `Shop/Account`), unless it says there is none."""
        text = self.document.text
        ends = []
        for word in (" entity", " model", " table"):
            position = text.find(word)
            while position >= 0:
                ends.append(position + len(word))
                position = text.find(word, position + 1)
        # Only the few places the words occur are read (a scan of the whole text for "the <Name>" costs more).
        matches = (_CALLED_ENTITY_BEFORE.search(text, max(0, end - 60), end + 1) for end in sorted(ends))
        for match in matches:
            if match is None:
                continue
            if _NO_ENTITY_BEFORE.search(text, max(0, match.start() - 40), match.start()):
                continue  # "no new Audit entity", "without a Cache table"
            name = match.group(1)
            if entity_key(name) in self.by_key or name.casefold() in _GENERIC_ENTITY_WORDS:
                continue
            if match.group(0).endswith("table") and name.casefold() in self._heading_titles():
                continue  # "the Resolved Clarifications table" under a `## Resolved Clarifications` heading: this document's
            line = text.count("\n", 0, match.start())
            if not self.document.tree.is_prose(line):
                continue
            column = match.start(1) - (text.rfind("\n", 0, match.start(1)) + 1)
            entity = self._add_entity(name, SourceRef(self._label_at(line), Range.of(line, column, line, column + len(name))))
            if entity is not None and not entity.description:
                entity.description = f"Named as an entity in the spec's prose ({match.group(0).strip()!r})."

    def _heading_titles(self) -> frozenset[str]:
        """The casefolded titles of the spec's own headings (a table of the document is named after one)."""
        return frozenset(section.title.strip(" *_`").casefold() for section in self.document.sections)

    def _implied_user(self) -> None:
        """People sign in but no entity holds their accounts: plan a `User` (roles of one account merge into it)."""
        if any(key in ("user", "account", "useraccount", "member", "customer", "customeraccount") or entity.is_actor
               for key, entity in self.by_key.items()) or not self.model.entities:
            return
        if self._foreign_language():
            self._implied_user_cjk()
            return
        document = self.document
        pattern = _SIGN_IN
        lowered = self._lower()
        if not any(word in lowered for word in ("log", "sign", "regist", "account", "authenticated user")):
            return
        # One scan of the whole text (the pattern never spans lines), then the lines of its matches.
        line_starts = self._line_starts()
        hits: list[int] = []
        if line_starts is not None and len(lowered) == len(document.text):
            # Every match starts with one of these; `str.find` reaches them faster than the pattern scans the text.
            for start in _word_matches(lowered, ("log", "sign", "regist", "user account", "authenticated user"),
                                       _SIGN_IN_LOWER):
                line = bisect_right(line_starts, start) - 1
                if (not hits or hits[-1] != line) and document.tree.is_prose(line):
                    hits.append(line)
        else:
            hits = [line for line, text in enumerate(document.lines) if document.tree.is_prose(line) and pattern.search(text)]
        # "vote without needing to create an account or log in": a sign-in people are spared is none.
        hits = [line for line in hits if not (_SPARING_WORD.search(document.lines[line]) and all(
            SPARED_BEFORE.search(text, max(0, match.start() - 60), match.start())
            for text in (document.lines[line],) for match in pattern.finditer(text)))]
        if len(hits) < 2 or not any(rx.search(r"\busers?\b|\baccounts?\b", document.lines[line], re.IGNORECASE)
                                    or _SIGN_IN_PERSON.search(document.lines[line]) for line in hits):
            return
        first = hits[0]
        match = pattern.search(document.lines[first])
        label = self._label_at(first)
        entity = self._add_entity("User", SourceRef(label, Range.of(first, match.start(), first, match.end())))
        if entity is not None:
            entity.is_actor = True
            entity.description = _IMPLIED_ACCOUNT

    def _lower(self) -> str:
        """The document's text in lower case: several rules search it, and copying a large spec costs."""
        if self.text_lower is None:
            self.text_lower = self.document.text.lower()
        return self.text_lower

    def _sign_in_words(self) -> list[int]:
        """Where the lower-case text speaks of signing in, up, on or of authenticating or registering: found once for
        the rules that read sign-in (identity providers, assumed credentials)."""
        if self.sign_in_at is None:
            self.sign_in_at = _word_matches(self._lower(), _SIGN_IN_NEEDLES, _SIGN_IN_OR_AUTH)
        return self.sign_in_at

    def _line_starts(self) -> list[int] | None:
        """Where each line starts in the document text, when the lines are the text split on `\n` alone."""
        if self.line_starts is False:
            document = self.document
            starts = None if "\r" in document.text else list(accumulate(map(len, document.lines), initial=0))
            if starts is not None:
                starts = [start + line for line, start in enumerate(starts)]  # each line ends with one `\n`
            self.line_starts = starts if starts is not None and starts[-1] == len(document.text) + 1 else None
        return self.line_starts

    def _label_at(self, line: int) -> str:
        for requirement in self.document.requirements:
            if requirement.line <= line < requirement.end:
                match = ID_PATTERN.search(self.document.lines[requirement.line])
                return match.group(1) if match else (requirement.id or requirement.name)
        for story in self.document.stories:
            if story.line <= line < story.end:
                return "US" + story.key
        section = self.document.section_at(line)
        return section.title if section is not None else "spec"

    def _embedded_values(self) -> None:
        for definition, parent_name in self.embedded:
            key = self._key_of_phrase(parent_name)
            if key is None:
                continue
            parent = self.by_key[key]
            name = snake_case(definition.name)
            if name and not any(a.name == name for a in parent.attributes):
                parent.attributes.append(Attribute(name, "json", description=f"embedded {definition.name}: {definition.description[:120]}",
                                                   sources=[SourceRef("Key Entities", definition.range)]))

    def _field_bullets(self, entity: Entity, start: int, end: int, label: str) -> None:
        document = self.document
        group_indent = -1  # `- **State**:` over nested `  - ProductId: string (unique identifier)` bullets
        for line in range(start, min(end, len(document.lines))):
            if not document.tree.is_prose(line):
                continue
            text = document.lines[line]
            indent = len(text) - len(text.lstrip())
            if group_indent >= 0 and indent > group_indent:
                nested = _NESTED_FIELD.match(text)
                if nested:
                    phrase = describe_field(nested.group(1), nested.group(2))
                    self._add_attribute(entity, phrase, SourceRef(label, Range.of(line, nested.start(1), line, nested.end(1))),
                                        nested.group(2))
                continue
            group_indent = -1
            match = _FIELD_BULLET.match(text)
            if match and not match.group(2) and not match.group(3).strip():
                group_indent = indent  # a label over its own bullets, not a field
                continue
            if match and rx.match(r"(?i)aggregate(?: root)?$", match.group(1)):
                continue  # `**Aggregate Root**: Inventory`: what the entity is, in domain-driven design
            if match:
                rest = " ".join(filter(None, [f"({match.group(2)})" if match.group(2) else "", match.group(3)]))
                phrase = describe_field(match.group(1), rest)
                self._add_attribute(entity, phrase, SourceRef(label, Range.of(line, match.start(1), line, match.end(1))), rest)
            elif text.lstrip().startswith("|"):
                self._table_row(entity, line, label)

    @staticmethod
    def _names_itself(entity: Entity, word: str) -> bool:
        """Whether `word` ("invoice", "invoices", "invoice's") is the entity's own name or a word of it."""
        word = singular(word.casefold().removesuffix("'s").removesuffix("’s"))
        return word == entity.display_name.casefold() or word in {w.casefold() for w in split_name(entity.name)}

    def _nested_items(self, passage: _Passage, lines: list[str]) -> list[str] | None:
        """The plain bullets nested right under a definition's own bullet (two or more, each a short phrase), or
        None."""
        first = self.document.lines[passage.start] if passage.start < len(self.document.lines) else ""
        if not _BULLET_START.match(first):
            return None
        indent = len(first) - len(first.lstrip())
        items = []
        for offset, line in enumerate(lines):
            if not line.strip():
                continue
            bullet = _BULLET_START.match(line)
            if bullet is None or len(line) - len(line.lstrip()) <= indent or \
                    not self.document.tree.is_prose(passage.start + 1 + offset):
                break
            item = line[bullet.end():].strip()
            if len(rx.sub(r"\s*[（(][^)）]*[)）]", "", item).split()) > 6 or ":" in item.split("(", 1)[0]:
                return None  # sentences, or labelled fields (read elsewhere): not a list of columns
            items.append(item.rstrip(".;,"))
        return items if len(items) >= 2 else None

    def _labelled_field_bullets(self, entity: Entity, passage: _Passage) -> bool:
        """`**Attributes:**` over plain bullets (`- user_id: Owner identifier (foreign key to User)`): the bullets
        under that label, up to the next label (`**Relationships:**`, `**Validation Rules:**`), are the columns.
        Whether there were at least two."""
        document = self.document
        found: list[tuple[int, re.Match[str]]] = []
        in_fields = False
        for line in range(passage.start + 1, min(passage.end, len(document.lines))):
            text = document.lines[line]
            if not document.tree.is_prose(line) or text.lstrip().startswith("#"):
                in_fields = False
                continue
            if FIELDS_LABEL.match(text):
                in_fields = True
                continue
            if _SUB_LABEL.match(text):
                in_fields = False
                continue
            match = _PLAIN_FIELD_BULLET.match(text) if in_fields else None
            if match:
                found.append((line, match))
        if len(found) < 2:
            return False
        for line, match in found:
            rest = match.group(2)
            reference = _FOREIGN_KEY_TO.search(rest)
            target = self._key_of_phrase(reference.group(1)) if reference else None
            if target is not None and self.by_key[target] is not entity:
                self._add_relationship(entity, "belongs-to", self.by_key[target], passage, field=match.group(1),
                                       required=not rx.search(r"\boptional\b|\bnullable\b", rest, re.IGNORECASE))
                continue
            phrase = describe_field(match.group(1), rest)
            self._add_attribute(entity, phrase, SourceRef(passage.label, Range.of(line, match.start(1), line, match.end(1))),
                                rest)
        return True

    def _table_row(self, entity: Entity, line: int, label: str) -> None:
        """A row of a field table (`| name | string | required |`) under an entity heading."""
        document = self.document
        header_line = line
        while header_line > 0 and document.lines[header_line - 1].lstrip().startswith("|"):
            header_line -= 1
        if line <= header_line + 1:
            return
        header = [cell.strip().casefold() for cell in document.lines[header_line].strip().strip("|").split("|")]
        if not header or not rx.search(r"field|column|attribute|property|name|key", header[0]):
            return
        cells = [strip_markup(cell) for cell in document.lines[line].strip().strip("|").split("|")]
        if not cells or not rx.fullmatch(r"[A-Za-z_][\w]*\??", cells[0].strip()):
            return
        rest = " ".join(cells[1:])
        phrase = describe_field(cells[0].strip(), rest)
        if rx.search(r"(?:^|\|)\s*(?:no|false|optional|❌)\s*(?:\||$)", document.lines[line], re.IGNORECASE):
            phrase.required = False
        self._add_attribute(entity, phrase, SourceRef(label, Range.of(line, 0, line, len(document.lines[line]))), rest)
        self.schema_columns[id(entity)] = self.schema_columns.get(id(entity), 0) + 1

    def _field_tables(self) -> None:
        """A table of fields (`| Field | Type | ... |`) anywhere, owned by the entity its heading or lead-in names."""
        document = self.document
        for block in document.tree.blocks:
            if block.kind != "table" or block.end - block.start < 3:
                continue
            header = [strip_markup(cell).casefold() for cell in document.lines[block.start].strip().strip("|").split("|")]
            if not header or not rx.fullmatch(r"(?:field|field name|column|column name|attribute|property|key)", header[0]):
                continue
            owner = self._owner_above(block.start)
            if owner is None:
                continue
            section = document.section_at(block.start)
            label = section.title if section is not None else "table"
            for line in range(block.start + 2, block.end):
                self._table_row(owner, line, label)

    def _owner_above(self, line: int) -> Entity | None:
        """The entity a block describes: named in the closest lead-in line or in its heading."""
        document = self.document
        for above in range(line - 1, max(line - 4, -1), -1):
            text = document.lines[above]
            if text.lstrip().startswith("#"):
                break
            table = _NAMED_TABLE.search(text)
            if table is not None:
                # `**\`patient_audit_log\` table**`: the entity whose name shares most words with the table's.
                owner = self._entity_of_table(table.group(1) or table.group(2))
                if owner is not None:
                    return owner
            mentions = self._mentions(text)
            if mentions:
                # `Every write on a patient record MUST generate an audit log entry:` introduces the last one.
                stripped = text.rstrip().rstrip("*_ ")
                if len(mentions) > 1 and stripped.endswith(":") and \
                        len(stripped[mentions[-1][1]:-1].split()) <= 2:
                    return self.by_key[mentions[-1][2]]
                return self.by_key[mentions[0][2]]
        section = document.section_at(line)
        innermost = section
        while section is not None:
            # A remark in brackets (`Audit Fields (never editable by users)`) does not name the owner.
            mentions = self._mentions(_BRACKETED.sub("", section.title))
            if mentions:
                # An outer heading owns the table only when it is about that entity's data
                # (`### Patient Entity — Field Specification` > `#### Contact Information`).
                if section is innermost or _DATA_HEADING.search(section.title):
                    return self.by_key[mentions[0][2]]
                return None
            if innermost is not None and section is innermost and _NOT_DATA_HEADING.search(section.title):
                return None
            section = document.sections[section.parent] if section.parent is not None else None
        return None

    def _entity_of_table(self, table: str) -> Entity | None:
        """The entity a snake_case table name stands for: the one sharing the most (singular) words with it, when
        that covers at least half of the table's words; the shorter name wins a tie (`patients` -> Patient, not
        PatientIdSequence; `patient_audit_log` -> AuditLogEntry, not Patient)."""
        words = {singular(word) for word in table.lower().split("_") if word}
        best: tuple[int, int] | None = None
        found = None
        for entity in self.model.entities:
            if entity.link:
                continue
            own = {singular(word) for word in snake_case(entity.name).split("_") if word}
            shared = len(words & own)
            if shared * 2 < len(words) or not shared:
                continue
            score = (shared, -len(own))
            if best is None or score > best:
                best, found = score, entity
        return found

    def _entities_from_code(self) -> None:
        """Model definitions in code blocks (Prisma `model X {`, TypeScript interfaces, SQL tables, Python classes)."""
        document = self.document
        found: list[tuple[CodeModel, int]] = []
        for block in document.tree.blocks:
            if block.kind != "fence":
                continue
            body = document.lines[block.start + 1:max(block.start + 1, block.end - 1)]
            for code_model in code_models(body, block.info):
                if _CODE_SKIP_SUFFIX.search(code_model.name) or len(code_model.fields) < 2:
                    continue
                found.append((code_model, block.start + 1))
        if not found:
            return
        names = {code_model.name for code_model, _line in found}
        relations: list[tuple[Entity, str, str, bool, str | None, int]] = []
        for code_model, first_line in found:
            self._add_code_model(code_model, first_line, names, relations)
        self._code_relations(relations)

    def _code_relations(self, relations: list[tuple[Entity, str, str, bool, str | None, int]]) -> None:
        """`account CreditAccount @relation(fields: [accountId])`: a field typed as another model of the spec's code
        is a key to it (named by `fields:`, else `account_id`), not a column; `transactions CreditTransaction[]`
        is the other side of such a key (one-to-many), and lists on both sides are many-to-many."""
        by_name = {entity.name: entity for entity in self.model.entities}
        scalar = {(entity.name, target) for entity, _field, target, many, _key, _line in relations if not many}
        listed = {(entity.name, target): field for entity, field, target, many, _key, _line in relations if many}
        for entity, field, target_name, many, key, line in relations:
            target = by_name.get(target_name) or by_name.get(singular(target_name))
            if target is None or target is entity:
                continue
            passage = _Passage("code block", line, line + 1, self.document.lines[line])
            if not many:
                fk = key or (snake_case(field) + "_id" if field.casefold() != snake_case(target.name) else None)
                self._add_relationship(entity, "belongs-to", target, passage, field=fk)
                back = listed.get((target.name, entity.name))
                if back:  # `transactions CreditTransaction[]` on the account names the other side
                    for relationship in entity.relationships:
                        if relationship.kind == "belongs-to" and relationship.target == target.name and \
                                relationship.field == (fk or snake_case(target.name) + "_id"):
                            relationship.back = back
            elif (target_name, entity.name) in listed and entity.name < target.name:
                self._add_many_to_many(entity, target, passage)
            elif (target_name, entity.name) not in scalar and (target_name, entity.name) not in listed:
                self._add_relationship(entity, "has-many", target, passage)
                for relationship in target.relationships:  # `items: CartItem[]`: the spec's name for the list
                    if relationship.kind == "belongs-to" and relationship.target == entity.name and not relationship.back:
                        relationship.back = field

    def _add_code_model(self, code_model: CodeModel, first_line: int, names: set[str] | None = None,
                        relations: list | None = None) -> None:
        line = first_line + code_model.line
        text = self.document.lines[line] if line < len(self.document.lines) else ""
        column = max(text.find(code_model.name), 0)
        source = SourceRef("code block", Range.of(line, column, line, column + len(code_model.name)))
        # `CREATE TABLE venues` names the table in the plural; the model is singular.
        display = singular(code_model.name) if code_model.name.islower() else code_model.name
        entity = self._add_entity(display, source, source.range)
        if entity is None:
            return
        for field_line, name, type_hint in code_model.fields:
            snake = snake_case(name)
            if not snake:
                continue
            typed = _CODE_MODEL_TYPE.match(type_hint) if names and relations is not None else None
            if typed and typed.group(1) in names and typed.group(1) != code_model.name:
                key = _RELATION_FIELDS.search(type_hint)
                relations.append((entity, snake, typed.group(1), bool(typed.group(2)),
                                  snake_case(key.group(1)) if key else None, first_line + field_line))
                continue
            phrase = FieldPhrase(name=snake, phrase=name, type=infer_type(snake, type_hint, type_hint.endswith("[]")),
                            required="?" not in type_hint and "optional" not in type_hint.casefold())
            at = first_line + field_line
            self._add_attribute(entity, phrase, SourceRef("code block", Range.of(at, 0, at, len(self.document.lines[at]) if at < len(self.document.lines) else 0)), type_hint)
            self.schema_columns[id(entity)] = self.schema_columns.get(id(entity), 0) + 1

    def _aliases_for_design(self) -> None:
        """`**Product (Stock Item)**`: what people do with "stock items" is done with products, so the routes read
        the short name too; not a role's name (`**Company (Employer)**` when employers are people with a role)."""
        people = {name.casefold() for name in self.model.roles} | {
            entity.display_name.casefold() for entity in self.model.entities if entity.is_actor}
        for key, alias in self.definition_aliases:
            entity = self.by_key.get(key)
            if entity is None or alias in entity.aliases or alias.casefold() in people:
                continue
            if not entity.is_actor and re.search(rf"\b[Aa]s an? {re.escape(alias)}\b|\b{re.escape(alias)} roles?\b",
                                                 self.document.text, re.IGNORECASE):
                continue  # "As an Employer, I want ...": a person, not the thing
            entity.aliases.append(alias)

    # ------------------------------------------------------------------ mentions and passages

    def _build_mentions(self) -> None:
        """Index every spelling of every entity name for `_mentions`.

        Latin-script names are matched word by word (a dict of word tuples), which is an order of magnitude faster
        than one big regular-expression alternation; names in other scripts, which have no word boundaries, use a
        small alternation of their own."""
        variants: dict[str, str] = {}
        local = self.local_names_read  # the spec is in Portuguese, Spanish or Indonesian: its local names count
        for key, entity in self.by_key.items():
            names = {entity.display_name, *self.extra_names.get(key, ())}
            if entity.name != entity.display_name and entity.name.isascii():
                names.add(rx.sub(r"([a-z0-9])([A-Z])", r"\1 \2", entity.name))
            for name in names:
                for variant in name_variants(name):
                    variants.setdefault(variant, key)
                if not name.isascii():
                    variants.setdefault(name.casefold(), key)
            for alias in entity.aliases:
                # `請假申請（Leave Request）`, `Representa uma tarefa`: the spec's own words for it are its name too
                if not alias.isascii() and 2 <= len(alias) <= 20:
                    variants.setdefault(alias.casefold(), key)
                elif local and 2 <= len(alias) <= 40:
                    for variant in name_variants(alias):
                        variants.setdefault(variant, key)
        # Short names the definitions give (`Purchase Order (PO)`) are spellings of the same entity.
        for definition in self.document.entities:
            keys = self.definition_keys.get((definition.line, definition.name))
            if not keys or len(keys) != 1:
                continue
            for alias in definition.aliases:
                if 2 <= len(alias) <= 40 and alias.isascii() and alias.casefold() not in _GENERIC_ENTITY_WORDS:
                    for variant in name_variants(alias):
                        variants.setdefault(variant, keys[0])
                    self.definition_aliases.append((keys[0], alias))
                elif 2 <= len(alias) <= 20 and has_cjk(alias):
                    # `Chef (요리사)`, `Recipe (원본 레시피)`: the spec's prose names it in that script ("요리사 목록을
                    # 조회"); a longer name's last words as many as the English name has are its short name (레시피)
                    words = alias.split()
                    count = len(split_name(self.by_key[keys[0]].display_name)) if keys[0] in self.by_key else 0
                    for name in {alias, " ".join(words[-count:])} if 0 < count < len(words) else {alias}:
                        variants.setdefault(name.casefold(), keys[0])
                        self.definition_aliases.append((keys[0], name))
        self.variant_to_key = variants
        self.mention_cache = {}
        self.phrase_keys = {}
        self.word_variants = {}
        self.first_words = set()
        self.sizes_by_first_word = {}
        other_scripts = []
        for variant, key in variants.items():
            words = tuple(_WORD.findall(variant))
            if not words:
                continue
            if _NON_LATIN.search(variant):
                other_scripts.append(variant)
                continue
            self.word_variants.setdefault(words, key)
            self.first_words.add(words[0])
            sizes = self.sizes_by_first_word.setdefault(words[0], [])
            if len(words) not in sizes:
                sizes.append(len(words))
                sizes.sort(reverse=True)  # longest names first
        self.mention_pattern = None
        if other_scripts:
            alternation = "|".join(re.escape(v) for v in sorted(other_scripts, key=lambda v: (-len(v), v)))
            self.mention_pattern = re.compile(alternation, re.IGNORECASE)

    def _account_phrase(self) -> None:
        """"user accounts" are the users when the spec's accounts are its User (no entity is named `User Account`):
        "allow user accounts to be deactivated" deactivates users, not the `Customer Account` called "account"."""
        holder = self._account_entity()
        if holder is None or len(split_name(holder.name)) != 1:
            return
        phrase = f"{holder.name.casefold()} account"
        if phrase in self._lower() and entity_key(phrase) not in self.by_key and phrase not in holder.aliases:
            holder.aliases.append(phrase)

    def _booking_synonyms(self) -> None:
        """A booking, a reservation and an appointment are one kind of thing: in a spec that models one of them
        (`Appointment`) and none of the others, "submit a booking", "cancel their booking" act on it. Said as a noun
        (after "the", "a", "their" …) at least twice; as a verb ("book a slot") or a modifier alone it is no name."""
        booked = [entity for entity in self.model.entities
                  if not entity.link and split_name(entity.name)[-1].casefold() in _BOOKED_THINGS]
        if len(booked) != 1 or booked[0].is_actor:
            return
        entity = booked[0]
        named = {split_name(other.name)[-1].casefold() for other in self.model.entities} | \
            {alias.casefold() for other in self.model.entities for alias in other.aliases}
        text = self._lower()
        for word in sorted(_BOOKED_THINGS - named):
            said = 0
            position = text.find(word)
            while position >= 0 and said < 2:
                before = text[max(0, position - 12):position].split()
                if before and before[-1] in _NOUN_BEFORE and text[position - 1] == " ":
                    said += 1
                position = text.find(word, position + len(word))
            if said >= 2:
                entity.aliases.append(word)

    def _everyday_names(self) -> None:
        """`Blog Post` is "posts" in most of the spec, `Asset Booking` "a booking": the last word of a compound name is
        the entity's everyday name when the spec uses it as a noun of its own (after "the", "a", "their", "own", "each"
        …) at least three times, far more often than as a verb ("can view"), and no other entity's name ends in that
        word (`Character Snapshot` beside `Snapshot Diff` keeps its full name). A name ending in a generic word
        (`Todo Item`) is called by its first word when the spec counts that word in the plural ("all todos") three
        times or more."""
        # Few inflection calls here: they are not memoised when `specls plan` runs once, and each costs regex work.
        compounds = []
        word_owners: dict[str, int] = {}  # a last word (or a one-word name) -> how many names end with it
        followers: set[tuple[str, str]] = set()  # ("loan", "request") of `Loan Request`: not the word alone
        for key, entity in self.by_key.items():
            words = [word.casefold() for word in split_name(entity.name)]
            if not words:
                continue
            last = singular(words[-1]) if words[-1].endswith("s") else words[-1]  # the inflection is costly cold
            if not entity.link:  # (`EntryGenreTag` links two names; "tag" is still the Genre Tag's)
                word_owners[last] = word_owners.get(last, 0) + 1
            followers.update(pairwise(words))
            if len(words) > 1 and not entity.link:
                compounds.append((key, entity, words, last))
        candidates: dict[str, tuple[str, Entity, str, str]] = {}  # a spelling -> (key, entity, prefix word, tail)
        heads: dict[str, str] = {}  # the first word of `Todo Item` ("a todo") -> the word after it in the name
        for key, entity, words, tail in compounds:
            if (len(tail) >= 4 or tail in _SHORT_EVERYDAY) and tail.isascii() and tail not in _NOT_EVERYDAY \
                    and word_owners.get(tail) == 1:
                candidates[tail] = (key, entity, words[-2], tail)
            elif len(words) == 2 and tail in _GENERIC_TAILS and len(words[0]) >= 3 and words[0].isascii() and \
                    words[0] not in word_owners and words[0] not in _NOT_EVERYDAY:
                # `Todo Item` is "a todo" in the spec: a name whose last word only says it is one of something
                # (item, entry, record) is called by its first word, when no other name ends in that word.
                candidates[words[0]] = (key, entity, "\0", words[0])  # (no word before it in the name)
                heads[words[0]] = words[1]
        stems = set()
        for tail in list(candidates):
            many = plural(tail)
            candidates[many] = candidates[tail]
            stems.add(_common_prefix(tail, many))
        if not candidates:
            return
        text = self._lower()  # `str.find` per name below: a C-level scan, no case-insensitive regex
        nouns: dict[str, int] = {}
        verbs: dict[str, int] = {}
        full: dict[str, int] = {}
        alone: dict[str, int] = {}
        counted: dict[str, int] = {}  # a first word in the plural after a determiner ("all todos")
        for stem in stems:
            position = text.find(stem)
            while position >= 0:
                start, position = position, text.find(stem, position + len(stem))
                if start and (text[start - 1].isalnum() or text[start - 1] in "-_"):
                    continue
                found = _WORD_AT.match(text, start)
                candidate = candidates.get(found.group(0))
                if candidate is None:
                    continue
                tail = candidate[3]
                after = _NEXT_WORD.match(text, found.end())
                if after is not None and (tail, after.group(1)) in followers:
                    if heads.get(tail) == after.group(1):
                        full[tail] = full.get(tail, 0) + 1  # `the todo item`: the name in full
                    continue  # `the loan request`: another entity's name
                chunk = text[max(0, start - 30):start]
                before = chunk.rsplit(None, 1)[-1].lstrip("(*_[\"'") if chunk[-1:] in (" ", "\t") \
                    and not chunk.isspace() else ""
                if before in _NOUN_BEFORE:
                    nouns[tail] = nouns.get(tail, 0) + 1
                    if tail in heads and found.group(0) != tail:
                        counted[tail] = counted.get(tail, 0) + 1  # "all todos": a thing counted, not an adjective
                elif before in _VERB_BEFORE and found.group(0) == tail:
                    verbs[tail] = verbs.get(tail, 0) + 1  # ("assign templates to profiles": a plural is no verb)
                elif before == candidate[2]:
                    full[tail] = full.get(tail, 0) + 1
                    continue
                if before not in _VERB_BEFORE:
                    alone[tail] = alone.get(tail, 0) + 1  # ("manage platforms", "filter by tags": alone, too)
        # (a word that names an entity of its own, `Customer` of `Customer Consent`, says whose it is, not what about)
        titled = {word.casefold() for word in _WORD.findall(self.document.title)} - set(word_owners)
        for tail, count in nouns.items():
            # (a name whose first word is what the spec is about, `Climbing Session` in a "Climbing Progress
            # Tracker", is called by its last word when the spec says it alone three times, as a noun at least once)
            about = candidates[tail][2] in titled and alone.get(tail, 0) >= 3
            if (count >= 3 or about) and verbs.get(tail, 0) * 3 < count and \
                    (tail not in heads or counted.get(tail, 0) >= 3):
                entity = candidates[tail][1]
                entity.aliases.append(tail)
                if alone.get(tail, 0) >= full.get(tail, 0) or candidates[tail][2] in titled:
                    # Said alone at least as often as in full: the routes' name. So when the word before it names
                    # what the spec is about ("Blog Post" in a "Blog Platform": a post).
                    entity.usual_name = tail

    def _optimistic_locking(self) -> None:
        """`The system uses optimistic locking`, `reject updates when the provided version does not match`: concurrent
        edits are told apart by a row version, an integer `version` on the thing the sentence is about (the first
        thing it names that is no person)."""
        lowered = self._lower()
        if "optimistic" not in lowered and not ("version" in lowered and any(map(lowered.__contains__, _VERSION_HINTS))):
            return  # literal scans of the whole text settle most specs
        for passage in self.passages:
            if "ersion" not in passage.text and "ptimistic" not in passage.text:
                continue
            match = _OPTIMISTIC.search(passage.text)
            if match is None:
                continue
            if passage.entity is not None:
                entity = self.by_key[passage.entity]
            else:
                things = [self.by_key[key] for _start, _end, key, _plural in self._mentions(passage.text)
                          if not self._is_actor_key(key) and not self.by_key[key].link]
                if not things:
                    continue
                entity = things[0]
            if any(attribute.name == "version" for attribute in entity.attributes):
                continue
            entity.attributes.append(Attribute("version", "int", default="1", constraints=[">= 1"],
                                               description="row version for optimistic locking: an update names the "
                                                           "version it read and is refused when it changed",
                                               sources=[SourceRef(passage.label, self._locate(passage, match.group(0)))]))

    def _key_type(self) -> None:
        """"UUID primary keys on all entities", "All IDs are UUIDs": every key the plan gives out is a UUID (an entity
        whose own key the spec types otherwise keeps it). Only prose counts: a code block types its own models."""
        lowered = self._lower()
        if "uuid" not in lowered and "guid" not in lowered:
            return
        document = self.document
        for line, text in enumerate(document.lines):
            if "uid" not in text.casefold() or not document.tree.is_prose(line):
                continue
            match = _UUID_KEYS.search(text)
            if match is not None:
                self.model.key_type = "UUID"
                self.model.key_sources.append(SourceRef(self._label_at(line), Range.of(line, match.start(), line, match.end())))
                return

    def _containers(self, passages: list[_Passage]) -> None:
        """`Shopping Cart: a collection of products a user intends to buy`, "add products to a shopping cart": a cart,
        basket, wishlist or playlist holds things that exist on their own, each in many of them. Its items are a link
        model of their own (`CartItem`, with a quantity for a cart), not a key to the cart on each product."""
        for container in list(self.model.entities):
            words = split_name(container.display_name)
            if not words or words[-1].casefold() not in _CONTAINER_WORDS or container.link or container.is_actor:
                continue
            container_key = self._key_for(container)
            if any(e.name.startswith(container.name) and e is not container and not e.link for e in self.model.entities) \
                    or any(r.kind == "many-to-many" for r in container.relationships):
                continue  # the spec models its lines itself (`CartLineItem`), or links it already
            held = None
            for passage in passages:
                text = passage.text
                if passage.entity == container_key:
                    # "a collection of products ...", or the things it holds named first ("the products a customer
                    # is about to buy").
                    match = _HOLDS.search(text) or _HELD_FIRST.match(text)
                    found = self._mentions(text[match.end():match.end() + 60]) if match else []
                    if found and found[0][0] == 0 and found[0][3]:
                        held = self.by_key[found[0][2]]
                elif any(map(text.__contains__, ("add", "save", "put", "place", "move", "keep"))) and \
                        container.display_name.casefold() in text.casefold():
                    for start, end, key, plural_mention in self._mentions(text):
                        into = _ADDED_TO.match(text[end:end + 40])
                        if plural_mention and key != container_key and into and \
                                self._key_of_phrase(into.group(1)) == container_key and \
                                rx.search(r"\b(?:add|save|put|place|move|keep)(?:s|ed|ing)?\s+(?:\w+\s+){0,2}$",
                                          text[max(0, start - 30):start]):
                            held = self.by_key[key]
                            break
                if held is not None:
                    break
            if held is None or held is container or held.is_actor or held.link:
                continue
            _drop_one_to_many(held, container)
            last = words[-1].capitalize()
            self._add_many_to_many(held, container, passage, link_name=f"{last}Item",
                                   description=f"A {held.display_name} in a {container.display_name}: the link between "
                                               f"the two (many-to-many).")
            link = self.by_key.get(entity_key(f"{last}Item"))
            if link is not None and words[-1].casefold() in _COUNTED_CONTAINERS:
                link.attributes.append(Attribute("quantity", "int", constraints=[">= 1"], default="1",
                                                 description="how many (assumed for a cart)",
                                                 sources=[SourceRef(passage.label, self._locate(passage, held.display_name))]))

    def _message_spaces(self) -> None:
        """A message is sent in a conversation, channel or room: with both modelled and the spec not linking them, each
        message belongs to the space it is sent in (to one of them, when there are several kinds: a channel message or
        a direct one). An assumption the model states, as the designer of any chat would make it."""
        spaces = [entity for entity in self.model.entities if is_message_space(entity)]
        if not spaces:
            return
        names = {space.name for space in spaces}
        for entity in self.model.entities:
            if not is_message(entity) or any(r.target in names for r in entity.relationships) \
                    or any(r.target == entity.name and r.kind != "has-many" for space in spaces for r in space.relationships):
                continue
            source = entity.sources[0] if entity.sources else SourceRef("inferred")
            for space in spaces:
                entity.relationships.append(Relationship(
                    "belongs-to", space.name, field=snake_case(space.name) + "_id", required=len(spaces) == 1,
                    description=f"the {space.display_name} it is sent in (assumed: messages are exchanged in a "
                                f"{space.display_name.lower()})",
                    sources=[SourceRef(source.label, source.range)]))

    def _local_names(self) -> None:
        """A spec in Portuguese, Spanish or Indonesian names its things in that language: `**Task**: Representa uma
        tarefa` is "tarefa(s)" in the prose, and `Opinião` is "opiniões" in the plural (its routes say `/opinioes`).
        Both are spellings the designer matches; accent-free spellings too (`opiniao`)."""
        lang = languages.language(self.document.text)
        if lang is None:
            return
        self.local_names_read = True
        lowered = self._lower()
        for entity in self.model.entities:
            if entity.link:
                continue
            names: list[str] = []
            local = languages.local_name(entity.description, lang) if entity.description else None
            if local is not None and entity_key(local) != entity_key(entity.display_name):
                names.append(local)
            own = entity.display_name.casefold()
            if lang == "id":
                # Indonesian marks no plural: only the definition's own word (`kegiatan` for Event) is a spelling.
                for variant in names:
                    if variant not in entity.aliases:
                        entity.aliases.append(variant)
                continue
            own_plural = _local_plural(own, lang)
            english_plural = " ".join(split_name(plural(entity.display_name))).casefold()
            if own_plural != english_plural:
                # `Opinião`, `Ranking Pessoal`: the plural the prose uses (`opiniões`, `rankings pessoais`) names the
                # routes; an English name (`Journal` in a Portuguese spec) keeps its English plural.
                local_count, english_count = lowered.count(own_plural), lowered.count(english_plural)
                if not local_count and not english_count:
                    # neither plural is written: the articles before the name tell its language (`o ranking geral`)
                    local_count = len(rx.findall(rf"\b(?:o|um|uma|do|da|no|na|ao|pelo|pela|el|la|del|un|una|al)\s+"
                                                   rf"{re.escape(own)}\b", lowered))
                    english_count = len(rx.findall(rf"\b(?:the|an|each|every|this)\s+{re.escape(own)}\b", lowered))
                if not own.isascii() or local_count > english_count:
                    names.append(own)
                    entity.plural_name = own_plural
            for name in names:
                for spelling in (name, _local_plural(name, lang)):
                    for variant in (spelling, fold_accents(spelling)):
                        if variant not in entity.aliases and entity_key(variant) != entity_key(entity.display_name):
                            entity.aliases.append(variant)
                        if spelling is not name and variant not in entity.plurals:
                            entity.plurals.append(variant)

    def _definition_nouns(self) -> None:
        """`**Attachment**: A file linked to a task`: the noun a definition calls its entity by ("files") is one of its
        names in the prose ("attach files to a task"), when no other entity's name or definition uses that word, the
        word is no generic one (record, entry, item), and the prose uses it at least twice."""
        if self.local_names_read:
            return  # (a spec in another language names its things in that language: `_local_names`)
        heads: dict[str, list[Entity]] = {}
        for entity in self.model.entities:
            if entity.link or entity.is_actor or not entity.description:
                continue
            found = _DEFINITION_HEAD.match(entity.description)
            if found is not None and _MODIFIER_LIST_AFTER.match(entity.description, found.end()):
                found = None  # "a lifestyle, diet or exercise goal": a list of what qualifies the noun after it
            if found is not None:
                heads.setdefault(found.group(1).casefold(), []).append(entity)
        if not heads:
            return
        taken = {word.casefold() for entity in self.model.entities for word in split_name(entity.name)}
        taken |= {singular(word) for word in taken}
        lowered = self._lower()
        for word, entities in heads.items():
            if len(entities) != 1 or not word.isascii() or any(part in taken for part in word.split()) \
                    or (" " not in word and word in _GENERIC_DEFINITION_HEADS):
                continue
            many = plural(word)
            if len(rx.findall(rf"\b(?:{re.escape(word)}|{re.escape(many)})\b", lowered)) < 3:
                continue  # (the definition itself and at least two uses in the prose)
            entity = entities[0]
            for variant in (word, many):
                if variant not in entity.aliases:
                    entity.aliases.append(variant)

    def _cjk_short_names(self) -> None:
        """`在庫アイテム（InventoryItem）` is "在庫" in the prose (`在庫を登録`, `在庫一覧`), `買い物リストアイテム`
        "買い物リスト": a Japanese, Korean or Chinese name ending in a generic word (item, data, record) is also
        called by what comes before it, when no other entity has that name and the prose uses it."""
        names = {alias for entity in self.model.entities for alias in (entity.display_name, *entity.aliases)}
        for entity in self.model.entities:
            for alias in list(entity.aliases):
                short = _CJK_GENERIC_TAIL.sub("", alias)
                if short != alias and len(short) >= 2 and short not in names and short in self.document.text \
                        and short not in entity.aliases:
                    entity.aliases.append(short)
                    names.add(short)

    def _mentions(self, text: str) -> list[tuple[int, int, str, bool]]:
        """(start, end, entity key, plural) for each entity mention in `text`, in order, longest names first."""
        cached = self.mention_cache.get(text)
        if cached is not None:
            return cached
        found: list[tuple[int, int, str, bool]] = []
        if self.word_variants:
            tokens = self._tokens(text)
            parts = tokens.parts
            count = len(parts)
            # Words alternate with the separators around them (a separator never equals a word), so the few parts
            # that can start a name are words; they are found in C (`_indices_of`) rather than by a Python loop. A
            # name of `size` words starting at part `j` ends before the separator at part `j + 2 * size - 1`.
            sizes_by_first_word = self.sizes_by_first_word
            word_variants = self.word_variants
            skip_to = 0
            for j in _indices_of(parts, self.first_words):
                if j < skip_to:
                    continue
                for size in sizes_by_first_word[parts[j]]:
                    stop = j + 2 * size - 1
                    if stop >= count:
                        continue
                    key = word_variants.get(parts[j:stop:2])
                    if key is None:
                        continue
                    # Words of one name are joined by one space, hyphen or underscore; the name stands alone.
                    if size > 1 and any(separator not in (" ", "-", "_") for separator in parts[j + 1:stop - 1:2]):
                        continue
                    before, after = parts[j - 1], parts[stop]
                    if (before and (before[-1] in "-_" or before[-1].isalnum())) or \
                            (after and (after[0] in "-_" or after[0].isalnum())):
                        continue
                    last = parts[stop - 1]
                    found.append((tokens.offset(j), tokens.offset(stop), key, last.endswith("s") and singular(last) != last))
                    skip_to = stop
                    break
        if self.mention_pattern is not None:
            for match in self.mention_pattern.finditer(text):
                key = self.variant_to_key.get(match.group(0).casefold())
                if key is not None:
                    found.append((match.start(), match.end(), key, False))
            found.sort()
        self.mention_cache[text] = found
        return found

    def _tokens(self, text: str) -> _Tokens:
        """The lower-cased words of `text` with the separators between them, split once per text and shared by
        every scan (mentions, timestamp words); all C-level work, no per-word Python objects."""
        tokens = self.token_cache.get(text)
        if tokens is None:
            lowered = text.lower()
            if len(lowered) != len(text):
                lowered = text  # a rare character whose lower case is longer would shift offsets
            tokens = _Tokens(lowered, word_parts(lowered))
            self.token_cache[text] = tokens
        return tokens

    def _collect_passages(self) -> None:
        document = self.document
        for definition in document.entities:
            keys = self.definition_keys.get((definition.line, definition.name)) or [self._key_of(definition.name)]
            for key in keys:
                if key is not None:
                    end = max(definition.end, definition.line + 1)
                    text = strip_markup(" ".join(document.lines[definition.line:end]))
                    label = {"key-entities": "Key Entities", "glossary": "Glossary"}.get(definition.source, "Data Model")
                    self.passages.append(_Passage(label, definition.line, end, text, key))
        for requirement in document.requirements:
            id_match = ID_PATTERN.search(document.lines[requirement.line]) if requirement.id else None
            label = id_match.group(1) if id_match else requirement.id if requirement.id and not requirement.id.isdigit() else (
                f"Requirement {requirement.id}" if requirement.id else requirement.name)
            body_end = requirement.scenarios[0].line if requirement.scenarios else requirement.end
            if requirement.kind in ("openspec", "kiro"):
                body_end = min(body_end, requirement.line + 6)
            text = without_test_note(requirement.text) if requirement.kind not in ("openspec",) else strip_markup(
                " ".join(document.lines[requirement.line + 1:body_end]))
            self.passages.append(_Passage(label or "requirement", requirement.line, max(body_end, requirement.line + 1), text))
            for scenario in requirement.scenarios:
                self.passages.append(_Passage(f"{label}/AC{scenario.index}", scenario.line, scenario.end, scenario.text))
        for story in document.stories:
            story_label = "US" + story.key if story.key != "primary" else "Primary story"
            if story.narrative:
                self.passages.append(_Passage(story_label, story.line, story.end, story.narrative))
            else:
                narrative = self._story_narrative(story.line + 1, story.scenarios[0].line if story.scenarios else story.end)
                if narrative:
                    self.passages.append(_Passage(story_label, story.line, story.end, narrative))
            for scenario in story.scenarios:
                self.passages.append(_Passage(f"{story_label}/AC{scenario.index}", scenario.line, scenario.end, scenario.text))
        for section in document.sections_of("edge-cases"):
            index = 0
            for block in document.tree.blocks:
                if block.kind == "item" and block.depth == 0 and section.line < block.start < section.end:
                    index += 1
                    self.passages.append(_Passage(f"Edge Cases #{index}", block.start, block.end,
                                                  strip_markup(" ".join(document.lines[block.start:block.end]))))
        for clarification in document.clarifications:
            self.passages.append(_Passage("Clarifications", clarification.line, clarification.line + 1,
                                          f"{clarification.question} {clarification.answer}"))
        # Other prose that describes the domain: the Input line, story paragraphs after the first, and the extra
        # paragraphs of data sections. (Every other paragraph was measured to add almost nothing but time.)
        covered = bytearray(len(document.lines) + 1)
        for passage in self.passages:
            _mark(covered, passage.start, min(passage.end, len(document.lines)))
        in_scope = bytearray(len(document.lines) + 1)
        for story in document.stories:
            _mark(in_scope, story.line, min(story.end, len(document.lines)))
        for section in document.sections_of("key-entities", "data-model", "glossary"):
            _mark(in_scope, section.line, min(section.end, len(document.lines)))
        blocks = document.tree.blocks
        for index, block in enumerate(blocks):
            if block.kind not in ("paragraph", "item") or covered[block.start]:
                continue
            if not in_scope[block.start] and not document.lines[block.start].lstrip("-*+ ").casefold().startswith(
                    ("input:", "**input**:")):
                continue
            if not document.tree.is_prose(block.start):
                continue
            stop = block.end
            if block.kind == "item":
                for later_index in range(index + 1, len(blocks)):  # no slice copy: this runs for every item
                    later = blocks[later_index]
                    if later.start >= block.end:
                        break
                    if later.kind == "item":
                        stop = later.start
                        break
            text = strip_markup(" ".join(document.lines[block.start:stop]))
            if text:
                section = document.section_at(block.start)
                label = "Input" if text.casefold().startswith("input:") else (section.title if section is not None else "spec")
                self.passages.append(_Passage(label, block.start, stop, text))
                _mark(covered, block.start, stop)

    def _story_narrative(self, start: int, end: int) -> str:
        document = self.document
        lines = []
        for line in range(start, min(end, len(document.lines))):
            text = document.lines[line]
            if not document.tree.is_prose(line) or text.lstrip().startswith(("#", "**Why", "**Independent", "**Acceptance")):
                if lines:
                    break
                continue
            if text.strip():
                lines.append(text)
            elif lines:
                break
        return strip_markup(" ".join(lines))

    def _key_of(self, name: str) -> str | None:
        display = name
        alias = rx.search(r"[（(]\s*([A-Za-z][\w ]*?)\s*[)）]", display)
        if alias and _NON_LATIN.search(display[:alias.start()]):
            display = alias.group(1)
        display = rx.sub(r"\s*[（(].*$", "", display).strip()
        if "/" in display or ", " in display:
            display = rx.split(r"\s*/\s*|\s*,\s*", display)[0]
        key = entity_key(display) if display.isascii() else display.casefold()
        return key if key in self.by_key else None

    # ------------------------------------------------------------------ attributes

    def _attributes_from_definition(self, passage: _Passage) -> None:
        entity = self.by_key[passage.entity]
        lines = self.document.lines[passage.start + 1:passage.end]
        if sum(1 for line in lines if _FIELD_BULLET.match(line)) >= 2:
            # A definition followed by its own field bullets: the bullets are the attributes.
            self._field_bullets(entity, passage.start + 1, passage.end, passage.label)
            return
        if any(map(FIELDS_LABEL.match, lines)) and self._labelled_field_bullets(entity, passage):
            return
        items = self._nested_items(passage, lines)
        if items is not None:
            # `- **Click Event**: A single click` over `  - Timestamp of click`, `  - Device type (mobile, desktop)`:
            # the plain bullets under the definition are its columns, read as the items of a list.
            self._add_items(entity, ", ".join(items), passage)
        text = passage.text
        # Drop the defined name(s) at the start: `Event: what is sold — ...`.
        text = rx.sub(r"^(?:[^:—–]{1,80}?)(?::|\s[—–-]\s)\s*", "", text, count=1) if rx.match(
            r"^[^:—–]{1,80}?(?::|\s[—–-]\s)", text) else text
        whole_list = self._bare_list(text)
        if whole_list is None:
            clauses = [(clause, False) for clause in _clauses(text)]
        else:
            # `Tag: name, colour, owner. It includes a description.`: the sentences after the bare list say more.
            after = rx.split(r"(?<=[.;])\s+", text, maxsplit=1)
            clauses = [(whole_list, True)] + [(clause, False) for clause in (_clauses(after[1]) if len(after) > 1 else ())]
        for clause, bare in clauses:
            related = rx.match(r"^(?:related to|relationships?|relations|links? to|references)\s*:\s*(.+)$", clause, re.IGNORECASE)
            if related:
                self._add_items(entity, related.group(1), passage, relations_only=True)
                continue
            items_text = clause if bare else self._list_after_trigger(clause, definition=True)
            if items_text is None:
                continue
            if not bare and self._role_value_subject(entity, clause[:len(clause) - len(items_text)]):
                continue  # `Owner has full privileges, admin can configure devices`: what a role may do
            self._add_items(entity, items_text, passage)
        self._named_by_examples(entity, text, passage)
        if is_cjk_list(text):
            self._cjk_fields(entity, text, passage)
        if ("ossu" in text or "ont" in text or "nclu" in text or "iene" in text or "osee" in text or "uenta" in text) \
                and self._romance():
            self._romance_fields(entity, text, passage)
        if self._foreign_language():
            raw = "\n".join(self.document.lines[passage.start:passage.end + 1])
            if "`" in raw:
                self._backticked_columns(entity, raw, passage)
        if ("status" in text or "state" in text) and not any(rx.search(r"(?:^|_)(?:status|state)$", a.name)
                                                              for a in entity.attributes):
            # `Represents the current VPN connection status (disconnected, connecting, connected)`: whatever the
            # sentence around it, a status with its values in brackets is the entity's lifecycle column.
            listed = rx.search(r"\b(status|state)\s*[（(]([^()（）]{3,200})[)）]", text)
            if listed and len(split_list(listed.group(2))) >= 2:
                self._add_items(entity, f"{listed.group(1)} ({listed.group(2)})", passage)
            elif "status" in text:
                # `Payment: payment transaction details and status`, `tracks its delivery status`: a status column,
                # its values unstated.
                said = _STATUS_NOUN.search(text)
                if said is not None and not any(rx.search(r"(?:^|_)(?:status|state)$", a.name) for a in entity.attributes):
                    self._add_attribute(entity, FieldPhrase(name="status", phrase=said.group(0)),
                                        SourceRef(passage.label, self._locate(passage, said.group(0))))
        # `Role: represents a set of permissions`: the entity is a collection of values it holds as a list.
        collection = rx.match(r"(?i)(?:represents\s+)?(?:an?|the)\s+(?:set|list|collection|group|bundle)\s+of\s+([a-z]+s)\b", text)
        held_key = self._key_of_phrase(collection.group(1)) if collection else None
        if collection and held_key is None \
                and not any(a.name == collection.group(1).casefold() for a in entity.attributes):
            noun = collection.group(1).casefold()
            self._add_attribute(entity, FieldPhrase(name=noun, phrase=noun, type="list[str]", plural=True),
                                SourceRef(passage.label, self._locate(passage, collection.group(1))))
        elif held_key is not None:
            # `Project: Represents a collection of tasks`: the modelled things it holds are its own, one-to-many. Not
            # people (members take part through a membership), nor what many things share (`a set of permissions`),
            # nor the things a cart or playlist only points at (`_containers`).
            held = self.by_key[held_key]
            words = split_name(entity.display_name)
            if held is not entity and not held.is_actor and not _is_person(held) and held is not self._account_entity() \
                    and not held.link and not _SHARED_COLLECTION.search(held.name) \
                    and not (words and words[-1].casefold() in _CONTAINER_WORDS) \
                    and not any(r.target == entity.name for r in held.relationships):
                self._add_relationship(entity, "has-many", held, passage)
        # `Client: an external company or individual who ...`: the entity comes in kinds, a `<entity>_type` column.
        kinds = rx.match(r"(?i)(?:represents\s+)?(?:an?|the)\s+(?:[a-z]+\s+)?([a-z]+)\s+or\s+(?:an?\s+)?([a-z]+)"
                         r"\s+(?:who|that|which|with|whose)\b", text)
        kind_name = f"{snake_case(entity.name)}_type"
        if kinds and not any(a.name in (kind_name, "type", "kind") for a in entity.attributes) \
                and self._key_of_phrase(kinds.group(1)) is None and self._key_of_phrase(kinds.group(2)) is None:
            values = [singular(kinds.group(1).casefold()), singular(kinds.group(2).casefold())]
            self._add_attribute(entity, FieldPhrase(name=kind_name, phrase=kinds.group(0), enum_values=values),
                                SourceRef(passage.label, self._locate(passage, kinds.group(1))))
        # `Notification: an alert tied to an event (assignment, mention, deadline)`: the kinds of a thing it is about.
        about = rx.search(r"(?i)\b(?:tied to|about|for|of|triggered by|caused by)\s+an?\s+([a-z]+)\s*\(([a-z]+(?:\s*[,/|]\s*[a-z]+){1,7})\)",
                          text[:200])
        if about and self._key_of_phrase(about.group(1)) is None \
                and not any(a.name == f"{about.group(1).casefold()}_type" for a in entity.attributes):
            self._add_items(entity, f"{about.group(1)} type ({about.group(2)})", passage)
        # `User's selected theme (light/dark/system)`: the opening names the value the entity holds, with its values.
        opening = rx.split(r"[.;]\s|\s(?:with|including|includes|and|that|which)\s", text, maxsplit=1)[0]
        valued = rx.search(r"(?i)^(?:represents\s+)?(?:an?\s+|the\s+|\w+['’]s\s+)(?:(?:selected|current|chosen|preferred|"
                           r"active|default)\s+)?([a-z]+)\s*\(([a-z]+(?:\s*[/,|]\s*[a-z]+){1,7})\)", opening)
        if valued and valued.group(1).casefold() not in _NOT_FIELD_NOUNS and self._key_of_phrase(valued.group(1)) is None \
                and not any(a.name == valued.group(1).casefold() for a in entity.attributes):
            self._add_items(entity, f"{valued.group(1)} ({valued.group(2)})", passage)
        if "(" in text:
            # `connection parameters (server url, username, protocol, optional port)`, `a header (vendor, terms,
            # notes)`: a noun that means "its fields", then the fields in brackets.
            for match in self._fields_in_brackets(text):
                inner = match.group(1)
                items = split_list(inner)
                if len(items) >= 2 and not rx.match(r"\s*(?:e\.g\.?|eg\.?|i\.e\.?|for example|such as|like)\b", inner,
                                                    re.IGNORECASE) and all(len(item.split()) <= 4 for item in items):
                    self._add_items(entity, inner, passage)
        # Parenthesised identifiers, whatever the language around them: `회원 정보 (email, password, name)`,
        # `(userId, postId 매핑)`, `to track participation (hasParticipated boolean)`.
        for match in rx.finditer(r"[（(]([^()（）]{3,300})[)）]", text):
            inner = match.group(1)
            pieces = [rx.sub(r"\s+\S*[^\x00-\x7f]\S*$", "", piece.strip()) for piece in split_top_level(inner, ",、，")]
            identifiers = [piece for piece in pieces if rx.fullmatch(r"[A-Za-z_]\w*(?:\[\])?", piece)]
            coded = any(rx.search(r"[a-z][A-Z]|_", piece) for piece in identifiers)
            if len(pieces) >= 2 and len(identifiers) == len(pieces) and (coded or _NON_LATIN.search(text[:match.start()])):
                self._add_items(entity, ", ".join(identifiers), passage)
                continue
            typed = rx.fullmatch(r"\s*`?([a-z]+(?:[A-Z]\w*|_\w+))`?\s+(boolean|bool|string|integer|int|number|date|datetime|"
                                 r"timestamp|uuid|decimal|enum|json|text)\s*", inner, re.IGNORECASE)
            if typed:
                self._add_attribute(entity, describe_field(typed.group(1), typed.group(2)),
                                    SourceRef(passage.label, self._locate(passage, typed.group(1))), typed.group(2))

    def _backticked_columns(self, entity: Entity, text: str, passage: _Passage) -> None:
        """`Atribut kunci meliputi identifier unik, `title`, `description`, `date``: in a definition written in another
        language, the identifiers in code marks are its columns (a modelled entity's name is a link to it)."""
        for match in _BACKTICKED_NAME.finditer(text):
            name = match.group(1)
            key = self._key_of_phrase(name)
            if key is not None:
                if self.by_key[key] is not entity:
                    self._add_relationship(entity, "belongs-to", self.by_key[key], passage)
                continue
            column = snake_case(name)
            if any(a.name == column for a in entity.attributes):
                continue
            self._add_attribute(entity, FieldPhrase(name=column, phrase=name, type=infer_type(column, "")),
                                SourceRef(passage.label, self._locate(passage, name)))

    def _cjk_fields(self, entity: Entity, text: str, passage: _Passage) -> None:
        """`品目名、数量（正の整数）、カテゴリ、購入日`: the columns a Japanese, Korean or Chinese list names, from the
        lexicon; a category that the spec models is a link to it. Words the lexicon does not know are noted."""
        fields, unknown = cjk_fields(text)
        for phrase in fields:
            target = self._key_of_phrase(phrase.name)
            source = SourceRef(passage.label, self._locate(passage, phrase.phrase))
            if target is not None and self.by_key[target] is not entity:
                self._add_relationship(entity, "belongs-to", self.by_key[target], passage, required=phrase.required)
            else:
                self._add_attribute(entity, phrase, source)
        # `包含假別`: a word the spec defines as an entity (`假別（Leave Type）`) is a link to it.
        self._link_or_note(entity, [(word, cjk_item_word(word)) for word in unknown], passage)

    def _romance_fields(self, entity: Entity, text: str, passage: _Passage) -> None:
        """`Possui identificador, título obrigatório, descrição opcional e status`: the columns a Portuguese or Spanish
        definition lists, from a small lexicon; an item that names a modelled entity is a link to it, and the words
        the lexicon does not know are noted, not guessed."""
        found, unknown = languages.columns(text)
        for name, kind, required, words in found:
            self._add_attribute(entity, FieldPhrase(name=name, phrase=words, type=kind, required=required),
                                SourceRef(passage.label, self._locate(passage, words)))
        self._link_or_note(entity, [(words, words) for words in unknown], passage)

    def _link_or_note(self, entity: Entity, items: list[tuple[str, str]], passage: _Passage) -> None:
        """List items in another language the lexicon does not know, as (written, name to look up): one that names a
        modelled entity is a link to it; the others are noted in the plan, never guessed."""
        unnamed = []
        for written, name in items:
            target = self._key_of_phrase(name)
            if target is None:
                unnamed.append(written)
            elif self.by_key[target] is not entity:
                self._add_relationship(entity, "belongs-to", self.by_key[target], passage)
        if unnamed:
            self.unnamed.append(f"{entity.display_name}: {', '.join(unnamed)}")

    @staticmethod
    def _fields_in_brackets(text: str) -> list[re.Match[str]]:
        """`_FIELDS_IN_BRACKETS` matches, tried only at the brackets whose previous word is a fields noun (a scan of
        the whole definition by the pattern measured slower than these few look-backs)."""
        found: list[re.Match[str]] = []
        position = text.find("(")
        while position > 0:
            window = max(0, position - 12)
            before = text[window:position].rstrip()
            word = before[before.rfind(" ") + 1:].lower()
            if word in _FIELDS_NOUNS:
                match = _FIELDS_IN_BRACKETS.match(text, window + len(before) - len(word))
                if match is not None:
                    found.append(match)
            position = text.find("(", position + 1)
        return found

    def _named_by_examples(self, entity: Entity, text: str, passage: _Passage) -> None:
        """`Tag: a label for categorizing tasks (e.g., bug, urgent, CRM)`, `Role: ... (e.g., admin, moderator)`: a
        definition that gives example instances by their names; each instance then has a `name`."""
        if any(a.name in ("name", "title", "label", "code") for a in entity.attributes):
            return
        opening = text[:200]
        match = _INSTANCE_EXAMPLES.search(opening) if "(" in opening else None
        if match is None or match.group("before").casefold() in _NOT_INSTANCE_NOUNS:
            return
        items = [item.strip(" .\"'“”`") for item in split_list(match.group("items"))]
        items = [item for item in items if item and item.casefold() not in ("etc", "and so on")]
        known = {a.name for a in entity.attributes}
        if len(items) < 2 or any(len(item.split()) > 3 or rx.match(r"(?i)(?:an?|the|its|their)\s", item)
                                 or snake_case(item) in known or self._key_of_phrase(item) is not None
                                 or rx.search(r"[_=<>/:@]|\d", item) for item in items):
            return
        self._add_attribute(entity, FieldPhrase(name="name", phrase="name"),
                            SourceRef(passage.label, self._locate(passage, match.group(0))))

    def _hierarchies(self, passages: list[_Passage]) -> None:
        """`subcategories`, `a parent category`, `child folders`, `nested comments`, or a definition that says the
        thing is hierarchical (`hierarchical structure`, `parent-child relationships`, `2-level hierarchy`): the entity
        refers to itself, an optional `parent_id` (none at the top), instead of columns named after the words."""
        lowered_text = self._lower()
        if not any(word in lowered_text for word in ("sub", "parent", "child", "nested", "hierarch", "-level", "tree")):
            return
        # One scan for the nouns the wording nests (`parent` is a person where the spec has guardians).
        guardian = "guardian" in lowered_text
        nested: dict[str, list[str]] = {}
        for literal, pattern in _NESTING:
            if guardian and literal == "parent ":
                continue
            position = lowered_text.find(literal)
            while position >= 0:
                # (`str.find` reaches the few places the words occur; a pattern scan of the whole text costs more)
                if literal[0] == " ":  # the noun comes before the word: search the few characters up to it
                    match = pattern.search(lowered_text, max(0, position - 40), position + len(literal) + 1)
                elif position == 0 or not lowered_text[position - 1].isalpha():
                    match = pattern.match(lowered_text, position)
                else:
                    match = None  # (`resubmit`: inside another word)
                if match is not None:
                    phrases = nested.setdefault(singular(match.group(1)), [])
                    if match.group(0) not in phrases:
                        phrases.append(match.group(0))
                position = lowered_text.find(literal, position + 1)
        definitions: dict[str, _Passage] = {}
        for passage in passages:
            if passage.entity is not None:
                definitions.setdefault(passage.entity, passage)
        worded = any(word in lowered_text for word in ("hierarch", "parent", "-level", "self-referenc"))
        for entity in self.model.entities:
            if entity.link or entity.is_actor:
                continue
            parts = split_name(entity.name)
            word = parts[-1].casefold()
            key = self._key_for(entity)
            phrases = nested.get(word)
            definition = definitions.get(key)
            # A definition shared by several entities (`Site / Location / Bin: hierarchical place`) says they nest in
            # one another, not each in itself.
            said = _HIERARCHY_WORDS.search(definition.text) if worded and definition is not None \
                and not _SHARED_DEFINITION.match(definition.text) else None
            if (phrases is None and said is None) or len(word) < 3 \
                    or parts[0].casefold() in ("sub", "nested", "child", "parent") or any(
                    self._key_of_phrase(f"{lead}{word}") is not None for lead in ("sub", "sub ", "child ", "nested ")):
                continue  # (the spec models the children as an entity of their own: `Subtask`, `NestedSequence`)
            found: tuple[_Passage, str] | None = (definition, said.group(0)) if said is not None else None
            for passage in passages if phrases is not None and found is None else ():
                if passage.entity is not None and passage.entity != key:
                    continue
                lowered = passage.text.casefold()
                at, phrase = next(((lowered.find(phrase), phrase) for phrase in phrases if phrase in lowered), (-1, ""))
                if at >= 0:
                    found = (passage, passage.text[at:at + len(phrase)])
                    break
            if found is None:
                continue
            passage, words = found
            many = plural(word)
            junk = {"hierarchical_structure", "hierarchy", "parent_child_relationships", "parent_child_relationship",
                    f"sub{many}", f"sub_{many}", f"child_{many}", f"parent_{word}", "parent", f"nested_{many}"}
            entity.attributes = [a for a in entity.attributes if a.name not in junk]
            if any(r.target == entity.name for r in entity.relationships):
                continue
            source = SourceRef(passage.label, self._locate(passage, words))
            entity.relationships.append(Relationship(
                "belongs-to", entity.name, field="parent_id", required=False,
                description=f"the parent {entity.display_name} (none at the top of the hierarchy)", sources=[source]))
            entity.relationships.append(Relationship("has-many", entity.name, field="parent_id", sources=[source]))

    def _uniqueness_rules(self, passages: list[_Passage]) -> None:
        """`System MUST enforce unique titles across all entries`, `Product SKUs must be unique`, `no two rooms may
        have the same name`: the column is unique (an index and a conflict error), with the rule as a source. Only
        columns the entity has are marked; the rule names no new one."""
        for passage in passages:
            text = passage.text
            if "unique" not in text and "same " not in text:
                continue
            for match in _UNIQUE_RULE.finditer(text):
                words = next(group for group in match.groups() if group).strip()
                split = words.split()
                name = field_name(" ".join(split[:-1] + [singular(split[-1])]))[0]
                if name in ("id", "identifier", "key", "value", "values", "one", "combination") or not name:
                    continue
                mentioned = [self.by_key[key] for _start, _end, key, _plural in self._mentions(text)]
                holders = [e for e in mentioned if any(a.name == name for a in e.attributes)] or \
                    [e for e in self.model.entities if any(a.name == name for a in e.attributes)]
                if not holders and len(split) == 2 and self._key_of_phrase(split[0]) is not None:
                    # `unique device names`: the Device's `name`
                    holders, name = [self.by_key[self._key_of_phrase(split[0])]], field_name(singular(split[1]))[0]
                    holders = [e for e in holders if any(a.name == name for a in e.attributes)]
                if len({id(e) for e in holders}) != 1:
                    continue
                attribute = next(a for a in holders[0].attributes if a.name == name)
                attribute.unique = True
                if not _has_source(attribute.sources, passage.label):
                    attribute.sources.append(SourceRef(passage.label, self._locate(passage, words)))

    @staticmethod
    def _role_value_subject(entity: Entity, lead: str) -> bool:
        """Whether the words before a list's trigger (`Owner has`) are one of the entity's role values rather than
        the entity itself: the list then says what that role may do."""
        subject = rx.sub(r"\s*(?:has|have|with|includes?|including|contains?|containing|stores?|records?|captures?|"
                         r"tracks?|must\s+\w+)\s*(?:an?|the|its|their|one|optional|required)?\s*$", "", lead,
                         flags=re.IGNORECASE).strip().casefold()
        if not subject or " " in subject:
            return False
        return any(subject in (value.casefold() for value in attribute.enum_values) for attribute in entity.attributes
                   if attribute.name in ("role", "roles", "user_role", "type", "kind", "account_type"))

    def _bare_list(self, text: str) -> str | None:
        """A definition that is nothing but a field list (`id, title, description, status (a/b)`)."""
        first = rx.split(r"(?<=[.;])\s+", text, maxsplit=1)[0].rstrip(".;")
        # `Contains text content, timestamp, sender, delivery status`: the verb opening the list is not an item.
        first = _LEADING_LIST_VERB.sub("", first, count=1)
        items = split_list(first)
        if len(items) < 3:
            return None
        if rx.search(r"\s[—–-]\s|\b(?:is|are|was|were|has|have|with|including|containing|that|which|who)\b", items[0]):
            return None  # (`Identifiable rental unit with type (a/b), badge, ...`: what it is, then its list)
        if any(_DESCRIBING_CLAUSE.search(item) for item in items):
            return None  # `User-defined, mock fallback, or future CV-derived terms used to identify job posts, ...`
        short = sum(1 for item in items if len(rx.sub(r"\([^)]*\)", "", item).split()) <= 3)
        return first if short >= len(items) - 1 and not rx.match(r"^(?:a|an|the|represents?)\b", first, re.IGNORECASE) else None

    def _list_after_trigger(self, clause: str, definition: bool) -> str | None:
        match = _LIST_TRIGGER.search(clause)
        while match is not None and _PERFECT_TENSE.match(clause, match.start()):
            # `books they have reserved, includes reservation date`: a verb's tense, not what it has
            match = _LIST_TRIGGER.search(clause, match.end())
        if not match:
            return None
        rest = clause[match.end():].strip()
        lead = _ITEMS_LEAD.match(rest)
        if lead is not None:
            rest = rest[lead.end():]  # `with properties including description text, ...`: the list follows
        if rx.match(r"^(?:between|of|about|from|for|across|among)\b", rest, re.IGNORECASE):
            return None  # `communication records between patients and doctors`: the trigger word was a noun
        # `Represents a work item ... Has a required title`: a trigger must introduce nouns, not a verb phrase.
        if not rest or rx.match(r"^(?:been|be|to|no|not|the same|access|permission|permissions|an? (?:set|list|"
                                r"collection|group|number|history|record) of)\b", rest, re.IGNORECASE) and not definition:
            return None
        return rest

    def _add_items(self, entity: Entity, items_text: str, passage: _Passage, strict: bool = False,
                   relations_only: bool = False, person_holder: bool = False, references_only: bool = False,
                   situation: bool = False) -> None:
        """Columns and links from a list of items. `person_holder`: the list says what a person has (`a patient has an
        appointment`), so a record named in it belongs to the person rather than the other way round.
        `references_only`: only links are read (the list belongs to several holders at once)."""
        if not relations_only and (" of " in items_text or " either " in items_text) and any(
                map(items_text.__contains__, _VALUES_OF_WORDS)):
            # `has a status of pending, accepted, or expired`: the values of one column, not columns.
            items_text = _VALUES_OF.sub(_values_in_brackets, items_text)
        if not relations_only and not references_only and "line" in items_text:
            carried = _LINES_CARRYING.search(items_text)
            if carried and not strict:
                # `a document with lines carrying reason code, disposition, ...`: what follows are the lines' columns.
                self._line_entity(entity, carried.group(1), items_text[carried.end():], passage)
                items_text = items_text[:carried.start()]
        items = split_list(items_text)
        if len(items) >= 2 and items[-1][-1:] == "s":
            # `with user and entry references`: one reference each (the plural is of the list, not of entries).
            distributed = _DISTRIBUTED_REFERENCES.fullmatch(items[-1].strip())
            if distributed and len(items[-2].split()) == 1 and not _is_plural_word(distributed.group(1).split()[-1]):
                items[-1] = f"{distributed.group(1)} {distributed.group(2)[:-1]}"
        for item in items:
            no_column = None if relations_only else _NOT_A_COLUMN_ITEM.match(item.strip())
            if no_column is not None and (no_column.group("owner") is None or self._names_itself(
                    entity, no_column.group("owner"))):
                continue  # "with status Draft": a value of the status; "every required invoice field": all of them
            if ("'s " in item or "’s " in item) and not relations_only:
                # `Tracks user's current availability state (online, offline, away)`: the state is this record's
                # column, and the record is that user's.
                owned = _POSSESSOR_ITEM.match(item)
                owner_key = self._key_of_phrase(owned.group(1)) if owned else None
                if owner_key is not None and self.by_key[owner_key] is not entity:
                    self._add_relationship(entity, "belongs-to", self.by_key[owner_key], passage)
                    item = owned.group(2)
            if ":" in item and not relations_only:
                label, _colon, rest = item.partition(":")
                if rest.strip() and "(" not in label and len(label.split()) <= 4 and _GROUP_LABEL.search(label):
                    item = rest  # `comprehensive logistical details: location (club name, address)`: a heading
            if relations_only:
                # `Related to: Category, Bookings, Change History`: links, never columns.
                words = rx.sub(r"\s*\(.*$", "", item).strip(" .;:")
                key = self._key_of_phrase(words) if words else None
                if key is not None and self.by_key[key] is not entity:
                    plural = _is_plural_word(words.split()[-1])
                    self._add_relationship(entity, "has-many" if plural else "belongs-to", self.by_key[key], passage)
                continue
            if strict and rx.match(r"^\s*[\"“']?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+[\"”']?\s*$", item):
                continue  # `"In Repair"`: a Title Case value, not a field
            if strict and rx.fullmatch(r"\s*(?:[\"“][^\"“”]+[\"”]|'[^']+')\s*\.?", item):
                continue  # `contains keywords: "pricing", "how much"`: quoted words are what it contains, not columns
            bracketed = "(" in item or "（" in item
            unbracketed = rx.sub(r"[（(][^)）]*[)）]", "", item) if bracketed else item
            if strict:
                head_words = rx.split(r"\s(?:in|within|for|of|from|to|on|at|by|with|per)\s", unbracketed)[0]
                if len(head_words.split()) > 5 or rx.match(
                        r"^\w+s\s+(?:it|them|the|a|an|this|that|their|its|his|her|to|with|for)\b", item.strip(), re.IGNORECASE):
                    break
                if _PROSE_VERB_PHRASE.match(item.strip(" .;")):
                    continue  # `route it`, `remain responsive`, `ensuring fair competition`, `competed`: not columns
            stripped = item.strip()
            relation = rx.match(r"^(?:belongs? to|linked to|tied to|associated with|references?|owned by|part of)\s+"
                                r"(?:one|a|an|the|exactly one|a single|its)?\s*(.+)$", stripped, re.IGNORECASE) \
                if stripped[:2].casefold() in _RELATION_STARTS else None
            if relation:
                key = self._key_of_phrase(relation.group(1))
                if key and key != self._key_for(entity):
                    self._add_relationship(entity, "belongs-to", self.by_key[key], passage,
                                           ownership=item.strip().casefold().startswith("owned"))
                continue
            group = bracketed and rx.match(r"^(?:(?:the|a|an|its|their|richer|extra|additional|new|more|basic|detail|details|"
                             r"profile|contact|personal|\w+)\s+)?(?:fields|details|attributes|properties|columns|data|"
                             r"information|info|identification|identifiers|preferences|settings|metadata|header)\s*[（(]"
                             r"([^()（）]+)[)）]\s*$", item.strip().rstrip(".;"), re.IGNORECASE)
            if group:
                # `detail fields (plate, year, seats)`: the bracket is the field list itself.
                self._add_items(entity, group.group(1), passage, strict)
                continue
            authored = None if bracketed or references_only or relations_only else \
                _AUTHORED.fullmatch(stripped.rstrip(".;"))
            if authored and not _is_person(entity):
                # `a product with ... customer reviews`: reviews that customers write about it are rows of their own,
                # each of the thing and of its author.
                author_key = self._key_of_phrase(authored.group(1))
                if author_key is not None and _is_person(self.by_key[author_key]) and self.by_key[author_key] is not entity:
                    self._authored_entity(entity, self.by_key[author_key], authored.group(2), stripped, passage)
                    continue
            grouping = None if bracketed or references_only else _GROUPING.fullmatch(stripped.rstrip(".;"))
            if grouping and (grouping.group(1).casefold() != "personal" or _is_person(entity)):
                # `personal information`, `contact details`: a group the spec does not spell out; the columns such a
                # group usually holds are planned, each saying it is an assumption (the plan lists them).
                source = SourceRef(passage.label, self._locate(passage, stripped))
                for name, kind, required, label in _GROUPING_COLUMNS[grouping.group(1).casefold()]:
                    self._add_attribute(entity, FieldPhrase(name=name, phrase=f"{label} (assumed for '{stripped}')",
                                                            type=kind, required=required), source, item)
                continue
            lines = not strict and "line" in item and _LINES_ITEM.fullmatch(item.strip(" .;"))
            if lines:
                # `line items (SKU, ordered qty, unit cost)`, `lines`: a document's lines are rows of their own.
                self._line_entity(entity, lines.group(1), lines.group(2) or "", passage)
                continue
            slashed = "/" in item
            pair = slashed and rx.match(r"^(?:an?\s+|the\s+|its\s+)?([a-z]{3,})/(?:un|in|non-?)?([a-z]{3,})\s+(?:visibility\s+)?(?:status|flag|state)\s*$",
                            item.strip(" .;"), re.IGNORECASE)
            if pair:
                # `read/unread status`, `public/private visibility flag`: a yes/no column named by its first state.
                self._add_attribute(entity, FieldPhrase(name="is_" + pair.group(1).casefold(), phrase=item.strip(), type="bool"),
                                    SourceRef(passage.label, self._locate(passage, item.strip())))
                continue
            alternatives = slashed and rx.match(r"^(.*?)\b([a-z]{3,})/([a-z]{3,})\b(.*)$", mask_brackets(item))
            if alternatives and not strict:
                # `name/title`, `origin/destination`: the spec lists two columns.
                head, first, second, rest = (item[:alternatives.start(2)], alternatives.group(2), alternatives.group(3),
                                             item[alternatives.end(3):])
                self._add_items(entity, f"{head}{first}{rest}, {head}{second}{rest}", passage, strict)
                continue
            either = " or " in item and rx.fullmatch(r"(?i)\s*((?:\w+\s+){0,2}\w+)\s+or\s+((?:\w+\s+){0,2}\w+)\s*", item)
            if either and not strict and all(parse_item(side) is not None and self._key_of_phrase(side) is None
                                             and not _STATE_WORDS.issuperset(side.casefold().split())
                                             for side in either.groups()):
                # `name or company name`: either column may be filled, so both exist (each optional).
                for side in either.groups():
                    phrase = parse_item(side)
                    phrase.required = False
                    self._add_attribute(entity, phrase, SourceRef(passage.label, self._locate(passage, side.strip())), item)
                continue
            if "-to-" in item and _CARDINALITY.search(item):
                continue  # `related to Task via many-to-many relationship`: a link, read by the relationship rules
            if not strict and _DESCRIBING.match(item.strip()):
                continue  # `..., representing user preference`: a gloss on the entity, not a column
            if (" e " in item or " y " in item or " ou " in item) and self._romance():
                continue  # `Pending e Completed`: two words joined in Portuguese or Spanish, never one column
            associated = ("ssociation" in item or "membership in" in item) and _ASSOCIATION_ITEM.fullmatch(item.strip(" .;"))
            if associated:
                # `association to one task`, `team association`: a reference to one record, not a column of text.
                target_key = self._key_of_phrase(associated.group("target") or associated.group("head"))
                if target_key is not None and self.by_key[target_key] is not entity:
                    self._add_relationship(entity, "belongs-to", self.by_key[target_key], passage)
                    continue
                if target_key is None and associated.group("head"):
                    # to a thing the spec does not model: the key it is known by elsewhere (`team_id`)
                    head = snake_case(associated.group("head"))
                    self._add_attribute(entity, FieldPhrase(name=f"{head}_id", phrase=item.strip(" .;"), type="str"),
                                        SourceRef(passage.label, self._locate(passage, item.strip(" .;"))))
                    continue
            phrase = parse_item(item)
            if phrase is None:
                # `Attributes: date, amount, category, account` with an Account defined: a key to it (the word
                # alone is no column: "account" is otherwise the sign-in's)
                bare = item.strip(" .;")
                named = self._key_of_phrase(_LEADING_ARTICLE.sub("", bare)) if not _COUNTED_ITEM.match(bare) else None
                if named is not None and self.by_key[named] is not entity and not self._is_actor_key(named) \
                        and not self.by_key[named].link and not _is_plural_word(item.strip(" .;").split()[-1]):
                    self._add_relationship(entity, "belongs-to", self.by_key[named], passage)
                continue
            bracket = rx.search(r"[（(]\s*(?:an?|the|one)?\s*([^()（）]+?)\s*[)）]", item) if bracketed else None
            bracket_key = self._key_of_phrase(bracket.group(1)) if bracket else None
            if bracket_key is not None and self.by_key[bracket_key] is not entity and not phrase.plural:
                # `an optional assignee (a Member)`: a reference to that entity under the item's own name.
                self._add_relationship(entity, "belongs-to", self.by_key[bracket_key], passage, required=phrase.required,
                                       field=phrase.name if phrase.name.endswith("_id") else phrase.name + "_id")
                continue
            if bracket is not None and bracket_key is None and not phrase.plural and not phrase.name.endswith(("_id", "_by")) \
                    and rx.fullmatch(r"(?i)(?:an?\s+)?\w+(?:\s\w+)?\s+(?:reference|ref|id)|reference to .+", bracket.group(1)):
                # `owner (user reference)` to people this spec does not model: a key into the system that holds them.
                phrase.name += "_id"
                phrase.type = "str"
            role = rx.sub(r"_(?:information|info|details?|id|reference|ref)$", "", phrase.name) \
                if phrase.name.endswith(_ROLE_SUFFIX_ENDINGS) else phrase.name
            account = self._account_entity() if role in _PERSON_ROLES and not phrase.plural else None
            if account is not None and account is not entity and self._key_of_phrase(role) is None:
                # `sender information`, `an author`: a person in a role, which is a key to the accounts.
                # `creator`, `uploader`: the person who did the record's own action, named for it (`created_by`).
                field = _AGENT_FIELDS.get(role, role + "_id")
                self._add_relationship(entity, "belongs-to", account, passage, required=phrase.required, field=field)
                continue
            target_key = self._key_of_phrase(phrase.reference or phrase.phrase)
            role_key = None
            if (target_key is None or "_" not in phrase.name) and not _REFERENCE_ROLE_WORDS.isdisjoint(
                    unbracketed.casefold().replace("-", " ").split()):
                # `current location`, `destination location`, `shipping address`: a reference in a role, whose key
                # is named for the role (one entity may be referenced in several roles).
                role_words = rx.search(rf"(?i)\b({_REFERENCE_ROLES})[ -]+(\w+(?: \w+)?)\s*$", unbracketed.strip(" .;"))
                if role_words:
                    role_target = self._key_of_phrase(role_words.group(2))
                    if role_target is not None and (target_key is None or role_target == target_key):
                        target_key = role_target
                        role_key = f"{role_words.group(1).casefold().replace('-', '_')}_{snake_case(self.by_key[role_target].name)}_id"
            if target_key is None and phrase.plural and " " in phrase.phrase.strip() and \
                    not phrase.phrase.split()[-2].casefold().endswith(("ed", "ing")):
                # `file attachments` with an Attachment modelled: the qualifier says which kind, the rows are the
                # entity's (a column holding many attachments is not one). `recommended products`, `scanned assets`
                # pick existing things out instead; they stay as the spec says.
                target_key = self._key_of_phrase(phrase.phrase.split()[-1])
            if target_key is None and " " in phrase.phrase.strip():
                # `associated accesses list`, `accesses assigned`: the plural of a modelled thing, listed or given:
                # its rows, not a column of text.
                head, _, tail = phrase.phrase.strip().rpartition(" ")
                head = head.split()[-1]
                if tail.casefold() in _LISTED_TAILS and singular(head.casefold()) != head.casefold():
                    target_key = self._key_of_phrase(head)
                    phrase.plural = target_key is not None or phrase.plural
            if target_key is not None:
                target = self.by_key[target_key]
                if target is entity:
                    continue
                if _EACH_ITS_OWN.fullmatch(stripped):
                    # `notes associated with specific properties`: each note is of one property (the plural is all
                    # the notes together), not a note holding many properties.
                    self._add_relationship(entity, "belongs-to", target, passage)
                elif phrase.plural or rx.search(r"\(s\)|\blist of\b|\bmultiple\b|\bone or more\b|\bzero or more\b|"
                                                r"\bat least one\b|\bmany\b|\bseveral\b|\bset of\b|^\s*(?:its|their) own\b",
                                                item, re.IGNORECASE):
                    # (`with its own membership and marketplace`: the community's membership is its, not the other way)
                    if strict:
                        continue  # "book appointments with doctors" associates, it does not contain
                    named_at = item.casefold().find(split_name(target.name)[-1].casefold())
                    if named_at >= 0 and _REFERENCES_TO.match(item, named_at) and not _defined_within(target, entity):
                        # `list of recipe references (owned or saved)`: it points at things that exist on their own,
                        # which other lists may point at too
                        self._add_many_to_many(target, entity, passage)
                    elif _SHARED_COLLECTION.search(target.display_name) and not _defined_within(target, entity):
                        self._add_many_to_many(target, entity, passage)  # `assigned roles`: shared, not owned (UserRole)
                    else:
                        self._add_relationship(entity, "has-many", target, passage)
                elif person_holder and role_key is None and not _is_person(target) and not _SHARED_NOUN.search(
                        target.display_name):
                    self._add_relationship(target, "belongs-to", entity, passage)
                else:
                    self._add_relationship(entity, "belongs-to", target, passage, required=phrase.required,
                                           field=role_key or (phrase.name if phrase.name.endswith("_id") else None))
                continue
            if references_only or strict and phrase.plural:
                continue  # plural nouns in prose (`inherited properties`) are rarely columns
            if situation and self._situation_item(phrase.phrase):
                continue  # "Given a signed-in user with an empty task list", "a user with an admin role": what the
                # person has at the start of a scenario, not a column of theirs
            own = snake_case(entity.display_name)
            for prefix in (own, *own.split("_")):
                # `kit name` of Equipment Kit, `session start date` of a Session: the entity's own name is implied.
                if phrase.name.startswith(prefix + "_") and phrase.name[len(prefix) + 1:] in _GENERIC_FIELD_NAMES:
                    phrase.name = phrase.name[len(prefix) + 1:]
                    break
            lifecycle = rx.fullmatch(r"([a-z]+)_(status|state)", phrase.name) if phrase.name.endswith(("_status", "_state")) \
                else None
            if lifecycle and " " in phrase.phrase and not any(rx.search(r"(?:^|_)(?:status|state)$", a.name)
                                                              for a in entity.attributes) \
                    and (phrase.enum_values or lifecycle.group(1) in ("lifecycle", "current", "workflow")
                         or self._key_of_phrase(lifecycle.group(1)) is None and lifecycle.group(1) not in _OWN_STATUS_WORDS):
                # `loop state (running/completed/failed)`, `availability status`, `lifecycle state`: the entity's one
                # status column (`payment status` of an Order stays qualified: Payment is a thing of its own).
                phrase.name = lifecycle.group(2)
            if phrase.reference and rx.search(r"\b(?:reference|ref)$", phrase.phrase, re.IGNORECASE):
                # `payment reference` of a thing this spec does not model is an opaque external reference.
                phrase.name = snake_case(phrase.phrase)
                phrase.type = "str"
            self._add_attribute(entity, phrase, SourceRef(passage.label, self._locate(passage, phrase.phrase)), item)

    def _situation_item(self, phrase: str) -> bool:
        """Whether an item a scenario's person is "with" says what they have or are (a thing the spec models, a
        role, a state: "an empty task list", "a completed goal", "admin role") rather than names a column of theirs
        ("avatar", "display name")."""
        words = phrase.casefold().replace("-", " ").split()
        if not words:
            return True
        if words[0] in _SITUATION_STATES or words[-1] in _SITUATION_NOUNS:
            return True
        heads = {split_name(entity.display_name)[-1].casefold() for entity in self.model.entities
                 if entity.display_name and not entity.is_actor}
        return singular(words[-1]) in heads

    def _authored_entity(self, subject: Entity, author: Entity, noun: str, phrase: str, passage: _Passage) -> None:
        """`customer reviews` of a Product: a `Review` that belongs to the Product and to its author (the Customer)."""
        source = SourceRef(passage.label, self._locate(passage, phrase))
        before = len(self.model.entities)
        child = self._add_entity(singular(noun.casefold()).title(), source)
        if child is None or child is subject or child is author:
            return
        if len(self.model.entities) > before:
            child.description = (f"What a {author.display_name} writes about a {subject.display_name} (implied: the "
                                 f"spec lists '{phrase}' on it and names no entity for them).")
        self._add_relationship(child, "belongs-to", subject, passage, ownership=True)
        self._add_relationship(child, "belongs-to", author, passage)

    def _line_entity(self, document: Entity, word: str, columns: str, passage: _Passage) -> None:
        """The child table of a document's lines (`PurchaseOrderLine`), its columns from the spec's list, keyed to
        the document that owns it."""
        if document.link or rx.search(r"(?i)(?:line|item|entry)$", document.name):
            return
        modelled = next((e for e in self.model.entities if e is not document and not e.link
                         and e.name.startswith(document.name) and rx.search(r"(?:Line|Item|Entry)$", e.name)), None)
        if modelled is not None:
            # `Invoice Item` defined, "line items" in the prose: the spec's own lines, not a second table of them
            if not any(r.target == document.name and r.kind == "belongs-to" for r in modelled.relationships):
                self._add_relationship(modelled, "belongs-to", document, passage, ownership=True)
            if columns.strip():
                self._add_items(modelled, columns, passage)
            return
        suffix = "Line Item" if "item" in word.casefold() else "Line"
        child = self._add_entity(f"{document.display_name} {suffix}", SourceRef(passage.label, self._locate(passage, word)),
                                 description=f"One line of a {document.display_name} (the spec lists its lines).")
        if child is None or child is document:
            return
        self._add_relationship(child, "belongs-to", document, passage, ownership=True)
        if columns.strip():
            self._add_items(child, columns, passage)

    def _people_in_roles(self) -> None:
        """A text column named for a person in a role towards the record (`customer`, `assignee`, `author`), left by
        the readers that do not link (a Chinese or Japanese list, prose): a key to the accounts, as `_add_items`
        makes it (`assignee_id`, `created_by`). The roles are the usual ones and the spec's own kinds of people."""
        account = self._account_entity()
        if account is None:
            return
        roles = _PERSON_ROLES | {actor for actor in self.model.actors if actor not in ("user", "system")}
        for entity in self.model.entities:
            if entity is account or entity.link or entity.is_actor:
                continue
            for attribute in [a for a in entity.attributes if a.name in roles]:
                if attribute.type != "str" or attribute.enum_values or self._key_of_phrase(attribute.name) is not None:
                    continue
                field = _AGENT_FIELDS.get(attribute.name, attribute.name + "_id")
                if any(r.field == field for r in entity.relationships) or any(a.name == field for a in entity.attributes):
                    continue
                entity.attributes.remove(attribute)
                entity.relationships.append(Relationship("belongs-to", account.name, field=field,
                                                         required=attribute.required, sources=list(attribute.sources)))
                if not any(r.kind == "has-many" and r.target == entity.name and r.field == field
                           for r in account.relationships):
                    account.relationships.append(Relationship("has-many", entity.name, field=field,
                                                              sources=list(attribute.sources)))

    def _account_entity(self) -> Entity | None:
        """The entity that holds people's accounts (User, Account, Member), when the spec has one."""
        return account_in(self.by_key)

    def _key_of_phrase(self, phrase: str) -> str | None:
        if phrase in self.phrase_keys:
            return self.phrase_keys[phrase]
        key = self._key_of_phrase_uncached(phrase)
        self.phrase_keys[phrase] = key
        return key

    def _key_of_phrase_uncached(self, phrase: str) -> str | None:
        text = rx.sub(r"^(?:the|a|an|its|their|one|each|linked|assigned|associated|related|owning|parent)\s+", "",
                      phrase.strip(), flags=re.IGNORECASE)
        text = rx.sub(r"\s*\((?:s|es)\)$", "", text)
        # `order reference`, `conversation context` (the conversation a message belongs to): a link to that entity.
        text = rx.sub(r"\s+(?:reference|ref|id|identifier|context)s?$", "", text, flags=re.IGNORECASE)
        if not text:
            return None
        return self.variant_to_key.get(text.casefold())

    def _key_for(self, entity: Entity) -> str:
        return next(key for key, value in self.by_key.items() if value is entity)

    def _attributes_from_prose(self, passage: _Passage) -> None:
        """`each event has a title (3–120 characters), a description ...`; `ticket types ..., each with a name`."""
        text = passage.text
        mentions = self._mentions(text)
        if not mentions:
            return
        mention_ends = [m[1] for m in mentions]
        ordered = all(a <= b for a, b in pairwise(mention_ends))  # names in other scripts may overlap Latin ones
        tokens = self._tokens(text)
        lowered = tokens.lowered
        covered_to = 0
        for j in _indices_of(tokens.parts, _PROSE_TRIGGER_WORDS):
            position = tokens.offset(j)
            if position < covered_to or tokens.parts[j - 1][-1:] == "_":
                continue
            match = _PROSE_TRIGGER.match(lowered, position)
            if match is None or _NOT_A_LIST.match(lowered, match.end()):
                continue
            covered_to = match.end()  # as a left-to-right scan would: `must have` is one trigger, not two
            before = mentions[:bisect_right(mention_ends, match.start())] if ordered else \
                [m for m in mentions if m[1] <= match.start()]
            if not before:
                continue
            gap = text[before[-1][1]:match.start()]
            subject = None
            if _SUBJECT_GAP.fullmatch(gap) or _STORED_IN_TABLE.fullmatch(gap):
                subject = before[-1]
                # "creates an event at a venue with a start time": the list belongs to the head noun, not the
                # noun of a prepositional phrase attached to it.
                index = len(before) - 1
                while index > 0 and _PREPOSITION_GAP.fullmatch(text[before[index - 1][1]:before[index][0]]):
                    index -= 1
                subject = before[index]
            elif gap[-12:].rstrip().endswith("each") and rx.search(r",\s*each\s*$|\beach\s*$", gap):
                # (no plural named before: "a user opens the history, Then ... one for creation, one for
                # assignment — each with actor name and timestamp" lists what the entries have, not the user)
                plural_before = [m for m in before if m[3]]
                subject = plural_before[-1] if plural_before else None
            if subject is None:
                continue
            rest = _LIST_END.split(text[match.end():match.end() + 600], maxsplit=1)[0]
            if len(rest) > 400 or _NO_ITEMS.fullmatch(rest) or _IN_A_STATE.match(rest):
                continue
            rest = _FIELDS_LEAD.sub("", rest, count=1)  # `with fields for id, action, userId`: the list
            valued = _FIELD_THEN_VALUES.match(rest)
            if valued:
                # `assets with status: In Use, Broken, Sold`: the values of one column, not columns.
                rest = f"{valued.group(1)} ({rest[valued.end():].strip()})"
            # `a patient and doctor have an appointment`: every person of a joint subject holds what follows.
            holders = [subject]
            index = before.index(subject)
            while index > 0 and _JOINT_SUBJECT.fullmatch(text[before[index - 1][1]:before[index][0]]):
                index -= 1
                holders.append(before[index])
            if "andl" in text and _HANDLED_BEFORE.search(text, max(0, subject[0] - 40), subject[0]):
                continue  # "How does the system handle tasks with emojis in titles?": a kind of input, not columns
            if self._is_actor_key(subject[2]) and _GRANTED_BEFORE.search(text, max(0, subject[0] - 40), subject[0]) \
                    and _GRANTED_VERB.search(rest):
                continue  # "allow any authenticated user with product owner context to create tickets": who may act
            for holder in holders:
                entity = self.by_key[holder[2]]
                person = self._is_actor_key(holder[2])
                # "Given a signed-in user with an empty task list", "a user with completed tasks": what the person
                # has at the start of a scenario (a link to a modelled thing at most), not columns of theirs
                self._add_items(entity, rest, passage, strict=True, person_holder=person,
                                references_only=len(holders) > 1, situation=person and "/AC" in passage.label)

    def _possessive_attributes(self, passage: _Passage) -> None:
        """`a customer's last name`, `the member's avatar, display name and home city`: attributes of the possessor."""
        text = passage.text
        if "'s" not in text and "’s" not in text:
            return
        for start, end, key, plural in self._mentions(text):
            if plural or not rx.match(r"['’]s\s+[a-z]", text[end:end + 4]):
                continue
            if _SOMEONE_ELSES.search(text, max(0, start - 12), start):
                continue  # "edit another user's task": an access rule about others' things, not a column of theirs
            clause = rx.split(r"[.;:!?()]|\s[—–-]\s|\s(?:when|if|then|so|because|while|but|which|that|is|are|was|were|"
                              r"must|should|can|will|to|in|on|at|for|of|with|from|by|as)\s", text[end + 3:end + 200])[0]
            entity = self.by_key[key]
            for index, noun in enumerate(split_list(clause)):
                noun = noun.replace("-", " ").strip()
                words = noun.split()
                if len(words) > 1 and words[-1] in ("and", "or"):
                    words = words[:-1]  # `the customer's email and, where available, their name`
                    noun = " ".join(words)
                if len(words) == 2 and words[0] == "current" and words[1] in ("date", "time", "day", "datetime"):
                    break  # "before the user's current date": the clock where the user is, not a column
                if len(words) > 1 and words[0] in _STATE_ADJECTIVES:
                    words = words[1:]  # `the customer's verified email`: the email column (whatever its state)
                    noun = " ".join(words)
                if not words or len(words) > 3 or not noun.islower() or words[0] in _POSSESSIVE_SKIP \
                        or words[-1] in _POSSESSIVE_SKIP or len(words[-1]) < 4 \
                        or any(len(word) > 4 and word.endswith(("ly", "ing", "ed")) for word in words):
                    break
                if self._key_of_phrase(noun) is not None:
                    break
                if _MANAGING_PERSON.fullmatch(noun):
                    continue  # `that community's administrator`: a person with a role, not a text column
                phrase = parse_item(noun)
                if phrase is None or phrase.plural:
                    break
                self._add_attribute(entity, phrase, SourceRef(passage.label, self._locate(passage, noun)))

    def _implied_attributes(self, passage: _Passage) -> None:
        """Columns a behaviour implies: instances named in quotes (`a board named "Q3"`, `the "To Do" column`)
        have a `name`; deactivation needs `is_active`;
        soft deletion (trash, restore) needs `deleted_at`; `its status` is a status column of the thing before it."""
        text = passage.text
        mentions = self._mentions(text)
        if not mentions:
            return
        lowered = self._tokens(text).lowered
        activations = [m.start() for m in _ACTIVATION_WORDS.finditer(text)] if ("activ" in lowered or "disabl" in lowered) else []
        deletions = [m.start() for m in _SOFT_DELETE_WORDS.finditer(text)] if (
            "trash" in lowered or "restor" in lowered or "delet" in lowered or "recycle" in lowered) else []
        statuses = list(_ITS_STATUS.finditer(text)) if (" its " in text or " their " in text) else []
        if "as deleted" in lowered:
            for marked in _MARKED_DELETED.finditer(text):
                before = [mention for mention in mentions if marked.end() - 40 <= mention[1] <= marked.end()]
                if before:  # the last thing named before "as deleted"
                    start, end, key, _plural = before[-1]
                    self._add_attribute(self.by_key[key], FieldPhrase(name="deleted_at", phrase="deleted",
                                                                       type="datetime", required=False),
                                        SourceRef(passage.label, self._locate(passage, text[start:end])))
        quoted = '"' in text or "“" in text
        named = quoted or "named" in lowered or "called" in lowered or "titled" in lowered
        if not (named or activations or deletions or statuses):
            return
        for index, (start, end, key, plural) in enumerate(mentions):
            entity = self.by_key[key]
            if named and ((_NAMED_AFTER.match(text, end) and not _VERB_POSITION.search(text, max(0, start - 8), start))
                          or (quoted and not plural and text[start - 2:start - 1] in _CLOSE_QUOTES
                              and _NAMED_BEFORE.search(text, max(0, start - 60), start))):
                field = "title" if any(a.name == "title" for a in entity.attributes) or _TITLED_AFTER.match(text, end) else "name"
                self._add_attribute(entity, FieldPhrase(name=field, phrase=field),
                                    SourceRef(passage.label, self._locate(passage, text[start:end])))
            if not entity.is_actor and _any_within(activations, start - 40, end + 40) and not _has_active_state(entity):
                self._add_attribute(entity, FieldPhrase(name="is_active", phrase="active", type="bool", default="true"),
                                    SourceRef(passage.label, self._locate(passage, text[start:end])))
            if _any_within(deletions, start - 40, end + 40):
                self._add_attribute(entity, FieldPhrase(name="deleted_at", phrase="deleted", type="datetime", required=False),
                                    SourceRef(passage.label, self._locate(passage, text[start:end])))
            if statuses and not plural:
                limit = mentions[index + 1][0] if index + 1 < len(mentions) else end + 120
                status = next((m for m in statuses if end <= m.start() and m.end() <= limit), None)
                if status is not None:
                    self._add_attribute(entity, FieldPhrase(name=status.group(1), phrase=status.group(1)),
                                        SourceRef(passage.label, self._locate(passage, status.group(0))))

    def _query_attributes(self, passage: _Passage) -> None:
        """`list events filtered by city and date range, sorted by start time`, `the due date of a task`: the fields a
        query or a phrase names belong to the entity before them (and queried ones want an index)."""
        text = passage.text
        mentions = self._mentions(text)
        if not mentions or (" by " not in text and " of " not in text):
            return
        queried = " by " in text and not _QUERY_WORDS.isdisjoint(self._tokens(text).parts)
        for match in _QUERY_BY.finditer(text) if queried else ():
            before = [m for m in mentions if m[1] <= match.end() and match.start() - m[1] < 80]
            if not before or rx.search(r"[.;]", text[before[-1][1]:match.start()]):
                continue
            if _THEIR.search(text, before[-1][1], match.start()) or _CLAUSE_BREAK.search(text, before[-1][1], match.start()):
                # `view an employee's ... their attendance history filtered by date`: another thing's query; `Users
                # can search, filter by price`: who queries, not what is queried
                continue
            entity = self.by_key[before[-1][2]]
            if before[-1][1] < match.start() and _ACTIVE_QUERY.match(text, match.start()) and \
                    not text[before[-1][1]:match.start()].strip():
                continue  # "When a user filters by a specific assignee": who filters, in the active voice
            if before[-1][1] <= match.start() and self._is_actor_key(before[-1][2]) and \
                    _QUERIER_GAP.fullmatch(text, before[-1][1], match.start()) and \
                    not rx.match(r"\w+ed\b", text[match.start():match.start() + 20]):  # ("employees filtered by")
                continue  # "allow users to filter inventory by category": who queries, and something unnamed
            rest = _LIST_END.split(text[match.end():match.end() + 200], maxsplit=1)[0]
            rest = rx.split(r"\s+(?:and\s+)?(?:sorted|sorts?|filtered|filters?|grouped|ordered|paginated|searchable)\b",
                            rest)[0]
            for item in split_list(rest):
                item = rx.sub(r"\s+(?:range|ascending|descending|asc|desc|order|keywords?|search terms?|terms?)$", "",
                              item.strip(" ."), flags=re.IGNORECASE)  # `search by title keyword`: the title
                item = rx.sub(r"^[a-z]+ly\s+by\s+", "", item)  # `alphabetically by title`: the field is the title
                if _NO_WORD_LEFT.fullmatch(item):
                    continue  # `search tickets by a keyword`: free text, no column
                key = self._key_of_phrase(item)
                if key is not None:
                    if self.by_key[key] is not entity and not _is_plural_word(item.split()[-1]):
                        self._add_relationship(entity, "belongs-to", self.by_key[key], passage)
                    continue
                phrase = parse_item(item)
                if phrase is None or phrase.plural or len(item.split()) > 3 or not item.islower():
                    continue
                if self._queried_elsewhere(entity, phrase):
                    continue
                self._add_attribute(entity, phrase, SourceRef(passage.label, self._locate(passage, phrase.phrase)))
                attribute = next((a for a in entity.attributes if a.name == phrase.name), None)
                if attribute is not None:
                    attribute.indexed = True
        # A match must end where an entity is named (`... of the task`); without such a mention there is none to find.
        owned = " of " in text and any(_OF_BEFORE.search(text, max(0, m[0] - 40), m[0]) for m in mentions)
        for match in _FIELD_OF.finditer(text) if owned else ():
            position = match.end()
            owner = next((m for m in mentions if m[0] == position), None)
            noun = match.group("noun")
            words = noun.split()
            if owner is None or owner[3] or words[0] in _POSSESSIVE_SKIP or words[-1] in _POSSESSIVE_SKIP \
                    or words[-1] in _OF_SKIP or self._key_of_phrase(noun) is not None:
                continue
            phrase = parse_item(noun)
            if phrase is None or phrase.plural:
                continue
            self._add_attribute(self.by_key[owner[2]], phrase, SourceRef(passage.label, self._locate(passage, noun)))

    def _queried_elsewhere(self, entity: Entity, phrase: FieldPhrase) -> bool:
        """A queried field that a related entity holds (`events by city` when a Venue has the city), or a bare `date`
        when the entity already has a date or time column (which then gets the index)."""
        for relationship in entity.relationships:
            if relationship.kind != "belongs-to":
                continue
            target = self.model.entity(relationship.target)
            held = next((a for a in target.attributes if a.name == phrase.name), None) if target is not None else None
            if held is not None:
                held.indexed = True
                return True
        if "_" not in phrase.name:
            # `filter by priority` when the task has a `priority_level`, `by status` beside one `completion_status`:
            # the one column whose name adds a word to the queried one.
            near = [a for a in entity.attributes if a.name.count("_") == 1
                    and phrase.name in a.name.split("_") and not a.name.endswith("_id")]
            if len(near) == 1:
                near[0].indexed = True
                return True
        if phrase.name in ("date", "time", "datetime"):
            dated = next((a for a in entity.attributes if a.type in ("date", "datetime")
                          and a.name not in ("created_at", "updated_at", "deleted_at")), None)
            if dated is not None:
                dated.indexed = True
                return True
        return False

    def _compound_attributes(self, passage: _Passage) -> None:
        """`the organization name`, `a new tag name`, `task status`: an entity name followed by a common column noun."""
        text = passage.text
        for start, end, key, plural in self._mentions(text):
            match = rx.match(rf"\s+({_COMPOUND_FIELDS})(?![\w-])(?!\s*:)", text[end:end + 24], re.IGNORECASE)
            if not match or plural:
                continue
            entity = self.by_key[key]
            name = match.group(1).casefold()
            phrase = parse_item(name)
            if phrase is not None:
                self._add_attribute(entity, phrase, SourceRef(passage.label, self._locate(passage, text[start:end + match.end()])))

    def _add_attribute(self, entity: Entity, phrase: FieldPhrase, source: SourceRef, context: str = "") -> None:
        name = phrase.name
        if not name or not rx.fullmatch(r"[a-z_][a-z0-9_]*", name) or len(name) > 48:
            return
        if ("_or_" in name or _PROSE_NAME.search(name)) and not phrase.phrase.startswith("`"):
            # `overdue or upcoming maintenance`, `date or status`: a choice in prose, never one column;
            # `holding a media ref`, `showing title`, `attributes including age`: a clause, not a name
            return
        if name.endswith("_history") and self._key_of_phrase(name[:-8].replace("_", " ")) is not None:
            return  # `invoice history` when invoices are modelled: the invoices themselves, not a column
        if phrase.plural and "_" not in name and singular(name) == split_name(entity.name)[-1].casefold():
            return  # `TicketAssignment: ... One ticket may have many assignments`: the records themselves
        existing = next((a for a in entity.attributes if a.name == name), None)
        if existing is None and name in ("status", "state") and not phrase.enum_values:
            # "a task's status" beside its `completed` flag ("completion status (boolean)"): the flag is its status
            flag = next((a for a in entity.attributes if a.type == "bool" and (
                a.name in _DONE_FLAGS or "status" in a.description.casefold())), None)
            if flag is not None:
                if not _has_source(flag.sources, source.label):
                    flag.sources.append(source)
                return
        if existing is None and self.prose_phase and self.schema_columns.get(id(entity), 0) >= _PROSE_SCHEMA_COLUMNS:
            return  # the spec wrote this entity's columns out; a story's wording (`DOB`, `active`) is not another
        if existing is not None:
            for limit in phrase.constraints:
                if limit not in existing.constraints:
                    existing.constraints.append(limit)
            if phrase.enum_values and not existing.enum_values and existing.type != "json":
                existing.enum_values = phrase.enum_values  # (an embedded value's bracket lists its parts)
            existing.unique = existing.unique or phrase.unique
            if not phrase.required and source.label.startswith(("Key Entities", "Glossary", "Data Model")):
                existing.required = False
            if existing.default is None:
                existing.default = phrase.default
            if existing.type == "str" and phrase.type != "str":
                existing.type = phrase.type
            if not _has_source(existing.sources, source.label):
                existing.sources.append(source)
            return
        attribute = Attribute(name=name, type=phrase.type, required=phrase.required, unique=phrase.unique,
                              default=phrase.default, constraints=list(phrase.constraints),
                              enum_values=list(phrase.enum_values), description=phrase.phrase, sources=[source])
        if attribute.unique:
            attribute.indexed = True
        entity.attributes.append(attribute)

    # ------------------------------------------------------------------ relationships

    def _add_relationship(self, entity: Entity, kind: str, target: Entity, passage: _Passage, *, ownership: bool = False,
                          required: bool = True, field: str | None = None) -> None:
        if target is entity:
            return
        if kind == "has-many":
            # The child holds the key: `Board contains columns` == `Column belongs to Board`.
            self._add_relationship(target, "belongs-to", entity, passage, ownership=ownership)
            if any(r.kind == "has-many" and r.target == target.name for r in entity.relationships):
                return
            entity.relationships.append(Relationship("has-many", target.name, field=snake_case(entity.name) + "_id",
                                                     sources=[SourceRef(passage.label, self._locate(passage, target.display_name))]))
            return
        if kind in ("belongs-to", "has-many") and self.associated and frozenset((entity.name, target.name)) in self.associated:
            return  # another entity links the two
        if kind == "belongs-to" and any(r.kind in ("belongs-to", "many-to-many") and r.target == entity.name
                                        for r in target.relationships):
            return  # the reverse is already known; a one-to-many link has one direction (first evidence wins)
        default_field = snake_case(target.name) + "_id"
        for relationship in entity.relationships:
            if relationship.target == target.name and relationship.kind in ("belongs-to", "many-to-many"):
                if kind == "belongs-to" == relationship.kind and field and field not in (relationship.field, default_field):
                    if relationship.field != default_field:
                        continue  # `sender` and `recipient` of a Message: two keys to User, one per role
                    # The role names the key the plain link had (`user_id` -> `sender_id`).
                    for reverse in target.relationships:
                        if reverse.kind == "has-many" and reverse.target == entity.name and reverse.field == relationship.field:
                            reverse.field = field
                    relationship.field = field
                relationship.ownership = relationship.ownership or ownership
                if not _has_source(relationship.sources, passage.label):
                    relationship.sources.append(SourceRef(passage.label, self._locate(passage, target.display_name)))
                return
        fk = field or snake_case(target.name) + "_id"
        entity.relationships.append(Relationship(kind, target.name, field=fk, required=required, ownership=ownership,
                                                 sources=[SourceRef(passage.label, self._locate(passage, target.display_name))]))
        if kind == "belongs-to" and not any(r.kind == "has-many" and r.target == entity.name for r in target.relationships):
            target.relationships.append(Relationship("has-many", entity.name, field=fk,
                                                     sources=[SourceRef(passage.label, self._locate(passage, entity.display_name))]))

    def _association(self, subject: Entity, text: str, mention_at, passage: _Passage) -> None:
        """`Inventory: the quantity of a specific item in a specific warehouse; links item to warehouse`: the entity
        belongs to both, and the two hold no key to each other (their many-to-many goes through it)."""
        for lead, joint in ((_LINKS_LEAD, _LINKS_JOINT), (_SPECIFIC_LEAD, _SPECIFIC_JOINT)):
            for match in lead.finditer(text):
                first = mention_at(match.end())
                joined = joint.match(text, first[1]) if first is not None else None
                second = mention_at(joined.end()) if joined is not None else None
                if second is None or first[2] == second[2]:
                    continue
                one, other = self.by_key[first[2]], self.by_key[second[2]]
                if subject in (one, other):
                    continue
                self.associated.add(frozenset((one.name, other.name)))
                for end, far in ((one, other), (other, one)):
                    # (a key named for a part the other plays stays: a book's `author_id` beside its reservations)
                    end.relationships = [r for r in end.relationships
                                         if not (r.target == far.name and r.kind in ("belongs-to", "has-many")
                                                 and not (r.kind == "belongs-to" and r.field
                                                          and r.field != snake_case(far.name) + "_id"))]
                for end in (one, other):
                    subject.relationships = [r for r in subject.relationships
                                             if not (r.target == end.name and r.kind == "has-many")]
                    end.relationships = [r for r in end.relationships
                                         if not (r.target == subject.name and r.kind == "belongs-to")]
                    self._add_relationship(subject, "belongs-to", end, passage)
                return

    def _memberships(self, passages: list[_Passage]) -> None:
        """`group conversations with multiple participants`, a Team's `member list`, `team members`: people belong to
        the thing many-to-many, through a link named for their part in it (ConversationParticipant, TeamMember)."""
        account = self._account_entity()
        if account is None:
            return
        for passage in passages:
            text = passage.text
            lowered = text.casefold()
            if "member" not in lowered and "participant" not in lowered:
                continue
            mentions = self._mentions(text)
            for match in _MEMBERS.finditer(text):
                word = match.group(1).casefold()
                modelled = self.by_key.get(entity_key(singular(word)))
                if modelled is not None and modelled is not account:
                    continue  # the spec models participants itself (the membership is that entity)
                if any(m[0] <= match.start() < m[1] and self.by_key[m[2]] is account for m in mentions):
                    continue  # the accounts' own name (`team members` where the accounts are Team Members)
                container = None
                before = [m for m in mentions if m[1] <= match.start()]
                with_members = _WITH_MEMBERS.search(text, max(0, match.start() - 40), match.start())
                if before and before[-1][1] in (match.start() - 1, match.start() - 3) and \
                        text[before[-1][1]:match.start()] in (" ", "'s ", "’s ") and not before[-1][3]:
                    container = before[-1]  # `team members`, `the channel's members`
                elif with_members and before and not _CLAUSE_MARK.search(text, before[-1][1], match.start()) \
                        and match.start() - before[-1][1] < 40:
                    container = before[-1]  # `group conversations with multiple participants`
                else:
                    after = _MEMBERS_OF.match(text, match.end())
                    if after is not None:
                        container = next((m for m in mentions if m[0] == after.end()), None)  # `participants in a chat`
                        if container is not None and text.startswith(("'s ", "’s "), container[1]):
                            container = None  # `member of the task's team`: of the team, which the spec does not model
                    if container is None and passage.entity is not None and match.start() > 0 and (
                            with_members or match.group(0).casefold().startswith(("member list", "membership"))
                            or _LISTED_MEMBERS.search(text, max(0, match.start() - 80), match.start())):
                        container = (0, 0, passage.entity, False)  # the defined entity's `member list`
                if container is None:
                    continue
                owner = self.by_key[container[2]]
                role = "Participant" if word.startswith("participant") else "Member"
                if any(self.by_key.get(entity_key(name)) is not None and not self.by_key[entity_key(name)].link
                       for name in ("Membership", "Participation", owner.name + "Membership", owner.name + "Participation")):
                    continue  # the spec models the membership itself ("Membership: a user's relationship to one community")
                if owner is account or owner.link or owner.is_actor or self._is_actor_key(container[2]) or any(
                        r.target == owner.name and r.kind in ("belongs-to", "many-to-many")
                        and r.field != owner.name + role for r in account.relationships):
                    continue  # a person, or already linked (a Member that belongs to one Project is the membership)
                self._add_many_to_many(account, owner, passage, link_name=owner.name + role,
                                       description=f"A {account.display_name} taking part in a {owner.display_name} "
                                                   f"as a {role.casefold()} (many-to-many).")
                link = self.by_key.get(entity_key(owner.name + role))
                # The list columns the definitions gave the membership (`member list`, `team memberships`) are the link.
                own = snake_case(owner.name)
                owner.attributes = [a for a in owner.attributes if a.name not in _MEMBER_LISTS]
                account.attributes = [a for a in account.attributes
                                      if a.name not in (f"{own}_memberships", f"{own}_members", "memberships")]
                if link is not None and link.link and not link.attributes:
                    # A membership records when it began; the plan states the column as an assumption.
                    link.attributes.append(Attribute("joined_at", "datetime", description="when they joined (assumed for "
                                                     "'membership')", sources=list(link.sources)))

    def _said_many_to_many(self, passage: _Passage, mentions: list[tuple[int, int, str, bool]]) -> None:
        """"One Post has many Tags, one Tag belongs to many Posts (many-to-many)": the clause that says it names the
        two ends; what an earlier sentence read as one-to-many between them gives way."""
        text = passage.text
        for said in _SAID_MANY_TO_MANY.finditer(text):
            start = max(text.rfind(".", 0, said.start()), text.rfind(";", 0, said.start()), text.rfind("\n", 0, said.start())) + 1
            ends = []
            for begin, _end, key, _plural in mentions:
                if start <= begin < said.start() and key not in ends:
                    ends.append(key)
            if len(ends) == 1 and passage.entity is not None and passage.entity != ends[0]:
                # `Tag: ... Related to Task via many-to-many relationship`: the defined entity is the other end.
                ends.insert(0, passage.entity)
            if len(ends) != 2:
                continue  # which two is unclear
            first, second = self.by_key[ends[0]], self.by_key[ends[1]]
            if self._links_its_end(first, second):
                continue
            _drop_one_to_many(first, second)
            # `(TaskTag junction table)`: the spec names the link itself; otherwise first + second (`PostTag`).
            named = _LINK_TABLE_NAME.search(text, said.end(), said.end() + 80)
            self._add_many_to_many(second, first, passage, link_name=named.group(1) if named else "")

    def _mutual_lists(self) -> None:
        """`**Book**: ... with title, author(s), ISBN` and `**Author**: ... with name and relationships to their books`:
        each definition holds many of the other, so the two are linked many-to-many, not a book's authors each
        belonging to one book. Only when the other definition never names the first in the singular."""
        for passage in self.passages:
            if passage.entity is None or ("their " not in passage.text and "many " not in passage.text
                                          and "multiple " not in passage.text):
                continue
            held = self.by_key.get(passage.entity)
            if held is None or held.is_actor or held.link:
                continue
            mentions = self._mentions(passage.text)
            for start, _end, key, plural in mentions:
                holder = self.by_key.get(key)
                if not plural or holder is None or holder is held or holder.is_actor or holder.link:
                    continue
                if not _MANY_OF_THEM_BEFORE.search(passage.text, max(0, start - 30), start):
                    continue
                if any(other_key == key and not other_plural and _ONE_OWNER_BEFORE.search(
                        passage.text, max(0, other_start - 30), other_start)
                       for other_start, _e, other_key, other_plural in mentions):
                    continue  # "belongs to one book ... their books": one of them is its own ("a book author" is no owner)
                if any(r.kind == "belongs-to" and r.target == holder.name for r in held.relationships) and \
                        any(r.kind == "has-many" and r.target == held.name for r in holder.relationships) and \
                        not self._links_its_end(holder, held):
                    _drop_one_to_many(holder, held)
                    self._add_many_to_many(holder, held, passage)

    def _validators(self) -> None:
        """Rules between two columns of one thing, which no single column's limits can say: what the text states
        ("every booking request has an end time later than its start time", "reserved quantity cannot exceed total
        quantity"), then the bounds of a range (`end_time` after `start_time`, `min_price` <= `max_price`). A
        "date range" column is the two dates that bound it."""
        for entity in self.model.entities:
            if not entity.link:
                _split_ranges(entity)
        comparable = {}
        for entity in self.model.entities:
            names = {a.name: a.type for a in entity.attributes if a.type in _ORDERED_TYPES}
            if len(names) >= 2:
                comparable[entity.name] = names
        if not comparable:
            return
        by_name = {entity.name: entity for entity in self.model.entities}
        ruled: dict[str, set[frozenset[str]]] = {name: set() for name in comparable}  # the pairs with a rule already
        phrases = {column.replace("_", " ") for columns in comparable.values() for column in columns}
        for passage in self.passages:
            lowered = passage.text.casefold()
            if not any(map(lowered.__contains__, _COMPARISON_WORDS)) or sum(map(lowered.__contains__, phrases)) < 2:
                continue  # no comparison of two columns: the common case, decided without a pattern
            for found in _COMPARISON.finditer(lowered):
                before, after = lowered[:found.start()].rstrip(), lowered[found.end():]
                for name, columns in comparable.items():
                    left = next((c for c in columns if _ends_with_column(before, c)), None)
                    if left is None and " of " in before:
                        # "the reserved quantity of a stock item cannot exceed ...": the column, then its thing
                        owned = _OF_THING_END.sub("", before)
                        left = next((c for c in columns if _ends_with_column(owned, c)), None)
                    right = next((c for c in columns if c != left and _starts_with_column(after, c)), None) \
                        if left is not None else None
                    if right is None:
                        continue
                    sign = _COMPARISON_SIGNS[" ".join(found.group("op").split())]
                    # "is rejected when its end time is earlier than its start time", "must not exceed": the
                    # comparison names what is refused; the rule is its opposite.
                    sentence = _sentence_around(lowered, found.start(), found.end())
                    if bool(found.group("negation")) != bool(_REFUSED_CASE.search(sentence)):
                        sign = _OPPOSITE_SIGN[sign]
                    if frozenset((left, right)) not in ruled[name]:
                        ruled[name].add(frozenset((left, right)))
                        by_name[name].validators.append(_rule_text(left, sign, right, columns[left])
                                                        + f" ({passage.label})")
        for name, columns in comparable.items():
            entity = by_name[name]
            for low in columns:
                for pattern, replacement in _RANGE_BOUNDS:
                    bound = pattern.fullmatch(low)
                    high = bound.expand(replacement) if bound is not None else None
                    if high in columns and columns[high] == columns[low] and frozenset((low, high)) not in ruled[name]:
                        ruled[name].add(frozenset((low, high)))
                        entity.validators.append(_rule_text(high, ">" if columns[low] == "datetime" else ">=", low,
                                                            columns[low]) + " (the two bound one range)")

    def _redundant_links(self) -> None:
        """A link this inference made for a many-to-many ("a ticket is assigned to one or more users") is dropped when
        an entity of the spec's already holds keys to both ends (a `TicketAssignment` of a ticket and a user)."""
        for link in [e for e in self.model.entities if e.link and e.description.startswith("Links ")]:
            ends = {r.target for r in link.relationships if r.kind == "belongs-to"}
            if len(ends) != 2 or not any(
                    not other.link and other.name not in ends and split_name(other.name)[-1].casefold() in _LINK_NOUNS
                    and {r.target for r in other.relationships if r.kind == "belongs-to"} >= ends
                    for other in self.model.entities):
                continue  # (a Message of a sender in a conversation is no membership of people in conversations)
            self.model.entities.remove(link)
            self.by_key.pop(entity_key(link.name), None)
            for end in self.model.entities:
                if end.name in ends:
                    end.relationships = [r for r in end.relationships
                                         if not (r.kind == "many-to-many" and r.field == link.name)]

    def _links_its_end(self, first: Entity, second: Entity) -> bool:
        """Whether one of the two is the spec's own link between the other and a third ("User-Troupe Membership:
        the many-to-many relationship between users and troupes"): it belongs to each end, never many-to-many."""
        return bool(self.links_between) and (
            entity_key(second.name) in self.links_between.get(first.name, ()) or
            entity_key(first.name) in self.links_between.get(second.name, ()))

    def _add_many_to_many(self, first: Entity, second: Entity, passage: _Passage, *, link_name: str = "",
                          description: str = "") -> None:
        if first is second:
            return
        if self._links_its_end(first, second):
            return  # "Enables users to belong to multiple troupes" of the link between them: it is that link
        for relationship in first.relationships + second.relationships:
            if relationship.kind == "many-to-many" and relationship.target in (first.name, second.name):
                return
        if not link_name:
            # `ProductCategory`, `DeviceGroup`, `TaskTag`: the thing first, what sorts it (a category, tag, group,
            # role) last, as schemas name such links; otherwise in the order the rule found them.
            if _CLASSIFIER_NAME.search(second.name) and not _CLASSIFIER_NAME.search(first.name):
                first, second = second, first
            link_name = second.name + first.name
        link = self.by_key.get(entity_key(link_name))
        if link is None:
            display = " ".join(split_name(link_name)) if description else f"{second.display_name} {first.display_name}"
            link = Entity(name=link_name, display_name=display,
                          description=description or f"Links {first.display_name} and {second.display_name} (many-to-many).",
                          link=True, sources=[SourceRef(passage.label, self._locate(passage, first.display_name))])
            self.by_key[entity_key(link_name)] = link
            self.model.entities.append(link)
        for owner, other in ((first, second), (second, first)):
            owner.relationships.append(Relationship("many-to-many", other.name, field=link.name,
                                                    sources=[SourceRef(passage.label, self._locate(passage, other.display_name))]))
        for end in (second, first):
            fk = snake_case(end.name) + "_id"
            if not any(r.target == end.name for r in link.relationships):
                link.relationships.append(Relationship("belongs-to", end.name, field=fk, sources=list(link.sources)))

    def _relationships_from(self, passage: _Passage) -> None:
        text = passage.text
        mentions = self._mentions(text)
        if not mentions or (passage.entity is None and len(mentions) < 2):
            return  # outside a definition every rule links two mentioned entities
        if "many" in text and _SAID_MANY_TO_MANY.search(text):
            self._said_many_to_many(passage, mentions)
        subject = self.by_key.get(passage.entity) if passage.entity else None
        by_start = {m[0]: m for m in mentions}

        def mention_at(position: int) -> tuple[int, int, str, bool] | None:
            return by_start.get(position)

        if subject is not None and any(map(text.casefold().__contains__, (" link", " specific ", " connect", " map"))):
            # (`Reservation: Links users to books`: the verb may open the definition, capitalised)
            self._association(subject, text, mention_at, passage)
        # "owned by an Organizer", "belongs to one column", "held at a Venue", "a price category of an Event".
        if subject is not None:
            for match in rx.finditer(r"\b(owned by|belongs? to|belonging to|linked to|tied to|associated with|references?(?:\s+to)?|"
                                     r"scoped (?:to|under)|held at|located (?:at|in)|of|within|for|"
                                     r"(?:added|created|written|posted|submitted|recorded|entered|issued|authored) by|"
                                     r"inside|under|in|at|on|from|between|to (?:join|access|enter|attend))\s+"
                                     r"(?:exactly |only |at most |one or more |"
                                     r"each |every )?(?:(?:one|an|a|the|its|their|single|specific|particular|given)\s+){0,2}"
                                     r"(?:`[\w-]+`\s+)?",  # `of a `serialized` SKU`: a value in code marks is a modifier
                                     text, re.IGNORECASE):
                target = mention_at(match.end())
                if target is None:
                    continue
                verb = match.group(1).casefold()
                if _MODIFIED_NOUN.match(text, target[1]):
                    continue  # `in the customer history view`: the entity only qualifies another noun
                before = text[:match.start()]
                # Only the opening sentence of a definition says what the entity *is* part of.
                if verb in ("of", "within", "for", "inside", "under", "in", "at", "on", "from", "between") and (
                        len(before) > 120 or rx.search(r"[.;]\s", before) or (target[3] and verb != "between")):
                    continue
                if verb.endswith(" by") and (len(before) > 120 or not self._is_actor_key(target[2])):
                    continue  # `notes added by doctors`: the person who writes the record (only in its opening)
                if verb.startswith("to ") and (len(before) > 120 or rx.search(r"[.;]\s", before)):
                    continue  # `invitations for users to join projects`: what it admits to (in its opening)
                if verb in ("in", "at", "on", "within") and _MAY_BE_PLACED.search(before):
                    # "Equipment Type: a kind of equipment that can be offered in a room": a kind one may put in
                    # any room, not a part of one; a kind (a type, a category) is shared by many of them.
                    if _KIND_OF.match(subject.description or "") or _SHARED_COLLECTION.search(subject.display_name):
                        self._add_many_to_many(subject, self.by_key[target[2]], passage)
                    continue
                following = None
                if verb == "between":
                    after = mentions[[m[0] for m in mentions].index(target[0]) + 1:] if target in mentions else []
                    if after and rx.fullmatch(r"\s*and\s+(?:an?|the)?\s*", text[target[1]:after[0][0]], re.IGNORECASE):
                        following = after[0]
                if verb == "between" and target[3] and self._is_actor_key(target[2]) and following is None \
                        and self.by_key[target[2]] is self._account_entity():
                    # `a communication thread between users`: any number of people take part in one, and each in
                    # many: a participation record links them (named for what the spec calls them, if it does).
                    called = rx.search(r"(?i)\b(participant|member)s?\b", text)
                    role = "Participant" if called and called.group(1).casefold() == "participant" else "Member"
                    self._add_many_to_many(self.by_key[target[2]], subject, passage, link_name=subject.name + role)
                    continue
                self._add_relationship(subject, "belongs-to", self.by_key[target[2]], passage,
                                       ownership=verb == "owned by")
                if following is not None:
                    # `the many-to-many relationship between users and projects`: a row links one of each; the
                    # two are linked through it, not through another link or with it many-to-many
                    self._add_relationship(subject, "belongs-to", self.by_key[following[2]], passage)
                    self.links_between.setdefault(subject.name, {target[2], following[2]})
            # "references another sequence ... via its nested_sequence_id": the spec names the key itself.
            for match in rx.finditer(r"\bvia\s+(?:its\s+|the\s+|a\s+)?`?([a-z][a-z0-9]*(?:_[a-z0-9]+)*_id)\b", text) \
                    if "via" in text else ():
                named = [m for m in mentions if m[1] <= match.start() and match.start() - m[1] < 160
                         and self.by_key[m[2]] is not subject]
                if named:
                    self._add_relationship(subject, "belongs-to", self.by_key[named[-1][2]], passage, field=match.group(1))
            # "Represents an active user connection": a person named in the opening sentence holds the record.
            opening = rx.split(r"(?<=[.;])\s", text, maxsplit=2)
            opening_end = len(opening[0]) + (len(opening[1]) + 1 if len(opening) > 1 and len(opening[0]) < 40 else 0)
            names_end = text.find(":") if 0 <= text.find(":") < 80 else 0  # `Organizer, Attendee: ...` lists names
            subject_key = self._key_for(subject)
            people = _ACTOR_WORDS.search(text[:opening_end])
            for start, end, key, plural in mentions:
                if start >= opening_end or plural or start <= names_end:
                    continue
                if self.by_key[key] is not subject and self._is_actor_key(key) and not self._is_actor_key(subject_key) \
                        and not (people and people.start() < start) and not _MODIFIED_NOUN.match(text, end):
                    self._add_relationship(subject, "belongs-to", self.by_key[key], passage)
            # "an Attendee's purchase": the possessor owns the entity.
            for start, end, key, _plural in mentions:
                if rx.match(r"['’]s?\s", text[end:end + 3]) and start < 80:
                    owner = self.by_key[key]
                    if owner is not subject:
                        self._add_relationship(subject, "belongs-to", owner, passage, ownership=owner.is_actor
                                               or bool(ACTOR_NAME.search(owner.display_name)))
            # "Access: an individual permission that can be granted to users", "a label that can be applied to
            # tickets": a shared kind of thing given to many of the other, each of which has several.
            for match in _GRANTED_TO.finditer(text) if " be " in text else ():
                target = mention_at(match.end())
                if target is not None and target[3] and self.by_key[target[2]] is not subject and \
                        _SHARED_COLLECTION.search(singular(match.group(1).casefold())):
                    other = self.by_key[target[2]]
                    # (a one-to-many link read earlier from a list, "associated accesses list", is this one)
                    other.relationships = [r for r in other.relationships
                                           if not (r.kind == "has-many" and r.target == subject.name)]
                    subject.relationships = [r for r in subject.relationships
                                             if not (r.kind == "belongs-to" and r.target == other.name)]
                    self._add_many_to_many(subject, other, passage)
            # "can be applied to multiple recipes", "can belong to many groups".
            for match in rx.finditer(r"\b(?:applied to|belongs? to|shared (?:by|across|between)|used (?:by|in)|"
                                     r"linked to|attached to)\s+(?:multiple|many|several|any number of|one or more)\s+", text, re.IGNORECASE):
                target = mention_at(match.end())
                if target is not None:
                    self._add_many_to_many(subject, self.by_key[target[2]], passage)
        # "each Event has one or more Ticket Types", "an Order has many Tickets", "Ticket Types per Event".
        for index, (start, end, key, plural) in enumerate(mentions):
            after = text[end:end + 60]
            if not _RELATION_VERB.match(after):
                continue  # none of the patterns below can match: they all start with one of these words
            match = rx.match(r"\s+(?:can |may |must |will )?(?:has|have|contains?|holds?|includes?|owns?)\s+"
                             r"(?:one or more|zero or more|many|multiple|several|a list of|any number of|a set of|"
                             r"at least one|1\+|1\.\.\*|0\.\.\*)\s+", after, re.IGNORECASE)
            if match:
                child = mention_at(end + match.end())
                if child is not None and child[2] != key:
                    self._add_relationship(self.by_key[child[2]], "belongs-to", self.by_key[key], passage)
            match = rx.match(r"\s+per\s+(?:an?\s+|each\s+|the\s+)?", after, re.IGNORECASE)
            if match and plural:
                parent = mention_at(end + match.end())
                if parent is not None and parent[2] != key:
                    self._add_relationship(self.by_key[key], "belongs-to", self.by_key[parent[2]], passage)
            # "Characters belong to exactly one adventure", "each task belongs to a column".
            match = rx.match(r"\s+(?:must |can only |can |may |always )?belongs? to\s+(?:exactly |only )?(?:one|an|a|the|a single)\s+",
                             after, re.IGNORECASE)
            if match:
                parent = mention_at(end + match.end())
                if parent is not None and parent[2] != key:
                    self._add_relationship(self.by_key[key], "belongs-to", self.by_key[parent[2]], passage)
            # "an Organizer owns events": the owner holds them.
            match = rx.match(r"\s+(?:owns|own|manages|manage|creates|create)\s+(?:the\s+|their\s+|its\s+)?", after, re.IGNORECASE)
            if match and rx.match(r"owns?\b", after.strip(), re.IGNORECASE):
                owned = mention_at(end + match.end())
                if owned is not None and owned[2] != key:
                    self._add_relationship(self.by_key[owned[2]], "belongs-to", self.by_key[key], passage, ownership=True)
            # "Door Staff are assigned to events": many-to-many between the two.
            match = rx.match(r"\s+(?:are|is|can be|may be|get|gets)\s+(?:assigned|added|invited|subscribed|enrolled)\s+"
                             r"(?:to|into)\s+(?:one or more\s+|multiple\s+|many\s+)?", after, re.IGNORECASE)
            if match:
                other = mention_at(end + match.end())
                if other is not None and other[3] and other[2] != key:
                    self._add_many_to_many(self.by_key[key], self.by_key[other[2]], passage)
            # "devices can belong to multiple groups": the same, said of the plural.
            match = plural and _BELONG_TO_SEVERAL.match(after)
            if match:
                other = mention_at(end + match.end())
                if other is not None and other[2] != key:
                    self._add_many_to_many(self.by_key[key], self.by_key[other[2]], passage)
        # "allow assigning devices to one or more groups": one thing put into several of the other.
        if "assign" in text or "add" in text:
            for match in _INTO_SEVERAL.finditer(text):
                first = mention_at(match.end())
                joined = _INTO_SEVERAL_JOINT.match(text, first[1]) if first is not None and first[3] else None
                other = mention_at(joined.end()) if joined is not None else None
                if other is not None and other[2] != first[2]:
                    self._add_many_to_many(self.by_key[first[2]], self.by_key[other[2]], passage)
        # "their own paid order": the actor that is the sentence subject owns it.
        match = rx.search(r"\b(?:their|his|her) own\s+(?:\w+\s+){0,2}?", text) if " own" in text else None
        if match and passage.entity is None:
            owned = mention_at(match.end())
            owners = [m for m in mentions if m[1] <= match.start() and self._is_actor_key(m[2])]
            if owned is not None and owners and owners[0][2] != owned[2]:
                self._add_relationship(self.by_key[owned[2]], "belongs-to", self.by_key[owners[0][2]], passage, ownership=True)

    def _creator_ownership(self, passage: _Passage) -> None:
        """`Organizers MUST be able to create events`, `As a patient, I want to book an appointment`: what a person
        creates is theirs (the plan's owner-only rules and nested routes hang on this link). Not a success criterion:
        "95% of users can add items on their first attempt" measures, it does not say whose the items are."""
        if passage.entity is not None or passage.label.startswith("SC-"):
            return
        text = passage.text
        mentions = self._mentions(text)
        if not mentions:
            return
        tokens = self._tokens(text)
        verbs = _indices_of(tokens.parts, _CREATE_VERBS)
        if not verbs:
            return
        story = rx.match(r"\s*As an?\s+", text)
        # Only where a creating verb starts a word; the pattern (case-sensitive) confirms it on the original text.
        matches = (_CREATES.match(text, tokens.offset(j)) for j in verbs if tokens.parts[j - 1][-1:] != "_")
        for match in matches:
            if match is None:
                continue
            owned = next((m for m in mentions if m[0] >= match.end() and m[0] - match.end() <= 30), None)
            if owned is None or not rx.fullmatch(r"(?:[a-z-]+\s+){0,2}", text[match.end():owned[0]]) or rx.search(
                    r"\b(?:it|them|so|that|to|for|with)\b", text[match.end():owned[0]]):
                continue
            creator = None
            subject = [m for m in mentions if m[1] <= match.start()]
            if subject and subject[0][0] < 12 and self._is_actor_key(subject[0][2]):
                creator = subject[0]  # the sentence's subject
            elif story and subject and self._is_actor_key(subject[0][2]) and subject[0][0] < 20:
                creator = subject[0]
            elif subject and self._is_actor_key(subject[-1][2]) and _ALLOWED_TO.fullmatch(text, subject[-1][1], match.start()) \
                    and _ALLOWING.search(text, max(0, subject[-1][0] - 40), subject[-1][0]) \
                    and not _ADMIN_ROLE.search(self.by_key[subject[-1][2]].display_name):
                creator = subject[-1]  # `System MUST allow users to add tags`: the people allowed
            account = self._account_entity()
            if creator is None and story and account is not None and _is_person(account):
                role = _STORY_ROLE.match(text)
                if role and self._key_of_phrase(role.group(1)) is None and not _ADMIN_ROLE.search(role.group(1)):
                    # `As a renter, I want to add an expense`: a role the spec does not model signs in to the account
                    creator = (0, 0, self._key_for(account), False)
            if creator is None or creator[2] == owned[2] or self._is_actor_key(owned[2]):
                continue
            into = _PUT_INTO.match(text, owned[1])
            if into and any(0 <= m[0] - into.end() <= 20 and rx.fullmatch(r"(?:[a-z-]+\s+){0,2}", text[into.end():m[0]])
                            for m in mentions):
                continue  # `add a product to their shopping cart`: it is put into another thing, not made
            owner, thing = self.by_key[creator[2]], self.by_key[owned[2]]
            if any(r.kind == "belongs-to" and r.ownership for r in thing.relationships):
                continue  # an owner is known already
            self._add_relationship(thing, "belongs-to", owner, passage, ownership=True)

    def _clocked_entries(self) -> None:
        """"Users MUST be able to clock in to start tracking work time": the entry clocking in makes (the thing with a
        clock-in time) is the person's who clocks in, the account's when the sentence names nobody modelled."""
        lowered = self._lower()
        if "clock" not in lowered and "punch" not in lowered:
            return
        timed = clocked_entity(self.model)
        if timed is None or any(r.kind == "belongs-to" and r.ownership for r in timed.relationships):
            return
        for passage in self.passages:
            match = CLOCK_VERB.search(passage.text) if passage.entity is None else None
            if match is None:
                continue
            people = [m for m in self._mentions(passage.text) if m[1] <= match.start() and self._is_actor_key(m[2])]
            person = self.by_key[people[-1][2]] if people else self._account_entity()
            if person is not None and _is_person(person) and person is not timed:
                self._add_relationship(timed, "belongs-to", person, passage, ownership=True)
            return

    def _is_actor_key(self, key: str) -> bool:
        return _is_person(self.by_key[key])

    # ------------------------------------------------------------------ actors

    def _actors(self) -> None:
        actors: list[str] = []

        def add(name: str) -> None:
            for part in rx.split(r"\s*(?:,|\band\b|\bor\b|/)\s*", name):
                part = rx.sub(r"^(?:the|a|an|any|each|every|all|other|logged-in|signed-in|authenticated)\s+", "",
                              part.strip(), flags=re.IGNORECASE)
                words = snake_case(part).split("_")
                if not words or not words[0] or len(words) > 3:
                    continue
                words[-1] = singular(words[-1])
                value = "_".join(words)
                if value not in actors and value not in ("system", "it", "they", "user_s"):
                    actors.append(value)

        for entity in self.model.entities:
            if entity.link:
                continue  # `ProjectMember`: a membership, not a person
            description = entity.description
            if rx.search(r"\b(?:people|persons?) with accounts?\b|\b(?:user|person|people|individual|human)s?\b.{0,40}"
                         r"\b(?:who|that) (?:can |may )?(?:log|sign|use|register|book|buy)", description, re.IGNORECASE) \
                    or rx.match(r"^(?:a |an |the )?(?:registered |authenticated |human )?(?:(?:user|person|account|member|"
                                r"employee)\b(?![-‐'’])(?!\s+(?!(?:who|that|which|with|of|in|on|at|for|from|or|and|using)\b)"
                                r"[a-z]+\b)|individual(?=\s+(?:who|that|with|using)\b|\s*[,.;:(]|\s*$))",
                                description, re.IGNORECASE) \
                    or entity.display_name.casefold() in ("user", "account", "user account"):
                entity.is_actor = True
        for story in self.document.stories:
            text = story.narrative or self._story_narrative(story.line + 1, story.scenarios[0].line if story.scenarios else story.end)
            match = rx.search(r"\bAs an?\s+([A-Za-z][\w -]{1,40}?)(?:,|\s+I\b|\s+who\b)", text)
            if match:
                add(match.group(1))
        for requirement in self.document.requirements:
            if requirement.kind == "kiro" and requirement.user_story:
                match = rx.search(r"\bAs an?\s+([A-Za-z][\w -]{1,40}?)(?:,|\s+I\b)", requirement.user_story)
                if match:
                    add(match.group(1))
            # "Organizers MUST be able to ...", "Door staff of an event MAY ...": only a subject that acts is a role.
            match = rx.match(r"^(?:The\s+|Only\s+)?([A-Z][\w ]{1,30}?)\s+(?:of\s+\w+(?:\s+\w+)?\s+)?(?:MUST|SHALL|SHOULD|CAN|MAY)"
                             r"\s+(?:be able to|only be able to)\b", requirement.text) or rx.match(
                r"^(?:The\s+|Only\s+)?([A-Z][\w ]{1,30}?)\s+(?:of\s+\w+(?:\s+\w+)?\s+)?(?:CAN|MAY)\s", requirement.text)
            if match and not rx.match(r"^(?:system|application|app|service|api|server|platform|it|all|each|every|"
                                      r"the system|an?\s)\b", match.group(1), re.IGNORECASE):
                add(match.group(1))


        self._named_roles(add)
        for entity in self.model.entities:
            if entity.is_actor:
                add(entity.display_name)
            for attribute in entity.attributes:
                if attribute.name in ("role", "roles", "user_type", "user_role") and attribute.enum_values:
                    for value in attribute.enum_values:
                        add(value)
        for entity in self.model.entities:
            named = snake_case(entity.display_name) in actors or entity_key(entity.display_name) in {a.replace("_", "") for a in actors}
            if named and (ACTOR_NAME.search(entity.display_name) or _ACTOR_WORDS.search(entity.description[:120])):
                entity.is_actor = True
        if actors:
            # "System MUST allow doctors to issue prescriptions and allow pharmacists to update ...": the people a
            # requirement allows are roles its routes check. Only roles: whether a modelled Doctor is an account
            # (which moves its routes) is left to what the spec says of it above.
            for requirement in self.document.requirements:
                for allowed in _ALLOWED_PEOPLE.finditer(requirement.text) if "llow" in requirement.text else ():
                    if PERSON_WORD.search(allowed.group(1)) and not _GENERIC_PEOPLE.fullmatch(allowed.group(1)):
                        add(allowed.group(1))
        if not actors:
            # "System MUST allow authorized Security Administrators to create ...": when nobody else is named and
            # the spec speaks of access (roles, permissions, signing in), the people allowed are the roles routes
            # check (not users, visitors or anyone in general: they name no role). Only roles: what the spec models
            # of them stays as it is.
            allowed = [match.group(1) for requirement in self.document.requirements if "allow" in requirement.text
                       for match in (_ALLOWED_ROLE.search(requirement.text),)
                       if match and PERSON_WORD.search(match.group(1)) and not _GENERIC_PEOPLE.fullmatch(match.group(1))]
            if allowed and sum(1 for _ in zip(range(2), _ACCESS_WORDS.finditer(self._lower()))) >= 2:
                for name in allowed:
                    add(name)
        self.model.actors = actors

    def _implied_user_cjk(self) -> None:
        """`ユーザーはメールアドレスとパスワードでアカウントを作成・ログインできる`: the same evidence as in English
        (two prose lines that speak of signing in, one of them of an account or user) in Japanese, Korean or
        Chinese plans a `User`, with the credentials people sign in with."""
        document = self.document
        hits: list[tuple[int, int, int, bool]] = []
        for line, text in enumerate(document.lines):
            if text.isascii() or not document.tree.is_prose(line):
                continue
            found = cjk_sign_in(text)
            if found is not None:
                hits.append((line, *found))
        if len(hits) < 2 or not any(hit[3] for hit in hits):
            return
        line, start, end, _account = hits[0]
        entity = self._add_entity("User", SourceRef(self._label_at(line), Range.of(line, start, line, end)))
        if entity is None:
            return
        entity.is_actor = True
        entity.description = _IMPLIED_ACCOUNT
        for line, _start, _end, _account in hits:
            for column, start, end in cjk_credentials(document.lines[line]):
                if any(attribute.name == column for attribute in entity.attributes):
                    continue
                entity.attributes.append(_credential(column, document.lines[line][start:end],
                                                     SourceRef(self._label_at(line), Range.of(line, start, line, end))))

    def _managed_collections(self) -> None:
        """`Customer: ... saved addresses` where the stories also say people `save addresses`: a list column that
        people manage one by one is a table of its own, keyed to its owner. Both pieces of evidence are needed; a list
        named once stays a column."""
        candidates = [(entity, attribute) for entity in self.model.entities if not entity.link
                      for attribute in entity.attributes if attribute.type == "list[str]" and not attribute.enum_values
                      and 1 <= attribute.description.count(" ") + 1 <= 3 and attribute.description.isascii()]
        if not candidates:
            return
        spoken = "\n".join(p.text for p in self._spec_wide_passages() if p.entity is None).lower()
        # A story's "Independent Test" says what people do in it too (`saving payment methods`).
        document = self.document
        tests = [document.lines[line] for story in document.stories
                 for line in range(story.line + 1, min(story.end, len(document.lines)))
                 if document.lines[line].lstrip().startswith(("**Independent Test", "__Independent Test"))]
        if tests:
            spoken += "\n" + "\n".join(tests).lower()
        for entity, attribute in candidates:
            words = attribute.description.lower().split()
            while len(words) > 1 and words[0] in _COLLECTION_ADJECTIVES:
                words = words[1:]
            phrase = " ".join(words)
            if len(phrase) < 4 or phrase not in spoken or self._key_of_phrase(phrase) is not None \
                    or not _is_plural_word(words[-1]):
                continue
            if not rx.search(rf"\b(?:{_MANAGE_VERBS})\s+(?:(?:their|its|his|her|the|multiple|several|new|saved)\s+)*"
                             rf"{re.escape(phrase)}\b", spoken):
                continue
            display = " ".join(words[:-1] + [singular(words[-1])]).title()
            # `Order: ... a list of items` beside an `OrderItem`: the items are those, under their compound name.
            child = self.by_key.get(entity_key(f"{entity.name} {display}"))
            if child is not None and display.casefold() not in child.aliases and all(
                    entity_key(other.name)[-len(entity_key(display)):] != entity_key(display)
                    for other in self.model.entities if other is not child):
                child.aliases.append(display.casefold())  # what the order's definition calls them, its items
            if child is None:
                child = self._add_entity(display, attribute.sources[0] if attribute.sources else SourceRef("inferred"),
                                         description=f"One of a {entity.display_name}'s {phrase}, which people manage "
                                                     "one by one.")
            elif any(r.target == entity.name for r in child.relationships):
                entity.attributes.remove(attribute)
                continue  # linked already
            if child is None or child is entity:
                continue
            entity.attributes.remove(attribute)
            field = snake_case(entity.name) + "_id"
            child.relationships.append(Relationship("belongs-to", entity.name, field=field, ownership=True,
                                                    sources=list(attribute.sources)))
            entity.relationships.append(Relationship("has-many", child.name, field=field, sources=list(attribute.sources)))

    def _named_roles(self, add) -> None:
        """"System MUST have four user roles: Admin, Realtor, Affiliate, and Client", "User: ... (Can be Admin,
        Realtor, Affiliate, or Client)": the roles people have, listed by name. Each is an actor, and the account's
        `role` column (when the spec lists one without values) takes them as its values."""
        account = self._account_entity()
        found: list[str] = []
        for passage in self.passages:
            text = passage.text
            if "role" not in text and "Can be" not in text and "can be" not in text:
                continue
            listed = _ROLE_LIST.search(text)
            if listed is None and account is not None and passage.entity == self._key_for(account):
                listed = _CAN_BE_LIST.search(text)
            if listed is None:
                continue
            for part in split_list(listed.group(1)):
                name = part.strip(" .`*")
                if rx.fullmatch(r"[A-Z][\w-]*(?: [A-Z][\w-]*)?", name) and self._key_of_phrase(name) is None:
                    value = snake_case(name)
                    if value not in found:
                        found.append(value)
        if len(found) < 2:
            return
        for value in found:
            add(value)
            if value.replace("_", "") not in self.model.roles:
                self.model.roles.append(value.replace("_", ""))
        if account is not None:
            for attribute in account.attributes:
                if attribute.name == "role" and not attribute.enum_values:
                    attribute.enum_values = list(found)
                    attribute.type = f"{account.name}Role"

    def _account_roles(self) -> None:
        """People in several roles sign in to one account entity (`admins` and `customers` both `User`): the account
        has a `role` column whose values are those roles, which the routes' role rules read. Not when a role is an
        entity of its own (a `Doctor` record per account) or the spec models roles or their column already."""
        account = self._account_entity()
        if account is None or not _is_person(account) or any(
                attribute.name in ("role", "roles", "role_id", "user_type", "account_type", "type")
                for attribute in account.attributes) or "role" in self.by_key or "userrole" in self.by_key:
            return
        own = snake_case(account.name)
        # Only roles that grant more than a plain account: an administrator, staff, a manager (the spec's other
        # people, "a new user", "the recipient", "a renter", are the account itself in some situation).
        roles = [actor for actor in self.model.actors
                 if actor != own and entity_key(actor) not in self.by_key and _PRIVILEGED_ROLE.search(actor)]
        if not roles:
            return
        values = [own] + roles
        source = account.sources[0] if account.sources else SourceRef("inferred")
        account.attributes.append(Attribute(
            "role", f"{account.name}Role", enum_values=values, default=values[0],
            description=f"which of the spec's roles the account has ({', '.join(values)})",
            sources=[SourceRef(source.label, source.range)]))

    def _role_accounts(self) -> None:
        """`Patient` and `Doctor` people beside the `User` that holds sign-in, a `Teacher Profile`: each is the role
        record of one account, so it carries the account's key (one account, one profile per role)."""
        account = self._account_entity()
        if account is None:
            return
        field = snake_case(account.name) + "_id"
        windows: list[str] | None = None
        for entity in self.model.entities:
            if entity is account or entity.link:
                continue
            if not (entity.is_actor or _PROFILE_NAME.search(entity.display_name)):
                if not ACTOR_NAME.search(entity.display_name):
                    continue
                # `a doctor with a doctor ID, when they authenticate`: a person who signs in (a patient *record*
                # that staff register is not one).
                if windows is None:
                    # The text before each sign-in verb, found once; a person must be named in one of them.
                    lowered = self._lower()
                    windows = [lowered[max(0, position - 90):position + 20]
                               for position in _word_matches(lowered, ("log", "sign", "authenticat"), _SIGN_IN_VERB)]
                name = entity.display_name.lower()
                if not any(name in window for window in windows) or not any(rx.search(
                        rf"\b{re.escape(name)}s?\b(?:(?!record|request|data|registration)[^.\n:]){{0,60}}?\b"
                        r"(?:they |he |she )?(?:log(?:s|ged)? ?in|sign(?:s|ed)? (?:in|up)|authenticates?)\b", window)
                        for window in windows if name in window):
                    continue
            if any(r.target == account.name for r in entity.relationships) or any(
                    r.target == entity.name and r.kind != "has-many" for r in account.relationships):
                continue  # the spec already links the two
            if any(a.name == field for a in entity.attributes):
                continue
            source = entity.sources[0] if entity.sources else SourceRef("inferred")
            entity.relationships.append(Relationship(
                "belongs-to", account.name, field=field,
                description=f"the {account.display_name} account this {entity.display_name} is (one per account; assumed)",
                sources=[SourceRef(source.label, source.range)]))

    # ------------------------------------------------------------------ states

    def _lifecycle_chains(self) -> list[tuple[Entity, list[list[str]], SourceRef]]:
        """State lifecycles written as arrow chains anywhere in the spec (`draft → submitted → approved`,
        `pending -> paid`, `open → approved | rejected`), with the entity they belong to: named before the chain on
        its line, or the definition, heading or lead-in line it sits under. The states become the owner's status
        values (a `status` column when it has none); the transitions are added once the state machines exist."""
        document = self.document
        if not self.by_key or not any(arrow in document.text for arrow in _ARROWS):
            return []
        lines = document.lines
        fences = {line for block in document.tree.blocks if block.kind == "fence"
                  and block.info.strip().casefold() in ("", "text", "txt", "plaintext", "mermaid")
                  for line in range(block.start + 1, max(block.start + 1, block.end - 1))}
        found: list[tuple[Entity, list[list[str]], SourceRef]] = []
        for line in self._lines_with(_ARROWS):
            text = lines[line]
            if not (document.tree.is_prose(line) or line in fences):
                continue
            for chain_match in _chains_in(text):
                steps = _chain_steps(chain_match.group(0))
                if steps is None:
                    continue
                states = [state for step in steps for state in step]
                if any(self._key_of_phrase(state.replace("_", " ")) for state in states):
                    continue  # `User → Order → Item` links entities; it is not a lifecycle
                parts = _ARROW.split(chain_match.group(0))
                quoted = [(part.rstrip()[-1:] if index == 0 else part.lstrip()[:1]) in _QUOTES for index, part in enumerate(parts)]
                if any(quoted) and not all(quoted):
                    continue  # `not rented → "available"` maps a condition to a label; it is not a move
                state_like = sum(1 for state in states if state in _STATE_WORDS or state.endswith("ed"))
                # `Login → Dashboard → Settings` is a navigation path, `city → country → global` a hierarchy: most
                # states must read as states, or half of them on a line that speaks of a status or lifecycle.
                needed = len(states) / 2 if _STATE_CONTEXT.search(text) else len(states) / 2 + 0.5
                if not state_like or state_like < needed:
                    continue
                # The chain starts at its first state (the match may hold a word or two before it: `Invoices go`).
                first_segment = parts[0].casefold()
                first_word = steps[0][0].split("_")[0]
                column = chain_match.start() + max(first_segment.rfind(first_word), 0)
                owner = self._chain_owner(line, text, column)
                if owner is None:
                    continue
                source = SourceRef(self._label_at(line), Range.of(line, column, line, chain_match.end()))
                found.append((owner, steps, source))
        # The longest chain of an entity orders its states (its first is the initial state); shorter ones add to it.
        for owner, steps, source in sorted(found, key=lambda chain: -sum(len(step) for step in chain[1])):
            self._chain_status(owner, [state for step in steps for state in step], source)
        return found

    def _lines_with(self, needles: tuple[str, ...]) -> list[int]:
        """The lines holding any of `needles`, found with `str.find` over the whole text (cheaper than a test per line)."""
        document = self.document
        starts = self._line_starts()
        if starts is None:
            return [line for line, text in enumerate(document.lines) if any(needle in text for needle in needles)]
        text = document.text
        found: set[int] = set()
        for needle in needles:
            position = text.find(needle)
            while position >= 0:
                found.add(bisect_right(starts, position) - 1)
                position = text.find(needle, position + 1)
        return sorted(found)

    def _chain_owner(self, line: int, text: str, column: int) -> Entity | None:
        """The entity an arrow chain at (line, column) describes."""
        # The subject of the sentence holding the chain (`a PO is in draft, when the user submits it ... submitted →
        # approved`), a thing rather than a person when both are named; a mention followed by "status" wins.
        sentence_start = max(text.rfind(". ", 0, column), text.rfind("; ", 0, column)) + 1
        mentions = [m for m in self._mentions(text[:column]) if not self.by_key[m[2]].link and m[0] >= sentence_start] \
            or [m for m in self._mentions(text[:column]) if not self.by_key[m[2]].link]
        if mentions:
            for start, end, key, _plural in mentions:
                if _STATUS_AFTER.match(text, end):
                    return self.by_key[key]
            things = [m for m in mentions if not self._is_actor_key(m[2])]
            if things:
                return self.by_key[things[0][2]]
            # Only people named before it: the chain is about what the definition or heading describes.
        for definition in self.document.entities:
            if definition.line <= line < max(definition.end, definition.line + 1):
                keys = self.definition_keys.get((definition.line, definition.name))
                if keys:
                    return self.by_key[keys[0]]
        for above in range(line - 1, max(line - 4, -1), -1):
            lead_in = self.document.lines[above].strip()
            if not lead_in:
                continue
            if lead_in.endswith(":") and not lead_in.startswith("#"):
                mentions = self._mentions(lead_in)
                if mentions:
                    return self.by_key[mentions[-1][2]]
            break
        section = self.document.section_at(line)
        if section is not None:
            mentions = self._mentions(section.title)
            if mentions:
                return self.by_key[mentions[-1][2]]
        return None

    def _chain_status(self, owner: Entity, states: list[str], source: SourceRef) -> None:
        """Make the chain's states values of the owner's status column (created when it has none)."""
        status = next((a for a in owner.attributes if rx.search(r"(?:^|_)(?:status|state|stage|phase|lifecycle)$", a.name)
                       and (a.enum_values or a.type in ("str", "text"))), None)
        if status is None:
            # The spec's own word names the column: `purchase order state through the lifecycle ...` -> `state`.
            line = self.document.lines[source.range.start.line].casefold()
            if not rx.search(r"\bstates?\b|\bstatus(?:es)?\b", line) and owner.definition_range is not None:
                # The chain's own line names neither: the entity's definition says which (`states open -> shipped`).
                line = self.document.lines[owner.definition_range.start.line].casefold()
            name = "state" if rx.search(r"\bstates?\b", line) and not rx.search(r"\bstatus(?:es)?\b", line) else "status"
            status = Attribute(name, "str", description="lifecycle state (from the spec's state chain)", sources=[source])
            owner.attributes.append(status)
        for state in states:
            if _known_state(status.enum_values, state) not in status.enum_values:
                status.enum_values.append(state)

    def _chain_transitions(self, chains: list[tuple[Entity, list[list[str]], SourceRef]]) -> None:
        vocabulary: set[str] | None = None
        for owner, steps, source in chains:
            machine = owner.states
            if machine is None:
                continue
            if vocabulary is None:
                vocabulary = set(_WORD.findall(self._lower()))
            for before, after in pairwise(steps):
                for source_state in (_known_state(machine.states, state) for state in before):
                    for target_state in (_known_state(machine.states, state) for state in after):
                        if source_state == target_state or target_state not in machine.states \
                                or source_state not in machine.states:
                            continue
                        trigger = _verb_of_state(target_state, vocabulary)
                        existing = next((t for t in machine.transitions
                                         if t.source == source_state and t.target == target_state), None)
                        if existing is not None:
                            existing.trigger = existing.trigger or trigger
                            if not _has_source(existing.sources, source.label):
                                existing.sources.append(SourceRef(source.label, source.range))
                            continue
                        machine.transitions.append(Transition(source_state, target_state, trigger,
                                                              [SourceRef(source.label, source.range)]))

    def _status_value_entities(self) -> None:
        """`**Account Status**: whether an account is active, blocked, deleted, or inactive`, `**TripStatus**:
        Enumeration of trip states (PENDING, ASSIGNED, ...)`: a status the spec defines as its own entity, with only
        its values and no columns of its own, is the values of the status column of the thing it names (an enum of
        `UserAccount`, `Trip`), not a table."""
        for status in list(self.model.entities):
            words = [word.casefold() for word in split_name(status.name)]
            if words in (["status"], ["state"]) and not status.link:
                self._fold_lone_status(status)
                continue
            if len(words) < 2 or words[-1] not in ("status", "state") or status.link or status.is_actor:
                continue
            values = _status_values(status.description)
            # (the values read as its columns are no columns: `TripStatus` (PENDING, ASSIGNED) has none)
            if len(values) < 2 or any(a.name not in ("id", "created_at", "updated_at", *values)
                                      for a in status.attributes):
                continue
            owners = [e for e in self.model.entities if e is not status and not e.link
                      and [w.casefold() for w in split_name(e.name)][-len(words) + 1:] == words[:-1]]
            if len(owners) != 1:
                continue
            owner = owners[0]
            column = next((a for a in owner.attributes if a.name in ("status", "state", snake_case(status.name))), None)
            if column is None:
                owner.attributes.append(Attribute("status", "str", enum_values=values, sources=list(status.sources),
                                                  description=f"one of the {status.display_name} values"))
            elif not column.enum_values:
                column.enum_values = values
                column.sources.extend(status.sources)
            else:
                continue
            self._drop_entity(status)

    def _column_values(self, passage: _Passage) -> None:
        """`**Ticket**: ... It has a title and a priority. Priority is one of LOW, MEDIUM, or HIGH.`: a sentence of the
        definition that gives one of its columns a closed list of values."""
        entity = self.by_key[passage.entity]
        for found in _COLUMN_IS_ONE_OF.finditer(passage.text):
            name = snake_case(found.group(1).strip())
            column = next((a for a in entity.attributes if a.name == name), None)
            if column is None or column.enum_values or column.type not in ("str", "text"):
                continue
            values = enum_values(found.group(2).strip())
            if values:
                column.enum_values = values
                column.type = "str"

    def _stated_values(self, passage: _Passage) -> None:
        """`Reservation status MUST be exactly one of `pending`, `confirmed`, `cancelled`, or `expired``: a rule that
        closes a named thing's column to those values (the column is added when no list named it)."""
        mentions = self._mentions(passage.text)
        for found in _COLUMN_MUST_BE_ONE_OF.finditer(passage.text):
            owner = next((m for m in mentions if m[1] == found.start() - 1), None) if found.start() else None
            if owner is None and passage.entity is not None and found.start(1) < 4:
                owner = (0, 0, passage.entity, False)  # `Status MUST be one of ...` in the thing's own definition
            if owner is None:
                continue
            entity = self.by_key[owner[2]]
            values = enum_values(found.group(2).strip())
            if not values or entity.is_actor and found.group(1).casefold() != "role":
                continue
            name = found.group(1).casefold()
            column = next((a for a in entity.attributes if a.name == name), None)
            if column is None:
                self._add_attribute(entity, FieldPhrase(name=name, phrase=name, enum_values=values),
                                    SourceRef(passage.label, self._locate(passage, found.group(0))))
            elif not column.enum_values and column.type in ("str", "text"):
                column.enum_values, column.type = values, "str"

    def _fold_lone_status(self, status: Entity) -> None:
        """`**Status**: The lifecycle position of a ticket. Allowed moves are only those in FR-009.`: the status of the
        one thing its definition names, when that thing has its own status column; not a table of its own."""
        if any(a.name not in ("id", "created_at", "updated_at", "status", "state", "name")
               and not a.name.endswith("_at") for a in status.attributes):
            return
        named = {key for _start, _end, key, _plural in self._mentions(status.description)
                 if self.by_key[key] is not status and not self._is_actor_key(key)}
        if len(named) != 1:
            return
        owner = self.by_key[next(iter(named))]
        if not any(a.name in ("status", "state") and a.enum_values for a in owner.attributes):
            return
        self._drop_entity(status)

    def _drop_entity(self, dropped: Entity) -> None:
        """Take an entity out of the model (it is another's column, not a table), with every link to it."""
        self.model.entities.remove(dropped)
        self.by_key.pop(entity_key(dropped.name), None)
        for entity in self.model.entities:
            entity.relationships = [r for r in entity.relationships if r.target != dropped.name]

    def _named_states(self) -> None:
        """`allow draws to have three states: "joining" (accepting participants), "open" (...), and "archived"`: the
        quoted names are the values of the thing's status column (a lifecycle), whatever follows each in brackets."""
        for passage in self.passages:
            text = passage.text
            if "states" not in text and "statuses" not in text and "stages" not in text:
                continue
            found = _NAMED_STATES.search(text)
            if found is None:
                continue
            values = [snake_case(value) for value in _QUOTED_VALUE.findall(found.group("values"))]
            values = [value for value in dict.fromkeys(values) if value]
            if len(values) < 2:
                continue
            if passage.entity is not None:
                entity = self.by_key[passage.entity]
            else:
                before = [m for m in self._mentions(text[:found.start()]) if not self._is_actor_key(m[2])]
                if not before:
                    continue
                entity = self.by_key[before[-1][2]]
            if rx.search(r"(?:Status|State|Stage|Type|Kind)$", entity.name):
                continue  # `OrderStatus: Enumeration of possible order states: ...`: the values are the entity itself
            status = next((a for a in entity.attributes if rx.search(r"(?:^|_)(?:status|state)$", a.name)), None)
            entity.attributes = [a for a in entity.attributes if a.name not in ("states", "statuses")]
            source = SourceRef(passage.label, self._locate(passage, found.group(0)[:40]))
            if status is None:
                entity.attributes.append(Attribute("status", "str", enum_values=values, sources=[source],
                                                   description="lifecycle state"))
            elif not status.enum_values:
                status.enum_values = values
                status.sources.append(source)

    def _states(self) -> None:
        for entity in self.model.entities:
            status = next((a for a in entity.attributes if a.enum_values and rx.search(
                r"(?:^|_)(?:status|state|stage|phase|lifecycle)$", a.name)), None)
            for attribute in entity.attributes:
                if attribute.enum_values:
                    # `entry_type` of Entry is an `EntryType`, not an `EntryEntryType` (unless a model has that name).
                    named = pascal_case(attribute.name)
                    own = named.startswith(entity.name) and named != entity.name \
                        and named[len(entity.name):] not in ("Status", "State", "Stage", "Phase") \
                        and self.model.entity(named) is None
                    if own and any(entity.name + pascal_case(other.name) == named for other in entity.attributes
                                   if other is not attribute):
                        own = False  # (`Transaction.type` would be a `TransactionType` too)
                    attribute.type = named if own else entity.name + named
                    if attribute.default is None and attribute is status:
                        attribute.default = attribute.enum_values[0]
            if status is None:
                continue
            machine = StateMachine(field=status.name, enum=status.type, states=list(status.enum_values),
                                   initial=status.enum_values[0], sources=list(status.sources))
            entity.states = machine
        self._transitions()

    def _transitions(self) -> None:
        machines = {self._key_for(e): e for e in self.model.entities if e.states is not None}
        if not machines:
            return
        # One set of patterns per state machine, each compiled the first time a passage needs it (most machines
        # never need most of them) and reused for every later passage.
        compiled: dict[str, tuple] = {}
        for key, entity in machines.items():
            states = {state.replace("_", " "): state for state in entity.states.states}
            states.update({state: state for state in entity.states.states})
            alternation = "|".join(re.escape(state) for state in sorted(states, key=len, reverse=True))
            compiled[key] = (states, _LazyPatterns(alternation))
        for passage in self.passages:
            text = passage.text
            keys = {m[2] for m in self._mentions(text) if m[2] in machines}
            if passage.entity in machines:
                keys.add(passage.entity)
            if not keys:
                continue
            # Each pattern below needs a word or sign the text may lack; those cheap tests skip most scans.
            lowered = text.lower()  # only for `in` tests, so its length may differ
            given = _GIVEN_WHEN_THEN.search(text) if "given" in lowered and "when" in lowered and "then" in lowered else None
            arrows = "→" in text or "->" in text or "=>" in text or "—>" in text
            moving = "from" in lowered
            becoming = "become" in lowered or "marked" in lowered or "move" in lowered or "transition" in lowered
            for key in sorted(keys):
                entity = machines[key]
                states, patterns = compiled[key]
                # `pending → paid → refunded`, `open -> shipped -> closed`
                for chain in patterns["chain"].finditer(text) if arrows else ():
                    steps = rx.split(r"\s*(?:→|->|=>|—>)\s*", chain.group(0))
                    for source_state, target_state in pairwise(steps):
                        self._add_transition(entity, states, source_state, target_state, "", passage)
                # `from draft to published`
                for match in patterns["from_to"].finditer(text) if moving else ():
                    self._add_transition(entity, states, match.group(1), match.group(2), _trigger_near(text, match.start()), passage)
                # `allowed transitions are pending-to-confirmed, pending-to-cancelled`
                for match in patterns["pair"].finditer(text) if "-to-" in lowered else ():
                    self._add_transition(entity, states, match.group(1), match.group(2), "", passage)
                if given:
                    # Given a <state> X, When ... <verb>s ..., Then X is/becomes "<state>"; without a state in the
                    # Given clause the entity starts from its initial state.
                    source_match = patterns["state"].search(given.group(1))
                    target_match = patterns["target"].search(given.group(3)) or patterns["quoted"].search(given.group(3))
                    if target_match:
                        self._add_transition(entity, states, source_match.group(1) if source_match else None,
                                             target_match.group(1), _trigger_of(given.group(2)), passage)
                    continue
                # X becomes "checked in" (no source state in the text)
                for match in patterns["becomes"].finditer(text) if becoming else ():
                    self._add_transition(entity, states, None, match.group(1), _trigger_near(text, match.start()), passage)

    def _add_transition(self, entity: Entity, states: dict[str, str], source: str | None, target: str, trigger: str,
                        passage: _Passage) -> None:
        machine = entity.states
        target_state = states.get(target.casefold()) or states.get(target)
        source_state = (states.get(source.casefold()) or states.get(source)) if source else machine.initial
        if target_state is None or source_state is None or source_state == target_state:
            return
        for transition in machine.transitions:
            if transition.source == source_state and transition.target == target_state:
                if not transition.trigger and trigger:
                    transition.trigger = trigger
                if not _has_source(transition.sources, passage.label):
                    transition.sources.append(SourceRef(passage.label, self._locate(passage, target)))
                return
        machine.transitions.append(Transition(source_state, target_state, trigger,
                                              [SourceRef(passage.label, self._locate(passage, target))]))

    # ------------------------------------------------------------------ timestamps, ordering, notes

    def _sign_in_credentials(self) -> None:
        """What people sign in with is kept on their account: `Patients sign up with email and username`, `log in
        using their email and password` -> `email`, `username`, `password_hash` on the account entity. Only the
        credential words themselves (email, username, password, phone) become columns; the source is the sentence."""
        account = self._account_entity()
        if account is None:
            return
        # `User: credentials, ...`: the account's credentials are what sign-in stores, not a list column.
        account.attributes = [a for a in account.attributes if a.name != "credentials"]
        # The feature's description (`**Input**: ... basic username/password authentication`) says it as well; it is
        # read for credentials only (as a passage its informal wording would add columns nobody asked for).
        described = self._input_passage()
        for passage in self.passages + ([described] if described is not None else []):
            # acceptance scenarios included: `When they register with email and ...`
            if passage.entity is not None:
                continue
            text = passage.text
            if "mail" not in text and "sername" not in text and "assword" not in text and "hone" not in text \
                    and "pin" not in text and "PIN" not in text:
                continue  # no credential word: the common case, decided before lower-casing the text
            lowered = text.lower()
            if "log" not in lowered and "sign" not in lowered and "regist" not in lowered and "authentic" not in lowered \
                    and "account" not in lowered:
                continue
            matches = list(_SIGN_IN_WITH.finditer(lowered)) if " with " in text or " using " in text or " via " in text else []
            # `basic username/password authentication`, `email and password login`
            matches += list(_CREDENTIALS_BEFORE.finditer(lowered))
            for match in matches:
                for word in _CREDENTIAL_WORD.findall(match.group("list")):
                    name = _CREDENTIAL_FIELDS[word.replace("-", "").replace(" ", "")]
                    if any(a.name == name or (name == "password_hash" and a.name == "password")
                           for a in account.attributes):
                        continue
                    start = match.start("list") + match.group("list").find(word)
                    phrase = text[start:start + len(word)]
                    account.attributes.append(_credential(name, phrase, SourceRef(passage.label, self._locate(passage, phrase))))

    def _external_sign_in(self) -> None:
        """"Users log in with Facebook or Google", "sign in through the company SSO": the sign-in is redirected to an
        identity provider, which keeps the credentials. Read where the text speaks of signing in (the provider or
        protocol within a sentence of it), in the feature's description too; not where it is refused ("no SSO")."""
        lowered = self._lower()
        # Only where a provider or protocol stands near a sign-in word anywhere in the text are the passages read:
        # the hints are looked for in those short windows, not in the whole text, and only the passages on their
        # lines are read (all of them when the text's lines cannot be placed, CRLF).
        hit_lines: set[int] = set()
        starts = self._line_starts()
        for at in self._sign_in_words():
            window = lowered[max(0, at - 80):at + 120]
            if any(map(window.__contains__, _REDIRECT_HINTS)) and (
                    _PROVIDER_SIGN_IN.search(window) or _REDIRECT_PROTOCOL.search(window)):
                hit_lines.add(bisect_right(starts, at) - 1 if starts is not None and len(lowered) == len(self.document.text)
                              else -1)
        if not hit_lines:
            return
        described = self._input_passage()
        providers: list[str] = []
        protocol = ""
        sources: list[SourceRef] = []
        for passage in ([described] if described is not None else []) + self.passages:
            if passage.entity is not None or (-1 not in hit_lines and not any(
                    passage.start - 3 <= line < passage.end + 3 for line in hit_lines)):
                continue  # (a window reaches a few lines around the sign-in word)
            text = passage.text.lower()
            if not any(map(text.__contains__, _REDIRECT_HINTS)):
                continue
            if "future" in text and _FUTURE_PASSAGE.search(text):
                continue  # "**Future**: User can choose to sign up with Google", "Future capability: ...": not now
            found = False
            for at in _word_matches(text, _SIGN_IN_NEEDLES, _SIGN_IN_OR_AUTH):
                start, end = max(0, at - 80), at + 120
                window = text[start:end]
                named = _PROVIDER_SIGN_IN.search(window)
                spoken = _REDIRECT_PROTOCOL.search(window)
                for match in (named, spoken):
                    if match is None or _REFUSED_NEAR.search(window[max(0, match.start() - 70):match.start()]):
                        continue
                    # The rest of the clause: more providers ("with Facebook or Google"), or a deferral ("comes later").
                    clause = _CLAUSE_REST.match(window, match.end()).group(0)
                    if _DEFERRED_AFTER.search(clause):
                        continue
                    found = True
                    for name in _PROVIDER_NAME.findall(match.group(0) + clause):
                        if _PROVIDER_DISPLAY[name] not in providers:
                            providers.append(_PROVIDER_DISPLAY[name])
                    if match is spoken and not protocol:
                        protocol = _protocol_name(match.group(0))
            if found:
                sources.append(SourceRef(passage.label, self._locate(passage, "")))
        if not sources:
            return
        texts = [passage.text.lower() for passage in ([described] if described is not None else []) + self.passages
                 if passage.entity is None and "password" in passage.text.lower()]
        passwords = any(match is not None and not _REFUSED_NEAR.search(text[max(0, match.start() - 30):match.start()])
                        for text in texts for match in [_PASSWORD_SIGN_IN_NEAR.search(text)])
        self.model.external_sign_in = ExternalSignIn(
            providers=providers, protocol=protocol or ("OAuth" if providers else "SSO"), passwords=passwords,
            sources=sources[:3])

    def _assumed_credentials(self) -> None:
        """People sign in to an account the spec gives no credentials: plan the usual `email` (unique) and
        `password_hash`, each saying it is an assumption (the plan lists it). Not when sign-in goes through another
        identity provider (OAuth, SSO, "sign in with Google"), which keeps the credentials itself."""
        account = self._account_entity()
        if account is None or self._foreign_language() or any(
                attribute.name in _CREDENTIAL_COLUMNS for attribute in account.attributes):
            return
        lowered = self._lower()
        # Where the text speaks of signing in (found by `str.find`, confirmed by the pattern): none settles most specs.
        signs_in = [at for at in self._sign_in_words() if _SIGN_IN_WORD.match(lowered, at)]
        if not signs_in:
            return
        found = None
        for passage in self.passages:
            passage_text = passage.text
            if "og" not in passage_text and "ign" not in passage_text:
                continue  # neither `log` nor `sign` in any case: decided without a pattern
            # (not "MUST not require login or password": what people are spared)
            found = next((match for match in _PASSWORD_SIGN_IN.finditer(passage_text)
                          if not SPARED_BEFORE.search(passage_text, max(0, match.start() - 60), match.start())), None)
            if found is not None:
                break
        if found is None:
            return
        # Keywords first (`in` on the text is fast); the patterns only run where one occurs.
        if any(map(lowered.__contains__, _EXTERNAL_IDENTITY_WORDS)) and _EXTERNAL_IDENTITY.search(lowered):
            return
        # Who signs people in is said next to the sign-in: only the text around each mention of it is searched.
        if any(_PROVIDER_SIGN_IN.search(lowered[max(0, at - 80):at + 120]) for at in signs_in[:64]):
            return
        source = SourceRef(passage.label, self._locate(passage, found.group(0)))
        for name, kind, label in (("email", "EmailStr", "email address"), ("password_hash", "str", "hash of the password")):
            account.attributes.append(Attribute(name, kind, unique=name == "email",
                                                description=f"{label} (assumed for 'sign-in')", sources=[source]))

    def _emitted_events(self) -> None:
        """`System MUST emit a structured event (consumable by downstream integrations) on PO creation`: events that
        other systems consume must not be lost when a write commits, so they are written to an outbox table in the
        same transaction and delivered from there. Planned as an `Event` model when the spec models none; both the
        emitting and a consumer outside the feature must be stated."""
        if self._foreign_language() or any(key in ("event", "domainevent", "outboxevent", "integrationevent")
                                           for key in self.by_key):
            return
        for passage in self.passages:
            if passage.entity is not None or "event" not in passage.text or "/AC" in passage.label:
                continue
            lowered = passage.text.lower()
            match = _EMITS_EVENT.search(lowered)
            if match is None or not _EVENT_CONSUMER.search(lowered):
                continue
            source = SourceRef(passage.label, self._locate(passage, passage.text[match.start():match.end()]))
            entity = self._add_entity("Event", source)
            if entity is None:
                return
            entity.description = ("An event the system emits for other systems to consume, written to an outbox in "
                                  "the same transaction as the change it reports (implied: the spec asks for emitted "
                                  "events and names no entity for them).")
            kinds = match.group("kinds") or ""
            if kinds and len(lowered) == len(passage.text):  # the spec's own capitals (`PO creation`)
                kinds = passage.text[match.start("kinds"):match.end("kinds")]
            described = "what happened" + (f" ({kinds.strip()})" if kinds.strip() else "")
            for name, kind, required, description in (
                    ("event_type", "str", True, described), ("payload", "json", True, "the event's data"),
                    ("occurred_at", "datetime", True, "when the change was committed"),
                    ("published_at", "datetime", False, "when it was delivered to consumers")):
                entity.attributes.append(Attribute(name, kind, required=required, description=description,
                                                   sources=[source]))
            return

    def _sessions(self) -> None:
        """`All authentication sessions expire after 24 hours`, `logging out invalidates the session`: sessions that
        expire or can be revoked are state the server keeps, so a `Session` of the account is planned (a hashed
        token, when it expires, when it was revoked) unless the spec models sessions or tokens itself or says its
        authentication is stateless."""
        account = self._account_entity() or next(
            (entity for entity in self.model.entities
             if any(attribute.name in ("password", "password_hash") for attribute in entity.attributes)), None)
        if account is None or any(key in _SESSION_KEYS for key in self.by_key) or "ession" not in self.document.text:
            return
        if "stateless" in self._lower():
            return
        for passage in self.passages:
            if "ession" not in passage.text:
                continue
            match = _SESSION_ENDS.search(passage.text)
            if match is None:
                continue
            source = SourceRef(passage.label, self._locate(passage, match.group(0)))
            session = self._add_entity("Session", source)
            if session is None:
                return
            session.description = (f"A signed-in {account.display_name}'s session, kept by the server because the spec "
                                   "lets sessions expire or be revoked (implied: the spec names no session entity).")
            for name, required, unique, description in (
                    ("token_hash", True, True, "hash of the session token the client holds"),
                    ("expires_at", True, False, "when the session ends"),
                    ("revoked_at", False, False, "when it was ended early (sign-out, revocation)")):
                session.attributes.append(Attribute(name, "datetime" if name.endswith("_at") else "str",
                                                    required=required, unique=unique, description=description,
                                                    sources=[source]))
            self._add_relationship(session, "belongs-to", account, passage, ownership=True)
            return

    def _input_passage(self) -> _Passage | None:
        """The `**Input**: User description: "..."` line of a spec-kit spec (often the last line of the header
        paragraph), as a passage; None without one."""
        lines = self.document.lines
        for line in range(min(len(lines), 40)):
            if _INPUT_LINE.match(lines[line]) and self.document.tree.is_prose(line):
                return _Passage("Input", line, line + 1, strip_markup(lines[line]))
        return None

    def _spec_wide_passages(self) -> list[_Passage]:
        """The passages that may state a rule for the whole data set: prose that defines no one entity and is no
        acceptance scenario, plus the Assumptions' items (`multi-tenant isolation also applies to customers`), which other rules do not read."""
        if self.wide_passages is None:
            document = self.document
            # Acceptance scenarios are left out: a Given/When/Then tells one case, not a rule for all the data.
            # So are success criteria (`SC-003`): they measure outcomes, they do not shape the data.
            wide = [passage for passage in self.passages
                    if passage.entity is None and "/AC" not in passage.label and not passage.label.startswith("SC-")]
            blocks = document.tree.blocks
            for section in document.sections_of("assumptions"):
                # Blocks are in document order: start at the section's first one, stop at its end.
                first = bisect_left(blocks, section.line + 1, key=lambda block: block.start)
                for block in islice(blocks, first, None):
                    if block.start >= section.end:
                        break
                    if block.kind == "item" and block.depth == 0:
                        # Raw lines, not `strip_markup`: the rules reading these look for plain words, and
                        # skipping the markup pass keeps this cheap.
                        text = " ".join(document.lines[block.start:block.end])
                        wide.append(_Passage(section.title or "Assumptions", block.start, block.end, text))
            self.wide_passages = wide
            self.wide_text = "\n".join(passage.text for passage in wide)
        return self.wide_passages

    def _record_metadata(self) -> None:
        """Audit metadata the spec asks of every record (`System MUST track creation and modification metadata
        (creator, created date, last modified by, last modified date)`, `all records store who created them`):
        `created_by`, `last_modified_by`, `created_at`, `updated_at` on every stored entity. A sentence that names
        the metadata without saying it is kept for all records (`the creator of a board can delete it`) adds nothing."""
        passages = self._spec_wide_passages()
        joined = self.wide_text  # the same cheap test over all of them at once spares the loop in many specs
        if "ed by" not in joined and "reator" not in joined and "ed-by" not in joined and "who " not in joined:
            return
        for passage in passages:
            text = passage.text
            # Cheap test first: every rule here needs a person field (`creator`, `... by`, `who ...`).
            # (Plain substring tests: a case-insensitive pattern measured 8x slower over every passage.)
            if "ed by" not in text and "reator" not in text and "ed-by" not in text and "who " not in text:
                continue
            lowered = text.lower()
            if not _ALL_RECORDS.search(lowered) or not _AUDIT_PHRASE.search(lowered):  # the rarer, cheaper test first
                continue
            found: list[tuple[str, str]] = []
            for match in _AUDIT_PHRASE.finditer(lowered):
                name = _audit_field(match)
                if name and all(name != seen for seen, _ in found):
                    found.append((name, text[match.start():match.end()]))
            if not any(name.endswith("_by") for name, _ in found):
                continue  # timestamps alone are `_implied_timestamps`' business
            modifier = next((name[:-3] for name, _ in found if name.endswith("_by") and name != "created_by"), None)
            if modifier is not None:
                # `last modified by, last modified date`: the time column is named like the person column beside it.
                found = [(modifier + "_at" if name == "updated_at" else name, phrase) for name, phrase in found]
            for entity in self.model.entities:
                if entity.is_actor or entity.link:
                    continue
                for name, phrase in found:
                    if any(a.name == name for a in entity.attributes):
                        continue
                    kind = "datetime" if name.endswith("_at") else "UUID"
                    entity.attributes.append(Attribute(
                        name, kind, required=False, description=f"{phrase} (kept for every record)",
                        sources=[SourceRef(passage.label, self._locate(passage, phrase))]))

    def _tenant_scoping(self) -> None:
        """Data the spec scopes per tenant (`multi-tenant isolation applies to customers and orders`, `users only see
        tasks and tags belonging to their own organization`) carries the tenant's key: a link to the tenant entity
        when the spec models one, else a `tenant_id` column. Only the entities the scoping sentence names get it."""
        passages = self._spec_wide_passages()
        joined = self.wide_text  # one test over the whole prose spares the loop in most specs
        if "enan" not in joined and "rgani" not in joined and "orkspace" not in joined:
            return
        for passage in passages:
            text = passage.text
            if "enan" not in text and "rgani" not in text and "orkspace" not in text:  # before lower-casing it
                continue
            lowered = text.lower()
            scope = _TENANT_SCOPE.search(lowered)
            if scope is None:
                continue
            noun = next(group for group in scope.groups() if group)
            noun = "tenant" if noun.startswith("tenan") or noun == "multi" else singular(noun)
            tenant_key = self._key_of_phrase(noun)
            tenant = self.by_key[tenant_key] if tenant_key is not None else None
            if tenant is None and noun != "tenant":
                continue  # an organization the spec does not model is not a key to invent
            for _start, _end, key, _plural in self._mentions(passage.text):
                entity = self.by_key[key]
                if entity is tenant or entity.link:
                    continue
                if tenant is not None:
                    self._add_relationship(entity, "belongs-to", tenant, passage)
                elif not any(a.name == "tenant_id" for a in entity.attributes):
                    entity.attributes.append(Attribute(
                        "tenant_id", "UUID", description="the tenant it belongs to (data is scoped per tenant)",
                        sources=[SourceRef(passage.label, self._locate(passage, scope.group(0)))]))

    def _implied_timestamps(self) -> None:
        """`created_at` / `updated_at` where the spec implies them: creating, editing, history, recency."""
        edited: set[str] = set()
        dated: set[str] = set()
        for passage in self.passages:
            text = passage.text
            mentions = self._mentions(text)
            if not mentions and not passage.entity:
                continue
            # One pass over the passage's words; a mention counts when a word sits within 40 characters of it.
            edits, creations = _timestamp_words(self._tokens(text))
            if not edits and not creations:
                continue
            for start, end, key, _plural in mentions:
                if _any_within(edits, start - 40, start) or (_any_within(edits, end, end + 40)
                                                             and _EDITED_AFTER.match(text, end)):
                    edited.add(key)
                if _any_within(creations, start - 40, end + 40):
                    dated.add(key)
            if passage.entity:
                if edits:
                    edited.add(passage.entity)
                if creations:
                    dated.add(passage.entity)
        for key, entity in self.by_key.items():
            if entity.states is not None:
                # A record whose status changes is updated in place.
                edited.add(key)
            if entity.link or entity.is_actor and key not in dated:
                continue
            names = {a.name for a in entity.attributes}
            source = entity.sources[0] if entity.sources else SourceRef("inferred")
            if (key in dated or key in edited) and "created_at" not in names:
                entity.attributes.append(Attribute("created_at", "datetime", description="when it was created (implied)",
                                                   sources=[SourceRef(source.label, source.range)]))
            if key in edited and "updated_at" not in names:
                entity.attributes.append(Attribute("updated_at", "datetime", description="when it last changed (implied)",
                                                   sources=[SourceRef(source.label, source.range)]))

    def _finish(self) -> None:
        self._key_columns()
        for entity in self.model.entities:
            # `assignee` next to `assignee_id` (a reference found elsewhere) is the same thing said twice.
            keys = {r.field for r in entity.relationships if r.kind == "belongs-to"}
            entity.attributes = [a for a in entity.attributes if a.name + "_id" not in keys and a.name not in keys]
            entity.relationships.sort(key=lambda r: ({"belongs-to": 0, "many-to-many": 1, "has-many": 2}.get(r.kind, 3), r.target))
            if entity.states is not None:
                # The initial state's default was set from the first listed value; keep the enum and type in step.
                status = next((a for a in entity.attributes if a.name == entity.states.field), None)
                if status is not None:
                    entity.states.enum = status.type

    def _key_columns(self) -> None:
        """`RSVP: id, eventId, userId, ...`: a column named for another entity's key is the link to it (a foreign key
        with its index and nesting), not a plain integer."""
        for entity in self.model.entities:
            if entity.link:
                continue
            for attribute in list(entity.attributes):
                if not attribute.name.endswith("_id") or attribute.name == "id":
                    continue
                key = self._key_of_phrase(attribute.name[:-3].replace("_", " "))
                if key is None or self.by_key[key] is entity:
                    continue
                target = self.by_key[key]
                if any(r.kind == "belongs-to" and r.field == attribute.name for r in entity.relationships):
                    entity.attributes.remove(attribute)
                    continue
                entity.attributes.remove(attribute)
                entity.relationships.append(Relationship("belongs-to", target.name, field=attribute.name,
                                                         required=attribute.required, sources=list(attribute.sources)))
                if not any(r.kind == "has-many" and r.target == entity.name for r in target.relationships):
                    target.relationships.append(Relationship("has-many", entity.name, field=attribute.name,
                                                             sources=list(attribute.sources)))

    def _romance(self) -> bool:
        """Whether the prose is Portuguese or Spanish (decided once)."""
        if self.romance is None:
            self.romance = languages.language(self.document.text) in ("pt", "es")
        return self.romance

    def _foreign_language(self) -> bool:
        """Whether the prose is mostly not English (non-Latin script, or Latin script without English function words)."""
        if self.foreign is None:
            # The prose lines among the first 400 (`opaque` marks the others), picked in C; a sample is enough to tell
            # the language.
            prose = compress(self.document.lines[:400], map(operator.not_, self.document.tree.opaque[:400]))
            text = " ".join(prose)[:6000]
            # The runs of a-z letters of the case-folded sample, as bytes: encoding maps every other character to
            # one byte and the table blanks it, so `split` yields the same runs as `[a-z]+` would, several times faster.
            words = text.casefold().encode("ascii", "replace").translate(_ONLY_LETTERS).split()
            foreign = 0 if text.isascii() else len(text) - len(_NON_LATIN_RUN.sub("", text))
            # Counting every letter is costly; the ASCII letters (a lower bound) settle most documents.
            letters = sum(map(len, words))
            if foreign and foreign / max(letters, 1) > 0.3:
                letters = len(text) - len(_LETTERS.sub("", text))
            elif not foreign:
                letters = letters or len(text) - len(_LETTERS.sub("", text))
            english = sum(map(_ENGLISH_BYTES.__contains__, words))
            # English prose is a third function words; identifiers and other Latin-script languages have few of these.
            self.foreign = bool(letters) and (foreign / letters > 0.3 or (len(words) > 80 and english / len(words) < 0.08))
        return self.foreign

    def _language_note(self) -> None:
        if self._foreign_language():
            self.model.notes.append(
                "The spec body is not in English: entities come from its definitions, and attributes from identifiers "
                "written in Latin script and from common column words in Japanese, Korean and Chinese lists and in "
                "Portuguese and Spanish definitions; other "
                "types, limits, relationships and lifecycle states written in the spec's language were not inferred.")
        if self.unnamed:
            self.model.notes.append("Columns named in another language that were not read (no English name is "
                                    "known for them): " + "; ".join(self.unnamed) + ".")
        if not self.model.entities:
            self.model.notes.append("No entities found: the spec has no Key Entities, glossary or data section, and "
                                    "no heading or code block declares one.")

    # ------------------------------------------------------------------ ranges

    def _locate(self, passage: _Passage, phrase: str) -> Range:
        """The range of `phrase` within the passage's lines, or of the passage's first line."""
        lines = self.document.lines
        needle = phrase.casefold().strip()
        if needle:
            folded = self.folded_lines
            for line in range(passage.start, min(passage.end, len(lines))):
                if folded[line] is None:
                    folded[line] = lines[line].casefold()
                column = folded[line].find(needle)
                if column >= 0:
                    return Range.of(line, column, line, column + len(needle))
        line = min(passage.start, len(lines) - 1) if lines else 0
        text = lines[line] if lines else ""
        indent = len(text) - len(text.lstrip())
        return Range.of(line, indent, line, len(text.rstrip()))


# `log in with their email and password`, `sign up using an email address and a username`, `authenticate via
# phone number`: the sign-in verb, then the credentials up to the end of the clause.
# What a person "has" that many people share (`a user has a role`, `a member has a team`): the person holds its key.
_SHARED_NOUN = re.compile(r"(?i)\b(?:role|type|kind|category|tier|plan|level|group|team|department|organi[sz]ation|company|"
                          r"tenant|workspace|account|location|site|branch|store|class|grade|status)$")
_REFERENCE_ROLES = ("current|source|destination|origin|target|parent|primary|secondary|default|home|billing|shipping|"
                    "original|originating|previous|next|preferred|backup|receiving|sending|ship-to|bill-to")
_NOT_FIELD_NOUNS = frozenset({"set", "list", "collection", "group", "kind", "type", "record", "entry", "item", "thing",
                              "e", "i", "example", "values", "options"})
_MODIFIED_NOUN = re.compile(r"\s+(?:view|page|screen|list|history|form|details?|flow|dashboard|records?|profile|context|"
                            r"section|tab|panel|module|table|data|level|ids?|numbers?|names?|search|lookup|settings|"
                            r"workflow|process|report|timeline|card|modal|dialog|menu|widget|"
                            # an activity on the things: "an account for link management/API access"
                            r"management|administration|tracking|creation|analytics|reporting|sharing)\b", re.IGNORECASE)
_SIGN_IN_VERB = re.compile(r"(?:log(?:s|ged)? ?in|sign(?:s|ed)? (?:in|up)|authenticates?)\b")
# A document's lines: `line items (SKU, qty)`, `lines`, `with lines carrying reason code, disposition`.
_LINES_ITEM = re.compile(r"(?i)(?:(?:its|the|multiple|one or more|several|many|\w+ed)\s+)?(line items|lines)"
                         r"(?:\s*[（(]([^()（）]+)[)）])?")
_LINES_CARRYING = re.compile(r"(?i)\b(line items|lines)\s+(?:carrying|holding|containing|listing|each with|(?:each\s+)?referencing)\s+")
_REFERENCE_ROLE_WORDS = frozenset(word for word in _REFERENCE_ROLES.replace("-", " ").replace("|", " ").split() if len(word) > 2)
_PROSE_VERB_PHRASE = re.compile(
    r"(?i)(?:\w+\s+(?:it|them|this|that)\b|(?:start|remain|route|send|make|made|keep|become|allow|let|get|go|stay)\b|"
    r"(?:ensuring|making|using|allowing|providing|enabling|creating|getting|having|being|taking|giving|keeping|"
    r"letting|doing|reaching|avoiding|representing|describing|indicating|denoting|reflecting|meaning|showing|"
    r"displaying|seeing|viewing|selecting|choosing|clicking|opening)\s|"
    # `I see a confirmation`, `select my role`: a person speaking, not a column.
    r"(?:i|we|you|they|he|she|it)\s|\w+\s+(?:my|your|our)\s|"
    r"[a-z]+(?:ically|ually|ously|ately|tively|ingly)$|"
    # `competed in ...`, `reached maximum capacity`: a verb in the past, unless it is a usual column prefix.
    r"(?!(?:expected|estimated|scheduled|requested|preferred|registered|verified|assigned|approved|completed|published|"
    r"created|updated|deleted|archived|reserved|allocated|signed|hashed|encrypted|masked|localized|localised)\b)"
    r"[a-z]{2,}[^e\W]ed\b)")
_DESCRIBING = re.compile(r"(?i)(?:representing|describing|indicating|denoting|reflecting|meaning|ensuring|allowing|"
                         r"enabling|used to|so that)\s")
_COLLECTION_ADJECTIVES = frozenset({"saved", "stored", "multiple", "several", "many", "all", "its", "their", "his", "her",
                                    "the", "own", "registered", "linked", "attached", "associated", "related"})
_MANAGE_VERBS = (r"creat\w*|add\w*|sav(?:e|es|ed|ing)|manag\w*|edit\w*|updat\w*|delet\w*|remov\w*|stor(?:e|es|ed|ing)|"
                 r"upload\w*|writ(?:e|es|ing)|leav(?:e|es|ing)|post\w*|submit\w*|renam\w*")
# `<word> status` that names another status beside the entity's own (`payment status`, `badge status`).
_OWN_STATUS_WORDS = frozenset({"payment", "delivery", "shipping", "billing", "badge", "verification", "sync", "read",
                               "online", "subscription", "consent", "marital", "employment", "tax", "http", "response"})
_RELATION_STARTS = frozenset({"be", "li", "ti", "as", "re", "ow", "pa"})  # first letters of the relation phrases
# `association to one task`, `team association`: a list item that references one other record.
# What sorts other things, named last in the link between them (`ProductCategory`, `UserRole`).
_CLASSIFIER_NAME = re.compile(r"(?:Tag|Category|Label|Genre|Role|Group|Permission)$")
_ASSOCIATION_ITEM = re.compile(r"(?i)(?:an?\s+|the\s+|its\s+)?(?:(?P<head>[a-z]+(?:\s[a-z]+)?)\s+association|"
                               r"(?:association\s+(?:to|with)|membership\s+in)\s+(?:one|a|an|the|its|their|exactly one|"
                               r"a single)\s+(?P<target>[a-z]+(?:\s[a-z]+)?))")
_ROLE_SUFFIX_ENDINGS = ("_information", "_info", "_detail", "_details", "_id", "_reference", "_ref")
_STATE_ADJECTIVES = frozenset({"verified", "confirmed", "validated", "registered", "preferred", "selected", "saved",
                               "assigned", "updated", "current", "new", "existing", "stored", "encrypted", "hashed"})
_PROFILE_NAME = re.compile(r"(?i)\bprofiles?$")
# What many records share rather than own (`assigned roles`, `tags`): a plural of these is many-to-many.
_MAY_BE_PLACED = re.compile(r"\b(?:that|which)\s+(?:can|may)\s+be\s+(?:[a-z]+(?:ed|en)|hung|put|kept|held|set|"
                            r"found|shown|worn|sold|bought|run)\s*$", re.IGNORECASE)
_KIND_OF = re.compile(r"\s*(?:represents\s+)?(?:an?|the)\s+(?:kind|type|category|class)\s+of\b", re.IGNORECASE)
_LISTED_TAILS = frozenset({"list", "assigned", "granted", "held", "owned"})
_GRANTED_TO = re.compile(r"\b([a-z]+)\s+(?:that|which)\s+(?:can|may|will)\s+be\s+(?:assigned|granted|applied|given|"
                         r"added|attached)\s+to\s+(?:one or more\s+|multiple\s+|many\s+|any\s+)?", re.IGNORECASE)
_SHARED_COLLECTION = re.compile(r"(?i)\b(?:role|tag|category|label|group|team|permission|skill|interest|topic|genre)$")
class _LazyPatterns:
    """The transition patterns of one state machine (its states joined as `alternation`), compiled on first use."""

    _TEMPLATES = {
        "chain": r"(?<![\w-])(?:{a})(?:\s*(?:→|->|=>|—>)\s*(?:{a}))+",
        "from_to": r"\bfrom\s+['\"“]?({a})['\"”]?\s+to\s+['\"“]?({a})(?![\w-])",
        "pair": r"(?<![\w-])({a})-to-({a})(?![\w-])",
        "state": r"(?<![\w-])({a})(?![\w-])",
        "target": r"\b(?:is|are|becomes?|marked as|moves? to|changes? to|set to|transitions? to|stays?|remains?)\s+"
                  r"(?:now\s+)?['\"“]?({a})(?![\w-])",
        "quoted": r"['\"“]({a})['\"”]",
        "becomes": r"\b(?:becomes?|is marked as|is marked|moves? to|transitions? to)\s+['\"“]?({a})(?![\w-])",
    }

    def __init__(self, alternation: str) -> None:
        self.alternation = alternation
        self.compiled: dict[str, re.Pattern[str]] = {}

    def __getitem__(self, name: str) -> re.Pattern[str]:
        pattern = self.compiled.get(name)
        if pattern is None:
            pattern = self.compiled[name] = re.compile(self._TEMPLATES[name].replace("{a}", self.alternation), re.IGNORECASE)
        return pattern


_JOINT_SUBJECT = re.compile(r"\s*(?:,|and|&|or)\s+(?:an?\s+|the\s+|each\s+)?", re.IGNORECASE)
_SIGN_IN_WITH = re.compile(
    r"\b(?:log(?:s|ged|ging)?[- ]?in|login|sign(?:s|ed|ing)?[- ]?(?:in|up)|register(?:s|ed|ing)?|authenticat\w*|"
    # `create accounts with username and password`
    r"creat(?:e|es|ed|ing)\s+(?:an?\s+|their\s+|his\s+|her\s+|your\s+)?(?:user\s+)?accounts?)"
    r"(?:\s+(?:as|to|into|on)\s+(?:an?\s+|the\s+)?[\w-]+)?\s+(?:with|using|via)\s+"
    r"(?P<list>(?:(?:their|his|her|your|an?|the|own|valid|and|or|,|/|\s)*"
    r"(?:e-?mail(?: address)?|user ?name|password|phone(?: number)?|pin)\b)+)")
_CREDENTIALS_BEFORE = re.compile(
    r"(?P<list>(?:e-?mail(?: address)?|user ?name|password|phone(?: number)?|pin)"
    r"(?:\s*(?:/|,|and|or|\+)\s*(?:e-?mail(?: address)?|user ?name|password|phone(?: number)?|pin))+)"
    r"\s+(?:based\s+)?(?:authentication|auth|login|log-?in|sign-?in|credentials)\b")
_CREDENTIAL_COLUMNS = frozenset({"email", "email_address", "username", "user_name", "password", "password_hash",
                                 "phone", "phone_number", "pin", "login", "credentials"})
_EXTERNAL_IDENTITY_WORDS = ("oauth", "sso", "sign-on", "openid", "oidc", "saml", "auth0", "cognito", "keycloak", "okta",
                            "passwordless", "magic", "ldap", "directory", "entra", "identity provider", "idp", "clerk",
                            "firebase", "supabase", "existing")
_PASSWORD_SIGN_IN = re.compile(r"\b(?:log(?:s|ged)?[ -]?in|login|sign(?:s|ed)?[ -]?in|sign(?:s|ed)?[ -]?up)\b", re.IGNORECASE)
_EXTERNAL_IDENTITY = re.compile(r"\b(?:oauth2?|sso|single sign-on|openid|oidc|saml|auth0|cognito|keycloak|okta|passwordless|"
                                r"magic[- ]link|ldap|active directory|entra|identity provider|idp|clerk|"
                                r"firebase auth\w*|supabase|"
                                r"existing (?:[\w-]+ )?(?:authentication|auth|identity|login|sign-in) "
                                r"(?:system|service|provider|platform))\b")
_PROVIDER_SIGN_IN = re.compile(r"\b(?:google|github|gitlab|microsoft|apple|facebook|twitter|discord|slack)\b.{0,30}?"
                               r"\b(?:sign[ -]?in|log[ -]?in|login|account|auth\w*)\b|\b(?:sign[ -]?in|log[ -]?in|login|auth\w*)"
                               r"\s+(?:with|via|through|using)\s+(?:their\s+|a\s+|an\s+)?(?:google|github|gitlab|microsoft|"
                               r"apple|facebook|twitter|discord|slack|\w+ (?:id|account))\b|"
                               # `sign in with the organisation's existing accounts`: someone else's accounts
                               r"\b(?:sign|log)[ -]?in\s+(?:with|via|through|using)\s+(?:[\w'’]+\s+){0,3}?(?:existing|company|"
                               r"corporate|organi[sz]ation(?:al|['’]s)?|work|school|university|external|third-party|social|"
                               r"enterprise)\s+(?:[\w'’]+\s+){0,2}?(?:accounts?|identit(?:y|ies)|logins?|credentials)\b")
# Sign-in redirected to an identity provider (the protocols and services of a hosted login page).
_REDIRECT_HINTS = ("oauth", "openid", "oidc", "sso", "sign-on", "saml", "auth0", "okta", "keycloak", "cognito", "entra",
                   "identity provider", "idp", "social", "google", "github", "gitlab", "microsoft", "apple", "facebook",
                   "twitter", "discord", "slack", "linkedin", "existing", "corporate", "company", "organi", "external")
_REDIRECT_PROTOCOL = re.compile(r"\b(?:oauth ?(?:2(?:\.0)?)?|openid(?: connect)?|oidc|sso|single sign-on|saml|auth0|okta|"
                                r"keycloak|cognito|entra(?: id)?|identity provider|idp|social (?:login|log-in|sign-?in))\b")
# Every match of `_SIGN_IN_OR_AUTH` (and so of `_SIGN_IN_WORD`) starts with one of these.
_SIGN_IN_NEEDLES = ("log", "sign", "authent", "regist")
_SIGN_IN_OR_AUTH = re.compile(r"log(?:s|ged|ging)?[ -]?in|login|sign(?:s|ed|ing)?[ -]?(?:in|up|on)|authent|regist")
_PROVIDER_NAME = re.compile(r"\b(google|github|gitlab|microsoft|apple|facebook|twitter|discord|slack|linkedin)\b")
_PROVIDER_DISPLAY = {"google": "Google", "github": "GitHub", "gitlab": "GitLab", "microsoft": "Microsoft", "apple": "Apple",
                     "facebook": "Facebook", "twitter": "Twitter", "discord": "Discord", "slack": "Slack",
                     "linkedin": "LinkedIn"}
# Signing up or in with a password: "email/password registration", "log in with their password".
_PASSWORD_SIGN_IN_NEAR = re.compile(r"\b(?:e-?mail|user ?name)\s*(?:/|and|\+|&|or)\s*password\b|"
                                    r"\bpassword\b[^.;]{0,40}?\b(?:log|sign|regist|authent)|"
                                    r"\b(?:log|sign|regist|authent)\w*[^.;]{0,40}?\bpassword\b")
_CLAUSE_REST = re.compile(r"[^.;:()]*")
_DEFERRED_AFTER = re.compile(r"\b(?:later|future|out of scope|not (?:supported|required|needed|planned|in scope))\b")
# (and what the system is only made ready for: "can be extended to support SSO", "prepared for future SSO")
_FUTURE_PASSAGE = re.compile(r"^\W*future\b|\bfuture (?:capabilit(?:y|ies)|enhancements?|work|phases?|releases?|"
                             r"versions?|iterations?)\b")
_REFUSED_NEAR = re.compile(r"\b(?:no|not|without|instead of|rather than|future|later|extended|extensible|extendable|"
                           r"prepared)\b[^.;:]*$")


def _protocol_name(phrase: str) -> str:
    """`oauth 2.0` -> `OAuth`, `single sign-on` -> `SSO`, `keycloak` -> `Keycloak`."""
    phrase = phrase.strip()
    if phrase.startswith("oauth"):
        return "OAuth"
    if phrase in ("sso", "single sign-on", "idp", "identity provider"):
        return "SSO"
    if phrase.startswith("social"):
        return "OAuth"
    return {"openid": "OpenID Connect", "openid connect": "OpenID Connect", "oidc": "OpenID Connect", "saml": "SAML",
            "auth0": "Auth0", "entra": "Entra ID", "entra id": "Entra ID"}.get(phrase, phrase.capitalize())


_CREDENTIAL_WORD = re.compile(r"e-?mail(?: address)?|user ?name|password|phone(?: number)?|pin")
_CREDENTIAL_FIELDS = {"email": "email", "emailaddress": "email", "username": "username", "password": "password_hash",
                      "phone": "phone", "phonenumber": "phone", "pin": "pin_hash"}
# A sentence that scopes data per tenant: `multi-tenant isolation`, `per tenant`, `within a tenant`,
# `belonging to their own organization`, `scoped to an organization`.
_TENANT_SCOPE = re.compile(
    r"\b(multi)[- ]?tenan\w*|\b(tenants?|organi[sz]ations?|workspaces?)[- ](?:scoped|isolation|isolated|specific|level)\b"
    r"|\b(?:per|each|within (?:a|the|their|its|each)(?: own)?|scoped (?:to|by|per) (?:a|an|the|their|its|each)(?: own)?|"
    r"belong\w* to (?:their|its|the same|a single|one|exactly one)(?: own)?|isolated (?:by|per))"
    r" (tenants?|organi[sz]ations?|workspaces?)\b")
# Audit metadata kept for all records: a verb of keeping plus "metadata"/"audit fields", or "all/every record".
_ALL_RECORDS = re.compile(r"\b(?:track|record|store|capture|maintain|keep|log|persist|save)\w*\b.{0,80}?\b(?:metadata|"
                          r"audit (?:fields|columns|information|info|data|trail)|(?:creation|modification) (?:details|info))"
                          r"|\b(?:all|every|each)\s+(?:stored\s+|persisted\s+)?(?:records?|entit(?:y|ies)|rows?|"
                          r"objects?|resources?)\b")
_AUDIT_PHRASE = re.compile(
    r"\b(?:(?P<creator>creator|created[- ]by|who created)"
    r"|(?P<last>last[- ])?(?P<verb>modified|updated|changed|edited)[- ]by\b"
    r"|who (?P<wholast>last )?(?P<whoverb>modified|updated|changed|edited)"
    r"|(?P<created_at>creat(?:ed|ion) (?:date|time|timestamp|datetime)|date created|created (?:at|on|date))"
    r"|(?P<updated_at>(?:last[- ])?(?:modified|updated|changed|edited|modification) (?:date|time|timestamp|datetime)"
    r"|date (?:last )?(?:modified|updated)))\b")


def _audit_field(match: re.Match[str]) -> str:
    """The field an audit phrase names: `creator` -> `created_by`, `last modified by` -> `last_modified_by`."""
    if match.group("creator"):
        return "created_by"
    if match.group("verb"):
        return ("last_" if match.group("last") else "") + match.group("verb") + "_by"
    if match.group("whoverb"):
        return ("last_" if match.group("wholast") else "") + match.group("whoverb") + "_by"
    if match.group("created_at"):
        return "created_at"
    return "updated_at"


# ----------------------------------------------------------------------------------------- small helpers

def _timestamp_words(tokens: _Tokens) -> tuple[list[int], list[int]]:
    """Start offsets of the words that say a record is edited, and of those that say it is created or dated
    (including `most recent` and `when it was`), in one pass over the words."""
    parts, offset = tokens.parts, tokens.offset
    edits: list[int] = []
    creations: list[int] = []
    last = len(parts) - 1
    for j in _indices_of(parts, _TIMESTAMP_CUES):  # separators never equal a word, so every hit is a word
        word = parts[j]
        if parts[j + 1][:1] == "_":
            continue  # `created_at` is an identifier, not the word
        if word in _EDIT_WORDS:
            edits.append(offset(j))
        elif word in _CREATED_WORDS or _dating_phrase(parts, j, last):
            creations.append(offset(j))
    return edits, creations


def _dating_phrase(parts: tuple[str, ...], j: int, last: int) -> bool:
    """Whether word `j` starts `most recent` or `when it/they was/were`."""
    word = parts[j]
    if word == "most":
        return j + 2 < last and parts[j + 1].isspace() and parts[j + 2] == "recent"
    return word == "when" and j + 4 < last and parts[j + 2] in ("it", "they") and parts[j + 4] in ("was", "were") \
        and parts[j + 1].isspace() and parts[j + 3].isspace()


def _common_prefix(first: str, second: str) -> str:
    """`category`, `categories` -> `categor`: the text every spelling of a word starts with."""
    size = 0
    for a, b in zip(first, second):
        if a != b:
            break
        size += 1
    return first[:size]


_LEADING_LIST_VERB = re.compile(r"^(?:contains|includes|holds|stores|carries|captures|keeps)\s+(?=[a-z])", re.IGNORECASE)


def _indices_of(items: list[str], vocabulary: set[str] | frozenset[str]) -> list[int]:
    """Sorted indices of the items that are in `vocabulary`. Most lists hold none (one C-level test says so); the
    others are filtered by a C-level `compress` over the membership of each item, with no Python loop."""
    if vocabulary.isdisjoint(items):
        return []
    return list(compress(range(len(items)), map(vocabulary.__contains__, items)))


def _chains_in(text: str) -> list[re.Match[str]]:
    """The arrow chains of a line. The chain pattern is tried a little before each arrow rather than from every
    position of the line, which keeps long lines with one arrow cheap."""
    chains: list[re.Match[str]] = []
    covered = 0
    for arrow in _ARROW_ONLY.finditer(text):
        if arrow.start() < covered:
            continue
        match = _ARROW_CHAIN.search(text, max(covered, arrow.start() - 60), arrow.end() + 200)
        if match is not None and match.start() <= arrow.start() < match.end():
            chains.append(match)
            covered = match.end()
    return chains


def _chain_steps(chain: str) -> list[list[str]] | None:
    """`Draft → In Review → approved | rejected` -> [["draft"], ["in_review"], ["approved", "rejected"]]; None when a
    step is not a state name (a sentence, a path, a formula)."""
    segments = _ARROW.split(chain)
    if len(segments) < 2:
        return None
    steps: list[list[str]] = []
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        segment = rx.sub(r"[（(][^)）]*[)）]?", " ", segment).strip().strip("*_`\"'“”[]{}.,;:")
        words = segment.split()
        if not words:
            return None
        if index == 0:
            words = _state_words_at_end(words)
        elif index == last:
            words = _state_words_at_start(words)
        alternatives = [part.strip().strip("*_`\"'“”") for part in rx.split(r"\s*(?:/|\||,|\bor\b)\s*", " ".join(words))]
        step = []
        for part in alternatives:
            if not part:
                continue
            if not rx.fullmatch(r"[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,2}", part) or len(part) < 3 \
                    or part.casefold() in _NOT_STATE_WORDS:
                return None
            state = snake_case(part)
            if state and state not in step:
                step.append(state)
        if not step:
            return None
        steps.append(step)
    return steps if len({state for step in steps for state in step}) >= 2 else None


def _state_words_at_end(words: list[str]) -> list[str]:
    """The state before the first arrow: the last word, with the word before it when they read as one state
    (`in progress`, `checked in`, `on hold`)."""
    words = [w for w in words if w.strip("*_`\"'“”")]
    if not words:
        return words
    last = words[-1].strip("*_`\"'“”")
    if "`" in words[-1] or "**" in words[-1]:
        return [last]
    if len(words) > 1 and (words[-2].casefold() in _STATE_PREFIXES or last.casefold() in _STATE_PARTICLES):
        return [words[-2], last]
    return [last]


def _state_words_at_start(words: list[str]) -> list[str]:
    """The state after the last arrow: its first word, or two when they read as one state."""
    if len(words) > 1 and (words[0].casefold() in _STATE_PREFIXES or words[1].casefold().strip(".,;") in _STATE_PARTICLES):
        if "/" in words[0] or "|" in words[0]:
            return [words[0]]
        return words[:2]
    if len(words) > 2 and words[1] in ("|", "/", "or"):
        return words[:3]
    if len(words) > 1 and _is_state_word(words[1]) and not _is_state_word(words[0]):
        return words[:2]  # `RMA closed`, `payment pending`
    return words[:1]


def _is_state_word(word: str) -> bool:
    word = word.casefold().strip("*_`\"'“”.,;:)")
    return word in _STATE_WORDS or (word.endswith("ed") and len(word) > 4)


def _verb_of_state(state: str, vocabulary: set[str]) -> str:
    """The action that leads to a state (`submitted` -> `submit`, `approved` -> `approve`, `paid` -> `pay`,
    `checked_in` -> `check in`), preferring a spelling the spec itself uses; "" when the state is not a past form."""
    head, _, rest = state.partition("_")
    if head in _IRREGULAR_STATES:
        verb = _IRREGULAR_STATES[head]
    elif head.endswith("ied") and len(head) > 4:
        verb = head[:-3] + "y"
    elif head.endswith("ed") and len(head) > 4:
        stem = head[:-2]
        candidates = ([stem[:-1]] if stem[-1] == stem[-2] else []) + [head[:-1], stem]
        verb = next((c for c in candidates if c in vocabulary), None) or (
            stem[:-1] if stem[-1] == stem[-2] and stem[-1] not in "lsz" else
            head[:-1] if stem.endswith(_SILENT_E_STEMS) else stem)
    else:
        return ""
    return f"{verb} {rest.replace('_', ' ')}" if rest else verb


def _mark(flags: bytearray, start: int, end: int) -> None:
    """Set flags[start:end] (one slice assignment instead of a loop over lines)."""
    if end > start:
        flags[start:end] = b"\x01" * (end - start)


# The values a status definition lists: "(`pending`, `active`)", "whether an account is active, blocked, or deleted".
_VALUE_LIST = re.compile(r"\(([^()]*(?:,|\bor\b)[^()]*)\)|\bwhether (?:an? |the |its |their )?[\w -]+? is "
                         r"((?:[\w-]+,\s*)+(?:or\s+|and\s+)?[\w-]+)")


def _status_values(description: str) -> list[str]:
    """The values a status entity's definition lists, read as a column's closed list of values is, or []."""
    found = _VALUE_LIST.search(description)
    return enum_values(found.group(1) or found.group(2)) if found else []


def _any_within(positions: list[int], low: int, high: int) -> bool:
    """Whether a sorted list of positions has one in [low, high)."""
    index = bisect_left(positions, low)
    return index < len(positions) and positions[index] < high


def _is_plural_word(word: str) -> bool:
    lower = word.casefold()
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and singular(lower) != lower


def _has_source(sources: list[SourceRef], label: str) -> bool:
    return any(source.label == label for source in sources)


def _word_matches(lowered: str, needles: tuple[str, ...], pattern: re.Pattern[str]) -> list[int]:
    """Sorted offsets where `pattern` matches at the start of a word beginning with one of `needles` (every match
    starts with one; `str.find` reaches them faster than the pattern scans the text)."""
    starts: set[int] = set()
    for needle in needles:
        position = lowered.find(needle)
        while position >= 0:
            starts.add(position)
            position = lowered.find(needle, position + 1)
    return [start for start in sorted(starts)
            if not (start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_")) and pattern.match(lowered, start)]


_ONE_OWNER_BEFORE = re.compile(r"\b(?:belongs? to|belonging to|part of|within|of|in|under|exactly one|one|a single|its)"
                               r"\s+(?:an?\s+|one\s+|the\s+|its\s+)?$")
# "relationships to their books", "linked to multiple projects": many of them, before a plural name.
_MANY_OF_THEM_BEFORE = re.compile(r"\b(?:their|multiple|many|several|one or more)\s+$")


# Between a person and the query verb they do: "users to filter", "members can search", "admins MUST be able to sort".
_QUERIER_GAP = re.compile(r"\s*(?:(?:to|can|could|may|must|should|will|shall|cannot)\s+)?(?:be able to\s+)?",
                          re.IGNORECASE)


def _drop_one_to_many(first: Entity, second: Entity) -> None:
    """Forget what was read as one-to-many between the two: they turn out to be linked many-to-many."""
    for one, other in ((first, second), (second, first)):
        one.relationships = [r for r in one.relationships
                             if not (r.target == other.name and r.kind in ("belongs-to", "has-many"))]


def _local_plural(name: str, lang: str) -> str:
    """`registro de processamento` -> `registros de processamento`; `ranking pessoal` -> `rankings pessoais`."""
    words = name.split()
    if " de " in f" {name} ":
        head = words.index("de")
        return " ".join([languages.plural(word, lang) for word in words[:head]] + words[head:])
    return " ".join(languages.plural(word, lang) for word in words)


def _credential(name: str, phrase: str, source: SourceRef) -> Attribute:
    """A column an account signs in with (`email`, `username`, `password_hash`, `phone`), as the spec wrote it."""
    return Attribute(name, infer_type(name) if name != "password_hash" else "str", unique=name in ("email", "username"),
                     description=f"{phrase} (signs in with it)", sources=[source])


def _is_person(entity: Entity) -> bool:
    """An actor, or an entity named like one (`Organizer`, `Patient`) before the actors are settled."""
    return entity.is_actor or bool(ACTOR_NAME.search(entity.display_name))


def _clauses(text: str) -> list[str]:
    return [clause.strip() for clause in _SENTENCE_END.split(text) if clause.strip()]


def _first_bracket(text: str) -> str:
    match = rx.search(r"[（(]([^()（）]*)[)）]", text)
    return match.group(1) if match else ""


_SKIP_VERBS = frozenset({"tries", "try", "attempts", "attempt", "wants", "want", "is", "are", "has", "have", "does",
                         "do", "can", "could", "will", "must", "should", "then", "again", "also", "not"})


def _trigger_of(when_clause: str) -> str:
    """The action in a `When` clause: `the organizer publishes it` -> `publish`; `the payment fails` -> `fail`."""
    words = rx.findall(r"[A-Za-z-]+", when_clause)
    for index, word in enumerate(words):
        lower = word.casefold()
        if lower in ("the", "a", "an", "it", "they", "he", "she", "when", "user", "i") or lower in _SKIP_VERBS:
            continue
        if lower.endswith("s") and index > 0 and not lower.endswith("ss"):
            return _base_verb(lower)
    for index, word in enumerate(words[1:], start=1):
        following = words[index + 1].casefold() if index + 1 < len(words) else ""
        if following in ("it", "them", "the", "a", "an", "this", "their", "its", "his", "her") \
                and word.casefold() not in _SKIP_VERBS:
            return word.casefold()
    return ""


def _trigger_near(text: str, position: int) -> str:
    before = text[max(0, position - 80):position]
    verbs = rx.findall(r"\b([a-z]+(?:es|s|ed))\b", before)
    for verb in reversed(verbs):
        if verb not in _SKIP_VERBS and verb not in ("is", "was", "has", "status", "process"):
            return _base_verb(verb)
    return ""


def _base_verb(word: str) -> str:
    if word.endswith(("shes", "ches", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        # `stopped`, `submitted`, `cancelled`: a doubled last consonant; `passed`, `called`, `spelled` keep theirs.
        if len(stem) > 2 and stem[-1] == stem[-2] and (stem[-1] in "bdgmnprt" or stem.endswith("ell") and len(stem) > 5):
            return stem[:-1]
        return stem + "e" if stem.endswith(("at", "iz", "us", "ir")) else stem
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _known_state(values: list[str], state: str) -> str:
    """The value a chain's step names when the chain cut it short: `way` of "On the way" is `on_the_way` when the
    status already lists that value (and no other ends so)."""
    if state in values:
        return state
    longer = [value for value in values if value.endswith("_" + state)]
    return longer[0] if len(longer) == 1 else state


def _has_active_state(entity: Entity) -> bool:
    """Whether a status or a column of the entity already says it is active or not (`status (active / inactive)`,
    `active (bool)`): no `is_active` beside it."""
    if any(attribute.name == "active" and attribute.type == "bool" for attribute in entity.attributes):
        return True
    if entity.states is not None and {"active", "inactive"} & {state.casefold() for state in entity.states.states}:
        return True
    return any({"active", "inactive"} & {value.casefold() for value in attribute.enum_values}
               for attribute in entity.attributes)


def _defined_within(part: Entity, whole: Entity) -> bool:
    """Whether the part's own definition places it inside the whole ("Group: a container within a Section"): the
    whole's "zero or more Groups" are then its own, not shared with other wholes."""
    description = part.description
    name = whole.display_name
    return bool(description) and name.casefold() in description.casefold() and bool(rx.search(
        rf"(?i)\b(?:within|inside|in|under|belongs? to|part of)\s+(?:an?|the|one|its|each)\s+{re.escape(name)}\b", description))


# ------------------------------------------------------------------ rules between two columns

_ORDERED_TYPES = frozenset({"date", "datetime", "int", "Decimal", "float"})
_COMPARISON_WORDS = (" than ", " after ", " before ", "exceed", " at least ", " at most ")
# "an end time later than its start time", "the due date is not earlier than the issue date", "reserved quantity
# cannot exceed total quantity": a column, the comparison (possibly denied), the other column.
_COMPARISON = re.compile(
    r"\s(?P<negation>(?:must|should|shall|can|may|will|does|do|is|are)\s+not\s+(?:be\s+)?|cannot\s+(?:be\s+)?|"
    r"can't\s+(?:be\s+)?|never\s+(?:be\s+)?)?(?:(?:is|are|be|must\s+be|should\s+be|shall\s+be|falls?|comes?)\s+)?"
    r"(?P<op>(?:equal\s+to\s+or\s+)?(?:later|earlier|greater|less|more|fewer|higher|lower)\s+than|"
    r"on\s+or\s+(?:after|before)|after|before|exceeds?|at\s+least|at\s+most|"
    r"no\s+(?:later|earlier|more|less|greater|fewer)\s+than)\s+"
    r"(?:(?:the|its|their|his|her|this|that|a|an)\s+)?(?:(?:current|currently|given|stated)\s+)?")
_COMPARISON_SIGNS = {
    "later than": ">", "greater than": ">", "more than": ">", "higher than": ">", "after": ">", "exceed": ">",
    "exceeds": ">",
    "earlier than": "<", "less than": "<", "fewer than": "<", "lower than": "<", "before": "<",
    "on or after": ">=", "at least": ">=", "no earlier than": ">=", "no less than": ">=", "no fewer than": ">=",
    "equal to or later than": ">=", "equal to or greater than": ">=", "equal to or more than": ">=",
    "equal to or higher than": ">=",
    "on or before": "<=", "at most": "<=", "no later than": "<=", "no more than": "<=", "no greater than": "<=",
    "equal to or earlier than": "<=", "equal to or less than": "<=", "equal to or fewer than": "<=",
    "equal to or lower than": "<=",
}
_OF_THING_END = re.compile(r"\s+of\s+(?:an?|the|each|every|its|their|this|that)\s+[\w -]{1,40}$")
_OPPOSITE_SIGN = {">": "<=", "<=": ">", "<": ">=", ">=": "<"}
_TEMPORAL_SIGNS = {">": "after", ">=": "on or after", "<": "before", "<=": "on or before"}
_REFUSED_CASE = re.compile(r"\b(?:reject(?:s|ed)?|refuse[sd]?|invalid|disallow(?:s|ed)?|not allowed|prevent(?:s|ed)?|"
                           r"blocks?|blocked|error)\b")
# Columns that bound one range: the second of each pair may not come before the first.
_RANGE_BOUNDS = ((re.compile(r"start_(\w+)"), r"end_\1"), (re.compile(r"(\w+)_start"), r"\1_end"),
                 (re.compile(r"starts_at"), "ends_at"), (re.compile(r"min_(\w+)"), r"max_\1"),
                 (re.compile(r"minimum_(\w+)"), r"maximum_\1"), (re.compile(r"(\w+)_min"), r"\1_max"),
                 (re.compile(r"valid_from"), "valid_until"), (re.compile(r"valid_from"), "valid_to"),  # either end
                 (re.compile(r"check_in_(\w+)"), r"check_out_\1"))
# A column that is itself a range ("Date Range", "time range"): the two columns that bound it.
_RANGE_COLUMN = re.compile(r"(?:(\w+?)_)??(date_time|datetime|date|time)_range")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds `text[start:end]` (cut at full stops)."""
    stop = text.find(".", end)
    return text[text.rfind(".", 0, start) + 1:stop if stop >= 0 else len(text)]


def _ends_with_column(text: str, column: str) -> bool:
    words = column.replace("_", " ")
    return text.endswith(words) and (len(text) == len(words) or not text[-len(words) - 1].isalnum())


def _starts_with_column(text: str, column: str) -> bool:
    words = column.replace("_", " ")
    return text.startswith(words) and (len(text) == len(words) or not text[len(words)].isalnum())


def _rule_text(left: str, sign: str, right: str, kind: str) -> str:
    word = _TEMPORAL_SIGNS[sign] if kind in ("date", "datetime") else sign
    return f"{left} {word} {right}"


def _split_ranges(entity: Entity) -> None:
    """`date_range` -> `start_date` and `end_date` (a range is stored as its two bounds)."""
    taken = {a.name for a in entity.attributes}
    columns: list[Attribute] = []
    for attribute in entity.attributes:
        found = _RANGE_COLUMN.fullmatch(attribute.name)
        prefix = f"{found.group(1)}_" if found is not None and found.group(1) else ""
        names = [f"{prefix}start_{found.group(2)}", f"{prefix}end_{found.group(2)}"] if found is not None else []
        if not names or taken.intersection(names):
            columns.append(attribute)
            continue
        kind = "date" if found.group(2) == "date" else "datetime"
        columns += [Attribute(name, kind, required=attribute.required,
                              description=f"{which} of the {attribute.name.replace('_', ' ')}",
                              sources=list(attribute.sources)) for name, which in zip(names, ("start", "end"))]
    entity.attributes = columns
