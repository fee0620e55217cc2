"""Places and staff (地区与人员): administrators keep every county, county officers their own.

Counties, townships and liaison stations are made, changed and (when empty) deleted here, and
staff are appointed and removed. Everyone else gets 404; so does a place or role outside one's
counties. The rules and the writes are in `deputies.places`.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ..models import StaffRole
from ..places import services
from ..places.forms import AppointForm, CountyForm, EditorAppointForm, StationForm, TownshipForm
from ..places.selectors import (
    administrator_or_404,
    county_list,
    county_overview,
    county_to_keep,
    editor_roles,
    places_or_404,
    role_county,
    role_place,
    role_to_remove,
    station_to_keep,
    township_to_keep,
)
from ..selectors import scope_for


class PlacesMixin(LoginRequiredMixin):
    """Signed in, and an administrator or a county officer; `load` then finds the page's
    objects (404 outside one's counties) before GET or POST runs."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        places_or_404(request.user)
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):
        pass

    @property
    def is_administrator(self) -> bool:
        return scope_for(self.request.user).everything


def county_url(county) -> str:
    return reverse("places:county", args=[county.pk])


class IndexView(PlacesMixin, View):
    """Every county one keeps, with its numbers. A county officer of one county goes straight
    to it."""

    def get(self, request):
        counties = county_list(request.user)
        if not self.is_administrator and len(counties) == 1:
            return redirect(county_url(counties[0]))
        context = {"counties": counties, "is_administrator": self.is_administrator}
        if self.is_administrator:
            context["editors"] = editor_roles()
        return render(request, "deputies/places/index.html", context)


class CountyView(PlacesMixin, View):
    def load(self, pk):
        self.county = county_to_keep(self.request.user, pk)

    def get(self, request, pk):
        context = {
            "county": self.county,
            # A county officer of one county came here from the index, which sent them on.
            "show_index_link": self.is_administrator or len(scope_for(request.user).county_ids) > 1,
        }
        context.update(county_overview(self.county))
        return render(request, "deputies/places/county.html", context)


class FormPage(PlacesMixin, View):
    """GET shows the form, POST saves it through a service; bad input, or a service's
    ValidationError, shows the form again with the reason and changes nothing."""

    template_name = "deputies/places/place_form.html"
    title = ""
    submit_label = gettext_lazy("Save")

    def get_form(self, data=None):
        raise NotImplementedError

    def save(self, form) -> str:
        """Write, and return where to go next."""
        raise NotImplementedError

    def back_url(self) -> str:
        return reverse("places:index")

    def render_form(self, form, status=200):
        context = {
            "form": form,
            "title": self.title,
            "submit_label": self.submit_label,
            "back_url": self.back_url(),
            **self.extra_context(),
        }
        return render(self.request, self.template_name, context, status=status)

    def extra_context(self) -> dict:
        return {}

    def get(self, request, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                return self.saved(form)
            except ValidationError as exc:
                form.add_error(None, exc)
        return self.render_form(form, status=400)

    def saved(self, form):
        url = self.save(form)
        messages.success(self.request, _("Saved."))
        return redirect(url)


class CountyCreateView(FormPage):
    title = gettext_lazy("Add a county")

    def load(self):
        administrator_or_404(self.request.user)

    def get_form(self, data=None):
        return CountyForm(data)

    def save(self, form):
        county = services.create_county(by=self.request.user, **form.cleaned_data)
        return county_url(county)


class CountyEditView(FormPage):
    def load(self, pk):
        self.county = county_to_keep(self.request.user, pk)
        self.title = _("Edit %(place)s") % {"place": self.county.name}

    def back_url(self):
        return county_url(self.county)

    def get_form(self, data=None):
        return CountyForm(data, instance=self.county)

    def extra_context(self):
        context = {
            "note": _(
                "Changing the code changes the first six digits of its townships' codes with it."
            )
        }
        if self.is_administrator:
            context["delete_url"] = reverse("places:county_delete", args=[self.county.pk])
        return context

    def save(self, form):
        services.update_county(by=self.request.user, county=self.county, **form.cleaned_data)
        return county_url(self.county)


class TownshipCreateView(FormPage):
    def load(self, pk):
        self.county = county_to_keep(self.request.user, pk)
        self.title = _("Add a township to %(place)s") % {"place": self.county.name}

    def back_url(self):
        return county_url(self.county)

    def get_form(self, data=None):
        return TownshipForm(data, county=self.county)

    def save(self, form):
        services.create_township(by=self.request.user, county=self.county, **form.cleaned_data)
        return county_url(self.county)


class TownshipEditView(FormPage):
    def load(self, pk):
        self.township = township_to_keep(self.request.user, pk)
        self.title = _("Edit %(place)s") % {"place": self.township.name}

    def back_url(self):
        return county_url(self.township.county)

    def get_form(self, data=None):
        return TownshipForm(data, instance=self.township, county=self.township.county)

    def extra_context(self):
        return {"delete_url": reverse("places:township_delete", args=[self.township.pk])}

    def save(self, form):
        services.update_township(by=self.request.user, township=self.township, **form.cleaned_data)
        return county_url(self.township.county)


class StationCreateView(FormPage):
    def load(self, pk):
        self.county = county_to_keep(self.request.user, pk)
        self.title = _("Add a liaison station to %(place)s") % {"place": self.county.name}

    def back_url(self):
        return county_url(self.county)

    def get_form(self, data=None):
        initial = {"township": self.request.GET.get("township")}
        return StationForm(data, initial=initial, county=self.county)

    def save(self, form):
        services.create_station(by=self.request.user, **form.cleaned_data)
        return county_url(self.county)


class StationEditView(FormPage):
    def load(self, pk):
        self.station = station_to_keep(self.request.user, pk)
        self.county = self.station.township.county
        self.title = _("Edit %(place)s") % {"place": self.station.name}

    def back_url(self):
        return county_url(self.county)

    def get_form(self, data=None):
        return StationForm(data, instance=self.station, county=self.county)

    def extra_context(self):
        return {"delete_url": reverse("places:station_delete", args=[self.station.pk])}

    def save(self, form):
        services.update_station(by=self.request.user, station=self.station, **form.cleaned_data)
        return county_url(self.county)


class PlaceDeleteView(PlacesMixin, View):
    """GET asks to confirm, or says why the place cannot go; POST deletes it."""

    kind = ""  # "county", "township" or "station"

    def load(self, pk):
        user = self.request.user
        if self.kind == "county":
            administrator_or_404(user)
            self.place = county_to_keep(user, pk)
            self.back = reverse("places:index")
        elif self.kind == "township":
            self.place = township_to_keep(user, pk)
            self.back = county_url(self.place.county)
        else:
            self.place = station_to_keep(user, pk)
            self.back = county_url(self.place.township.county)

    def render_page(self, reason, status=200):
        context = {"place": self.place, "reason": reason, "back_url": self.back}
        return render(self.request, "deputies/places/place_delete.html", context, status=status)

    def get(self, request, pk):
        return self.render_page(services.why_not_deletable(self.place))

    def post(self, request, pk):
        try:
            services.delete_place(by=request.user, place=self.place)
        except ValidationError as exc:
            return self.render_page(" ".join(exc.messages), status=409)
        messages.success(request, _("%(place)s was deleted.") % {"place": self.place.name})
        return redirect(self.back)


class AppointView(FormPage):
    """Appoint station staff, township staff or a county officer in one county."""

    template_name = "deputies/places/appoint.html"
    submit_label = gettext_lazy("Appoint")

    def load(self, pk):
        self.county = county_to_keep(self.request.user, pk)
        self.title = _("Appoint staff in %(place)s") % {"place": self.county.name}

    def back_url(self):
        return county_url(self.county)

    def get_form(self, data=None):
        initial = {"kind": self.request.GET.get("kind", StaffRole.Kind.STATION)}
        return AppointForm(data, initial=initial, county=self.county)

    def appoint(self, form):
        return services.appoint(
            by=self.request.user,
            mobile=form.cleaned_data["mobile"],
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            places=form.places(),
        )

    def saved(self, form):
        appointment = self.appoint(form)
        # Rendered, not redirected to: a new account's password is shown this once and kept
        # nowhere.
        context = {"appointment": appointment, "back_url": self.back_url()}
        return render(self.request, "deputies/places/appointed.html", context)


class EditorAppointView(AppointView):
    """Appoint a content editor (administrators only)."""

    def load(self):
        administrator_or_404(self.request.user)
        self.title = _("Appoint a content editor")

    def back_url(self):
        return reverse("places:index")

    def get_form(self, data=None):
        return EditorAppointForm(data)

    def appoint(self, form):
        return services.appoint(
            by=self.request.user,
            mobile=form.cleaned_data["mobile"],
            name=form.cleaned_data["name"],
            kind=StaffRole.Kind.EDITOR,
            places=[],
        )


class RoleRemoveView(PlacesMixin, View):
    """GET asks to confirm; POST removes the role."""

    def load(self, pk):
        self.role = role_to_remove(self.request.user, pk)
        county = role_county(self.role)
        if county is None:
            administrator_or_404(self.request.user)
        self.back = county_url(county) if county else reverse("places:index")

    def render_page(self, error="", status=200):
        context = {
            "role": self.role,
            "place": role_place(self.role),
            "error": error,
            "back_url": self.back,
        }
        return render(self.request, "deputies/places/role_remove.html", context, status=status)

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        try:
            services.remove_role(by=request.user, role=self.role)
        except ValidationError as exc:
            return self.render_page(" ".join(exc.messages), status=400)
        messages.success(
            request,
            _("%(name)s is no longer %(role)s.")
            % {"name": self.role.user.name, "role": self.role.get_kind_display()},
        )
        return redirect(self.back)
