"""The rule registry: every check has a stable kebab-case name, a default severity, a summary and a docs entry.

A rule is one module in this package exposing a function decorated with `@rule(...)`. It receives a
`RuleContext` and yields `Finding`s. `check_document` runs the selected rules; a rule that raises is reported
in the returned problems and skipped, the others still run. No pygls or lsprotocol here.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from analysis.config import DEFAULT_SETTINGS, Settings
from analysis.model import Dialect, Finding, Fix, Related, Severity, SpecDocument
from analysis.text import Range

ALL_DIALECTS = frozenset(Dialect)
SPEC_DIALECTS = frozenset({Dialect.SPECKIT, Dialect.OPENSPEC, Dialect.OPENSPEC_DELTA, Dialect.KIRO})


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    summary: str
    dialects: frozenset[Dialect]
    check: Callable[["RuleContext"], Iterable[Finding]]
    fixable: bool = False


RULES: dict[str, Rule] = {}


def rule(name: str, severity: Severity, summary: str, dialects: Iterable[Dialect] = SPEC_DIALECTS, fixable: bool = False):
    def register(function: Callable[["RuleContext"], Iterable[Finding]]):
        RULES[name] = Rule(name, severity, summary, frozenset(dialects), function, fixable)
        return function

    return register


@dataclass
class RuleContext:
    document: SpecDocument
    settings: Settings = DEFAULT_SETTINGS
    workspace: "object | None" = None
    """An `analysis.workspace.WorkspaceIndex` when other files are known (cross-file rules)."""
    current: Rule | None = None

    def index(self):
        """The workspace index to look other files up in: the one given, or an empty one that reads them from disk."""
        from analysis.workspace import WorkspaceIndex

        return self.workspace if isinstance(self.workspace, WorkspaceIndex) else WorkspaceIndex()

    def finding(self, range: Range, message: str, *, severity: Severity | None = None, fixes: list[Fix] | None = None,
                related: list[Related] | None = None, data: dict | None = None) -> Finding:
        assert self.current is not None
        return Finding(rule=self.current.name, severity=severity or self.current.severity, range=range, message=message,
                       path=self.document.path, fixes=fixes or [], related=related or [], data=data or {})


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Rules that failed with an exception (internal errors), for logs."""


def load_rules() -> dict[str, Rule]:
    """Import every rule module once (registration happens on import)."""
    if not getattr(load_rules, "_done", False):
        for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            importlib.import_module(f"{__name__}.{module.name}")
        load_rules._done = True  # type: ignore[attr-defined]
    return RULES


def effective_severity(rule_: Rule, settings: Settings) -> Severity | None:
    """The configured severity of a rule, or None when it is switched off."""
    if settings.select and rule_.name not in settings.select:
        return None
    if rule_.name in settings.ignore:
        return None
    override = settings.severity.get(rule_.name)
    if override == "off":
        return None
    return Severity(override) if override else rule_.severity


def check_document(document: SpecDocument, settings: Settings = DEFAULT_SETTINGS, workspace: object | None = None,
                   only: Iterable[str] | None = None) -> CheckResult:
    result = CheckResult()
    rules = load_rules()
    if document.error is not None:
        result.findings.append(Finding("unreadable-file", Severity.ERROR, Range.of(0, 0), document.error, document.path))
        return result
    context = RuleContext(document, settings, workspace)
    selected = set(only) if only is not None else None
    for name in sorted(rules):
        rule_ = rules[name]
        if selected is not None and name not in selected:
            continue
        if document.dialect not in rule_.dialects:
            continue
        severity = effective_severity(rule_, settings)
        if severity is None:
            continue
        context.current = rule_
        try:
            for finding in rule_.check(context):
                if settings.severity.get(name) or finding.severity == rule_.severity:
                    finding.severity = severity if finding.severity == rule_.severity else finding.severity
                result.findings.append(finding)
        except Exception as exc:  # a broken rule is skipped; the others still run
            result.problems.append(f"rule {name} failed on {document.path}: {type(exc).__name__}: {exc}")
    result.findings.sort(key=lambda f: (f.range.start, f.rule))
    return result


def iter_rules() -> Iterator[Rule]:
    rules = load_rules()
    for name in sorted(rules):
        yield rules[name]
