"""A county's term change (换届): the new terms opened, the new roster taken in, the old kept.

County and township congresses are elected together. On the first day of the new term the
county officer uploads the new term's roster, every deputy of the county in one file, in the
roster import's layout. The check (`check_change`) reads it as the roster import does and
sorts the county's deputies three ways:

- re-elected: in the file, and in office in the term that ends;
- new: in the file, and not in office (a new account, or someone who sat in an earlier term);
- leaving: in office, and not in the file.

Confirming (`confirm_change`) ends the current terms the day before, and their open seats with
"term ended"; opens the new terms (the county congress's and each township's); writes the roster
(new accounts, changed details) and seats everyone in the file in their congress's new term;
marks the leavers out of office. A re-elected deputy keeps their account, history and
certificates; their liaison station is kept when the file leaves it empty and their township is
the same. Staff roles belong to places and are untouched. Nothing is deleted.

A file with a refused row cannot be confirmed: a deputy of the new term left out by a typo would
be counted as leaving. The officer corrects the file and uploads it again.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from audit import services as audit

from .models import (
    County,
    Deputy,
    LiaisonStation,
    Membership,
    Term,
    TermChange,
    Township,
    User,
)
from .roster import apply_roster, read_roster, record_roster_import
from .roster.plan import RosterPlan
from .signals import term_opened


class TermChangeRefused(Exception):
    """Confirming cannot go ahead; the message says why, for the officer."""


@dataclass
class PlaceCounts:
    """One township's part of the change."""

    township: Township
    current: Term | None
    number: int
    reelected: int = 0
    new: int = 0
    leaving: int = 0

    @property
    def new_label(self) -> str:
        return Term(number=self.number).label  # 第十九届, as the current term's label


@dataclass
class TermPlan:
    change: TermChange
    roster: RosterPlan
    reelected: list = field(default_factory=list)  # RosterRows
    new: list = field(default_factory=list)  # RosterRows
    leaving: list[Deputy] = field(default_factory=list)
    places: list[PlaceCounts] = field(default_factory=list)
    county_term: Term | None = None  # the county congress's current term
    county_number: int = 0  # and its new number
    problems: list[str] = field(default_factory=list)  # what stops confirming, besides rows

    @property
    def can_confirm(self) -> bool:
        return bool(self.roster.rows) and not self.roster.errors and not self.problems

    @property
    def county_new_label(self) -> str:
        return Term(number=self.county_number).label

    def digest(self) -> str:
        """What confirming would write and what it was checked against (the roster's own
        fingerprint, the terms current, the leavers): a confirmation whose plan differs is
        shown the new one instead."""
        state = {
            "roster": self.roster.digest(),
            "terms": self.change.previous_terms,
            "leaving": sorted(d.pk for d in self.leaving),
        }
        text = json.dumps(state, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def current_terms(county: County) -> dict:
    """The county's current terms: {None: the county congress's, township id: the township's}."""
    terms = Term.objects.filter(county=county, ends_on__isnull=True)
    return {term.township_id: term for term in terms}


def check_change(change: TermChange) -> TermPlan:
    """Read the change's roster against the county and sort its deputies (a fixed number of
    queries whatever their number)."""
    county = change.county
    townships = list(Township.objects.filter(county=county).order_by("name"))
    roster = read_roster(
        bytes(change.upload.content), townships=Township.objects.filter(county=county)
    )
    terms = current_terms(county)
    plan = TermPlan(
        change=change,
        roster=roster,
        county_term=terms.get(None),
        county_number=change.county_number,
    )
    numbers = {int(k): v for k, v in change.township_numbers.items()}
    in_office = {
        deputy.pk: deputy
        for deputy in Deputy.objects.filter(township__county=county, is_active=True)
        .select_related("user", "township", "station")
        .order_by("township__name", "user__name", "pk")
    }
    stations = {s.pk: s for s in LiaisonStation.objects.filter(township__county=county)}
    kept = set()
    for row in roster.rows:
        _carry_station_over(row, stations)
        # Every deputy in the file sits in the new term, whatever the file says of 届次 and
        # 在任: the numbers are the change's, given once in the form.
        level = row.deputy_fields["level"]
        township = row.deputy_fields["township"]
        row.deputy_fields["term"] = (
            change.county_number if level == Deputy.Level.COUNTY else numbers.get(township.pk, 1)
        )
        row.deputy_fields["is_active"] = True
        if row.deputy is not None and row.deputy.pk in in_office:
            kept.add(row.deputy.pk)
            plan.reelected.append(row)
        else:
            plan.new.append(row)
    plan.leaving = [deputy for pk, deputy in in_office.items() if pk not in kept]
    by_township = {t.pk: PlaceCounts(t, terms.get(t.pk), numbers.get(t.pk, 1)) for t in townships}
    for rows, attribute in ((plan.reelected, "reelected"), (plan.new, "new")):
        for row in rows:
            counts = by_township[row.deputy_fields["township"].pk]
            setattr(counts, attribute, getattr(counts, attribute) + 1)
    for deputy in plan.leaving:
        by_township[deputy.township_id].leaving += 1
    plan.places = list(by_township.values())
    plan.problems = _problems(change, terms)
    return plan


def _carry_station_over(row, stations: dict) -> None:
    """A re-elected deputy whose row names no station keeps theirs if they stay in the same
    township (a roster drawn up for the election often leaves stations out). `stations`: the
    county's, by id."""
    deputy = row.deputy
    if (
        deputy is not None
        and deputy.station_id in stations
        and row.deputy_fields.get("station") is None
        and row.deputy_fields["township"].pk == deputy.township_id
    ):
        row.deputy_fields["station"] = stations[deputy.station_id]
        row.changes = [c for c in row.changes if c.column != "station"]


def _problems(change: TermChange, terms: dict) -> list[str]:
    """What stops this change, besides the roster's rows: numbers that do not follow on, a
    first day that does not come after the current terms' start, another change since."""
    problems = []
    added = Township.objects.filter(county_id=change.county_id).exclude(
        pk__in=[int(pk) for pk in change.township_numbers]
    )
    for township in added:
        problems.append(
            _("%(township)s was added after this change was started: start again.")
            % {"township": township.name}
        )
    if sorted(t.pk for t in terms.values()) != sorted(change.previous_terms):
        problems.append(
            _(
                "Another term change has been confirmed since this one was checked. Look at "
                "the county's terms before starting again."
            )
        )
    for township_id, term in terms.items():
        number = (
            change.county_number
            if township_id is None
            else change.township_numbers.get(str(township_id))
        )
        if number is not None and number <= term.number:
            problems.append(
                _("%(congress)s is in its term %(old)s already; the new term must come after it.")
                % {"congress": term.congress_name, "old": term.label}
            )
        if term.starts_on and change.starts_on <= term.starts_on:
            problems.append(
                _("%(congress)s's current term began on %(day)s; the new one must begin later.")
                % {"congress": term.congress_name, "day": term.starts_on.isoformat()}
            )
    return problems


@transaction.atomic
def confirm_change(change: TermChange, *, by, digest: str) -> TermPlan | None:
    """Carry the change out, as checked. Returns the plan written, or None when this change was
    confirmed already (two officers, or a double click: the first one does it). Raises
    TermChangeRefused when it cannot go ahead, and `PlanChanged` (with the new plan) when what
    it would write differs from what the officer saw."""
    # Changes and imports of one county take turns: each sees what the other wrote.
    County.objects.select_for_update().filter(pk=change.county_id).values("pk").first()
    now = timezone.now()
    if not TermChange.objects.filter(pk=change.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, confirmed_by=by
    ):
        return None
    change.refresh_from_db()
    plan = check_change(change)
    if plan.problems or plan.roster.errors:
        raise TermChangeRefused(" ".join(plan.problems) or _("Some rows cannot be imported."))
    if not constant_time_compare(plan.digest(), digest):
        raise PlanChanged(plan)
    last_day = change.starts_on - timedelta(days=1)
    old_terms = list(current_terms(change.county).values())
    _end_terms(old_terms, last_day)
    new_terms = _open_terms(change, by)
    applied = apply_roster(plan.roster, upload=change.upload)
    if applied is None or applied.errors:  # written meanwhile by someone else: undo it all
        raise PlanChanged(check_change(change))
    reelected = [row.deputy for row in plan.reelected]
    new = [row.deputy for row in plan.new]
    _seat(new_terms, reelected, new, change.starts_on)
    leaving = [deputy.pk for deputy in plan.leaving]
    Deputy.objects.filter(pk__in=leaving).update(is_active=False, updated_at=now)
    User.objects.filter(deputy__pk__in=leaving).update(archive_only=True)
    change.reelected_count, change.new_count, change.left_count = (
        len(reelected),
        len(new),
        len(leaving),
    )
    change.save(update_fields=["reelected_count", "new_count", "left_count"])
    record_roster_import(applied, county=change.county, filename=change.upload.filename, by=by)
    _audit(change, new_terms, by)
    term_opened.send(
        sender=TermChange,
        county=change.county,
        terms=list(new_terms.values()),
        new=new,
        reelected=reelected,
        reelected_choice=change.reelected_choice,
        by=by,
    )
    return plan


class PlanChanged(Exception):
    """What confirming would write differs from what was shown; `plan` is the new check."""

    def __init__(self, plan: TermPlan):
        super().__init__("The check differs from the one reviewed")
        self.plan = plan


def _end_terms(terms: list[Term], last_day) -> None:
    """End the terms on `last_day`, and their open seats with "term ended"."""
    ids = [term.pk for term in terms]
    Term.objects.filter(pk__in=ids).update(ends_on=last_day)
    open_seats = Membership.objects.filter(term_id__in=ids, ended_on__isnull=True)
    # A seat that began after the last day (a by-election days before) ends the day it began.
    open_seats.filter(started_on__gt=last_day).update(
        ended_on=F("started_on"), end_reason=Membership.EndReason.TERM_ENDED
    )
    open_seats.filter(Q(started_on__isnull=True) | Q(started_on__lte=last_day)).update(
        ended_on=last_day, end_reason=Membership.EndReason.TERM_ENDED
    )


def _open_terms(change: TermChange, by) -> dict:
    """The new terms: {None: the county congress's, township id: each township's}."""
    terms = {
        None: Term(county=change.county, number=change.county_number, starts_on=change.starts_on)
    }
    for township in Township.objects.filter(county=change.county):
        number = change.township_numbers.get(str(township.pk))
        if number is not None:
            terms[township.pk] = Term(
                county=change.county,
                township=township,
                number=number,
                starts_on=change.starts_on,
            )
    for term in terms.values():
        term.opened_by = by
    Term.objects.bulk_create(terms.values())
    return {
        term.township_id: term
        for term in Term.objects.filter(county=change.county, ends_on__isnull=True)
    }


def _seat(terms: dict, reelected: list[Deputy], new: list[Deputy], starts_on) -> None:
    """Everyone in the file sits in their congress's new term from its first day. Deputies the
    roster made were seated by it in the new terms already; their seats get the first day."""
    made = {
        seat.deputy_id: seat
        for seat in Membership.objects.filter(
            term_id__in=[t.pk for t in terms.values()], deputy__in=[*reelected, *new]
        )
    }
    for flag, deputies in ((True, reelected), (False, new)):
        Membership.objects.filter(pk__in=[made[d.pk].pk for d in deputies if d.pk in made]).update(
            started_on=starts_on, reelected=flag
        )
    seats = []
    for deputy, was_reelected in [(d, True) for d in reelected] + [(d, False) for d in new]:
        if deputy.pk in made:
            continue
        township_id = None if deputy.level == Deputy.Level.COUNTY else deputy.township_id
        seats.append(
            Membership(
                deputy=deputy,
                term=terms[township_id],
                started_on=starts_on,
                reelected=was_reelected,
            )
        )
    Membership.objects.bulk_create(seats)


def _audit(change: TermChange, terms: dict, by) -> None:
    audit.record(
        audit.Action.TERM_CHANGED,
        by=by,
        county=change.county,
        term=str(terms[None]),
        day=change.starts_on.isoformat(),
        reelected=change.reelected_count,
        new=change.new_count,
        left=change.left_count,
        filename=change.upload.filename,
    )
