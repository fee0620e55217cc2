"""Reads of courses and lessons that span relations."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils import timezone

from .models import CoursePage, Enrolment, LessonPage, LessonProgress


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


@dataclass
class CourseProgress:
    enrolment: Enrolment
    lessons: list
    done: int
    next_lesson: LessonPage | None

    @property
    def course(self):
        return self.enrolment.course

    @property
    def overdue(self) -> bool:
        return self.enrolment.completed_at is None and self.course.is_overdue()

    @property
    def percent(self) -> int:
        return round(100 * self.done / len(self.lessons)) if self.lessons else 0


def my_learning(deputy) -> list[CourseProgress]:
    """The deputy's courses with lessons read, the next lesson and due dates: three queries
    however many courses and lessons."""
    enrolments = list(
        Enrolment.objects.filter(deputy=deputy)
        .select_related("course")
        .order_by("completed_at", "course__due_date", "enrolled_at")
    )
    if not enrolments:
        return []
    under_courses = reduce(or_, (Q(path__startswith=e.course.path) for e in enrolments))
    lessons = list(
        LessonPage.objects.live()
        .filter(under_courses, depth=enrolments[0].course.depth + 1)
        .only("id", "title", "path", "url_path", "estimated_minutes")
        .order_by("path")
    )
    done = set(
        LessonProgress.objects.filter(
            deputy=deputy, lesson__in=lessons, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    rows = []
    for enrolment in enrolments:
        own = [x for x in lessons if x.path.startswith(enrolment.course.path)]
        rows.append(
            CourseProgress(
                enrolment=enrolment,
                lessons=own,
                done=sum(1 for x in own if x.pk in done),
                next_lesson=next((x for x in own if x.pk not in done), None),
            )
        )
    return rows


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
            overdue=Count("pk", filter=Q(completed_at__isnull=True, course__due_date__lt=today)),
        )
    }
    courses = list(CoursePage.objects.live().order_by("-required", "path"))
    for course in courses:
        row = counts.get(course.pk, {})
        course.enrolled = row.get("enrolled", 0)
        course.completed = row.get("completed", 0)
        course.overdue = row.get("overdue", 0)
    return courses
