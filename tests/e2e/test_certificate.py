"""A deputy finishes a course in a real browser, gets the certificate, and the QR code on the
PDF, scanned, opens the public verification page on a phone. A county officer issues a course's
certificates in bulk and downloads them as one ZIP."""

import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import pytest

from certificates.factories import CertificateTemplateFactory
from certificates.models import Certificate, CertificateBatch
from courses.factories import CoursePageFactory, LessonPageFactory, text_block
from courses.services import enrol
from deputies.demo import DEMO_PASSWORD
from deputies.factories import DeputyFactory, UserFactory
from deputies.models import User

from .browser import DESKTOP, PHONE, assert_fits, open_from_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "cert-pass-2026"


def run(tool, *args) -> str:
    """Run one of poppler's or zbar's tools (Debian packages the tests install)."""
    command = [shutil.which(tool), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


@pytest.fixture
def course():
    CertificateTemplateFactory()
    course = CoursePageFactory(title="代表法入门", slug="rumen", credit_hours=Decimal("1.5"))
    LessonPageFactory(
        parent=course,
        title="唯一一课",
        slug="only",
        estimated_minutes=1,
        body=[text_block("<p>代表依法履职。</p>")],
    )
    return course


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_finishing_a_course_gives_a_certificate_whose_qr_verifies(
    new_page, screenshot, course, settings, tmp_path, size
):
    settings.LESSON_READING_SHARE = 0.1  # a one-minute lesson counts as read after 6 s
    deputy = DeputyFactory(user__mobile="13600000021", user__name="周晓红")
    deputy.user.set_password(PASSWORD)
    deputy.user.save()
    enrol(deputy=deputy, course=course, assigned_by=UserFactory())

    page = new_page(PHONE if size == "phone" else DESKTOP, "zh-hans")
    sign_in(page, "13600000021", PASSWORD)
    page.goto(course.lessons().first().url)
    page.locator("#lesson-end").scroll_into_view_if_needed()
    page.wait_for_selector(".reading-status--complete", timeout=40000)

    open_from_menu(page, "我的证书")
    page.wait_for_load_state()
    assert "代表法入门" in page.locator("main").inner_text()
    assert_fits(page)
    screenshot(page, f"my-certificates-{size}-zh")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载PDF").click()
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)
    assert "周晓红" in run("pdftotext", pdf, "-")
    # Look at it as a printer would, then scan its QR code from the image.
    run("pdftoppm", "-png", "-r", "150", "-singlefile", pdf, tmp_path / "page")
    scanned = run("zbarimg", "--quiet", "--raw", tmp_path / "page.png").strip()
    certificate = Certificate.objects.get()
    assert scanned.endswith(f"/verify/{certificate.code}/")

    phone = new_page(PHONE if size == "phone" else DESKTOP, "zh-hans")  # a stranger: signed out
    phone.goto("/verify/" + scanned.split("/verify/")[1])
    main = phone.locator("main").inner_text()
    assert "该证书有效" in main and "周*红" in main and "周晓红" not in main
    assert_fits(phone)
    screenshot(phone, f"verify-{size}-zh")


@pytest.mark.parametrize(
    ("size", "language"), [("phone", "zh-hans"), ("desktop", "en")], ids=["phone", "desktop"]
)
def test_county_officer_issues_certificates_in_bulk_and_downloads_the_zip(
    demo, new_page, screenshot, tmp_path, size, language
):
    officer = User.objects.get(mobile="13700000001")
    words = {
        "zh-hans": ("证书", "为全部完成者颁发", "下载ZIP"),
        "en": ("Certificates", "Issue for everyone who completed it", "Download ZIP"),
    }[language]

    page = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(page, officer.mobile, DEMO_PASSWORD)
    open_from_menu(page, words[0], exact=True)
    form = page.locator("form.batch-course").first
    course = form.locator("h3").inner_text()
    screenshot(page, f"certificates-staff-{size}-{language}")
    with page.expect_navigation():
        form.get_by_role("button", name=re.compile(words[1])).click()
    assert page.locator("h1").inner_text() == course

    # The tests' tasks run at once: the batch is done when its page first shows.
    batch = CertificateBatch.objects.get(requested_by=officer)
    assert batch.is_done and batch.total > 1
    assert_fits(page)
    screenshot(page, f"certificates-batch-{size}-{language}")
    with page.expect_download() as download:
        page.get_by_role("link", name=words[2]).click()
    path = tmp_path / "batch.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert len(names) == batch.total == batch.certificates.filter(revoked_at=None).count()


def test_officer_issues_by_hand_with_the_training_date_then_revokes_it_with_a_category(
    new_page, screenshot, course, deputy, county_officer
):
    """On a phone, in Chinese: the date input reads the day picked (the Chinese date format
    would blank it), the certificate carries it, and revoking it shows the public the category
    chosen, never the officer's note."""
    from datetime import timedelta

    from django.utils import timezone

    trained_on = timezone.localdate() - timedelta(days=20)
    page = new_page(PHONE, "zh-hans")
    sign_in(page, county_officer.mobile, "pass-word-1")
    page.goto(f"/staff/certificates/deputies/{deputy.pk}/")
    page.get_by_label("课程").select_option(label="代表法入门")
    page.get_by_label("培训日期").fill(trained_on.isoformat())
    page.get_by_label("原因").fill("参加县里组织的集中培训")
    assert_fits(page)
    screenshot(page, "certificate-by-hand-phone-zh")
    with page.expect_navigation():
        page.get_by_role("button", name="颁发证书").click()

    certificate = Certificate.objects.valid().get(deputy=deputy)
    assert certificate.trained_on == trained_on
    facts = page.locator("main").inner_text()
    assert f"培训日期\n{trained_on:%Y-%m-%d}" in facts or trained_on.isoformat() in facts

    page.get_by_label("撤销原因").select_option(label="信息有误")
    page.get_by_label("内部说明").fill("身份证号录错，张科长核实")
    with page.expect_navigation():
        page.get_by_role("button", name="撤销").click()
    assert "身份证号录错" in page.locator("main").inner_text()  # staff see their note

    stranger = new_page(PHONE, "zh-hans")
    stranger.goto(f"/verify/{certificate.code}/")
    public = stranger.locator("main").inner_text()
    assert "原因：信息有误" in public and trained_on.isoformat() in public
    assert "身份证号" not in public and "张科长" not in public
    assert_fits(stranger)
    screenshot(stranger, "verify-revoked-phone-zh")
