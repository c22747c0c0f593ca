"""The spec model: plain data produced by parsing, consumed by rules, the plan engine and the server.

Every element carries the source range it came from (0-based lines, characters in code points). This module
only declares types; it must not import the parser, the rules, pygls or lsprotocol.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from analysis.markdown import MarkdownTree
from analysis.text import Range


class Dialect(str, Enum):
    SPECKIT = "spec-kit"
    OPENSPEC = "openspec"
    OPENSPEC_DELTA = "openspec-delta"
    KIRO = "kiro"
    KIRO_TASKS = "kiro-tasks"
    """A Kiro `tasks.md`: the implementation checklist whose `_Requirements: N.M_` lines cite requirements.md."""
    KIRO_DESIGN = "kiro-design"
    """A Kiro `design.md`: its correctness properties cite requirements.md (`**Validates: Requirements 1.2**`)."""
    MARKDOWN = "markdown"


KIRO_COMPANION_DIALECTS = frozenset({Dialect.KIRO_TASKS, Dialect.KIRO_DESIGN})
"""The files beside a Kiro requirements.md that cite it; checked, but no plan is designed from them."""


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1, "hint": 0}[self.value]


@dataclass(slots=True)
class Section:
    title: str
    """Heading text without markers such as `*(mandatory)*`."""
    level: int
    line: int
    end: int
    """Exclusive end line: the next heading of the same or a higher level, or the end of the file."""
    kind: str | None
    """Normalised section kind (`requirements`, `key-entities`, ...; see `analysis.sections`), or None."""
    range: Range
    """The heading line."""
    title_range: Range
    parent: int | None = None
    """Index of the enclosing section in `SpecDocument.sections`."""


@dataclass(slots=True)
class Scenario:
    text: str
    range: Range
    line: int
    end: int
    index: int
    """1-based number within its story or requirement (AC number)."""
    style: str
    """`gwt` (Given/When/Then), `ears` (Kiro WHEN/THE ... SHALL), `openspec` (#### Scenario block), `text`."""
    name: str = ""
    has_given: bool = False
    has_when: bool = False
    has_then: bool = False
    has_shall: bool = False
    empty: bool = False


@dataclass(slots=True)
class Story:
    key: str
    """`1`, `1a`, or `primary` for the old template's Primary User Story."""
    title: str
    priority: str | None
    range: Range
    """The story heading."""
    line: int
    end: int
    scenarios: list[Scenario] = field(default_factory=list)
    has_acceptance_heading: bool = False
    narrative: str = ""


@dataclass(slots=True)
class Requirement:
    id: str | None
    """`FR-001`, `SC-002`, Kiro `3`, or None for OpenSpec requirements (they have names)."""
    name: str
    """The requirement's name (OpenSpec, Kiro title) or its ID."""
    text: str
    """The requirement statement without its ID marker."""
    range: Range
    """The ID (or the heading for OpenSpec and Kiro)."""
    line: int
    end: int
    kind: str
    """`functional`, `non-functional`, `success-criterion`, `openspec`, `kiro`, `other`."""
    body_range: Range | None = None
    scenarios: list[Scenario] = field(default_factory=list)
    section: str | None = None
    """For OpenSpec deltas: ADDED, MODIFIED, REMOVED, RENAMED."""
    user_story: str = ""


@dataclass(slots=True)
class EntityDefinition:
    name: str
    range: Range
    line: int
    description: str
    source: str
    """`key-entities`, `glossary`, `data-section`."""
    end: int = 0
    aliases: list[str] = field(default_factory=list)
    """Other names given in the definition itself: `Purchase Order (PO)` -> `['PO']`."""


@dataclass(slots=True)
class EntityReference:
    name: str
    """The canonical name of the entity referred to."""
    text: str
    """As written."""
    range: Range
    context: str
    """Kind of the section it is in (`requirements`, `user-scenarios`, ...)."""


@dataclass(slots=True)
class IdOccurrence:
    id: str
    range: Range
    defining: bool


@dataclass(slots=True)
class Clarification:
    question: str
    answer: str
    range: Range
    line: int


@dataclass(slots=True)
class Marker:
    """An inline marker such as `[NEEDS CLARIFICATION: ...]` or a template placeholder."""

    kind: str
    text: str
    range: Range


@dataclass(slots=True)
class RenamePair:
    old: str
    new: str
    range: Range


@dataclass(slots=True)
class TaskReference:
    """One requirement cited by a Kiro task: `3.2` in `_Requirements: 3.1, 3.2_` (criterion 2 of requirement 3),
    or `4` (the whole requirement)."""
    target: str
    range: Range
    kind: str = "requirements"
    """`requirements` (`_Requirements: …_`), `validates` (`**Validates: Requirements …**`) or `property` (a tasks.md
    citing a correctness property of design.md: `**Property 4: State Transition Validity**`, `target` its number)."""
    title: str = ""
    """For `property`: the title the citation gives (`State Transition Validity`), empty when it gives none."""


@dataclass(slots=True)
class KiroTask:
    """A checklist item of a Kiro tasks.md: `- [x] 2.1 Create the data models`, `- [ ]* 2.2 Write tests`."""
    id: str
    """`2.1`; empty when the item has no number."""
    title: str
    state: str
    """` ` (open), `x` (done) or `-` (in progress)."""
    optional: bool
    line: int
    end: int
    depth: int
    range: Range
    """The task's number (or its checkbox when it has none)."""
    parent: str | None = None
    """The number of the task it is nested under."""
    references: list[TaskReference] = field(default_factory=list)
    kind: str = "task"
    """`task` (a tasks.md checklist item) or `property` (a design.md correctness property, `id` its number)."""


@dataclass(slots=True)
class SpecDocument:
    path: str
    text: str
    lines: list[str]
    dialect: Dialect
    tree: MarkdownTree
    title: str = ""
    title_range: Range | None = None
    sections: list[Section] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    entities: list[EntityDefinition] = field(default_factory=list)
    references: list[EntityReference] = field(default_factory=list)
    ids: list[IdOccurrence] = field(default_factory=list)
    clarifications: list[Clarification] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    renames: list[RenamePair] = field(default_factory=list)
    """OpenSpec delta RENAMED pairs."""
    tasks: list[KiroTask] = field(default_factory=list)
    """Kiro tasks.md checklist items, in file order."""
    template_generation: str = "current"
    """spec-kit only: `current` or `legacy` (the pre-October-2025 template)."""
    content_offset: int = 0
    """First line of the spec body (after front matter, or inside a wrapping code fence)."""
    error: str | None = None
    """Why the file could not be analysed (unreadable, binary...), when it could not."""

    def sections_of(self, *kinds: str) -> list[Section]:
        return [section for section in self.sections if section.kind in kinds]

    def section_at(self, line: int) -> Section | None:
        """The innermost section containing `line`."""
        best = None
        for section in self.sections:
            if section.line <= line < section.end and (best is None or section.level >= best.level):
                best = section
        return best

    def entity(self, name: str) -> EntityDefinition | None:
        folded = name.casefold()
        return next((entity for entity in self.entities if entity.name.casefold() == folded), None)


@dataclass(slots=True)
class Edit:
    """A text edit in the analysed document (or, with `path`, in another file)."""

    range: Range
    new_text: str
    path: str | None = None


@dataclass(slots=True)
class Fix:
    title: str
    edits: list[Edit]
    safe: bool = False
    """Safe fixes may be applied without review (`source.fixAll`)."""


@dataclass(slots=True)
class Related:
    path: str
    range: Range
    message: str


@dataclass(slots=True)
class Finding:
    rule: str
    severity: Severity
    range: Range
    message: str
    path: str = ""
    fixes: list[Fix] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    """Extra machine-readable facts (e.g. the undefined name and its suggestion) for code actions."""
