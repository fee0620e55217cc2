"""`manage.py check_deliberation FILE [--report REPORT_FILE] [--json]`: remarks on a report or
a speech in a text file, sorted into parts, checked by the deliberation rules in use (the
shipped ones, as seeded), and reported as text (Chinese by default) or one JSON object. The exit
status is 0 whatever the verdict; 2 only for a file that cannot be read."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.utils import translation

from proposals.models import CheckRule

HERE = Path(__file__).parent / "deliberation"
REPORT = str(HERE / "report-chengguan.txt")


def corpus(name: str) -> str:
    return str(HERE / f"{name}.txt")


@pytest.fixture(autouse=True)
def in_chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def write(tmp_path):
    def write(content: str | bytes, name="remark.txt"):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)

    return write


def run(*args) -> str:
    out = io.StringIO()
    call_command("check_deliberation", *args, stdout=out)
    return out.getvalue()


def run_json(*args) -> dict:
    return json.loads(run(*args, "--json"))


def test_json_is_one_object_with_the_verdict_and_each_finding(db):
    result = run_json(corpus("off-topic"), "--report", REPORT)

    assert list(result)[:2] == ["verdict", "findings"]
    assert result["verdict"] == "needs_work"
    assert result["report_given"] is True
    for finding in result["findings"]:
        assert list(finding)[:2] == ["rule", "name"]
        assert {"rule", "severity", "quote", "message", "part", "fix", "basis"} <= set(finding)
        assert finding["severity"] in ("must_fix", "advice")
    found = {(f["rule"], f["severity"]) for f in result["findings"]}
    assert found == {
        ("no-report-figure", "advice"),
        ("problem-untied", "advice"),
        ("question-no-addressee", "advice"),
        ("vague-suggestion", "must_fix"),
        ("suggestion-no-addressee", "advice"),
    }
    [untied] = [f for f in result["findings"] if f["rule"] == "problem-untied"]
    assert untied["quote"] == "我们村的广场舞队一直缺音响，跳舞的大妈意见很大"
    assert untied["part"] == "problems"


def test_a_formula_remark_needs_work_and_a_good_speech_is_substantive(db):
    formula = run_json(corpus("formula-news"))
    assert formula["verdict"] == "needs_work"
    assert [f["rule"] for f in formula["findings"]] == ["formula-only"]
    assert formula["report_given"] is False

    good = run_json(corpus("good-speech"), "--report", REPORT, "--speech")
    assert (good["verdict"], good["findings"]) == ("substantive", [])


def test_the_report_is_needed_for_the_rules_that_compare_with_it(db):
    without = {f["rule"] for f in run_json(corpus("off-topic"))["findings"]}
    assert not {"problem-untied", "no-report-figure"} & without


def test_the_plain_report_is_in_chinese_with_the_parts_findings_and_verdict(db):
    out = run(corpus("off-topic"))
    assert out.startswith("审议意见 · 乡镇人大\n")
    assert "【问题】我们村的广场舞队一直缺音响" in out
    assert "【总体评价】（未填写）" in out
    assert "没有提供所审议的报告（--report）" in out
    assert "[必须修改] 建议能办 · 建议" in out
    assert "原文：「希望有关部门加强重视」" in out
    assert out.rstrip().endswith("结论：需要修改")
    good = run(corpus("good-speech"), "--report", REPORT)
    assert "没有提供" not in good and good.rstrip().endswith("结论：言之有物")


def test_the_plain_report_follows_the_language(db):
    with translation.override("en"):
        out = run(corpus("formula-news"))
    assert out.startswith("Deliberation remarks · Township congress\n")
    assert out.rstrip().endswith("Verdict: Needs work")


def test_a_gb18030_file_and_a_file_with_a_mark_read_as_utf_8_does(db, write):
    expected = run_json(corpus("good-speech"), "--report", REPORT)
    text = Path(corpus("good-speech")).read_text("utf-8")
    for content in (text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        assert run_json(write(content), "--report", REPORT) == expected
    report = write(Path(REPORT).read_text("utf-8").encode("gb18030"), "report.txt")
    assert run_json(corpus("good-speech"), "--report", report) == expected


def test_an_empty_file_is_checked_and_says_nothing(db, write):
    for content in (b"", b"\xef\xbb\xbf\r\n  \n"):
        result = run_json(write(content))
        assert result["verdict"] == "needs_work"
        assert [(f["rule"], f["quote"]) for f in result["findings"]] == [("formula-only", "")]


def test_an_empty_report_is_no_report(db, write):
    result = run_json(corpus("off-topic"), "--report", write(b"", "report.txt"))
    assert result["report_given"] is False


def test_kind_and_speech_and_level(db, write):
    question = write("这个钱什么时候到位")
    by_kind = run_json(question, "--kind", "询问")
    assert by_kind["parts"]["questions"] == "这个钱什么时候到位"
    assert [f["rule"] for f in by_kind["findings"]] == ["question-no-addressee"]
    short = write("同意报告。村道养护资金不足。建议镇人民政府今年底前补好河口村的路。")
    assert "speech-too-short" not in {f["rule"] for f in run_json(short)["findings"]}
    assert "speech-too-short" in {f["rule"] for f in run_json(short, "--speech")["findings"]}
    assert run_json(short, "--level", "county")["level"] == "county"


def test_rules_switched_off_by_an_editor_stay_off(db):
    CheckRule.objects.filter(code="formula-only").update(enabled=False)
    assert run_json(corpus("formula-news"))["findings"] == []


def test_standard_input(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("完全同意报告。"))
    assert run_json("-")["verdict"] == "needs_work"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是UTF-8或GB18030编码的文本文件"),
        (b"\x80\x81\xff\xfe\xfd", "不是UTF-8或GB18030编码的文本文件"),
    ],
)
def test_a_file_that_is_not_text_is_refused(db, write, content, message):
    with pytest.raises(CommandError, match=message):
        run(write(content))
    with pytest.raises(CommandError, match=message):
        run(corpus("good-speech"), "--report", write(content, "report.bin"))


def test_a_file_that_cannot_be_read_exits_with_status_2(db, tmp_path, capsys):
    for args in (
        [str(tmp_path / "nothing-here.txt")],
        [corpus("good-speech"), "--report", str(tmp_path / "no-report.txt")],
    ):
        with pytest.raises(SystemExit) as exited:
            ManagementUtility(["manage.py", "check_deliberation", *args]).execute()
        assert exited.value.code == 2
        assert "无法读取" in capsys.readouterr().err
    # A text that needs work ends normally (status 0): every call_command here returns.
