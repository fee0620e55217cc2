"""Reads of the reception register, scoped through `deputies.selectors`: staff see the matters
of the stations in their scope; a deputy sees the matters they received or recorded. Outside
one's scope a matter does not exist (404)."""

from collections import defaultdict

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from deputies.models import LiaisonStation, StaffRole
from deputies.selectors import deputy_of, scope_for, stations_visible_to

from ..models import Matter, ReceptionDay, Step
from . import permissions

# The register's filters: what the list shows.
SHOW_OPEN, SHOW_OVERDUE, SHOW_FINISHED, SHOW_ALL = "open", "overdue", "closed", "all"


def matters_visible_to(user) -> QuerySet[Matter]:
    if not user.is_authenticated:
        return Matter.objects.none()
    where = Q(recorded_by=user)
    deputy = deputy_of(user)
    if deputy is not None:
        where |= Q(deputy=deputy)
    if scope_for(user).is_staff:
        where |= Q(station__in=stations_visible_to(user))
    return Matter.objects.filter(where)


def register(user, *, show: str = SHOW_OPEN, category: str = "", station=None, today=None):
    """The register as the user may read it, newest first, each matter with `overdue_days`.
    Two queries whatever the number of matters."""
    today = today or timezone.localdate()
    matters = matters_visible_to(user).select_related("station")
    if show == SHOW_OPEN:
        matters = matters.open()
    elif show == SHOW_OVERDUE:
        matters = matters.overdue(today)
    elif show == SHOW_FINISHED:
        matters = matters.finished()
    if category:
        matters = matters.filter(category=category)
    if station is not None:
        matters = matters.filter(station=station)
    rows = list(matters.order_by("-received_on", "-number")[:500])
    for matter in rows:
        matter.overdue_days = matter.days_overdue(today)
    return rows


def matter_for(user, pk) -> Matter:
    """One matter with its steps, or 404 outside the user's scope."""
    return get_object_or_404(
        matters_visible_to(user)
        .select_related(
            "station__township__county", "deputy__user", "recorded_by", "reception_day", "draft"
        )
        .prefetch_related(Prefetch("steps", queryset=Step.objects.order_by("at", "pk"))),
        pk=pk,
    )


def recording_stations(user) -> QuerySet[LiaisonStation]:
    """The stations the user may record a matter for: a deputy's own station, and the
    stations staff cover."""
    stations = (
        stations_visible_to(user) if scope_for(user).is_staff else LiaisonStation.objects.none()
    )
    deputy = deputy_of(user)
    if deputy is not None and deputy.is_active and deputy.station_id:
        stations = stations | LiaisonStation.objects.filter(pk=deputy.station_id)
    return stations.distinct().order_by("name")


def register_stations(user) -> list[LiaisonStation]:
    """The stations a staff member's register may be narrowed to."""
    if not scope_for(user).is_staff:
        return []
    return list(stations_visible_to(user).order_by("name"))


def clerks_by_station(station_ids) -> dict[int, list]:
    """The users who answer for each station's register: its own staff, or where a station has
    none, its township's. One query."""
    stations = LiaisonStation.objects.filter(pk__in=station_ids)
    roles = StaffRole.objects.filter(
        Q(station_id__in=station_ids) | Q(township__stations__in=stations)
    ).select_related("user", "township")
    roles = list(roles.filter(user__is_active=True).distinct())
    own, by_township = defaultdict(list), defaultdict(list)
    for role in roles:
        if role.station_id:
            own[role.station_id].append(role.user)
        else:
            by_township[role.township_id].append(role.user)
    result = {}
    for station in stations:
        result[station.pk] = own.get(station.pk) or by_township.get(station.township_id, [])
    return result


def reception_days(user) -> list[ReceptionDay]:
    """Reception days of the stations staff cover, or the days a deputy is on duty. Two
    queries."""
    if scope_for(user).is_staff:
        days = ReceptionDay.objects.filter(station__in=stations_visible_to(user))
    else:
        deputy = deputy_of(user)
        if deputy is None:
            return []
        days = ReceptionDay.objects.filter(on_duty=deputy)
    return list(
        days.select_related("station")
        .prefetch_related("on_duty__user")
        .order_by("-day", "pk")[:100]
    )


def sees_mobile(user, matter) -> bool:
    return bool(matter.voter_mobile) and permissions.sees_mobile(user, matter)
