import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from deputies.factories import DeputyFactory
from inspections.factories import make_inspection

GPS = {1: "N", 2: (30.0, 38.0, 12.0), 3: "E", 4: (119.0, 40.0, 48.0)}


def jpeg(*, gps=True, orientation=None, size=(40, 20), name="photo.jpg") -> SimpleUploadedFile:
    """A JPEG as a phone's camera makes one: the maker, and the place when `gps`."""
    image = Image.new("RGB", size, "green")
    image.putpixel((0, 0), (255, 0, 0))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Cheap 1"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.IFD.GPSInfo] = GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def peer(station):
    """Another deputy of the station, not taking part."""
    return DeputyFactory(station=station, user__name="陈丽", user__mobile="13600000005")


@pytest.fixture
def member(station):
    """A second deputy of the station who takes part."""
    return DeputyFactory(station=station, user__name="赵刚", user__mobile="13600000006")


@pytest.fixture
def inspection(station, deputy, member, station_staff):
    return make_inspection(station=station, organiser=deputy, deputies=[member], user=station_staff)
