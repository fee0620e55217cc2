import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deputies.factories import UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role

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
    # sections and unread count, the deputy's seats and the archive's seven reads.
    with django_assert_max_num_queries(16):
        client.get(url)
    few = _page_queries(client, url)
    for n in range(10):
        attend(deputy, station, topic=f"集中学习{n}", when=at(2024, 3, n + 1))
    assert _page_queries(client, url) == few
