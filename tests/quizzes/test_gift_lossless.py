"""GIFT without loss: every feature of Moodle's format the bank can hold survives import, export
as GIFT and import again; the feedback on each answer reaches the deputy; short answers with
partial credit and penalties are graded as Moodle grades them; HTML becomes readable text."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.factories import PlacedQuizFactory
from quizzes.factories import MultipleChoiceQuestionFactory
from quizzes.formats import ParsedQuestion
from quizzes.formats.gift import parse_gift, write_gift
from quizzes.formats.markup import html_to_text
from quizzes.models import Question
from quizzes.practice.selectors import practice_feedback
from quizzes.practice.services import answer_practice, field_name
from quizzes.services import start_attempt, submit_attempt
from quizzes.transfer import export_questions_gift, import_questions, questions_for_export

from .conftest_transfer import rules_law_fixture  # noqa: F401 (fixture)
from .test_attempts import answer

# Every feature, in a file of our own. The questions are about the training site itself.
FEATURES = r"""// 培训平台题库，自编测试文件
$CATEGORY: $course$/top/平台/题库

// [tag:导入] [tag:反馈]
::单选带反馈:: 题库导入支持哪种文本格式？{
  =GIFT#对，GIFT 是 Moodle 的文本格式。
  ~CSV#不对，CSV 不是题库的格式。
  ~%50%Aiken#部分对：Aiken 也能导入，但不带反馈。
  ~%-25%PDF#扣分：PDF 不是题目文件。
  ####GIFT 和 Aiken 都能导入，GIFT 还能带反馈。
}

::[html]题干:: [html]<p>请看<b>说明</b>：</p>
<ul><li>第一条&nbsp;要点</li><li>第二条 &amp; 附注</li></ul>
<p>见<a href="https://example.org/help">帮助页</a><br>
和图<img src="https://example.org/a.png" alt="示意图"></p>{
  =[plain]<b>保留</b>尖括号#[html]<p>反馈一</p><p>反馈二</p>
  ~删除#[markdown]**不对**
  ####[html]<p>见帮助页。</p>
}

[markdown]::不是标题:: **加粗**写法照原样保留。{T#[html]错了&lt;br&gt;#对了}

::填空部分得分:: 会跳的两栖动物叫什么（英文）？{
  =Frog#完全正确。
  =%50%Toad#接近：是蟾蜍。
  =%0%*#不对，想想池塘里的动物。
  ####青蛙是 Frog。
}

::多选扣分:: 以下哪些是题库可以保存的内容？{
  ~%50%题干#对。
  ~%50%选项反馈#对。
  ~%-50%密码#扣分：题库不保存密码。
  ~%-100%病毒#扣分。
  ####题干和选项反馈都保存。
}

$CATEGORY: $course$/top/平台

::转义\: 冒号\#号:: 写法 a\=b、c\~d、\{括号\} 和 \#号{=都\=对#反馈里的\#号 ~都\~不对}

平台首页的按钮叫____。{=开始学习 =开始####按钮写着“开始学习”。}

::问答题:: 请说说你最常用的功能。{####言之有理即可。}

::配对题:: 把功能和页面配起来。{=题库 -> 后台 =练习 -> 首页}

::数字题:: 一年有几个月？{#12}

::标记当文字:: [plain][html]是题干的字{
  =[plain][markdown]是选项的字 ~别的####[plain][html]是解析的字
}
"""
# Where the two questions the bank has no type for stand.
MATCHING_LINE, NUMERICAL_LINE = 47, 49


def snapshot() -> list[dict]:
    """Every field of every question in the bank that an import fills in (by title and
    question, since an export goes category by category)."""
    questions = Question.objects.order_by("pk").prefetch_related(
        "options", "accepted_answers", "tags"
    )
    rows = []
    for question in questions:
        row = {
            "type": type(question).__name__,
            "title": question.title,
            "stem": question.stem,
            "explanation": question.explanation,
            "category": question.category.path if question.category else "",
            "tags": sorted(tag.name for tag in question.tags.all()),
            "status": question.status,
            "options": [
                (o.text, o.is_correct, o.weight, o.feedback) for o in question.options.all()
            ],
            "accepted": [(a.text, a.credit, a.feedback) for a in question.accepted_answers.all()],
        }
        for name in ("correct", "feedback_true", "feedback_false", "partial_credit"):
            if hasattr(question, name):
                row[name] = getattr(question, name)
        rows.append(row)
    return sorted(rows, key=lambda row: (row["title"], row["stem"]))


def by_title(title: str) -> Question:
    return Question.objects.get(title=title)


@pytest.fixture
def bank(db, in_english):
    result = import_questions(report=parse_gift(FEATURES))
    assert result.total == 9, result.skipped
    return result


def test_import_keeps_titles_feedback_weights_and_credit(bank):
    single = by_title("单选带反馈")
    assert single.stem == "题库导入支持哪种文本格式？"
    assert single.explanation == "GIFT 和 Aiken 都能导入，GIFT 还能带反馈。"
    assert [(o.text, o.is_correct, o.weight) for o in single.options.all()] == [
        ("GIFT", True, None),
        ("CSV", False, None),
        ("Aiken", False, Decimal(50)),
        ("PDF", False, Decimal(-25)),
    ]
    assert single.options.get(text="CSV").feedback == "不对，CSV 不是题库的格式。"
    assert sorted(single.tags.names()) == ["反馈", "导入"]
    assert single.category.path == "平台/题库"

    blank = by_title("填空部分得分")
    assert [(a.text, a.credit, a.feedback) for a in blank.accepted_answers.all()] == [
        ("Frog", 100, "完全正确。"),
        ("Toad", 50, "接近：是蟾蜍。"),
        ("*", 0, "不对，想想池塘里的动物。"),
    ]
    several = by_title("多选扣分")
    assert [o.weight for o in several.options.all()] == [50, 50, -50, -100]
    assert [o.is_correct for o in several.options.all()] == [True, True, False, False]

    escaped = by_title("转义: 冒号#号")
    assert escaped.stem == "写法 a=b、c~d、{括号} 和 #号"
    assert [(o.text, o.feedback) for o in escaped.options.all()] == [
        ("都=对", "反馈里的#号"),
        ("都~不对", ""),
    ]
    marked = by_title("标记当文字")  # [plain] keeps what looks like a marker as text
    assert (marked.stem, marked.explanation) == ("[html]是题干的字", "[html]是解析的字")
    assert marked.options.first().text == "[markdown]是选项的字"
    truth = Question.objects.get(stem__startswith="::不是标题::")
    assert truth.stem == "::不是标题:: **加粗**写法照原样保留。"  # a marker before it: no title
    assert (truth.correct, truth.feedback_true, truth.feedback_false) == (True, "对了", "错了<br>")


def test_html_becomes_text_with_its_lines_links_and_media(bank):
    question = by_title("[html]题干")

    assert question.stem == (
        "请看说明：\n第一条 要点\n第二条 & 附注\n"
        "见帮助页 (https://example.org/help)\n和图示意图 (https://example.org/a.png)"
    )
    assert [(o.text, o.feedback) for o in question.options.all()] == [
        ("<b>保留</b>尖括号", "反馈一\n反馈二"),  # [plain] on the answer: taken as written
        ("删除", "**不对**"),
    ]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>一</p><p>二</p>", "一\n二"),
        ("甲<br>乙<br/>丙", "甲\n乙\n丙"),
        ("<ol><li>甲</li>\n  <li>乙</li></ol>", "甲\n乙"),
        ("<div>甲\n   乙</div>", "甲 乙"),  # a line end in the source is a space
        ('<a href="https://example.org/x">说明</a>', "说明 (https://example.org/x)"),
        ('<a href="https://example.org/">https://example.org/</a>', "https://example.org/"),
        ('<img src="/media/a.png">', "/media/a.png"),
        ('<audio src="https://example.org/a.mp3"></audio>', "https://example.org/a.mp3"),
        ("&lt;甲&gt; &amp; &quot;乙&quot; &#20013;", '<甲> & "乙" 中'),
        ("<script>alert(1)</script>正文<style>p{}</style>", "正文"),
    ],
)
def test_html_conversion(html, text):
    assert html_to_text(html) == text


def test_import_export_import_loses_nothing(bank):
    before = snapshot()
    exported = export_questions_gift(questions_for_export())

    again = import_questions(report=parse_gift(exported))
    assert again.total == 0 and again.duplicates == 9  # into the same bank: nothing new

    Question.objects.all().delete()
    into_empty = import_questions(report=parse_gift(exported))

    assert into_empty.total == 9 and into_empty.skipped == []
    assert snapshot() == before
    assert export_questions_gift(questions_for_export()) == exported
    assert "::填空部分得分::" in exported and "=%50%Toad#接近：是蟾蜍。" in exported
    assert "~%-50%密码#扣分：题库不保存密码。" in exported


def test_short_answer_partial_credit_is_graded(bank):
    blank = by_title("填空部分得分")
    fraction = blank.get_real_instance().fraction

    assert fraction({"text": " frog "}) == 1
    assert fraction({"text": "TOAD。"}) == Decimal("0.5")
    assert fraction({"text": "Cat"}) == 0  # caught by * at 0%
    assert blank.answer_feedback({"text": "Cat"}) == "不对，想想池塘里的动物。"
    assert blank.right_answer_text() == "Frog"


@pytest.mark.parametrize(
    ("chosen", "score"),
    [
        (["题干", "选项反馈"], "1"),
        (["题干"], "0.5"),
        (["题干", "选项反馈", "密码"], "0.5"),
        (["题干", "密码"], "0"),
        (["密码", "病毒"], "0"),  # -150 %: floored at nothing, never below
    ],
)
def test_penalties_take_points_off_but_never_below_zero(bank, deputy, chosen, score):
    attempt = start_attempt(quiz=PlacedQuizFactory(questions=[by_title("多选扣分")]), deputy=deputy)
    answer(attempt, 1, chosen)

    graded = submit_attempt(attempt=attempt)

    assert graded.items.get().score == Decimal(score)


def test_single_choice_weights_give_part_credit_and_floor_at_zero(bank):
    question = by_title("单选带反馈")
    option = {o.text: o.pk for o in question.options.all()}

    assert question.fraction({"option": option["GIFT"]}) == 1
    assert question.fraction({"option": option["Aiken"]}) == Decimal("0.5")
    assert question.fraction({"option": option["PDF"]}) == 0


def test_the_review_shows_the_feedback_on_the_answer_given(bank, client, deputy):
    quiz = PlacedQuizFactory(questions=[by_title("单选带反馈"), by_title("填空部分得分")])
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    answer(attempt, 1, "Aiken")
    answer(attempt, 2, "toad")
    submit_attempt(attempt=attempt)
    client.force_login(deputy.user)

    html = client.get(
        reverse("quizzes:result", args=[attempt.pk]), headers={"accept-language": "en"}
    ).content.decode()

    assert "On your answer" in html
    assert "C. 部分对：Aiken 也能导入，但不带反馈。" in html
    assert "接近：是蟾蜍。" in html
    assert "不对，CSV 不是题库的格式。" not in html  # not the deputy's answer
    assert "Partly right" in html


def test_practice_shows_the_feedback_on_the_answer_given(bank, deputy):
    question = by_title("[html]题干")
    wrong = question.options.get(text="删除")
    data = QueryDict(mutable=True)
    data[field_name(question)] = str(wrong.pk)

    answer_practice(deputy=deputy, question=question, data=data)

    assert practice_feedback(deputy, question.pk).answer_feedback.endswith("**不对**")


def test_skipped_questions_are_named_by_line_and_title(db, in_english, tmp_path):
    report = parse_gift(FEATURES)

    assert [(s.line, s.title, s.place) for s in report.skipped] == [
        (MATCHING_LINE, "配对题", f"{MATCHING_LINE} (配对题)"),
        (NUMERICAL_LINE, "数字题", f"{NUMERICAL_LINE} (数字题)"),
    ]
    path = tmp_path / "features.gift"
    path.write_text(FEATURES, encoding="utf-8")
    output = []
    with pytest.raises(CommandError):
        call_command("import_questions", str(path), "--dry-run", stdout=Writer(output))
    assert f"  Line {MATCHING_LINE} (配对题): matching questions are not supported" in output
    assert "Would import 9 questions" in output[0]


class Writer:
    def __init__(self, lines):
        self.lines = lines

    def write(self, text, *args, **kwargs):
        self.lines.extend(text.rstrip("\n").splitlines())

    def flush(self):
        pass


IMPORT = "/admin/question-transfer/import/"


@pytest.mark.parametrize(
    ("language", "would", "did"),
    [
        ("en", "2 questions below would NOT be imported; the others would be.", "the others were"),
        ("zh-hans", "下列2道题不会导入，其余题目会导入。", "其余题目已导入"),
    ],
)
def test_check_only_says_what_would_be_imported(client, superuser, language, would, did):
    client.force_login(superuser)
    upload = SimpleUploadedFile("features.gift", FEATURES.encode())

    response = client.post(
        IMPORT, {"file": upload, "dry_run": "on"}, headers={"accept-language": language}
    )

    html = response.content.decode()
    assert would in html and did not in html
    assert f"<td>{MATCHING_LINE} (配对题)</td>" in html
    if language == "zh-hans":  # the reasons' column too: a check leaves nothing out yet
        assert "不会导入的原因" in html and "未导入原因" not in html
    assert not Question.objects.exists()


def test_export_page_offers_gift(client, superuser, bank):
    client.force_login(superuser)

    response = client.post(reverse("quizzes_question_export"), {"format": "gift"})

    assert response["Content-Disposition"].endswith('.gift"')
    titles = {question.title for question in parse_gift(response.content.decode()).questions}
    assert {"单选带反馈", "填空部分得分", "多选扣分"} <= titles


def test_editors_see_and_change_credit_and_feedback(client, superuser, bank):
    client.force_login(superuser)
    blank = by_title("填空部分得分")

    page = client.get(f"/admin/questions/blank/edit/{blank.pk}/").content.decode()
    assert "接近：是蟾蜍。" in page and 'value="50.00000"' in page

    data = nested_form_data(
        {
            "category": "",
            "title": "新填空",
            "stem": "会叫的宠物是____。",
            "explanation": "猫和狗。",
            "difficulty": "easy",
            "tags": "",
            "article_links": inline_formset([]),
            "accepted_answers": inline_formset(
                [{"text": "狗"}, {"text": "猫", "credit": "50", "feedback": "也对一半。"}]
            ),
        }
    )
    assert client.post("/admin/questions/blank/new/", data).status_code == 302
    added = by_title("新填空")
    assert [(a.text, a.credit, a.feedback) for a in added.accepted_answers.all()] == [
        ("狗", 100, ""),
        ("猫", 50, "也对一半。"),
    ]


def test_thirds_add_up_to_the_whole_question(db, in_english):
    text = "选三项。{~%33.333333%甲 ~%33.333333%乙 ~%33.333333%丙 ~%-100%丁####三项都对。}"
    import_questions(report=parse_gift(text))
    question = Question.objects.get()
    option = {o.text: o.pk for o in question.options.all()}

    assert question.fraction({"options": [option["甲"], option["乙"], option["丙"]]}) == 1
    assert question.fraction({"options": [option["甲"]]}) == Decimal("0.33")


@pytest.mark.parametrize(
    ("partial", "scores", "note"),
    [
        (True, [Decimal("0.33"), 0, 1], "[scoring:partial]"),
        (False, [0, 0, 1], "[scoring:all-or-nothing]"),
    ],
)
def test_a_multiple_choice_without_weights_keeps_its_scoring(db, in_english, partial, scores, note):
    question = MultipleChoiceQuestionFactory(partial_credit=partial)  # three right of four
    answers = (["视察"], ["视察", "直接处理案件"], ["视察", "专题调研", "联系选民"])
    ids = {o.text: o.pk for o in question.options.all()}
    before = [question.fraction({"options": [ids[t] for t in chosen]}) for chosen in answers]

    exported = export_questions_gift(questions_for_export())
    Question.objects.all().delete()
    import_questions(report=parse_gift(exported))
    again = Question.objects.get()

    # Moodle reads the weights; we read the note and restore the question as it was.
    assert "~%33.33333%视察" in exported and note in exported
    assert again.partial_credit is partial
    assert [o.weight for o in again.options.all()] == [None] * 4
    ids = {o.text: o.pk for o in again.options.all()}
    after = [again.fraction({"options": [ids[t] for t in chosen]}) for chosen in answers]
    assert after == before == scores
    assert export_questions_gift(questions_for_export()) == exported


def test_difficulty_and_articles_travel_in_comments_moodle_passes_over(rules_law, in_english):
    text = (
        "// [tag:议事] [difficulty:hard] [article:议事规则 2] [article:yishi 3]\n"
        "::有法条:: 第几条？{=甲 ~乙####解析。}\n\n"
        "// [article:议事规则]\n::缺条号:: 第几条？{=甲 ~乙}\n"
    )
    report = parse_gift(text)
    assert [(s.place, s.reason) for s in report.skipped] == [
        ("5 (缺条号)", "cannot read the article “议事规则”: write [article:law number]")
    ]
    import_questions(report=report)

    def stored():
        question = Question.objects.get()
        links = [(link.law_id, link.article) for link in question.article_links.all()]
        return question.title, question.difficulty, sorted(question.tags.names()), links

    before = stored()
    assert before == ("有法条", "hard", ["议事"], [(rules_law.pk, 2), (rules_law.pk, 3)])
    exported = export_questions_gift(questions_for_export())
    assert "// [tag:议事] [difficulty:hard] [article:议事规则 2] [article:议事规则 3]" in exported
    Question.objects.all().delete()
    import_questions(report=parse_gift(exported))
    assert stored() == before


def test_a_short_answer_keeps_its_reference_answer_in_a_note(db, in_english):
    reference = "要点：[一] 走访选民；\n[二] 联络站接待。路径 C:\\docs"
    question = ParsedQuestion(
        type="short", stem="联系选民？", answer=reference, explanation="解析。"
    )
    text = write_gift([question])
    assert "// [reference:" in text and "{####解析。}" in text

    import_questions(report=parse_gift(text))
    question = Question.objects.get().get_real_instance()
    assert question.reference_answer == reference
    assert question.status == Question.Status.READY
    assert export_questions_gift(questions_for_export()) == text
