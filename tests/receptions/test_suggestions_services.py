"""Submitted suggestions: the reply deadline by calendar months (month ends clamped), the steps
from referral to closing and the states each may start from, the re-handling deadline from the
setting, the audit of staff's entries, and the overdue notice sent once."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from audit.models import Action, AuditEntry
from notifications.models import Notification
from receptions.models import Suggestion
from receptions.suggestions import services
from receptions.suggestions.factories import submitted_suggestion
from receptions.suggestions.services import (
    SuggestionError,
    add_months,
    rehandling_due_for,
    reply_due_for,
)


@pytest.mark.parametrize(
    ("assigned", "complex_", "due"),
    [
        (date(2026, 3, 10), False, date(2026, 6, 10)),  # the same day, three months on
        (date(2026, 3, 10), True, date(2026, 9, 10)),  # six for a complex matter
        (date(2026, 11, 30), False, date(2027, 2, 28)),  # no 30 February: its last day
        (date(2027, 11, 30), False, date(2028, 2, 29)),  # a leap year
        (date(2026, 11, 29), False, date(2027, 2, 28)),
        (date(2026, 8, 31), True, date(2027, 2, 28)),  # six months over the year's end
        (date(2026, 5, 31), False, date(2026, 8, 31)),  # August has a 31st
        (date(2026, 3, 31), False, date(2026, 6, 30)),  # June has not
        (date(2026, 10, 15), False, date(2027, 1, 15)),  # into the next year
        (date(2026, 2, 28), False, date(2026, 5, 28)),  # a month's end is not carried on
    ],
)
def test_the_reply_is_due_by_calendar_months_with_month_ends_clamped(assigned, complex_, due):
    assert reply_due_for(assigned_on=assigned, is_complex=complex_) == due


def test_the_rehandling_deadline_follows_the_setting(settings):
    settings.RECEPTIONS_REHANDLING_DAYS = 0
    settings.RECEPTIONS_REHANDLING_MONTHS = 1
    assert rehandling_due_for(date(2027, 1, 31)) == date(2027, 2, 28)
    settings.RECEPTIONS_REHANDLING_MONTHS = 2
    assert rehandling_due_for(date(2026, 12, 31)) == date(2027, 2, 28)
    settings.RECEPTIONS_REHANDLING_DAYS = 15  # a province that counts days
    assert rehandling_due_for(date(2027, 1, 31)) == date(2027, 2, 15)


def test_add_months_is_the_same_day_or_the_last_one():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 31), 12) == date(2025, 1, 31)


def _today():
    return timezone.localdate()


def test_a_deputy_records_a_suggestion_and_the_reply_is_counted_down(deputy):
    referred = _today() - timedelta(days=10)
    suggestion = submitted_suggestion(
        deputy, assigned_on=referred, co_units=["镇财政所", " ", "镇财政所", "村委会"]
    )
    assert suggestion.status == Suggestion.Status.AWAITING_REPLY
    assert suggestion.reply_due == add_months(referred, 3)
    assert suggestion.co_unit_names == ["镇财政所", "村委会"]  # blanks and repeats dropped
    assert suggestion.days_left() == (suggestion.reply_due - _today()).days
    # The deputy's own entries are not audited: only staff acting on a deputy's record.
    assert not AuditEntry.objects.filter(action=Action.SUGGESTION_RECORDED).exists()


def test_the_same_suggestion_recorded_twice_is_one(deputy):
    referred = _today() - timedelta(days=3)
    first = submitted_suggestion(deputy, assigned_on=referred, main_unit="镇建设办")
    again = submitted_suggestion(deputy, assigned_on=referred, main_unit="另一个单位")
    assert again.pk == first.pk and Suggestion.objects.get().main_unit == "镇建设办"
    # Another day, or another title, is another suggestion.
    submitted_suggestion(deputy, assigned_on=referred - timedelta(days=1))
    submitted_suggestion(deputy, assigned_on=referred, title="另一件建议")
    assert Suggestion.objects.count() == 3


def test_a_date_referred_in_the_future_is_refused(deputy):
    with pytest.raises(SuggestionError):
        submitted_suggestion(deputy, assigned_on=_today() + timedelta(days=1))
    assert not Suggestion.objects.exists()


def test_the_whole_way_to_a_second_reply(deputy, station_staff, settings):
    settings.RECEPTIONS_REHANDLING_DAYS = 0
    settings.RECEPTIONS_REHANDLING_MONTHS = 1
    today = _today()
    suggestion = submitted_suggestion(
        deputy, by=station_staff, assigned_on=today - timedelta(days=80), is_complex=True
    )
    services.update_suggestion(
        suggestion=suggestion,
        by=station_staff,
        title="关于修缮村卫生室的建议（修改）",
        level="township",
        session="第十九届人大第五次会议",
        main_unit="镇卫生健康办公室",
        co_units=["村委会"],
        assigned_on=today - timedelta(days=70),
        is_complex=False,
    )
    suggestion.refresh_from_db()
    assert suggestion.reply_due == add_months(today - timedelta(days=70), 3)
    with pytest.raises(SuggestionError):  # a reply before the referral
        services.record_reply(
            suggestion=suggestion,
            by=station_staff,
            replied_on=today - timedelta(days=71),
            outcome="resolved",
            summary="",
        )
    with pytest.raises(SuggestionError):  # the opinion before any reply
        services.record_satisfaction(
            suggestion=suggestion, by=deputy.user, satisfaction="satisfied", said_on=today
        )
    services.record_reply(
        suggestion=suggestion,
        by=station_staff,
        replied_on=today - timedelta(days=5),
        outcome="planned",
        summary="  已列入明年计划。 ",
    )
    suggestion.refresh_from_db()
    assert suggestion.is_replied and suggestion.reply_summary == "已列入明年计划。"
    assert suggestion.days_left() is None
    with pytest.raises(SuggestionError):  # the details are fixed once replied
        services.update_suggestion(
            suggestion=suggestion,
            by=deputy.user,
            title="x",
            level="township",
            session="",
            main_unit="y",
            co_units=[],
            assigned_on=today,
            is_complex=False,
        )
    said_on = today - timedelta(days=2)
    services.record_satisfaction(
        suggestion=suggestion, by=deputy.user, satisfaction="not_satisfied", said_on=said_on
    )
    suggestion.refresh_from_db()
    assert suggestion.is_rehandling
    assert suggestion.rehandling_due == add_months(said_on, 1)
    assert suggestion.due == suggestion.rehandling_due
    services.record_second_reply(
        suggestion=suggestion,
        by=deputy.user,
        replied_on=today,
        outcome="resolved",
        summary="已修缮。",
        satisfaction="basically",
    )
    suggestion.refresh_from_db()
    assert suggestion.is_closed and suggestion.final_satisfaction == "basically"
    with pytest.raises(SuggestionError):
        services.record_second_reply(
            suggestion=suggestion, by=deputy.user, replied_on=today, outcome="resolved", summary=""
        )
    # The staff's steps are in the log, the deputy's are not; the log reads as a sentence.
    entries = list(
        AuditEntry.objects.filter(action=Action.SUGGESTION_RECORDED).order_by("at", "pk")
    )
    assert [e.detail["step"] for e in entries] == ["added", "edited", "reply"]
    assert all(e.deputy_id == deputy.pk and e.actor_id == station_staff.pk for e in entries)
    with translation.override("en"):
        assert entries[-1].description == (
            "王秀英, “关于修缮村卫生室的建议（修改）”: reply recorded."
        )


def test_satisfied_closes_the_suggestion(deputy):
    today = _today()
    suggestion = submitted_suggestion(deputy, assigned_on=today - timedelta(days=30))
    services.record_reply(
        suggestion=suggestion, by=deputy.user, replied_on=today, outcome="resolved", summary=""
    )
    services.record_satisfaction(
        suggestion=suggestion, by=deputy.user, satisfaction="satisfied", said_on=today
    )
    suggestion.refresh_from_db()
    assert suggestion.is_closed and suggestion.rehandling_due is None


def test_the_overdue_notice_is_sent_once_per_stage(deputy, other_station_deputy):
    today = _today()
    late = submitted_suggestion(deputy, assigned_on=add_months(today, -3) - timedelta(days=1))
    submitted_suggestion(deputy, assigned_on=add_months(today, -3), title="今天到期")
    submitted_suggestion(other_station_deputy, assigned_on=today - timedelta(days=5))
    assert late.reply_due < today
    out = __import__("io").StringIO()
    call_command("send_suggestion_reminders", stdout=out)
    call_command("send_suggestion_reminders", stdout=out)
    notes = list(Notification.objects.all())
    assert len(notes) == 1  # once, for the one overdue (due today is not overdue yet)
    (note,) = notes
    assert note.user_id == deputy.user_id
    assert note.url == f"/receptions/suggestions/{late.pk}/"
    assert "关于修缮村卫生室的建议" in note.title
    assert "Overdue replies notified: 1" in out.getvalue()
    assert "Overdue replies notified: 0" in out.getvalue()

    # Replied, not satisfied, and the second reply late too: one more notice, once.
    services.record_reply(
        suggestion=late, by=deputy.user, replied_on=late.reply_due, outcome="explained", summary=""
    )
    services.record_satisfaction(
        suggestion=late,
        by=deputy.user,
        satisfaction="not_satisfied",
        said_on=late.reply_due,
    )
    late.refresh_from_db()
    later = late.rehandling_due + timedelta(days=1)
    # By then the one due today is overdue too: its first notice, and the second stage's.
    assert services.send_overdue_reminders(on=later) == 2
    assert services.send_overdue_reminders(on=later) == 0
    titles = set(Notification.objects.filter(user=deputy.user).values_list("title", flat=True))
    assert titles == {
        "答复已超期：关于修缮村卫生室的建议",
        "答复已超期：今天到期",
        "再次答复已超期：关于修缮村卫生室的建议",
    }


def test_no_notice_for_a_deputy_out_of_office(deputy):
    today = _today()
    submitted_suggestion(deputy, assigned_on=add_months(today, -4))
    deputy.is_active = False
    deputy.save()
    assert services.send_overdue_reminders() == 0


def test_the_countdown_in_words_and_tone(deputy):
    from receptions.suggestions.selectors import countdown

    referred = date(2026, 11, 30)
    suggestion = submitted_suggestion(deputy, assigned_on=referred)  # due 2027-02-28

    def on(day):
        c = countdown(suggestion, on=day)
        return c.text, c.tone

    with translation.override("en"):
        assert on(date(2027, 1, 1)) == ("58 days left for the reply", "ok")
        assert on(date(2027, 2, 14)) == ("14 days left for the reply", "soon")
        assert on(date(2027, 2, 27)) == ("1 day left for the reply", "soon")
        assert on(date(2027, 2, 28)) == ("The reply is due today", "late")
        assert on(date(2027, 3, 1)) == ("Reply overdue by 1 day", "late")
    assert on(date(2027, 1, 1)) == ("还有 58 天答复期满", "ok")
    assert on(date(2027, 3, 3)) == ("答复已超期 3 天", "late")
    services.record_reply(
        suggestion=suggestion, by=deputy.user, replied_on=referred, outcome="planned", summary=""
    )
    suggestion.refresh_from_db()
    assert on(date(2027, 1, 1)) == ("已答复，待代表反馈意见", "soon")
    services.record_satisfaction(
        suggestion=suggestion, by=deputy.user, satisfaction="basically", said_on=referred
    )
    suggestion.refresh_from_db()
    assert on(date(2027, 1, 1)) == ("已办结", "done")
