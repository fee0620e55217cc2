"""Proposing from a law version, and an editor's approve, edit-then-approve and reject."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from materials.lawtext import parse_law
from materials.services import import_law
from quizzes.cloze.services import (
    ProposalError,
    approve_proposal,
    propose_questions,
    reject_proposal,
)
from quizzes.models import ClozeProposal, FillBlankQuestion, Question, SingleChoiceQuestion

from .cloze_texts import RULE

Kind, Type, Status = ClozeProposal.Kind, ClozeProposal.QuestionType, ClozeProposal.Status


@pytest.fixture
def version(db):
    return import_law(parsed=parse_law(RULE), short_name="议事规则").version


def proposal(version, answer, question_type):
    return ClozeProposal.objects.get(version=version, answer=answer, question_type=question_type)


def test_a_version_proposes_a_blank_and_a_choice_for_each_fact(version):
    result = propose_questions(version=version)
    found = {
        (p.article.number, p.kind, p.question_type, p.answer)
        for p in ClozeProposal.objects.select_related("article")
    }
    assert {
        (2, Kind.TERM, Type.BLANK, "五"),
        (2, Kind.AGE, Type.CHOICE, "十八周岁"),
        (3, Kind.HEADCOUNT, Type.BLANK, "五"),
        (3, Kind.PERIOD, Type.CHOICE, "7日"),
        (4, Kind.SHARE, Type.BLANK, "过半数"),
        (4, Kind.SHARE, Type.CHOICE, "三分之二"),
        (5, Kind.PERIOD, Type.BLANK, "三"),
        (6, Kind.TIMES, Type.CHOICE, "两次"),
    } <= found
    assert result.created == len(found) == sum(result.by_kind.values())
    assert ClozeProposal.objects.filter(status=Status.PENDING).count() == result.created


def test_proposing_again_adds_nothing_and_a_rejected_proposal_stays_rejected(version):
    first = propose_questions(version=version)
    rejected = proposal(version, "三", Type.BLANK)
    reject_proposal(proposal=rejected, reason="太简单")
    again = propose_questions(version=version)
    assert (again.created, again.existing) == (0, first.created)
    assert ClozeProposal.objects.count() == first.created
    rejected.refresh_from_db()
    assert rejected.status == Status.REJECTED and rejected.reason == "太简单"
    assert ModelLogEntry.objects.filter(action="quizzes.cloze_reject").count() == 1


def test_the_command_prints_counts_by_kind(version, capsys):
    call_command("propose_questions", version.law.slug, "--version", "2021-03-01")
    out = capsys.readouterr().out
    # Two shares (过半数, 三分之二), each a blank and a choice; in the site's language.
    assert "比例：4" in out
    assert f"新出{ClozeProposal.objects.count()}道题" in out


def test_approving_makes_a_ready_question_tied_to_the_article(version, editor):
    propose_questions(version=version)
    blank = approve_proposal(proposal=proposal(version, "三", Type.BLANK), user=editor)
    question = Question.objects.get(pk=blank.question_id)
    assert isinstance(question, FillBlankQuestion)
    assert question.status == Question.Status.READY
    assert question.category.path == "议事规则/条文填空"
    assert [(link.law_id, link.article) for link in question.article_links.all()] == [
        (version.law_id, 5)
    ]
    assert question.stem.count("____") == 1
    assert question.fraction({"text": "3"}) == 1 and question.fraction({"text": "六"}) == 0
    assert question.explanation.startswith("议事规则第五条：")
    assert blank.status == Status.APPROVED and blank.reviewed_by == editor
    assert ModelLogEntry.objects.filter(action="quizzes.cloze_approve", user=editor).exists()

    choice = approve_proposal(proposal=proposal(version, "两次", Type.CHOICE), user=editor)
    question = SingleChoiceQuestion.objects.get(pk=choice.question_id)
    options = list(question.options.all())
    assert len(options) == 4 and [o.text for o in options if o.is_correct] == ["两次"]
    assert len({o.text for o in options}) == 4


def test_edit_then_approve(version, editor):
    propose_questions(version=version)
    choice = approve_proposal(
        proposal=proposal(version, "三分之二", Type.CHOICE),
        user=editor,
        stem="修改本规则，须经全体成员的（　　）以上通过。",
        distractors=["半数", "四分之三", "五分之一"],
        explanation="议事规则第四条：修改规则要三分之二以上成员通过。",
    )
    question = SingleChoiceQuestion.objects.get(pk=choice.question_id)
    assert question.stem.startswith("修改本规则")
    assert sorted(o.text for o in question.options.all()) == sorted(
        ["三分之二", "半数", "四分之三", "五分之一"]
    )


@pytest.mark.parametrize(
    ("edits", "field"),
    [
        ({"answer": "四个月"}, "answer"),  # not what the article says
        ({"answer": ""}, "answer"),
        ({"stem": "   "}, "stem"),
        ({"explanation": ""}, "explanation"),
        ({"distractors": ["一个月", "一个月", "六个月"]}, "distractors"),
        ({"distractors": ["三个月", "一个月", "六个月"]}, "distractors"),
        ({"distractors": ["一个月"]}, "distractors"),
    ],
)
def test_a_bad_edit_is_refused_with_its_reason_and_saves_nothing(version, editor, edits, field):
    propose_questions(version=version)
    choice = proposal(version, "三个月", Type.CHOICE)
    with pytest.raises(ProposalError) as refused:
        approve_proposal(proposal=choice, user=editor, **edits)
    assert field in refused.value.args[0]
    choice.refresh_from_db()
    assert choice.status == Status.PENDING and choice.question_id is None
    assert not Question.objects.exists()


def test_a_blank_needs_its_blank_and_an_accepted_answer(version):
    propose_questions(version=version)
    blank = proposal(version, "三", Type.BLANK)
    with pytest.raises(ProposalError) as refused:
        approve_proposal(proposal=blank, stem="有关单位应当在三个月内答复。")
    assert "stem" in refused.value.args[0]
    assert not Question.objects.exists()


def test_a_decided_proposal_cannot_be_decided_again(version):
    propose_questions(version=version)
    blank = proposal(version, "三", Type.BLANK)
    approve_proposal(proposal=blank)
    with pytest.raises(ProposalError):
        approve_proposal(proposal=blank)
    with pytest.raises(ProposalError):
        reject_proposal(proposal=blank)
    assert Question.objects.count() == 1


def test_deleting_the_version_takes_its_pending_proposals_and_keeps_approved_questions(version):
    propose_questions(version=version)
    approved = approve_proposal(proposal=proposal(version, "三", Type.BLANK))
    version.delete()
    assert not ClozeProposal.objects.exists()
    assert Question.objects.filter(pk=approved.question_id).exists()


def test_a_version_a_newer_one_replaced_proposes_nothing(version):
    newer = import_law(parsed=parse_law(RULE.replace("2021年3月1日", "2024年3月1日"))).version
    assert newer.law_id == version.law_id
    with pytest.raises(ProposalError, match="已不再施行"):
        propose_questions(version=version)
    with pytest.raises(CommandError):
        call_command("propose_questions", version.law.slug, "--version", "2021-03-01")
    assert not ClozeProposal.objects.exists()
    assert propose_questions(version=newer).created > 0
