"""Each demo role signs in on a phone and on a desktop, in Chinese and in English."""

import pytest

from deputies.demo import DEMO_PASSWORD

from .browser import DESKTOP, PHONE, assert_fits, sign_in

ROLES = {
    # role: (mobile, what the home page must show in Chinese, and in English)
    "deputy": ("13900000001", "我的学习", "My learning"),
    "station": ("13700000003", "东街社区代表联络站", "My liaison stations"),
    "township": ("13700000002", "城关镇", "Liaison station"),
    "county": ("13700000001", "青溪县", "Township"),
    "editor": ("13700000004", "内容管理", "Open the content admin"),
}


# The live server needs committed data; serialized_rollback keeps the rows that migrations
# create (Wagtail's groups and root page) from one test to the next.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_role_signs_in_and_sees_their_home(demo, new_page, screenshot, role, size, language):
    mobile, chinese, english = ROLES[role]
    page = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(page, mobile, DEMO_PASSWORD)

    assert page.url.endswith("/")
    main = page.locator("main")
    assert (english if language == "en" else chinese) in main.inner_text()
    assert page.locator("html").get_attribute("lang") == language
    assert_fits(page)
    screenshot(page, f"home-{role}-{size}-{language}")


def test_large_text_mode_enlarges_the_page_and_persists(demo, new_page):
    page = new_page(PHONE, "zh-hans")
    sign_in(page, "13900000001", DEMO_PASSWORD)
    size_before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")

    with page.expect_navigation():
        page.get_by_role("button", name="大字模式").click()
    page.goto("/accounts/password/")

    size_after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size_after >= size_before * 1.2
    assert page.get_by_role("button", name="标准字号").get_attribute("aria-pressed") == "true"
    assert_fits(page)


def test_wrong_password_is_explained_on_a_phone(demo, new_page, screenshot):
    page = new_page(PHONE, "zh-hans")
    sign_in(page, "13900000001", "not-the-password")

    assert "/accounts/login/" in page.url
    assert "手机号码或密码不正确" in page.locator("[role=alert]").inner_text()
    screenshot(page, "login-error-phone-zh")
