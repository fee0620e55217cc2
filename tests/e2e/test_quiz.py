"""A deputy takes a timed quiz on a phone, loses the connection mid-way, comes back, finishes,
reviews the wrong answers and practises them the next day."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.factories import PlacedQuizFactory
from deputies.factories import DeputyFactory
from quizzes.factories import SingleChoiceQuestionFactory, TrueFalseQuestionFactory
from quizzes.models import Attempt, WrongAnswer

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "quiz-pass-2026"


@pytest.fixture
def deputy():
    return DeputyFactory(user__mobile="13600000011", user__name="测验代表", user__password=PASSWORD)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_timed_quiz_survives_a_lost_connection(new_page, screenshot, deputy, size):
    quiz = PlacedQuizFactory(
        questions=[
            SingleChoiceQuestionFactory(),
            TrueFalseQuestionFactory(correct=True),
            SingleChoiceQuestionFactory(
                stem="闭会期间代表活动以什么为主？",
                right="集体活动",
                wrong=("个人活动", "网上活动"),
            ),
        ],
        time_limit_minutes=10,
        pass_mark=60,
    )
    page = new_page(PHONE if size == "phone" else DESKTOP, "en")
    sign_in(page, "13600000011", PASSWORD)

    page.goto(f"/quizzes/{quiz.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start the quiz").click()
    assert page.locator("[data-clock]").inner_text().startswith(("10:00", "9:5"))
    assert_fits(page)
    screenshot(page, f"quiz-take-{size}-en")

    page.get_by_label("五年").check()
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent === 'Saved'"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Save and next →").click()

    # The connection drops: the answer is kept in the page and sent once it is back.
    page.context.set_offline(True)
    page.get_by_label("True").check()
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent.startsWith('Not saved yet')"
    )
    screenshot(page, f"quiz-offline-{size}-en")
    page.context.set_offline(False)
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent === 'Saved'", timeout=15000
    )

    page.reload()
    assert page.get_by_label("True").is_checked()  # nothing was lost
    with page.expect_navigation():
        page.get_by_role("button", name="Save and next →").click()
    page.get_by_label("个人活动").check()
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent === 'Saved'"
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit the quiz").click()
    page.wait_for_url("**/result/")

    main = page.locator("main").inner_text()
    assert "2 of 3 answers right" in main and "Passed" in main
    assert "Not right" in main and "集体活动" in main  # the wrong answer, with the right one
    assert_fits(page)
    screenshot(page, f"quiz-result-{size}-en")
    assert Attempt.objects.get().score == 2

    # The next day: the wrong answer waits in the practice.
    WrongAnswer.objects.update(
        last_wrong_at=timezone.now() - timedelta(days=1),
        due_on=timezone.localdate(),
    )
    page.goto("/practice/")
    assert "闭会期间代表活动以什么为主？" in page.locator("main").inner_text()
    page.goto("/practice/today/")
    page.get_by_label("集体活动").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert "Right" in page.locator("main").inner_text()
    assert_fits(page)
    screenshot(page, f"practice-right-{size}-en")
    assert WrongAnswer.objects.get().right_days == 1
