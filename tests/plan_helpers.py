"""Shared helpers for the plan tests: a spec from an inline body, its plan, an entity of its domain, route keys."""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan.design import build_plan
from analysis.plan.infer import infer_domain
from analysis.plan.model import Entity, Plan

PATH = "specs/001-x/spec.md"


def spec_of(body: str, title: str) -> str:
    return f"# Feature Specification: {title}\n\n" + textwrap.dedent(body).lstrip("\n")


def plan_of(body: str, title: str) -> Plan:
    return build_plan(parse_spec(spec_of(body, title), PATH))


def entity_of(body: str, name: str, title: str) -> Entity:
    domain = infer_domain(parse_spec(spec_of(body, title), PATH))
    return next(e for e in domain.entities if e.name == name)


def route_keys(plan: Plan) -> set[str]:
    return {f"{r.method} {r.path}" for r in plan.routes}
