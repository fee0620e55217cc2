"""Courses and lessons: Wagtail pages written by editors.

A course holds lessons; a lesson is a StreamField of text, quoted law articles, callouts,
video, audio and downloads. Enrolment, progress and credit hours build on these pages.
"""

import re
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from deputies.selectors import deputy_of
from materials.models import Article, ArticleNote, LawVersion

from .blocks import LessonBodyBlock


class CourseIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.live().child_of(self).order_by("-required", "path")
        return context


class CoursePage(Page):
    summary = models.TextField(_("summary"))
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required courses are assigned; electives are chosen."),
    )
    for_county_deputies = models.BooleanField(_("for county deputies"), default=True)
    for_township_deputies = models.BooleanField(_("for township deputies"), default=True)
    townships = ParentalManyToManyField(
        "deputies.Township",
        blank=True,
        verbose_name=_("townships"),
        help_text=_("Leave empty for every township."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    credit_hours = models.DecimalField(
        _("credit hours"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Leave empty to count the lessons' minutes (45 minutes a credit hour)."),
    )

    final_test = models.ForeignKey(
        "quizzes.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("final test"),
        help_text=_(
            "Optional: the course is complete once its lessons are read and this is passed."
        ),
    )

    certificate_valid_years = models.PositiveSmallIntegerField(
        _("certificates valid for (years)"),
        null=True,
        blank=True,
        help_text=_("Empty: the course's certificates do not expire."),
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate template"),
        help_text=_("Empty: the default template."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("required"),
                FieldPanel("for_county_deputies"),
                FieldPanel("for_township_deputies"),
                FieldPanel("townships"),
            ],
            heading=_("Audience"),
        ),
        FieldPanel("due_date"),
        FieldPanel("credit_hours"),
        FieldPanel("final_test"),
        FieldPanel("certificate_valid_years"),
        FieldPanel("certificate_template"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")

    def lessons(self):
        return LessonPage.objects.live().child_of(self).order_by("path")

    def levels(self) -> list[str]:
        from deputies.models import Deputy

        return [
            level
            for level, wanted in (
                (Deputy.Level.COUNTY, self.for_county_deputies),
                (Deputy.Level.TOWNSHIP, self.for_township_deputies),
            )
            if wanted
        ]

    def audience(self, deputies):
        """Of the given deputies, those the course is meant for: of its levels, and of its
        townships if it names any."""
        chosen = deputies.filter(level__in=self.levels())
        townships = self.audience_townships
        return chosen.filter(township__in=townships) if townships else chosen

    def is_for(self, deputy) -> bool:
        townships = self.audience_townships
        return deputy.level in self.levels() and (
            not townships or deputy.township_id in {t.pk for t in townships}
        )

    @cached_property
    def audience_townships(self) -> list:
        """The townships the course is limited to; empty for every township."""
        return list(self.townships.order_by("name"))

    def audience_text(self) -> str:
        """Whom the course is meant for, in words: its levels, and its townships if any."""
        levels = self.levels()
        if len(levels) == 2:
            text = _("County and township deputies")
        elif levels == ["county"]:
            text = _("County deputies")
        elif levels:
            text = _("Township deputies")
        else:
            text = _("No deputies (choose a level in the course's audience)")
        names = [t.name for t in self.audience_townships]
        return f"{text}（{'、'.join(names)}）" if names else str(text)

    def hours_for(self, minutes: int) -> Decimal:
        """The course's credit hours: as set, or its lessons' minutes counted in 学时."""
        if self.credit_hours is not None:
            return self.credit_hours
        per_hour = Decimal(settings.MINUTES_PER_CREDIT_HOUR)
        return (Decimal(minutes) / per_hour).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_exercises

        context = super().get_context(request, *args, **kwargs)
        lessons = list(self.lessons())
        minutes = sum(lesson.estimated_minutes for lesson in lessons)
        deputy = deputy_of(request.user)
        enrolment = self.enrolments.filter(deputy=deputy).first() if deputy else None
        exercises = course_exercises(lessons, deputy=deputy)
        context.update(
            lessons=lessons,
            minutes=minutes,
            hours=self.hours_for(minutes),
            exercises=exercises,
            exercises_done=sum(1 for exercise in exercises if exercise.done),
            deputy=deputy,
            enrolment=enrolment,
            for_deputy=self.is_for(deputy) if deputy else False,
            audience_text=self.audience_text(),
            # An enrolled deputy's due date is their own (staff may set it when assigning).
            due_date=enrolment.due_date if enrolment else self.due_date,
            overdue=enrolment.is_overdue() if enrolment else False,
        )
        return context


# Exercise scenarios are plain paragraphs separated by a blank line.
PARAGRAPH_BREAK = re.compile(r"\r?\n\s*\n")


class LessonPage(Page):
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), help_text=_("How long a careful reading takes.")
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    # The lesson's words as plain text, kept for search: derived from the body on save.
    search_text = models.TextField(editable=False, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("estimated_minutes"), FieldPanel("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def save(self, *args, **kwargs):
        self.search_text = self.plain_text()
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.place_quizzes()
        return result

    def quiz_ids(self) -> list[int]:
        """The quizzes the lesson's blocks place, in order, read from the stored body."""
        ids = []
        for block in self.body.raw_data:
            value = (block["value"] or {}) if block["type"] == "quiz" else {}
            if str(value.get("quiz") or "").isdigit():
                ids.append(int(value["quiz"]))
        return list(dict.fromkeys(ids))

    def place_quizzes(self) -> None:
        """Keep the lesson's LessonQuiz rows as its body says (the body saved on the page row
        is the live one once the lesson is published; a draft's changes live in revisions)."""
        from quizzes.models import Quiz

        wanted = set(Quiz.objects.filter(pk__in=self.quiz_ids()).values_list("pk", flat=True))
        LessonQuiz.objects.filter(lesson=self).exclude(quiz_id__in=wanted).delete()
        LessonQuiz.objects.bulk_create(
            [LessonQuiz(lesson=self, quiz_id=pk) for pk in sorted(wanted)], ignore_conflicts=True
        )

    def plain_text(self) -> str:
        pieces = []
        for block in self.body:
            if block.block_type == "text":
                pieces.append(strip_tags(block.value.source))
            elif block.block_type == "callout":
                pieces.append(strip_tags(block.value["text"].source))
            elif block.block_type == "law_article" and block.value.get("note"):
                pieces.append(block.value["note"])
        return "\n".join(pieces)

    def exercise_ids(self) -> list[int]:
        """The writing exercises the lesson's blocks name, in order. Read from the stored
        body, so it costs no query (the blocks' values would fetch the exercises)."""
        ids = []
        for block in self.body.raw_data:
            if block["type"] == "exercise" and (block["value"] or {}).get("exercise"):
                ids.append(int(block["value"]["exercise"]))
        return ids

    def show_exercises(self, deputy) -> None:
        """Attach to each writing-exercise block what the lesson shows of it: `opening` (the
        scenario's first paragraph), `for_deputy` (a deputy is reading) and `draft` (theirs,
        or None). Wagtail fetches the blocks' exercises in one query; their drafts take one
        more, however many exercise blocks the lesson has."""
        from .selectors import drafts_by_exercise

        values = [b.value for b in self.body if b.block_type == "exercise" and b.value["exercise"]]
        if not values:
            return
        drafts = (
            drafts_by_exercise(deputy, {value["exercise"].pk for value in values})
            if deputy is not None
            else {}
        )
        for value in values:
            exercise = value["exercise"]
            value.opening = PARAGRAPH_BREAK.split(exercise.scenario.strip(), maxsplit=1)[0]
            value.for_deputy = deputy is not None
            value.draft = drafts.get(exercise.pk)

    def quote_articles(self) -> None:
        """Attach to each law-article block the article in force it quotes (`quoted`), or else
        the law's study note for it (`study_note`) and whether the law has a text in force
        (`has_text`). Two queries however many articles the lesson quotes, one more if some
        quoted law has no imported text."""
        quotes = [b.value for b in self.body if b.block_type == "law_article" and b.value["law"]]
        if not quotes:
            return
        wanted = Q()
        for value in quotes:
            wanted |= Q(version__law_id=value["law"].pk, number=value["article"])
        found = {
            (a.version.law_id, a.number): a
            for a in Article.objects.current()
            .filter(wanted)
            .select_related("version")
            .prefetch_related("parts")
        }
        for value in quotes:
            value.quoted = found.get((value["law"].pk, value["article"]))
            value.study_note, value.has_text = None, True
        missing = [value for value in quotes if value.quoted is None]
        if not missing:
            return
        laws = {value["law"].pk for value in missing}
        with_text = set(
            LawVersion.objects.current().filter(law_id__in=laws).values_list("law_id", flat=True)
        )
        notes = {
            (n.law_id, n.article): n
            for n in ArticleNote.objects.filter(law_id__in=laws - with_text)
        }
        for value in missing:
            law_id = value["law"].pk
            value.has_text = law_id in with_text
            value.study_note = notes.get((law_id, value["article"]))

    def serve(self, request, *args, **kwargs):
        deputy = deputy_of(request.user)
        if deputy is not None and not getattr(request, "is_preview", False):
            from .services import start_reading

            start_reading(deputy=deputy, lesson=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .services import required_seconds

        context = super().get_context(request, *args, **kwargs)
        self.quote_articles()
        deputy = deputy_of(request.user)
        self.show_exercises(deputy)
        progress = self.progress.filter(deputy=deputy).first() if deputy else None
        required = required_seconds(self)
        seconds = progress.seconds if progress else 0
        context.update(
            reading=deputy is not None,
            progress=progress,
            percent=min(100, 100 * seconds // required) if required else 100,
        )
        course = self.get_parent().specific
        lessons = list(course.lessons())
        # A draft seen in preview is not among the live lessons: it has no neighbours.
        position = next((i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), None)
        found = position is not None
        context.update(
            course=course,
            lessons=lessons,
            position=position + 1 if found else None,
            previous=lessons[position - 1] if found and position > 0 else None,
            next=lessons[position + 1] if found and position + 1 < len(lessons) else None,
        )
        return context


class LessonQuiz(models.Model):
    """A quiz a lesson's quiz block places: derived from the lesson's body on save (like its
    search text), so that whether deputies may open a quiz is one query (quizzes.access;
    courses.hooks registers the condition)."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="quiz_places")
    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lesson", "quiz"], name="quiz_once_per_lesson")
        ]

    def __str__(self):
        return f"{self.lesson} · {self.quiz}"


def quiz_placed_live() -> Q:
    """Whether a quiz (`OuterRef("pk")`) is placed where deputies may open it: in a live
    lesson, or as a live course's final test."""
    from django.db.models import Exists, OuterRef

    in_lesson = LessonQuiz.objects.filter(quiz=OuterRef("pk"), lesson__live=True)
    final_test = CoursePage.objects.filter(final_test=OuterRef("pk"), live=True)
    return Q(Exists(in_lesson)) | Q(Exists(final_test))


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


class Programme(models.Model):
    """A training programme such as initial training (初任培训): required courses, hours of group
    study and a final test, given as one assignment with one due date to every deputy new in a
    term (`ProgrammeAssignment`). Completing all of it earns the programme's certificate."""

    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(_("summary"), blank=True)
    courses = models.ManyToManyField(
        CoursePage, related_name="programmes", verbose_name=_("required courses")
    )
    study_hours = models.DecimalField(
        _("group study (credit hours)"),
        max_digits=4,
        decimal_places=1,
        default=0,
        help_text=_(
            "Credit hours of group study at a liaison station to attend between the term's start "
            "and the due date; 0 for none."
        ),
    )
    final_test = models.ForeignKey(
        "quizzes.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("final test"),
    )
    due_days = models.PositiveSmallIntegerField(
        _("days to complete"),
        default=180,
        help_text=_("Counted from the first day of the term (or of the assignment, if later)."),
    )
    for_county_deputies = models.BooleanField(_("for county deputies"), default=True)
    for_township_deputies = models.BooleanField(_("for township deputies"), default=True)
    assign_to_new_deputies = models.BooleanField(
        _("assign to every new deputy"),
        default=True,
        help_text=_("Assigned automatically to each deputy new in a term when the term opens."),
    )
    refresher = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refresher for re-elected deputies"),
        help_text=_("A shorter programme staff may give a re-elected deputy instead."),
    )
    certificate_title = models.CharField(
        _("certificate title"),
        max_length=120,
        blank=True,
        help_text=_("As printed on the certificate, for example 初任培训结业证书."),
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate template"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["title"]

    def __str__(self):
        return self.title


class ProgrammeAssignmentQuerySet(models.QuerySet):
    def to_do(self):
        """Assignments with work in them: required or a refresher, not exempted."""
        return self.exclude(kind=ProgrammeAssignment.Kind.EXEMPTED)

    def open(self):
        """To do and not complete yet."""
        return self.to_do().filter(completed_at__isnull=True)

    def overdue(self, on=None):
        return self.open().filter(due_date__lt=on or timezone.localdate())


class ProgrammeAssignment(models.Model):
    """One deputy's place in a programme for one term: required, a refresher, or exempted.

    A refresher is the deputy's place in this programme too (one row a term, whatever the
    kind, so the programme's register counts everyone); what they do is the programme's
    `refresher` (`work`)."""

    class Kind(models.TextChoices):
        REQUIRED = "required", pgettext_lazy("programme kind", "Required")
        REFRESHER = "refresher", pgettext_lazy("programme kind", "Refresher")
        EXEMPTED = "exempted", pgettext_lazy("programme kind", "Exempted")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("programme")
    )
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="programme_assignments"
    )
    term = models.ForeignKey(
        "deputies.Term", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assigned_at = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = ProgrammeAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme assignment")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "deputy", "term"], name="programme_once_a_term"
            ),
            # A deputy given the programme outside any recorded term has it once too (NULLs
            # are distinct to the constraint above).
            models.UniqueConstraint(
                fields=["programme", "deputy"],
                condition=Q(term__isnull=True),
                name="programme_once_without_term",
            ),
        ]
        indexes = [models.Index(fields=["programme", "kind", "completed_at"])]

    def __str__(self):
        return f"{self.deputy} · {self.programme}"

    @property
    def work(self) -> "Programme":
        """What the deputy does: the programme, or its refresher for a refresher (a refresher
        whose programme no longer names one is held to the programme itself)."""
        if self.kind == self.Kind.REFRESHER and self.programme.refresher_id:
            return self.programme.refresher
        return self.programme

    @property
    def is_exempted(self) -> bool:
        return self.kind == self.Kind.EXEMPTED

    def is_overdue(self, on=None) -> bool:
        return (
            self.kind != self.Kind.EXEMPTED
            and self.completed_at is None
            and self.due_date is not None
            and self.due_date < (on or timezone.localdate())
        )


def quiz_set_by_programme() -> Q:
    """Whether a quiz (`OuterRef("pk")`) is a training programme's final test: deputies given
    the programme open it from their programme's page."""
    from django.db.models import Exists, OuterRef

    return Q(Exists(Programme.objects.filter(final_test=OuterRef("pk"))))
