import pytest
from django.contrib.auth.models import Permission
from django.utils.html import strip_tags
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from deputies.factories import DeputyFactory, UserFactory
from quizzes.models import (
    Attempt,
    AttemptQuestion,
    Category,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Question,
    Quiz,
    QuizDraw,
    QuizQuestion,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)

from .fixtures_bank import (  # noqa: F401 (fixtures)
    amended_law_fixture,
    categories_fixture,
    make_blank,
    make_question,
    make_true_false,
    sample_law_fixture,
)

EN = {"accept-language": "en"}
BANK = "/admin/questions/"


@pytest.fixture
def admin(client, superuser):
    client.force_login(superuser)
    return client


def question_data(stem="代表每届任期几年？", links=(), **own):
    """POST data of a question type's add form."""
    return nested_form_data(
        {
            "category": "",
            "stem": stem,
            "explanation": "代表法第二条。",
            "difficulty": "easy",
            "tags": "任期",
            "article_links": inline_formset(
                [{"law": law.pk, "article": number} for law, number in links]
            ),
            **own,
        }
    )


def options(*rows):
    """Options as (text, correct) pairs."""
    return inline_formset(
        [{"text": text, "is_correct": "on" if correct else ""} for text, correct in rows]
    )


def words(response) -> str:
    """The page's text, without tags, each run of white space as one space."""
    return " ".join(strip_tags(response.content.decode()).split())


def add(client, slug, data):
    return client.post(f"{BANK}{slug}/new/", data, headers=EN)


# Adding each type


def test_add_starts_by_choosing_the_type(admin):
    response = admin.get(f"{BANK}new/", headers=EN)

    html = response.content.decode()
    for slug in ("single", "multiple", "truefalse", "blank", "short"):
        assert f'href="{BANK}{slug}/new/"' in html
    assert "Fill in the blank" in html


def test_each_type_has_its_add_form(admin):
    for slug, field in [
        ("single", "options-TOTAL_FORMS"),
        ("multiple", "partial_credit"),
        ("truefalse", "correct"),
        ("blank", "accepted_answers-TOTAL_FORMS"),
        ("short", "reference_answer"),
    ]:
        response = admin.get(f"{BANK}{slug}/new/", headers=EN)
        assert response.status_code == 200
        assert f'name="{field}"' in response.content.decode()


def test_add_a_single_choice_question(admin, categories, amended_law):
    data = question_data(
        category=categories["recess"].pk,
        options=options(("五年", True), ("三年", False), ("十年", False)),
        links=[(amended_law, 4)],
    )

    response = add(admin, "single", data)

    assert response.status_code == 302
    question = SingleChoiceQuestion.objects.get()
    assert [(o.text, o.is_correct) for o in question.options.order_by("sort_order")] == [
        ("五年", True),
        ("三年", False),
        ("十年", False),
    ]
    assert question.category == categories["recess"]
    assert [(link.law_id, link.article) for link in question.article_links.all()] == [
        (amended_law.pk, 4)
    ]
    assert list(question.tags.names()) == ["任期"]
    assert question.status == Question.Status.READY


def test_a_single_choice_with_two_correct_options_is_refused(admin):
    data = question_data(options=options(("五年", True), ("三年", True), ("十年", False)))

    response = add(admin, "single", data)

    assert response.status_code == 200
    assert "Mark exactly one option as correct." in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("slug", "rows", "message"),
    [
        ("single", [("五年", False), ("三年", False)], "Mark exactly one option as correct."),
        ("single", [("五年", True)], "Give at least two options."),
        ("multiple", [("视察", False), ("调研", False)], "Mark at least one option as correct."),
        ("multiple", [("视察", True)], "Give at least two options."),
    ],
)
def test_options_must_make_a_question(admin, slug, rows, message):
    response = add(admin, slug, question_data(options=options(*rows)))

    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_add_a_multiple_choice_question(admin):
    data = question_data(
        options=options(("视察", True), ("专题调研", True), ("直接处理案件", False)),
        partial_credit="on",
    )

    assert add(admin, "multiple", data).status_code == 302
    question = MultipleChoiceQuestion.objects.get()
    assert question.partial_credit
    assert question.options.filter(is_correct=True).count() == 2


def test_add_true_false_questions(admin):
    assert add(admin, "truefalse", question_data("对的。", correct="on")).status_code == 302
    assert add(admin, "truefalse", question_data("错的。")).status_code == 302

    assert dict(TrueFalseQuestion.objects.values_list("stem", "correct")) == {
        "对的。": True,
        "错的。": False,
    }


def test_add_a_fill_in_the_blank_question(admin):
    data = question_data(
        "代表每届任期____年。", accepted_answers=inline_formset([{"text": "五"}, {"text": "5"}])
    )

    assert add(admin, "blank", data).status_code == 302
    assert sorted(
        FillBlankQuestion.objects.get().accepted_answers.values_list("text", flat=True)
    ) == [
        "5",
        "五",
    ]


def test_a_blank_needs_an_accepted_answer(admin):
    response = add(admin, "blank", question_data(accepted_answers=inline_formset([])))

    assert "Give at least one accepted answer." in response.content.decode()
    assert not Question.objects.exists()


def test_add_a_short_answer_question(admin):
    data = question_data("怎样写好一条建议？", reference_answer="问题、原因、办法。")

    assert add(admin, "short", data).status_code == 302
    assert ShortAnswerQuestion.objects.get().reference_answer == "问题、原因、办法。"


def test_an_article_tested_must_exist_in_the_version_in_force(admin, amended_law):
    data = question_data(reference_answer="要点", links=[(amended_law, 7)])

    response = add(admin, "short", data)

    assert response.status_code == 200
    assert "has no article 7 (第七条) in its version in force of 2025-01-01" in (
        response.content.decode()
    )
    assert not Question.objects.exists()


def test_an_article_is_cited_once(admin, amended_law):
    data = question_data(reference_answer="要点", links=[(amended_law, 4), (amended_law, 4)])

    response = add(admin, "short", data)

    assert "The same article is listed twice." in response.content.decode()
    assert not Question.objects.exists()


def test_edit_keeps_the_type_and_returns_to_the_bank(admin):
    question = make_true_false("原来的。")

    # The bank's own edit link leads to the type's form.
    redirect = admin.get(f"{BANK}edit/{question.pk}/")
    assert redirect.url == f"{BANK}truefalse/edit/{question.pk}/"
    response = admin.post(redirect.url, question_data("改过的。"), headers=EN)

    assert response.status_code == 302
    assert response.url == BANK
    question = TrueFalseQuestion.objects.get()
    assert (question.stem, question.correct) == ("改过的。", False)


# The listing


def test_listing_shows_every_type_with_its_category_and_status(admin, categories):
    make_question("单选题干", category=categories["visits"], difficulty="hard")
    make_true_false("判断题干", status=Question.Status.NEEDS_REVIEW, review_reason="第一条改了")
    make_blank("填空题干")

    response = admin.get(BANK, headers=EN)

    html = response.content.decode()
    assert response.status_code == 200
    for text in ("单选题干", "判断题干", "填空题干", "Single choice", "True or false"):
        assert text in html
    assert "代表法/闭会期间/视察" in html
    assert "Hard" in html
    assert "Needs review" in html and "第一条改了" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=truefalse", {"判断题干"}),
        ("status=review", {"判断题干"}),
        ("difficulty=hard", {"单选题干"}),
        ("q=填空", {"填空题干"}),
    ],
)
def test_listing_filters_and_search(admin, categories, query, expected):
    make_question("单选题干", category=categories["visits"], difficulty="hard")
    make_true_false("判断题干", status=Question.Status.NEEDS_REVIEW)
    make_blank("填空题干")

    html = admin.get(f"{BANK}?{query}", headers=EN).content.decode()

    assert {stem for stem in ("单选题干", "判断题干", "填空题干") if stem in html} == expected


def test_the_category_filter_takes_in_subcategories(admin, categories):
    make_question("视察题", category=categories["visits"])
    make_question("选举题", category=categories["election"])

    html = admin.get(f"{BANK}?category={categories['law'].pk}", headers=EN).content.decode()

    assert "视察题" in html and "选举题" not in html


def fill_bank(count, categories, law):
    """`count` questions of three types, subcategories, and a quiz choosing and drawing."""
    for i in range(count):
        Category.objects.create(name=f"类{i}", parent=categories["visits"])
        make_true_false(f"判断{i}", category=categories["visits"], status="review")
        make_blank(f"填空{i}", category=categories["visits"])
    question = make_question("多条", cites=[(law, n) for n in range(1, 7)][: max(1, count // 5)])
    quiz = Quiz.objects.create(title="代表法小测")
    for i in range(count):
        QuizQuestion.objects.create(quiz=quiz, question=make_question(f"选{i}"), sort_order=i)
        QuizDraw.objects.create(
            quiz=quiz, count=2, category=categories["law"], law=law, chapter=2, sort_order=i
        )
    return question, quiz


PAGES = {
    "listing": (lambda question, quiz: BANK, 12),
    "needs review": (lambda question, quiz: f"{BANK}?status=review&kind=truefalse", 12),
    "question form": (lambda question, quiz: f"{BANK}single/edit/{question.pk}/", 16),
    "chooser": (lambda question, quiz: "/admin/question_chooser/", 8),
    "categories": (lambda question, quiz: "/admin/question_categories/", 11),
    "quizzes": (lambda question, quiz: "/admin/quizzes/", 10),
    "quiz form": (lambda question, quiz: f"/admin/quizzes/edit/{quiz.pk}/", 20),
    "quiz inspect": (lambda question, quiz: f"/admin/quizzes/inspect/{quiz.pk}/", 14),
}


@pytest.mark.parametrize("count", [2, 12])
@pytest.mark.parametrize("page", PAGES)
def test_pages_make_as_many_queries_whatever_the_bank(
    admin, categories, amended_law, page, count, django_assert_max_num_queries
):
    url, queries = PAGES[page]
    url = url(*fill_bank(count, categories, amended_law))
    admin.get(url)  # warm the content type and site caches, as a running server has them

    with django_assert_max_num_queries(queries):
        assert admin.get(url).status_code == 200


# Deleting and retiring


def attempt_using(question):
    quiz = Quiz.objects.create(title="测验")
    deputy = DeputyFactory(user=UserFactory(mobile="13600000077"))
    attempt = Attempt.objects.create(quiz=quiz, deputy=deputy, number=1)
    AttemptQuestion.objects.create(attempt=attempt, question=question, position=1)


def test_a_question_attempts_used_is_retired_not_deleted(admin):
    question = make_question("用过的")
    attempt_using(question)
    url = f"{BANK}single/delete/{question.pk}/"

    page = admin.get(url, headers=EN).content.decode()
    assert "cannot be deleted" in page
    assert "It was asked in 1 attempt" in page
    assert f'action="{BANK}retire/{question.pk}/"' in page

    refused = admin.post(url, headers=EN, follow=True)
    assert "It was asked in 1 attempt" in refused.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()

    admin.post(f"{BANK}retire/{question.pk}/", headers=EN)
    assert Question.objects.get(pk=question.pk).status == Question.Status.RETIRED


def test_a_question_a_quiz_chooses_is_not_deleted(admin):
    question = make_question("被选的")
    QuizQuestion.objects.create(quiz=Quiz.objects.create(title="测验"), question=question)

    admin.post(f"{BANK}single/delete/{question.pk}/", headers=EN)

    assert Question.objects.filter(pk=question.pk).exists()


def test_an_unused_question_is_deleted(admin):
    question = make_question("没用过")

    response = admin.post(f"{BANK}single/delete/{question.pk}/", headers=EN)

    assert response.status_code == 302
    assert not Question.objects.exists()


# Categories and quizzes


def test_categories_are_edited_with_their_place_in_the_tree(admin, categories):
    page = admin.get("/admin/question_categories/", headers=EN).content.decode()
    assert "代表法/闭会期间/视察" in page

    response = admin.post(
        "/admin/question_categories/new/",
        {"name": "专题询问", "parent": categories["recess"].pk},
        headers=EN,
    )
    assert response.status_code == 302
    assert str(Category.objects.get(name="专题询问")) == "代表法/闭会期间/专题询问"

    loop = admin.post(
        f"/admin/question_categories/edit/{categories['law'].pk}/",
        {"name": "代表法", "parent": categories["visits"].pk},
        headers=EN,
    )
    assert "A category cannot sit inside itself." in loop.content.decode()


def test_a_category_holding_questions_is_not_deleted(admin, categories):
    make_question("视察题", category=categories["visits"])

    page = admin.get(f"/admin/question_categories/delete/{categories['visits'].pk}/", headers=EN)
    admin.post(f"/admin/question_categories/delete/{categories['visits'].pk}/", headers=EN)

    assert "It holds 1 question" in page.content.decode()
    assert Category.objects.filter(pk=categories["visits"].pk).exists()


def quiz_data(picks=(), draws=()):
    return nested_form_data(
        {
            "title": "代表法小测",
            "description": "",
            "time_limit_minutes": "20",
            "attempts_allowed": "2",
            "pass_mark": "60",
            "show_answers": "submit",
            "due_date": "",
            "layout": "one",
            "shuffle_questions": "on",
            "shuffle_options": "on",
            "picks": inline_formset(
                [{"question": question.pk, "points": "2"} for question in picks]
            ),
            "draws": inline_formset(
                [
                    {
                        "count": "5",
                        "points": "1",
                        "category": "",
                        "law": "",
                        "chapter": "",
                        "difficulty": "",
                        **draw,
                    }
                    for draw in draws
                ]
            ),
        }
    )


def test_add_a_quiz_with_picks_and_draws(admin, categories, amended_law):
    question = make_question("选中的")

    response = admin.post(
        "/admin/quizzes/new/",
        quiz_data(
            picks=[question],
            draws=[{"count": "3", "category": categories["law"].pk, "law": amended_law.pk,
                    "chapter": "2", "difficulty": "easy"}],
        ),
        headers=EN,
    )  # fmt: skip

    assert response.status_code == 302
    quiz = Quiz.objects.get()
    assert quiz.picks.get().question_id == question.pk
    draw = quiz.draws.get()
    assert (draw.count, draw.category, draw.law_id, draw.chapter, draw.difficulty) == (
        3,
        categories["law"],
        amended_law.pk,
        2,
        "easy",
    )


def test_a_question_is_chosen_once(admin):
    question = make_question("选中的")

    response = admin.post("/admin/quizzes/new/", quiz_data(picks=[question, question]), headers=EN)

    assert "This question is already chosen." in response.content.decode()
    assert not Quiz.objects.exists()


def test_a_quiz_deputies_attempted_is_not_deleted(admin):
    question = make_question("用过的")
    attempt_using(question)
    quiz = Quiz.objects.get()

    page = admin.get(f"/admin/quizzes/delete/{quiz.pk}/", headers=EN)
    admin.post(f"/admin/quizzes/delete/{quiz.pk}/", headers=EN)

    assert "Deputies made 1 attempt at it" in page.content.decode()
    assert Quiz.objects.filter(pk=quiz.pk).exists()


@pytest.mark.parametrize(
    ("draw", "message"),
    [
        ({"chapter": "2"}, "Choose the law whose chapter this is."),
        ({"chapter": "9", "law": "LAW"}, "The version in force of this law has no chapter 9."),
        ({"count": "0"}, "Draw at least one question."),
    ],
)
def test_draws_are_checked(admin, amended_law, draw, message):
    draw = {key: amended_law.pk if value == "LAW" else value for key, value in draw.items()}

    response = admin.post("/admin/quizzes/new/", quiz_data(draws=[draw]), headers=EN)

    assert message in response.content.decode()
    assert not Quiz.objects.exists()


def test_the_quiz_says_how_many_questions_each_draw_can_pick_from(admin, categories, amended_law):
    for i in range(3):
        make_question(f"第四条{i}", category=categories["visits"], cites=[(amended_law, 4)])
    make_question("待审", category=categories["visits"], status=Question.Status.NEEDS_REVIEW)
    quiz = Quiz.objects.create(title="代表法小测")
    QuizDraw.objects.create(quiz=quiz, count=2, category=categories["law"], sort_order=0)
    QuizDraw.objects.create(quiz=quiz, count=5, law=amended_law, chapter=2, sort_order=1)

    for url in (f"/admin/quizzes/edit/{quiz.pk}/", f"/admin/quizzes/inspect/{quiz.pk}/"):
        text = words(admin.get(url, headers=EN))
        assert "Draw 1: 2 questions · category 代表法 — 3 ready questions to pick from." in text
        assert (
            "Draw 2: 5 questions · 某某县村务议事规则 第二章 — 3 ready questions to pick from. "
            "It asks for 5: each attempt will get only 3."
        ) in text


def test_the_quiz_listing_counts_chosen_and_drawn_questions(admin):
    quiz = Quiz.objects.create(title="代表法小测")
    QuizQuestion.objects.create(quiz=quiz, question=make_question("甲"))
    QuizDraw.objects.create(quiz=quiz, count=4)

    response = admin.get("/admin/quizzes/", headers=EN)

    [row] = response.context["object_list"]
    assert (row.title, row.question_count) == ("代表法小测", 5)
    assert "代表法小测 Edit Inspect Delete 5 60" in words(response)


# Who may


def test_editors_keep_the_bank(client, editor):
    """The data migration gives Wagtail's Editors group the bank; grant_role puts editors in it."""
    for codename in ("add_question", "change_question", "delete_question", "view_question"):
        assert editor.has_perm(f"quizzes.{codename}")
    for codename in ("change_truefalsequestion", "add_category", "change_quiz", "delete_quiz"):
        assert editor.has_perm(f"quizzes.{codename}")
    client.force_login(editor)

    assert client.get(BANK).status_code == 200
    assert client.get(f"{BANK}new/").status_code == 200
    assert add(client, "truefalse", question_data("对的。", correct="on")).status_code == 302
    assert client.get("/admin/question_categories/").status_code == 200
    assert client.get("/admin/quizzes/").status_code == 200


def test_staff_without_the_bank_permissions_are_kept_out(client, db):
    user = UserFactory(mobile="13700000099", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(BANK).status_code == 302  # Wagtail sends them home, saying why
    assert client.get(f"{BANK}single/new/").status_code == 302
    add(client, "truefalse", question_data("对的。", correct="on"))
    assert not Question.objects.exists()
