"""Moodle's GIFT format, as Moodle exports it and as teachers write it by hand.

How GIFT maps onto our question types:
- `{=right ~wrong ~wrong}`: single choice. Without any `=`, options weighted `~%50%` make a
  multiple choice, positive weights marking the right options; it keeps Moodle's partial credit.
- `{T}` `{F}` `{TRUE}` `{FALSE}`: true or false.
- `{=answer =other answer}`: Moodle's short answer, which is our fill in the blank.
- `{}`: Moodle's essay, which is our short answer (an editor adds the reference answer).
- Answers in the middle of the text (Moodle's "missing word") leave the blank "____" where they
  stood; a run of underscores in the text becomes the same blank.
- `::title::` is dropped; `// comment` lines are dropped, but Moodle's `[tag:name]` in them
  becomes a tag; `$CATEGORY: a/b` files the questions after it (Moodle's `$course$/top/` is
  dropped); `####text` (general feedback) is the explanation; `#text` after an answer (its
  feedback) is dropped; `\\~ \\= \\# \\{ \\} \\: \\\\` are literal characters, `\\n` a new line.
Matching (`->`), numerical (`{#…}`), descriptions (no answers) and short answers with partial
credit have no counterpart here: they are reported with their line and skipped.

The markup stays ASCII, as Moodle reads it: ～ and ＝ are ordinary characters in Chinese prose.
"""

import html
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import ParsedQuestion, ParseReport
from .fields import category_path

BLANK = "____"
ESCAPE = re.compile(r"\\([\\~=#{}:n])")
# Escaped characters stand aside as private-use characters while the markup is read.
PROTECTED = dict(zip("\\~=#{}:", "\ue000\ue001\ue002\ue003\ue004\ue005\ue006", strict=True))
RESTORE = str.maketrans({hidden: char for char, hidden in PROTECTED.items()})
CATEGORY = re.compile(r"^\$CATEGORY\s*[:：]\s*(.*)$", re.IGNORECASE)
TAG = re.compile(r"\[tag:([^\]]+)\]")
TITLE = re.compile(r"^\s*::.*?::", re.DOTALL)
FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)\s*(#.*)?$", re.IGNORECASE | re.DOTALL)
ANSWER = re.compile(r"([=~])([^=~]*)")
WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
UNDERSCORES = re.compile(r"(?<![A-Za-z0-9])[_＿]+(?![A-Za-z0-9])")


def parse_gift(text: str) -> ParseReport:
    report = ParseReport(unit="line")
    category = ""
    for lines, tags in _blocks(text):
        match = CATEGORY.match(lines[0][1].strip())
        if match:
            category = _moodle_category(match[1])
            lines = lines[1:]
            if not lines:
                continue
        body = "\n".join(line for _number, line in lines)
        _read_question(report, lines[0][0], body, category=category, tags=tags)
    return report


def _blocks(text: str):
    """Each question's lines, numbered, with the tags its comments name. Blank lines divide
    questions; comment lines are not part of them."""
    block, tags = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            tags += [tag.strip() for tag in TAG.findall(stripped)]
        elif stripped:
            block.append((number, line))
        else:
            if block:
                yield block, tags
            block, tags = [], []
    if block:
        yield block, tags


def _moodle_category(path: str) -> str:
    parts = category_path(re.sub(r"^\$\w+\$/", "", path.strip())).split("/")
    if parts and parts[0].lower() == "top":
        parts = parts[1:]
    return "/".join(parts)


def _read_question(report: ParseReport, line: int, text: str, *, category: str, tags: list):
    text = TITLE.sub("", ESCAPE.sub(_protect, text), count=1)
    markup = FORMAT.match(text)
    is_html = bool(markup) and markup[1].lower() == "html"
    if markup:
        text = text[markup.end() :]
    start = text.find("{")
    end = text.find("}", start)
    if start < 0:
        return report.skip(line, _("no answers in { }: descriptions are not supported"))
    if end < 0:
        return report.skip(line, _("the answers have no closing }"))
    body, after = text[start + 1 : end], text[end + 1 :]
    if "{" in body or "{" in after or "}" in after:
        return report.skip(
            line, _("more than one pair of { }: write a brace in the text as \\{ or \\}")
        )
    # Answers before the end of the sentence stand where the blank is ("missing word").
    stem = text[:start] + (BLANK if after.strip() else "") + after
    answers, _sep, feedback = body.partition("####")
    question = ParsedQuestion(
        type="",
        stem=UNDERSCORES.sub(BLANK, _clean(stem, is_html)),
        explanation=_clean(feedback, is_html),
        category=category,
        tags=list(dict.fromkeys(tags)),
        line=line,
    )
    reason = _read_answers(question, answers.strip(), is_html)
    if reason:
        report.skip(line, reason)
    else:
        report.add(question)


def _read_answers(question: ParsedQuestion, body: str, is_html: bool) -> str | None:
    """Fill in the question's type and answers from the text between the braces; or say why
    they cannot be read."""
    if not body:
        question.type, question.answer = "short", ""
        return None
    if body.startswith("#"):
        return _("numerical questions are not supported")
    if "->" in body:
        return _("matching questions are not supported")
    truth = TRUE_FALSE.match(body)
    if truth:
        question.type, question.answer = "truefalse", truth[1].upper().startswith("T")
        return None
    first = ANSWER.search(body)
    if first is None or body[: first.start()].strip():
        return _("cannot read the answers “%(text)s”: start each with = or ~") % {
            "text": _clean(body, is_html)
        }
    answers = []
    for marker, rest in ANSWER.findall(body[first.start() :]):
        weight = WEIGHT.match(rest)
        percent = float(weight[1]) if weight else (100.0 if marker == "=" else 0.0)
        text = rest[weight.end() :] if weight else rest
        answers.append((marker, percent, _clean(text.split("#", 1)[0], is_html)))

    if all(marker == "=" for marker, _percent, _text in answers):
        if any(percent != 100 for _marker, percent, _text in answers):
            return _("fill-in-the-blank answers with partial credit are not supported")
        question.type = "blank"
        question.accepted = [text for _marker, _percent, text in answers]
        return None
    # As Moodle reads it: an answer marked = makes a question with one answer to choose.
    single = any(marker == "=" for marker, _percent, _text in answers)
    question.type = "single" if single else "multiple"
    question.partial_credit = not single
    question.options = [(text, percent > 0) for _marker, percent, text in answers]
    return None


def _protect(match: re.Match) -> str:
    return "\n" if match[1] == "n" else PROTECTED[match[1]]


def _clean(text: str, is_html: bool) -> str:
    text = text.translate(RESTORE)
    if is_html:
        text = html.unescape(strip_tags(text))
    return text.strip()
