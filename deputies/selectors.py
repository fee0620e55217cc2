"""Reads of personal data, scoped to who is asking. Every app asks these, never the models."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import County, Deputy, LiaisonStation, StaffRole, Township


@dataclass(frozen=True)
class Scope:
    """The places a user's roles cover. Computed once per request and kept on the user."""

    everything: bool = False
    county_ids: frozenset[int] = frozenset()
    township_ids: frozenset[int] = frozenset()
    station_ids: frozenset[int] = frozenset()
    is_editor: bool = False

    @property
    def is_staff(self) -> bool:
        """Covers at least one place, so sees deputies other than oneself."""
        return self.everything or bool(self.county_ids or self.township_ids or self.station_ids)

    @property
    def manages_roster(self) -> bool:
        """County and township staff keep the roster; station staff only read it."""
        return self.everything or bool(self.county_ids or self.township_ids)

    def deputy_filter(self) -> Q:
        return (
            Q(township__county_id__in=self.county_ids)
            | Q(township_id__in=self.township_ids)
            | Q(station_id__in=self.station_ids)
        )


def scope_for(user) -> Scope:
    """The user's scope, read with one query and cached on the user object."""
    if not user.is_authenticated or not user.is_active:
        return Scope()
    cached = getattr(user, "_deputies_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(everything=True, is_editor=True)
    else:
        roles = list(user.staff_roles.values_list("kind", "county_id", "township_id", "station_id"))
        scope = Scope(
            county_ids=frozenset(c for kind, c, _, _ in roles if kind == StaffRole.Kind.COUNTY),
            township_ids=frozenset(t for kind, _, t, _ in roles if kind == StaffRole.Kind.TOWNSHIP),
            station_ids=frozenset(s for kind, _, _, s in roles if kind == StaffRole.Kind.STATION),
            is_editor=any(kind == StaffRole.Kind.EDITOR for kind, *_ in roles),
        )
    user._deputies_scope = scope
    return scope


def deputies_visible_to(user) -> QuerySet[Deputy]:
    """Which deputies this user may see: those in the places their roles cover, and themselves."""
    scope = scope_for(user)
    deputies = Deputy.objects.all()
    if scope.everything:
        return deputies
    if not user.is_authenticated:
        return deputies.none()
    return deputies.filter(scope.deputy_filter() | Q(user_id=user.pk))


def deputies_in_care_of(user) -> QuerySet[Deputy]:
    """The deputies a staff member looks after: those they may see, themselves excepted (a
    clerk who is also a deputy does not manage their own record)."""
    return deputies_visible_to(user).exclude(user_id=user.pk)


def deputies_to_pick(user, stations) -> QuerySet[Deputy]:
    """The deputies in office a staff member may pick for something at `stations` (group
    study, a reception day's duty, an inspection): in their care, by station and name, each
    with its user and station read at once."""
    return (
        deputies_in_care_of(user)
        .active()
        .filter(station__in=stations)
        .select_related("user", "station")
        .order_by("station__name", "user__name")
    )


def deputy_of(user) -> Deputy | None:
    """The signed-in user's deputy record, or None for staff-only accounts and visitors."""
    if not user.is_authenticated:
        return None
    return getattr(user, "deputy", None)


def with_places(deputy: Deputy) -> Deputy:
    """The deputy with their township and station read in one query, not one each (a page
    heading naming both)."""
    places = Deputy.objects.select_related("township", "station").get(pk=deputy.pk)
    deputy.township, deputy.station = places.township, places.station
    return deputy


def deputy_or_404(user, why: str) -> Deputy:
    """The user's deputy record, for pages only deputies have; anyone else gets a 404 (`why`
    says which pages, for the log)."""
    deputy = deputy_of(user)
    if deputy is None:
        raise Http404(why)
    return deputy


def staff_or_404(user, why: str) -> None:
    """For pages only staff have (station, township, county): anyone else gets a 404 (`why`
    says which pages, for the log)."""
    if not scope_for(user).is_staff:
        raise Http404(why)


def get_visible_deputy(user, pk) -> Deputy:
    """One deputy, or 404 when they are outside the user's scope (never 403: it would confirm
    that the record exists)."""
    return get_object_or_404(deputies_visible_to(user).with_people(), pk=pk)


def may_reset_sign_in(user, account) -> bool:
    """Whether `user` may give `account` a new password or a sign-in link.

    Staff do this for the deputies they see. An account that can do more than a deputy (a staff
    role or admin access) is left to superusers: otherwise a station clerk could take over a
    county officer, or an administrator, who is also one of the station's deputies.
    """
    if user.is_superuser:
        return True
    return not (account.is_staff or account.is_superuser or account.staff_roles.exists())


def counties_visible_to(user) -> QuerySet[County]:
    scope = scope_for(user)
    if scope.everything:
        return County.objects.all()
    return County.objects.filter(pk__in=scope.county_ids)


def townships_visible_to(user) -> QuerySet[Township]:
    """Whole townships in the user's scope: those of their counties and their own. Station
    staff have none (they see stations), so these are also the townships whose roster the
    user may change by import."""
    scope = scope_for(user)
    if scope.everything:
        return Township.objects.all()
    return Township.objects.filter(Q(county_id__in=scope.county_ids) | Q(pk__in=scope.township_ids))


def stations_visible_to(user) -> QuerySet[LiaisonStation]:
    scope = scope_for(user)
    if scope.everything:
        return LiaisonStation.objects.all()
    return LiaisonStation.objects.filter(
        Q(township__county_id__in=scope.county_ids)
        | Q(township_id__in=scope.township_ids)
        | Q(pk__in=scope.station_ids)
    )


def roster_counties_for(user) -> QuerySet[County]:
    """Counties in which the user may import a roster."""
    return (
        County.objects.filter(townships__in=townships_visible_to(user)).distinct().order_by("code")
    )


def home_overview(user) -> dict:
    """A staff member's places with counts of deputies in office: their counties with each
    township, their townships with each station, and their stations.

    Three queries whatever the number of places: each level is one aggregate.
    """
    scope = scope_for(user)
    if not scope.is_staff:
        return {"counties": [], "townships": [], "stations": []}
    in_office = Q(deputies__is_active=True)
    counties = list(
        counties_visible_to(user)
        .annotate(
            deputy_count=Count("townships__deputies", filter=Q(townships__deputies__is_active=True))
        )
        .order_by("code")
    )
    townships = list(
        townships_visible_to(user)
        .select_related("county")
        .annotate(deputy_count=Count("deputies", filter=in_office))
        .order_by("name")
    )
    stations = list(
        stations_visible_to(user)
        .filter(Q(township_id__in=scope.township_ids) | Q(pk__in=scope.station_ids))
        .select_related("township")
        .annotate(deputy_count=Count("deputies", filter=in_office))
        .order_by("name")
    )
    for county in counties:
        county.township_rows = [t for t in townships if t.county_id == county.pk]
    own_townships = [t for t in townships if t.pk in scope.township_ids]
    for township in own_townships:
        township.station_rows = [s for s in stations if s.township_id == township.pk]
    own_stations = [
        s for s in stations if s.pk in scope.station_ids and s.township_id not in scope.township_ids
    ]
    return {"counties": counties, "townships": own_townships, "stations": own_stations}
