"""Courses and lessons: Wagtail pages written by editors.

A course holds lessons; a lesson is a StreamField of text, quoted law articles, callouts,
video, audio and downloads. Enrolment, progress and credit hours build on these pages. The
quizzes a lesson places are derived from its body (`LessonQuiz`)."""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from common.pages import ViewRestrictionsKnown
from deputies.selectors import deputy_of
from materials.models import Article, ArticleNote, LawVersion

from ..blocks import LessonBodyBlock
from ..lessonbody import blocks_of, body_parts
from .basis import add_missing_bases, course_bases


class CourseIndexPage(ViewRestrictionsKnown, Page):
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


class CoursePage(ViewRestrictionsKnown, Page):
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
        from ..selectors import course_exercises, course_reading, pages_to_keep

        context = super().get_context(request, *args, **kwargs)
        lessons = list(self.lessons())
        minutes = sum(lesson.estimated_minutes for lesson in lessons)
        deputy = deputy_of(request.user)
        enrolment = self.enrolments.filter(deputy=deputy).first() if deputy else None
        exercises = course_exercises(lessons, deputy=deputy)
        context.update(
            lessons=lessons,
            # Each lesson's `state` for the deputy, and where "continue" leads.
            reading=course_reading(deputy, lessons),
            keep_pages=pages_to_keep(self, lessons, request=request) if deputy else [],
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
            bases=course_bases(lessons),  # the union of its lessons' bases: one query
        )
        return context


# Exercise scenarios are plain paragraphs separated by a blank line.
PARAGRAPH_BREAK = re.compile(r"\r?\n\s*\n")


def exercise_ids_in(body) -> list[int]:
    """The writing exercises a lesson body (a StreamValue) names, in order, from its stored
    form."""
    ids = []
    for block in body.raw_data:
        if block["type"] == "exercise" and (block["value"] or {}).get("exercise"):
            ids.append(int(block["value"]["exercise"]))
    return ids


class LessonPage(ViewRestrictionsKnown, Page):
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), help_text=_("How long a careful reading takes.")
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    # The lesson's words as plain text, kept for search: derived from the body on save.
    search_text = models.TextField(editable=False, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
        InlinePanel("bases", heading=_("Based on"), label=_("Law version followed")),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def save(self, *args, **kwargs):
        self.search_text = self.plain_text()
        update_fields = kwargs.get("update_fields")
        # The laws quoted get the text in force as their basis, unless a row names them.
        if update_fields is not None and "body" in update_fields and add_missing_bases(self):
            kwargs["update_fields"] = [*update_fields, "bases"]
        elif update_fields is None:
            add_missing_bases(self)
        result = super().save(*args, **kwargs)
        if update_fields is None or "body" in update_fields:
            self.place_quizzes()
        return result

    def save_revision(self, *args, **kwargs):
        add_missing_bases(self)  # a draft's bases are kept in its revision until published
        return super().save_revision(*args, **kwargs)

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

    # The ids `exercise_ids` finds, when they were read with the lesson instead of its body
    # (courses.selectors.lessons_of keeps lessons without their bodies).
    exercises_named: list[int] | None = None

    def exercise_ids(self) -> list[int]:
        """The writing exercises the lesson's blocks name, in order. Read from the stored
        body, so it costs no query (the blocks' values would fetch the exercises)."""
        if self.exercises_named is not None:
            return list(self.exercises_named)
        return exercise_ids_in(self.body)

    def show_exercises(self, deputy) -> None:
        """Attach to each writing-exercise block what the lesson shows of it: `opening` (the
        scenario's first paragraph), `for_deputy` (a deputy is reading) and `draft` (theirs,
        or None). Wagtail fetches the blocks' exercises in one query; their drafts take one
        more, however many exercise blocks the lesson has."""
        from ..selectors import drafts_by_exercise

        values = [b.value for b in blocks_of(self, "exercise") if b.value["exercise"]]
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
        quotes = [b.value for b in blocks_of(self, "law_article") if b.value["law"]]
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
        request.is_preview = False  # as Page.serve says
        # A page fetched by offline.js to keep it for offline reading is not opened: keeping a
        # whole course must not start (or restart the clock of) each of its lessons.
        return self._respond(request, opening=request.headers.get("X-Offline-Keep") != "1")

    def serve_preview(self, request, mode_name):
        request.is_preview = True  # as Wagtail's preview says
        return self._respond(request, opening=False)

    def _respond(self, request, *, opening: bool):
        from ..lessonpage import respond
        from ..services import start_reading

        deputy = deputy_of(request.user)
        progress = None
        if deputy is not None and opening and not request.is_preview:
            # The row as the clock left it: the page shows it without reading it again.
            progress = start_reading(deputy=deputy, lesson=self)
        elif deputy is not None:
            progress = self.progress.filter(deputy=deputy).first()
        # The page as everyone sees it, kept whole, with the reader's parts filled in.
        return respond(self, request, deputy=deputy, progress=progress)

    def get_context(self, request, *args, **kwargs):
        """What the page shows alike to everyone it is kept for (courses.lessonpage, which
        puts slots where each reader's own parts go)."""
        from ..lessonframe import frame_of

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        frame = frame_of(self, request, preview=preview)
        context.update(
            reading=deputy_of(request.user) is not None,
            body_parts=body_parts(self, preview=preview),
            # A draft seen in preview is not among the live lessons: no position, no neighbours.
            frame=frame,
            bases=frame.bases,
            previous=frame.previous,
            next=frame.next,
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
