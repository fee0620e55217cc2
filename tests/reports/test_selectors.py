from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from proposals.factories import ExerciseFactory, accepted_draft
from quizzes.models import Quiz
from reports.selectors import learning_archive

from .records import at, attend, complete_on, make_course, take_quiz


def _hours(archive):
    return [(r.year, r.course_hours, r.study_hours, r.total) for r in archive.hours_by_year]


def _practice(archive):
    return [(r.year, r.practice_hours) for r in archive.hours_by_year]


def test_the_figures_match_the_record(deputy, record):
    archive = learning_archive(deputy)

    assert [
        (r.course.title, r.lessons_read, r.lessons_total, r.enrolment.credit_hours)
        for r in archive.courses
    ] == [("代表法入门", 2, 2, Decimal("2.5")), ("监督法要点", 1, 1, Decimal("3.0"))]
    assert [timezone.localtime(r.enrolment.completed_at).date() for r in archive.courses] == [
        date(2025, 6, 1),
        date(2026, 3, 2),
    ]
    assert sorted((lesson.course_title, lesson.title) for lesson in archive.lessons) == [
        ("代表法入门", "课 daibiaofa-0"),
        ("代表法入门", "课 daibiaofa-1"),
        ("监督法要点", "课 jiandufa-0"),
    ]
    (quiz,) = archive.quizzes
    assert (quiz.title, quiz.attempts, quiz.best_percent, quiz.passed) == (
        "代表法小测",
        2,
        75,
        True,
    )
    assert timezone.localtime(quiz.last_at).date() == date(2026, 3, 5)
    (session,) = archive.sessions
    assert (session.topic, session.station, session.hours) == (
        "学习监督法",
        "递铺代表联络站",
        Decimal("1.5"),
    )
    (draft,) = archive.drafts
    assert (draft.revisions, draft.last_score, draft.draft.status) == (2, 88, "accepted")
    assert timezone.localtime(draft.accepted_at).date() == date(2026, 5, 20)
    assert {c.course_title for c in archive.certificates} == {"代表法入门", "监督法要点"}
    assert record["certificate"].serial in {c.serial for c in archive.certificates}

    assert draft.hours == Decimal("0.5")
    assert _hours(archive) == [
        (2026, Decimal("3.0"), Decimal("1.5"), Decimal("5.0")),
        (2025, Decimal("2.5"), Decimal("0.0"), Decimal("2.5")),
    ]
    # The accepted draft's half hour, in the year it was accepted.
    assert _practice(archive) == [(2026, Decimal("0.5")), (2025, Decimal("0.0"))]
    assert archive.hours_total.practice_hours == Decimal("0.5")
    assert archive.hours_total.total == Decimal("7.5")
    # Certificates were issued today, so this year has something in it too.
    assert archive.years == sorted({2025, 2026, timezone.localdate().year}, reverse=True)


def test_a_year_shows_only_what_happened_in_it(deputy, record):
    archive = learning_archive(deputy, year=2025)

    assert [r.course.title for r in archive.courses] == ["代表法入门"]
    assert len(archive.lessons) == 2
    assert archive.quizzes == archive.sessions == archive.drafts == []
    assert _hours(archive) == [(2025, Decimal("2.5"), Decimal("0.0"), Decimal("2.5"))]
    assert archive.hours_total.total == Decimal("2.5")
    assert 2026 in archive.years  # the filter still offers every year


def test_years_follow_the_local_calendar(deputy, station):
    # 07:00 on 1 January in Beijing is still 31 December in UTC.
    attend(deputy, station, topic="新年学习", when=at(2026, 1, 1, hour=7), hours="2.0")
    archive = learning_archive(deputy)
    assert _hours(archive) == [(2026, Decimal("0.0"), Decimal("2.0"), Decimal("2.0"))]


def _queries(deputy) -> int:
    with CaptureQueriesContext(connection) as queries:
        learning_archive(deputy)
    return len(queries)


def test_queries_do_not_grow_with_the_record(deputy, station, record, course_index, county_officer):
    few = _queries(deputy)
    # The seven reads, the record of duties' five (reports.duties) and the deputy's seats.
    assert few == 13

    for n in range(5):
        course = make_course(course_index, f"课程{n}", f"course-{n}", "1.0", lessons=3)
        complete_on(deputy, course, county_officer, at(2024, 1, n + 1))
        quiz = Quiz.objects.create(title=f"测验{n}")
        take_quiz(deputy, quiz, number=1, score="4", passed=True, when=at(2024, 2, n + 1))
        attend(deputy, station, topic=f"集中学习{n}", when=at(2024, 3, n + 1))
        accepted_draft(
            deputy, ExerciseFactory(title=f"练习{n}"), reviewer=county_officer, when=at(2024, 4, 9)
        )
    assert len(learning_archive(deputy).courses) == 7
    assert _queries(deputy) == few


def test_certificates_issued_by_hand_add_their_hours_once(
    deputy, record, course_index, county_officer
):
    """A certificate issued by hand (training taken elsewhere) adds its hours in the year it
    was issued; the certificates of courses completed here add nothing (the course's hours
    are counted already), and a revoked one nothing either."""
    from certificates.models import Certificate
    from certificates.services import issue_by_hand, revoke

    elsewhere = make_course(course_index, "选举法专题", "xuanjufa", "1.0")
    revoked_course = make_course(course_index, "地方组织法", "difangzuzhifa", "1.0")
    by_hand = issue_by_hand(
        deputy=deputy,
        course=elsewhere,
        credit_hours=Decimal("4.0"),
        note="市里培训",
        by=county_officer,
    )
    Certificate.objects.filter(pk=by_hand.pk).update(issued_at=at(2025, 11, 3))
    wrong = issue_by_hand(
        deputy=deputy,
        course=revoked_course,
        credit_hours=Decimal("9.0"),
        note="错",
        by=county_officer,
    )
    revoke(certificate=wrong, reason="发错了", by=county_officer)

    archive = learning_archive(deputy)
    assert [(r.year, r.certificate_hours) for r in archive.hours_by_year] == [
        (2026, Decimal("0.0")),
        (2025, Decimal("4.0")),
    ]
    assert _hours(archive)[1] == (2025, Decimal("2.5"), Decimal("0.0"), Decimal("6.5"))
    assert archive.hours_total.total == Decimal("11.5")  # the record's 7.5, and 4.0


def test_practice_hours_count_in_the_year_the_draft_was_accepted(deputy, county_officer):
    """At the hours kept at acceptance, not the exercise's hours now; a draft not accepted
    counts nothing; a year's archive counts the year's."""
    from proposals.factories import DraftFactory
    from proposals.models import Draft, Exercise

    exercise = ExerciseFactory(credit_hours=Decimal("1.5"))
    accepted_draft(deputy, exercise, reviewer=county_officer, when=at(2025, 12, 31, hour=23))
    accepted_draft(
        deputy,
        ExerciseFactory(title="议案练习", credit_hours=Decimal("0.5")),
        reviewer=county_officer,
        when=at(2026, 1, 5),
    )
    DraftFactory(deputy=deputy, exercise=ExerciseFactory(title="未完"), status="submitted")
    Exercise.objects.filter(pk=exercise.pk).update(credit_hours=Decimal("9.0"))

    archive = learning_archive(deputy)
    assert _practice(archive) == [(2026, Decimal("0.5")), (2025, Decimal("1.5"))]
    assert (archive.hours_total.practice_hours, archive.hours_total.total) == (
        Decimal("2.0"),
        Decimal("2.0"),
    )
    hours = {row.draft.exercise.title: row.hours for row in archive.drafts}
    assert hours == {"村道被货车压坏": Decimal("1.5"), "议案练习": Decimal("0.5"), "未完": None}
    assert Draft.objects.filter(credit_hours__isnull=False).count() == 2

    this_year = learning_archive(deputy, year=2026)
    assert _practice(this_year) == [(2026, Decimal("0.5"))]
