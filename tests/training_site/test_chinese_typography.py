"""Chinese typography, kept by the tests: the catalogue's Chinese and the demo's content use
full-width punctuation beside Chinese characters, write article numbers in Chinese numerals
(第五十条, not 第50条), and mark a title inside a title with 〈〉 (《关于〈代表法〉的说明》).
Form labels end in "：" in Chinese and ":" in English, and nothing follows a question mark."""

import re
from pathlib import Path

import pytest
from django import forms
from django.utils import translation

from studysessions.forms import ReplyForm

from .test_catalogue import entries

ROOT = Path(__file__).resolve().parents[2]
# Chinese characters and the full-width punctuation written beside them.
CJK = r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e“”‘’]"
HALF_WIDTH = {
    "colon": re.compile(rf"{CJK}:|:{CJK}"),
    "bracket": re.compile(rf"{CJK}[()]|[()]{CJK}"),
    "comma": re.compile(rf"{CJK},|,{CJK}"),
    "question mark, exclamation mark or semicolon": re.compile(rf"{CJK}[?!;]|[?!;]{CJK}"),
}
ARTICLE_IN_DIGITS = re.compile(r"第\s*[0-9０-９]+\s*[条章节款项]")
TITLE_IN_TITLE = re.compile(r"《[^》]*《")
# What is not prose and so keeps its ASCII, the narrow allowlist: placeholders filled in by
# the code (%(name)s, %s, {name}), the lesson's markup that an editor types as it is
# ([article:法律名称 条号]) and the English keywords an import file may use (multiple(partial)).
# Django's list of the characters a form label may end in (common/typography.py), not prose.
NOT_PROSE_MSGIDS = {":?.!"}
NOT_PROSE = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|\[\w+:[^\]]*\]|(?<![a-z])[a-z]+\([a-z]+\)")
DEMO_CONTENT = sorted(
    [*ROOT.glob("*/demo_content/**/*.md"), *ROOT.glob("*/demo_content/**/*.gift"),
     *ROOT.glob("*/demo.py")]
)  # fmt: skip


def prose(text: str) -> str:
    return NOT_PROSE.sub(" ", text)


def test_the_catalogue_uses_full_width_punctuation_beside_chinese():
    found = [
        f"{kind}: {msgstr}"
        for _flags, msgid, msgstr in entries()
        for kind, pattern in HALF_WIDTH.items()
        if msgid not in NOT_PROSE_MSGIDS and pattern.search(prose(msgstr))
    ]
    assert found == []


def test_templates_leave_the_punctuation_after_a_translated_label_to_the_translation():
    """`{% translate "Answer" %}:` reads "答案:" in Chinese: the colon or bracket belongs inside
    the translated string (or is `{% translate ":" %}`, which is "：" in Chinese)."""
    after_label = re.compile(r'\{% translate "[^"]*" %\} ?[:(]|endblocktranslate %\} ?[:(]')
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert len(templates) > 100 and after_label.search('{% translate "Answer" %}: {{ given }}')
    found = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in templates
        for match in after_label.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_allowlist_lets_code_through_and_nothing_else():
    assert not HALF_WIDTH["colon"].search(prose("请写成 [article:法律名称 条号]"))
    assert not HALF_WIDTH["bracket"].search(prose("%(name)s（%(when)s）"))
    assert not HALF_WIDTH["bracket"].search(prose("也可填multiple(partial)、short"))
    assert HALF_WIDTH["colon"].search(prose("您是否参加？:"))
    assert HALF_WIDTH["bracket"].search(prose("2026-12-06 (星期日)"))
    assert HALF_WIDTH["comma"].search(prose("学习,练习"))
    assert HALF_WIDTH["question mark, exclamation mark or semicolon"].search(prose("参加吗?"))


def test_article_numbers_are_chinese_numerals_and_titles_inside_titles_use_angle_brackets():
    assert ARTICLE_IN_DIGITS.search("代表法第50条") and TITLE_IN_TITLE.search("《关于《代表法》》")
    texts = [(f"catalogue: {msgid}", msgstr) for _flags, msgid, msgstr in entries()]
    texts += [
        (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in DEMO_CONTENT
    ]
    assert len(texts) > 1000 and any(path.endswith(".md") for path, _text in texts)
    found = [
        f"{where}: {match.group()}"
        for where, text in texts
        for pattern in (ARTICLE_IN_DIGITS, TITLE_IN_TITLE)
        for match in pattern.finditer(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("language", "question", "name", "endings"),
    [("zh-hans", "您是否参加？", "姓名", ("您是否参加？</label>", "姓名：</label>")),
     ("en", "Will you attend?", "Name", ("Will you attend?</label>", "Name:</label>"))],
)  # fmt: skip
def test_form_labels_end_as_the_language_writes_them(language, question, name, endings):
    class Reply(forms.Form):
        attend = forms.BooleanField(label=question)
        who = forms.CharField(label=name)

    with translation.override(language):
        form = Reply()
        assert (form["attend"].label_tag(), form["who"].label_tag()) == (
            f'<label for="id_attend">{endings[0]}',
            f'<label for="id_who">{endings[1]}',
        )


def test_a_project_form_gets_the_chinese_colon_too():
    with translation.override("zh-hans"):
        html = str(ReplyForm()["reason"].label_tag())
    assert html.endswith("如不能参加，请填写请假事由：</label>")
