"""How a checker's report reads: the verdict before the score, and only the words that made a
finding marked, in the finding's quote and in a revision's text; reports kept before findings
named their words still show."""

from django.template.loader import render_to_string
from django.urls import reverse

from proposals.factories import GOOD, VAGUE
from proposals.models import Revision
from proposals.selectors import marked, report_view
from proposals.services import save_draft, submit_draft


def finding(**fields) -> dict:
    return {
        "code": "vague-wording",
        "name": "空话套话",
        "criterion": "wording",
        "severity": "warning",
        "part": "measures",
        "quote": "希望有关部门高度重视，尽快解决",
        "words": ["有关部门", "尽快"],
        "message": "说得太空。",
        "fix": "写清谁来做。",
        "basis": "代表法",
        **fields,
    }


def shown(report_finding: dict) -> str:
    report = report_view({"findings": [report_finding]}, genre="suggestion")
    return render_to_string("proposals/finding.html", {"finding": report["by_part"]["measures"][0]})


def quote_html(html: str) -> str:
    start = html.index('class="finding__quote">') + len('class="finding__quote">')
    return html[start : html.index("</p>", start)]


# Marking the words


def test_only_the_words_of_a_finding_are_marked_in_its_quote():
    assert (
        quote_html(shown(finding()))
        == "「希望<mark>有关部门</mark>高度重视，<mark>尽快</mark>解决」"
    )


def test_overlapping_and_repeated_words_are_marked_once_each_place():
    # Words that overlap or touch are one mark; each place a word stands is marked.
    pieces = marked("有关部门说，有关部门。哈哈哈", ["有关", "有关部门", "部门说", "哈哈"])
    assert pieces == [
        {"text": "有关部门说", "marked": True},
        {"text": "，", "marked": False},
        {"text": "有关部门", "marked": True},
        {"text": "。", "marked": False},
        {"text": "哈哈哈", "marked": True},
    ]
    assert marked("甲乙甲", ["甲"]) == [
        {"text": "甲", "marked": True},
        {"text": "乙", "marked": False},
        {"text": "甲", "marked": True},
    ]


def test_a_finding_without_words_shows_its_quote_unmarked():
    assert quote_html(shown(finding(words=[]))) == "「希望有关部门高度重视，尽快解决」"
    # Kept before findings named their words.
    old = finding()
    del old["words"]
    assert quote_html(shown(old)) == "「希望有关部门高度重视，尽快解决」"


def test_markup_in_a_quote_stays_text():
    html = shown(finding(quote="<b>请有关部门</b>&", words=["有关部门", "<b>"]))
    assert quote_html(html) == ("「<mark>&lt;b&gt;</mark>请<mark>有关部门</mark>&lt;/b&gt;&amp;」")


def test_a_revision_marks_the_words_not_the_sentences(english, deputy, draft):
    revision = submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    words = {
        word for f in revision.report["findings"] if f["part"] == "measures" for word in f["words"]
    }
    assert words, "the checker names the words of some finding on the measures"
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:revision", args=[draft.pk, 1])).text
    measures = page[page.index("<h2>Suggested measures</h2>") :]
    text = measures[measures.index('<p class="draft-text">') + 22 : measures.index("</p>")]
    assert text.replace("<mark>", "").replace("</mark>", "") == VAGUE["measures"]
    marked_pieces = [piece.split("</mark>")[0] for piece in text.split("<mark>")[1:]]
    assert marked_pieces and all(any(word in piece for word in words) for piece in marked_pieces)
    assert "".join(marked_pieces) != VAGUE["measures"].rstrip("。")


def test_a_revision_kept_before_findings_named_words_still_shows(english, deputy, draft):
    revision = submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    old = dict(revision.report)
    old["findings"] = [
        {key: value for key, value in f.items() if key != "words"} for f in old["findings"]
    ]
    Revision.objects.filter(pk=revision.pk).update(report=old)
    english.force_login(deputy.user)
    response = english.get(reverse("proposals:revision", args=[draft.pk, 1]))
    assert response.status_code == 200
    # As then: the whole quote marked in the text, the quote under the finding unmarked.
    assert "<mark>希望有关部门高度重视，尽快解决</mark>" in response.text
    assert "「希望有关部门高度重视，尽快解决」" in response.text


# The verdict first, the score after it


def test_a_failing_draft_reads_must_be_revised_before_its_score(client, deputy, draft):
    save_draft(draft=draft, parts=VAGUE, saved_version=0)
    client.force_login(deputy.user)
    page = client.get(reverse("proposals:draft", args=[draft.pk]) + "?check=1").text
    report = page[page.index('id="report"') :]
    assert report.index("需要修改") < report.index("处必须修改") < report.index("得分：")
    assert "可以提交" not in report
    assert '<span class="stat__value">' not in report


def test_a_passing_draft_reads_ready_to_submit_before_its_score(client, deputy, draft):
    save_draft(draft=draft, parts=GOOD, saved_version=0)
    client.force_login(deputy.user)
    page = client.get(reverse("proposals:draft", args=[draft.pk]) + "?check=1").text
    report = page[page.index('id="report"') :]
    assert report.index("可以提交") < report.index("得分：100 / 100")
    assert "需要修改" not in report


def verdict_then_score(page: str) -> bool:
    report = page[page.index('id="report"') :]
    return "Passes the checker" not in report and (
        report.index("Must be revised") < report.index("Score: ")
    )


def test_a_revision_and_its_review_read_the_verdict_first(english, deputy, draft, station_staff):
    revision = submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    english.force_login(deputy.user)
    assert verdict_then_score(english.get(reverse("proposals:revision", args=[draft.pk, 1])).text)
    english.force_login(station_staff)
    assert verdict_then_score(english.get(reverse("proposals:review", args=[revision.pk])).text)
