from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import LawImportPreviewView, LawImportView
from .models import LawVersion
from .services import delete_version


class ImportOnlyPolicy(ModelPermissionPolicy):
    """Law text comes in only through the importer: nobody adds or edits a version by hand.
    Viewing and deleting (a wrongly imported version) follow the usual permissions."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(LawVersion, ImportOnlyPolicy(LawVersion))


class LawVersionDeleteView(DeleteView):
    """Deleting a version undoes its import (`services.delete_version`), and the confirmation
    says what that takes back."""

    template_name = "materials/admin/law_version_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["flagged"] = self.object.review_flags.count()
        return context

    def delete_action(self):
        self.back_in_use = delete_version(version=self.object, user=self.request.user)

    def get_success_message(self):
        message = super().get_success_message()
        if self.back_in_use:
            message += " " + ngettext(
                "%(count)d question it had sent to review is back in use.",
                "%(count)d questions it had sent to review are back in use.",
                self.back_in_use,
            ) % {"count": self.back_in_use}
        return message


class LawVersionViewSet(ModelViewSet):
    model = LawVersion
    icon = "doc-full-inverse"
    menu_label = _("Law versions")
    menu_order = 251
    add_to_admin_menu = True
    list_display = ["__str__", "title", "source_name", "imported_at"]
    list_filter = ["law"]
    inspect_view_enabled = True
    inspect_view_fields = ["law", "title", "effective_date", "source_name", "imported_at"]
    form_fields = ["title"]
    delete_view_class = LawVersionDeleteView

    def get_queryset(self, request):
        return LawVersion.objects.select_related("law")


@hooks.register("register_admin_viewset")
def register_law_version_viewset():
    return LawVersionViewSet("law_versions")


@hooks.register("register_admin_urls")
def register_law_import_url():
    return [
        path("laws/import/", LawImportView.as_view(), name="materials_law_import"),
        path(
            "laws/import/<uuid:token>/",
            LawImportPreviewView.as_view(),
            name="materials_law_import_preview",
        ),
    ]


class LawImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("materials.add_lawversion")


@hooks.register("register_admin_menu_item")
def register_law_import_menu_item():
    return LawImportMenuItem(
        _("Import a law"), reverse("materials_law_import"), icon_name="doc-full", order=250
    )
