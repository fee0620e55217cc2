"""The county officer finds the overdue voters' matters from the dashboard on a PC: the card
counts them, leads to the page of voters' matters and suggestions, and the overdue matter is
there with its station and days overdue, in words as well as red; the same page on a phone, in
Chinese, for the township."""

import re

import pytest
from django.utils import translation

from deputies.demo import DEMO_PASSWORD
from receptions.models import Category

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STATION = "东街社区代表联络站"


def test_county_officer_follows_the_overdue_card_to_the_matter(demo, new_page, screenshot):
    officer = new_page(DESKTOP, "en")
    sign_in(officer, "13700000001", DEMO_PASSWORD)
    with officer.expect_navigation():
        officer.get_by_role("link", name="Dashboard").click()
    card = officer.locator(".duties-card")
    card_link = card.get_by_role("link", name=re.compile(r"^\d+ matters? overdue$"))
    overdue = int(card_link.inner_text().split()[0])
    assert overdue >= 1
    screenshot(officer, "dashboard-duties-card-desktop-en")

    card_link.click()
    officer.wait_for_url(re.compile(r"/voters/\?as_of=\d{4}-\d\d-\d\d#duties-overdue$"))
    assert officer.locator("h1").inner_text().startswith("Voters' matters and suggestions")
    rows = officer.locator("table.duties-overdue tbody tr")
    assert rows.count() == overdue
    row = rows.filter(has_text=STATION).first
    days, station, _unit, _due, category = row.locator("td").all_inner_texts()[:5]
    assert re.fullmatch(r"Overdue by \d+ days?", days)
    assert station == STATION
    with translation.override("en"):
        assert category in {str(label) for label in Category.labels}
    # Nothing of the voter on the page: no name, no mobile (the demo's voters' are 13x).
    assert not re.search(r"1[3-9]\d{9}", officer.locator("table.duties-overdue").inner_text())
    assert_fits(officer)
    screenshot(officer, "dashboard-duties-county-desktop-en")

    # The matter opens in the register, which the county officer may read.
    row.get_by_role("link").first.click()
    officer.wait_for_url(re.compile(r"/receptions/matters/\d+/$"))
    assert STATION in officer.locator("main").inner_text()
    assert "Overdue by" in officer.locator("main").inner_text()


def test_township_staff_read_it_on_a_phone_in_chinese(demo, new_page, screenshot):
    phone = new_page(PHONE, "zh-hans")
    sign_in(phone, "13700000002", DEMO_PASSWORD)
    phone.goto("/dashboard/")
    phone.locator(".duties-card").get_by_role("link", name="接待选民日、反映事项和建议答复").click()
    phone.wait_for_url(re.compile(r"/voters/\?as_of="))
    main = phone.locator("main").inner_text()
    assert "接待选民与建议办理" in main and STATION in main and "已超期" in main
    assert_fits(phone)
    screenshot(phone, "dashboard-duties-township-phone-zh")
