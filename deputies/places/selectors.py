"""Who may keep which places and appoint whom, and what the places pages show.

Administrators (superusers) keep every county; a county officer keeps their own counties. Anyone
else gets 404 from these pages, and a place or role outside one's counties is a 404 too.
"""

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import County, Deputy, LiaisonStation, StaffRole, Township, User
from ..selectors import counties_visible_to, scope_for


def manages_places(user) -> bool:
    """Administrators and county officers."""
    scope = scope_for(user)
    return scope.everything or bool(scope.county_ids)


def places_or_404(user) -> None:
    if not manages_places(user):
        raise Http404("places and staff: administrators and county officers only")


def administrator_or_404(user) -> None:
    """Creating counties and appointing content editors is for administrators alone."""
    if not scope_for(user).everything:
        raise Http404("administrators only")


def managed_counties(user) -> QuerySet[County]:
    return counties_visible_to(user) if manages_places(user) else County.objects.none()


def _in_managed_counties(user, prefix: str) -> Q:
    """The filter that keeps what lies in the user's counties, `prefix` leading to the county."""
    scope = scope_for(user)
    if scope.everything:
        return Q()
    return Q(**{f"{prefix}__in": scope.county_ids})


def county_to_keep(user, pk) -> County:
    return get_object_or_404(managed_counties(user), pk=pk)


def township_to_keep(user, pk) -> Township:
    places_or_404(user)
    townships = Township.objects.select_related("county").filter(
        _in_managed_counties(user, "county_id")
    )
    return get_object_or_404(townships, pk=pk)


def station_to_keep(user, pk) -> LiaisonStation:
    places_or_404(user)
    stations = LiaisonStation.objects.select_related("township__county").filter(
        _in_managed_counties(user, "township__county_id")
    )
    return get_object_or_404(stations, pk=pk)


def role_to_remove(user, pk) -> StaffRole:
    """A role the user may remove: any, for administrators; for a county officer, a station,
    township or county role in their counties (never an editor's, never elsewhere)."""
    places_or_404(user)
    roles = StaffRole.objects.select_related(
        "user", "county", "township__county", "station__township__county"
    )
    scope = scope_for(user)
    if not scope.everything:
        roles = roles.filter(
            Q(county_id__in=scope.county_ids)
            | Q(township__county_id__in=scope.county_ids)
            | Q(station__township__county_id__in=scope.county_ids)
        )
    return get_object_or_404(roles, pk=pk)


def role_county(role: StaffRole) -> County | None:
    """The county a role lies in; none for a content editor's."""
    if role.station_id:
        return role.station.township.county
    if role.township_id:
        return role.township.county
    return role.county


def role_place(role: StaffRole):
    return role.station or role.township or role.county


def county_list(user) -> list[County]:
    """The user's counties, each with its numbers of townships, stations, deputies in office and
    staff (people holding a station, township or county role in it).

    Five queries whatever the number of counties: the counties, then one aggregate a number.
    """
    counties = list(managed_counties(user).order_by("code"))
    ids = [county.pk for county in counties]

    def counted(queryset, county_field, count=None):
        rows = (
            queryset.order_by()
            .values(county_field)
            .annotate(n=count or Count("pk"))
            .values_list(county_field, "n")
        )
        return dict(rows)

    townships = counted(Township.objects.filter(county_id__in=ids), "county_id")
    stations = counted(
        LiaisonStation.objects.filter(township__county_id__in=ids), "township__county_id"
    )
    deputies = counted(
        Deputy.objects.active().filter(township__county_id__in=ids), "township__county_id"
    )
    staff = counted(
        StaffRole.objects.annotate(
            place_county=Coalesce(
                "county_id", "township__county_id", "station__township__county_id"
            )
        ).filter(place_county__in=ids),
        "place_county",
        Count("user", distinct=True),
    )
    for county in counties:
        county.township_count = townships.get(county.pk, 0)
        county.station_count = stations.get(county.pk, 0)
        county.deputy_count = deputies.get(county.pk, 0)
        county.staff_count = staff.get(county.pk, 0)
    return counties


def county_overview(county: County) -> dict:
    """A county's townships, each with its stations, and the staff of all of them, with the
    number of deputies in office and of staff at each place.

    Three queries whatever the size of the county.
    """
    in_office = Q(deputies__is_active=True)
    townships = list(
        county.townships.annotate(deputy_count=Count("deputies", filter=in_office)).order_by("name")
    )
    stations = list(
        LiaisonStation.objects.filter(township__county=county)
        .annotate(deputy_count=Count("deputies", filter=in_office))
        .order_by("name")
    )
    roles = list(
        StaffRole.objects.filter(
            Q(county=county) | Q(township__county=county) | Q(station__township__county=county)
        )
        .select_related("user", "county", "township", "station__township")
        .order_by("user__name", "kind", "pk")
    )
    staff_at: dict[tuple[str, int], int] = {}
    for role in roles:
        place = role_place(role)
        staff_at[(role.kind, place.pk)] = staff_at.get((role.kind, place.pk), 0) + 1
    for station in stations:
        station.staff_count = staff_at.get((StaffRole.Kind.STATION, station.pk), 0)
    for township in townships:
        township.station_rows = [s for s in stations if s.township_id == township.pk]
        township.staff_count = staff_at.get((StaffRole.Kind.TOWNSHIP, township.pk), 0)
    return {
        "townships": townships,
        "officers": [r for r in roles if r.kind == StaffRole.Kind.COUNTY],
        "roles": roles,
        "deputy_count": sum(t.deputy_count for t in townships),
        "station_count": len(stations),
        "staff_count": len({role.user_id for role in roles}),
    }


def editor_roles() -> list[StaffRole]:
    return list(
        StaffRole.objects.filter(kind=StaffRole.Kind.EDITOR)
        .select_related("user")
        .order_by("user__name")
    )


def may_appoint_account(actor, account: User, county: County | None) -> bool:
    """Whether `actor` may give an existing account a role in `county`.

    Administrators may appoint anyone. A county officer may appoint only people of their
    county: its deputies and those already holding a role in it; never an administrator, a
    content editor, anyone with admin access or a closed account. A refusal must read the
    same whatever its reason, so that it never tells that the number exists elsewhere.
    """
    if scope_for(actor).everything:
        return True
    if county is None or county.pk not in scope_for(actor).county_ids:
        return False
    if account.is_superuser or account.is_staff or not account.is_active:
        return False
    roles = list(account.staff_roles.select_related("township", "station__township"))
    if any(role.kind == StaffRole.Kind.EDITOR for role in roles):
        return False
    if any(role_county_id(role) == county.pk for role in roles):
        return True
    return Deputy.objects.filter(user=account, township__county=county).exists()


def role_county_id(role: StaffRole) -> int | None:
    if role.station_id:
        return role.station.township.county_id
    if role.township_id:
        return role.township.county_id
    return role.county_id
