"""A deputy on a phone sees the checker's notes under a remark, watches them change as the
remark saves itself, then composes the deliberation speech from their remarks and sees how
long it takes to read aloud, the figure following what they type. In Chinese and English."""

import re

import pytest
from playwright.sync_api import expect

from deliberation.models import ReportExercise
from deliberation.reports.demo import REPORT
from deliberation.reports.services import add_remark, import_report
from deputies.factories import DeputyFactory
from proposals.models import Draft, Level

from .browser import PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "speech-pass-2026"
WORDS = {
    "zh-hans": {
        "notes": "自动检查对这条意见有",
        "formula": "不只说套话",
        "change": "修改或删除",
        "mine": "我的意见",
        "compose": "写审议发言",
        "spoken": "照稿念约需",
        "back": "回到报告和我的审议意见",
    },
    "en": {
        "notes": "The checker has",
        "formula": "不只说套话",
        "change": "Change or delete",
        "mine": "My remarks",
        "compose": "Compose my speech",
        "spoken": "Spoken length: about",
        "back": "Back to the report and your remarks",
    },
}


@pytest.fixture
def deputy():
    return DeputyFactory(user__mobile="13600000032", user__name="发言代表", user__password=PASSWORD)


@pytest.fixture
def exercise(deputy):
    exercise = ReportExercise.objects.create(
        title="城关镇人民政府工作报告", level=Level.TOWNSHIP, live=True
    )
    import_report(exercise=exercise, text=REPORT)
    paragraphs = list(exercise.paragraphs.all())

    def on(words):
        return next(p for p in paragraphs if words in p.text)

    add_remark(
        deputy=deputy,
        paragraph=on("全镇实现地区生产总值18.6亿元"),
        data={"kind": "assessment", "text": "完全同意报告，报告实事求是，重点突出。"},
    )
    add_remark(
        deputy=deputy,
        paragraph=on("完成11处村级水源地保护设施建设"),
        data={
            "kind": "problem",
            "text": "普及率97.5%，但南岭片区还有约900人靠自建水井吃水，夏天水压不够。",
        },
    )
    add_remark(
        deputy=deputy,
        paragraph=on("启动南岭片区供水管网延伸工程"),
        data={
            "kind": "suggestion",
            "text": "建议镇农业农村办在2026年6月底前完成南岭片区主管铺设。",
        },
    )
    return exercise


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_feedback_then_the_speech(new_page, screenshot, deputy, exercise, language):
    words = WORDS[language]
    page = new_page(PHONE, language)
    sign_in(page, "13600000032", PASSWORD)
    page.goto(f"/deliberation/reports/{exercise.pk}/sections/2/")
    weak = exercise.remarks.get(kind="assessment")
    notes = page.locator(f"#rf-{weak.pk}")
    expect(notes).to_contain_text(words["notes"])
    expect(notes).to_contain_text(words["formula"])
    notes.scroll_into_view_if_needed()
    assert_fits(page)
    screenshot(page, f"speech-remark-notes-phone-{language}")

    # Rewritten, the remark saves itself and its notes follow: the formula finding goes.
    card = page.locator(f"#r-{weak.pk}").locator("xpath=following-sibling::li[1]")
    card.get_by_text(words["change"]).click()
    card.locator(f"#id_r{weak.pk}_text").fill(
        "全镇地区生产总值18.6亿元，增长5.8%，民生支出占71%，这个比例值得肯定。"
    )
    expect(page.locator(f"#rf-{weak.pk}")).not_to_contain_text(words["formula"], timeout=10000)

    page.goto(f"/deliberation/reports/{exercise.pk}/remarks/")
    page.get_by_role("button", name=words["compose"]).click()
    page.wait_for_url(re.compile(r"/proposals/drafts/\d+/"))
    draft = Draft.objects.get(deputy=deputy)
    assert "南岭片区还有约900人" in draft.parts["problems"] and "（" in draft.parts["problems"]
    spoken = page.locator("[data-spoken]")
    expect(spoken).to_contain_text(words["spoken"])
    expect(page.get_by_role("link", name=words["back"])).to_be_visible()
    assert_fits(page)
    screenshot(page, f"speech-draft-phone-{language}")

    # The figure follows the typing: three minutes' worth of text reads 3.
    page.locator("textarea[name=problems]").fill("南岭片区的饮水问题要早解决。" * 54)
    expect(spoken).to_contain_text("3")
    assert spoken.get_attribute("data-state") is None
    screenshot(page, f"speech-draft-typed-phone-{language}")
