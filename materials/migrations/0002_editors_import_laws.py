"""Let Wagtail's Editors group import law texts and remove a wrongly imported version."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_lawversion", "delete_lawversion", "view_lawversion"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now. The
    # migration state's app config has no models module, which create_permissions checks for.
    config = apps.get_app_config("materials")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="materials", codename__in=CODENAMES)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="materials", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("materials", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
