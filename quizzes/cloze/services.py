"""Writes of the proposals queue: proposing from a law version, and an editor's approve (as
proposed or edited) and reject. Approving makes a ready question of the bank, in the category
"<law>/条文填空", testing the article; each decision is logged."""

import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from common.numerals import chinese_numeral
from materials.models import Article, LawVersion

from ..models import (
    AcceptedAnswer,
    Category,
    ClozeProposal,
    FillBlankQuestion,
    Option,
    QuestionArticle,
    SingleChoiceQuestion,
)
from .finder import facts_in_version
from .proposals import drafts_for, explanation

CATEGORY = "条文填空"
MAX_ANSWER = 100


class ProposalError(ValueError):
    """A decision the proposal's state or the editor's input does not allow; says why."""


@dataclass
class ProposeResult:
    created: int
    existing: int
    by_kind: Counter  # kind -> proposals the text makes, new or not


def is_superseded(version: LawVersion, on=None) -> bool:
    """A newer version of the law has taken effect: questions must not test this one."""
    return (
        LawVersion.objects.in_force(on)
        .filter(law_id=version.law_id, effective_date__gt=version.effective_date)
        .exists()
    )


@transaction.atomic
def propose_questions(*, version: LawVersion) -> ProposeResult:
    """Find the facts in numbers of a law version and propose a fill-in and a single choice for
    each. Proposing again adds only what is new: proposals already made (pending, approved or
    rejected) are found by their article, clause, blank and type and left as they are.

    A version a newer one has replaced proposes nothing (ProposalError): its numbers may no
    longer be the law, and the version in force proposes the same facts where they still are.
    """
    if is_superseded(version):
        raise ProposalError(
            _("%(version)s is no longer in force: propose questions from the version in force.")
            % {"version": version}
        )
    facts = facts_in_version(version)
    articles = dict(Article.objects.filter(version=version).values_list("number", "pk"))
    law_name = version.law.short_name
    existing = set(
        ClozeProposal.objects.filter(version=version).values_list(
            "article_id", "sentence", "blank_start", "question_type"
        )
    )
    new, by_kind, seen = [], Counter(), 0
    for fact in facts:
        label = f"第{chinese_numeral(fact.article_number)}条"
        for draft in drafts_for(fact, facts):
            by_kind[fact.kind] += 1
            article_id = articles[fact.article_number]
            key = (article_id, fact.clause, draft.blank_start, draft.question_type)
            if key in existing:
                seen += 1
                continue
            existing.add(key)
            new.append(
                ClozeProposal(
                    version=version,
                    article_id=article_id,
                    kind=fact.kind,
                    question_type=draft.question_type,
                    sentence=fact.clause,
                    blank_start=draft.blank_start,
                    blank_end=draft.blank_end,
                    stem=draft.stem,
                    answer=draft.answer,
                    accepted_answers=draft.accepted,
                    distractors=draft.distractors,
                    explanation=explanation(law_name, label, fact),
                )
            )
    ClozeProposal.objects.bulk_create(new, ignore_conflicts=True)
    return ProposeResult(created=len(new), existing=seen, by_kind=by_kind)


def _category(law_name: str) -> Category:
    parent, _created = Category.objects.get_or_create(name=law_name, parent=None)
    category, _created = Category.objects.get_or_create(name=CATEGORY, parent=parent)
    return category


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _check(proposal, *, stem, answer, accepted, distractors, explanation):
    """Refuse an edit that would make a wrong or broken question, saying what to fix."""
    errors = {}
    if not stem:
        errors["stem"] = _("Write the question.")
    elif proposal.question_type == ClozeProposal.QuestionType.BLANK and "____" not in stem:
        errors["stem"] = _("Mark the blank in the question with ____.")
    if not answer:
        errors["answer"] = _("Give the right answer.")
    elif len(answer) > MAX_ANSWER:
        errors["answer"] = _("Keep the answer under %(count)d characters.") % {"count": MAX_ANSWER}
    elif answer not in proposal.article.text.replace("\n", ""):
        errors["answer"] = _(
            "“%(answer)s” is not in the text of %(article)s: the answer must be what the law says."
        ) % {"answer": answer, "article": proposal.article.label}
    if not explanation:
        errors["explanation"] = _("Say why the answer is right, citing the article.")
    if proposal.question_type == ClozeProposal.QuestionType.CHOICE:
        if len(distractors) < 2:
            errors["distractors"] = _("Give at least two wrong choices.")
        elif len(set(distractors)) != len(distractors):
            errors["distractors"] = _("Each wrong choice must differ from the others.")
        elif answer in distractors:
            errors["distractors"] = _("A wrong choice may not be the right answer.")
        elif any(len(d) > 300 for d in distractors):
            errors["distractors"] = _("Keep each choice under 300 characters.")
    elif not accepted:
        errors["accepted"] = _("Give at least one accepted answer.")
    if errors:
        raise ProposalError(errors)


@transaction.atomic
def approve_proposal(
    *,
    proposal: ClozeProposal,
    user=None,
    stem: str | None = None,
    answer: str | None = None,
    accepted: list[str] | None = None,
    distractors: list[str] | None = None,
    explanation: str | None = None,
) -> ClozeProposal:
    """Make the proposal a ready question of the bank, as proposed or with the editor's edits
    (each given field replaces the proposed one). The answer must be in the article's text and
    the wrong choices distinct and not the answer; otherwise ProposalError, with a message per
    field, and nothing is saved."""
    proposal = (
        ClozeProposal.objects.select_for_update()
        .select_related("article", "version__law")
        .get(pk=proposal.pk)
    )
    if proposal.status != ClozeProposal.Status.PENDING:
        raise ProposalError(_("This proposal was already decided."))
    stem = _clean(proposal.stem if stem is None else stem)
    answer = _clean(proposal.answer if answer is None else answer)
    explanation = _clean(proposal.explanation if explanation is None else explanation)
    accepted = [_clean(a) for a in (proposal.accepted_answers if accepted is None else accepted)]
    accepted = list(dict.fromkeys(a for a in accepted if a))
    distractors = [
        _clean(d) for d in (proposal.distractors if distractors is None else distractors)
    ]
    distractors = [d for d in distractors if d]
    if proposal.question_type == ClozeProposal.QuestionType.BLANK and answer not in accepted:
        accepted.insert(0, answer)
    _check(
        proposal,
        stem=stem,
        answer=answer,
        accepted=accepted,
        distractors=distractors,
        explanation=explanation,
    )
    law = proposal.version.law
    fields = {
        "stem": stem,
        "explanation": explanation,
        "category": _category(law.short_name),
        "title": f"{law.short_name}{proposal.article.label}",
    }
    if proposal.question_type == ClozeProposal.QuestionType.BLANK:
        question = FillBlankQuestion(**fields)
        question.accepted_answers = [AcceptedAnswer(text=text) for text in accepted]
    else:
        question = SingleChoiceQuestion(**fields)
        # In a fixed order (as written, the answer among the others), so that a quiz that
        # does not shuffle options shows no pattern in where the answer is.
        choices = sorted([answer, *distractors])
        question.options = [Option(text=text, is_correct=text == answer) for text in choices]
    question.article_links = [QuestionArticle(law=law, article=proposal.article.number)]
    question.full_clean(exclude=["tags"], validate_unique=False, validate_constraints=False)
    question.save()
    proposal.stem, proposal.answer, proposal.explanation = stem, answer, explanation
    proposal.accepted_answers, proposal.distractors = accepted, distractors
    proposal.status = ClozeProposal.Status.APPROVED
    proposal.question = question
    proposal.reviewed_by, proposal.reviewed_at = user, timezone.now()
    proposal.save()
    log(instance=question, action="quizzes.cloze_approve", user=user)
    return proposal


@transaction.atomic
def reject_proposal(*, proposal: ClozeProposal, user=None, reason: str = "") -> ClozeProposal:
    """Set the proposal aside for good: proposing again from the same text does not bring it
    back."""
    updated = ClozeProposal.objects.filter(
        pk=proposal.pk, status=ClozeProposal.Status.PENDING
    ).update(
        status=ClozeProposal.Status.REJECTED,
        reason=_clean(reason)[:1000],
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )
    if not updated:
        raise ProposalError(_("This proposal was already decided."))
    proposal.refresh_from_db()
    log(instance=proposal, action="quizzes.cloze_reject", user=user)
    return proposal
