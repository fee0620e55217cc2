from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class DeputiesConfig(AppConfig):
    name = "deputies"
    verbose_name = _("Deputies")
    default_auto_field = "django.db.models.BigAutoField"


class DeputiesUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms for our user model (mobile number and one full name),
    and its groups named in the reader's language (deputies.wagtail_groups)."""

    user_viewset = "deputies.wagtail_users.UserViewSet"
    group_viewset = "deputies.wagtail_groups.GroupViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth.models import Group

        from .wagtail_groups import group_label

        Group.__str__ = group_label
