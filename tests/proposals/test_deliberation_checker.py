"""The checker on remarks on a government report and deliberation speeches (genre
"deliberation"): each rule fires on what it is for and stays quiet on sound remarks close to
it, the unlabelled text is sorted into its parts, and the proposal rules and the deliberation
rules stay out of each other's texts.

The report is a fictional 城关镇 government work report (deliberation/report-chengguan.txt);
the remarks and speeches are written for these tests, the formula ones as local news quotes
deputies."""

import re
import tomllib
from pathlib import Path

import pytest

from proposals.checker import PARTS, Rule, check, rule_problems
from proposals.checker.speech import remark_parts, split_remarks
from proposals.rule_defaults import DEFAULT_RULES

HERE = Path(__file__).parent / "deliberation"
REPORT = (HERE / "report-chengguan.txt").read_text("utf-8")
RULES = [Rule.from_dict(entry) for entry in DEFAULT_RULES]
DELIBERATION = [rule for rule in RULES if rule.genres == ("deliberation",)]
CODES = {rule.code for rule in DELIBERATION}


def text(name: str) -> str:
    return (HERE / f"{name}.txt").read_text("utf-8")


def run(words: str, *, report=REPORT, speech=None, kind=None, level="township", rules=RULES):
    parts = remark_parts(words, kind) if kind else split_remarks(words)
    return check(
        parts, genre="deliberation", level=level, rules=rules, report=report, speech=speech
    )


def codes(report) -> set[str]:
    return {finding.rule.code for finding in report.findings}


def test_the_shipped_deliberation_rules_are_sound_and_only_for_deliberation():
    assert {
        "formula-only",
        "praise-heavy",
        "problem-untied",
        "no-report-figure",
        "vague-suggestion",
        "suggestion-no-addressee",
        "question-no-addressee",
        "personal-attack",
        "speech-too-long",
        "speech-too-short",
    } == CODES
    for rule in DELIBERATION:
        assert rule_problems(rule) == [], rule.code
        assert set(rule.parts) <= set(PARTS["deliberation"])
    severities = {rule.code: rule.severity for rule in DELIBERATION}
    assert severities["formula-only"] == severities["personal-attack"] == "error"
    assert severities["praise-heavy"] == severities["speech-too-long"] == "warning"
    # Every other rule is a proposal's, and says so.
    others = [rule for rule in RULES if rule not in DELIBERATION]
    assert all(rule.genres and "deliberation" not in rule.genres for rule in others)


# Both ways, rule by rule.


@pytest.mark.parametrize(
    "remark",
    [
        "完全同意报告。",
        "报告实事求是，没有意见。",
        text("formula-news").strip(),
        "同意这个报告，报告思路清晰、措施有力，振奋人心。我就说这些，谢谢大家！",
        "",
    ],
)
def test_formula_only_fires_on_a_remark_of_nothing_but_formula(remark):
    report = run(remark)
    assert "formula-only" in codes(report)
    assert not report.passed
    [finding] = [f for f in report.findings if f.rule.code == "formula-only"]
    assert finding.quote == re.split(r"[。！]", remark)[0]


def test_formula_only_marks_the_formula_words():
    [finding] = [
        f for f in run("报告实事求是，没有意见。").findings if f.rule.code == "formula-only"
    ]
    assert finding.words == ("报告", "实事求是", "没有意见")


@pytest.mark.parametrize(
    "remark",
    [
        text("good-speech"),
        # Praise, but of something the report did, that the deputy saw.
        "同意报告。报告说新装路灯420盏，我们杨家村的路灯亮了，晚上赶集回来的老人方便多了。",
        "完全同意报告。但河口村的村道还有11处坑。",
    ],
)
def test_formula_only_stays_quiet_when_something_is_said(remark):
    assert "formula-only" not in codes(run(remark))


PRAISE = (
    "我完全同意这份报告。过去一年全镇各项工作成绩显著，经济稳步发展，民生不断改善，"
    "报告总结成绩实事求是，部署任务重点突出，令人鼓舞。硬化村道18公里，新装路灯420盏，"
    "杨家村、河口村通了公交班车，群众出行方便了，大家都说好。改造农村危房37户，"
    "给1,250名老人发放高龄津贴，家庭医生签约4,600人，镇政府为老百姓办了很多实事。"
    "河道清淤9.5公里，新建垃圾中转站，村庄环境明显变好，成效十分明显，我们很受鼓舞。"
)


def test_praise_heavy_fires_when_praise_takes_most_of_a_speech():
    speech = PRAISE + "但村道养护资金不足。建议镇人民政府今年底前拿出养护方案。"
    report = run(speech)
    assert "praise-heavy" in codes(report)
    [finding] = [f for f in report.findings if f.rule.code == "praise-heavy"]
    assert finding.part == "assessment" and finding.quote == "我完全同意这份报告"
    assert report.passed  # advice only


def test_praise_heavy_stays_quiet_on_a_balanced_speech_and_a_short_remark():
    assert "praise-heavy" not in codes(run(text("good-speech")))
    assert "praise-heavy" not in codes(run("同意报告，村道硬化18公里成绩明显。"))


def test_problem_untied_fires_on_a_problem_the_report_never_mentions():
    report = run(text("off-topic"))
    [finding] = [f for f in report.findings if f.rule.code == "problem-untied"]
    assert finding.part == "problems"
    assert finding.quote == "我们村的广场舞队一直缺音响，跳舞的大妈意见很大"


def test_problem_untied_stays_quiet_on_problems_from_the_report_and_without_a_report():
    assert "problem-untied" not in codes(run(text("good-speech")))
    assert "problem-untied" not in codes(run(text("criticism")))
    # A figure of the report is enough; so is its sentence's neighbour.
    assert "problem-untied" not in codes(run("但今年只安排960万元，还差得远。"))
    assert "problem-untied" not in codes(run(text("off-topic"), report=None))
    assert "problem-untied" not in codes(run(text("off-topic"), report="   "))


def test_no_report_figure_fires_when_the_report_has_figures_and_none_is_cited():
    report = run(text("criticism"))
    [finding] = [f for f in report.findings if f.rule.code == "no-report-figure"]
    assert (finding.part, finding.quote) == ("", "")
    assert report.passed  # advice only


def test_no_report_figure_stays_quiet_when_one_is_cited_or_there_is_nothing_to_cite():
    assert "no-report-figure" not in codes(run(text("good-speech")))
    # 3,860万元 in the report, 3860万 in the remark.
    assert "no-report-figure" not in codes(run("报告说预算收入3860万，问题是支出结构。"))
    assert "no-report-figure" not in codes(run(text("criticism"), report=None))
    words_only = "城关镇人民政府工作报告：去年村道硬化和路灯安装都按期完成。"
    assert "no-report-figure" not in codes(run(text("criticism"), report=words_only))
    # A year or a date is not a figure to cite.
    assert "no-report-figure" not in codes(run(text("criticism"), report="2026年6月底前完成。"))


def test_vague_suggestion_fires_on_exhortation_only():
    report = run("建议镇政府进一步加强村道养护，高度重视群众出行。")
    [finding] = [f for f in report.findings if f.rule.code == "vague-suggestion"]
    assert finding.part == "suggestions"
    assert set(finding.words) >= {"加强", "高度重视"}
    assert not report.passed


def test_vague_suggestion_stays_quiet_on_who_what_and_when():
    assert "vague-suggestion" not in codes(run(text("good-speech")))
    assert "vague-suggestion" not in codes(
        run("建议县交通运输局在今年9月底前给河口村渡口安装护栏。", kind="建议")
    )


def test_suggestion_no_addressee_fires_when_nobody_is_named():
    for remark in ("希望有关部门今年底前把河口村的2公里村道补好。", "建议今年底前补好河口村的路。"):
        report = run(remark, kind="建议")
        assert "suggestion-no-addressee" in codes(report), remark
    [finding] = [
        f
        for f in run("希望有关部门今年底前补好路。", kind="建议").findings
        if f.rule.code == "suggestion-no-addressee"
    ]
    assert finding.words == ("有关部门",)


def test_suggestion_no_addressee_stays_quiet_when_a_body_is_named():
    for remark in (
        "建议镇人民政府今年底前补好河口村的路。",
        "建议县交通运输局9月底前安装护栏。",
        "希望村委会每月公布一次养护账目。",
    ):
        assert "suggestion-no-addressee" not in codes(run(remark, kind="建议")), remark


@pytest.mark.parametrize(
    "question",
    ["请问这笔钱什么时候能到村？", "想问一下有关部门，农贸市场到底什么时候改好？"],
)
def test_question_no_addressee_fires_on_a_question_to_nobody(question):
    report = run(question)
    [finding] = [f for f in report.findings if f.rule.code == "question-no-addressee"]
    assert finding.part == "questions"


@pytest.mark.parametrize(
    "question",
    [
        "请问镇财政所：960万元的村道资金什么时候拨付到村？",
        "想问县交通运输局，河口村的公交班车能不能加一班？",
        "请问镇卫生院，发热门诊晚上有没有医生值班？",
        "询问镇政府：农贸市场改造为什么推迟？",
    ],
)
def test_question_no_addressee_stays_quiet_when_the_question_names_a_body(question):
    assert "question-no-addressee" not in codes(run(question))


@pytest.mark.parametrize(
    ("remark", "marked"),
    [
        (text("attack"), "贪官"),
        ("这个局长根本不配当局长，只会坐办公室。", "局长根本不配"),
        ("他就是个饭桶，什么事都办不成。", "饭桶"),
        ("张某某简直是个骗子，说修路修了三年。", "骗子"),
    ],
)
def test_personal_attack_fires_on_insults_and_attacks_on_a_person(remark, marked):
    report = run(remark)
    [finding] = [f for f in report.findings if f.rule.code == "personal-attack"]
    assert any(marked in word for word in finding.words)
    assert not report.passed


@pytest.mark.parametrize(
    "remark",
    [
        text("criticism"),
        "镇财政所的工作不到位，补助拖了三个月才发，老人跑了四趟。",
        "报告说新建垃圾中转站1座，可固体废物处理还是靠露天堆放。",
        "建议派出所每月进村讲一次防范骗子的知识。",
        "镇长去年答应修路，到现在没有动工，这是工作作风问题。",
    ],
)
def test_personal_attack_stays_quiet_on_criticism_of_work(remark):
    assert "personal-attack" not in codes(run(remark))


def test_speech_too_long_fires_beyond_eight_minutes_and_says_how_long():
    long = text("good-speech") * 9  # about 2,400 characters: nine and a half minutes
    [finding] = [f for f in run(long).findings if f.rule.code == "speech-too-long"]
    minutes = float(re.search(r"念([0-9.]+)分钟", finding.message).group(1))
    assert 8 < minutes < 11
    assert "{minutes}" not in finding.message


def test_speech_too_short_fires_only_on_a_speech():
    short = "同意报告。村道养护资金不足。建议镇人民政府今年底前补好河口村的路。"
    [finding] = [f for f in run(short, speech=True).findings if f.rule.code == "speech-too-short"]
    assert "0.5分钟" in finding.message
    # The same words as remarks, or any single remark, are never too short.
    assert "speech-too-short" not in codes(run(short))
    assert "speech-too-short" not in codes(run(short, speech=False))
    assert "speech-too-short" not in codes(run("请问镇财政所：养护资金在哪？", speech=None))


def test_length_stays_quiet_in_the_usual_range():
    assert not {"speech-too-long", "speech-too-short"} & codes(
        run(text("good-speech") * 2, speech=True)
    )


def test_a_good_speech_is_substantive_with_no_finding():
    report = run(text("good-speech"), speech=True)
    assert report.findings == [] and report.passed


def test_every_finding_quotes_its_part_exactly():
    for name in ("good-speech", "formula-news", "off-topic", "attack", "criticism"):
        parts = split_remarks(text(name))
        for finding in check(
            parts, genre="deliberation", level="county", rules=RULES, report=REPORT
        ).findings:
            assert finding.quote in (parts[finding.part] if finding.part else "")
            assert all(word in finding.quote for word in finding.words)
            assert finding.rule.fix and finding.rule.basis


def test_the_labelled_remarks_get_the_verdict_a_reviewer_gave_them():
    """Agreement with a hand-labelled set (`pytest -s` prints it)."""
    remarks = tomllib.loads((HERE / "labelled.toml").read_text("utf-8"))["remark"]
    agreed = []
    for remark in remarks:
        report = run(remark["text"])
        verdict = "substantive" if report.passed else "needs_work"
        agreed.append(verdict == remark["verdict"])
        print(f"{remark['verdict']:12} {verdict:12} {sorted(codes(report))} {remark['text'][:24]}")
    print(f"agreement: {sum(agreed)} of {len(agreed)}")
    assert len(remarks) >= 16
    assert {r["verdict"] for r in remarks} == {"substantive", "needs_work"}
    assert all(agreed)
