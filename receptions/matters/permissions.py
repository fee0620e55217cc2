"""Who may do what to the register: answers read from the user's scope (deputies.selectors),
so the services and the pages agree."""

from deputies.selectors import scope_for

from ..models import Matter


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


# The steps each role may take; the matter's status narrows them further (`next_steps`).
STAFF_STEPS = {"refer", "follow_up", "answer", "visit", "close", "reject"}
RECEIVER_STEPS = {"visit"}
STEPS_AT = {
    Matter.Status.REGISTERED: ("refer", "reject"),
    Matter.Status.REFERRED: ("answer", "follow_up"),
    Matter.Status.ANSWERED: ("visit",),
    Matter.Status.VISITED: ("close", "follow_up"),
}


def allowed_steps(user, matter) -> set[str]:
    """The steps the user's role allows on the matter, whatever its status."""
    allowed = set()
    if is_staff_of(user, matter.station):
        allowed |= STAFF_STEPS
    if is_receiver(user, matter):
        allowed |= RECEIVER_STEPS
    return allowed


def next_steps(user, matter) -> list[str]:
    """The steps the page offers this user now, in the order it shows them."""
    allowed = allowed_steps(user, matter)
    steps = [s for s in STEPS_AT.get(matter.status, ()) if s in allowed]
    if matter.status == Matter.Status.VISITED and (
        matter.satisfaction != Matter.Satisfaction.UNSATISFIED
    ):
        steps = [s for s in steps if s != "follow_up"]
    return steps
