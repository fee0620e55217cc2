"""A small, hand-counted record for the archive tests: two courses (one completed in 2025, one
in 2026), a quiz passed at the second attempt, a group-study session attended, an accepted
draft and a certificate. Rows are written directly, with the dates the expectations name."""

from datetime import date
from decimal import Decimal

import pytest

from certificates.factories import CertificateTemplateFactory
from certificates.services import issue_by_hand, issue_certificate, revoke
from courses.factories import CoursePageFactory
from deputies.factories import DeputyFactory, LiaisonStationFactory
from proposals.factories import ExerciseFactory, accepted_draft
from quizzes.factories import QuizFactory

from .records import (
    at,
    attempt,
    attend,
    complete_on,
    dashboard_at,
    enrol_on,
    make_course,
    session,
    take_quiz,
)


@pytest.fixture
def record(deputy, station, course_index, county_officer):
    """The deputy's record: see the module's docstring."""
    CertificateTemplateFactory(signatory="")
    first = make_course(course_index, "代表法入门", "daibiaofa", "2.5")
    second = make_course(course_index, "监督法要点", "jiandufa", "3.0", lessons=1)
    certificate = complete_on(deputy, first, county_officer, at(2025, 6, 1))
    complete_on(deputy, second, county_officer, at(2026, 3, 2))
    quiz = QuizFactory(pass_mark=75)
    take_quiz(deputy, quiz, number=1, score="2", passed=False, when=at(2026, 3, 1))
    take_quiz(deputy, quiz, number=2, score="3", passed=True, when=at(2026, 3, 5))
    attend(deputy, station, topic="学习监督法", when=at(2026, 4, 10))
    draft = accepted_draft(deputy, ExerciseFactory(), reviewer=county_officer, when=at(2026, 5, 20))
    return {"certificate": certificate, "quiz": quiz, "draft": draft}


@pytest.fixture
def land(
    county,
    township,
    station,
    other_station,
    other_township,
    other_county_deputy,
    county_officer,
    course_index,
):
    """The dashboard's small county, counted by hand:

    安吉县 has two townships. 递铺街道: 王秀英 and 李建国 at 递铺站, 张丽华 at 古城站,
    赵志强 with no station. 孝丰镇: 陈海燕 at 孝丰站, and 吴明 (left office: never counted).
    德清县's 周文 is another county's, never counted either.

    Courses: 代表法入门 (2.0 学时, due 2026-03-01, final test 结业测验) and 监督法要点
    (1.5 学时). Every enrolment dates from 2026-01-05.

    - 王秀英: 代表法入门 done 02-10, 监督法要点 done 04-05 (a Sunday); final test failed
      02-01, passed 02-09; group study at 递铺 03-10 (1.5), invited, came.
    - 李建国: 代表法入门 not done; final test failed 02-20; invited to 递铺 03-10, absent; a
      certificate by hand (2.0) issued 03-25, revoked 04-02.
    - 张丽华: 代表法入门 done 03-20; the lesson quiz passed 03-01.
    - 赵志强: 监督法要点 not done; a certificate by hand for 代表法入门 (3.0) on 04-01.
    - 陈海燕: 代表法入门 not done, 监督法要点 done 04-10; final test passed, submitted 04-18
      and graded 04-20; group study at 孝丰 04-15 (2.0), invited, came.

    A cancelled session at 递铺 invited 王秀英: it counts for nothing.
    """
    CertificateTemplateFactory(signatory="")
    final = QuizFactory(title="结业测验")
    lesson_quiz = QuizFactory(title="课堂小测")
    law = CoursePageFactory(
        parent=course_index,
        title="代表法入门",
        slug="daibiaofa",
        summary="……",
        credit_hours=Decimal("2.0"),
        due_date=date(2026, 3, 1),
        final_test=final,
    )
    supervision = CoursePageFactory(
        parent=course_index,
        title="监督法要点",
        slug="jiandufa",
        summary="……",
        credit_hours=Decimal("1.5"),
    )
    xiaofeng = LiaisonStationFactory(township=other_township, name="孝丰代表联络站")
    wang = DeputyFactory(station=station, user__name="王秀英", user__mobile="13600000001")
    li = DeputyFactory(station=station, user__name="李建国", user__mobile="13600000002")
    zhang = DeputyFactory(station=other_station, user__name="张丽华", user__mobile="13600000003")
    zhao = DeputyFactory(
        township=township, station=None, user__name="赵志强", user__mobile="13600000004"
    )
    chen = DeputyFactory(station=xiaofeng, user__name="陈海燕", user__mobile="13600000005")
    wu = DeputyFactory(
        station=xiaofeng, is_active=False, user__name="吴明", user__mobile="13600000006"
    )

    wang_law = enrol_on(wang, law, dashboard_at(2, 10))
    enrol_on(wang, supervision, dashboard_at(4, 5))
    enrol_on(li, law)
    enrol_on(zhang, law, dashboard_at(3, 20))
    enrol_on(zhao, supervision)
    enrol_on(chen, law)
    enrol_on(chen, supervision, dashboard_at(4, 10))
    enrol_on(wu, law, dashboard_at(2, 1))
    enrol_on(other_county_deputy, law, dashboard_at(2, 1))

    attempt(wang, final, 1, passed=False, when=dashboard_at(2, 1))
    attempt(wang, final, 2, passed=True, when=dashboard_at(2, 9))
    attempt(li, final, 1, passed=False, when=dashboard_at(2, 20))
    attempt(zhang, lesson_quiz, 1, passed=True, when=dashboard_at(3, 1))
    attempt(chen, final, 1, passed=True, when=dashboard_at(4, 18), graded=dashboard_at(4, 20))
    attempt(wu, final, 1, passed=True, when=dashboard_at(2, 1))
    attempt(other_county_deputy, final, 1, passed=True, when=dashboard_at(2, 1))

    session(station, dashboard_at(3, 10), "1.5", invited=[wang, li], came=[wang])
    session(station, dashboard_at(3, 12), "1.0", invited=[wang], came=[], cancelled=True)
    session(xiaofeng, dashboard_at(4, 15), "2.0", invited=[chen, wu], came=[chen, wu])

    # 王秀英's own certificate repeats the course's hours: it never adds to them.
    issue_certificate(enrolment=wang_law, by=county_officer, render=False)
    by_hand = issue_by_hand(
        deputy=zhao, course=law, credit_hours=Decimal("3.0"), note="线下培训", by=county_officer
    )
    revoked = issue_by_hand(
        deputy=li, course=supervision, credit_hours=Decimal("2.0"), note="线下", by=county_officer
    )
    revoke(certificate=revoked, reason="发错了", by=county_officer)
    type(by_hand).objects.filter(pk=by_hand.pk).update(issued_at=dashboard_at(4, 1))
    type(revoked).objects.filter(pk=revoked.pk).update(
        issued_at=dashboard_at(3, 25), revoked_at=dashboard_at(4, 2)
    )
    return {
        "law": law,
        "supervision": supervision,
        "xiaofeng": xiaofeng,
        "deputies": {d.user.name: d for d in (wang, li, zhang, zhao, chen)},
    }
