"""Terms (届) and seats: which congress term a deputy sits in, from when to when.

A deputy has one account and one history; each term they are elected to adds a seat
(`Membership`). Reports count "in office on a day" from seats (`models.in_office_on`), so a
report as of a past day counts the deputies of that day. `Deputy.is_active` ("in office") is
kept in step: true while the deputy holds an open seat.

The county's term change (`term_change.py`) opens the next terms and moves the roster across;
this module holds what it and everyone else writes a seat with.
"""

from datetime import date

from django.db import transaction

from audit import services as audit

from .models import County, Deputy, Membership, Term, Township


def congress_of(deputy: Deputy) -> tuple[int, int | None]:
    """The congress a deputy sits in: (county id, township id), the township None for a county
    deputy."""
    if deputy.level == Deputy.Level.COUNTY:
        return deputy.township.county_id, None
    return deputy.township.county_id, deputy.township_id


def current_term(county: County | int, township: Township | int | None = None) -> Term | None:
    county_id = getattr(county, "pk", county)
    township_id = getattr(township, "pk", township)
    return Term.objects.filter(
        county_id=county_id, township_id=township_id, ends_on__isnull=True
    ).first()


def term_for(deputy: Deputy) -> Term:
    """The current term of the deputy's congress; one is opened, its start not known, for a
    congress that has none yet (a county that went live before terms were recorded)."""
    county_id, township_id = congress_of(deputy)
    term = current_term(county_id, township_id)
    if term is None:
        term, _ = Term.objects.get_or_create(
            county_id=county_id,
            township_id=township_id,
            number=deputy.term,
            defaults={"starts_on": None},
        )
        if term.ends_on is not None:  # that number has ended: a stray, not the current term
            term = current_term(county_id, township_id) or term
    return term


@transaction.atomic
def take_seat(deputy: Deputy, *, term: Term | None = None, on: date | None = None, reelected=None):
    """Give the deputy a seat in `term` (by default their congress's current one) from `on` (by
    default the term's start, which may not be known). A deputy already seated there keeps the
    seat, reopened if it had ended."""
    term = term or term_for(deputy)
    start = on if on is not None else term.starts_on
    if reelected is None:
        reelected = Membership.objects.filter(
            deputy=deputy,
            term__county_id=term.county_id,
            term__township_id=term.township_id,
            term__number__lt=term.number,
        ).exists()
    seat, created = Membership.objects.get_or_create(
        deputy=deputy,
        term=term,
        defaults={"started_on": start, "reelected": reelected},
    )
    if not created and seat.ended_on is not None:
        seat.ended_on, seat.end_reason, seat.end_note = None, "", ""
        seat.save(update_fields=["ended_on", "end_reason", "end_note"])
    return seat


def seat_new_deputies(deputies: list[Deputy]) -> None:
    """Seat deputies just created (saved with `seats=False`), in few queries whatever their
    number: each in their congress's current term, from its start."""
    terms = {}
    seats = []
    for deputy in deputies:
        if not deputy.is_active:
            continue
        congress = congress_of(deputy)
        if congress not in terms:
            terms[congress] = term_for(deputy)
        term = terms[congress]
        seats.append(Membership(deputy=deputy, term=term, started_on=term.starts_on))
    Membership.objects.bulk_create(seats)


def end_seat(deputy: Deputy, *, on: date, reason: str, note: str = "") -> int:
    """End the deputy's open seats on `on` (their last day in office); how many were ended."""
    ended = 0
    for seat in Membership.objects.filter(deputy=deputy, ended_on__isnull=True):
        seat.ended_on = max(on, seat.started_on) if seat.started_on else on
        seat.end_reason, seat.end_note = reason, note[:200]
        seat.save(update_fields=["ended_on", "end_reason", "end_note"])
        ended += 1
    return ended


@transaction.atomic
def leave_office(deputy: Deputy, *, on: date, reason: str, note: str = "", by=None) -> None:
    """Record that a deputy left office: the last day, why, and who recorded it. Their account,
    history and certificates stay; whether they may still read their archive is the county's
    choice (`County.former_deputies_keep_access`)."""
    deputy = Deputy.objects.select_for_update().get(pk=deputy.pk)
    end_seat(deputy, on=on, reason=reason, note=note)
    deputy.is_active = False
    deputy.save(update_fields=["is_active", "updated_at"], seats=False)
    audit.record(
        audit.Action.DEPUTY_LEFT_OFFICE,
        by=by,
        deputy=deputy,
        day=on.isoformat(),
        reason=str(Membership.EndReason(reason).label),
    )


@transaction.atomic
def set_term_start(term: Term, day: date, *, by=None) -> str:
    """Set a term's first day; the seats that began with the term (on its old first day, or
    not known) begin on the new one. Returns why it cannot be done, or "" when done."""
    from django.utils.translation import gettext as _

    term = Term.objects.select_for_update().get(pk=term.pk)
    if term.ends_on and day > term.ends_on:
        return _("The term ended on %(day)s; it cannot begin after that.") % {
            "day": term.ends_on.isoformat()
        }
    before = (
        Term.objects.filter(
            county_id=term.county_id, township_id=term.township_id, number__lt=term.number
        )
        .order_by("-number")
        .first()
    )
    if before and before.ends_on and day <= before.ends_on:
        return _("The term before it ended on %(day)s; this one must begin later.") % {
            "day": before.ends_on.isoformat()
        }
    old = term.starts_on
    seats = Membership.objects.filter(term=term)
    seats = seats.filter(started_on=old) if old else seats.filter(started_on__isnull=True)
    # A seat that ended before the new first day keeps its start (it ends on its own day).
    seats.filter(ended_on__isnull=True).update(started_on=day)
    seats.filter(ended_on__gte=day).update(started_on=day)
    term.starts_on = day
    term.save(update_fields=["starts_on"])
    audit.record(
        audit.Action.TERM_DATES_CHANGED,
        by=by,
        county=term.county,
        term=str(term),
        old=old.isoformat() if old else "—",
        new=day.isoformat(),
    )
    return ""


def seats_of(deputy: Deputy) -> list[Membership]:
    """The deputy's seats, latest term first, with their terms and places."""
    return list(
        deputy.memberships.select_related("term__county", "term__township").order_by(
            "-term__number", "-started_on"
        )
    )
