from quizzes.models import Question, Quiz, QuizDraw
from quizzes.selectors import draw_candidates

from .fixtures_bank import (  # noqa: F401 (fixtures)
    amended_law_fixture,
    categories_fixture,
    make_question,
    sample_law_fixture,
)


def draw(**filters):
    quiz = Quiz.objects.create(title="小测")
    return QuizDraw.objects.create(quiz=quiz, count=3, **filters)


def stems(queryset):
    return sorted(question.stem for question in queryset)


def test_a_category_draws_from_its_whole_subtree(categories):
    make_question("法", category=categories["law"])
    make_question("闭会", category=categories["recess"])
    make_question("视察", category=categories["visits"])
    make_question("选举", category=categories["election"])
    make_question("无类")

    assert stems(draw_candidates(draw(category=categories["law"]))) == ["法", "视察", "闭会"]
    assert stems(draw_candidates(draw(category=categories["recess"]))) == ["视察", "闭会"]
    assert len(draw_candidates(draw())) == 5


def test_only_ready_questions_are_drawn(categories):
    make_question("可用", category=categories["law"])
    make_question("待审", category=categories["law"], status=Question.Status.NEEDS_REVIEW)
    make_question("停用", category=categories["law"], status=Question.Status.RETIRED)

    assert stems(draw_candidates(draw(category=categories["law"]))) == ["可用"]


def test_a_law_draws_questions_citing_it(sample_law, categories):
    make_question("第一条", cites=[(sample_law, 1)])
    make_question("两条", cites=[(sample_law, 2), (sample_law, 5)])
    make_question("不引")

    candidates = draw_candidates(draw(law=sample_law))

    assert stems(candidates) == ["两条", "第一条"]  # once each, though one cites two articles


def test_a_chapter_is_read_from_the_version_in_force(amended_law):
    # In force (AMENDED): chapter 1 has articles 1-3, chapter 2 has 4-5, chapter 3 has 6.
    # In SAMPLE, article 3 was in chapter 2: the old chapters do not count.
    make_question("第三条", cites=[(amended_law, 3)])
    make_question("第四条", cites=[(amended_law, 4)])
    make_question("第五条", cites=[(amended_law, 5)])
    make_question("第六条", cites=[(amended_law, 6)])

    assert stems(draw_candidates(draw(law=amended_law, chapter=2))) == ["第五条", "第四条"]
    assert stems(draw_candidates(draw(law=amended_law, chapter=1))) == ["第三条"]
    assert list(draw_candidates(draw(law=amended_law, chapter=9))) == []


def test_difficulty_and_every_filter_together(amended_law, categories):
    make_question("易", category=categories["recess"], difficulty="easy", cites=[(amended_law, 4)])
    make_question("难", category=categories["recess"], difficulty="hard", cites=[(amended_law, 4)])
    make_question(
        "易但他章", category=categories["recess"], difficulty="easy", cites=[(amended_law, 6)]
    )
    make_question(
        "易但他类", category=categories["election"], difficulty="easy", cites=[(amended_law, 4)]
    )

    assert stems(draw_candidates(draw(difficulty="hard"))) == ["难"]
    every = draw(category=categories["law"], law=amended_law, chapter=2, difficulty="easy")
    assert stems(draw_candidates(every)) == ["易"]


def test_a_draw_costs_two_queries_whatever_the_bank(
    amended_law, categories, django_assert_num_queries
):
    for i in range(12):
        make_question(f"题{i}", category=categories["visits"], cites=[(amended_law, 4)])
    chapter_draw = draw(category=categories["law"], law=amended_law, chapter=2)

    with django_assert_num_queries(2):  # the category tree, then the questions
        pks = list(draw_candidates(chapter_draw).values_list("pk", flat=True))
    assert len(pks) == 12
