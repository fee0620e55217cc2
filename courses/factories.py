"""Factories shared by the tests and the demo seeding command: the course pages, enrolments and
reading.

Pages are made with wagtail-factories, each under its parent (`parent=`): a course goes under
the course list (made under the site's root page if there is none yet), a lesson under a course
(a new one unless given). A lesson's body is given as Wagtail stores it, a list of blocks; the
`*_block` functions below make each kind, so the stored shape of a block is written once.
"""

import json
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Site

from deputies.factories import DeputyFactory
from quizzes.factories import QuizFactory

from .models import CourseIndexPage, CoursePage, Enrolment, LessonPage, LessonProgress, Programme


def site_root():
    return Site.objects.get(is_default_site=True).root_page


def course_index() -> CourseIndexPage:
    """The course list (a site has one), made if there is none yet."""
    return CourseIndexPage.objects.first() or CourseIndexPageFactory()


def text_block(html: str = "<p>代表法</p>") -> dict:
    return {"type": "text", "value": html}


def quiz_block(quiz, intro: str = "") -> dict:
    return {"type": "quiz", "value": {"quiz": quiz.pk, "intro": intro}}


def exercise_block(exercise, intro: str = "") -> dict:
    return {"type": "exercise", "value": {"exercise": exercise.pk, "intro": intro}}


def article_block(law, number: int, note: str = "") -> dict:
    return {"type": "law_article", "value": {"law": law.pk, "article": number, "note": note}}


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    parent = factory.LazyFunction(site_root)
    title = "学习课程"
    slug = "courses"


class CoursePageFactory(wagtail_factories.PageFactory):
    """A live course. `lessons=N` adds N ten-minute lessons (slugs lesson-1 … lesson-N)."""

    class Meta:
        model = CoursePage

    parent = factory.LazyFunction(course_index)
    title = factory.Sequence(lambda n: f"课程{n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "入门。"

    class Params:
        # 代表法入门, 2.5 credit hours: the course the certificate tests complete.
        law = factory.Trait(
            title="代表法入门", slug="daibiaofa", credit_hours=Decimal("2.5"), lessons=2
        )

    lessons = 0

    @classmethod
    def _create(cls, model_class, *args, lessons, **kwargs):
        course = super()._create(model_class, *args, **kwargs)
        for n in range(1, lessons + 1):
            LessonPageFactory(parent=course, title=f"第{n}课", slug=f"lesson-{n}")
        return course


class LessonPageFactory(wagtail_factories.PageFactory):
    """A live lesson of ten minutes' reading; its body one paragraph unless given."""

    class Meta:
        model = LessonPage

    parent = factory.SubFactory(CoursePageFactory)
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    title = factory.LazyAttribute(lambda o: f"课 {o.slug}")
    estimated_minutes = 10
    body = factory.LazyAttribute(lambda o: [text_block(f"<p>{o.slug}</p>")])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if isinstance(kwargs.get("body"), list):
            kwargs["body"] = json.dumps(kwargs["body"])
        return super()._create(model_class, *args, **kwargs)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment written directly; `completed` also dates its completion and its hours."""

    class Meta:
        model = Enrolment

    deputy = factory.SubFactory(DeputyFactory)
    course = factory.SubFactory(CoursePageFactory)
    source = Enrolment.Source.ASSIGNED

    class Params:
        completed = factory.Trait(
            completed_at=factory.LazyFunction(timezone.now),
            credit_hours=factory.LazyAttribute(lambda o: o.course.credit_hours or Decimal("2.5")),
        )


class LessonProgressFactory(factory.django.DjangoModelFactory):
    """A lesson read to its end, as courses.services.record_reading leaves it."""

    class Meta:
        model = LessonProgress
        django_get_or_create = ("deputy", "lesson")

    deputy = factory.SubFactory(DeputyFactory)
    lesson = factory.SubFactory(LessonPageFactory)
    seconds = factory.LazyAttribute(lambda o: _required_seconds(o.lesson))
    reached_end = True
    clock = factory.LazyFunction(timezone.now)
    completed_at = factory.LazyAttribute(lambda o: o.clock)


def _required_seconds(lesson) -> int:
    from .services import required_seconds

    return required_seconds(lesson)


def read_lessons(deputy, *lessons) -> None:
    """The lessons read to their end by the deputy, as reading them would leave them (a lesson
    already begun is finished)."""
    now = timezone.now()
    for lesson in lessons:
        LessonProgress.objects.update_or_create(
            deputy=deputy,
            lesson=lesson,
            defaults={
                "seconds": _required_seconds(lesson),
                "reached_end": True,
                "clock": now,
                "completed_at": now,
            },
        )


def read_everything(deputy, course) -> None:
    """Every lesson of the course read to its end by the deputy."""
    read_lessons(deputy, *course.lessons())


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    title = "初任培训"

    @factory.post_generation
    def courses(programme, create, extracted, **kwargs):
        if extracted:
            programme.courses.set(extracted)


def place_in_lesson(quiz) -> LessonPage:
    """Put the quiz in a live lesson of a live course of its own (under the course list, made
    if there is none yet), as deputies meet quizzes; the lesson."""
    course = CoursePageFactory(title=f"测验 {quiz.pk}", slug=f"quiz-{quiz.pk}", summary="测验。")
    return LessonPageFactory(
        parent=course,
        title=quiz.title,
        slug=f"quiz-{quiz.pk}",
        estimated_minutes=5,
        body=[quiz_block(quiz)],
    )


class PlacedQuizFactory(QuizFactory):
    """quizzes.factories.QuizFactory's quiz, placed in a lesson of its own (place_in_lesson):
    one that deputies can open."""

    @factory.post_generation
    def placed(quiz, create, extracted, **kwargs):
        if create:
            place_in_lesson(quiz)
