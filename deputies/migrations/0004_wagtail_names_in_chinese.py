"""Chinese names for what Wagtail's migrations made in English: the groups Editors and
Moderators (内容编辑, 审核员), the "Moderators approval" workflow and its task, the site's
first page, "Welcome to your new Wagtail site!", and the tree's root, "Root" (page titles are
content: the admin shows them as they are in either language).

A migration that looks the groups up by name must run first on a new database, or it would find
nothing and silently skip: hence the dependencies on every migration known to do so (Wagtail's
and this project's). The project's own later ones find the groups under either name
(deputies.editor_permissions.editors_group). The English interface shows the groups' English
names (deputies.wagtail_groups)."""

from django.db import migrations

GROUPS = {"Editors": "内容编辑", "Moderators": "审核员"}
APPROVAL = {"Moderators approval": "审核员审批"}
PAGES = {"Root": "根目录", "Welcome to your new Wagtail site!": "首页"}


def rename(apps, groups, approval, pages):
    Group = apps.get_model("auth", "Group")
    for old, new in groups.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    for model in ("Workflow", "Task"):
        for old, new in approval.items():
            apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    for old, new in pages.items():
        for page in Page.objects.filter(depth__lte=2, title=old):
            Page.objects.filter(pk=page.pk).update(title=new, draft_title=new)
            revisions = Revision.objects.filter(
                content_type_id=page.content_type_id, object_id=str(page.pk)
            )
            for revision in revisions:
                if revision.content.get("title") == old:
                    revision.content.update(title=new, draft_title=new)
                    revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    rename(apps, GROUPS, APPROVAL, PAGES)


def backwards(apps, schema_editor):
    def back(names):
        return {new: old for old, new in names.items()}

    rename(apps, back(GROUPS), back(APPROVAL), back(PAGES))


class Migration(migrations.Migration):
    dependencies = [
        ("deputies", "0003_place_codes"),
        # Wagtail's migrations that find the groups by their English names.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        # The project's, written before the groups were renamed.
        ("materials", "0002_editors_import_laws"),
        ("quizzes", "0002_editors_question_bank"),
        ("certificates", "0002_editors_certificate_templates"),
        ("proposals", "0003_editors_exercises_and_rules"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
