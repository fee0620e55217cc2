"""Child rows made in code (no sort_order) come back in the order they were made, also after
one of them is changed. PostgreSQL writes a changed row anew, and where the row's page has no
room left, elsewhere in the table with a new index entry: rows tied on sort_order then came back
with the changed one last. A question's options, and the letters a deputy had seen on them,
moved after an editor corrected one option (CI's PostgreSQL run, stop 37)."""

import pytest

from quizzes.models import Option, SingleChoiceQuestion

pytestmark = pytest.mark.django_db


def question_with(*texts, explanation="每届五年。"):
    question = SingleChoiceQuestion(stem="代表每届任期几年？", explanation=explanation)
    question.options = [Option(text=text, is_correct=text == "五年") for text in texts]
    question.save()
    return question


def test_options_made_in_code_keep_their_order_when_one_is_changed():
    question = question_with("三年", "四年", "五年")
    assert {option.sort_order for option in question.options.all()} == {None}
    # Rows after them fill the table's page, as on a busy database: a changed option cannot
    # be written anew beside the others (Option's feedback up to about 2 KB stays in the page).
    question_with(*(f"填满{i}" for i in range(40)), explanation="满" * 600)
    Option.objects.exclude(question=question).update(feedback="满" * 600)

    Option.objects.filter(question=question, text="三年").update(feedback="任期不是三年。")

    assert [option.text for option in question.options.all()] == ["三年", "四年", "五年"]
    reread = SingleChoiceQuestion.objects.prefetch_related("options").get(pk=question.pk)
    assert [option.text for option in reread.options.all()] == ["三年", "四年", "五年"]
