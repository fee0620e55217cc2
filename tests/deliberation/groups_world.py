"""What the group deliberation's tests share: a session of the station with four deputies
invited, three of them checked in; remarks on a report by those present, by the one absent,
and on another report; a group deliberation of the report at the session."""

from types import SimpleNamespace

from deliberation.groups import services
from deliberation.reports.factories import report_exercise
from deliberation.reports.services import add_remark
from studysessions.services import invite_more

from .votes_world import deputies_of, present, session_with

NAMES = ["王秀英", "李建国", "张桂兰", "赵德明"]


def remark(deputy, exercise, start, kind, text, quote="", department=""):
    paragraph = next(p for p in exercise.paragraphs.all() if start in p.text)
    return add_remark(
        deputy=deputy,
        paragraph=paragraph,
        data={"kind": kind, "text": text, "quote": quote, "department": department},
    )


def build(station, *, attributed=True, by=None):
    deputies = deputies_of(station, 4, start=21)
    for deputy, name in zip(deputies, NAMES, strict=True):
        deputy.user.name = name
        deputy.user.save(update_fields=["name"])
    wang, li, zhang, zhao = deputies
    session = session_with(station, deputies, present_ones=[wang, li, zhang])
    report = report_exercise()
    other = report_exercise(title="河口镇财政预算执行情况报告")
    w = SimpleNamespace(session=session, report=report, other=other, deputies=deputies)
    w.praise = remark(
        wang, report, "全年新修村道12公里", "assessment", "村道多修了4公里，值得肯定。"
    )
    w.problem = remark(
        li,
        report,
        "新建互助养老点3个",
        "problem",
        "养老点建了3个，入住只有46人，使用率偏低。",
        quote="入住老人46人",
    )
    w.question = remark(
        zhang,
        report,
        "计划新修村道8公里",
        "question",
        "60万元养护资金按什么标准分到各村？",
        department="镇财政所",
    )
    w.suggestion = remark(
        wang,
        report,
        "年底前解决南岭村400人",
        "suggestion",
        "建议镇水务站在9月底前完成南岭村主管网铺设，年底前全部入户。",
    )
    w.unmarked = remark(li, report, "全年新修村道12公里", "assessment", "完全同意报告。")
    # Not present: never shown, never carried.
    w.absent = remark(zhao, report, "新建互助养老点3个", "problem", "缺席代表的意见不应出现。")
    # Another report's remark by a deputy present.
    w.elsewhere = remark(wang, other, "全年新修村道12公里", "problem", "另一份报告上的意见。")
    w.group = services.open_group(
        session=session, exercise=report, attributed=attributed, convener="王秀英", created_by=by
    )
    services.set_marks(
        group=w.group, remark_ids=[w.praise.pk, w.problem.pk, w.question.pk, w.suggestion.pk]
    )
    return w


def more_remarks(w, n=6):
    """More remarks by more deputies present, some marked: the pages' queries stay the same."""
    more = deputies_of(w.session.station, 3, start=41)
    invite_more(session=w.session, deputies=more)
    present(w.session, more)
    marked = []
    for i in range(n):
        r = remark(more[i % 3], w.report, "计划新修村道8公里", "suggestion", f"补充建议{i}。")
        marked.append(r.pk)
    services.set_marks(
        group=w.group,
        remark_ids=[*marked, w.praise.pk, w.problem.pk, w.question.pk, w.suggestion.pk],
    )
