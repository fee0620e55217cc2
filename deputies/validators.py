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


def mask_mobile(value: str) -> str:
    """An 11-digit number as shown to those who may not see it whole (139****0001); "" for
    any other value."""
    value = value or ""
    return f"{value[:3]}****{value[-4:]}" if len(value) == 11 else ""


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.match(value or ""):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number starting with 1, such as 13812345678."),
            code="invalid_mobile",
        )


# Administrative division codes (行政区划代码, GB/T 2260): two digits for the province, two for
# the city, two for the county; townships (乡镇/街道) add three more (GB/T 10114).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",  # 北京 天津 河北 山西 内蒙古
        "21", "22", "23",  # 辽宁 吉林 黑龙江
        "31", "32", "33", "34", "35", "36", "37",  # 上海 江苏 浙江 安徽 福建 江西 山东
        "41", "42", "43", "44", "45", "46",  # 河南 湖北 湖南 广东 广西 海南
        "50", "51", "52", "53", "54",  # 重庆 四川 贵州 云南 西藏
        "61", "62", "63", "64", "65",  # 陕西 甘肃 青海 宁夏 新疆
    }
)  # fmt: skip
_DIGITS = re.compile(r"^\d+$", re.ASCII)


def normalize_code(value: str) -> str:
    """A division code as stored: full-width digits made ASCII, spaces removed."""
    value = (value or "").translate({0xFF10 + i: ord("0") + i for i in range(10)})
    return re.sub(r"\s", "", value)


def validate_county_code(value: str) -> None:
    if not (len(value or "") == 6 and _DIGITS.match(value)):
        raise ValidationError(
            _("Enter the county's 6-digit administrative division code, such as 330523."),
            code="invalid_county_code",
        )
    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _(
                "A county's code starts with its province's two digits (11 to 65, such as 33 "
                "for Zhejiang); %(prefix)s is no province's."
            ),
            code="unknown_province",
            params={"prefix": value[:2]},
        )
    if value.endswith("00"):
        raise ValidationError(
            _(
                "%(code)s is a city's or a province's code. Enter the county's own code: its "
                "last two digits are not 00."
            ),
            code="not_a_county",
            params={"code": value},
        )


def validate_township_code(value: str) -> None:
    """The code's form; that it starts with its county's code is checked by the township."""
    if not (len(value or "") == 9 and _DIGITS.match(value)):
        raise ValidationError(
            _(
                "A township's administrative division code has 9 digits, such as 330523001. "
                "Leave it empty if you do not know it."
            ),
            code="invalid_township_code",
        )
    if value.endswith("000"):
        raise ValidationError(
            _("The last three digits of a township's code are not 000."),
            code="not_a_township",
        )
