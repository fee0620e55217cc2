"""A deputy, on the phone (390x844), records a suggestion they have submitted to the congress,
and sees the countdown to its reply on its page and in their list; the list at desktop size too.
In Chinese and in English."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deputies.factories import PASSWORD, DeputyFactory
from receptions.models import Suggestion
from receptions.suggestions.services import add_months

from .browser import DESKTOP, PHONE, assert_fits, open_from_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "zh-hans": {
        "menu": "我的建议",
        "add": "登记已提交的建议",
        "save": "保存",
        "left": "还有 {days} 天答复期满",
    },
    "en": {
        "menu": "My suggestions",
        "add": "Record a submitted suggestion",
        "save": "Save",
        "left": "{days} days left for the reply",
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_deputy_records_a_submitted_suggestion_and_sees_the_countdown(
    new_page, screenshot, language
):
    words = WORDS[language]
    deputy = DeputyFactory(user__name="王秀英", user__mobile="13600000001")
    today = timezone.localdate()
    referred = today - timedelta(days=67)
    days = (add_months(referred, 3) - today).days

    page = new_page(PHONE, language)
    sign_in(page, "13600000001", PASSWORD)
    open_from_menu(page, words["menu"], exact=True)
    expect(page).to_have_url(re.compile(r"/receptions/suggestions/$"))
    page.get_by_role("link", name=words["add"]).click()
    page.wait_for_url("**/receptions/suggestions/new/")
    page.check("input[name=level][value=county]")
    page.fill("input[name=title]", "关于在中心小学门口增设人行横道的建议")
    page.fill("input[name=main_unit]", "县公安局交通管理大队")
    page.fill("textarea[name=co_units]", "城关镇人民政府\n县教育局")
    page.fill("input[name=assigned_on]", referred.isoformat())
    assert_fits(page)
    screenshot(page, f"suggestion-add-phone-{language}")
    page.get_by_role("button", name=words["save"]).click()
    suggestion_url = re.compile(r"/receptions/suggestions/\d+/$")
    page.wait_for_url(suggestion_url)
    left = words["left"].format(days=days)
    expect(page.locator(".countdown")).to_have_text(left)
    assert_fits(page)
    screenshot(page, f"suggestion-detail-phone-{language}")

    suggestion = Suggestion.objects.get(deputy=deputy)
    assert suggestion.level == "county" and suggestion.co_unit_names == [
        "城关镇人民政府",
        "县教育局",
    ]
    page.goto("/receptions/suggestions/")
    expect(page.locator(".suggestion-list .countdown")).to_have_text(left)
    assert_fits(page)
    screenshot(page, f"suggestion-list-phone-{language}")

    desktop = new_page(DESKTOP, language)
    sign_in(desktop, "13600000001", PASSWORD)
    desktop.goto("/receptions/suggestions/")
    expect(desktop.locator(".suggestion-list .countdown")).to_have_text(left)
    screenshot(desktop, f"suggestion-list-desktop-{language}")
