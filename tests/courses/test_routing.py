"""Pages found by their path in one query (courses.routing) are the pages Wagtail's walk finds,
and the lesson body kept in the cache (courses.lessonbody) is the same for every reader,
renewed when the body changes, while each reader's own parts are never kept."""

from unittest import mock
from urllib.parse import unquote

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page, Site, get_page_models

from courses import lessonbody, routing
from courses.factories import CoursePageFactory, LessonPageFactory
from courses.models import LessonPage, LessonProgress
from deputies.factories import DeputyFactory
from materials.lawtext import parse_law
from materials.services import import_law
from proposals.factories import ExerciseFactory
from proposals.services import start_draft

from ..materials.texts import AMENDED, SAMPLE


def text_block(text):
    return {"type": "text", "value": f"<p>{text}</p>"}


def walked(path):
    """The route Wagtail's own walk finds, from the site's root down."""
    request = RequestFactory().get(path)
    root = Site.find_for_request(request).root_page.specific
    return root.route(request, [c for c in path.split("/") if c])


def same_view(route):
    """A route's view and arguments; a routable page's view is a method of its own instance."""
    args = [getattr(arg, "__func__", arg) for arg in route.args]
    return args, route.kwargs


def found(path):
    return routing.route_by_path(RequestFactory().get(path), path)


def test_no_page_type_that_routes_its_own_paths_has_children():
    # Else the walk could stop at such a page before its child, and routing by path would not.
    for model in get_page_models():
        if model.route is not Page.route:
            assert model.allowed_subpage_models() == [], model


def test_a_path_finds_the_page_the_walk_finds(course_index, course):
    lesson = LessonPageFactory(parent=course, slug="one", body=[text_block("甲")])
    law = import_law(parsed=parse_law(SAMPLE)).version.law
    for page in (course_index, course, lesson, law):
        path = unquote(page.url)  # as Django hands it to the view: a law's slug is Chinese
        walk = walked(path)
        for route in (found(path), found(path)):  # read, then kept
            assert type(route.page) is type(walk.page)
            assert route.page.pk == walk.page.pk == page.pk
            assert same_view(route) == same_view(walk)
    # The walk leaves each page its parent: the lesson's course and the course list cost nothing.
    route = found(lesson.url)
    assert route.page.get_parent().pk == course.pk
    assert route.page.get_parent().get_parent().pk == course_index.pk


def test_a_page_found_is_kept_each_reader_its_own_copy(course, django_assert_num_queries):
    lesson = LessonPageFactory(parent=course, slug="kept-page", body=[text_block("甲")])
    first = found(lesson.url)
    with django_assert_num_queries(0):
        again = found(lesson.url)
    assert type(again.page) is LessonPage and again.page.pk == lesson.pk
    assert again.page.get_parent().pk == course.pk  # the parents are kept with it
    again.page._progress = "one reader's"
    assert not hasattr(found(lesson.url).page, "_progress")
    assert first.page is not again.page


def test_a_kept_page_is_found_anew_once_the_tree_changes(client, course_index, course):
    lesson = LessonPageFactory(parent=course, slug="old-name", body=[text_block("甲")])
    old = lesson.url
    assert found(old).page.title == lesson.title
    lesson.slug, lesson.title = "new-name", "改过的标题"
    lesson.save_revision().publish()
    assert found(old) is None and client.get(old).status_code == 404
    assert found(f"{course.url}new-name/").page.title == "改过的标题"

    other = CoursePageFactory(parent=course_index, slug="other-course")
    lesson.refresh_from_db()
    lesson.move(other, pos="last-child")
    assert found(f"{course.url}new-name/") is None
    assert found(f"{other.url}new-name/").page.get_parent().pk == other.pk

    lesson.refresh_from_db()
    lesson.unpublish()
    with pytest.raises(Http404):
        found(f"{other.url}new-name/")


def test_a_path_that_names_no_page_is_not_kept(course):
    with mock.patch.object(routing, "_page_at", wraps=routing._page_at) as reading:
        assert found("/courses/no-such-course/") is None
        assert found("/courses/no-such-course/") is None
        assert reading.call_count == 2
        found(course.url)
        found(course.url)
        assert reading.call_count == 3


def test_what_names_no_page_goes_the_old_way(client, course):
    law = import_law(parsed=parse_law(SAMPLE)).version.law
    import_law(parsed=parse_law(AMENDED))
    assert found(unquote(f"{law.url}articles/1/")) is None  # the law page's own sub-path
    assert client.get(f"{law.url}articles/1/").status_code == 200
    assert found("/courses/no-such-course/") is None
    assert client.get("/courses/no-such-course/").status_code == 404
    assert client.get("/_util/login/").status_code == 200  # Wagtail's own views still answer


def test_a_page_not_live_is_not_served(client, course):
    lesson = LessonPageFactory(parent=course, slug="draft", body=[text_block("草稿")])
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_the_body_is_rendered_once_and_again_when_it_changes(client, course):
    lesson = LessonPageFactory(parent=course, slug="kept", body=[text_block("第一稿")])
    assert "第一稿" in client.get(lesson.url).content.decode()
    with mock.patch.object(lessonbody, "_render", wraps=lessonbody._render) as rendering:
        assert "第一稿" in client.get(lesson.url).content.decode()
    assert rendering.call_count == 0  # kept

    lesson.body = [text_block("第二稿")]
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "第二稿" in html and "第一稿" not in html


def test_a_readers_own_parts_are_never_kept(client, deputy, course):
    exercise = ExerciseFactory(title="村道", scenario="村民反映村道坏了。")
    lesson = LessonPageFactory(
        parent=course,
        slug="own",
        estimated_minutes=10,
        body=[text_block("课文"), {"type": "exercise", "value": {"exercise": exercise.pk}}],
    )
    start_draft(deputy=deputy, exercise=exercise)
    client.force_login(deputy.user)
    client.get(lesson.url)
    LessonProgress.objects.filter(deputy=deputy).update(completed_at=timezone.now())
    mine = client.get(lesson.url, headers={"accept-language": "en"}).content.decode()
    assert "Lesson completed" in mine and "Continue writing" in mine

    other = DeputyFactory(station=deputy.station)
    client.force_login(other.user)
    theirs = client.get(lesson.url, headers={"accept-language": "en"}).content.decode()
    assert "课文" in theirs
    assert "Lesson completed" not in theirs and "About 6 more minutes of reading" in theirs
    assert "Continue writing" not in theirs and "Not started" in theirs


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_kept_body_follows_the_language(client, course, language):
    callout = {"type": "callout", "value": {"kind": "tip", "text": "<p>说明</p>"}}
    lesson = LessonPageFactory(parent=course, slug="tip", body=[callout])
    client.get(lesson.url, headers={"accept-language": "zh-hans" if language == "en" else "en"})
    html = client.get(lesson.url, headers={"accept-language": language}).content.decode()
    assert ("Tip" if language == "en" else "提示") in html


def test_with_a_root_per_language_wagtail_routes(settings, course):
    settings.WAGTAIL_I18N_ENABLED = True
    assert found(course.url) is None
