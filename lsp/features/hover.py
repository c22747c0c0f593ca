"""Hover: on an entity, the inferred model (fields, relationships, states, routes, where it is defined); on an
FR/SC/story ID, its text and where the plan covers it; in plan.md on a route or model, the spec lines it came from.
"""

from __future__ import annotations

from lsprotocol import types as t

from lsp.features.locations import display_path, plan_context, with_cited_requirements


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_HOVER)
    def hover(ls, params: t.HoverParams):
        from analysis import navigation

        session = ls.session
        uri = params.text_document.uri
        analysis = session.analyse(uri)
        position = session.encoder.position_from_client(analysis.lines, params.position)
        text = None
        hit = None
        if analysis.kind not in ("spec", "plan"):
            return None
        if analysis.kind == "spec":
            hit = navigation.symbol_at(analysis.document, position) if analysis.document is not None else None
            if hit is None:
                return None  # (editors hover as the mouse moves: plain text must not build a plan)
        # Only entity and ID hovers show what the plan made of them; criteria and properties need no plan.
        needs_plan = hit is None or hit.kind not in ("criterion", "property")
        specs, plans, spec, build = plan_context(session, uri, with_plan=needs_plan)
        if analysis.kind == "plan":
            hit = navigation.plan_symbol_at(analysis.lines, position, [spec] if spec else specs)
            if spec is not None and (hit is None or hit.kind == "entity"):
                text = navigation.plan_line_sources(analysis.lines, position, spec, build.plan if build else None)
        if text is None and hit is not None:
            ordered = ([spec] if spec else []) + [s for s in specs if s is not spec]
            if hit.kind == "criterion":
                text = navigation.criterion_hover(hit, with_cited_requirements(session, hit, ordered), display_path(session))
            elif hit.kind == "property":
                text = navigation.property_hover(hit, with_cited_requirements(session, hit, ordered), display_path(session))
            elif hit.kind == "entity":
                text = navigation.entity_hover(hit.name, ordered, build.domain if build else None, build.plan if build else None,
                                               display_path(session))
            else:
                text = navigation.id_hover(hit.name, ordered, plans, build.plan if build else None, display_path(session))
        if not text:
            return None
        rng = session.encoder.range_to_client(analysis.lines, hit.range) if hit is not None else None
        return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=text), range=rng)
