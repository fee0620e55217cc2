"""The register's pages: recording on the phone, the register with overdue matters in red,
a matter's page with the voter's mobile masked for all but the recorder and the station's
staff (each unmasked view audited), the next step's forms, scope, and queries per page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from deputies.factories import DeputyFactory
from notifications.models import Notification
from proposals.models import Draft
from receptions.matters import services
from receptions.models import Category, Matter, ReceptionDay

from .conftest import VOTER_MOBILE

MASKED = "139****0001"


def test_a_deputy_records_a_matter_with_the_voters_consent(english, deputy, station):
    english.force_login(deputy.user)
    form = english.get(reverse("receptions:record")).content.decode()
    assert 'type="hidden" name="station"' in form  # one station: nothing to choose
    response = english.post(
        reverse("receptions:record"),
        {
            "station": station.pk,
            "category": "water",
            "raised": "自来水三天没来",
            "voter_mobile": "139 1234 0001",
            "mobile_consent": "on",
        },
    )
    matter = Matter.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("receptions:matter", args=[matter.pk])
    assert (matter.voter_mobile, matter.category, matter.deputy) == (VOTER_MOBILE, "water", deputy)


def test_a_mobile_without_consent_is_refused_and_nothing_is_written(english, deputy, station):
    english.force_login(deputy.user)
    page = english.post(
        reverse("receptions:record"),
        {
            "station": station.pk,
            "category": "water",
            "raised": "停水",
            "voter_mobile": VOTER_MOBILE,
        },
    ).content.decode()
    assert "only if they agree" in page
    assert not Matter.objects.exists()


def test_a_visitor_without_a_station_cannot_record(english, editor):
    english.force_login(editor)
    assert english.get(reverse("receptions:record")).status_code == 404


def test_the_recorder_sees_the_mobile_and_the_view_is_audited(english, matter, deputy):
    english.force_login(deputy.user)
    page = english.get(reverse("receptions:matter", args=[matter.pk])).content.decode()
    assert VOTER_MOBILE in page and "周大妈" in page
    entry = AuditEntry.objects.get(action=Action.VOTER_MOBILE_VIEWED)
    assert entry.actor == deputy.user and entry.detail["matter"] == matter.case_number


def test_the_station_clerk_sees_the_mobile_each_view_audited(english, matter, station_staff):
    english.force_login(station_staff)
    for _ in range(2):
        assert (
            VOTER_MOBILE
            in english.get(reverse("receptions:matter", args=[matter.pk])).content.decode()
        )
    assert (
        AuditEntry.objects.filter(action=Action.VOTER_MOBILE_VIEWED, actor=station_staff).count()
        == 2
    )


@pytest.mark.parametrize("who", ["township_staff", "county_officer"])
def test_staff_above_the_station_see_the_mobile_masked_and_nothing_is_audited(
    request, english, matter, who
):
    english.force_login(request.getfixturevalue(who))
    page = english.get(reverse("receptions:matter", args=[matter.pk])).content.decode()
    assert MASKED in page and VOTER_MOBILE not in page
    assert not AuditEntry.objects.filter(action=Action.VOTER_MOBILE_VIEWED).exists()


def test_the_receiving_deputy_who_did_not_record_it_sees_it_masked(
    english, deputy, station, station_staff
):
    matter = services.record_matter(
        station=station,
        recorded_by=station_staff,
        category=Category.SAFETY,
        raised="路口没有红绿灯",
        voter=services.Voter("", VOTER_MOBILE, True),
    )
    Matter.objects.filter(pk=matter.pk).update(deputy=deputy)
    english.force_login(deputy.user)
    page = english.get(reverse("receptions:matter", args=[matter.pk])).content.decode()
    assert MASKED in page and VOTER_MOBILE not in page


@pytest.mark.parametrize(
    "who", ["other_station_deputy", "other_township_deputy", "other_county_deputy", "editor"]
)
def test_outside_the_scope_the_matter_does_not_exist(request, english, matter, who):
    person = request.getfixturevalue(who)
    english.force_login(getattr(person, "user", person))
    assert english.get(reverse("receptions:matter", args=[matter.pk])).status_code == 404
    register = english.get(reverse("receptions:register"))
    assert register.status_code == 404 or matter.case_number not in register.content.decode()


def test_another_stations_clerk_sees_neither_the_matter_nor_its_row(english, matter, other_station):
    from deputies.factories import UserFactory
    from deputies.models import StaffRole
    from deputies.services import grant_role

    clerk = UserFactory(mobile="13700000025")
    grant_role(user=clerk, kind=StaffRole.Kind.STATION, place=other_station)
    english.force_login(clerk)
    assert english.get(reverse("receptions:matter", args=[matter.pk])).status_code == 404
    assert "村口桥面" not in english.get(reverse("receptions:register")).content.decode()


def test_the_register_marks_overdue_matters_in_red_with_the_days(
    english, referred, station_staff, django_assert_max_num_queries
):
    Matter.objects.filter(pk=referred.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    for n in range(5):
        services.record_matter(
            station=referred.station, recorded_by=station_staff, category="other", raised=f"事{n}"
        )
    english.force_login(station_staff)
    with django_assert_max_num_queries(12):
        page = english.get(reverse("receptions:register") + "?show=overdue").content.decode()
    assert "matter-card--overdue" in page and "Overdue by 3 days" in page
    assert "事1" not in page  # only the overdue one


def test_the_townships_register_spans_its_stations(
    english, matter, other_station, township_staff, django_assert_max_num_queries
):
    services.record_matter(
        station=other_station, recorded_by=township_staff, category="health", raised="卫生室缺药"
    )
    english.force_login(township_staff)
    with django_assert_max_num_queries(12):
        page = english.get(reverse("receptions:register")).content.decode()
    assert "村口桥面" in page and "卫生室缺药" in page
    narrowed = english.get(reverse("receptions:register") + f"?station={other_station.pk}")
    assert "村口桥面" not in narrowed.content.decode()


def test_the_matter_page_shows_the_steps_and_the_next_forms(
    english, referred, station_staff, django_assert_max_num_queries
):
    for n in range(4):
        services.follow_up(matter=referred, by=station_staff, note=f"第{n}次催办")
    english.force_login(station_staff)
    with django_assert_max_num_queries(14):
        page = english.get(reverse("receptions:matter", args=[referred.pk])).content.decode()
    assert "第3次催办" in page and "Record the unit's answer" in page
    assert reverse("receptions:matter_step", args=[referred.pk, "answer"]) in page
    assert reverse("receptions:matter_step", args=[referred.pk, "refer"]) not in page


def test_a_clerk_takes_the_steps_through_the_page(english, matter, station_staff, deputy):
    english.force_login(station_staff)
    step = lambda kind, data: english.post(  # noqa: E731
        reverse("receptions:matter_step", args=[matter.pk, kind]),
        {f"{kind}-{k}": v for k, v in data.items()},
    )
    assert step("refer", {"unit": "镇交通办"}).status_code == 302
    assert step("answer", {"answer": "下周修"}).status_code == 302
    assert step("visit", {"satisfaction": "satisfied"}).status_code == 302
    assert step("close", {"closure": "planned", "note": "列入明年计划"}).status_code == 302
    matter.refresh_from_db()
    assert (matter.status, matter.closure) == (Matter.Status.CLOSED, "planned")
    again = step("close", {"closure": "solved"})
    assert [str(m) for m in again.wsgi_request._messages][-1] == "This matter is closed already."
    assert matter.steps.filter(kind="close").count() == 1


def test_a_deputy_cannot_take_a_clerks_step(english, matter, deputy):
    english.force_login(deputy.user)
    response = english.post(
        reverse("receptions:matter_step", args=[matter.pk, "refer"]), {"refer-unit": "镇交通办"}
    )
    assert response.status_code == 403
    matter.refresh_from_db()
    assert matter.status == Matter.Status.REGISTERED


def test_an_invalid_step_form_is_shown_again_with_its_error(english, matter, station_staff):
    english.force_login(station_staff)
    response = english.post(reverse("receptions:matter_step", args=[matter.pk, "reject"]), {})
    assert response.status_code == 200 and "This field is required." in response.content.decode()


def test_one_tap_turns_the_matter_into_a_suggestion_draft(english, matter, deputy):
    english.force_login(deputy.user)
    response = english.post(reverse("receptions:matter_suggestion", args=[matter.pk]))
    draft = Draft.objects.get()
    assert response.url == reverse("proposals:draft", args=[draft.pk])
    assert english.get(response.url).status_code == 200
    page = english.get(reverse("receptions:matter", args=[matter.pk])).content.decode()
    assert reverse("proposals:draft", args=[draft.pk]) in page


def test_scheduling_a_reception_day_tells_the_deputies_on_duty(
    english, station_staff, station, deputy, other_station_deputy
):
    peer = DeputyFactory(station=station, user__mobile="13600000041")
    english.force_login(station_staff)
    day = timezone.localdate() + timedelta(days=3)
    response = english.post(
        reverse("receptions:day_new"),
        {
            "station": station.pk,
            "day": day.isoformat(),
            "months": "1",
            "place": "村委会一楼",
            "on_duty": [deputy.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    [reception] = ReceptionDay.objects.all()
    assert list(reception.on_duty.all()) == [deputy]
    assert Notification.objects.filter(user=deputy.user).count() == 1
    assert not Notification.objects.filter(user=peer.user).exists()
    # A matter recorded that day joins it.
    matter = services.record_matter(
        station=station, recorded_by=deputy.user, category="other", raised="x", received_on=day
    )
    assert matter.reception_day == reception


def test_a_deputy_of_another_station_is_not_offered_for_duty(english, station_staff, station):
    english.force_login(station_staff)
    page = english.get(reverse("receptions:day_new")).content.decode()
    other = DeputyFactory(user__mobile="13600000042")
    assert other.user.name not in page


def test_the_days_page_lists_the_days_and_who_is_on_duty(
    english, station_staff, station, deputy, django_assert_max_num_queries
):
    for n in range(3):
        services.schedule_reception_day(
            station=station,
            created_by=station_staff,
            day=timezone.localdate() + timedelta(days=n),
            place="联络站",
            on_duty=[deputy],
        )
    english.force_login(deputy.user)
    with django_assert_max_num_queries(10):
        page = english.get(reverse("receptions:days")).content.decode()
    assert page.count(deputy.user.name) >= 3


def test_the_phone_form_and_the_scheduling_form_make_few_queries(
    english, deputy, station_staff, django_assert_max_num_queries
):
    for n in range(5):
        DeputyFactory(station=deputy.station, user__mobile=f"1360000006{n}")
    english.force_login(deputy.user)
    with django_assert_max_num_queries(10):
        page = english.get(reverse("receptions:record")).content.decode()
    assert "Roads and transport" in page
    english.force_login(station_staff)
    with django_assert_max_num_queries(10):
        page = english.get(reverse("receptions:day_new")).content.decode()
    assert deputy.user.name in page


def test_the_audit_log_says_whose_mobile_was_shown(english, matter, station_staff, in_english):
    english.force_login(station_staff)
    english.get(reverse("receptions:matter", args=[matter.pk]))
    entry = AuditEntry.objects.get(action=Action.VOTER_MOBILE_VIEWED)
    assert entry.description == (
        f"Matter {matter.case_number} of 递铺代表联络站: the voter's mobile shown."
    )
    assert entry.county == matter.station.township.county
    assert VOTER_MOBILE not in str(entry.detail)
