"""The wrong-answer book's entries open to the right answer (each question type rendering its
own), why, and the law article with its text; "Practise more" after the day's practice asks the
entries still due, none twice in a round, and says honestly when none are left and when the
next fall due. Each page's queries are fixed."""

from datetime import datetime, time, timedelta

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from materials.lawtext import parse_law
from materials.services import import_law
from quizzes.models import (
    AcceptedAnswer,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Option,
    PracticeAnswer,
    QuestionArticle,
    ShortAnswerQuestion,
    TrueFalseQuestion,
    WrongAnswer,
)
from quizzes.practice.selectors import next_due_on, practice_day, practice_more
from quizzes.practice.services import field_name, record_exam_mistakes

from ..materials.texts import SAMPLE
from .test_practice import DAY1, DAY2, answer, bank, noon, on, right_option, single, wrong_option


@pytest.fixture
def question(db):
    return single()


@pytest.fixture
def signed_in(client, deputy):
    client.force_login(deputy.user)
    client.cookies["django_language"] = "en"
    return client


def several():
    question = MultipleChoiceQuestion(stem="哪些是代表的权利？", explanation="代表法第三条。")
    question.options = [
        Option(text="提出议案", is_correct=True),
        Option(text="审议报告", is_correct=True),
        Option(text="任命法官"),
    ]
    question.save()
    return question


def statement():
    return TrueFalseQuestion.objects.create(
        stem="代表每届任期三年。", explanation="每届任期五年。", correct=False
    )


def blank():
    question = FillBlankQuestion(stem="代表每届任期___年。", explanation="每届任期五年。")
    question.accepted_answers = [AcceptedAnswer(text="五"), AcceptedAnswer(text="5", credit=50)]
    question.save()
    return question


def entry_html(question, **entry):
    """The book's entry for the question, as the book renders it."""
    defaults = {"is_due": True, "paused": False, "mastered_on": None, "articles": []}
    book_entry = WrongAnswer(question=question, times_wrong=1, due_on=DAY1, right_days=0)
    for name, value in (defaults | entry).items():
        setattr(book_entry, name, value)
    with translation.override("en"):
        return render_to_string(
            "quizzes/practice/book_entry.html", {"entry": book_entry, "mastery_days": 2}
        )


# Each entry opens to the right answer, in its question type's own words


def test_a_single_choice_entry_marks_the_right_option_in_words(db):
    html = entry_html(single())
    right = html.split("book-answer__option--right")[1].split("</li>")[0]
    assert "五年" in right and "right answer" in right
    assert html.count("book-answer__option--right") == 1
    assert "三年" in html and "四年" in html  # the other options too, not marked
    assert "代表法：每届任期五年。" in html and "<details" in html


def test_a_multiple_choice_entry_marks_every_right_option(db):
    html = entry_html(several())
    assert html.count("book-answer__option--right") == 2
    marked = [part.split("</li>")[0] for part in html.split("book-answer__option--right")[1:]]
    assert "提出议案" in marked[0] and "审议报告" in marked[1]
    assert "任命法官" in html.split("book-answer__option--right")[-1].split("</li>")[1]


def test_a_true_or_false_entry_says_which_the_statement_is(db):
    assert "The statement is false." in entry_html(statement())
    question = TrueFalseQuestion.objects.create(stem="对吗？", explanation="对。", correct=True)
    assert "The statement is true." in entry_html(question)


def test_a_fill_in_the_blank_entry_gives_the_answers_that_score_in_full(db):
    html = entry_html(blank())
    assert "Right answer: 五" in html and "Right answer: 五 / 5" not in html


def test_a_short_answer_renders_its_reference_answer(db):
    question = ShortAnswerQuestion.objects.create(
        stem="简述代表的义务。", explanation="见代表法。", reference_answer="模范遵守宪法和法律。"
    )
    html = render_to_string(question.answer_template, {"question": question})
    assert "模范遵守宪法和法律。" in html


def test_the_book_opens_each_entry_to_its_article_text(signed_in, deputy):
    law = import_law(parsed=parse_law(SAMPLE), short_name="议事规则").version.law
    questions = [single(), several(), statement(), blank()]
    QuestionArticle.objects.create(question=questions[0], law=law, article=3)
    record_exam_mistakes(deputy=deputy, questions=questions, now=noon(timezone.localdate()))

    html = signed_in.get(reverse("practice:book")).content.decode()

    assert html.count('class="book-entry__details"') == 4
    assert html.count("book-answer__option--right") == 3  # single's one, multiple's two
    assert "The statement is false." in html and "Right answer: 五" in html
    article = html.split('class="block-law-article"')[1].split("</figure>")[0]
    assert f'href="{law.url}articles/3/"' in article
    assert "议事规则 第三条" in article and "议题可以由下列人员提出" in article
    assert "五分之一以上的村民代表" in article  # its items too
    for question in questions:
        assert question.explanation in html


def test_a_mastered_entry_opens_too(signed_in, deputy, question):
    record_exam_mistakes(deputy=deputy, questions=[question], now=noon(DAY1))
    WrongAnswer.objects.update(mastered_on=DAY2, right_days=2)

    html = signed_in.get(reverse("practice:book")).content.decode()
    mastered = html.split('id="book-mastered"')[1]

    assert "Mastered 2026-03-03" in mastered and "book-answer__option--right" in mastered


@pytest.mark.parametrize("entries", [1, 12])
def test_the_books_queries_are_fixed_whatever_its_types_and_articles(
    signed_in, deputy, entries, django_assert_max_num_queries
):
    law = import_law(parsed=parse_law(SAMPLE), short_name="议事规则").version.law
    makers = [single, several, statement, blank]
    questions = [makers[n % 4]() for n in range(entries)]
    for n, question in enumerate(questions):
        QuestionArticle.objects.create(question=question, law=law, article=1 + n % 4)
    record_exam_mistakes(deputy=deputy, questions=questions, now=noon(timezone.localdate()))
    WrongAnswer.objects.filter(question__in=questions[::3]).update(mastered_on=DAY1)

    with django_assert_max_num_queries(27):
        html = signed_in.get(reverse("practice:book")).content.decode()
    assert html.count('class="book-entry__details"') == entries


# Practise more


def finish_the_day(deputy, day=DAY1):
    """Answer the day's practice, every answer right: at noon, or, today, in the first minutes
    of the day (before the pages' own answers, made now)."""
    for question in practice_day(deputy, on=day).questions:
        answer(deputy, question, right_option(question), day)
    if day == timezone.localdate():
        midnight = timezone.make_aware(datetime.combine(day, time.min))
        for answered in PracticeAnswer.objects.filter(deputy=deputy):
            answered.answered_at = midnight + timedelta(seconds=answered.pk)
            answered.save(update_fields=["answered_at"])


def test_practise_more_asks_the_entries_still_due_after_the_days_practice(deputy):
    questions = bank(12)
    record_exam_mistakes(deputy=deputy, questions=questions[:9], now=noon(DAY1))
    with on(DAY1):
        daily = practice_day(deputy, on=DAY1).questions
        assert daily == questions[:5]
        finish_the_day(deputy)
        day = practice_day(deputy, on=DAY1)
        extra = practice_more(deputy, day=day)

    assert day.current is None and day.more_due == 4
    assert extra.number == 1 and extra.round.questions == questions[5:9]  # due only, no fill
    assert extra.round.current == questions[5] and not extra.can_go_on


@override_settings(DAILY_PRACTICE_SIZE=2)
def test_a_round_asks_no_question_twice_and_the_next_round_starts_when_asked(deputy):
    questions = bank(9)
    record_exam_mistakes(deputy=deputy, questions=questions[:7], now=noon(DAY1))
    with on(DAY1):
        finish_the_day(deputy)
        extra = practice_more(deputy, day=practice_day(deputy, on=DAY1))
        first = extra.round.current
        answer(deputy, first, wrong_option(first), DAY1)  # wrong: due again tomorrow
        extra = practice_more(deputy, day=practice_day(deputy, on=DAY1))
        assert extra.round.current not in (first, None)
        second = extra.round.current
        answer(deputy, second, right_option(second), DAY1)
        over = practice_more(deputy, day=practice_day(deputy, on=DAY1))
        following = practice_more(deputy, day=practice_day(deputy, on=DAY1), start_next=True)

    assert over.round.questions == [first, second] and over.round.current is None
    assert over.round.right == 1 and over.can_go_on and over.due_after == 3
    assert following.number == 2 and following.round.questions == questions[4:6]
    assert first not in following.round.questions  # wrong today: not due again today


def test_once_none_are_due_practise_more_says_when_the_next_are(deputy):
    questions = bank(7)
    record_exam_mistakes(deputy=deputy, questions=questions[:6], now=noon(DAY1))
    with on(DAY1):
        finish_the_day(deputy)
        last = practice_more(deputy, day=practice_day(deputy, on=DAY1)).round.current
        answer(deputy, last, wrong_option(last), DAY1)
        extra = practice_more(deputy, day=practice_day(deputy, on=DAY1))
        after = practice_more(deputy, day=practice_day(deputy, on=DAY1), start_next=True)

    assert extra.round.questions == [last] and extra.round.current is None
    assert not extra.can_go_on and extra.due_after == 0
    assert extra.next_due == DAY2 == next_due_on(deputy, on=DAY1)  # the wrong one, tomorrow
    assert after.round.questions == [last]  # a round with room left is not a new round


def test_the_pages_of_practise_more_from_the_book_to_the_honest_end(
    signed_in, deputy, django_assert_max_num_queries
):
    today = timezone.localdate()
    questions = bank(8)
    record_exam_mistakes(deputy=deputy, questions=questions[:7], now=noon(today))
    finish_the_day(deputy, today)

    book = signed_in.get(reverse("practice:book")).content.decode()
    assert "Practise 2 more" in book and "2 more questions in your book are due today." in book
    summary = signed_in.get(reverse("practice:today")).content.decode()
    assert "5 of 5 right today" in summary and "Practise 2 more" in summary

    url = reverse("practice:more")
    seen = []
    for n in (1, 2):
        with django_assert_max_num_queries(18):
            page = signed_in.get(url + "?next")
        question = page.context["question"]
        assert f"Question {n} of 2" in page.content.decode() and question not in seen
        seen.append(question)
        response = signed_in.post(
            url + "?next", {"question": question.pk, field_name(question): right_option(question)}
        )
        assert response.url == reverse("practice:feedback", args=[question.pk])
        with django_assert_max_num_queries(22):
            feedback = signed_in.get(response.url).content.decode()
        assert f'href="{url}"' in feedback, feedback[feedback.index("<main") :]
        assert ("Next question" if n == 1 else "See this round's result") in feedback

    with django_assert_max_num_queries(18):
        end = signed_in.get(url).content.decode()
    assert "2 of 2 right in this round" in end
    assert "All of today's wrong answers are practised." in end
    assert "?next" not in end
    assert "The next ones are due on" in end  # the two answered right, a step further on
    assert set(seen) == set(questions[5:7])
    assert PracticeAnswer.objects.filter(deputy=deputy).count() == 7


def test_practise_more_names_the_day_the_next_are_due(signed_in, deputy):
    today = timezone.localdate()
    later = single(stem="以后")
    record_exam_mistakes(deputy=deputy, questions=[later], now=noon(today))
    WrongAnswer.objects.filter(question=later).update(due_on=today + timedelta(days=4))
    bank(5)
    finish_the_day(deputy, today)

    html = signed_in.get(reverse("practice:more")).content.decode()
    book = signed_in.get(reverse("practice:book")).content.decode()

    for page in (html, book):
        assert "All of today's wrong answers are practised." in page
        assert f"The next ones are due on {today + timedelta(days=4):%Y-%m-%d}." in page
        assert "?next" not in page


def test_practise_more_waits_until_the_days_practice_is_done(signed_in, deputy, question):
    response = signed_in.get(reverse("practice:more"))
    assert response.status_code == 302 and response.url == reverse("practice:today")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_practise_more_reads_in_chinese_and_english(client, deputy, language):
    today = timezone.localdate()
    record_exam_mistakes(deputy=deputy, questions=bank(11), now=noon(today))
    finish_the_day(deputy, today)
    client.force_login(deputy.user)
    client.cookies["django_language"] = language

    html = client.get(reverse("practice:book")).content.decode()

    assert ("再练5题" if language == "zh-hans" else "Practise 5 more") in html  # 6 due: 5 a round
    due = WrongAnswer.objects.filter(deputy=deputy, mastered_on=None, due_on__lte=today)
    due.exclude(pk=due.order_by("pk").first().pk).update(due_on=today + timedelta(days=1))
    html = client.get(reverse("practice:book")).content.decode()
    assert ("再练1题" if language == "zh-hans" else "Practise 1 more") in html  # 1 due: 1 asked


def test_with_nothing_left_in_the_book_practise_more_says_so(signed_in, deputy):
    bank(5)
    finish_the_day(deputy, timezone.localdate())

    html = signed_in.get(reverse("practice:more")).content.decode()

    assert "All of today's wrong answers are practised." in html
    assert "None of your book's questions wait for another day." in html
    assert "?next" not in html and "The next ones are due" not in html
