"""Voter reception as a deputy on duty meets it: on the phone, from the Me page to the
register, a matter recorded with a category button, the voter's mobile and their consent; the
matter's page shows it in full to the recorder. The station clerk's register on the PC marks
the demo's overdue matter in red."""

import pytest

from deputies.demo import DEMO_PASSWORD
from receptions.models import Matter

from .browser import DESKTOP, PHONE, assert_fits, open_from_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "en": {
        "menu": "Voter reception",
        "record": "Record a matter",
        "category": "Water",
        "consent": "The voter agrees",
        "save": "Save to the register",
        "saved": "is in the register.",
        "overdue": "Overdue by",
    },
    "zh-hans": {
        "menu": "接待选民",
        "record": "登记事项",
        "category": "供水",
        "consent": "选民同意",
        "save": "登记入台账",
        "saved": "号事项已登记入台账。",
        "overdue": "已超期",
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_deputy_on_duty_records_a_matter_on_the_phone(demo, new_page, screenshot, language):
    words = WORDS[language]
    phone = new_page(PHONE, language)
    sign_in(phone, "13900000002", DEMO_PASSWORD)
    open_from_menu(phone, words["menu"], exact=True)
    phone.wait_for_url("**/receptions/")
    phone.get_by_role("link", name=words["record"]).click()
    phone.wait_for_url("**/receptions/record/")
    assert_fits(phone)
    phone.locator(".matter-cat", has_text=words["category"]).click()
    phone.fill("textarea[name=raised]", "南巷两栋楼连续三天停水，老人提水上楼困难。")
    phone.fill("textarea[name=said_on_spot]", "已登记，尽快转供水公司。")
    phone.fill("input[name=voter_mobile]", "139 1234 5678")
    phone.locator(".matter-consent", has_text=words["consent"]).click()
    screenshot(phone, f"receptions-record-phone-{language}")
    phone.get_by_role("button", name=words["save"]).click()
    phone.wait_for_url("**/receptions/matters/*/")
    matter = Matter.objects.get(raised__startswith="南巷两栋楼")
    main = phone.locator("main").inner_text()
    assert words["saved"] in main and matter.case_number in main
    assert "13912345678" in main  # the recorder sees the whole number
    assert (matter.category, matter.voter_mobile, matter.deputy.user.mobile) == (
        "water",
        "13912345678",
        "13900000002",
    )
    assert_fits(phone)
    screenshot(phone, f"receptions-matter-phone-{language}")

    clerk = new_page(DESKTOP, language)
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    clerk.goto("/receptions/?show=overdue")
    overdue = clerk.locator(".matter-card--overdue")
    assert overdue.count() == 1 and words["overdue"] in overdue.inner_text()
    screenshot(clerk, f"receptions-register-desktop-{language}")
    overdue.get_by_role("link").click()
    clerk.wait_for_url("**/receptions/matters/*/")
    screenshot(clerk, f"receptions-overdue-desktop-{language}")
