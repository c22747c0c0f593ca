"""The markdown layer parses a document without the block rules none of its lines can trigger (setext headings,
HTML blocks, blockquotes, indented code, fences, link reference definitions, tables): the tokens must be exactly those
of the full parser, for any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import markdown
from tests.shared_paths import CORPUS

# Lines that exercise the rules and the scan that decides whether they can fire: underlines right after text or
# after a blank line, inside lists and quotes, HTML and quote starts behind list markers, CRLF endings, tabs.
LINES = [
    "", "Title", "Some text here", "===", "---", "-", "=", "  ---", "   ===  ", "    ---", "- - -", "***", "___",
    "- item", "  - nested item", "1. first", "1) first", "* star", "+ plus", "- [ ] task", "> quote", ">", "> ---",
    "- > quoted in a list", "<div>", "  <p>text</p>", "- <span>x</span>", "1. <b>bold</b>", "<!-- comment -->",
    "</div>", "a < b and c > d", "| a | b |", "|---|---|", "| 1 | 2 |", "```", "```python", "~~~", "    code",
    "\tcode", "# Heading", "## Heading ##", "[ref]: http://example.com", "Text\r", "---\r", "<br>\r", "\u00a0---",
    "**FR-001**: System MUST do it", "- **Key**: value", "Foo\\", "-\t-\t-", "=== text", "-     code in an item",
    ">     code in a quote", "1.\tcode", "[label]:", "a | b", "~~~~", "  ```", "-\t> quote",
    "* * *", "_ _ _", "- ***", "1. ---", "> - ___", "-- -", "*_*",
]


def _signature(tokens) -> list:
    return [(t.type, t.map, t.tag, t.info, t.markup, t.content, t.level, t.nesting, t.block) for t in tokens]


def _same(text: str) -> bool:
    return _signature(markdown.parser_for(text).parse(text)) == _signature(markdown._PARSER.parse(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_the_lighter_parser_gives_the_full_parsers_tokens(lines: list[str], newline: str) -> None:
    assert _same(newline.join(lines) + newline)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -=<>*#|`~\t\n>1.)[]:")), max_size=200))
def test_the_lighter_parser_gives_the_full_parsers_tokens_on_any_text(text: str) -> None:
    assert _same(text)


def _rules(text: str) -> set[str]:
    return set(markdown.parser_for(text).get_active_rules()["block"])


def test_a_rule_is_left_out_only_where_no_line_can_trigger_it() -> None:
    plain = "# Spec\n\n- **FR-001**: System MUST work.\n\n---\n\n## Next\n"
    assert not _rules(plain) & {"lheading", "html_block", "blockquote"}  # the `---` follows a blank line
    for text in ("Title\n===\n", "- item\n  text\n  ---\n", "Title\r\n---\r\n"):
        assert "lheading" in _rules(text), text
    for text in ("<div>\nx\n</div>\n", "- > quoted\n", "1. <b>x</b>\n"):
        assert {"html_block", "blockquote"} <= _rules(text), text


def test_the_thematic_break_rule_is_left_out_only_where_no_line_can_be_one() -> None:
    assert "hr" not in _rules("| a | b |\n|---|---|\n| 1 | 2 |\n")  # a table's dashes are no break
    for text in ("---\n", "* * *\n", "- ___\n", "> 1. ***\n", "Text\r\n---\r\n", "a\r-\t-\t-\r"):
        assert "hr" in _rules(text), text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_the_corpus_parses_the_same() -> None:
    paths = sorted(CORPUS.rglob("*.md"))
    assert paths
    for path in paths:
        assert _same(path.read_text(encoding="utf-8", errors="replace")), path
