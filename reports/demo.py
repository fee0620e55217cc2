"""Demo progress for the dashboard: the demo county's other deputies (not the story accounts
13900000001–13900000010) at different stages of the first course, so that the townships differ,
the least advanced stands out and the week-by-week trend has a shape."""

from datetime import timedelta

from django.utils import timezone

from deputies.demo import PLACES
from deputies.models import Deputy

# Of each station's six deputies, how many completed the course (in PLACES' station order).
COMPLETED_AT_STATION = [5, 4, 3, 2, 1]
# The course was assigned at the start of the term, this long ago.
ASSIGNED_DAYS_AGO = 100


def seed_progress(course) -> int:
    """Complete the course for some deputies of each station the way a deputy does (the final
    test passed, every lesson read; the certificate follows), one more at each station failing
    the final test, then spread the completions over the past weeks. Returns how many completed;
    0 when done before."""
    from certificates.models import Certificate
    from courses.models import Enrolment, LessonProgress
    from courses.services import mark_lessons_studied
    from quizzes.demo import seed_attempt
    from quizzes.models import Attempt

    deputies = list(
        Deputy.objects.filter(township__county__code="339001", user__mobile__gt="13900000010")
        .select_related("station")
        .order_by("user__mobile")
    )
    enrolments = Enrolment.objects.filter(course=course, deputy__in=deputies)
    if enrolments.filter(completed_at__isnull=False).exists():
        return 0
    now = timezone.now()
    Enrolment.objects.filter(deputy__township__county__code="339001").update(
        enrolled_at=now - timedelta(days=ASSIGNED_DAYS_AGO)
    )
    quiz = course.final_test
    lessons = list(course.lessons())
    stations = [name for names in PLACES.values() for name in names]
    completed = 0
    for index, station in enumerate(stations):
        here = [d for d in deputies if d.station and d.station.name == station]
        for n, deputy in enumerate(here):
            if n > COMPLETED_AT_STATION[index]:
                break
            passing = n < COMPLETED_AT_STATION[index]
            if quiz is not None:
                seed_attempt(quiz, deputy, passing=passing)
            if not passing:
                continue
            mark_lessons_studied(deputy=deputy, lessons=lessons)
            # Completions spread over the last twelve weeks, a few days apart.
            when = now - timedelta(days=4 + (completed * 37) % 80)
            Enrolment.objects.filter(deputy=deputy, course=course).update(completed_at=when)
            LessonProgress.objects.filter(deputy=deputy, lesson__in=lessons).update(
                completed_at=when, clock=when
            )
            Attempt.objects.filter(deputy=deputy, quiz=quiz).update(
                started_at=when - timedelta(hours=1), submitted_at=when, graded_at=when
            )
            Certificate.objects.filter(deputy=deputy, course=course).update(issued_at=when)
            completed += 1
    return completed
