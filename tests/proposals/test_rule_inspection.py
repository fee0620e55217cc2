"""The checker on an inspection's plan and its report (genres "visit_plan", "visit_report"):
each rule fires on a text written to break it and stays quiet on a sound one; the other genres'
rules stay off these texts; a pasted plan or report is split at its headings; and the migration
seeds the rules."""

import importlib

import pytest
from django.apps import apps as django_apps

from proposals.checker import Rule, check, rule_problems
from proposals.models import CheckRule
from proposals.rule_defaults import DEFAULT_RULES
from proposals.split import split_text

RULES = [Rule.from_dict(entry) for entry in DEFAULT_RULES]

GOOD_PLAN = {
    "purpose": "了解全镇农村饮水安全工程的运行和管护，听取村民对水质、水压的意见。",
    "route": "6月12日上午：河东村蓄水池 → 河东村三组供水点 → 镇自来水厂。",
    "focus_questions": (
        "1. 河东村蓄水池多久清洗一次？看一看清洗记录。\n"
        "2. 三组供水点去年停水几次，每次停多长时间？\n"
        "3. 镇自来水厂的水质检测报告，最近一份是哪天出的？"
    ),
    "participants": "王秀英（提问、记录）、陈丽（拍照）。",
}
GOOD_REPORT = {
    "overview": (
        "6月12日，镇人大主席团组织5名代表视察农村饮水安全工程，实地察看了河东村蓄水池、"
        "三组供水点和镇自来水厂，并与12户村民座谈。"
    ),
    "issues": "三组供水点今年停水4次，最长一次停了两天；村民说高处的6户夏天水压不够。",
    "recommendations": ("建议镇人民政府在7月底前为三组加装1台增压泵，停水前一天在村务公开栏公示。"),
}


def codes(parts, genre):
    return {f.rule.code for f in check(parts, genre=genre, level="township", rules=RULES).findings}


def test_every_inspection_rule_is_sound():
    for rule in RULES:
        if set(rule.genres) & {"visit_plan", "visit_report"}:
            assert rule_problems(rule) == [], rule.code


def test_a_sound_plan_and_a_sound_report_get_no_finding():
    assert codes(GOOD_PLAN, "visit_plan") == set()
    assert codes(GOOD_REPORT, "visit_report") == set()


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("3. 饮水工程的情况如何？", "question-vague"),
        ("群众满意度高不高，大家觉得多少分？", "question-no-place"),
        ("河东村蓄水池的管护到位吗？", "question-nothing-to-measure"),
        ("蓄水池是否每月清洗？看清洗记录。", "question-yes-no"),
    ],
)
def test_each_vague_question_is_flagged_on_its_own_line(question, code):
    plan = {**GOOD_PLAN, "focus_questions": GOOD_PLAN["focus_questions"] + "\n" + question}
    report = check(plan, genre="visit_plan", level="township", rules=RULES)
    found = [f for f in report.findings if f.rule.code == code]
    assert len(found) == 1
    # The quote is from the question, numbering left out.
    assert found[0].quote in question
    assert found[0].part == "focus_questions"


def test_a_question_asking_how_many_is_not_a_yes_no_question():
    plan = {**GOOD_PLAN, "focus_questions": "三组供水点是否停过水，停了几次？"}
    assert "question-yes-no" not in codes(plan, "visit_plan")


def test_an_empty_plan_and_report_miss_their_parts():
    plan = check({}, genre="visit_plan", level="township", rules=RULES)
    assert {f.part for f in plan.findings if f.rule.code == "plan-missing-part"} == {
        "purpose",
        "route",
        "focus_questions",
        "participants",
    }
    assert not plan.passed
    report = check({}, genre="visit_report", level="township", rules=RULES)
    assert {f.part for f in report.findings if f.rule.code == "report-missing-part"} == {
        "overview",
        "issues",
        "recommendations",
    }


def test_a_problem_without_evidence_is_flagged():
    report = {**GOOD_REPORT, "issues": "饮水工程管护不到位，群众意见较大。"}
    assert "report-no-evidence" in codes(report, "visit_report")


def test_an_exhortation_is_not_a_suggestion_and_an_unnamed_office_is_nobody():
    report = {**GOOD_REPORT, "recommendations": "建议有关部门高度重视，进一步加强管护。"}
    assert {"report-vague-suggestion", "report-no-addressee"} <= codes(report, "visit_report")


@pytest.mark.parametrize(
    "sentence",
    [
        "代表当场责令施工方返工。",
        "视察组现场拍板，由村里先垫钱修好。",
        "王代表当场解决了两户的用水问题。",
    ],
)
def test_a_deputy_handling_the_problem_on_site_is_flagged(sentence):
    report = {**GOOD_REPORT, "overview": GOOD_REPORT["overview"] + sentence}
    result = check(report, genre="visit_report", level="township", rules=RULES)
    found = [f for f in result.findings if f.rule.code == "handled-on-site"]
    assert found and found[0].part == "overview"
    assert not result.passed
    assert "第三十一条" in found[0].rule.basis


def test_suggesting_that_an_office_see_to_it_is_not_handling_it():
    report = {**GOOD_REPORT, "recommendations": "建议镇规划建设办督促施工方在6月底前返工。"}
    assert "handled-on-site" not in codes(report, "visit_report")


def test_the_proposal_rules_stay_off_inspection_texts():
    proposal_codes = {r.code for r in RULES if set(r.genres) <= {"suggestion", "motion"}}
    bad = dict.fromkeys(("overview", "issues", "recommendations"), "")
    assert not codes(bad, "visit_report") & proposal_codes


def test_a_pasted_report_is_split_at_its_headings():
    text = (
        "一、基本情况\n6月12日视察了河东村。\n二、发现的问题\n停水4次。\n"
        "三、意见建议\n建议加装增压泵。"
    )
    assert split_text(text, "visit_report") == {
        "overview": "6月12日视察了河东村。",
        "issues": "停水4次。",
        "recommendations": "建议加装增压泵。",
    }
    # Text under no heading opens the first part.
    assert split_text("去河东村看水池。", "visit_plan")["purpose"] == "去河东村看水池。"


@pytest.mark.django_db
def test_the_migration_seeds_the_inspection_rules_and_takes_them_back():
    migration = importlib.import_module("proposals.migrations.0008_inspection_genres")
    wanted = {r.code for r in RULES if set(r.genres) & {"visit_plan", "visit_report"}}
    CheckRule.objects.filter(code__in=wanted).delete()
    migration.forward(django_apps, None)
    assert set(CheckRule.objects.filter(code__in=wanted).values_list("code", flat=True)) == wanted
    migration.backward(django_apps, None)
    assert not CheckRule.objects.filter(code__in=wanted).exists()
    assert CheckRule.objects.filter(code="no-evidence").exists()  # a proposal rule stays
