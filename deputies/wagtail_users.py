"""Wagtail's user admin, fitted to a user model with a mobile number and one full name."""

from django import forms
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import IndexView as WagtailIndexView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .validators import normalize_mobile, validate_mobile


class _NameFieldsMixin(forms.Form):
    first_name = None
    last_name = None
    # Longer than the 11 digits stored, so that "+86 138 1234 5678" reaches clean_mobile.
    mobile = forms.CharField(max_length=20, label=_("Mobile number"))
    email = forms.EmailField(required=False, label=_("Email"))
    name = forms.CharField(required=True, max_length=50, label=_("Name"))

    def clean_mobile(self):
        mobile = normalize_mobile(self.cleaned_data["mobile"])
        validate_mobile(mobile)
        return mobile


class CreationForm(_NameFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = {"mobile", "name", "email", "is_superuser", "groups"}


class EditForm(_NameFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = {"mobile", "name", "email", "is_active", "is_superuser", "groups"}


class IndexView(WagtailIndexView):
    """Wagtail searches and sorts users by username, first and last name, which this model does
    not have: without this, a search by name or number finds nobody."""

    search_fields = ["name", "mobile", "email"]

    @cached_property
    def columns(self):
        columns = super().columns
        for column in columns:
            if column.name == "name":
                column.sort_key = "name"
            elif column.name == "mobile":
                column.label = _("Mobile number")
        return columns

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        # "138 1234 5678" and "+86 13812345678" find the number as stored.
        number = normalize_mobile(query) or query
        return queryset.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(mobile__contains=number)
        )

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            return queryset.order_by(self.ordering, "mobile")
        return super().order_queryset(queryset)


class UserViewSet(WagtailUserViewSet):
    template_prefix = "wagtail_users/"
    index_view_class = IndexView

    def get_form_class(self, for_update=False):
        return EditForm if for_update else CreationForm
