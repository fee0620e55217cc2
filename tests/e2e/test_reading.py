"""A deputy reads a lesson in a real browser and sees the progress bar move to complete."""

import pytest

from courses.models import Enrolment, LessonPage, LessonProgress
from deputies.demo import DEMO_PASSWORD

from .browser import DESKTOP, PHONE, sign_in

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
