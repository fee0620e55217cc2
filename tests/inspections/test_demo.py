"""The demo's inspection: two stops, findings with photos (the place taken out), a plan the
checker passes, the report drafted from the findings and submitted; seeding again adds
nothing."""

from PIL import ExifTags, Image

from deputies.demo import seed_people
from inspections.demo import seed_inspection
from inspections.models import Finding, FindingPhoto, Inspection
from proposals.models import Draft
from proposals.services import check_draft


def test_the_demo_inspection_is_made_once_with_photos_and_its_report(db):
    seed_people()
    assert seed_inspection()
    assert seed_inspection()
    inspection = Inspection.objects.get()
    assert inspection.stops.count() == 2
    assert Finding.objects.count() == 4 and FindingPhoto.objects.count() == 3
    photo = FindingPhoto.objects.first()
    assert Image.open(photo.image.open("rb")).getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert check_draft(inspection.plan).passed
    report = inspection.report
    assert report.status == Draft.Status.SUBMITTED and report.revisions.count() == 1
    assert "三级台阶" in report.text_of("issues")
    assert check_draft(report).passed
    assert Finding.objects.exclude(suggestion=None).count() == 1
