"""Who may do what to the register: answers read from the user's scope (deputies.selectors),
so the services and the pages agree."""

from deputies.selectors import scope_for


def is_staff_of(user, station) -> bool:
    """Staff who cover the station: its own staff, its township's, its county's."""
    scope = scope_for(user)
    return (
        scope.everything
        or station.pk in scope.station_ids
        or station.township_id in scope.township_ids
        or station.township.county_id in scope.county_ids
    )


def is_station_clerk(user, station) -> bool:
    """The station's own staff (and superusers): they see voters' mobiles unmasked."""
    scope = scope_for(user)
    return scope.everything or station.pk in scope.station_ids


def is_receiver(user, matter) -> bool:
    """The deputy who received the matter."""
    deputy = getattr(user, "deputy", None) if user.is_authenticated else None
    return deputy is not None and matter.deputy_id == deputy.pk


def may_record(user, station) -> bool:
    """Deputies of the station, in office, and staff who cover it."""
    deputy = getattr(user, "deputy", None) if user.is_authenticated else None
    if deputy is not None and deputy.is_active and deputy.station_id == station.pk:
        return True
    return is_staff_of(user, station)


def sees_mobile(user, matter) -> bool:
    """The voter's mobile is shown in full to the recorder and to the station's staff;
    everyone else sees it masked."""
    return matter.recorded_by_id == user.pk or is_station_clerk(user, matter.station)
