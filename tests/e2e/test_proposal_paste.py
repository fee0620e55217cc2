"""A deputy who wrote the suggestion in WeChat pastes it whole on the draft page: the page shows
it split into the boxes with the checker's report, marking the words at fault, and saves nothing
until the deputy saves (the Save button, or an edit the page saves by itself); leaving before
that asks first. On a phone and a computer, in Chinese and in English."""

import pytest

from deputies.factories import DeputyFactory
from proposals.factories import ExerciseFactory
from proposals.models import Draft
from proposals.services import start_draft
from tests.proposals.texts import WHOLE_VAGUE

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "paste-pass-2026"
WORDS = {
    "en": {
        "open": "Already written it in Word or WeChat? Paste the whole text",
        "split": "Split into parts",
        "notice": "This is how your text was split into parts. It is not saved yet.",
        "verdict": "Must be revised",
        "status": "Split from your pasted text",
        "saved": "Saved",
        "save": "Save",
    },
    "zh-hans": {
        "open": "已经在Word或微信里写好了？整篇粘贴",
        "split": "分到各部分",
        "notice": "这是您粘贴的全文分成各部分的样子，还没有保存。",
        "verdict": "需要修改",
        "status": "已按粘贴的全文分好",
        "saved": "已保存",
        "save": "保存",
    },
}
# Whether leaving the page now would ask first.
WOULD_ASK = "() => !window.dispatchEvent(new Event('beforeunload', {cancelable: true}))"


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_paste_a_whole_text_see_it_split_and_save_it(new_page, screenshot, size, language):
    words = WORDS[language]
    deputy = DeputyFactory(user__mobile="13600000031", user__password=PASSWORD)
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory())
    page = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(page, "13600000031", PASSWORD)
    page.goto(f"/proposals/drafts/{draft.pk}/")

    page.get_by_text(words["open"]).click()
    page.fill("#paste textarea[name=text]", WHOLE_VAGUE)
    assert_fits(page)
    screenshot(page, f"proposal-paste-box-{size}-{language}")
    page.get_by_role("button", name=words["split"]).click()
    page.wait_for_url("**/paste/")

    assert words["notice"] in page.locator("#pasted").inner_text()
    assert page.input_value("textarea[name=title]") == "关于村道的建议"
    assert page.input_value("textarea[name=measures]") == "希望有关部门高度重视，尽快解决。"
    assert words["verdict"] in page.locator("#report").inner_text()
    marks = page.locator("#part-measures .finding__quote mark").all_inner_texts()
    assert marks and "希望有关部门高度重视，尽快解决" not in marks
    assert words["status"] in page.locator("[data-save-status]").inner_text()
    assert page.evaluate(WOULD_ASK)
    assert set(Draft.objects.get().parts.values()) == {""}
    assert_fits(page)
    screenshot(page, f"proposal-paste-{size}-{language}")

    if language == "en":
        # An edit saves every box, the split ones with it.
        page.fill("textarea[name=handler]", "镇人民政府")
        page.wait_for_function(
            "() => document.querySelector('[data-save-status]').textContent.startsWith('Saved')"
        )
        assert not page.evaluate(WOULD_ASK)
    else:
        page.get_by_role("button", name=words["save"], exact=True).click()
        page.wait_for_url(f"**/drafts/{draft.pk}/")
        assert page.input_value("textarea[name=title]") == "关于村道的建议"
    parts = Draft.objects.get().parts
    assert parts["title"] == "关于村道的建议"
    assert parts["measures"] == "希望有关部门高度重视，尽快解决。"
    assert words["saved"] in page.locator("[data-save-status]").inner_text()

    if size == "phone" and language == "zh-hans":
        # In large-text mode too, nothing is wider than the phone.
        with page.expect_navigation():
            page.locator(".display-controls form").last.get_by_role("button").click()
        assert "large-font" in page.locator("html").get_attribute("class")
        page.get_by_text(words["open"]).click()
        page.fill("#paste textarea[name=text]", WHOLE_VAGUE)
        page.get_by_role("button", name=words["split"]).click()
        page.wait_for_url("**/paste/")
        assert page.locator("#part-measures .finding__quote mark").count() >= 1
        assert_fits(page)
        screenshot(page, "proposal-paste-phone-zh-hans-large-text")


def test_start_a_draft_from_a_pasted_text_on_a_phone(new_page, screenshot):
    DeputyFactory(user__mobile="13600000032", user__password=PASSWORD)
    exercise = ExerciseFactory()
    page = new_page(PHONE, "zh-hans")
    sign_in(page, "13600000032", PASSWORD)
    page.goto(f"/proposals/exercises/{exercise.pk}/")
    page.get_by_text(WORDS["zh-hans"]["open"]).click()
    page.fill("#paste textarea[name=text]", WHOLE_VAGUE.replace("的建议", "的议案", 1))
    assert_fits(page)
    screenshot(page, "proposal-start-with-text-phone-zh-hans")
    page.get_by_role("button", name="开始撰写").click()
    page.wait_for_url("**/drafts/*/?check=1#report")
    main = page.locator("main").inner_text()
    assert "已把您粘贴的全文分到各个部分并保存" in main
    assert "您的标题以“议案”结尾" in main
    assert WORDS["zh-hans"]["verdict"] in page.locator("#report").inner_text()
    assert page.input_value("textarea[name=measures]") == "希望有关部门高度重视，尽快解决。"
    assert not page.evaluate(WOULD_ASK)  # saved already: nothing to warn about
    assert Draft.objects.get().parts["title"] == "关于村道的议案"
    assert_fits(page)
    screenshot(page, "proposal-started-with-text-phone-zh-hans")
