"""The demo's mock votes at 东街社区代表联络站, where the demo's group study is held
(`studysessions.demo`): at last week's session, a vote on five candidate projects under "more
than half of all the deputies expected, at most three chosen", which ends in a tie for the last
two places, and the further round on the tied projects that settles it; at tomorrow's session,
a vote set up as a draft for the clerk to open. Made through the services, as real use;
running it again adds nothing."""

from decimal import Decimal

from django.utils import timezone

from deliberation.models.votes import MockVote
from deputies.models import Deputy, User
from studysessions.demo import STAFF, STATION
from studysessions.models import Attendance, StudySession

from . import services

Y, N, A = "yes", "no", "abstain"

# (name, what it does, estimated cost in 万元); the project's own words.
PROJECTS = [
    (
        "老街背巷路面硬化",
        "东街、后街一带六条背街小巷仍是碎石土路，雨天积水、老人出行易滑倒。铺设混凝土路面约"
        "1.8 公里，同步疏通两侧排水沟。",
        Decimal("96"),
    ),
    (
        "社区老年助餐点",
        "在东街社区服务中心一楼改建助餐点，为 80 岁以上和独居老人提供午餐，每餐自付 8 元，"
        "其余由镇财政和爱心企业补贴；行动不便的可送餐上门。",
        Decimal("42.5"),
    ),
    (
        "城关小学门口过街信号灯",
        "小学门口的城东路车流大、无信号灯，上下学时家长反映强烈。安装行人过街信号灯和"
        "减速标线，配套上下学时段护学岗。",
        Decimal("18"),
    ),
    (
        "东溪河道清淤保洁",
        "东溪流经社区的一段淤积严重、夏季有异味。清淤约 2 公里，设置垃圾拦截网，聘请保洁员"
        "常年巡河保洁。",
        Decimal("65"),
    ),
    (
        "社区卫生服务站添置设备",
        "为社区卫生服务站添置心电图机、全自动生化分析仪和一台除颤仪，居民常规检查不必再跑县医院。",
        Decimal("38"),
    ),
]

# Each project's ballots from the six deputies present, in the order of their mobile numbers
# (None: cast nothing on it). Eight deputies are expected, so a project needs 5 votes for.
FIRST_ROUND = [
    [Y, Y, Y, Y, Y, Y],  # 6: chosen
    [Y, Y, N, Y, Y, Y],  # 5: tied
    [Y, A, Y, Y, Y, Y],  # 5: tied
    [Y, Y, N, Y, A, Y],  # 4: more than half of those present, not of all eight: not passed
    [Y, Y, Y, None, Y, Y],  # 5: tied
]
# The further round on the three tied projects, for the two places left.
SECOND_ROUND = [
    [Y, Y, Y, Y, Y, Y],  # 助餐点, 6: chosen
    [Y, Y, Y, N, Y, Y],  # 信号灯, 5: chosen
    [Y, N, A, Y, N, Y],  # 卫生站, 3: not passed
]


def _cast(vote, deputies, rounds):
    projects = list(vote.projects.all())
    for n, deputy in enumerate(deputies):
        choices = {p.pk: row[n] for p, row in zip(projects, rounds, strict=True) if row[n]}
        services.cast_ballot(vote=vote, deputy=deputy, choices=choices)


def seed_votes() -> list[str]:
    staff = User.objects.filter(mobile=STAFF).first()
    sessions = StudySession.objects.filter(station__name=STATION).order_by("starts_at")
    if staff is None or MockVote.objects.filter(session__in=sessions).exists():
        return []
    now = timezone.now()
    past = sessions.filter(ends_at__lt=now).last()
    if past is None:
        return []
    present = list(
        Deputy.objects.filter(
            pk__in=Attendance.objects.filter(session=past).values("deputy")
        ).order_by("user__mobile")[: len(FIRST_ROUND[0])]
    )
    if len(present) < len(FIRST_ROUND[0]):
        return []

    first = services.create_vote(
        session=past,
        title="2027 年东街社区民生实事项目票决（模拟）",
        rule=MockVote.Rule.EXPECTED,
        max_chosen=3,
        created_by=staff,
    )
    for order, (name, text, cost) in enumerate(PROJECTS, start=1):
        services.add_project(vote=first, name=name, description=text, cost=cost, order=order)
    services.open_vote(vote=first)
    _cast(first, present, FIRST_ROUND)
    services.close_vote(vote=first)

    second = services.further_round(
        vote=first, created_by=staff, title="第二轮：对得票相同的三个项目再次表决（模拟）"
    )
    services.open_vote(vote=second)
    _cast(second, present, SECOND_ROUND)
    services.close_vote(vote=second)

    lines = [f"Mock votes: 2 closed at «{past.topic}»"]
    upcoming = sessions.filter(starts_at__gt=now, status=StudySession.Status.SCHEDULED).first()
    if upcoming is not None:
        draft = services.create_vote(
            session=upcoming,
            title="民生实事项目票决练习（出席代表过半数通过）",
            rule=MockVote.Rule.PRESENT,
            created_by=staff,
        )
        for name, text, cost in PROJECTS[:3]:
            services.add_project(vote=draft, name=name, description=text, cost=cost)
        lines.append(f"Mock votes: a draft at «{upcoming.topic}» for the clerk to open")
    return lines
