"""A migration operation that lets Wagtail's Editors group keep an app's content models, shared
by the apps whose content editors write (question bank, certificate templates, writing
exercises). Personal data (attempts, certificates, drafts) is never given to editors."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Editors"  # created by Wagtail's own migrations
ACTIONS = ("add", "change", "delete", "view")


def grant_editors(app_label: str, models: list[str]) -> migrations.RunPython:
    """RunPython that grants (and, reversed, revokes) add/change/delete/view on `models`."""
    codenames = [f"{action}_{model}" for model in models for action in ACTIONS]

    def permissions(apps):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    def editors(apps):
        return apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).first()

    def grant(apps, schema_editor):
        # Permissions are normally created after all migrations; make sure they exist now. The
        # migration state's app config has no models module, which create_permissions checks.
        config = apps.get_app_config(app_label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
        group = editors(apps)
        if group is not None:
            group.permissions.add(*permissions(apps))

    def revoke(apps, schema_editor):
        group = editors(apps)
        if group is not None:
            group.permissions.remove(*permissions(apps))

    return migrations.RunPython(grant, revoke)
