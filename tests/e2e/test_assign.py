"""A township clerk assigns a course to a station with its own due date, after seeing who it
will enrol, and sends the township a notice; a deputy of the station reads both in their
notifications. On a phone in Chinese and at desktop size in English."""

import re

import pytest

from courses.models import Enrolment
from deputies.demo import DEMO_PASSWORD
from deputies.models import Deputy
from notifications.models import Notification

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "zh-hans": {
        "preview": "预览将安排的代表",
        "will_enrol": "将为",
        "confirm": "确认：",
        "assigned": "已安排",
        "notice_preview": "预览",
        "send": "发送给",
        "sent": "通知已发给",
        "new_course": "新课程：",
        "who": "学员名单",
        "not_started": "未开始",
        "withdraw": "撤回",
    },
    "en": {
        "preview": "Preview who will be enrolled",
        "will_enrol": "will be enrolled",
        "confirm": "Confirm:",
        "assigned": "Assigned",
        "notice_preview": "Preview",
        "send": "Send to",
        "sent": "The notice was sent to",
        "new_course": "New course:",
        "who": "Who takes it",
        "not_started": "Not started",
        "withdraw": "Withdraw",
    },
}
STATION = "东街社区代表联络站"
COURSE = "怎样写好议案和建议"
DUE = "2031-06-30"


@pytest.mark.parametrize(("size", "language"), [("phone", "zh-hans"), ("desktop", "en")])
def test_a_clerk_assigns_and_tells_and_the_deputy_reads_it(
    demo, new_page, screenshot, size, language
):
    words = WORDS[language]
    viewport = PHONE if size == "phone" else DESKTOP
    station_deputies = Deputy.objects.filter(station__name=STATION, is_active=True)
    new = station_deputies.exclude(enrolments__course__title=COURSE)
    first = new.order_by("user__name").first()
    suffix = f"{size}-{'zh' if language == 'zh-hans' else 'en'}"

    clerk = new_page(viewport, language)
    sign_in(clerk, "13700000002", DEMO_PASSWORD)
    clerk.goto("/staff/courses/")
    card = clerk.locator("li.card").filter(has=clerk.get_by_role("link", name=COURSE))
    with clerk.expect_navigation():
        card.get_by_role("link", name=re.compile("^(Assign|安排学习)$")).click()
    clerk.get_by_label(f"{STATION}（城关镇）", exact=True).check()
    clerk.locator("input[type=date]").fill(DUE)
    with clerk.expect_navigation():
        clerk.get_by_role("button", name=words["preview"]).click()
    preview = clerk.locator(".audience-preview").inner_text()
    assert words["will_enrol"] in preview and str(new.count()) in preview
    assert first.user.name in preview
    before = Enrolment.objects.filter(course__title=COURSE).count()
    if size == "phone":
        assert_fits(clerk)
    screenshot(clerk, f"assign-preview-{suffix}")
    with clerk.expect_navigation():
        clerk.get_by_role("button", name=re.compile(f"^{re.escape(words['confirm'])}")).click()
    assert words["assigned"] in clerk.locator(".messages").inner_text()
    enrolled = Enrolment.objects.filter(course__title=COURSE, assigned_by__mobile="13700000002")
    assert enrolled.count() == Enrolment.objects.filter(course__title=COURSE).count() - before
    assert {e.due_date.isoformat() for e in enrolled} == {DUE}
    reader, other = [e.deputy for e in enrolled.select_related("deputy__user").order_by("pk")[:2]]

    # One of them is withdrawn again: not started, so it can be.
    clerk.goto("/staff/courses/")
    card = clerk.locator("li.card").filter(has=clerk.get_by_role("link", name=COURSE))
    with clerk.expect_navigation():
        card.get_by_role("link", name=words["who"]).click()
    row = clerk.locator(".person-list__item").filter(has_text=other.user.name)
    assert words["not_started"] in row.inner_text()
    if size == "phone":
        assert_fits(clerk)
    screenshot(clerk, f"course-enrolments-{suffix}")
    with clerk.expect_navigation():
        row.get_by_role("button", name=re.compile(words["withdraw"])).click()
    assert not Enrolment.objects.filter(course__title=COURSE, deputy=other).exists()

    clerk.goto("/staff/notices/")
    clerk.get_by_label(re.compile("^(Title|标题)$")).fill("周六上午代表接待日")
    clerk.get_by_label(re.compile("^(Text|文字)$")).fill(
        "请东街社区的代表周六上午九点到联络站接待选民。"
    )
    clerk.get_by_label(f"{STATION}（城关镇）", exact=True).check()
    with clerk.expect_navigation():
        clerk.get_by_role("button", name=words["notice_preview"], exact=True).click()
    assert first.user.name in clerk.locator(".audience-preview").inner_text()
    if size == "phone":
        assert_fits(clerk)
    screenshot(clerk, f"notice-preview-{suffix}")
    with clerk.expect_navigation():
        clerk.get_by_role("button", name=re.compile(f"^{re.escape(words['send'])}")).click()
    assert words["sent"] in clerk.locator(".messages").inner_text()
    assert Notification.objects.filter(title="周六上午代表接待日").count() == (
        station_deputies.count()
    )
    assert Notification.objects.filter(user=other.user, title__contains=COURSE).exists()

    deputy = new_page(viewport, language)
    sign_in(deputy, reader.user.mobile, DEMO_PASSWORD)
    deputy.goto("/notifications/")
    text = deputy.locator("main").inner_text()
    assert "周六上午代表接待日" in text and "新课程：" + COURSE in text
    if size == "phone":
        assert_fits(deputy)
    screenshot(deputy, f"deputy-notifications-{suffix}")
    deputy.goto("/")
    assert DUE in deputy.locator("main").inner_text()
