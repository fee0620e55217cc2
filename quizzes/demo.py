"""The demo question bank, in the project's own words (the questions are in demo_questions.py),
stored through the same import as a file an editor uploads.

Run it after the laws' pages exist (`materials.demo.seed_study_notes`, and the official texts
where they are at hand): a question cites its articles only where its law is in the library, so
that a site without the official texts still gets every question. Running it again adds only
questions the bank does not have.
"""

from materials.models import LawPage

from .formats import ParsedQuestion, ParseReport
from .transfer import import_questions


class DemoDataError(ValueError):
    """A demo question the import refused: a mistake in demo_questions.py."""


def seed_questions(questions: list[dict] | None = None) -> int:
    """Store the demo questions the bank lacks and return how many were stored."""
    if questions is None:
        from .demo_questions import QUESTIONS as questions
    laws = set(LawPage.objects.values_list("slug", flat=True))
    report = ParseReport(unit="item")
    for number, data in enumerate(questions, start=1):
        report.add(_parsed(number, data, laws))
    result = import_questions(report=report)
    if result.rejected:
        raise DemoDataError(
            "; ".join(f"demo question {item.line}: {item.reason}" for item in result.rejected)
        )
    return result.total


def _parsed(number: int, data: dict, laws: set[str]) -> ParsedQuestion:
    law = data.get("law")
    cited = law in laws
    return ParsedQuestion(
        type=data["type"],
        stem=data["stem"],
        options=[(text, bool(right)) for text, right in data.get("options", ())],
        answer=data.get("answer"),
        accepted=list(data.get("answers", ())),
        explanation=data.get("explanation", ""),
        difficulty=data.get("difficulty", "medium"),
        category=data.get("category", ""),
        tags=list(data.get("tags", ())),
        articles=[(law, n) for n in data.get("articles", ())] if cited else [],
        partial_credit=data.get("partial_credit", False),
        line=number,
    )


FINAL_TEST = "代表法入门结业测验"
ELECTION_QUIZ = "选举法小测"


def seed_quizzes() -> list:
    """Two demo quizzes, made once: the Deputy Law course's final test (eight questions drawn
    from the 代表法 shelves, timed, three attempts) and a short Election Law quiz that shows the
    answer after each question (a lesson of the election course includes it)."""
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
    return made


def seed_final_test(*, course, quiz, reader) -> None:
    """Make the quiz the course's final test, and give the reader one finished attempt at it
    with some answers wrong, so that their wrong-answer book has something in it."""
    if course.final_test_id is None:
        course.final_test = quiz
        course.save_revision().publish()
    _seed_attempt(quiz, reader)


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
