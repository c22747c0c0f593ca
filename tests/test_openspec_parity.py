"""Parity with the official `openspec validate` 1.13.2 on the real specs in /work/shared/corpus/dialects.

The corpus stores the CLI's JSON output (normal and `--strict`) for a scratch workspace in which every OpenSpec
corpus folder was `openspec/specs/<folder>/spec.md`, plus a copy of Fission-AI's cli-validate spec as
`specs/cli-validate`, and two changes: `fix-spec-parser-fidelity` (a delta against cli-validate) and
`merge-init-experimental` (an archived delta whose capability has no main spec). We rebuild that layout in a
temporary folder, run the rules that stand for `openspec validate` (`VALIDATE_EQUIVALENT_RULES`) with a
workspace index (so the cross-file delta checks run too), map error/warning/info onto ERROR/WARNING/INFO and
compare each item's verdict: valid = no error, strict-valid = no error and no warning. The CLI stops at the
first fatal problem and we do not, so only verdicts (and the counts of issue kinds the CLI reports in full)
are compared, not every message. Skipped when the corpus is absent.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analysis.dialects.openspec import VALIDATE_EQUIVALENT_RULES
from analysis.model import Severity
from analysis.rules import check_document
from analysis.workspace import WorkspaceIndex, read_spec
from tests.shared_paths import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS / "dialects"
ORACLE = CORPUS / "ORACLE-openspec-validate-1.13.2.json"
CHANGES = {  # change id -> (corpus folder of its delta, capability)
    "fix-spec-parser-fidelity": ("Fission-AI__OpenSpec__delta-fix-spec-parser-fidelity-cli-validate", "cli-validate"),
    "merge-init-experimental": ("Fission-AI__OpenSpec__delta-archived-merge-init-experimental-cli-init", "cli-init"),
}

pytestmark = pytest.mark.skipif(not ORACLE.is_file(), reason="OpenSpec corpus not available")


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, list]:
    """item id -> our findings (only the validate-equivalent rules) over the item's files."""
    root = tmp_path_factory.mktemp("openspec-parity") / "openspec"
    items: dict[str, list[Path]] = {}
    delta_folders = {folder for folder, _ in CHANGES.values()}
    for folder in sorted(CORPUS.iterdir()):
        if folder.is_dir() and (folder / "spec.md").is_file() and folder.name not in delta_folders \
                and not (folder / "requirements.md").exists():
            items[folder.name] = [_copy(folder / "spec.md", root / "specs" / folder.name / "spec.md")]
    items["cli-validate"] = [_copy(CORPUS / "Fission-AI__OpenSpec__cli-validate" / "spec.md", root / "specs" / "cli-validate" / "spec.md")]
    for change, (folder, capability) in CHANGES.items():
        items[change] = [_copy(CORPUS / folder / "spec.md", root / "changes" / change / "specs" / capability / "spec.md")]
    workspace = WorkspaceIndex()
    documents = {item: [read_spec(path) for path in paths] for item, paths in items.items()}
    for docs in documents.values():
        for document in docs:
            workspace.update(document)
    return {item: [finding for document in docs
                   for finding in check_document(document, workspace=workspace, only=VALIDATE_EQUIVALENT_RULES).findings]
            for item, docs in documents.items()}


def _oracle(mode: str) -> list[dict]:
    return json.loads(ORACLE.read_text(encoding="utf-8"))[mode]["items"]


def _describe(findings) -> list[tuple[str, str, int, str]]:
    return [(f.rule, f.severity.value, f.range.start.line + 1, f.message[:100]) for f in findings]


def test_every_oracle_item_is_built(results):
    assert {item["id"] for item in _oracle("normal")} == set(results)


@pytest.mark.parametrize("mode", ["normal", "strict"])
def test_verdicts_equal_openspec_validate(results, mode):
    mismatches = []
    for item in _oracle(mode):
        findings = results[item["id"]]
        failing = {Severity.ERROR} if mode == "normal" else {Severity.ERROR, Severity.WARNING}
        ours = not any(f.severity in failing for f in findings)
        if ours != item["valid"]:
            mismatches.append((item["id"], item["valid"], ours, _describe(findings)))
    assert mismatches == [], f"{len(mismatches)} of {len(_oracle(mode))} verdicts differ: {mismatches}"


def test_issue_kinds_the_cli_reports_in_full_are_counted_alike(results):
    """Where the CLI did not stop early, its warnings and infos are one-to-one with our findings."""
    kinds = {"should contain SHALL or MUST": "missing-modal-verb", "Purpose section is too brief": "openspec-purpose-too-short",
             "Purpose section is still a placeholder": "openspec-purpose-placeholder",
             "Requirement text is very long": "openspec-requirement-too-long"}
    for item in _oracle("normal"):
        if any(issue["path"] == "file" for issue in item["issues"]):
            continue  # the CLI threw before running its other rules
        for phrase, rule in kinds.items():
            theirs = sum(phrase in issue["message"] for issue in item["issues"])
            ours = sum(f.rule == rule for f in results[item["id"]])
            assert ours == theirs, (item["id"], rule, theirs, ours)


def test_fatal_items_are_fatal_for_the_same_reason(results):
    for item in _oracle("normal"):
        if any("must have a Purpose section" in issue["message"] for issue in item["issues"]):
            assert any(f.rule == "missing-section" and "Purpose" in f.message and f.severity == Severity.ERROR
                       for f in results[item["id"]]), item["id"]
