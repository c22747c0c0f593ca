"""Domain errors from the refusals a spec describes: "publishing is refused with 'add at least one ticket type'",
"the second scan is rejected", "an order never exceeds the seats left", "duplicate emails are rejected".

Each refusal in an acceptance scenario, edge case or requirement becomes a named error of the entity it is about, with
an HTTP status chosen from its wording (409 for conflicts, limits, closed windows and wrong states; 400 for invalid
input; 403 for permission; 404 for unknown things), the quoted message when the spec gives one, and the statement it
came from. Pure functions over statements and entity mentions; no pygls or lsprotocol, no rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.plan.design_text import EntityMatcher, Statement
from analysis.plan.model import SourceRef

_REFUSAL = re.compile(r"\b(refus\w*|reject\w*|den(?:y|ies|ied)|prevent\w*|block\w*|disallow\w*|not allowed|cannot|can't|"
                      r"must not|never|error|invalid|exceed\w*|only once|at most|no more than)", re.I)
_REFUSAL_HINTS = ("refus", "reject", "den", "prevent", "block", "disallow", "not allowed", "cannot", "can't", "must not",
                  "never", "error", "invalid", "exceed", "only once", "at most", "no more than")
# A quoted message; a single quote only where it is no apostrophe (`I'm ... that's` quotes nothing).
_QUOTED = re.compile(r"[\"“]([^\"”]{3,80})[\"”]|(?<![A-Za-z])'([^']{3,80})'(?![A-Za-z])")

# (reason name, status, pattern) in priority order: the first that matches the statement names the error.
_REASONS: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple((name, status, re.compile(pattern, re.I)) for name, status, pattern in (
    ("AlreadyExists", 409, r"\b(duplicate\w*|already (?:exists?|registered|taken|in use)|unique|same (?:name|email|title|code))\b"),
    ("InUse", 409, r"\b((?<!already )(?<!: )(?<!, )in use|still (?:used|referenced|assigned|linked)|(?:has|have) (?:linked|associated|dependent|assigned) \w+|referenced by)\b"),
    ("AlreadyUsed", 409, r"\b(already (?:used|checked|scanned|redeemed|applied|processed|submitted|paid|cancell?ed)|twice|second time|more than once|only once)\b"),
    # a length the input is over ("titles exceeding 500 characters", "longer than 200 characters"): invalid input,
    # not a limit of the thing's state
    ("Validation", 400, r"\b((?:exceed\w*|longer than|more than|over|above|beyond)\s+(?:the\s+)?(?:maximum\s+)?(?:\d[\d,.]*\s*)?"
                        r"(?:characters?|chars?|words?|digits?|bytes?|length)|(?:maximum|max) length|too long)\b"),
    ("LimitExceeded", 409, r"\b(exceed\w*|sold out|not enough|no (?:seats|stock|capacity|space|slots?)|\w+ left\b|over(?:sold|booked|drawn)|capacity|limit\w*|quota|at most|no more than|maximum)\b"),
    ("WindowClosed", 409, r"\b(too late|expired?|deadline|window|closes?|closed|(?:hours?|days?|minutes?) before|after the|past)\b"),
    ("Forbidden", 403, r"\b(not (?:the )?owner|permission|not allowed|unauthori[sz]ed|forbidden|only (?:the|an?|admins?|managers?|owners?)\b)"),
    ("NotFound", 404, r"\b(not found|does(?: not|n't) exist|unknown|no such|missing (?:record|item))\b"),
    ("InvalidState", 409, r"\b(state|status|draft|not (?:yet )?(?:published|active|approved|open|paid)|inactive|archived|locked|cancell?ed|closed)\b"),
    ("Validation", 400, r"\b(invalid|required|missing|empty|blank|format|too (?:long|short)|at least|must be|between|out of range|malformed)\b"),
))

# Words one of which each reason's pattern needs (lower case): a pattern runs only on statements that contain one.
_REASON_HINTS = {
    "AlreadyExists": ("duplicat", "already", "unique", "same "),
    "InUse": ("in use", "still ", "has ", "have ", "referenced by"),
    "AlreadyUsed": ("already", "twice", "second time", "more than once", "only once"),
    "LimitExceeded": ("exceed", "sold out", "not enough", "no ", "left", "over", "capacity", "limit", "quota", "at most",
                      "maximum"),
    "WindowClosed": ("too late", "expire", "deadline", "window", "close", "before", "after the", "past"),
    "Forbidden": ("not ", "permission", "unauthori", "forbidden", "only "),
    "NotFound": ("not found", "does not exist", "doesn't exist", "unknown", "no such", "missing "),
    "InvalidState": ("state", "status", "draft", "not ", "inactive", "archived", "locked", "cancel", "closed"),
    "Validation": ("invalid", "required", "missing", "empty", "blank", "format", "too ", "at least", "must be", "between",
                   "out of range", "malformed", "character", "chars", "words", "digits", "bytes", "length"),
}


@dataclass(slots=True)
class Refusal:
    error: str
    status: int
    entity: str
    """The entity the refusal is about (its routes list the error), or "" when none is named."""
    message: str
    source: SourceRef
    text: str = ""
    """The statement, to find which operation it refuses."""


def find_refusals(statements: list[Statement], matcher: EntityMatcher,
                  actions: dict[str, str] | None = None) -> list[Refusal]:
    """One refusal per statement that says something is refused, rejected or prevented. `actions` maps an action verb
    (`publish`, `cancel`) to the entity it acts on, so "When the organizer tries to publish it, Then publishing is
    refused" is about the event even when the message names something else."""
    refusals: list[Refusal] = []
    for statement in statements:
        if statement.kind not in ("scenario", "edge-case", "requirement"):
            continue
        text = statement.text
        lowered = statement.lowered
        if not any(map(lowered.__contains__, _REFUSAL_HINTS)) or not _REFUSAL.search(text):
            continue
        mentions = matcher.mentions(text)
        entity = _action_entity(text, actions or {}) or _subject_entity(text, mentions)
        reason = next(((name, status) for name, status, pattern in _REASONS
                       if any(map(lowered.__contains__, _REASON_HINTS[name])) and pattern.search(text)), None)
        if reason is None:
            if statement.kind == "requirement":
                continue  # a requirement that merely forbids something is a rule, named when it says how it fails
            reason = ("RuleViolation", 409)
        name, status = reason
        quoted = _QUOTED.search(text)
        message = (quoted.group(1) or quoted.group(2)) if quoted else _short(text)
        if name == "Validation":
            error = "ValidationError"
        elif entity is None:
            error = {"Forbidden": "ForbiddenError", "NotFound": "NotFoundError"}.get(name, f"{name}Error")
        else:
            error = {"Forbidden": f"Not{entity}OwnerError", "InvalidState": f"Invalid{entity}StateError"}.get(name, f"{entity}{name}Error")
        refusals.append(Refusal(error, status, entity or "", message, statement.ref(), text))
    return refusals


def _action_entity(text: str, actions: dict[str, str]) -> str | None:
    when = re.search(r"\b(when|if)\b(.*?)(?:\bthen\b|$)", text, re.I)
    if not when:
        return None
    part = when.group(2).casefold()
    for verb, entity in actions.items():
        if verb in part and re.search(rf"\b{re.escape(verb)}(?:e?s|e?d|ing)?\b", part):
            return entity
    return None


def _subject_entity(text: str, mentions) -> str | None:
    """The entity a refusal is about: the first non-person entity in the When/Then part, else the first at all."""
    when = re.search(r"\b(when|then|if)\b", text, re.I)
    start = when.start() if when else 0
    for mention in mentions:
        if mention.start >= start and not mention.entity.is_actor:
            return mention.entity.name
    return next((m.entity.name for m in mentions if not m.entity.is_actor), None)


def _short(text: str) -> str:
    """The outcome part of a scenario ("the move is refused and ..."), else the statement, cut to 100 characters."""
    for marker, flags in ((r"\bthen\b", re.I), (r"\bSHALL\b", 0)):
        text = re.split(marker, text, flags=flags)[-1]
    text = text.strip(" ,.;")
    if len(text) <= 100:
        return text
    # Cut at the last whole word and say so: "... rejecting an edit that would set a" read as the whole rule.
    return text[:100].rsplit(" ", 1)[0].rstrip(" ,.;") + " …"
