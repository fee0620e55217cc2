"""Reading a part's text: its sentences, a short quote around what a rule found, a word list
as one pattern, and the finding a rule makes of it."""

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from .core import PART_LABELS, PARTS, Finding, Rule

# Reading text. Chinese has no spaces between words, so rules match listed words and patterns
# as they are written, and quote the sentence around them.

_SENTENCE = re.compile(r"[^。！？!?；;\r\n]+")


@lru_cache(maxsize=16)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each sentence or line of the text, without surrounding spaces."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return tuple(spans)


def containing(spans: Sequence[tuple[int, int]], start: int, end: int):
    """The span that holds start..end, among sorted spans that do not overlap; or None."""
    index = bisect_right(spans, (start, float("inf"))) - 1
    return spans[index] if index >= 0 and spans[index][1] >= end else None


def sentence_of(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence that holds text[start:end], if one does."""
    return containing(sentences(text), start, end)


def quote_around(text: str, start: int, end: int, window: int = 20) -> str:
    """The sentence holding text[start:end], or, in a long sentence, `window` characters
    either side of it: enough to find the place without quoting a page."""
    first, last = sentence_of(text, start, end) or (0, len(text))
    if last - first <= 2 * window + (end - start):
        return text[first:last].strip()
    return text[max(first, start - window) : min(last, end + window)].strip()


@lru_cache(maxsize=512)
def word_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for a word list, longest first, so 高度重视 is found whole before 重视."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


def parts_read(rule: Rule, genre: str, default: Sequence[str] = ()) -> list[str]:
    """The parts of this genre the rule reads, in the draft's order."""
    wanted = rule.parts or default or PARTS[genre]
    return [part for part in PARTS[genre] if part in wanted]


def make_finding(rule: Rule, part: str, quote: str, words=()) -> Finding:
    label = str(PART_LABELS.get(part, "")) if part else ""
    # replace(), not format(): an editor's stray brace must not break the check.
    marked = tuple(dict.fromkeys(word for word in words if word and word in quote))
    return Finding(rule, part, quote, rule.message.replace("{part}", label), marked)


# Every part written as prose: all but the list of co-signers.
WRITTEN = (
    "title",
    "problem",
    "causes",
    "measures",
    "handler",
    "reason",
    "basis",
    "plan",
    *PARTS["deliberation"],
    *PARTS["visit_plan"],
    *PARTS["visit_report"],
)
