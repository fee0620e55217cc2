"""Editors keep training programmes in the content admin: in Chinese, the courses chosen among
live courses, the fields in the order a programme is thought through."""

import pytest
from django.contrib.auth.models import Group

from courses.models import Programme
from deputies.editor_permissions import EDITORS_GROUP

from .programme_helpers import add_course

ADMIN = "/admin/programmes/"


@pytest.fixture
def editor_client(client, editor):
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    return client


def test_an_editor_creates_a_programme_of_live_courses(editor_client, course_index):
    live = add_course(course_index, "daibiaofa")
    draft = add_course(course_index, "caogao")
    draft.unpublish()
    form = editor_client.get(f"{ADMIN}new/")
    assert form.status_code == 200
    page = form.text
    assert "必修课程" in page and "集中学习（学时）" in page and "证书名称" in page
    assert "课程daibiaofa" in page and "课程caogao" not in page
    assert page.index("必修课程") < page.index("集中学习（学时）") < page.index("证书名称")

    response = editor_client.post(
        f"{ADMIN}new/",
        {
            "title": "初任培训",
            "summary": "新任代表的第一课。",
            "courses": [live.pk],
            "study_hours": "4",
            "final_test": "",
            "due_days": "180",
            "for_county_deputies": "on",
            "for_township_deputies": "on",
            "assign_to_new_deputies": "on",
            "refresher": "",
            "certificate_title": "初任培训结业证书",
            "certificate_template": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    programme = Programme.objects.get()
    assert list(programme.courses.all()) == [live]


def test_a_draft_course_is_refused(editor_client, course_index):
    draft = add_course(course_index, "caogao")
    draft.unpublish()
    response = editor_client.post(
        f"{ADMIN}new/",
        {"title": "初任培训", "courses": [draft.pk], "study_hours": "0", "due_days": "180"},
    )
    assert response.status_code == 200
    assert not Programme.objects.exists()


def test_deputies_have_no_programme_admin(client, deputy):
    client.force_login(deputy.user)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={ADMIN}"
