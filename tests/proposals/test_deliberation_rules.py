"""Remarks on a report beside the proposals: how an unlabelled remark or speech is sorted into
its parts, that the proposal rules and the deliberation rules keep to their own texts (the
proposal corpus gets exactly what it got before), the migration that gives saved rules their
genres, and the admin form that offers the new genre and parts."""

import importlib
import json
import tomllib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from proposals.checker import PARTS, Rule, check, rule_problems
from proposals.checker.speech import kind_of, remark_parts, split_remarks
from proposals.models import CheckRule
from proposals.rule_defaults import DEFAULT_RULES, PROPOSAL_RULES

HERE = Path(__file__).parent
RULES = [Rule.from_dict(entry) for entry in DEFAULT_RULES]
PROPOSALS_ONLY = [Rule.from_dict(entry) for entry in PROPOSAL_RULES]
DELIBERATION_CODES = {rule.code for rule in RULES if "deliberation" in rule.genres}


# Sorting an unlabelled text.


def test_a_speech_is_sorted_by_its_cues_and_what_follows_a_cue_goes_with_it():
    parts = split_remarks((HERE / "deliberation/good-speech.txt").read_text("utf-8"))
    assert parts["assessment"].startswith("我同意这份报告。\n报告说去年硬化村道18公里")
    assert parts["problems"].split("\n")[0] == "但是村道养护跟不上。"
    assert "2公里里有11处坑" in parts["problems"]  # the evidence, with no cue of its own
    assert parts["questions"].split("\n") == [
        "请问镇财政所：这960万元里有没有安排养护资金？",
        "去年村道养护实际花了多少？",
    ]
    assert parts["suggestions"].startswith("建议镇人民政府今年6月底前")


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("完全同意报告，没有别的意见和建议。", "assessment"),
        ("报告成绩显著，令人鼓舞。", "assessment"),
        ("农贸市场改造推迟了两年。", "problems"),
        ("村道养护资金还有缺口。", "problems"),
        ("请问镇财政所，钱拨了没有", "questions"),
        ("这笔钱到底用在哪里了？", "questions"),
        ("建议镇政府年底前补好路。", "suggestions"),
        ("镇里一定要把养护的钱单列出来。", "suggestions"),
        ("镇里还要加快进度。", "suggestions"),
        # 还要 describes here, and the shortfall makes it a problem.
        ("那段路只修了一半，学生上学还要绕行3公里。", "problems"),
        ("去年下了三场大雨。", None),
    ],
)
def test_each_sentence_goes_by_its_cue(sentence, part):
    assert kind_of(sentence) == part


def test_headings_and_labels_send_what_follows_to_their_part():
    text = (
        "一、总体评价\n同意报告。\n二、存在的问题\n建议这一块没人管。\n"
        "询问：镇财政所养护资金在哪？\n三、几点建议\n1. 镇政府年底前补好路。"
    )
    parts = split_remarks(text)
    assert parts == {
        "assessment": "同意报告。",
        "problems": "建议这一块没人管。",  # under the heading, whatever its cue
        "questions": "镇财政所养护资金在哪？",
        "suggestions": "1. 镇政府年底前补好路。",
    }


def test_a_remark_of_a_known_kind_fills_its_part_and_odd_text_is_harmless():
    assert remark_parts(" 请问镇财政所？ ", "询问") == {
        "assessment": "",
        "problems": "",
        "questions": "请问镇财政所？",
        "suggestions": "",
    }
    assert remark_parts("x", "suggestions")["suggestions"] == "x"
    with pytest.raises(ValueError):
        remark_parts("x", "议案")
    for odd in ("", "\ufeff\r\n\r\n", "。。。！！", "<p>同意</p>", None):
        assert set(split_remarks(odd)) == set(PARTS["deliberation"])


# Each genre's rules keep to its texts.


def _drafts():
    for path in sorted((HERE / "drafts").glob("*.toml")):
        yield path.stem, tomllib.loads(path.read_text("utf-8"))


def test_the_deliberation_rules_never_touch_a_proposal():
    for name, draft in _drafts():
        given = {"parts": draft.get("parts", {}), "genre": draft["genre"], "level": draft["level"]}
        every = check(**given, rules=RULES, roster=draft.get("roster"), report="报告18公里")
        proposals = check(**given, rules=PROPOSALS_ONLY, roster=draft.get("roster"))
        assert every.findings == proposals.findings, name
        assert every.scores == proposals.scores, name


def test_the_proposal_rules_never_touch_a_remark():
    # 提案, 尽快, 有关部门, 我家, 恳请, a letter's 此致敬礼: each a proposal rule's words.
    speech = (
        "尊敬的各位领导：我家门口的路坏了，这个提案恳请尽快解决。请问镇财政所钱在哪？"
        "建议镇人民政府今年9月底前修好门口2公里的路。此致敬礼"
    )
    report = check(split_remarks(speech), genre="deliberation", level="township", rules=RULES)
    assert {f.rule.code for f in report.findings} <= DELIBERATION_CODES
    assert (
        check(
            split_remarks(speech), genre="deliberation", level="township", rules=PROPOSALS_ONLY
        ).findings
        == []
    )


# Saved rules: the migration, the admin.


def test_the_migration_gives_rules_saved_without_a_genre_the_proposal_genres(db):
    migration = importlib.import_module("proposals.migrations.0005_deliberation_rules")
    CheckRule.objects.filter(code="formula-only").delete()
    editors = CheckRule.objects.create(
        code="dialect-word",
        kind="words",
        criterion="wording",
        name="少用方言",
        message="「{part}」用了方言词。",
        fix="换成普通话。",
        basis="通行做法。",
        words="咋整",
        genres=[],
    )
    migration.forward(django_apps, None)
    editors.refresh_from_db()
    assert editors.genres == ["suggestion", "motion"]
    assert all(row.genres for row in CheckRule.objects.all())
    assert CheckRule.objects.get(code="formula-only").genres == ["deliberation"]
    assert set(CheckRule.objects.values_list("code", flat=True)) >= DELIBERATION_CODES


def test_the_rows_in_the_database_match_the_shipped_genres(db):
    shipped = {entry["code"]: entry["genres"] for entry in DEFAULT_RULES}
    for row in CheckRule.objects.filter(code__in=shipped):
        assert row.genres == shipped[row.code], row.code


def test_the_admin_form_offers_the_new_genre_and_its_parts(client, editor):
    client.force_login(editor)
    client.cookies["django_language"] = "en"
    row = CheckRule.objects.get(code="question-no-addressee")
    page = client.get(reverse("proposal_rules:edit", args=[row.pk])).content.decode()
    assert 'value="deliberation"' in page and "Deliberation remarks" in page
    assert "Overall assessment (Deliberation remarks)" in page
    assert "Problem (Suggestion)" in page
    assert "addressee: A question or suggestion put to no named body" in page
    assert "None ticked: every genre" in page
    data = {
        **{f: getattr(row, f) for f in ("code", "name", "kind", "criterion", "severity")},
        **{f: getattr(row, f) for f in ("weight", "message", "fix", "basis", "words")},
        "parts": ["questions", "suggestions"],
        "genres": ["deliberation"],
        "levels": ["county"],
        "params": json.dumps(row.params, ensure_ascii=False),
        "sort_order": row.sort_order,
        "enabled": "on",
    }
    response = client.post(reverse("proposal_rules:edit", args=[row.pk]), data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.parts, row.genres, row.levels) == (
        ["questions", "suggestions"],
        ["deliberation"],
        ["county"],
    )
    # A deliberation part for a proposal genre is refused, as any part outside its genres.
    data.update(parts=["questions"], genres=["motion"])
    response = client.post(reverse("proposal_rules:edit", args=[row.pk]), data)
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.genres == ["deliberation"]


@pytest.mark.parametrize(
    ("code", "params"),
    [
        ("praise-heavy", {"max_share": 150}),
        ("formula-only", {"max_rest": "two"}),
        ("formula-only", {"filler": ["的"]}),
        ("question-no-addressee", {"patterns": ["(unclosed"]}),
        ("speech-too-long", {"chars_per_minute": 0}),
        ("speech-too-long", {"seconds": 30}),
    ],
)
def test_a_broken_setting_of_a_deliberation_rule_is_reported_and_the_rule_left_out(
    code, params, in_english
):
    entry = next(entry for entry in DEFAULT_RULES if entry["code"] == code)
    rule = Rule.from_dict({**entry, "params": params})
    assert any("Setting" in problem for problem in rule_problems(rule))
    assert check({}, genre="deliberation", level="township", rules=[rule]).findings == []
