"""A photo is kept without the camera's metadata, upright and small; the place it was taken is
kept only when the deputy asks; too large or not a picture is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from inspections.photos import PhotoError, clean_photo

from .conftest import GPS, jpeg


def opened(content):
    return Image.open(io.BytesIO(content.read()))


def test_the_place_and_the_camera_are_removed_by_default():
    upload = jpeg()
    assert Image.open(upload).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the input has them
    upload.seek(0)
    image = opened(clean_photo(upload, keep_location=False))
    exif = image.getexif()
    assert image.format == "JPEG"
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif


def test_the_place_is_kept_when_the_deputy_asks_and_nothing_else():
    exif = opened(clean_photo(jpeg(), keep_location=True)).getexif()
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) == GPS
    assert ExifTags.Base.Make not in exif


def test_a_photo_taken_sideways_is_turned_upright():
    # Orientation 6: the camera was turned; the picture is shown turned 90° clockwise.
    image = opened(clean_photo(jpeg(orientation=6, size=(40, 20)), keep_location=False))
    assert image.size == (20, 40)
    assert ExifTags.Base.Orientation not in image.getexif()


def test_a_large_photo_is_made_smaller(settings):
    settings.INSPECTION_PHOTO_MAX_SIDE = 30
    image = opened(clean_photo(jpeg(size=(120, 60)), keep_location=False))
    assert image.size == (30, 15)


def test_a_photo_over_the_limit_is_refused_before_it_is_read(settings):
    settings.INSPECTION_PHOTO_MAX_BYTES = 100
    with pytest.raises(PhotoError, match="MB"):
        clean_photo(jpeg(), keep_location=False)


@pytest.mark.parametrize(
    "content", [b"", b"not a picture", b"\xff\xd8\xff\xe0" + b"\x00" * 40, b"GIF89a" + b"\x00" * 20]
)
def test_what_is_not_a_photo_is_refused(content):
    with pytest.raises(PhotoError):
        clean_photo(SimpleUploadedFile("x.jpg", content), keep_location=False)
