"""The demo deputy's wrong-answer book on a phone: an entry opens to the right answer, why and
the law; after the day's practice, "Practise 5 more" asks the entries still due, and says when
none are left."""

import pytest
from django.utils import timezone

from deputies.demo import DEMO_PASSWORD
from deputies.models import Deputy
from quizzes.models import Question, WrongAnswer
from quizzes.practice.selectors import practicable_questions, practice_day
from quizzes.practice.services import record_exam_mistakes

from .browser import PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

READER = "13900000001"
WORDS = {
    "zh-hans": {"open": "看答案和解析", "right": "正确答案", "why": "解析", "more": "再练5题"},
    "en": {
        "open": "Show the answer",
        "right": "Right answer",
        "why": "Why",
        "more": "Practise 5 more",
    },
}


def answer_shown(page):
    """Give some answer to the question on screen, whatever its type, and check it."""
    text = page.locator("main form fieldset input[type=text]")
    if text.count():
        text.fill("不知道")
    else:
        page.locator("main form fieldset input").first.check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/practice/answers/*/")


def tap_size(locator):
    box = locator.bounding_box()
    return box["width"], box["height"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_book_opens_an_entry_and_practise_more_goes_on_while_entries_are_due(
    demo, new_page, screenshot, language
):
    reader = Deputy.objects.get(user__mobile=READER)
    due = WrongAnswer.objects.filter(deputy=reader, due_on__lte=timezone.localdate())
    assert due.count() >= 3  # the demo's reader has mistakes to go over
    words = WORDS[language]
    page = new_page(PHONE, language)
    sign_in(page, READER, DEMO_PASSWORD)

    page.goto("/practice/")
    entry = page.locator(".book-entry", has=page.locator(".block-law-article")).first
    opener = entry.locator(".book-entry__open")
    assert opener.inner_text().startswith(words["open"])
    assert min(tap_size(opener)) >= 44
    assert not entry.locator(".book-entry__body").is_visible()
    assert_fits(page)
    screenshot(page, f"practice-book-{language}")
    opener.click()
    body = entry.locator(".book-entry__body")
    assert body.is_visible()
    text = body.inner_text()
    assert words["right"] in text and words["why"] in text
    stems = {q.stem: q.explanation for q in Question.objects.all()}
    stem = entry.locator(".book-entry__stem").inner_text().strip()
    assert stems[stem][:20] in text
    law = body.locator(".block-law-article a").first
    href = law.get_attribute("href") or ""
    assert law.is_visible() and ("/articles/" in href or "#note-" in href)
    assert_fits(page)
    screenshot(page, f"practice-book-open-{language}")

    # The day's practice answered (as the daily page would), with more mistakes due than fit.
    extra = list(
        practicable_questions().exclude(
            pk__in=WrongAnswer.objects.filter(deputy=reader).values("question_id")
        )[:4]
    )
    record_exam_mistakes(deputy=reader, questions=extra)
    for _question in practice_day(reader).questions:
        page.goto("/practice/today/")
        answer_shown(page)
    page.goto("/practice/")
    more = page.get_by_role("link", name=words["more"])
    assert more.is_visible() and min(tap_size(more)) >= 44
    screenshot(page, f"practice-book-done-{language}")

    more.click()
    page.wait_for_url("**/practice/more/**")  # the click only starts the navigation
    asked = []
    while "/practice/more/" in page.url and page.locator("main form [name=question]").count():
        asked.append(page.locator("main form [name=question]").get_attribute("value"))
        answer_shown(page)
        assert_fits(page)
        page.locator(".practice-next a").click()
        page.wait_for_url("**/practice/more/**")
    assert asked and len(asked) == len(set(asked)) <= 5  # none twice in a round
    assert_fits(page)
    screenshot(page, f"practice-more-end-{language}")
    main = page.locator("main").inner_text()
    left = WrongAnswer.objects.filter(
        deputy=reader, mastered_on=None, due_on__lte=timezone.localdate()
    ).count()
    if left:
        again = "再练{}题" if language == "zh-hans" else "Practise {} more"
        assert again.format(min(left, 5)) in main
    else:
        done = "今天的错题都练完了" if language == "zh-hans" else "wrong answers are practised"
        assert done in main
