"""Writes of budget exercises: replacing a table with an uploaded one, proposing the reading
questions a table makes, and an editor's approve (as proposed or edited) and reject. Approving
makes a ready single-choice question of the bank, in the category 预算阅读 and tagged 预算;
each decision is logged."""

import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from quizzes.models import Category, Option, SingleChoiceQuestion

from ..models import BudgetExercise, BudgetLine, BudgetProposal
from .questions import drafts_for
from .reading import TableRead, read_table
from .selectors import table_of

CATEGORY = "预算阅读"
TAG = "预算"
MAX_CHOICE = 300


class BudgetProposalError(ValueError):
    """A decision the proposal's state or the editor's input does not allow; says why (a
    message, or a dict of messages by field)."""


@transaction.atomic
def import_table(*, exercise: BudgetExercise, content: bytes, user=None) -> TableRead:
    """Replace the exercise's lines with the uploaded table's. With any rejected row nothing
    is changed and the result lists every rejected row; BudgetFileError when the file cannot
    be read at all. Proposals still waiting are dropped: they were computed from the old
    table (approved questions stay in the bank)."""
    result = read_table(content)
    if not result.ok:
        return result
    exercise = BudgetExercise.objects.select_for_update().get(pk=exercise.pk)
    exercise.lines.all().delete()
    lines = []
    for order, read in enumerate(result.lines):
        line = BudgetLine(
            exercise=exercise,
            sort_order=order,
            side=read.line.side,
            name=read.line.name,
            code=read.code,
            level=read.line.level,
            previous=read.line.previous,
            current=read.line.current,
            livelihood=read.line.livelihood,
        )
        line.full_clean(exclude=["exercise"])
        lines.append(line)
    BudgetLine.objects.bulk_create(lines)
    if result.unit and result.unit != exercise.unit:
        exercise.unit = result.unit
        exercise.full_clean()
        exercise.save(update_fields=["unit", "updated_at"])
    exercise.proposals.pending().delete()
    log(instance=exercise, action="deliberation.budget_import", user=user)
    return result


@dataclass
class ProposeResult:
    created: int
    existing: int
    replaced: int


@transaction.atomic
def propose_questions(*, exercise: BudgetExercise) -> ProposeResult:
    """Propose the reading questions the exercise's table makes. Proposing again adds only what
    is new: a question already proposed from the same figures (waiting, approved or rejected)
    is left as it is; one still waiting that the table no longer makes is dropped."""
    drafts = drafts_for(table_of(exercise))
    existing = set(exercise.proposals.values_list("kind", "fingerprint"))
    keys = {(draft.kind, draft.fingerprint) for draft in drafts}
    stale = [
        pk
        for pk, kind, fingerprint in exercise.proposals.pending().values_list(
            "pk", "kind", "fingerprint"
        )
        if (kind, fingerprint) not in keys
    ]
    replaced, _rows = BudgetProposal.objects.filter(pk__in=stale).delete()
    new = [
        BudgetProposal(
            exercise=exercise,
            kind=draft.kind,
            fingerprint=draft.fingerprint,
            stem=draft.stem,
            answer=draft.answer,
            distractors=draft.distractors,
            explanation=draft.explanation,
        )
        for draft in drafts
        if (draft.kind, draft.fingerprint) not in existing
    ]
    BudgetProposal.objects.bulk_create(new, ignore_conflicts=True)
    return ProposeResult(created=len(new), existing=len(drafts) - len(new), replaced=replaced)


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _check(*, stem, answer, distractors, explanation) -> None:
    errors = {}
    if not stem:
        errors["stem"] = _("Write the question.")
    if not answer:
        errors["answer"] = _("Give the right answer.")
    elif len(answer) > MAX_CHOICE:
        errors["answer"] = _("Keep each choice under %(count)d characters.") % {"count": MAX_CHOICE}
    if not explanation:
        errors["explanation"] = _("Say why the answer is right, with the figures.")
    if len(distractors) < 2:
        errors["distractors"] = _("Give at least two wrong choices.")
    elif len(set(distractors)) != len(distractors):
        errors["distractors"] = _("Each wrong choice must differ from the others.")
    elif answer in distractors:
        errors["distractors"] = _("A wrong choice may not be the right answer.")
    elif any(len(d) > MAX_CHOICE for d in distractors):
        errors["distractors"] = _("Keep each choice under %(count)d characters.") % {
            "count": MAX_CHOICE
        }
    if errors:
        raise BudgetProposalError(errors)


def _category() -> Category:
    category, _created = Category.objects.get_or_create(name=CATEGORY, parent=None)
    return category


@transaction.atomic
def approve_proposal(
    *,
    proposal: BudgetProposal,
    user=None,
    stem: str | None = None,
    answer: str | None = None,
    distractors: list[str] | None = None,
    explanation: str | None = None,
) -> BudgetProposal:
    """Make the proposal a ready single-choice question of the bank, as proposed or with the
    editor's edits (each given field replaces the proposed one). A broken edit raises
    BudgetProposalError with a message per field, and nothing is saved."""
    proposal = (
        BudgetProposal.objects.select_for_update().select_related("exercise").get(pk=proposal.pk)
    )
    if proposal.status != BudgetProposal.Status.PENDING:
        raise BudgetProposalError(_("This proposal was already decided."))
    stem = _clean(proposal.stem if stem is None else stem)
    answer = _clean(proposal.answer if answer is None else answer)
    explanation = _clean(proposal.explanation if explanation is None else explanation)
    distractors = [
        d
        for d in (_clean(d) for d in (proposal.distractors if distractors is None else distractors))
        if d
    ]
    _check(stem=stem, answer=answer, distractors=distractors, explanation=explanation)
    question = SingleChoiceQuestion(
        stem=stem,
        explanation=explanation,
        category=_category(),
        title=f"{proposal.exercise.title}：{proposal.get_kind_display()}"[:255],
    )
    # In a fixed order (the answer among the others), as the law's proposals are.
    question.options = [
        Option(text=text, is_correct=text == answer) for text in sorted([answer, *distractors])
    ]
    question.tags.add(TAG)  # kept with the question's cluster, written when it is saved
    question.full_clean(exclude=["tags"], validate_unique=False, validate_constraints=False)
    question.save()
    proposal.stem, proposal.answer, proposal.explanation = stem, answer, explanation
    proposal.distractors = distractors
    proposal.status = BudgetProposal.Status.APPROVED
    proposal.question = question
    proposal.reviewed_by, proposal.reviewed_at = user, timezone.now()
    proposal.save()
    log(instance=question, action="deliberation.budget_approve", user=user)
    return proposal


@transaction.atomic
def reject_proposal(*, proposal: BudgetProposal, user=None, reason: str = "") -> BudgetProposal:
    """Set the proposal aside for good: proposing again from the same figures does not bring it
    back."""
    updated = BudgetProposal.objects.filter(
        pk=proposal.pk, status=BudgetProposal.Status.PENDING
    ).update(
        status=BudgetProposal.Status.REJECTED,
        reason=_clean(reason)[:1000],
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )
    if not updated:
        raise BudgetProposalError(_("This proposal was already decided."))
    proposal.refresh_from_db()
    log(instance=proposal, action="deliberation.budget_reject", user=user)
    return proposal
