"""A deputy who leaves office during a term: staff record the last day and the reason; the
deputy keeps their record, and reads their own archive and certificates only, if the county
lets former deputies keep them."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from deputies.models import Deputy, Membership, Term
from deputies.terms import leave_office, set_term_start


@pytest.fixture
def seated(deputy):
    set_term_start(Term.objects.get(township=deputy.township), date(2022, 1, 5))
    deputy.refresh_from_db()
    return deputy


def record(client, deputy, **data):
    return client.post(reverse("deputy_leave", args=[deputy.pk]), data)


def test_township_staff_record_a_resignation_with_its_day_and_reason(
    client, township_staff, seated
):
    client.force_login(township_staff)
    day = timezone.localdate() - timedelta(days=10)

    response = record(
        client, seated, last_day=day.isoformat(), reason="resigned", note="第五次会议"
    )

    assert response.status_code == 302
    seated.refresh_from_db()
    assert not seated.is_active
    seat = seated.memberships.get()
    assert (seat.ended_on, seat.end_reason, seat.end_note) == (day, "resigned", "第五次会议")
    (entry,) = AuditEntry.objects.filter(action=Action.DEPUTY_LEFT_OFFICE)
    assert entry.deputy == seated and entry.detail["day"] == day.isoformat()
    # In office up to the last day, not after.
    assert Deputy.objects.in_office_on(day).filter(pk=seated.pk).exists()
    assert not Deputy.objects.in_office_on(day + timedelta(days=1)).filter(pk=seated.pk).exists()
    # The detail page lists the seat with its end.
    page = client.get(reverse("deputy_detail", args=[seated.pk]))
    assert "第五次会议" in page.text and "Record leaving office" not in page.text


@pytest.mark.parametrize(
    "data, field",
    [
        ({"last_day": "2099-01-01", "reason": "resigned"}, "last_day"),
        ({"last_day": "2021-01-01", "reason": "resigned"}, "last_day"),
        ({"last_day": "2024-01-01", "reason": "term_ended"}, "reason"),
        ({"last_day": "not a day", "reason": "moved"}, "last_day"),
        ({"reason": "died"}, "last_day"),
    ],
)
def test_a_bad_day_or_reason_gets_a_message_and_changes_nothing(
    client, township_staff, seated, data, field
):
    client.force_login(township_staff)

    response = record(client, seated, **data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    seated.refresh_from_db()
    assert seated.is_active and seated.memberships.get().ended_on is None
    assert not AuditEntry.objects.filter(action=Action.DEPUTY_LEFT_OFFICE).exists()


def test_station_staff_may_not_and_other_places_do_not_find_the_deputy(
    client, station_staff, other_township_deputy, seated, township_staff
):
    client.force_login(station_staff)
    assert client.get(reverse("deputy_leave", args=[seated.pk])).status_code == 403
    client.force_login(township_staff)
    url = reverse("deputy_leave", args=[other_township_deputy.pk])
    assert client.get(url).status_code == 404
    assert (
        record(client, other_township_deputy, last_day="2024-01-01", reason="moved").status_code
        == 404
    )
    other_township_deputy.refresh_from_db()
    assert other_township_deputy.is_active


def test_unticking_in_office_elsewhere_ends_the_seat_today(seated):
    seated.is_active = False
    seated.save()

    seat = seated.memberships.get()
    assert seat.ended_on == timezone.localdate() and seat.end_reason == Membership.EndReason.OTHER
    seated.is_active = True
    seated.save()
    assert seated.memberships.filter(ended_on__isnull=True).count() == 1


def test_a_former_deputy_reads_their_archive_and_certificates_only(client, seated):
    leave_office(seated, on=timezone.localdate(), reason="moved")
    client.force_login(seated.user)

    assert client.get(reverse("reports:archive")).status_code == 200
    assert client.get(reverse("certificates:mine")).status_code == 200
    for url in (reverse("home"), reverse("studysessions:mine"), reverse("proposals:list")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("reports:archive")


def test_a_county_that_keeps_no_access_signs_former_deputies_out(client, seated):
    county = seated.township.county
    county.former_deputies_keep_access = False
    county.save()
    leave_office(seated, on=timezone.localdate(), reason="moved")
    client.force_login(seated.user)

    response = client.get(reverse("reports:archive"))

    assert response.status_code == 403
    assert "no longer a deputy" in response.text or "不再担任代表" in response.text
    assert "_auth_user_id" not in client.session


def test_a_former_deputy_who_is_also_staff_keeps_the_staff_pages(client, seated, station):
    from deputies.models import StaffRole
    from deputies.services import grant_role

    grant_role(user=seated.user, kind=StaffRole.Kind.STATION, place=station)
    leave_office(seated, on=timezone.localdate(), reason="moved")
    client.force_login(seated.user)

    assert client.get(reverse("deputy_list")).status_code == 200


def test_a_former_deputys_menu_offers_their_archive_and_certificates_only(client, seated):
    leave_office(seated, on=timezone.localdate(), reason="moved")
    client.force_login(seated.user)

    page = client.get(reverse("reports:archive"))

    menu = page.text[page.text.index('class="main-nav"') : page.text.index("</nav>")]
    assert reverse("certificates:mine") in menu and reverse("reports:archive") in menu
    assert reverse("proposals:list") not in menu and reverse("studysessions:mine") not in menu
