"""An inspection on a phone (390x844), in Chinese and in English: the deputy records a finding
with a photo with no connection, reloads the page still offline and finds it waiting, and when
the connection returns it is recorded once, the photo without the place it was taken. Staff
then see it with its photo on the inspection's page (desktop)."""

import io

import pytest
from PIL import ExifTags, Image

from deputies.factories import DeputyFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from inspections.factories import make_inspection
from inspections.models import Finding

from .browser import DESKTOP, PHONE, assert_fits, sign_in
from .test_offline import go_offline, until, worker_ready

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "inspect-pass-2026"
TEXT = "三组供水点今年停水4次，最长一次两天。"
WORDS = {
    "zh-hans": {"record": "记录", "kept": "已存在这部手机上", "photo": "带照片"},
    "en": {"record": "Record", "kept": "Kept on this phone", "photo": "with a photo"},
}


def camera_jpeg() -> bytes:
    image = Image.new("RGB", (640, 480), (90, 140, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (30.0, 38.0, 12.0), 3: "E", 4: (119.0, 40.0, 48.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_finding_with_a_photo_recorded_offline_arrives_once_back_online(
    new_page, screenshot, language
):
    words = WORDS[language]
    deputy = DeputyFactory(
        user__mobile="13600000041", user__name="视察代表", user__password=PASSWORD
    )
    inspection = make_inspection(station=deputy.station, organiser=deputy)
    page = new_page(PHONE, language)
    sign_in(page, "13600000041", PASSWORD)
    page.goto(f"/inspections/{inspection.pk}/on-site/")
    worker_ready(page)
    page.reload()  # the worker keeps this copy, to open on site without a connection
    screenshot(page, f"inspection-on-site-phone-{language}")

    go_offline(page)
    page.select_option("select[name=stop]", str(inspection.stops.get(position=2).pk))
    page.fill("textarea[name=text]", TEXT)
    page.set_input_files(
        "input[name=photo]",
        {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": camera_jpeg()},
    )
    page.get_by_role("button", name=words["record"], exact=True).click()
    queue = page.locator("[data-queue] li")
    queue.first.wait_for()
    assert words["photo"] in queue.first.inner_text()
    assert words["kept"] in page.locator("[data-save-status]").inner_text()
    assert page.locator("textarea[name=text]").input_value() == ""  # ready for the next one
    assert not Finding.objects.exists()

    # Reloaded with no connection: the page comes from the phone, the finding still waits.
    page.reload()
    page.locator("[data-queue] li").first.wait_for()
    assert_fits(page)
    screenshot(page, f"inspection-offline-waiting-phone-{language}")

    page.context.set_offline(False)
    until(page, lambda: Finding.objects.count() == 1, seconds=15)
    page.locator(".inspection-finding", has_text=TEXT).wait_for(timeout=15000)
    page.locator(".inspection-photo").first.wait_for()
    assert page.locator("[data-queue] li").count() == 0
    assert_fits(page)
    screenshot(page, f"inspection-recorded-phone-{language}")
    finding = Finding.objects.get()
    assert finding.text == TEXT and finding.deputy == deputy
    kept = Image.open(finding.photos.get().image.open("rb"))
    assert kept.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}

    if language == "en":
        staff = UserFactory(mobile="13700000041", name="站务员", password=PASSWORD)
        grant_role(user=staff, kind=StaffRole.Kind.STATION, place=deputy.station)
        desk = new_page(DESKTOP, language)
        sign_in(desk, "13700000041", PASSWORD)
        desk.goto(f"/inspections/{inspection.pk}/")
        desk.locator(".inspection-finding", has_text=TEXT).wait_for()
        assert desk.locator(".inspection-photo").count() == 1
        screenshot(desk, "inspection-detail-desktop-en")
