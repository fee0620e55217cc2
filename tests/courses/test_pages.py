from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.blocks import StreamBlockValidationError

from common import generations
from courses import lessonframe
from courses.demo import seed_courses
from courses.factories import LessonPageFactory
from courses.models import LessonPage
from materials.demo import seed_study_notes
from materials.lawtext import parse_law
from materials.services import import_law

from ..materials.texts import AMENDED, SAMPLE


@pytest.fixture
def law(db):
    import_law(parsed=parse_law(SAMPLE))
    return import_law(parsed=parse_law(AMENDED)).version.law


def article_block(law, number, note=""):
    return {"type": "law_article", "value": {"law": law.pk, "article": number, "note": note}}


def test_lesson_quotes_the_article_in_force(client, course, law):
    lesson = LessonPageFactory(parent=course, slug="one", body=[article_block(law, 1, "目的条款")])

    html = client.get(lesson.url).content.decode()

    assert "保障村民参与" in html  # the 2025 wording, not the 2024 one
    assert f'href="{law.url}articles/1/"' in html
    assert "目的条款" in html


def test_a_quote_of_an_article_no_longer_in_force_says_so(client, course, law):
    lesson = LessonPageFactory(parent=course, slug="gone", body=[article_block(law, 9)])
    html = client.get(lesson.url, headers={"accept-language": "en"}).content.decode()
    assert "is not in the version in force" in html


def test_the_block_refuses_an_article_the_law_does_not_have(law):
    block = LessonPage.body.field.stream_block
    value = block.to_python([article_block(law, 99)])
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)


def test_lesson_page_queries_do_not_grow_with_quotes(client, course, law):
    few = LessonPageFactory(parent=course, slug="few", body=[article_block(law, 1)])
    many = LessonPageFactory(
        parent=course, slug="many", body=[article_block(law, n) for n in range(1, 7)]
    )

    def queries(page):
        client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    assert queries(few) == queries(many)


def test_lesson_page_query_count_is_pinned(client, course, law, deputy, django_assert_num_queries):
    lesson = LessonPageFactory(parent=course, slug="pinned", body=[article_block(law, 1)])
    client.get(lesson.url)
    # The lesson's own row and the quotes (two), and nothing else: the page's place found by
    # its path (courses.routing), the page as rendered for everyone alike
    # (courses.lessonpage), the site and whether any page has a view restriction
    # (common.pages) are in the cache.
    with django_assert_num_queries(3):
        assert client.get(lesson.url).status_code == 200
    # Read when the cache has them not: the page and its ancestors by its path and its own row;
    # the course, its lessons, one query for the bases; the site, whether any page has a view
    # restriction.
    cache.delete_many([generations.PAGES, lessonframe.LAWS])  # as when any page is published
    with django_assert_num_queries(10):
        assert client.get(lesson.url).status_code == 200
    client.force_login(deputy.user)
    client.get(lesson.url)
    # A deputy's page adds the session and user, the deputy, the reading clock (its row moved
    # and read back in one statement), and what the menus show (roles, unread notices).
    with django_assert_num_queries(9):
        assert client.get(lesson.url).status_code == 200


def test_course_page_lists_lessons_and_counts_credit_hours(client, course):
    LessonPageFactory(
        parent=course, slug="a", body=[{"type": "text", "value": "<p>甲</p>"}], estimated_minutes=30
    )
    LessonPageFactory(
        parent=course, slug="b", body=[{"type": "text", "value": "<p>乙</p>"}], estimated_minutes=60
    )

    response = client.get(course.url, headers={"accept-language": "en"})

    assert response.context["minutes"] == 90
    assert response.context["hours"] == Decimal("2.0")
    html = response.content.decode()
    assert "2 lessons, about 90 minutes" in html
    course.credit_hours = Decimal("3.0")
    assert course.hours_for(90) == Decimal("3.0")


def test_lesson_navigation(client, course):
    first = LessonPageFactory(
        parent=course, slug="a", body=[{"type": "text", "value": "<p>甲</p>"}]
    )
    second = LessonPageFactory(
        parent=course, slug="b", body=[{"type": "text", "value": "<p>乙</p>"}]
    )

    response = client.get(first.url, headers={"accept-language": "en"})

    assert "Lesson 1 of 2" in response.content.decode()
    assert response.context["next"].pk == second.pk
    assert response.context["previous"] is None


def test_search_finds_lessons_after_articles(client, course, law):
    LessonPageFactory(
        parent=course,
        slug="gongkai",
        body=[
            {"type": "text", "value": "<p>村务公开是村民监督的基础。</p>"},
            {"type": "callout", "value": {"kind": "tip", "text": "<p>公开要及时。</p>"}},
        ],
    )

    response = client.get("/search/", {"q": "村务公开"}, headers={"accept-language": "en"})
    html = response.content.decode()

    assert "2 results for “村务公开”" in html
    assert "1 article</span>" in html and "1 lesson</span>" in html
    assert html.index("Law articles") < html.index("Lessons")
    assert "<mark>村务公开</mark>是村民监督的基础" in html


def test_demo_courses_are_idempotent_and_quote_the_laws(db, shared_laws):
    call_command("import_law", str(shared_laws / "daibiaofa-2025-03-11.md"), stdout=None)
    seed_study_notes()

    courses = seed_courses()
    assert [c.pk for c in seed_courses()] == [c.pk for c in courses]
    law_course, election, supervision, writing, township = courses

    def quoted(course):
        return [(b.value["law"].slug, b.value["article"]) for lesson in course.lessons()
                for b in lesson.body if b.block_type == "law_article"]  # fmt: skip

    assert [c.required for c in courses] == [True, True, False, False, False]
    assert [c.lessons().count() for c in courses] == [5, 5, 4, 4, 5]
    amendment = [5, 7, 11, 28, 44, 51, 52, 47, 45, 8, 58, 59, 15, 24, 36, 37]
    assert [n for _law, n in quoted(law_course)] == [2, 10, 7, 8, 15, 24, 26, 37, 38, *amendment]
    assert [n for _law, n in quoted(writing)] == [15, 24, 36, 15, 51, 52]
    assert {law for law, _n in quoted(election)} == {"xuanjufa"}
    assert {law for law, _n in quoted(supervision)} == {"jiandufa", "difangzuzhifa", "daibiaofa"}
    assert election.due_date < timezone.localdate() < law_course.due_date
    assert not supervision.for_county_deputies
    assert not township.for_county_deputies
    assert {law for law, _n in quoted(township)} == {"daibiaofa", "difangzuzhifa"}


def test_demo_quotes_of_laws_without_text_show_their_study_notes(client, db):
    seed_study_notes()
    election = seed_courses()[1]
    lesson = election.lessons().first()

    html = client.get(lesson.url, headers={"accept-language": "en"}).content.decode()

    assert 'href="/laws/xuanjufa/#note-3"' in html
    assert "Study note in plain words" in html


def test_demo_course_without_the_law_keeps_its_own_words(db):
    course = seed_courses()[0]
    lesson = course.lessons().first()
    kinds = [b.block_type for b in lesson.body]
    assert "law_article" not in kinds
    assert "代表法第二条" in lesson.search_text
