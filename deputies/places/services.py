"""Writes for places and staff: counties, townships and stations made and changed (each logged
as PLACE_CREATED or PLACE_CHANGED), empty places deleted, roles given and taken away (logged by
audit.signals as ROLE_GRANTED and ROLE_REMOVED, naming whoever is signed in).

Every function checks that `by` may do it, whatever the page offered: a forged form changes
nothing outside the user's counties.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import Action
from audit.services import record

from ..editor_permissions import EDITORS_GROUP
from ..models import County, LiaisonStation, StaffRole, Township, User
from ..selectors import scope_for
from ..services import generate_password, grant_role
from ..validators import normalize_mobile, validate_mobile
from .selectors import may_appoint_account, role_county

# One wording for every number that cannot be appointed, whatever the reason: it must not tell
# a county officer that the number belongs to someone elsewhere.
UNUSABLE_NUMBER = gettext_lazy(
    "This number cannot be appointed here. Check it, or ask an administrator."
)


class PlaceKind:
    """The `kind` an audit entry names (a key, so the log reads in its reader's language)."""

    COUNTY = "county"
    TOWNSHIP = "township"
    STATION = "station"


def _may_keep(by: User, county: County) -> None:
    scope = scope_for(by)
    if not (scope.everything or county.pk in scope.county_ids):
        raise PermissionDenied


def _administrator(by: User) -> None:
    if not scope_for(by).everything:
        raise PermissionDenied


def _stored(place, fields) -> dict:
    """The place's fields as stored, locked until the change commits. Read again rather than
    taken from `place`, which a model form may have changed already."""
    stored = type(place).objects.select_for_update().get(pk=place.pk)
    return {name: _value(stored, name) for name in fields}


def _value(place, name):
    """A field's value as the log keeps it: text, or a yes/no kept as one (read in any
    language)."""
    value = getattr(place, name)
    return value if isinstance(value, bool) else str(value)


def _changes(place, fields, before: dict) -> list[list]:
    return [
        [name, before[name], _value(place, name)]
        for name in fields
        if before[name] != _value(place, name)
    ]


def _log(action: Action, *, by: User, place, **detail) -> None:
    """An audit entry about a place: its kind, name and code (a station has none: its
    township's name stands in), in its county's log (a county made or deleted is site-wide:
    nobody keeps it yet, or any more)."""
    if isinstance(place, County):
        county = place if action == Action.PLACE_CHANGED else None
        kind, code = PlaceKind.COUNTY, place.code
    elif isinstance(place, Township):
        county, kind, code = place.county, PlaceKind.TOWNSHIP, place.code
    else:
        county, kind, code = place.township.county, PlaceKind.STATION, place.township.name
    record(action, by=by, county=county, kind=kind, place=place.name, code=code, **detail)


# Places ----------------------------------------------------------------------------------------


@transaction.atomic
def create_county(
    *, by: User, name: str, code: str, former_deputies_keep_access: bool = True
) -> County:
    """A new county (administrators only). Logged site-wide: nobody is its officer yet."""
    _administrator(by)
    county = County(name=name, code=code, former_deputies_keep_access=former_deputies_keep_access)
    county.full_clean()
    county.save()
    _log(Action.PLACE_CREATED, by=by, place=county)
    return county


@transaction.atomic
def update_county(
    *, by: User, county: County, name: str, code: str, former_deputies_keep_access: bool = True
) -> County:
    """Rename or re-code a county, or change whether former deputies keep their archive. A new
    code carries over to its townships' codes, whose first six digits are the county's."""
    _may_keep(by, county)
    fields = ("name", "code", "former_deputies_keep_access")
    before = _stored(county, fields)
    county.name, county.code = name, code
    county.former_deputies_keep_access = former_deputies_keep_access
    county.full_clean()
    county.save()
    changes = _changes(county, fields, before)
    if changes:
        _log(Action.PLACE_CHANGED, by=by, place=county, changes=changes)
    if before["code"] != county.code:
        for township in county.townships.exclude(code=""):
            if township.code.startswith(before["code"]):
                _save_township(by, township, township.name, county.code + township.code[6:])
    return county


@transaction.atomic
def create_township(*, by: User, county: County, name: str, code: str = "") -> Township:
    _may_keep(by, county)
    township = Township(county=county, name=name, code=code)
    township.full_clean()
    township.save()
    _log(Action.PLACE_CREATED, by=by, place=township)
    return township


@transaction.atomic
def update_township(*, by: User, township: Township, name: str, code: str = "") -> Township:
    _may_keep(by, township.county)
    return _save_township(by, township, name, code)


def _save_township(by, township, name, code):
    fields = ("name", "code")
    before = _stored(township, fields)
    township.name, township.code = name, code
    township.full_clean()
    township.save()
    changes = _changes(township, fields, before)
    if changes:
        _log(Action.PLACE_CHANGED, by=by, place=township, changes=changes)
    return township


@transaction.atomic
def create_station(*, by: User, township: Township, name: str, address: str = "") -> LiaisonStation:
    _may_keep(by, township.county)
    station = LiaisonStation(township=township, name=name, address=address)
    station.full_clean()
    station.save()
    _log(Action.PLACE_CREATED, by=by, place=station)
    return station


@transaction.atomic
def update_station(
    *, by: User, station: LiaisonStation, township: Township, name: str, address: str = ""
) -> LiaisonStation:
    """Rename a station, change its address, or move it to another township of its county
    (only while it has no deputies: they belong to the station's township too)."""
    stored = (
        LiaisonStation.objects.select_for_update()
        .select_related("township__county")
        .get(pk=station.pk)
    )
    _may_keep(by, stored.township.county)
    if township.county_id != stored.township.county_id:
        raise PermissionDenied
    if township.pk != stored.township_id and stored.deputies.exists():
        raise ValidationError(
            {
                "township": _(
                    "Its deputies belong to %(township)s. A station with deputies stays in their "
                    "township: move the deputies by roster import first."
                )
                % {"township": stored.township.name}
            }
        )
    fields = ("name", "address", "township")
    before = {name: str(getattr(stored, name)) for name in fields}
    station.township, station.name, station.address = township, name, address
    station.full_clean()
    station.save()
    changes = _changes(station, fields, before)
    if changes:
        _log(Action.PLACE_CHANGED, by=by, place=station, changes=changes)
    return station


def why_not_deletable(place) -> str:
    """Why the place cannot be deleted, or "" when it can: only an empty place goes, so that
    nothing and nobody is lost with it."""
    if isinstance(place, County) and place.townships.exists():
        return _("It still has townships. Delete them first, or keep the county.")
    if isinstance(place, (Township, LiaisonStation)) and place.deputies.exists():
        return _("Deputies belong to it. Move them elsewhere by roster import first.")
    if isinstance(place, Township) and place.stations.exists():
        return _("It still has liaison stations. Delete or move them first.")
    if place.staff_roles.exists():
        return _("Staff work here. Remove their roles first.")
    return ""


@transaction.atomic
def delete_place(*, by: User, place) -> None:
    """Delete an empty county (administrators only), township or station.

    Raises ValidationError, saying why, when the place is not empty or something else still
    refers to it (group study held at a station, the audit log's entries of a county).
    """
    if isinstance(place, County):
        _administrator(by)
    else:
        _may_keep(by, place.county if isinstance(place, Township) else place.township.county)
    reason = why_not_deletable(place)
    if reason:
        raise ValidationError(reason)
    try:
        with transaction.atomic():
            _log(Action.PLACE_DELETED, by=by, place=place)
            place.delete()
    except ProtectedError as exc:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        raise ValidationError(
            _("It is kept because other records refer to it: %(what)s.")
            % {"what": "、".join(kinds)}
        ) from exc


# Staff -----------------------------------------------------------------------------------------


@dataclass
class Appointment:
    user: User
    granted: list[StaffRole] = field(default_factory=list)  # new roles
    held: list[StaffRole] = field(default_factory=list)  # roles the person had already
    password: str = ""  # a new account's temporary password, to be shown once

    @property
    def created(self) -> bool:
        return bool(self.password)


def _appointable_kinds(by: User) -> set[str]:
    kinds = {StaffRole.Kind.STATION, StaffRole.Kind.TOWNSHIP, StaffRole.Kind.COUNTY}
    if scope_for(by).everything:
        kinds.add(StaffRole.Kind.EDITOR)
    return kinds


def _place_county(kind: str, place) -> County | None:
    if kind == StaffRole.Kind.STATION:
        return place.township.county
    if kind == StaffRole.Kind.TOWNSHIP:
        return place.county
    if kind == StaffRole.Kind.COUNTY:
        return place
    return None


@transaction.atomic
def appoint(*, by: User, mobile: str, name: str, kind: str, places: list) -> Appointment:
    """Give the person with this mobile number a role at each of `places` (none for a content
    editor), creating their account if the number has none.

    A new account gets `name` and a temporary password, returned to be shown once; its holder
    chooses their own at the first sign-in. An existing account keeps its name and password,
    and must be one `by` may appoint (`may_appoint_account`), else ValidationError with the
    same words whatever the reason. Each role granted is logged by audit.signals.
    """
    if kind not in _appointable_kinds(by):
        raise PermissionDenied
    if kind == StaffRole.Kind.EDITOR:
        places = [None]
    counties = {_place_county(kind, place) for place in places}
    if not places or len(counties) != 1:
        raise PermissionDenied  # the form offers one county's places, at least one
    county = counties.pop()
    if county is not None:
        _may_keep(by, county)
    mobile = normalize_mobile(mobile)
    validate_mobile(mobile)
    account = User.objects.filter(mobile=mobile).first()
    appointment = Appointment(user=account)
    if account is None:
        appointment.password = generate_password()
        account = User(mobile=mobile, name=name.strip(), must_change_password=True)
        account.set_password(appointment.password)
        account.full_clean()
        account.save()
        appointment.user = account
    elif not may_appoint_account(by, account, county):
        raise ValidationError({"mobile": UNUSABLE_NUMBER}, code="unusable_number")
    for place in places:
        lookup = {str(kind): place} if kind != StaffRole.Kind.EDITOR else {}
        existing = StaffRole.objects.filter(user=account, kind=kind, **lookup).first()
        if existing is not None:
            appointment.held.append(existing)
        else:
            appointment.granted.append(grant_role(user=account, kind=kind, place=place))
    return appointment


@transaction.atomic
def remove_role(*, by: User, role: StaffRole) -> None:
    """Take a role away (logged by audit.signals). A county officer removes only roles in their
    counties, and never their own: another officer or an administrator does that. A content
    editor's role takes the admin access and the Editors group with it."""
    county = role_county(role)
    if county is None:
        _administrator(by)
    else:
        _may_keep(by, county)
    if role.user_id == by.pk and not by.is_superuser:
        raise ValidationError(
            _("You cannot remove your own role. Ask another county officer or an administrator.")
        )
    user = role.user
    role.delete()
    if role.kind == StaffRole.Kind.EDITOR:
        user.groups.remove(*Group.objects.filter(name=EDITORS_GROUP))
        if user.is_staff and not user.is_superuser and not user.groups.exists():
            user.is_staff = False
            user.save(update_fields=["is_staff"])
