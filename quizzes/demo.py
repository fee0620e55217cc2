"""The demo question bank, in the project's own words, in a GIFT file (demo_content/questions.gift)
imported as an editor's upload is: the same reader and the same import, so a fault in either
stops the demo.

GIFT rather than Excel: it carries everything the demo's questions hold (category, tags,
difficulty, articles, explanation, a multiple choice's scoring, a short answer's reference
answer), and as text it can be read and compared in the repository, where a workbook would be
a binary file.

Run it after the laws' pages exist (`materials.demo.seed_study_notes`, and the official texts
where they are at hand): a question cites its articles only where its law is in the library, so
that a site without the official texts still gets every question. Running it again adds only
questions the bank does not have.
"""

from datetime import timedelta
from pathlib import Path

from materials.models import LawPage

from .formats.detect import read_question_file
from .transfer import import_questions

QUESTIONS_FILE = Path(__file__).parent / "demo_content" / "questions.gift"


class DemoDataError(ValueError):
    """A demo question the import refused: a mistake in the demo's question file."""


def seed_questions(path: Path = QUESTIONS_FILE) -> int:
    """Import the questions of a demo question file the bank lacks and return how many were
    stored. The file's articles of laws the library does not have are left out (an editor's
    upload would refuse those questions)."""
    report = read_question_file(path.name, path.read_bytes())
    laws = set(LawPage.objects.values_list("slug", flat=True))
    for question in report.questions:
        question.articles = [(law, n) for law, n in question.articles if law in laws]
    result = import_questions(report=report)
    if result.rejected:
        raise DemoDataError(
            "; ".join(f"{path.name} line {item.place}: {item.reason}" for item in result.rejected)
        )
    return result.total


FINAL_TEST = "代表法入门结业测验"
ELECTION_QUIZ = "选举法小测"
# The township deputies' elective ends with a short quiz: one question drawn from the shelf of
# each of its five lessons, the answer shown after each.
TOWNSHIP_QUIZ = "乡镇代表履职必知小测"
TOWNSHIP_SHELVES = [
    "代表法/询问质询和罢免",
    "代表法/总则和履职要求",
    "地方组织法/选举罢免和辞职",
    "浙江省实施代表法办法/建议和答复",
    "代表法/保守国家秘密",
]


def seed_quizzes() -> list:
    """Three demo quizzes, made once: the Deputy Law course's final test (eight questions drawn
    from the 代表法 shelves, timed, three attempts), a short Election Law quiz that shows the
    answer after each question (a lesson of the election course includes it), and the township
    elective's quiz (its last lesson includes it)."""
    from .models import Category, Quiz, QuizDraw

    made = []
    for title, category, fields in (
        (
            FINAL_TEST,
            "代表法",
            {
                "description": "从代表法题库随机抽取八题，限时十五分钟，六十分及格，可考三次。",
                "time_limit_minutes": 15,
                "attempts_allowed": 3,
                "pass_mark": 60,
            },
        ),
        (
            ELECTION_QUIZ,
            "选举法",
            {
                "description": "五道选举法题目，每答一题即显示正确答案和解析。",
                "show_answers": Quiz.ShowAnswers.AFTER_EACH,
                "layout": Quiz.Layout.ALL,
            },
        ),
    ):
        quiz = Quiz.objects.filter(title=title).first()
        if quiz is None:
            quiz = Quiz.objects.create(title=title, **fields)
            shelf = Category.objects.filter(name=category, parent=None).first()
            QuizDraw.objects.create(
                quiz=quiz, category=shelf, count=8 if title == FINAL_TEST else 5
            )
        made.append(quiz)
    made.append(_seed_township_quiz())
    return made


def _seed_township_quiz():
    from .models import Category, Quiz, QuizDraw

    quiz = Quiz.objects.filter(title=TOWNSHIP_QUIZ).first()
    if quiz is None:
        quiz = Quiz.objects.create(
            title=TOWNSHIP_QUIZ,
            description="五道题，每课一题，每次随机抽取；每答一题即显示正确答案和解析。",
            show_answers=Quiz.ShowAnswers.AFTER_EACH,
            layout=Quiz.Layout.ALL,
        )
        for position, path in enumerate(TOWNSHIP_SHELVES):
            parent, name = path.split("/")
            shelf = Category.objects.get(name=name, parent__name=parent, parent__parent=None)
            QuizDraw.objects.create(quiz=quiz, category=shelf, count=1, sort_order=position)
    return quiz


def seed_final_test(*, course, quiz, reader) -> None:
    """Make the quiz the course's final test, and give the reader one finished attempt at it
    with some answers wrong, so that their wrong-answer book has something in it."""
    if course.final_test_id is None:
        course.final_test = quiz
        course.save_revision().publish()
    _seed_attempt(quiz, reader)


def seed_practice(*, reader, count: int = 3) -> None:
    """Yesterday's practice for the reader, with `count` Election Law questions answered
    wrongly: due again today in their wrong-answer book beside the final test's mistakes, with
    the articles they test (the Deputy Law's are in the library only with its official text),
    and more due than one day's practice holds, so that "Practise 5 more" shows. Once only."""
    from django.utils import timezone

    from .models import PracticeAnswer, Question
    from .practice.services import answer_practice, field_name

    if PracticeAnswer.objects.filter(deputy=reader).exists():
        return
    questions = (
        Question.objects.ready()
        .filter(article_links__law__slug="xuanjufa")
        .distinct()
        .order_by("pk")
    )
    yesterday = timezone.now() - timedelta(days=1)
    picked = 0
    for question in questions:
        answer = _answer(question, right=False)
        if answer is None or picked == count:
            continue
        answer_practice(
            deputy=reader, question=question, data={field_name(question): answer}, now=yesterday
        )
        picked += 1


def _seed_attempt(quiz, deputy, *, all_right: bool = False) -> None:
    """A submitted attempt with the first half of the answers right and the rest wrong (or
    every answer right)."""
    from .models import Attempt
    from .services import save_answer, start_attempt, submit_attempt

    if Attempt.objects.filter(quiz=quiz, deputy=deputy).exists():
        return
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    items = list(attempt.items.order_by("position"))
    for n, item in enumerate(items):
        question = item.question.get_real_instance()
        right = all_right or n < len(items) // 2
        answer = _answer(question, right)
        if answer is not None:
            save_answer(attempt=attempt, item=item, data={item.field_name: answer})
    submit_attempt(attempt=attempt)


def seed_attempt(quiz, deputy, *, passing: bool) -> None:
    """A finished attempt at the quiz: every answer right, or half of them (which fails the
    demo's quizzes, whose pass mark is 60)."""
    _seed_attempt(quiz, deputy, all_right=passing)


def _answer(question, right: bool):
    """A form value answering the question rightly or wrongly (None: left blank)."""
    options = list(question.options.all())
    if options:
        pick = next((o for o in options if o.is_correct == right), options[0])
        return str(pick.pk)
    if hasattr(question, "correct"):
        return "true" if question.correct == right else "false"
    accepted = (
        list(question.accepted_answers.all()) if hasattr(question, "accepted_answers") else []
    )
    if accepted:
        return accepted[0].text if right else "不知道"
    return None


def seed_cloze_proposals() -> list[tuple[str, int]]:
    """Questions the law proposes, waiting in the editors' queue: proposed from each official
    text in force (none where no text is imported). Proposing again adds nothing. Returns
    (version, pending proposals) of each text."""
    from materials.models import LawVersion

    from .cloze.services import is_superseded, propose_questions
    from .models import ClozeProposal

    found = []
    for version in LawVersion.objects.select_related("law").order_by("law__path", "effective_date"):
        if is_superseded(version):
            continue
        propose_questions(version=version)
        pending = ClozeProposal.objects.filter(
            version=version, status=ClozeProposal.Status.PENDING
        ).count()
        found.append((str(version), pending))
    return found
