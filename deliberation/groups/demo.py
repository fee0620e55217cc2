"""The demo's group deliberation: at last week's group study of 东街社区代表联络站
(`studysessions.demo`), the deputies present deliberated the demo's 城关镇人民政府工作报告
(`deliberation.reports.demo`); their remarks, written in the project's own words, are on the
screen, the clerk marked most of them, and the deliberation is closed with its 审议意见汇总 ready
to download, the deputies named. Made through the services, as real use; running it again adds
nothing."""

from django.utils import timezone

from deliberation.models import GroupDeliberation, ReportExercise
from deliberation.reports.demo import TITLE
from deliberation.reports.services import add_remark
from deputies.models import Deputy, User
from studysessions.demo import STAFF, STATION
from studysessions.models import Attendance, StudySession

from . import services

# (which deputy present, in the order of their mobile numbers; words of the paragraph; kind;
# quoted words; department asked; the remark; carried forward)
REMARKS = [
    (
        0,
        "城关至白沙线公交班次",
        "assessment",
        "由每日12班增加到20班",
        "",
        "城关到白沙的公交从一天12班加到20班，东街的老人去镇卫生院看病、赶集都方便多了，"
        "这件实事办到了群众心坎上。",
        True,
    ),
    (
        1,
        "入住率为62%",
        "question",
        "床位由60张增加到90张",
        "镇民政办",
        "敬老院扩到90张床，入住率只有62%，也就是说还有三十多张床空着。今年新建4个互助养老点之前，"
        "能不能先把空床的原因摸清楚，是收费高、护理人手少，还是离家太远？",
        True,
    ),
    (
        1,
        "新建村级互助养老点4个",
        "suggestion",
        "为独居老人提供助餐服务",
        "",
        "建议镇民政办在今年6月底前，先在东街社区试点独居老人助餐，每周至少五天，"
        "年底前把试点的开支和老人满意度向镇人大主席团报告，再决定是否推开。",
        True,
    ),
    (
        2,
        "二是部分村道养护跟不上",
        "problem",
        "建成后管护经费没有稳定来源",
        "",
        "报告说去年新修改造农村公路15.3公里，但建成后的养护没有稳定经费。东街到石桥村那段"
        "前年修的路，今年已经有好几处坑洼，雨天积水，骑电动车的老人摔过跤。",
        True,
    ),
    (
        2,
        "建立村道养护长效机制",
        "question",
        "镇财政安排养护资金120万元",
        "镇财政所",
        "今年安排的120万元村道养护资金，是按什么标准分到各村的？东街社区能分到多少，"
        "由谁来组织养护、谁来验收？",
        True,
    ),
    (
        3,
        "启动南岭片区供水管网延伸工程",
        "suggestion",
        "2026年9月底前",
        "",
        "南岭片区约900人吃水的问题拖了几年，建议镇政府把主管网铺设提前到7月用水高峰之前完成，"
        "并在施工期间每月向片区群众公布一次进度。",
        True,
    ),
    (
        3,
        "2025年，全镇实现地区生产总值18.6亿元",
        "assessment",
        "",
        "",
        "报告总体写得实在，数字清楚。",
        False,
    ),
    (
        0,
        "生活垃圾分类覆盖率达到85%",
        "problem",
        "生活垃圾分类覆盖率达到85%",
        "",
        "报告说垃圾分类覆盖率达到85%，但东街几个小区分类桶放了，收运时还是混在一起装车，"
        "群众说分了也白分。覆盖率不能只看桶放了多少。",
        False,
    ),
]

# The convener's summing-up of the section on this year's plans.
NOTE = (
    "代表们集中关注村道养护资金怎么分、南岭片区通水能否提前、独居老人助餐如何落地，"
    "请镇政府在下次会议前书面答复。"
)


def seed_groups() -> list[str]:
    staff = User.objects.filter(mobile=STAFF).first()
    exercise = ReportExercise.objects.filter(title=TITLE).first()
    past = (
        StudySession.objects.filter(station__name=STATION, ends_at__lt=timezone.now())
        .order_by("starts_at")
        .last()
    )
    if staff is None or exercise is None or past is None:
        return []
    if GroupDeliberation.objects.filter(session=past, exercise=exercise).exists():
        return []
    present = list(
        Deputy.objects.filter(pk__in=Attendance.objects.filter(session=past).values("deputy"))
        .select_related("user")
        .order_by("user__mobile")
    )
    speakers = max(n for n, *_ in REMARKS) + 1
    if len(present) < speakers:
        return []
    paragraphs = list(exercise.paragraphs.all())
    carried = []
    for n, start, kind, quote, department, text, carry in REMARKS:
        paragraph = next(p for p in paragraphs if start in p.text)
        remark = add_remark(
            deputy=present[n],
            paragraph=paragraph,
            data={"kind": kind, "text": text, "quote": quote, "department": department},
        )
        if carry:
            carried.append(remark.pk)
    group = services.open_group(
        session=past,
        exercise=exercise,
        attributed=True,
        convener=present[0].user.name,
        created_by=staff,
    )
    plans = exercise.sections.filter(heading__contains="2026年工作安排").first()
    notes = {plans.pk: NOTE} if plans is not None else {}
    services.set_marks(group=group, remark_ids=carried, notes=notes)
    services.close_group(group=group)
    return [
        f"Group deliberation: «{exercise.title}» at «{past.topic}», "
        f"{len(carried)} remarks carried into the summary"
    ]
