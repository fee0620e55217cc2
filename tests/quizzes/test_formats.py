"""Reading question files: GIFT, Aiken and our Excel template. Pure: no database."""

import io

import pytest
from openpyxl import load_workbook

from quizzes.formats import ParsedQuestion
from quizzes.formats.aiken import parse_aiken
from quizzes.formats.detect import QuestionFileError, guess_format, read_question_file
from quizzes.formats.fields import parse_articles
from quizzes.formats.gift import parse_gift
from quizzes.formats.help import EXAMPLES
from quizzes.formats.xlsx import (
    question_template_xlsx,
    read_questions_xlsx,
    write_questions_xlsx,
)

from .conftest_transfer import row, workbook_bytes

pytestmark = pytest.mark.usefixtures("in_english")

GIFT = r"""// 代表法题库
$CATEGORY: $course$/top/代表法/代表的权利

// [tag:任期] [tag:基础]
::任期:: 代表每届任期几年？{~三年 =五年#对。 ~十年####每届任期五年。}

代表在会议上的发言和表决，不受法律追究。{TRUE}

闭会期间代表可以{~%50%参加视察 ~%50%参加调研 ~%-100%处理案件}。

$CATEGORY: 选举法

代表建议应当在{=三 =3}个月内答复。

乡镇人大代表每届任期___年。{=五 =5}

请简述代表的权利。{}

[html]<p>代表&amp;选民</p>{F}
"""


def test_gift_reads_every_type_it_shares_with_the_bank():
    report = parse_gift(GIFT)

    assert report.skipped == []
    single, truth, multiple, blank, underscored, short, html = report.questions
    assert (single.type, single.line, single.stem) == ("single", 5, "代表每届任期几年？")
    assert single.options == [("三年", False), ("五年", True), ("十年", False)]
    assert single.explanation == "每届任期五年。"
    assert single.tags == ["任期", "基础"] and single.category == "代表法/代表的权利"
    assert (truth.type, truth.answer) == ("truefalse", True)
    assert multiple.type == "multiple" and multiple.partial_credit
    assert multiple.stem == "闭会期间代表可以____。"
    assert multiple.options == [("参加视察", True), ("参加调研", True), ("处理案件", False)]
    assert (blank.type, blank.stem, blank.accepted) == (
        "blank",
        "代表建议应当在____个月内答复。",
        ["三", "3"],
    )
    assert blank.category == "选举法" and blank.tags == []
    assert underscored.stem == "乡镇人大代表每届任期____年。"
    assert (short.type, short.answer, short.line) == ("short", "", 17)
    assert (html.stem, html.answer) == ("代表&选民", False)


def test_gift_reports_what_the_bank_has_no_type_for_by_line():
    text = """谁是谁？{=加拿大 -> 渥太华 =意大利 -> 罗马}

代表法哪年通过？{#1992:0}

只是一段说明。

没有选对的。{~甲 ~乙}

两个等号又有错项。{=甲 =乙 ~丙}

两个选项也要答案{~甲}
"""
    report = parse_gift(text)

    assert report.questions == []
    assert [(s.line, s.reason) for s in report.skipped] == [
        (1, "matching questions are not supported"),
        (3, "numerical questions are not supported"),
        (5, "no answers in { }: descriptions are not supported"),
        (7, "no option is marked right"),
        (9, "a single-choice question has one right answer, this one has 2"),
        (11, "a choice question needs at least two options"),
    ]


def test_gift_escapes_are_literal_characters():
    text = r"1\+1\=2 \{对吗\} 比例 1\:2 \# {=是\~的 ~不\=是####见 \#3\\n}"

    (question,) = parse_gift(text).questions

    assert question.stem == r"1\+1=2 {对吗} 比例 1:2 #"
    assert question.options == [("是~的", True), ("不=是", False)]
    assert question.explanation == "见 #3\\n"


def test_gift_true_false_spellings_and_feedback():
    text = "甲。{T}\n\n乙。{F#错误反馈#正确反馈}\n\n丙。{false}\n\n丁。{TRUE####解析}"

    answers = [(q.answer, q.explanation) for q in parse_gift(text).questions]

    assert answers == [(True, ""), (False, ""), (False, ""), (True, "解析")]


AIKEN = """代表每届任期几年？
Ａ．三年
B、五年
C) 十年
ANSWER：B
解析：每届任期五年。

闭会期间代表可以做什么？
请选出所有正确的。
A. 视察
B. 调研
C. 处理案件
答案: AB

选项错位的题
A. 甲
C. 乙
ANSWER: A

答案不在选项中
A. 甲
B. 乙
ANSWER: D

缺少答案行
A. 甲
B. 乙
下一题
A. 甲
B. 乙
ANSWER: B
ANSWER: A
"""


def test_aiken_reads_questions_in_half_and_full_width_forms():
    report = parse_aiken(AIKEN)

    first, second, third = report.questions
    assert first.options == [("三年", False), ("五年", True), ("十年", False)]
    assert (first.type, first.explanation, first.line) == ("single", "每届任期五年。", 1)
    assert second.type == "multiple"
    assert second.stem == "闭会期间代表可以做什么？\n请选出所有正确的。"
    assert [right for _text, right in second.options] == [True, True, False]
    assert (third.stem, third.line) == ("下一题", 28)


def test_aiken_reports_each_broken_question_by_line():
    report = parse_aiken(AIKEN)

    assert [(s.line, s.reason) for s in report.skipped] == [
        (17, "option C where B was expected"),
        (23, "the answer “D” is not among the options A、B"),
        (25, "the question has no ANSWER line"),
        (32, "an answer line without a question"),
    ]


def test_xlsx_reads_every_type_in_any_column_order():
    header = [
        "答案",
        "题型",
        "题干",
        "选项A",
        "选项B",
        "选项C",
        "解析",
        "难度",
        "分类",
        "标签",
        "法条",
    ]
    no_options = ["", "", ""]
    rows = [
        ["ＡＣ", "多选（部分得分）", "哪些是代表的权利？", "提出建议", "审判案件", "参加视察",
         "解析一", "难", "代表法 / 代表的权利", "权利、履职",
         "代表法 第十四条、第十五条；选举法 30"],
        ["√", "判断题", "代表可以联名提出议案。", *no_options, "解析二", "easy", "", "", ""],
        ["五｜5|  ", "填空", "代表每届任期____年。", *no_options, "解析三", "", "", "",
         "daibiaofa 2"],
        ["问题、原因、办法。", "简答", "怎样写好一条建议？", *no_options, "", "中", "", "", ""],
    ]  # fmt: skip

    report = read_questions_xlsx(workbook_bytes(rows, header=header))

    assert report.skipped == [] and report.unit == "row"
    multiple, truth, blank, short = report.questions
    assert (multiple.type, multiple.partial_credit, multiple.line) == ("multiple", True, 2)
    assert multiple.options == [("提出建议", True), ("审判案件", False), ("参加视察", True)]
    assert multiple.difficulty == "hard" and multiple.category == "代表法/代表的权利"
    assert multiple.tags == ["权利", "履职"]
    assert multiple.articles == [("代表法", 14), ("代表法", 15), ("选举法", 30)]
    assert (truth.answer, truth.difficulty) == (True, "easy")
    assert blank.accepted == ["五", "5"] and blank.articles == [("daibiaofa", 2)]
    assert (short.answer, short.explanation) == ("问题、原因、办法。", "")


def test_xlsx_reports_bad_rows_by_number_and_reads_the_rest():
    rows = [
        row("单选", "好题", ["甲", "乙"], "B"),
        row("论述", "未知题型", answer="A"),
        row("单选", "答案不在选项中", ["甲", "乙"], "C"),
        row("单选", "两个答案", ["甲", "乙", "丙"], "AC"),
        row("多选", "", ["甲", "乙"], "A"),
        row("判断", "判断的答案", answer="也许"),
        row("单选", "选项有空缺", ["甲", "", "丙"], "A"),
        row("判断", "判断题不要选项", ["甲"], "对"),
        row("单选", "难度不明", ["甲", "乙"], "A", difficulty="很难"),
        row("单选", "法条不明", ["甲", "乙"], "A", articles="第十四条"),
        row("填空", "没有答案", answer=" | "),
    ]

    report = read_questions_xlsx(workbook_bytes(rows))

    assert [q.stem for q in report.questions] == ["好题"]
    reasons = {s.line: s.reason for s in report.skipped}
    assert reasons == {
        3: "unknown type “论述”",
        4: "the answer “C” is not among the options A、B",
        5: "a single-choice question has one right answer, this one has 2",
        6: "the question has no text",
        7: "the answer of a true/false question is 对 or 错 (true or false)",
        8: "fill the options from A on, without gaps",
        9: "only choice questions have options",
        10: "difficulty must be 易, 中 or 难 (easy, medium, hard)",
        11: "cannot read the article reference “第十四条”: write the law and the article, "
        "for example 代表法 第十四条",
        12: "a fill-in-the-blank question needs at least one answer",
    }


def test_xlsx_refuses_a_file_it_cannot_read_at_all():
    with pytest.raises(QuestionFileError, match=r"not an Excel \.xlsx file"):
        read_questions_xlsx(b"PK\x03\x04 not really")
    with pytest.raises(QuestionFileError, match="Missing: 类型/type、答案/answer"):
        read_questions_xlsx(workbook_bytes([], header=["题干", "解析"]))


def test_template_has_the_header_and_a_help_sheet_and_imports_nothing():
    content = question_template_xlsx()
    workbook = load_workbook(io.BytesIO(content))

    assert workbook.sheetnames == ["题目", "说明"]
    header = [cell.value for cell in workbook["题目"][1]]
    assert header[:3] == ["类型/type", "题干/stem", "选项A/option A"]
    assert "法条/articles" in header and workbook["题目"].max_row == 1
    help_text = " ".join(str(c.value) for r in workbook["说明"].iter_rows() for c in r if c.value)
    assert "separated by |" in help_text and "代表法 第十四条" in help_text
    report = read_questions_xlsx(content)
    assert report.questions == [] and report.skipped == []


def test_written_questions_read_back_the_same_and_formulas_are_neutralised():
    tricky = ParsedQuestion(
        type="single",
        stem="=1+1 是多少？",
        options=[("@二", True), ("-三", False), *((f"选项{i}", False) for i in range(6))],
        explanation="+解析",
    )
    questions = [*EXAMPLES, tricky]

    content = write_questions_xlsx(questions)

    read = read_questions_xlsx(content).questions
    assert [(q.line, q.type) for q in read] == [(i + 2, q.type) for i, q in enumerate(questions)]
    for got, wanted in zip(read, questions, strict=True):
        got.line = wanted.line
        assert got == wanted
    sheet = load_workbook(io.BytesIO(content))["题目"]
    assert sheet["B7"].value == "'=1+1 是多少？" and sheet["B7"].data_type == "s"
    assert sheet.cell(row=1, column=10).value == "选项H/option H"


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("代表法 第十四条; 选举法 30", [("代表法", 14), ("选举法", 30)]),
        ("《代表法》第十四条、第一百零二条", [("代表法", 14), ("代表法", 102)]),
        ("daibiaofa 14,15\n选举法第三十条", [("daibiaofa", 14), ("daibiaofa", 15), ("选举法", 30)]),
        ("", []),
    ],
)
def test_article_references_in_chinese_numerals_or_digits(text, references):
    assert parse_articles(text) == references


@pytest.mark.parametrize("text", ["代表法", "第十四条", "代表法 第零条", "代表法 第十四条x"])
def test_unreadable_article_references_are_refused(text):
    with pytest.raises(ValueError, match="cannot read the article reference"):
        parse_articles(text)


def test_the_format_is_recognised_from_name_and_content():
    aiken = "问题\nA. 甲\nB. 乙\nANSWER: A\n".encode()
    gift = "问题{=甲 ~乙}\n答案：见上".encode()

    assert guess_format("bank.xlsx", b"") == "xlsx"
    assert guess_format("bank.txt", workbook_bytes([])) == "xlsx"
    assert guess_format("bank.txt", aiken) == "aiken"
    assert guess_format("bank.txt", gift) == "gift"
    assert guess_format("bank.gift", aiken) == "gift"
    # Notepad on a Chinese Windows saves "ANSI", that is GBK.
    report = read_question_file(
        "bank.txt", "代表任期几年？\nA. 五年\nB. 三年\nANSWER: A".encode("gbk")
    )
    assert report.questions[0].stem == "代表任期几年？"
