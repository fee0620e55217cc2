"""A county goes live from an empty database, in a browser, in Chinese, with no developer: the
administrator sets up the county, its townships and stations and appoints its staff; the
township clerk imports the roster and prints a station's sign-in sheet; a deputy scans a card
with a phone and is in; the county officer assigns a course and the deputy is told.

docs/operations.md's "Going live" is these steps; this test keeps it true."""

import io
import json
import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage
from deputies.models import County, Deputy, LiaisonStation, StaffRole, Township, User
from notifications.models import Notification

from .browser import DESKTOP, PHONE, assert_fits, open_from_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADMIN = ("13800000000", "admin-pass-2026")
TOWNSHIPS = [("青石镇", "330599101"), ("白水乡", "330599202")]
STATIONS = [
    ("青石镇", "青石镇中心代表联络站"),
    ("青石镇", "溪口村代表联络站"),
    ("白水乡", "白水乡代表之家"),
]
# Who the administrator appoints: the county officer, a township clerk, a station clerk.
STAFF = [
    ("县人大代表工委", "13700000101", "county", None),
    ("青石镇人大", "13700000102", "township", "青石镇"),
    ("联络站站长", "13700000103", "station", "溪口村代表联络站"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "秀英建国桂芳志强春花明辉海燕卫东丽华国平"


def run(tool, *args) -> str:
    command = [shutil.which(tool), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def submit(page):
    with page.expect_navigation():
        page.locator("main button[type=submit].button--primary").first.click()


def first_sign_in(page, mobile, password, new_password):
    """A new account's first sign-in: the temporary password, then one's own."""
    sign_in(page, mobile, password)
    assert "/accounts/password/" in page.url
    page.fill("input[name=old_password]", password)
    page.fill("input[name=new_password1]", new_password)
    page.fill("input[name=new_password2]", new_password)
    submit(page)


@pytest.fixture
def empty_site(monkeypatch):
    """What `migrate` leaves, the administrator made as docs/operations.md says, and one course an
    editor wrote (content, not set-up)."""
    assert not County.objects.exists() and not User.objects.exists()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", ADMIN[1])
    call_command(
        "createsuperuser", interactive=False, mobile=ADMIN[0], name="管理员", stdout=io.StringIO()
    )
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))
    course = index.add_child(
        instance=CoursePage(title="代表履职入门", slug="lvzhi", summary="新代表的第一门课。")
    )
    course.add_child(
        instance=LessonPage(
            title="代表是谁",
            slug="daibiao",
            estimated_minutes=10,
            body=json.dumps([{"type": "text", "value": "<p>代表由选民选举产生。</p>"}]),
        )
    )
    return course


def set_up_the_county(page, screenshot) -> dict[str, str]:
    """The administrator's part; the temporary password of each person appointed."""
    sign_in(page, *ADMIN)
    with page.expect_navigation():
        page.get_by_role("link", name="地区与人员").click()
    with page.expect_navigation():
        page.get_by_role("link", name="添加县（市、区）").click()
    page.fill("input[name=name]", "青山县")
    page.fill("input[name=code]", "33059")  # one digit short
    submit(page)
    assert "6" in page.locator(".errorlist, .field-error, [role=alert]").first.inner_text()
    assert not County.objects.exists()
    page.fill("input[name=code]", "330599")
    submit(page)
    county = County.objects.get(code="330599")

    for name, code in TOWNSHIPS:
        with page.expect_navigation():
            page.get_by_role("link", name="添加乡镇（街道）", exact=True).click()
        page.fill("input[name=name]", name)
        page.fill("input[name=code]", code)
        submit(page)
    for township, name in STATIONS:
        with page.expect_navigation():
            page.get_by_role("link", name="添加联络站", exact=True).click()
        page.select_option("select[name=township]", label=township)
        page.fill("input[name=name]", name)
        submit(page)
    assert Township.objects.filter(county=county).count() == 2
    assert LiaisonStation.objects.filter(township__county=county).count() == 3
    screenshot(page, "going-live-county")

    passwords = {}
    for name, mobile, kind, place in STAFF:
        with page.expect_navigation():
            page.get_by_role("link", name="任命工作人员", exact=True).click()
        page.fill("input[name=mobile]", mobile)
        page.fill("input[name=name]", name)
        page.check(f"input[name=kind][value={kind}]")
        if kind == "township":
            page.select_option("select[name=township]", label=place)
        if kind == "station":
            page.get_by_label(re.compile(place)).check()
        submit(page)
        passwords[mobile] = page.locator(".secret code").inner_text().strip()
        with page.expect_navigation():
            page.get_by_role("link", name="完成").click()
    assert_fits(page)
    kinds = set(StaffRole.objects.values_list("kind", flat=True))
    assert kinds == {"county", "township", "station"}
    return passwords


def roster_file(template: bytes, count: int) -> bytes:
    """The downloaded template, filled in as a clerk would: one deputy a row."""
    book = load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    header = next(
        row for row in range(1, 6) if sheet.cell(row=row, column=1).value in ("姓名", "序号")
    )
    headings = [cell.value for cell in sheet[header]]
    for n in range(count):
        station = STATIONS[n % 2]  # the clerk's township's two stations
        values = {
            "姓名": SURNAMES[n % 20] + GIVEN[(n * 2) % 16 : (n * 2) % 16 + 2],
            "性别": "女" if n % 2 else "男",
            "手机号码": f"1391234{n:04d}",
            "代表层级": "县级" if n % 5 == 0 else "乡镇级",
            "届次": 18,
            "乡镇（街道）": station[0],
            "代表联络站": station[1],
        }
        for column, heading in enumerate(headings, start=1):
            if heading in values:
                sheet.cell(row=header + 1 + n, column=column, value=values[heading])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_county_goes_live_from_an_empty_database(new_page, screenshot, tmp_path, empty_site):
    course = empty_site
    desk = new_page(DESKTOP, "zh-hans")
    passwords = set_up_the_county(desk, screenshot)

    # The township clerk: own password, the roster, the sign-in sheet of one station.
    clerk = new_page(DESKTOP, "zh-hans")
    first_sign_in(clerk, "13700000102", passwords["13700000102"], "qingshi-2026")
    with clerk.expect_navigation():
        clerk.get_by_role("link", name="代表", exact=True).click()
    with clerk.expect_navigation():
        clerk.get_by_role("link", name="导入代表名册").click()
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name=re.compile("下载模板")).click()
    roster = tmp_path / "名册.xlsx"
    roster.write_bytes(roster_file(download.value.path().read_bytes(), 60))
    clerk.set_input_files("input[type=file]", roster)
    submit(clerk)
    assert "60" in clerk.locator("main").inner_text()
    screenshot(clerk, "going-live-roster-done")
    assert Deputy.objects.filter(township__name="青石镇").count() == 60
    assert not User.objects.filter(deputy__isnull=False).exclude(password__startswith="!").exists()

    with clerk.expect_navigation():
        clerk.get_by_role("link", name="代表", exact=True).click()
    with clerk.expect_navigation():
        clerk.get_by_role("link", name="打印登录码").click()
    option = clerk.locator("select[name=place] option", has_text="溪口村代表联络站")
    clerk.select_option("select[name=place]", value=option.get_attribute("value"))
    clerk.fill("input[name=days]", "10")
    with clerk.expect_navigation():
        clerk.get_by_role("button", name="查看名单").click()
    clerk.once("dialog", lambda dialog: dialog.accept())
    with clerk.expect_download() as download:
        clerk.get_by_role("button", name=re.compile("生成.*登录码并打印")).click()
    sheet = tmp_path / "sheet.pdf"
    download.value.save_as(sheet)
    run("pdftoppm", "-png", "-r", "150", sheet, tmp_path / "page")
    scanned = run("zbarimg", "--quiet", "--raw", *sorted(tmp_path.glob("page*.png"))).split()
    station_deputies = Deputy.objects.filter(station__name="溪口村代表联络站")
    assert len(scanned) == station_deputies.count() == 30

    # A deputy scans the first card with a phone.
    phone = new_page(PHONE, "zh-hans")
    phone.goto(urlsplit(scanned[0]).path)
    deputy = next(d for d in station_deputies if d.user.name in phone.locator("main").inner_text())
    with phone.expect_navigation():
        phone.get_by_role("button").filter(has_text=deputy.user.name).click()
    assert "您还没有密码" in phone.locator("main").inner_text()
    phone.goto("/")
    assert deputy.user.name in phone.locator("body").inner_text()
    assert_fits(phone)

    # The county officer assigns the course to the whole county.
    officer = new_page(DESKTOP, "zh-hans")
    first_sign_in(officer, "13700000101", passwords["13700000101"], "qingshan-2026")
    with officer.expect_navigation():
        officer.get_by_role("link", name="课程安排").click()
    with officer.expect_navigation():
        officer.locator(f"a[href$='/courses/{course.pk}/assign/']").click()
    officer.check("input[name=audience]")
    with officer.expect_navigation():
        officer.get_by_role("button", name="预览将安排的代表").click()
    assert "60" in officer.locator("main").inner_text()
    with officer.expect_navigation():
        officer.get_by_role("button", name=re.compile("确认：为60名代表安排")).click()
    assert Enrolment.objects.filter(course=course).count() == 60
    screenshot(officer, "going-live-assigned")

    # The deputy is told, on the phone.
    phone.reload()
    assert phone.locator(".tab-bar__tab[data-tab=me] .tab-bar__badge").is_visible()  # unread
    open_from_menu(phone, re.compile("^通知"))
    assert "代表履职入门" in phone.locator("main").inner_text()
    assert Notification.objects.filter(user=deputy.user).exists()
    assert_fits(phone)
    screenshot(phone, "going-live-deputy-notified")
