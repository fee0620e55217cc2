"""The content editors' group, and a migration operation that lets it keep an app's content
models, shared by the apps whose content editors write (question bank, certificate templates,
writing exercises). Personal data (attempts, certificates, drafts) is never given to editors."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.translation import gettext_lazy as _

# Wagtail's migrations create the groups "Editors" and "Moderators"; deputies 0004 gives them
# Chinese names. A migration that looks a group up must find it under either name: on a new
# database it may run before deputies 0004, on an existing one after.
EDITORS_GROUP = "内容编辑"
MODERATORS_GROUP = "审核员"
WAGTAIL_GROUP_NAMES = {EDITORS_GROUP: "Editors", MODERATORS_GROUP: "Moderators"}

# How the English interface names them (the Chinese catalogue gives back the stored names).
GROUP_LABELS = {EDITORS_GROUP: _("Editors"), MODERATORS_GROUP: _("Moderators")}

ACTIONS = ("add", "change", "delete", "view")


def editors_group(apps):
    """The editors' group in a migration's state, under its name or Wagtail's, or None."""
    Group = apps.get_model("auth", "Group")
    names = [EDITORS_GROUP, WAGTAIL_GROUP_NAMES[EDITORS_GROUP]]
    return Group.objects.filter(name__in=names).order_by("-name").first()


def grant_editors(app_label: str, models: list[str]) -> migrations.RunPython:
    """RunPython that grants (and, reversed, revokes) add/change/delete/view on `models`."""
    codenames = [f"{action}_{model}" for model in models for action in ACTIONS]

    def permissions(apps):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    def grant(apps, schema_editor):
        # Permissions are normally created after all migrations; make sure they exist now. The
        # migration state's app config has no models module, which create_permissions checks.
        config = apps.get_app_config(app_label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
        group = editors_group(apps)
        if group is not None:
            group.permissions.add(*permissions(apps))

    def revoke(apps, schema_editor):
        group = editors_group(apps)
        if group is not None:
            group.permissions.remove(*permissions(apps))

    return migrations.RunPython(grant, revoke)
