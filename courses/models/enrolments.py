"""Deputies taking courses: enrolments (assigned or chosen, with a due date) and the time spent
on each lesson."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import CoursePage, LessonPage


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(completed_at__isnull=True)

    def completed(self):
        return self.filter(completed_at__isnull=False)

    def overdue(self, on=None):
        """Not complete, and the enrolment's due date has passed."""
        return self.active().filter(due_date__lt=on or timezone.localdate())

    def due_within(self, days: int, on=None):
        """Not complete, and due between `on` (today) and `days` days later, both included."""
        today = on or timezone.localdate()
        return self.active().filter(due_date__gte=today, due_date__lte=today + timedelta(days))


class Enrolment(models.Model):
    """A deputy taking a course: assigned by staff, or chosen by the deputy for an elective."""

    class Source(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        CHOSEN = "chosen", _("Chosen")

    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    source = models.CharField(max_length=10, choices=Source.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    # What "overdue" means for this deputy: staff choose it when assigning; by default, and for
    # electives, the course's due date when the enrolment is made.
    due_date = models.DateField(_("due date"), null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    credit_hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Credited when the course is complete."),
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(fields=["deputy", "course"], name="one_enrolment_per_course")
        ]

    def __str__(self):
        return f"{self.deputy} · {self.course}"

    def save(self, *args, **kwargs):
        # A new enrolment without a date of its own takes the course's (services always pass
        # one; this keeps any other way of enrolling honest about "overdue").
        if self._state.adding and self.due_date is None and self.course_id:
            self.due_date = self.course.due_date
        super().save(*args, **kwargs)

    def is_overdue(self, on=None) -> bool:
        return (
            self.completed_at is None
            and self.due_date is not None
            and self.due_date < (on or timezone.localdate())
        )


class LessonProgress(models.Model):
    """Time a deputy has actually spent on a lesson while it was on screen, and whether they
    reached its end. Written only by courses.services.record_reading."""

    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    seconds = models.PositiveIntegerField(default=0)
    reached_end = models.BooleanField(default=False)
    # When the server last counted time: no claim can credit more than has passed since.
    clock = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["deputy", "lesson"], name="one_progress_per_lesson")
        ]

    def __str__(self):
        return f"{self.deputy} · {self.lesson}"
