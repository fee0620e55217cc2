from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudySessionsConfig(AppConfig):
    name = "studysessions"
    verbose_name = _("Group study")
