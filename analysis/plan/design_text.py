"""The sentences of a spec that the plan designer reads, and the entity mentions inside them.

A `Statement` is one requirement, story narrative, acceptance scenario (Given/When/Then, EARS criterion or OpenSpec
scenario) or edge case, with the label a reader knows it by (`FR-001`, `US2/AC1`, `Edge Cases #3`) and its range.
`EntityMatcher` finds where a statement names an entity of the domain model, in any spelling (plural, CamelCase,
multi-word). Pure functions over the spec model and the domain model; no pygls or lsprotocol, no design decisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress

import inflection

from analysis.dialects.speckit import ID_PATTERN
from analysis.entities import name_variants, plural, singular, split_name
from analysis.model import Requirement, SpecDocument
from analysis.plan import languages
from analysis.plan.model import DomainModel, Entity, SourceRef
from analysis.text import Range

# An entity named for people (`Organizer`, `Support Agents`): its last word is a word for a person.
ACTOR_NAME = re.compile(r"(?:^|\s)(user|admin|administrator|organizer|organiser|attendee|customer|member|owner|"
                        r"manager|staff|employee|author|editor|viewer|reviewer|moderator|operator|agent|player|"
                        r"patient|doctor|teacher|student|client|buyer|seller|vendor|host|guest|coach|instructor|"
                        r"participant|subscriber|visitor|approver|requester|tenant|landlord|driver|rider|"
                        r"volunteer|recipient|sender)s?$", re.IGNORECASE)
# The end of a word for a person or a role: `dispatcher`, `operator`, `client`, `team lead`, `store manager`.
PERSON_WORD = re.compile(r"(?:er|or|ist|ant|ent|ee|ian|admin|staff|user|member|customer|patient|doctor|guest|owner|"
                         r"manager|clerk|cashier|nurse|student|teacher|player|master|buyer|seller|agent|team|lead|"
                         r"leader|coach|captain|host)s?$", re.I)
# What people are spared, ending right before what follows: "vote without needing to create an account or log in".
SPARED_BEFORE = re.compile(r"\b(?:without|no need to|(?:do|does|will) not (?:need|have) to|never (?:need|have) to|"
                           r"(?:not|never|n't) requir(?:e|es|ing)|(?:not|never) be required to)\b"
                           r"[^.;,]*$", re.I)
GENERIC_LAST_WORDS = frozenset({"type", "types", "item", "items", "line", "status", "state", "detail", "details", "info",
                                "data", "record", "entry", "value", "setting", "settings", "group", "level", "history",
                                "event", "request", "profile", "account", "message", "summary", "report"})
# Where messages are exchanged: a message is read and sent in its conversation, channel or room
# (`/channels/{channel_id}/messages`), never as one list of everybody's messages.
_MESSAGE_SPACES = frozenset({"conversation", "channel", "room", "chatroom", "thread", "chat", "inbox", "discussion"})


def is_message(entity: Entity) -> bool:
    words = split_name(entity.name)
    return not entity.link and bool(words) and words[-1].casefold() == "message"


def is_message_space(entity: Entity) -> bool:
    words = split_name(entity.name)
    return not entity.link and not entity.is_actor and bool(words) and words[-1].casefold() in _MESSAGE_SPACES


_MARKUP = re.compile(r"\*\*|__|`|~~|\[(?=[^\]]*\]\()|\]\([^)]*\)")
_MARKUP_CHARACTERS = ("*", "_", "`", "~", "[", "]")


@dataclass(slots=True)
class Statement:
    label: str
    text: str
    kind: str
    """`requirement`, `story`, `scenario`, `edge-case`, `clarification`, `non-functional`."""
    range: Range | None = None
    requirement_kind: str = ""
    title_end: int = 0
    """For a story: where its title ends in `text` (the title names what the story is for)."""
    shown: str = ""
    """The text as the spec writes it, when `text` left something out (an open `[NEEDS CLARIFICATION: …]`)."""
    group: str = ""
    """For a requirement: the label of the group it is listed under (`**Admin Product Management**`, `#### Public
    Checkout Flow`), when the requirements are grouped."""
    _lowered: str = field(default="", repr=False, compare=False)
    _lowered_of: str | None = field(default=None, repr=False, compare=False)

    def ref(self) -> SourceRef:
        return SourceRef(self.label, self.range)

    @property
    def lowered(self) -> str:
        """`text` case-folded, once: a dozen passes of the designer test it for their hint words."""
        if self._lowered_of is not self.text:
            self._lowered, self._lowered_of = self.text.casefold(), self.text
        return self._lowered


snake_case = lru_cache(maxsize=2048)(inflection.underscore)
"""`TicketType` -> `ticket_type`; the same few names are converted for every route, field and error."""


def key_types(models: list) -> dict[str, str]:
    """`task_id` -> the type of Task's primary key (`UUID`, `str`), for each model whose key is not an `int`: path
    parameters and keys in request bodies are typed as the key they name."""
    types: dict[str, str] = {}
    for model in models:
        keys = [f for f in model.fields if f.primary_key]
        if len(keys) == 1 and keys[0].type != "int":
            types[snake_case(model.name) + "_id"] = keys[0].type
            types.setdefault(keys[0].name, keys[0].type)
    return types


# Vowel letters read with a consonant sound (`a User`, `a Unit`, `a European`, `a One-time code`), and consonant
# letters read with a vowel sound (`an Hour`, `an SMS`: an acronym whose first letter is named `ef`, `es`, `em`...).
_YOU_SOUND = re.compile(r"(?i:u(?:s[aeiou]|ni|ti|ri|ra|ro|re|ku|bi)|eu|ewe|one(?![aeiou])|once)|U[A-Z0-9]+(?![a-z])")
_SILENT_H = re.compile(r"(?:hour|honou?r|honest|heir)", re.IGNORECASE)
_ACRONYM_VOWEL = re.compile(r"[FHLMNRSX][A-Z0-9]*(?![a-z])")


def with_article(noun: str) -> str:
    """`Order` -> `an Order`, `Project` -> `a Project`, `User` -> `a User`, `SMS` -> `an SMS`."""
    vowel = noun[:1].casefold() in "aeiou"
    if vowel and _YOU_SOUND.match(noun):
        vowel = False
    elif not vowel and (_SILENT_H.match(noun) or _ACRONYM_VOWEL.match(noun)):
        vowel = True
    return ("an " if vowel else "a ") + noun


# Clocking in and out of work ("employees clock in", "allow users to punch out"): a verb, not a noun or a state
# ("clock-in time", "is clocked in").
CLOCK_VERB = re.compile(r"\b(?:clock|punch)(?:s|ing)?[- ](in|out)\b(?![- ](?:times?|status|records?|events?|data|"
                        r"history|timestamps?|buttons?|locations?|sessions?|entr(?:y|ies)|rules?|hours?))", re.I)
_CLOCKED_COLUMN = re.compile(r"^(?:clock|punch)(?:ed)?_?in(?:_|$)")


def clocked_entity(domain: DomainModel) -> Entity | None:
    """The thing clocking in makes: the entity with a clock-in column (`TimeEntry` with `clock_in_time`), or whose
    definition speaks of clocking in ("timestamped clock-in/out entries")."""
    for entity in domain.entities:
        if not entity.link and not entity.is_actor and any(_CLOCKED_COLUMN.match(a.name) for a in entity.attributes):
            return entity
    return next((entity for entity in domain.entities if not entity.link and not entity.is_actor and
                 re.search(r"\b(?:clock|punch)[- ]?in\b", entity.description, re.I)), None)


def clean(text: str) -> str:
    """The text without emphasis, code ticks and link targets, its whitespace runs as single spaces."""
    text = text or ""
    if any(map(text.__contains__, _MARKUP_CHARACTERS)):
        text = _MARKUP.sub("", text)
    return " ".join(text.split())  # the same as collapsing `\s+` and stripping: both use str.isspace


def requirement_label(document: SpecDocument, requirement: Requirement) -> str:
    """The ID as written on the line (robust to an extractor that cut it short), or the requirement's name."""
    if requirement.kind in ("openspec",):
        return requirement.name or "Requirement"
    if requirement.kind == "kiro":
        return f"Req {requirement.id}" if requirement.id else requirement.name
    line_number = requirement.range.start.line if requirement.range else requirement.line
    if 0 <= line_number < len(document.lines):
        match = ID_PATTERN.search(document.lines[line_number], requirement.range.start.character if requirement.range else 0)
        if match:
            return match.group(1)
    return requirement.id or requirement.name or "Requirement"


# `... MUST use Redis for the counters. **Validation:** Test with two instances showing ...`: how a requirement is
# tested, written after it; what the test does (`showing the counters`) is no behaviour to design.
_TEST_NOTE = re.compile(r"(?:^|(?<=[.!?])\s+)\**(?:Validation|Verification|Test(?:ing)?|How to (?:test|verify))\**\s*:.*$",
                        re.DOTALL)


_OPEN_QUESTION = re.compile(r"\s*\[NEEDS CLARIFICATION\b[^\]]*\]", re.IGNORECASE)


def without_open_questions(text: str) -> str:
    """The text without its `[NEEDS CLARIFICATION: …]` markers: a question (`delete messages, ban users?`) states no
    behaviour and no data; the plan lists it under open questions instead."""
    if "[" not in text or "LARIFICATION" not in text.upper():
        return text
    return _OPEN_QUESTION.sub("", text)


def without_test_note(text: str) -> str:
    """A requirement's text without the test note that follows it (`Validation: Test showing ...`)."""
    if ":" not in text:
        return text
    return _TEST_NOTE.sub("", text) if _TEST_NOTE.search(text) else text


def requirement_text(document: SpecDocument, requirement: Requirement) -> str:
    """The statement without its ID, re-read from the source lines when the extractor kept a stray part of the ID,
    and without a trailing test note (`Validation: ...`)."""
    text = without_test_note(requirement.text or "")
    if requirement.kind not in ("openspec", "kiro") and text[:1].isdigit() and re.match(r"^\d+[a-z]?\s*[:.)\-–—]", text):
        text = re.sub(r"^\d+[a-z]?\s*[:.)\-–—]\s*", "", text)
    return clean(text)


_GROUP_LINE = re.compile(r"(?:## .*|#{3,6}[ \t]+(.+?)|\*\*([^*\n]{3,80})\*\*:?)[ \t]*")


def _requirement_groups(document: SpecDocument) -> dict[int, str]:
    """line -> the group label above each requirement line: the last bold-only line or level-3+ heading before it
    (a level-2 heading ends a group). Only lines that start with `#` or `**` are looked at, found with `str.find`."""
    lines = sorted({requirement.line for requirement in document.requirements})
    low = lines[0]
    while low > 0 and lines[0] - low < 200 and not document.lines[low - 1].startswith("## "):
        low -= 1  # back to the level-2 heading above the first requirement: no group reaches across it
    text = "\n" + "\n".join(document.lines[low:lines[-1] + 1])
    starts: list[int] = []
    for needle in ("\n#", "\n**"):
        position = text.find(needle)
        while position != -1:
            starts.append(position + 1)
            position = text.find(needle, position + 1)
    marks: list[tuple[int, str]] = []  # (line, label) where a group starts or ends
    line, previous = low, 0
    for start in sorted(starts):
        line += text.count("\n", previous, start) - (1 if previous == 0 else 0)
        previous = start
        end = text.find("\n", start)
        match = _GROUP_LINE.fullmatch(text, start, len(text) if end == -1 else end)
        if match:
            marks.append((line, match.group(1) or match.group(2) or ""))
    found: dict[int, str] = {}
    index, label = 0, ""
    for number in lines:
        while index < len(marks) and marks[index][0] < number:
            label = marks[index][1]
            index += 1
        found[number] = label
    return found


def collect_statements(document: SpecDocument) -> list[Statement]:
    """Every statement the designer reads, in document order of kind: requirements, stories, edge cases."""
    statements: list[Statement] = []
    groups = _requirement_groups(document) if document.requirements else {}
    for requirement in document.requirements:
        label = requirement_label(document, requirement)
        kind = "non-functional" if requirement.kind in ("non-functional", "success-criterion") else "requirement"
        text = requirement_text(document, requirement)
        if requirement.user_story:
            text = f"{text}. {clean(requirement.user_story)}" if text else clean(requirement.user_story)
        statements.append(Statement(label, text, kind, requirement.range, requirement.kind,
                                    group=groups.get(requirement.line, "")))
        for scenario in requirement.scenarios:
            sub = scenario.name or str(scenario.index)
            statements.append(Statement(f"{label}/{'AC' if requirement.kind == 'kiro' else ''}{sub}", clean(scenario.text),
                                        "scenario", scenario.range, requirement.kind))
    for story in document.stories:
        key = story.key if story.key != "primary" else "Primary"
        label = f"US{key}" if key != "Primary" else "Primary Story"
        title = clean(story.title)
        statements.append(Statement(label, clean(f"{story.title}. {story.narrative}"), "story", story.range,
                                    title_end=len(title)))
        for scenario in story.scenarios:
            statements.append(Statement(f"{label}/AC{scenario.index}", clean(scenario.text), "scenario", scenario.range))
    for section in document.sections_of("edge-cases"):
        number = 0
        for block in document.tree.blocks:
            if block.kind != "item" or not (section.line < block.start < section.end) or getattr(block, "depth", 0) > 0:
                continue
            number += 1
            text = clean(" ".join(document.lines[block.start:min(block.end, block.start + 6)]))
            text = re.sub(r"^[-*+]\s+|^\d+[.)]\s+", "", text)
            statements.append(Statement(f"Edge Cases #{number}", text, "edge-case",
                                        Range.of(block.start, 0, block.start, len(document.lines[block.start]))))
    for statement in statements:
        text = without_open_questions(statement.text)
        if text != statement.text:
            if statement.title_end:
                statement.title_end = len(without_open_questions(statement.text[:statement.title_end]))
            statement.shown, statement.text = statement.text, text
    lang = languages.language(document.text)
    if lang is not None:
        # `O sistema MUST permitir criar uma tarefa`: read in the English the designer reads; shown as written.
        for statement in statements:
            if statement.title_end:
                statement.title_end = len(languages.translate(statement.text[:statement.title_end], lang))
            statement.shown = statement.shown or statement.text
            statement.text = languages.translate(statement.text, lang)
    return statements


# ----------------------------------------------------------------------------------------- entity mentions

@dataclass(slots=True)
class Mention:
    entity: Entity
    start: int
    end: int
    text: str
    plural: bool


class EntityMatcher:
    """One alternation over every spelling of every entity; a match maps back to its entity."""

    def __init__(self, domain: DomainModel):
        self.by_variant: dict[str, Entity] = {}
        self.plural_variants: set[str] = set()
        self.declared_plurals: set[str] = set()  # plurals another language forms (`opiniões`): plural as they are
        for entity in domain.entities:
            if entity.link:
                continue
            for name in {entity.display_name, entity.name}:
                for variant in name_variants(name):
                    self.by_variant.setdefault(variant, entity)
                words = split_name(name)
                if words:
                    self.plural_variants.add(" ".join(words[:-1] + [plural(singular(words[-1]))]))
                    self.plural_variants.add("".join(words[:-1] + [plural(singular(words[-1]))]))
            for alias in entity.aliases:
                self.by_variant.setdefault(alias, entity)
                self.by_variant.setdefault(plural(alias), entity)
                self.plural_variants.add(plural(alias))
            self.plural_variants.update(entity.plurals)
            self.declared_plurals.update(entity.plurals)
        self._add_short_names(domain)
        self.phrases = PhraseIndex({variant: entity for variant, entity in self.by_variant.items()})
        self._cache: dict[str, list[Mention]] = {}
        self._plural_of: dict[str, bool] = {}

    def _add_short_names(self, domain: DomainModel) -> None:
        """`Character Snapshot` is often just "snapshot" once the character is in view: the last word names the entity
        when the words before it name another entity and no other entity ends the same way."""
        keys = {"".join(split_name(e.name)) for e in domain.entities}
        last_words: dict[str, list[Entity]] = {}
        for entity in domain.entities:
            words = split_name(entity.name)
            if len(words) > 1 and not entity.link:
                last_words.setdefault(singular(words[-1]), []).append(entity)
        for word, entities in last_words.items():
            if len(entities) != 1 or len(word) < 5 or word in GENERIC_LAST_WORDS or word in keys:
                continue
            entity = entities[0]
            if "".join(split_name(entity.name)[:-1]) not in keys:
                continue
            for variant in (word, plural(word)):
                self.by_variant.setdefault(variant, entity)
            self.plural_variants.add(plural(word))

    def entity_of(self, phrase: str) -> Entity | None:
        """The entity a whole phrase names (`tag`, `leave types`), or None."""
        found = self.mentions(phrase)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(phrase):
            return found[0].entity
        return None

    def mentions(self, text: str) -> list[Mention]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        found = []
        plural_of = self._plural_of
        for start, end, variant, entity in self.phrases.find(text):
            is_plural = plural_of.get(variant)
            if is_plural is None:  # whether a spelling is plural depends on the spelling only: decided once
                words = variant.split()
                is_plural = plural_of[variant] = variant in self.plural_variants and (
                    singular(words[-1]) != words[-1] or variant in self.declared_plurals)
            found.append(Mention(entity, start, end, text[start:end], is_plural))
        self._cache[text] = found
        return found


# ----------------------------------------------------------------------------------------- phrase lookup

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_JOINER = re.compile(r"[\s_]+")
_ascii_patterns: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None


def _word_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The word patterns: hyphenated words and words in lower-case ASCII text (most statements), where a plain class
    is checked faster than the any-script one, and words in any script. Compiled at first use (the plan engine is
    imported before anything is planned)."""
    global _ascii_patterns
    if _ascii_patterns is None:
        _ascii_patterns = (re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"), re.compile(r"([a-z0-9]+)"), re.compile(r"([^\W_]+)"))
    return _ascii_patterns


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]]:
    """The words of `text`, lower case, and their offsets; hyphenated words stay whole (`check-in`, `ticket-type`)."""
    lowered = text.casefold()
    if text.isascii():  # (not `lowered`: 'ß' folds to ASCII 'ss', one character longer)
        parts = word_parts(lowered)
        if "-" not in lowered or "-" not in parts:
            # No two words joined by a hyphen alone: the words are those domain inference split the text into
            # (usually split already); their offsets are the running lengths of the parts, summed in C.
            offsets = list(accumulate(map(len, parts)))
            return tuple(zip(offsets[::2], offsets[1::2])), parts[1::2]
    # `map` over the match methods rather than generator expressions: this runs for every statement, cold.
    if len(lowered) == len(text):  # offsets in the folded text are offsets in the text (no 'ß' -> 'ss')
        matches = list((_word_patterns()[0] if lowered.isascii() else _TOKEN).finditer(lowered))
        return tuple(map(_SPAN, matches)), tuple(map(_GROUP, matches))
    matches = list(_TOKEN.finditer(text))
    return tuple(map(_SPAN, matches)), tuple(map(str.casefold, map(_GROUP, matches)))


_SPAN = re.Match.span
_GROUP = re.Match.group

@lru_cache(maxsize=4096)
def word_parts(lowered: str) -> tuple[str, ...]:
    """`lowered` cut into its words and the separators around them, alternating: separator, word, separator, ...
    (first and last a separator, possibly empty). Domain inference and the designer read mostly the same
    statements, so each is split once for both. ASCII text (the common case) splits faster on an ASCII class;
    both give the same words there."""
    _hyphenated, ascii_words, words = _word_patterns()
    return tuple((ascii_words if lowered.isascii() else words).split(lowered))


class PhraseIndex:
    """Leftmost-longest lookup of multi-word phrases over word tokens: the same answers as one big regex
    alternation sorted by length, without its cost (Python's `re` tries every alternative at every position)."""

    def __init__(self, phrases: dict):
        self.first: dict[str, list[tuple[tuple[str, ...], str, object]]] = {}
        for phrase, value in phrases.items():
            words = tuple(word for word in phrase.casefold().replace("_", " ").split() if word)
            if words:
                self.first.setdefault(words[0], []).append((words, phrase.casefold(), value))
        for candidates in self.first.values():
            candidates.sort(key=lambda item: -len(item[0]))

    def find(self, text: str) -> list[tuple[int, int, str, object]]:
        spans, words = tokens(text)
        first = self.first
        # Only the positions whose word starts some phrase are tried: most words of a sentence start none.
        starts = compress(range(len(words)), map(first.__contains__, words))
        found = []
        resume = 0
        for index in starts:
            if index < resume:
                continue
            for phrase, key, value in first[words[index]]:
                end = index + len(phrase)
                if end - index > 1:
                    # One tuple comparison (a slice past the last word is shorter, so never equal).
                    if words[index:end] != phrase:
                        continue
                    if any(not _JOINER.fullmatch(text[spans[k - 1][1]:spans[k][0]]) for k in range(index + 1, end)):
                        continue
                found.append((spans[index][0], spans[end - 1][1], key, value))
                resume = end
                break
        return found
