"""Joint signers checked against the deputies of the congress a motion goes to: the roster the
selector reads for a draft, and the services that hand it to the checker."""

import pytest
from django.urls import reverse

from deputies.factories import DeputyFactory
from deputies.models import Deputy
from proposals.factories import ExerciseFactory
from proposals.models import CheckRule
from proposals.selectors import congress_roster
from proposals.services import check_draft, start_draft, submit_draft

MOTION = {
    "title": "关于在镇区建设公共停车场的议案",
    "reason": "镇区只有一条主街，周末和赶集日外来车辆沿街乱停，主街经常一堵就是半小时以上。",
    "basis": "镇派出所统计，去年镇区因停车引发的纠纷有四十多起；镇政府东侧有约六亩闲置地。",
    "plan": "由镇人民政府在明年5月底前利用闲置地建设一个一百五十个车位的公共停车场。",
}


@pytest.fixture
def shipped_rules(db):
    """The rules as shipped in rule_defaults, whatever rows a reused test database holds: with
    no row at all, the checker uses the defaults."""
    CheckRule.objects.all().delete()


def codes(report: dict) -> list[tuple[str, str]]:
    return [(f["code"], f["quote"]) for f in report["findings"] if "cosigner" in f["code"]]


@pytest.fixture
def congress(deputy, other_station_deputy, other_township_deputy, other_county_deputy, station):
    """Around the deputy 王秀英 (a township deputy of 递铺街道, 安吉县): who is, and who is not,
    a deputy of her township's congress and of her county's."""
    elsewhere = other_township_deputy.station
    county_level = Deputy.Level.COUNTY
    return {
        # Her township congress: she, 李建国 and 欧阳 春 (spaced to align, as names often are).
        "spaced": DeputyFactory(station=station, user__name="欧阳 春"),
        # Not in it: a deputy who left office, and a county deputy living in the township.
        "retired": DeputyFactory(station=station, user__name="陈退休", is_active=False),
        "county_here": DeputyFactory(station=station, user__name="周县代", level=county_level),
        # Her county congress: 周县代 above and a county deputy of another township; not a
        # county deputy who left office, nor one of another county.
        "county_there": DeputyFactory(station=elsewhere, user__name="吴县代", level=county_level),
        "county_retired": DeputyFactory(
            station=elsewhere, user__name="郑卸任", level=county_level, is_active=False
        ),
        "county_other": DeputyFactory(
            station=other_county_deputy.station, user__name="冯外县", level=county_level
        ),
    }


def test_a_township_motion_is_signed_by_the_township_deputies_in_office(deputy, congress):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(genre="motion", level="township"))
    assert congress_roster(draft) == {"王秀英", "李建国", "欧阳春"}


def test_a_county_motion_is_signed_by_the_county_deputies_of_the_county(deputy, congress):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(genre="motion", level="county"))
    # The drafter, a township deputy, is not one of them.
    assert congress_roster(draft) == {"周县代", "吴县代"}


def test_the_roster_is_one_query_once_per_draft_and_none_for_a_suggestion(
    deputy, congress, exercise, django_assert_num_queries
):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(genre="motion"))
    with django_assert_num_queries(1):
        congress_roster(draft)
    with django_assert_num_queries(0):
        assert "王秀英" in congress_roster(draft)
    suggestion = start_draft(deputy=deputy, exercise=exercise)
    with django_assert_num_queries(0):
        assert congress_roster(suggestion) is None


def test_a_congress_with_no_deputy_on_file_is_an_unknown_roster(deputy):
    # No county deputy at all in this county: nothing to check the names against.
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(genre="motion", level="county"))
    assert congress_roster(draft) is None


def test_submitting_points_out_signers_who_are_not_deputies_of_the_congress(
    deputy, congress, shipped_rules
):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(genre="motion"))
    signers = "领衔代表：王秀英\n联名代表：李建国、欧阳春、陈退休、周县代、张丽华"
    revision = submit_draft(draft=draft, parts={**MOTION, "cosigners": signers}, saved_version=0)
    assert codes(revision.report) == [
        ("cosigner-not-deputy", "陈退休"),
        ("cosigner-not-deputy", "周县代"),
        ("cosigner-not-deputy", "张丽华"),
    ]
    # Checking the saved draft (the page's "Check") reads the same roster.
    assert codes(check_draft(draft).as_dict()) == codes(revision.report)


def test_signers_all_of_the_congress_are_not_questioned(deputy, station, congress, shipped_rules):
    for name in ("孙一", "钱二"):
        DeputyFactory(station=station, user__name=name)
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(genre="motion"))
    signers = "领衔代表：王秀英\n联名代表：李建国、欧阳 春、孙一、钱二"
    revision = submit_draft(draft=draft, parts={**MOTION, "cosigners": signers}, saved_version=0)
    assert codes(revision.report) == []


def test_a_pasted_motion_is_checked_against_the_same_roster(
    client, deputy, congress, shipped_rules
):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(genre="motion"))
    client.force_login(deputy.user)
    text = "\n".join(
        [
            MOTION["title"],
            f"案由：{MOTION['reason']}",
            f"案据：{MOTION['basis']}",
            f"方案：{MOTION['plan']}",
            "联名代表：王秀英、李建国、欧阳春、张丽华",
        ]
    )
    response = client.post(reverse("proposals:paste", args=[draft.pk]), {"text": text})
    assert response.status_code == 200
    report = response.context["report"]
    signers = report["by_part"]["cosigners"]
    assert [f["quote"] for f in signers if f["code"] == "cosigner-not-deputy"] == ["张丽华"]
