"""What the load test needs, made in the database the server will serve (`make bench` runs it).

    DJANGO_SETTINGS_MODULE=benchmarks.settings DATABASE_URL=… python benchmarks/prepare.py plan.json

On seed_scale's data: four quizzes of twenty questions (one for the measured answers and
submissions, one for the burst, one for the capacity phase's exam, one for the burst under
faults, taken by deputies of its own after the burst's), signed-in sessions, and
attempts ready to be answered or submitted. Sessions are written straight into the session
store the server reads, as a sign-in would leave them: signing in thousands of deputies through
the form would measure the password hasher, not the quiz. Writes a JSON plan for the locust
file: cookies, URLs and ids.
"""

import json
import os
import sys
from datetime import timedelta
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.db import transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from courses.models import CoursePage, Enrolment, LessonPage, LessonQuiz  # noqa: E402
from deputies.models import County, Deputy, User  # noqa: E402
from quizzes.models import Option, Question, Quiz, QuizQuestion, SingleChoiceQuestion  # noqa: E402
from quizzes.services import start_attempt  # noqa: E402

FIRST_COUNTY = "900001"
OFFICER = "15100000001"
# The superuser who opens every county's dashboard: not a mobile seed_scale gives (150-153...).
SUPERUSER = "19900000001"
# Ten questions more than seed_scale's final test has, for quizzes of twenty.
MORE_QUESTIONS = (
    ("代表在闭会期间可以参加哪种活动？", "视察", ("审判", "立案", "执法")),
    ("乡镇人大每年至少举行几次会议？", "两次", ("一次", "四次", "六次")),
    ("代表建议由哪个机构交办？", "人大常委会或主席团", ("法院", "检察院", "村委会")),
    ("代表的权利包括什么？", "提出建议和意见", ("任免干部", "签发文件", "收取报酬")),
    ("代表应当与谁保持密切联系？", "原选区选民", ("上级领导", "企业老板", "外地亲友")),
    ("代表联名提出议案，乡镇需要几名以上代表？", "五名", ("一名", "两名", "三名")),
    ("常委会听取哪些机关的专项工作报告？", "一府一委两院", ("企业", "社会团体", "村民小组")),
    ("代表资格终止的情形包括什么？", "辞职被接受", ("出差", "生病", "搬家")),
    ("代表在哪里接待群众最方便？", "代表联络站", ("政府大楼", "法院", "商场")),
    ("代表参加培训的目的是什么？", "提高履职能力", ("获得报酬", "晋升职务", "完成任务")),
)  # fmt: skip


def twenty_question_quiz(title: str) -> Quiz:
    """A quiz of twenty single-choice questions, every question each time, all on one page,
    no time limit and no limit on attempts, so every burst and every run can take it again."""
    quiz = Quiz.objects.create(
        title=title,
        description="二十道单选题。",
        attempts_allowed=0,
        time_limit_minutes=None,
        pass_mark=60,
        layout=Quiz.Layout.ALL,
    )
    seeded = Quiz.objects.filter(title="代表履职基础结业测验").first()
    questions = [pick.question for pick in seeded.picks.select_related("question")]
    for stem, right, wrong in MORE_QUESTIONS[: 20 - len(questions)]:
        question = SingleChoiceQuestion(stem=stem, explanation=f"正确答案：{right}。")
        question.options = [Option(text=right, is_correct=True), *(Option(text=t) for t in wrong)]
        question.save()
        questions.append(question)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=q, sort_order=n, points=5) for n, q in enumerate(questions)
    )
    return quiz


def sessions_for(users) -> list[str]:
    """A signed-in session for each user, in the store the server reads: the session key."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = "django.contrib.auth.backends.ModelBackend"
    keys = []
    rows = []
    for user in users:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        if settings.SESSION_ENGINE.endswith(".db"):
            key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
            expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
            rows.append(
                Session(session_key=key, session_data=store().encode(data), expire_date=expires)
            )
        else:
            session = store()
            session.update(data)
            session.create()
            key = session.session_key
        keys.append(key)
    Session.objects.bulk_create(rows, batch_size=1000)
    return keys


def ready_attempts(quiz: Quiz, deputies, *, answered: bool) -> list[dict]:
    """An open attempt for each deputy (through the service, so the questions are drawn as a
    deputy's would be); answered all through when `answered`, for the submissions."""
    attempts = []
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in=quiz.picks.values("question_id")).prefetch_related(
            "options"
        )
    }
    options_of = {pk: [o.pk for o in q.options.all()] for pk, q in questions.items()}
    for deputy in deputies:
        attempt = start_attempt(quiz=quiz, deputy=deputy)
        items = list(attempt.items.all())
        choices = []
        for item in items:
            options = options_of[item.question_id]
            choices.append([item.pk, item.field_name, options])
            if answered:
                question = questions[item.question_id]
                form = QueryDict(mutable=True)
                form[item.field_name] = str(options[len(attempts) % len(options)])
                item.response = question.parse_answer(form, item.field_name)
                item.answered_at = timezone.now()
        if answered:
            type(items[0]).objects.bulk_update(items, ["response", "answered_at"])
        attempts.append({"attempt": attempt.pk, "deputy": deputy.user_id, "items": choices})
    return attempts


def main(plan_path: str, *, submissions: int, burst: int, exam: int, faults: int) -> None:
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M:%S")
    county = County.objects.get(code=FIRST_COUNTY)
    course = CoursePage.objects.filter(slug__startswith="scale-").order_by("path").first()
    lessons = [page.url for page in LessonPage.objects.child_of(course).live().order_by("path")]
    deputies = list(
        Deputy.objects.active()
        .filter(pk__in=Enrolment.objects.filter(course=course).values("deputy_id"))
        .select_related("user")
        .order_by("pk")
    )
    answering = 100
    submissions = min(submissions, len(deputies) - answering)
    # Sessions only for the deputies some user class signs in as.
    deputies = deputies[: max(answering + submissions, burst + faults, exam)]
    with transaction.atomic():
        measured = twenty_question_quiz(f"二十题测验（基准 {stamp}）")
        burst_quiz = twenty_question_quiz(f"二十题集中测验（基准 {stamp}）")
        exam_quiz = twenty_question_quiz(f"二十题考试（基准 {stamp}）")
        faults_quiz = twenty_question_quiz(f"二十题故障测验（基准 {stamp}）")
        # Deputies open a quiz only where a live lesson places it (quizzes.access). The row a
        # lesson's quiz block derives places them, without changing the lesson pages measured.
        placing = LessonPage.objects.child_of(course).live().order_by("path").last()
        LessonQuiz.objects.bulk_create(
            LessonQuiz(lesson=placing, quiz=quiz)
            for quiz in (measured, burst_quiz, exam_quiz, faults_quiz)
        )
        answer_pool = ready_attempts(measured, deputies[:answering], answered=False)
        submit_pool = ready_attempts(
            measured, deputies[answering : answering + submissions], answered=True
        )
    officer = User.objects.get(mobile=OFFICER)
    superuser = User.objects.filter(mobile=SUPERUSER).first() or User.objects.create_superuser(
        SUPERUSER, name="基准超级管理员"
    )
    users = {d.user_id: d.user for d in deputies}
    keys = dict(zip(users, sessions_for(users.values()), strict=True))
    plan = {
        "lessons": lessons,
        "deputies": [keys[d.user_id] for d in deputies],
        "answering": [{**a, "session": keys[a.pop("deputy")]} for a in answer_pool],
        "submitting": [{**a, "session": keys[a.pop("deputy")]} for a in submit_pool],
        "burst": {
            "quiz": burst_quiz.pk,
            "sessions": [keys[d.user_id] for d in deputies[:burst]],
        },
        "exam": {
            "quiz": exam_quiz.pk,
            "sessions": [keys[d.user_id] for d in deputies[:exam]],
        },
        "faults": {
            "quiz": faults_quiz.pk,
            "sessions": [keys[d.user_id] for d in deputies[burst : burst + faults]],
        },
        "officer": sessions_for([officer])[0],
        "dashboard": f"/dashboard/counties/{county.pk}/",
        "superuser": sessions_for([superuser])[0],
        "all_counties": "/dashboard/all/",
        "county": {
            "name": county.name,
            "deputies": Deputy.objects.filter(township__county=county).count(),
        },
        "deputies_in_database": Deputy.objects.count(),
    }
    Path(plan_path).write_text(json.dumps(plan))
    print(
        f"Prepared: {len(lessons)} lessons, {len(deputies):,} signed-in deputies, "
        f"{len(answer_pool)} attempts to answer, {len(submit_pool):,} to submit, "
        f"a burst of {min(burst, len(deputies)):,}, {min(exam, len(deputies)):,} to sit the "
        f"exam, {len(deputies[burst : burst + faults])} for the burst under faults"
    )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("plan")
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--exam", type=int, default=0, help="deputies the capacity phase signs in")
    parser.add_argument("--faults", type=int, default=0, help="deputies of the burst under faults")
    args = parser.parse_args()
    main(
        args.plan,
        submissions=args.submissions,
        burst=args.burst,
        exam=args.exam,
        faults=args.faults,
    )
