"""vague-requirement: an unmeasurable word in a requirement or success criterion.

**What it finds.** Words that promise a quality without a measure — *fast, quick, scalable, secure,
intuitive, robust, user-friendly, easy, simple, efficient, reliable, flexible, seamless, appropriate,
adequate, reasonable, some, several, many, few, various, as needed, as appropriate, etc.* — in the text of
a requirement (spec-kit `FR-`/`NFR-`, OpenSpec requirement statements, Kiro acceptance criteria) or a
success criterion (`SC-`), when nothing in the same clause measures it. A number or a unit counts
(`fast (p95 under 200 ms)`, `within 2 seconds`, `99.9% of requests`), also in a follow-on clause such as
`fast, returning results within 2 seconds`; for *secure*, *robust* and *reliable* a named mechanism counts
too (`secure password hashing with bcrypt`, `TLS 1.2`). An explanation right after the word also counts: a
parenthesis (`adapts appropriately (full viewport on mobile, …)`), an `e.g.`, or a colon followed by values
(`appropriate exit codes: 0 for success, 1 for …`). To keep noise low these are not read: code spans and quoted
text (UI labels, messages), capitalised names (`Quick Add`), compounds (`one-to-many`, `fail-fast`), the idiom
*fail fast*, a quality given as a purpose (`sorted by date for easy review` — the requirement is the sorting),
and a phrase the spec uses as a term (`flexible kit`, repeated three or more times or part of an entity name).
Each word is reported on its own range. Add your own words with the `vague_words` setting.

**Why it matters.** A requirement must be testable: "search MUST be fast" cannot pass or fail, so it gets
implemented to whatever the first developer assumed. spec-kit's quality checklist asks for exactly this
("requirements are testable and unambiguous", "success criteria are measurable").

**Example.**

```markdown
- **FR-003**: Search results MUST load quickly and show various filters.
- **SC-002**: Most users find the export easy to use.
```

**How to fix.** Replace the word with the measure you mean: `within 1 second for 95% of searches`,
`filters for date, owner and status`, `90% of users complete an export on their first attempt`.
No pygls or lsprotocol here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis import memo
from analysis.model import Requirement, Severity, SpecDocument
from analysis.rules import RuleContext, rule
from analysis.text import Range

VAGUE_WORDS = ("fast", "faster", "quick", "quickly", "scalable", "secure", "securely", "intuitive", "intuitively", "robust",
               "user-friendly", "easy", "easily", "simple", "efficient", "efficiently", "reliable", "reliably", "flexible",
               "seamless", "seamlessly", "appropriate", "appropriately", "adequate", "adequately", "reasonable", "reasonably",
               "some", "several", "many", "few", "various", "as needed", "as appropriate", "etc")
_ADVICE = {
    "fast": "say how fast, e.g. \"within 200 ms for 95% of requests\"",
    "quick": "say how quickly, e.g. \"within 2 seconds\"",
    "scalable": "state the load it must handle, e.g. \"10,000 concurrent users\"",
    "secure": "name the protection, e.g. \"passwords hashed with bcrypt\", \"TLS 1.2+\"",
    "reliable": "state a target, e.g. \"99.9% monthly availability\"",
    "robust": "say which failures it must survive and how",
    "some": "say how many or which ones",
    "several": "say how many",
    "many": "say how many",
    "few": "say how many",
    "various": "list them",
    "etc": "list every case the requirement covers",
    "appropriate": "say what is appropriate",
    "as appropriate": "say when",
    "as needed": "say when",
}
_STEMS = {"faster": "fast", "quickly": "quick", "securely": "secure", "reliably": "reliable", "efficiently": "efficient",
          "easily": "easy", "intuitively": "intuitive", "seamlessly": "seamless", "appropriately": "appropriate",
          "adequately": "adequate", "reasonably": "reasonable"}
_MEASURE = re.compile(r"\d|%|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|"
                      r"hundred|thousand|million|billion|dozen|half|single|zero|once|twice|all|every|each|none|no more than|"
                      r"at least|at most|percentile|p\d\d)\b", re.I)
_MECHANISM = re.compile(r"\b(TLS|HTTPS|SSL|AES|RSA|bcrypt|argon2|scrypt|PBKDF2|SHA-?\d*|HMAC|OAuth\s*2?|OIDC|OpenID|JWT|SAML|"
                        r"encrypt\w*|hash\w*|salt\w*|2FA|MFA|multi-factor|CSRF|XSS|OWASP|httpOnly|SameSite|PCI|HIPAA|GDPR|SOC ?2|"
                        r"ISO ?27001|RBAC|role-based|least privilege|retr(y|ies)|idempoten\w*|transaction\w*|ACID|backup\w*|"
                        r"failover|circuit breaker|WCAG)\b", re.I)
_QUALIFIED_BY_MECHANISM = frozenset({"secure", "robust", "reliable"})
_FOLLOW_ON = re.compile(r"^\s*(\(|within|under|below|above|at|in|less|more|up to|no more|e\.g\.|i\.e\.|such as|returning|"
                        r"responding|completing|taking|loading|with|of|for|handling|supporting|using|via|by)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;,:]|(?<!\be\.g)(?<!\bi\.e)(?<!\betc)[.!?](?=\s|$)|\s[—–-]\s")
_MASKS = [re.compile(r"(`+)(?:(?!\1).)+?\1"), re.compile(r"<!--.*?-->"), re.compile(r"\]\([^)]*\)"), re.compile(r"https?://\S+"),
          re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|「[^」]*」")]
_REQUIREMENT_KINDS = frozenset({"functional", "non-functional", "success-criterion", "openspec", "kiro", "other"})


@dataclass(frozen=True)
class _Span:
    line: int
    start: int
    end: int


def _word_pattern(words: list[str]) -> re.Pattern[str]:
    return _compiled_word_pattern(tuple(words))


@lru_cache(maxsize=32)
def _compiled_word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(word.strip()).replace(r"\ ", r"\s+") for word in words if word.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w-])", re.I)


@rule("vague-requirement", Severity.WARNING, "A requirement or success criterion uses an unmeasurable word.")
def check(context: RuleContext):
    document = context.document
    pattern = _word_pattern(list(VAGUE_WORDS) + list(context.settings.vague_words))
    folded_text = document.text.casefold()
    entity_names = " | ".join(entity.name.casefold() for entity in document.entities)
    phrase_counts: dict[str, int] = {}
    memoising = memo.enabled()

    def is_domain_phrase(phrase: str) -> bool:
        if phrase in entity_names:
            return True
        count = phrase_counts.get(phrase)
        if count is None:
            count = phrase_counts[phrase] = folded_text.count(phrase)
        return count >= 3

    for requirement in document.requirements:
        if requirement.kind not in _REQUIREMENT_KINDS or requirement.section == "REMOVED":
            continue
        for line, start, end, word, phrase in _requirement_vague_words(pattern, document, requirement, memoising):
            if phrase is not None and is_domain_phrase(phrase):
                continue
            key = _STEMS.get(word.casefold(), re.sub(r"\s+", " ", word.casefold()))
            advice = _ADVICE.get(key, "state a number, a limit or a unit that makes it testable")
            label = requirement.id or requirement.name
            yield context.finding(Range.of(line, start, line, end),
                                  f"\"{word}\" in {label} is not measurable: {advice}.", data={"word": word, "requirement": label})


_REQUIREMENT_WORDS: dict[tuple, tuple[tuple[int, int, int, str, str | None], ...]] = {}
_REQUIREMENT_WORDS_LIMIT = 8192


def _requirement_vague_words(pattern: re.Pattern[str], document: SpecDocument, requirement: Requirement,
                             memoising: bool) -> tuple[tuple[int, int, int, str, str | None], ...]:
    """(line, start, end, word, phrase) of every unmeasured vague word in a requirement's statement, before the
    spec-wide term check. Memoised by what `_text_spans` and the scan read (the requirement's lines, their text and
    prose mask, its kind and criteria), so a keystroke rescans only the requirement it touched."""
    lines = document.lines
    first, stop = requirement.line, requirement.end
    for scenario in requirement.scenarios:
        first, stop = min(first, scenario.line), max(stop, scenario.end)
    first, stop = max(first, 0), min(stop, len(lines))
    key = (pattern, requirement.kind, requirement.line, requirement.end, requirement.range.end.character,
           tuple((scenario.line, scenario.end) for scenario in requirement.scenarios), first, stop,
           tuple(lines[first:stop]), bytes(document.tree.opaque[first:stop]))
    found = _REQUIREMENT_WORDS.get(key)
    if found is None:
        found = tuple((span.line, start, end, word, phrase) for span in _text_spans(document, requirement)
                      for word, start, end, phrase in _vague_words_in(pattern, lines[span.line], span.start, span.end))
        if memoising:
            if len(_REQUIREMENT_WORDS) >= _REQUIREMENT_WORDS_LIMIT:
                _REQUIREMENT_WORDS.clear()
            _REQUIREMENT_WORDS[key] = found
    return found


def _vague_words_in(pattern: re.Pattern[str], raw: str, start: int, end: int) -> tuple[tuple[str, int, int, str | None], ...]:
    """The unmeasured vague words of one line's span, from the line's text alone: (word, start, end, and the
    "word noun" phrase to check against the whole spec, or None)."""
    line = _masked(raw)
    found = []
    for match in pattern.finditer(line, start, end):
        word = match.group(1)
        if _is_name(line, match.start(1)) or _measured(line, match.start(1), match.end(1), word.casefold()) \
                or _is_idiom_or_purpose(line, match.start(1), match.end(1), word.casefold()):
            continue
        found.append((word, match.start(1), match.end(1), _term_phrase(line, match.end(1), word.casefold())))
    return tuple(found)


def _text_spans(document: SpecDocument, requirement: Requirement) -> list[_Span]:
    """Where the requirement's own statement is written: the lines of the item or heading body, or its criteria."""
    tree = document.tree
    if requirement.kind == "kiro":
        return [_Span(line, 0, len(document.lines[line])) for scenario in requirement.scenarios
                for line in range(scenario.line, scenario.end) if tree.is_prose(line)]
    if requirement.kind == "openspec":
        spans = []
        for line in range(requirement.line + 1, min(requirement.end, len(document.lines))):
            if re.match(r"^\s*#{1,6}\s", document.lines[line]):
                break
            if tree.is_prose(line):
                spans.append(_Span(line, 0, len(document.lines[line])))
        return spans
    heading = document.lines[requirement.line].lstrip().startswith("#")
    first = requirement.line + 1 if heading else requirement.line
    spans = [] if heading else [_Span(requirement.line, requirement.range.end.character, len(document.lines[requirement.line]))]
    for line in range(first + (0 if heading else 1), min(requirement.end, len(document.lines))):
        text = document.lines[line]
        if re.match(r"^\s*#{1,6}\s", text):
            break
        if tree.is_prose(line):
            spans.append(_Span(line, 0, len(text)))
    return spans


def _masked(line: str) -> str:
    for mask in _MASKS:
        line = mask.sub(lambda m: " " * len(m.group(0)), line)
    return line


def _is_name(line: str, start: int) -> bool:
    """A capitalised word after the start of its sentence is part of a name ("the Quick Add button")."""
    if not line[start].isupper():
        return False
    before = line[:start].rstrip(" *_")
    return bool(before) and not re.search(r"([.!?:]|^\s*(?:[-*+]|\d+[.)])|\*\*[^*]*\*\*:?)$", before) and bool(re.search(r"\w", before))


def _measured(line: str, start: int, end: int, word: str) -> bool:
    """Whether the clause around the word (or a follow-on clause) states a number, a unit or, for some words, a mechanism."""
    clause_start = 0
    for match in _CLAUSE_BREAK.finditer(line, 0, start):
        clause_start = match.end()
    following = _CLAUSE_BREAK.search(line, end)
    clause_end = following.start() if following else len(line)
    # Parentheses belong to the clause they sit in: "fast (p95 < 200 ms), …".
    paren = line.find("(", end)
    if paren != -1 and (following is None or paren < following.start()):
        close = line.find(")", paren)
        clause_end = max(clause_end, close + 1 if close != -1 else len(line))
    clause = line[clause_start:clause_end]
    if _MEASURE.search(clause) or (_stem(word) in _QUALIFIED_BY_MECHANISM and _MECHANISM.search(clause)):
        return True
    # A parenthesis right after the word, or an example in the clause, says what is meant: "adapts
    # appropriately (full viewport on mobile, …)", "a user-friendly format (e.g. "2 hours ago")".
    if re.match(r"\s*\(", line[end:]) or re.search(r"\((e\.g\.|i\.e\.|such as)", line[clause_start:], re.I):
        return True
    if following is not None and following.group(0) == ":" and _MEASURE.search(line[following.end():]):
        return True  # "appropriate exit codes: 0 for success, 1 for …"
    if following is not None and following.group(0) != ";":
        rest = line[following.end():]
        next_break = _CLAUSE_BREAK.search(rest)
        next_clause = rest[:next_break.start()] if next_break else rest
        if _FOLLOW_ON.match(next_clause) and (_MEASURE.search(next_clause) or _MECHANISM.search(next_clause)):
            return True
    return False


def _stem(word: str) -> str:
    return _STEMS.get(word, word)


_QUANTITY_WORDS = frozenset({"some", "several", "many", "few", "various", "etc"})
_IDIOM_BEFORE = re.compile(r"\bfail(s|ed|ing)?\s+$", re.I)
# "for easy review", "for fast, reliable testing": the word gives the reason, not the requirement's property.
_PURPOSE_BEFORE = re.compile(r"\b(for|to allow|to enable|to support)\s+(?:(?:a|an|the|more)\s+)?(?:[\w-]+,?\s+(?:and\s+)?)?$", re.I)


def _is_idiom_or_purpose(line: str, start: int, end: int, word: str) -> bool:
    before = line[:start]
    if word == "fast" and _IDIOM_BEFORE.search(before):
        return True  # "fail fast" is a design principle, not a speed
    if word in _QUANTITY_WORDS:
        return False
    return bool(_PURPOSE_BEFORE.search(before[-60:]))


def _term_phrase(line: str, end: int, word: str) -> str | None:
    """The "word noun" phrase that may be a term of the spec ("flexible kit"), or None when no noun follows."""
    following = re.match(r"\s+([^\W\d_][\w-]*)", line[end:])
    if not following:
        return None
    noun = following.group(1).casefold().rstrip("s")
    if len(noun) < 3:
        return None
    return f"{word} {noun}"


memo.register(_REQUIREMENT_WORDS)
