"""Certificate templates in the content admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CertificateTemplate


class CertificateTemplateViewSet(ModelViewSet):
    model = CertificateTemplate
    menu_label = _("Certificate templates")
    icon = "doc-full"
    add_to_admin_menu = True
    menu_order = 280
    list_display = ["title", "issuing_body", "orientation", "is_default"]


@hooks.register("register_admin_viewset")
def register_certificate_templates():
    return CertificateTemplateViewSet("certificate_templates")
