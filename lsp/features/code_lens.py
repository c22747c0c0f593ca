"""Code lenses: `3 fields · 4 routes · 5 references` on each entity definition, and on the title `Generate plan`,
`Plan is stale — update` (both run `specls.generatePlan`) or `Plan is current`.
"""

from __future__ import annotations

from lsprotocol import types as t

from lsp.features.commands import GENERATE_PLAN


def register(server) -> None:
    @server.feature(t.TEXT_DOCUMENT_CODE_LENS)
    def code_lens(ls, params: t.CodeLensParams):
        from analysis import navigation

        session = ls.session
        uri = params.text_document.uri
        analysis = session.analyse(uri)
        document = analysis.document
        if analysis.kind != "spec" or document is None or document.error is not None:
            return []
        build = session.plan_for(document, allow_previous=True)
        lenses = []
        for fact in navigation.code_lens_facts(document, build.domain, build.plan, analysis.plan_state):
            command = t.Command(title=fact.title, command=GENERATE_PLAN if fact.action else "", arguments=[uri] if fact.action else None)
            lenses.append(t.CodeLens(range=session.encoder.range_to_client(analysis.lines, fact.range), command=command))
        return lenses
