"""Without memoising (as `specls check` and `specls plan` run) the parser takes shortcuts: one markdown-it parse
of the whole text instead of one per piece, and one scan per piece for entity references, IDs and clarification
markers instead of one per line. They must give exactly what the memoised, piece-by-piece and line-by-line path
of the editor gives, including where a cut point falls inside an HTML block (the one-pass parse must fall back to
the pieces). Fast: small inline documents plus the corpus specs when the corpus is present."""

import pytest

from analysis import markdown, memo
from analysis.parse import parse_spec
from analysis.text import split_lines
from tests.shared_paths import CORPUS

CASES = [
    "# Title\n\nSome text.\n\n## Section\n\n- item\n  - nested\n\n```\n# not a heading\n```\n\n## Next\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "# a\n<div>\n# b\n</div>\n# c\n",
    "<script>\n# x\n</script>\n# y",
    "<custom>\n# h\n\n# i",
    "- a\n\n\n# b\n- c\n  ```\n# d\n",
    "> ```\n> x\n# h\n",
    "~~~\n# a\n~~~~\n# b",
    "<!-- x\n# a\n-->\n# b",
    "text\n===\n# a\n---\n",
    "    # code\n# a\n",
    "---\ntitle: x\n---\n# a\ntext\n",
    "",
    "# only",
]


def _tree(text: str, memoising: bool, **lines) -> tuple:
    markdown._CACHE.clear()
    with memo.forced(memoising):
        tree = markdown.parse_markdown(text, split_lines(text), **lines)
    return tree.headings, tree.blocks, bytes(tree.opaque), tree.pieces, tree.front_matter_end


def _texts() -> list[str]:
    texts = list(CASES)
    if CORPUS.is_dir():
        texts += [path.read_text(encoding="utf-8", errors="replace") for path in sorted(CORPUS.glob("**/*.md"))]
    return texts


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_one_pass_equals_pieces(text):
    assert _tree(text, False) == _tree(text, True)
    count = len(split_lines(text))
    if count > 6:
        assert _tree(text, False, first_line=2, last_line=count - 2) == _tree(text, True, first_line=2, last_line=count - 2)


def test_fallback_when_a_heading_is_inside_an_html_block():
    text = "# a\n<div>\n# b\n</div>\n# c\n"
    # One parse of the whole text would put `# b` inside the HTML block; the pieces (cut at `# b`) see a heading.
    assert [heading.text for heading in _tree(text, False)[0]] == ["a", "b", "c"]


SPEC = """# Feature Specification: Shop

## Requirements

- **FR-001**: The system MUST let a Shopper place an Order [NEEDS CLARIFICATION: which payment
  methods?] and see its Order Lines.
- **FR-002**: Orders MUST ship; see FR-001. [NEEDS CLARIFICATION] FR-003 is not defined.

```text
An Order in a fence is not a reference; FR-009 in a fence is not an ID.
```

### Key Entities

- **Order**: what a Shopper buys; has Order Lines.
- **Order Line**: one product of an Order.
- **Shopper**: a person who buys.
"""


@pytest.mark.parametrize("text", [SPEC] + _texts()[len(CASES):], ids=range(1 + len(_texts()) - len(CASES)))
def test_unmemoised_parse_equals_memoised(text):
    def parsed(memoising):
        markdown._CACHE.clear()
        memo.clear()
        with memo.forced(memoising):
            document = parse_spec(text, "specs/001-shop/spec.md")
        return document.references, document.ids, document.markers, document.requirements, document.entities

    assert parsed(False) == parsed(True)
