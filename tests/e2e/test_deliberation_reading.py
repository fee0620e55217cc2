"""A deputy reads a township government's work report on a phone and remarks on it: taps a
paragraph, quotes words selected in it, changes a remark as it saves itself (through a lost
connection too), writes a new one without a connection that is sent when it returns, and
reads them all by part. In Chinese and English, phone and desktop."""

import re

import pytest
from playwright.sync_api import expect

from deliberation.models import Remark, ReportExercise
from deliberation.reports.demo import REPORT
from deliberation.reports.services import import_report
from deputies.factories import DeputyFactory
from proposals.models import Level

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "read-pass-2026"
WORDS = {
    "zh-hans": {
        "link": "审议报告练习：阅读报告，写下审议意见",
        "start": "开始阅读",
        "next": "下一部分",
        "add": "对这段写意见",
        "problem": "问题",
        "question": "询问",
        "save": "保存意见",
        "change": "修改或删除",
        "saved": "已保存",
        "mine": "查看我的全部意见",
        "kept": "没有网络",
    },
    "en": {
        "link": "Practise deliberating a report: read it and note your remarks",
        "start": "Start reading",
        "next": "Next part",
        "add": "Remark on this paragraph",
        "problem": "A problem",
        "question": "A question",
        "save": "Save remark",
        "change": "Change or delete",
        "saved": "Saved",
        "mine": "See all my remarks",
        "kept": "No connection",
    },
}
SELECT = """([key, words]) => {
  const paragraph = document.querySelector(`[data-paragraph="${key}"]`);
  const node = paragraph.firstChild;
  const start = node.textContent.indexOf(words);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + words.length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


@pytest.fixture
def deputy():
    return DeputyFactory(user__mobile="13600000031", user__name="审议代表", user__password=PASSWORD)


@pytest.fixture
def exercise():
    exercise = ReportExercise.objects.create(
        title="城关镇人民政府工作报告", level=Level.TOWNSHIP, live=True
    )
    import_report(exercise=exercise, text=REPORT)
    return exercise


def paragraph(exercise, words):
    return next(p for p in exercise.paragraphs.all() if words in p.text)


@pytest.mark.parametrize(
    ("size", "language"), [("phone", "zh-hans"), ("phone", "en"), ("desktop", "zh-hans")]
)
def test_read_and_remark(new_page, screenshot, deputy, exercise, size, language):
    words = WORDS[language]
    page = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(page, "13600000031", PASSWORD)
    page.goto("/proposals/")
    with page.expect_navigation():
        page.get_by_role("link", name=words["link"]).click()
    with page.expect_navigation():
        page.get_by_role("link", name=exercise.title).click()
    assert_fits(page)
    screenshot(page, f"report-contents-{size}-{language}")
    with page.expect_navigation():
        page.get_by_role("link", name=words["start"]).click()
    page.get_by_role("link", name=words["next"]).click()
    page.wait_for_url("**/sections/2/")

    # Words selected in the paragraph, then a tap on it: its form opens with them quoted.
    water = paragraph(exercise, "约900人依靠自建水井供水")
    article = page.locator(f"#p-{water.key}")
    article.scroll_into_view_if_needed()
    page.evaluate(SELECT, [water.key, "约900人依靠自建水井供水"])
    article.locator("[data-paragraph]").click()
    assert article.locator("input[name=quote]").input_value() == "约900人依靠自建水井供水"
    article.get_by_role("radio", name=re.compile(f"^{words['problem']}")).check()
    article.locator("textarea[name=text]").fill("普及率97.5%，但南岭片区还有900人吃不上自来水。")
    assert_fits(page)
    screenshot(page, f"report-remark-form-{size}-{language}")
    article.get_by_role("button", name=words["save"]).click()
    page.wait_for_url("**/sections/2/#r-*")
    remark = Remark.objects.get()
    assert (remark.deputy, remark.paragraph, remark.kind) == (deputy, water, "problem")
    assert remark.quote == "约900人依靠自建水井供水"

    # Changed: saved as typed, and through a lost connection.
    card = page.locator(f"#p-{water.key}")
    card.get_by_text(words["change"]).click()
    box = card.locator(f"#id_r{remark.pk}_text")
    box.fill("普及率97.5%，但南岭片区还有约900人吃不上自来水，夏天水压不够。")
    status = card.locator("[data-save-status]")
    # "Not saved yet" holds "saved": the status must start with it.
    status.filter(has_text=re.compile(f"^{words['saved']}")).wait_for()
    page.context.set_offline(True)
    box.fill(box.input_value() + "去年7月停水一周。")
    page.wait_for_timeout(1500)
    page.context.set_offline(False)
    page.wait_for_function(
        f"() => document.querySelector('[data-draft=remark-{remark.pk}] [data-save-status]')"
        f".textContent.startsWith('{words['saved']}')",
        timeout=15000,
    )
    remark.refresh_from_db()
    assert remark.text.endswith("去年7月停水一周。") and remark.saved_version >= 3
    screenshot(page, f"report-remarks-{size}-{language}")

    # A new remark without a connection: kept, then sent when the connection returns.
    elderly = paragraph(exercise, "入住率为62%")
    page.goto(f"/deliberation/reports/{exercise.pk}/sections/2/#p-{elderly.key}")
    article = page.locator(f"#p-{elderly.key}")
    article.locator("summary", has_text=words["add"]).click()
    article.get_by_role("radio", name=re.compile(f"^{words['question']}")).check()
    article.locator("textarea[name=text]").fill("敬老院空着的床位是什么原因？")
    article.locator("input[name=department]").fill("镇民政办")
    page.context.set_offline(True)
    article.get_by_role("button", name=words["save"]).click()
    article.locator("[data-pending]").filter(has_text=words["kept"]).wait_for()
    assert Remark.objects.count() == 1
    page.context.set_offline(False)
    key = f"draft:new-remarks:{deputy.user.pk}:{exercise.pk}"
    page.wait_for_function(f"() => !localStorage.getItem('{key}')")
    page.wait_for_load_state()
    assert Remark.objects.filter(department="镇民政办", paragraph=elderly).exists()

    page.goto(f"/deliberation/reports/{exercise.pk}/remarks/")
    main = page.locator("main").inner_text()
    assert "敬老院空着的床位是什么原因？" in main and "去年7月停水一周。" in main
    assert_fits(page)
    screenshot(page, f"report-my-remarks-{size}-{language}")


def test_another_tab_is_told_not_overwritten(new_page, deputy, exercise):
    page = new_page(PHONE, "en")
    sign_in(page, "13600000031", PASSWORD)
    from deliberation.reports.services import add_remark

    water = paragraph(exercise, "约900人依靠自建水井供水")
    remark = add_remark(deputy=deputy, paragraph=water, data={"kind": "problem", "text": "水"})
    url = f"/deliberation/reports/{exercise.pk}/sections/2/"
    other = page.context.new_page()
    page.goto(url)
    other.goto(url)
    status = f"[data-draft=remark-{remark.pk}] [data-save-status]"
    # One tab saves first, then the other, which opened the remark before that save, types:
    # in this order whatever the load (a background tab's timers may run late).
    for tab, text in ((page, "第一个标签页"), (other, "第二个标签页")):
        tab.locator(f"#r-{remark.pk} + li summary").click()
        tab.locator(f"#id_r{remark.pk}_text").fill(text)
        if tab is page:
            page.locator(f"{status}[data-state=ok]").wait_for(timeout=15000)
    other.locator(status).filter(has_text="another tab").wait_for(timeout=15000)
    remark.refresh_from_db()
    assert remark.text == "第一个标签页"


def test_an_editor_pastes_a_report_and_sees_its_sections(new_page, screenshot):
    from deputies.factories import UserFactory
    from deputies.models import StaffRole
    from deputies.services import grant_role

    editor = UserFactory(mobile="13700000044", name="编辑", password=PASSWORD)
    grant_role(user=editor, kind=StaffRole.Kind.EDITOR)
    page = new_page(DESKTOP, "zh-hans")
    sign_in(page, "13700000044", PASSWORD)
    page.goto("/admin/deliberation/reports/new/")
    page.fill("input[name=title]", "城关镇人民政府工作报告")
    page.select_option("select[name=level]", "township")
    page.fill("textarea[name=report_text]", REPORT)
    page.check("input[name=live]")
    page.get_by_role("button", name="创建", exact=True).click()
    page.wait_for_url("**/admin/deliberation/reports/")
    expect(page.locator(".messages li").first).to_contain_text("全文分成 5 个部分，共 24 段。")
    exercise = ReportExercise.objects.get()
    page.goto(f"/admin/deliberation/reports/edit/{exercise.pk}/")
    listed = page.locator(".report-admin-sections").inner_text()
    assert "一、2025年工作回顾" in listed and "四、加强政府自身建设" in listed
    page.locator(".report-admin-sections").scroll_into_view_if_needed()
    screenshot(page, "report-admin-desktop-zh-hans")
