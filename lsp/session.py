"""Server state: the client's capabilities read once into flat flags, the settings layers, the workspace index, and one
cached analysis per document version (findings and their converted diagnostics), which push and pull both serve.

Only document-sync and configuration handlers change this state; feature handlers read it. The analysis itself is
done by `analysis/` (parse, rules, cross-artifact checks, plan engine); this module decides when to recompute and
caches the results. Depends on pygls for the open-document store and on `lsp.convert` for conversions.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types as t
from pygls.capabilities import get_capability

from typing import TYPE_CHECKING

from analysis.text import MAX_DOCUMENT_BYTES, decode_bytes, split_lines
from lsp.convert import DiagnosticCache, PositionEncoder, path_to_uri, uri_to_path

if TYPE_CHECKING:
    from analysis.config import Settings
    from analysis.model import Finding, SpecDocument
    from analysis.workspace import WorkspaceIndex

# The analysis core (pydantic settings, parser, rules, plan engine) is imported on first use, not at import time:
# `initialize` is then answered about as fast as by a bare pygls server, and `warm_up` loads the rest right after.
ANALYSIS_MODULES = ("analysis.config", "analysis.parse", "analysis.workspace", "analysis.rules", "analysis.crossfile",
                    "analysis.navigation")


def warm_up() -> None:
    """Import the analysis core and its rules (run in a thread while the client finishes initializing)."""
    import importlib

    for name in ANALYSIS_MODULES:
        importlib.import_module(name)
    from analysis.rules import load_rules

    load_rules()
    # The plan engine is not imported here: importing it (about 40 ms, mostly compiling its patterns) while the
    # first keystrokes of a newly opened file are analysed made their diagnostics up to 100 ms late (measured with
    # bench/bench_lsp.py). The plan warm-up after a typing pause (`features.diagnostics.warm_plan_later`) loads it.
    # Everything imported so far (pygls, lsprotocol, pydantic, the rules) lives as long as the server. Moving it
    # out of the collector's reach keeps full collections, which otherwise land on every few keystrokes and
    # walk all of it, from showing up as keystroke latency.
    gc.freeze()

log = logging.getLogger(__name__)


@lru_cache(maxsize=4096)
def _kind_of(uri: str) -> str:
    """`spec`, `plan` or `other`: a URI's kind never changes, so it is worked out once."""
    from analysis.workspace import is_plan_path, is_spec_path

    path = uri_to_path(uri)
    if is_spec_path(path):
        return "spec"
    if is_plan_path(path):
        return "plan"
    return "other"


@dataclass(frozen=True)
class ClientFlags:
    """What the client supports, read once at `initialize` (ruff's `ResolvedClientCapabilities`)."""

    position_encoding: str = "utf-16"
    pull_diagnostics: bool = False
    diagnostic_refresh: bool = False
    publish_version: bool = False
    related_information: bool = False
    document_changes: bool = False
    create_files: bool = False
    apply_edit: bool = False
    snippets: bool = False
    watched_files_dynamic: bool = False
    configuration: bool = False
    work_done_progress: bool = False
    resolve_edit: bool = False
    hierarchical_symbols: bool = False
    code_lens_refresh: bool = False

    @classmethod
    def from_capabilities(cls, capabilities: t.ClientCapabilities, encoding: str) -> "ClientFlags":
        def has(path: str, default: Any = None) -> Any:
            return get_capability(capabilities, path, default)

        resource_operations = has("workspace.workspace_edit.resource_operations", None) or []
        resolve = has("text_document.code_action.resolve_support", None)
        return cls(
            position_encoding=encoding,
            pull_diagnostics=has("text_document.diagnostic", None) is not None,
            diagnostic_refresh=bool(has("workspace.diagnostics.refresh_support", False)),
            publish_version=bool(has("text_document.publish_diagnostics.version_support", False)),
            related_information=bool(has("text_document.publish_diagnostics.related_information", False)),
            document_changes=bool(has("workspace.workspace_edit.document_changes", False)),
            create_files=t.ResourceOperationKind.Create in resource_operations,
            apply_edit=bool(has("workspace.apply_edit", False)),
            snippets=bool(has("text_document.completion.completion_item.snippet_support", False)),
            watched_files_dynamic=bool(has("workspace.did_change_watched_files.dynamic_registration", False)),
            configuration=bool(has("workspace.configuration", False)),
            work_done_progress=bool(has("window.work_done_progress", False)),
            resolve_edit=resolve is not None and "edit" in (resolve.properties or []),
            hierarchical_symbols=bool(has("text_document.document_symbol.hierarchical_document_symbol_support", False)),
            code_lens_refresh=bool(has("workspace.code_lens.refresh_support", False)),
        )


@dataclass
class Analysis:
    """One document version, analysed: computed once, served by push and pull, dropped when stale."""

    uri: str
    path: str
    kind: str
    """`spec`, `plan` or `other`."""
    stamp: tuple
    version: int | None
    lines: list[str]
    document: "SpecDocument | None"
    findings: "list[Finding]"
    diagnostics: list[t.Diagnostic]
    result_id: str
    plan_state: str | None = None
    plan_status: Any = None


@dataclass
class PlanBuild:
    domain: Any
    plan: Any
    problem: str | None


@dataclass
class Session:
    workspace_getter: Callable[[], Any]
    """Returns pygls's Workspace (open documents)."""
    report_problem: Callable[[str], None] = lambda message: None
    """Shows a settings problem to the user (once per distinct message)."""
    flags: ClientFlags = field(default_factory=ClientFlags)
    encoder: PositionEncoder = field(default_factory=PositionEncoder)
    _index: "WorkspaceIndex | None" = None
    analyses: dict[str, Analysis] = field(default_factory=dict)
    folders: list[Path] = field(default_factory=list)
    initialization_options: dict = field(default_factory=dict)
    editor_configuration: dict = field(default_factory=dict)
    settings_generation: int = 0
    _file_settings: dict[str, dict] = field(default_factory=dict)
    _settings: dict[str, tuple[int, Any]] = field(default_factory=dict)
    """folder -> (settings generation, merged Settings): validated once per folder and settings change."""
    _reported: set[str] = field(default_factory=set)
    _plans: dict[tuple, PlanBuild] = field(default_factory=dict)
    _latest_plan: dict[str, tuple[int, PlanBuild]] = field(default_factory=dict)
    _diagnostic_cache: DiagnosticCache = field(default_factory=DiagnosticCache)
    _result_counter: int = 0
    background: set = field(default_factory=set)
    """Running asyncio tasks (kept referenced so they are not garbage-collected mid-flight)."""
    scan_task: Any = None
    _pending: dict = field(default_factory=dict)
    _pushed: dict = field(default_factory=dict)

    @property
    def index(self) -> "WorkspaceIndex":
        if self._index is None:
            from analysis.workspace import WorkspaceIndex

            self._index = WorkspaceIndex()
        return self._index

    # ------------------------------------------------------------------ capabilities and settings

    def initialize(self, capabilities: t.ClientCapabilities, encoding: str, options: Any, folders: list[Path]) -> None:
        self.flags = ClientFlags.from_capabilities(capabilities, encoding)
        self.encoder = PositionEncoder(encoding)
        self.folders = folders
        self.set_initialization_options(options)

    def set_initialization_options(self, options: Any) -> None:
        if isinstance(options, dict):
            # Accept both `{"specls": {...}}` and the settings object itself.
            inner = options.get("specls") if isinstance(options.get("specls"), dict) else options
            self.initialization_options = dict(inner)
        elif options is not None:
            self._problem(f"invalid specls initializationOptions: expected an object, got {type(options).__name__}; using the defaults")
        self._settings_changed()

    def set_editor_configuration(self, configuration: Any) -> None:
        if isinstance(configuration, dict):
            inner = configuration.get("specls") if isinstance(configuration.get("specls"), dict) else configuration
            self.editor_configuration = dict(inner)
        elif configuration is None:
            self.editor_configuration = {}
        else:
            self._problem(f"invalid specls settings: expected an object, got {type(configuration).__name__}; using the defaults")
        self._settings_changed()

    def file_settings_changed(self) -> None:
        self._file_settings.clear()
        self._settings_changed()

    def _settings_changed(self) -> None:
        self.settings_generation += 1
        self._plans.clear()

    def _problem(self, message: str) -> None:
        if message not in self._reported:
            self._reported.add(message)
            self.report_problem(message)

    def settings_for(self, path: str) -> "Settings":
        from analysis.config import find_file_settings, load_settings

        folder = os.path.dirname(path) if path else ""
        raw = self._file_settings.get(folder)
        if raw is None:
            raw, problems, _ = find_file_settings(Path(folder or ".")) if folder and os.path.isdir(folder) else ({}, [], None)
            for problem in problems:
                self._problem(problem)
            self._file_settings[folder] = raw
        cached = self._settings.get(folder)
        if cached is not None and cached[0] == self.settings_generation:
            return cached[1]
        settings, problems = load_settings(raw, self.initialization_options, self.editor_configuration)
        for problem in problems:
            self._problem(problem)
        self._settings[folder] = (self.settings_generation, settings)
        return settings

    # ------------------------------------------------------------------ text access

    def open_document(self, uri: str):
        return self.workspace_getter().text_documents.get(uri)

    def read_text(self, uri: str) -> tuple[str | None, int | None, str | None]:
        """(text, version, error) from the editor's buffer when open, else from disk; text None when absent."""
        document = self.open_document(uri)
        if document is not None:
            return document.source, document.version, None
        path = uri_to_path(uri)
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            return None, None, None
        except OSError as exc:
            return None, None, f"cannot read file: {exc.strerror or exc}"
        decoded = decode_bytes(data)
        return decoded.text, None, decoded.error

    def _disk_stamp(self, uri: str) -> Any:
        document = self.open_document(uri)
        if document is not None:
            return ("open", document.version, len(document.source))
        try:
            stat = os.stat(uri_to_path(uri))
            return ("disk", stat.st_mtime_ns, stat.st_size)
        except OSError:
            return ("absent",)

    def plan_uri_for(self, spec_uri: str) -> str:
        from analysis.crossfile import plan_path_for

        return path_to_uri(plan_path_for(uri_to_path(spec_uri), self.settings_for(uri_to_path(spec_uri))))

    def spec_uri_for_plan(self, plan_uri: str) -> str | None:
        from analysis.workspace import is_kiro_companion_path, is_spec_path

        folder = Path(uri_to_path(plan_uri)).parent
        for candidate in sorted(self.index.documents):
            if Path(candidate).parent == folder and is_spec_path(candidate) and not is_kiro_companion_path(candidate):
                return path_to_uri(candidate)
        for name in ("spec.md", "requirements.md"):
            if (folder / name).is_file() or self.open_document(path_to_uri(str(folder / name))) is not None:
                return path_to_uri(str(folder / name))
        return None

    @staticmethod
    def kind_of(uri: str) -> str:
        return _kind_of(uri)

    # ------------------------------------------------------------------ analysis

    def _stamp(self, uri: str, kind: str) -> tuple:
        own = self._disk_stamp(uri)
        if kind == "spec":
            other = self._disk_stamp(self.plan_uri_for(uri))
        elif kind == "plan":
            spec_uri = self.spec_uri_for_plan(uri)
            other = self._disk_stamp(spec_uri) if spec_uri else None
        else:
            other = None
        return (own, other, self.settings_generation)

    def spec_document(self, uri: str) -> "SpecDocument | None":
        """The parsed spec for a URI (from the current analysis when fresh, else parsed now)."""
        if self.kind_of(uri) == "spec":
            return self.analyse(uri).document
        path = uri_to_path(uri)
        return self.index.documents.get(path)

    def parse(self, uri: str) -> "tuple[SpecDocument | None, int | None]":
        from analysis.parse import parse_error_document, parse_spec

        text, version, error = self.read_text(uri)
        path = uri_to_path(uri)
        if error is not None:
            return parse_error_document(path, error), version
        if text is None:
            return None, version
        if len(text) > MAX_DOCUMENT_BYTES:
            return parse_error_document(path, f"file is too large to analyse ({len(text) // 1_048_576} MiB)"), version
        if "\x00" in text[:8192]:
            return parse_error_document(path, "file looks binary (it contains NUL bytes); only UTF-8 text is analysed"), version
        return parse_spec(text, path), version

    def analyse(self, uri: str) -> Analysis:
        """The analysis of `uri` for its current text (cached per version and settings). Files that are not
        open in the editor are analysed without filling the per-line caches: nobody types in them, and those
        caches would only keep their text alive."""
        if self.open_document(uri) is not None:
            return self._analyse(uri)
        from analysis import memo

        with memo.disabled():
            return self._analyse(uri)

    def _analyse(self, uri: str) -> Analysis:
        from analysis.crossfile import plan_findings, plan_path_for, plan_state, plans_apply, spec_findings
        from analysis.parse import parse_error_document
        from analysis.rules import check_document

        kind = self.kind_of(uri)
        stamp = self._stamp(uri, kind)
        cached = self.analyses.get(uri)
        if cached is not None and cached.stamp == stamp:
            return cached
        path = uri_to_path(uri)
        findings: list[Finding] = []
        document = None
        state = status = None
        if kind == "spec":
            document, version = self.parse(uri)
            if document is None:
                document = parse_error_document(path, "file not found")
            self.index.update(document)
            lines = document.lines
            settings = self.settings_for(path)
            result = check_document(document, settings, self.index)
            for problem in result.problems:
                log.warning("%s", problem)
            findings = result.findings
            if document.error is None and plans_apply(document):
                plan_uri = path_to_uri(plan_path_for(path, settings))
                plan_text, _, _ = self.read_text(plan_uri)
                state, status = plan_state(document.text, plan_text)
                extra = spec_findings(document, state, uri_to_path(plan_uri))
                findings = findings + self._apply_severity(extra, settings)
        elif kind == "plan":
            text, version, error = self.read_text(uri)
            lines = split_lines(text or "")
            spec_uri = self.spec_uri_for_plan(uri)
            if text is not None and spec_uri is not None:
                spec = self.spec_document(spec_uri)
                if spec is not None and spec.error is None:
                    build = self.plan_for(spec)
                    state, status = plan_state(spec.text, text)
                    findings = self._apply_severity(plan_findings(text, path, spec, build.plan, status), self.settings_for(path))
        else:
            text, version, _ = self.read_text(uri)
            lines = split_lines(text or "")
        diagnostics = [self._diagnostic_cache.convert(f, lines, uri, self.encoder, related_information=self.flags.related_information,
                                                      lines_of=self._lines_of) for f in findings]
        result_id = self._result_id(cached, diagnostics)
        analysis = Analysis(uri, path, kind, stamp, version, lines, document, findings, diagnostics, result_id, state, status)
        self.analyses[uri] = analysis
        return analysis

    @staticmethod
    def _apply_severity(findings: "list[Finding]", settings: "Settings") -> "list[Finding]":
        """Cross-artifact findings honour `select`, `ignore` and `severity` like rule findings do."""
        from analysis.model import Severity

        kept = []
        for finding in findings:
            if settings.select and finding.rule not in settings.select or finding.rule in settings.ignore:
                continue
            override = settings.severity.get(finding.rule)
            if override == "off":
                continue
            if override:
                finding.severity = Severity(override)
            kept.append(finding)
        return kept

    def _lines_of(self, path: str) -> list[str]:
        text, _, _ = self.read_text(path_to_uri(path))
        return split_lines(text or "")

    def _result_id(self, previous: Analysis | None, diagnostics: list[t.Diagnostic]) -> str:
        """Equal diagnostics keep their result id, so pull clients get an `unchanged` report."""
        digest = hashlib.blake2b(repr([(d.range, d.message, d.severity, d.code) for d in diagnostics]).encode(), digest_size=8).hexdigest()
        if previous is not None and previous.result_id.endswith(digest):
            return previous.result_id
        self._result_counter += 1
        return f"{self._result_counter}-{digest}"

    def forget(self, uri: str) -> None:
        self.analyses.pop(uri, None)

    def remove_file(self, uri: str) -> None:
        self.analyses.pop(uri, None)
        self.index.remove(uri_to_path(uri))

    # ------------------------------------------------------------------ plan engine

    def plan_for(self, document: "SpecDocument", *, allow_previous: bool = False) -> PlanBuild:
        """Domain model and plan of a spec, cached by its text and the settings (never on the keystroke path).

        With `allow_previous` (hover, code lenses), the plan built for the same file a few keystrokes ago is good
        enough when the exact one is not ready: it is returned at once instead of building a new one on the loop.
        Plan generation itself always uses the exact text.
        """
        from analysis.crossfile import plan_engine, safe_call

        settings = self.settings_for(document.path)
        key = (document.path, hashlib.blake2b(document.text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
               self.settings_generation)
        build = self._plans.get(key)
        if build is None and allow_previous:
            previous = self._latest_plan.get(document.path)
            if previous is not None and previous[0] == self.settings_generation:
                return previous[1]
        if build is None:
            engine = plan_engine()
            domain, problem = safe_call(engine.infer_domain, document)
            plan, plan_problem = safe_call(engine.build_plan, document, settings, domain)
            build = PlanBuild(domain, plan, problem or plan_problem)
            if build.problem:
                log.warning("%s", build.problem)
            if len(self._plans) > 64:
                self._plans.clear()
            self._plans[key] = build
            self._latest_plan[document.path] = (self.settings_generation, build)
        return build

    def known_plans(self) -> dict[str, list[str]]:
        """path -> lines of every plan.md beside a known spec (open buffers win over disk)."""
        from analysis.crossfile import plan_path_for

        plans: dict[str, list[str]] = {}
        for path in list(self.index.documents):
            plan_uri = path_to_uri(plan_path_for(path, self.settings_for(path)))
            text, _, _ = self.read_text(plan_uri)
            if text is not None:
                plans[uri_to_path(plan_uri)] = split_lines(text)
        return plans

    def specs(self) -> "list[SpecDocument]":
        return [document for document in self.index.documents.values() if document.error is None]

