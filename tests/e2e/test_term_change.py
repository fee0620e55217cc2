"""A term change (换届) in a browser, as "A new term" in docs/user-guide/county-officer.md says:
the county officer, on the PC, takes the current roster, makes it the new term's (two deputies
not elected again, two new ones), opens the new term with it, reads the check and confirms; a new
deputy then finds the initial training on the phone."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from courses.demo import seed_courses
from courses.demo_programme import seed_initial_training
from deputies.demo import DEMO_PASSWORD, seed_people
from deputies.models import Deputy, Membership, Term, User

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NOT_REELECTED = ["13900000039", "13900000040"]
NEW = [("蒋雨晴", "13900000061", "女", "城关镇", "城关镇人大代表联络站"),
       ("钱立伟", "13900000062", "男", "石桥镇", "新村代表联络站")]  # fmt: skip


def new_term_roster(content: bytes) -> bytes:
    """The exported roster as the office edits it for the new term."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[2]]
    mobile = header.index("手机号码") + 1
    for row in range(sheet.max_row, 2, -1):
        if str(sheet.cell(row, mobile).value) in NOT_REELECTED:
            sheet.delete_rows(row)
    for name, number, gender, township, station in NEW:
        cells = {"姓名": name, "性别": gender, "手机号码": number, "代表层级": "乡镇级",
                 "届次": "第九届", "乡镇（街道）": township, "代表联络站": station}  # fmt: skip
        sheet.append([cells.get(heading, "") for heading in header])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_county_officer_opens_the_new_term_and_a_new_deputy_starts_the_initial_training(
    new_page, screenshot, tmp_path
):
    seed_people()
    programme, _refresher = seed_initial_training(seed_courses())
    assert Term.objects.filter(ends_on__isnull=True).count() == 4  # the county's and 3 townships'

    officer = new_page(DESKTOP, "zh-hans")
    sign_in(officer, "13700000001", DEMO_PASSWORD)
    officer.goto("/staff/roster/")
    with officer.expect_navigation():
        officer.get_by_role("link", name="青溪县的届次").click()
    assert "青溪县人民代表大会" in officer.locator("main").inner_text()
    with officer.expect_navigation():
        officer.get_by_role("link", name="开始换届").click()
    with officer.expect_download() as download:
        officer.get_by_role("link", name="导出青溪县现有名册（.xlsx）").click()
    roster = tmp_path / "new-term.xlsx"
    roster.write_bytes(new_term_roster(download.value.path().read_bytes()))
    first_day = timezone.localdate() - timedelta(days=1)
    officer.fill("input[name=starts_on]", first_day.isoformat())
    assert officer.input_value("input[name=county_number]") == "19"
    officer.set_input_files("input[name=file]", str(roster))
    assert_fits(officer)
    screenshot(officer, "term-change-form-desktop-zh")
    with officer.expect_navigation():
        officer.click("main button[type=submit].button--primary")

    check = officer.locator("main").inner_text()
    assert "连任代表\n38" in check and "新当选\n2" in check and "离任\n2" in check
    assert "蒋雨晴" in check and "钱立伟" in check
    assert not Term.objects.filter(number=19).exists()  # nothing written before confirming
    assert_fits(officer)
    screenshot(officer, "term-change-check-desktop-zh")
    officer.once("dialog", lambda dialog: dialog.accept())
    with officer.expect_navigation():
        officer.get_by_role("button", name="确认并开始新一届").click()

    assert "新一届已经开始" in officer.locator("main").inner_text()
    screenshot(officer, "term-change-done-desktop-zh")
    assert Term.objects.filter(number=19, starts_on=first_day).count() == 1
    assert Membership.objects.filter(ended_on=first_day - timedelta(days=1)).count() == 40
    assert not Deputy.objects.get(user__mobile="13900000039").is_active

    newcomer = User.objects.get(mobile="13900000061")
    newcomer.set_password(DEMO_PASSWORD)  # as the sign-in sheet's code and first password do
    newcomer.save()
    phone = new_page(PHONE, "zh-hans")
    sign_in(phone, "13900000061", DEMO_PASSWORD)
    card = phone.locator("main").inner_text()
    assert programme.title in card
    assert_fits(phone)
    screenshot(phone, "initial-training-home-phone-zh")
    with phone.expect_navigation():
        phone.get_by_role("link", name=programme.title).first.click()
    page = phone.locator("main").inner_text()
    assert "代表法入门" in page and "结业测验" in page
    assert_fits(phone)
    screenshot(phone, "initial-training-programme-phone-zh")
