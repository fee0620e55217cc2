"""Editors' import of a report's text: pasted or uploaded as .docx in the content admin, and
imported again with remarks kept on the paragraphs that did not change."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deliberation.models import Remark, ReportExercise, ReportParagraph
from deliberation.reports.factories import SAMPLE, report_exercise
from deliberation.reports.services import add_remark, import_report
from deliberation.reports.splitting import SplitError
from tests.materials.texts import docx_bytes


def remark_on(deputy, exercise, words, text="镇财政所请说明养护资金从哪里来。"):
    paragraph = next(p for p in exercise.paragraphs.all() if words in p.text)
    return add_remark(
        deputy=deputy,
        paragraph=paragraph,
        data={"kind": "question", "text": text, "quote": words, "department": "镇财政所"},
    )


def test_import_makes_sections_of_paragraphs(db):
    exercise = report_exercise()
    assert [s.heading for s in exercise.sections.all()] == [
        "",
        "一、2025年工作回顾",
        "二、2026年工作安排",
        "（一）道路",
        "（二）饮水",
    ]
    assert exercise.paragraphs.count() == 6
    assert len({p.key for p in exercise.paragraphs.all()}) == 6


def test_importing_again_keeps_remarks_on_unchanged_paragraphs(deputy):
    exercise = report_exercise()
    kept = remark_on(deputy, exercise, "养护资金60万元")
    lost = remark_on(deputy, exercise, "入住老人46人", text="入住率偏低，原因是什么？")
    key = kept.paragraph.key
    # A typo fixed in one paragraph, a new part in front: the rest moves, unchanged.
    changed = SAMPLE.replace("入住老人46人", "入住老人64人").replace(
        "一、2025年工作回顾", "一、总体情况\n全镇经济平稳运行。\n二、2025年工作回顾"
    )
    result = import_report(exercise=exercise, text=changed)
    assert (result.kept, result.detached) == (5, 1)
    assert result.paragraphs == 7
    kept.refresh_from_db()
    lost.refresh_from_db()
    assert kept.paragraph.key == key
    assert kept.paragraph.section.heading == "（一）道路"
    assert lost.paragraph is None
    assert lost.text == "入住率偏低，原因是什么？"  # still the deputy's
    assert [s.position for s in exercise.sections.all()] == [1, 2, 3, 4, 5, 6]


def test_the_same_text_again_changes_nothing(deputy):
    exercise = report_exercise()
    remark = remark_on(deputy, exercise, "养护资金60万元")
    keys = sorted(exercise.paragraphs.values_list("key", flat=True))
    result = import_report(exercise=exercise, text=SAMPLE)
    assert (result.kept, result.detached) == (6, 0)
    assert sorted(exercise.paragraphs.values_list("key", flat=True)) == keys
    remark.refresh_from_db()
    assert remark.paragraph is not None


def test_a_text_refused_changes_nothing(deputy):
    exercise = report_exercise()
    remark_on(deputy, exercise, "养护资金60万元")
    before = list(ReportParagraph.objects.values_list("pk", "text"))
    with pytest.raises(SplitError):
        import_report(exercise=exercise, text="一、只有标题\n")
    assert list(ReportParagraph.objects.values_list("pk", "text")) == before
    assert Remark.objects.filter(paragraph__isnull=False).count() == 1


# The content admin ---------------------------------------------------------------------------


def admin_data(**extra):
    return {
        "title": "河口镇人民政府工作报告",
        "kind": "government",
        "level": "township",
        "task": "审议本报告，提出审议意见。",
        "guidance": "",
        "report_text": SAMPLE,
        "speech_credit_hours": "0.5",
        "live": "on",
        **extra,
    }


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_pastes_a_report_and_sees_its_sections(admin_client):
    response = admin_client.post(reverse("report_exercises:add"), admin_data(), follow=True)
    assert response.status_code == 200
    exercise = ReportExercise.objects.get()
    assert exercise.sections.count() == 5
    assert "5" in response.content.decode()
    edit = admin_client.get(reverse("report_exercises:edit", args=[exercise.pk]))
    page = edit.content.decode()
    assert "<strong>（一）道路</strong>" in page  # listed with its paragraphs
    assert "（一）道路\n\n计划新修村道8公里" in page  # and in the box, to change
    assert "年底前解决南岭村400人的自来水接入。" in page


def test_an_editor_uploads_a_docx(admin_client):
    upload = SimpleUploadedFile("报告.docx", docx_bytes(SAMPLE))
    response = admin_client.post(
        reverse("report_exercises:add"), admin_data(report_text="", docx=upload)
    )
    assert response.status_code == 302
    assert ReportExercise.objects.get().paragraphs.count() == 6


def test_reimport_in_the_admin_says_how_many_remarks_lost_their_paragraph(admin_client, deputy):
    exercise = report_exercise()
    remark_on(deputy, exercise, "入住老人46人")
    text = SAMPLE.replace("入住老人46人", "入住老人64人")
    response = admin_client.post(
        reverse("report_exercises:edit", args=[exercise.pk]),
        admin_data(report_text=text),
        follow=True,
    )
    assert (
        "1 remarks of deputies were on paragraphs no longer in the text"
        in (response.content.decode())
        or "1 条" in response.content.decode()
    )


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not a zip", "not a .docx"),
        (docx_bytes("一、只有标题"), "No paragraph"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_changes(admin_client, deputy, content, says):
    exercise = report_exercise()
    remark_on(deputy, exercise, "养护资金60万元")
    before = list(ReportParagraph.objects.values_list("pk", "text"))
    response = admin_client.post(
        reverse("report_exercises:edit", args=[exercise.pk]),
        admin_data(report_text="", docx=SimpleUploadedFile("x.docx", content)),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert says in response.content.decode()
    assert list(ReportParagraph.objects.values_list("pk", "text")) == before


def test_an_empty_box_is_refused(admin_client):
    response = admin_client.post(reverse("report_exercises:add"), admin_data(report_text=""))
    assert response.status_code == 200
    assert not ReportExercise.objects.exists()


def test_the_editor_sets_the_speech_credit_hours_on_the_report_exercise(admin_client):
    """Editors edit the report exercise, not the speech's writing exercise: its form passes
    the hours through, and shows them again."""
    response = admin_client.post(
        reverse("report_exercises:add"), admin_data(speech_credit_hours="1.5")
    )
    assert response.status_code == 302
    exercise = ReportExercise.objects.get()
    assert exercise.speech_exercise.credit_hours == Decimal("1.5")

    edit = admin_client.get(reverse("report_exercises:edit", args=[exercise.pk]))
    assert 'name="speech_credit_hours"' in edit.content.decode()
    assert edit.context["form"].initial["speech_credit_hours"] == Decimal("1.5")

    admin_client.post(
        reverse("report_exercises:edit", args=[exercise.pk]), admin_data(speech_credit_hours="0")
    )
    exercise.speech_exercise.refresh_from_db()
    assert exercise.speech_exercise.credit_hours == Decimal("0")


def test_speech_credit_hours_cannot_be_negative(admin_client):
    response = admin_client.post(
        reverse("report_exercises:add"), admin_data(speech_credit_hours="-1")
    )
    assert response.status_code == 200
    assert not ReportExercise.objects.exists()
