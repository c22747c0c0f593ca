"""Property test of the plan.md update contract: random person edits (inside and outside regions, on marker lines
too) interleaved with random spec changes and regenerations never lose a byte a person wrote, keep the person's
lines in order, and regenerating from an unchanged spec is a no-op."""

from __future__ import annotations

import hashlib
import itertools
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.plan.model import Model, ModelField, Plan
from analysis.plan.regions import line_edits, parse_plan, update_plan
from tests.golden.plans import library_plan

PURPOSES = ["add a book to the catalogue", "add a book by ISBN", "catalogue a new title"]


def plan_for(state: tuple[bool, bool, int, bool]) -> Plan:
    """A plan for one 'spec version': which models and route groups exist and how a route is worded."""
    keep_user, extra_model, purpose, keep_loans = state
    plan = library_plan(hashlib.sha256(repr(state).encode()).hexdigest())
    if not keep_user:
        plan.models = [m for m in plan.models if m.name != "User"]
    if extra_model:
        plan.models.insert(1, Model("Shelf", fields=[ModelField("id", "int", primary_key=True),
                                                      ModelField("label", "str")]))
    plan.routes[0].purpose = PURPOSES[purpose]
    if not keep_loans:
        plan.routes = [r for r in plan.routes if r.resource != "Loans"]
        plan.services = [s for s in plan.services if s.name != "LoanService"]
    return plan


TEAM_PLAN = "# Implementation Plan: Library\n\n## Summary\n\nLend books.\n\n## Technical Context\n\nPython 3.12\n"
TEAM_PLAN_LINES = TEAM_PLAN.count("\n")

spec_states = st.tuples(st.booleans(), st.booleans(), st.integers(0, 2), st.booleans())
edits = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1)),
    st.tuples(st.just("append"), st.floats(0, 1)),
    st.tuples(st.just("delete"), st.floats(0, 1)),
    st.tuples(st.just("regenerate"), spec_states),
)


def split_keeping_ends(text: str) -> list[str]:
    """Lines as specls and LSP count them (`\r\n`, `\r`, `\n` only; not str.splitlines' extra separators)."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def person_lines(text: str) -> list[str]:
    """Non-blank lines outside well-formed regions and the header: what the person owns."""
    lines = split_keeping_ends(text)
    parsed = parse_plan(text)
    generated = set()
    for region in parsed.regions:
        generated.update(range(region.begin_line, region.end_line + 1))
    if parsed.header is not None:
        generated.add(parsed.header.line)
    return [line.rstrip("\r\n") for number, line in enumerate(lines)
            if number not in generated and line.strip(" \t\r\n\ufeff")]


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    iterator = iter(haystack)
    return all(any(needle == item for item in iterator) for needle in needles)


# SPECLS_PROPERTY_EXAMPLES=2000 for a longer hunt; the default keeps the file under a few seconds.
@settings(max_examples=int(os.environ.get("SPECLS_PROPERTY_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=spec_states, crlf=st.booleans(), bom=st.booleans(), foreign=st.booleans(),
       steps=st.lists(edits, min_size=1, max_size=12))
def test_no_person_byte_is_ever_lost_and_unchanged_spec_is_a_no_op(start, crlf, bom, foreign, steps):
    newline = "\r\n" if crlf else "\n"
    # `foreign`: the file began as a plan.md a team wrote (spec-kit's), with the generated part appended.
    text = update_plan(TEAM_PLAN if foreign else None, plan_for(start)).text.replace("\n", newline)
    text = ("\ufeff" if bom else "") + text
    state = start
    tokens: list[str] = []
    for number, (kind, value) in enumerate(steps):
        if kind == "regenerate":
            state = value
            before_person = person_lines(text)
            update = update_plan(text, plan_for(state))
            for token in tokens:
                assert token in update.text, f"lost {token!r}"
            assert is_subsequence(before_person, [line.rstrip("\r\n") for line in split_keeping_ends(update.text)])
            assert update.text.startswith("\ufeff") == bom
            if crlf:
                assert "\n" not in update.text.replace("\r\n", "")
            again = update_plan(update.text, plan_for(state))
            assert again.text == update.text and not again.changed
            text = update.text
            continue
        token = f"person-{number}-ä"
        tokens.append(token)
        body = text[1:] if bom else text
        lines = body.split(newline)
        index = min(int(value * len(lines)), len(lines) - 1)
        if kind == "insert":
            lines.insert(index, token)
        elif kind == "append":
            lines[index] = lines[index] + " " + token
        else:
            # A person deletes a line (generated text or a marker; never one holding a token we track).
            tokens.pop()
            if not any(token in lines[index] for token in tokens) and (not foreign or index >= TEAM_PLAN_LINES):
                del lines[index]
        text = ("\ufeff" if bom else "") + newline.join(lines)
    final = update_plan(text, plan_for(state))
    for token in tokens:
        assert token in final.text


MARKER_LINES = [
    "<!-- specls:plan spec=spec.md spec-sha256=" + "0" * 64 + " generator=specls 0.1.0 -->",
    "<!-- specls:begin routes sha256=" + "0" * 64 + " -->", "<!-- specls:end routes -->",
    "<!-- specls:begin models:book sha256=" + "f" * 64 + " -->", "<!-- specls:end models:book -->",
    "<!-- specls:end title -->", "<!-- specls:begin title sha256=xyz -->", "```", "", "\ufeff",
]


@settings(max_examples=int(os.environ.get("SPECLS_PROPERTY_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(st.sampled_from(MARKER_LINES),
                                st.text(st.characters(blacklist_characters="\r\n"), max_size=30)), max_size=25),
       newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_text_is_merged_without_raising_or_losing_lines(lines, newline):
    """Arbitrary text with stray, duplicate, unbalanced and malformed markers: the person's lines all survive, in
    order, and a second update changes nothing."""
    text = newline.join(lines)
    plan = plan_for((True, False, 0, True))
    update = update_plan(text, plan)
    assert is_subsequence(person_lines(text), [line.rstrip("\r\n") for line in split_keeping_ends(update.text)])
    assert update_plan(update.text, plan).text == update.text


texts = st.lists(st.sampled_from(["a", "b", "", "<!-- x -->", "ü", "c c"]), max_size=12).flatmap(
    lambda lines: st.tuples(st.just(lines), st.lists(st.sampled_from(["\n", "\r\n", "\r"]),
                                                     min_size=len(lines), max_size=len(lines))))


def join(drawn) -> str:
    lines, breaks = drawn
    # The last line may lack a terminator, as files often do.
    return "".join(line + ending for line, ending in zip(lines, breaks))[:-1] if lines and lines[-1] == "c c" else \
        "".join(line + ending for line, ending in zip(lines, breaks))


@settings(max_examples=int(os.environ.get("SPECLS_PROPERTY_EXAMPLES", "60")) * 3, deadline=None)
@given(old=texts, new=texts)
def test_line_edits_turn_any_text_into_any_other(old, new):
    from tests.test_plan_regions import apply_edits

    before, after = join(old), join(new)
    edits = line_edits(before, after)
    assert apply_edits(before, edits) == after
    assert all(a.range.end <= b.range.start for a, b in itertools.pairwise(edits))
