from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationConfig(AppConfig):
    name = "deliberation"
    verbose_name = _("Deliberation practice")

    def ready(self):
        # The speech's writing exercise follows its report exercise (speeches.signals).
        from .speeches import signals  # noqa: F401
