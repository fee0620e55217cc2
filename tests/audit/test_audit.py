"""The audit log: what writes an entry, who may read which, and that entries stay as written."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from audit.services import record
from certificates.services import issue_by_hand, reissue, revoke
from courses.factories import PlacedQuizFactory
from deputies.factories import DeputyFactory
from deputies.models import StaffRole
from deputies.services import EDITORS_GROUP, grant_role
from quizzes.factories import ShortAnswerQuestionFactory
from quizzes.services import grade_answer, save_answer, start_attempt, submit_attempt
from tests.deputies.rosters import build_roster, roster_row, roster_upload

LOG = reverse("audit:log")


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def test_a_grade_change_says_who_changed_what_from_what_to_what(deputy, station_staff):
    attempt = start_attempt(
        quiz=PlacedQuizFactory(questions=[ShortAnswerQuestionFactory()]), deputy=deputy
    )
    item = attempt.items.get()
    save_answer(attempt=attempt, item=item, data={item.field_name: "先调研"})
    submit_attempt(attempt=attempt)

    grade_answer(item=item, score=Decimal("0.5"), comment="要写办法", by=station_staff)
    grade_answer(item=item, score=Decimal(1), comment="", by=station_staff)

    first, second = entries(Action.GRADE_CHANGED)
    assert (first.actor, first.actor_name, first.deputy, first.county) == (
        station_staff,
        station_staff.name,
        deputy,
        deputy.township.county,
    )
    assert (
        first.detail | {"quiz": "代表法小测", "number": 1, "old": None, "new": "0.5"}
        == first.detail
    )
    assert (second.detail["old"], second.detail["new"]) == ("0.5", "1")
    assert "0.5 → 1" in second.description and deputy.user.name in second.description


def test_issuing_revoking_and_reissuing_certificates_are_logged(
    deputy,
    course,
    template,
    county_officer,
):
    certificate = issue_by_hand(
        deputy=deputy, course=course, credit_hours=Decimal(2), note="线下培训", by=county_officer
    )
    new = reissue(certificate=certificate, by=county_officer)
    revoke(certificate=new, reason="重复发放", by=county_officer)

    issued = entries(Action.CERTIFICATE_ISSUED)
    assert [entry.detail["serial"] for entry in issued] == [certificate.serial, new.serial]
    assert issued[0].detail["note"] == "线下培训" and issued[0].actor == county_officer
    (reissued,) = entries(Action.CERTIFICATE_REISSUED)
    assert (reissued.detail["old_serial"], reissued.detail["serial"]) == (
        certificate.serial,
        new.serial,
    )
    (revoked,) = entries(Action.CERTIFICATE_REVOKED)
    assert revoked.detail["reason"] == "重复发放" and revoked.deputy == deputy
    assert {entry.county for entry in AuditEntry.objects.all()} == {deputy.township.county}


def test_a_certificate_issued_on_completion_is_logged_as_the_system(
    deputy, course, template, county_officer
):
    from certificates.factories import CertificateFactory

    certificate = CertificateFactory(deputy=deputy, course=course, by=county_officer)

    (entry,) = entries(Action.CERTIFICATE_ISSUED)
    assert (entry.actor, entry.actor_name, entry.detail["serial"]) == (None, "", certificate.serial)


def test_a_failed_issue_leaves_no_entry(deputy, course, template, county_officer):
    from certificates.services import CertificateError

    with pytest.raises(CertificateError):
        issue_by_hand(deputy=deputy, course=course, credit_hours=1, note="", by=county_officer)
    assert not entries(Action.CERTIFICATE_ISSUED)


@pytest.fixture
def roster_places(township, station):
    township.name, station.name = "递铺街道", "递铺代表联络站"
    township.save()
    station.save()


def test_a_roster_import_is_logged_with_its_counts(client, county, county_officer, roster_places):
    client.force_login(county_officer)
    content = build_roster([roster_row(), roster_row(name="李桂兰", mobile="13512340002")])

    response = client.post(
        reverse("roster_upload"), {"file": roster_upload(content, "名册.xlsx"), "county": county.pk}
    )

    assert response.status_code == 200
    (entry,) = entries(Action.ROSTER_IMPORTED)
    assert entry.actor == county_officer and entry.county == county
    assert entry.detail == {
        "filename": "名册.xlsx",
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
    }


def test_a_roster_confirmed_after_review_is_logged_once(
    client, county, county_officer, roster_places
):
    client.force_login(county_officer)
    content = build_roster([roster_row(), roster_row(mobile="12345")])
    response = client.post(
        reverse("roster_upload"), {"file": roster_upload(content), "county": county.pk}
    )
    assert not AuditEntry.objects.filter(action=Action.ROSTER_IMPORTED).exists()

    upload = county.roster_imports.get()
    reviewed = {"digest": response.context["digest"]}
    client.post(reverse("roster_confirm", args=[upload.pk]), reviewed)
    client.post(reverse("roster_confirm", args=[upload.pk]), reviewed)  # applied already: 404

    (entry,) = entries(Action.ROSTER_IMPORTED)
    assert (entry.detail["created"], entry.detail["rejected"]) == (1, 1)


def test_a_roster_imported_from_the_command_line_is_logged_as_the_system(
    tmp_path, county, roster_places
):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(build_roster([roster_row()]))

    call_command("import_deputies", str(path), "--county", county.code, stdout=None)

    (entry,) = entries(Action.ROSTER_IMPORTED)
    assert (entry.actor, entry.county, entry.detail["created"]) == (None, county, 1)


def test_roles_granted_and_removed_are_logged_with_their_place(station, county):
    user = DeputyFactory(user__name="王小梅").user

    role = grant_role(user=user, kind=StaffRole.Kind.STATION, place=station)
    grant_role(user=user, kind=StaffRole.Kind.STATION, place=station)  # held already: no entry
    role.delete()

    granted, removed = AuditEntry.objects.order_by("pk")
    assert (granted.action, removed.action) == (Action.ROLE_GRANTED, Action.ROLE_REMOVED)
    assert granted.county == county and granted.detail["place"] == station.name
    assert "王小梅" in granted.description and "联络站" in str(granted.description)


def test_an_editor_role_is_site_wide_and_adds_the_editors_group(db):
    user = DeputyFactory().user
    user.staff_roles.all().delete()
    AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)

    grant_role(user=user, kind=StaffRole.Kind.EDITOR)

    role, groups = AuditEntry.objects.order_by("pk")
    assert (role.action, role.county) == (Action.ROLE_GRANTED, None)
    assert groups.action == Action.ACCOUNT_CHANGED
    assert groups.detail["changes"] == [["groups", [], [EDITORS_GROUP]]]


def test_account_access_changes_are_logged_but_signing_in_is_not(client, deputy):
    user = deputy.user
    client.force_login(user)  # writes last_login
    user.set_password("a-new-pass-2026")
    user.save()  # a full save that changes no flag
    assert not AuditEntry.objects.exists()

    user.is_active = False
    user.save()
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))

    active, groups = AuditEntry.objects.order_by("pk")
    assert active.detail["changes"] == [["is_active", True, False]]
    assert active.county == deputy.township.county and active.deputy is None
    assert groups.detail["changes"] == [["groups", [], [EDITORS_GROUP]]]


def test_an_admin_change_is_logged_as_the_person_making_it(client, superuser, deputy):
    client.force_login(superuser)
    user = deputy.user
    response = client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "mobile": user.mobile,
            "name": user.name,
            "email": "",
            "is_active": "",
            "password1": "",
            "password2": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    (entry,) = [e for e in entries(Action.ACCOUNT_CHANGED) if e.detail["user"] == user.name]
    assert entry.actor == superuser and entry.detail["changes"] == [["is_active", True, False]]


def test_entries_are_never_changed_or_removed(deputy, county_officer):
    entry = record(Action.GRADE_CHANGED, by=county_officer, deputy=deputy, old="1", new="0")
    entry.detail = {}
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.update(detail={})
    assert AuditEntry.objects.get(pk=entry.pk).detail["old"] == "1"


# The page.


@pytest.fixture
def logged(deputy, other_county_deputy, county_officer, other_county):
    record(
        Action.ROSTER_IMPORTED,
        by=county_officer,
        county=deputy.township.county,
        filename="东街.xlsx",
        created=3,
        updated=0,
        unchanged=0,
        rejected=0,
    )
    record(
        Action.CERTIFICATE_REVOKED,
        by=county_officer,
        deputy=deputy,
        serial="QX-1",
        course="代表法",
        reason="错发",
    )
    record(
        Action.ROSTER_IMPORTED,
        county=other_county,
        filename="别县.xlsx",
        created=1,
        updated=0,
        unchanged=0,
        rejected=0,
    )
    record(Action.ROLE_GRANTED, user="编辑", mobile="", role="editor", place="")


def test_county_officers_read_their_county_only(client, county_officer, logged):
    client.force_login(county_officer)
    page = client.get(LOG).content.decode()
    assert "东街.xlsx" in page and "错发" in page
    assert "别县.xlsx" not in page and "编辑" not in page


def test_administrators_read_everything(client, superuser, logged):
    client.force_login(superuser)
    page = client.get(LOG).content.decode()
    assert all(text in page for text in ["东街.xlsx", "别县.xlsx", "编辑", "全站"])


@pytest.mark.parametrize("role", ["deputy", "station_staff", "township_staff", "editor"])
def test_nobody_else_reads_the_log(client, request, role, logged):
    person = request.getfixturevalue(role)
    client.force_login(getattr(person, "user", person))
    assert client.get(LOG).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(LOG)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_log_filters_by_action_person_and_date(client, county_officer, deputy, logged):
    client.force_login(county_officer)
    only_revocations = client.get(LOG, {"action": Action.CERTIFICATE_REVOKED}).content.decode()
    assert "错发" in only_revocations and "东街.xlsx" not in only_revocations
    by_deputy = client.get(LOG, {"q": deputy.user.name}).content.decode()
    assert "错发" in by_deputy and "东街.xlsx" not in by_deputy
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert "东街.xlsx" not in client.get(LOG, {"since": tomorrow}).content.decode()
    assert "东街.xlsx" in client.get(LOG, {"until": timezone.localdate()}).content.decode()


def test_a_backwards_date_range_is_explained_and_lists_nothing(client, county_officer, logged):
    client.force_login(county_officer)
    today = timezone.localdate()
    response = client.get(LOG, {"since": today, "until": today - timedelta(days=1)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "起始日期晚于截止日期。" in page and "东街.xlsx" not in page


def test_the_log_reads_in_chinese(client, county_officer, logged):
    client.force_login(county_officer)
    page = client.get(LOG, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "操作日志" in page and "吊销证书" in page


def test_the_page_asks_the_same_queries_however_many_entries(
    client, county_officer, deputy, logged
):
    client.force_login(county_officer)
    client.get(LOG)
    with CaptureQueriesContext(connection) as few:
        client.get(LOG)
    for number in range(40):
        record(
            Action.CERTIFICATE_ISSUED,
            by=county_officer,
            deputy=deputy,
            serial=f"QX-{number}",
            course="代表法",
            note="",
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(LOG).status_code == 200
    assert len(many) == len(few) == 7, [query["sql"] for query in many]


def test_the_log_reads_in_english(english, county_officer, logged):
    english.force_login(county_officer)
    page = english.get(LOG).content.decode()
    assert "Audit log" in page and "Certificate revoked" in page
    assert "Reason: 错发" in page and "3 new, 0 updated" in page


def test_entries_outlive_the_people_they_name(deputy, county_officer):
    record(
        Action.CERTIFICATE_REVOKED,
        by=county_officer,
        deputy=deputy,
        serial="QX-9",
        course="代表法",
        reason="错发",
    )
    name, officer = deputy.user.name, county_officer.name

    deputy.user.delete()
    county_officer.delete()

    entry = AuditEntry.objects.get(action=Action.CERTIFICATE_REVOKED)
    assert (entry.actor, entry.deputy) == (None, None)
    assert entry.actor_name == officer and name in entry.description


def test_every_action_has_a_test_that_writes_it_and_a_description():
    """A new kind of entry comes with its words and with a test of what writes it (one that
    names the action, as each above does)."""
    from pathlib import Path

    from audit.models import DESCRIPTIONS

    tests = Path(__file__).resolve().parents[1]
    text = "\n".join(path.read_text(encoding="utf-8") for path in tests.rglob("test_*.py"))
    this = Path(__file__).read_text(encoding="utf-8").split("def test_every_action")[0]
    others = text.replace(Path(__file__).read_text(encoding="utf-8"), this)
    untested = [action.name for action in Action if f"Action.{action.name}" not in others]
    assert untested == []
    assert set(DESCRIPTIONS) == set(Action)
