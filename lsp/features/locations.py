"""Shared lookups of the navigation features: the specs and plans a request can see, and analysis locations → LSP."""

from __future__ import annotations

import os

from lsprotocol import types as t

from analysis.text import split_lines
from lsp.convert import path_to_uri, uri_to_path


def plan_context(session, uri: str, with_plan: bool = True):
    """(all specs, all plans path->lines, the spec this document belongs to, that spec's plan build or None; None too
    without `with_plan`, for answers that need no plan: building one costs a large spec's keystroke budget)."""
    kind = session.kind_of(uri)
    spec_uri = uri if kind == "spec" else session.spec_uri_for_plan(uri) if kind == "plan" else None
    spec = session.spec_document(spec_uri) if spec_uri else None
    from analysis.crossfile import plans_apply

    build = session.plan_for(spec, allow_previous=True) if with_plan and spec is not None and spec.error is None \
        and plans_apply(spec) else None
    specs = session.specs()
    if spec is not None and all(s.path != spec.path for s in specs):
        specs.append(spec)
    plans = session.known_plans()
    if kind == "plan":
        plans[uri_to_path(uri)] = session.analyse(uri).lines
    return specs, plans, spec, build


def display_path(session):
    roots = [str(folder) for folder in session.folders]

    def shorten(path: str) -> str:
        for root in roots:
            if path.startswith(root + os.sep):
                return os.path.relpath(path, root)
        return os.path.basename(path)

    return shorten


def to_lsp_location(session, location, lines_cache: dict) -> t.Location:
    uri = path_to_uri(location.path)
    lines = lines_cache.get(uri)
    if lines is None:
        text, _, _ = session.read_text(uri)
        lines = lines_cache[uri] = split_lines(text or "")
    return t.Location(uri=uri, range=session.encoder.range_to_client(lines, location.range))


def hit_at(session, uri: str, position: t.Position):
    """The symbol under the cursor in a spec or a plan, with the context to resolve it."""
    from analysis import navigation

    analysis = session.analyse(uri)
    point = session.encoder.position_from_client(analysis.lines, position)
    specs, plans, spec, _ = plan_context(session, uri, with_plan=False)
    if analysis.kind == "spec" and analysis.document is not None:
        hit = navigation.symbol_at(analysis.document, point)
        return hit, with_cited_requirements(session, hit, specs), plans, analysis
    if analysis.kind == "plan":
        return navigation.plan_symbol_at(analysis.lines, point, [spec] if spec else specs), specs, plans, analysis
    return None, specs, plans, analysis


def with_cited_requirements(session, hit, specs: list) -> list:
    """`specs`, plus the requirements.md (or design.md) a Kiro task citation points at when the workspace scan has not
    read it yet."""
    if hit is None or hit.kind not in ("criterion", "property"):
        return specs
    if hit.kind == "criterion":
        documents = [session.index.kiro_requirements(hit.path)]
    else:  # the property's design.md, and the tasks.md naming it (references asked from design.md)
        documents = [session.index.kiro_design(hit.path), session.index.kiro_tasks(hit.path)]
    for document in documents:
        if document is not None and all(spec.path != document.path for spec in specs):
            specs = specs + [document]
    return specs
