"""Every real OpenSpec file in /work/shared/corpus/dialects parses sensibly under its original path and is
recognised from its content alone as a flattened copy. Skipped without the corpus."""

from __future__ import annotations

import csv
import re

import pytest

from analysis.model import Dialect
from analysis.parse import parse_spec
from tests.shared_paths import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS / "dialects"
SOURCES = CORPUS / "SOURCES.tsv"


def _openspec_files() -> list[tuple[str, str]]:
    if not SOURCES.is_file():
        return []
    with SOURCES.open(encoding="utf-8") as handle:
        return [(row["folder"], row["path"]) for row in csv.DictReader(handle, delimiter="\t")
                if row["path"].startswith("openspec/") and row["path"].endswith("/spec.md")]


FILES = _openspec_files()
pytestmark = pytest.mark.skipif(not FILES, reason="OpenSpec corpus not available")


@pytest.mark.parametrize("folder,original", FILES, ids=[folder for folder, _ in FILES])
def test_real_openspec_file_parses_sensibly(folder, original):
    text = (CORPUS / folder / "spec.md").read_text(encoding="utf-8")
    document = parse_spec(text, original)
    delta = "/changes/" in f"/{original}"
    assert document.dialect == (Dialect.OPENSPEC_DELTA if delta else Dialect.OPENSPEC)
    assert document.error is None
    headers = len(re.findall(r"^###\s+Requirement:", text, re.M | re.I))
    canonical = [r for r in document.requirements if r.kind == "openspec"]
    if delta or "## Requirements" in text:
        # Each `### Requirement:` heading is read exactly once (none of these files hides one in a fence or
        # outside its section); a main spec that still uses delta headers is read by neither the CLI nor us.
        from_headings = [r for r in canonical if document.lines[r.line].lstrip().startswith("###")]
        assert len(from_headings) == headers, (folder, len(from_headings), headers)
        for requirement in canonical:
            if requirement.section != "REMOVED":
                assert any(not s.empty for s in requirement.scenarios), (folder, requirement.name)
    flat = parse_spec(text, f"flat/{folder}/spec.md").dialect
    assert flat in (Dialect.OPENSPEC, Dialect.OPENSPEC_DELTA), (folder, flat)
