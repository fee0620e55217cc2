"""The term filter, the initial-training page and the archive's seats in a real browser, in
Chinese, on a phone (390 px) and a PC: nothing sticks out sideways and axe-core finds nothing
serious (tests/e2e/conftest.py). Set E2E_SCREENSHOTS=DIR to keep the pages."""

import pytest
from django.urls import reverse

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "pass-word-1"  # the factories'


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_training_page_and_a_past_term_in_chinese(
    new_page,
    screenshot,
    county,
    county_officer,
    training,
    size,
):
    page = new_page(PHONE if size == "phone" else DESKTOP, "zh-hans")
    sign_in(page, county_officer.mobile, PASSWORD)
    page.goto(reverse("dashboard:county", args=[county.pk]))
    with page.expect_navigation():
        page.get_by_role("link", name="初任培训").click()
    main = page.locator("main").inner_text()
    assert "安吉县初任培训" in main and "第十九届（2022-01-01 起，本届）" in main
    assert "李建国" in main and "结业测验未通过" in main
    assert_fits(page)
    screenshot(page, f"training-county-{size}-zh")

    page.select_option("select[name=term]", str(training["terms"]["county_old"].pk))
    with page.expect_navigation():
        page.get_by_role("button", name="查看").click()
    main = page.locator("main").inner_text()
    assert "第十八届（2017-01-01 — 2021-12-31）" in main and "没有逾期的代表。" in main

    page.goto(reverse("dashboard:county", args=[county.pk]))
    page.select_option("select[name=term]", str(training["terms"]["county_old"].pk))
    with page.expect_navigation():
        page.get_by_role("button", name="查看").click()
    assert "截至 2021-12-31" in page.locator(".dashboard-scope").inner_text()
    assert_fits(page)
    screenshot(page, f"dashboard-past-term-{size}-zh")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_archive_shows_the_seats_in_chinese(
    new_page,
    screenshot,
    county_officer,
    change,
    terms,
    size,
):
    page = new_page(PHONE if size == "phone" else DESKTOP, "zh-hans")
    sign_in(page, county_officer.mobile, PASSWORD)
    page.goto(reverse("reports:deputy_archive", args=[change["钱英"].pk]))
    main = page.locator("main").inner_text()
    assert "任职届次" in main and "任期届满" in main
    with page.expect_navigation():
        page.get_by_role("link", name="第十七届").click()
    assert "该届第一天至最后一天" in page.locator("main").inner_text()
    assert_fits(page)
    screenshot(page, f"archive-seats-{size}-zh")
