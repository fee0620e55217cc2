"""A county's term change (换届) through the browser's pages: the form, the check that sorts
the county's deputies into re-elected, new and leaving, and the confirmation that opens the new
terms, keeps every record of the old one and deletes nothing."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from deputies.factories import DeputyFactory, LiaisonStationFactory, TownshipFactory
from deputies.models import Deputy, Membership, RosterImport, Term, TermChange, User
from deputies.signals import term_opened
from deputies.terms import set_term_start

from .rosters import build_roster, roster_row, roster_upload

OLD_START = date(2021, 12, 28)


@pytest.fixture
def first_day():
    return timezone.localdate() - timedelta(days=3)


@pytest.fixture
def sitting(county, deputy, other_station_deputy, other_township_deputy):
    """Three deputies in office since the current terms began on OLD_START."""
    for term in Term.objects.filter(county=county):
        set_term_start(term, OLD_START)
    return deputy, other_station_deputy, other_township_deputy


@pytest.fixture
def heard():
    """What the term change told the apps built on `deputies`."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    term_opened.connect(receiver, dispatch_uid="test-heard")
    yield calls
    term_opened.disconnect(dispatch_uid="test-heard")


def new_roster():
    """王秀英 and 张丽华 re-elected (her row leaves the station empty), 陈建军 new, 李建国 not
    elected again."""
    return build_roster(
        [
            roster_row(name="王秀英", mobile="13600000001", gender="女", station="", term="19"),
            roster_row(
                name="张丽华",
                mobile="13600000003",
                gender="女",
                township="孝丰镇",
                station="孝丰代表联络站",
                term="19",
            ),
            roster_row(name="陈建军", mobile="13512340001", term="19"),
        ]
    )


def start(client, county, day, content, **extra):
    townships = {f"township_{t.pk}": 19 for t in county.townships.all()}
    data = {
        "county": county.pk,
        "starts_on": day.isoformat(),
        "county_number": 19,
        "reelected_choice": "exempted",
        "file": roster_upload(content),
        **townships,
        **extra,
    }
    return client.post(f"{reverse('term_change_start')}?county={county.pk}", data)


def preview(client, county, day, content=None):
    response = start(client, county, day, content or new_roster())
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def test_a_term_change_end_to_end_keeps_the_old_term_and_seats_the_new(
    client, county, county_officer, sitting, first_day, heard
):
    wang, li, zhang = sitting
    password = wang.user.password
    client.force_login(county_officer)

    page = preview(client, county, first_day)

    assert page.status_code == 200
    plan = page.context["plan"]
    assert [row.name for row in plan.reelected] == ["王秀英", "张丽华"]
    assert [row.name for row in plan.new] == ["陈建军"]
    assert plan.leaving == [li]
    assert Term.objects.filter(ends_on__isnull=False).count() == 0  # nothing written yet
    assert not Deputy.objects.filter(user__mobile="13512340001").exists()

    response = client.post(
        reverse("term_change_confirm", args=[page.context["change"].pk]),
        {"digest": page.context["digest"]},
        follow=True,
    )

    assert "The new term is open" in response.text or "新一届" in response.text
    last_day = first_day - timedelta(days=1)
    # The old terms ended the day before; the new ones begin on the first day.
    old = Term.objects.filter(county=county, number=18)
    assert old.count() == 2 and {t.ends_on for t in old} == {last_day}
    new = Term.objects.filter(county=county, number=19)
    assert {t.starts_on for t in new} == {first_day}
    assert {t.township_id for t in new} == {None, *county.townships.values_list("pk", flat=True)}
    # Nothing deleted: the old seats are there, ended with the term.
    old_seats = Membership.objects.filter(term__number=18)
    assert old_seats.count() == 3
    assert {(s.ended_on, s.end_reason) for s in old_seats} == {(last_day, "term_ended")}
    # The re-elected keep their account, password and station; they hold a second seat.
    wang.refresh_from_db()
    assert wang.user.password == password and wang.station.name == "递铺代表联络站"
    assert wang.term == 19 and wang.is_active
    seat = wang.memberships.get(term__number=19)
    assert seat.reelected and seat.started_on == first_day and seat.ended_on is None
    # The one not elected again is out of office, with his record.
    li.refresh_from_db()
    assert not li.is_active and li.memberships.count() == 1
    # The new deputy has an account without a password, and a seat from the first day.
    chen = Deputy.objects.get(user__mobile="13512340001")
    assert not chen.user.has_usable_password()
    (chen_seat,) = chen.memberships.all()
    assert not chen_seat.reelected and chen_seat.started_on == first_day
    # The apps built on deputies heard who is new and who is re-elected.
    (call,) = heard
    assert call["new"] == [chen] and sorted(d.pk for d in call["reelected"]) == sorted(
        [wang.pk, zhang.pk]
    )
    assert call["reelected_choice"] == "exempted" and call["by"] == county_officer
    (entry,) = AuditEntry.objects.filter(action=Action.TERM_CHANGED)
    assert entry.detail["new"] == 1 and entry.detail["left"] == 1
    assert entry.detail["reelected"] == 2
    assert AuditEntry.objects.filter(action=Action.ROSTER_IMPORTED).count() == 1
    change = TermChange.objects.get()
    assert change.confirmed_by == county_officer
    assert (change.reelected_count, change.new_count, change.left_count) == (2, 1, 1)


def test_in_office_counts_on_days_before_and_after_the_change(
    client, county, county_officer, sitting, first_day
):
    client.force_login(county_officer)
    page = preview(client, county, first_day)
    client.post(
        reverse("term_change_confirm", args=[page.context["change"].pk]),
        {"digest": page.context["digest"]},
    )

    def names(day):
        return sorted(Deputy.objects.in_office_on(day).values_list("user__name", flat=True))

    assert names(first_day - timedelta(days=1)) == ["张丽华", "李建国", "王秀英"]
    assert names(first_day) == ["张丽华", "王秀英", "陈建军"]
    assert names(OLD_START - timedelta(days=1)) == []
    assert sorted(Deputy.objects.filter(is_active=True).values_list("user__name", flat=True)) == [
        "张丽华",
        "王秀英",
        "陈建军",
    ]


def test_a_change_confirmed_twice_is_carried_out_once(
    client, county, county_officer, sitting, first_day
):
    client.force_login(county_officer)
    page = preview(client, county, first_day)
    url = reverse("term_change_confirm", args=[page.context["change"].pk])

    client.post(url, {"digest": page.context["digest"]})
    again = client.post(url, {"digest": page.context["digest"]}, follow=True)

    assert "confirmed already" in again.text or "已经确认" in again.text
    assert Term.objects.filter(number=19).count() == 1 + county.townships.count()
    assert Membership.objects.count() == 6


class ListenerFailed(Exception):
    pass


def test_a_failing_listener_takes_the_whole_change_back(
    client, county, county_officer, sitting, first_day
):
    """`term_opened` is sent inside the confirming transaction (deputies/signals.py): a term is
    never opened while what its listeners write (the new deputies' training) is missing."""

    def receiver(sender, **kwargs):
        raise ListenerFailed

    client.force_login(county_officer)
    page = preview(client, county, first_day)
    url = reverse("term_change_confirm", args=[page.context["change"].pk])
    term_opened.connect(receiver, dispatch_uid="test-failing-listener")
    try:
        with pytest.raises(ListenerFailed):
            client.post(url, {"digest": page.context["digest"]})
    finally:
        term_opened.disconnect(dispatch_uid="test-failing-listener")

    assert not Term.objects.filter(number=19).exists()
    assert not Term.objects.filter(ends_on__isnull=False).exists()
    assert not Deputy.objects.filter(user__mobile="13512340001").exists()
    assert TermChange.objects.get().confirmed_at is None


def test_a_roster_with_a_bad_row_cannot_be_confirmed(
    client, county, county_officer, sitting, first_day
):
    client.force_login(county_officer)
    content = build_roster(
        [
            roster_row(name="王秀英", mobile="13600000001", gender="女"),
            roster_row(name="陈建军", mobile="1351234", term="19"),
        ]
    )

    page = preview(client, county, first_day, content)

    assert page.status_code == 422
    assert not page.context["plan"].can_confirm
    assert b"term_change_confirm" not in page.content
    response = client.post(
        reverse("term_change_confirm", args=[page.context["change"].pk]),
        {"digest": page.context["digest"]},
    )
    assert response.status_code == 302
    assert not Term.objects.filter(number=19).exists()
    assert Deputy.objects.filter(is_active=True).count() == 3


def test_a_plan_that_changed_since_the_check_is_shown_again_not_written(
    client, county, county_officer, sitting, first_day, station
):
    client.force_login(county_officer)
    page = preview(client, county, first_day)
    # Meanwhile a clerk adds a deputy, who would now leave office too.
    DeputyFactory(station=station, user__name="周新", user__mobile="13600000077")

    response = client.post(
        reverse("term_change_confirm", args=[page.context["change"].pk]),
        {"digest": page.context["digest"]},
    )

    assert response.status_code == 409
    assert len(response.context["plan"].leaving) == 2
    assert not Term.objects.filter(number=19).exists()
    assert TermChange.objects.get().confirmed_at is None


def test_numbers_that_do_not_follow_on_and_a_first_day_too_early_are_refused(
    client, county, county_officer, sitting
):
    client.force_login(county_officer)
    too_early = OLD_START - timedelta(days=10)

    same = {f"township_{t.pk}": 18 for t in county.townships.all()}
    page = client.get(start(client, county, too_early, new_roster(), **same)["Location"])

    problems = " ".join(page.context["plan"].problems)
    assert "term 18 already" in problems or "第十八届" in problems
    assert "must begin later" in problems or "必须晚于" in problems
    assert not page.context["plan"].can_confirm


def test_a_first_day_in_the_future_is_refused_by_the_form(client, county, county_officer):
    client.force_login(county_officer)

    response = start(client, county, timezone.localdate() + timedelta(days=5), new_roster())

    assert response.status_code == 400
    assert "starts_on" in response.context["form"].errors
    assert not TermChange.objects.exists() and not RosterImport.objects.exists()


def test_the_form_proposes_the_next_numbers(client, county, county_officer, sitting):
    Term.objects.create(county=county, number=18)  # the county congress's
    client.force_login(county_officer)

    form = client.get(reverse("term_change_start")).context["form"]

    assert form["county_number"].initial == 19
    assert all(field.initial == 19 for field in form.township_fields())


def test_a_term_change_of_another_county_is_not_found(
    client, county, other_county, county_officer, sitting, first_day
):
    client.force_login(county_officer)
    page = preview(client, county, first_day)
    change = page.context["change"]
    outsider = User.objects.create_user(mobile="13799990000", name="外县干部")
    from deputies.models import StaffRole
    from deputies.services import grant_role

    grant_role(user=outsider, kind=StaffRole.Kind.COUNTY, place=other_county)
    client.force_login(outsider)

    assert client.get(reverse("term_change", args=[change.pk])).status_code == 404
    response = client.post(
        reverse("term_change_confirm", args=[change.pk]), {"digest": page.context["digest"]}
    )
    assert response.status_code == 404
    assert client.get(f"{reverse('terms')}?county={county.pk}").status_code == 404
    assert not Term.objects.filter(number=19).exists()


def test_township_staff_may_not_run_the_term_change(client, county, township_staff):
    client.force_login(township_staff)

    assert client.get(reverse("terms")).status_code == 403
    assert client.get(reverse("term_change_start")).status_code == 403


def test_the_pages_make_a_fixed_number_of_queries(
    client, county, county_officer, sitting, first_day, station, django_assert_max_num_queries
):
    client.force_login(county_officer)
    with django_assert_max_num_queries(40) as few:
        page = preview(client, county, first_day)
    with django_assert_max_num_queries(14) as terms_page:
        client.get(reverse("terms"))
    # Thirty more in office, fifteen of them re-elected in rows that leave the station empty
    # (each keeps theirs), the rest leaving; thirty new.
    more = [
        DeputyFactory(station=station, user__name=f"在任{n}", user__mobile=f"1360000{n + 100:04d}")
        for n in range(30)
    ]
    rows = [roster_row(name=f"代表{n}", mobile=f"1351230{n:04d}", term="19") for n in range(30)]
    rows += [
        roster_row(name=d.user.name, mobile=d.user.mobile, gender="女", station="")
        for d in more[:15]
    ]
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = preview(client, county, first_day, build_roster(rows))
    plan = page.context["plan"]
    assert (len(plan.reelected), len(plan.new), len(plan.leaving)) == (15, 30, 18)
    assert {row.deputy_fields["station"] for row in plan.reelected} == {station}
    with django_assert_max_num_queries(len(terms_page.captured_queries)):
        client.get(reverse("terms"))


def test_the_preview_reads_in_chinese(client, county, county_officer, sitting, first_day):
    client.force_login(county_officer)

    page = preview(client, county, first_day)

    text = page.content.decode()
    assert "连任" in text and "新当选" in text and "离任" in text
    assert "确认" in text


def test_the_terms_page_sets_a_first_day_not_known(client, county, county_officer, deputy):
    client.force_login(county_officer)
    term = Term.objects.get(township=deputy.township)
    assert term.starts_on is None

    client.post(reverse("term_dates", args=[term.pk]), {"starts_on": "2022-01-05"})

    term.refresh_from_db()
    assert term.starts_on == date(2022, 1, 5)
    assert deputy.memberships.get().started_on == date(2022, 1, 5)
    assert AuditEntry.objects.filter(action=Action.TERM_DATES_CHANGED).count() == 1
    # Counting from that day: the deputy was not in office the day before.
    assert not Deputy.objects.in_office_on(date(2022, 1, 4)).exists()


def test_a_station_without_staff_change_keeps_its_staff(
    client, county, county_officer, station_staff, sitting, first_day
):
    client.force_login(county_officer)
    page = preview(client, county, first_day)
    client.post(
        reverse("term_change_confirm", args=[page.context["change"].pk]),
        {"digest": page.context["digest"]},
    )

    assert station_staff.staff_roles.count() == 1
    client.force_login(station_staff)
    names = {d.user.name for d in client.get(reverse("deputy_list")).context["deputies"]}
    assert {"王秀英", "陈建军"} <= names


def test_a_deputy_moving_to_another_township_takes_the_new_township_term(
    client, county, county_officer, sitting, first_day, other_township
):
    client.force_login(county_officer)
    LiaisonStationFactory(township=other_township, name="孝丰代表联络站")
    content = build_roster(
        [
            roster_row(
                name="王秀英", mobile="13600000001", gender="女", township="孝丰镇", station=""
            )
        ]
    )
    page = preview(client, county, first_day, content)
    client.post(
        reverse("term_change_confirm", args=[page.context["change"].pk]),
        {"digest": page.context["digest"]},
    )

    wang = Deputy.objects.get(user__mobile="13600000001")
    assert wang.township == other_township and wang.station is None
    assert wang.memberships.get(term__number=19).term.township == other_township


def test_a_township_added_after_the_change_was_started_stops_it(
    client, county, county_officer, sitting, first_day
):
    client.force_login(county_officer)
    page = preview(client, county, first_day)
    TownshipFactory(county=county, name="新设镇")

    again = client.get(reverse("term_change", args=[page.context["change"].pk]))

    assert "新设镇" in " ".join(again.context["plan"].problems)
    assert not again.context["plan"].can_confirm
