"""The township deputies' elective (乡镇代表履职必知) and its questions in the demo bank: they seed
whether or not the official texts are imported, cite only articles the project can stand behind,
and, where the official texts are at hand, say what the cited articles say: the 代表法 as amended
in 2025 and Zhejiang's implementing measures (the demo province's example), article by article.
地方组织法's text is not among the project's inputs: its articles are those of the study notes."""

import re

from django.core.management import call_command

from common.numerals import chinese_numeral
from courses.demo import TOWNSHIP_COURSE, demo_course, seed_courses
from courses.models import CoursePage
from deputies.factories import DeputyFactory
from materials.demo import seed_study_notes, study_laws
from quizzes.demo import (
    QUESTIONS_FILE,
    TOWNSHIP_QUIZ,
    TOWNSHIP_SHELVES,
    seed_questions,
    seed_quizzes,
)
from quizzes.formats.detect import read_question_file
from quizzes.models import Question, QuestionArticle
from quizzes.services import start_attempt

from .test_demo_programme import _official_articles

COURSE, LESSONS = demo_course(TOWNSHIP_COURSE)
# The Zhejiang measures' page as the importer names it (its short name, materials.services).
ZHEJIANG = "浙江省实施代表法办法"
# What a note or an explanation calls each law it cites.
LAW_NAMES = {"daibiaofa": "代表法", "difangzuzhifa": "地方组织法", ZHEJIANG: ZHEJIANG}
TAG = "乡镇代表必知"  # the tag of the course's questions in the bank
# A number with its measure word, or a fraction: what a right answer may not claim unless the
# article it is tied to says it.
NUMBER = re.compile(
    r"(?P<fraction>[一二三四五六七八九十]+分之[一二三四五六七八九十]+)"
    r"|(?P<number>[零一二两三四五六七八九十百]+|\d+)(?P<measure>个月|个|日|天|人|名|次|年|条|项)"
)


def _cited(law):
    """(article number, note) of every article block of the course citing the law."""
    return [
        (block[2], block[3])
        for lesson in LESSONS
        for block in lesson.blocks
        if block[0] == "article" and block[1] == law
    ]


def _questions():
    report = read_question_file(QUESTIONS_FILE.name, QUESTIONS_FILE.read_bytes())
    return [q for q in report.questions if TAG in q.tags]


def _right_answers(question) -> list[str]:
    """What the question holds to be true: its right options, its accepted answers, or its
    statement if it is true."""
    if question.type in ("single", "multiple"):
        weights = question.weights or [None] * len(question.options)
        return [
            text
            for (text, right), weight in zip(question.options, weights, strict=True)
            if right or (weight is not None and weight > 0)
        ]
    if question.type == "blank":
        return question.accepted
    if question.type == "truefalse" and question.answer is True:
        return [question.stem]
    return []


def _numbers(text: str) -> list[str]:
    """The numbers a text states with their measure words, in Chinese numerals (1个月 →
    一个月)."""
    found = []
    for match in NUMBER.finditer(text):
        number = match["number"]
        if number is None:
            found.append(match["fraction"])
        else:
            numeral = chinese_numeral(int(number)) if number.isdigit() else number
            found.append(numeral + match["measure"])
    return found


def _study_note_articles() -> dict[int, str]:
    """地方组织法's study notes: article number → the note's heading and text."""
    (law,) = [law for law in study_laws() if law.slug == "difangzuzhifa"]
    return {number: heading + text for number, heading, text in law.notes}


def test_the_course_has_a_lesson_for_each_topic_and_cites_three_laws():
    assert COURSE["title"].startswith("乡镇代表履职必知")
    assert not COURSE["required"] and not COURSE["for_county_deputies"]
    assert len(LESSONS) == 5
    assert all(8 <= lesson.minutes <= 15 for lesson in LESSONS)
    laws = {block[1] for lesson in LESSONS for block in lesson.blocks if block[0] == "article"}
    assert laws == {"daibiaofa", "difangzuzhifa", ZHEJIANG}
    # Each article block's note names its law and article first, as the reader sees it when
    # the law is not in the library and the note stands alone.
    for law, name in LAW_NAMES.items():
        for number, note in _cited(law):
            assert note.startswith(f"{name}第{chinese_numeral(number)}条："), note
    # 地方组织法: only the articles the project's study notes explain, never a number of its own.
    notes = _study_note_articles()
    assert {number for number, _note in _cited("difangzuzhifa")} <= set(notes)


def test_the_course_and_its_questions_seed_without_the_official_texts(db):
    seed_study_notes()
    seed_questions()
    seed_courses()
    course = CoursePage.objects.get(slug=TOWNSHIP_COURSE)
    lessons = list(course.lessons())
    blocks = [block for lesson in lessons for block in lesson.body]

    assert [lesson.title for lesson in lessons] == [lesson.title for lesson in LESSONS]
    quoted = [
        (b.value["law"].slug, b.value["article"]) for b in blocks if b.block_type == "law_article"
    ]
    assert quoted == [("difangzuzhifa", n) for n, _note in _cited("difangzuzhifa")]
    # The 代表法 and the Zhejiang measures are not in the library: their notes stand as callouts.
    callouts = [b.value["text"].source for b in blocks if b.block_type == "callout"]
    for law in ("daibiaofa", ZHEJIANG):
        assert _cited(law)
        assert all(f"<p>{note}</p>" in callouts for _n, note in _cited(law))

    stems = {q.stem for q in _questions()}
    assert Question.objects.filter(stem__in=stems).count() == len(stems) == 22
    linked = QuestionArticle.objects.filter(question__stem__in=stems)
    assert set(linked.values_list("law__slug", flat=True)) == {"difangzuzhifa"}

    seed_courses()
    assert CoursePage.objects.filter(slug=TOWNSHIP_COURSE).count() == 1
    assert course.lessons().count() == 5


def test_the_questions_cover_each_topic_and_each_type():
    questions = _questions()
    laws = [{law for law, _n in q.articles} for q in questions]

    assert len(questions) == 22
    assert {q.type for q in questions} == {"single", "multiple", "truefalse", "blank"}
    assert sum(1 for q in questions if q.type == "multiple") >= 1
    assert sum(1 for found in laws if found == {ZHEJIANG}) >= 3  # replies, Zhejiang's way
    assert sum(1 for q in questions if "保密" in q.tags) >= 3
    assert sum(1 for q in questions if "选举" in q.tags or "提名" in q.tags) >= 3
    for question, found in zip(questions, laws, strict=True):
        (law,) = found
        # The explanation names the law first, then each article the question is tied to.
        assert question.explanation.startswith(f"{LAW_NAMES[law]}第"), question.stem
        for _law, number in question.articles:
            assert f"第{chinese_numeral(number)}条" in question.explanation, question.stem
    # 地方组织法's articles are those of its study notes, and a number the right answer states
    # is in the note.
    notes = _study_note_articles()
    for question in questions:
        for law, number in question.articles:
            if law == "difangzuzhifa":
                assert number in notes, question.stem
                for found in _numbers("".join(_right_answers(question))):
                    assert found in notes[number], f"{question.stem}: {found}"


def _official(shared_laws):
    return {
        "daibiaofa": _official_articles(shared_laws / "daibiaofa-2025-03-11.md"),
        ZHEJIANG: _official_articles(shared_laws / "zhejiang-daibiaofa-shishi-2016-05-27.md"),
    }


def test_every_article_cited_says_what_the_official_text_says(shared_laws):
    official = _official(shared_laws)
    assert (len(official["daibiaofa"]), len(official[ZHEJIANG])) == (65, 53)

    for law, articles in official.items():
        cited = _cited(law)
        assert cited
        for number, note in cited:
            assert number in articles, f"{law} has no article {number}"
            phrases = re.findall(r"“([^”]+)”", note)
            assert phrases, f"{law} {number}: the note quotes none of the article's words"
            for phrase in phrases:
                assert phrase in articles[number], f"{law} {number} does not say “{phrase}”"

    for question in _questions():
        for law, number in question.articles:
            if law in official:
                text = official[law][number]
                # Every number the right answer states is in the article it is tied to.
                for found in _numbers("".join(_right_answers(question))):
                    assert found in text, f"{question.stem}: {law} {number} does not say {found}"


def test_with_the_official_texts_every_article_is_quoted_and_every_question_linked(db, shared_laws):
    call_command("import_law", str(shared_laws / "daibiaofa-2025-03-11.md"), stdout=None)
    call_command(
        "import_law", str(shared_laws / "zhejiang-daibiaofa-shishi-2016-05-27.md"), stdout=None
    )
    seed_study_notes()
    seed_questions()
    seed_courses()

    course = CoursePage.objects.get(slug=TOWNSHIP_COURSE)
    quoted = [
        (b.value["law"].slug, b.value["article"])
        for lesson in course.lessons()
        for b in lesson.body
        if b.block_type == "law_article"
    ]
    assert quoted == [
        (block[1], block[2])
        for lesson in LESSONS
        for block in lesson.blocks
        if block[0] == "article"
    ]
    questions = _questions()
    linked = {
        (link.question.stem, link.law.slug, link.article)
        for link in QuestionArticle.objects.filter(
            question__stem__in=[q.stem for q in questions]
        ).select_related("question", "law")
    }
    assert linked == {(q.stem, law, n) for q in questions for law, n in q.articles}


def test_the_last_lesson_ends_with_a_quiz_of_one_question_a_lesson(db):
    seed_study_notes()
    seed_questions()
    seed_quizzes()
    seed_courses()
    last = CoursePage.objects.get(slug=TOWNSHIP_COURSE).lessons().last()

    block = list(last.body)[-1]
    assert block.block_type == "quiz"
    quiz = block.value["quiz"]
    assert quiz.title == TOWNSHIP_QUIZ
    draws = list(quiz.draws.order_by("sort_order"))
    assert [f"{d.category.parent.name}/{d.category.name}" for d in draws] == TOWNSHIP_SHELVES
    assert [d.count for d in draws] == [1] * 5
    # Each shelf holds questions of the course (the lesson it tests has its tag on them).
    tagged = {q.stem for q in _questions()}
    for draw in draws:
        assert Question.objects.ready().filter(category=draw.category, stem__in=tagged).exists()

    attempt = start_attempt(quiz=quiz, deputy=DeputyFactory())
    assert attempt.items.count() == 5
    assert len(seed_quizzes()) == 3 and quiz.draws.count() == 5
