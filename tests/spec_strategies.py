"""Hypothesis strategies shared by the plan tests: spec lines mixed from a vocabulary of wording and definitions."""

from __future__ import annotations

from hypothesis import strategies as st


def spec_lines(words: list[str], lines: list[str], *, max_lines: int = 30) -> st.SearchStrategy[list[str]]:
    """Lists of spec lines: requirements and When clauses made of any mix of `words`, and whole `lines` (definitions,
    headings) in any order."""
    vocabulary = st.sampled_from(words)
    return st.lists(st.one_of(
        st.builds(lambda picked: "- **FR-001**: " + " ".join(picked), st.lists(vocabulary, max_size=14)),
        st.builds(lambda picked: "1. **Given** x, **When** " + " ".join(picked) + ", **Then** ok",
                  st.lists(vocabulary, max_size=10)),
        st.sampled_from(lines)), max_size=max_lines)
