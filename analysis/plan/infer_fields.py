"""Attribute phrases of spec prose: split attribute lists, name fields, infer their types, limits and enum values.

The plan engine's domain inference (`analysis.plan.infer`) finds *where* a spec lists an entity's attributes
("— title, description, start time", "with a name, address and city", "Key attributes: ...", a bare
parenthesised list); this module turns one such list into `Attribute`s: snake_case names, a type (`str`,
`text`, `int`, `Decimal`, `date`, `datetime`, `bool`, `EmailStr`, `HttpUrl`, `UUID`, `json`, `list[str]` or an
enum), required/optional, unique, human-readable limits ("3..120 chars", ">= 0"), defaults and closed value
lists. Pure functions over strings; depends on `inflection` and the plan model only, never on pygls.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from analysis.entities import singular
from analysis.plan import infer_patterns as rx

# ----------------------------------------------------------------------------------------- list splitting

_OPEN = "([{（"
_CLOSE = ")]}）"


def split_top_level(text: str, separators: str = ",;") -> list[str]:
    """Split on separators outside brackets (`status (a, b), name` -> two pieces)."""
    masked = mask_brackets(_mask_quotes(text))  # separators inside brackets and quotes become `_`, offsets unchanged
    pieces: list[str] = []
    cut = 0
    for match in _separator_pattern(separators).finditer(masked):
        pieces.append(text[cut:match.start()])
        cut = match.end()
    pieces.append(text[cut:])
    return [piece.strip() for piece in pieces if piece.strip()]


@lru_cache(maxsize=16)
def _separator_pattern(separators: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(separators) + "]")


_QUOTED = re.compile(r'"[^"\n]{1,80}"|“[^”\n]{1,80}”')


def _mask_quotes(text: str) -> str:
    """`description "Milk, eggs, bread"`: a quoted example value is one piece (its text masked, same length)."""
    if '"' not in text and "“" not in text:
        return text
    return _QUOTED.sub(lambda match: match.group(0)[0] + "_" * (len(match.group(0)) - 2) + match.group(0)[-1], text)


_AND_SPLIT = re.compile(r"\s+(?:and|&|as well as|plus)\s+", re.IGNORECASE)
# What a column is for, two ways: `for retrieval and modification`, `for display and sorting` (not a second column).
_PURPOSE_BEFORE = re.compile(r"\s(?:for|used for|to support)\s+(?:[a-z]+\s+)?[a-z]+(?<!s)$", re.IGNORECASE)
_PURPOSE_AFTER = re.compile(r"[a-z]+(?:ion|ing|al|ment|ance|ence)\s*$", re.IGNORECASE)


def split_list(text: str) -> list[str]:
    """`a title (3-120 characters), a description and a venue` -> the three items, brackets kept."""
    items: list[str] = []
    for piece in split_top_level(text, ",;"):
        piece = rx.sub(r"^(?:and|or|&)\s+", "", piece.strip(), flags=re.IGNORECASE)
        # "address and city": split on "and" outside brackets only.
        outside = mask_brackets(_mask_quotes(piece))
        cut = 0
        for match in _AND_SPLIT.finditer(outside):
            if _PURPOSE_BEFORE.search(outside, cut, match.start()) and _PURPOSE_AFTER.match(outside, match.end()):
                continue  # `Unique identifier for retrieval and modification`: two purposes of one column
            items.append(piece[cut:match.start()].strip())
            cut = match.end()
        items.append(piece[cut:].strip())
    return [item for item in items if item]


_BRACKET = re.compile(r"[(\[{（)\]}）]")
_OPENING = re.compile(r"[(\[{（]")


def mask_brackets(text: str) -> str:
    """The text with bracketed parts replaced by `_`, same length (so offsets stay valid); an unmatched closing
    bracket stays, an unclosed opening one masks the rest."""
    if not _OPENING.search(text):
        return text
    out: list[str] = []
    depth = 0
    cut = 0
    # Only the brackets are visited; the text between them is copied in slices.
    for match in _BRACKET.finditer(text):
        position = match.start()
        if text[position] in _OPEN:
            if not depth:
                out.append(text[cut:position])
                cut = position
            depth += 1
        elif depth:
            depth -= 1
            if not depth:
                out.append("_" * (position + 1 - cut))
                cut = position + 1
    out.append("_" * (len(text) - cut) if depth else text[cut:])
    return "".join(out)


# ----------------------------------------------------------------------------------------- one item

@dataclass(slots=True)
class FieldPhrase:
    """One attribute as the spec words it, before it becomes an `Attribute`."""

    name: str
    """snake_case."""
    phrase: str
    """The words it came from (`start time`), for locating it in the spec."""
    type: str = "str"
    required: bool = True
    unique: bool = False
    default: str | None = None
    constraints: list[str] = field(default_factory=list)
    enum_values: list[str] = field(default_factory=list)
    reference: str = ""
    """When the item names another thing (`owning user`, `customer reference`), the words naming it."""
    plural: bool = False
    """The item is a plural noun (`tasks`, `images`): a has-many or a list, not a scalar."""


_LEADING_WORDS = re.compile(
    r"^(?:(?:one or more|zero or more|at least one|(?:up to|at most|no more than|a maximum of) (?:\d+|two|three|four|five|six|seven|eight|nine|ten)|a list of|list of|a set of|set of|multiple|many|several|a|an|the|its|their|his|her|each|every|one|single|some|any|own|has|have|having|with|includes?|including|"
    # (the speaker's: "added to the waitlist with my position shown" is the entry's `position`)
    r"my|your|our|"
    r"contains?|containing|holds?|tracks?|stores?|records?|captures?|carries|also|optionally|plus|of|its own|current|"
    r"associated|corresponding|relevant|specific|basic|given|assigned|linked|related|selected|chosen|"
    # Words that judge a value rather than name it: `an incorrect password`, `the entered title`.
    r"incorrect|correct|wrong|invalid|valid|entered|existing|same|different|exact|appropriate|proper|duplicate|respective|"
    r"provided|supplied|"  # (`the provided content`: the same column)
    r"empty|blank|missing|"  # (`update a task with an empty title`)
    # Words that say what kind of value it is, never part of its name: `a monetary amount`, `a descriptive label`.
    r"monetary|descriptive)\s+)+", re.IGNORECASE)
_FEEDBACK = re.compile(r"(?:(?:an?|the|with)\s+)*(?:appropriate|clear|helpful|friendly|informative|meaningful|"
                       r"user-friendly|success|confirmation|explanatory)\s+(?:error\s+)?(?:message|notice|feedback|prompt)s?\b",
                       re.IGNORECASE)
_NOW = re.compile(r"(?:the\s+)?(?:current|today['’]s)\s+(?:date|time|day|datetime|timestamp)$|today$|now$", re.IGNORECASE)
# A sign a number must have (`a positive amount`): a limit of the column, not a word of its name.
_SIGNED = re.compile(r"^(positive|non-?negative)\s+(?=[a-z])", re.IGNORECASE)
_ONLY_A_LIMIT = re.compile(r"(?:up to|at most|no more than|a maximum of) (?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:characters?|chars?|words?|digits?|"
                           r"bytes?|[kmg]b|times?|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
_QUALIFIER_WORDS = re.compile(r"\b(optional|optionally|required|mandatory|unique|nullable|non-empty|non-blank|editable|"
                              r"immutable|read-only|hashed|encrypted|tokenized|normalised|normalized)\b", re.IGNORECASE)
# A list item stops being a field name at a preposition or a clause; the rest is a qualifier ("in the future").
_TAIL = re.compile(r"\s+(?:in|with|within|for|from|that|which|who|when|where|used|per|by|to|on|at|as|via|if|so|"
                   r"between|across|after|before|until|during|under|over|must|can|may|should|will|is|are|was|"
                   r"being|shown|displayed|set|e\.g\.|i\.e\.|like|such)(?=\s|$).*$"
                   # `a lot code captured at receive`: a participle and its phrase qualify the noun before them.
                   r"|\s+\w{2,}[^e\W]ed\s+(?:at|in|on|by|from|for|to|during|when|with|after|before|upon)\s.*$", re.IGNORECASE)
_NOT_FIELD_WORDS = frozenset({
    "etc", "etc.", "more", "other", "others", "details", "detail", "information", "info", "data", "fields", "field",
    "attributes", "metadata fields", "things", "it", "them", "this", "that", "these", "those", "everything", "all",
    "various", "several", "many", "multiple", "none", "n/a", "tbd", "...", "so on", "the like", "relationships",
    "rules", "constraints", "lifecycle", "history", "timestamps", "account", "accounts", "access", "permission",
    "permissions", "system", "the system", "application", "the application",
    "new information", "updated information", "new details", "new data",
    # the caller's credential, sent with a request ("When I GET `/api/v1/tasks` with my JWT"); a session that keeps
    # one says "JWT token"
    "jwt",
    # "by default": how it is done when nothing is chosen
    "default",
})
# `deliver messages with minimal latency`: how well something is done, not data it holds.
_HOW_WELL = re.compile(r"(?:minimal|minimum|low|lower|no|zero|reduced|little|less|high|acceptable)\s+"
                       r"(?:latency|delays?|downtime|overhead|effort|friction|lag)", re.IGNORECASE)
# `status management`, `progress tracking`: what the system does with data, not a column of it.
_CAPABILITY = re.compile(r"\s(?:management|tracking|handling|support|capabilit(?:y|ies)|functionality|processing|"
                         r"integrations?|workflows?|monitoring|reporting)$", re.IGNORECASE)
_VERB_START = re.compile(r"^(?:is|are|was|were|be|can|could|may|must|should|will|would|belongs?|represents?|"
                         r"allows?|enables?|supports?|manages?|handles?|defines?|describes?|links|points to|"
                         r"perform|performs|create|delete|edit|approve|"  # (`perform other task actions`: an act)
                         r"maintains?|provides?|offers?|ensures?|enforces?|requires?|notifies?|"
                         r"determines?|governs?|establishes|guarantees?|prevents?|"  # (what a relationship does)
                         r"references|refers?|gets?|becomes?|uses|used|tied|scoped|shared|owned|created|"
                         r"applies|recurs|repeats|occurs|happens|remains|stays|lasts|"
                         r"generated|computed|calculated|derived|stored|persisted|not|no|only|either|both|"
                         r"see|note|e\.g\.|i\.e\.|such|where|when|which|who|that|if|between|of|for|from|to|in|on|"
                         r"at|within|about|into|across|via|per|by|without|than|then|so)\b", re.IGNORECASE)
# A code name (in backticks, or snake_case / camelCase even when the backticks were dropped) and a type word.
# (Case matters in the name: `dueDate` is camel case, `Creation` is a word; only the type word is any case.)
_TYPED_IDENTIFIER = re.compile(r"(?:`([A-Za-z_][A-Za-z0-9_]*)`|([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*))\s+(?i:(boolean|bool|string|str|integer|int|number|date|datetime|"
                               r"timestamp|uuid|decimal|json|jsonb|text|enum|column|field|flag))\b")
# `platform enum`, `Price decimal`: a word and a type name in lower case (not a flag, `active boolean` is `is_active`,
# nor words that make names of their own: `start date`, `creation timestamp`, `description text`, `phone number`,
# `custom field`, `completed flag`).
_WORD_TYPED = re.compile(r"(?!)()|([A-Za-z][a-z0-9]*)\s+(string|integer|decimal|uuid|json|jsonb|enum)\b")
_TYPE_NAMES = {"boolean": "bool", "bool": "bool", "flag": "bool", "string": "str", "str": "str", "integer": "int",
               "int": "int", "number": "int", "date": "date", "datetime": "datetime", "timestamp": "datetime",
               "uuid": "UUID", "decimal": "Decimal", "json": "json", "jsonb": "json", "text": "text"}
# `description field`, `due date column`: the column's name and the word "field" (not `custom field`, `form field`,
# `free-text field`: kinds of field).
_NAMED_FIELD = re.compile(r"(?!(?:custom|extra|additional|dynamic|form|input|text|free[- ]text|user[- ]defined|"
                          r"computed|calculated|derived|required|optional|search|hidden|new|single|multi)\b)"
                          r"([A-Za-z][\w'’-]*(?: [A-Za-z][\w'’-]*){0,2}) (?:field|column)", re.IGNORECASE)
_ENUM_SEPARATORS = re.compile(r"\s*(?:/|\||,|\bor\b|→|->)\s*", re.IGNORECASE)


def parse_item(raw: str) -> FieldPhrase | None:
    """One list item (`a title (3–120 characters)`, `status (draft, published)`, `isPrivate`) -> a field phrase.

    Results are memoised (the same items recur across requirements and across re-analyses of an edited
    document); callers get their own copy to adjust."""
    cached = _parse_item_cached(raw)
    if cached is None:
        return None
    # Spelled out rather than `dataclasses.replace`, which costs several times more on this hot path.
    return FieldPhrase(name=cached.name, phrase=cached.phrase, type=cached.type, required=cached.required,
                       unique=cached.unique, default=cached.default, constraints=list(cached.constraints),
                       enum_values=list(cached.enum_values), reference=cached.reference, plural=cached.plural)


@lru_cache(maxsize=8192)
def _parse_item_cached(raw: str) -> FieldPhrase | None:
    text = raw.strip().strip("`*_\"'“”.").strip()
    if not text or len(text) > 160 or _HOW_WELL.fullmatch(text) or _CAPABILITY.search(_TAIL.sub("", text)):
        return None
    if _NOW.match(text):
        return None  # "the user's current date": the clock, not a column
    if text[:1] in "uUaAnN" and _ONLY_A_LIMIT.match(text):
        return None  # `up to 500 characters`: a limit of the column before it, not a column
    if "message" in text or "notice" in text or "feedback" in text or "prompt" in text:
        if _FEEDBACK.match(text):
            return None  # `with appropriate message`: what the screen tells people, not a column
    typed = _TYPED_IDENTIFIER.match(raw.strip()) if "`" in raw or "_" in raw or not raw.islower() else None
    if typed is None and " " in raw:
        typed = _WORD_TYPED.match(raw.strip())
    if typed:
        # `` `directory_visible` boolean (default false) ``, `` `badge_status` column (values: a/b) ``: the code name
        # is the column's name; the word after it is its type (or just says it is a column).
        identifier = typed.group(1) or typed.group(2)
        rest = raw.strip()[typed.end():]
        phrase = _parse_item_cached(f"{identifier}{rest}") if rest.strip() else None
        # A copy: the inner result is memoised and must not change under its other callers.
        result = replace(phrase, constraints=list(phrase.constraints), enum_values=list(phrase.enum_values)) \
            if phrase is not None else FieldPhrase(name=snake_case(identifier), phrase=identifier)
        result.name = snake_case(identifier)
        kind = _TYPE_NAMES.get(typed.group(3).casefold())
        if kind and not result.enum_values:
            result.type = kind
        return result
    # Example values are not part of the name: `name "Shure SM58"`, `STR=10`, `priority: "High"`.
    if '"' in text or "“" in text:
        # (not inside brackets: `Status (default: "pending", can be "pending", "done")` quotes its values)
        text = rx.sub(r"[（(][^()（）]*[)）]|\s*[:=]?\s*[\"“][^\"”]*[\"”]",
                      lambda match: match.group(0) if match.group(0)[:1] in "(（" else "", text)
    if "=" in text:
        text = rx.sub(r"\s*=\s*\S+", "", text)
    text = text.strip()
    if "(" in text or "（" in text:
        qualifiers: list[str] = [match.group(1) for match in rx.finditer(r"[（(]([^()（）]*)[)）]", text)]
        head = rx.sub(r"\s*[（(][^()（）]*[)）]", " ", text)
        head = rx.sub(r"\s*[（(].*$", "", head)  # an unclosed bracket
    else:
        qualifiers, head = [], text
    head = " ".join(head.split()).strip(" :-–—`*").strip()
    if ":" in head:
        # `id: UUID`, `name: string` — a typed listing.
        left, _, right = head.partition(":")
        if left.strip() and len(left.split()) <= 3:
            qualifiers.append(right)
            head = left.strip()
    head = _LEADING_WORDS.sub("", head).strip()
    whether = rx.fullmatch(r"whether (?:it is |it's |they are )?([a-z]+)", head, re.IGNORECASE)
    if whether:
        # `whether required`: a yes/no column.
        return FieldPhrase(name=whether.group(1).casefold(), phrase=head, type="bool")
    if " " in head and _TIMESTAMP_WORD.match(head) and len(head.split()) <= 6 and head[:1].isalpha() \
            and _STAMP_CLAUSE_WORDS.isdisjoint(head.casefold().split()):
        # `Last used timestamp`, `Used timestamp (when verification completed)`: the moment, named whole (the
        # participle is no clause that ends the name)
        stamped = field_name(_LEADING_WORDS.sub("", head))[0]
        if stamped.endswith("_at") and rx.fullmatch(r"[a-z][a-z0-9_]*", stamped):
            result = FieldPhrase(name=stamped, phrase=head, type="datetime")
            result.required = not rx.search(r"\b(optional|nullable)\b", " ".join(qualifiers), re.IGNORECASE)
            return result
    early = _canonical_name(head)
    if early.endswith("_at") and " " in head:
        # `the time it was posted` -> `posted_at`: the whole clause names one timestamp column.
        result = FieldPhrase(name=early, phrase=head, type="datetime")
        result.required = not rx.search(r"\b(optional|nullable)\b", " ".join(qualifiers), re.IGNORECASE)
        return result
    actor = rx.fullmatch(r"((?:last[- ])?[a-z]+ed) by", head, re.IGNORECASE)
    if actor:
        # `performed by (user reference)`, `approved by`, `last modified by`: who did it, a reference to an account
        # (not the `last modified` timestamp the words before `by` would name on their own).
        result = FieldPhrase(name=f"{snake_case(actor.group(1))}_by", phrase=head, type="int", reference="user")
        result.required = not rx.search(r"\boptional\b|\bnullable\b", " ".join(qualifiers), re.IGNORECASE)
        return result
    tail_match = _TAIL.search(head)
    tail = ""
    if tail_match:
        tail = tail_match.group(0)
        head = head[:tail_match.start()].strip()
    if _VERB_START.match(head):
        return None
    if " " not in head and head[-2:] == "ed" and tail[:4].casefold() == " by ":
        return None  # `administered by one or more admins`: a passive clause, not a column
    if head[-1:] in "sS" and rx.search(r"\w\s+time ?stamps$|(?:ed|ion|start|end)\s+times$", head, re.IGNORECASE):
        head = head[:-1]  # `creation timestamps`, `last-updated times`: one timestamp each
    qualifier_text = " ".join(qualifiers + [tail, head])
    optional = bool(rx.search(r"\b(optional|optionally|nullable|if any|if available|may be empty|can be empty)\b",
                              qualifier_text, re.IGNORECASE))
    unique = bool(rx.search(r"\bunique\b", qualifier_text, re.IGNORECASE))
    canonical = _canonical_name(_LEADING_WORDS.sub("", head))
    head = _QUALIFIER_WORDS.sub(" ", head)
    head = _LEADING_WORDS.sub("", rx.sub(r"\s+", " ", head).strip()).strip(" -–—")
    head = head.split("/")[0].strip()  # `name/title` -> name
    if head[-6:].casefold() in (" field", "column") and " " in head:
        named = _NAMED_FIELD.fullmatch(head)
        if named:
            # `an optional description field`: the column is `description` (a `custom field` is a thing of its own)
            head = named.group(1)
            canonical = canonical or _canonical_name(head)
    if not head or head.casefold() in _NOT_FIELD_WORDS:
        return None
    signed = _SIGNED.match(head)
    if signed and infer_type(field_name(head[signed.end():])[0]) in ("int", "Decimal", "float"):
        # `positive monetary amount` -> `amount` (> 0); `positive feedback` keeps its words.
        head = _LEADING_WORDS.sub("", head[signed.end():]).strip()
        canonical = _canonical_name(head)
        tail = f"{signed.group(1)} {tail}"
    words = head.split()
    if len(words) > 4 or not rx.search(r"[A-Za-z]", head):
        return None
    if not all(rx.fullmatch(r"[A-Za-z][\w'’.\-\[\]]*", word) for word in words):
        return None
    if _not_a_name(words):
        return None
    valued = _NAME_THEN_VALUE.fullmatch(head)
    if valued is not None:
        words = [valued.group(1)]  # "priority High": the column, then the value it takes in the example
        head = valued.group(1)
        canonical = ""
    if "'" in head or "’" in head:
        if any(len(word) <= 3 and word[:1].isupper() and word[1:2] in ("'", "’") for word in words):
            return None  # "user A's ID": a thing of an example person, not a column
    if words[-1].casefold() == "credentials" and len(words) > 1:
        return None  # `authentication credentials`: what sign-in stores (a password hash, a provider subject)
    phrase = head
    name, reference = (canonical, "") if canonical else field_name(head)
    if not name:
        return None
    plural = _is_plural_phrase(head)
    result = FieldPhrase(name=name, phrase=phrase, required=not optional, unique=unique, reference=reference, plural=plural)
    for qualifier in qualifiers:
        _read_qualifier(result, qualifier)
    _read_limits(result, " ".join([tail] + [q for q in qualifiers]))
    if "not blank" not in result.constraints and _NOT_BLANK.search(qualifier_text):
        result.constraints.append("not blank")  # `a non-blank description`
    if "[]" in head:
        result.name = result.name.replace("[]", "")
        result.plural = True
    if result.name.endswith("_"):
        result.name = result.name.rstrip("_")
    result.type = infer_type(result.name, " ".join(qualifiers), result.plural)
    flag = rx.fullmatch(r"([a-z]+)_(?:flag|status|state|boolean|bool)", result.name)
    if flag and (result.type == "bool" or result.name.endswith(("_flag", "_boolean", "_bool"))
                 or (flag.group(1) in _ON_OR_OFF and not result.enum_values)):
        # `revocation flag`, `active status (boolean)` -> `is_revoked`, `is_active`; a task's `completion status`
        # is whether it is done: `completed`, as data models name it (18 such boolean columns in the specs read, 3
        # named `is_completed`)
        participle = _participle(flag.group(1))
        result.name = participle if participle == "completed" else "is_" + participle
        result.type = "bool"
    return result


# A column whose values are named, then one of them, capitalised: `priority High`, `status Done`.
_NAME_THEN_VALUE = re.compile(r"(priority|status|state|type|kind|level|category|role|severity)\s+[A-Z][\w-]*")
# `completion status`, `active state`: whether it is so, a yes/no column (with no values of its own listed).
_ON_OR_OFF = frozenset({"completion", "active", "enabled", "disabled", "archived", "verified", "visible", "published",
                        "pinned", "locked"})


# Words that start no column name (`various prices exist`, `more than one cycle`, `or two member users`, `other
# metadata`) or stand in none: clause words (`while status pending`, `safely using optimistic locking`) and adverbs
# (`clearly indicate`, `recently joined`); the -ly words that do name things are kept.
_NO_NAME_START = frozenset({"various", "more", "other", "others", "all", "zero", "or", "and", "both", "either",
                            "sufficient", "insufficient", "enough", "adequate",
                            "neither", "while", "than", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                            "ten",
                            # a description of the thing, not a column: `Collection of tasks belonging to a user`
                            "collection"})
# (and pronouns: `history of these`; ends of a sort order: `most recent first`)
_NO_NAME_WORD = frozenset({"while", "than", "using", "exist", "exists", "appear", "appears", "drawn", "whereas", "these",
                           "those", "them", "it", "they",
                           # a verb: "two tickets with the same title and status be distinguished"; a clause: "Scheduled
                           # encounter linking patient, doctor, ..."
                           "be", "been", "linking", "connecting", "representing", "describing"})
_NO_NAME_END = frozenset({"and", "or", "first", "these", "those", "this", "that",
                          # how data is shown, not data: `simple graph visualization`, `a progress chart`
                          "visualization", "visualizations", "visualisation", "visualisations", "chart", "charts",
                          "graph", "graphs", "dashboard", "dashboards", "widget", "widgets",
                          # `with clear visual distinction between complete and incomplete items`
                          "distinction", "distinctions", "emphasis", "highlighting", "styling",
                          # where data is kept, not data: `file attachments with metadata storage (filename, size)`
                          "storage",
                          # what the screen shows or asks: `with confirmation dialog`, `with KPIs`, `spending analytics`
                          "dialog", "dialogs", "popup", "popups", "toast", "toasts", "tooltip", "tooltips", "kpi", "kpis",
                          "analytics",
                          # who may reach it, not data: `exclusive access to their own session data`
                          "access",
                          # how a list is read, not data: "listing tasks with optional `completed` filter"
                          "filter", "filters",
                          # a description cut before its place: `Task: Work item belonging to a user, with title`
                          "belonging"})
_LY_NAMES = frozenset({"monthly", "weekly", "daily", "yearly", "hourly", "quarterly", "biweekly", "nightly", "family",
                       "reply", "supply", "assembly", "anomaly", "early", "only", "friendly", "ally", "rally", "tally",
                       "jelly", "butterfly", "italy", "holy", "lily", "bully", "belly", "fly", "july"})


def _not_a_name(words: list[str]) -> bool:
    """Whether the words of a list item are a clause or a quantity rather than the name of a column."""
    lowered = [word.casefold() for word in words]
    if lowered[0] in _NO_NAME_START or lowered[-1] in _NO_NAME_END:
        return True
    return any(word in _NO_NAME_WORD or (word.endswith("ly") and len(word) > 4 and word not in _LY_NAMES)
               for word in lowered)


def _is_plural_phrase(head: str) -> bool:
    last = head.split()[-1].casefold().strip("[]")
    if not last.isascii() or len(last) < 4 or last.endswith(("ss", "us", "is", "ics", "news", "series")):
        return False
    if rx.search(r"[a-z][A-Z]", head.split()[-1]):
        return False
    return last.endswith("s") and singular(last) != last


# ----------------------------------------------------------------------------------------- names

# Generic English phrasings of common columns; each maps a phrase to the name a data model uses for it.
_CANONICAL = [
    (re.compile(r"^(?:unique |primary |internal |system |auto-generated |stable |immutable |persistent |permanent |opaque )?(?:identifier|id|uuid|guid|key)$", re.IGNORECASE), "id"),
    (re.compile(r"\b(?:creation|created|create)\b.*\b(?:timestamp|date|time|datetime)\b|^(?:date|time) (?:of )?creat\w*$|"
                r"^(?:creation|created)$|^created at$", re.IGNORECASE), "created_at"),
    (re.compile(r"\b(?:last[- ]?(?:modified|updated|update|modification|changed|edited)|modification|updated|update)\b.*"
                r"\b(?:timestamp|date|time|datetime)\b|^last[- ]?(?:modified|updated)$|^updated at$", re.IGNORECASE), "updated_at"),
    (re.compile(r"\b(?:deletion|deleted)\b.*\b(?:timestamp|date|time)\b|^deleted at$", re.IGNORECASE), "deleted_at"),
    # `expiry date` stays a date (`expiry_date`); an expiry time or a bare `expiry` is the moment it lapses.
    (re.compile(r"\b(?:expiry|expiration|expires?)\b(?!.*\bdate$).*\b(?:timestamp|time|datetime)?$", re.IGNORECASE), "expires_at"),
    (re.compile(r"^e-?mail(?: address)?$", re.IGNORECASE), "email"),
    (re.compile(r"^(?:the )?(?:time|date|moment) (?:it|they|he|she) (?:was|were) last (?:edited|updated|modified|changed)$",
                re.IGNORECASE), "updated_at"),
    (re.compile(r"^(?:the )?(?:time|date|moment) (?:it|they|he|she) (?:was|were) (?:first )?created$", re.IGNORECASE), "created_at"),
    (re.compile(r"^(?:the )?(?:time|date|moment) (?:it|they|he|she) (?:was|were) (?:last )?(\w+ed)$", re.IGNORECASE), "{1}_at"),
    (re.compile(r"^(?:the )?date (?:they|it|he|she|we|you|the \w+) (\w+ed)$", re.IGNORECASE), "{1}_at"),
    (re.compile(r"^(\w+) e-?mail address$", re.IGNORECASE), "{1}_email"),
    (re.compile(r"^(?:hashed|encrypted|salted) password$|^password hash$", re.IGNORECASE), "password_hash"),
    # `lifecycle states (draft/published/archived)`: the one status column of a lifecycle
    (re.compile(r"^(?:lifecycle|workflow) state$", re.IGNORECASE), "state"),
    (re.compile(r"^(?:(?:lifecycle|workflow)(?: (?:states|status(?:es)?|stages?))?|states|statuses)$", re.IGNORECASE), "status"),
    # `description text`, `user agent string`: a type word after the name is the column's type, not part of its name.
    (re.compile(r"^((?:\w+ )?(?:description|comment|message|note|body|content|review|answer|bio|biography|summary|"
                r"caption|feedback|reply|agent|instructions)) (?:text|string)$", re.IGNORECASE), "{1}"),
    # `text content`, `message body`: the kind of text is the column's type, not part of its name.
    (re.compile(r"^(?:text|textual|plain[- ]text|rich[- ]text|markdown|html|message|post|comment) (content|body)$",
                re.IGNORECASE), "{1}"),
]
_EVENT_DATE = re.compile(r"^(upload|publication|approval|submission|cancellation|completion|verification|deletion|"
                         r"archival|activation|suspension|withdrawal|revocation|confirmation|rejection|acceptance)\s+date$",
                         re.IGNORECASE)
_TIMESTAMP_WORD = re.compile(r"^(.*?)\s*\b(?:timestamp|time ?stamp)$", re.IGNORECASE)
_TIMESTAMP_OF = re.compile(r"^(?:timestamp|time ?stamp|time) of (?:the |an? )?(\w+)$", re.IGNORECASE)  # `Timestamp of click`


@lru_cache(maxsize=8192)
def snake_case(text: str) -> str:
    """`Ticket Type` / `ticketType` / `per-order limit` -> `ticket_type` / `ticket_type` / `per_order_limit`."""
    if text.isascii() and text.islower() and text.replace(" ", "").isalnum():
        return "_".join(text.split())
    text = fold_accents(text).strip().replace("’", "'").replace("'s ", " ").replace("'", "")
    text = rx.sub(r"\b([A-Z]{2,})s\b", lambda m: m.group(1).capitalize() + "s", text)  # `IDs`, `KPIs`, `URLs`
    text = rx.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = rx.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    text = rx.sub(r"[^0-9A-Za-z]+", "_", text)
    return rx.sub(r"_+", "_", text).strip("_").casefold()


@lru_cache(maxsize=8192)
def fold_accents(text: str) -> str:
    """`Café` -> `Cafe`, `Opinião` -> `Opiniao`: Latin letters lose their accents (names in code are ASCII); other
    scripts are left as they are (a Japanese voiced mark is not an accent)."""
    if text.isascii():
        return text
    return "".join(_fold_letter(char) if "\u00c0" <= char <= "\u024f" else char for char in text)


@lru_cache(maxsize=512)
def _fold_letter(char: str) -> str:
    if char in _LIGATURES:
        return _LIGATURES[char]
    folded = "".join(part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))
    return folded if folded.isascii() and folded else char


_LIGATURES = {"ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l",
              "Ł": "L", "ð": "d", "þ": "th"}


def pascal_case(text: str) -> str:
    """`Ticket Type` / `ticket_type` / `media ref` / `Opinião` -> `TicketType` / `TicketType` / `MediaRef` / `Opiniao`."""
    text = fold_accents(text)
    words = [word for word in rx.split(r"[\W_]+", rx.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)) if word]
    return "".join(word[:1].upper() + word[1:] for word in words)


_CANONICAL_HINTS = ("text", "string", "id", "key", "creat", "modif", "updat", "chang", "edit", "delet", "expir", "mail", "time", "date",
                    "moment", "password", "lifecycle", "workflow", "states", "statuses", "content", "body")


@lru_cache(maxsize=8192)
def _canonical_name(phrase: str) -> str:
    text = " ".join(phrase.split())
    # Every pattern below needs one of the hint words; for ASCII text, case folding matches what IGNORECASE does.
    if text.isascii() and not any(map(text.lower().__contains__, _CANONICAL_HINTS)):
        return ""
    for pattern, name in _CANONICAL:
        match = pattern.search(text)
        if match:
            return name.replace("{1}", snake_case(match.group(1))) if "{1}" in name else name
    return ""


# Words that join a clause to a name: `flag with verification timestamp` is no timestamp's name.
_STAMP_CLAUSE_WORDS = frozenset({"with", "of", "for", "in", "from", "by", "to", "on", "at", "per", "and", "or", "when",
                                 "which", "that", "if", "as"})
_ABOUT_WORDS = frozenset({"information", "info", "details", "detail", "data", "record", "reference"})


@lru_cache(maxsize=8192)
def field_name(phrase: str) -> tuple[str, str]:
    """A phrase to (snake_case field name, referenced thing or "").

    `customer ID` and `customer ID reference` -> (`customer_id`, `customer`); `reference to the order` -> (`order_id`,
    `order`); `owning user` -> (`user_id`, `user`); `creation timestamp` -> (`created_at`, "").
    """
    text = " ".join(phrase.split())
    canonical = _canonical_name(text)
    if canonical:
        return canonical, ""
    match = rx.match(r"^(?:reference|ref|link|pointer) to (?:the |a |an )?(.+)$", text, re.IGNORECASE) \
        or rx.match(r"^(.+?)(?: (?:id|identifier))? (?:reference|ref|id|identifier|key)$", text, re.IGNORECASE) \
        or rx.match(r"^(?:owning|parent|owner) (.+)$", text, re.IGNORECASE)
    if match:
        target = match.group(1).strip()
        word = text.split()[0].casefold()
        if target.casefold() in _ABOUT_WORDS and word in ("owning", "parent", "owner"):
            # `owner information`, `owner details`: who the owner is, a key to them (not to an "information")
            target = "user" if word == "owning" else word
        # (not what the identifier is for: a login, tracking or display identifier is a value people use)
        if target.casefold() not in ("unique", "external", "internal", "primary", "public", "id", "identifier", "login",
                                     "sign-in", "tracking", "display", "natural", "business", "human-readable"):
            return snake_case(target) + "_id", target
    match = _TIMESTAMP_WORD.match(text) or _TIMESTAMP_OF.match(text)
    if match and match.group(1):
        stem = snake_case(match.group(1))
        return (stem if stem.endswith("_at") else f"{_participle(stem)}_at"), ""
    event_date = _EVENT_DATE.match(text)
    if event_date:
        # `upload date`, `approval date`: the moment that event happened (`uploaded_at`), as for `upload timestamp`.
        return f"{_participle(event_date.group(1).casefold())}_at", ""
    if rx.match(r"^[a-z]+[A-Z]", text) or "_" in text:
        return snake_case(text), ""
    name = snake_case(text)
    if name.startswith(("maximum_", "minimum_")) and " " in text:
        # `maximum participants` -> `max_participants`: the abbreviation code and schemas use for limits.
        name = name[:3] + name[7:]
    return name, ""


def _participle(stem: str) -> str:
    """`login` -> `login`, `upload` -> `uploaded`: the timestamp column of an event noun."""
    irregular = {"upload": "uploaded", "publication": "published", "approval": "approved", "submission": "submitted",
                 "cancellation": "cancelled", "completion": "completed", "registration": "registered",
                 "check_in": "checked_in", "payment": "paid", "delivery": "delivered", "shipment": "shipped",
                 "start": "started", "end": "ended", "join": "joined", "revocation": "revoked", "send": "sent",
                 "read": "read", "verification": "verified", "deletion": "deleted", "archival": "archived",
                 "activation": "activated", "suspension": "suspended", "withdrawal": "withdrawn", "closure": "closed",
                 "removal": "removed", "arrival": "arrived", "renewal": "renewed", "receipt": "received",
                 "acceptance": "accepted",
                 "rejection": "rejected", "assignment": "assigned", "enrollment": "enrolled", "enrolment": "enrolled",
                 "expiration": "expired", "confirmation": "confirmed", "generation": "generated",
                 "creation": "created", "update": "updated", "modification": "modified", "issue": "issued",
                 "graduation": "graduated", "installation": "installed", "release": "released", "purchase": "purchased",
                 "order": "ordered", "sale": "sold", "change": "changed", "review": "reviewed", "resolution": "resolved",
                 "detection": "detected", "occurrence": "occurred", "capture": "captured", "transfer": "transferred",
                 "notification": "notified", "invitation": "invited", "reservation": "reserved", "booking": "booked",
                 "click": "clicked", "visit": "visited", "view": "viewed", "access": "accessed",
                 "issuance": "issued", "expiry": "expired", "termination": "terminated", "authorization": "authorized",
                 "authorisation": "authorised", "acknowledgement": "acknowledged", "acknowledgment": "acknowledged",
                 "departure": "departed", "dispatch": "dispatched", "consumption": "consumed", "redemption": "redeemed"}
    return irregular.get(stem, stem)


# ----------------------------------------------------------------------------------------- types

_MONEY = re.compile(r"(?:^|_)(?:price|cost|amount|total|fee|fees|balance|budget|subtotal|tax|discount|salary|revenue|"
                    r"refund|payout|charge|deposit|tip|wage|rate_amount|budget_limit)(?:_|$)"
                    # `regular pay`, `net earnings`: money only as the last word (`pay_period` is a period)
                    r"|(?:^|_)(?:pay|earnings|income|payable)$")
_INT = re.compile(r"(?:^|_)(?:count|quantity|qty|capacity|age|position|rank|level|year|seats|size|limit|rating|streak|counter|"
                  r"score|points|wins|losses|port|minutes|hours|days|weeks|months|number_of|duration|attempts|"
                  r"sets|reps|repetitions|laps|calories|"
                  r"retries|index|version|views|view_count|order|sequence|stock|threshold|max|min|floor|pages|"
                  r"priority_rank|interval|ttl|timeout|iterations|depth|width|height|length)(?:_|$)")
_READ_NUMBER = re.compile(r"^(?:order|invoice|receipt|ticket|reference|serial|account|case|booking|confirmation|"
                          r"tracking|document|contract|policy|claim|member|employee)_number$")
_COUNT_END = re.compile(r"_(?:count|quantity|qty|number|streak|counter)$")
_FLOAT = re.compile(r"(?:^|_)(?:latitude|longitude|lat|lng|lon|percentage|percent|ratio|weight|confidence|"
                    r"multiplier|factor|radius)(?:_|$)")
_BOOL = re.compile(r"^(?:is|has|can|should|allow|allows|enable)_|(?:^|_)(?:flag|enabled|active|visible|verified|"
                   r"archived|deleted|private|public|read|completed|approved|published|default|required|locked|"
                   r"pinned|featured|hidden|paid|resolved|done|revoked|staple|confirmed)$")
_TEXT = re.compile(r"(?:^|_)(?:description|notes|note|content|body|bio|biography|instructions|message|comment|"
                   r"summary|text|details|remarks|reason|explanation|feedback|answer|question|prose|markdown|"
                   r"transcript)$")
_DATETIME = re.compile(r"(?:_at|_time|_timestamp|^timestamp|^datetime|_datetime|^time|^scheduled_(?:start|end))$")
# Amounts of time (minutes), not points in time: `estimated reading time`, `response time`, `duration`.
_DURATION = re.compile(r"(?:^|_)(?:duration|reading_time|wait_time|waiting_time|response_time|processing_time|cook_time|"
                       r"cooking_time|prep_time|travel_time|lead_time)$|^estimated_\w*time$|_(?:minutes|seconds|hours|ms)$")
_DATE = re.compile(r"(?:^|_)(?:date|dob|birthday|birth_date|day)$|^date_|^(?:\w+_)?period_(?:start|end)$")
_URL = re.compile(r"(?:^|_)(?:url|uri|link|website|homepage|webhook)$")
_JSON = re.compile(r"^(?:metadata|payload|settings|preferences|attributes|options|config|configuration|properties|"
                   r"extra|context|data)$")


@lru_cache(maxsize=8192)
def infer_type(name: str, qualifier: str = "", plural: bool = False) -> str:
    """A field's type from its name and the words around it (`(UUID)`, `boolean`, `in cents`)."""
    q = qualifier.casefold()
    explicit = _explicit_type(q)
    if explicit:
        return explicit
    if name == "id" or name.endswith("_id"):
        return "UUID" if rx.search(r"\b(uuid|guid)\b", q) else "int"
    if name.endswith(("_count", "_counter")):
        return "int"  # `verification_email_resend_count`: how many, whatever it counts
    if name in ("email", "email_address") or name.endswith("_email") or "_email_" in name:
        return "EmailStr"
    if _URL.search(name):
        return "HttpUrl"
    if _BOOL.search(name):
        return "bool"
    if _DURATION.search(name):
        return "int"
    if _DATETIME.search(name):
        return "datetime"
    if _DATE.search(name):
        return "date"
    if _MONEY.search(name) and not _COUNT_END.search(name):
        return "Decimal"  # (`total_conversation_count` counts conversations)
    if _FLOAT.search(name):
        return "float"
    if (_INT.search(name) and not name.endswith(("_type", "_name")) and not _READ_NUMBER.search(name)) \
            or name in ("status_code", "http_status"):
        # (`order_number`, `invoice_number`: an identifier people read, `ORD-0042`, not a quantity)
        return "int"
    if _TEXT.search(name):
        return "text"
    if _JSON.search(name):
        return "json"
    if plural:
        return "list[str]"
    return "str"


_TYPE_WORDS = [
    (re.compile(r"\b(uuid|guid)\b"), "UUID"),
    (re.compile(r"\b(boolean|bool|true/false|yes/no)\b"), "bool"),
    (re.compile(r"\b(integer|int|whole number|number of)\b"), "int"),
    (re.compile(r"\b(decimal|money|currency amount|in cents|\d+\.\d\d)\b"), "Decimal"),
    (re.compile(r"\b(float|double)\b"), "float"),
    (re.compile(r"\b(datetime|timestamp|date-time|iso 8601 datetime|utc)\b"), "datetime"),
    (re.compile(r"^\s*date\s*$|\b(yyyy-mm-dd)\b"), "date"),
    (re.compile(r"\b(json|jsonb|object|map)\b"), "json"),
    (re.compile(r"\b(url|uri)\b"), "HttpUrl"),
    (re.compile(r"^\s*(text|long text|markdown|rich text)\s*$"), "text"),
    (re.compile(r"^\s*(string|str|varchar|char)\b"), "str"),
]


def _explicit_type(qualifier: str) -> str:
    if not qualifier.strip():
        return ""
    for pattern, type_name in _TYPE_WORDS:
        if pattern.search(qualifier):
            return type_name
    return ""


# ----------------------------------------------------------------------------------------- limits, enums

_NUMBER = r"\d[\d,_]*(?:\.\d+)?"
_DASH = r"\s*(?:–|—|-|to|\.\.)\s*"
_CHARS = r"(?:characters?|chars?|letters?|symbols?)"


def _number(text: str) -> str:
    return text.replace(",", "").replace("_", "")


def read_limits(text: str) -> list[str]:
    """Limits in prose: `3–120 characters` -> `3..120 chars`, `1–50,000` -> `1..50000`, `0.00 or more` -> `>= 0.00`."""
    found: list[str] = []
    if not text.strip():
        return found
    has_digit = any(char.isdigit() for char in text)
    if not has_digit:
        # Only the wordy limits can apply.
        lowered = text.casefold()
        if "negative" in lowered:
            found.append(">= 0" if rx.search(r"\bnon-?negative\b", text, re.IGNORECASE) else "")
        elif "positive" in lowered and rx.search(r"\bpositive\b", text, re.IGNORECASE):
            found.append("> 0")
        if "future" in lowered and rx.search(r"\bin the future\b|\bfuture (?:date|time)\b", text, re.IGNORECASE):
            found.append("in the future")
        if "past" in lowered and rx.search(r"\bin the past\b|\bpast (?:date|time)\b", text, re.IGNORECASE):
            found.append("in the past")
        if ("blank" in lowered or "empty" in lowered) and _NOT_BLANK.search(text):
            found.append("not blank")
        return [item for item in found if item]
    for match in rx.finditer(rf"({_NUMBER}){_DASH}({_NUMBER})\s*{_CHARS}", text, re.IGNORECASE):
        found.append(f"{_number(match.group(1))}..{_number(match.group(2))} chars")
    for match in rx.finditer(rf"(?:max(?:imum)?(?: of)?|up to|at most|no more than|not exceed(?:ing)?|≤|<=)\s*({_NUMBER})\s*{_CHARS}", text, re.IGNORECASE):
        found.append(f"<= {_number(match.group(1))} chars")
    for match in rx.finditer(rf"(?:min(?:imum)?(?: of)?|at least|≥|>=)\s*({_NUMBER})\s*{_CHARS}", text, re.IGNORECASE):
        found.append(f">= {_number(match.group(1))} chars")
    if not found:
        for match in rx.finditer(rf"(?<![\w.])({_NUMBER}){_DASH}({_NUMBER})(?![\w.:/])", text, re.IGNORECASE):
            low, high = _number(match.group(1)), _number(match.group(2))
            try:
                if float(low) <= float(high):
                    found.append(f"{low}..{high}")
            except ValueError:
                continue
        for match in rx.finditer(rf"({_NUMBER})\s*or (?:more|greater|higher|above)", text, re.IGNORECASE):
            found.append(f">= {_number(match.group(1))}")
        for match in rx.finditer(rf"({_NUMBER})\s*or (?:less|fewer|lower|below)", text, re.IGNORECASE):
            found.append(f"<= {_number(match.group(1))}")
        for match in rx.finditer(rf"(?:at least|minimum(?: of)?|no less than|≥|>=)\s*({_NUMBER})(?!\s*{_CHARS})", text, re.IGNORECASE):
            found.append(f">= {_number(match.group(1))}")
        for match in rx.finditer(rf"(?:at most|up to|maximum(?: of)?|no more than|≤|<=)\s*({_NUMBER})(?!\s*{_CHARS})", text, re.IGNORECASE):
            found.append(f"<= {_number(match.group(1))}")
    if rx.search(r"\bnon-?negative\b", text, re.IGNORECASE):
        found.append(">= 0")
    elif rx.search(r"\bpositive\b", text, re.IGNORECASE):
        found.append("> 0")
    if rx.search(r"\bin the future\b|\bfuture (?:date|time)\b", text, re.IGNORECASE):
        found.append("in the future")
    if rx.search(r"\bin the past\b|\bpast (?:date|time)\b", text, re.IGNORECASE):
        found.append("in the past")
    for match in rx.finditer(r"\b(\d+)-(?:digit|character|char)\b", text, re.IGNORECASE):
        found.append(f"{match.group(1)} chars")
    if _NOT_BLANK.search(text):
        found.append("not blank")
    out: list[str] = []
    for item in found:
        if item not in out:
            out.append(item)
    return out


_NOT_BLANK = re.compile(r"\bnon-?(?:blank|empty)\b", re.IGNORECASE)


def _read_limits(result: FieldPhrase, text: str) -> None:
    for limit in read_limits(text):
        if limit not in result.constraints:
            result.constraints.append(limit)


_TYPE_WORD_END = re.compile(r"(?i)\b(?:auto(?:-?generated|matic)?|timestamp|datetime|text|string|integer|int|boolean|bool|"
                            r"reference|ref|identifier|uuid|decimal|float|calculated|computed|derived)$")


def enum_values(qualifier: str) -> list[str]:
    """`draft, published, cancelled` / `todo/in-progress/done` / `ADMIN|COACH` -> snake values; [] when not a closed list."""
    text = qualifier.strip()
    if rx.match(r"^(e\.g\.|eg\b|for example|such as|like|i\.e\.)", text, re.IGNORECASE):
        return []
    # `default: "pending", can be "pending", "in_progress", "completed"`: the default first, then the values
    text = rx.sub(r"^default\s*(?:[:=]|is\b|to\b)?\s*[\"'“`]?[\w.\-]+[\"'”`]?\s*[,;]\s*", "", text, flags=re.IGNORECASE)
    text = rx.sub(r"^(?:can|may|could|must|will)\s+be(?:\s+one\s+of)?\s+", "", text, flags=re.IGNORECASE)
    text = rx.sub(r"\s*[,;]\s*default(?:s)?\b[^,;]*$", "", text, flags=re.IGNORECASE)  # `draft, sent; default draft`
    # (`optional, max 2000 characters` is no list of options)
    text = rx.sub(r"^(?:enum(?:erated|eration)?|values?|one of|either|states?|options?)\b\s*[:=]?\s*", "", text,
                  flags=re.IGNORECASE)
    text = rx.sub(r"\s*[—–-]\s+.*$", "", text)  # `CONFIRMED|CANCELLED — note`
    pieces = [piece.strip(" '\"`“”.") for piece in _ENUM_SEPARATORS.split(text)]
    pieces = [piece for piece in pieces if piece]
    if len(pieces) < 2:
        return []
    values: list[str] = []
    for piece in pieces:
        if len(piece.split()) > 3 or not rx.fullmatch(r"[A-Za-z][\w \-']*", piece):
            return []
        if rx.match(r"^(default|optional|required|unique|nullable|if|when|see|etc)\b", piece, re.IGNORECASE):
            return []
        if rx.search(_TYPE_WORD_END, piece):
            return []  # `timestamp, auto`, `user reference, auto`: the column's type and flags, not its values
        value = snake_case(piece)
        if value and value not in values:
            values.append(value)
    return values if len(values) >= 2 else []


def _read_qualifier(result: FieldPhrase, qualifier: str) -> None:
    values = enum_values(qualifier)
    if values:
        result.enum_values = values
    match = rx.search(r"\bdefault(?:s)?(?: to| is| value)?\s*[:=]?\s*[\"'“`]?([\w.\-]+)", qualifier, re.IGNORECASE)
    if match and (not values or snake_case(match.group(1)) in values):
        # (`default: "pending", can be "pending", ...`: one of the values)
        result.default = snake_case(match.group(1)) if values else match.group(1)


def describe_field(name: str, rest: str, plural: bool = False) -> FieldPhrase:
    """A field named by an identifier (`- **dueDate**: when payment is due (optional)`, a table row, a code line):
    its type, limits, enum values, default and flags come from the words after the name."""
    snake = snake_case(name.rstrip("?"))
    result = FieldPhrase(name=snake, phrase=name, plural=plural or name.endswith("[]"))
    bracket = rx.search(r"[（(]([^()（）]*)[)）]", rest)
    if bracket:
        result.enum_values = enum_values(bracket.group(1))
    if not result.enum_values:
        listed = rx.search(r"\b(?:one of|values?|either)\s*:?\s*([^.;]+)", rest, re.IGNORECASE)
        if listed:
            result.enum_values = enum_values(listed.group(1))
    result.required = not (name.endswith("?") or rx.search(r"\b(optional|nullable|if any|may be empty)\b", rest, re.IGNORECASE))
    result.unique = bool(rx.search(r"\bunique\b", rest, re.IGNORECASE))
    result.constraints = read_limits(rest)
    match = rx.search(r"\bdefault(?:s)?(?: to| is| value)?\s*[:=]?\s*[\"'“`]?([\w.\-]+)", rest, re.IGNORECASE)
    if match:
        result.default = match.group(1)
    result.type = infer_type(snake, rest, result.plural)
    return result
