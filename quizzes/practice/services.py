"""The wrong-answer book and the daily practice: the writes. Mistakes in graded attempts go into
the book (`record_exam_mistakes`); a practice answer is checked and moves its book entry
(`answer_practice`)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
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


def record_exam_mistakes(*, deputy, questions, now: datetime | None = None) -> None:
    """Put the questions a graded attempt got wrong into the deputy's book, due today.

    A question already there counts one more mistake and starts its count of right days again.
    Each question counts once per call, however often it is listed. One statement whatever the
    number of questions (`_mistakes_sql`): an insert that counts the mistake where the entry
    exists, so two submissions at once each count theirs, and neither fails on the other's
    new row.
    """
    now = now or timezone.now()
    ids = sorted({q.pk for q in questions if q.auto_graded})
    if not ids:
        return
    field = WrongAnswer._meta.get_field
    moment = field("last_wrong_at").get_db_prep_save(now, connection)
    today = field("due_on").get_db_prep_save(_today(now), connection)
    params = []
    for pk in ids:
        params += [deputy.pk, pk, moment, moment, 1, today, 0]
    with connection.cursor() as cursor:
        cursor.execute(_mistakes_sql(len(ids)), params)


def _mistakes_sql(rows: int) -> str:
    """INSERT … ON CONFLICT DO UPDATE (SQLite and PostgreSQL both have it; the ORM's
    bulk_create can only set a conflicting row's columns to the new values, not add one to the
    count). The order of the rows (by question) is the same in every submission, so two at
    once take their row locks in the same order."""
    qn = connection.ops.quote_name
    table = qn(WrongAnswer._meta.db_table)
    columns = ("deputy_id", "question_id", "first_wrong_at", "last_wrong_at", "times_wrong")
    columns += ("due_on", "right_days")
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    return (
        f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)})"  # noqa: S608 (model names, quoted; values as parameters)
        f" VALUES {', '.join([row] * rows)}"
        f" ON CONFLICT ({qn('deputy_id')}, {qn('question_id')}) DO UPDATE SET"
        f" {qn('times_wrong')} = {table}.{qn('times_wrong')} + 1,"
        f" {qn('last_wrong_at')} = excluded.{qn('last_wrong_at')}, {qn('right_days')} = 0,"
        f" {qn('mastered_on')} = NULL, {qn('due_on')} = excluded.{qn('due_on')}"
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
