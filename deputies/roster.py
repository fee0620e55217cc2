"""Roster import: an xlsx of deputies, checked row by row, then written all at once.

`read_roster` checks a file and returns a plan: which rows create, update or leave a deputy
unchanged, and every rejected row with its row number and reason. `apply_roster` writes the
plan's good rows in one transaction. Nothing is written while checking.
"""

import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from training_site.workbooks import (
    MAX_UNPACKED_MB,
    UnreadableWorkbook,
    WorkbookTooLarge,
    first_sheet_rows,
)

from .models import County, Deputy, LiaisonStation, RosterImport, User
from .validators import normalize_mobile, validate_mobile

# Column keys, and the headers we accept for each (the template uses the first).
COLUMNS = {
    "name": ("姓名", "name"),
    "gender": ("性别", "gender"),
    "mobile": ("手机号码", "手机号", "mobile"),
    "level": ("代表层级", "层级", "level"),
    "term": ("届次", "term"),
    "township": ("乡镇（街道）", "乡镇", "township"),
    "station": ("代表联络站", "联络站", "station"),
    "card_number": ("代表证号", "card number"),
    "active": ("是否在任", "在任", "in office"),
}
REQUIRED = ("name", "gender", "mobile", "level", "term", "township")
GENDERS = {"男": Deputy.Gender.MALE, "女": Deputy.Gender.FEMALE, "male": "male", "female": "female"}
LEVELS = {
    "县级": Deputy.Level.COUNTY,
    "县": Deputy.Level.COUNTY,
    "县级人大代表": Deputy.Level.COUNTY,
    "county": Deputy.Level.COUNTY,
    "乡镇级": Deputy.Level.TOWNSHIP,
    "乡镇": Deputy.Level.TOWNSHIP,
    "乡级": Deputy.Level.TOWNSHIP,
    "乡镇人大代表": Deputy.Level.TOWNSHIP,
    "township": Deputy.Level.TOWNSHIP,
}
YES = {"", "是", "在任", "yes", "y", "true", "1"}
NO = {"否", "离任", "no", "n", "false", "0"}
CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                  "八": 8, "九": 9}  # fmt: skip
MAX_ROWS = 20000


class RosterFileError(Exception):
    """The file as a whole cannot be read (not xlsx, no header, too many rows)."""


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class RosterRow:
    row: int
    mobile: str
    name: str
    deputy_fields: dict
    action: str = ""  # "create", "update" or "unchanged"
    user: User | None = None
    deputy: Deputy | None = None


@dataclass
class RosterPlan:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")


def parse_term(value) -> int | None:
    """18, "18", "第18届", "第十八届" → 18."""
    text = str(value).strip().removeprefix("第").removesuffix("届")
    if re.fullmatch(r"\d{1,3}", text):
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


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_sheet(content: bytes) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    rows = _sheet_rows(content)
    _number, header = next(rows, (1, ()))
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        label = _cell_text(cell).lower()
        for key, names in COLUMNS.items():
            if label in (n.lower() for n in names):
                positions.setdefault(key, index)
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in positions]
    if missing:
        rows.close()
        raise RosterFileError(
            _("The first row must name the columns. Missing: %(columns)s.")
            % {"columns": "、".join(missing)}
        )
    body = []
    for number, values in rows:
        if values.count(None) == len(values):
            continue  # quickly past the empty rows a sheet may have by the million
        cells = [_cell_text(v) for v in values]
        if any(cells):
            body.append((number, cells))
        if len(body) > MAX_ROWS:
            rows.close()
            raise RosterFileError(
                _("The file has more than %(max)d rows. Split it by township.") % {"max": MAX_ROWS}
            )
    return positions, body


def _sheet_rows(content: bytes):
    """(row number, values) of the first sheet, read with the bounds of training_site.workbooks."""
    not_xlsx = _("This is not an Excel .xlsx file. Start from the template.")
    try:
        yield from first_sheet_rows(content)
    except WorkbookTooLarge as exc:
        raise RosterFileError(
            _("The file unpacks to more than %(mb)d MB: it is not a roster.")
            % {"mb": MAX_UNPACKED_MB}
        ) from exc
    except UnreadableWorkbook as exc:
        raise RosterFileError(not_xlsx) from exc


def read_roster(content: bytes, *, townships) -> RosterPlan:
    """Check a roster file against the townships the importer may change.

    `townships` is a queryset of the townships in the importer's scope; a row naming any other
    township is rejected, and so is a number that belongs to a deputy outside them.
    """
    positions, body = _read_sheet(content)
    plan = RosterPlan()
    township_by_name = {t.name: t for t in townships}
    stations = LiaisonStation.objects.filter(township__in=list(township_by_name.values()))
    station_by_key = {(s.township_id, s.name): s for s in stations}
    seen: dict[str, int] = {}

    candidates = []
    for number, cells in body:

        def get(key, cells=cells):
            index = positions.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        problems = []
        name = get("name")
        if not name:
            problems.append(_("the name is empty"))
        elif len(name) > 50:
            problems.append(_("the name is longer than 50 characters"))
        mobile = normalize_mobile(get("mobile"))
        try:
            validate_mobile(mobile)
        except ValidationError:
            problems.append(
                _("“%(value)s” is not an 11-digit mainland mobile number")
                % {"value": get("mobile")}
            )
            mobile = ""
        gender = GENDERS.get(get("gender").lower())
        if gender is None:
            problems.append(_("gender must be 男 or 女"))
        level = LEVELS.get(get("level").lower())
        if level is None:
            problems.append(_("level must be 县级 or 乡镇级"))
        term = parse_term(get("term"))
        if term is None:
            problems.append(_("term must be a number such as 18 or 第十八届"))
        township = township_by_name.get(get("township"))
        station = None
        if township is None:
            problems.append(
                _("unknown township “%(value)s” (or one outside your area)")
                % {"value": get("township")}
            )
        elif get("station"):
            station = station_by_key.get((township.pk, get("station")))
            if station is None:
                problems.append(
                    _("unknown liaison station “%(station)s” in %(township)s")
                    % {"station": get("station"), "township": township.name}
                )
        active_text = get("active").lower()
        if active_text not in YES | NO:
            problems.append(_("in office must be 是 or 否"))
        card_number = get("card_number")
        if len(card_number) > 30:
            problems.append(_("the deputy card number is longer than 30 characters"))
        if mobile:
            if mobile in seen:
                problems.append(
                    _("the number %(mobile)s is already on row %(row)d of this file")
                    % {"mobile": mobile, "row": seen[mobile]}
                )
            else:
                seen[mobile] = number
        if problems:
            plan.errors.append(RowError(number, "；".join(problems)))
            continue
        candidates.append(
            RosterRow(
                row=number,
                mobile=mobile,
                name=name,
                deputy_fields={
                    "gender": gender,
                    "level": level,
                    "term": term,
                    "township": township,
                    "station": station,
                    "card_number": card_number,
                    "is_active": active_text not in NO,
                },
            )
        )

    users = User.objects.filter(mobile__in=[c.mobile for c in candidates]).select_related("deputy")
    user_by_mobile = {u.mobile: u for u in users}
    allowed_township_ids = {t.pk for t in township_by_name.values()}
    for candidate in candidates:
        user = user_by_mobile.get(candidate.mobile)
        deputy = getattr(user, "deputy", None) if user else None
        if deputy and deputy.township_id not in allowed_township_ids:
            plan.errors.append(
                RowError(
                    candidate.row,
                    _("the number %(mobile)s belongs to a deputy outside your area")
                    % {"mobile": candidate.mobile},
                )
            )
            continue
        candidate.user, candidate.deputy = user, deputy
        if deputy is None:
            candidate.action = "create"
        elif user.name != candidate.name or any(
            getattr(deputy, key) != value for key, value in candidate.deputy_fields.items()
        ):
            candidate.action = "update"
        else:
            candidate.action = "unchanged"
        plan.rows.append(candidate)
    plan.errors.sort(key=lambda e: e.row)
    return plan


@transaction.atomic
def apply_roster(plan: RosterPlan, *, upload: RosterImport | None = None) -> RosterPlan | None:
    """Write the plan's good rows: new deputies get an account without a usable password
    (staff give them a one-time link or a password), known ones are updated in place.

    The plan was read a moment ago; each row is looked at again here, its deputy locked. A
    field changed meanwhile (by a clerk, or another import) is kept unless this file changes
    it too; where both changed it differently, or another import created the deputy
    differently, the row is not imported and is listed in `plan.errors`. Nothing is lost
    silently, and each row's action says what was done.

    When the plan came from a stored upload, the upload is marked applied with its counts; an
    upload confirmed twice at once (a double click) is applied by the first confirmation only,
    and the second gets None."""
    now = timezone.now()
    if upload is not None:
        claimed = RosterImport.objects.filter(pk=upload.pk, applied_at__isnull=True)
        if not claimed.update(applied_at=now):
            return None
    # Imports into one county take turns, so that each sees the deputies the other made.
    counties = {row.deputy_fields["township"].county_id for row in plan.rows}
    list(County.objects.select_for_update().filter(pk__in=counties).order_by("pk").values("pk"))
    users = {
        user.mobile: user
        for user in User.objects.select_for_update()
        .filter(mobile__in=[row.mobile for row in plan.rows])
        .order_by("pk")
    }
    deputies = {
        deputy.user_id: deputy
        for deputy in Deputy.objects.select_for_update()
        .filter(user_id__in=[user.pk for user in users.values()])
        .order_by("pk")
    }
    applied = []
    for row in plan.rows:
        user = users.get(row.mobile)
        action = _apply_row(row, user, deputies.get(user.pk) if user else None)
        if action is None:
            plan.errors.append(
                RowError(
                    row.row,
                    _(
                        "this deputy was changed by someone else while the file was imported; "
                        "check the deputy, then import the row again"
                    ),
                )
            )
            continue
        row.action = action
        applied.append(row)
    plan.rows = applied
    plan.errors.sort(key=lambda e: e.row)
    if upload is not None:
        upload.applied_at = now
        upload.created_count = plan.created
        upload.updated_count = plan.updated
        upload.unchanged_count = plan.unchanged
        upload.rejected_count = len(plan.errors)
        upload.save()
    return plan


def _apply_row(row: RosterRow, user: User | None, deputy: Deputy | None) -> str | None:
    """Write one row over the deputy as it is now (`user` and `deputy` locked); the action
    taken, or None when someone else's change meanwhile clashes with it."""
    wanted = {
        Deputy._meta.get_field(key).attname: getattr(value, "pk", value)
        for key, value in row.deputy_fields.items()
    }
    read = row.deputy  # as the plan read it
    if deputy is None and read is not None:
        return None  # removed meanwhile
    if deputy is not None and (read is None or read.pk != deputy.pk):
        # Made meanwhile, by another import: kept, and this row agrees with it or is refused.
        same = user.name == row.name and all(getattr(deputy, k) == v for k, v in wanted.items())
        return "unchanged" if same else None
    if deputy is None:
        if user is None:
            user = User.objects.create_user(mobile=row.mobile, name=row.name)
        elif user.name != row.name:
            user.name = row.name
            user.save(update_fields=["name"])
        deputy = Deputy(user=user, **row.deputy_fields)
        deputy.full_clean()
        deputy.save()
        row.user, row.deputy = user, deputy
        return "create"
    # What the file changes is what differs from what the plan read; a field someone else
    # changed meanwhile to yet another value is a clash.
    changes = {k: v for k, v in wanted.items() if v != getattr(read, k)}
    rename = row.name != row.user.name
    if any(getattr(deputy, k) not in (getattr(read, k), v) for k, v in changes.items()) or (
        rename and user.name not in (row.user.name, row.name)
    ):
        return None
    changes = {k: v for k, v in changes.items() if getattr(deputy, k) != v}
    rename = rename and user.name != row.name
    if rename:
        user.name = row.name
        user.save(update_fields=["name"])
    if changes:
        for key, value in changes.items():
            setattr(deputy, key, value)
        deputy.full_clean()
        deputy.save(update_fields=[*changes, "updated_at"])
    row.user, row.deputy = user, deputy
    return "update" if changes or rename else "unchanged"


TEMPLATE_HELP = gettext_lazy(
    "One deputy a row. Gender: 男 or 女. Level: 县级 or 乡镇级. Term: a number such as 18. "
    "Township and liaison station as named on this platform. In office: 是 or 否 (empty means 是)."
)


def roster_template(townships) -> bytes:
    """The downloadable template: the header row, one example row, and the accepted values."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "代表名册"
    headers = [names[0] for names in COLUMNS.values()]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FDE9D9")
    example_township = townships[0] if townships else None
    example_station = example_township.stations.first() if example_township else None
    sheet.append(
        [
            "张三",
            "男",
            "13812345678",
            "乡镇级",
            18,
            example_township.name if example_township else "",
            example_station.name if example_station else "",
            "",
            "是",
        ]
    )
    for column, width in zip("ABCDEFGHI", (10, 6, 15, 10, 6, 14, 18, 14, 10), strict=True):
        sheet.column_dimensions[column].width = width
    help_sheet = workbook.create_sheet("说明")
    help_sheet.append([str(TEMPLATE_HELP)])
    help_sheet.append([])
    help_sheet.append(["乡镇（街道）", "代表联络站"])
    for township in townships:
        names = [s.name for s in township.stations.all()] or [""]
        for station_name in names:
            help_sheet.append([township.name, station_name])
    help_sheet.column_dimensions["A"].width = 20
    help_sheet.column_dimensions["B"].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def record_roster_import(plan: RosterPlan, *, county, filename: str, by=None) -> None:
    """Log an applied import (by default as the user of the current request)."""
    from audit import services as audit

    audit.record(
        audit.Action.ROSTER_IMPORTED,
        by=by,
        county=county,
        filename=filename[:200],
        created=plan.created,
        updated=plan.updated,
        unchanged=plan.unchanged,
        rejected=len(plan.errors),
    )
