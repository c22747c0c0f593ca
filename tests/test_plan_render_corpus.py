"""The plan renderer, region update and OpenAPI on every real spec of the evaluation corpus (read from
/work/shared/corpus, never copied into the repository; skipped where the corpus is absent): regeneration is a no-op,
markers are well formed, the status is current, the OpenAPI document is valid, the Mermaid diagram follows the
grammar, and rendering the whole corpus takes at most 3x its markdown-it parse time."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from openapi_spec_validator import validate

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.openapi import build_openapi
from analysis.plan.regions import parse_plan, plan_status, update_plan
from analysis.workspace import is_spec_path
from tests.test_plan_render import assert_mermaid_er_syntax
from tests.shared_paths import CORPUS as SHARED_CORPUS

CORPUS = Path(os.environ.get("SPECLS_CORPUS", str(SHARED_CORPUS)))
FULL = os.environ.get("SPECLS_CORPUS_FULL") == "1"
"""`SPECLS_CORPUS_FULL=1`: every spec and every OpenAPI validation. By default every other spec is planned and a
fixed sample of 12 OpenAPI documents is validated (the validator takes ~0.2 s a document), keeping the file fast."""
SPECS = sorted(p for p in CORPUS.rglob("*.md") if is_spec_path(p.relative_to(CORPUS).as_posix())) if CORPUS.is_dir() else []
SPECS = SPECS if FULL else SPECS[::2]

pytestmark = pytest.mark.skipif(not SPECS, reason=f"no evaluation corpus at {CORPUS}")


@pytest.fixture(scope="module")
def plans():
    return [(spec, text, build_plan(parse_spec(text, str(spec))))
            for spec in SPECS for text in [spec.read_text(encoding="utf-8", errors="replace")]]


def test_every_corpus_plan_round_trips_and_validates(plans):
    failures = []
    every = 1 if FULL else max(1, len(plans) // 12)
    for index, (spec, text, plan) in enumerate(plans):
        try:
            rendered = update_plan(None, plan).text
            assert update_plan(rendered, plan).text == rendered, "regenerating changed the plan"
            assert not parse_plan(rendered).problems, parse_plan(rendered).problems
            assert plan_status(text, rendered).state == "current"
            document = build_openapi(plan)
            if index % every == 0:
                validate(document)
            for block in re.findall(r"^```mermaid\n(.*?)^```$", rendered, re.MULTILINE | re.DOTALL):
                assert_mermaid_er_syntax(block.rstrip("\n").split("\n"))
        except Exception as exc:  # noqa: BLE001 -- collect them all: one report names every failing spec
            failures.append(f"{spec.relative_to(CORPUS)}: {type(exc).__name__}: {str(exc)[:200]}")
    assert not failures, "\n".join(failures)


def test_rendering_the_corpus_takes_at_most_3x_its_markdown_parse_time(plans):
    parser = MarkdownIt("commonmark").enable("table")

    def best(function, repeat=3):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
        return min(times)

    parse_total = sum(best(lambda text=text: parser.parse(text)) for _, text, _ in plans)
    render_total = sum(best(lambda plan=plan: update_plan(None, plan)) for _, _, plan in plans)
    assert render_total <= 3 * parse_total, (render_total, parse_total)
