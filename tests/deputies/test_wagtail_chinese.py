"""Wagtail's admin in Chinese: the words its own catalogue lacks or gets wrong, the groups,
workflow and first pages Wagtail's migrations named in English (deputies migration 0004), and
that renaming the Editors group loses none of the permissions migrations give it."""

import importlib
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Workflow

from deputies.editor_permissions import EDITORS_GROUP, MODERATORS_GROUP, grant_editors
from deputies.factories import UserFactory


@pytest.fixture
def chinese(client, editor):
    client.cookies["django_language"] = "zh-hans"
    client.force_login(editor)
    return client


@pytest.fixture
def lesson(db):
    """A page under the site's first page, as editors make them."""
    from courses.models import CourseIndexPage

    home = Page.objects.get(depth=2)
    return home.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))


def sidebar_labels(html: str) -> list[str]:
    """The labels of the sidebar's menu, which Wagtail sends as JSON for its script to draw."""
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    text = json.dumps(json.loads(props), ensure_ascii=False)
    return re.findall(r'"label": "([^"]*)"', text)


def test_the_sidebar_says_pages_not_pagination(chinese):
    response = chinese.get("/admin/")

    labels = sidebar_labels(response.text)
    assert "页面" in labels
    assert "分页" not in labels


def test_the_first_pages_and_the_workflow_have_chinese_names(chinese, lesson):
    explorer = chinese.get(reverse("wagtailadmin_explore", args=[lesson.get_parent().pk])).text
    editing = chinese.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).text

    assert "首页" in explorer and "根目录" in explorer
    assert "Welcome to your new Wagtail site" not in explorer + editing
    assert "提交给审核员审批" in editing
    assert "Moderators" not in editing


def test_the_editor_speaks_chinese(chinese, lesson):
    editing = chinese.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).text
    adding = chinese.get("/admin/question_categories/new/").text

    assert "自动保存已暂停" in editing and "Autosave is paused" not in editing
    assert "阅读时长" in editing and "Reading time" not in editing
    assert "新建题目分类" in adding and "New:" not in adding


def test_a_slug_in_use_is_explained_in_chinese(chinese, lesson):
    home = lesson.get_parent()
    other = home.add_child(instance=type(lesson.specific)(title="另一页", slug="another"))

    response = chinese.post(
        reverse("wagtailadmin_pages:copy", args=[other.pk]),
        {"new_title": "复制", "new_slug": "courses", "new_parent_page": home.pk},
    )

    assert response.status_code == 200
    assert "网址名已被上级页面“首页”下的其他页面使用" in response.text
    assert "This slug is already in use" not in response.text


def test_the_groups_are_named_in_the_readers_language(client, superuser):
    client.force_login(superuser)
    editor = UserFactory()

    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(reverse("wagtailusers_groups:index")).text
    chinese_form = client.get(reverse("wagtailusers_users:edit", args=[editor.pk])).text
    client.cookies["django_language"] = "en"
    english = client.get(reverse("wagtailusers_groups:index")).text
    english_form = client.get(reverse("wagtailusers_users:edit", args=[editor.pk])).text

    for page in (chinese, chinese_form):
        assert "内容编辑" in page and "审核员" in page
        assert ">Editors<" not in page and "Moderators" not in page
    for page in (english, english_form):
        assert "Editors" in page and "Moderators" in page
        assert "内容编辑" not in page


# The rename and the permissions -------------------------------------------------------------


def test_the_groups_and_the_workflow_are_stored_with_chinese_names(db):
    names = set(Group.objects.values_list("name", flat=True))

    assert {EDITORS_GROUP, MODERATORS_GROUP} <= names
    assert not {"Editors", "Moderators"} & names
    assert Workflow.objects.filter(name="审核员审批").exists()


GRANTING_MIGRATIONS = [
    ("certificates", "0002_editors_certificate_templates"),
    ("quizzes", "0002_editors_question_bank"),
    ("proposals", "0003_editors_exercises_and_rules"),
]


def test_the_editors_group_has_every_permission_migrations_gave_it(db):
    """On the new database the tests run on, migrations ran in their own order: whatever
    granted permissions to Editors before the rename must show on the renamed group."""
    editors = Group.objects.get(name=EDITORS_GROUP)
    held = set(editors.permissions.values_list("content_type__app_label", "codename"))

    for app, name in GRANTING_MIGRATIONS:
        models = importlib.import_module(f"{app}.migrations.{name}").MODELS
        for model in models:
            for action in ("add", "change", "delete", "view"):
                assert (app, f"{action}_{model}") in held, (app, action, model)
    materials = importlib.import_module("materials.migrations.0002_editors_import_laws")
    assert {("materials", codename) for codename in materials.CODENAMES} <= held
    assert ("wagtailadmin", "access_admin") in held
    assert GroupPagePermission.objects.filter(
        group=editors, page__depth=1, permission__codename="publish_page"
    ).exists()


@pytest.mark.parametrize("stored_name", [EDITORS_GROUP, "Editors"])
def test_a_migration_grants_to_the_editors_under_either_name(db, stored_name):
    """A later migration may run before the rename (a new database) or after it (an existing
    one): it must find the group either way, never skip in silence."""
    editors = Group.objects.get(name=EDITORS_GROUP)
    editors.name = stored_name
    editors.save()
    editors.permissions.remove(*Permission.objects.filter(content_type__app_label="certificates"))
    state = MigrationExecutor(connection).loader.project_state()

    grant_editors("certificates", ["certificatetemplate"]).code(state.apps, None)

    codenames = set(
        editors.permissions.filter(content_type__app_label="certificates").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {f"{a}_certificatetemplate" for a in ("add", "change", "delete", "view")}
