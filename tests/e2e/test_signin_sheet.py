"""A station clerk prints the sign-in sheet of the station's new deputies; a deputy scans their
card's QR code from the printed page with a phone, signs in and chooses a password."""

import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest

from deputies.factories import DeputyFactory, LiaisonStationFactory, UserFactory
from deputies.models import SignInLink, StaffRole, User
from deputies.services import grant_role

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLERK_PASSWORD = "clerk-pass-2026"
NEWCOMERS = ["陈建军", "欧阳明辉", "吴桂芳"]


def run(tool, *args) -> str:
    """One of poppler's or zbar's tools (Debian packages the tests install)."""
    command = [shutil.which(tool), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


@pytest.fixture
def station():
    """A station with a clerk and three deputies as the roster import makes them."""
    station = LiaisonStationFactory(name="东街社区代表联络站", township__name="城关镇")
    clerk = UserFactory(mobile="13700000031", name="站务员", password=CLERK_PASSWORD)
    grant_role(user=clerk, kind=StaffRole.Kind.STATION, place=station)
    for n, name in enumerate(NEWCOMERS):
        user = User.objects.create_user(mobile=f"1351234000{n}", name=name)
        DeputyFactory(user=user, station=station)
    return station


@pytest.mark.parametrize(
    ("size", "language"), [("phone", "zh-hans"), ("desktop", "en")], ids=["phone", "desktop"]
)
def test_clerk_prints_the_sheet_and_a_deputy_signs_in_by_scanning_it(
    new_page, screenshot, station, tmp_path, size, language
):
    words = {
        "zh-hans": ("代表", "打印登录码", "查看名单", "生成3个登录码并打印"),
        "en": ("Deputies", "Sign-in sheets", "See who gets a code", "Make 3 codes and print"),
    }[language]
    clerk = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(clerk, "13700000031", CLERK_PASSWORD)
    with clerk.expect_navigation():
        clerk.get_by_role("link", name=words[0], exact=True).click()
    with clerk.expect_navigation():
        clerk.get_by_role("link", name=words[1]).click()
    with clerk.expect_navigation():
        clerk.get_by_role("button", name=words[2]).click()
    preview = clerk.locator("#sheet-preview").locator("..").inner_text()
    for name in NEWCOMERS:
        assert name in preview
    assert_fits(clerk)
    screenshot(clerk, f"signin-sheet-{size}-{language}")
    assert not SignInLink.objects.exists()  # nothing made before confirming

    asked = []
    clerk.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    with clerk.expect_download() as download:
        clerk.get_by_role("button", name=re.compile(words[3])).click()
    pdf = tmp_path / "sheet.pdf"
    download.value.save_as(pdf)
    assert SignInLink.objects.usable().count() == 3
    assert asked and ("失效" in asked[0] or "stop working" in asked[0])

    # On paper, then through a phone camera.
    run("pdftoppm", "-png", "-r", "150", pdf, tmp_path / "page")
    scanned = run("zbarimg", "--quiet", "--raw", *sorted(tmp_path.glob("page*.png"))).split()
    assert len(scanned) == 3
    phone = new_page(PHONE, "zh-hans")
    phone.goto(urlsplit(scanned[0]).path)
    name = next(name for name in NEWCOMERS if name in phone.locator("main").inner_text())
    with phone.expect_navigation():
        phone.get_by_role("button").filter(has_text=name).click()
    assert "您还没有密码" in phone.locator("main").inner_text()
    assert_fits(phone)
    screenshot(phone, f"signin-sheet-first-password-{size}")
    phone.fill("input[name=new_password1]", "qingxi-2026")
    phone.fill("input[name=new_password2]", "qingxi-2026")
    with phone.expect_navigation():
        phone.get_by_role("button", name="保存新密码").click()
    assert User.objects.get(name=name).check_password("qingxi-2026")
