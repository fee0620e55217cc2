"""Question banks in and out: the import service, the export, the import_questions command, the
content admin's pages and the demo bank."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from materials.demo import import_law_folder, seed_study_notes
from quizzes.demo import DemoDataError, seed_questions
from quizzes.formats.gift import parse_gift
from quizzes.formats.xlsx import read_questions_xlsx
from quizzes.models import (
    Category,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Question,
    QuestionArticle,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from quizzes.transfer import export_questions_xlsx, import_questions, questions_for_export

from .conftest_transfer import (  # noqa: F401 (fixtures)
    row,
    rules_law_fixture,
    untexted_law_fixture,
    workbook_bytes,
)

pytestmark = pytest.mark.usefixtures("in_english")

BANK = """$CATEGORY: 代表法/代表的权利

// [tag:任期] [tag:基础]
代表每届任期几年？{~三年 =五年 ~十年####每届任期五年。}

代表的发言和表决不受法律追究。{T####言论免责。}

闭会期间代表可以{~%50%视察 ~%50%调研 ~%-100%办案####集体活动为主。}。

$CATEGORY: 代表法

代表建议应当在{=三 =3####三个月。}个月内答复。

请简述代表的权利。{####见代表法。}

配对。{=甲 -> 乙 =丙 -> 丁}
"""
MATCHING_LINE = 16
TYPES = [
    ("single choice", 1),
    ("multiple choice", 1),
    ("true or false", 1),
    ("fill in the blank", 1),
    ("short answer", 1),
]


def counts(result):
    return [(str(label), count) for label, count in result.counts()]


def test_import_stores_each_type_with_its_answers_tags_and_category(db):
    result = import_questions(report=parse_gift(BANK))

    assert counts(result) == TYPES
    assert [(s.line, s.reason) for s in result.skipped] == [
        (MATCHING_LINE, "matching questions are not supported")
    ]
    single = SingleChoiceQuestion.objects.get()
    assert [(o.text, o.is_correct) for o in single.options.all()] == [
        ("三年", False),
        ("五年", True),
        ("十年", False),
    ]
    assert sorted(single.tags.names()) == ["任期", "基础"]
    assert single.category.path == "代表法/代表的权利" and single.explanation == "每届任期五年。"
    assert Category.objects.count() == 2
    assert MultipleChoiceQuestion.objects.get().partial_credit
    assert TrueFalseQuestion.objects.get().correct is True
    blank = FillBlankQuestion.objects.get()
    assert [a.text for a in blank.accepted_answers.all()] == ["三", "3"]
    assert blank.category.path == "代表法"
    # A short answer without its reference answer waits for an editor.
    short = ShortAnswerQuestion.objects.get()
    assert short.status == Question.Status.NEEDS_REVIEW and short.review_reason
    assert result.needs_review == 1 and Question.objects.ready().count() == 4


def test_importing_the_same_file_twice_stores_it_once(db):
    import_questions(report=parse_gift(BANK))
    again = import_questions(report=parse_gift(BANK))

    assert again.total == 0 and again.duplicates == 5
    assert [s.reason for s in again.skipped if s.duplicate] == ["already in the bank"] * 5
    assert [s.line for s in again.rejected] == [MATCHING_LINE]
    assert Question.objects.count() == 5


def test_a_question_repeated_in_a_file_is_stored_once(db):
    rows = [row("判断", "代表由选民选举。", answer="对")] * 2

    result = import_questions(report=read_questions_xlsx(workbook_bytes(rows)))

    assert result.total == 1
    assert [(s.line, s.reason) for s in result.skipped] == [(3, "the same question as on row 2")]


def test_articles_are_found_by_url_name_short_name_or_title(rules_law, untexted_law):
    rows = [
        row("判断", "按网址名", answer="对", articles="yishi 3"),
        row("判断", "按简称", answer="对", articles="议事规则 第六条、第一条"),
        row("判断", "按标题", answer="对", articles="某某县村务议事规则 第二条"),
        row("判断", "未导入文本的法律", answer="对", articles="监督法 第九十九条"),
        row("判断", "未知法律", answer="对", articles="宪法 第一条"),
        row("判断", "没有这一条", answer="对", articles="议事规则 第七条"),
    ]

    result = import_questions(report=read_questions_xlsx(workbook_bytes(rows)))

    assert result.total == 4
    assert [(s.line, s.reason) for s in result.skipped] == [
        (6, "the law “宪法” is not in the law library: use its short name or URL name"),
        (7, "议事规则 has no article 7 in its version in force"),
    ]
    links = {
        (link.question.stem, link.law.short_name, link.article)
        for link in QuestionArticle.objects.select_related("question", "law")
    }
    assert links == {
        ("按网址名", "议事规则", 3),
        ("按简称", "议事规则", 6),
        ("按简称", "议事规则", 1),
        ("按标题", "议事规则", 2),
        ("未导入文本的法律", "监督法", 99),
    }


def test_a_dry_run_reports_and_stores_nothing(db):
    result = import_questions(report=parse_gift(BANK), dry_run=True)

    assert counts(result) == TYPES and result.dry_run
    assert not Question.objects.exists() and not Category.objects.exists()


def test_values_the_models_refuse_skip_the_question_only(db):
    rows = [
        row("单选", "选项太长", ["甲" * 301, "乙"], "A"),
        row("判断", "分类名太长", answer="对", category="代表法/" + "类" * 81),
        row("判断", "标签太长", answer="对", tags="签" * 101),
        row("判断", "好题", answer="对", category="代表法"),
    ]

    result = import_questions(report=read_questions_xlsx(workbook_bytes(rows)))

    assert [q.stem for q in Question.objects.all()] == ["好题"]
    assert [(s.line, s.reason) for s in result.skipped] == [
        (2, "option: Ensure this value has at most 300 characters (it has 301)."),
        (3, "name: Ensure this value has at most 80 characters (it has 81)."),
        (4, "a tag is longer than 100 characters"),
    ]
    assert [c.path for c in Category.objects.all()] == ["代表法"]


RICH = [
    row("单选", "'=单选题", ["甲", "乙", "丙"], "B", difficulty="易", category="代表法/权利",
        tags="权利、基础", articles="议事规则 第一条、第二条"),
    row("多选(部分得分)", "多选题", ["甲", "乙", "丙"], "AC", difficulty="难", category="代表法"),
    row("多选", "多选不给部分分", ["甲", "乙"], "AB", category="选举法"),
    row("判断", "判断题", answer="错", category="代表法/权利", articles="监督法 5"),
    row("填空", "代表每届任期____年。", answer="五|5", category="代表法"),
    row("简答", "简答题", answer="参考答案", explanation="", category="选举法"),
]  # fmt: skip


def snapshot():
    """The bank as the questions' own fields and children, whatever their ids."""
    return sorted(
        (
            type(q).__name__,
            q.stem,
            q.explanation,
            q.difficulty,
            q.status,
            q.category.path,
            sorted(q.tags.names()),
            [(o.text, o.is_correct) for o in q.options.all()],
            [a.text for a in q.accepted_answers.all()],
            [(link.law_id, link.article) for link in q.article_links.all()],
            getattr(q, "correct", None),
            getattr(q, "reference_answer", None),
            getattr(q, "partial_credit", None),
        )
        for q in Question.objects.all()
    )


def test_an_export_imports_back_to_the_same_bank(rules_law, untexted_law):
    import_questions(report=read_questions_xlsx(workbook_bytes(RICH)))
    before = snapshot()

    exported = export_questions_xlsx(questions_for_export())
    into_same_bank = import_questions(report=read_questions_xlsx(exported))
    Question.objects.all().delete()
    into_empty_bank = import_questions(report=read_questions_xlsx(exported))

    assert (into_same_bank.total, into_same_bank.duplicates) == (0, 6)
    assert into_empty_bank.total == 6 and into_empty_bank.skipped == []
    assert snapshot() == before
    # A stem that reads as a formula is neutralised in the file.
    sheet = load_workbook(io.BytesIO(exported))["题目"]
    assert "'=单选题" in [cell.value for cell in sheet["B"]]


def test_export_of_a_category_takes_in_its_subcategories(rules_law, untexted_law):
    import_questions(report=read_questions_xlsx(workbook_bytes(RICH)))
    law = Category.objects.get(name="代表法", parent=None)

    exported = read_questions_xlsx(export_questions_xlsx(questions_for_export(law))).questions

    assert {q.stem for q in exported} == {"=单选题", "判断题", "多选题", "代表每届任期____年。"}


@pytest.mark.parametrize("copies", [1, 5])
def test_export_queries_do_not_grow_with_the_bank(
    rules_law, untexted_law, copies, django_assert_max_num_queries
):
    rows = [[cells[0], f"{cells[1]}{i}", *cells[2:]] for i in range(copies) for cells in RICH]
    import_questions(report=read_questions_xlsx(workbook_bytes(rows)))

    with django_assert_max_num_queries(12):
        export_questions_xlsx(questions_for_export())


def run_command(*args):
    out = io.StringIO()
    try:
        call_command("import_questions", *[str(a) for a in args], stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_command_lists_what_it_left_out_and_exits_with_status_1(db, tmp_path):
    path = tmp_path / "bank.gift"
    path.write_text(BANK, encoding="utf-8")

    output, error = run_command(path)

    assert output.startswith(
        "Imported 5 questions: 1 single choice, 1 multiple choice, 1 true or false, "
        "1 fill in the blank, 1 short answer\n"
    )
    assert "1 has no explanation or reference answer and waits for review." in output
    assert f"  Line {MATCHING_LINE}: matching questions are not supported" in output
    assert error.returncode == 1 and "1 question was left out for a mistake." in str(error)


def test_command_run_again_adds_nothing_and_succeeds(db, tmp_path):
    path = tmp_path / "bank.txt"
    path.write_text(BANK.replace("配对。{=甲 -> 乙 =丙 -> 丁}", ""), encoding="utf-8")
    run_command(path)

    output, error = run_command(path)

    assert error is None and output.startswith("Imported 0 questions\n")
    assert "5 were already in the bank." in output and "  Line 4: already in the bank" in output


def test_command_dry_run_and_formats(db, tmp_path):
    aiken = tmp_path / "aiken.txt"
    aiken.write_text("代表每届任期几年？\nA. 三年\nB. 五年\nANSWER: B\n", encoding="utf-8")
    broken = tmp_path / "bank.xlsx"
    broken.write_bytes(b"not a workbook")

    output, error = run_command(aiken, "--dry-run", "--format", "aiken")
    assert error is None and not Question.objects.exists()
    assert "Would import 1 question: 1 single choice" in output
    assert "Dry run: nothing was stored." in output
    _output, error = run_command(broken)
    assert "bank.xlsx: This is not an Excel .xlsx file." in str(error)


IMPORT, EXPORT, TEMPLATE = (
    "/admin/question-transfer/import/",
    "/admin/question-transfer/export/",
    "/admin/question-transfer/template/",
)
EN = {"accept-language": "en"}


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_admin_imports_the_good_questions_and_lists_the_others(client, superuser):
    client.force_login(superuser)

    response = client.post(IMPORT, {"file": upload("bank.gift", BANK.encode())}, headers=EN)

    html = response.content.decode()
    assert response.status_code == 200 and Question.objects.count() == 5
    assert "5 questions were imported." in html and "Single choice: 1" in html
    assert "1 question below was NOT imported; the others were." in html
    assert f"<td>{MATCHING_LINE}</td><td>matching questions are not supported</td>" in html


def test_admin_checks_a_file_without_importing_it(client, superuser):
    client.force_login(superuser)

    response = client.post(
        IMPORT, {"file": upload("bank.gift", BANK.encode()), "dry_run": "on"}, headers=EN
    )

    assert "Checked only: nothing was stored." in response.content.decode()
    assert "5 questions would be imported." in response.content.decode()
    assert not Question.objects.exists()


def test_admin_refuses_a_file_it_cannot_read(client, superuser):
    client.force_login(superuser)

    other = client.post(IMPORT, {"file": upload("bank.pdf", b"%PDF")}, headers=EN)
    broken = client.post(IMPORT, {"file": upload("bank.xlsx", b"PK\x03\x04")}, headers=EN)

    assert "Upload a .xlsx, .gift or .txt file." in other.content.decode()
    assert "This is not an Excel .xlsx file." in broken.content.decode()


def test_admin_template_and_export_are_workbooks(client, superuser, rules_law, untexted_law):
    client.force_login(superuser)
    import_questions(report=read_questions_xlsx(workbook_bytes(RICH)))
    page = client.get(IMPORT, headers=EN).content.decode()
    assert TEMPLATE in page and EXPORT in page

    template = client.get(TEMPLATE)
    exported = client.post(EXPORT, {"category": ""})
    category = Category.objects.get(name="选举法")
    one_category = client.post(EXPORT, {"category": category.pk})

    assert load_workbook(io.BytesIO(template.content)).sheetnames == ["题目", "说明"]
    assert exported["Content-Disposition"].startswith('attachment; filename="questions-')
    assert len(read_questions_xlsx(exported.content).questions) == 6
    assert len(read_questions_xlsx(one_category.content).questions) == 2


def test_the_question_bank_menu_offers_import_and_export(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/", headers=EN).content.decode()
    assert IMPORT in html and EXPORT in html


def test_deputies_cannot_import_or_export(client, deputy):
    client.force_login(deputy.user)
    for url in (IMPORT, EXPORT, TEMPLATE):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/admin/login/?next={url}"
    response = client.post(IMPORT, {"file": upload("bank.gift", BANK.encode())})
    assert response.status_code == 302
    assert not Question.objects.exists()


# A demo question file: articles of a law the library has (yishi) and of one it lacks.
DEMO = """$CATEGORY: 议事规则/提出
// [tag:议题] [difficulty:easy] [article:yishi 3]
谁可以提出议题？{=村民委员会 ~任何外人####第三条。}

$CATEGORY: 代表法
// [article:daibiaofa 14]
代表可以提出建议。{TRUE####代表法。}

代表每届任期____年。{=五 =5####五年。}

// [reference:具体。]
怎样写建议？{####要具体。}
"""


@pytest.fixture
def demo_file(tmp_path):
    def write(text):
        path = tmp_path / "demo.gift"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_demo_bank_loads_once_citing_only_laws_in_the_library(rules_law, demo_file):
    path = demo_file(DEMO)
    assert seed_questions(path) == 4
    assert seed_questions(path) == 0

    cited = {link.question.stem: link.article for link in QuestionArticle.objects.all()}
    assert cited == {"谁可以提出议题？": 3}
    assert Question.objects.ready().count() == 4
    assert ShortAnswerQuestion.objects.get().reference_answer == "具体。"


def test_a_mistake_in_the_demo_bank_is_loud(db, demo_file):
    wrong = demo_file(DEMO + "\n// [article:yishi]\n哪一条？{=甲 ~乙}\n\n几条？{#2}\n")
    with pytest.raises(DemoDataError) as raised:
        seed_questions(wrong)
    assert str(raised.value) == (
        "demo.gift line 15: cannot read the article “yishi”: write [article:law number]; "
        "demo.gift line 17: numerical questions are not supported"
    )


def test_the_demo_bank_loads_whole(db):
    assert seed_questions() == 146
    assert seed_questions() == 0


def test_the_demo_bank_cites_articles_the_official_texts_have(db, shared_laws):
    import_law_folder(shared_laws)
    seed_study_notes()

    assert seed_questions() == 146
    assert QuestionArticle.objects.filter(law__slug="daibiaofa").exists()
    # Zhejiang's measures, imported with the others, are found by the URL name the importer
    # gives them.
    assert QuestionArticle.objects.filter(law__slug="浙江省实施代表法办法").count() == 4
