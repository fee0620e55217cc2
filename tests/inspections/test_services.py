"""Creating an inspection drafts its plan from the template; a finding is recorded once per
UUID, with its photo cleaned; the report is drafted from the findings by place; a finding
becomes a suggestion draft once."""

import uuid

import pytest
from PIL import ExifTags, Image

from inspections.models import Finding, FindingPhoto
from inspections.services import (
    InspectionError,
    compose_report,
    finding_to_suggestion,
    parse_stops,
    record_finding,
)
from proposals.models import Draft, Exercise, Genre
from proposals.services import check_draft, submit_draft

from .conftest import jpeg


def record(inspection, deputy, text="三组供水点今年停水4次。", stop=None, **extra):
    stop = stop or inspection.stops.get(position=2)
    return record_finding(
        deputy=deputy,
        inspection=inspection,
        stop_id=stop.pk,
        text=text,
        uuid=extra.pop("uuid", uuid.uuid4()),
        **extra,
    )


def test_the_plan_is_the_organisers_draft_prefilled_from_the_template(inspection, deputy, member):
    plan = inspection.plan
    assert plan.deputy == deputy and plan.exercise.genre == Genre.VISIT_PLAN
    # Not a practice exercise: no other deputy sees it among the exercises.
    assert not plan.exercise.live and not Exercise.objects.live().exists()
    assert "1. 河东村蓄水池：饮水工程的管护" in plan.text_of("route")
    assert "2026-06-12" in plan.text_of("route")
    assert plan.text_of("focus_questions").count("\n") == 1  # one line a stop
    assert set(inspection.deputies.all()) == {deputy, member}
    assert [s.place for s in inspection.stops.all()] == ["河东村蓄水池", "三组供水点"]
    # The checker reads the template's questions as still to be made specific.
    codes = {f.rule.code for f in check_draft(plan).findings}
    assert "plan-missing-part" in codes  # the participants are left to the organiser


def test_stops_are_read_one_a_line():
    assert parse_stops("河东村：水池\r\n\n 镇自来水厂 ") == [("河东村", "水池"), ("镇自来水厂", "")]
    with pytest.raises(InspectionError):
        parse_stops("  \n ")
    with pytest.raises(InspectionError):
        parse_stops("村" * 81)


def test_a_finding_sent_twice_is_recorded_once(inspection, member):
    key = uuid.uuid4()
    first, created = record(inspection, member, uuid=key, photo=jpeg())
    again, created_again = record(inspection, member, uuid=key, photo=jpeg())
    assert created and not created_again and first.pk == again.pk
    assert Finding.objects.count() == 1 and FindingPhoto.objects.count() == 1


def test_another_deputys_uuid_is_refused(inspection, member, deputy):
    key = uuid.uuid4()
    record(inspection, member, uuid=key)
    with pytest.raises(InspectionError):
        record(inspection, deputy, uuid=key)


def test_the_photo_is_kept_without_the_place_unless_asked(inspection, member):
    finding, _ = record(inspection, member, photo=jpeg())
    kept = finding.photos.get()
    assert not kept.kept_location
    assert Image.open(kept.image.open("rb")).getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    finding, _ = record(inspection, member, photo=jpeg(), keep_location=True)
    kept = finding.photos.get()
    assert kept.kept_location
    assert Image.open(kept.image.open("rb")).getexif().get_ifd(ExifTags.IFD.GPSInfo)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "   "}, "请先写下"),
        ({"text": "字" * 2001}, "最多2000"),
        ({"uuid": "not-a-uuid"}, "读不出来"),
    ],
)
def test_a_refused_finding_writes_nothing(inspection, member, change, message):
    with pytest.raises(InspectionError, match=message):
        record(inspection, member, **change)
    assert not Finding.objects.exists()


def test_a_stop_of_another_inspection_is_refused(inspection, member, station, deputy):
    from inspections.factories import make_inspection

    other = make_inspection(station=station, organiser=deputy, title="村道")
    with pytest.raises(InspectionError):
        record(inspection, member, stop=other.stops.first())


def test_a_photo_that_is_not_a_picture_writes_nothing(inspection, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(InspectionError):
        record(inspection, member, photo=SimpleUploadedFile("a.jpg", b"nonsense"))
    assert not Finding.objects.exists()


def test_the_report_is_drafted_from_the_findings_by_place_once(inspection, deputy, member):
    record(inspection, member, text="停水4次，最长两天。")
    record(inspection, deputy, text="蓄水池盖板破损。", stop=inspection.stops.get(position=1))
    report = compose_report(inspection=inspection)
    assert report.deputy == deputy and report.exercise.genre == Genre.VISIT_REPORT
    issues = report.text_of("issues")
    assert (
        issues.index("河东村蓄水池：")
        < issues.index("蓄水池盖板破损")
        < issues.index("三组供水点：")
    )
    assert "2026-06-12" in report.text_of("overview") and "赵刚" in report.text_of("overview")
    assert report.text_of("recommendations") == ""
    inspection.refresh_from_db()
    assert inspection.report_id == report.pk
    # The deputy writes in it; drafting again keeps what they wrote.
    report = submit_draft(
        draft=report,
        parts={"recommendations": "建议镇人民政府在7月底前为三组加装1台增压泵。"},
        saved_version=report.saved_version,
    )
    again = compose_report(inspection=inspection)
    assert again.pk == inspection.report_id
    assert again.text_of("recommendations").startswith("建议镇人民政府")
    assert again.status == Draft.Status.SUBMITTED  # to staff's review queue


def test_a_finding_becomes_a_suggestion_draft_once(inspection, member):
    finding, _ = record(inspection, member, text="三组供水点今年停水4次。")
    draft = finding_to_suggestion(finding=finding)
    assert draft.deputy == member and draft.exercise.genre == Genre.SUGGESTION
    assert draft.text_of("title") == "关于三组供水点的建议"
    assert draft.text_of("problem").startswith("三组供水点今年停水4次。")
    assert finding_to_suggestion(finding=finding).pk == draft.pk
    assert Draft.objects.filter(exercise__genre=Genre.SUGGESTION).count() == 1
    assert not Exercise.objects.live().exists()
