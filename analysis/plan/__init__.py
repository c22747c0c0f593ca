"""The plan engine: infer a domain model from a spec, design a backend plan from it, render plan.md and
update an existing plan.md in place without losing a person's edits.

Deterministic and offline. Submodules: `model` (types), `infer` (domain model), `design` (routes, services,
errors, traceability, checklist), `render` (markdown, Mermaid), `regions` (marked regions, update, staleness),
`openapi` (OpenAPI 3.1). No pygls or lsprotocol.
"""
