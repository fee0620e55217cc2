"""The Aiken format: a question, its options, and the answer line.

    代表每届任期几年？
    A. 三年
    B. 五年
    ANSWER: B

Options are "A. text" or "A) text"; a Chinese author's "A、", "A．", "Ａ．" and "A）" are read
too, and so are "ANSWER：B" and "答案：B". Beyond Moodle's Aiken: the question may run over
several lines, several answer letters ("ANSWER: AC") make a multiple choice, and a line
"解析：…" or "EXPLANATION: …" right after the answer is the explanation. Blank lines are
ignored. A question that cannot be read is reported at its line and skipped, up to its answer.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

from ..question_types import LETTERS
from . import ParsedQuestion, ParseReport
from .fields import parse_letters

OPTION = re.compile(r"^\s*([A-ZＡ-Ｚ])\s*[.)、．）]\s*(?=\S)")
ANSWER = re.compile(r"^\s*(?:ANSWER|答案)\s*[:：]\s*(.*)$", re.IGNORECASE)
EXPLANATION = re.compile(r"^\s*(?:EXPLANATION|解析)\s*[:：]\s*(.*)$", re.IGNORECASE)


def parse_aiken(text: str) -> ParseReport:
    report = ParseReport(unit="line")
    reader = _Reader(report)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            reader.read(number, line)
    reader.finish()
    return report


class _Reader:
    def __init__(self, report: ParseReport):
        self.report = report
        self.question: ParsedQuestion | None = None
        self.stem: list[str] = []
        self.last: ParsedQuestion | None = None  # the question just answered: explanation next
        self.broken = False  # reading past a broken question, up to its answer line

    def read(self, number: int, line: str) -> None:
        answer, option = ANSWER.match(line), OPTION.match(line)
        explanation = EXPLANATION.match(line)
        if explanation and self.last is not None:
            self.last.explanation = explanation[1].strip()
            return
        self.last = None
        if self.broken:
            self.broken = not answer
            return
        if answer:
            self._answer(number, line, answer)
        elif option and self.question is not None:
            self._option(number, line, option)
        elif self.question is not None and self.question.options:
            self._fail(self.question.line, _("the question has no ANSWER line"))
            self._start(number, line)
        elif self.question is not None:
            self.stem.append(line.strip())
        else:
            self._start(number, line)

    def _start(self, number: int, line: str) -> None:
        self.question = ParsedQuestion(type="single", stem="", line=number)
        self.stem = [line.strip()]

    def _option(self, number: int, line: str, option: re.Match) -> None:
        letter = unicodedata.normalize("NFKC", option[1])
        expected = LETTERS[len(self.question.options) : len(self.question.options) + 1]
        if letter != expected:
            self._fail(
                number,
                _("option %(letter)s where %(expected)s was expected")
                % {"letter": letter, "expected": expected or "ANSWER"},
            )
            self.broken = True
            return
        self.question.options.append((line[option.end() :].strip(), False))

    def _answer(self, number: int, line: str, answer: re.Match) -> None:
        question = self.question
        if question is None:
            self.report.skip(number, _("an answer line without a question"))
            return
        if not question.options:
            self._fail(number, _("the question has no options"))
            return
        letters = parse_letters(answer[1])
        have = LETTERS[: len(question.options)]
        if letters is None or not set(letters) <= set(have):
            self._fail(
                number,
                _("the answer “%(answer)s” is not among the options %(letters)s")
                % {"answer": answer[1].strip(), "letters": "、".join(have)},
            )
            return
        question.type = "single" if len(letters) == 1 else "multiple"
        question.options = [
            (text, letter in letters)
            for letter, (text, _c) in zip(LETTERS, question.options, strict=False)
        ]
        question.stem = "\n".join(self.stem)
        self.report.add(question)
        self.last, self.question = question, None

    def _fail(self, number: int, reason: str) -> None:
        self.report.skip(number, reason)
        self.question = None

    def finish(self) -> None:
        if self.question is not None:
            self.report.skip(self.question.line, _("the question has no ANSWER line"))
