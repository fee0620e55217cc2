"""The station's activity register (活动台账) of a county, township or liaison station over a
period, as county congress offices keep it: a summary counting each kind of activity, then
group study and its attendance (集中学习), group deliberations (集中审议), voter-reception days
(接待选民) and the voters' matters, and inspections and surveys (视察调研). Each kind is a
`Section`: a sheet of the spreadsheet (`register_tables`) and a table of the printed page
(`activity_register`).

Scope comes from `deputies.selectors` (`register_base.register_place`): a place outside the
user's scope does not exist (404), and within the place only the stations the user may see
count; a row names a deputy only if the user may see them. No voter's name or mobile is ever
in it. Days are days on the local (Asia/Shanghai) calendar.

Thirteen queries whatever the size of the register (fourteen when the user's scope is not read
yet): the place, six for group study and deliberations, three for receptions and three for
inspections.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from deliberation.models import GroupDeliberation
from inspections.selectors import staff_inspections
from receptions.matters.selectors import matters_visible_to
from receptions.models import ReceptionDay
from studysessions.models import Attendance

from .register_base import LEVELS, Column, RegisterPlace, Section, register_place
from .register_inspections import inspection_part
from .register_receptions import no_voter_data_note, reception_part
from .register_study import sessions_of, study_part
from .tables import Table, exported_by

__all__ = [
    "LEVELS",
    "ActivityRegister",
    "activity_register",
    "register_place",
    "register_size",
    "register_tables",
]


@dataclass
class ActivityRegister:
    place: RegisterPlace
    date_from: date
    date_to: date
    made_at: datetime
    made_by: str
    # The summary first, then one section a kind of activity.
    sections: list[Section]

    @property
    def heading(self) -> list[str]:
        """The lines above every sheet: what the register covers, who made it and when."""
        return [
            _("Activity register: %(place)s, %(from)s to %(to)s")
            % {
                "place": self.place.name,
                "from": self.date_from.isoformat(),
                "to": self.date_to.isoformat(),
            },
            exported_by(self.made_by, self.made_at),
        ]


def register_size(place: RegisterPlace, user, *, date_from: date, date_to: date) -> int:
    """How many rows the register's sheets hold (an upper bound: rows of deputies the user
    may not see are counted too). Six counting queries."""
    sessions = sessions_of(place, date_from, date_to)
    period = {"day__gte": date_from, "day__lte": date_to}
    return (
        sessions.count()
        + Attendance.objects.filter(session__in=sessions).count()
        + GroupDeliberation.objects.filter(session__in=sessions).count()
        + ReceptionDay.objects.filter(station__in=place.stations, **period).count()
        + matters_visible_to(user)
        .filter(station__in=place.stations, received_on__gte=date_from, received_on__lte=date_to)
        .count()
        + staff_inspections(user)
        .filter(station__in=place.stations, starts_on__gte=date_from, starts_on__lte=date_to)
        .count()
    )


def _summary(study, receptions, inspections) -> Section:
    """One row a kind of activity: how many, and the deputies expected (应到) and present
    (实到) where the platform records them."""
    count = _("Matters recorded on those days: %(count)d")
    rows = [
        [
            pgettext("activity register", "Group study"),
            study.held,
            study.invited,
            study.attended,
            _("Cancelled: %(cancelled)d; credit hours: %(hours)s")
            % {"cancelled": study.cancelled, "hours": study.hours},
        ],
        [
            pgettext("activity register", "Group deliberation"),
            len(study.deliberations.rows),
            study.deliberation_invited,
            study.deliberation_present,
            "",
        ],
        [
            pgettext("activity register", "Voter reception"),
            len(receptions.days.rows),
            receptions.on_duty,
            None,
            count % {"count": receptions.recorded},
        ],
        [
            pgettext("activity register", "Voters' matters"),
            len(receptions.matters.rows),
            None,
            None,
            _("Closed: %(closed)d; open: %(open)d, of which overdue: %(overdue)d")
            % {
                "closed": receptions.closed,
                "open": receptions.open,
                "overdue": receptions.overdue,
            },
        ],
        [
            pgettext("activity register", "Inspections and surveys"),
            len(inspections.section.rows),
            inspections.deputies,
            None,
            _("Inspections: %(inspections)d; surveys: %(surveys)d; findings: %(findings)d")
            % {
                "inspections": inspections.inspections,
                "surveys": inspections.surveys,
                "findings": inspections.findings,
            },
        ],
    ]
    return Section(
        "summary",
        pgettext("activity register", "Summary"),
        [
            Column(pgettext("activity register", "Activity")),
            Column(pgettext("activity register", "Number"), number=True),
            Column(pgettext("activity register", "Deputies expected"), number=True),
            Column(pgettext("activity register", "Deputies present"), number=True),
            Column(pgettext("activity register", "Notes")),
        ],
        rows,
        [
            _(
                "Expected: deputies invited to group study, on duty at reception days, taking "
                "part in inspections. Present: deputies who checked in or were marked present; "
                "the platform records it for group study only."
            ),
            no_voter_data_note(),
        ],
    )


def activity_register(
    user, *, level: str, pk: int, date_from: date, date_to: date
) -> ActivityRegister:
    """The register of the place over `date_from`–`date_to` (both included). Raises Http404
    when the place is outside the user's scope."""
    if date_from > date_to:
        raise ValueError("date_from is after date_to")
    place = register_place(user, level, pk)
    now = timezone.now()
    study = study_part(user, place, date_from, date_to, now)
    receptions = reception_part(user, place, date_from, date_to, timezone.localdate(now))
    inspections = inspection_part(user, place, date_from, date_to)
    sections = [
        _summary(study, receptions, inspections),
        study.sessions,
        study.attendance,
        study.deliberations,
        receptions.days,
        receptions.matters,
        inspections.section,
    ]
    return ActivityRegister(place, date_from, date_to, now, user.name, sections)


def register_tables(user, *, level: str, pk: int, date_from: date, date_to: date) -> list[Table]:
    """The register as the spreadsheet's sheets, each headed by what it covers and who
    exported it."""
    register = activity_register(user, level=level, pk=pk, date_from=date_from, date_to=date_to)
    return [section.table(register.heading) for section in register.sections]
