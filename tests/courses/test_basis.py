"""Every lesson says which text of each law it follows; a newer text sends it to review, as
questions are sent: flagged with a reason, listed for editors, told to deputies in a plain
sentence, taken back with the version, and closed by an editor's "checked"."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageLogEntry

from courses.factories import LessonPageFactory, article_block
from courses.models import LessonBasis, LessonPage
from deputies.factories import UserFactory
from materials.lawtext import parse_law
from materials.models import ArticleNote, LawPage, ReviewFlag
from materials.services import delete_version, import_law, library_index

from ..materials.texts import AMENDED, SAMPLE

REPORT = "/admin/courses/lessons-to-check/"


@pytest.fixture
def law(db):
    """A law whose text of 30 June 2024 (an amendment) is in force."""
    return import_law(parsed=parse_law(SAMPLE)).version.law


@pytest.fixture
def lesson(course, law):
    return LessonPageFactory(parent=course, slug="quoting", body=[article_block(law, 1)])


def bases(lesson):
    return [(b.law_id, b.law_name, b.amended_on, b.kind) for b in lesson.bases.all()]


def amend():
    return import_law(parsed=parse_law(AMENDED))


def lesson_flags(lesson):
    return ReviewFlag.objects.filter(
        content_type=ContentType.objects.get_for_model(LessonPage), object_id=lesson.pk
    )


def checked_url(lesson):
    return reverse("courses_lesson_checked", args=[lesson.pk])


# The basis, as rows ---------------------------------------------------------------------------


def test_a_lesson_follows_the_text_in_force_of_each_law_it_quotes(lesson, law):
    assert bases(lesson) == [(law.pk, "某某县村务议事规则", date(2024, 6, 30), "amended")]


def test_a_law_without_imported_text_is_followed_as_its_study_notes(course):
    law = LawPage(
        title="选举法", slug="xuanjufa", short_name="选举法", notes_follow=date(2020, 10, 17)
    )
    library_index().add_child(instance=law)
    ArticleNote.objects.create(law=law, article=3, heading="直选", text="县乡代表由选民直选。")

    lesson = LessonPageFactory(parent=course, slug="election", body=[article_block(law, 3)])

    assert bases(lesson) == [(law.pk, "选举法", date(2020, 10, 17), "amended")]


def test_the_editors_choice_is_kept_on_save_and_publish(lesson, law):
    lesson.bases.update(amended_on=date(2020, 1, 1), kind=LessonBasis.Kind.ADOPTED)
    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.title = "改过标题"
    lesson.save_revision().publish()

    assert bases(LessonPage.objects.get(pk=lesson.pk)) == [
        (law.pk, "某某县村务议事规则", date(2020, 1, 1), "adopted")
    ]


def test_a_quote_of_a_new_law_in_a_draft_adds_its_basis_when_published(lesson, law, course):
    other = import_law(
        parsed=parse_law(SAMPLE.replace("某某县村务议事规则", "某某县村民议事办法"))
    ).version.law
    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.body = [article_block(law, 1), article_block(other, 2)]
    revision = lesson.save_revision()
    assert len(revision.content["bases"]) == 2  # the draft shows it in the edit form

    revision.publish()

    assert {row[1] for row in bases(LessonPage.objects.get(pk=lesson.pk))} == {
        "某某县村务议事规则",
        "某某县村民议事办法",
    }


def test_the_lessons_form_shows_its_bases(client, editor, lesson):
    client.force_login(editor)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert "Law version followed" in html and 'value="2024-06-30"' in html


# What deputies read ---------------------------------------------------------------------------


def test_the_lesson_and_its_course_say_which_text_they_follow(client, lesson, course):
    zh = client.get(lesson.url, headers={"accept-language": "zh-hans"}).content.decode()
    en = client.get(lesson.url, headers={"accept-language": "en"}).content.decode()
    assert "依据：2024年6月30日修正的某某县村务议事规则" in zh
    assert "Based on: the 某某县村务议事规则 as amended on 30 June 2024" in en
    assert "being checked" not in en

    course_page = client.get(course.url, headers={"accept-language": "zh-hans"}).content.decode()
    assert course_page.count("依据：2024年6月30日修正的某某县村务议事规则") == 1


def test_a_course_shows_the_union_of_its_lessons_bases(client, lesson, course):
    LessonPageFactory(
        parent=course,
        slug="callouts",
        bases=[LessonBasis(law_name="代表法", amended_on=date(2025, 3, 11))],
    )
    html = client.get(course.url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "依据：2024年6月30日修正的某某县村务议事规则、2025年3月11日修正的代表法" in html


# A newer text is imported ---------------------------------------------------------------------


def test_a_newer_text_flags_the_lesson_with_its_reason(lesson, law):
    result = amend()

    flag = lesson_flags(lesson).get()
    assert flag.version == result.version
    assert (
        flag.reasons == "某某县村务议事规则已于2025年1月1日修改；本课依据的是2024年6月30日的文本。"
    )
    # The editor's notice, in the site's language.
    assert "1 节课依据的是本法此前的文本，已列入待核对。" in " ".join(result.notices)


def test_deputies_read_that_the_lesson_is_being_checked(client, lesson, course):
    amend()
    en = client.get(lesson.url, headers={"accept-language": "en"}).content.decode()
    zh = client.get(lesson.url, headers={"accept-language": "zh-hans"}).content.decode()

    assert "Based on: the 某某县村务议事规则 as amended on 30 June 2024" in en
    assert (
        "The 某某县村务议事规则 was amended on 1 January 2025: this lesson is being checked "
        "against the new text." in en
    )
    assert "某某县村务议事规则已于2025年1月1日修改，本课正在对照新文本核对。" in zh
    course_page = client.get(course.url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "依据原文本的课程正在对照新文本核对" in course_page


def test_the_flagged_lesson_is_listed_for_editors(client, editor, lesson):
    amend()
    client.force_login(editor)
    html = client.get(REPORT, headers={"accept-language": "zh-hans"}).content.decode()

    assert reverse("wagtailadmin_pages:edit", args=[lesson.pk]) in html
    assert "本课依据的是2024年6月30日的文本" in html
    assert "标记为已对照2025-01-01版本核对" in html
    assert checked_url(lesson) in html


def test_a_lesson_named_by_short_name_is_linked_when_its_law_comes(course):
    lesson = LessonPageFactory(
        parent=course,
        slug="before",
        bases=[LessonBasis(law_name="某某县村务议事规则", amended_on=date(2020, 1, 1))],
    )
    result = import_law(parsed=parse_law(SAMPLE))  # its first version, newer than 2020

    assert bases(lesson) == [
        (result.version.law_id, "某某县村务议事规则", date(2020, 1, 1), "amended")
    ]
    assert lesson_flags(lesson).get().version == result.version


def test_a_lesson_written_against_the_new_text_is_not_flagged(lesson, law, course):
    amend()
    later = LessonPageFactory(parent=course, slug="later", body=[article_block(law, 1)])
    assert bases(later)[0][2] == date(2025, 1, 1)
    assert not lesson_flags(later).exists()


def test_deleting_the_version_takes_the_flag_back(client, lesson):
    version = amend().version
    assert lesson_flags(lesson).exists()

    assert delete_version(version=version) >= 1

    assert not lesson_flags(lesson).exists()
    html = client.get(lesson.url, headers={"accept-language": "en"}).content.decode()
    assert "being checked" not in html
    assert bases(lesson)[0][2] == date(2024, 6, 30)


# An editor marks it checked -------------------------------------------------------------------


def test_an_editor_marks_the_lesson_checked(client, editor, lesson, law):
    version = amend().version
    client.force_login(editor)

    response = client.post(checked_url(lesson), {"version": version.pk})

    assert (response.status_code, response["Location"]) == (302, REPORT)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"“{lesson.title}”现依据2025年1月1日修正的某某县村务议事规则。"
    ]
    assert bases(lesson) == [(law.pk, "某某县村务议事规则", date(2025, 1, 1), "amended")]
    assert not lesson_flags(lesson).exists()
    entry = PageLogEntry.objects.get(page=lesson, action="courses.mark_checked")
    assert entry.user == editor and entry.data["version"] == "2025-01-01"
    html = client.get(REPORT, headers={"accept-language": "en"}).content.decode()
    assert checked_url(lesson) not in html
    page = client.get(lesson.url, headers={"accept-language": "en"}).content.decode()
    assert "as amended on 1 January 2025" in page and "being checked" not in page

    again = client.post(
        checked_url(lesson),
        {"version": version.pk},
        follow=True,
        headers={"accept-language": "en"},
    )
    assert "already follows that text" in again.content.decode()


def test_marking_checked_also_moves_the_basis_of_a_waiting_draft(client, editor, lesson):
    version = amend().version
    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.title = "草稿"
    lesson.save_revision()
    client.force_login(editor)

    client.post(checked_url(lesson), {"version": version.pk})
    LessonPage.objects.get(pk=lesson.pk).latest_revision.publish()

    assert bases(lesson)[0][2] == date(2025, 1, 1)


@pytest.mark.parametrize("who", ["deputy", "station_staff", "admin_only"])
def test_only_editors_mark_a_lesson_checked(request, client, lesson, who):
    version = amend().version
    if who == "admin_only":
        user = UserFactory(name="只能进后台", mobile="13700000098")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    else:
        person = request.getfixturevalue(who)
        user = getattr(person, "user", person)
    client.force_login(user)

    response = client.post(checked_url(lesson), {"version": version.pk})

    assert response.status_code in (302, 403)
    assert response.get("Location") != REPORT
    assert bases(lesson)[0][2] == date(2024, 6, 30)
    assert lesson_flags(lesson).exists()


def test_marking_checked_is_a_post(client, editor, lesson):
    version = amend().version
    client.force_login(editor)
    assert client.get(checked_url(lesson), {"version": version.pk}).status_code == 405


# Query counts ---------------------------------------------------------------------------------


def test_the_basis_costs_one_query_however_many_laws(client, course, lesson, law):
    other = import_law(
        parsed=parse_law(SAMPLE.replace("某某县村务议事规则", "某某县村民议事办法"))
    ).version.law
    many = LessonPageFactory(
        parent=course,
        slug="many",
        body=[article_block(law, 1), article_block(other, 1), article_block(other, 2)],
    )
    amend()

    def queries(page):
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(page.url)
        cache.clear()  # the lesson's frame read, not taken from the cache: its bases counted
        with CaptureQueriesContext(connection) as captured:
            client.get(page.url)
        return [q["sql"] for q in captured]

    few_sql, many_sql = queries(lesson), queries(many)
    assert len(few_sql) == len(many_sql)
    assert sum("courses_lessonbasis" in sql for sql in many_sql) == 1


def test_existing_lessons_get_the_text_they_were_written_against(lesson, law):
    """Migration 0013: the version in the library when the lesson was first published."""
    from importlib import import_module

    from django.apps import apps
    from django.utils import timezone

    migration = import_module("courses.migrations.0013_existing_lessons_bases")
    LessonPage.objects.filter(pk=lesson.pk).update(first_published_at=timezone.now())
    amend()
    LessonBasis.objects.all().delete()

    migration.forwards(apps, None)

    assert bases(lesson) == [(law.pk, "某某县村务议事规则", date(2024, 6, 30), "amended")]
