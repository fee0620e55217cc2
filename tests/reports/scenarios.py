"""Scenario fixtures of the reports across terms, shared with the browser tests (the root
conftest loads this module as a plugin, so no test imports another's fixtures): `terms` and
`change`, a county's congresses around the term change of 2022-01-01; `training`, its initial
training (初任培训) with who finished, who is overdue and who is exempted."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import Enrolment, Programme, ProgrammeAssignment
from deputies.factories import DeputyFactory, LiaisonStationFactory
from deputies.models import Membership, Term
from quizzes.models import Quiz

from .records import make_course

CHANGE = date(2022, 1, 1)  # the first day of the new term
LAST_OLD = date(2021, 12, 31)


def seat(deputy, term, started_on=None, ended_on=None, reason="", reelected=False):
    return Membership.objects.create(
        deputy=deputy,
        term=term,
        started_on=started_on,
        ended_on=ended_on,
        end_reason=reason,
        reelected=reelected,
    )


@pytest.fixture
def terms(county, township, other_township):
    """The county's congress and 递铺街道's, each with a past term and the current one; 孝丰镇's
    congress has only its current term, its start not known."""
    made = {
        "county_old": Term.objects.create(
            county=county, number=18, starts_on=date(2017, 1, 1), ends_on=LAST_OLD
        ),
        "county_new": Term.objects.create(county=county, number=19, starts_on=CHANGE),
        "old": Term.objects.create(
            county=county,
            township=township,
            number=17,
            starts_on=date(2017, 1, 1),
            ends_on=LAST_OLD,
        ),
        "new": Term.objects.create(county=county, township=township, number=18, starts_on=CHANGE),
        "xiaofeng": Term.objects.create(county=county, township=other_township, number=18),
    }
    return made


@pytest.fixture
def change(terms, station, other_township_deputy):
    """递铺站's deputies around the term change of 2022-01-01, their seats written by hand:

    - 老周: the old term only (its end);
    - 何军: resigned on 2021-06-30, in the old term;
    - 钱英: re-elected (a seat in each term);
    - 新甲, 新乙: new in the new term;
    - and 孝丰镇's 张丽华 (the fixture), seated in a term whose start is not known: every day.
    """
    people = {}
    for name, mobile in (
        ("老周", "13600000101"),
        ("何军", "13600000102"),
        ("钱英", "13600000103"),
        ("新甲", "13600000104"),
        ("新乙", "13600000105"),
    ):
        people[name] = DeputyFactory(station=station, user__name=name, user__mobile=mobile)
    Membership.objects.filter(deputy__in=people.values()).delete()
    old, new = terms["old"], terms["new"]
    seat(people["老周"], old, date(2017, 1, 1), LAST_OLD, Membership.EndReason.TERM_ENDED)
    seat(people["何军"], old, date(2017, 1, 1), date(2021, 6, 30), Membership.EndReason.RESIGNED)
    seat(people["钱英"], old, date(2017, 1, 1), LAST_OLD, Membership.EndReason.TERM_ENDED)
    seat(people["钱英"], new, CHANGE, reelected=True)
    seat(people["新甲"], new, CHANGE)
    seat(people["新乙"], new, CHANGE)
    for name in ("老周", "何军"):
        people[name].is_active = False
        people[name].save(update_fields=["is_active"], seats=False)
    Membership.objects.filter(deputy=other_township_deputy).update(
        term=terms["xiaofeng"], started_on=None
    )
    people["张丽华"] = other_township_deputy
    return people


Kind = ProgrammeAssignment.Kind
PAST_DUE = date(2022, 6, 30)
FUTURE_DUE = timezone.localdate() + timedelta(days=30)


def assign(deputy, programme, term, kind=Kind.REQUIRED, due=PAST_DUE, completed=None):
    return ProgrammeAssignment.objects.create(
        programme=programme, deputy=deputy, term=term, kind=kind, due_date=due,
        completed_at=completed,
    )  # fmt: skip


@pytest.fixture
def training(
    county,
    township,
    station,
    other_station,
    other_township,
    other_county_deputy,
    course_index,
):
    """安吉县 since 2022-01-01 (the county's 19th term, 递铺街道's and 孝丰镇's 18th):

    初任培训 asks 代表法入门 and 监督法要点, 2.0 hours of group study and 结业测验; its refresher
    履职提升 asks 履职提升课 only.

    - 递铺站: 王秀英 required, completed; 李建国 required, overdue, did 代表法入门 only; 钱英
      a refresher, overdue, did nothing; 孙兰 exempted.
    - 古城站: 张丽华 required, overdue, did nothing.
    - 孝丰站: 陈海燕 required, completed; 吴明 required, due in a month.
    - 老周, of 递铺站 in the past term only: required then, completed in 2018.
    - 德清县's 赵志强 has it too, and is never counted.
    """
    terms = {
        "county_old": Term.objects.create(
            county=county, number=18, starts_on=date(2017, 1, 1), ends_on=date(2021, 12, 31)
        ),
        "county_new": Term.objects.create(county=county, number=19, starts_on=CHANGE),
        "old": Term.objects.create(
            county=county,
            township=township,
            number=17,
            starts_on=date(2017, 1, 1),
            ends_on=date(2021, 12, 31),
        ),
        "new": Term.objects.create(county=county, township=township, number=18, starts_on=CHANGE),
        "xiaofeng": Term.objects.create(
            county=county, township=other_township, number=18, starts_on=CHANGE
        ),
    }
    law = make_course(course_index, "代表法入门", "daibiaofa", "2.0")
    supervision = make_course(course_index, "监督法要点", "jiandufa", "1.5")
    duty = make_course(course_index, "履职提升课", "lvzhi", "1.0")
    refresher = Programme.objects.create(title="履职提升", study_hours=0)
    refresher.courses.set([duty])
    programme = Programme.objects.create(
        title="初任培训",
        study_hours=Decimal("2.0"),
        final_test=Quiz.objects.create(title="结业测验", pass_mark=60),
        refresher=refresher,
    )
    programme.courses.set([law, supervision])
    xiaofeng = LiaisonStationFactory(township=other_township, name="孝丰代表联络站")
    people = {}
    for name, where, mobile in (
        ("王秀英", station, "13600000001"),
        ("李建国", station, "13600000002"),
        ("钱英", station, "13600000011"),
        ("孙兰", station, "13600000012"),
        ("张丽华", other_station, "13600000003"),
        ("陈海燕", xiaofeng, "13600000005"),
        ("吴明", xiaofeng, "13600000006"),
        ("老周", station, "13600000013"),
    ):
        people[name] = DeputyFactory(station=where, user__name=name, user__mobile=mobile)
    done = timezone.now() - timedelta(days=10)
    new, xf = terms["new"], terms["xiaofeng"]
    assign(people["王秀英"], programme, new, completed=done)
    assign(people["李建国"], programme, new)
    assign(people["钱英"], programme, new, kind=Kind.REFRESHER)
    assign(people["孙兰"], programme, new, kind=Kind.EXEMPTED, due=None)
    assign(people["张丽华"], programme, new)
    assign(people["陈海燕"], programme, xf, completed=done)
    assign(people["吴明"], programme, xf, due=FUTURE_DUE)
    Enrolment.objects.create(
        deputy=people["李建国"], course=law, source="assigned", completed_at=done
    )
    Membership.objects.filter(deputy=people["老周"]).delete()
    Membership.objects.create(
        deputy=people["老周"],
        term=terms["old"],
        started_on=date(2017, 1, 1),
        ended_on=date(2021, 12, 31),
        end_reason=Membership.EndReason.TERM_ENDED,
    )
    people["老周"].is_active = False
    people["老周"].save(update_fields=["is_active"], seats=False)
    assign(
        people["老周"],
        programme,
        terms["old"],
        due=date(2018, 6, 30),
        completed=timezone.make_aware(timezone.datetime(2018, 5, 1, 10)),
    )
    other_term = Term.objects.create(
        county=other_county_deputy.township.county, number=19, starts_on=CHANGE
    )
    assign(other_county_deputy, programme, other_term)
    return {"programme": programme, "refresher": refresher, "terms": terms, "people": people}
