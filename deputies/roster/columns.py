"""What a roster's columns are called and what their cells may say, as county offices write
them: headings padded with spaces (姓　名), full-width digits (１３９…), numbers stored as numbers
(13912345678.0), names padded to line up (王　芳), 第十八届 for 18."""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

from common.workbooks import unquote

from ..models import Deputy

# Column keys, and the headings accepted for each (the template writes the first). Headings
# are compared as `key` makes them: width, spaces and case do not matter.
COLUMNS = {
    "name": ("姓名", "代表姓名", "name"),
    "gender": ("性别", "gender"),
    "mobile": ("手机号码", "手机号", "手机", "移动电话", "联系电话", "mobile"),
    "level": ("代表层级", "层级", "代表级别", "级别", "level"),
    "term": ("届次", "届别", "term"),
    "township": ("乡镇（街道）", "乡镇", "街道", "乡镇街道", "所在乡镇", "所属乡镇", "township"),
    "station": ("代表联络站", "联络站", "所属联络站", "代表之家", "station"),
    "card_number": ("代表证号", "代表证编号", "card number"),
    "active": ("是否在任", "在任", "在任情况", "in office"),
}
REQUIRED = ("name", "gender", "mobile", "level", "term", "township")
# Columns rosters often have that the import has no use for, left out of the warning.
IGNORED = ("序号", "编号", "no", "no.")
# What each column is called on the review page (the model's own names: 姓名, 届次…).
LABELS = {
    "name": _("full name"),
    "gender": _("gender"),
    "mobile": _("mobile number"),
    "level": _("level"),
    "term": _("term"),
    "township": _("township"),
    "station": _("liaison station"),
    "card_number": _("deputy card number"),
    "active": _("in office"),
}

GENDERS = {"男": "male", "男性": "male", "女": "female", "女性": "female", "male": "male",
           "female": "female"}  # fmt: skip
LEVELS = {
    "县级": Deputy.Level.COUNTY,
    "县": Deputy.Level.COUNTY,
    "县级人大代表": Deputy.Level.COUNTY,
    "县人大代表": Deputy.Level.COUNTY,
    "county": Deputy.Level.COUNTY,
    "乡镇级": Deputy.Level.TOWNSHIP,
    "乡镇": Deputy.Level.TOWNSHIP,
    "乡级": Deputy.Level.TOWNSHIP,
    "镇级": Deputy.Level.TOWNSHIP,
    "乡镇人大代表": Deputy.Level.TOWNSHIP,
    "township": Deputy.Level.TOWNSHIP,
}
YES = {"", "是", "在任", "yes", "y", "true", "1"}
NO = {"否", "离任", "不在任", "no", "n", "false", "0"}
# What the template and the export write for each stored value.
WRITTEN = {
    "gender": {Deputy.Gender.MALE: "男", Deputy.Gender.FEMALE: "女"},
    "level": {Deputy.Level.COUNTY: "县级", Deputy.Level.TOWNSHIP: "乡镇级"},
    "active": {True: "是", False: "否"},
}
CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                  "八": 8, "九": 9}  # fmt: skip
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def cell_text(value) -> str:
    """A cell as text: a whole number stored as a float without its ".0", an export's
    formula guard taken off, surrounding spaces (full-width ones too) dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unquote(str(value).strip()).strip()


def key(text: str) -> str:
    """Text as compared with a known word: full-width made half-width, spaces dropped, case
    ignored (姓　名 is 姓名, 乡镇(街道) is 乡镇（街道）)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()


def clean_name(text: str) -> str:
    """A person's name as stored: a Chinese name without the spaces that pad it to line up
    (王　芳), others with single spaces (a name in Latin letters keeps the one between words)."""
    if _CJK.search(text):
        return _SPACES.sub("", text)
    return " ".join(text.split())


def clean_code(text: str) -> str:
    """A number written by hand (a card number, a term): full-width letters and digits made
    half-width."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_term(value) -> int | None:
    """18, "18", "１８", "第18届", "第十八届" → 18."""
    text = clean_code(cell_text(value)).removeprefix("第").removesuffix("届").strip()
    if re.fullmatch(r"\d{1,3}", text, re.ASCII):
        return int(text)
    if text and all(ch in CHINESE_DIGITS or ch in "十百" for ch in text):
        total, current = 0, 0
        for ch in text:
            if ch == "十":
                total += (current or 1) * 10
                current = 0
            elif ch == "百":
                total += (current or 1) * 100
                current = 0
            else:
                current = CHINESE_DIGITS[ch]
        return total + current or None
    return None


_HEADINGS = {key(name): column for column, names in COLUMNS.items() for name in names}
_IGNORED = {key(name) for name in IGNORED}


def column_of(heading: str) -> str | None:
    """The column key a heading names, or None."""
    return _HEADINGS.get(key(heading))


def is_ignored(heading: str) -> bool:
    return key(heading) in _IGNORED
