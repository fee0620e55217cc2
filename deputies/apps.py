from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class DeputiesConfig(AppConfig):
    name = "deputies"
    verbose_name = _("Deputies")
    default_auto_field = "django.db.models.BigAutoField"


class DeputiesUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms for our user model (mobile number and one full name)."""

    user_viewset = "deputies.wagtail_users.UserViewSet"
