"""Let Wagtail's Editors group keep the certificate templates."""

from django.db import migrations

from deputies.editor_permissions import grant_editors

MODELS = ["certificatetemplate"]


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [grant_editors("certificates", MODELS)]
