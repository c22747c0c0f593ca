"""Commands: `specls.generatePlan` (used by the title code lens), `specls.overwritePlanRegion`, and the hidden
`specls.debug.raise` that fails on purpose so tests can check that one failing request leaves the server serving.
"""

from __future__ import annotations

from lsp.features import plan_edits

GENERATE_PLAN = "specls.generatePlan"
OVERWRITE_REGION = "specls.overwritePlanRegion"
DEBUG_RAISE = "specls.debug.raise"


def register(server) -> None:
    @server.command(GENERATE_PLAN)
    async def generate_plan(ls, spec_uri: str):
        return await plan_edits.apply_plan(ls, spec_uri)

    @server.command(OVERWRITE_REGION)
    async def overwrite_region(ls, spec_uri: str, region: str):
        return await plan_edits.apply_plan(ls, spec_uri, frozenset({region}), label=f"specls: overwrite region {region}")

    @server.command(DEBUG_RAISE)
    def debug_raise(ls):
        raise RuntimeError("specls.debug.raise: deliberate failure for tests")
