"""docs/rules.md is generated from the rule registry and must not drift from it."""

from __future__ import annotations

import re
from pathlib import Path

from analysis.rules import iter_rules
from docs.generate_rules_doc import RULES_DOC, _escape_html, render_rules_doc

ROOT = Path(__file__).resolve().parent.parent


def test_committed_rules_doc_matches_the_registry():
    assert RULES_DOC.read_text(encoding="utf-8") == render_rules_doc(), (
        "docs/rules.md is out of date: run `python docs/generate_rules_doc.py`")


def test_every_rule_has_a_section_with_its_severity_and_an_explanation():
    text = render_rules_doc()
    for rule in iter_rules():
        section = text.split(f"\n## {rule.name}\n", 1)
        assert len(section) == 2, f"no section for {rule.name}"
        body = section[1].split("\n## ", 1)[0]
        assert f"- Default severity: **{rule.severity.value}**" in body
        assert _escape_html(rule.summary) in body
        assert len(body.strip().splitlines()) > 5, f"{rule.name}: its module has no docstring to explain it"


def test_rule_names_are_stable_kebab_case():
    for rule in iter_rules():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.name), rule.name


def test_doc_sections_are_exactly_the_registered_rules_plus_unreadable_file():
    documented = set(re.findall(r"^## ([a-z0-9-]+)$", RULES_DOC.read_text(encoding="utf-8"), re.M))
    assert {rule.name for rule in iter_rules()} | {"unreadable-file"} == documented


def test_angle_brackets_outside_code_are_escaped():
    assert _escape_html("THE <Term> SHALL, `THE <Term> SHALL`") == "THE &lt;Term> SHALL, `THE <Term> SHALL`"
