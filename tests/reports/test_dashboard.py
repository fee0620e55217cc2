"""The county dashboard's figures, against the small county of the `land` fixture
(tests/reports/conftest.py), counted by hand."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from courses.models import Enrolment
from deputies.models import Deputy
from proposals.factories import DraftFactory, ExerciseFactory, accepted_draft
from proposals.models import Draft, Exercise
from reports.dashboard.figures import TREND_WEEKS
from reports.dashboard.selectors import dashboard

from .records import dashboard_at as at


def rows_of(board):
    return {row.label: row.figures for row in board.rows}


def test_county_rows_and_totals_as_counted_by_hand(land, county, county_officer):
    board = dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 30))
    rows = rows_of(board)
    assert list(rows) == ["孝丰镇", "递铺街道"]  # by name

    dipu = rows["递铺街道"]
    assert (dipu.deputies, dipu.enrolled, dipu.completed, dipu.completion) == (4, 5, 3, 60)
    assert dipu.overdue_deputies == 1  # 李建国; 张丽华 finished late, but finished
    assert (dipu.course_hours, dipu.study_hours, dipu.certificate_hours) == (
        Decimal("5.5"),
        Decimal("1.5"),
        Decimal("3.0"),  # 赵志强's; 李建国's was revoked on 04-02
    )
    assert (dipu.hours, dipu.hours_per_deputy) == (Decimal("10.0"), Decimal("2.5"))
    assert (dipu.quiz_tried, dipu.quiz_passed, dipu.pass_rate) == (3, 2, 67)
    assert (dipu.invited, dipu.attended, dipu.attendance) == (2, 1, 50)

    xiaofeng = rows["孝丰镇"]
    assert (xiaofeng.deputies, xiaofeng.enrolled, xiaofeng.completed) == (1, 2, 1)
    assert (xiaofeng.overdue_deputies, xiaofeng.hours) == (1, Decimal("3.5"))
    assert (xiaofeng.pass_rate, xiaofeng.invited, xiaofeng.attended) == (100, 1, 1)

    total = board.total
    assert (total.deputies, total.enrolled, total.completed, total.completion) == (5, 7, 4, 57)
    assert (total.overdue_deputies, total.hours, total.hours_per_deputy) == (
        2,
        Decimal("13.5"),
        Decimal("2.7"),
    )
    assert (total.pass_rate, total.attendance) == (75, 67)
    assert board.least_advanced.label == "孝丰镇"


def test_one_course_narrows_completion_and_quizzes_but_not_hours(land, county, county_officer):
    board = dashboard(
        county_officer, "county", county.pk, course_id=land["law"].pk, as_of=date(2026, 4, 30)
    )
    rows = rows_of(board)
    assert (rows["递铺街道"].enrolled, rows["递铺街道"].completed) == (3, 2)
    # The final test only: 王秀英 passed, 李建国 did not; 张丽华's lesson quiz is not it.
    assert (rows["递铺街道"].quiz_tried, rows["递铺街道"].quiz_passed) == (2, 1)
    assert (rows["孝丰镇"].completion, rows["孝丰镇"].pass_rate) == (0, 100)
    assert rows["递铺街道"].hours == Decimal("10.0")

    course = dashboard(
        county_officer,
        "county",
        county.pk,
        course_id=land["supervision"].pk,
        as_of=date(2026, 4, 30),
    )
    assert not course.has_quiz  # no final test: no pass rate, rather than a misleading one
    assert rows_of(course)["递铺街道"].pass_rate is None


def test_an_earlier_day_counts_only_what_had_happened(land, county, county_officer):
    dipu = rows_of(dashboard(county_officer, "county", county.pk, as_of=date(2026, 3, 15)))[
        "递铺街道"
    ]
    assert (dipu.enrolled, dipu.completed) == (5, 1)
    # Past the due date on 03-15: 李建国, and 张丽华 who finished only on 03-20.
    assert dipu.overdue_deputies == 2
    assert (dipu.course_hours, dipu.study_hours, dipu.certificate_hours) == (
        Decimal("2.0"),
        Decimal("1.5"),
        Decimal("0.0"),
    )
    assert (dipu.quiz_tried, dipu.quiz_passed) == (3, 2)

    # On 03-31 李建国's certificate had been issued and not yet revoked.
    march_end = rows_of(dashboard(county_officer, "county", county.pk, as_of=date(2026, 3, 31)))
    assert march_end["递铺街道"].certificate_hours == Decimal("2.0")

    # 陈海燕's final test was submitted on 04-18 and graded on 04-20.
    assert (
        rows_of(dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 19)))[
            "孝丰镇"
        ].quiz_passed
        == 0
    )


def test_a_certificate_for_a_course_completed_later_stops_counting(land, county, county_officer):
    zhao = land["deputies"]["赵志强"]
    Enrolment.objects.create(
        deputy=zhao,
        course=land["law"],
        source=Enrolment.Source.CHOSEN,
        completed_at=at(4, 20),
        credit_hours=Decimal("2.0"),
    )
    before = rows_of(dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 19)))
    after = rows_of(dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 30)))
    assert before["递铺街道"].certificate_hours == Decimal("3.0")
    assert (after["递铺街道"].certificate_hours, after["递铺街道"].course_hours) == (
        Decimal("0.0"),
        Decimal("7.5"),
    )


def test_township_rows_are_stations_and_the_deputies_with_none(
    land, township, county_officer, station, in_english
):
    board = dashboard(county_officer, "township", township.pk, as_of=date(2026, 4, 30))
    rows = {row.label: row for row in board.rows}
    assert list(rows) == ["古城代表联络站", "递铺代表联络站", "No liaison station"]
    assert rows["递铺代表联络站"].figures.deputies == 2
    assert rows["No liaison station"].url == reverse("dashboard:unassigned", args=[township.pk])
    assert rows["No liaison station"].figures.certificate_hours == Decimal("3.0")
    assert [(t, u) for t, u in board.place.trail] == [
        ("安吉县", reverse("dashboard:county", args=[township.county_id]))
    ]


def test_station_rows_are_its_deputies(land, station, county_officer):
    board = dashboard(county_officer, "station", station.pk, as_of=date(2026, 4, 30))
    rows = {row.label: row for row in board.rows}
    assert list(rows) == sorted(["王秀英", "李建国"])
    wang, li = rows["王秀英"].figures, rows["李建国"].figures
    assert (wang.completion, wang.hours, wang.pass_rate, wang.attendance) == (
        100,
        Decimal("5.0"),
        100,
        100,
    )
    assert (li.completion, li.overdue_deputies, li.hours, li.pass_rate, li.attendance) == (
        0,
        1,
        Decimal("0.0"),
        0,
        0,
    )
    assert rows["王秀英"].url == reverse(
        "reports:deputy_archive", args=[land["deputies"]["王秀英"].pk]
    )


def test_trend_counts_completions_by_week(land, county, county_officer):
    weeks = dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 30)).weeks
    assert len(weeks) == TREND_WEEKS
    assert weeks[0].starts_on == date(2026, 2, 9) and weeks[-1].starts_on == date(2026, 4, 27)
    by_week = {w.starts_on: w for w in weeks}
    assert by_week[date(2026, 2, 9)].completions == 1  # 王秀英, Tuesday 02-10
    assert by_week[date(2026, 3, 30)].completions == 1  # 王秀英, Sunday 04-05
    assert by_week[date(2026, 4, 6)].completions == 1  # 陈海燕
    assert sum(w.completions for w in weeks) == 4
    # By Sunday 03-22: 王秀英's and 张丽华's of seven enrolments.
    assert by_week[date(2026, 3, 16)].cumulative == 29
    assert weeks[-1].cumulative == 57


def test_writing_practice_hours_count_where_and_when_the_draft_was_accepted(
    land, county, township, station, county_officer, other_county_deputy
):
    """The hours each accepted draft kept at acceptance: 王秀英's 1.0 (accepted 04-12) in
    递铺街道, 陈海燕's 0.5 (04-20) in 孝丰镇. 李建国's returned draft earns nothing; 吴明 (left
    office) and another county's deputy never count."""
    people = land["deputies"]
    exercise = ExerciseFactory(credit_hours=Decimal("1.0"))
    accepted_draft(people["王秀英"], exercise, reviewer=county_officer, when=at(4, 12))
    accepted_draft(
        people["陈海燕"],
        ExerciseFactory(title="另一题", credit_hours=Decimal("0.5")),
        reviewer=county_officer,
        when=at(4, 20),
    )
    DraftFactory(deputy=people["李建国"], exercise=exercise, status=Draft.Status.RETURNED)
    wu = Deputy.objects.get(user__mobile="13600000006")
    for outsider in (wu, other_county_deputy):
        accepted_draft(outsider, exercise, reviewer=county_officer, when=at(4, 12))
    # The exercise's hours changed later count for nobody accepted already.
    Exercise.objects.filter(pk=exercise.pk).update(credit_hours=Decimal("4.0"))

    rows = rows_of(dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 30)))
    assert (rows["递铺街道"].practice_hours, rows["递铺街道"].hours) == (
        Decimal("1.0"),
        Decimal("11.0"),
    )
    assert (rows["孝丰镇"].practice_hours, rows["孝丰镇"].hours) == (Decimal("0.5"), Decimal("4.0"))

    # Before 陈海燕's was accepted, and before 王秀英's.
    april_15 = rows_of(dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 15)))
    assert (april_15["递铺街道"].practice_hours, april_15["孝丰镇"].practice_hours) == (
        Decimal("1.0"),
        Decimal("0.0"),
    )
    april_11 = rows_of(dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 11)))
    assert april_11["递铺街道"].practice_hours == Decimal("0.0")

    # A township's page counts its own deputies only: 陈海燕 is 孝丰镇's.
    board = dashboard(county_officer, "township", township.pk, as_of=date(2026, 4, 30))
    assert board.total.practice_hours == Decimal("1.0")
    deputies = {
        row.label: row.figures
        for row in dashboard(county_officer, "station", station.pk, as_of=date(2026, 4, 30)).rows
    }
    assert (deputies["王秀英"].practice_hours, deputies["李建国"].practice_hours) == (
        Decimal("1.0"),
        Decimal("0.0"),
    )


def test_every_countys_row_is_that_countys_own_total(land, county, superuser):
    """Every county's figures come by township, added up by county: each county's row is the
    total of its own page, course by course too, on the "as of" day and on an earlier one."""
    other_county = Deputy.objects.exclude(township__county=county).first().township.county
    for as_of in (date(2026, 4, 30), date(2026, 3, 15)):
        board = dashboard(superuser, "all", as_of=as_of)
        rows = {row.key: row for row in board.rows}
        for place in (county, other_county):
            own = dashboard(superuser, "county", place.pk, as_of=as_of)
            assert rows[place.pk].figures == own.total
            by_course = {}
            for row in own.rows:
                for course_id, (completed, enrolled) in row.by_course.items():
                    done, of = by_course.get(course_id, (0, 0))
                    by_course[course_id] = (done + completed, of + enrolled)
            assert rows[place.pk].by_course == by_course
        assert board.total.deputies == Deputy.objects.in_office_on(as_of).count()
