"""The demo's initial training: two more courses, a final test and the programme with its
refresher, seeded once whether or not the official law texts are imported; and the 代表法
articles the new content cites, held to the official 2025 text where it is at hand."""

import re

from django.core.management import call_command

from common.numerals import chinese_numeral
from courses.demo import demo_course, seed_courses
from courses.demo_programme import (
    FINAL_TEST,
    INITIAL_COURSES,
    INITIAL_TRAINING,
    LOCAL_ORGANISATION_COURSE,
    PRACTICE_COURSE,
    REFRESHER,
    final_test_questions,
    seed_initial_training,
)
from courses.models import CoursePage, Programme
from materials.demo import seed_study_notes
from quizzes.models import Question, QuestionArticle, Quiz

LOCAL_ORGANISATION_LESSONS = demo_course(LOCAL_ORGANISATION_COURSE)[1]
PRACTICE_LESSONS = demo_course(PRACTICE_COURSE)[1]
NEW_LESSONS = LOCAL_ORGANISATION_LESSONS + PRACTICE_LESSONS


def _cited(law, lessons=NEW_LESSONS):
    """(article number, note) of every article block of the lessons citing the law."""
    return [
        (block[2], block[3])
        for lesson in lessons
        for block in lesson.blocks
        if block[0] == "article" and block[1] == law
    ]


def test_initial_training_seeds_once_without_the_official_texts(db):
    seed_study_notes()  # the study laws' pages; no official text is imported
    courses = seed_courses()

    programme, refresher = seed_initial_training(courses)
    questions = Question.objects.count()

    assert (programme.title, refresher.title) == (INITIAL_TRAINING, REFRESHER)
    assert sorted(c.slug for c in programme.courses.all()) == sorted(INITIAL_COURSES)
    assert programme.study_hours == 4 and programme.due_days == 90
    assert programme.certificate_title == "初任培训结业证书"
    assert programme.assign_to_new_deputies and programme.refresher == refresher
    assert sorted(c.slug for c in refresher.courses.all()) == sorted(
        ["daibiao-lvzhi-shiwu", "daibiaofa-rumen"]
    )
    assert refresher.study_hours == 2 and refresher.final_test is None
    assert refresher.certificate_title == "连任代表更新培训结业证书"
    assert not refresher.assign_to_new_deputies

    quiz = programme.final_test
    picks = [pick.question for pick in quiz.picks.order_by("sort_order")]
    assert quiz.title == FINAL_TEST and quiz.pass_mark == 60
    assert [q.stem for q in picks] == [q.stem for q in final_test_questions()]
    assert all(q.explanation and q.status == Question.Status.READY for q in picks)
    # Without the 代表法 in the library, the questions keep no article links, yet are all there.
    assert not QuestionArticle.objects.filter(question__in=picks).exists()

    again = seed_initial_training(courses)

    assert [p.pk for p in again] == [programme.pk, refresher.pk]
    assert Programme.objects.count() == 2
    assert Quiz.objects.filter(title=FINAL_TEST).count() == 1
    assert Question.objects.count() == questions
    assert CoursePage.objects.filter(slug=PRACTICE_COURSE).count() == 1


def test_the_new_courses_quote_what_the_library_has_and_say_the_rest_in_their_own_words(db):
    seed_study_notes()
    seed_initial_training(seed_courses())
    local = CoursePage.objects.get(slug=LOCAL_ORGANISATION_COURSE)
    practice = CoursePage.objects.get(slug=PRACTICE_COURSE)

    def blocks(course):
        return [b for lesson in course.lessons() for b in lesson.body]

    assert [lesson.title for lesson in local.lessons()] == [
        lesson.title for lesson in LOCAL_ORGANISATION_LESSONS
    ]
    assert practice.lessons().count() == len(PRACTICE_LESSONS) == 5
    assert all(8 <= lesson.estimated_minutes <= 15 for lesson in local.lessons())
    assert all(8 <= lesson.estimated_minutes <= 15 for lesson in practice.lessons())
    # 地方组织法 has study notes but no text: its articles with a note are quoted as articles.
    quoted = {
        b.value["article"]
        for b in blocks(local)
        if b.block_type == "law_article" and b.value["law"].slug == "difangzuzhifa"
    }
    assert quoted == {12, 14, 18, 19, 22, 50}
    # The 代表法 is not in the library: each of its notes stands as a callout naming it.
    callouts = [b.value["text"].source for b in blocks(practice) if b.block_type == "callout"]
    notes = [note for _number, note in _cited("daibiaofa", PRACTICE_LESSONS)]
    assert len(notes) == 14
    assert all(f"<p>{note}</p>" in callouts for note in notes)


def _official_articles(path) -> dict[int, str]:
    """Article number → its text (items included), read from the official Markdown text."""
    numbers = {chinese_numeral(n): n for n in range(1, 200)}
    articles, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"第([零一二三四五六七八九十百]+)条\s", line)
        if match:
            current = numbers[match.group(1)]
            articles[current] = line
        elif current is not None and line.strip() and not line.startswith("#"):
            articles[current] += line
    return articles


def test_every_deputy_law_article_cited_says_what_the_2025_text_says(shared_laws):
    articles = _official_articles(shared_laws / "daibiaofa-2025-03-11.md")
    assert len(articles) == 65

    cited = _cited("daibiaofa")
    assert len(cited) >= 15
    for number, note in cited:
        assert number in articles, f"代表法 has no article {number}"
        # The note names the article it sits under, and its quoted phrases are the article's.
        assert note.startswith(f"代表法第{chinese_numeral(number)}条"), note
        phrases = re.findall(r"“([^”]+)”", note)
        assert phrases, f"article {number}: the note quotes none of the article's words"
        for phrase in phrases:
            assert phrase in articles[number], f"article {number} does not say “{phrase}”"

    questions = final_test_questions()
    assert len(questions) == 12
    for question in questions:
        assert question.articles
        for law, number in question.articles:
            assert law == "daibiaofa" and number in articles
        # The explanation names the law first, then each article the question is tied to.
        assert question.explanation.startswith("代表法第"), question.stem
        for _law, number in question.articles:
            assert f"第{chinese_numeral(number)}条" in question.explanation, question.stem


def test_with_the_2025_text_imported_every_article_is_quoted_and_every_question_linked(
    db, shared_laws
):
    call_command("import_law", str(shared_laws / "daibiaofa-2025-03-11.md"), stdout=None)
    seed_study_notes()
    programme, _refresher = seed_initial_training(seed_courses())

    practice = CoursePage.objects.get(slug=PRACTICE_COURSE)
    quoted = [
        b.value["article"]
        for lesson in practice.lessons()
        for b in lesson.body
        if b.block_type == "law_article" and b.value["law"].slug == "daibiaofa"
    ]
    assert quoted == [number for number, _note in _cited("daibiaofa", PRACTICE_LESSONS)]
    linked = {
        (link.question.stem, link.article)
        for link in QuestionArticle.objects.filter(
            question__in=[p.question for p in programme.final_test.picks.all()]
        )
    }
    assert linked == {(q.stem, n) for q in final_test_questions() for _law, n in q.articles}
