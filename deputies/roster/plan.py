"""What checking a roster file found: the rows to write and what each changes, the rows refused
and why, and what the reader noticed about the file as a whole."""

import hashlib
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Deputy, User

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass
class Problem:
    """One thing wrong with a row: in which column (its heading as the file names it, and its
    letter), the value found there, and why it cannot be imported. A problem of the row as a
    whole has no column."""

    reason: str
    heading: str = ""
    letter: str = ""
    value: str = ""

    @property
    def text(self) -> str:
        if not self.heading:
            return self.reason
        return _("%(heading)s “%(value)s”: %(reason)s") % {
            "heading": self.heading,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass
class RowError:
    row: int
    problems: list[Problem]
    name: str = ""  # the name on the row, to find it by

    @property
    def message(self) -> str:
        return "；".join(problem.text for problem in self.problems)


@dataclass
class Change:
    """One field an update changes, as shown before it is confirmed: 届次 8 → 18."""

    column: str  # a key of columns.COLUMNS
    label: str
    old: str
    new: str


@dataclass
class RosterRow:
    row: int
    mobile: str
    name: str
    deputy_fields: dict
    action: str = ""  # CREATE, UPDATE or UNCHANGED
    user: User | None = None
    deputy: Deputy | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def masked_mobile(self) -> str:
        return f"{self.mobile[:3]}****{self.mobile[-4:]}"

    def state(self) -> list:
        """What this row will write and what it was checked against, as plain values."""
        wanted = {
            name: getattr(value, "pk", value) for name, value in sorted(self.deputy_fields.items())
        }
        read = None
        if self.deputy is not None:
            fields = {
                name: getattr(self.deputy, Deputy._meta.get_field(name).attname) for name in wanted
            }
            read = [self.deputy.pk, self.user.name, fields]
        return [self.row, self.mobile, self.action, self.name, wanted, read]


@dataclass
class RosterPlan:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sheet: str = ""  # the sheet read
    header_row: int = 1
    township_ids: frozenset[int] = frozenset()  # the townships the importer may change
    mobile_heading: str = ""  # the mobile number's column, as the file names it
    mobile_letter: str = ""

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def updates(self) -> list[RosterRow]:
        return [r for r in self.rows if r.action == UPDATE]

    @property
    def problem_count(self) -> int:
        return sum(len(e.problems) for e in self.errors)

    @property
    def needs_review(self) -> bool:
        """Whether someone must look before anything is written: a row is refused, a known
        deputy would change, or a column of the file would not be read."""
        return bool(self.errors or self.updated or self.warnings)

    def digest(self) -> str:
        """A fingerprint of what confirming would write and what it was checked against. The
        review page carries it; a confirmation whose plan has a different one (the roster
        changed since) is shown the new plan instead of writing it."""
        state = {
            "rows": [row.state() for row in self.rows],
            "errors": [[e.row, [p.letter for p in e.problems]] for e in self.errors],
            "warnings": len(self.warnings),
        }
        text = json.dumps(state, sort_keys=True, ensure_ascii=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()
