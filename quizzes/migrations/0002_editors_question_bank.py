"""Let Wagtail's Editors group keep the question bank: questions of every type, categories and
quizzes. (Admin access itself comes with the group.)"""

from django.db import migrations

from deputies.editor_permissions import grant_editors

MODELS = [
    "question",
    "singlechoicequestion",
    "multiplechoicequestion",
    "truefalsequestion",
    "fillblankquestion",
    "shortanswerquestion",
    "category",
    "quiz",
]


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [grant_editors("quizzes", MODELS)]
