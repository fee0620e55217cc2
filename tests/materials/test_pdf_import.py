"""Laws imported from PDFs with a text layer, rendered here as the national law database
prints them: a narrow column, the title as running header, page numbers in the margin."""

import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from weasyprint import HTML

from materials import pdftext
from materials.lawtext import LawParseError, parse_law, read_law_file
from materials.models import Article, LawVersion
from materials.services import import_law

from .texts import SAMPLE, assert_same_law, numbered_law, pdf_bytes

SHARED = [
    "daibiaofa-2015-08-29.md",
    "daibiaofa-2025-03-11.md",
    "zhejiang-daibiaofa-shishi-2016-05-27.md",
]
LARGE = numbered_law("某某省代表工作条例", chapters=3, articles_per_chapter=8)


@pytest.fixture(scope="module")
def pdfs():
    """Rendered once for the module: WeasyPrint takes about a second a law."""
    return {"sample": pdf_bytes(SAMPLE), "large": pdf_bytes(LARGE)}


def test_the_pdfs_are_laid_out_as_published(pdfs):
    """What the tests below read: lines broken mid-sentence, the title on every page."""
    text = pdftext.pdf_text(pdfs["sample"])
    assert text.count("某某县村务议事规则") >= 3
    assert "- 2 -" in text
    assert "第一条　为了规范村务议事，制定本规则。" not in text.replace("\u3000\u3000", "")


@pytest.mark.parametrize(("name", "clean"), [("sample", SAMPLE), ("large", LARGE)])
def test_own_texts_as_pdf_read_like_the_clean_copy(pdfs, name, clean):
    assert_same_law(read_law_file(f"{name}.pdf", pdfs[name]), clean)


@pytest.mark.parametrize("name", SHARED)
def test_official_texts_as_pdf_import_like_the_clean_copy(db, shared_laws, name):
    clean = (shared_laws / name).read_text(encoding="utf-8")
    parsed = read_law_file(name.replace(".md", ".pdf"), pdf_bytes(clean))
    assert_same_law(parsed, clean)

    version = import_law(parsed=parsed, source_name=name).version

    stored = list(version.articles.order_by("number").values_list("number", "text"))
    assert stored == [(a.number, a.text) for a in parse_law(clean).articles]


def test_a_scan_is_refused_as_a_scan():
    image = HTML(string='<div style="width:50mm;height:50mm;background:#888"></div>').write_pdf()
    with pytest.raises(LawParseError, match="scan"):
        read_law_file("scan.pdf", image)


def test_a_password_protected_pdf_is_refused(pdfs):
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdfs["sample"]))
    writer.encrypt("secret", algorithm="AES-128")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(LawParseError, match="password"):
        read_law_file("locked.pdf", locked.getvalue())


def test_a_pdf_locked_only_against_copying_is_read(pdfs):
    """Official downloads often forbid copying or printing, with no password to open them:
    the text is there to read, so it is read."""
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdfs["sample"]))
    writer.encrypt(
        user_password="",
        owner_password="owner",
        permissions_flag=pypdf.constants.UserAccessPermissions.PRINT,
        algorithm="AES-128",
    )
    locked = io.BytesIO()
    writer.write(locked)
    assert_same_law(read_law_file("locked.pdf", locked.getvalue()), SAMPLE)


@pytest.mark.parametrize(
    "content", [b"%PDF-1.4\nnot a pdf at all", b"", b"PK\x03\x04 a zip", "truncated"]
)
def test_a_broken_pdf_is_refused(pdfs, content):
    if content == "truncated":
        content = pdfs["sample"][: len(pdfs["sample"]) // 3]
    with pytest.raises(LawParseError, match="PDF"):
        read_law_file("broken.pdf", content)


def test_a_pdf_of_too_many_pages_is_refused(pdfs, monkeypatch):
    monkeypatch.setattr(pdftext, "MAX_PAGES", 1)
    with pytest.raises(LawParseError, match="more than 1 pages"):
        read_law_file("long.pdf", pdfs["sample"])


def test_the_command_imports_a_pdf(db, tmp_path, pdfs):
    path = tmp_path / "rules.pdf"
    path.write_bytes(pdfs["sample"])
    out = io.StringIO()

    call_command("import_law", str(path), stdout=out)

    assert "3 chapters, 2 sections, 6 articles" in out.getvalue()
    assert Article.objects.count() == 6


def test_an_editor_uploads_a_pdf(client, editor, pdfs):
    client.force_login(editor)
    preview = client.post(
        "/admin/laws/import/",
        {"file": SimpleUploadedFile("rules.pdf", pdfs["sample"])},
        headers={"accept-language": "en"},
    )
    assert preview.status_code == 302 and not LawVersion.objects.exists()
    shown = client.get(preview["Location"], headers={"accept-language": "en"}).content.decode()
    assert "3 chapters, 2 sections, 6 articles" in shown and "第六条" in shown

    response = client.post(preview["Location"], headers={"accept-language": "en"})

    version = LawVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == version.law.url
    assert version.law.title == "某某县村务议事规则"
    assert Article.objects.count() == 6


def test_kangxi_radicals_read_as_the_characters_they_look_like():
    """Some fonts map 一 and 人 to the radicals ⼀ and ⼈: the same to a reader, not to search."""
    look_alike = SAMPLE.replace("一", "\u2f00").replace("人", "\u2f08")
    assert_same_law(read_law_file("radicals.pdf", pdf_bytes(look_alike)), SAMPLE)


def test_refusals_are_in_the_editors_language():
    image = HTML(string='<div style="width:50mm;height:50mm;background:#888"></div>').write_pdf()
    with translation.override("zh-hans"), pytest.raises(LawParseError, match="扫描件"):
        read_law_file("scan.pdf", image)
