"""Properties: joining and chunking never lose or invent text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chunking import chunk_lines
from ingest.cleaning import Vocabulary, join_lines
from ingest.lines import Line

WORD = st.text(alphabet="abcdeéfgWpgXZ-’.,;:()12", min_size=1, max_size=12).filter(lambda w: w.strip("-") != "")
LINE = st.lists(WORD, min_size=1, max_size=12).map(" ".join)


def _letters(text: str) -> str:
    return re.sub(r"[\s-]", "", text)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=8))
def test_join_lines_only_changes_whitespace_and_break_hyphens(lines):
    joined = join_lines(lines, Vocabulary("\n".join(lines)))
    assert _letters(joined) == _letters("".join(lines))
    assert "  " not in joined and "\n" not in joined


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(LINE, st.just("")), min_size=1, max_size=40),
    st.integers(min_value=40, max_value=600),
)
def test_chunks_are_bounded_and_keep_all_text(texts, max_chars):
    lines = [Line(t, 1, i) for i, t in enumerate(texts)]
    chunks = chunk_lines(lines, Vocabulary.empty(), max_chars)
    assert all(0 < len(c.text) <= max_chars for c in chunks)
    assert _letters("".join(c.text for c in chunks)) == _letters("".join(texts))
