"""The learning archive as its readers meet it: a station clerk on the PC finds a deputy, opens
their archive and downloads the PDF; the deputy reads their own on a phone, in Chinese."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deputies.demo import DEMO_PASSWORD

from .browser import DESKTOP, PHONE, assert_fits, open_from_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_clerk_downloads_a_deputys_archive_and_the_deputy_reads_it_on_a_phone(
    demo, new_page, screenshot
):
    clerk = new_page(DESKTOP, "en")
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    clerk.goto("/staff/deputies/?q=13900000002")
    with clerk.expect_navigation():
        clerk.get_by_role("link", name="李春梅").click()
    with clerk.expect_navigation():
        clerk.get_by_role("link", name="Learning archive").click()
    expect(clerk.locator("h1")).to_contain_text("李春梅's learning and duties record")
    main = clerk.locator("main").inner_text()
    assert "Credit hours by year" in main and "怎样写好议案和建议" in main
    # The accepted 建议's half hour, in its own column of the hours by year.
    hours = clerk.locator("section[aria-labelledby=archive-hours]").inner_text()
    assert "Writing practice" in hours and "0.5" in hours
    assert_fits(clerk)
    screenshot(clerk, "archive-staff-desktop-en")
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name="Download PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    deputy = new_page(PHONE, "zh-hans")
    sign_in(deputy, "13900000002", DEMO_PASSWORD)
    open_from_menu(deputy, "学习档案")
    main = deputy.locator("main").inner_text()
    assert "我的学习履职档案" in main and "各年度学时" in main
    assert "0.5" in deputy.locator("section[aria-labelledby=archive-hours]").inner_text()
    assert f"339001-{timezone.localdate().year}-" in main  # the certificate's serial
    assert_fits(deputy)
    screenshot(deputy, "archive-deputy-phone-zh")
