from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deputies.factories import UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from quizzes.factories import AttemptFactory, QuizFactory
from quizzes.models import Attempt

from .records import at, attend

PAGE_AND_PDF = ["", "archive.pdf"]


def archive_url(deputy, suffix=""):
    return reverse("reports:deputy_archive", args=[deputy.pk]) + suffix


@pytest.fixture
def other_county_officer(other_county):
    user = UserFactory(name="外县干部", mobile="13700000009")
    grant_role(user=user, kind=StaffRole.Kind.COUNTY, place=other_county)
    return user


def test_a_deputy_reads_their_own_archive(client, deputy, record):
    client.force_login(deputy.user)
    response = client.get(reverse("reports:archive"))
    assert response.status_code == 200
    html = response.content.decode()
    shown = ["王秀英", "代表法入门", "监督法要点", "代表法小测", "学习监督法", "村道被货车压坏"]
    for text in shown:
        assert text in html
    assert record["certificate"].serial in html
    assert reverse("reports:archive_pdf") in html
    # The menu leads here.
    assert f'href="{reverse("reports:archive")}" aria-current="page"' in html


@pytest.mark.parametrize("suffix", PAGE_AND_PDF)
def test_another_deputys_archive_does_not_exist_for_a_deputy(
    client, deputy, other_station_deputy, suffix
):
    client.force_login(deputy.user)
    assert client.get(archive_url(other_station_deputy, suffix)).status_code == 404


@pytest.mark.parametrize("suffix", PAGE_AND_PDF)
def test_staff_without_a_deputy_record_have_no_own_archive(client, station_staff, suffix):
    client.force_login(station_staff)
    assert client.get(reverse("reports:archive") + suffix).status_code == 404


@pytest.mark.parametrize("suffix", PAGE_AND_PDF)
@pytest.mark.parametrize("staff", ["station_staff", "township_staff", "county_officer"])
def test_staff_in_scope_read_the_archive(client, request, deputy, record, staff, suffix):
    client.force_login(request.getfixturevalue(staff))
    response = client.get(archive_url(deputy, suffix))
    assert response.status_code == 200
    if not suffix:
        assert "代表法入门" in response.content.decode()


@pytest.mark.parametrize("suffix", PAGE_AND_PDF)
def test_station_staff_of_another_station_get_404(
    client, station_staff, other_station_deputy, suffix
):
    client.force_login(station_staff)
    assert client.get(archive_url(other_station_deputy, suffix)).status_code == 404


@pytest.mark.parametrize("suffix", PAGE_AND_PDF)
def test_an_officer_of_another_county_gets_404(client, other_county_officer, deputy, suffix):
    client.force_login(other_county_officer)
    assert client.get(archive_url(deputy, suffix)).status_code == 404


@pytest.mark.parametrize("suffix", PAGE_AND_PDF)
def test_signed_out_visitors_are_sent_to_sign_in(client, deputy, suffix):
    response = client.get(archive_url(deputy, suffix))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_deputys_page_links_staff_to_the_archive(client, station_staff, deputy):
    client.force_login(station_staff)
    html = client.get(reverse("deputy_detail", args=[deputy.pk])).content.decode()
    assert f'href="{archive_url(deputy)}"' in html


def test_a_year_filters_the_page(client, deputy, record):
    client.force_login(deputy.user)
    html = client.get(reverse("reports:archive"), {"year": 2025}).content.decode()
    assert "代表法入门" in html
    assert "监督法要点" not in html
    assert f'href="{reverse("reports:archive_pdf")}?year=2025"' in html


@pytest.mark.parametrize("suffix", PAGE_AND_PDF)
@pytest.mark.parametrize("year", ["abc", "1850", "2026x"])
def test_a_bad_year_is_refused_with_a_message(english, deputy, year, suffix):
    english.force_login(deputy.user)
    response = english.get(reverse("reports:archive") + suffix, {"year": year})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "The year must be a year such as 2026." in response.content.decode()


def test_markup_in_names_is_shown_as_text(client, deputy, station_staff):
    deputy.user.name = "<b>王</b>秀英"
    deputy.user.save()
    client.force_login(station_staff)
    html = client.get(archive_url(deputy)).content.decode()
    assert "&lt;b&gt;王&lt;/b&gt;秀英" in html
    assert "<b>王</b>" not in html


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_queries_are_pinned_and_do_not_grow(
    client, deputy, station, record, django_assert_max_num_queries
):
    client.force_login(deputy.user)
    url = reverse("reports:archive")
    # Session, user, roles, deputy (twice: the record, then with its places), the menu's
    # sections and unread count, the deputy's seats and the archive's seven reads; and the
    # record of duties' five (reports.duties: days on duty, matters, inspections, the
    # deputy's findings, suggestions), whatever the number of rows (tests/reports/test_duties).
    with django_assert_max_num_queries(21):
        client.get(url)
    few = _page_queries(client, url)
    for n in range(10):
        attend(deputy, station, topic=f"集中学习{n}", when=at(2024, 3, n + 1))
    assert _page_queries(client, url) == few


def download_names(response) -> tuple[str, str]:
    """The name a browser saves the download under (`filename*`, RFC 5987: charset, empty
    language, percent-encoded UTF-8), and the plain ASCII `filename` older clients use."""
    header = response["Content-Disposition"]
    disposition, *params = (part.strip() for part in header.split(";"))
    assert disposition == "attachment"
    params = dict(param.split("=", 1) for param in params)
    charset, language, encoded = params["filename*"].split("'")
    assert (charset.upper(), language) == ("UTF-8", "")
    plain = params["filename"]
    assert plain.startswith('"') and plain.endswith('"') and plain.isascii()
    return unquote(encoded, errors="strict"), plain.strip('"')


def test_the_pdf_is_named_after_the_archive_and_the_deputy(client, deputy, record):
    client.force_login(deputy.user)
    assert download_names(client.get(reverse("reports:archive_pdf"))) == (
        "学习履职档案-王秀英.pdf",
        f"archive-{deputy.pk}.pdf",
    )
    response = client.get(reverse("reports:archive_pdf"), {"year": 2025})
    assert download_names(response) == (
        "学习履职档案-王秀英-2025.pdf",
        f"archive-{deputy.pk}-2025.pdf",
    )
    # In English, the English word; a slash in a name does not make a folder.
    deputy.user.name = "Wang / Xiuying"
    deputy.user.save()
    english = client.get(reverse("reports:archive_pdf"), headers={"accept-language": "en"})
    assert download_names(english)[0] == ("Learning and duties record-Wang Xiuying.pdf")


def test_a_quiz_awaiting_grading_says_what_waits_and_whose_score_is_shown(client, deputy):
    quiz = QuizFactory(title="代表法测验")
    # The first attempt was graded (1 of 4 points); the second is handed in, its written
    # answer not yet graded, so it has no score at all.
    AttemptFactory(quiz=quiz, deputy=deputy, number=1, passed=False, submitted_at=at(2026, 3, 1))
    AttemptFactory(
        quiz=quiz,
        deputy=deputy,
        number=2,
        status=Attempt.Status.SUBMITTED,
        passed=None,
        score=None,
        graded_at=None,
        submitted_at=at(2026, 3, 5),
    )
    client.force_login(deputy.user)
    html = client.get(reverse("reports:archive")).content.decode()
    row = html[html.index("代表法测验") : html.index("</tr>", html.index("代表法测验"))]
    assert "25%" in row
    assert "已评分的作答中" in row  # the 25% is of the graded first attempt
    assert "第2次作答已交卷，简答题等待工作人员评分。" in row
    assert "未通过" not in row
    client.force_login(deputy.user)
    # Once passed, nothing is said to be waiting any more.
    Attempt.objects.filter(number=2, quiz=quiz).update(
        status=Attempt.Status.GRADED, score=4, passed=True
    )
    html = client.get(reverse("reports:archive")).content.decode()
    row = html[html.index("代表法测验") : html.index("</tr>", html.index("代表法测验"))]
    assert "100%" in row and "通过" in row and "交卷" not in row


def test_every_cell_of_the_archive_tables_names_its_column_for_the_phone_layout(
    client, deputy, record
):
    client.force_login(deputy.user)
    html = client.get(reverse("reports:archive")).content.decode()
    # Seven of the learning archive's, and the record of duties' summary by year (its lists
    # are empty here: tests/reports/test_duties fills them).
    assert html.count('class="table table--stack"') == 8
    assert '<table class="table">' not in html
    # A data cell without its label would show a bare value on a phone.
    assert "<td>" not in html and '<td class="num">' not in html
