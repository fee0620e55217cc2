"""The wrong-answer book and the daily practice: the writes. Mistakes in graded attempts go into
the book (`record_exam_mistakes`); a practice answer is checked and moves its book entry
(`answer_practice`)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import PracticeAnswer, Question, WrongAnswer
from ..question_types import AnswerError


@dataclass(frozen=True)
class PracticeResult:
    """What a practice answer did: whether it was right, and the book entry as it now stands
    (None when the question is not in the book)."""

    question: Question
    answer: PracticeAnswer
    right: bool
    entry: WrongAnswer | None


def field_name(question: Question) -> str:
    """The form field a practice answer is read from."""
    return f"q{question.pk}"


def _today(now: datetime) -> date:
    return timezone.localdate(now)


def _next_due(day: date, right_days: int) -> date:
    intervals = settings.PRACTICE_INTERVALS_DAYS
    return day + timedelta(days=intervals[min(right_days, len(intervals)) - 1])


# No savepoint: it runs inside the grading's transaction, and a failure here is to undo the
# grading too (two statements less on each submission).
@transaction.atomic(savepoint=False)
def record_exam_mistakes(*, deputy, questions, now: datetime | None = None) -> None:
    """Put the questions a graded attempt got wrong into the deputy's book, due today.

    A question already there counts one more mistake and starts its count of right days again.
    Each question counts once per call, however often it is listed. Three queries whatever the
    number of questions; a row another request creates at the same moment is kept as it is (the
    unique constraint decides), so concurrent submissions never fail here.
    """
    now = now or timezone.now()
    today = _today(now)
    ids = {q.pk for q in questions if q.auto_graded}
    if not ids:
        return
    entries = WrongAnswer.objects.filter(deputy=deputy, question_id__in=ids)
    existing = set(entries.values_list("question_id", flat=True))
    if existing:
        entries.filter(question_id__in=existing).update(
            times_wrong=F("times_wrong") + 1,
            last_wrong_at=now,
            right_days=0,
            mastered_on=None,
            due_on=today,
        )
    WrongAnswer.objects.bulk_create(
        [
            WrongAnswer(
                deputy=deputy, question_id=pk, first_wrong_at=now, last_wrong_at=now, due_on=today
            )
            for pk in sorted(ids - existing)
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def answer_practice(
    *, deputy, question: Question, data, now: datetime | None = None
) -> PracticeResult:
    """Check a practice answer, keep it, and move the question along in the deputy's book.

    `data` is the posted form; the answer is read from `field_name(question)`. An answer the
    question cannot read, or no answer, raises AnswerError and nothing is saved.
    """
    now = now or timezone.now()
    today = _today(now)
    question = question.get_real_instance()
    if not question.auto_graded:
        raise AnswerError(_("Staff grade this kind of question; it cannot be practised here."))
    response = question.parse_answer(data, field_name(question))
    if response is None:
        raise AnswerError(_("Give an answer first."))
    right = question.fraction(response) == 1
    answer = PracticeAnswer(
        deputy=deputy, question=question, response=response, correct=right, answered_at=now
    )
    answer.full_clean()
    answer.save()

    entry = WrongAnswer.objects.select_for_update().filter(deputy=deputy, question=question).first()
    if right:
        if entry is not None:
            _count_right_day(entry, today)
    else:
        if entry is None:
            # A mistake in practice is a mistake too: it goes into the book.
            entry, created = WrongAnswer.objects.get_or_create(
                deputy=deputy,
                question=question,
                defaults={
                    "first_wrong_at": now,
                    "last_wrong_at": now,
                    "due_on": today + timedelta(days=1),
                },
            )
            if not created:
                entry = WrongAnswer.objects.select_for_update().get(pk=entry.pk)
                _count_mistake(entry, now, today)
        else:
            _count_mistake(entry, now, today)
    return PracticeResult(question=question, answer=answer, right=right, entry=entry)


def _count_right_day(entry: WrongAnswer, today: date) -> None:
    """One step up, at most once a day; a mastered entry stays mastered."""
    if entry.mastered_on is not None:
        return
    if entry.last_right_on is not None and today <= entry.last_right_on:
        return
    entry.right_days += 1
    entry.last_right_on = today
    entry.due_on = _next_due(today, entry.right_days)
    if entry.right_days >= settings.PRACTICE_MASTERY_DAYS:
        entry.mastered_on = today
    entry.save(update_fields=["right_days", "last_right_on", "due_on", "mastered_on"])


def _count_mistake(entry: WrongAnswer, now: datetime, today: date) -> None:
    """Back to the start: due tomorrow, once the right answer has had a night to settle."""
    entry.times_wrong += 1
    entry.last_wrong_at = now
    entry.right_days = 0
    entry.mastered_on = None
    entry.due_on = today + timedelta(days=1)
    entry.save(
        update_fields=["times_wrong", "last_wrong_at", "right_days", "mastered_on", "due_on"]
    )
