"""Demo reception register at 东街社区代表联络站: two past reception days (the 9th of the last
two months) with the deputies on duty, and matters at every stage: closed with the voter
satisfied, closed as explained, not accepted, answered, overdue, sent back after an
unsatisfied voter, just registered, and one turned into a suggestion draft. Voters are made up.
Made through the same services as real use; running it again adds nothing."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from deputies.models import Deputy, LiaisonStation, User

from ..models import Matter
from . import services
from .services import Voter

STATION = "东街社区代表联络站"
CLERK = "13700000003"


def _ninth_before(day: date, months_back: int) -> date:
    month = day.month - months_back - (0 if day.day > 9 else 1)
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 9)


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_receptions() -> list[str]:
    station = LiaisonStation.objects.filter(name=STATION).first()
    clerk = User.objects.filter(mobile=CLERK).first()
    if station is None or clerk is None or Matter.objects.filter(station=station).exists():
        return []
    deputies = list(Deputy.objects.active().filter(station=station).order_by("user__mobile")[:2])
    if len(deputies) < 2:
        return []
    first, second = deputies
    today = timezone.localdate()
    earlier, later = _ninth_before(today, 1), _ninth_before(today, 0)
    for day, on_duty in ((earlier, [first, second]), (later, [first])):
        services.schedule_reception_day(
            station=station,
            created_by=clerk,
            day=day,
            hours="9:00–11:30",
            place="东街社区代表联络站接待室",
            on_duty=on_duty,
        )

    def record(day, deputy, category, raised, said="", voter=None):
        return services.record_matter(
            station=station,
            recorded_by=deputy.user,
            category=category,
            raised=raised,
            said_on_spot=said,
            voter=voter or Voter(),
            received_on=day,
            now=_at(day) if day < today else None,
        )

    def refer(matter, unit, days_after=1):
        return services.refer(
            matter=matter, by=clerk, unit=unit, now=_at(matter.received_on + timedelta(days_after))
        )

    # The earlier day: closed (voter satisfied), closed as explained, not accepted.
    solved = record(
        earlier,
        first,
        "roads",
        "东街菜市场后面的小路有三处坑洼，雨天积水，老人买菜容易滑倒。",
        "已登记，转街道城建办查看。",
        Voter("示例选民甲", "13912340001", True),
    )
    refer(solved, "街道城建办")
    services.record_answer(
        matter=solved, by=clerk, answer="已安排施工队填补坑洼并加装排水口。",
        now=_at(earlier + timedelta(days=12)),
    )  # fmt: skip
    services.record_visit(
        matter=solved, by=first.user, satisfaction="satisfied", note="电话告知，选民表示满意。",
        now=_at(earlier + timedelta(days=14)),
    )  # fmt: skip
    services.close(matter=solved, by=clerk, closure="solved", now=_at(earlier + timedelta(15)))

    explained = record(
        earlier,
        second,
        "schools",
        "希望在社区附近新建一所幼儿园，现在接送孩子要走很远。",
        voter=Voter("示例选民乙"),
    )
    refer(explained, "县教育局")
    services.record_answer(
        matter=explained, by=clerk, answer="新园选址已列入明年规划调研，今年暂不具备条件。",
        now=_at(earlier + timedelta(days=20)),
    )  # fmt: skip
    services.record_visit(
        matter=explained, by=clerk, satisfaction="basically", now=_at(earlier + timedelta(21))
    )
    services.close(
        matter=explained, by=clerk, closure="explained", note="已向选民说明原因和规划安排。",
        now=_at(earlier + timedelta(days=22)),
    )  # fmt: skip

    lawsuit = record(earlier, first, "other", "与邻居宅基地边界纠纷，要求代表出面解决。")
    services.reject(
        matter=lawsuit, by=clerk, reason="该纠纷已起诉至法院，已告知选民依法通过诉讼程序解决。",
        now=_at(earlier + timedelta(days=1)),
    )  # fmt: skip

    # The later day: overdue, answered, sent back, registered, and one made a suggestion.
    overdue = record(
        later,
        first,
        "water",
        "东街12号楼一带自来水水压低，高层住户白天经常没水。",
        "已记录，转供水公司。",
        Voter("示例选民丙", "13912340003", True),
    )
    refer(overdue, "县供水公司")
    services.follow_up(
        matter=overdue, by=clerk, note="电话催办，供水公司称正在排查。",
        now=_at(later + timedelta(days=10)),
    )  # fmt: skip

    answered = record(later, first, "health", "社区卫生服务站下午常常没有医生值班。")
    refer(answered, "街道社区卫生服务中心")
    services.record_answer(
        matter=answered, by=clerk, answer="已调整排班，工作日下午安排一名医生坐诊。",
        now=_at(later + timedelta(days=8)),
    )  # fmt: skip

    unsatisfied = record(later, first, "social", "低保复核结果迟迟没有通知。")
    refer(unsatisfied, "街道社会事务办")
    services.record_answer(
        matter=unsatisfied, by=clerk, answer="复核材料已报县民政局。",
        now=_at(later + timedelta(days=5)),
    )  # fmt: skip
    services.record_visit(
        matter=unsatisfied, by=clerk, satisfaction="unsatisfied", note="选民希望告知具体时间。",
        now=_at(later + timedelta(days=6)),
    )  # fmt: skip
    services.follow_up(matter=unsatisfied, by=clerk, note="请告知复核办结的具体时间。")

    suggestion = record(
        later,
        first,
        "environment",
        "老街餐馆油烟直排，周边居民夏天不敢开窗；同类问题在全街道都有。",
        "这是共性问题，拟形成代表建议。",
    )
    services.turn_into_suggestion(matter=suggestion, by=first.user)

    fresh = record(today, first, "safety", "学校门口上下学时段车辆乱停，孩子过马路危险。")
    return [
        f"Voter reception: {STATION}, reception days {earlier} and {later}, "
        f"{Matter.objects.filter(station=station).count()} matters "
        f"(overdue {overdue.case_number}, closed {solved.case_number}, "
        f"suggestion {suggestion.case_number}, new {fresh.case_number}); "
        f"deputy on duty {first.user.mobile}, clerk {CLERK}"
    ]
