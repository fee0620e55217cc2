"""A photo from a deputy's phone made fit to keep: refused when too large or not a picture,
turned upright (the camera's orientation tag applied), made smaller, and saved again as JPEG
without the camera's metadata (maker, model, time, serial numbers). The place it was taken
(the GPS tags) is kept only when the deputy ticked "keep the place": a photo of a villager's
house with its coordinates says where they live."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

# Formats a phone's camera or gallery gives (MPO: a JPEG with a second frame).
FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
# Larger than this is not a photo but an attack on memory (a "decompression bomb").
MAX_PIXELS = 60_000_000
QUALITY = 82


class PhotoError(ValueError):
    """The file cannot be kept as a photo; the message says why, in the reader's language."""


def clean_photo(upload, *, keep_location: bool) -> ContentFile:
    """The upload as it is kept: a JPEG at most INSPECTION_PHOTO_MAX_SIDE pixels on its longer
    side, upright, with no metadata but the GPS tags when `keep_location` and the photo had
    them. PhotoError when it is over INSPECTION_PHOTO_MAX_BYTES, not a picture, or too big."""
    limit = settings.INSPECTION_PHOTO_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise PhotoError(
            _("The photo is %(size)s MB; at most %(max)s MB can be sent.")
            % {"size": round(upload.size / 1024 / 1024, 1), "max": limit // 1024 // 1024}
        )
    try:
        with Image.open(upload) as image:
            if image.format not in FORMATS:
                raise PhotoError(_("This file is not a photo. Take or choose a photo."))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError(_("This picture is too large to keep."))
            gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo) if keep_location else {}
            upright = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise PhotoError(_("This file is not a photo. Take or choose a photo.")) from error
    side = settings.INSPECTION_PHOTO_MAX_SIDE
    upright.thumbnail((side, side))
    exif = Image.Exif()
    if gps:
        exif[ExifTags.IFD.GPSInfo] = dict(gps)
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=QUALITY, optimize=True, exif=exif)
    return ContentFile(out.getvalue(), name="photo.jpg")
