"""Printing a sheet of sign-in codes for a station's or a township's new deputies.

GET with no choice shows the form; GET with a valid choice shows who would get a code and what
printing does to earlier codes; POST makes the codes and answers with the PDF. Nothing of the
sheet is kept: the tokens exist only in the PDF sent back, never cached anywhere.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from ..forms import NoLabelColonMixin
from ..selectors import staff_or_404
from ..services import create_signin_links
from ..signin_sheets import (
    DEFAULT_DAYS,
    MAX_CARDS,
    MAX_DAYS,
    MIN_DAYS,
    Card,
    Include,
    expiry,
    places_for_form,
    preview,
    render_sheet,
    sheet_deputies,
    sheet_filename,
)

DAYS_MESSAGE = lazy(
    lambda: (
        gettext("Choose a number of days from %(min)d to %(max)d.")
        % {"min": MIN_DAYS, "max": MAX_DAYS}
    ),
    str,
)()


class SignInSheetForm(NoLabelColonMixin, forms.Form):
    place = forms.ChoiceField(
        label=_("Station or township"),
        error_messages={"invalid_choice": _("Choose one of your stations or townships.")},
    )
    include = forms.ChoiceField(
        label=_("Who gets a code"),
        choices=Include.choices,
        initial=Include.NEW,
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label=_("Days the codes work"),
        min_value=MIN_DAYS,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=_(
            "Counted from today; the codes work to the end of the last day. Choose enough days "
            "to reach the meeting where you hand them out."
        ),
        error_messages={
            "invalid": DAYS_MESSAGE,
            "min_value": DAYS_MESSAGE,
            "max_value": DAYS_MESSAGE,
            "required": DAYS_MESSAGE,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.places, choices = places_for_form(user)
        self.fields["place"].choices = choices

    def clean_place(self):
        key = self.cleaned_data["place"]
        return next(place for place in self.places if place.key == key)


@method_decorator(login_required, name="dispatch")
class SignInSheetView(View):
    """Station staff for their stations, township staff and county officers for their places;
    anyone else gets 404."""

    template_name = "deputies/signin_sheet.html"

    def dispatch(self, request, *args, **kwargs):
        staff_or_404(request.user, "Sign-in sheets are for staff")
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get(self, request):
        form = SignInSheetForm(request.GET or None, user=request.user)
        if not form.is_bound:
            return render(request, self.template_name, {"form": form})
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        return render(request, self.template_name, self.preview_context(form))

    def post(self, request):
        form = SignInSheetForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = form.cleaned_data
        place = data["place"]
        deputies = list(sheet_deputies(request.user, place, data["include"])[: MAX_CARDS + 1])
        if not deputies or len(deputies) > MAX_CARDS:
            # Nothing to print (the preview offered no button): show the preview again.
            return render(request, self.template_name, self.preview_context(form))
        expires_at = expiry(data["days"])
        issued = create_signin_links(
            deputies=deputies,
            created_by=request.user,
            expires_at=expires_at,
            sheet=place.name,
        )
        # Rendered after the codes are committed: a sheet of 65 takes seconds to lay out, and a
        # write transaction held that long would stall every other write to the database.
        cards = [
            Card(deputy, request.build_absolute_uri(reverse("signin_link", args=[token])))
            for deputy, token in issued
        ]
        pdf = render_sheet(place=place, cards=cards, expires_at=expires_at)
        response = HttpResponse(pdf, content_type="application/pdf")
        # A file to open and print, not a page: reloading a page shown by a POST would send it
        # again and make new codes, silently voiding the sheet just printed.
        response["Content-Disposition"] = f'attachment; filename="{sheet_filename(place)}"'
        return response

    def preview_context(self, form) -> dict:
        data = form.cleaned_data
        return {
            "form": form,
            "place": data["place"],
            "expires_at": expiry(data["days"]),
            "preview": preview(self.request.user, data["place"], data["include"]),
            "max_cards": MAX_CARDS,
        }
