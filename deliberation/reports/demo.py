"""The demo's report exercise: a fictional 城关镇人民政府工作报告 (2025's work and 2026's plans),
live, and the demo deputy's remarks on it, some good and some weak, for the checker to comment
on. Written in the project's own words; every name and figure is invented. A speech on it
credits an hour (学时) once accepted, as the editors would set in the report exercise's form.
Idempotent: the exercise is found by its title, the remarks by their text."""

from decimal import Decimal

from deliberation.models import ReportExercise, ReportKind
from deputies.models import Deputy
from proposals.models import Level

from ..speeches.services import set_speech_credit_hours
from .services import add_remark, import_report

SPEECH_HOURS = Decimal("1.0")

TITLE = "城关镇人民政府工作报告（2026年）"
READER = "13900000001"

REPORT = """\
——2026年1月9日在城关镇第十八届人民代表大会第六次会议上
镇长　周立平

各位代表：
现在，我代表镇人民政府向大会报告工作，请予审议，并请列席人员提出意见。

一、2025年工作回顾
2025年，全镇实现地区生产总值18.6亿元，同比增长5.8%；一般公共预算收入9860万元，同比增长4.2%；农村居民人均可支配收入23480元，同比增长6.5%。全年民生支出1.42亿元，占一般公共预算支出的71%。

（一）道路交通。新建和改造农村公路15.3公里，完成年初计划的12公里并超出3.3公里，总投资2180万元。完成东风村、石桥村两座危桥改造，全镇行政村通双车道比例由68%提高到76%。
安装路灯420盏，新增公交站亭18个，城关至白沙线公交班次由每日12班增加到20班。

（二）饮水安全。投入1260万元实施城乡供水一体化二期工程，新铺设供水管网38公里，新增受益人口6200人，全镇自来水普及率达到97.5%。
完成11处村级水源地保护设施建设，水质季度抽检合格率100%。南岭片区仍有3个自然村、约900人依靠自建水井供水，夏季高峰时段存在水压不足问题。

（三）养老服务。新建村级互助养老点6个，全镇累计达到14个，覆盖率达到70%。镇敬老院完成改造，床位由60张增加到90张，入住率为62%。
为全镇80周岁以上老人发放高龄补贴386万元，惠及3100余人；为1460名独居、空巢老人提供上门探访服务1.2万人次。

（四）教育。投入850万元完成镇中心小学教学楼加固和食堂改造，新增学位270个。城关幼儿园分园建成投用，普惠性幼儿园覆盖率达到92%。
全镇义务教育阶段学生4860人，其中随迁子女610人。乡村小规模学校由9所调整为7所，校车线路由5条增加到8条。

（五）农业农村。粮食播种面积稳定在5.2万亩，总产量2.36万吨。新建高标准农田8000亩，发展设施蔬菜1200亩，茶叶、食用菌两个特色产业产值达到1.9亿元。
完成农村人居环境整治村12个，改造农村户厕1350户，生活垃圾分类覆盖率达到85%。

二、存在的困难和问题
一是财政收支矛盾突出，镇级可用财力增长缓慢，部分项目配套资金到位不及时；二是部分村道养护跟不上，建成后管护经费没有稳定来源；三是养老服务供给与需求不够匹配，部分互助养老点使用率不高；四是农业产业链条短，农产品加工和品牌建设滞后。对这些问题，我们将采取有力措施认真加以解决。

三、2026年工作安排
2026年全镇经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长3%以上，农村居民人均可支配收入增长6%以上。

（一）继续完善道路网络。计划新建和改造农村公路10公里，重点推进南岭至石桥连接线建设，年内完成路基工程。建立村道养护长效机制，镇财政安排养护资金120万元。

（二）全面保障饮水安全。启动南岭片区供水管网延伸工程，计划投资480万元，2026年9月底前解决3个自然村约900人的自来水接入问题。

（三）提升养老服务水平。新建村级互助养老点4个，推动镇敬老院与镇卫生院签约开展医养结合服务。探索"时间银行"等志愿服务方式，为独居老人提供助餐服务。

（四）办好人民满意的教育。实施镇第二中学运动场改造，新建学生宿舍一栋，新增床位240个。继续落实学生营养改善计划，保障随迁子女平等入学。

（五）推动农业提质增效。新建高标准农田5000亩，新增设施蔬菜500亩，扶持2家农产品加工企业扩大规模，打造"城关云雾"茶叶区域品牌。

四、加强政府自身建设
坚持依法行政，自觉接受镇人民代表大会的监督，认真办理代表建议。2025年办理代表建议46件，已办结43件，3件列入计划逐步解决。严格执行过紧日子要求，"三公"经费同比下降8%。

各位代表，新的一年任务艰巨，我们将在镇党委的领导下，在镇人民代表大会的监督下，扎实做好各项工作。
"""

GUIDANCE = """\
先通读一遍，再逐段细读。每条意见挂在它所说的段落下：
肯定：说清楚哪件事做得好、好在哪里，最好引用报告里的数字。
问题：指出报告里的数字或做法有什么不足，拿出依据（报告里的数字、选民反映的情况）。
询问：写明向哪个部门提问，问清楚一件具体的事。
建议：说清楚由谁做、做什么、什么时候做完。"""

# (words of the paragraph, kind, quoted words, department, remark)
REMARKS = [
    (
        "新建和改造农村公路15.3公里",
        "assessment",
        "完成年初计划的12公里并超出3.3公里",
        "",
        "农村公路超额完成年初计划3.3公里，东风村、石桥村的危桥也改好了，群众出行明显方便，"
        "这项工作值得肯定。",
    ),
    (
        "完成11处村级水源地保护设施建设",
        "problem",
        "约900人依靠自建水井供水",
        "",
        "报告说自来水普及率达到97.5%，但南岭片区还有约900人靠自建水井吃水，夏天水压不够。"
        "我走访时有村民反映，去年7月连续一周晚上接不到水。这个问题报告写了，但解决时间排得偏晚。",
    ),
    (
        "启动南岭片区供水管网延伸工程",
        "suggestion",
        "2026年9月底前",
        "",
        "建议镇农业农村办牵头，会同镇财政所，在2026年6月底前完成南岭片区管网延伸的主管铺设，"
        "赶在用水高峰前通水；9月底前完成全部入户。",
    ),
    (
        "新建村级互助养老点6个",
        "question",
        "入住率为62%",
        "镇民政办",
        "镇敬老院床位由60张增加到90张，但入住率只有62%。请问空着的床位主要是什么原因？"
        "是收费、护理人员还是位置的问题？",
    ),
    (
        "计划新建和改造农村公路10公里",
        "question",
        "镇财政安排养护资金120万元",
        "镇财政所",
        "村道养护资金120万元，是从哪一项预算里安排的？按全镇村道里程算，每公里每年能有多少养护经费？",
    ),
    (
        "全镇义务教育阶段学生4860人",
        "suggestion",
        "校车线路由5条增加到8条",
        "",
        "建议教育部门把校车线路和班次向家长公开，每学期开学前征求一次意见。",
    ),
    (
        "2025年，全镇实现地区生产总值18.6亿元",
        "assessment",
        "",
        "",
        "完全同意报告，报告实事求是，重点突出。",
    ),
    (
        "一是财政收支矛盾突出",
        "problem",
        "",
        "",
        "有些工作还需要进一步加强。",
    ),
]


def seed_reports() -> list[str]:
    exercise = ReportExercise.objects.filter(title=TITLE).first()
    if exercise is None:
        exercise = ReportExercise(
            title=TITLE,
            kind=ReportKind.GOVERNMENT,
            level=Level.TOWNSHIP,
            guidance=GUIDANCE,
            live=True,
        )
        exercise.full_clean()
        exercise.save()
        import_report(exercise=exercise, text=REPORT)
        set_speech_credit_hours(report=exercise, hours=SPEECH_HOURS)
    reader = Deputy.objects.filter(user__mobile=READER).first()
    added = mine = 0
    if reader is not None:
        written = set(exercise.remarks.filter(deputy=reader).values_list("text", flat=True))
        paragraphs = list(exercise.paragraphs.all())
        for start, kind, quote, department, text in REMARKS:
            if text in written:
                continue
            paragraph = next(p for p in paragraphs if start in p.text)
            add_remark(
                deputy=reader,
                paragraph=paragraph,
                data={"kind": kind, "text": text, "quote": quote, "department": department},
            )
            added += 1
        mine = exercise.remarks.filter(deputy=reader).count()
    return [
        f"Report exercise: {exercise.title} ({exercise.sections.count()} sections, "
        f"{exercise.paragraphs.count()} paragraphs); {mine} remarks "
        f"of the demo deputy ({added} new)."
    ]
