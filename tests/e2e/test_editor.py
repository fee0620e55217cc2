"""The content editor in the content admin: imports a law text, builds a quiz and a lesson."""

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from courses.factories import CoursePageFactory
from courses.models import LessonPage
from deputies.demo import DEMO_PASSWORD
from deputies.factories import DeputyFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from materials.models import LawPage
from quizzes.factories import (
    FillBlankQuestionFactory,
    SingleChoiceQuestionFactory,
    TrueFalseQuestionFactory,
)
from quizzes.models import Quiz

from ..materials.texts import SAMPLE
from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EDITOR = "13700000004"
DEPUTY = "13900000001"

# What the editor reads on the controls, ours and Wagtail's, in each language. Wagtail's Chinese
# catalogue leaves "Insert a block" in English.
WORDS = {
    "en": {
        "open_admin": "Open the content admin",
        "toggle_sidebar": "Toggle sidebar",
        "import_law": "Import a law",
        "law_text": "Law text",
        "preview": "Preview",
        "counted": "{chapters} chapters, 0 sections, {articles} articles",
        "no_warnings": "No warnings",
        "import": "Import",
        "imported": "Imported {title}, in force from {date}: {chapters} chapters, 0 sections, "
        "{articles} articles.",
        "question_bank": "Question bank",
        "quizzes": "Quizzes",
        "add_quiz": "Add quiz",
        "title": "Title",
        "add_pick": "Add Chosen question",
        "choose_question": "Choose a question",
        "choose_quiz": "Choose a quiz",
        "create": "Create",
        "quiz_created": "Quiz '{title}' created.",
        "add_child_page": "Add child page",
        "minutes": "Estimated minutes",
        "insert_block": "Insert a block",
        "text_block": "Text",
        "quiz_block": "Quiz",
        "introduction": "Introduction",
        "more_actions": "More actions",
        "publish": "Publish",
        "courses": "Courses",
        "take_quiz": "Take the quiz",
        "questions": "Questions",
    },
    "zh-hans": {
        "open_admin": "进入内容管理后台",
        "toggle_sidebar": "切换侧边栏",
        "import_law": "导入法律文本",
        "law_text": "法律文本",
        "preview": "预览",
        "counted": "共{chapters}章、0节、{articles}条",
        "no_warnings": "没有警告",
        "import": "导入",
        "imported": "已导入《{title}》（自{date}起施行）：共{chapters}章、0节、{articles}条。",
        "question_bank": "题库",
        "quizzes": "测验",
        "add_quiz": "添加 测验",
        "title": "标题",
        "add_pick": "增加 指定题目",
        "choose_question": "选择题目",
        "choose_quiz": "选择测验",
        "create": "创建",
        "quiz_created": "测验 '{title}' 已创建。",
        "add_child_page": "添加子页面",
        "minutes": "预计学习时长（分钟）",
        "insert_block": "Insert a block",
        "text_block": "文字",
        "quiz_block": "测验",
        "introduction": "简介",
        "more_actions": "更多动作",
        "publish": "发布",
        "courses": "学习课程",
        "take_quiz": "参加测验",
        "questions": "题目",
    },
}

# What the official texts in ../shared/laws hold (their README gives the counts).
LAWS = {
    "daibiaofa-2015-08-29.md": {
        "title": "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法",
        "slug": "daibiaofa",
        "date": "2015-08-29",
        "chapters": 6,
        "articles": 52,
        "chapter_2": "第二章　代表在本级人民代表大会会议期间的工作",
        "article": (9, "第九条", "议案应当有案由、案据和方案。"),
    },
    "zhejiang-daibiaofa-shishi-2016-05-27.md": {
        "title": "浙江省实施《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》办法",
        "slug": "浙江省实施代表法办法",
        "date": "2016-05-27",
        "chapters": 5,
        "articles": 53,
        "chapter_2": "第二章　代表职务的执行",
        "article": (10, "第十条", "议案应当有案由、案据和方案。"),
    },
}


@pytest.fixture
def editor():
    user = UserFactory(name="林晓雯", mobile=EDITOR, password=DEMO_PASSWORD)
    grant_role(user=user, kind=StaffRole.Kind.EDITOR)
    return user


def open_admin_menu_item(page, words, *names, phone):
    """From the editor's home page, into the content admin and along its menu: submenus by
    name, then the item. On a phone the admin's menu is folded away behind a button."""
    with page.expect_navigation():
        page.get_by_role("link", name=words["open_admin"]).click()
    toggle = page.get_by_role("button", name=words["toggle_sidebar"])
    expect(toggle).to_be_visible()  # the menu is drawn by script once the page has loaded
    if phone:
        toggle.click()
    *submenus, name = names
    for submenu in submenus:
        page.get_by_role("button", name=submenu, exact=True).click()
    item = page.get_by_role("link", name=name, exact=True)
    expect(item).to_be_visible()
    item.click()


@pytest.mark.parametrize(
    "size, language, filename",
    [
        ("phone", "zh-hans", "daibiaofa-2015-08-29.md"),
        ("desktop", "en", "zhejiang-daibiaofa-shishi-2016-05-27.md"),
    ],
)
def test_editor_imports_a_law_text(
    editor, new_page, screenshot, shared_laws, size, language, filename
):
    words, law = WORDS[language], LAWS[filename]
    page = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(page, EDITOR, DEMO_PASSWORD)
    open_admin_menu_item(page, words, words["import_law"], phone=size == "phone")
    expect(page).to_have_title(re.compile(words["import_law"]))

    page.get_by_label(words["law_text"]).set_input_files(shared_laws / filename)
    screenshot(page, f"editor-law-import-{size}-{language}")
    page.get_by_role("button", name=words["preview"], exact=True).click()

    # Nothing is written before the editor has seen what the file holds and confirmed it.
    expect(page.get_by_role("heading", name=law["title"])).to_be_visible()
    expect(page.locator("main")).to_contain_text(words["counted"].format(**law))
    expect(page.locator("main")).to_contain_text(words["no_warnings"])
    assert not LawPage.objects.filter(slug=law["slug"]).exists()
    assert_fits(page)
    screenshot(page, f"editor-law-preview-{size}-{language}")
    page.get_by_role("button", name=words["import"], exact=True).click()

    # The import confirms what it read, in a message on the law's page of the public site.
    expect(page.get_by_role("status")).to_have_text(
        words["imported"].format(**law), use_inner_text=True
    )
    assert unquote(page.url).endswith(f"/laws/{law['slug']}/")
    assert_fits(page)
    screenshot(page, f"editor-law-imported-{size}-{language}")
    expect(page.get_by_role("heading", name=law["title"], level=1)).to_be_visible()

    number, label, words_of_article = law["article"]
    page.get_by_role("link", name=law["chapter_2"]).click()
    chapter = page.locator("#chapter-2")
    expect(chapter.get_by_role("heading", name=law["chapter_2"])).to_be_visible()
    article = chapter.locator(f"#article-{number}")
    expect(article.get_by_role("heading", name=label)).to_be_visible()
    expect(article).to_contain_text(words_of_article)

    with page.expect_navigation():
        article.get_by_role("link", name=label).click()
    assert unquote(page.url).endswith(f"/laws/{law['slug']}/articles/{number}/")
    expect(page.locator("main")).to_contain_text(words_of_article)

    imported = LawPage.objects.get(slug=law["slug"])
    version = imported.versions.get()
    assert imported.live and version.effective_date.isoformat() == law["date"]
    assert version.chapters.count() == law["chapters"]
    assert version.articles.count() == law["articles"]
    assert version.source_name == filename


def test_editor_reads_the_warnings_of_a_cut_short_file_on_a_phone(
    editor, new_page, screenshot, tmp_path
):
    """A file that stops mid-article shows its warning with its line, and is imported only
    once the editor has ticked that they read it."""
    path = tmp_path / "rules.md"
    path.write_text(SAMPLE.removesuffix("起施行。\n"), encoding="utf-8")
    words = WORDS["zh-hans"]
    page = new_page(PHONE, "zh-hans")
    sign_in(page, EDITOR, DEMO_PASSWORD)
    open_admin_menu_item(page, words, words["import_law"], phone=True)
    page.get_by_label(words["law_text"]).set_input_files(path)
    page.get_by_role("button", name=words["preview"], exact=True).click()

    expect(page.locator("main")).to_contain_text("最后一条（第六条）在句子中间中断")
    assert_fits(page)
    screenshot(page, "editor-law-preview-warning-phone-zh-hans")
    page.get_by_role("button", name=words["import"], exact=True).click()
    expect(page.locator("main")).to_contain_text("请勾选此项，确认已阅读警告。")
    assert not LawPage.objects.exists()

    page.get_by_label("我已阅读警告，仍要导入").check()
    page.get_by_role("button", name=words["import"], exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("已导入")
    assert LawPage.objects.get().versions.get().articles.count() == 6


def test_editor_pastes_a_law_copied_from_a_web_page_on_a_phone(editor, new_page, screenshot):
    """The text copied out of a browser, a line broken mid-sentence, pasted into the box."""
    body = SAMPLE.split("<!-- INFO END -->")[1].replace(
        "为了规范村务议事，", "为了规范村务\n议事，"
    )
    pasted = "某某县村务议事规则\n2024年6月30日 某某县人大常委会修正\n" + body.replace("#", "")
    words = WORDS["zh-hans"]
    page = new_page(PHONE, "zh-hans")
    sign_in(page, EDITOR, DEMO_PASSWORD)
    open_admin_menu_item(page, words, words["import_law"], phone=True)
    page.get_by_label("或者直接粘贴全文").fill(pasted)
    page.get_by_role("button", name=words["preview"], exact=True).click()

    expect(page.locator("main")).to_contain_text("共3章、2节、6条")
    expect(page.locator("main")).to_contain_text("为了规范村务议事，制定本规则。")
    assert_fits(page)
    screenshot(page, "editor-law-pasted-phone-zh-hans")
    page.get_by_role("button", name=words["import"], exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("已导入")
    assert LawPage.objects.get().versions.get().source_name == "pasted.txt"


@pytest.fixture
def course(editor):
    """A course to write a lesson in, and a deputy to read the lesson."""
    DeputyFactory(user__mobile=DEPUTY, user__password=DEMO_PASSWORD, user__name="王秀英")
    return CoursePageFactory(title="代表法入门", slug="daibiaofa-rumen", summary="新任代表必读。")


LESSON = "第三课　代表怎样提出建议"
LESSON_TEXT = "建议要写清楚三件事：问题是什么，原因在哪里，办法有哪些。"
QUIZ = "建议写作小测"


@pytest.mark.parametrize("size, language", [("phone", "en"), ("desktop", "zh-hans")])
def test_editor_builds_a_quiz_and_a_lesson_that_a_deputy_reads(
    course, new_page, screenshot, size, language, settings
):
    # Wagtail's autosave (every 500 ms) off: it creates the page as a draft and points the form
    # at the edit view, and a publish that comes before that lands posts to the add view a
    # second time, beside the autosave's own post; Wagtail saves one of the two twice (the slug
    # clash surfaces as a server error). An editor's publish comes seconds later, the test's at
    # once, and waiting for the autosave timed out on a loaded machine.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    words = WORDS[language]
    viewport = PHONE if size == "phone" else DESKTOP
    chosen = [SingleChoiceQuestionFactory(), TrueFalseQuestionFactory()]
    FillBlankQuestionFactory()  # in the bank, not chosen

    # The editor builds the quiz from questions of the bank.
    page = new_page(viewport, language)
    sign_in(page, EDITOR, DEMO_PASSWORD)
    open_admin_menu_item(
        page, words, words["question_bank"], words["quizzes"], phone=size == "phone"
    )
    page.get_by_role("link", name=words["add_quiz"]).click()
    page.get_by_role("textbox", name=words["title"]).fill(QUIZ)
    for question in chosen:
        page.get_by_role("button", name=words["add_pick"]).click()
        page.get_by_role("button", name=words["choose_question"]).last.click()
        chooser = page.get_by_role("dialog")
        chooser.get_by_role("link", name=question.stem).click()
        expect(chooser).to_be_hidden()
        expect(page.locator("[data-chooser-title]").last).to_have_text(question.stem)
    expect(page.locator(".modal")).to_have_count(0)  # Wagtail drops its modal once faded out
    screenshot(page, f"editor-quiz-{size}-{language}")
    page.get_by_role("button", name=words["create"], exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(words["quiz_created"].format(title=QUIZ))

    quiz = Quiz.objects.get(title=QUIZ)
    picks = quiz.picks.order_by("sort_order")
    assert [pick.question_id for pick in picks] == [question.pk for question in chosen]

    # The editor opens the course in the page tree, writes a lesson in it (a text and the
    # quiz) and publishes it (deputies/migrations/0002: editors publish what they write).
    page.goto(f"/admin/pages/{course.pk}/")
    page.get_by_role("link", name=words["add_child_page"]).first.click()
    page.get_by_role("textbox", name=words["title"]).fill(LESSON)
    page.get_by_role("spinbutton", name=words["minutes"]).fill("10")
    page.get_by_role("button", name=words["insert_block"]).click()
    page.get_by_role("option", name=words["text_block"]).click()
    page.locator("[data-contentpath=body]").get_by_role("textbox").first.click()
    page.keyboard.type(LESSON_TEXT)  # Draftail's editor takes keystrokes, not fill()
    page.get_by_role("button", name=words["insert_block"]).last.click()
    page.get_by_role("option", name=words["quiz_block"]).click()
    # A chooser, as for questions: Wagtail's reference index then knows the lesson uses it.
    page.get_by_role("button", name=words["choose_quiz"]).click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("link", name=QUIZ).click()
    expect(chooser).to_be_hidden()
    expect(page.locator(".modal")).to_have_count(0)  # faded out before the screenshot
    page.get_by_role("textbox", name=words["introduction"]).fill("读完这一课，做两道题。")
    screenshot(page, f"editor-lesson-{size}-{language}")
    page.get_by_role("button", name=words["more_actions"]).click()
    page.get_by_role("button", name=words["publish"], exact=True).click()
    # "Created and published": it names the lesson.
    expect(page.get_by_role("status")).to_contain_text(LESSON)

    lesson = LessonPage.objects.get(title=LESSON)
    assert lesson.get_parent().pk == course.pk
    assert lesson.live and not lesson.has_unpublished_changes
    assert [block.block_type for block in lesson.body] == ["text", "quiz"]
    assert LESSON_TEXT in lesson.body[0].value.source
    assert lesson.body[1].value["quiz"] == quiz

    # A deputy finds the lesson in the course, reads it and follows its quiz.
    reader = new_page(viewport, language)
    sign_in(reader, DEPUTY, DEMO_PASSWORD)
    if reader.locator(".tab-bar").is_visible():  # a phone: the 学习 (Learn) tab
        with reader.expect_navigation():
            reader.locator(".tab-bar__tab[data-tab=learn]").click()
    else:
        with reader.expect_navigation():
            reader.locator(".main-nav").get_by_role("link", name=words["courses"]).click()
    with reader.expect_navigation():
        reader.get_by_role("link", name=course.title).click()
    with reader.expect_navigation():
        reader.get_by_role("link", name=LESSON).click()
    main = reader.locator("main")
    expect(main).to_contain_text(LESSON_TEXT)
    assert_fits(reader)
    screenshot(reader, f"deputy-lesson-{size}-{language}")
    with reader.expect_navigation():
        main.get_by_role("link", name=words["take_quiz"]).click()
    expect(reader.get_by_role("heading", name=QUIZ, level=1)).to_be_visible()
    questions = reader.locator(f"dl.facts dt:text-is('{words['questions']}') + dd")
    expect(questions).to_have_text(str(len(chosen)))
