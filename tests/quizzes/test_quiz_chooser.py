"""A lesson's quiz block chooses its quiz (courses.blocks.QuizChooserBlock), so Wagtail's
reference index knows which lessons use which quiz: the quiz's usage lists them, and the admin
refuses to delete a quiz a lesson still uses."""

import importlib
import json

from django.apps import apps
from wagtail.models import ReferenceIndex

from courses.factories import place_in_lesson
from courses.models import LessonPage
from quizzes.factories import QuizFactory, SingleChoiceQuestionFactory
from quizzes.models import Quiz

EN = {"accept-language": "en"}


def test_the_reference_index_lists_the_lesson_that_uses_the_quiz(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
        lesson = place_in_lesson(quiz)

    used_by = [
        source for source, _refs in ReferenceIndex.get_references_to(quiz).group_by_source_object()
    ]
    assert [page.pk for page in used_by] == [lesson.pk]


def test_the_admin_refuses_to_delete_a_quiz_a_lesson_uses(
    client, superuser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
        lesson = place_in_lesson(quiz)
    client.force_login(superuser)
    url = f"/admin/quizzes/delete/{quiz.pk}/"

    page = client.get(url, headers=EN).content.decode()
    refused = client.post(url, headers=EN, follow=True).content.decode()

    assert "cannot be deleted" in page and f"{lesson.title} uses it" in page
    assert f"{lesson.title} uses it" in refused
    assert Quiz.objects.filter(pk=quiz.pk).exists()
    assert LessonPage.objects.get(pk=lesson.pk).quiz_ids() == [quiz.pk]


def test_a_quiz_no_page_uses_is_deleted(client, superuser):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    client.force_login(superuser)

    client.post(f"/admin/quizzes/delete/{quiz.pk}/", headers=EN)

    assert not Quiz.objects.filter(pk=quiz.pk).exists()


def test_the_block_shows_the_chosen_quiz(client, deputy):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    lesson = place_in_lesson(quiz)
    client.force_login(deputy.user)

    page = client.get(lesson.url, headers=EN).content.decode()

    assert f"/quizzes/{quiz.pk}/" in page and "Take the quiz" in page


def test_the_migration_stores_quiz_ids_as_the_chooser_does(db):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    lesson = place_in_lesson(quiz)
    body = [
        {"type": "quiz", "value": {"quiz": str(quiz.pk), "intro": "先做题"}, "id": "a"},
        {"type": "quiz", "value": {"quiz": "", "intro": ""}, "id": "b"},
        {"type": "text", "value": "<p>正文</p>", "id": "c"},
    ]
    LessonPage.objects.filter(pk=lesson.pk).update(body=json.dumps(body))
    revision = lesson.save_revision()
    revision.content["body"] = json.dumps(body)
    revision.save(update_fields=["content"])
    migration = importlib.import_module("courses.migrations.0011_quiz_block_chooses")

    migration.quiz_ids_as_chosen(apps, None)

    stored = LessonPage.objects.get(pk=lesson.pk).body.raw_data
    assert [block["value"] for block in stored] == [
        {"quiz": quiz.pk, "intro": "先做题"},
        {"quiz": None, "intro": ""},
        "<p>正文</p>",
    ]
    revision.refresh_from_db()
    assert json.loads(revision.content["body"])[0]["value"]["quiz"] == quiz.pk
