"""The lesson page kept whole (courses.lessonpage): a page served from the cache is the page
rendered afresh for that reader, whoever read it before; nothing of one reader reaches another;
what the page shows changes as soon as what it is read from does."""

import re
import warnings
from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.core.cache.backends.base import CacheKeyWarning
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from common import release
from courses import lessonpage
from courses.factories import LessonPageFactory
from courses.models import LessonProgress
from courses.reading import ReadingStatus
from courses.services import required_seconds
from deputies.factories import DeputyFactory
from materials.lawtext import parse_law
from materials.services import import_law
from notifications.factories import NotificationFactory
from proposals.factories import ExerciseFactory
from proposals.models import Draft
from proposals.services import start_draft
from quizzes.factories import QuizFactory

from ..materials.texts import SAMPLE

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def lesson(course, db):
    """A lesson with every kind of part: blocks kept with the page (text, a callout), blocks
    filled in on each view (a law article, a quiz, a writing exercise), and a neighbour."""
    law = import_law(parsed=parse_law(SAMPLE)).version.law
    exercise = ExerciseFactory(title="村道修缮建议")
    quiz = QuizFactory(title="村务小测")
    lesson = LessonPageFactory(
        parent=course,
        slug="kept",
        title="村务公开",
        estimated_minutes=10,
        body=[
            {"type": "text", "value": "<p>村务公开是村民监督的基础。</p>"},
            {"type": "callout", "value": {"kind": "tip", "text": "<p>公开要及时。</p>"}},
            {"type": "law_article", "value": {"law": law.pk, "article": 1, "note": ""}},
            {"type": "quiz", "value": {"quiz": quiz.pk, "intro": ""}},
            {"type": "exercise", "value": {"exercise": exercise.pk, "intro": ""}},
        ],
    )
    LessonPageFactory(parent=course, slug="next", title="下一课")
    lesson.exercise = exercise
    return lesson


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    # Each response masks the token anew (as Django does): the same secret, other letters.
    return CSRF.sub('name="csrfmiddlewaretoken" value="…"', response.text)


def status_of(html) -> str:
    return re.search(r"<span data-reading-text>([^<]*)</span>", html)[1]


def client_of(user, *, language="zh-hans", large_font=False) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies["django_language"] = language
    if large_font:
        client.cookies["large_font"] = "1"
    return client


def leave_message(client, text):
    """A message waiting in the reader's session, as a view leaves one before a redirect."""
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    storage = SessionStorage(request)
    storage.add(messages.SUCCESS, text)
    storage.update(HttpResponse())
    session.save()


def counting_renders(monkeypatch) -> list:
    rendered = []
    render = lessonpage._render

    def counted(lesson, request):
        rendered.append(lesson.pk)
        return render(lesson, request)

    monkeypatch.setattr(lessonpage, "_render", counted)
    return rendered


def test_a_deputy_gets_the_page_another_made_with_their_own_parts_filled_in(
    lesson, deputy, other_station_deputy, monkeypatch
):
    """Two deputies see the same menus, so the second is served what the first made: their
    reading status, their draft and their messages are their own, and the page is exactly
    what rendering it for them afresh gives."""
    progress = LessonProgress.objects.create(
        deputy=deputy, lesson=lesson, clock=timezone.now(), seconds=120
    )
    start_draft(deputy=other_station_deputy, exercise=lesson.exercise)
    first, second = client_of(deputy.user), client_of(other_station_deputy.user)
    rendered = counting_renders(monkeypatch)

    mine = page(first, lesson.url)
    leave_message(second, "建议已保存。")
    theirs = page(second, lesson.url)

    assert rendered == [lesson.pk]  # made once, for the first
    required = required_seconds(lesson)
    assert status_of(mine) == ReadingStatus.of(progress, required).text
    assert status_of(theirs) == ReadingStatus.of(None, required).text != status_of(mine)
    draft = reverse("proposals:draft", args=[Draft.objects.get().pk])
    assert draft in theirs and draft not in mine
    assert "建议已保存。" in theirs and "建议已保存。" not in mine
    leave_message(second, "建议已保存。")
    cache.clear()
    assert page(second, lesson.url) == theirs  # rendered afresh: the same page
    assert rendered == [lesson.pk, lesson.pk]


@pytest.mark.parametrize(
    "reader",
    [
        "visitor",
        "deputy",
        "deputy with notices",
        "station staff",
        "county officer",
        "editor",
        "english",
        "large text",
    ],
)
def test_a_page_from_the_cache_is_the_page_rendered_afresh(reader, lesson, request):
    user = {
        "visitor": None,
        "deputy": "deputy",
        "deputy with notices": "deputy",
        "station staff": "station_staff",
        "county officer": "county_officer",
        "editor": "editor",
        "english": "deputy",
        "large text": "deputy",
    }[reader]
    user = request.getfixturevalue(user) if user else None
    user = getattr(user, "user", user)  # a deputy signs in as their user
    if reader == "deputy with notices":
        NotificationFactory.create_batch(3, user=user)
    client = client_of(
        user, language="en" if reader == "english" else "zh-hans", large_font=reader == "large text"
    )

    fresh = page(client, lesson.url)
    kept = page(client, lesson.url)

    assert kept == fresh
    assert "@" not in re.sub(r"[\w.+-]+@[\w.-]+", "", kept)  # no slot left unfilled


def test_readers_whose_menus_differ_are_not_served_each_others_page(
    lesson, deputy, station_staff, editor
):
    pages = {
        who: page(client_of(user), lesson.url)
        for who, user in [("deputy", deputy.user), ("staff", station_staff), ("editor", editor)]
    }
    visitor = page(client_of(None), lesson.url)

    practice, deputies = (f'href="{reverse(name)}"' for name in ("practice:book", "deputy_list"))
    assert practice in pages["deputy"] and practice not in pages["staff"]
    assert deputies in pages["staff"] and deputies not in pages["deputy"]
    assert 'href="/admin/"' in pages["editor"] and 'href="/admin/"' not in pages["deputy"]
    assert "main-nav" not in visitor and "reading.js" not in visitor
    assert "reading.js" in pages["deputy"] and "reading.js" not in pages["staff"]
    large = page(client_of(deputy.user, large_font=True), lesson.url)
    assert 'class="large-font"' in large and 'class="large-font"' not in pages["deputy"]


def test_the_unread_count_shown_is_the_readers_own_from_one_kept_page(
    lesson, deputy, other_station_deputy, monkeypatch
):
    NotificationFactory.create_batch(2, user=deputy.user)
    rendered = counting_renders(monkeypatch)

    mine = page(client_of(deputy.user), lesson.url)
    theirs = page(client_of(other_station_deputy.user), lesson.url)

    assert rendered == [lesson.pk]  # counts are filled in: one page kept for every count
    assert '<span class="nav-badge" aria-hidden="true">2</span>' in mine
    assert '<span class="tab-bar__badge" aria-hidden="true">2</span>' in mine
    assert "nav-badge" not in theirs and "tab-bar__badge" not in theirs
    NotificationFactory(user=other_station_deputy.user)
    assert '<span class="nav-badge" aria-hidden="true">1</span>' in page(
        client_of(other_station_deputy.user), lesson.url
    )


def test_the_forms_of_a_kept_page_carry_a_token_the_site_accepts(lesson, deputy):
    client = Client(enforce_csrf_checks=True)
    client.force_login(deputy.user)
    client.get(lesson.url)  # made and kept
    tokens = CSRF.findall(client.get(lesson.url).text)

    assert tokens and len(set(tokens)) == 1
    signed_out = client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[0]})
    assert signed_out.status_code == 302


def test_publishing_a_change_renders_the_page_anew(lesson, deputy, monkeypatch):
    client = client_of(deputy.user)
    page(client, lesson.url)
    rendered = counting_renders(monkeypatch)

    lesson.title = "村务公开的办法"
    lesson.save_revision().publish()

    assert "村务公开的办法" in page(client, lesson.url)
    assert len(rendered) == 1


def test_a_new_release_renders_the_page_anew(lesson, deputy, monkeypatch):
    client = client_of(deputy.user)
    page(client, lesson.url)
    rendered = counting_renders(monkeypatch)
    page(client, lesson.url)
    assert rendered == []

    monkeypatch.setattr(release, "digest", lambda: "another-release")
    page(client, lesson.url)
    assert rendered == [lesson.pk]


def test_the_next_day_renders_the_page_anew(lesson, deputy, monkeypatch):
    """A law version may come into force overnight: the quotes and the note on the bases change
    without a write."""
    client = client_of(deputy.user)
    page(client, lesson.url)
    rendered = counting_renders(monkeypatch)
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)

    page(client, lesson.url)

    assert rendered == [lesson.pk]


def test_previews_and_addresses_with_a_query_are_never_kept(lesson, deputy, monkeypatch):
    client = client_of(deputy.user)
    rendered = counting_renders(monkeypatch)

    lesson.make_preview_request()
    lesson.make_preview_request()
    page(client, f"{lesson.url}?from=search")
    html = page(client, f"{lesson.url}?from=search")
    page(client, f"{lesson.url}?&")  # no parameter, yet the address the page sends back to

    assert len(rendered) == 5
    assert f'name="next" value="{lesson.url}?from=search"' in html


def test_deputies_of_another_county_are_served_the_page_they_see_alike(lesson, deputy, monkeypatch):
    """Nothing on a lesson page depends on the reader's county: the one kept serves both."""
    other = DeputyFactory()
    rendered = counting_renders(monkeypatch)

    page(client_of(deputy.user), lesson.url)
    page(client_of(other.user), lesson.url)

    assert rendered == [lesson.pk]


def test_a_lesson_with_a_long_chinese_address_is_kept_under_a_short_key(course, deputy):
    lesson = LessonPageFactory(parent=course, slug="代表" * 120, title="长地址的一课")
    client = client_of(deputy.user)

    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)  # as memcached would refuse it
        assert page(client, lesson.url) == page(client, lesson.url)
