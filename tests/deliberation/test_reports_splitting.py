"""A report's text, as editors paste it from Word, a web page or a PDF, split into sections."""

import pytest

from deliberation.reports.splitting import (
    MAX_PARAGRAPH_CHARS,
    MAX_TEXT_CHARS,
    SplitError,
    report_text,
    split_report,
)


def shape(sections):
    return [(s.heading, s.depth, s.paragraphs) for s in sections]


# From Word: a paragraph a line, blank lines between some, full-width spaces for the indent,
# headings of three styles.
FROM_WORD = """\
——2026年1月8日在河口镇第十八届人民代表大会第五次会议上

各位代表：
\u3000\u3000现在，我代表镇人民政府向大会报告工作，请予审议。

一、2025年工作回顾
\u3000\u3000全年新修村道12公里，比上年多4公里。

\u3000\u3000新建互助养老点3个，入住老人46人。
第二部分　2026年工作安排
（一）道路
\u3000\u3000计划新修村道8公里。
（二）饮水安全。年底前解决南岭村400人的自来水接入，计划投资180万元。
## 自身建设
办结代表建议21件。
"""


def test_headings_of_each_style_start_sections():
    sections = split_report(FROM_WORD)
    assert [s.heading for s in sections] == [
        "",
        "一、2025年工作回顾",
        "第二部分 2026年工作安排",
        "（一）道路",
        "自身建设",
    ]
    assert [s.depth for s in sections] == [1, 1, 1, 2, 2]
    assert sections[0].paragraphs == [
        "——2026年1月8日在河口镇第十八届人民代表大会第五次会议上",
        "各位代表：",
        "现在，我代表镇人民政府向大会报告工作，请予审议。",
    ]
    # Full-width indents gone, blank lines or none between paragraphs alike.
    assert sections[1].paragraphs == [
        "全年新修村道12公里，比上年多4公里。",
        "新建互助养老点3个，入住老人46人。",
    ]
    assert sections[2].paragraphs == []
    assert sections[4].paragraphs == ["办结代表建议21件。"]
    # A point whose text follows on its line is a paragraph, not a heading.
    assert sections[3].paragraphs == [
        "计划新修村道8公里。",
        "（二）饮水安全。年底前解决南岭村400人的自来水接入，计划投资180万元。",
    ]


# From a PDF: lines broken at the page's width, page numbers, the report's title as a running
# header on every page, a page break in the middle of a sentence.
LINE = "全镇新修和改造农村公路十五点三公里，比年初计划多三点三公里，"
FROM_PDF = f"""\
河口镇人民政府工作报告
一、2025年工作回顾
{LINE}
总投资二千一百八十万元，完成了东风村和石桥村两座危桥的改造工
作。
- 1 -
河口镇人民政府工作报告
新建互助养老点三个，全镇累计达到十四个，覆盖率达到百分之七十，
镇敬老院床位由六十张增加到九十张，入住率为百分之六十二。

第 2 页 共 3 页
河口镇人民政府工作报告
二、2026年工作安排
计划新建和改造农村公路十公里，重点推进南岭至石桥连接线建设，年
2/3
内完成路基工程。
"""


def test_a_pdf_copy_is_put_back_together():
    sections = split_report(FROM_PDF)
    assert shape(sections) == [
        (
            "一、2025年工作回顾",
            1,
            [
                LINE + "总投资二千一百八十万元，完成了东风村和石桥村两座危桥的改造工作。",
                "新建互助养老点三个，全镇累计达到十四个，覆盖率达到百分之七十，"
                "镇敬老院床位由六十张增加到九十张，入住率为百分之六十二。",
            ],
        ),
        (
            "二、2026年工作安排",
            1,
            ["计划新建和改造农村公路十公里，重点推进南岭至石桥连接线建设，年内完成路基工程。"],
        ),
    ]


def test_markdown_headings():
    sections = split_report("# 一、总体情况\n\n正文一。\n\n## 分项\n\n正文二。\n")
    assert shape(sections) == [
        ("一、总体情况", 1, ["正文一。"]),
        ("分项", 2, ["正文二。"]),
    ]


def test_the_text_shown_again_splits_the_same():
    for text in (FROM_WORD, FROM_PDF, "# 总体\n正文。\n## 分项\n正文二。"):
        sections = split_report(text)
        assert shape(split_report(report_text(sections))) == shape(sections)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty"),
        ("\u3000\n \n", "empty"),
        (None, "empty"),
        ("一、回顾\n二、安排\n", "No paragraph"),
        ("字" * (MAX_TEXT_CHARS + 1), "at most"),
        ("长" * (MAX_PARAGRAPH_CHARS + 1) + "。", "Is a line break missing"),
        ("".join(f"第{n}段。\n" for n in range(1001)), "at most"),
    ],
)
def test_text_that_cannot_be_a_report_is_refused(in_english, text, says):
    with pytest.raises(SplitError, match=says):
        split_report(text)


def test_a_docx_splits_as_its_text_does():
    from materials.docxtext import docx_text
    from tests.materials.texts import docx_bytes

    for text in (FROM_WORD, FROM_PDF):
        assert shape(split_report(docx_text(docx_bytes(text)))) == shape(split_report(text))
