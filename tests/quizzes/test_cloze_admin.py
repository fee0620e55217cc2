"""The queue of proposed questions in the content admin, as an editor uses it."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from deputies.factories import UserFactory
from materials.lawtext import parse_law
from materials.services import import_law
from quizzes.cloze.services import propose_questions
from quizzes.models import ClozeProposal, Question

from .cloze_texts import RULE

EN = {"headers": {"accept-language": "en"}}
QUEUE = "quizzes_cloze_queue"
Status, Type = ClozeProposal.Status, ClozeProposal.QuestionType


@pytest.fixture
def version(db):
    return import_law(parsed=parse_law(RULE), short_name="议事规则").version


@pytest.fixture
def proposed(version):
    propose_questions(version=version)
    return version


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def pick(version, answer, question_type):
    return ClozeProposal.objects.get(version=version, answer=answer, question_type=question_type)


def test_the_queue_shows_each_proposal_with_its_article_and_blank(as_editor, proposed):
    response = as_editor.get(reverse(QUEUE), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "议事规则 (2021-03-01) 第五条" in html
    assert "<mark>三个月</mark>" in html  # the choice's blank, highlighted in the law's words
    assert "有关单位应当自收到议事会建议之日起____个月内答复。" in html
    assert "Propose questions from this text" in html


def test_the_queue_in_chinese(as_editor, proposed):
    html = as_editor.get(reverse(QUEUE), headers={"accept-language": "zh-hans"}).content.decode()
    assert "从此文本提出题目" in html and "通过" in html


def test_the_queue_makes_a_fixed_number_of_queries(
    as_editor, version, django_assert_max_num_queries
):
    propose_questions(version=version)
    with django_assert_max_num_queries(17) as few:
        as_editor.get(reverse(QUEUE))
    second = import_law(parsed=parse_law(RULE.replace("某某县", "另一县")), short_name="另一规则")
    propose_questions(version=second.version)
    with django_assert_max_num_queries(len(few)):
        as_editor.get(reverse(QUEUE))


def test_approve_from_the_queue(as_editor, proposed):
    proposal = pick(proposed, "三", Type.BLANK)
    response = as_editor.post(reverse("quizzes_cloze_approve", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED
    assert Question.objects.get(pk=proposal.question_id).is_ready


def test_reject_from_the_queue_with_a_reason(as_editor, proposed):
    proposal = pick(proposed, "三", Type.BLANK)
    as_editor.post(
        reverse("quizzes_cloze_reject", args=[proposal.pk]), {f"reason-{proposal.pk}": "重复"}
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason) == (Status.REJECTED, "重复")
    assert not Question.objects.exists()


def test_bulk_approve_and_reject(as_editor, proposed):
    first, second, third = ClozeProposal.objects.order_by("pk")[:3]
    as_editor.post(reverse(QUEUE), {"ids": [first.pk, second.pk], "action": "approve"})
    as_editor.post(reverse(QUEUE), {"ids": [third.pk], "action": "reject", "reason": "太易"})
    statuses = dict(ClozeProposal.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in (first, second, third)] == [
        Status.APPROVED,
        Status.APPROVED,
        Status.REJECTED,
    ]
    assert Question.objects.count() == 2


def test_bulk_without_a_tick_says_so(as_editor, proposed):
    response = as_editor.post(reverse(QUEUE), {"action": "approve"}, follow=True, **EN)
    assert "Tick the proposals" in response.content.decode()
    assert not Question.objects.exists()


def test_edit_then_approve(as_editor, proposed):
    proposal = pick(proposed, "三个月", Type.CHOICE)
    url = reverse("quizzes_cloze_edit", args=[proposal.pk])
    assert as_editor.get(url).status_code == 200
    data = {
        "stem": "有关单位收到议事会建议后，应当在（　　）内答复？",
        "answer": "三个月",
        "distractors": "一个月\n两个月\n六个月",
        "explanation": "议事规则第五条：一般在三个月内答复。",
    }
    response = as_editor.post(url, data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED
    assert Question.objects.get(pk=proposal.question_id).stem == data["stem"]


def test_a_bad_edit_is_shown_back_with_its_reason(as_editor, proposed):
    proposal = pick(proposed, "三个月", Type.CHOICE)
    url = reverse("quizzes_cloze_edit", args=[proposal.pk])
    data = {
        "stem": "应当在（　　）内答复？",
        "answer": "九十日",
        "distractors": "一个月\n一个月",
        "explanation": "第五条。",
    }
    response = as_editor.post(url, data, **EN)
    assert response.status_code == 200
    assert "is not in the text of 第五条" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.PENDING and not Question.objects.exists()


def test_propose_from_a_version_in_the_admin(as_editor, version):
    response = as_editor.post(reverse("quizzes_cloze_propose", args=[version.pk]))
    assert response.status_code == 302
    count = ClozeProposal.objects.count()
    assert count > 0
    as_editor.post(reverse("quizzes_cloze_propose", args=[version.pk]))
    assert ClozeProposal.objects.count() == count


def test_a_superseded_version_offers_no_proposing(as_editor, version):
    newer = import_law(parsed=parse_law(RULE.replace("2021年3月1日", "2024年3月1日"))).version
    html = as_editor.get(reverse(QUEUE), **EN).content.decode()
    assert reverse("quizzes_cloze_propose", args=[newer.pk]) in html
    assert reverse("quizzes_cloze_propose", args=[version.pk]) not in html
    assert "No longer in force" in html
    response = as_editor.post(
        reverse("quizzes_cloze_propose", args=[version.pk]), follow=True, **EN
    )
    assert "no longer in force" in response.content.decode()
    assert not ClozeProposal.objects.exists()


@pytest.fixture
def admin_without_the_bank(client, db):
    user = UserFactory(name="访客", mobile="13700000099")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def refused(response) -> bool:
    """Wagtail's refusal of a permission in its admin: home, saying why (as the bank does)."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_only_editors_of_the_bank_may_see_or_act(admin_without_the_bank, proposed):
    proposal = pick(proposed, "三", Type.BLANK)
    client = admin_without_the_bank
    assert refused(client.get(reverse(QUEUE)))
    assert refused(client.get(reverse("quizzes_cloze_edit", args=[proposal.pk])))
    for name in ("quizzes_cloze_approve", "quizzes_cloze_reject"):
        assert refused(client.post(reverse(name, args=[proposal.pk])))
    assert refused(client.post(reverse("quizzes_cloze_propose", args=[proposed.pk])))
    assert refused(client.post(reverse(QUEUE), {"ids": [proposal.pk], "action": "approve"}))
    proposal.refresh_from_db()
    assert proposal.status == Status.PENDING
    assert ClozeProposal.objects.count() == ClozeProposal.objects.pending().count()
    assert reverse(QUEUE) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_menu_shows_the_queue_to_editors(as_editor):
    assert reverse(QUEUE) in as_editor.get(reverse("wagtailadmin_home")).content.decode()


def test_edit_a_blank_with_other_accepted_forms(as_editor, proposed):
    proposal = pick(proposed, "三", Type.BLANK)
    url = reverse("quizzes_cloze_edit", args=[proposal.pk])
    form = as_editor.get(url).context["form"]
    assert form.initial["accepted"] == "3"  # the answer itself is not repeated
    data = {**form.initial, "accepted": "3\n叁"}
    assert as_editor.post(url, data).status_code == 302
    proposal.refresh_from_db()
    question = Question.objects.get(pk=proposal.question_id)
    assert [a.text for a in question.accepted_answers.all()] == ["三", "3", "叁"]
