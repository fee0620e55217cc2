"""What the project's own pages in the content admin share."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminFormView(WagtailAdminTemplateMixin, FormView):
    """A form page in the content admin (an import, an export) that one permission opens, with
    its breadcrumb and its submit button's labels. Subclasses set `permission_required`,
    `url_name` (where the form posts) and the labels."""

    permission_required: str
    url_name: str
    submit_button_label = gettext_lazy("Submit")
    submit_button_active_label = gettext_lazy("Submit")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_action_url(self) -> str:
        return reverse(self.url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.get_action_url()
        context["submit_button_label"] = self.submit_button_label
        context["submit_button_active_label"] = self.submit_button_active_label
        return context
