"""The CJK font the platform's PDFs embed (certificates, group-study sign-in sheets): Debian's AR
PL UKai (楷体, `fonts-arphic-ukai`), found on this machine at render time. A TrueType font
subsets to a few KB where the OpenType Noto CJK fonts cost about 200 KB a document (see
DESIGN.md). No font file is committed."""

import shutil
import subprocess
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FONT_FAMILY = "AR PL UKai CN"
KNOWN_FONT_PATHS = ["/usr/share/fonts/truetype/arphic/ukai.ttc"]


@cache
def font_path() -> Path:
    """The font's file: CERTIFICATE_FONT_PATH, or where fontconfig has it."""
    candidates = [getattr(settings, "CERTIFICATE_FONT_PATH", None)]
    if shutil.which("fc-match"):
        found = subprocess.run(  # noqa: S603
            ["fc-match", "-f", "%{file}", f"{FONT_FAMILY}:lang=zh-cn"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        # fc-match always answers something; only take the font we asked for.
        if "ukai" in found.lower():
            candidates.append(found)
    candidates += KNOWN_FONT_PATHS
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise ImproperlyConfigured(
        "The PDF font is missing: install Debian's fonts-arphic-ukai (make system-deps)."
    )
