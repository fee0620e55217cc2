"""Writes of submitted suggestions. A suggestion goes awaiting → replied → closed, or, where the
deputy is not satisfied with the reply, replied → rehandling → closed; each step is a function
that checks, on the row locked for the change, the state it starts from.

The deputy records their own; staff record for the deputies in their care (the views check the
scope), and each step they record is in the audit log, as other changes to a deputy's record
are."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record
from notifications.services import notify
from receptions.models import CoHandlingUnit, Suggestion

# 代表法 (2025) 第五十一条: replied within three months of the referral, six for a suggestion
# that is wide-ranging or hard to handle. The statute's numbers, not a setting.
REPLY_MONTHS = 3
COMPLEX_REPLY_MONTHS = 6
# The most co-handling units a suggestion names (a few in practice).
MAX_CO_UNITS = 10


class SuggestionError(Exception):
    """A change refused, with a message for the person who asked."""


def add_months(day: date, months: int) -> date:
    """The day `months` calendar months after `day`: the same day of the month, or the month's
    last day where it has no such day (30 November + 3 months = 28 or 29 February). That is how
    a period in months ends under 民法典 第二百零一条、第二百零二条 (the first day not counted;
    the corresponding day of the last month, else its last day)."""
    return day + relativedelta(months=months)


def reply_due_for(*, assigned_on: date, is_complex: bool) -> date:
    """The last day for the reply to a suggestion referred on `assigned_on`."""
    return add_months(assigned_on, COMPLEX_REPLY_MONTHS if is_complex else REPLY_MONTHS)


def rehandling_due_for(said_on: date) -> date:
    """The last day for the second reply, counted from the day the deputy said they were not
    satisfied, by the province's rule: RECEPTIONS_REHANDLING_DAYS days where set, else
    RECEPTIONS_REHANDLING_MONTHS calendar months (Zhejiang, 第四十三条: one month)."""
    days = getattr(settings, "RECEPTIONS_REHANDLING_DAYS", 0)
    if days:
        return said_on + timedelta(days=days)
    return add_months(said_on, settings.RECEPTIONS_REHANDLING_MONTHS)


def _locked(suggestion: Suggestion) -> Suggestion:
    return (
        Suggestion.objects.select_for_update().select_related("deputy__user").get(pk=suggestion.pk)
    )


def _require(suggestion: Suggestion, status: str, message: str) -> None:
    if suggestion.status != status:
        raise SuggestionError(message)


def _saved(suggestion: Suggestion) -> Suggestion:
    try:
        suggestion.full_clean()
    except ValidationError as exc:
        raise SuggestionError(" ".join(exc.messages)) from exc
    suggestion.save()
    return suggestion


def _not_future(day: date, message: str) -> None:
    if day > timezone.localdate():
        raise SuggestionError(message)


def _audit(suggestion: Suggestion, by, step: str) -> None:
    """Staff acting on a deputy's record are logged; the deputy's own entries are not."""
    if by is not None and by.pk != suggestion.deputy.user_id:
        record(
            Action.SUGGESTION_RECORDED,
            by=by,
            deputy=suggestion.deputy,
            title=suggestion.title,
            step=step,
        )


def _set_co_units(suggestion: Suggestion, names: list[str]) -> None:
    names = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if len(names) > MAX_CO_UNITS:
        raise SuggestionError(
            _("Name at most %(count)s co-handling units.") % {"count": MAX_CO_UNITS}
        )
    for name in names:
        if len(name) > 100:
            raise SuggestionError(_("A unit's name is at most 100 characters."))
    suggestion.co_units.all().delete()
    CoHandlingUnit.objects.bulk_create(
        CoHandlingUnit(suggestion=suggestion, name=name, order=i) for i, name in enumerate(names)
    )


def _check_details(*, assigned_on: date, draft, deputy) -> None:
    _not_future(assigned_on, _("The date referred cannot be in the future."))
    if draft is not None and draft.deputy_id != deputy.pk:
        raise SuggestionError(_("That draft is not the deputy's."))


@transaction.atomic
def record_suggestion(
    *,
    deputy,
    by,
    title: str,
    level: str,
    session: str,
    main_unit: str,
    co_units: list[str],
    assigned_on: date,
    is_complex: bool,
    draft=None,
) -> Suggestion:
    """Record a suggestion the deputy has submitted and the congress has referred (交办), with
    its reply deadline. `by` is who records it: the deputy, or staff for them.

    Idempotent: the same title referred on the same day is the same suggestion (a second tap
    on Save, another tab), and the one recorded first is returned unchanged."""
    _check_details(assigned_on=assigned_on, draft=draft, deputy=deputy)
    same = {"deputy": deputy, "title": title.strip(), "assigned_on": assigned_on}
    existing = Suggestion.objects.filter(**same).first()
    if existing is not None:
        return existing
    suggestion = Suggestion(
        **same,
        level=level,
        session=session.strip(),
        main_unit=main_unit.strip(),
        is_complex=is_complex,
        reply_due=reply_due_for(assigned_on=assigned_on, is_complex=is_complex),
        draft=draft,
        created_by=by,
    )
    try:
        with transaction.atomic():
            _saved(suggestion)
    except IntegrityError:
        # Recorded by the other tap between the look above and this insert.
        return Suggestion.objects.get(**same)
    _set_co_units(suggestion, co_units)
    _audit(suggestion, by, "added")
    return suggestion


@transaction.atomic
def update_suggestion(
    *,
    suggestion: Suggestion,
    by,
    title: str,
    level: str,
    session: str,
    main_unit: str,
    co_units: list[str],
    assigned_on: date,
    is_complex: bool,
) -> Suggestion:
    """Correct the details while the reply is awaited; the deadline follows the dates."""
    suggestion = _locked(suggestion)
    _require(
        suggestion,
        Suggestion.Status.AWAITING_REPLY,
        _("The reply has been recorded: the details can no longer change."),
    )
    _check_details(assigned_on=assigned_on, draft=None, deputy=suggestion.deputy)
    suggestion.title = title.strip()
    suggestion.level = level
    suggestion.session = session.strip()
    suggestion.main_unit = main_unit.strip()
    suggestion.assigned_on = assigned_on
    suggestion.is_complex = is_complex
    suggestion.reply_due = reply_due_for(assigned_on=assigned_on, is_complex=is_complex)
    _saved(suggestion)
    _set_co_units(suggestion, co_units)
    _audit(suggestion, by, "edited")
    return suggestion


@transaction.atomic
def delete_suggestion(*, suggestion: Suggestion, by) -> None:
    """Remove a suggestion recorded by mistake, while its reply is awaited; once a reply is
    recorded the record stays."""
    suggestion = _locked(suggestion)
    _require(
        suggestion,
        Suggestion.Status.AWAITING_REPLY,
        _("The reply has been recorded: the suggestion can no longer be deleted."),
    )
    _audit(suggestion, by, "deleted")
    suggestion.delete()


def _check_reply_date(suggestion: Suggestion, replied_on: date, after: date) -> None:
    _not_future(replied_on, _("The date cannot be in the future."))
    if replied_on < after:
        raise SuggestionError(
            _("The reply cannot come before %(date)s.") % {"date": after.isoformat()}
        )


@transaction.atomic
def record_reply(
    *, suggestion: Suggestion, by, replied_on: date, outcome: str, summary: str
) -> Suggestion:
    """The handling unit's reply: when, how it classes the suggestion, and what it says."""
    suggestion = _locked(suggestion)
    _require(
        suggestion, Suggestion.Status.AWAITING_REPLY, _("The reply has already been recorded.")
    )
    _check_reply_date(suggestion, replied_on, suggestion.assigned_on)
    suggestion.replied_on = replied_on
    suggestion.outcome = outcome
    suggestion.reply_summary = summary.strip()
    suggestion.status = Suggestion.Status.REPLIED
    _saved(suggestion)
    _audit(suggestion, by, "reply")
    return suggestion


@transaction.atomic
def record_satisfaction(
    *, suggestion: Suggestion, by, satisfaction: str, said_on: date
) -> Suggestion:
    """The deputy's opinion of the reply. Satisfied or basically satisfied closes the
    suggestion; not satisfied asks the unit to handle it again, with the second reply due by
    the province's rule (`rehandling_due_for`)."""
    suggestion = _locked(suggestion)
    _require(
        suggestion,
        Suggestion.Status.REPLIED,
        _("The deputy's opinion is given once, after the reply."),
    )
    _check_reply_date(suggestion, said_on, suggestion.replied_on)
    suggestion.satisfaction = satisfaction
    suggestion.satisfaction_on = said_on
    if satisfaction == Suggestion.Satisfaction.NOT_SATISFIED:
        suggestion.status = Suggestion.Status.REHANDLING
        suggestion.rehandling_due = rehandling_due_for(said_on)
    else:
        suggestion.status = Suggestion.Status.CLOSED
    _saved(suggestion)
    _audit(suggestion, by, "satisfaction")
    return suggestion


@transaction.atomic
def record_second_reply(
    *,
    suggestion: Suggestion,
    by,
    replied_on: date,
    outcome: str,
    summary: str,
    satisfaction: str = "",
) -> Suggestion:
    """The reply after handling again, and the deputy's opinion of it if known: the
    suggestion is then closed (a further objection goes to the congress's staff, 督办)."""
    suggestion = _locked(suggestion)
    _require(
        suggestion,
        Suggestion.Status.REHANDLING,
        _("A second reply is owed only when the deputy was not satisfied with the first."),
    )
    _check_reply_date(suggestion, replied_on, suggestion.satisfaction_on)
    suggestion.second_replied_on = replied_on
    suggestion.second_outcome = outcome
    suggestion.second_summary = summary.strip()
    suggestion.final_satisfaction = satisfaction
    suggestion.status = Suggestion.Status.CLOSED
    _saved(suggestion)
    _audit(suggestion, by, "second_reply")
    return suggestion


def send_overdue_reminders(*, on: date | None = None) -> int:
    """Tell each deputy once when the reply to one of their suggestions is overdue, and once
    more if the second reply is: one notification per suggestion and stage, whichever day it
    runs and however often (the key). Run daily by `manage.py send_suggestion_reminders`;
    returns how many were sent."""
    today = on or timezone.localdate()
    overdue = (
        Suggestion.objects.overdue(on=today)
        .filter(deputy__is_active=True, deputy__user__is_active=True)
        .select_related("deputy__user")
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for suggestion in overdue:
            second = suggestion.is_rehandling
            words = {"title": suggestion.title, "date": suggestion.due.isoformat()}
            if second:
                title = _("Second reply overdue: %(title)s") % words
            else:
                title = _("Reply overdue: %(title)s") % words
            body = (
                _(
                    "The reply was due on %(date)s. You may ask the congress's staff to follow "
                    "it up, and record the reply here when it comes."
                )
                % words
            )
            stage = "second" if second else "first"
            sent += notify(
                [suggestion.deputy.user],
                title=title[:200],
                body=body,
                url=reverse("receptions:suggestion", args=[suggestion.pk]),
                key=f"suggestion-overdue-{stage}:{suggestion.pk}",
            )
    return sent
