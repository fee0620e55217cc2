from deputies.demo import seed_people
from deputies.factories import DeputyFactory
from proposals.checker import signer_names
from proposals.demo import MARKET, MOTION_WRITER, READER, seed_proposals
from proposals.models import COSIGNERS_MIN, CheckRule, Draft, Exercise, Revision
from proposals.selectors import congress_roster
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


# Chinese numbers as the demo's comments write them.
CHINESE = dict(enumerate("零一两三四五六七八九十"))


def test_the_returned_motion_is_signed_by_its_congress_and_its_comment_counts_right(db):
    seed_people()
    CheckRule.objects.all().delete()  # the shipped rules, whatever a reused database holds
    seed_proposals()
    draft = Draft.objects.get(exercise__title=MARKET, deputy__user__mobile=MOTION_WRITER)
    assert draft.status == Draft.Status.RETURNED
    revision = draft.revisions.get()
    signers = [key for _name, key in signer_names(revision.parts["cosigners"])]
    # The writer leads, and every signer is a deputy of her township's congress.
    assert signers[0] == draft.deputy.user.name
    roster = congress_roster(draft)
    assert roster and set(signers) <= roster
    # The count includes the lead deputy, as the law does: short of five by the number the
    # reviewer asks for, and the checker agrees.
    need = COSIGNERS_MIN[draft.exercise.level]
    have = len(set(signers))
    assert have < need
    comment = revision.reviews.get().comments["cosigners"]
    assert f"连你在内只有{CHINESE[have]}人" in comment
    assert f"再请{CHINESE[need - have]}位以上本镇人大代表" in comment
    found = {f["code"] for f in revision.report["findings"]}
    assert "too-few-cosigners" in found
    assert not found & {"cosigner-not-deputy", "duplicate-cosigners"}
