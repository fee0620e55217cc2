"""The detector only an inspection's plan uses (genre "visit_plan"): its questions, one a line,
each read on its own, since a list of questions is judged question by question."""

import re

from ..reading import simplified
from .core import Finding, Rule, as_strings
from .text import make_finding, parts_read

# Numbering or a bullet before a question: 1. 1、 （一） 一、 - •
_BULLET = re.compile(
    r"^\s*(?:[0-9０-９]{1,2}[.．、)）]|[（(][一二三四五六七八九十0-9]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}[、.．]|[-•·*])\s*"
)


def _lines(text: str):
    """(start, end) of each line that has text, numbering and bullets left out."""
    at = 0
    for line in text.split("\n"):
        bullet = _BULLET.match(line)
        start = at + (bullet.end() if bullet else 0)
        end = at + len(line.rstrip())
        if text[start:end].strip():
            yield start, end
        at += len(line) + 1


def detect_lines(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """Each line of the parts read (default: the plan's questions) on its own: a line is found
    wanting when it matches params["flag"] (every line when unset), does not match
    params["unless"], and misses one of params["need"] (regular expressions; none: the flag
    alone decides). One finding a line, quoting it whole."""
    flag = rule.params.get("flag")
    unless = rule.params.get("unless")
    needs = [re.compile(p) for p in as_strings(rule.params.get("need"))]
    if not flag and not needs:
        return []
    flag_re = re.compile(flag) if flag else None
    unless_re = re.compile(unless) if unless else None
    findings = []
    for part in parts_read(rule, genre, ("focus_questions",)):
        text = parts[part]
        for start, end in _lines(text):
            line = text[start:end]
            plain = simplified(line)
            if flag_re and not flag_re.search(plain):
                continue
            if unless_re and unless_re.search(plain):
                continue
            if needs and all(need.search(plain) for need in needs):
                continue
            words = [line[m.start() : m.end()] for m in flag_re.finditer(plain)] if flag_re else []
            findings.append(make_finding(rule, part, line, words))
    return findings
