"""Accepted answers with * (GIFT's short answers): matched piece by piece, as a glob would."""

import fnmatch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.question_types import wildcard_match


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("frog", "frog", True),
        ("frog", "frogs", False),
        ("*", "anything", True),
        ("fr*g", "frog", True),
        ("fr*g", "frg", True),
        ("fr*g", "frogs", False),
        ("*og", "frog", True),
        ("fr*", "frog", True),
        ("a*b*c", "abc", True),
        ("a*b*c", "acb", False),
        ("ab*ba", "aba", False),  # the ends may not overlap
        ("a*a*a*a*a*a*a*a*a*a*b", "a" * 200, False),  # at once, not in exponential time
    ],
)
def test_wildcards(pattern, text, matches):
    assert wildcard_match(pattern.split("*"), text) is matches


@given(st.text("ab*", max_size=8), st.text("ab", max_size=12))
def test_wildcards_agree_with_a_glob(pattern, text):
    assert wildcard_match(pattern.split("*"), text) is fnmatch.fnmatchcase(text, pattern)
