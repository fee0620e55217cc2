"""Taking a quiz through the pages: nothing of the right answers reaches the browser before
submitting, answers save one by one, scope holds, and each page's queries are pinned."""

import pytest
from django.urls import reverse

from courses.factories import PlacedQuizFactory
from quizzes.factories import (
    ShortAnswerQuestionFactory,
    SingleChoiceQuestionFactory,
    TrueFalseQuestionFactory,
)
from quizzes.models import Attempt
from quizzes.services import save_answer, start_attempt, submit_attempt


@pytest.fixture
def signed_in(client, deputy):
    client.force_login(deputy.user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_quiz_page_starts_an_attempt(signed_in, quiz):
    page = signed_in.get(reverse("quizzes:detail", args=[quiz.pk]))
    assert "Start the quiz" in page.content.decode()

    response = signed_in.post(reverse("quizzes:start", args=[quiz.pk]))

    attempt = Attempt.objects.get()
    assert response.url == reverse("quizzes:take", args=[attempt.pk])
    again = signed_in.get(reverse("quizzes:detail", args=[quiz.pk])).content.decode()
    assert "Continue your attempt" in again


def test_a_start_and_a_submission_sent_again_lead_where_the_first_did(signed_in, quiz):
    """The page sends them again when their answer is lost (a dropped connection, a server
    restarting): the second start gives the open attempt, the second submission its result."""
    starting = reverse("quizzes:start", args=[quiz.pk])
    first, again = signed_in.post(starting), signed_in.post(starting)
    attempt = Attempt.objects.get()
    assert first.url == again.url == reverse("quizzes:take", args=[attempt.pk])

    submitting = reverse("quizzes:submit", args=[attempt.pk])
    first = signed_in.post(submitting)
    attempt.refresh_from_db()
    again = signed_in.post(submitting)

    assert first.url == again.url == reverse("quizzes:result", args=[attempt.pk])
    graded = Attempt.objects.get()
    assert graded.status == Attempt.Status.GRADED
    assert (graded.submitted_at, graded.graded_at) == (attempt.submitted_at, attempt.graded_at)


def test_right_answers_never_reach_the_browser_before_submitting(signed_in, deputy):
    question = SingleChoiceQuestionFactory(wrong=("三年", "四年", "十年"))
    quiz = PlacedQuizFactory(questions=[question, TrueFalseQuestionFactory()], layout="all")
    attempt = start_attempt(quiz=quiz, deputy=deputy)

    html = signed_in.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()

    assert "代表每届任期几年？" in html and "五年" in html  # the option, among the others
    assert question.explanation not in html
    assert "correct" not in html.lower()
    right = question.options.get(is_correct=True)
    assert f'value="{right.pk}"' in html  # no mark sets the right option apart
    assert html.count('type="radio"') == 4 + 2


def test_answers_save_as_given_and_a_reload_shows_them(signed_in, quiz, deputy):
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.get(position=1)
    option = item.question.get_real_instance().options.get(text="五年")

    response = signed_in.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"item": item.pk, item.field_name: option.pk},
    )

    assert response.status_code == 200 and response.json()["answered_count"] == 1
    assert "feedback" not in response.json()  # answers are shown after submitting
    page = signed_in.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert f'value="{option.pk}" checked>' in page


def test_a_bad_answer_is_explained_and_saves_nothing(signed_in, quiz, deputy):
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.get(position=3)

    response = signed_in.post(
        reverse("quizzes:answer", args=[attempt.pk]), {"item": item.pk, item.field_name: "x"}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "Answer true or false."
    assert not attempt.items.filter(response__isnull=False).exists()


def test_without_javascript_the_form_saves_and_moves_on(signed_in, quiz, deputy):
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.get(position=1)
    option = item.question.get_real_instance().options.get(text="五年")
    url = reverse("quizzes:take", args=[attempt.pk])

    response = signed_in.post(url + "?q=1", {item.field_name: option.pk, "go": "next"})

    assert response.url == url + "?q=2"
    submitted = signed_in.post(url + "?q=2", {"go": "submit"})
    assert submitted.url == reverse("quizzes:result", args=[attempt.pk])
    result = signed_in.get(submitted.url).content.decode()
    assert "1 of 4 answers right" in result
    assert "代表法第二条：每届任期五年。" in result  # explanations after submitting


def test_the_result_respects_never_show_answers(signed_in, deputy):
    question = SingleChoiceQuestionFactory()
    quiz = PlacedQuizFactory(questions=[question], show_answers="never")
    attempt = submit_attempt(attempt=start_attempt(quiz=quiz, deputy=deputy))

    html = signed_in.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()

    assert "does not show the right answers" in html
    assert question.explanation not in html


def test_a_deputy_cannot_open_another_deputys_attempt(client, quiz, other_station_deputy, deputy):
    attempt = start_attempt(quiz=quiz, deputy=other_station_deputy)
    client.force_login(deputy.user)
    for name in ("quizzes:take", "quizzes:result"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    assert client.post(reverse("quizzes:submit", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS


def test_staff_see_attempts_in_their_scope_only(
    client, quiz, deputy, other_township_deputy, station_staff
):
    mine = submit_attempt(attempt=start_attempt(quiz=quiz, deputy=deputy))
    theirs = submit_attempt(attempt=start_attempt(quiz=quiz, deputy=other_township_deputy))
    client.force_login(station_staff)

    assert client.get(reverse("quiz_staff:attempt", args=[mine.pk])).status_code == 200
    assert client.get(reverse("quiz_staff:attempt", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("quiz_staff:quiz_attempts", args=[quiz.pk])).content.decode()
    assert deputy.user.name in listing and other_township_deputy.user.name not in listing


def test_staff_grade_a_short_answer_from_the_page(client, deputy, station_staff):
    quiz = PlacedQuizFactory(questions=[ShortAnswerQuestionFactory()])
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.get()
    save_answer(attempt=attempt, item=item, data={item.field_name: "调研后写明问题和办法"})
    submit_attempt(attempt=attempt)
    client.force_login(station_staff)
    queue = client.get(reverse("quiz_staff:grading"), headers={"accept-language": "en"})
    assert "怎样写好一条建议？" in queue.content.decode()

    bad = client.post(reverse("quiz_staff:grade", args=[item.pk]), {"score": "abc"})
    assert bad.status_code == 302
    item.refresh_from_db()
    assert item.score is None
    client.post(reverse("quiz_staff:grade", args=[item.pk]), {"score": "1", "comment": "好"})
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.passed


@pytest.mark.parametrize("count", [2, 8])
def test_page_queries_do_not_grow_with_the_quiz(
    signed_in, deputy, count, django_assert_max_num_queries
):
    quiz = PlacedQuizFactory(
        questions=[*(SingleChoiceQuestionFactory(stem=f"题{n}") for n in range(count))],
        layout="all",
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.first()
    option = item.question.get_real_instance().options.first()
    take = reverse("quizzes:take", args=[attempt.pk])
    signed_in.get(take)  # warm the site cache, as a running server has it

    with django_assert_max_num_queries(14):
        signed_in.get(take)
    with django_assert_max_num_queries(12):
        signed_in.post(
            reverse("quizzes:answer", args=[attempt.pk]),
            {"item": item.pk, item.field_name: option.pk},
        )
    submit_attempt(attempt=attempt)
    with django_assert_max_num_queries(16):
        signed_in.get(reverse("quizzes:result", args=[attempt.pk]))


def test_saving_an_answer_asks_the_database_five_times(
    signed_in, deputy, django_assert_num_queries
):
    """The busiest request of a quiz (twenty an attempt): the session, the user, the question
    of the attempt with the attempt and quiz, the update and the count of answers. The update is
    one statement with no transaction around it; where the database has row locks it locks the
    attempt first, in the same statement (so that a submission running alongside grades the
    answer or refuses it: tests/quizzes/test_concurrency.py). The question's type and options
    come from the process's memo or the cache after the first answer."""
    quiz = PlacedQuizFactory(questions=[SingleChoiceQuestionFactory()], layout="all")
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.get()
    options = list(item.question.get_real_instance().options.values_list("pk", flat=True))
    url = reverse("quizzes:answer", args=[attempt.pk])
    signed_in.post(url, {"item": item.pk, item.field_name: options[0]})

    with django_assert_num_queries(5):
        response = signed_in.post(url, {"item": item.pk, item.field_name: options[1]})

    assert response.json() == {"saved": True, "answered_count": 1}
    item.refresh_from_db()
    assert item.response == {"option": options[1]}


def test_an_answer_is_read_against_the_question_as_last_edited(signed_in, deputy):
    """The cached question is keyed by its last change: an option taken out in the bank (which
    saves the question) is refused from the next answer on."""
    question = SingleChoiceQuestionFactory()
    quiz = PlacedQuizFactory(questions=[question], layout="all")
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.get()
    url = reverse("quizzes:answer", args=[attempt.pk])
    dropped = question.options.get(text="十年")
    assert signed_in.post(url, {"item": item.pk, item.field_name: dropped.pk}).status_code == 200

    question.options = [o for o in question.options.all() if o.pk != dropped.pk]
    question.save()

    refused = signed_in.post(url, {"item": item.pk, item.field_name: dropped.pk})
    assert refused.status_code == 400 and refused.json()["error"] == "Choose one of the options."


def test_answers_go_only_to_a_question_of_ones_own_attempt(
    client, quiz, deputy, other_station_deputy, station_staff
):
    mine = start_attempt(quiz=quiz, deputy=deputy)
    theirs = start_attempt(quiz=quiz, deputy=other_station_deputy)
    item = theirs.items.get(position=1)
    option = item.question.get_real_instance().options.first()
    answer = {"item": item.pk, item.field_name: option.pk}

    client.force_login(deputy.user)
    assert client.post(reverse("quizzes:answer", args=[theirs.pk]), answer).status_code == 404
    wrong_item = client.post(reverse("quizzes:answer", args=[mine.pk]), answer)
    assert wrong_item.status_code == 400
    not_a_number = client.post(reverse("quizzes:answer", args=[mine.pk]), {"item": "1 OR 1"})
    assert not_a_number.status_code == 400
    client.force_login(station_staff)
    assert client.post(reverse("quizzes:answer", args=[theirs.pk]), answer).status_code == 404
    assert not theirs.items.filter(response__isnull=False).exists()


def test_saving_without_javascript_reads_the_questions_once(
    signed_in, deputy, django_assert_num_queries
):
    """The page that saves without JavaScript has its questions read already, in their own
    types with their options: saving them reads none of them again."""
    quiz = PlacedQuizFactory(
        questions=[*(SingleChoiceQuestionFactory(stem=f"题{n}") for n in range(3))], layout="all"
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    items = list(attempt.items.all())
    form = {item.field_name: item.question.get_real_instance().options.first().pk for item in items}
    url = reverse("quizzes:take", args=[attempt.pk])

    # The session, the user, the attempt with its deputy and quiz, its items, their questions
    # (base rows, one type, options, accepted answers), an update for each of the three answers
    # (which, where the database has row locks, locks the attempt in the same statement).
    with django_assert_num_queries(11):
        response = signed_in.post(url, {**form, "go": "save"})

    assert response.status_code == 302
    assert attempt.items.filter(response__isnull=False).count() == 3


@pytest.mark.parametrize("count", [3, 20])
def test_submitting_asks_the_same_few_queries_however_many_questions(
    signed_in, deputy, other_station_deputy, count, django_assert_num_queries
):
    """Submitting grades in one pass: the session, the user, the attempt with its quiz and
    deputy, the claim, the answers with their questions' last change, one UPDATE a distinct
    score (here nothing and all), the attempt's total, and the wrong-answer book (one statement
    inserts the new entries and counts the old). The questions' types and options come from the
    process's memo once any attempt at the quiz has been graded (the first asks four queries
    more for them)."""
    quiz = PlacedQuizFactory(
        questions=[SingleChoiceQuestionFactory(stem=f"题{n}") for n in range(count)], layout="all"
    )

    def answered(who):
        attempt = start_attempt(quiz=quiz, deputy=who)
        for n, item in enumerate(attempt.items.all()):
            options = item.question.get_real_instance().options.order_by("sort_order", "pk")
            right, wrong = options[0], options[1]
            data = {item.field_name: str((right if n == 0 else wrong).pk)}
            save_answer(attempt=attempt, item=item, data=data)
        return attempt

    submit_attempt(attempt=answered(other_station_deputy))  # the questions read once
    attempt = answered(deputy)

    # Nine, and the savepoint and its release that stand in for the transaction in a test.
    with django_assert_num_queries(11):
        response = signed_in.post(reverse("quizzes:submit", args=[attempt.pk]))

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.passed is False
    scores = sorted(attempt.items.values_list("score", flat=True))
    assert scores == [0] * (count - 1) + [1]
    assert deputy.wrong_answers.count() == count - 1


def test_the_questions_and_the_result_read_the_questions_once_a_process(
    signed_in, deputy, other_station_deputy, django_assert_num_queries
):
    """Once any deputy's page has read a quiz's questions (their types, options and accepted
    answers), the next pages take them from the process's memo: the questions page asks for
    the session, the user, the attempt with its quiz and deputy, and the answers with their
    questions' rows, however many questions; the result adds the law articles tested."""
    quiz = PlacedQuizFactory(
        questions=[SingleChoiceQuestionFactory(stem=f"题{n}") for n in range(5)], layout="all"
    )
    submit_attempt(attempt=start_attempt(quiz=quiz, deputy=other_station_deputy))
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    signed_in.get(reverse("quizzes:detail", args=[quiz.pk]))  # warm the site cache

    # Four, and the base layout's one (the staff roles for the menu; the menu's sections are
    # in the cache).
    with django_assert_num_queries(5):
        page = signed_in.get(reverse("quizzes:take", args=[attempt.pk]))
    submit_attempt(attempt=attempt)
    # The same four and the law articles tested; the base layout's two (the menu's roles, shown
    # here, and the count of unread notifications; its sections are in the cache).
    with django_assert_num_queries(7):
        result = signed_in.get(reverse("quizzes:result", args=[attempt.pk]))

    assert page.status_code == 200 and page.content.decode().count('type="radio"') == 20
    assert result.status_code == 200
