"""A programme's certificate (初任培训结业证书): issued once for a completed assignment, with
its own heading and the programme's credit hours, in the deputy's list and on the public
verification page."""

import shutil
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import CertificateError, issue_programme_certificate, reissue
from courses.models import ProgrammeAssignment
from tests.courses.programme_helpers import (
    add_course,
    make_programme,
    open_new_term,
    open_term,
    seat,
)

PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture
def assignment(course, township, deputy, template):
    """The deputy given a programme of the course and two hours of group study, complete."""
    make_programme([course], study_hours="2.0", final_test=False)
    term = open_term(township, starts_on=timezone.localdate() - timedelta(days=3))
    seat([deputy], term)
    open_new_term(term=term, new=[deputy])
    assignment = ProgrammeAssignment.objects.get(deputy=deputy)
    ProgrammeAssignment.objects.filter(pk=assignment.pk).update(completed_at=timezone.now())
    assignment.refresh_from_db()
    return assignment


def test_it_is_issued_once_with_the_programmes_heading_and_hours(assignment, deputy):
    from courses.models import Enrolment

    Enrolment.objects.filter(deputy=deputy).update(
        completed_at=timezone.now(), credit_hours=Decimal("2.5")
    )
    certificate = issue_programme_certificate(assignment)
    assert (certificate.title, certificate.course_title) == ("初任培训结业证书", "初任培训")
    assert certificate.credit_hours == Decimal("4.5")
    assert certificate.serial.startswith("330523-")
    assert issue_programme_certificate(assignment) == certificate
    assert Certificate.objects.filter(programme=assignment.programme).count() == 1


def test_an_incomplete_assignment_has_no_certificate(assignment, in_english):
    ProgrammeAssignment.objects.filter(pk=assignment.pk).update(completed_at=None)
    assignment.refresh_from_db()
    with pytest.raises(CertificateError, match="not complete"):
        issue_programme_certificate(assignment)


@pytest.mark.skipif(not PDFTOTEXT, reason="poppler-utils is not installed (make test-deps)")
def test_its_pdf_is_headed_with_the_programmes_certificate_title(assignment, tmp_path):
    certificate = issue_programme_certificate(assignment)
    certificate.refresh_from_db()
    assert certificate.is_rendered
    path = tmp_path / "certificate.pdf"
    with certificate.pdf.open("rb") as f:
        path.write_bytes(f.read())
    text = subprocess.run(  # noqa: S603
        [PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    compact = "".join(text.split())
    assert "初任培训结业证书" in compact
    assert "《初任培训》" in compact
    assert "王秀英" in compact


def test_the_deputy_and_the_public_see_it(assignment, client, deputy):
    certificate = issue_programme_certificate(assignment)
    client.force_login(deputy.user)
    mine = client.get(reverse("certificates:mine"))
    assert "<h2>初任培训结业证书</h2>" in mine.text
    assert certificate.serial in mine.text
    client.logout()
    public = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert public.status_code == 200
    assert "<dt>培训项目</dt><dd>初任培训</dd>" in public.text
    assert "王*英" in public.text


def test_a_reissued_programme_certificate_stays_the_programmes(assignment, county_officer):
    old = issue_programme_certificate(assignment)
    new = reissue(certificate=old, by=county_officer)
    assert (new.programme, new.title, new.course) == (assignment.programme, old.title, None)


def test_a_programme_certificate_leaves_every_course_to_issue_by_hand(assignment, course, deputy):
    from certificates.selectors import courses_to_issue

    issue_programme_certificate(assignment)
    other = add_course(course.get_parent(), "jiandu")
    assert other in list(courses_to_issue(deputy))


def test_its_hours_are_not_counted_twice_in_the_archive_or_on_the_dashboard(
    assignment, deputy, county_officer
):
    """The certificate repeats the hours of the courses and group study already counted: the
    archive and the dashboard count those, not the certificate's as well."""
    from courses.models import Enrolment
    from reports.dashboard.selectors import dashboard
    from reports.selectors import learning_archive

    Enrolment.objects.filter(deputy=deputy).update(
        completed_at=timezone.now(), credit_hours=Decimal("2.5")
    )
    certificate = issue_programme_certificate(assignment)
    assert certificate.credit_hours == Decimal("4.5")

    archive = learning_archive(deputy)
    assert archive.hours_total.certificate_hours == 0
    assert archive.hours_total.course_hours == Decimal("2.5")
    board = dashboard(county_officer, "county", deputy.township.county_id)
    assert board.total.certificate_hours == 0 and board.total.course_hours == Decimal("2.5")
