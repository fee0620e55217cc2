"""Reads of submitted suggestions. A deputy reaches their own; staff reach those of the deputies
in their care (`deputies.selectors.deputies_in_care_of`): anyone else gets 404.

`reply_deadlines_by_place` is the county dashboard's: the replies owed and overdue on a given
day, by township and by station."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, F, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from deputies.selectors import deputies_in_care_of
from proposals.models import Draft, Genre
from receptions.models import Suggestion

# The staff list's tabs, in the order shown.
STAFF_TABS = ("awaiting", "overdue", "answered", "not_satisfied", "all")


def deputy_suggestions(deputy) -> list[Suggestion]:
    """The deputy's own, those awaiting a reply first (soonest due first), then the others
    (latest first)."""
    rows = list(Suggestion.objects.filter(deputy=deputy).prefetch_related("co_units"))
    return sorted(rows, key=_listing_order)


def _listing_order(suggestion: Suggestion):
    if suggestion.is_open:
        return (0, suggestion.due.toordinal(), suggestion.pk)
    return (1, -suggestion.created_at.timestamp(), -suggestion.pk)


def in_care_of(user) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(deputy__in=deputies_in_care_of(user))


def suggestion_for(user, pk) -> Suggestion:
    """One suggestion for its deputy or for staff whose scope covers the deputy; 404 for
    anyone else (never 403: it would confirm that the record exists)."""
    mine = Q(deputy__user_id=user.pk) if user.is_authenticated else Q(pk__in=[])
    visible = Suggestion.objects.filter(mine | Q(deputy__in=deputies_in_care_of(user)))
    return get_object_or_404(
        visible.select_related("deputy__user", "deputy__station", "deputy__township", "draft"),
        pk=pk,
    )


def own_suggestion_draft(deputy, pk) -> Draft:
    """A practice draft of the deputy's of the suggestion genre, to record as submitted."""
    return get_object_or_404(
        Draft.objects.filter(deputy=deputy, exercise__genre=Genre.SUGGESTION).select_related(
            "exercise"
        ),
        pk=pk,
    )


def _tab_filter(tab: str, on: date) -> Q:
    overdue = Q(status=Suggestion.Status.AWAITING_REPLY, reply_due__lt=on) | Q(
        status=Suggestion.Status.REHANDLING, rehandling_due__lt=on
    )
    return {
        "awaiting": Q(status__in=Suggestion.OPEN) & ~overdue,
        "overdue": overdue,
        "answered": Q(status__in=[Suggestion.Status.REPLIED, Suggestion.Status.CLOSED]),
        "not_satisfied": Q(satisfaction=Suggestion.Satisfaction.NOT_SATISFIED),
        "all": Q(),
    }[tab]


def staff_list(user, tab: str, *, on: date) -> QuerySet[Suggestion]:
    """The tab's suggestions, the reply owed soonest first (the second reply's deadline for
    one handled again), then those with none owed."""
    current_due = Case(
        When(status=Suggestion.Status.REHANDLING, then=F("rehandling_due")),
        When(status=Suggestion.Status.AWAITING_REPLY, then=F("reply_due")),
        default=None,
    )
    return (
        in_care_of(user)
        .filter(_tab_filter(tab, on))
        .for_listing()
        .annotate(current_due=current_due)
        .order_by(F("current_due").asc(nulls_last=True), "-replied_on", "pk")
    )


def staff_tab_counts(user, *, on: date) -> dict[str, int]:
    """How many each tab holds, in one query."""
    return in_care_of(user).aggregate(
        **{tab: Count("pk", filter=_tab_filter(tab, on)) for tab in STAFF_TABS}
    )


@dataclass(frozen=True)
class Countdown:
    """What the lists say of the reply owed: words, and a tone for the badge."""

    text: str
    tone: str  # "ok", "soon", "late", "done"


def countdown(suggestion: Suggestion, *, on: date) -> Countdown:
    days = suggestion.days_left(on=on)
    if days is None:
        if suggestion.is_replied:
            return Countdown(_("Replied: the deputy's opinion awaited"), "soon")
        return Countdown(pgettext("suggestion", "Closed"), "done")
    second = suggestion.is_rehandling
    if days < 0:
        if second:
            text = ngettext(
                "Second reply overdue by %(days)s day",
                "Second reply overdue by %(days)s days",
                -days,
            )
        else:
            text = ngettext(
                "Reply overdue by %(days)s day", "Reply overdue by %(days)s days", -days
            )
        return Countdown(text % {"days": -days}, "late")
    if days == 0:
        text = _("The second reply is due today") if second else _("The reply is due today")
        return Countdown(text, "late")
    if second:
        text = ngettext(
            "%(days)s day left for the second reply",
            "%(days)s days left for the second reply",
            days,
        )
    else:
        text = ngettext("%(days)s day left for the reply", "%(days)s days left for the reply", days)
    return Countdown(text % {"days": days}, "soon" if days <= 14 else "ok")


def with_countdowns(suggestions, *, on: date):
    for suggestion in suggestions:
        suggestion.countdown = countdown(suggestion, on=on)
    return suggestions


@dataclass(frozen=True)
class PlaceDeadlines:
    pk: int | None  # None: the deputies of a township with no station (`levels` "stations")
    name: str
    open: int  # replies owed on the day (first or second)
    overdue: int  # of which past their deadline
    # Counted from `since` (every day before `on` when not given) to `on`:
    referred: int = 0  # suggestions referred to their units (交办)
    replied: int = 0  # first replies received
    # Of those owed: second replies, the deputy not satisfied with the first.
    second: int = 0


def _as_of(on: date) -> tuple[Q, Q, Q]:
    """(owed on `on`, overdue on `on`, a second reply owed on `on`), from the dates alone, so
    that a past day counts as it stood then: a reply recorded after it was still owed on it."""
    first = Q(assigned_on__lte=on) & (Q(replied_on__isnull=True) | Q(replied_on__gt=on))
    second = Q(satisfaction=Suggestion.Satisfaction.NOT_SATISFIED, satisfaction_on__lte=on) & (
        Q(second_replied_on__isnull=True) | Q(second_replied_on__gt=on)
    )
    owed = first | second
    overdue = (first & Q(reply_due__lt=on)) | (second & Q(rehandling_due__lt=on))
    return owed, overdue, second


def replies_owed(user, *, on: date, within: Q | None = None) -> QuerySet[Suggestion]:
    """The suggestions of the deputies in the user's care (narrowed by `within`, a Q on
    Suggestion) owed a reply on `on`, as it stood that day, each with `owed_due`: the deadline
    of the reply owed then (the second reply's, for one the deputy was not satisfied with)."""
    owed, _overdue, second = _as_of(on)
    return (
        in_care_of(user)
        .filter(within or Q())
        .filter(owed)
        .annotate(owed_due=Case(When(second, then=F("rehandling_due")), default=F("reply_due")))
    )


# The groupings `reply_deadlines_by_place` offers: the field of Suggestion each groups by.
PLACE_FIELDS = {"townships": "deputy__township", "stations": "deputy__station"}


def reply_deadlines_by_place(
    user,
    *,
    on: date,
    since: date | None = None,
    within: Q | None = None,
    levels=("townships", "stations"),
) -> dict[str, list[PlaceDeadlines]]:
    """The replies owed to the deputies in the user's care on `on`, how many of them are
    overdue and how many are second replies, and the suggestions referred and replied to from
    `since` to `on`, by township and by station (or only the `levels` asked for), narrowed by
    `within` (a Q on Suggestion: a dashboard's place). Deputies of no station count in their
    township's row, and under "stations" in a row of their own (pk None) only when `within`
    is narrower than the user's scope (a township's page): the scope-wide listing leaves them
    out as before. Places with no suggestion referred by `on` are left out. One query a
    level, whatever the numbers."""
    owed, overdue, second = _as_of(on)
    period = Q(assigned_on__gte=since) if since else Q()
    replied = Q(replied_on__lte=on) & (Q(replied_on__gte=since) if since else Q())
    rows = in_care_of(user).filter(within or Q()).filter(assigned_on__lte=on)
    result = {}
    for key in levels:
        place = PLACE_FIELDS[key]
        grouped = rows if within else rows.exclude(**{f"{place}__isnull": True})
        grouped = (
            grouped.values(f"{place}_id", f"{place}__name")
            .annotate(
                open=Count("pk", filter=owed),
                overdue=Count("pk", filter=overdue),
                second=Count("pk", filter=second),
                referred=Count("pk", filter=period),
                replied=Count("pk", filter=replied),
            )
            .order_by(f"{place}__name", f"{place}_id")
        )
        result[key] = [
            PlaceDeadlines(
                r[f"{place}_id"],
                r[f"{place}__name"],
                r["open"],
                r["overdue"],
                referred=r["referred"],
                replied=r["replied"],
                second=r["second"],
            )
            for r in grouped
        ]
    return result
