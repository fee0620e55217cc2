"""Writes of inspections: creating one with its stops and its plan (a draft of the proposals
engine, prefilled from a template), recording a finding with its photo (idempotent by the
UUID the phone gave it), composing the report from the findings, and turning a finding into
a suggestion (建议) draft.

The plan, the report and the suggestion are drafts of exercises made here for this one piece
of work (never live among the practice exercises): the engine saves, checks, submits and has
staff review them, as it does every genre."""

import uuid as uuid_module
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from proposals.models import Draft, Exercise, Genre
from proposals.services import StaleDraft, save_draft, start_draft

from .models import Finding, FindingPhoto, Inspection, Stop
from .photos import PhotoError, clean_photo

# A finding is a note taken on site, not an essay.
MAX_FINDING_CHARS = 2000
MAX_STOPS = 20
# The plan, the report and the suggestion are written in Chinese whatever the pages' language:
# they go to the township presidium and the government.
TEXT_LANGUAGE = "zh-hans"


class InspectionError(ValueError):
    """What was asked cannot be done; the message says why."""


def _level(deputy) -> str:
    return deputy.level  # Deputy.Level and proposals' Level share their values


def plan_template(*, title: str, kind: str, starts_on: date, stops) -> dict[str, str]:
    """The plan's parts, prefilled for the organiser to finish: the purpose, the stops in
    route order with the date, a question line per stop to make specific, and the deputies'
    tasks. In Chinese (TEXT_LANGUAGE)."""
    with translation.override(TEXT_LANGUAGE):
        route = [_("Date: %(date)s") % {"date": starts_on.isoformat()}]
        route += [
            f"{n}. {place}" + (f"：{subject}" if subject else "")
            for n, (place, subject) in enumerate(stops, start=1)
        ]
        questions = [
            _("%(n)d. %(place)s: how many …? since when …? which record shows it?")
            % {"n": n, "place": place}
            for n, (place, _subject) in enumerate(stops, start=1)
        ]
        kind_word = _("inspection") if kind == Inspection.Kind.INSPECTION else _("survey")
        return {
            "purpose": _(
                "Through this %(kind)s on “%(title)s”, find out how the work is done on the "
                "ground, hear what the people concerned say, and put opinions and suggestions "
                "to the bodies concerned."
            )
            % {"kind": kind_word, "title": title},
            "route": "\n".join(route),
            "focus_questions": "\n".join(questions),
            "participants": "",
        }


def parse_stops(text: str) -> list[tuple[str, str]]:
    """Stops from a text box: one a line, "place: what to look at" (the colon and what follows
    optional). InspectionError when there is none, too many, or a line is too long."""
    stops = []
    for line in str(text or "").replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        place, _sep, subject = line.replace("：", ":").partition(":")
        place, subject = place.strip(), subject.strip()
        if not place or len(place) > 80 or len(subject) > 120:
            raise InspectionError(
                _("Each line is a place (at most 80 characters), a colon, then what to look at.")
            )
        stops.append((place, subject))
    if not stops:
        raise InspectionError(_("Name at least one place to visit."))
    if len(stops) > MAX_STOPS:
        raise InspectionError(_("At most %(max)d places.") % {"max": MAX_STOPS})
    return stops


@transaction.atomic
def create_inspection(
    *,
    user,
    station,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date | None,
    organiser,
    deputies,
    stops,
) -> Inspection:
    """An inspection of the station with its stops in route order and its plan: a draft of
    the organiser's, prefilled from `plan_template`. The organiser takes part."""
    inspection = Inspection(
        kind=kind,
        station=station,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        organiser=organiser,
        created_by=user,
    )
    inspection.full_clean()
    inspection.save()
    inspection.deputies.set({*deputies, organiser})
    Stop.objects.bulk_create(
        Stop(inspection=inspection, position=n, place=place, subject=subject)
        for n, (place, subject) in enumerate(stops, start=1)
    )
    exercise = Exercise(
        title=title,
        genre=Genre.VISIT_PLAN,
        level=_level(organiser),
        scenario=title,
        live=False,
    )
    exercise.full_clean()
    exercise.save()
    parts = plan_template(title=title, kind=kind, starts_on=starts_on, stops=stops)
    inspection.plan = start_draft(deputy=organiser, exercise=exercise, parts=parts, assigned=True)
    inspection.save(update_fields=["plan"])
    return inspection


def _clean_text(text) -> str:
    text = str(text or "").replace("\r\n", "\n").strip()
    if not text:
        raise InspectionError(_("Write what you found before sending."))
    if len(text) > MAX_FINDING_CHARS:
        raise InspectionError(
            _("A finding may have at most %(max)d characters.") % {"max": MAX_FINDING_CHARS}
        )
    return text


def record_finding(
    *,
    deputy,
    inspection: Inspection,
    stop_id,
    text,
    uuid,
    photo=None,
    keep_location: bool = False,
) -> tuple[Finding, bool]:
    """Record what the deputy found at a stop, with a photo if given; (finding, created).

    The phone names the finding by `uuid`: sent again (a retry after a lost answer, the queue
    emptied twice), the finding already recorded is returned and nothing is added. Nothing is
    written when the text, the stop, the UUID or the photo is refused (InspectionError)."""
    try:
        key = uuid_module.UUID(str(uuid))
    except ValueError as error:
        raise InspectionError(_("This finding could not be read. Type it again.")) from error
    existing = Finding.objects.filter(uuid=key).first()
    if existing is not None:
        if existing.deputy_id != deputy.pk or existing.inspection_id != inspection.pk:
            raise InspectionError(_("This finding could not be read. Type it again."))
        return existing, False
    text = _clean_text(text)
    stop = Stop.objects.filter(inspection=inspection, pk=_as_int(stop_id)).first()
    if stop is None:
        raise InspectionError(_("Choose the place where you found it."))
    image = None
    if photo:
        try:
            image = clean_photo(photo, keep_location=keep_location)
        except PhotoError as error:
            raise InspectionError(str(error)) from error
    try:
        with transaction.atomic():
            finding = Finding.objects.create(
                uuid=key, inspection=inspection, stop=stop, deputy=deputy, text=text
            )
            if image is not None:
                kept = FindingPhoto(finding=finding, kept_location=bool(keep_location))
                kept.image.save(f"{key}.jpg", image, save=False)
                kept.save()
    except IntegrityError:
        # The same finding, sent twice at once: the first one stands.
        finding = Finding.objects.filter(uuid=key, deputy=deputy).first()
        if finding is None:
            raise
        return finding, False
    return finding, True


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def report_parts(inspection: Inspection) -> dict[str, str]:
    """The report's parts from the inspection: the basic facts (when, what, which places, who)
    and the findings under the place where they were made, in route order. The suggestions are
    the deputy's to write. In Chinese (TEXT_LANGUAGE)."""
    stops = list(inspection.stops.order_by("position"))
    findings = list(inspection.findings.in_route_order())
    names = sorted(d.user.name for d in inspection.deputies.select_related("user"))
    with translation.override(TEXT_LANGUAGE):
        kind = _("inspection") if inspection.kind == Inspection.Kind.INSPECTION else _("survey")
        overview = _(
            "On %(date)s, %(count)d deputies of %(station)s (%(names)s) visited %(places)s "
            "for the %(kind)s on “%(title)s”."
        ) % {
            "date": inspection.starts_on.isoformat(),
            "count": len(names),
            "station": inspection.station.name,
            "names": "、".join(names),
            "kind": kind,
            "title": inspection.title,
            "places": "、".join(stop.place for stop in stops),
        }
        issues = []
        for stop in stops:
            here = [f.text for f in findings if f.stop_id == stop.pk]
            if here:
                issues.append(f"{stop.place}：")
                issues += [f"{n}. {text}" for n, text in enumerate(here, start=1)]
    return {"overview": overview, "issues": "\n".join(issues), "recommendations": ""}


def compose_report(*, inspection: Inspection) -> Draft:
    """The inspection's report: the organiser's draft of a report exercise made for it, filled
    from the findings while it is still empty. A draft written in is returned as it is."""
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.report_id:
            draft = Draft.objects.select_related("exercise").get(pk=locked.report_id)
        else:
            exercise = Exercise(
                title=inspection.title,
                genre=Genre.VISIT_REPORT,
                level=_level(inspection.organiser),
                scenario=inspection.title,
                live=False,
            )
            exercise.full_clean()
            exercise.save()
            draft = start_draft(deputy=inspection.organiser, exercise=exercise, assigned=True)
            Inspection.objects.filter(pk=inspection.pk).update(report=draft)
            inspection.report = draft
    if not (draft.is_empty and draft.editable):
        return draft
    try:
        return save_draft(
            draft=draft, parts=report_parts(inspection), saved_version=draft.saved_version
        )
    except StaleDraft:
        return Draft.objects.select_related("exercise").get(pk=draft.pk)


def finding_to_suggestion(*, finding: Finding) -> Draft:
    """A suggestion (建议) draft of the deputy's from the finding, made once: its title names
    the place, its problem is the finding. A second tap returns the same draft."""
    with transaction.atomic():
        locked = (
            Finding.objects.select_for_update().select_related("stop", "deputy").get(pk=finding.pk)
        )
        if locked.suggestion_id:
            return Draft.objects.select_related("exercise").get(pk=locked.suggestion_id)
        with translation.override(TEXT_LANGUAGE):
            title = _("Suggestion on %(place)s") % {"place": locked.stop.place}
            where = _("(found at %(place)s during the inspection of %(date)s)") % {
                "place": locked.stop.place,
                "date": finding.inspection.starts_on.isoformat(),
            }
        exercise = Exercise(
            title=title[:120],
            genre=Genre.SUGGESTION,
            level=_level(locked.deputy),
            scenario=locked.text,
            live=False,
        )
        exercise.full_clean()
        exercise.save()
        draft = start_draft(
            deputy=locked.deputy,
            exercise=exercise,
            parts={"title": title, "problem": f"{locked.text}{where}"},
            assigned=True,
        )
        Finding.objects.filter(pk=locked.pk).update(suggestion=draft)
        finding.suggestion = draft
    return draft
