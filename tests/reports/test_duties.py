"""The record of duties (履职档案) in the deputy's archive: the days on duty, the voters' matters
received or recorded and how many were closed, the inspections with what the deputy found, the
suggestions and their replies, by year; never a voter's name or mobile; the page's queries do
not grow with the record.

Rows are written directly with the dates the expectations name (the services refuse past dates
in places); the suggestions go through their services, which date the reply as given."""

import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deputies.factories import DeputyFactory
from deputies.models import Term
from inspections.factories import make_inspection
from inspections.models import Finding
from receptions.models import Matter, ReceptionDay
from receptions.suggestions import services as suggestions
from receptions.suggestions.factories import submitted_suggestion
from reports.selectors import learning_archive

from .records import at, attend

VOTER_NAME, VOTER_MOBILE = "周大妈", "13912340001"


def _day_on_duty(station, day, *deputies):
    reception = ReceptionDay.objects.create(station=station, day=day, place="联络站接待室")
    reception.on_duty.add(*deputies)
    return reception


def _matter(station, number, received_on, *, deputy=None, recorded_by, **fields):
    return Matter.objects.create(
        station=station,
        year=received_on.year,
        number=number,
        received_on=received_on,
        recorded_by=recorded_by,
        deputy=deputy,
        voter_name=VOTER_NAME,
        voter_mobile=VOTER_MOBILE,
        mobile_consent=True,
        category="water",
        raised="自来水三天两头停，老人挑水困难。",
        **fields,
    )


@pytest.fixture
def duties(deputy, station, station_staff):
    """2025: on duty once; a matter received and closed (solved); a suggestion referred
    2025-03-10, answered 2025-05-20, the deputy satisfied.
    2026: on duty once; a matter received, referred, its answer overdue since 2026-02-01;
    a matter the deputy recorded for a voter who came to them (received by no one on duty);
    an inspection the deputy led with one finding; a suggestion referred 2026-01-05, its
    reply overdue.
    Not the deputy's: another deputy's matter and day on duty, an inspection without them."""
    other = DeputyFactory(station=station)
    _day_on_duty(station, date(2025, 9, 9), deputy, other)
    _day_on_duty(station, date(2026, 3, 9), deputy)
    _day_on_duty(station, date(2026, 4, 9), other)
    _matter(
        station,
        1,
        date(2025, 9, 9),
        deputy=deputy,
        recorded_by=station_staff,
        status=Matter.Status.CLOSED,
        closure=Matter.Closure.SOLVED,
        finished_at=at(2025, 10, 8),
    )
    _matter(
        station,
        1,
        date(2026, 1, 9),
        deputy=deputy,
        recorded_by=deputy.user,
        status=Matter.Status.REFERRED,
        unit="镇水利站",
        due_on=date(2026, 2, 1),
    )
    _matter(station, 2, date(2026, 3, 9), recorded_by=deputy.user)
    _matter(station, 3, date(2026, 4, 9), deputy=other, recorded_by=other.user)
    led = make_inspection(
        station=station,
        organiser=deputy,
        title="农村饮水安全工程",
        starts_on=date(2026, 6, 12),
        ends_on=date(2026, 6, 13),
    )
    Finding.objects.create(
        inspection=led, stop=led.stops.first(), deputy=deputy, text="蓄水池盖板破损，无人看管。"
    )
    make_inspection(station=station, organiser=other, title="敬老院消防安全")
    answered = submitted_suggestion(
        deputy, assigned_on=date(2025, 3, 10), title="关于延长卫生院周末门诊的建议"
    )
    suggestions.record_reply(
        suggestion=answered,
        by=deputy.user,
        replied_on=date(2025, 5, 20),
        outcome="resolved",
        summary="已延长。",
    )
    suggestions.record_satisfaction(
        suggestion=answered, by=deputy.user, satisfaction="satisfied", said_on=date(2025, 5, 25)
    )
    submitted_suggestion(deputy, assigned_on=date(2026, 1, 5), title="关于疏通老街排水沟的建议")
    attend(deputy, station, topic="学习代表法", when=at(2026, 4, 10), hours="2.0")
    return {"inspection": led, "other": other}


def _summary(archive):
    return [
        (
            r.year,
            r.study_hours,
            r.sessions,
            r.reception_days,
            r.matters,
            r.matters_closed,
            r.inspections,
            r.suggestions,
            r.suggestions_replied,
        )
        for r in archive.duties.by_year
    ]


def test_the_record_of_duties_counts_each_year(deputy, duties):
    archive = learning_archive(deputy)
    assert _summary(archive) == [
        (2026, Decimal("2.0"), 1, 1, 2, 0, 1, 1, 0),
        (2025, Decimal("0.0"), 0, 1, 1, 1, 0, 1, 1),
    ]
    total = archive.duties.total
    assert (total.reception_days, total.matters, total.matters_closed) == (2, 3, 1)
    assert (total.inspections, total.suggestions, total.suggestions_replied) == (1, 2, 1)
    assert archive.years == [2026, 2025]


def test_the_lists_say_how_far_each_thing_went(deputy, duties):
    duties_ = learning_archive(deputy).duties
    assert [r.day for r in duties_.reception_days] == [date(2026, 3, 9), date(2025, 9, 9)]
    # Newest first; the deputy's own and the one they received, not the other deputy's.
    assert [m.case_number for m in duties_.matters] == ["2026-002", "2026-001", "2025-001"]
    closed = duties_.matters[2]
    assert (closed.closed, closed.closure, closed.finished_on) == (
        True,
        "已解决",
        date(2025, 10, 8),
    )
    assert duties_.matters[1].overdue_days > 0 and not duties_.matters[1].closed
    (inspection,) = duties_.inspections
    assert inspection.organiser and inspection.title == "农村饮水安全工程"
    assert inspection.findings == [("河东村蓄水池", "蓄水池盖板破损，无人看管。")]
    assert inspection.report_status == ""
    overdue, answered = duties_.suggestions
    assert not overdue.replied and overdue.overdue_days > 0 and overdue.due == date(2026, 4, 5)
    assert answered.replied and answered.overdue_days == 0 and not answered.replied_late
    assert (answered.outcome, answered.satisfaction) == ("已解决或基本解决", "满意")


def test_a_year_narrows_the_lists_and_the_summary(deputy, duties):
    archive = learning_archive(deputy, year=2025)
    assert [r.year for r in archive.duties.by_year] == [2025]
    assert [m.case_number for m in archive.duties.matters] == ["2025-001"]
    assert archive.duties.inspections == []
    assert [s.title for s in archive.duties.suggestions] == ["关于延长卫生院周末门诊的建议"]
    assert archive.years == [2026, 2025]  # the filter still offers every year


def test_a_term_narrows_the_record_to_its_days(deputy, duties):
    term = Term(number=19, starts_on=date(2026, 1, 1), ends_on=date(2030, 12, 31))
    archive = learning_archive(deputy, term=term)
    assert [r.year for r in archive.duties.by_year] == [2026]
    assert len(archive.duties.matters) == 2


def test_a_year_with_only_duties_is_offered(deputy, station):
    _day_on_duty(station, date(2024, 5, 9), deputy)
    archive = learning_archive(deputy)
    assert archive.years == [2024]
    assert _summary(archive) == [(2024, Decimal("0.0"), 0, 1, 0, 0, 0, 0, 0)]


def test_the_page_shows_the_record_of_duties(client, deputy, duties):
    client.force_login(deputy.user)
    html = client.get(reverse("reports:archive")).content.decode()
    assert "我的学习履职档案" in html
    for text in ["履职记录", "2026-001", "农村饮水安全工程", "蓄水池盖板破损"]:
        assert text in html
    assert "关于疏通老街排水沟的建议" in html and "答复已超期" in html
    assert "敬老院消防安全" not in html  # not the deputy's
    assert "2026-003" not in html


def test_the_year_page_lists_that_years_duties_only(client, deputy, duties):
    client.force_login(deputy.user)
    html = client.get(reverse("reports:archive"), {"year": 2025}).content.decode()
    assert "关于延长卫生院周末门诊的建议" in html
    assert "关于疏通老街排水沟的建议" not in html and "农村饮水安全工程" not in html


@pytest.mark.parametrize("staff", ["station_staff", "township_staff", "county_officer"])
def test_no_voter_is_named_on_the_page_even_to_staff(client, request, deputy, duties, staff):
    """The station's staff may read a voter's mobile in the register; the archive is about
    the deputy's work and shows neither the voter's name, nor mobile, nor words."""
    client.force_login(request.getfixturevalue(staff))
    html = client.get(reverse("reports:deputy_archive", args=[deputy.pk])).content.decode()
    assert "2025-001" in html
    for voter in [VOTER_NAME, VOTER_MOBILE, VOTER_MOBILE[-4:], "自来水三天两头停"]:
        assert voter not in html


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_holds_the_record_of_duties_and_no_voter(client, deputy, duties, tmp_path):
    client.force_login(deputy.user)
    response = client.get(reverse("reports:archive_pdf"))
    path = tmp_path / "archive.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in ["学习履职档案", "履职记录", "2025-001", "农村饮水安全工程", "关于疏通老街排水沟"]:
        assert words in text
    for voter in [VOTER_NAME, VOTER_MOBILE, "自来水三天两头停"]:
        assert voter not in text


def test_staff_of_another_station_do_not_reach_the_record(client, deputy, duties, other_station):
    from deputies.factories import UserFactory
    from deputies.models import StaffRole
    from deputies.services import grant_role

    outsider = UserFactory(mobile="13700000077")
    grant_role(user=outsider, kind=StaffRole.Kind.STATION, place=other_station)
    client.force_login(outsider)
    for name in ["reports:deputy_archive", "reports:deputy_archive_pdf"]:
        assert client.get(reverse(name, args=[deputy.pk])).status_code == 404


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reports:archive")).status_code == 200
    return len(queries)


def test_the_pages_queries_do_not_grow_with_the_record_of_duties(
    client, deputy, station, station_staff, duties
):
    client.force_login(deputy.user)
    _page_queries(client)  # warm the caches a running site has (the menu's sections)
    few = _page_queries(client)
    start = date(2024, 1, 9)
    for n in range(8):
        day = start + timedelta(days=30 * n)
        _day_on_duty(station, day, deputy)
        _matter(station, 100 + n, day, deputy=deputy, recorded_by=station_staff)
        inspection = make_inspection(
            station=station, organiser=deputy, title=f"调研{n}", starts_on=day
        )
        Finding.objects.create(
            inspection=inspection, stop=inspection.stops.first(), deputy=deputy, text=f"发现{n}"
        )
        submitted_suggestion(deputy, assigned_on=day, title=f"建议{n}")
    assert len(learning_archive(deputy).duties.matters) == 11
    assert _page_queries(client) == few
