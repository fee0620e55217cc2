"""Writes of the reception register: scheduling reception days with their notice, recording a
matter, each step of its handling (登记 → 转办 → 督办 → 反馈 → 回访 → 销号, or 不予受理), turning a
matter into a suggestion draft, the daily reminders of overdue matters and the removal of
voters' data past the retention time.

Each step is a service that locks the matter's row, checks the matter's state and who is
acting, and writes the matter and a Step row in one transaction: two clerks closing the same
matter at once close it once, and the second is told it is closed already.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from deputies.validators import normalize_mobile, validate_mobile

from ..models import Category, Matter, ReceptionDay, Step
from . import permissions
from .deadlines import DEFAULT_WORKING_DAYS, add_working_days


class MatterError(ValueError):
    """A refusal with a message for the user; nothing was written."""


# Reception days ------------------------------------------------------------------------------


# However many months a station plans ahead, one scheduling makes at most a year of days.
MAX_MONTHS_AHEAD = 12


@transaction.atomic
def schedule_reception_day(
    *, station, created_by, day: date, place: str, on_duty, hours: str = "", months: int = 1
) -> list[ReceptionDay]:
    """Schedule a reception day at `station` with the deputies on duty (deputies of the
    station the caller may see), or the same day of the month for `months` months (as group
    study repeats: a month without that day is skipped), and tell each deputy once, with every
    date in one notification. Refused whole if the station has a reception day on any of the
    dates already."""
    from notifications.services import notify
    from studysessions.models import SessionSeries
    from studysessions.services import Repeat, occurrences

    on_duty = list(on_duty)
    if not on_duty:
        raise MatterError(_("Choose at least one deputy on duty."))
    if any(d.station_id != station.pk for d in on_duty):
        raise MatterError(_("The deputies on duty must be deputies of the station."))
    months = max(1, min(months, MAX_MONTHS_AHEAD))
    days = occurrences(day, Repeat(SessionSeries.Frequency.MONTHLY, count=months))
    taken = ReceptionDay.objects.filter(station=station, day__in=days).order_by("day").first()
    if taken is not None:
        raise MatterError(
            _("The station already has a reception day on %(day)s.")
            % {"day": formats.date_format(taken.day, "Y-m-d")}
        )
    receptions = []
    for each in days:
        reception = ReceptionDay.objects.create(
            station=station, day=each, hours=hours, place=place, created_by=created_by
        )
        reception.on_duty.set(on_duty)
        receptions.append(reception)
    dates = "、".join(formats.date_format(each, "Y-m-d") for each in days)
    notify(
        [d.user for d in on_duty],
        title=_("You are on duty to receive voters on %(day)s")
        % {"day": formats.date_format(day, "Y-m-d")}
        if len(days) == 1
        else _("You are on duty to receive voters on %(count)s days from %(day)s")
        % {"count": len(days), "day": formats.date_format(day, "Y-m-d")},
        body=_(
            "%(station)s, %(place)s %(hours)s: %(dates)s. Record what voters raise on your phone."
        )
        % {"station": station.name, "place": place, "hours": hours, "dates": dates},
        url=reverse("receptions:days"),
        key=f"reception-day:{receptions[0].pk}",
    )
    return receptions


# Recording -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Voter:
    name: str = ""
    mobile: str = ""
    consent: bool = False


def _next_number(station, year: int) -> int:
    # The station's row is locked first, so two matters recorded at once get two numbers.
    type(station).objects.select_for_update().filter(pk=station.pk).first()
    last = Matter.objects.filter(station=station, year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _step(matter: Matter, kind: str, by, note: str = "", now=None) -> Step:
    return Step.objects.create(
        matter=matter, kind=kind, by=by, by_name=by.name, note=note, at=now or timezone.now()
    )


@transaction.atomic
def record_matter(
    *,
    station,
    recorded_by,
    category: str,
    raised: str,
    said_on_spot: str = "",
    voter: Voter = Voter(),
    received_on: date | None = None,
    now=None,
) -> Matter:
    """Register a matter a voter raised. The recorder is a deputy of the station or staff who
    cover it (the caller has checked which stations the user may record for). The voter's
    mobile is kept only with their consent; a matter received on a reception day of the
    station is attached to it."""
    if not permissions.may_record(recorded_by, station):
        raise MatterError(_("You cannot record matters for this station."))
    raised = (raised or "").strip()
    if not raised:
        raise MatterError(_("Write what the voter raised."))
    if category not in Category.values:
        raise MatterError(_("Choose a category."))
    mobile = normalize_mobile(voter.mobile)
    if mobile and not voter.consent:
        raise MatterError(
            _("Keep the voter's mobile only if they agree: tick the box, or leave it out.")
        )
    if mobile:
        try:
            validate_mobile(mobile)
        except Exception as exc:
            raise MatterError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
    received_on = received_on or timezone.localdate()
    deputy = getattr(recorded_by, "deputy", None)
    matter = Matter.objects.create(
        station=station,
        reception_day=ReceptionDay.objects.filter(station=station, day=received_on).first(),
        year=received_on.year,
        number=_next_number(station, received_on.year),
        received_on=received_on,
        recorded_by=recorded_by,
        deputy=deputy if deputy is not None and deputy.station_id == station.pk else None,
        voter_name=voter.name.strip(),
        voter_mobile=mobile,
        mobile_consent=bool(mobile),
        category=category,
        raised=raised,
        said_on_spot=(said_on_spot or "").strip(),
    )
    _step(matter, Step.Kind.REGISTER, recorded_by, now=now)
    return matter


# The handling steps --------------------------------------------------------------------------


def _locked(matter: Matter) -> Matter:
    return Matter.objects.select_for_update().select_related("station").get(pk=matter.pk)


def _require(matter: Matter, *statuses) -> None:
    if matter.status not in statuses:
        if matter.status == Matter.Status.CLOSED:
            raise MatterError(_("This matter is closed already."))
        if matter.status == Matter.Status.REJECTED:
            raise MatterError(_("This matter was not accepted."))
        raise MatterError(
            _("This matter is at “%(status)s”: that step cannot be taken now.")
            % {"status": matter.get_status_display()}
        )


def _require_staff(user, matter: Matter) -> None:
    if not permissions.is_staff_of(user, matter.station):
        raise MatterError(_("Only the station's staff and the township's can take this step."))


def default_due(referred_on: date) -> date:
    return add_working_days(referred_on, DEFAULT_WORKING_DAYS)


@transaction.atomic
def refer(*, matter: Matter, by, unit: str, due_on: date | None = None, note: str = "", now=None):
    """转办: send a registered matter to a named unit with the day its answer is due (by
    default 15 working days after today)."""
    matter = _locked(matter)
    _require_staff(by, matter)
    _require(matter, Matter.Status.REGISTERED)
    unit = (unit or "").strip()
    if not unit:
        raise MatterError(_("Name the unit that handles it."))
    today = timezone.localdate(now) if now else timezone.localdate()
    due_on = due_on or default_due(today)
    if due_on < today:
        raise MatterError(_("The answer cannot be due before today."))
    matter.unit, matter.due_on, matter.status = unit, due_on, Matter.Status.REFERRED
    matter.save(update_fields=["unit", "due_on", "status"])
    _step(
        matter,
        Step.Kind.REFER,
        by,
        (
            _("To %(unit)s, answer due %(due)s. %(note)s")
            % {"unit": unit, "due": due_on.isoformat(), "note": note.strip()}
        ).strip(),
        now,
    )
    return matter


@transaction.atomic
def follow_up(*, matter: Matter, by, note: str, due_on: date | None = None, now=None):
    """督办: chase the unit. On a referred matter it adds a row (and may move the due date);
    after a voter who was not satisfied, it sends the matter back to the unit to redo."""
    matter = _locked(matter)
    _require_staff(by, matter)
    _require(matter, Matter.Status.REFERRED, Matter.Status.VISITED)
    if matter.status == Matter.Status.VISITED and matter.satisfaction != (
        Matter.Satisfaction.UNSATISFIED
    ):
        raise MatterError(_("The voter is satisfied: close the matter instead."))
    if not (note or "").strip():
        raise MatterError(_("Write what was asked of the unit."))
    today = timezone.localdate(now) if now else timezone.localdate()
    fields = ["status"]
    if due_on is not None:
        if due_on < today:
            raise MatterError(_("The answer cannot be due before today."))
        matter.due_on = due_on
        fields.append("due_on")
    elif matter.status == Matter.Status.VISITED:
        matter.due_on = default_due(today)
        fields.append("due_on")
    matter.status = Matter.Status.REFERRED
    matter.satisfaction = ""
    fields.append("satisfaction")
    matter.save(update_fields=fields)
    _step(matter, Step.Kind.FOLLOW_UP, by, note.strip(), now)
    return matter


@transaction.atomic
def record_answer(*, matter: Matter, by, answer: str, now=None):
    """反馈: the unit's answer, as the station received it."""
    matter = _locked(matter)
    _require_staff(by, matter)
    _require(matter, Matter.Status.REFERRED)
    if not (answer or "").strip():
        raise MatterError(_("Write the unit's answer."))
    matter.status = Matter.Status.ANSWERED
    matter.save(update_fields=["status"])
    _step(matter, Step.Kind.ANSWER, by, answer.strip(), now)
    return matter


@transaction.atomic
def record_visit(*, matter: Matter, by, satisfaction: str, note: str = "", now=None):
    """回访: the voter was told the answer, and whether they are satisfied. The deputy who
    received the matter may record it too."""
    matter = _locked(matter)
    if not (permissions.is_staff_of(by, matter.station) or permissions.is_receiver(by, matter)):
        raise MatterError(
            _("Only the station's staff or the deputy who received it can record this.")
        )
    _require(matter, Matter.Status.ANSWERED)
    if satisfaction not in Matter.Satisfaction.values:
        raise MatterError(_("Say whether the voter is satisfied."))
    matter.status, matter.satisfaction = Matter.Status.VISITED, satisfaction
    matter.save(update_fields=["status", "satisfaction"])
    label = Matter.Satisfaction(satisfaction).label
    # One translated phrase, so the Chinese reads 不满意。… rather than a Latin full stop.
    said = _("%(satisfaction)s. %(note)s") % {"satisfaction": label, "note": note.strip()}
    _step(matter, Step.Kind.VISIT, by, said.strip(), now)
    return matter


@transaction.atomic
def close(*, matter: Matter, by, closure: str, note: str = "", now=None):
    """销号: strike the matter off the register, saying how it ended (solved, put in a plan,
    or explained to the voter). Only after the voter was told."""
    matter = _locked(matter)
    _require_staff(by, matter)
    _require(matter, Matter.Status.VISITED)
    if closure not in Matter.Closure.values:
        raise MatterError(_("Say how the matter ended."))
    now = now or timezone.now()
    matter.status, matter.closure, matter.finished_at = Matter.Status.CLOSED, closure, now
    matter.save(update_fields=["status", "closure", "finished_at"])
    label = Matter.Closure(closure).label
    _step(matter, Step.Kind.CLOSE, by, f"{label}. {note.strip()}".strip(), now)
    return matter


@transaction.atomic
def reject(*, matter: Matter, by, reason: str, now=None):
    """不予受理: a matter the station does not take up (in litigation, arbitration or
    administrative review, outside the congress's remit), with the reason the voter was
    given and the proper channel."""
    matter = _locked(matter)
    _require_staff(by, matter)
    _require(matter, Matter.Status.REGISTERED)
    if not (reason or "").strip():
        raise MatterError(_("Give the reason, and the channel the voter was pointed to."))
    now = now or timezone.now()
    matter.status, matter.finished_at = Matter.Status.REJECTED, now
    matter.save(update_fields=["status", "finished_at"])
    _step(matter, Step.Kind.REJECT, by, reason.strip(), now)
    return matter


@transaction.atomic
def turn_into_suggestion(*, matter: Matter, by):
    """Start a suggestion (建议) draft for the deputy who received the matter, its problem and
    evidence taken from the record (never the voter's name or mobile), and link the two.
    Once per matter: a second tap opens the same draft."""
    from proposals.services import start_private_draft

    matter = _locked(matter)
    if not permissions.is_receiver(by, matter):
        raise MatterError(
            _("Only the deputy who received the matter can turn it into a suggestion.")
        )
    if matter.draft_id:
        return matter.draft
    if matter.status == Matter.Status.REJECTED:
        raise MatterError(_("This matter was not accepted."))
    category = Category(matter.category).label
    evidence = _(
        "Raised by a voter at %(station)s on %(day)s (matter %(number)s, %(category)s)."
    ) % {
        "station": matter.station.name,
        "day": matter.received_on.isoformat(),
        "number": matter.case_number,
        "category": category,
    }
    problem = matter.raised
    if matter.said_on_spot:
        problem += "\n\n" + _("Said on the spot: %(text)s") % {"text": matter.said_on_spot}
    draft = start_private_draft(
        deputy=matter.deputy,
        title=_("Suggestion from matter %(number)s: %(category)s")
        % {"number": matter.case_number, "category": category},
        level=matter.deputy.level,
        scenario=f"{matter.raised}\n\n{evidence}",
        parts={"problem": problem, "causes": evidence, "handler": matter.unit},
    )
    matter.draft = draft
    matter.save(update_fields=["draft"])
    _step(matter, Step.Kind.DRAFT, by)
    return draft


# Daily work ----------------------------------------------------------------------------------


def remind_overdue(*, today: date | None = None) -> int:
    """Tell the responsible clerks (the staff of the matter's station) of each overdue matter,
    once a day: the notification's key holds the matter and the day, so running this again on
    the same day sends nothing. Returns how many notifications were made."""
    from notifications.services import notify

    from .selectors import clerks_by_station

    today = today or timezone.localdate()
    overdue = list(Matter.objects.overdue(today).select_related("station").order_by("pk"))
    clerks = clerks_by_station({m.station_id for m in overdue})
    sent = 0
    for matter in overdue:
        users = clerks.get(matter.station_id, [])
        if not users:
            continue
        sent += notify(
            users,
            title=_("Matter %(number)s is %(days)s days overdue")
            % {"number": matter.case_number, "days": matter.days_overdue(today)},
            body=_("%(station)s: %(unit)s, answer due %(due)s.")
            % {"station": matter.station.name, "unit": matter.unit, "due": matter.due_on},
            url=reverse("receptions:matter", args=[matter.pk]),
            key=f"matter-overdue:{matter.pk}:{today.isoformat()}",
        )
    return sent


def forget_voters(*, now=None) -> int:
    """Remove the voter's name and mobile from matters finished longer ago than
    settings.RECEPTIONS_VOTER_DATA_DAYS; returns how many matters were changed."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.RECEPTIONS_VOTER_DATA_DAYS)
    return (
        Matter.objects.finished()
        .filter(finished_at__lt=cutoff, voter_data_removed_at__isnull=True)
        .update(voter_name="", voter_mobile="", mobile_consent=False, voter_data_removed_at=now)
    )
