"""The world the authorization matrix asks about, built once for the module.

Every URL is asked by nine people about the same objects, so the objects are made once, in a
transaction that stays open for the whole module and is rolled back at its end; each test runs
in a savepoint inside it (pytest-django's `db`), so a permitted POST that changes something is
undone before the next test.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.documents.models import Document

from certificates.factories import CertificateFactory, CertificateTemplateFactory
from certificates.models import CertificateBatch
from courses.factories import CoursePageFactory, LessonPageFactory, PlacedQuizFactory
from deliberation.budgets.demo import seed_budget_exercise
from deliberation.groups.services import open_group
from deliberation.reports.factories import report_exercise
from deliberation.reports.services import add_remark
from deliberation.votes.services import add_project, create_vote, open_vote
from deputies.factories import (
    CountyFactory,
    DeputyFactory,
    LiaisonStationFactory,
    TownshipFactory,
    UserFactory,
)
from deputies.models import RosterImport, StaffRole, Term, TermChange
from deputies.services import create_signin_link, grant_role
from materials.lawtext import parse_law
from materials.services import import_law
from notifications.factories import NotificationFactory
from proposals.factories import GOOD, ExerciseFactory, accepted_draft
from proposals.models import Draft
from proposals.reviews import publish_example
from proposals.services import set_consent, start_draft, submit_draft
from quizzes.cloze.services import propose_questions
from quizzes.factories import ShortAnswerQuestionFactory, SingleChoiceQuestionFactory
from quizzes.models import ClozeProposal, PracticeAnswer
from quizzes.services import start_attempt, submit_attempt
from receptions.suggestions.factories import submitted_suggestion
from receptions.suggestions.services import record_reply, record_satisfaction
from reports.factories import ExportFactory
from studysessions import codes
from studysessions.factories import StudySessionFactory
from studysessions.services import feed_for
from tests.deputies.rosters import build_roster, roster_row
from tests.materials.texts import SAMPLE


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # role -> session key, signed in once

    def sign_in(self, client, role) -> None:
        """Make `client` the role's: its session cookie, as signing in would have set."""
        if self.sessions.get(role):
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def _staff(mobile, name, kind, place=None):
    user = UserFactory(name=name, mobile=mobile)
    grant_role(user=user, kind=kind, place=place)
    return user


def build_world() -> World:
    """The places, the nine people, and one of everything a URL names, owned by `deputy`
    (or, for staff-owned things, by the county officer)."""
    w = World()
    o = w.objects
    o["county"] = county = CountyFactory(name="安吉县", code="330523")
    o["township"] = township = TownshipFactory(county=county, name="递铺街道")
    o["station"] = station = LiaisonStationFactory(township=township, name="递铺代表联络站")
    o["other_station"] = LiaisonStationFactory(township=township, name="古城代表联络站")
    o["other_county"] = other_county = CountyFactory(name="德清县", code="330521")
    other_township = TownshipFactory(county=other_county, name="武康街道")
    LiaisonStationFactory(township=other_township, name="武康代表联络站")

    deputy = DeputyFactory(station=station, user__name="王秀英", user__mobile="13600000001")
    peer = DeputyFactory(station=station, user__name="陈丽", user__mobile="13600000005")
    o["deputy"], o["peer"] = deputy, peer
    county_officer = _staff("13700000003", "县人大干部", StaffRole.Kind.COUNTY, county)
    w.users = {
        "anonymous": None,
        "deputy": deputy.user,
        "deputy_peer": peer.user,
        "station_staff": _staff("13700000001", "站务员", StaffRole.Kind.STATION, station),
        "station_staff_other": _staff(
            "13700000005", "古城站务员", StaffRole.Kind.STATION, o["other_station"]
        ),
        "township_staff": _staff("13700000002", "乡镇干部", StaffRole.Kind.TOWNSHIP, township),
        "county_officer": county_officer,
        "county_officer_other": _staff(
            "13700000006", "德清县人大干部", StaffRole.Kind.COUNTY, other_county
        ),
        "editor": _staff("13700000004", "编辑", StaffRole.Kind.EDITOR),
    }

    # Content: a course with a lesson, an elective, a law, a document.
    o["course"] = course = CoursePageFactory(title="代表法入门", slug="daibiaofa")
    o["lesson"] = LessonPageFactory(parent=course, slug="one")
    o["elective"] = CoursePageFactory(
        title="选修课", slug="xuanxiu", summary="选修。", required=False
    )
    o["law_version"] = import_law(parsed=parse_law(SAMPLE), source_name="sample.md").version
    o["law"] = o["law_version"].law
    propose_questions(version=o["law_version"])
    o["cloze_proposal"] = ClozeProposal.objects.filter(version=o["law_version"]).first()
    o["budget"] = seed_budget_exercise()  # live, with questions waiting
    o["budget_proposal"] = o["budget"].proposals.pending().first()
    document = Document(title="学习材料")
    document.file.save("material.txt", ContentFile(b"material"), save=False)
    document.save()
    o["document"] = document

    # Certificates: the deputy's (its PDF rendered), and a batch of the officer's with its ZIP.
    CertificateTemplateFactory()
    o["certificate"] = CertificateFactory(deputy=deputy, course=course, by=county_officer)
    batch = CertificateBatch.objects.create(
        course=course, requested_by=county_officer, status=CertificateBatch.Status.DONE
    )
    batch.zip_file.save("batch.zip", ContentFile(b"PK"), save=True)
    o["batch"] = batch

    # Quizzes: a submitted attempt with a short answer awaiting a grade, an open attempt.
    quiz = PlacedQuizFactory(
        questions=[SingleChoiceQuestionFactory(), ShortAnswerQuestionFactory()], pass_mark=50
    )
    o["quiz"] = quiz
    o["attempt_done"] = submit_attempt(attempt=start_attempt(quiz=quiz, deputy=deputy))
    o["short_item"] = o["attempt_done"].items.get(question__shortanswerquestion__isnull=False)
    o["attempt_open"] = start_attempt(
        quiz=PlacedQuizFactory(questions=[SingleChoiceQuestionFactory()]), deputy=deputy
    )
    question = o["attempt_done"].items.first().question
    PracticeAnswer.objects.create(deputy=deputy, question=question, response=0, correct=False)
    o["practice_question"] = question

    # Proposals: a submitted draft (revision 1), an accepted one shown in the gallery.
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory())
    o["revision"] = submit_draft(draft=draft, parts=GOOD, saved_version=draft.saved_version)
    o["draft"] = Draft.objects.get(pk=draft.pk)
    accepted = accepted_draft(
        deputy, ExerciseFactory(title="集市"), reviewer=county_officer, when=timezone.now()
    )
    set_consent(draft=accepted, consent=True)
    o["example"] = publish_example(
        revision=accepted.revisions.get(number=2), by=county_officer, show_author=True
    )

    # Deliberation: a live report exercise with a remark of the deputy's.
    o["report"] = report = report_exercise()
    o["remark"] = add_remark(
        deputy=deputy,
        paragraph=report.paragraphs.first(),
        data={"kind": "problem", "text": "数字前后不一致。"},
    )

    # Group study: a session of the station to which only the deputy is invited.
    o["session"] = session = StudySessionFactory(station=station, invitees=[deputy])
    o["checkin_code"] = codes.current_code(session)
    o["feed_token"] = feed_for(deputy).token
    # Mock votes at it: one open (the deputy invited, not checked in), one a draft.
    o["vote"] = create_vote(session=session, title="民生实事项目票决", rule="expected")
    add_project(vote=o["vote"], name="村道硬化")
    open_vote(vote=o["vote"])
    o["draft_vote"] = create_vote(session=session, title="票决练习", rule="present")
    o["vote_project"] = add_project(vote=o["draft_vote"], name="老年助餐点")
    # A group deliberation of the report at it (the deputy is not checked in: their remark is
    # not shown, nor in the summary; the pages answer all the same).
    o["group"] = open_group(session=session, exercise=report, attributed=True)

    # Staff-owned things: an export, an upload with bad rows, a sign-in link, a notification.
    export = ExportFactory(
        requested_by=county_officer, finished_at=timezone.now() - timedelta(minutes=1)
    )
    export.file.save("register.xlsx", ContentFile(b"xlsx"), save=True)
    o["export"] = export
    o["roster_import"] = RosterImport.objects.create(
        uploaded_by=county_officer,
        county=county,
        filename="名册.xlsx",
        content=build_roster([roster_row(), roster_row(mobile="bad")]),
        rejected_count=1,
    )
    # A term change of the county, checked, not confirmed; its congress's current term.
    o["term"] = Term.objects.get(township=township, ends_on__isnull=True)
    o["term_change"] = TermChange.objects.create(
        county=county,
        started_by=county_officer,
        upload=RosterImport.objects.create(
            uploaded_by=county_officer,
            county=county,
            filename="新一届名册.xlsx",
            content=build_roster([roster_row(name="王秀英", mobile="13600000001", gender="女")]),
        ),
        starts_on=timezone.localdate(),
        county_number=2,
        township_numbers={str(township.pk): 19},
        previous_terms=sorted(
            Term.objects.filter(county=county, ends_on__isnull=True).values_list("pk", flat=True)
        ),
    )
    _link, o["signin_token"] = create_signin_link(
        user=deputy.user, created_by=w.users["station_staff"]
    )
    o["notification"] = NotificationFactory(user=deputy.user)

    # Initial training: the deputy given a programme of the course.
    from courses.models import Programme
    from courses.programmes import assign_programme

    o["programme"] = programme = Programme.objects.create(title="初任培训")
    programme.courses.set([course])
    assign_programme(programme=programme, deputies=[deputy], by=county_officer)

    # Voter reception: a day the deputy is on duty, and a matter they recorded with the voter's
    # mobile (receptions/matters).
    from receptions.matters.services import Voter, record_matter, schedule_reception_day

    schedule_reception_day(
        station=station,
        created_by=w.users["station_staff"],
        day=timezone.localdate(),
        place="联络站",
        on_duty=[deputy],
    )
    o["matter"] = record_matter(
        station=station,
        recorded_by=deputy.user,
        category="roads",
        raised="村口桥面塌了",
        voter=Voter("周大妈", "13912340001", True),
    )

    # Submitted suggestions of the deputy's: one awaiting its reply, one replied, one the
    # deputy was not satisfied with (a second reply owed).
    today = timezone.localdate()
    o["suggestion"] = submitted_suggestion(deputy, assigned_on=today - timedelta(days=10))
    o["replied_suggestion"] = replied = submitted_suggestion(
        deputy, assigned_on=today - timedelta(days=40), title="路灯"
    )
    record_reply(
        suggestion=replied, by=deputy.user, replied_on=today, outcome="planned", summary=""
    )
    o["rehandled_suggestion"] = rehandled = submitted_suggestion(
        deputy, assigned_on=today - timedelta(days=60), title="渡口"
    )
    record_reply(
        suggestion=rehandled, by=deputy.user, replied_on=today, outcome="explained", summary=""
    )
    record_satisfaction(
        suggestion=rehandled, by=deputy.user, satisfaction="not_satisfied", said_on=today
    )

    # An inspection of the deputy's station, the deputy leading it (the peer takes no part),
    # with a finding of theirs and its photo.
    from inspections.factories import make_inspection
    from inspections.services import record_finding
    from tests.inspections.conftest import jpeg

    o["inspection"] = inspection = make_inspection(station=station, organiser=deputy)
    o["finding"], _created = record_finding(
        deputy=deputy,
        inspection=inspection,
        stop_id=inspection.stops.first().pk,
        text="蓄水池盖板破损。",
        uuid="6f1c1e5a-0000-4000-8000-000000000001",
        photo=jpeg(),
    )
    o["photo"] = o["finding"].photos.get()

    # Each person signs in once; the tests reuse the sessions.
    for role, user in w.users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            w.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)
