"""Every real Kiro requirements.md in /work/shared/corpus/dialects parses sensibly and gets no false alarms from
the Kiro rules, under its original `.kiro/specs/...` path and as a flattened copy. Skipped without the corpus."""

from __future__ import annotations

import csv
import re

import pytest

from analysis.model import Dialect
from analysis.parse import parse_spec
from analysis.rules import check_document
from tests.shared_paths import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS / "dialects"
SOURCES = CORPUS / "SOURCES.tsv"
_NUMBERED_HEADING = re.compile(r"^#{2,4}\s+(?:Requirement|需求|要件)\s*\d+", re.M | re.I)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _kiro_files() -> list[tuple[str, str]]:
    if not SOURCES.is_file():
        return []
    with SOURCES.open(encoding="utf-8") as handle:
        return [(row["folder"], row["path"]) for row in csv.DictReader(handle, delimiter="\t")
                if row["path"].endswith("/requirements.md") and (CORPUS / row["folder"] / "requirements.md").is_file()]


FILES = _kiro_files()
pytestmark = pytest.mark.skipif(not FILES, reason="Kiro corpus not available")


@pytest.mark.parametrize("folder,original", FILES, ids=[folder for folder, _ in FILES])
def test_real_kiro_file_parses_sensibly(folder, original):
    text = (CORPUS / folder / "requirements.md").read_text(encoding="utf-8")
    document = parse_spec(text, original)
    assert document.dialect == Dialect.KIRO and document.error is None
    if not _NUMBERED_HEADING.search(text):
        # Free-form files (no numbered requirements) yield nothing and raise no Kiro alarm.
        assert document.requirements == []
        assert parse_spec(text, f"flat/{folder}/requirements.md").dialect == Dialect.MARKDOWN
    else:
        assert document.requirements, folder
        for requirement in document.requirements:
            assert requirement.scenarios, (folder, requirement.id)
            assert requirement.user_story, (folder, requirement.id)
            assert sum(c.has_shall for c in requirement.scenarios) >= len(requirement.scenarios) * 0.8, (folder, requirement.id)
        assert parse_spec(text, f"flat/{folder}/requirements.md").dialect == Dialect.KIRO
    findings = check_document(document).findings
    quiet = ("requirement-without-scenario", "kiro-requirement-numbering", "kiro-missing-user-story")
    assert [f.message for f in findings if f.rule in quiet] == []
    if _CJK.search(text):
        assert [f.message for f in findings if f.rule.startswith("kiro-")] == []
    for finding in findings:
        if finding.rule == "kiro-undefined-glossary-term":
            assert document.entity(finding.data["term"]) is None
