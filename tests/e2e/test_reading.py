"""A deputy reads a lesson in a real browser and sees the progress bar move to complete, the
reading time still needed as the server counts it, updated without a reload, and the course
page marking each lesson read, in progress or not started."""

import pytest

from courses.models import Enrolment, LessonPage, LessonProgress
from deputies.demo import DEMO_PASSWORD

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(
    ("size", "language"), [("phone", "en"), ("desktop", "zh-hans")], ids=["phone", "desktop"]
)
def test_reading_a_lesson_moves_the_progress_bar(
    demo, new_page, screenshot, settings, size, language
):
    settings.LESSON_READING_SHARE = 0.01  # a 12-minute lesson counts as read after 8 s
    lesson = LessonPage.objects.get(slug="bihui-qijian")

    page = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(page, "13900000002", DEMO_PASSWORD)
    page.goto(lesson.url)
    assert page.locator("[data-reading-bar]").get_attribute("value") == "0"

    page.locator("#lesson-end").scroll_into_view_if_needed()
    page.wait_for_selector(".reading-status--complete", timeout=40000)

    assert page.locator("[data-reading-bar]").evaluate("bar => bar.value") == 100
    progress = LessonProgress.objects.get(deputy__user__mobile="13900000002", lesson=lesson)
    assert progress.reached_end and progress.completed_at is not None
    assert 8 <= progress.seconds <= 40
    screenshot(page, f"lesson-read-{size}-{language}")
    # One lesson of four: the course is not complete, and no credit hours yet.
    enrolment = Enrolment.objects.get(deputy=progress.deputy, course=lesson.get_parent())
    assert enrolment.completed_at is None and enrolment.credit_hours is None


# What the reader sees, in both languages: before, after one report, and once counted.
WORDS = {
    "zh-hans": {
        "start": "还需阅读约3分钟",
        "under_a_minute": "还需阅读不到1分钟",
        "uncounted": "本课还未计入学时：",
        "note": "本课还未计入学时：还需阅读不到1分钟",
        "done": "本课已学完",
        "read": "已学完",
        "in_progress": "学习中",
        "not_started": "未开始",
        "continue": "继续学习：",
    },
    "en": {
        "start": "About 3 more minutes of reading",
        "under_a_minute": "Less than a minute more of reading",
        "uncounted": "This lesson is not counted yet: ",
        "note": "This lesson is not counted yet: less than a minute more of reading",
        "done": "Lesson completed",
        "read": "Read",
        "in_progress": "In progress",
        "not_started": "Not started",
        "continue": "Continue: ",
    },
}


def text_is(page, selector, text, timeout=30000):
    page.wait_for_function(
        "([selector, text]) => document.querySelector(selector).textContent.trim() === text",
        arg=[selector, text],
        timeout=timeout,
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_time_left_shows_and_updates_until_the_lesson_counts(
    demo, new_page, screenshot, settings, language
):
    settings.LESSON_READING_SHARE = 0.2  # the 12-minute lesson needs 144 s on screen
    lesson = LessonPage.objects.get(slug="bihui-qijian")
    words = WORDS[language]
    page = new_page(PHONE, language)
    sign_in(page, "13900000001", DEMO_PASSWORD)
    page.goto(lesson.url)

    status = page.locator("[data-reading-text]")
    note = page.locator("[data-reading-note-text]")
    assert status.inner_text() == words["start"]
    assert note.inner_text().startswith(words["uncounted"] + words["start"].lower()[:5])
    assert_fits(page)
    screenshot(page, f"lesson-time-left-phone-{language}")
    page.evaluate("window.notReloaded = true")

    # As if the deputy had read most of it before: the next report's answer leaves less than
    # a minute, and the page says so without a reload.
    progress = LessonProgress.objects.get(deputy__user__mobile="13900000001", lesson=lesson)
    LessonProgress.objects.filter(pk=progress.pk).update(seconds=144 - 20)
    text_is(page, "[data-reading-text]", words["under_a_minute"])
    assert note.inner_text().startswith(words["note"])
    assert note.is_visible() and page.evaluate("window.notReloaded === true")

    # Reaching the end, and the time on screen: it counts, and the page says so clearly.
    page.locator("#lesson-end").scroll_into_view_if_needed()
    page.wait_for_selector(".reading-status--complete", timeout=40000)
    assert status.inner_text() == words["done"]
    assert page.locator(".reading-status__icon--done").is_visible()  # not colour alone
    assert not note.is_visible() and not page.locator("[data-reading-bar]").is_visible()
    # Screen readers hear it once, politely (role=status), not every report.
    assert page.locator("[data-reading-announce]").inner_text() == words["done"]
    assert page.evaluate("window.notReloaded === true")
    assert LessonProgress.objects.get(pk=progress.pk).completed_at is not None
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"lesson-completed-phone-{language}")

    # Opened again, the server says it first.
    page.reload()
    assert status.inner_text() == words["done"] and not note.is_visible()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_course_page_marks_each_lesson_and_continues(demo, new_page, screenshot, language):
    # The demo's reader: the first lesson read, the second started.
    second = LessonPage.objects.get(slug="quanli-he-yiwu")
    course = second.get_parent()
    words = WORDS[language]
    page = new_page(PHONE, language)
    sign_in(page, "13900000001", DEMO_PASSWORD)
    page.goto(course.url)

    states = page.locator(".lesson-list .lesson-state").all_inner_texts()
    assert states[:3] == [words["read"], words["in_progress"], words["not_started"]]
    assert page.locator(".lesson-list .lesson-state__icon").count() == len(states)
    button = page.locator(".course-continue")
    assert button.inner_text().startswith(words["continue"])
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert_fits(page)
    screenshot(page, f"course-states-phone-{language}")
    with page.expect_navigation():
        button.click()
    assert page.locator("h1").inner_text() == second.title
