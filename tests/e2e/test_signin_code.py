"""A station clerk shows a sign-in code on the PC; the deputy opens it on a phone and is in."""

import re

import pytest

from deputies.demo import DEMO_PASSWORD
from deputies.models import Deputy

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_clerk_creates_a_code_and_the_deputy_signs_in_with_it(demo, new_page, screenshot):
    # One who has a password (the new term's new deputies have none: a code leads them to
    # choosing one first).
    deputy = (
        Deputy.objects.filter(station__name="东街社区代表联络站").order_by("user__mobile").first()
    )

    clerk = new_page(DESKTOP, "zh-hans")
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    with clerk.expect_navigation():
        clerk.get_by_role("link", name="代表", exact=True).click()
    with clerk.expect_navigation():
        clerk.get_by_role("link", name=deputy.user.name).click()
    with clerk.expect_navigation():
        clerk.get_by_role("button", name="生成登录码").click()
    assert clerk.locator("figure.qr svg").count() == 1
    screenshot(clerk, "signin-code-desktop-zh")
    link = clerk.locator("details code").text_content()
    path = re.sub(r"^https?://[^/]+", "", link)

    phone = new_page(PHONE, "zh-hans")
    phone.goto(path)
    assert deputy.user.name in phone.locator("main").inner_text()
    assert_fits(phone)
    screenshot(phone, "signin-code-phone-zh")
    with phone.expect_navigation():
        phone.get_by_role("button").filter(has_text=deputy.user.name).click()
    assert "我的学习" in phone.locator("main").inner_text()

    # The same code, opened again, no longer works.
    again = new_page(PHONE, "zh-hans")
    again.goto(path)
    assert "登录码已失效" in again.locator("main").inner_text()
