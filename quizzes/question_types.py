"""What each question type does: read an answer from a form, score it, and say what the right
answer is. Mixed into the Question subclasses in models.py; templates render a question through
its `input_template`, and its right answer, where it may be shown, through its
`answer_template`; they never branch on its type.

An answer ("response") is kept as JSON in the type's own shape:
single {"option": id}, multiple {"options": [id, ...]}, true/false {"value": bool},
blank and short answer {"text": str}.
"""

import copy
import random
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ONE, NOTHING = Decimal(1), Decimal(0)
HUNDRED, CENT = Decimal(100), Decimal("0.01")
LETTERS = "ABCDEFGHIJ"


class AnswerError(ValidationError):
    """An answer the question cannot read: nothing is saved."""


def share(percent) -> Decimal:
    """A percentage of the points as a fraction of them, never below nothing or above all."""
    return min(ONE, max(NOTHING, Decimal(percent) / HUNDRED)).quantize(CENT)


def wildcard_match(pieces: list[str], text: str) -> bool:
    """Whether `text` is the pieces in order with anything between them (the pieces of a
    pattern split at its *s). Found piece by piece, leftmost first, which is exact for * alone
    and takes time in proportion to the text, where a regular expression of many .* could
    take a worker for ever on a long answer."""
    first, *middle = pieces
    if not middle:
        return text == first
    *middle, last = middle
    end = len(text) - len(last)
    if end < len(first) or not text.startswith(first) or not text.endswith(last):
        return False
    position = len(first)
    for piece in middle:
        found = text.find(piece, position, end)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def normalise(text: str) -> str:
    """Compare blanks the way a reader would: full-width and half-width forms alike (NFKC),
    letters in any case, spaces and punctuation ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch)[0] == "P"))


class ChoiceBehaviour:
    input_template = "quizzes/inputs/choice.html"
    answer_template = "quizzes/answers/choice.html"
    multiple = False

    def ordered_options(self, *, seed=None) -> list:
        """The options in the order a deputy sees them, each with its letter: shuffled by a seed
        (the attempt question's id), so a reload shows the same order without storing it.
        Copies, so that lettering them leaves the question's own options (which requests may
        share: selectors.questions_for_answers) as they are."""
        options = [copy.copy(option) for option in self.options.all()]
        if seed is not None:
            random.Random(seed).shuffle(options)  # noqa: S311 (an order, not a secret)
        for letter, option in zip(LETTERS, options, strict=False):
            option.letter = letter
        return options

    def _option_ids(self) -> set[int]:
        return {option.pk for option in self.options.all()}

    def _correct_ids(self) -> set[int]:
        return {option.pk for option in self.options.all() if option.is_correct}

    def _lettered(self, seed, options) -> list:
        """The options as `ordered_options` gives them, or as given: a page that has them
        already (`selectors.attempt_items`) passes them, so that the three texts of a result do
        not shuffle and copy them three times more."""
        return self.ordered_options(seed=seed) if options is None else options

    def right_answer_text(self, *, seed=None, options=None) -> str:
        return "；".join(
            f"{o.letter}. {o.text}" for o in self._lettered(seed, options) if o.is_correct
        )

    def answer_text(self, response, *, seed=None, options=None) -> str:
        chosen = self._chosen(response)
        picked = [f"{o.letter}. {o.text}" for o in self._lettered(seed, options) if o.pk in chosen]
        return "；".join(picked) or _("No answer")

    def answer_feedback(self, response, *, seed=None, options=None) -> str:
        """What the file or the editor says about each option chosen, by its letter."""
        chosen = self._chosen(response)
        return "\n".join(
            f"{o.letter}. {o.feedback}"
            for o in self._lettered(seed, options)
            if o.pk in chosen and o.feedback
        )

    def _weighted_fraction(self, chosen: set[int]) -> Decimal | None:
        """With Moodle's weights, the sum of the chosen options' weights, a penalty taking
        points away but the question never scoring below nothing; None without weights."""
        options = list(self.options.all())
        if all(o.weight is None for o in options):
            return None
        # An option without a weight beside weighted ones: right is all, wrong nothing.
        return share(
            sum(
                (o.weight if o.weight is not None else HUNDRED * o.is_correct)
                for o in options
                if o.pk in chosen
            )
        )


class SingleChoiceBehaviour(ChoiceBehaviour):
    def parse_answer(self, data, name: str):
        value = data.get(name, "")
        if value == "":
            return None
        if not value.isdigit() or int(value) not in self._option_ids():
            raise AnswerError(_("Choose one of the options."))
        return {"option": int(value)}

    def _chosen(self, response) -> set[int]:
        return {response["option"]} if response else set()

    def fraction(self, response) -> Decimal:
        weighted = self._weighted_fraction(self._chosen(response))
        if weighted is not None:
            return weighted
        return ONE if self._chosen(response) & self._correct_ids() else NOTHING


class MultipleChoiceBehaviour(ChoiceBehaviour):
    multiple = True

    def parse_answer(self, data, name: str):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        if isinstance(values, str):
            values = [values]
        if not values:
            return None
        if not all(str(v).isdigit() for v in values):
            raise AnswerError(_("Choose among the options."))
        chosen = sorted({int(v) for v in values})
        if not set(chosen) <= self._option_ids():
            raise AnswerError(_("Choose among the options."))
        return {"options": chosen}

    def _chosen(self, response) -> set[int]:
        return set(response["options"]) if response else set()

    def fraction(self, response) -> Decimal:
        chosen, correct = self._chosen(response), self._correct_ids()
        weighted = self._weighted_fraction(chosen)
        if weighted is not None:
            return weighted if chosen else NOTHING
        if chosen == correct:
            return ONE
        if not self.partial_credit or not correct:
            return NOTHING
        earned = len(chosen & correct) - len(chosen - correct)
        return max(NOTHING, Decimal(earned) / len(correct)).quantize(Decimal("0.01"))


class TrueFalseBehaviour:
    input_template = "quizzes/inputs/true_false.html"
    answer_template = "quizzes/answers/true_false.html"

    def parse_answer(self, data, name: str):
        value = data.get(name, "")
        if value == "":
            return None
        if value not in ("true", "false"):
            raise AnswerError(_("Answer true or false."))
        return {"value": value == "true"}

    def fraction(self, response) -> Decimal:
        return ONE if response and response["value"] == self.correct else NOTHING

    def right_answer_text(self, **kwargs) -> str:
        return _("True") if self.correct else _("False")

    def answer_text(self, response, **kwargs) -> str:
        if not response:
            return _("No answer")
        return _("True") if response["value"] else _("False")

    def answer_feedback(self, response, **kwargs) -> str:
        if not response:
            return ""
        return self.feedback_true if response["value"] else self.feedback_false


class TextBehaviour:
    max_length = 2000

    def parse_answer(self, data, name: str):
        text = data.get(name, "").strip()
        if not text:
            return None
        if len(text) > self.max_length:
            raise AnswerError(
                _("Keep the answer under %(count)d characters.") % {"count": self.max_length}
            )
        return {"text": text}

    def answer_text(self, response, **kwargs) -> str:
        return response["text"] if response else _("No answer")

    def answer_feedback(self, response, **kwargs) -> str:
        return ""


class BlankBehaviour(TextBehaviour):
    input_template = "quizzes/inputs/blank.html"
    answer_template = "quizzes/answers/blank.html"
    max_length = 200

    def fraction(self, response) -> Decimal:
        accepted = self._matching(response)
        return share(accepted.credit) if accepted else NOTHING

    def answer_feedback(self, response, **kwargs) -> str:
        accepted = self._matching(response)
        return accepted.feedback if accepted else ""

    def _matching(self, response):
        """The first accepted answer the answer matches, as Moodle's short answers go: each
        may carry its own credit, and * in it stands for any characters ("*" alone: any
        answer, often at 0% with feedback)."""
        given = normalise(response["text"]) if response else ""
        if not given:
            return None
        for accepted in self.accepted_answers.all():
            if wildcard_match([normalise(piece) for piece in accepted.text.split("*")], given):
                return accepted
        return None

    def right_answer_text(self, **kwargs) -> str:
        answers = list(self.accepted_answers.all())
        full = [a for a in answers if a.credit >= HUNDRED] or answers
        return " / ".join(a.text for a in full)


class ShortAnswerBehaviour(TextBehaviour):
    input_template = "quizzes/inputs/short_answer.html"
    answer_template = "quizzes/answers/short_answer.html"

    def fraction(self, response):
        """Staff grade short answers; an empty one scores nothing without waiting for them."""
        return NOTHING if not response else None

    def right_answer_text(self, **kwargs) -> str:
        return self.reference_answer
