"""A deputy given a programme outside any recorded term has it once; the content editors keep
the training programmes (their courses, hours, final test and certificate)."""

from django.conf import settings
from django.db import migrations, models

from deputies.editor_permissions import grant_editors


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0009_programmes"),
        ("deputies", "0005_terms_and_seats"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="programmeassignment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("term__isnull", True)),
                fields=("programme", "deputy"),
                name="programme_once_without_term",
            ),
        ),
        grant_editors("courses", ["programme"]),
    ]
