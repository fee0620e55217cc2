"""Group study as a new user meets it: a station clerk schedules a session on the PC and opens
the check-in screen; a deputy opens the QR code's address on a phone and checks in; the
clerk's live list shows them, and the deputy's page shows the credit hours. A deputy replies to
an invitation, and the clerk takes the roll from a signed sheet."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deputies.demo import DEMO_PASSWORD
from deputies.models import Deputy
from studysessions.models import Attendance, Invitation, StudySession
from studysessions.selectors import credit_hours_of

from .browser import DESKTOP, PHONE, assert_fits, open_from_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def session_times():
    """A 90-minute session that has just begun, within one day."""
    now = timezone.localtime()
    start = max(now - timedelta(minutes=10), now.replace(hour=0, minute=0))
    end = min(start + timedelta(minutes=90), datetime.combine(now.date(), time(23, 59), now.tzinfo))
    return now.date(), start.strftime("%H:%M"), end.strftime("%H:%M")


def test_clerk_schedules_and_a_deputy_checks_in_from_the_phone(demo, new_page, screenshot):
    deputy = Deputy.objects.get(user__mobile="13900000002")

    clerk = new_page(DESKTOP, "en")
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    with clerk.expect_navigation():
        clerk.get_by_role("link", name="Group study", exact=True).click()
    with clerk.expect_navigation():
        clerk.get_by_role("link", name="Schedule a session").click()
    day, start, end = session_times()
    clerk.fill("input[name=topic]", "学习监督法")
    clerk.fill("input[name=day]", day.isoformat())
    clerk.fill("input[name=start]", start)
    clerk.fill("input[name=end]", end)
    clerk.fill("input[name=place]", "东街社区代表联络站会议室")
    screenshot(clerk, "group-study-schedule-desktop-en")
    with clerk.expect_navigation():
        clerk.get_by_role("button", name="Schedule and invite").click()
    assert "学习监督法" in clerk.locator("h1").inner_text()
    assert deputy.user.name in clerk.locator("#roll").inner_text()

    with clerk.expect_navigation():
        clerk.get_by_role("link", name="Check-in screen").click()
    assert clerk.locator("[data-qr] svg").count() == 1
    screenshot(clerk, "group-study-screen-desktop-en")
    path = re.sub(r"^https?://[^/]+", "", clerk.locator("[data-qr-url]").get_attribute("href"))

    # The deputy scans before signing in: the sign-in page says why, and leads back.
    phone = new_page(PHONE, "en")
    phone.goto(path)
    assert "Sign in to check in." in phone.locator("main").inner_text()
    assert "学习监督法" not in phone.locator("main").inner_text()
    screenshot(phone, "group-study-checkin-sign-in-phone-en")
    phone.fill("input[name=username]", "13900000002")
    phone.fill("input[name=password]", DEMO_PASSWORD)
    phone.click("button[type=submit].button--primary")
    # Wait for the page itself: the sign-in page counts as loaded until the browser leaves it.
    expect(phone.locator("main")).to_contain_text("学习监督法")
    assert_fits(phone)
    screenshot(phone, "group-study-checkin-phone-en")
    phone.get_by_role("button", name="Check in").click()
    expect(phone.locator("main")).to_contain_text("Checked in at")
    screenshot(phone, "group-study-checked-in-phone-en")

    # The clerk's screen polls every 5 seconds.
    clerk.locator("[data-present]").get_by_text(deputy.user.name).wait_for(timeout=15000)
    assert clerk.locator("[data-present-count]").inner_text() == "1"

    with phone.expect_navigation():
        phone.get_by_role("link", name="My group study").click()
    text = phone.locator("main").inner_text()
    assert f"Credit hours from group study: {credit_hours_of(deputy)}" in text
    assert credit_hours_of(deputy) >= 2
    assert_fits(phone)
    screenshot(phone, "group-study-mine-phone-en")


WORDS = {
    "zh-hans": {
        "group study": "集中学习",
        "cannot": "我无法参加（请假）",
        "will": "我会参加",
        "send": "提交回复",
        "why": "请填写请假事由。",
        "reason": "如不能参加，请填写请假事由",
        "replied": "已报名参加",
        "mark": "出席",
        "unmark": "缺席",
    },
    "en": {
        "group study": "Group study",
        "cannot": "I cannot attend",
        "will": "I will attend",
        "send": "Send reply",
        "why": "Please say why you cannot come.",
        "reason": "If not, why?",
        "replied": "You are attending",
        "mark": "Present",
        "unmark": "Absent",
    },
}


@pytest.mark.parametrize(
    ("size", "language"), [("phone", "zh-hans"), ("desktop", "en")], ids=["phone", "desktop"]
)
def test_a_deputy_replies_and_the_clerk_takes_the_roll(demo, new_page, screenshot, size, language):
    """A deputy answers tomorrow's invitation (a refusal needs a reason, then changes their mind);
    the clerk ticks off last week's signed sheet and takes a wrong tick back."""
    words, viewport = WORDS[language], PHONE if size == "phone" else DESKTOP
    tomorrow = StudySession.objects.get(topic="如何写好一件代表建议")
    invitation = tomorrow.invitations.filter(reply=Invitation.Reply.NONE).earliest("pk")
    mobile = invitation.deputy.user.mobile

    deputy = new_page(viewport, language)
    sign_in(deputy, mobile, DEMO_PASSWORD)
    open_from_menu(deputy, words["group study"], exact=True)
    with deputy.expect_navigation():
        deputy.get_by_role("link", name="如何写好一件代表建议").click()
    deputy.get_by_label(words["cannot"]).check()
    with deputy.expect_navigation():
        deputy.get_by_role("button", name=words["send"]).click()
    assert words["why"] in deputy.locator("main").inner_text()
    screenshot(deputy, f"group-study-reply-error-{size}-{language}")
    invitation.refresh_from_db()
    assert invitation.reply == Invitation.Reply.NONE  # a refusal without a reason changes nothing

    deputy.get_by_label(words["will"]).check()
    with deputy.expect_navigation():
        deputy.get_by_role("button", name=words["send"]).click()
    assert words["replied"] in deputy.locator("main").inner_text()
    assert_fits(deputy)
    screenshot(deputy, f"group-study-replied-{size}-{language}")
    invitation.refresh_from_db()
    assert invitation.reply == Invitation.Reply.ATTEND

    past = StudySession.objects.get(topic="学习《代表法》：代表的权利和义务")
    absent = past.invitations.exclude(deputy__study_attendances__session=past).earliest("pk").deputy
    clerk = new_page(viewport, language)
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    clerk.goto(f"/study/staff/{past.pk}/")
    card = clerk.locator(f"#deputy-{absent.pk}")
    with clerk.expect_navigation():
        card.get_by_role("button", name=words["mark"], exact=True).click()
    card = clerk.locator(f"#deputy-{absent.pk}")
    assert pressed(card, words["mark"])
    assert Attendance.objects.filter(session=past, deputy=absent).count() == 1
    assert_fits(clerk)
    screenshot(clerk, f"group-study-roll-{size}-{language}")

    with clerk.expect_navigation():
        card.get_by_role("button", name=words["unmark"], exact=True).click()
    assert pressed(clerk.locator(f"#deputy-{absent.pk}"), words["unmark"])
    assert not Attendance.objects.filter(session=past, deputy=absent).exists()


def pressed(card, name) -> bool:
    return card.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed") == "true"


def test_a_clerk_on_a_phone_in_chinese_changes_a_session_and_takes_the_roll_one_handed(
    demo, new_page, screenshot
):
    """At 390x844 in Chinese: the edit form keeps the session's date (a date box reads only
    2026-12-09, never 2026/12/09), and every roll-call button lies within the screen's width,
    big enough for a thumb, and marks the deputy."""
    tomorrow = StudySession.objects.get(topic="如何写好一件代表建议")
    day = timezone.localtime(tomorrow.starts_at).date()
    clerk = new_page(PHONE, "zh-hans")
    sign_in(clerk, "13700000003", DEMO_PASSWORD)

    clerk.goto(f"/study/staff/{tomorrow.pk}/edit/")
    assert clerk.input_value("input[name=day]") == day.isoformat()
    clerk.fill("input[name=place]", "东街社区代表联络站二楼")
    with clerk.expect_navigation():
        clerk.get_by_role("button", name="保存", exact=True).click()
    assert "集中学习活动已保存。" in clerk.locator("main").inner_text()
    tomorrow.refresh_from_db()
    assert tomorrow.place == "东街社区代表联络站二楼"
    assert timezone.localtime(tomorrow.starts_at).date() == day

    past = StudySession.objects.get(topic="学习《代表法》：代表的权利和义务")
    clerk.goto(f"/study/staff/{past.pk}/")
    buttons = clerk.locator("#roll button")
    assert buttons.count() == 3 * past.invitations.count()
    for n in range(buttons.count()):
        box = buttons.nth(n).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], n
        assert box["height"] >= 48 and box["width"] >= 48, n
    assert_fits(clerk)
    screenshot(clerk, "group-study-roll-call-phone-zh-hans")

    deputy = past.invitations.exclude(deputy__study_attendances__session=past).latest("pk").deputy
    card = clerk.locator(f"#deputy-{deputy.pk}")
    with clerk.expect_navigation():
        card.get_by_role("button", name="出席", exact=True).click()
    card = clerk.locator(f"#deputy-{deputy.pk}")
    assert pressed(card, "出席") and "出席" in card.locator(".roll__mark").inner_text()
    # Back on the deputy just marked, not at the top of a long list.
    box = card.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    screenshot(clerk, "group-study-roll-call-marked-phone-zh-hans")
    assert Attendance.objects.filter(session=past, deputy=deputy).exists()

    with clerk.expect_navigation():
        card.get_by_role("button", name="请假", exact=True).click()
    assert pressed(clerk.locator(f"#deputy-{deputy.pk}"), "请假")
    assert not Attendance.objects.filter(session=past, deputy=deputy).exists()
    assert past.invitations.get(deputy=deputy).absence == "leave"
