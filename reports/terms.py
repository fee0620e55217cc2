"""Terms (届) as a filter of reports: which terms a place's reports offer, how a choice names
one, and the day a term's report counts to.

A county's reports offer its own congress's terms; a township's (and a station's) offer the
township congress's terms, or the county's while the township has none recorded. County and
township congresses are elected together, so their terms share their dates. Counting itself
is by day (`deputies.models.in_office_on`): a term only chooses the day.
"""

from datetime import date

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from deputies.models import Term


def congress_of_place(level: str, obj) -> tuple[int, int | None] | None:
    """(county id, township id or None) of the congress whose terms a place's reports offer;
    None for every county at once (their terms differ)."""
    if level == "county":
        return obj.pk, None
    if level in ("township", "unassigned"):
        return obj.county_id, obj.pk
    if level == "station":
        return obj.township.county_id, obj.township_id
    return None


def terms_in_view(level: str, obj) -> list[Term]:
    """The terms a place's reports offer, latest first. One query."""
    congress = congress_of_place(level, obj)
    if congress is None:
        return []
    county_id, township_id = congress
    found = list(
        Term.objects.filter(
            Q(county_id=county_id, township__isnull=True)
            | Q(township_id=township_id, township__isnull=False)
        )
        .select_related("county", "township")
        .order_by("-number")
    )
    own = [term for term in found if township_id is not None and term.township_id == township_id]
    return own or [term for term in found if term.township_id is None]


def term_label(term: Term) -> str:
    """第十九届（2022-01-01 — 2026-12-31）: the term's name and dates, as a choice shows it."""
    start = term.starts_on.isoformat() if term.starts_on else ""
    if term.ends_on is None:
        if not start:
            return _("Term %(term)s (current)") % {"term": term.label}
        return _("Term %(term)s (from %(start)s, current)") % {"term": term.label, "start": start}
    values = {"term": term.label, "start": start, "end": term.ends_on.isoformat()}
    if not start:
        return _("Term %(term)s (until %(end)s)") % values
    return _("Term %(term)s (%(start)s – %(end)s)") % values


def within(term: Term, day: date) -> bool:
    return (term.starts_on is None or term.starts_on <= day) and (
        term.ends_on is None or day <= term.ends_on
    )


def term_of_day(terms: list[Term], day: date) -> Term | None:
    """The term (of those offered) that `day` falls in, if any."""
    return next((term for term in terms if within(term, day)), None)


def choose(terms: list[Term], term_id: int | None, as_of: date | None, today: date):
    """The term and the day a report counts to: a chosen term's last day (today for the
    current one) unless another day inside it is given; with no term chosen, the day given
    (today by default) and the term it falls in. Http404 for a term not offered."""
    if term_id is None:
        day = as_of or today
        return term_of_day(terms, day), day
    term = next((t for t in terms if t.pk == term_id), None)
    if term is None:
        raise Http404("No such term here")
    if as_of is not None:
        return term, as_of
    return term, min(term.ends_on, today) if term.ends_on else today
