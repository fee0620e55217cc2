"""Reads of courses and lessons that span relations."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, F, Prefetch, Q, TextChoices
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from common import generations
from common.numerals import chinese_numeral
from materials.models import Article, LawPage
from notifications.selectors import AudiencePreview, audience_preview
from proposals.models import Draft, Exercise
from quizzes.models import Attempt

from .models import CoursePage, Enrolment, LessonPage, LessonProgress, LessonQuiz
from .models.pages import exercise_ids_in


def search_lessons(term: str, *, limit: int = 30) -> list[LessonPage]:
    """Live lessons whose title or words contain the term: a substring match, so any Chinese
    term of two or more characters is found without word segmentation."""
    term = term.strip()
    if len(term) < 2:
        return []
    return list(
        LessonPage.objects.live()
        .filter(Q(title__contains=term) | Q(search_text__contains=term))
        .only("id", "title", "path", "url_path", "search_text", "estimated_minutes")
        .order_by("path")[:limit]
    )


def lessons_of(courses) -> list[LessonPage]:
    """The live lessons of the given courses, in order: each without its body but with the
    writing exercises its blocks name (`exercise_ids()`). Kept in the cache course by course
    under the page tree's generation (renewed by any page's save, publish, move or deletion):
    no query when every course is kept, two for those that are not, however many."""
    if not courses:
        return []
    courses = sorted(courses, key=lambda course: course.path)
    kept = generations.kept_many(
        {course: f"course-lessons:{course.pk}" for course in courses}, _read_lessons
    )
    return [lesson for course in courses for lesson in kept[course]]


def _read_lessons(courses) -> dict:
    """Each course's live lessons, in order, with the exercises their bodies name (the bodies
    are read, not kept). Two queries."""
    children = (Q(path__startswith=course.path, depth=course.depth + 1) for course in courses)
    live = LessonPage.objects.live().filter(reduce(or_, children))
    named = {pk: exercise_ids_in(body) for pk, body in live.values_list("pk", "body")}
    by_path = {course.path: [] for course in courses}
    fields = ("id", "title", "path", "url_path", "estimated_minutes")
    for lesson in live.only(*fields).order_by("path"):
        lesson.exercises_named = named.get(lesson.pk, [])
        by_path[lesson.path[: -LessonPage.steplen]].append(lesson)
    return {course: by_path[course.path] for course in courses}


def exercise_ids(lessons) -> list[int]:
    """The writing exercises the lessons' blocks name, in the order they come, each once."""
    return list(dict.fromkeys(pk for lesson in lessons for pk in lesson.exercise_ids()))


def course_exercises(lessons, *, deputy=None) -> list[Exercise]:
    """The live writing exercises in the lessons' exercise blocks, in the order they come,
    each with `draft` (the deputy's, or None) and `done` (that draft is accepted). These are
    what a course asks besides reading: an exercise that is not live cannot be started, so it
    does not count. One query, two with a deputy; none when no lesson has an exercise."""
    ids = exercise_ids(lessons)
    if not ids:
        return []
    exercises = Exercise.objects.live().filter(pk__in=ids)
    if deputy is not None:
        mine = Draft.objects.filter(deputy=deputy)
        exercises = exercises.prefetch_related(Prefetch("drafts", queryset=mine, to_attr="mine"))
    found = {exercise.pk: exercise for exercise in exercises}
    ordered = [found[pk] for pk in ids if pk in found]
    for exercise in ordered:
        exercise.draft = exercise.mine[0] if getattr(exercise, "mine", None) else None
        exercise.done = exercise.draft is not None and exercise.draft.is_done
    return ordered


def drafts_by_exercise(deputy, exercise_ids) -> dict:
    """The deputy's own drafts of the given exercises, by exercise id. One query."""
    return {
        draft.exercise_id: draft
        for draft in Draft.objects.filter(deputy=deputy, exercise_id__in=exercise_ids)
    }


@dataclass
class CourseProgress:
    enrolment: Enrolment
    lessons: list
    done: int
    next_lesson: LessonPage | None
    # The course's live writing exercises, each with the deputy's `draft` and `done`.
    exercises: list = field(default_factory=list)

    @property
    def course(self):
        return self.enrolment.course

    @property
    def due_date(self):
        """The deputy's own due date (set when assigned), not necessarily the course's."""
        return self.enrolment.due_date

    @property
    def overdue(self) -> bool:
        return self.enrolment.is_overdue()

    @property
    def exercises_done(self) -> int:
        return sum(1 for exercise in self.exercises if exercise.done)

    @property
    def next_exercise(self):
        """The first exercise not accepted yet, or None."""
        return next((exercise for exercise in self.exercises if not exercise.done), None)

    @property
    def percent(self) -> int:
        """Lessons read and exercises accepted, of all the course asks."""
        total = len(self.lessons) + len(self.exercises)
        return round(100 * (self.done + self.exercises_done) / total) if total else 0


def my_learning(deputy) -> list[CourseProgress]:
    """The deputy's courses with lessons read and exercises accepted, the next lesson and due
    dates: three queries however many courses and lessons, two more when some lesson has a
    writing exercise."""
    enrolments = list(
        Enrolment.objects.filter(deputy=deputy)
        .select_related("course")
        .order_by("completed_at", F("due_date").asc(nulls_last=True), "enrolled_at")
    )
    if not enrolments:
        return []
    lessons = lessons_of([enrolment.course for enrolment in enrolments])
    done = set(
        LessonProgress.objects.filter(
            deputy=deputy, lesson__in=lessons, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    exercises = {exercise.pk: exercise for exercise in course_exercises(lessons, deputy=deputy)}
    rows = []
    for enrolment in enrolments:
        own = [x for x in lessons if x.path.startswith(enrolment.course.path)]
        rows.append(
            CourseProgress(
                enrolment=enrolment,
                lessons=own,
                done=sum(1 for x in own if x.pk in done),
                next_lesson=next((x for x in own if x.pk not in done), None),
                exercises=[exercises[pk] for pk in exercise_ids(own) if pk in exercises],
            )
        )
    return rows


class LessonState(TextChoices):
    """How far a deputy is with one lesson, as the course page marks it."""

    READ = "read", pgettext_lazy("lesson state", "Read")
    IN_PROGRESS = "in_progress", pgettext_lazy("lesson state", "In progress")
    NOT_STARTED = "not_started", pgettext_lazy("lesson state", "Not started")


@dataclass
class CourseReading:
    """A deputy's lessons in one course: each lesson carries `state`, and `next_lesson` is the
    first one not read yet (None once every lesson is)."""

    lessons: list
    next_lesson: LessonPage | None
    started: bool  # some lesson opened: "continue" rather than "start"

    @property
    def read(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.state == LessonState.READ)


def course_reading(deputy, lessons) -> CourseReading:
    """Mark each lesson (a list, in order) with the deputy's state: read (counted), in progress
    (opened, not counted yet) or not started. One query however many lessons; none without a
    deputy or lessons."""
    rows = {}
    if deputy is not None and lessons:
        rows = dict(
            LessonProgress.objects.filter(deputy=deputy, lesson__in=lessons).values_list(
                "lesson_id", "completed_at"
            )
        )
    for lesson in lessons:
        if lesson.pk not in rows:
            lesson.state = LessonState.NOT_STARTED
        elif rows[lesson.pk] is None:
            lesson.state = LessonState.IN_PROGRESS
        else:
            lesson.state = LessonState.READ
    return CourseReading(
        lessons=lessons,
        next_lesson=next((x for x in lessons if x.state != LessonState.READ), None),
        started=bool(rows),
    )


def pages_to_keep(course: CoursePage, lessons, *, request) -> list[dict]:
    """What keeping the course for offline reading keeps: the course page, its lessons (a
    list, in order, with their bodies) and the pages of the law articles they quote, each
    `{"url", "title"}` once, in reading order. A quoted article links to its own page where
    the law's text in force has it, else to the law's page (its study notes), as the lesson's
    quote does. Two queries however many lessons and quotes (and the site's root paths, once
    a request); none when nothing is quoted."""
    quotes = [
        (int(value["law"]), int(value["article"]))
        for lesson in lessons
        for block in lesson.body.raw_data
        if block["type"] == "law_article"
        for value in [block["value"] or {}]
        if str(value.get("law") or "").isdigit() and str(value.get("article") or "").isdigit()
    ]
    pages = [{"url": course.get_url(request), "title": course.title}]
    pages += [{"url": lesson.get_url(request), "title": lesson.title} for lesson in lessons]
    if quotes:
        laws = LawPage.objects.live().in_bulk({law for law, _number in quotes})
        wanted = reduce(or_, (Q(version__law_id=law, number=n) for law, n in quotes))
        in_force = set(
            Article.objects.current().filter(wanted).values_list("version__law_id", "number")
        )
        for law_id, number in quotes:
            law = laws.get(law_id)
            if law is None:
                continue
            url = law.get_url(request)
            if (law_id, number) in in_force:
                pages.append(
                    {
                        "url": f"{url}articles/{number}/",
                        "title": f"{law.short_name} 第{chinese_numeral(number)}条",
                    }
                )
            else:
                pages.append({"url": url, "title": law.title})
    unique = {}  # by URL, the first time each comes (an article quoted twice is kept once)
    for page in pages:
        if page["url"]:
            unique.setdefault(page["url"], page)
    return list(unique.values())


def courses_for_staff(deputies) -> list[CoursePage]:
    """Every live course, each with `enrolled`, `completed` and `overdue`: how many of the given
    deputies take it, have finished it, and are past its due date without finishing. Two
    queries however many courses and deputies."""
    today = timezone.localdate()
    counts = {
        row["course"]: row
        for row in Enrolment.objects.filter(deputy__in=deputies)
        .values("course")
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            overdue=Count("pk", filter=Q(completed_at__isnull=True, due_date__lt=today)),
        )
    }
    courses = list(CoursePage.objects.live().order_by("-required", "path"))
    for course in courses:
        row = counts.get(course.pk, {})
        course.enrolled = row.get("enrolled", 0)
        course.completed = row.get("completed", 0)
        course.overdue = row.get("overdue", 0)
    return courses


def started_deputies(course: CoursePage, deputy_ids) -> set[int]:
    """Which of these deputies have started the course: opened one of its lessons (any lesson
    has a reading-progress row from its first opening) or attempted a quiz it places, in a
    lesson or as its final test. Two queries however many deputies."""
    ids = list(deputy_ids)
    if not ids:
        return set()
    in_course = {"path__startswith": course.path, "depth": course.depth + 1}
    lessons = LessonPage.objects.filter(**in_course).values("pk")
    opened = LessonProgress.objects.filter(deputy_id__in=ids, lesson__in=lessons)
    quizzes = Q(quiz_id__in=LessonQuiz.objects.filter(lesson__in=lessons).values("quiz_id"))
    if course.final_test_id:
        quizzes |= Q(quiz_id=course.final_test_id)
    tried = Attempt.objects.filter(quizzes, deputy_id__in=ids)
    return set(opened.values_list("deputy_id", flat=True)) | set(
        tried.values_list("deputy_id", flat=True)
    )


def assign_preview(course: CoursePage, chosen) -> tuple[AudiencePreview, int]:
    """Who assigning the course to `chosen` (deputies already limited to the user's scope)
    would enrol, by place with the first names, and how many of them already take it. Two
    queries."""
    taking = Enrolment.objects.filter(course=course).values("deputy_id")
    new = audience_preview(chosen.exclude(pk__in=taking))
    return new, chosen.filter(pk__in=taking).count()


@dataclass
class EnrolmentRow:
    enrolment: Enrolment
    started: bool

    @property
    def deputy(self):
        return self.enrolment.deputy

    @property
    def withdrawable(self) -> bool:
        """Staff may withdraw what they assigned and the deputy has not started."""
        e = self.enrolment
        return e.source == Enrolment.Source.ASSIGNED and e.completed_at is None and not self.started


def course_enrolments(course: CoursePage, deputies, *, search: str = ""):
    """The enrolments in the course of the given deputies (already limited to the user's
    scope), by township and name, optionally only names containing `search`: a queryset to
    page through; `enrolment_rows` adds what each row shows."""
    enrolments = Enrolment.objects.filter(course=course, deputy__in=deputies)
    if search:
        enrolments = enrolments.filter(deputy__user__name__contains=search)
    return enrolments.select_related(
        "deputy__user", "deputy__township", "deputy__station"
    ).order_by("deputy__township__name", "deputy__user__name", "pk")


def enrolment_rows(course: CoursePage, enrolments) -> list[EnrolmentRow]:
    """One page of `course_enrolments`, each with whether the deputy has started: two
    queries for the page."""
    enrolments = list(enrolments)
    started = started_deputies(course, [e.deputy_id for e in enrolments])
    return [EnrolmentRow(enrolment=e, started=e.deputy_id in started) for e in enrolments]
