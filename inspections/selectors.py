"""Reads of inspections, scoped through `deputies.selectors`: staff see the inspections of the
stations in their scope; a deputy sees those they take part in. Outside one's scope an
inspection does not exist (404)."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from deputies.selectors import stations_visible_to

from .models import Finding, FindingPhoto, Inspection, Stop


def staff_inspections(user) -> QuerySet[Inspection]:
    """The inspections of the stations in the user's scope."""
    return Inspection.objects.for_stations(stations_visible_to(user))


def staff_listing(user) -> list[Inspection]:
    """For the list: each with its station, `stop_count` and `finding_count`. One query."""
    return list(
        staff_inspections(user)
        .select_related("station", "organiser__user")
        .annotate(
            stop_count=Count("stops", distinct=True),
            finding_count=Count("findings", distinct=True),
        )
    )


def _with_findings(inspections: QuerySet[Inspection]) -> QuerySet[Inspection]:
    findings = Finding.objects.in_route_order().prefetch_related(
        Prefetch("photos", queryset=FindingPhoto.objects.order_by("created_at", "pk"))
    )
    return inspections.select_related(
        "station", "organiser__user", "plan__exercise", "report__exercise"
    ).prefetch_related(
        Prefetch("stops", queryset=Stop.objects.order_by("position")),
        Prefetch("findings", queryset=findings),
        "deputies__user",
    )


def staff_inspection(user, pk) -> Inspection:
    """One inspection of the user's scope with its stops, findings (and photos) and deputies."""
    return get_object_or_404(_with_findings(staff_inspections(user)), pk=pk)


def deputy_inspections(deputy) -> list[Inspection]:
    """The inspections the deputy takes part in, latest first. One query."""
    return list(
        Inspection.objects.joined_by(deputy)
        .select_related("station")
        .annotate(stop_count=Count("stops", distinct=True))
    )


def deputy_inspection(deputy, pk) -> Inspection:
    """An inspection the deputy takes part in, with its stops and all its findings; 404 for
    anyone else."""
    inspection = _with_findings(Inspection.objects.joined_by(deputy)).filter(pk=pk).first()
    if inspection is None:
        raise Http404("No such inspection")
    return inspection


def by_stop(inspection: Inspection) -> list[tuple[Stop, list[Finding]]]:
    """Each stop with its findings, in route order (from what is prefetched)."""
    findings = list(inspection.findings.all())
    return [
        (stop, [f for f in findings if f.stop_id == stop.pk]) for stop in inspection.stops.all()
    ]


def visible_photo(user, pk) -> FindingPhoto:
    """A photo its viewer may see: staff of the inspection's station's scope, or a deputy who
    takes part in the inspection. 404 for anyone else."""
    photo = get_object_or_404(FindingPhoto.objects.select_related("finding__inspection"), pk=pk)
    inspection = photo.finding.inspection
    if staff_inspections(user).filter(pk=inspection.pk).exists():
        return photo
    deputy = getattr(user, "deputy", None) if user.is_authenticated else None
    if deputy is not None and inspection.deputies.filter(pk=deputy.pk).exists():
        return photo
    raise Http404("No such photo")


def own_finding(deputy, pk) -> Finding:
    finding = (
        Finding.objects.select_related("inspection", "stop", "suggestion")
        .filter(pk=pk, deputy=deputy)
        .first()
    )
    if finding is None:
        raise Http404("No such finding")
    return finding
