"""Let Wagtail's Editors group keep the writing exercises and the checker's rules. Drafts,
revisions and reviews are deputies' personal data, not content: editors get no permission on
them."""

from django.db import migrations

from deputies.editor_permissions import grant_editors

MODELS = ["exercise", "checkrule"]


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0002_default_rules"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [grant_editors("proposals", MODELS)]
