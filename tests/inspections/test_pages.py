"""The inspections' pages: who may open them (staff of another station, and a deputy who takes
no part, find nothing), a fixed number of queries whatever the amount of data, creating an
inspection, and a finding sent by the form or by the phone's queue (JSON, once per UUID)."""

import uuid

import pytest
from django.urls import reverse

from deputies.factories import UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from inspections.models import Finding, Inspection
from inspections.services import compose_report, record_finding
from proposals.checker import Criterion
from proposals.models import Genre

from .conftest import jpeg


def fill(inspection, deputies, count):
    stop = inspection.stops.first()
    for n in range(count):
        for deputy in deputies:
            record_finding(
                deputy=deputy,
                inspection=inspection,
                stop_id=stop.pk,
                text=f"第{n}条",
                uuid=uuid.uuid4(),
                photo=jpeg(),
            )


@pytest.fixture
def other_station_staff(other_station):
    user = UserFactory(name="古城站务员", mobile="13700000005")
    grant_role(user=user, kind=StaffRole.Kind.STATION, place=other_station)
    return user


def test_staff_of_another_station_see_nothing_of_it(client, inspection, other_station_staff):
    client.force_login(other_station_staff)
    assert inspection.title.encode() not in client.get(reverse("inspections:list")).content
    assert client.get(reverse("inspections:detail", args=[inspection.pk])).status_code == 404
    fill(inspection, [inspection.organiser], 1)
    photo = Finding.objects.get().photos.get()
    assert client.get(reverse("inspections:photo", args=[photo.pk])).status_code == 404


def test_a_deputy_who_takes_no_part_finds_nothing(client, inspection, peer):
    client.force_login(peer.user)
    assert inspection.title.encode() not in client.get(reverse("inspections:mine")).content
    assert client.get(reverse("inspections:on_site", args=[inspection.pk])).status_code == 404
    response = client.post(reverse("inspections:record", args=[inspection.pk]))
    assert response.status_code == 404


def test_the_staff_pages_ask_a_fixed_number_of_queries(
    client, inspection, station_staff, deputy, member, django_assert_max_num_queries
):
    client.force_login(station_staff)
    fill(inspection, [deputy, member], 1)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("inspections:detail", args=[inspection.pk]))
    with django_assert_max_num_queries(8) as few_list:
        client.get(reverse("inspections:list"))
    fill(inspection, [deputy, member], 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("inspections:detail", args=[inspection.pk]))
    assert response.content.count(b"inspection-photo") == 10
    with django_assert_max_num_queries(len(few_list.captured_queries)):
        client.get(reverse("inspections:list"))


def test_the_on_site_page_asks_a_fixed_number_of_queries(
    client, inspection, deputy, member, django_assert_max_num_queries
):
    client.force_login(member.user)
    fill(inspection, [deputy, member], 1)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("inspections:on_site", args=[inspection.pk]))
    fill(inspection, [deputy, member], 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("inspections:on_site", args=[inspection.pk]))
    # The form takes a photo with the camera; only the deputy's own findings offer a suggestion.
    assert b'capture="environment"' in response.content and b'accept="image/*"' in response.content
    assert response.content.count("转为建议草稿".encode()) == 5


def test_staff_create_an_inspection_and_its_plan_is_drafted(
    client, station_staff, station, deputy, member
):
    client.force_login(station_staff)
    assert client.get(reverse("inspections:create")).status_code == 200
    response = client.post(
        reverse("inspections:create"),
        {
            "kind": "survey",
            "station": station.pk,
            "title": "村道养护",
            "starts_on": "2026-07-01",
            "stops": "东风路：路面\n西山桥",
            "organiser": deputy.pk,
            "deputies": [member.pk],
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "inspections:detail", args=[inspection.pk]
    )
    assert inspection.plan.exercise.genre == Genre.VISIT_PLAN
    assert "1. 东风路：路面" in inspection.plan.text_of("route")


def test_a_deputy_of_another_station_cannot_be_chosen(
    client, station_staff, station, deputy, other_station_deputy
):
    client.force_login(station_staff)
    response = client.post(
        reverse("inspections:create"),
        {
            "kind": "inspection",
            "station": station.pk,
            "title": "村道养护",
            "starts_on": "2026-07-01",
            "stops": "东风路",
            "organiser": deputy.pk,
            "deputies": [other_station_deputy.pk],
        },
    )
    assert response.status_code == 200 and not Inspection.objects.exists()


def test_a_finding_from_the_phones_queue_is_recorded_once(client, inspection, member):
    client.force_login(member.user)
    key = str(uuid.uuid4())
    url = reverse("inspections:record", args=[inspection.pk])
    data = {"uuid": key, "stop": inspection.stops.first().pk, "text": "盖板破损。"}
    for _attempt in range(2):
        response = client.post(
            url, {**data, "photo": jpeg()}, headers={"X-Requested-With": "fetch"}
        )
        assert response.status_code == 200 and response.json()["uuid"] == key
    assert Finding.objects.get().photos.count() == 1
    refused = client.post(
        url, {**data, "uuid": str(uuid.uuid4()), "text": ""}, headers={"X-Requested-With": "fetch"}
    )
    assert refused.status_code == 400 and refused.json()["error"]


def test_the_form_without_script_records_and_returns_to_the_page(client, inspection, member):
    client.force_login(member.user)
    response = client.post(
        reverse("inspections:record", args=[inspection.pk]),
        {"uuid": str(uuid.uuid4()), "stop": inspection.stops.first().pk, "text": "盖板破损。"},
        follow=True,
    )
    assert "记录已保存".encode() in response.content
    assert "盖板破损".encode() in response.content


def test_only_the_organiser_drafts_the_report(client, inspection, deputy, member):
    client.force_login(member.user)
    response = client.post(reverse("inspections:report", args=[inspection.pk]))
    assert response.url == reverse("inspections:on_site", args=[inspection.pk])
    inspection.refresh_from_db()
    assert inspection.report is None
    client.force_login(deputy.user)
    response = client.post(reverse("inspections:report", args=[inspection.pk]))
    inspection.refresh_from_db()
    assert response.url == reverse("proposals:draft", args=[inspection.report_id])
    # The draft opens in the engine's page, for its author only.
    assert client.get(response.url).status_code == 200
    client.force_login(member.user)
    assert client.get(response.url).status_code == 404


def test_a_finding_becomes_the_authors_suggestion_and_nobody_elses(
    client, inspection, deputy, member
):
    fill(inspection, [member], 1)
    finding = Finding.objects.get()
    client.force_login(deputy.user)
    assert client.post(reverse("inspections:suggest", args=[finding.pk])).status_code == 404
    client.force_login(member.user)
    response = client.post(reverse("inspections:suggest", args=[finding.pk]))
    finding.refresh_from_db()
    assert response.url == reverse("proposals:draft", args=[finding.suggestion_id])
    assert client.get(response.url).status_code == 200


def test_the_plan_and_the_report_are_written_and_reviewed_in_the_engines_pages(
    client, inspection, deputy, member, station_staff, other_station_staff
):
    """The plan opens in the drafting page with its own parts; the report, submitted, waits in
    the station staff's review queue, opens with the report's parts and criteria, and is
    accepted there; staff of another station do not see it."""
    from proposals.models import Review, Revision
    from proposals.services import submit_draft

    client.force_login(deputy.user)
    plan_page = client.get(reverse("proposals:draft", args=[inspection.plan_id])).content
    assert "关注问题清单".encode() in plan_page and "参加代表和分工".encode() in plan_page
    fill(inspection, [member], 1)
    report = compose_report(inspection=inspection)
    revision = submit_draft(
        draft=report,
        parts={"recommendations": "建议镇人民政府在7月底前为三组加装1台增压泵。"},
        saved_version=report.saved_version,
    )
    client.force_login(station_staff)
    queue = client.get(reverse("proposals:review_queue")).content.decode()
    assert reverse("proposals:review", args=[revision.pk]) in queue
    page = client.get(reverse("proposals:review", args=[revision.pk])).content.decode()
    assert "意见建议" in page and "提出意见，不直接处理" in page
    scores = {f"score_{code}": "4" for code in Criterion.values}
    response = client.post(
        reverse("proposals:review", args=[revision.pk]), {**scores, "decision": "accepted"}
    )
    assert response.status_code == 302
    assert Review.objects.get(revision=revision).decision == Review.Decision.ACCEPTED
    assert Revision.objects.get(pk=revision.pk).draft.status == "accepted"
    client.force_login(other_station_staff)
    assert client.get(reverse("proposals:review", args=[revision.pk])).status_code == 404
