"""A lesson's frame (its course, its place among the lessons, the lessons either side, the laws
it follows) is kept in the cache, and never shown stale: each change it is read from makes a new
key (courses.lessonframe)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common import generations
from courses import lessonframe
from courses.factories import CoursePageFactory, LessonPageFactory, article_block
from courses.models import CoursePage, LessonPage
from materials.lawtext import parse_law
from materials.models import LawVersion
from materials.services import import_law

from ..materials.texts import AMENDED, SAMPLE

CHECKING = "this lesson is being checked against the new text"


@pytest.fixture
def law(db):
    return import_law(parsed=parse_law(SAMPLE)).version.law


@pytest.fixture
def first(course, law):
    return LessonPageFactory(parent=course, slug="first", body=[article_block(law, 1)])


def read(client, lesson) -> str:
    response = client.get(lesson.url, headers={"accept-language": "en"})
    assert response.status_code == 200
    return response.content.decode()


def frame_queries(client, lesson) -> int:
    """The queries a view makes for the frame: the course, its lessons, the bases."""
    with CaptureQueriesContext(connection) as captured:
        read(client, lesson)
    return sum(
        "courses_lessonbasis" in q["sql"] or '"courses_coursepage"' in q["sql"] for q in captured
    )


def test_the_frame_is_read_once_then_kept(client, first):
    assert frame_queries(client, first) > 0
    assert frame_queries(client, first) == 0


def test_a_lesson_published_later_is_next_at_once(client, course, first):
    html = read(client, first)
    assert "Lesson 1 of 1" in html and "Back to the course" in html

    second = LessonPageFactory(parent=course, slug="second", title="第二课")

    html = read(client, first)
    assert "Lesson 1 of 2" in html
    assert f'href="{second.url}">第二课 →' in html


def test_an_unpublished_lesson_leaves_the_pager(client, course, first):
    second = LessonPageFactory(parent=course, slug="second", title="第二课")
    assert "第二课 →" in read(client, first)

    second.unpublish()

    html = read(client, first)
    assert "第二课" not in html and "Lesson 1 of 1" in html


def test_a_renamed_course_shows_its_new_title(client, course, first):
    read(client, first)

    course = CoursePage.objects.get(pk=course.pk)
    course.title = "改名后的课程"
    course.save_revision().publish()

    assert "改名后的课程" in read(client, first)


def test_a_lesson_moved_to_another_course_shows_that_course(client, course, first):
    second = LessonPageFactory(parent=course, slug="second", title="第二课")
    other = CoursePageFactory(parent=course.get_parent(), title="另一门课", slug="another")
    assert "第二课 →" in read(client, first)

    LessonPage.objects.get(pk=second.pk).move(other, pos="last-child")

    html = read(client, first)
    assert "第二课" not in html and "Lesson 1 of 1" in html
    assert "另一门课" in read(client, LessonPage.objects.get(pk=second.pk))


def test_a_new_version_of_a_law_tells_the_reader_at_once(client, first):
    assert CHECKING not in read(client, first)

    version = import_law(parsed=parse_law(AMENDED)).version

    assert CHECKING in read(client, first)
    version.delete()
    assert CHECKING not in read(client, first)


def test_a_version_coming_into_force_is_told_on_its_day_without_a_write(client, first, monkeypatch):
    version = import_law(parsed=parse_law(AMENDED)).version
    tomorrow = timezone.localdate() + timedelta(days=1)
    LawVersion.objects.filter(pk=version.pk).update(effective_date=tomorrow)  # no signal
    cache.delete_many([generations.PAGES, lessonframe.LAWS])
    assert CHECKING not in read(client, first)

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    assert CHECKING in read(client, first)


def test_a_generation_is_renewed_again_when_the_transaction_commits(
    first, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first.title = "新标题"
        first.save()
        renewed = cache.get(generations.PAGES)
    assert callbacks and cache.get(generations.PAGES) != renewed


def test_a_preview_is_never_kept(rf, course, first, monkeypatch):
    draft = LessonPageFactory(parent=course, slug="draft", title="草稿")
    LessonPage.objects.filter(pk=draft.pk).update(live=False)
    draft = LessonPage.objects.get(pk=draft.pk)
    request = rf.get("/")
    reads = []
    real_read = lessonframe._read
    monkeypatch.setattr(lessonframe, "_read", lambda *args: reads.append(1) or real_read(*args))

    frame = lessonframe.frame_of(draft, request, preview=True)
    assert frame.position is None and frame.next is None and frame.total == 1
    lessonframe.frame_of(draft, request)

    assert len(reads) == 2  # the preview's frame was not there for the next reader
