"""The checker's feedback on each remark: on the section page, on "my remarks", and in the
autosave's reply; a formula remark gets the formula finding, a good one nothing to fix; the
rules and the report's text are read once a page."""

import json

import pytest
from django.urls import reverse

from deliberation.reports.factories import report_exercise
from deliberation.reports.services import add_remark
from deliberation.speeches.feedback import attach_feedback, remark_text, report_text


@pytest.fixture
def exercise(db):
    return report_exercise()


def paragraph_with(exercise, words):
    return next(p for p in exercise.paragraphs.all() if words in p.text)


@pytest.fixture
def weak(deputy, exercise):
    return add_remark(
        deputy=deputy,
        paragraph=paragraph_with(exercise, "新修村道12公里"),
        data={"kind": "assessment", "text": "完全同意报告，报告实事求是，重点突出。"},
    )


@pytest.fixture
def good(deputy, exercise):
    return add_remark(
        deputy=deputy,
        paragraph=paragraph_with(exercise, "养护资金60万元"),
        data={
            "kind": "question",
            "text": "村道养护资金60万元从哪一项预算安排？每公里每年有多少？",
            "department": "镇财政所",
        },
    )


def codes(remark):
    return [finding["code"] for finding in remark.feedback["findings"]]


def test_a_formula_remark_gets_the_formula_finding_and_a_good_one_none_to_fix(exercise, weak, good):
    attach_feedback([weak, good], exercise=exercise)
    assert "formula-only" in codes(weak) and weak.feedback["errors"] >= 1
    assert good.feedback["errors"] == 0
    assert "question-no-addressee" not in codes(good)


def test_a_question_is_checked_with_the_department_it_names(good):
    assert remark_text(good).startswith("镇财政所：")
    good.department = ""
    assert remark_text(good) == good.text


def test_the_report_text_is_its_paragraphs_in_order(exercise, django_assert_num_queries):
    with django_assert_num_queries(1):
        text = report_text(exercise)
    assert text.index("新修村道12公里") < text.index("养护资金60万元")


def test_rules_and_report_are_read_once_for_all_remarks(
    exercise, weak, good, django_assert_num_queries
):
    with django_assert_num_queries(2):
        attach_feedback([weak, good, weak], exercise=exercise)


def test_the_section_page_shows_each_remarks_findings(english, deputy, exercise, weak, good):
    english.force_login(deputy.user)
    page = english.get(reverse("deliberation:report_section", args=[exercise.pk, 2])).text
    assert f'id="rf-{weak.pk}"' in page and f'data-feedback="rf-{weak.pk}"' in page
    assert "The checker has" in page and "How to fix it:" in page
    # The quoted words marked, as on the draft page.
    assert "<mark>完全同意报告</mark>" in page and "finding--error" in page
    page = english.get(reverse("deliberation:report_section", args=[exercise.pk, 4])).text
    assert f'id="rf-{good.pk}"' in page and "finding--error" not in page


def test_my_remarks_show_the_findings_too(english, deputy, exercise, weak, good):
    english.force_login(deputy.user)
    page = english.get(reverse("deliberation:my_remarks", args=[exercise.pk])).text
    assert page.count('class="remark-feedback"') == 2
    assert "How to fix it:" in page


def test_the_autosave_replies_with_the_findings_on_the_saved_text(client, deputy, weak):
    client.force_login(deputy.user)
    url = reverse("deliberation:remark_autosave", args=[weak.pk])
    body = {"parts": {"kind": "assessment", "text": "完全同意。"}, "saved_version": 1}
    reply = client.post(url, json.dumps(body), content_type="application/json").json()
    assert f'id="rf-{weak.pk}"' in reply["feedback"] and "finding--error" in reply["feedback"]
    better = "全年新修村道12公里，比上年多4公里，群众出行方便了，这项工作值得肯定。"
    body = {"parts": {"kind": "assessment", "text": better}, "saved_version": 2}
    reply = client.post(url, json.dumps(body), content_type="application/json").json()
    assert "finding--error" not in reply["feedback"]
