from deputies.factories import DeputyFactory
from proposals.demo import READER, seed_proposals
from proposals.models import Draft, Exercise, Revision
from proposals.services import check_draft


def test_demo_exercises_and_drafts_are_made_once(db):
    reader = DeputyFactory(user__mobile=READER, user__name="王秀英")
    seed_proposals()
    seed_proposals()
    assert Exercise.objects.live().count() == 4
    assert sorted(Exercise.objects.values_list("genre", "level")) == [
        ("motion", "township"),
        ("suggestion", "county"),
        ("suggestion", "township"),
        ("suggestion", "township"),
    ]
    writing = Draft.objects.get(deputy=reader, status=Draft.Status.WRITING)
    report = check_draft(writing)
    assert not report.passed
    assert {"no-concrete-measure", "vague-handler", "title-form"} <= {
        finding.rule.code for finding in report.findings
    }
    submitted = Draft.objects.get(deputy=reader, status=Draft.Status.SUBMITTED)
    revision = Revision.objects.get()
    assert revision.draft == submitted and revision.number == 1 and revision.passed


def test_demo_without_its_deputy_still_makes_the_exercises(db):
    assert len(seed_proposals()) == 4
    assert not Draft.objects.exists()
