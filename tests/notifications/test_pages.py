import re

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification
from notifications.services import notify
from training_site.context_processors import navigation

CENTRE = reverse("notifications:list")


def sign_in(client, user):
    client.force_login(user)
    return client


def notification_queries(queries):
    return [q["sql"] for q in queries if "notifications_notification" in q["sql"]]


def test_centre_needs_signing_in(client):
    response = client.get(CENTRE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_centre_lists_only_my_notifications_newest_first(english, deputy, other_station_deputy):
    notify([deputy.user], title="第一条", url="/proposals/")
    notify([deputy.user], title="第二条", body="请按时参加。")
    notify([other_station_deputy.user], title="别人的通知")
    Notification.objects.filter(title="第一条").update(read_at="2026-01-01T00:00:00Z")
    sign_in(english, deputy.user)
    page = english.get(CENTRE).text
    assert page.index("第二条") < page.index("第一条")
    assert "请按时参加。" in page
    assert "别人的通知" not in page
    assert page.count('class="notification notification--unread"') == 1
    assert page.count(">Unread<") == 1
    first = Notification.objects.get(title="第一条")
    assert reverse("notifications:open", args=[first.pk]) in page


def test_empty_centre_says_so(english, deputy):
    sign_in(english, deputy.user)
    page = english.get(CENTRE).text
    assert "No notifications yet." in page
    assert "Mark all as read" not in page


def test_markup_in_a_notification_is_shown_as_text(english, deputy):
    notify([deputy.user], title="<script>alert(1)</script>", body="<b>粗体</b>\n第二行")
    sign_in(english, deputy.user)
    page = english.get(CENTRE).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;粗体&lt;/b&gt;<br>第二行" in page


def test_opening_marks_read_and_follows_the_link(client, deputy):
    notify([deputy.user], title="审阅完毕", url="/proposals/?tab=returned")
    notification = Notification.objects.get()
    sign_in(client, deputy.user)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response.url == "/proposals/?tab=returned"
    notification.refresh_from_db()
    assert not notification.is_unread
    # Opening it again keeps the first reading time and still leads there.
    read_at = notification.read_at
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.url == "/proposals/?tab=returned"
    notification.refresh_from_db()
    assert notification.read_at == read_at


def test_opening_one_without_a_link_returns_to_the_centre(client, deputy):
    notify([deputy.user], title="仅通知")
    sign_in(client, deputy.user)
    response = client.get(reverse("notifications:open", args=[Notification.objects.get().pk]))
    assert response.url == CENTRE


def test_another_users_notification_is_404_and_stays_unread(client, deputy, other_station_deputy):
    notify([other_station_deputy.user], title="别人的通知", url="/proposals/")
    theirs = Notification.objects.get()
    sign_in(client, deputy.user)
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    client.post(reverse("notifications:mark_read"), {"notification": [theirs.pk]})
    client.post(reverse("notifications:mark_read"))
    theirs.refresh_from_db()
    assert theirs.is_unread


def test_an_external_link_that_got_into_the_table_is_not_followed(client, deputy):
    notify([deputy.user], title="旧数据", url="/study/1/")
    # Written around the model's validation, as a careless data migration might.
    Notification.objects.update(url="https://evil.example/")
    sign_in(client, deputy.user)
    response = client.get(reverse("notifications:open", args=[Notification.objects.get().pk]))
    assert response.url == CENTRE


def test_mark_all_as_read(english, deputy):
    notify([deputy.user], title="一", url="/proposals/")
    notify([deputy.user], title="二")
    sign_in(english, deputy.user)
    assert "Mark all as read" in english.get(CENTRE).text
    assert english.get(reverse("notifications:mark_read")).status_code == 405
    response = english.post(reverse("notifications:mark_read"), follow=True)
    assert "2 notifications marked as read." in response.text
    assert "Mark all as read" not in response.text
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mark_one_without_a_link_as_read(english, deputy):
    notify([deputy.user], title="一")
    notify([deputy.user], title="二")
    first = Notification.objects.get(title="一")
    sign_in(english, deputy.user)
    page = english.get(CENTRE).text
    assert page.count("Mark as read") == 2
    # Ids that are no ids mark nothing, rather than everything.
    english.post(reverse("notifications:mark_read"), {"notification": ["x", "²", "9" * 30]})
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    english.post(reverse("notifications:mark_read"), {"notification": [str(first.pk), "x"]})
    unread = Notification.objects.filter(read_at__isnull=True)
    assert list(unread.values_list("title", flat=True)) == ["二"]


def badge(html):
    match = re.search(r'<span class="nav-badge" aria-hidden="true">(\d+)</span>', html)
    return int(match.group(1)) if match else None


def test_menu_shows_the_unread_count(english, deputy, other_station_deputy):
    sign_in(english, deputy.user)
    home = english.get(reverse("home")).text
    assert 'href="/notifications/"' in home
    assert badge(home) is None
    notify([deputy.user], title="一", url="/proposals/")
    notify([deputy.user], title="二")
    notify([deputy.user], title="三")
    notify([other_station_deputy.user], title="别人的")
    home = english.get(reverse("home")).text
    assert badge(home) == 3
    assert '<span class="visually-hidden">(3 unread)</span>' in home
    english.get(reverse("notifications:open", args=[Notification.objects.get(title="一").pk]))
    assert badge(english.get(reverse("home")).text) == 2
    english.post(reverse("notifications:mark_read"))
    assert badge(english.get(reverse("home")).text) is None


def test_staff_see_the_badge_too(english, station_staff):
    notify([station_staff], title="新的草稿待审阅", url="/proposals/review/")
    sign_in(english, station_staff)
    assert badge(english.get(reverse("home")).text) == 1


def test_menu_marks_the_centre_as_current(english, deputy):
    sign_in(english, deputy.user)
    page = english.get(CENTRE).text
    assert 'href="/notifications/" aria-current="page"' in page


def test_unread_count_is_one_query_and_only_when_the_menu_is_shown(deputy):
    notify([deputy.user], title="一")
    request = RequestFactory().get("/")
    request.user = deputy.user
    with CaptureQueriesContext(connection) as building:
        nav = navigation(request)["nav"]
    assert notification_queries(building.captured_queries) == []
    with CaptureQueriesContext(connection) as counting:
        assert nav["unread_notifications"]() == 1
        assert nav["unread_notifications"]() == 1
    assert len(counting.captured_queries) == 1


def test_centre_queries_are_pinned_and_do_not_grow(
    english, deputy, django_assert_num_queries, django_assert_max_num_queries
):
    notify([deputy.user], title="第一条", url="/proposals/")
    sign_in(english, deputy.user)
    english.get(CENTRE)  # warm the caches (content types, site)
    # Session, user, scope, deputy, section URLs; then the unread count (shared by the menu and
    # the "Mark all as read" button) and the list.
    with django_assert_max_num_queries(7):
        english.get(CENTRE)
    with CaptureQueriesContext(connection) as one:
        english.get(CENTRE)
    assert len(notification_queries(one.captured_queries)) == 2
    for number in range(30):
        notify([deputy.user], title=f"通知{number}", url=f"/proposals/{number}/")
    with django_assert_num_queries(len(one)):
        response = english.get(CENTRE)
    assert response.text.count('class="notification notification--unread"') == 31


def test_centre_shows_the_latest_fifty(english, deputy):
    for number in range(51):
        notify([deputy.user], title=f"通知{number}")
    sign_in(english, deputy.user)
    page = english.get(CENTRE).text
    assert page.count('<li class="notification') == 50
    assert "通知0<" not in page
    assert "Showing the latest 50 notifications." in page
