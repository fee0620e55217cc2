"""A deputy's learning archive (学习档案) as its page shows it: the `Archive` and a dataclass for
each of its sections (courses, lessons, quizzes, group study, drafts, seats, hours by year), and
the record of duties (履职档案) it has grown into: reception days on duty, voters' matters,
inspections, suggestions and their replies, and a summary by year.
`selectors.learning_archive` fills it, with `duties.record_of_duties` for the record of duties."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from certificates.models import Certificate
from courses.models import Enrolment
from proposals.models import Draft

from .terms import term_label

ZERO = Decimal("0.0")


@dataclass
class CourseRow:
    enrolment: Enrolment
    lessons_read: int
    lessons_total: int

    @property
    def course(self):
        return self.enrolment.course


@dataclass
class LessonRow:
    title: str
    course_title: str
    completed_at: datetime


@dataclass
class QuizRow:
    title: str
    attempts: int
    best_percent: int | None
    passed: bool
    # The attempt handed in and waiting for staff to grade its written (short-answer or essay)
    # answers, while none has passed yet. Until graded it has no score: `best_percent` is of the
    # attempts already graded.
    awaiting_number: int | None
    last_at: datetime | None

    @property
    def awaiting_grading(self) -> bool:
        return self.awaiting_number is not None


@dataclass
class SessionRow:
    starts_at: datetime
    topic: str
    station: str
    hours: Decimal


@dataclass
class DraftRow:
    draft: Draft
    revisions: int
    last_score: int | None
    accepted_at: datetime | None
    # When it was last worked on: accepted, else last submitted, else last saved.
    last_at: datetime | None = None
    # The credit hours it earned when accepted (None: not accepted, or earned none).
    hours: Decimal | None = None


@dataclass
class YearHours:
    year: int | None  # None: the total over all years
    course_hours: Decimal = ZERO
    study_hours: Decimal = ZERO
    # Certificates issued by hand for training taken elsewhere (see _hours_by_year).
    certificate_hours: Decimal = ZERO
    # Writing practice: drafts accepted (建议, 议案, 审议发言), at the hours kept at acceptance.
    practice_hours: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.course_hours + self.study_hours + self.certificate_hours + self.practice_hours


@dataclass
class SeatRow:
    """A seat the deputy held: a congress's term, from which day to which, and why it ended."""

    seat: object  # deputies.models.Membership, with its term

    @property
    def term(self):
        return self.seat.term

    @property
    def term_label(self) -> str:
        return term_label(self.seat.term)


@dataclass
class ReceptionDayRow:
    day: date
    station: str
    place: str


@dataclass
class MatterRow:
    """A voters' matter the deputy received or recorded, as the record of duties shows it: what
    kind of matter, where and when, and how far it went. Never the voter (name, mobile) nor
    what they said: the record is about the deputy's work."""

    case_number: str
    received_on: date
    station: str
    category: str
    status: str
    closed: bool
    # 销号 does not always mean solved: solved, put in a plan, explained (Matter.Closure).
    closure: str
    finished_on: date | None
    # Days the unit's answer is late (0: not overdue).
    overdue_days: int


@dataclass
class InspectionRow:
    title: str
    kind: str
    station: str
    starts_on: date
    ends_on: date | None
    organiser: bool
    # What the deputy found, each as (the place, their words), in route order.
    findings: list[tuple[str, str]] = field(default_factory=list)
    # The report's state (Draft.Status label), "" while none is started.
    report_status: str = ""
    report_accepted: bool = False


@dataclass
class SuggestionRow:
    title: str
    level: str
    main_unit: str
    assigned_on: date
    status: str
    # The reply (the second one, where the deputy was not satisfied with the first).
    replied_on: date | None
    outcome: str
    satisfaction: str
    # The deadline of the reply owed now (None: none owed) and the days it is late.
    due: date | None
    overdue_days: int
    # The first reply came after its deadline.
    replied_late: bool

    @property
    def replied(self) -> bool:
        return self.replied_on is not None


@dataclass
class DutyYear:
    """A year of the record of duties (履职档案): one row of its summary."""

    year: int | None  # None: the total over all years
    study_hours: Decimal = ZERO
    sessions: int = 0
    reception_days: int = 0
    matters: int = 0
    matters_closed: int = 0
    inspections: int = 0
    suggestions: int = 0
    suggestions_replied: int = 0


@dataclass
class Duties:
    """The record of duties' lists (of the chosen year or term) and its summary by year."""

    reception_days: list[ReceptionDayRow] = field(default_factory=list)
    matters: list[MatterRow] = field(default_factory=list)
    inspections: list[InspectionRow] = field(default_factory=list)
    suggestions: list[SuggestionRow] = field(default_factory=list)
    # Newest first, and the total over them.
    by_year: list[DutyYear] = field(default_factory=list)
    total: DutyYear = field(default_factory=lambda: DutyYear(year=None))


@dataclass
class Archive:
    deputy: object
    year: int | None
    # The term whose dates the archive is narrowed to, if one is chosen.
    term: object = None
    # The deputy's seats, latest term first: what the term filter offers.
    seats: list[SeatRow] = field(default_factory=list)
    courses: list[CourseRow] = field(default_factory=list)
    lessons: list[LessonRow] = field(default_factory=list)
    quizzes: list[QuizRow] = field(default_factory=list)
    sessions: list[SessionRow] = field(default_factory=list)
    drafts: list[DraftRow] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    # Credit hours (学时) by year, newest first, and their total.
    hours_by_year: list[YearHours] = field(default_factory=list)
    hours_total: YearHours = field(default_factory=lambda: YearHours(year=None))
    # Every year with something in it, newest first: what the year filter offers.
    years: list[int] = field(default_factory=list)
    duties: Duties = field(default_factory=Duties)

    @property
    def term_label(self) -> str:
        return term_label(self.term) if self.term else ""
