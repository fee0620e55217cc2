"""Reading question banks from files: Excel from our template (`xlsx`), Moodle GIFT (`gift`) and
Aiken (`aiken`); `detect.read_question_file` picks the reader.

A reader is a pure function from a file's content to a `ParseReport`: the questions it could
read, as `ParsedQuestion`s, and every question or row it could not, with its line or row number
and the reason. A question that cannot be read whole is skipped, never guessed at. Nothing here
touches the database: `quizzes.transfer.import_questions` writes a report's questions.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..question_types import LETTERS

TYPES = ("single", "multiple", "truefalse", "blank", "short")
CHOICE_TYPES = ("single", "multiple")
DIFFICULTIES = ("easy", "medium", "hard")
MAX_OPTIONS = len(LETTERS)
UNIT_LABELS = {
    "line": gettext_lazy("Line"),
    "row": gettext_lazy("Row"),
    "item": gettext_lazy("Item"),
}


@dataclass
class ParsedQuestion:
    """One question as a file states it. `answer` is the truth of a true/false statement (bool)
    or a short answer's reference answer (str); a blank's answers are `accepted`. Articles are
    (law, number) with the law as written: a slug or a short name.

    What only GIFT says, one entry per option or accepted answer where the file says it:
    `weights`, each a percentage of the points (None: as right or wrong; for a blank, 100), and
    `feedback` on each (for true/false: on the answer true, then on false); and `title`."""

    type: str
    stem: str
    options: list[tuple[str, bool]] = field(default_factory=list)
    answer: bool | str | None = None
    accepted: list[str] = field(default_factory=list)
    explanation: str = ""
    difficulty: str = "medium"
    category: str = ""
    tags: list[str] = field(default_factory=list)
    articles: list[tuple[str, int]] = field(default_factory=list)
    partial_credit: bool = False
    line: int = 0
    title: str = ""
    weights: list[Decimal | None] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """What keeps this question from being a whole question of its type, if anything."""
        problems = []
        if self.type not in TYPES:
            return [_("unknown question type “%(type)s”") % {"type": self.type}]
        if not self.stem.strip():
            problems.append(_("the question has no text"))
        if self.type in CHOICE_TYPES:
            problems += self._choice_problems()
        elif self.options:
            problems.append(_("only choice questions have options"))
        if self.type == "truefalse" and not isinstance(self.answer, bool):
            problems.append(_("a true/false question needs the answer true or false"))
        if self.type == "short" and not isinstance(self.answer, str | None):
            problems.append(_("a short answer's reference answer is text"))
        if self.type == "blank":
            if not self.accepted:
                problems.append(_("a fill-in-the-blank question needs at least one answer"))
            elif not all(text.strip() for text in self.accepted):
                problems.append(_("an accepted answer is empty"))
        if self.difficulty not in DIFFICULTIES:
            problems.append(_("unknown difficulty “%(value)s”") % {"value": self.difficulty})
        if any(number < 1 for _law, number in self.articles):
            problems.append(_("article numbers start at 1"))
        return problems

    def _choice_problems(self) -> list[str]:
        if len(self.options) < 2:
            return [_("a choice question needs at least two options")]
        if len(self.options) > MAX_OPTIONS:
            return [_("a question has at most %(count)d options") % {"count": MAX_OPTIONS}]
        problems = []
        if not all(text.strip() for text, _correct in self.options):
            problems.append(_("an option is empty"))
        right = sum(1 for _text, correct in self.options if correct)
        if right == 0:
            problems.append(_("no option is marked right"))
        elif self.type == "single" and right > 1:
            problems.append(
                _("a single-choice question has one right answer, this one has %(count)d")
                % {"count": right}
            )
        return problems


@dataclass
class Skipped:
    """A question or row left out, where it is in the file, and why."""

    line: int
    reason: str
    # Already in the bank: left out on purpose, so that importing a file twice is harmless.
    duplicate: bool = False
    # The question's title where the file gives one (GIFT's ::title::), to find it by.
    title: str = ""

    @property
    def place(self) -> str:
        """Where it is: "12", or "12 (title)"."""
        return f"{self.line} ({self.title})" if self.title else str(self.line)


@dataclass
class ParseReport:
    # What `line` numbers count: "line" of a text file, "row" of a sheet, "item" of a list.
    unit: str = "line"
    questions: list[ParsedQuestion] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def unit_label(self) -> str:
        return UNIT_LABELS[self.unit]

    def skip(self, line: int, reason: str, *, title: str = "") -> None:
        self.skipped.append(Skipped(line, reason, title=title))

    def add(self, question: ParsedQuestion) -> None:
        """Keep the question if it is whole, else report why it was skipped."""
        problems = question.problems()
        if problems:
            self.skip(question.line, "；".join(problems), title=question.title)
        else:
            self.questions.append(question)
