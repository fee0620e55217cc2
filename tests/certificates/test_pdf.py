import hashlib
import shutil
import subprocess
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.pdf import render_pdf, verification_url

TOOLS = {name: shutil.which(name) for name in ("pdftotext", "pdffonts")}
pytestmark = pytest.mark.skipif(
    not all(TOOLS.values()), reason="poppler-utils is not installed (make test-deps)"
)


def _pdf(certificate) -> bytes:
    with certificate.pdf.open("rb") as f:
        return f.read()


def _tool(name, data, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    args = [TOOLS[name], str(path)] + (["-"] if name == "pdftotext" else [])
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603


def test_pdf_holds_the_holder_the_course_and_the_serial(certificate, tmp_path):
    text = _tool("pdftotext", _pdf(certificate), tmp_path)
    assert "王秀英" in text
    assert "代表法入门" in text
    assert "结 业 证 书" in text or "结业证书" in text
    assert certificate.serial in text


def test_font_is_embedded_and_subset(certificate, tmp_path):
    fonts = _tool("pdffonts", _pdf(certificate), tmp_path).splitlines()[2:]
    assert fonts, "the PDF has no fonts"
    for line in fonts:
        emb, sub, uni = line.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line


def test_pdf_is_small_and_its_hash_is_kept(certificate):
    data = _pdf(certificate)
    assert data.startswith(b"%PDF-")
    assert len(data) <= 100 * 1024
    assert hashlib.sha256(data).hexdigest() == certificate.sha256


def test_pdf_path_cannot_be_guessed(certificate):
    name = certificate.pdf.name
    assert name.startswith("certificates/")
    assert len(name.split("/")[1]) == 32  # 128 random bits before the file name


def test_rendering_is_quick(certificate):
    started = time.perf_counter()
    render_pdf(certificate)
    assert time.perf_counter() - started < 2


def test_qr_points_to_the_absolute_verification_url(certificate, settings):
    settings.CERTIFICATES_BASE_URL = "https://peixun.example.cn"
    assert verification_url(certificate) == (
        f"https://peixun.example.cn/verify/{certificate.code}/"
    )


def test_portrait_template(certificate, tmp_path):
    certificate.template.orientation = "portrait"
    text = _tool("pdftotext", render_pdf(certificate), tmp_path)
    assert "王秀英" in text


def _chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _text(certificate, tmp_path) -> str:
    """The PDF's text without the line breaks and spaces of its layout."""
    return "".join(_tool("pdftotext", _pdf(certificate), tmp_path).split())


def test_a_hand_issued_certificate_gives_the_date_of_the_training(
    deputy, course, template, county_officer, tmp_path
):
    from certificates.services import issue_by_hand

    trained_on = timezone.localdate() - timedelta(days=45)
    certificate = issue_by_hand(
        deputy=deputy,
        course=course,
        credit_hours=2,
        note="县里集中培训",
        trained_on=trained_on,
        by=county_officer,
    )

    certificate.refresh_from_db()  # rendered by the (immediate) task
    text = _text(certificate, tmp_path)
    # The body's {date} is when the course was done: the training, not the day of issue…
    assert f"王秀英同志于{_chinese_date(trained_on)}完成《代表法入门》" in text
    # …which the issuing body's signature still carries.
    assert _chinese_date(timezone.localdate()) in text


def test_a_template_without_the_date_still_gives_the_date_of_the_training(
    deputy, course, template, county_officer, tmp_path
):
    from certificates.services import issue_by_hand

    template.body = "{name}同志完成《{course}》课程学习，共计{hours}学时。"
    template.save()
    trained_on = timezone.localdate() - timedelta(days=10)
    certificate = issue_by_hand(
        deputy=deputy,
        course=course,
        credit_hours=2,
        note="县里集中培训",
        trained_on=trained_on,
        by=county_officer,
    )

    certificate.refresh_from_db()  # rendered by the (immediate) task
    assert f"培训日期：{_chinese_date(trained_on)}" in _text(certificate, tmp_path)


def test_a_completed_course_gives_the_day_of_issue(certificate, tmp_path):
    text = _text(certificate, tmp_path)
    assert f"王秀英同志于{_chinese_date(timezone.localdate())}完成" in text
    assert "培训日期" not in text
