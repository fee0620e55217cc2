"""The demo's speech: composed from the demo deputy's remarks, rewritten in part, submitted
once and returned with the rubric by the staff who look after them; seeding twice adds
nothing. And on the demo's remarks, the checker's feedback: the formula one gets the formula
finding, the good ones nothing to fix."""

from deliberation.models import Remark
from deliberation.reports.demo import READER, seed_reports
from deliberation.speeches.demo import REWRITTEN, seed_speech
from deliberation.speeches.feedback import attach_feedback
from deputies.factories import DeputyFactory, UserFactory
from proposals.demo import REVIEWERS
from proposals.models import Draft, Review


def test_the_demo_speech_once(station, station_staff):
    reader = DeputyFactory(user=UserFactory(mobile=READER), station=station)
    station_staff.mobile = REVIEWERS[0]
    station_staff.save()
    seed_reports()
    seed_speech()
    seed_speech()  # idempotent
    draft = Draft.objects.get(deputy=reader)
    assert draft.exercise.genre == "deliberation"
    assert draft.status == Draft.Status.RETURNED and draft.revisions.count() == 1
    assert draft.parts["problems"] == REWRITTEN["problems"]
    # The questions as composed: each with its department and passage.
    assert (
        draft.parts["questions"].startswith("镇民政办：") and "（报告“" in draft.parts["questions"]
    )
    review = Review.objects.get()
    assert review.reviewer == station_staff and set(review.scores) >= {"focus", "form"}


def test_the_checker_on_the_demo_remarks(db):
    reader = DeputyFactory(user=UserFactory(mobile=READER))
    seed_reports()
    remarks = list(Remark.objects.filter(deputy=reader).select_related("exercise"))
    attach_feedback(remarks, exercise=remarks[0].exercise)
    weak = next(r for r in remarks if r.text.startswith("完全同意报告"))
    assert "formula-only" in [f["code"] for f in weak.feedback["findings"]]
    good = [
        r
        for r in remarks
        if r.text.startswith(("农村公路超额", "建议镇农业农村办", "报告说自来水"))
    ]
    assert len(good) == 3 and all(r.feedback["errors"] == 0 for r in good)
