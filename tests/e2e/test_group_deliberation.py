"""A station deliberates the demo's work report as a group: the clerk, on the PC, opens a group
deliberation at today's group study; the deputy checked in sees it on the session page on the
phone (390x844) and is sent to the report; the remarks of the deputies present are on the
projector; the clerk ticks those to carry forward, without changing a word, and downloads the
审议意见汇总 as .docx and PDF. Then the demo's past deliberation on the projector. In Chinese and
in English."""

from datetime import timedelta
from io import BytesIO

import docx
import pytest
from django.utils import timezone
from pypdf import PdfReader

from deliberation.models import GroupDeliberation, ReportExercise
from deliberation.reports.demo import TITLE
from deliberation.reports.services import add_remark
from deputies.demo import DEMO_PASSWORD
from deputies.models import Deputy, LiaisonStation, User
from studysessions.attendance import mark_present
from studysessions.demo import STATION
from studysessions.models import Attendance
from studysessions.services import schedule_session

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "zh-hans": {
        "open_link": "开始分组审议",
        "open": "开始审议",
        "save": "保存标记",
        "saved": "标记已保存：2条意见纳入汇总。",
        "projector": "投影模式",
        "docx": "审议意见汇总（Word）",
        "pdf": "审议意见汇总（PDF）",
        "close": "结束审议",
    },
    "en": {
        "open_link": "Open a group deliberation",
        "open": "Open the deliberation",
        "save": "Save the marks",
        "saved": "Marks saved: 2 remarks carried forward.",
        "projector": "Projector view",
        "docx": "Summary (.docx)",
        "pdf": "Summary (PDF)",
        "close": "Close the deliberation",
    },
}

PROBLEM = "报告说养老点覆盖率70%，可我们社区的养老点一周只开两天，老人说去了也没人。"
SUGGESTION = "建议镇民政办年内给每个互助养老点配一名固定管理员，经费列入明年预算。"
ABSENT = "这是没到会的代表写的意见，不应上屏。"


def session_today():
    """Today's session at the demo station: two deputies checked in, each with a remark on the
    demo's report; a third, not there, with one too."""
    station = LiaisonStation.objects.get(name=STATION)
    staff = User.objects.get(mobile="13700000003")
    deputies = list(Deputy.objects.active().filter(station=station).order_by("user__mobile"))
    now = timezone.now()
    (session,) = schedule_session(
        station=station,
        created_by=staff,
        invitees=deputies,
        whole_station=True,
        topic="分组审议镇政府工作报告",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=80),
        place="东街社区代表联络站会议室",
    )
    report = ReportExercise.objects.get(title=TITLE)
    paragraph = next(p for p in report.paragraphs.all() if "新建村级互助养老点6个" in p.text)
    later = next(p for p in report.paragraphs.all() if "新建村级互助养老点4个" in p.text)
    first = Deputy.objects.get(user__mobile="13900000002")
    second = next(d for d in deputies if d.pk != first.pk and d.user.mobile != "13900000001")
    absent = next(d for d in deputies if d.pk not in (first.pk, second.pk))
    for deputy in (first, second):
        mark_present(session=session, deputy=deputy, recorded_by=staff, method=Attendance.Method.QR)
    add_remark(deputy=first, paragraph=paragraph, data={"kind": "problem", "text": PROBLEM})
    add_remark(deputy=second, paragraph=later, data={"kind": "suggestion", "text": SUGGESTION})
    add_remark(deputy=absent, paragraph=later, data={"kind": "problem", "text": ABSENT})
    return session, report, first, second


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_clerk_runs_a_group_deliberation_and_downloads_the_summary(
    demo, new_page, screenshot, tmp_path, language
):
    words = WORDS[language]
    session, report, first, second = session_today()

    clerk = new_page(DESKTOP, language)
    clerk.on("dialog", lambda dialog: dialog.accept())
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    clerk.goto(f"/study/staff/{session.pk}/")
    with clerk.expect_navigation():
        clerk.get_by_role("link", name=words["open_link"]).click()
    clerk.check(f"input[name=exercise][value='{report.pk}']")
    clerk.check("input[name=attributed][value='1']")
    clerk.fill("input[name=convener]", first.user.name)
    assert_fits(clerk)
    screenshot(clerk, f"group-open-desktop-{language}")
    with clerk.expect_navigation():
        clerk.get_by_role("button", name=words["open"]).click()
    group = GroupDeliberation.objects.get(session=session)
    assert group.is_open

    # The deputy checked in sees it on the session page and goes to the report.
    phone = new_page(PHONE, language)
    sign_in(phone, "13900000002", DEMO_PASSWORD)
    phone.goto(f"/study/{session.pk}/")
    assert_fits(phone)
    screenshot(phone, f"group-session-page-phone-{language}")
    with phone.expect_navigation():
        phone.locator(f"a[href='/deliberation/reports/{report.pk}/']").first.click()
    assert report.title in phone.locator("main").inner_text()

    # The projector: the two present, by section and kind; not the absent deputy's.
    clerk.goto(f"/deliberation/staff/group-deliberations/{group.pk}/screen/")
    text = clerk.locator("main").inner_text()
    assert PROBLEM in text and SUGGESTION in text and ABSENT not in text
    assert first.user.name in text
    screenshot(clerk, f"group-projector-desktop-{language}")

    # The clerk ticks the two and saves (a plain form).
    clerk.goto(f"/deliberation/staff/group-deliberations/{group.pk}/")
    for remark in group.exercise.remarks.filter(text__in=[PROBLEM, SUGGESTION]):
        clerk.check(f"input[name=carried][value='{remark.pk}']")
    with clerk.expect_navigation():
        clerk.get_by_role("button", name=words["save"]).click()
    assert words["saved"] in clerk.locator("main").inner_text()
    assert_fits(clerk)
    screenshot(clerk, f"group-marks-desktop-{language}")

    with clerk.expect_download() as download:
        clerk.get_by_role("link", name=words["docx"]).click()
    path = tmp_path / "summary.docx"
    download.value.save_as(path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert text.startswith(f"关于《{report.title}》的审议意见汇总")
    assert f"{PROBLEM}（{first.user.name}代表）" in text
    assert f"{SUGGESTION}（{second.user.name}代表）" in text
    assert ABSENT not in text

    with clerk.expect_download() as download:
        clerk.get_by_role("link", name=words["pdf"]).click()
    path = tmp_path / "summary.pdf"
    download.value.save_as(path)
    pdf = "".join(
        "".join(page.extract_text().split()) for page in PdfReader(BytesIO(path.read_bytes())).pages
    )
    assert "".join(PROBLEM.split()) in pdf and ABSENT not in pdf

    with clerk.expect_navigation():
        clerk.get_by_role("button", name=words["close"]).click()
    group.refresh_from_db()
    assert group.is_closed
    phone.goto(f"/study/{session.pk}/")
    assert phone.locator(f"a[href='/deliberation/reports/{report.pk}/']").count() == 0


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_demos_past_deliberation_on_the_projector(demo, new_page, screenshot, language):
    group = GroupDeliberation.objects.get()
    clerk = new_page(DESKTOP, language)
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    clerk.goto(f"/deliberation/staff/group-deliberations/{group.pk}/screen/")
    text = clerk.locator("main").inner_text()
    assert "120万元" in text
    screenshot(clerk, f"group-demo-projector-desktop-{language}")
    clerk.goto(f"/deliberation/staff/group-deliberations/{group.pk}/")
    screenshot(clerk, f"group-demo-marks-desktop-{language}")
