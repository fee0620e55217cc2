"""The proposal checker, on drafts written for it: tests/proposals/drafts/*.toml each give a
genre, a level, the parts, and the exact set of rule codes the checker must find.

Plain functions: the checker is pure and needs no database.
"""

import dataclasses
import json
import re
import time
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from proposals.checker import (
    DETECTORS,
    GENRES,
    LEVELS,
    PART_LABELS,
    PARTS,
    PROPOSAL_GENRES,
    Criterion,
    Rule,
    check,
    rule_problems,
    signer_names,
)
from proposals.rule_defaults import DEFAULT_RULES

DRAFTS = sorted((Path(__file__).parent / "drafts").glob("*.toml"))
RULES = [Rule.from_dict(entry) for entry in DEFAULT_RULES]
DAIBIAOFA_2025 = "daibiaofa-2025-03-11.md"


def load(name: str) -> dict:
    return tomllib.loads((Path(__file__).parent / "drafts" / f"{name}.toml").read_text("utf-8"))


def run(draft: dict, rules=RULES, **changes):
    """Check a draft as loaded; its `roster`, when it has one, is the congress's deputies."""
    draft = {**draft, **changes}
    return check(
        draft.get("parts", {}),
        genre=draft["genre"],
        level=draft["level"],
        rules=rules,
        roster=draft.get("roster"),
    )


def codes(report) -> set[str]:
    return {finding.rule.code for finding in report.findings}


def editor_rule(**changes) -> dict:
    """A rule as an editor would add it in the admin, of the generic "words" kind."""
    return {
        "code": "dialect-word",
        "kind": "words",
        "criterion": "wording",
        "name": "少用方言",
        "message": "「{part}」用了方言词。",
        "fix": "换成普通话的说法。",
        "basis": "通行做法：书面材料用规范的普通话。",
        "words": ["咋整", "啥时候"],
        "parts": [],
        "genres": [],
        "levels": [],
        "severity": "warning",
        "weight": 5,
        "params": {},
        **changes,
    }


@pytest.mark.parametrize("path", DRAFTS, ids=lambda path: path.stem)
def test_each_draft_gets_exactly_its_expected_rules(path):
    draft = load(path.stem)
    assert codes(run(draft)) == set(draft["expected"])


def test_the_drafts_cover_both_genres_both_levels_and_every_rule_twice():
    drafts = [load(path.stem) for path in DRAFTS]
    assert len(drafts) >= 24
    assert sum(1 for draft in drafts if not draft["expected"]) >= 5
    assert {(d["genre"], d["level"]) for d in drafts} == {
        (g, lv) for g in PROPOSAL_GENRES for lv in LEVELS
    }
    triggered = Counter(code for draft in drafts for code in draft["expected"])
    # The rules for remarks on a report have drafts of their own (test_deliberation_checker),
    # and so have an inspection's plan and report (test_rule_inspection).
    proposal_rules = [rule for rule in RULES if set(rule.genres) <= set(PROPOSAL_GENRES)]
    assert {r.code: triggered[r.code] for r in proposal_rules if triggered[r.code] < 2} == {}
    assert max(len(draft["expected"]) for draft in drafts) >= 5


@pytest.mark.parametrize("path", DRAFTS, ids=lambda path: path.stem)
def test_every_finding_quotes_its_part_and_explains_itself(path):
    draft = load(path.stem)
    parts = draft.get("parts", {})
    for finding in run(draft).findings:
        text = parts.get(finding.part) or ""
        assert finding.part in PARTS[draft["genre"]]
        assert finding.quote in text
        assert finding.quote == finding.quote.strip()
        # Only a whole part (empty, or a list too short) goes without a quote.
        assert finding.quote or finding.rule.kind in {"missing", "cosigners", "handler"}
        assert str(PART_LABELS[finding.part]) in finding.message
        assert "{part}" not in finding.message
        assert finding.rule.fix.strip() and finding.rule.basis.strip()


@pytest.mark.parametrize("path", DRAFTS, ids=lambda path: path.stem)
def test_a_words_finding_quotes_the_words_it_found(path):
    for finding in run(load(path.stem)).findings:
        if finding.rule.kind == "words":
            patterns = finding.rule.params.get("patterns", [])
            assert any(word in finding.quote for word in finding.rule.words) or any(
                re.search(pattern, finding.quote) for pattern in patterns
            ), finding


def test_findings_come_in_part_order_then_by_position():
    report = run(load("road_everything_wrong"))
    assert [(f.part, f.rule.code) for f in report.findings] == [
        ("title", "request-letter"),
        ("title", "request-wording"),
        ("title", "title-form"),
        ("title", "personal-matter"),
        ("problem", "request-letter"),
        ("problem", "personal-matter"),
        ("measures", "no-concrete-measure"),
        ("measures", "vague-wording"),
        ("handler", "vague-handler"),
    ]
    # Within a part, the earlier sentence first, whatever the rules' order.
    parts = {**load("streetlights_school_road")["parts"]}
    parts["problem"] = "这段路有关部门一直没人管。我家孩子每天走这条路上学，天黑以后很危险。"
    report = check(parts, genre="suggestion", level="township", rules=RULES)
    assert [f.rule.code for f in report.for_part("problem")] == [
        "vague-wording",
        "personal-matter",
    ]


def test_the_same_sentence_is_quoted_once_per_rule():
    report = run(load("town_cleanliness_slogans"))
    # 切实 and 尽快 are in one sentence: one finding, not two.
    assert [f.quote for f in report.findings if f.rule.code == "vague-wording"] == [
        "切实加强镇区环境卫生管理，尽快改善镇容镇貌，让群众满意"
    ]


def test_a_long_sentence_is_quoted_once_and_a_repeated_one_counts_once():
    draft = load("streetlights_school_road")
    # Two vague phrases 40 characters apart in one sentence: one finding, quoted at the first.
    draft["parts"]["problem"] = (
        "有关部门" + "，村民多次到村委会和镇政府反映路上太黑的问题" * 2 + "，尽快解决。"
    )
    [finding] = run(draft).findings
    assert finding.quote.startswith("有关部门") and "尽快" not in finding.quote
    # The same sentence written twice is one finding, not two.
    draft["parts"]["problem"] = "这段路有关部门一直没人管。这段路有关部门一直没人管。"
    assert [f.rule.code for f in run(draft).findings] == ["vague-wording"]


def test_a_part_too_short_is_quoted_and_an_empty_one_is_not():
    report = run(load("too_short_county_motion"))
    assert [(f.part, f.rule.code, f.quote) for f in report.findings] == [
        ("reason", "missing-part", "路太烂。"),
        ("reason", "no-evidence", "路太烂"),
        ("basis", "missing-part", ""),
    ]


def test_scores_take_each_findings_weight_off_its_criterion():
    report = run(load("road_everything_wrong"))
    assert report.scores == {
        "complete": 100,  # the empty causes box is not missing: the problem has its facts
        "focus": 100,
        "concrete": 40,  # no concrete measure 40, vague handler 20
        # A letter's 恳请领导 in the title and 尊敬的 in the problem, 30 each; 恳请, 10; the
        # title form 15: 85 off 100.
        "form": 15,
        "scope": 20,  # personal, in the title and in the problem, 40 each
        "wording": 90,  # one vague sentence, 10
    }
    assert report.overall == 61  # 365 / 6 = 60.8
    assert report.passed is False


def test_a_score_never_goes_below_zero_and_the_overall_is_the_mean():
    report = run(load("empty_suggestion"))
    # Title, problem and measures missing; the empty handler box is advice.
    assert len(report.findings) == 4
    assert report.scores["complete"] == 25  # 3 x 25 taken off 100
    draft = load("empty_suggestion")
    many = Rule.from_dict({**DEFAULT_RULES[0], "weight": 60})
    assert run(draft, rules=[many]).scores["complete"] == 0  # 3 x 60: not below zero
    assert report.overall == 84  # 25 + 100 x 4 + 80 = 505; 505 / 6 = 84.2


def test_the_overall_rounds_half_up():
    rule = Rule.from_dict(editor_rule(weight=9))
    draft = load("streetlights_school_road")
    draft["parts"]["problem"] += "这事啥时候能办？"
    report = run(draft, rules=[*RULES, rule])
    assert report.scores["wording"] == 91
    assert report.overall == 99  # 591 / 6 = 98.5; round() would give 98


@pytest.mark.parametrize("path", DRAFTS, ids=lambda path: path.stem)
def test_passed_means_no_error_and_scores_cover_every_criterion(path):
    draft = load(path.stem)
    report = run(draft)
    assert set(report.scores) == set(Criterion.values)
    assert report.passed == all(f.rule.severity == "warning" for f in report.findings)
    assert report.passed == (not draft["expected"] or path.stem in WARNINGS_ONLY)


WARNINGS_ONLY = {
    "dyke_as_request",
    "culture_hall_duplicate",
    "streetlight_bad_title",
    "parking_handler_unnamed",
    "fitness_called_tian",
    "street_vendors_tian_basis",
    "labelled_signers_county_outsider",
}


def test_the_same_draft_always_gets_the_same_report():
    for path in DRAFTS:
        draft = load(path.stem)
        first, second = run(draft).as_dict(), run(load(path.stem)).as_dict()
        assert first == second
        assert json.loads(json.dumps(first, ensure_ascii=False)) == first


def test_the_snapshot_keeps_what_the_page_and_the_reviewer_need():
    snapshot = run(load("markup_irrigation")).as_dict()
    rule = next(rule for rule in RULES if rule.code == "no-concrete-measure")
    assert snapshot["passed"] is False
    # concrete 100 - 40 - 20 = 40; wording 100 - 3 x 40 for markup = 0; the rest 100: 440 / 6
    assert snapshot["overall"] == 73
    concrete = [f for f in snapshot["findings"] if f["code"] == "no-concrete-measure"]
    assert concrete == [
        {
            "code": "no-concrete-measure",
            "name": "具体可行",
            "criterion": "concrete",
            "severity": "error",
            "part": "measures",
            "quote": "<script>alert('代表')</script>进一步加强水渠管理，高度重视春灌工作",
            "words": ["进一步", "加强", "管理", "高度重视"],
            "message": rule.message.replace("{part}", str(PART_LABELS["measures"])),
            "fix": rule.fix,
            "basis": rule.basis,
        }
    ]


def test_markup_is_plain_text_quoted_as_written():
    report = run(load("markup_irrigation"))
    measures = "<script>alert('代表')</script>进一步加强水渠管理，高度重视春灌工作"
    assert [(f.part, f.rule.code, f.quote, f.words) for f in report.findings] == [
        ("title", "not-prose", "关于维修<b>新塘村</b>灌溉水渠的建议", ("<b>", "</b>")),
        ("problem", "not-prose", report.findings[1].quote, ("<p>",)),
        ("measures", "no-concrete-measure", measures, ("进一步", "加强", "管理", "高度重视")),
        ("measures", "not-prose", measures, ("<script>", "</script>")),
        ("handler", "vague-handler", "<b>相关部门</b>", ("相关部门",)),
        ("handler", "not-prose", "<b>相关部门</b>", ("<b>", "</b>")),
    ]
    assert report.findings[1].quote.startswith("<p>新塘村南片的灌溉水渠")


def test_a_township_only_rule_applies_to_township_drafts_only():
    # A suggestion may be about anything (代表法第二十四条): an expressway too.
    draft = load("expressway_signs_county")
    assert codes(run(draft)) == codes(run(draft, level="township")) == set()
    # A motion is decided by its congress: a township's cannot decide an expressway exit, a
    # county's may ask for it.
    motion = load("expressway_exit_motion")
    township = run(motion)
    assert codes(township) == {"beyond-powers"}
    assert [(f.part, f.words) for f in township.findings] == [
        ("title", ("高速公路",)),
        ("plan", ("高速公路",)),
    ]
    assert codes(run(motion, level="county")) == {"too-few-cosigners"}  # ten are needed there


def test_rules_apply_only_to_their_genres_and_levels():
    draft = load("streetlights_school_road")  # a township suggestion about street lights
    lights = editor_rule(words=["路灯"])
    assert codes(run(draft, rules=[Rule.from_dict(lights)])) == {"dialect-word"}
    for limits in ({"genres": ["motion"]}, {"levels": ["county"]}):
        assert codes(run(draft, rules=[Rule.from_dict({**lights, **limits})])) == set()
    for limits in ({"genres": ["suggestion"]}, {"levels": ["township"]}):
        assert codes(run(draft, rules=[Rule.from_dict({**lights, **limits})])) == {"dialect-word"}
    # The co-signers' rules are the motion's: a suggestion has no co-signers to count.
    motion_only = [rule for rule in RULES if rule.genres == ("motion",)]
    assert {rule.code for rule in motion_only} == {
        "too-few-cosigners",
        "duplicate-cosigners",
        "beyond-powers",
        "kind-mismatch",
        "cosigner-not-deputy",
    }
    assert codes(run(load("empty_suggestion"), rules=motion_only)) == set()


def test_an_editor_rule_built_from_a_dict_runs_with_its_own_words():
    draft = load("streetlights_school_road")
    draft["parts"]["problem"] += "\n村民都问：这路灯到底啥时候能装上？"
    rule = Rule.from_dict(editor_rule())
    assert rule_problems(rule) == []
    report = run(draft, rules=[*RULES, rule])
    [finding] = report.findings
    assert (finding.rule.code, finding.part) == ("dialect-word", "problem")
    assert finding.quote == "村民都问：这路灯到底啥时候能装上"
    assert finding.message == f"「{PART_LABELS['problem']}」用了方言词。"
    assert report.scores["wording"] == 95 and report.passed
    # The admin keeps a word list as lines of text; from_dict reads that too, and drops what
    # is not a field (a row's id).
    as_text = Rule.from_dict(editor_rule(words="咋整\n 啥时候 \n\n", id=7))
    assert as_text.words == ("咋整", "啥时候")
    assert codes(run(draft, rules=[as_text])) == {"dialect-word"}


def test_editor_rules_may_narrow_parts_and_ignore_harmless_phrases():
    draft = load("fitness_called_tian")
    entry = next(entry for entry in DEFAULT_RULES if entry["code"] == "proposal-term")
    narrow = Rule.from_dict({**entry, "parts": ["measures"]})
    assert [f.part for f in run(draft, rules=[narrow]).findings] == ["measures"]
    draft["parts"]["measures"] = draft["parts"]["measures"].replace("本提案", "提案人")
    assert [f.part for f in run(draft, rules=[narrow]).findings] == []


def test_every_default_rule_is_read_from_its_dict_and_sound():
    names = [f.name for f in dataclasses.fields(Rule)]
    for entry in DEFAULT_RULES:
        assert list(entry) == names
        rule = Rule.from_dict(entry)
        for name in ("words", "parts", "genres", "levels"):
            assert getattr(rule, name) == tuple(entry[name])
        assert rule.params == entry["params"]
        assert rule.kind in DETECTORS
        assert rule.criterion in Criterion.values
        assert rule_problems(rule) == [], rule.code
        # Every rule names its genres: one with none would apply to every genre.
        assert rule.genres, rule.code
        # A proposal's findings are each about a part; some of a speech's are about the whole.
        assert "{part}" in rule.message or rule.genres == ("deliberation",)
    all_codes = [entry["code"] for entry in DEFAULT_RULES]
    assert len(all_codes) == len(set(all_codes))
    hash(RULES[0])  # frozen and hashable, params and all


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"kind": "spelling"}, "Unknown kind"),
        ({"criterion": "beauty"}, "Unknown criterion"),
        ({"severity": "fatal"}, "severity"),
        ({"weight": 150}, "weight"),
        ({"parts": ["summary"]}, "Unknown part"),
        ({"params": {"patterns": ["(unclosed"]}}, "patterns"),
        ({"params": {"window": "wide"}}, "window"),
        ({"params": {"colour": "red"}}, "colour"),
        ({"code": "Has Spaces"}, "code"),
        ({"basis": ""}, "basis"),
        ({"message": None}, "message"),
        ({"params": ["not", "an", "object"]}, "JSON object"),
    ],
)
def test_a_broken_rule_is_reported_and_left_out_of_the_check(changes, problem, in_english):
    rule = Rule.from_dict(editor_rule(**changes))
    assert any(problem in message for message in rule_problems(rule))
    draft = load("streetlights_school_road")
    draft["parts"]["problem"] += "这事咋整？"
    assert codes(run(draft, rules=[rule])) == set()
    assert codes(run(draft, rules=[Rule.from_dict(editor_rule())])) == {"dialect-word"}


def test_odd_input_never_breaks_the_check():
    odd = [
        None,
        {},
        {"title": None, "problem": 12345, "measures": ["a list"], "unknown": "ignored"},
        {"title": "关于" + "🚌" * 500 + "的建议", "problem": "\x00\ufeff<img src=x onerror=1>"},
        {"cosigners": "\n\n1.\n、、\n附议代表：\n"},
    ]
    for parts in odd:
        for genre in GENRES:
            for level in LEVELS:
                report = check(parts, genre=genre, level=level, rules=RULES)
                assert 0 <= report.overall <= 100
                json.dumps(report.as_dict())
    with pytest.raises(ValueError, match="genre"):
        check({}, genre="letter", level="township", rules=RULES)


def test_a_long_draft_is_checked_quickly_and_quoted_briefly():
    draft = load("streetlights_school_road")
    parts = {key: text * (20_000 // len(text) + 1) for key, text in draft["parts"].items()}
    parts["title"], parts["handler"] = draft["parts"]["title"], draft["parts"]["handler"]
    assert sum(map(len, parts.values())) > 20_000 * 3
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        report = check(parts, genre="suggestion", level="township", rules=RULES)
        timings.append(time.perf_counter() - start)
    assert codes(report) == set()
    assert min(timings) < 0.2
    # One 20,000-character sentence: the quote is a window around the words, not the page.
    parts["problem"] = "村里的路" * 2500 + "有关部门" + "年久失修" * 2500
    [finding] = check(parts, genre="suggestion", level="township", rules=RULES).findings
    assert finding.rule.code == "vague-wording"
    assert "有关部门" in finding.quote and len(finding.quote) <= 44
    assert finding.quote in parts["problem"]


def test_one_matter_allows_related_topics_in_one_phrase():
    draft = load("streetlights_school_road")
    # School and road in one phrase are one matter (the way to school) ...
    draft["parts"]["title"] = "关于整治镇中心小学门口道路交通秩序的建议"
    assert codes(run(draft)) == set()
    # ... two phrases joined by 和, one on each, are two.
    draft["parts"]["title"] = "关于增设村道路灯和扩建镇中心小学食堂的建议"
    assert codes(run(draft)) == {"one-matter"}
    # 及时 is not 及.
    draft["parts"]["title"] = "关于及时修复村道路灯的建议"
    assert codes(run(draft)) == set()


def test_the_plan_that_wanders_is_quoted_where_the_second_matter_starts():
    [finding] = run(load("three_matters_in_plan")).findings
    assert finding.part == "plan"
    assert finding.quote.startswith("二、由县民政局")


def test_a_single_concrete_marker_makes_measures_concrete():
    draft = load("river_only_slogans")
    assert codes(run(draft)) == {"no-concrete-measure"}
    for concrete in ("今年9月底前完成清淤。", "配备两名河道保洁员。", "每周清理一次河面。"):
        changed = {**draft, "parts": {**draft["parts"]}}
        changed["parts"]["measures"] += concrete
        assert codes(run(changed)) == set(), concrete
    # An idiom with numerals is not a quantity.
    draft["parts"]["measures"] = "进一步加强河道管理，造福千家万户。"
    assert codes(run(draft)) == {"no-concrete-measure"}


def test_a_case_number_alone_marks_a_court_case():
    draft = load("streetlights_school_road")
    draft["parts"]["causes"] += "（此事另见（2023）浙0102民初88号。）"
    report = run(draft)
    assert codes(report) == {"court-case"}
    assert "（2023）浙0102民初88号" in report.findings[0].quote


def test_co_signers_are_read_one_a_line_without_numbering_or_labels():
    text = "附议代表：张三\n1. 李四\n（3）王 五、赵六，钱七\n四、孙八\n\n2024\n"
    assert [name for name, _key in signer_names(text)] == [
        "张三",
        "李四",
        "王 五",
        "赵六",
        "钱七",
        "孙八",
    ]
    assert signer_names("王五\n王 五")[1][1] == "王五"  # the same deputy, spaced to align


def test_a_deputy_listed_twice_is_found_however_the_name_is_spaced():
    draft = load("market_stalls_motion")
    draft["parts"]["cosigners"] += "李 秀梅\n"
    [finding] = run(draft).findings
    assert (finding.rule.code, finding.quote) == ("duplicate-cosigners", "李 秀梅")
    # Listed three times, the same name is still one finding.
    draft["parts"]["cosigners"] += "李 秀梅\n"
    assert len(run(draft).findings) == 1


def test_too_few_co_signers_depends_on_the_level():
    draft = load("parking_three_signers")
    five = "\n".join(["李明", "张丽", "王强", "赵刚", "刘芳"])
    draft["parts"]["cosigners"] = five
    assert codes(run(draft)) == set()
    assert codes(run(draft, level="county")) == {"too-few-cosigners"}
    draft["parts"]["cosigners"] = five + "\n" + "\n".join(f"代表{n}" for n in "甲乙丙丁戊")
    assert codes(run(draft, level="county")) == set()


def names(text: str) -> list[str]:
    return [name for name, _key in signer_names(text)]


def test_labels_of_the_lead_and_joint_signers_are_read_full_and_half_width():
    assert names("领衔代表：张三\n联名代表：李四、王五") == ["张三", "李四", "王五"]
    assert names("领衔代表:张三\n联名代表（含领衔代表）：李四，王五") == ["张三", "李四", "王五"]
    assert names("联名代表(含领衔代表):张三、李四\n附议代表签名：王五") == ["张三", "李四", "王五"]
    # The part's own label pasted as a heading, alone on its line, is not a name.
    assert names("联名代表（含领衔代表）\n张三\n联名代表(含领衔代表)\n领衔代表\n李四") == [
        "张三",
        "李四",
    ]
    # An aside after a name is not part of it; a name that begins like a label still counts.
    assert names("张三（领衔）\n李四(县人大代表)\n1. 领衔代表：王五\n代表甲") == [
        "张三",
        "李四",
        "王五",
        "代表甲",
    ]


def motion(cosigners: str, **changes) -> dict:
    draft = load("parking_three_signers")
    return {**draft, "parts": {**draft["parts"], "cosigners": cosigners}, **changes}


def test_the_lead_deputy_counts_toward_the_five():
    lead_and_four = "领衔代表：李明\n联名代表：张丽、王强、赵刚、刘芳"
    assert codes(run(motion(lead_and_four))) == set()
    lead_and_three = "领衔代表：李明\n联名代表：张丽、王强、赵刚"
    assert codes(run(motion(lead_and_three))) == {"too-few-cosigners"}
    # The lead written again among the others is one deputy, not two.
    lead_twice = "领衔代表：李明\n联名代表（含领衔代表）：李明、张丽、王强、赵刚"
    report = run(motion(lead_twice))
    assert codes(report) == {"too-few-cosigners", "duplicate-cosigners"}
    [repeat] = [f for f in report.findings if f.rule.code == "duplicate-cosigners"]
    assert repeat.quote == "李明"


def test_the_co_signers_rules_say_the_lead_deputy_comes_first_and_counts():
    by_code = {rule.code: rule for rule in RULES}
    few = by_code["too-few-cosigners"]
    assert "连同领衔代表在内" in few.message
    assert "第一行写领衔代表" in few.fix and "领衔代表也算在人数里" in few.fix
    assert "领衔代表写在第一行" in by_code["duplicate-cosigners"].fix


SIGNERS = "领衔代表：李明\n联名代表：张丽、王 强、赵刚、刘芳"


def test_a_signer_not_on_the_congress_roster_is_quoted_once():
    roster = ["李明", "张丽", "王强", "赵 刚", "刘芳", "孙杰"]
    # Everyone on the roster, however either side spaces the names: nothing to say.
    assert codes(run(motion(SIGNERS), roster=roster)) == set()
    outsider = SIGNERS + "\n周 敏\n周敏"
    report = run(motion(outsider), roster=roster)
    [finding] = [f for f in report.findings if f.rule.code == "cosigner-not-deputy"]
    assert (finding.part, finding.quote) == ("cosigners", "周 敏")
    assert finding.quote in outsider and "本级人民代表大会" in finding.message
    assert "第二十二条" in finding.rule.basis and "本级" in finding.rule.basis
    # Advice, not an error: names are written differently in practice.
    assert finding.rule.severity == "warning" and report.passed
    # Two outsiders are two findings, in the order written.
    report = run(motion(SIGNERS + "\n周敏\n吴昊"), roster=roster)
    assert [f.quote for f in report.findings] == ["周敏", "吴昊"]


def test_without_a_roster_the_signers_are_not_checked_against_one():
    outsider = motion(SIGNERS + "\n周敏")
    assert codes(run(outsider)) == set()  # roster unknown: the command line
    assert codes(run(outsider, roster=[])) == {"cosigner-not-deputy"}  # known to be empty
    # A suggestion has no joint signers to check, whatever the roster.
    assert codes(run(load("streetlights_school_road"), roster=["李明"])) == set()


# Citations: every article of the Deputy Law a rule cites must say what the rule says it does.
# Each cited article is listed here with a phrase it contains (or the phrases, when rules cite
# it for different things); a new citation needs a line.
CITED = {
    "第五条": "忠实代表人民的利益和意志",
    "第七条": ("依法联名提出议案", "参加审议各项议案、报告和其他议题，发表意见"),
    "第八条": ("认真审议各项议案、报告和其他议题，发表意见", "自觉遵守社会公德", "公道正派"),
    "第十九条": "代表在审议议案和报告时，可以向本级有关国家机关提出询问",
    "第十五条": "议案应当有案由、案据和方案",
    "第二十四条": "建议、批评和意见应当明确具体",
    "第二十九条": "对本级人民政府和有关单位的工作进行视察",
    "第三十条": "开展专题调研",
    "第三十一条": ("但不直接处理问题", "研究处理情况应当及时向代表反馈"),
    "第三十六条": "建议、批评和意见应当明确具体",
    "第五十一条": "乡、民族乡、镇的人民代表大会主席团交有关机关、组织研究办理",
    "第五十九条": "不得利用执行代表职务干预具体执法、司法案件",
}


def _articles(law: str) -> dict[str, str]:
    """Each article's text, items included, by its number."""
    found = re.split(r"\n(?=第[一二三四五六七八九十百]+条\s)", law)
    return {chunk.split(maxsplit=1)[0]: chunk for chunk in found if chunk.startswith("第")}


def test_every_cited_article_of_the_deputy_law_says_what_the_rule_cites_it_for(shared_laws):
    articles = _articles((shared_laws / DAIBIAOFA_2025).read_text("utf-8"))
    cited = set()
    for entry in DEFAULT_RULES:
        for passage in re.findall(r"《代表法》（2025年修正）([^《]*)", entry["basis"]):
            cited |= set(re.findall(r"第[一二三四五六七八九十百]+条", passage))
    assert cited <= set(CITED), cited - set(CITED)
    for number in cited:
        phrases = CITED[number] if isinstance(CITED[number], tuple) else (CITED[number],)
        for phrase in phrases:
            assert phrase in articles[number], number


# Each rule that reads real texts, fed a sound sentence that comes close to it: it must stay
# quiet. (The drafts above show each one firing.)
NEAR_MISSES = [
    (
        "advertising",
        "suggestion",
        "causes",
        "今年茶叶收购价每斤八十元，比邻县低四十元，茶农张师傅说卖不上价。",
    ),
    ("advertising", "suggestion", "handler", "镇农业服务中心，联系电话0571-88886666"),
    (
        "court-case",
        "suggestion",
        "problem",
        "山区群众申诉、立案、查询执行进度都要进城，去年来访三百多人次。",
    ),
    (
        "court-case",
        "suggestion",
        "measures",
        "建议县法院在中心镇设立诉讼服务点，帮群众网上立案、申请执行。",
    ),
    (
        "personal-matter",
        "suggestion",
        "problem",
        "村里三十多户人家的宅基地证四至不清，去年起争执的有五起。",
    ),
    ("set-penalty", "suggestion", "measures", "建议在消防通道安装抓拍设备，对占道停车依法处罚。"),
    ("not-prose", "suggestion", "problem", "村里的WiFi和4G信号经常中断，用APP交医保要跑到村委会。"),
    ("generic-title", "suggestion", "title", "关于解决石门村饮水问题的建议"),
    (
        "request-letter",
        "suggestion",
        "problem",
        "群众敬重的老村医去年退休后，村卫生室已经空了八个月。",
    ),
    ("no-concrete-measure", "suggestion", "measures", "建议县交通运输局对石板桥进行加宽改造。"),
    ("no-concrete-measure", "suggestion", "measures", "请镇政府把渡口的木船换成钢质渡船。"),
    (
        "kind-mismatch",
        "motion",
        "plan",
        "提请镇人民代表大会审议决定，把村道硬化列入今年的民生实事项目。",
    ),
]


@pytest.mark.parametrize(("code", "genre", "part", "text"), NEAR_MISSES)
def test_a_rule_stays_quiet_on_a_sound_text_close_to_it(code, genre, part, text):
    draft = load(
        "streetlights_school_road" if genre == "suggestion" else "drinking_water_quality_motion"
    )
    draft["parts"][part] = text
    assert code not in codes(run(draft)), text


def test_a_problem_shown_by_what_was_seen_has_its_evidence():
    draft = load("clinic_no_facts")
    assert codes(run(draft)) == {"no-evidence"}
    [finding] = run(draft).findings
    assert finding.words == ("较差", "不够", "不完善")  # the bare assertions, marked
    draft["parts"]["problem"] = "桃溪村卫生室经常缺降压药，老人只能跑到镇上去买。"
    assert codes(run(draft)) == set()


def test_traditional_characters_are_read_and_quoted_as_written():
    draft = load("traditional_ferry")
    assert codes(run(draft)) == set()
    draft["parts"]["measures"] = "希望有關部門高度重視，儘快解決。"
    report = run(draft)
    assert codes(report) == {"no-concrete-measure", "vague-wording"}
    [finding] = [f for f in report.findings if f.rule.code == "no-concrete-measure"]
    assert finding.quote == "希望有關部門高度重視，儘快解決"
    assert finding.words == ("高度重視", "儘快", "解決")
