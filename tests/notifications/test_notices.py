"""Staff send a short notice to deputies in their scope: previewed, sent once, audited, read in
the notification centre."""

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from deputies.factories import DeputyFactory
from notifications.models import Notification

URL = reverse("send_notice")
NOTICE = {"title": "本周五集中学习", "body": "请于周五上午九点到联络站学习监督法。"}


def preview(client, data):
    return client.post(URL, data, headers={"accept-language": "en"})


def send(client, data):
    """Preview, then send as the preview's button does; the sending response."""
    shown = preview(client, data)
    assert shown.status_code == 200, shown.content.decode()
    token = shown.context["token"]
    return client.post(URL, {**data, "token": token, "confirm": shown.context["digest"]})


def test_a_notice_is_previewed_then_sent_to_the_station_and_read_in_the_centre(
    client, station_staff, station, deputy, other_station_deputy
):
    client.force_login(station_staff)

    shown = preview(client, {**NOTICE, "stations": [station.pk]})

    html = shown.content.decode()
    assert "The notice will reach 1 deputy" in html and deputy.user.name in html
    assert "Send to 1 deputy" in html and not Notification.objects.exists()

    response = client.post(
        URL,
        {**NOTICE, "stations": [station.pk], "token": shown.context["token"],
         "confirm": shown.context["digest"]},
    )  # fmt: skip

    assert response.status_code == 302 and response.url == URL
    [notice] = Notification.objects.all()
    assert notice.user == deputy.user and notice.title == NOTICE["title"]
    assert notice.body == f"{NOTICE['body']}\n\n—— {station_staff.name}"
    client.force_login(deputy.user)
    centre = client.get(reverse("notifications:list")).content.decode()
    assert NOTICE["title"] in centre and "九点" in centre
    [entry] = AuditEntry.objects.filter(action=Action.NOTICE_SENT)
    assert entry.actor == station_staff and entry.county_id == station.township.county_id
    assert entry.detail == {"title": NOTICE["title"], "count": 1, "audience": "递铺街道 1"}


def test_a_township_and_chosen_deputies(
    client, county_officer, township, deputy, other_station_deputy, other_township_deputy
):
    client.force_login(county_officer)
    send(client, {**NOTICE, "townships": [township.pk], "deputies": [other_township_deputy.pk]})
    told = set(Notification.objects.values_list("user__name", flat=True))
    assert told == {deputy.user.name, other_station_deputy.user.name, "张丽华"}
    [entry] = AuditEntry.objects.filter(action=Action.NOTICE_SENT)
    assert entry.detail["count"] == 3 and entry.detail["audience"] == "孝丰镇 1、递铺街道 2"


def test_a_double_submission_sends_once(client, station_staff, station, deputy):
    client.force_login(station_staff)
    data = {**NOTICE, "stations": [station.pk]}
    shown = preview(client, data)
    confirm = {**data, "token": shown.context["token"], "confirm": shown.context["digest"]}

    client.post(URL, confirm)
    again = client.post(URL, confirm, follow=True, headers={"accept-language": "en"})

    assert Notification.objects.count() == 1
    assert AuditEntry.objects.filter(action=Action.NOTICE_SENT).count() == 1
    assert "This notice was sent already" in again.content.decode()


def test_a_notice_changed_after_the_preview_is_previewed_again(
    client, station_staff, station, deputy
):
    client.force_login(station_staff)
    data = {**NOTICE, "stations": [station.pk]}
    shown = preview(client, data)
    changed = {**data, "body": "改到周六。", "token": shown.context["token"]}

    response = client.post(
        URL, {**changed, "confirm": shown.context["digest"]}, headers={"accept-language": "en"}
    )

    assert response.status_code == 200 and not Notification.objects.exists()
    assert "changed since the preview" in response.content.decode()


def test_places_and_deputies_outside_the_scope_are_refused(
    client, station_staff, other_station, other_station_deputy, other_county_deputy
):
    client.force_login(station_staff)
    for data in (
        {"stations": [other_station.pk]},
        {"deputies": [other_station_deputy.pk]},
        {"deputies": [other_county_deputy.pk]},
    ):
        response = preview(client, {**NOTICE, **data})
        assert response.status_code == 400
        assert other_station_deputy.user.name not in response.content.decode()
    assert not Notification.objects.exists()


def test_length_limits_and_nobody_chosen_are_explained(client, station_staff):
    client.force_login(station_staff)
    response = preview(client, {"title": "长" * 51, "body": "字" * 501})
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 50 characters" in html and "at most 500 characters" in html
    assert "At most 500 characters." in html  # the help, in the reader's language
    assert "Choose at least one township, station or deputy." in html


def test_deputies_left_office_are_not_told(client, station_staff, station, deputy):
    DeputyFactory(station=station, is_active=False, user__mobile="13500000001")
    client.force_login(station_staff)
    send(client, {**NOTICE, "stations": [station.pk]})
    assert list(Notification.objects.values_list("user", flat=True)) == [deputy.user.pk]


def test_deputies_and_editors_send_no_notices(client, deputy, editor):
    for user in (deputy.user, editor):
        client.force_login(user)
        assert client.get(URL).status_code == 404
        assert client.post(URL, NOTICE).status_code == 404


def test_notices_are_e_mailed_where_configured(
    client, station_staff, station, deputy, mail_on, mailoutbox, django_capture_on_commit_callbacks
):
    deputy.user.email = "wang@example.cn"
    deputy.user.save()
    client.force_login(station_staff)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, {**NOTICE, "stations": [station.pk]})
    [mail] = mailoutbox
    assert mail.subject == NOTICE["title"] and "九点" in mail.body


@pytest.mark.parametrize("deputies", [3, 30])
def test_notice_page_queries_do_not_grow(
    client, county_officer, station, deputies, django_assert_max_num_queries
):
    for n in range(deputies):
        DeputyFactory(station=station, user__mobile=f"135{n:08d}")
    client.force_login(county_officer)
    client.get(URL)
    with django_assert_max_num_queries(11):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(13):
        assert preview(client, {**NOTICE, "stations": [station.pk]}).status_code == 200
