"""The wrong-answer book and daily practice: the spaced-repetition rules day by day, practice
kept apart from exam results, bad input saving nothing, scope, and the pages' queries."""

import re
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from materials.lawtext import parse_law
from materials.services import import_law
from quizzes.models import (
    AcceptedAnswer,
    Attempt,
    AttemptQuestion,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Option,
    PracticeAnswer,
    Question,
    QuestionArticle,
    Quiz,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
    WrongAnswer,
)
from quizzes.practice.selectors import book_for, daily_practice, due_today, practice_day
from quizzes.practice.services import answer_practice, field_name, record_exam_mistakes
from quizzes.question_types import AnswerError

from ..materials.texts import SAMPLE

DAY1 = date(2026, 3, 2)
DAY2 = DAY1 + timedelta(days=1)
DAY3 = DAY1 + timedelta(days=2)


def noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


@contextmanager
def on(day: date):
    """Everything, the rows' own timestamps included, happens at noon on `day`."""
    with mock.patch("django.utils.timezone.now", return_value=noon(day)):
        yield


def single(stem="代表每届任期几年？", right="五年", wrong=("三年", "四年")):
    question = SingleChoiceQuestion(stem=stem, explanation="代表法：每届任期五年。")
    question.options = [Option(text=right, is_correct=True)] + [Option(text=w) for w in wrong]
    question.save()
    return question


def right_option(question):
    return question.options.get(is_correct=True).pk


def wrong_option(question):
    return question.options.filter(is_correct=False).first().pk


def answer(deputy, question, value, day=DAY1):
    """Answer in practice at noon on `day`, as the form would post it."""
    data = QueryDict(mutable=True)
    data[field_name(question)] = str(value)
    return answer_practice(deputy=deputy, question=question, data=data, now=noon(day))


def entry(deputy, question) -> WrongAnswer:
    return WrongAnswer.objects.get(deputy=deputy, question=question)


@pytest.fixture
def question(db):
    return single()


@pytest.fixture
def in_book(deputy, question):
    """The question, answered wrongly in an exam on DAY1."""
    record_exam_mistakes(deputy=deputy, questions=[question], now=noon(DAY1))
    return question


@pytest.fixture
def signed_in(client, deputy):
    client.force_login(deputy.user)
    client.cookies["django_language"] = "en"
    return client


# Exam mistakes go into the book


def test_exam_mistakes_go_into_the_book_due_today(deputy, question):
    record_exam_mistakes(deputy=deputy, questions=[question, question], now=noon(DAY1))

    wrong = entry(deputy, question)
    assert (wrong.times_wrong, wrong.right_days, wrong.due_on) == (1, 0, DAY1)
    assert list(due_today(deputy, on=DAY1)) == [wrong]


def test_a_new_exam_mistake_starts_a_mastered_question_over(deputy, in_book):
    answer(deputy, in_book, right_option(in_book), DAY1)
    answer(deputy, in_book, right_option(in_book), DAY2)
    assert entry(deputy, in_book).mastered_on == DAY2

    record_exam_mistakes(deputy=deputy, questions=[in_book], now=noon(DAY3))

    wrong = entry(deputy, in_book)
    assert (wrong.times_wrong, wrong.right_days, wrong.mastered_on) == (2, 0, None)
    assert wrong.due_on == DAY3 and wrong.last_wrong_at == noon(DAY3)


def test_exam_mistakes_of_one_deputy_leave_anothers_book_alone(
    deputy, other_station_deputy, question
):
    record_exam_mistakes(deputy=deputy, questions=[question], now=noon(DAY1))
    record_exam_mistakes(deputy=other_station_deputy, questions=[question], now=noon(DAY2))
    record_exam_mistakes(deputy=deputy, questions=[question], now=noon(DAY2))

    assert entry(deputy, question).times_wrong == 2
    assert entry(other_station_deputy, question).times_wrong == 1


def test_mistakes_are_recorded_in_one_statement_whatever_their_number(
    deputy, in_book, django_assert_num_queries
):
    """Inserted where new, counted where the entry exists, in one statement: no window in which
    another submission's new row could make this one fail (threads and fifty deputies:
    tests/quizzes/test_concurrency.py)."""
    others = [single() for _ in range(3)]
    with django_assert_num_queries(1):
        record_exam_mistakes(deputy=deputy, questions=[in_book, *others], now=noon(DAY2))

    assert entry(deputy, in_book).times_wrong == 2
    assert [entry(deputy, q).times_wrong for q in others] == [1, 1, 1]
    assert {entry(deputy, q).first_wrong_at for q in others} == {noon(DAY2)}
    assert entry(deputy, in_book).first_wrong_at == noon(DAY1)


def test_short_answers_stay_out_of_the_book(deputy):
    essay = ShortAnswerQuestion.objects.create(
        stem="怎样写好一条建议？", explanation="要具体。", reference_answer="问题、原因、办法。"
    )
    record_exam_mistakes(deputy=deputy, questions=[essay], now=noon(DAY1))
    assert not WrongAnswer.objects.exists()
    with pytest.raises(AnswerError):
        answer_practice(deputy=deputy, question=essay, data={field_name(essay): "写清楚问题"})
    assert not PracticeAnswer.objects.exists()


# Spaced repetition


def test_right_on_a_first_day_moves_it_a_step(deputy, in_book):
    result = answer(deputy, in_book, right_option(in_book), DAY1)

    assert result.right
    wrong = entry(deputy, in_book)
    assert (wrong.right_days, wrong.last_right_on, wrong.mastered_on) == (1, DAY1, None)
    assert wrong.due_on == DAY1 + timedelta(days=1)  # PRACTICE_INTERVALS_DAYS[0]
    assert not due_today(deputy, on=DAY1).exists()
    assert due_today(deputy, on=DAY2).exists()


def test_right_twice_the_same_day_counts_once(deputy, in_book):
    answer(deputy, in_book, right_option(in_book), DAY1)
    answer(deputy, in_book, right_option(in_book), DAY1)

    wrong = entry(deputy, in_book)
    assert wrong.right_days == 1 and wrong.mastered_on is None
    assert PracticeAnswer.objects.filter(deputy=deputy).count() == 2


def test_right_on_two_separate_days_masters_it(deputy, in_book):
    answer(deputy, in_book, right_option(in_book), DAY1)
    result = answer(deputy, in_book, right_option(in_book), DAY2)

    assert result.entry.mastered_on == DAY2
    wrong = entry(deputy, in_book)
    assert (wrong.right_days, wrong.mastered_on) == (2, DAY2)
    assert not due_today(deputy, on=DAY2 + timedelta(days=30)).exists()
    book = book_for(deputy, on=DAY3)
    assert book.mastered == [wrong] and not book.due and not book.waiting


def test_a_mastered_question_answered_right_again_stays_mastered(deputy, in_book):
    answer(deputy, in_book, right_option(in_book), DAY1)
    answer(deputy, in_book, right_option(in_book), DAY2)
    answer(deputy, in_book, right_option(in_book), DAY3)

    wrong = entry(deputy, in_book)
    assert (wrong.right_days, wrong.mastered_on) == (2, DAY2)


def test_a_wrong_answer_starts_the_count_again(deputy, in_book):
    answer(deputy, in_book, right_option(in_book), DAY1)
    result = answer(deputy, in_book, wrong_option(in_book), DAY2)

    assert not result.right
    wrong = entry(deputy, in_book)
    assert (wrong.right_days, wrong.times_wrong, wrong.mastered_on) == (0, 2, None)
    assert wrong.due_on == DAY3 and wrong.last_wrong_at == noon(DAY2)
    # Two more separate right days are needed now.
    answer(deputy, in_book, right_option(in_book), DAY3)
    assert entry(deputy, in_book).mastered_on is None


def test_after_a_wrong_answer_a_right_one_the_same_day_does_not_count(deputy, in_book):
    answer(deputy, in_book, right_option(in_book), DAY1)
    answer(deputy, in_book, wrong_option(in_book), DAY1)
    answer(deputy, in_book, right_option(in_book), DAY1)

    wrong = entry(deputy, in_book)
    assert (wrong.right_days, wrong.due_on) == (0, DAY2)


@override_settings(PRACTICE_MASTERY_DAYS=4, PRACTICE_INTERVALS_DAYS=[1, 3])
def test_steps_past_the_last_interval_keep_the_last_interval(deputy, in_book):
    days = [DAY1 + timedelta(days=n) for n in (0, 1, 4)]
    for day in days:
        answer(deputy, in_book, right_option(in_book), day)

    wrong = entry(deputy, in_book)
    assert wrong.right_days == 3 and wrong.mastered_on is None
    assert wrong.due_on == days[-1] + timedelta(days=3)


def test_a_wrong_practice_answer_puts_the_question_in_the_book(deputy, question):
    result = answer(deputy, question, wrong_option(question), DAY1)

    assert result.entry == entry(deputy, question)
    assert (result.entry.times_wrong, result.entry.due_on) == (1, DAY2)


def test_a_right_answer_to_a_question_not_in_the_book_leaves_the_book_empty(deputy, question):
    assert answer(deputy, question, right_option(question)).entry is None
    assert not WrongAnswer.objects.exists()


@pytest.mark.parametrize("value", ["99999", "abc", ""])
def test_an_answer_the_question_cannot_read_saves_nothing(deputy, in_book, value):
    before = entry(deputy, in_book)

    with pytest.raises(AnswerError):
        answer(deputy, in_book, value)

    assert not PracticeAnswer.objects.exists()
    after = entry(deputy, in_book)
    assert (after.times_wrong, after.right_days, after.due_on) == (
        before.times_wrong,
        before.right_days,
        before.due_on,
    )


def test_practice_never_changes_an_exam_result(deputy, in_book):
    quiz = Quiz.objects.create(title="代表法小测")
    attempt = Attempt.objects.create(
        quiz=quiz,
        deputy=deputy,
        number=1,
        status=Attempt.Status.GRADED,
        score=Decimal(0),
        max_score=Decimal(1),
        passed=False,
    )
    item = AttemptQuestion.objects.create(
        attempt=attempt, question=in_book, position=1, score=Decimal(0), response=None
    )

    answer(deputy, in_book, right_option(in_book), DAY1)
    answer(deputy, in_book, right_option(in_book), DAY2)

    attempt.refresh_from_db()
    item.refresh_from_db()
    assert (attempt.score, attempt.passed, attempt.status) == (0, False, Attempt.Status.GRADED)
    assert (item.score, item.response) == (0, None)


def test_each_type_is_checked_as_in_an_exam(deputy):
    several = MultipleChoiceQuestion(stem="闭会期间可以？", explanation="集体活动。")
    several.options = [
        Option(text="视察", is_correct=True),
        Option(text="调研", is_correct=True),
        Option(text="办案"),
    ]
    several.save()
    statement = TrueFalseQuestion.objects.create(
        stem="代表由选民选举。", explanation="是。", correct=True
    )
    gap = FillBlankQuestion(stem="任期____年。", explanation="五年。")
    gap.accepted_answers = [AcceptedAnswer(text="五")]
    gap.save()
    ids = sorted(o.pk for o in several.options.all() if o.is_correct)
    both = QueryDict(mutable=True)
    both.setlist(field_name(several), [str(pk) for pk in ids])
    one = QueryDict(mutable=True)
    one.setlist(field_name(several), [str(ids[0])])

    assert answer_practice(deputy=deputy, question=several, data=both).right
    assert not answer_practice(deputy=deputy, question=several, data=one).right
    assert answer_practice(
        deputy=deputy, question=statement, data={f"q{statement.pk}": "true"}
    ).right
    assert answer_practice(deputy=deputy, question=gap, data={f"q{gap.pk}": " 五 "}).right


# The daily practice


def bank(count):
    return [single(stem=f"第{n}题") for n in range(count)]


def test_the_daily_practice_puts_due_questions_first_and_fills_up(deputy):
    questions = bank(8)
    due = questions[5:7]
    record_exam_mistakes(deputy=deputy, questions=due, now=noon(DAY1))

    chosen = daily_practice(deputy, on=DAY1)

    assert len(chosen) == 5
    assert chosen[:2] == due
    assert chosen == daily_practice(deputy, on=DAY1)  # a reload shows the same set
    assert all(type(q) is SingleChoiceQuestion for q in chosen)


def test_the_daily_practice_stays_the_same_as_it_is_answered(deputy):
    questions = bank(9)
    record_exam_mistakes(deputy=deputy, questions=questions[:2], now=noon(DAY1))
    with on(DAY1):
        chosen = daily_practice(deputy, on=DAY1)
        for question in chosen[:3]:
            answer(deputy, question, right_option(question), DAY1)
        day = practice_day(deputy, on=DAY1)

    assert day.questions == chosen
    assert day.current == chosen[3] and day.done == 3 and day.right == 3


def test_the_daily_practice_leaves_out_what_it_cannot_or_should_not_ask(deputy):
    retired = single(stem="旧题")
    Question.objects.filter(pk=retired.pk).update(status=Question.Status.NEEDS_REVIEW)
    ShortAnswerQuestion.objects.create(stem="简答", explanation="略", reference_answer="略")
    practised, waiting, fresh = single(stem="练过"), single(stem="明天"), single(stem="新题")
    with on(DAY1 - timedelta(days=2)):
        answer(deputy, practised, right_option(practised), DAY1 - timedelta(days=2))
    answer(deputy, waiting, wrong_option(waiting), DAY1)  # in the book, due DAY2
    PracticeAnswer.objects.filter(question=waiting).delete()

    assert daily_practice(deputy, on=DAY1) == [fresh]
    assert daily_practice(deputy, on=DAY2) == [waiting, fresh]


@override_settings(DAILY_PRACTICE_SIZE=2)
def test_due_questions_beyond_the_days_size_wait_for_tomorrow(deputy):
    questions = bank(3)
    record_exam_mistakes(deputy=deputy, questions=questions, now=noon(DAY1))

    day = practice_day(deputy, on=DAY1)

    assert day.questions == questions[:2] and day.more_due == 1


def test_the_daily_practice_queries_are_fixed(deputy, django_assert_max_num_queries):
    record_exam_mistakes(deputy=deputy, questions=bank(3), now=noon(DAY1))
    bank(20)
    with django_assert_max_num_queries(7):
        assert len(daily_practice(deputy, on=DAY1)) == 5


# Pages


def test_anonymous_visitors_sign_in_first_and_staff_find_nothing(client, station_staff):
    for name in ("practice:book", "practice:today"):
        assert client.get(reverse(name)).status_code == 302
    client.force_login(station_staff)
    for name in ("practice:book", "practice:today"):
        assert client.get(reverse(name)).status_code == 404


def test_the_book_lists_entries_due_first_with_their_mistakes(signed_in, deputy):
    later, due, done = single(stem="以后再练"), single(stem="今天要练"), single(stem="已经掌握")
    today = timezone.localdate()
    record_exam_mistakes(deputy=deputy, questions=[due, later, done], now=noon(today))
    WrongAnswer.objects.filter(question=later).update(due_on=today + timedelta(days=3))
    WrongAnswer.objects.filter(question=done).update(mastered_on=today, right_days=2)

    html = signed_in.get(reverse("practice:book")).content.decode()

    assert html.index("今天要练") < html.index("以后再练") < html.index("已经掌握")
    assert "1</span> question due today" in html
    assert "Wrong 1 time" in html and "Practise now" in html
    assert f"Next practice {today + timedelta(days=3):%Y-%m-%d}" in html
    assert "Mastered" in html


def test_a_deputy_never_sees_another_deputys_book(client, deputy, other_station_deputy, in_book):
    answer(deputy, in_book, wrong_option(in_book), timezone.localdate())
    client.force_login(other_station_deputy.user)

    assert in_book.stem not in client.get(reverse("practice:book")).content.decode()
    feedback = reverse("practice:feedback", args=[in_book.pk])
    assert client.get(feedback).status_code == 404


def test_a_days_practice_from_question_to_summary(signed_in, deputy, django_assert_max_num_queries):
    questions = bank(5)
    record_exam_mistakes(deputy=deputy, questions=questions[:1], now=noon(DAY1))
    url = reverse("practice:today")
    right = 0
    with on(DAY1):
        for n in range(1, 6):
            page = signed_in.get(url)
            question = page.context["question"]
            assert f"Question {n} of 5" in page.content.decode()
            value = right_option(question) if n != 2 else wrong_option(question)
            response = signed_in.post(url, {"question": question.pk, field_name(question): value})
            assert response.url == reverse("practice:feedback", args=[question.pk])
            shown = signed_in.get(response.url).content.decode()
            assert question.explanation in shown and "Right answer" in shown
            right += value == right_option(question)
        with django_assert_max_num_queries(13):
            summary = signed_in.get(url).content.decode()

        book = signed_in.get(reverse("practice:book")).content.decode()

    assert right == 4
    assert "4 of 5 right today" in summary
    assert "Done for today: 4 of 5 right." in book and "Practise now" not in book
    assert PracticeAnswer.objects.filter(deputy=deputy).count() == 5


def test_the_feedback_shows_the_verdict_the_right_answer_and_the_law(signed_in, deputy, question):
    law = import_law(parsed=parse_law(SAMPLE), short_name="议事规则").version.law
    QuestionArticle.objects.create(question=question, law=law, article=3)
    url = reverse("practice:today")
    signed_in.post(url, {"question": question.pk, field_name(question): wrong_option(question)})

    html = signed_in.get(reverse("practice:feedback", args=[question.pk])).content.decode()

    assert "Not right" in html
    assert "五年" in html.split("Right answer")[1]
    assert f'href="{law.url}articles/3/"' in html
    assert "comes back on" in html  # now in the wrong-answer book
    assert "See today's result" in html


def test_a_second_post_of_the_same_answer_is_kept_once(signed_in, deputy, question):
    url = reverse("practice:today")
    data = {"question": question.pk, field_name(question): right_option(question)}
    signed_in.post(url, data)
    again = signed_in.post(url, data)

    assert again.url == reverse("practice:feedback", args=[question.pk])
    assert PracticeAnswer.objects.count() == 1


def test_a_bad_answer_on_the_page_is_explained_and_saves_nothing(signed_in, deputy, question):
    url = reverse("practice:today")

    response = signed_in.post(url, {"question": question.pk, field_name(question): "x"})

    assert response.status_code == 400
    assert "Choose one of the options." in response.content.decode()
    empty = signed_in.post(url, {"question": question.pk})
    assert empty.status_code == 400 and "Give an answer first." in empty.content.decode()
    assert not PracticeAnswer.objects.exists() and not WrongAnswer.objects.exists()


def test_a_question_from_another_day_is_not_answered(signed_in, deputy, question):
    other = single(stem="不在今天")
    Question.objects.filter(pk=other.pk).update(status=Question.Status.RETIRED)
    response = signed_in.post(
        reverse("practice:today"), {"question": other.pk, field_name(other): right_option(other)}
    )
    assert response.url == reverse("practice:today")
    assert not PracticeAnswer.objects.exists()


def test_the_question_page_gives_nothing_away(signed_in, deputy, question):
    def page():
        html = signed_in.get(reverse("practice:today")).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)

    before = page()
    options = list(question.options.all())
    for option in options:
        option.is_correct = not option.is_correct
    Option.objects.bulk_update(options, ["is_correct"])

    assert page() == before  # the right option is marked in no way
    assert question.explanation not in before


@pytest.mark.parametrize(
    ("language", "markers"),
    [("zh-hans", ['lang="zh-hans"', "跳至主要内容"]), ("en", ['lang="en"', "Wrong-answer book"])],
)
def test_the_pages_render_in_chinese_and_english(client, deputy, question, language, markers):
    client.force_login(deputy.user)
    client.cookies["django_language"] = language
    data = {"question": question.pk, field_name(question): wrong_option(question)}
    pages = [reverse("practice:book"), reverse("practice:today")]
    client.post(pages[1], data)
    pages += [reverse("practice:feedback", args=[question.pk]), reverse("practice:today")]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        assert all(marker in response.content.decode() for marker in markers)


@pytest.mark.parametrize("entries", [1, 12])
def test_the_pages_queries_are_fixed(signed_in, deputy, entries, django_assert_max_num_queries):
    questions = bank(entries)
    record_exam_mistakes(deputy=deputy, questions=questions, now=noon(timezone.localdate()))
    WrongAnswer.objects.filter(question__in=questions[::2]).update(mastered_on=DAY1)
    first = questions[1] if entries > 1 else questions[0]

    # The book: +4 for the entries' questions as their own types with what their right
    # answers show, and the articles they test (tests/quizzes/test_practice_book.py).
    with django_assert_max_num_queries(19):
        assert signed_in.get(reverse("practice:book")).status_code == 200
    with django_assert_max_num_queries(13):
        assert signed_in.get(reverse("practice:today")).status_code == 200
    data = {"question": first.pk, field_name(first): wrong_option(first)}
    signed_in.post(reverse("practice:today"), data)
    with django_assert_max_num_queries(16):  # +1: the unread-notifications badge in the menu
        assert signed_in.get(reverse("practice:feedback", args=[first.pk])).status_code == 200


# The input templates other pages share


def render_input(question, **context):
    context = {"question": question, "name": "q1", "response": None, "disabled": False} | context
    return render_to_string(question.input_template, context)


def test_the_inputs_show_a_saved_answer_and_can_be_disabled(db):
    several = MultipleChoiceQuestion(stem="选哪些？", explanation="略")
    several.options = [Option(text="甲", is_correct=True), Option(text="乙"), Option(text="丙")]
    several.save()
    options = several.ordered_options()
    html = render_input(
        several, options=options, response={"options": [options[1].pk]}, disabled=True
    )
    assert html.count('type="checkbox"') == 3 and " disabled>" in html
    assert f'value="{options[1].pk}" checked' in html and html.count("checked") == 1
    assert "<legend" in html and 'for="q1-' in html and "is_correct" not in html

    statement = TrueFalseQuestion(stem="对吗？", explanation="略", correct=True)
    assert 'value="false" checked' in render_input(statement, response={"value": False})
    assert "checked" not in render_input(statement)

    gap = FillBlankQuestion(stem="填空____。", explanation="略")
    assert 'value="五"' in render_input(gap, response={"text": "五"})
    essay = ShortAnswerQuestion(stem="说说看", explanation="略", reference_answer="参考答案")
    html = render_input(essay, response={"text": "我的回答"})
    assert "我的回答</textarea>" in html and "参考答案" not in html
