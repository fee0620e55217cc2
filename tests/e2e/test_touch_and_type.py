"""Touch and type, at 390x844 in Chinese and English: the group-study reply is two large cards
and reads back as a state; the calendar address copies with one tap; the password shows on
request; and the check-in screen goes full screen for a projector, without the site's menu."""

import re

import pytest
from playwright.sync_api import expect

from deputies.demo import DEMO_PASSWORD
from studysessions.models import Attendance, CalendarFeed, Invitation, StudySession

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "zh-hans": {
        "will": "我会参加",
        "cannot": "我无法参加（请假）",
        "send": "提交回复",
        "attending": "已报名参加",
        "apologies": "已请假",
        "change": "更改回复",
        "reason": "如不能参加，请填写请假事由",
        "copy": "复制地址",
        "copied": "已复制",
        "show": "显示密码",
        "sign in": "登录",
    },
    "en": {
        "will": "I will attend",
        "cannot": "I cannot attend",
        "send": "Send reply",
        "attending": "You are attending",
        "apologies": "You sent apologies",
        "change": "Change my reply",
        "reason": "If not, why?",
        "copy": "Copy the address",
        "copied": "Copied",
        "show": "Show password",
        "sign in": "Sign in",
    },
}
LANGUAGES = ["zh-hans", "en"]


def deputy_invited_tomorrow():
    tomorrow = StudySession.objects.get(topic="如何写好一件代表建议")
    return tomorrow, tomorrow.invitations.filter(reply=Invitation.Reply.NONE).earliest("pk")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reply_is_two_large_cards_and_reads_back_as_a_state(
    demo, new_page, screenshot, language
):
    words = WORDS[language]
    session, invitation = deputy_invited_tomorrow()
    page = new_page(PHONE, language)
    sign_in(page, invitation.deputy.user.mobile, DEMO_PASSWORD)
    page.goto(f"/study/{session.pk}/")

    cards = page.locator(".study-reply__choice")
    assert cards.count() == 2
    for n in range(2):
        box = cards.nth(n).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 140, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The keyboard's focus shows on the whole card.
    page.get_by_label(words["will"]).focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    outline = cards.first.evaluate("card => getComputedStyle(card).outlineStyle")
    assert outline == "solid"
    screenshot(page, f"group-study-reply-cards-phone-{language}")

    # A tap on the card's words, not on the little circle, chooses it.
    will = cards.filter(has_text=words["will"])
    will.locator(".answer-choice__text").click()
    assert page.get_by_label(words["will"]).is_checked()
    border = will.evaluate("card => getComputedStyle(card).borderTopWidth")
    assert border == "2px"  # chosen: a thicker border, and the radio's dot, not colour alone
    with page.expect_navigation():
        page.get_by_role("button", name=words["send"]).click()

    status = page.locator(".study-reply__status")
    assert status.inner_text().strip().endswith(words["attending"])
    invitation.refresh_from_db()
    assert invitation.reply == Invitation.Reply.ATTEND
    assert not page.get_by_role("button", name=words["send"]).is_visible()  # folded away
    assert_fits(page)
    screenshot(page, f"group-study-replied-state-phone-{language}")

    page.get_by_text(words["change"]).click()
    page.locator(".study-reply__choice").filter(has_text=words["cannot"]).click()
    page.get_by_label(words["reason"]).fill("村里开会")
    with page.expect_navigation():
        page.get_by_role("button", name=words["send"]).click()
    assert page.locator(".study-reply__status").inner_text().strip().endswith(words["apologies"])
    assert "村里开会" in page.locator(".study-reply").inner_text()
    invitation.refresh_from_db()
    assert invitation.reply == Invitation.Reply.DECLINE

    page.goto("/study/")
    assert words["apologies"] in page.locator(".study-list").first.inner_text()
    assert_fits(page)
    screenshot(page, f"group-study-mine-phone-{language}")

    # In large-text mode the cards still fit the phone's width.
    with page.expect_navigation():
        page.locator(".display-controls form").last.get_by_role("button").click()
    page.goto(f"/study/{session.pk}/")
    page.get_by_text(words["change"]).click()
    for n in range(2):
        box = page.locator(".study-reply__choice").nth(n).bounding_box()
        assert box["height"] >= 44 and box["x"] + box["width"] <= PHONE["width"]
    assert_fits(page)
    screenshot(page, f"group-study-reply-large-text-phone-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendar_address_copies_with_one_tap(demo, new_page, screenshot, language):
    words = WORDS[language]
    _session, invitation = deputy_invited_tomorrow()
    page = new_page(PHONE, language)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, invitation.deputy.user.mobile, DEMO_PASSWORD)
    page.goto("/study/")
    token = CalendarFeed.objects.get(deputy=invitation.deputy).token
    address = page.input_value("#feed-url")
    assert address.endswith(f"/study/calendar/{token}.ics") and address.startswith("http")
    subscribe = page.locator('a[href^="webcal://"]')
    assert subscribe.get_attribute("href") == "webcal://" + address.split("://", 1)[1]

    button = page.get_by_role("button", name=words["copy"])
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    button.click()
    page.get_by_text(words["copied"], exact=True).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert_fits(page)
    screenshot(page, f"group-study-copied-phone-{language}")


def test_without_the_clipboard_api_the_address_is_selected_and_copied(demo, new_page):
    _session, invitation = deputy_invited_tomorrow()
    page = new_page(PHONE, "zh-hans")
    # An older phone's browser: no Clipboard API.
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    sign_in(page, invitation.deputy.user.mobile, DEMO_PASSWORD)
    page.goto("/study/")
    page.get_by_role("button", name="复制地址").click()
    page.get_by_text("已复制", exact=True).wait_for()
    selected = page.evaluate(
        "(() => { const box = document.getElementById('feed-url');"
        " return box.value.slice(box.selectionStart, box.selectionEnd); })()"
    )
    assert selected == page.input_value("#feed-url")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_password_shows_on_request_and_the_form_still_signs_in(
    demo, new_page, screenshot, language
):
    words = WORDS[language]
    _session, invitation = deputy_invited_tomorrow()
    page = new_page(PHONE, language)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", invitation.deputy.user.mobile)
    page.fill("input[name=password]", DEMO_PASSWORD)
    toggle = page.get_by_role("button", name=words["show"])
    box = toggle.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.get_attribute("input[name=password]", "type") == "password"

    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.get_attribute("input[name=password]", "type") == "text"
    assert page.input_value("input[name=password]") == DEMO_PASSWORD
    assert_fits(page)
    screenshot(page, f"sign-in-password-shown-phone-{language}")
    toggle.click()
    assert page.get_attribute("input[name=password]", "type") == "password"
    toggle.click()  # shown when sent: the form signs in all the same

    with page.expect_navigation():
        page.click("button[type=submit].button--primary")
    assert not page.url.endswith("/accounts/login/")
    assert page.get_by_role("button", name=words["sign in"], exact=True).count() == 0

    # Changing the password: one toggle shows all three boxes.
    page.goto("/accounts/password/")
    boxes = page.locator("form input[name*=password]")
    assert boxes.count() == 3
    toggle = page.get_by_role("button", name=words["show"])
    assert toggle.count() == 1
    toggle.click()
    assert [boxes.nth(n).get_attribute("type") for n in range(3)] == ["text"] * 3
    assert_fits(page)


def test_without_javascript_the_sign_in_form_has_no_toggle_and_works(demo, browser, live_server):
    _session, invitation = deputy_invited_tomorrow()
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        assert page.locator(".password-toggle").count() == 0
        page.fill("input[name=username]", invitation.deputy.user.mobile)
        page.fill("input[name=password]", DEMO_PASSWORD)
        with page.expect_navigation():
            page.click("button[type=submit].button--primary")
        assert "/accounts/login/" not in page.url
    finally:
        context.close()


def test_the_check_in_screen_fills_a_projector_without_the_menu(demo, new_page, screenshot):
    session = StudySession.objects.get(topic="如何写好一件代表建议")
    for invitation in session.invitations.order_by("pk")[:2]:
        Attendance.objects.create(
            session=session, deputy=invitation.deputy, method=Attendance.Method.MANUAL
        )
    clerk = new_page(DESKTOP, "zh-hans")
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    clerk.goto(f"/study/staff/{session.pk}/screen/")
    assert clerk.locator(".site-header").count() == 1

    with clerk.expect_navigation():
        clerk.get_by_role("link", name="投影模式").click()
    expect(clerk).to_have_url(re.compile(r"\?screen=1$"))
    for chrome in ("header", "nav", "footer", ".site-header", ".site-footer"):
        assert clerk.locator(chrome).count() == 0, chrome
    size = clerk.locator("h1").evaluate("h1 => parseFloat(getComputedStyle(h1).fontSize)")
    assert size >= 40
    names = clerk.locator(".study-present").evaluate(
        "list => parseFloat(getComputedStyle(list).fontSize)"
    )
    assert names >= 28
    qr = clerk.locator("[data-qr] svg").bounding_box()
    assert qr["width"] >= 400
    screenshot(clerk, "group-study-projector-zh-hans")

    full = clerk.get_by_role("button", name="全屏显示")
    full.click()
    clerk.wait_for_function(
        "() => document.fullscreenElement"
        " && document.fullscreenElement.matches('[data-checkin-screen]')"
    )
    # fullscreenchange comes after fullscreenElement is set: wait for the page to have heard it.
    clerk.wait_for_function(
        "() => document.querySelector('[data-checkin-screen]')"
        ".classList.contains('study-screen--full')"
    )
    clerk.evaluate("document.exitFullscreen()")
    clerk.wait_for_function("() => document.fullscreenElement === null")

    with clerk.expect_navigation():
        clerk.get_by_role("link", name="退出投影模式").click()
    assert clerk.locator(".site-header").count() == 1
