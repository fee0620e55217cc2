"""Builds a large, realistic data set for dashboards and benchmarks (`manage.py seed_scale`).

The shape follows DESIGN.md: a county per about 2,500 deputies, a township per about 65, two to
five liaison stations a township. Learning is uneven on purpose, so that dashboards have
something to find: each township has its own diligence, and about one township in ten is far
behind. Everything is drawn from one random generator, and every date counts back from today's
midnight, so the same seed on the same day builds the same rows.

The few Wagtail pages are made with the Page API, which keeps the tree whole; places and people
with bulk_create (the next steps need their ids); the history, millions of rows at 100,000
deputies, with `Sink`'s bulk writes. On PostgreSQL the tables are analysed at the end, as
autovacuum would have done on a live site.

It is longer than the house's 400 lines because it is one pipeline whose steps hand each other
ids in memory; cut in files, each would take and return the whole state.
"""

import base64
import json
import random
import time as clock
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Site

from certificates.models import Certificate, SerialCounter
from certificates.services import default_template
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage, LessonProgress
from courses.services import required_seconds
from deputies.models import (
    County,
    Deputy,
    LiaisonStation,
    Membership,
    StaffRole,
    Term,
    Township,
    User,
)
from deputies.services import grant_role
from quizzes.models import Attempt, Option, Quiz, QuizQuestion, SingleChoiceQuestion
from studysessions.models import Attendance, Invitation, StudySession, default_credit_hours

from .content import (
    DECLINE_REASONS,
    GIVEN,
    LESSON_TOPICS,
    PLACE_NAMES,
    QUESTIONS,
    SESSION_TOPICS,
    SURNAME_WEIGHTS,
    SURNAMES,
    TOWNSHIP_SUFFIXES,
    WEEKS,
    course_specs,
)
from .sink import BATCH, Sink, analyze

PASSWORD = "scale-2026"  # noqa: S105 (printed on purpose: accounts of a benchmark data set)
PER_COUNTY = 2500
PER_TOWNSHIP = 65
MAX_DEPUTIES = PER_COUNTY * len(PLACE_NAMES)  # a county name each
# The tables with many rows, whose statistics the planner needs.
# Seats (Membership) among them: every report's "in office on" filter reads them, and without
# statistics PostgreSQL guesses a hundredth of the rows and loops over every deputy by index.
WRITTEN = (
    County, Township, LiaisonStation, User, Deputy, Term, Membership, Enrolment,
    LessonProgress, Attempt, Certificate, StudySession, Invitation, Attendance,
)  # fmt: skip


def already_seeded() -> list[str]:
    """What of the rows the scale data set is made of is in the database already. They are
    known by their keys: county codes 9xxxxx (no real division code starts with 9), mobiles
    150 (deputies) and 151-153 (staff), course slugs scale-…."""
    found = []
    if County.objects.filter(code__startswith="9").exists():
        found.append("counties with codes 9xxxxx")
    prefixes = Q()
    for prefix in ("150", "151", "152", "153"):
        prefixes |= Q(mobile__startswith=prefix)
    if User.objects.filter(prefixes).exists():
        found.append("users with mobiles 150-153xxxxxxxx")
    if CoursePage.objects.filter(slug__startswith="scale-").exists():
        found.append("courses with slugs scale-…")
    return found


def split(total: int, weights: list[float]) -> list[int]:
    """`total` shared out in proportion to the weights, in whole numbers that add up."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    sizes = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: sizes[i] - shares[i])
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


class Builder:
    """Builds the data set; `build()` runs the steps in order and returns the builder, whose
    attributes the command reports from."""

    def __init__(self, *, deputies: int, lessons: int, seed: int, say=lambda line: None):
        self.n, self.n_lessons, self.say = deputies, lessons, say
        self.rng = random.Random(seed)  # noqa: S311 (made-up data, not secrets)
        self.midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        self.sink = Sink()
        self.counties, self.townships, self.stations, self.deputies = [], [], [], []
        self.stations_of = defaultdict(list)  # township pk -> its stations
        self.sizes = {}  # township pk -> its number of deputies
        self.diligence = {}  # township pk -> how much of the work its deputies get done
        self.officers = {}  # county pk -> its county officer
        self.sign_ins = []  # (role, mobile, place)
        self.completions = []  # (deputy, course spec, completed at), for the certificates
        self.enrolled = Counter()  # (township pk, course slug) -> enrolments
        self.completed = Counter()  # (township pk, course slug) -> completed enrolments
        self.started = clock.perf_counter()

    def build(self):
        password = make_password(PASSWORD)
        steps = [
            ("places", self.places),
            ("people", lambda: self.people(password)),
            ("staff", lambda: self.staff(password)),
            ("courses", self.courses),
            ("learning", self.learning),
            ("certificates", self.certificates),
            ("group study", self.group_study),
            ("statistics", lambda: analyze(WRITTEN)),
        ]
        for name, step in steps:
            step()
            self.sink.flush()
            self.say(f"  {name}: done at {self.elapsed:.1f} s")
        return self

    @property
    def elapsed(self) -> float:
        return clock.perf_counter() - self.started

    # Random pieces ---------------------------------------------------------------------------

    def at(self, day, hour, minute=0):
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    def between(self, start, end):
        return start + (end - start) * self.rng.random()

    def token(self, size):
        return base64.urlsafe_b64encode(self.rng.randbytes(size)).rstrip(b"=").decode()

    def person(self, gender):
        surname = self.rng.choices(SURNAMES, cum_weights=SURNAME_WEIGHTS)[0]
        given = self.rng.choices(GIVEN[gender], k=1 if self.rng.random() < 0.25 else 2)
        return surname + "".join(given)

    # Places and people -----------------------------------------------------------------------

    def places(self):
        n_counties = max(1, round(self.n / PER_COUNTY))
        self.counties = County.objects.bulk_create(
            County(name=f"{name}县", code=f"9{k:05d}")
            for k, name in enumerate(self.rng.sample(PLACE_NAMES, n_counties), start=1)
        )
        suffixes, weights = zip(*TOWNSHIP_SUFFIXES, strict=True)
        townships, sizes, diligence = [], [], []
        for county, size in zip(self.counties, split(self.n, [1] * n_counties), strict=True):
            count = max(1, round(size / PER_TOWNSHIP))
            behind = set(self.rng.sample(range(count), round(count * 0.1) or int(count >= 3)))
            for i, name in enumerate(self.rng.sample(PLACE_NAMES, count)):
                suffix = self.rng.choices(suffixes, weights)[0]
                townships.append(Township(county=county, name=name + suffix))
                low, high = (0.05, 0.2) if i in behind else (0.45, 0.95)
                diligence.append(self.rng.uniform(low, high))
            sizes += split(size, [self.rng.uniform(0.6, 1.4) for _ in range(count)])
        self.townships = Township.objects.bulk_create(townships, batch_size=BATCH)
        self.sizes = {t.pk: size for t, size in zip(self.townships, sizes, strict=True)}
        self.diligence = {t.pk: d for t, d in zip(self.townships, diligence, strict=True)}
        stations = []
        for township in self.townships:
            names = [f"{township.name}人大代表联络站"]
            for name in self.rng.sample(PLACE_NAMES, self.rng.randint(1, 4)):
                names.append(name + self.rng.choice(("村代表联络站", "社区代表之家")))
            stations += [
                LiaisonStation(
                    township=township,
                    name=name,
                    address=f"{township.county.name}{township.name}{self.rng.randint(1, 200)}号",
                )
                for name in names
            ]
        self.stations = LiaisonStation.objects.bulk_create(stations, batch_size=BATCH)
        for station in self.stations:
            self.stations_of[station.township_id].append(station)

    def people(self, password):
        """In each township 10% county deputies, 3% no longer in office and 5% without a
        station, chosen at random; about 30% women; every account with the printed password
        (hashed once)."""
        joined = self.midnight - timedelta(weeks=WEEKS + 4)
        users, deputies, in_county = [], [], Counter()
        for township in self.townships:
            stations = self.stations_of[township.pk]
            code = township.county.code
            size = self.sizes[township.pk]
            county_level, gone, loose = (
                set(self.rng.sample(range(size), round(size * share)))
                for share in (0.1, 0.03, 0.05)
            )
            for i in range(size):
                female = self.rng.random() < 0.3
                gender = Deputy.Gender.FEMALE if female else Deputy.Gender.MALE
                in_county[code] += 1
                user = User(
                    mobile=f"150{len(users) + 1:08d}",
                    name=self.person(gender),
                    password=password,
                    date_joined=joined,
                )
                users.append(user)
                deputies.append(
                    Deputy(
                        user=user,
                        gender=gender,
                        level=Deputy.Level.COUNTY if i in county_level else Deputy.Level.TOWNSHIP,
                        term=18 if i in county_level else 8,
                        township=township,
                        station=None if i in loose else self.rng.choice(stations),
                        card_number=f"{code}{in_county[code]:05d}",
                        is_active=i not in gone,
                    )
                )
        for user, deputy in zip(users, deputies, strict=True):
            user.archive_only = not deputy.is_active
        User.objects.bulk_create(users, batch_size=BATCH)
        self.deputies = Deputy.objects.bulk_create(deputies, batch_size=BATCH)
        self.seats(joined.date())

    def seats(self, elected):
        """Each congress's current term, from the day the deputies joined, and a seat in it for
        each deputy; those out of office left it the day after (as `Deputy.save` and the term
        change would have written them, in bulk)."""

        def congress(deputy):
            county_level = deputy.level == Deputy.Level.COUNTY
            return deputy.township.county_id, None if county_level else deputy.township_id

        terms = {}
        for deputy in self.deputies:
            if congress(deputy) not in terms:
                county_id, township_id = congress(deputy)
                terms[county_id, township_id] = Term(
                    county_id=county_id,
                    township_id=township_id,
                    number=deputy.term,
                    starts_on=elected,
                )
        Term.objects.bulk_create(terms.values(), batch_size=BATCH)
        left = elected + timedelta(days=1)
        Membership.objects.bulk_create(
            (
                Membership(
                    deputy=deputy,
                    term=terms[congress(deputy)],
                    started_on=elected,
                    ended_on=None if deputy.is_active else left,
                    end_reason="" if deputy.is_active else Membership.EndReason.OTHER,
                )
                for deputy in self.deputies
            ),
            batch_size=BATCH,
        )

    def staff(self, password):
        """A county officer per county (151 and the county's number in 8 digits), and for the
        first county a township officer of its first township (15200000001) and a station
        officer of that township's first station (15300000001)."""

        def account(mobile, kind, place):
            gender = self.rng.choice(Deputy.Gender.values)
            user = User.objects.create(mobile=mobile, name=self.person(gender), password=password)
            grant_role(user=user, kind=kind, place=place)
            self.sign_ins.append((StaffRole.Kind(kind).label, mobile, place.name))
            return user

        for k, county in enumerate(self.counties, start=1):
            self.officers[county.pk] = account(f"151{k:08d}", StaffRole.Kind.COUNTY, county)
        first = self.townships[0]
        account("15200000001", StaffRole.Kind.TOWNSHIP, first)
        account("15300000001", StaffRole.Kind.STATION, self.stations_of[first.pk][0])

    # Courses, reading, tests, certificates ---------------------------------------------------

    def courses(self):
        """The course list (the one there is, else a new one under the site's root), the three
        courses and their lessons, made with the Page API."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root = site.root_page if site else Page.get_first_root_node()
        index = CourseIndexPage.objects.first() or root.add_child(
            instance=CourseIndexPage(title="学习课程", slug="courses")
        )
        self.specs = course_specs()
        counts = split(self.n_lessons, [spec.share for spec in self.specs])
        today = self.midnight.date()
        self.quiz = self.final_test()
        number = 0
        for spec, count in zip(self.specs, counts, strict=True):
            due = spec.due_in_days
            spec.page = index.add_child(
                instance=CoursePage(
                    title=spec.title,
                    slug=spec.slug,
                    summary=spec.summary,
                    required=spec.required,
                    for_county_deputies=spec.for_county_deputies,
                    due_date=None if due is None else today + timedelta(days=due),
                    final_test=self.quiz if spec.with_final_test else None,
                )
            )
            for n in range(1, count + 1):
                title = f"第{n}课　{LESSON_TOPICS[number % len(LESSON_TOPICS)]}"
                number += 1
                body = [{"type": "text", "value": f"<p>{title}：要点、案例和思考题。</p>"}]
                lesson = spec.page.add_child(
                    instance=LessonPage(
                        title=title,
                        slug=f"lesson-{n}",
                        estimated_minutes=self.rng.randint(8, 30),
                        body=json.dumps(body, ensure_ascii=False),
                    )
                )
                spec.lessons.append((lesson.pk, required_seconds(lesson)))
                spec.minutes += lesson.estimated_minutes
            spec.hours = spec.page.hours_for(spec.minutes)

    def final_test(self) -> Quiz:
        quiz = Quiz.objects.create(
            title="代表履职基础结业测验",
            description="十道单选题，限时二十分钟，六十分及格，可考三次。",
            time_limit_minutes=20,
            attempts_allowed=3,
            pass_mark=60,
        )
        for n, (stem, right, wrong) in enumerate(QUESTIONS):
            question = SingleChoiceQuestion(stem=stem, explanation=f"正确答案：{right}。")
            options = [Option(text=right, is_correct=True), *(Option(text=t) for t in wrong)]
            question.options = options
            question.save()
            QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=n, points=10)
        return quiz

    def learning(self):
        """Assign the required courses to every deputy of their audience (those who have since
        left office too: they were assigned while in office), let some choose the elective,
        and read, test and complete as diligently as their township does."""
        for deputy in self.deputies:
            diligence = self.diligence[deputy.township_id] * (1 if deputy.is_active else 0.3)
            for spec in self.specs:
                if deputy.level == Deputy.Level.COUNTY and not spec.for_county_deputies:
                    continue
                if not spec.required and not (
                    deputy.is_active and self.rng.random() < 0.05 + 0.15 * diligence
                ):
                    continue
                self.take_course(deputy, spec, diligence)

    def take_course(self, deputy, spec, diligence):
        """Every lesson read, some, or none; the lessons read in order, and the next one
        started now and then; the course complete once all are read (and the final test
        passed), with its credit hours."""
        rng, lessons = self.rng, spec.lessons
        assigned = self.midnight - timedelta(weeks=spec.assigned_weeks_ago, hours=15)
        start = assigned if spec.required else self.between(assigned, self.midnight)
        eager = diligence * spec.eagerness
        draw = rng.random()
        if draw < eager:
            read = len(lessons)
        elif draw < eager + (1 - eager) * 0.55 and len(lessons) > 1:
            read = rng.randint(1, len(lessons) - 1)
        else:
            read = 0
        finished = self.between(start, self.midnight)
        due = spec.page.due_date
        if read == len(lessons) and due and self.at(due, 0) < self.midnight:
            # Most finished in time; a fifth after the due date.
            due_at = self.at(due, 0)
            late = rng.random() < 0.2
            finished = self.between(*((due_at, self.midnight) if late else (start, due_at)))
        moments = [*sorted(self.between(start, finished) for _ in range(read - 1)), finished]
        for (lesson, seconds), moment in zip(lessons[:read], moments[:read], strict=True):
            self.sink.add(
                LessonProgress,
                deputy_id=deputy.pk,
                lesson_id=lesson,
                seconds=seconds + rng.randint(0, seconds // 2),
                reached_end=True,
                clock=moment,
                completed_at=moment,
            )
        if read < len(lessons) and (read or rng.random() < 0.3) and rng.random() < 0.6:
            lesson, seconds = lessons[read]
            self.sink.add(
                LessonProgress,
                deputy_id=deputy.pk,
                lesson_id=lesson,
                seconds=rng.randint(30, max(31, seconds - 1)),
                reached_end=False,
                clock=finished,
                completed_at=None,
            )
        completed_at = None
        if read == len(lessons):
            completed_at = finished
            if spec.with_final_test:
                completed_at = self.attempts(deputy, finished, diligence)
        county = deputy.township.county_id
        self.sink.add(
            Enrolment,
            deputy_id=deputy.pk,
            course_id=spec.page.pk,
            source=Enrolment.Source.ASSIGNED if spec.required else Enrolment.Source.CHOSEN,
            assigned_by_id=self.officers[county].pk if spec.required else None,
            enrolled_at=start,
            due_date=due.isoformat() if due else None,  # the enrolment's own, as assigned
            completed_at=completed_at,
            credit_hours=spec.hours if completed_at else None,
        )
        key = (deputy.township_id, spec.slug)
        self.enrolled[key] += 1
        if completed_at:
            self.completed[key] += 1
            self.completions.append((deputy, spec, completed_at))

    def attempts(self, deputy, after, diligence):
        """The final test after the last lesson: passed at once, after a retake or two, not
        yet, or being taken right now. Returns when it was passed, or None."""
        rng = self.rng
        draw = rng.random()
        if draw < 0.04:
            return None
        if draw < 0.07:
            started = timezone.now() - timedelta(minutes=rng.randint(1, 15))
            self.sink.add(
                Attempt,
                quiz_id=self.quiz.pk,
                deputy_id=deputy.pk,
                number=1,
                status=Attempt.Status.IN_PROGRESS,
                started_at=started,
                deadline=started + timedelta(minutes=20),
                max_score=Decimal(100),
            )
            return None
        when = self.between(after, min(after + timedelta(days=7), self.midnight))
        for number in (1, 2, 3):
            passed = rng.random() < (0.55 + 0.4 * diligence if number == 1 else 0.75)
            score = rng.randint(6, 10) * 10 if passed else rng.randint(1, 5) * 10
            submitted = when + timedelta(minutes=rng.randint(6, 19))
            self.sink.add(
                Attempt,
                quiz_id=self.quiz.pk,
                deputy_id=deputy.pk,
                number=number,
                status=Attempt.Status.GRADED,
                started_at=when,
                deadline=when + timedelta(minutes=20),
                submitted_at=submitted,
                graded_at=submitted,
                score=Decimal(score),
                max_score=Decimal(100),
                passed=passed,
            )
            if passed:
                return submitted
            when = submitted + timedelta(hours=rng.uniform(1, 72))
            if when >= self.midnight or rng.random() < 0.3:
                return None
        return None

    def certificates(self):
        """A certificate for each completed enrolment, as completing issues one (no PDF yet);
        serials counted by county and year in the order of completion."""
        template = default_template()
        last = Counter()
        for deputy, spec, at in sorted(
            self.completions, key=lambda c: (c[0].township.county_id, c[2], c[0].pk, c[1].slug)
        ):
            county = deputy.township.county
            year = timezone.localtime(at).year
            last[county, year] += 1
            self.sink.add(
                Certificate,
                deputy_id=deputy.pk,
                course_id=spec.page.pk,
                template_id=template.pk,
                holder_name=deputy.user.name,
                course_title=spec.title,
                credit_hours=spec.hours,
                county_id=county.pk,
                year=year,
                sequence=last[county, year],
                serial=f"{county.code}-{year}-{last[county, year]:06d}",
                code=self.token(16),
                issued_at=at,
            )
        for (county, year), sequence in last.items():
            self.sink.add(SerialCounter, county_id=county.pk, year=year, last=sequence)

    # Group study -----------------------------------------------------------------------------

    def group_study(self):
        """Two to five sessions a station over the past weeks (some stations held none, a few
        sessions were cancelled), one still to come at about a third of the stations. The
        station's deputies in office are invited; about 70% came, fewer where the township is
        behind."""
        rng, today = self.rng, self.midnight.date()
        sessions = []
        for station in self.stations:
            held = 0 if rng.random() < 0.05 else rng.randint(2, 5)
            days_ago = sorted(rng.sample(range(1, WEEKS * 7), held), reverse=True)
            if rng.random() < 0.3:
                days_ago.append(-rng.randint(1, 14))
            for ago in days_ago:
                starts = self.at(today - timedelta(days=ago), *rng.choice(((9, 0), (14, 30))))
                cancelled = ago > 0 and rng.random() < 0.05
                created = starts - timedelta(days=rng.randint(3, 14))
                sessions.append(
                    StudySession(
                        station=station,
                        topic=rng.choice(SESSION_TOPICS),
                        starts_at=starts,
                        ends_at=starts + timedelta(minutes=90),
                        place=f"{station.name}会议室",
                        facilitator=self.person(rng.choice(Deputy.Gender.values)),
                        credit_hours=default_credit_hours(90),
                        status=StudySession.Status.CANCELLED
                        if cancelled
                        else StudySession.Status.SCHEDULED,
                        cancel_reason="与县人大常委会会议时间冲突" if cancelled else "",
                        qr_secret=self.token(32),
                        created_by=self.officers[station.township.county_id],
                        created_at=min(created, self.midnight - timedelta(days=1)),
                    )
                )
        created_at = StudySession._meta.get_field("created_at")
        created_at.auto_now_add = False  # keep the dates above: bulk_create would stamp now
        try:
            StudySession.objects.bulk_create(sessions, batch_size=BATCH)
        finally:
            created_at.auto_now_add = True
        self.sink.counts[StudySession] += len(sessions)
        members = defaultdict(list)
        for deputy in self.deputies:
            if deputy.station_id and deputy.is_active:
                members[deputy.station_id].append(deputy)
        for session in sessions:
            past = session.starts_at < self.midnight
            chance = 0.45 + 0.4 * self.diligence[session.station.township_id]
            for deputy in members[session.station_id]:
                came = past and not session.is_cancelled and rng.random() < chance
                reply, reason, replied_at = self.reply(session, came=came, past=past)
                self.sink.add(
                    Invitation,
                    session_id=session.pk,
                    deputy_id=deputy.pk,
                    reply=reply,
                    decline_reason=reason,
                    replied_at=replied_at,
                )
                if came:
                    self.attend(session, deputy)

    def attend(self, session, deputy):
        methods = Attendance.Method
        method = self.rng.choices((methods.QR, methods.SHEET, methods.MANUAL), (6, 3, 1))[0]
        self.sink.add(
            Attendance,
            session_id=session.pk,
            deputy_id=deputy.pk,
            checked_in_at=session.starts_at + timedelta(minutes=self.rng.randint(-20, 15)),
            method=method,
            recorded_by_id=None if method == methods.QR else session.created_by_id,
        )

    def reply(self, session, *, came, past):
        """An invitee's reply: most who came had said so, some who stayed away declined, many
        never answered."""
        draw = self.rng.random()
        if past:
            answered = session.starts_at - timedelta(hours=self.rng.uniform(1, 120))
            if came:
                return (Invitation.Reply.ATTEND, "", answered) if draw < 0.7 else NO_REPLY
            if draw < 0.3:
                return Invitation.Reply.DECLINE, self.rng.choice(DECLINE_REASONS), answered
            return NO_REPLY
        answered = self.between(session.created_at, self.midnight)
        if draw < 0.4:
            return Invitation.Reply.ATTEND, "", answered
        if draw < 0.5:
            return Invitation.Reply.DECLINE, self.rng.choice(DECLINE_REASONS), answered
        return NO_REPLY


NO_REPLY = (Invitation.Reply.NONE, "", None)
