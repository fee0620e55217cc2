"""Content editors publish the pages they write (lessons, courses, study notes), as they already
save questions, quizzes and law texts that go live at once. Wagtail's default Editors group may
only submit pages for moderation, and the platform has no moderator role: a lesson would wait
for the administrator."""

from django.db import migrations

EDITORS_GROUP = "Editors"


def publish_permission(apps):
    return apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    )


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).first()
    root = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    if group is None or root is None:
        return
    apps.get_model("wagtailcore", "GroupPagePermission").objects.get_or_create(
        group=group, page=root, permission=publish_permission(apps)
    )


def revoke(apps, schema_editor):
    apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(
        group__name=EDITORS_GROUP, page__depth=1, permission__codename="publish_page"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("deputies", "0001_initial"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
