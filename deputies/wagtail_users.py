"""Wagtail's user admin, fitted to a user model with a mobile number and one full name."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
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


class UserViewSet(WagtailUserViewSet):
    template_prefix = "wagtail_users/"

    def get_form_class(self, for_update=False):
        return EditForm if for_update else CreationForm
