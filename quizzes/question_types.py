"""What each question type does: read an answer from a form, score it, and say what the right
answer is. Mixed into the Question subclasses in models.py; templates render a question through
its `input_template` and never branch on its type.

An answer ("response") is kept as JSON in the type's own shape:
single {"option": id}, multiple {"options": [id, ...]}, true/false {"value": bool},
blank and short answer {"text": str}.
"""

import random
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ONE, NOTHING = Decimal(1), Decimal(0)
LETTERS = "ABCDEFGHIJ"


class AnswerError(ValidationError):
    """An answer the question cannot read: nothing is saved."""


def normalise(text: str) -> str:
    """Compare blanks the way a reader would: full-width and half-width forms alike (NFKC),
    letters in any case, spaces and punctuation ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch)[0] == "P"))


class ChoiceBehaviour:
    input_template = "quizzes/inputs/choice.html"
    multiple = False

    def ordered_options(self, *, seed=None) -> list:
        """The options in the order a deputy sees them, each with its letter: shuffled by a seed
        (the attempt question's id), so a reload shows the same order without storing it."""
        options = list(self.options.all())
        if seed is not None:
            random.Random(seed).shuffle(options)  # noqa: S311 (an order, not a secret)
        for letter, option in zip(LETTERS, options, strict=False):
            option.letter = letter
        return options

    def _option_ids(self) -> set[int]:
        return {option.pk for option in self.options.all()}

    def _correct_ids(self) -> set[int]:
        return {option.pk for option in self.options.all() if option.is_correct}

    def right_answer_text(self, *, seed=None) -> str:
        return "；".join(
            f"{o.letter}. {o.text}" for o in self.ordered_options(seed=seed) if o.is_correct
        )

    def answer_text(self, response, *, seed=None) -> str:
        chosen = self._chosen(response)
        picked = [
            f"{o.letter}. {o.text}" for o in self.ordered_options(seed=seed) if o.pk in chosen
        ]
        return "；".join(picked) or _("No answer")


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
        if chosen == correct:
            return ONE
        if not self.partial_credit or not correct:
            return NOTHING
        earned = len(chosen & correct) - len(chosen - correct)
        return max(NOTHING, Decimal(earned) / len(correct)).quantize(Decimal("0.01"))


class TrueFalseBehaviour:
    input_template = "quizzes/inputs/true_false.html"

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


class BlankBehaviour(TextBehaviour):
    input_template = "quizzes/inputs/blank.html"
    max_length = 200

    def fraction(self, response) -> Decimal:
        if not response:
            return NOTHING
        given = normalise(response["text"])
        accepted = {normalise(a.text) for a in self.accepted_answers.all()}
        return ONE if given and given in accepted else NOTHING

    def right_answer_text(self, **kwargs) -> str:
        return " / ".join(a.text for a in self.accepted_answers.all())


class ShortAnswerBehaviour(TextBehaviour):
    input_template = "quizzes/inputs/short_answer.html"

    def fraction(self, response):
        """Staff grade short answers; an empty one scores nothing without waiting for them."""
        return NOTHING if not response else None

    def right_answer_text(self, **kwargs) -> str:
        return self.reference_answer
