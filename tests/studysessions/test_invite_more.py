"""Staff invite more deputies of the station to a session still to come."""

from datetime import timedelta

from django.urls import reverse

from deputies.factories import DeputyFactory
from notifications.models import Notification
from studysessions.factories import StudySessionFactory
from studysessions.models import Invitation
from studysessions.services import cancel_session


def invite_url(session):
    return reverse("studysessions:invite", args=[session.pk])


def test_staff_invite_a_deputy_who_was_left_out(english, station, deputy, station_staff):
    session = StudySessionFactory(station=station, invitees=[deputy])
    newcomer = DeputyFactory(station=station, user__mobile="13600000077", user__name="新来代表")
    english.force_login(station_staff)
    page = english.get(reverse("studysessions:staff_session", args=[session.pk]))
    assert "Invite more deputies" in page.text and "新来代表" in page.text
    response = english.post(invite_url(session), {"deputies": [newcomer.pk]})
    assert response.status_code == 302
    assert Invitation.objects.filter(session=session, deputy=newcomer).exists()
    assert Notification.objects.filter(user=newcomer.user).count() == 1
    page = english.get(response["Location"])
    assert "1 deputy invited and told." in page.text
    # Those invited already are not offered again, and nobody is told twice.
    assert english.post(invite_url(session), {"deputies": [newcomer.pk]}).status_code == 302
    assert Invitation.objects.filter(session=session).count() == 2
    assert Notification.objects.filter(user=newcomer.user).count() == 1


def test_another_stations_deputy_cannot_be_invited(
    english, station, deputy, other_station_deputy, station_staff
):
    session = StudySessionFactory(station=station, invitees=[deputy])
    english.force_login(station_staff)
    english.post(invite_url(session), {"deputies": [other_station_deputy.pk]})
    assert not Invitation.objects.filter(deputy=other_station_deputy).exists()


def test_no_invitations_to_a_cancelled_or_past_session(english, station, deputy, station_staff):
    newcomer = DeputyFactory(station=station, user__mobile="13600000078")
    cancelled = StudySessionFactory(station=station, invitees=[deputy])
    cancel_session(session=cancelled, reason="下雨", cancelled_by=station_staff)
    past = StudySessionFactory(station=station, invitees=[deputy], starts_in=-timedelta(days=2))
    english.force_login(station_staff)
    for session, refusal in [(cancelled, "cannot be changed"), (past, "is over")]:
        page = english.get(reverse("studysessions:staff_session", args=[session.pk]))
        assert "Invite more deputies" not in page.text
        response = english.post(invite_url(session), {"deputies": [newcomer.pk]}, follow=True)
        assert refusal in response.text
    assert not Invitation.objects.filter(deputy=newcomer).exists()


def test_staff_of_another_station_get_404(client, station, deputy, other_station):
    from deputies.factories import UserFactory
    from deputies.models import StaffRole
    from deputies.services import grant_role

    outsider = UserFactory(mobile="13700000097")
    grant_role(user=outsider, kind=StaffRole.Kind.STATION, place=other_station)
    session = StudySessionFactory(station=station, invitees=[deputy])
    client.force_login(outsider)
    assert client.post(invite_url(session), {"deputies": [deputy.pk]}).status_code == 404
