"""Incremental analysis: after an edit, the memoised per-line, per-piece and per-region results give exactly what a
parse and check without any memo give, and files analysed with memoising off leave the caches alone.

The fixture is written here (no corpus); each test edits it the way a user types: inside a line, a new line,
a new heading, a new fence. Fast: a few small documents.
"""

import threading

import pytest

from analysis import markdown, memo
from analysis.dialects import speckit
from analysis.parse import parse_spec
from analysis.rules import check_document

PATH = "specs/001-shop/spec.md"

SPEC = """# Feature Specification: Shop

## User Scenarios & Testing

### User Story 1 - Place an order (Priority: P1)

As a shopper I want to place an Order so that the Warehouse ships it.

**Acceptance Scenarios**:

1. **Given** a Cart with items, **When** the shopper checks out, **Then** an Order is created.
2. **Given** an Order, **When** it ships, **Then** the Shipment Label is printed.

### User Story 2 - Track it (Priority: P2)

As a shopper I want to see where my Order is.

**Acceptance Scenarios**:

1. **Given** a shipped Order, **When** the shopper opens it, **Then** the Tracking Event list shows.

### Edge Cases

- What happens when the Cart is empty? [NEEDS CLARIFICATION: block checkout?]

## Requirements

### Functional Requirements

- **FR-001**: System MUST create an Order from a Cart quickly.
- **FR-002**: System MUST keep every Tracking Event of an Order.
- **FR-003**: System MUST print the Shipment Label within 2 seconds.
- **FR-004**: System MUST record the Audit Entry for each change, TODO.

### Key Entities

- **Order**: what the shopper bought; belongs to a Cart.
- **Cart**: the items before checkout.
- **Tracking Event**: a step of the delivery.
- **Coupon**: a discount code.

## Success Criteria

- **SC-001**: Most shoppers find checkout easy.
"""

def replace_in_line(lines: list[str], old: str, new: str) -> None:
    index = next(number for number, line in enumerate(lines) if old in line)
    lines[index] = lines[index].replace(old, new)


EDITS = [
    ("inside a line", lambda lines: lines.__setitem__(6, lines[6] + " The Invoice Record is kept.")),
    ("a reference", lambda lines: lines.__setitem__(6, lines[6].replace("place an Order", "redeem a Coupon"))),
    ("an ID", lambda lines: replace_in_line(lines, "FR-003", "FR-033")),
    ("a marker", lambda lines: replace_in_line(lines, "block checkout?]", "block checkout?] [NEEDS CLARIFICATION: coupons?]")),
    ("a requirement", lambda lines: lines.__setitem__(29, lines[29].replace("quickly", "fast"))),
    ("a new line", lambda lines: lines.insert(30, "- **FR-005**: System MUST be flexible about the Gift Wrap.")),
    ("a new heading", lambda lines: lines.insert(20, "### User Story 3 - Return it (Priority: P3)\n\nAs a shopper I want to return an Order.")),
    ("a fence", lambda lines: lines.insert(12, "```\n**Given** nothing\n```")),
    ("an entity", lambda lines: lines.insert(37, "- **Invoice Record**: the bill.")),
    ("a removed line", lambda lines: lines.__delitem__(14)),
]


def snapshot(text: str):
    document = parse_spec(text, PATH)
    findings = check_document(document).findings
    model = tuple(repr(getattr(document, name)) for name in ("dialect", "title", "title_range", "sections", "stories", "requirements",
                                                             "entities", "references", "ids", "markers", "clarifications"))
    return model, [(f.rule, f.range, f.message, repr(f.fixes), repr(f.related), f.data) for f in findings]


def fresh(text: str):
    memo.clear()  # nothing memoised may be read either
    with memo.forced(False):
        return snapshot(text)


@pytest.mark.parametrize("name,edit", EDITS, ids=[name for name, _ in EDITS])
def test_an_edit_gives_what_a_parse_without_memo_gives(name, edit):
    with memo.forced(True):
        snapshot(SPEC)  # warm every cache with the text before the edit
        lines = SPEC.split("\n")
        edit(lines)
        edited = "\n".join(lines)
        assert snapshot(edited) == fresh(edited)
        assert snapshot(SPEC) == fresh(SPEC)  # and back again: nothing stale was kept


def test_a_sequence_of_edits_stays_exact():
    lines = SPEC.split("\n")
    with memo.forced(True):
        for _, edit in EDITS:
            edit(lines)
            text = "\n".join(lines)
            assert snapshot(text) == fresh(text)


def test_the_findings_of_the_fixture_are_the_expected_ones():
    rules = {finding[0] for finding in fresh(SPEC)[1]}
    assert {"vague-requirement", "undefined-entity", "template-placeholder", "unused-entity"} <= rules


def test_memoising_off_leaves_the_caches_untouched():
    text = SPEC.replace("Shop", "Bookshop unique to this test")
    pieces, stories = len(markdown._CACHE), len(speckit._STORY_CACHE)
    with memo.disabled():
        snapshot(text)
    assert "Bookshop unique" not in "".join(markdown._CACHE.keys())
    assert (len(markdown._CACHE), len(speckit._STORY_CACHE)) == (pieces, stories)


def test_worker_threads_do_not_memoise_by_default():
    seen = []
    thread = threading.Thread(target=lambda: seen.append(memo.enabled()))
    thread.start()
    thread.join()
    assert seen == [False]
    assert memo.enabled() is (threading.current_thread() is threading.main_thread())


def test_disabled_restores_the_previous_state():
    with memo.forced(True):
        with memo.disabled():
            assert not memo.enabled()
        assert memo.enabled()


def test_line_caches_keep_per_line_caches_but_no_document_structures():
    from analysis import entities

    text = SPEC.replace("Shop", "Shelf unique to the line-cache test")
    pieces = len(markdown._CACHE)
    with memo.disabled():
        plain = snapshot(text)
        with memo.line_caches():
            assert not memo.enabled()
            assert memo.choose(entities._line_term_candidates) is entities._line_term_candidates
            assert snapshot(text) == plain  # the same findings either way
        assert memo.choose(entities._line_term_candidates) is entities._line_term_candidates.__wrapped__
    assert len(markdown._CACHE) == pieces  # the markdown pieces were not kept
