"""The importer's two doors: the import_law command and the content admin's upload page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from materials.lawtext import parse_law
from materials.models import Article, LawVersion, PendingLawImport

from .texts import SAMPLE, docx_bytes

# 第四条 numbered 第七条: 第五条 then goes backwards, which no text can mean.
BROKEN = SAMPLE.replace("第四条", "第七条")
BROKEN_LINE = BROKEN.split("\n").index("第五条　表决实行少数服从多数。") + 1
# 第四条 left out: a gap, which a damaged copy has, though a text may mean it.
GAP = SAMPLE.replace("第四条　议题应当写明事由。\n", "")
GAP_LINE = GAP.split("\n").index("第五条　表决实行少数服从多数。") + 1


def run(*args):
    out = io.StringIO()
    call_command("import_law", *args, stdout=out)
    return out.getvalue()


def test_command_prints_what_it_imported(db, tmp_path):
    path = tmp_path / "rules.md"
    path.write_text(SAMPLE, encoding="utf-8")

    first = run(str(path))
    second = run(str(path))

    assert "某某县村务议事规则" in first
    assert "effective 2024-06-30" in first and "imported:" in first
    assert "3 chapters, 2 sections, 6 articles" in first
    assert "already imported, nothing changed" in second
    assert LawVersion.objects.count() == 1


def test_command_takes_a_docx_and_a_date(db, tmp_path):
    path = tmp_path / "rules.docx"
    path.write_bytes(docx_bytes(SAMPLE))

    output = run(str(path), "--effective-date", "2024-07-01", "--short-name", "议事规则")

    assert "effective 2024-07-01" in output and "imported:" in output
    assert LawVersion.objects.get().law.short_name == "议事规则"


def test_command_rejects_a_malformed_file_with_its_line(db, tmp_path):
    path = tmp_path / "broken.md"
    path.write_text(BROKEN, encoding="utf-8")

    with pytest.raises(CommandError, match=rf"broken\.md, line {BROKEN_LINE}: expected article 8"):
        run(str(path))
    assert not Article.objects.exists()


def test_command_refuses_a_gap_until_told_to_accept_it(db, tmp_path):
    path = tmp_path / "gap.md"
    path.write_text(GAP, encoding="utf-8")

    with pytest.raises(CommandError, match=rf"line {GAP_LINE}: 第四条 missing"):
        run(str(path))
    assert not Article.objects.exists()

    assert "imported" in run(str(path), "--accept-warnings")
    numbers = Article.objects.order_by("number").values_list("number", flat=True)
    assert list(numbers) == [1, 2, 3, 5, 6]


def test_command_rejects_a_bad_date(db, tmp_path):
    path = tmp_path / "rules.md"
    path.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(CommandError, match="Not a date"):
        run(str(path), "--effective-date", "2024-13-01")


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_editor_imports_through_the_admin(client, editor):
    client.force_login(editor)
    preview = client.post(
        "/admin/laws/import/",
        {"file": upload("rules.docx", docx_bytes(SAMPLE))},
        headers={"accept-language": "en"},
    )
    assert preview.status_code == 302 and not LawVersion.objects.exists()

    response = client.post(preview["Location"], headers={"accept-language": "en"})

    version = LawVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == version.law.url
    page = client.get(response["Location"], headers={"accept-language": "en"})
    assert "3 chapters, 2 sections, 6 articles" in page.content.decode()


def test_admin_shows_the_failing_line_and_writes_nothing(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/laws/import/",
        {"file": upload("broken.md", BROKEN.encode())},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 200
    assert f"Line {BROKEN_LINE}: expected article 8" in response.content.decode()
    assert not LawVersion.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("rules.doc", "An old Word, WPS or RTF file cannot be read: open it and save it as .docx"),
        ("rules.wps", "An old Word, WPS or RTF file cannot be read"),
        ("rules.odt", "Upload a .docx, .pdf, .txt or .md file."),
    ],
)
def test_admin_refuses_other_file_types(client, editor, name, message):
    client.force_login(editor)
    response = client.post(
        "/admin/laws/import/",
        {"file": upload(name, b"\xd0\xcf\x11\xe0")},
        headers={"accept-language": "en"},
    )
    assert message in response.content.decode()
    assert not PendingLawImport.objects.exists()


@pytest.mark.parametrize("indent", ["", "\u3000\u3000"])
def test_an_editor_pastes_the_text_copied_from_a_web_page(client, editor, indent):
    """Copied out of a browser: the title and headings centred with spaces, the title over two
    lines, paragraphs indented or not, a line broken mid-sentence, blank lines anywhere."""
    body = SAMPLE.split("<!-- INFO END -->")[1].replace("某某县村务议事规则\n", "")
    lines = [
        line.replace("### ", "        ").replace("## ", "        ")
        if line.startswith("#")
        else (indent + line if line else line)
        for line in body.replace("为了规范村务议事，", "为了规范村务\n议事，").split("\n")
    ]
    pasted = (
        "\n        某某县村务\n        议事规则\n\n（2020年1月1日某某县人民代表大会常务委员会第一次"
        "会议通过　根据2024年6月30日某某县人民代表大会常务委员会第九次会议修正）\n\n"
        + "\n".join(lines)
    )
    client.force_login(editor)
    preview = client.post(
        "/admin/laws/import/", {"text": pasted}, headers={"accept-language": "en"}
    )
    assert preview.status_code == 302, preview.content.decode()[:3000]
    assert PendingLawImport.objects.get().file_name == "pasted.txt"

    client.post(preview["Location"], headers={"accept-language": "en"})

    version = LawVersion.objects.get()
    assert version.fingerprint == parse_law(SAMPLE).fingerprint()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a file, or paste the text."),
        ({"text": "  \n "}, "Choose a file, or paste the text."),
        (
            {"text": SAMPLE, "file": upload("rules.md", SAMPLE.encode())},
            "Choose a file or paste the text: one of the two.",
        ),
    ],
)
def test_a_file_or_a_text_but_not_both(client, editor, data, message):
    client.force_login(editor)
    response = client.post("/admin/laws/import/", data, headers={"accept-language": "en"})
    assert message in response.content.decode()
    assert not PendingLawImport.objects.exists()


def test_a_pasted_text_that_cannot_be_read_says_where(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/laws/import/", {"text": BROKEN}, headers={"accept-language": "en"}
    )
    assert f"Line {BROKEN_LINE}: expected article 8" in response.content.decode()
    assert not PendingLawImport.objects.exists()


def test_only_editors_import(client, deputy, station_staff):
    for user in (deputy.user, station_staff):
        client.force_login(user)
        response = client.get("/admin/laws/import/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?next=/admin/laws/import/"
    assert not LawVersion.objects.exists()


def test_editors_list_and_delete_versions_but_never_edit_them(client, editor, sample_version):
    client.force_login(editor)
    listing = client.get("/admin/law_versions/")
    assert listing.status_code == 200
    assert "某某县村务议事规则 (2024-06-30)" in listing.content.decode()
    assert client.get("/admin/law_versions/new/").status_code == 302
    assert client.get(f"/admin/law_versions/edit/{sample_version.pk}/").status_code == 302

    response = client.post(f"/admin/law_versions/delete/{sample_version.pk}/")

    assert response.status_code == 302
    assert not LawVersion.objects.exists()
    assert not Article.objects.exists()
