"""Hostile files posted to the real upload pages by the staff who may use them: a clear error
on the page (the form again with its error, or the view's own 400), never a 500, and nothing
written. An import that fails half-way leaves nothing behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deputies.models import Deputy, RosterImport, User
from materials.models import Article, LawPage, LawVersion
from quizzes.formats.gift import parse_gift
from quizzes.models import Category, Option, Question
from quizzes.transfer import import_questions

from . import test_docx, test_workbooks
from .strategies import PDF, PNG

EN = {"accept-language": "en"}
SIX_MB = 6 * 1024 * 1024


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def counts(*models) -> list[int]:
    return [model.objects.count() for model in models]


XLSX_CASES = {
    "oversized": ("big.xlsx", b"PK" + b"\0" * SIX_MB, "larger than 5 MB"),
    "a pdf renamed": ("file.xlsx", PDF, "not an Excel .xlsx file"),
    "a png renamed": ("file.xlsx", PNG, "not an Excel .xlsx file"),
    "wrong extension": ("file.pdf", PDF, ".xlsx"),
    "empty": ("file.xlsx", b"", "empty"),
    "truncated": ("file.xlsx", test_workbooks.GOOD[:500], "not an Excel .xlsx file"),
    "zip bomb": ("file.xlsx", test_workbooks.HOSTILE["zip bomb in the sheet"][0], "unpacks to"),
    "strings bomb": (
        "file.xlsx",
        test_workbooks.HOSTILE["zip bomb in the strings"][0],
        "unpacks to",
    ),
}


@pytest.fixture
def roster_staff(client, county_officer, township, station):
    client.force_login(county_officer)
    return client


@pytest.mark.parametrize("case", list(XLSX_CASES))
def test_roster_upload_refuses_hostile_files(roster_staff, county, case):
    name, content, message = XLSX_CASES[case]
    before = counts(RosterImport, Deputy, User)
    response = roster_staff.post(
        reverse("roster_upload"), {"file": upload(name, content), "county": county.pk}, headers=EN
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts(RosterImport, Deputy, User) == before


@pytest.mark.parametrize("case", ["huge dimension", "a row a billion rows down"])
def test_roster_upload_reads_a_stretched_sheet_fast(roster_staff, county, case):
    key = {"huge dimension": "a million rows of 16384 columns declared"}.get(case, case)
    sheet = test_workbooks.HOSTILE[key][0]
    content = test_workbooks.replace_member(test_workbooks.GOOD, "xl/worksheets/sheet1.xml", sheet)
    response = roster_staff.post(
        reverse("roster_upload"), {"file": upload("r.xlsx", content), "county": county.pk}
    )
    # The good workbook is a question bank, not a roster: its header is refused, quickly.
    assert response.status_code == 400
    assert not Deputy.objects.exists()


def test_roster_confirm_of_a_stored_file_that_no_longer_reads_is_refused(
    roster_staff, county, county_officer
):
    stored = RosterImport.objects.create(
        uploaded_by=county_officer, county=county, filename="r.xlsx", content=PDF
    )
    before = counts(Deputy, User)
    response = roster_staff.post(reverse("roster_confirm", args=[stored.pk]), headers=EN)
    assert response.status_code == 400
    assert "This is not an Excel .xlsx file." in response.text
    assert counts(Deputy, User) == before
    stored.refresh_from_db()
    assert stored.applied_at is None


def test_roster_confirm_of_someone_elses_or_an_applied_upload_is_404(
    roster_staff, county, county_officer, township_staff
):
    others = RosterImport.objects.create(
        uploaded_by=township_staff, county=county, filename="r.xlsx", content=b""
    )
    response = roster_staff.post(reverse("roster_confirm", args=[others.pk]))
    assert response.status_code == 404
    assert roster_staff.post(reverse("roster_confirm", args=[10**9])).status_code == 404
    assert RosterImport.objects.get(pk=others.pk).applied_at is None


# -- question bank ----------------------------------------------------------------------------

QUESTION_CASES = {
    **{key: value for key, value in XLSX_CASES.items() if key not in ("wrong extension", "empty")},
    "wrong extension": ("bank.pdf", PDF, "Upload a .xlsx, .gift or .txt file."),
    "empty": ("bank.xlsx", b"", "empty"),
    "utf-16 without its mark": ("bank.txt", "题目{=对}".encode("utf-16-le"), "not text"),
    "binary as text": ("bank.gift", PNG, "not text"),
}


@pytest.mark.parametrize("case", list(QUESTION_CASES))
def test_question_import_refuses_hostile_files(client, superuser, case):
    client.force_login(superuser)
    name, content, message = QUESTION_CASES[case]
    before = counts(Question, Category, Option)
    response = client.post(
        reverse("quizzes_question_import"), {"file": upload(name, content)}, headers=EN
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts(Question, Category, Option) == before


def test_a_bank_that_fails_half_way_stores_nothing(db, monkeypatch):
    """The 200th question cannot be written (the database fails): the 199 before it go too."""
    report = parse_gift("\n\n".join(f"$CATEGORY: 分类{n}\n问题{n}{{=对 ~错}}" for n in range(300)))
    assert len(report.questions) == 300
    save = Question.save
    written = []

    def failing_save(self, *args, **kwargs):
        written.append(self)
        if len(written) == 200:
            raise RuntimeError("the database went away")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Question, "save", failing_save)
    with pytest.raises(RuntimeError):
        import_questions(report=report)
    assert len(written) == 200
    assert counts(Question, Category, Option) == [0, 0, 0]


# -- law texts --------------------------------------------------------------------------------

LAW_CASES = {
    "oversized": ("law.docx", b"PK" + b"\0" * SIX_MB, "larger than 5 MB"),
    "old word": ("law.doc", PDF, "An old Word, WPS or RTF file cannot be read"),
    "wrong extension": ("law.odt", PDF, "Upload a .docx, .pdf, .txt or .md file."),
    "an image renamed .pdf": ("law.pdf", PNG, "not a readable PDF file"),
    "a pdf cut short": ("law.pdf", PDF[: len(PDF) // 2], "PDF"),
    **{
        name: ("law.docx", test_docx.HOSTILE[name], "Nothing was imported.")
        for name in test_docx.HOSTILE
        if name not in ("stored, not compressed", "empty")
    },
    "empty": ("law.docx", b"", "The submitted file is empty."),
    "utf-16 without its mark": (
        "law.txt",
        "代表法\n第一条 内容".encode("utf-16-le"),
        "NUL characters",
    ),
    "a title too long for the library": (
        "law.txt",
        ("法" * 300 + "\n第一条 内容").encode(),
        "longer than 255",
    ),
    "an article number too large to store": (
        "law.txt",
        ("代表法\n" + "".join(f"第{n}条 x\n" for n in range(1, 32770))).encode(),
        "the number 32768 is too large",
    ),
}


@pytest.mark.parametrize("case", list(LAW_CASES))
def test_law_import_refuses_hostile_files(client, editor, case):
    client.force_login(editor)
    name, content, message = LAW_CASES[case]
    before = counts(LawPage, LawVersion, Article)
    response = client.post(
        reverse("materials_law_import"),
        {"file": upload(name, content), "effective_date": "2025-01-01"},
        headers=EN,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts(LawPage, LawVersion, Article) == before


def test_a_law_that_fails_half_way_stores_nothing(client, editor, monkeypatch):
    from materials import services

    def failing(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services.ArticlePart.objects, "bulk_create", failing)
    text = "代表法\n第一章 总则\n第一条 内容。\n第二章 代表\n第二条 内容。".encode()
    with pytest.raises(RuntimeError):
        from materials.lawtext import read_law_file

        services.import_law(parsed=read_law_file("law.txt", text), effective_date=None or _day())
    assert counts(LawPage, LawVersion, Article) == [0, 0, 0]


def _day():
    from datetime import date

    return date(2025, 1, 1)


# -- certificates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("cert.pdf", b"%PDF" + b"\0" * (3 * 1024 * 1024), "too large"),
        ("cert.pdf", PNG, "not the certificate"),
        ("cert.pdf", b"", "empty"),
    ],
)
def test_certificate_verification_upload_never_fails(client, certificate, name, content, message):
    from certificates.models import Certificate

    before = list(Certificate.objects.values_list("pk", "sha256", "revoked_at"))
    response = client.post(
        reverse("certificates:verify", args=[certificate.code]),
        {"file": upload(name, content)},
        headers=EN,
    )
    assert response.status_code == 200
    assert message in response.content.decode().lower() or message == "not the certificate"
    assert list(Certificate.objects.values_list("pk", "sha256", "revoked_at")) == before


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG header that claims a picture of that size, with nothing behind it."""
    import struct
    import zlib

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(header))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


PHOTO_CASES = {
    "empty": b"",
    "a pdf renamed": PDF,
    "a broken png": PNG,
    "a bomb of pixels": _png_claiming(30_000, 30_000),
    "text": "三组供水点".encode(),
    "a truncated jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 50,
}


@pytest.mark.parametrize("case", list(PHOTO_CASES))
def test_a_finding_refuses_hostile_photos(client, deputy, case):
    """Posted from the phone's queue: a 400 with the reason, and nothing recorded."""
    import uuid

    from inspections.factories import make_inspection
    from inspections.models import Finding, FindingPhoto

    inspection = make_inspection(station=deputy.station, organiser=deputy)
    client.force_login(deputy.user)
    response = client.post(
        reverse("inspections:record", args=[inspection.pk]),
        {
            "uuid": str(uuid.uuid4()),
            "stop": inspection.stops.first().pk,
            "text": "盖板破损。",
            "photo": SimpleUploadedFile("IMG.jpg", PHOTO_CASES[case], content_type="image/jpeg"),
        },
        headers={**EN, "X-Requested-With": "fetch"},
    )
    assert response.status_code == 400
    assert response.json()["error"]
    assert counts(Finding, FindingPhoto) == [0, 0]
