"""The demo's report exercise and the demo deputy's remarks on it."""

from deliberation.models import Remark, RemarkKind, ReportExercise
from deliberation.reports.demo import READER, seed_reports
from deputies.factories import DeputyFactory, UserFactory


def test_the_demo_report_and_remarks_once(db):
    reader = DeputyFactory(user=UserFactory(mobile=READER))
    seed_reports()
    seed_reports()  # idempotent
    exercise = ReportExercise.objects.get()
    assert exercise.live
    assert 5 <= exercise.sections.count() <= 7
    assert 15 <= exercise.paragraphs.count() <= 25
    remarks = Remark.objects.filter(deputy=reader)
    assert 6 <= remarks.count() <= 8
    assert set(remarks.values_list("kind", flat=True)) == set(RemarkKind.values)
    assert remarks.filter(kind=RemarkKind.QUESTION, department="镇财政所").exists()
    assert remarks.filter(text__startswith="完全同意报告").exists()  # a weak one, for the checker
    for remark in remarks.select_related("paragraph"):
        assert remark.quote in remark.paragraph.text
