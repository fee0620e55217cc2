from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from materials.signals import law_version_deleting, law_version_imported

        from .review import on_law_version_deleting, on_law_version_imported

        # A new version of a law sends the questions citing changed articles to review.
        law_version_imported.connect(
            on_law_version_imported, dispatch_uid="quizzes.flag_changed_articles"
        )
        # Deleting a version takes back the flags its import set.
        law_version_deleting.connect(
            on_law_version_deleting, dispatch_uid="quizzes.unflag_deleted_version"
        )
