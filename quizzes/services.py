"""Writes of quiz taking: start an attempt, save an answer, submit, grade short answers.

The server keeps time: an attempt's deadline is fixed when it starts, answers arriving after it
(give or take `QUIZ_DEADLINE_GRACE_SECONDS` for a request in flight) are refused, and an attempt
found past its deadline is submitted with the answers saved in time. Submitting claims the
attempt with one conditional UPDATE, so a second submission (another tab, a double tap, a retry
on a weak connection) finds it claimed and grades nothing again, on SQLite and PostgreSQL alike.
"""

import functools
import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit

from .models import Attempt, AttemptQuestion, GradeChange, Question, Quiz
from .practice.services import record_exam_mistakes
from .question_types import AnswerError
from .selectors import draw_candidates, question_for_answers, questions_at
from .signals import quiz_passed


class QuizError(ValueError):
    """Something the deputy asked for that the quiz's rules do not allow; the message says why."""


def _grace() -> timedelta:
    return timedelta(seconds=settings.QUIZ_DEADLINE_GRACE_SECONDS)


def is_past_deadline(attempt: Attempt, now=None) -> bool:
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + _grace()


def choose_questions(quiz: Quiz, rng: random.Random) -> list[tuple[Question, Decimal]]:
    """The questions of a new attempt with their points: the chosen ones, then each draw's
    random pick among the ready questions not already in, shuffled if the quiz says so."""
    chosen = [
        (pick.question, pick.points)
        for pick in quiz.picks.select_related("question").order_by("sort_order", "pk")
        if pick.question.status == Question.Status.READY
    ]
    taken = {question.pk for question, _points in chosen}
    for draw in quiz.draws.order_by("sort_order", "pk"):
        pool = sorted(set(draw_candidates(draw).values_list("pk", flat=True)) - taken)
        picked = rng.sample(pool, min(draw.count, len(pool)))
        taken.update(picked)
        chosen += [(Question(pk=pk), draw.points) for pk in picked]
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    return chosen


def start_attempt(*, quiz: Quiz, deputy, now=None) -> Attempt:
    """The deputy's open attempt at the quiz, or a new one if the quiz allows another. Two
    tabs starting at once get the same attempt (a unique constraint admits one open attempt)."""
    now = now or timezone.now()
    current = Attempt.objects.open().filter(quiz=quiz, deputy=deputy).first()
    if current is not None:
        if not is_past_deadline(current, now):
            return current
        submit_attempt(attempt=current, now=now)
    used = Attempt.objects.filter(quiz=quiz, deputy=deputy).count()
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        raise QuizError(
            _("You have used all %(count)d attempts at this quiz.")
            % {"count": quiz.attempts_allowed}
        )
    questions = choose_questions(quiz, random.Random())  # noqa: S311 (an order, not a secret)
    if not questions:
        raise QuizError(_("This quiz has no questions yet."))
    limit = quiz.time_limit_minutes
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                deputy=deputy,
                number=used + 1,
                deadline=now + timedelta(minutes=limit) if limit else None,
                max_score=sum(points for _question, points in questions),
            )
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(attempt=attempt, question_id=q.pk, position=i, points=points)
                for i, (q, points) in enumerate(questions, start=1)
            )
    except IntegrityError:
        # Another request started it a moment ago: that attempt is the one.
        attempt = Attempt.objects.open().filter(quiz=quiz, deputy=deputy).first()
        if attempt is None:
            raise
    return attempt


@dataclass
class SavedAnswer:
    item: AttemptQuestion
    # With "show answers after each question": the answer's fraction of the points (None for a
    # short answer, which staff grade); otherwise the answer is not judged until submission.
    feedback: bool = False
    fraction: Decimal | None = None
    # The answer was a repeat, or a change the deputy has since overtaken: nothing was written.
    stale: bool = False


def save_answer(
    *, attempt: Attempt, item: AttemptQuestion, data, seq: int | None = None, now=None
) -> SavedAnswer:
    """Save one answer as it is given. Refused, with nothing written, when the answer cannot be
    read, the attempt is over, time is up (the attempt is then submitted), or the right answer
    was already shown for this question.

    `seq` numbers the deputy's changes to this answer (the page's script counts them and keeps
    unsent ones on the phone, so it may send one twice, or late): an answer whose number is not
    above the saved one's is acknowledged as `stale` and writes nothing, so the latest change
    wins however the requests arrive. Without a number (the form posted without the script)
    the answer is saved and counts as one change more."""
    now = now or timezone.now()
    if attempt.status != Attempt.Status.IN_PROGRESS:
        raise QuizError(_("This attempt has been submitted; answers can no longer change."))
    if is_past_deadline(attempt, now):
        submit_attempt(attempt=attempt, now=now)
        raise QuizError(_("Time is up. The answers you saved in time have been submitted."))
    if seq is not None and seq <= item.answer_seq:
        # A repeat of an answer already shown right or wrong gets its feedback again.
        return SavedAnswer(item=item, stale=True, feedback=item.locked)
    if item.locked:
        raise QuizError(_("The right answer has been shown; this answer can no longer change."))
    question = question_for_answers(item.question)
    response = question.parse_answer(data, item.field_name)  # AnswerError: nothing written
    show_now = attempt.quiz.show_answers == Quiz.ShowAnswers.AFTER_EACH and response is not None
    next_seq = item.answer_seq + 1 if seq is None else seq
    updated = _write_answer(item, response, now, show_now, seq)
    if not updated:
        return _not_saved(item, seq)
    item.response, item.answered_at, item.locked = response, now, show_now
    item.answer_seq = next_seq
    if show_now:
        return SavedAnswer(item=item, feedback=True, fraction=question.fraction(response))
    return SavedAnswer(item=item)


@functools.cache
def _answer_sql(numbered: bool, lock: bool) -> str:
    """The UPDATE `_write_answer` runs, written once a process from the model's table and
    columns (composing it through the ORM each time cost more than running it).

    One statement, with no transaction around it: it writes the answer only while the attempt
    is open, the question not locked and, with a change number, no later change saved. Where
    the database has row locks (PostgreSQL), the attempt's row is locked first, in the same
    statement (`lock`): that orders this answer with a submission running alongside, and with
    another answer to the same attempt. Either the answer is written first and graded, or the
    submission is and the answer finds the attempt closed. (A condition on the attempt inside
    the UPDATE alone is not enough there: a statement waiting for a row another one is writing
    rechecks that row only, not what a subquery read of another table.) The lock's own wait
    rechecks the attempt's status. SQLite has no row locks and needs none: it writes one
    statement at a time and checks the conditions inside it."""
    qn = connection.ops.quote_name
    items, attempts = (qn(m._meta.db_table) for m in (AttemptQuestion, Attempt))
    seq = qn("answer_seq")
    open_attempt = (
        f"SELECT {qn('id')} FROM {attempts} WHERE {qn('id')} = %s AND {qn('status')} = %s"  # noqa: S608 (model names, quoted)
    )
    attempt_ids = f"SELECT {qn('id')} FROM open_attempt" if lock else open_attempt  # noqa: S608 (model names, quoted)
    parts = [
        f"WITH open_attempt AS MATERIALIZED ({open_attempt} FOR UPDATE)" if lock else "",
        f"UPDATE {items} SET {qn('response')} = %s, {qn('answered_at')} = %s,",  # noqa: S608 (model names, quoted)
        f"{qn('locked')} = %s, {seq} = " + ("%s" if numbered else f"{seq} + 1"),
        f"WHERE {qn('id')} = %s AND {qn('locked')} = %s",
        f"AND {seq} < %s" if numbered else "",
        f"AND {qn('attempt_id')} IN ({attempt_ids})",
    ]
    return " ".join(part for part in parts if part)


def _write_answer(item: AttemptQuestion, response, now, show_now: bool, seq: int | None) -> int:
    """Write the answer if the question is not locked, the attempt still open and, with a
    change number, no later change saved: how many rows changed (1, or 0 when a condition
    failed). Without a number the saved one goes up by one."""
    field = AttemptQuestion._meta.get_field
    lock = connection.features.has_select_for_update
    attempt = [item.attempt_id, Attempt.Status.IN_PROGRESS.value]
    params = [
        *(attempt if lock else []),
        field("response").get_db_prep_save(response, connection),
        field("answered_at").get_db_prep_save(now, connection),
        show_now,
        *([seq] if seq is not None else []),
        item.pk,
        False,
        *([seq] if seq is not None else []),
        *([] if lock else attempt),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_answer_sql(seq is not None, lock), params)
        return cursor.rowcount


def _not_saved(item: AttemptQuestion, seq: int | None) -> SavedAnswer:
    """Why an answer's conditional update changed nothing: a later change to it was saved by a
    request running alongside (stale), or the answer was locked or the attempt closed."""
    found = (
        AttemptQuestion.objects.filter(pk=item.pk)
        .values_list("answer_seq", "locked", "attempt__status")
        .first()
    )
    if found is not None and found[2] == Attempt.Status.IN_PROGRESS:
        item.answer_seq, item.locked = found[0], found[1]
        if seq is not None and found[0] >= seq:
            return SavedAnswer(item=item, stale=True, feedback=found[1])
        if found[1]:
            raise QuizError(_("The right answer has been shown; this answer can no longer change."))
    raise QuizError(_("This attempt has been submitted; answers can no longer change."))


def submit_attempt(*, attempt: Attempt, now=None) -> Attempt:
    """Grade the attempt once, however many times it is submitted. Questions staff grade leave
    it awaiting grading; wrong answers go to the deputy's wrong-answer book.

    In one pass over the answers, read as plain rows, their questions read once (`questions_at`:
    from the memo or cache after the first attempt at a quiz), and the scores written with one
    UPDATE a distinct score (a quiz's answers score a few values: nothing, half, all), not a row
    each."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.IN_PROGRESS).update(
            status=Attempt.Status.SUBMITTED, submitted_at=now
        )
        if not claimed:
            attempt.refresh_from_db()
            return attempt
        attempt.status, attempt.submitted_at = Attempt.Status.SUBMITTED, now
        answers = list(
            attempt.items.values_list(
                "pk", "question_id", "question__updated_at", "points", "response"
            )
        )
        questions = questions_at((question, changed) for _, question, changed, _, _ in answers)
        wrong, by_score, scores = [], {}, []
        for pk, question_id, _, points, response in answers:
            question = questions[question_id]
            fraction = question.fraction(response)
            score = None if fraction is None else (points * fraction).quantize(Decimal("0.1"))
            scores.append(score)
            if fraction is not None and score < points:
                wrong.append(question)
            if score is not None:
                # None is what an open attempt's answers hold already: nothing to write.
                by_score.setdefault(score, []).append(pk)
        for score, pks in by_score.items():
            AttemptQuestion.objects.filter(pk__in=pks).update(score=score)
        _finish_if_graded(attempt, scores, now)
        record_exam_mistakes(deputy=attempt.deputy, questions=wrong)
        _announce_if_passed(attempt)
    return attempt


def _announce_if_passed(attempt: Attempt) -> None:
    """Tell the listeners of `signals.quiz_passed`, inside the grading transaction: a listener
    that fails rolls the grading back (signals.py says why)."""
    if attempt.passed:
        quiz_passed.send(sender=Attempt, deputy=attempt.deputy, quiz=attempt.quiz)


def _finish_if_graded(attempt: Attempt, scores: list, now) -> None:
    """Once every answer has a score (`scores`, one an answer): total them, decide pass or
    fail, mark the attempt graded."""
    if any(score is None for score in scores):
        return
    attempt.score = sum(scores, Decimal(0))
    attempt.passed = bool(attempt.max_score) and (
        attempt.score * 100 >= attempt.max_score * attempt.quiz.pass_mark
    )
    attempt.status = Attempt.Status.GRADED
    attempt.graded_at = attempt.graded_at or now
    attempt.save(update_fields=["score", "passed", "status", "graded_at"])


def expire_if_due(attempt: Attempt, now=None) -> Attempt:
    """Submit an open attempt whose time is up: called whenever one is looked at."""
    if attempt.status == Attempt.Status.IN_PROGRESS and is_past_deadline(attempt, now):
        return submit_attempt(attempt=attempt, now=now)
    return attempt


def _points(score) -> str | None:
    return None if score is None else format(Decimal(score).normalize(), "f")


def grade_answer(*, item: AttemptQuestion, score: Decimal, comment: str, by) -> AttemptQuestion:
    """Staff grade (or regrade) an answer; every change is kept in GradeChange. The caller has
    checked that `by` may see the deputy."""
    if not Decimal(0) <= score <= item.points:
        raise QuizError(
            _("Give a score from 0 to %(points)s.") % {"points": item.points.normalize()}
        )
    now = timezone.now()
    with transaction.atomic():
        item = AttemptQuestion.objects.select_for_update().get(pk=item.pk)
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "deputy__user", "deputy__township")
            .get(pk=item.attempt_id)
        )
        if attempt.status == Attempt.Status.IN_PROGRESS:
            raise QuizError(_("The deputy has not submitted this attempt yet."))
        GradeChange.objects.create(
            item=item, changed_by=by, old_score=item.score, new_score=score, comment=comment
        )
        audit.record(
            audit.Action.GRADE_CHANGED,
            by=by,
            deputy=attempt.deputy,
            quiz=attempt.quiz.title,
            attempt=attempt.number,
            number=item.position,
            old=_points(item.score),
            new=_points(score),
            comment=comment,
        )
        item.score, item.comment, item.graded_by = score, comment, by
        item.save(update_fields=["score", "comment", "graded_by"])
        _finish_if_graded(attempt, list(attempt.items.values_list("score", flat=True)), now)
        _announce_if_passed(attempt)
    return item


__all__ = [
    "AnswerError",
    "QuizError",
    "SavedAnswer",
    "expire_if_due",
    "grade_answer",
    "save_answer",
    "start_attempt",
    "submit_attempt",
]
