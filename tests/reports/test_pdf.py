import shutil
import subprocess

import pytest
from django.urls import reverse

TOOLS = {name: shutil.which(name) for name in ("pdftotext", "pdffonts")}
pytestmark = pytest.mark.skipif(
    not all(TOOLS.values()), reason="poppler-utils is not installed (make test-deps)"
)


def _tool(name, data, tmp_path) -> str:
    path = tmp_path / "archive.pdf"
    path.write_bytes(data)
    args = [TOOLS[name], str(path)] + (["-"] if name == "pdftotext" else [])
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603


@pytest.fixture
def pdf(client, deputy, record):
    client.force_login(deputy.user)
    response = client.get(reverse("reports:archive_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="archive-{deputy.pk}.pdf"' in response["Content-Disposition"]
    return response.content


def test_pdf_holds_the_name_the_place_and_the_courses(pdf, record, tmp_path):
    text = _tool("pdftotext", pdf, tmp_path)
    for words in ["王秀英", "递铺街道", "递铺代表联络站", "代表法入门", "监督法要点", "学习监督法"]:
        assert words in text
    assert record["certificate"].serial in text
    assert "7.5" in text  # credit hours over all years, the accepted draft's 0.5 among them
    assert "写作练习" in text


def test_font_is_embedded_and_subset(pdf, tmp_path):
    fonts = _tool("pdffonts", pdf, tmp_path).splitlines()[2:]
    assert fonts, "the PDF has no fonts"
    for line in fonts:
        emb, sub, uni = line.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line


def test_staff_pdf_of_one_year(client, station_staff, deputy, record, tmp_path):
    client.force_login(station_staff)
    url = reverse("reports:deputy_archive_pdf", args=[deputy.pk])
    response = client.get(url, {"year": 2025})
    assert f'filename="archive-{deputy.pk}-2025.pdf"' in response["Content-Disposition"]
    text = _tool("pdftotext", response.content, tmp_path)
    assert "代表法入门" in text
    assert "监督法要点" not in text


def test_markup_in_names_is_printed_as_text(client, deputy, station_staff, tmp_path):
    deputy.user.name = "<b>王</b>秀英"
    deputy.user.save()
    client.force_login(station_staff)
    response = client.get(reverse("reports:deputy_archive_pdf", args=[deputy.pk]))
    assert "<b>王</b>秀英" in _tool("pdftotext", response.content, tmp_path)
