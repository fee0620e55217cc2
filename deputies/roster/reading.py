"""Checking a roster file: which sheet and row hold the roster, then each row against the
townships the importer may change. Nothing is written here."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from common.workbooks import (
    MAX_UNPACKED_MB,
    Sheet,
    UnreadableWorkbook,
    WorkbookTooLarge,
    open_workbook,
)

from ..models import Deputy, LiaisonStation, User
from ..validators import normalize_mobile, validate_mobile
from .columns import (
    COLUMNS,
    GENDERS,
    LABELS,
    LEVELS,
    NO,
    REQUIRED,
    YES,
    cell_text,
    clean_code,
    clean_name,
    column_of,
    is_ignored,
    key,
    parse_term,
)
from .plan import CREATE, UNCHANGED, UPDATE, Change, Problem, RosterPlan, RosterRow, RowError

MAX_ROWS = 20000
# How far down a sheet its header row is looked for: a title, a date, a blank line above it.
HEADER_SEARCH_ROWS = 10


class RosterFileError(Exception):
    """The file as a whole cannot be read (not xlsx, no header, too many rows)."""


def refusal() -> str:
    """Why a number outside the importer's area is refused, in the same words whoever it
    belongs to (a deputy elsewhere, an administrator, an editor, another county's staff): the
    clerk learns nothing about the account."""
    return _("cannot be imported in your area: check it, or ask an administrator")


@dataclass
class Header:
    sheet: Sheet
    row: int
    positions: dict[str, int] = field(default_factory=dict)  # column key -> index
    headings: dict[str, str] = field(default_factory=dict)  # column key -> heading as written
    not_read: list[str] = field(default_factory=list)  # other headings, with their letters

    @property
    def complete(self) -> bool:
        return all(column in self.positions for column in REQUIRED)

    @property
    def missing(self) -> list[str]:
        return [COLUMNS[column][0] for column in REQUIRED if column not in self.positions]


def _header(sheet: Sheet, number: int, values) -> Header:
    header = Header(sheet, number)
    for index, value in enumerate(values):
        heading = cell_text(value)
        if not heading:
            continue
        column = column_of(heading)
        if column is not None and column not in header.positions:
            header.positions[column] = index
            header.headings[column] = heading
        elif not is_ignored(heading):
            header.not_read.append(f"{heading}（{get_column_letter(index + 1)}）")
    return header


def read_sheet(content: bytes) -> tuple[Header, list[tuple[int, list[str]]]]:
    """The header and the non-blank rows of the roster: the first visible sheet with a row,
    among its first HEADER_SEARCH_ROWS, that names the required columns. Hidden sheets (the
    template's lists, a county's scratch sheet) are not read."""
    try:
        with open_workbook(content) as workbook:
            return _read_sheet(workbook)
    except WorkbookTooLarge as exc:
        raise RosterFileError(
            _("The file unpacks to more than %(mb)d MB: it is not a roster.")
            % {"mb": MAX_UNPACKED_MB}
        ) from exc
    except UnreadableWorkbook as exc:
        not_xlsx = _("This is not an Excel .xlsx file. Start from the template.")
        raise RosterFileError(not_xlsx) from exc


def _read_sheet(workbook):
    best = None
    for sheet in workbook.sheets:
        if not sheet.visible:
            continue
        rows = workbook.rows(sheet)
        best = best or Header(sheet, 1)
        for number, values in rows:
            header = _header(sheet, number, values)
            if header.complete:
                return header, _body(rows, header)
            if len(header.positions) > len(best.positions):
                best = header
            if number >= HEADER_SEARCH_ROWS:
                break
        rows.close()
    if best is None:  # no visible sheet at all
        raise RosterFileError(
            _("The workbook has no visible sheet. Show the roster's sheet and upload it again.")
        )
    raise RosterFileError(
        _(
            "The sheet “%(sheet)s” has no header row naming the columns in its first %(rows)d "
            "rows. Missing: %(columns)s."
        )
        % {
            "sheet": best.sheet.title,
            "rows": HEADER_SEARCH_ROWS,
            "columns": "、".join(best.missing),
        }
    )


def _body(rows, header: Header) -> list[tuple[int, list[str]]]:
    """The rows below the header that say something in a column the import reads: trailing
    blank rows, and rows numbered (序号) but not filled in, are passed over."""
    body = []
    read = list(header.positions.values())
    for number, values in rows:
        if values.count(None) == len(values):
            continue  # quickly past the empty rows a sheet may have by the million
        cells = [cell_text(v) for v in values]
        if not any(cells[i] for i in read if i < len(cells)):
            continue
        body.append((number, cells))
        if len(body) > MAX_ROWS:
            rows.close()
            raise RosterFileError(
                _("The file has more than %(max)d rows. Split it by township.") % {"max": MAX_ROWS}
            )
    return body


def read_roster(content: bytes, *, townships) -> RosterPlan:
    """Check a roster file against the townships the importer may change.

    `townships` is a queryset of the townships in the importer's scope; a row naming any other
    township is refused, and so is a number that belongs to anyone but a deputy of those
    townships (a deputy elsewhere, a staff or administrator's account), in the same words.
    """
    header, body = read_sheet(content)
    plan = RosterPlan(
        sheet=header.sheet.title,
        header_row=header.row,
        mobile_heading=header.headings["mobile"],
        mobile_letter=get_column_letter(header.positions["mobile"] + 1),
    )
    if header.not_read:
        plan.warnings.append(
            _("These columns are not read, and what they hold is not imported: %(columns)s.")
            % {"columns": "、".join(header.not_read)}
        )
    checker = _RowChecker(header, list(townships))
    plan.township_ids = frozenset(checker.township_by_id)
    candidates = []
    for number, cells in body:
        row, problems = checker.check(number, cells)
        if problems:
            plan.errors.append(RowError(number, problems, name=row.name if row else ""))
        else:
            candidates.append(row)
    _match_accounts(plan, candidates, checker)
    plan.errors.sort(key=lambda e: e.row)
    return plan


class _RowChecker:
    def __init__(self, header: Header, townships):
        self.header = header
        self.township_by_id = {t.pk: t for t in townships}
        self.township_by_key = {key(t.name): t for t in townships}
        stations = LiaisonStation.objects.filter(township__in=townships)
        self.station_by_id = {s.pk: s for s in stations}
        self.station_by_key = {(s.township_id, key(s.name)): s for s in stations}
        self.seen: dict[str, int] = {}

    def problem(self, column: str, reason: str, value: str) -> Problem:
        return Problem(
            reason,
            heading=self.header.headings[column],
            letter=get_column_letter(self.header.positions[column] + 1),
            value=value,
        )

    def check(self, number: int, cells: list[str]) -> tuple[RosterRow | None, list[Problem]]:
        def get(column):
            index = self.header.positions.get(column)
            return cells[index] if index is not None and index < len(cells) else ""

        problems = []

        def bad(column, reason):
            problems.append(self.problem(column, reason, get(column)))

        name = clean_name(get("name"))
        if not name:
            bad("name", _("empty"))
        elif len(name) > 50:
            bad("name", _("longer than 50 characters"))
        mobile = normalize_mobile(get("mobile"))
        try:
            validate_mobile(mobile)
        except ValidationError:
            bad("mobile", _("not an 11-digit mainland mobile number"))
            mobile = ""
        gender = GENDERS.get(key(get("gender")))
        if gender is None:
            bad("gender", _("must be 男 or 女"))
        level = LEVELS.get(key(get("level")))
        if level is None:
            bad("level", _("must be 县级 or 乡镇级"))
        term = parse_term(get("term"))
        if term is None:
            bad("term", _("must be a number such as 18 or 第十八届"))
        township = self.township_by_key.get(key(get("township")))
        station = None
        if township is None:
            if get("township"):
                bad("township", _("not a township of your area on this platform"))
            else:
                bad("township", _("empty"))
        elif get("station"):
            station = self.station_by_key.get((township.pk, key(get("station"))))
            if station is None:
                bad(
                    "station",
                    _("not a liaison station of %(township)s on this platform")
                    % {"township": township.name},
                )
        active = key(get("active"))
        if active not in YES | NO:
            bad("active", _("must be 是 or 否 (empty means 是)"))
        card_number = clean_code(get("card_number"))
        if len(card_number) > 30:
            bad("card_number", _("longer than 30 characters"))
        if mobile:
            if mobile in self.seen:
                bad("mobile", _("the same number is on row %(row)d") % {"row": self.seen[mobile]})
            else:
                self.seen[mobile] = number
        row = RosterRow(
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
                "is_active": active not in NO,
            },
        )
        return row, problems

    def changes(self, row: RosterRow, user: User, deputy: Deputy) -> list[Change]:
        """What the row would change of the deputy, in the words the review page shows."""
        found = []
        if user.name != row.name:
            found.append(Change("name", str(capfirst(LABELS["name"])), user.name, row.name))
        for name, value in row.deputy_fields.items():
            attname = Deputy._meta.get_field(name).attname
            old = getattr(deputy, attname)
            if old != getattr(value, "pk", value):
                column = "active" if name == "is_active" else name
                label = str(capfirst(LABELS[column]))
                found.append(Change(column, label, self.shown(name, old), self.shown(name, value)))
        return found

    def shown(self, name: str, value) -> str:
        value = getattr(value, "pk", value)
        if value is None or value == "":
            return ""
        if name == "gender":
            return str(Deputy.Gender(value).label)
        if name == "level":
            return str(Deputy.Level(value).label)
        if name == "township":
            return self.township_by_id[value].name
        if name == "station":
            station = self.station_by_id.get(value)
            return station.name if station else str(LiaisonStation.objects.get(pk=value))
        if name == "is_active":
            return _("In office") if value else _("Left office")
        return str(value)


def _match_accounts(plan: RosterPlan, candidates: list[RosterRow], checker: _RowChecker):
    """Each good row against the account its number belongs to: none (a new deputy), a deputy
    of the importer's townships (updated or unchanged), or anyone else (refused)."""
    users = User.objects.filter(mobile__in=[c.mobile for c in candidates]).select_related("deputy")
    user_by_mobile = {u.mobile: u for u in users}
    for candidate in candidates:
        user = user_by_mobile.get(candidate.mobile)
        deputy = getattr(user, "deputy", None) if user else None
        if user is not None and (deputy is None or deputy.township_id not in plan.township_ids):
            plan.errors.append(
                RowError(
                    candidate.row,
                    [checker.problem("mobile", refusal(), candidate.mobile)],
                    name=candidate.name,
                )
            )
            continue
        candidate.user, candidate.deputy = user, deputy
        if deputy is None:
            candidate.action = CREATE
        else:
            if clean_name(user.name) == candidate.name:
                candidate.name = user.name  # the name as stored, spaces and all: not a change
            candidate.changes = checker.changes(candidate, user, deputy)
            candidate.action = UPDATE if candidate.changes else UNCHANGED
        plan.rows.append(candidate)
