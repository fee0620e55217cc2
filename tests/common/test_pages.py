"""Wagtail's site and view restrictions, kept in the cache (common.pages), hold as Wagtail's
own: a restriction added after the pages were read is enforced at once, one taken away is
lifted, and a site changed is the site found."""

from django.test import RequestFactory
from wagtail.models import PageViewRestriction, Site

from common.pages import site_for
from courses.factories import LessonPageFactory


def test_a_restriction_added_after_a_view_is_enforced_at_once(client, course):
    lesson = LessonPageFactory(parent=course, slug="restricted")
    assert client.get(lesson.url).status_code == 200  # "no restriction" is now in the cache

    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(lesson.url)
    assert response.status_code == 302 and "/login/" in response["Location"]

    restriction.delete()
    assert client.get(lesson.url).status_code == 200


def test_a_password_on_the_course_asks_for_it_on_its_lessons(client, course):
    lesson = LessonPageFactory(parent=course, slug="secret")
    client.get(lesson.url)

    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="county-2026"
    )

    html = client.get(lesson.url).content.decode()
    assert 'name="password"' in html


def test_the_site_found_is_wagtails_and_follows_a_change(db, course):
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/", HTTP_HOST="training.example.cn")
    assert site_for(request) == Site._find_for_request(request) == site

    other = Site.objects.create(
        hostname="training.example.cn", port=80, root_page=course, is_default_site=False
    )

    assert site_for(RequestFactory().get("/", HTTP_HOST="training.example.cn")) == other
    assert site_for(RequestFactory().get("/", HTTP_HOST="127.0.0.1")) == site
