"""The demo's term change (换届): 青溪县's past term and its current one.

The past term began on PAST_TERM_START. One deputy resigned during it. About a hundred days ago
(when the demo's courses were assigned) the county officer opened the new term with a roster
in which most deputies are re-elected, two were not elected again, and eight are new. The new
deputies were given initial training (初任培训): three have finished it and hold its
certificate, one (13900000044, who signs in with the demo password) is part of the way and
overdue, the rest have not started. Re-elected deputies were exempted, two given the refresher.
Three re-elected deputies hold a certificate from a training of the past term.

Everything goes through the services a county officer's clicks go through: the term change
(check and confirm), the roster, the programmes' completion. Safe to run again: it does nothing
once the change is there.
"""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from openpyxl import load_workbook

from certificates.models import Certificate
from certificates.services import issue_by_hand
from courses.models import CoursePage, Enrolment, Programme, ProgrammeAssignment
from courses.programmes import change_kind, complete_programmes
from courses.services import mark_lessons_studied
from deputies.demo import DEMO_PASSWORD
from deputies.models import County, Deputy, LiaisonStation, RosterImport, Term, TermChange, User
from deputies.roster import roster_export
from deputies.term_change import check_change, confirm_change, current_terms
from deputies.terms import leave_office, set_term_start
from proposals.demo import ACCEPTED, ROAD
from proposals.models import Draft, Exercise
from proposals.services import start_draft, submit_draft
from quizzes.demo import seed_attempt
from studysessions.attendance import mark_present
from studysessions.models import Attendance
from studysessions.services import schedule_session

COUNTY = "339001"
PAST_TERM_START = date(2021, 12, 28)
# The new term began when the demo's courses were assigned (reports.demo.ASSIGNED_DAYS_AGO).
NEW_TERM_DAYS_AGO = 100
RESIGNED = ("13900000039", date(2024, 3, 15), "本人因工作调动辞去代表职务，乡镇人大主席团会议接受")
NOT_REELECTED = ["13900000036", "13900000038"]
# The new term's new deputies: (name, mobile, gender, level, station).
NEW_DEPUTIES = [
    ("蒋雨晴", "13900000044", "female", "township", "城关镇人大代表联络站"),
    ("沈家豪", "13900000045", "male", "township", "城关镇人大代表联络站"),
    ("韦春兰", "13900000046", "female", "county", "东街社区代表联络站"),
    ("钱立伟", "13900000047", "male", "township", "石桥镇人大代表之家"),
    ("孔秋菊", "13900000048", "female", "township", "石桥镇人大代表之家"),
    ("曹振东", "13900000049", "male", "township", "新村代表联络站"),
    ("严小芳", "13900000050", "female", "township", "东街社区代表联络站"),
    ("彭德胜", "13900000051", "male", "township", "白云乡人大代表联络站"),
]
SIGNS_IN = ["13900000044", "13900000045"]  # new deputies with the demo password
FINISHED = ["13900000045", "13900000046", "13900000047"]
PART_WAY = "13900000044"  # two of the five courses read
REFRESHER_FOR = ["13900000012", "13900000013"]
PAST_TRAINING = (["13900000004", "13900000005", "13900000006"], date(2024, 6, 18))


def seed_term_change(*, officer: User) -> TermChange | None:
    """The story above; None when it is there already or the demo's county is missing."""
    county = County.objects.filter(code=COUNTY).first()
    if county is None or TermChange.objects.filter(county=county).exists():
        return None
    for term in current_terms(county).values():
        set_term_start(term, PAST_TERM_START, by=officer)
    _past_term_history(officer)
    resigned = Deputy.objects.get(user__mobile=RESIGNED[0])
    leave_office(resigned, on=RESIGNED[1], reason="resigned", note=RESIGNED[2], by=officer)

    first_day = timezone.localdate() - timedelta(days=NEW_TERM_DAYS_AGO)
    change = _term_change(county, officer, first_day)
    confirm_change(change, by=officer, digest=check_change(change).digest())
    User.objects.filter(mobile__in=SIGNS_IN).update(password=make_password(DEMO_PASSWORD))
    _initial_training(officer, first_day)
    return change


def _past_term_history(officer) -> None:
    """A training of the past term, recorded by hand with its date, for three deputies who are
    then re-elected: their archives hold both terms."""
    mobiles, trained_on = PAST_TRAINING
    course = CoursePage.objects.filter(slug="jiandufa-xiangzhen-jiandu").first()
    if course is None:
        return
    issued = timezone.make_aware(datetime.combine(trained_on + timedelta(days=2), time(10)))
    for deputy in Deputy.objects.filter(user__mobile__in=mobiles):
        certificate = issue_by_hand(
            deputy=deputy,
            course=course,
            credit_hours=Decimal("4"),
            note="2024年县人大常委会举办的代表履职能力提升培训班（面授）",
            by=officer,
            trained_on=trained_on,
        )
        Certificate.objects.filter(pk=certificate.pk).update(issued_at=issued)


def _term_change(county, officer, first_day) -> TermChange:
    """The new term's roster as the office would draw it up: the current roster exported, the
    deputies not elected again taken out, the new ones added; the change started with it."""
    townships = list(county.townships.prefetch_related("stations").order_by("name"))
    deputies = (
        Deputy.objects.filter(township__county=county, is_active=True)
        .exclude(user__mobile__in=NOT_REELECTED)
        .with_people()
        .order_by("township__name", "user__name")
    )
    content = roster_export(county=county, townships=townships, deputies=deputies, by=officer)
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[2]]  # under the title row
    stations = {s.name: s for s in LiaisonStation.objects.filter(township__county=county)}
    written = {"female": "女", "male": "男", "county": "县级", "township": "乡镇级"}
    for name, mobile, gender, level, station in NEW_DEPUTIES:
        cells = {
            "姓名": name,
            "性别": written[gender],
            "手机号码": mobile,
            "代表层级": written[level],
            "届次": "第十九届" if level == "county" else "第九届",
            "乡镇（街道）": stations[station].township.name,
            "代表联络站": station,
            "是否在任": "是",
        }
        sheet.append([cells.get(heading, "") for heading in header])
    out = io.BytesIO()
    workbook.save(out)
    terms = current_terms(county)
    upload = RosterImport.objects.create(
        uploaded_by=officer,
        county=county,
        filename="青溪县新一届代表名册.xlsx",
        content=out.getvalue(),
    )
    return TermChange.objects.create(
        county=county,
        started_by=officer,
        upload=upload,
        starts_on=first_day,
        county_number=terms[None].number + 1,
        township_numbers={str(t.pk): terms[t.pk].number + 1 for t in townships if t.pk in terms},
        previous_terms=sorted(t.pk for t in terms.values()),
        reelected_choice=TermChange.ReelectedChoice.EXEMPTED,
    )


def _initial_training(officer, first_day) -> None:
    """The new deputies' progress, and the refresher for two re-elected deputies."""
    programme = Programme.objects.filter(assign_to_new_deputies=True).order_by("pk").first()
    if programme is None:
        return
    for assignment in ProgrammeAssignment.objects.filter(
        programme=programme, deputy__user__mobile__in=REFRESHER_FOR
    ):
        change_kind(assignment=assignment, kind="refresher", by=officer)
    # As if the change had been confirmed on the term's first day: due three months after it.
    work = ProgrammeAssignment.objects.filter(programme=programme, kind="required")
    due = first_day + timedelta(days=programme.due_days)
    work.update(due_date=due)
    Enrolment.objects.filter(
        deputy__in=work.values("deputy"), course__in=programme.courses.all()
    ).update(due_date=due)
    courses = list(programme.courses.order_by("path"))
    new = {d.user.mobile: d for d in Deputy.objects.filter(user__mobile__in=[*FINISHED, PART_WAY])}
    _group_study(officer, [new[m] for m in FINISHED], first_day, programme.study_hours)
    for mobile, done in [(m, courses) for m in FINISHED] + [(PART_WAY, courses[:2])]:
        deputy = new[mobile]
        for course in done:
            if course.final_test_id:
                seed_attempt(course.final_test, deputy, passing=True)
            mark_lessons_studied(deputy=deputy, lessons=list(course.lessons()))
        if mobile in FINISHED:
            _writing_accepted(deputy)
        if mobile in FINISHED and programme.final_test_id:
            seed_attempt(programme.final_test, deputy, passing=True)
        complete_programmes(deputy=deputy)
    # They finished six weeks into the term, before it was due.
    finished = timezone.make_aware(datetime.combine(first_day + timedelta(days=45), time(16)))
    theirs = {"programme": programme, "deputy__user__mobile__in": FINISHED}
    ProgrammeAssignment.objects.filter(**theirs).update(completed_at=finished)
    Certificate.objects.filter(**theirs).update(issued_at=finished)


def _writing_accepted(deputy) -> None:
    """The writing course asks for an accepted draft of the road exercise: the deputy writes one
    the checker passes (the exercise lets the checker decide)."""
    exercise = Exercise.objects.filter(title=ROAD).first()
    if exercise is None or Draft.objects.filter(deputy=deputy, exercise=exercise).exists():
        return
    draft = start_draft(deputy=deputy, exercise=exercise)
    submit_draft(draft=draft, parts=ACCEPTED, saved_version=draft.saved_version)


def _group_study(officer, deputies, first_day, hours) -> None:
    """The initial training's group study, a month into the term at the county's hall, which
    the deputies who finished attended."""
    if not deputies or not hours:
        return
    station = LiaisonStation.objects.get(name="城关镇人大代表联络站")
    day = first_day + timedelta(days=30)
    zone = timezone.get_current_timezone()
    (session,) = schedule_session(
        station=station,
        created_by=officer,
        invitees=deputies,
        whole_station=False,
        topic="新任代表初任培训：集中学习",
        description="县人大常委会组织新当选代表集中学习代表法和履职实务，分组交流。",
        starts_at=datetime.combine(day, time(9), tzinfo=zone),
        ends_at=datetime.combine(day, time(12), tzinfo=zone),
        place="县人大常委会机关会议室",
        facilitator="县人大常委会代表工作委员会",
        credit_hours=hours,
    )
    for deputy in deputies:
        mark_present(
            session=session, deputy=deputy, recorded_by=officer, method=Attendance.Method.SHEET
        )


# What the seeding command prints about it.
def describe(change: TermChange) -> list[str]:
    terms = Term.objects.filter(county=change.county, township__isnull=True).order_by("number")
    return [
        f"Terms: {', '.join(f'{t.number} ({t.starts_on} – {t.ends_on or "now"})' for t in terms)}",
        f"Term change: {change.reelected_count} re-elected, {change.new_count} new, "
        f"{change.left_count} left office; one resigned during the past term",
        f"Initial training: {len(FINISHED)} finished with a certificate, {PART_WAY} part of "
        "the way and overdue",
    ]
