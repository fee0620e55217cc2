"""The demo's deliberation speech: the demo deputy's speech on the 城关镇 work report, composed
from their remarks, partly rewritten in their own words, submitted once and returned by the
staff who look after them with the rubric filled in. Written in the project's own words.
Idempotent: a speech that has been submitted is left as it is."""

from deliberation.models import ReportExercise
from deliberation.reports.demo import READER, TITLE
from deputies.models import Deputy, User
from deputies.selectors import deputies_in_care_of
from proposals.demo import REVIEWERS
from proposals.models import Draft, Review
from proposals.reviews import review_revision
from proposals.services import save_draft, submit_draft

from .services import compose_speech


def _reviewer(deputy):
    """The first of the proposals demo's reviewers who looks after the deputy: the demo deputy
    is in the care of the township's staff (the station staff 13700000003 keep another
    station)."""
    for mobile in REVIEWERS:
        user = User.objects.filter(mobile=mobile).first()
        if user is not None and deputies_in_care_of(user).filter(pk=deputy.pk).exists():
            return user
    return None


# What the deputy rewrote; the questions and suggestions stay as composed from the remarks.
REWRITTEN = {
    "assessment": (
        "我同意报告对去年工作的总体评价，讲两点具体的。"
        "农村公路修了15.3公里，比年初计划多出3.3公里，东风村、石桥村的危桥也改好了，"
        "群众出门明显方便。镇敬老院床位从60张增加到90张，这是实打实的进步。"
    ),
    "problems": (
        "报告说全镇自来水普及率达到97.5%，但南岭片区还有约900人靠自建水井吃水。"
        "我去年7月走访时，村民说连续一周晚上接不到水。"
        "报告把这3个自然村的通水时间定在2026年9月底，已经过了夏季用水高峰。"
    ),
}

COMMENTS = {
    "assessment": "肯定部分引用了公路和床位的数字，好；可以再短一点，把时间留给问题和建议。",
    "problems": "问题说得实，有数字也有走访所见。",
}


def seed_speech() -> list[str]:
    report = ReportExercise.objects.filter(title=TITLE).first()
    deputy = Deputy.objects.filter(user__mobile=READER).first()
    if report is None or deputy is None:
        return []
    draft = compose_speech(deputy=deputy, report=report)
    if not draft.revisions.exists():
        parts = {**draft.parts, **REWRITTEN}
        draft = save_draft(draft=draft, parts=parts, saved_version=draft.saved_version)
        submit_draft(draft=draft, parts=parts, saved_version=draft.saved_version)
        draft.refresh_from_db()
    reviewer = _reviewer(deputy)
    if draft.status == Draft.Status.SUBMITTED and reviewer is not None:
        review_revision(
            revision=draft.revisions.order_by("-number").first(),
            reviewer=reviewer,
            scores={"complete": 4, "focus": 5, "concrete": 3, "form": 2, "scope": 5, "wording": 4},
            comments=COMMENTS,
            general_comment=(
                "这篇发言紧扣报告，问题有依据。再补一两句南岭片区提前通水的具体建议，"
                "念一遍计计时间，控制在三到五分钟。"
            ),
            decision=Review.Decision.RETURNED,
        )
        draft.refresh_from_db()
    return [
        f"Deliberation speech of the demo deputy on {report.title}: "
        f"{draft.revisions.count()} revision(s), {draft.get_status_display()}."
    ]
