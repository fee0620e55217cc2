"""The authorization matrix: for every URL of the project, how to ask it and what each of the
nine people (ROLES) must be answered.

Answers are what the user sees of the permission check, not the page's content:
OK (200), LOGIN (302 to a sign-in page that will send the user back), REDIRECT (302 anywhere
else), FORBIDDEN (403), NOT_FOUND (404), or another status code as a string ("400").

The project answers 404 to whoever a page or an object is not for (deputies.selectors:
`deputy_or_404`, `staff_or_404`, `get_visible_deputy`: "never 403: it would confirm that the
record exists"); 403 only where the person is staff but of a kind that may not do it (station
staff at the roster import).

A permitted POST is sent empty, or with the least that reaches the permission check, and
answers with a form error or a redirect; whatever it changes is rolled back after the test.

An entry's `bugs` names the people who are answered wrongly today: their expected answer is the
correct one, and the case is an xfail(strict) whose reason says what leaks.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.urls import reverse

# The people who ask, in the order the test ids list them.
ROLES = (
    "anonymous",
    "deputy",  # owns every personal object below
    "deputy_peer",  # another deputy of the same station
    "station_staff",  # staff of the deputy's station
    "station_staff_other",  # staff of another station in the same township
    "township_staff",  # staff of the deputy's township
    "county_officer",  # county congress officer of the deputy's county
    "county_officer_other",  # officer of another county
    "editor",  # content editor (Wagtail admin), no place
)


OK = "ok"
LOGIN = "login"
REDIRECT = "redirect"
FORBIDDEN = "403"
NOT_FOUND = "404"
BAD_REQUEST = "400"
DENIALS = {LOGIN, FORBIDDEN, NOT_FOUND}

DEPUTIES = ("deputy", "deputy_peer")
STAFF = (
    "station_staff",
    "station_staff_other",
    "township_staff",
    "county_officer",
    "county_officer_other",
)
# Staff whose scope covers the deputy and their station.
COVERING = ("station_staff", "township_staff", "county_officer")
# Those who may never see anything of the deputy's (but what the deputy made public).
OUTSIDERS = ("anonymous", "deputy_peer", "station_staff_other", "county_officer_other", "editor")


def answers(default=NOT_FOUND, *, anonymous=LOGIN, **by_role) -> dict[str, str]:
    """Every role's answer: `default`, the anonymous visitor's, and the named exceptions."""
    table = dict.fromkeys(ROLES, default)
    table["anonymous"] = anonymous
    for role, answer in by_role.items():
        assert role in ROLES, role
        table[role] = answer
    return table


def given(roles, ok=OK, default=NOT_FOUND, anonymous=LOGIN) -> dict[str, str]:
    """`roles` get `ok`, the anonymous visitor `anonymous`, everyone else `default`."""
    return answers(default, anonymous=anonymous, **dict.fromkeys(roles, ok))


def public(ok=OK) -> dict[str, str]:
    return answers(ok, anonymous=ok)


def signed_in(ok=OK) -> dict[str, str]:
    return answers(ok)


@dataclass(frozen=True)
class Probe:
    """One request: a path (built from the world) and how to send it."""

    path: Callable
    method: str = "get"
    data: Callable | None = None  # world -> POST body


@dataclass(frozen=True)
class Entry:
    key: str
    probes: tuple[Probe, ...]
    expect: Mapping[str, str]
    bugs: Mapping[str, str] = field(default_factory=dict)
    why: str = ""  # a note on an answer that might surprise
    settings: Mapping = field(default_factory=dict)  # overridden for the request
    # The page names the deputy to whoever may open it, by design (a public record, a gallery
    # the author agreed to): exempt from the check that outsiders never see the deputy.
    names_the_deputy: bool = False


def _named(key, args=None, *, method="get", data=None, query="") -> Probe:
    def path(w):
        return reverse(key, args=args(w) if args else None) + query

    return Probe(path, method, data)


MATRIX: dict[str, Entry] = {}


def entry(key, expect, *, args=None, method="get", data=None, query="", probes=None, **extra):
    assert key not in MATRIX, key
    probes = probes or (_named(key, args, method=method, data=data, query=query),)
    MATRIX[key] = Entry(key, tuple(probes), expect, **extra)


def post(key, expect, *, args=None, data=None, **extra):
    entry(key, expect, args=args, method="post", data=data, **extra)


# Site-wide ----------------------------------------------------------------------------------
entry("home", signed_in())
entry("me", signed_in(), why="the phone's 我的 page: the user's own menu")
entry("favicon", public(REDIRECT), why="to the icon among the static files")
entry("healthz", public())
entry("manifest", public())
entry("service_worker", public())
entry("offline", public())
entry("offline_kept", public())
entry("search", public(), query="?q=代表")
post("report_reading", given(DEPUTIES), args=lambda w: [w.lesson.pk])
post("enrol_elective", given(DEPUTIES, REDIRECT), args=lambda w: [w.elective.pk])
post("toggle_large_font", public(REDIRECT))
post("set_language", public(REDIRECT), data=lambda w: {"language": "en"})

# Accounts -----------------------------------------------------------------------------------
entry("login", answers(REDIRECT, anonymous=OK), why="signed in: sent home")
post("logout", public(REDIRECT))
entry("password_change", signed_in())
entry(
    "signin_link",
    public(),
    args=lambda w: [w.signin_token],
    why="the one-time token is the key; GET only shows whose link it is",
    names_the_deputy=True,
)

# Staff: deputies, courses, roster -----------------------------------------------------------
entry("deputy_list", given(STAFF))
entry("deputy_detail", given(COVERING), args=lambda w: [w.deputy.pk])
post("deputy_reset_password", given(COVERING), args=lambda w: [w.deputy.pk])
post("deputy_signin_link", given(COVERING), args=lambda w: [w.deputy.pk])


def _sheet_choice(w):
    """A sign-in sheet for the deputy's station, of everyone who never signed in."""
    return {"place": f"station-{w.station.pk}", "include": "never", "days": "7"}


entry(
    "signin_sheet",
    answers(
        **dict.fromkeys(COVERING, OK),
        station_staff_other=BAD_REQUEST,
        county_officer_other=BAD_REQUEST,
    ),
    probes=(
        Probe(lambda w: reverse("signin_sheet"), data=_sheet_choice),  # the preview
        Probe(lambda w: reverse("signin_sheet"), "post", _sheet_choice),  # printing
    ),
    why="another staff member's station is not among the form's choices: 400, as for a "
    "station that does not exist, so nothing confirms it",
)
entry("course_overview", given(STAFF))
entry("course_assign", given(STAFF), args=lambda w: [w.course.pk])
entry(
    "course_enrolments",
    given(STAFF),
    args=lambda w: [w.course.pk],
    why="the course is content; the rows are only the reader's deputies",
)
post(
    "course_withdraw",
    given(COVERING, REDIRECT),
    args=lambda w: [w.course.pk, w.deputy.pk],
    why="the deputy completed the course: refused with a message; outside the scope, 404",
)
entry("send_notice", given(STAFF))
ROSTER = answers(
    station_staff=FORBIDDEN,
    station_staff_other=FORBIDDEN,
    township_staff=OK,
    county_officer=OK,
    county_officer_other=OK,
)
entry("roster_upload", ROSTER)
entry("roster_template", ROSTER)
entry(
    "roster_export",
    ROSTER,
    why="each officer or clerk gets their own county's deputies in their care (full numbers, as "
    "on the deputies' pages); tests/deputies/test_roster_export.py reads the files",
)


def _reviewed(w) -> dict:
    """What the review page posts: the fingerprint of the plan it showed."""
    from deputies.models import Township
    from deputies.roster import read_roster

    townships = Township.objects.filter(county=w.roster_import.county)
    return {"digest": read_roster(bytes(w.roster_import.content), townships=townships).digest()}


UPLOADERS_OWN = {**ROSTER, "township_staff": NOT_FOUND, "county_officer_other": NOT_FOUND}
post(
    "roster_confirm",
    UPLOADERS_OWN,
    args=lambda w: [w.roster_import.pk],
    data=_reviewed,
    why="an upload is its uploader's (the county officer's) alone",
)
entry(
    "roster_problems",
    UPLOADERS_OWN,
    args=lambda w: [w.roster_import.pk],
    why="an upload's check is its uploader's (the county officer's) alone",
)


# Terms and the term change: county officers, each for their own county; other staff 403.
TERMS = {**ROSTER, "township_staff": FORBIDDEN}
OWN_COUNTYS_TERMS = {**TERMS, "county_officer_other": NOT_FOUND}


def _term_change_checked(w) -> dict:
    """What the check page posts: the fingerprint of the change it showed."""
    from deputies.term_change import check_change

    return {"digest": check_change(w.term_change).digest()}


entry("terms", TERMS, why="each officer sees their own county's terms")
entry("term_change_start", TERMS)
entry("term_change", OWN_COUNTYS_TERMS, args=lambda w: [w.term_change.pk])
post(
    "term_change_confirm",
    {**OWN_COUNTYS_TERMS, "county_officer": REDIRECT},
    args=lambda w: [w.term_change.pk],
    data=_term_change_checked,
    why="confirmed with the digest it showed: the new term opens and the page is shown again",
)
post(
    "term_dates",
    {**OWN_COUNTYS_TERMS, "county_officer": REDIRECT},
    args=lambda w: [w.term.pk],
    data=lambda w: {"starts_on": "2022-01-05"},
)
entry(
    "deputy_leave",
    answers(station_staff=FORBIDDEN, township_staff=OK, county_officer=OK),
    args=lambda w: [w.deputy.pk],
    why="station staff see the deputy but keep no roster (403); outside the scope, 404",
)

# Places and staff: administrators and county officers, each officer in their own county -------
OFFICER = given(["county_officer"])
entry(
    "places:index",
    given(["county_officer", "county_officer_other"], REDIRECT),
    why="an officer of one county is sent to it",
)
entry("places:county_create", answers(), why="superusers only (test_superuser_only_pages)")
entry("places:editor_appoint", answers(), why="superusers only (test_superuser_only_pages)")
entry("places:county", OFFICER, args=lambda w: [w.county.pk])
entry("places:county_edit", OFFICER, args=lambda w: [w.county.pk])
entry(
    "places:county_delete",
    answers(),
    args=lambda w: [w.county.pk],
    why="superusers only (test_superuser_only_pages)",
)
entry("places:township_create", OFFICER, args=lambda w: [w.county.pk])
entry("places:station_create", OFFICER, args=lambda w: [w.county.pk])
entry("places:appoint", OFFICER, args=lambda w: [w.county.pk])
entry("places:township_edit", OFFICER, args=lambda w: [w.township.pk])
entry("places:township_delete", OFFICER, args=lambda w: [w.township.pk])
entry("places:station_edit", OFFICER, args=lambda w: [w.station.pk])
entry("places:station_delete", OFFICER, args=lambda w: [w.station.pk])
entry(
    "places:role_remove",
    OFFICER,
    args=lambda w: [w.users["station_staff"].staff_roles.get().pk],
    why="GET asks to confirm; a role of another county, or an editor's, is not found",
)

# Quizzes --------------------------------------------------------------------------------------
entry("quizzes:detail", given(DEPUTIES), args=lambda w: [w.quiz.pk])
post("quizzes:start", given(DEPUTIES, REDIRECT), args=lambda w: [w.quiz.pk])
entry("quizzes:take", given(["deputy"]), args=lambda w: [w.attempt_open.pk])
post("quizzes:answer", given(["deputy"], BAD_REQUEST), args=lambda w: [w.attempt_open.pk])
post("quizzes:submit", given(["deputy"], REDIRECT), args=lambda w: [w.attempt_open.pk])
entry("quizzes:result", given(["deputy"]), args=lambda w: [w.attempt_done.pk])

entry("quiz_staff:results", given(STAFF))
entry(
    "quiz_staff:quiz_attempts",
    given(STAFF),
    args=lambda w: [w.quiz.pk],
    why="the quiz is content; the rows are only the reader's deputies",
)
entry("quiz_staff:grading", given(STAFF))
entry("quiz_staff:attempt", given(COVERING), args=lambda w: [w.attempt_done.pk])
post("quiz_staff:grade", given(COVERING, REDIRECT), args=lambda w: [w.short_item.pk])

entry("practice:book", given(DEPUTIES))
entry("practice:today", given(DEPUTIES))
# Before the day's practice is done, "Practise more" sends the deputy to it.
entry("practice:more", given(DEPUTIES, ok=REDIRECT))
entry("practice:feedback", given(["deputy"]), args=lambda w: [w.practice_question.pk])

# Reading a budget (deliberation/views_budgets.py): deputies' practice, like writing practice.
entry("deliberation:budgets", given(DEPUTIES))
entry("deliberation:budget", given(DEPUTIES), args=lambda w: [w.budget.pk])

# Proposals ------------------------------------------------------------------------------------
entry("proposals:list", given(DEPUTIES))
entry("proposals:exercise", given(DEPUTIES), args=lambda w: [w.draft.exercise_id])
post("proposals:start", given(DEPUTIES, REDIRECT), args=lambda w: [w.draft.exercise_id])
entry("proposals:draft", given(["deputy"]), args=lambda w: [w.draft.pk])
post("proposals:autosave", given(["deputy"], BAD_REQUEST), args=lambda w: [w.draft.pk])
post("proposals:consent", given(["deputy"], REDIRECT), args=lambda w: [w.draft.pk])
# An empty paste is refused with its reason (400); nobody else finds the draft.
post("proposals:paste", given(["deputy"], BAD_REQUEST), args=lambda w: [w.draft.pk])
entry("proposals:revision", given(["deputy"]), args=lambda w: [w.draft.pk, 1])
entry("proposals:review_queue", given(STAFF))
entry("proposals:review", given(COVERING), args=lambda w: [w.revision.pk])
post("proposals:publish", given(COVERING, REDIRECT), args=lambda w: [w.revision.pk])
entry("proposals:gallery", signed_in(), why="the author agreed to be shown", names_the_deputy=True)
entry(
    "proposals:example",
    signed_in(),
    args=lambda w: [w.example.pk],
    why="the author agreed to be shown",
    names_the_deputy=True,
)
post("proposals:unpublish", given(COVERING, REDIRECT), args=lambda w: [w.example.pk])

# Deliberation: report exercises --------------------------------------------------------------
# Staff do not practise: like the proposals pages, deputies only. A remark is its author's.
entry("deliberation:reports", given(DEPUTIES))
entry("deliberation:report", given(DEPUTIES), args=lambda w: [w.report.pk])
entry("deliberation:report_section", given(DEPUTIES), args=lambda w: [w.report.pk, 1])
entry("deliberation:my_remarks", given(DEPUTIES), args=lambda w: [w.report.pk])
# An empty remark is refused with its reason (400).
post(
    "deliberation:remark_add",
    given(DEPUTIES, BAD_REQUEST),
    args=lambda w: [w.report.pk, w.remark.paragraph.key],
)
entry("deliberation:remark", given(["deputy"]), args=lambda w: [w.remark.pk])
post("deliberation:remark_autosave", given(["deputy"], BAD_REQUEST), args=lambda w: [w.remark.pk])
post("deliberation:remark_delete", given(["deputy"], REDIRECT), args=lambda w: [w.remark.pk])
# The speech on the report: each deputy composes their own (a draft of the proposals engine,
# whose pages the proposals entries cover); it goes on to the draft page.
post("deliberation:report_speech", given(DEPUTIES, REDIRECT), args=lambda w: [w.report.pk])

# Notifications --------------------------------------------------------------------------------
entry("notifications:list", signed_in())
post("notifications:mark_read", signed_in(REDIRECT), why="marks the reader's own")
entry("notifications:open", given(["deputy"], REDIRECT), args=lambda w: [w.notification.pk])

# Voter reception (receptions/matters) ----------------------------------------------------------
MATTER = lambda w: [w.matter.pk]  # noqa: E731
entry(
    "receptions:register",
    given(DEPUTIES + STAFF),
    why="a deputy's register lists the matters they received; staff's, their stations'",
)
entry("receptions:record", given(DEPUTIES + STAFF), why="for the stations one may record for")
entry("receptions:matter", given(["deputy", *COVERING]), args=MATTER)
post(
    "receptions:matter_step",
    answers(deputy=FORBIDDEN, **dict.fromkeys(COVERING, OK)),
    args=lambda w: [w.matter.pk, "close"],
    why="the deputy who received the matter sees it but does not close it: 403; staff get "
    "the form back with its error",
)
post(
    "receptions:matter_suggestion",
    answers(deputy=REDIRECT, **dict.fromkeys(COVERING, FORBIDDEN)),
    args=MATTER,
    why="only the deputy who received it turns it into their suggestion draft; staff who "
    "see the matter are refused",
)
entry("receptions:days", given(DEPUTIES + STAFF))
entry("receptions:day_new", given(STAFF))

# Group study ----------------------------------------------------------------------------------
SESSION = lambda w: [w.session.pk]  # noqa: E731
entry("studysessions:mine", given(DEPUTIES))
entry("studysessions:detail", given(["deputy"]), args=SESSION)
post("studysessions:reply", given(["deputy"], BAD_REQUEST), args=SESSION)
entry("studysessions:session_ics", given(["deputy"]), args=SESSION)
entry(
    "studysessions:feed",
    public(),
    args=lambda w: [w.feed_token],
    why="calendar apps read it without signing in: the secret token is the key",
)
post("studysessions:rotate_feed", given(DEPUTIES, REDIRECT))
entry(
    "studysessions:checkin",
    given(["deputy"]),
    args=lambda w: [w.session.pk, w.checkin_code],
    why="the QR code's page: GET only shows a button; a deputy not invited gets 404",
)
entry("studysessions:staff_list", given(STAFF))
entry("studysessions:schedule", given(STAFF))
entry("studysessions:staff_session", given(COVERING), args=SESSION)
entry("studysessions:edit", given(COVERING), args=SESSION)
post("studysessions:cancel", given(COVERING, REDIRECT), args=SESSION)
post("studysessions:invite", given(COVERING, REDIRECT), args=SESSION)
post(
    "studysessions:attendance",
    given(COVERING, REDIRECT),
    args=SESSION,
    data=lambda w: {"deputy": w.deputy.pk, "mark": "absent"},
)
entry("studysessions:screen", given(COVERING), args=SESSION)
entry("studysessions:screen_state", given(COVERING), args=SESSION)
entry("studysessions:sign_in_sheet", given(COVERING), args=SESSION)
entry("studysessions:history", given(COVERING), args=lambda w: [w.station.pk])

# Deliberation: the mock vote on livelihood projects -------------------------------------------
VOTE = lambda w: [w.vote.pk]  # noqa: E731
DRAFT_VOTE = lambda w: [w.draft_vote.pk]  # noqa: E731
entry(
    "deliberation:vote_ballot",
    given(["deputy"]),
    args=VOTE,
    why="the deputy is invited but not checked in: the page says why they cannot vote (a POST "
    "is refused, 403); a deputy not of the session gets 404",
)
entry("deliberation:vote_create", given(COVERING), args=SESSION)
entry("deliberation:vote_manage", given(COVERING), args=VOTE)
entry("deliberation:vote_edit", given(COVERING), args=DRAFT_VOTE)
entry("deliberation:vote_project_add", given(COVERING), args=DRAFT_VOTE)
entry(
    "deliberation:vote_project_edit",
    given(COVERING),
    args=lambda w: [w.draft_vote.pk, w.vote_project.pk],
)
post(
    "deliberation:vote_project_remove",
    given(COVERING, REDIRECT),
    args=lambda w: [w.draft_vote.pk, w.vote_project.pk],
)
post("deliberation:vote_open", given(COVERING, REDIRECT), args=DRAFT_VOTE)
post("deliberation:vote_close", given(COVERING, REDIRECT), args=VOTE)
post(
    "deliberation:vote_further_round",
    given(COVERING, REDIRECT),
    args=VOTE,
    why="the vote is open, without a tie: refused with a message",
)
entry(
    "deliberation:vote_results",
    given(COVERING),
    args=VOTE,
    why="counts only: no page shows who voted what (the secret ballot)",
)

# Deliberation: deliberating a report as a group at the station ---------------------------------
GROUP = lambda w: [w.group.pk]  # noqa: E731
entry("deliberation:group_create", given(COVERING), args=SESSION)
entry(
    "deliberation:group_manage",
    given(COVERING),
    args=GROUP,
    why="the remarks of the deputies present, named: the session's staff only",
)
post("deliberation:group_close", given(COVERING, REDIRECT), args=GROUP)
entry("deliberation:group_screen", given(COVERING), args=GROUP)
entry(
    "deliberation:group_summary_docx",
    given(COVERING),
    args=GROUP,
    why="personal data when attributed: audited (Action.OPINIONS_EXPORTED)",
)
entry(
    "deliberation:group_summary_pdf",
    given(COVERING),
    args=GROUP,
    why="personal data when attributed: audited (Action.OPINIONS_EXPORTED)",
)

# Learning archive -----------------------------------------------------------------------------
entry("reports:archive", given(DEPUTIES))
entry("reports:archive_pdf", given(DEPUTIES))
entry("reports:deputy_archive", given(("deputy", *COVERING)), args=lambda w: [w.deputy.pk])
entry("reports:deputy_archive_pdf", given(("deputy", *COVERING)), args=lambda w: [w.deputy.pk])

# Dashboard and exports ------------------------------------------------------------------------
entry("dashboard:home", given(STAFF, REDIRECT), why="staff with one place are sent to it")
entry("dashboard:all", answers(), why="superusers only (test_superuser_only_pages)")
entry("dashboard:all_export", answers(), why="superusers only (test_superuser_only_pages)")
COUNTY = lambda w: [w.county.pk]  # noqa: E731
TOWNSHIP = lambda w: [w.township.pk]  # noqa: E731
STATION = lambda w: [w.station.pk]  # noqa: E731
entry("dashboard:county", given(["county_officer"]), args=COUNTY)
entry("dashboard:county_export", given(["county_officer"]), args=COUNTY)
entry("dashboard:township", given(["township_staff", "county_officer"]), args=TOWNSHIP)
entry("dashboard:township_export", given(["township_staff", "county_officer"]), args=TOWNSHIP)
entry("dashboard:unassigned", given(["township_staff", "county_officer"]), args=TOWNSHIP)
entry("dashboard:unassigned_export", given(["township_staff", "county_officer"]), args=TOWNSHIP)
entry("dashboard:station", given(COVERING), args=STATION)
entry("dashboard:station_export", given(COVERING), args=STATION)


def _with_a_programme(key, args) -> Probe:
    """The overdue list of a programme: one is made for the request (rolled back after it)."""

    def path(w):
        from courses.models import Programme

        programme, _ = Programme.objects.get_or_create(title="初任培训")
        return reverse(key, args=args(w)) + f"?programme={programme.pk}"

    return Probe(path)


entry("dashboard:county_training", given(["county_officer"]), args=COUNTY)
entry(
    "dashboard:county_training_overdue",
    given(["county_officer"]),
    probes=(_with_a_programme("dashboard:county_training_overdue", COUNTY),),
)
entry("dashboard:township_training", given(["township_staff", "county_officer"]), args=TOWNSHIP)
entry(
    "dashboard:township_training_overdue",
    given(["township_staff", "county_officer"]),
    probes=(_with_a_programme("dashboard:township_training_overdue", TOWNSHIP),),
)
entry("dashboard:station_training", given(COVERING), args=STATION)
entry(
    "dashboard:station_training_overdue",
    given(COVERING),
    probes=(_with_a_programme("dashboard:station_training_overdue", STATION),),
)

# Voters' matters and suggestions across a place, and its overdue matters (no voter's data).
entry("dashboard:county_duties", given(["county_officer"]), args=COUNTY)
entry("dashboard:county_duties_overdue", given(["county_officer"]), args=COUNTY)
entry("dashboard:township_duties", given(["township_staff", "county_officer"]), args=TOWNSHIP)
entry(
    "dashboard:township_duties_overdue", given(["township_staff", "county_officer"]), args=TOWNSHIP
)
entry("dashboard:station_duties", given(COVERING), args=STATION)
entry("dashboard:station_duties_overdue", given(COVERING), args=STATION)

entry("exports:list", given(STAFF))
entry("exports:download", given(["county_officer"]), args=lambda w: [w.export.pk])
entry("exports:register", given(COVERING), args=lambda w: ["station", w.station.pk])
entry(
    "exports:register_print",
    given(COVERING),
    args=lambda w: ["station", w.station.pk],
    query="?from=2025-01-01&to=2025-06-30",
    why="the printed activity register: no voter's name or mobile in it",
)

# Certificates ---------------------------------------------------------------------------------
entry("certificates:mine", signed_in(), why="an empty list for anyone who is no deputy")
entry("certificates:download", given(("deputy", *COVERING)), args=lambda w: [w.certificate.pk])
entry("certificates:verify_form", public())
entry(
    "certificates:verify",
    public(),
    args=lambda w: [w.certificate.code],
    why="a certificate's public record: whose it is, and whether it is valid",
    names_the_deputy=True,
)
entry("certificates:staff_list", given(STAFF))
entry("certificates:staff_deputy", given(COVERING), args=lambda w: [w.deputy.pk])
CERTIFICATE = lambda w: [w.certificate.pk]  # noqa: E731
post(
    "certificates:staff_issue", given(["county_officer"], BAD_REQUEST), args=lambda w: [w.deputy.pk]
)
post("certificates:staff_revoke", given(["county_officer"], REDIRECT), args=CERTIFICATE)
post("certificates:staff_reissue", given(["county_officer"], REDIRECT), args=CERTIFICATE)
post(
    "certificates:staff_start_batch",
    given(["county_officer", "county_officer_other"], REDIRECT),
    args=lambda w: [w.course.pk],
    why="a course is content; the batch takes only the officer's own county's deputies",
)
entry("certificates:staff_batch", given(["county_officer"]), args=lambda w: [w.batch.pk])
entry("certificates:staff_batch_download", given(["county_officer"]), args=lambda w: [w.batch.pk])

# Training programmes (初任培训) ---------------------------------------------------------------
PROGRAMME = lambda w: [w.programme.pk]  # noqa: E731
entry(
    "programmes:mine",
    given(["deputy"]),
    args=PROGRAMME,
    why="the deputy's own assignment; a deputy not given the programme has no page",
)
entry("programmes:staff_overview", given(STAFF))
entry(
    "programmes:staff_programme",
    given(STAFF),
    args=PROGRAMME,
    why="the programme is content; the rows are only the reader's deputies",
)
post(
    "programmes:staff_change_kind",
    answers(township_staff=REDIRECT, county_officer=REDIRECT, station_staff=FORBIDDEN),
    args=lambda w: [w.programme.pk, w.deputy.pk],
    why="county and township staff decide exemptions; the station's staff follow them (403); "
    "outside the scope, 404",
)

# Audit log --------------------------------------------------------------------------------------
entry("audit:log", given(["county_officer", "county_officer_other"]))

# Receptions: the suggestions deputies submit and the replies owed to them ------------------------
# A suggestion's own pages answer its deputy and the staff covering them alike (they record for
# the deputy); the lists are the deputy's own and, for staff, the deputies in their care.
SUGGESTION_PAGES = ("deputy", *COVERING)
entry("receptions:suggestions", given(DEPUTIES))
entry("receptions:suggestion_add", given(DEPUTIES))
entry(
    "receptions:suggestion_from_draft",
    given(["deputy"]),
    args=lambda w: [w.draft.pk],
    why="the deputy's own practice draft of a suggestion; staff record from scratch",
)
entry("receptions:suggestion", given(SUGGESTION_PAGES), args=lambda w: [w.suggestion.pk])
entry("receptions:suggestion_edit", given(SUGGESTION_PAGES), args=lambda w: [w.suggestion.pk])
post(
    "receptions:suggestion_delete",
    given(SUGGESTION_PAGES, REDIRECT),
    args=lambda w: [w.suggestion.pk],
    why="deleted (rolled back after the test); outside the scope, 404",
)
entry("receptions:suggestion_reply", given(SUGGESTION_PAGES), args=lambda w: [w.suggestion.pk])
entry(
    "receptions:suggestion_satisfaction",
    given(SUGGESTION_PAGES),
    args=lambda w: [w.replied_suggestion.pk],
)
entry(
    "receptions:suggestion_second_reply",
    given(SUGGESTION_PAGES),
    args=lambda w: [w.rehandled_suggestion.pk],
)
entry(
    "receptions:suggestion_staff_list",
    given(STAFF),
    why="staff of another station or county see an empty list: the rows are their deputies'",
)
entry(
    "receptions:suggestion_staff_add",
    given(STAFF),
    why="the deputies offered are the reader's own",
)

# Wagtail: its admin, documents and served pages, each one entry with representative URLs ------
entry(
    "wagtail.admin.urls",
    given(["editor"], default=LOGIN),
    probes=(
        Probe(lambda w: "/admin/"),
        # The queue of questions the law proposes (quizzes/cms/cloze.py): question-bank
        # editors only; its POSTs are refused alike (tests/quizzes/test_cloze_admin.py).
        Probe(lambda w: reverse("quizzes_cloze_queue")),
        Probe(lambda w: reverse("quizzes_cloze_edit", args=[w.cloze_proposal.pk])),
        # Budget exercises and the queue of their questions (deliberation/budgets/admin.py):
        # editors only; the POSTs are refused alike (tests/deliberation/test_budgets_admin.py).
        Probe(lambda w: reverse("budget_exercises:index")),
        Probe(lambda w: reverse("budget_exercises:table", args=[w.budget.pk])),
        Probe(lambda w: reverse("budget_exercises:template")),
        Probe(lambda w: reverse("deliberation_budget_queue")),
        Probe(lambda w: reverse("deliberation_budget_edit", args=[w.budget_proposal.pk])),
    ),
    why="Wagtail sends whoever lacks admin access to its sign-in page",
)
entry(
    "wagtail.documents.urls",
    public(REDIRECT),
    probes=(Probe(lambda w: w.document.url),),
    # Served by redirecting to the storage, as with S3: the test storage keeps files in memory,
    # where Wagtail's own file-serving cannot read them. Privacy checks come first either way.
    settings={"WAGTAILDOCS_SERVE_METHOD": "redirect"},
)
entry(
    "page",  # Wagtail's pages found by their path (courses.routing), then served by Wagtail
    public(),
    probes=(
        Probe(lambda w: w.course.url),
        Probe(lambda w: w.lesson.url),
        Probe(lambda w: w.law.url),
    ),
    why="courses, lessons and the law library are public reading",
)
entry(
    "wagtail.urls",
    public(),
    probes=(
        Probe(lambda w: w.course.url),
        Probe(lambda w: w.lesson.url),
        Probe(lambda w: w.law.url),
        Probe(lambda w: w.law.url + "articles/1/"),
    ),
    why="courses, lessons and the law library are public reading",
)


# Inspections and surveys (inspections/): staff of the station's scope manage them; a deputy
# who takes part records findings (the peer takes no part). ---------------------------------
INSPECTION = lambda w: [w.inspection.pk]  # noqa: E731
entry("inspections:list", given(STAFF), why="each sees the inspections of their own scope")
entry("inspections:create", given(STAFF))
entry("inspections:detail", given(COVERING), args=INSPECTION)
entry("inspections:mine", given(DEPUTIES), why="each deputy sees those they take part in")
entry("inspections:on_site", given(["deputy"]), args=INSPECTION)
post(
    "inspections:record",
    given(["deputy"], REDIRECT),
    args=INSPECTION,
    why="sent empty: refused with a message, back to the on-site page",
)
post("inspections:report", given(["deputy"], REDIRECT), args=INSPECTION)
post("inspections:suggest", given(["deputy"], REDIRECT), args=lambda w: [w.finding.pk])
entry("inspections:photo", given(["deputy", *COVERING]), args=lambda w: [w.photo.pk])
