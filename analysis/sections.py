"""Recognise what a heading is: a normalised section kind from its real-world spellings.

Spec-kit headings come with suffixes (`*(mandatory)*`, `_(mandatory)_`, `*(include if ...)*`), numbering,
emoji and either H2 or H3; OpenSpec and Kiro add their own. Depends on nothing else in the project.
"""

from __future__ import annotations

import re

# The template's emphasised remark after a heading, in any language: `*(mandatory)*`, `*(wajib)*`,
# `*(sertakan jika fitur melibatkan data)*`, `*（必填）*`.
_SUFFIX = re.compile(r"\s*[*_]{1,2}\s*[(（][^()（）]*[)）]\s*[*_]{1,2}\s*$", re.I)
_PAREN_SUFFIX = re.compile(r"\s*\((?:mandatory|optional|required|include if[^)]*)\)\s*$", re.I)
_LEADING = re.compile(r"^(?:[\W_]*?)(?:\d+(?:\.\d+)*\.?\s+)?", re.U)

_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("user-scenarios", re.compile(r"^(user scenarios?( (&|and) testing)?|user stories( (&|and) testing)?|user scenarios? & tests?|scenarios( (&|and) testing)?)$")),
    ("primary-user-story", re.compile(r"^primary user stor(y|ies)$")),
    ("acceptance-scenarios", re.compile(r"^acceptance scenarios?$")),
    ("acceptance-criteria", re.compile(r"^acceptance criteria$")),
    ("edge-cases", re.compile(r"^edge cases?( (&|and) error handling)?$")),
    ("functional-requirements", re.compile(r"^functional requirements?$")),
    ("non-functional-requirements", re.compile(r"^(non[- ]?functional requirements?|nfrs?|quality attributes|(security|performance|accessibility|reliability|privacy|compliance|usability|scalability|availability|observability) requirements?)$")),
    ("requirements", re.compile(r"^requirements?$")),
    ("key-entities", re.compile(r"^(key entities|key entities & relationships|entities|data entities|key data entities|domain entities|core entities|key concepts)$")),
    ("data-model", re.compile(r"^(data model|data models|domain model|data requirements)$")),
    ("success-criteria", re.compile(r"^success criteria$")),
    ("measurable-outcomes", re.compile(r"^measurable outcomes$")),
    ("assumptions", re.compile(r"^assumptions?( (&|and) (dependencies|constraints))?$")),
    ("dependencies", re.compile(r"^dependencies( (&|and) assumptions)?$")),
    ("clarifications", re.compile(r"^clarifications?$")),
    ("session", re.compile(r"^session \d{4}-\d{2}-\d{2}.*$")),
    ("review-checklist", re.compile(r"^review (&|and) acceptance checklist$")),
    ("execution-status", re.compile(r"^execution status$")),
    ("execution-flow", re.compile(r"^execution flow.*$")),
    ("quick-guidelines", re.compile(r"^quick guidelines$")),
    ("out-of-scope", re.compile(r"^(out of scope|non[- ]goals|scope boundaries)$")),
    ("overview", re.compile(r"^(overview|summary)$")),
    ("purpose", re.compile(r"^purpose$")),
    ("why", re.compile(r"^why$")),
    ("what-changes", re.compile(r"^what changes$")),
    ("delta-added", re.compile(r"^added requirements$")),
    ("delta-modified", re.compile(r"^modified requirements$")),
    ("delta-removed", re.compile(r"^removed requirements$")),
    ("delta-renamed", re.compile(r"^renamed requirements$")),
    ("glossary", re.compile(r"^(glossary|terminology|definitions|terms)$")),
    ("introduction", re.compile(r"^introduction$")),
]


_any_kind: re.Pattern[str] | None = None


def _kind_pattern() -> re.Pattern[str]:
    """Every kind's pattern in one alternation, tried in the order of `_KINDS` (the first that matches names the
    kind): one `match` call instead of a Python loop over the patterns. Each alternative is a named group
    `k<index>`, the last group to close when it matches. Compiled at first use, not when the module is imported."""
    global _any_kind
    if _any_kind is None:
        _any_kind = re.compile("|".join(f"(?P<k{index}>{pattern.pattern})" for index, (_kind, pattern) in enumerate(_KINDS)))
    return _any_kind


def clean_heading(text: str) -> str:
    """`User Scenarios & Testing *(mandatory)*` -> `User Scenarios & Testing`."""
    text = _SUFFIX.sub("", text)
    text = _PAREN_SUFFIX.sub("", text)
    return text.strip().strip("*_").strip()


def classify_heading(text: str) -> str | None:
    """The section kind of a heading's text, or None for headings with no special meaning."""
    cleaned = clean_heading(text).casefold()
    cleaned = _LEADING.sub("", cleaned).rstrip(":").strip()
    match = _kind_pattern().match(re.sub(r"\s+", " ", cleaned))
    return _KINDS[int(match.lastgroup[1:])][0] if match else None


REQUIREMENT_KINDS = frozenset({"requirements", "functional-requirements", "non-functional-requirements"})
SUCCESS_KINDS = frozenset({"success-criteria", "measurable-outcomes"})
