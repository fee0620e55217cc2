"""The dashboard as a county officer meets it on a PC: find the least advanced township, drill
down to a station and a deputy's archive, export the table and open the spreadsheet, then read
the audit log; and the same dashboard and log on a phone, in Chinese."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from deputies.demo import DEMO_PASSWORD

from .browser import DESKTOP, PHONE, assert_fits, open_from_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_county_officer_drills_down_to_a_deputy_and_exports(demo, new_page, screenshot):
    officer = new_page(DESKTOP, "en")
    sign_in(officer, "13700000001", DEMO_PASSWORD)
    with officer.expect_navigation():
        officer.get_by_role("link", name="Dashboard").click()
    assert officer.locator("h1").inner_text() == "青溪县"
    assert_fits(officer)
    screenshot(officer, "dashboard-county-desktop-en")

    # The least advanced township is named above the figures, and leads to its page.
    lowest = officer.locator(".callout--warning a")
    township = lowest.inner_text()
    with officer.expect_navigation():
        lowest.click()
    assert officer.locator("h1").inner_text() == township
    assert officer.locator(".breadcrumbs").inner_text() == "青溪县"

    # Sorted by completion, the first station is the furthest behind; then its deputies.
    with officer.expect_navigation():
        officer.get_by_role("link", name="Completion", exact=True).click()
    station_link = officer.locator(".dashboard-table tbody th a").first
    station = station_link.inner_text()
    with officer.expect_navigation():
        station_link.click()
    assert officer.locator("h1").inner_text() == station
    deputy_link = officer.locator(".dashboard-table tbody th a").first
    deputy = deputy_link.inner_text()
    with officer.expect_navigation():
        deputy_link.click()
    expect(officer.locator("h1")).to_contain_text(f"{deputy}'s learning and duties record")

    # Back at the county: the table as a spreadsheet, opened.
    with officer.expect_navigation():
        officer.get_by_role("link", name="Dashboard").click()
    with officer.expect_download() as download:
        officer.get_by_role("link", name="Export to Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as xlsx:
        workbook = load_workbook(io.BytesIO(xlsx.read()), read_only=True)
    overview = [row for row in workbook.worksheets[0].iter_rows(values_only=True) if any(row)]
    names = {row[0] for row in overview}
    assert township in names and "Total" in names
    deputies_sheet = list(workbook.worksheets[-1].iter_rows(values_only=True))
    assert len(deputies_sheet) > 40  # every deputy in office, below the notes and headings

    # The audit log: the certificates the demo issued, by the system and by hand.
    with officer.expect_navigation():
        officer.get_by_role("link", name="Audit log").click()
    officer.get_by_label("What").select_option(label="Certificate issued")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Find").click()
    entries = officer.locator(".audit-log__entry")
    assert entries.count() > 5
    assert "Certificate issued" in entries.first.inner_text()
    assert_fits(officer)
    screenshot(officer, "audit-log-desktop-en")

    phone = new_page(PHONE, "zh-hans")
    sign_in(phone, "13700000001", DEMO_PASSWORD)
    phone.goto("/dashboard/")
    main = phone.locator("main").inner_text()
    assert "青溪县" in main and "完成率" in main and "参学率" in main
    # Both charts, each naming the township furthest behind in words as well as colour.
    assert phone.locator("figure.barchart").count() == 2
    assert "进度最慢" in phone.locator(".callout--warning").inner_text()
    assert_fits(phone)
    screenshot(phone, "dashboard-county-phone-zh")
    open_from_menu(phone, "操作日志")
    assert "颁发证书" in phone.locator(".audit-log").inner_text()
    assert_fits(phone)
    screenshot(phone, "audit-log-phone-zh")
