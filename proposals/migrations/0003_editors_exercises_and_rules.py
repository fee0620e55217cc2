"""Let Wagtail's Editors group keep the writing exercises and the checker's rules. Drafts,
revisions and reviews are deputies' personal data, not content: editors get no permission on
them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    f"{action}_{model}"
    for model in ["exercise", "checkrule"]
    for action in ["add", "change", "delete", "view"]
]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="proposals", codename__in=CODENAMES)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now. The
    # migration state's app config has no models module, which create_permissions checks for.
    config = apps.get_app_config("proposals")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0002_default_rules"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
