"""Sessions as iCalendar (RFC 5545), written by the `icalendar` library: one file per session
to add to a phone's calendar, and a deputy's personal feed that calendar apps subscribe to.

Times are written in UTC, which every calendar app converts to the phone's own zone. The UID is
stable and SEQUENCE grows with every change, so a changed or cancelled session updates the
entry already in the calendar instead of adding a second one. Each session that takes place
carries a reminder (VALARM) the day before; the library folds long lines and ends them in CRLF.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

PRODID = "-//deputy-training//group study//ZH"
REMINDER_BEFORE = -timedelta(days=1)


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _event(session, *, url_for, domain: str) -> Event:
    event = Event()
    event.add("uid", f"study-session-{session.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("sequence", session.sequence)
    event.add("summary", session.topic)
    event.add("location", session.place)
    lines = [session.station.name]
    if session.facilitator:
        lines.append(_("Facilitator: %(name)s") % {"name": session.facilitator})
    if session.description:
        lines.append(session.description)
    event.add("description", "\n".join(lines))
    event.add("url", url_for(session))
    if session.is_cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
        event.add_component(_reminder(session))
    return event


def _reminder(session) -> Alarm:
    """A reminder the day before, at the hour the session starts."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER_BEFORE)
    alarm.add(
        "description",
        _("Group study tomorrow: %(topic)s, %(place)s")
        % {"topic": session.topic, "place": session.place},
    )
    return alarm


def webcal_url(feed_url: str) -> str:
    """The feed's address with the webcal scheme, which phones hand to their calendar app to
    subscribe to (an https address only downloads the file once)."""
    _scheme, separator, rest = feed_url.partition("://")
    return f"webcal{separator}{rest}"


def session_calendar(session, *, url_for, domain: str) -> bytes:
    cal = _calendar(session.topic)
    cal.add("method", "PUBLISH")
    cal.add_component(_event(session, url_for=url_for, domain=domain))
    return cal.to_ical()


def feed_calendar(sessions, *, url_for, domain: str) -> bytes:
    cal = _calendar(_("Group study"))
    for session in sessions:
        cal.add_component(_event(session, url_for=url_for, domain=domain))
    return cal.to_ical()
