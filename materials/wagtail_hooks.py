from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import LawImportView


@hooks.register("register_admin_urls")
def register_law_import_url():
    return [path("laws/import/", LawImportView.as_view(), name="materials_law_import")]


class LawImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("materials.add_lawversion")


@hooks.register("register_admin_menu_item")
def register_law_import_menu_item():
    return LawImportMenuItem(
        _("Import a law"), reverse("materials_law_import"), icon_name="doc-full", order=250
    )
