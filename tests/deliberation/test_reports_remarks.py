"""A deputy's remarks, as the services keep them: the four kinds (the parts of the checker's
deliberation genre), quoted words that must be the paragraph's own, saves that name the
version they started from."""

import pytest
from django.db import IntegrityError

from deliberation.models import CHECKER_PARTS, Remark, RemarkKind
from deliberation.reports.factories import report_exercise
from deliberation.reports.services import (
    RemarkError,
    StaleRemark,
    add_remark,
    delete_remark,
    save_remark,
)


@pytest.fixture
def paragraph(db):
    exercise = report_exercise()
    return next(p for p in exercise.paragraphs.all() if "养护资金60万元" in p.text)


def test_the_four_kinds_map_one_to_one_onto_the_speech_parts():
    assert [label for _value, label in RemarkKind.choices] == ["肯定", "问题", "询问", "建议"]
    assert CHECKER_PARTS == {
        "assessment": "assessment",
        "problem": "problems",
        "question": "questions",
        "suggestion": "suggestions",
    }


def test_a_remark_keeps_its_kind_quote_and_department(deputy, paragraph):
    remark = add_remark(
        deputy=deputy,
        paragraph=paragraph,
        data={
            "kind": "question",
            "text": "  资金从哪一项预算安排？\r\n每公里多少？ ",
            "quote": "养护资金60万元",
            "department": "镇财政所",
        },
    )
    assert remark.text == "资金从哪一项预算安排？\n每公里多少？"
    assert (remark.checker_part, remark.is_question) == ("questions", True)
    assert (remark.exercise_id, remark.saved_version) == (paragraph.exercise_id, 1)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "praise", "text": "好"}, "kind"),
        ({"kind": "problem", "text": "   "}, "text"),
        ({"kind": "problem", "text": "好", "quote": "养护资金600万元"}, "quote"),
        # Words of another paragraph of the same report.
        ({"kind": "problem", "text": "好", "quote": "新修村道12公里"}, "quote"),
        ({"kind": "problem", "text": "好", "department": "部" * 61}, "department"),
        ({"kind": "problem", "text": ["好"]}, "text"),
    ],
)
def test_what_cannot_be_a_remark_is_refused_naming_the_field(
    in_english, deputy, paragraph, data, field
):
    with pytest.raises(RemarkError) as refused:
        add_remark(deputy=deputy, paragraph=paragraph, data=data)
    assert refused.value.field == field
    assert not Remark.objects.exists()


def test_no_remark_on_a_report_not_live(in_english, deputy, paragraph):
    paragraph.exercise.live = False
    paragraph.exercise.save()
    with pytest.raises(RemarkError, match="not open"):
        add_remark(deputy=deputy, paragraph=paragraph, data={"kind": "problem", "text": "好"})


def test_a_save_from_an_older_version_is_refused(in_english, deputy, paragraph):
    remark = add_remark(deputy=deputy, paragraph=paragraph, data={"kind": "problem", "text": "一"})
    save_remark(remark=remark, data={"text": "二"}, saved_version=1)
    with pytest.raises(StaleRemark, match="another tab or device"):
        save_remark(remark=remark, data={"text": "旧页面的字"}, saved_version=1)
    remark.refresh_from_db()
    assert (remark.text, remark.saved_version) == ("二", 2)
    # Fields not sent stay as they were; a kind changed is checked like a new one.
    save_remark(remark=remark, data={"kind": "suggestion"}, saved_version=2)
    remark.refresh_from_db()
    assert (remark.kind, remark.text) == ("suggestion", "二")
    delete_remark(remark=remark)
    assert not Remark.objects.exists()


def test_the_database_holds_only_known_kinds(deputy, paragraph):
    with pytest.raises(IntegrityError):
        Remark.objects.create(
            deputy=deputy, exercise=paragraph.exercise, paragraph=paragraph, kind="x", text="好"
        )
