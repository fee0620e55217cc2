"""Choosing whom to tell, and what: the audience of a staff member's notice (and of a course
assignment, which builds on the same choice), always within the places the staff member
covers (deputies.selectors)."""

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from deputies.models import Deputy
from deputies.selectors import deputies_in_care_of, stations_visible_to, townships_visible_to

# What a notice may say: a title a phone shows on one or two lines, and a few sentences. A
# longer text belongs in a lesson or a document, linked from the notice's words.
NOTICE_TITLE_MAX = 50
NOTICE_BODY_MAX = 500


class AudienceForm(forms.Form):
    """Whole townships, whole liaison stations and/or chosen deputies, each offered only
    within the user's scope: a choice outside it is not a choice, and the form says so.
    Only deputies in office are offered and chosen."""

    townships = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Whole townships"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    stations = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Whole liaison stations"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    deputies = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Chosen deputies"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    # The fields that choose someone; a subclass may add its own (a course's audience).
    choosing = ("townships", "stations", "deputies")

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.visible = deputies_in_care_of(user).filter(is_active=True)
        self.fields["townships"].queryset = townships_visible_to(user).order_by("name")
        self.fields["stations"].queryset = (
            stations_visible_to(user).select_related("township").order_by("name")
        )
        self.fields["deputies"].queryset = self.visible.with_people().order_by(
            "township__name", "user__name"
        )
        self.fields["deputies"].label_from_instance = lambda d: (
            f"{d.user.name}（{d.station.name if d.station else d.township.name}）"
        )
        self.fields["stations"].label_from_instance = lambda s: f"{s.name}（{s.township.name}）"
        # Station staff have no township to offer: show only the choices that exist.
        for name in ("townships", "stations"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in self.choosing):
            raise ValidationError(self.nobody_message())
        return data

    def nobody_message(self):
        return _("Choose at least one township, station or deputy.")

    def wanted(self) -> Q:
        """Which deputies the choice names (before the scope: see `chosen`)."""
        data = self.cleaned_data
        return (
            Q(township__in=data.get("townships", []))
            | Q(station__in=data.get("stations", []))
            | Q(pk__in=[deputy.pk for deputy in data.get("deputies", [])])
        )

    def chosen(self) -> QuerySet[Deputy]:
        """The deputies in office chosen, within the user's scope (call after is_valid)."""
        return self.visible.filter(self.wanted())


class NoticeForm(AudienceForm):
    """A short notice to deputies: a title, a few sentences, and whom to send it to."""

    title = forms.CharField(label=_("Title"), max_length=NOTICE_TITLE_MAX)
    body = forms.CharField(
        label=_("Text"), max_length=NOTICE_BODY_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    field_order = ["title", "body", "townships", "stations", "deputies"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # In the reader's language: a lazy text formatted at import would be fixed in one.
        self.fields["body"].help_text = _("At most %(count)d characters.") % {
            "count": NOTICE_BODY_MAX
        }

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_body(self):
        return self.cleaned_data["body"].strip()


def sending_token(data) -> str:
    """The token a notice form carries from when it is first shown to when it is sent: the
    notice is sent with it as its key, so a second submission of the same form (a double tap,
    the back button) sends nothing more. A form without a well-made one gets a new one."""
    token = (data or {}).get("token", "")
    return token if re.fullmatch(r"[0-9a-f]{32}", token) else secrets.token_hex(16)
