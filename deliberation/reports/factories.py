"""Factories of report exercises, shared by the tests: `report_exercise()` makes a live one
with SAMPLE's text imported."""

import factory

from deliberation.models import ReportExercise, ReportKind
from proposals.models import Level

from .services import import_report

# A short township report: an opening, two parts, a point within the second.
SAMPLE = """\
各位代表：
现在，我代表镇人民政府向大会报告工作，请予审议。
一、2025年工作回顾
全年新修村道12公里，比上年多4公里。
新建互助养老点3个，入住老人46人。
二、2026年工作安排
（一）道路
计划新修村道8公里，镇财政安排养护资金60万元。
（二）饮水
年底前解决南岭村400人的自来水接入。
"""


class ReportExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportExercise

    title = "河口镇人民政府工作报告"
    kind = ReportKind.GOVERNMENT
    level = Level.TOWNSHIP
    live = True


def report_exercise(text: str = SAMPLE, **fields) -> ReportExercise:
    exercise = ReportExerciseFactory(**fields)
    import_report(exercise=exercise, text=text)
    return exercise
