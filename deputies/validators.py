import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Mainland China mobile numbers: 11 digits, starting 13–19.
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)  # ASCII: \d alone takes any script's digits
_SEPARATORS = re.compile(r"[\s\-－—–]")


def normalize_mobile(value: str) -> str:
    """The number as stored: full-width digits made ASCII, separators and +86/0086 removed."""
    value = (value or "").strip().translate({0xFF10 + i: ord("0") + i for i in range(10)})
    value = _SEPARATORS.sub("", value)
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return value


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.match(value or ""):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number starting with 1, such as 13812345678."),
            code="invalid_mobile",
        )
