"""The demo's initial training (初任培训) for a new term: two more courses, the programme's final
test, and the programme with its refresher for re-elected deputies (their words are in
demo_content/: a folder for each course, and final-test.gift).

Run it after `courses.demo.seed_courses` (three of the programme's courses are the demo's) and
after the laws' pages exist, as the question bank is: an article the library cannot quote still
seeds, as the lesson's own words about it. Running it again adds only what is missing; pages,
quizzes and programmes already there are left as editors may have changed them.
"""

from decimal import Decimal
from pathlib import Path

from django.db import transaction

from materials.models import LawPage
from quizzes.demo import seed_questions
from quizzes.formats import ParsedQuestion
from quizzes.formats.detect import read_question_file
from quizzes.models import Category, Question, Quiz, QuizQuestion

# One reading of a course's files and one way of storing it, for every demo course.
from .demo import DEPUTY_LAW_COURSE, ELECTION_COURSE, WRITING_COURSE, demo_course, seed_course
from .models import CourseIndexPage, CoursePage, Programme

INITIAL_TRAINING = "新任代表初任培训"
REFRESHER = "连任代表更新培训"
FINAL_TEST = "新任代表初任培训结业测验"
# Its twelve questions, each tied to articles of the 代表法 as amended in 2025 (the one law of
# the programme whose official text the project can check its numbers against).
FINAL_TEST_FILE = Path(__file__).parent / "demo_content" / "final-test.gift"

# The two courses only the programme brings (folders of demo_content/).
LOCAL_ORGANISATION_COURSE = "xiangzhen-xianji-renda"
PRACTICE_COURSE = "daibiao-lvzhi-shiwu"
PROGRAMME_COURSES = [LOCAL_ORGANISATION_COURSE, PRACTICE_COURSE]

# The programme's courses in the order a new deputy is meant to take them.
INITIAL_COURSES = [
    DEPUTY_LAW_COURSE,
    ELECTION_COURSE,
    LOCAL_ORGANISATION_COURSE,
    WRITING_COURSE,
    PRACTICE_COURSE,
]
REFRESHER_COURSES = [PRACTICE_COURSE, DEPUTY_LAW_COURSE]


def seed_programme_courses() -> list[CoursePage]:
    """Create what is missing of the two courses only the programme brings (the local
    organisation course and the practice course), in the course list seed_courses made.
    Returns them in that order."""
    index = CourseIndexPage.objects.first()
    if index is None:
        raise LookupError("seed_courses first: the course list is missing")
    laws = {law.slug: law for law in LawPage.objects.all()}
    return [seed_course(index, *demo_course(slug), laws) for slug in PROGRAMME_COURSES]


def seed_final_test() -> Quiz:
    """The programme's final test, made once: the twelve questions of FINAL_TEST_FILE, chosen
    by hand, timed, three attempts, the demo's pass mark. The questions join the bank (under
    代表法/初任培训) if it lacks them."""
    seed_questions(FINAL_TEST_FILE)
    quiz = Quiz.objects.filter(title=FINAL_TEST).first()
    if quiz is not None:
        return quiz
    quiz = Quiz.objects.create(
        title=FINAL_TEST,
        description="十二道题，覆盖初任培训的各门课程：代表的地位和权利义务、选举和罢免、"
        "乡镇人大和县人大、议案和建议、审议、视察调研和联系选民。限时二十分钟，六十分及格，"
        "可考三次。",
        time_limit_minutes=20,
        attempts_allowed=3,
        pass_mark=60,
    )
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=question, sort_order=position)
        for position, question in enumerate(_final_test_questions())
    )
    return quiz


def final_test_questions() -> list[ParsedQuestion]:
    """The final test's questions as its file states them, in their order."""
    return read_question_file(FINAL_TEST_FILE.name, FINAL_TEST_FILE.read_bytes()).questions


def _final_test_questions() -> list[Question]:
    """The bank's questions of FINAL_TEST_FILE, in their order, found by their text on the
    programme's shelf."""
    questions = final_test_questions()
    parent, name = questions[0].category.split("/")
    shelf = Category.objects.get(name=name, parent__name=parent, parent__parent=None)
    by_stem = {q.stem: q for q in Question.objects.filter(category=shelf)}
    return [by_stem[question.stem] for question in questions]


@transaction.atomic
def seed_initial_training(courses: list[CoursePage]) -> tuple[Programme, Programme]:
    """The initial-training programme (新任代表初任培训) and its refresher for re-elected deputies
    (连任代表更新培训), each made once by title with its courses: those of `courses` (what
    seed_courses returned) found by slug, the rest looked up. Returns (programme, refresher)."""
    by_slug = {course.slug: course for course in courses}
    for course in seed_programme_courses():
        by_slug[course.slug] = course
    missing = [slug for slug in INITIAL_COURSES if slug not in by_slug]
    by_slug.update((course.slug, course) for course in CoursePage.objects.filter(slug__in=missing))
    final_test = seed_final_test()

    refresher = Programme.objects.filter(title=REFRESHER).first()
    if refresher is None:
        refresher = Programme.objects.create(
            title=REFRESHER,
            summary="给连任的代表：用两门课温习新修改的代表法，学一学审议报告、视察调研和"
            "接待选民的新做法，再参加两个学时的集中学习。不设结业测验。",
            study_hours=Decimal("2"),
            final_test=None,
            due_days=60,
            assign_to_new_deputies=False,
            certificate_title="连任代表更新培训结业证书",
        )
        refresher.courses.set([by_slug[slug] for slug in REFRESHER_COURSES])

    programme = Programme.objects.filter(title=INITIAL_TRAINING).first()
    if programme is None:
        programme = Programme.objects.create(
            title=INITIAL_TRAINING,
            summary="刚当选的代表，从这里学起：代表是谁、有哪些权利和义务，选举怎样进行，"
            "乡镇人大和县人大管哪些事、会怎样开，怎样写议案和建议，怎样审议报告、参加视察调研、"
            "接待选民。学完五门课，参加四个学时的集中学习，通过结业测验，就能拿到初任培训"
            "结业证书。从任期开始算，三个月内完成。",
            study_hours=Decimal("4"),
            final_test=final_test,
            due_days=90,
            assign_to_new_deputies=True,
            certificate_title="初任培训结业证书",
            refresher=refresher,
        )
        programme.courses.set([by_slug[slug] for slug in INITIAL_COURSES])
    return programme, refresher
