"""`manage.py check_proposal`: a whole 建议 or 议案 in a text file, split, checked by the rules in
use, and reported as text (Chinese by default) or as one JSON object.

The rules here are the test's own, saved as CheckRule rows with the shipped ones switched off:
the report must follow what editors keep in the table, and the assertions do not move when the
shipped rules are reworded."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.utils import translation

from proposals.checker import PARTS
from proposals.models import CheckRule

SUGGESTION = """关于修复杨家村村道的建议
一、存在的问题
杨家村村口到镇上的村道长约3公里，路面多处断裂下沉，上月有老人骑车摔伤。
二、原因
村北石料厂每天有20多辆满载货车经过，超出村道的设计荷载。
三、建议
由镇政府组织检测，今年11月底前修复破损路段，这路再不修咋整！
四、承办单位
镇人民政府
"""
SOUND = SUGGESTION.replace("，这路再不修咋整！", "。")
MOTION = """关于审议决定我镇2027年民生实事项目的议案
案由：镇政府提出了8个民生实事候选项目，需要由镇人民代表大会票决确定。
案据：各村在选民接待日共收集意见120多条，候选项目均已做过预算测算。
方案：提请镇人民代表大会第五次会议审议候选项目，以无记名投票方式票决确定5个项目。
联名代表：王立新、李秀英、张国强、赵红梅、陈建华
"""


def rule_row(**changes) -> CheckRule:
    values = {
        "code": "dialect-word",
        "kind": "words",
        "criterion": "wording",
        "name": "少用方言",
        "message": "「{part}」用了方言词。",
        "fix": "换成普通话的说法。",
        "basis": "通行做法：书面材料用规范的普通话。",
        "words": "咋整",
        "severity": "error",
        "weight": 20,
        **changes,
    }
    return CheckRule.objects.create(**values)


@pytest.fixture
def rules(db):
    """Only the test's rules in use: an error for a dialect word, advice for an exclamation."""
    CheckRule.objects.update(enabled=False)
    rule_row()
    rule_row(
        code="exclamation",
        name="少用感叹号",
        message="「{part}」用了感叹号。",
        fix="改用句号。",
        basis="通行做法：公文语气平实。",
        words="！",
        severity="warning",
        weight=10,
    )


@pytest.fixture
def write(tmp_path):
    def write(text: str | bytes, name="draft.txt"):
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return str(path)

    return write


@pytest.fixture(autouse=True)
def in_chinese():
    """The site's language, as a command run from the shell has it: another test on the same
    worker may have left English active."""
    with translation.override("zh-hans"):
        yield


def run(*args) -> str:
    out = io.StringIO()
    call_command("check_proposal", *args, stdout=out)
    return out.getvalue()


def run_json(*args) -> dict:
    return json.loads(run(*args, "--json"))


def test_the_plain_report_shows_the_split_every_finding_the_verdict_and_the_score(rules, write):
    out = run(write(SUGGESTION))

    assert out.startswith("建议 · 乡镇人大\n")
    assert "【标题】关于修复杨家村村道的建议" in out
    assert "【问题】杨家村村口到镇上的村道长约3公里" in out
    assert "【原因和依据】村北石料厂每天有20多辆满载货车经过" in out
    assert "【具体建议】由镇政府组织检测" in out
    assert "【建议承办单位】镇人民政府" in out
    assert "发现2处问题：" in out
    assert "1. [必须修改] 少用方言 · 具体建议" in out
    assert "原文：「由镇政府组织检测，今年11月底前修复破损路段，这路再不修咋整」" in out
    assert "词语：咋整" in out
    assert "「具体建议」用了方言词。" in out
    assert "怎么改：换成普通话的说法。" in out
    assert "依据：通行做法：书面材料用规范的普通话。" in out
    assert "2. [有待改进] 少用感叹号 · 具体建议" in out
    # wording loses 20 + 10 of 100, the other five criteria keep 100: 570 / 6 = 95.
    assert out.rstrip().endswith("结论：需要修改\n得分：95（满分100）")


def test_a_text_without_findings_passes(rules, write):
    out = run(write(SOUND))

    assert "没有发现问题。" in out
    assert out.rstrip().endswith("结论：通过\n得分：100（满分100）")


def test_advice_alone_still_passes(rules, write):
    report = run_json(write(SOUND.replace("镇人民政府\n", "镇人民政府！\n")))

    assert report["verdict"] == "pass"
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("exclamation", "advice")]


def test_the_report_is_in_english_when_english_is_active(rules, write, in_english):
    out = run(write(SUGGESTION))

    assert out.startswith("Suggestion · Township congress\n")
    assert "【Suggested measures】由镇政府组织检测" in out
    assert "1. [Must fix] 少用方言 · Suggested measures" in out
    assert out.rstrip().endswith("Verdict: Must fix\nScore: 95 of 100")


def test_json_is_one_object_with_the_parts_verdict_findings_and_score(rules, write):
    report = run_json(write(SUGGESTION), "--level", "county")

    assert report["kind"] == "建议"
    assert report["level"] == "county"
    assert list(report["parts"]) == list(PARTS["suggestion"])
    assert report["parts"]["handler"] == "镇人民政府"
    assert report["verdict"] == "must_fix"
    assert report["score"] == 95
    first, second = report["findings"]
    assert first == {
        "rule": "dialect-word",
        "name": "少用方言",
        "severity": "must_fix",
        "part": "measures",
        "quote": "由镇政府组织检测，今年11月底前修复破损路段，这路再不修咋整",
        "words": ["咋整"],
        "message": "「具体建议」用了方言词。",
        "fix": "换成普通话的说法。",
        "basis": "通行做法：书面材料用规范的普通话。",
    }
    assert (second["rule"], second["severity"]) == ("exclamation", "advice")


def test_json_keeps_chinese_as_it_is(rules, write):
    out = run(write(SUGGESTION), "--json")

    assert "杨家村" in out and "\\u" not in out


def test_an_editors_change_to_the_rules_counts(rules, write):
    CheckRule.objects.filter(code="dialect-word").update(enabled=False)

    assert run_json(write(SUGGESTION))["verdict"] == "pass"

    CheckRule.objects.filter(code="dialect-word").update(enabled=True, levels=["county"])

    assert run_json(write(SUGGESTION))["verdict"] == "pass"
    assert run_json(write(SUGGESTION), "--level", "county")["verdict"] == "must_fix"


@pytest.mark.parametrize(
    ("title", "options", "kind"),
    [
        ("关于审议决定我镇2027年民生实事项目的议案", [], "议案"),
        ("关于修复杨家村村道的建议", [], "建议"),
        ("杨家村村道的修复", [], "建议"),
        ("关于审议决定我镇2027年民生实事项目的议案", ["--kind", "建议"], "建议"),
        ("关于审议决定我镇2027年民生实事项目的议案", ["--kind", "suggestion"], "建议"),
        ("关于修复杨家村村道的建议", ["--kind", "议案"], "议案"),
        ("关于修复杨家村村道的建议", ["--kind", "motion"], "议案"),
    ],
)
def test_the_kind_is_as_given_else_as_the_title_says_else_a_suggestion(
    rules, write, title, options, kind
):
    body = MOTION.split("\n", 1)[1]
    report = run_json(write(f"{title}\n{body}"), *options)

    genre = {"建议": "suggestion", "议案": "motion"}[kind]
    assert report["kind"] == kind
    assert list(report["parts"]) == list(PARTS[genre])
    assert report["parts"]["title"] == title


def test_a_motion_is_split_into_its_own_parts(rules, write):
    out = run(write(MOTION))

    assert out.startswith("议案 · 乡镇人大\n")
    assert "【案由】镇政府提出了8个民生实事候选项目" in out
    assert "【联名代表（含领衔代表）】王立新、李秀英、张国强、赵红梅、陈建华" in out


def test_standard_input_is_read_for_a_dash(rules, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + SUGGESTION.encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", stdin)

    report = run_json("-")

    assert report["parts"]["title"] == "关于修复杨家村村道的建议"
    assert report["findings"][0]["rule"] == "dialect-word"


def test_a_gb18030_file_from_windows_is_read(rules, write):
    path = write(SUGGESTION.replace("\n", "\r\n").encode("gb18030"))

    report = run_json(path)

    assert report["parts"]["title"] == "关于修复杨家村村道的建议"
    assert report["parts"]["handler"] == "镇人民政府"
    assert report["findings"][0]["words"] == ["咋整"]


def test_a_utf8_file_with_a_byte_order_mark_is_read(rules, write):
    report = run_json(write(b"\xef\xbb\xbf" + SUGGESTION.encode("utf-8")))

    assert report["parts"]["title"] == "关于修复杨家村村道的建议"


def test_words_manual_line_breaks_are_line_breaks(rules, write):
    report = run_json(write(SUGGESTION.replace("\n四、承办单位\n", "\x0b四、承办单位\x0b")))

    assert report["parts"]["handler"] == "镇人民政府"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "是空的"),
        (b"  \r\n\n\t", "是空的"),
        (b"\xef\xbb\xbf\r\n", "是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是UTF-8或GB18030编码的文本文件"),
        ("关于修复村道的建议\n".encode("utf-16-le"), "不是UTF-8或GB18030编码的文本文件"),
        (b"\x80\x81\xff\xfe\xfd", "不是UTF-8或GB18030编码的文本文件"),
    ],
)
def test_a_file_that_is_empty_or_not_text_is_refused(rules, write, content, message):
    with pytest.raises(CommandError, match=message):
        run(write(content))


def test_a_missing_file_is_refused(rules, tmp_path):
    with pytest.raises(CommandError, match="无法读取"):
        run(str(tmp_path / "nothing-here.txt"))


def test_a_refused_file_exits_with_status_1(db, write, capsys):
    # A text the checker fails ends normally (status 0): every call_command above returns.
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "check_proposal", write(b"\x00\x01")]).execute()

    assert exited.value.code == 1
    assert "不是UTF-8或GB18030编码的文本文件" in capsys.readouterr().err
