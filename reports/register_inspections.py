"""The inspections and surveys (视察调研) of the activity register: those that began in the
period at the place's stations, read through `inspections.selectors.staff_inspections`, with
the route, the deputies taking part, the findings recorded and where the report stands.

A deputy is named only if the user may see them; the counts include everyone. Three queries
whatever the number of inspections.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from deputies.selectors import deputies_visible_to
from inspections.models import Inspection, Stop
from inspections.selectors import staff_inspections

from .register_base import Column, RegisterPlace, Section


@dataclass
class InspectionPart:
    section: Section
    inspections: int = 0
    surveys: int = 0
    deputies: int = 0  # deputies taking part, over all of them
    findings: int = 0


def inspection_part(user, place: RegisterPlace, date_from: date, date_to: date):
    selected = staff_inspections(user).filter(
        station__in=place.stations, starts_on__gte=date_from, starts_on__lte=date_to
    )
    inspections = list(
        selected.select_related("station__township", "report")
        .only(
            "kind",
            "title",
            "starts_on",
            "ends_on",
            "station__name",
            "station__township__name",
            "report__status",
        )
        .annotate(
            deputy_count=Count("deputies", distinct=True),
            finding_count=Count("findings", distinct=True),
        )
        .order_by("starts_on", "station__name", "pk")
    )
    routes: dict[int, list[str]] = {}
    for inspection_id, stop in (
        Stop.objects.filter(inspection__in=selected)
        .order_by("inspection_id", "position")
        .values_list("inspection_id", "place")
    ):
        routes.setdefault(inspection_id, []).append(stop)
    names: dict[int, list[str]] = {}
    for inspection_id, name in (
        Inspection.deputies.through.objects.filter(
            inspection__in=selected, deputy__in=deputies_visible_to(user)
        )
        .order_by("inspection_id", "deputy__user__name")
        .values_list("inspection_id", "deputy__user__name")
    ):
        names.setdefault(inspection_id, []).append(name)

    part = InspectionPart(
        Section("inspections", pgettext("activity register", "Inspections and surveys"), [])
    )
    part.section.columns = [
        Column(_("Date")),
        Column(_("Last day"), printed=False),
        Column(_("Kind")),
        Column(_("Township"), printed=False),
        Column(_("Liaison station")),
        Column(pgettext("activity register", "Subject")),
        Column(pgettext("activity register", "Route")),
        Column(pgettext("activity register", "Deputies taking part")),
        Column(pgettext("activity register", "Deputies (number)"), number=True),
        Column(pgettext("activity register", "Findings"), number=True),
        Column(pgettext("activity register", "Report")),
    ]
    for inspection in inspections:
        if inspection.kind == Inspection.Kind.SURVEY:
            part.surveys += 1
        else:
            part.inspections += 1
        part.deputies += inspection.deputy_count
        part.findings += inspection.finding_count
        report = inspection.report
        part.section.rows.append(
            [
                inspection.starts_on,
                inspection.ends_on,
                inspection.get_kind_display(),
                inspection.station.township.name,
                inspection.station.name,
                inspection.title,
                " → ".join(routes.get(inspection.pk, [])),
                "、".join(names.get(inspection.pk, [])),
                inspection.deputy_count,
                inspection.finding_count,
                report.get_status_display()
                if report is not None
                else pgettext("activity register", "Not written yet"),
            ]
        )
    return part
