"""template-placeholder: template text that was never filled in.

**What it finds.** Residue of the spec template or of drafting, in prose (not in code spans, fenced code,
HTML comments or front matter — except `` `[###-feature-name]` ``, which the template itself puts in a code span):
- the spec-kit template's placeholders: `[FEATURE NAME]`, `[###-feature-name]`, `[DATE]` (after a
  Created/Date label), `[Brief Title]`, `[Entity 1]`, `[e.g., …]`, `[REMOVE IF UNUSED]`,
  `[specific capability]`, `$ARGUMENTS`, and the template's other bracketed phrases
  (`[initial state]`, `[What it represents, key attributes without implementation]`, `[CHECKLIST TYPE]`…);
- drafting markers: `TODO`, `TBD`, `TKTK`, `FIXME` (as upper-case words) and `???`. An OpenSpec Purpose that
  starts with `TBD`/`TODO` (the sentence `openspec archive` writes) is left to `openspec-purpose-placeholder`.

Brackets that are not placeholders are left alone: markdown links `[text](url)` and `[text][ref]`, task
checkboxes `[ ]`/`[x]`, footnotes `[^1]`, `[NEEDS CLARIFICATION: …]` (reported by `needs-clarification`),
tags and IDs (`[P]`, `[US1]`, `[FR-001]`), and the fill-in fields of message or format templates that specs
legitimately describe (`phone number [PHONE] already exists`, `[ORG_PREFIX]-[SEQUENCE]`, `[Save]`).
To keep that distinction reliable the generic pattern only matches bracketed phrases in the template's own
style: several words of description, an `e.g.`, or a multi-word upper-case label.

**Why it matters.** A placeholder is a decision nobody made. Downstream tools (planning, task generation,
this tool's plan engine) would treat `[specific capability]` as if it were a requirement.

**Example.**

```markdown
# Feature Specification: [FEATURE NAME]
- **FR-002**: System MUST [specific capability]
```

**How to fix.** Replace the placeholder with the real content, or delete it. The quick fix deletes it (not
marked safe: the sentence around it usually needs rewriting).
No pygls or lsprotocol here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis import memo
from analysis.model import Dialect, Edit, Fix, Severity
from analysis.rules import RuleContext, rule
from analysis.text import Range

# Exact template placeholders (case-sensitive, as the template writes them).
_KNOWN = re.compile(r"\[FEATURE NAME\]|\[###-feature-name\]|\[Brief Title\]|\[Entity ?\d+\]|\[REMOVE IF UNUSED\]"
                    r"|\[specific capability\]|\[e\.g\.,?[^\]]*\]|\$ARGUMENTS\b")
_MAY_HOLD = re.compile(r"[\[$]|\?\?\?|TODO|TBD|TKTK|FIXME")
_MAY_HOLD_TOKENS = ("[", "$", "???", "TODO", "TBD", "TKTK", "FIXME")
"""The alternatives of `_MAY_HOLD` as plain substrings (a line without any of them cannot hold a placeholder)."""
"""A cheap test that lets most lines skip the masking and the placeholder patterns."""
_BRANCH = re.compile(r"\[###-feature-name\]")
_DATE = re.compile(r"\[DATE\]")
_DATE_LABEL = re.compile(r"\b(created|date|last updated|updated)\b", re.I)
_DRAFT = re.compile(r"(?<![\w-])(TODO|TBD|TKTK|FIXME)(?![\w-])|\?{3,}")
_BRACKET = re.compile(r"(?<![!\w\\\]])\[([^\[\]\n]{2,160})\](?![(\[:])")
# Vocabulary the template's placeholders start with ("[specific action]", "[Measurable metric, …]").
_TEMPLATE_START = re.compile(r"^(specific|brief|describe|initial|expected|boundary|measurable|user-focused|what it|plain-language|"
                             r"key attributes?|assumption about|action|condition/event|expected behavior|feature name|project name|"
                             r"insert|fill in|add |your )", re.I)
_MASKS = [re.compile(r"(`+)(?:(?!\1).)+?\1"), re.compile(r"<!--.*?-->"), re.compile(r"!?\[[^\]]*\]\([^)]*\)"),
          re.compile(r"\[[^\]]*\]\[[^\]]*\]"), re.compile(r"^\s{0,3}\[[^\]]+\]:\s.*$"), re.compile(r"<https?://[^>]*>|https?://\S+")]


def _masked(line: str, code: bool = True) -> str:
    """The line with code spans, inline comments, links and URLs blanked out (same length, same columns)."""
    for pattern in _MASKS if code else _MASKS[1:]:
        line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line


def _is_template_phrase(content: str) -> bool:
    text = content.strip()
    if not text or text in (" ", "x", "X", "-") or text.startswith("^") or text.upper().startswith("NEEDS CLARIFICATION"):
        return False
    if re.match(r"^[A-Z][a-z]+(?: [a-z]+)*, e\.g\.", text):
        return True  # [Measurable metric, e.g., "Users can …"]
    if re.search(r"[\"'`=<>{}|@$%]|\d+\s*,\s*\d", text):
        return False  # code-ish content: arrays, JSON, attributes
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    if text.upper() == text and len(words) >= 2 and not re.search(r"\d", text):
        return True  # [CHECKLIST TYPE], [PROJECT NAME]
    if _TEMPLATE_START.match(text) and len(words) >= 1 and ":" not in text:
        return True
    # A descriptive phrase of several words, possibly with a comma or slash, is template prose ("[What it represents, …]").
    return len(words) >= 4 and ":" not in text and not re.search(r"\d", text) and bool(re.search(r"\b[a-z]{2,}\b", text))


@rule("template-placeholder", Severity.WARNING, "Template placeholder or drafting marker left in the spec.", fixable=True)
def check(context: RuleContext):
    document = context.document
    tree = document.tree
    purpose_lines = {line for section in document.sections if section.kind == "purpose" and document.dialect == Dialect.OPENSPEC
                     for line in range(section.line + 1, section.end)}
    if not any(token in document.text for token in _MAY_HOLD_TOKENS):
        return  # substring tests over the text instead of a search per line: many specs hold no placeholder at all
    placeholders_in = memo.choose(_placeholders_in)
    for line_number, raw in enumerate(document.lines):
        if not tree.is_prose(line_number) or not _MAY_HOLD.search(raw):
            continue
        for start, end, kind in placeholders_in(raw, line_number in purpose_lines):
            text = raw[start:end]
            message = (f"Drafting marker {text} left in the spec: resolve it or remove it." if kind == "draft" else
                       f"Template placeholder {text} was never filled in: replace it with the real content.")
            fix = Fix(f"Remove {text}", [Edit(_removal_range(raw, line_number, start, end), "")], safe=False)
            yield context.finding(Range.of(line_number, start, line_number, end), message, fixes=[fix],
                                  data={"placeholder": text, "kind": kind})


@lru_cache(maxsize=8192)
def _placeholders_in(raw: str, in_purpose: bool) -> tuple[tuple[int, int, str], ...]:
    """The placeholder spans of one line, from its text alone (cached: a keystroke changes one line)."""
    line = _masked(raw)
    spans: list[tuple[int, int, str]] = []
    for match in _KNOWN.finditer(line):
        spans.append((match.start(), match.end(), "template"))
    # The template itself writes the branch as `[###-feature-name]`, in a code span.
    for match in _BRANCH.finditer(_masked(raw, code=False)):
        spans.append((match.start(), match.end(), "template"))
    if _DATE_LABEL.search(line):
        spans.extend((m.start(), m.end(), "template") for m in _DATE.finditer(line))
    for match in _DRAFT.finditer(line):
        if match.start() == len(line) - len(line.lstrip()) and in_purpose:
            continue  # a Purpose that starts with TBD/TODO is openspec-purpose-placeholder's finding
        spans.append((match.start(), match.end(), "draft"))
    for match in _BRACKET.finditer(line):
        if _is_template_phrase(match.group(1)):
            spans.append((match.start(), match.end(), "template"))
    return tuple(_without_overlaps(spans))


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def _removal_range(line: str, line_number: int, start: int, end: int) -> Range:
    """The placeholder plus one neighbouring space, so removing it leaves no double or trailing space."""
    if end < len(line) and line[end] == " " and (start == 0 or line[start - 1] in " ([\"'"):
        end += 1
    elif start > 0 and line[start - 1] == " ":
        start -= 1
    return Range.of(line_number, start, line_number, end)


memo.register(_placeholders_in)
