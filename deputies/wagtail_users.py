"""Wagtail's user admin, fitted to a user model with a mobile number and one full name."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .validators import normalize_mobile


class _NameFieldsMixin(forms.Form):
    first_name = None
    last_name = None
    email = forms.EmailField(required=False, label=_("Email"))
    name = forms.CharField(required=True, max_length=50, label=_("Name"))

    def clean_mobile(self):
        return normalize_mobile(self.cleaned_data["mobile"])


class CreationForm(_NameFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = {"mobile", "name", "email", "is_superuser", "groups"}


class EditForm(_NameFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = {"mobile", "name", "email", "is_active", "is_superuser", "groups"}


class UserViewSet(WagtailUserViewSet):
    template_prefix = "wagtail_users/"

    def get_form_class(self, for_update=False):
        return EditForm if for_update else CreationForm
