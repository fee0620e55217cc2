"""The wrong-answer book and the daily practice: the reads. What is due, the book as a deputy
sees it, the day's practice drawn for a deputy, and the feedback on an answer."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from ..models import PracticeAnswer, Question, QuestionArticle, WrongAnswer
from ..selectors import attach_articles

# Questions practised this recently are not drawn again to fill the daily practice.
RECENT_DAYS = 7


def _staff_graded_types() -> list[type[Question]]:
    return [m for m in apps.get_models() if issubclass(m, Question) and not m.auto_graded]


def practicable_questions():
    """Questions practice may ask: ready, and checked by the platform."""
    questions = Question.objects.ready()
    staff_graded = _staff_graded_types()
    return questions.not_instance_of(*staff_graded) if staff_graded else questions


def due_today(deputy, *, on: date | None = None):
    """The deputy's book entries to practise on the day: not mastered, due by then, and their
    question still ready (one under review waits until it is fixed). Longest due first, then the
    most often missed."""
    on = on or timezone.localdate()
    return (
        WrongAnswer.objects.filter(deputy=deputy, mastered_on=None, due_on__lte=on)
        .filter(question__in=practicable_questions())
        .order_by("due_on", "-times_wrong", "pk")
    )


@dataclass
class Book:
    due: list[WrongAnswer]
    waiting: list[WrongAnswer]
    mastered: list[WrongAnswer]

    @property
    def open_count(self) -> int:
        return len(self.due) + len(self.waiting)


def next_due_on(deputy, *, on: date | None = None) -> date | None:
    """The day the next book entry falls due after `on` (None when nothing else waits): what
    the deputy is told once today's are all practised."""
    on = on or timezone.localdate()
    return (
        WrongAnswer.objects.filter(deputy=deputy, mastered_on=None, due_on__gt=on)
        .filter(question__in=practicable_questions())
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )


def book_for(deputy, *, on: date | None = None) -> Book:
    """The deputy's book: entries due first (each with `is_due`, and `paused` when its question
    is being revised), then those waiting for their day, then the mastered ones. Each entry
    carries its question as its own type (options and accepted answers fetched, for the right
    answer it shows) and `articles`, the law articles it tests with their text in force. A
    fixed number of queries: the entries, the questions (one per type present, two
    prefetches) and the articles (three)."""
    on = on or timezone.localdate()
    entries = list(
        WrongAnswer.objects.filter(deputy=deputy).order_by("due_on", "-times_wrong", "pk")
    )
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in=[e.question_id for e in entries]).prefetch_related(
            "options", "accepted_answers"
        )
    }
    attach_articles(entries)
    book = Book(due=[], waiting=[], mastered=[])
    for entry in entries:
        entry.question = questions[entry.question_id]
        entry.paused = entry.question.status != Question.Status.READY
        entry.is_due = entry.mastered_on is None and entry.due_on <= on and not entry.paused
        if entry.mastered_on is not None:
            book.mastered.append(entry)
        elif entry.is_due:
            book.due.append(entry)
        else:
            book.waiting.append(entry)
    book.mastered.sort(key=lambda e: (e.mastered_on, e.pk), reverse=True)
    return book


def _day_range(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _draw_key(deputy_id: int, day: date, question_id: int) -> bytes:
    """A question's place in the deputy's draw for the day: the same on every reload, and not
    changed by other questions joining or leaving the pool."""
    return hashlib.blake2b(f"{deputy_id}:{day.isoformat()}:{question_id}".encode()).digest()


def option_seed(deputy_id: int, day: date, question: Question) -> str:
    """Options are shuffled per deputy, day and question: a reload shows the same letters."""
    return f"{deputy_id}:{day.isoformat()}:{question.pk}"


@dataclass
class PracticeDay:
    """The day's practice: its questions in order, and the first answer given to each today."""

    deputy_id: int
    day: date
    questions: list[Question]
    answers: dict[int, PracticeAnswer]
    # Questions drawn because they are due in the book (the others fill the day up).
    from_book: set[int] = field(default_factory=set)
    # Due book entries left out of these questions: the day (or the round) had no room.
    more_due: int = 0
    # Answers given today after the day's practice, in order: the rounds of "Practise more".
    later: list[PracticeAnswer] = field(default_factory=list)

    @property
    def current(self) -> Question | None:
        """The first question not answered yet today; None once all are."""
        return next((q for q in self.questions if q.pk not in self.answers), None)

    @property
    def done(self) -> int:
        return len(self.answers)

    @property
    def next_round(self) -> int:
        """How many questions a round of "Practise more" would ask now: the due entries left
        out, up to a day's practice."""
        return min(self.more_due, settings.DAILY_PRACTICE_SIZE)

    @property
    def right(self) -> int:
        return sum(1 for answer in self.answers.values() if answer.correct)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def results(self) -> list[tuple[Question, PracticeAnswer]]:
        """Each question answered today with its first answer, in order."""
        return [(q, self.answers[q.pk]) for q in self.questions if q.pk in self.answers]

    def position(self, question_id: int) -> int | None:
        ids = [q.pk for q in self.questions]
        return ids.index(question_id) + 1 if question_id in ids else None

    def get(self, question_id) -> Question | None:
        return next((q for q in self.questions if str(q.pk) == str(question_id)), None)

    def options(self, question: Question) -> list:
        """The question's options in the order this deputy sees them today (none for a type
        without options)."""
        ordered = getattr(question, "ordered_options", None)
        return ordered(seed=option_seed(self.deputy_id, self.day, question)) if ordered else []


def practice_day(deputy, *, on: date | None = None) -> PracticeDay:
    """The day's practice for the deputy (see the module's docstring for how it is chosen), its
    questions as their own types with options and accepted answers fetched: a fixed number of
    queries (four, plus one per question type present, plus two prefetches)."""
    on = on or timezone.localdate()
    size = settings.DAILY_PRACTICE_SIZE
    start, end = _day_range(on)

    answers: dict[int, PracticeAnswer] = {}
    later: list[PracticeAnswer] = []
    for answer in PracticeAnswer.objects.filter(
        deputy=deputy, answered_at__gte=start, answered_at__lt=end
    ).order_by("answered_at", "pk"):
        if answer.question_id not in answers and len(answers) < size:
            answers[answer.question_id] = answer
        else:
            later.append(answer)
    chosen = list(answers)

    due = list(due_today(deputy, on=on).values_list("question_id", flat=True))
    from_book = [pk for pk in due if pk not in answers][: size - len(chosen)]
    chosen += from_book

    if len(chosen) < size:
        recent = PracticeAnswer.objects.filter(
            deputy=deputy, answered_at__gte=start - timedelta(days=RECENT_DAYS)
        ).values("question_id")
        in_book = WrongAnswer.objects.filter(deputy=deputy, mastered_on=None).values("question_id")
        pool = (
            practicable_questions()
            .exclude(pk__in=recent)
            .exclude(pk__in=in_book)
            .exclude(pk__in=chosen)
            .non_polymorphic()
            .values_list("pk", flat=True)
        )
        chosen += sorted(pool, key=lambda pk: _draw_key(deputy.pk, on, pk))[: size - len(chosen)]

    found = {
        q.pk: q
        for q in Question.objects.filter(pk__in=chosen).prefetch_related(
            "options", "accepted_answers"
        )
    }
    return PracticeDay(
        deputy_id=deputy.pk,
        day=on,
        questions=[found[pk] for pk in chosen if pk in found],
        answers={pk: a for pk, a in answers.items() if pk in found},
        from_book=set(from_book),
        more_due=sum(1 for pk in due if pk not in chosen),
        later=later,
    )


def _rounds(answers: list[PracticeAnswer], size: int) -> list[dict[int, PracticeAnswer]]:
    """Answers in order, grouped into rounds of `size` different questions."""
    rounds: list[dict[int, PracticeAnswer]] = [{}]
    for answer in answers:
        if answer.question_id in rounds[-1]:
            continue  # a question is asked once a round: a second answer is not a new place
        if len(rounds[-1]) == size:
            rounds.append({})
        rounds[-1][answer.question_id] = answer
    return rounds


@dataclass
class PracticeMore:
    """A round of "Practise more" after the day's practice, numbered from 1."""

    number: int
    round: PracticeDay
    # The book entries still due once this round is over, and the day the next fall due.
    due_after: int
    next_due: date | None

    @property
    def can_go_on(self) -> bool:
        """Another round may start: this one is over and book entries are still due."""
        return self.round.current is None and self.due_after > 0


def practice_more(deputy, *, day: PracticeDay, start_next: bool = False) -> PracticeMore:
    """The round of "Practise more" the deputy is in, once the day's practice is done: up to
    DAILY_PRACTICE_SIZE book entries due today, no question twice in a round. A round is the
    answers given after the day's practice, in groups of that size, and, while it has room,
    the next entries due (an entry answered today is not due again today, right or wrong).
    With `start_next`, a round that is over gives way to the next. Only due book entries are
    asked: once none are left the round ends, and `next_due` says when the next are."""
    size = settings.DAILY_PRACTICE_SIZE
    rounds = _rounds(day.later, size)
    if start_next and len(rounds[-1]) == size:
        rounds.append({})
    answers = rounds[-1]
    due = [
        pk
        for pk in due_today(deputy, on=day.day).values_list("question_id", flat=True)
        if pk not in answers
    ]
    room = size - len(answers) if len(answers) < size else 0
    chosen = list(answers) + due[:room]
    found = {
        q.pk: q
        for q in Question.objects.filter(pk__in=chosen).prefetch_related(
            "options", "accepted_answers"
        )
    }
    questions = [found[pk] for pk in chosen if pk in found]
    current = PracticeDay(
        deputy_id=day.deputy_id,
        day=day.day,
        questions=questions,
        answers={pk: a for pk, a in answers.items() if pk in found},
        from_book={q.pk for q in questions},
        more_due=len(due) - len(due[:room]),
    )
    over = current.current is None
    return PracticeMore(
        number=len(rounds),
        round=current,
        due_after=current.more_due,
        next_due=next_due_on(deputy, on=day.day) if over and not current.more_due else None,
    )


def daily_practice(deputy, *, on: date | None = None) -> list[Question]:
    """Up to DAILY_PRACTICE_SIZE questions for the day: the same set on every reload."""
    return practice_day(deputy, on=on).questions


@dataclass
class Feedback:
    """What the screen after a practice answer shows."""

    question: Question
    options: list
    answer: PracticeAnswer
    entry: WrongAnswer | None
    articles: list[QuestionArticle]
    given: str
    right_answer: str
    # What the question says about the answer given (GIFT's feedback on an option).
    answer_feedback: str = ""

    @property
    def book_state(self) -> str:
        """Where the question stands in the book now: "out" (not in it), "mastered",
        "climbing" (right on some days, not enough yet) or "again" (counting from the start)."""
        if self.entry is None:
            return "out"
        if self.entry.mastered_on is not None:
            return "mastered"
        return "climbing" if self.entry.right_days else "again"


def practice_feedback(deputy, question_id: int, *, question=None) -> Feedback | None:
    """The deputy's latest practice answer to the question, judged, with the right answer, the
    book entry and the law articles the question tests; None if they never practised it.
    `question`, when the caller has it already with its options, saves fetching it again."""
    answer = (
        PracticeAnswer.objects.filter(deputy=deputy, question_id=question_id)
        .order_by("-answered_at", "-pk")
        .first()
    )
    if answer is None:
        return None
    if question is None:
        question = (
            Question.objects.filter(pk=question_id)
            .prefetch_related("options", "accepted_answers")
            .first()
        )
    seed = option_seed(deputy.pk, timezone.localdate(answer.answered_at), question)
    ordered = getattr(question, "ordered_options", None)
    return Feedback(
        question=question,
        options=ordered(seed=seed) if ordered else [],
        answer=answer,
        entry=WrongAnswer.objects.filter(deputy=deputy, question_id=question_id).first(),
        articles=list(
            QuestionArticle.objects.filter(question_id=question_id)
            .select_related("law")
            .order_by("sort_order", "pk")
        ),
        given=question.answer_text(answer.response, seed=seed),
        right_answer=question.right_answer_text(seed=seed),
        answer_feedback=question.answer_feedback(answer.response, seed=seed),
    )
