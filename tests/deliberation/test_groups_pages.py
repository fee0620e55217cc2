"""The group deliberation's pages: the clerk opens one, ticks remarks (a plain form), closes it,
downloads the summary (audited); the projector shows the remarks of the deputies present, with
names only when attributed; scope (staff of another station, deputies: 404); the link on group
study's pages; each page's number of queries, which more remarks do not raise."""

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from deliberation.groups import selectors
from deliberation.models import GroupDeliberation
from deputies.factories import UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role

from .groups_world import NAMES, build, more_remarks

pytestmark = pytest.mark.usefixtures("english", "in_english")


@pytest.fixture
def other_station_staff(other_station):
    user = UserFactory(name="邻站站务", mobile="13700000009")
    grant_role(user=user, kind=StaffRole.Kind.STATION, place=other_station)
    return user


@pytest.fixture
def world(station, station_staff):
    return build(station, by=station_staff)


def urls(group):
    return [
        reverse("deliberation:group_create", args=[group.session_id]),
        reverse("deliberation:group_manage", args=[group.pk]),
        reverse("deliberation:group_screen", args=[group.pk]),
        reverse("deliberation:group_summary_docx", args=[group.pk]),
        reverse("deliberation:group_summary_pdf", args=[group.pk]),
    ]


def test_the_clerk_opens_a_deliberation_from_the_session(client, station_staff, world):
    client.force_login(station_staff)
    page = client.get(reverse("studysessions:staff_session", args=[world.session.pk]))
    assert reverse("deliberation:group_create", args=[world.session.pk]) in page.content.decode()
    assert reverse("deliberation:group_manage", args=[world.group.pk]) in page.content.decode()
    response = client.post(
        reverse("deliberation:group_create", args=[world.session.pk]),
        {"exercise": world.other.pk, "attributed": "0", "convener": "李建国"},
    )
    group = GroupDeliberation.objects.get(exercise=world.other)
    assert response.status_code == 302
    assert response["Location"] == reverse("deliberation:group_manage", args=[group.pk])
    assert not group.attributed and group.convener == "李建国" and group.is_open


def test_the_same_report_twice_is_refused_with_a_message(client, station_staff, world):
    client.force_login(station_staff)
    response = client.post(
        reverse("deliberation:group_create", args=[world.session.pk]),
        {"exercise": world.report.pk, "attributed": "1"},
    )
    assert response.status_code == 400
    assert "already being deliberated" in response.content.decode()
    assert GroupDeliberation.objects.count() == 1


def test_the_clerk_ticks_remarks_without_javascript(client, station_staff, world):
    client.force_login(station_staff)
    url = reverse("deliberation:group_manage", args=[world.group.pk])
    page = client.get(url).content.decode()
    assert world.unmarked.text in page and world.absent.text not in page
    assert world.elsewhere.text not in page
    assert f'value="{world.praise.pk}" checked' in page
    response = client.post(url, {"carried": [world.unmarked.pk, world.question.pk]})
    assert response.status_code == 302
    assert selectors.carried_ids(world.group) == {world.unmarked.pk, world.question.pk}


def test_the_clerk_writes_a_summing_up_of_a_section(client, station_staff, world):
    client.force_login(station_staff)
    url = reverse("deliberation:group_manage", args=[world.group.pk])
    road = world.question.paragraph.section_id
    response = client.post(url, {"carried": [world.question.pk], f"note-{road}": "请书面答复。"})
    assert response.status_code == 302
    assert selectors.notes(world.group) == {road: "请书面答复。"}
    assert "请书面答复。" in client.get(url).content.decode()
    # Too long: a message, nothing changed.
    response = client.post(url, {"carried": [], f"note-{road}": "长" * 301})
    assert response.status_code == 400
    assert selectors.notes(world.group) == {road: "请书面答复。"}
    assert selectors.carried_ids(world.group) == {world.question.pk}


@pytest.mark.parametrize("which", ["absent", "elsewhere", "junk"])
def test_a_mark_not_offered_is_refused_and_nothing_changes(client, station_staff, world, which):
    client.force_login(station_staff)
    before = selectors.carried_ids(world.group)
    value = "x'1" if which == "junk" else getattr(world, which).pk
    response = client.post(
        reverse("deliberation:group_manage", args=[world.group.pk]), {"carried": [value]}
    )
    assert response.status_code == 400
    assert selectors.carried_ids(world.group) == before


def test_closing(client, station_staff, world):
    client.force_login(station_staff)
    url = reverse("deliberation:group_close", args=[world.group.pk])
    assert client.post(url).status_code == 302
    world.group.refresh_from_db()
    assert world.group.is_closed
    # Again: a message, not an error.
    response = client.post(url, follow=True)
    assert "already closed" in response.content.decode()
    assert client.get(url).status_code == 405


@pytest.mark.parametrize("attributed", [True, False])
def test_the_projector_shows_names_only_when_attributed(client, station, station_staff, attributed):
    w = build(station, attributed=attributed, by=station_staff)
    client.force_login(station_staff)
    page = client.get(reverse("deliberation:group_screen", args=[w.group.pk])).content.decode()
    assert w.problem.text in page and w.problem.quote in page and "镇财政所" in page
    assert w.absent.text not in page and w.elsewhere.text not in page
    for name in NAMES[:3]:
        if name == "王秀英":
            continue  # the convener, shown only when attributed
        assert (f"Deputy {name}" in page) is attributed
    assert "赵德明" not in page
    assert ("data-vote-refresh" in page) is True


def test_the_screen_stops_refreshing_when_closed(client, station_staff, world):
    client.force_login(station_staff)
    client.post(reverse("deliberation:group_close", args=[world.group.pk]))
    page = client.get(reverse("deliberation:group_screen", args=[world.group.pk])).content.decode()
    assert "data-vote-refresh" not in page and "closed" in page


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_download_is_audited(client, station_staff, world, fmt):
    client.force_login(station_staff)
    response = client.get(reverse(f"deliberation:group_summary_{fmt}", args=[world.group.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action=Action.OPINIONS_EXPORTED)
    assert entry.actor == station_staff
    assert entry.detail["count"] == 4 and entry.detail["format"] == fmt
    assert entry.county_id == world.session.station.township.county_id
    assert entry.description == (
        f"“河口镇人民政府工作报告”, {world.session.topic} ({fmt}): 4 remarks, the deputies named."
    )


def test_staff_of_another_station_and_deputies_get_404(client, world, other_station_staff, deputy):
    for user in (other_station_staff, deputy.user, world.deputies[0].user):
        client.force_login(user)
        for url in urls(world.group):
            assert client.get(url).status_code == 404, (user, url)
        assert (
            client.post(reverse("deliberation:group_close", args=[world.group.pk])).status_code
            == 404
        )
    assert not AuditEntry.objects.filter(action=Action.OPINIONS_EXPORTED).exists()


def test_township_staff_reach_it(client, world, township_staff):
    client.force_login(township_staff)
    for url in urls(world.group):
        assert client.get(url).status_code == 200, url


# The deputies' side ---------------------------------------------------------------------------


def test_a_deputy_present_sees_the_deliberation_on_the_session_page(client, world):
    report = reverse("deliberation:report", args=[world.report.pk])
    session_page = reverse("studysessions:detail", args=[world.session.pk])
    client.force_login(world.deputies[0].user)
    assert report in client.get(session_page).content.decode()
    # Not checked in: no link.
    client.force_login(world.deputies[3].user)
    assert report not in client.get(session_page).content.decode()
    # Closed: no link.
    world.group.status = GroupDeliberation.Status.CLOSED
    world.group.save()
    client.force_login(world.deputies[0].user)
    assert report not in client.get(session_page).content.decode()


# Queries --------------------------------------------------------------------------------------


def _pinned(client, django_assert_max_num_queries, url, limit, method="get", data=None):
    with django_assert_max_num_queries(limit):
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("group_manage", 14),
        ("group_screen", 12),
        ("group_summary_docx", 16),
        ("group_summary_pdf", 16),
    ],
)
def test_each_staff_page_queries(
    client, station_staff, world, name, limit, django_assert_max_num_queries
):
    client.force_login(station_staff)
    url = reverse(f"deliberation:{name}", args=[world.group.pk])
    client.get(url)
    _pinned(client, django_assert_max_num_queries, url, limit)
    more_remarks(world)
    _pinned(client, django_assert_max_num_queries, url, limit)


def test_saving_marks_and_the_create_page_queries(
    client, station_staff, world, django_assert_max_num_queries
):
    client.force_login(station_staff)
    create = reverse("deliberation:group_create", args=[world.session.pk])
    client.get(create)
    _pinned(client, django_assert_max_num_queries, create, 12)
    manage = reverse("deliberation:group_manage", args=[world.group.pk])
    _pinned(
        client, django_assert_max_num_queries, manage, 22, "post", {"carried": [world.praise.pk]}
    )
    more_remarks(world)
    ids = [r.pk for r in selectors.remarks(world.group)]
    _pinned(client, django_assert_max_num_queries, manage, 22, "post", {"carried": ids})


def test_the_session_pages_queries_with_a_deliberation(
    client, station_staff, world, django_assert_max_num_queries
):
    client.force_login(world.deputies[0].user)
    detail = reverse("studysessions:detail", args=[world.session.pk])
    client.get(detail)
    with django_assert_max_num_queries(40) as counted:
        client.get(detail)
    before = len(counted.captured_queries)
    more_remarks(world)
    with django_assert_max_num_queries(before):
        client.get(detail)
