"""Budget exercises in the content admin, as an editor uses them: the table page with its
upload and row report, the template, proposing questions, and the queue (approve, edit then
approve, reject); outsiders refused; queries pinned."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deliberation.budgets.demo import seed_budget_exercise
from deliberation.budgets.services import propose_questions
from deliberation.models import BudgetExercise, BudgetLine, BudgetProposal
from deputies.factories import UserFactory
from quizzes.models import SingleChoiceQuestion

from .budget_files import TOWNSHIP, xlsx

EN = {"headers": {"accept-language": "en"}}
ZH = {"headers": {"accept-language": "zh-hans"}}
QUEUE = "deliberation_budget_queue"
Status, Kind = BudgetProposal.Status, BudgetProposal.Kind


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def exercise(db):
    exercise = seed_budget_exercise()
    # The demo approves three; the queue starts with all seven waiting here.
    BudgetProposal.objects.all().delete()
    SingleChoiceQuestion.objects.all().delete()
    propose_questions(exercise=exercise)
    return exercise


def table_url(exercise):
    return reverse("budget_exercises:table", args=[exercise.pk])


def upload(client, exercise, content, name="table.xlsx"):
    return client.post(table_url(exercise), {"file": SimpleUploadedFile(name, content)}, **EN)


def test_the_table_page_shows_the_table_and_the_waiting_questions(as_editor, exercise):
    html = as_editor.get(table_url(exercise), **EN).content.decode()
    assert "一般公共服务支出" in html and "3,760" in html
    assert "Propose questions from this table" in html
    assert html.count('name="ids"') == 7


def test_the_table_page_in_chinese(as_editor, exercise):
    html = as_editor.get(table_url(exercise), **ZH).content.decode()
    assert "上传表格" in html and "从此表提出题目" in html


def test_uploading_a_table_replaces_the_lines(as_editor, exercise):
    response = upload(as_editor, exercise, xlsx(TOWNSHIP))
    assert response.status_code == 302
    assert exercise.lines.count() == 10
    assert exercise.proposals.pending().count() == 0  # computed from the old table


def test_a_rejected_row_is_reported_with_its_line_and_nothing_changes(as_editor, exercise):
    rows = [*TOWNSHIP[:4], ("税收收入", "很多", 1650, None, None), *TOWNSHIP[5:]]
    response = upload(as_editor, exercise, xlsx(rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert "row 5" in html and "“很多” is not a figure" in html
    assert exercise.lines.count() == 17
    assert exercise.proposals.pending().count() == 7


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("table.csv", b"a,b", "Choose an Excel workbook"),
        ("table.xlsx", b"not a zip", "cannot be read"),
    ],
)
def test_a_file_that_is_no_table_is_refused_with_a_reason(
    as_editor, exercise, name, content, words
):
    response = upload(as_editor, exercise, content, name)
    assert response.status_code == 200 and words in response.content.decode()
    assert exercise.lines.count() == 17


def test_the_template_downloads(as_editor):
    response = as_editor.get(reverse("budget_exercises:template"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('budget-template.xlsx"')
    assert response.content[:2] == b"PK"


def test_proposing_twice_adds_nothing(as_editor, exercise):
    url = reverse("budget_exercises:propose", args=[exercise.pk])
    assert as_editor.post(url).status_code == 302
    assert exercise.proposals.count() == 7


def test_a_changed_table_replaces_what_waits_and_keeps_what_was_decided(exercise):
    approved = exercise.proposals.get(kind=Kind.LARGEST)
    approved.status = Status.APPROVED
    approved.save()
    BudgetLine.objects.filter(exercise=exercise, name="交通运输支出").update(current=600)
    result = propose_questions(exercise=exercise)
    # Every question whose figures change is proposed again (the total is in the largest
    # item's and the reserve's explanations); the fall's figures stay. What waited is dropped,
    # the approved one is kept.
    assert result.replaced == 5 and result.created == 6
    assert set(exercise.proposals.filter(kind=Kind.LARGEST).values_list("status", flat=True)) == {
        Status.APPROVED,
        Status.PENDING,
    }
    assert exercise.proposals.filter(kind=Kind.FALL).count() == 1


def test_approve_makes_a_tagged_single_choice_question(as_editor, exercise):
    proposal = exercise.proposals.get(kind=Kind.LIVELIHOOD)
    url = reverse("deliberation_budget_approve", args=[proposal.pk])
    assert as_editor.post(url, {"next": f"exercise-{exercise.pk}"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED
    question = SingleChoiceQuestion.objects.get(pk=proposal.question_id)
    assert question.category.name == "预算阅读"
    assert list(question.tags.names()) == ["预算"]
    options = {option.text: option.is_correct for option in question.options.all()}
    assert options == {"63.8%": True, "68.8%": False, "58.8%": False, "73.8%": False}
    # Deciding again is refused with a message, nothing changes.
    as_editor.post(url)
    assert SingleChoiceQuestion.objects.count() == 1


def test_edit_then_approve(as_editor, exercise):
    proposal = exercise.proposals.get(kind=Kind.BALANCE)
    url = reverse("deliberation_budget_edit", args=[proposal.pk])
    form = as_editor.get(url, **EN).context["form"]
    data = {
        **form.initial,
        "stem": "城关镇2026年预算收支平衡吗？",
        "distractors": "收入大于支出\n收入大于支出",
    }
    response = as_editor.post(url, data, **EN)
    assert response.status_code == 200
    assert "Each wrong choice must differ" in response.content.decode()
    assert SingleChoiceQuestion.objects.count() == 0
    data["distractors"] = "收入大于支出\n支出大于收入，出现缺口"
    assert as_editor.post(url, data).status_code == 302
    question = SingleChoiceQuestion.objects.get()
    assert question.stem == "城关镇2026年预算收支平衡吗？"
    assert question.options.count() == 3


def test_reject_and_bulk_approve(as_editor, exercise):
    first, second, third = exercise.proposals.order_by("pk")[:3]
    as_editor.post(
        reverse("deliberation_budget_reject", args=[first.pk]), {f"reason-{first.pk}": "太容易"}
    )
    first.refresh_from_db()
    assert first.status == Status.REJECTED and first.reason == "太容易"
    as_editor.post(reverse(QUEUE), {"ids": [second.pk, third.pk], "action": "approve"})
    assert exercise.proposals.filter(status=Status.APPROVED).count() == 2
    # Proposing again does not bring the rejected one back.
    propose_questions(exercise=exercise)
    assert exercise.proposals.count() == 7


@pytest.fixture
def admin_without_rights(client, db):
    user = UserFactory(name="访客", mobile="13700000099")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def refused(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_outsiders_in_the_admin_are_refused_and_nothing_changes(admin_without_rights, exercise):
    client = admin_without_rights
    proposal = exercise.proposals.first()
    assert refused(client.get(reverse(QUEUE)))
    assert refused(client.get(reverse("deliberation_budget_edit", args=[proposal.pk])))
    assert refused(client.get(table_url(exercise)))
    assert refused(client.get(reverse("budget_exercises:template")))
    assert refused(client.get(reverse("budget_exercises:index")))
    for name in ("deliberation_budget_approve", "deliberation_budget_reject"):
        assert refused(client.post(reverse(name, args=[proposal.pk])))
    assert refused(client.post(reverse("budget_exercises:propose", args=[exercise.pk])))
    assert refused(client.post(reverse(QUEUE), {"ids": [proposal.pk], "action": "approve"}))
    assert refused(upload(client, exercise, xlsx(TOWNSHIP)))
    assert exercise.proposals.pending().count() == 7 and exercise.lines.count() == 17


def test_the_menu_shows_the_queue_and_the_exercises_to_editors(as_editor):
    html = as_editor.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(QUEUE) in html and reverse("budget_exercises:index") in html


def test_the_editors_list_and_form_open(as_editor, exercise):
    assert as_editor.get(reverse("budget_exercises:index")).status_code == 200
    assert as_editor.get(reverse("budget_exercises:edit", args=[exercise.pk])).status_code == 200
    assert as_editor.get(reverse("budget_exercises:add")).status_code == 200


def test_query_counts_do_not_grow_with_the_data(as_editor, exercise, django_assert_max_num_queries):
    other = BudgetExercise.objects.create(title="另一个", year=2026)
    for index in range(30):
        BudgetLine.objects.create(
            exercise=other, side="spending", name=f"支出{index}", current=index
        )
    propose_questions(exercise=other)
    for url in (table_url(exercise), table_url(other), reverse(QUEUE)):
        with django_assert_max_num_queries(20):
            assert as_editor.get(url).status_code == 200


def test_an_editor_unticks_a_livelihood_line_in_the_form(as_editor, db):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    exercise = BudgetExercise.objects.create(title="小表", year=2026)
    line = BudgetLine.objects.create(
        exercise=exercise, side="spending", name="教育支出", previous=1, current=2, livelihood=True
    )
    data = nested_form_data(
        {
            "title": "小表",
            "level": "township",
            "year": 2026,
            "unit": "万元",
            "lines": inline_formset(
                [
                    {
                        "id": line.pk,
                        "side": "spending",
                        "name": "教育支出",
                        "code": "",
                        "level": 1,
                        "previous": "1",
                        "current": "2.5",
                        "livelihood": "",
                        "ORDER": 1,
                    }
                ],
                initial=1,
            ),
        }
    )
    response = as_editor.post(reverse("budget_exercises:edit", args=[exercise.pk]), data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert not line.livelihood and str(line.current) == "2.50"
