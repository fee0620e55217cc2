"""Every form of the site, bound to arbitrary input in each of its fields: `is_valid()` says
yes or no, and never raises. The values are what a browser can send (any text but lone
surrogates), with control characters, NUL, right-to-left marks, full-width digits, numbers too
large for any column and text far longer than any field."""

from datetime import date

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.forms import AuditFilterForm
from certificates.forms import CodeForm, IssueByHandForm, RevokeForm, UploadForm
from courses.forms import AssignForm, AssignmentFilterForm, AssignmentKindForm
from deliberation.budgets.admin import BudgetUploadForm
from deliberation.groups.forms import GroupForm, MarksForm
from deliberation.reports.forms import RemarkForm
from deliberation.votes.forms import BallotForm, ProjectForm, VoteForm
from deputies.forms import (
    ChangePasswordForm,
    DeputyFilterForm,
    FirstPasswordForm,
    LeaveOfficeForm,
    MobileSignInForm,
    RosterUploadForm,
    TermChangeForm,
    TermDatesForm,
)
from deputies.models import County, Deputy, LiaisonStation, Township, User
from deputies.places.forms import (
    AppointForm,
    CountyForm,
    EditorAppointForm,
    StationForm,
    TownshipForm,
)
from deputies.term_change import current_terms
from deputies.views.signin_sheets import SignInSheetForm
from deputies.wagtail_users import CreationForm, EditForm
from inspections.forms import FindingForm, InspectionForm
from materials.forms import LawImportConfirmForm, LawImportForm
from notifications.forms import AudienceForm, NoticeForm
from proposals.forms import ConsentForm, DraftForm, ExampleForm, PasteForm, ReviewForm
from proposals.wagtail_hooks import ExerciseSearchForm
from quizzes.cms.chooser import QuestionChooserFilterForm, QuizChooserFilterForm
from quizzes.cms.transfer import QuestionExportForm, QuestionImportForm
from receptions.matters.forms import (
    AnswerForm,
    CloseForm,
    FollowUpForm,
    ReceptionDayForm,
    RecordForm,
    ReferForm,
    RejectForm,
    VisitForm,
)
from receptions.suggestions.forms import (
    SatisfactionForm,
    SecondReplyForm,
    StaffSuggestionForm,
    SuggestionForm,
    SuggestionReplyForm,
)
from reports.dashboard.forms import AsOfForm
from reports.export_forms import RegisterPeriodForm
from reports.forms import ArchiveTermForm, DashboardForm, TrainingForm, YearForm
from studysessions.forms import CancelForm, InviteMoreForm, ReplyForm, ScheduleForm, SessionForm

from .strategies import any_text, awkward_text

FORMS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

values = st.one_of(
    any_text,
    awkward_text,
    # Beyond 2**63 SQLite (not PostgreSQL) overflows in Django's multiple-choice lookups: see
    # OVERFLOW below.
    st.integers(-(2**63) + 1, 2**63 - 1).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "1.5",
            "1e999999",
            "NaN",
            "Infinity",
            "９",
            "１３８１２３４５６７８",
            "+86 138 1234 5678",
            "9" * 5000,
            "x" * 20_000,
            "2025-02-30",
            "9999-12-31",
            "0000-01-01",
            "25:61",
            "on",
            "true",
            "\x00",
            "1\x00",
            "\u202e1",
        ]
    ),
)
file_names = st.sampled_from(["a.xlsx", "a.docx", "a.pdf", "a.txt", "", "a" * 300 + ".xlsx"])


def bound(form_class, field_names, draw, **kwargs):
    data = MultiValueDict(
        {name: draw(st.lists(values, min_size=0, max_size=2)) for name in field_names}
    )
    files = MultiValueDict()
    for name in ("file",):
        if name in field_names and draw(st.booleans()):
            content = draw(st.binary(max_size=200))
            files[name] = SimpleUploadedFile(draw(file_names) or "x", content)
    return form_class(data, files, **kwargs)


def builders(request):
    """(form class, keyword arguments) for every form, with the querysets and objects their
    views give them."""
    county = request.getfixturevalue("county")
    deputy = request.getfixturevalue("deputy")
    officer = request.getfixturevalue("county_officer")
    user = deputy.user
    stations = LiaisonStation.objects.all()
    return {
        "CodeForm": (CodeForm, {}),
        "UploadForm": (UploadForm, {}),
        "RevokeForm": (RevokeForm, {}),
        "IssueByHandForm": (IssueByHandForm, {"courses": _courses()}),
        "LawImportForm": (LawImportForm, {}),
        "LawImportConfirmForm": (LawImportConfirmForm, {"warnings": True}),
        "RosterUploadForm": (RosterUploadForm, {"counties": County.objects.filter(pk=county.pk)}),
        "TermChangeForm": (
            TermChangeForm,
            {
                "counties": County.objects.filter(pk=county.pk),
                "townships": Township.objects.filter(county=county),
                "current_terms": current_terms(county),
            },
        ),
        "TermDatesForm": (TermDatesForm, {}),
        "LeaveOfficeForm": (LeaveOfficeForm, {"seat_started_on": None}),
        "DeputyFilterForm": (
            DeputyFilterForm,
            {"townships": Township.objects.all(), "stations": stations},
        ),
        "SessionForm": (SessionForm, {"stations": stations, "lessons": _lessons()}),
        "ScheduleForm": (
            ScheduleForm,
            {"stations": stations, "lessons": _lessons(), "deputies": Deputy.objects.all()},
        ),
        "InviteMoreForm": (InviteMoreForm, {"deputies": Deputy.objects.all()}),
        "RecordForm": (RecordForm, {"stations": stations}),
        "ReferForm": (ReferForm, {}),
        "FollowUpForm": (FollowUpForm, {}),
        "AnswerForm": (AnswerForm, {}),
        "VisitForm": (VisitForm, {}),
        "CloseForm": (CloseForm, {}),
        "RejectForm": (RejectForm, {}),
        "ReceptionDayForm": (
            ReceptionDayForm,
            {"stations": stations, "deputies": Deputy.objects.select_related("station")},
        ),
        "CancelForm": (CancelForm, {}),
        "ReplyForm": (ReplyForm, {}),
        "AudienceForm": (AudienceForm, {"user": officer}),
        "NoticeForm": (NoticeForm, {"user": officer}),
        "AssignForm": (AssignForm, {"user": officer, "course": _course()}),
        "CountyForm": (CountyForm, {}),
        "TownshipForm": (TownshipForm, {"county": county}),
        "StationForm": (StationForm, {"county": county}),
        "AppointForm": (AppointForm, {"county": county}),
        "EditorAppointForm": (EditorAppointForm, {}),
        "SignInSheetForm": (SignInSheetForm, {"user": officer}),
        "ConsentForm": (ConsentForm, {}),
        "PasteForm": (PasteForm, {}),
        "ExampleForm": (ExampleForm, {}),
        "QuestionImportForm": (QuestionImportForm, {}),
        "BudgetUploadForm": (BudgetUploadForm, {}),
        "QuestionExportForm": (QuestionExportForm, {}),
        "RegisterPeriodForm": (RegisterPeriodForm, {"today": date(2025, 6, 1)}),
        "YearForm": (YearForm, {}),
        "CreationForm": (CreationForm, {}),
        "EditForm": (EditForm, {"instance": user}),
        "QuestionChooserFilterForm": (QuestionChooserFilterForm, {}),
        "QuizChooserFilterForm": (QuizChooserFilterForm, {}),
        "ExerciseSearchForm": (ExerciseSearchForm, {}),
        "AuditFilterForm": (AuditFilterForm, {}),
        "DraftForm": (DraftForm, {"exercise": _exercise()}),
        "ReviewForm": (ReviewForm, {"revision": _revision(deputy)}),
        # The same forms for a deliberation speech: its own parts and the rubric's labels.
        "DraftForm (speech)": (DraftForm, {"exercise": _speech_exercise()}),
        "ReviewForm (speech)": (ReviewForm, {"revision": _speech_revision(deputy)}),
        "TrainingForm": (TrainingForm, {"programmes": _programmes(), "terms": _terms()}),
        "ArchiveTermForm": (
            ArchiveTermForm,
            {"seats": list(deputy.memberships.select_related("term__county", "term__township"))},
        ),
        "AssignmentKindForm": (AssignmentKindForm, {"programme": _programme()}),
        "AssignmentFilterForm": (AssignmentFilterForm, {}),
        "RemarkForm": (RemarkForm, {}),
        "VoteForm": (VoteForm, {}),
        "ProjectForm": (ProjectForm, {}),
        "BallotForm": (BallotForm, {"projects": _vote_projects(request)}),
        "GroupForm": (GroupForm, {}),
        "MarksForm": (MarksForm, {"remarks": _remarks(request)}),
        "SuggestionForm": (SuggestionForm, {}),
        "StaffSuggestionForm": (StaffSuggestionForm, {"deputies": Deputy.objects.all()}),
        "SuggestionReplyForm": (SuggestionReplyForm, {}),
        "SatisfactionForm": (SatisfactionForm, {}),
        "SecondReplyForm": (SecondReplyForm, {}),
        "InspectionForm": (
            InspectionForm,
            {"stations": stations, "deputies": Deputy.objects.select_related("user", "station")},
        ),
        "FindingForm": (FindingForm, {"stops": _stops(deputy)}),
    }


def _stops(deputy):
    from inspections.factories import make_inspection

    return list(make_inspection(station=deputy.station, organiser=deputy).stops.all())


def _remarks(request):
    from deliberation.reports.factories import report_exercise
    from deliberation.reports.services import add_remark

    report = report_exercise()
    deputy = request.getfixturevalue("deputy")
    return [
        add_remark(deputy=deputy, paragraph=p, data={"kind": "problem", "text": "数字不一致。"})
        for p in report.paragraphs.all()[:2]
    ]


def _vote_projects(request):
    from deliberation.votes.services import add_project, create_vote
    from studysessions.factories import StudySessionFactory

    session = StudySessionFactory(station=request.getfixturevalue("station"))
    vote = create_vote(session=session, title="票决", rule="cast")
    return [add_project(vote=vote, name=name) for name in ("村道", "食堂")]


def _programme():
    from courses.models import Programme

    return Programme.objects.create(title="初任培训")


def _programmes():
    _programme()
    from courses.models import Programme

    return list(Programme.objects.all())


def _terms():
    from deputies.models import Term

    return list(Term.objects.select_related("county", "township"))


def _exercise():
    from proposals.factories import ExerciseFactory

    return ExerciseFactory()


def _revision(deputy):
    from proposals.factories import GOOD
    from proposals.services import start_draft, submit_draft

    draft = start_draft(deputy=deputy, exercise=_exercise())
    return submit_draft(draft=draft, parts=GOOD, saved_version=0)


def _speech_exercise():
    from deliberation.reports.factories import report_exercise

    return report_exercise().speech_exercise


def _speech_revision(deputy):
    from proposals.services import start_draft, submit_draft

    draft = start_draft(deputy=deputy, exercise=_speech_exercise())
    parts = {"assessment": "新修村道12公里，值得肯定。", "problems": "南岭村还没通水。"}
    return submit_draft(draft=draft, parts=parts, saved_version=0)


def _courses():
    from courses.models import CoursePage

    return CoursePage.objects.all()


def _course():
    from courses.factories import CoursePageFactory

    return CoursePageFactory(title="村务课程", slug="cunwu")


def _lessons():
    from courses.models import LessonPage

    return LessonPage.objects.all()


NAMES = [
    "CodeForm",
    "UploadForm",
    "RevokeForm",
    "IssueByHandForm",
    "LawImportForm",
    "LawImportConfirmForm",
    "RosterUploadForm",
    "TermChangeForm",
    "TermDatesForm",
    "LeaveOfficeForm",
    "DeputyFilterForm",
    "SessionForm",
    "ScheduleForm",
    "InviteMoreForm",
    "CancelForm",
    "ReplyForm",
    "AudienceForm",
    "NoticeForm",
    "AssignForm",
    "CountyForm",
    "TownshipForm",
    "StationForm",
    "AppointForm",
    "EditorAppointForm",
    "SignInSheetForm",
    "ConsentForm",
    "PasteForm",
    "ExampleForm",
    "QuestionImportForm",
    "BudgetUploadForm",
    "QuestionExportForm",
    "RegisterPeriodForm",
    "YearForm",
    "CreationForm",
    "EditForm",
    "QuestionChooserFilterForm",
    "QuizChooserFilterForm",
    "ExerciseSearchForm",
    "AuditFilterForm",
    "DraftForm",
    "ReviewForm",
    "DraftForm (speech)",
    "ReviewForm (speech)",
    "TrainingForm",
    "ArchiveTermForm",
    "AssignmentKindForm",
    "AssignmentFilterForm",
    "RemarkForm",
    "VoteForm",
    "ProjectForm",
    "BallotForm",
    "GroupForm",
    "MarksForm",
    "RecordForm",
    "ReferForm",
    "FollowUpForm",
    "AnswerForm",
    "VisitForm",
    "CloseForm",
    "RejectForm",
    "ReceptionDayForm",
    "SuggestionForm",
    "StaffSuggestionForm",
    "SuggestionReplyForm",
    "SatisfactionForm",
    "SecondReplyForm",
    "InspectionForm",
    "FindingForm",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_form_says_yes_or_no_to_anything(request, station, name):
    form_class, kwargs = builders(request)[name]
    fields = list(form_class(**kwargs).fields)

    @FORMS
    @given(st.data())
    def check(data):
        form = bound(form_class, fields, data.draw, **kwargs)
        assert form.is_valid() in (True, False)
        if hasattr(form, "filter") and form.is_valid():
            list(form.filter(_filterable(name)))

    check()


def _filterable(name):
    from proposals.models import Exercise
    from quizzes.models import Question

    return {"ExerciseSearchForm": Exercise.objects.all()}.get(name, Question.objects.all())


def test_the_dashboard_form_says_yes_or_no_to_anything(station):
    @FORMS
    @given(st.dictionaries(st.sampled_from(["course", "as_of", "sort"]), values))
    def check(data):
        form = DashboardForm(data, courses=[], today=date(2025, 6, 1))
        assert form.is_valid() in (True, False)

    check()


def test_the_voters_matters_form_says_yes_or_no_to_anything(db):
    @FORMS
    @given(st.dictionaries(st.sampled_from(["as_of"]), values))
    def check(data):
        form = AsOfForm(data, today=date(2025, 6, 1))
        if form.is_valid():
            assert form.cleaned_data["as_of"] <= date(2025, 6, 1)

    check()


def test_the_dashboard_form_with_terms_says_yes_or_no_to_anything(deputy):
    terms = _terms()
    assert terms  # the deputy's congress has its current term

    @FORMS
    @given(st.dictionaries(st.sampled_from(["course", "term", "as_of", "sort"]), values))
    def check(data):
        form = DashboardForm(data, courses=[], today=date(2025, 6, 1), terms=terms)
        assert form.is_valid() in (True, False)

    check()


@pytest.mark.parametrize("form_class", [MobileSignInForm, ChangePasswordForm, FirstPasswordForm])
def test_sign_in_and_password_forms_say_yes_or_no_to_anything(deputy, form_class):
    @FORMS
    @given(st.data())
    def check(data):
        request = RequestFactory().post("/")
        request.user = deputy.user
        first = request if form_class is MobileSignInForm else User.objects.get(pk=deputy.user.pk)
        fields = list(form_class(first).fields)
        form = bound(form_class, fields, data.draw, **{})
        form = form_class(first, form.data)
        assert form.is_valid() in (True, False)

    check()


def test_the_report_exercise_form_says_yes_or_no_to_anything(editor):
    """The editors' form of a report exercise, as Wagtail builds it from its panels: any
    text in the box, any bytes as the .docx (a zip or not)."""
    from deliberation.reports.admin import ReportExerciseViewSet
    from tests.materials.texts import docx_bytes

    form_class = ReportExerciseViewSet().get_edit_handler().get_form_class()
    fields = list(form_class(for_user=editor).fields)
    uploads = st.one_of(
        st.binary(max_size=300),
        st.builds(docx_bytes, st.one_of(any_text, awkward_text, st.sampled_from(["一、x\n"]))),
    )

    @FORMS
    @given(st.data())
    def check(data):
        form = bound(form_class, [f for f in fields if f != "docx"], data.draw, for_user=editor)
        if data.draw(st.booleans()):
            form.files = MultiValueDict(
                {"docx": [SimpleUploadedFile(data.draw(file_names) or "x", data.draw(uploads))]}
            )
        assert form.is_valid() in (True, False)

    check()


def test_the_forms_listed_are_all_the_forms():
    """A new form joins the list above, or this fails."""
    import django.apps

    found = set()
    for app in django.apps.apps.get_app_configs():
        if not (_project_root() / app.name.split(".")[0] / "apps.py").exists():
            continue
        for module in _modules(app):
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.__name__
                    # Private mixins are fuzzed through the forms built on them.
                    and not value.__name__.startswith("_")
                ):
                    found.add(value.__name__)
    covered = {
        *NAMES,
        "DashboardForm",
        "AsOfForm",
        "MobileSignInForm",
        "ChangePasswordForm",
        "FirstPasswordForm",
        # The editors' form for a question the law proposes, fuzzed with the approval it
        # leads to (below).
        "ProposalForm",
        # The same for a question a budget table proposes (below).
        "BudgetProposalForm",
        # The editors' form of a report exercise, as its panels build it (above).
        "ReportExerciseForm",
    }
    # Built by Wagtail's panels for each model, with inline formsets: fuzzed through the
    # question bank's own admin tests, not here.
    built_by_panels = {
        "QuestionForm",
        "CategoryForm",
        "RowForm",
        "AcceptedAnswerForm",
        "PickForm",
        "CheckRuleForm",
        "ProgrammeForm",
    }
    assert found - covered - built_by_panels == set()


def _project_root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


def _modules(app):
    """Every module of the app (a form may live beside its view), but its migrations,
    management commands and the project's settings and server entry points."""
    import importlib
    import pkgutil

    package = importlib.import_module(app.name)
    yield package
    for module in pkgutil.walk_packages(package.__path__, prefix=f"{app.name}."):
        skipped = (".migrations", ".management", ".settings", ".wsgi", ".asgi")
        if any(part in module.name for part in skipped):
            continue
        yield importlib.import_module(module.name)


OVERFLOW = str(2**64)


@pytest.mark.xfail(
    "sqlite" in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
    raises=OverflowError,
    strict=True,
    reason="Django's __in lookup overflows on SQLite (the development database only)",
)
def test_a_choice_beyond_any_integer_column_is_refused(deputy):
    form = InviteMoreForm({"deputies": [OVERFLOW]}, deputies=Deputy.objects.all())
    assert not form.is_valid()


@pytest.mark.parametrize("question_type", ["blank", "choice"])
def test_editing_a_proposed_question_says_yes_or_no_to_anything(db, question_type):
    """The editors' form for a question the law proposes, and the approval it leads to: any
    input is refused with a message (the form, or the service's ProposalError) or makes one
    question; nothing else happens."""
    from django.db import transaction

    from materials.lawtext import parse_law
    from materials.services import import_law
    from quizzes.cloze.services import ProposalError, approve_proposal, propose_questions
    from quizzes.cms.cloze import ProposalForm, _lines
    from quizzes.models import ClozeProposal, Question
    from tests.quizzes.cloze_texts import RULE

    version = import_law(parsed=parse_law(RULE), short_name="议事规则").version
    propose_questions(version=version)
    proposal = ClozeProposal.objects.filter(question_type=question_type).first()
    fields = list(ProposalForm(proposal=proposal).fields)

    @FORMS
    @given(st.data())
    def check(data):
        form = bound(ProposalForm, fields, data.draw, proposal=proposal)
        if not form.is_valid():
            return
        cleaned = form.cleaned_data
        try:
            with transaction.atomic():
                approve_proposal(
                    proposal=ClozeProposal.objects.get(pk=proposal.pk),
                    stem=cleaned["stem"],
                    answer=cleaned["answer"],
                    accepted=_lines(cleaned["accepted"]) if "accepted" in cleaned else None,
                    distractors=(
                        _lines(cleaned["distractors"]) if "distractors" in cleaned else None
                    ),
                    explanation=cleaned["explanation"],
                )
                assert Question.objects.count() == 1
                transaction.set_rollback(True)
        except ProposalError as refused:
            assert refused.args[0]
        assert not Question.objects.exists()

    check()


def test_editing_a_proposed_budget_question_says_yes_or_no_to_anything(db):
    """The editors' form for a question a budget table proposes, and the approval it leads to:
    any input is refused with a message or makes one question; nothing else happens."""
    from django.db import transaction

    from deliberation.budgets.admin import BudgetProposalForm, _lines
    from deliberation.budgets.demo import seed_budget_exercise
    from deliberation.budgets.services import BudgetProposalError, approve_proposal
    from deliberation.models import BudgetProposal
    from quizzes.models import Question

    seed_budget_exercise()
    Question.objects.all().delete()
    proposal = BudgetProposal.objects.pending().first()
    fields = list(BudgetProposalForm().fields)

    @FORMS
    @given(st.data())
    def check(data):
        form = bound(BudgetProposalForm, fields, data.draw)
        if not form.is_valid():
            return
        cleaned = form.cleaned_data
        try:
            with transaction.atomic():
                approve_proposal(
                    proposal=BudgetProposal.objects.get(pk=proposal.pk),
                    stem=cleaned["stem"],
                    answer=cleaned["answer"],
                    distractors=_lines(cleaned["distractors"]),
                    explanation=cleaned["explanation"],
                )
                assert Question.objects.count() == 1
                transaction.set_rollback(True)
        except BudgetProposalError as refused:
            assert refused.args[0]
        assert not Question.objects.exists()

    check()


def test_recording_a_suggestion_says_yes_or_no_to_anything(deputy):
    """The form a deputy records a submitted suggestion with, and the recording it leads to:
    any input is refused with a message or makes one suggestion with its deadline; nothing
    else happens (no date so far off that the deadline overflows)."""
    from django.db import transaction

    from receptions.models import Suggestion
    from receptions.suggestions.forms import SuggestionForm
    from receptions.suggestions.services import SuggestionError, record_suggestion

    fields = list(SuggestionForm().fields)

    @FORMS
    @given(st.data())
    def check(data):
        form = bound(SuggestionForm, fields, data.draw)
        if not form.is_valid():
            return
        try:
            with transaction.atomic():
                made = record_suggestion(deputy=deputy, by=deputy.user, **form.suggestion_fields())
                assert made.reply_due > made.assigned_on
                assert Suggestion.objects.count() == 1
                transaction.set_rollback(True)
        except SuggestionError as refused:
            assert refused.args[0]
        assert not Suggestion.objects.exists()

    check()
