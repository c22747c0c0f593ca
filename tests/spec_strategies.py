"""Hypothesis strategies shared by the plan tests: spec lines mixed from a vocabulary of wording and definitions, and
the invariants every plan of such lines keeps."""

from __future__ import annotations

from hypothesis import strategies as st

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.infer import infer_domain
from analysis.plan.model import DomainModel, Plan
from analysis.plan.openapi import build_openapi
from analysis.plan.render import render_plan


def spec_lines(words: list[str], lines: list[str], *, max_lines: int = 30) -> st.SearchStrategy[list[str]]:
    """Lists of spec lines: requirements and When clauses made of any mix of `words`, and whole `lines` (definitions,
    headings) in any order."""
    vocabulary = st.sampled_from(words)
    return st.lists(st.one_of(
        st.builds(lambda picked: "- **FR-001**: " + " ".join(picked), st.lists(vocabulary, max_size=14)),
        st.builds(lambda picked: "1. **Given** x, **When** " + " ".join(picked) + ", **Then** ok",
                  st.lists(vocabulary, max_size=10)),
        st.sampled_from(lines)), max_size=max_lines)


def plans_hold_up(text: str) -> tuple[DomainModel, Plan]:
    """The domain and plan of `text`, checked: every link model joins exactly two entities and is no person; the plan
    was built without an internal error, renders and gives an OpenAPI document; every route is under `/api/` and traced to the spec."""
    document = parse_spec(text, "specs/001-x/spec.md")
    domain = infer_domain(document)
    for entity in domain.entities:
        if entity.link:
            assert len([r for r in entity.relationships if r.kind == "belongs-to"]) == 2 and not entity.is_actor
    plan = build_plan(document)
    assert not any("internal error" in note or "failed" in note for note in plan.notes)  # build_plan never raises
    render_plan(plan)
    build_openapi(plan)
    for route in plan.routes:
        assert route.path.startswith("/api/") and route.sources
    return domain, plan
