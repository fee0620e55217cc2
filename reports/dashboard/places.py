"""The places a dashboard shows: a county (rows are townships), a township (rows are liaison
stations, and the deputies with none), a station (rows are deputies) or, for a superuser,
every county; which of them a user may open, and the trail of ancestors above each."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deputies.models import County, LiaisonStation, Township
from deputies.selectors import (
    counties_visible_to,
    scope_for,
    stations_visible_to,
    townships_visible_to,
)

LEVELS = ("all", "county", "township", "station", "unassigned")


@dataclass
class Place:
    level: str
    obj: object  # County, Township, LiaisonStation, or None for every county
    title: str
    # Which deputies the place holds, on Deputy; and the Deputy field its rows group by.
    deputies: Q
    key: str
    # Ancestors the user may open, as (title, url), outermost first.
    trail: list = field(default_factory=list)

    @property
    def row_label(self):
        return ROW_LABELS[self.level]

    @property
    def rows_heading(self):
        return ROW_HEADINGS[self.level]


ROW_LABELS = {
    "all": gettext_lazy("County"),
    "county": gettext_lazy("Township"),
    "township": gettext_lazy("Liaison station"),
    "station": gettext_lazy("Deputy"),
    "unassigned": gettext_lazy("Deputy"),
}

ROW_HEADINGS = {
    "all": gettext_lazy("Counties"),
    "county": gettext_lazy("Townships"),
    "township": gettext_lazy("Liaison stations"),
    "station": gettext_lazy("Deputies"),
    "unassigned": gettext_lazy("Deputies"),
}


def place_url(level: str, pk=None) -> str:
    if level == "all":
        return reverse("dashboard:all")
    return reverse(f"dashboard:{level}", args=[pk])


def get_place(user, level: str, pk=None) -> Place:
    """The place, if the user's scope covers it (else 404), with the trail of its ancestors
    the user may open too."""
    scope = scope_for(user)
    if not scope.is_staff or level not in LEVELS:
        raise Http404("Only staff have the dashboard")
    if level == "all":
        if not scope.everything:
            raise Http404("Only superusers see every county")
        # Deputy has no county: its figures come by township, a join to townships spared in
        # every aggregate, and are added up by county (`selectors._by_county`).
        return Place("all", None, _("All counties"), Q(), "township_id")
    if level == "county":
        county = get_object_or_404(counties_visible_to(user), pk=pk)
        place = Place(
            "county", county, county.name, Q(township__county_id=county.pk), "township_id"
        )
    elif level == "township":
        township = get_object_or_404(townships_visible_to(user).select_related("county"), pk=pk)
        place = Place("township", township, township.name, Q(township_id=township.pk), "station_id")
        county = township.county
    elif level == "unassigned":
        township = get_object_or_404(townships_visible_to(user).select_related("county"), pk=pk)
        place = Place(
            "unassigned",
            township,
            _("%(township)s: deputies with no liaison station") % {"township": township.name},
            Q(township_id=township.pk, station__isnull=True),
            "pk",
        )
        county = township.county
    else:
        station = get_object_or_404(
            stations_visible_to(user).select_related("township__county"), pk=pk
        )
        place = Place("station", station, station.name, Q(station_id=station.pk), "pk")
        township = station.township
        county = township.county
    # The ancestors: shown only where the user's scope reaches them.
    trail = []
    if scope.everything:
        trail.append((_("All counties"), place_url("all")))
    if level != "county" and (scope.everything or county.pk in scope.county_ids):
        trail.append((county.name, place_url("county", county.pk)))
    if level in ("station", "unassigned") and (
        scope.everything or county.pk in scope.county_ids or township.pk in scope.township_ids
    ):
        trail.append((township.name, place_url("township", township.pk)))
    place.trail = trail
    return place


def home_place(user) -> tuple[str, int | None] | None:
    """Where /dashboard/ takes the user: every county for a superuser, else their one widest
    place; None when they have several (the page lists them)."""
    scope = scope_for(user)
    if scope.everything:
        return ("all", None)
    places = [
        *(("county", pk) for pk in scope.county_ids),
        *(("township", pk) for pk in scope.township_ids),
        *(("station", pk) for pk in scope.station_ids),
    ]
    return places[0] if len(places) == 1 else None


def places_of(user) -> list[tuple[str, str]]:
    """The places of someone with several roles, as (name, dashboard URL): counties, then
    townships, then stations."""
    scope = scope_for(user)
    return [
        *(
            (c.name, place_url("county", c.pk))
            for c in County.objects.filter(pk__in=scope.county_ids).order_by("code")
        ),
        *(
            (t.name, place_url("township", t.pk))
            for t in Township.objects.filter(pk__in=scope.township_ids).order_by("name")
        ),
        *(
            (s.name, place_url("station", s.pk))
            for s in LiaisonStation.objects.filter(pk__in=scope.station_ids).order_by("name")
        ),
    ]
