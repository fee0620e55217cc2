"""The mock vote on livelihood projects as a station runs it: the clerk, on the PC, sets up a
vote at today's group study and opens it; a deputy checked in votes from the phone (390x844)
and changes their mind; the clerk's voting screen counts who has voted, and after the close the
result at desktop size shows the rule applied in words. Then the demo's past vote, with its tie
for the last place. In Chinese and in English."""

from datetime import timedelta

import pytest
from django.utils import timezone

from deliberation.models.votes import Ballot, MockVote
from deputies.demo import DEMO_PASSWORD
from deputies.models import Deputy, LiaisonStation, User
from studysessions.attendance import mark_present
from studysessions.demo import STATION
from studysessions.models import Attendance
from studysessions.services import schedule_session

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "zh-hans": {
        "set_up": "建立模拟票决",
        "save": "保存",
        "add": "添加",
        "open": "开始投票",
        "send": "提交我的投票",
        "recorded": "您的投票已记录",
        "voted": "已投票 1 人",
        "close": "结束投票并计票",
        "passed": "赞成 1 票，超过出席代表 1 人的半数（需 1 票），通过。",
        "not_passed": "赞成 0 票，未超过出席代表 1 人的半数（需 1 票），未通过。",
        "secret": "无记名投票",
        "tie": "最后名额票数相同",
        "demo_fail": "赞成 4 票，未超过全体代表 8 人的半数（需 5 票），未通过。",
    },
    "en": {
        "set_up": "Set up a mock vote",
        "save": "Save",
        "add": "Add the project",
        "open": "Open the vote",
        "send": "Send my vote",
        "recorded": "Your vote is recorded",
        "voted": "1 of 1 deputies present have voted",
        "close": "Close the vote and count",
        "passed": "1 for: more than half of the 1 deputies present (1 needed): passed.",
        "not_passed": "0 for: not more than half of the 1 deputies present (1 needed): not passed.",
        "secret": "Secret ballot",
        "tie": "A tie for the last place",
        "demo_fail": (
            "4 for: not more than half of all 8 deputies expected (5 needed): not passed."
        ),
    },
}


def session_today():
    """A session of the demo station that began ten minutes ago, the deputy checked in."""
    station = LiaisonStation.objects.get(name=STATION)
    staff = User.objects.get(mobile="13700000003")
    deputies = list(Deputy.objects.active().filter(station=station))
    now = timezone.now()
    (session,) = schedule_session(
        station=station,
        created_by=staff,
        invitees=deputies,
        whole_station=True,
        topic="民生实事项目票决练习",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=80),
        place="东街社区代表联络站会议室",
    )
    deputy = Deputy.objects.get(user__mobile="13900000002")
    mark_present(session=session, deputy=deputy, recorded_by=staff, method=Attendance.Method.QR)
    return session


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_clerk_runs_a_vote_and_a_deputy_votes_from_the_phone(
    demo, new_page, screenshot, language
):
    words = WORDS[language]
    session = session_today()

    clerk = new_page(DESKTOP, language)
    clerk.on("dialog", lambda dialog: dialog.accept())
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    clerk.goto(f"/study/staff/{session.pk}/")
    with clerk.expect_navigation():
        clerk.get_by_role("link", name=words["set_up"]).click()
    clerk.fill("input[name=title]", "2027 年民生实事项目票决")
    clerk.check("input[name=rule][value=present]")
    screenshot(clerk, f"votes-set-up-desktop-{language}")
    with clerk.expect_navigation():
        clerk.get_by_role("button", name=words["save"]).click()
    for name, cost in [("老街背巷路面硬化", "96"), ("社区老年助餐点", "42.5")]:
        clerk.fill("input[name=name]", name)
        clerk.fill("input[name=cost]", cost)
        with clerk.expect_navigation():
            clerk.get_by_role("button", name=words["add"], exact=True).click()
    screenshot(clerk, f"votes-draft-desktop-{language}")
    with clerk.expect_navigation():
        clerk.locator("form[action$='/open/'] button").click()
    vote = MockVote.objects.get(session=session)
    assert vote.is_open

    phone = new_page(PHONE, language)
    sign_in(phone, "13900000002", DEMO_PASSWORD)
    phone.goto(f"/study/{session.pk}/")
    assert_fits(phone)
    screenshot(phone, f"votes-session-page-phone-{language}")
    with phone.expect_navigation():
        phone.locator(f"a[href='/deliberation/votes/{vote.pk}/']").click()
    assert_fits(phone)
    screenshot(phone, f"votes-ballot-phone-{language}")
    road, canteen = vote.projects.all()
    phone.locator(f"label[for=id_project-{road.pk}_0]").click()  # for
    phone.locator(f"label[for=id_project-{canteen.pk}_1]").click()  # against
    with phone.expect_navigation():
        phone.get_by_role("button", name=words["send"]).click()
    assert words["recorded"] in phone.locator("main").inner_text()
    # A change of mind: the canteen, for after all; then back to against. One ballot each.
    phone.locator(f"label[for=id_project-{canteen.pk}_0]").click()
    with phone.expect_navigation():
        phone.get_by_role("button", name=words["send"]).click()
    phone.locator(f"label[for=id_project-{canteen.pk}_1]").click()
    with phone.expect_navigation():
        phone.get_by_role("button", name=words["send"]).click()
    assert Ballot.objects.filter(project__vote=vote).count() == 2
    assert_fits(phone)
    screenshot(phone, f"votes-voted-phone-{language}")

    clerk.goto(f"/deliberation/staff/votes/{vote.pk}/results/?screen=1")
    assert words["voted"] in clerk.locator("main").inner_text()
    assert "赞成 1" not in clerk.locator("main").inner_text()
    screenshot(clerk, f"votes-voting-screen-desktop-{language}")

    clerk.goto(f"/deliberation/staff/votes/{vote.pk}/")
    with clerk.expect_navigation():
        clerk.get_by_role("button", name=words["close"]).click()
    text = clerk.locator("main").inner_text()
    assert words["passed"] in text
    assert words["not_passed"] in text
    assert words["secret"] in text
    assert Deputy.objects.get(user__mobile="13900000002").user.name not in text
    screenshot(clerk, f"votes-result-desktop-{language}")

    # The deputy's page now shows the result, and takes no more votes.
    phone.reload()
    assert words["passed"] in phone.locator("main").inner_text()
    assert phone.get_by_role("button", name=words["send"]).count() == 0
    screenshot(phone, f"votes-result-phone-{language}")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_demos_past_vote_shows_its_tie(demo, new_page, screenshot, language):
    words = WORDS[language]
    first, second = MockVote.objects.filter(status=MockVote.Status.CLOSED).order_by("pk")
    clerk = new_page(DESKTOP, language)
    sign_in(clerk, "13700000003", DEMO_PASSWORD)
    clerk.goto(f"/deliberation/staff/votes/{first.pk}/results/?screen=1")
    text = clerk.locator("main").inner_text()
    assert words["tie"] in text
    assert words["demo_fail"] in text
    screenshot(clerk, f"votes-demo-tie-desktop-{language}")
    clerk.goto(f"/deliberation/staff/votes/{second.pk}/results/")
    screenshot(clerk, f"votes-demo-second-round-desktop-{language}")
