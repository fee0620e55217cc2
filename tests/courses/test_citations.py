"""Lessons quoting articles an amendment changed are found by the old-number map, reported to
editors, and counted in the import's messages."""

import io
import json
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from courses.citations import amendments_to_check, lessons_to_check
from courses.factories import LessonPageFactory
from deputies.factories import UserFactory
from materials.lawtext import parse_law
from materials.services import import_law
from tests.materials.texts import (
    BASE,
    PROPOSERS,
    PURPOSE,
    REASONS,
    SCOPE,
    START,
    VOTING,
    numbered_law,
    rule,
)

# From BASE: 第四条 becomes the second paragraph of 第四条 (after 第五条's words), 第六条 goes,
# 第七条 is 第五条.
AMENDED = [PURPOSE, SCOPE, PROPOSERS, [VOTING[0], REASONS[0]], START]
REPORT = "/admin/courses/lessons-to-check/"

LABELS = {
    1: None,  # unchanged
    4: "第四条 merged into 第四条第二款",
    5: "第五条 → 第四条第一款",
    6: "第六条 was removed",
    7: "第七条 → 第五条",
}


@pytest.fixture
def law(db, in_english):
    return import_law(parsed=parse_law(rule(BASE, "2020-01-01"))).version.law


def quoting(law, *numbers):
    return [
        {"type": "law_article", "value": {"law": law.pk, "article": n, "note": ""}} for n in numbers
    ]


@pytest.fixture
def lessons(law, course):
    other = import_law(parsed=parse_law(numbered_law("某某县议事办法", 1, 7))).version.law
    return {
        "renumbered": LessonPageFactory(parent=course, slug="renumbered", body=quoting(law, 7, 1)),
        "merged": LessonPageFactory(parent=course, slug="merged", body=quoting(law, 4)),
        "removed": LessonPageFactory(parent=course, slug="removed", body=quoting(law, 6)),
        "unchanged": LessonPageFactory(parent=course, slug="unchanged", body=quoting(law, 1, 2, 3)),
        "other law": LessonPageFactory(parent=course, slug="other-law", body=quoting(other, 4, 6)),
        "no quote": LessonPageFactory(parent=course, slug="no-quote"),
    }


def amend():
    return import_law(parsed=parse_law(rule(AMENDED, "2025-01-01")), accept_warnings=True)


def found(lessons_found):
    return {item.lesson.slug: [q.label for q in item.quotes] for item in lessons_found}


def test_the_lessons_quoting_changed_articles_say_where_the_words_went(lessons):
    version = amend().version

    assert found(lessons_to_check(version)) == {
        "renumbered": [LABELS[7]],
        "merged": [LABELS[4]],
        "removed": [LABELS[6]],
        # Quoting no changed article, yet following the earlier text: listed, with no quote.
        "unchanged": [],
    }


def test_a_lesson_first_published_after_the_amendment_quotes_the_new_numbers(lessons, law):
    version = amend().version
    written_later = LessonPageFactory(
        parent=lessons["merged"].get_parent(), slug="written-later", body=quoting(law, 4)
    )
    written_later.save_revision().publish()
    written_later.refresh_from_db()
    assert written_later.first_published_at > version.imported_at

    assert "written-later" not in found(lessons_to_check(version))
    assert "merged" in found(lessons_to_check(version))


def test_a_first_version_has_no_lessons_to_check(law):
    assert lessons_to_check(law.versions.get()) == []


def test_an_unpublished_draft_is_checked_too(lessons, law):
    lesson = lessons["unchanged"]
    lesson.body = json.dumps(quoting(law, 1, 5))
    lesson.save_revision()
    never_published = LessonPageFactory(
        parent=lessons["merged"].get_parent(), slug="unpublished", body=quoting(law, 4)
    )
    never_published.unpublish()
    version = amend().version

    by_slug = {item.lesson.slug: item.quotes for item in lessons_to_check(version)}
    assert [(q.label, q.draft_only) for q in by_slug["unchanged"]] == [(LABELS[5], True)]
    assert [(q.label, q.draft_only) for q in by_slug["unpublished"]] == [(LABELS[4], True)]
    assert [(q.label, q.draft_only) for q in by_slug["merged"]] == [(LABELS[4], False)]


def test_the_import_says_how_many_lessons_to_check(lessons):
    result = amend()
    assert result.notices == [
        "3 lessons quote articles this version changed: check them on http://127.0.0.1:8000"
        + REPORT
        + " 4 lessons follow an earlier text of this law: they are sent to review."
    ]


def test_an_amendment_no_lesson_quotes_says_so(law, course):
    LessonPageFactory(parent=course, slug="unchanged", body=quoting(law, 1))
    assert amend().notices == [
        "No lesson quotes an article this version changed. 1 lesson follows an earlier text of "
        "this law: it is sent to review. The lessons to check: http://127.0.0.1:8000" + REPORT
    ]


def test_the_command_prints_the_count_and_the_address(lessons, tmp_path):
    path = tmp_path / "amended.md"
    path.write_text(rule(AMENDED, "2025-01-01"))
    out = io.StringIO()
    call_command("import_law", str(path), "--accept-warnings", stdout=out)
    assert "3 lessons quote articles this version changed" in out.getvalue()
    assert "http://127.0.0.1:8000" + REPORT in out.getvalue()


def test_the_admin_import_message_says_it(client, editor, lessons):
    client.force_login(editor)
    file = SimpleUploadedFile("amended.md", rule(AMENDED, "2025-01-01").encode())
    location = client.post(
        "/admin/laws/import/", {"file": file}, headers={"accept-language": "en"}
    )["Location"]
    response = client.post(location, {"accept_warnings": "on"}, headers={"accept-language": "en"})
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("3 lessons quote articles this version changed" in m for m in shown)


def test_the_report_lists_exactly_the_changed_quotes(client, editor, lessons):
    amend()
    client.force_login(editor)
    page = client.get(REPORT, headers={"accept-language": "en"}).content.decode()

    for label in (LABELS[4], LABELS[6], LABELS[7]):
        assert label in page
    for slug in ("renumbered", "merged", "removed"):
        assert reverse("wagtailadmin_pages:edit", args=[lessons[slug].pk]) in page
    for slug in ("other law", "no quote"):
        assert reverse("wagtailadmin_pages:edit", args=[lessons[slug].pk]) not in page
    # It quotes no changed article but follows the earlier text: listed with that reason.
    assert reverse("wagtailadmin_pages:edit", args=[lessons["unchanged"].pk]) in page
    assert page.count("the lesson follows the text of 1 January 2020") == 4
    assert "第一条" not in page
    assert "村务课程" in page  # the course each lesson is in
    assert "Edited since this version was imported" not in page

    lessons["merged"].save_revision()
    page = client.get(REPORT, headers={"accept-language": "en"}).content.decode()
    assert page.count("Edited since this version was imported") == 1


def test_the_report_in_chinese(client, editor, lessons):
    amend()
    client.force_login(editor)
    page = client.get(REPORT, headers={"accept-language": "zh-hans"}).content.decode()
    assert "法律修改后需核对的课程" in page
    assert "原第七条 → 现第五条" in page
    assert "第四条并入现第四条第二款" in page
    assert "第六条已删除" in page


def test_the_report_without_amendments(client, editor, law):
    client.force_login(editor)
    page = client.get(REPORT, headers={"accept-language": "en"}).content.decode()
    assert "No law has more than one version yet" in page


def test_only_those_who_edit_lessons_see_the_report(client, editor, law):
    amend()
    assert client.get(REPORT)["Location"].startswith("/admin/login/")

    no_pages = UserFactory(name="只能进后台", mobile="13700000099")
    no_pages.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(no_pages)
    refused = client.get(REPORT)  # Wagtail turns the 403 into a message on the dashboard
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert REPORT not in client.get("/admin/").content.decode()

    client.force_login(editor)
    assert client.get(REPORT).status_code == 200
    assert REPORT in client.get("/admin/").content.decode()


def test_the_report_queries_do_not_grow_with_lessons(
    client, editor, lessons, law, django_assert_max_num_queries
):
    amend()
    client.force_login(editor)
    client.get(REPORT)  # the admin's own first-visit queries
    # 12 of them the admin's (session, permissions, menu), + the lessons' bases
    with django_assert_max_num_queries(16):
        client.get(REPORT)
    course = lessons["merged"].get_parent()
    for n in range(10):
        lesson = LessonPageFactory(parent=course, slug=f"more-{n}", body=quoting(law, 4, 6, 7))
        lesson.save_revision()
        # Written against the earlier text (made now, they follow the newest).
        lesson.bases.update(amended_on=date(2020, 1, 1))
    assert len(amendments_to_check()[0].lessons) == 14  # with "unchanged", following 2020
    with django_assert_max_num_queries(17):  # + the drafts' revisions, in one query
        client.get(REPORT)
