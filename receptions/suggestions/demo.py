"""The demo's submitted suggestions, in the project's own words: the demo deputy's (one counting
down to its reply, one overdue with its notice, one answered to their satisfaction) and one of a
deputy of 东街社区代表联络站 who was not satisfied and awaits the second reply. Dates are counted
back from today, so the countdown always reads the same. Made through the services; running it
again adds nothing."""

from datetime import timedelta

from django.utils import timezone

from deputies.models import Deputy

from . import services
from .factories import submitted_suggestion
from .services import add_months

READER = "13900000001"
NEIGHBOUR = "13900000002"  # a deputy of 东街社区代表联络站, whose staff follow them


def seed_suggestions() -> list[str]:
    reader = Deputy.objects.filter(user__mobile=READER).select_related("user").first()
    neighbour = Deputy.objects.filter(user__mobile=NEIGHBOUR).select_related("user").first()
    if reader is None or neighbour is None or reader.submitted_suggestions.exists():
        return []
    today = timezone.localdate()

    # Referred so that 23 days are left of the three months.
    counting = submitted_suggestion(
        reader,
        assigned_on=add_months(today + timedelta(days=23), -3),
        title="关于在城关镇中心小学门口增设人行横道和减速带的建议",
        session="城关镇第十九届人民代表大会第五次会议",
        main_unit="县公安局交通管理大队",
        co_units=["城关镇人民政府", "县教育局"],
    )
    overdue = submitted_suggestion(
        reader,
        assigned_on=add_months(today - timedelta(days=6), -3),
        title="关于疏通老街排水沟、解决雨天积水的建议",
        session="城关镇第十九届人民代表大会第五次会议",
        main_unit="城关镇建设办公室",
    )
    answered = submitted_suggestion(
        reader,
        assigned_on=add_months(today, -5),
        title="关于延长镇卫生院周末门诊时间的建议",
        main_unit="城关镇卫生院",
    )
    services.record_reply(
        suggestion=answered,
        by=reader.user,
        replied_on=answered.assigned_on + timedelta(days=58),
        outcome="resolved",
        summary="卫生院已从本月起把周六门诊延长到下午五点，周日上午增设全科门诊。",
    )
    services.record_satisfaction(
        suggestion=answered,
        by=reader.user,
        satisfaction="satisfied",
        said_on=answered.assigned_on + timedelta(days=65),
    )

    again = submitted_suggestion(
        neighbour,
        assigned_on=add_months(today, -4),
        title="关于东街农贸市场周边停车难的建议",
        main_unit="城关镇综合行政执法队",
        co_units=["县市场监督管理局"],
    )
    services.record_reply(
        suggestion=again,
        by=neighbour.user,
        replied_on=today - timedelta(days=20),
        outcome="explained",
        summary="市场周边暂无空地可建停车场，将加强早高峰巡查。",
    )
    services.record_satisfaction(
        suggestion=again,
        by=neighbour.user,
        satisfaction="not_satisfied",
        said_on=today - timedelta(days=12),
    )
    submitted_suggestion(
        neighbour,
        assigned_on=today - timedelta(days=30),
        title="关于县域农村客运班线延伸到东街社区的建议",
        level="county",
        session="县第十八届人民代表大会第四次会议",
        main_unit="县交通运输局",
        is_complex=True,
    )
    sent = services.send_overdue_reminders()
    return [
        f"Suggestion counting down: {counting.title}, reply due {counting.reply_due}",
        f"Suggestion overdue: {overdue.title}, due {overdue.reply_due} ({sent} notice sent)",
        f"Suggestion awaiting a second reply: {again.title}",
    ]
